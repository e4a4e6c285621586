"""The numbers the "what to notice" lines cite, recomputed from the engine, the pages'
own engine calls and the shipped models: ``CLAIMS[guide key]()`` returns
{number as written in the text: the value it must round to}.

tests/test_guidance.py checks that every number in a guide's notes is claimed here, that
the claim rounds to the computed value, and that it appears in both languages.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
Facts = dict[str, float]


@cache
def preset_run(name: str) -> tuple[Any, np.ndarray]:
    from gates_lab.classroom.presets import preset_input, preset_net

    x = preset_input(name)
    return preset_net(name).trace(x), x


def g(name: str, gate: str, unit: int = 0) -> np.ndarray:
    return preset_run(name)[0].get(gate)[:, unit]


def flat(values: np.ndarray, tol: float = 1e-3) -> float:
    """The value a flat line sits at (asserting it is flat)."""
    assert float(np.ptp(values)) < tol, values
    return float(values[0])


def hits(x: np.ndarray) -> list[int]:
    return [int(i) for i in np.flatnonzero(x > 0.5)]


def sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


# --------------------------------------------------------------------------- presets


def gru_as_rnn() -> Facts:
    n = "gru-as-rnn"
    tr, x = preset_run(n)
    h, cand = g(n, "hidden"), g(n, "candidate")
    assert flat(g(n, "update")) < 1e-6 and flat(g(n, "reset")) > 1 - 1e-6
    assert np.allclose(h, cand, atol=1e-6)
    period = next(p for p in range(1, len(x)) if np.allclose(x[p:, 0], x[:-p, 0]))
    return {"48": len(x), "4": int(np.argmax(x[:16, 0])), "1.5": float(x[:, 0].max()),
            "0.979": h[4], "16": period, "20": 4 + period, "0.979 ": h[4 + period]}


def gru_latch() -> Facts:
    n = "gru-latch"
    _, x = preset_run(n)
    z, h = g(n, "update"), g(n, "hidden")
    writes = hits(x[:, 1])
    assert [int(i) for i in np.flatnonzero(z < 0.5)] == writes
    held = h[4:17]
    next_write = writes[writes.index(30) + 1]
    return {"4": writes[0], "17": writes[1], "30": writes[2], "43": writes[3], "56": writes[4],
            "0.736": flat(held), "0.94": x[4, 0],
            "16": writes[1] - 1, "-0.884": flat(h[30:next_write]),
            "13": next_write - 30}


def gru_reset_wipe() -> Facts:
    n = "gru-reset-wipe"
    _, x = preset_run(n)
    h, r, z = g(n, "hidden"), g(n, "reset"), g(n, "update")
    pulses, cues = hits(x[:, 0]), hits(x[:, 1])
    assert r[cues[0]] < 1e-3 and z[cues[0]] < 1e-3 and abs(h[cues[0]]) < 1e-3
    return {"2": pulses[0], "8": pulses[1], "14": pulses[2], "20": pulses[3],
            "0.462": flat(h[pulses[0]:pulses[1]]), "0.745": flat(h[pulses[1]:pulses[2]]),
            "0.847": flat(h[pulses[2]:cues[0]]), "17": cues[0],
            "0.462 ": h[pulses[3]],
            # the answer: with the reset gate left at 1 (the wipe challenge's start)
            "0.689": challenge_run("gru-wipe")[1].get("hidden")[cues[0], 0]}


def gru_update_keeps() -> Facts:
    n = "gru-update-keeps"
    _, x = preset_run(n)
    step = hits(x[:, 0])[0]
    return {"0.993": flat(g(n, "update", 0)), "0.007": flat(g(n, "update", 1)),
            "3": step, "0.899": g(n, "hidden", 1)[step], "0.006": g(n, "hidden", 0)[step],
            "39": len(x) - 1, "0.199": g(n, "hidden", 0)[-1],
            "0.905": flat(g(n, "candidate", 0)[step:]) if np.isclose(
                g(n, "candidate", 0)[-1], g(n, "candidate", 1)[-1]) else -1}


def gru_saturated() -> Facts:
    from gates_lab.figures.saturation import saturation_info

    n = "gru-saturated"
    tr, x = preset_run(n)
    flips = [int(i) + 1 for i in np.flatnonzero(np.diff(np.sign(x[:, 0])) != 0)]
    for gate in ("reset", "update"):
        for u in (0, 1):
            v = g(n, gate, u)
            assert set(np.flatnonzero(np.abs(np.diff(np.round(v))) > 0.5) + 1) == set(flips)
    shares = {row.name: row.low_share + row.high_share for row in saturation_info(tr)}
    assert g(n, "update", 0)[6] > 0.99 and g(n, "update", 1)[12] > 0.99
    return {"6": flips[0], "12": flips[1], "18": flips[2],
            "6 ": flips[1] - flips[0], "0.726": flat(g(n, "hidden", 0)[5:11]),
            "5": 5, "10": 10, "0.931": flat(g(n, "hidden", 1)[11:17]), "11": 11, "16": 16,
            "100": 100 * min(shares["reset"], shares["update"]),
            "0.1": 0.1, "0.9": 0.9}  # the saturation tab's thresholds


def lstm_counter() -> Facts:
    n = "lstm-counter"
    _, x = preset_run(n)
    c, h = g(n, "cell"), g(n, "hidden")
    imp = hits(x[:, 0])
    assert np.allclose(c, np.cumsum(x[:, 0] > 0.5), atol=1e-4)
    assert flat(g(n, "forget")) > 1 - 1e-6
    return {"7": len(imp), "3": imp[0], "10": imp[1], "45": imp[-1], "2": c[imp[1]],
            "7 ": c[imp[-1]], "0.381": h[imp[0]], "0.482": h[imp[1]], "24": imp[3],
            "0.500": flat(h[imp[3]:], 1e-3)}


def lstm_long_memory() -> Facts:
    n = "lstm-long-memory"
    _, x = preset_run(n)
    c, h = g(n, "cell"), g(n, "hidden")
    t0 = hits(x[:, 0])[0]
    return {"0.993": flat(g(n, "forget")), "2": t0, "1": c[t0], "0.715": c[t0 + 50],
            "52": t0 + 50, "50": 50, "0.596": c[-1], "79": len(x) - 1, "0.756": h[t0],
            "0.531": h[-1]}


def lstm_short_memory() -> Facts:
    n = "lstm-short-memory"
    _, x = preset_run(n)
    c = g(n, "cell")
    t0 = hits(x[:, 0])[0]
    assert float(np.max(np.abs(c[t0 + 3:]))) < 0.001
    return {"2": t0, "0.047": c[t0 + 1], "4": t0 + 2, "0.002": c[t0 + 2],
            "0.047 ": flat(g(n, "forget")), "5": 5 if 100 * flat(g(n, "forget")) < 5 else -1,
            "5 ": t0 + 3, "0.001": 0.001, "25": len(x) - (t0 + 3)}


def lstm_hold_value() -> Facts:
    n = "lstm-hold-value"
    _, x = preset_run(n)
    w = hits(x[:, 1])[0]
    i, f, c = g(n, "input"), g(n, "forget"), g(n, "cell")
    assert i[w] > 0.99 and f[w] < 0.01 and np.max(np.delete(i, w)) < 0.01
    return {"3": w, "0.696": flat(c[w:], 1e-6), "0.86": x[w, 0],
            "66": len(x) - 1 - w, "-1": x[:, 0].min(), "1": x[:, 0].max()}


def rnn_explode() -> Facts:
    n = "rnn-explode"
    _, x = preset_run(n)
    h = g(n, "hidden")
    assert np.allclose(h[1:] / h[:-1], 1.5) and np.allclose(h, g(n, "preactivation"))
    return {"0": hits(x[:, 0])[0], "1": h[0], "1.5": h[1] / h[0], "57.7": h[10],
            "10": 10, "127834": h[-1], "29": len(x) - 1}


def rnn_vanish() -> Facts:
    n = "rnn-vanish"
    h, a = g(n, "hidden"), g(n, "preactivation")
    assert float(np.max(np.abs(h[11:]))) < 0.001
    return {"0": 0, "0.762": h[0], "0.363": h[1], "0.180": h[2], "0.090": h[3],
            "1": 1, "0.381": a[1], "0.5": a[1] / h[0], "0.762 ": math.tanh(1.0),
            "10": 10, "0.001": h[10]}


def rnn_tanh_saturate() -> Facts:
    n = "rnn-tanh-saturate"
    _, x = preset_run(n)
    h, a = g(n, "hidden"), g(n, "preactivation")
    first = int(np.flatnonzero(h > 0.99)[0])
    assert h[-1] - h[first] < 0.01
    return {"0": x[0, 0], "2": x[-1, 0], "8.5": a[-1], "39": len(x) - 1, "0.692": h[3],
            "3": 3, "0.99": 0.99, "11": first, "0.2": float(np.mean(np.diff(a[first:]))),
            "0.01": 0.01}


# --------------------------------------------------------------------------- pages


@cache
def compare_run(step: str) -> tuple[Any, Any]:
    from gates_lab import codec
    from gates_lab.pages import compare as C

    s = C.CompareSettings(**C.PRESETS[step])
    return s, C.run_compare(codec.cache_key(s))


def compare_step(step: str) -> Facts:
    from gates import analysis as A

    s, r = compare_run(step)
    found = {k: A.retention_horizon(r[k][1], s.threshold / 100) for k in r}
    horizon = {k: -1.0 if v is None else float(v) for k, v in found.items()}  # None: beyond L
    facts: Facts = {"50": s.length}
    if step == "hold":
        assert found["lstm"] is None
        rnn = r["rnn"][1]
        facts |= {"10": horizon["rnn"], "42": horizon["gru"], "0.57": rnn[0], "0": 0,
                  "0.0043": rnn[10], "100": 100 if rnn[0] / rnn[10] > 100 else -1,
                  "0.876": float(np.mean(r["lstm"][0].get("forget"))),
                  "0.882": float(np.mean(r["gru"][0].get("update")))}
    else:
        facts = {"10": horizon["rnn"], "9": horizon["lstm"], "8": horizon["gru"],
                 "0.502": float(np.mean(r["lstm"][0].get("forget"))),
                 "0.511": float(np.mean(r["gru"][0].get("update"))),
                 "5": 5, "0.0066": r["lstm"][1][5], "0.0090": r["gru"][1][5],
                 "0.029": r["rnn"][1][5]}
    return facts


@cache
def gradients_run(step: str) -> Any:
    from gates_lab import codec
    from gates_lab.pages import gradients as G

    return G.run_gradients(codec.cache_key(G.GradSettings(**G.PRESETS[step])))


def gradients_step(step: str) -> Facts:
    r = gradients_run(step)
    k = r.kinds
    T = r.loss_step
    if step == "highway":
        rnn0, lstm0 = k["rnn"].dh_norm[0], k["lstm"].dh_norm[0]
        ratio = rnn0 / k["rnn"].dh_norm[T]
        return {"0.948": k["lstm"].decay, "0.570": k["rnn"].decay, "0.638": k["gru"].decay,
                "0": 0, "0.0213": lstm0, "2.5e-24": rnn0, "22": math.log10(lstm0 / rnn0),
                "6.36e-25": ratio, "99": T, "24": -math.log10(ratio)}
    lstm = k["lstm"]
    assert lstm.forget_mean is not None
    return {"0.624": lstm.decay, "0.570": k["rnn"].decay, "0.638": k["gru"].decay, "0": 0,
            "2.0e-20": lstm.dh_norm[0], "20": math.log10(lstm.dh_norm[T] / lstm.dh_norm[0]),
            "4.0": lstm.dh_norm[T], "99": T, "0.505": lstm.forget_mean[T - 1],
            "98": T - 1, "3.7e-13": lstm.forget_mean[50], "50": 50}


def deep() -> Facts:
    from gates_lab.pages import deep as D

    s, bi = D.TEXTBOOK["gru"], D.TEXTBOOK["bigru"]
    tr = D.make_net(s).trace(D.make_input(s))
    tb = D.make_net(bi).trace(D.make_input(bi))
    assert s.kind == "gru" and (s.input_size, s.hidden_size, s.num_layers) == (10, 20, 2)
    assert D.input_shape(s) == (5, 3, 10)
    assert tr.output.shape == (5, 3, 20) and tr.h_n.shape == (2, 3, 20)
    assert np.allclose(tr.h_n[1], tr.output[4])
    assert tb.output.shape == (5, 3, 40) and tb.h_n.shape == (4, 3, 20)
    # the answer: hn[-1] is the top layer's backward direction, which ends at step 0
    assert np.allclose(tb.h_n[-1], tb.output[0, :, 20:])
    assert not np.allclose(tb.h_n[-1], tb.output[-1, :, 20:])
    return {str(n): n for n in (10, 20, 2, 5, 3, 40, 4, 1)}


# --------------------------------------------------------------------------- learned


def accuracy(task: str) -> dict[str, float]:
    data = json.loads((ROOT / "models" / "accuracy.json").read_text())
    return {k: 100 * v for k, v in data["accuracy"][task].items()}


@cache
def learned_view(task: str, kind: str, lang: str = "en") -> Any:
    from gates_lab.classroom import tasks as T
    from gates_lab.classroom.training import MODELS_DIR, load_model, pretrained_path
    from gates_lab.learned_models import encode, example_text, run_model

    the_task = T.get_task(task)
    x, labels = encode(the_task, example_text(the_task, lang=lang))
    return run_model(load_model(pretrained_path(task, kind, MODELS_DIR)), x), x, labels


def delayed_recall() -> Facts:
    from gates_lab.figures.learned import probabilities

    acc = accuracy("delayed_recall")
    view, x, labels = learned_view("delayed_recall", "lstm")
    mark = [i for i, lab in enumerate(labels) if lab.endswith("*")][0]
    p = probabilities(view.outputs).max(axis=1)
    rnn = probabilities(learned_view("delayed_recall", "rnn")[0].outputs).max(axis=1)
    return {"100": min(acc["gru"], acc["lstm"]), "27": acc["rnn"], "4": 4, "25": 100 / 4,
            "16": mark, "0.87": p[mark - 1], "0.97": p[mark], "1.00": float(np.min(p[mark + 1:])),
            "0.25": float(rnn.min()), "0.28": float(rnn.max())}


def adding() -> Facts:
    acc = accuracy("adding")
    view, x, labels = learned_view("adding", "gru")
    rnn = learned_view("adding", "rnn")[0].outputs[:, 0]
    marks = [int(i) for i in np.flatnonzero(x[:, 1] > 0.5)]
    jumps = [abs(rnn[m] - rnn[m - 1]) for m in marks]
    out = view.outputs[-1, 0]
    assert abs(out - view.targets[0]) < 0.04 and abs(rnn[-1] - view.targets[0]) > 0.04
    return {"96": acc["gru"], "83": acc["lstm"], "7": acc["rnn"], "0.82": x[marks[0], 0],
            "10": marks[0], "0.39": x[marks[1], 0], "44": marks[1], "1.21": view.targets[0],
            "1.23": out, "0.04": 0.04, "1.02": rnn[-1], "0.1": 0.1 if max(jumps) < 0.1 else -1}


def brackets() -> Facts:
    acc = accuracy("brackets")
    view, x, labels = learned_view("brackets", "gru")
    depth = view.targets
    wrong = {k: np.flatnonzero(learned_view("brackets", k)[0].outputs.argmax(1) != depth)
             for k in ("gru", "lstm", "rnn")}
    assert len(wrong["gru"]) == len(wrong["lstm"]) == 0
    return {"99": acc["lstm"], "97": acc["gru"], "34": acc["rnn"], "10": depth.max(),
            "32": int(np.argmax(depth)), "64": len(depth), "16": wrong["rnn"][0] - 1,
            "17": wrong["rnn"][0], "35": len(wrong["rnn"])}


def sentiment() -> Facts:
    from gates_lab.classroom import tasks as T
    from gates_lab.figures.learned import probabilities

    acc = accuracy("sentiment")
    last = set()
    for lang, negation in (("en", "not"), ("zh", "不")):  # each page shows its own example
        view, x, labels = learned_view("sentiment", "gru", lang)
        p = probabilities(view.outputs)[:, 1]
        assert float(np.min(p[labels.index(negation):-1])) > 0.9, (lang, p)
        last.add(f"{p[-1]:.2f}")
    assert len(last) == 1
    return {"100": min(acc.values()), "12": T.get_task("sentiment").default_length,
            "0.9": 0.9, "0.01": float(last.pop())}


# --------------------------------------------------------------------------- challenges


def challenge_run(cid: str, which: str = "start") -> tuple[Any, Any, np.ndarray]:
    from gates_lab.classroom import challenges as C

    ch = C.get_challenge(cid)
    result, trace = C.evaluate(ch, getattr(ch, which))
    return dict(result.numbers), trace, C.challenge_input(ch)


def ch_latch() -> Facts:
    nums, tr, x = challenge_run("gru-latch")
    w = hits(x[:, 1])
    return {"0.5": flat(tr.get("update")[:, 0]), "4": w[0], "17": w[1], "30": w[2],
            "43": w[3], "56": w[4], "35": 100 * nums["held_share"], "0.1": nums["tolerance"]}


def ch_count() -> Facts:
    nums, tr, x = challenge_run("lstm-count")
    c = tr.get("cell")[:, 0]
    return {"0.5": flat(tr.get("forget")[:, 0]), "0.557": c[3], "3": hits(x[:, 0])[0],
            "0.278": c[4], "4": 4, "7": nums["impulses"], "0.035": nums["final_cell"]}


def ch_as_rnn() -> Facts:
    nums, tr, x = challenge_run("gru-as-rnn")
    return {"0.5": flat(tr.get("update")[:, 0]), "0.889": float(tr.get("hidden").max()),
            "0.979": nums["rnn_max_abs"], "0.485": nums["max_difference"],
            "0.01": nums["tolerance"]}


def ch_wipe() -> Facts:
    nums, tr, x = challenge_run("gru-wipe")
    h = tr.get("hidden")[:, 0]
    cues = hits(x[:, 1])
    return {"0.847": nums["before_cue"], "17": cues[0], "0.689": h[cues[0]],
            "0.706": h[cues[1]], "37": cues[1]}


def ch_explode() -> Facts:
    nums, tr, x = challenge_run("rnn-explode-tame")
    h = tr.get("hidden")[:, 0]
    from gates_lab.classroom import challenges as C

    ch = C.get_challenge("rnn-explode-tame")
    stretch = {w: float(np.max(np.abs(np.linalg.eigvals(getattr(ch, w)["weight_hh_l0"]))))
               for w in ("start", "solution")}
    return {"1.4": stretch["start"], "0.76": stretch["solution"],
            "1000": nums["explode_above"], "21": int(np.flatnonzero(h > 1000)[0]),
            "700000": round(h[-1], -5), "39": len(x) - 1, "10": nums["bound"]}


def ch_hold() -> Facts:
    nums, tr, x = challenge_run("lstm-hold-50")
    c = tr.get("cell")[:, 0]
    w = hits(x[:, 1])[0]
    return {"3": w, "0.696": nums["target"], "0.881": tr.get("forget")[w + 1, 0],
            "0.286": c[10], "10": 10, "0.004": c[44], "44": 44}


# ------------------------------------------------------------ variants (issue 18)


def lstm_no_forget() -> Facts:
    n = "lstm-no-forget"
    c, h, o = g(n, "cell"), g(n, "hidden"), g(n, "output")
    assert np.all(np.diff(c) > 0)  # "it never turns"
    settle = flat(h[-20:])
    assert abs(settle - flat(o)) < 1e-9
    return {"0": 0, "0.557": c[0], "40": 40, "22.8": c[40], "79": len(c) - 1, "44.5": c[79],
            "0.881": settle, "0.999": math.tanh(c[6]), "6": 6}


def lstm_coupled_hold() -> Facts:
    n = "lstm-coupled-hold"
    _, x = preset_run(n)
    f, i, c = g(n, "forget"), g(n, "input"), g(n, "cell")
    write = hits(x[:, 1])[0]
    assert np.allclose(i, 1 - f, atol=1e-12) and f[write] < 1e-6
    assert np.allclose(np.delete(f, write), 1, atol=1e-6)
    std = preset_run("lstm-hold-value")[0].get("cell")[:, 0]
    assert np.allclose(c, std, atol=1e-12)
    return {"3": write, "0.696": flat(c[write:]), "69": len(c) - 1}


def lstm_no_input() -> Facts:
    n = "lstm-no-input"
    _, x = preset_run(n)
    c = g(n, "cell")
    write = hits(x[:, 1])[0]
    std = g("lstm-hold-value", "cell")
    assert abs(c[write] - std[write]) < 1e-7 and g(n, "forget")[write] < 1e-6
    return {"3": write, "0.696": c[write], "-2.98": c[write:].min(), "1.53": c[write:].max()}


def without_peepholes(name: str) -> np.ndarray:
    """The cell state of a peephole preset's weights run by the standard LSTM."""
    from gates.network import single_cell
    from gates_lab.classroom.presets import get_preset, preset_input

    p = get_preset(name)
    net = single_cell("lstm", p.input_size, p.hidden_size, seed=0)
    net.load_state_dict({k: v for k, v in p.state_dict.items() if not k.startswith("weight_c")})
    return net.trace(preset_input(p)).get("cell")[:, 0]


