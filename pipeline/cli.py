"""The ``newsdesk`` command: a thin layer over the library. Library errors become ClickExceptions here.

Every option can also come from an environment variable (named in its help) or from ``newsdesk.toml``
(see :mod:`pipeline.config`); a flag on the command line wins over both. Every value, wherever it comes from,
is checked here at the edge (a type and a range per option) and a bad one is a one-line error.

Exit codes (docs/operations.md "Exit codes"): 0 done; 1 a newsdesk error (one line on stderr); 2 a usage error (a bad
option or argument); 3 an ingest pass in which every feed polled failed; 75 another pass holds the database's
pass lock (EX_TEMPFAIL); 130/143 interrupted by SIGINT/SIGTERM (``main``).
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import math
import os
import shlex
import sys
import time
from collections.abc import Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from decimal import Decimal
from pathlib import Path

import click

from . import settings
from .errors import ConfigError, NewsdeskError
from .settings import OptionError, PathKind, Setting, Switch

#: exit codes of the console script beyond Click's own (0, 1, 2); docs/operations.md "Exit codes" lists them all
EXIT_ALL_FEEDS_FAILED = 3  # the pass ran, but every feed it polled failed
EXIT_NOTHING_IMPORTED = 3  # import-warc ran, but not one file given was a readable WARC file
EXIT_PASS_RUNNING = 75  # EX_TEMPFAIL (sysexits.h): another pass holds the database's pass lock; try again later
EXIT_SIGINT = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C
EXIT_SIGTERM = 143  # 128 + SIGTERM

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


# ------------------------------------------------------------------------------------ values at the edge


class _Timestamp(click.ParamType):
    """An ISO 8601 date or time (``2026-11-20``, ``2026-11-20T08:00:00Z``, ``...+02:00``); UTC when it names no
    zone. click.DateTime knows no zones, and an export's ``exported_at`` has one."""

    name = "timestamp"

    def convert(self, value, param, ctx):
        if isinstance(value, datetime):
            when = value
        else:
            try:
                when = datetime.fromisoformat(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not an ISO 8601 time (e.g. 2026-11-20 or 2026-11-20T08:00:00Z)", param, ctx)
        return when if when.tzinfo else when.replace(tzinfo=UTC)


TIMESTAMP = _Timestamp()


class _Stages(click.ParamType):
    """reprocess --stages: a comma-separated subset of extract, dedup, nlp."""

    name = "stages"

    def convert(self, value, param, ctx):
        from .run.reprocess import STAGES, parse_stages

        stages = parse_stages(value)
        unknown = sorted(set(stages) - set(STAGES))
        if unknown or not stages:
            self.fail(f"unknown stage(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(STAGES)}",
                      param, ctx)
        return frozenset(stages)


class _Executable(click.ParamType):
    """A program that exists and may be run: a path to an executable file, or a name found on PATH."""

    name = "program"

    def convert(self, value, param, ctx):
        import os
        import shutil

        found = shutil.which(str(value))
        if found is None:
            where = "is not an executable file" if os.sep in str(value) else "was not found on PATH"
            self.fail(f"{value!r} {where}", param, ctx)
        return found


class _Option(click.Option):
    """An option whose bad value, when it came from an environment variable, says which variable: otherwise the
    message names a flag the user never typed."""

    def process_value(self, ctx, value):
        try:
            return super().process_value(ctx, value)
        except click.BadParameter as exc:
            source = ctx.get_parameter_source(self.name) if self.name else None
            if source is click.core.ParameterSource.ENVIRONMENT and isinstance(self.envvar, str):
                exc.message = f"{exc.message} (from the environment variable {self.envvar})"
            raise


option = functools.partial(click.option, cls=_Option)


# ------------------------------------------------------------------------- the declared settings' options


class _SettingValue(click.ParamType):
    """A declared setting's value (pipeline.settings), checked as every face checks it: a bad flag, variable or
    newsdesk.toml value reads the same as a bad DAG param."""

    def __init__(self, setting: Setting) -> None:
        self.setting = setting
        self.name = setting.kind.name

    def convert(self, value, param, ctx):
        try:
            return self.setting.parse(value)
        except OptionError as exc:
            self.fail(str(exc), param, ctx)


class _SettingSwitch(click.types.BoolParamType):
    """A declared on/off setting: Click treats a flag's type specially only when it is a BoolParamType."""

    def __init__(self, setting: Setting) -> None:
        self.setting = setting

    convert = _SettingValue.convert


def _setting_type(s: Setting) -> click.ParamType:
    if isinstance(s.kind, PathKind):  # Click's Path says in its own words what is missing
        return click.Path(exists=s.kind.exists, file_okay=not s.kind.directory, dir_okay=s.kind.directory,
                          path_type=Path)
    return _SettingSwitch(s) if isinstance(s.kind, Switch) else _SettingValue(s)


def _setting_option(s: Setting, command: str, *, required: bool = False):
    switch = isinstance(s.kind, Switch)
    # a switch is off unless given; an empty default says what it means ("the number of CPUs")
    shown = s.default_text or False if s.default is None else not switch
    return option(s.flag, s.param_name, type=_setting_type(s), default=s.default, is_flag=switch,
                  show_default=shown, required=required, envvar=s.env, show_envvar=bool(s.env),
                  help=s.help_for(command))


def _settings(command: str, *, optional: tuple[str, ...] = ()):
    """The options of every setting ``command`` has in pipeline.settings, in the table's order: defaults,
    environment variables, help and checks are declared there, once for the CLI, newsdesk.toml and the DAG.
    ``--db`` is required unless ``optional`` names it."""

    def apply(function):
        for s in reversed(settings.for_command(command)):
            function = _setting_option(s, command, required=s.name == "db" and "db" not in optional)(function)
        return function

    return apply


def _check_config_value(group: click.Group, command_path: str, name: str, value: object) -> object:
    """A newsdesk.toml value converted as the option's own type would convert it (pipeline.config calls this)."""
    command: click.Command = group
    for part in command_path.split("."):
        command = command.commands[part]  # type: ignore[attr-defined]
    param = next(p for p in command.params if p.name == name)
    try:
        return param.type_cast_value(click.Context(command), value)
    except click.BadParameter as exc:
        raise OptionError(exc.message) from exc
    except (TypeError, AttributeError) as exc:  # click's types expect text: `flag = 5` in TOML is neither
        raise OptionError(f"not a valid {param.type.name} for {param.opts[0] if param.opts else name}") from exc


def _one_line(message: str) -> str:
    """Exit code 1 promises one line on stderr: fold a multi-line message (Airflow's output, DuckDB's caret)."""
    return " | ".join(line.strip() for line in str(message).splitlines() if line.strip()) or "failed"


class _PassRunning(click.ClickException):
    exit_code = EXIT_PASS_RUNNING


class _AllFeedsFailed(click.ClickException):
    exit_code = EXIT_ALL_FEEDS_FAILED


class _NothingToImport(click.ClickException):
    exit_code = EXIT_NOTHING_IMPORTED


@contextmanager
def _library_errors():
    from .run.passlock import PassInProgress

    try:
        yield
    except PassInProgress as exc:
        raise _PassRunning(_one_line(str(exc))) from exc
    except NewsdeskError as exc:
        raise click.ClickException(_one_line(str(exc))) from exc


def _parameter_names(group: click.Group, prefix: str = "") -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            names.update(_parameter_names(command, f"{path}."))
        else:
            names[path] = {p.name for p in command.params if p.name}
    return names


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
@click.option("-v", "--verbose", count=True, help="More log output (-vv: every HTTP request).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors; no progress display.")
@option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), envvar="NEWSDESK_CONFIG",
        help="Configuration file (default ./newsdesk.toml if present; env NEWSDESK_CONFIG).")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool, config_file: Path | None) -> None:
    """newsdesk: poll RSS/Atom feeds, extract clean article text, remove repeated paragraphs, find entities and
    ceasefire statements, and load it all into DuckDB."""
    _setup_logging(verbose, quiet)
    ctx.obj = {"quiet": quiet}
    from .config import config_path, load_config

    with _library_errors():
        ctx.default_map = load_config(config_path(config_file), _parameter_names(cli),
                                      functools.partial(_check_config_value, cli))


