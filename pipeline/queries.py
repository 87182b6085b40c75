"""Named SQL queries shipped in ``sql/queries/`` (one query per file, header comment = description)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError
from .migrations import sql_dir


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    sql: str


def named_queries() -> dict[str, NamedQuery]:
    found = {}
    for path in sorted((sql_dir() / "queries").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        first = sql.splitlines()[0] if sql else ""
        description = first.removeprefix("--").strip().split(":", 1)[-1].strip()
        found[path.stem] = NamedQuery(path.stem, description, sql)
    return found


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise ConfigError(f"no named query {name!r}; available: {', '.join(sorted(queries)) or 'none'}")
    return queries[name]
