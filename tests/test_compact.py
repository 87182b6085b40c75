"""Compaction (pipeline.store.compact): a database rewritten densely gives its freed space back to the disk and
keeps every row, view and sequence; a held file, a copy that does not match or a crash leaves the original alone.

The file is a newsdesk database (``connect`` makes the schema) with a scratch table of our own filled and mostly
deleted, as a prune does to the paragraph cache: DuckDB then reuses the freed blocks but does not shrink the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from pipeline.errors import DatabaseLocked, StoreError
from pipeline.store import compact as compaction
from pipeline.store.compact import compact, file_bytes, inventory, remove_stale_copies, stale_copies
from pipeline.store.core import connect


@pytest.fixture
def db(tmp_path):
    """A newsdesk database with one run recorded and 300,000 scratch rows of which all but 3,000 were deleted."""
    path = tmp_path / "news.duckdb"
    with connect(path) as con:
        con.execute("INSERT INTO runs (kind, started_at, status) VALUES ('ingest', now(), 'ok')")
        con.execute("CREATE TABLE scratch AS SELECT range AS id, repeat('paragraph text ', 20) || range AS text "
                    "FROM range(300000)")
        con.execute("CHECKPOINT")
        con.execute("DELETE FROM scratch WHERE id >= 3000")
        con.execute("CHECKPOINT")
    return path


def _contents(path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        return {"inventory": inventory(con, con.execute("SELECT current_database()").fetchone()[0]),
                "views": con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal "
                                     "ORDER BY 1").fetchall(),
                "scratch": con.execute("SELECT * FROM scratch ORDER BY id").fetchall()}


def _leftovers(path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".compact-" in p.name)


def test_compaction_gives_the_freed_space_back_and_keeps_every_row_view_and_sequence(db):
    before, size = _contents(db), file_bytes(db)
    # a copy a killed compaction left behind does not get in the way, and goes
    (db.parent / f".{db.name}.compact-{12345}").write_bytes(b"half a copy")
    result = compact(db)
    assert result.bytes_before == size and result.bytes_after == file_bytes(db)
    assert result.bytes_after < size / 2, (size, result.bytes_after)
    assert _contents(db) == before
    assert result.tables == len([k for k in before["inventory"] if not k.startswith("sequence ")])
    # the next run gets the next id, not 1 again: the sequence kept its value
    with connect(db) as con:
        con.execute("INSERT INTO runs (kind, started_at, status) VALUES ('ingest', now(), 'ok')")
        assert sorted(r[0] for r in con.execute("SELECT run_id FROM runs").fetchall()) == [1, 2]
    assert _leftovers(db) == []


def test_a_second_compaction_changes_nothing(db):
    compact(db)
    contents, size = _contents(db), file_bytes(db)
    assert compact(db).bytes_after <= size
    assert _contents(db) == contents


def test_a_process_holding_the_file_refuses_and_the_original_stays(db):
    before, size = _contents(db), file_bytes(db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], "
                               "read_only=True); print('held', flush=True); time.sleep(60)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        began = time.monotonic()
        with pytest.raises(DatabaseLocked):
            compact(db, lock_timeout=0.5)
        assert time.monotonic() - began < 30
    finally:
        holder.kill()
        holder.wait()
    assert file_bytes(db) == size and _contents(db) == before and _leftovers(db) == []


def test_a_copy_that_does_not_match_is_not_swapped_in(db, monkeypatch):
    before, size = _contents(db), file_bytes(db)
    real = compaction.inventory

    def lossy(con, database):
        found = real(con, database)
        if database == compaction.TARGET:
            found["main.scratch"] = (found["main.scratch"][0] - 1, 0)
        return found

    monkeypatch.setattr(compaction, "inventory", lossy)
    with pytest.raises(StoreError) as caught:
        compact(db)
    assert "not compacted" in str(caught.value) and "main.scratch" in str(caught.value)
    assert file_bytes(db) == size and _contents(db) == before and _leftovers(db) == []


def test_a_crash_during_the_copy_leaves_the_original_and_no_partial_file(db, monkeypatch):
    before = _contents(db)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(compaction.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        compact(db)
    assert _contents(db) == before and _leftovers(db) == []


def test_a_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        compact(tmp_path / "nowhere.duckdb")


def test_through_a_symlink_the_file_it_points_at_is_compacted_and_the_link_stays(db, tmp_path):
    link = tmp_path / "elsewhere" / "link.duckdb"
    link.parent.mkdir()
    link.symlink_to(db)
    before = _contents(db)
    compact(link)
    assert link.is_symlink() and link.resolve() == db.resolve()
    assert _contents(link) == before == _contents(db)
    with connect(db) as con:  # written through the real name, seen through the link: still one file
        con.execute("INSERT INTO scratch VALUES (-1, 'new')")
    assert _contents(link)["scratch"][0] == (-1, "new")


def test_a_file_with_another_hard_link_is_refused(db, tmp_path):
    other = tmp_path / "other-name.duckdb"
    other.hardlink_to(db)
    before, size = _contents(db), file_bytes(db)
    with pytest.raises(StoreError, match="hard links"):
        compact(db)
    assert file_bytes(db) == size and _contents(db) == before and other.stat().st_ino == db.stat().st_ino


def test_the_copy_keeps_the_files_permissions_and_storage_version(tmp_path):
    path = tmp_path / "old-format.duckdb"
    with duckdb.connect() as con:  # a file an older DuckDB could have written
        con.execute(f"ATTACH '{path}' AS old (STORAGE_VERSION 'v1.0.0')")
        con.execute("CREATE TABLE old.main.notes AS SELECT range AS id FROM range(1000)")
    path.chmod(0o640)
    compact(path)
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    with duckdb.connect(str(path), read_only=True) as con:
        tags = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
        assert tags["storage_version"].startswith("v1.0.0")
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 1000


@pytest.mark.parametrize("one, other", [
    # the same values in other rows: per-column sums would agree
    ("(1, 'x'), (2, 'y')", "(1, 'y'), (2, 'x')"),
    # a pair of equal rows for another pair: a XOR of row hashes would cancel both
    ("(1, 'kept'), (1, 'kept'), (2, 'z')", "(9, 'other'), (9, 'other'), (2, 'z')"),
])
def test_the_check_tells_tables_apart_that_differ_only_in_how_rows_combine(one, other):
    with duckdb.connect() as con:
        con.execute("ATTACH ':memory:' AS a; ATTACH ':memory:' AS b")
        for name, rows in (("a", one), ("b", other)):
            con.execute(f"CREATE TABLE {name}.main.items (t INTEGER, text VARCHAR)")  # a column named like an alias
            con.execute(f"INSERT INTO {name}.main.items VALUES {rows}")
        assert inventory(con, "a") != inventory(con, "b")


def test_too_little_free_space_is_refused_before_copying(db, monkeypatch):
    before, size = _contents(db), file_bytes(db)
    usage = shutil.disk_usage(db.parent)._replace(free=size)  # room for one copy, not for its WAL too
    monkeypatch.setattr(compaction.shutil, "disk_usage", lambda path: usage)
    with pytest.raises(StoreError, match="3 times the file's size"):
        compact(db)
    assert file_bytes(db) == size and _contents(db) == before and _leftovers(db) == []


def test_a_database_error_during_the_copy_is_a_store_error_and_the_original_stays(db, monkeypatch):
    before = _contents(db)

    def full(*args):
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr(compaction, "_copy", full)
    with pytest.raises(StoreError, match="not compacted.*No space left.*left as it was"):
        compact(db)
    assert _contents(db) == before and _leftovers(db) == []


def test_copies_left_by_killed_compactions_are_found_and_removed(db):
    dead = db.parent / f".{db.name}.compact-{2**22 + 7}"  # above Linux's default pid_max: no such process
    dead.write_bytes(b"x" * 1000)
    live = db.parent / f".{db.name}.compact-{os.getpid()}"  # a compaction at work in this very process
    live.write_bytes(b"y")
    assert stale_copies(db) == [dead]
    assert remove_stale_copies(db) == 1000
    assert not dead.exists() and live.exists()
