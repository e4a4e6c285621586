"""The offline lesson file: one self-contained HTML page of a cell page's scenario.

It holds the gates over time, the scrubber (Play and the step slider, animated by the
browser), the equations, the preset's explanation and the settings, in the page's
language, with plotly.js embedded from the installed plotly package (no CDN), so it opens
from a USB stick or a learning platform with no server and no internet. A link leads
back to the same scenario in the lab. No Streamlit here: :func:`build` is a pure
function of the settings (the cell page calls it when its download button is clicked).

Size: plotly.js is ~4.6 MB; the rest stays small because numbers are written with 4
significant digits, more than 4 hidden units are drawn as heatmaps (as on the page) and
the scrubber keeps at most LESSON_FRAMES evenly spaced steps. The largest settings
(gates_lab/scenario.py MAX_*) stay well under MAX_BYTES (tests/test_lesson_file.py); a file
that would not is refused with :class:`LessonTooBig`, whose message says so.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

import numpy as np

from gates_lab import codec, lesson_live, scrubber_controls
from gates_lab import scenario as S
from gates_lab.figures.common import HEATMAP_ABOVE, PLOTLY_CONFIG
from gates_lab.figures.fastfig import SpecFigure
from gates_lab.figures.over_time import channel_names, gate_panels, state_heatmap
from gates_lab.figures.scrubber import MAX_FRAMES, cell_scrubber
from gates_lab.figures.scrubber_panel import scrubber_panel
from gates_lab.i18n import catalogue, t
from gates_lab.mathhtml import latex_html

__all__ = ["DEFAULT_URL", "LESSON_FRAMES", "MAX_BYTES", "Lesson", "LessonTooBig", "build",
           "file_name", "is_local", "lab_base", "latex_html", "link", "served_base"]

DEFAULT_URL = "http://localhost:8501"  #: where `scripts/start.sh` serves the lab
MAX_BYTES = 12 * 2**20  #: a lesson file above this is refused
LESSON_FRAMES = min(MAX_FRAMES, 120)  #: scrubber steps kept in the file
DIGITS = 4  #: significant digits of the numbers in the figures
WEIGHT_TABLES_UP_TO = 4  #: hidden sizes whose weights are printed as tables


class LessonTooBig(ValueError):
    """The scenario would make a file above the size limit; the message says so."""


@dataclass(frozen=True)
class Lesson:
    """A built lesson file: its HTML and what was kept of the scenario."""

    html: str
    frames: int  #: steps the scrubber shows
    steps: int  #: steps of the sequence

    @property
    def data(self) -> bytes:
        return self.html.encode("utf-8")

    @property
    def size(self) -> int:
        return len(self.data)


# ------------------------------------------------------------------------------ links


def link(scenario: S.Scenario, lab_url: str, lang: str = "en") -> str:
    """The lab's address of this scenario: the same query the cell page keeps in its URL."""
    kind = scenario.cell.kind
    params = codec.to_query(scenario, base=S.Scenario(cell=S.CellSpec(kind=kind)))
    if lang != "en":
        params["lang"] = lang
    query = f"?{urlencode(params)}" if params else ""
    return f"{lab_base(lab_url)}/{kind}{query}"


def lab_base(url: str | None, page: str | None = None) -> str:
    """The lab's root address from a page's address (``http://h:8501/gru`` ->
    ``http://h:8501``, also under a path prefix); DEFAULT_URL when unknown."""
    if not url:
        return DEFAULT_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return DEFAULT_URL
    path = parts.path.rstrip("/")
    if page and path.rsplit("/", 1)[-1] == page:
        path = path[: -len(page) - 1]
    return f"{parts.scheme}://{parts.netloc}{path}"


def file_name(scenario: S.Scenario) -> str:
    name = scenario.preset or scenario.cell.kind
    return f"{re.sub(r'[^A-Za-z0-9_-]+', '-', name)}-lesson.html"


