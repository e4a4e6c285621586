"""The cell pages' scenario: its settings dataclasses, weight arithmetic and input.

Everything a cell page (GRU / LSTM / RNN, and the challenges' cell) shows follows from a
``Scenario``. The generic codec (gates_lab/codec.py) writes it into links and JSON; this module
says what the fields are, how the weights follow from them (seeded init, explicit edits,
per-gate knobs) and how the input sequence is built. No Streamlit here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gates.kinds import ALL_KIND_NAMES, STANDARD, VARIANTS, get_kind, param_shapes, variant_names
from gates.network import single_cell
from gates_lab import kind_view
from gates_lab.codec import FieldCodec, fmt_plain, from_dict, shorten, spec, to_dict
from gates_lab.input_codec import POINTS, clean_points

KINDS: tuple[str, ...] = ALL_KIND_NAMES  # every kind has a cell page, MGU included
#: Every variant name of any kind (a cell's own are gates.kinds.variant_names(kind)).
VARIANT_NAMES: tuple[str, ...] = tuple(dict.fromkeys(v for _, v in VARIANTS))
PATTERNS: tuple[str, ...] = (
    "constant", "step", "impulse", "impulses", "sine", "square", "ramp", "noise",
)
INPUT_MODES: tuple[str, ...] = ("pattern", "table", "text")
MAX_INPUT = 4
MAX_HIDDEN = 16
MAX_LENGTH = 500
MAX_WEIGHT = 1e4


# --------------------------------------------------------------------------- field codecs


def _fmt_rows(rows: tuple[Any, ...]) -> str:
    return "|".join(",".join(fmt_plain(getattr(r, f.name)) for f in dataclasses.fields(r))
                    for r in rows)


def _parse_channels(value: Any, f: dataclasses.Field[Any]) -> tuple[Channel, ...]:
    rows: list[Any]
    if isinstance(value, str):
        rows = [r.split(",") for r in value.split("|") if r]
    else:
        rows = list(value)
    if not 1 <= len(rows) <= MAX_INPUT:
        raise ValueError(f"needs 1 to {MAX_INPUT} channels")
    out = []
    names = [g.name for g in dataclasses.fields(Channel)]
    for row in rows:
        data = row if isinstance(row, Mapping) else dict(zip(names, row, strict=False))
        obj, errors = from_dict(Channel, data)
        if errors:
            raise ValueError("; ".join(errors))
        out.append(obj)
    return tuple(out)


def _fmt_table(rows: tuple[tuple[float, ...], ...]) -> str:
    return ";".join(",".join(fmt_plain(v) for v in row) for row in rows)


def parse_table(value: Any) -> tuple[tuple[float, ...], ...]:
    """Rows of numbers from "1,2;3,4" or nested lists; ValueError names the bad row."""
    rows = [r.split(",") for r in value.split(";") if r] if isinstance(value, str) else value
    if len(rows) > MAX_LENGTH:
        raise ValueError(f"has {len(rows)} rows; at most {MAX_LENGTH}")
    out = []
    for r, row in enumerate(rows):
        try:
            values = tuple(float(v) for v in row)
        except (TypeError, ValueError):
            raise ValueError(f"row {r + 1} has a value that is not a number") from None
        if not all(math.isfinite(v) and abs(v) <= MAX_WEIGHT for v in values):
            raise ValueError(f"row {r + 1} needs finite numbers within ±{MAX_WEIGHT:g}")
        out.append(values)
    if len({len(row) for row in out}) > 1:
        raise ValueError("all rows need the same number of values")
    return tuple(out)


def _fmt_pairs(pairs: tuple[tuple[str, float], ...]) -> str:
    return ";".join(f"{k}={fmt_plain(v)}" for k, v in pairs)


def _parse_edit(item: Any) -> tuple[str, float]:
    if len(item) != 2:
        raise ValueError("needs entries like weight_hh_l0:0:1=0.5")
    key, raw = item
    name, *idx = str(key).split(":")
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses
    if not (name.startswith(("weight_", "bias_")) and len(idx) in (1, 2)
            and all(i.isascii() and i.isdigit() and len(i) <= 9 for i in idx)):
        raise ValueError(f"{shorten(key)!r} is not a weight element like weight_hh_l0:0:1")
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{shorten(key)!r} needs a number, got {shorten(raw)!r}") from None
    if not math.isfinite(number) or abs(number) > MAX_WEIGHT:
        raise ValueError(f"{shorten(key)!r} must be a finite number within ±{MAX_WEIGHT:g}")
    return str(key), number


def _parse_edits(value: Any, f: dataclasses.Field[Any]) -> tuple[tuple[str, float], ...]:
    items: list[Any]
    if isinstance(value, str):
        items = [p.split("=", 1) for p in value.split(";") if p]
    elif isinstance(value, Mapping):
        items = list(value.items())
    else:
        items = list(value)
    return tuple(sorted(dict(_parse_edit(item) for item in items).items()))


def _fmt_floats(values: tuple[float, ...]) -> str:
    return ",".join(fmt_plain(v) for v in values)


def _parse_knobs(value: Any, f: dataclasses.Field[Any]) -> tuple[float, ...]:
    items = [v for v in value.split(",") if v] if isinstance(value, str) else list(value)
    try:
        out = tuple(float(v) for v in items)
    except (TypeError, ValueError):
        raise ValueError("needs numbers separated by commas") from None
    if len(out) > 4 or not all(math.isfinite(v) and abs(v) <= 100 for v in out):
        raise ValueError("needs at most 4 finite numbers within ±100")
    return out


CHANNELS = FieldCodec(_fmt_rows, _parse_channels)
TABLE = FieldCodec(_fmt_table, lambda value, f: parse_table(value))
EDITS = FieldCodec(_fmt_pairs, _parse_edits)
KNOBS = FieldCodec(_fmt_floats, _parse_knobs)


# --------------------------------------------------------------------------- the scenario


@dataclass(frozen=True)
class Channel:
    """One input channel drawn from a pattern of gates_lab/classroom/inputs.py."""

    pattern: str = spec("sine", "p", choices=PATTERNS)
    amplitude: float = spec(1.0, "a", -10.0, 10.0)
    period: int = spec(20, "T", 0, MAX_LENGTH)  # 0: the pattern's own (one ramp)
    onset: int = spec(5, "o", 0, MAX_LENGTH)
    seed: int = spec(0, "s", 0, 2**31 - 1)
    phase: float = spec(0.0, "ph", -100.0, 100.0)


@dataclass(frozen=True)
class InputSpec:
    """The input sequence: patterns per channel, a table of values, or typed text."""

    mode: str = spec("pattern", "mode", choices=INPUT_MODES)
    length: int = spec(40, "L", 1, MAX_LENGTH)
    channels: tuple[Channel, ...] = spec((Channel(),), "ch", codec=CHANNELS)
    table: tuple[tuple[float, ...], ...] = spec((), "tab", codec=TABLE)
    text: str = spec("hello world", "txt")
    text_mode: str = spec("chars", "tm", choices=("chars", "words"))
    # ((channel, step, value), ...): points edited on the chart, over the patterns (as
    # weight edits are over the seeded init). Table mode edits the table itself.
    points: tuple[tuple[int, int, float], ...] = spec((), "pt", codec=POINTS, added=True)

    def __post_decode__(self) -> tuple[InputSpec, list[str]]:
        """The codec's hook: points within their limits (gates_lab.input_codec.clean_points)."""
        return clean_points(self)


