"""SIGTERM and Ctrl-C (issue #15): a real `newsdesk ingest` with extraction workers, stopped mid-pass, exits 143
or 130 with one line on stderr, leaves no process behind, marks its run `interrupted`, and the next pass
finishes the work. Processes are watched through /proc (Linux), by process group: the pass runs in a session
of its own, as it would under a terminal, a container or systemd."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, article_page, rss, words
from pipeline.localserver import Response

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes through /proc")

ARTICLES = 24  # enough for the extraction pool (Workers.MIN_PAGES_FOR_POOL)
WORKERS = 2
BATCH = 4
PAGE_SECONDS = 0.4  # every page answers this slowly: the pass is still running when the signal comes


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a process, None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1]), int(fields[2])


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def group(pgid: int) -> dict[int, tuple[str, int]]:
    """The live processes of a process group: pid -> (state, parent pid)."""
    members = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            info = _stat(int(entry))
            if info and info[2] == pgid and info[0] != "Z":
                members[int(entry)] = (info[0], info[1])
    return members


def workers_of(pgid: int) -> list[int]:
    """Extraction workers: the children of the group's multiprocessing forkserver."""
    members = group(pgid)
    servers = {pid for pid in members if "multiprocessing.forkserver" in _cmdline(pid)}
    return [pid for pid, (_, parent) in members.items() if parent in servers]


def alive(pids) -> list[int]:
    return [pid for pid in pids if (info := _stat(pid)) is not None and info[0] != "Z"]


