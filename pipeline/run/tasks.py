"""The bodies of the Airflow DAG's tasks (``dags/news_ingest.py``), as plain Python.

Why a module of its own: the DAG file stays a thin, fast-parsing description of the graph, and everything it
runs is ordinary library code that the tests (and anyone without Airflow) can call. Nothing here imports
Airflow. Arguments and return values are small JSON-able dicts (Airflow stores them as XComs): paths to staged
Parquet directories and counts, never article bodies.

One DAG run stages its work under ``<staging root>/<dag id>/<run id>/``, where the root is a URL
(:mod:`pipeline.store.stagingurl`: ``file://<db dir>/staging`` by default, ``s3://...`` or ``gs://...`` for Celery
workers on several machines)::

    configure       -> the run's settings (DAG params, else NEWSDESK_* env), JSON for every other task
    list_due_feeds  -> [{"index", "feeds": [...]}]                      feed batches to poll
    poll_batch      -> poll-NNNNN/ (feed_polls, feed_entries)            one per feed batch
    plan_articles   -> plan/articles-NNNNN.parquet                       entries to fetch, re-batched
    process_batch   -> articles-NNNNN/ (articles, paragraphs, ...)       one per article batch
    load_run        -> DuckDB, one transaction per staged batch         the only writer
    summarize       -> raises if a batch was lost, so the run shows it

Directory names depend only on the run id and the batch index, so a retried task overwrites its own output
and a re-run loads nothing twice (the loader upserts, and skips a batch it committed before by its key).
The counting is :class:`pipeline.run.runrecord.RunCounts`, as in the CLI pass: each batch task counts its
batch, the loader adds them up.

A run keeps `newsdesk ingest` out of the database from listing the feeds until its loader is done
(:func:`pipeline.run.passlock.claim_for_run`, renewed by every task that can reach the database file), so a CLI
pass never fetches the pages a run has planned, fetched or staged; while a CLI pass runs, the run's tasks stop
with :class:`pipeline.run.passlock.PassInProgress` instead of fetching alongside it (Airflow retries them).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import math
import os
import re
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from ..errors import ConfigError, NewsdeskError
from ..options import FetchOptions, ScheduleOptions
from ..settings import SETTINGS, check_poll_intervals, resolve_dag
from ..store import stagingurl

log = logging.getLogger(__name__)

#: Airflow refuses to expand a mapped task into more than ``[core] max_map_length`` (1024) instances.
MAX_MAP_LENGTH = 1024
#: staging directories of runs that never finished are removed after this long
STAGING_KEEP = timedelta(days=7)
#: a run's claim on the database lapses this long after a task last renewed it: longer than a task may run
#: (execution_timeout 30 minutes) with its retries, short enough that a run that died mid-way does not keep
#: `newsdesk ingest` out for long (the CLI's message names the claim file, for the impatient)
CLAIM_TTL = timedelta(hours=2)
#: a task renewing the claim waits this long for the pass lock (its sibling tasks hold it for a moment, a CLI
#: pass for its whole pass)
CLAIM_WAIT = 10.0


_LOST_KEYS = ("feed_listing_failed", "poll_batches_failed", "planning_failed", "article_batches_failed")


class BatchesFailed(NewsdeskError):
    """Some batches of a DAG run failed: what the others staged was loaded, the run must still show red."""


class AllFeedsFailed(NewsdeskError):
    """Every feed a DAG run polled failed: nothing could be fetched, so the run shows red (the CLI exits 3)."""


@dataclass(frozen=True)
class TaskSettings:
    """One DAG run's settings, resolved once by :func:`configure` and handed to every task as JSON."""

    dag_id: str
    run_id: str
    feeds_path: str | None  # None: the feeds subscribed in the database, as `newsdesk ingest` without --feeds
    db_path: str
    run_dir: str  # this run's staging location, a URL (pipeline.store.stagingurl); a plain path from older versions
    allow_private_network: bool
    feeds_per_batch: int
    articles_per_batch: int
    workers: int
    max_fetch_attempts: int
    boilerplate_min_articles: int
    lock_timeout: float
    force: bool  # poll every feed, due or not
    retry_backoff: float
    refresh_updated: bool
    total_timeout: float
    max_bytes: int
    concurrency: int
    per_host: int
    user_agent: str | None
    contact: str | None
    min_host_delay: float
    robots: bool
    max_retry_wait: float
    min_poll_interval: float
    max_poll_interval: float
    unhealthy_after: float
    archive_dir: str | None = None  # WARC archive of fetched responses (pipeline.fetch.archive); None: off
    # seconds one page's extraction may take (a run configured by an older version has none: the default)
    extract_timeout: float = field(default_factory=lambda: SETTINGS["extract_timeout"].default)
    max_entries_per_feed: int = field(default_factory=lambda: SETTINGS["max_entries_per_feed"].default)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> TaskSettings:
        # settings added later have defaults: a run configured by an older version still loads
        return cls(**{name: config[name] for name in cls.__dataclass_fields__ if name in config})

    @property
    def db(self) -> Path:
        return Path(self.db_path)

    @property
    def staging(self) -> str:
        return self.run_dir

    def fetch_options(self) -> FetchOptions:
        """As `newsdesk ingest` builds them from the same settings."""
        from ..options import default_user_agent

        options = FetchOptions(allow_private_network=self.allow_private_network, total_timeout=self.total_timeout,
                               max_bytes=self.max_bytes, concurrency=self.concurrency, per_host=self.per_host,
                               min_host_delay=self.min_host_delay, robots=self.robots,
                               max_retry_wait=self.max_retry_wait)
        if self.user_agent:
            options.user_agent = self.user_agent
        elif self.contact:
            options.user_agent = default_user_agent(self.contact)
        return options

    def archive_options(self):
        from ..options import archive_options

        return archive_options(self.db, self.archive_dir) if self.archive_dir else None

    def schedule_options(self) -> ScheduleOptions:
        return ScheduleOptions(min_interval=self.min_poll_interval, max_interval=self.max_poll_interval,
                               unhealthy_after=self.unhealthy_after)


