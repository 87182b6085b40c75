"""Helpers for the Airflow tests: a private AIRFLOW_HOME per test, and a real Airflow deployment
(api-server, scheduler, dag-processor, triggerer, Celery workers) on 127.0.0.1, stopped by PID whatever happens;
PostgreSQL and Redis from Debian's packages, started on loopback in a temp dir (tests/test_celery.py).

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


def migrate(home: Path, extra: Mapping[str, str] | None = None) -> None:
    """``airflow db migrate`` into ``home``'s metadata database (a fresh SQLite one unless ``extra`` names another)."""
    home.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([AIRFLOW, "db", "migrate"], env=airflow_env(home, extra=extra), capture_output=True,
                            text=True, timeout=600)
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

    def start(self, name: str, *args: str, env: Mapping[str, str] | None = None) -> None:
        """``airflow ARGS`` as ``name``, logging to ``<home>/<name>.log``; ``env``: added to this one's only."""
        log = open(self.home / f"{name}.log", "ab")
        # own session: the process and the workers it forks form one group, stopped together by its PID
        self.processes[name] = subprocess.Popen(
            [AIRFLOW, *args], env={**self.env, **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, cwd=self.home, start_new_session=True,
        )
        log.close()

    def start_worker(self, name: str, *, queues: str, concurrency: int) -> None:
        """A Celery worker named ``name``: its task instances show ``name`` as their hostname (the metadata
        database and the UI say which worker ran what). No log server: the workers share this machine's logs."""
        self.start(name, "celery", "worker", "--queues", queues, "--concurrency", str(concurrency),
                   "--celery-hostname", f"{name}@%h", "--skip-serve-logs", "--without-mingle", "--without-gossip",
                   env={WORKER_NAME: name, "AIRFLOW__CORE__HOSTNAME_CALLABLE": "airflow_harness.worker_hostname",
                        "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), self.env.get("PYTHONPATH")]))})

    def kill(self, name: str) -> None:
        """Kill ``name`` and everything it forked at once, as a machine that dies would (no warm shutdown):
        its whole session, since Airflow runs each task in a process group of its own."""
        proc = self.processes[name]
        _kill_session(proc.pid)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while session_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)

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
            _kill_session(proc.pid)  # stragglers: task processes, each in a process group of its own
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass


#: the environment variable that names a test's Celery worker (see :func:`worker_hostname`)
WORKER_NAME = "NEWSDESK_TEST_WORKER"
TESTS = Path(__file__).resolve().parent


def worker_hostname() -> str:
    """``[core] hostname_callable`` of the test workers: two workers on one machine, told apart by name."""
    return os.environ.get(WORKER_NAME) or socket.getfqdn()


def session_members(sid: int) -> list[int]:
    """The PIDs of the processes still alive in session ``sid`` (not zombies: those are dead, awaiting a wait)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _kill_session(sid: int) -> None:
    """SIGKILL every process of the session ``sid`` (a process started with ``start_new_session`` and all it
    forked, in whatever process group, even once re-parented): by PID, found in /proc."""
    _signal_group(sid, signal.SIGKILL)
    for pid in session_members(sid):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            continue


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
def deployment(home: Path, extra_env: Mapping[str, str], *, triggerer: bool = True) -> Iterator[Deployment]:
    """api-server first (waited on via /execution/health), then scheduler, dag-processor and triggerer. Start
    Celery workers with :meth:`Deployment.start_worker`; all are stopped on the way out."""
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
        if triggerer:
            d.start("triggerer", "triggerer", "--skip-serve-logs")
        yield d
    finally:
        d.stop()


# ------------------------------------------------------------------------ PostgreSQL and Redis, from Debian


def postgres_bindir() -> Path | None:
    """The newest PostgreSQL server of Debian's packages (/usr/lib/postgresql/<major>/bin)."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0) if found else None


def redis_server() -> str | None:
    return shutil.which("redis-server") or next((p for p in ("/usr/bin/redis-server",) if Path(p).is_file()), None)


def install_debian_services(*, update_timeout: float = 300, install_timeout: float = 600) -> str | None:
    """Install ``postgresql`` and ``redis-server`` from Debian's packages where missing. None when both are
    there; otherwise why they cannot be (the reason a test skips with)."""
    missing = [name for name, found in (("postgresql", postgres_bindir()), ("redis-server", redis_server()))
               if found is None]
    if not missing:
        return None
    wanted = " ".join(missing)
    if shutil.which("apt-get") is None:
        return f"{wanted} not installed, and there is no apt-get here to install it"
    if os.geteuid() != 0:
        return f"{wanted} not installed, and installing needs root: sudo apt-get install -y {wanted}"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command, limit in ((["apt-get", "update"], update_timeout),
                           (["apt-get", "install", "-y", "--no-install-recommends", *missing], install_timeout)):
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=limit,
                                    stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return f"`{' '.join(command)}` did not finish in {limit:.0f}s (no network to Debian's mirror?)"
        if result.returncode != 0:
            last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:] or ["no output"]
            return f"`{' '.join(command)}` failed with exit {result.returncode}: {last[0]}"
    if postgres_bindir() is None or redis_server() is None:
        return f"`apt-get install {wanted}` succeeded but its server binaries are not where Debian puts them"
    return None


@dataclass
class Service:
    """A server process of a test (its own session: stopped with everything it forked), logging to ``log``."""

    name: str
    process: subprocess.Popen
    log: Path
    url: str = ""
    stop_signal: signal.Signals = signal.SIGTERM

    def logs(self, tail: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-tail:] if self.log.exists() else ""

    def stop(self, grace: float = 20.0) -> None:
        if self.process.poll() is None:
            _signal_group(self.process.pid, self.stop_signal)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        _kill_session(self.process.pid)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


def _spawn(name: str, command: list[str], log: Path, **kwargs) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, **kwargs)


