"""One pass at a time per database: an exclusive lock file next to it, held for the whole pass.

DuckDB's own lock only covers the moments a pass writes, and a pass deliberately lets go of the database while
it fetches, so two passes started together would interleave: both would poll the same feeds and fetch the same
pages (the upserts keep the tables free of duplicates, but the sites would see every request twice). The
``flock`` here makes the second pass wait up to ``wait`` seconds and then stop with a clear message. The kernel
releases the lock when its process dies, however it dies (SIGKILL included), so a killed pass never leaves a
stale lock behind.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .errors import NewsdeskError

log = logging.getLogger(__name__)


class PassInProgress(NewsdeskError):
    """Another pass holds this database's pass lock."""


def lock_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".pass.lock")


@contextmanager
def pass_lock(db_path: Path | str, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the pass lock of ``db_path``; raise :class:`PassInProgress` if it stays taken for ``wait`` seconds."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait)
        delay = 0.05
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise PassInProgress(
                        f"another newsdesk pass is running on {db_path} ({_holder(path)}); "
                        "this one stops without touching it. Run it again when that pass has finished."
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat()}).encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text() or "{}")
        return f"pid {info.get('pid')}, started {info.get('started_at')}"
    except (OSError, ValueError):
        return "holder unknown"
