"""A DAG run's staging location is a URL (pipeline.store.stagingurl): workers stage there, the single loader reads it and
removes it. Proven on fsspec's in-memory filesystem (object storage: no directories, no rename) and on a local
``file://`` URL whose path has spaces, through the task bodies the DAG runs (pipeline.run.tasks, no Airflow)."""

from __future__ import annotations

import logging
import time
import uuid
from pathlib import Path

import duckdb
import fsspec
import pyarrow as pa
import pytest

from conftest import article_page, rss, words
from pipeline.errors import ConfigError
from pipeline.run import tasks
from pipeline.store import stagingurl
from pipeline.store.staging import StagedBatch

DAY = 24 * 3600.0


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def memory_root():
    """A root of its own on fsspec's in-memory filesystem (one per process, shared by every test)."""
    root = f"memory://newsdesk-test-{uuid.uuid4().hex}"
    yield root
    stagingurl.remove(root)


def memory_files(root: str) -> list[str]:
    fs = fsspec.filesystem("memory")
    path = root.removeprefix("memory://")
    return sorted(fs.find(path)) if fs.exists(path) else []


# ------------------------------------------------------------------------------------------------ locations


def test_staging_root_is_a_url_local_by_default(tmp_path):
    db = tmp_path / "data dir" / "news.duckdb"
    assert stagingurl.root_url(None, db) == f"file://{tmp_path}/data dir/staging"
    assert stagingurl.root_url("", db) == f"file://{tmp_path}/data dir/staging"
    # a plain path is local, made absolute; a URL is kept as fsspec reads it (a space is a space)
    assert stagingurl.root_url(str(tmp_path / "my staging"), db) == f"file://{tmp_path}/my staging"
    assert stagingurl.root_url(tmp_path / "p", db) == f"file://{tmp_path}/p"
    assert stagingurl.root_url(f"file://{tmp_path}/a b/", db) == f"file://{tmp_path}/a b"
    assert stagingurl.root_url("memory://stage/", db) == "memory:///stage"
    assert stagingurl.local_path(f"file://{tmp_path}/a b") == tmp_path / "a b"
    assert stagingurl.local_path("memory://stage") is None
    assert stagingurl.join("s3://bucket/root/", "dag", "run") == "s3://bucket/root/dag/run"
    assert stagingurl.parent("s3://bucket/root/dag/run") == "s3://bucket/root/dag"


def test_a_staging_url_nothing_can_open_is_a_config_error_naming_the_fix(tmp_path):
    db = tmp_path / "news.duckdb"
    with pytest.raises(ConfigError, match=r"staging URL 'nosuch://x'.*file:///path, s3://bucket/prefix") as err:
        stagingurl.root_url("nosuch://x", db)
    assert "\n" not in str(err.value)
    # the DAG run fails at `configure`, before any worker stages anything
    with pytest.raises(ConfigError, match="nosuch"):
        tasks.configure({"db": str(db), "staging_dir": "nosuch://bucket/x"}, dag_id="d", run_id="r")


def test_object_storage_without_its_package_names_the_package(tmp_path):
    try:
        import s3fs  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("s3fs is installed here: nothing is missing")
    with pytest.raises(ConfigError, match=r"'s3://bucket/newsdesk'.*s3fs.*every Celery worker"):
        stagingurl.root_url("s3://bucket/newsdesk", tmp_path / "news.duckdb")


def test_configure_puts_the_run_under_the_staging_url(tmp_path, monkeypatch, memory_root):
    db = tmp_path / "news.duckdb"
    monkeypatch.setenv("NEWSDESK_STAGING", memory_root)
    c = tasks.configure({"db": str(db)}, dag_id="news_ingest", run_id="manual__2026-01-01T00:00:00+00:00")
    assert c["run_dir"] == f"{memory_root.replace('memory://', 'memory:///')}/news_ingest/manual__2026-01-01T00_00_00_00_00"
    # the param wins over the environment, as for every setting
    c = tasks.configure({"db": str(db), "staging_dir": f"file://{tmp_path}/a b"}, dag_id="d", run_id="r")
    assert c["run_dir"] == f"file://{tmp_path}/a b/d/r"


# ------------------------------------------------------------------------------------------ staged batches


