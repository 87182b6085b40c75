"""``newsdesk airflow-setup``: what an Airflow deployment needs from newsdesk before the DAG can run.

The DAG's loader runs in the pool ``duckdb_writer`` with ONE slot, because DuckDB allows one writer process
per file: without the pool, parallel loaders fail on the file lock. A task whose pool does not exist is
never scheduled, so the pool is created by the project (this command, run by compose's init service and the
tests), never by hand. It shells out to the ``airflow`` CLI so the library never imports Airflow.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ConfigError

log = logging.getLogger(__name__)

POOL = "duckdb_writer"
POOL_SLOTS = 1
POOL_DESCRIPTION = "newsdesk: the single DuckDB writer (DuckDB allows one writer process per database file)"


def airflow_command() -> list[str]:
    """The ``airflow`` executable of this environment: next to this Python first, else on PATH."""
    beside = shutil.which("airflow", path=str(Path(sys.executable).parent))
    found = beside or shutil.which("airflow")
    if found:
        return [found]
    raise ConfigError("the `airflow` command was not found; run this where Airflow is installed")


def setup_commands() -> list[tuple[str, list[str]]]:
    """(what, ``airflow`` arguments) that prepare a deployment; idempotent (``pools set`` creates or updates)."""
    return [(f"pool {POOL}: {POOL_SLOTS} slot", ["pools", "set", POOL, str(POOL_SLOTS), POOL_DESCRIPTION])]


def run_setup(airflow: Sequence[str] | None = None, *, timeout: float = 300.0) -> list[str]:
    """Run every setup command; return what was done. Raises :class:`ConfigError` with Airflow's output if one
    fails (e.g. the metadata database is not migrated yet)."""
    base = list(airflow or airflow_command())
    done = []
    for what, args in setup_commands():
        command = [*base, *args]
        log.info("running %s", " ".join(command))
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except OSError as exc:  # not found, not executable, not a program
            raise ConfigError(f"cannot run {base[0]}: {exc.strerror or exc}; give the airflow executable with "
                              "--airflow PATH, or run this where Airflow is installed") from exc
        except subprocess.TimeoutExpired as exc:
            raise ConfigError(f"`airflow {' '.join(args[:2])}` did not finish in {timeout:.0f}s") from exc
        if result.returncode != 0:
            raise ConfigError(
                f"`airflow {' '.join(args[:2])}` failed (exit {result.returncode}): "
                f"{(result.stderr or result.stdout).strip()[-2000:]}"
            )
        done.append(what)
    return done