def _quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("quiet"))


# ------------------------------------------------------------------------------------------------- ingest


@cli.command()
@_settings("ingest")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
def ingest(feeds_path: Path | None, db_path: Path, batch_size: int, workers: int | None, concurrency: int,
           per_host: int, timeout: float, max_bytes: int, user_agent: str | None, extract_timeout: float,
           max_entries_per_feed: int, max_fetch_attempts: int,
           lock_timeout: float, allow_private_network: bool, force: bool, contact: str | None,
           min_host_delay: float, no_robots: bool, max_retry_wait: float, retry_backoff: float,
           pass_lock_wait: float, min_poll_interval: float, max_poll_interval: float, unhealthy_after: float,
           boilerplate_min_articles: int, as_json: bool, archive_dir: Path | None, no_archive: bool) -> None:
    """Run one ingestion pass: poll the feeds that are due, fetch new articles, extract, dedup, analyse, load."""
    from .fetch.feedlist import load_feeds
    from .fetch.subscriptions import match_stored, subscribed_feeds
    from .options import DedupOptions, FetchOptions, IngestOptions, ScheduleOptions, default_user_agent
    from .run.ingest import run_pass

    try:  # before the database is opened: a refused pass leaves nothing behind
        settings.check_poll_intervals(min_poll_interval, max_poll_interval)
    except OptionError as exc:
        raise click.UsageError(str(exc)) from exc
    with _library_errors():
        if feeds_path is not None:
            feeds = match_stored(db_path, load_feeds(feeds_path), lock_timeout=lock_timeout)
        else:
            feeds = subscribed_feeds(db_path, lock_timeout=lock_timeout, upgrade=True)
            if not feeds:
                raise click.UsageError(
                    f"no feeds: give --feeds FILE, or subscribe first with `newsdesk feeds add --db {db_path} URL`")
        fetch_options = FetchOptions(
            total_timeout=timeout, max_bytes=max_bytes, allow_private_network=allow_private_network,
            concurrency=concurrency, per_host=per_host, min_host_delay=min_host_delay, robots=not no_robots,
            max_retry_wait=max_retry_wait,
        )
        if user_agent:
            fetch_options.user_agent = user_agent
        elif contact:
            fetch_options.user_agent = default_user_agent(contact)
        schedule = ScheduleOptions(min_interval=min_poll_interval, max_interval=max_poll_interval,
                                   unhealthy_after=unhealthy_after)
        options = IngestOptions(db_path=db_path, feeds=feeds, fetch=fetch_options, batch_size=batch_size,
                                max_fetch_attempts=max_fetch_attempts, extract_timeout=extract_timeout,
                                max_entries_per_feed=max_entries_per_feed,
                                lock_timeout=lock_timeout, force=force,
                                schedule=schedule, retry_backoff=retry_backoff, pass_lock_wait=pass_lock_wait,
                                dedup=DedupOptions(boilerplate_min_articles=boilerplate_min_articles),
                                archive=not no_archive, archive_dir=archive_dir)
        if workers is not None:
            options.workers = workers
        with _progress(enabled=not as_json and not _quiet()) as hook:
            summary = run_pass(options, progress=hook)
    _print_summary(summary, as_json)
    if _all_feeds_failed(summary):
        raise _AllFeedsFailed(f"all {summary.feeds_polled} feeds polled failed: nothing could be fetched "
                              "(see the feed problems above, or `newsdesk feeds list`)")


