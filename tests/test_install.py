"""The install: torch's CPU build on Linux, through PyTorch's CPU wheel index as pip's
extra index, in both README commands, CI and the Dockerfile (README: why)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.version import Version

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


def _documented_torch_command() -> list[str]:
    """The README's package route with torch, as a reader copies it (comment dropped)."""
    lines = [line.split("#")[0].strip() for line in _text("README.md").splitlines()]
    (command,) = [line for line in lines if line.startswith("pip install") and "[torch]" in line]
    return shlex.split(command)


def test_documented_package_route_names_the_cpu_index_and_the_pins() -> None:
    args = _documented_torch_command()
    assert args[:2] == ["pip", "install"] and ".[torch]" in args
    assert args[args.index("--extra-index-url") + 1] == CPU_INDEX
    assert args[args.index("-c") + 1] == "requirements.txt"


@pytest.mark.timeout(900)
def test_documented_package_route_resolves_no_cuda_package(tmp_path: Path) -> None:
    """pip resolves the README's command (--dry-run --report) for a fresh environment
    (--ignore-installed), from a copy of the clone (metadata builds write into the tree).
    Offline from PyTorch's index (as in CI), pip warns and uses its other indexes:
    --retries 0 keeps that short; --no-build-isolation uses this venv's setuptools.
    Neither changes what is resolved."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "tests", "docs",
        "benchmarks", "notebooks", "artifacts", ".ci", "*.pyc"))
    report = tmp_path / "report.json"
    args = _documented_torch_command()[2:]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", *args, "--dry-run", "--ignore-installed",
         "--report", str(report), "--quiet", "--retries", "0", "--timeout", "20",
         "--no-build-isolation"],
        cwd=src, capture_output=True, text=True, timeout=840)
    assert done.returncode == 0, done.stderr[-3000:]
    resolved = {item["metadata"]["name"].lower(): item["metadata"]["version"]
                for item in json.loads(report.read_text())["install"]}
    assert "gates-lab" in resolved and "streamlit" in resolved, sorted(resolved)
    cuda = sorted(n for n in resolved if n.startswith(("nvidia-", "triton", "cuda-")))
    assert not cuda, f"the documented command brings CUDA packages: {cuda}"
    assert Version(resolved["torch"]).public == "2.13.0", resolved["torch"]
    if sys.platform == "linux":
        assert Version(resolved["torch"]).local == "cpu", resolved["torch"]