@dataclass(frozen=True)
class CellSpec:
    """Which cell, its sizes and its weights (seeded init + explicit edits + gate knobs)."""

    kind: str = spec("gru", "cell", choices=KINDS)
    input_size: int = spec(1, "I", 1, MAX_INPUT)
    hidden_size: int = spec(2, "H", 1, MAX_HIDDEN)
    reset_after: bool = spec(True, "ra")
    nonlinearity: str = spec("tanh", "nl", choices=("tanh", "relu"))
    # the LSTM's and GRU's variants (a gate taken away, coupled, peepholes); new in issue 18
    variant: str = spec(STANDARD, "var", choices=VARIANT_NAMES)
    seed: int = spec(0, "seed", 0, 2**31 - 1)
    # (("weight_hh_l0:0:1", 0.5), ...): values that differ from the seeded init.
    edits: tuple[tuple[str, float], ...] = spec((), "w", codec=EDITS)
    # per gate block (torch order): multiply the weights, add to the biases.
    scale: tuple[float, ...] = spec((), "sc", codec=KNOBS)
    shift: tuple[float, ...] = spec((), "sh", codec=KNOBS)

    def __post_decode__(self) -> tuple[CellSpec, list[str]]:
        """The codec's hook: a variant of another kind becomes the standard cell, then the
        edits naming weights this cell does not have are dropped."""
        cell, problems = self, []
        if cell.variant not in variant_names(cell.kind):
            problems.append(f"variant: expected one of {', '.join(variant_names(cell.kind))} "
                            f"for the cell {cell.kind!r}, given {cell.variant!r}; the "
                            "standard cell is shown")
            cell = dataclasses.replace(cell, variant=STANDARD, edits=(), scale=(), shift=())
        clean = drop_bad_edits(cell)
        if clean is not cell:
            problems.append("some weight edits do not fit this cell's sizes; they were dropped")
        return clean, problems


