"""A dead extraction worker costs the articles in flight, never the pass."""

from __future__ import annotations

import multiprocessing
import os
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
