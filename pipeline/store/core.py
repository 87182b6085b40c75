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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import DatabaseLocked, StoreError
from ..records import FeedEntry
from ..version import __version__
from .migrations import apply_views, migrate
from .staging import SCHEMAS, StagedBatch

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

# A failed article (``status`` one of the caller's ``retried``: pipeline.load.articles.RETRIED) is due again on
# the next pass after its first failure, then after backoff x 1, 3, 7, ... (2**(attempts-1) - 1), and never
# before its Retry-After / robots.txt expiry.
_RETRY_DUE = """(list_contains($retried, a.status) AND NOT coalesce(a.dead, false) AND a.fetch_attempts < $max_attempts
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
    deferred: int = 0  # entries past a feed's share of this pass (``per_feed``): the backlog of the next passes


def plan_fetches(
    con: duckdb.DuckDBPyConnection,
    entries: Sequence[FeedEntry],
    *,
    max_attempts: int,
    now: datetime,
    retried: Sequence[str],
    retry_backoff: float = 0.0,
    backlog_feeds: Sequence[str] | None = None,
    refresh: bool = True,
    per_feed: int | None = None,
) -> FetchPlan:
    """What a pass fetches: the polled entries whose article is new, due a retry (backoff, Retry-After), or
    stored but updated in its feed since it was fetched (``refresh``); then, from ``backlog_feeds``, entries
    stored by earlier passes whose article was never fetched, is due a retry, or whose update was not fetched yet
    (``refresh``: the entry's ``updated_at`` is past the article's marker). ``retried``: the article
    statuses that are tried again (the fetch policy's, :data:`pipeline.load.articles.RETRIED`).

    The backlog is what makes a killed pass harmless: its polled entries are in ``feed_entries`` even though
    its articles were not fetched, and the feed may not be due again for hours.

    ``per_feed``: at most this many articles of one feed (its polled entries first, in feed order, then its
    backlog); the others stay in ``feed_entries``, so the backlog of the next passes fetches them (counted in
    ``deferred``). Refreshes are never put off: the backlog would not find them again.
    """
    unique: dict[str, FeedEntry] = {}
    for entry in known_entries(con, entries):
        unique.setdefault(entry.article_id, entry)
    params = {"max_attempts": max_attempts, "now": now, "backoff": float(retry_backoff), "retried": list(retried)}
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
                SELECT {", ".join("fe." + c for c in _ENTRY_COLUMNS)},
                       coalesce(a.status IN ('ok', 'empty'), false) AS stored, a.article_id IS NOT NULL AS known
                FROM feed_entries fe SEMI JOIN backlog_feeds USING (feed_url)
                LEFT JOIN articles a ON a.article_id = fe.article_id
                WHERE a.article_id IS NULL OR {_RETRY_DUE}
                   -- an update not fetched yet (a pass stopped first; its extraction timed out: the load kept the
                   -- marker, pipeline.load.articles.keep_stored_text): the feed may answer 304 for hours
                   OR ($refresh AND a.status IN ('ok', 'empty') AND fe.updated_at IS NOT NULL
                       AND (a.source_updated_at IS NULL OR fe.updated_at > a.source_updated_at))
                QUALIFY row_number() OVER (PARTITION BY fe.article_id ORDER BY fe.last_seen_at DESC, fe.feed_url, fe.entry_id) = 1
                ORDER BY fe.first_seen_at, fe.feed_url, fe.entry_id
                """,
                {**params, "refresh": refresh},
            ).fetchall()
        finally:
            con.unregister("backlog_feeds")
        for row in rows:
            entry = FeedEntry(**dict(zip(_ENTRY_COLUMNS, row[:-2])))
            if entry.article_id in unique:
                continue
            unique[entry.article_id] = entry
            todo.append(entry)
            stored, known = row[-2:]
            if stored:
                refreshes.add(entry.article_id)
            elif known:
                retries.add(entry.article_id)
    if per_feed is None:
        return FetchPlan(todo, retries, refreshes)
    kept, taken = [], {}
    for entry in todo:
        if entry.article_id not in refreshes:
            taken[entry.feed_url] = taken.get(entry.feed_url, 0) + 1
            if taken[entry.feed_url] > per_feed:
                continue
        kept.append(entry)
    return FetchPlan(kept, retries & {e.article_id for e in kept}, refreshes, deferred=len(todo) - len(kept))