PLOT_VIEWS = ("over_time", "scrubber", "saturation", "phase")


@dataclass(frozen=True)
class ViewSpec:
    """How the trace is shown; changes here never rerun the engine."""

    textbook_update: bool = spec(False, "tb")
    display: str = spec("auto", "disp", choices=("auto", "lines", "heatmap"))
    unit: int = spec(0, "u", 0, MAX_HIDDEN - 1)
    # the open plot tab, so that a link can open on the scrubber
    plot: str = spec("over_time", "plot", choices=PLOT_VIEWS)


@dataclass(frozen=True)
class Scenario:
    """Everything a cell page shows follows from this."""

    cell: CellSpec = spec(CellSpec(), "")
    input: InputSpec = spec(InputSpec(), "")
    view: ViewSpec = spec(ViewSpec(), "")
    preset: str = spec("", "preset")


# --------------------------------------------------------------------------- weights


def edit_key(name: str, index: tuple[int, ...]) -> str:
    """'weight_hh_l0:1:0' names element [1, 0] of weight_hh_l0."""
    return ":".join([name, *map(str, index)])


def parse_edit_key(key: str) -> tuple[str, tuple[int, ...]]:
    name, *idx = key.split(":")
    return name, tuple(int(i) for i in idx)


def weight_shapes(cell: CellSpec) -> dict[str, tuple[int, ...]]:
    """Shapes of the cell's weights in torch's layout (one layer, one direction)."""
    return param_shapes(cell.kind, cell.input_size, cell.hidden_size, variant=cell.variant)


def cell_blocks(cell: CellSpec) -> tuple[str, ...]:
    """The gate blocks stacked in the cell's weights (a variant's removed gate has none)."""
    return get_kind(cell.kind, cell.variant).blocks


def _edit_fits(key: str, shapes: Mapping[str, tuple[int, ...]]) -> bool:
    name, index = parse_edit_key(key)
    shape = shapes.get(name)
    return shape is not None and len(index) == len(shape) and all(
        0 <= i < n for i, n in zip(index, shape, strict=True))


def drop_bad_edits(cell: CellSpec) -> CellSpec:
    """The cell without the edits that name weights it does not have."""
    shapes = weight_shapes(cell)
    kept = tuple(e for e in cell.edits if _edit_fits(e[0], shapes))
    return cell if kept == cell.edits else dataclasses.replace(cell, edits=kept)


def cell_view(cell: CellSpec) -> kind_view.KindView:
    """How the lab shows this cell (gates_lab/kind_view.py)."""
    return kind_view.view(cell.kind, cell.variant)


