"""The ``runs`` row of a command (ingest pass, reprocess, import-warc): started before the work, finished after
it whatever happens, so a killed or failed command is visible in the table.

A command stopped by Ctrl-C or SIGTERM (what ``docker stop``, systemd and Airflow send) finishes its row as
``interrupted``: :func:`sigterm_raises` turns SIGTERM into :class:`Terminated` in the main thread, so both
unwind the same way (workers stopped, row written, pass lock released) instead of the process just vanishing.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..store import core as store

if TYPE_CHECKING:
    from ..load import LoadStats
    from ..records import FeedPoll, ProcessedArticle
    from ..store.staging import StagedBatch

log = logging.getLogger(__name__)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread by :func:`sigterm_raises`. A BaseException, like KeyboardInterrupt:
    no ``except Exception`` may swallow a request to stop."""


#: what stops a command from outside; its run row says ``interrupted``, not ``failed``
INTERRUPTS = (KeyboardInterrupt, Terminated)


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated("SIGTERM")


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """While active, SIGTERM raises :class:`Terminated` in the main thread (as Ctrl-C raises KeyboardInterrupt).
    Outside the main thread signal handlers cannot be set, and this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold a second Ctrl-C or SIGTERM while the run row is written, then act on it: a user pressing Ctrl-C
    twice must not leave the row ``running``. Main thread only (elsewhere signals never raise anyway)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: arrived.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if arrived:  # delivered again, now to whatever handles it (raises, ends the process, or is ignored)
            signal.raise_signal(arrived[0])


#: the counters of the ``runs`` table, in its column order: what a CLI pass and a DAG run both record
COUNTERS = ("feeds_polled", "feeds_failed", "entries_seen", "articles_new", "articles_retried", "articles_failed",
            "articles_empty", "paragraphs_new", "repeats_removed", "feeds_skipped", "feeds_not_modified",
            "articles_refreshed", "articles_revised", "requests", "articles_deferred")

#: the counters only the load can tell (:meth:`RunCounts.add_load`); a DAG loader writes them with each batch
LOAD_COUNTERS = ("paragraphs_new", "articles_revised")

#: counter names an older DAG run's poll tasks returned (their XComs may reach a newer loader)
_LEGACY_NAMES = {"feeds": "feeds_polled", "entries": "entries_seen"}

#: poll statuses that are no problem to report (nothing new is fine)
QUIET_POLLS = ("ok", "not_modified", "unchanged")


@dataclass
class RunCounts:
    """What an ingestion does, counted one way for both faces: the CLI pass adds each batch as it goes, a DAG
    run's tasks count their batch and the loader adds them up (:meth:`add`, :meth:`from_row`). The names are
    the ``runs`` columns (:data:`COUNTERS`); ``outcomes`` is fetch_log outcome -> requests, e.g. ``{"ok": 12}``."""

    feeds_polled: int = 0
    feeds_failed: int = 0
    entries_seen: int = 0
    articles_new: int = 0
    articles_retried: int = 0
    articles_failed: int = 0
    articles_empty: int = 0
    paragraphs_new: int = 0
    repeats_removed: int = 0
    feeds_skipped: int = 0  # not due yet (adaptive schedule, backoff)
    feeds_not_modified: int = 0  # 304, or a byte-identical body
    articles_refreshed: int = 0  # stored articles fetched again because their feed entry was updated
    articles_revised: int = 0  # ... whose text had changed (old text kept in article_revisions)
    requests: int = 0  # rows added to fetch_log
    articles_deferred: int = 0  # past their feed's share of the pass (max_entries_per_feed): left to later passes
    outcomes: dict[str, int] = field(default_factory=dict)

    def add_polls(self, polls: Iterable[FeedPoll]) -> list[str]:
        """Count polled feeds and the entries they listed; return the problems worth a warning."""
        problems = []
        for poll in polls:
            self.feeds_polled += 1
            self.entries_seen += len(poll.entries)
            if not poll.succeeded:
                self.feeds_failed += 1
            if poll.status in ("not_modified", "unchanged"):
                self.feeds_not_modified += 1
            elif poll.status not in QUIET_POLLS:
                problems.append(f"{poll.spec.url}: {poll.status} ({poll.error})")
        return problems

    def add_articles(self, processed: Iterable[ProcessedArticle], *, retries: Collection[str] = (),
                     refreshes: Collection[str] = ()) -> None:
        """Count processed articles: each is a refresh, else a retry, else new (unless it failed); failed and
        empty ones are counted apart as well. ``retries``, ``refreshes``: article ids, as the plan gives them."""
        for article in processed:
            article_id = article.entry.article_id
            if article_id in refreshes:
                self.articles_refreshed += 1
            elif article_id in retries:
                self.articles_retried += 1
            elif article.status != "failed":
                self.articles_new += 1
            if article.status == "failed":
                self.articles_failed += 1
            elif article.status == "empty":
                self.articles_empty += 1
            self.repeats_removed += article.repeats

    def add_requests(self, staged: StagedBatch) -> None:
        """Count the requests a staged batch logged (its fetch_log rows), in all and per outcome."""
        table = staged.tables.get("fetch_log")
        if table is None:
            return
        self.requests += table.num_rows
        for outcome in table.column("outcome").to_pylist():
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def add_load(self, stats: LoadStats) -> None:
        """Count what only the load can tell: paragraphs never seen before, stored articles whose text changed."""
        self.paragraphs_new += stats.paragraphs_new
        self.articles_revised += stats.revisions

    def add(self, other: RunCounts) -> None:
        for name in COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for outcome, n in other.outcomes.items():
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + n

    def as_row(self) -> dict[str, int]:
        """The counters by ``runs`` column (``outcomes`` apart: it is a JSON column)."""
        return {name: getattr(self, name) for name in COUNTERS}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> RunCounts:
        """The counters in ``row`` (a task's XCom, a ``runs`` row); other keys are ignored, NULL is 0."""
        values = {_LEGACY_NAMES.get(key, key): value for key, value in row.items()}
        return cls(**{name: int(values.get(name) or 0) for name in COUNTERS}, outcomes=dict(values.get("outcomes") or {}))


class Summary(Protocol):
    run_id: int
    status: str
    seconds: float

    def counts(self) -> dict[str, int]: ...


S = TypeVar("S", bound=Summary)


def completed_status(counts: Mapping[str, int]) -> str:
    """The status of a run that got to its end: ``ok``, or ``all_feeds_failed`` when it polled feeds and every
    one failed (nothing could be fetched: a network outage, a proxy, a dead list), so that nobody reads a run
    that did nothing as a good one. One rule for the CLI pass and the DAG run."""
    polled, failed = counts.get("feeds_polled", 0), counts.get("feeds_failed", 0)
    return "all_feeds_failed" if polled > 0 and failed >= polled else "ok"


def failure(exc: BaseException) -> tuple[str, str]:
    """The status and error a run row gets when ``exc`` ended the run: stopped from outside (Ctrl-C, SIGTERM)
    is ``interrupted``, anything else ``failed``."""
    if isinstance(exc, INTERRUPTS):
        return "interrupted", "terminated by SIGTERM" if isinstance(exc, Terminated) else "interrupted by Ctrl-C (SIGINT)"
    return "failed", f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


#: the kinds of run a command opens under the pass lock (:mod:`pipeline.run.passlock`): while a command holds it,
#: no other row of these kinds can belong to a live process
LOCKED_KINDS = ("ingest", "demo", "reprocess", "import-warc")


def close_killed(con, now: datetime) -> list[int]:
    """Mark ``killed`` the rows of :data:`LOCKED_KINDS` still ``running``, and return their ids. Only a command
    holding the pass lock may call this: their processes are then gone (SIGKILL, out of memory, power loss: no
    handler ran to finish the row), and a row that says ``running`` for ever reads as a pass still at work.
    What those runs loaded stays, with the counts each batch committed (:func:`write_counts`)."""
    placeholders = ", ".join("?" for _ in LOCKED_KINDS)
    rows = con.execute(
        f"UPDATE runs SET status = 'killed', error = ? WHERE status = 'running' AND kind IN ({placeholders}) "
        "RETURNING run_id",
        [f"the process ended without finishing its run (killed: SIGKILL, out of memory or power loss); "
         f"found by the next run at {now.isoformat(timespec='seconds')}; what it loaded stays", *LOCKED_KINDS],
    ).fetchall()
    killed = sorted(int(r[0]) for r in rows)
    if killed:
        log.warning("runs %s were killed before they finished; marked 'killed' (what they loaded stays)",
                    ", ".join(map(str, killed)))
    return killed


def start_run(db_path: Path, kind: str, options: dict, *, lock_timeout: float = 120.0,
              resume: Mapping[str, str] | None = None) -> tuple[int, RunCounts]:
    """Open a ``runs`` row (status ``running``) and return its id and the counts it holds.

    ``resume``: option values that identify a row an earlier try of the same work opened (a retried Airflow
    loader: its DAG and run id). That row is reopened, with the counts the earlier try recorded, so a retry
    adds to them; without one (or none found) a new row is opened with nothing counted."""
    with store.connect(db_path, lock_timeout=lock_timeout) as con:
        found = _resumable(con, kind, resume) if resume else None
        if found is None:
            return store.start_run(con, kind, options), RunCounts()
        run_id, counts = found
        con.execute("UPDATE runs SET status = 'running', finished_at = NULL, error = NULL WHERE run_id = ?", [run_id])
        return run_id, counts


def _resumable(con, kind: str, resume: Mapping[str, str]) -> tuple[int, RunCounts] | None:
    match = " AND ".join("json_extract_string(options, ?) = ?" for _ in resume)
    params = [kind, *(v for key, value in resume.items() for v in (f"$.{key}", value))]
    cursor = con.execute(f"SELECT run_id, {', '.join(COUNTERS)}, outcomes FROM runs WHERE kind = ? AND {match} "
                         "ORDER BY run_id LIMIT 1", params)
    row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip((d[0] for d in cursor.description), row))
    values["outcomes"] = json.loads(values["outcomes"]) if values["outcomes"] else {}
    return int(values["run_id"]), RunCounts.from_row(values)


