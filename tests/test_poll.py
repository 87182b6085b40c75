"""Stage 1: polling and normalising feeds, including real-world and broken ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import feedparser
import pytest

from conftest import CORPUS, rss
from pipeline.fetch.http import make_client
from pipeline.fetch.poll import parse_feed_bytes, poll_feed
from pipeline.options import FetchOptions
from pipeline.records import FeedSpec

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def _poll(site, path):
    options = FetchOptions(allow_private_network=True, total_timeout=10)
    with make_client(options) as client:
        return poll_feed(client, FeedSpec(site.url(path)), options)


def test_rss_entries_normalised(site):
    site.add(
        "/feed.xml",
        rss([
            {"title": "One", "link": "/world/one?utm_source=rss", "guid": "g-1", "pubDate": "Tue, 24 Nov 2026 10:30:00 +0200",
             "description": "&lt;p&gt;Summary &lt;b&gt;one&lt;/b&gt;&lt;/p&gt;"},
            {"title": "Two", "link": "http://Other.Example/two#frag"},
        ]),
        content_type="application/rss+xml",
    )
    poll = _poll(site, "/feed.xml")
    assert poll.status == "ok" and not poll.bozo and poll.format == "rss20"
    one, two = poll.entries
    assert one.entry_id == "g-1"
    assert one.link == site.url("/world/one?utm_source=rss")  # relative link made absolute
    assert one.canonical_url == site.url("/world/one")
    assert one.published_at == datetime(2026, 11, 24, 8, 30, tzinfo=UTC)  # converted to UTC
    assert one.summary == "Summary one"
    assert two.entry_id == "http://other.example/two"  # no guid: the canonical link is the id
    assert two.published_at is None


def test_atom_feed(site):
    site.add(
        "/atom",
        """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
        <id>tag:wire,2026:feed</id><updated>2026-11-25T10:00:00Z</updated>
        <entry><id>tag:wire,2026:1</id><title>Truce talks</title><link rel="alternate" href="https://wire.example/1"/>
        <updated>2026-11-25T10:00:00Z</updated><published>2026-11-25T09:00:00-05:00</published>
        <author><name>Reporter</name></author><summary>Short</summary></entry></feed>""",
        content_type="application/atom+xml",
    )
    poll = _poll(site, "/atom")
    assert poll.status == "ok" and poll.format == "atom10" and poll.title == "Wire"
    (entry,) = poll.entries
    assert entry.entry_id == "tag:wire,2026:1" and entry.author == "Reporter"
    assert entry.published_at == datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def test_malformed_feed_still_yields_readable_entries(site):
    body = rss([{"title": "Kept", "link": "https://e.example/kept"}]).replace("</channel></rss>", "<item><title>cut")
    site.add("/broken.xml", body, content_type="application/rss+xml")
    poll = _poll(site, "/broken.xml")
    assert poll.status == "malformed" and poll.bozo and poll.error
    assert [e.title for e in poll.entries] == ["Kept"]
    assert poll.succeeded


@pytest.mark.parametrize("status", [404, 500, 503])
def test_http_errors_are_recorded_not_raised(site, status):
    site.add("/feed", "oops", status=status)
    poll = _poll(site, "/feed")
    assert poll.status == "http_error" and poll.http_status == status and not poll.entries and not poll.succeeded


def test_html_page_instead_of_feed(site):
    site.add("/feed", "<html><body><p>We moved!</p></body></html>")
    poll = _poll(site, "/feed")
    assert poll.status == "malformed" and not poll.entries
    assert not poll.succeeded  # counts as a failure: backoff, health, and the feed list shows it


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/xml", None])
@pytest.mark.parametrize("body", ["<!DOCTYPE html><html><head><title>We moved</title></head><body><p>Our feeds "
                                  "are now at /rss.</p></body></html>",
                                  "<html><head><title>Home</title></head><body><p>Latest news</p></body></html>",
                                  ""], ids=["doctype", "well-formed", "empty"])
def test_a_page_that_is_not_a_feed_is_malformed_whatever_its_content_type(site, content_type, body):
    """A feed URL that now serves a landing page (or nothing) under the old XML content type parsed without a
    bozo flag: the poll said "ok" with no entries, and a dead feed looked healthy for ever."""
    site.add("/feed", body, content_type=content_type)
    poll = _poll(site, "/feed")
    assert poll.status == "malformed" and "not a feed" in poll.error and not poll.entries
    assert not poll.succeeded


def test_an_empty_feed_is_still_a_feed():
    body = rss([]).encode()
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type="application/rss+xml")
    assert poll.status == "ok" and poll.error is None and poll.entries == () and poll.succeeded


def test_connection_refused_is_recorded():
    options = FetchOptions(allow_private_network=True, total_timeout=5)
    with make_client(options) as client:
        poll = poll_feed(client, FeedSpec("http://127.0.0.1:9/feed"), options)
    assert poll.status == "transport_error" and not poll.succeeded


@pytest.mark.slow
def test_real_feeds_match_the_corpus_manifest(feed_manifest):
    """Every real-world feed in the shared corpus: entry counts, bozo flags and links as feedparser sees them."""
    for relpath, info in feed_manifest.items():
        observed = info["observed_feedparser_6_0_14"]
        body = (CORPUS / "feeds" / relpath).read_bytes()
        base = info.get("feed_url") or "https://feed.example/"
        poll = parse_feed_bytes(FeedSpec(base), body, polled_at=NOW, base_url=base)
        assert poll.bozo == observed["bozo"], relpath
        assert poll.status == ("malformed" if observed["bozo"] else "ok"), relpath
        raw = feedparser.parse(body)
        with_link = [e for e in raw.entries if e.get("link") or e.get("id", "").startswith("http")]
        # one record per distinct entry that has something to fetch
        assert 0 < len(poll.entries) <= observed["entries"] or observed["entries"] == 0, relpath
        assert len(poll.entries) >= len({e.get("id") or e.get("link") for e in with_link}) - 1, relpath
        for entry in poll.entries:
            assert entry.link.startswith(("http://", "https://")), (relpath, entry.link)
            assert entry.published_at is None or entry.published_at.tzinfo is not None


def test_feedparser_edge_cases_never_crash():
    path = CORPUS / "feeds" / "feedparser-edge-cases" / "expectations.json"
    if not path.is_file():
        pytest.skip("../shared/corpus is absent")
    cases = json.loads(path.read_text())
    assert cases
    for relpath, case in cases.items():
        body = (path.parent / relpath).read_bytes()
        header = case.get("header")
        content_type = header.split(":", 1)[1].strip() if header and header.lower().startswith("content-type") else None
        poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                                base_url="http://example.org/feed", content_type=content_type)
        expect_bozo = case["expect"].startswith("bozo")
        if expect_bozo:
            assert poll.bozo and poll.status == "malformed" and poll.error, relpath
        for entry in poll.entries:
            assert isinstance(entry.title, (str, type(None)))


def test_an_entry_nothing_can_read_costs_that_entry_only(monkeypatch):
    import pipeline.fetch.poll as poll_module

    real = poll_module._normalise_entry

    def flaky(feed_url, base_url, raw):  # a bug in reading one entry, as html_to_text once had
        if raw.get("title") == "poison":
            raise ValueError("cannot read this entry")
        return real(feed_url, base_url, raw)

    monkeypatch.setattr(poll_module, "_normalise_entry", flaky)
    body = rss([{"title": "good one", "link": "http://example.org/a/1", "guid": "1"},
                {"title": "poison", "link": "http://example.org/a/2", "guid": "2"},
                {"title": "good two", "link": "http://example.org/a/3", "guid": "3"}]).encode()
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type="application/rss+xml")
    assert [e.title for e in poll.entries] == ["good one", "good two"]
    assert poll.status == "ok" and "1 unreadable entries skipped" in poll.error


def test_entries_without_a_link_to_fetch_are_counted_and_a_permalink_guid_stands_in(site):
    """An item whose link is javascript: or mailto: (or missing) was dropped without a word, even when its guid is
    the story's permalink; the poll now fetches the permalink and says how many entries had nothing to fetch."""
    site.add("/feed.xml", rss([
        {"title": "Script link", "link": "javascript:void(0)", "guid": "https://news.example/world/1"},
        {"title": "Mail link", "link": "mailto:desk@news.example", "guid": "tag:news.example,2026:2"},
        {"title": "No link", "link": "", "guid": "tag:news.example,2026:3"},
        {"title": "Good", "link": "https://news.example/world/4", "guid": "4"},
    ]), content_type="application/rss+xml")
    poll = _poll(site, "/feed.xml")
    assert [(e.title, e.link) for e in poll.entries] == [("Script link", "https://news.example/world/1"),
                                                       ("Good", "https://news.example/world/4")]
    assert poll.status == "ok" and "2 entries without an http(s) link skipped" in poll.error


