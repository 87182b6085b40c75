"""``newsdesk import-warc``: articles from WARC files made by other tools (Common Crawl's CC-NEWS, wget
``--warc-file``, browsertrix), through the same extraction, dedup and NLP stages as a fetched page.

Each HTML ``response`` record with a 2xx status becomes an article: its id comes from the canonical form of
its WARC-Target-URI (:mod:`pipeline.urls`), its source is the pseudo-feed ``warc:<file name>``. A ``revisit``
record is used when the response it repeats was seen earlier in the same file. The records are indexed in
``archive_records`` (kind ``import``, the file's absolute path), so ``newsdesk reprocess`` covers imported
articles too, as long as the files stay where they were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import store
from .archive import ArchiveRef, ArchivedResponse, archive_table, iter_responses, payload_digest, read_record
from .extract import is_html_like
from .nlp.stage import NlpOptions, analyse_batch
from .options import FetchOptions
from .passlock import pass_lock
from .process import process_article
from .records import FeedEntry, FetchResult
from .runrecord import recorded_run
from .staging import StagedBatch, stage_articles
from .urls import article_id_for, canonical_url

log = logging.getLogger(__name__)

ProgressHook = Callable[[str, int], None]


@dataclass
class ImportOptions:
    db_path: Path
    files: Sequence[Path]
    batch_size: int = 100
    workers: int = 1
    lock_timeout: float = 120.0
    pass_lock_wait: float = 0.0
    max_bytes: int = 10 * 1024 * 1024  # a larger body is skipped, as a fetch would have refused it
    nlp: NlpOptions = field(default_factory=NlpOptions)


@dataclass
class ImportSummary:
    run_id: int
    status: str = "running"
    records_seen: int = 0  # response and revisit records
    articles_new: int = 0  # articles loaded (new or replacing an earlier import)
    articles_empty: int = 0
    records_not_html: int = 0  # not a 2xx HTML response, or too large: skipped
    archive_records_skipped: int = 0  # truncated or corrupt records (the rest of that file is unreadable)
    paragraphs_new: int = 0
    repeats_removed: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"articles_new": self.articles_new, "articles_empty": self.articles_empty,
                "archive_records_skipped": self.archive_records_skipped, "paragraphs_new": self.paragraphs_new,
                "repeats_removed": self.repeats_removed}

    def as_dict(self) -> dict:
        return asdict(self)


def import_warc(options: ImportOptions, *, progress: ProgressHook | None = None) -> ImportSummary:
    """Import every article of ``options.files``; recorded in ``runs`` (kind ``import-warc``)."""
    notify = progress or (lambda event, n: None)
    described = {"db_path": str(options.db_path), "files": [str(f) for f in options.files]}
    with pass_lock(options.db_path, wait=options.pass_lock_wait), recorded_run(
            options.db_path, "import-warc", described, ImportSummary, lock_timeout=options.lock_timeout) as summary:
        _run(options, summary, notify)
    return summary


def _run(options: ImportOptions, summary: ImportSummary, notify: ProgressHook) -> None:
    from .stages import Workers

    with Workers(FetchOptions(), workers=options.workers, pages=options.batch_size) as workers:
        pending: list[tuple[FeedEntry, FetchResult, ArchiveRef]] = []
        for path in options.files:
            for item in _articles(Path(path), options, summary):
                pending.append(item)
                if len(pending) >= options.batch_size:
                    _process_and_load(options, summary, workers, pending, notify)
                    pending = []
        if pending:
            _process_and_load(options, summary, workers, pending, notify)


def _articles(path: Path, options: ImportOptions, summary: ImportSummary) -> Iterator[tuple[FeedEntry, FetchResult, ArchiveRef]]:
    skipped: list[str] = []
    # payload digest -> (offset, length) of the response holding the body, for this file's revisit records: the
    # body is read again when needed rather than kept (a CC-NEWS file holds tens of thousands of pages)
    originals: dict[str, tuple[int, int]] = {}
    source = f"warc:{path.name}"
    for response in iter_responses(path, skipped=skipped):
        summary.records_seen += 1
        content_type = _header(response, "content-type")
        body = response.body
        if response.record_type == "revisit":
            where = originals.get(response.payload_digest or "")
            if where is None:
                summary.records_not_html += 1
                continue
            body = read_record(path, *where).body
        if (response.http_status is None or not 200 <= response.http_status < 300 or not response.target_uri
                or not response.target_uri.startswith(("http://", "https://"))
                or not is_html_like(content_type, body) or len(body) > options.max_bytes):
            summary.records_not_html += 1
            continue
        digest = payload_digest(body)
        if response.record_type == "response":
            originals.setdefault(response.payload_digest or digest, (response.offset, response.length))
        try:
            canonical = canonical_url(response.target_uri)
        except ValueError:
            summary.records_not_html += 1
            continue
        fetched_at = _warc_time(response.date)
        entry = FeedEntry(feed_url=source, entry_id=canonical, link=response.target_uri, canonical_url=canonical,
                          article_id=article_id_for(canonical), title=None, summary=None, author=None,
                          published_at=None, updated_at=None)
        fetch = FetchResult(url=response.target_uri, fetched_at=fetched_at, final_url=response.target_uri,
                            http_status=response.http_status, headers=response.headers, body=body,
                            bytes_read=len(body))
        ref = ArchiveRef(record_id=response.record_id or f"{path}#{response.offset}", kind="import",
                         url=response.target_uri, target_uri=response.target_uri, article_id=entry.article_id,
                         fetched_at=fetched_at, http_status=response.http_status, content_type=content_type,
                         warc_file=str(path.resolve()), warc_offset=response.offset, warc_length=response.length,
                         record_type=response.record_type, payload_digest=response.payload_digest or digest,
                         payload_bytes=len(body))
        yield entry, fetch, ref
    summary.archive_records_skipped += len(skipped)
    summary.problems.extend(skipped)


def _process_and_load(options: ImportOptions, summary: ImportSummary, workers, items, notify: ProgressHook) -> None:
    futures = [(entry, workers.pool.submit(process_article, entry, fetch)) for entry, fetch, _ in items]
    processed = []
    for entry, future in futures:
        try:
            processed.append(future.result())
        except Exception as exc:
            summary.problems.append(f"{entry.link}: {type(exc).__name__}: {exc}")
            log.warning("extracting %s failed: %r", entry.link, exc)
        notify("article_done", 1)
    batch = StagedBatch.merge([
        stage_articles(processed),
        analyse_batch(processed, workers.pool, db_path=options.db_path, options=options.nlp),
        StagedBatch({"archive_records": archive_table([ref for _, _, ref in items])}),
    ])
    with store.connect(options.db_path, lock_timeout=options.lock_timeout) as con:
        stats = store.load_staged(con, batch, summary.run_id)
    summary.articles_new += sum(1 for a in processed if a.status != "failed")
    summary.articles_empty += sum(1 for a in processed if a.status == "empty")
    summary.paragraphs_new += stats.paragraphs_new
    summary.repeats_removed += sum(a.repeats for a in processed)


def _header(response: ArchivedResponse, name: str) -> str | None:
    for key, value in response.headers:
        if key.lower() == name:
            return value
    return None


def _warc_time(value: str | None) -> datetime:
    if value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            pass
    return datetime.now(UTC)
