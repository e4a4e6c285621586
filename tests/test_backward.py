"""gates.backward: hand-written BPTT against torch autograd and finite differences."""

from __future__ import annotations

import dataclasses
import itertools
import warnings
from typing import Any

import numpy as np
import pytest
import torch

import gates

KINDS = ("rnn_tanh", "rnn_relu", "gru", "lstm")
TOL = 1e-9


def make_net(kind: str, input_size: int, hidden_size: int, seed: int = 0, **kw: Any) -> Any:
    if kind.startswith("rnn"):
        return gates.RNN(input_size, hidden_size, nonlinearity=kind[4:], seed=seed, **kw)
    if kind == "gru_cho":
        return gates.GRU(input_size, hidden_size, reset_after=False, seed=seed, **kw)
    return {"gru": gates.GRU, "lstm": gates.LSTM}[kind](input_size, hidden_size, seed=seed, **kw)


def torch_module(kind: str, net: Any, input_size: int, hidden_size: int, **kw: Any) -> Any:
    """The torch twin of `net`, built here from net.state_dict() only."""
    if kind.startswith("rnn"):
        m = torch.nn.RNN(input_size, hidden_size, nonlinearity=kind[4:], dtype=torch.float64, **kw)
    else:
        cls = {"gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[kind]
        m = cls(input_size, hidden_size, dtype=torch.float64, **kw)
    m.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in net.state_dict().items()})
    return m


def random_inputs(
    rng: np.random.Generator,
    kind: str,
    *,
    L: int,
    B: int,
    IN: int,
    H: int,
    num_layers: int,
    D: int,
    batched: bool,
    batch_first: bool,
    with_hx: bool,
) -> tuple[np.ndarray, Any]:
    if not batched:
        x = rng.standard_normal((L, IN))
    else:
        x = rng.standard_normal((B, L, IN) if batch_first else (L, B, IN))
    hshape = (num_layers * D, B, H) if batched else (num_layers * D, H)
    hx: Any = None
    if with_hx:
        hx = 0.8 * rng.standard_normal(hshape)
        if kind == "lstm":
            hx = (hx, rng.standard_normal(hshape))
    return x, hx


# --------------------------------------------------------------------------------------
# 1. parity with torch.nn.RNN / GRU / LSTM over the whole grid of configurations

GRID = list(
    itertools.product(
        KINDS,
        (1, 2),  # num_layers
        (False, True),  # bidirectional
        (False, True),  # batch_first
        (True, False),  # bias
        (True, False),  # batched
        (False, True),  # hx given
    )
)


@pytest.mark.parametrize("kind,num_layers,bidirectional,batch_first,bias,batched,with_hx", GRID)
def test_matches_torch_autograd(
    kind: str,
    num_layers: int,
    bidirectional: bool,
    batch_first: bool,
    bias: bool,
    batched: bool,
    with_hx: bool,
) -> None:
    seed = GRID.index((kind, num_layers, bidirectional, batch_first, bias, batched, with_hx))
    rng = np.random.default_rng(seed)
    IN, H, L, B = 3, 4, 5, 2
    D = 2 if bidirectional else 1
    kw = dict(
        num_layers=num_layers, bias=bias, batch_first=batch_first, bidirectional=bidirectional
    )
    net = make_net(kind, IN, H, seed=seed, **kw)
    m = torch_module(kind, net, IN, H, **kw)
    x, hx = random_inputs(
        rng,
        kind,
        L=L,
        B=B,
        IN=IN,
        H=H,
        num_layers=num_layers,
        D=D,
        batched=batched,
        batch_first=batch_first,
        with_hx=with_hx,
    )

    tr = net.trace(x, hx)
    go = rng.standard_normal(np.shape(tr.output))
    g = gates.backward(tr, go)

    xt = torch.tensor(x, requires_grad=True)
    if hx is None:
        thx: Any = None
    elif kind == "lstm":
        thx = tuple(torch.tensor(a, requires_grad=True) for a in hx)
    else:
        thx = torch.tensor(hx, requires_grad=True)
    out, _ = m(xt, thx)
    np.testing.assert_allclose(tr.output, out.detach().numpy(), atol=1e-10, err_msg="forward")
    out.backward(torch.from_numpy(go))

    assert g.input.shape == x.shape
    np.testing.assert_allclose(g.input, xt.grad.numpy(), rtol=0, atol=TOL, err_msg="dL/dx")
    assert list(g.params) == list(net.state_dict()), "params keys/order like state_dict"
    for name, p in m.named_parameters():
        assert g.params[name].shape == tuple(p.shape), name
        np.testing.assert_allclose(g.params[name], p.grad.numpy(), rtol=0, atol=TOL, err_msg=name)
    if with_hx:
        th0 = thx[0] if kind == "lstm" else thx
        np.testing.assert_allclose(g.h_0, th0.grad.numpy(), rtol=0, atol=TOL, err_msg="dL/dh0")
        if kind == "lstm":
            np.testing.assert_allclose(g.c_0, thx[1].grad.numpy(), rtol=0, atol=TOL, err_msg="dc0")