def batch(n: int) -> StagedBatch:
    return StagedBatch({"robots": pa.Table.from_pylist(
        [{"origin": f"https://site{i}.example", "status": "ok"} for i in range(n)],
        schema=pa.schema([("origin", pa.string()), ("status", pa.string())]))})


@pytest.mark.parametrize("where", ["memory", "file"])
def test_a_batch_round_trips_and_a_retry_replaces_it(where, memory_root, tmp_path):
    root = memory_root if where == "memory" else f"file://{tmp_path}/with spaces"
    url = stagingurl.join(root, "run", "poll-00000")
    assert not stagingurl.is_staged(url)
    assert batch(3).write(url) == url
    assert stagingurl.is_staged(url)
    assert StagedBatch.read(url).rows("robots") == 3
    batch(1).write(url)  # the retried task
    assert StagedBatch.read(url).rows("robots") == 1
    stagingurl.remove(stagingurl.join(root, "run"))
    assert not stagingurl.exists(url)
    stagingurl.remove(stagingurl.join(root, "run"))  # gone already: fine


def rewrite_killed_half_way(url: str, monkeypatch) -> None:
    """A retry of the batch at ``url`` whose worker dies after the first of its two tables."""
    real = stagingurl.pq.write_table
    calls = []

    def dies_on_second_table(table, where, **kw):
        calls.append(where)
        if len(calls) == 2:
            raise KeyboardInterrupt("worker killed")
        return real(table, where, **kw)

    monkeypatch.setattr(stagingurl.pq, "write_table", dies_on_second_table)
    with pytest.raises(KeyboardInterrupt):
        StagedBatch({"a": pa.table({"x": [9]}), "b": pa.table({"y": [9]})}).write(url)
    monkeypatch.undo()


def test_on_object_storage_a_killed_rewrite_leaves_no_batch_to_load(memory_root, monkeypatch):
    """No rename there: the manifest goes first and comes back last, so the loader never reads a batch that a
    killed retry left half old, half new."""
    url = stagingurl.join(memory_root, "run", "articles-00000")
    StagedBatch({"a": pa.table({"x": [1, 2]}), "b": pa.table({"y": [3]})}).write(url)
    assert stagingurl.is_staged(url)

    rewrite_killed_half_way(url, monkeypatch)
    assert not stagingurl.is_staged(url)
    with pytest.raises(FileNotFoundError, match="manifest.json is missing"):
        StagedBatch.read(url)


def test_on_a_local_disk_a_killed_write_leaves_the_earlier_batch_whole(tmp_path, monkeypatch):
    url = f"file://{tmp_path}/st ag/run/articles-00000"
    StagedBatch({"a": pa.table({"x": [1, 2]}), "b": pa.table({"y": [3]})}).write(url)
    rewrite_killed_half_way(url, monkeypatch)
    assert StagedBatch.read(url).tables["a"].column("x").to_pylist() == [1, 2]
    assert [p.name for p in (tmp_path / "st ag" / "run").iterdir()] == ["articles-00000"]  # no temp left


@pytest.mark.parametrize("where", ["memory", "file"])
def test_stale_runs_are_removed_after_a_week_others_kept(where, memory_root, tmp_path):
    root = memory_root if where == "memory" else f"file://{tmp_path}/sta ging"
    dag = stagingurl.join(root, "news_ingest")
    batch(1).write(stagingurl.join(dag, "old-run", "articles-00001"))
    stagingurl.write_json(stagingurl.join(dag, "old-run", "feeds.json"), {"feeds": []})
    stagingurl.write_json(stagingurl.join(dag, "loose-file.json"), {})
    assert stagingurl.remove_stale(dag, 7 * DAY) == []
    assert stagingurl.exists(stagingurl.join(dag, "old-run", "feeds.json"))
    removed = stagingurl.remove_stale(dag, 7 * DAY, now=time.time() + 8 * DAY)
    assert [r.rstrip("/").rsplit("/", 1)[-1] for r in removed] == ["old-run"]
    assert not stagingurl.exists(stagingurl.join(dag, "old-run"))
    assert stagingurl.exists(stagingurl.join(dag, "loose-file.json"))  # only run directories are housekeeping's


