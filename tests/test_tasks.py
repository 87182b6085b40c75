"""pipeline.run.tasks without Airflow: the DAG's task bodies called in order, as the scheduler would, including a
lost batch, a retried loader and a feed that keeps failing; and `newsdesk airflow-setup`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from conftest import REPO, article_page, rss, words
from pipeline.cli import cli
from pipeline.options import FetchOptions
from pipeline.run import tasks
from pipeline.run.passlock import PassInProgress, claim_for_run, claim_path, pass_lock, release_claim
from pipeline.run.runrecord import COUNTERS
from pipeline.store import core as store


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture
def config(site, tmp_path) -> dict:
    for i in range(5):
        site.add(f"/a/{i}", article_page(f"Story {i}", [words(25, f"story {i} part {j}") for j in range(3)]))
    site.add("/feed.xml", rss([{"title": f"S{i}", "link": site.url(f"/a/{i}"), "guid": str(i)} for i in range(5)]),
             content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    params = {"feeds": str(feeds), "db": str(tmp_path / "news.duckdb"), "allow_private_network": True,
              "articles_per_batch": 2}
    return tasks.configure(params, dag_id="news_ingest", run_id="manual__2026-01-01T00:00:00+00:00")


def test_settings_fall_back_to_the_cli_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_FEEDS", str(tmp_path / "f.txt"))
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "x" / "n.duckdb"))
    monkeypatch.setenv("NEWSDESK_ALLOW_PRIVATE_NETWORK", "1")
    monkeypatch.delenv("NEWSDESK_STAGING", raising=False)
    c = tasks.configure({"feeds": None, "db": None, "allow_private_network": None}, dag_id="d", run_id="manual__1:2+3")
    assert c["feeds_path"] == str(tmp_path / "f.txt") and c["allow_private_network"] is True
    assert c["run_dir"] == "file://" + str(tmp_path / "x" / "staging" / "d" / "manual__1_2_3")  # a URL
    json.dumps(c)  # an XCom
    c = tasks.configure({"db": str(tmp_path / "p.duckdb"), "allow_private_network": False}, dag_id="d", run_id="r")
    assert c["db_path"] == str(tmp_path / "p.duckdb") and c["allow_private_network"] is False
    # the CLI's other variables apply too, params first
    monkeypatch.setenv("NEWSDESK_BATCH_SIZE", "7")
    monkeypatch.setenv("NEWSDESK_TIMEOUT", "12.5")
    c = tasks.configure({"max_fetch_attempts": 2}, dag_id="d", run_id="r")
    assert (c["articles_per_batch"], c["total_timeout"], c["max_fetch_attempts"]) == (7, 12.5, 2)
    assert tasks.configure({"articles_per_batch": 3}, dag_id="d", run_id="r")["articles_per_batch"] == 3
    for name, value in {"NEWSDESK_FORCE": "1", "NEWSDESK_NO_ROBOTS": "1", "NEWSDESK_MIN_HOST_DELAY": "2.5",
                        "NEWSDESK_MIN_POLL_INTERVAL": "900", "NEWSDESK_CONTACT": "ops@example.org"}.items():
        monkeypatch.setenv(name, value)
    s = tasks.TaskSettings.from_config(tasks.configure({}, dag_id="d", run_id="r"))
    assert s.force and not s.robots and s.schedule_options().min_interval == 900
    fetch = s.fetch_options()
    assert fetch.min_host_delay == 2.5 and not fetch.robots and "ops@example.org" in fetch.user_agent
    assert tasks.configure({"force": False}, dag_id="d", run_id="r")["force"] is False  # a param beats the env
    monkeypatch.delenv("NEWSDESK_FEEDS")
    assert tasks.configure({}, dag_id="d", run_id="r")["feeds_path"] is None  # the database's subscriptions
    monkeypatch.delenv("NEWSDESK_DB")
    with pytest.raises(tasks.ConfigError, match="NEWSDESK_DB"):
        tasks.configure({}, dag_id="d", run_id="r")


def test_without_a_feeds_file_the_subscribed_feeds_are_polled(site, config):
    from pipeline.fetch.subscriptions import add_feeds
    from pipeline.records import FeedSpec

    config = {**config, "feeds_path": None}
    with pytest.raises(tasks.ConfigError, match="newsdesk feeds add"):
        tasks.list_due_feeds(config)
    add_feeds(config["db_path"], [FeedSpec(url=site.url("/feed.xml"), name="Gazette")])
    assert tasks.list_due_feeds(config) == [
        {"index": 0, "feeds": [{"url": site.url("/feed.xml"), "name": "Gazette", "tags": []}]}]


def test_batches_never_exceed_airflows_map_length():
    assert tasks._batch_size(10, 100) == 100
    size = tasks._batch_size(500_000, 100)
    assert -(-500_000 // size) <= tasks.MAX_MAP_LENGTH


@pytest.mark.slow
def test_lost_batch_is_reported_then_recovered_without_duplicates(config):
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    assert [b["articles"] for b in plan] == [2, 2, 1]
    # batch 1 dies; the loader (trigger rule all_done) gets the XComs of the others only
    processed = [tasks.process_batch(config, b) for b in plan if b["index"] != 1]
    report = tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    db = Path(config["db_path"])
    assert report["article_batches_failed"] == [1] and report["articles_new"] == 3
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
    assert rows(db, "SELECT status, error LIKE '%article_batches_failed=[1]%' FROM runs") == [("failed", True)]
    with pytest.raises(tasks.BatchesFailed, match="article_batches_failed"):
        tasks.summarize(report)

    # someone clears the failed batch and the loader: the plan file is still there, the run completes
    processed.append(tasks.process_batch(config, plan[1]))
    again = tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    assert again["staged_batches_loaded"] == 1  # the others were loaded (and removed) by the first try
    assert again["newsdesk_run_id"] == report["newsdesk_run_id"]
    assert rows(db, "SELECT count(*), max(fetch_attempts) FROM articles") == [(5, 1)]
    # one runs row for the DAG run, now complete; paragraphs counted over both tries
    assert rows(db, "SELECT count(*), min(status), max(paragraphs_new) = (SELECT count(*) FROM paragraphs) FROM runs") == [
        (1, "ok", True)]
    assert tasks.summarize(again)["articles_new"] == 5
    run_dir = Path(config["run_dir"].removeprefix("file://"))  # a URL (pipeline.store.stagingurl)
    assert run_dir.parent.is_dir() and not run_dir.exists()

    # a loader retried after success finds nothing left to load and changes nothing
    before = rows(db, "SELECT article_id, fetch_attempts, last_run_id FROM articles ORDER BY 1")
    third = tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    assert third["staged_batches_loaded"] == 0 and third["rows_loaded"] == {}  # no asset events
    assert rows(db, "SELECT article_id, fetch_attempts, last_run_id FROM articles ORDER BY 1") == before
    # and keeps the run row's counts: paragraphs and revisions come from loads it no longer makes
    assert rows(db, "SELECT status, articles_new, paragraphs_new = (SELECT count(*) FROM paragraphs) FROM runs") == [
        ("ok", 5, True)]


def test_a_run_where_every_feed_failed_is_recorded_and_shown_red(site, config, tmp_path):
    Path(config["feeds_path"]).write_text(site.url("/gone.xml") + "\n" + site.url("/missing.xml") + "\n")
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    processed = [tasks.process_batch(config, b) for b in plan]
    report = tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    assert rows(Path(config["db_path"]), "SELECT status FROM runs") == [("all_feeds_failed",)]
    with pytest.raises(tasks.AllFeedsFailed, match="all 2 feeds polled failed"):
        tasks.summarize(report)


@pytest.mark.slow
def test_a_feed_stored_under_an_older_spelling_is_polled_as_that_row(site, config):
    from pipeline.store.core import connect

    legacy = site.url("/feed.xml") + "#from-an-old-version"  # as an older newsdesk stored it
    with connect(config["db_path"]) as con:
        con.execute("INSERT INTO feeds (feed_url, subscribed, added_at) VALUES (?, true, now())", [legacy])
    feed_batches = tasks.list_due_feeds(config)
    assert [f["url"] for b in feed_batches for f in b["feeds"]] == [legacy]
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan,
                   processed=[tasks.process_batch(config, b) for b in plan])
    assert rows(Path(config["db_path"]), "SELECT feed_url, last_status FROM feeds") == [(legacy, "ok")]


@pytest.mark.slow
def test_retried_batch_task_overwrites_its_own_output(config):
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    polled = [tasks.poll_batch(config, b) for b in feed_batches]  # the retry: same directory, replaced
    plan = tasks.plan_articles(config, polled)
    processed = [tasks.process_batch(config, b) for b in plan] + [tasks.process_batch(config, plan[0])]
    assert len({p["path"] for p in processed}) == len(plan)
    tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed[:-1])
    db = Path(config["db_path"])
    assert rows(db, "SELECT count(*), max(fetch_attempts) FROM articles") == [(5, 1)]
    assert rows(db, "SELECT count(*) FROM feed_entries") == [(5,)]


@pytest.mark.slow
def test_next_run_polls_only_due_feeds_and_fetches_what_a_lost_batch_left(config):
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    processed = [tasks.process_batch(config, plan[0])]  # batches 1 and 2 lost, never cleared
    tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    db = Path(config["db_path"])
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]

    # the next run: the feed was just polled, so it is not due (the CLI's adaptive schedule) ...
    later = {**config, "run_id": "scheduled__2026-01-01T00:15:00+00:00",
             "run_dir": config["run_dir"].replace("manual__", "scheduled__")}
    assert tasks.list_due_feeds(later) == []
    # ... but the planner still fetches the entries stored without their article (the backlog)
    plan = tasks.plan_articles(later, [])
    assert sum(b["articles"] for b in plan) == 3
    processed = [tasks.process_batch(later, b) for b in plan]
    report = tasks.load_run(later, feed_batches=[], polled=[], plan=plan, processed=processed)
    assert (report["feeds_polled"], report["feeds_skipped"], report["articles_new"]) == (0, 1, 3)
    assert rows(db, "SELECT count(*), max(fetch_attempts) FROM articles") == [(5, 1)]
    assert rows(db, "SELECT feeds_skipped, status FROM runs ORDER BY run_id") == [(0, "failed"), (1, "ok")]
    # `force` polls every feed, due or not
    assert len(tasks.list_due_feeds({**later, "force": True})) == 1


def test_airflow_setup_creates_the_writer_pool(tmp_path):
    calls = tmp_path / "calls.txt"
    fake = tmp_path / "airflow"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    result = CliRunner().invoke(cli, ["airflow-setup", "--airflow", str(fake)])
    assert result.exit_code == 0, result.output
    assert calls.read_text().startswith("pools set duckdb_writer 1 ")
    assert "duckdb_writer" in result.output

    fake.write_text("#!/bin/sh\necho 'database is not migrated' >&2\nexit 1\n")
    result = CliRunner().invoke(cli, ["airflow-setup", "--airflow", str(fake)])
    assert result.exit_code != 0 and "database is not migrated" in result.output


# ------------------------------------------------------------------------- a DAG run and a CLI pass, one database


def _page_hits(site) -> list[int]:
    return [site.hits(f"/a/{i}") for i in range(5)]


def _cli_pass(config) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "-q", "ingest", "--feeds", config["feeds_path"], "--db",
         config["db_path"], "--workers", "1", "--allow-private-network", "--force", "--no-archive"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_cli_pass_does_not_fetch_what_a_dag_run_has_claimed(site, config):
    """Issue #15: a CLI pass and a DAG run on one database fetched the same pages. The run claims the database
    from listing the feeds until its loader is done; a CLI pass in between stops with exit 75, fetching nothing."""
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    feed_hits = site.hits("/feed.xml")

    blocked = _cli_pass(config)
    assert blocked.returncode == 75, blocked.stderr
    assert "an Airflow run is working on" in blocked.stderr and "Traceback" not in blocked.stderr
    assert site.hits("/feed.xml") == feed_hits and _page_hits(site) == [0] * 5  # it fetched nothing at all

    processed = [tasks.process_batch(config, b) for b in plan]  # the planned pages are still the run's to fetch
    _cli_pass_meanwhile = _cli_pass(config)  # staged, not loaded yet: still the run's
    assert _cli_pass_meanwhile.returncode == 75 and _page_hits(site) == [1] * 5
    tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    assert not claim_path(config["db_path"]).exists()  # loaded: the claim is released

    after = _cli_pass(config)
    assert after.returncode == 0, after.stderr
    assert _page_hits(site) == [1] * 5  # every page fetched once, by the run; the pass found them stored
    assert rows(Path(config["db_path"]), "SELECT kind, status FROM runs ORDER BY run_id") == [
        ("airflow", "ok"), ("ingest", "ok")]


@pytest.mark.slow
def test_a_dag_task_does_not_fetch_while_a_cli_pass_runs(site, config, monkeypatch):
    """The other way round: a run whose claim lapsed (a task stuck past CLAIM_TTL) finds a CLI pass at work;
    its next task stops instead of fetching alongside it, and Airflow retries it once the pass is done."""
    monkeypatch.setattr(tasks, "CLAIM_WAIT", 0.2)
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    with pytest.raises(PassInProgress, match="an Airflow run is working"):  # the claim is live ...
        with pass_lock(config["db_path"]):
            pass
    lapsed = datetime.now(UTC) + tasks.CLAIM_TTL + timedelta(minutes=1)  # ... until the clock passes its TTL
    with pass_lock(config["db_path"], clock=lambda: lapsed):  # what a CLI pass holds for its whole pass ...
        with store.connect(config["db_path"]):  # ... after creating the database, if it was new
            pass
        with pytest.raises(PassInProgress, match="pass is running"):
            tasks.process_batch(config, plan[0])
        with pytest.raises(PassInProgress):
            tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=[])
    assert _page_hits(site) == [0] * 5
    processed = [tasks.process_batch(config, b) for b in plan]  # the retries, after the pass
    tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    assert _page_hits(site) == [1] * 5


def test_claims_of_runs_and_dags(tmp_path):
    db = tmp_path / "news.duckdb"
    claim_for_run(db, dag_id="news_ingest", run_id="r1", ttl=60)
    claim_for_run(db, dag_id="news_ingest", run_id="r1", ttl=60)  # renewed by the run's next task
    with pytest.raises(PassInProgress, match="another Airflow DAG"):
        claim_for_run(db, dag_id="other_dag", run_id="x", ttl=60)
    claim_for_run(db, dag_id="news_ingest", run_id="r2", ttl=60)  # a later run of the DAG takes it over
    release_claim(db, dag_id="news_ingest", run_id="r1")  # not r1's any more: stays
    assert json.loads(claim_path(db).read_text())["run_id"] == "r2"
    with pytest.raises(PassInProgress, match="run r2"):
        with pass_lock(db):
            pass
    release_claim(db, dag_id="news_ingest", run_id="r2")
    with pass_lock(db):
        pass
    # a claim file that is a link is never followed, written through or trusted
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    claim_path(db).symlink_to(precious)
    with pass_lock(db):
        pass
    claim_for_run(db, dag_id="news_ingest", run_id="r3", ttl=60)
    assert precious.read_text() == "keep" and not claim_path(db).is_symlink()


# ------------------------------------------------------------------------- the loader: one transaction per batch


def _stage_everything(config) -> dict:
    """Every task before the loader, as the scheduler runs them: the loader's keyword arguments."""
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    return {"feed_batches": feed_batches, "polled": polled, "plan": plan,
            "processed": [tasks.process_batch(config, b) for b in plan]}


