"""The ``newsdesk`` command: a thin layer over the library. Library errors become ClickExceptions here."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .errors import NewsdeskError

log = logging.getLogger("newsdesk")


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    from rich.logging import RichHandler

    handler: logging.Handler
    if sys.stderr.isatty():
        handler = RichHandler(show_path=False, rich_tracebacks=False)
        handler.setFormatter(logging.Formatter("%(message)s"))
    else:  # plain, greppable lines in logs and CI
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs every request at INFO: only with -vv
    logging.getLogger("httpx").setLevel(logging.DEBUG if verbose > 1 else logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)


@contextmanager
def _library_errors():
    try:
        yield
    except NewsdeskError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
@click.option("-v", "--verbose", count=True, help="More log output (-vv: every HTTP request).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors.")
def cli(verbose: int, quiet: bool) -> None:
    """newsdesk: poll RSS/Atom feeds, extract clean article text, remove repeated paragraphs, load into DuckDB."""
    _setup_logging(verbose, quiet)


_db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="NEWSDESK_DB", required=True,
    help="DuckDB database file (env NEWSDESK_DB).",
)


@cli.command()
@click.option(
    "--feeds", "feeds_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), envvar="NEWSDESK_FEEDS",
    required=True, help="Feeds file: TOML with [[feeds]] tables (url, name, tags) or one URL per line (env NEWSDESK_FEEDS).",
)
@_db_option
@click.option("--batch-size", default=100, show_default=True, help="Articles fetched, extracted and loaded per batch.")
@click.option("--workers", type=int, default=None, help="Extraction processes (default: number of CPUs).")
@click.option("--concurrency", default=8, show_default=True, help="HTTP requests in flight overall.")
@click.option("--per-host", default=2, show_default=True, help="HTTP requests in flight per host.")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds allowed for one whole request.")
@click.option("--max-bytes", default=10 * 1024 * 1024, show_default=True, help="Size cap per response (decompressed).")
@click.option("--user-agent", default=None, help="User-Agent header (default names newsdesk and its contact URL).")
@click.option(
    "--allow-private-network", is_flag=True, envvar="NEWSDESK_ALLOW_PRIVATE_NETWORK",
    help="Allow feeds and pages on private/loopback addresses (refused by default; env NEWSDESK_ALLOW_PRIVATE_NETWORK=1).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
def ingest(feeds_path: Path, db_path: Path, batch_size: int, workers: int | None, concurrency: int, per_host: int,
           timeout: float, max_bytes: int, user_agent: str | None, allow_private_network: bool, as_json: bool) -> None:
    """Run one ingestion pass: poll every feed, fetch new articles, extract, dedup, load into DuckDB."""
    from .feedlist import load_feeds
    from .ingest import run_pass
    from .options import FetchOptions, IngestOptions

    with _library_errors():
        fetch_options = FetchOptions(
            total_timeout=timeout, max_bytes=max_bytes, allow_private_network=allow_private_network,
            concurrency=concurrency, per_host=per_host,
        )
        if user_agent:
            fetch_options.user_agent = user_agent
        options = IngestOptions(db_path=db_path, feeds=load_feeds(feeds_path), fetch=fetch_options, batch_size=batch_size)
        if workers:
            options.workers = workers
        with _progress(enabled=not as_json) as hook:
            summary = run_pass(options, progress=hook)
    _print_summary(summary, as_json)


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("newsdesk-demo.duckdb"),
              show_default=True, help="DuckDB file to ingest the demo corpus into.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def demo(db_path: Path, as_json: bool) -> None:
    """Serve the bundled demo corpus on loopback and ingest it end to end (no internet, no Airflow needed)."""
    from .demo.run import run_demo

    with _library_errors(), _progress(enabled=not as_json) as hook:
        report = run_demo(db_path, progress=hook)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, default=str))
        return
    s = report.summary
    click.echo(f"newsdesk demo: ingested the bundled corpus into {db_path} (run {s.run_id}, {s.seconds:.1f}s)")
    click.echo(
        f"  feeds: {report.feeds}   articles: {report.articles} ({s.articles_new} new this run; "
        f"{report.articles_failed} failed fetch recorded)\n"
        f"  paragraphs: {report.occurrences} on the pages, {report.kept} kept in article text, "
        f"{report.repeats} removed as in-article repeats\n"
        f"  distinct paragraphs: {report.distinct_paragraphs}, of which {report.shared_paragraphs} appear in more "
        f"than one article\n"
        f"  languages: {report.languages}"
    )
    click.echo(f"\nExample query `{report.query_name}`: {report.query_description}")
    from rich.console import Console

    Console(width=max(100, Console().width)).print(_table(report.columns, report.rows))
    click.echo(f'\nExplore it yourself:\n  newsdesk query --db {db_path} "SELECT title, language, status FROM articles"'
               f"\n  newsdesk query --db {db_path} --list")


@cli.command()
@_db_option
@click.argument("sql", required=False)
@click.option("--named", "named", default=None, help="Run a named query from sql/queries/ (see --list).")
@click.option("--list", "list_named", is_flag=True, help="List the named queries.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--lock-timeout", default=60.0, show_default=True, help="Seconds to wait while an ingest holds the database.")
def query(db_path: Path, sql: str | None, named: str | None, list_named: bool, fmt: str, lock_timeout: float) -> None:
    """Run SQL (read-only) against the database and print the result.

    Waits for a running ingest's write lock to be released between batches rather than failing at once.
    """
    from .queries import named_queries, named_query
    from .store import connect

    with _library_errors():
        if list_named:
            for q in named_queries().values():
                click.echo(f"{q.name:28} {q.description}")
            return
        if named:
            sql = named_query(named).sql
        if not sql:
            raise click.UsageError("give SQL to run, or --named NAME (see --list)")
        import duckdb

        with connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
            try:
                cursor = con.execute(sql)
            except duckdb.Error as exc:
                raise click.ClickException(f"query failed: {exc}") from exc
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
    if fmt == "json":
        click.echo(json.dumps([dict(zip(columns, r)) for r in rows], indent=2, default=str))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from rich.console import Console

        Console().print(_table(columns, rows))
        click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


@cli.command("airflow-setup")
@click.option("--airflow", "airflow_bin", default=None, help="The airflow executable (default: the one beside this Python, else on PATH).")
def airflow_setup(airflow_bin: str | None) -> None:
    """Prepare an Airflow deployment for the news_ingest DAG: create the `duckdb_writer` pool (1 slot).

    Run it once after `airflow db migrate` (compose's init service does); safe to run again.
    """
    from .airflow_setup import run_setup

    with _library_errors():
        done = run_setup([airflow_bin] if airflow_bin else None)
    for line in done:
        click.echo(f"ok: {line}")


def _table(columns, rows):
    from rich.table import Table

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(str(column), overflow="fold")
    for row in rows:
        table.add_row(*("NULL" if v is None else str(v) for v in row))
    return table


def _print_summary(summary, as_json: bool) -> None:
    from dataclasses import asdict

    if as_json:
        click.echo(json.dumps(asdict(summary), indent=2, default=str))
        return
    click.echo(
        f"run {summary.run_id} {summary.status} in {summary.seconds:.1f}s: {summary.feeds_polled} feeds polled "
        f"({summary.feeds_failed} failed), {summary.entries_seen} entries, {summary.articles_new} new articles, "
        f"{summary.articles_retried} retried, {summary.articles_failed} failed, {summary.articles_empty} without "
        f"extractable text, {summary.paragraphs_new} new paragraphs, {summary.repeats_removed} repeats removed"
    )
    for problem in summary.feed_problems:
        click.echo(f"  feed problem: {problem}")


@contextmanager
def _progress(enabled: bool):
    """A rich progress display on a terminal; nothing (log lines only) otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def hook(event: str, amount: int) -> None:
            if event == "feeds_total":
                tasks["feed"] = bar.add_task("polling feeds", total=amount)
            elif event == "articles_total":
                tasks["article"] = bar.add_task("fetching + extracting articles", total=amount)
            elif event == "feed_done" and "feed" in tasks:
                bar.advance(tasks["feed"], amount)
            elif event == "article_done" and "article" in tasks:
                bar.advance(tasks["article"], amount)

        yield hook


def main() -> None:
    cli(prog_name="newsdesk")


if __name__ == "__main__":
    main()