def cell_equations(cell: CellSpec, textbook_update: bool = False) -> str:
    """Every equation of the cell, one aligned LaTeX block."""
    return kind_view.all_equations(cell.kind, cell.reset_after, cell.nonlinearity,
                                   textbook_update, cell.variant)


def seeded_net(cell: CellSpec) -> Any:
    """An engine network with the cell's seeded init (no edits applied)."""
    return single_cell(cell.kind, cell.input_size, cell.hidden_size,
                       reset_after=cell.reset_after, nonlinearity=cell.nonlinearity,
                       seed=cell.seed, variant=cell.variant)


def apply_edits(base: Mapping[str, np.ndarray], edits: tuple[tuple[str, float], ...]
                ) -> dict[str, np.ndarray]:
    """A float64 copy of ``base`` with each edit ("name:i:j", value) written in."""
    weights = {k: np.array(v, dtype=np.float64) for k, v in base.items()}
    for key, value in edits:
        name, index = parse_edit_key(key)
        weights[name][index] = value
    return weights


def edits_between(base: Mapping[str, np.ndarray], weights: Mapping[str, Any]
                  ) -> tuple[tuple[str, float], ...]:
    """The edits that turn ``base`` into ``weights`` (exactly; same names and shapes)."""
    edits = []
    for name, start in base.items():
        given = np.asarray(weights[name], dtype=np.float64)
        for index in zip(*np.nonzero(given != start), strict=True):
            idx = tuple(int(i) for i in index)
            edits.append((edit_key(name, idx), float(given[idx])))
    return tuple(sorted(edits))


def seeded_state(cell: CellSpec) -> Mapping[str, np.ndarray]:
    """The seeded init of the cell's kind, sizes and seed (edits and knobs not applied).
    Shared and read-only: every release and control list asks, so it is made once."""
    return _seeded_state(dataclasses.replace(cell, edits=(), scale=(), shift=()))


@functools.lru_cache(maxsize=256)
def _seeded_state(structure: CellSpec) -> Mapping[str, np.ndarray]:
    state = seeded_net(structure).state_dict()
    for array in state.values():
        array.setflags(write=False)
    return state


def base_weights(cell: CellSpec) -> dict[str, np.ndarray]:
    """Seeded init with the explicit edits applied (what the weight sliders show)."""
    return apply_edits(seeded_state(cell), cell.edits)


def with_knobs(kind: str, hidden_size: int, base: Mapping[str, np.ndarray],
               scale: Sequence[float], shift: Sequence[float], variant: str = STANDARD
               ) -> dict[str, np.ndarray]:
    """Copies of ``base`` with each gate block's weights times its scale and its biases
    plus its shift (knobs past the cell's gate count are ignored); a peephole vector
    p_i / p_f / p_o is scaled with its gate's weights."""
    weights = {k: np.array(v, dtype=np.float64) for k, v in base.items()}
    letters = get_kind(kind, variant).blocks
    blocks, h = len(letters), hidden_size
    for name, w in weights.items():
        peephole = _peephole_block(name)
        if peephole is not None:
            if peephole in letters and letters.index(peephole) < len(scale):
                w *= scale[letters.index(peephole)]
            continue
        knobs = shift if name.startswith("bias") else scale
        for b, knob in enumerate(knobs[:blocks]):
            if name.startswith("bias"):
                w[b * h:(b + 1) * h] += knob
            else:
                w[b * h:(b + 1) * h] *= knob
    return weights


def effective_weights(cell: CellSpec) -> dict[str, np.ndarray]:
    """The weights the engine runs: base weights, then per-gate scale and bias shift."""
    return with_knobs(cell.kind, cell.hidden_size, base_weights(cell), cell.scale, cell.shift,
                      cell.variant)


def _peephole_block(name: str) -> str | None:
    """'i' for the peephole vector weight_ci_l0 (None for a stacked weight or bias)."""
    head = name.split("_l")[0]
    return head[-1] if head.startswith("weight_c") and len(head) == len("weight_ci") else None


