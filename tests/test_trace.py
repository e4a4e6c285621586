"""Trace: names, get() layout, and gates consistent with the cell equations."""

import numpy as np
import pytest
import torch

import gates


def _sig(a):
    return 1 / (1 + np.exp(-a))


def _prev(tr, layer, direction, name="hidden"):
    """Each row's previous state, in input-time order (direction 1 steps backwards)."""
    rec = tr.records[(layer, direction)]
    start = rec.h0 if name == "hidden" else rec.c0
    seq = tr.get(name, layer, direction)
    if not tr.batched:
        start = start[0]
    if direction == 0:
        return np.concatenate([start[None], seq[:-1]])
    return np.concatenate([seq[1:], start[None]])


@pytest.mark.parametrize("batched", [False, True])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_lstm_gates_recompute_states(batched, bidirectional):
    net = gates.LSTM(3, 4, num_layers=2, bidirectional=bidirectional, seed=0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 2, 3) if batched else (5, 3))
    tr = net.trace(x)
    assert tr.names == ("input", "forget", "candidate", "output", "cell", "hidden")
    for layer in range(2):
        for d in range(2 if bidirectional else 1):
            i, f, g, o = (tr.get(n, layer, d) for n in ("input", "forget", "candidate", "output"))
            c = tr.get("cell", layer, d)
            label = f"layer {layer} direction {d} batched {batched}"
            np.testing.assert_allclose(c, f * _prev(tr, layer, d, "cell") + i * g, atol=1e-14,
                                       err_msg="c_t = f*c_prev + i*g " + label)
            np.testing.assert_allclose(tr.get("hidden", layer, d), o * np.tanh(c), atol=1e-14,
                                       err_msg="h = o*tanh(c) " + label)


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_gru_gates_recompute_hidden_and_match_torch_cell(reset_after, bidirectional):
    net = gates.GRU(2, 3, num_layers=2, bidirectional=bidirectional, reset_after=reset_after,
                    seed=1)
    x = np.random.default_rng(1).standard_normal((6, 2))
    tr = net.trace(x)
    for layer in range(2):
        for d in range(2 if bidirectional else 1):
            r, z, n, h = (tr.get(k, layer, d) for k in ("reset", "update", "candidate", "hidden"))
            hp = _prev(tr, layer, d)
            np.testing.assert_allclose(h, (1 - z) * n + z * hp, atol=1e-14,
                                       err_msg=f"h = (1-z)*n + z*h_prev, layer {layer} dir {d}")
            rec = tr.records[(layer, d)]
            xin = rec.x[:, 0]
            w_ih, w_hh, b_ih, b_hh = rec.weight_ih, rec.weight_hh, rec.bias_ih, rec.bias_hh
            a_i = xin @ w_ih.T + b_ih
            H = 3
            np.testing.assert_allclose(r, _sig(a_i[:, :H] + hp @ w_hh[:H].T + b_hh[:H]), atol=1e-14)
            if reset_after:
                want_n = np.tanh(a_i[:, 2 * H:] + r * (hp @ w_hh[2 * H:].T + b_hh[2 * H:]))
            else:
                want_n = np.tanh(a_i[:, 2 * H:] + (r * hp) @ w_hh[2 * H:].T + b_hh[2 * H:])
            np.testing.assert_allclose(n, want_n, atol=1e-14, err_msg=f"candidate l{layer} d{d}")
            if reset_after:  # torch's single-step cell on the recorded previous state
                cell = torch.nn.GRUCell(rec.x.shape[-1], H, dtype=torch.float64)
                cell.load_state_dict({"weight_ih": torch.tensor(w_ih),
                                      "weight_hh": torch.tensor(w_hh),
                                      "bias_ih": torch.tensor(b_ih),
                                      "bias_hh": torch.tensor(b_hh)})
                with torch.no_grad():
                    want = cell(torch.from_numpy(xin), torch.from_numpy(hp)).numpy()
                np.testing.assert_allclose(h, want, atol=1e-14, err_msg="torch GRUCell")


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_rnn_preactivation_and_hidden(nonlinearity):
    net = gates.RNN(2, 3, nonlinearity=nonlinearity, bidirectional=True, seed=2)
    x = np.random.default_rng(2).standard_normal((4, 2))
    tr = net.trace(x)
    assert tr.names == ("preactivation", "hidden")
    for d in range(2):
        rec = tr.records[(0, d)]
        a = x @ rec.weight_ih.T + rec.bias_ih + _prev(tr, 0, d) @ rec.weight_hh.T + rec.bias_hh
        np.testing.assert_allclose(tr.get("preactivation", 0, d), a, atol=1e-14)
        act = np.tanh(a) if nonlinearity == "tanh" else np.maximum(a, 0)
        np.testing.assert_allclose(tr.get("hidden", 0, d), act, atol=1e-14)


