"""Stage 5: DuckDB. Short-lived connections, bulk loads through Arrow, one transaction per batch.

DuckDB allows one writer *process* per file, and a reader in another process is refused while a writer holds
the file. So a pass never keeps the database open while it waits on the network or on extraction: it opens
the file, loads one staged batch in one transaction and closes it again (:func:`connect`), which lets
readers (``newsdesk query``) in between batches. Both sides wait for the lock with backoff instead of
failing at once.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from . import __version__
from .errors import DatabaseLocked, StoreError
from .migrations import apply_views, migrate
from .records import FeedEntry
from .staging import StagedBatch

log = logging.getLogger(__name__)


@contextmanager
def connect(path: Path | str, *, read_only: bool = False, lock_timeout: float = 120.0, migrate_schema: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database, waiting up to ``lock_timeout`` seconds for another process's lock; always closed."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"database {path} does not exist; run `newsdesk ingest --db {path}` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open database {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseLocked(
                    f"database {path} is locked by another process (DuckDB allows one writer) and stayed locked "
                    f"for {lock_timeout:.0f}s: {exc}. Wait for the running ingest to finish, or raise the lock timeout."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
    try:
        con.execute("SET TimeZone = 'UTC'")
        if not read_only and migrate_schema:
            migrate(con)
            apply_views(con)
        yield con
    finally:
        con.close()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None):
    """The single value of a one-row query. Fetches the whole result: DuckDB refuses further statements on a
    connection whose previous result was not read to the end."""
    rows = con.execute(sql, params).fetchall() if params is not None else con.execute(sql).fetchall()
    return rows[0][0] if rows else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


# ---------------------------------------------------------------------------------------------------- runs


def start_run(con: duckdb.DuckDBPyConnection, kind: str, options: dict) -> int:
    return int(scalar(
        con,
        "INSERT INTO runs (kind, started_at, status, newsdesk_version, options) VALUES (?, ?, 'running', ?, ?) "
        "RETURNING run_id",
        [kind, datetime.now(UTC), __version__, json.dumps(options, default=str)],
    ))


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, counts: dict[str, int], *, status: str, error: str | None = None) -> None:
    columns = ", ".join(f"{name} = ?" for name in counts)
    con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?, error = ?, {columns} WHERE run_id = ?",
        [datetime.now(UTC), status, error, *counts.values(), run_id],
    )


# ----------------------------------------------------------------------------------------------- reading


def entries_to_fetch(con: duckdb.DuckDBPyConnection, entries: Sequence[FeedEntry], max_attempts: int) -> tuple[list[FeedEntry], set[str]]:
    """Entries whose article is new, or failed before and has attempts left; and the ids of the retries.

    The check is by article_id (= hash of the canonical URL), so an article listed by two feeds, or twice by one
    feed with tracking parameters, is fetched once.
    """
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        unique.setdefault(entry.article_id, entry)
    if not unique:
        return [], set()
    candidates = pa.table({"article_id": pa.array(list(unique), pa.string())})
    con.register("candidate_ids", candidates)
    try:
        rows = con.execute(
            """
            SELECT c.article_id, a.article_id IS NOT NULL AS known
            FROM candidate_ids c LEFT JOIN articles a USING (article_id)
            WHERE a.article_id IS NULL OR (a.status = 'failed' AND a.fetch_attempts < ?)
            """,
            [max_attempts],
        ).fetchall()
    finally:
        con.unregister("candidate_ids")
    wanted = {row[0] for row in rows}
    retries = {row[0] for row in rows if row[1]}
    return [e for e in unique.values() if e.article_id in wanted], retries


# ----------------------------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class LoadStats:
    feeds: int = 0
    entries: int = 0
    articles: int = 0
    paragraphs_new: int = 0
    occurrences: int = 0
    mentions: int = 0
    statements: int = 0

    @property
    def tables_changed(self) -> list[str]:
        changed = []
        if self.feeds or self.entries:
            changed += ["feeds", "feed_entries"]
        if self.articles:
            changed += ["articles", "paragraphs", "article_paragraphs"]
        if self.mentions:
            changed += ["entities", "entity_mentions"]
        if self.statements:
            changed += ["ceasefire_statements"]
        return changed


# Each staged table is deduplicated on its key inside the statement (QUALIFY), because one load may merge
# batches written by several tasks and DuckDB's ON CONFLICT refuses to touch one row twice in one statement.
_LOAD_FEEDS = """
INSERT INTO feeds (feed_url, name, tags, title, site_url, format, first_polled_at, last_polled_at, last_status,
                   last_http_status, last_error, bozo, entries_last_poll, consecutive_failures, last_success_at)
