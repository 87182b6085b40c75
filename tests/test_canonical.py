"""One page, one row: links that differ only in tracking, AMP or aggregator dressing are one article, keyed by
what the page declares (``<link rel="canonical">``, ``og:url``) when it stays on its own site; every URL seen
for it is kept in ``article_urls`` (issue #15). Loopback site only."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from conftest import article_page, rss, words
from pipeline.extract.core import declared_urls
from pipeline.run.ingest import run_pass
from pipeline.store import migrations
from pipeline.store.core import connect
from pipeline.urls import article_id_for, canonical_url


def q(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def page(title: str, seed: str, *, canonical: str | None = None, og: str | None = None) -> str:
    head = ""
    if canonical is not None:
        head += f'<link rel="canonical" href="{canonical}">'
    if og is not None:
        head += f'<meta property="og:url" content="{og}">'
    html = article_page(title, [words(30, f"{seed} {i}") for i in range(4)])
    return html.replace("</head>", head + "</head>", 1)


def feed(site, path: str, links: list[str]) -> str:
    return site.add(path, rss([{"title": f"item {i}", "link": link, "guid": f"{path}#{i}"}
                               for i, link in enumerate(links)]), content_type="application/rss+xml")


def urls_of(db, article_id):
    return {(url, source) for url, source in q(db, "SELECT url, source FROM article_urls WHERE article_id = ?", article_id)}


def assert_consistent(db):
    """Nothing keyed by article_id points at an article that does not exist."""
    for table in ("feed_entries", "article_paragraphs", "article_urls", "entity_mentions", "ceasefire_statements",
                  "quotes"):
        orphans = q(db, f"SELECT count(*) FROM {table} t WHERE t.article_id NOT IN (SELECT article_id FROM articles)")
        assert orphans == [(0,)], table
    assert q(db, "SELECT count(*) FROM archive_records WHERE kind = 'article' "
                 "AND article_id NOT IN (SELECT article_id FROM articles)") == [(0,)]


def counts(db):
    return {t: q(db, f"SELECT count(*) FROM {t}")[0][0]
            for t in ("articles", "article_urls", "feed_entries", "paragraphs", "article_paragraphs")}


@pytest.mark.slow
def test_a_ref_duplicate_is_one_row_with_both_urls_kept(site, make_options):
    site.add("/world/story", page("Convoy reaches the city", "convoy"))
    plain, tagged = site.url("/world/story"), site.url("/world/story?ref=homepage")
    options = make_options(feed(site, "/feed.xml", [plain, tagged]))
    summary = run_pass(options)
    db = options.db_path
    assert summary.articles_new == 1 and q(db, "SELECT count(*) FROM articles") == [(1,)]
    assert sum(1 for _, path, _ in site.server.requests if path.startswith("/world/story")) == 1
    (article_id,) = q(db, "SELECT article_id FROM articles")[0]
    assert {(plain, "feed"), (tagged, "feed")} <= urls_of(db, article_id)
    assert_consistent(db)


@pytest.mark.slow
def test_pages_reached_by_two_links_in_one_batch_are_one_row(site, make_options):
    """An aggregator's link (a parameter that is not tracking) and the plain link are both fetched; the page
    names itself, so they load as one article, and both feed rows point at it."""
    plain = site.url("/world/story")
    site.add("/world/story", page("Convoy reaches the city", "convoy", canonical=plain))
    agg = site.url("/world/story?from=aggregator")
    options = make_options(feed(site, "/feed.xml", [agg, plain]))
    summary = run_pass(options)
    db = options.db_path
    assert q(db, "SELECT article_id, canonical_url, status FROM articles") == [(article_id_for(plain), plain, "ok")]
    assert summary.articles_new == 1
    assert {(agg, "feed"), (plain, "feed")} <= urls_of(db, article_id_for(plain))
    assert q(db, "SELECT DISTINCT article_id FROM feed_entries") == [(article_id_for(plain),)]
    assert_consistent(db)

    before, hits = counts(db), len(site.server.requests)
    again = run_pass(options)  # re-run: nothing fetched, nothing added
    assert again.articles_new == 0 and counts(db) == before
    assert [p for _, p, _ in site.server.requests[hits:] if p.startswith("/world")] == []


@pytest.mark.parametrize("how", ["canonical", "og"])
@pytest.mark.slow
def test_a_second_fetch_of_a_stored_canonical_adds_no_row(site, make_options, how):
    plain = site.url("/world/story")
    site.add("/world/story", page("Convoy reaches the city", "convoy", **{how: plain}))
    # the print version of the same article, another URL entirely, names the plain page
    site.add("/print/world/story", page("Convoy reaches the city", "convoy", **{how: "/world/story"}))
    printed = site.url("/print/world/story")
    options = make_options(feed(site, "/site.xml", [plain]), feed(site, "/aggregator.xml", [plain]))
    run_pass(options)
    db = options.db_path
    (article_id,) = q(db, "SELECT article_id FROM articles")[0]

    site.add("/aggregator.xml", rss([{"title": "via aggregator", "link": printed, "guid": "agg-1"}]),
             content_type="application/rss+xml")
    run_pass(options)
    assert site.hits("/print/world/story") == 1  # fetched: nothing said it was the same page until it was read
    assert q(db, "SELECT article_id FROM articles") == [(article_id,)]
    assert (printed, "feed") in urls_of(db, article_id)
    assert q(db, "SELECT article_id FROM feed_entries WHERE entry_id = 'agg-1'") == [(article_id,)]
    assert_consistent(db)

    before = counts(db)
    again = run_pass(options)
    assert site.hits("/print/world/story") == 1 and again.articles_new == 0  # known now: not fetched again
    assert counts(db) == before


@pytest.mark.slow
def test_a_canonical_on_another_site_is_ignored(site, make_options):
    """A syndicated copy naming the original on the wire's site stays an article of its own."""
    wire = "https://wire.example.org/2024/original-story"
    site.add("/a/one", page("Reprint one", "one", canonical=wire, og=wire))
    site.add("/a/two", page("Reprint two", "two", canonical=wire))
    options = make_options(feed(site, "/feed.xml", [site.url("/a/one"), site.url("/a/two")]))
    run_pass(options)
    db = options.db_path
    assert sorted(q(db, "SELECT canonical_url FROM articles")) == [(site.url("/a/one"),), (site.url("/a/two"),)]
    assert q(db, "SELECT count(*) FROM article_urls WHERE url LIKE '%wire.example.org%'") == [(0,)]
    assert urls_of(db, article_id_for(site.url("/a/one"))) == {(site.url("/a/one"), "feed")}
    assert_consistent(db)