def _all_feeds_failed(summary) -> bool:
    """Exit code 3: the pass ran, polled feeds, and every one failed (the network is down, the feeds file
    points nowhere, every host refused); the run row says so too (runrecord.completed_status). A pass that
    polled nothing because no feed was due is not this."""
    return summary.status == "all_feeds_failed"


# --------------------------------------------------------------------------------------------------- demo


@cli.command()
# The parameter is not named db_path on purpose: the `db` of newsdesk.toml and NEWSDESK_DB name the user's own
# database, and the fictional demo corpus must never be written into it. Only --db on this command moves it.
@click.option("--db", "demo_db", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("newsdesk-demo.duckdb"), show_default=True,
              help="DuckDB file to ingest the demo corpus into (never taken from newsdesk.toml or NEWSDESK_DB).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def demo(demo_db: Path, as_json: bool) -> None:
    """Serve the bundled demo corpus on loopback and ingest it end to end (no internet, no Airflow needed)."""
    from .demo.run import run_demo

    db_path = demo_db
    with _library_errors(), _progress(enabled=not as_json and not _quiet()) as hook:
        report = run_demo(db_path, progress=hook)
    if as_json:
        click.echo(_json(report.as_dict()))
        return
    s = report.summary
    click.echo(f"newsdesk demo: ingested the bundled corpus into {db_path} (run {s.run_id}, {s.seconds:.1f}s)")
    click.echo(
        f"  feeds: {report.feeds}   articles: {report.articles} ({s.articles_new} new this run; "
        f"{report.articles_failed} failed fetch recorded)\n"
        f"  paragraphs: {report.occurrences} on the pages, {report.kept} kept in article text, "
        f"{report.repeats} removed as in-article repeats, {report.boilerplate} as site boilerplate "
        f"({report.boilerplate_paragraphs} chrome paragraphs found)\n"
        f"  distinct paragraphs: {report.distinct_paragraphs}, of which {report.shared_paragraphs} appear in more "
        f"than one article and {report.near_duplicates} nearly repeat another\n"
        f"  stories: {report.stories}, of which {report.multi_article_stories} published by more than one outlet\n"
        f"  languages: {report.languages}\n"
        f"  entities: {report.entities}   ceasefire statements: {report.statements}"
    )
    from rich.console import Console

    console = Console(width=max(110, Console().width))
    click.echo(f"\nExample query `{report.query_name}`: {report.query_description}")
    console.print(_table(report.columns, report.rows))
    click.echo("\nWho said what about a ceasefire (first rows of ceasefire_statements_v):")
    console.print(_table(report.statement_columns, report.statement_rows))
    click.echo(f'\nExplore it yourself:\n  newsdesk query --db {db_path} "SELECT speaker, stance, text FROM ceasefire_statements"'
               f"\n  newsdesk query --db {db_path} --list\n  newsdesk stats --db {db_path}")


# -------------------------------------------------------------------------------------------------- query


@cli.command()
@_settings("query", optional=("db",))
@click.argument("sql", required=False)
@click.option("--name", "--named", "name", default=None, help="Run a named query from sql/queries/ (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A named query's parameter; repeatable.")
@click.option("--list", "list_named", is_flag=True, help="List the named queries with their parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(db_path: Path | None, sql: str | None, name: str | None, params: tuple[str, ...], list_named: bool, fmt: str,
          lock_timeout: float) -> None:
    """Run one read-only SQL statement or a named query against the database and print the result.

    The SQL reads the database and nothing else: one statement per call, and no files, network or extensions
    (COPY, read_csv, ATTACH, INSTALL are refused); for those, open the database with the `duckdb` command line.
    Safe while an ingest runs: it waits for the pass's short per-batch write lock instead of failing, and
    never sees half a batch.
    """
    from .serve.queries import named_queries, named_query, parse_param_args, query_connection, run_query

    if list_named:  # needs no database
        for q in named_queries().values():
            signature = f" [{q.signature}]" if q.params else ""
            click.echo(f"{q.name:26} {q.description}{signature}")
        return
    bound = None
    if name and sql:  # running the named query would silently drop the SQL the user typed
        raise click.UsageError("give SQL or --name, not both")
    if name:
        try:  # an unknown name or parameter is a usage error, like any other bad argument
            chosen = named_query(name)
            bound = chosen.bind(parse_param_args(params)) or None
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from exc
        sql = chosen.sql
    elif params:
        raise click.UsageError("--param only goes with --name")
    if not sql:
        raise click.UsageError("give SQL to run, or --name NAME (see --list)")
    if db_path is None:
        raise click.UsageError("Missing option '--db' (or NEWSDESK_DB): the database to query")
    with _library_errors(), query_connection(db_path, lock_timeout=lock_timeout) as con:
        cursor = run_query(con, sql, bound)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    _print_rows(columns, rows, fmt)


def _print_rows(columns, rows, fmt: str) -> None:
    if fmt == "json":
        click.echo(_json([dict(zip(columns, r)) for r in rows]))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_text_cell(v) for v in row] for row in rows])
    else:
        from rich.console import Console

        Console().print(_table(columns, rows))
        click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


