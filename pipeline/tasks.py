"""The bodies of the Airflow DAG's tasks (``dags/news_ingest.py``), as plain Python.

Why a module of its own: the DAG file stays a thin, fast-parsing description of the graph, and everything it
runs is ordinary library code that the tests (and anyone without Airflow) can call. Nothing here imports
Airflow. Arguments and return values are small JSON-able dicts (Airflow stores them as XComs): paths to staged
Parquet directories and counts, never article bodies.

One DAG run works in ``<db dir>/staging/<dag id>/<run id>/``::

    configure       -> the run's settings (DAG params, else NEWSDESK_* env), JSON for every other task
    list_due_feeds  -> [{"index", "feeds": [...]}]                      feed batches to poll
    poll_batch      -> poll-NNNNN/ (feed_polls, feed_entries)            one per feed batch
    plan_articles   -> plan/articles-NNNNN.parquet                       entries to fetch, re-batched
    process_batch   -> articles-NNNNN/ (articles, paragraphs, ...)       one per article batch
    load_run        -> DuckDB, ONE transaction for everything staged     the only writer
    summarize       -> raises if a batch was lost, so the run shows it

Directory names depend only on the run id and the batch index, so a retried task overwrites its own output
and a re-run loads nothing twice (the loader upserts).
"""

from __future__ import annotations

import logging
import math
import os
import re
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .errors import ConfigError, NewsdeskError
from .options import FetchOptions, env_flag

log = logging.getLogger(__name__)

#: Airflow refuses to expand a mapped task into more than ``[core] max_map_length`` (1024) instances.
MAX_MAP_LENGTH = 1024
#: a feed that keeps failing is polled less often: base interval x 2**(failures-1), at most this factor
MAX_BACKOFF_FACTOR = 64
#: staging directories of runs that never finished are removed after this long
STAGING_KEEP = timedelta(days=7)


_LOST_KEYS = ("feed_listing_failed", "poll_batches_failed", "planning_failed", "article_batches_failed")


class BatchesFailed(NewsdeskError):
    """Some batches of a DAG run failed: what the others staged was loaded, the run must still show red."""


@dataclass(frozen=True)
class TaskSettings:
    """One DAG run's settings, resolved once by :func:`configure` and handed to every task as JSON."""

    dag_id: str
    run_id: str
    feeds_path: str
    db_path: str
    run_dir: str  # this run's staging directory
    allow_private_network: bool
    feeds_per_batch: int
    articles_per_batch: int
    workers: int
    max_fetch_attempts: int
    lock_timeout: float
    poll_interval_minutes: float

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> TaskSettings:
        return cls(**{name: config[name] for name in cls.__dataclass_fields__})

    @property
    def db(self) -> Path:
        return Path(self.db_path)

    @property
    def staging(self) -> Path:
        return Path(self.run_dir)

    def fetch_options(self) -> FetchOptions:
        return FetchOptions(allow_private_network=self.allow_private_network)


