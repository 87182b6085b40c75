"""``newsdesk import-warc``: articles from WARC files made by other tools (Common Crawl's CC-NEWS, wget
``--warc-file``, browsertrix), through the same extraction, dedup and NLP stages as a fetched page.

Each HTML ``response`` record with a 2xx status becomes an article, keyed as a live ingest keys a fetched page
(:func:`pipeline.run.stages.key_articles`): by the canonical URL the page declares when it may key it, else the
canonical form of its WARC-Target-URI (:mod:`pipeline.urls`); its source is the pseudo-feed ``warc:<file name>``. A ``revisit``
record is used when the response it repeats was seen earlier in the same file. The records are indexed in
``archive_records`` (kind ``import``, the file's absolute path), so ``newsdesk reprocess`` covers imported
articles too, as long as the files stay where they were.

Files from other tools are not always clean, and one bad record must not cost the rest: a record without a
``WARC-Target-URI`` or with a broken HTTP status line is skipped on its own; a corrupt or cut-off gzip member
is skipped and reading resumes at the next record that starts cleanly; a file that is not a WARC file at all is
skipped whole. Each is counted by reason (``skipped_reasons``), listed in ``problems`` and logged.

A page whose extraction overruns the per-page budget (``extract_timeout``) is stored ``failed`` with that
``error_kind``, as in a pass. A pass would fetch it again; an imported page has no feed to be fetched from, so
every import, after its files, extracts the earlier imported pages that timed out again, from their indexed records
(:func:`_retry_timed_out`), counted as a retried fetch is (``fetch_attempts``; ``dead`` after
``max_fetch_attempts``), whatever files it is given.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from .. import load, settings
from ..extract.core import is_html_like
from ..fetch.archive import (
    ArchivedResponse,
    ArchiveError,
    ArchiveRef,
    archive_table,
    payload_digest,
    read_record,
    resolve_file,
)
from ..nlp.stage import NlpOptions, analyse_batch
from ..options import FetchOptions
from ..records import FeedEntry, FetchResult, ProcessedArticle
from ..store import core as store
from ..store.staging import StagedBatch, stage_articles
from ..urls import article_id_for, canonical_url
from .passlock import pass_lock
from .process import process_article
from .runrecord import recorded_run

log = logging.getLogger(__name__)

ProgressHook = Callable[[str, int], None]


@dataclass
class ImportOptions:
    db_path: Path
    files: Sequence[Path]
    batch_size: int = field(default_factory=lambda: settings.default("batch_size"))
    workers: int = 1
    lock_timeout: float = 120.0
    pass_lock_wait: float = 0.0
    max_bytes: int = 10 * 1024 * 1024  # a larger body is skipped, as a fetch would have refused it
    # seconds one page's extraction may take (pipeline.extract.budget); past it the article is failed, retried
    extract_timeout: float | None = field(default_factory=lambda: settings.default("extract_timeout"))
    # an article whose extraction timed out this often is given up (``dead``), as a failing fetch is
    max_attempts: int = field(default_factory=lambda: settings.default("max_fetch_attempts"))
    nlp: NlpOptions = field(default_factory=NlpOptions)


@dataclass
class ImportSummary:
    run_id: int | None  # None: no file given was a WARC file, so nothing was opened or recorded
    status: str = "running"
    records_seen: int = 0  # response and revisit records
    articles_new: int = 0  # articles loaded (new or replacing an earlier import)
    articles_empty: int = 0
    articles_older_kept: int = 0  # captured before the text stored for them: the stored (newer) text stays
    records_not_html: int = 0  # not a 2xx HTML response, or too large: skipped
    archive_records_skipped: int = 0  # bad records skipped: truncated, corrupt, no target URI, bad status line
    files_given: int = 0
    files_skipped: int = 0  # files not read at all: not a WARC file, unreadable
    paragraphs_new: int = 0
    repeats_removed: int = 0
    extractions_retried: int = 0  # earlier imported pages whose extraction had timed out, extracted again
    seconds: float = 0.0
    skipped_reasons: dict[str, int] = field(default_factory=dict)  # reason -> records (or files) skipped
    problems: list[str] = field(default_factory=list)

    def skip(self, reason: str, message: str, *, whole_file: bool = False) -> None:
        """Count one skipped record (or file) under ``reason`` and keep the message that says where and why."""
        if whole_file:
            self.files_skipped += 1
        else:
            self.archive_records_skipped += 1
        self.skipped_reasons[reason] = self.skipped_reasons.get(reason, 0) + 1
        self.problems.append(message)
        log.warning("%s", message)

    def counts(self) -> dict[str, int]:
        return {"articles_new": self.articles_new, "articles_empty": self.articles_empty,
                "archive_records_skipped": self.archive_records_skipped, "paragraphs_new": self.paragraphs_new,
                "repeats_removed": self.repeats_removed}

    def as_dict(self) -> dict:
        return asdict(self)

    def completed_status(self) -> str:
        """``no_warc_files`` when not one file given could be read as a WARC file (the CLI exits 3), else ``ok``."""
        return NO_WARC_FILES if self.files_given and self.files_skipped >= self.files_given else "ok"


#: the status of an import none of whose files was a (readable) WARC file: nothing could be imported
NO_WARC_FILES = "no_warc_files"


def import_warc(options: ImportOptions, *, progress: ProgressHook | None = None) -> ImportSummary:
    """Import every article of ``options.files``; recorded in ``runs`` (kind ``import-warc``)."""
    notify = progress or (lambda event, n: None)
    problems = [problem for problem in map(_why_not_readable, options.files) if problem is not None]
    if options.files and len(problems) == len(options.files):
        # checked before the database is opened: an import with nothing to import creates no database, no pass
        # lock file and no run row (the summary still says no_warc_files, and the CLI exits 3)
        summary = ImportSummary(run_id=None, files_given=len(options.files))
        for reason, message in problems:
            summary.skip(reason, message, whole_file=True)
        summary.status = summary.completed_status()
        return summary
    described = {"db_path": str(options.db_path), "files": [str(f) for f in options.files]}
    with pass_lock(options.db_path, wait=options.pass_lock_wait), recorded_run(
            options.db_path, "import-warc", described, ImportSummary, lock_timeout=options.lock_timeout) as summary:
        _run(options, summary, notify)
    return summary


def _run(options: ImportOptions, summary: ImportSummary, notify: ProgressHook) -> None:
    from .stages import Workers

    summary.files_given = len(options.files)
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
        # last, so a page this import's files hold again (loaded by this run) is not extracted twice
        _retry_timed_out(options, summary, workers, notify)
    if summary.skipped_reasons:
        log.warning("import-warc skipped %d records and %d files: %s", summary.archive_records_skipped,
                    summary.files_skipped, ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped_reasons.items())))


def _articles(path: Path, options: ImportOptions, summary: ImportSummary) -> Iterator[tuple[FeedEntry, FetchResult, ArchiveRef]]:
    # payload digest -> (offset, length) of the response holding the body, for this file's revisit records: the
    # body is read again when needed rather than kept (a CC-NEWS file holds tens of thousands of pages)
    originals: dict[str, tuple[int, int]] = {}
    source = f"warc:{path.name}"
    for response in _responses(path, summary):
        summary.records_seen += 1
        content_type = _header(response, "content-type")
        body = response.body
        if response.record_type == "revisit":
            where = originals.get(response.payload_digest or "")
            if where is None:
                summary.records_not_html += 1
                continue
            try:
                body = read_record(path, *where).body
            except ArchiveError as exc:
                summary.skip(CORRUPT, f"{path}: revisit record at offset {response.offset} skipped: {exc}")
                continue
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


# ----------------------------------------------------------------------------------------- reading WARC files

NO_TARGET_URI = "no WARC-Target-URI"
BAD_STATUS_LINE = "bad HTTP status line"
CORRUPT = "truncated or corrupt record"
NOT_WARC = "not a WARC file"
UNREADABLE = "unreadable file"

_GZIP_MAGIC = b"\x1f\x8b\x08"
_STATUS_LINE = re.compile(r"HTTP/\d(?:\.\d)? +[1-5]\d\d(?: .*)?", re.DOTALL)
_WARC_START = re.compile(rb"(?:^|\n)(WARC/(?:1\.[01]|0\.1[78])\r?\n)")
_SCAN_CHUNK = 1 << 20


class _BadRecord(Exception):
    """A record that is readable as a record but unusable (no target URI, a broken status line): skip it alone."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def _responses(path: Path, summary: ImportSummary) -> Iterator[ArchivedResponse]:
    """Every response and revisit record of one file, in file order, skipping (and counting) what is bad.

    warcio's iterator dies with the first bad record and takes the rest of the file with it, so records are
    read here with ``no_record_parse`` (the HTTP head is parsed and checked by :func:`_response`), and after a
    corrupt stretch a new iterator starts at the next record that begins cleanly (:func:`_next_record_start`).
    """
    problem = _why_not_readable(path)
    if problem is not None:
        summary.skip(*problem, whole_file=True)
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; the generator may stop anywhere)
    except OSError as exc:  # gone since it was checked
        summary.skip(UNREADABLE, f"{path}: cannot read it ({exc.strerror or exc}); file skipped", whole_file=True)
        return
    with handle:
        gzipped = handle.read(3) == _GZIP_MAGIC
        start: int | None = 0
        while start is not None:
            bad_at = yield from _read_from(handle, path, start, summary)
            start = None if bad_at is None else _next_record_start(handle, bad_at, gzipped)


