"""bench/extract_budget.py: the per-page extraction times that justify the budget's defaults (extract_timeout,
HARD_GRACE). Its figures must be what they claim: quantiles by nearest rank over real pages, timed on exactly
the work the budget wraps."""

import importlib.util
import sys
from pathlib import Path

from pipeline.extract.budget import HARD_GRACE
from pipeline.run import process

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
spec = importlib.util.spec_from_file_location("extract_budget_bench", REPO / "bench" / "extract_budget.py")
bench = importlib.util.module_from_spec(spec)
sys.modules["extract_budget_bench"] = bench
spec.loader.exec_module(bench)


def test_quantiles_are_pages_that_were_measured():
    values = [float(i) for i in range(1, 101)]  # 1 .. 100 seconds
    assert (bench.quantile(values, 0.5), bench.quantile(values, 0.99), bench.quantile(values, 1.0)) == (50.0, 99.0, 100.0)
    assert bench.quantile([3.0, 1.0, 2.0], 0.99) == 3.0  # few pages: p99 is the slowest, never an invented value


def test_the_summary_sets_the_slowest_page_against_the_shipped_defaults():
    times = {f"p{i}": (0.1 * i, 0.01 * i) for i in range(1, 11)}
    times["hostile"] = (6.0, 0.5)
    summary = bench.summarise(times)
    assert summary["pages"] == 11 and summary["wall"]["max"] == 6.0 and summary["cpu"]["max"] == 0.5
    assert summary["wall"]["p50"] == 0.6 and summary["slowest"][0] == ("hostile", 6.0, 0.5)
    assert (summary["budget"], summary["hard_grace"]) == (process.EXTRACT_TIMEOUT, HARD_GRACE)
    assert summary["budget_over_max_wall"] == round(process.EXTRACT_TIMEOUT / 6.0, 1)


def test_it_times_the_work_the_budget_wraps(monkeypatch):
    """A page is timed on process._extracted (extraction, dedup, index keys): what time_budget stops."""
    seen = []
    monkeypatch.setattr(process, "_extracted", lambda entry, fetch: seen.append(fetch.url))
    monkeypatch.setattr(bench, "load_set", lambda name: ({"a": b"<html>a</html>", "b": b"<html>b</html>"}, {}))
    times = bench.time_pages("readability", repeat=2)
    assert set(times) == {"a", "b"} and all(w >= 0 and c >= 0 for w, c in times.values())
    assert len(seen) == 1 + 2 * 2  # one untimed page for the lazy imports, then every page twice
