"""pipeline.run.runrecord: the one counting of a run (RunCounts) and the runs row helpers both faces use."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import SimpleNamespace

import duckdb
import pyarrow as pa

from pipeline.run.runrecord import (
    COUNTERS,
    RunCounts,
    failure,
    finish_run,
    record_counts,
    recorded_run,
    start_run,
)
from pipeline.store import core as store
from pipeline.store.staging import StagedBatch


def _article(article_id: str, status: str = "ok", repeats: int = 0):
    return SimpleNamespace(entry=SimpleNamespace(article_id=article_id), status=status, repeats=repeats)


def _poll(status: str, entries: int = 0, succeeded: bool = True):
    return SimpleNamespace(status=status, entries=[object()] * entries, succeeded=succeeded, error="boom",
                           spec=SimpleNamespace(url=f"https://example.org/{status}.xml"))


def test_the_counters_are_the_runs_columns(tmp_path):
    with store.connect(tmp_path / "n.duckdb") as con:
        columns = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                             "WHERE table_name = 'runs' AND data_type = 'INTEGER'").fetchall()}
    # every counter is a column (the others are reprocess's and import-warc's)
    assert set(COUNTERS) <= columns and not any(c.startswith(("feeds_", "entries_", "paragraphs_")) for c in columns - set(COUNTERS))
    assert list(RunCounts().as_row()) == list(COUNTERS)


def test_articles_are_counted_once_each_as_both_faces_count_them():
    counts = RunCounts()
    counts.add_articles([_article("new"), _article("new-empty", "empty", repeats=2), _article("new-failed", "failed"),
                         _article("again", "failed"), _article("again-ok"), _article("updated", repeats=1)],
                        retries={"again", "again-ok", "updated"}, refreshes={"updated"})
    assert (counts.articles_new, counts.articles_retried, counts.articles_refreshed) == (2, 2, 1)
    assert (counts.articles_failed, counts.articles_empty, counts.repeats_removed) == (2, 1, 3)


def test_polls_and_requests_are_counted_and_problems_returned():
    counts = RunCounts()
    problems = counts.add_polls([_poll("ok", 3), _poll("not_modified"), _poll("unchanged"),
                                 _poll("http_error", succeeded=False), _poll("malformed", 1)])
    assert (counts.feeds_polled, counts.feeds_failed, counts.feeds_not_modified, counts.entries_seen) == (5, 1, 2, 4)
    assert problems == ["https://example.org/http_error.xml: http_error (boom)",
                        "https://example.org/malformed.xml: malformed (boom)"]
    counts.add_requests(StagedBatch({"fetch_log": pa.table({"outcome": ["ok", "ok", "timeout"]})}))
    counts.add_requests(StagedBatch())  # a batch that logged nothing
    assert (counts.requests, counts.outcomes) == (3, {"ok": 2, "timeout": 1})


def test_batch_counts_add_up_from_their_xcoms():
    total = RunCounts(feeds_skipped=2)
    total.add(RunCounts.from_row({"index": 0, "path": "x", "feeds": 2, "entries": 7, "requests": 2,  # an older XCom
                                  "outcomes": {"ok": 2}}))
    total.add(RunCounts.from_row({"articles_new": 3, "requests": 3, "outcomes": {"ok": 2, "http_error": 1}}))
    assert (total.feeds_polled, total.entries_seen, total.articles_new, total.feeds_skipped) == (2, 7, 3, 2)
    assert (total.requests, total.outcomes) == (5, {"ok": 4, "http_error": 1})
    assert RunCounts.from_row({"paragraphs_new": None}).paragraphs_new == 0  # a NULL column


def test_a_resumed_run_row_keeps_what_the_earlier_try_counted(tmp_path):
    db = tmp_path / "n.duckdb"
    key = {"airflow_dag_id": "d", "airflow_run_id": "r1"}
    run, counts = start_run(db, "airflow", {**key, "force": False}, resume=key)
    assert counts == RunCounts()
    counts.paragraphs_new, counts.outcomes = 12, {"ok": 3}
    record_counts(db, run, counts)
    finish_run(db, run, counts.as_row(), status="failed", error="RuntimeError: disk full", outcomes=counts.outcomes)
    again, earlier = start_run(db, "airflow", {**key, "force": False}, resume=key)
    assert again == run and (earlier.paragraphs_new, earlier.outcomes) == (12, {"ok": 3})
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status, error, finished_at FROM runs").fetchall() == [("running", None, None)]
    other, _ = start_run(db, "airflow", {}, resume={"airflow_dag_id": "d", "airflow_run_id": "r2"})
    fresh, _ = start_run(db, "ingest", {})  # a CLI pass never reuses a row
    assert len({run, other, fresh}) == 3


def test_finishing_never_masks_the_error_that_ended_the_run(tmp_path, caplog):
    (tmp_path / "n.duckdb").mkdir()  # not a database file
    with caplog.at_level(logging.ERROR):
        finish_run(tmp_path / "n.duckdb", 1, {}, status="failed", lock_timeout=0.1)
    assert "could not record the end of run 1" in caplog.text
    assert failure(KeyboardInterrupt()) == ("interrupted", "interrupted by Ctrl-C (SIGINT)")
    assert failure(ValueError("bad")) == ("failed", "ValueError: bad")
    assert failure(ValueError()) == ("failed", "ValueError")


@dataclass
class _Summary:
    run_id: int
    status: str = "running"
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        return {"articles_new": 0}


def test_a_pass_marks_runs_left_running_by_a_killed_command_as_killed(tmp_path):
    db = tmp_path / "k.duckdb"
    dead_pass, _ = start_run(db, "ingest", {})  # SIGKILLed: nothing finished its row
    dead_import, _ = start_run(db, "import-warc", {})
    dag_run, _ = start_run(db, "airflow", {})  # a DAG run's row is its loader's business (Airflow retries it)
    with recorded_run(db, "reprocess", {}, lambda run_id: _Summary(run_id)) as summary:
        pass
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict((r[0], r[1:]) for r in con.execute("SELECT run_id, status, error FROM runs").fetchall())
    assert rows[dead_pass][0] == rows[dead_import][0] == "killed"
    assert "what it loaded stays" in rows[dead_pass][1]
    assert rows[dag_run] == ("running", None)
    assert rows[summary.run_id] == ("ok", None)
