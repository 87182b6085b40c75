"""The stage functions of a pass, shared by the CLI (`ingest.run_pass`) and the Airflow DAG's tasks.

    poll_stage     feeds -> FeedPolls + staged feed/entry tables        (network)
    plan_stage     entries -> the ones whose article is new or due a retry  (reads DuckDB, read-only)
    process_stage  entries -> fetch, extract, dedup -> staged article tables (network + CPU)
    load_stage     staged tables -> DuckDB, one transaction              (the only writer)

Each stage takes what it needs as arguments and holds no state between calls, so the DAG can run them in
different processes and the CLI in one.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from . import store
from .http import fetch, make_client
from .nlp.stage import NlpOptions, analyse_batch
from .options import FetchOptions
from .poll import poll_feed
from .process import process_article, warm_up
from .records import FeedEntry, FeedPoll, FeedSpec, FetchResult, ProcessedArticle
from .staging import StagedBatch, stage_articles, stage_polls
from .urls import host_of

log = logging.getLogger(__name__)

#: progress callback: (event, amount). Events: feeds_total, feed_done, articles_total, article_done
ProgressHook = Callable[[str, int], None]


def _silent(event: str, amount: int) -> None:
    pass


class Workers:
    """The HTTP client, fetch threads and extraction processes of one pass (or one Airflow task).

    ``with Workers(options, pages=n) as w: ...`` — the process pool is only started when there are enough
    pages to pay for it (each worker imports trafilatura once).
    """

    MIN_PAGES_FOR_POOL = 16

    def __init__(self, fetch_options: FetchOptions, *, workers: int = 1, pages: int = 0) -> None:
        self.fetch_options = fetch_options
        self._workers = workers
        self._pages = pages
        self._stack = ExitStack()

    def __enter__(self) -> Workers:
        self.client: httpx.Client = self._stack.enter_context(make_client(self.fetch_options))
        self.threads: Executor = self._stack.enter_context(
            ThreadPoolExecutor(max_workers=max(1, self.fetch_options.concurrency), thread_name_prefix="newsdesk-fetch")
        )
        self.pool: Executor = self._stack.enter_context(self._extraction_pool())
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _extraction_pool(self) -> Executor:
        if self._workers <= 1 or self._pages < self.MIN_PAGES_FOR_POOL:
            return _InlineExecutor()
        # fork is unsafe with fetch threads running; forkserver forks from a clean single-threaded server.
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        return ProcessPoolExecutor(
            max_workers=self._workers, mp_context=multiprocessing.get_context(method), initializer=warm_up
        )


class _InlineExecutor(Executor):
    """Runs submissions in the calling thread: one worker, or passes too small to pay for processes."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


class _HostLimiter:
    """At most ``per_host`` requests in flight to one host: be a polite client."""

    def __init__(self, per_host: int) -> None:
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(self._per_host))

    def slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._semaphores[host]


# ---------------------------------------------------------------------------------------------------- poll


def poll_stage(specs: Sequence[FeedSpec], workers: Workers, progress: ProgressHook = _silent) -> tuple[list[FeedPoll], StagedBatch]:
    """Poll every feed concurrently (results in feed order) and stage their statuses and entries."""
    progress("feeds_total", len(specs))
    limiter = _HostLimiter(workers.fetch_options.per_host)

    def one(spec: FeedSpec) -> FeedPoll:
        with limiter.slot(host_of(spec.url)):
            poll = poll_feed(workers.client, spec, workers.fetch_options)
        progress("feed_done", 1)
        return poll

    polls = list(workers.threads.map(one, specs))
    return polls, stage_polls(polls)


# ---------------------------------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class Plan:
    todo: list[FeedEntry]  # one entry per article to fetch, in feed order
    retries: set[str]  # article ids among them that failed before


def plan_stage(db_path: Path, entries: Sequence[FeedEntry], *, max_attempts: int, lock_timeout: float = 120.0) -> Plan:
    """Which entries need fetching: articles not stored yet, or failed ones with attempts left (read-only)."""
    if not Path(db_path).exists():
        unique = list({e.article_id: e for e in reversed(entries)}.values())[::-1]
        return Plan(unique, set())
    with store.connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
        if not store.scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'"):
            unique = list({e.article_id: e for e in reversed(entries)}.values())[::-1]
            return Plan(unique, set())
        todo, retries = store.entries_to_fetch(con, entries, max_attempts)
    return Plan(todo, retries)


# ------------------------------------------------------------------------------------------------- process


def process_stage(
    entries: Sequence[FeedEntry],
    workers: Workers,
    progress: ProgressHook = _silent,
    *,
    db_path: Path | None = None,
    nlp: NlpOptions | None = None,
) -> tuple[list[ProcessedArticle], StagedBatch]:
    """Fetch entries concurrently and hand each page to the extraction pool as soon as it arrives, so network
    waits and CPU work overlap. Results keep the input order (deterministic loads).

    Then entities and ceasefire statements (:mod:`pipeline.nlp.stage`); ``db_path`` (read-only) lets it skip
    paragraphs the database has already analysed.
    """
    limiter = _HostLimiter(workers.fetch_options.per_host)

    def fetch_then_submit(entry: FeedEntry) -> tuple[FetchResult, Future]:
        with limiter.slot(host_of(entry.link)):
            result = fetch(workers.client, entry.link, workers.fetch_options)
        return result, workers.pool.submit(process_article, entry, result)

    fetched = [workers.threads.submit(fetch_then_submit, entry) for entry in entries]
    out = []
    for entry, future in zip(entries, fetched):
        result, processing = future.result()
        try:
            out.append(processing.result())
        except Exception as exc:  # an extractor crash (even a dead worker) costs one article, not the pass
            log.warning("processing %s failed: %r", entry.link, exc)
            failed = replace(result, body=None, error_kind="extract_error", error=f"{type(exc).__name__}: {exc}")
            out.append(ProcessedArticle(entry=entry, fetch=failed, status="failed", extracted=None))
        progress("article_done", 1)
    staged = stage_articles(out)
    analysed = analyse_batch(out, workers.pool, db_path=db_path, options=nlp or NlpOptions())
    return out, StagedBatch.merge([staged, analysed])


# ---------------------------------------------------------------------------------------------------- load


def load_stage(db_path: Path, batch: StagedBatch, *, run_id: int | None, lock_timeout: float = 120.0) -> store.LoadStats:
    """Open the database, load the batch in one transaction, close it: the write lock is held only this long."""
    with store.connect(db_path, lock_timeout=lock_timeout) as con:
        return store.load_staged(con, batch, run_id)


