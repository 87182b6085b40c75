"""Where a DAG run stages its batches: a URL, opened with fsspec, so Celery workers on several machines can stage
to object storage that the single loader reads.

``file:///srv/newsdesk/staging`` (the default, ``staging/`` beside the database), ``s3://bucket/newsdesk/staging``
(with ``s3fs`` installed), ``gs://bucket/staging`` (``gcsfs``), ``memory://staging`` (one process only: tests).
A plain path is taken as a local one. URLs are written as fsspec reads them: a space is a space, not ``%20``.
Credentials never go into the URL: the filesystem's own environment (``AWS_ACCESS_KEY_ID``, ``AWS_ENDPOINT_URL``,
``GOOGLE_APPLICATION_CREDENTIALS``, ``FSSPEC_S3_ENDPOINT_URL``, ...) supplies them on every worker.

A staged batch is a directory of Parquet files and a ``manifest.json`` naming them. On a local disk it appears
whole, by a rename; object storage has no rename of directories, so there the manifest is written last and
removed first: a batch without its manifest is not (yet, or no longer) staged, and the loader never reads it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import ConfigError

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"


# ---------------------------------------------------------------------------------------------- locations


def root_url(value: str | os.PathLike | None, db_path: Path) -> str:
    """The staging root as a URL: ``value`` (a URL, or a path taken as local), else ``staging/`` beside the
    database. A scheme fsspec does not know, or whose package is missing, is a ConfigError naming the fix."""
    if value is None or str(value).strip() == "":
        return _local_url(Path(db_path).parent / "staging")
    text = os.fspath(value).strip()
    if "://" not in text:
        return _local_url(Path(text))
    fs, path = _filesystem(text)
    return fs.unstrip_protocol(path).rstrip("/")


def _local_url(path: Path) -> str:
    return "file://" + str(path.expanduser().absolute())


def join(url: str, *names: str) -> str:
    return "/".join([url.rstrip("/"), *names])


def parent(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[0]


def local_path(url: str) -> Path | None:
    """The local directory a ``file://`` URL (or a plain path) names; None for other storage."""
    fs, path = _filesystem(url)
    return Path(path) if _is_local(fs) else None


def _filesystem(url: str):
    from fsspec.core import url_to_fs

    try:
        return url_to_fs(url)
    except ImportError as exc:  # fsspec's own words name the package: "Install s3fs to access S3"
        raise ConfigError(f"staging URL {url!r} needs a package that is not installed ({exc}): install it wherever "
                          f"the DAG's tasks run (every Celery worker), or set NEWSDESK_STAGING to a path") from exc
    except ValueError as exc:
        raise ConfigError(f"staging URL {url!r}: {exc}; use file:///path, s3://bucket/prefix, gs://bucket/prefix "
                          f"or a local path (NEWSDESK_STAGING or the DAG param 'staging_dir')") from exc


def _is_local(fs) -> bool:
    return "file" in ((fs.protocol,) if isinstance(fs.protocol, str) else fs.protocol)


# ------------------------------------------------------------------------------------------------- files


def exists(url: str) -> bool:
    fs, path = _filesystem(url)
    return fs.exists(path)


def remove(url: str) -> None:
    """Remove a file or a directory with everything in it; gone already is fine."""
    fs, path = _filesystem(url)
    if _is_local(fs):
        if os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            Path(path).unlink(missing_ok=True)
        return
    try:
        fs.rm(path, recursive=True)
    except FileNotFoundError:
        pass


def write_json(url: str, data: Any) -> None:
    """Whole or not at all: a retried task replaces the file, a reader never sees half of it (local disk: a
    rename; object storage writes an object whole)."""
    fs, path = _filesystem(url)
    text = json.dumps(data)
    if _is_local(fs):
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        tmp.write_text(text)
        os.replace(tmp, target)
    else:
        with fs.open(path, "w") as f:
            f.write(text)


def read_json(url: str, default: Any = None) -> Any:
    fs, path = _filesystem(url)
    try:
        with fs.open(path, "r") as f:
            return json.loads(f.read())
    except FileNotFoundError:
        return default


def write_parquet(url: str, table: pa.Table) -> None:
    fs, path = _filesystem(url)
    if _is_local(fs):
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, target)
    else:
        with fs.open(path, "wb") as f:
            pq.write_table(table, f)