def record_counts(db_path: Path, run_id: int, counts: RunCounts, *, lock_timeout: float = 120.0) -> None:
    """Write ``counts`` to a run row that is still running, so a retry after a crash starts from them."""
    with store.connect(db_path, lock_timeout=lock_timeout) as con:
        write_counts(con, run_id, counts)


def write_counts(con, run_id: int, counts: RunCounts) -> None:
    """:func:`record_counts` on an open connection: a DAG loader calls it inside each batch's transaction, so
    the batch and its counts commit together (a loader killed between the two lost the batch's counts: the
    retry skips the batch by its key)."""
    columns = ", ".join(f"{name} = ?" for name in COUNTERS)
    con.execute(f"UPDATE runs SET {columns}, outcomes = ? WHERE run_id = ?",
                [*counts.as_row().values(), json.dumps(counts.outcomes, sort_keys=True), run_id])


def finish_run(db_path: Path, run_id: int, counts: Mapping[str, int], *, status: str, error: str | None = None,
               outcomes: Mapping[str, int] | None = None, lock_timeout: float = 120.0) -> None:
    """Close a run row with its counts and status. Never raises: a bookkeeping error must not mask the error
    that ended the run, nor fail a run whose work is done (it is logged)."""
    with _interrupts_held():
        try:
            with store.connect(db_path, lock_timeout=lock_timeout) as con:
                store.finish_run(con, run_id, dict(counts), status=status, error=error,
                                 outcomes=dict(outcomes) if outcomes is not None else None)
        except Exception:
            log.exception("could not record the end of run %s", run_id)


