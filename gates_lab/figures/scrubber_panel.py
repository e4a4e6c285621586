"""What the page's scrubber controls show beside the figure (gates_lab/scrubber_controls.py):
per frame, the step's heading and the equations with that step's numbers, as HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from gates_lab.figures.common import tokens_for
from gates_lab.figures.scrubber_diagram import _frame_steps
from gates_lab.figures.scrubber_info import MAX_FRAMES, NBSP, _all_series, _info_at, _weights
from gates_lab.i18n import t as tr_
from gates_lab.kind_view import view_of

__all__ = ["ScrubberPanel", "scrubber_panel"]


class ScrubberPanel(NamedTuple):
    """One entry per frame (the frames of ``cell_scrubber`` with the same arguments): the
    step's heading (plain text), and the equations as (symbolic line, line with the
    numbers) pairs of HTML; ``note`` is the GRU's conventions (else empty)."""

    heads: tuple[str, ...]
    equations: tuple[tuple[tuple[str, str], ...], ...]
    note: str


def scrubber_panel(trace: Any, *, layer: int = 0, direction: int = 0, batch: int = 0,
                   tokens: Sequence[str] | str | None = None, lang: str = "en",
                   textbook_update: bool = False, unit: int = 0,
                   max_frames: int = MAX_FRAMES) -> ScrubberPanel:
    """The headings and equations (unit ``unit``'s numbers) of every frame."""
    every = _all_series(trace, layer, direction, batch)
    length, size = every["hidden"].shape
    unit = min(max(unit, 0), size - 1)
    labels = tokens_for(tokens, length)
    weights = _weights(getattr(trace, "records", {}).get((layer, direction)), batch)
    heads, equations = [], []
    for step in _frame_steps(length, direction, max_frames):
        info = _info_at(trace, step, layer, direction, batch, every, labels, textbook_update,
                        unit, weights)
        head = tr_("fig.scr.step", lang, t=info.t)
        if info.token is not None:
            head += f" · {tr_('fig.scr.token', lang, tok=info.token)}"
        heads.append(head)
        lines = info.equations  # symbolic, then "   = numbers", for each equation
        equations.append(tuple((sym, num.lstrip(NBSP))
                               for sym, num in zip(lines[0::2], lines[1::2], strict=True)))
    note = ""
    v = view_of(trace)
    if v.flip:  # the GRU: its update convention and (when it has one) reset placement
        note = tr_("fig.scr.conv_textbook" if textbook_update else "fig.scr.conv_torch", lang)
        if "reset_after" in v.options:
            note += " · " + tr_("fig.scr.reset_after" if trace.config.reset_after
                                else "fig.scr.reset_before", lang)
    return ScrubberPanel(tuple(heads), tuple(equations), note)
