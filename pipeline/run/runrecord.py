"""The ``runs`` row of a command (ingest pass, reprocess, import-warc): started before the work, finished after
it whatever happens, so a killed or failed command is visible in the table.

A command stopped by Ctrl-C or SIGTERM (what ``docker stop``, systemd and Airflow send) finishes its row as
``interrupted``: :func:`sigterm_raises` turns SIGTERM into :class:`Terminated` in the main thread, so both
unwind the same way (workers stopped, row written, pass lock released) instead of the process just vanishing.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from ..store import core as store

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


class Summary(Protocol):
    run_id: int
    status: str
    seconds: float

    def counts(self) -> dict[str, int]: ...


S = TypeVar("S", bound=Summary)


def completed_status(counts: dict[str, int]) -> str:
    """The status of a run that got to its end: ``ok``, or ``all_feeds_failed`` when it polled feeds and every
    one failed (nothing could be fetched: a network outage, a proxy, a dead list), so that nobody reads a run
    that did nothing as a good one. One rule for the CLI pass and the DAG run."""
    polled, failed = counts.get("feeds_polled", 0), counts.get("feeds_failed", 0)
    return "all_feeds_failed" if polled > 0 and failed >= polled else "ok"


@contextmanager
def recorded_run(db_path: Path, kind: str, options: dict, make_summary: Callable[[int], S], *,
                 lock_timeout: float = 120.0) -> Iterator[S]:
    """``with recorded_run(db, "reprocess", {...}, ReprocessSummary) as summary: ...`` — the summary's counts
    and status (ok; interrupted by Ctrl-C or SIGTERM; or failed with the error) are written to the run's row at
    the end."""
    started = time.monotonic()
    with store.connect(db_path, lock_timeout=lock_timeout) as con:
        run_id = store.start_run(con, kind, options)
    summary = make_summary(run_id)
    error = None
    try:
        yield summary
        summary.status = completed_status(summary.counts())
    except INTERRUPTS as exc:  # stopped from outside: what was loaded stays, the next pass resumes the rest
        summary.status = "interrupted"
        error = "terminated by SIGTERM" if isinstance(exc, Terminated) else "interrupted by Ctrl-C (SIGINT)"
        raise
    except BaseException as exc:  # the row must say the run did not finish
        summary.status = "failed"
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise
    finally:
        summary.seconds = round(time.monotonic() - started, 3)
        with _interrupts_held():
            try:
                with store.connect(db_path, lock_timeout=lock_timeout) as con:
                    store.finish_run(con, run_id, summary.counts(), status=summary.status, error=error,
                                     outcomes=getattr(summary, "outcomes", None))
            except Exception:  # never mask the original error with a bookkeeping one
                log.exception("could not record the end of run %s", run_id)
        log.info("%s run %s %s in %.1fs: %s", kind, run_id, summary.status, summary.seconds, summary.counts())