@pytest.mark.parametrize("declared", ["/", "/world/", "/world/2024"])
@pytest.mark.slow
def test_a_home_page_or_section_canonical_is_ignored(site, make_options, declared):
    """The CMS bug where every article names the home page (or its section) must not fold a site into one row."""
    site.add("/world/2024/one", page("Talks resume", "talks", canonical=declared, og=declared))
    site.add("/world/2024/two", page("Observers arrive", "observers", canonical=declared))
    options = make_options(feed(site, "/feed.xml", [site.url("/world/2024/one"), site.url("/world/2024/two")]))
    run_pass(options)
    db = options.db_path
    rows = q(db, "SELECT canonical_url, title FROM articles ORDER BY canonical_url")
    assert rows == [(site.url("/world/2024/one"), "Talks resume"), (site.url("/world/2024/two"), "Observers arrive")]
    assert q(db, "SELECT url, source FROM article_urls ORDER BY url") == [
        (site.url("/world/2024/one"), "feed"), (site.url("/world/2024/two"), "feed")]


@pytest.mark.slow
def test_amp_variants_of_a_stored_article_are_not_fetched_again(site, make_options):
    plain = site.url("/world/story")
    site.add("/world/story", page("Convoy reaches the city", "convoy", canonical=plain))
    site.add("/world/story/amp", page("Convoy reaches the city", "convoy amp", canonical=plain))
    options = make_options(feed(site, "/feed.xml", [plain]))
    run_pass(options)
    db = options.db_path
    amp = [site.url("/world/story/amp"), site.url("/amp/world/story"), site.url("/world/story?outputType=amp")]
    site.add("/feed.xml", rss([{"title": "amp", "link": u, "guid": f"amp{i}"} for i, u in enumerate(amp)]),
             content_type="application/rss+xml")
    summary = run_pass(options)
    assert summary.articles_new == 0 and site.hits("/world/story/amp") == 0
    assert q(db, "SELECT count(*) FROM articles") == [(1,)]
    assert {u for u, source in urls_of(db, article_id_for(plain)) if source == "feed"} == {plain, *amp}
    assert_consistent(db)


