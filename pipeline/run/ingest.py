"""One ingestion pass: poll feeds -> plan -> fetch/extract/dedup in bounded batches -> load each batch, the
batches' stages overlapping (:func:`_process`: batch n+1 fetched and extracted while batch n is analysed and
batch n-1 loaded).

The database is only open for short writes (run bookkeeping, feed status, one transaction per batch), so
readers get in between batches and a killed pass loses at most the two batches in flight: the next pass sees which
articles are stored and fetches the rest.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from ..fetch.schedule import due_feeds
from ..options import IngestOptions
from ..records import FeedEntry, ProcessedArticle
from ..store.staging import StagedBatch
from .passlock import pass_lock
from .runrecord import RunCounts, recorded_run, write_counts
from .stages import (
    Plan,
    ProgressHook,
    Workers,
    analyse_collected,
    collect_batch,
    load_stage,
    plan_stage,
    poll_stage,
    read_feed_states,
    start_batch,
)

log = logging.getLogger(__name__)

__all__ = ["ProgressHook", "RunSummary", "run_pass"]


@dataclass(kw_only=True)
class RunSummary(RunCounts):
    """A pass's counts (:class:`pipeline.run.runrecord.RunCounts`, counted as a DAG run counts them) and how it went."""

    run_id: int
    status: str = "running"
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # poll, fetch_extract_dedup, nlp, load; rows_loaded
    feed_problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return self.as_row()


def run_pass(options: IngestOptions, *, kind: str = "ingest", progress: ProgressHook | None = None) -> RunSummary:
    """Run one ingestion pass with ``options`` and return what it did (also recorded in the ``runs`` table)."""
    with pass_lock(options.db_path, wait=options.pass_lock_wait):
        return _locked_pass(options, kind, progress)


def _locked_pass(options: IngestOptions, kind: str, progress: ProgressHook | None) -> RunSummary:
    notify = progress or (lambda event, n: None)
    with recorded_run(options.db_path, kind, _describe(options), lambda run_id: RunSummary(run_id=run_id),
                      lock_timeout=options.lock_timeout) as summary:
        _run(options, summary, notify)
    return summary


def _describe(options: IngestOptions) -> dict:
    return {
        "db_path": str(options.db_path),
        "feeds": len(options.feeds),
        "batch_size": options.batch_size,
        "workers": options.workers,
        "max_fetch_attempts": options.max_fetch_attempts,
        "max_entries_per_feed": options.max_entries_per_feed,
        "extract_timeout": options.extract_timeout,
        "user_agent": options.fetch.user_agent,
        "max_bytes": options.fetch.max_bytes,
        "allow_private_network": options.fetch.allow_private_network,
        "force": options.force,
        "archive_dir": str(options.archive_options().directory) if options.archive else None,
    }


def _run(options: IngestOptions, summary: RunSummary, notify: ProgressHook) -> None:
    states = read_feed_states(options.db_path, options.feeds, lock_timeout=options.lock_timeout, known_for=())
    # the schedule's clock, the one polls are stamped with (tests move it instead of sleeping)
    due, later = due_feeds(options.feeds, states, options.schedule.clock(), force=options.force)
    summary.feeds_skipped = len(later)
    if due:  # known entry ids only for the feeds polled now (to count what is new)
        states = read_feed_states(options.db_path, due, lock_timeout=options.lock_timeout)
    started = time.perf_counter()
    with Workers(options.fetch, archive=options.archive_options()) as feed_workers:
        polls, staged_polls = poll_stage(due, feed_workers, notify, states=states, schedule=options.schedule)
    summary.stage_seconds["poll"] = time.perf_counter() - started
    summary.feed_problems += summary.add_polls(polls)
    summary.add_requests(staged_polls)
    entries = [e for p in polls for e in p.entries]
    load_stage(options.db_path, staged_polls, run_id=summary.run_id, lock_timeout=options.lock_timeout)
    # the backlog: entries an interrupted pass stored but never fetched, and failed articles due a retry
    plan = plan_stage(options.db_path, entries, max_attempts=options.max_fetch_attempts,
                      lock_timeout=options.lock_timeout, retry_backoff=options.retry_backoff,
                      backlog_feeds=[f.url for f in options.feeds], refresh=options.refresh_updated,
                      per_feed=options.max_entries_per_feed)
    summary.articles_deferred = plan.deferred
    if plan.deferred:
        log.info("%d articles past their feed's share of this pass (max_entries_per_feed %d) are left to the next "
                 "passes", plan.deferred, options.max_entries_per_feed)
    notify("articles_total", len(plan.todo))
    log.info("%d of %d feeds polled, %d entries, %d articles to fetch (%d retries, %d refreshes)", len(polls),
             len(options.feeds), len(entries), len(plan.todo), len(plan.retries), len(plan.refreshes))
    if not plan.todo:
        return
    with Workers(options.fetch, workers=options.workers, pages=len(plan.todo),
                 archive=options.archive_options(), extract_timeout=options.extract_timeout) as workers:
        _process(options, plan, summary, notify, workers)


