"""One declaration per setting (pipeline.settings): the CLI's options, the newsdesk.toml keys, the news_ingest
DAG's params, the environment, a DAG run's resolved settings and the library's option objects all come from
it and agree on every default; a bad value from any of them is the same one-line error."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from airflow_harness import DAGS, REPO, airflow_env
from pipeline.cli import cli
from pipeline.options import DedupOptions, FetchOptions, IngestOptions, ScheduleOptions, default_archive_dir
from pipeline.run import tasks
from pipeline.settings import (
    SETTINGS,
    Count,
    HeaderText,
    OptionError,
    PathKind,
    Seconds,
    Setting,
    Switch,
    dag_params,
    for_dag,
)

CLI_FACES = [(s, command) for s in SETTINGS.values() for command in s.commands]
DAG_SETTINGS = for_dag()
ENV_SETTINGS = [s for s in SETTINGS.values() if s.env]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """Only what a test sets: a NEWSDESK_* variable of the shell running the suite would hide a default."""
    for name in list(os.environ):
        if name.startswith("NEWSDESK_"):
            monkeypatch.delenv(name)


def face_id(value) -> str:
    return value.name if isinstance(value, Setting) else str(value)


def command_of(path: str) -> click.Command:
    command: click.Command = cli
    for part in path.split("."):
        command = command.commands[part]  # type: ignore[attr-defined]
    return command


def context_of(path: str, args: list[str]) -> click.Context:
    """``path``'s context for ``args``, under the group's as `newsdesk` makes it: a context of its own would
    leave the command a help option without -h (Click caches it on the command)."""
    parent = click.Context(cli, info_name="newsdesk", **cli.context_settings)
    return command_of(path).make_context(path, args, parent=parent)


def all_commands(group: click.Group = cli, prefix: str = ""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from all_commands(command, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", command


def sample(s: Setting, tmp_path: Path) -> tuple[str, object]:
    """A valid value other than the default: as text (a flag, a variable) and as the value it stands for."""
    kind = s.kind
    if isinstance(kind, Switch):
        return ("0", False) if s.default else ("1", True)
    if isinstance(kind, Count):
        n = (s.default or kind.minimum) + 7
        return str(n), n
    if isinstance(kind, Seconds):
        x = s.default * 2 + 1.5
        return repr(x), x
    if isinstance(kind, HeaderText):
        return "ops@example.org", "ops@example.org"
    path = tmp_path / f"given-{s.name}"
    if kind.exists:
        path.mkdir() if kind.directory else path.write_text("")
    return str(path), str(path)


def as_setting(config: dict, s: Setting, db: Path) -> object:
    """A DAG run's resolved settings (tasks.configure) read back as the table's setting ``s``."""
    if s.name == "archive_dir":
        return None if config["archive_dir"] == str(default_archive_dir(db)) else config["archive_dir"]
    if s.name == "staging_dir":
        root = config["run_dir"].removeprefix("file://").rsplit("/", 2)[0]  # a URL (pipeline.store.stagingurl)
        return None if root == str(db.parent / "staging") else root
    renamed = {"feeds": "feeds_path", "db": "db_path", "batch_size": "articles_per_batch", "timeout": "total_timeout"}
    if s.name == "no_robots":
        return not config["robots"]
    if s.name == "no_archive":
        return config["archive_dir"] is None
    return config[renamed.get(s.name, s.name)]


def configure(params: dict | None = None, **kw) -> dict:
    return tasks.configure(params, dag_id="news_ingest", run_id="manual__1", **kw)


# ------------------------------------------------------------------------------------------ defaults


@pytest.mark.parametrize("s, command", CLI_FACES, ids=lambda v: face_id(v))
def test_each_cli_option_is_the_declared_setting(s, command):
    param = next(p for p in command_of(command).params if p.name == s.param_name)
    assert param.opts == [s.flag]
    assert param.default == s.default, f"{command} {s.flag}: a default typed in the CLI, not the table's"
    assert param.envvar == s.env
    assert getattr(param.type, "setting", s) is s  # checked by the table's parse (paths: by click.Path)


@pytest.mark.parametrize("command", ["reprocess", "import-warc"])
def test_batch_size_help_says_what_a_batch_is_for_commands_that_neither_fetch_nor_run_as_a_dag(command):
    """`reprocess --help` and `import-warc --help` described --batch-size as "Articles fetched ... (a DAG run: per
    mapped task)": neither command fetches, and neither is a DAG run."""
    result = CliRunner().invoke(cli, [command, "--help"], terminal_width=400)
    assert result.exit_code == 0
    (line,) = [line for line in result.output.splitlines() if "--batch-size" in line]
    assert "loaded per batch" in line
    assert "fetched" not in line and "DAG" not in line and "mapped task" not in line
    ingest = CliRunner().invoke(cli, ["ingest", "--help"], terminal_width=400).output
    assert "fetched, extracted and loaded per batch (a DAG run: per mapped task)" in ingest


