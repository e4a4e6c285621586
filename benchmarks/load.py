"""A whole school at once, measured at the server: Streamlit's own protocol, no browser.

    .venv/bin/python benchmarks/load.py                     # everything below (~12 min)
    .venv/bin/python benchmarks/load.py --quick             # the same, shorter (< 4 min)
    .venv/bin/python benchmarks/load.py --levels 30 --seconds 30 --skip-ramp --skip-abuse
    .venv/bin/python benchmarks/load.py --smoke             # only the browser comparison
    .venv/bin/python benchmarks/load.py --app-root ../other-checkout --same-control

Each session is one websocket to ``/_stcore/stream`` spoken by tests/support/stclient.py
(BackMsg/ForwardMsg protobufs from the streamlit package), all in one asyncio process.
A session opens /gru, then every ``--every`` s (jittered x0.7-1.3, never before its
previous move finished) moves one weight a step, exactly as the browser sends it
(``weight_move``: a weight slider on Settings -> Weights, or, when the page has the live
gates of issue 10, their "want" and "commit" triggers), and times the move until its
``script_finished``. ``--same-control``: each student keeps moving one control.

- levels (30, 60, 120 sessions, a fresh server each): errors (exceptions or error boxes in
  a run, dropped sockets, moves that never finished: must be 0), latency median and p95,
  the server's CPU ms and message KB per move (psutil, user+system, over the load phase),
  its share of time busy (running or waiting for a CPU), its RSS;
- the floor at the same levels (benchmarks/floor.py: a bare Streamlit app, one slider and
  one Plotly chart the size of /gru's gates chart, every session moving the slider every
  ``--every`` s): its CPU per rerun, and the lab's CPU per move as a ratio to it;
- a class: 120 sessions that all opened one preset link (/gru?preset=gru-latch), each
  moving the weight it was asked to move (one of 4, a quarter of the class each) a step
  every ``--every`` s, the way it was asked to (up for half the class, down for the
  other; back at an end of the range): its frames, the same for the whole class at first,
  are computed once; later moves are releases only, until a thumb leaves the frames sent;
- ramp: 60 sessions, the move rate raised step by step; the highest rate with p95 < 1 s
  and no errors is what one process sustains here;
- abuse: 30 sessions at a move every 2 s; their p95 alone, next to one client sending
  garbage frames (random bytes, a text frame, a truncated protobuf, an oversized frame),
  next to one flooding the live gates with "want" and "commit" without waiting (200 of each a
  second), and next to one asking for the frames of every control at once, again and again;
- largest link: /gru and /lstm with the largest sizes gates_lab/scenario.py allows (MAX_INPUT,
  MAX_HIDDEN, MAX_LENGTH), each plot view: server CPU ms per move, the worst one;
- ``--smoke`` (also the first part of a full run): 2 Chromium tabs and 2 generator sessions
  make the same moves; every rerun they send (widget ids and values, fragment, page) and
  the figures they receive must be identical.

``--app-root`` runs the app.py of another checkout. Everything it starts is stopped at the
end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support")]  # livelab, stclient

import floor  # noqa: E402
import livelab  # noqa: E402
import stclient  # noqa: E402
from stclient import ProtocolError, Session, WidgetState  # noqa: E402

from gates_lab.live.wire import unpack  # noqa: E402

TARGET_SESSIONS, TARGET_P95 = 60, 1.0
TARGET_RATIO = 1.5  # the lab's CPU per move / the floor's CPU per rerun
TARGET_LARGEST_MS = 150.0  # CPU per move at the largest link the settings allow
CLASS_SESSIONS, CLASS_PRESET = 120, "gru-latch"
WEIGHTS_TAB = ("gru.tab.controls", "Weights")


# -- the one place that says what a "weight move" sends ----------------------------------

# A move is one or more reruns: (fragment id or "", the widget changes it sends, or a
# function making them once the previous reruns answered). The last one is the rerun the
# student waits for; its time is the move's latency.
Changes = list[WidgetState] | Callable[[], list[WidgetState]]
Step = tuple[str, Changes]
LIVE = "-live"  # the key suffix of the live gates component (issue 10), when the page has it
SAME_CONTROL = False  # --same-control: each student keeps moving one control (its own)


def weight_move(session: Session, rng: random.Random, index: int | None = None) -> list[Step]:
    """What a student's weight move sends, as the browser sends it.

    - Live gates (issue 10, a custom component v2 keyed ``<page>-live``): pointing at a
      control asks for its frames (trigger ``want``, a rerun of the component's fragment)
      unless they are already there; the drag itself is drawn in the browser; the release
      sends the trigger ``commit`` with the control's next grid value (one page rerun).
    - Otherwise a Streamlit weight slider (Settings -> Weights, key ``<page>.<gen>.w.<...>``)
      moved one arrow-key step (the next value on the slider's grid).

    ``index`` picks the control (else a random one) and moves it up (else a random way).
    """
    up = rng.random() < 0.5 if index is None else True
    if SAME_CONTROL and index is None:
        index = session.favourite
    if session.component(LIVE) is not None:
        return live_move(session, rng, index, up)
    sliders = session.find(".w.", "slider")
    if not sliders:
        raise ProtocolError("the page shows no weight slider (is Settings -> Weights open?)")
    w = sliders[rng.randrange(len(sliders)) if index is None else index]
    (value,) = session.current_states()[w.id].double_array_value.data
    return [("", [stclient.slider_state(
        w, slider_step(value, w.proto.min, w.proto.max, w.proto.step, up))])]


def held_sweep(session: Session) -> dict[str, Any]:
    """The frames the browser would hold now, as gates_lab/live/live.js keeps them: the last
    ones sent, still valid for these settings or carried over by a release."""
    found = session.component(LIVE)
    data = found[2] if found else None
    if not data:
        return {}
    held, carry = session.held, data.get("carry")
    if data.get("sweep"):
        held.clear()
        held.update(data["sweep"], rev=data["rev"])
    elif carry and held.get("id") == carry["id"] and held.get("rev") == carry["from"]:
        held["rev"] = data["rev"]
    return held if held.get("rev") == data["rev"] else {}


def live_move(session: Session, rng: random.Random, index: int | None, up: bool,
              prefix: str = "w:") -> list[Step]:
    proto, fragment, data = session.component(LIVE)  # type: ignore[misc]
    controls = ([c for c in data["controls"] if c["id"].startswith(prefix)]
                or data["controls"])  # hidden sizes with knobs only
    c = controls[rng.randrange(len(controls)) if index is None else index]
    k = c["k"] + (1 if up else -1)
    if not 0 <= k < c["n"]:
        k = c["k"] - (1 if up else -1)

    def sweep() -> dict[str, Any]:
        return held_sweep(session)

    def commit() -> list[WidgetState]:
        # The browser commits the grid value of the frames it holds (gates_lab/live/live.js).
        grid = sweep().get("grid") if sweep().get("id") == c["id"] else None
        value = grid[k] if grid else round(c["value"] + (k - c["k"]) * c["step"], 10)
        return [stclient.component_event(proto.id, "commit", {"id": c["id"], "value": value})]

    steps: list[Step] = []
    if sweep().get("id") != c["id"]:
        steps.append((fragment, [stclient.component_event(proto.id, "want", c["id"])]))
    steps.append((fragment, commit))
    return steps


def slider_step(value: float, lo: float, hi: float, step: float, up: bool) -> float:
    """The value the browser's slider sends for one arrow key: value +- step, rounded to the
    nearest point of the slider's grid (lo + k * step) and kept within [lo, hi]; at an end
    it steps the other way."""
    moved = value + (step if up else -step)
    if not lo <= moved <= hi:
        moved = value - (step if up else -step)
    k = round((moved - lo) / step)
    return float(round(min(max(lo + k * step, lo), hi), 10))


async def do_move(session: Session, steps: list[Step]) -> stclient.RunResult:
    """Sends a move's reruns one after the other; the last one's result."""
    result = None
    for fragment, changes in steps:
        sent = changes() if callable(changes) else changes
        result = await session.rerun(*sent, fragment_id=fragment)
        if result.exceptions:
            return result
    assert result is not None
    return result


async def open_weights(session: Session) -> None:
    """Connect and click Settings -> Weights, as a student would (the live gates, when the
    page has them, are in view without a click)."""
    await session.connect()
    check(session, "opening the page")
    if session.component(LIVE) is not None:
        return
    tab = next((t for t in session.tabs if t.endswith(WEIGHTS_TAB[0])), None)
    if tab is None:
        raise ProtocolError("no settings tabs on the page")
    await session.rerun(stclient.tab_state(tab, WEIGHTS_TAB[1]))
    check(session, "opening the weights tab")


def check(session: Session, what: str) -> None:
    if session.exceptions:
        raise ProtocolError(f"{what}: {session.exceptions[0]}")


# -- one server under load ---------------------------------------------------------------


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    moves: int = 0
    errors: list[str] = field(default_factory=list)
    cpu_s: float = 0.0
    wall_s: float = 0.0
    rss_peak: float = 0.0
    bytes_in: int = 0  # what the server sent to the sessions during the phase
    samples: int = 0
    runnable: int = 0  # samples in which a server thread was running or waiting for a CPU

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return pct(self.latencies, 0.95)

    @property
    def cpu_ms_per_move(self) -> float:
        return 1000 * self.cpu_s / max(1, len(self.latencies))

    @property
    def kb_per_move(self) -> float:
        return self.bytes_in / 1024 / max(1, len(self.latencies))

    @property
    def cpu_pct(self) -> float:
        return 100 * self.cpu_s / self.wall_s if self.wall_s else 0.0

    @property
    def busy_pct(self) -> float:
        """Share of the time the server had work (a thread running or runnable)."""
        return 100 * self.runnable / self.samples if self.samples else 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall_s if self.wall_s else 0.0


def pct(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Server:
    """One ``streamlit run app.py`` (livelab.LiveServer) with its CPU time and RSS."""

    root = ROOT  # the checkout whose app.py runs (--app-root)

    def __init__(self, root: Path | None = None) -> None:
        import psutil

        self.live = livelab.LiveServer(root=root or self.root)
        self.live.wait_ready(120)
        self.proc = psutil.Process(self.live.proc.pid)

    @property
    def url(self) -> str:
        return self.live.url

    def cpu(self) -> float:
        t = self.proc.cpu_times()
        return float(t.user + t.system)

    def rss(self) -> float:
        return float(self.proc.memory_info().rss / 2**20)

    def alive(self) -> bool:
        return self.live.proc.poll() is None

    def runnable(self) -> bool:
        """Is one of the server's threads running or waiting for a CPU (state R)? On a
        machine shared with other work, busy minus CPU time is the time it waited."""
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            try:
                stat = (task / "stat").read_text()
            except OSError:
                continue
            if stat[stat.rindex(")") + 2] == "R":
                return True
        return False

    def stop(self) -> None:
        self.live.stop()


async def open_sessions(url: str, n: int, page: str = "gru", query: str = "",
                        parallel: int = 6, opener: Callable[[Session], Any] | None = None
                        ) -> list[Session]:
    """``n`` sessions on the weights tab, opened a few at a time (a class arriving)."""
    gate = asyncio.Semaphore(parallel)

    async def one() -> Session:
        async with gate:
            s = Session(url, page, query, timeout=120)
            await (opener or open_weights)(s)
            pick = random.Random(id(s))
            s.favourite = pick.randrange(4)  # --same-control, the class
            s.favourite_up = pick.random() < 0.5  # type: ignore[attr-defined]
            return s

    return list(await asyncio.gather(*(one() for _ in range(n))))


async def student(s: Session, every: float, until: float, rng: random.Random,
                  phase: Phase, move: Callable[[Session, random.Random], list[Step]]) -> None:
    """Moves a weight every ~``every`` s until ``until``; records latency and errors."""
    next_at = time.monotonic() + rng.uniform(0, every)
    while True:
        now = time.monotonic()
        if next_at >= until:
            return
        await asyncio.sleep(max(0.0, next_at - now))
        phase.moves += 1
        try:
            r = await do_move(s, move(s, rng))
        except ProtocolError as exc:
            phase.errors.append(str(exc))
            return
        if r.exceptions:
            phase.errors.append(r.exceptions[0])
        elif r.status not in (stclient.FINISHED_OK, stclient.FINISHED_FRAGMENT):
            phase.errors.append(f"run finished with status {r.status}")
        else:
            phase.latencies.append(r.seconds)
        next_at = max(next_at + every * rng.uniform(0.7, 1.3), time.monotonic())


async def load_phase(server: Server, sessions: Sequence[Session], every: float, seconds: float,
                     rng: random.Random, move: Callable[..., list[Step]] = weight_move
                     ) -> Phase:
    phase = Phase()
    phase.rss_peak = server.rss()
    bytes0 = sum(s.bytes_received for s in sessions)
    cpu0, t0 = server.cpu(), time.monotonic()
    until = t0 + seconds

    async def sample_rss() -> None:
        i = 0
        while time.monotonic() < until:
            if i % 20 == 0:
                phase.rss_peak = max(phase.rss_peak, server.rss())
            phase.samples += 1
            phase.runnable += server.runnable()
            i += 1
            await asyncio.sleep(0.05)

    sampler = asyncio.create_task(sample_rss())
    await asyncio.gather(*(student(s, every, until, random.Random(rng.random()), phase, move)
                           for s in sessions))
    phase.wall_s = time.monotonic() - t0
    phase.cpu_s = server.cpu() - cpu0
    phase.bytes_in = sum(s.bytes_received for s in sessions) - bytes0
    await sampler
    for i, s in enumerate(sessions):
        if s.closed:
            phase.errors.append(f"session {i}: socket dropped ({s.closed})")
    if not server.alive():
        phase.errors.append("the server died")
    return phase


async def close_all(sessions: Sequence[Session]) -> None:
    await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)


# -- the parts of the report -------------------------------------------------------------


@dataclass
class Level:
    sessions: int
    phase: Phase
    rss_idle: float
    rss_open: float
    opened_s: float
    client_cpu_s: float
    what: str = "lab"  # "lab", "floor" or "class"


async def connect_only(session: Session) -> None:
    await session.connect()
    check(session, "opening the floor app")


def class_move(session: Session, rng: random.Random) -> list[Step]:
    """A student of the class: the weight it was given (session.favourite), one step the
    way it was told (session.favourite_up)."""
    if session.component(LIVE) is None:
        return weight_move(session, rng, session.favourite)
    return live_move(session, rng, session.favourite, getattr(session, "favourite_up", True))


def floor_move(session: Session, rng: random.Random) -> list[Step]:
    return floor.move(session, rng, stclient.slider_state, slider_step)


async def level(n: int, every: float, seconds: float, what: str = "lab") -> Level:
    """``n`` sessions on one fresh server: the lab's /gru, the floor app, or (a class) the
    lab's /gru opened from one preset link."""
    page, query, opener, move = "gru", "", None, weight_move
    root = None
    if what == "floor":
        root = floor.write_app()
        page, opener, move = "", connect_only, floor_move
    elif what == "class":
        query, move = f"preset={CLASS_PRESET}", class_move
    server = Server(root)
    try:
        # One session first: the pages' imports, like the first student of the day.
        await close_all(await open_sessions(server.url, 1, page, query, opener=opener))
        rss_idle = server.rss()
        t0, c0 = time.monotonic(), time.process_time()
        sessions = await open_sessions(server.url, n, page, query, opener=opener)
        opened = time.monotonic() - t0
        rss_open = server.rss()
        phase = await load_phase(server, sessions, every, seconds, random.Random(n), move)
        client_cpu = time.process_time() - c0
        await close_all(sessions)
        return Level(n, phase, rss_idle, rss_open, opened, client_cpu, what)
    finally:
        server.stop()
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


async def ramp(n: int, rates: Sequence[float], seconds: float) -> list[tuple[float, Phase]]:
    """Raise the offered move rate (n sessions, every = n / rate) until p95 >= 1 s."""
    out = []
    server = Server()
    try:
        sessions = await open_sessions(server.url, n)
        for rate in rates:
            phase = await load_phase(server, sessions, n / rate, seconds, random.Random(rate))
            out.append((rate, phase))
            if phase.errors or phase.p95 >= TARGET_P95:
                break
        await close_all(sessions)
    finally:
        server.stop()
    return out


GARBAGE: tuple[bytes | str, ...] = (
    b"\xff\xfe\x00garbage\x13\x37" * 10,              # random bytes
    "a text frame: not a protobuf",                   # Streamlit takes binary frames only
    b"\x0a\x80\x80\x80\x80\x10",                      # a truncated length-delimited field
    bytes(range(256)) * 4,                            # undecodable field tags
    b"\x00" * (5 * 2**20),                            # an oversized frame
)


async def garbage_client(url: str, until: float, stats: dict[str, int]) -> None:
    """Connects, sends one malformed frame, and again (the server closes each socket)."""
    i = 0
    while time.monotonic() < until:
        s = Session(url, "gru", timeout=30)
        try:
            await s.connect()
            await s.send_raw(GARBAGE[i % len(GARBAGE)])
            for _ in range(40):
                if s.closed:
                    break
                await asyncio.sleep(0.05)
            stats["closed by server" if s.closed else "left open"] += 1
        except Exception as exc:  # noqa: BLE001 - counted, the point is the others
            stats[f"refused: {type(exc).__name__}"] = stats.get(
                f"refused: {type(exc).__name__}", 0) + 1
        finally:
            stats["frames"] += 1
            await s.close()
        i += 1


async def flood_client(url: str, until: float, stats: dict[str, int]) -> None:
    """One session flooding without waiting for any rerun: with the live gates, a "want"
    and a "commit" of a control every 5 ms (the controls in turn, values stepping up and
    down); on a page without them, a weight slider move every 5 ms. Every message is built
    from the page as first drawn (a flood's runs are cut short: the tree is never whole)."""
    s = Session(url, "gru", timeout=60)
    await open_weights(s)
    found = s.component(LIVE)
    rng = random.Random(7)
    fixed = None if found is not None else weight_move(s, rng, 0)
    i = 0
    while time.monotonic() < until and not s.closed:
        if found is not None:
            proto, fragment, data = found
            c = data["controls"][i % len(data["controls"])]
            value = round(c["value"] + c["step"] * (1 if i % 4 < 2 else -1), 10)
            await s.send_rerun_nowait(stclient.component_event(proto.id, "want", c["id"]),
                                      fragment_id=fragment)
            await s.send_rerun_nowait(stclient.component_event(
                proto.id, "commit", {"id": c["id"], "value": value}), fragment_id=fragment)
            stats["want+commit sent"] += 1
        else:
            for fragment_id, changes in fixed or ():
                sent = changes() if callable(changes) else changes
                await s.send_rerun_nowait(*sent, fragment_id=fragment_id)
            stats["reruns sent"] += 1
        i += 1
        await asyncio.sleep(0.005)
    stats["runs it got"] = s.runs
    stats["socket dropped"] = int(bool(s.closed))
    await s.close()


async def want_all_client(url: str, until: float, stats: dict[str, int]) -> None:
    """One session asking for the frames of every control at once ("want" for each, without
    waiting), then again, every 50 ms."""
    s = Session(url, "gru", timeout=60)
    await open_weights(s)
    found = s.component(LIVE)
    if found is None:
        raise ProtocolError("the page has no live gates")
    proto, fragment, data = found
    while time.monotonic() < until and not s.closed:
        for c in data["controls"]:
            await s.send_rerun_nowait(stclient.component_event(proto.id, "want", c["id"]),
                                      fragment_id=fragment)
            stats["wants sent"] += 1
        await asyncio.sleep(0.05)
    stats["runs it got"] = s.runs
    stats["socket dropped"] = int(bool(s.closed))
    await s.close()


async def abuse(n: int, every: float, seconds: float) -> list[tuple[str, Phase, dict[str, int]]]:
    out: list[tuple[str, Phase, dict[str, int]]] = []
    server = Server()
    try:
        sessions = await open_sessions(server.url, n)
        for name, attacker in (("alone", None), ("+ garbage frames", garbage_client),
                               ("+ want/commit flood", flood_client),
                               ("+ want every control", want_all_client)):
            stats: dict[str, int] = {"frames": 0, "closed by server": 0, "left open": 0,
                                     "reruns sent": 0, "want+commit sent": 0,
                                     "wants sent": 0}
            task = None
            if attacker is not None:
                task = asyncio.create_task(attacker(server.url, time.monotonic() + seconds,
                                                    stats))
                await asyncio.sleep(1.0)
            phase = await load_phase(server, sessions, every, seconds, random.Random(n))
            if task is not None:
                try:
                    await task
                except Exception as exc:  # noqa: BLE001 - reported
                    stats[f"attacker failed: {exc}"] = 1
            out.append((name, phase, {k: v for k, v in stats.items() if v}))
        await close_all(sessions)
    finally:
        server.stop()
    return out


def largest_queries() -> list[tuple[str, str]]:
    from gates_lab import scenario as S

    big = {"I": S.MAX_INPUT, "H": S.MAX_HIDDEN, "L": S.MAX_LENGTH}
    q = "&".join(f"{k}={v}" for k, v in big.items())
    return [(page, f"{q}&plot={view}") for page in ("gru", "lstm") for view in S.PLOT_VIEWS]


def knob_move(session: Session, rng: random.Random) -> list[Step]:
    """At the largest sizes the weights have per-gate scale knobs instead of sliders."""
    if session.component(LIVE) is not None:
        return live_move(session, rng, None, rng.random() < 0.5, prefix="scale:")
    knobs = session.find(".scale.", "slider")
    if not knobs:
        raise ProtocolError("no scale knob on the weights tab")
    w = knobs[rng.randrange(len(knobs))]
    (value,) = session.current_states()[w.id].double_array_value.data
    return [("", [stclient.slider_state(w, slider_step(value, w.proto.min, w.proto.max,
                                                       w.proto.step, rng.random() < 0.5))])]


async def largest(reruns: int, views: Sequence[str] | None = None
                  ) -> list[tuple[str, float, float, str]]:
    """Server CPU per rerun for each largest link: (link, ms first run, ms per rerun, error)."""
    out = []
    server = Server()
    try:
        await close_all(await open_sessions(server.url, 1))
        for page, query in largest_queries():
            if views is not None and query.rsplit("=", 1)[-1] not in views:
                continue
            s = Session(server.url, page, query, timeout=300)
            err = ""
            c0 = server.cpu()
            try:
                await s.connect()
                first = server.cpu() - c0
                check(s, "opening")
                if s.component(LIVE) is None:
                    tab = next(t for t in s.tabs if t.endswith(f"{page}.tab.controls"))
                    await s.rerun(stclient.tab_state(tab, "Weights"))
                    check(s, "weights tab")
                rng = random.Random(1)
                c1 = server.cpu()
                for _ in range(reruns):
                    r = await do_move(s, knob_move(s, rng))
                    if r.exceptions:
                        raise ProtocolError(r.exceptions[0])
                per = (server.cpu() - c1) / reruns
            except Exception as exc:  # noqa: BLE001 - reported in the table
                first, per, err = float("nan"), float("nan"), f"{type(exc).__name__}: {exc}"
            await s.close()
            out.append((f"/{page}?{query}", 1000 * first, 1000 * per, err))
    finally:
        server.stop()
    return out


# -- the browser smoke run ---------------------------------------------------------------


LIVE_INPUTS = '.gl-live input[type="range"][data-weight]'


def browser_move(page: Any, i: int) -> None:
    """In Chromium: ArrowRight on the i-th weight control (a weight slider on the open
    Settings -> Weights tab, or a live gates control), waiting for its rerun(s)."""
    since = livelab.finished_count(page)
    if page.locator(".gl-live").count():
        control = page.locator(LIVE_INPUTS).nth(i)
        control.scroll_into_view_if_needed()
        control.focus()  # asks for the control's frames ("want")
        page.wait_for_function(
            "() => !!document.querySelector('.gl-live').getAttribute('data-sweep')",
            timeout=60_000)
        livelab.wait_rerun(page, since)
        since = livelab.finished_count(page)
        page.keyboard.press("ArrowRight")  # commits after a short pause
        livelab.wait_rerun(page, since)
    else:  # Settings -> Weights is open
        livelab.move_slider(page, 1, index=i)


def figures(elements: Any) -> dict[str, Any]:
    """The figures a run drew: every st.plotly_chart's JSON, and the live gates' figure."""
    out = {}
    for _, el in sorted(elements.items()):
        kind = el.WhichOneof("type")
        if kind == "plotly_chart":
            out[el.plotly_chart.id.split("-", 2)[-1]] = json.loads(el.plotly_chart.spec)
        elif kind == "bidi_component" and el.bidi_component.HasField("bytes"):
            out[el.bidi_component.id.split("-", 2)[-1]] = unpack(
                el.bidi_component.bytes).get("figure")
        elif kind == "bidi_component" and el.bidi_component.HasField("json"):  # older labs
            out[el.bidi_component.id.split("-", 2)[-1]] = json.loads(
                el.bidi_component.json).get("figure")
    return out


def browser_elements(frames: list[bytes], forward_msg: Any) -> dict[tuple[int, ...], Any]:
    """The element tree of the last full run the browser received (cached ones resolved,
    a fragment run's elements laid over it)."""
    cache: dict[str, Any] = {}
    tree: dict[tuple[int, ...], Any] = {}
    run: dict[tuple[int, ...], Any] = {}
    for data in frames:
        m = forward_msg.FromString(data)
        if m.metadata.cacheable:
            cache[m.hash] = m
        path = tuple(m.metadata.delta_path)
        if m.WhichOneof("type") == "ref_hash":
            m = cache[m.ref_hash]
        kind = m.WhichOneof("type")
        if kind == "new_session":
            run = {}
        elif kind == "delta" and m.delta.WhichOneof("type") == "new_element":
            run[path] = m.delta.new_element
        elif kind == "script_finished" and m.script_finished != 2:
            tree = {**tree, **run} if m.script_finished == 3 else run
    return tree


def smoke(tabs: int = 2) -> list[str]:
    """Chromium tabs and generator sessions make the same moves; returns the differences in
    what they send (every rerun of the move: fragment, page, widget ids and values) and in
    the figures they receive."""
    from playwright.sync_api import sync_playwright
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    problems: list[str] = []
    server = Server()
    try:
        browser_runs = []
        with sync_playwright() as pw, livelab.launch_browser(pw) as context:
            for i in range(tabs):
                sent: list[bytes] = []
                got: list[bytes] = []
                page = context.new_page()
                page.on("websocket", lambda ws, s=sent, g=got: (
                    ws.on("framesent", lambda p: s.append(p)),
                    ws.on("framereceived", lambda p: g.append(p))))
                livelab.open_page(page, f"{server.url}/gru")
                live = page.locator(".gl-live").count() > 0
                if not live:
                    livelab.open_tab(page, WEIGHTS_TAB[1])
                n_sent = len(sent)
                browser_move(page, i)
                page.wait_for_timeout(300)
                livelab.wait_quiet(page)
                rendered = len(page.evaluate(livelab.CHARTS_JS))
                backs = [BackMsg.FromString(b).rerun_script for b in sent[n_sent:]]
                drawn = figures(browser_elements(got, ForwardMsg))
                browser_runs.append((backs, drawn, rendered, livelab.errors(page), live))
                page.close()

        async def generator() -> list[tuple[list[Any], dict[str, Any]]]:
            runs = []
            for i in range(tabs):
                s = Session(server.url, "gru")
                await open_weights(s)
                backs = []
                for step in weight_move(s, random.Random(0), index=i):
                    await do_move(s, [step])
                    backs.append(s.last_sent)
                runs.append((backs, figures(s.elements)))
                await s.close()
            return runs

        gen_runs = asyncio.run(generator())
        for i, ((backs, drawn, rendered, errs, live), (gbacks, gdrawn)) in enumerate(
                zip(browser_runs, gen_runs, strict=True)):
            where = f"tab {i} ({'live gates' if live else 'slider'})"
            if len(backs) != len(gbacks):
                problems.append(f"{where}: the browser sent {len(backs)} reruns, the generator "
                                f"{len(gbacks)}")
            for j, (b, g) in enumerate(zip(backs, gbacks, strict=False)):
                problems += compare_reruns(f"{where}, rerun {j + 1}", b, g)
            if not drawn or drawn != gdrawn:
                problems.append(f"{where}: the figures differ (browser {list(drawn)}, "
                                f"generator {list(gdrawn)})")
            if rendered != len(drawn):
                problems.append(f"{where}: the browser drew {rendered} charts, received "
                                f"{len(drawn)}")
            if errs:
                problems.append(f"{where}: error box in the browser: {errs[0][:200]}")
            print(f"  {where}: {len(backs)} rerun(s) sent by the browser, {len(gbacks)} by the "
                  f"generator, {sum(len(b.widget_states.widgets) for b in backs)} widget "
                  f"states compared; "
                  f"{len(drawn)} figure(s), "
                  f"{sum(len(json.dumps(c)) for c in drawn.values())} bytes of figure JSON "
                  f"compared")
    finally:
        server.stop()
    return problems


def compare_reruns(where: str, browser: Any, generator: Any) -> list[str]:
    """Differences between two rerun_script messages (ClientState), except the context."""
    out = []
    for name in ("page_script_hash", "fragment_id", "query_string", "page_name"):
        if getattr(browser, name) != getattr(generator, name):
            out.append(f"{where}: {name} browser {getattr(browser, name)!r} generator "
                       f"{getattr(generator, name)!r}")
    b = {w.id: w.SerializeToString() for w in browser.widget_states.widgets}
    g = {w.id: w.SerializeToString() for w in generator.widget_states.widgets}
    if set(b) != set(g):
        out.append(f"{where}: widget ids differ: only the browser's {sorted(set(b) - set(g))}, "
                   f"only the generator's {sorted(set(g) - set(b))}")
    for wid in sorted(set(b) & set(g)):
        if b[wid] != g[wid]:
            bw = [w for w in browser.widget_states.widgets if w.id == wid][0]
            gw = [w for w in generator.widget_states.widgets if w.id == wid][0]
            out.append(f"{where}: {wid}: browser {bw} generator {gw}".replace("\n", " "))
    return out


# -- printing ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_levels(levels: Sequence[Level], every: float, seconds: float,
                 floor_app: str = "") -> None:
    print(f"\n(1) sessions moving a weight every {every:g} s (x0.7-1.3) for {seconds:.0f} s, "
          f"one server each")
    print("  lab: /gru, a random weight per move; floor: a bare Streamlit app "
          f"({floor_app or 'benchmarks/floor.py'}), a slider step per move;\n  class: "
          f"/gru?preset={CLASS_PRESET} opened by every session, each moving the weight it "
          "was given (one of 4)")
    head = (f"  {'':<5} {'sessions':>8} {'moves':>6} {'errors':>6} {'median ms':>9} "
            f"{'p95 ms':>7} "
            f"{'max ms':>7} {'moves/s':>7} {'CPU ms/move':>11} {'KB/move':>7} {'CPU %':>5} "
            f"{'busy %':>6} "
            f"{'RSS idle':>8} "
            f"{'RSS open':>8} {'RSS peak':>8} {'opened s':>8} {'client CPU s':>12}")
    print(head)
    for lv in levels:
        p = lv.phase
        print(f"  {lv.what:<5} {lv.sessions:>8} {len(p.latencies):>6} {len(p.errors):>6} "
              f"{1000 * p.p50:>9.0f} {1000 * p.p95:>7.0f} "
              f"{1000 * max(p.latencies, default=float('nan')):>7.0f} {p.rate:>7.1f} "
              f"{p.cpu_ms_per_move:>11.1f} {p.kb_per_move:>7.0f} {p.cpu_pct:>5.0f} "
              f"{p.busy_pct:>6.0f} {lv.rss_idle:>8.0f} {lv.rss_open:>8.0f} "
              f"{p.rss_peak:>8.0f} {lv.opened_s:>8.1f} {lv.client_cpu_s:>12.1f}")
        for e in p.errors[:5]:
            print(f"           - {e[:200]}")
    print("  KB/move: ForwardMsg bytes the server sent per move (before websocket compression).")
    print("  CPU %: the server's CPU time / wall time; busy %: share of 50 ms samples in which "
          "a server thread was\n  running or runnable (state R). busy well above CPU: the "
          "server waited for a CPU that other work on\n  the machine held.")
    floors = {lv.sessions: lv for lv in levels if lv.what == "floor"}
    labs = [lv for lv in levels if lv.what == "lab"]
    if floors and labs:
        print("  the lab's server CPU per move as a ratio to the floor's per rerun, same sessions:")
        for lv in labs:
            fl = floors.get(lv.sessions)
            if fl is None:
                continue
            r = lv.phase.cpu_ms_per_move / max(fl.phase.cpu_ms_per_move, 1e-9)
            print(f"    {lv.sessions:>4} sessions: {lv.phase.cpu_ms_per_move:.1f} / "
                  f"{fl.phase.cpu_ms_per_move:.1f} ms = {r:.2f}x  (target <= "
                  f"{TARGET_RATIO:g}x: {verdict(r <= TARGET_RATIO)})")
    for what, n in (("lab", TARGET_SESSIONS), ("class", CLASS_SESSIONS)):
        at = next((lv for lv in levels if lv.sessions == n and lv.what == what), None)
        if at:
            ok = not at.phase.errors and at.phase.p95 <= TARGET_P95
            print(f"  target: {what} {n} sessions, 0 errors, p95 <= {TARGET_P95 * 1000:.0f} ms"
                  f"  -> measured {len(at.phase.errors)} errors, p95 "
                  f"{1000 * at.phase.p95:.0f} ms  {verdict(ok)}")


def print_ramp(steps: Sequence[tuple[float, Phase]], n: int, seconds: float) -> None:
    print(f"\n(2) ramp: {n} sessions, offered move rate raised every {seconds:.0f} s")
    print(f"  {'offered/s':>9} {'achieved/s':>10} {'errors':>6} {'median ms':>9} {'p95 ms':>7} "
          f"{'CPU ms/move':>11} {'CPU %':>5} {'busy %':>6}")
    best = None
    for rate, p in steps:
        print(f"  {rate:>9.0f} {p.rate:>10.1f} {len(p.errors):>6} {1000 * p.p50:>9.0f} "
              f"{1000 * p.p95:>7.0f} {p.cpu_ms_per_move:>11.1f} {p.cpu_pct:>5.0f} "
              f"{p.busy_pct:>6.0f}")
        if not p.errors and p.p95 < TARGET_P95:
            best = p.rate if best is None else max(best, p.rate)
    print(f"  highest rate one process sustained here with p95 < {TARGET_P95 * 1000:.0f} ms: "
          f"{best or 0:.1f} moves/s"
          f" (= {best * 2 if best else 0:.0f} students moving every 2 s)")
    cpu = statistics.median([p.cpu_ms_per_move for _, p in steps]) if steps else float("nan")
    print(f"  CPU-bound ceiling of one process with a core of its own: 1000 / {cpu:.1f} ms = "
          f"{1000 / cpu:.0f} moves/s")


def print_abuse(rows: Sequence[tuple[str, Phase, dict[str, int]]], n: int, every: float) -> None:
    print(f"\n(3) abuse: {n} sessions moving every {every:g} s, next to one bad client "
          f"(the live gates; the flood pause: gates_lab.ui.flood_pause)")
    print(f"  {'others':<22} {'moves':>6} {'errors':>6} {'median ms':>9} {'p95 ms':>7} "
          f"{'p95 alone':>9} {'CPU %':>5} {'busy %':>6}  bad client")
    alone = rows[0][1].p95 if rows else float("nan")
    for name, p, stats in rows:
        print(f"  {name:<22} {len(p.latencies):>6} {len(p.errors):>6} {1000 * p.p50:>9.0f} "
              f"{1000 * p.p95:>7.0f} {1000 * alone:>9.0f} {p.cpu_pct:>5.0f} "
              f"{p.busy_pct:>6.0f}  "
              + ", ".join(f"{k} {v}" for k, v in stats.items()))
        for e in p.errors[:3]:
            print(f"           - {e[:200]}")


def print_largest(rows: Sequence[tuple[str, float, float, str]], reruns: int) -> None:
    print(f"\n(4) largest allowed link: server CPU for its first run and per scale-knob move "
          f"(all the move's reruns; {reruns} moves each)")
    print(f"  {'link':<44} {'first run ms':>12} {'move ms':>8}")
    for link, first, per, err in rows:
        print(f"  {link:<44} {first:>12.0f} {per:>8.0f}  {err[:120]}")
    # a view that failed counts as the worst (nan: no figure is no pass)
    worst = max(rows, key=lambda r: r[2] if r[2] == r[2] else float("inf"))
    print(f"  target: the largest link, every view measured, <= {TARGET_LARGEST_MS:.0f} ms CPU "
          f"per move  -> worst {worst[2]:.0f} ms ({worst[0]})  "
          f"{verdict(worst[2] <= TARGET_LARGEST_MS)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="the whole report, shorter: 30 and 60 sessions (and a class of "
                             "120) for 15 s, abuse 10 s a case, no ramp, no browser (< 4 min)")
    parser.add_argument("--levels", default=None, help="sessions per level (30,60,120)")
    parser.add_argument("--seconds", type=float, default=None,
                        help="load phase per level, s (40)")
    parser.add_argument("--every", type=float, default=2.0, help="seconds between moves")
    parser.add_argument("--ramp", default="5,10,15,20,25,30,40")
    parser.add_argument("--ramp-seconds", type=float, default=20.0)
    parser.add_argument("--skip-ramp", action="store_true")
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument("--skip-class", action="store_true")
    parser.add_argument("--skip-abuse", action="store_true")
    parser.add_argument("--skip-largest", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="only the browser comparison")
    parser.add_argument("--no-smoke", action="store_true")
    parser.add_argument("--same-control", action="store_true",
                        help="each session keeps moving one control (live gates: no 'want')")
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="run the app.py of another checkout (e.g. a branch's worktree)")
    args = parser.parse_args()
    quick = args.quick
    levels_arg = args.levels or ("30,60" if quick else "30,60,120")
    seconds = args.seconds or (15.0 if quick else 40.0)
    Server.root = args.app_root.resolve()
    global SAME_CONTROL
    SAME_CONTROL = args.same_control
    print(f"gates lab load: Streamlit protocol clients in one process against one "
          f"`streamlit run app.py` ({Server.root}); {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at start{'; --quick' if quick else ''}")
    failed = False
    if not args.no_smoke and not quick:
        why = livelab.browser_missing()
        print("\n(0) browser smoke run: 2 Chromium tabs vs 2 generator sessions, same moves")
        if why:
            print(f"  skipped: {why}")
        else:
            problems = smoke()
            for p in problems:
                print(f"  DIFFERENCE: {p}")
            print(f"  same widget ids, values and figures: {verdict(not problems)}")
            failed |= bool(problems)
        if args.smoke:
            sys.exit(int(failed))
    levels = [int(x) for x in levels_arg.split(",") if x]
    results = []
    for n in levels:
        results.append(asyncio.run(level(n, args.every, seconds)))
        if not args.skip_floor:
            results.append(asyncio.run(level(n, args.every, seconds, "floor")))
    if not args.skip_class:
        results.append(asyncio.run(level(CLASS_SESSIONS, args.every, seconds, "class")))
    app = "" if args.skip_floor else floor.describe_size()
    print_levels(results, args.every, seconds, app)
    failed |= any(lv.phase.errors for lv in results)
    if not args.skip_ramp and not quick:
        rates = [float(x) for x in args.ramp.split(",")]
        print_ramp(asyncio.run(ramp(TARGET_SESSIONS, rates, args.ramp_seconds)),
                   TARGET_SESSIONS, args.ramp_seconds)
    if not args.skip_abuse:
        rows = asyncio.run(abuse(30, args.every, 10.0 if quick else 20.0))
        print_abuse(rows, 30, args.every)
        failed |= any(p.errors for _, p, _ in rows)
    if not args.skip_largest:
        moves = 5 if quick else 10
        views = ("over_time", "scrubber") if quick else None  # the two costliest
        print_largest(asyncio.run(largest(moves, views)), moves)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    sys.exit(int(failed))


if __name__ == "__main__":
    main()
