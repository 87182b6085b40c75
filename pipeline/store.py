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
from .migrations import migrate
from .records import FeedEntry, FeedPoll, ProcessedArticle

log = logging.getLogger(__name__)

TS = pa.timestamp("us", tz="UTC")


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
        yield con
    finally:
        con.close()


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
    row = con.execute(
        "INSERT INTO runs (kind, started_at, status, newsdesk_version, options) VALUES (?, ?, 'running', ?, ?) "
        "RETURNING run_id",
        [kind, datetime.now(UTC), __version__, json.dumps(options, default=str)],
    ).fetchone()
    assert row is not None
    return int(row[0])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, counts: dict[str, int], *, status: str, error: str | None = None) -> None:
    columns = ", ".join(f"{name} = ?" for name in counts)
    con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?, error = ?, {columns} WHERE run_id = ?",
        [datetime.now(UTC), status, error, *counts.values(), run_id],
    )


# ------------------------------------------------------------------------------------------------- feeds


_POLL_SCHEMA = pa.schema(
    [
        ("feed_url", pa.string()), ("name", pa.string()), ("tags", pa.list_(pa.string())), ("title", pa.string()),
        ("site_url", pa.string()), ("format", pa.string()), ("polled_at", TS), ("status", pa.string()),
        ("http_status", pa.int32()), ("error", pa.string()), ("bozo", pa.bool_()), ("entries", pa.int32()),
        ("succeeded", pa.bool_()),
    ]
)

_ENTRY_SCHEMA = pa.schema(
    [
        ("feed_url", pa.string()), ("entry_id", pa.string()), ("article_id", pa.string()), ("link", pa.string()),
        ("canonical_url", pa.string()), ("title", pa.string()), ("summary", pa.string()), ("author", pa.string()),
        ("published_at", TS), ("updated_at", TS), ("seen_at", TS),
    ]
)


