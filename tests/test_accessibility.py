"""Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) finds no serious or critical
violation on any page, in English and in Chinese.

axe-core is the copy bundled in the pinned PyPI package axe-playwright-python
(requirements-dev.txt): it is injected into the page from disk, nothing is fetched. Pages
are opened by a real `streamlit run app.py` in Debian's chromium (tests/conftest.py).

Skipped without chromium/playwright unless LAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

from pathlib import Path

import livelab
import pytest

from gates_lab.navigation import PAGES

ROOT = Path(__file__).resolve().parents[1]
PAGE_NAMES = [name for name, _ in PAGES if (ROOT / "pages" / f"{name}.py").exists()]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BAD = ("serious", "critical")

pytestmark = pytest.mark.timeout(300)


def axe_script() -> str:
    """axe.min.js from the installed package (skip when it is missing, fail under CI)."""
    import os

    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        if os.environ.get("LAB_REQUIRE_BROWSER") == "1":
            pytest.fail("axe-playwright-python is not installed (requirements-dev.txt)")
        pytest.skip("axe-playwright-python is not installed (requirements-dev.txt)")
    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


def violations(tab) -> list[dict]:
    """Serious and critical violations of the WCAG 2.1 AA rules on the open page."""
    tab.evaluate(axe_script())
    result = tab.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", TAGS)
    return [v for v in result["violations"] if v.get("impact") in BAD]


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        for node in v["nodes"][:4]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_serious_axe_violations(live_server, page, name, lang):
    url = f"{live_server.url}/{name}?lang={lang}"
    livelab.open_page(page, url)
    found = violations(page)
    assert not found, f"{url}:\n{describe(found)}"


def test_the_check_finds_a_violation_when_there_is_one(live_server, page):
    """The check can fail: an image without alt text and an unlabelled button are found."""
    livelab.open_page(page, f"{live_server.url}/home")
    page.evaluate("""() => {
        const b = document.createElement('button');
        document.querySelector('[data-testid="stMain"]').appendChild(b); }""")
    ids = {v["id"] for v in violations(page)}
    assert "button-name" in ids, ids