@pytest.mark.parametrize("kind", KINDS)
def test_three_layers_long_batch(kind: str) -> None:
    rng = np.random.default_rng(7)
    IN, H, L, B = 2, 5, 15, 3
    kw = dict(num_layers=3, bidirectional=True, batch_first=True)
    net = make_net(kind, IN, H, seed=3, **kw)
    m = torch_module(kind, net, IN, H, **kw)
    x = rng.standard_normal((B, L, IN))
    tr = net.trace(x)
    go = rng.standard_normal(np.shape(tr.output))
    g = gates.backward(tr, go)
    xt = torch.tensor(x, requires_grad=True)
    m(xt)[0].backward(torch.from_numpy(go))
    np.testing.assert_allclose(g.input, xt.grad.numpy(), rtol=0, atol=TOL, err_msg="dL/dx")
    for name, p in m.named_parameters():
        np.testing.assert_allclose(g.params[name], p.grad.numpy(), rtol=0, atol=TOL, err_msg=name)


def test_relu_at_zero_matches_torch() -> None:
    """relu'(0) is 0 in torch: zero input, zero state and no bias give all-zero gradients."""
    net = make_net("rnn_relu", 2, 3, bias=False)
    tr = net.trace(np.zeros((4, 2)))
    g = gates.backward(tr, np.ones((4, 3)))
    assert not np.any(g.input) and not any(np.any(v) for v in g.params.values())
    m = torch_module("rnn_relu", net, 2, 3, bias=False)
    xt = torch.zeros((4, 2), dtype=torch.float64, requires_grad=True)
    m(xt)[0].backward(torch.ones((4, 3), dtype=torch.float64))
    np.testing.assert_allclose(g.input, xt.grad.numpy(), atol=0)


# --------------------------------------------------------------------------------------
# 2. a hand-written torch forward, step by step: Cho's GRU and every dL/dh_t, dL/dc_t


def sd_torch(net: Any) -> dict[str, torch.Tensor]:
    return {k: torch.tensor(np.array(v), requires_grad=True) for k, v in net.state_dict().items()}


def torch_stepwise(
    kind: str,
    net_cfg: dict[str, Any],
    w: dict[str, torch.Tensor],
    x: torch.Tensor,
    h0: torch.Tensor,
    c0: torch.Tensor,
) -> tuple[torch.Tensor, dict[tuple[int, int], list[torch.Tensor]], dict[tuple[int, int], list]]:
    """Time-major batched forward written from the equations, keeping every h_t and c_t.

    x (L, B, IN), h0/c0 (num_layers*D, B, H). Returns output (L, B, D*H) and, per
    (layer, direction), the lists of h_t and c_t indexed by input time step.
    """
    H, D = net_cfg["hidden_size"], 2 if net_cfg["bidirectional"] else 1
    L = x.shape[0]
    hs: dict[tuple[int, int], list[torch.Tensor]] = {}
    cs: dict[tuple[int, int], list] = {}
    inp = x
    for layer in range(net_cfg["num_layers"]):
        outs = []
        for d in range(D):
            sfx = f"_l{layer}" + ("_reverse" if d else "")
            w_ih, w_hh = w["weight_ih" + sfx], w["weight_hh" + sfx]
            zero = torch.zeros(w_ih.shape[0], dtype=torch.float64)
            b_ih, b_hh = w.get("bias_ih" + sfx, zero), w.get("bias_hh" + sfx, zero)
            h, c = h0[layer * D + d], c0[layer * D + d]
            h_list: list[Any] = [None] * L
            c_list: list[Any] = [None] * L
            for t in range(L - 1, -1, -1) if d else range(L):
                gi = inp[t] @ w_ih.T + b_ih
                if kind.startswith("rnn"):
                    a = gi + h @ w_hh.T + b_hh
                    h = torch.tanh(a) if kind == "rnn_tanh" else torch.relu(a)
                elif kind in ("gru", "gru_cho"):
                    gh = h @ w_hh.T + b_hh
                    r = torch.sigmoid(gi[:, :H] + gh[:, :H])
                    z = torch.sigmoid(gi[:, H : 2 * H] + gh[:, H : 2 * H])
                    if kind == "gru":
                        n = torch.tanh(gi[:, 2 * H :] + r * gh[:, 2 * H :])
                    else:  # Cho et al. 2014: reset before the matmul
                        n = torch.tanh(gi[:, 2 * H :] + (r * h) @ w_hh[2 * H :].T + b_hh[2 * H :])
                    h = (1 - z) * n + z * h
                else:
                    a = gi + h @ w_hh.T + b_hh
                    i, f = torch.sigmoid(a[:, :H]), torch.sigmoid(a[:, H : 2 * H])
                    g, o = torch.tanh(a[:, 2 * H : 3 * H]), torch.sigmoid(a[:, 3 * H :])
                    c = f * c + i * g
                    c.retain_grad()
                    c_list[t] = c
                    h = o * torch.tanh(c)
                h.retain_grad()
                h_list[t] = h
            hs[(layer, d)] = h_list
            cs[(layer, d)] = c_list
            outs.append(torch.stack(h_list))
        inp = torch.cat(outs, dim=2)
    return inp, hs, cs


