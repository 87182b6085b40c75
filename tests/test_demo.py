"""`newsdesk demo`: the bundled corpus, ingested end to end from loopback, twice."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR, normalize_paragraph
from pipeline.demo import load_demo_corpus
from pipeline.demo.run import run_demo

pytestmark = pytest.mark.slow  # built on one whole demo run (module fixture)

# What a rerun may add: its own run row, the feed fetches it logs and their archive records. Every other table
# (the NLP ones included: entities, mentions, quotes, statements, stories, the paragraph cache) must stay as it was.
RERUN_LOGS = ("runs", "fetch_log", "archive_records")
# tables a demo run fills, so comparing them before and after a rerun can catch a duplicate
FILLED = ("feeds", "feed_entries", "articles", "article_urls", "paragraphs", "article_paragraphs", "host_boilerplate",
          "paragraph_lsh", "stories", "entities", "entity_mentions", "quotes", "ceasefire_statements",
          "paragraph_analyses", "paragraph_entities", "paragraph_quotes", "paragraph_statements", "robots_txt")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    first = run_demo(db, workers=1)
    return db, first


def _q(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_corpus_meets_its_brief():
    corpus = load_demo_corpus()
    assert len(corpus.sites) >= 2 and {s.feed_format for s in corpus.sites} == {"rss", "atom"}
    assert len(corpus.articles) >= 8
    assert corpus.expected_repeats >= 7
    assert any(a.language != "en" for a in corpus.articles)
    page = next(r for (host, path), r in corpus.resources.items() if path.startswith("/world/")).body.decode()
    for chrome in ("<nav", "<footer", "newsletter"):
        assert chrome in page.lower()


def test_demo_ingests_every_article_with_repeats_recorded(demo_db):
    db, report = demo_db
    corpus = load_demo_corpus()
    assert report.summary.status == "ok"
    assert report.articles == len(corpus.articles)
    assert _q(db, "SELECT count(*) FROM article_paragraphs WHERE repeat_of IS NOT NULL") == [(corpus.expected_repeats,)]
    assert report.repeats == corpus.expected_repeats
    for (text,) in _q(db, "SELECT text FROM articles WHERE text IS NOT NULL"):
        paragraphs = text.split(PARAGRAPH_SEPARATOR)
        assert len(paragraphs) == len({normalize_paragraph(p) for p in paragraphs})
        assert "newsletter" not in text.lower() and "cookie" not in text.lower()


def test_demo_records_provenance_languages_and_failures(demo_db):
    db, report = demo_db
    corpus = load_demo_corpus()
    languages = dict(_q(db, "SELECT canonical_url, language FROM articles WHERE status = 'ok'"))
    for article in corpus.articles:
        assert languages[article.url] == article.language
    # the dead link is recorded, not lost
    assert _q(db, "SELECT url, http_status FROM articles WHERE status = 'failed'") == [(u, 404) for u in corpus.dead_urls]
    # the story published by both sites shares its verbatim paragraphs across the two hosts
    assert report.shared_paragraphs >= 3
    assert all(row[1].count(".localhost") == 2 for row in report.rows)
    # the article listed twice (once with tracking parameters) is one article with two feed entries
    assert _q(db, "SELECT count(*) FROM feed_entries GROUP BY article_id ORDER BY 1 DESC LIMIT 1") == [(2,)]


def test_second_demo_run_adds_nothing(demo_db):
    db, _ = demo_db
    # every table of the schema, so a table added later is compared without anyone listing it here
    tables = [t for (t,) in _q(db, "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")]
    assert set(FILLED) <= set(tables) and set(RERUN_LOGS) <= set(tables)
    before = {t: _q(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    assert all(before[t] > 0 for t in FILLED), {t: before[t] for t in FILLED if not before[t]}
    second = run_demo(db, workers=1)
    after = {t: _q(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    assert second.summary.articles_new == 0 and second.summary.paragraphs_new == 0
    assert {t: n for t, n in after.items() if t not in RERUN_LOGS} == {t: n for t, n in before.items() if t not in RERUN_LOGS}
    assert after["runs"] == before["runs"] + 1


def test_shared_story_is_one_story_and_site_chrome_is_boilerplate(demo_db):
    db, _ = demo_db
    corpus = load_demo_corpus()
    reprint = next(a for a in corpus.articles if a.syndicated_from)
    stories = _q(db, f"SELECT story_id, count(*) FROM articles WHERE canonical_url IN ('{reprint.url}', "
                     f"'{reprint.syndicated_from}') GROUP BY story_id")
    assert len(stories) == 1 and stories[0][1] == 2
    story = _q(db, f"SELECT article_count, outlet_count, outlets FROM stories WHERE story_id = '{stories[0][0]}'")
    assert story == [(2, 2, sorted({a.site_host for a in corpus.articles}))]
    # every other article is a story of its own
    assert _q(db, f"SELECT max(article_count) FROM stories WHERE story_id <> '{stories[0][0]}'") == [(1,)]
    # each site's chrome inside the article body: marked for its host, still recorded, absent from the text
    chrome = dict(_q(db, "SELECT b.host, p.text FROM host_boilerplate b JOIN paragraphs p USING (paragraph_id)"))
    assert set(chrome) == {s.host for s in corpus.sites}
    assert "subscribe from £1 a week" in chrome["harbour-post.localhost"]
    assert "independent international news agency" in chrome["meridian-wire.localhost"]
    for host, text in chrome.items():
        flagged = _q(db, f"SELECT count(*) FROM article_paragraphs ap JOIN articles a USING (article_id) "
                         f"WHERE a.host = '{host}' AND ap.boilerplate")[0][0]
        assert flagged == _q(db, f"SELECT count(*) FROM articles WHERE host = '{host}' AND status = 'ok'")[0][0]
        assert _q(db, f"SELECT count(*) FROM articles WHERE host = '{host}' AND text LIKE '%{text[:40]}%'") == [(0,)]


def test_offsets_point_into_the_rebuilt_text(demo_db):
    db, _ = demo_db
    # paragraphs, entity mentions and statements still point at their own words once the chrome is removed
    assert _q(db, """SELECT count(*) FROM article_paragraphs ap JOIN articles a USING (article_id)
                     JOIN paragraphs p USING (paragraph_id)
                     WHERE ap.text_start IS NOT NULL
                       AND substr(a.text, ap.text_start + 1, ap.text_end - ap.text_start) <> coalesce(ap.text, p.text)""") == [(0,)]
    assert _q(db, "SELECT count(*) FROM entity_mentions")[0][0] > 20
    assert _q(db, """SELECT count(*) FROM entity_mentions m JOIN articles a USING (article_id)
                     WHERE substr(a.text, m.start_char + 1, m.end_char - m.start_char) <> m.text""") == [(0,)]
    assert _q(db, """SELECT count(*) FROM ceasefire_statements s JOIN articles a USING (article_id)
                     WHERE substr(a.text, s.start_char + 1, s.end_char - s.start_char) <> s.text""") == [(0,)]


def test_demo_quotes_say_who_said_what_and_statements_link_them(demo_db):
    db, _ = demo_db
    quotes = _q(db, "SELECT a.text, q.start_char, q.end_char, q.text, q.speaker, q.cue, q.speaker_start, q.speaker_end, "
                    "q.source_text FROM quotes q JOIN articles a USING (article_id)")
    assert len(quotes) >= 50
    for text, start, end, content, _speaker, _cue, s_start, s_end, source in quotes:
        assert text[start:end] == content  # offsets point into articles.text, even over paragraphs
        if s_start is not None:
            assert text[s_start:s_end] == source
    assert sum(1 for r in quotes if r[4] and r[5]) >= 0.9 * len(quotes)  # nearly every row has a speaker and a cue
    # a statement inside a quotation takes the quotation's speaker, and links it
    direct = _q(db, "SELECT s.speaker, q.speaker FROM ceasefire_statements s JOIN quotes q USING (quote_id) "
                    "WHERE s.direct_quote")
    assert len(direct) >= 10 and all(a == b for a, b in direct)
    # every statement with a speaker links the attribution it rests on (its quote, or the row its own
    # reading adds: "officials presented it as a sign that ...")
    assert _q(db, "SELECT count(*) FROM ceasefire_statements WHERE speaker IS NOT NULL AND quote_id IS NULL") == [(0,)]
    linked = _q(db, "SELECT s.speaker, q.speaker, s.start_char >= q.start_char - 400 FROM ceasefire_statements s "
                    "JOIN quotes q USING (quote_id) WHERE s.speaker IS NOT NULL")
    assert len(linked) >= 50 and all(a == b and near for a, b, near in linked)


def test_demo_analyses_french_and_russian_articles(demo_db):
    """Issue #20: the demo's French and Russian articles get entities and statements like the English ones."""
    db, _ = demo_db
    assert {r[0] for r in _q(db, "SELECT language FROM ceasefire_statements GROUP BY ALL")} == {"en", "fr", "ru"}
    for language in ("fr", "ru"):
        assert _q(db, f"SELECT DISTINCT nlp_status FROM articles WHERE language = '{language}'") == [("analysed",)]
        mentions = _q(db, f"SELECT count(*) FROM entity_mentions JOIN articles USING (article_id) WHERE language = '{language}'")
        assert mentions[0][0] >= 5, language
    # the Russian article's "ВСУ" and the English articles' forces of Ukraine are one entity; Cyrillic names
    # that stay as written have a Latin spelling
    assert _q(db, "SELECT count(*) FROM entity_mentions m JOIN entities e USING (entity_id) "
                  "WHERE m.text = 'ВСУ' AND e.name = 'Armed Forces of Ukraine'")[0][0] >= 1
    assert _q(db, "SELECT transliteration FROM entities WHERE name = 'Богдан Кравец'") == [("Bogdan Kravets",)]
    speakers = {r[0] for r in _q(db, "SELECT speaker FROM ceasefire_statements WHERE language IN ('fr', 'ru')")}
    assert {"Didier Lukusa", "Innocent Bisimwa", "Аркадий Белов", "Богдан Кравец"} <= speakers
