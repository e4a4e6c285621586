"""Forward parity with torch, init, state_dict, hand-worked answers, stepwise = whole."""

import itertools

import numpy as np
import pytest
import torch

import gates

KINDS = {"rnn": (gates.RNN, torch.nn.RNN), "gru": (gates.GRU, torch.nn.GRU),
         "lstm": (gates.LSTM, torch.nn.LSTM)}


def _configs(n=72, seed=0):
    rng = np.random.default_rng(seed)
    combos = list(itertools.product(KINDS, (1, 2, 3), (False, True), (False, True),
                                    (False, True), (False, True), (False, True)))
    picks = rng.choice(len(combos), size=n, replace=False)
    out = []
    for k in picks:
        kind, layers, bidir, bf, bias, batched, with_hx = combos[k]
        out.append(dict(kind=kind, num_layers=layers, bidirectional=bidir, batch_first=bf,
                        bias=bias, batched=batched, with_hx=with_hx,
                        input_size=int(rng.integers(1, 5)), hidden_size=int(rng.integers(1, 6)),
                        L=int(rng.integers(1, 7)), B=int(rng.integers(1, 4)),
                        relu=bool(rng.integers(2)), seed=int(k)))
    return out


def _torch_module(cfg):
    kwargs = dict(num_layers=cfg["num_layers"], bias=cfg["bias"], batch_first=cfg["batch_first"],
                  bidirectional=cfg["bidirectional"], dtype=torch.float64)
    if cfg["kind"] == "rnn":
        kwargs["nonlinearity"] = "relu" if cfg["relu"] else "tanh"
    torch.manual_seed(cfg["seed"])
    return KINDS[cfg["kind"]][1](cfg["input_size"], cfg["hidden_size"], **kwargs)


def _inputs(cfg):
    rng = np.random.default_rng(cfg["seed"] + 1)
    L, B, n = cfg["L"], cfg["B"], cfg["input_size"]
    if not cfg["batched"]:
        x = rng.standard_normal((L, n))
    else:
        x = rng.standard_normal((B, L, n) if cfg["batch_first"] else (L, B, n))
    stack = cfg["num_layers"] * (2 if cfg["bidirectional"] else 1)
    state_shape = (stack, B, cfg["hidden_size"]) if cfg["batched"] else (stack, cfg["hidden_size"])
    hx = None
    if cfg["with_hx"]:
        hx = rng.uniform(-1, 1, state_shape)
        if cfg["kind"] == "lstm":
            hx = (hx, rng.standard_normal(state_shape))
    return x, hx


def _to_t(hx):
    if hx is None:
        return None
    if isinstance(hx, tuple):
        return tuple(torch.from_numpy(h) for h in hx)
    return torch.from_numpy(hx)


@pytest.mark.parametrize("cfg", _configs(), ids=lambda c: "-".join(
    f"{k}={v}" for k, v in c.items() if k not in ("seed",)))
def test_forward_matches_torch(cfg):
    module = _torch_module(cfg)
    net = KINDS[cfg["kind"]][0].from_torch(module)
    x, hx = _inputs(cfg)
    out, state = net(x, hx)
    with torch.no_grad():
        t_out, t_state = module(torch.from_numpy(x), _to_t(hx))
    label = str(cfg)
    np.testing.assert_allclose(out, t_out.numpy(), rtol=0, atol=1e-10, err_msg="output " + label)
    if cfg["kind"] == "lstm":
        np.testing.assert_allclose(state[0], t_state[0].numpy(), rtol=0, atol=1e-10,
                                   err_msg="h_n " + label)
        np.testing.assert_allclose(state[1], t_state[1].numpy(), rtol=0, atol=1e-10,
                                   err_msg="c_n " + label)
    else:
        np.testing.assert_allclose(state, t_state.numpy(), rtol=0, atol=1e-10,
                                   err_msg="h_n " + label)
    tr = net.trace(x, hx)
    np.testing.assert_array_equal(tr.output, out, err_msg="trace.output vs net(x) " + label)


