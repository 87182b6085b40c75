"""What pruning the paragraph cache frees: the demo database through a rules-version bump, a reprocess and a prune.

    uv run python bench/prune_cache.py

Builds the demo database (``newsdesk demo``'s corpus, one worker), then, as a release does, bumps the English and
French/Russian rules versions (in this process: the one worker runs inline, so the reprocess analyses at the bumped
version), shows that ``prune-cache`` refuses to guess before any article carries the new version (every row would
look dead), runs ``reprocess --stages nlp``, counts the dead rows (``prune-cache --dry-run``),
prunes, and finally compacts the file (``prune-cache --compact``'s step: copied densely, checked, renamed over the
original), timed. Prints the cache rows and the file's bytes at each step.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.demo.run import run_demo  # noqa: E402
from pipeline.nlp import analyse, multilingual  # noqa: E402
from pipeline.run.prunecache import VersionMismatch, file_bytes, prune_cache  # noqa: E402
from pipeline.run.reprocess import ReprocessOptions, run_reprocess  # noqa: E402
from pipeline.store.compact import compact  # noqa: E402


def _line(step: str, db: Path, rows: dict[str, int] | None = None, dead: dict[str, int] | None = None) -> None:
    cache = f"cache rows {sum(rows.values()):>5}" if rows is not None else " " * 16
    gone = f"dead {sum(dead.values()):>5}" if dead is not None else " " * 10
    print(f"{step:44} {cache}  {gone}  file {file_bytes(db):>11,} bytes", flush=True)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        run_demo(db, workers=1)
        fresh = prune_cache(db, dry_run=True)
        _line("demo database", db, fresh.rows, fresh.dead)

        analyse.ANALYSIS_VERSION += "-bench"  # a release: every analysis version moves on
        multilingual.RULES_VERSION += "-bench"
        try:  # no stored article carries the new version yet: prune refuses rather than call every row dead
            prune_cache(db, dry_run=True)
            print("version bumped: prune-cache did NOT refuse (unexpected)", flush=True)
        except VersionMismatch:
            _line("version bumped: prune-cache refuses (nothing yet)", db)

        summary = run_reprocess(ReprocessOptions(db_path=db, stages=frozenset({"nlp"}), workers=1))
        after = prune_cache(db, dry_run=True)
        _line(f"reprocess --stages nlp ({summary.articles_reprocessed} articles)", db, after.rows, after.dead)

        pruned = prune_cache(db)
        left = {t: pruned.rows[t] - pruned.deleted[t] for t in pruned.rows}
        _line("prune-cache", db, left, prune_cache(db, dry_run=True).dead)

        began = time.perf_counter()
        done = compact(db)
        _line(f"compacted ({done.tables} tables checked, {time.perf_counter() - began:.1f} s)", db)

if __name__ == "__main__":
    main()
