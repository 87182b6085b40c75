"""A database as an older newsdesk left it: the migrations before a version applied by hand, as that build did."""

from pathlib import Path

import duckdb


def database_before(path: Path, version: int) -> duckdb.DuckDBPyConnection:
    """An open connection to ``path`` holding every migration numbered below ``version``, recorded as applied;
    the caller inserts its old rows, then runs ``migrate`` to upgrade."""
    from pipeline.store.migrations import available

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for m in available():
        if m.version < version:
            con.execute(m.path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [m.version, m.name])
    return con