class LoadSpy:
    """Stands in for pipeline.run.stages.load_stage: records the batches it is given (articles per batch) and
    fails the call numbered ``fail_at`` (1-based), before its transaction (``after=False``) or after its commit."""

    def __init__(self, monkeypatch, *, fail_at: int | None = None, after: bool = False) -> None:
        from pipeline.run import stages

        self.real, self.fail_at, self.after, self.articles = stages.load_stage, fail_at, after, []
        monkeypatch.setattr(stages, "load_stage", self)

    def __call__(self, db, batch, **kwargs):
        self.articles.append(batch.rows("articles"))
        failing = len(self.articles) == self.fail_at
        if failing and not self.after:
            raise RuntimeError("disk full")
        stats = self.real(db, batch, **kwargs)
        if failing:
            raise RuntimeError("killed after the commit")
        return stats


def _staged_names(config) -> list[str]:
    run_dir = Path(config["run_dir"].removeprefix("file://"))
    return sorted(p.name for p in run_dir.glob("*-0*")) if run_dir.exists() else []


@pytest.mark.slow
def test_each_staged_batch_is_loaded_in_its_own_transaction_and_a_retry_loads_the_rest(config, monkeypatch):
    """Issue #17: the loader merged a run's batches into ONE transaction, so one bad batch's load cost the
    whole run's. Now the second article batch's load fails: the poll batch and the first article batch stay
    committed (and removed); the retried loader loads the other two, counting nothing twice."""
    staged = _stage_everything(config)
    assert [b["articles"] for b in staged["plan"]] == [2, 2, 1]
    spy = LoadSpy(monkeypatch, fail_at=3)  # the poll batch, article batch 0, then article batch 1 fails
    with pytest.raises(RuntimeError, match="disk full"):
        tasks.load_run(config, **staged)
    db = Path(config["db_path"])
    assert spy.articles == [0, 2, 2]
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]  # article batch 0 committed
    assert rows(db, "SELECT count(*) FROM feed_entries") == [(5,)]  # and the poll batch
    assert _staged_names(config) == ["articles-00001", "articles-00002"]  # what is left to load
    assert rows(db, "SELECT status, error, articles_new, paragraphs_new = (SELECT count(*) FROM paragraphs), "
                    "paragraphs_new > 0 FROM runs") == [("failed", "RuntimeError: disk full", 5, True, True)]

    spy = LoadSpy(monkeypatch)
    report = tasks.load_run(config, **staged)
    assert spy.articles == [2, 1] and report["staged_batches_loaded"] == 2
    assert rows(db, "SELECT count(*), max(fetch_attempts) FROM articles") == [(5, 1)]
    assert rows(db, "SELECT count(*), min(status), min(articles_new), "
                    "min(paragraphs_new) = (SELECT count(*) FROM paragraphs) FROM runs") == [(1, "ok", 5, True)]
    assert report["articles_new"] == 5 and report["paragraphs_new"] == rows(db, "SELECT count(*) FROM paragraphs")[0][0]
    # the asset events announce every batch loaded, the failed try's included (it emitted none)
    assert report["rows_loaded"]["articles"] == 5 and report["rows_loaded"]["feed_entries"] == 5