def lstm_no_output() -> Facts:
    n = "lstm-no-output"
    _, x = preset_run(n)
    c, h = g(n, "cell"), g(n, "hidden")
    write, reads = hits(x[:, 0])[0], hits(x[:, 1])
    assert np.allclose(h, np.tanh(c), atol=1e-12)
    return {"0.762": flat(c[write:]), "3": write, "0.642": flat(h[write:]),
            "12": reads[0], "22": reads[1], "32": reads[2]}


def lstm_peephole_limit() -> Facts:
    n = "lstm-peephole-limit"
    i, c = g(n, "input"), g(n, "cell")
    return {"0.998": i[0], "0": 0, "0.180": i[2], "2": 2, "0.006": i[39], "39": 39,
            "2.06": c[2], "2.77": c[39], "39.9": without_peepholes(n)[39]}


def gru_no_reset() -> Facts:
    n = "gru-no-reset"
    _, x = preset_run(n)
    h, wipe = g(n, "hidden"), g("gru-reset-wipe", "hidden")
    cues = hits(x[:, 1])
    first = cues[0]
    assert np.allclose(h[:first], wipe[:first], atol=1e-12)
    assert all(abs(wipe[t]) < 1e-3 for t in cues)
    return {"17": cues[0], "37": cues[1], "0.689": h[cues[0]], "0.706": h[cues[1]],
            "0.847": h[first - 1], "16": first - 1}


