"""A live lab server and a real browser, shared by the browser tests (tests/conftest.py),
benchmarks/pages.py and benchmarks/load.py.

- ``LiveServer``: ``python -m streamlit run app.py`` on a free loopback port; waits for
  /_stcore/health; ``stop()`` terminates, then kills; ``rss_mb()`` via psutil.
- ``launch_browser``: Debian's chromium driven by Playwright (sync API), fresh profile.
- ``INIT_SCRIPT``: wraps the page's WebSocket so every ``script_finished`` ForwardMsg the
  server sends is recorded, with ``performance.now()``, in ``window.__lab.finished``; key
  presses on sliders are timestamped in ``window.__lab.keys``. A rerun is "done" when its
  script_finished arrives (the DOM state attribute alone can miss fast reruns).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}

# Streamlit 1.67: an uncaught exception renders [data-testid=stException]; st.error (and the
# exception box itself) renders [data-testid=stAlertContainer] > [data-testid=stAlertContentError].
ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def browser_missing() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -r requirements-dev.txt)"
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


class LiveServer:
    """``streamlit run app.py`` on 127.0.0.1:<free port>, for tests and benchmarks."""

    def __init__(self, *extra: str, root: Path = ROOT, log: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.root = root
        self._log_path = log
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py",
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", *extra]
        self._log = open(log, "w") if log else tempfile.TemporaryFile("w+")  # noqa: SIM115
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(cmd, cwd=root, stdout=self._log, stderr=subprocess.STDOUT,
                                     env=env)

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds until /_stcore/health answered ok; raises if the server died or hung."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - t0
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{self.log()}")

    def log(self) -> str:
        if self._log_path:
            return self._log_path.read_text(errors="replace")[-4000:]
        self._log.flush()
        self._log.seek(0)
        return self._log.read()[-4000:]

    def rss_mb(self) -> float:
        import psutil

        return psutil.Process(self.proc.pid).memory_info().rss / 2**20

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()

    def __enter__(self) -> LiveServer:
        self.wait_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def launch_browser(pw: Any) -> Iterator[Any]:
    """A persistent chromium context on a fresh, temporary profile (removed afterwards)."""
    profile = tempfile.mkdtemp(prefix="lab-chromium-")
    context = pw.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS,
        viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    try:
        yield context
    finally:
        with contextlib.suppress(Exception):
            context.close()
        shutil.rmtree(profile, ignore_errors=True)


def new_context(browser: Any) -> Any:
    """A second, independent context (own cookies, own Streamlit session) in a Browser."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    return context


# ForwardMsg field 6 is script_finished (0 = FINISHED_SUCCESSFULLY, 2 = FINISHED_EARLY_FOR_RERUN,
# 3 = a fragment run); the top-level fields are walked without a protobuf library.
INIT_SCRIPT = r"""
(() => {
  if (window.__lab) return;
  const lab = window.__lab = {finished: [], keys: [], messages: 0, lastMutation: 0};
  new MutationObserver(() => { lab.lastMutation = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  function varint(b, i) {
    let v = 0, m = 1;
    for (;;) { const x = b[i++]; v += (x & 127) * m; m *= 128; if (x < 128) return [v, i]; }
  }
  function scriptFinished(b) {
    let i = 0;
    try {
      while (i < b.length) {
        let tag; [tag, i] = varint(b, i);
        const field = Math.floor(tag / 8), wire = tag & 7;
        if (wire === 0) { let v; [v, i] = varint(b, i); if (field === 6) return v; }
        else if (wire === 2) { let n; [n, i] = varint(b, i); i += n; }
        else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return -1;
      }
    } catch (e) { return -1; }
    return -1;
  }
  function record(data) {
    const t = performance.now();
    lab.messages += 1;
    const take = (buf) => {
      const v = scriptFinished(new Uint8Array(buf));
      if (v >= 0) lab.finished.push([t, v]);
    };
    if (data instanceof ArrayBuffer) take(data);
    else if (data && data.arrayBuffer) data.arrayBuffer().then(take);
  }
  const Orig = window.WebSocket;
  class LabSocket extends Orig {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes('_stcore/stream'))
        this.addEventListener('message', (ev) => record(ev.data));
    }
  }
  window.WebSocket = LabSocket;
  document.addEventListener('keydown', (ev) => {
    if (ev.target && ev.target.type === 'range') lab.keys.push([performance.now(), ev.key]);
  }, true);
})();
"""

