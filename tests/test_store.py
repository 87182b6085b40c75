"""DuckDB: migrations recorded once; one writer process at a time, readers wait instead of failing."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from pipeline import migrations
from pipeline.errors import DatabaseLocked, MigrationError
from pipeline.store import connect


def test_migrations_applied_once_and_recorded(tmp_path):
    db = tmp_path / "m.duckdb"
    with connect(db):
        pass
    with connect(db) as con:
        assert migrations.migrate(con) == []  # nothing left to apply
        rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert rows[0] == (1, "initial") and len(rows) == len(migrations.available())
    with connect(db, read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"feeds", "feed_entries", "articles", "paragraphs", "article_paragraphs", "runs"} <= tables


def test_failed_migration_leaves_nothing_behind(tmp_path, monkeypatch):
    sql = tmp_path / "sql"
    (sql / "migrations").mkdir(parents=True)
    (sql / "migrations" / "0001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (sql / "migrations" / "0002_bad.sql").write_text("CREATE TABLE b (x INTEGER); SELECT * FROM no_such_table;")
    monkeypatch.setattr(migrations, "sql_dir", lambda: sql)
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    with pytest.raises(MigrationError, match="0002_bad.sql"):
        migrations.migrate(con)
    assert con.execute("SELECT version FROM schema_migrations").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'b'").fetchone() == (0,)


HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold_lock(db, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_reader_waits_for_the_writer_process(tmp_path):
    db = tmp_path / "lock.duckdb"
    with connect(db):
        pass
    proc = _hold_lock(db, 1.5)
    started = time.monotonic()
    with connect(db, read_only=True, lock_timeout=30) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    assert time.monotonic() - started >= 0.5  # it really waited for the lock
    proc.wait(timeout=10)


def test_lock_held_too_long_is_a_clear_error(tmp_path):
    db = tmp_path / "lock.duckdb"
    with connect(db):
        pass
    proc = _hold_lock(db, 5)
    try:
        with pytest.raises(DatabaseLocked, match="locked by another process"):
            with connect(db, lock_timeout=0.3):
                pass
    finally:
        proc.kill()
        proc.wait()


def test_reader_of_missing_database_gets_a_clear_error(tmp_path):
    with pytest.raises(Exception, match="does not exist"):
        with connect(tmp_path / "none.duckdb", read_only=True):
            pass