@pytest.mark.slow
def test_a_batch_committed_but_not_removed_is_skipped_by_its_key(config, monkeypatch):
    """A loader killed between a batch's commit and its clean-up: the retry finds the batch staged, and its
    batch key in loaded_batches, so fetch attempts and feed failure counters are not counted twice."""
    staged = _stage_everything(config)
    LoadSpy(monkeypatch, fail_at=2, after=True)  # article batch 0 commits, then the loader dies
    with pytest.raises(RuntimeError, match="after the commit"):
        tasks.load_run(config, **staged)
    assert "articles-00000" in _staged_names(config)
    spy = LoadSpy(monkeypatch)
    tasks.load_run(config, **staged)
    db = Path(config["db_path"])
    assert spy.articles == [2, 2, 1]  # read again, and skipped inside its transaction
    assert rows(db, "SELECT count(*), max(fetch_attempts) FROM articles") == [(5, 1)]
    assert rows(db, "SELECT count(*) FROM loaded_batches") == [(4,)]
    # the killed try's batch is counted: its counts were written to the run row in its own transaction
    assert rows(db, "SELECT count(*), min(status), min(articles_new), "
                    "min(paragraphs_new) = (SELECT count(*) FROM paragraphs) FROM runs") == [(1, "ok", 5, True)]


