"""Named queries take text parameters from the command line: a parameter is a value, never part of a pattern."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.serve.queries import named_queries

# hand-written speakers, one row each; what_did_speaker_say reads quotes_v only
SPEAKERS = ["Mira Tollan", "Idris Vane", "Tomas Ekdal", "Ana 100% Ruiz", "Lena_Kovac", "Tom Back\\Slash", "Vane"]


@pytest.fixture
def con():
    with duckdb.connect() as con:
        con.execute("CREATE TABLE quotes_v (published_at TIMESTAMPTZ, speaker VARCHAR, cue VARCHAR, direct BOOLEAN, "
                    "text VARCHAR, article_title VARCHAR, article_url VARCHAR, article_id VARCHAR, start_char INTEGER)")
        for i, speaker in enumerate(SPEAKERS):
            con.execute("INSERT INTO quotes_v VALUES (now(), ?, 'said', true, 'the truce holds', 't', 'u', ?, ?)",
                        [speaker, f"a{i}", i])
        yield con


def _speakers(con, speaker: str) -> list[str]:
    query = named_queries()["what_did_speaker_say"]
    return sorted(r[1] for r in con.execute(query.sql, query.bind({"speaker": speaker})).fetchall())


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "% %", "_a%", "\\", "%\\"])
def test_like_wildcards_in_a_speaker_match_only_themselves(con, wildcard):
    """`--param speaker=%` returned every quote of the database."""
    assert _speakers(con, wildcard) == []


def test_a_speaker_is_matched_whole_or_by_first_or_last_words(con):
    assert _speakers(con, "vane") == ["Idris Vane", "Vane"]
    assert _speakers(con, "Tomas") == ["Tomas Ekdal"]
    assert _speakers(con, "Mira Tollan") == ["Mira Tollan"]
    assert _speakers(con, "Tollan Mira") == []
    # a %, _ or \ that is part of the name is matched as the character it is
    assert _speakers(con, "100% Ruiz") == ["Ana 100% Ruiz"]
    assert _speakers(con, "lena_kovac") == ["Lena_Kovac"]
    assert _speakers(con, "lenaXkovac") == []
    assert _speakers(con, "Back\\Slash") == ["Tom Back\\Slash"]
