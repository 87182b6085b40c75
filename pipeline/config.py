"""``newsdesk.toml``: a configuration file for every command-line option.

Precedence, highest first: a flag on the command line, then an environment variable (``NEWSDESK_DB``,
``NEWSDESK_FEEDS``, ``NEWSDESK_BATCH_SIZE``, ... — each option's help names it), then the configuration file,
then the default declared in :mod:`pipeline.settings`. The file is ``./newsdesk.toml``, or the one named by ``--config`` /
``NEWSDESK_CONFIG``::

    db = "news.duckdb"          # top-level keys apply to every command that has the option
    feeds = "feeds.toml"

    [ingest]                    # a table per command overrides them
    workers = 2
    batch_size = 200
    allow_private_network = false

Every value is checked as the option's own command-line value would be, when the file is read: a bad one is a
one-line error naming the file and the key (``newsdesk.toml: [ingest] batch_size = 0: ...``). ``newsdesk
demo`` takes no ``db`` from here: it writes to its own file unless ``--db`` is given on its command line.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path

from .errors import ConfigError
from .settings import SETTINGS

DEFAULT_FILE = "newsdesk.toml"
ENV_FILE = "NEWSDESK_CONFIG"
# file key -> parameter name, where the command-line option's name differs from its Python name: the declared
# settings' keys are their names (pipeline.settings), the rest are options of one command
_RENAMES = {"json": "as_json", "out": "out_dir"} | {s.name: s.param_name for s in SETTINGS.values() if s.param}


def config_path(explicit: str | Path | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_FILE):
        return Path(os.environ[ENV_FILE])
    default = Path.cwd() / DEFAULT_FILE
    return default if default.exists() else None


#: ``check(command, parameter, value)`` returns the value as the option takes it, or raises ValueError
Check = Callable[[str, str, object], object]


def load_config(path: Path | None, commands: dict[str, set[str]], check: Check | None = None) -> dict[str, dict]:
    """A click ``default_map``: for each command, the configured values of the options it has.

    ``commands`` maps a command path ("ingest", "feeds.add") to its parameter names. Unknown keys are an
    error naming the key and the file, so a typo does not silently do nothing; so is a value ``check``
    refuses.
    """
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read configuration file {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from exc
    top = {k: v for k, v in data.items() if not isinstance(v, dict)}
    sections = {k: v for k, v in data.items() if isinstance(v, dict)}
    all_params = set().union(*commands.values()) if commands else set()
    for key in top:
        if _RENAMES.get(key, key.replace("-", "_")) not in all_params:
            raise ConfigError(f"{path}: unknown option {key!r}")
    default_map: dict[str, dict] = {}
    for command, params in commands.items():
        values = {}
        for key, value in top.items():
            name = _RENAMES.get(key, key.replace("-", "_"))
            if name in params:
                values[name] = _checked(check, path, "", command, key, name, value)
        for key, value in _section(sections, command).items():
            name = _RENAMES.get(key, key.replace("-", "_"))
            if name not in params:
                raise ConfigError(f"{path}: [{command}] has no option {key!r}")
            values[name] = _checked(check, path, f"[{command}] ", command, key, name, value)
        if values:
            _nest(default_map, command.split("."), values)
    unknown = set(sections) - {c.split(".")[0] for c in commands}
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    return default_map


def _checked(check: Check | None, path: Path, where: str, command: str, key: str, name: str, value: object):
    if check is None:
        return value
    try:
        return check(command, name, value)
    except ValueError as exc:
        raise ConfigError(f"{path}: {where}{key} = {value!r}: {exc}") from exc


def _section(sections: dict, command: str) -> dict:
    node: dict = sections
    for part in command.split("."):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return {k: v for k, v in node.items() if not isinstance(v, dict)}


def _nest(target: dict, parts: list[str], values: dict) -> None:
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target.setdefault(parts[-1], {}).update(values)
