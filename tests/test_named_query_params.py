"""Named queries take text parameters from the command line: a parameter is a value, never part of a pattern."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.serve import read
from pipeline.serve.queries import named_queries
from pipeline.store import core as store
from pipeline.store.migrations import sql_dir

# hand-written speakers, one row each; what_did_speaker_say reads quotes_v and entities only
SPEAKERS = ["Mira Tollan", "Idris Vane", "Tomas Ekdal", "Ana 100% Ruiz", "Lena_Kovac", "Tom Back\\Slash", "Vane"]


@pytest.fixture
def con():
    with duckdb.connect() as con:
        con.execute((sql_dir() / "macros" / "speaker_matches.sql").read_text(encoding="utf-8"))
        con.execute("CREATE TABLE entities (entity_id VARCHAR, name VARCHAR, transliteration VARCHAR)")
        con.execute("CREATE TABLE quotes_v (published_at TIMESTAMPTZ, speaker VARCHAR, cue VARCHAR, direct BOOLEAN, "
                    "text VARCHAR, article_title VARCHAR, article_url VARCHAR, article_id VARCHAR, start_char INTEGER, "
                    "speaker_entity_id VARCHAR)")
        for i, speaker in enumerate(SPEAKERS):
            con.execute("INSERT INTO quotes_v VALUES (now(), ?, 'said', true, 'the truce holds', 't', 'u', ?, ?, NULL)",
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


@pytest.fixture
def belov_db(tmp_path):
    """One English and one Russian article quoting the same man, linked to one entity with a transliteration."""
    db = tmp_path / "belov.duckdb"
    with store.connect(db) as con:
        con.execute("INSERT INTO entities (entity_id, name, label, transliteration) VALUES "
                    "('e1', 'Аркадий Белов', 'PERSON', 'Arkadiy Belov'), ('e2', 'Mira Belova', 'PERSON', NULL)")
        for article, language, speaker, entity in [("en1", "en", "Arkady Belov", "e1"), ("ru1", "ru", "Аркадий Белов", "e1"),
                                                   ("ru2", "ru", "Белов", "e1"), ("en2", "en", "Mira Belova", "e2")]:
            con.execute("INSERT INTO articles (article_id, url, canonical_url, status, language) VALUES (?, ?, ?, 'ok', ?)",
                        [article, f"http://x.localhost/{article}", f"http://x.localhost/{article}", language])
            con.execute("INSERT INTO quotes (quote_id, article_id, paragraph_id, position, end_position, start_char, "
                        "end_char, text, speaker, speaker_entity_id, speaker_kind, direct, rule, language) "
                        "VALUES (?, ?, 'p', 0, 0, 0, 5, 'truce', ?, ?, 'name', true, 'clause:say', ?)",
                        [f"q{article}", article, speaker, entity, language])
            con.execute("INSERT INTO ceasefire_statements (statement_id, article_id, paragraph_id, position, start_char, "
                        "end_char, text, speaker, speaker_entity_id, direct_quote, stance, rule, topic, language) "
                        "VALUES (?, ?, 'p', 0, 0, 5, 'truce', ?, ?, true, 'oppose', 'r', 'ceasefire', ?)",
                        [f"s{article}", article, speaker, entity, language])
    return db


@pytest.mark.parametrize("wanted", ["Belov", "belov", "Arkadiy Belov", "Аркадий Белов", "Белов", "Arkadiy"])
def test_a_speaker_is_found_in_every_language_and_both_lookups_agree(belov_db, wanted):
    """`--param speaker=Belov` missed the Russian rows and read.statements(speaker='Belov') found none."""
    named = read.named(belov_db, "what_did_speaker_say", speaker=wanted).column("speaker").to_pylist()
    statements = read.statements(belov_db, speaker=wanted).column("speaker").to_pylist()
    expected = {"Arkady Belov", "Аркадий Белов", "Белов"}
    assert sorted(named) == sorted(statements) == sorted(expected), wanted
    assert "Mira Belova" not in named


@pytest.mark.parametrize("wildcard", ["%", "_", "%elov", "B_lov"])
def test_wildcards_match_no_entity_name_either(belov_db, wildcard):
    assert read.named(belov_db, "what_did_speaker_say", speaker=wildcard).num_rows == 0
    assert read.statements(belov_db, speaker=wildcard).num_rows == 0


def test_quotes_v_has_the_language_and_read_quotes_filters_on_it(belov_db):
    """quotes_v had no language column (ceasefire_statements_v had) and pipeline.read had no quotes()."""
    with store.connect(belov_db, read_only=True) as con:
        rows = con.execute("SELECT quote_id, language FROM quotes_v ORDER BY quote_id").fetchall()
    assert rows == [("qen1", "en"), ("qen2", "en"), ("qru1", "ru"), ("qru2", "ru")]
    assert sorted(read.quotes(belov_db).column("quote_id").to_pylist()) == ["qen1", "qen2", "qru1", "qru2"]
    assert sorted(read.quotes(belov_db, language="ru").column("speaker").to_pylist()) == ["Аркадий Белов", "Белов"]
    assert read.quotes(belov_db, speaker="Belov", language="en").column("speaker").to_pylist() == ["Arkady Belov"]
    assert read.statements(belov_db, language="fr").num_rows == 0


def test_a_missing_parameter_is_named_for_the_command_line_and_for_python(belov_db):
    """read.named() told a Python caller to use `--param`, an option it has no way to pass."""
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError) as raised:
        read.named(belov_db, "what_did_speaker_say")
    message = str(raised.value)
    assert "needs parameter speaker (text: a name as the articles give it" in message
    assert "--param speaker=... on the command line, speaker=... to read.named()" in message


@pytest.mark.parametrize("limit", ["-1", "abc", "1.5", ""])
def test_a_bad_limit_is_a_usage_error_naming_the_parameter(limit):
    from click.testing import CliRunner

    from pipeline.cli import cli
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="parameter limit must be"):
        named_queries()["latest_statements_about"].bind({"name": "Gaza", "limit": limit})
    result = CliRunner().invoke(cli, ["query", "--name", "latest_statements_about", "--param", "name=Gaza",
                                      "--param", f"limit={limit}"])
    assert result.exit_code == 2 and "parameter limit must be" in result.output


def test_a_good_limit_is_passed_on(con):
    query = named_queries()["what_did_speaker_say"]
    assert query.bind({"speaker": "Vane", "limit": " 1 "})["limit"] == " 1 "
    assert len(con.execute(query.sql, query.bind({"speaker": "Vane", "limit": "1"})).fetchall()) == 1
    assert con.execute(query.sql, query.bind({"speaker": "Vane", "limit": "0"})).fetchall() == []


@pytest.mark.parametrize("query, param, value, named", [
    ("latest_statements_about", "limit", "99999999999", "parameter limit must be at most 2,147,483,647"),
    ("what_did_speaker_say", "limit", "2147483648", "parameter limit must be at most 2,147,483,647"),
    ("changed_since", "since", "yesterday", "parameter since must be an ISO 8601 time"),
    ("changed_since", "since", "2026-13-40", "parameter since must be an ISO 8601 time"),
])
def test_a_parameter_duckdb_would_reject_is_a_usage_error_naming_it(belov_db, query, param, value, named):
    """`--param limit=99999999999` and `changed_since --param since=yesterday` ended with DuckDB's raw conversion
    error and exit 1; schema.md promises a usage error (exit 2) naming the parameter."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    known = {p.name for p in named_queries()[query].params}
    params = {k: v for k, v in {"name": "Gaza", "speaker": "Belov", param: value}.items() if k in known}
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    result = CliRunner().invoke(cli, ["query", "--db", str(belov_db), "--name", query, *args])
    assert result.exit_code == 2 and named in result.stderr and "Conversion Error" not in result.output
    with pytest.raises(ValueError, match=named):  # the Python reader says the same, as a ValueError
        read.named(belov_db, query, **params)


