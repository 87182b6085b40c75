"""news_ingest on Celery: the same corpus through one worker, then through two, in articles per second.

    uv run python bench/celery_scaling.py                  # 600 articles, 50 per mapped batch
    uv run python bench/celery_scaling.py --articles 300

A real deployment on loopback, as tests/test_celery.py starts it: PostgreSQL (metadata) and Redis (broker) from
Debian's packages (installed if missing, as root), the api-server, scheduler and dag-processor, and Celery
workers with ``--concurrency 2`` each (docker-compose.yml's). The corpus is bench/throughput.py's: the 181
pages of ../shared/corpus/extraction replicated to N articles behind 25 RSS feeds on a loopback server. Each
configuration loads it into a fresh DuckDB file (the DAG params ``db`` and ``feeds``), staged through a
``file://`` URL; a small warm-up run goes first, so neither pays for parsing the DAG.

Reported per configuration: articles per second from the trigger to the run's success (``rate``), and over the
fetch-and-extract phase alone (``batch_rate``: first process_articles start to last end, the part the workers
share), with the tasks each worker ran. The workers share this machine's cores: on a 2-core machine two workers
cannot go faster than the cores allow, so the figure says what the orchestration costs and that batches spread;
workers on more machines add their cores. Last line, for scripts:

    articles=600 one_worker=10.1/s two_workers=11.3/s speedup=1.12
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from throughput import FEEDS, corpus_server, load_pages  # noqa: I001  (bench/ is on sys.path: run as a script)

from airflow_harness import (
    BIN,
    airflow_env,
    deployment,
    install_debian_services,
    migrate,
    start_postgres,
    start_redis,
    wait_for,
)

DB_QUEUE = "newsdesk_db"
CONCURRENCY = 2
#: every article is on one loopback host: without these, politeness (1 s between requests to a host, 2 at once,
#: per task) would be all that is measured; bench/throughput.py's pass lifts it the same way
LOOPBACK = {"per_host": 16, "concurrency": 16, "min_host_delay": 0}


def run(airflow, conf: dict, timeout: float) -> tuple[float, list[dict]]:
    started = time.perf_counter()
    response = airflow.api.post("/dags/news_ingest/dagRuns", json={"logical_date": None, "conf": conf})
    response.raise_for_status()
    run_id = response.json()["dag_run_id"]

    def finished():
        state = airflow.api.get(f"/dags/news_ingest/dagRuns/{run_id}").json()["state"]
        return state if state in ("success", "failed") else None

    state = wait_for(f"run {run_id}", finished, timeout=timeout, interval=1, deployment=airflow)
    wall = time.perf_counter() - started
    tis = airflow.api.get(f"/dags/news_ingest/dagRuns/{run_id}/taskInstances", params={"limit": 1000}).json()[
        "task_instances"]
    if state != "success":
        raise SystemExit(f"run {run_id} {state}: " + ", ".join(f"{t['task_id']}[{t['map_index']}] {t['state']}"
                                                               for t in tis if t["state"] != "success"))
    return wall, tis


def batch_phase(tis: list[dict]) -> float:
    batches = [t for t in tis if t["task_id"] == "process_articles"]
    start = min(datetime.fromisoformat(t["start_date"]) for t in batches)
    end = max(datetime.fromisoformat(t["end_date"]) for t in batches)
    return (end - start).total_seconds()


def ok_articles(db: Path) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--batch", type=int, default=50, help="articles per mapped batch (articles_per_batch)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one run may take")
    args = parser.parse_args()

    reason = install_debian_services()
    if reason:
        raise SystemExit(f"PostgreSQL and Redis from Debian's packages are needed: {reason}")
    pages = load_pages()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-celery-bench-"))
    work.chmod(0o711)  # the postgres user reaches its own directory inside
    postgres = start_postgres(work / "postgres")
    redis = start_redis(work / "redis")
    results: dict[str, float] = {}
    try:
        with corpus_server(pages, args.articles) as server:
            feeds = work / "feeds.txt"
            feeds.write_text("".join(server.url(f"/feed/{f}.xml") + "\n" for f in range(FEEDS)))
            warm = work / "warm.txt"
            warm.write_text(server.url("/feed/0.xml") + "\n")
            home = work / "airflow"
            extra = {
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": postgres.url,
                "AIRFLOW__CELERY__BROKER_URL": redis.url,
                "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + postgres.url,
                "AIRFLOW__CORE__PARALLELISM": "16",
                "NEWSDESK_DB": str(work / "unused.duckdb"), "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1",
                "NEWSDESK_SCHEDULE": "none", "NEWSDESK_DB_QUEUE": DB_QUEUE,
                "NEWSDESK_STAGING": f"file://{work}/staging", "NEWSDESK_NO_ARCHIVE": "1",
            }
            migrate(home, extra)
            subprocess.run([str(BIN / "newsdesk"), "airflow-setup"], env=airflow_env(home, extra=extra), check=True,
                           capture_output=True, timeout=300)
            with deployment(home, extra, triggerer=False) as airflow:
                wait_for("news_ingest parsed", lambda: airflow.api.get("/dags/news_ingest").status_code == 200,
                         timeout=300, deployment=airflow)
                for workers in (1, 2):
                    name = f"w{workers}"
                    airflow.start_worker(name, queues="default" if workers == 2 else f"default,{DB_QUEUE}",
                                         concurrency=CONCURRENCY)
                    wait_for(f"{name} ready", lambda name=name: b" ready." in (home / f"{name}.log").read_bytes(),
                             timeout=180, deployment=airflow)
                    if workers == 1:  # warm-up: a few articles, so the measured runs pay no first-time costs
                        run(airflow, {"feeds": str(warm), "db": str(work / "warm.duckdb"), "articles_per_batch": 5,
                                      "force": True}, args.timeout)
                    db = work / f"{workers}-workers.duckdb"
                    wall, tis = run(airflow, {"feeds": str(feeds), "db": str(db), "articles_per_batch": args.batch,
                                              "force": True, **LOOPBACK}, args.timeout)
                    n = ok_articles(db)
                    phase = batch_phase(tis)
                    placed: dict[str, int] = {}
                    for t in tis:
                        if t["task_id"] == "process_articles":
                            placed[t["hostname"]] = placed.get(t["hostname"], 0) + 1
                    results[name] = n / wall
                    print(f"{workers} worker{'s' if workers > 1 else ''} x concurrency {CONCURRENCY}: {n} articles "
                          f"in {wall:.1f} s, rate={n / wall:.1f}/s, batch_rate={n / phase:.1f}/s over the "
                          f"{phase:.1f} s of fetch and extract; batches per worker {placed}", flush=True)
    finally:
        redis.stop()
        postgres.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"articles={args.articles} one_worker={results['w1']:.1f}/s two_workers={results['w2']:.1f}/s "
          f"speedup={results['w2'] / results['w1']:.2f}")


if __name__ == "__main__":
    main()
