"""Named SQL queries shipped in ``sql/queries/``: one query per file, described by its header comment.

Header lines::

    -- name_of_file: what the query answers
    -- params: name (text, required: help), limit (integer) = 20

Parameters are DuckDB named parameters (``$name``) in the SQL; values arrive as text and the SQL casts them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import ConfigError
from .migrations import sql_dir

_PARAM = re.compile(r"\s*(\w+)\s*\(([^)]*)\)\s*(?:=\s*([^,]+))?\s*(?:,|$)")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    required: bool
    default: str | None
    help: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    sql: str
    params: tuple[Param, ...] = field(default=())

    def bind(self, values: Mapping[str, str]) -> dict[str, str]:
        """Parameter values for DuckDB: given ones, then defaults; a clear error for missing or unknown ones."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"query {self.name!r} has no parameter {', '.join(unknown)}; it takes: {self.signature or 'none'}")
        bound = {}
        for p in self.params:
            if p.name in values:
                bound[p.name] = values[p.name]
            elif p.default is not None:
                bound[p.name] = p.default
            else:
                raise ConfigError(f"query {self.name!r} needs --param {p.name}=... ({p.kind}{': ' + p.help if p.help else ''})")
        return bound

    @property
    def signature(self) -> str:
        return ", ".join(f"{p.name}" + (f"={p.default}" if p.default is not None else "") for p in self.params)


def _parse_params(line: str) -> tuple[Param, ...]:
    params = []
    for m in _PARAM.finditer(line):
        name, spec, default = m.group(1), m.group(2), m.group(3)
        kind, _, rest = spec.partition(",")
        required = "required" in rest
        help_text = rest.split(":", 1)[1].strip() if ":" in rest else ""
        params.append(Param(name, kind.strip(), required, default.strip() if default else None, help_text))
    return tuple(params)


def named_queries() -> dict[str, NamedQuery]:
    found = {}
    for path in sorted((sql_dir() / "queries").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        lines = sql.splitlines()
        description = lines[0].removeprefix("--").strip().split(":", 1)[-1].strip() if lines else ""
        params: tuple[Param, ...] = ()
        for line in lines[1:4]:
            if line.startswith("-- params:"):
                params = _parse_params(line.removeprefix("-- params:"))
        found[path.stem] = NamedQuery(path.stem, description, sql, params)
    return found


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise ConfigError(f"no named query {name!r}; available: {', '.join(sorted(queries)) or 'none'}")
    return queries[name]


def parse_param_args(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["k=v", ...]`` from the command line into a dict, with a clear error for malformed pairs."""
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--param expects NAME=VALUE, got {pair!r}")
        values[key.strip()] = value
    return values