@pytest.mark.slow
def test_the_loader_never_holds_more_than_one_batch(config, monkeypatch):
    """Memory: the loader loads batch by batch (N staged batches, N loads of one batch each, poll batch first)
    and never merges them."""
    from pipeline.store.staging import StagedBatch

    staged = _stage_everything(config)

    def merge(batches):
        raise AssertionError("the loader merged staged batches")

    monkeypatch.setattr(StagedBatch, "merge", classmethod(lambda cls, batches: merge(batches)))
    spy = LoadSpy(monkeypatch)
    report = tasks.load_run(config, **staged)
    assert spy.articles == [0, 2, 2, 1] and report["staged_batches_loaded"] == 4
    assert report["rows_loaded"]["articles"] == 5 and _staged_names(config) == []


# ------------------------------------------------------------------------- both faces count the same way


@pytest.fixture
def mixed_site(site):
    """Five articles, one link that 404s (a failed article, retried on the next pass), one empty page."""
    for i in range(5):
        site.add(f"/a/{i}", article_page(f"Story {i}", [words(25, f"parity {i} part {j}") for j in range(3)]))
    site.add("/a/empty", "<!doctype html><html><head><title>x</title></head><body></body></html>")
    items = [{"title": f"S{i}", "link": site.url(f"/a/{i}"), "guid": str(i)} for i in range(5)]
    items += [{"title": "Gone", "link": site.url("/a/gone"), "guid": "gone"},
              {"title": "Empty", "link": site.url("/a/empty"), "guid": "empty"}]
    site.add("/feed.xml", rss(items), content_type="application/rss+xml")
    return site