def cell_net(cell: CellSpec) -> Any:
    """The engine net of a cell page's settings, with its effective weights loaded."""
    net = seeded_net(cell)
    net.load_state_dict(effective_weights(cell))
    return net


def block_elements(weights: Mapping[str, np.ndarray], block: int, hidden_size: int,
                   letter: str = "") -> list[tuple[str, tuple[int, ...], str]]:
    """Every weight and bias element of gate block ``block``, in the weight editor's order:
    (tensor name, index into it, "row,col" within the block) for W_i, W_h, b_i, b_h, then
    the peephole vector of the block called ``letter`` (weight_c<letter>_l0), if any."""
    out: list[tuple[str, tuple[int, ...], str]] = []
    for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
        w = weights[name]
        for row in range(hidden_size):
            r = block * hidden_size + row
            indices: list[tuple[int, ...]] = [(r, j) for j in range(w.shape[1])] if w.ndim == 2 else [(r,)]
            out += [(name, index, ",".join(map(str, (row, *index[1:])))) for index in indices]
    peephole = f"weight_c{letter}_l0"
    if letter and peephole in weights:
        out += [(peephole, (row,), str(row)) for row in range(hidden_size)]
    return out


def _check_weights(init: Mapping[str, np.ndarray], weights: Mapping[str, Any]) -> None:
    for name in init:
        if name not in weights:
            raise ValueError(f"weights: missing {name!r} (expected shape {init[name].shape})")
        given = np.asarray(weights[name], dtype=np.float64)
        if given.shape != init[name].shape:
            raise ValueError(f"weights: {name!r} should have shape {init[name].shape}, "
                             f"got {given.shape}")
        if not np.all(np.isfinite(given)) or np.max(np.abs(given)) > MAX_WEIGHT:
            raise ValueError(f"weights: {name!r} must be finite numbers within ±{MAX_WEIGHT:g}")
    extra = sorted(set(weights) - set(init))
    if extra:
        raise ValueError(f"weights: unexpected key {extra[0]!r}; expected {sorted(init)}")


def edits_from_weights(cell: CellSpec, weights: Mapping[str, Any]) -> tuple[tuple[str, float], ...]:
    """The edits that turn the cell's seeded init into ``weights`` (exactly)."""
    init = seeded_state(cell)
    _check_weights(init, weights)
    return edits_between(init, weights)


def with_edit(cell: CellSpec, name: str, index: tuple[int, ...], value: float) -> CellSpec:
    """The cell with one weight set; an edit equal to the init is dropped."""
    key = edit_key(name, index)
    init = seeded_state(cell)[name][index]
    edits = dict(cell.edits)
    if float(value) == float(init):
        edits.pop(key, None)
    else:
        edits[key] = float(value)
    return dataclasses.replace(cell, edits=tuple(sorted(edits.items())))


# --------------------------------------------------------------------------- input


