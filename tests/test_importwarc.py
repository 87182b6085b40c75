"""`newsdesk import-warc` over damaged input (issue #15): one bad record, a corrupt or cut-off gzip member, a
file that is not a WARC file at all are skipped and reported, and everything else is imported. The WARC files
are written here, record by record, with warcio."""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import zlib
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import article_page, rss, words
from pipeline.cli import cli
from pipeline.nlp.stage import NlpOptions
from pipeline.run.importwarc import ImportOptions, import_warc
from pipeline.run.ingest import run_pass
from pipeline.run.reprocess import ReprocessOptions, run_reprocess
from pipeline.urls import article_id_for, canonical_url


def q(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def record(uri: str | None, *, status: str = "200 OK", gzipped: bool = True, body: bytes | None = None) -> bytes:
    """One response record (one gzip member when ``gzipped``) for a page of its own (or ``body``); ``uri=None``
    leaves out WARC-Target-URI, as some hand-rolled crawlers do."""
    name = uri or "a page nobody can name"
    if body is None:
        body = article_page(f"Story {name}", [words(25, f"{name} part {j}") for j in range(3)]).encode()
    http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped, warc_version="1.1")
    rec = writer.create_warc_record(uri or "http://placeholder.invalid/", "response", payload=io.BytesIO(body),
                                    length=len(body), http_headers=http)
    if uri is None:
        rec.rec_headers.remove_header("WARC-Target-URI")
    writer.write_record(rec)
    return out.getvalue()


def corrupt(member: bytes) -> bytes:
    """The same gzip member with part of its deflate stream overwritten (a bad disk block, a broken copy)."""
    damaged = bytearray(member)
    middle = len(member) // 2
    damaged[middle : middle + 40] = b"\xff" * 40
    with pytest.raises((zlib.error, EOFError, gzip.BadGzipFile)):  # the premise: it really is unreadable
        gzip.decompress(bytes(damaged))
    return bytes(damaged)


def url(name: str) -> str:
    return f"https://news.example.org/{name}"


def imported_urls(db: Path) -> list[str]:
    return [r[0] for r in q(db, "SELECT url FROM articles ORDER BY url")]


def run(db: Path, *files: Path):
    return import_warc(ImportOptions(db_path=db, files=list(files), nlp=NlpOptions(enabled=False)))


def test_a_record_without_target_uri_is_skipped_and_the_rest_imported(tmp_path, caplog):
    """The issue's case: the record without WARC-Target-URI aborted the import and the next file never came in."""
    first, second = tmp_path / "first.warc.gz", tmp_path / "second.warc.gz"
    first.write_bytes(record(url("a1")) + record(None) + record(url("a2")))
    second.write_bytes(record(url("b1")))
    db = tmp_path / "news.duckdb"
    with caplog.at_level(logging.WARNING, logger="pipeline.run.importwarc"):
        summary = run(db, first, second)
    assert summary.status == "ok"
    assert imported_urls(db) == [url("a1"), url("a2"), url("b1")]
    assert summary.archive_records_skipped == 1 and summary.skipped_reasons == {"no WARC-Target-URI": 1}
    assert len(summary.problems) == 1 and str(first) in summary.problems[0] and "WARC-Target-URI" in summary.problems[0]
    assert "skipped 1 records and 0 files: 1 no WARC-Target-URI" in caplog.text
    assert q(db, "SELECT status, archive_records_skipped FROM runs") == [("ok", 1)]


