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
nothing), then checkpoints; a second run finds nothing. DuckDB reuses the freed blocks but gives back to the disk
only free blocks at the file's end, so ``compact`` then rewrites the file densely
(:func:`pipeline.store.compact.compact`), under the same pass lock. It touches no other table: the
articles, statements, entities and quotes users query stay byte for byte as they were, and a later pass gets from
the cache exactly what it got before.

Keys are computed twice per article where the two can differ: over every first occurrence of a paragraph (what a
pass and ``reprocess --stages extract`` analyse) and without the site boilerplate found since (what
``reprocess --stages nlp`` analyses, :func:`pipeline.run.reprocess._from_store`). Both are live.

"Current version" is this environment's (its installed models, the lexicon and gazetteer it is given), checked
against the versions the stored articles were analysed at: a prune run where the passes do not run would otherwise
take every row of a language for dead. On a mismatch it refuses (:class:`VersionMismatch`) and deletes nothing.

It is a writer: it takes the pass lock (no pass, reprocess or Airflow run may be at work) for the whole run, keys
the articles on a read-only connection (streamed to a temporary Parquet file, a batch of articles at a time), and
takes DuckDB's write lock only for the set-based deletes. It refuses with the usual errors
(:class:`~pipeline.run.passlock.PassInProgress`, :class:`~pipeline.errors.DatabaseLocked`), saying the cache was
left alone, when another process holds either. ``dry_run`` only reads.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import ConfigError, DatabaseLocked, StoreError
from ..nlp import analyse, multilingual
from ..nlp.lexicon import load_lexicon
from ..nlp.stage import NlpOptions, context_keys
from ..store.compact import compact as compact_file
from ..store.compact import file_bytes, remove_stale_copies, stale_copies
from ..store.core import connect, scalar, transaction
from .passlock import PassInProgress, pass_lock

log = logging.getLogger(__name__)

ANALYSES = "paragraph_analyses"
# the rows of one analysis, read back only with it (pipeline.nlp.stage._cached)
CHILDREN = ("paragraph_entities", "paragraph_statements", "paragraph_quotes")
TABLES = (ANALYSES, *CHILDREN)
# articles keyed at a time: bounds the memory the keys and paragraphs take (about 16 paragraphs an article)
BATCH = 10_000
LIVE_SCHEMA = pa.schema([("paragraph_id", pa.string()), ("context_key", pa.string()), ("version", pa.string())])


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
    compacted: bool = False
    # bytes of copies killed compactions had left beside the file (deleted unless ``dry_run``)
    stale_copies: int = 0
    versions: dict[str, str | None] = field(default_factory=dict)

    @property
    def dead_total(self) -> int:
        return sum(self.dead.values())


def prune_cache(db_path: Path | str, *, dry_run: bool = False, compact: bool = False, nlp: NlpOptions | None = None,
                lock_timeout: float = 120.0, pass_lock_wait: float = 0.0) -> PruneResult:
    """Find the dead paragraph-cache rows of ``db_path`` and, unless ``dry_run``, delete them in one transaction,
    then ``CHECKPOINT``; with ``compact``, then rewrite the file so the freed space goes back to the disk (even when
    nothing was dead: earlier prunes' space too). ``nlp`` names the lexicon and gazetteer the passes use (they are part of the English
    version: an analysis made with another lexicon is dead).

    Refuses (:class:`VersionMismatch`) when this environment's version of a language is one no stored article of
    it was analysed at: see :func:`checked_versions`."""
    db_path, nlp = Path(db_path), nlp or NlpOptions()
    if not db_path.exists():
        raise StoreError(f"database {db_path} does not exist; nothing to prune")
    if compact and dry_run:
        raise ConfigError("prune-cache: --compact rewrites the file and --dry-run only reads it; choose one")
    result = PruneResult(db_path=db_path, dry_run=dry_run, bytes_before=file_bytes(db_path))
    with tempfile.TemporaryDirectory(prefix="newsdesk-prune-") as tmp:
        live = Path(tmp) / "live.parquet"
        if dry_run:
            result.stale_copies = sum(p.stat().st_size for p in stale_copies(db_path))
            with _connect(db_path, lock_timeout, read_only=True) as con:
                if _keyed(con, nlp, result, live):
                    _count(con, result, live)
            result.bytes_after = file_bytes(db_path)
            return result
        with _only_writer(db_path, pass_lock_wait):
            _prune(db_path, nlp, result, live, lock_timeout)
            # only once the checks passed (versions, the fingerprint): a refusal says nothing was deleted, and
            # that must hold for the copies a killed compaction left as well
            result.stale_copies = remove_stale_copies(db_path)
            if compact:
                _compact(db_path, lock_timeout)
                result.compacted = True
    result.bytes_after = file_bytes(db_path)
    log.info("prune-cache %s: %s", db_path, ", ".join(f"{t} {n}" for t, n in result.deleted.items()))
    return result