def configure(params: Mapping[str, Any] | None, *, dag_id: str, run_id: str) -> dict:
    """Resolve a run's settings once, so every task of the run (and the UI's XCom view) sees the same ones.

    Each setting is the DAG param if given, else the environment variable the ``newsdesk`` commands read
    (NEWSDESK_FEEDS, NEWSDESK_DB, NEWSDESK_BATCH_SIZE, NEWSDESK_TIMEOUT, ...), else its default: names, variables,
    defaults and checks are declared once in :mod:`pipeline.settings`, so one environment configures the CLI
    and the DAG alike, and a bad value is the same one-line OptionError. Where the DAG differs, the table
    declares it and says why: ``workers`` is 1 and ``lock_timeout`` 600 s, neither read from the environment;
    the CLI's NEWSDESK_PASS_LOCK_WAIT and newsdesk.toml (NEWSDESK_CONFIG) do not apply. The run stages under
    ``<root>/<dag id>/<run id>``; the root is ``file://<db dir>/staging`` unless NEWSDESK_STAGING or the param
    ``staging_dir`` names another one, a path or a URL (with Celery workers on several machines: storage they
    all reach, such as ``s3://bucket/prefix``). A URL whose filesystem is not installed fails here, at once.
    """
    values = resolve_dag(params, os.environ)
    if not values["db"]:
        raise ConfigError("no database: set NEWSDESK_DB or the DAG param 'db'")
    check_poll_intervals(values["min_poll_interval"], values["max_poll_interval"])
    db_path = Path(values["db"]).expanduser().absolute()
    staging = stagingurl.root_url(values["staging_dir"], db_path)
    resolved = TaskSettings(
        dag_id=dag_id,
        run_id=run_id,
        feeds_path=str(Path(values["feeds"]).expanduser().absolute()) if values["feeds"] else None,
        db_path=str(db_path),
        run_dir=stagingurl.join(staging, _safe_name(dag_id), _safe_name(run_id)),
        articles_per_batch=values["batch_size"],
        total_timeout=values["timeout"],
        robots=not values["no_robots"],
        archive_dir=_archive_dir(values, db_path),
        **{name: values[name] for name in _SAME_NAMES},
    )
    log.info("settings: %s", resolved)
    return asdict(resolved)


#: the run's settings kept under the name the table declares (the others are renamed or derived in configure)
_SAME_NAMES = tuple(name for name in TaskSettings.__dataclass_fields__ if name in SETTINGS and name != "archive_dir")