def test_corrupt_and_cut_off_members_and_a_bad_status_line_cost_only_themselves(tmp_path):
    cut = record(url("last"))
    warc = tmp_path / "damaged.warc.gz"
    warc.write_bytes(record(url("one")) + corrupt(record(url("corrupt"))) + record(url("two"))
                     + record(url("bad-status"), status="two hundred OK") + record(url("three"))
                     + cut[: len(cut) // 2])
    db = tmp_path / "news.duckdb"
    summary = run(db, warc)
    assert imported_urls(db) == [url("one"), url("three"), url("two")]
    assert summary.skipped_reasons == {"truncated or corrupt record": 2, "bad HTTP status line": 1}
    assert summary.archive_records_skipped == 3 and summary.files_skipped == 0
    assert any("bad HTTP status line 'HTTP/1.1 two hundred OK'" in p for p in summary.problems)
    # offsets name the damaged records, so they can be looked at
    assert all("at offset" in p for p in summary.problems)


def test_an_uncompressed_warc_with_garbage_in_the_middle(tmp_path):
    warc = tmp_path / "plain.warc"
    warc.write_bytes(record(url("p1"), gzipped=False) + b"these bytes are no WARC record\r\nat all\r\n\r\n"
                     + record(url("p2"), gzipped=False))
    db = tmp_path / "news.duckdb"
    summary = run(db, warc)
    assert imported_urls(db) == [url("p1"), url("p2")]
    assert summary.skipped_reasons == {"truncated or corrupt record": 1}


def test_files_that_are_not_warc_files_are_skipped_whole(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("WARC files to import on Monday\n")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    tarball = tmp_path / "pages.tar.gz"
    tarball.write_bytes(gzip.compress(b"pages/index.html\x00" * 50))
    good = tmp_path / "good.warc.gz"
    good.write_bytes(record(url("g1")))
    db = tmp_path / "news.duckdb"
    summary = run(db, notes, empty, good, tarball)
    assert imported_urls(db) == [url("g1")]
    assert summary.files_skipped == 3 and summary.archive_records_skipped == 0
    assert summary.skipped_reasons == {"not a WARC file": 3}
    assert [p.split(":", 1)[0] for p in summary.problems] == [str(notes), str(empty), str(tarball)]


def test_every_record_bad_still_finishes_cleanly(tmp_path):
    warc = tmp_path / "hopeless.warc.gz"
    warc.write_bytes(record(None) + corrupt(record(url("x"))) + record(url("y"), status="garbage"))
    db = tmp_path / "news.duckdb"
    summary = run(db, warc)
    assert summary.status == "ok" and summary.articles_new == 0
    assert summary.skipped_reasons == {"no WARC-Target-URI": 1, "truncated or corrupt record": 1,
                                       "bad HTTP status line": 1}


def test_cli_reports_the_skipped_records_without_a_traceback(tmp_path):
    bad, good = tmp_path / "bad.warc.gz", tmp_path / "good.warc.gz"
    bad.write_bytes(record(None) + record(url("after-the-bad-one")))
    good.write_bytes(record(url("good")))
    db = tmp_path / "news.duckdb"
    result = CliRunner().invoke(cli, ["-q", "import-warc", "--db", str(db), "--workers", "1", str(bad), str(good)])
    assert result.exit_code == 0, result.output
    assert result.exception is None and "Traceback" not in result.output
    assert "2 articles loaded" in result.output and "WARC-Target-URI" in result.output
    assert imported_urls(db) == [url("after-the-bad-one"), url("good")]


# ------------------------------------------------------------------------- keyed as a live ingest keys a page


def declaring(title: str, seed: str, canonical: str) -> bytes:
    """An article page that names its own URL with ``<link rel="canonical">``."""
    html = article_page(title, [words(30, f"{seed} {i}") for i in range(4)])
    return html.replace("</head>", f'<link rel="canonical" href="{canonical}"></head>', 1).encode()


@pytest.mark.slow
def test_a_page_imported_after_a_live_ingest_of_it_is_the_same_article(site, make_options, tmp_path):
    """The live pass keys the page by the canonical URL it declares; the importer keyed the captured copy by its
    response URL, so the one page became two articles."""
    plain = site.url("/world/story")
    page = declaring("Convoy reaches the city", "convoy", plain)
    site.add("/world/story", page)
    site.add("/feed.xml", rss([{"title": "Convoy", "link": site.url("/world/story?from=feed"), "guid": "c1"}]),
             content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    assert run_pass(options).articles_new == 1
    db = options.db_path
    assert q(db, "SELECT article_id FROM articles") == [(article_id_for(plain),)]

    captured = site.url("/world/story?from=archive")
    assert article_id_for(canonical_url(captured)) != article_id_for(plain)  # the premise: its own URL is another key
    warc = tmp_path / "capture.warc.gz"
    warc.write_bytes(record(captured, body=page))
    summary = run(db, warc)
    assert summary.status == "ok" and summary.articles_new == 1
    assert q(db, "SELECT article_id, canonical_url FROM articles") == [(article_id_for(plain), plain)]
    assert (captured, "fetched") in set(q(db, "SELECT url, source FROM article_urls"))
    # the imported record is indexed under that article, so `newsdesk reprocess` finds it
    assert q(db, "SELECT DISTINCT article_id FROM archive_records WHERE kind = 'import'") == [(article_id_for(plain),)]


def test_records_of_one_page_are_one_article_and_foreign_canonicals_are_not_honoured(tmp_path):
    story = "https://news.example.org/world/story"
    page = declaring("Convoy reaches the city", "convoy", story)
    syndicated = declaring("Wire copy of the convoy", "wire", "https://wire.example.com/convoy")  # another site
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(record(f"{story}?from=home", body=page) + record(f"{story}?from=search", body=page)
                     + record(url("reprint"), body=syndicated))
    db = tmp_path / "news.duckdb"
    summary = run(db, warc)
    assert summary.status == "ok" and summary.articles_new == 2
    assert sorted(q(db, "SELECT canonical_url FROM articles")) == [(url("reprint"),), (story,)]
    assert q(db, "SELECT article_id, count(*) FROM archive_records GROUP BY ALL ORDER BY 2") == [
        (article_id_for(url("reprint")), 1), (article_id_for(story), 2)]
    # reprocess re-extracts under the stored id (keyed from the canonical already): it finds both, changes nothing
    again = run_reprocess(ReprocessOptions(db_path=db, nlp=NlpOptions(enabled=False)))
    assert (again.articles_reprocessed, again.articles_changed, again.archive_records_skipped) == (2, 0, 0)


@pytest.mark.slow
def test_an_imported_page_naming_a_stored_article_it_is_not_stays_apart(site, make_options, tmp_path):
    """A CMS that prints one fixed URL as every page's canonical must not fold an imported article into a stored
    one (the live pass's own guard, applied to imports too)."""
    latest = site.url("/news/latest")
    site.add("/news/latest", declaring("Convoy reaches the city", "convoy", latest))
    site.add("/feed.xml", rss([{"title": "Convoy", "link": latest, "guid": "c1"}]), content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    other = site.url("/news/2026/harvest")
    warc = tmp_path / "capture.warc.gz"
    warc.write_bytes(record(other, body=declaring("Harvest begins early", "harvest", latest)))
    assert run(options.db_path, warc).articles_new == 1
    assert sorted(q(options.db_path, "SELECT canonical_url, title FROM articles")) == [
        (other, "Harvest begins early"), (latest, "Convoy reaches the city")]


def test_cli_exits_3_with_a_clear_error_when_no_file_is_a_warc_file(tmp_path):
    """`import-warc bad.warc` (nothing a WARC file) said "run 1 ok ... 0 records" and exited 0."""
    notes, empty = tmp_path / "bad.warc", tmp_path / "empty.warc.gz"
    notes.write_text("WARC files to import on Monday\n")
    empty.write_bytes(b"")
    db = tmp_path / "news.duckdb"
    # one file: it "was not" readable (the message said it "was", the opposite of what happened)
    for files, wording in [([notes], "the file given was not"), ([notes, empty], "none of the 2 files given was")]:
        result = CliRunner().invoke(cli, ["-q", "import-warc", "--db", str(db), "--workers", "1", *map(str, files)])
        assert result.exit_code == 3, result.output
        assert "Traceback" not in result.output and "no_warc_files" in result.output
        assert f"{wording} a readable WARC file, so nothing was imported" in result.output
    # the files are checked before the database is opened: no database, no .pass.lock, nothing at all was made
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.warc", "empty.warc.gz"]
    # one readable file among them is an import that ran
    good = tmp_path / "good.warc.gz"
    good.write_bytes(record(url("g1")))
    result = CliRunner().invoke(cli, ["-q", "import-warc", "--db", str(db), "--workers", "1", str(notes), str(good)])
    assert result.exit_code == 0, result.output
    assert q(db, "SELECT status FROM runs ORDER BY run_id") == [("ok",)]
    # and against a database that exists, an import of nothing records nothing either
    result = CliRunner().invoke(cli, ["-q", "import-warc", "--db", str(db), "--workers", "1", str(notes), "--json"])
    assert result.exit_code == 3 and json.loads(result.stdout)["run_id"] is None
    assert q(db, "SELECT status FROM runs ORDER BY run_id") == [("ok",)]


def test_cli_progress_without_a_total_is_a_count_and_a_real_rate(tmp_path):
    """import-warc sends no articles_total (it streams its files): progress read "articles 1/0, 1000000.0/s"."""
    good = tmp_path / "good.warc.gz"
    good.write_bytes(record(url("g1")))
    result = CliRunner().invoke(cli, ["import-warc", "--db", str(tmp_path / "news.duckdb"), "--workers", "1", str(good)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("articles ")]
    assert lines and "/0" not in lines[-1], result.stderr
    rate = float(re.fullmatch(r"articles 1, ([\d.]+)/s", lines[-1]).group(1))
    assert 0 < rate < 1000


# ------------------------------------------------------------------------------------ extraction budget

OFF = NlpOptions(enabled=False)


def _hang_on(monkeypatch, word: str) -> None:
    """Extraction never finishes on pages whose URL holds ``word`` (a page today's extractor cannot finish)."""
    from pipeline.extract.core import warm_up
    from pipeline.run import process

    warm_up()  # the language model loads once per process: not a fine page's time to pay within its budget
    real = process.extract_article

    def hostile(fetch, **kwargs):
        if word in fetch.url:
            while True:
                pass
        return real(fetch, **kwargs)

    monkeypatch.setattr(process, "extract_article", hostile)


@pytest.mark.slow  # each timed-out extraction waits out its budget
def test_a_timed_out_extraction_is_retried_from_its_record_by_the_next_import(tmp_path, monkeypatch):
    """An imported page whose extraction overran the budget is failed (``extract_timeout``), as in a pass; the
    next import (of any file) extracts it again from its indexed record, counting the attempt as a retried fetch
    counts one, so nothing imported is lost to one slow run."""
    first, second = tmp_path / "first.warc.gz", tmp_path / "second.warc.gz"
    first.write_bytes(record(url("slow")) + record(url("fine")))
    second.write_bytes(record(url("later")))
    db = tmp_path / "n.duckdb"
    with monkeypatch.context() as patched:
        _hang_on(patched, "slow")
        summary = import_warc(ImportOptions(db_path=db, files=[first], extract_timeout=2.0, nlp=OFF))
    assert summary.status == "ok"
    assert q(db, "SELECT url, status, error_kind, fetch_attempts FROM articles ORDER BY url") == [
        (url("fine"), "ok", None, 1), (url("slow"), "failed", "extract_timeout", 1)]
    summary = import_warc(ImportOptions(db_path=db, files=[second], nlp=OFF))
    assert summary.status == "ok" and summary.extractions_retried == 1
    assert q(db, "SELECT url, status, error_kind, fetch_attempts FROM articles ORDER BY url") == [
        (url("fine"), "ok", None, 1), (url("later"), "ok", None, 1), (url("slow"), "ok", None, 2)]
    assert q(db, f"SELECT count(*) > 0 FROM article_paragraphs JOIN articles USING (article_id) "
                 f"WHERE url = '{url('slow')}'") == [(True,)]
    assert q(db, "SELECT count(*) FROM archive_records") == [(3,)]  # the retry indexes no record twice


@pytest.mark.slow  # each timed-out extraction waits out its budget
def test_a_page_that_always_times_out_is_given_up_after_the_fetch_attempts(tmp_path, monkeypatch):
    """The retries stop where a failing fetch's do: after ``max_fetch_attempts`` the article is ``dead``."""
    warc = tmp_path / "one.warc.gz"
    warc.write_bytes(record(url("slow")))
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(record(url("other")))
    db = tmp_path / "n.duckdb"
    _hang_on(monkeypatch, "slow")
    options = ImportOptions(db_path=db, files=[warc], extract_timeout=1.0, max_attempts=2, nlp=OFF)
    import_warc(options)
    assert q(db, "SELECT status, fetch_attempts, dead FROM articles WHERE url LIKE '%slow'") == [("failed", 1, False)]
    assert import_warc(ImportOptions(db_path=db, files=[empty], extract_timeout=1.0, max_attempts=2, nlp=OFF)
                       ).extractions_retried == 1
    assert q(db, "SELECT status, fetch_attempts, dead FROM articles WHERE url LIKE '%slow'") == [("failed", 2, True)]
    assert import_warc(ImportOptions(db_path=db, files=[empty], extract_timeout=1.0, max_attempts=2, nlp=OFF)
                       ).extractions_retried == 0
    assert q(db, "SELECT status, fetch_attempts, dead FROM articles WHERE url LIKE '%slow'") == [("failed", 2, True)]
