"""Two replicas of the lab behind HAProxy (deploy/haproxy.cfg, started by deploy/cluster.py
exactly as deploy/run.sh does), checked for real:

- sessions spread over both replicas and each stays on its own (the balancer's LABSRV
  cookie and its X-Lab-Replica answer header say which replica served; the websocket
  upgrade goes to the cookie's replica);
- every page answers through the balancer: HTTP 200, and a websocket session
  (tests/support/stclient.py, Streamlit's own protocol) runs the page to script_finished
  without an exception;
- killing one replica fails no session on the other; a browser (Chromium) whose replica
  died reconnects to the live one by itself, and gets the same page again from the same
  URL: same charts, same widget values (the whole scenario lives in the URL);
- everything the test started is stopped (the fixture checks no process is left).

Needs haproxy and, for the browser part, chromium: skipped without them, failed instead
under LAB_REQUIRE_BROWSER=1 (scripts/test.sh).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import livelab
import pytest
import stclient
from conftest import require_browser, require_haproxy

from gates_lab.navigation import PAGES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))
PAGE_NAMES = [name for name, _ in PAGES if (ROOT / "pages" / f"{name}.py").exists()]
# A scenario in a link: hidden size 1, 30 steps, one edited weight.
SCENARIO = "H=1&L=30&w=weight_ih_l0%3A0%3A0%3D0.75"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    require_haproxy()
    import cluster as deploy
    import psutil

    c = deploy.Cluster(replicas=2, run_dir=tmp_path_factory.mktemp("cluster"))
    c.start(timeout=150)
    try:
        yield c
    finally:
        pids = c.pids()
        c.stop()
        left = [p for p in pids if psutil.pid_exists(p)
                and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        assert not left, f"processes left running: {left}"
        assert not list(c.run_dir.glob("*.pid")), "pid files left behind"
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{c.url}/_stcore/health", timeout=2)


def get(url: str, cookie: str = "") -> tuple[int, str, str]:
    """(status, X-Lab-Replica, the LABSRV cookie the balancer set or "")."""
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=30) as r:
        r.read()
        set_cookie = r.headers.get("Set-Cookie", "")
        labsrv = set_cookie.split(";")[0].split("=", 1)[1] if set_cookie.startswith(
            "LABSRV=") else ""
        return r.status, r.headers.get("X-Lab-Replica", ""), labsrv


def labsrv(context) -> str:
    """The balancer's cookie in the browser: the replica this browser is on."""
    return next((c["value"] for c in context.cookies() if c["name"] == "LABSRV"), "")


