"""Parquet exports for other projects: one dataset per table, partitioned by publication date.

    newsdesk export --db news.duckdb --out exports/            # everything (replaces earlier full exports)
    newsdesk export --db news.duckdb --out exports/ --since 2026-11-20T00:00:00Z   # only what is newer

Files are written under a hidden temporary directory and renamed into place, so a consumer never reads a
half-written file (Arrow, DuckDB and Spark skip names starting with "." or "_"). ``_newsdesk_export.json``
records the schema version (the last applied migration) so consumers can detect schema changes, and the
export time to pass as ``--since`` next time.

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
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .store import connect, scalar

log = logging.getLogger(__name__)

MANIFEST = "_newsdesk_export.json"

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


def export(db: str | Path, out_dir: str | Path, *, since: str | None = None, lock_timeout: float = 60.0) -> ExportResult:
    """Export every table as Hive-partitioned Parquet (``table/pub_date=YYYY-MM-DD/*.parquet``)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    export_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    staging = out / f".tmp-{export_id}"
    staging.mkdir()
    rows: dict[str, int] = {}
    try:
        with connect(db, read_only=True, lock_timeout=lock_timeout) as con:
            schema_version = int(scalar(con, "SELECT max(version) FROM schema_migrations") or 0)
            exported_at = datetime.now(UTC).isoformat()
            for table, (select, incremental) in TABLES.items():
                query, params = select, None
                if since is not None and incremental is not None:
                    query = f"{select} WHERE {incremental}"
                    params = {"since": since}
                wrapped = f"SELECT * FROM ({query.replace('$since', 'CAST($since AS TIMESTAMPTZ)')})"
                rows[table] = int(scalar(con, f"SELECT count(*) FROM ({wrapped})", params) or 0)
                target = staging / table
                if not rows[table]:
                    target.mkdir()
                elif table == "feeds":
                    target.mkdir()
                    copy = (f"COPY ({wrapped.replace('SELECT *', 'SELECT * EXCLUDE (pub_date)', 1)}) TO "
                            f"'{(target / f'part-{export_id}.parquet').as_posix()}' (FORMAT parquet, COMPRESSION zstd)")
                    con.execute(copy, params) if params else con.execute(copy)
                else:
                    copy = (f"COPY ({wrapped}) TO '{target.as_posix()}' (FORMAT parquet, COMPRESSION zstd, "
                            f"PARTITION_BY (pub_date), FILENAME_PATTERN 'part-{export_id}-{{i}}')")
                    con.execute(copy, params) if params else con.execute(copy)
        appended = {t for t, (_, inc) in TABLES.items() if since is not None and inc is not None}
        _publish(staging, out, appended)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = ExportResult(str(out), export_id, schema_version, exported_at, since, rows)
    _write_manifest(out, result)
    log.info("exported %s to %s", rows, out)
    return result


def _publish(staging: Path, out: Path, appended: set[str]) -> None:
    """Move the finished files into place: whole table directories for a full export (swap), file by file
    for an incremental one (new uniquely named files beside the earlier ones)."""
    for table_dir in sorted(p for p in staging.iterdir() if p.is_dir()):
        final = out / table_dir.name
        if table_dir.name not in appended or not final.exists():
            old = out / f".old-{table_dir.name}-{uuid.uuid4().hex[:8]}"
            if final.exists():
                os.replace(final, old)
            os.replace(table_dir, final)
            shutil.rmtree(old, ignore_errors=True)
            continue
        for path in sorted(table_dir.rglob("*.parquet")):
            dest = final / path.relative_to(table_dir)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)


def _write_manifest(out: Path, result: ExportResult) -> None:
    path = out / MANIFEST
    history = []
    if path.exists():
        try:
            history = json.loads(path.read_text()).get("history", [])
        except (OSError, ValueError):
            history = []
    manifest = {**asdict(result), "history": [*history, {k: v for k, v in asdict(result).items() if k != "out_dir"}][-50:]}
    tmp = out / f".{MANIFEST}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(json.dumps(manifest, indent=2))
    os.replace(tmp, path)
