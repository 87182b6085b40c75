"""Every setting of newsdesk, declared once: name, type, default, environment variable, help, check, and the
faces it applies to (the `newsdesk` commands, and so their ``newsdesk.toml`` keys; the news_ingest DAG's params).

The faces are derived from this table, never typed again: :mod:`pipeline.cli` builds its Click options from it
(and ``newsdesk.toml`` accepts exactly those options), ``dags/news_ingest.py`` declares its ``Param``s from it,
:func:`pipeline.run.tasks.configure` resolves a DAG run's settings with it, and the option objects of
:mod:`pipeline.options` take their defaults from it. A value from any face goes through the same
:meth:`Setting.parse`, so a bad one is the same one-line :class:`OptionError` wherever it was written.

Where a face needs another default (the DAG's loader waits longer for the lock than a person at a terminal),
the difference is declared here, with its reason, rather than typed as a literal in that face.

Standard library only: the DAG file imports this module every time Airflow parses it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError


class OptionError(ConfigError, ValueError):
    """An option out of its range. A ValueError too, for callers that caught the plain ValueError before."""


def _where(owner: str, name: str) -> str:
    return f"{owner}.{name}" if owner else name


def check_count(owner: str, name: str, value: object, minimum: int = 1) -> None:
    """A whole number of at least ``minimum`` (``True`` is not a count, although Python calls it an int)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise OptionError(f"{_where(owner, name)} must be a whole number of at least {minimum}, got {value!r}")


def check_seconds(owner: str, name: str, value: object, *, positive: bool = False) -> None:
    """A finite number of seconds, at least 0 (above 0 where ``positive``): NaN compares false with every
    bound, so it would slip through a plain ``<`` check and then disable the timeout it configures."""
    ok = (not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
          and (value > 0 if positive else value >= 0))
    if not ok:
        bound = "above 0" if positive else "at least 0"
        raise OptionError(f"{_where(owner, name)} must be a finite number of seconds {bound}, got {value!r}")


def check_header_text(owner: str, name: str, value: object) -> None:
    """Text that goes into an HTTP header: a line break would start a header of its own."""
    if not isinstance(value, str) or not value.strip() or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise OptionError(f"{_where(owner, name)} must be non-empty text without control characters, got {value!r}")


# ------------------------------------------------------------------------------------------------ kinds


def _number(value: object, cast: type) -> object:
    """Text (an environment variable, a flag) as a number; anything else as it is, for the check to judge."""
    if isinstance(value, str):
        try:
            return cast(value.strip())
        except ValueError:
            return value
    return value


@dataclass(frozen=True)
class Count:
    minimum: int = 1
    name = "integer"

    def parse(self, name: str, value: object) -> int:
        value = _number(value, int)
        if isinstance(value, float) and value.is_integer():  # 250.0 from JSON or TOML is 250
            value = int(value)
        check_count("", name, value, self.minimum)
        return value  # type: ignore[return-value]

    def schema(self) -> dict:
        return {"type": ["null", "integer"], "minimum": self.minimum}


@dataclass(frozen=True)
class Seconds:
    positive: bool = False
    name = "seconds"

    def parse(self, name: str, value: object) -> float:
        value = _number(value, float)
        check_seconds("", name, value, positive=self.positive)
        return float(value)  # type: ignore[arg-type]

    def schema(self) -> dict:
        return {"type": ["null", "number"], "exclusiveMinimum" if self.positive else "minimum": 0}


#: the words a switch accepts from text (an environment variable), as Click's own flags accept them
TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "f", "no", "n", "off"})


