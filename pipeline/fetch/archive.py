"""The raw archive: every fetched response kept as a WARC record, so later code can re-read what was fetched.

Writing (:class:`ArchiveWriter`, owned by :class:`pipeline.run.stages.Workers`): each response a fetch thread gets
(feed or article) is appended to a gzip-per-record WARC/1.1 file in the archive directory, one file per writer
(timestamp, pid and a random part in its name, so concurrent passes and Airflow tasks never share a file),
rolled by size or at midnight UTC. A record is built whole in memory and written with one ``write`` and a
flush, then indexed: a crash leaves every earlier record readable and at worst a truncated last one, which
the readers here skip with a message. A body whose payload digest is already archived (in this writer, or in
``archive_records`` for the same article) is written as a ``revisit`` record without its body.

The index is the ``archive_records`` table (``sql/migrations/0007_archive.sql``): file, offset, length and
payload digest of each record, loaded in the same transaction as the batch that fetched it.

Bodies are stored as newsdesk read them, i.e. after undoing any Content-Encoding; the HTTP headers say so
(``Content-Encoding`` and ``Content-Length`` are renamed ``X-Archive-Orig-*``, as other archiving tools do), so
standard readers do not try to decompress a body that is no longer compressed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from http import HTTPStatus
from pathlib import Path

import pyarrow as pa

from ..errors import NewsdeskError
from ..options import ArchiveOptions
from ..records import FetchResult
from ..store.core import LoadContext, connect, scalar
from ..version import __version__

log = logging.getLogger(__name__)

#: headers that describe the bytes on the wire, not the body as stored: renamed so readers do not act on them
_WIRE_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
_TS = pa.timestamp("us", tz="UTC")

ARCHIVE_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("kind", pa.string()), ("url", pa.string()), ("target_uri", pa.string()),
    ("article_id", pa.string()), ("fetched_at", _TS), ("http_status", pa.int32()), ("content_type", pa.string()),
    ("warc_file", pa.string()), ("warc_offset", pa.int64()), ("warc_length", pa.int64()),
    ("record_type", pa.string()), ("payload_digest", pa.string()), ("payload_bytes", pa.int64()),
    ("refers_to", pa.string()),
])

# Record ids are unique per record, so a batch loaded twice (a retried Airflow loader) adds nothing.
_LOAD_RECORDS = """
INSERT INTO archive_records BY NAME
SELECT *, $run_id AS run_id FROM {staged.archive_records}
{one_per_record}
ON CONFLICT (record_id) DO NOTHING
"""


def load_records(ctx: LoadContext) -> dict[str, int]:
    """Load step: the WARC index of the batch's responses (``archive_records``, issue #9), under the load's run."""
    if ctx.has("archive_records"):
        # (run directly, not through ctx.write: the index is not counted in the load's rows_written)
        ctx.con.execute(ctx.sql(_LOAD_RECORDS, one_per_record=ctx.one_row_per("archive_records", ["record_id"])),
                        {"run_id": ctx.run_id}).fetchall()
    return {}


class ArchiveError(NewsdeskError):
    """A WARC record could not be read (missing file, truncated or corrupt record)."""


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest of a body: ``sha1:`` + base32, as web archives write it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass(frozen=True)
class ArchiveRef:
    """Where one response went: a row of ``archive_records``."""

    record_id: str
    kind: str  # feed | article | import
    url: str  # the URL requested
    target_uri: str  # the URL that answered (after redirects): WARC-Target-URI
    article_id: str | None
    fetched_at: datetime
    http_status: int | None
    content_type: str | None
    warc_file: str  # relative to the database's directory when inside it, else absolute
    warc_offset: int
    warc_length: int
    record_type: str  # response | revisit
    payload_digest: str
    payload_bytes: int
    refers_to: str | None = None  # revisit: the record id of the response holding the body


def archive_table(refs: Sequence[ArchiveRef]) -> pa.Table:
    return pa.Table.from_pylist([
        {name: getattr(r, name) for name in ARCHIVE_SCHEMA.names} for r in refs
    ], schema=ARCHIVE_SCHEMA)


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _http_headers(result: FetchResult, body: bytes):
    from warcio.statusandheaders import StatusAndHeaders

    status = result.http_status or 0
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    headers = []
    for name, value in result.headers:
        if name.lower() in _WIRE_HEADERS:
            headers.append((f"X-Archive-Orig-{name}", value))
        else:
            headers.append((name, value))
    headers.append(("Content-Length", str(len(body))))
    return StatusAndHeaders(f"{status} {phrase}", headers, protocol="HTTP/1.1")


class ArchiveWriter:
    """Appends responses to this writer's own WARC files; thread-safe (the fetch threads of one pass share it).

    ``write`` returns an :class:`ArchiveRef`, also kept until :meth:`drain` hands them to the stage that loads
    them. Files are opened on the first record, so a writer that archives nothing leaves no file.
    """

    def __init__(self, options: ArchiveOptions) -> None:
        self.options = options
        self._lock = threading.Lock()
        self._file = None
        self._path: Path | None = None
        self._day: date | None = None
        self._known: dict[str, tuple[str, str, str]] = {}  # payload digest -> (record id, target uri, WARC-Date)
        self._pending: list[ArchiveRef] = []
        self.records = 0
        self.revisits = 0
        self.bytes_written = 0
        self._failed = False

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._close_file()

    # ----------------------------------------------------------------------------------------------- digests

    def preload(self, db_path: Path | None, *, article_ids: Sequence[str] = (), urls: Sequence[str] = (),
                lock_timeout: float = 120.0) -> None:
        """Learn the payload digests already archived for these articles/URLs (read-only), so a re-fetch whose
        body did not change is stored as a revisit record."""
        if db_path is None or not Path(db_path).exists() or not (article_ids or urls):
            return
        with connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
            if not scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'archive_records'"):
                return
            con.register("wanted_archive", pa.table({
                "article_id": pa.array(list(article_ids) or [None], pa.string()),
            }))
            con.register("wanted_urls", pa.table({"url": pa.array(list(urls) or [None], pa.string())}))
            try:
                # the digests of any record of these articles (a revisit too), and the response holding each body
                rows = con.execute(
                    "SELECT payload_digest, record_id, target_uri, fetched_at FROM archive_records "
                    "WHERE record_type = 'response' AND payload_digest IN (SELECT payload_digest FROM archive_records "
                    "WHERE article_id IN (SELECT article_id FROM wanted_archive) "
                    "OR url IN (SELECT url FROM wanted_urls)) ORDER BY fetched_at, record_id").fetchall()
            finally:
                con.unregister("wanted_archive")
                con.unregister("wanted_urls")
        with self._lock:
            for digest, record_id, target, fetched_at in rows:
                self._known.setdefault(digest, (record_id, target, _warc_date(fetched_at)))

    # ------------------------------------------------------------------------------------------------ writing

    def write(self, result: FetchResult, *, kind: str, article_id: str | None = None) -> ArchiveRef | None:
        """Archive one response; None when there was no response to keep (timeout, refusal, robots.txt)."""
        if result.http_status is None or result.body is None or result.error_kind is not None:
            return None
        body = result.body
        digest = payload_digest(body)
        target = result.final_url or result.url
        with self._lock:
            if self._failed:
                return None
            try:
                ref = self._write_locked(result, body, digest, target, kind=kind, article_id=article_id)
            except OSError as exc:
                # The pass goes on without the archive rather than losing its articles; said loudly, once.
                log.error("cannot write the WARC archive in %s (%s); archiving is off for the rest of this pass",
                          self.options.directory, exc)
                self._failed = True
                self._close_file()
                return None
            self._pending.append(ref)
            return ref

    def _write_locked(self, result: FetchResult, body: bytes, digest: str, target: str, *, kind: str,
                      article_id: str | None) -> ArchiveRef:
        from warcio.warcwriter import WARCWriter

        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
        record_id = f"<urn:uuid:{uuid.uuid4()}>"
        warc_headers = {
            "WARC-Record-ID": record_id,
            "WARC-Date": _warc_date(result.fetched_at),
            "WARC-Payload-Digest": digest,
            "WARC-Identified-Payload-Type": (result.content_type or "").split(";", 1)[0].strip()
                                            or "application/octet-stream",
            "X-Newsdesk-Request-URI": result.url,
            "X-Newsdesk-Kind": kind,
        }
        if body == b"" and result.header("content-length") not in (None, "0"):
            warc_headers["WARC-Truncated"] = "unspecified"  # a non-HTML page we chose not to download
        http_headers = _http_headers(result, body)
        original = self._known.get(digest) if body else None
        if original is not None:
            refers_id, refers_uri, refers_date = original
            warc_headers["WARC-Refers-To"] = refers_id
            record = writer.create_revisit_record(target, digest, refers_uri, refers_date,
                                                  http_headers=http_headers, warc_headers_dict=warc_headers)
            record_type = "revisit"
        else:
            record = writer.create_warc_record(target, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=http_headers, warc_headers_dict=warc_headers)
            record_type = "response"
        writer.write_record(record)
        data = buffer.getvalue()
        handle, path = self._current_file(len(data))
        offset = handle.tell()
        handle.write(data)  # one whole gzip member, then flushed: earlier records never depend on later writes
        handle.flush()
        self.bytes_written += len(data)
        self.records += 1
        if record_type == "revisit":
            self.revisits += 1
        else:
            self._known[digest] = (record_id, target, _warc_date(result.fetched_at))
        return ArchiveRef(
            record_id=record_id, kind=kind, url=result.url, target_uri=target, article_id=article_id,
            fetched_at=result.fetched_at, http_status=result.http_status, content_type=result.content_type,
            warc_file=self._stored_name(path), warc_offset=offset, warc_length=len(data), record_type=record_type,
            payload_digest=digest, payload_bytes=len(body), refers_to=original[0] if original else None,
        )

    def drain(self) -> pa.Table:
        """The ``archive_records`` rows written since the last drain (for the batch being staged)."""
        with self._lock:
            pending, self._pending = self._pending, []
        return archive_table(pending)

    def _stored_name(self, path: Path) -> str:
        base = self.options.relative_to
        if base is not None:
            try:
                return os.path.relpath(path, base)
            except ValueError:  # another drive (Windows)
                pass
        return str(path)

    def _current_file(self, size: int):
        today = datetime.now(UTC).date()
        if self._file is not None:
            too_big = self._file.tell() > 0 and self._file.tell() + size > self.options.max_file_bytes
            if too_big or (self.options.roll_daily and today != self._day):
                self._close_file()
        if self._file is None:
            self._open_file(today)
        return self._file, self._path

    def _open_file(self, today: date) -> None:
        from warcio.warcwriter import WARCWriter

        directory = self.options.directory
        directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"newsdesk-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:8]}.warc.gz"
        path = directory / name
        handle = open(path, "xb")  # noqa: SIM115 (kept open across records; closed by _close_file)
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(name, {
            "software": f"newsdesk/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "hostname": socket.gethostname(),
            "description": "responses fetched by newsdesk; bodies stored after Content-Encoding was undone",
        }))
        handle.write(buffer.getvalue())
        handle.flush()
        self._file, self._path, self._day = handle, path, today
        log.info("archiving responses to %s", path)

    def _close_file(self) -> None:
        if self._file is None:
            return
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError:
            pass
        finally:
            self._file.close()
            self._file = None


# ---------------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class ArchivedResponse:
    """One response record read back: what :func:`pipeline.run.process.process_article` needs to redo its work."""

    record_id: str | None
    record_type: str
    target_uri: str
    date: str | None
    http_status: int | None
    headers: tuple[tuple[str, str], ...]
    body: bytes
    payload_digest: str | None
    offset: int = 0
    length: int = 0


def resolve_file(name: str, db_path: Path, archive_dir: Path | None = None) -> Path:
    """A stored ``warc_file`` as a path: relative names are relative to the database's directory; a moved
    archive directory is found by file name in ``archive_dir``."""
    path = Path(name)
    if not path.is_absolute():
        path = Path(db_path).resolve().parent / path
    if not path.exists() and archive_dir is not None and (Path(archive_dir) / path.name).exists():
        return Path(archive_dir) / path.name
    return path


def read_record(path: Path, offset: int, length: int) -> ArchivedResponse:
    """Read the one record at ``offset`` (``length`` bytes, one gzip member) of a WARC file."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            data = handle.read(length)
    except OSError as exc:
        raise ArchiveError(f"cannot read WARC file {path}: {exc.strerror or exc}") from exc
    if len(data) < length:
        raise ArchiveError(f"{path}: record at offset {offset} is truncated ({len(data)} of {length} bytes)")
    problems: list[str] = []
    records = list(_records(io.BytesIO(data), str(path), base_offset=offset, skipped=problems))
    if not records:
        raise ArchiveError(problems[0] if problems else f"{path}: no readable WARC record at offset {offset}")
    return records[0]


