"""Pages that are not articles, through real `ingest` passes on loopback sites: each gets its status, keeps its
text, is retried on the schedule of failed fetches and stored `ok` once the wall is gone; the extraction-health
view and `newsdesk stats` point at a site whose pages turned empty."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import duckdb
import pytest
from click.testing import CliRunner

from conftest import article_page, words
from pipeline.cli import cli
from pipeline.fetch.http import RoutedTransport
from pipeline.load import load_staged
from pipeline.localserver import LoopbackServer, Response
from pipeline.options import FetchOptions, IngestOptions
from pipeline.records import Extracted, FeedEntry, FeedSpec, FetchResult, ProcessedArticle
from pipeline.run.ingest import run_pass
from pipeline.serve.stats import collect
from pipeline.store.core import connect
from pipeline.store.staging import stage_articles

HOSTS = ("paper-a.localhost", "paper-b.localhost")


class Sites:
    """Two news sites on one loopback server: ``sites.pages[(host, path)] = Response``."""

    def __init__(self) -> None:
        self.pages: dict[tuple[str, str], Response | Callable[[], Response]] = {}
        self.server = LoopbackServer(self._resolve)

    def _resolve(self, host: str, path: str) -> Response:
        page = self.pages.get((host, path.split("?", 1)[0]))
        if page is None:
            return Response(status=404, body=b"<html><body><h1>Not found</h1></body></html>")
        return page() if callable(page) else page

    def html(self, host: str, path: str, body: str, status: int = 200) -> str:
        self.pages[host, path] = Response(status=status, body=body.encode())
        return f"http://{host}{path}"

    def hits(self, host: str, path: str) -> int:
        return sum(1 for h, p, _ in self.server.requests if h == host and p == path)

    def feed(self, host: str, links: list[str]) -> str:
        items = "".join(f"<item><title>Story {i}</title><link>{link}</link><guid>{link}</guid>"
                        f"<description>Feed summary of story {i} about the talks.</description></item>"
                        for i, link in enumerate(links))
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{host}</title><link>http://{host}/</link>'
                f"<description>d</description>{items}</channel></rss>")
        self.pages[host, "/feed.xml"] = Response(body=body.encode(), content_type="application/rss+xml")
        return f"http://{host}/feed.xml"

    def options(self, db, feeds: list[str], **kwargs) -> IngestOptions:
        host, port = self.server.address
        fetch = FetchOptions(allow_private_network=True, total_timeout=10, read_timeout=5,
                             transport=RoutedTransport({h: (host, port) for h in HOSTS}))
        kwargs.setdefault("retry_backoff", 0)
        return IngestOptions(db_path=db, feeds=[FeedSpec(url=u) for u in feeds], fetch=fetch, workers=1, force=True,
                             **kwargs)


@pytest.fixture
def sites():
    s = Sites()
    with s.server:
        yield s


def rows(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def full(title: str, seed: str, extra_end: str = "") -> str:
    page = article_page(title, [words(45, f"{seed} {i}") for i in range(6)])
    return page.replace("</body>", extra_end + "</body>")


TEASER = ('<!doctype html><html><head><meta charset=utf-8><title>Envoys meet | Paper A</title>'
          '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": "False", '
          '"hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".locked-body"}}'
          "</script></head><body><nav><a href=/>Paper A</a></nav><main><article><h1>Envoys meet at the border</h1>"
          f"<p>{words(40, 'teaser lead')}</p><p>{words(25, 'teaser second')}</p>"
          '<div class="paywall"><p>Subscribe to continue reading.</p></div></article></main></body></html>')
CONSENT = ('<!doctype html><html><head><title>Before you continue</title>'
           '<link rel="canonical" href="http://paper-a.localhost/privacy-gate"></head><body>'
           '<div id="sp_message_container"><h2>We value your privacy</h2><p>We and our 842 partners store and/or '
           "access information on a device, such as cookies, and process personal data for personalised ads and "
           "content, ad and content measurement, audience insights and product development.</p>"
           "<button>Accept all</button><button>Reject all</button></div></body></html>")
CHALLENGE = ("<!doctype html><html><head><title>Just a moment...</title></head><body><h2>Checking if the site "
             "connection is secure</h2><noscript>Enable JavaScript and cookies to continue</noscript>"
             "<script>window._cf_chl_opt={cType: 'managed'};</script></body></html>")
SHELL = ('<!doctype html><html><head><title>Paper A</title></head><body><div id="root"></div>'
         "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>")
NOT_FOUND = ("<!doctype html><html><head><title>Page not found | Paper A</title></head><body><nav><a href=/>Home"
             "</a></nav><h1>Sorry, we can't find that page</h1><p>Try the search box.</p></body></html>")
COOKIE_BANNER = ('<div id="onetrust-banner-sdk"><p>We use cookies to improve your experience.</p>'
                 "<button>Accept all</button></div>")
SUBSCRIBE_FOOTER = ('<aside><h3>Subscribe to our newsletter</h3><p>Already a subscriber? Log in.</p></aside>'
                    '<div class="tp-container"></div>')

WALLS = {"/teaser": (TEASER, 200, "paywalled"), "/consent": (CONSENT, 200, "consent"),
         "/challenge": (CHALLENGE, 403, "blocked"), "/challenge-200": (CHALLENGE, 200, "blocked"),
         "/shell": (SHELL, 200, "js_required"), "/gone": (NOT_FOUND, 200, "error_page")}


@pytest.mark.slow
def test_walls_get_their_status_keep_their_text_and_are_stored_ok_once_gone(sites, tmp_path):
    host = HOSTS[0]
    links = [sites.html(host, path, body, status) for path, (body, status, _) in WALLS.items()]
    links.append(sites.html(host, "/full", full("Ceasefire holds", "full story", COOKIE_BANNER + SUBSCRIBE_FOOTER)))
    db = tmp_path / "news.duckdb"
    options = sites.options(db, [sites.feed(host, links)])
    run_pass(options)
    stored = {url.split(host)[1]: (status, attempts, dead, source, error, nlp)
              for url, status, attempts, dead, source, error, nlp in rows(
                  db, "SELECT url, status, fetch_attempts, dead, text_source, error, nlp_status FROM articles")}
    for path, (_, _, kind) in WALLS.items():
        assert stored[path][:3] == (kind, 1, False), (path, stored[path])
        assert stored[path][4], f"{path}: the reason is recorded"
    # a full article with a cookie banner and a "subscribe" footer stays an article
    assert stored["/full"][:2] == ("ok", 1) and stored["/full"][3] == "extracted" and stored["/full"][4] is None
    # the teaser's text is kept, says what it is, and is not analysed as an article
    assert stored["/teaser"][3:6] == ("teaser", stored["/teaser"][4], "not_article")
    assert "paywall" in stored["/teaser"][4]
    text = rows(db, "SELECT text FROM articles WHERE url LIKE '%/teaser'")[0][0]
    assert "Teaser lead said" in text
    assert rows(db, "SELECT http_status, text FROM articles WHERE url LIKE '%/challenge'") == [(403, None)]
    assert rows(db, "SELECT count(*) FROM entity_mentions m JOIN articles a USING (article_id) "
                    "WHERE a.status <> 'ok'") == [(0,)]

    # the walls are gone: the next pass retries every one of them and stores the article
    for path in WALLS:
        sites.html(host, path, full(f"Story at {path}", f"served {path}"))
    run_pass(options)
    after = dict(rows(db, "SELECT url, status FROM articles"))
    assert set(after.values()) == {"ok"}, after
    for path in WALLS:
        assert sites.hits(host, path) == 2, path
        assert rows(db, "SELECT fetch_attempts, text_source, error, nlp_status FROM articles WHERE url = ?",
                    f"http://{host}{path}") == [(2, "extracted", None, "analysed")]
    assert sites.hits(host, "/full") == 1  # an article is not retried


@pytest.mark.slow
def test_a_wall_that_stays_backs_off_and_is_given_up_like_a_failed_fetch(sites, tmp_path):
    host = HOSTS[0]
    link = sites.html(host, "/teaser", TEASER)
    db = tmp_path / "news.duckdb"
    feed = sites.feed(host, [link])
    slow = sites.options(db, [feed], max_fetch_attempts=3, retry_backoff=3600)
    run_pass(slow)
    run_pass(slow)  # first retry: on the next pass
    run_pass(slow)  # then backing off: an hour
    assert sites.hits(host, "/teaser") == 2
    assert rows(db, "SELECT status, fetch_attempts, dead FROM articles") == [("paywalled", 2, False)]
    eager = sites.options(db, [feed], max_fetch_attempts=3, retry_backoff=0)
    for _ in range(3):
        run_pass(eager)
    assert sites.hits(host, "/teaser") == 3
    # given up after max_fetch_attempts, with the teaser's text kept
    assert rows(db, "SELECT status, fetch_attempts, dead, text IS NOT NULL FROM articles") == [("paywalled", 3, True, True)]


@pytest.mark.slow
def test_consent_walls_declaring_one_canonical_url_stay_separate_articles_and_stories(sites, tmp_path):
    """One consent page declared as every page's URL must not fold the links into one row (and mark them known,
    so they would never be fetched again)."""
    host = HOSTS[0]
    links = [sites.html(host, f"/c{i}", CONSENT) for i in range(3)]
    db = tmp_path / "news.duckdb"
    options = sites.options(db, [sites.feed(host, links)])
    run_pass(options)
    assert rows(db, "SELECT count(*), count(DISTINCT article_id) FROM articles WHERE status = 'consent'") == [(3, 3)]
    # nor does the dialog's text, the same on every page, make them one story (which would outlive the wall)
    assert rows(db, "SELECT count(*) FROM stories") == [(0,)]
    for i in range(3):
        sites.html(host, f"/c{i}", full(f"Story {i}", f"consent gone {i}"))
    run_pass(options)
    assert rows(db, "SELECT count(*), count(DISTINCT story_id) FROM articles WHERE status = 'ok'") == [(3, 3)]


def _processed(status: str, paragraphs: tuple[str, ...], source: str | None) -> ProcessedArticle:
    from pipeline.dedup.exact import content_hash, dedup_paragraphs

    url = "http://paper-a.localhost/story"
    entry = FeedEntry(feed_url="http://paper-a.localhost/feed.xml", entry_id=url, link=url, canonical_url=url,
                      article_id="story", title="Story", summary=None, author=None, published_at=None,
                      updated_at=None)
    fetch = FetchResult(url, datetime.now(UTC), final_url=url, http_status=200)
    occurrences, text = dedup_paragraphs(paragraphs)
    return ProcessedArticle(entry, fetch, status, Extracted(status=status, text_source=source, paragraphs=paragraphs),
                            occurrences, text or None, content_hash(text) if text else None)


def test_a_wall_met_on_re_fetch_never_replaces_a_stored_article(tmp_path):
    db = tmp_path / "news.duckdb"
    with connect(db) as con:
        load_staged(con, stage_articles([_processed("ok", ("the real text of the story",), "extracted")]), 1)
        load_staged(con, stage_articles([_processed("consent", ("We value your privacy",), "wall")]), 2)
        load_staged(con, stage_articles([_processed("paywalled", ("the real text",), "teaser")]), 3)
        assert con.execute("SELECT status, text, text_source FROM articles").fetchall() == [
            ("ok", "the real text of the story", "extracted")]
    # ... while a stored wall gives way to the next wall (an attempt counted), then to the article
    db = tmp_path / "walls.duckdb"
    with connect(db) as con:
        load_staged(con, stage_articles([_processed("consent", ("We value your privacy",), "wall")]), 1, max_attempts=5)
        load_staged(con, stage_articles([_processed("blocked", (), None)]), 2, max_attempts=5)
        assert con.execute("SELECT status, fetch_attempts FROM articles").fetchall() == [("blocked", 2)]
        load_staged(con, stage_articles([_processed("ok", ("the article at last",), "extracted")]), 3, max_attempts=5)
        assert con.execute("SELECT status, text, fetch_attempts, dead FROM articles").fetchall() == [
            ("ok", "the article at last", 3, False)]


# ------------------------------------------------------------------------------------------- site health


EMPTIED = ("<!doctype html><html><head><title>Paper B</title></head><body><div id=app><img src=/lead.jpg alt=''>"
           "</div></body></html>")


@pytest.mark.slow
def test_health_view_and_stats_point_at_a_site_whose_pages_turned_empty(sites, tmp_path):
    db = tmp_path / "news.duckdb"
    good = {h: [sites.html(h, f"/old{i}", full(f"Old story {i}", f"{h} old {i}")) for i in range(6)] for h in HOSTS}
    feeds = [sites.feed(h, good[h]) for h in HOSTS]
    run_pass(sites.options(db, feeds))
    with duckdb.connect(str(db)) as con:  # that was three days ago
        con.execute("UPDATE articles SET fetched_at = fetched_at - INTERVAL 3 DAY")
    # today paper-b's new layout leaves the extractor nothing; paper-a is as before
    new = {"paper-a.localhost": [sites.html(HOSTS[0], f"/new{i}", full(f"New story {i}", f"a new {i}"))
                                 for i in range(6)],
           "paper-b.localhost": [sites.html(HOSTS[1], f"/new{i}", EMPTIED) for i in range(6)]}
    feeds = [sites.feed(h, good[h] + new[h]) for h in HOSTS]
    run_pass(sites.options(db, feeds))

    health = rows(db, "SELECT host, day = CAST(timezone('UTC', now()) AS DATE), articles, ok, empty, bad_share "
                      "FROM extraction_health_v ORDER BY host, day")
    assert health == [("paper-a.localhost", False, 6, 6, 0, 0.0), ("paper-a.localhost", True, 6, 6, 0, 0.0),
                      ("paper-b.localhost", False, 6, 6, 0, 0.0), ("paper-b.localhost", True, 6, 0, 6, 1.0)]

    jumps = collect(db).extraction_jumps
    assert [(j["host"], j["bad"], j["articles"], j["previous_share"], j["kinds"]) for j in jumps] == [
        ("paper-b.localhost", 6, 6, 0.0, {"empty": 6})]
    runner = CliRunner()
    result = runner.invoke(cli, ["stats", "--db", str(db)])
    assert result.exit_code == 0, result.output
    line = next(row for row in result.output.splitlines() if row.startswith("extraction health"))
    assert "paper-b.localhost 6 of 6 today (was 0% of 6): empty 6" in line and "paper-a" not in line
    result = runner.invoke(cli, ["stats", "--db", str(db), "--json"])
    assert json.loads(result.output)["extraction_jumps"][0]["host"] == "paper-b.localhost"


@pytest.mark.slow
def test_stats_needs_a_minimum_count_and_a_real_jump(sites, tmp_path):
    """Two empty pages today, or a host that was as bad before, are not a jump."""
    db = tmp_path / "news.duckdb"
    links = [sites.html(HOSTS[0], f"/e{i}", EMPTIED) for i in range(6)]
    run_pass(sites.options(db, [sites.feed(HOSTS[0], links)]))
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE articles SET fetched_at = fetched_at - INTERVAL 1 DAY")
    more = [sites.html(HOSTS[0], f"/f{i}", EMPTIED) for i in range(6)]
    few = [sites.html(HOSTS[1], f"/f{i}", EMPTIED) for i in range(2)]
    run_pass(sites.options(db, [sites.feed(HOSTS[0], links + more), sites.feed(HOSTS[1], few)]))
    assert rows(db, "SELECT count(*) FROM articles WHERE status = 'empty'") == [(14,)]
    assert collect(db).extraction_jumps == []


def test_health_view_counts_short_texts_by_words_and_cjk_by_character(tmp_path):
    """`short` is an `ok` text under 100 words; a Chinese article (no spaces) is not short; a host missing from
    the row (dedup off) comes from the URL; a failed fetch is left out of the shares."""
    db = tmp_path / "news.duckdb"
    long_cjk = "停火谈判在边境重新开始，双方代表团在联合国监督下会面。" * 8
    with connect(db) as con:
        con.executemany(
            "INSERT INTO articles (article_id, url, canonical_url, status, text, fetched_at, host) "
            "VALUES (?, ?, ?, ?, ?, now(), ?)",
            [("a", "http://www.zh.example/1", "http://www.zh.example/1", "ok", long_cjk, None),
             ("b", "http://zh.example/2", "http://zh.example/2", "ok", "Talks resume. " * 20, "zh.example"),
             ("c", "http://zh.example/3", "http://zh.example/3", "ok", "Talks resume today. " * 40, "zh.example"),
             ("d", "http://zh.example/4", "http://zh.example/4", "failed", None, "zh.example")])
    assert rows(db, "SELECT host, articles, responded, ok, short, failed, bad_share, failed_share "
                    "FROM extraction_health_v") == [("zh.example", 4, 3, 3, 1, 1, 0.3333, 0.25)]