def wait_until(what: str, check, timeout: float = 90.0, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the pass ended ({proc.returncode}) before {what}: {proc.stderr.read()[-3000:]}")
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def slow_site(site, tmp_path):
    site.delay = PAGE_SECONDS  # the follow-up pass sets it to 0: only the stopped pass needs to be slow

    def page(i):
        body = article_page(f"Story {i}", [words(25, f"signal story {i} part {j}") for j in range(3)]).encode()

        def respond(path):
            time.sleep(site.delay)
            return Response(body=body)
        return respond

    items = []
    for i in range(ARTICLES):
        site.add(f"/a/{i}", page(i))
        items.append({"title": f"Story {i}", "link": site.url(f"/a/{i}"), "guid": f"g{i}"})
    site.add("/feed.xml", rss(items), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    return site, feeds


@contextmanager
def ctrl_c_at_its_default() -> Iterator[None]:
    """Start a child as a terminal starts a foreground job: with Ctrl-C at its default action.

    A shell without job control starts a background job (`pytest ... &` in a script or a CI step) with SIGINT
    *ignored*, and an ignored signal stays ignored across fork and exec: the pass then rightly ignores Ctrl-C,
    as every Unix program under `nohup` or `&` does, and a test of Ctrl-C fails for a reason that is not the
    pass's (it did, run from such a shell). A handler, unlike SIG_IGN, goes back to the default in an exec'd
    child, so one set around the Popen gives the pass the terminal's SIGINT whatever this process inherited."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def start_pass(feeds: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "NEWSDESK_ALLOW_PRIVATE_NETWORK": "1", "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "pipeline.cli", "-q", "ingest", "--feeds", str(feeds), "--db", str(db),
           "--workers", str(WORKERS), "--batch-size", str(BATCH), "--lock-timeout", "30", "--no-archive"]
    # a session of its own: the pass, its forkserver and workers form one process group (as under a terminal)
    with ctrl_c_at_its_default():
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)


def finish(proc: subprocess.Popen, watched: set[int]) -> tuple[int, str]:
    try:
        _, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:  # an orphan holding the pipes open: clean up what this test started
        for pid in alive(watched | set(group(proc.pid))):
            os.kill(pid, signal.SIGKILL)
        raise
    # orphans are reparented and reaped by init: give them a moment, then none may be left
    deadline = time.monotonic() + 10
    while alive(watched | set(group(proc.pid))) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = alive(watched | set(group(proc.pid)))
    for pid in left:  # never leave them running for the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"processes outlived the pass: {[(pid, _cmdline(pid)[:120]) for pid in left]}"
    return proc.returncode, err


def runs(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT status, error FROM runs ORDER BY run_id").fetchall()


def second_pass_completes(feeds: Path, db: Path, site) -> None:
    site.delay = 0
    proc = start_pass(feeds, db)
    code, err = finish(proc, set())
    assert code == 0, err[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(*) FILTER (status = 'ok') FROM articles").fetchone() == (
            ARTICLES, ARTICLES)
    # what the stopped pass had loaded was kept: beyond one fetch each, at most its batches in flight again
    assert sum(site.hits(f"/a/{i}") for i in range(ARTICLES)) <= ARTICLES + 2 * BATCH


@pytest.mark.slow  # a real pass in a subprocess against a slow server: seconds each
def test_sigterm_mid_pass_stops_the_workers_marks_the_run_and_exits_143(slow_site, tmp_path):
    site, feeds = slow_site
    db = tmp_path / "news.duckdb"
    proc = start_pass(feeds, db)
    try:
        # mid-pass: workers up and a few batches fetched
        wait_until("workers and some fetched pages",
                   lambda: len(workers_of(proc.pid)) == WORKERS and sum(site.hits(f"/a/{i}") for i in range(ARTICLES)) >= 2 * BATCH,
                   proc=proc)
        watched = set(group(proc.pid))
        assert len(watched) >= WORKERS + 2  # the pass, its forkserver, the workers (and a resource tracker)
        os.kill(proc.pid, signal.SIGTERM)  # what `docker stop` sends: to the main process only
    finally:
        code, err = finish(proc, locals().get("watched", set()))
    assert code == 143, err[-3000:]
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.strip()] == [
        line for line in err.splitlines() if "terminated by SIGTERM" in line]
    assert runs(db) == [("interrupted", "terminated by SIGTERM")]
    assert Path(str(db) + ".pass.lock").exists()
    second_pass_completes(feeds, db, site)
    assert [r[0] for r in runs(db)] == ["interrupted", "ok"]


@pytest.mark.slow  # a real pass in a subprocess against a slow server: seconds each
def test_ctrl_c_while_workers_start_prints_one_line(slow_site, tmp_path):
    site, feeds = slow_site
    db = tmp_path / "news.duckdb"
    proc = start_pass(feeds, db)
    watched: set[int] = set()
    try:
        # the moment the first worker is forked it is still importing and loading its model
        wait_until("the first extraction worker", lambda: workers_of(proc.pid), proc=proc)
        watched = set(group(proc.pid))
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole foreground group
    finally:
        code, err = finish(proc, watched)
    assert code == 130, err[-3000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted by Ctrl-C" in lines[0], err
    assert runs(db) == [("interrupted", "interrupted by Ctrl-C (SIGINT)")]
    second_pass_completes(feeds, db, site)


@pytest.mark.slow  # a real pass in a subprocess against a slow server: seconds each
def test_sigterm_to_the_whole_group_leaves_nothing_behind(slow_site, tmp_path):
    """systemd (KillMode=control-group) and some supervisors signal every process: the workers die at once,
    the pass must not start new ones, and still ends as terminated."""
    site, feeds = slow_site
    db = tmp_path / "news.duckdb"
    proc = start_pass(feeds, db)
    watched: set[int] = set()
    try:
        wait_until("workers at work",
                   lambda: len(workers_of(proc.pid)) == WORKERS and sum(site.hits(f"/a/{i}") for i in range(ARTICLES)) >= BATCH,
                   proc=proc)
        watched = set(group(proc.pid))
        os.killpg(proc.pid, signal.SIGTERM)
    finally:
        code, err = finish(proc, watched)
    assert code == 143, err[-3000:]
    assert "Traceback" not in err and "starting a new process pool" not in err
    assert runs(db) == [("interrupted", "terminated by SIGTERM")]


def test_a_second_ctrl_c_while_the_row_is_written_still_leaves_it_interrupted(tmp_path, monkeypatch):
    """Users press Ctrl-C twice: the second one must not cut the write that says the run was interrupted."""
    from pipeline.run import runrecord
    from pipeline.run.ingest import RunSummary

    real = runrecord.store.finish_run

    def finish_after_another_ctrl_c(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)  # where the KeyboardInterrupt would land
        real(*args, **kwargs)

    monkeypatch.setattr(runrecord.store, "finish_run", finish_after_another_ctrl_c)
    db = tmp_path / "news.duckdb"
    with pytest.raises(KeyboardInterrupt):
        with runrecord.recorded_run(db, "ingest", {}, lambda run_id: RunSummary(run_id=run_id)):
            raise KeyboardInterrupt
    assert runs(db) == [("interrupted", "interrupted by Ctrl-C (SIGINT)")]


def test_the_pass_is_started_with_ctrl_c_at_its_default_even_from_a_background_shell():
    """The Ctrl-C tests above must not depend on how the suite was started: from a background job (SIGINT ignored,
    as `pytest &` in a script or CI step has it) the pass still gets a terminal's Ctrl-C."""
    probe = [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"]
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a background job inherits
    try:
        plain = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip()
        with ctrl_c_at_its_default():
            started = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert plain == "False"  # an ignored SIGINT is inherited: the very trap this guards against
    assert started == "True"
