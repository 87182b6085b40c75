"""Hostile and broken servers: every case ends as a recorded outcome (article status, fetch_log), fast.

Each test runs a real pass (or a real fetch) against :mod:`hostile_server` on loopback, with small timeouts.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from conftest import article_page, rss, words
from hostile_server import (
    HostileServer,
    chunked_forever,
    gzip_bomb,
    header_drip,
    huge_body,
    never_ending,
    redirect,
    sequence,
    slow_drip,
    status,
)
from pipeline.fetch.http import fetch, make_client
from pipeline.fetch.politeness import HostGate
from pipeline.options import FetchOptions, IngestOptions
from pipeline.records import FeedSpec
from pipeline.run.ingest import run_pass

pytestmark = pytest.mark.slow  # real passes against hostile servers, with real timeouts and Retry-After waits

PAGE = article_page("Talks resume", [words(25, f"hostile {i}") for i in range(3)])


def fast_fetch_options(**overrides) -> FetchOptions:
    base = dict(allow_private_network=True, connect_timeout=2, read_timeout=1, total_timeout=2,
                max_bytes=1_000_000, max_retry_wait=3, min_host_delay=0)
    base.update(overrides)
    return FetchOptions(**base)


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


def one_pass(server, tmp_path, links: list[str], *, feed_path="/feed.xml", db=None, **options) -> IngestOptions:
    server.page(feed_path, rss([{"title": f"item {i}", "link": link, "guid": link} for i, link in enumerate(links)]),
                content_type="application/rss+xml")
    opts = IngestOptions(db_path=db or tmp_path / "news.duckdb", feeds=[FeedSpec(server.url(feed_path))],
                         fetch=options.pop("fetch", None) or fast_fetch_options(), workers=1, **options)
    run_pass(opts)
    return opts


def rows(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def article(db, url):
    found = rows(db, "SELECT status, error_kind, error, http_status, fetch_attempts, dead FROM articles WHERE url = ?", url)
    assert found, f"no article row for {url}"
    return dict(zip(("status", "error_kind", "error", "http_status", "attempts", "dead"), found[0]))


def log_of(db, url):
    return rows(db, "SELECT outcome, http_status, attempt, bytes, elapsed_ms FROM fetch_log WHERE url = ? "
                    "ORDER BY requested_at, attempt", url)


# ---------------------------------------------------------------------------------------------- bodies


def test_slow_drip_stops_at_the_whole_request_deadline(server, tmp_path):
    url = server.route("/drip", slow_drip(every=0.05))  # every read is quick: only the total deadline helps
    started = time.monotonic()
    opts = one_pass(server, tmp_path, [url])
    assert time.monotonic() - started < 15
    assert article(opts.db_path, url)["error_kind"] == "timeout"
    ((outcome, _, _, _, elapsed_ms),) = log_of(opts.db_path, url)
    assert outcome == "timeout" and elapsed_ms < 4000


def test_header_drip_stops_at_the_whole_request_deadline(server):
    url = server.route("/slow-headers", header_drip(every=0.05))
    options = fast_fetch_options(read_timeout=1, total_timeout=1.5)
    started = time.monotonic()
    with make_client(options) as client:
        result = fetch(client, url, options)
    assert result.error_kind == "timeout" and time.monotonic() - started < 3


def test_never_ending_body_stops_at_the_size_cap(server, tmp_path):
    url = server.route("/endless", never_ending())
    opts = one_pass(server, tmp_path, [url], fetch=fast_fetch_options(total_timeout=10))
    assert article(opts.db_path, url)["error_kind"] == "too_large"
    assert log_of(opts.db_path, url)[0][0] == "too_large"


@pytest.mark.parametrize("gzip_level", [None, 9], ids=["plain", "gzip"])
def test_endless_chunked_body_stops_at_the_size_cap(server, tmp_path, gzip_level):
    url = server.route("/chunked", chunked_forever(gzip_level=gzip_level))
    started = time.monotonic()
    opts = one_pass(server, tmp_path, [url], fetch=fast_fetch_options(total_timeout=10))
    assert article(opts.db_path, url)["error_kind"] == "too_large"
    assert log_of(opts.db_path, url)[0][0] == "too_large" and time.monotonic() - started < 10


@pytest.mark.parametrize("declare", [True, False])
def test_huge_body_refused(server, tmp_path, declare):
    url = server.route("/huge", huge_body(20_000_000, declare=declare))
    opts = one_pass(server, tmp_path, [url], fetch=fast_fetch_options(total_timeout=10))
    assert article(opts.db_path, url)["error_kind"] == "too_large"


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compression_bomb_stops_at_the_decompressed_cap(server, encoding):
    url = server.route("/bomb", gzip_bomb(50_000_000, encoding=encoding))  # 50 MB of zeros in ~50 KB
    options = fast_fetch_options(max_bytes=1_000_000, total_timeout=10)
    with make_client(options) as client:
        result = fetch(client, url, options)
    assert result.error_kind == "too_large" and result.body is None
    assert result.log[0].outcome == "too_large"


def test_non_html_article_is_not_downloaded(server, tmp_path):
    url = server.route("/report.pdf", huge_body(5_000_000, declare=True))
    server._httpd.routes["/report.pdf"] = lambda h: h.send_plain(200, b"%PDF-1.7" + b"0" * 500_000, "application/pdf")
    opts = one_pass(server, tmp_path, [url])
    assert article(opts.db_path, url)["status"] == "unsupported"
    ((outcome, http_status, _, nbytes, _),) = log_of(opts.db_path, url)
    assert (outcome, http_status, nbytes) == ("unsupported_type", 200, 0)


@pytest.mark.parametrize("declared", ["utf-8", None])
def test_wrong_or_missing_charset_decoded_from_the_bytes(server, tmp_path, declared):
    """A windows-1252 page served as UTF-8 (header wrong, page's meta right), or with no charset anywhere."""
    paras = ["Le café de la gare a rouvert ses portes après des mois de négociations entre les délégués, "
             "déclare le maire à la presse réunie.",
             "Les élèves ont été évacués vers l'école voisine; la préfète a annoncé une réunion extraordinaire "
             "du conseil général dès jeudi matin.",
             "« Nous espérons un cessez-le-feu durable », a déclaré le négociateur en chef, précisant que les "
             "discussions reprendraient à Genève."]
    html = article_page("Café et négociations", paras, lang="fr", charset="windows-1252" if declared else None)
    content_type = f"text/html; charset={declared}" if declared else "text/html"
    url = server.page("/fr", html.encode("cp1252"), content_type=content_type)
    opts = one_pass(server, tmp_path, [url])
    (text,) = rows(opts.db_path, "SELECT text FROM articles")[0]
    assert "café de la gare" in text and "préfète" in text and "\ufffd" not in text


@pytest.mark.parametrize("declared_in", ["header", "page"])
def test_one_invalid_utf8_sequence_costs_its_bytes_not_the_pages_charset(server, tmp_path, declared_in):
    """A UTF-8 page with one encoded surrogate (ED A0 80, what a CESU-8 or a careless encoder writes): its valid
    bytes are read as declared, the bad ones become U+FFFD and the row says so; no re-detection to mojibake."""
    paras = ["Переговоры о прекращении огня возобновились в Женеве, сообщили дипломаты после встречи делегаций.",
             "Le médiateur a déclaré que la trêve tiendrait « aussi longtemps que les deux parties le voudront ».",
             "Both delegations said the exchange of prisoners would begin on Friday, the envoy told reporters."]
    html = article_page("Trêve à Genève", paras, lang="ru", charset="utf-8" if declared_in == "page" else None)
    body = html.encode().replace(b"Friday", b"Fri\xed\xa0\x80day")
    content_type = "text/html; charset=utf-8" if declared_in == "header" else "text/html"
    url = server.page("/damaged", body, content_type=content_type)
    opts = one_pass(server, tmp_path, [url])
    found = article(opts.db_path, url)
    ((text,),) = rows(opts.db_path, "SELECT text FROM articles")
    assert found["status"] == "ok" and "Переговоры о прекращении огня" in text and "médiateur a déclaré" in text
    assert "Fri\ufffd\ufffd\ufffdday" in text  # the three bad bytes, each replaced, and nothing else touched
    assert "3 bytes" in found["error"] and "UTF-8" in found["error"]


def test_one_reference_to_a_character_xml_forbids_does_not_empty_the_stored_article(server, tmp_path):
    paras = ["The ceasefire held through the night along the whole front line, the monitoring mission reported.",
             "Both delegations said they would meet again on Friday &#xFFFF; to discuss the exchange of prisoners."]
    url = server.page("/refs", article_page("Ceasefire holds &#x1; overnight", paras))
    opts = one_pass(server, tmp_path, [url])
    assert article(opts.db_path, url)["status"] == "ok"
    ((text,),) = rows(opts.db_path, "SELECT text FROM articles")
    assert "monitoring mission reported" in text and "meet again on Friday \ufffd to discuss" in text


# ------------------------------------------------------------------------------------------- redirects


def test_redirect_loop_is_named_and_long_chains_stop_at_five(server, tmp_path):
    loop = server.route("/loop-a", redirect("/loop-b"))
    server.route("/loop-b", redirect("/loop-a"))
    for i in range(7):
        server.route(f"/hop{i}", redirect(f"/hop{i + 1}"))
    server.page("/hop7", PAGE)
    server.page("/hop6-ok", PAGE)
    for i in range(5):
        server.route(f"/ok{i}", redirect(f"/ok{i + 1}"))
    server.page("/ok5", PAGE)
    opts = one_pass(server, tmp_path, [loop, server.url("/hop0"), server.url("/ok0")])
    looped = article(opts.db_path, loop)
    assert looped["error_kind"] == "transport_error" and "loop" in looped["error"]
    chain = article(opts.db_path, server.url("/hop0"))
    assert chain["error_kind"] == "transport_error" and "more than 5 redirects" in chain["error"]
    assert server.hits("/hop6") == 0  # stopped after five hops
    assert article(opts.db_path, server.url("/ok0"))["status"] == "ok"  # exactly five is fine


# ------------------------------------------------------------------------------------- failures over time


def test_500s_then_success_is_retried_over_passes(server, tmp_path):
    url = server.route("/flaky", sequence(status(500), status(500), lambda h: h.send_plain(200, PAGE.encode())))
    db = tmp_path / "news.duckdb"
    for _ in range(3):
        one_pass(server, tmp_path, [url], db=db, retry_backoff=0)
    state = article(db, url)
    assert state["status"] == "ok" and state["attempts"] == 3 and not state["dead"]
    assert [(o, s) for o, s, *_ in log_of(db, url)] == [("http_error", 500), ("http_error", 500), ("ok", 200)]


@pytest.mark.parametrize("body", [b"", b" \r\n\t "], ids=["empty", "whitespace"])
def test_a_200_with_an_empty_body_is_a_recorded_failure_retried_on_the_next_pass(server, tmp_path, body):
    """A 200 that carries no page (a CDN that cached an empty response, a server restarting) is not an article
    with no text: its row says why, and the next pass fetches it again."""
    url = server.route("/blank", sequence(lambda h: h.send_plain(200, body), lambda h: h.send_plain(200, PAGE.encode())))
    db = tmp_path / "news.duckdb"
    one_pass(server, tmp_path, [url], db=db, retry_backoff=0)
    state = article(db, url)
    assert (state["status"], state["error_kind"], state["http_status"]) == ("failed", "empty_body", 200)
    assert "empty body" in state["error"]
    one_pass(server, tmp_path, [url], db=db, retry_backoff=0)
    assert article(db, url)["status"] == "ok" and server.hits("/blank") == 2


def test_failed_article_gives_up_after_max_attempts_and_backs_off(server, tmp_path):
    url = server.route("/down", status(502))
    db = tmp_path / "news.duckdb"
    one_pass(server, tmp_path, [url], db=db, max_fetch_attempts=3, retry_backoff=3600)
    one_pass(server, tmp_path, [url], db=db, max_fetch_attempts=3, retry_backoff=3600)  # 1st retry: next pass
    one_pass(server, tmp_path, [url], db=db, max_fetch_attempts=3, retry_backoff=3600)  # backing off: an hour
    assert server.hits("/down") == 2 and not article(db, url)["dead"]
    for _ in range(3):
        one_pass(server, tmp_path, [url], db=db, max_fetch_attempts=3, retry_backoff=0)
    assert server.hits("/down") == 3 and article(db, url)["dead"]


def test_429_with_short_retry_after_is_waited_out_in_the_pass(server, tmp_path):
    url = server.route("/busy", sequence(status(429, {"Retry-After": "1"}), lambda h: h.send_plain(200, PAGE.encode())))
    started = time.monotonic()
    opts = one_pass(server, tmp_path, [url])
    assert time.monotonic() - started >= 1.0
    assert article(opts.db_path, url)["status"] == "ok"
    assert [(o, s, a) for o, s, a, *_ in log_of(opts.db_path, url)] == [("http_error", 429, 1), ("ok", 200, 2)]


def test_429_with_long_retry_after_defers_the_article_and_its_host(server, tmp_path):
    url = server.route("/later", status(429, {"Retry-After": "3600"}))
    other = server.page("/other", PAGE)  # same host: must not be hit while the host asked for a pause
    db = tmp_path / "news.duckdb"
    serial = fast_fetch_options(concurrency=1)  # so /other is asked for after the 429, deterministically
    one_pass(server, tmp_path, [url, other], db=db, retry_backoff=0, fetch=serial)
    assert server.hits("/later") == 1 and server.hits("/other") == 0
    assert article(db, other)["error_kind"] == "deferred"
    (retry_after,) = rows(db, "SELECT retry_after FROM articles WHERE url = ?", url)[0]
    assert retry_after > datetime.now(UTC) + timedelta(minutes=50)
    one_pass(server, tmp_path, [url, other], db=db, retry_backoff=0, fetch=serial)
    # Retry-After honoured across passes, for the article and for the one deferred with it
    assert server.hits("/later") == 1 and server.hits("/other") == 0
    (other_after,) = rows(db, "SELECT retry_after FROM articles WHERE url = ?", other)[0]
    assert other_after > datetime.now(UTC) + timedelta(minutes=50)


def test_feed_503_with_retry_after_sets_its_next_poll(server, tmp_path):
    server.route("/feed.xml", status(503, {"Retry-After": "7200"}))
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/feed.xml"))],
                         fetch=fast_fetch_options(), workers=1)
    run_pass(opts)
    run_pass(opts)
    assert server.hits("/feed.xml") == 1  # the second pass found it not due
    ((status_, failures, next_poll, health),) = rows(
        opts.db_path, "SELECT last_status, consecutive_failures, next_poll_at, health FROM feeds")
    assert (status_, failures, health) == ("http_error", 1, "failing")
    assert next_poll > datetime.now(UTC) + timedelta(minutes=110)