def run(coro):
    """asyncio.run in its own thread (Playwright's sync API keeps a loop in this one)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_the_shipped_configuration_is_valid(cluster):
    for cfg in (ROOT / "deploy" / "haproxy.cfg", cluster.config_path()):
        done = subprocess.run(["haproxy", "-c", "-f", str(cfg)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    text = cluster.config_path().read_text()
    for must in ("cookie LABSRV insert", "timeout tunnel", "option httpchk GET /_stcore/health",
                 f"bind 127.0.0.1:{cluster.port}"):
        assert must in text
    assert text.count("server lab") == 2


def test_sessions_spread_over_both_replicas_and_stay_there(cluster):
    first = [get(f"{cluster.url}/gru") for _ in range(6)]
    assert all(status == 200 for status, _, _ in first)
    assert all(served == cookie for _, served, cookie in first), first
    assert {served for _, served, _ in first} == {"lab1", "lab2"}
    for _, served, cookie in first:  # a browser with its cookie stays on its replica
        for path in ("gru", "_stcore/health", "lstm"):
            status, again, new_cookie = get(f"{cluster.url}/{path}", f"LABSRV={cookie}")
            assert (status, again, new_cookie) == (200, served, "")

    async def websockets() -> list[tuple[str, str, int]]:
        out = []
        for _, _, cookie in first[:4]:
            s = stclient.Session(cluster.url, "gru", cookie=f"LABSRV={cookie}", timeout=120)
            result = await s.connect()
            tab = next(t for t in s.tabs if t.endswith("gru.tab.controls"))
            again = await s.rerun(stclient.tab_state(tab, "Weights"))
            assert not result.exceptions and not again.exceptions
            out.append((cookie, s.handshake_headers.get("x-lab-replica", ""), again.status))
            await s.close()
        return out

    for cookie, served, status in run(websockets()):
        assert (served, status) == (cookie, stclient.FINISHED_OK)


def test_every_page_answers_through_the_balancer(cluster):
    async def open_page(name: str) -> stclient.Session:
        s = stclient.Session(cluster.url, name, timeout=180)
        try:
            result = await s.connect()
            assert not s.closed, (name, s.closed)
        finally:
            await s.close()
        assert result.status == stclient.FINISHED_OK, (name, result)
        return s

    for name in PAGE_NAMES:
        status, served, _ = get(f"{cluster.url}/{name}")
        assert status == 200 and served in ("lab1", "lab2"), name
        s = run(open_page(name))
        assert not s.exceptions, (name, s.exceptions)
        assert s.elements, name


def test_a_dead_replica_fails_no_other_session_and_its_browser_gets_the_page_back(
        cluster, playwright_instance):
    require_browser()
    url = f"{cluster.url}/gru?{SCENARIO}"
    # Its own chromium (fresh profile): the balancer's cookie must not leak to other tests.
    with livelab.launch_browser(playwright_instance) as context:
        page = context.new_page()
        livelab.open_page(page, url)
        assert not livelab.errors(page)
        before = page.evaluate(livelab.CHARTS_JS)
        assert before and "null" not in before
        sliders = [page.evaluate(livelab.MARK_SLIDER_JS, i) for i in range(2)]
        assert sliders[1][2] == 1  # hidden size 1, from the link
        dead = labsrv(context)
        alive = "lab2" if dead == "lab1" else "lab1"

        async def others_then_kill() -> tuple[list[str], list[str]]:
            sessions = {}
            for name in ("lab1", "lab2"):
                for i in range(2):
                    s = stclient.Session(cluster.url, "gru", cookie=f"LABSRV={name}",
                                         timeout=120)
                    await s.connect()
                    tab = next(t for t in s.tabs if t.endswith("gru.tab.controls"))
                    await s.rerun(stclient.tab_state(tab, "Weights"))
                    assert s.handshake_headers["x-lab-replica"] == name
                    sessions[f"{name}.{i}"] = s
            cluster.kill_replica(dead)
            problems = []
            for key, s in sessions.items():
                if not key.startswith(alive):
                    continue
                for step in range(3):
                    slider = s.find(".w.", "slider")[step]
                    (value,) = s.current_states()[slider.id].double_array_value.data
                    try:
                        r = await s.rerun(stclient.slider_state(slider, round(value + 0.05, 2)))
                    except stclient.ProtocolError as exc:
                        problems.append(f"{key}: {exc}")
                        break
                    if r.exceptions or r.status != stclient.FINISHED_OK:
                        problems.append(f"{key}: {r}")
                if s.closed:
                    problems.append(f"{key}: socket dropped: {s.closed}")
            dropped = [k for k, s in sessions.items() if k.startswith(dead) and s.closed]
            for s in sessions.values():
                await s.close()
            return problems, dropped

        problems, dropped = run(others_then_kill())
        assert problems == []
        assert dropped  # the dead replica's own sessions did lose their sockets

        # The tab reconnects by itself (the balancer sends its websocket to the live
        # replica and sets a new cookie); a move there runs without an error.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and labsrv(context) == dead:
            page.wait_for_timeout(200)
        assert labsrv(context) == alive
        since = livelab.finished_count(page)
        assert livelab.move_slider(page, 1, index=1)
        assert livelab.finished_count(page) > since and not livelab.errors(page)

        # The browser opens the same URL again: the whole scenario is back.
        livelab.open_page(page, url)
        assert not livelab.errors(page)
        assert labsrv(context) == alive
        assert page.evaluate(livelab.CHARTS_JS) == before
        assert [page.evaluate(livelab.MARK_SLIDER_JS, i) for i in range(2)] == sliders
        assert page.url == url
