"""Per-page extraction time on real pages, against the per-page budget (``extract_timeout``) and its hard stop.

    uv run python bench/extract_budget.py                    # both sets (AEB and readability), one pass each
    uv run python bench/extract_budget.py --set aeb --repeat 3 --json

What is timed is what the budget of :func:`pipeline.run.process.process_article` covers, page by page, in this
process: extraction, in-article dedup and the near-duplicate index keys (``process._extracted``), on the bytes
of each page of ``../shared/corpus/extraction/`` (AEB, 181 pages) and ``extraction-readability/`` (76 pages).
Wall seconds (what ``SIGALRM`` counts: the budget, 30 s by default, ``pipeline/settings.py``) and CPU seconds
(what the kernel's limit counts: a worker is ended at the budget plus ``HARD_GRACE``, 10 s, of CPU,
``pipeline/extract/budget.py``) are both printed: p50, p90, p99 and max over the pages, the slowest pages by
name, and how far the budget is above the slowest page. The one-time warm-up a worker pays when it starts (the
language model, dateparser's tables) and the lazy imports of a first page are paid before the clock, as in a
worker that has run a page.

The machine is shared: wall time grows with the load, CPU time much less. Record the load average beside the
figures (it is printed).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from extraction import SETS, _fetches, load_set, warm_up  # noqa: E402  (bench/ is no package)


def quantile(values: list[float], q: float) -> float:
    """The ``q`` quantile by nearest rank (p99 of 257 pages is the third slowest: no interpolation invented)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def time_pages(name: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Per page of set ``name``: the slowest (wall, CPU) seconds over ``repeat`` runs of what the budget covers."""
    from pipeline.records import FeedEntry
    from pipeline.run import process

    pages, _ = load_set(name)
    fetches = _fetches(pages)
    entries = {key: FeedEntry(feed_url="bench", entry_id=key, link=fetch.url, canonical_url=fetch.url,
                              article_id=key, title=None, summary=None, author=None, published_at=None,
                              updated_at=None) for key, fetch in fetches.items()}
    first = next(iter(fetches))
    process._extracted(entries[first], fetches[first])  # noqa: SLF001 (lazy imports, outside the clock)
    out: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        for key, fetch in fetches.items():
            entry = entries[key]
            wall, cpu = time.perf_counter(), time.process_time()
            process._extracted(entry, fetch)  # noqa: SLF001 (exactly the work time_budget wraps)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            before = out.get(key, (0.0, 0.0))
            out[key] = (max(before[0], wall), max(before[1], cpu))
    return out


def summarise(times: dict[str, tuple[float, float]]) -> dict:
    from pipeline.extract.budget import HARD_GRACE
    from pipeline.run.process import EXTRACT_TIMEOUT

    walls = [w for w, _ in times.values()]
    cpus = [c for _, c in times.values()]
    slowest = sorted(times.items(), key=lambda kv: kv[1][0], reverse=True)[:5]
    return {
        "pages": len(times),
        "wall": {q: round(quantile(walls, v), 3) for q, v in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))}
        | {"max": round(max(walls), 3), "mean": round(statistics.fmean(walls), 3)},
        "cpu": {q: round(quantile(cpus, v), 3) for q, v in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))}
        | {"max": round(max(cpus), 3), "mean": round(statistics.fmean(cpus), 3)},
        "slowest": [(key, round(w, 3), round(c, 3)) for key, (w, c) in slowest],
        "budget": EXTRACT_TIMEOUT,
        "hard_grace": HARD_GRACE,
        "budget_over_max_wall": round(EXTRACT_TIMEOUT / max(walls), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=[*SETS, "both"], default="both")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; the slowest of them is kept")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = list(SETS) if args.set == "both" else [args.set]
    load_before = os.getloadavg()
    warm_seconds = warm_up()
    results, everything = {}, {}
    for name in names:
        times = time_pages(name, args.repeat)
        results[name] = summarise(times)
        everything.update({f"{name}/{k}": v for k, v in times.items()})
    if len(names) > 1:
        results["all"] = summarise(everything)
    report = {"sets": results, "warm_up_cpu_seconds": round(warm_seconds, 2), "repeat": args.repeat,
              "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
              "load_average_after": [round(x, 2) for x in os.getloadavg()]}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"per-page extraction (what extract_timeout covers), slowest of {args.repeat} run(s) per page; "
          f"load average {report['load_average_before'][0]} -> {report['load_average_after'][0]} "
          f"on {report['cpus']} CPUs; warm-up {report['warm_up_cpu_seconds']} s CPU, outside the clock")
    for name, r in results.items():
        wall, cpu = r["wall"], r["cpu"]
        print(f"{name:12} {r['pages']:4} pages  wall p50 {wall['p50']:.3f}  p90 {wall['p90']:.3f}  "
              f"p99 {wall['p99']:.3f}  max {wall['max']:.3f} s | CPU p50 {cpu['p50']:.3f}  p90 {cpu['p90']:.3f}  "
              f"p99 {cpu['p99']:.3f}  max {cpu['max']:.3f} s")
        print(f"{'':12} slowest (wall, CPU s): " + ", ".join(f"{k[:24]} {w:.2f}/{c:.2f}" for k, w, c in r["slowest"][:3]))
    last = results["all" if "all" in results else names[0]]
    print(f"budget {last['budget']:g} s wall = {last['budget_over_max_wall']}x the slowest page; a worker's hard "
          f"stop at budget + {last['hard_grace']:g} s of CPU")


if __name__ == "__main__":
    main()
