"""Named SQL queries shipped in ``sql/queries/``: one query per file, described by its header comment.

Header lines::

    -- name_of_file: what the query answers
    -- params: name (text, required: help), limit (integer) = 20

Parameters are DuckDB named parameters (``$name``) in the SQL; values arrive as text and the SQL casts them.

SQL that someone hands to newsdesk (``newsdesk query``, :mod:`pipeline.serve.read`, these named queries) runs on a
:func:`query_connection`: read-only, one statement, and no way out of the database file: DuckDB's
``COPY ... TO``, ``read_text('/etc/...')``, ``ATTACH``, ``INSTALL httpfs`` and the automatic download of
extensions are all refused, and the settings are locked so the SQL cannot turn them back on. Whoever wants
files or the network uses the ``duckdb`` command line on the database (or ``newsdesk export``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from ..errors import ConfigError, NewsdeskError, ParameterError
from ..store.core import connect
from ..store.migrations import sql_dir

# Applied in this order: the last one freezes the others (and itself) for the rest of the connection.
_SANDBOX = (
    "SET enable_external_access = false",
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET lock_configuration = true",
)


class QueryError(NewsdeskError):
    """SQL given to a query connection was refused or failed; the message says why."""


def _first_line(exc: Exception) -> str:
    """DuckDB's message without the caret lines it adds under the SQL: one line for a terminal or a log."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def single_statement(sql: str) -> str:
    """``sql`` if it is exactly one statement: ``SELECT 1; DROP TABLE x`` is refused whole, never run in part."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc
    if len(statements) != 1:
        raise QueryError(f"give exactly one SQL statement (got {len(statements)}); run them one at a time")
    return sql


@contextmanager
def query_connection(db: str | Path, *, lock_timeout: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for SQL from outside: external access and extension loading off, settings locked.

    DuckDB shares one database instance between the connections a process has open to the same file, so the
    settings also hold for another read-only connection this process has open to it at the same time, until
    the last of them closes (a write connection cannot be open beside a read-only one in one process anyway).
    """
    with connect(db, read_only=True, lock_timeout=lock_timeout) as con:
        for setting in _SANDBOX:
            con.execute(setting)
        yield con


def run_query(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping | list | None = None):
    """Execute one statement on a :func:`query_connection` and return the cursor; DuckDB's refusals and
    errors become QueryError."""
    single_statement(sql)
    with _wrapped_errors():
        return con.execute(sql, params) if params else con.execute(sql)


def arrow_query(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping | list | None = None):
    """As :func:`run_query`, the result as a ``pyarrow.Table`` (straight from DuckDB, without a row copy)."""
    single_statement(sql)
    with _wrapped_errors():
        return con.sql(sql, params=params).to_arrow_table() if params else con.sql(sql).to_arrow_table()


@contextmanager
def _wrapped_errors() -> Iterator[None]:
    try:
        yield
    except duckdb.PermissionException as exc:
        raise QueryError(f"query refused: {_first_line(exc)} (queries read the database only; for files, the "
                         "network or extensions open the database with the `duckdb` command line)") from exc
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc


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
                bound[p.name] = _checked(self.name, p, values[p.name])
            elif p.default is not None:
                bound[p.name] = p.default
            else:
                # one message for the command line and for Python (read.named): each passes it its own way
                raise ConfigError(f"query {self.name!r} needs parameter {p.name} ({p.kind}{': ' + p.help if p.help else ''}): "
                                  f"--param {p.name}=... on the command line, {p.name}=... to read.named()")
        return bound

    @property
    def signature(self) -> str:
        return ", ".join(f"{p.name}" + (f"={p.default}" if p.default is not None else "") for p in self.params)


# the SQL casts integer parameters to DuckDB's INTEGER (32 bits): a value beyond it fails inside the query
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def _checked(query: str, p: Param, value: str) -> str:
    """An integer or timestamp parameter's value, checked here so a bad one is a usage error naming the parameter
    rather than DuckDB's conversion error (or a negative LIMIT) from inside the SQL; a limit is a count, 0 or more."""
    if p.kind == "timestamp":
        return parse_time(value, f"query {query!r}: parameter {p.name}")
    if p.kind != "integer":
        return value
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ParameterError(f"query {query!r}: parameter {p.name} must be a whole number, got {value!r}") from None
    if p.name == "limit" and number < 0:
        raise ParameterError(f"query {query!r}: parameter {p.name} must be 0 or more, got {value!r}")
    if not _INT_MIN <= number <= _INT_MAX:
        raise ParameterError(f"query {query!r}: parameter {p.name} must be at most {_INT_MAX:,}"
                             f"{'' if p.name == 'limit' else f' and at least {_INT_MIN:,}'}, got {value!r}")
    return value


def parse_time(value: object, what: str) -> str:
    """``value`` (ISO 8601 text or a datetime) as ISO text DuckDB casts to TIMESTAMPTZ, UTC when it names no zone
    (as ``export --since``); anything else, "yesterday" say, a :class:`ParameterError` naming ``what``."""
    from .export import parse_since

    try:
        when = parse_since(value if isinstance(value, datetime) else str(value))
    except ConfigError:
        raise ParameterError(f"{what} must be an ISO 8601 time (e.g. 2026-11-20 or 2026-11-20T08:00:00Z), "
                             f"got {value!r}") from None
    assert when is not None  # only None gives None
    return when.isoformat()


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
