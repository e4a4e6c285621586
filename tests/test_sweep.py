"""A sweep equals running every variant on its own."""

import numpy as np
import pytest

import gates

CLASSES = {"rnn": gates.RNN, "gru": gates.GRU, "lstm": gates.LSTM}


@pytest.mark.parametrize("kind", CLASSES)
@pytest.mark.parametrize("layers, bidirectional, batch_first", [(1, False, False), (2, True, True)])
def test_sweep_equals_separate_runs(kind, layers, bidirectional, batch_first):
    cls = CLASSES[kind]
    net = cls(2, 3, num_layers=layers, bidirectional=bidirectional, batch_first=batch_first,
              seed=0)
    x = np.random.default_rng(0).standard_normal((5, 2))
    sds = [cls(2, 3, num_layers=layers, bidirectional=bidirectional, seed=s).state_dict()
           for s in range(4)]
    tr = gates.sweep(net, x, sds)
    assert tr.variants == 4 and tr.batched
    D = 2 if bidirectional else 1
    assert tr.output.shape == ((4, 5, D * 3) if batch_first else (5, 4, D * 3))
    for v, sd in enumerate(sds):
        one = cls(2, 3, num_layers=layers, bidirectional=bidirectional, batch_first=batch_first)
        one.load_state_dict(sd)
        ref = one.trace(x)
        label = f"{kind} variant {v}"
        out_v = tr.output[v] if batch_first else tr.output[:, v]
        np.testing.assert_allclose(out_v, ref.output, atol=1e-13, err_msg=label)
        np.testing.assert_allclose(tr.h_n[:, v], ref.h_n, atol=1e-13, err_msg=label)
        for layer in range(layers):
            for d in range(D):
                for name in tr.names:
                    got = tr.get(name, layer, d)
                    assert got.shape == (5, 4, 3)
                    np.testing.assert_allclose(got[:, v], ref.get(name, layer, d), atol=1e-13,
                                               err_msg=f"{label} {name} l{layer} d{d}")
                rec = tr.records[(layer, d)]
                assert rec.weight_ih.shape[0] == 4  # variant axis kept on the weights
                np.testing.assert_array_equal(rec.weight_hh[v], ref.records[(layer, d)].weight_hh)


def test_sweep_param_scalar_element():
    net = gates.GRU(1, 2, seed=3)
    x = np.sin(np.arange(6.0))[:, None]
    values = [-2.0, 0.0, 2.0]
    tr = gates.sweep_param(net, x, "bias_hh_l0", values, index=2)
    for v, value in enumerate(values):
        sd = net.state_dict()
        sd["bias_hh_l0"][2] = value
        one = gates.GRU(1, 2)
        one.load_state_dict(sd)
        np.testing.assert_allclose(tr.output[:, v], one(x)[0], atol=1e-13, err_msg=f"value {value}")
    # the base net is untouched
    assert net.state_dict()["bias_hh_l0"][2] not in values


def test_sweep_param_whole_array_and_lstm_hx():
    net = gates.LSTM(1, 2, seed=0)
    x = np.ones((3, 1))
    hx = (np.full((1, 2), 0.5), np.full((1, 2), -0.5))
    vals = [np.zeros((8, 1)), np.ones((8, 1))]
    tr = gates.sweep_param(net, x, "weight_ih_l0", vals, hx=hx)
    for v, w in enumerate(vals):
        sd = net.state_dict()
        sd["weight_ih_l0"] = w
        one = gates.LSTM(1, 2)
        one.load_state_dict(sd)
        out, (h, c) = one(x, hx)
        np.testing.assert_allclose(tr.output[:, v], out, atol=1e-13)
        np.testing.assert_allclose(tr.c_n[:, v], c, atol=1e-13)


@pytest.mark.parametrize("H", [2, 6])  # both forms of the sweep's recurrent product
@pytest.mark.parametrize("make", [
    lambda H, s: gates.GRU(2, H, reset_after=False, seed=s),
    lambda H, s: gates.GRU(2, H, seed=s),
    lambda H, s: gates.LSTM(2, H, bidirectional=True, seed=s),
    lambda H, s: gates.RNN(2, H, nonlinearity="relu", seed=s),
    lambda H, s: gates.GRU(2, H, bias=False, num_layers=2, seed=s),
], ids=["gru-reset-before", "gru", "lstm-bidir", "rnn-relu", "gru-no-bias-2-layers"])
def test_sweep_widths(H, make):
    net = make(H, 0)
    x = np.random.default_rng(4).standard_normal((4, 2))
    sds = [make(H, s).state_dict() for s in range(3)]
    tr = gates.sweep(net, x, sds)
    for v, sd in enumerate(sds):
        one = make(H, 0)
        one.load_state_dict(sd)
        ref = one.trace(x)
        np.testing.assert_allclose(tr.output[:, v], ref.output, atol=1e-13, err_msg=f"variant {v}")
        for name in tr.names:
            np.testing.assert_allclose(tr.get(name)[:, v], ref.get(name), atol=1e-13, err_msg=name)


@pytest.mark.parametrize("H", [2, 6])
@pytest.mark.parametrize("kind", ["gru", "lstm"])
def test_sweep_param_with_shared_recurrent_weights(kind, H):
    """Variants that differ only outside W_hh share one recurrent product (a plain matmul)."""
    cls = CLASSES[kind]
    net = cls(2, H, seed=1)
    x = np.random.default_rng(2).standard_normal((5, 2))
    values = [-1.5, 0.0, 0.7, 3.0]
    tr = gates.sweep_param(net, x, "bias_ih_l0", values, index=H + 1)
    for v, value in enumerate(values):
        sd = net.state_dict()
        sd["bias_ih_l0"][H + 1] = value
        one = cls(2, H)
        one.load_state_dict(sd)
        ref = one.trace(x)
        for name in tr.names:
            np.testing.assert_allclose(tr.get(name)[:, v], ref.get(name), atol=1e-13,
                                       err_msg=f"{name} value {value}")


def test_sweep_state_dicts_of_tensors_and_lists():
    """Dicts that are not plain NumPy arrays take the one-by-one checks, same results."""
    torch = pytest.importorskip("torch")
    net = gates.GRU(1, 3, seed=0)
    x = np.linspace(-1, 1, 4)[:, None]
    sds = [gates.GRU(1, 3, seed=s).state_dict() for s in range(3)]
    mixed = [{k: torch.from_numpy(v) for k, v in sds[0].items()},
             {k: v.tolist() for k, v in sds[1].items()}, sds[2]]
    np.testing.assert_array_equal(gates.sweep(net, x, mixed).output,
                                  gates.sweep(net, x, sds).output)
    sds[1]["bias_hh_l0"][0] = np.nan
    with pytest.raises(ValueError, match=r"state_dict\['bias_hh_l0'\]: expected finite values"):
        gates.sweep(net, x, sds)