def _read_from(handle, path: Path, start: int, summary: ImportSummary):
    """Yield the records from ``start`` on; return the offset of a corrupt record (None: the file's end)."""
    from warcio.archiveiterator import WARCIterator

    handle.seek(start)
    records = WARCIterator(handle, no_record_parse=True)
    at = start
    while True:
        try:
            # the previous record read to its end (a no-op if it was): warcio's offset is then the next record's
            records.read_to_end()
            at = records.offset
            record = next(records)
            response = _response(records, record)
        except StopIteration:
            return None
        except _BadRecord as exc:
            summary.skip(exc.reason, f"{path}: record at offset {at} skipped: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 (warcio, zlib and the reader raise many kinds; all mean corrupt)
            summary.skip(CORRUPT, f"{path}: {CORRUPT} at offset {at} skipped ({type(exc).__name__}: {_brief(exc)})")
            return at
        if response is not None:
            yield response


def _response(records, record) -> ArchivedResponse | None:
    """One record as an :class:`ArchivedResponse`; None for records that are not responses (warcinfo, request)."""
    from warcio.statusandheaders import StatusAndHeadersParser

    rtype = record.rec_type
    if rtype not in ("response", "revisit"):
        return None
    headers = record.rec_headers
    target = headers.get_header("WARC-Target-URI")
    if not target:
        raise _BadRecord(NO_TARGET_URI, f"a {rtype} record without WARC-Target-URI (which page it is is unknown)")
    target = target.strip("<>")
    http = None
    if target.startswith(("http:", "https:")) and record.length:
        try:
            http = StatusAndHeadersParser(["HTTP/"], verify=False).parse(record.raw_stream)
        except EOFError:  # a revisit without an HTTP head is allowed
            http = None
        if http is not None:
            line = f"{http.protocol} {http.statusline}".strip()
            if not _STATUS_LINE.fullmatch(line):
                raise _BadRecord(BAD_STATUS_LINE, f"{BAD_STATUS_LINE} {line[:80]!r} for {target}")
            record.http_headers = http  # so content_stream() undoes chunking and Content-Encoding
    body = record.content_stream().read() if rtype == "response" else b""
    length = records.get_record_length()  # reads the record to its end
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise EOFError(f"the record ends {missing} bytes short of its Content-Length")
    return ArchivedResponse(
        record_id=headers.get_header("WARC-Record-ID"), record_type=rtype, target_uri=target,
        date=headers.get_header("WARC-Date"), http_status=int(http.get_statuscode()) if http is not None else None,
        headers=tuple(http.headers) if http is not None else (), body=body,
        payload_digest=headers.get_header("WARC-Payload-Digest"), offset=records.get_record_offset(), length=length,
    )


def _brief(exc: Exception) -> str:
    """An exception's message fit for one log line: warcio quotes the raw bytes it choked on (binary, long)."""
    text = " ".join(str(exc).encode("ascii", "backslashreplace").decode("ascii").split())
    return text if len(text) <= 160 else text[:157] + "..."


def _why_not_readable(path: Path) -> tuple[str, str] | None:
    """(reason, message) when ``path`` cannot be opened or does not start like a WARC file; None when it does."""
    try:
        with open(path, "rb") as handle:
            why_not = _not_warc(handle)
    except OSError as exc:
        return UNREADABLE, f"{path}: cannot read it ({exc.strerror or exc}); file skipped"
    return (NOT_WARC, f"{path}: {why_not}; file skipped") if why_not else None


def _not_warc(handle) -> str | None:
    """Why the file is not a WARC file (None: it starts like one). A gzip file whose first member is corrupt is
    read as a WARC file: its later records may be fine."""
    handle.seek(0)
    head = handle.read(4096)
    handle.seek(0)
    if not head:
        return "an empty file, not a WARC file"
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return None
    if head.startswith(b"WARC/"):
        return None
    return f"not a WARC file: it starts with {head[:16]!r} where a WARC file starts with b'WARC/'"


def _next_record_start(handle, after: int, gzipped: bool) -> int | None:
    """The offset of the first record after the corrupt one at ``after`` (None: no more records).

    In a gzip file that is the end of the bad member when it decompresses (its WARC content was bad), else the
    next gzip header whose content begins with ``WARC/``; in a plain file, the next line ``WARC/1.x``.
    """
    if gzipped:
        end = _member_end(handle, after)
        if end is not None:
            return end if _gzip_record_at(handle, end) else _scan(handle, end, gzipped)
    return _scan(handle, after + 1, gzipped)


def _member_end(handle, start: int) -> int | None:
    handle.seek(start)
    inflater = zlib.decompressobj(31)
    consumed = 0
    try:
        while not inflater.eof:
            chunk = handle.read(_SCAN_CHUNK)
            if not chunk:
                return None
            inflater.decompress(chunk)
            consumed += len(chunk)
    except zlib.error:
        return None
    return start + consumed - len(inflater.unused_data)


def _gzip_record_at(handle, offset: int) -> bool:
    handle.seek(offset)
    data = handle.read(4096)
    if not data.startswith(_GZIP_MAGIC):
        return False
    try:
        return zlib.decompressobj(31).decompress(data, 8).startswith(b"WARC/")
    except zlib.error:
        return False


def _scan(handle, offset: int, gzipped: bool) -> int | None:
    """The next clean record start at or after ``offset``, reading the file in chunks (a CC-NEWS file is ~1 GB)."""
    overlap = 16
    while True:
        handle.seek(offset)
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            return None
        if gzipped:
            found = chunk.find(_GZIP_MAGIC)
            while found >= 0:
                if _gzip_record_at(handle, offset + found):
                    return offset + found
                found = chunk.find(_GZIP_MAGIC, found + 1)
        else:
            match = _WARC_START.search(chunk)
            if match:
                return offset + match.start(1)
        if len(chunk) < _SCAN_CHUNK:
            return None
        offset += len(chunk) - overlap


def _process_and_load(options: ImportOptions, summary: ImportSummary, workers, items, notify: ProgressHook) -> None:
    futures = [(entry, workers.pool.submit(process_article, entry, fetch, options.extract_timeout))
               for entry, fetch, _ in items]
    processed = []
    for entry, future in futures:
        try:
            processed.append(future.result())
        except Exception as exc:
            summary.problems.append(f"{entry.link}: {type(exc).__name__}: {exc}")
            log.warning("extracting %s failed: %r", entry.link, exc)
        notify("article_done", 1)
    processed, urls, refs = _keyed(options, processed, [ref for _, _, ref in items])
    batch = StagedBatch.merge([
        stage_articles(processed),
        analyse_batch(processed, workers.pool, db_path=options.db_path, options=options.nlp),
        StagedBatch({"archive_records": archive_table(refs), "article_urls": urls}),
    ])
    with store.connect(options.db_path, lock_timeout=options.lock_timeout) as con:
        stats = load.load_staged(con, batch, summary.run_id, max_attempts=options.max_attempts)
    for article in processed:
        if article.status == "failed":  # an extraction past its budget: retried by the next import
            summary.problems.append(f"{article.entry.link}: {article.fetch.error_kind}: {article.fetch.error}")
    summary.articles_new += sum(1 for a in processed if a.status != "failed") - stats.older_captures
    summary.articles_older_kept += stats.older_captures
    summary.articles_empty += sum(1 for a in processed if a.status == "empty")
    summary.paragraphs_new += stats.paragraphs_new
    summary.repeats_removed += sum(a.repeats for a in processed)


# Imported articles whose extraction timed out, with attempts left, and the import record each was loaded from
# (fetched at articles.fetched_at, else the latest), with where its body is (a revisit's is an earlier response)
_TIMED_OUT = """
WITH chosen AS (
    SELECT a.article_id, a.url, a.canonical_url, a.feed_url, a.entry_id, r.record_id, r.record_type,
           r.payload_digest, r.warc_file, r.warc_offset, r.warc_length, r.fetched_at, r.http_status, r.content_type
    FROM articles a JOIN archive_records r USING (article_id)
    WHERE a.status = 'failed' AND a.error_kind = 'extract_timeout' AND NOT coalesce(a.dead, false)
      AND a.fetch_attempts < $max_attempts AND a.feed_url LIKE 'warc:%' AND a.last_run_id IS DISTINCT FROM $run_id
      AND r.kind = 'import' AND r.http_status BETWEEN 200 AND 299
    QUALIFY row_number() OVER (PARTITION BY a.article_id
                               ORDER BY (r.fetched_at = a.fetched_at) DESC, r.fetched_at DESC, r.record_id) = 1
), bodies AS (
    SELECT payload_digest, warc_file, warc_offset, warc_length FROM archive_records
    WHERE record_type = 'response' AND payload_digest IN (SELECT payload_digest FROM chosen)
    QUALIFY row_number() OVER (PARTITION BY payload_digest ORDER BY fetched_at, record_id) = 1
)
SELECT c.*, b.warc_file, b.warc_offset, b.warc_length
FROM chosen c LEFT JOIN bodies b USING (payload_digest)
ORDER BY c.fetched_at, c.article_id
"""


def _retry_timed_out(options: ImportOptions, summary: ImportSummary, workers, notify: ProgressHook) -> None:
    """Extract again, from their records, the imported pages whose extraction timed out on an earlier import.

    Why: a pass fetches a failed page again (its feed lists it); an imported page is listed by no feed, so
    without this a page that was slow once (a busy machine, a budget set low) stayed failed for good. Each
    retry is an attempt (``fetch_attempts``) and the article is ``dead`` after ``max_attempts``, as a fetch's."""
    with store.connect(options.db_path, read_only=True, lock_timeout=options.lock_timeout) as con:
        if not store.scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'archive_records'"):
            return
        rows = con.execute(_TIMED_OUT, {"max_attempts": options.max_attempts, "run_id": summary.run_id}).fetchall()
    pending: list[tuple[FeedEntry, FetchResult, ArchiveRef]] = []
    for row in rows:
        try:
            pending.append(_from_record(options, *row))
        except ArchiveError as exc:  # the file moved or broke: the article stays failed, with its attempts
            summary.problems.append(f"{row[1]}: not retried: {exc}")
            log.warning("%s: extraction not retried: %s", row[1], exc)
            continue
        summary.extractions_retried += 1
        if len(pending) >= options.batch_size:
            _process_and_load(options, summary, workers, pending, notify)
            pending = []
    if pending:
        _process_and_load(options, summary, workers, pending, notify)
    if rows:
        log.info("%d imported pages whose extraction had timed out were extracted again", summary.extractions_retried)


def _from_record(options: ImportOptions, article_id, link, canonical, feed_url, entry_id, record_id, record_type,
                 digest, warc_file, offset, length, fetched_at, http_status, content_type, body_file, body_offset,
                 body_length) -> tuple[FeedEntry, FetchResult, ArchiveRef]:
    response = read_record(resolve_file(warc_file, options.db_path), offset, length)
    body = response.body
    if record_type == "revisit":
        if body_file is None:
            raise ArchiveError(f"revisit record {record_id}: the response it repeats is not in archive_records")
        body = read_record(resolve_file(body_file, options.db_path), body_offset, body_length).body
    entry = FeedEntry(feed_url=feed_url, entry_id=entry_id or canonical, link=link, canonical_url=canonical,
                      article_id=article_id, title=None, summary=None, author=None, published_at=None,
                      updated_at=None)
    fetch = FetchResult(url=link, fetched_at=fetched_at, final_url=link, http_status=http_status,
                        headers=response.headers, body=body, bytes_read=len(body))
    ref = ArchiveRef(record_id=record_id, kind="import", url=link, target_uri=response.target_uri or link,
                     article_id=article_id, fetched_at=fetched_at, http_status=http_status, content_type=content_type,
                     warc_file=warc_file, warc_offset=offset, warc_length=length, record_type=record_type,
                     payload_digest=digest, payload_bytes=len(body))
    return entry, fetch, ref


def _keyed(options: ImportOptions, processed: list[ProcessedArticle], refs: list[ArchiveRef],
           ) -> tuple[list[ProcessedArticle], pa.Table, list[ArchiveRef]]:
    """Key the batch as a live ingest keys it (:func:`pipeline.run.stages.key_articles`): by the page's declared
    canonical URL when :func:`pipeline.urls.page_canonical` honours it, or the stored article that URL is known
    for. Why: keyed by the response URL alone, a page imported from a WARC file and the same page fetched live
    (an AMP or tracking URL in one, the plain one in the other) were two articles."""
    from .stages import key_articles

    kept, urls, moved = key_articles(processed, options.db_path)
    # the URL a record was captured from is no feed's link: recorded as requested, as the loader records imports
    source = urls.column("source")
    urls = urls.set_column(urls.column_names.index("source"), "source",
                           pc.if_else(pc.equal(source, "feed"), "fetched", source))
    refs = [replace(r, article_id=moved[r.article_id]) if r.article_id in moved else r for r in refs]
    return kept, urls, refs


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