STEPWISE = [
    # kind, num_layers, bidirectional, batched, with_hx, bias
    ("gru_cho", 1, False, False, False, True),
    ("gru_cho", 2, True, True, True, True),
    ("gru_cho", 2, False, True, False, False),
    ("gru_cho", 3, True, False, True, False),
    ("gru", 2, True, True, True, True),
    ("lstm", 2, True, True, True, True),
    ("lstm", 1, False, False, False, False),
    ("rnn_tanh", 2, True, False, True, True),
    ("rnn_relu", 2, True, True, False, True),
]


@pytest.mark.parametrize("kind,num_layers,bidirectional,batched,with_hx,bias", STEPWISE)
def test_against_stepwise_torch(
    kind: str, num_layers: int, bidirectional: bool, batched: bool, with_hx: bool, bias: bool
) -> None:
    """dL/dx, dL/dW, dL/dh_0 and every g.hidden / g.cell against retain_grad() in torch."""
    rng = np.random.default_rng(
        STEPWISE.index((kind, num_layers, bidirectional, batched, with_hx, bias))
    )
    IN, H, L, B = 3, 4, 6, 2
    D = 2 if bidirectional else 1
    cfg = dict(hidden_size=H, num_layers=num_layers, bidirectional=bidirectional)
    net = make_net(
        kind, IN, H, seed=11, num_layers=num_layers, bidirectional=bidirectional, bias=bias
    )
    x, hx = random_inputs(
        rng,
        kind,
        L=L,
        B=B,
        IN=IN,
        H=H,
        num_layers=num_layers,
        D=D,
        batched=batched,
        batch_first=False,
        with_hx=with_hx,
    )
    tr = net.trace(x, hx)
    go = rng.standard_normal(np.shape(tr.output))
    g = gates.backward(tr, go)

    w = sd_torch(net)
    xt = torch.tensor(x, requires_grad=True)
    hshape = (num_layers * D, B, H) if batched else (num_layers * D, H)
    if hx is None:
        h0t = torch.zeros(hshape, dtype=torch.float64, requires_grad=True)
        c0t = torch.zeros(hshape, dtype=torch.float64, requires_grad=True)
    else:
        h_np, c_np = hx if kind == "lstm" else (hx, np.zeros(np.shape(hx)))
        h0t = torch.tensor(h_np, requires_grad=True)
        c0t = torch.tensor(c_np, requires_grad=True)
    unb = not batched
    out, hs, cs = torch_stepwise(
        kind,
        cfg,
        w,
        xt[:, None] if unb else xt,
        h0t[:, None] if unb else h0t,
        c0t[:, None] if unb else c0t,
    )
    out = out[:, 0] if unb else out
    np.testing.assert_allclose(tr.output, out.detach().numpy(), atol=1e-10, err_msg="forward")
    out.backward(torch.from_numpy(go))

    np.testing.assert_allclose(g.input, xt.grad.numpy(), rtol=0, atol=TOL, err_msg="dL/dx")
    assert list(g.params) == list(w)
    for name, p in w.items():
        np.testing.assert_allclose(g.params[name], p.grad.numpy(), rtol=0, atol=TOL, err_msg=name)
    np.testing.assert_allclose(g.h_0, h0t.grad.numpy(), rtol=0, atol=TOL, err_msg="dL/dh0")
    for layer, d in itertools.product(range(num_layers), range(D)):
        want = torch.stack([h.grad for h in hs[(layer, d)]]).numpy()
        want = want[:, 0] if unb else want
        got = g.hidden(layer, d)
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=0, atol=TOL, err_msg=f"hidden({layer}, {d})")
        if kind == "lstm":
            want_c = torch.stack([c.grad for c in cs[(layer, d)]]).numpy()
            want_c = want_c[:, 0] if unb else want_c
            np.testing.assert_allclose(
                g.cell(layer, d), want_c, rtol=0, atol=TOL, err_msg=f"cell({layer}, {d})"
            )
    if kind == "lstm":
        np.testing.assert_allclose(g.c_0, c0t.grad.numpy(), rtol=0, atol=TOL, err_msg="dL/dc0")


