"""One ingestion pass: poll feeds -> plan -> fetch/extract/dedup in bounded batches -> load each batch.

The database is only open for short writes (run bookkeeping, feed status, one transaction per batch), so
readers get in between batches and a killed pass loses at most the batch in flight: the next pass sees which
articles are stored and fetches the rest.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

from . import store
from .options import IngestOptions
from .records import FeedEntry
from .stages import ProgressHook, Workers, load_stage, plan_stage, poll_stage, process_stage

log = logging.getLogger(__name__)

__all__ = ["ProgressHook", "RunSummary", "run_pass"]


@dataclass
class RunSummary:
    run_id: int
    status: str = "running"
    feeds_polled: int = 0
    feeds_failed: int = 0
    entries_seen: int = 0
    articles_new: int = 0
    articles_retried: int = 0
    articles_failed: int = 0
    articles_empty: int = 0
    paragraphs_new: int = 0
    repeats_removed: int = 0
    seconds: float = 0.0
    feed_problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if k not in ("run_id", "status", "seconds", "feed_problems")}


def run_pass(options: IngestOptions, *, kind: str = "ingest", progress: ProgressHook | None = None) -> RunSummary:
    """Run one ingestion pass with ``options`` and return what it did (also recorded in the ``runs`` table)."""
    started = time.monotonic()
    notify = progress or (lambda event, n: None)
    with store.connect(options.db_path, lock_timeout=options.lock_timeout) as con:
        run_id = store.start_run(con, kind, _describe(options))
    summary = RunSummary(run_id=run_id)
    error = None
    try:
        _run(options, summary, notify)
        summary.status = "ok"
    except BaseException as exc:  # KeyboardInterrupt included: the run row must say it did not finish
        summary.status = "failed"
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise
    finally:
        summary.seconds = round(time.monotonic() - started, 3)
        try:
            with store.connect(options.db_path, lock_timeout=options.lock_timeout) as con:
                store.finish_run(con, run_id, summary.counts(), status=summary.status, error=error)
        except Exception:  # never mask the original error with a bookkeeping one
            log.exception("could not record the end of run %s", run_id)
    log.info("run %s %s in %.1fs: %s", run_id, summary.status, summary.seconds, summary.counts())
    return summary


def _describe(options: IngestOptions) -> dict:
    return {
        "db_path": str(options.db_path),
        "feeds": len(options.feeds),
        "batch_size": options.batch_size,
        "workers": options.workers,
        "max_fetch_attempts": options.max_fetch_attempts,
        "user_agent": options.fetch.user_agent,
        "max_bytes": options.fetch.max_bytes,
        "allow_private_network": options.fetch.allow_private_network,
    }


def _run(options: IngestOptions, summary: RunSummary, notify: ProgressHook) -> None:
    with Workers(options.fetch) as feed_workers:
        polls, staged_polls = poll_stage(options.feeds, feed_workers, notify)
    summary.feeds_polled = len(polls)
    for poll in polls:
        if not poll.succeeded:
            summary.feeds_failed += 1
        if poll.status != "ok":
            summary.feed_problems.append(f"{poll.spec.url}: {poll.status} ({poll.error})")
    entries = [e for p in polls for e in p.entries]
    summary.entries_seen = len(entries)
    load_stage(options.db_path, staged_polls, run_id=summary.run_id, lock_timeout=options.lock_timeout)
    plan = plan_stage(options.db_path, entries, max_attempts=options.max_fetch_attempts, lock_timeout=options.lock_timeout)
    notify("articles_total", len(plan.todo))
    log.info("%d feeds polled, %d entries, %d articles to fetch", len(polls), len(entries), len(plan.todo))
    if not plan.todo:
        return
    with Workers(options.fetch, workers=options.workers, pages=len(plan.todo)) as workers:
        for batch in _batches(plan.todo, options.batch_size):
            processed, staged = process_stage(batch, workers, notify, db_path=options.db_path)
            stats = load_stage(options.db_path, staged, run_id=summary.run_id, lock_timeout=options.lock_timeout)
            summary.paragraphs_new += stats.paragraphs_new
            for article in processed:
                if article.entry.article_id in plan.retries:
                    summary.articles_retried += 1
                elif article.status != "failed":
                    summary.articles_new += 1
                if article.status == "failed":
                    summary.articles_failed += 1
                elif article.status == "empty":
                    summary.articles_empty += 1
                summary.repeats_removed += article.repeats


def _batches(items: Sequence[FeedEntry], size: int) -> Iterator[Sequence[FeedEntry]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