def build_input(inp: InputSpec, input_size: int) -> tuple[np.ndarray, list[str] | None]:
    """The (L, input_size) sequence and, for text, the token labels of the time axis.

    Raises ValueError with a message for the user when the spec cannot be built.
    """
    from gates_lab.classroom import inputs

    if inp.mode == "table":
        if not inp.table:
            raise ValueError("the values table is empty: add at least one row")
        x = np.array(inp.table, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != input_size:
            raise ValueError(f"the values table needs {input_size} column(s) per row, "
                             f"got rows of {x.shape[-1] if x.ndim == 2 else 'mixed'} values")
        return x[:MAX_LENGTH], None
    if inp.mode == "text":
        x, tokens = inputs.text_to_embedding(inp.text, input_size, inp.text_mode)
        if len(tokens) > MAX_LENGTH:
            x, tokens = x[:MAX_LENGTH], tokens[:MAX_LENGTH]
        return x, tokens
    channels = [inp.channels[c] if c < len(inp.channels) else Channel()
                for c in range(input_size)]
    specs = [inputs.ChannelSpec(pattern=ch.pattern, amplitude=ch.amplitude,
                                period=ch.period or None, onset=ch.onset, seed=ch.seed,
                                phase=ch.phase) for ch in channels]
    x = inputs.make_input(inp.length, specs)
    for c, t, v in inp.points:  # the edited points (past the input's size or length: unused)
        if c < input_size and t < inp.length:
            x[t, c] = v
    return x, None


# --------------------------------------------------------------------------- files, presets


def to_json(scenario: Scenario, weights: Mapping[str, np.ndarray] | None = None) -> str:
    """The scenario as JSON, with the weights written out for notebooks and editing."""
    data: dict[str, Any] = {"format": "gates-lab-scenario", "version": 1,
                            "settings": to_dict(scenario)}
    if weights is not None:
        data["weights"] = {k: np.asarray(v).tolist() for k, v in weights.items()}
    return json.dumps(data, indent=1, ensure_ascii=False)


def scenario_from_json(text: str | bytes) -> tuple[Scenario, list[str]]:
    """A scenario from JSON text. Explicit weights, when present, override the edits.

    Raises ValueError when the text is not a scenario at all; softer problems come back
    as messages, with defaults kept.
    """
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"this is not a JSON file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("settings"), dict):
        raise ValueError('expected a JSON object with a "settings" entry, as the lab saves it')
    scenario, errors = from_dict(Scenario, data["settings"])
    if "weights" in data:
        if not isinstance(data["weights"], dict):
            raise ValueError('"weights" should map weight names to nested lists')
        cell = dataclasses.replace(scenario.cell, scale=(), shift=())
        edits = edits_from_weights(cell, data["weights"])
        # The written weights are the effective ones; knobs were folded into them.
        scenario = dataclasses.replace(scenario, cell=dataclasses.replace(cell, edits=edits))
    return scenario, errors


def channels_preset(scenario: Scenario) -> str:
    """The preset whose channel names (the GRU latch's value and write signal) fit the
    input: the scenario's preset while the input is patterns, not typed text or a table."""
    return scenario.preset if scenario.input.mode == "pattern" else ""


def scenario_from_preset(name: str) -> Scenario:
    """The scenario of a classroom preset (gates_lab/classroom/presets.py), weights as explicit edits."""
    from gates_lab.classroom import presets

    return _scenario_of(presets.get_preset(name), preset=name)


def opening_scenario(kind: str) -> Scenario | None:
    """What the ``kind`` cell page shows on a visit without settings (gates_lab.classroom.presets
    .OPENINGS), or None: the page then opens on the defaults."""
    from gates_lab.classroom import presets

    p = presets.OPENINGS.get(kind)
    return None if p is None else _scenario_of(p, preset="")


#: Every run of a cell page asks for its opening or preset (every release too): the
#: scenario made from each preset object, kept while that very object is the preset.
_MADE: dict[tuple[int, str], tuple[Any, Scenario]] = {}


def _scenario_of(p: Any, preset: str) -> Scenario:
    made = _MADE.get((id(p), preset))
    if made is not None and made[0] is p:
        return made[1]
    scenario = _make_scenario(p, preset)
    _MADE[(id(p), preset)] = (p, scenario)
    return scenario


def _make_scenario(p: Any, preset: str) -> Scenario:
    cell = CellSpec(kind=p.kind, input_size=p.input_size, hidden_size=p.hidden_size,
                    reset_after=p.reset_after, nonlinearity=p.nonlinearity, variant=p.variant)
    cell = dataclasses.replace(cell, edits=edits_from_weights(cell, p.state_dict))
    channels = tuple(Channel(pattern=c.pattern, amplitude=c.amplitude, period=c.period or 0,
                             onset=c.onset, seed=c.seed, phase=c.phase) for c in p.inputs)
    return Scenario(cell=cell, input=InputSpec(length=p.length, channels=channels),
                    preset=preset)
