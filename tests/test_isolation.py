"""Two sessions at once keep their own settings: nothing leaks through module-level state.

Both in one Python process with AppTest (the lab modules are shared there exactly as in
the server, so a module-level cache of "the current settings" would leak), and in the
real server with two browser tabs (two Streamlit sessions) changing sliders concurrently.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import livelab
import pytest
from streamlit.testing.v1 import AppTest

from gates_lab.i18n import t
from gates_lab.ui import tab_key

ROOT = Path(__file__).resolve().parents[1]
HIDDEN = t("cell.hidden_size", "en")
LENGTH = t("cell.length", "en")
INPUT_TAB = t("cell.tab.input", "en")


def _slider(at: AppTest, label: str):
    found = [s for s in at.slider if s.label == label]
    assert found, [s.label for s in at.slider]
    return found[0]


def _hidden(at: AppTest) -> int:
    return int(at.session_state["gru.settings"].cell.hidden_size)


def test_two_apptest_sessions_keep_their_own_settings():
    a = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=120)
    b = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=120)
    a.run()
    b.run()
    _slider(a, HIDDEN).set_value(1)
    _slider(b, HIDDEN).set_value(3)
    a.run()
    b.run()
    for at in (a, b):  # the length slider is on the (lazy) input tab
        at.session_state[tab_key("gru", "controls")] = INPUT_TAB
        at.run()
    _slider(b, LENGTH).set_value(15)
    b.run()  # b moves on: a must not notice
    a.run()
    for at in (a, b):
        assert not at.exception, [e.value for e in at.exception]
    assert _hidden(a) == 1 and _hidden(b) == 3
    assert _slider(a, LENGTH).value != 15
    assert b.session_state["gru.settings"].input.length == 15
    assert a.query_params.get("H") == ["1"] or a.query_params.get("H") == "1"
    assert b.query_params.get("H") == ["3"] or b.query_params.get("H") == "3"


def _press(tab, label: str, key: str) -> None:
    """Arrow key on a visible slider (one on a hidden tab cannot take the focus)."""
    tab.locator(f'[data-testid="stSlider"] input[type="range"][aria-label="{label}"]').focus()
    tab.keyboard.press(key)


def _value(tab, label: str) -> str:
    return tab.locator(
        f'[data-testid="stSlider"] input[type="range"][aria-label="{label}"]').input_value()


@pytest.mark.timeout(300)
def test_two_browser_sessions_keep_their_own_settings(live_server, browser_context):
    a, b = browser_context.new_page(), browser_context.new_page()
    try:
        for tab in (a, b):
            livelab.open_page(tab, f"{live_server.url}/gru")
        # Hidden size starts at 2: one session goes down to 1, the other up to 3, at once.
        since = {id(tab): livelab.finished_count(tab) for tab in (a, b)}
        _press(a, HIDDEN, "ArrowLeft")
        _press(b, HIDDEN, "ArrowRight")
        for tab in (a, b):
            livelab.wait_rerun(tab, since[id(tab)])
        assert (_value(a, HIDDEN), _value(b, HIDDEN)) == ("1", "3"), (a.url, b.url)
        # Another rerun of each (the sequence length, on the input tab), concurrently again.
        for tab in (a, b):
            livelab.open_tab(tab, INPUT_TAB)
        since = {id(tab): livelab.finished_count(tab) for tab in (a, b)}
        _press(a, LENGTH, "ArrowRight")
        _press(b, LENGTH, "ArrowLeft")
        for tab in (a, b):
            livelab.wait_rerun(tab, since[id(tab)])
            livelab.wait_quiet(tab)
            assert not livelab.errors(tab), livelab.errors(tab)
        assert parse_qs(urlparse(a.url).query).get("H") == ["1"], a.url
        assert parse_qs(urlparse(b.url).query).get("H") == ["3"], b.url
        assert int(_value(a, LENGTH)) == int(_value(b, LENGTH)) + 2
    finally:
        a.close()
        b.close()