#: batches processed one after another when False (the test comparing the pipelined pass with that)
PIPELINED = True


def _process(options: IngestOptions, plan: Plan, summary: RunSummary, notify: ProgressHook, workers: Workers) -> None:
    """Fetch, extract, analyse and load ``plan.todo`` batch by batch, the stages overlapping: batch n+1 is
    fetched and extracted while batch n is analysed and batch n-1 loaded, so the extraction pool always has
    work queued (its tasks run in the order given: batch n's NLP queues behind batch n+1's pages) and the
    pass does not wait for its own loads.

    What stays as in a sequential pass: one writer (a loader thread, one transaction per batch, in order);
    batch n is keyed and analysed only once batch n-1 is loaded (keys and the analysis cache read what is
    stored, so the rows are the same); at most three batches in flight (n+1 fetching, n analysed, n-1
    loading: memory does not grow with the pass). Interrupted, the pass lets a load already handed over finish
    (a whole batch, in one transaction) and loses the batches not loaded yet: the next pass fetches them."""
    db_lock = threading.Lock()  # DuckDB: no read-only connection while this process writes the file
    batches = list(_batches(plan.todo, options.batch_size))
    timings = summary.stage_seconds
    loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-load")
    loading: Future | None = None
    fetching = None
    try:
        for i, batch in enumerate(batches):
            if fetching is None:
                fetching = start_batch(batch, workers, db_path=options.db_path, db_lock=db_lock)
            collected = collect_batch(fetching, notify)
            fetching = None
            if PIPELINED and i + 1 < len(batches):  # the next batch's pages go to the pool behind this one's NLP
                fetching = start_batch(batches[i + 1], workers, db_path=options.db_path, db_lock=db_lock)
            if loading is not None:
                loading.result()  # the batch before is stored: this one is keyed and analysed against it
            processed, staged = analyse_collected(collected, workers, db_path=options.db_path, timings=timings)
            summary.add_requests(staged)
            loading = loader.submit(_load, options, plan, summary, processed, staged, db_lock)
            if not PIPELINED:
                loading.result()
        if loading is not None:
            loading.result()
    finally:
        try:
            if loading is not None:  # a load handed over finishes (a whole batch, one transaction), even if
                wait([loading])  # the loader thread had not picked it up yet
        finally:
            loader.shutdown(wait=True, cancel_futures=True)  # and none starts after it


def _load(options: IngestOptions, plan: Plan, summary: RunSummary, processed: list[ProcessedArticle],
          staged: StagedBatch, db_lock: threading.Lock) -> None:
    """Load one batch (the loader thread) and count what it did."""
    timings = summary.stage_seconds
    loading = time.perf_counter()

    def record(con, stats) -> None:
        # the run row's counts commit with the batch: a pass killed later (SIGKILL: no handler runs) leaves a
        # row whose counts say what it loaded, and the next pass marks it killed (runrecord.close_killed)
        after = RunCounts.from_row({**summary.as_row(), "outcomes": dict(summary.outcomes)})
        after.add_load(stats)
        after.add_articles(processed, retries=plan.retries, refreshes=plan.refreshes)
        write_counts(con, summary.run_id, after)

    with db_lock:
        stats = load_stage(options.db_path, staged, run_id=summary.run_id, lock_timeout=options.lock_timeout,
                           max_attempts=options.max_fetch_attempts, dedup=options.dedup, before_commit=record)
    timings["load"] = timings.get("load", 0.0) + time.perf_counter() - loading
    timings["rows_loaded"] = timings.get("rows_loaded", 0) + sum(t.num_rows for t in staged.tables.values())
    summary.add_load(stats)
    summary.add_articles(processed, retries=plan.retries, refreshes=plan.refreshes)


def _batches(items: Sequence[FeedEntry], size: int) -> Iterator[Sequence[FeedEntry]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
