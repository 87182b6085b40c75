"""Compaction: rewrite a database into a fresh file, so the space its deletes freed goes back to the disk.

DuckDB reuses the blocks a ``DELETE`` frees, but gives back to the file system only free blocks at the file's
end: a pruned paragraph cache (``newsdesk prune-cache``) leaves the file as large as it was. ``COPY FROM
DATABASE`` writes every table, view, sequence (at its current value) and macro into a new file densely. The copy
is made while this process holds the file's write lock (no other process can write meanwhile), checked table by
table against the original (row count and an order-free hash of the rows), synced to disk, and only then renamed
over the original, atomically: a crash or a failed check at any point leaves the original as it was and removes
the partial copy.

The rename happens before the write connection closes, so no other process can open the old file and write to it
in between (its writes would be lost with the old file). Readers that opened the file before compaction started
were refused the write lock; readers that open it after the rename see the compacted file.

The new file must be the old one in every way a user or another process relies on: the path a symlink points at is
compacted (the link stays a link), a file with several hard links is refused (a rename would split them), the
copy gets the original's mode and owner (an Airflow worker under another user must still write it) and its storage
version (an older DuckDB must still open it), and there must be room for it: the copy passes through its
write-ahead log, about 2.6 times the file's size at its peak (measured on the demo database), so three times the
size must be free.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import StoreError
from .core import connect

log = logging.getLogger(__name__)

# the copy's name inside the connection that writes it (with the pid: no database file is likely to be named so)
TARGET = f"newsdesk_compact_{os.getpid()}"
# free space needed, in multiples of the file's size (its peak is about 2.6: the copy goes through its WAL)
ROOM = 3


@dataclass(frozen=True)
class CompactResult:
    """The file's bytes (with its write-ahead log) before and after, and what the copy was checked on."""

    db_path: Path
    bytes_before: int
    bytes_after: int
    tables: int
    rows: int


def file_bytes(db_path: Path) -> int:
    """The database file's size with its write-ahead log (what a user sees on disk)."""
    wal = wal_path(db_path)
    return sum(p.stat().st_size for p in (db_path, wal) if p.exists())


def wal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".wal")


def compact(db_path: Path | str, *, lock_timeout: float = 120.0) -> CompactResult:
    """Rewrite ``db_path`` into a fresh, dense file and put it in the original's place (see the module doc).

    Raises :class:`~pipeline.errors.DatabaseLocked` when another process holds the file past ``lock_timeout``
    and :class:`~pipeline.errors.StoreError` when it cannot be done safely (several hard links, too little free
    space, the copy does not match the original, the file cannot be replaced); either way the original is
    untouched."""
    given = Path(db_path)
    if not given.exists():
        raise StoreError(f"database {given} does not exist; nothing to compact")
    # a symlink's target is the database: replacing the link itself would split it from the file others use
    db_path = Path(os.path.realpath(given))
    _check_replaceable(db_path)
    before = file_bytes(db_path)
    # beside the original: the rename must stay on one file system to be atomic
    target = db_path.with_name(f".{db_path.name}.compact-{os.getpid()}")
    try:
        with connect(db_path, lock_timeout=lock_timeout) as con:
            # holding the write lock, no other compaction of this file is at work: any copy here is a killed one's
            for stale in db_path.parent.glob(f".{glob.escape(db_path.name)}.compact-*"):
                stale.unlink(missing_ok=True)
            _check_room(db_path)
            expected = _copy(con, db_path, target)
            _sync(target)
            _same_owner_and_mode(db_path, target)
            os.replace(target, db_path)
    except (duckdb.Error, OSError) as exc:
        _remove(target)
        raise StoreError(f"database {db_path} was not compacted ({exc}); the original was left as it was") from exc
    except BaseException:
        _remove(target)
        raise
    try:  # the rename is done: a directory that cannot be synced only leaves it to the file system's own flush
        _sync(db_path.parent)
    except OSError as exc:
        log.warning("compacted %s, but its directory could not be synced: %s", db_path, exc)
    after = file_bytes(db_path)
    tables = {name: count for name, (count, _) in expected.items() if not name.startswith("sequence ")}
    rows = sum(tables.values())
    log.info("compacted %s: %d tables, %d rows, %d -> %d bytes", db_path, len(tables), rows, before, after)
    return CompactResult(db_path=db_path, bytes_before=before, bytes_after=after, tables=len(tables), rows=rows)


