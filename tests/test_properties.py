"""Property tests: gate ranges, shapes, and no floating-point warnings with huge weights."""

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import gates

SIGMOID_GATES = {"gru": ("reset", "update"), "lstm": ("input", "forget", "output"), "rnn": ()}
CLASSES = {"rnn": gates.RNN, "gru": gates.GRU, "lstm": gates.LSTM}


@st.composite
def scenarios(draw):
    kind = draw(st.sampled_from(sorted(CLASSES)))
    H = draw(st.integers(1, 4))
    n_in = draw(st.integers(1, 3))
    layers = draw(st.integers(1, 2))
    bidir = draw(st.booleans())
    L = draw(st.integers(1, 6))
    scale = draw(st.sampled_from([1.0, 10.0, 1e3, 1e4]))
    seed = draw(st.integers(0, 2**16))
    kwargs = dict(num_layers=layers, bidirectional=bidir, seed=seed)
    if kind == "gru":
        kwargs["reset_after"] = draw(st.booleans())
    net = CLASSES[kind](n_in, H, **kwargs)
    rng = np.random.default_rng(seed)
    net.load_state_dict({k: rng.uniform(-scale, scale, v.shape) for k, v in net.state_dict().items()})
    x = rng.uniform(-10, 10, (L, n_in))
    return kind, net, x, H, layers, bidir, L


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_gate_ranges_and_shapes_without_warnings(case):
    kind, net, x, H, layers, bidir, L = case
    D = 2 if bidir else 1
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        tr = net.trace(x)
    assert tr.output.shape == (L, D * H)
    assert tr.h_n.shape == (layers * D, H)
    for layer in range(layers):
        for d in range(D):
            for name in tr.names:
                v = tr.get(name, layer, d)
                assert v.shape == (L, H)
                assert np.isfinite(v).all(), name
            for name in SIGMOID_GATES[kind]:
                v = tr.get(name, layer, d)
                assert ((v >= 0) & (v <= 1)).all(), name
            if kind != "rnn":
                assert (np.abs(tr.get("candidate", layer, d)) <= 1).all()
            assert (np.abs(tr.get("hidden", layer, d)) <= 1).all()


@settings(max_examples=30, deadline=None)
@given(st.floats(-1e4, 1e4), st.floats(-50, 50))
def test_sigmoid_is_bounded_monotone_and_accurate(w, x):
    from gates.cells import sigmoid

    with np.errstate(all="raise", under="ignore"):
        s = sigmoid(np.array([w * x, w * x + 1e-3]))
    assert 0 <= s[0] <= s[1] <= 1
    with np.errstate(over="ignore"):
        ref = 1 / (1 + np.exp(-np.float64(w * x)))
    assert abs(s[0] - ref) < 1e-15


def test_update_gate_near_one_keeps_state():
    # torch's convention: z -> 1 keeps h; z -> 0 takes the candidate
    net = gates.GRU(1, 1, seed=0)
    sd = {k: np.zeros_like(v) for k, v in net.state_dict().items()}
    sd["bias_ih_l0"][1] = 50.0  # z = sigma(50) ~ 1
    net.load_state_dict(sd)
    out, _ = net(np.ones((5, 1)), np.array([[0.7]]))
    np.testing.assert_allclose(out[:, 0], 0.7, atol=1e-12)
    sd["bias_ih_l0"][1] = -50.0
    sd["bias_ih_l0"][2] = 0.3
    net.load_state_dict(sd)
    out, _ = net(np.ones((5, 1)), np.array([[0.7]]))
    np.testing.assert_allclose(out[:, 0], np.tanh(0.3), atol=1e-12)
