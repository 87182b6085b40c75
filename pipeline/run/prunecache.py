"""``newsdesk prune-cache``: delete the paragraph-cache rows nothing will ever read again (issues #14, #20).

The NLP stage caches each paragraph's analysis (``paragraph_analyses`` and its ``paragraph_entities``,
``paragraph_statements`` and ``paragraph_quotes`` rows) under ``(paragraph_id, context_key)`` with the ``version``
it was made at, and reads a row back only at today's version and under a key some article produces
(:func:`pipeline.nlp.stage.analyse_batch`). So the file only grows: a release that bumps a rules version leaves
the rows at the old version wherever no later pass re-analysed them, an article that changed (a longer version of
a live blog) leaves its paragraphs' rows under keys no article produces any more, and rows cached before
migration 0017 sit under the empty key, which no lookup asks for.

An analysis is *live* when a stored article produces its key today (:func:`pipeline.nlp.stage.context_keys`,
the stage's own keying, never a copy of it) and it was made at the current version of that article's language.
Everything else in the four cache tables is dead. Pruning deletes the dead rows in one transaction (all or
nothing), then checkpoints so the file can shrink; a second run finds nothing. It touches no other table: the
articles, statements, entities and quotes users query stay byte for byte as they were, and a later pass gets from
the cache exactly what it got before.

Keys are computed twice per article where the two can differ: over every first occurrence of a paragraph (what a
pass and ``reprocess --stages extract`` analyse) and without the site boilerplate found since (what
``reprocess --stages nlp`` analyses, :func:`pipeline.run.reprocess._from_store`). Both are live.

It is a writer: it takes the pass lock (no pass, reprocess or Airflow run may be at work) and DuckDB's write lock,
and refuses with the usual errors (:class:`~pipeline.run.passlock.PassInProgress`,
:class:`~pipeline.errors.DatabaseLocked`) when another process holds either. ``dry_run`` only reads.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import ConfigError, StoreError
from ..nlp import analyse, multilingual
from ..nlp.lexicon import load_lexicon
from ..nlp.stage import NlpOptions, context_keys
from ..store.core import connect, scalar, transaction
from .passlock import PassInProgress, pass_lock

log = logging.getLogger(__name__)

ANALYSES = "paragraph_analyses"
# the rows of one analysis, read back only with it (pipeline.nlp.stage._cached)
CHILDREN = ("paragraph_entities", "paragraph_statements", "paragraph_quotes")
TABLES = (ANALYSES, *CHILDREN)


@dataclass
class PruneResult:
    """Per cache table, its rows and the dead ones among them (deleted unless ``dry_run``); the file's bytes
    (with its write-ahead log) before and after; the current version of each language found."""

    db_path: Path
    dry_run: bool
    rows: dict[str, int] = field(default_factory=dict)
    dead: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    bytes_before: int = 0
    bytes_after: int = 0
    versions: dict[str, str | None] = field(default_factory=dict)

    @property
    def dead_total(self) -> int:
        return sum(self.dead.values())


def prune_cache(db_path: Path | str, *, dry_run: bool = False, nlp: NlpOptions | None = None,
                lock_timeout: float = 120.0, pass_lock_wait: float = 0.0) -> PruneResult:
    """Find the dead paragraph-cache rows of ``db_path`` and, unless ``dry_run``, delete them in one transaction,
    then ``CHECKPOINT``. ``nlp`` names the lexicon and gazetteer the passes use (they are part of the English
    version: an analysis made with another lexicon is dead)."""
    db_path, nlp = Path(db_path), nlp or NlpOptions()
    if not db_path.exists():
        raise StoreError(f"database {db_path} does not exist; nothing to prune")
    result = PruneResult(db_path=db_path, dry_run=dry_run, bytes_before=file_bytes(db_path))
    if dry_run:
        with connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
            _count(con, nlp, result)
        result.bytes_after = file_bytes(db_path)
        return result
    with _only_writer(db_path, pass_lock_wait), connect(db_path, lock_timeout=lock_timeout) as con:
        with transaction(con):
            _count(con, nlp, result)
            result.deleted = _delete(con) if result.dead_total else dict.fromkeys(TABLES, 0)
            _check_kept(con, result)
        # the deleted blocks are free only once checkpointed: then the file can shrink (or reuse them)
        con.execute("CHECKPOINT")
    result.bytes_after = file_bytes(db_path)
    log.info("prune-cache %s: %s", db_path, ", ".join(f"{t} {n}" for t, n in result.deleted.items()))
    return result


def dead_at_a_glance(db_path: Path | str, *, nlp: NlpOptions | None = None, lock_timeout: float = 60.0
                     ) -> PruneResult:
    """What ``newsdesk stats`` shows: the cache rows dead without keying the stored articles (made at a version no
    language has today, or under the empty key of rows cached before migration 0017, with their child rows).
    A lower bound of :func:`prune_cache`'s count, in SQL alone: keying every article (about 1.5 ms each on the demo's
    articles) is too slow for a glance at a large file. Read-only."""
    db_path, nlp = Path(db_path), nlp or NlpOptions()
    result = PruneResult(db_path=db_path, dry_run=True, bytes_before=file_bytes(db_path))
    with connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
        _count(con, nlp, result, keyed=False)
    result.bytes_after = result.bytes_before
    return result


@contextmanager
def _only_writer(db_path: Path, wait: float) -> Iterator[None]:
    """The pass lock, so no pass, reprocess or Airflow run is between its batches (it may hold keys it read from
    the cache and load them later); its message says the cache was left alone."""
    try:
        with pass_lock(db_path, wait=wait):
            yield
    except PassInProgress as exc:
        raise PassInProgress(f"the cache was not pruned: {exc}") from exc


def file_bytes(db_path: Path) -> int:
    """The database file's size with its write-ahead log (what a user sees on disk)."""
    wal = db_path.with_name(db_path.name + ".wal")
    return sum(p.stat().st_size for p in (db_path, wal) if p.exists())


