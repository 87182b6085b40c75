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
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pyarrow as pa

from .. import load
from ..errors import StoreError
from ..extract.pagekind import NOT_ARTICLE_STATUSES
from ..fetch.http import fetch, make_client
from ..fetch.politeness import HostGate
from ..fetch.poll import poll_feed
from ..fetch.robots import RobotsCache
from ..fetch.schedule import FeedState, stored_states
from ..load.articles import RETRIED
from ..nlp.stage import NlpOptions, analyse_batch
from ..options import ArchiveOptions, DedupOptions, FetchOptions, ScheduleOptions
from ..records import FeedEntry, FeedPoll, FeedSpec, FetchResult, ProcessedArticle, RequestLog
from ..store import core as store
from ..store.staging import StagedBatch, fetch_log_table, robots_table, stage_articles, stage_polls
from ..store.staging import table as staged_table
from ..urls import article_id_for, canonical_url, host_of, page_canonical
from .process import EXTRACT_TIMEOUT, process_article, warm_up, worker_context

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

    def __init__(self, fetch_options: FetchOptions, *, workers: int = 1, pages: int = 0,
                 archive: ArchiveOptions | None = None, extract_timeout: float | None = EXTRACT_TIMEOUT) -> None:
        self.fetch_options = fetch_options
        # seconds one page's extraction may take (pipeline.extract.budget): a hostile page must not hold the batch
        self.extract_timeout = extract_timeout
        self._workers = workers
        self._pages = pages
        self._stack = ExitStack()
        self._archive_options = archive
        self._archive_held: list[pa.Table] = []  # archive records of a batch not staged yet (archived())

    def __enter__(self) -> Workers:
        self.client: httpx.Client = self._stack.enter_context(make_client(self.fetch_options))
        # per-host politeness and robots.txt decisions, shared by every fetch thread of this pass/task
        self.gate = HostGate(self.fetch_options)
        self.robots = RobotsCache(self.client, self.fetch_options, self.gate)
        self.threads: Executor = self._stack.enter_context(
            ThreadPoolExecutor(max_workers=max(1, self.fetch_options.concurrency), thread_name_prefix="newsdesk-fetch")
        )
        self.pool: Executor = self._stack.enter_context(self._extraction_pool())
        # every response the fetch threads get is kept in WARC files (pipeline.fetch.archive); None: archiving is off
        self.archive = None
        if self._archive_options is not None:
            from ..fetch.archive import ArchiveWriter

            self.archive = self._stack.enter_context(ArchiveWriter(self._archive_options))
        return self

    def archived(self, article_ids: set[str] | None = None) -> StagedBatch:
        """The ``archive_records`` rows written since the last call, as a staged table (empty without archive).

        ``article_ids``: only the records of these articles (and those of no article); the others stay for a
        later call. A pass fetches the next batch while this one is staged: its records go with its own batch,
        which renames them to the ids its pages give (``_moved_archive``)."""
        if self.archive is None:
            return StagedBatch()
        table = pa.concat_tables([*self._archive_held, self.archive.drain()]) if self._archive_held else self.archive.drain()
        self._archive_held = []
        if article_ids is not None and table.num_rows and "article_id" in table.column_names:
            ids = table.column("article_id").to_pylist()
            mine = [i is None or i in article_ids for i in ids]
            if not all(mine):
                self._archive_held.append(table.filter(pa.array([not m for m in mine])))
                table = table.filter(pa.array(mine))
        return StagedBatch({"archive_records": table})

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None and not issubclass(exc_type, Exception):  # Ctrl-C, SIGTERM: stop now
            # queued fetches and extractions are dropped and the worker processes stopped before anything
            # waits; only the requests in flight finish (bounded by their timeouts)
            self.threads.shutdown(wait=False, cancel_futures=True)
            getattr(self.pool, "abort", lambda: None)()
            self.threads.shutdown(wait=True)
        self._stack.close()

    def _extraction_pool(self) -> Executor:
        if self._workers <= 1 or self._pages < self.MIN_PAGES_FOR_POOL:
            return _InlineExecutor()
        # fork is unsafe with fetch threads running; forkserver forks from a clean single-threaded server.
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        return _ResilientPool(lambda: ProcessPoolExecutor(
            max_workers=self._workers, mp_context=worker_context(method), initializer=warm_up
        ), parallelism=self._workers)


