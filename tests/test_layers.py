"""The lab's layers: codec, scenario and figure modules load no Streamlit, the codec names
no schema, and no module of gates, classroom, lab or pages imports one that imports it
back (also lazily inside a function or under TYPE_CHECKING)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gates", "gates_lab")

# The modules below the widgets: pure functions and data, usable from a notebook.
NO_STREAMLIT = ["gates_lab.codec", "gates_lab.scenario", "gates_lab.learned_models",
                "gates_lab.i18n", "gates_lab.details", "gates_lab.equations", "gates_lab.plots",
                "gates_lab.lesson_file", "gates_lab.launcher"] + sorted(
    f"gates_lab.figures.{p.stem}" for p in (ROOT / "gates_lab" / "figures").glob("*.py"))


def test_codec_scenario_and_figures_load_no_streamlit():
    code = "; ".join(f"import {m}" for m in NO_STREAMLIT)
    done = subprocess.run(
        [sys.executable, "-c", code + "; import sys; print(' '.join(sorted(sys.modules)))"],
        cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = {m.split(".")[0] for m in done.stdout.split()}
    assert not {"streamlit", "torch"} & loaded, {"streamlit", "torch"} & loaded


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str]) -> set[str]:
    """The project modules ``path`` imports anywhere in its text."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        out |= {n for n in names if n in known}
    return out


def _graph() -> dict[str, set[str]]:
    paths = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    known = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, known) - {_module_name(p)} for p in paths}


def test_the_codec_names_no_schema():
    assert not {m for m in _graph()["gates_lab.codec"] if m.startswith("gates_lab")}


def test_no_import_cycles():
    graph = _graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError(" -> ".join(path[path.index(module):] + [module]))
        if module in done:
            return
        for dep in sorted(graph.get(module, ())):
            # a package's __init__ importing its own modules is not a cycle back up
            if not module.startswith(dep + "."):
                visit(dep, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