def test_the_largest_limit_and_an_iso_time_still_run(belov_db):
    assert read.named(belov_db, "what_did_speaker_say", speaker="Belov", limit="2147483647").num_rows == 3
    # a time with no zone is UTC, as export --since reads it
    assert named_queries()["changed_since"].bind({"since": "2026-11-20"}) == {"since": "2026-11-20T00:00:00+00:00"}
    rows = dict(read.named(belov_db, "changed_since", since="2026-11-20T08:00:00Z").to_pylist()[0].items())
    assert rows["kind"] == "articles fetched"


@pytest.mark.parametrize("reader", [read.statements, read.quotes, read.articles])
def test_the_python_readers_refuse_a_since_that_is_not_a_time(belov_db, reader):
    """read.statements(since="yesterday") raised DuckDB's ConversionException from deep inside the query."""
    with pytest.raises(ValueError, match=r"since must be an ISO 8601 time .*got 'yesterday'"):
        reader(belov_db, since="yesterday")
    with store.connect(belov_db) as con:
        con.execute("UPDATE articles SET fetched_at = TIMESTAMPTZ '2026-11-20 10:00:00+00'")
    every = reader(belov_db).num_rows
    assert every == 4
    assert reader(belov_db, since="2026-11-20").num_rows == every  # no zone: UTC
    assert reader(belov_db, since="2026-11-20T10:30:00+01:00").num_rows == every  # 09:30 UTC
    assert reader(belov_db, since="2026-11-20T10:30:00Z").num_rows == 0
