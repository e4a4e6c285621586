"""The lab's one table of each cell kind's presentation (gates_lab/kind_view.py): every kind
and variant the engine has is in it, an unknown one raises, its equations and diagrams
are complete, and no code outside the kinds' homes branches on a kind's name."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from gates.kinds import VARIANTS
from gates_lab import kind_view as KV
from gates_lab.figures import scrubber as SCR
from gates_lab.figures import scrubber_info as SI
from gates_lab.mathhtml import latex_html

ROOT = Path(__file__).resolve().parents[1]


def engine_variants() -> list[tuple[str, str]]:
    """(kind, variant) for every kind and variant gates.kinds knows."""
    return list(VARIANTS)


def _branches():
    spec = importlib.util.spec_from_file_location("kind_branches",
                                                  ROOT / "scripts" / "kind_branches.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind,variant", engine_variants())
def test_every_kind_and_variant_has_a_presentation(kind, variant):
    v = KV.view(kind, variant)
    assert (v.kind, v.variant) == (kind, variant)
    assert v.colour.startswith("#") and v.icon
    cfg = KV.Cfg()
    gates = v.gates(cfg)
    assert gates, "no gate equations"
    for latex in [*gates.values(), *v.states(cfg), *(line.latex for line in v.lines(cfg))]:
        out = latex_html(latex)
        assert "\\" not in out and "{" not in out and "}" not in out, out


def test_an_unknown_kind_or_variant_raises_naming_the_known_ones():
    with pytest.raises(ValueError, match="known: rnn, gru"):
        KV.view("elman")
    with pytest.raises(ValueError, match="'gru' with variant 'no_forget'"):
        KV.view("gru", "no_forget")


def test_a_trace_of_an_unknown_kind_is_never_drawn_as_another():
    from gates.network import single_cell

    tr = single_cell("gru", 1, 2, seed=0).trace(np.zeros((3, 1)))

    class Other:
        kind = "elman"
        config = tr.config
        names = tr.names
        records = tr.records
        get = tr.get

    with pytest.raises(ValueError, match="elman"):
        SI.scrubber_info(Other(), 0)
    with pytest.raises(ValueError, match="elman"):
        SCR.cell_scrubber(Other())


def test_textbook_flip_is_the_grus_update_only():
    values = np.array([0.2, 0.9])
    gru, lstm = KV.view("gru"), KV.view("lstm")
    assert np.allclose(KV.shown_values(gru, "update", values, True), [0.8, 0.1])
    assert KV.shown_values(gru, "update", values, False) is values
    assert KV.shown_values(gru, "reset", values, True) is values
    assert KV.shown_values(lstm, "forget", values, True) is values


def _net(kind: str, variant: str):
    from gates.network import single_cell

    net = single_cell(kind, 2, 3, seed=1, variant=variant)
    sd = net.state_dict()
    for key in sd:
        if key.startswith("weight_c"):  # peepholes start at zero: make them count
            sd[key] = np.array([0.5, -0.7, 0.3])
    net.load_state_dict(sd)
    return net


@pytest.mark.parametrize("kind,variant", engine_variants())
@pytest.mark.parametrize("textbook", [False, True])
def test_scrubber_numbers_are_the_engines(kind, variant, textbook):
    """Each equation's numbers are filled in (weights known) and end in the trace's value
    of its left-hand side (the GRU's update drawn as 1 - z in the textbook convention)."""
    x = np.random.default_rng(0).standard_normal((6, 2))
    tr = _net(kind, variant).trace(x)
    v = KV.view(kind, variant)
    info = SI.scrubber_info(tr, 4, unit=1, textbook_update=textbook)
    lines = v.lines(KV.Cfg(textbook=textbook))
    assert len(info.equations) == 2 * len(lines)
    for line, numbers in zip(lines, info.equations[1::2], strict=True):
        assert numbers.count("=") >= 2, numbers  # computed, not just the value
        last = numbers.rsplit("<b>", 1)[1].split("</b>")[0].replace("\u2212", "-")
        want = KV.shown_values(v, line.lhs, tr.get(line.lhs)[4, 1], textbook)
        assert float(last) == pytest.approx(want, abs=0.006), line


@pytest.mark.parametrize("kind,variant,gate", [
    ("lstm", "no_forget", "forget"), ("lstm", "no_input", "input"),
    ("lstm", "no_output", "output"), ("gru", "no_reset", "reset")])
def test_a_removed_gate_is_drawn_as_removed(kind, variant, gate):
    """The scrubber's diagram keeps the removed gate's box, dashed, with its constant."""
    from gates_lab.figures.scrubber_diagram import _cells, _diagram_for

    tr = _net(kind, variant).trace(np.ones((4, 2)))
    assert gate not in tr.names
    diagram = _diagram_for(tr, 3, 2, "en", False)
    (box,) = [b for b in diagram.boxes if b.key == gate]
    assert box.removed and "≡" in box.header
    assert not any(b.removed for b in diagram.boxes if b.key != gate)
    info = SI.scrubber_info(tr, 2)
    cells = _cells(diagram, info, False, KV.view(kind, variant))
    start = sum(b.rows for b in diagram.boxes[:diagram.boxes.index(box)])
    assert cells.texts[start].endswith("= 1.00")
    shapes = SCR.cell_scrubber(tr).to_dict()["layout"]["shapes"]
    dashed = [s for s in shapes if s.get("line", {}).get("dash") == "dash"]
    assert len(dashed) == 1


def test_branches_on_a_kinds_name_outside_the_homes():
    """At most two in gates_lab/classroom/, gates_lab/, pages/ and app.py (data keyed by a page's name),
    at most 15 in the whole repo: a kind's facts are in gates/kinds.py (and its kind_*.py
    modules), its presentation in gates_lab/kind_view.py."""
    found = _branches().count()
    lab_side = {k: v for k, v in found.items() if not k.startswith("gates/")}
    # the two left are data keyed by a page's name: deep.py's textbook button "gru" and
    # gates_lab.classroom.presets.OPENINGS["gru"] (what the GRU page opens on)
    assert sum(len(v) for v in lab_side.values()) <= 2, lab_side
    assert sum(len(v) for v in found.values()) <= 15, found  # the bound, whole repo


def test_the_branch_count_sees_every_form_of_branch(tmp_path):
    """The counter is not blind: comparisons, membership, dict keys, subscripts and
    match cases on a kind's name all count; other strings do not."""
    source = tmp_path / "x.py"
    source.write_text(
        'if kind == "gru": pass\n'
        'if kind in ("rnn", "x"): pass\n'
        'COLOURS = {"lstm": 1, "other": 2}\n'
        'y = table["mgu"]\n'
        'match kind:\n    case "rnn": pass\n'
        'z = f(kind="gru", name="page.gru")\n')
    assert _branches().branches(source) == [1, 2, 3, 4, 6]


@pytest.mark.parametrize("kind,variant", [kv for kv in engine_variants() if kv[1] != "standard"
                                          or kv[0] == "mgu"])
def test_live_frames_of_every_variant_are_the_engine(kind, variant):
    """The live gates of a variant: its controls (per gate block, peephole vectors too)
    and each frame equal to the engine's run with the control at that value."""
    import dataclasses

    from gates_lab import scenario as S
    from gates_lab.live import controls as C
    from gates_lab.live import frames as F
    from tests.test_live import decoded, x_of

    cell = S.CellSpec(kind=kind, variant=variant, hidden_size=1, seed=2)
    cell = dataclasses.replace(cell, scale=(1.5, 1.0), shift=(0.0, -0.5))
    if variant == "peephole":  # a nonzero peephole, so that its knob scale matters
        cell = S.with_edit(cell, "weight_cf_l0", (0,), 0.75)
    x = x_of(cell)
    controls = C.controls_for(cell)
    blocks = S.cell_blocks(cell)
    assert {c.id for c in controls if not c.id.startswith("w:")} == {
        f"{k}:{b}" for k in ("scale", "shift") for b in range(len(blocks))}
    picks = [c for c in controls if not c.id.startswith("w:")]
    picks += [c for c in controls if "weight_c" in c.id or c.id.endswith("_l0:0:0")]
    for control in picks:
        values = C.grid(control)
        payload = F.sweep_payload(cell, x, control, values, True)
        frames = decoded(payload)
        for k in (0, len(values) // 3, len(values) - 1):
            trace = S.cell_net(C.apply(cell, control, float(values[k]))).trace(x)
            v = KV.view(kind, variant)
            for p, name in enumerate(trace.names):
                expected = KV.shown_values(v, name, trace.get(name), True)
                np.testing.assert_allclose(frames[k, p], expected, rtol=0, atol=1e-12,
                                           err_msg=f"{control.id} k={k} {name}")