# ------------------------------------------------------------------------------------------ export, stats


@cli.command()
@_settings("export")
@option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
        help="Directory for the Parquet datasets (one per table, partitioned by publication date). Files in it "
             "that newsdesk did not write are never deleted: a table directory holding any stops the export.")
@option("--since", default=None, type=TIMESTAMP,
        help="Only rows newer than this ISO 8601 time (the last export's exported_at; UTC if no zone).")
def export(db_path: Path, out_dir: Path, since: datetime | None) -> None:
    """Export every table as Parquet for other projects, atomically; incremental with --since."""
    from .serve.export import export as run_export

    with _library_errors():
        result = run_export(db_path, out_dir, since=since)
    click.echo(f"exported to {result.out_dir} (schema version {result.schema_version}, at {result.exported_at}):")
    for table, rows in result.rows.items():
        click.echo(f"  {table:22} {rows} rows")


@cli.command()
@_settings("stats")
@option("--days", default=7, show_default=True, type=click.IntRange(min=1, max=1_000_000),
        help="Window for the top speakers and entities, in days.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def stats(db_path: Path, days: int, as_json: bool) -> None:
    """Counts per table, the last run, duplicates removed, top speakers and entities of the last days, and the
    hosts whose share of empty, short or not-article pages jumped today."""
    from dataclasses import asdict

    from .serve.stats import collect

    with _library_errors():
        s = collect(db_path, days=days)
        cache = _cache_report(db_path)
    if as_json:
        click.echo(_json({**asdict(s), "paragraph_cache": cache}))
        return
    click.echo("rows: " + ", ".join(f"{t} {n}" for t, n in s.counts.items()))
    if s.last_run:
        r = s.last_run
        click.echo(f"last run: #{r['run_id']} {r['kind']} {r['status']} started {r['started_at']} "
                   f"({r.get('articles_new') or 0} new articles, {r.get('articles_failed') or 0} failed)")
    click.echo(f"articles by status: {s.articles_by_status}; not analysed: {s.not_analysed or 'none'}")
    click.echo(f"duplicates: {s.repeats_removed} in-article repeats removed, "
               f"{s.shared_paragraph_occurrences} paragraph occurrences shared with other articles")
    click.echo(f"top speakers ({days} days, in stories): "
               + (", ".join(f"{n} ({c})" for n, c in s.top_speakers) or "none"))
    click.echo(f"top entities ({days} days): " + (", ".join(f"{n} [{lbl}] ({c})" for n, lbl, c in s.top_entities) or "none"))
    # hosts whose pages turned empty, short or into walls today (view extraction_health_v; pipeline.serve.stats)
    jumps = [f"{j['host']} {j['bad']} of {j['articles']} today (was {j['previous_share']:.0%} of "
             f"{j['previous_articles']}): " + ", ".join(f"{k} {n}" for k, n in j["kinds"].items())
             for j in s.extraction_jumps]
    click.echo("extraction health, share of empty/short/not-article pages jumped: " + ("; ".join(jumps) or "none"))
    click.echo(f"paragraph cache: {cache['rows']} rows, {cache['dead']} dead at old rules versions"
               + (": `newsdesk prune-cache` deletes them" if cache["dead"] else
                  " (`newsdesk prune-cache --dry-run` also counts contexts no article has any more)"))
    if s.stale_compaction_copies:  # disk a killed compaction left: say where, how much, and what removes it
        copies = s.stale_compaction_copies
        click.echo(f"copies left by a killed compaction: {len(copies)} file{'s' if len(copies) != 1 else ''}, "
                   f"{_size(sum(c['bytes'] for c in copies))}: " + ", ".join(c["path"] for c in copies)
                   + f"; nothing reads them: `newsdesk prune-cache --db {shlex.quote(str(db_path))}` deletes them")


def _cache_report(db_path: Path) -> dict[str, int]:
    """The paragraph cache's rows and the dead ones SQL tells at a glance (pipeline.run.prunecache, read-only)."""
    from .run.prunecache import dead_at_a_glance

    result = dead_at_a_glance(db_path, lock_timeout=60.0)
    return {"rows": sum(result.rows.values()), "dead": result.dead_total}


# -------------------------------------------------------------------------------------------------- feeds


@cli.group()
def feeds() -> None:
    """Manage the feeds subscribed in a database (used by `ingest` when no --feeds file is given)."""


@feeds.command("add")
@_settings("feeds.add")
@click.argument("url")
@click.option("--name", default=None, help="A name for the feed.")
@click.option("--tag", "tags", multiple=True, help="A tag; repeatable.")
def feeds_add(db_path: Path, url: str, name: str | None, tags: tuple[str, ...]) -> None:
    """Subscribe to a feed URL."""
    from .fetch.feedlist import _check_url
    from .fetch.subscriptions import add_feeds
    from .records import FeedSpec

    try:
        url = _check_url(url, "feed")
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="URL") from exc
    with _library_errors():
        result = add_feeds(db_path, [FeedSpec(url=url, name=name, tags=tags)])
    click.echo("added" if result.added else "already subscribed")


