"""The installable package: build the wheel, install it into a fresh virtual environment,
import from there (not from the clone) and start the app with the ``gates-lab`` command.

The fresh venv has no pip and installs no dependencies: a .pth file lends it this venv's
site-packages (numpy, plotly, streamlit, torch), so the test takes seconds and no network.
Only the wheel itself goes into the new venv's own site-packages, and every check runs
from a temporary working directory, so an import can only come from the wheel.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                              "tests", "docs", "benchmarks", "notebooks", "artifacts", ".ci",
                              "*.pyc")

pytestmark = pytest.mark.timeout(240)


def run(cmd: list[str], cwd: Path, timeout: float = 120) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the clone (setuptools writes build/ into the tree)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=SKIP)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(tmp / "dist"), str(src)], cwd=tmp)
    (found,) = (tmp / "dist").glob("gates_lab-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A new venv with only the wheel installed; this venv's packages lent by a .pth file."""
    env = tmp_path_factory.mktemp("venv") / "env"
    run([sys.executable, "-m", "venv", "--without-pip", str(env)], cwd=env.parent)
    python = env / "bin" / "python"
    own = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
              cwd=env.parent).strip()
    (Path(own) / "_shared_venv.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)], cwd=env.parent)
    return env


def test_wheel_holds_every_package_and_the_app_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())
                 ["tool"]["setuptools"]["packages"])
    # every package of the clone is listed in pyproject.toml (a new one is not forgotten)
    inits = [i for top in ("gates", "gates_lab") for i in (ROOT / top).rglob("__init__.py")]
    assert len(inits) >= 3
    for init in inits:
        rel = init.parent.relative_to(ROOT)
        assert ".".join(rel.parts) in listed, f"{rel} is missing from pyproject.toml"
        assert f"{rel.as_posix()}/__init__.py" in names
    for page in (ROOT / "pages").glob("*.py"):
        assert f"gates_lab_app/pages/{page.name}" in names
    assert "gates_lab_app/app.py" in names
    assert "gates_lab_app/.streamlit/config.toml" in names
    for model in (ROOT / "models").iterdir():
        if model.suffix == ".npz" or model.name == "accuracy.json":
            assert any(n.endswith(f"/models/{model.name}") for n in names), model.name
    assert not any(n.startswith(("tests/", "benchmarks/", "pages/")) for n in names)
    # unambiguous top-level names: no generic lab or classroom package in site-packages
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"gates", "gates_lab", "gates_lab_app"}, tops


CHECK = """
import sys
from pathlib import Path
venv = Path(sys.prefix).resolve()
import gates
assert not {"torch", "plotly", "streamlit"} & set(sys.modules), "import gates loaded more than numpy"
import gates_lab.classroom
from gates_lab.classroom import training
assert not {"torch", "plotly", "streamlit"} & set(sys.modules), "classroom: more than numpy"
import gates_lab, gates_lab.plots, gates_lab.lesson_file, gates_lab.launcher, gates_lab.pages.cell
for module in (gates, gates_lab.classroom, gates_lab, gates_lab.pages.cell):
    assert Path(module.__file__).resolve().is_relative_to(venv), module.__file__
assert Path(training.MODELS_DIR).resolve().is_relative_to(venv), training.MODELS_DIR
import importlib.util
assert importlib.util.find_spec("lab") is None and importlib.util.find_spec("classroom") is None
training.load_pretrained("adding", "gru")
app = gates_lab.launcher.app_dir()
assert app.is_relative_to(venv) and (app / "pages" / "gru.py").is_file(), app
fig = gates_lab.plots.gates_over_time(gates.GRU(1, 2, seed=0).trace([[0.5], [1.0]]))
assert type(fig).__name__ == "Figure"
print("ok", app)
"""


def test_installed_package_imports_from_the_venv(venv, tmp_path):
    out = run([str(venv / "bin" / "python"), "-c", CHECK], cwd=tmp_path)
    assert out.startswith("ok")


def test_installed_app_runs_its_home_page(venv, tmp_path):
    """The installed app.py under AppTest: navigation finds the installed pages."""
    script = ("import gates_lab.launcher\nfrom streamlit.testing.v1 import AppTest\n"
              "at = AppTest.from_file(str(gates_lab.launcher.app_dir() / 'app.py'),"
              " default_timeout=60)"
              "\nat.run()\nassert not at.exception, at.exception\n"
              "assert any('Gates lab' in m.value for m in at.title), [m.value for m in at.title]\n"
              "print('ok')\n")
    assert run([str(venv / "bin" / "python"), "-c", script], cwd=tmp_path).startswith("ok")


def test_gates_lab_command_serves_the_app(venv, tmp_path):
    import livelab

    port = livelab.free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [str(venv / "bin" / "gates-lab"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--server.fileWatcherType", "none"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        body = ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert body == "ok", (tmp_path / "server.log").read_text()[-3000:]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert r.status == 200 and b"<html" in r.read().lower()
        # one browser session over the websocket: the lab's config.toml reached the
        # server as flags (the cwd has none), and the installed pages run without an error
        config, home = run_session(port, "")
        assert config.new_session.config.toolbar_mode == 2  # "viewer"
        assert config.new_session.config.hide_sidebar_nav
        assert config.new_session.custom_theme.primary_color == "#C62828"
        assert "Gates lab" in home and "exception" not in home, home[:3000]
        _, learned = run_session(port, "learned")  # the shipped models, found in the wheel
        from gates_lab.i18n import t

        assert "exception" not in learned and "format: ERROR" not in learned, learned[:3000]
        missing = t("learn.no_model", "en", kind="GRU")
        assert "📦" not in learned and missing not in learned, learned[:3000]
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()


def run_session(port: int, page: str) -> tuple[object, str]:
    """Open a session on ``page`` as a browser would; (the new_session message, every
    delta of the run as text) once the script finished."""
    import websocket
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ws = websocket.create_connection(f"ws://127.0.0.1:{port}/_stcore/stream", timeout=60,
                                     subprotocols=["streamlit"])
    try:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = page
        ws.send_binary(msg.SerializeToString())
        first, deltas = None, []
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                first = fm
            elif kind == "delta":
                deltas.append(str(fm.delta))
            elif kind == "script_finished":
                return first, "\n".join(deltas)
    finally:
        ws.close()
