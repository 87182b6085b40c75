"""One ingestion pass: poll feeds -> fetch new articles -> extract -> dedup -> load, in bounded batches.

The database is only open for short writes (run bookkeeping, feed status, one transaction per batch), so
readers get in between batches and a killed pass loses at most the batch in flight: the next pass sees which
articles are stored and fetches the rest.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace

import httpx

from . import store
from .http import fetch, make_client
from .options import IngestOptions
from .poll import poll_feed
from .process import process_article, warm_up
from .records import FeedEntry, FeedPoll, FetchResult, ProcessedArticle
from .urls import host_of

log = logging.getLogger(__name__)

#: progress callback: (event, amount). Events: feeds_total, feed_done, articles_total, article_done
ProgressHook = Callable[[str, int], None]


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
        return {
            k: v
            for k, v in asdict(self).items()
            if k not in ("run_id", "status", "seconds", "feed_problems")
        }


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
    with make_client(options.fetch) as client, ThreadPoolExecutor(
        max_workers=max(1, options.fetch.concurrency), thread_name_prefix="newsdesk-fetch"
    ) as threads:
        polls = poll_all(client, threads, options, notify)
        summary.feeds_polled = len(polls)
        for poll in polls:
            if not poll.succeeded:
                summary.feeds_failed += 1
            if poll.status != "ok":
                summary.feed_problems.append(f"{poll.spec.url}: {poll.status} ({poll.error})")
        entries = [e for p in polls for e in p.entries]
        summary.entries_seen = len(entries)
        with store.connect(options.db_path, lock_timeout=options.lock_timeout) as con:
            store.record_polls(con, polls)
            todo, retries = store.entries_to_fetch(con, entries, options.max_fetch_attempts)
        notify("articles_total", len(todo))
        log.info("%d feeds polled, %d entries, %d articles to fetch", len(polls), len(entries), len(todo))
        if not todo:
            return
        with _extraction_pool(options, len(todo)) as pool:
            for batch in _batches(todo, options.batch_size):
                processed = process_batch(client, threads, pool, batch, options, notify)
                with store.connect(options.db_path, lock_timeout=options.lock_timeout) as con:
                    stats = store.load_articles(con, processed, summary.run_id)
                summary.paragraphs_new += stats.paragraphs_new
                for article in processed:
                    if article.entry.article_id in retries:
                        summary.articles_retried += 1
                    elif article.status != "failed":
                        summary.articles_new += 1
                    if article.status == "failed":
                        summary.articles_failed += 1
                    elif article.status == "empty":
                        summary.articles_empty += 1
                    summary.repeats_removed += article.repeats


def poll_all(client: httpx.Client, threads: Executor, options: IngestOptions, notify: ProgressHook) -> list[FeedPoll]:
    """Poll every feed concurrently; results in the order of the feeds list."""
    notify("feeds_total", len(options.feeds))
    limiter = _HostLimiter(options.fetch.per_host)

    def one(spec):
        with limiter.slot(host_of(spec.url)):
            poll = poll_feed(client, spec, options.fetch)
        notify("feed_done", 1)
        return poll

    return list(threads.map(one, options.feeds))


def process_batch(
    client: httpx.Client,
    threads: Executor,
    pool: Executor,
    batch: Sequence[FeedEntry],
    options: IngestOptions,
    notify: ProgressHook,
) -> list[ProcessedArticle]:
    """Fetch a batch concurrently and hand each page to the extraction pool as soon as it arrives, so network
    waits and CPU work overlap. Results keep the batch order (deterministic loads)."""
    limiter = _HostLimiter(options.fetch.per_host)

    def fetch_then_submit(entry: FeedEntry) -> tuple[FetchResult, Future]:
        with limiter.slot(host_of(entry.link)):
            result = fetch(client, entry.link, options.fetch)
        return result, pool.submit(process_article, entry, result)

    fetched = [threads.submit(fetch_then_submit, entry) for entry in batch]
    out = []
    for entry, future in zip(batch, fetched):
        result, processing = future.result()
        try:
            out.append(processing.result())
        except Exception as exc:  # an extractor crash (even a dead worker) costs one article, not the pass
            log.warning("processing %s failed: %r", entry.link, exc)
            failed = replace(result, body=None, error_kind="extract_error", error=f"{type(exc).__name__}: {exc}")
            out.append(ProcessedArticle(entry=entry, fetch=failed, status="failed", extracted=None))
        notify("article_done", 1)
    return out


class _HostLimiter:
    """At most ``per_host`` requests in flight to one host: be a polite client."""

    def __init__(self, per_host: int) -> None:
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(self._per_host))

    def slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._semaphores[host]


class _InlineExecutor(Executor):
    """Runs submissions in the calling thread: for one worker or tiny passes, where a pool costs more than it saves."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


# Below this many pages, starting worker processes (each imports trafilatura) costs more than it saves.
_MIN_PAGES_FOR_POOL = 16


def _extraction_pool(options: IngestOptions, pages: int) -> Executor:
    if options.workers <= 1 or pages < _MIN_PAGES_FOR_POOL:
        return _InlineExecutor()
    # fork is unsafe with the fetch threads running; forkserver forks from a clean single-threaded server.
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(
        max_workers=options.workers,
        mp_context=multiprocessing.get_context(method),
        initializer=warm_up,
    )


def _batches(items: Sequence[FeedEntry], size: int) -> Iterator[Sequence[FeedEntry]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