def record_polls(con: duckdb.DuckDBPyConnection, polls: Sequence[FeedPoll]) -> None:
    """Upsert each polled feed's status and every entry it listed (provenance of each article)."""
    poll_table = pa.Table.from_pylist(
        [
            {
                "feed_url": p.spec.url, "name": p.spec.name, "tags": list(p.spec.tags), "title": p.title,
                "site_url": p.site_url, "format": p.format, "polled_at": p.polled_at, "status": p.status,
                "http_status": p.http_status, "error": p.error, "bozo": p.bozo, "entries": len(p.entries),
                "succeeded": p.succeeded,
            }
            for p in polls
        ],
        schema=_POLL_SCHEMA,
    )
    entry_table = pa.Table.from_pylist(
        [
            {
                "feed_url": e.feed_url, "entry_id": e.entry_id, "article_id": e.article_id, "link": e.link,
                "canonical_url": e.canonical_url, "title": e.title, "summary": e.summary, "author": e.author,
                "published_at": e.published_at, "updated_at": e.updated_at, "seen_at": p.polled_at,
            }
            for p in polls
            for e in p.entries
        ],
        schema=_ENTRY_SCHEMA,
    )
    with transaction(con):
        con.register("poll_batch", poll_table)
        con.register("entry_batch", entry_table)
        try:
            con.execute(
                """
                INSERT INTO feeds (feed_url, name, tags, title, site_url, format, first_polled_at, last_polled_at,
                                   last_status, last_http_status, last_error, bozo, entries_last_poll,
                                   consecutive_failures, last_success_at)
                SELECT feed_url, name, tags, title, site_url, format, polled_at, polled_at, status, http_status,
                       error, bozo, entries, CASE WHEN succeeded THEN 0 ELSE 1 END,
                       CASE WHEN succeeded THEN polled_at END
                FROM poll_batch
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
                    consecutive_failures = CASE WHEN excluded.consecutive_failures = 0 THEN 0
                                                ELSE consecutive_failures + 1 END,
                    last_success_at = coalesce(excluded.last_success_at, last_success_at)
                """
            )
            con.execute(
                """
                INSERT INTO feed_entries (feed_url, entry_id, article_id, link, canonical_url, title, summary, author,
                                          published_at, updated_at, first_seen_at, last_seen_at)
                SELECT feed_url, entry_id, article_id, link, canonical_url, title, summary, author, published_at,
                       updated_at, seen_at, seen_at
                FROM entry_batch
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
            )
        finally:
            con.unregister("poll_batch")
            con.unregister("entry_batch")


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


# ---------------------------------------------------------------------------------------------- articles


_ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()), ("url", pa.string()), ("canonical_url", pa.string()), ("final_url", pa.string()),
        ("feed_url", pa.string()), ("entry_id", pa.string()), ("title", pa.string()), ("author", pa.string()),
        ("published_at", TS), ("page_date", pa.string()), ("fetched_at", TS), ("language", pa.string()),
        ("language_score", pa.float64()), ("site_name", pa.string()), ("description", pa.string()),
        ("status", pa.string()), ("http_status", pa.int32()), ("error_kind", pa.string()), ("error", pa.string()),
        ("content_type", pa.string()), ("text_source", pa.string()), ("text", pa.string()),
        ("content_hash", pa.string()), ("paragraph_count", pa.int32()), ("repeat_count", pa.int32()),
        ("run_id", pa.int64()),
    ]
)

_OCCURRENCE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()), ("position", pa.int32()), ("paragraph_id", pa.string()),
        ("repeat_of", pa.int32()), ("text_start", pa.int32()), ("text_end", pa.int32()),
    ]
)

_PARAGRAPH_SCHEMA = pa.schema(
    [
        ("paragraph_id", pa.string()), ("text", pa.string()), ("char_count", pa.int32()),
        ("first_article_id", pa.string()), ("first_seen_at", TS),
    ]
)


@dataclass(frozen=True)
class LoadStats:
    articles: int
    paragraphs_new: int
    occurrences: int


def _article_row(a: ProcessedArticle, run_id: int) -> dict:
    x = a.extracted
    e = a.entry
    f = a.fetch
    error_kind = f.error_kind or ("http_error" if a.status == "failed" else None)
    error = f.error or (f"HTTP {f.http_status}" if error_kind == "http_error" else None) or (x.error if x else None)
    return {
        "article_id": e.article_id, "url": e.link, "canonical_url": e.canonical_url, "final_url": f.final_url,
        "feed_url": e.feed_url, "entry_id": e.entry_id, "title": (x.title if x else None) or e.title,
        "author": (x.author if x else None) or e.author, "published_at": e.published_at,
        "page_date": x.date if x else None, "fetched_at": f.fetched_at, "language": x.language if x else None,
        "language_score": x.language_score if x else None, "site_name": x.site_name if x else None,
        "description": x.description if x else None, "status": a.status, "http_status": f.http_status,
        "error_kind": error_kind, "error": error, "content_type": f.content_type,
        "text_source": x.text_source if x else None, "text": a.text, "content_hash": a.content_hash,
        "paragraph_count": len(a.occurrences), "repeat_count": a.repeats, "run_id": run_id,
    }


def load_articles(con: duckdb.DuckDBPyConnection, batch: Sequence[ProcessedArticle], run_id: int) -> LoadStats:
    """Load one batch in one transaction: articles (upsert), their paragraph occurrences, new paragraphs.

    Re-loading an article (a failed fetch retried) replaces its occurrences, so a batch can be re-run any
    number of times and adds nothing twice.
    """
    if not batch:
        return LoadStats(0, 0, 0)
    articles = pa.Table.from_pylist([_article_row(a, run_id) for a in batch], schema=_ARTICLE_SCHEMA)
    occurrences = pa.Table.from_pylist(
        [
            {
                "article_id": a.entry.article_id, "position": o.position, "paragraph_id": o.paragraph_id,
                "repeat_of": o.repeat_of, "text_start": o.text_start, "text_end": o.text_end,
            }
            for a in batch
            for o in a.occurrences
        ],
        schema=_OCCURRENCE_SCHEMA,
    )
    first_by_id: dict[str, dict] = {}
    for a in batch:
        for o in a.occurrences:
            if o.paragraph_id not in first_by_id:
                first_by_id[o.paragraph_id] = {
                    "paragraph_id": o.paragraph_id, "text": o.text, "char_count": len(o.text),
                    "first_article_id": a.entry.article_id, "first_seen_at": a.fetch.fetched_at,
                }
    paragraphs = pa.Table.from_pylist(list(first_by_id.values()), schema=_PARAGRAPH_SCHEMA)

    names = {"article_batch": articles, "occurrence_batch": occurrences, "paragraph_batch": paragraphs}
    try:
        with transaction(con):
            for name, table in names.items():
                con.register(name, table)
            con.execute(
                """
                INSERT INTO articles (article_id, url, canonical_url, final_url, feed_url, entry_id, title, author,
                                      published_at, page_date, fetched_at, language, language_score, site_name,
                                      description, status, http_status, error_kind, error, content_type,
                                      text_source, text, content_hash, paragraph_count, repeat_count,
                                      fetch_attempts, first_run_id, last_run_id)
                SELECT article_id, url, canonical_url, final_url, feed_url, entry_id, title, author, published_at,
                       page_date, fetched_at, language, language_score, site_name, description, status,
                       http_status, error_kind, error, content_type, text_source, text, content_hash,
                       paragraph_count, repeat_count, 1, run_id, run_id
                FROM article_batch
                ON CONFLICT (article_id) DO UPDATE SET
                    url = excluded.url, final_url = excluded.final_url, title = excluded.title,
                    author = excluded.author, published_at = coalesce(excluded.published_at, published_at),
                    page_date = excluded.page_date, fetched_at = excluded.fetched_at, language = excluded.language,
                    language_score = excluded.language_score, site_name = excluded.site_name,
                    description = excluded.description, status = excluded.status,
                    http_status = excluded.http_status, error_kind = excluded.error_kind, error = excluded.error,
                    content_type = excluded.content_type, text_source = excluded.text_source, text = excluded.text,
                    content_hash = excluded.content_hash, paragraph_count = excluded.paragraph_count,
                    repeat_count = excluded.repeat_count, fetch_attempts = fetch_attempts + 1,
                    last_run_id = excluded.last_run_id
                """
            )
            con.execute("DELETE FROM article_paragraphs WHERE article_id IN (SELECT article_id FROM article_batch)")
            new_paragraphs = con.execute(
                "SELECT count(*) FROM paragraph_batch b ANTI JOIN paragraphs p USING (paragraph_id)"
            ).fetchone()[0]
            con.execute(
                """
                INSERT INTO paragraphs (paragraph_id, text, char_count, first_article_id, first_seen_at, article_count)
                SELECT paragraph_id, text, char_count, first_article_id, first_seen_at, 0 FROM paragraph_batch
                ON CONFLICT (paragraph_id) DO NOTHING
                """
            )
            con.execute(
                "INSERT INTO article_paragraphs (article_id, position, paragraph_id, repeat_of, text_start, text_end) "
                "SELECT article_id, position, paragraph_id, repeat_of, text_start, text_end FROM occurrence_batch"
            )
            # Recount only the paragraphs this batch touched (an exact count, whatever was re-loaded).
            con.execute(
                """
                UPDATE paragraphs SET article_count = counts.n
                FROM (
                    SELECT ap.paragraph_id, count(DISTINCT ap.article_id) AS n
                    FROM article_paragraphs ap SEMI JOIN paragraph_batch b USING (paragraph_id)
                    GROUP BY ap.paragraph_id
                ) AS counts
                WHERE paragraphs.paragraph_id = counts.paragraph_id AND paragraphs.article_count <> counts.n
                """
            )
    finally:
        for name in names:
            try:
                con.unregister(name)
            except duckdb.Error:
                pass
    return LoadStats(len(batch), int(new_paragraphs), occurrences.num_rows)
