"""Cell variants and the minimal gated unit (docs/API.md "Cell variants"): forward, trace,
backward and sweep against a torch reference written here from the equations, finite
differences, the gates' identities, and the errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

import gates
from gates import analysis, kinds, model_io
from gates.network import network_class, single_cell

# (kind, variant) for every non-standard cell, plus the standard cells as a control
CASES = [(k, v) for (k, v) in kinds.VARIANTS if k != "rnn"]
IDS = [f"{k}-{v}" for k, v in CASES]
TOL = 1e-10
sig = torch.sigmoid


def make(kind: str, variant: str, n_in: int, H: int, seed: int = 0, **kw: Any) -> Any:
    return network_class(kind)(n_in, H, seed=seed, variant=variant, **kw)


# --------------------------------------------------------------------------- reference


def ref_step(kind: str, variant: str, x: torch.Tensor, h: torch.Tensor, c: torch.Tensor | None,
             p: dict[str, torch.Tensor], reset_after: bool) -> dict[str, torch.Tensor]:
    """One step of the equations of docs/API.md, block by block, from the state_dict's
    stacked weights of one layer and direction (keys without the suffix)."""
    blocks = kinds.get_kind(kind, variant).blocks
    G = len(blocks)
    W_i = dict(zip(blocks, p["weight_ih"].chunk(G), strict=True))
    W_h = dict(zip(blocks, p["weight_hh"].chunk(G), strict=True))
    b_i = dict(zip(blocks, p["bias_ih"].chunk(G), strict=True))
    b_h = dict(zip(blocks, p["bias_hh"].chunk(G), strict=True))

    def xi(b: str) -> torch.Tensor:
        return x @ W_i[b].T + b_i[b]

    def hh(b: str, hv: torch.Tensor = h) -> torch.Tensor:
        return hv @ W_h[b].T + b_h[b]

    if kind == "gru":
        z = sig(xi("z") + hh("z"))
        if variant == "no_reset":
            n = torch.tanh(xi("n") + hh("n"))
            out = {"update": z}
        else:
            r = sig(xi("r") + hh("r"))
            n = torch.tanh(xi("n") + (r * hh("n") if reset_after else hh("n", r * h)))
            out = {"reset": r, "update": z}
        return {**out, "candidate": n, "hidden": (1 - z) * n + z * h}
    if kind == "mgu":
        f = sig(xi("f") + hh("f"))
        n = torch.tanh(xi("n") + hh("n", f * h))
        return {"forget": f, "candidate": n, "hidden": (1 - f) * h + f * n}
    assert kind == "lstm" and c is not None
    peep = variant == "peephole"
    one = torch.ones_like(h)
    g = torch.tanh(xi("g") + hh("g"))
    f = sig(xi("f") + hh("f") + (p["weight_cf"] * c if peep else 0)) if "f" in blocks else one
    if variant == "coupled":
        i = 1 - f
    else:
        i = sig(xi("i") + hh("i") + (p["weight_ci"] * c if peep else 0)) if "i" in blocks else one
    c_new = f * c + i * g
    o = sig(xi("o") + hh("o") + (p["weight_co"] * c_new if peep else 0)) if "o" in blocks else one
    out = {"input": i, "forget": f, "candidate": g, "output": o, "cell": c_new,
           "hidden": o * torch.tanh(c_new)}
    return {k: out[k] for k in kinds.get_kind(kind, variant).names}


def ref_run(net: Any, x: np.ndarray, hx: Any = None, params: dict[str, torch.Tensor] | None = None
            ) -> tuple[torch.Tensor, dict[tuple[int, int], dict[str, torch.Tensor]]]:
    """The whole net (layers, directions, batch) in torch from the equations; returns the
    output (L, B, D*H) and every gate (L, B, H) by (layer, direction), input-time rows."""
    cfg = net.config
    if params is None:
        params = {k: torch.from_numpy(np.array(v)) for k, v in net.state_dict().items()}
    xt = x if isinstance(x, torch.Tensor) else torch.from_numpy(x)
    D = cfg.num_directions
    L, B = xt.shape[:2]
    zeros = torch.zeros(cfg.num_layers * D, B, cfg.hidden_size, dtype=torch.float64)
    h0, c0 = (hx if isinstance(hx, tuple) else (hx, None)) if hx is not None else (zeros, zeros)
    c0 = zeros if c0 is None else c0
    recs = {}
    layer_x = xt
    for layer in range(cfg.num_layers):
        outs = []
        for d in range(D):
            sfx = f"_l{layer}" + ("_reverse" if d else "")
            p = {k[: -len(sfx)]: v for k, v in params.items() if k.endswith(sfx)}
            if not cfg.bias:
                p["bias_ih"] = p["bias_hh"] = torch.zeros(p["weight_ih"].shape[0], dtype=torch.float64)
            h, c = h0[layer * D + d], c0[layer * D + d]
            rows: dict[int, dict[str, torch.Tensor]] = {}
            for t in (range(L - 1, -1, -1) if d else range(L)):
                step = ref_step(net.kind, cfg.variant, layer_x[t], h, c, p, cfg.reset_after)
                rows[t] = step
                h, c = step["hidden"], step.get("cell")
            recs[(layer, d)] = {k: torch.stack([rows[t][k] for t in range(L)])
                                for k in rows[0]}
            outs.append(recs[(layer, d)]["hidden"])
        layer_x = torch.cat(outs, dim=-1)
    return layer_x, recs


# --------------------------------------------------------------------------- forward


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
@pytest.mark.parametrize("shape", ["single", "stacked-bi-batched"])
def test_trace_matches_the_equations(kind: str, variant: str, shape: str) -> None:
    rng = np.random.default_rng(3)
    stacked = shape != "single"
    net = make(kind, variant, 3, 4, seed=1, num_layers=2 if stacked else 1,
               bidirectional=stacked)
    B = 3 if stacked else 1
    x = rng.standard_normal((7, B, 3))
    tr = net.trace(x)
    ref_out, ref = ref_run(net, x)
    np.testing.assert_allclose(tr.output, ref_out.numpy(), atol=TOL, rtol=0)
    for (layer, d), gates_ in ref.items():
        assert tuple(gates_) == tr.names
        for name, value in gates_.items():
            np.testing.assert_allclose(tr.get(name, layer, d), value.numpy(), atol=TOL, rtol=0,
                                       err_msg=f"{name} layer {layer} direction {d}")
    out, hn = net(x)
    np.testing.assert_array_equal(out, tr.output)


def test_gru_no_reset_with_both_placements_and_batch_first_and_hx() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 5, 3))  # batch first
    h0 = rng.standard_normal((1, 2, 4))
    outs = []
    for reset_after in (True, False):
        net = gates.GRU(3, 4, seed=2, batch_first=True, reset_after=reset_after, variant="no_reset")
        out, hn = net(x, h0)
        ref_out, _ = ref_run(net, x.transpose(1, 0, 2), torch.from_numpy(h0))
        np.testing.assert_allclose(out, ref_out.numpy().transpose(1, 0, 2), atol=TOL, rtol=0)
        outs.append(out)
    np.testing.assert_array_equal(outs[0], outs[1])  # r = 1: the placement is irrelevant


def test_lstm_variant_with_hx_unbatched_and_no_bias() -> None:
    rng = np.random.default_rng(1)
    for variant in kinds.variant_names("lstm"):
        net = gates.LSTM(2, 3, bias=False, seed=4, variant=variant)
        x = rng.standard_normal((6, 2))
        h0, c0 = rng.standard_normal((2, 1, 3))
        out, (hn, cn) = net(x, (h0, c0))
        ref_out, ref = ref_run(net, x[:, None], (torch.from_numpy(h0[:, None]),
                                                 torch.from_numpy(c0[:, None])))
        np.testing.assert_allclose(out, ref_out.numpy()[:, 0], atol=TOL, rtol=0)
        np.testing.assert_allclose(cn[0], ref[(0, 0)]["cell"].numpy()[-1, 0], atol=TOL, rtol=0)
        assert "bias_ih_l0" not in net.state_dict()


# --------------------------------------------------------------------------- identities


def _long_trace(kind: str, variant: str) -> Any:
    net = make(kind, variant, 2, 5, seed=7)
    return net.trace(np.random.default_rng(2).standard_normal((40, 2)) * 3)


def test_identities() -> None:
    tr = _long_trace("lstm", "coupled")
    np.testing.assert_allclose(tr.get("input"), 1 - tr.get("forget"), atol=1e-12, rtol=0)
    c, g, f = tr.get("cell"), tr.get("candidate"), tr.get("forget")
    c_prev = np.vstack([np.zeros((1, 5)), c[:-1]])
    np.testing.assert_allclose(c, f * c_prev + (1 - f) * g, atol=1e-12, rtol=0)

    tr = _long_trace("lstm", "no_output")
    np.testing.assert_allclose(tr.get("hidden"), np.tanh(tr.get("cell")), atol=1e-12, rtol=0)

    tr = _long_trace("lstm", "no_forget")
    c = tr.get("cell")
    c_prev = np.vstack([np.zeros((1, 5)), c[:-1]])
    np.testing.assert_allclose(c - c_prev, tr.get("input") * tr.get("candidate"), atol=1e-12)

    tr = _long_trace("lstm", "no_input")
    c = tr.get("cell")
    c_prev = np.vstack([np.zeros((1, 5)), c[:-1]])
    np.testing.assert_allclose(c, tr.get("forget") * c_prev + tr.get("candidate"), atol=1e-12)

    tr = _long_trace("mgu", "standard")
    h, f, n = tr.get("hidden"), tr.get("forget"), tr.get("candidate")
    h_prev = np.vstack([np.zeros((1, 5)), h[:-1]])
    np.testing.assert_allclose(h, (1 - f) * h_prev + f * n, atol=1e-12, rtol=0)

    tr = _long_trace("gru", "no_reset")
    h, z, n = tr.get("hidden"), tr.get("update"), tr.get("candidate")
    h_prev = np.vstack([np.zeros((1, 5)), h[:-1]])
    np.testing.assert_allclose(h, (1 - z) * n + z * h_prev, atol=1e-12, rtol=0)


def test_no_forget_cell_grows_under_a_constant_drive() -> None:
    """The lesson of the forget gate: without it the cell state integrates the drive."""
    x = np.ones((200, 1))
    sd_net = gates.LSTM(1, 1, seed=0, variant="no_forget")
    sd = {k: np.zeros_like(v) for k, v in sd_net.state_dict().items()}
    sd["bias_ih_l0"][:] = 3.0  # i, g, o all open and positive
    sd_net.load_state_dict(sd)
    cell = sd_net.trace(x).get("cell")[:, 0]
    assert cell[-1] > 150 and np.all(np.diff(cell) > 0.9)
    std = gates.LSTM(1, 1, seed=0)
    sd = {k: np.zeros_like(v) for k, v in std.state_dict().items()}
    sd["bias_ih_l0"][:] = 3.0
    std.load_state_dict(sd)
    assert abs(std.trace(x).get("cell")[-1, 0]) < 25  # f < 1 bounds it: g*i / (1 - f)


# --------------------------------------------------------------------------- parameters


def test_state_dict_keys_shapes_and_init() -> None:
    H, n_in = 4, 3
    expected_blocks = {("lstm", "standard"): 4, ("lstm", "no_forget"): 3, ("lstm", "no_input"): 3,
                       ("lstm", "no_output"): 3, ("lstm", "coupled"): 3, ("lstm", "peephole"): 4,
                       ("gru", "standard"): 3, ("gru", "no_reset"): 2, ("mgu", "standard"): 2}
    for (kind, variant), G in expected_blocks.items():
        net = make(kind, variant, n_in, H, seed=5, num_layers=2, bidirectional=True)
        sd = net.state_dict()
        assert sd["weight_ih_l0"].shape == (G * H, n_in)
        assert sd["weight_ih_l1_reverse"].shape == (G * H, 2 * H)
        assert sd["weight_hh_l1"].shape == (G * H, H) and sd["bias_hh_l0_reverse"].shape == (G * H,)
        peep = {k for k in sd if k.startswith(("weight_ci", "weight_cf", "weight_co"))}
        if variant == "peephole":
            assert peep == {f"weight_c{g}_l{n}{r}" for g in "ifo" for n in (0, 1)
                            for r in ("", "_reverse")}
            assert all(sd[k].shape == (H,) for k in peep)
        else:
            assert not peep
        bound = 1 / np.sqrt(H)
        assert all(np.abs(v).max() <= bound for v in sd.values())
        assert max(np.abs(v).max() for v in sd.values()) > 0.8 * bound
        assert net.variant == variant and net.config.variant == variant
        again = make(kind, variant, n_in, H, seed=5, num_layers=2, bidirectional=True)
        assert all(np.array_equal(sd[k], v) for k, v in again.state_dict().items())
        assert list(sd) == list(kinds.param_shapes(kind, n_in, H, 2, True, True, variant))
        assert analysis.param_count(kind, n_in, H, 2, True, True, variant) == sum(
            v.size for v in sd.values())


def test_load_state_dict_round_trip_and_errors() -> None:
    net = gates.LSTM(2, 3, variant="peephole", seed=0)
    other = gates.LSTM(2, 3, variant="peephole", seed=9)
    other.load_state_dict(net.state_dict())
    x = np.ones((4, 2))
    np.testing.assert_array_equal(other(x)[0], net(x)[0])
    sd = net.state_dict()
    del sd["weight_co_l0"]
    with pytest.raises(ValueError, match=r"weight_co_l0.*\(3,\)"):
        other.load_state_dict(sd)
    with pytest.raises(ValueError, match="weight_ih_l0"):  # a standard LSTM's (12, 2)
        gates.LSTM(2, 3, variant="coupled").load_state_dict(gates.LSTM(2, 3).state_dict())


def test_factories_and_single_cell() -> None:
    for kind, variant in CASES:
        cell = single_cell(kind, 2, 3, seed=0, variant=variant)
        assert (cell.kind, cell.variant, cell.num_layers) == (kind, variant, 1)
    assert network_class("mgu") is gates.MGU
    assert single_cell("gru", 1, 2, reset_after=False, variant="no_reset").reset_after is False
    assert "variant='coupled'" in repr(gates.LSTM(1, 2, variant="coupled"))


def test_analysis_per_variant() -> None:
    A = analysis
    assert A.param_formula("lstm", "coupled") == "3·[H(I+H) + 2H]"
    assert A.param_formula("lstm", "peephole") == "4·[H(I+H) + 2H] + 3H"
    assert A.param_formula("mgu") == "2·[H(I+H) + 2H]"
    for kind, variant in CASES:
        net = single_cell(kind, 1, 2, seed=0, variant=variant)
        curve = A.influence_curve(net, np.ones((12, 1)))
        assert curve.shape == (12,) and np.all(np.isfinite(curve))
        res = A.bptt(net, np.ones((12, 1)), 11)
        assert (res.dc is not None) == (kind == "lstm")
    sd = gates.LSTM(1, 2, variant="coupled").state_dict()
    moved = A.shift_gate_bias(sd, "lstm", "f", 2.0, variant="coupled")
    np.testing.assert_allclose(moved["bias_hh_l0"][:2] - sd["bias_hh_l0"][:2], 2.0)
    with pytest.raises(ValueError, match="expected one of f, g, o"):
        A.shift_gate_bias(sd, "lstm", "i", 2.0, variant="coupled")


# --------------------------------------------------------------------------- errors


def test_unknown_kind_or_variant_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="no_forget, no_input, no_output, coupled, peephole"):
        gates.LSTM(1, 2, variant="no_cell")
    with pytest.raises(ValueError, match="standard, no_reset"):
        gates.GRU(1, 2, variant="coupled")
    with pytest.raises(ValueError, match="variant must be one of standard for kind 'mgu'"):
        gates.MGU(1, 2, variant="no_reset")
    with pytest.raises(ValueError, match="rnn, gru, lstm, mgu"):
        network_class("elman")
    with pytest.raises(ValueError, match="rnn, gru, lstm, mgu"):
        single_cell("ugrnn", 1, 2)
    with pytest.raises(ValueError, match="rnn, gru, lstm, mgu"):
        kinds.get_kind("transformer")


def test_to_torch_refuses_variants_and_mgu() -> None:
    for kind, variant in CASES:
        net = make(kind, variant, 2, 3)
        if variant == "standard" and kind != "mgu":
            assert type(net.to_torch()).__name__ == kind.upper()
            continue
        with pytest.raises(ValueError, match="torch.nn has no class for"):
            net.to_torch()
        with pytest.raises(ValueError, match="torch.nn has no class for"):
            model_io.to_pt_bytes(net)
    with pytest.raises(ValueError, match="reset_after=True"):
        gates.GRU(1, 2, reset_after=False).to_torch()


def test_json_round_trip_keeps_the_variant() -> None:
    for kind, variant in CASES:
        net = make(kind, variant, 2, 3, seed=1)
        back = model_io.from_json(model_io.to_json(net))
        assert (back.kind, back.variant) == (kind, variant)
        assert all(np.array_equal(v, net.state_dict()[k]) for k, v in back.state_dict().items())


# --------------------------------------------------------------------------- backward


def _params(net: Any) -> dict[str, torch.Tensor]:
    return {k: torch.from_numpy(np.array(v)).requires_grad_(True)
            for k, v in net.state_dict().items()}


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
@pytest.mark.parametrize("shape", ["single", "stacked-bi-batched"])
def test_backward_matches_autograd_on_the_reference(kind: str, variant: str, shape: str) -> None:
    rng = np.random.default_rng(11)
    stacked = shape != "single"
    net = make(kind, variant, 3, 4, seed=2, num_layers=2 if stacked else 1,
               bidirectional=stacked, reset_after=False) if kind == "gru" and stacked else \
        make(kind, variant, 3, 4, seed=2, num_layers=2 if stacked else 1, bidirectional=stacked)
    B = 2 if stacked else 1
    x = rng.standard_normal((6, B, 3))
    tr = net.trace(x)
    grad_out = rng.standard_normal(tr.output.shape)
    g = gates.backward(tr, grad_out)

    params = _params(net)
    xt = torch.from_numpy(x.copy()).requires_grad_(True)
    out, recs = ref_run(net, xt, params=params)
    out.backward(torch.from_numpy(grad_out))
    assert xt.grad is not None
    np.testing.assert_allclose(g.input, xt.grad.numpy(), atol=1e-9, rtol=0)
    assert list(g.params) == list(params)
    for name, p in params.items():
        assert p.grad is not None
        np.testing.assert_allclose(g.params[name], p.grad.numpy(), atol=1e-9, rtol=0,
                                   err_msg=name)


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_backward_matches_finite_differences(kind: str, variant: str) -> None:
    rng = np.random.default_rng(4)
    net = make(kind, variant, 2, 3, seed=3)
    x = rng.standard_normal((5, 2))
    hx: Any = rng.standard_normal((1, 3)) * 0.5
    if kind == "lstm":
        hx = (hx, rng.standard_normal((1, 3)) * 0.5)
    go = rng.standard_normal((5, 3))
    g = gates.backward(net.trace(x, hx), go)

    def loss() -> float:
        return float(np.sum(net(x, hx)[0] * go))

    def fd(a: np.ndarray, eps: float = 1e-6) -> np.ndarray:
        out = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            keep = a[idx]
            a[idx] = keep + eps
            up = loss()
            a[idx] = keep - eps
            down = loss()
            a[idx] = keep
            out[idx] = (up - down) / (2 * eps)
        return out

    np.testing.assert_allclose(g.input, fd(x), atol=1e-7, err_msg="dL/dx")
    sd = net.state_dict()
    for name, value in sd.items():
        def with_weights(value: np.ndarray = value, name: str = name) -> np.ndarray:
            net.load_state_dict({**sd, name: value})
            return value
        work = with_weights()
        numeric = np.zeros_like(work)
        for idx in np.ndindex(work.shape):
            keep = work[idx]
            for sign in (1, -1):
                work[idx] = keep + sign * 1e-6
                net.load_state_dict({**sd, name: work})
                numeric[idx] += sign * loss() / 2e-6
            work[idx] = keep
        net.load_state_dict(sd)
        np.testing.assert_allclose(g.params[name], numeric, atol=1e-7, err_msg=name)


# --------------------------------------------------------------------------- sweep


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_sweep_frames_equal_ordinary_runs(kind: str, variant: str) -> None:
    rng = np.random.default_rng(8)
    for H, layers, bi in ((2, 1, False), (6, 2, True)):
        net = make(kind, variant, 2, H, seed=1, num_layers=layers, bidirectional=bi)
        x = rng.standard_normal((9, 2))
        sds = [make(kind, variant, 2, H, seed=s, num_layers=layers, bidirectional=bi).state_dict()
               for s in range(5)]
        tr = gates.sweep(net, x, sds)
        assert tr.names == net.trace(x).names
        for b, sd in enumerate(sds):
            one = make(kind, variant, 2, H, num_layers=layers, bidirectional=bi)
            one.load_state_dict(sd)
            ref = one.trace(x)
            for layer in range(layers):
                for d in range(2 if bi else 1):
                    for name in tr.names:
                        np.testing.assert_allclose(tr.get(name, layer, d)[:, b],
                                                   ref.get(name, layer, d), atol=1e-12, rtol=0)
    key = "weight_cf_l0" if variant == "peephole" else "bias_hh_l0"
    tr = gates.sweep_param(net, x, key, [0.5, -1.0], index=(1,))
    for b, v in enumerate((0.5, -1.0)):
        sd = net.state_dict()
        sd[key][1] = v
        net.load_state_dict(sd)
        np.testing.assert_allclose(tr.get("hidden")[:, b], net.trace(x).get("hidden"),
                                   atol=1e-12, rtol=0)


def test_peephole_large_states_equal_small_ones() -> None:
    """The peephole LSTM's pass (gates/kind_lstm.py, its own: tanh form, a record ahead,
    o and h doubled in the loop) on a large state: a sweep of 20 at H=16 (320 numbers a
    step, above NP_TANH_MAX, where every other LSTM variant switches to the exp form);
    each frame must equal its ordinary run."""
    from gates.kind_base import NP_TANH_MAX
    V, H = 20, 16
    assert V * H > NP_TANH_MAX >= H
    net = make("lstm", "peephole", 2, H, seed=1)
    x = np.random.default_rng(3).standard_normal((12, 2))
    sds = [make("lstm", "peephole", 2, H, seed=s).state_dict() for s in range(V)]
    tr = gates.sweep(net, x, sds)
    one = make("lstm", "peephole", 2, H)
    for b, sd in enumerate(sds):
        one.load_state_dict(sd)
        ref = one.trace(x)
        for name in tr.names:
            np.testing.assert_allclose(tr.get(name)[:, b], ref.get(name), atol=1e-12, rtol=0,
                                       err_msg=name)


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_large_weights_stay_finite_and_in_range_without_warnings(kind: str, variant: str) -> None:
    net = make(kind, variant, 2, 3, seed=0)
    rng = np.random.default_rng(0)
    net.load_state_dict({k: rng.choice([-1e4, 1e4], size=v.shape)
                         for k, v in net.state_dict().items()})
    x = rng.standard_normal((30, 2))
    with np.errstate(all="raise", under="ignore"):
        tr = net.trace(x)
        g = gates.backward(tr, np.ones(tr.output.shape))
    for name in tr.names:
        v = tr.get(name)
        assert np.all(np.isfinite(v)), name
        if name in tr.cell_kind.sigmoid:
            assert v.min() >= 0 and v.max() <= 1, name
        elif name in ("candidate", "hidden"):
            assert np.abs(v).max() <= 1, name
    assert np.all(np.isfinite(g.input)) and all(np.isfinite(a).all() for a in g.params.values())


def test_from_torch_is_unchanged_and_mgu_has_no_torch_class() -> None:
    module = torch.nn.LSTM(2, 3, dtype=torch.float64)
    net = gates.LSTM.from_torch(module)
    assert net.variant == "standard"
    x = np.random.default_rng(0).standard_normal((4, 2))
    np.testing.assert_allclose(net(x)[0], module(torch.from_numpy(x))[0].detach().numpy(),
                               atol=TOL, rtol=0)
    with pytest.raises(ValueError, match="torch.nn has no MGU"):
        gates.MGU.from_torch(torch.nn.GRU(2, 3))


def test_engine_dispatches_through_kind_objects() -> None:
    """Outside the kind modules, no module of gates/ compares with, keys a dict by or
    matches on a kind's name: the engine asks the kind object (issue 18)."""
    import ast
    from pathlib import Path

    names = set(kinds.ALL_KIND_NAMES)
    found = []
    for path in sorted((Path(__file__).resolve().parents[1] / "gates").glob("*.py")):
        if path.stem == "kinds" or path.stem.startswith("kind_"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            consts: list[ast.expr] = []
            if isinstance(node, ast.Compare):
                consts = [node.left, *node.comparators]
            elif isinstance(node, ast.Dict):
                consts = [k for k in node.keys if k is not None]
            elif isinstance(node, ast.match_case):
                consts = [n for n in ast.walk(node.pattern) if isinstance(n, ast.Constant)]
            for c in consts:
                for sub in ast.walk(c):
                    if isinstance(sub, ast.Constant) and sub.value in names:
                        found.append(f"{path.name}:{sub.lineno}")
    assert not found, found
