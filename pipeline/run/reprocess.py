"""``newsdesk reprocess``: run today's extraction, dedup and NLP over what was fetched before, from the archive.

Nothing is fetched. For each stored article the archived response it was loaded from (``archive_records``:
the record fetched at ``articles.fetched_at``, else its latest 2xx record; a revisit record's body is the
response with the same payload digest) is read back from its WARC file and goes through the same
:func:`pipeline.run.process.process_article` and :func:`pipeline.nlp.stage.analyse_batch` as a fresh pass, in
bounded batches. Each batch is loaded in one transaction by :func:`pipeline.load.load_staged`, which replaces
the article's paragraph occurrences, entity mentions and statements. The article row is *updated in its
derived columns only* (text, title, language, status, ...; see :data:`UPDATE_DERIVED`): fetch history
(``fetch_log``, ``feed_entries``, ``fetch_attempts``, ``fetched_at``, ``last_run_id``, revisions) is never
touched, and a row whose derived values did not change is not written at all, so reprocessing twice with the
same code changes nothing.

Stages: ``extract`` re-reads the archive (and always re-runs dedup on what it extracts); ``dedup`` alone
re-runs dedup over the stored paragraphs; ``nlp`` re-analyses entities and statements (cached per paragraph
and analysis version, so a changed lexicon or gazetteer re-analyses everything, unchanged ones nothing).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from .. import load, settings
from ..errors import ConfigError, StoreError
from ..fetch.archive import ArchiveError, read_record, resolve_file
from ..nlp.stage import NlpOptions, analyse_batch
from ..options import DedupOptions, FetchOptions
from ..records import Extracted, FeedEntry, FetchResult, ParagraphOccurrence, ProcessedArticle
from ..store import core as store
from ..store.core import LoadContext
from ..store.staging import StagedBatch, stage_articles
from .passlock import pass_lock
from .runrecord import recorded_run

log = logging.getLogger(__name__)

STAGES = ("extract", "dedup", "nlp")
ProgressHook = Callable[[str, int], None]


@dataclass
class ReprocessOptions:
    db_path: Path
    stages: frozenset[str] = frozenset(STAGES)
    since: datetime | None = None  # only articles fetched at or after this time
    batch_size: int = field(default_factory=lambda: settings.default("batch_size"))  # bounds memory and lock hold
    workers: int = 1  # extraction/NLP processes
    lock_timeout: float = 120.0
    pass_lock_wait: float = 0.0
    archive_dir: Path | None = None  # where to look for WARC files moved since they were indexed
    nlp: NlpOptions = field(default_factory=NlpOptions)
    dedup: DedupOptions = field(default_factory=DedupOptions)  # cross-article dedup, as an ingest pass runs it

    def __post_init__(self) -> None:
        self.db_path = Path(self.db_path)
        unknown = set(self.stages) - set(STAGES)
        if unknown or not self.stages:
            raise ConfigError(f"unknown stage(s) {', '.join(sorted(unknown)) or '(none given)'}; "
                              f"choose from {', '.join(STAGES)}")
        self.stages = frozenset(self.stages)
        if self.batch_size < 1:
            raise ConfigError("batch_size must be at least 1")


@dataclass
class ReprocessSummary:
    run_id: int
    status: str = "running"
    articles_reprocessed: int = 0  # articles whose derived rows were recomputed
    articles_changed: int = 0  # ... of which something stored changed
    archive_records_skipped: int = 0  # archived responses that could not be read (missing file, truncated)
    articles_without_archive: int = 0  # stored articles with no archived response (fetched before archiving)
    paragraphs_new: int = 0
    repeats_removed: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # read, extract_dedup, nlp, load
    problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The columns of the ``runs`` row."""
        return {"articles_reprocessed": self.articles_reprocessed, "articles_changed": self.articles_changed,
                "archive_records_skipped": self.archive_records_skipped, "paragraphs_new": self.paragraphs_new,
                "repeats_removed": self.repeats_removed}

    def as_dict(self) -> dict:
        return asdict(self)


