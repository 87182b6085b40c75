"""`newsdesk stats`: top speakers by entity under its English name, in distinct stories; quotes counted."""

from __future__ import annotations

import pytest

from pipeline.serve.stats import collect
from pipeline.store import core as store

ENTITIES = [("e-ru", "Аркадий Белов", "Arkadiy Belov"), ("e-en", "Arkady Belov", None),
            ("e-petrov", "Иван Петров", "Ivan Petrov"), ("e-popov", "Ivan Popov", None)]
# article, story, speaker as written, entity: a1 and a2 are one syndicated story; a3 is the Russian article
STATEMENTS = [("a1", "story-1", "Arkady Belov", "e-en"), ("a2", "story-1", "Arkady Belov", "e-en"),
              ("a2", "story-1", "Belov", "e-en"), ("a3", None, "Аркадий Белов", "e-ru"),
              ("a4", None, "Иван Петров", "e-petrov"), ("a5", None, "Ivan Popov", "e-popov"),
              ("a6", None, "the ministry", None)]


@pytest.fixture
def db(tmp_path):
    db = tmp_path / "stats.duckdb"
    with store.connect(db) as con:
        for entity_id, name, transliteration in ENTITIES:
            con.execute("INSERT INTO entities (entity_id, name, label, transliteration) VALUES (?, ?, 'PERSON', ?)",
                        [entity_id, name, transliteration])
        for article in sorted({s[0] for s in STATEMENTS}):
            story = next(s[1] for s in STATEMENTS if s[0] == article)
            con.execute("INSERT INTO articles (article_id, url, canonical_url, status, fetched_at, story_id) "
                        "VALUES (?, ?, ?, 'ok', now(), ?)", [article, f"http://x.localhost/{article}",
                                                              f"http://x.localhost/{article}", story])
        for i, (article, _, speaker, entity) in enumerate(STATEMENTS):
            con.execute("INSERT INTO ceasefire_statements (statement_id, article_id, paragraph_id, position, start_char, "
                        "end_char, text, speaker, speaker_entity_id, direct_quote, stance, rule, topic) "
                        "VALUES (?, ?, 'p', 0, 0, 5, 'truce', ?, ?, true, 'oppose', 'r', 'ceasefire')",
                        [f"s{i}", article, speaker, entity])
        con.execute("INSERT INTO quotes (quote_id, article_id, paragraph_id, position, end_position, start_char, "
                    "end_char, text, speaker, speaker_kind, direct, rule) "
                    "VALUES ('q1', 'a1', 'p', 0, 0, 0, 5, 'truce', 'Arkady Belov', 'name', true, 'clause:say')")
    return db


def test_top_speakers_group_by_entity_in_its_english_name_and_count_stories(db):
    """'Аркадий Белов' and 'Arkady Belov' were two speakers, and a syndicated copy counted twice."""
    top = dict(collect(db).top_speakers)
    assert top["Arkady Belov"] == 2  # story-1 (two copies, three statements) and the Russian article
    assert "Аркадий Белов" not in top and "Belov" not in top and "Arkadiy Belov" not in top
    # a transliteration with another surname is not folded into a Latin name that merely looks alike
    assert top["Ivan Petrov"] == 1 and top["Ivan Popov"] == 1
    assert top["the ministry"] == 1


def test_stats_counts_quotes(db):
    assert collect(db).counts["quotes"] == 1


def test_english_names_are_looked_up_only_for_the_entities_asked(db):
    with store.connect(db, read_only=True) as con:
        rows = con.execute("SELECT entity_id, name FROM english_names(['e-ru', 'e-en', 'nobody']) ORDER BY 1").fetchall()
        assert rows == [("e-ru", "Arkady Belov")]  # e-petrov not asked; a Latin entity needs no English name
        assert con.execute("SELECT * FROM english_names([])").fetchall() == []


def test_only_the_windows_speakers_count_and_the_merge_holds_for_them(db):
    with store.connect(db) as con:  # the Russian article was fetched a month ago: outside a 7-day window
        con.execute("UPDATE articles SET fetched_at = now() - INTERVAL 30 DAY WHERE article_id = 'a3'")
    top = dict(collect(db, days=7).top_speakers)
    assert top["Arkady Belov"] == 1 and "Аркадий Белов" not in top
    top = dict(collect(db, days=60).top_speakers)
    assert top["Arkady Belov"] == 2 and "Аркадий Белов" not in top


def test_the_merge_holds_on_a_file_written_before_the_macro(db):
    """stats reads without writing: on a file no current version has written to, the macro is added for the
    connection only, and the file is left as it was."""
    with store.connect(db) as con:
        con.execute("DROP MACRO TABLE english_names")
    assert dict(collect(db).top_speakers)["Arkady Belov"] == 2
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'english_names'"
                           ).fetchall() == [(0,)]