def test_housekeeping_never_fails_the_load(caplog):
    with caplog.at_level(logging.WARNING, logger="pipeline.store.stagingurl"):
        assert stagingurl.remove_stale("nosuch://bucket/dag", 0) == []
    assert "could not clean up old staging" in caplog.text


# --------------------------------------------------------------------------------------- a whole DAG run


@pytest.fixture
def corpus(site, tmp_path):
    for i in range(5):
        site.add(f"/a/{i}", article_page(f"Story {i}", [words(25, f"url story {i} part {j}") for j in range(3)]))
    site.add("/feed.xml", rss([{"title": f"S{i}", "link": site.url(f"/a/{i}"), "guid": str(i)} for i in range(5)]),
             content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    return feeds


def run_dag(config: dict, *, lose: int | None = None) -> dict:
    """The DAG's tasks in order, as the scheduler runs them; ``lose``: that article batch's task dies."""
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    processed = [tasks.process_batch(config, b) for b in plan if b["index"] != lose]
    return tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)


def contents(db: Path) -> dict:
    return {
        "articles": rows(db, "SELECT url, status, text, content_hash FROM articles ORDER BY url"),
        "paragraphs": rows(db, "SELECT paragraph_id, text, article_count FROM paragraphs ORDER BY 1"),
        "feed_entries": rows(db, "SELECT feed_url, entry_id, article_id FROM feed_entries ORDER BY 1, 2"),
    }


@pytest.mark.slow  # two whole passes with the NLP model
def test_a_run_staged_in_object_storage_loads_what_a_local_one_does(corpus, tmp_path, memory_root, monkeypatch):
    params = {"feeds": str(corpus), "allow_private_network": True, "articles_per_batch": 2}
    local_db, remote_db = tmp_path / "local db" / "news.duckdb", tmp_path / "remote" / "news.duckdb"
    local = tasks.configure({**params, "db": str(local_db), "staging_dir": f"file://{tmp_path}/shared staging"},
                            dag_id="news_ingest", run_id="manual__1")
    remote = tasks.configure({**params, "db": str(remote_db), "staging_dir": memory_root},
                             dag_id="news_ingest", run_id="manual__1")

    seen = []
    real_read = stagingurl.read_parquet

    def read_parquet(url, schema=None):
        seen.append(url)
        return real_read(url, schema)

    monkeypatch.setattr(stagingurl, "read_parquet", read_parquet)
    run_dag(remote)
    run_dag(local)

    assert len(contents(remote_db)["articles"]) == 5
    assert contents(remote_db) == contents(local_db)
    # the workers' files and the loader's reads went through the URL, and nothing is left behind
    assert any(u.startswith("memory://") and "/plan/articles-" in u for u in seen)
    assert any(u.startswith("memory://") and "/articles-00002/" in u for u in seen)
    assert memory_files(memory_root) == []
    assert not (remote_db.parent / "staging").exists()  # not the local default
    assert not (tmp_path / "shared staging" / "news_ingest" / "manual__1").exists()
    assert (tmp_path / "shared staging" / "news_ingest").is_dir()


@pytest.mark.slow
def test_a_lost_batch_keeps_its_plan_in_object_storage_and_the_next_run_fetches_it(corpus, tmp_path, memory_root):
    db = tmp_path / "news.duckdb"
    params = {"feeds": str(corpus), "allow_private_network": True, "articles_per_batch": 2, "db": str(db),
              "staging_dir": memory_root}
    first = tasks.configure(params, dag_id="news_ingest", run_id="manual__1")
    report = run_dag(first, lose=1)
    assert report["article_batches_failed"] == [1]
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
    # the loaded batches are gone; the run's plan stays, so clearing the lost task (and the loader) can finish it
    left = [f.split("/manual__1/", 1)[1] for f in memory_files(memory_root)]
    assert left == ["feeds.json", "plan/articles-00000.parquet", "plan/articles-00001.parquet",
                    "plan/articles-00002.parquet"]

    second = tasks.configure(params, dag_id="news_ingest", run_id="manual__2")
    again = run_dag(second)
    assert again["articles_new"] == 2 and not again["article_batches_failed"]
    assert rows(db, "SELECT count(*), max(fetch_attempts) FROM articles") == [(5, 1)]
