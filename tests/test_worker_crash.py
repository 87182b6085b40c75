"""A dead extraction worker costs the articles in flight, never the pass."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from pipeline.run.stages import _ResilientPool

pytestmark = pytest.mark.slow  # a worker process is killed and replaced


def _work(x: int) -> int:
    if x == 3:
        os._exit(1)  # what a segfault in lxml or the OOM killer looks like from the parent
    return x * 2


def test_a_dead_worker_is_replaced_and_only_its_work_fails():
    pool = _ResilientPool(lambda: ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("forkserver")))
    try:
        assert pool.submit(_work, 1).result() == 2
        with pytest.raises(BrokenProcessPool):
            pool.submit(_work, 3).result()
        assert pool.submit(_work, 4).result() == 8  # a new pool took over
        assert pool.rebuilds == 1
    finally:
        pool.shutdown()


def test_workers_ended_by_sigterm_are_not_replaced():
    """A signal to the whole process group (systemd, a supervisor) ends the workers before the main thread
    stops the pass: a new pool would only start workers that outlive it."""
    pool = _ResilientPool(lambda: ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("forkserver")))
    try:
        assert pool.submit(_work, 1).result() == 2
        for process in list(pool._pool._processes.values()):
            os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        with pytest.raises(BrokenProcessPool):
            while time.monotonic() < deadline:  # until the pool has seen its workers go
                pool.submit(_work, 2).result()
                time.sleep(0.05)
        with pytest.raises((BrokenProcessPool, RuntimeError)):
            pool.submit(_work, 4).result()
        assert pool.rebuilds == 0
    finally:
        pool.abort()
