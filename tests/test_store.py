"""DuckDB: migrations recorded once; one writer process at a time, readers wait instead of failing."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from pipeline.errors import DatabaseLocked, MigrationError
from pipeline.store import migrations
from pipeline.store.core import connect


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


@pytest.mark.slow
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


def test_reader_of_an_older_database_is_told_to_upgrade(tmp_path, monkeypatch):
    from pipeline.errors import StoreError

    db = tmp_path / "old.duckdb"
    everything = migrations.available()
    import pipeline.store.core as store_module

    monkeypatch.setattr(migrations, "available", lambda: everything[:2])  # a database made by an older build
    monkeypatch.setattr(store_module, "apply_views", lambda con: [])  # (its views were those of its time)
    with connect(db):
        pass
    monkeypatch.setattr(migrations, "available", lambda: everything)
    monkeypatch.setattr(store_module, "apply_views", migrations.apply_views)
    with pytest.raises(StoreError, match="older newsdesk and needs migrations 0003"):
        with connect(db, read_only=True):
            pass
    with connect(db):  # any write upgrades it
        pass
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchall() == [(len(everything),)]


def test_a_batch_loaded_again_under_its_key_counts_nothing_twice(tmp_path):
    from datetime import UTC, datetime

    from pipeline.load import load_staged
    from pipeline.records import FeedEntry, FetchResult, ProcessedArticle
    from pipeline.store.staging import StagedBatch, stage_articles

    entry = FeedEntry("f", "e", "http://x.example/a", "http://x.example/a", "aid", "t", None, None, None, None)
    failed = ProcessedArticle(entry, FetchResult("http://x.example/a", datetime.now(UTC), http_status=500), "failed", None)
    batch = stage_articles([failed])
    with connect(tmp_path / "k.duckdb") as con:
        for _ in range(3):  # the Airflow loader retried after its commit
            load_staged(con, batch, 1, max_attempts=3, batch_key="airflow:dag:run1:abc")
        assert con.execute("SELECT fetch_attempts, dead FROM articles").fetchall() == [(1, False)]
        load_staged(con, StagedBatch(batch.tables), 2, max_attempts=3, batch_key="airflow:dag:run2:def")
        assert con.execute("SELECT fetch_attempts FROM articles").fetchall() == [(2,)]


def _article(aid, paragraphs, status="ok", source="extracted"):
    from datetime import UTC, datetime

    from pipeline.dedup.exact import content_hash, dedup_paragraphs
    from pipeline.records import Extracted, FeedEntry, FetchResult, ProcessedArticle

    url = f"http://x.example/{aid}"
    entry = FeedEntry("f", aid, url, url, aid, aid, None, None, None, None)
    occurrences, text = dedup_paragraphs(paragraphs)
    fetch = FetchResult(url, datetime.now(UTC), final_url=url, http_status=200)
    extracted = Extracted(status=status, text_source=source if paragraphs else None, paragraphs=tuple(paragraphs))
    return ProcessedArticle(entry, fetch, status, extracted, occurrences, text or None,
                            content_hash(text) if text else None)


def test_paragraph_counts_follow_articles_that_change(tmp_path):
    from pipeline.load import load_staged
    from pipeline.store.staging import stage_articles

    with connect(tmp_path / "c.duckdb") as con:
        load_staged(con, stage_articles([_article("a", ["one", "shared"]), _article("b", ["two", "shared"])]), 1)
        count = "SELECT article_count FROM paragraphs WHERE text = 'shared'"
        assert con.execute(count).fetchall() == [(2,)]
        load_staged(con, stage_articles([_article("a", ["one", "new"])]), 2)  # a revision dropped the paragraph
        assert con.execute(count).fetchall() == [(1,)]


def test_a_refetch_that_is_not_html_or_finds_no_text_keeps_the_stored_text(tmp_path):
    from pipeline.load import load_staged
    from pipeline.store.staging import stage_articles

    with connect(tmp_path / "r.duckdb") as con:
        load_staged(con, stage_articles([_article("a", ["the real text"])]), 1)
        load_staged(con, stage_articles([_article("a", [], status="unsupported")]), 2)  # a CDN's wrong Content-Type
        load_staged(con, stage_articles([_article("a", ["summary only"], status="empty", source="feed_summary")]), 3)
        assert con.execute("SELECT status, text FROM articles").fetchall() == [("ok", "the real text")]
        assert con.execute("SELECT count(*) FROM article_paragraphs").fetchall() == [(1,)]


def test_paragraph_counts_stay_exact_over_reloads_revisions_and_merged_batches(tmp_path):
    from pipeline.load import load_staged
    from pipeline.store.staging import StagedBatch, stage_articles

    exact = ("SELECT count(*) FROM paragraphs p WHERE article_count <> "
             "(SELECT count(DISTINCT article_id) FROM article_paragraphs ap WHERE ap.paragraph_id = p.paragraph_id)")
    first = stage_articles([_article("a", ["one", "shared", "one"]), _article("b", ["two", "shared"])])
    with connect(tmp_path / "e.duckdb") as con:
        load_staged(con, first, 1)
        load_staged(con, first, 2)  # the same batch again
        load_staged(con, stage_articles([_article("c", ["shared", "three"])]), 3)
        # two batches merged into one load, the same article in both (its later version wins)
        merged = StagedBatch.merge([stage_articles([_article("b", ["two", "four"])]),
                                    stage_articles([_article("d", ["four", "shared"]), _article("c", ["three"]),
                                                    _article("b", ["five", "six"])])])
        load_staged(con, merged, 4)
        assert con.execute(exact).fetchall() == [(0,)]
        load_staged(con, stage_articles([_article("e", ["four"])]), 5)
        assert con.execute(exact).fetchall() == [(0,)]
        assert dict(con.execute("SELECT text, article_count FROM paragraphs").fetchall())["shared"] == 2
