"""The pipelined pass (issue #18): batch n+1 fetched and extracted while batch n is analysed and batch n-1 loaded.

It must give the rows a sequential pass gives (keys, the analysis cache and cross-article dedup read what the
batches before stored), hold at most three batches at a time, and stop cleanly: a load already handed to the
loader thread finishes, nothing starts after an error or an interrupt."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest

import pipeline.run.ingest as ingest
from conftest import REPO, article_page, rss, words
from pipeline.run.ingest import run_pass

ARTICLES = 24  # Workers.MIN_PAGES_FOR_POOL: the extraction pool runs
BATCH = 4
SHARED = "Foreign Minister Olena Haidar said on Tuesday that Kyiv would accept a 30-day ceasefire to end the shelling."

# timestamps, run ids and request order aside, everything a pass writes
COMPARE = {
    "articles": "SELECT article_id, url, canonical_url, status, title, text, content_hash, paragraph_count, "
                "repeat_count, fetch_attempts, revision, language FROM articles ORDER BY 1",
    "article_urls": "SELECT article_id, url, source FROM article_urls ORDER BY 1, 2",
    "paragraphs": "SELECT paragraph_id, text, article_count FROM paragraphs ORDER BY 1",
    "article_paragraphs": "SELECT * FROM article_paragraphs ORDER BY 1, 2",
    "entity_mentions": "SELECT article_id, start_char, end_char, entity_id FROM entity_mentions ORDER BY 1, 2, 3",
    "ceasefire_statements": "SELECT statement_id, article_id, stance FROM ceasefire_statements ORDER BY 1",
    "nlp": "SELECT article_id, nlp_status FROM articles ORDER BY 1",
    "fetch_log": "SELECT kind, url, outcome FROM fetch_log ORDER BY 1, 2, 3",
    "archive_records": "SELECT article_id, url, record_type FROM archive_records ORDER BY 1, 2, 3",
}


def query(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def snapshot(db) -> dict[str, list]:
    return {name: query(db, sql) for name, sql in COMPARE.items()}


@pytest.fixture
def corpus(site):
    """24 articles in 6 batches whose rows depend on the batches before them: a paragraph every article shares
    (counts, the analysis cache, cross-article dedup), pages that declare the canonical URL of an article of the
    batch before (one the same page, keyed to it; one another story, kept apart), a German page, a 404."""
    items = []
    for i in range(ARTICLES):
        path = f"/a/{i}"
        paragraphs = [words(25, f"pipelined story {i} part {j}") for j in range(3)] + [SHARED]
        head = ""
        if i == 5:  # the same page as article 1 (batch 0), reached by another link
            paragraphs = [words(25, f"pipelined story 1 part {j}") for j in range(3)] + [SHARED]
            head = f'<link rel="canonical" href="{site.url("/a/1")}">'
        elif i == 10:  # another story claiming article 6's URL (batch 1): must stay apart
            head = f'<link rel="canonical" href="{site.url("/a/6")}">'
        title = "Story 1" if i == 5 else f"Story {i}"
        if i == 9:
            page = article_page("Waffenruhe", ["Die Regierung erklärte am Dienstag, dass die Waffenruhe seit "
                                               "Montag hält und die Gespräche weitergehen sollen."] * 1 +
                                [f"Weitere Verhandlungen {i} sind für die kommende Woche in Genf geplant."],
                                lang="de")
        else:
            page = article_page(title, paragraphs)
        if i != 21:  # a 404
            site.add(path, page.replace("<head>", f"<head>{head}", 1))
        items.append({"title": f"Story {i}", "link": site.url(path), "guid": f"g{i}"})
    site.add("/feed.xml", rss(items), content_type="application/rss+xml")
    return site


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])  # 2: the forkserver pool
def test_pipelined_pass_gives_the_same_rows_and_counts_as_the_sequential_one(corpus, make_options, tmp_path,
                                                                               monkeypatch, workers):
    feed = corpus.url("/feed.xml")
    sequential = make_options(feed, db=tmp_path / "sequential.duckdb", workers=workers, batch_size=BATCH)
    pipelined = make_options(feed, db=tmp_path / "pipelined.duckdb", workers=workers, batch_size=BATCH)
    load = ingest._load

    def late_load(*args):  # the loader thread takes its time: a batch keyed before the one before it is
        time.sleep(0.3)    # stored would be keyed differently
        load(*args)

    monkeypatch.setattr(ingest, "_load", late_load)
    monkeypatch.setattr(ingest, "PIPELINED", False)
    one = run_pass(sequential)
    monkeypatch.setattr(ingest, "PIPELINED", True)
    events: list[tuple[str, int]] = []
    other = run_pass(pipelined, progress=lambda event, n: events.append((event, n)))
    assert one.counts() == other.counts()
    assert one.outcomes == other.outcomes
    assert snapshot(sequential.db_path) == snapshot(pipelined.db_path)
    # the cases above happened (else the comparison proves little)
    assert other.articles_failed == 1 and other.articles_new == ARTICLES - 1
    keyed = dict(query(pipelined.db_path, "SELECT url, article_id FROM article_urls"))
    assert keyed[corpus.url("/a/5")] == keyed[corpus.url("/a/1")]
    assert keyed[corpus.url("/a/10")] != keyed[corpus.url("/a/6")]
    assert query(pipelined.db_path, "SELECT max(article_count) FROM paragraphs") == [(ARTICLES - 3,)]
    assert ("no_model",) in query(pipelined.db_path, "SELECT nlp_status FROM articles")
    assert events.count(("article_done", 1)) == ARTICLES and events[-1] == ("article_done", 1)


class Watch:
    """Batches started and not yet loaded, at most: the pass's memory bound. (These tests extract in the
    fetch threads, ``workers=1``: the stages overlap as with a pool, at a fraction of the start-up cost.)"""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = self.most = self.started = self.loaded = 0
        self.overlapped = False  # a batch started while an earlier one was being loaded

    def start(self) -> None:
        with self.lock:
            self.started += 1
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)

    def loading(self, seconds: float) -> None:
        time.sleep(seconds)  # a slow disk: the pass must not run ahead of its loader
        with self.lock:
            self.overlapped |= self.started > self.loaded + 1

    def done(self) -> None:
        with self.lock:
            self.in_flight -= 1
            self.loaded += 1


def watched(monkeypatch, watch: Watch, load_seconds: float = 0.3, fail_at: int | None = None):
    start, load = ingest.start_batch, ingest.load_stage

    def start_batch(*args, **kwargs):
        watch.start()
        return start(*args, **kwargs)

    def load_stage(db_path, batch, **kwargs):
        if "fetch_log" not in batch.tables or "articles" not in batch.tables:  # the feeds' batch
            return load(db_path, batch, **kwargs)
        watch.loading(load_seconds)
        if fail_at is not None and watch.loaded + 1 == fail_at:
            raise OSError("disk full")
        stats = load(db_path, batch, **kwargs)
        watch.done()
        return stats

    monkeypatch.setattr(ingest, "start_batch", start_batch)
    monkeypatch.setattr(ingest, "load_stage", load_stage)


def test_batches_in_flight_are_bounded_and_overlap(corpus, make_options, monkeypatch):
    watch = Watch()
    watched(monkeypatch, watch)
    summary = run_pass(make_options(corpus.url("/feed.xml"), workers=1, batch_size=2))
    assert summary.articles_new == ARTICLES - 1
    assert watch.loaded == watch.started == ARTICLES // 2
    assert watch.overlapped, "no batch was fetched while another one loaded: the stages did not overlap"
    assert watch.most <= 3, f"{watch.most} batches in memory at once"


def test_sequential_mode_never_overlaps(corpus, make_options, monkeypatch):
    """The comparison's other side really is sequential (else the first test compares the pass with itself)."""
    watch = Watch()
    watched(monkeypatch, watch, load_seconds=0.05)
    monkeypatch.setattr(ingest, "PIPELINED", False)
    run_pass(make_options(corpus.url("/feed.xml"), workers=1, batch_size=BATCH))
    assert not watch.overlapped and watch.most == 1


