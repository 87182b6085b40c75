"""DuckDB load throughput on its own: the staged batches of a real pass, loaded again and timed.

    uv run python bench/load.py                     # 2,000 articles, into a fresh file and a prefilled one
    uv run python bench/load.py --articles 5000 --prefill 4

The first run captures the staged batches of one ``bench/throughput.py`` pass (no floor) as Parquet under
``--cache`` (reused afterwards: the capture is the slow part). Then the batches are loaded, in pass order,
with :func:`pipeline.run.stages.load_stage` (open, one transaction, close) into

- a fresh DuckDB file (what the throughput pass does), and
- a file that already holds ``--prefill`` more copies of the same batches with the articles renamed, so the
  tables are several times larger and most paragraphs, entities and analyses already exist (a long-lived
  database, where the per-batch cost must not grow with what is stored).

Reported for each: rows staged, rows written (inserted or updated, as DuckDB counts them), seconds inside
``load_staged`` (the transaction), seconds of the whole ``load_stage`` (open + migrations check + transaction +
close, which checkpoints), and rows written per second of each.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

#: columns that identify an article-level row: renamed per prefill copy so the copies are new articles
_RENAMED = ("article_id", "entry_id", "fetch_id", "statement_id", "quote_id")


def capture(cache: Path, articles: int, workers: int) -> list[Path]:
    """Run one pass and keep every staged batch it loads (in order) as Parquet under ``cache``."""
    from throughput import load_pages, run_pass

    import pipeline.run.stages as stages

    # (stages.load_stage, not ingest's: throughput's load meter re-binds ingest.load_stage to its own wrapper of
    # stages.load_stage, which would bypass this one)
    original = stages.load_stage
    count = 0

    def keeping(db_path, batch, **kwargs):
        nonlocal count
        batch.write(cache / f"{count:05d}")
        count += 1
        return original(db_path, batch, **kwargs)

    stages.load_stage = keeping
    try:
        run_pass(load_pages(), articles, workers)
    finally:
        stages.load_stage = original
    (cache / "complete").write_text(str(articles))
    return batches(cache)


def batches(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if p.is_dir() and not p.name.startswith("."))


def renamed(batch, copy: int):
    """The same batch as new articles (ids suffixed); paragraphs, entities and analyses keep their ids."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from pipeline.store.staging import StagedBatch

    tables = {}
    for name, table in batch.tables.items():
        for column in _RENAMED:
            if column in table.column_names:
                values = pc.binary_join_element_wise(table.column(column), pa.scalar(f"~{copy}"), "")
                table = table.set_column(table.column_names.index(column), column, values)
        tables[name] = table
    return StagedBatch(tables)


class _TimedConnection:
    """A connection whose statements are timed, keyed by their first words (``--statements``)."""

    def __init__(self, con, seconds: dict[str, float]) -> None:
        self._con = con
        self._seconds = seconds

    def execute(self, sql, *args):
        started = time.perf_counter()
        try:
            return self._con.execute(sql, *args)
        finally:
            key = " ".join(sql.split()[:4])[:60]
            self._seconds[key] = self._seconds.get(key, 0.0) + time.perf_counter() - started

    def __getattr__(self, name):
        return getattr(self._con, name)


def timed_loads(db: Path, paths: list[Path], run_id: int = 1, statements: dict[str, float] | None = None,
                merge: int = 1) -> dict:
    from pipeline import load
    from pipeline.run.stages import load_stage
    from pipeline.store.staging import StagedBatch

    staged_rows = written = 0
    inside = cpu = 0.0
    original = load.load_staged

    def timing(con, batch, *args, **kwargs):
        nonlocal inside, cpu
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            if statements is not None:
                con = _TimedConnection(con, statements)
            return original(con, batch, *args, **kwargs)
        finally:
            inside += time.perf_counter() - started
            cpu += time.process_time() - cpu_started

    loaded = [StagedBatch.read(p) for p in paths]  # read first: Parquet decoding is not the database's cost
    if merge > 1:  # fewer, bigger transactions: the poll batch alone, then ``merge`` article batches per load
        loaded = loaded[:1] + [StagedBatch.merge(loaded[i : i + merge]) for i in range(1, len(loaded), merge)]
    load.load_staged = timing
    try:
        started = time.perf_counter()
        for batch in loaded:
            stats = load_stage(db, batch, run_id=run_id, max_attempts=5)
            staged_rows += sum(t.num_rows for t in batch.tables.values())
            written += getattr(stats, "rows_written", 0)  # (older load_staged: not counted)
        total = time.perf_counter() - started
    finally:
        load.load_staged = original
    return {"batches": len(loaded), "staged": staged_rows, "written": written, "inside": inside, "total": total,
            "cpu": cpu}


def prefill(db: Path, paths: list[Path], copies: int) -> None:
    from pipeline.run.stages import load_stage
    from pipeline.store.staging import StagedBatch

    for copy in range(copies):
        for path in paths:
            load_stage(db, renamed(StagedBatch.read(path), copy), run_id=1, max_attempts=5)


def report(label: str, r: dict) -> None:
    print(f"{label}: {r['batches']} batches, {r['staged']:,} rows staged, {r['written']:,} written; "
          f"load_staged {r['inside']:.2f}s ({r['written'] / r['inside']:,.0f} rows/s), "
          f"load_stage incl. open/close {r['total']:.2f}s ({r['written'] / r['total']:,.0f} rows/s); "
          f"CPU inside load_staged {r['cpu']:.2f}s ({r['written'] / r['cpu']:,.0f} rows per CPU-second, all threads: "
          f"a figure a busy machine does not inflate; {r['staged'] / r['cpu']:,.0f} staged rows per CPU-second)")


def _print_statements(seconds: dict[str, float] | None) -> None:
    for key, s in sorted((seconds or {}).items(), key=lambda kv: -kv[1])[:15]:
        print(f"    {s:7.3f}s  {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--prefill", type=int, default=4, help="renamed copies loaded first (0: fresh file only)")
    parser.add_argument("--cache", type=Path, default=None, help="staged batches (default: a temp dir per N)")
    parser.add_argument("--statements", action="store_true", help="also print seconds per SQL statement")
    parser.add_argument("--merge", type=int, default=1, help="load this many captured batches per transaction")
    args = parser.parse_args()
    cache = args.cache or Path(tempfile.gettempdir()) / f"newsdesk-load-bench-{args.articles}"
    if (cache / "complete").exists():
        paths = batches(cache)
    else:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        print(f"capturing the staged batches of a {args.articles}-article pass into {cache} ...", flush=True)
        paths = capture(cache, args.articles, args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        seconds: dict[str, float] | None = {} if args.statements else None
        fresh = timed_loads(Path(tmp) / "fresh.duckdb", paths, statements=seconds, merge=args.merge)
        report("fresh", fresh)
        _print_statements(seconds)
        if args.prefill:
            db = Path(tmp) / "prefilled.duckdb"
            prefill(db, paths, args.prefill)
            seconds = {} if args.statements else None
            prefilled = timed_loads(db, paths, run_id=2, statements=seconds, merge=args.merge)
            report(f"prefilled x{args.prefill}", prefilled)
            _print_statements(seconds)
    print(f"load_rows_per_s={fresh['written'] / fresh['inside']:.0f}"
          + (f" prefilled_rows_per_s={prefilled['written'] / prefilled['inside']:.0f}" if args.prefill else ""))


if __name__ == "__main__":
    main()
