"""Scale-out, proven: news_ingest on the CeleryExecutor with TWO Celery workers, Redis as the broker, PostgreSQL
as the metadata database, and the run's batches staged through a URL (a ``file://`` URL with a space here, the
same code path as ``s3://``: pipeline.store.stagingurl).

PostgreSQL and Redis are Debian's packages (installed here if missing), started on loopback in a temp dir; the
api-server, scheduler, dag-processor and the workers are real Airflow processes. Worker ``w1`` serves the default
queue, ``w2`` the default queue and the database queue (NEWSDESK_DB_QUEUE), like docker-compose.yml's Celery
profile. Everything is stopped by PID at the end, whatever happens; the test skips only where the packages
cannot be installed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from airflow_harness import (
    BIN,
    Deployment,
    Service,
    airflow_env,
    deployment,
    install_debian_services,
    migrate,
    session_members,
    start_postgres,
    start_redis,
    wait_for,
)
from conftest import article_page, rss, words
from pipeline.localserver import Response
from pipeline.store import stagingurl
from test_dags import rows, table_contents

pytestmark = [pytest.mark.slow, pytest.mark.celery]

DB_QUEUE = "newsdesk_db"
WORKERS = {"w1": "default", "w2": f"default,{DB_QUEUE}"}  # as docker-compose.yml: airflow-worker, -duckdb
CONCURRENCY = 2  # per worker, as docker-compose.yml
HEARTBEAT_TIMEOUT = 30  # seconds until the scheduler gives up on a task whose worker died (default 300)


# ------------------------------------------------------------------------------------------------ services


@pytest.fixture(scope="module")
def services() -> Iterator[dict[str, Service]]:
    reason = install_debian_services()
    if reason:
        pytest.skip(f"PostgreSQL and Redis from Debian's packages are needed: {reason}")
    # not under pytest's tmp dir: the postgres user must reach it, and pytest's is root's alone
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-celery-"))
    workdir.chmod(0o711)  # the postgres user passes through to its own directory inside
    started: dict[str, Service] = {}
    try:
        started["postgres"] = start_postgres(workdir / "postgres")
        started["redis"] = start_redis(workdir / "redis")
        yield started
    finally:
        for service in reversed(list(started.values())):
            service.stop()
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


# ------------------------------------------------------------------------------------------------- corpus


def slow(page: str, delay: dict):
    """A route that answers ``page`` after ``delay["seconds"]`` (the server answers each request in a thread)."""
    body = page.encode("utf-8")

    def route(path: str) -> Response:
        time.sleep(delay["seconds"])
        return Response(body=body)

    return route


@pytest.fixture
def corpus(site, tmp_path) -> dict:
    """Two feeds, twelve articles: one listed by both feeds, one 404, one page repeating paragraphs, a paragraph
    several articles share. Every page takes a moment (``delay``), so batches overlap and both workers get some."""
    delay = {"seconds": 0.3}
    shared = words(25, "celery shared wire copy")
    body = [words(25, f"celery glitch {i}") for i in range(4)]
    pages = {"/a/glitch": article_page("Talks resume", ["Talks resume", "Talks resume", *body, *body[1:3]])}
    for i in range(10):
        extra = [shared] if i % 3 == 1 else []
        pages[f"/a/{i}"] = article_page(f"Story {i}", [words(25, f"celery story {i} part {j}") for j in range(3)] + extra)
    for path, page in pages.items():
        site.add(path, slow(page, delay))
    world = [{"title": "Talks", "link": site.url("/a/glitch"), "guid": "w-glitch"},
             {"title": "Gone", "link": site.url("/a/gone"), "guid": "w-gone"}]
    world += [{"title": f"Story {i}", "link": site.url(f"/a/{i}"), "guid": f"w-{i}"} for i in range(5)]
    region = [{"title": "Story 1 (again)", "link": site.url("/a/1?utm_source=rss"), "guid": "r-1"}]
    region += [{"title": f"Story {i}", "link": site.url(f"/a/{i}"), "guid": f"r-{i}"} for i in range(5, 10)]
    site.add("/world.xml", rss(world), content_type="application/rss+xml")
    site.add("/region.xml", rss(region, title="Test Gazette: Region"), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/world.xml')}\n{site.url('/region.xml')}\n")
    return {"site": site, "feeds": feeds, "articles": 12, "world": world, "delay": delay}


def add_articles(corpus: dict, n: int, seconds: float) -> list[str]:
    """``n`` new articles on the world feed, each page taking ``seconds`` to serve."""
    site, urls = corpus["site"], []
    for i in range(n):
        path = f"/late/{i}"
        page = article_page(f"Late {i}", [words(25, f"celery late {i} part {j}") for j in range(3)])
        site.add(path, slow(page, {"seconds": seconds}))
        urls.append(site.url(path))
        corpus["world"].append({"title": f"Late {i}", "link": site.url(path), "guid": f"late-{i}"})
    site.add("/world.xml", rss(corpus["world"]), content_type="application/rss+xml")
    return urls


def cli_ingest(corpus: dict, db: Path, home: Path) -> None:
    env = {**airflow_env(home), "NEWSDESK_FEEDS": str(corpus["feeds"]), "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1",
           "NEWSDESK_DB": str(db)}
    result = subprocess.run([str(BIN / "newsdesk"), "ingest", "--workers", "1", "--json"], capture_output=True,
                            text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


# ---------------------------------------------------------------------------------------------- airflow


def trigger(airflow: Deployment, conf: dict) -> str:
    response = airflow.api.post("/dags/news_ingest/dagRuns", json={"logical_date": None, "conf": conf})
    assert response.status_code == 200, response.text
    return response.json()["dag_run_id"]


def wait_run(airflow: Deployment, run_id: str, timeout: float = 420) -> str:
    def finished():
        state = airflow.api.get(f"/dags/news_ingest/dagRuns/{run_id}").json()["state"]
        return state if state in ("success", "failed") else None

    return wait_for(f"run {run_id} to finish", finished, timeout=timeout, interval=2, deployment=airflow)


def task_instances(airflow: Deployment, run_id: str) -> list[dict]:
    return airflow.api.get(f"/dags/news_ingest/dagRuns/{run_id}/taskInstances", params={"limit": 500}).json()[
        "task_instances"]


def placed(tis: list[dict], task_id: str) -> dict[int, tuple[str, str, str]]:
    """map index -> (state, hostname, queue) of one task's instances."""
    return {t["map_index"]: (t["state"], t["hostname"], t["queue"]) for t in tis if t["task_id"] == task_id}