def loader_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("newsdesk-load")]


def test_a_failed_load_stops_the_pass_and_keeps_the_batches_before(corpus, make_options, monkeypatch):
    watch = Watch()
    watched(monkeypatch, watch, load_seconds=0.05, fail_at=3)
    options = make_options(corpus.url("/feed.xml"), workers=1, batch_size=BATCH)
    with pytest.raises(OSError, match="disk full"):
        run_pass(options)
    # nothing started beyond the two batches fetched ahead of the one whose load failed
    assert watch.loaded == 2 and watch.started <= 5
    assert query(options.db_path, "SELECT count(*) FROM article_urls WHERE source = 'feed'")[0][0] == 2 * BATCH
    assert query(options.db_path, "SELECT status FROM runs") == [("failed",)]
    assert loader_threads() == []


def test_an_interrupt_lets_the_load_in_hand_finish_and_starts_no_other(corpus, make_options, monkeypatch):
    """Ctrl-C while batch 2 is being loaded (batch 3 fetched, not collected): batch 2 is stored whole, no later
    batch is."""
    watch = Watch()
    watched(monkeypatch, watch, load_seconds=0.5)
    collect = ingest.collect_batch
    loaded_then = []

    def interrupted(*args, **kwargs):
        if watch.started == 4:  # batch 3 started, batch 2 handed to the loader (batch 1 loaded before 2 was keyed)
            loaded_then.append(watch.loaded)
            raise KeyboardInterrupt
        return collect(*args, **kwargs)

    monkeypatch.setattr(ingest, "collect_batch", interrupted)
    options = make_options(corpus.url("/feed.xml"), workers=1, batch_size=BATCH)
    with pytest.raises(KeyboardInterrupt):
        run_pass(options)
    assert loaded_then == [2], "the interrupt came when it should not"
    assert watch.loaded == 3
    assert query(options.db_path, "SELECT count(*) FROM article_urls WHERE source = 'feed'")[0][0] == 3 * BATCH
    assert query(options.db_path, "SELECT status FROM runs") == [("interrupted",)]
    assert loader_threads() == []


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the forkserver's memory map (Linux)")
def test_the_forkserver_loads_the_models_once_and_workers_start_warm():
    """The models are loaded in the forkserver before it forks the workers (its memory map holds spaCy's and
    lxml's libraries), not in each worker alone. In a process of its own: a forkserver started earlier in this
    one (tests/test_worker_crash.py starts a bare one) would be reused."""
    script = textwrap.dedent("""
        import multiprocessing.forkserver as forkserver, os
        from pipeline.options import FetchOptions
        from pipeline.run.stages import Workers
        with Workers(FetchOptions(), workers=2, pages=100) as workers:
            worker = workers.pool.submit(os.getpid).result()
            with open(f"/proc/{forkserver._forkserver._forkserver_pid}/maps") as fh:
                maps = fh.read()
            print("spacy" in maps, "lxml" in maps, worker != os.getpid())
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split() == ["True", "True", "True"]