def test_hidden_of_last_step_is_grad_output() -> None:
    """Top layer, last step of each direction: nothing later, so dL/dh_t is grad_output there."""
    net = make_net("gru", 2, 3, num_layers=2, bidirectional=True, batch_first=True)
    rng = np.random.default_rng(1)
    tr = net.trace(rng.standard_normal((2, 5, 2)))
    go = rng.standard_normal(np.shape(tr.output))  # (B, L, 2H)
    g = gates.backward(tr, go)
    np.testing.assert_allclose(g.hidden(1, 0)[-1], go[:, -1, :3], rtol=0, atol=0)
    np.testing.assert_allclose(g.hidden(1, 1)[0], go[:, 0, 3:], rtol=0, atol=0)
    assert g.hidden(0, 1).shape == (5, 2, 3)  # time-major also with batch_first


# --------------------------------------------------------------------------------------
# 3. finite differences on tiny nets (independent of torch)


def loss(net: Any, x: np.ndarray, hx: Any, go: np.ndarray) -> float:
    return float(np.sum(net.trace(x, hx).output * go))


@pytest.mark.parametrize("kind", ["rnn_tanh", "gru", "gru_cho", "lstm"])
def test_finite_differences(kind: str) -> None:
    rng = np.random.default_rng(5)
    IN, H, L, B = 2, 2, 3, 2
    net = make_net(kind, IN, H, seed=2, num_layers=2, bidirectional=True)
    x = rng.standard_normal((L, B, IN))
    h0 = rng.standard_normal((4, B, H))
    hx = (h0, rng.standard_normal((4, B, H))) if kind == "lstm" else h0
    tr = net.trace(x, hx)
    go = rng.standard_normal(np.shape(tr.output))
    g = gates.backward(tr, go)
    eps = 1e-6

    def fd(f: Any, a: np.ndarray) -> np.ndarray:
        out = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            old = a[idx]
            a[idx] = old + eps
            plus = f()
            a[idx] = old - eps
            minus = f()
            a[idx] = old
            out[idx] = (plus - minus) / (2 * eps)
        return out

    np.testing.assert_allclose(
        g.input, fd(lambda: loss(net, x, hx, go), x), atol=1e-7, err_msg="dL/dx"
    )
    np.testing.assert_allclose(g.h_0, fd(lambda: loss(net, x, hx, go), h0), atol=1e-7)
    sd = {k: np.array(v) for k, v in net.state_dict().items()}

    def with_weights() -> float:
        net.load_state_dict(sd)
        return loss(net, x, hx, go)

    for name, value in sd.items():
        np.testing.assert_allclose(g.params[name], fd(with_weights, value), atol=1e-7, err_msg=name)


# --------------------------------------------------------------------------------------
# 4. contract details


def test_uses_the_traced_weights_and_is_pure() -> None:
    rng = np.random.default_rng(3)
    net = make_net("lstm", 3, 4, num_layers=2)
    x = rng.standard_normal((6, 3))
    tr = net.trace(x)
    go = rng.standard_normal(np.shape(tr.output))
    go_copy, out_copy = go.copy(), np.array(tr.output).copy()
    g1 = gates.backward(tr, go)
    net.load_state_dict({k: 2 * np.array(v) for k, v in net.state_dict().items()})
    g2 = gates.backward(tr, go)
    np.testing.assert_array_equal(go, go_copy)
    np.testing.assert_array_equal(tr.output, out_copy)
    np.testing.assert_array_equal(g1.input, g2.input)
    for k in g1.params:
        np.testing.assert_array_equal(g1.params[k], g2.params[k])
    g1.hidden(1)[:] = 0.0  # a copy: the Gradients object is not changed
    assert np.any(g1.hidden(1))


