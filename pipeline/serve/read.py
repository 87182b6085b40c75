"""A small read API for other projects: Arrow tables out of a newsdesk database, safe while a pass runs.

    from pipeline import read
    statements = read.statements("news.duckdb", since="2026-11-20")      # pyarrow.Table
    quotes = read.quotes("news.duckdb", speaker="Belov", language="ru")    # who said what
    df = read.statements("news.duckdb").to_pandas()                       # if pandas is installed

Every function opens the database read-only for the length of one query (one statement, with no access to
files, the network or extensions: see :func:`pipeline.serve.queries.query_connection`) and waits (up to ``lock_timeout``
seconds) while an ingest holds its short write lock between batches: a reader never sees half a batch (each
batch is one transaction). A pass waits for readers the same way, up to its own lock timeout (120 s by
default): keep reads short, or read a Parquet export (``newsdesk export``) for long analyses.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from .queries import arrow_query, named_query, parse_time, query_connection

__all__ = ["sql", "named", "statements", "quotes", "articles", "entities", "mentions"]


def sql(db: str | Path, query: str, params: dict | list | None = None, *, lock_timeout: float = 60.0) -> pa.Table:
    """One read-only SQL statement as an Arrow table; :class:`~pipeline.serve.queries.QueryError` if it is refused or
    fails."""
    with query_connection(db, lock_timeout=lock_timeout) as con:
        return arrow_query(con, query, params)


def named(db: str | Path, query_name: str, /, **params: str) -> pa.Table:
    """A named query from ``sql/queries/`` (``newsdesk query --list``) with its parameters."""
    query = named_query(query_name)
    return sql(db, query.sql, query.bind({k: str(v) for k, v in params.items()}) or None)


def statements(db: str | Path, *, since: str | None = None, speaker: str | None = None,
               language: str | None = None) -> pa.Table:
    """Ceasefire statements with article title, url, publication time and speaker label
    (``ceasefire_statements_v``), newest first; ``since`` filters on publication (else fetch) time. ``speaker``
    matches as ``newsdesk query --name what_did_speaker_say`` does: the speaker as written, its entity's name or
    transliteration, each whole or by first or last word(s) (``Belov`` finds ``Аркадий Белов``); ``language``
    is the article's (``en``, ``fr``, ``ru``)."""
    return _filtered(db, "ceasefire_statements_v", "statement_id", since=since, speaker=speaker, language=language)


def quotes(db: str | Path, *, since: str | None = None, speaker: str | None = None,
           language: str | None = None) -> pa.Table:
    """Attributions (who said what: ``quotes_v``) with article title, url, publication time, speaker label and
    language, newest first; ``since``, ``speaker`` and ``language`` filter as in :func:`statements`."""
    return _filtered(db, "quotes_v", "quote_id", since=since, speaker=speaker, language=language)


def _filtered(db: str | Path, view: str, key: str, *, since: str | None, speaker: str | None,
              language: str | None) -> pa.Table:
    where, params = [], {}
    if since is not None:
        where.append("coalesce(v.published_at, a.fetched_at) >= CAST($since AS TIMESTAMPTZ)")
        params["since"] = parse_time(since, "since")  # "yesterday" is a ValueError here, not DuckDB's cast error
    if speaker is not None:  # the named query what_did_speaker_say's matcher (sql/macros/speaker_matches.sql)
        where.append("speaker_matches(v.speaker, e.name, e.transliteration, $speaker)")
        params["speaker"] = speaker
    if language is not None:
        where.append("lower(v.language) = lower($language)")
        params["language"] = language
    query = (
        f"SELECT v.* FROM {view} v JOIN articles a USING (article_id)"
        " LEFT JOIN entities e ON e.entity_id = v.speaker_entity_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY v.published_at DESC NULLS LAST, v.{key}"
    )
    return sql(db, query, params or None)


def articles(db: str | Path, *, since: str | None = None, with_text: bool = True) -> pa.Table:
    """Articles (optionally without their text), fetched at or after ``since``."""
    columns = "*" if with_text else "* EXCLUDE (text)"
    if since is None:
        return sql(db, f"SELECT {columns} FROM articles ORDER BY fetched_at, article_id")
    return sql(db, f"SELECT {columns} FROM articles WHERE fetched_at >= CAST($since AS TIMESTAMPTZ) "
                   "ORDER BY fetched_at, article_id", {"since": parse_time(since, "since")})


def entities(db: str | Path) -> pa.Table:
    """Entities with their mention and article counts."""
    return sql(db, "SELECT e.*, count(m.article_id) AS mentions, count(DISTINCT m.article_id) AS articles "
                   "FROM entities e LEFT JOIN entity_mentions m USING (entity_id) GROUP BY ALL ORDER BY mentions DESC, e.name")


def mentions(db: str | Path, *, name: str | None = None) -> pa.Table:
    """Entity mentions (offsets into articles.text), optionally for one entity name."""
    if name is None:
        return sql(db, "SELECT m.*, e.name FROM entity_mentions m JOIN entities e USING (entity_id) ORDER BY article_id, start_char")
    return sql(db, "SELECT m.*, e.name FROM entity_mentions m JOIN entities e USING (entity_id) "
                   "WHERE lower(e.name) = lower($name) ORDER BY article_id, start_char", {"name": name})
