"""`import gates` needs NumPy only: torch (and the app's packages) stay unloaded."""

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

    for name in ("RNN", "GRU", "LSTM", "Trace", "backward", "Gradients", "sweep", "sweep_param"):
        assert hasattr(gates, name), name