def test_get_shapes_are_time_major():
    net = gates.GRU(2, 3, batch_first=True, bidirectional=True, seed=0)
    tr = net.trace(np.zeros((4, 5, 2)))  # batch 4, length 5
    assert tr.output.shape == (4, 5, 6)
    assert tr.h_n.shape == (2, 4, 3)
    assert tr.x_shape == (4, 5, 2)
    for name in tr.names:
        assert tr.get(name, 0, 1).shape == (5, 4, 3)
    np.testing.assert_array_equal(tr.get("hidden", 0, 0), tr.output[:, :, :3].transpose(1, 0, 2))
    np.testing.assert_array_equal(tr.get("hidden", 0, 1), tr.output[:, :, 3:].transpose(1, 0, 2))
    un = net.trace(np.zeros((5, 2)))
    assert un.get("reset").shape == (5, 3) and un.output.shape == (5, 6) and un.h_n.shape == (2, 3)
    assert not un.batched and un.x_shape == (5, 2)


def test_records_layout():
    net = gates.LSTM(2, 3, num_layers=2, bidirectional=True, bias=False, seed=0)
    x = np.random.default_rng(0).standard_normal((4, 2))
    tr = net.trace(x)
    assert set(tr.records) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    r0, r1 = tr.records[(0, 1)], tr.records[(1, 0)]
    np.testing.assert_array_equal(r0.x[:, 0], x)
    below = np.concatenate([tr.get("hidden", 0, 0), tr.get("hidden", 0, 1)], -1)
    np.testing.assert_array_equal(r1.x[:, 0], below)
    assert r0.h0.shape == (1, 3) and r0.c0.shape == (1, 3)
    assert r0.weight_ih.shape == (12, 2) and r1.weight_ih.shape == (12, 6)
    assert r0.bias_ih.shape == (12,) and not r0.bias_ih.any() and not r0.bias_hh.any()
    assert set(r0.gates) == set(tr.names)
    assert tr.c_n is not None and tr.config.num_layers == 2 and tr.kind == "lstm"
    assert "bias_ih_l0" not in net.state_dict()


def test_get_returns_a_copy():
    tr = gates.GRU(1, 2, seed=0).trace(np.ones((3, 1)))
    a = tr.get("update")
    a[:] = 7
    assert not np.any(tr.get("update") == 7)


def test_cells_standalone_match_the_recorded_step():
    from gates.cells import gru_cell, lstm_cell

    x = np.random.default_rng(5).standard_normal((2, 3, 2))  # (L, B, in)
    gru = gates.GRU(2, 4, seed=0)
    tr = gru.trace(x)
    rec = tr.records[(0, 0)]
    xp = (x[1] @ rec.weight_ih.T + rec.bias_ih).reshape(3, 3, 4).transpose(1, 0, 2)
    b_hh = rec.bias_hh.reshape(3, 1, 4)
    r, z, n, h = gru_cell(xp, tr.get("hidden")[0], rec.weight_hh.T, b_hh)
    np.testing.assert_allclose(h, tr.get("hidden")[1], atol=1e-14)
    np.testing.assert_allclose(n, tr.get("candidate")[1], atol=1e-14)

    lstm = gates.LSTM(2, 4, seed=0)
    tr = lstm.trace(x[:, :1])  # one batch row: the dot fast path
    rec = tr.records[(0, 0)]
    order = np.r_[0:8, 12:16, 8:12]  # torch's i, f, g, o -> the cell's i, f, o, g
    xp = (x[1, :1] @ rec.weight_ih[order].T + rec.bias_ih[order] + rec.bias_hh[order])
    i, f, g, o, c, h = lstm_cell(xp.reshape(4, 1, 4), tr.get("hidden")[0], tr.get("cell")[0],
                                 rec.weight_hh[order].T)
    np.testing.assert_allclose(c, tr.get("cell")[1], atol=1e-14)
    np.testing.assert_allclose(g, tr.get("candidate")[1], atol=1e-14)
    np.testing.assert_allclose(h, tr.get("hidden")[1], atol=1e-14)