def test_no_command_types_a_setting_by_hand():
    """An option carrying a setting's name or a NEWSDESK_* variable on a command the table does not list for it
    is a second declaration (newsdesk.toml's --config is the file itself, and `demo --db` is never the user's)."""
    by_param = {s.param_name: s for s in SETTINGS.values()}
    for path, command in all_commands():
        for param in command.params:
            s = by_param.get(param.name or "")
            env = getattr(param, "envvar", None)
            if s is None and not env:
                continue
            assert s is not None and path in s.commands, f"{path} {param.opts}: declare it in pipeline.settings"


def test_dag_run_defaults_are_the_declared_ones(tmp_path):
    db = tmp_path / "n.duckdb"
    config = configure({"db": str(db)})
    for s in DAG_SETTINGS:
        if s.name != "db":
            assert as_setting(config, s, db) == s.default_for("dag"), s.name
    # every resolved setting is a declared one: a value made up in configure has no row to agree with
    derived = {"dag_id", "run_id", "run_dir", "feeds_path", "db_path", "articles_per_batch", "total_timeout", "robots"}
    assert set(config) - derived <= set(SETTINGS)
    with pytest.raises(tasks.ConfigError, match="NEWSDESK_DB"):
        configure({})


def test_a_face_differs_only_where_the_table_says_why():
    for s in SETTINGS.values():
        if s.dag and (s.default_for("dag") != s.default or not s.dag_env):
            assert s.why, f"{s.name}: the DAG differs from the CLI; say why in the declaration"
    assert SETTINGS["lock_timeout"].default_for("dag") == 600.0 and SETTINGS["workers"].default_for("dag") == 1
    assert SETTINGS["batch_size"].default_for("dag") == SETTINGS["batch_size"].default == 250


def test_the_library_options_default_to_the_table():
    ingest, fetch, schedule = IngestOptions(db_path="x", feeds=[]), FetchOptions(), ScheduleOptions()
    library = {
        "batch_size": ingest.batch_size, "max_fetch_attempts": ingest.max_fetch_attempts,
        "lock_timeout": ingest.lock_timeout, "force": ingest.force, "retry_backoff": ingest.retry_backoff,
        "pass_lock_wait": ingest.pass_lock_wait, "no_archive": not ingest.archive,
        "refresh_updated": ingest.refresh_updated, "timeout": fetch.total_timeout, "max_bytes": fetch.max_bytes,
        "concurrency": fetch.concurrency, "per_host": fetch.per_host, "min_host_delay": fetch.min_host_delay,
        "max_retry_wait": fetch.max_retry_wait, "allow_private_network": fetch.allow_private_network,
        "no_robots": not fetch.robots, "min_poll_interval": schedule.min_interval,
        "max_poll_interval": schedule.max_interval, "unhealthy_after": schedule.unhealthy_after,
        "boilerplate_min_articles": DedupOptions().boilerplate_min_articles,
    }
    assert library == {name: SETTINGS[name].default for name in library}


