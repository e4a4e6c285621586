"""The notebooks in notebooks/ run top to bottom on a local kernel (nbclient + ipykernel),
with no error, and every plot cell leaves a Plotly figure in its output: they cannot rot.

The kernel imports the lab from this clone (PYTHONPATH), the way it would after
``pip install .``; it runs in a temporary directory and needs no network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"

pytestmark = pytest.mark.timeout(300)


def test_there_are_two_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["gru_latch.ipynb", "torch_lstm.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_shows_its_figures(path, tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("MPLBACKEND", "agg")
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), \
        f"{path.name} is stored with outputs; clear them"
    client = NotebookClient(nb, timeout=240, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    plot_cells = [c for c in nb.cells if c.cell_type == "code" and "lp." in c.source]
    assert plot_cells
    for cell in plot_cells:
        figures = [o["data"][PLOTLY] for o in cell.outputs
                   if o.get("output_type") in ("display_data", "execute_result")
                   and PLOTLY in o.get("data", {})]
        assert figures, f"{path.name}: no Plotly figure in the output of\n{cell.source}"
        spec = figures[0] if isinstance(figures[0], dict) else json.loads(figures[0])
        assert spec["data"], f"{path.name}: an empty figure from\n{cell.source}"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.get("output_type") == "error"]
    assert not errors
