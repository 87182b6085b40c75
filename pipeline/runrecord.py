"""The ``runs`` row of a command (ingest pass, reprocess, import-warc): started before the work, finished after
it whatever happens, so a killed or failed command is visible in the table."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from . import store

log = logging.getLogger(__name__)


class Summary(Protocol):
    run_id: int
    status: str
    seconds: float

    def counts(self) -> dict[str, int]: ...


S = TypeVar("S", bound=Summary)


@contextmanager
def recorded_run(db_path: Path, kind: str, options: dict, make_summary: Callable[[int], S], *,
                 lock_timeout: float = 120.0) -> Iterator[S]:
    """``with recorded_run(db, "reprocess", {...}, ReprocessSummary) as summary: ...`` — the summary's counts
    and status (ok, or failed with the error) are written to the run's row at the end."""
    started = time.monotonic()
    with store.connect(db_path, lock_timeout=lock_timeout) as con:
        run_id = store.start_run(con, kind, options)
    summary = make_summary(run_id)
    error = None
    try:
        yield summary
        summary.status = "ok"
    except BaseException as exc:  # KeyboardInterrupt included: the row must say the run did not finish
        summary.status = "failed"
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise
    finally:
        summary.seconds = round(time.monotonic() - started, 3)
        try:
            with store.connect(db_path, lock_timeout=lock_timeout) as con:
                store.finish_run(con, run_id, summary.counts(), status=summary.status, error=error,
                                 outcomes=getattr(summary, "outcomes", None))
        except Exception:  # never mask the original error with a bookkeeping one
            log.exception("could not record the end of run %s", run_id)
        log.info("%s run %s %s in %.1fs: %s", kind, run_id, summary.status, summary.seconds, summary.counts())
