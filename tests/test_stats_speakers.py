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
