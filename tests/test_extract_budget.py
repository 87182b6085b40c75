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
    assert archived == 1  # the page's bytes are kept (and the next pass fetches it again: test below)


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


_ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<id>urn:t</id><updated>{u}</updated>
<entry><title>A</title><id>urn:a</id><link href="{a}"/><updated>{u}</updated></entry>
<entry><title>B</title><id>urn:b</id><link href="{b}"/><updated>2026-01-01T00:00:00Z</updated></entry></feed>"""


def _hang_on(monkeypatch, word: str | None) -> None:
    """Extraction never finishes on pages whose URL holds ``word`` (None: extraction as shipped)."""
    real = process.__dict__.setdefault("_shipped_extract_article", process.extract_article)

    def hostile(fetch, **kwargs):
        if word is not None and word in fetch.url:
            while True:
                pass
        return real(fetch, **kwargs)

    monkeypatch.setattr(process, "extract_article", hostile)


@pytest.mark.slow  # real passes wait out pages' budgets: seconds
def test_without_an_archive_a_timed_out_page_is_fetched_again_and_an_update_is_not_lost(site, make_options,
                                                                                        monkeypatch):
    """With ``--no-archive`` nothing keeps the bytes of a page whose extraction timed out: the next passes must
    fetch it again, a new article (it is ``failed``) and the update of a stored one alike. The update's feed
    marker used to move on as for a failed re-fetch, so the new version was never fetched again: lost."""
    from pipeline.extract.core import warm_up

    monkeypatch.delitem(process.__dict__, "_shipped_extract_article", raising=False)
    warm_up()  # the language model loads once per process: not a fine page's time to pay within its budget
    page = site.url("/story")
    site.add("/story", article_page("Story", [words(30, "first version")]))
    site.add("/new", article_page("New", [words(30, "brand new")]))
    feed = site.url("/feed.xml")
    site.add("/feed.xml", _ATOM.format(u="2026-01-01T00:00:00Z", a=page, b=site.url("/other")),
             content_type="application/atom+xml")
    site.add("/other", article_page("Other", [words(30, "other page")]))
    options = make_options(feed, extract_timeout=3.0, archive=False, max_fetch_attempts=3)

    def text_of(url: str):
        with duckdb.connect(str(options.db_path), read_only=True) as con:
            return con.execute("SELECT status, lower(text) FROM articles WHERE url = ?", [url]).fetchone()

    assert run_pass(options).status == "ok" and "first version" in text_of(page)[1]
    # the story is updated, and a new article is listed; neither can be extracted in this pass
    site.add("/story", article_page("Story", [words(30, "second version")]))
    site.add("/feed.xml", _ATOM.format(u="2026-02-01T00:00:00Z", a=page, b=site.url("/new")),
             content_type="application/atom+xml")
    _hang_on(monkeypatch, "/")
    assert run_pass(options).articles_refreshed == 1
    assert "first version" in text_of(page)[1]  # the stored text stays meanwhile
    assert text_of(site.url("/new"))[0] == "failed"
    _hang_on(monkeypatch, None)
    third = run_pass(options)
    assert third.articles_refreshed == 1
    assert "second version" in text_of(page)[1]  # the update was fetched again: nothing lost
    assert text_of(site.url("/new"))[0] == "ok"


@pytest.mark.slow  # real passes wait out a page's budget: seconds
def test_an_update_that_always_times_out_is_given_up_after_the_fetch_attempts(site, make_options, monkeypatch):
    """The re-fetches of an update stop where a failing fetch's retries do (``max_fetch_attempts``)."""
    from pipeline.extract.core import warm_up

    monkeypatch.delitem(process.__dict__, "_shipped_extract_article", raising=False)
    warm_up()
    page = site.url("/story")
    site.add("/story", article_page("Story", [words(30, "first version")]))
    site.add("/other", article_page("Other", [words(30, "other page")]))
    feed = site.url("/feed.xml")
    site.add("/feed.xml", _ATOM.format(u="2026-01-01T00:00:00Z", a=page, b=site.url("/other")),
             content_type="application/atom+xml")
    options = make_options(feed, extract_timeout=2.0, archive=False, max_fetch_attempts=2)
    run_pass(options)
    site.add("/story", article_page("Story", [words(30, "second version")]))
    site.add("/feed.xml", _ATOM.format(u="2026-02-01T00:00:00Z", a=page, b=site.url("/other")),
             content_type="application/atom+xml")
    _hang_on(monkeypatch, "/story")
    assert [run_pass(options).articles_refreshed for _ in range(3)] == [1, 1, 0]