class _ResilientPool(Executor):
    """A process pool that replaces itself when a worker dies (a page that crashes lxml, the OOM killer).

    The futures in flight when it broke fail with ``BrokenProcessPool`` and cost their own articles (recorded
    as ``extract_error`` and retried on later passes); everything submitted afterwards goes to a new pool.
    """

    MAX_REBUILDS = 10

    def __init__(self, factory: Callable[[], Executor], parallelism: int = 1) -> None:
        self._factory = factory
        self.parallelism = parallelism  # worker processes: callers split work into at least this many tasks
        self._pool = factory()
        self._lock = threading.Lock()
        self.rebuilds = 0
        self._aborted = False

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        with self._lock:
            if self._aborted:  # a pool whose workers were stopped on purpose must not be rebuilt
                raise RuntimeError("the extraction pool was stopped (the pass is being interrupted)")
            try:
                return self._pool.submit(fn, *args, **kwargs)
            except BrokenProcessPool:
                if self.rebuilds >= self.MAX_REBUILDS:
                    raise
                if _stopped_by_signal(self._pool):
                    # the whole process group was signalled (systemd, a supervisor, Ctrl-C at a terminal): the
                    # main thread is about to stop the pass, and new workers would only outlive it
                    self._aborted = True
                    raise
                log.warning("an extraction worker died; starting a new process pool")
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._factory()
                self.rebuilds += 1
                return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def abort(self) -> None:
        """Stop now (the pass is interrupted): queued work cancelled, worker processes terminated and reaped, so
        none outlives the pass. Workers hold nothing worth keeping: what they had not returned is fetched again
        by the next pass."""
        with self._lock:
            self._aborted = True
            pool = self._pool
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)


def _stopped_by_signal(pool: Executor) -> bool:
    """Every worker of a broken pool that has died was ended by SIGTERM or SIGINT. A crash (SIGSEGV in lxml, the
    OOM killer's SIGKILL) leaves at least one other exit code; the pool then terminates the rest itself, so those
    are read only after a short wait for the crashed one's code."""
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        # the pool's own thread reaps the workers of a broken pool; with forkserver each exit code is handed out
        # once, so reading it beside that thread races and one reader gets 255 instead of -SIGTERM
        manager.join(timeout=5)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    codes = []
    for process in processes:
        process.join(timeout=1)
        codes.append(process.exitcode)
    ended = [code for code in codes if code is not None]
    return bool(ended) and all(code in (-signal.SIGTERM, -signal.SIGINT) for code in ended)