# ----------------------------------------------------------------------------------------------- loading
#
# A load is an ordered list of steps, each owned by its feature (pipeline.load registers them): the store runs
# them in ONE transaction and knows nothing of what they write. A step is a function of a LoadContext that
# returns its counts.

LoadStep = Callable[["LoadContext"], Mapping[str, Any] | None]

#: the prefix of the names the staged Arrow tables are registered under while a load runs
STAGED_PREFIX = "staged_"


class _StagedNames:
    """``{staged.NAME}`` in a step's SQL (:meth:`LoadContext.sql`): the registered name of staged table NAME."""

    def __init__(self, context: LoadContext) -> None:
        self._context = context

    def __getattr__(self, name: str) -> str:
        return self._context.table(name)


@dataclass(eq=False)
class LoadContext:
    """What every step of one load is given: the connection (bound by :func:`run_steps`), the staged batch's
    Arrow tables registered under the names :meth:`table` gives, the run id, the steps' options and the facts
    one step leaves for a later one (``state``; both defined by the steps' owner, never read by the store)."""

    batch: StagedBatch
    run_id: int | None = None
    options: Any = None
    state: Any = None
    #: a batch loaded under this key before is skipped as a whole (a retried loader must not count twice)
    batch_key: str | None = None
    con: duckdb.DuckDBPyConnection = field(init=False, repr=False)
    #: rows inserted or updated by :meth:`write` (DuckDB's counts: the load benchmark's numerator)
    written: int = field(default=0, init=False)
    _registered: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _unique: dict[tuple[str, tuple[str, ...]], bool] = field(default_factory=dict, init=False, repr=False)

    def has(self, name: str) -> bool:
        """Whether the batch carries rows of staged table ``name`` (a step with none has nothing to do)."""
        return self.batch.rows(name) > 0

    def rows(self, name: str) -> int:
        return self.batch.rows(name)

    def columns(self, name: str) -> list[str]:
        """The columns of staged table ``name`` (its declared schema when the batch has none)."""
        table = self.batch.tables.get(name)
        return table.column_names if table is not None else SCHEMAS[name].names

    def table(self, name: str) -> str:
        """The name staged table ``name`` is registered under; a table the batch lacks is registered empty, with
        its declared schema, so a step's SQL reads the same whatever the batch carries."""
        if name not in self._registered:
            table = self.batch.tables.get(name)
            self._register(name, table if table is not None else SCHEMAS[name].empty_table())
        return self._registered[name]

    def sql(self, template: str, **fragments: str) -> str:
        """``template`` with ``{staged.NAME}`` replaced by the registered names and ``{fragment}`` by ``fragments``."""
        return template.format(staged=_StagedNames(self), **fragments)

    def replace(self, name: str, table: pa.Table) -> None:
        """Put ``table`` in the place of staged table ``name`` for the steps that follow (a step that drops rows)."""
        self.batch = StagedBatch({**self.batch.tables, name: table})
        self._unique = {key: v for key, v in self._unique.items() if key[0] != name}
        if name in self._registered:
            self._register(name, table)

    def write(self, sql: str, params: dict | None = None) -> int:
        """Run an INSERT or UPDATE and return the rows it wrote (DuckDB answers with their count)."""
        rows = (self.con.execute(sql, params) if params is not None else self.con.execute(sql)).fetchall()
        n = int(rows[0][0]) if rows else 0
        self.written += n
        return n

    def unique(self, name: str, keys: Sequence[str]) -> bool:
        """Whether no two rows of staged table ``name`` share ``keys`` (the usual case: only merged batches, several
        tasks' output loaded at once, repeat a key)."""
        keys = tuple(keys)
        if (name, keys) not in self._unique:
            table = self.batch.tables.get(name)
            if table is None or table.num_rows < 2:
                distinct = 0 if table is None else table.num_rows
            elif len(keys) == 1:
                distinct = pc.count_distinct(table.column(keys[0]), mode="all").as_py()
            else:
                distinct = table.group_by(list(keys)).aggregate([]).num_rows
            self._unique[name, keys] = distinct == self.rows(name)
        return self._unique[name, keys]

    def one_row_per(self, name: str, keys: Sequence[str], order: str | None = None, *, alias: str = "") -> str:
        """A QUALIFY clause keeping one row of staged table ``name`` per ``keys`` (the first by ``order``), or
        nothing when its keys are unique already: the window costs a few milliseconds per statement, which adds
        up over the dozen statements of every batch. DuckDB's ON CONFLICT refuses to touch one row twice in one
        statement, so an upsert from a merged batch needs it. ``alias``: the table's alias in the statement."""
        if self.unique(name, keys):
            return ""
        prefix = f"{alias}." if alias else ""
        by = ", ".join(prefix + k for k in keys)
        return f"QUALIFY row_number() OVER (PARTITION BY {by}{f' ORDER BY {order}' if order else ''}) = 1"

    def _register(self, name: str, table: pa.Table) -> None:
        registered = STAGED_PREFIX + name
        if name in self._registered:
            self.con.unregister(registered)
        self.con.register(registered, table)
        self._registered[name] = registered

    def _unregister_all(self) -> None:
        for registered in self._registered.values():
            try:
                self.con.unregister(registered)
            except duckdb.Error:
                pass
        self._registered.clear()


