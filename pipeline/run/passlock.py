"""One pass at a time per database: an exclusive lock file next to it, held for the whole pass.

DuckDB's own lock only covers the moments a pass writes, and a pass deliberately lets go of the database while
it fetches, so two passes started together would interleave: both would poll the same feeds and fetch the same
pages (the upserts keep the tables free of duplicates, but the sites would see every request twice). The
``flock`` here makes the second pass wait up to ``wait`` seconds and then stop with a clear message. The kernel
releases the lock when its process dies, however it dies (SIGKILL included), so a killed pass never leaves a
stale lock behind.

The lock and the claim sit beside the database file itself, its symbolic links resolved (:func:`database_file`),
so every name of one database shares one lock. The lock file is opened without following a symbolic link (``O_NOFOLLOW``) and must be a regular file with no
other name: the pass writes its pid into it, and a link planted at the lock path (by mistake, or by someone
sharing the directory) made that write truncate whatever file the link pointed to. Such a path is refused with
a message naming it, and nothing is written.

An Airflow DAG run cannot hold a ``flock``: its tasks are separate processes, and between them (polled, planned,
fetched and staged, not loaded yet) a CLI pass would fetch the very pages the run is about to load. So a run
*claims* the database instead (:func:`claim_for_run`): a small file beside the lock, written under the lock,
naming the run and when the claim lapses. Its tasks renew it, its loader releases it (:func:`release_claim`),
and a pass (:func:`pass_lock`) treats a live claim like a held lock. A claim lapses by itself (``ttl``), so a
run that died mid-way blocks passes for a while, not for ever.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..errors import NewsdeskError

log = logging.getLogger(__name__)


class PassInProgress(NewsdeskError):
    """Another pass holds this database's pass lock."""


class UnsafeLockFile(NewsdeskError):
    """The pass lock path is a symbolic link, or not a plain file of its own: refused, never written through."""


def lock_path(db_path: Path | str) -> Path:
    """The pass lock of ``db_path``: beside the file itself, whatever name it is reached by (:func:`database_file`)."""
    db_path = database_file(db_path)
    return db_path.with_name(db_path.name + ".pass.lock")


def claim_path(db_path: Path | str) -> Path:
    """The Airflow claim of ``db_path``: beside the file itself, as its lock is."""
    db_path = database_file(db_path)
    return db_path.with_name(db_path.name + ".pass.claim")


def database_file(db_path: Path | str) -> Path:
    """``db_path`` with every symbolic link on the way resolved: the one name of the file every command writes.

    The lock and the claim are keyed on it. Keyed on the path as given, a pass started through a link
    (``news.duckdb -> /data/news.duckdb``) and a ``prune-cache`` run on the real path each took a lock of their
    own and ran side by side, while ``compact`` rewrote the real file under the pass."""
    return Path(os.path.realpath(db_path))


