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
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from . import __version__
from .errors import DatabaseLocked, StoreError
from .migrations import apply_views, migrate
from .options import DedupOptions
from .pagekind import NOT_ARTICLE_STATUSES
from .records import FeedEntry
from .staging import SCHEMAS, StagedBatch

if TYPE_CHECKING:
    from .crossdedup import DedupStats

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
        # a table or view missing from an old file must be an error, not a Python variable of the same name
        con.execute("SET python_enable_replacements = false")
        if not read_only and migrate_schema:
            migrate(con)
            apply_views(con)
        elif read_only:
            _check_current(con, path)
        yield con
    finally:
        con.close()


def _check_current(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A reader cannot migrate; say so plainly when the file predates this version's schema."""
    from .migrations import available

    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "schema_migrations" not in tables:
        return  # not a newsdesk database yet (or an empty one): queries will say what is missing
    done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    pending = [m for m in available() if m.version not in done]
    if pending:
        names = ", ".join(f"{m.version:04d}_{m.name}" for m in pending)
        raise StoreError(
            f"database {path} was written by an older newsdesk and needs migrations {names}; any write upgrades "
            f"it (e.g. `newsdesk ingest --db {path}` or `newsdesk feeds list` after one pass)"
        )


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


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, counts: dict[str, int], *, status: str,
               error: str | None = None, outcomes: dict[str, int] | None = None) -> None:
    columns = ", ".join(f"{name} = ?" for name in counts)
    con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?, error = ?, {columns} WHERE run_id = ?",
        [datetime.now(UTC), status, error, *counts.values(), run_id],
    )
    if outcomes is not None:
        con.execute("UPDATE runs SET outcomes = ? WHERE run_id = ?", [json.dumps(outcomes, sort_keys=True), run_id])


# ----------------------------------------------------------------------------------------------- reading


_ENTRY_COLUMNS = ("feed_url", "entry_id", "link", "canonical_url", "article_id", "title", "summary", "author",
                  "published_at", "updated_at")

# Statuses retried on later passes: failed fetches, and pages that were not the article (a paywall teaser, a
# consent wall, a challenge, a JavaScript shell, an error page: pipeline.pagekind), which often are on a later
# visit. Both count attempts and give up (``dead``) after max_fetch_attempts.
RETRIED = ("failed", *NOT_ARTICLE_STATUSES)
_RETRIED_SQL = "(" + ", ".join(f"'{s}'" for s in RETRIED) + ")"

# A failed article is due again on the next pass after its first failure, then after backoff x 1, 3, 7, ...
# (2**(attempts-1) - 1), and never before its Retry-After / robots.txt expiry.
_RETRY_DUE = f"""(a.status IN {_RETRIED_SQL} AND NOT coalesce(a.dead, false) AND a.fetch_attempts < $max_attempts
    AND $now >= a.fetched_at + to_seconds($backoff * (pow(2, greatest(a.fetch_attempts, 1) - 1) - 1))
    AND (a.retry_after IS NULL OR a.retry_after <= $now))"""


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]))