def _dag_pass(config) -> None:
    staged = _stage_everything(config)
    tasks.load_run(config, **staged)


def _counters(db: Path) -> list[tuple]:
    return rows(db, f"SELECT status, {', '.join(COUNTERS)}, outcomes FROM runs ORDER BY run_id")


@pytest.mark.slow
def test_a_dag_run_and_a_cli_pass_record_the_same_counts(mixed_site, make_options, tmp_path):
    """One bookkeeping path: two DAG runs and two CLI passes over the same site, each on its own database,
    write the same runs counters (new, failed, empty, then a retry and an unchanged feed)."""
    from pipeline.run.ingest import run_pass

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(mixed_site.url("/feed.xml") + "\n")
    dag_db, cli_db = tmp_path / "dag.duckdb", tmp_path / "cli.duckdb"
    for n in range(2):
        # robots.txt off on both faces: a DAG run's batch tasks each fetch it again (they cannot see what the
        # poll batch fetched before the loader stores it), which is fetching, not counting
        config = tasks.configure({"feeds": str(feeds), "db": str(dag_db), "allow_private_network": True,
                                  "articles_per_batch": 2, "force": True, "no_archive": True, "no_robots": True},
                                 dag_id="news_ingest", run_id=f"manual__{n}")
        _dag_pass(config)
        fetch = FetchOptions(allow_private_network=True, total_timeout=10, read_timeout=5, robots=False)
        run_pass(make_options(mixed_site.url("/feed.xml"), db=cli_db, batch_size=2, archive=False, fetch=fetch))
    dag, cli = _counters(dag_db), _counters(cli_db)
    assert dag == cli
    first, second = (dict(zip(("status", *COUNTERS), row)) for row in dag)
    assert (first["articles_new"], first["articles_failed"], first["articles_empty"]) == (6, 1, 1)
    assert (second["articles_retried"], second["feeds_not_modified"]) == (1, 1)
    assert first["paragraphs_new"] > 0 and first["requests"] > 7



