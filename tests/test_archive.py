"""The raw WARC archive, `newsdesk reprocess` and `newsdesk import-warc` (issue #9). Loopback only."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import Site, article_page, rss, words
from pipeline.cli import cli
from pipeline.fetch import http as http_module
from pipeline.fetch.archive import iter_responses
from pipeline.nlp.stage import NlpOptions
from pipeline.options import default_archive_dir
from pipeline.run.importwarc import ImportOptions, import_warc
from pipeline.run.ingest import run_pass
from pipeline.run.reprocess import ReprocessOptions, run_reprocess

pytestmark = pytest.mark.slow  # every test runs real passes, reprocesses or WARC imports over them

CEASEFIRE = "Foreign Minister Olena Haidar said on Tuesday that Kyiv would accept a 30-day ceasefire to end the shelling."
TRUCE = "Defence Minister Ivan Petrov said on Monday that the army would respect a truce along the front line."

# every table reprocessing may write, and the raw history it must never touch
SNAPSHOT = {
    "articles": "article_id",
    "article_paragraphs": "article_id, position",
    "paragraphs": "paragraph_id",
    "entity_mentions": "article_id, start_char",
    "ceasefire_statements": "statement_id",
    "entities": "entity_id",
    "paragraph_analyses": "paragraph_id, context_key",
    "fetch_log": "fetch_id",
    "feed_entries": "feed_url, entry_id",
    "archive_records": "record_id",
}


def snapshot(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY {key}").fetchall() for t, key in SNAPSHOT.items()}


def q(db: Path, sql: str, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


CHROME = "Read more from our correspondents on the front lines and at the talks in our daily briefing."


def publish(site: Site) -> None:
    """Three articles: ceasefire and truce statements, an in-article repeat, a paragraph shared by two, and a
    paragraph on every page of the site (site boilerplate for cross-article dedup)."""
    shared = words(25, "shared wire paragraph")
    site.add("/a/one", article_page("Kyiv accepts ceasefire", [words(25, "one a"), CEASEFIRE, words(25, "one b"),
                                                                words(25, "one a"), shared, CHROME]))
    site.add("/a/two", article_page("Army to respect truce", [words(25, "two a"), TRUCE, shared, CHROME]))
    site.add("/a/three", article_page("Convoy reaches the city", [words(25, "three a"), words(25, "three b"), CHROME]))
    site.add("/feed.xml", rss([{"title": t, "link": site.url(p), "guid": p} for t, p in
                               [("One", "/a/one"), ("Two", "/a/two"), ("Three", "/a/three")]]),
             content_type="application/rss+xml")


@pytest.fixture
def archived_db(make_options):
    """A database ingested from a loopback site that is shut down afterwards: no server to fetch from."""
    site = Site()
    with site.server:
        publish(site)
        options = make_options(site.url("/feed.xml"))
        summary = run_pass(options)
    assert summary.status == "ok" and summary.articles_new == 3
    return options.db_path


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to fetch fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("reprocessing tried to use the network")

    monkeypatch.setattr(http_module, "fetch", refuse)
    monkeypatch.setattr("pipeline.run.stages.fetch", refuse)
    monkeypatch.setattr("httpx.Client.send", refuse)


def reprocess(db: Path, **kwargs):
    summary = run_reprocess(ReprocessOptions(db_path=db, **kwargs))
    assert summary.status == "ok"
    return summary


# ------------------------------------------------------------------------------------------- round trip


def test_reprocess_without_network_reproduces_every_row(archived_db, no_network):
    before = snapshot(archived_db)
    assert len(before["ceasefire_statements"]) == 2 and before["article_paragraphs"]
    assert q(archived_db, "SELECT count(*) FROM article_paragraphs WHERE boilerplate") == [(3,)]  # CHROME
    assert all(CHROME not in text for (text,) in q(archived_db, "SELECT text FROM articles"))
    assert {r[1] for r in q(archived_db, "SELECT kind, count(*) FROM archive_records GROUP BY kind")} == {1, 3}

    summary = reprocess(archived_db)
    assert summary.articles_reprocessed == 3 and summary.articles_changed == 0
    assert summary.archive_records_skipped == 0 and summary.articles_without_archive == 0
    assert snapshot(archived_db) == before

    again = reprocess(archived_db)  # twice with unchanged code: still nothing changes
    assert again.articles_changed == 0
    assert snapshot(archived_db) == before
    runs = q(archived_db, "SELECT kind, status, articles_reprocessed, articles_changed, options->>'stages' FROM runs "
                          "ORDER BY run_id")
    assert runs[1:] == [("reprocess", "ok", 3, 0, '["dedup","extract","nlp"]')] * 2


def test_changed_lexicon_changes_statements_and_nothing_raw(archived_db, no_network, tmp_path):
    from importlib import resources

    from pipeline.nlp.lexicon import DEFAULT_LEXICON

    shipped = resources.files("pipeline.nlp").joinpath("data", DEFAULT_LEXICON).read_text(encoding="utf-8")
    assert "'\\btruces?\\b',\n" in shipped
    edited = tmp_path / "no-truce.toml"
    edited.write_text(shipped.replace("'\\btruces?\\b',\n", ""), encoding="utf-8")  # "truce" is no longer a term
    before = snapshot(archived_db)
    attempts = "SELECT article_id, fetch_attempts, fetched_at, last_run_id FROM articles ORDER BY 1"
    history = q(archived_db, attempts)

    summary = reprocess(archived_db, stages=frozenset({"nlp"}), nlp=NlpOptions(lexicon_path=str(edited)))
    assert summary.articles_changed >= 1
    after = snapshot(archived_db)
    statements = q(archived_db, "SELECT text FROM ceasefire_statements")
    assert statements == [(CEASEFIRE,)]
    for raw in ("fetch_log", "feed_entries", "archive_records", "article_paragraphs", "paragraphs"):
        assert after[raw] == before[raw], raw
    assert q(archived_db, attempts) == history

    reprocess(archived_db)  # the shipped lexicon again: the truce statement is back, with the same id
    assert snapshot(archived_db)["ceasefire_statements"] == before["ceasefire_statements"]


def test_reprocess_since_only_touches_later_articles(archived_db, no_network):
    summary = reprocess(archived_db, since=q(archived_db, "SELECT max(fetched_at) FROM articles")[0][0])
    assert summary.articles_reprocessed == 1


def test_fetch_history_is_untouched_by_reprocess(archived_db, no_network):
    columns = "article_id, url, final_url, fetched_at, fetch_attempts, first_run_id, last_run_id, http_status, revision"
    before = q(archived_db, f"SELECT {columns} FROM articles ORDER BY 1")
    reprocess(archived_db, stages=frozenset({"dedup", "nlp"}))
    assert q(archived_db, f"SELECT {columns} FROM articles ORDER BY 1") == before


# ------------------------------------------------------------------------------------------- the WARC files


def warc_files(db: Path) -> list[Path]:
    return sorted(default_archive_dir(db).glob("*.warc.gz"))


def test_warc_files_validate_and_open_in_a_standard_reader(archived_db):
    files = warc_files(archived_db)
    assert files
    check = subprocess.run([sys.executable, "-c", "from warcio.cli import main; main()", "check", "-v",
                            *map(str, files)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout and "fail" not in check.stdout.replace("digest pass", "")
    kinds: dict[str, int] = {}
    for path in files:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                kinds[record.rec_type] = kinds.get(record.rec_type, 0) + 1
                if record.rec_type == "response":
                    body = record.content_stream().read()
                    assert record.http_headers.get_statuscode() == "200" and body
                    assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert kinds == {"warcinfo": len(files), "response": 4}  # one feed, three articles
    # the index points at whole records
    for file, offset, length, url in q(archived_db, "SELECT warc_file, warc_offset, warc_length, target_uri "
                                                    "FROM archive_records"):
        with open(archived_db.parent / file, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(io.BytesIO(fh.read(length)))))
            assert record.rec_headers.get_header("WARC-Target-URI") == url


def test_identical_bodies_are_stored_once_as_revisits(make_options):
    site = Site()
    page = article_page("Same page twice", [words(25, "same a"), CEASEFIRE, words(25, "same b")])
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <id>urn:t</id><updated>{u}</updated>
      <entry><title>A</title><id>urn:a</id><link href="{a}"/><updated>{u}</updated></entry>
      <entry><title>B</title><id>urn:b</id><link href="{b}"/><updated>2026-01-01T00:00:00Z</updated></entry></feed>"""
    with site.server:
        site.add("/a/first", page)
        site.add("/a/mirror", page)  # the same bytes at another URL in the same pass
        site.add("/feed.xml", atom.format(u="2026-01-01T00:00:00Z", a=site.url("/a/first"), b=site.url("/a/mirror")),
                 content_type="application/atom+xml")
        options = make_options(site.url("/feed.xml"))
        run_pass(options)
        # the feed says /a/first was updated: it is fetched again, its body has not changed
        site.add("/feed.xml", atom.format(u="2026-02-01T00:00:00Z", a=site.url("/a/first"), b=site.url("/a/mirror")),
                 content_type="application/atom+xml")
        second = run_pass(options)
        assert second.articles_refreshed == 1
    db = options.db_path
    rows = q(db, "SELECT record_type, count(*), count(DISTINCT payload_digest) FROM archive_records "
                 "WHERE kind = 'article' GROUP BY 1 ORDER BY 1")
    assert rows == [("response", 1, 1), ("revisit", 2, 1)]
    revisits = []
    for path in warc_files(db):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "revisit":
                    revisits.append(record)
                    # the WARC 1.1 profile, as warcio writes it for the files' version (no constant of ours)
                    assert record.rec_headers.get_header("WARC-Profile") == (
                        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
                    assert record.rec_headers.get_header("WARC-Refers-To-Target-URI")
                    assert record.content_stream().read() == b""
    assert len(revisits) == 2
    before = snapshot(db)
    summary = reprocess(db)  # the revisits' bodies are found through their payload digest
    assert summary.articles_reprocessed == 2 and summary.archive_records_skipped == 0
    assert snapshot(db) == before


def test_archive_can_be_turned_off_or_moved(make_options, tmp_path):
    site = Site()
    with site.server:
        publish(site)
        off = make_options(site.url("/feed.xml"), db=tmp_path / "off.duckdb", archive=False)
        run_pass(off)
        elsewhere = make_options(site.url("/feed.xml"), db=tmp_path / "on.duckdb", archive_dir=tmp_path / "warcs")
        run_pass(elsewhere)
    assert not default_archive_dir(off.db_path).exists()
    assert q(off.db_path, "SELECT count(*) FROM archive_records") == [(0,)]
    summary = reprocess(off.db_path)
    assert summary.articles_without_archive == 3 and summary.articles_reprocessed == 0
    assert len(list((tmp_path / "warcs").glob("*.warc.gz"))) == 2  # the feed pass's file and the articles' file
    assert q(elsewhere.db_path, "SELECT min(warc_file) FROM archive_records")[0][0].startswith("warcs/")


# ------------------------------------------------------------------------------------------- crashes


def test_truncated_last_record_is_skipped_with_a_message(archived_db, caplog, no_network):
    path = max(warc_files(archived_db), key=lambda p: p.stat().st_size)  # the articles' file
    complete = list(iter_responses(path))
    assert len(complete) == 3
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # a crash in the middle of writing the last record

    skipped: list[str] = []
    with caplog.at_level(logging.WARNING, logger="pipeline.fetch.archive"):
        readable = list(iter_responses(path, skipped=skipped))
    assert [r.target_uri for r in readable] == [r.target_uri for r in complete[:2]]
    assert len(skipped) == 1 and "truncated or corrupt WARC record" in skipped[0]
    assert "the records before it are intact" in caplog.text

    # reprocess: the article whose record is cut off is counted and left as it is; the others are reprocessed
    before = snapshot(archived_db)
    summary = run_reprocess(ReprocessOptions(db_path=archived_db))
    assert summary.status == "ok" and summary.archive_records_skipped == 1 and summary.articles_reprocessed == 2
    assert snapshot(archived_db) == before

    # import-warc over the damaged file: the whole records come in, the cut one is counted
    imported = import_warc(ImportOptions(db_path=archived_db.with_name("imported.duckdb"), files=[path]))
    assert imported.status == "ok" and imported.articles_new == 2 and imported.archive_records_skipped == 1


# ------------------------------------------------------------------------------------------- import-warc


def build_warc(path: Path) -> None:
    """A WARC as wget or a crawler would write it: request/response pairs, a non-HTML response, a 404, a revisit."""
    page = article_page("Truce holds in the valley", [words(25, "valley a"), TRUCE, words(25, "valley b")]).encode()
    other = article_page("Markets rally", [words(25, "markets a"), words(25, "markets b")]).encode()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "hand-built test"}))

        def response(uri, body, status="200 OK", content_type="text/html; charset=utf-8", date="2026-03-01T10:00:00Z"):
            headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            request = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                                                warc_headers_dict={"WARC-Date": date})
            writer.write_record(request)
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
            return record

        first = response("https://news.example.org/valley?utm_source=rss", page)
        response("https://news.example.org/markets", other, date="2026-03-01T11:00:00Z")
        response("https://news.example.org/logo.png", b"\x89PNG....", content_type="image/png")
        response("https://news.example.org/gone", b"<html>gone</html>", status="404 Not Found")
        digest = first.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(writer.create_revisit_record(
            "https://mirror.example.net/valley", digest, "https://news.example.org/valley?utm_source=rss",
            "2026-03-01T10:00:00Z", http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                                                  protocol="HTTP/1.1")))


