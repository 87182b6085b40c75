"""The per-page extraction budget (pipeline.extract.budget): a page whose extraction runs too long is recorded as
failed (``extract_timeout``) with its response archived, and the pass goes on with the other pages."""

from __future__ import annotations

import multiprocessing
import re
import signal
import threading
import time

import duckdb
import pytest

from conftest import article_page, rss, words
from pipeline.extract import budget as budget_module
from pipeline.extract.budget import ExtractionTimeout, time_budget
from pipeline.run import process
from pipeline.run.ingest import run_pass


def _catastrophic_regex() -> None:
    # nested quantifiers on a string that fails at its end: exponential backtracking, inside one C call
    re.match(r"(a+)+$", "a" * 40 + "!")


def test_a_runaway_regular_expression_in_the_main_thread_is_stopped():
    started = time.monotonic()
    with pytest.raises(ExtractionTimeout), time_budget(0.3):
        _catastrophic_regex()
    assert time.monotonic() - started < 3


def test_a_runaway_loop_in_a_fetch_thread_is_stopped():
    outcome: list[str] = []

    def spin() -> None:
        try:
            with time_budget(0.3):
                while True:
                    pass
        except ExtractionTimeout:
            outcome.append("stopped")

    thread = threading.Thread(target=spin, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(timeout=5)
    assert outcome == ["stopped"] and time.monotonic() - started < 3


@pytest.mark.parametrize("in_thread", [False, True], ids=["main thread", "other thread"])
def test_an_extractor_that_catches_every_exception_cannot_swallow_the_stop(in_thread):
    """trafilatura's caller catches ``Exception`` around hostile markup: the stop must pass through it."""
    outcome: list[str] = []

    def careless() -> None:
        try:
            with time_budget(0.3):
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline:
                    try:
                        sum(range(1000))
                    except Exception:  # what an extractor does with an error on hostile markup
                        outcome.append("swallowed")
        except ExtractionTimeout:
            outcome.append("stopped")

    if in_thread:
        thread = threading.Thread(target=careless, daemon=True)
        thread.start()
        thread.join(timeout=10)
    else:
        careless()
    assert outcome == ["stopped"]


@pytest.mark.parametrize("in_thread", [False, True], ids=["main thread", "other thread"])
def test_a_page_done_in_time_leaves_no_stop_behind(in_thread):
    outcome: list[str] = []

    def quick() -> None:
        try:
            with time_budget(0.2):
                sum(range(1000))
            time.sleep(0.6)  # well past the budget: nothing may arrive now
            outcome.append("done")
        except ExtractionTimeout:
            outcome.append("stopped late")

    if in_thread:
        thread = threading.Thread(target=quick, daemon=True)
        thread.start()
        thread.join(timeout=5)
    else:
        before = signal.getsignal(signal.SIGALRM)
        quick()
        assert signal.getsignal(signal.SIGALRM) == before  # the handler is put back
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert outcome == ["done"]


def _stuck_in_c(grace: float) -> None:
    """A worker stuck in one C call that never looks at signals (sum over a range): only the kernel stops it."""
    budget_module.HARD_GRACE = grace
    with time_budget(0.2):
        sum(range(10**13))


@pytest.mark.slow  # a child burns CPU until the kernel's limit (budget + HARD_GRACE): seconds
def test_a_worker_process_stuck_in_a_c_call_is_ended_by_the_kernel():
    child = multiprocessing.get_context("spawn").Process(target=_stuck_in_c, args=(0.5,))
    started = time.monotonic()
    child.start()
    child.join(timeout=30)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail("the worker was not stopped")
    assert child.exitcode == -signal.SIGXCPU and time.monotonic() - started < 30


@pytest.mark.slow  # a real pass waits out a page's budget: seconds
def test_a_pass_records_the_slow_page_keeps_its_response_and_goes_on(site, make_options, monkeypatch):
    slow = article_page("A page that never ends", [words(30, "slow page")])
    fine = article_page("Talks resume", [words(30, f"fine page {i}") for i in range(3)])
    site.add("/slow", slow)
    site.add("/fine", fine)
    site.add("/feed.xml", rss([{"title": "slow", "link": site.url("/slow")},
                               {"title": "fine", "link": site.url("/fine")}]), content_type="application/rss+xml")
    real = process.extract_article

    def hostile(fetch, **kwargs):
        if fetch.url.endswith("/slow"):
            while True:  # a page the extractor never finishes
                pass
        return real(fetch, **kwargs)

    monkeypatch.setattr(process, "extract_article", hostile)
    from pipeline.extract.core import warm_up

    warm_up()  # the language model loads once per process: not the fine page's time to pay within its budget
    options = make_options(site.url("/feed.xml"), extract_timeout=5.0)
    started = time.monotonic()
    summary = run_pass(options)
    assert time.monotonic() - started < 120 and summary.status == "ok"  # without the budget: never (the page loops)
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        rows = {url: rest for url, *rest in con.execute("SELECT url, status, error_kind, error FROM articles").fetchall()}
        archived = con.execute("SELECT count(*) FROM archive_records r JOIN articles a USING (article_id) "
                               "WHERE a.url = ? AND r.kind = 'article'", [site.url("/slow")]).fetchone()[0]
    status, kind, error = rows[site.url("/slow")]
    assert (status, kind) == ("failed", "extract_timeout") and "5 s" in error
    assert rows[site.url("/fine")][:2] == ["ok", None]
    assert archived == 1  # the page's bytes are kept: reprocess can try it again


def test_the_budget_is_a_setting_of_ingest_and_the_dag():
    from pipeline.settings import SETTINGS, dag_params

    setting = SETTINGS["extract_timeout"]
    assert "ingest" in setting.commands and "extract_timeout" in dag_params()
    with pytest.raises(Exception, match="extract_timeout"):
        setting.parse("0")
    assert process.EXTRACT_TIMEOUT == setting.default > 0


def _spin_in_worker(seconds: float) -> str:
    """Runs in a pool's worker process: a loop no page should take, under a budget."""
    try:
        with time_budget(seconds):
            while True:
                pass
    except ExtractionTimeout:
        return "stopped"


def _stuck_in_worker(seconds: float) -> None:
    budget_module.HARD_GRACE = 0.5
    with time_budget(seconds):
        sum(range(10**13))


@pytest.mark.slow  # worker processes are started, one is ended by the kernel and replaced
def test_in_the_extraction_pool_a_slow_page_is_stopped_and_a_stuck_worker_replaced():
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.run.stages import _ResilientPool

    context = multiprocessing.get_context("forkserver")
    pool = _ResilientPool(lambda: ProcessPoolExecutor(max_workers=1, mp_context=context))
    try:
        assert pool.submit(_spin_in_worker, 0.3).result(timeout=30) == "stopped"
        with pytest.raises(BrokenProcessPool):  # only the kernel's CPU-time limit ends it
            pool.submit(_stuck_in_worker, 0.3).result(timeout=60)
        assert pool.submit(_spin_in_worker, 0.3).result(timeout=60) == "stopped"  # a new worker took over
        assert pool.rebuilds == 1
    finally:
        pool.shutdown()


def test_a_timer_someone_else_set_is_left_running():
    """Airflow's execution_timeout (and other supervisors) arm SIGALRM in the task's main thread: the budget must
    neither replace their handler nor cancel their timer."""
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        handler = signal.getsignal(signal.SIGALRM)
        with pytest.raises(ExtractionTimeout), time_budget(0.3):
            while True:
                pass
        assert signal.getsignal(signal.SIGALRM) is handler and signal.getitimer(signal.ITIMER_REAL)[0] > 20
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