@pytest.mark.parametrize("reference", ["&#xD800;", "&#xDFFF;", "&#55296;", "&#xFFFF;", "&#x1;"])
@pytest.mark.parametrize("where", ["channel", "item"])
def test_a_reference_to_a_character_xml_forbids_costs_one_character_not_the_feed(reference, where):
    """One &#xD800; made feedparser raise on every poll: the feed failed with all its entries."""
    items = [{"title": f"Truce {reference if where == 'item' else ''} holds", "link": "http://example.org/a/1", "guid": "1"},
             {"title": "Talks resume", "link": "http://example.org/a/2", "guid": "2"}]
    channel = f"World {reference if where == 'channel' else ''} news"
    body = rss(items, title=channel).encode()
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type="application/rss+xml")
    assert poll.status == "ok" and [e.entry_id for e in poll.entries] == ["1", "2"]
    assert poll.title.startswith("World") and poll.entries[1].title == "Talks resume"
    assert "\ufffd" in (poll.entries[0].title if where == "item" else poll.title)


_RUSSIAN = [("Перемирие соблюдается на всей линии фронта", "Минобороны заявило, что обстрелов не было."),
            ("Переговоры возобновятся в пятницу", "Делегации встретятся снова в столице.")]
_FRENCH = [("Le cessez-le-feu tient à Genève", "Les négociateurs ont salué une trêve fragile."),
           ("Réunion prévue jeudi à l'hôtel de ville", "Le préfet a annoncé une séance extraordinaire.")]