# ------------------------------------------------------------------------------------------- live and dead


def _count(con: duckdb.DuckDBPyConnection, nlp: NlpOptions, result: PruneResult, *, keyed: bool = True) -> None:
    """Fill ``result``'s rows, dead counts and versions; leaves temp table ``dead_analyses`` and ``kept_analyses``
    on ``con`` for :func:`_delete`. Not ``keyed``: only what is dead without keying the articles (see
    :func:`dead_at_a_glance`)."""
    missing = [t for t in TABLES if not scalar(con, "SELECT count(*) FROM information_schema.tables "
                                                    "WHERE table_name = ?", [t])]
    if missing:  # a file no newsdesk with the cache has written to: nothing cached, nothing dead
        result.rows = result.dead = dict.fromkeys(TABLES, 0)
        return
    result.versions = current_versions(con, nlp)
    if keyed:
        _live_table(con, nlp, result.versions)
    else:  # no row is live under the empty key or at a version no language has today (when all are known)
        versions = [] if None in result.versions.values() else list(result.versions.values())
        con.execute(f"CREATE OR REPLACE TEMP TABLE live AS SELECT DISTINCT paragraph_id, context_key, "
                    f"CASE WHEN len($versions) > 0 THEN version END AS version FROM {ANALYSES} "
                    f"WHERE context_key <> '' AND (len($versions) = 0 OR list_contains($versions, version))",
                    {"versions": versions})
    # a version NULL in `live` is a language whose current version is unknown here (its model is not installed):
    # its analyses under a live key are kept at any version rather than deleted on a guess
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE dead_analyses AS
        SELECT pa.paragraph_id, pa.context_key FROM {ANALYSES} pa
        WHERE NOT EXISTS (SELECT 1 FROM live l WHERE l.paragraph_id = pa.paragraph_id
                          AND l.context_key = pa.context_key AND (l.version IS NULL OR l.version = pa.version))""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE kept_analyses AS
        SELECT paragraph_id, context_key FROM {ANALYSES} ANTI JOIN dead_analyses USING (paragraph_id, context_key)""")
    result.rows = {t: int(scalar(con, f"SELECT count(*) FROM {t}")) for t in TABLES}
    result.dead = {ANALYSES: int(scalar(con, "SELECT count(*) FROM dead_analyses"))}
    for table in CHILDREN:  # a child row is read only with a kept analysis: the others (orphans too) are dead
        result.dead[table] = int(scalar(
            con, f"SELECT count(*) FROM {table} ANTI JOIN kept_analyses USING (paragraph_id, context_key)"))


def _live_table(con: duckdb.DuckDBPyConnection, nlp: NlpOptions, versions: dict[str, str | None]) -> None:
    """Temp table ``live``: the keys and versions of :func:`live_keys`."""
    con.register("live_arrow", live_keys(con, nlp, versions))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE live AS SELECT DISTINCT * FROM live_arrow")
    finally:
        con.unregister("live_arrow")


def _delete(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Delete what :func:`_count` found dead: the children first (they hang on the analyses by key)."""
    deleted = {}
    for table in CHILDREN:
        deleted[table] = _deleted(con, f"""
            DELETE FROM {table} c WHERE NOT EXISTS (SELECT 1 FROM kept_analyses k
            WHERE k.paragraph_id = c.paragraph_id AND k.context_key = c.context_key)""")
    deleted[ANALYSES] = _deleted(con, f"""
        DELETE FROM {ANALYSES} pa WHERE EXISTS (SELECT 1 FROM dead_analyses d
        WHERE d.paragraph_id = pa.paragraph_id AND d.context_key = pa.context_key)""")
    return {t: deleted[t] for t in TABLES}