class _InlineExecutor(Executor):
    """Runs submissions in the calling thread: one worker, or passes too small to pay for processes."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


# ---------------------------------------------------------------------------------------------------- poll


def poll_stage(
    specs: Sequence[FeedSpec],
    workers: Workers,
    progress: ProgressHook = _silent,
    *,
    states: Mapping[str, FeedState] | None = None,
    schedule: ScheduleOptions | None = None,
) -> tuple[list[FeedPoll], StagedBatch]:
    """Poll every feed concurrently (results in feed order) and stage their statuses, entries and requests.

    ``states`` (:func:`read_feed_states`) makes the polls incremental: conditional GETs, body hashes, the
    adaptive schedule. Without it every feed is fetched whole, as on its first poll.
    """
    progress("feeds_total", len(specs))
    schedule = schedule or ScheduleOptions()
    states = states or {}

    def one(spec: FeedSpec) -> FeedPoll:
        poll = poll_feed(workers.client, spec, workers.fetch_options, state=states.get(spec.url),
                         schedule=schedule, gate=workers.gate,
                         archive=workers.archive.write if workers.archive is not None else None)
        progress("feed_done", 1)
        return poll

    polls = list(workers.threads.map(one, specs))
    return polls, StagedBatch.merge([stage_polls(polls, unhealthy_after=schedule.unhealthy_after), workers.archived()])


def read_feed_states(db_path: Path, specs: Sequence[FeedSpec], *, lock_timeout: float = 120.0,
                     known_for: Sequence[str] | None = None) -> dict[str, FeedState]:
    """Stored poll state of ``specs`` (read-only; empty for a new database). ``known_for``: feeds whose known
    entry ids to load (to count new entries); all of ``specs`` by default."""
    if not Path(db_path).exists():
        return {}
    urls = [s.url for s in specs]
    with store.connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
        return stored_states(con, urls, known_for=urls if known_for is None else known_for)


# ---------------------------------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class Plan:
    todo: list[FeedEntry]  # one entry per article to fetch, in feed order (then the backlog)
    retries: set[str]  # article ids among them that failed before
    refreshes: set[str] = field(default_factory=set)  # stored articles whose feed entry was updated since
    deferred: int = 0  # articles past their feed's share of the pass (max_entries_per_feed): fetched by later passes


def plan_stage(
    db_path: Path,
    entries: Sequence[FeedEntry],
    *,
    max_attempts: int,
    lock_timeout: float = 120.0,
    retry_backoff: float = 0.0,
    backlog_feeds: Sequence[str] | None = None,
    refresh: bool = True,
    now: datetime | None = None,
    per_feed: int | None = None,
) -> Plan:
    """Which entries need fetching (read-only): articles not stored yet, failed ones with attempts left and due
    (``retry_backoff``), stored ones whose entry was updated (``refresh``), and the backlog of ``backlog_feeds``
    (entries stored by an earlier, interrupted pass; see :func:`pipeline.store.core.plan_fetches`). ``per_feed``:
    at most this many articles of one feed; the rest are left to later passes (``Plan.deferred``)."""
    if not Path(db_path).exists():
        return _capped(list({e.article_id: e for e in reversed(entries)}.values())[::-1], per_feed)
    with store.connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
        if not store.scalar(con, "SELECT count(*) FROM information_schema.columns "
                                 "WHERE table_name = 'articles' AND column_name = 'dead'"):
            return _capped(list({e.article_id: e for e in reversed(entries)}.values())[::-1], per_feed)
        plan = store.plan_fetches(con, entries, max_attempts=max_attempts, now=now or datetime.now(UTC),
                                  retry_backoff=retry_backoff, backlog_feeds=backlog_feeds, refresh=refresh,
                                  retried=RETRIED, per_feed=per_feed)
    return Plan(plan.todo, plan.retries, plan.refreshes, plan.deferred)


def _capped(unique: list[FeedEntry], per_feed: int | None) -> Plan:
    """The plan of a database with nothing stored: every entry is new, ``per_feed`` of each feed fetched now."""
    if per_feed is None:
        return Plan(unique, set())
    taken: dict[str, int] = {}
    kept = []
    for entry in unique:
        taken[entry.feed_url] = taken.get(entry.feed_url, 0) + 1
        if taken[entry.feed_url] <= per_feed:
            kept.append(entry)
    return Plan(kept, set(), deferred=len(unique) - len(kept))


# ------------------------------------------------------------------------------------------------- process


def process_stage(
    entries: Sequence[FeedEntry],
    workers: Workers,
    progress: ProgressHook = _silent,
    *,
    db_path: Path | None = None,
    nlp: NlpOptions | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[list[ProcessedArticle], StagedBatch]:
    """Fetch entries concurrently and hand each page to the extraction pool as soon as it arrives, so network
    waits and CPU work overlap. Results keep the input order (deterministic loads).

    Then entities and ceasefire statements (:mod:`pipeline.nlp.stage`); ``db_path`` (read-only) lets it skip
    paragraphs the database has already analysed.

    The three steps, :func:`start_batch`, :func:`collect_batch` and :func:`analyse_collected`, one after
    another; a pass (``pipeline.ingest``) interleaves them across batches instead.
    """
    fetching = start_batch(entries, workers, db_path=db_path)
    return analyse_collected(collect_batch(fetching, progress), workers, db_path=db_path, nlp=nlp, timings=timings)


@dataclass
class Fetching:
    """A batch handed to the fetch threads (each page to the extraction pool as it arrives), not collected yet."""

    entries: Sequence[FeedEntry]
    fetched: list[Future | None]
    started: float  # perf_counter when it was handed over


@dataclass
class Collected:
    """A batch's extracted articles, in entry order, and the requests made for them."""

    articles: list[ProcessedArticle]
    requests: list[RequestLog]
    started: float
    collected: float


