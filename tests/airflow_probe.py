"""Run by tests/test_dags.py in a subprocess with its own AIRFLOW_HOME: Airflow configures itself from the
environment once per process (and sets up logging), so each check gets a fresh interpreter instead of
sharing one with the rest of the suite. Prints one JSON document on the last line of stdout.

    python airflow_probe.py inspect DAGS_FOLDER
    python airflow_probe.py test DAGS_FOLDER CONF_JSON [--fail-article-batch N]
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path


def inspect(dags_folder: str) -> dict:
    from airflow.sdk import Asset, AssetAlias, Param, TriggerRule, dag, task  # noqa: F401 (warm: not the DAG file's own time)

    path = Path(dags_folder) / "news_ingest.py"
    spec = importlib.util.spec_from_file_location("news_ingest_timed", path)
    module = importlib.util.module_from_spec(spec)
    started = time.perf_counter()
    spec.loader.exec_module(module)
    own_import_seconds = time.perf_counter() - started

    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=dags_folder)
    dag = bag.dags.get("news_ingest")  # noqa: F811 (the decorator was imported above only to warm Airflow up)
    out = {"import_errors": {str(k): v for k, v in bag.import_errors.items()}, "dag_ids": sorted(bag.dags),
           "own_import_seconds": own_import_seconds}
    if dag is None:
        return out
    out["dag"] = {
        "schedule": dag.schedule if dag.schedule is None or isinstance(dag.schedule, str) else repr(dag.schedule),
        "timetable": type(dag.timetable).__name__,
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "tags": sorted(dag.tags),
        "start_date": dag.start_date.isoformat() if dag.start_date else None,
        "params": {k: dag.params.get_param(k).value for k in dag.params},
        "default_args": {k: str(v) for k, v in dag.default_args.items()},
    }
    out["tasks"] = {
        t.task_id: {
            "upstream": sorted(t.upstream_task_ids),
            "downstream": sorted(t.downstream_task_ids),
            "mapped": type(t).__name__ == "MappedOperator" or bool(getattr(t, "is_mapped", False)),
            "pool": t.pool,
            "queue": t.queue,
            "trigger_rule": str(getattr(t.trigger_rule, "value", t.trigger_rule)),
            "retries": t.retries,
            "retry_exponential_backoff": bool(t.retry_exponential_backoff),
            "outlets": sorted(a.uri for a in t.outlets if isinstance(a, Asset)),
            "outlet_aliases": sorted(a.name for a in t.outlets if isinstance(a, AssetAlias)),
        }
        for t in dag.tasks
    }
    return out


def test(dags_folder: str, conf: dict, fail_article_batch: int | None) -> dict:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=dags_folder)
    if bag.import_errors:
        return {"import_errors": {str(k): v for k, v in bag.import_errors.items()}}
    dag = bag.dags["news_ingest"]
    for t in dag.tasks:  # dag.test() would sleep through the retry delays; the checks want the first outcome
        t.retries = 0
    if fail_article_batch is not None:
        import pipeline.run.tasks

        real = pipeline.run.tasks.process_batch

        def flaky(config, batch):  # a batch that dies (worker lost, bug, timeout) after its neighbours ran fine
            if batch["index"] == fail_article_batch:
                raise RuntimeError(f"article batch {fail_article_batch} failed on purpose")
            return real(config, batch)

        pipeline.run.tasks.process_batch = flaky
    started = time.perf_counter()
    run = dag.test(run_conf=conf)
    states = {f"{ti.task_id}[{ti.map_index}]" if ti.map_index >= 0 else ti.task_id: str(ti.state)
              for ti in run.get_task_instances()}
    return {"state": str(run.state), "run_id": run.run_id, "task_states": states,
            "seconds": time.perf_counter() - started}


def main(argv: list[str]) -> None:
    command, dags_folder = argv[0], argv[1]
    if command == "inspect":
        result = inspect(dags_folder)
    elif command == "test":
        fail = int(argv[argv.index("--fail-article-batch") + 1]) if "--fail-article-batch" in argv else None
        result = test(dags_folder, json.loads(argv[2]), fail)
    else:
        raise SystemExit(f"unknown command {command}")
    sys.stdout.write("\n" + json.dumps(result, default=str) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