@pytest.mark.slow
def test_an_amp_page_listed_first_is_the_same_row_as_its_plain_page(site, make_options):
    """Listed only as AMP on one pass and plain on the next: one row, keyed by the plain page."""
    plain = site.url("/world/story")
    site.add("/world/story", page("Convoy reaches the city", "convoy", canonical=plain))
    site.add("/world/story.amp.html", page("Convoy reaches the city", "convoy", canonical="/world/story"))
    options = make_options(feed(site, "/feed.xml", [site.url("/world/story.amp.html")]))
    run_pass(options)
    db = options.db_path
    assert q(db, "SELECT article_id, canonical_url FROM articles") == [(article_id_for(plain), plain)]
    site.add("/feed.xml", rss([{"title": "plain", "link": plain, "guid": "p"}]), content_type="application/rss+xml")
    run_pass(options)
    assert site.hits("/world/story") == 0 and q(db, "SELECT count(*) FROM articles") == [(1,)]


def _atom(entries: list[tuple[str, str, str]]) -> str:
    items = "".join(f"<entry><id>{i}</id><title>t</title><link href=\"{link}\"/><updated>{updated}</updated></entry>"
                    for i, link, updated in entries)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            f"<id>urn:a</id><updated>2026-01-01T00:00:00Z</updated>{items}</feed>")


@pytest.mark.slow
def test_a_stored_article_whose_page_later_names_a_new_url_keeps_its_row(site, make_options):
    """Rows are never renamed: a refreshed page that now declares a canonical URL records it for the stored
    article, and a later listing of that URL is the same article (not fetched)."""
    link = site.url("/story-5")
    site.add("/story-5", page("First version", "story five"))
    site.add("/feed.xml", _atom([("s5", link, "2026-01-01T00:00:00Z")]), content_type="application/atom+xml")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    db = options.db_path
    (article_id,) = q(db, "SELECT article_id FROM articles")[0]

    declared = site.url("/news/world/story-5")
    site.add("/story-5", page("Second version", "story five v2", canonical=declared))
    site.add("/feed.xml", _atom([("s5", link, "2026-01-02T00:00:00Z")]), content_type="application/atom+xml")
    summary = run_pass(options)
    assert summary.articles_refreshed == 1
    assert q(db, "SELECT article_id, title FROM articles") == [(article_id, "Second version")]
    assert (declared, "canonical") in urls_of(db, article_id)

    site.add("/news/world/story-5", page("Second version", "story five v2", canonical=declared))
    site.add("/feed.xml", _atom([("s5", link, "2026-01-02T00:00:00Z"), ("n5", declared, "2026-01-02T00:00:00Z")]),
             content_type="application/atom+xml")
    run_pass(options)
    assert site.hits("/news/world/story-5") == 0 and q(db, "SELECT count(*) FROM articles") == [(1,)]
    assert q(db, "SELECT DISTINCT article_id FROM feed_entries") == [(article_id,)]
    assert_consistent(db)


def test_an_upgraded_database_knows_the_urls_it_stored_before(site, make_options, monkeypatch):
    """Migration 0010 backfills article_urls: a link stored under the old canonical form (``?ref=`` was kept
    then) is still that article after the upgrade, not a new one under today's shorter key."""
    import pipeline.store.core as store_module

    db = make_options().db_path
    everything = migrations.available()
    monkeypatch.setattr(migrations, "available", lambda: [m for m in everything if m.version < 10])
    monkeypatch.setattr(store_module, "apply_views", lambda con: [])
    site.add("/world/story", page("Convoy reaches the city", "convoy"))
    link = site.url("/world/story?ref=rss")
    old_id = article_id_for(link)  # the key an older build gave it
    now = datetime.now(UTC)
    feed_url = feed(site, "/feed.xml", [link])
    with connect(db) as con:
        con.execute("INSERT INTO articles (article_id, url, canonical_url, final_url, status, text, fetched_at) "
                    "VALUES (?, ?, ?, ?, 'ok', 'stored text', ?)", [old_id, link, link, site.url("/world/story"), now])
        con.execute("INSERT INTO feed_entries (feed_url, entry_id, article_id, link, canonical_url, first_seen_at, "
                    "last_seen_at) VALUES (?, '/feed.xml#0', ?, ?, ?, ?, ?)", [feed_url, old_id, link, link, now, now])
    monkeypatch.setattr(migrations, "available", lambda: everything)
    monkeypatch.setattr(store_module, "apply_views", migrations.apply_views)
    with connect(db):
        pass  # the upgrade
    assert urls_of(db, old_id) == {(link, "feed"), (site.url("/world/story"), "redirect")}
    assert canonical_url(link) != link  # today's key differs ...

    summary = run_pass(make_options(feed_url, db=db))
    assert summary.articles_new == 0 and site.hits("/world/story") == 0  # ... yet it is the stored article
    assert q(db, "SELECT article_id FROM articles") == [(old_id,)]
    assert q(db, "SELECT DISTINCT article_id FROM feed_entries") == [(old_id,)]