@feeds.command("import")
@_settings("feeds.import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--starter", is_flag=True, help="Import the starter list of international news feeds shipped with newsdesk.")
def feeds_import(db_path: Path, file: Path | None, starter: bool) -> None:
    """Subscribe to every feed in an OPML, TOML or plain-text file (all or nothing)."""
    from .fetch.feedlist import load_feeds
    from .fetch.subscriptions import add_feeds

    if file is None and not starter:
        raise click.UsageError("give a FILE (OPML, TOML or one URL per line) or --starter")
    with _library_errors():
        specs = load_feeds(file) if file else load_feeds(Path(__file__).parent / "data" / "starter_feeds.toml")
        result = add_feeds(db_path, specs)
    click.echo(f"{result.added} feeds added, {result.already} already subscribed")


@feeds.command("remove")
@_settings("feeds.remove")
@click.argument("url")
def feeds_remove(db_path: Path, url: str) -> None:
    """Unsubscribe from a feed (its articles and history stay)."""
    from .fetch.subscriptions import remove_feed

    with _library_errors():
        remove_feed(db_path, url)
    click.echo("removed")


@feeds.command("list")
@_settings("feeds.list")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def feeds_list(db_path: Path, fmt: str) -> None:
    """The subscribed feeds with their health: last poll and status, failures in a row, new articles per day."""
    from .fetch.subscriptions import feed_health

    with _library_errors():
        columns, rows = feed_health(db_path)
    _print_rows(columns, rows, fmt)


