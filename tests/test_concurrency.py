"""Readers while a pass runs: DuckDB has one writer per file, so the pass holds the lock only per batch; a
reader waits for it, never fails the pass, and never sees half a batch."""

from __future__ import annotations

import subprocess
import sys
import time

from conftest import REPO, article_page, rss, words
from pipeline.localserver import Response
from pipeline.store import connect


def test_reader_during_a_pass_sees_whole_batches_and_never_breaks_it(site, tmp_path):

    def slow_page(i):
        def respond(path):
            time.sleep(0.05)  # keep the pass running long enough to interleave many reads
            return Response(body=article_page(f"Story {i}", [words(20, f"s{i} p{j}") for j in range(4)]).encode())
        return respond

    links = []
    for i in range(40):
        site.add(f"/a/{i}", slow_page(i))
        links.append({"title": f"Story {i}", "link": site.url(f"/a/{i}"), "guid": str(i)})
    site.add("/feed.xml", rss(links), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    db = tmp_path / "live.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "ingest", "--feeds", str(feeds), "--db", str(db),
         "--allow-private-network", "--batch-size", "4", "--workers", "1", "--json"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    reads, seen_counts = 0, set()
    try:
        while proc.poll() is None:
            if not db.exists():
                time.sleep(0.05)
                continue
            with connect(db, read_only=True, lock_timeout=30) as con:
                tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
                if "articles" not in tables:
                    continue
                # every loaded article has all its paragraph occurrences: batches are atomic
                broken = con.execute(
                    "SELECT a.article_id FROM articles a LEFT JOIN article_paragraphs ap USING (article_id) "
                    "WHERE a.status = 'ok' GROUP BY a.article_id, a.paragraph_count "
                    "HAVING count(ap.position) <> a.paragraph_count").fetchall()
                assert broken == []
                seen_counts.add(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
                reads += 1
            time.sleep(0.02)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert '"articles_new": 40' in out
    assert reads >= 3
    assert len(seen_counts) >= 2  # the reader really ran between batches and saw the table grow
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(40,)]
