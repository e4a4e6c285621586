"""Count the branches on a cell kind's name outside the kinds' homes (issue 18).

A branch is a comparison (``==``, ``!=``, ``in``, ``not in``) with a literal kind name, a
literal kind name as a dict key or a subscript, or a ``match`` case on one. The homes,
where a kind's facts are written once, are not counted: ``gates/kinds.py`` (the engine's
registry) and ``gates_lab/kind_view.py`` (the lab's presentation table).

    python scripts/kind_branches.py        # the count, then one line per branch
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = frozenset({"rnn", "gru", "lstm", "mgu"})
HOMES = frozenset({"gates/kinds.py", "gates_lab/kind_view.py"})
SOURCES = ("gates", "gates_lab", "pages", "app.py")


def _is_name(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_is_name(e) for e in node.elts)
    return False


def branches(path: Path) -> list[int]:
    """Line numbers of the branches on a kind's name in one file."""
    lines: list[int] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Compare) and (
                _is_name(node.left) or any(_is_name(c) for c in node.comparators)):
            lines.append(node.lineno)
        elif isinstance(node, ast.Dict):
            lines += [k.lineno for k in node.keys if k is not None and _is_name(k)]
        elif isinstance(node, ast.Subscript) and _is_name(node.slice):
            lines.append(node.lineno)
        elif isinstance(node, ast.MatchValue) and _is_name(node.value):
            lines.append(node.lineno)
    return sorted(lines)


def files() -> list[Path]:
    out: list[Path] = []
    for src in SOURCES:
        p = ROOT / src
        out += [p] if p.is_file() else sorted(p.rglob("*.py"))
    return [p for p in out if p.relative_to(ROOT).as_posix() not in HOMES]


def count() -> dict[str, list[int]]:
    """File (relative path) -> its branches' line numbers, for the files that have any."""
    found = {p.relative_to(ROOT).as_posix(): branches(p) for p in files()}
    return {k: v for k, v in found.items() if v}


def main() -> int:
    found = count()
    total = sum(len(v) for v in found.values())
    print(f"{total} branches on a kind's name in {len(found)} files "
          f"(outside {', '.join(sorted(HOMES))})")
    for name, lines in found.items():
        print(f"  {name}: {len(lines)} (lines {', '.join(map(str, lines))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
