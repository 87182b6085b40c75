"""newsdesk: RSS/Atom feeds -> clean article text -> paragraph dedup -> DuckDB.

The library entry point is :func:`run_pass`::

    from pipeline import IngestOptions, load_feeds, run_pass
    summary = run_pass(IngestOptions(db_path="news.duckdb", feeds=load_feeds("feeds.toml")))
"""

from __future__ import annotations

from .version import __version__

__all__ = ["IngestOptions", "FetchOptions", "RunSummary", "load_feeds", "read", "run_pass", "__version__"]


def __getattr__(name: str):  # lazy: `import pipeline` stays cheap (Airflow parses DAG files that import it)
    if name in ("IngestOptions", "FetchOptions"):
        from . import options

        return getattr(options, name)
    if name in ("run_pass", "RunSummary"):
        from .run import ingest

        return getattr(ingest, name)
    if name == "load_feeds":
        from .fetch.feedlist import load_feeds

        return load_feeds
    if name == "read":  # the read API for other projects (`from pipeline import read`), kept in pipeline/serve/
        from .serve import read

        return read
    raise AttributeError(name)