def parse_stages(value: str | Sequence[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset(STAGES)
    parts = value.split(",") if isinstance(value, str) else list(value)
    return frozenset(p.strip().lower() for p in parts if p.strip())


def run_reprocess(options: ReprocessOptions, *, progress: ProgressHook | None = None) -> ReprocessSummary:
    """Reprocess the stored articles with ``options``; recorded in ``runs`` (kind ``reprocess``)."""
    if not options.db_path.exists():
        raise StoreError(f"database {options.db_path} does not exist")
    notify = progress or (lambda event, n: None)
    with pass_lock(options.db_path, wait=options.pass_lock_wait), recorded_run(
            options.db_path, "reprocess", _describe(options), ReprocessSummary,
            lock_timeout=options.lock_timeout) as summary:
        _run(options, summary, notify)
    return summary


def _describe(options: ReprocessOptions) -> dict:
    return {"db_path": str(options.db_path), "stages": sorted(options.stages),
            "since": options.since.isoformat() if options.since else None, "batch_size": options.batch_size,
            "workers": options.workers, "lexicon": options.nlp.lexicon_path, "gazetteer": options.nlp.gazetteer,
            "nlp_enabled": options.nlp.enabled}


# ------------------------------------------------------------------------------------------------ the pass


def _run(options: ReprocessOptions, summary: ReprocessSummary, notify: ProgressHook) -> None:
    from .stages import Workers

    with store.connect(options.db_path, read_only=True, lock_timeout=options.lock_timeout) as con:
        ids = [r[0] for r in con.execute(
            "SELECT article_id FROM articles WHERE status <> 'failed' AND ($since IS NULL OR fetched_at >= $since) "
            "ORDER BY fetched_at, article_id", {"since": options.since}).fetchall()]
    notify("articles_total", len(ids))
    log.info("reprocessing %d articles (stages: %s)", len(ids), ", ".join(s for s in STAGES if s in options.stages))
    if not ids:
        return
    if "dedup" in options.stages or "extract" in options.stages:
        if "nlp" not in options.stages:
            log.warning("reprocessing without the nlp stage: entity and statement offsets refer to the old text "
                        "wherever the text changes")
    timings = summary.stage_seconds
    # no network: the HTTP client of Workers is never used, only its extraction/NLP process pool
    with Workers(FetchOptions(), workers=options.workers, pages=len(ids)) as workers:
        for start in range(0, len(ids), options.batch_size):
            batch_ids = ids[start : start + options.batch_size]
            began = time.perf_counter()
            if "extract" in options.stages:
                processed = _extracted(options, batch_ids, workers, summary)
            else:
                processed = _from_store(options, batch_ids, redo_dedup="dedup" in options.stages)
            timings["extract_dedup"] = timings.get("extract_dedup", 0.0) + time.perf_counter() - began
            staged = []
            if "extract" in options.stages or "dedup" in options.stages:
                staged.append(stage_articles(processed))
            if "nlp" in options.stages:
                began = time.perf_counter()
                staged.append(analyse_batch(processed, workers.pool, db_path=options.db_path, options=options.nlp))
                timings["nlp"] = timings.get("nlp", 0.0) + time.perf_counter() - began
            began = time.perf_counter()
            _load(options, summary, StagedBatch.merge(staged), [a.entry.article_id for a in processed])
            timings["load"] = timings.get("load", 0.0) + time.perf_counter() - began
            summary.repeats_removed += sum(a.repeats for a in processed)
            notify("article_done", len(batch_ids))


def _load(options: ReprocessOptions, summary: ReprocessSummary, batch: StagedBatch, ids: list[str]) -> None:
    if not ids:
        return
    with store.connect(options.db_path, lock_timeout=options.lock_timeout) as con:
        before = _fingerprints(con, ids)
        stats = load.load_staged(con, batch, summary.run_id, dedup=options.dedup, steps=LOAD_STEPS)
        after = _fingerprints(con, ids)
    summary.articles_reprocessed += len(ids)
    summary.articles_changed += sum(1 for i in ids if before.get(i) != after.get(i))
    summary.paragraphs_new += stats.paragraphs_new


def _fingerprints(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    """A digest of everything reprocessing may change about each article, to count the articles it changed."""
    con.register("fp_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        rows = con.execute("""
            SELECT a.article_id, md5(concat_ws('|', a.title, a.author, a.page_date, a.language, a.site_name,
                   a.description, a.status, a.text_source, a.content_hash, a.paragraph_count, a.repeat_count,
                   a.nlp_status, a.nlp_version,
                   (SELECT string_agg(concat_ws(':', position, paragraph_id, repeat_of), ',' ORDER BY position)
                    FROM article_paragraphs ap WHERE ap.article_id = a.article_id),
                   (SELECT string_agg(concat_ws(':', start_char, end_char, entity_id), ',' ORDER BY start_char)
                    FROM entity_mentions m WHERE m.article_id = a.article_id),
                   (SELECT string_agg(concat_ws(':', statement_id, stance, speaker, rule), ',' ORDER BY statement_id)
                    FROM ceasefire_statements s WHERE s.article_id = a.article_id)))
            FROM articles a SEMI JOIN fp_ids USING (article_id)""").fetchall()
    finally:
        con.unregister("fp_ids")
    return dict(rows)


# --------------------------------------------------------------------------------------- reading the inputs

_ARTICLE_COLUMNS = ("article_id", "url", "canonical_url", "final_url", "feed_url", "entry_id", "published_at",
                    "source_updated_at", "fetched_at", "title", "author", "page_date", "language", "language_score",
                    "site_name", "description", "status", "text_source", "error", "entry_title", "entry_summary",
                    "entry_author")

# Per article: the archived response its stored text came from (fetched at articles.fetched_at), else its latest
# 2xx response; and where that response's body is (a revisit record's body is an earlier identical response).
_CHOSEN_RECORDS = """
WITH chosen AS (
    SELECT r.article_id, r.record_id, r.record_type, r.payload_digest, r.warc_file, r.warc_offset, r.warc_length
    FROM archive_records r JOIN articles a USING (article_id) SEMI JOIN batch_ids USING (article_id)
    WHERE r.kind IN ('article', 'import') AND r.http_status BETWEEN 200 AND 299
    QUALIFY row_number() OVER (PARTITION BY r.article_id
                               ORDER BY (r.fetched_at = a.fetched_at) DESC, r.fetched_at DESC, r.record_id) = 1
), bodies AS (
    SELECT payload_digest, warc_file, warc_offset, warc_length FROM archive_records
    WHERE record_type = 'response' AND payload_digest IN (SELECT payload_digest FROM chosen)
    QUALIFY row_number() OVER (PARTITION BY payload_digest ORDER BY fetched_at, record_id) = 1
)
SELECT c.article_id, c.record_type, c.warc_file, c.warc_offset, c.warc_length,
       b.warc_file, b.warc_offset, b.warc_length
FROM chosen c LEFT JOIN bodies b USING (payload_digest)
"""


def _read_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict]:
    rows = con.execute("""
        SELECT a.article_id, a.url, a.canonical_url, a.final_url, a.feed_url, a.entry_id, a.published_at,
               a.source_updated_at, a.fetched_at, a.title, a.author, a.page_date, a.language, a.language_score,
               a.site_name, a.description, a.status, a.text_source, a.error, fe.title, fe.summary, fe.author
        FROM articles a SEMI JOIN batch_ids USING (article_id)
        LEFT JOIN feed_entries fe ON fe.feed_url = a.feed_url AND fe.entry_id = a.entry_id""").fetchall()
    return {r[0]: dict(zip(_ARTICLE_COLUMNS, r)) for r in rows}


def _entry(row: dict) -> FeedEntry:
    return FeedEntry(feed_url=row["feed_url"], entry_id=row["entry_id"] or row["canonical_url"], link=row["url"],
                     canonical_url=row["canonical_url"], article_id=row["article_id"], title=row["entry_title"],
                     summary=row["entry_summary"], author=row["entry_author"], published_at=row["published_at"],
                     updated_at=row["source_updated_at"])


def _extracted(options: ReprocessOptions, ids: list[str], workers, summary: ReprocessSummary) -> list[ProcessedArticle]:
    """Read each article's archived response and hand it to the extraction pool (extract + dedup)."""
    from .process import process_article

    with store.connect(options.db_path, read_only=True, lock_timeout=options.lock_timeout) as con:
        con.register("batch_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
        try:
            articles = _read_articles(con, ids)
            chosen = {r[0]: r[1:] for r in con.execute(_CHOSEN_RECORDS).fetchall()}
        finally:
            con.unregister("batch_ids")
    jobs = []
    for article_id in ids:
        row = articles.get(article_id)
        record = chosen.get(article_id)
        if row is None:
            continue
        if record is None:
            summary.articles_without_archive += 1
            continue
        try:
            fetch = _fetch_from_archive(options, row, record)
        except ArchiveError as exc:
            summary.archive_records_skipped += 1
            summary.problems.append(str(exc))
            log.warning("article %s left as it is: %s", row["url"], exc)
            continue
        jobs.append((row, workers.pool.submit(process_article, _entry(row), fetch)))
    out = []
    for row, future in jobs:
        try:
            processed = future.result()
        except Exception as exc:  # a crash of the extractor leaves the stored article as it was
            summary.problems.append(f"{row['url']}: {type(exc).__name__}: {exc}")
            log.warning("reprocessing %s failed (%r); the stored article is left as it is", row["url"], exc)
            continue
        if processed.status == "failed":  # the extraction overran its budget: no reason to lose the stored text
            summary.problems.append(f"{row['url']}: {processed.fetch.error_kind}: {processed.fetch.error}")
            log.warning("reprocessing %s failed (%s); the stored article is left as it is", row["url"],
                        processed.fetch.error)
            continue
        out.append(processed)
    return out


def _fetch_from_archive(options: ReprocessOptions, row: dict, record: tuple) -> FetchResult:
    record_type, warc_file, offset, length, body_file, body_offset, body_length = record
    response = read_record(resolve_file(warc_file, options.db_path, options.archive_dir), offset, length)
    body = response.body
    if record_type == "revisit":
        if body_file is None:
            raise ArchiveError(f"revisit record of {row['url']} in {warc_file}: the response it refers to is not "
                               "in archive_records")
        body = read_record(resolve_file(body_file, options.db_path, options.archive_dir), body_offset,
                           body_length).body
    return FetchResult(url=row["url"], fetched_at=row["fetched_at"], final_url=row["final_url"],
                       http_status=response.http_status, headers=response.headers, body=body,
                       bytes_read=len(body))


def _from_store(options: ReprocessOptions, ids: list[str], *, redo_dedup: bool) -> list[ProcessedArticle]:
    """Articles rebuilt from the database (for the ``dedup`` and ``nlp`` stages without ``extract``)."""
    from ..dedup.exact import content_hash, dedup_paragraphs

    with store.connect(options.db_path, read_only=True, lock_timeout=options.lock_timeout) as con:
        con.register("batch_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
        try:
            articles = _read_articles(con, ids)
            occurrences: dict[str, list] = {}
            # each occurrence as written in its article; site boilerplate (pipeline.dedup.crossdedup) is not in the
            # stored text, so NLP alone skips it, while dedup starts again from every occurrence
            for article_id, position, pid, repeat_of, start, end, text, chrome in con.execute(
                    "SELECT ap.article_id, ap.position, ap.paragraph_id, ap.repeat_of, ap.text_start, ap.text_end, "
                    "coalesce(ap.text, p.text), coalesce(ap.boilerplate, false) FROM article_paragraphs ap "
                    "SEMI JOIN batch_ids USING (article_id) JOIN paragraphs p USING (paragraph_id) "
                    "ORDER BY ap.article_id, ap.position").fetchall():
                if chrome and not redo_dedup:
                    continue
                occurrences.setdefault(article_id, []).append(ParagraphOccurrence(position, pid, text, repeat_of,
                                                                                  start, end))
            texts = dict(con.execute("SELECT article_id, text FROM articles SEMI JOIN batch_ids USING (article_id)")
                         .fetchall())
        finally:
            con.unregister("batch_ids")
    out = []
    for article_id in ids:
        row = articles.get(article_id)
        if row is None:
            continue
        found = tuple(occurrences.get(article_id, ()))
        text = texts.get(article_id)
        extracted = Extracted(status=row["status"], text_source=row["text_source"],
                              paragraphs=tuple(o.text for o in found), title=row["title"], author=row["author"],
                              date=row["page_date"], site_name=row["site_name"], description=row["description"],
                              language=row["language"], language_score=row["language_score"], error=row["error"])
        if redo_dedup and found:
            found, text = dedup_paragraphs(extracted.paragraphs)
            text = text or None
        fetch = FetchResult(url=row["url"], fetched_at=row["fetched_at"], final_url=row["final_url"])
        out.append(ProcessedArticle(entry=_entry(row), fetch=fetch, status=row["status"], extracted=extracted,
                                    occurrences=found, text=text,
                                    content_hash=content_hash(text) if text else None))
    return out


# ------------------------------------------------------------------------------------------------- loading

_DERIVED = ("title", "author", "page_date", "language", "language_score", "site_name", "description", "status",
            "error", "text_source", "text", "content_hash", "paragraph_count", "repeat_count")

# The article row of a reprocessed article (the articles step of a reprocess load, in place of the fetch upsert):
# only what extraction and dedup derive, and only when it changed, so a no-op reprocess writes nothing and
# incremental exports see exactly the articles that changed. Everything else of the load (occurrences replaced,
# paragraphs recounted, NLP rows replaced, cross-article dedup) is the same as for a fetched batch.
UPDATE_DERIVED = f"""
UPDATE articles SET {", ".join(f"{c} = s.{c}" for c in _DERIVED)}, loaded_at = now()
FROM (SELECT * FROM {{staged.articles}} {{one_per_article}}) AS s
WHERE articles.article_id = s.article_id
  AND ({" OR ".join(f"articles.{c} IS DISTINCT FROM s.{c}" for c in _DERIVED if c != "text")})
"""
# (text is compared through content_hash, the hash of dedup's output: the stored text may since have lost site
# boilerplate to pipeline.dedup.crossdedup, which the same load then rebuilds the same way)


def update_derived(ctx: LoadContext) -> dict[str, int]:
    """Load step of a reprocess, in place of the articles step: :data:`UPDATE_DERIVED`."""
    if not ctx.has("articles"):
        return {}
    ctx.write(ctx.sql(UPDATE_DERIVED, one_per_article=ctx.one_row_per("articles", ["article_id"])))
    return {"articles": ctx.rows("articles")}


#: the load of a reprocessed batch (pipeline.load.reprocess_steps)
LOAD_STEPS = load.reprocess_steps(update_derived)