@pytest.mark.parametrize("charset, texts, channel", [("cp1251", _RUSSIAN, "Новости"), ("cp1252", _FRENCH, "Actualités"),
                                                     ("latin-1", _FRENCH, "Actualités")])
@pytest.mark.parametrize("content_type", ["application/rss+xml", "application/rss+xml; charset=utf-8"])
def test_a_feed_declaring_utf8_in_another_charset_is_read_in_the_charset_of_its_bytes(charset, texts, channel,
                                                                                       content_type):
    """A windows-1251 feed declaring UTF-8 was stored as windows-1252 mojibake ("Ïåðåìèðèå")."""
    items = [{"title": t, "link": f"http://example.org/a/{i}", "guid": str(i), "description": d}
             for i, (t, d) in enumerate(texts)]
    body = rss(items, title=channel).encode(charset)
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type=content_type)
    assert poll.title == channel
    assert [(e.title, e.summary) for e in poll.entries] == texts
    assert poll.status == "malformed" and "utf-8" in poll.error  # the feed lied about its charset: recorded


@pytest.mark.parametrize("texts, channel", [(_RUSSIAN, "Новости"), (_FRENCH, "Actualités")])
@pytest.mark.parametrize("declaration", ["utf-8", "none"])
def test_one_invalid_utf8_sequence_in_a_utf8_feed_costs_its_bytes_not_the_feeds_charset(texts, channel, declaration):
    """An encoded surrogate (ED A0 80) in one summary of a UTF-8 feed made feedparser read the whole feed as
    windows-1252: every title stored as mojibake. The bad bytes become U+FFFD, the poll's error counts them. An XML
    document that declares no encoding (nor does its header) is UTF-8 by XML's own rule."""
    items = [{"title": t, "link": f"http://example.org/a/{i}", "guid": str(i), "description": d}
             for i, (t, d) in enumerate(texts)]
    body = rss(items, title=channel).encode()
    if declaration == "none":
        body = body.replace(b'<?xml version="1.0" encoding="utf-8"?>', b"")
    last = texts[-1][1].encode()
    body = body.replace(last, last[:-1] + b" \xed\xa0\x80.")
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type="application/rss+xml")
    assert poll.title == channel and [e.title for e in poll.entries] == [t for t, _ in texts]
    assert poll.entries[-1].summary == texts[-1][1][:-1] + " \ufffd\ufffd\ufffd."
    assert poll.status == "ok" and "3 bytes not valid UTF-8" in poll.error


def test_a_feed_in_the_charset_it_declares_is_read_as_it_is():
    body = rss([{"title": t, "link": f"http://example.org/a/{i}"} for i, (t, _) in enumerate(_RUSSIAN)],
               title="Новости").replace('encoding="utf-8"', 'encoding="windows-1251"').encode("cp1251")
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type="application/rss+xml")
    assert poll.status == "ok" and poll.error is None and [e.title for e in poll.entries] == [t for t, _ in _RUSSIAN]


@pytest.mark.parametrize("pub_date", ["Fri, 01 Jan 9999 00:00:00 +0000", "Mon, 01 Jan 0001 00:00:00 +0000",
                                      "Sat, 30 Dec 1989 12:00:00 +0000", "Sat, 28 Nov 2026 00:00:01 +0000"])
def test_a_publication_date_no_item_can_have_is_stored_as_null(pub_date):
    """A year-9999 pubDate was stored as it is: that item sorted first for ever."""
    body = rss([{"title": "Far", "link": "http://example.org/a/1", "guid": "1", "pubDate": pub_date},
                {"title": "Near", "link": "http://example.org/a/2", "guid": "2",
                 "pubDate": "Thu, 26 Nov 2026 23:30:00 +0000"},  # later than the poll, within a day: a clock off
                {"title": "Old", "link": "http://example.org/a/3", "guid": "3",
                 "pubDate": "Mon, 01 Jan 1990 00:00:00 +0000"}]).encode()
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type="application/rss+xml")
    far, near, old = poll.entries
    assert far.published_at is None and far.updated_at is None
    assert near.published_at == datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    assert old.published_at == datetime(1990, 1, 1, tzinfo=UTC)


def test_an_implausible_publication_date_falls_back_to_a_plausible_update():
    body = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
            b'<id>urn:w</id><updated>2026-11-25T10:00:00Z</updated><entry><title>A</title><id>urn:a</id>'
            b'<link href="http://example.org/a/1"/><published>9999-12-31T00:00:00Z</published>'
            b'<updated>2026-11-25T10:00:00Z</updated></entry></feed>')
    poll = parse_feed_bytes(FeedSpec("http://example.org/feed"), body, polled_at=NOW,
                            base_url="http://example.org/feed", content_type="application/atom+xml")
    (entry,) = poll.entries
    assert entry.published_at == entry.updated_at == datetime(2026, 11, 25, 10, tzinfo=UTC)
