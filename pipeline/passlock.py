"""One pass at a time per database: an exclusive lock file next to it, held for the whole pass.

DuckDB's own lock only covers the moments a pass writes, and a pass deliberately lets go of the database while
it fetches, so two passes started together would interleave: both would poll the same feeds and fetch the same
pages (the upserts keep the tables free of duplicates, but the sites would see every request twice). The
``flock`` here makes the second pass wait up to ``wait`` seconds and then stop with a clear message. The kernel
releases the lock when its process dies, however it dies (SIGKILL included), so a killed pass never leaves a
stale lock behind.

The lock file is opened without following a symbolic link (``O_NOFOLLOW``) and must be a regular file with no
other name: the pass writes its pid into it, and a link planted at the lock path (by mistake, or by someone
sharing the directory) made that write truncate whatever file the link pointed to. Such a path is refused with
a message naming it, and nothing is written.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .errors import NewsdeskError

log = logging.getLogger(__name__)


class PassInProgress(NewsdeskError):
    """Another pass holds this database's pass lock."""


class UnsafeLockFile(NewsdeskError):
    """The pass lock path is a symbolic link, or not a plain file of its own: refused, never written through."""


def lock_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".pass.lock")


@contextmanager
def pass_lock(db_path: Path | str, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the pass lock of ``db_path``; raise :class:`PassInProgress` if it stays taken for ``wait`` seconds."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _open_lock_file(path)
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
                        f"another newsdesk pass is running on {db_path} ({_holder(fd)}); "
                        "this one stops without touching it. Run it again when that pass has finished."
                    ) from exc
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