def test_grad_output_as_tensor_or_float32() -> None:
    rng = np.random.default_rng(4)
    net = make_net("gru", 2, 3)
    tr = net.trace(rng.standard_normal((4, 2)))
    go = rng.standard_normal((4, 3)).astype(np.float32)
    want = gates.backward(tr, go.astype(np.float64))
    for given in (go, torch.from_numpy(go)):
        got = gates.backward(tr, given)
        assert got.input.dtype == np.float64
        np.testing.assert_array_equal(got.input, want.input)


def test_large_weights_stay_finite_without_warnings() -> None:
    rng = np.random.default_rng(6)
    for kind in ("rnn_tanh", "gru", "gru_cho", "lstm"):
        net = make_net(kind, 2, 3, num_layers=2, bidirectional=True)
        net.load_state_dict({k: 1e4 * np.sign(np.array(v)) for k, v in net.state_dict().items()})
        tr = net.trace(rng.standard_normal((10, 2, 2)))
        with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
            warnings.simplefilter("error")
            g = gates.backward(tr, rng.standard_normal(np.shape(tr.output)))
        assert np.all(np.isfinite(g.input)), kind
        assert all(np.all(np.isfinite(v)) for v in g.params.values()), kind


def _bad_setup() -> tuple[Any, np.ndarray]:
    net = make_net("lstm", 2, 3, num_layers=2, batch_first=True)
    tr = net.trace(np.zeros((4, 5, 2)))  # B=4, L=5
    return tr, np.zeros((4, 5, 3))


@pytest.mark.parametrize(
    "shape",
    [(5, 4, 3), (4, 5), (4, 5, 6), (1, 4, 5, 3), (4, 5, 1), ()],
    ids=["time-major", "no-feature-axis", "too-wide", "extra-axis", "broadcastable", "scalar"],
)
def test_bad_grad_output_shape(shape: tuple[int, ...]) -> None:
    tr, _ = _bad_setup()
    with pytest.raises(ValueError, match=r"expected.*\(4, 5, 3\).*given") as info:
        gates.backward(tr, np.zeros(shape))
    assert str(shape) in str(info.value)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_grad_output(bad: float) -> None:
    tr, go = _bad_setup()
    go[2, 3, 1] = bad
    with pytest.raises(ValueError, match="finite"):
        gates.backward(tr, go)


def test_sweep_trace_is_refused() -> None:
    tr, go = _bad_setup()
    with pytest.raises(ValueError, match="expected the trace of one network.*given a sweep"):
        gates.backward(dataclasses.replace(tr, variants=3), go)


def test_non_numeric_grad_output() -> None:
    tr, _ = _bad_setup()
    with pytest.raises(ValueError, match="expected"):
        gates.backward(tr, np.full((4, 5, 3), "a"))


def test_bad_layer_direction() -> None:
    tr, go = _bad_setup()
    g = gates.backward(tr, go)
    assert g.hidden(1, 0).shape == (5, 4, 3)
    for layer, direction, pattern in [
        (2, 0, r"layer.*0\.\.1.*given 2"),
        (-1, 0, r"layer.*given -1"),
        (0, 1, r"direction.*given 1"),  # not bidirectional
        (0, 2, r"direction.*given 2"),
        (0.5, 0, r"layer.*integer"),
        (0, None, r"direction.*integer"),
    ]:
        with pytest.raises(ValueError, match=pattern):
            g.hidden(layer, direction)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=pattern):
            g.cell(layer, direction)  # type: ignore[arg-type]
    bi = make_net("rnn_tanh", 2, 3, bidirectional=True).trace(np.zeros((3, 2)))
    gb = gates.backward(bi, np.zeros((3, 6)))
    assert gb.hidden(0, 1).shape == (3, 3)
    with pytest.raises(ValueError, match=r"direction.*0 or 1.*given 2"):
        gb.hidden(0, 2)
    with pytest.raises(ValueError, match="LSTM"):
        gb.cell(0, 0)