SELECT feed_url, name, tags, title, site_url, format, polled_at, polled_at, status, http_status, error, bozo,
       entries, CASE WHEN succeeded THEN 0 ELSE 1 END, CASE WHEN succeeded THEN polled_at END
FROM staged_feed_polls
QUALIFY row_number() OVER (PARTITION BY feed_url ORDER BY polled_at DESC) = 1
ON CONFLICT (feed_url) DO UPDATE SET
    name = excluded.name,
    tags = excluded.tags,
    title = coalesce(excluded.title, title),
    site_url = coalesce(excluded.site_url, site_url),
    format = coalesce(excluded.format, format),
    last_polled_at = excluded.last_polled_at,
    last_status = excluded.last_status,
    last_http_status = excluded.last_http_status,
    last_error = excluded.last_error,
    bozo = excluded.bozo,
    entries_last_poll = excluded.entries_last_poll,
    consecutive_failures = CASE WHEN excluded.consecutive_failures = 0 THEN 0 ELSE consecutive_failures + 1 END,
    last_success_at = coalesce(excluded.last_success_at, last_success_at)
"""

_LOAD_ENTRIES = """
INSERT INTO feed_entries (feed_url, entry_id, article_id, link, canonical_url, title, summary, author, published_at,
                          updated_at, first_seen_at, last_seen_at)
SELECT feed_url, entry_id, article_id, link, canonical_url, title, summary, author, published_at, updated_at,
       seen_at, seen_at
FROM staged_feed_entries
QUALIFY row_number() OVER (PARTITION BY feed_url, entry_id ORDER BY seen_at DESC) = 1
ON CONFLICT (feed_url, entry_id) DO UPDATE SET
    article_id = excluded.article_id,
    link = excluded.link,
    canonical_url = excluded.canonical_url,
    title = excluded.title,
    summary = excluded.summary,
    author = excluded.author,
    published_at = excluded.published_at,
    updated_at = excluded.updated_at,
    last_seen_at = excluded.last_seen_at
"""

_LOAD_ARTICLES = """
INSERT INTO articles (article_id, url, canonical_url, final_url, feed_url, entry_id, title, author, published_at,
                      page_date, fetched_at, language, language_score, site_name, description, status, http_status,
                      error_kind, error, content_type, text_source, text, content_hash, paragraph_count,
                      repeat_count, fetch_attempts, first_run_id, last_run_id)
SELECT article_id, url, canonical_url, final_url, feed_url, entry_id, title, author, published_at, page_date,
       fetched_at, language, language_score, site_name, description, status, http_status, error_kind, error,
       content_type, text_source, text, content_hash, paragraph_count, repeat_count, 1, $run_id, $run_id
FROM staged_articles
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY fetched_at DESC) = 1
ON CONFLICT (article_id) DO UPDATE SET
    url = excluded.url, final_url = excluded.final_url, title = excluded.title, author = excluded.author,
    published_at = coalesce(excluded.published_at, published_at), page_date = excluded.page_date,
    fetched_at = excluded.fetched_at, language = excluded.language, language_score = excluded.language_score,
    site_name = excluded.site_name, description = excluded.description, status = excluded.status,
    http_status = excluded.http_status, error_kind = excluded.error_kind, error = excluded.error,
    content_type = excluded.content_type, text_source = excluded.text_source, text = excluded.text,
    content_hash = excluded.content_hash, paragraph_count = excluded.paragraph_count,
    repeat_count = excluded.repeat_count, fetch_attempts = fetch_attempts + 1, last_run_id = excluded.last_run_id
