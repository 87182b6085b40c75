"""Readers while a pass runs: DuckDB has one writer per file, so the pass holds the lock only per batch; a
reader waits for it, never fails the pass, and never sees half a batch."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import REPO, article_page, rss, words
from pipeline.localserver import Response
from pipeline.store.core import connect


@pytest.mark.slow
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


# ------------------------------------------------------------------------------------------ the pass lock file


def _lock_at(db):
    from pipeline.run.passlock import lock_path

    return lock_path(db)


def test_a_symlink_at_the_lock_path_is_refused_and_its_target_survives(tmp_path):
    """The pass wrote its pid through a link planted at the lock path, truncating the file it pointed to."""
    import pytest
    from click.testing import CliRunner

    from pipeline.cli import cli
    from pipeline.run.passlock import UnsafeLockFile, pass_lock

    precious = tmp_path / "thesis.txt"
    precious.write_text("three years of work\n")
    db = tmp_path / "news.duckdb"
    _lock_at(db).symlink_to(precious)
    with pytest.raises(UnsafeLockFile, match="is a symbolic link"):
        with pass_lock(db):
            pass
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n")
    result = CliRunner().invoke(cli, ["-q", "ingest", "--feeds", str(feeds), "--db", str(db)])
    assert result.exit_code == 1 and result.exception is not None and isinstance(result.exception, SystemExit)
    assert f"the pass lock {_lock_at(db)} is a symbolic link" in result.output
    assert "Traceback" not in result.output
    assert precious.read_text() == "three years of work\n"
    assert _lock_at(db).is_symlink() and not db.exists()  # refused before touching anything


def test_a_dangling_symlink_is_not_followed_to_create_its_target(tmp_path):
    import pytest

    from pipeline.run.passlock import UnsafeLockFile, pass_lock

    db = tmp_path / "news.duckdb"
    target = tmp_path / "elsewhere" / "created-by-the-pass"
    (tmp_path / "elsewhere").mkdir()
    _lock_at(db).symlink_to(target)
    with pytest.raises(UnsafeLockFile, match="symbolic link"):
        with pass_lock(db):
            pass
    assert not target.exists()


def test_lock_paths_that_are_not_a_file_of_their_own_are_refused(tmp_path):
    import os

    import pytest

    from pipeline.run.passlock import UnsafeLockFile, pass_lock

    other = tmp_path / "other.txt"
    other.write_text("keep me")
    cases = {
        "hardlink.duckdb": lambda p: os.link(other, p),
        "fifo.duckdb": os.mkfifo,  # must not hang either
        "dir.duckdb": os.mkdir,
    }
    for name, make in cases.items():
        make(_lock_at(tmp_path / name))
        with pytest.raises(UnsafeLockFile, match="hard link|not a regular file|is a directory"):
            with pass_lock(tmp_path / name):
                pass
    assert other.read_text() == "keep me"


def test_the_lock_file_of_a_pass_holds_its_pid(tmp_path):
    import json
    import os

    from pipeline.run.passlock import pass_lock

    db = tmp_path / "news.duckdb"
    _lock_at(db).write_text("x" * 500)  # a longer leftover of an older version is replaced whole
    with pass_lock(db):
        assert json.loads(_lock_at(db).read_text())["pid"] == os.getpid()