def start_postgres(workdir: Path, *, timeout: float = 120) -> Service:
    """A throw-away PostgreSQL cluster in ``workdir`` on 127.0.0.1 (trust auth, no fsync: a test's data), with
    a database ``airflow`` owned by the superuser ``airflow``. As root, it runs as the ``postgres`` user (the
    server refuses root), so ``workdir`` is handed to that user (its parents must let that user through)."""
    import psycopg2

    bindir = postgres_bindir()
    assert bindir is not None, "PostgreSQL is not installed (install_debian_services first)"
    user = "postgres" if os.geteuid() == 0 else None
    workdir.mkdir(parents=True, exist_ok=True)
    if user:
        shutil.chown(workdir, user=user)
    as_user = {"user": user, "cwd": workdir} if user else {"cwd": workdir}
    init = subprocess.run([str(bindir / "initdb"), "-D", str(workdir / "data"), "-U", "airflow", "--auth=trust",
                           "-E", "UTF8", "--no-locale", "--no-sync"], capture_output=True, text=True,
                          timeout=timeout, **as_user)
    assert init.returncode == 0, f"initdb failed:\n{init.stdout[-2000:]}\n{init.stderr[-2000:]}"
    port = free_port()
    settings = {"listen_addresses": "127.0.0.1", "unix_socket_directories": str(workdir), "fsync": "off",
                "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "300"}
    command = [str(bindir / "postgres"), "-D", str(workdir / "data"), "-p", str(port)]
    for key, value in settings.items():
        command += ["-c", f"{key}={value}"]
    # SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to disconnect
    service = Service("postgres", _spawn("postgres", command, workdir / "postgres.log", **as_user),
                      workdir / "postgres.log", stop_signal=signal.SIGINT)

    def ready():
        if service.process.poll() is not None:
            raise AssertionError(f"postgres exited with {service.process.returncode}:\n{service.logs()}")
        try:
            con = psycopg2.connect(host="127.0.0.1", port=port, user="airflow", dbname="postgres", connect_timeout=3)
        except psycopg2.OperationalError:
            return None
        return con

    try:
        con = wait_for("postgres to accept connections", ready, timeout=timeout, interval=0.5)
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("CREATE DATABASE airflow")
        con.close()
    except BaseException:
        service.stop()
        raise
    service.url = f"postgresql+psycopg2://airflow@127.0.0.1:{port}/airflow"
    return service


def start_redis(workdir: Path, *, timeout: float = 60) -> Service:
    """A Redis on 127.0.0.1 that keeps nothing on disk (the Celery broker of one test)."""
    binary = redis_server()
    assert binary is not None, "redis-server is not installed (install_debian_services first)"
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--daemonize", "no", "--dir", str(workdir), "--protected-mode", "yes"]
    service = Service("redis", _spawn("redis", command, workdir / "redis.log"), workdir / "redis.log")

    def ready() -> bool:
        if service.process.poll() is not None:
            raise AssertionError(f"redis-server exited with {service.process.returncode}:\n{service.logs()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    try:
        wait_for("redis to answer PING", ready, timeout=timeout, interval=0.3)
    except BaseException:
        service.stop()
        raise
    service.url = f"redis://127.0.0.1:{port}/0"
    return service
