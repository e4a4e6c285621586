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


# -- the run leaves the clone as it was (tests/support/gitstate.py) -----------------------

_git_key = pytest.StashKey[dict[str, str] | None]()


def pytest_sessionstart(session: pytest.Session) -> None:
    import gitstate

    session.stash[_git_key] = gitstate.snapshot(ROOT)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a test changed, added or removed a file git sees (README: tests
    write only under artifacts/ and temporary folders). UPDATE_SCREENSHOTS=1 is asked to
    rewrite docs/screenshots/."""
    import gitstate

    before = session.stash.get(_git_key, None)
    after = gitstate.snapshot(ROOT)
    if before is None or after is None:
        return  # not a git clone
    allowed = ("docs/screenshots/",) if os.environ.get("UPDATE_SCREENSHOTS") == "1" else ()
    changed = gitstate.changes(before, after, allowed)
    if not changed:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    text = ("the test run changed files git sees (tests write only under artifacts/ or "
            "temporary folders):\n  " + "\n  ".join(changed))
    if reporter is not None:
        reporter.write_sep("=", "git status changed", red=True)
        reporter.write_line(text)
    else:
        print(text, file=sys.stderr)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
