"""Crash safety: `newsdesk ingest` SIGKILLed at several points and started again ends with the same rows as an
uninterrupted pass; two passes at once never both run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, article_page, rss, words
from hostile_server import Handler, HostileServer

pytestmark = pytest.mark.slow  # every test kills or races real passes in subprocesses

FEEDS = 2
ARTICLES = 6  # per feed

# what must be identical (timestamps, run ids and first-seen order are not part of the comparison)
COMPARE = {
    "feed_entries": "SELECT feed_url, entry_id, article_id, link, title FROM feed_entries ORDER BY 1, 2",
    "articles": "SELECT article_id, url, status, title, text, content_hash, paragraph_count, repeat_count, "
                "fetch_attempts, revision FROM articles ORDER BY 1",
    "paragraphs": "SELECT paragraph_id, text, article_count FROM paragraphs ORDER BY 1",
    "article_paragraphs": "SELECT * FROM article_paragraphs ORDER BY 1, 2",
    "entity_mentions": "SELECT article_id, start_char, end_char, entity_id FROM entity_mentions ORDER BY 1, 2",
    "ceasefire_statements": "SELECT statement_id, article_id, stance FROM ceasefire_statements ORDER BY 1",
    "feeds": "SELECT feed_url, last_status, consecutive_failures FROM feeds ORDER BY 1",
    "article_revisions": "SELECT count(*) FROM article_revisions",
}


class KillSwitch:
    """Kills the running ingest process from inside the server, when it asks for a chosen URL: a precise,
    repeatable point in the pass (the request is in flight; whatever the pass had not loaded is lost)."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.at: tuple[str, int] | None = None  # (path prefix, n-th request with it in this run)
        self.count = 0
        self.lock = threading.Lock()

    def arm(self, pid: int, prefix: str | None, nth: int = 1) -> None:
        with self.lock:
            self.pid, self.at, self.count = pid, (prefix, nth) if prefix else None, 0

    def check(self, path: str) -> None:
        with self.lock:
            if self.at is None or self.pid is None or not path.startswith(self.at[0]):
                return
            self.count += 1
            if self.count == self.at[1]:
                os.kill(self.pid, signal.SIGKILL)
                self.at = None


BATCH_SIZE = 2


@pytest.fixture
def news(tmp_path):
    switch = KillSwitch()
    shared = "Foreign Minister Olena Haidar said on Tuesday that Kyiv would accept a 30-day ceasefire to end the shelling."
    with HostileServer() as server:
        def serve(body: bytes, content_type: str):
            def route(h: Handler) -> None:
                switch.check(h.path)
                h.send_plain(200, body, content_type)
            return route

        lines = []
        for f in range(FEEDS):
            items = []
            for a in range(ARTICLES):
                path = f"/f{f}/a{a}"
                paragraphs = [words(25, f"feed {f} article {a} p{j}") for j in range(3)] + [shared]
                server.route(path, serve(article_page(f"Story {f}-{a}", paragraphs).encode(), "text/html; charset=utf-8"))
                items.append({"title": f"Story {f}-{a}", "link": server.url(path), "guid": path})
            feed = f"/feed{f}.xml"
            server.route(feed, serve(rss(items).encode(), "application/rss+xml"))
            lines.append(server.url(feed))
        feeds_file = tmp_path / "feeds.txt"
        feeds_file.write_text("\n".join(lines) + "\n")
        yield server, switch, feeds_file


def ingest(db: Path, feeds_file: Path, switch: KillSwitch, kill_at: str | None = None, nth: int = 1) -> int:
    env = {**os.environ, "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1", "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "pipeline.cli", "-q", "ingest", "--feeds", str(feeds_file), "--db", str(db),
           "--batch-size", str(BATCH_SIZE), "--workers", "1", "--lock-timeout", "30"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    switch.arm(proc.pid, kill_at, nth)
    try:
        out, _ = proc.communicate(timeout=120)
    finally:
        switch.arm(0, None)
    if kill_at is None:
        assert proc.returncode == 0, out.decode(errors="replace")[-3000:]
    return proc.returncode


def snapshot(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in COMPARE.items()}


def test_killed_passes_end_with_the_same_rows_as_an_uninterrupted_one(news, tmp_path):
    server, switch, feeds_file = news
    reference = tmp_path / "reference.duckdb"
    ingest(reference, feeds_file, switch)
    expected = snapshot(reference)
    assert len(expected["articles"]) == FEEDS * ARTICLES and all(r[2] == "ok" for r in expected["articles"])

    db = tmp_path / "killed.duckdb"
    kills = [
        ("/feed1", 1),  # while polling: nothing of this pass loaded but its run row
        ("/f0/", 1),  # polls loaded, first article in flight
        ("/f", 3),  # the next pass: a batch loaded, the second one in flight (backlog: the feeds are not due)
        ("/f1/a5", 1),  # the last article
    ]
    for prefix, nth in kills:
        code = ingest(db, feeds_file, switch, kill_at=prefix, nth=nth)
        assert code == -signal.SIGKILL, f"the pass was not killed at {prefix} #{nth}"
    ingest(db, feeds_file, switch)  # and once more, to the end
    assert snapshot(db) == expected

    with duckdb.connect(str(db), read_only=True) as con:
        statuses = dict(con.execute("SELECT status, count(*) FROM runs GROUP BY 1").fetchall())
    assert statuses == {"killed": len(kills), "ok": 1}  # each pass marks the runs killed before it as killed
    with duckdb.connect(str(db), read_only=True) as con:
        counted = con.execute("SELECT sum(articles_new), sum(paragraphs_new) FROM runs").fetchone()
        stored = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM paragraphs)").fetchone()
    # a killed run's counts commit with each batch it loaded: summed over the runs, nothing lost or counted twice
    assert counted == stored
    # nothing fetched again that was stored: beyond the reference pass and one fetch of each article, only the
    # batches in flight when a pass was killed (the pipelined pass, #18: the one analysed and the next one
    # fetched, at most 2 x --batch-size articles each time) are fetched twice
    total_article_hits = sum(server.hits(f"/f{f}/a{a}") for f in range(FEEDS) for a in range(ARTICLES))
    assert total_article_hits <= 2 * FEEDS * ARTICLES + len(kills) * 2 * BATCH_SIZE


def test_two_passes_at_once_one_waits_out_or_exits(news, tmp_path):
    server, switch, feeds_file = news
    db = tmp_path / "two.duckdb"
    env = {**os.environ, "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1", "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "pipeline.cli", "-q", "ingest", "--feeds", str(feeds_file), "--db", str(db),
           "--workers", "1"]
    first = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lock = Path(str(db) + ".pass.lock")
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    out_first, _ = first.communicate(timeout=120)
    assert first.returncode == 0, out_first.decode(errors="replace")[-2000:]
    if second.returncode != 0:  # it found the first one running
        assert "another newsdesk pass is running" in second.stdout + second.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (
            FEEDS * ARTICLES, FEEDS * ARTICLES)
    assert max(server.hits(f"/f{f}/a{a}") for f in range(FEEDS) for a in range(ARTICLES)) == 1