@pytest.mark.parametrize("kind", KINDS)
def test_init_matches_rng_draws_in_state_dict_order(kind):
    net = KINDS[kind][0](3, 4, num_layers=2, bidirectional=True, seed=7)
    sd = net.state_dict()
    rng = np.random.default_rng(7)
    k = 1 / np.sqrt(4)
    for name, value in sd.items():
        np.testing.assert_array_equal(value, rng.uniform(-k, k, value.shape), err_msg=name)
    assert all(np.abs(v).max() <= k for v in sd.values())
    again = KINDS[kind][0](3, 4, num_layers=2, bidirectional=True, seed=7).state_dict()
    assert all(np.array_equal(sd[n], again[n]) for n in sd)


@pytest.mark.parametrize("kind", KINDS)
def test_state_dict_names_and_shapes_match_torch(kind):
    for bias in (True, False):
        net = KINDS[kind][0](3, 5, num_layers=3, bidirectional=True, bias=bias, seed=0)
        module = KINDS[kind][1](3, 5, num_layers=3, bidirectional=True, bias=bias)
        mine = {k: v.shape for k, v in net.state_dict().items()}
        theirs = {k: tuple(v.shape) for k, v in module.state_dict().items()}
        assert list(mine) == list(theirs)
        assert mine == theirs


def test_state_dict_round_trip_and_copies():
    net = gates.GRU(2, 3, num_layers=2, seed=1)
    sd = net.state_dict()
    sd["weight_hh_l1"][0, 0] = 123.0  # editing the copy must not touch the net
    assert net.state_dict()["weight_hh_l1"][0, 0] != 123.0
    other = gates.GRU(2, 3, num_layers=2, seed=2)
    other.load_state_dict(sd)
    assert all(np.array_equal(other.state_dict()[k], sd[k]) for k in sd)
    other.load_state_dict({k: torch.from_numpy(v).float() for k, v in sd.items()})
    assert other.state_dict()["weight_hh_l1"].dtype == np.float64


def test_trace_keeps_its_weights():
    net = gates.LSTM(2, 3, seed=0)
    x = np.ones((4, 2))
    tr = net.trace(x)
    before = tr.output.copy()
    sd = net.state_dict()
    sd["weight_ih_l0"] += 1.0
    net.load_state_dict(sd)
    np.testing.assert_array_equal(tr.output, before)
    assert not np.array_equal(tr.records[(0, 0)].weight_ih, net.state_dict()["weight_ih_l0"])


def _constant(net, value):
    net.load_state_dict({k: np.full_like(v, value) for k, v in net.state_dict().items()})
    return net


def test_hand_worked_gru():
    # all weights 0.5, x = 1, h0 = 0, H = 1
    net = _constant(gates.GRU(1, 1, seed=0), 0.5)
    tr = net.trace(np.ones((1, 1)))
    s = 1 / (1 + np.exp(-1.5))           # r = z = sigma(0.5*1 + 0.5 + 0.5*0 + 0.5)
    n = np.tanh(1.0 + s * 0.5)           # n = tanh(0.5 + 0.5 + r*(0 + 0.5))
    h = (1 - s) * n                      # h' = (1-z)*n + z*0
    np.testing.assert_allclose(tr.get("reset")[0, 0], s, rtol=1e-14)
    np.testing.assert_allclose(tr.get("update")[0, 0], s, rtol=1e-14)
    np.testing.assert_allclose(tr.get("candidate")[0, 0], n, rtol=1e-14)
    np.testing.assert_allclose(tr.output[0, 0], h, rtol=1e-14)
    # reset_after=False with h0 = 0: r*h = 0, so n = tanh(0.5 + 0.5 + 0 + 0.5)
    net2 = _constant(gates.GRU(1, 1, reset_after=False, seed=0), 0.5)
    tr2 = net2.trace(np.ones((1, 1)))
    np.testing.assert_allclose(tr2.get("candidate")[0, 0], np.tanh(1.5), rtol=1e-14)


