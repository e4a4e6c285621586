"""The app starts light: app.py, the home page and the cell pages never import torch.

torch adds ~300 MB of resident memory per server process; only the pages that train or
bridge to torch models may load it, and only when they need it. Run in a fresh
interpreter, as `streamlit run` would be, so other tests' imports cannot hide a leak.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys
from streamlit.testing.v1 import AppTest
import psutil
out = {"rss_start_mb": psutil.Process().memory_info().rss / 2**20, "runs": []}
for path in ("app.py", "pages/home.py", "pages/gru.py", "pages/lstm.py", "pages/rnn.py"):
    at = AppTest.from_file(path, default_timeout=180)
    at.run()
    out["runs"].append({"path": path, "exceptions": [e.value for e in at.exception],
                        "torch": "torch" in sys.modules})
out["rss_end_mb"] = psutil.Process().memory_info().rss / 2**20
print("RESULT" + json.dumps(out))
"""


def test_app_and_cell_pages_do_not_import_torch():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    result = json.loads(line[len("RESULT"):])
    for run in result["runs"]:
        assert not run["exceptions"], run
        assert not run["torch"], f"{run['path']} imported torch"
    print(f"resident memory: {result['rss_start_mb']:.0f} MB at start, "
          f"{result['rss_end_mb']:.0f} MB after app.py, home, gru, lstm and rnn")
