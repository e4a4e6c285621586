"""`import gates` needs NumPy only, `import gates_lab.classroom` no app packages; gates never
imports gates_lab."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_gates_does_not_import_torch():
    code = (
        "import gates, sys; "
        "bad = [m for m in ('torch', 'streamlit', 'plotly') if m in sys.modules]; "
        "assert not bad, bad; "
        "net = gates.GRU(2, 3, seed=0); net([[0.0, 1.0]]); "
        "assert 'torch' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_public_names():
    import gates

    for name in ("RNN", "GRU", "LSTM", "MGU", "Trace", "backward", "Gradients", "sweep",
                 "sweep_param"):
        assert hasattr(gates, name), name


def _loaded_after(code: str) -> list[str]:
    """Top-level packages in sys.modules after ``code`` runs in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code + "; import sys; print(' '.join(sorted(sys.modules)))"],
        cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def _submodules(package: str) -> str:
    folder = ROOT.joinpath(*package.split("."))  # gates_lab.classroom: gates_lab/classroom
    return "; ".join(f"import {package}.{p.stem}" for p in sorted(folder.glob("*.py"))
                     if p.stem != "__init__")


def test_engine_and_classroom_layers():
    """gates (every module) loads no torch, streamlit, plotly or gates_lab; gates_lab.classroom
    (every module) loads no streamlit, plotly or other gates_lab module (gates_lab/__init__.py
    imports nothing), and torch only inside training."""
    loaded = _loaded_after(f"import gates; {_submodules('gates')}")
    bad = {"torch", "streamlit", "plotly", "gates_lab"} & {m.split(".")[0] for m in loaded}
    assert not bad, bad
    loaded = _loaded_after(f"import gates_lab.classroom; {_submodules('gates_lab.classroom')}")
    bad = {"torch", "streamlit", "plotly"} & {m.split(".")[0] for m in loaded}
    assert not bad, bad
    app = [m for m in loaded
           if m.startswith("gates_lab.") and not m.startswith("gates_lab.classroom")]
    assert not app, app


def test_gates_never_imports_classroom_or_lab():
    """Also not lazily inside a function or under TYPE_CHECKING: the engine is the bottom layer."""
    import ast

    for path in sorted((ROOT / "gates").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "gates_lab" for n in names), path.name