def _archive_dir(values: Mapping[str, Any], db_path: Path) -> str | None:
    """As `newsdesk ingest`: on by default, beside the database; ``archive_dir`` moves it, ``no_archive``
    turns it off."""
    from ..options import default_archive_dir

    if values["no_archive"]:
        return None
    chosen = values["archive_dir"]
    return str(Path(chosen).expanduser().absolute() if chosen else default_archive_dir(db_path))


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
    """The feeds due a poll this run, in batches for ``poll_batch``.

    The feeds are the feeds file's, else the database's subscriptions; which are due is decided as
    ``newsdesk ingest`` decides it (:func:`pipeline.fetch.schedule.due_feeds`: adaptive intervals, backoff after
    failures; the param ``force`` polls all). The whole listing is also written to ``feeds.json`` in the run's
    staging directory: the planner needs every feed (for the backlog of earlier runs) and the loader the
    number skipped, while the XCom stays one small list to map over.
    """
    from ..fetch.schedule import due_feeds
    from .stages import read_feed_states

    s = TaskSettings.from_config(config)
    _claim(s)  # the run starts here: from now on no CLI pass polls or fetches alongside it
    specs = _configured_feeds(s)
    states = read_feed_states(s.db, specs, lock_timeout=s.lock_timeout, known_for=())
    due, later = due_feeds(specs, states, s.schedule_options().clock(), force=s.force)
    size = _batch_size(len(due), s.feeds_per_batch)
    batches = [
        {"index": i, "feeds": [_spec_json(f) for f in due[start : start + size]]}
        for i, start in enumerate(range(0, len(due), size))
    ]
    stagingurl.write_json(stagingurl.join(s.staging, "feeds.json"), {"feeds": [_spec_json(f) for f in specs], "skipped": len(later)})
    log.info("%d of %d feeds due, in %d batches (%d not due yet)", len(due), len(specs), len(batches), len(later))
    return batches


def _claim(s: TaskSettings, *, if_reachable: bool = False) -> None:
    """Claim the database for this run, or renew the claim. ``if_reachable``: only where the database file is
    (poll and fetch tasks may run on Celery workers of other machines; the tasks that open the database renew
    it in any case)."""
    from .passlock import claim_for_run

    if if_reachable and not s.db.exists():
        return
    claim_for_run(s.db, dag_id=s.dag_id, run_id=s.run_id, ttl=CLAIM_TTL.total_seconds(), wait=CLAIM_WAIT)


def _configured_feeds(s: TaskSettings) -> list:
    from ..fetch.feedlist import load_feeds
    from ..fetch.subscriptions import match_stored, subscribed_feeds

    if s.feeds_path:
        # a feed stored under an older spelling of its URL (capitalised host, a #fragment) is polled as that
        # row, not added as a twin: the same lookup the CLI pass makes
        return match_stored(s.db, load_feeds(s.feeds_path), lock_timeout=s.lock_timeout)
    specs = subscribed_feeds(s.db, lock_timeout=s.lock_timeout)
    if not specs:
        raise ConfigError(f"no feeds: set NEWSDESK_FEEDS (or the DAG param 'feeds'), or subscribe first with "
                          f"`newsdesk feeds add --db {s.db} URL`")
    return specs


def _spec_json(spec) -> dict:
    return {"url": spec.url, "name": spec.name, "tags": list(spec.tags)}


def _spec(data: Mapping[str, Any]):
    from ..records import FeedSpec

    return FeedSpec(url=data["url"], name=data.get("name"), tags=tuple(data.get("tags") or ()))


def _read_listing(s: TaskSettings) -> dict:
    return stagingurl.read_json(stagingurl.join(s.staging, "feeds.json"), {"feeds": [], "skipped": 0})


# ---------------------------------------------------------------------------------------------------- poll


def poll_batch(config: Mapping[str, Any], batch: Mapping[str, Any]) -> dict:
    """Poll one batch of feeds, incrementally (conditional GETs and the adaptive schedule from their stored
    state, read-only), and stage their statuses, entries and requests as ``poll-NNNNN/``."""
    from .runrecord import RunCounts
    from .stages import Workers, poll_stage, read_feed_states

    s = TaskSettings.from_config(config)
    _claim(s, if_reachable=True)
    specs = [_spec(f) for f in batch["feeds"]]
    states = read_feed_states(s.db, specs, lock_timeout=s.lock_timeout)
    with Workers(s.fetch_options(), archive=s.archive_options()) as workers:
        polls, staged = poll_stage(specs, workers, states=states, schedule=s.schedule_options())
    path = staged.write(stagingurl.join(s.staging, f"poll-{batch['index']:05d}"))
    counts = RunCounts()
    problems = counts.add_polls(polls)
    counts.add_requests(staged)
    for problem in problems:
        log.warning("feed problem: %s", problem)
    return {
        "index": batch["index"],
        "path": str(path),
        "staged_id": uuid.uuid4().hex,  # this try's output: the loader's batch key (a retry writes another)
        **_counts_json(counts),
        "problems": problems[:20],  # an XCom, not a log: the first few are enough
    }