def _prune(db_path: Path, nlp: NlpOptions, result: PruneResult, live: Path, lock_timeout: float) -> None:
    """Under the pass lock: key the articles on a read-only connection (readers such as ``newsdesk query`` or a
    notebook may open the file meanwhile: keying a large file takes a minute), then hold DuckDB's write lock only
    for the set-based deletes, in one transaction with the check that each table lost its dead rows alone."""
    # a file an older newsdesk wrote is upgraded first, as any write does (a reader cannot open it)
    with _connect(db_path, lock_timeout):
        pass
    with _connect(db_path, lock_timeout, read_only=True) as con:
        if not _keyed(con, nlp, result, live):
            result.deleted = dict.fromkeys(TABLES, 0)
            return
        keyed_on = _fingerprint(con)
    with _connect(db_path, lock_timeout) as con:
        with transaction(con):
            # the pass lock shuts out passes and reprocesses, not every writer (a notebook): what was keyed must
            # still be what is stored, or the live set could miss an article's new keys
            if _fingerprint(con) != keyed_on:
                raise StoreError("the cache was not pruned: the stored articles changed while their keys were "
                                 "computed (another process wrote to the database); nothing was deleted. Run it "
                                 "again.")
            _count(con, result, live)
            result.deleted = _delete(con) if result.dead_total else dict.fromkeys(TABLES, 0)
            _check_kept(con, result)
        # the deleted blocks are free only once checkpointed: then the file can shrink (or reuse them)
        con.execute("CHECKPOINT")


def dead_at_a_glance(db_path: Path | str, *, nlp: NlpOptions | None = None, lock_timeout: float = 60.0
                     ) -> PruneResult:
    """What ``newsdesk stats`` shows: the cache rows dead without keying the stored articles (made at a version no
    language has today, or under the empty key of rows cached before migration 0017, with their child rows).
    A lower bound of :func:`prune_cache`'s count, in SQL alone: keying every article (about 1.5 ms each on the demo's
    articles) is too slow for a glance at a large file. Read-only."""
    db_path, nlp = Path(db_path), nlp or NlpOptions()
    result = PruneResult(db_path=db_path, dry_run=True, bytes_before=file_bytes(db_path))
    with connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
        if _has_cache(con, result):
            result.versions = checked_versions(con, nlp, strict=False)
            _glance_live(con, result.versions)
            _count(con, result)
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


@contextmanager
def _connect(db_path: Path, lock_timeout: float, *, read_only: bool = False
             ) -> Iterator[duckdb.DuckDBPyConnection]:
    """:func:`~pipeline.store.core.connect`, with a refusal by DuckDB's lock saying that the cache was left alone
    and who may hold the file: not only an ingest but any process that has it open (a notebook, ``newsdesk
    query``), which a prune, unlike a pass, does not wait for beyond the lock timeout."""
    try:
        with connect(db_path, read_only=read_only, lock_timeout=lock_timeout) as con:
            yield con
    except DatabaseLocked as exc:
        raise DatabaseLocked(
            f"the cache was not pruned: database {db_path} is held by another process (a pass, a notebook or a "
            f"`newsdesk query` with it open) and stayed so for {lock_timeout:.0f}s; nothing was deleted. Run it "
            f"again once that process has closed the file, or wait longer with --lock-timeout / "
            f"NEWSDESK_LOCK_TIMEOUT. ({exc.__cause__ or exc})") from exc


def _compact(db_path: Path, lock_timeout: float) -> None:
    """The pruned file rewritten densely; a refusal says the prune itself is done."""
    try:
        compact_file(db_path, lock_timeout=lock_timeout)
    except DatabaseLocked as exc:
        raise DatabaseLocked(
            f"the cache was pruned but the file was not compacted: database {db_path} was opened by another "
            f"process (a notebook or a `newsdesk query`) and stayed so for {lock_timeout:.0f}s. Run "
            f"`newsdesk prune-cache --compact` again once it has closed the file. ({exc.__cause__ or exc})") from exc
    except StoreError as exc:
        raise StoreError(f"the cache was pruned, but {exc}") from exc


