"""A time budget for one page's extraction: a pathological page gets a recorded status, the run goes on.

One hostile page held extraction for 124 s (last session's leftover): with no limit, a page can hold a worker, and
the batch waiting for it, for as long as the extractor takes. :func:`time_budget` stops the work after
``seconds`` by raising :class:`ExtractionTimeout` where it runs:

- in a process's main thread (the extraction worker processes, and ``reprocess`` or ``import-warc`` without
  them), by ``SIGALRM``: Python code and the regular expression engine (which checks for signals as it
  backtracks) are interrupted. A worker process also gets a hard stop: a CPU-time limit a little above the
  budget, after which the kernel ends the process (``SIGXCPU``) even inside a C call that never returns; the
  pool then replaces the worker and the articles it held are recorded as failed (``extract_error``) and retried.
- in another thread (a pass too small for worker processes runs extraction in its fetch threads), or where
  someone else's ``SIGALRM`` timer is running (Airflow's ``execution_timeout``), by an exception raised in that
  thread at its next Python instruction. A thread cannot be killed: a C call that never
  returns holds it, which only worker processes can stop.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

log = logging.getLogger(__name__)

# seconds of CPU time past the budget before the kernel ends a worker process that the soft stop did not reach;
# real pages take at most 0.21 s of CPU each (bench/extract_budget.py), so budget + grace ends only a stuck worker
HARD_GRACE = 10.0


class ExtractionTimeout(BaseException):
    """The page's extraction took longer than its budget. A BaseException, as KeyboardInterrupt is: the extractor
    catches ``Exception`` around trafilatura (hostile markup) and would otherwise go on past the budget."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ExtractionTimeout` in the block once it has run ``seconds``; None or 0: no budget."""
    if not seconds:
        yield
        return
    main = threading.current_thread() is threading.main_thread()
    # a timer someone else armed (Airflow's execution_timeout, a supervisor) is theirs: neither replaced nor cancelled
    if main and hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0:
        with _alarm(seconds), _cpu_limit(seconds):
            yield
    else:
        with _thread_timer(seconds), _cpu_limit(seconds) if main else nullcontext():
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expired(signum, frame) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _cpu_limit(seconds: float) -> Iterator[None]:
    """In a worker process only (never the command's own process, which a kill would end whole): the kernel ends
    the process once its CPU time passes what it had used plus the budget and :data:`HARD_GRACE`."""
    if multiprocessing.parent_process() is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    core = resource.getrlimit(resource.RLIMIT_CORE)
    used = resource.getrusage(resource.RUSAGE_SELF)
    limit = int(used.ru_utime + used.ru_stime + seconds + HARD_GRACE) + 1
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, core[1]))  # SIGXCPU dumps core: not a worker's gigabytes
    except (ValueError, OSError) as exc:  # a limit set from outside that cannot be raised: soft stop only
        log.debug("no CPU-time limit for this extraction: %r", exc)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        resource.setrlimit(resource.RLIMIT_CORE, core)


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    """An :class:`ExtractionTimeout` raised in this thread by a timer; the lock makes sure it can only arrive
    while the block (or this function's own clean-up, still inside the caller's ``with``) runs."""
    target = threading.get_ident()
    lock = threading.Lock()
    done = False

    def expired() -> None:
        with lock:
            if not done:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(ExtractionTimeout))

    timer = threading.Timer(seconds, expired)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done = True
        timer.cancel()