def _counts_json(counts) -> dict:
    """A batch's counts as its XCom carries them (the ``runs`` names, non-zero ones only, and the outcomes):
    the loader adds them up with :meth:`pipeline.run.runrecord.RunCounts.from_row`."""
    return {**{name: n for name, n in counts.as_row().items() if n}, "outcomes": counts.outcomes}


# ---------------------------------------------------------------------------------------------------- plan


def plan_articles(config: Mapping[str, Any] | None, polled: Sequence[Mapping[str, Any]] | None) -> list[dict]:
    """What to fetch, in article batches: the polled entries whose article is new, due a retry, or updated
    since it was fetched; then the backlog of every listed feed (entries stored by earlier runs whose article
    was never fetched). The same :func:`pipeline.run.stages.plan_stage` call as the CLI pass makes.

    Entries are read back from the poll batches in batch order, so the plan is the one the CLI makes over the
    same feeds. Runs on whatever poll batches succeeded (a failed one is simply absent from ``polled``), and
    when no feed was due (the backlog still is). Each batch is written as ``plan/articles-NNNNN.parquet``.
    """
    import pyarrow as pa

    from ..store.staging import StagedBatch, entries_from_table, entries_table
    from .stages import plan_stage

    if config is None:
        raise ConfigError("the run's settings were not resolved (configure failed)")
    s = TaskSettings.from_config(config)
    _claim(s)
    entries = []
    for result in sorted(_fetch_all(polled), key=lambda r: r["index"]):
        entries += entries_from_table(StagedBatch.read(result["path"]).tables["feed_entries"])
    listed = [f["url"] for f in _read_listing(s)["feeds"]]
    plan = plan_stage(s.db, entries, max_attempts=s.max_fetch_attempts, lock_timeout=s.lock_timeout,
                      retry_backoff=s.retry_backoff, backlog_feeds=listed, refresh=s.refresh_updated,
                      per_feed=s.max_entries_per_feed)
    log.info("%d entries polled, %d articles to fetch (%d retries, %d refreshes, %d left to later runs)", len(entries),
             len(plan.todo), len(plan.retries), len(plan.refreshes), plan.deferred)
    size = _batch_size(len(plan.todo), s.articles_per_batch)
    batches = []
    for i, start in enumerate(range(0, len(plan.todo), size)):
        chunk = plan.todo[start : start + size]
        table = entries_table([(e, None) for e in chunk])
        table = table.append_column("retry", pa.array([e.article_id in plan.retries for e in chunk], pa.bool_()))
        table = table.append_column("refresh", pa.array([e.article_id in plan.refreshes for e in chunk], pa.bool_()))
        path = stagingurl.join(s.staging, "plan", f"articles-{i:05d}.parquet")
        stagingurl.write_parquet(path, table)  # whole: a retried plan replaces its files
        # the first batch carries the count of articles left to later runs, for the loader's run row
        batches.append({"index": i, "path": path, "articles": len(chunk), **({"deferred": plan.deferred} if i == 0 else {})})
    return batches


# ------------------------------------------------------------------------------------------------- process