# ------------------------------------------------------------------------------------------------- XML


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>http://example.invalid/</link>
<item><title>Laughs &lol9; &xxe;</title><link>LINK</link></item></channel></rss>"""


def test_billion_laughs_and_external_entities_are_not_expanded(server, tmp_path):
    page = server.page("/a/1", PAGE)
    server.page("/evil.xml", BILLION_LAUGHS.replace(b"LINK", page.encode()), content_type="application/rss+xml")
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/evil.xml"))],
                         fetch=fast_fetch_options(), workers=1)
    started = time.monotonic()
    run_pass(opts)
    assert time.monotonic() - started < 20
    ((status_, error, title),) = rows(opts.db_path, "SELECT last_status, last_error, title FROM feeds")
    assert status_ == "malformed" and "entity" in error
    assert "lollol" not in (title or "")
    titles = [t for (t,) in rows(opts.db_path, "SELECT title FROM feed_entries")]
    assert all("lollol" not in (t or "") and "root:" not in (t or "") for t in titles)
    assert rows(opts.db_path, "SELECT status FROM articles") == [("ok",)]  # the entry itself still counts


def test_malformed_feed_is_recorded_and_the_pass_goes_on(server, tmp_path):
    good = server.page("/a/good", PAGE)
    server.page("/broken.xml", rss([{"title": "kept", "link": good}]).replace("</channel></rss>", "<item><title>cut"),
                content_type="application/rss+xml")
    server.page("/junk.xml", b"\x00\xff\xfe binary junk \x89PNG", content_type="application/rss+xml")
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/broken.xml")),
                         FeedSpec(server.url("/junk.xml"))], fetch=fast_fetch_options(), workers=1)
    summary = run_pass(opts)
    assert summary.status == "ok"
    assert dict(rows(opts.db_path, "SELECT feed_url, last_status FROM feeds")) == {
        server.url("/broken.xml"): "malformed", server.url("/junk.xml"): "malformed"}
    assert rows(opts.db_path, "SELECT status FROM articles") == [("ok",)]


def test_a_guid_shared_by_different_links_loses_no_story(server, tmp_path):
    """A CMS that writes one guid on every item ("0", the site's home page): each link is its own story. Only the
    first was kept, the others dropped on every poll; a repeated item (same guid, same link) is still one."""
    links = [server.page(f"/story/{i}", article_page(f"Story {i}", [words(30, f"shared guid {i}")])) for i in range(3)]
    items = [{"title": f"Story {i}", "link": link, "guid": "0"} for i, link in enumerate(links)]
    feed = server.page("/feed.xml", rss([*items, items[0]]), content_type="application/rss+xml")
    opts = IngestOptions(db_path=tmp_path / "news.duckdb", feeds=[FeedSpec(feed)], fetch=fast_fetch_options(),
                         workers=1)
    run_pass(opts)
    assert sorted(rows(opts.db_path, "SELECT url, status FROM articles")) == [(link, "ok") for link in links]
    assert sorted(rows(opts.db_path, "SELECT link FROM feed_entries")) == [(link,) for link in links]
    ((error,),) = rows(opts.db_path, "SELECT last_error FROM feeds")
    assert "guid" in error and "3 entries" in error
    run_pass(opts)  # the same listing again adds nothing
    assert rows(opts.db_path, "SELECT count(*) FROM articles") == [(3,)]
    assert rows(opts.db_path, "SELECT count(*) FROM feed_entries") == [(3,)]


# ---------------------------------------------------------------------------------------------- robots


def test_robots_txt_disallow_and_crawl_delay_are_honoured_and_cached(server, tmp_path):
    server.page("/robots.txt", "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.4\n", content_type="text/plain")
    private = server.page("/private/a", PAGE)
    public = [server.page(f"/news/{i}", article_page(f"Story {i}", [words(25, f"robots {i} {j}") for j in range(3)]))
              for i in range(3)]
    db = tmp_path / "news.duckdb"
    one_pass(server, tmp_path, [private, *public], db=db)
    assert server.hits("/private/a") == 0
    blocked = article(db, private)
    assert blocked["error_kind"] == "robots" and "robots.txt" in blocked["error"]
    assert log_of(db, private)[0][0] == "robots"
    assert all(article(db, u)["status"] == "ok" for u in public)
    starts = server.times_of("/news/")
    assert all(b - a >= 0.35 for a, b in zip(starts, starts[1:])), starts  # Crawl-delay, even on loopback
    assert rows(db, "SELECT status, crawl_delay FROM robots_txt") == [("ok", 0.4)]
    # a later pass uses the stored robots.txt: no second request for it
    later = server.page("/news/late", article_page("Late", [words(25, f"late {j}") for j in range(3)]))
    one_pass(server, tmp_path, [private, *public, later], db=db, force=True)
    assert server.hits("/robots.txt") == 1 and article(db, later)["status"] == "ok"


def test_unreachable_robots_txt_means_do_not_fetch_for_now(server, tmp_path):
    server.route("/robots.txt", status(503))
    url = server.page("/a/1", PAGE)
    opts = one_pass(server, tmp_path, [url])
    assert server.hits("/a/1") == 0
    assert article(opts.db_path, url)["error_kind"] == "robots"
    assert rows(opts.db_path, "SELECT status FROM robots_txt") == [("unreachable",)]


# --------------------------------------------------------------------------------------- conditional GET


def _feed_with(server, n):
    return rss([{"title": f"item {i}", "link": server.url(f"/a/{i}"), "guid": f"g{i}"} for i in range(n)])


def _serve_articles(server, n):
    for i in range(n):
        server.page(f"/a/{i}", article_page(f"Item {i}", [words(25, f"etag {i} {j}") for j in range(3)]))


def test_honest_etag_gives_304_and_nothing_is_reparsed(server, tmp_path):
    _serve_articles(server, 2)
    body = _feed_with(server, 2).encode()

    def honest(h):
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_plain(304, b"", headers={"ETag": '"v1"'})
        else:
            h.send_plain(200, body, "application/rss+xml", headers={"ETag": '"v1"'})

    server.route("/feed.xml", honest)
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/feed.xml"))],
                         fetch=fast_fetch_options(), workers=1)
    run_pass(opts)
    opts.force = True
    second = run_pass(opts)
    assert server.headers_of("/feed.xml")[-1].get("If-None-Match") == '"v1"'
    assert second.feeds_not_modified == 1 and second.entries_seen == 0 and second.outcomes == {"not_modified": 1}
    assert rows(opts.db_path, "SELECT last_status, etag, validators_trusted FROM feeds") == [("not_modified", '"v1"', True)]


def test_etag_that_lies_is_caught_and_no_longer_trusted(server, tmp_path):
    """The ETag never changes while the feed does (and the server ignores If-None-Match)."""
    _serve_articles(server, 3)
    bodies = {"n": 2}
    server.route("/feed.xml", lambda h: h.send_plain(200, _feed_with(server, bodies["n"]).encode(),
                                                     "application/rss+xml", headers={"ETag": '"static"'}))
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/feed.xml"))],
                         fetch=fast_fetch_options(), workers=1, force=True)
    run_pass(opts)
    bodies["n"] = 3
    second = run_pass(opts)
    assert second.articles_new == 1  # the new item was found despite the unchanged ETag
    assert rows(opts.db_path, "SELECT validators_trusted, validator_lies FROM feeds") == [(False, 1)]
    run_pass(opts)
    assert "If-None-Match" not in server.headers_of("/feed.xml")[-1]  # validators no longer sent
    assert rows(opts.db_path, "SELECT last_status FROM feeds") == [("unchanged",)]  # the body hash still saves work


def test_304_that_lies_is_caught_by_the_periodic_unconditional_fetch(server, tmp_path):
    _serve_articles(server, 3)
    bodies = {"n": 2}

    def liar(h):
        if h.headers.get("If-None-Match"):
            h.send_plain(304, b"")  # always "not modified", whatever changed
        else:
            h.send_plain(200, _feed_with(server, bodies["n"]).encode(), "application/rss+xml",
                         headers={"ETag": '"same"'})

    server.route("/feed.xml", liar)
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/feed.xml"))],
                         fetch=fast_fetch_options(), workers=1, force=True)
    run_pass(opts)
    bodies["n"] = 3
    assert run_pass(opts).articles_new == 0  # 304: hidden, as far as a conditional GET can tell
    opts.schedule.verify_every = 0  # the daily re-check, now
    assert run_pass(opts).articles_new == 1
    assert rows(opts.db_path, "SELECT validators_trusted FROM feeds") == [(False,)]


# --------------------------------------------------------------------------------------------- politeness


def test_host_gate_limits_concurrency_and_spaces_requests():
    options = FetchOptions(per_host=2, min_host_delay=0.1, delay_loopback=True)
    gate = HostGate(options)
    active, peak, starts = [0], [0], []
    lock = threading.Lock()

    def work():
        with gate.slot("news.example"):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
                starts.append(time.monotonic())
            time.sleep(0.3)
            with lock:
                active[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    starts.sort()
    assert peak[0] == 2
    assert all(b - a >= 0.09 for a, b in zip(starts, starts[1:]))


def test_user_agent_names_the_project_and_a_contact(server, tmp_path):
    from pipeline.options import default_user_agent

    url = server.page("/a/1", PAGE)
    one_pass(server, tmp_path, [url], fetch=fast_fetch_options(user_agent=default_user_agent("https://example.org/contact")))
    agent = server.headers_of("/a/1")[0]["User-Agent"]
    assert agent.startswith("newsdesk/") and "+https://example.org/contact" in agent
