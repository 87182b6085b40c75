"""Parquet exports for other projects: one dataset per table, partitioned by publication date.

    newsdesk export --db news.duckdb --out exports/            # everything (replaces earlier full exports)
    newsdesk export --db news.duckdb --out exports/ --since 2026-11-20T00:00:00Z   # only what is newer

Files are written under a hidden temporary directory and renamed into place, so a consumer never reads a
half-written file (Arrow, DuckDB and Spark skip names starting with "." or "_"). ``_newsdesk_export.json``
records the schema version (the last applied migration) so consumers can detect schema changes, and the
export time to pass as ``--since`` next time.

An export never deletes what it did not write. Each table directory it writes holds a marker file
(``_newsdesk_table``); only such a directory (or one left by an export older than the marker, beside the
export's manifest) is replaced, and then only its own Parquet files are removed. A directory of the same name
that holds anything else, or a manifest file that is not newsdesk's, stops the export before it writes
anything, with a message naming it.

Incremental exports select rows by ``loaded_at``, the time of the load transaction that last wrote them (a
reader cannot open the database while a load holds it, so an export sees a batch entirely or not at all, and a
batch committed after an export is in the next one). A row updated after an earlier export (an article
re-fetched, a paragraph's ``article_count``, an entry seen again) is exported again: consumers keep the latest
row per key, by ``loaded_at``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ConfigError, NewsdeskError
from ..store.core import connect, scalar

log = logging.getLogger(__name__)

MANIFEST = "_newsdesk_export.json"
MARKER = "_newsdesk_table"  # in every table directory an export writes: "this one is ours to replace"
# what an export writes inside a table directory: the marker, pub_date=... partitions and part-*.parquet files
_OURS_DIR = re.compile(r"pub_date=[^/]*")
_OURS_FILE = re.compile(r"part-[0-9A-Za-z_-]+\.parquet")


class ExportError(NewsdeskError):
    """An export was refused (it would overwrite files it did not write) or could not be written."""

# table -> (SELECT with a `pub_date` partition column, incremental filter on $since or None)
_ARTICLE_DATE = "CAST(coalesce(a.published_at, a.fetched_at) AS DATE)"
TABLES: dict[str, tuple[str, str | None]] = {
    "articles": (f"SELECT a.*, {_ARTICLE_DATE} AS pub_date FROM articles a", "a.loaded_at >= $since"),
    "article_paragraphs": (
        f"SELECT ap.*, {_ARTICLE_DATE} AS pub_date FROM article_paragraphs ap JOIN articles a USING (article_id)",
        "a.loaded_at >= $since",
    ),
    "paragraphs": ("SELECT p.*, CAST(p.first_seen_at AS DATE) AS pub_date FROM paragraphs p", "p.loaded_at >= $since"),
    "entity_mentions": (
        f"SELECT m.*, {_ARTICLE_DATE} AS pub_date FROM entity_mentions m JOIN articles a USING (article_id)",
        "a.loaded_at >= $since",
    ),
    "ceasefire_statements": (
        f"SELECT s.*, {_ARTICLE_DATE} AS pub_date FROM ceasefire_statements s JOIN articles a USING (article_id)",
        "a.loaded_at >= $since",
    ),
    "quotes": (
        f"SELECT q.*, {_ARTICLE_DATE} AS pub_date FROM quotes q JOIN articles a USING (article_id)",
        "a.loaded_at >= $since",
    ),
    # every URL an article was seen under; a new link for an old article is picked up by when it was seen
    "article_urls": (
        f"SELECT u.*, {_ARTICLE_DATE} AS pub_date FROM article_urls u JOIN articles a USING (article_id)",
        "(u.first_seen_at >= $since OR a.loaded_at >= $since)",
    ),
    "entities": ("SELECT e.*, CAST(e.first_seen_at AS DATE) AS pub_date FROM entities e", "e.loaded_at >= $since"),
    "feed_entries": (
        "SELECT fe.*, CAST(coalesce(fe.published_at, fe.first_seen_at) AS DATE) AS pub_date FROM feed_entries fe",
        "fe.loaded_at >= $since",
    ),
    "feeds": ("SELECT f.*, NULL::DATE AS pub_date FROM feeds f", None),  # small: always whole
}


@dataclass
class ExportResult:
    out_dir: str
    export_id: str
    schema_version: int
    exported_at: str
    since: str | None
    rows: dict[str, int] = field(default_factory=dict)


def export(db: str | Path, out_dir: str | Path, *, since: str | datetime | None = None,
           lock_timeout: float = 60.0) -> ExportResult:
    """Export every table as Hive-partitioned Parquet (``table/pub_date=YYYY-MM-DD/*.parquet``)."""
    out = Path(out_dir)
    when = parse_since(since)
    appended = {t for t, (_, inc) in TABLES.items() if when is not None and inc is not None}
    export_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    staging = out / f".tmp-{export_id}"
    # the database is opened before anything is created: a missing or locked one leaves no empty --out behind
    with connect(db, read_only=True, lock_timeout=lock_timeout) as con:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot create the export directory {out}: {exc.strerror or exc}") from exc
        try:
            _check_ownership(out)  # before anything is written: a refused export leaves no trace
            staging.mkdir()
            schema_version = int(scalar(con, "SELECT max(version) FROM schema_migrations") or 0)
            exported_at = datetime.now(UTC).isoformat()
            rows = {table: _export_table(con, table, staging / table, export_id, when) for table in TABLES}
            _publish(staging, out, appended)
        except OSError as exc:
            raise ExportError(f"cannot write the export to {out}: {exc.strerror or exc}") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # ours: a unique name made above
    result = ExportResult(str(out), export_id, schema_version, exported_at, when.isoformat() if when else None, rows)
    _write_manifest(out, result)
    log.info("exported %s to %s", rows, out)
    return result


def parse_since(since: str | datetime | None) -> datetime | None:
    """``--since`` as an aware datetime (UTC when it names no zone); a ConfigError for anything else."""
    if since is None or isinstance(since, datetime):
        when = since
    else:
        try:
            when = datetime.fromisoformat(str(since).strip())
        except ValueError as exc:
            raise ConfigError(f"since: {since!r} is not an ISO 8601 time (e.g. 2026-11-20 or 2026-11-20T08:00:00Z; "
                              "the last export's exported_at)") from exc
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


def _export_table(con, table: str, target: Path, export_id: str, since: datetime | None) -> int:
    """Write one table's files under ``target`` (with the marker); return its row count."""
    select, incremental = TABLES[table]
    query, params = select, {}
    if since is not None and incremental is not None:
        query = f"{select} WHERE {incremental}"
        params = {"since": since}
    wrapped = f"SELECT * FROM ({query.replace('$since', 'CAST($since AS TIMESTAMPTZ)')})"
    rows = int(scalar(con, f"SELECT count(*) FROM ({wrapped})", params or None) or 0)
    if rows:
        # the destination is a parameter, never spliced into the SQL: any path works, quotes included
        if table == "feeds":
            target.mkdir()
            copy = (f"COPY ({wrapped.replace('SELECT *', 'SELECT * EXCLUDE (pub_date)', 1)}) TO $path "
                    "(FORMAT parquet, COMPRESSION zstd)")
            path = target / f"part-{export_id}.parquet"
        else:  # COPY makes the directory, and wants it new: the marker goes in afterwards
            copy = (f"COPY ({wrapped}) TO $path (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (pub_date), "
                    f"FILENAME_PATTERN 'part-{export_id}-{{i}}')")
            path = target
        con.execute(copy, {**params, "path": path.as_posix()})
    target.mkdir(exist_ok=True)
    (target / MARKER).write_text(json.dumps({"table": table, "written_by": "newsdesk export"}) + "\n")
    return rows


def _foreign_entries(directory: Path) -> list[Path]:
    """What in a table directory an export did not write (anything but the marker, partitions, Parquet parts)."""
    foreign = []
    for entry in directory.iterdir():
        if entry.is_symlink():
            foreign.append(entry)
        elif entry.is_dir() and _OURS_DIR.fullmatch(entry.name):
            foreign.extend(e for e in entry.iterdir()
                           if e.is_symlink() or not e.is_file() or not _OURS_FILE.fullmatch(e.name))
        elif not (entry.is_file() and (entry.name == MARKER or _OURS_FILE.fullmatch(entry.name))):
            foreign.append(entry)
    return foreign


def _check_ownership(out: Path) -> None:
    """Refuse, before writing anything, to replace a table directory or manifest newsdesk did not write."""
    manifest = out / MANIFEST
    ours_manifest = _read_manifest(manifest) is not None
    if manifest.exists() and not ours_manifest:
        raise ExportError(f"{manifest} exists and is not a newsdesk export manifest; move it away or choose "
                          "another --out (an export never overwrites files it did not write)")
    for table in TABLES:
        final = out / table
        if not final.exists() and not final.is_symlink():
            continue
        if final.is_symlink() or not final.is_dir():
            raise ExportError(f"{final} exists and is not a directory newsdesk export wrote; move it away or "
                              "choose another --out")
        foreign = _foreign_entries(final)
        marked = (final / MARKER).is_file()
        if foreign or not (marked or ours_manifest or not any(final.iterdir())):
            shown = ", ".join(str(p.relative_to(final)) for p in foreign[:3]) or "no newsdesk marker"
            raise ExportError(f"{final} holds files newsdesk export did not write ({shown}); an export never "
                              "deletes them: move them away or choose another --out")


def _publish(staging: Path, out: Path, appended: set[str]) -> None:
    """Move the finished files into place: whole table directories for a full export (swap), file by file
    for an incremental one (new uniquely named files beside the earlier ones)."""
    for table_dir in sorted(p for p in staging.iterdir() if p.is_dir()):
        final = out / table_dir.name
        if not final.exists():
            os.replace(table_dir, final)
        elif not any(final.iterdir()):  # an empty directory: nothing to lose, rename(2) replaces it
            os.replace(table_dir, final)
        elif table_dir.name not in appended:
            old = out / f".old-{table_dir.name}-{uuid.uuid4().hex[:8]}"
            os.replace(final, old)
            os.replace(table_dir, final)
            _remove_ours(old)
        else:
            for path in sorted(table_dir.rglob("*.parquet")):
                dest = final / path.relative_to(table_dir)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, dest)
            if not (final / MARKER).exists():  # an export from before the marker: mark it now
                os.replace(table_dir / MARKER, final / MARKER)


def _remove_ours(directory: Path) -> None:
    """Delete a replaced table directory: only the files an export writes, then the directories left empty.
    Anything else (put there after the check) stays where it is, and the log says where."""
    for path in sorted(directory.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_symlink():
            continue
        if path.is_file() and (path.name == MARKER or _OURS_FILE.fullmatch(path.name)):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if any(directory.iterdir()):
        log.warning("the replaced export directory %s still holds files newsdesk did not write; left in place",
                    directory)
    else:
        directory.rmdir()


def _read_manifest(path: Path) -> dict | None:
    """The manifest an earlier export wrote, or None if there is none or the file is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "export_id" in data and "schema_version" in data else None


def _write_manifest(out: Path, result: ExportResult) -> None:
    path = out / MANIFEST
    history = (_read_manifest(path) or {}).get("history", [])
    manifest = {**asdict(result), "history": [*history, {k: v for k, v in asdict(result).items() if k != "out_dir"}][-50:]}
    tmp = out / f".{MANIFEST}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(json.dumps(manifest, indent=2))
    os.replace(tmp, path)
