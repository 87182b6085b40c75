"""Numbered SQL migrations, applied once each and recorded in ``schema_migrations``; views kept current.

Files are ``sql/migrations/NNNN_name.sql``. Each runs in its own transaction together with the row that
records it, so a failing migration leaves nothing half-applied and is retried on the next open.

Views live one per file in ``sql/views/`` (``CREATE OR REPLACE VIEW``); a view is (re)created whenever its
file's hash differs from the one recorded in ``schema_views``, so editing a view needs no migration. SQL macros
(``CREATE OR REPLACE MACRO``), one per file in ``sql/macros/``, are kept current the same way, before the views.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import ConfigError, MigrationError

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def sql_dir() -> Path:
    """The ``sql/`` directory: inside the installed package (wheel), else at the top of the checkout."""
    here = Path(__file__).resolve().parent.parent  # the package `pipeline` (this module is in pipeline/store/)
    for candidate in (here / "sql", here.parent / "sql"):
        if (candidate / "migrations").is_dir():
            return candidate
    raise ConfigError(f"newsdesk's sql/ directory was not found next to {here}; reinstall the package")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available() -> list[Migration]:
    found = []
    for path in sorted((sql_dir() / "migrations").glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ConfigError(f"migration file {path.name} must be named NNNN_name.sql")
        found.append(Migration(int(match.group(1)), match.group(2), path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise ConfigError("two migrations share a version number in sql/migrations")
    return found


def applied(con: duckdb.DuckDBPyConnection) -> set[int]:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    return {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    """Apply every migration not yet recorded; return the ones applied now."""
    done = applied(con)
    newly = []
    for migration in available():
        if migration.version in done:
            continue
        sql = migration.path.read_text(encoding="utf-8")
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [migration.version, migration.name]
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise MigrationError(f"migration {migration.path.name} failed and was rolled back: {exc}") from exc
        log.info("applied migration %04d_%s", migration.version, migration.name)
        newly.append(migration)
    return newly


def apply_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create or replace every macro and view whose definition changed; return their names."""
    files = [p for d in ("macros", "views") for p in sorted((sql_dir() / d).glob("*.sql"))]
    if not files:
        return []
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_views ("
        " name VARCHAR PRIMARY KEY, sha VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    known = dict(con.execute("SELECT name, sha FROM schema_views").fetchall())
    changed = []
    for path in files:
        sql = path.read_text(encoding="utf-8")
        sha = hashlib.sha256(sql.encode("utf-8")).hexdigest()[:16]
        if known.get(path.stem) == sha:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_views (name, sha) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET sha = excluded.sha, created_at = now()",
                [path.stem, sha],
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise MigrationError(f"view {path.name} failed: {exc}") from exc
        changed.append(path.stem)
    return changed
