"""A test run leaves the clone as it was (tests/support/gitstate.py, tests/conftest.py).

The check is itself checked: in a scratch git repository, against real ``git status``,
and end to end, by running pytest with this project's conftest on a scratch clone whose
test writes to a tracked file (the run must fail) or only under artifacts/ (it must pass).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import gitstate
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=lab", "-c", "user.email=lab@example.org",
                    "-c", "commit.gpgsign=false", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A clone-like repository: tracked files, an ignored artifacts/, and a .venv symlink
    excluded by .git/info/exclude (as in a worktree) beside a real ignored .venv/ dir."""
    repo = tmp_path / "repo"
    (repo / "docs" / "screenshots").mkdir(parents=True)
    (repo / "data.txt").write_text("one\n")
    (repo / "docs" / "screenshots" / "home.png").write_bytes(b"png")
    (repo / ".gitignore").write_text("artifacts/\n.venv/\n__pycache__/\n.hypothesis/\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    (repo / ".git" / "info" / "exclude").write_text(".venv\n")
    (repo / ".venv").symlink_to(sys.prefix)
    return repo


def test_a_changed_tracked_file_counts(repo: Path) -> None:
    before = gitstate.snapshot(repo)
    assert before == {}
    (repo / "data.txt").write_text("two\n")
    assert gitstate.changes(before, gitstate.snapshot(repo)) == ["data.txt: clean -> ' M'"]


def test_a_file_already_changed_before_the_run_counts_when_it_changes_again(
        repo: Path) -> None:
    (repo / "data.txt").write_text("mine, not committed\n")
    before = gitstate.snapshot(repo)
    assert gitstate.changes(before, gitstate.snapshot(repo)) == []  # unchanged: fine
    (repo / "data.txt").write_text("a test wrote this\n")
    assert gitstate.changes(before, gitstate.snapshot(repo)) == ["data.txt: ' M' -> ' M'"]
    (repo / "data.txt").write_text("one\n")  # and one that reverts the user's own work
    assert gitstate.changes(before, gitstate.snapshot(repo)) == ["data.txt: ' M' -> clean"]


def test_new_and_deleted_files_count_ignored_ones_do_not(repo: Path) -> None:
    before = gitstate.snapshot(repo)
    (repo / "artifacts" / "screenshots").mkdir(parents=True)
    (repo / "artifacts" / "screenshots" / "home.png").write_bytes(b"new")
    (repo / ".hypothesis").mkdir()
    assert gitstate.changes(before, gitstate.snapshot(repo)) == []
    (repo / "new" / "deep").mkdir(parents=True)
    (repo / "new" / "deep" / "file.txt").write_text("x")
    (repo / "docs" / "screenshots" / "home.png").unlink()
    assert gitstate.changes(before, gitstate.snapshot(repo)) == [
        "docs/screenshots/home.png: clean -> ' D'", "new/deep/file.txt: clean -> '??'"]
    # only what UPDATE_SCREENSHOTS=1 asks for may change
    assert gitstate.changes(before, gitstate.snapshot(repo), ("docs/screenshots/",)) == [
        "new/deep/file.txt: clean -> '??'"]


def test_not_a_clone_is_no_snapshot(tmp_path: Path) -> None:
    assert gitstate.snapshot(tmp_path) is None


WRITES_TRACKED = '''
from pathlib import Path
def test_writes():
    Path(__file__).resolve().parents[1].joinpath("data.txt").write_text("changed\\n")
'''
WRITES_ARTIFACTS = '''
from pathlib import Path
def test_writes():
    out = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    (out / "home.png").write_bytes(b"png")
'''
WRITES_SCREENSHOT = '''
from pathlib import Path
def test_writes():
    Path(__file__).resolve().parents[1].joinpath("docs/screenshots/home.png").write_bytes(b"x")
'''


def run_suite(repo: Path, test: str, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    """pytest with this project's conftest and gitstate on a scratch clone holding ``test``."""
    (repo / "tests" / "support").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", repo / "tests" / "conftest.py")
    shutil.copy(ROOT / "tests" / "support" / "gitstate.py", repo / "tests" / "support")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "tests")
    (repo / "tests" / "test_scratch.py").write_text(test)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the test")
    clean = {k: v for k, v in os.environ.items() if k != "UPDATE_SCREENSHOTS"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests"], cwd=repo, env={**clean, **(env or {})},
                          capture_output=True, text=True, timeout=120)


def test_a_run_that_writes_a_tracked_file_fails(repo: Path) -> None:
    done = run_suite(repo, WRITES_TRACKED)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed" in done.stdout  # the test itself passed: the check failed the run
    assert "git status changed" in done.stdout and "data.txt: clean -> ' M'" in done.stdout


def test_a_run_that_writes_under_artifacts_passes(repo: Path) -> None:
    done = run_suite(repo, WRITES_ARTIFACTS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_screenshots_change_only_when_asked(repo: Path) -> None:
    done = run_suite(repo, WRITES_SCREENSHOT)
    assert done.returncode == 1, done.stdout + done.stderr
    git(repo, "checkout", "--", "docs/screenshots/home.png")
    done = run_suite_again(repo, {"UPDATE_SCREENSHOTS": "1"})
    assert done.returncode == 0, done.stdout + done.stderr


def run_suite_again(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests"], cwd=repo, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120)


def test_screenshots_go_to_artifacts_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    import livelab

    monkeypatch.delenv("UPDATE_SCREENSHOTS", raising=False)
    assert livelab.screenshot_path("gru.png") == ROOT / "artifacts" / "screenshots" / "gru.png"
    monkeypatch.setenv("UPDATE_SCREENSHOTS", "1")
    assert livelab.screenshot_path("gru.png") == ROOT / "docs" / "screenshots" / "gru.png"