def _check_kept(con: duckdb.DuckDBPyConnection, result: PruneResult) -> None:
    """Inside the transaction: each table lost its dead rows and nothing else, or the whole prune rolls back."""
    for table in TABLES:
        left = int(scalar(con, f"SELECT count(*) FROM {table}"))
        if left != result.rows[table] - result.dead[table]:
            raise StoreError(f"prune-cache: {table} would keep {left} rows, not the {result.rows[table]} less "
                             f"{result.dead[table]} dead; nothing was deleted. Please report this.")


def _deleted(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Run a DELETE; the number of rows it deleted (DuckDB returns it as the statement's one row)."""
    rows = con.execute(sql).fetchall()
    return int(rows[0][0]) if rows else 0


def current_versions(con: duckdb.DuckDBPyConnection, nlp: NlpOptions) -> dict[str, str | None]:
    """The analysis version of each language the stored articles are in and the stage analyses: what a pass
    would look its cached rows up at. None where it cannot be told (the language's model is not installed)."""
    english = load_lexicon(nlp.lexicon_path).language
    languages = {r[0] for r in con.execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL")
                 .fetchall()} & {english, *multilingual.ANALYSERS}
    versions: dict[str, str | None] = {}
    for language in sorted(languages):
        try:
            versions[language] = (analyse.analysis_version(nlp.lexicon_path, nlp.gazetteer) if language == english
                                  else multilingual.version_of(language))
        except ConfigError as exc:
            log.warning("the current %s analysis version is unknown (%s); its cached analyses under live keys are "
                        "kept at any version", language, exc)
            versions[language] = None
    return versions


def live_keys(con: duckdb.DuckDBPyConnection, nlp: NlpOptions, versions: dict[str, str | None]) -> pa.Table:
    """(paragraph_id, context_key, version) of every analysis a pass or a reprocess would look up today."""
    lexicon = load_lexicon(nlp.lexicon_path)
    pids: list[str] = []
    keys: list[str] = []
    found: list[str | None] = []
    for language, paragraphs in _articles(con, set(versions)):
        english = language == lexicon.language
        variants = [paragraphs]
        if any(chrome for *_, chrome in paragraphs):
            variants.append([p for p in paragraphs if not p[2]])
        for variant in variants:
            pairs = [(pid, text) for pid, text, _ in variant]
            made = context_keys(pairs, lexicon) if english else context_keys(pairs, None, language)
            pids.extend(pid for pid, _ in pairs)
            keys.extend(made)
            found.extend([versions[language]] * len(pairs))
    return pa.table({"paragraph_id": pa.array(pids, pa.string()), "context_key": pa.array(keys, pa.string()),
                     "version": pa.array(found, pa.string())})


def _articles(con: duckdb.DuckDBPyConnection, languages: set[str]
              ) -> Iterator[tuple[str, list[tuple[str, str, bool]]]]:
    """Each stored article in an analysed language: its language and its first occurrences in page order, each
    (paragraph_id, text as written in the article, site boilerplate). Streamed: the paragraphs' text of a large
    file is not held at once."""
    cursor = con.execute("""
        SELECT a.article_id, a.language, ap.paragraph_id, coalesce(ap.text, p.text), coalesce(ap.boilerplate, false)
        FROM article_paragraphs ap JOIN articles a USING (article_id) JOIN paragraphs p USING (paragraph_id)
        WHERE ap.repeat_of IS NULL AND a.status <> 'failed' AND list_contains($languages, a.language)
        ORDER BY ap.article_id, ap.position""", {"languages": sorted(languages)})
    current: str | None = None
    language = ""
    paragraphs: list[tuple[str, str, bool]] = []
    while rows := cursor.fetchmany(10_000):
        for article_id, article_language, pid, text, chrome in rows:
            if article_id != current:
                if paragraphs:
                    yield language, paragraphs
                current, language, paragraphs = article_id, article_language, []
            paragraphs.append((pid, text, chrome))
    if paragraphs:
        yield language, paragraphs