def process_batch(config: Mapping[str, Any], batch: Mapping[str, Any]) -> dict:
    """Fetch, extract, dedup and analyse one article batch; stage the result as ``articles-NNNNN/``.

    The database is not written here (DuckDB allows one writer process): it is only handed to the stage
    read-only, for robots.txt rules and analysis already stored.
    """
    from ..fetch.robots import origin_of
    from ..store.staging import entries_from_table
    from .runrecord import RunCounts
    from .stages import Workers, process_stage

    s = TaskSettings.from_config(config)
    _claim(s, if_reachable=True)
    table = stagingurl.read_parquet(batch["path"])
    entries = entries_from_table(table)
    retries = {e.article_id for e, flag in zip(entries, table.column("retry").to_pylist()) if flag}
    refreshes = {e.article_id for e, flag in zip(entries, table.column("refresh").to_pylist()) if flag}
    with Workers(s.fetch_options(), workers=s.workers, pages=len(entries), archive=s.archive_options(),
                 extract_timeout=s.extract_timeout) as workers:
        workers.robots.seed(_staged_robots(s, {origin_of(e.link) for e in entries}))
        processed, staged = process_stage(entries, workers, db_path=s.db if s.db.exists() else None)
    path = staged.write(stagingurl.join(s.staging, f"articles-{batch['index']:05d}"))
    _share_robots(s, staged)
    counts = RunCounts()  # as the CLI pass counts them
    counts.add_articles(processed, retries=retries, refreshes=refreshes)
    counts.add_requests(staged)
    return {"index": batch["index"], "path": str(path), "staged_id": uuid.uuid4().hex, "articles": len(processed),
            **_counts_json(counts)}


def _staged_robots(s: TaskSettings, origins: set[str]) -> list:
    """The robots.txt rules other article batches of the run fetched for ``origins`` (the hosts of this batch's
    links). Why: each batch task has a robots cache of its own, and the database has only what earlier runs
    loaded, so without these every batch asked each host for its robots.txt again. One small file per origin
    (:func:`_share_robots`): a batch reads as many files as it has hosts, not every earlier batch's manifest (many
    small reads on object storage). A rule not shared (yet) is not waited for; one that cannot be read costs
    only a robots.txt request (a redirect to another host too)."""
    from ..fetch.robots import rules_from_table
    from ..store.staging import SCHEMAS

    rules = []
    for origin in sorted(origins):
        location = _robots_location(s, origin)
        try:
            rules += rules_from_table(stagingurl.read_parquet(location, schema=SCHEMAS["robots"]))
        except FileNotFoundError:
            continue
        except Exception as exc:  # noqa: BLE001 (any storage or Parquet error: fetch robots.txt again instead)
            log.warning("robots.txt rules staged at %s for %s not read (%s: %s); fetched again", location, origin,
                        type(exc).__name__, exc)
    return rules


def _share_robots(s: TaskSettings, staged) -> None:
    """Leave the robots.txt rules this batch fetched where the run's other batches look for them, one file per
    origin, written whole (a reader never sees half). Two batches that fetched one origin both write a valid rule."""
    from ..fetch.robots import rules_from_table
    from ..store.staging import robots_table

    table = staged.tables.get("robots")
    for rule in rules_from_table(table) if table is not None else []:
        stagingurl.write_parquet(_robots_location(s, rule.origin), robots_table([rule]))


def _robots_location(s: TaskSettings, origin: str) -> str:
    return stagingurl.join(s.staging, "robots", hashlib.sha256(origin.encode()).hexdigest()[:32] + ".parquet")


# ---------------------------------------------------------------------------------------------------- load


