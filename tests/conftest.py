import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests" / "support"))  # livelab, stclient (browser, protocol)


# -- browser tests (tests/test_browser.py, tests/test_isolation.py) -----------------------


def require_browser() -> None:
    """Skip when chromium or playwright is missing; fail instead under LAB_REQUIRE_BROWSER=1
    (scripts/test.sh and CI set it, so a CI machine without a browser cannot pass)."""
    import livelab

    why = livelab.browser_missing()
    if why is None:
        return
    if os.environ.get("LAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser test required (LAB_REQUIRE_BROWSER=1) but {why}", pytrace=False)
    pytest.skip(why)


def require_haproxy() -> None:
    """Skip when Debian's haproxy is missing; fail instead under LAB_REQUIRE_BROWSER=1
    (scripts/test.sh installs it, as it installs chromium)."""
    sys.path.insert(0, str(ROOT / "deploy"))
    import cluster

    if cluster.haproxy_path() is not None:
        return
    why = "haproxy is not installed (apt-get install haproxy)"
    if os.environ.get("LAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"haproxy required (LAB_REQUIRE_BROWSER=1) but {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def live_server():
    """One `streamlit run app.py` on a free loopback port for the whole test session."""
    require_browser()
    import livelab

    server = livelab.LiveServer()
    try:
        server.wait_ready(timeout=90)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def playwright_instance():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser_context(playwright_instance):
    """Debian's chromium on a fresh profile (a persistent context: one browser, one profile)."""
    import livelab

    with livelab.launch_browser(playwright_instance) as context:
        yield context