def iter_responses(path: Path, skipped: list[str] | None = None) -> Iterator[ArchivedResponse]:
    """Every response and revisit record of a WARC file (any tool's), in file order. A truncated or corrupt
    record ends the file with a logged warning instead of an exception (the usual state after a crash); its
    message is appended to ``skipped``, so callers can count and report it."""
    try:
        handle = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise ArchiveError(f"cannot open WARC file {path}: {exc.strerror or exc}") from exc
    with handle:
        yield from _records(handle, str(path), skipped=skipped)


def _records(stream, where: str, base_offset: int = 0, skipped: list[str] | None = None) -> Iterator[ArchivedResponse]:
    import zlib

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    iterator = ArchiveIterator(stream, no_record_parse=False)
    offset = base_offset
    while True:
        try:
            record = next(iterator)
            rtype = record.rec_type
            if rtype not in ("response", "revisit"):
                iterator.read_to_end()
                continue
            http = record.http_headers
            body = record.content_stream().read() if rtype == "response" else b""
            offset = base_offset + iterator.get_record_offset()
            length = iterator.get_record_length()  # reads the record to its end
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:  # the stream ended before the record's Content-Length: a cut-off last record
                raise EOFError(f"record ends {missing} bytes short of its Content-Length")
            headers = record.rec_headers
            status = None
            if http is not None and http.get_statuscode():
                try:
                    status = int(http.get_statuscode())
                except ValueError:
                    status = None
            response = ArchivedResponse(
                record_id=headers.get_header("WARC-Record-ID"), record_type=rtype,
                target_uri=headers.get_header("WARC-Target-URI") or "", date=headers.get_header("WARC-Date"),
                http_status=status, headers=tuple(http.headers) if http is not None else (), body=body,
                payload_digest=headers.get_header("WARC-Payload-Digest"), offset=offset, length=length,
            )
        except StopIteration:
            return
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, IndexError) as exc:
            message = (f"{where}: truncated or corrupt WARC record after offset {offset} skipped "
                       f"({type(exc).__name__}: {exc}); the records before it are intact")
            log.warning("%s", message)
            if skipped is not None:
                skipped.append(message)
            return
        yield response