def load_run(
    config: Mapping[str, Any] | None,
    *,
    feed_batches: Sequence[Mapping[str, Any]] | None,
    polled: Sequence[Mapping[str, Any]] | None,
    plan: Sequence[Mapping[str, Any]] | None,
    processed: Sequence[Mapping[str, Any]] | None,
) -> dict:
    """Load what this run staged into DuckDB, one transaction per staged batch, record a ``runs`` row, clean up.

    Runs after all batches finished, whether they succeeded or not: the results of failed batches are simply
    absent (their articles are fetched again next run), so one bad batch never costs the others' work. Poll
    batches are loaded first, then article batches, in index order, each as `newsdesk ingest` loads its
    batches: read, loaded in its own transaction, removed. So memory is bounded by one batch, readers get in
    between batches, and a load that fails keeps the batches committed before it; a retried loader finds their
    staged directories gone and loads the rest (a batch committed but not yet removed is skipped by its batch
    key, so fetch attempts and failure counters are never counted twice). The returned report lists lost
    batches.
    """
    from .runrecord import LOAD_COUNTERS, RunCounts, completed_status, failure, finish_run, start_run

    if config is None:
        raise ConfigError("the run's settings were not resolved (configure failed); nothing was staged")
    s = TaskSettings.from_config(config)
    _claim(s)  # held until what this run fetched is loaded: a CLI pass before that would fetch it again
    polled = sorted(_fetch_all(polled), key=lambda r: r["index"])
    processed = sorted(_fetch_all(processed), key=lambda r: r["index"])
    staged = [r for r in (*polled, *processed) if stagingurl.is_staged(r["path"])]
    if len(staged) < len(polled) + len(processed):
        log.info("%d staged batches were already loaded by an earlier try", len(polled) + len(processed) - len(staged))

    counts = RunCounts(feeds_skipped=_read_listing(s)["skipped"],
                       articles_deferred=sum(int(b.get("deferred") or 0) for b in _fetch_all(plan)))
    for result in (*polled, *processed):
        counts.add(RunCounts.from_row(result))
    missing = {
        "feed_listing_failed": feed_batches is None,
        "poll_batches_failed": sorted(set(range(len(feed_batches or []))) - {r["index"] for r in polled}),
        "planning_failed": plan is None,
        "article_batches_failed": sorted(set(range(len(plan or []))) - {r["index"] for r in processed}),
    }
    started = time.monotonic()
    run_id, earlier = start_run(s.db, "airflow", _run_options(s), lock_timeout=s.lock_timeout,
                                resume={"airflow_dag_id": s.dag_id, "airflow_run_id": s.run_id})
    # what only the load can tell: batches an earlier try loaded are not loaded again, so start from its count
    counts.paragraphs_new, counts.articles_revised = earlier.paragraphs_new, earlier.articles_revised
    try:
        rows_loaded, changed = _load_batches(s, run_id, staged, counts)
    except BaseException as exc:
        status, error = failure(exc)
        # the load's own counters stay as the last committed batch wrote them: the batch that failed (or was
        # committed just before a kill) is not in ``counts`` yet
        known = {name: n for name, n in counts.as_row().items() if name not in LOAD_COUNTERS}
        finish_run(s.db, run_id, known, status=status, error=error, outcomes=counts.outcomes,
                   lock_timeout=s.lock_timeout)
        raise
    lost = any(missing.values())
    # like a CLI pass that stopped half-way: what was loaded stays, the run row says it did not complete
    finish_run(s.db, run_id, counts.as_row(), status="failed" if lost else completed_status(counts.as_row()),
               error=f"batches failed: {_describe_lost(missing)}" if lost else None, outcomes=counts.outcomes,
               lock_timeout=s.lock_timeout)
    log.info("loaded %d staged batches in %.1fs as run %s: %s", len(staged), time.monotonic() - started, run_id,
             rows_loaded)

    stagingurl.remove(_ledger(s))  # announced by this report's asset events
    stagingurl.remove(stagingurl.join(s.staging, "robots"))  # the batches' shared rules: loaded, in robots_txt now
    if not lost:  # keep the plan of failed batches, so clearing them (and this task) finishes the run's work
        stagingurl.remove(s.staging)
    # housekeeping: staging left by runs whose batches failed and were never cleared
    stagingurl.remove_stale(stagingurl.parent(s.staging), STAGING_KEEP.total_seconds())
    from .passlock import release_claim

    release_claim(s.db, dag_id=s.dag_id, run_id=s.run_id)  # loaded: CLI passes may run again
    return {
        "newsdesk_run_id": run_id,
        "staged_batches_loaded": len(staged),
        "rows_loaded": rows_loaded,
        "tables_changed": changed,
        **counts.as_row(),
        "outcomes": counts.outcomes,
        **missing,
    }


def _run_options(s: TaskSettings) -> dict:
    """The options recorded in the run row; the DAG and run ids also find the row again on a retry."""
    return {"airflow_dag_id": s.dag_id, "airflow_run_id": s.run_id, "db_path": s.db_path,
            "allow_private_network": s.allow_private_network, "articles_per_batch": s.articles_per_batch,
            "feeds_per_batch": s.feeds_per_batch, "max_fetch_attempts": s.max_fetch_attempts, "force": s.force,
            "user_agent": s.fetch_options().user_agent, "max_bytes": s.max_bytes}