# ---------------------------------------------------------------------------------- archive, reprocessing


@cli.command()
@_settings("reprocess")
@option("--since", default=None, type=TIMESTAMP,
        help="Only articles fetched at or after this time (ISO 8601, UTC if no zone).")
@option("--stages", default="extract,dedup,nlp", show_default=True, type=_Stages(),
        help="Stages to run again, comma-separated: extract (re-read the archive; dedup follows), dedup "
             "(over the stored paragraphs), nlp (entities and statements).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def reprocess(db_path: Path, since: datetime | None, stages: frozenset[str], batch_size: int, workers: int | None,
              archive_dir: Path | None, lexicon: Path | None, gazetteer: Path | None, lock_timeout: float,
              as_json: bool) -> None:
    """Re-run extraction, dedup and NLP over the archived responses with the current code and data files.

    Nothing is fetched; fetch history is untouched; each article's derived rows are replaced in one transaction.
    """
    from .nlp.stage import NlpOptions
    from .options import IngestOptions
    from .run.reprocess import ReprocessOptions, run_reprocess

    with _library_errors():
        options = ReprocessOptions(
            db_path=db_path, stages=stages, since=since, batch_size=batch_size,
            workers=workers or IngestOptions(db_path=db_path, feeds=[]).workers, lock_timeout=lock_timeout,
            archive_dir=archive_dir,
            nlp=NlpOptions(lexicon_path=lexicon and str(lexicon), gazetteer=gazetteer and str(gazetteer)))
        with _progress(enabled=not as_json and not _quiet()) as hook:
            summary = run_reprocess(options, progress=hook)
    if as_json:
        click.echo(_json(summary.as_dict()))
        return
    click.echo(
        f"reprocess run {summary.run_id} {summary.status} in {summary.seconds:.1f}s: "
        f"{summary.articles_reprocessed} articles reprocessed, {summary.articles_changed} changed, "
        f"{summary.paragraphs_new} new paragraphs, {summary.articles_without_archive} without an archived "
        f"response, {summary.archive_records_skipped} archive records unreadable")
    for problem in summary.problems[:20]:
        click.echo(f"  problem: {problem}")


@cli.command("import-warc")
@_settings("import-warc")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def import_warc(db_path: Path, files: tuple[Path, ...], batch_size: int, workers: int | None, lock_timeout: float,
                as_json: bool) -> None:
    """Ingest the HTML responses of WARC files made by other tools (CC-NEWS, wget, browsertrix)."""
    from .options import IngestOptions
    from .run.importwarc import NO_WARC_FILES, ImportOptions
    from .run.importwarc import import_warc as run_import

    with _library_errors():
        options = ImportOptions(db_path=db_path, files=list(files), batch_size=batch_size,
                                workers=workers or IngestOptions(db_path=db_path, feeds=[]).workers,
                                lock_timeout=lock_timeout)
        with _progress(enabled=not as_json and not _quiet()) as hook:
            summary = run_import(options, progress=hook)
    if as_json:
        click.echo(_json(summary.as_dict()))
    else:
        click.echo(
            f"import-warc {'nothing recorded,' if summary.run_id is None else f'run {summary.run_id}'} "
            f"{summary.status} in {summary.seconds:.1f}s: {summary.records_seen} "
            f"records, {summary.articles_new} articles loaded ({summary.articles_empty} without extractable text), "
            f"{summary.records_not_html} not HTML or not 2xx, {summary.archive_records_skipped} truncated/corrupt "
            f"records skipped, {summary.paragraphs_new} new paragraphs")
        for problem in summary.problems[:20]:
            click.echo(f"  problem: {problem}")
    if summary.status == NO_WARC_FILES:
        given = "the file given was not" if summary.files_given == 1 else f"none of the {summary.files_given} files given was"
        raise _NothingToImport(f"{given} a readable WARC file, so nothing was imported (see the problems above)")