@contextmanager
def recorded_run(db_path: Path, kind: str, options: dict, make_summary: Callable[[int], S], *,
                 lock_timeout: float = 120.0) -> Iterator[S]:
    """``with recorded_run(db, "reprocess", {...}, ReprocessSummary) as summary: ...`` — the summary's counts
    and status (ok; interrupted by Ctrl-C or SIGTERM; or failed with the error) are written to the run's row at
    the end."""
    started = time.monotonic()
    if kind in LOCKED_KINDS:  # its caller holds the pass lock: a row left running is a killed run's
        with store.connect(db_path, lock_timeout=lock_timeout) as con:
            close_killed(con, datetime.now(UTC))
    run_id, _ = start_run(db_path, kind, options, lock_timeout=lock_timeout)
    summary = make_summary(run_id)
    error = None
    try:
        yield summary
        # a summary may know better what a finished run of its kind that did nothing is (import-warc's no_warc_files)
        own_status = getattr(summary, "completed_status", None)
        summary.status = own_status() if own_status is not None else completed_status(summary.counts())
    except BaseException as exc:  # the row must say the run did not finish (what was loaded stays)
        summary.status, error = failure(exc)
        raise
    finally:
        summary.seconds = round(time.monotonic() - started, 3)
        finish_run(db_path, run_id, summary.counts(), status=summary.status, error=error,
                   outcomes=getattr(summary, "outcomes", None), lock_timeout=lock_timeout)
        log.info("%s run %s %s in %.1fs: %s", kind, run_id, summary.status, summary.seconds, summary.counts())