def _load_batches(s: TaskSettings, run_id: int, staged: Sequence[Mapping[str, Any]],
                  counts) -> tuple[dict[str, int], list[str]]:
    """Load each staged batch in its own transaction (:func:`pipeline.run.stages.load_stage`), in order; after
    each commit record the counts in the run row and the rows in the ledger, then remove the batch. Returns
    the rows loaded per table (with those of an earlier try that failed before announcing them) and the tables
    changed."""
    from ..options import DedupOptions
    from ..store.staging import StagedBatch
    from .runrecord import write_counts
    from .stages import load_stage

    ledger = _ledger(s)
    rows_loaded: dict[str, int] = dict(stagingurl.read_json(ledger, {}).get("rows_loaded", {}))
    changed: set[str] = set()
    dedup = DedupOptions(boilerplate_min_articles=s.boilerplate_min_articles)

    def record(con, stats) -> None:
        # the run row's counts commit with the batch: a retry skips a committed batch by its key, so counts
        # written after the commit were lost by a loader killed in between
        after = copy.deepcopy(counts)
        after.add_load(stats)
        write_counts(con, run_id, after)

    for result in staged:
        batch = StagedBatch.read(result["path"])
        stats = load_stage(s.db, batch, run_id=run_id, lock_timeout=s.lock_timeout,
                           max_attempts=s.max_fetch_attempts, batch_key=_batch_key(s, result), dedup=dedup,
                           before_commit=record)
        counts.add_load(stats)
        changed.update(stats.tables_changed)
        for name, table in batch.tables.items():
            rows_loaded[name] = rows_loaded.get(name, 0) + table.num_rows
        stagingurl.write_json(ledger, {"rows_loaded": rows_loaded})
        stagingurl.remove(result["path"])
    return {name: rows_loaded[name] for name in sorted(rows_loaded)}, sorted(changed)


def _ledger(s: TaskSettings) -> str:
    """Rows loaded by tries of this loader that did not report (a try that failed half-way): the next report
    announces them, so its asset events cover every batch loaded."""
    return stagingurl.join(s.staging, "loaded.json")


def _batch_key(s: TaskSettings, result: Mapping[str, Any]) -> str:
    """The key a staged batch is loaded under, once (``loaded_batches``): its path and the id of the task try
    that wrote it, so a retried loader skips it but a batch task cleared and run again is loaded again."""
    digest = hashlib.sha256(f"{result['path']}\n{result.get('staged_id', '')}".encode()).hexdigest()[:32]
    return f"airflow:{s.dag_id}:{s.run_id}:{digest}"


def asset_events(report: Mapping[str, Any], names: Sequence[str]) -> dict[str, dict]:
    """The asset events the loader emits, by asset name: one for each of ``names`` whose table got rows in this
    load, carrying the newsdesk run id and that row count. A load that stored nothing emits none, so a DAG
    scheduled on the assets is not woken every 15 minutes for nothing."""
    rows_loaded = report.get("rows_loaded") or {}
    return {name: {"newsdesk_run_id": report["newsdesk_run_id"], "rows": rows_loaded[name]}
            for name in names if rows_loaded.get(name)}


def _describe_lost(missing: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in missing.items() if v)


# ------------------------------------------------------------------------------------------------- summary


def summarize(report: Mapping[str, Any] | None) -> dict:
    """Log what the run did; raise :class:`BatchesFailed` if a batch was lost, so the DAG run is marked failed
    (the loader's success alone would hide it: the run's state follows its last task)."""
    if report is None:
        raise BatchesFailed("the loader did not report; nothing is known to be loaded")
    log.info(
        "run %s: %s feeds polled (%s failed, %s not modified, %s not due), %s entries, %s new articles, %s retried, "
        "%s refreshed, %s failed, %s empty, %s new paragraphs, %s repeats removed, %s requests",
        report["newsdesk_run_id"], report["feeds_polled"], report["feeds_failed"], report["feeds_not_modified"],
        report["feeds_skipped"], report["entries_seen"], report["articles_new"], report["articles_retried"],
        report["articles_refreshed"], report["articles_failed"], report["articles_empty"], report["paragraphs_new"],
        report["repeats_removed"], report["requests"],
    )
    lost = {k: report[k] for k in _LOST_KEYS if report.get(k)}
    if lost:
        raise BatchesFailed(
            f"run {report['newsdesk_run_id']} loaded what succeeded, but batches failed: {_describe_lost(lost)}"
        )
    if report["feeds_polled"] and report["feeds_failed"] >= report["feeds_polled"]:
        raise AllFeedsFailed(
            f"run {report['newsdesk_run_id']}: all {report['feeds_polled']} feeds polled failed, nothing could be "
            "fetched (the feed problems are in the poll tasks' logs and in `newsdesk feeds list`)"
        )
    return dict(report)