def _copy(con: duckdb.DuckDBPyConnection, db_path: Path, target: Path) -> dict[str, tuple[int, int]]:
    """``COPY FROM DATABASE`` into ``target`` at the original's storage version, checked against the original;
    the original's inventory."""
    con.execute("CHECKPOINT")
    source = con.execute("SELECT current_database()").fetchone()[0]
    version = con.execute("SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = ?",
                          [source]).fetchone()[0]
    expected = inventory(con, source)
    # the original's storage version: a file an older DuckDB wrote must stay readable by it
    options = f" (STORAGE_VERSION {_literal(version.rstrip('+'))})" if version else ""
    con.execute(f"ATTACH {_literal(str(target))} AS {TARGET}{options}")
    try:
        con.execute(f"COPY FROM DATABASE {_identifier(source)} TO {TARGET}")
        copied = inventory(con, TARGET)
    finally:
        con.execute(f"DETACH {TARGET}")
    if copied != expected:
        differ = sorted(t for t in expected.keys() | copied.keys() if expected.get(t) != copied.get(t))
        raise StoreError(f"database {db_path} was not compacted: the copy differs from it in {', '.join(differ)}; "
                         f"the original was left as it was. Please report this.")
    return expected


def _check_replaceable(db_path: Path) -> None:
    """A file with another name (a hard link) would keep the old data under that name after the rename."""
    links = db_path.stat().st_nlink
    if links > 1:
        raise StoreError(f"database {db_path} was not compacted: it has {links} hard links, and replacing it would "
                         f"leave the other names on the old file. Compact it through a file with one name (copy it, "
                         f"or remove the other links).")


def _check_room(db_path: Path) -> None:
    size, free = file_bytes(db_path), shutil.disk_usage(db_path.parent).free
    if free < ROOM * size:
        raise StoreError(f"database {db_path} was not compacted: compacting needs about {ROOM} times the file's size "
                         f"free beside it ({ROOM * size / 2**20:.0f} MiB), and {free / 2**20:.0f} MiB is free. Free "
                         f"some space on that file system, then run it again.")


def _same_owner_and_mode(db_path: Path, target: Path) -> None:
    """The copy gets the original's permissions and owner (another user's process may share the file)."""
    original = db_path.stat()
    os.chmod(target, stat.S_IMODE(original.st_mode))
    copy = target.stat()
    if (copy.st_uid, copy.st_gid) != (original.st_uid, original.st_gid):
        try:
            os.chown(target, original.st_uid, original.st_gid)
        except PermissionError as exc:
            raise StoreError(f"database {db_path} was not compacted: it belongs to user {original.st_uid} (group "
                             f"{original.st_gid}) and the copy could not be given to them; run it as that user. "
                             f"The original was left as it was.") from exc


def inventory(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, tuple[int, int]]:
    """Per base table and sequence of ``database``: its row count (a sequence's last value) and the sum of its rows'
    hashes (each row hashed whole; a sum, unlike a XOR, does not cancel two equal rows). Two databases with the same
    inventory hold the same data but for a hash collision, whatever their files' layout."""
    found: dict[str, tuple[int, int]] = {}
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? "
                         "AND NOT temporary ORDER BY ALL", [database]).fetchall()
    for schema, table in tables:
        name = f"{_identifier(database)}.{_identifier(schema)}.{_identifier(table)}"
        count, digest = con.execute(f"SELECT count(*), coalesce(sum(hash(*COLUMNS(*))::HUGEINT), 0) "
                                    f"FROM {name}").fetchone()
        found[f"{schema}.{table}"] = (int(count), int(digest))
    for schema, sequence, last in con.execute(
            "SELECT schema_name, sequence_name, coalesce(last_value, -1) FROM duckdb_sequences() "
            "WHERE database_name = ? AND NOT temporary ORDER BY ALL", [database]).fetchall():
        found[f"sequence {schema}.{sequence}"] = (int(last), 0)
    return found


def stale_copies(db_path: Path | str) -> list[Path]:
    """Copies a killed compaction left beside ``db_path`` (their process is gone): disk a user may be short of."""
    db_path = Path(os.path.realpath(db_path))
    found = []
    for path in db_path.parent.glob(f".{glob.escape(db_path.name)}.compact-*"):
        pid = path.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if not pid.isdigit() or not _alive(int(pid)):
            found.append(path)
    return sorted(found)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _sync(path: Path) -> None:
    """fsync a file or a directory, so the rename is not made durable before the data it points at."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_copies(db_path: Path | str) -> int:
    """Delete the copies killed compactions left beside ``db_path`` (:func:`stale_copies`); the bytes freed."""
    freed = 0
    for path in stale_copies(db_path):
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue
        freed += size
        log.info("removed %s, a copy a killed compaction left (%d bytes)", path, size)
    return freed


def _remove(target: Path) -> None:
    for path in (target, wal_path(target)):
        path.unlink(missing_ok=True)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