"""

_LOAD_PARAGRAPHS = """
INSERT INTO paragraphs (paragraph_id, text, char_count, first_article_id, first_seen_at, article_count)
SELECT paragraph_id, text, char_count, first_article_id, first_seen_at, 0
FROM staged_paragraphs
QUALIFY row_number() OVER (PARTITION BY paragraph_id ORDER BY first_seen_at, first_article_id) = 1
ON CONFLICT (paragraph_id) DO NOTHING
"""

_LOAD_OCCURRENCES = """
INSERT INTO article_paragraphs (article_id, position, paragraph_id, repeat_of, text_start, text_end)
SELECT article_id, position, paragraph_id, repeat_of, text_start, text_end
FROM staged_article_paragraphs
QUALIFY row_number() OVER (PARTITION BY article_id, position) = 1
"""

# Recount only the paragraphs this load touched: exact, whatever was re-loaded.
_RECOUNT_PARAGRAPHS = """
UPDATE paragraphs SET article_count = counts.n
FROM (
    SELECT ap.paragraph_id, count(DISTINCT ap.article_id) AS n
    FROM article_paragraphs ap SEMI JOIN staged_paragraphs b USING (paragraph_id)
    GROUP BY ap.paragraph_id
) AS counts
WHERE paragraphs.paragraph_id = counts.paragraph_id AND paragraphs.article_count <> counts.n
"""


_LOAD_NLP = [
    # paragraph-level cache: replace the analysis of each re-analysed paragraph
    ("paragraph_analyses", "DELETE FROM paragraph_entities WHERE paragraph_id IN (SELECT paragraph_id FROM staged_paragraph_analyses)"),
    ("paragraph_analyses", "DELETE FROM paragraph_statements WHERE paragraph_id IN (SELECT paragraph_id FROM staged_paragraph_analyses)"),
    ("paragraph_analyses", """
        INSERT INTO paragraph_analyses SELECT * FROM staged_paragraph_analyses
        QUALIFY row_number() OVER (PARTITION BY paragraph_id ORDER BY analysed_at DESC) = 1
        ON CONFLICT (paragraph_id) DO UPDATE SET version = excluded.version, analysed_at = excluded.analysed_at,
            sentences = excluded.sentences, entity_count = excluded.entity_count,
            statement_count = excluded.statement_count"""),
    ("paragraph_entities", """
        INSERT INTO paragraph_entities SELECT * FROM staged_paragraph_entities
        QUALIFY row_number() OVER (PARTITION BY paragraph_id, start_char) = 1"""),
    ("paragraph_statements", """
        INSERT INTO paragraph_statements SELECT * FROM staged_paragraph_statements
        QUALIFY row_number() OVER (PARTITION BY paragraph_id, start_char) = 1"""),
    ("entities", """
        INSERT INTO entities SELECT * FROM staged_entities
        QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY first_seen_at) = 1
        ON CONFLICT (entity_id) DO NOTHING"""),
    # article level: replace each article's derived rows
    ("nlp_articles", """
        UPDATE articles SET nlp_status = n.nlp_status, nlp_version = n.nlp_version
        FROM staged_nlp_articles n WHERE articles.article_id = n.article_id"""),
    ("nlp_articles", "DELETE FROM entity_mentions WHERE article_id IN (SELECT article_id FROM staged_nlp_articles)"),
    ("nlp_articles", "DELETE FROM ceasefire_statements WHERE article_id IN (SELECT article_id FROM staged_nlp_articles)"),
    ("entity_mentions", """
        INSERT INTO entity_mentions SELECT * FROM staged_entity_mentions
        QUALIFY row_number() OVER (PARTITION BY article_id, start_char) = 1"""),
    ("ceasefire_statements", """
        INSERT INTO ceasefire_statements SELECT * FROM staged_ceasefire_statements
        QUALIFY row_number() OVER (PARTITION BY statement_id) = 1"""),
]


def load_staged(con: duckdb.DuckDBPyConnection, batch: StagedBatch, run_id: int | None) -> LoadStats:
    """Load every table of a staged batch in ONE transaction, with upserts.

    Loading the same batch twice adds nothing: feeds, entries and articles are upserted on their keys, an
    article's paragraph occurrences are replaced, paragraphs are inserted once.
    """
    staged = {f"staged_{name}": table for name, table in batch.tables.items()}
    try:
        with transaction(con):
            for name, table in staged.items():
                con.register(name, table)
            feeds = entries = articles = new_paragraphs = occurrences = 0
            if "feed_polls" in batch.tables:
                con.execute(_LOAD_FEEDS)
                feeds = batch.rows("feed_polls")
            if "feed_entries" in batch.tables:
                con.execute(_LOAD_ENTRIES)
                entries = batch.rows("feed_entries")
            if "articles" in batch.tables:
                con.execute(_LOAD_ARTICLES, {"run_id": run_id})
                articles = batch.rows("articles")
                con.execute(
                    "DELETE FROM article_paragraphs WHERE article_id IN (SELECT article_id FROM staged_articles)"
                )
            if "paragraphs" in batch.tables:
                new_paragraphs = scalar(
                    con, "SELECT count(DISTINCT paragraph_id) FROM staged_paragraphs ANTI JOIN paragraphs USING (paragraph_id)"
                )
                con.execute(_LOAD_PARAGRAPHS)
            if "article_paragraphs" in batch.tables:
                con.execute(_LOAD_OCCURRENCES)
                occurrences = batch.rows("article_paragraphs")
            if "paragraphs" in batch.tables:
                con.execute(_RECOUNT_PARAGRAPHS)
            for name, sql in _LOAD_NLP:
                if name in batch.tables:
                    con.execute(sql)
    finally:
        for name in staged:
            try:
                con.unregister(name)
            except duckdb.Error:
                pass
    return LoadStats(feeds, entries, articles, int(new_paragraphs), occurrences,
                     batch.rows("entity_mentions"), batch.rows("ceasefire_statements"))