def start_batch(entries: Sequence[FeedEntry], workers: Workers, *, db_path: Path | None = None,
                db_lock: AbstractContextManager | None = None) -> Fetching:
    """Hand ``entries`` to the fetch threads; each page goes to the extraction pool as soon as it arrives.

    ``db_lock``: held while the stored robots rules and archive digests are read (a pass whose loader thread
    writes meanwhile: DuckDB refuses a read-only connection next to a writing one in the same process)."""
    started = time.perf_counter()
    with db_lock or nullcontext():
        workers.robots.preload(db_path, [e.link for e in entries])
        if workers.archive is not None:  # known bodies of these articles: an unchanged re-fetch becomes a revisit
            workers.archive.preload(db_path, article_ids=[e.article_id for e in entries])

    def fetch_then_submit(entry: FeedEntry) -> tuple[FetchResult, Future]:
        result = polite_fetch(workers, entry.link)
        if workers.archive is not None:
            workers.archive.write(result, kind="article", article_id=entry.article_id)
        return result, workers.pool.submit(process_article, entry, result, workers.extract_timeout)

    return Fetching(entries, [workers.threads.submit(fetch_then_submit, entry) for entry in entries], started)


def collect_batch(fetching: Fetching, progress: ProgressHook = _silent) -> Collected:
    """Wait for a started batch's articles, in entry order (an ``article_done`` event each)."""
    entries, fetched = fetching.entries, fetching.fetched
    out = []
    for i, entry in enumerate(entries):
        result, processing = fetched[i].result()
        fetched[i] = None  # its page body is done with: do not hold a whole batch of them
        try:
            out.append(processing.result())
        except Exception as exc:  # an extractor crash (even a dead worker) costs one article, not the pass
            log.warning("processing %s failed: %r", entry.link, exc)
            failed = replace(result, body=None, error_kind="extract_error", error=f"{type(exc).__name__}: {exc}")
            out.append(ProcessedArticle(entry=entry, fetch=failed, status="failed", extracted=None))
        progress("article_done", 1)
    return Collected(out, [r for a in out for r in a.fetch.log], fetching.started, time.perf_counter())