def configure(params: Mapping[str, Any] | None, *, dag_id: str, run_id: str) -> dict:
    """Resolve a run's settings once, so every task of the run (and the UI's XCom view) sees the same ones.

    Empty params fall back to NEWSDESK_FEEDS / NEWSDESK_DB / NEWSDESK_ALLOW_PRIVATE_NETWORK, as the CLI does;
    the staging directory is ``<db dir>/staging/<dag id>/<run id>`` unless NEWSDESK_STAGING or the param
    ``staging_dir`` names another root (with Celery workers it must be storage every worker shares).
    """
    p = dict(params or {})
    feeds = p.get("feeds") or os.environ.get("NEWSDESK_FEEDS")
    db = p.get("db") or os.environ.get("NEWSDESK_DB")
    if not feeds:
        raise ConfigError("no feeds file: set NEWSDESK_FEEDS or the DAG param 'feeds'")
    if not db:
        raise ConfigError("no database: set NEWSDESK_DB or the DAG param 'db'")
    db_path = Path(db).expanduser().absolute()
    allow = p.get("allow_private_network")
    staging = Path(p.get("staging_dir") or os.environ.get("NEWSDESK_STAGING") or db_path.parent / "staging")
    settings = TaskSettings(
        dag_id=dag_id,
        run_id=run_id,
        feeds_path=str(Path(feeds).expanduser().absolute()),
        db_path=str(db_path),
        run_dir=str(staging.expanduser().absolute() / _safe_name(dag_id) / _safe_name(run_id)),
        allow_private_network=env_flag("NEWSDESK_ALLOW_PRIVATE_NETWORK") if allow is None else bool(allow),
        feeds_per_batch=max(1, int(p.get("feeds_per_batch") or 25)),
        articles_per_batch=max(1, int(p.get("articles_per_batch") or 100)),
        workers=max(1, int(p.get("workers") or 1)),
        max_fetch_attempts=max(1, int(p.get("max_fetch_attempts") or 5)),
        lock_timeout=float(p.get("lock_timeout") or 600.0),
        poll_interval_minutes=float(p.get("poll_interval_minutes") or 15.0),
    )
    log.info("settings: %s", settings)
    return asdict(settings)