# ------------------------------------------------------------------------------------------- live and dead


def _has_cache(con: duckdb.DuckDBPyConnection, result: PruneResult) -> bool:
    """Whether the file has the cache's tables; if not (a file no newsdesk with the cache has written to), nothing
    is cached and nothing dead, and ``result`` says so."""
    missing = [t for t in TABLES if not scalar(con, "SELECT count(*) FROM information_schema.tables "
                                                    "WHERE table_name = ?", [t])]
    if missing:
        result.rows = result.dead = dict.fromkeys(TABLES, 0)
    return not missing


def _keyed(con: duckdb.DuckDBPyConnection, nlp: NlpOptions, result: PruneResult, live: Path) -> bool:
    """Check the versions (:func:`checked_versions`) and write the live keys to the Parquet file ``live``; False
    when the file has no cache to prune."""
    if not _has_cache(con, result):
        return False
    result.versions = checked_versions(con, nlp)
    write_live_keys(con, nlp, result.versions, live)
    return True


def _glance_live(con: duckdb.DuckDBPyConnection, versions: dict[str, str | None]) -> None:
    """Temp table ``live`` without keying the articles (see :func:`dead_at_a_glance`): no row is live under the
    empty key or at a version no language has today (when all are known)."""
    known = [] if None in versions.values() else list(versions.values())
    con.execute(f"CREATE OR REPLACE TEMP TABLE live AS SELECT DISTINCT paragraph_id, context_key, "
                f"CASE WHEN len($versions) > 0 THEN version END AS version FROM {ANALYSES} "
                f"WHERE context_key <> '' AND (len($versions) = 0 OR list_contains($versions, version))",
                {"versions": known})


def _count(con: duckdb.DuckDBPyConnection, result: PruneResult, live: Path | None = None) -> None:
    """Fill ``result``'s rows and dead counts; leaves temp tables ``dead_analyses`` and ``kept_analyses`` on
    ``con`` for :func:`_delete`. ``live`` is the Parquet file of :func:`write_live_keys`; without it, temp table
    ``live`` is already there (:func:`_glance_live`)."""
    if live is not None:
        con.execute("CREATE OR REPLACE TEMP TABLE live AS SELECT DISTINCT * FROM read_parquet($path)",
                    {"path": str(live)})
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


def _fingerprint(con: duckdb.DuckDBPyConnection) -> tuple:
    """What the live keys are computed from (each article's language, status and first occurrences with their
    text and boilerplate), as counts and an order-free hash: equal when nothing of it changed."""
    articles = con.execute("SELECT count(*), bit_xor(hash(article_id, language, status, nlp_version)) "
                           "FROM articles").fetchall()[0]
    paragraphs = con.execute("SELECT count(*), bit_xor(hash(article_id, position, paragraph_id, repeat_of, text, "
                             "boilerplate)) FROM article_paragraphs").fetchall()[0]
    return (*articles, *paragraphs)


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
    """The analysis version of each language the stored articles are in and the stage analyses, computed in this
    environment (its installed models, ``nlp``'s lexicon and gazetteer). None where it cannot be told (the
    language's model is not installed)."""
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


