"""Views and named queries on a small hand-built database: orders, groupings and days a reader relies on."""

from __future__ import annotations

import pytest

from pipeline.store import core as store

# (article_id, story_id, published_at): a2 is a syndicated copy of a1 (same story, published later)
ARTICLES = [
    ("a1", "a1", "2026-11-02 09:00:00+00"),
    ("a2", "a1", "2026-11-02 15:00:00+00"),
    ("a3", "a3", "2026-11-03 09:00:00+00"),
    ("a4", None, "2026-11-03 09:00:00+00"),  # published at the same instant as a3
]
ENTITIES = [  # (entity_id, name, label, transliteration)
    ("en", "Arkady Belov", "PERSON", None),
    ("ru", "Аркадий Белов", "PERSON", "Arkadiy Belov"),
    ("town", "Belov", "GPE", None),
    ("other", "Mira Tollan", "PERSON", None),
]


def _insert_article(con, article_id, story_id, published_at, *, host="example.com",
                    url=None, canonical_url=None):
    url = url or f"https://{host}/{article_id}"
    con.execute("INSERT INTO articles (article_id, url, canonical_url, status, fetch_attempts, story_id, "
                "published_at, fetched_at, host) VALUES (?, ?, ?, 'ok', 1, ?, ?, ?, ?)",
                [article_id, url, canonical_url or url, story_id, published_at, published_at, host])


def _insert_statement(con, statement_id, article_id, start_char, speaker, entity_id, stance):
    con.execute("INSERT INTO ceasefire_statements (statement_id, article_id, paragraph_id, position, start_char, "
                "end_char, text, speaker, speaker_entity_id, direct_quote, stance, rule, topic) "
                "VALUES (?, ?, 'p', 0, ?, ?, 'about the truce', ?, ?, false, ?, 'test', 'ceasefire')",
                [statement_id, article_id, start_char, start_char + 10, speaker, entity_id, stance])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "views.duckdb"
    with store.connect(path) as con:
        for row in ARTICLES:
            _insert_article(con, *row)
        con.executemany("INSERT INTO entities (entity_id, name, label, transliteration) VALUES (?, ?, ?, ?)", ENTITIES)
        # statement ids are chosen so that their order is the reverse of the order in the text
        _insert_statement(con, "zz", "a1", 10, "Arkady Belov", "en", "oppose")
        _insert_statement(con, "yy", "a1", 200, "Belov", "en", "support")
        _insert_statement(con, "xx", "a1", 400, "Arkady Belov", "en", "conditional")
        # the syndicated copy repeats two of them: not the speaker saying them again
        _insert_statement(con, "ww", "a2", 10, "Arkady Belov", "en", "oppose")
        _insert_statement(con, "vv", "a2", 200, "Belov", "en", "support")
        # the same man in a Russian article, and on the same instant, another article's statement
        _insert_statement(con, "uu", "a3", 50, "Аркадий Белов", "ru", "support")
        _insert_statement(con, "tt", "a4", 5, "Аркадий Белов", "ru", "oppose")
        # a town of the same name and a speaker linked to no entity keep their own timelines
        _insert_statement(con, "ss", "a3", 90, "Belov", "town", "neutral")
        _insert_statement(con, "rr", "a3", 95, "residents", None, "oppose")
    return path


def _rows(db, sql, params=None):
    with store.connect(db, read_only=True) as con:
        return con.execute(sql, params).fetchall() if params else con.execute(sql).fetchall()


def test_a_timeline_follows_the_text_and_one_man_across_languages_without_syndicated_copies(db):
    rows = _rows(db, "SELECT statement_number, statement_id, previous_stance, stance, stance_changed "
                     "FROM speaker_stance_timeline WHERE speaker_name = 'Arkady Belov' ORDER BY statement_number")
    assert rows == [
        (1, "zz", None, "oppose", False),
        (2, "yy", "oppose", "support", True),
        (3, "xx", "support", "conditional", True),
        (4, "uu", "conditional", "support", True),  # a3 before a4 at the same instant: article, then place
        (5, "tt", "support", "oppose", True),
    ]
    timelines = dict(_rows(db, "SELECT speaker_name, count(*) FROM speaker_stance_timeline GROUP BY 1"))
    assert timelines == {"Arkady Belov": 5, "Belov": 1, "residents": 1}
    assert _rows(db, "SELECT count(*) FROM speaker_stance_timeline WHERE article_id = 'a2'") == [(0,)]


def _named(db, query_name, **params):
    from pipeline.serve.queries import named_queries

    query = named_queries()[query_name]
    return _rows(db, query.sql, query.bind(params))