def _safe_name(value: str) -> str:
    """Run ids look like ``manual__2026-01-01T00:00:00+00:00``: keep them readable but file-system safe."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", value).strip("._") or "run"


def _fetch_all(results: Sequence[Mapping[str, Any]] | None) -> list[Mapping[str, Any]]:
    """The results of a mapped task as a list. Airflow hands them over as a lazy sequence: one slice is one
    request, where iterating probes past the end and logs a spurious "XCom not found" error."""
    return list(results[:]) if results is not None else []


def _batch_size(total: int, wanted: int) -> int:
    """``wanted``, raised just enough that ``total`` items fit into ``MAX_MAP_LENGTH`` mapped tasks."""
    return max(wanted, math.ceil(total / MAX_MAP_LENGTH))


# ---------------------------------------------------------------------------------------------- list feeds


def list_due_feeds(config: Mapping[str, Any]) -> list[dict]:
    """The feeds to poll this run, in batches for ``poll_batch``.

    A feed is due unless it has failed lately: after N consecutive failures it waits
    ``poll_interval x 2**(N-1)`` (at most x64) since its last poll, so a dead feed is not hammered every
    15 minutes. The database is read only, and only if it exists.
    """
    from .feedlist import load_feeds

    s = TaskSettings.from_config(config)
    specs = load_feeds(s.feeds_path)
    backoff = _feed_backoff(s)
    now = datetime.now(UTC)
    due = [spec for spec in specs if spec.url not in backoff or backoff[spec.url] <= now]
    if len(due) < len(specs):
        log.info("%d of %d feeds are backing off after repeated failures", len(specs) - len(due), len(specs))
    size = _batch_size(len(due), s.feeds_per_batch)
    batches = [
        {"index": i, "feeds": [{"url": f.url, "name": f.name, "tags": list(f.tags)} for f in due[start : start + size]]}
        for i, start in enumerate(range(0, len(due), size))
    ]
    log.info("%d feeds due in %d batches", len(due), len(batches))
    return batches


def _feed_backoff(s: TaskSettings) -> dict[str, datetime]:
    """feed_url -> when a failing feed is due again."""
    from . import store

    if not s.db.exists():
        return {}
    with store.connect(s.db, read_only=True, lock_timeout=s.lock_timeout) as con:
        if not store.scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'feeds'"):
            return {}
        rows = con.execute(
            "SELECT feed_url, consecutive_failures, last_polled_at FROM feeds "
            "WHERE consecutive_failures > 0 AND last_polled_at IS NOT NULL"
        ).fetchall()
    interval = timedelta(minutes=s.poll_interval_minutes)
    return {url: polled + interval * min(2 ** (failures - 1), MAX_BACKOFF_FACTOR) for url, failures, polled in rows}


# ---------------------------------------------------------------------------------------------------- poll


def poll_batch(config: Mapping[str, Any], batch: Mapping[str, Any]) -> dict:
    """Poll one batch of feeds and stage their statuses and entries as ``poll-NNNNN/``."""
    from .records import FeedSpec
    from .stages import Workers, poll_stage

    s = TaskSettings.from_config(config)
    specs = [FeedSpec(url=f["url"], name=f.get("name"), tags=tuple(f.get("tags") or ())) for f in batch["feeds"]]
    with Workers(s.fetch_options()) as workers:
        polls, staged = poll_stage(specs, workers)
    path = staged.write(s.staging / f"poll-{batch['index']:05d}")
    problems = [f"{p.spec.url}: {p.status} ({p.error})" for p in polls if p.status != "ok"]
    for problem in problems:
        log.warning("feed problem: %s", problem)
    return {
        "index": batch["index"],
        "path": str(path),
        "feeds": len(polls),
        "feeds_failed": sum(1 for p in polls if not p.succeeded),
        "entries": staged.rows("feed_entries"),
        "problems": problems[:20],  # an XCom, not a log: the first few are enough
    }


# ---------------------------------------------------------------------------------------------------- plan


def plan_articles(config: Mapping[str, Any] | None, polled: Sequence[Mapping[str, Any]] | None) -> list[dict]:
    """Which of the polled entries need fetching (new, or failed with attempts left), in article batches.

    Entries are read back from the poll batches in batch order, so the plan is the one the CLI makes over the
    same feeds. Each article batch is written as ``plan/articles-NNNNN.parquet`` for ``process_batch``.
    Runs on whatever poll batches succeeded (a failed one is simply absent from ``polled``).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .stages import plan_stage
    from .staging import StagedBatch, entries_from_table, entries_table

    if config is None:
        raise ConfigError("the run's settings were not resolved (configure failed)")
    s = TaskSettings.from_config(config)
    entries = []
    for result in sorted(_fetch_all(polled), key=lambda r: r["index"]):
        entries += entries_from_table(StagedBatch.read(result["path"]).tables["feed_entries"])
    plan = plan_stage(s.db, entries, max_attempts=s.max_fetch_attempts, lock_timeout=s.lock_timeout)
    log.info("%d entries polled, %d articles to fetch (%d retries)", len(entries), len(plan.todo), len(plan.retries))
    plan_dir = s.staging / "plan"
    plan_dir.mkdir(parents=True, exist_ok=True)
    size = _batch_size(len(plan.todo), s.articles_per_batch)
    batches = []
    for i, start in enumerate(range(0, len(plan.todo), size)):
        chunk = plan.todo[start : start + size]
        retry = [e.article_id in plan.retries for e in chunk]
        table = entries_table([(e, None) for e in chunk]).append_column("retry", pa.array(retry, pa.bool_()))
        path = plan_dir / f"articles-{i:05d}.parquet"
        tmp = path.with_name(f".{path.name}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)  # a retried plan replaces its files whole
        batches.append({"index": i, "path": str(path), "articles": len(chunk), "retries": sum(retry)})
    return batches


# ------------------------------------------------------------------------------------------------- process


def process_batch(config: Mapping[str, Any], batch: Mapping[str, Any]) -> dict:
    """Fetch, extract and dedup one article batch; stage the result as ``articles-NNNNN/``.

    The database is not written here (DuckDB allows one writer process): it is only handed to the stage
    read-only, for analysis that skips what is already stored.
    """
    import pyarrow.parquet as pq

    from .stages import Workers, process_stage
    from .staging import entries_from_table

    s = TaskSettings.from_config(config)
    table = pq.read_table(batch["path"])
    entries = entries_from_table(table)
    retries = {e.article_id for e, retry in zip(entries, table.column("retry").to_pylist()) if retry}
    with Workers(s.fetch_options(), workers=s.workers, pages=len(entries)) as workers:
        processed, staged = process_stage(entries, workers, db_path=s.db if s.db.exists() else None)
    path = staged.write(s.staging / f"articles-{batch['index']:05d}")
    return {
        "index": batch["index"],
        "path": str(path),
        "articles": len(processed),
        # counted as the CLI pass counts them (pipeline.ingest)
        "articles_new": sum(1 for a in processed if a.entry.article_id not in retries and a.status != "failed"),
        "articles_retried": sum(1 for a in processed if a.entry.article_id in retries),
        "articles_failed": sum(1 for a in processed if a.status == "failed"),
        "articles_empty": sum(1 for a in processed if a.status == "empty"),
        "repeats_removed": sum(a.repeats for a in processed),
    }


# ---------------------------------------------------------------------------------------------------- load


def load_run(
    config: Mapping[str, Any] | None,
    *,
    feed_batches: Sequence[Mapping[str, Any]] | None,
    polled: Sequence[Mapping[str, Any]] | None,
    plan: Sequence[Mapping[str, Any]] | None,
    processed: Sequence[Mapping[str, Any]] | None,
) -> dict:
    """Load everything this run staged into DuckDB in ONE transaction, record a ``runs`` row, clean up.

    Runs after all batches finished, whether they succeeded or not: the results of failed batches are simply
    absent (their articles are fetched again next run), so one bad batch never costs the others' work. Staged
    directories that no longer exist were loaded by an earlier try of this task and are skipped; everything
    else is upserted, so a retry or a re-run adds nothing twice. The returned report lists lost batches.
    """
    from . import store
    from .stages import load_stage
    from .staging import StagedBatch

    if config is None:
        raise ConfigError("the run's settings were not resolved (configure failed); nothing was staged")
    s = TaskSettings.from_config(config)
    polled = sorted(_fetch_all(polled), key=lambda r: r["index"])
    processed = sorted(_fetch_all(processed), key=lambda r: r["index"])
    paths = [Path(r["path"]) for r in (*polled, *processed)]
    present = [p for p in paths if (p / "manifest.json").exists()]
    if len(present) < len(paths):
        log.info("%d staged batches were already loaded by an earlier try", len(paths) - len(present))
    batch = StagedBatch.merge(StagedBatch.read(p) for p in present)

    counts = _run_counts(polled, processed)
    missing = {
        "feed_listing_failed": feed_batches is None,
        "poll_batches_failed": sorted(set(range(len(feed_batches or []))) - {r["index"] for r in polled}),
        "planning_failed": plan is None and bool(polled),
        "article_batches_failed": sorted(set(range(len(plan or []))) - {r["index"] for r in processed}),
    }
    options = {"airflow_dag_id": s.dag_id, "airflow_run_id": s.run_id, "db_path": s.db_path,
               "allow_private_network": s.allow_private_network, "articles_per_batch": s.articles_per_batch,
               "feeds_per_batch": s.feeds_per_batch, "max_fetch_attempts": s.max_fetch_attempts}
    started = time.monotonic()
    with store.connect(s.db, lock_timeout=s.lock_timeout) as con:
        newsdesk_run_id, earlier_paragraphs = _airflow_run_row(con, s.dag_id, s.run_id, options)
    try:
        stats = load_stage(s.db, batch, run_id=newsdesk_run_id, lock_timeout=s.lock_timeout)
    except BaseException as exc:
        _finish(s, newsdesk_run_id, counts, status="failed", error=f"{type(exc).__name__}: {exc}", quiet=True)
        raise
    counts["paragraphs_new"] = earlier_paragraphs + stats.paragraphs_new
    lost = any(missing.values())
    # like a CLI pass that stopped half-way: what was loaded stays, the run row says it did not complete
    _finish(s, newsdesk_run_id, counts, status="failed" if lost else "ok",
            error=f"batches failed: {_describe_lost(missing)}" if lost else None)
    log.info("loaded %d staged batches in %.1fs as run %s: %s", len(present), time.monotonic() - started,
             newsdesk_run_id, asdict(stats))

    for p in present:
        shutil.rmtree(p, ignore_errors=True)
    if not lost:  # keep the plan of failed batches, so clearing them (and this task) finishes the run's work
        shutil.rmtree(s.staging, ignore_errors=True)
    _remove_stale_staging(s.staging.parent)
    return {
        "newsdesk_run_id": newsdesk_run_id,
        "staged_batches_loaded": len(present),
        "rows_loaded": {name: batch.rows(name) for name in sorted(batch.tables)},
        "tables_changed": stats.tables_changed,
        **counts,
        **missing,
    }


def _describe_lost(missing: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in missing.items() if v)


def _run_counts(polled: Sequence[Mapping[str, Any]], processed: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """The ``runs`` counters, summed over the batches that succeeded (the same names the CLI records)."""
    counts = {"feeds_polled": sum(r["feeds"] for r in polled), "feeds_failed": sum(r["feeds_failed"] for r in polled),
              "entries_seen": sum(r["entries"] for r in polled)}
    for name in ("articles_new", "articles_retried", "articles_failed", "articles_empty", "repeats_removed"):
        counts[name] = sum(r[name] for r in processed)
    counts["paragraphs_new"] = 0
    return counts


def _airflow_run_row(con, dag_id: str, run_id: str, options: dict) -> tuple[int, int]:
    """The ``runs`` row of this DAG run (kind 'airflow'), created once: a retried loader reuses it.

    Returns its id and the paragraphs an earlier try already counted as new (a re-load finds them stored).
    """
    from . import store

    rows = con.execute(
        "SELECT run_id, coalesce(paragraphs_new, 0) FROM runs WHERE kind = 'airflow' "
        "AND json_extract_string(options, '$.airflow_dag_id') = ? AND json_extract_string(options, '$.airflow_run_id') = ? "
        "ORDER BY run_id LIMIT 1",
        [dag_id, run_id],
    ).fetchall()
    if rows:
        con.execute("UPDATE runs SET status = 'running', finished_at = NULL WHERE run_id = ?", [rows[0][0]])
        return int(rows[0][0]), int(rows[0][1])
    return store.start_run(con, "airflow", options), 0


def _finish(s: TaskSettings, run: int, counts: dict[str, int], *, status: str, error: str | None = None,
            quiet: bool = False) -> None:
    """Close the run row. ``quiet``: while another error propagates, never mask it with a bookkeeping one."""
    from . import store

    try:
        with store.connect(s.db, lock_timeout=s.lock_timeout) as con:
            store.finish_run(con, run, counts, status=status, error=error)
    except Exception:
        if not quiet:
            raise
        log.exception("could not record the end of run %s", run)


def _remove_stale_staging(dag_dir: Path) -> None:
    """Housekeeping: staging left by runs whose batches failed and were never cleared, after a week."""
    if not dag_dir.is_dir():
        return
    cutoff = time.time() - STAGING_KEEP.total_seconds()
    for run_dir in dag_dir.iterdir():
        try:
            if run_dir.is_dir() and run_dir.stat().st_mtime < cutoff:
                log.info("removing stale staging directory %s", run_dir)
                shutil.rmtree(run_dir, ignore_errors=True)
        except OSError:
            continue


# ------------------------------------------------------------------------------------------------- summary


def summarize(report: Mapping[str, Any] | None) -> dict:
    """Log what the run did; raise :class:`BatchesFailed` if a batch was lost, so the DAG run is marked failed
    (the loader's success alone would hide it: the run's state follows its last task)."""
    if report is None:
        raise BatchesFailed("the loader did not report; nothing is known to be loaded")
    log.info(
        "run %s: %s feeds polled (%s failed), %s entries, %s new articles, %s retried, %s failed, %s empty, "
        "%s new paragraphs, %s repeats removed",
        report["newsdesk_run_id"], report["feeds_polled"], report["feeds_failed"], report["entries_seen"],
        report["articles_new"], report["articles_retried"], report["articles_failed"], report["articles_empty"],
        report["paragraphs_new"], report["repeats_removed"],
    )
    lost = {k: report[k] for k in _LOST_KEYS if report.get(k)}
    if lost:
        raise BatchesFailed(
            f"run {report['newsdesk_run_id']} loaded what succeeded, but batches failed: {_describe_lost(lost)}"
        )
    return dict(report)