def read_parquet(url: str, schema: pa.Schema | None = None) -> pa.Table:
    fs, path = _filesystem(url)
    if _is_local(fs):
        return pq.read_table(path, schema=schema)
    with fs.open(path, "rb") as f:
        return pq.read_table(f, schema=schema)


# ---------------------------------------------------------------------------------------- staged batches


def write_tables(location: str | os.PathLike, tables: Mapping[str, pa.Table]) -> None:
    """A batch's tables as Parquet files plus the manifest, replacing an earlier try's batch there."""
    fs, path = _filesystem(os.fspath(location))
    manifest = json.dumps({name: t.num_rows for name, t in tables.items()})
    if _is_local(fs):
        _write_local(Path(path), tables, manifest)
        return
    if fs.exists(_slash(path, MANIFEST)):  # a retry: the batch is not staged until its manifest is rewritten
        fs.rm(_slash(path, MANIFEST))
    for name, table in tables.items():
        with fs.open(_slash(path, f"{name}.parquet"), "wb") as f:
            pq.write_table(table, f, compression="zstd")
    with fs.open(_slash(path, MANIFEST), "w") as f:
        f.write(manifest)


def _write_local(directory: Path, tables: Mapping[str, pa.Table], manifest: str) -> None:
    """Into a fresh directory, then renamed into place: a killed task leaves no half-written batch."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.with_name(f".{directory.name}.{uuid.uuid4().hex}.tmp")
    tmp.mkdir()
    try:
        for name, table in tables.items():
            pq.write_table(table, tmp / f"{name}.parquet", compression="zstd")
        (tmp / MANIFEST).write_text(manifest)
        if directory.exists():  # a retried task replaces its own earlier output
            shutil.rmtree(directory)
        os.replace(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def read_tables(location: str | os.PathLike, schemas: Mapping[str, pa.Schema]) -> dict[str, pa.Table]:
    """The tables the manifest names, each read with its declared schema where there is one."""
    url = os.fspath(location)
    manifest = read_json(join(url, MANIFEST))
    if manifest is None:
        raise FileNotFoundError(f"no staged batch at {url} (its {MANIFEST} is missing)")
    return {name: read_parquet(join(url, f"{name}.parquet"), schemas.get(name)) for name in manifest}


def is_staged(location: str | os.PathLike) -> bool:
    """Whether a whole batch is there: its manifest is written last (and removed by the loader's clean-up)."""
    return exists(join(os.fspath(location), MANIFEST))


def _slash(path: str, name: str) -> str:
    return f"{path.rstrip('/')}/{name}"


# ---------------------------------------------------------------------------------------------- housekeeping


def remove_stale(dag_url: str, keep_seconds: float, *, now: float | None = None) -> list[str]:
    """Remove the run directories under ``dag_url`` in which nothing was written for ``keep_seconds`` (runs
    whose batches failed and were never cleared). Housekeeping: a storage error is logged, never raised."""
    cutoff = (time.time() if now is None else now) - keep_seconds
    removed = []
    try:
        fs, path = _filesystem(dag_url)
        if not fs.isdir(path):
            return []
        for entry in fs.ls(path, detail=True):
            if entry.get("type") != "directory":
                continue
            newest = _newest(fs, entry["name"])
            if newest is not None and newest < cutoff:
                log.info("removing stale staging directory %s", fs.unstrip_protocol(entry["name"]))
                remove(fs.unstrip_protocol(entry["name"]))
                removed.append(entry["name"])
    except (OSError, ConfigError) as exc:
        log.warning("could not clean up old staging under %s: %s", dag_url, exc)
    return removed


def _newest(fs, path: str) -> float | None:
    """When anything in ``path`` was last written (the directory itself where it has a time, an empty one)."""
    files = fs.find(path, detail=True)
    times = [_modified(fs, name, info) for name, info in files.items()]
    if not times:
        times = [_modified(fs, path, {})]
    known = [t for t in times if t is not None]
    return max(known) if known else None


def _modified(fs, path: str, info: Mapping[str, Any]) -> float | None:
    """The time of a listing entry: filesystems name it differently (mtime, LastModified, updated, created)."""
    for key in ("mtime", "LastModified", "updated", "created", "last_modified"):
        value = info.get(key)
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, datetime):
            return value.timestamp()
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
            except ValueError:
                continue
    try:
        return fs.modified(path).timestamp()
    except (NotImplementedError, OSError, ValueError):
        return None
