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
"""

from __future__ import annotations

import glob
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import StoreError
from .core import connect

log = logging.getLogger(__name__)

# the copy's name inside the connection that writes it
TARGET = "newsdesk_compact"


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
    and :class:`~pipeline.errors.StoreError` when the copy does not match the original; either way the original
    is untouched."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise StoreError(f"database {db_path} does not exist; nothing to compact")
    before = file_bytes(db_path)
    # beside the original: the rename must stay on one file system to be atomic
    target = db_path.with_name(f".{db_path.name}.compact-{os.getpid()}")
    try:
        with connect(db_path, lock_timeout=lock_timeout) as con:
            # holding the write lock, no other compaction of this file is at work: any copy here is a killed one's
            for stale in db_path.parent.glob(f".{glob.escape(db_path.name)}.compact-*"):
                stale.unlink(missing_ok=True)
            con.execute("CHECKPOINT")
            source = con.execute("SELECT current_database()").fetchone()[0]
            expected = inventory(con, source)
            con.execute(f"ATTACH {_literal(str(target))} AS {TARGET}")
            try:
                con.execute(f"COPY FROM DATABASE {_identifier(source)} TO {TARGET}")
                copied = inventory(con, TARGET)
            finally:
                con.execute(f"DETACH {TARGET}")
            if copied != expected:
                differ = sorted(t for t in expected.keys() | copied.keys() if expected.get(t) != copied.get(t))
                raise StoreError(f"database {db_path} was not compacted: the copy differs from it in "
                                 f"{', '.join(differ)}; the original was left as it was. Please report this.")
            _sync(target)
            os.replace(target, db_path)
            _sync(db_path.parent)
    except BaseException:
        _remove(target)
        raise
    after = file_bytes(db_path)
    tables = {name: count for name, (count, _) in expected.items() if not name.startswith("sequence ")}
    rows = sum(tables.values())
    log.info("compacted %s: %d tables, %d rows, %d -> %d bytes", db_path, len(tables), rows, before, after)
    return CompactResult(db_path=db_path, bytes_before=before, bytes_after=after, tables=len(tables), rows=rows)


def inventory(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, tuple[int, int]]:
    """Per base table and sequence of ``database``: its row count (a sequence's last value) and an order-free
    hash of its rows. Two databases with the same inventory hold the same data, whatever their files' layout."""
    found: dict[str, tuple[int, int]] = {}
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? "
                         "AND NOT temporary ORDER BY ALL", [database]).fetchall()
    for schema, table in tables:
        name = f"{_identifier(database)}.{_identifier(schema)}.{_identifier(table)}"
        count, digest = con.execute(f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM {name} AS t").fetchone()
        found[f"{schema}.{table}"] = (int(count), int(digest))
    for schema, sequence, last in con.execute(
            "SELECT schema_name, sequence_name, coalesce(last_value, -1) FROM duckdb_sequences() "
            "WHERE database_name = ? AND NOT temporary ORDER BY ALL", [database]).fetchall():
        found[f"sequence {schema}.{sequence}"] = (int(last), 0)
    return found


def _sync(path: Path) -> None:
    """fsync a file or a directory, so the rename is not made durable before the data it points at."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(target: Path) -> None:
    for path in (target, wal_path(target)):
        path.unlink(missing_ok=True)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