@pytest.fixture
def mentions_db(db):
    with store.connect(db) as con:
        # a1 (English) names Arkady Belov and Mira Tollan; a3 (Russian) names Аркадий Белов only
        for i, (article_id, entity_id, text) in enumerate((("a1", "en", "Arkady Belov"), ("a1", "other", "Mira Tollan"),
                                                           ("a3", "ru", "Аркадий Белов"), ("a3", "other", "Мира Толлан"))):
            con.execute("INSERT INTO entity_mentions (article_id, start_char, end_char, entity_id, text, label, "
                        "position) VALUES (?, ?, ?, ?, ?, 'PERSON', 0)", [article_id, 20 * i, 20 * i + 12, entity_id, text])
    return db


def test_statements_about_a_person_are_found_by_surname_and_across_scripts(mentions_db):
    def speakers(name):
        return sorted({r[1] for r in _named(mentions_db, "latest_statements_about", name=name, limit="50")})

    assert speakers("Belov") == ["Arkady Belov", "Belov", "residents", "Аркадий Белов"]  # a1 and a3
    assert speakers("arkadiy belov") == ["Belov", "residents", "Аркадий Белов"]  # a3, by the transliteration
    assert speakers("Tollan") == ["Arkady Belov", "Belov", "residents", "Аркадий Белов"]
    assert speakers("Ollan") == []  # part of a word is not a name
    assert speakers("Nobody") == []


def test_mentioned_with_finds_people_by_surname_and_across_scripts(mentions_db):
    assert len(_named(mentions_db, "mentioned_with", a="Belov", b="Tollan")) == 2
    assert len(_named(mentions_db, "mentioned_with", a="Arkadiy Belov", b="mira tollan")) == 1
    assert _named(mentions_db, "mentioned_with", a="Belov", b="Nobody") == []


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"])
def test_daily_views_count_on_the_utc_day_whatever_the_readers_time_zone(mentions_db, zone):
    with store.connect(mentions_db) as con:
        # 23:30 UTC on 4 November: 5 November in Auckland, still the 4th in Los Angeles
        _insert_article(con, "late", None, "2026-11-04 23:30:00+00")
        _insert_statement(con, "late1", "late", 0, "Mira Tollan", "other", "support")
        con.execute("INSERT INTO entity_mentions (article_id, start_char, end_char, entity_id, text, label, position) "
                    "VALUES ('late', 0, 11, 'other', 'Mira Tollan', 'PERSON', 0)")
    with store.connect(mentions_db, read_only=True) as con:
        con.execute(f"SET TimeZone = '{zone}'")
        statements = con.execute("SELECT CAST(day AS VARCHAR), statements FROM ceasefire_statements_daily "
                                 "WHERE speaker = 'Mira Tollan'").fetchall()
        mentions = con.execute("SELECT CAST(day AS VARCHAR), mentions FROM entity_mentions_daily "
                               "WHERE name = 'Mira Tollan' ORDER BY day").fetchall()
    assert statements == [("2026-11-04", 1)]
    assert mentions == [("2026-11-02", 1), ("2026-11-03", 1), ("2026-11-04", 1)]


def test_duplicate_share_by_host_names_the_site_as_articles_host_does(tmp_path):
    path = tmp_path / "hosts.duckdb"
    with store.connect(path) as con:
        _insert_article(con, "p1", None, "2026-11-02 09:00:00+00", host="example.com",
                        url="https://www.example.com:8443/news/1?utm_source=x")
        _insert_article(con, "p2", None, "2026-11-02 10:00:00+00", host=None,  # written before articles.host
                        url="https://WWW.Example.org:8080/news/2")
        con.execute("INSERT INTO paragraphs (paragraph_id, text, char_count, first_article_id, first_seen_at, "
                    "article_count) VALUES ('q1', 'A paragraph.', 12, 'p1', now(), 2)")
        for article_id in ("p1", "p2"):
            con.execute("INSERT INTO article_paragraphs (article_id, position, paragraph_id) VALUES (?, 0, 'q1')",
                        [article_id])
        hosts = con.execute("SELECT host, articles, shared_with_other_articles FROM duplicate_share_by_host "
                            "ORDER BY host").fetchall()
    assert hosts == [("example.com", 1, 1), ("example.org", 1, 1)]


def test_statements_and_quotes_give_the_canonical_url_beside_the_link_as_found(tmp_path):
    path = tmp_path / "urls.duckdb"
    link = "https://example.com/news/truce?utm_source=rss&utm_medium=feed#top"
    with store.connect(path) as con:
        _insert_article(con, "u1", None, "2026-11-02 09:00:00+00", url=link, canonical_url="https://example.com/news/truce")
        _insert_statement(con, "s1", "u1", 0, "Mira Tollan", None, "support")
        con.execute("INSERT INTO quotes (quote_id, article_id, paragraph_id, position, end_position, start_char, "
                    "end_char, text, speaker, speaker_kind, direct, rule) "
                    "VALUES ('q1', 'u1', 'p', 0, 0, 0, 10, 'about the truce', 'Mira Tollan', 'person', false, 'test')")
        for view in ("ceasefire_statements_v", "quotes_v"):
            assert con.execute(f"SELECT article_url, canonical_url FROM {view}").fetchall() == [
                (link, "https://example.com/news/truce")], view