def test_a_page_declaring_two_different_urls_declares_none():
    import lxml.html

    tree = lxml.html.fromstring('<html><head><link rel="canonical" href="/a"><link rel="Canonical" href="/b">'
                                '<meta property="og:url" content="/a"></head><body></body></html>')
    assert declared_urls(tree) == {"canonical_link": None, "og_url": "/a"}
    same = lxml.html.fromstring('<html><head><link rel="canonical" href="/a"><link rel="alternate canonical" '
                                'href=" /a "></head><body></body></html>')
    assert declared_urls(same)["canonical_link"] == "/a"


@pytest.mark.slow
def test_distinct_articles_declaring_one_fixed_url_stay_apart(site, make_options):
    """A CMS printing one fixed URL as every page's canonical must not fold a site into one row: pages whose
    titles and paragraphs differ stay articles of their own, in one batch and against a stored article."""
    fixed = site.url("/news/latest-story")
    site.add("/news/2024/one", page("Talks resume", "talks", canonical=fixed))
    site.add("/news/2024/two", page("Observers arrive", "observers", canonical=fixed))
    options = make_options(feed(site, "/feed.xml", [site.url("/news/2024/one"), site.url("/news/2024/two")]))
    run_pass(options)
    db = options.db_path
    assert sorted(t for (t,) in q(db, "SELECT title FROM articles")) == ["Observers arrive", "Talks resume"]
    assert q(db, "SELECT count(*) FROM article_urls WHERE url = ?", fixed) == [(1,)]  # for the first only

    site.add("/news/2024/three", page("Convoy reaches the city", "convoy", canonical=fixed))
    site.add("/feed.xml", rss([{"title": "three", "link": site.url("/news/2024/three"), "guid": "3"}]),
             content_type="application/rss+xml")
    run_pass(options)
    assert q(db, "SELECT count(*) FROM articles") == [(3,)]
    assert q(db, "SELECT text IS NOT NULL FROM articles WHERE title = 'Convoy reaches the city'") == [(True,)]
    assert_consistent(db)


@pytest.mark.slow
def test_two_pages_naming_each_other_stay_two_articles(site, make_options):
    """A canonical loop (a misconfiguration) loses neither page and leaves nothing pointing nowhere."""
    one, two = site.url("/a/one"), site.url("/a/two")
    site.add("/a/one", page("Talks resume", "talks", canonical=two))
    site.add("/a/two", page("Observers arrive", "observers", canonical=one))
    options = make_options(feed(site, "/feed.xml", [one, two]))
    run_pass(options)
    db = options.db_path
    assert sorted(t for (t,) in q(db, "SELECT title FROM articles WHERE text IS NOT NULL")) == [
        "Observers arrive", "Talks resume"]
    assert_consistent(db)
    before = counts(db)
    run_pass(options)
    assert counts(db) == before


def test_a_failed_listing_and_a_good_one_of_one_page_keep_the_good_fetch(site, make_options):
    from pipeline.localserver import Response

    plain = site.url("/world/story")
    good = page("Convoy reaches the city", "convoy", canonical=plain).encode()

    def story(path: str) -> Response:  # the plain URL is down; the aggregator's (cached) one answers
        return Response(body=good) if "from=" in path else Response(status=404, body=b"gone")

    site.add("/world/story", story)
    options = make_options(feed(site, "/feed.xml", [plain, site.url("/world/story?from=aggregator")]))
    run_pass(options)
    db = options.db_path
    assert q(db, "SELECT article_id, status, title FROM articles") == [
        (article_id_for(plain), "ok", "Convoy reaches the city")]
    assert_consistent(db)