def served_base(setting: str | None, url: str | None, headers: Mapping[str, str] | None,
                page: str | None = None) -> str:
    """Where the lab is served, for the file's link back: ``setting`` (GATES_LAB_URL, a
    public address) first, else the address the browser shows (``url``), else the
    request's host (``X-Forwarded-Host`` / ``Host`` with ``X-Forwarded-Proto``), and only
    when none is known DEFAULT_URL."""
    for candidate in (setting, url):
        base = lab_base(candidate, page)
        if candidate and base != DEFAULT_URL or (candidate and _same(candidate, DEFAULT_URL)):
            return base
    h = {k.lower(): v for k, v in (headers or {}).items()}
    host = (h.get("x-forwarded-host") or h.get("host") or "").split(",")[0].strip()
    if host and re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", host):
        proto = (h.get("x-forwarded-proto") or "http").split(",")[0].strip()
        return lab_base(f"{proto if proto in ('http', 'https') else 'http'}://{host}")
    return DEFAULT_URL


def _same(a: str, b: str) -> bool:
    return urlsplit(a).netloc == urlsplit(b).netloc


def is_local(url: str) -> bool:
    """True for an address only this computer can open (localhost, 127.x, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1", "0.0.0.0") or host.startswith("127.")


# ----------------------------------------------------------------------------- build


def build(scenario: S.Scenario, *, lang: str = "en", lab_url: str = DEFAULT_URL,
          max_bytes: int = MAX_BYTES) -> Lesson:
    """The lesson file of ``scenario`` (a cell page's settings) in ``lang``.

    Raises ValueError when the settings give no valid input (as the page would show) and
    :class:`LessonTooBig` when the file would exceed ``max_bytes``.
    """
    cell, view = scenario.cell, scenario.view
    x, tokens = S.build_input(scenario.input, cell.input_size)
    trace = S.cell_net(cell).trace(x)
    steps = trace.get("hidden").shape[0]
    heat = view.display == "heatmap" or (view.display == "auto"
                                         and cell.hidden_size > HEATMAP_ABOVE)
    # the input as the first panel, as on the page (the latch's value and write signal)
    names = channel_names(cell.input_size, S.channels_preset(scenario), lang)
    if heat:
        over_time = state_heatmap(trace, tokens=tokens, lang=lang, inputs=x,
                                  channel_names=names)
    else:
        over_time = gate_panels(trace, tokens=tokens, lang=lang, inputs=x, channel_names=names,
                                textbook_update=view.textbook_update)
    # the scrubber with the page's own controls (gates_lab/scrubber_controls.js): the equations
    # as large HTML text under the diagram
    unit = min(view.unit, cell.hidden_size - 1)
    scrub = cell_scrubber(trace, tokens=tokens, lang=lang, unit=unit,
                          textbook_update=view.textbook_update, max_frames=LESSON_FRAMES,
                          page_controls=True)
    panel = scrubber_panel(trace, tokens=tokens, lang=lang, textbook_update=view.textbook_update,
                           unit=unit, max_frames=LESSON_FRAMES)
    frames = min(steps, LESSON_FRAMES)
    gates_spec = over_time.spec if isinstance(over_time, SpecFigure) else over_time.to_plotly_json()
    config = {**PLOTLY_CONFIG, "responsive": True}
    live = lesson_live.live_data(scenario, trace, x, gates_spec, config, lang,
                                 getattr(over_time, "live_map", None))
    figs = {"gates": _spec(over_time), "scrubber": _spec(scrub)}
    if live is not None:
        live["figure"] = figs["gates"]
    scrub_data = scrubber_controls.controls_data(panel, chart="lesson-scrubber", labels={
        "play": t("fig.scr.play", lang), "pause": t("fig.scr.pause", lang),
        "label": t("cell.scrubber_slider", lang), "keys": t("cell.scrubber_keys", lang),
        "unit": t("cell.scrubber_numbers", lang, u=unit)}, present=False)
    page = _page(scenario, lang, link(scenario, lab_url, lang), figs, frames, steps,
                 live, scrub_data)
    size = len(page.encode("utf-8"))
    if size > max_bytes:
        raise LessonTooBig(t("lesson.too_big", lang, mb=f"{size / 2**20:.1f}",
                             limit=f"{max_bytes / 2**20:.0f}"))
    return Lesson(page, frames, steps)


@cache
def plotly_js() -> str:
    """plotly.js of the installed plotly package (the file embeds it: no CDN)."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def _spec(fig: Any) -> dict[str, Any]:
    spec = fig.spec if isinstance(fig, SpecFigure) else fig.to_plotly_json()
    return {"data": _rounded(spec["data"]), "layout": spec["layout"],
            "frames": _rounded(spec.get("frames", []))}


def _rounded(value: Any) -> Any:
    """Floats with DIGITS significant digits (the file's size is mostly numbers)."""
    if isinstance(value, float):
        return float(f"{value:.{DIGITS}g}") if np.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _json(obj: Any) -> str:
    # "</" would end the <script> element early
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


# ------------------------------------------------------------------------------ page


def _about(scenario: S.Scenario, lang: str) -> tuple[str, str]:
    """(title, explanation): the preset's, else the cell's introduction."""
    kind = scenario.cell.kind
    name = scenario.preset
    if name and f"preset.{name}.title" in catalogue():
        return t(f"preset.{name}.title", lang), t(f"preset.{name}.explain", lang)
    return t(f"page.{kind}", lang), t(f"cell.intro.{kind}", lang)


def _settings_rows(scenario: S.Scenario, lang: str) -> list[tuple[str, str]]:
    cell, inp, view = scenario.cell, scenario.input, scenario.view
    on_off = {True: t("lesson.on", lang), False: t("lesson.off", lang)}
    rows = [(t("lesson.cell", lang), t(f"page.{cell.kind}", lang)),
            (t("cell.input_size", lang), str(cell.input_size)),
            (t("cell.hidden_size", lang), str(cell.hidden_size)),
            (t("cell.seed", lang), str(cell.seed))]
    options = S.cell_view(cell).options
    if "variant" in options:
        rows.append((t("cell.variant", lang), t(f"variant.{cell.kind}.{cell.variant}", lang)))
    if "reset_after" in options:
        rows.append((t("cell.reset_variant", lang), t(f"cell.reset_after.{cell.reset_after}", lang)))
    if "textbook" in options:
        rows.append((t("cell.textbook", lang), on_off[view.textbook_update]))
    if "nonlinearity" in options:
        rows.append((t("cell.nonlinearity", lang), cell.nonlinearity))
    rows.append((t("lesson.edits", lang), str(len(cell.edits))))
    if cell.scale or cell.shift:
        rows.append((t("lesson.knobs", lang),
                     f"× {list(cell.scale) or '—'}  + {list(cell.shift) or '—'}"))
    rows.append((t("cell.input_mode", lang), t(f"cell.input_mode.{inp.mode}", lang)))
    if inp.mode == "pattern":
        rows.append((t("cell.length", lang), str(inp.length)))
        for c, ch in enumerate(inp.channels[: cell.input_size]):
            rows.append((t("cell.channel", lang, c=c).strip("*"),
                         f"{t(f'cell.pattern.{ch.pattern}', lang)} · "
                         f"{t('cell.amplitude', lang)} {ch.amplitude:g} · "
                         f"{t('cell.period', lang)} {ch.period} · "
                         f"{t('cell.onset', lang)} {ch.onset}"))
    elif inp.mode == "text":
        rows += [(t("cell.text", lang), inp.text),
                 (t("cell.text_mode", lang), t(f"cell.text_mode.{inp.text_mode}", lang))]
    else:
        rows.append((t("cell.length", lang), str(len(inp.table))))
    return rows


def _weight_tables(weights: Mapping[str, np.ndarray]) -> str:
    parts = []
    for name, w in weights.items():
        rows = np.atleast_2d(w.T if w.ndim == 1 else w)
        body = "".join("<tr>" + "".join(f"<td>{v:.3f}</td>" for v in row) + "</tr>"
                       for row in rows.tolist())
        parts.append(f"<figure><figcaption><code>{name}</code> {tuple(w.shape)}</figcaption>"
                     f"<table class='num'>{body}</table></figure>")
    return "<div class='weights'>" + "".join(parts) + "</div>"


_CSS = """
body{font-family:Inter,'Segoe UI','Helvetica Neue',Arial,'Noto Sans CJK SC','Microsoft YaHei',
sans-serif;color:#111;margin:0 auto;max-width:1200px;padding:16px 24px;line-height:1.5}
h1{margin:0 0 4px}h2{margin-top:28px;border-bottom:2px solid #C62828;padding-bottom:2px}
.note{color:#444;font-size:90%}#equations{font-family:'Cambria Math','STIX Two Math',serif;
font-size:120%;background:#F0F2F6;padding:10px 16px;border-radius:6px;line-height:1.9;
overflow-wrap:anywhere}
table.settings td{padding:2px 12px 2px 0;vertical-align:top}table.settings td:first-child{color:#444}
.weights{display:flex;flex-wrap:wrap;gap:16px}.weights figure{margin:0}
table.num td{padding:0 6px;text-align:right;font-family:monospace}
pre{background:#F0F2F6;padding:8px;overflow:auto;max-height:320px}
a.open{display:inline-block;background:#C62828;color:#fff;padding:6px 14px;border-radius:6px;
text-decoration:none;margin:8px 0}
.guide li{margin:4px 0}.guide .q{margin:10px 0 2px;font-weight:600}
.guide details{margin:0 0 8px 1rem}.guide summary{cursor:pointer;color:#8E1B1B}
@media (max-width:760px){.js-plotly-plot .plotly .modebar-container{display:none!important}}
.scrub .eqs{font-size:1.3rem}.st-key-lesson-scrubber{overflow:hidden}#scrubber{min-width:640px}
"""


def _inline(text: str) -> str:
    """A guidance line as HTML: escaped, **bold** kept."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html.escape(text, quote=False))


def _guidance(scenario: S.Scenario, lang: str) -> str:
    """The "what to notice" lines and the questions (answers behind a reveal) of the
    preset, else of the cell page (gates_lab/guidance.py); empty when there are none."""
    found = guide_for(scenario, lang)
    if found is None:
        return ""
    e = html.escape
    out = [f"<section class='guide' id='guide'><h2>{e(t('guide.notice', lang))}</h2><ul>"]
    out += [f"<li>{_inline(line)}</li>" for line in found.notice]
    out.append(f"</ul><h2>{e(t('guide.ask', lang))}</h2>")
    for question, answer in found.questions:
        out.append(f"<p class='q'>{_inline(question)}</p><details><summary>"
                   f"{e(t('lesson.answer', lang))}</summary><p>{_inline(answer)}</p></details>")
    out.append("</section>")
    return "".join(out)


def guide_for(scenario: S.Scenario, lang: str) -> Any:
    """gates_lab.guidance's guide of the scenario's preset, over the preset's own data (as the
    cell page shows it); None otherwise."""
    from gates_lab import guidance

    if not scenario.preset or not lesson_live.is_preset_scenario(scenario):
        return None
    return guidance.guide(f"preset.{scenario.preset}", lang)


def _live_part(live: dict[str, Any] | None, lang: str) -> str:
    if live is None:
        return f"<p class='note'>{html.escape(t('lesson.live_none', lang))}</p>"
    return (f"<p class='note'>{html.escape(t('lesson.live_note', lang))}</p>"
            f"<script type='text/javascript'>{lesson_live.live_js()}</script>")


def _page(scenario: S.Scenario, lang: str, url: str, figs: dict[str, Any], frames: int,
          steps: int, live: dict[str, Any] | None, scrub: dict[str, Any]) -> str:
    cell = scenario.cell
    e = html.escape
    title, explanation = _about(scenario, lang)
    weights = S.effective_weights(cell)
    eqs = latex_html(S.cell_equations(cell, scenario.view.textbook_update))
    notes = ""
    if "reset_after" in S.cell_view(cell).options:
        notes = (f"<p class='note'>{e(t(f'cell.reset_note.{int(cell.reset_after)}', lang))}"
                 "</p>")
    rows = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>"
                   for k, v in _settings_rows(scenario, lang))
    if cell.hidden_size <= WEIGHT_TABLES_UP_TO:
        weight_part = _weight_tables(weights)
    else:
        weight_part = f"<p>{e(t('lesson.weights_in_json', lang))}</p>"
    strided = (f"<p class='note'>{e(t('lesson.strided', lang, n=frames, total=steps))}</p>"
               if frames < steps else "")
    local = (f"<p class='note' id='link-local'>{e(t('lesson.link_local', lang))}</p>"
             if is_local(url) else "")
    settings_json = S.to_json(scenario, weights)
    config = {**PLOTLY_CONFIG, "responsive": True}
    head = e(t("lesson.title", lang, page=t(f"page.{cell.kind}", lang)))
    css = _CSS + lesson_live.live_css() + scrubber_controls.CSS_FILE.read_text()
    return f"""<!DOCTYPE html>