@contextmanager
def pass_lock(db_path: Path | str, *, wait: float = 0.0,
              clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Iterator[None]:
    """Hold the pass lock of ``db_path``; raise :class:`PassInProgress` if it stays taken (by another pass, or
    claimed by an Airflow run) for ``wait`` seconds. ``clock`` tells whether a claim has lapsed (tests move it)."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _open_lock_file(path)
    try:
        deadline = time.monotonic() + max(0.0, wait)
        delay = 0.05
        while True:
            _lock(fd, deadline, lambda: f"another newsdesk pass is running on {db_path} ({_holder(fd)}); "
                                        "this one stops without touching it. Run it again when that pass has finished.")
            claim = _live_claim(db_path, clock())
            if claim is None:
                break
            fcntl.flock(fd, fcntl.LOCK_UN)  # an Airflow run is at work: wait for its claim like for a lock
            if time.monotonic() >= deadline:
                raise PassInProgress(
                    f"an Airflow run is working on {db_path} ({_describe(claim)}); this pass stops without touching "
                    f"it. Run it again when that run has loaded; if it is no longer running, remove "
                    f"{claim_path(db_path)}.")
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        holder = json.dumps({"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat()}).encode()
        os.pwrite(fd, holder, 0)
        os.ftruncate(fd, len(holder))  # only ever this file: _open_lock_file made sure it is our own
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def claim_for_run(db_path: Path | str, *, dag_id: str, run_id: str, ttl: float, wait: float = 10.0) -> None:
    """Claim ``db_path`` for the DAG run ``run_id`` of ``dag_id`` for ``ttl`` seconds from now, or renew its claim.

    Taken under the pass lock, so never while a pass runs: :class:`PassInProgress` if one holds the lock for
    ``wait`` seconds (the run's own tasks hold it only for this write), or if another DAG's run has a live
    claim. A later run of the same DAG takes over a claim left behind (``max_active_runs=1``: the earlier run
    is over)."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _open_lock_file(path)
    try:
        _lock(fd, time.monotonic() + wait, lambda: f"a newsdesk pass is running on {db_path} ({_holder(fd)}); "
                                                   f"this Airflow task does not fetch alongside it. It is retried.")
        try:
            now = datetime.now(UTC)
            claim = _live_claim(db_path, now)
            if claim is not None and claim.get("dag_id") != dag_id:
                raise PassInProgress(f"another Airflow DAG is working on {db_path} ({_describe(claim)}); this run "
                                     "does not fetch alongside it.")
            _write_claim(claim_path(db_path), {"dag_id": dag_id, "run_id": run_id, "pid": os.getpid(),
                                               "renewed_at": now.isoformat(),
                                               "expires_at": (now + timedelta(seconds=ttl)).isoformat()})
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def release_claim(db_path: Path | str, *, dag_id: str, run_id: str, wait: float = 10.0) -> None:
    """Drop the claim of this DAG run (its loader is done): passes may run again. Another run's claim stays."""
    if not claim_path(db_path).exists():
        return
    fd = _open_lock_file(lock_path(db_path))
    try:
        _lock(fd, time.monotonic() + wait, lambda: f"the pass lock of {db_path} stayed taken ({_holder(fd)})")
        try:
            claim = _read_claim(claim_path(db_path))
            if claim is not None and (claim.get("dag_id"), claim.get("run_id")) == (dag_id, run_id):
                claim_path(db_path).unlink()
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _lock(fd: int, deadline: float, busy: Callable[[], str]) -> None:
    """Take the exclusive flock, polling until ``deadline``; :class:`PassInProgress` with ``busy()`` after."""
    delay = 0.05
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            if time.monotonic() >= deadline:
                raise PassInProgress(busy()) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _live_claim(db_path: Path | str, now: datetime) -> dict | None:
    claim = _read_claim(claim_path(db_path))
    if claim is None:
        return None
    try:
        expires = datetime.fromisoformat(claim["expires_at"])
    except (KeyError, TypeError, ValueError):
        log.warning("ignoring the unreadable claim file %s", claim_path(db_path))
        return None
    return claim if expires > now else None


def _read_claim(path: Path) -> dict | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a link or something stranger planted at the claim path: not a claim of ours
        log.warning("ignoring the claim path %s (%s)", path, exc.strerror or exc)
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = json.loads(os.read(fd, 65536) or b"{}")
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def _write_claim(path: Path, claim: dict) -> None:
    """Whole or not at all: written beside it, then renamed over it (a rename replaces a link, never follows it)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        os.write(fd, json.dumps(claim).encode())
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _describe(claim: dict) -> str:
    return (f"DAG {claim.get('dag_id')}, run {claim.get('run_id')}, claimed until {claim.get('expires_at')} "
            "unless its loader finishes first")


def _open_lock_file(path: Path) -> int:
    """Open (or create) the lock file itself, never what a link at its path points to."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK  # NONBLOCK: a FIFO must not hang
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeLockFile(
                f"the pass lock {path} is a symbolic link; newsdesk does not write through links. Remove it "
                f"(`rm {path}`; its target is left alone) and run again.") from exc
        if exc.errno == errno.EISDIR:
            raise UnsafeLockFile(f"the pass lock {path} is a directory; remove it and run again.") from exc
        raise UnsafeLockFile(f"cannot open the pass lock {path}: {exc.strerror or exc}. Check that its directory "
                             "is writable.") from exc
    info = os.fstat(fd)
    problem = ("is not a regular file" if not stat.S_ISREG(info.st_mode)
               else f"has {info.st_nlink - 1} other name(s) (a hard link)" if info.st_nlink > 1 else None)
    if problem:
        os.close(fd)
        raise UnsafeLockFile(f"the pass lock {path} {problem}; newsdesk only writes a lock file of its own. "
                             f"Remove {path} and run again.")
    return fd


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {info.get('pid')}, started {info.get('started_at')}"
    except (OSError, ValueError, AttributeError):
        return "holder unknown"
