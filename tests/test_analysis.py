"""gates/analysis.py against theory and against torch: memory, BPTT norms, param counts."""

import numpy as np
import pytest

import gates
from gates import analysis as A


def _memory_input(length=80, noise=0.3, seed=1):
    x = noise * np.random.default_rng(seed).standard_normal((length, 1))
    x[0, 0] = 1.0
    return x


def test_influence_curve_matches_finite_differences():
    net = gates.GRU(1, 3, seed=0)
    x = _memory_input(12)
    curve = A.influence_curve(net, x)
    eps = 1e-6
    xp, xm = x.copy(), x.copy()
    xp[0, 0] += eps
    xm[0, 0] -= eps
    fd = np.linalg.norm((net(xp)[0] - net(xm)[0]) / (2 * eps), axis=1)
    np.testing.assert_allclose(curve, fd, rtol=1e-6, atol=1e-10,
                               err_msg="||dh_t/dx_0|| from the batched backward pass")


def test_retention_horizon():
    curve = np.array([0.5, 1.0, 0.5, 0.2, 0.009, 0.5])
    assert A.retention_horizon(curve, 0.01) == 4  # first after the peak, not before
    assert A.retention_horizon(curve, 0.001) is None
    assert A.retention_horizon(0.5 ** np.arange(40), 0.01) == 7  # 0.5^7 < 0.01 < 0.5^6


def test_small_rnn_forgets_faster_than_lstm_with_open_forget_gate():
    x = _memory_input(80)
    rnn = gates.RNN(1, 8, seed=0)
    rnn.load_state_dict(A.identity_recurrent(rnn.state_dict(), 0.5))
    lstm = gates.LSTM(1, 8, seed=0)
    lstm.load_state_dict(A.shift_gate_bias(lstm.state_dict(), "lstm", "f", 3.0))
    h_rnn = A.retention_horizon(A.influence_curve(rnn, x))
    h_lstm = A.retention_horizon(A.influence_curve(lstm, x))
    assert h_rnn is not None and h_rnn <= 8  # 0.5 per step at most
    assert h_lstm is None or h_lstm > 4 * h_rnn


def test_gru_update_bias_decides_memory():
    x = _memory_input(60)
    horizons = {}
    for shift in (-3.0, 3.0):
        net = gates.GRU(1, 8, seed=0)
        net.load_state_dict(A.shift_gate_bias(net.state_dict(), "gru", "z", shift))
        horizons[shift] = A.retention_horizon(A.influence_curve(net, x))
    assert horizons[-3.0] is not None and horizons[-3.0] < 10
    assert horizons[3.0] is None or horizons[3.0] > 3 * horizons[-3.0]


def _rnn_norms(scale, nonlinearity="tanh", length=60, hidden=16):
    net = gates.RNN(1, hidden, nonlinearity=nonlinearity, seed=0)
    net.load_state_dict(A.scale_recurrent(net.state_dict(), scale))
    x = 0.1 * np.random.default_rng(3).standard_normal((length, 1))
    r = A.bptt(net, x, length - 1)
    return A.step_norms(r.dh), r, net


def test_rnn_gradient_vanishes_geometrically_with_small_recurrent_scale():
    norms, r, net = _rnn_norms(0.5)
    T = len(norms) - 1
    d = A.decay_factor(norms, T)
    assert d < 0.5
    # geometric: the log-norm is close to a straight line going back from T
    t = np.arange(T - 40, T + 1)
    slope, icept = np.polyfit(t, np.log(norms[t]), 1)
    resid = np.log(norms[t]) - (slope * t + icept)
    assert np.max(np.abs(resid)) < 2.0
    gain = A.rnn_step_gain(net.state_dict()["weight_hh_l0"], r.trace.get("preactivation"))
    assert gain.gain == pytest.approx(d, rel=0.35)


def test_rnn_gradient_explodes_with_large_relu_weights():
    norms, _, _ = _rnn_norms(3.0, "relu")
    d = A.decay_factor(norms, len(norms) - 1)
    assert d > 1.2
    assert norms[0] > 1e3 * norms[-1]
    assert np.all(np.isfinite(norms))


def test_lstm_forget_gates_near_one_keep_dc_large():
    length, T = 60, 59
    x = 0.5 * np.random.default_rng(4).standard_normal((length, 1))
    kept, lost = {}, {}
    for shift, store in ((6.0, kept), (-3.0, lost)):
        net = gates.LSTM(1, 8, seed=0)
        net.load_state_dict(A.shift_gate_bias(net.state_dict(), "lstm", "f", shift))
        r = A.bptt(net, x, T)
        store["dc"] = A.step_norms(r.dc)
        store["prod"] = A.forget_product(r.trace.get("forget"), T)
        store["dc_T"] = r.dc[T]
    # 50 steps back, the cell gradient is still a good part of what it was at T
    assert kept["dc"][T - 50] > 0.3 * kept["dc"][T]
    assert lost["dc"][T - 50] < 1e-20 * lost["dc"][T]
    # the highway alone (dc_T * prod f) gives its order of magnitude (the h-paths add or
    # cancel a part); with closed gates it predicts the collapse too
    highway = np.linalg.norm(kept["dc_T"] * kept["prod"][T - 50])
    assert 1 / 3 < highway / kept["dc"][T - 50] < 3
    assert np.linalg.norm(lost["dc_T"] * lost["prod"][T - 50]) < 1e-20


def test_forget_product():
    f = np.array([[0.5], [0.5], [0.25], [0.9]])
    p = A.forget_product(f, 2)
    np.testing.assert_allclose(p[:3, 0], [0.5 * 0.25, 0.25, 1.0])
    assert np.isnan(p[3, 0])


def test_decay_factor_of_a_geometric_sequence():
    norms = 0.8 ** (np.arange(30)[::-1])  # grows toward T = 29
    assert A.decay_factor(norms, 29) == pytest.approx(0.8)
    assert np.isnan(A.decay_factor(norms, 0))


@pytest.mark.parametrize("kind", ["rnn", "gru", "lstm"])
@pytest.mark.parametrize("sizes", [(1, 8, 1, False), (10, 20, 2, False), (10, 20, 2, True),
                                   (3, 5, 3, True)])
def test_param_count_matches_torch(kind, sizes):
    torch = pytest.importorskip("torch")
    i, h, layers, bi = sizes
    cls = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[kind]
    module = cls(i, h, layers, bidirectional=bi)
    assert A.param_count(kind, i, h, layers, bi) == sum(p.numel() for p in module.parameters())
    assert A.param_count(kind, i, h) == {"rnn": 1, "gru": 3, "lstm": 4}[kind] * (
        h * (i + h) + 2 * h)


def test_analysis_imports_numpy_only():
    import subprocess
    import sys

    code = ("import sys, gates.analysis; "
            "print(any(m in sys.modules for m in ('torch', 'streamlit', 'plotly')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[1]))
    assert out.stdout.strip() == "False", out.stderr
