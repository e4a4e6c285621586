"""Presets: the data is well formed, and every preset does what its text claims."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import cache

import numpy as np
import pytest

import gates
from gates.kinds import GATE_BLOCKS as BLOCKS
from gates_lab.classroom import presets
from gates_lab.classroom.inputs import ChannelSpec
from gates_lab.classroom.presets import PRESETS, Preset, get_preset, preset_input, preset_net
from gates_lab.i18n import catalogue


def sigmoid(a: float) -> float:
    return 1.0 / (1.0 + np.exp(-a))


@cache
def run(name: str) -> tuple[np.ndarray, gates.Trace]:
    p = get_preset(name)
    x = preset_input(p)
    return x, preset_net(p).trace(x)


def get(name: str, quantity: str) -> np.ndarray:
    return run(name)[1].get(quantity)


def with_weights(p: Preset, **changes: tuple[str, int, float]) -> gates.Trace:
    """Trace of ``p`` after setting single weights: ``key=(tensor, flat index, value)``."""
    net = preset_net(p)
    sd = net.state_dict()
    for tensor, index, value in changes.values():
        sd[tensor] = sd[tensor].copy()
        sd[tensor].flat[index] = value
    net.load_state_dict(sd)
    return net.trace(preset_input(p))


# ----------------------------------------------------------------------- one per preset


def check_gru_as_rnn() -> None:
    p = get_preset("gru-as-rnn")
    x, tr = run(p.name)
    assert np.all(get(p.name, "reset") > 1 - 1e-8) and np.all(get(p.name, "update") < 1e-8)
    h = p.hidden_size
    n_block = slice(2 * h, 3 * h)  # torch's GRU blocks: r, z, n
    rnn = gates.RNN(p.input_size, h, nonlinearity="tanh")
    rnn.load_state_dict({k: v[n_block] for k, v in p.state_dict.items()})
    plain = rnn.trace(x).get("hidden")
    np.testing.assert_allclose(tr.get("hidden"), plain, atol=1e-7, err_msg="GRU != RNN")
    assert np.ptp(plain) > 1.5  # the comparison is not between two flat lines


def check_gru_latch() -> None:
    x, tr = run("gru-latch")
    h, n = tr.get("hidden")[:, 0], tr.get("candidate")[:, 0]
    writes = np.flatnonzero(x[:, 1] == 1)
    assert len(writes) >= 4
    prev = np.concatenate([[0.0], h[:-1]])
    for t in range(len(x)):
        if t in writes:
            np.testing.assert_allclose(h[t], np.tanh(x[t, 0]), atol=1e-6, err_msg=f"write {t}")
            assert abs(h[t] - prev[t]) > 0.1, f"write at {t} did not change the state"
        else:
            assert abs(h[t] - prev[t]) < 1e-5, f"state moved without a write at {t}"
    # the value channel keeps moving between writes, so holding is not trivial
    for a, b in zip(writes[:-1], writes[1:], strict=True):
        assert np.ptp(n[a + 1:b]) > 0.2
    assert np.ptp(n[writes[0]:]) > 1.5


def check_gru_reset_wipe() -> None:
    p = get_preset("gru-reset-wipe")
    x, tr = run(p.name)
    h, r = tr.get("hidden")[:, 0], tr.get("reset")[:, 0]
    cues, pulses = np.flatnonzero(x[:, 1] == 1), np.flatnonzero(x[:, 0] == 1)
    assert len(cues) >= 2 and len(pulses) >= 5
    for t in cues:
        assert h[t - 1] > 0.5 and abs(h[t]) < 1e-3, f"cue at {t} did not wipe"
        assert r[t] < 1e-6
    for t in pulses:
        assert h[t] > h[t - 1] + 0.05, f"pulse at {t} did not add to the state"
    assert np.all(np.delete(r, cues) > 1 - 1e-6)
    # it is the reset gate that wipes: pin it open and the memory survives the cue
    open_r = with_weights(p, w=("weight_ih_l0", 1, 0.0)).get("hidden")[:, 0]
    assert np.all(np.abs(open_r[cues]) > 0.5)


def check_gru_update_keeps() -> None:
    x, tr = run("gru-update-keeps")
    z, n, h = tr.get("update"), tr.get("candidate"), tr.get("hidden")
    onset = int(np.flatnonzero(x[:, 0])[0])
    assert np.all(z[:, 0] > 0.99) and np.all(z[:, 1] < 0.01)
    # torch's convention, step by step: h_t = (1 - z) n + z h_{t-1}
    prev = np.vstack([np.zeros((1, 2)), h[:-1]])
    np.testing.assert_allclose(h, (1 - z) * n + z * prev, atol=1e-12)
    assert np.all(np.abs(h[onset:, 1] - n[onset:, 1]) < 0.01)  # z ~ 0 follows at once
    late = onset + 20
    assert 0 < h[late, 0] < 0.15 * n[late, 0]  # z ~ 1 barely moves


def check_gru_saturated() -> None:
    tr = run("gru-saturated")[1]
    for gate in ("reset", "update"):
        g = tr.get(gate)
        near_edge = np.minimum(g, 1 - g) < 1e-3
        assert near_edge.mean() >= 0.9, f"{gate}: only {near_edge.mean():.2f} saturated"
        for unit in range(g.shape[1]):
            assert g[:, unit].min() < 1e-3 and g[:, unit].max() > 1 - 1e-3, (gate, unit)
    z, h = tr.get("update"), tr.get("hidden")
    keep = z[1:] > 1 - 1e-4  # an update gate stuck at 1 freezes the state
    assert keep.sum() > 10
    np.testing.assert_allclose(h[1:][keep], h[:-1][keep], atol=1e-3)


def check_lstm_counter() -> None:
    x, tr = run("lstm-counter")
    c = tr.get("cell")[:, 0]
    dc = np.diff(np.concatenate([[0.0], c]))
    hits = x[:, 0] == 1
    assert hits.sum() >= 6
    np.testing.assert_allclose(dc[hits], 1.0, atol=1e-6, err_msg="step per impulse")
    np.testing.assert_allclose(dc[~hits], 0.0, atol=1e-6, err_msg="flat between impulses")
    np.testing.assert_allclose(c[-1], hits.sum(), atol=1e-5)


def _memory(name: str) -> tuple[int, np.ndarray]:
    x, tr = run(name)
    t = int(np.flatnonzero(x[:, 0])[0])
    c = tr.get("cell")[:, 0]
    np.testing.assert_allclose(c[t], 1.0, atol=1e-4, err_msg="the impulse writes 1")
    return t, c


def check_lstm_long_memory() -> None:
    t, c = _memory("lstm-long-memory")
    assert c[t + 50] > 0.5
    np.testing.assert_allclose(c[t + 50], c[t] * sigmoid(5.0) ** 50, rtol=1e-6)
    assert c[t + 50] < 0.9  # it does forget, slowly


def check_lstm_short_memory() -> None:
    t, c = _memory("lstm-short-memory")
    assert 0 <= c[t + 5] < 0.05
    np.testing.assert_allclose(c[t + 1], c[t] * sigmoid(-3.0), rtol=1e-6)


def check_lstm_hold_value() -> None:
    x, tr = run("lstm-hold-value")
    c = tr.get("cell")[:, 0]
    t = int(np.flatnonzero(x[:, 1])[0])
    assert len(x) - t >= 60
    np.testing.assert_allclose(c[:t], 0.0, atol=1e-6)
    np.testing.assert_allclose(c[t], np.tanh(x[t, 0]), atol=1e-6)
    assert abs(c[t]) > 0.5
    np.testing.assert_allclose(c[t:], c[t], atol=1e-5, err_msg="the value is held")
    assert np.ptp(x[t + 1:, 0]) > 1.5  # while the value channel keeps changing


def check_rnn_explode() -> None:
    h = get("rnn-explode", "hidden")[:, 0]
    assert h[-1] > 1e3 and np.all(np.isfinite(h))
    np.testing.assert_allclose(h[1:] / h[:-1], 1.5, rtol=1e-12)


def check_rnn_vanish() -> None:
    h = get("rnn-vanish", "hidden")[:, 0]
    assert h[0] > 0.5 and 0 <= h[-1] < 1e-3
    assert np.all(np.diff(h) < 0)
    np.testing.assert_allclose(h[-1] / h[-2], 0.5, rtol=1e-6)


def check_rnn_tanh_saturate() -> None:
    a, h = get("rnn-tanh-saturate", "preactivation")[:, 0], get("rnn-tanh-saturate", "hidden")[:, 0]
    third = len(h) * 2 // 3
    assert h[3] - h[0] > 0.5  # responds while unsaturated
    assert a[-1] - a[third] > 2  # the preactivation keeps climbing ...
    assert h[-1] - h[third] < 1e-3 and h[third] > 0.999  # ... the state does not


# ------------------------------------------------------------ variants (issue 18)


def check_lstm_no_forget() -> None:
    """Without a forget gate the cell state grows without bound on a constant drive; the
    same cell with a forget gate (bias 0: f = 0.5) stays below i·g / (1 - f)."""
    p = get_preset("lstm-no-forget")
    x, tr = run(p.name)
    assert np.ptp(x) == 0 and x[0, 0] > 0  # a constant drive
    assert "forget" not in tr.names
    c, h, o = tr.get("cell")[:, 0], tr.get("hidden")[:, 0], tr.get("output")[:, 0]
    steps = np.diff(c)
    ig = (tr.get("input") * tr.get("candidate"))[:, 0]
    np.testing.assert_allclose(steps, ig[1:], atol=1e-12)  # c_t = c_{t-1} + i g
    assert np.all(steps > 0.5) and c[-1] > 40 and c[-1] > 70 * c[0]
    np.testing.assert_allclose(h[-10:], o[-10:], atol=1e-12)  # tanh(c) = 1: h sticks at o
    std = gates.LSTM(1, 1)
    sd = {k: np.zeros(v.shape) for k, v in std.state_dict().items()}
    for block in ("i", "g", "o"):  # the same weights, plus a forget gate f = sigmoid(0)
        rows = gates.kinds.block_slice("lstm", block, 1)
        src = gates.kinds.block_slice("lstm", block, 1, variant="no_forget")
        for k in sd:
            sd[k][rows] = p.state_dict[k][src]
    std.load_state_dict(sd)
    bounded = std.trace(x).get("cell")[:, 0]
    assert bounded.max() < ig[0] / (1 - 0.5) + 1e-9 and c[-1] > 30 * bounded.max()


def check_lstm_coupled_hold() -> None:
    """One gate fewer, the same memory: the CIFG cell (i = 1 - f) computes what the
    standard "hold a value" LSTM computes with its own input gate, with 3/4 of the weights."""
    p, std = get_preset("lstm-coupled-hold"), get_preset("lstm-hold-value")
    (x, tr), (x_std, tr_std) = run(p.name), run(std.name)
    np.testing.assert_array_equal(x, x_std)
    np.testing.assert_allclose(tr.get("input"), 1 - tr.get("forget"), atol=1e-12)
    for name in ("input", "forget", "cell", "hidden"):
        np.testing.assert_allclose(tr.get(name), tr_std.get(name), atol=1e-12, err_msg=name)
    write = int(np.flatnonzero(x[:, 1])[0])
    c = tr.get("cell")[:, 0]
    assert abs(c[write]) > 0.5 and np.ptp(c[write:]) < 1e-6  # written once, then held
    count = sum(v.size for v in p.state_dict.values())
    assert count * 4 == 3 * sum(v.size for v in std.state_dict.values())


def check_lstm_no_input() -> None:
    """Without an input gate every candidate is written: the weights that hold a value in
    the standard LSTM (lstm-hold-value, the same input) now sum the value channel."""
    p, std = get_preset("lstm-no-input"), get_preset("lstm-hold-value")
    (x, tr), (x_std, tr_std) = run(p.name), run(std.name)
    np.testing.assert_array_equal(x, x_std)
    assert "input" not in tr.names
    c, c_std, g_ = tr.get("cell")[:, 0], tr_std.get("cell")[:, 0], tr.get("candidate")[:, 0]
    write = int(np.flatnonzero(x[:, 1])[0])
    assert abs(c[write] - c_std[write]) < 1e-7  # the write itself is the same (f ~ 2e-9)
    assert np.ptp(c_std[write:]) < 1e-6 and np.ptp(c[write:]) > 4  # held vs summed
    f = tr.get("forget")[:, 0]
    np.testing.assert_allclose(c[1:], f[1:] * c[:-1] + g_[1:], atol=1e-12)  # c = f c + g


def check_lstm_no_output() -> None:
    """Without an output gate h = tanh(c) shows the memory at every step; the same cell
    with the output gate o = sigmoid(40 read - 20) shows it only at the reads."""
    p = get_preset("lstm-no-output")
    x, tr = run(p.name)
    c, h = tr.get("cell")[:, 0], tr.get("hidden")[:, 0]
    write, reads = int(np.flatnonzero(x[:, 0])[0]), np.flatnonzero(x[:, 1])
    assert "output" not in tr.names and len(reads) >= 3
    np.testing.assert_allclose(h, np.tanh(c), atol=1e-12)
    assert np.ptp(c[write:]) < 1e-6 and np.all(h[write:] > 0.6)
    std = gates.LSTM(2, 1)
    sd = {k: np.zeros(v.shape) for k, v in std.state_dict().items()}
    for block in ("i", "f", "g"):
        rows = gates.kinds.block_slice("lstm", block, 1)
        src = gates.kinds.block_slice("lstm", block, 1, variant="no_output")
        for k in sd:
            sd[k][rows] = p.state_dict[k][src]
    o = gates.kinds.block_slice("lstm", "o", 1)
    sd["weight_ih_l0"][o] = [[0.0, 40.0]]
    sd["bias_ih_l0"][o] = -20.0
    std.load_state_dict(sd)
    gated = std.trace(x).get("hidden")[:, 0]
    np.testing.assert_allclose(gated[reads], h[reads], atol=1e-6)  # shown at the reads
    assert np.all(np.abs(np.delete(gated, reads)) < 1e-6)  # and hidden everywhere else


def check_lstm_peephole_limit() -> None:
    """The input gate reads the cell through its peephole and stops the counter; the same
    weights without peepholes count on (standard LSTM)."""
    p = get_preset("lstm-peephole-limit")
    x, tr = run(p.name)
    c, i = tr.get("cell")[:, 0], tr.get("input")[:, 0]
    c_prev = np.concatenate([[0.0], c[:-1]])
    w = p.state_dict
    np.testing.assert_allclose(  # i = sigma(b_ii + p_i c_{t-1}): the peephole at work
        i, sigmoid(w["bias_ih_l0"][0] + w["weight_ci_l0"][0] * c_prev), atol=1e-12)
    assert i[0] > 0.99 and i[-1] < 0.01 and np.all(np.diff(i) < 0)
    std = gates.LSTM(1, 1)
    std.load_state_dict({k: v for k, v in w.items() if not k.startswith("weight_c")})
    plain = std.trace(x).get("cell")[:, 0]
    assert c[-1] < 3 and plain[-1] > 39 and np.all(np.diff(plain) > 0.99)


def check_gru_no_reset() -> None:
    """Without a reset gate the candidate always sees h: the cue that wipes the standard
    GRU's state (gru-reset-wipe, the same weights plus r) leaves this one's standing."""
    p, wipe = get_preset("gru-no-reset"), get_preset("gru-reset-wipe")
    (x, tr), (_, tr_wipe) = run(p.name), run(wipe.name)
    assert "reset" not in tr.names
    h, n, h_wipe = tr.get("hidden")[:, 0], tr.get("candidate")[:, 0], tr_wipe.get("hidden")[:, 0]
    cues = np.flatnonzero(x[:, 1] == 1)
    assert len(cues) >= 2
    for t in cues:
        assert abs(h_wipe[t]) < 1e-3, f"the standard GRU wipes at {t}"
        # the candidate is tanh(W_in x + W_hn h_{t-1}): the past is in it
        expected = np.tanh(0.5 * x[t, 0] + 1.0 * h[t - 1])
        np.testing.assert_allclose(n[t], expected, atol=1e-9)
        assert h[t] > 0.4 and abs(h[t] - np.tanh(0.5 * x[t, 0])) > 0.4, f"wiped at {t}"


def check_mgu_latch() -> None:
    """One gate is enough for the latch: the MGU holds and writes exactly like the GRU's
    latch (gru-latch, the same input), with two gate blocks instead of three."""
    p, gru = get_preset("mgu-latch"), get_preset("gru-latch")
    (x, tr), (x_gru, tr_gru) = run(p.name), run(gru.name)
    np.testing.assert_array_equal(x, x_gru)
    assert tr.names == ("forget", "candidate", "hidden")
    h = tr.get("hidden")[:, 0]
    writes = np.flatnonzero(x[:, 1] == 1)
    assert len(writes) >= 4
    prev = np.concatenate([[0.0], h[:-1]])
    for t in range(len(x)):
        if t in writes:
            np.testing.assert_allclose(h[t], np.tanh(x[t, 0]), atol=1e-6, err_msg=f"write {t}")
        else:
            assert abs(h[t] - prev[t]) < 1e-5, f"state moved without a write at {t}"
    np.testing.assert_allclose(h, tr_gru.get("hidden")[:, 0], atol=1e-5)
    assert len(gates.kinds.get_kind("mgu").blocks) == 2 < len(BLOCKS["gru"])


BEHAVIOUR: dict[str, Callable[[], None]] = {
    "gru-as-rnn": check_gru_as_rnn,
    "gru-latch": check_gru_latch,
    "gru-reset-wipe": check_gru_reset_wipe,
    "gru-update-keeps": check_gru_update_keeps,
    "gru-saturated": check_gru_saturated,
    "lstm-counter": check_lstm_counter,
    "lstm-long-memory": check_lstm_long_memory,
    "lstm-short-memory": check_lstm_short_memory,
    "lstm-hold-value": check_lstm_hold_value,
    "rnn-explode": check_rnn_explode,
    "rnn-vanish": check_rnn_vanish,
    "rnn-tanh-saturate": check_rnn_tanh_saturate,
    "lstm-no-forget": check_lstm_no_forget,
    "lstm-coupled-hold": check_lstm_coupled_hold,
    "lstm-no-input": check_lstm_no_input,
    "lstm-no-output": check_lstm_no_output,
    "lstm-peephole-limit": check_lstm_peephole_limit,
    "gru-no-reset": check_gru_no_reset,
    "mgu-latch": check_mgu_latch,
}


def test_every_preset_has_a_behaviour_check() -> None:
    assert set(BEHAVIOUR) == set(PRESETS)


@pytest.mark.parametrize("name", list(BEHAVIOUR))
def test_preset_behaviour(name: str) -> None:
    BEHAVIOUR[name]()


def test_long_and_short_memory_differ_only_in_the_forget_bias() -> None:
    long, short = get_preset("lstm-long-memory"), get_preset("lstm-short-memory")
    diff = {k: np.flatnonzero(long.state_dict[k] != short.state_dict[k])
            for k in long.state_dict}
    assert {k: v.tolist() for k, v in diff.items() if len(v)} == {"bias_ih_l0": [1]}  # f


# ------------------------------------------------------------------------ well formed


def test_at_least_ten_presets_covering_all_kinds() -> None:
    assert len(PRESETS) >= 10
    assert {p.kind for p in PRESETS.values()} == {"rnn", "gru", "lstm", "mgu"}
    assert [p.name for p in presets.presets_for("lstm")] == [
        n for n, p in PRESETS.items() if p.kind == "lstm"]


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_fields(name: str) -> None:
    p = PRESETS[name]
    assert p.name == name and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
    assert p.input_size in (1, 2) and p.hidden_size in (1, 2)
    (title_en, title_zh), (explain_en, explain_zh) = (catalogue()[f"preset.{name}.{f}"]
                                                      for f in ("title", "explain"))
    for text in (title_en, title_zh, explain_en, explain_zh):
        assert text.strip() == text and text
    assert re.search(r"[\u4e00-\u9fff]", title_zh) and re.search(r"[\u4e00-\u9fff]", explain_zh)
    assert len(re.findall(r"[.!?](?:\s|$)", explain_en)) == 2, explain_en
    assert explain_zh.count("。") == 2 and explain_zh.endswith("。"), explain_zh
    x = preset_input(p)
    assert x.shape == (p.length, p.input_size) and x.dtype == np.float64
    g = len(gates.kinds.get_kind(p.kind, p.variant).blocks) * p.hidden_size
    extras = {f"{e}_l0": (p.hidden_size,) for e in gates.kinds.get_kind(p.kind, p.variant).extras}
    assert {k: v.shape for k, v in p.state_dict.items()} == {
        "weight_ih_l0": (g, p.input_size), "weight_hh_l0": (g, p.hidden_size),
        "bias_ih_l0": (g,), "bias_hh_l0": (g,), **extras}


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_net_loads_the_weights_and_leaves_the_preset_alone(name: str) -> None:
    p = PRESETS[name]
    net = preset_net(name)
    sd = net.state_dict()
    assert set(sd) == set(p.state_dict)
    for k, v in p.state_dict.items():
        np.testing.assert_array_equal(sd[k], v, err_msg=k)
        assert not v.flags.writeable
    assert isinstance(net, gates.network.network_class(p.kind))
    assert net.config.variant == p.variant
    sd["bias_ih_l0"] = sd["bias_ih_l0"] + 1.0
    net.load_state_dict(sd)
    assert not np.array_equal(preset_net(name).state_dict()["bias_ih_l0"], sd["bias_ih_l0"])


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_match_torch(name: str) -> None:
    """The weights mean the same thing in torch, where users take them."""
    torch = pytest.importorskip("torch")
    p = PRESETS[name]
    if not gates.kinds.get_kind(p.kind, p.variant).in_torch:
        pytest.skip(f"torch has no {p.kind} {p.variant}: its behaviour check runs the engine")
    kw = {"nonlinearity": p.nonlinearity} if p.kind == "rnn" else {}
    module = getattr(torch.nn, p.kind.upper())(p.input_size, p.hidden_size,
                                               dtype=torch.float64, **kw)
    module.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in p.state_dict.items()})
    x, tr = run(name)
    with torch.no_grad():
        out, _ = module(torch.from_numpy(x))
    np.testing.assert_allclose(tr.output, out.numpy(), rtol=1e-9, atol=1e-9, err_msg=name)


def test_get_preset_unknown_lists_valid_names() -> None:
    with pytest.raises(ValueError, match="unknown preset 'nope'; valid names: gru-as-rnn, "):
        get_preset("nope")
    assert get_preset("gru-latch") is PRESETS["gru-latch"]
    with pytest.raises(ValueError, match="rnn, gru, lstm, mgu; got 'mlp'"):
        presets.presets_for("mlp")


def test_preset_checks_its_shapes() -> None:
    p = PRESETS["gru-latch"]
    with pytest.raises(ValueError, match="2 input channel"):
        dataclasses.replace(p, inputs=(ChannelSpec("step"),))
    bad = dict(p.state_dict, bias_hh_l0=np.zeros(4))
    with pytest.raises(ValueError, match="state_dict shapes"):
        dataclasses.replace(p, state_dict=bad)
    with pytest.raises(ValueError, match="kind must be"):
        dataclasses.replace(p, kind="mlp")


def test_presets_are_hashable_values() -> None:
    p = PRESETS["lstm-counter"]
    assert hash(p) == hash(dataclasses.replace(p))
    assert p == dataclasses.replace(p) and p != PRESETS["lstm-long-memory"]