def excluded(columns: Iterable[str]) -> str:
    """The SET list of an upsert that takes ``columns`` as the re-loaded row has them: ``c = excluded.c, ...``."""
    return ", ".join(f"{c} = excluded.{c}" for c in columns)


def run_steps(con: duckdb.DuckDBPyConnection, steps: Sequence[LoadStep], context: LoadContext, *,
              before_commit: Callable[[duckdb.DuckDBPyConnection, dict[str, Any]], None] | None = None,
              ) -> dict[str, Any]:
    """Run ``steps`` in order on ``context`` inside ONE transaction, and return their counts added up (plus
    ``rows_written``; values that are not numbers are kept as the last step gave them).

    ``before_commit(con, counts)`` runs last inside the transaction: bookkeeping that must commit with the batch
    or not at all (a DAG loader's run-row counts: written after the commit, a kill in between lost them).

    A step that raises rolls the whole batch back, the ``loaded_batches`` row included, and its exception
    propagates with a note naming the step. A batch whose ``batch_key`` is in ``loaded_batches`` is skipped and
    counts nothing (``{}``). The staged tables are registered for the steps and unregistered afterwards."""
    context.con = con
    counts: dict[str, Any] = {}
    try:
        with transaction(con):
            if context.batch_key is not None:
                if scalar(con, "SELECT count(*) FROM loaded_batches WHERE batch_key = ?", [context.batch_key]):
                    log.info("batch %s was loaded before; skipped", context.batch_key)
                    return {}
                con.execute("INSERT INTO loaded_batches VALUES (?, ?, now())", [context.batch_key, context.run_id])
            for name in context.batch.tables:
                context.table(name)
            for step in steps:
                try:
                    result = step(context) or {}
                except BaseException as exc:
                    exc.add_note(f"(in load step {getattr(step, '__module__', '?')}.{getattr(step, '__qualname__', step)}; "
                                 "the batch was rolled back)")
                    raise
                for key, value in result.items():
                    both_numbers = isinstance(value, int) and isinstance(counts.get(key), int)
                    counts[key] = counts[key] + value if both_numbers else value
            if before_commit is not None:
                before_commit(con, counts)
    finally:
        context._unregister_all()
    counts["rows_written"] = context.written
    return counts
