"""news_ingest: poll the feeds, fetch and extract new articles, dedup paragraphs, load DuckDB.

```
configure -> list_feeds -> poll_feeds[batch]* -> plan_articles -> process_articles[batch]* -> load -> summary
```

* Mapped tasks work on **batches** (feeds, then articles), never one task per article, and write their
  results as staged Parquet directories; XComs carry only paths and counts.
* **load** is the only task that opens the DuckDB file for writing (DuckDB allows one writer process). It
  runs in the pool `duckdb_writer` (1 slot; created by `newsdesk airflow-setup`), loads every staged batch
  of the run in one transaction with upserts and removes the staging files. It and **plan_articles** run
  when their upstream is done (`all_done`), not only when it all succeeded: a failed batch costs only its
  own feeds or articles (polled/fetched again next run), the others are loaded, and **summary** then fails
  the run so the lost batch shows.
* Retries and re-runs add nothing twice: staged directories are named by run id and batch index, and the
  load upserts.
* Assets: **load** updates `newsdesk://articles`, `newsdesk://paragraphs`,
  `newsdesk://ceasefire_statements`, `newsdesk://entities` and `newsdesk://quotes`; schedule other DAGs on them.
  An event is emitted only for a table that got rows in this run (through the asset alias `newsdesk_loaded`,
  which emits just what the loader adds to it): a quiet run wakes no downstream DAG.
* While a run is at work (from **list_feeds** until **load** is done) it claims the database, so a
  `newsdesk ingest` started meanwhile stops at once (exit 75) instead of fetching the same pages; a task that
  finds a CLI pass at work fails and is retried.

Settings: DAG params, else the environment shared with the `newsdesk` CLI, else their defaults, all declared once
in `pipeline.settings`: `NEWSDESK_FEEDS` (feeds file; unset: the feeds subscribed in the database), `NEWSDESK_DB`
(DuckDB file), `NEWSDESK_ALLOW_PRIVATE_NETWORK`, `NEWSDESK_BATCH_SIZE`, `NEWSDESK_TIMEOUT`, ... Read when this
file is parsed: `NEWSDESK_SCHEDULE` sets the schedule (cron, default every 15 minutes; `none` for manual runs
only); `NEWSDESK_DB_QUEUE` the queue of the tasks that open the database (Celery deployments);
`NEWSDESK_TASK_RETRIES` how often a failed task is retried within its run (default 2; 0: a batch lost to a
failure or a dead worker is left to the next run, which fetches what it lost). `NEWSDESK_STAGING` (or the param
`staging_dir`) is where the workers stage their batches for the loader: a path or a URL (`file://`, `s3://`,
`gs://`), storage every worker reaches.

The work is done by `pipeline.run.tasks` (plain Python); this file only describes the graph, so it parses fast:
import nothing heavy at the top.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset, AssetAlias, Param, TriggerRule, dag, task

from pipeline.errors import ConfigError
from pipeline.settings import dag_params

DEFAULT_SCHEDULE = "*/15 * * * *"

#: the queue of the tasks that open the DuckDB file. Only matters with Celery workers: it must be served by the
#: worker on the machine that holds the database (see docker-compose.yml, profile "celery").
DB_QUEUE = os.environ.get("NEWSDESK_DB_QUEUE") or "default"

#: what the loader changes, for downstream DAGs: ``@dag(schedule=[Asset("newsdesk://articles")])``
ASSETS = {name: Asset(f"newsdesk://{name}") for name in ("articles", "paragraphs", "ceasefire_statements", "entities",
                                                           "quotes")}
#: the loader's outlet. An Asset outlet gets an event whenever the task succeeds, rows or not; an alias only the
#: events the task adds to it, i.e. the assets it really changed
LOADED = AssetAlias("newsdesk_loaded")


def _retries() -> int:
    value = os.environ.get("NEWSDESK_TASK_RETRIES", "").strip()
    if value.isdigit():
        return int(value)
    if value:
        raise ConfigError(f"NEWSDESK_TASK_RETRIES must be a whole number of retries (0 or more), got {value!r}")
    return 2


def _schedule() -> str | None:
    value = os.environ.get("NEWSDESK_SCHEDULE", DEFAULT_SCHEDULE).strip()
    return None if value.lower() in ("", "none", "manual") else value


DEFAULT_ARGS = {
    "owner": "newsdesk",
    # network hiccups and a briefly held DuckDB lock are worth retrying, with growing waits
    "retries": _retries(),
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(minutes=30),
}

# Declared once in pipeline.settings (standard library only, cheap to import here): every param left empty falls
# back to the environment variable `newsdesk ingest` reads, then to the declared default, so one environment
# configures the CLI and the DAG alike (see pipeline.run.tasks.configure).
PARAMS = {name: Param(None, **schema) for name, schema in dag_params().items()}


def _emit(outlet_events, report: dict) -> None:
    """One event per asset whose table got rows, with the run id and the rows in ``extra``; none for the rest."""
    from pipeline.run import tasks

    for name, extra in tasks.asset_events(report, list(ASSETS)).items():
        outlet_events[LOADED].add(ASSETS[name], extra=extra)


@dag(
    dag_id="news_ingest",
    schedule=_schedule(),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,  # runs never overlap: the next one plans against what this one loaded
    default_args=DEFAULT_ARGS,
    params=PARAMS,
    tags=["newsdesk", "ingestion"],
    doc_md=__doc__,
)
def news_ingest() -> None:
    @task(retries=0)
    def configure(params=None, dag=None, run_id=None) -> dict:
        from pipeline.run import tasks

        return tasks.configure(params, dag_id=dag.dag_id, run_id=run_id)

    @task(queue=DB_QUEUE)  # reads the feeds table (backoff of failing feeds)
    def list_feeds(config: dict) -> list[dict]:
        from pipeline.run import tasks

        return tasks.list_due_feeds(config)

    @task
    def poll_feeds(config: dict, batch: dict) -> dict:
        from pipeline.run import tasks

        return tasks.poll_batch(config, batch)

    # all_done: plan over the feed batches that were polled, even if another batch failed
    @task(trigger_rule=TriggerRule.ALL_DONE, queue=DB_QUEUE)
    def plan_articles(config: dict, polled: list[dict]) -> list[dict]:
        from pipeline.run import tasks

        return tasks.plan_articles(config, polled)

    @task
    def process_articles(config: dict, batch: dict) -> dict:
        from pipeline.run import tasks

        return tasks.process_batch(config, batch)

    @task(pool="duckdb_writer", queue=DB_QUEUE, trigger_rule=TriggerRule.ALL_DONE, outlets=[LOADED])
    def load(config, feed_batches, polled, plan, processed, outlet_events=None) -> dict:
        from pipeline.run import tasks

        report = tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
        _emit(outlet_events, report)
        return report

    @task(retries=0)
    def summary(report: dict) -> dict:
        from pipeline.run import tasks

        return tasks.summarize(report)

    config = configure()
    feed_batches = list_feeds(config)
    polled = poll_feeds.partial(config=config).expand(batch=feed_batches)
    plan = plan_articles(config, polled)
    processed = process_articles.partial(config=config).expand(batch=plan)
    summary(load(config, feed_batches, polled, plan, processed))


news_ingest()