# ------------------------------------------------------------------------------------ newsdesk.toml


def toml_literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value) if isinstance(value, str) else repr(value)


@pytest.mark.parametrize("s, command", CLI_FACES, ids=lambda v: face_id(v))
def test_newsdesk_toml_takes_each_setting_by_its_name(s, command, tmp_path, monkeypatch):
    from pipeline.cli import _check_config_value, _parameter_names
    from pipeline.config import load_config

    _, value = sample(s, tmp_path)
    config = tmp_path / "newsdesk.toml"
    for text in (f"[{command}]\n{s.name} = {toml_literal(value)}\n", f"{s.name} = {toml_literal(value)}\n"):
        config.write_text(text)
        defaults = load_config(config, _parameter_names(cli), lambda c, n, v: _check_config_value(cli, c, n, v))
        for part in command.split("."):
            defaults = defaults[part]
        got = defaults[s.param_name]
        assert (str(got) if isinstance(s.kind, PathKind) else got) == value, text


@pytest.mark.parametrize("text, says", [
    ("[ingest]\nbatch_sise = 3\n", "has no option 'batch_sise'"),
    ("feeds_per_batch = 3\n", "unknown option 'feeds_per_batch'"),  # the DAG's own: no command has it
    ("[query]\nbatch_size = 3\n", "[query] has no option 'batch_size'"),  # a setting, not of this command
])
def test_newsdesk_toml_still_refuses_unknown_keys(tmp_path, monkeypatch, text, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsdesk.toml").write_text(text)
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "n.duckdb")])
    assert result.exit_code == 1 and says in result.stderr and len(result.stderr.strip().splitlines()) == 1


# -------------------------------------------------------------------------------------- environment


@pytest.mark.parametrize("s", ENV_SETTINGS, ids=face_id)
def test_each_variable_reaches_every_face_that_reads_it(s, tmp_path, monkeypatch):
    text, value = sample(s, tmp_path)
    monkeypatch.setenv(s.env, text)
    db = tmp_path / "n.duckdb"
    required = {"feeds.add": ["http://example.org/feed"], "feeds.remove": ["http://example.org/feed"],
                "export": ["--out", str(tmp_path / "out")], "import-warc": [str(tmp_path / "w.warc")]}
    (tmp_path / "w.warc").write_text("")
    for command in s.commands:
        args = ([] if s.name == "db" else ["--db", str(db)]) + required.get(command, [])
        got = context_of(command, args).params[s.param_name]
        assert (str(got) if isinstance(s.kind, PathKind) else got) == value, command
    if s.dag:
        config = configure({} if s.name == "db" else {"db": str(db)})
        expected = value if s.dag_env else s.default_for("dag")
        assert as_setting(config, s, Path(text) if s.name == "db" else db) == expected


# ------------------------------------------------------------------------------------------ bad values

#: (setting, as a flag or variable, as newsdesk.toml writes it, as a DAG param): the same value each way
BAD = [
    ("batch_size", "0", "0", 0),
    ("max_bytes", "ten", '"ten"', "ten"),
    ("timeout", "nan", "nan", math.nan),
    ("min_host_delay", "-1.5", "-1.5", -1.5),
    ("boilerplate_min_articles", "1", "1", 1),
    ("force", "maybe", '"maybe"', "maybe"),
    ("contact", "ops\x01example.org", '"ops\\u0001example.org"', "ops\x01example.org"),
]