<html lang="{'zh-Hans' if lang == 'zh' else 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gates lab">
<title>{head} · {e(title)}</title>
<style>{css}</style>
<script type="text/javascript">{plotly_js()}</script>
</head>
<body>
<header>
<h1>{e(title)}</h1>
<p class="note">{head} · {e(t('lesson.offline', lang))}</p>
<a class="open" id="open-in-lab" href="{e(url)}">{e(t('lesson.open', lang))}</a>{local}
</header>
<section><h2>{e(t('lesson.about', lang))}</h2><p id="explanation">{e(explanation)}</p></section>
{_guidance(scenario, lang)}
<section><h2>{e(t('cell.equations', lang))}</h2><div class="eq" id="equations">{eqs}</div>
{notes}</section>
<section><h2>{e(t('cell.over_time', lang))}</h2>{_live_part(live, lang)}
<div id="gates">{lesson_live.HTML if live else ""}</div></section>
<section><h2>{e(t('cell.scrubber', lang))}</h2>
<p class="note">{e(t('cell.scrubber_help', lang))}</p>{strided}
<div class="st-key-lesson-scrubber"><div id="scrubber"></div></div>
<div id="scrub-controls">{scrubber_controls.HTML}</div></section>
<section><h2>{e(t('lesson.settings', lang))}</h2><table class="settings">{rows}</table>
<h3>{e(t('lesson.weights', lang))}</h3>{weight_part}
<details><summary>{e(t('lesson.json', lang))}</summary><pre id="settings-json">{e(settings_json)}</pre></details>
</section>
<script type="text/javascript">{scrubber_controls.classic_js()}</script>
<script type="text/javascript">
// Pause (and a slider move during Play) interrupts plotly.js's animation, which rejects
// its promise with no reason: expected, not an error.
window.addEventListener("unhandledrejection", (e) => {{ if (e.reason === undefined) e.preventDefault(); }});
const FIGURES = {_json(figs)};
const CONFIG = {_json(config)};
window.LESSON_LIVE = {_json(live)};
if (!window.LESSON_LIVE) Plotly.newPlot('gates', {{data: FIGURES.gates.data,
  layout: FIGURES.gates.layout, config: CONFIG}});
Plotly.newPlot('scrubber', {{data: FIGURES.scrubber.data, layout: FIGURES.scrubber.layout,
  frames: FIGURES.scrubber.frames, config: CONFIG}}).then(() => window.labScrub({{
  parentElement: document.getElementById('scrub-controls'), data: {_json(scrub)}}}));
</script>
<script type="text/javascript">{lesson_live.HOST_JS}</script>
</body>
</html>
"""
