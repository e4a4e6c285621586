"""A test run leaves the clone as it was: the state of its files before and after.

``snapshot`` records what ``git status`` shows (tracked files changed, untracked files that
are not ignored) with a hash of each such file's content, so a change to a file that was
already modified before the run counts too. tests/conftest.py takes one at the start of the
session and one at its end, and fails the run when they differ. Ignored paths (artifacts/,
caches, .venv) never count: tests may write there.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

Snapshot = dict[str, str]


def snapshot(root: Path) -> Snapshot | None:
    """{path: status and content hash} of every file git reports as changed or new, or
    None when ``root`` is not a git work tree (a tarball) or git is missing."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain=v1", "-z", "--untracked-files=all",
             "--ignore-submodules=none"],
            cwd=root, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    state: Snapshot = {}
    entries = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if not entry:
            continue
        status, path = entry[:2], entry[3:]
        if status[0] in "RC":  # a rename's source follows as its own entry
            i += 1
        state[path] = f"{status} {_digest(root / path)}"
    return state


def _digest(path: Path) -> str:
    if path.is_symlink():
        return "link:" + str(path.readlink())
    if path.is_dir():  # an untracked directory reported whole (a nested repository)
        return "dir"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"


def changes(before: Snapshot, after: Snapshot, allowed: tuple[str, ...] = ()) -> list[str]:
    """Each path whose state differs, as "path: <git status before> -> <after>" ("clean"
    when git showed nothing); paths starting with one of ``allowed`` are skipped."""
    def status(state: str | None) -> str:
        return "clean" if state is None else repr(state[:2])

    return [f"{path}: {status(before.get(path))} -> {status(after.get(path))}"
            for path in sorted(before.keys() | after.keys())
            if not (allowed and path.startswith(allowed)) and before.get(path) != after.get(path)]