def test_hand_worked_gru_second_step_variants_differ():
    h0 = np.array([[0.8]])
    a = _constant(gates.GRU(1, 1, seed=0), 0.5).trace(np.ones((1, 1)), h0)
    b = _constant(gates.GRU(1, 1, reset_after=False, seed=0), 0.5).trace(np.ones((1, 1)), h0)
    r = 1 / (1 + np.exp(-(0.5 + 0.5 + 0.4 + 0.5)))
    np.testing.assert_allclose(a.get("candidate")[0, 0], np.tanh(1.0 + r * (0.4 + 0.5)), rtol=1e-14)
    np.testing.assert_allclose(b.get("candidate")[0, 0], np.tanh(1.0 + 0.5 * r * 0.8 + 0.5), rtol=1e-14)


def test_hand_worked_lstm_and_rnn():
    net = _constant(gates.LSTM(1, 1, seed=0), 0.25)
    tr = net.trace(np.array([[2.0]]), (np.array([[0.0]]), np.array([[1.0]])))
    s = 1 / (1 + np.exp(-1.0))          # 0.25*2 + 0.25 + 0 + 0.25 = 1
    c = s * 1.0 + s * np.tanh(1.0)
    np.testing.assert_allclose(tr.get("cell")[0, 0], c, rtol=1e-14)
    np.testing.assert_allclose(tr.get("hidden")[0, 0], s * np.tanh(c), rtol=1e-14)
    for name in ("input", "forget", "output"):
        np.testing.assert_allclose(tr.get(name)[0, 0], s, rtol=1e-14, err_msg=name)
    rnn = _constant(gates.RNN(1, 1, nonlinearity="relu", seed=0), -1.0)
    out, h = rnn(np.array([[-3.0], [-3.0]]))
    # step 1: -1*-3 - 1 - 1 = 1 -> relu 1; step 2: 3 - 1 - 1 - 1 = 0
    np.testing.assert_allclose(out[:, 0], [1.0, 0.0], atol=1e-15)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bidirectional", [False, True])
def test_h_n_is_last_step_of_each_direction(kind, bidirectional):
    net = KINDS[kind][0](2, 3, num_layers=2, bidirectional=bidirectional, seed=3)
    x = np.random.default_rng(0).standard_normal((5, 2))
    tr = net.trace(x)
    h_n = tr.h_n
    D = 2 if bidirectional else 1
    for layer in range(2):
        np.testing.assert_array_equal(h_n[layer * D], tr.get("hidden", layer, 0)[-1])
        if bidirectional:
            np.testing.assert_array_equal(h_n[layer * D + 1], tr.get("hidden", layer, 1)[0])


@pytest.mark.parametrize("kind", KINDS)
def test_stepwise_equals_whole_sequence(kind):
    net = KINDS[kind][0](3, 4, num_layers=2, seed=5)
    x = np.random.default_rng(1).standard_normal((6, 2, 3))
    out, state = net(x)
    carried = None
    steps = []
    for t in range(6):
        o, carried = net(x[t:t + 1], carried)
        steps.append(o[0])
    np.testing.assert_allclose(np.stack(steps), out, rtol=0, atol=1e-13, err_msg=kind)
    if kind == "lstm":
        np.testing.assert_allclose(carried[1], state[1], rtol=0, atol=1e-13)
        carried = carried[0]
        state = state[0]
    np.testing.assert_allclose(carried, state, rtol=0, atol=1e-13)


def test_batch_rows_are_independent():
    net = gates.GRU(2, 3, batch_first=True, seed=0)
    x = np.random.default_rng(2).standard_normal((3, 5, 2))
    out, h = net(x)
    for b in range(3):
        ob, hb = net(x[b])
        np.testing.assert_allclose(out[b], ob, atol=1e-14)
        np.testing.assert_allclose(h[:, b], hb, atol=1e-14)


def test_float32_and_torch_inputs_are_accepted():
    net = gates.RNN(2, 2, seed=0)
    x = np.arange(6, dtype=np.float32).reshape(3, 2) / 10
    a, _ = net(x)
    b, _ = net(torch.from_numpy(x))
    assert a.dtype == np.float64
    np.testing.assert_array_equal(a, b)