def stored_versions(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Per language, the versions its stored articles were analysed at (``articles.nlp_version``, stamped by the
    pass or reprocess that analysed them), the most common first."""
    rows = con.execute("SELECT language, nlp_version FROM articles WHERE nlp_version IS NOT NULL AND language IS "
                       "NOT NULL GROUP BY ALL ORDER BY language, count(*) DESC, nlp_version").fetchall()
    stored: dict[str, list[str]] = {}
    for language, version in rows:
        stored.setdefault(language, []).append(version)
    return stored


def checked_versions(con: duckdb.DuckDBPyConnection, nlp: NlpOptions, *, strict: bool = True
                     ) -> dict[str, str | None]:
    """:func:`current_versions`, each checked against the versions the stored articles of its language carry.

    This environment's version is a guess at the passes' one: another installed spaCy model, or a --lexicon or
    --gazetteer other than the passes' (or one ingest cannot take), gives another version, and every row of the
    language would look dead. So where stored articles of a language carry versions and none is this one, a
    prune refuses (:class:`VersionMismatch`, ``strict``) or, for a count only, the language's version is unknown
    (None: kept at any version). Refusing is safer than treating the stored versions as live: the keys depend on
    the lexicon too (an acronym the article defines), so a mismatched lexicon would still key the articles wrongly
    and delete the rows the passes read under their own keys. After a release that changes the version, the
    first pass or ``reprocess --stages nlp`` stamps articles with it and pruning works again. A language no
    stored article carries any version of (none analysed yet) has nothing to compare with: unknown too."""
    versions = current_versions(con, nlp)
    stored = stored_versions(con)
    for language, version in versions.items():
        carried = stored.get(language, [])
        if version is None or version in carried:
            continue
        if carried and strict:
            raise VersionMismatch(language, version, carried)
        log.info("the %s analysis version here is not one its stored articles carry; its cached analyses under "
                 "live keys are counted live at any version", language)
        versions[language] = None
    return versions


class VersionMismatch(ConfigError):
    """This environment's analysis version of a language is one no stored article of it was analysed at."""

    def __init__(self, language: str, here: str, stored: list[str]) -> None:
        differs = "; ".join(f"{a} here, {b} in the store" for a, b in zip(here.split("/"), stored[0].split("/"))
                            if a != b) or f"{here} here, {stored[0]} in the store"
        super().__init__(
            f"the cache was not pruned: the {language} analysis version of this environment is not one any stored "
            f"{language} article was analysed at ({differs}), so every {language} row would look dead; nothing "
            f"was deleted. Run prune-cache where the passes run, with the spaCy model and the --lexicon/--gazetteer "
            f"they use (or none, as ingest). If a newsdesk upgrade changed the version, run a pass or `newsdesk "
            f"reprocess --stages nlp` first, then prune.")
        self.language, self.here, self.stored = language, here, stored


def write_live_keys(con: duckdb.DuckDBPyConnection, nlp: NlpOptions, versions: dict[str, str | None],
                    path: Path, *, batch: int | None = None) -> None:
    """Write to Parquet file ``path`` the (paragraph_id, context_key, version) of every analysis a pass or a
    reprocess would look up today, ``batch`` articles at a time: neither the keys nor the text of a large file
    are held at once."""
    lexicon = load_lexicon(nlp.lexicon_path)
    with pq.ParquetWriter(str(path), LIVE_SCHEMA) as writer:
        for articles in _article_batches(con, set(versions), batch or BATCH):
            pids: list[str] = []
            keys: list[str] = []
            found: list[str | None] = []
            for language, paragraphs in articles:
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
            writer.write_table(pa.table({"paragraph_id": pa.array(pids, pa.string()),
                                         "context_key": pa.array(keys, pa.string()),
                                         "version": pa.array(found, pa.string())}, schema=LIVE_SCHEMA))


_ARTICLES = """
    FROM articles a WHERE a.status <> 'failed' AND list_contains($languages, a.language)"""


def _article_batches(con: duckdb.DuckDBPyConnection, languages: set[str], batch: int
                     ) -> Iterator[list[tuple[str, list[tuple[str, str, bool]]]]]:
    """The stored articles in an analysed language, ``batch`` at a time: each article's language and its first
    occurrences in page order, each (paragraph_id, text as written in the article, site boilerplate). A batch is
    a range of article ids, so DuckDB too sorts and holds one batch's paragraphs only."""
    params = {"languages": sorted(languages)}
    ids = [r[0] for r in con.execute(f"SELECT a.article_id {_ARTICLES} ORDER BY 1", params).fetchall()]
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        rows = con.execute(f"""
            SELECT a.article_id, a.language, ap.paragraph_id, coalesce(ap.text, p.text), coalesce(ap.boilerplate, false)
            FROM article_paragraphs ap JOIN ({'SELECT a.article_id, a.language ' + _ARTICLES}) a USING (article_id)
            JOIN paragraphs p USING (paragraph_id)
            WHERE ap.repeat_of IS NULL AND ap.article_id BETWEEN $first AND $last
            ORDER BY ap.article_id, ap.position""", {**params, "first": chunk[0], "last": chunk[-1]}).fetchall()
        yield list(_by_article(rows))


def _by_article(rows: list[tuple]) -> Iterator[tuple[str, list[tuple[str, str, bool]]]]:
    """Rows ordered by article: each article's language and paragraphs."""
    current: str | None = None
    language = ""
    paragraphs: list[tuple[str, str, bool]] = []
    for article_id, article_language, pid, text, chrome in rows:
        if article_id != current:
            if paragraphs:
                yield language, paragraphs
            current, language, paragraphs = article_id, article_language, []
        paragraphs.append((pid, text, chrome))
    if paragraphs:
        yield language, paragraphs