def stored_articles(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are rows of ``articles``."""
    ids = list(ids)
    if not ids:
        return set()
    con.register("wanted_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        return {r[0] for r in con.execute("SELECT article_id FROM articles SEMI JOIN wanted_ids USING (article_id)").fetchall()}
    finally:
        con.unregister("wanted_ids")


def article_pages(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, tuple[str | None, frozenset[str]]]:
    """Title and paragraph ids (site boilerplate left out) of the stored articles ``ids``: enough to tell whether
    a newly fetched page is the same article."""
    ids = list(ids)
    if not ids:
        return {}
    con.register("page_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        rows = con.execute("""
            SELECT a.article_id, a.title, list(DISTINCT ap.paragraph_id) FILTER (WHERE NOT coalesce(ap.boilerplate, false))
            FROM articles a SEMI JOIN page_ids USING (article_id)
            LEFT JOIN article_paragraphs ap ON ap.article_id = a.article_id
            GROUP BY a.article_id, a.title""").fetchall()
    finally:
        con.unregister("page_ids")
    return {article_id: (title, frozenset(paragraphs or ())) for article_id, title, paragraphs in rows}


# A URL names the stored article it was seen for, matched as written or by its canonical form; when two
# articles claim it (duplicates stored before article_urls existed) the one that saw it first wins.
_URL_OWNERS = """
SELECT url, arg_min(article_id, (rank, first_seen_at, article_id)) FROM (
    SELECT w.url, u.article_id, 0 AS rank, u.first_seen_at FROM wanted_urls w JOIN article_urls u ON u.url = w.url
    UNION ALL
    SELECT w.url, u.article_id, 1 AS rank, u.first_seen_at FROM wanted_urls w JOIN article_urls u ON u.canonical_url = w.url
) AS m SEMI JOIN articles USING (article_id)
GROUP BY url
"""


def url_owners(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, str]:
    """The stored article each of ``urls`` is known for (``article_urls``); URLs never seen are absent."""
    urls = list(urls)
    if not urls or not _has_table(con, "article_urls"):
        return {}
    con.register("wanted_urls", pa.table({"url": pa.array(urls, pa.string())}))
    try:
        return dict(con.execute(_URL_OWNERS).fetchall())
    finally:
        con.unregister("wanted_urls")


def known_entries(con: duckdb.DuckDBPyConnection, entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    """``entries`` with the id of the stored article their link is known for (a link seen before, or one whose
    page turned out to be a stored article): an entry is planned, and its feed row kept, under that id."""
    owners = url_owners(con, {u for e in entries for u in (e.link, e.canonical_url)})
    out = []
    for entry in entries:
        owner = owners.get(entry.link) or owners.get(entry.canonical_url)
        out.append(entry if owner is None or owner == entry.article_id else replace(entry, article_id=owner))
    return out


@dataclass(frozen=True)
class FetchPlan:
    todo: list[FeedEntry]
    retries: set[str]
    refreshes: set[str]


def plan_fetches(
    con: duckdb.DuckDBPyConnection,
    entries: Sequence[FeedEntry],
    *,
    max_attempts: int,
    now: datetime,
    retry_backoff: float = 0.0,
    backlog_feeds: Sequence[str] | None = None,
    refresh: bool = True,
) -> FetchPlan:
    """What a pass fetches: the polled entries whose article is new, due a retry (backoff, Retry-After), or
    stored but updated in its feed since it was fetched (``refresh``); then, from ``backlog_feeds``, entries
    stored by earlier passes whose article was never fetched or is due a retry.

    The backlog is what makes a killed pass harmless: its polled entries are in ``feed_entries`` even though
    its articles were not fetched, and the feed may not be due again for hours.
    """
    unique: dict[str, FeedEntry] = {}
    for entry in known_entries(con, entries):
        unique.setdefault(entry.article_id, entry)
    params = {"max_attempts": max_attempts, "now": now, "backoff": float(retry_backoff)}
    wanted: set[str] = set()
    retries: set[str] = set()
    refreshes: set[str] = set()
    if unique:
        candidates = pa.table({
            "article_id": pa.array(list(unique), pa.string()),
            "updated_at": pa.array([e.updated_at for e in unique.values()], pa.timestamp("us", tz="UTC")),
        })
        con.register("candidate_entries", candidates)
        try:
            rows = con.execute(
                f"""
                SELECT c.article_id, a.article_id IS NOT NULL AS known, coalesce(a.status IN ('ok', 'empty'), false) AS stored
                FROM candidate_entries c LEFT JOIN articles a USING (article_id)
                WHERE a.article_id IS NULL OR {_RETRY_DUE}
                   OR ($refresh AND a.status IN ('ok', 'empty') AND c.updated_at IS NOT NULL
                       AND (a.source_updated_at IS NULL OR c.updated_at > a.source_updated_at))
                """,
                {**params, "refresh": refresh},
            ).fetchall()
        finally:
            con.unregister("candidate_entries")
        for article_id, known, stored in rows:
            wanted.add(article_id)
            if stored:
                refreshes.add(article_id)
            elif known:
                retries.add(article_id)
    todo = [e for e in unique.values() if e.article_id in wanted]
    if backlog_feeds:
        con.register("backlog_feeds", pa.table({"feed_url": pa.array(list(backlog_feeds), pa.string())}))
        try:
            rows = con.execute(
                f"""
                SELECT {", ".join("fe." + c for c in _ENTRY_COLUMNS)}, a.article_id IS NOT NULL AS known
                FROM feed_entries fe SEMI JOIN backlog_feeds USING (feed_url)
                LEFT JOIN articles a ON a.article_id = fe.article_id
                WHERE a.article_id IS NULL OR {_RETRY_DUE}
                QUALIFY row_number() OVER (PARTITION BY fe.article_id ORDER BY fe.last_seen_at DESC, fe.feed_url, fe.entry_id) = 1
                ORDER BY fe.first_seen_at, fe.feed_url, fe.entry_id
                """,
                params,
            ).fetchall()
        finally:
            con.unregister("backlog_feeds")
        for row in rows:
            entry = FeedEntry(**dict(zip(_ENTRY_COLUMNS, row[:-1])))
            if entry.article_id in unique:
                continue
            unique[entry.article_id] = entry
            todo.append(entry)
            if row[-1]:
                retries.add(entry.article_id)
    return FetchPlan(todo, retries, refreshes)


_FEED_STATE_COLUMNS = ("feed_url", "etag", "last_modified", "body_hash", "validators_trusted", "last_verified_at",
                       "poll_interval_s", "next_poll_at", "consecutive_failures")


def read_feed_states(con: duckdb.DuckDBPyConnection, urls: Sequence[str], *, known_for: Sequence[str] = ()):
    """The stored state of the feeds ``urls`` (``pipeline.schedule.FeedState``), with the entry ids already
    known for the feeds in ``known_for`` (to count new entries). Empty for a database without it."""
    from .schedule import states_from_rows

    if not urls or not scalar(con, "SELECT count(*) FROM information_schema.columns "
                                   "WHERE table_name = 'feeds' AND column_name = 'next_poll_at'"):
        return {}
    con.register("state_feeds", pa.table({"feed_url": pa.array(list(urls), pa.string())}))
    con.register("known_feeds", pa.table({"feed_url": pa.array(list(known_for), pa.string())}))
    try:
        rows = con.execute(
            f"SELECT {', '.join(_FEED_STATE_COLUMNS)} FROM feeds SEMI JOIN state_feeds USING (feed_url)"
        ).fetchall()
        known: dict[str, set[str]] = {}
        for feed_url, entry_id in con.execute(
            "SELECT feed_url, entry_id FROM feed_entries SEMI JOIN known_feeds USING (feed_url)"
        ).fetchall():
            known.setdefault(feed_url, set()).add(entry_id)
    finally:
        con.unregister("state_feeds")
        con.unregister("known_feeds")
    return states_from_rows(rows, known)


def read_robots(db_path: Path | str, origins: Sequence[str], *, lock_timeout: float = 120.0):
    """Stored robots.txt rules of ``origins`` (``pipeline.robots.RobotsRule``), read-only."""
    from .robots import RobotsRule

    with connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
        if not scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'robots_txt'"):
            return []
        con.register("wanted_origins", pa.table({"origin": pa.array(list(origins), pa.string())}))
        try:
            rows = con.execute(
                "SELECT origin, fetched_at, expires_at, status, http_status, body, crawl_delay "
                "FROM robots_txt SEMI JOIN wanted_origins USING (origin)"
            ).fetchall()
        finally:
            con.unregister("wanted_origins")
    return [RobotsRule(*row) for row in rows]


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
    revisions: int = 0
    requests: int = 0
    rows_written: int = 0  # rows inserted or updated across all tables (the load benchmark's numerator)
    dedup: DedupStats | None = None

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
                   last_http_status, last_error, bozo, entries_last_poll, consecutive_failures, last_success_at,
                   etag, last_modified, body_hash, validators_trusted, validator_lies, last_verified_at,
                   poll_interval_s, next_poll_at, feed_ttl_s, new_entries_last_poll, failing_since, health, retry_after)
SELECT feed_url, name, tags, title, site_url, format, polled_at, polled_at, status, http_status, error, bozo,
       entries, CASE WHEN succeeded THEN 0 ELSE 1 END, CASE WHEN succeeded THEN polled_at END,
       etag, last_modified, body_hash, coalesce(validators_trusted, true),
       CASE WHEN validators_lied THEN 1 ELSE 0 END, CASE WHEN verified THEN polled_at END, poll_interval_s,
       next_poll_at, ttl_s, new_entries, CASE WHEN succeeded THEN NULL ELSE polled_at END,
       CASE WHEN succeeded THEN 'ok' ELSE 'failing' END, retry_after
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
    entries_last_poll = CASE WHEN excluded.last_status IN ('not_modified', 'unchanged') THEN entries_last_poll
                             ELSE excluded.entries_last_poll END,
    consecutive_failures = CASE WHEN excluded.consecutive_failures = 0 THEN 0 ELSE consecutive_failures + 1 END,
    last_success_at = coalesce(excluded.last_success_at, last_success_at),
    -- a failed poll keeps the validators, body hash and interval of the last good one
    etag = CASE WHEN excluded.consecutive_failures = 0 THEN excluded.etag ELSE etag END,
    last_modified = CASE WHEN excluded.consecutive_failures = 0 THEN excluded.last_modified ELSE last_modified END,
    body_hash = CASE WHEN excluded.consecutive_failures = 0 THEN coalesce(excluded.body_hash, body_hash) ELSE body_hash END,
    validators_trusted = coalesce(validators_trusted, true) AND excluded.validators_trusted,  -- once caught lying, never again
    validator_lies = coalesce(validator_lies, 0) + excluded.validator_lies,
    last_verified_at = coalesce(excluded.last_verified_at, last_verified_at),
    poll_interval_s = coalesce(excluded.poll_interval_s, poll_interval_s),
    next_poll_at = excluded.next_poll_at,
    feed_ttl_s = CASE WHEN excluded.last_status IN ('ok', 'malformed') THEN excluded.feed_ttl_s ELSE feed_ttl_s END,
    new_entries_last_poll = CASE WHEN excluded.consecutive_failures = 0 THEN excluded.new_entries_last_poll
                                 ELSE new_entries_last_poll END,
    failing_since = CASE WHEN excluded.consecutive_failures = 0 THEN NULL ELSE coalesce(failing_since, excluded.failing_since) END,
    retry_after = excluded.retry_after
"""

# health needs the staged limit, which ON CONFLICT cannot see: a second statement over the same feeds
_FEED_HEALTH = """
UPDATE feeds SET health = CASE
        WHEN feeds.consecutive_failures = 0 THEN 'ok'
        WHEN feeds.last_polled_at - coalesce(feeds.failing_since, feeds.last_polled_at) >= to_seconds(s.unhealthy_after_s)
            THEN 'unhealthy'
        ELSE 'failing' END
FROM (SELECT feed_url, unhealthy_after_s FROM staged_feed_polls
      QUALIFY row_number() OVER (PARTITION BY feed_url ORDER BY polled_at DESC) = 1) AS s
WHERE feeds.feed_url = s.feed_url
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
    last_seen_at = excluded.last_seen_at,
    loaded_at = now()
"""

# Articles none of which is stored yet (nearly every batch of a pass): a plain insert
_INSERT_ARTICLES = f"""
INSERT INTO articles (article_id, url, canonical_url, final_url, feed_url, entry_id, title, author, published_at,
                      page_date, fetched_at, language, language_score, site_name, description, status, http_status,
                      error_kind, error, content_type, text_source, text, content_hash, paragraph_count,
                      repeat_count, fetch_attempts, first_run_id, last_run_id, dead, retry_after, source_updated_at,
                      revision)
SELECT article_id, url, canonical_url, final_url, feed_url, entry_id, title, author, published_at, page_date,
       fetched_at, language, language_score, site_name, description, status, http_status, error_kind, error,
       content_type, text_source, text, content_hash, paragraph_count, repeat_count,
       CASE WHEN error_kind IN ('robots', 'deferred', 'refused') THEN 0 ELSE 1 END, $run_id, $run_id,
       status IN {_RETRIED_SQL} AND coalesce(error_kind, '') NOT IN ('robots', 'deferred', 'refused')
       AND 1 >= $max_attempts,
       retry_after, source_updated_at, 1
FROM staged_articles
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY fetched_at DESC) = 1
"""

# ... and when some of them are stored already (re-fetches, retries, a re-loaded batch): the upsert
_LOAD_ARTICLES = _INSERT_ARTICLES + f"""
ON CONFLICT (article_id) DO UPDATE SET
    url = excluded.url, final_url = excluded.final_url, title = excluded.title, author = excluded.author,
    published_at = coalesce(excluded.published_at, published_at), page_date = excluded.page_date,
    fetched_at = excluded.fetched_at, language = excluded.language, language_score = excluded.language_score,
    site_name = excluded.site_name, description = excluded.description, status = excluded.status,
    http_status = excluded.http_status, error_kind = excluded.error_kind, error = excluded.error,
    content_type = excluded.content_type, text_source = excluded.text_source, text = excluded.text,
    content_hash = excluded.content_hash, paragraph_count = excluded.paragraph_count,
    repeat_count = excluded.repeat_count, last_run_id = excluded.last_run_id, loaded_at = now(),
    -- a request we chose not to send (robots.txt, a host asking us to wait, the private-network guard) is
    -- not an attempt: it must not bring the article closer to being given up
    fetch_attempts = fetch_attempts + CASE WHEN excluded.error_kind IN ('robots', 'deferred', 'refused') THEN 0 ELSE 1 END,
    dead = excluded.status IN {_RETRIED_SQL} AND coalesce(excluded.error_kind, '') NOT IN ('robots', 'deferred', 'refused')
           AND fetch_attempts + 1 >= $max_attempts,
    retry_after = excluded.retry_after,
    source_updated_at = greatest(excluded.source_updated_at, source_updated_at),
    revision = coalesce(revision, 1) + CASE WHEN status IN ('ok', 'empty') AND excluded.status IN ('ok', 'empty')
                                             AND content_hash IS DISTINCT FROM excluded.content_hash THEN 1 ELSE 0 END
"""

# A re-fetched article whose text changed: its stored version becomes a revision before it is replaced.
_SAVE_REVISIONS = """
INSERT INTO article_revisions (article_id, revision, fetched_at, superseded_at, title, text, content_hash,
                               paragraph_count, run_id)
SELECT a.article_id, coalesce(a.revision, 1), a.fetched_at, s.fetched_at, a.title, a.text, a.content_hash,
       a.paragraph_count, a.last_run_id
FROM articles a
JOIN (SELECT article_id, status, content_hash, fetched_at FROM staged_articles
      QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY fetched_at DESC) = 1) AS s USING (article_id)
WHERE a.status IN ('ok', 'empty') AND s.status IN ('ok', 'empty') AND a.content_hash IS DISTINCT FROM s.content_hash
ON CONFLICT DO NOTHING
"""

_LOAD_FETCH_LOG = """
INSERT INTO fetch_log (fetch_id, run_id, kind, url, host, requested_at, attempt, conditional, outcome, http_status,
                       error, bytes, elapsed_ms, retry_after)
SELECT fetch_id, $run_id, kind, url, host, requested_at, attempt, conditional, outcome, http_status, error, bytes,
       elapsed_ms, retry_after
FROM staged_fetch_log
QUALIFY row_number() OVER (PARTITION BY fetch_id) = 1
ON CONFLICT (fetch_id) DO NOTHING
"""

_LOAD_ROBOTS = """
INSERT INTO robots_txt (origin, fetched_at, expires_at, status, http_status, body, crawl_delay)
SELECT origin, fetched_at, expires_at, status, http_status, body, crawl_delay FROM staged_robots
QUALIFY row_number() OVER (PARTITION BY origin ORDER BY fetched_at DESC) = 1
ON CONFLICT (origin) DO UPDATE SET fetched_at = excluded.fetched_at, expires_at = excluded.expires_at,
    status = excluded.status, http_status = excluded.http_status, body = excluded.body,
    crawl_delay = excluded.crawl_delay
"""

# paragraphs.lsh_key, the near-duplicate index's integer name for a paragraph (pipeline.crossdedup.lsh_key in SQL)
LSH_KEY_SQL = "TRY_CAST('0x' || substr({col}, 1, 15) AS BIGINT)"

_LOAD_PARAGRAPHS = f"""
INSERT INTO paragraphs (paragraph_id, text, char_count, first_article_id, first_seen_at, article_count, lsh_key)
SELECT paragraph_id, text, char_count, first_article_id, first_seen_at, 0, {LSH_KEY_SQL.format(col="paragraph_id")}
FROM staged_paragraphs
QUALIFY row_number() OVER (PARTITION BY paragraph_id ORDER BY first_seen_at, first_article_id) = 1
ON CONFLICT (paragraph_id) DO NOTHING
"""

_LOAD_OCCURRENCES = """
INSERT INTO article_paragraphs (article_id, position, paragraph_id, repeat_of, text_start, text_end, text)
SELECT s.article_id, s.position, s.paragraph_id, s.repeat_of, s.text_start, s.text_end,
       -- the occurrence's own wording only where it differs from the paragraph's first (case, quotes, spaces)
       CASE WHEN s.text IS DISTINCT FROM p.text THEN s.text END
FROM staged_article_paragraphs s JOIN paragraphs p USING (paragraph_id)
QUALIFY row_number() OVER (PARTITION BY s.article_id, s.position) = 1
"""

# Distinct (paragraph, article) pairs of the re-loaded articles before their occurrences are replaced.
_OLD_PAIRS = """
CREATE OR REPLACE TEMP TABLE old_pairs AS
SELECT DISTINCT paragraph_id, article_id FROM article_paragraphs
WHERE article_id IN (SELECT article_id FROM staged_articles)
"""

# article_count moves by the pairs this load added minus those it removed, for the paragraphs it touched:
# exact (every occurrence of a re-loaded article is replaced) without counting over all of article_paragraphs,
# which made each load slower the more was stored. The added pairs are the staged occurrences, or, when the
# staged rows repeat a key (merged batches: QUALIFY kept one of them), the rows the load actually stored.
_RECOUNT_PARAGRAPHS = """
UPDATE paragraphs SET article_count = paragraphs.article_count + d.delta, loaded_at = now()
FROM (
    SELECT paragraph_id, sum(n) AS delta FROM (
        SELECT paragraph_id, count(DISTINCT article_id) AS n FROM {new_occurrences} GROUP BY paragraph_id
        UNION ALL
        SELECT paragraph_id, -count(*) FROM old_pairs GROUP BY paragraph_id
    ) GROUP BY paragraph_id
) AS d
WHERE paragraphs.paragraph_id = d.paragraph_id AND d.delta <> 0
"""


_LOAD_NLP = [
    # paragraph-level cache: replace the analysis of each re-analysed paragraph
    ("paragraph_analyses", "DELETE FROM paragraph_entities WHERE paragraph_id IN (SELECT paragraph_id FROM staged_paragraph_analyses)"),
    ("paragraph_analyses", "DELETE FROM paragraph_statements WHERE paragraph_id IN (SELECT paragraph_id FROM staged_paragraph_analyses)"),
    ("paragraph_analyses", "DELETE FROM paragraph_quotes WHERE paragraph_id IN (SELECT paragraph_id FROM staged_paragraph_analyses)"),
    ("paragraph_analyses", """
        INSERT INTO paragraph_analyses BY NAME SELECT * FROM staged_paragraph_analyses
        QUALIFY row_number() OVER (PARTITION BY paragraph_id ORDER BY analysed_at DESC) = 1
        ON CONFLICT (paragraph_id) DO UPDATE SET version = excluded.version, analysed_at = excluded.analysed_at,
            sentences = excluded.sentences, entity_count = excluded.entity_count,
            statement_count = excluded.statement_count, context_hits = excluded.context_hits"""),
    ("paragraph_entities", """
        INSERT INTO paragraph_entities BY NAME SELECT * FROM staged_paragraph_entities
        QUALIFY row_number() OVER (PARTITION BY paragraph_id, start_char) = 1"""),
    ("paragraph_statements", """
        INSERT INTO paragraph_statements BY NAME SELECT * FROM staged_paragraph_statements
        QUALIFY row_number() OVER (PARTITION BY paragraph_id, start_char) = 1"""),
    ("paragraph_quotes", """
        INSERT INTO paragraph_quotes BY NAME SELECT * FROM staged_paragraph_quotes
        QUALIFY row_number() OVER (PARTITION BY paragraph_id, start_char) = 1"""),
    ("entities", """
        INSERT INTO entities BY NAME SELECT * FROM staged_entities
        QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY first_seen_at) = 1
        ON CONFLICT (entity_id) DO NOTHING"""),
    # article level: replace each article's derived rows
    ("nlp_articles", """
        UPDATE articles SET nlp_status = n.nlp_status, nlp_version = n.nlp_version
        FROM staged_nlp_articles n WHERE articles.article_id = n.article_id"""),
    ("nlp_articles", "DELETE FROM entity_mentions WHERE article_id IN (SELECT article_id FROM staged_nlp_articles)"),
    ("nlp_articles", "DELETE FROM ceasefire_statements WHERE article_id IN (SELECT article_id FROM staged_nlp_articles)"),
    ("nlp_articles", "DELETE FROM quotes WHERE article_id IN (SELECT article_id FROM staged_nlp_articles)"),
    ("entity_mentions", """
        INSERT INTO entity_mentions BY NAME SELECT * FROM staged_entity_mentions
        QUALIFY row_number() OVER (PARTITION BY article_id, start_char) = 1"""),
    ("ceasefire_statements", """
        INSERT INTO ceasefire_statements BY NAME SELECT * FROM staged_ceasefire_statements
        QUALIFY row_number() OVER (PARTITION BY statement_id) = 1"""),
    ("quotes", """
        INSERT INTO quotes BY NAME SELECT * FROM staged_quotes
        QUALIFY row_number() OVER (PARTITION BY quote_id) = 1"""),
]


def load_staged(
    con: duckdb.DuckDBPyConnection,
    batch: StagedBatch,
    run_id: int | None,
    *,
    max_attempts: int | None = None,
    batch_key: str | None = None,
    dedup: DedupOptions | None = None,
    derived_only: bool = False,
) -> LoadStats:
    """Load every table of a staged batch in ONE transaction, with upserts.

    Loading the same batch twice adds no rows: feeds, entries and articles are upserted on their keys, an
    article's paragraph occurrences are replaced, paragraphs are inserted once. Counters (fetch attempts,
    feed failures) would count twice, so a caller that may retry a load after it committed (the Airflow
    loader) passes a ``batch_key``: it is recorded in ``loaded_batches`` in the same transaction, and a batch
    whose key is already there is skipped.

    ``max_attempts``: a failed article that has now been tried this often is marked ``dead``. A failed re-fetch
    of an article already stored with text is dropped (its text stays; the failure is in ``fetch_log``).

    Last, in the same transaction, cross-article dedup (:mod:`pipeline.crossdedup`, settings ``dedup``):
    near-duplicate links, site boilerplate (rebuilding the text of every article it changes) and stories.

    ``derived_only`` (``newsdesk reprocess``): the staged articles update only their derived columns
    (:data:`pipeline.reprocess.UPDATE_DERIVED`); attempts, fetch times, revisions and run ids stay as they are.
    """
    staged: dict[str, object] = {}
    revisions = 0
    written = 0

    unique: dict[tuple[str, tuple[str, ...]], bool] = {}

    def write(sql: str, params: dict | None = None) -> int:
        """Run an INSERT or UPDATE and return the rows it wrote (DuckDB answers with their count)."""
        nonlocal written
        sql = _without_needless_qualify(sql, batch, unique)
        rows = (con.execute(sql, params) if params is not None else con.execute(sql)).fetchall()
        n = int(rows[0][0]) if rows else 0
        written += n
        return n

    try:
        with transaction(con):
            if batch_key is not None:
                if scalar(con, "SELECT count(*) FROM loaded_batches WHERE batch_key = ?", [batch_key]):
                    log.info("batch %s was loaded before; skipped", batch_key)
                    return LoadStats()
                con.execute("INSERT INTO loaded_batches VALUES (?, ?, now())", [batch_key, run_id])
            if not derived_only:  # a reprocess replaces derived rows with what today's code makes of them
                batch = _keep_stored_text(con, batch)
                batch = _known_entry_ids(con, batch)
            staged = {f"staged_{name}": table for name, table in batch.tables.items()}
            present = {name for name, table in batch.tables.items() if table.num_rows}  # empty: nothing to run
            for name, table in staged.items():
                con.register(name, table)
            if "archive_records" in batch.tables:  # the WARC index of the batch's responses (issue #9)
                from .archive import LOAD_ARCHIVE_RECORDS

                con.execute(LOAD_ARCHIVE_RECORDS, {"run_id": run_id})
            feeds = entries = articles = new_paragraphs = occurrences = 0
            stored_before = True  # whether some staged article was stored before this load
            if "feed_polls" in present:
                write(_LOAD_FEEDS)
                write(_FEED_HEALTH)
                feeds = batch.rows("feed_polls")
            if "fetch_log" in present:
                write(_LOAD_FETCH_LOG, {"run_id": run_id})
            if "robots" in present:
                write(_LOAD_ROBOTS)
            if "feed_entries" in present:
                write(_LOAD_ENTRIES)
                entries = batch.rows("feed_entries")
            con.execute("CREATE OR REPLACE TEMP TABLE old_pairs (paragraph_id VARCHAR, article_id VARCHAR)")
            # paragraphs the re-loaded articles had before (for post-load steps that recount what a load touched)
            con.execute("CREATE OR REPLACE TEMP VIEW touched_paragraphs AS SELECT DISTINCT paragraph_id FROM old_pairs")
            if "articles" in present:
                params = {"run_id": run_id, "max_attempts": max_attempts or 2**31 - 1}
                # the common case, a batch of articles none of which is stored, needs no revisions, no upsert
                # and no occurrences to replace: each of those costs a pass over the stored rows
                stored_before = bool(scalar(con, "SELECT count(*) FROM articles SEMI JOIN staged_articles USING (article_id)"))
                if derived_only:  # `newsdesk reprocess`: derived columns only; fetch history stays as it is
                    from .reprocess import UPDATE_DERIVED

                    write(UPDATE_DERIVED)
                elif stored_before:
                    revisions = write(_SAVE_REVISIONS)
                    write(_LOAD_ARTICLES, params)
                else:
                    write(_INSERT_ARTICLES, params)
                if stored_before:
                    con.execute(_OLD_PAIRS).fetchall()
                    con.execute(
                        "DELETE FROM article_paragraphs WHERE article_id IN (SELECT article_id FROM staged_articles)"
                    ).fetchall()
                articles = batch.rows("articles")
            if "paragraphs" in present:
                new_paragraphs = write(_LOAD_PARAGRAPHS)
            if "article_paragraphs" in present:
                write(_LOAD_OCCURRENCES)
                occurrences = batch.rows("article_paragraphs")
            elif "articles" in present:  # re-loaded articles without occurrences: their old ones are gone
                staged["staged_article_paragraphs"] = SCHEMAS["article_paragraphs"].empty_table()
                con.register("staged_article_paragraphs", staged["staged_article_paragraphs"])
            if "articles" in present or "article_paragraphs" in present:
                stored = ("(SELECT * FROM article_paragraphs "
                          "WHERE article_id IN (SELECT article_id FROM staged_article_paragraphs))")
                as_staged = "article_paragraphs" not in present or _unique_keys(
                    batch, "article_paragraphs", ("article_id", "position"), unique)
                write(_RECOUNT_PARAGRAPHS.format(new_occurrences="staged_article_paragraphs" if as_staged else stored))
            # derived rows to replace exist only for articles stored before and paragraphs analysed before: the
            # deletes (each a scan of a large table) are skipped when there are none
            nothing_to_replace = {
                "nlp_articles": not stored_before and "nlp_articles" in present and pc.all(pc.is_in(
                    batch.tables["nlp_articles"].column("article_id"),
                    value_set=batch.tables["articles"].column("article_id"))).as_py(),
                "paragraph_analyses": "paragraph_analyses" in present and not scalar(
                    con, "SELECT count(*) FROM paragraph_analyses SEMI JOIN staged_paragraph_analyses USING (paragraph_id)"),
            }
            for name, sql in _LOAD_NLP:
                if name not in present:
                    continue
                if sql.lstrip().startswith("DELETE"):
                    if not nothing_to_replace.get(name):
                        con.execute(sql).fetchall()
                else:
                    write(sql)
            if not derived_only:
                _load_article_urls(con, present, write)
            dedup_stats = None
            if "articles" in present:
                if "staged_paragraphs" not in staged:
                    staged["staged_paragraphs"] = SCHEMAS["paragraphs"].empty_table()
                    con.register("staged_paragraphs", staged["staged_paragraphs"])
                from . import crossdedup  # NumPy and MinHash: only loads that carry articles need them

                dedup_stats = crossdedup.apply(con, dedup)
    finally:
        for name in staged:
            try:
                con.unregister(name)
            except duckdb.Error:
                pass
    return LoadStats(feeds, entries, articles, int(new_paragraphs), occurrences,
                     batch.rows("entity_mentions"), batch.rows("ceasefire_statements"),
                     revisions=revisions, requests=batch.rows("fetch_log"), rows_written=written, dedup=dedup_stats)


# The article a page turned out to be (pipeline.stages.key_articles) takes over the feed rows of the id it
# was planned under, unless that id is an article of its own.
_REPOINT_ENTRIES = """
UPDATE feed_entries SET article_id = m.article_id, loaded_at = now()
FROM (SELECT replaces, min(article_id) AS article_id FROM staged_article_urls
      WHERE replaces IS NOT NULL GROUP BY replaces) AS m
WHERE feed_entries.article_id = m.replaces AND m.replaces NOT IN (SELECT article_id FROM articles)
"""

_LOAD_ARTICLE_URLS = """
INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT article_id, url, canonical_url, source, seen_at FROM staged_article_urls SEMI JOIN articles USING (article_id)
QUALIFY row_number() OVER (PARTITION BY article_id, url ORDER BY seen_at) = 1
ON CONFLICT DO NOTHING
"""

# every link a feed listed for the articles (and entries) of this load, including listings never fetched
# themselves because another listing of the same article was
_FEED_LINKS = """
INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT fe.article_id, fe.link, min(fe.canonical_url), 'feed', min(fe.first_seen_at)
FROM feed_entries fe SEMI JOIN articles a ON a.article_id = fe.article_id
WHERE fe.article_id IN ({ids})
GROUP BY fe.article_id, fe.link
ON CONFLICT DO NOTHING
"""

# the URL each staged article was requested by and where its redirects ended (imports, batches staged
# without article_urls): rows the steps above wrote already are left as they are
_FETCHED_URLS = """
INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT article_id, url, any_value(canonical_url), min(source), min(seen_at) FROM (
    SELECT article_id, url, canonical_url, 'fetched' AS source, coalesce(fetched_at, now()) AS seen_at FROM staged_articles
    UNION ALL
    SELECT article_id, final_url, NULL, 'redirect', coalesce(fetched_at, now()) FROM staged_articles
    WHERE final_url IS NOT NULL AND final_url <> url
) AS s SEMI JOIN articles USING (article_id)
GROUP BY article_id, url
ON CONFLICT DO NOTHING
"""


def _load_article_urls(con: duckdb.DuckDBPyConnection, present: set[str], write) -> None:
    """Keep every URL seen for an article (``article_urls``), and the feed rows of articles that moved."""
    if "article_urls" in present:
        write(_REPOINT_ENTRIES)
        write(_LOAD_ARTICLE_URLS)
    ids = [f"SELECT article_id FROM staged_{name}" for name in ("articles", "feed_entries") if name in present]
    if ids:
        write(_FEED_LINKS.format(ids=" UNION ALL ".join(ids)))
    if "articles" in present:
        write(_FETCHED_URLS)


def _known_entry_ids(con: duckdb.DuckDBPyConnection, batch: StagedBatch) -> StagedBatch:
    """Staged feed entries under the id of the stored article their link is known for (``article_urls``):
    a listing seen again keeps pointing at the article its page turned out to be, not at its link's own id."""
    entries = batch.tables.get("feed_entries")
    if entries is None or entries.num_rows == 0:
        return batch
    links = entries.column("link").to_pylist()
    canonicals = entries.column("canonical_url").to_pylist()
    owners = url_owners(con, set(links) | set(canonicals))
    if not owners:
        return batch
    ids = [owners.get(link) or owners.get(canonical) or planned
           for link, canonical, planned in zip(links, canonicals, entries.column("article_id").to_pylist())]
    index = entries.column_names.index("article_id")
    return StagedBatch({**batch.tables, "feed_entries": entries.set_column(index, "article_id", pa.array(ids, pa.string()))})


_QUALIFY = re.compile(r"^\s*QUALIFY row_number\(\) OVER \(PARTITION BY ([\w, ]+?)(?: ORDER BY [^)]*)?\) = 1\s*$", re.M)
_SOURCE = re.compile(r"\bFROM staged_(\w+)")


def _without_needless_qualify(sql: str, batch: StagedBatch, unique: dict) -> str:
    """``sql`` without its one-row-per-key QUALIFY when the staged table it reads has no duplicate keys (the
    usual case: only merged batches repeat a key). The window costs a few milliseconds per statement, which
    adds up over the dozen statements of every batch."""
    qualify, source = _QUALIFY.search(sql), _SOURCE.search(sql)
    if qualify is None or source is None or source.group(1) not in batch.tables:
        return sql
    keys = tuple(k.strip() for k in qualify.group(1).split(","))
    if _unique_keys(batch, source.group(1), keys, unique):
        return sql[: qualify.start()] + sql[qualify.end() :]
    return sql


def _unique_keys(batch: StagedBatch, name: str, keys: tuple[str, ...], known: dict) -> bool:
    """Whether no two rows of the staged table ``name`` share ``keys`` (remembered in ``known``)."""
    if (name, keys) not in known:
        table = batch.tables[name]
        if len(keys) == 1:
            distinct = pc.count_distinct(table.column(keys[0]), mode="all").as_py()
        else:
            distinct = table.group_by(list(keys)).aggregate([]).num_rows
        known[name, keys] = distinct == table.num_rows
    return known[name, keys]


def _keep_stored_text(con: duckdb.DuckDBPyConnection, batch: StagedBatch) -> StagedBatch:
    """Drop every staged row of articles whose re-fetch failed, was not HTML, or found no text (when the stored
    text was extracted) while the database already holds their text: a flaky server must not erase an
    article. The failure stays in ``fetch_log``; the refresh marker moves on so it is not retried every poll."""
    articles = batch.tables.get("articles")
    if articles is None or articles.num_rows == 0:
        return batch
    ids = articles.column("article_id").to_pylist()
    statuses = articles.column("status").to_pylist()
    # outcomes that must not replace stored text: a failure, a page that suddenly is not HTML (a CDN's wrong
    # Content-Type), a page where extraction found nothing (only the feed summary would replace the text), or a
    # page that is not the article (a paywall teaser, a consent wall, a challenge: pipeline.pagekind)
    good = {i for i, st in zip(ids, statuses) if st == "ok"}
    weak = {i: st for i, st in zip(ids, statuses) if st in ("unsupported", "empty", *RETRIED) and i not in good}
    if not weak:
        return batch
    con.register("weak_refetch", pa.table({
        "article_id": pa.array(list(weak), pa.string()),
        "status": pa.array(list(weak.values()), pa.string()),
    }))
    try:
        keep = {row[0] for row in con.execute(
            # only an article's text is kept so: a stored teaser or wall gives way (its retry is an attempt)
            "SELECT a.article_id FROM articles a JOIN weak_refetch w USING (article_id) "
            "WHERE a.text IS NOT NULL AND a.status IN ('ok', 'empty') "
            "AND (w.status <> 'empty' OR a.text_source LIKE 'extracted%')").fetchall()}
    finally:
        con.unregister("weak_refetch")
    if not keep:
        return batch
    # the refresh was tried: move its marker on so the same feed update does not trigger it on every poll
    import pyarrow.compute as pc

    kept_rows = articles.filter(pc.is_in(articles.column("article_id"), value_set=pa.array(sorted(keep), pa.string())))
    con.register("kept_refetch", kept_rows.select(["article_id", "source_updated_at", "retry_after"]))
    try:
        con.execute(
            "UPDATE articles SET source_updated_at = greatest(articles.source_updated_at, k.source_updated_at), "
            "retry_after = k.retry_after FROM kept_refetch k WHERE articles.article_id = k.article_id")
    finally:
        con.unregister("kept_refetch")
    value_set = pa.array(sorted(keep), pa.string())
    tables = {}
    for name, table in batch.tables.items():
        if "article_id" in table.column_names and name not in ("fetch_log", "archive_records", "article_urls"):
            table = table.filter(pc.invert(pc.is_in(table.column("article_id"), value_set=value_set)))
        tables[name] = table
    log.info("%d re-fetches that failed or found no text left the stored articles as they were", len(keep))
    return StagedBatch(tables)