def analyse_collected(
    collected: Collected,
    workers: Workers,
    *,
    db_path: Path | None = None,
    nlp: NlpOptions | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[list[ProcessedArticle], StagedBatch]:
    """Key a collected batch's articles (:func:`key_articles`), stage them, analyse their paragraphs, and stage
    the requests, robots rules and archive records that go with them. Reads ``db_path``: everything loaded
    before must be there (the keys and the analysis cache depend on it)."""
    keying = time.perf_counter()
    out, urls, moved = key_articles(collected.articles, db_path)
    staged = stage_articles(out)
    fetched_at = time.perf_counter()
    analysed = analyse_batch(out, workers.pool, db_path=db_path, options=nlp or NlpOptions())
    if timings is not None:  # seconds per stage, for the throughput benchmark and the runs table
        spent = collected.collected - collected.started + fetched_at - keying  # waited for the pages, and keyed
        timings["fetch_extract_dedup"] = timings.get("fetch_extract_dedup", 0.0) + spent
        timings["nlp"] = timings.get("nlp", 0.0) + time.perf_counter() - fetched_at
    rules, robots_requests = workers.robots.drain()
    requests = StagedBatch({
        "fetch_log": fetch_log_table([*robots_requests, *collected.requests]),
        "robots": robots_table(rules),
        "article_urls": urls,
    })
    archived = workers.archived(article_ids={a.entry.article_id for a in collected.articles})
    return out, StagedBatch.merge([staged, analysed, requests, _moved_archive(archived, moved)])


# a page that is not the article (pipeline.extract.pagekind: a teaser, a wall) ranks below any article, above a failure
_STATUS_RANK = {"ok": 0, "empty": 1, **dict.fromkeys(NOT_ARTICLE_STATUSES, 2), "unsupported": 3, "failed": 4}
_SOURCE_RANK = {"feed": 0, "redirect": 1, "canonical": 2, "og": 3}


def key_articles(articles: Sequence[ProcessedArticle], db_path: Path | None = None,
                 ) -> tuple[list[ProcessedArticle], pa.Table, dict[str, str]]:
    """Key each fetched article by what its page says it is, so one page is one article row.

    An entry is planned under the id of its link's canonical form. Once the page is fetched, its
    ``<link rel="canonical">`` (else ``og:url``), when :func:`pipeline.urls.page_canonical` honours it, names
    the page: the article moves to that URL's id, or to the stored article that URL (or the entry's link) is
    already known for, in ``article_urls`` (``db_path``, read-only). An article stored before keeps its id:
    rows are never renamed, the new URLs are recorded for it instead. A page whose title and paragraphs show it
    is another article than the one it would join stays apart (:func:`_same_pages_only`). Two articles of the
    batch that end up with one id are one article: the better fetch is kept (ok, empty, unsupported, failed).

    Returns the articles to stage, the ``article_urls`` rows of every one of them (those folded away too), and
    the planned id -> new id of the articles that moved (for rows staged under the planned id).
    """
    declared = [_declared(a) for a in articles]
    page_urls = [canonical_url(d[0][1]) if d else None for d in declared]
    page_ids = [article_id_for(u) if u else None for u in page_urls]
    planned = [a.entry.article_id for a in articles]
    seen = [_seen_urls(a, d) for a, d in zip(articles, declared)]
    urls = {u for s in seen for _, u in s} | {canonical_url(u) for s in seen for _, u in s}
    stored, owners, pages = _stored(db_path, set(planned) | {i for i in page_ids if i}, urls)
    proposed = [_choose(p, i, s, stored, owners) for p, i, s in zip(planned, page_ids, seen)]
    chosen = _same_pages_only(articles, planned, proposed, pages)
    kept: dict[str, ProcessedArticle] = {}
    rows: dict[tuple[str, str], dict] = {}
    moved: dict[str, str] = {}
    for i, article in enumerate(articles):
        was, now, urls_seen = planned[i], chosen[i], seen[i]
        if now != proposed[i]:  # its declared URL named another article: not one of this article's URLs
            urls_seen = _seen_urls(article, [])
        if now != was:
            moved[was] = now
            canonical = page_urls[i] if now == page_ids[i] else article.entry.canonical_url
            article = replace(article, entry=replace(article.entry, article_id=now, canonical_url=canonical))
            log.info("%s is the page %s: keyed as article %s", article.entry.link, canonical, now)
        for source, url in urls_seen:
            held_row = rows.get((now, url))
            # one row per URL; a URL both listed and declared (a page at its own canonical URL) is a feed link
            if held_row is None or _SOURCE_RANK[source] < _SOURCE_RANK[held_row["source"]]:
                rows[now, url] = {"article_id": now, "url": url, "canonical_url": canonical_url(url),
                                  "source": source, "seen_at": article.fetch.fetched_at,
                                  "replaces": was if now != was else (held_row or {}).get("replaces")}
        held = kept.get(now)
        if held is None or _STATUS_RANK.get(article.status, 9) < _STATUS_RANK.get(held.status, 9):
            kept[now] = article
    if len(kept) < len(articles):
        log.info("%d fetched pages were another page of the batch (same canonical URL): kept once",
                 len(articles) - len(kept))
    return list(kept.values()), staged_table("article_urls", list(rows.values())), moved


def _declared(article: ProcessedArticle) -> list[tuple[str, str]]:
    """The URLs the fetched page declares for itself that may key it: (``canonical`` | ``og``, url)."""
    x = article.extracted
    # a wall's or teaser's declared URL is the wall's (one consent page for every link): it names no article
    if x is None or article.status == "failed" or article.status in NOT_ARTICLE_STATUSES:
        return []
    page = article.fetch.final_url or article.entry.link
    out = []
    for source, declared in (("canonical", x.canonical_link), ("og", x.og_url)):
        url = page_canonical(page, declared)
        if url is not None:
            out.append((source, url))
        elif declared:
            log.debug("%s declares %s URL %r: not honoured (another site, a home page or a section)", page,
                      source, declared[:200])
    return out


def _seen_urls(article: ProcessedArticle, declared: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every URL the article was seen under: the link, where its redirects ended, what the page declares."""
    urls = [("feed", article.entry.link)]
    final = article.fetch.final_url
    if final and final != article.entry.link:
        urls.append(("redirect", final))
    return urls + declared


def _choose(planned: str, page_id: str | None, seen: list[tuple[str, str]], stored: set[str],
            owners: dict[str, str]) -> str:
    """The article id: the first candidate already stored, else the page's own, else the planned one.

    Candidates in order: the id of the URL the page declares; the article its link or declared URLs are known
    for; the planned id. The redirect target is not a candidate: many different links end on one consent
    or login page, which must not make them one article."""
    candidates = [page_id]
    for source, url in seen:
        if source != "redirect":
            candidates += [owners.get(url), owners.get(canonical_url(url))]
    candidates.append(planned)
    for candidate in candidates:
        if candidate is not None and candidate in stored:
            return candidate
    return page_id or planned


def _stored(db_path: Path | None, ids: set[str], urls: set[str]):
    """Which ``ids`` are stored articles, the stored article each known URL belongs to, and what those stored
    articles say (title, paragraph ids) to compare a page that would join them with (read-only)."""
    if db_path is None or not Path(db_path).exists():
        return set(), {}, {}
    try:
        with store.connect(db_path, read_only=True) as con:
            stored, owners = store.stored_articles(con, ids), store.url_owners(con, urls)
            return stored, owners, store.article_pages(con, stored | set(owners.values()))
    except StoreError as exc:  # unreadable now: key by the pages alone (a duplicate at worst, never a loss)
        log.warning("stored articles could not be read to key this batch: %s", exc)
        return set(), {}, {}


# a page joins another article only if they share this much of the smaller one's paragraphs (or their title)
_MIN_SHARED = 0.5


def _same_pages_only(articles: Sequence[ProcessedArticle], planned: list[str], chosen: list[str],
                     pages: dict[str, tuple[str | None, frozenset[str]]]) -> list[str]:
    """``chosen`` with every move undone whose page is plainly another article than the one it would join.

    Why: a CMS that prints one fixed URL as every page's canonical (a "latest" page, ``/news/index.html``)
    would otherwise fold distinct articles into one row, and mark their links as known, so they would never be
    fetched again. The same page reached by two URLs has the same title or most of its paragraphs; distinct
    articles have neither. A page with no text to compare is given the benefit of the doubt."""
    out = list(chosen)
    groups: dict[str, list[int]] = {}
    for i, target in enumerate(chosen):
        groups.setdefault(target, []).append(i)
    for target, members in groups.items():
        movers = [i for i in members if planned[i] != target]
        if not movers:
            continue
        if target in pages:  # joining a stored article: compare with what is stored
            reference, first = pages[target], None
        else:  # with the page fetched at the target's own URL, else the first that moved there
            first = next((i for i in members if planned[i] == target), members[0])
            reference = _page(articles[first])
        for i in movers:
            if i != first and not _same_page(_page(articles[i]), reference):
                log.warning("%s declares the URL of another article (titles and paragraphs differ): kept apart",
                            articles[i].entry.link)
                out[i] = planned[i]
    return out


def _page(article: ProcessedArticle) -> tuple[str | None, frozenset[str]]:
    title = article.extracted.title if article.extracted is not None else None
    return title or article.entry.title, frozenset(o.paragraph_id for o in article.occurrences if o.repeat_of is None)


def _same_page(a: tuple[str | None, frozenset[str]], b: tuple[str | None, frozenset[str]]) -> bool:
    (title_a, paragraphs_a), (title_b, paragraphs_b) = a, b
    if not paragraphs_a or not paragraphs_b:
        return True
    if title_a and title_b and " ".join(title_a.casefold().split()) == " ".join(title_b.casefold().split()):
        return True
    return len(paragraphs_a & paragraphs_b) >= _MIN_SHARED * min(len(paragraphs_a), len(paragraphs_b))


def _moved_archive(batch: StagedBatch, moved: dict[str, str]) -> StagedBatch:
    """Archive records were written under the planned id, before the page was read: give them the new one."""
    table = batch.tables.get("archive_records")
    if not moved or table is None or "article_id" not in table.column_names:
        return batch
    index = table.column_names.index("article_id")
    ids = [moved.get(i, i) for i in table.column("article_id").to_pylist()]
    return StagedBatch({**batch.tables, "archive_records": table.set_column(index, "article_id",
                                                                              pa.array(ids, pa.string()))})


def polite_fetch(workers: Workers, url: str) -> FetchResult:
    """Fetch an article page as a good citizen: robots.txt first (its Crawl-delay applied to the host), then
    the request through the per-host gate. A disallowed page is a recorded outcome, not a request."""
    allowed, rule = workers.robots.check(url)
    host = host_of(url)
    if rule is not None:
        workers.gate.set_crawl_delay(host, rule.crawl_delay)
    if not allowed:
        now = datetime.now(UTC)
        why = "robots.txt unreachable" if rule is not None and rule.status == "unreachable" else "disallowed by robots.txt"
        retry_after = rule.expires_at if rule is not None else None
        record = RequestLog(kind="article", url=url, host=host, requested_at=now, attempt=1, outcome="robots",
                            error=why, retry_after=retry_after)
        return FetchResult(url=url, fetched_at=now, error_kind="robots", error=f"{url}: {why}",
                           retry_after=retry_after, log=(record,))
    return fetch(workers.client, url, workers.fetch_options, kind="article", gate=workers.gate)


# ---------------------------------------------------------------------------------------------------- load


def load_stage(db_path: Path, batch: StagedBatch, *, run_id: int | None, lock_timeout: float = 120.0,
               max_attempts: int | None = None, batch_key: str | None = None,
               dedup: DedupOptions | None = None, before_commit=None) -> load.LoadStats:
    """Open the database, load the batch in one transaction, close it: the write lock is held only this long.

    ``max_attempts``: failed articles tried this often are marked dead (no more retries). ``batch_key``: a
    batch with this key that was loaded before is skipped (a retried loader must not count attempts twice).
    ``before_commit(con, stats)``: bookkeeping committed with the batch (:func:`pipeline.load.load_staged`)."""
    with store.connect(db_path, lock_timeout=lock_timeout) as con:
        return load.load_staged(con, batch, run_id, max_attempts=max_attempts, batch_key=batch_key, dedup=dedup,
                                before_commit=before_commit)


