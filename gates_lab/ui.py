"""Streamlit helpers shared by every page: setup, language, presentation mode, URL state,
and widgets bound to the page's settings object.

The pattern: a page's settings object (a frozen dataclass read by gates_lab/codec.py) is the only state. Widgets are
created with a key only (never ``value=``), their state seeded from the settings with
``setdefault``; each helper writes the widget's value back into the settings object. A
preset or an uploaded file replaces the settings and bumps a generation number that is
part of every widget key, so all widgets start afresh from the new settings.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st

from gates_lab import codec
from gates_lab.details import detail
from gates_lab.i18n import LANGUAGE_NAMES, LANGUAGES, t
from gates_lab.navigation import sidebar_links

T = TypeVar("T")

GLOBAL_KEYS = ("lang", "present")
# Streamlit's own (st.query_params hides them from the page; known all the same)
STREAMLIT_KEYS = ("embed", "embed_options")
_LAST_WRITTEN = "lab.last_query"


@dataclass(frozen=True)
class Page:
    """What every page needs to know about the session's global settings."""

    name: str
    lang: str
    present: bool

    def t(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    def detail(self, message: object) -> str:
        """An English problem detail (codec, file reader) in this page's language."""
        return detail(str(message), self.lang)


# A session starting more runs than this within FLOOD_WINDOW s is flooding (no student
# moves a control that often: Streamlit's sliders send on release).
FLOOD_RUNS, FLOOD_WINDOW, FLOOD_PAUSE = 8, 1.0, 0.5
_RUN_STARTS = "lab.run_starts"


def flood_pause(starts: Sequence[float], now: float) -> tuple[list[float], float]:
    """The run starts to remember (the recent ones and ``now``) and how long the run
    starting ``now`` waits: FLOOD_PAUSE when more than FLOOD_RUNS started within
    FLOOD_WINDOW s, else 0."""
    recent = [t for t in starts if now - t < FLOOD_WINDOW] + [now]
    return recent[-(FLOOD_RUNS + 1):], FLOOD_PAUSE if len(recent) > FLOOD_RUNS else 0.0


def throttle_floods() -> None:
    """Let a session that floods reruns wait before it runs (see ``flood_pause``).

    One Streamlit process runs every session's script on one core (the GIL). A client that
    sends reruns as fast as it can (benchmarks/load.py measures one) would otherwise keep
    that core to itself. Asleep, its thread holds no GIL; Streamlit keeps only its newest
    rerun request and interrupts the run at its next Streamlit call, so the flood shrinks to
    a few cheap run starts per second and the other sessions keep the CPU.
    """
    ss = st.session_state
    ss[_RUN_STARTS], pause = flood_pause(ss.get(_RUN_STARTS, ()), time.monotonic())
    if pause:
        time.sleep(pause)


def throttle_fragment_floods() -> None:
    """``throttle_floods`` for a fragment's own reruns (setup() does not run in them; in a
    full run it already counted this run)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:
        throttle_floods()


def _flag(value: str | None) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _mode_problems(params: Any) -> list[str]:
    """What the link's ``lang`` and ``present`` say that the lab cannot use (both are read
    before any page settings, so the codec's messages do not cover them)."""
    problems = []
    lang = params.get("lang")
    if lang is not None and lang not in LANGUAGES:
        problems.append(f"'lang={codec.shorten(lang)}' must be one of {', '.join(LANGUAGES)}; kept the default")
    present = params.get("present")
    if present is not None and str(present).lower() not in (
            "1", "true", "yes", "on", "0", "false", "no", "off", ""):
        problems.append(f"'present={codec.shorten(present)}' must be one of 1, 0; kept the default")
    return problems


def setup(name: str) -> Page:
    """The first call of every page: page config, language and presentation mode.

    Idempotent and standalone, so a page also runs on its own under AppTest.
    """
    throttle_floods()
    params = st.query_params
    ss = st.session_state
    problems = []
    if "lab.language" not in ss:
        problems = _mode_problems(params)
        lang = params.get("lang", "en")
        ss["lab.language"] = lang if lang in LANGUAGES else "en"
        ss["lab.presenting"] = _flag(params.get("present"))
    elif _external_link(params):
        # An opened link (not one this session wrote) decides language and mode too.
        problems = _mode_problems(params)
        if params.get("lang") in LANGUAGES:
            ss["lab.language"] = params["lang"]
        ss["lab.presenting"] = _flag(params.get("present"))
        ss.pop("lab.lang", None)
        ss.pop("lab.present", None)
    # A widget's new value is already in its key when the rerun starts.
    before = ss["lab.language"]
    ss["lab.language"] = ss.get("lab.lang", before)
    if ss["lab.language"] != before:
        _restart_widgets()
    ss["lab.presenting"] = ss.get("lab.present", ss["lab.presenting"])
    lang = ss["lab.language"]
    present = ss["lab.presenting"]
    try:
        st.set_page_config(page_title=f"{t('page.' + name, lang)} · {t('app.title', lang)}",
                           page_icon="🔁", layout="wide",
                           initial_sidebar_state="collapsed" if present else "auto")
    except st.errors.StreamlitAPIException:
        pass  # set_page_config already called by app.py in this run
    # Widget keys are separate from the canonical ones: Streamlit forgets the state of a
    # widget on a page that is not shown, the canonical keys survive page switches.
    ss.setdefault("lab.lang", lang)
    ss.setdefault("lab.present", present)
    with st.sidebar:
        sidebar_links(lang)
        st.divider()
        st.selectbox(t("common.language", lang), LANGUAGES, key="lab.lang",
                     format_func=LANGUAGE_NAMES.__getitem__)
        st.toggle(t("common.present", lang), key="lab.present",
                  help=t("common.present_help", lang))
    st.markdown((_PRESENT_CSS if present else _COMPACT_CSS) + _A11Y_CSS, unsafe_allow_html=True)
    st.html(_A11Y_JS, unsafe_allow_javascript=True)
    for problem in problems:
        st.warning(t("common.url_problem", lang, msg=detail(problem, lang)), icon="⚠️")
    return Page(name, lang, present)


# Less empty space above the title (Streamlit's default is 6rem): on a 720 px projector
# screen the plots start that much higher.
_COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
</style>"""

_PRESENT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 2.5rem 1.5rem 4rem; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
h1 { font-size: 3rem !important; } h2 { font-size: 2.3rem !important; }
</style>"""


#: On a phone Plotly's toolbar (about 220 of 360 px) covered the legends, wherever they
#: sit, and its zoom and pan fought the page's scroll: it is hidden there (pinch-zoom
#: still works; a desktop keeps it, clear of the legends, which sit at the left).
PHONE_TOOLBAR_CSS = """@media (max-width: 760px) {
  .js-plotly-plot .plotly .modebar-container { display: none !important; } }
"""

# Accessibility (tests/test_accessibility.py runs axe-core on every page):
# - generated code: Streamlit's grey for comments (#808495 on #f8f9fb, 3.5:1) is darkened
#   to 4.5:1 or more;
# - an equation wider than its column scrolls sideways (KaTeX's .katex-display): the
#   region gets tabindex=0 so that a keyboard can reach and scroll it too (WCAG 2.1.1).
_A11Y_CSS = """<style>
[data-testid="stCode"] .token.comment, [data-testid="stCode"] .token.prolog { color: #5b5f6e; }
""" + PHONE_TOOLBAR_CSS + "</style>"

_A11Y_JS = """<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  if (doc.__labA11y) return;
  doc.__labA11y = true;
  const mark = () => {
    for (const e of doc.querySelectorAll('.katex-display:not([tabindex])')) {
      e.setAttribute('tabindex', '0');
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; mark(); });
  }).observe(doc.body, {childList: true, subtree: true});
  mark();
})();
</script>"""


def _restart_widgets() -> None:
    """New keys for every page's bound widgets (a new generation), seeded from the settings.

    After a language switch the browser would keep showing a radio's or a selectbox's old
    (English) option labels, and send them back as its value; fresh widgets avoid both.
    """
    ss = st.session_state
    for key in [k for k in ss if isinstance(k, str) and k.endswith(".gen")]:
        ss[key] = int(ss[key]) + 1


def _external_link(params: Any) -> bool:
    """True when the URL holds parameters this session did not write itself."""
    current = params.to_dict()
    return bool(current) and current != st.session_state.get(_LAST_WRITTEN)


def controls(page: Page, label_key: str = "common.controls") -> Any:
    """A container for a page's controls: open normally, collapsed in presentation mode."""
    return st.expander(page.t(label_key), expanded=not page.present)


@dataclass(frozen=True)
class NoSettings:
    """The settings of a page that has none (home): a link's parameters are all unknown."""


class Bound(Generic[T]):
    """A page's settings object, bound to widgets, the session and the URL."""

    def __init__(self, page: Page, cls: type[T], default: T | None = None,
                 opening: T | None = None, opening_fields: Sequence[str] = ()) -> None:
        """``default`` is what a link's missing parameters mean (fixed, so every link
        keeps its meaning); ``opening`` is what a visit without settings in its link
        shows first (a page's first lesson step), written out in full in the URL.

        ``opening_fields``: the fields the lesson's steps set (Compare's memory knobs). A
        link that names none of them (``/compare?L=80``, typed by hand) takes them from
        the opening, so it opens on step 1 like the bare page; a link that names one of
        them takes the rest from ``default``, as every link did before. The links this
        page writes therefore always name them when they differ from the opening."""
        self.page = page
        self.cls = cls
        self._opening = opening
        self._opening_fields = tuple(opening_fields)
        self._store = f"{page.name}.settings"
        self._gen_key = f"{page.name}.gen"
        self.messages: list[str] = st.session_state.pop(f"{page.name}.messages", [])
        ss = st.session_state
        params = st.query_params
        self.default: T = default if default is not None else cls()
        # True on the run that read the settings from an opened link (or a fresh session)
        self.from_link = self._store not in ss or _external_link(params)
        if self.from_link:
            own = {k: v for k, v in params.to_dict().items() if k not in GLOBAL_KEYS}
            base = self.default
            if opening is not None and not self._names_opening(own):
                base = dataclasses.replace(base, **{  # type: ignore[type-var]
                    f: getattr(opening, f) for f in self._opening_fields})
            value, errors = codec.from_query(cls, own, base)
            errors += codec.unknown_params(cls, own, STREAMLIT_KEYS)
            if not own and opening is not None:
                value, errors = opening, []
            ss[self._store] = value
            ss[self._gen_key] = ss.get(self._gen_key, 0) + 1
            self.messages += errors
        self.value: T = ss[self._store]
        for message in self.messages:
            st.warning(page.t("common.url_problem", msg=page.detail(message)), icon="⚠️")

    def _opening_urls(self) -> dict[str, str]:
        """URL name of each opening field."""
        fields = {f.name: f for f in dataclasses.fields(self.cls)}  # type: ignore[arg-type]
        return {name: fields[name].metadata["url"] for name in self._opening_fields}

    def _names_opening(self, params: Mapping[str, str]) -> bool:
        return any(url in params for url in self._opening_urls().values())

    def _link_params(self, value: T) -> dict[str, str]:
        """The URL of ``value``: what differs from the defaults, plus the opening fields
        when the link would name none of them and they differ from the opening (it would
        open on step 1 then); the defaults themselves name one field (``?cell=gru``), as a
        bare link opens on the opening."""
        params = codec.to_query(value, base=self.default)
        opening = self._opening
        if opening is None:
            return params
        if self._opening_fields and not self._names_opening(params):
            full = codec.to_query(value, everything=True)
            for name, url in self._opening_urls().items():
                if getattr(value, name) != getattr(opening, name):
                    params[url] = full[url]
        if not params and value != opening:
            # the defaults themselves: a bare link would open on the opening instead
            full = codec.to_query(value, everything=True)
            first = next(iter(full))
            params = {first: full[first]}
        return params

    # -- keys and replacement ------------------------------------------------------------

    @property
    def gen(self) -> int:
        return int(st.session_state.get(self._gen_key, 0))

    def key(self, name: str) -> str:
        return f"{self.page.name}.{self.gen}.{name}"

    def replace_all(self, value: T, messages: Sequence[str] = ()) -> None:
        """Swap in new settings (a preset, a file); every widget restarts from them.

        Safe inside on_click/on_change callbacks, which run before the widgets exist.
        """
        st.session_state[self._store] = value
        st.session_state[self._gen_key] = self.gen + 1
        st.session_state[f"{self.page.name}.messages"] = list(messages)
        self.value = value

    def set(self, path: str, value: Any) -> None:
        self.value = codec.replace_path(self.value, path, value)

    def get(self, path: str) -> Any:
        return codec.get_path(self.value, path)

    # -- widgets -------------------------------------------------------------------------

    def widget(self, factory: Callable[..., Any], name: str, initial: Any, label: str,
               **kwargs: Any) -> Any:
        """Any Streamlit widget keyed to this page's generation, seeded with ``initial``."""
        key = self.key(name)
        st.session_state.setdefault(key, initial)
        return factory(label, key=key, **kwargs)

    def _meta(self, path: str) -> Mapping[str, Any]:
        return codec.field_meta(self.cls, path)

    def _bounded(self, path: str, lo: float | None, hi: float | None
                 ) -> tuple[Any, Any, Any]:
        """The field's limits (or the given ones) and its value clamped into them."""
        meta = self._meta(path)
        lo = meta["lo"] if lo is None else lo
        hi = meta["hi"] if hi is None else hi
        current = self.get(path)
        if isinstance(current, int) and not isinstance(current, bool):
            lo, hi = int(lo), int(hi)
        return lo, hi, min(max(current, lo), hi)

    def slider(self, path: str, label: str, lo: float | None = None, hi: float | None = None,
               step: float | None = None, **kwargs: Any) -> Any:
        lo, hi, current = self._bounded(path, lo, hi)
        value = self.widget(st.slider, path, current, label, min_value=lo, max_value=hi,
                            step=step, **kwargs)
        self.set(path, value)
        return value

    def number(self, path: str, label: str, lo: float | None = None, hi: float | None = None,
               step: float | None = None, **kwargs: Any) -> Any:
        lo, hi, current = self._bounded(path, lo, hi)
        value = self.widget(st.number_input, path, current, label, min_value=lo, max_value=hi,
                            step=step, **kwargs)
        self.set(path, value)
        return value

    def select(self, path: str, label: str, options: Sequence[Any] | None = None,
               format_func: Callable[[Any], str] = str, radio: bool = False,
               **kwargs: Any) -> Any:
        options = list(options if options is not None else self._meta(path)["choices"])
        current = self.get(path)
        if current not in options:
            current = options[0]
        factory = st.radio if radio else st.selectbox
        if radio:
            kwargs.setdefault("horizontal", True)
        value = self.widget(factory, path, current, label, options=options,
                            format_func=format_func, **kwargs)
        self.set(path, value)
        return value

    def toggle(self, path: str, label: str, **kwargs: Any) -> bool:
        value = bool(self.widget(st.toggle, path, bool(self.get(path)), label, **kwargs))
        self.set(path, value)
        return value

    def text(self, path: str, label: str, limit: int | None = None, **kwargs: Any) -> str:
        """A text box; beyond ``limit`` characters the text is cut there, with a message
        naming the limit (a browser's max length would drop a long paste silently)."""
        value = str(self.widget(st.text_input, path, str(self.get(path)), label, **kwargs))
        value = within_limit(self.page, value, limit)
        self.set(path, value)
        return value

    # -- persistence ---------------------------------------------------------------------

    def commit(self) -> None:
        """Store the settings in the session and mirror them into the URL."""
        st.session_state[self._store] = self.value
        params = self._link_params(self.value)
        if self.page.lang != "en":
            params["lang"] = self.page.lang
        if self.page.present:
            params["present"] = "1"
        if params != st.query_params.to_dict():
            st.query_params.from_dict(params)
        st.session_state[_LAST_WRITTEN] = params


def within_limit(page: Page, text: str, limit: int | None) -> str:
    """``text`` cut to ``limit`` characters, saying so with the limit when it was longer."""
    if limit is None or len(text) <= limit:
        return text
    st.warning(page.t("common.text_too_long", n=len(text), limit=limit), icon="✂️")
    return text[:limit]


def refused_type(page: Page, name: str, extensions: Sequence[str], what_key: str) -> str | None:
    """None when the file ``name`` ends in one of ``extensions``, else the sentence saying
    which files this box accepts. (The uploaders accept any file and refuse here, so that
    a refused type gets words, not only the browser's red icon.)"""
    if name.lower().endswith(tuple(e.lower() for e in extensions)):
        return None
    return page.t("common.wrong_type", types=" / ".join(extensions), what=page.t(what_key))


def tab_key(page_name: str, group: str) -> str:
    """The widget key of a page's ``lazy_tabs`` group (its value: the open tab's label)."""
    return f"{page_name}.tab.{group}"


def lazy_tabs(page: Page, group: str, labels: Sequence[str]) -> Sequence[Any]:
    """Tabs of which only the open one runs (check ``tab.open``); switching reruns.

    A closed tab's widgets and charts are neither built nor sent, so a slider move costs
    one chart, not four. Widgets in a closed tab simply restart from the settings object
    when it opens again (they are seeded with ``setdefault``).
    """
    return st.tabs(list(labels), key=tab_key(page.name, group), on_change="rerun")


def tab_in_settings(bound: Bound[Any], path: str, group: str, names: Sequence[str],
                    labels: Sequence[str]) -> None:
    """Keep the open tab of ``lazy_tabs(page, group, labels)`` in the settings field ``path``.

    Call it before ``bound.commit()`` (the URL) and before the tabs exist: a click on a tab
    is already in its widget state when the rerun starts. A link or a language switch sets
    the tab from the settings instead (labels are per language, names are not; the codec
    keeps the field within ``names``).
    """
    key = tab_key(bound.page.name, group)
    clicked = st.session_state.get(key)
    if clicked in labels:
        bound.set(path, names[list(labels).index(clicked)])
    st.session_state[key] = labels[list(names).index(bound.get(path))]


def panel(page: Page, draw: Callable[[], None]) -> None:
    """Run one panel; if it fails, say so in that panel and let the page go on."""
    try:
        draw()
    except Exception as exc:  # noqa: BLE001 - one broken panel must not take the page down
        st.error(page.t("common.panel_error", msg=f"{type(exc).__name__}: {exc}"), icon="🛑")
