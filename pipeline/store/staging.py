"""Staged batches: the Arrow tables one stage produces and the loader writes to DuckDB.

A :class:`StagedBatch` is a set of named Arrow tables. The CLI pass hands them straight to the loader; the
Airflow DAG writes them as Parquet files (one directory per batch, small XComs carry only the path) and a
single loader task reads them back. Both paths use the same builders, so they load identical rows.

:data:`SCHEMAS` is where a staged column is named: the load's steps (:mod:`pipeline.load`) insert ``BY NAME``
from these tables, so a column that keeps its name on the way to its table is written out here and in its
migration only (the steps name the columns they rename, derive or merge).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ..records import FeedEntry, FeedPoll, ProcessedArticle, RequestLog
from .stagingurl import MANIFEST, join, read_json, read_parquet, read_tables, write_tables

TS = pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    # one row per polled feed (upserted into `feeds`)
    "feed_polls": pa.schema([
        ("feed_url", pa.string()), ("name", pa.string()), ("tags", pa.list_(pa.string())), ("title", pa.string()),
        ("site_url", pa.string()), ("format", pa.string()), ("polled_at", TS), ("status", pa.string()),
        ("http_status", pa.int32()), ("error", pa.string()), ("bozo", pa.bool_()), ("entries", pa.int32()),
        ("succeeded", pa.bool_()),
        # incremental polling and backoff (pipeline.fetch.schedule)
        ("etag", pa.string()), ("last_modified", pa.string()), ("body_hash", pa.string()),
        ("validators_trusted", pa.bool_()), ("validators_lied", pa.bool_()), ("verified", pa.bool_()),
        ("new_entries", pa.int32()), ("ttl_s", pa.int32()), ("poll_interval_s", pa.int32()), ("next_poll_at", TS),
        ("retry_after", TS), ("unhealthy_after_s", pa.float64()),
    ]),
    # one row per feed item (upserted into `feed_entries`)
    "feed_entries": pa.schema([
        ("feed_url", pa.string()), ("entry_id", pa.string()), ("article_id", pa.string()), ("link", pa.string()),
        ("canonical_url", pa.string()), ("title", pa.string()), ("summary", pa.string()), ("author", pa.string()),
        ("published_at", TS), ("updated_at", TS), ("seen_at", TS),
    ]),
    "articles": pa.schema([
        ("article_id", pa.string()), ("url", pa.string()), ("canonical_url", pa.string()), ("final_url", pa.string()),
        ("feed_url", pa.string()), ("entry_id", pa.string()), ("title", pa.string()), ("author", pa.string()),
        ("published_at", TS), ("page_date", pa.string()), ("fetched_at", TS), ("language", pa.string()),
        ("language_score", pa.float64()), ("site_name", pa.string()), ("description", pa.string()),
        ("status", pa.string()), ("http_status", pa.int32()), ("error_kind", pa.string()), ("error", pa.string()),
        ("content_type", pa.string()), ("text_source", pa.string()), ("text", pa.string()),
        ("content_hash", pa.string()), ("paragraph_count", pa.int32()), ("repeat_count", pa.int32()),
        ("retry_after", TS), ("source_updated_at", TS),
    ]),
    # every URL a fetched article was seen under (pipeline.run.stages.key_articles), loaded into `article_urls`;
    # `replaces`: the id the article was planned under, when what the page said moved it to another one
    "article_urls": pa.schema([
        ("article_id", pa.string()), ("url", pa.string()), ("canonical_url", pa.string()), ("source", pa.string()),
        ("seen_at", TS), ("replaces", pa.string()),
    ]),
    # one row per HTTP request (pipeline.fetch.http RequestLog), loaded into `fetch_log`
    "fetch_log": pa.schema([
        ("fetch_id", pa.string()), ("kind", pa.string()), ("url", pa.string()), ("host", pa.string()),
        ("requested_at", TS), ("attempt", pa.int32()), ("conditional", pa.bool_()), ("outcome", pa.string()),
        ("http_status", pa.int32()), ("error", pa.string()), ("bytes", pa.int64()), ("elapsed_ms", pa.int32()),
        ("retry_after", TS),
    ]),
    # robots.txt files fetched in a pass (pipeline.fetch.robots), upserted into `robots_txt`
    "robots": pa.schema([
        ("origin", pa.string()), ("fetched_at", TS), ("expires_at", TS), ("status", pa.string()),
        ("http_status", pa.int32()), ("body", pa.string()), ("crawl_delay", pa.float64()),
    ]),
    "article_paragraphs": pa.schema([
        ("article_id", pa.string()), ("position", pa.int32()), ("paragraph_id", pa.string()),
        ("repeat_of", pa.int32()), ("text_start", pa.int32()), ("text_end", pa.int32()),
        ("text", pa.string()),  # as written here; the loader keeps it only where it differs from paragraphs.text
    ]),
    "paragraphs": pa.schema([
        ("paragraph_id", pa.string()), ("text", pa.string()), ("char_count", pa.int32()),
        ("first_article_id", pa.string()), ("first_seen_at", TS),
        # near-duplicate index keys from the worker (pipeline.dedup.neardup.index_keys): not stored in `paragraphs`,
        # the loader turns them into `paragraph_lsh` rows; NULL where the worker did not make them
        ("lsh_version", pa.string()), ("lsh_words", pa.int32()), ("lsh_buckets", pa.binary()),
    ]),
    # NLP: paragraph-level cache (one analysis per distinct paragraph, context and version)
    "paragraph_analyses": pa.schema([
        ("paragraph_id", pa.string()), ("context_key", pa.string()), ("version", pa.string()), ("analysed_at", TS), ("sentences", pa.int32()),
        ("entity_count", pa.int32()), ("statement_count", pa.int32()), ("context_hits", pa.int32()),
        ("heading", pa.bool_()),
    ]),
    "paragraph_entities": pa.schema([
        ("paragraph_id", pa.string()), ("context_key", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()), ("text", pa.string()),
        ("name", pa.string()), ("label", pa.string()), ("prefix", pa.string()), ("written", pa.string()),
    ]),
    "paragraph_statements": pa.schema([
        ("paragraph_id", pa.string()), ("context_key", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()), ("text", pa.string()),
        ("direct_quote", pa.bool_()), ("speaker_text", pa.string()), ("speaker_kind", pa.string()),
        ("speaker_start", pa.int32()), ("speaker_end", pa.int32()), ("stance", pa.string()),
        ("conditions", pa.list_(pa.string())), ("duration", pa.string()), ("cameo_code", pa.string()),
        ("rule", pa.string()), ("evidence", pa.string()), ("cue_start", pa.int32()), ("cue_end", pa.int32()),
    ]),
    "paragraph_quotes": pa.schema([
        ("paragraph_id", pa.string()), ("context_key", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()), ("text", pa.string()),
        ("direct", pa.bool_()), ("speaker_text", pa.string()), ("speaker_kind", pa.string()),
        ("speaker_start", pa.int32()), ("speaker_end", pa.int32()), ("speaker_name", pa.string()),
        ("cue", pa.string()), ("cue_start", pa.int32()), ("cue_end", pa.int32()), ("rule", pa.string()),
        ("opens", pa.bool_()), ("continues", pa.bool_()), ("source", pa.string()),
    ]),
    # NLP: article level
    "nlp_articles": pa.schema([("article_id", pa.string()), ("nlp_status", pa.string()), ("nlp_version", pa.string())]),
    "entities": pa.schema([
        ("entity_id", pa.string()), ("name", pa.string()), ("label", pa.string()), ("first_article_id", pa.string()),
        ("first_seen_at", TS), ("transliteration", pa.string()),  # a Latin spelling of a Cyrillic name
    ]),
    "entity_mentions": pa.schema([
        ("article_id", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()), ("entity_id", pa.string()),
        ("text", pa.string()), ("label", pa.string()), ("position", pa.int32()),
    ]),
    "ceasefire_statements": pa.schema([
        ("statement_id", pa.string()), ("article_id", pa.string()), ("paragraph_id", pa.string()),
        ("position", pa.int32()), ("start_char", pa.int32()), ("end_char", pa.int32()), ("text", pa.string()),
        ("speaker", pa.string()), ("speaker_entity_id", pa.string()), ("speaker_kind", pa.string()),
        ("direct_quote", pa.bool_()), ("stance", pa.string()), ("conditions", pa.list_(pa.string())),
        ("duration", pa.string()), ("cameo_code", pa.string()), ("rule", pa.string()), ("topic", pa.string()),
        ("quote_id", pa.string()), ("language", pa.string()),  # the article's language (en, fr, ru)
    ]),
    "quotes": pa.schema([
        ("quote_id", pa.string()), ("article_id", pa.string()), ("paragraph_id", pa.string()),
        ("position", pa.int32()), ("end_position", pa.int32()), ("start_char", pa.int32()), ("end_char", pa.int32()),
        ("text", pa.string()), ("speaker", pa.string()), ("speaker_entity_id", pa.string()),
        ("speaker_kind", pa.string()), ("source_text", pa.string()), ("speaker_start", pa.int32()),
        ("speaker_end", pa.int32()), ("cue", pa.string()), ("cue_start", pa.int32()), ("cue_end", pa.int32()),
        ("direct", pa.bool_()), ("rule", pa.string()), ("language", pa.string()),
    ]),
}


@dataclass
class StagedBatch:
    """Named Arrow tables ready for :func:`pipeline.load.load_staged`; missing tables are simply absent."""

    tables: dict[str, pa.Table] = field(default_factory=dict)

    def rows(self, name: str) -> int:
        table = self.tables.get(name)
        return 0 if table is None else table.num_rows

    def write(self, location: Path | str) -> Path | str:
        """Write as Parquet files plus a manifest into ``location``, a directory or a staging URL
        (:mod:`pipeline.store.stagingurl`), whole or not at all: a killed task leaves no half-written batch."""
        write_tables(location, self.tables)
        return location

    @classmethod
    def read(cls, location: Path | str) -> StagedBatch:
        return cls(read_tables(location, SCHEMAS))

    @classmethod
    def read_table(cls, location: Path | str, name: str) -> pa.Table | None:
        """One table of the batch staged at ``location``, without reading the others (the articles' bodies);
        None when no batch is staged there or it has no rows of ``name``."""
        manifest = read_json(join(str(location), MANIFEST))
        if not isinstance(manifest, dict) or not manifest.get(name):
            return None
        return read_parquet(join(str(location), f"{name}.parquet"), SCHEMAS.get(name))

    @classmethod
    def merge(cls, batches: Iterable[StagedBatch]) -> StagedBatch:
        grouped: dict[str, list[pa.Table]] = {}
        for batch in batches:
            for name, table in batch.tables.items():
                grouped.setdefault(name, []).append(table)
        return cls({name: pa.concat_tables(tables) for name, tables in grouped.items()})


def table(name: str, rows: list[dict]) -> pa.Table:
    """An Arrow table of one staged kind, with its declared schema."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def stage_polls(polls: Sequence[FeedPoll], *, unhealthy_after: float = 2 * 24 * 3600.0) -> StagedBatch:
    """Feed statuses, every entry the feeds listed, and the requests made."""
    return StagedBatch({
        "feed_polls": table("feed_polls", [
            {
                "feed_url": p.spec.url, "name": p.spec.name, "tags": list(p.spec.tags), "title": p.title,
                "site_url": p.site_url, "format": p.format, "polled_at": p.polled_at, "status": p.status,
                "http_status": p.http_status, "error": p.error, "bozo": p.bozo, "entries": len(p.entries),
                "succeeded": p.succeeded, "etag": p.etag, "last_modified": p.last_modified, "body_hash": p.body_hash,
                "validators_trusted": p.validators_trusted, "validators_lied": p.validators_lied,
                "verified": p.verified, "new_entries": p.new_entries, "ttl_s": p.ttl_s,
                "poll_interval_s": p.poll_interval_s, "next_poll_at": p.next_poll_at, "retry_after": p.retry_after,
                "unhealthy_after_s": unhealthy_after,
            }
            for p in polls
        ]),
        "feed_entries": entries_table([(e, p.polled_at) for p in polls for e in p.entries]),
        "fetch_log": fetch_log_table([r for p in polls for r in p.log]),
    })


def fetch_log_table(records: Iterable[RequestLog]) -> pa.Table:
    """``fetch_log`` rows; the id is a hash of what identifies a request, so a re-loaded batch adds nothing."""
    from ..urls import stable_id

    return table("fetch_log", [
        {
            "fetch_id": stable_id("fetch", r.kind, r.url, r.requested_at.isoformat(), str(r.attempt)),
            "kind": r.kind, "url": r.url, "host": r.host, "requested_at": r.requested_at, "attempt": r.attempt,
            "conditional": r.conditional, "outcome": r.outcome, "http_status": r.http_status, "error": r.error,
            "bytes": r.bytes, "elapsed_ms": int(round(r.elapsed_s * 1000)), "retry_after": r.retry_after,
        }
        for r in records
    ])


def robots_table(rules: Iterable) -> pa.Table:
    return table("robots", [
        {"origin": r.origin, "fetched_at": r.fetched_at, "expires_at": r.expires_at, "status": r.status,
         "http_status": r.http_status, "body": r.body, "crawl_delay": r.crawl_delay}
        for r in rules
    ])


def entries_table(entries: Iterable[tuple[FeedEntry, object]]) -> pa.Table:
    return table("feed_entries", [
        {
            "feed_url": e.feed_url, "entry_id": e.entry_id, "article_id": e.article_id, "link": e.link,
            "canonical_url": e.canonical_url, "title": e.title, "summary": e.summary, "author": e.author,
            "published_at": e.published_at, "updated_at": e.updated_at, "seen_at": seen_at,
        }
        for e, seen_at in entries
    ])


def entries_from_table(table: pa.Table) -> list[FeedEntry]:
    """Rebuild entries from a staged ``feed_entries`` table (the DAG passes entry batches as files)."""
    fields = [f for f in FeedEntry.__dataclass_fields__]
    return [FeedEntry(**{k: row[k] for k in fields}) for row in table.to_pylist()]


def stage_articles(batch: Sequence[ProcessedArticle]) -> StagedBatch:
    """Articles, their paragraph occurrences and the distinct paragraphs of one processed batch."""
    first_by_id: dict[str, dict] = {}
    for a in batch:
        for o in a.occurrences:
            if o.paragraph_id not in first_by_id:
                first_by_id[o.paragraph_id] = {
                    "paragraph_id": o.paragraph_id, "text": o.text, "char_count": len(o.text),
                    "first_article_id": a.entry.article_id, "first_seen_at": a.fetch.fetched_at,
                    "lsh_version": o.lsh_version, "lsh_words": o.lsh_words, "lsh_buckets": o.lsh_buckets,
                }
    return StagedBatch({
        "articles": table("articles", [_article_row(a) for a in batch]),
        "article_paragraphs": table("article_paragraphs", [
            {
                "article_id": a.entry.article_id, "position": o.position, "paragraph_id": o.paragraph_id,
                "repeat_of": o.repeat_of, "text_start": o.text_start, "text_end": o.text_end, "text": o.text,
            }
            for a in batch
            for o in a.occurrences
        ]),
        "paragraphs": table("paragraphs", list(first_by_id.values())),
    })


def _article_row(a: ProcessedArticle) -> dict:
    x, e, f = a.extracted, a.entry, a.fetch
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
        "paragraph_count": len(a.occurrences), "repeat_count": a.repeats,
        "retry_after": f.retry_after, "source_updated_at": e.updated_at,
    }
