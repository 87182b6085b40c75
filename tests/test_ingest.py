"""The whole pass over a loopback site: what users rely on."""

from __future__ import annotations

import duckdb
import pytest

from conftest import article_page, rss, words
from pipeline.dedup.exact import PARAGRAPH_SEPARATOR, normalize_paragraph
from pipeline.run.ingest import run_pass

pytestmark = pytest.mark.slow  # every test runs real passes with the NLP model

TABLES = ("feeds", "feed_entries", "articles", "paragraphs", "article_paragraphs")


def counts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (*TABLES, "runs")}


def query(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture
def news_site(site):
    """Three articles; one repeats its headline twice and three paragraphs; the feed lists one article twice."""
    body = [words(25, f"body {i}") for i in range(6)]
    glitch = ["Talks resume in Geneva", "Talks resume in Geneva", *body[:4], *body[1:4], *body[4:]]
    site.add("/a/glitch", article_page("Talks resume in Geneva", glitch))
    site.add("/a/two", article_page("Convoy reaches the city", [words(25, f"two {i}") for i in range(4)]))
    site.add("/a/three", article_page("Observers arrive", [words(25, f"three {i}") for i in range(4)] + [body[0]]))
    site.add(
        "/feed.xml",
        rss([
            {"title": "Talks resume", "link": site.url("/a/glitch"), "guid": "1"},
            {"title": "Convoy", "link": site.url("/a/two"), "guid": "2"},
            {"title": "Convoy (again)", "link": site.url("/a/two?utm_source=rss&utm_medium=feed#top"), "guid": "2b"},
            {"title": "Observers", "link": site.url("/a/three"), "guid": "3"},
        ]),
        content_type="application/rss+xml",
    )
    return site


def test_pass_loads_articles_with_repeats_removed_and_recorded(news_site, make_options):
    options = make_options(news_site.url("/feed.xml"))
    summary = run_pass(options)
    db = options.db_path
    assert summary.status == "ok" and summary.articles_new == 3 and summary.articles_failed == 0
    c = counts(db)
    assert c["articles"] == 3 and c["feed_entries"] == 4 and c["feeds"] == 1

    (text, repeat_count, paragraph_count) = query(
        db, "SELECT text, repeat_count, paragraph_count FROM articles WHERE url = ?", news_site.url("/a/glitch"))[0]
    paragraphs = text.split(PARAGRAPH_SEPARATOR)
    assert len(paragraphs) == len({normalize_paragraph(p) for p in paragraphs}), "a paragraph appears twice in text"
    # the <h1> plus the headline twice in the body, then four body paragraphs of which three repeat
    assert repeat_count == 5 and paragraph_count == 12
    repeats = query(db, "SELECT position, repeat_of FROM article_paragraphs ap JOIN articles a USING (article_id) "
                        "WHERE a.url = ? AND repeat_of IS NOT NULL ORDER BY position", news_site.url("/a/glitch"))
    assert repeats == [(1, 0), (2, 0), (7, 4), (8, 5), (9, 6)]
    assert summary.repeats_removed == 5

    # offsets of every first occurrence point into articles.text
    for text, start, end, ptext in query(
        db, "SELECT a.text, ap.text_start, ap.text_end, p.text FROM article_paragraphs ap JOIN articles a USING "
            "(article_id) JOIN paragraphs p USING (paragraph_id) WHERE ap.repeat_of IS NULL"):
        assert text[start:end] == ptext

    # the paragraph shared by two articles is one row linked twice
    shared = query(db, "SELECT article_count FROM paragraphs WHERE article_count > 1")
    assert shared == [(2,)]


def test_second_pass_over_unchanged_feeds_adds_nothing_but_a_run(news_site, make_options):
    options = make_options(news_site.url("/feed.xml"))
    run_pass(options)
    before = counts(options.db_path)
    fetched_before = sum(news_site.hits(p) for p in ("/a/glitch", "/a/two", "/a/three"))
    again = run_pass(options)
    after = counts(options.db_path)
    assert again.articles_new == 0 and again.paragraphs_new == 0
    assert {t: after[t] for t in TABLES} == {t: before[t] for t in TABLES}
    assert after["runs"] == before["runs"] + 1
    assert sum(news_site.hits(p) for p in ("/a/glitch", "/a/two", "/a/three")) == fetched_before  # nothing refetched


def test_same_article_listed_twice_with_tracking_parameters_is_one_article(news_site, make_options):
    options = make_options(news_site.url("/feed.xml"))
    run_pass(options)
    rows = query(options.db_path, "SELECT canonical_url FROM articles WHERE title = 'Convoy reaches the city'")
    assert rows == [(news_site.url("/a/two"),)]
    assert news_site.hits("/a/two") + news_site.hits("/a/two?utm_source=rss&utm_medium=feed") == 1
    entries = query(options.db_path, "SELECT count(*) FROM feed_entries WHERE canonical_url = ?", news_site.url("/a/two"))
    assert entries == [(2,)]  # both listings kept as provenance


def test_404_article_and_malformed_feed_do_not_stop_the_pass(site, make_options):
    site.add("/a/ok", article_page("Fine", [words(25, f"fine {i}") for i in range(3)]))
    site.add("/good.xml", rss([{"title": "gone", "link": site.url("/a/gone")}, {"title": "ok", "link": site.url("/a/ok")}]),
             content_type="application/rss+xml")
    broken = rss([{"title": "from broken", "link": site.url("/a/ok2")}]).replace("</channel></rss>", "<item><title>")
    site.add("/a/ok2", article_page("Also fine", [words(25, f"also {i}") for i in range(3)]))
    site.add("/broken.xml", broken, content_type="application/rss+xml")
    options = make_options(site.url("/good.xml"), site.url("/broken.xml"), site.url("/missing.xml"))
    summary = run_pass(options)
    assert summary.status == "ok" and summary.articles_new == 2 and summary.articles_failed == 1
    assert summary.feeds_failed == 1  # the missing feed; the malformed one still delivered its entry
    statuses = dict(query(options.db_path, "SELECT url, status FROM articles"))
    assert statuses[site.url("/a/gone")] == "failed" and statuses[site.url("/a/ok2")] == "ok"
    assert query(options.db_path, "SELECT http_status, error_kind FROM articles WHERE status = 'failed'") == [(404, "http_error")]
    feeds = dict(query(options.db_path, "SELECT feed_url, last_status FROM feeds"))
    assert feeds == {site.url("/good.xml"): "ok", site.url("/broken.xml"): "malformed", site.url("/missing.xml"): "http_error"}


def test_failed_fetch_is_retried_on_a_later_pass(site, make_options):
    site.add("/a/late", "temporarily broken", status=503)
    site.add("/feed.xml", rss([{"title": "late", "link": site.url("/a/late")}]), content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    assert run_pass(options).articles_failed == 1
    site.add("/a/late", article_page("Late but here", [words(25, f"late {i}") for i in range(3)]))
    second = run_pass(options)
    assert second.articles_retried == 1 and second.articles_failed == 0
    rows = query(options.db_path, "SELECT status, http_status, fetch_attempts, error FROM articles")
    assert rows == [("ok", 200, 2, None)]
    assert counts(options.db_path)["article_paragraphs"] == 3  # 3 paragraphs (the <h1> headline is the title, not body text)


def test_retries_stop_after_max_attempts(site, make_options):
    site.add("/feed.xml", rss([{"title": "gone", "link": site.url("/a/gone")}]), content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"), max_fetch_attempts=2)
    for _ in range(4):
        run_pass(options)
    assert site.hits("/a/gone") == 2
    assert query(options.db_path, "SELECT fetch_attempts FROM articles") == [(2,)]


def test_empty_extraction_falls_back_to_the_feed_summary(site, make_options):
    site.add("/a/blank", "<html><body><div></div></body></html>")
    site.add("/feed.xml", rss([{"title": "blank", "link": site.url("/a/blank"),
                                "description": "The feed's own summary of the story."}]),
             content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    summary = run_pass(options)
    assert summary.articles_empty == 1
    assert query(options.db_path, "SELECT status, text_source, text FROM articles") == [
        ("empty", "feed_summary", "The feed's own summary of the story.")]


def test_parallel_extraction_gives_the_same_tables(site, make_options, tmp_path):
    links = []
    for i in range(20):
        site.add(f"/a/{i}", article_page(f"Story {i}", [words(25, f"story {i} p {j}") for j in range(3)] + [words(25, "shared")]))
        links.append({"title": f"Story {i}", "link": site.url(f"/a/{i}"), "guid": str(i)})
    site.add("/feed.xml", rss(links), content_type="application/rss+xml")
    serial = make_options(site.url("/feed.xml"), db=tmp_path / "serial.duckdb", workers=1, batch_size=7)
    parallel = make_options(site.url("/feed.xml"), db=tmp_path / "parallel.duckdb", workers=2, batch_size=7)
    run_pass(serial)
    run_pass(parallel)
    sql = ("SELECT a.canonical_url, ap.position, ap.paragraph_id, ap.repeat_of, a.text FROM article_paragraphs ap "
           "JOIN articles a USING (article_id) ORDER BY 1, 2")
    assert query(serial.db_path, sql) == query(parallel.db_path, sql)
    assert query(parallel.db_path, "SELECT article_count FROM paragraphs WHERE article_count > 1") == [(20,)]


def test_seed_article_repeats_appear_once(site, make_options, seed_text):
    """The customer's sample article, served as a page: its repeated headline and six repeated paragraphs
    appear once each in articles.text, and every repeat is recorded."""
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    seen, repeated = set(), []
    for line in lines:
        key = normalize_paragraph(line)
        if key in seen:
            repeated.append(line)
        seen.add(key)
    # the README speaks of "six" repeated paragraphs; the file repeats seven body paragraphs and the headline
    assert len(repeated) >= 7
    html = "<!doctype html><html lang=en><head><title>Sample</title></head><body><nav>Home | World</nav><article>"
    html += "".join(f"<p>{line}</p>" for line in lines) + "</article><footer>(c) Sample</footer></body></html>"
    site.add("/seed", html)
    site.add("/feed.xml", rss([{"title": "Sample", "link": site.url("/seed")}]), content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    (text,) = query(options.db_path, "SELECT text FROM articles")[0]
    for line in repeated:
        assert text.count(line) == 1, line
    kept = text.split(PARAGRAPH_SEPARATOR)
    assert len(kept) == len({normalize_paragraph(p) for p in kept})
    assert query(options.db_path, "SELECT count(*) FROM article_paragraphs WHERE repeat_of IS NOT NULL") == [(len(repeated),)]