def test_import_warc_creates_articles(tmp_path, no_network):
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc)
    db = tmp_path / "imported.duckdb"
    summary = import_warc(ImportOptions(db_path=db, files=[warc]))
    assert summary.status == "ok"
    assert summary.articles_new == 3 and summary.records_not_html == 2 and summary.archive_records_skipped == 0
    rows = q(db, "SELECT canonical_url, feed_url, status, title FROM articles ORDER BY canonical_url")
    assert rows == [
        ("https://mirror.example.net/valley", "warc:crawl.warc.gz", "ok", "Truce holds in the valley"),
        ("https://news.example.org/markets", "warc:crawl.warc.gz", "ok", "Markets rally"),
        ("https://news.example.org/valley", "warc:crawl.warc.gz", "ok", "Truce holds in the valley"),
    ]
    assert q(db, "SELECT count(DISTINCT article_id) FROM ceasefire_statements WHERE text = ?", TRUCE) == [(2,)]
    assert q(db, "SELECT kind, record_type, count(*) FROM archive_records GROUP BY ALL ORDER BY ALL") == [
        ("import", "response", 2), ("import", "revisit", 1)]
    assert q(db, "SELECT kind FROM runs") == [("import-warc",)]
    before = snapshot(db)
    assert reprocess(db).articles_reprocessed == 3  # imported articles are reprocessed from the file
    assert snapshot(db) == before


