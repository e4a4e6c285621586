"""A Streamlit client without a browser: Streamlit 1.67's own websocket protocol.

Used by benchmarks/load.py (many sessions in one asyncio process) and tests/test_deploy.py.
What a session sends is what Chromium sends (captured from the browser, checked by
``load.py --smoke``):

- a websocket to ``/_stcore/stream`` with the subprotocol ``streamlit``;
- first a ``BackMsg.rerun_script`` with the page's *name* (the URL path), the query string
  and the browser's context (no widget states yet);
- after that every rerun carries the ``page_script_hash`` the server announced, the
  query string the server last wrote (``page_info_changed``), the hashes of the cached
  messages and the value of **every widget of the last run** (not only the changed one):
  a widget's value is the one the user set, else the value the server sent with
  ``set_value``, else its default (``widget_value`` below);
- messages the server marks ``cacheable`` are kept (and evicted after
  ``max_cached_message_age`` runs, like the frontend); a ``ref_hash`` message is resolved
  from that cache.

A rerun is timed until its ``script_finished`` (status 0 ok, 3 fragment; 2 means it was
interrupted by a newer rerun and is not the end).
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from gates_lab.live.wire import unpack

FINISHED_OK, FINISHED_EARLY_FOR_RERUN, FINISHED_FRAGMENT = 0, 2, 3
TRIGGERS = ("trigger_value", "string_trigger_value", "json_trigger_value", "chat_input_value")
# Element types whose value the browser sends back, and the value field it uses.
WIDGETS = ("slider", "selectbox", "radio", "checkbox", "number_input", "text_input",
           "text_area", "multiselect", "color_picker", "select_slider")


class ProtocolError(RuntimeError):
    """The server closed the socket, sent an exception, or a rerun never finished."""


@dataclass
class Widget:
    """One widget of the last run: its proto (type name + message) and current value."""

    id: str
    kind: str
    proto: Any
    path: tuple[int, ...]

    @property
    def key(self) -> str:
        """The user key (``$$ID-<hash>-<key>``), or "" for an unkeyed widget."""
        parts = self.id.split("-", 2)
        return parts[2] if self.id.startswith("$$ID-") and len(parts) == 3 else ""

    @property
    def label(self) -> str:
        return str(getattr(self.proto, "label", ""))


def widget_value(kind: str, proto: Any) -> WidgetState | None:
    """The state the browser reports for a widget the user has not touched (its value sent
    with ``set_value``, else its default), or None when it reports none (buttons)."""
    s = WidgetState(id=proto.id)
    chosen = proto.set_value
    if kind == "slider":
        s.double_array_value.data.extend(proto.value if chosen else proto.default)
    elif kind in ("selectbox", "radio"):
        if chosen and proto.HasField("raw_value"):
            s.string_value = proto.raw_value
        elif proto.HasField("default") and 0 <= proto.default < len(proto.options):
            s.string_value = proto.options[proto.default]
        else:
            return None
    elif kind == "checkbox":
        s.bool_value = bool(proto.value if chosen else proto.default)
    elif kind == "number_input":
        number = proto.value if chosen else proto.default
        if proto.data_type == proto.INT:
            s.int_value = int(number)
        else:
            s.double_value = float(number)
    elif kind in ("text_input", "text_area", "color_picker"):
        s.string_value = proto.value if chosen else proto.default
    else:
        return None
    return s


@dataclass
class RunResult:
    seconds: float
    status: int
    exceptions: list[str]


@dataclass
class Session:
    """One browser tab's worth of Streamlit session, without the browser.

    ``base`` is ``http://host:port``; ``page`` the URL path ("gru"); ``query`` the query
    string without "?"; ``cookie`` a Cookie header (balancer stickiness).
    """

    base: str
    page: str = ""
    query: str = ""
    cookie: str = ""
    timeout: float = 60.0
    widgets: dict[str, Widget] = field(default_factory=dict)
    # the live gates' frames this tab holds (benchmarks/load.py follows gates_lab/live/live.js)
    held: dict[str, Any] = field(default_factory=dict)
    states: dict[str, WidgetState] = field(default_factory=dict)
    elements: dict[tuple[int, ...], Any] = field(default_factory=dict)
    page_script_hash: str = ""
    session_id: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page_script_hash
    exceptions: list[str] = field(default_factory=list)
    handshake_headers: dict[str, str] = field(default_factory=dict)
    closed: str | None = None
    favourite: int = 0  # free for the caller (load.py: the control a student keeps moving)
    received: int = 0
    bytes_received: int = 0

    def __post_init__(self) -> None:
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._cache: dict[str, list[Any]] = {}  # hash -> [ForwardMsg, run count]
        self._max_age = 2
        self._runs = 0
        self._run_widgets: dict[str, Widget] = {}
        self._run_elements: dict[tuple[int, ...], Any] = {}
        self._run_exceptions: list[str] = []
        self._touched: dict[str, WidgetState] = {}
        self._triggers: dict[str, WidgetState] = {}
        self._run_fragments: dict[tuple[int, ...], str] = {}
        self.fragments: dict[tuple[int, ...], str] = {}  # element path -> its fragment id
        self._waiter: asyncio.Future[tuple[int, float]] | None = None
        self.tabs: dict[str, Any] = {}
        self.last_sent: Any = None  # the last rerun_script (ClientState) sent
        self._closing = False

    # -- connection ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"{self.base}/{self.page}" + (f"?{self.query}" if self.query else "")

    async def connect(self) -> RunResult:
        """Open the websocket and run the page once (as a browser opening ``url``)."""
        from websockets.asyncio.client import connect

        ws_url = "ws" + self.base[len("http"):] + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self._ws = await connect(
            ws_url, subprotocols=["streamlit"], additional_headers=headers,  # type: ignore[list-item]
            origin=self.base, max_size=None, open_timeout=self.timeout, proxy=None,  # type: ignore[arg-type]
            ping_interval=None, user_agent_header="gates-lab stclient")
        if self._ws.response is not None:
            self.handshake_headers = {k.lower(): v for k, v in self._ws.response.headers.raw_items()}
        self._reader = asyncio.create_task(self._read())
        first = self._rerun_msg(first=True)
        return await self._send_and_wait(first)

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - closing anyway
                pass

    async def send_raw(self, data: bytes | str) -> None:
        """Send any frame (malformed on purpose in the abuse benchmark)."""
        await self._ws.send(data)

    # -- reruns ----------------------------------------------------------------------------

    def set_widget(self, state: WidgetState) -> None:
        """Remember a user's change; it goes out with the next rerun. A trigger value (a
        button, a component's event) goes out once."""
        if state.WhichOneof("value") in TRIGGERS:
            self._triggers[state.id] = state
        else:
            self._touched[state.id] = state

    async def rerun(self, *changes: WidgetState, fragment_id: str = "") -> RunResult:
        """A rerun with the given widget changes (what the browser sends after a move); with
        ``fragment_id``, a rerun of that fragment only (as a component inside it asks)."""
        for c in changes:
            self.set_widget(c)
        return await self._send_and_wait(self._rerun_msg(fragment_id=fragment_id))

    async def send_rerun_nowait(self, *changes: WidgetState, fragment_id: str = "") -> None:
        """Send a rerun without waiting for it (a flooding client)."""
        for c in changes:
            self.set_widget(c)
        msg = self._rerun_msg(fragment_id=fragment_id)
        self.last_sent = msg.rerun_script
        await self._ws.send(msg.SerializeToString())

    def _rerun_msg(self, first: bool = False, fragment_id: str = "") -> BackMsg:
        msg = BackMsg()
        r = msg.rerun_script
        r.query_string = self.query
        ctx = r.context_info
        ctx.timezone, ctx.timezone_offset, ctx.locale = "UTC", 0, "en-US"
        ctx.url, ctx.is_embedded, ctx.color_scheme = f"{self.base}/{self.page}", False, "light"
        if first:
            r.page_name = self.page
            r.widget_states.SetInParent()
            return msg
        r.page_script_hash = self.page_script_hash
        r.widget_states.widgets.extend(self.current_states().values())
        r.widget_states.widgets.extend(self._triggers.values())
        self._triggers = {}
        r.cached_message_hashes.extend(self._cache)
        if fragment_id:
            r.fragment_id = fragment_id
        return msg

    def current_states(self) -> dict[str, WidgetState]:
        """What the browser would report: every widget of the last run (and every tab group
        the user clicked), with the user's value where there is one."""
        out: dict[str, WidgetState] = {}
        for wid in list(self.states) + [t for t in self._touched if t in self.tabs]:
            out[wid] = self._touched.get(wid, self.states.get(wid))  # type: ignore[assignment]
        return {k: v for k, v in out.items() if v is not None}

    async def _send_and_wait(self, msg: BackMsg) -> RunResult:
        if self.closed:
            raise ProtocolError(f"socket closed: {self.closed}")
        loop = asyncio.get_running_loop()
        self._waiter = loop.create_future()
        self.last_sent = msg.rerun_script
        t0 = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        try:
            status, t1 = await asyncio.wait_for(asyncio.shield(self._waiter), self.timeout)
        except TimeoutError as exc:
            raise ProtocolError(f"rerun did not finish within {self.timeout:.0f} s") from exc
        return RunResult(t1 - t0, status, list(self.exceptions))

    # -- reading ---------------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                t = time.perf_counter()
                self.received += 1
                self.bytes_received += len(data)
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(msg, t)
            self.closed = ("closed by the client" if self._closing
                           else f"closed by the server ({self._ws.close_code})")
        except Exception as exc:  # noqa: BLE001 - recorded: the session reports it
            self.closed = f"{type(exc).__name__}: {exc}"
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(ProtocolError(f"socket closed: {self.closed}"))

    def _handle(self, msg: ForwardMsg, t: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                self.exceptions.append(f"unknown cached message {msg.ref_hash}")
                return
            cached[1] = self._runs
            full = ForwardMsg()
            full.CopyFrom(cached[0])
            full.metadata.CopyFrom(msg.metadata)
            msg, kind = full, full.WhichOneof("type")
        elif msg.metadata.cacheable:
            self._cache[msg.hash] = [msg, self._runs]
        if kind == "new_session":
            ns = msg.new_session
            self._run_widgets, self._run_elements, self._run_exceptions = {}, {}, []
            self._run_fragments = {}
            self.page_script_hash = ns.page_script_hash
            if ns.HasField("initialize"):
                self.session_id = ns.initialize.session_id
            self._max_age = ns.config.max_cached_message_age or 2
            self.pages.update({p.url_pathname: p.page_script_hash for p in ns.app_pages})
        elif kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash or self.page_script_hash
            self.pages.update({p.url_pathname: p.page_script_hash
                               for p in msg.navigation.app_pages})
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta":
            self._delta(msg)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == FINISHED_EARLY_FOR_RERUN:
                return
            self._finish_run(fragment=status == FINISHED_FRAGMENT)
            if self._waiter is not None and not self._waiter.done():
                self._waiter.set_result((status, t))

    def _delta(self, msg: ForwardMsg) -> None:
        path = tuple(msg.metadata.delta_path)
        d = msg.delta
        if d.WhichOneof("type") == "add_block":
            block = d.add_block
            if block.WhichOneof("type") == "tab_container" and block.id:
                self.tabs[block.id] = block
            return
        if d.WhichOneof("type") != "new_element":
            return
        el = d.new_element
        et = el.WhichOneof("type")
        self._run_elements[path] = el
        if d.fragment_id:
            self._run_fragments[path] = d.fragment_id
        if et == "exception":
            self._run_exceptions.append(f"{el.exception.type}: {el.exception.message}")
        elif et == "alert" and el.alert.format == el.alert.ERROR:
            self._run_exceptions.append(f"error box: {el.alert.body[:300]}")
        elif et in WIDGETS:
            proto = getattr(el, et)
            self._run_widgets[proto.id] = Widget(proto.id, et, proto, path)

    def _finish_run(self, fragment: bool = False) -> None:
        """The run's tree replaces the last one (a fragment run only its own part); widget
        values as the frontend keeps them."""
        self._runs += 1
        if fragment:
            self.elements = {**self.elements, **self._run_elements}
            self.widgets = {**self.widgets, **self._run_widgets}
            self.fragments = {**self.fragments, **self._run_fragments}
        else:
            self.elements, self.widgets = self._run_elements, self._run_widgets
            self.fragments = self._run_fragments
        self.exceptions = self._run_exceptions
        states: dict[str, WidgetState] = {}
        for wid, w in self.widgets.items():
            sent = widget_value(w.kind, w.proto)
            if w.proto.set_value or wid not in self.states and wid not in self._touched:
                self._touched.pop(wid, None)
                if sent is not None:
                    states[wid] = sent
            elif wid in self._touched:
                states[wid] = self._touched[wid]
            elif wid in self.states:
                states[wid] = self.states[wid]
        self.states = states
        self._touched = {k: v for k, v in self._touched.items() if k in states or k in self.tabs}
        for h in [h for h, (_, used) in self._cache.items() if self._runs - used > self._max_age]:
            del self._cache[h]

    # -- what the page shows ---------------------------------------------------------------

    def find(self, key_part: str, kind: str | None = None) -> list[Widget]:
        """Widgets of the last run whose key contains ``key_part`` (in page order)."""
        found = [w for w in self.widgets.values()
                 if key_part in w.key and (kind is None or w.kind == kind)]
        return sorted(found, key=lambda w: w.path)

    def charts(self) -> dict[str, Any]:
        """Every Plotly figure of the last run: its key (or tree path) -> the figure JSON."""
        out = {}
        for path, el in sorted(self.elements.items()):
            if el.WhichOneof("type") == "plotly_chart":
                chart = el.plotly_chart
                name = Widget(chart.id, "plotly_chart", chart, path).key or str(path)
                out[name] = json.loads(chart.spec) if chart.spec else None
        return out

    def component(self, key_suffix: str) -> tuple[Any, str, Any] | None:
        """A custom component v2 of the last run whose key ends with ``key_suffix``: (its
        BidiComponent proto, its fragment id or "", its data decoded: the live gates' bytes by gates_lab/live/wire.py)."""
        for path, el in sorted(self.elements.items()):
            if el.WhichOneof("type") == "bidi_component" and el.bidi_component.id.endswith(
                    key_suffix):
                c = el.bidi_component
                data = (unpack(c.bytes) if c.HasField("bytes")
                        else json.loads(c.json) if c.HasField("json") else None)
                return c, self.fragments.get(path, ""), data
        return None

    @property
    def runs(self) -> int:
        """How many runs (full or fragment) finished for this session."""
        return self._runs

    def value(self, widget_id: str) -> Any:
        s = self.current_states().get(widget_id)
        if s is None:
            return None
        which = s.WhichOneof("value")
        if which is None:
            return None
        v = getattr(s, which)
        return list(v.data) if which.endswith("array_value") else v


def tab_state(tab_block_id: str, label: str) -> WidgetState:
    """A click on a tab of a keyed ``st.tabs`` group: its value is the tab's label."""
    return WidgetState(id=tab_block_id, string_value=label)


def component_event(component_id: str, event: str, value: Any) -> WidgetState:
    """A custom component v2 trigger (``setTriggerValue(event, value)`` in its JS): the
    widget ``<internal key prefix><component id>__events`` with a JSON list of events."""
    return WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{component_id}__events",
                       json_trigger_value=json.dumps([{"event": event, "value": value}],
                                                     separators=(",", ":")))


def slider_state(widget: Widget, value: float | Iterable[float]) -> WidgetState:
    s = WidgetState(id=widget.id)
    s.double_array_value.data.extend([value] if isinstance(value, int | float) else value)
    return s


def page_url(base: str, page: str, params: Mapping[str, str] | None = None) -> str:
    q = urllib.parse.urlencode(dict(params or {}))
    return f"{base}/{page}" + (f"?{q}" if q else "")