def one_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith(("Usage:", "Try "))]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("name, text, toml, param", BAD, ids=[b[0] for b in BAD])
def test_a_bad_value_is_the_same_one_line_error_from_every_face(name, text, toml, param, tmp_path, monkeypatch):
    s = SETTINGS[name]
    with pytest.raises(OptionError) as refused:
        s.parse(text)
    message = str(refused.value)  # "batch_size must be a whole number of at least 1, got 0"
    assert message.startswith(f"{name} must be ") and "\n" not in message
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n")
    db = tmp_path / "n.duckdb"
    run = ["ingest", "--feeds", str(feeds), "--db", str(db)]
    invoke = CliRunner().invoke

    if not isinstance(s.kind, Switch):  # a switch takes no value on the command line
        result = invoke(cli, [*run, s.flag, text])
        assert result.exit_code == 2 and message in one_line(result)
    result = invoke(cli, run, env={s.env: text})
    assert result.exit_code == 2 and message in one_line(result) and s.env in one_line(result)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsdesk.toml").write_text(f"[ingest]\n{name} = {toml}\n")
    result = invoke(cli, run)
    assert result.exit_code == 1 and message in one_line(result) and f"[ingest] {name} = " in one_line(result)
    (tmp_path / "newsdesk.toml").unlink()
    assert not db.exists()  # refused before anything ran

    with pytest.raises(OptionError) as from_param:
        configure({"db": str(db), s.dag_name: param})
    assert str(from_param.value) == f"DAG param {s.dag_name!r}: {message}"
    monkeypatch.setenv(s.env, text)
    with pytest.raises(OptionError) as from_env:
        configure({"db": str(db)})
    assert str(from_env.value) == f"environment variable {s.env}: {message}"


def test_crossed_poll_intervals_are_refused_by_every_face(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_MIN_POLL_INTERVAL", "100")
    with pytest.raises(OptionError, match="must not exceed max_poll_interval"):
        configure({"db": str(tmp_path / "n.duckdb"), "max_poll_interval": 10})
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "n.duckdb"), "--max-poll-interval", "10"])
    assert result.exit_code == 2 and "must not exceed max_poll_interval" in one_line(result)
    assert not (tmp_path / "n.duckdb").exists()  # refused before the database was opened


# ----------------------------------------------------------------------------------------------- DAG


@pytest.fixture(scope="module")
def dag_file_params(tmp_path_factory) -> dict:
    """The Params of dags/news_ingest.py as Airflow sees them, imported in a process of its own (Airflow
    configures itself once per process; tests/test_dags.py does the same)."""
    home = tmp_path_factory.mktemp("airflow")
    code = ("import importlib.util, json, sys\n"
            "spec = importlib.util.spec_from_file_location('news_ingest_params', sys.argv[1])\n"
            "module = importlib.util.module_from_spec(spec)\n"
            "spec.loader.exec_module(module)\n"
            "print(json.dumps({k: {'value': p.value, 'schema': p.schema, 'description': p.description}\n"
            "                  for k, p in module.PARAMS.items()}))\n")
    done = subprocess.run([sys.executable, "-c", code, str(DAGS / "news_ingest.py")], env=airflow_env(home),
                          cwd=REPO, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_dag_declares_a_param_for_every_dag_setting(dag_file_params):
    assert set(dag_file_params) == {s.dag_name for s in DAG_SETTINGS}  # was 9 params; configure read ~26
    declared = dag_params()
    for s in DAG_SETTINGS:
        param = dag_file_params[s.dag_name]
        # empty: the variable, then the default configure resolves (test_dag_run_defaults_are_the_declared_ones)
        assert param["value"] is None
        assert param["schema"] == {k: v for k, v in declared[s.dag_name].items() if k != "description"}
        assert param["description"].endswith(f"else {s.shown(s.default_for('dag'))}." if s.env and s.dag_env
                                             else f"Empty: {s.shown(s.default_for('dag'))}.")
        if s.env and s.dag_env:
            assert f"${s.env}" in param["description"]


def test_settings_import_nothing_heavy():
    """The DAG file imports pipeline.settings whenever Airflow parses the folder."""
    heavy = ("duckdb", "spacy", "trafilatura", "httpx", "click", "pyarrow", "rich", "airflow")
    code = f"import sys, pipeline.settings; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