@dataclass(frozen=True)
class Switch:
    name = "boolean"

    def parse(self, name: str, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        word = value.strip().lower() if isinstance(value, str) else None
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        raise OptionError(f"{name} must be true or false (1/0, yes/no, on/off), got {value!r}")

    def schema(self) -> dict:
        return {"type": ["null", "boolean"]}


@dataclass(frozen=True)
class HeaderText:
    name = "text"

    def parse(self, name: str, value: object) -> str:
        check_header_text("", name, value)
        return value  # type: ignore[return-value]

    def schema(self) -> dict:
        return {"type": ["null", "string"]}


@dataclass(frozen=True)
class PathKind:
    """A file or directory. Whether it must exist is the CLI's to check (its Path type says so in its own
    words); the DAG's tasks find out when they open it."""

    directory: bool = False
    exists: bool = False
    name = "path"

    def parse(self, name: str, value: object) -> str:
        text = str(value) if hasattr(value, "__fspath__") else value
        if not isinstance(text, str) or not text.strip() or "\0" in text:
            raise OptionError(f"{name} must be a {'directory' if self.directory else 'file'} path, got {value!r}")
        return text

    def schema(self) -> dict:
        return {"type": ["null", "string"]}


Kind = Count | Seconds | Switch | HeaderText | PathKind

_SAME = object()  # Setting.dag_default: the DAG's default is the setting's own


# --------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Setting:
    """One setting. ``name`` is its newsdesk.toml key, the Python name of its CLI option (``--batch-size`` is
    ``batch_size``) and its DAG param, unless ``param`` or ``dag_param`` says otherwise."""

    name: str
    kind: Kind
    default: Any
    help: str
    env: str | None = None
    commands: tuple[str, ...] = ()  # `newsdesk` commands that have it (their newsdesk.toml keys follow)
    dag: bool = False  # a param of the news_ingest DAG
    dag_param: str | None = None  # its name there, where it differs
    dag_default: Any = _SAME  # a DAG-only default, declared (with its reason in ``why``) instead of typed there
    dag_env: bool = True  # the DAG falls back to ``env`` too
    param: str | None = None  # the CLI function's argument, where it differs from ``name``
    why: str = ""  # why this default, or why a face differs
    default_text: str | None = None  # what an empty default means, for the help ("the number of CPUs")
    command_help: Mapping[str, str] = field(default_factory=dict)  # another wording for one command

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def param_name(self) -> str:
        return self.param or self.name

    @property
    def dag_name(self) -> str:
        return self.dag_param or self.name

    def default_for(self, face: str) -> Any:
        """The default of ``face`` ("cli" or "dag")."""
        return self.dag_default if face == "dag" and self.dag_default is not _SAME else self.default

    def shown(self, value: Any) -> str:
        """A default as the DAG's and the docs' text shows it: ``true``, ``600``, ``the number of CPUs``."""
        if value is None:
            return self.default_text or "none"
        if isinstance(value, bool):
            return str(value).lower()
        return f"{value:g}" if isinstance(value, float) else str(value)

    def help_for(self, command: str) -> str:
        return self.command_help.get(command, self.help)

    def parse(self, value: object, where: str = "") -> Any:
        """``value`` (text from a flag or the environment, or a TOML/JSON value) as this setting's type, or a
        one-line OptionError naming the setting, what it must be, and ``where`` the value came from."""
        try:
            return self.kind.parse(self.name, value)
        except OptionError as exc:
            if not where:
                raise
            raise OptionError(f"{where}: {exc}") from None


def _declare(*settings: Setting) -> dict[str, Setting]:
    return {s.name: s for s in settings}


_INGEST = ("ingest",)
_OFFLINE = ("ingest", "reprocess", "import-warc")  # the commands that fetch/extract/load in batches
_DB_COMMANDS = ("ingest", "query", "export", "stats", "feeds.add", "feeds.import", "feeds.remove", "feeds.list",
                "reprocess", "import-warc", "prune-cache")

SETTINGS: dict[str, Setting] = _declare(
    Setting("feeds", PathKind(exists=True), None, env="NEWSDESK_FEEDS", commands=_INGEST, dag=True,
            param="feeds_path",
            default_text="the feeds subscribed in the database, see `newsdesk feeds add`",
            help="Feeds file: OPML, TOML with [[feeds]] tables (url, name, tags) or one URL per line."),
    Setting("db", PathKind(), None, env="NEWSDESK_DB", commands=_DB_COMMANDS, dag=True, param="db_path",
            help="DuckDB database file."),
    Setting("batch_size", Count(), 250, env="NEWSDESK_BATCH_SIZE", commands=_OFFLINE, dag=True,
            dag_param="articles_per_batch",
            help="Articles fetched, extracted and loaded per batch (a DAG run: per mapped task).",
            # neither command fetches nor runs as a DAG: each says what its own batch is
            command_help={"reprocess": "Articles re-processed from their archived responses and loaded per batch "
                                       "(one transaction each).",
                          "import-warc": "Articles read from the WARC files, processed and loaded per batch (one "
                                         "transaction each)."},
            why="250, measured (bench/load.py): each batch pays a fixed cost (a load transaction and its "
                "checkpoint; in the DAG a task process that imports the pipeline and loads spaCy), and 250 "
                "amortises it while memory stays bounded (each page body is dropped once processed). Was 100 "
                "in the DAG, reprocess and import-warc."),
    Setting("workers", Count(), None, env="NEWSDESK_WORKERS", commands=_OFFLINE, dag=True, dag_default=1,
            dag_env=False,
            help="Extraction/NLP processes.", default_text="the number of CPUs, at most 8",
            why="In the DAG 1, and NEWSDESK_WORKERS is not read there: a DAG's parallelism is its mapped tasks, "
                "and a CLI's worker count would be multiplied by every task running at once."),
    Setting("concurrency", Count(), 8, env="NEWSDESK_CONCURRENCY", commands=_INGEST, dag=True,
            help="HTTP requests in flight overall."),
    Setting("per_host", Count(), 2, env="NEWSDESK_PER_HOST", commands=_INGEST, dag=True,
            help="HTTP requests in flight per host."),
    Setting("timeout", Seconds(positive=True), 60.0, env="NEWSDESK_TIMEOUT", commands=_INGEST, dag=True,
            help="Seconds allowed for one whole request."),
    Setting("max_bytes", Count(), 10 * 1024 * 1024, env="NEWSDESK_MAX_BYTES", commands=_INGEST, dag=True,
            help="Size cap per response, after decompression."),
    Setting("user_agent", HeaderText(), None, env="NEWSDESK_USER_AGENT", commands=_INGEST, dag=True,
            help="User-Agent header.", default_text="one naming newsdesk and the contact URL"),
    Setting("extract_timeout", Seconds(positive=True), 30.0, env="NEWSDESK_EXTRACT_TIMEOUT", commands=_INGEST,
            dag=True,
            help="Seconds one page's extraction may take; a page that takes longer is recorded as failed "
                 "(extract_timeout), retried on later passes, and the pass goes on.",
            why="30: the slowest of 257 real pages took 4.8 s of wall time (0.21 s of CPU) on a machine loaded "
                "6-8 times over, p99 1.8 s (bench/extract_budget.py); one hostile page held extraction for "
                "124 s. reprocess and import-warc use this default."),
    Setting("max_entries_per_feed", Count(), 500, env="NEWSDESK_MAX_ENTRIES_PER_FEED", commands=_INGEST, dag=True,
            help="Articles fetched per feed per pass at most; a feed that lists more keeps the rest in "
                 "feed_entries for the next passes (the run's articles_deferred counts them).",
            why="500: a busy feed lists 10 to 100 items; a feed that lists its whole archive (100,000 items) "
                "would otherwise hold one pass for hours. About a minute of fetching at the measured rate."),
    Setting("max_fetch_attempts", Count(), 5, env="NEWSDESK_MAX_FETCH_ATTEMPTS", commands=_INGEST, dag=True,
            help="Attempts before a failing article is given up."),
    Setting("lock_timeout", Seconds(), 120.0, env="NEWSDESK_LOCK_TIMEOUT", commands=(*_OFFLINE, "query", "prune-cache"),
            dag=True, dag_default=600.0, dag_env=False,
            help="Seconds to wait for another process's database lock.",
            why="One wait for the same lock in every command (`query` waited 60 s). The DAG's loader waits 600 s "
                "and does not read NEWSDESK_LOCK_TIMEOUT: it runs unattended and would rather wait out a long "
                "CLI pass or reprocess than fail and be retried, where a person at a terminal wants an answer."),
    Setting("allow_private_network", Switch(), False, env="NEWSDESK_ALLOW_PRIVATE_NETWORK", commands=_INGEST,
            dag=True, help="Allow feeds and pages on private/loopback addresses (refused by default)."),
    Setting("force", Switch(), False, env="NEWSDESK_FORCE", commands=_INGEST, dag=True,
            help="Poll every feed now, due or not (feeds are otherwise polled on their own adaptive schedule)."),
    Setting("contact", HeaderText(), None, env="NEWSDESK_CONTACT", commands=_INGEST, dag=True,
            help="A URL or mail address for site owners, put in the User-Agent."),
    Setting("min_host_delay", Seconds(), 1.0, env="NEWSDESK_MIN_HOST_DELAY", commands=_INGEST, dag=True,
            help="Seconds between two requests to one host; robots.txt Crawl-delay can raise it."),
    Setting("no_robots", Switch(), False, env="NEWSDESK_NO_ROBOTS", commands=_INGEST, dag=True,
            help="Do not consult robots.txt (only for sites you own or have permission to crawl)."),
    Setting("max_retry_wait", Seconds(), 10.0, env="NEWSDESK_MAX_RETRY_WAIT", commands=_INGEST, dag=True,
            help="A Retry-After up to this many seconds is waited out within the pass; longer ones are deferred."),
    Setting("retry_backoff", Seconds(), 900.0, env="NEWSDESK_RETRY_BACKOFF", commands=_INGEST, dag=True,
            help="Base seconds of the growing wait before a failed article is fetched again."),
    Setting("pass_lock_wait", Seconds(), 0.0, env="NEWSDESK_PASS_LOCK_WAIT", commands=_INGEST,
            help="If another pass is running on the same database, wait this long before giving up.",
            why="Not in the DAG: a run claims the database instead of holding the pass lock, and a task that "
                "finds a CLI pass at work fails and is retried."),
    Setting("min_poll_interval", Seconds(positive=True), 600.0, env="NEWSDESK_MIN_POLL_INTERVAL",
            commands=_INGEST, dag=True, help="Adaptive polling: the shortest seconds between two polls of a feed."),
    Setting("max_poll_interval", Seconds(positive=True), 86400.0, env="NEWSDESK_MAX_POLL_INTERVAL",
            commands=_INGEST, dag=True, help="Adaptive polling: the longest seconds between two polls of a feed."),
    Setting("unhealthy_after", Seconds(), 172800.0, env="NEWSDESK_UNHEALTHY_AFTER", commands=_INGEST, dag=True,
            help="Seconds of failing before a feed is marked unhealthy."),
    Setting("boilerplate_min_articles", Count(minimum=2), 3, env="NEWSDESK_BOILERPLATE_MIN_ARTICLES",
            commands=_INGEST, dag=True,
            help="A paragraph in this many articles of one site is that site's boilerplate, left out of the text."),
    Setting("archive_dir", PathKind(directory=True), None, env="NEWSDESK_ARCHIVE_DIR",
            commands=("ingest", "reprocess"), dag=True,
            help="Keep every fetched response in WARC files here; `newsdesk reprocess` reads them back.",
            default_text="<db stem>.warc/ beside the database",
            command_help={"reprocess": "Where the WARC files are now, if moved."}),
    Setting("no_archive", Switch(), False, env="NEWSDESK_NO_ARCHIVE", commands=_INGEST, dag=True,
            help="Do not keep fetched responses (reprocessing then cannot re-extract these articles)."),
    Setting("lexicon", PathKind(exists=True), None, env="NEWSDESK_LEXICON", commands=("reprocess", "prune-cache"),
            help="Topic lexicon TOML.", default_text="the bundled one",
            command_help={"prune-cache": "The topic lexicon TOML your passes use (English analyses made with "
                                         "another are dead)."}),
    Setting("gazetteer", PathKind(exists=True), None, env="NEWSDESK_GAZETTEER", commands=("reprocess", "prune-cache"),
            help="An extra gazetteer JSONL file.",
            command_help={"prune-cache": "The extra gazetteer JSONL file your passes use (English analyses made "
                                         "without it are dead)."}),
    # the DAG's own: a CLI pass has no mapped tasks, no staging directory, and always refreshes updated entries
    Setting("feeds_per_batch", Count(), 25, dag=True, help="Feeds per mapped poll task."),
    Setting("refresh_updated", Switch(), True, dag=True,
            help="Fetch a stored article again when its feed entry's updated time moves on (as `newsdesk "
                 "ingest` always does)."),
    Setting("staging_dir", PathKind(directory=True), None, env="NEWSDESK_STAGING", dag=True,
            help="Root of the runs' staged batches, a path or a URL (file://, s3://, gs://: pipeline.store.stagingurl); "
                 "with Celery workers on several machines, storage they all reach.",
            default_text="staging/ beside the database"),
)


def default(name: str) -> Any:
    """A setting's default (for the option objects of :mod:`pipeline.options`)."""
    return SETTINGS[name].default


def for_command(command: str) -> list[Setting]:
    """The settings ``command`` ("ingest", "feeds.add") has, in table order (the order of its --help)."""
    return [s for s in SETTINGS.values() if command in s.commands]


def for_dag() -> list[Setting]:
    return [s for s in SETTINGS.values() if s.dag]


def check_poll_intervals(min_interval: float, max_interval: float) -> None:
    """The one check across settings: the adaptive schedule's bounds must not cross."""
    if min_interval > max_interval:
        raise OptionError(f"min_poll_interval ({min_interval:g}) must not exceed max_poll_interval "
                          f"({max_interval:g}): raise max_poll_interval or lower min_poll_interval")


# -------------------------------------------------------------------------------------------------- DAG


def dag_params() -> dict[str, dict]:
    """The news_ingest DAG's params: ``{param name: JSON schema with a description}``. Every one defaults to
    empty, which means: the environment variable (where the DAG reads it), else the declared default."""
    params = {}
    for s in for_dag():
        fallback = f"${s.env}, else " if s.env and s.dag_env else ""
        params[s.dag_name] = {**s.kind.schema(),
                              "description": f"{s.help} Empty: {fallback}{s.shown(s.default_for('dag'))}."}
    return params


def resolve_dag(params: Mapping[str, Any] | None, environ: Mapping[str, str]) -> dict[str, Any]:
    """A DAG run's value of every DAG setting, by setting name: the param if given, else the environment
    variable (where the DAG reads it), else the DAG's default. A bad value is an OptionError naming the
    param or the variable it came from."""
    given = {k: v for k, v in dict(params or {}).items() if v is not None and v != ""}
    values = {}
    for s in for_dag():
        if s.dag_name in given:
            values[s.name] = s.parse(given[s.dag_name], f"DAG param {s.dag_name!r}")
        elif s.env and s.dag_env and environ.get(s.env, "") != "":
            values[s.name] = s.parse(environ[s.env], f"environment variable {s.env}")
        else:
            values[s.name] = s.default_for("dag")
    return values
