"""A class at once: N concurrent browser sessions against one local lab server.

    .venv/bin/python benchmarks/load.py                  # 30 sessions, 60 s of moves each
    .venv/bin/python benchmarks/load.py --sessions 10 --seconds 90 --every 4

One `streamlit run app.py` on a free loopback port, one chromium, N tabs on /gru (each tab is
its own Streamlit session). Every tab presses an arrow key on its first slider every
``--every`` seconds (with jitter; never before its previous rerun finished), for at least
``--seconds``. The move-to-finished time is measured inside each tab (performance.now from
the keydown to the server's script_finished message). Prints errors (error boxes, page
errors, dropped websockets, moves that never finished: must be 0), the median and 95th
percentile, and the server's resident memory at start, after the pages' imports (first
session rendered) and with N sessions. Bounded: at most 60 sessions and 600 s; everything
it starts is stopped at the end. Needs chromium (apt-get install chromium) and playwright.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import livelab  # noqa: E402

DONE_JS = """() => { const k = window.__lab.keys.at(-1), f = window.__lab.finished.at(-1);
  return !k || (!!f && f[0] > k[0] && f[1] !== 2); }"""
LOG_JS = "() => [window.__lab.keys.map(k => k[0]), window.__lab.finished]"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latencies(keys: list[float], finished: list[list[float]]) -> tuple[list[float], int]:
    """Move-to-finished times, and how many moves never got a successful finish."""
    out, missing = [], 0
    for i, k in enumerate(keys):
        nxt = keys[i + 1] if i + 1 < len(keys) else float("inf")
        ends = [f[0] for f in finished if k < f[0] and f[1] != 2 and f[0] <= nxt + 1e-6]
        if ends:
            out.append(ends[0] - k)
        else:
            missing += 1
    return out, missing


def run(sessions: int, seconds: float, every: float, page_path: str) -> int:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    server = livelab.LiveServer()
    try:
        server.wait_ready(90)
        time.sleep(1.0)
        rss_start = server.rss_mb()
        with sync_playwright() as pw, livelab.launch_browser(pw) as context:
            tabs = []
            t_open = time.monotonic()
            for i in range(sessions):
                tab = context.new_page()
                tab.on("pageerror", lambda exc, i=i: problems.append(f"tab {i}: page error {exc}"))
                tab.on("websocket", lambda ws, i=i: ws.on(
                    "close", lambda _ws: problems.append(f"tab {i}: websocket closed")))
                if i == 0:
                    livelab.open_page(tab, f"{server.url}/{page_path}", timeout=180)
                    rss_imported = server.rss_mb()
                else:
                    tab.goto(f"{server.url}/{page_path}", wait_until="commit", timeout=180_000)
                tabs.append(tab)
            for tab in tabs[1:]:
                livelab.wait_rerun(tab, 0, timeout=300)
            for tab in tabs:
                livelab.wait_quiet(tab, timeout=300)
            opened = time.monotonic() - t_open
            rss_open = server.rss_mb()

            rng = random.Random(0)
            ranges = [tab.evaluate(livelab.MARK_SLIDER_JS, 0) for tab in tabs]
            if any(r is None for r in ranges):
                problems.append(f"/{page_path} shows no slider")
                ranges = [r or [0, 0, 0] for r in ranges]
            # Each tab toggles its slider between two neighbouring values.
            up = [r[2] < r[1] for r in ranges]
            start = time.monotonic()
            next_at = [start + rng.uniform(0, every) for _ in tabs]
            first_move = [None] * len(tabs)
            postponed, rss_peak = 0, rss_open
            while True:
                now = time.monotonic()
                if all(f is not None and now - f >= seconds for f in first_move):
                    break
                if now - start > seconds + 10 * every + 120:
                    problems.append("the load phase did not end in time")
                    break
                for i, tab in enumerate(tabs):
                    if now < next_at[i]:
                        continue
                    if not tab.evaluate(DONE_JS):
                        postponed += 1
                        next_at[i] = now + 0.25
                        continue
                    key = "ArrowRight" if up[i] else "ArrowLeft"
                    up[i] = not up[i]
                    tab.evaluate(livelab.MARK_SLIDER_JS, 0)
                    tab.locator(livelab.SLIDER).focus()
                    tab.keyboard.press(key)
                    if first_move[i] is None:
                        first_move[i] = now
                    next_at[i] = now + every * rng.uniform(0.7, 1.3)
                rss_peak = max(rss_peak, server.rss_mb())
                time.sleep(0.05)
            load_seconds = time.monotonic() - start
            # Drain: every tab's last move must finish.
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not all(t.evaluate(DONE_JS) for t in tabs):
                time.sleep(0.2)
            rss_end = server.rss_mb()
            all_lat: list[float] = []
            moves = missing = 0
            for i, tab in enumerate(tabs):
                keys, finished = tab.evaluate(LOG_JS)
                lat, miss = latencies(keys, finished)
                all_lat += lat
                moves += len(keys)
                missing += miss
                found = livelab.errors(tab)
                if found:
                    problems.append(f"tab {i}: error box: {found[0][:200]}")
            if missing:
                problems.append(f"{missing} moves never finished")
            if server.proc.poll() is not None:
                problems.append("the server died")
    finally:
        server.stop()

    print(f"gates lab load test: {sessions} browser sessions on /{page_path}, one server, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"  sessions opened in {opened:.0f} s; load phase {load_seconds:.0f} s, each session "
          f">= {seconds:.0f} s, a move every ~{every:g} s")
    print(f"  {'moves':<40} {moves}")
    print(f"  {'errors':<40} {len(problems)}")
    for p in problems[:10]:
        print(f"    - {p}")
    if all_lat:
        print(f"  {'move -> rerun finished, median (ms)':<40} {statistics.median(all_lat):.0f}")
        print(f"  {'move -> rerun finished, p95 (ms)':<40} {pct(all_lat, 0.95):.0f}")
        print(f"  {'move -> rerun finished, max (ms)':<40} {max(all_lat):.0f}")
    print(f"  {'moves postponed (previous rerun busy)':<40} {postponed}")
    print(f"  {'server RSS at start (MB)':<40} {rss_start:.0f}")
    print(f"  {'server RSS after importing pages (MB)':<40} {rss_imported:.0f}")
    print(f"  {f'server RSS with {sessions} sessions open (MB)':<40} {rss_open:.0f}")
    print(f"  {f'server RSS with {sessions} sessions, peak (MB)':<40} {max(rss_peak, rss_end):.0f}")
    return 1 if problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0, help="moves per session, s")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between moves")
    parser.add_argument("--page", default="gru")
    args = parser.parse_args()
    why = livelab.browser_missing()
    if why:
        sys.exit(f"load test needs a browser: {why}")
    sessions = max(1, min(args.sessions, 60))
    seconds = max(1.0, min(args.seconds, 600.0))
    sys.exit(run(sessions, seconds, max(0.5, args.every), args.page))


if __name__ == "__main__":
    main()