@cli.command("prune-cache")
@_settings("prune-cache")
@click.option("--dry-run", is_flag=True, help="Count the dead rows; delete nothing.")
@click.option("--compact", is_flag=True,
              help="Then rewrite the file densely, so the freed space goes back to the disk (needs the file to "
                   "itself for as long as a copy takes).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def prune_cache(db_path: Path, lock_timeout: float, lexicon: Path | None, gazetteer: Path | None, dry_run: bool,
                compact: bool, as_json: bool) -> None:
    """Delete the paragraph-cache rows no pass will read again: analyses made at an older rules version or under a
    context no stored article produces any more, with their entity, statement and quote rows.

    One transaction, then a checkpoint. DuckDB reuses the freed space but the file does not shrink: --compact
    rewrites it into a fresh file (checked table by table, then renamed over the original). Articles, statements,
    entities and quotes are not touched, and nothing cached for a stored article at today's version goes. Refused
    while a pass holds the database, and when no stored article was analysed at this environment's version of its
    language (another spaCy model, --lexicon or --gazetteer than the passes use): nothing is deleted on a guess.
    """
    from dataclasses import asdict

    from .nlp.stage import NlpOptions
    from .run.prunecache import TABLES
    from .run.prunecache import prune_cache as run_prune

    with _library_errors():
        if compact and dry_run:
            raise click.UsageError("--compact rewrites the file and --dry-run only reads it; choose one")
        result = run_prune(db_path, dry_run=dry_run, compact=compact, lock_timeout=lock_timeout,
                           nlp=NlpOptions(lexicon_path=lexicon and str(lexicon), gazetteer=gazetteer and str(gazetteer)))
    if as_json:
        click.echo(_json({**asdict(result), "db_path": str(result.db_path)}))
        return
    done = "would delete" if dry_run else "deleted"
    for table in TABLES:
        click.echo(f"{table:22} {result.rows[table]:>10} rows, {result.dead[table]:>10} dead, "
                   f"{done} {result.dead[table] if dry_run else result.deleted[table]}")
    if result.stale_copies:
        click.echo(f"copies left by killed compactions beside the file: {_size(result.stale_copies)}"
                   + (", would be deleted" if dry_run else ", deleted"))
    click.echo(f"file size: {_size(result.bytes_before)} before, {_size(result.bytes_after)} after"
               + (" (dry run: nothing deleted)" if dry_run else " (compacted)" if result.compacted else ""))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB ({n} bytes)"


# ------------------------------------------------------------------------------------------------ airflow


@cli.command("airflow-setup")
@click.option("--airflow", "airflow_bin", default=None, type=_Executable(),
              help="The airflow executable (default: the one beside this Python, else on PATH).")
def airflow_setup(airflow_bin: str | None) -> None:
    """Prepare an Airflow deployment for the news_ingest DAG: create the `duckdb_writer` pool (1 slot).

    Run it once after `airflow db migrate` (compose's init service does); safe to run again.
    """
    from .airflow_setup import run_setup

    with _library_errors():
        done = run_setup([airflow_bin] if airflow_bin else None)
    for line in done:
        click.echo(f"ok: {line}")


# -------------------------------------------------------------------------------------------------- output


def _table(columns, rows):
    from rich.table import Table

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(str(column), overflow="fold")
    for row in rows:
        table.add_row(*("NULL" if v is None else str(_text_cell(v)) for v in row))  # bytes as in CSV, not b'..'
    return table


def _print_summary(summary, as_json: bool) -> None:
    from dataclasses import asdict

    status = summary.status
    if as_json:
        click.echo(_json(asdict(summary)))
        return
    click.echo(
        f"run {summary.run_id} {status} in {summary.seconds:.1f}s: {summary.feeds_polled} feeds polled "
        f"({summary.feeds_failed} failed), {summary.entries_seen} entries, {summary.articles_new} new articles, "
        f"{summary.articles_retried} retried, {summary.articles_failed} failed, {summary.articles_empty} without "
        f"extractable text, {summary.paragraphs_new} new paragraphs, {summary.repeats_removed} repeats removed"
    )
    if summary.articles_deferred:
        click.echo(f"  {summary.articles_deferred} articles past their feed's share of a pass (--max-entries-per-feed) "
                   "are left to the next passes")
    for problem in summary.feed_problems:
        click.echo(f"  feed problem: {problem}")


def _json(value) -> str:
    """Strict JSON (RFC 8259) of a command's output, whatever DuckDB or a summary holds: NaN and infinities
    become null, bytes base64 text, dates and times ISO 8601, durations ISO 8601 (``PT90S``), decimals
    numbers. ``json.dumps(default=str)`` wrote ``NaN`` and ``"b'\\x01'"``, which no other JSON reader takes."""
    return json.dumps(_jsonable(value), indent=2, allow_nan=False)


