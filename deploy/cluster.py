"""N replicas of the lab behind HAProxy on loopback ports; stops all of them.

    .venv/bin/python deploy/cluster.py --replicas 3            # http://127.0.0.1:8501
    .venv/bin/python deploy/cluster.py --port 8080 --replica-port 9001
    .venv/bin/python deploy/cluster.py stop                    # by the pid files

Runs in the foreground: Ctrl-C (SIGINT) or SIGTERM stops HAProxy and every replica. The
HAProxy configuration is deploy/haproxy.cfg with the ports filled in and one ``server``
line per replica; it, the pid files and the logs go to ``--run-dir``
(default ``deploy/run/``). ``stop`` ends what pid files left behind by a run that was
killed. All replicas share one ``server.cookieSecret`` so the XSRF cookie one replica set
is still valid on another after a failover (uploads keep working). Needs ``haproxy``
(Debian: ``apt-get install haproxy``); uses only the standard library, so
tests/test_deploy.py drives the same code.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
HAPROXY = "haproxy"


def haproxy_path() -> str | None:
    return shutil.which(HAPROXY) or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.access(p, os.X_OK)),
        None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def render_config(port: int, replica_ports: list[int], template: str | None = None) -> str:
    """deploy/haproxy.cfg for these ports: its bind port replaced, its first ``server``
    line repeated once per replica (lab1, lab2, ...)."""
    text = template if template is not None else TEMPLATE.read_text()
    text, n = re.subn(r"(?m)^(\s*bind 127\.0\.0\.1:)\d+", rf"\g<1>{port}", text)
    server = re.compile(r"(?m)^(\s*)server lab\d+ 127\.0\.0\.1:\d+ cookie lab\d+\s*\n")
    found = server.findall(text)
    if n != 1 or not found:
        raise ValueError("deploy/haproxy.cfg: expected one 'bind 127.0.0.1:<port>' and "
                         "'server labN 127.0.0.1:<port> cookie labN' lines")
    indent = found[0]
    lines = "".join(f"{indent}server lab{i} 127.0.0.1:{p} cookie lab{i}\n"
                    for i, p in enumerate(replica_ports, 1))
    first = server.search(text)
    assert first is not None
    text = server.sub("", text)
    return text[:first.start()] + lines + text[first.start():]


class Cluster:
    """HAProxy on ``port`` in front of ``replicas`` lab processes (all on 127.0.0.1)."""

    def __init__(self, replicas: int = 2, port: int = 0, replica_port: int = 0,
                 run_dir: Path | None = None, root: Path = ROOT,
                 python: str = sys.executable) -> None:
        self.root = root
        self.python = python
        self.port = port or free_port()
        self.replica_ports = ([replica_port + i for i in range(replicas)] if replica_port
                              else [free_port() for _ in range(replicas)])
        self.run_dir = run_dir or root / "deploy" / "run"
        self.url = f"http://127.0.0.1:{self.port}"
        self.replicas: dict[str, subprocess.Popen[bytes]] = {}
        self.haproxy: subprocess.Popen[bytes] | None = None
        self.secret = secrets.token_hex(16)

    # -- starting ------------------------------------------------------------------------

    def config_path(self) -> Path:
        return self.run_dir / "haproxy.cfg"

    def start(self, timeout: float = 120.0) -> Cluster:
        exe = haproxy_path()
        if exe is None:
            raise RuntimeError("haproxy is not installed (apt-get install haproxy)")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.config_path().write_text(render_config(self.port, self.replica_ports))
        try:
            for i, p in enumerate(self.replica_ports, 1):
                self.start_replica(f"lab{i}", p)
            self.haproxy = self._spawn("haproxy", [exe, "-db", "-f", str(self.config_path())])
            for name in self.replicas:
                self.wait_replica(name, timeout)
            self.wait_balancer(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def start_replica(self, name: str, port: int) -> None:
        cmd = [self.python, "-m", "streamlit", "run", "app.py",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
        # Streamlit takes the cookie secret from the environment only (not from the CLI).
        self.replicas[name] = self._spawn(name, cmd, STREAMLIT_SERVER_COOKIE_SECRET=self.secret)

    def _spawn(self, name: str, cmd: list[str], **env_extra: str) -> subprocess.Popen[bytes]:
        log = open(self.run_dir / f"{name}.log", "wb")  # noqa: SIM115 - the child has it
        env = dict(os.environ, PYTHONUNBUFFERED="1", **env_extra)
        proc = subprocess.Popen(cmd, cwd=self.root, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env)
        log.close()
        (self.run_dir / f"{name}.pid").write_text(f"{proc.pid}\n")
        return proc

    def replica_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.replica_ports[int(name[3:]) - 1]}"

    def wait_replica(self, name: str, timeout: float) -> None:
        self._wait_ok(f"{self.replica_url(name)}/_stcore/health", timeout, self.replicas[name],
                      name)

    def wait_balancer(self, timeout: float) -> None:
        """Until HAProxy answers and its health checks found every replica up."""
        assert self.haproxy is not None
        self._wait_ok(f"{self.url}/_stcore/health", timeout, self.haproxy, "haproxy")
        deadline = time.monotonic() + timeout
        seen: set[str] = set()
        while time.monotonic() < deadline and len(seen) < len(self.replicas):
            for _ in range(2 * len(self.replicas)):
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as r:
                    seen.add(r.headers.get("X-Lab-Replica", ""))
            time.sleep(0.3)
        if len(seen) < len(self.replicas):
            raise RuntimeError(f"HAProxy reached only {sorted(seen)}:\n{self.log('haproxy')}")

    def _wait_ok(self, url: str, timeout: float, proc: subprocess.Popen[bytes],
                 name: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n{self.log(name)}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{name} not healthy after {timeout:.0f} s:\n{self.log(name)}")

    def log(self, name: str) -> str:
        path = self.run_dir / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    # -- stopping ------------------------------------------------------------------------

    def pids(self) -> list[int]:
        procs = [*self.replicas.values(), *([self.haproxy] if self.haproxy else [])]
        return [p.pid for p in procs]

    def kill_replica(self, name: str) -> None:
        """A replica dies (SIGKILL: no goodbye to its websockets)."""
        proc = self.replicas[name]
        proc.kill()
        proc.wait(10)

    def stop(self) -> None:
        """SIGTERM to HAProxy and every replica, SIGKILL after 10 s; removes the pid files."""
        procs = {**self.replicas, **({"haproxy": self.haproxy} if self.haproxy else {})}
        for proc in procs.values():
            if proc.poll() is None:
                proc.terminate()
        for name, proc in procs.items():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
            (self.run_dir / f"{name}.pid").unlink(missing_ok=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def stop_from_pid_files(run_dir: Path) -> int:
    """Ends the processes a killed run left behind; returns how many were running."""
    stopped = 0
    for pid_file in sorted(run_dir.glob("*.pid")):
        try:
            pid = int(pid_file.read_text().split()[0])
            os.kill(pid, signal.SIGTERM)
            stopped += 1
        except (ValueError, IndexError, ProcessLookupError, PermissionError):
            pass
        pid_file.unlink(missing_ok=True)
    return stopped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "stop"])
    parser.add_argument("--replicas", type=int, default=2, help="2 or 3 (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="the address the class opens")
    parser.add_argument("--replica-port", type=int, default=8511,
                        help="first replica's port; the others follow")
    parser.add_argument("--run-dir", type=Path, default=ROOT / "deploy" / "run")
    args = parser.parse_args()
    if args.command == "stop":
        print(f"stopped {stop_from_pid_files(args.run_dir)} process(es)")
        return
    if not 1 <= args.replicas <= 8:
        sys.exit("--replicas: expected 1 to 8")
    stop_from_pid_files(args.run_dir)  # a previous run that was killed
    cluster = Cluster(args.replicas, args.port, args.replica_port, args.run_dir)

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        cluster.start()
        print(f"gates lab on {cluster.url}  ({args.replicas} replicas on ports "
              f"{', '.join(map(str, cluster.replica_ports))}; logs and pid files in "
              f"{args.run_dir}); Ctrl-C stops everything", flush=True)
        reported: set[str] = set()
        while cluster.haproxy is not None and cluster.haproxy.poll() is None:
            for name, proc in cluster.replicas.items():
                if proc.poll() is not None and name not in reported:
                    reported.add(name)  # HAProxy's health check takes it out of the rotation
                    print(f"{name} exited with {proc.returncode}; see {args.run_dir}/{name}.log",
                          file=sys.stderr, flush=True)
            time.sleep(1.0)
        print("haproxy exited; stopping the replicas", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        print("stopped", flush=True)


if __name__ == "__main__":
    main()
