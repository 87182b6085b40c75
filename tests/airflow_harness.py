"""Helpers for the Airflow tests: a private AIRFLOW_HOME per test, and a real Airflow deployment
(api-server, scheduler, dag-processor, triggerer) on 127.0.0.1, stopped by PID whatever happens.

Nothing here touches ~/airflow: every command gets an explicit environment whose AIRFLOW_HOME is a tmp dir.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
BIN = Path(sys.executable).parent
AIRFLOW = str(BIN / "airflow")
PROBE = Path(__file__).with_name("airflow_probe.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def airflow_env(home: Path, *, port: int | None = None, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every Airflow command of one test: its own home, SQLite, LocalExecutor, no examples."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSDESK_"))}
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__CORE__FERNET_KEY": Fernet.generate_key().decode(),
        "NO_PROXY": "*",  # loopback only; never route through a proxy from the environment
    })
    if port is not None:
        base = f"http://127.0.0.1:{port}"
        env.update({
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__BASE_URL": base,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
        })
    env.update(extra or {})
    return env


def migrate(home: Path) -> None:
    """``airflow db migrate`` into ``home`` (a fresh SQLite metadata database)."""
    home.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([AIRFLOW, "db", "migrate"], env=airflow_env(home), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def clone_home(template: Path, home: Path) -> Path:
    """A new AIRFLOW_HOME with a copy of an already-migrated metadata database (migrating costs seconds)."""
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy2(template / "airflow.db", home / "airflow.db")
    return home


def probe(home: Path, *args: str, env_extra: Mapping[str, str] | None = None, timeout: float = 300) -> dict:
    """Run tests/airflow_probe.py in a fresh interpreter with ``home`` as AIRFLOW_HOME; its JSON result."""
    result = subprocess.run(
        [sys.executable, str(PROBE), *args], env=airflow_env(home, extra=env_extra), capture_output=True, text=True,
        timeout=timeout, cwd=home,
    )
    assert result.returncode == 0, f"probe failed ({result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-6000:]}"
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"probe printed no result:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    out = json.loads(lines[-1])
    out["_log"] = result.stdout[-20000:] + result.stderr[-20000:]
    return out


# ------------------------------------------------------------------------------------- a real deployment


@dataclass
class Deployment:
    """The processes of a running Airflow, started by :func:`deployment`; ``api`` talks to its REST API."""

    home: Path
    env: dict[str, str]
    base_url: str
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    token: str | None = None

    @property
    def api(self) -> httpx.Client:
        if self.token is None:  # simple auth manager with all_admins: a token for the asking
            self.token = httpx.get(f"{self.base_url}/auth/token", timeout=10).json()["access_token"]
        return httpx.Client(base_url=f"{self.base_url}/api/v2", headers={"Authorization": f"Bearer {self.token}"},
                            timeout=30)

    def logs(self, tail: int = 4000) -> str:
        parts = []
        for name in self.processes:
            path = self.home / f"{name}.log"
            if path.exists():
                parts.append(f"===== {name} =====\n{path.read_text(errors='replace')[-tail:]}")
        return "\n".join(parts)

    def check_alive(self) -> None:
        for name, proc in self.processes.items():
            if proc.poll() is not None:
                raise AssertionError(f"airflow {name} exited with {proc.returncode}\n{self.logs()}")

    def start(self, name: str, *args: str) -> None:
        log = open(self.home / f"{name}.log", "ab")
        # own session: the process and the workers it forks form one group, stopped together by its PID
        self.processes[name] = subprocess.Popen(
            [AIRFLOW, *args], env=self.env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=self.home, start_new_session=True,
        )
        log.close()

    def stop(self, grace: float = 20.0) -> None:
        """Stop every process this deployment started, by PID (its process group), newest first."""
        for proc in reversed(list(self.processes.values())):
            if proc.poll() is None:
                _signal_group(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in self.processes.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for proc in self.processes.values():
            _signal_group(proc.pid, signal.SIGKILL)  # stragglers: forked task runners of the group
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def wait_for(what: str, check, *, timeout: float, interval: float = 1.0, deployment: Deployment | None = None):
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if deployment is not None:
            deployment.check_alive()
        try:
            result = check()
            if result:
                return result
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            last_error = exc
        time.sleep(interval)
    logs = deployment.logs() if deployment is not None else ""
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what} (last error: {last_error!r})\n{logs}")


@contextmanager
def deployment(home: Path, extra_env: Mapping[str, str]) -> Iterator[Deployment]:
    """api-server first (waited on via /execution/health), then scheduler, dag-processor and triggerer."""
    port = free_port()
    env = airflow_env(home, port=port, extra=extra_env)
    d = Deployment(home=home, env=env, base_url=f"http://127.0.0.1:{port}")
    try:
        d.start("api-server", "api-server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1")
        wait_for("the api-server's /execution/health",
                 lambda: httpx.get(f"{d.base_url}/execution/health", timeout=5).status_code == 200,
                 timeout=180, deployment=d)
        d.start("scheduler", "scheduler", "--skip-serve-logs")
        d.start("dag-processor", "dag-processor")
        d.start("triggerer", "triggerer", "--skip-serve-logs")
        yield d
    finally:
        d.stop()