# The data of every Plotly chart on the page (JSON), to tell whether a chart changed.
CHARTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(gd => JSON.stringify(gd.data || null))"""

# Marks the first visible slider's hidden <input type=range> with data-lab-slider="1" and
# returns [min, max, value] (or null when the page shows no slider).
MARK_SLIDER_JS = """(index) => {
  document.querySelectorAll('[data-lab-slider]').forEach(e => e.removeAttribute('data-lab-slider'));
  const inputs = Array.from(document.querySelectorAll(
      '[data-testid="stSlider"] input[type="range"]'))
    .filter(e => e.closest('[data-testid="stSlider"]').offsetParent !== null);
  const el = inputs[index || 0];
  if (!el) return null;
  el.setAttribute('data-lab-slider', '1');
  return [Number(el.min), Number(el.max), Number(el.value)];
}"""
SLIDER = '[data-lab-slider="1"]'


def finished_count(page: Any) -> int:
    return int(page.evaluate("window.__lab ? window.__lab.finished.length : 0"))


def wait_rerun(page: Any, since: int, timeout: float = 60.0) -> None:
    """Wait until a run ended successfully after the ``since``-th script_finished message
    and the page says it is not running, then let the frontend paint."""
    page.wait_for_function(
        """(since) => {
          const f = window.__lab.finished;
          const app = document.querySelector('[data-testid="stApp"]');
          return f.length > since && f[f.length - 1][1] !== 2
            && app && app.getAttribute('data-test-script-state') !== 'running'
            && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
        }""", arg=since, timeout=timeout * 1000, polling=50)
    page.wait_for_timeout(150)


def wait_quiet(page: Any, quiet_ms: int = 700, timeout: float = 60.0) -> None:
    """Wait until every lazily loaded element has replaced its grey placeholder and the DOM
    has not changed for ``quiet_ms`` (Plotly has drawn)."""
    page.wait_for_function(
        """(ms) => performance.now() - window.__lab.lastMutation > ms
             && !document.querySelector(
               '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], '
               + '[data-testid="stAppSkeleton"], [data-stale="true"]')""",
        arg=quiet_ms, timeout=timeout * 1000, polling=100)


def open_page(page: Any, url: str, timeout: float = 90.0, chart: bool | None = None) -> None:
    """Open ``url`` and wait until the first run finished (and, when asked or when the page
    has one, its first Plotly chart has drawn)."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    wait_rerun(page, 0, timeout)
    wait_quiet(page, timeout=timeout)
    has_chart = page.locator('[data-testid="stPlotlyChart"]').count() > 0
    if chart or (chart is None and has_chart):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout * 1000)
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
            ".every(gd => gd._fullLayout && gd.data)", timeout=timeout * 1000)


def open_tab(page: Any, label: str, timeout: float = 60.0) -> None:
    """Click the tab named ``label``; lazy tabs (gates_lab.ui.lazy_tabs) rerun to build it."""
    since = finished_count(page)
    page.get_by_role("tab", name=label, exact=True).click()
    wait_rerun(page, since, timeout)
    wait_quiet(page, timeout=timeout)


def errors(page: Any) -> list[str]:
    """The text of every error box on the page (empty when there is none)."""
    return [t[:500] for t in page.locator(ERROR_SELECTOR).all_inner_texts()]


def move_slider(page: Any, presses: int = 1, index: int = 0, timeout: float = 60.0) -> bool:
    """Press an arrow key ``presses`` times on the ``index``-th visible slider, waiting for
    each rerun; returns False when the page shows no slider."""
    info = page.evaluate(MARK_SLIDER_JS, index)
    if info is None:
        return False
    lo, hi, value = info
    key = "ArrowRight" if value + presses <= hi or value <= lo else "ArrowLeft"
    for _ in range(presses):
        since = finished_count(page)
        page.evaluate(MARK_SLIDER_JS, index)
        page.locator(SLIDER).focus()
        page.keyboard.press(key)
        wait_rerun(page, since, timeout)
    return True


def change_radio(page: Any, timeout: float = 60.0) -> bool:
    """Pick another option of the first visible radio group in the main area (for pages
    without a slider); returns False when there is none."""
    group = page.locator('[data-testid="stMain"] [data-testid="stRadio"]:visible').first
    if page.locator('[data-testid="stMain"] [data-testid="stRadio"]:visible').count() == 0:
        return False
    option = group.locator('label:has(input[type="radio"]:not(:checked))').first
    since = finished_count(page)
    option.click()
    wait_rerun(page, since, timeout)
    return True


def screenshot_path(name: str) -> Path:
    """Where a test saves a screenshot: artifacts/screenshots/ (gitignored), so a test run
    leaves the clone as it was; with UPDATE_SCREENSHOTS=1, docs/screenshots/ (README's
    pictures, tracked: commit them)."""
    folder = ("docs" if os.environ.get("UPDATE_SCREENSHOTS") == "1" else "artifacts")
    return ROOT / folder / "screenshots" / name


def full_screenshot(page: Any, path: Path) -> None:
    """The whole page (Streamlit scrolls inside its main area, not the document)."""
    height = page.evaluate(
        """() => Math.max(document.body.scrollHeight,
             ...Array.from(document.querySelectorAll(
               '[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main'))
               .map(e => e.scrollHeight))""")
    height = int(min(max(height, VIEWPORT["height"]), 12000))
    path.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    try:
        page.wait_for_timeout(400)  # plotly relayouts on resize
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(VIEWPORT)