def describe(tis: list[dict]) -> str:
    return "\n".join(f"{t['task_id']}[{t['map_index']}] {t['state']} on {t['hostname']} ({t['queue']}) "
                     f"try {t['try_number']}" for t in sorted(tis, key=lambda t: (t["task_id"], t["map_index"])))


# ------------------------------------------------------------------------------------------------- test


def test_news_ingest_on_celery_with_two_workers_postgres_and_staging_through_a_url(services, corpus, tmp_path):
    started = time.monotonic()
    home, db = tmp_path / "airflow", tmp_path / "news.duckdb"
    staging = f"file://{tmp_path}/shared staging"  # a URL, with a space in its path
    extra = {
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": services["postgres"].url,
        "AIRFLOW__CELERY__BROKER_URL": services["redis"].url,
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + services["postgres"].url,  # the driver named, as SQL_ALCHEMY_CONN
        "AIRFLOW__CORE__PARALLELISM": "8",
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": str(HEARTBEAT_TIMEOUT),
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
        "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "120",  # a task a dead worker had taken but not started
        "NEWSDESK_FEEDS": str(corpus["feeds"]), "NEWSDESK_DB": str(db), "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1",
        "NEWSDESK_SCHEDULE": "none", "NEWSDESK_DB_QUEUE": DB_QUEUE, "NEWSDESK_STAGING": staging,
        # a batch lost with its worker is left to the next run (the default, 2, retries it within the run)
        "NEWSDESK_TASK_RETRIES": "0",
    }
    migrate(home, extra)
    setup = subprocess.run([str(BIN / "newsdesk"), "airflow-setup"], env=airflow_env(home, extra=extra),
                           capture_output=True, text=True, timeout=300)
    assert setup.returncode == 0 and "duckdb_writer" in setup.stdout, setup.stderr[-3000:]

    with deployment(home, extra, triggerer=False) as airflow:
        for name, queues in WORKERS.items():
            airflow.start_worker(name, queues=queues, concurrency=CONCURRENCY)
        wait_for("news_ingest to be parsed", lambda: airflow.api.get("/dags/news_ingest").status_code == 200,
                 timeout=300, deployment=airflow)
        for name in WORKERS:
            wait_for(f"worker {name} to be ready", lambda name=name: b" ready." in (home / f"{name}.log").read_bytes(),
                     timeout=180, deployment=airflow)
        setup_s = time.monotonic() - started

        # 1. the run succeeds; the batches ran on both workers; the database's tasks only on w2, its queue's
        run = trigger(airflow, {"feeds_per_batch": 1, "articles_per_batch": 2})
        state = wait_run(airflow, run)
        tis = task_instances(airflow, run)
        assert state == "success", f"{describe(tis)}\n{airflow.logs()}"
        fetched = placed(tis, "process_articles")
        assert len(fetched) == 6  # 12 articles, 2 per batch
        assert {host for _, host, _ in fetched.values()} == set(WORKERS), describe(tis)
        assert {queue for _, _, queue in fetched.values()} == {"default"}
        for task_id in ("list_feeds", "plan_articles", "load"):
            assert placed(tis, task_id) == {-1: ("success", "w2", DB_QUEUE)}, describe(tis)
        assert all(t["hostname"] in WORKERS for t in tis), "every task ran on one of the two workers"

        # ... and it stored what `newsdesk ingest` stores over the same feeds
        cli_db = tmp_path / "cli.duckdb"
        cli_ingest(corpus, cli_db, home)
        loaded = table_contents(db)
        assert len(loaded["articles"]) == corpus["articles"] and len(loaded["article_paragraphs"]) > 40
        assert loaded == table_contents(cli_db)
        assert rows(db, "SELECT kind, status, feeds_polled FROM runs") == [("airflow", "ok", 2)]
        assert not list(tmp_path.glob("shared staging/news_ingest/*")), "the loader removed the run's staging"
        first_s = time.monotonic() - started - setup_s

        # 2. a second run adds nothing (the feeds are not due; only the 404 is tried again)
        again = trigger(airflow, {"feeds_per_batch": 1, "articles_per_batch": 2})
        assert wait_run(airflow, again) == "success", describe(task_instances(airflow, again))
        assert table_contents(db) == loaded
        assert rows(db, "SELECT count(*), count(*) FILTER (status = 'ok') FROM runs") == [(2, 2)]

        # 3. worker w1 dies mid-run: only what it was running is lost; the rest is loaded, the run shows red
        late = add_articles(corpus, 6, seconds=4.0)  # 3 batches, each busy for 8 s
        killed_run = trigger(airflow, {"feeds_per_batch": 1, "articles_per_batch": 2, "force": True})

        def running_on_w1():
            now = placed(task_instances(airflow, killed_run), "process_articles")
            return {i for i, (state, host, _) in now.items() if state == "running" and host == "w1"}

        on_w1 = wait_for("a batch running on w1", running_on_w1, timeout=300, interval=0.5, deployment=airflow)
        time.sleep(1)  # let its fetches begin
        killed_w1 = airflow.processes["w1"].pid
        airflow.kill("w1")
        assert not session_members(killed_w1), "w1 and its task processes are all gone"
        del airflow.processes["w1"]  # dead on purpose: check_alive must not fail on it
        state = wait_run(airflow, killed_run, timeout=HEARTBEAT_TIMEOUT + 300)
        tis = task_instances(airflow, killed_run)
        batches = placed(tis, "process_articles")
        lost = {i for i, (s, _, _) in batches.items() if s != "success"}
        assert state == "failed" and lost, describe(tis)
        assert lost <= on_w1 | {i for i, (_, host, _) in batches.items() if host == "w1"}, describe(tis)
        assert placed(tis, "load")[-1][0] == "success" and placed(tis, "summary")[-1][0] == "failed"
        (status, error), = rows(db, "SELECT status, error FROM runs ORDER BY run_id DESC LIMIT 1")
        assert status == "failed" and f"article_batches_failed={sorted(lost)}" in error, error
        # the lost batches' plans stay staged (to clear and finish them); exactly their articles are missing
        plans = [next(tmp_path.glob(f"shared staging/news_ingest/*/plan/articles-{i:05d}.parquet")) for i in lost]
        missing = {link for p in plans for link in stagingurl.read_parquet(f"file://{p}").column("link").to_pylist()}
        stored = {u for (u,) in rows(db, "SELECT url FROM articles WHERE status = 'ok'")}
        assert missing and not missing & stored
        assert set(late) - missing <= stored, "every other batch was loaded"

        # 4. the next run fetches what the dead worker lost, on the worker that is left
        recovery = trigger(airflow, {"articles_per_batch": 2})
        assert wait_run(airflow, recovery) == "success", describe(task_instances(airflow, recovery))
        assert {h for _, h, _ in placed(task_instances(airflow, recovery), "process_articles").values()} == {"w2"}
        assert set(late) <= {u for (u,) in rows(db, "SELECT url FROM articles WHERE status = 'ok'")}
        assert rows(db, "SELECT max(fetch_attempts) FROM articles WHERE status = 'ok'") == [(1,)]
        kill_s = time.monotonic() - started - setup_s - first_s
        sessions = [p.pid for p in airflow.processes.values()] + [killed_w1]
    # every process the deployment started is gone, with the task processes it forked (own process groups)
    time.sleep(1)
    assert not [pid for sid in sessions for pid in session_members(sid)]

    # nothing twice, nothing missing: the same rows as one `newsdesk ingest` over the final feeds
    final_cli = tmp_path / "cli-final.duckdb"
    cli_ingest(corpus, final_cli, home)
    assert table_contents(db)["articles"] == table_contents(final_cli)["articles"]
    assert table_contents(db)["paragraphs"] == table_contents(final_cli)["paragraphs"]
    sys.stderr.write(f"\ncelery test: {time.monotonic() - started:.0f}s (setup {setup_s:.0f}s, first run and CLI "
                     f"{first_s:.0f}s, second run, kill and recovery {kill_s:.0f}s; w1 killed running batches "
                     f"{sorted(on_w1)}, lost {sorted(lost)})\n")