def mgu_latch() -> Facts:
    n = "mgu-latch"
    _, x = preset_run(n)
    f, h = g(n, "forget"), g(n, "hidden")
    writes = hits(x[:, 1])
    assert [int(t) for t in np.flatnonzero(f > 0.5)] == writes
    assert np.all(np.delete(f, writes) < 1e-6) and np.all(f[writes] > 1 - 1e-6)
    assert np.allclose(h, g("gru-latch", "hidden"), atol=1e-5)
    return {"4": writes[0], "17": writes[1], "30": writes[2], "43": writes[3], "56": writes[4],
            "0.736": flat(h[writes[0]:writes[1]]), "16": writes[1] - 1}


CLAIMS: dict[str, Callable[[], Facts]] = {
    "preset.gru-as-rnn": gru_as_rnn,
    "preset.gru-latch": gru_latch,
    "preset.gru-reset-wipe": gru_reset_wipe,
    "preset.gru-update-keeps": gru_update_keeps,
    "preset.gru-saturated": gru_saturated,
    "preset.lstm-counter": lstm_counter,
    "preset.lstm-long-memory": lstm_long_memory,
    "preset.lstm-short-memory": lstm_short_memory,
    "preset.lstm-hold-value": lstm_hold_value,
    "preset.rnn-explode": rnn_explode,
    "preset.rnn-vanish": rnn_vanish,
    "preset.rnn-tanh-saturate": rnn_tanh_saturate,
    "preset.lstm-no-forget": lstm_no_forget,
    "preset.lstm-coupled-hold": lstm_coupled_hold,
    "preset.lstm-no-input": lstm_no_input,
    "preset.lstm-no-output": lstm_no_output,
    "preset.lstm-peephole-limit": lstm_peephole_limit,
    "preset.gru-no-reset": gru_no_reset,
    "preset.mgu-latch": mgu_latch,
    "compare.step1": lambda: compare_step("hold"),
    "compare.step2": lambda: compare_step("init"),
    "gradients.step1": lambda: gradients_step("highway"),
    "gradients.step2": lambda: gradients_step("init"),
    "deep": deep,
    "learned.delayed_recall": delayed_recall,
    "learned.adding": adding,
    "learned.brackets": brackets,
    "learned.sentiment": sentiment,
    "challenge.gru-latch": ch_latch,
    "challenge.lstm-count": ch_count,
    "challenge.gru-as-rnn": ch_as_rnn,
    "challenge.gru-wipe": ch_wipe,
    "challenge.rnn-explode-tame": ch_explode,
    "challenge.lstm-hold-50": ch_hold,
}
