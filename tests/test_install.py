"""The install: torch's CPU build on Linux, through PyTorch's CPU wheel index as pip's
extra index, in both README commands, CI and the Dockerfile (README: why)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _text(path: str) -> str:
    return (ROOT / path).read_text()


def test_requirements_pin_torch() -> None:
    assert re.search(r"^torch==2\.13\.0$", _text("requirements.txt"), re.M)
    assert "-r requirements.txt" in _text("requirements-dev.txt")


def test_scripts_ci_and_dockerfile_name_the_cpu_wheel_index_as_an_extra_index() -> None:
    venv = _text("scripts/venv.sh")
    assert f'TORCH_CPU_INDEX="{CPU_INDEX}"' in venv
    assert '--extra-index-url "$TORCH_CPU_INDEX"' in venv
    assert "--index-url" not in venv.replace("--extra-index-url", "")  # never replace PyPI
    for script, requirements in (("scripts/start.sh", "requirements.txt"),
                                 ("scripts/test.sh", "requirements-dev.txt")):
        text = _text(script)
        assert ". scripts/venv.sh" in text and f"venv_install {requirements}" in text, script
        assert "pip install" not in text, f"{script} installs around venv_install"
    assert "bash scripts/test.sh" in _text(".ci/run")
    assert f"pip install --extra-index-url {CPU_INDEX} -r requirements.txt" in _text("Dockerfile")
    readme = _text("README.md")
    assert CPU_INDEX in readme and "CUDA build" in readme


def _run_venv_install(tmp_path: Path, uname: str, cuda: bool) -> tuple[list[str], str]:
    """scripts/venv.sh's venv_install against a stand-in pip that records its arguments."""
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "venv.sh").write_text(_text("scripts/venv.sh"))
    (tmp_path / "requirements.txt").write_text(_text("requirements.txt"))
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    log = tmp_path / "pip.log"
    (bin_dir / "pip").write_text(f'#!/bin/sh\necho "$*" >> {log}\n')
    # "python -c <is torch a CUDA build?>": exit 0 means yes (the script then warns)
    (bin_dir / "python").write_text(f"#!/bin/sh\nexit {0 if cuda else 1}\n")
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "uname").write_text(f"#!/bin/sh\necho {uname}\n")
    for f in (bin_dir / "pip", bin_dir / "python", stub / "uname"):
        f.chmod(0o755)
    env = {**os.environ, "PATH": f"{stub}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", ". scripts/venv.sh && venv_install requirements.txt"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    return log.read_text().splitlines(), done.stderr


def test_venv_install_takes_torch_from_the_cpu_index_first_on_linux(tmp_path: Path) -> None:
    calls, stderr = _run_venv_install(tmp_path, "Linux", cuda=False)
    assert calls == [f"install -q --retries 2 --timeout 20 --extra-index-url {CPU_INDEX} "
                     "torch==2.13.0",
                     "install -q -r requirements.txt"]
    assert stderr == ""


def test_venv_install_warns_when_it_got_the_cuda_build(tmp_path: Path) -> None:
    _, stderr = _run_venv_install(tmp_path, "Linux", cuda=True)
    assert "CUDA build of torch" in stderr


def test_venv_install_on_macos_uses_pypi_alone(tmp_path: Path) -> None:
    calls, _ = _run_venv_install(tmp_path, "Darwin", cuda=False)
    assert calls == ["install -q -r requirements.txt"]