def test_cli_reprocess_and_import_warc(archived_db, tmp_path, no_network):
    runner = CliRunner()
    result = runner.invoke(cli, ["-q", "reprocess", "--db", str(archived_db), "--stages", "extract,dedup,nlp",
                                 "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 articles reprocessed, 0 changed" in result.output
    bad = runner.invoke(cli, ["-q", "reprocess", "--db", str(archived_db), "--stages", "fetch"])
    assert bad.exit_code != 0 and "unknown stage" in bad.output
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc)
    result = runner.invoke(cli, ["-q", "import-warc", "--db", str(archived_db), "--workers", "1", str(warc)])
    assert result.exit_code == 0, result.output
    assert "3 articles loaded" in result.output


def test_airflow_tasks_archive_too(site, tmp_path, monkeypatch):
    from pipeline.run import tasks

    monkeypatch.delenv("NEWSDESK_NO_ARCHIVE", raising=False)
    monkeypatch.delenv("NEWSDESK_ARCHIVE_DIR", raising=False)
    publish(site)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    db = tmp_path / "dag.duckdb"
    config = tasks.configure({"feeds": str(feeds), "db": str(db), "allow_private_network": True,
                              "articles_per_batch": 2}, dag_id="news_ingest", run_id="manual__1")
    assert config["archive_dir"] == str(default_archive_dir(db))
    feed_batches = tasks.list_due_feeds(config)
    polled = [tasks.poll_batch(config, b) for b in feed_batches]
    plan = tasks.plan_articles(config, polled)
    processed = [tasks.process_batch(config, b) for b in plan]
    tasks.load_run(config, feed_batches=feed_batches, polled=polled, plan=plan, processed=processed)
    assert q(db, "SELECT kind, count(*) FROM archive_records GROUP BY 1 ORDER BY 1") == [("article", 3), ("feed", 1)]
    assert len(warc_files(db)) == 1 + len(plan)  # one file per task: parallel tasks never share a file
    before = snapshot(db)
    assert reprocess(db).articles_changed == 0
    assert snapshot(db) == before
    off = tasks.configure({"feeds": str(feeds), "db": str(db), "no_archive": True}, dag_id="d", run_id="r")
    assert off["archive_dir"] is None


def test_changed_extraction_replaces_derived_rows_and_counts(archived_db, no_network, monkeypatch):
    """Today's code keeps fewer paragraphs: texts, occurrences, paragraph counts and statements follow; history
    does not. Yesterday's code again restores every row."""
    import pipeline.run.process as process

    before = snapshot(archived_db)
    derived_before = derived(archived_db)
    [(shared_id,)] = q(archived_db, "SELECT paragraph_id FROM paragraphs WHERE article_count = 2")
    original = process.extract_article

    def first_two(fetch, fallback_text=None):  # a stricter extractor: only the first two paragraphs
        extracted = original(fetch, fallback_text=fallback_text)
        return replace(extracted, paragraphs=extracted.paragraphs[:2])

    monkeypatch.setattr(process, "extract_article", first_two)
    summary = reprocess(archived_db)
    assert summary.articles_reprocessed == 3 and summary.articles_changed == 3
    assert q(archived_db, "SELECT article_count FROM paragraphs WHERE paragraph_id = ?", shared_id) == [(0,)]
    assert q(archived_db, "SELECT max(position) FROM article_paragraphs") == [(1,)]
    for text, start, end, ptext in q(archived_db, "SELECT a.text, ap.text_start, ap.text_end, p.text FROM "
                                                  "article_paragraphs ap JOIN articles a USING (article_id) "
                                                  "JOIN paragraphs p USING (paragraph_id) WHERE ap.repeat_of IS NULL"):
        assert text[start:end] == ptext
    for text, start, end, stext in q(archived_db, "SELECT a.text, s.start_char, s.end_char, s.text FROM "
                                                  "ceasefire_statements s JOIN articles a USING (article_id)"):
        assert text[start:end] == stext
    after = snapshot(archived_db)
    for raw in ("fetch_log", "feed_entries", "archive_records"):
        assert after[raw] == before[raw], raw

    monkeypatch.setattr(process, "extract_article", original)
    assert reprocess(archived_db).articles_changed == 3
    restored = snapshot(archived_db)
    for table in ("article_paragraphs", "entity_mentions", "ceasefire_statements", "fetch_log", "feed_entries"):
        assert restored[table] == before[table], table
    assert derived(archived_db) == derived_before  # a row that changed twice differs only in its loaded_at


def derived(db: Path) -> dict[str, list]:
    return {t: q(db, f"SELECT * EXCLUDE (loaded_at) FROM {t} ORDER BY 1") for t in ("articles", "paragraphs")}


def test_files_roll_by_size_and_every_indexed_record_reads_back(tmp_path):
    from datetime import UTC, datetime

    from pipeline.fetch.archive import ArchiveWriter, read_record
    from pipeline.options import ArchiveOptions
    from pipeline.records import FetchResult

    options = ArchiveOptions(directory=tmp_path / "warcs", max_file_bytes=4000, relative_to=tmp_path)
    refs = []
    with ArchiveWriter(options) as writer:
        for i in range(12):
            body = article_page(f"Page {i}", [words(40, f"page {i} {j}") for j in range(3)]).encode()
            result = FetchResult(url=f"https://example.org/{i}", fetched_at=datetime.now(UTC), http_status=200,
                                 headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip")), body=body)
            refs.append(writer.write(result, kind="article", article_id=str(i)))
        assert writer.write(FetchResult(url="https://example.org/x", fetched_at=datetime.now(UTC),
                                        error_kind="timeout"), kind="article") is None  # no response, no record
        table = writer.drain()
    assert table.num_rows == 12 and writer.drain().num_rows == 0
    files = sorted((tmp_path / "warcs").glob("*.warc.gz"))
    assert len(files) > 2 and all(f.stat().st_size <= 4000 + 2500 for f in files)
    for i, ref in enumerate(refs):
        response = read_record(tmp_path / ref.warc_file, ref.warc_offset, ref.warc_length)
        assert response.target_uri == f"https://example.org/{i}" and b"Page %d" % i in response.body
        assert ("X-Archive-Orig-Content-Encoding", "gzip") in response.headers  # the body is stored decoded
        assert not any(k.lower() == "content-encoding" for k, _ in response.headers)


def _one_capture(path: Path, paragraphs: list[str], date: str) -> None:
    body = article_page("Truce holds in the valley", paragraphs).encode()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.org/valley", "response",
                                                      payload=io.BytesIO(body), http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": date}))


def test_an_older_capture_never_replaces_a_newer_text(tmp_path, no_network):
    """Importing last year's crawl after this year's must not roll the article back: the newer text stays, no
    revision is invented, and the older record is still indexed (nothing lost). A newer capture still wins."""
    db = tmp_path / "n.duckdb"
    new, old, newest = tmp_path / "new.warc.gz", tmp_path / "old.warc.gz", tmp_path / "newest.warc.gz"
    _one_capture(new, [words(25, "valley now"), TRUCE], "2026-06-01T10:00:00Z")
    _one_capture(old, [words(25, "valley then"), words(25, "valley long ago")], "2025-06-01T10:00:00Z")
    _one_capture(newest, [words(25, "valley later"), TRUCE], "2026-09-01T10:00:00Z")
    import_warc(ImportOptions(db_path=db, files=[new]))
    summary = import_warc(ImportOptions(db_path=db, files=[old]))
    assert (summary.status, summary.articles_new, summary.articles_older_kept) == ("ok", 0, 1)
    (text, revision), = q(db, "SELECT lower(text), revision FROM articles")
    assert "valley now" in text and "valley then" not in text and revision == 1
    assert q(db, "SELECT count(*) FROM article_revisions") == [(0,)]
    assert q(db, "SELECT count(*) FROM archive_records") == [(2,)]
    assert q(db, "SELECT count(*) FROM ceasefire_statements WHERE text = ?", TRUCE) == [(1,)]
    summary = import_warc(ImportOptions(db_path=db, files=[newest]))
    assert (summary.articles_new, summary.articles_older_kept) == (1, 0)
    (text, revision), = q(db, "SELECT lower(text), revision FROM articles")
    assert "valley later" in text and revision == 2


def test_a_page_whose_reprocessing_overruns_its_budget_keeps_its_stored_article(archived_db, no_network, monkeypatch):
    """Reprocessing never turns a stored article into a failure: a page the extractor cannot finish within the
    per-page budget today is reported and left as it was, text, paragraphs and statements included."""
    import pipeline.run.process as process

    two = "SELECT * EXCLUDE (loaded_at) FROM articles WHERE url LIKE '%/a/two'"
    statements = "SELECT * FROM ceasefire_statements ORDER BY ALL"
    before, said = q(archived_db, two), q(archived_db, statements)
    original = process.extract_article

    def hangs_on_two(fetch, fallback_text=None):
        if fetch.url.endswith("/a/two"):
            while True:  # a page today's extractor never finishes
                pass
        return original(fetch, fallback_text=fallback_text)

    monkeypatch.setattr(process, "extract_article", hangs_on_two)
    monkeypatch.setattr(process, "EXTRACT_TIMEOUT", 2.0)
    monkeypatch.setattr(process.process_article, "__defaults__", (2.0,))
    summary = reprocess(archived_db)
    assert any("/a/two" in p and "extract_timeout" in p for p in summary.problems)
    assert q(archived_db, two) == before and q(archived_db, statements) == said