@pytest.mark.slow
def test_robots_txt_is_fetched_once_per_host_across_the_batches_of_a_run(site, config):
    """Each article batch of a run is a task of its own, with its own robots cache; the rules an earlier batch
    fetched are staged, not loaded into the database yet, so a later batch asked for robots.txt again."""
    site.add("/robots.txt", "User-agent: *\nDisallow: /a/4\n", content_type="text/plain")
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    assert [b["articles"] for b in plan] == [2, 2, 1]
    processed = [tasks.process_batch(config, b) for b in plan]
    assert site.hits("/robots.txt") == 1
    assert _page_hits(site) == [1, 1, 1, 1, 0]  # the last batch honoured the rules the first one fetched
    tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    db = Path(config["db_path"])
    assert rows(db, "SELECT count(*), min(status) FROM robots_txt") == [(1, "ok")]
    assert rows(db, "SELECT error_kind FROM articles WHERE url LIKE '%/a/4'") == [("robots",)]


@pytest.mark.slow
def test_unreadable_staged_robots_rules_cost_a_request_not_the_batch(site, config, caplog):
    site.add("/robots.txt", "User-agent: *\nDisallow: /a/4\n", content_type="text/plain")
    polled = [tasks.poll_batch(config, b) for b in tasks.list_due_feeds(config)]
    plan = tasks.plan_articles(config, polled)
    first = tasks.process_batch(config, plan[0])
    (shared,) = (tasks.stagingurl.local_path(first["path"]).parent / "robots").glob("*.parquet")  # one origin
    shared.write_bytes(b"PAR1 not parquet at all")
    with caplog.at_level("WARNING", logger="pipeline.run.tasks"):
        second = tasks.process_batch(config, plan[1])
    assert second["articles"] == 2 and site.hits("/robots.txt") == 2  # asked again, and went on
    assert "robots.txt rules staged at" in caplog.text and site.url("/")[:-1] in caplog.text