def test_the_test_skips_only_where_the_packages_cannot_be_installed(monkeypatch):
    import airflow_harness

    monkeypatch.setattr(airflow_harness, "redis_server", lambda: None)
    monkeypatch.setattr(airflow_harness.os, "geteuid", lambda: 1000)
    assert install_debian_services() == ("redis-server not installed, and installing needs root: "
                                         "sudo apt-get install -y redis-server")
    monkeypatch.setattr(airflow_harness.shutil, "which", lambda name: None)
    assert "no apt-get here" in install_debian_services()


def test_task_retries_come_from_the_environment(tmp_path):
    """NEWSDESK_TASK_RETRIES, read when the DAG file is parsed (in a subprocess: Airflow's configuration and
    logging stay out of this one): 2 by default, 0 as the test above runs, and a bad value is a one-line error."""
    from airflow_harness import DAGS

    script = ("import runpy, sys; sys.path.insert(0, sys.argv[1]); "
              "m = runpy.run_path(sys.argv[2]); print('retries', m['DEFAULT_ARGS']['retries'])")

    def parse(value: str | None) -> subprocess.CompletedProcess:
        env = airflow_env(tmp_path / "home", extra={} if value is None else {"NEWSDESK_TASK_RETRIES": value})
        return subprocess.run([sys.executable, "-c", script, str(DAGS.parent), str(DAGS / "news_ingest.py")],
                              env=env, capture_output=True, text=True, timeout=300)

    assert "retries 2" in parse(None).stdout
    assert "retries 0" in parse("0").stdout
    bad = parse("two")
    assert bad.returncode != 0
    assert "ConfigError: NEWSDESK_TASK_RETRIES must be a whole number of retries (0 or more), got 'two'" in bad.stderr