def _jsonable(value):
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime | date | time_of_day):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
        return f"{'-' if seconds < 0 else ''}PT{f'{abs(seconds):.6f}'.rstrip('0').rstrip('.')}S"
    if isinstance(value, Mapping):
        return {k if isinstance(k, str) else json.dumps(_jsonable(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)  # UUID, Path, an enum: their text is what a reader expects


def _text_cell(value):
    """A CSV cell: bytes as base64 text (as in JSON) rather than Python's b'...' literal."""
    return base64.b64encode(bytes(value)).decode("ascii") if isinstance(value, bytes | bytearray | memoryview) else value


@contextmanager
def _progress(enabled: bool):
    """A rich progress bar on a terminal; plain progress lines on stderr (every few seconds) otherwise."""
    if not enabled:
        yield None
        return
    if not sys.stderr.isatty():
        yield _PlainProgress()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=Console(stderr=True), transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def hook(event: str, amount: int) -> None:
            if event == "feeds_total":
                tasks["feed"] = bar.add_task("polling feeds", total=amount)
            elif event == "articles_total":
                tasks["article"] = bar.add_task("fetching + extracting articles", total=amount)
            elif event == "feed_done" and "feed" in tasks:
                bar.advance(tasks["feed"], amount)
            elif event == "article_done":
                if "article" not in tasks:  # a total nobody sent (import-warc streams its files): a count, no bar
                    tasks["article"] = bar.add_task("extracting articles", total=None)
                bar.advance(tasks["article"], amount)

        yield hook


class _PlainProgress:
    """Progress as log-friendly lines: "articles 120/500 (24%), 11.2/s, ETA 34s" at most every 5 seconds; without a
    total (import-warc reads its files as a stream, so it sends none) "articles 120, 11.2/s"."""

    INTERVAL = 5.0

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {}
        self.started: dict[str, float] = {}
        self.created = time.monotonic()  # the start of a count no total event started
        self.last = 0.0

    def __call__(self, event: str, amount: int) -> None:
        kind, _, what = event.partition("_")
        kind = {"feeds": "feeds", "feed": "feeds", "articles": "articles", "article": "articles"}.get(kind, kind)
        if what == "total":
            self.totals[kind], self.done[kind], self.started[kind] = amount, 0, time.monotonic()
            return
        self.done[kind] = self.done.get(kind, 0) + amount
        now = time.monotonic()
        total = self.totals.get(kind)
        if now - self.last >= self.INTERVAL or self.done[kind] == total:
            self.last = now
            elapsed = max(now - self.started.get(kind, self.created), 1e-6)
            rate = self.done[kind] / elapsed
            if total is None:
                click.echo(f"{kind} {self.done[kind]}, {rate:.1f}/s", err=True)
                return
            eta = f", ETA {((total - self.done[kind]) / rate):.0f}s" if rate and total > self.done[kind] else ""
            pct = f" ({100 * self.done[kind] / total:.0f}%)" if total else ""
            click.echo(f"{kind} {self.done[kind]}/{total}{pct}, {rate:.1f}/s{eta}", err=True)


def main() -> None:
    """The ``newsdesk`` console script: the CLI with SIGTERM handled like Ctrl-C, and exit codes that say why.

    Click's standalone mode is off so that an interrupt reaches here: the command has already unwound (workers
    stopped, the run row marked ``interrupted``, the pass lock released), and what is left is one line on
    stderr and the exit code a supervisor expects (130 or 143), not Click's "Aborted!" with status 1.
    """
    from .run.passlock import PassInProgress
    from .run.runrecord import Terminated, sigterm_raises

    try:
        with sigterm_raises():
            code = cli.main(prog_name="newsdesk", standalone_mode=False)
    except Terminated:
        _stopped("terminated by SIGTERM")
        sys.exit(EXIT_SIGTERM)
    except click.exceptions.Abort as exc:  # Click turns KeyboardInterrupt (and EOF at a prompt) into Abort
        if not isinstance(exc.__cause__, KeyboardInterrupt):
            click.echo("Aborted!", err=True)
            sys.exit(1)
        _stopped("interrupted by Ctrl-C")
        sys.exit(EXIT_SIGINT)
    except click.ClickException as exc:
        exc.show()
        locked = exc.exit_code == 1 and isinstance(exc.__cause__, PassInProgress)
        sys.exit(EXIT_PASS_RUNNING if locked else exc.exit_code)
    except BrokenPipeError:  # `newsdesk query ... | head`: the reader left; say nothing more (Click's own way)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _stopped(how: str) -> None:
    click.echo(f"newsdesk: {how}; stopped cleanly (a run in progress is marked interrupted, and the next pass "
               "picks up what it did not finish)", err=True)


if __name__ == "__main__":
    main()
