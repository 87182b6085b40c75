"""Extraction quality on two dev sets, each next to bare ``trafilatura.extract`` on the same bytes in the same run.

    uv run python bench/extraction.py               # the real pass: pages on loopback, ingested into DuckDB
    uv run python bench/extraction.py --direct      # in process: extract_article + dedup_paragraphs (ablations)
    uv run python bench/extraction.py --set readability --json
    uv run python bench/extraction.py --set aeb --profile 25   # extract_article's top functions (cProfile)

The two sets (``../shared/corpus``): ``extraction/`` (AEB, 181 article pages with hand-checked ``articleBody``)
and ``extraction-readability/`` (76 real pages with the text mozilla/readability is required to produce). A rule
or setting earns its place only when it helps, or is neutral, on both (``pipeline/extract/rules.py`` records
what each one measured; ``bench/extraction_ablation.py`` measures them).

Headline mode: the pages are served from a loopback server behind a generated RSS feed and ingested by the real
pass into a fresh DuckDB file, and ``articles.text`` is scored. ``--direct`` calls ``extract_article`` and
``dedup_paragraphs`` (what the workers run) on the bytes in this process: the workers' text, without the
fetch, NLP and load around it. Both score the way AEB's evaluate.py does (\\w+ tokens, 4-token shingles, per-document
precision/recall normalised to sum to 1, means over documents, F1 of the means, exact-match accuracy).

Per set it prints: F1/P/R next to bare trafilatura; the pages we win and lose against it (per-page F1 apart by
more than 0.01) with the worst losses by name; the pages that came out empty (ours, bare); and the CPU seconds
of ``extract_article`` over the set next to bare ``trafilatura.extract``'s in the same process (CPU time, so
the ratio stays put when the machine is busy). Both are timed warm: imports, and for ours the one-time costs a
worker pays once when it starts (``pipeline.extract.core.warm_up``: the language model, dateparser's locale tables,
about 2 s), which is printed beside the ratio and not in it. cProfile inflates lxml's per-element callbacks;
for shares of time, py-spy and ``bench/profile_summary.py --root extract_article`` (its docstring).

At the time of writing (trafilatura 2.3.1), pass / ``--direct``: AEB 0.9729 / 0.9737 (bare 0.9525), readability
0.9529 / 0.9530 (bare 0.9397); no empty page on either set (bare: none); extract_article 1.71-1.73x bare
``trafilatura.extract``'s CPU on AEB, 1.57-1.63x on readability (three runs on a shared machine; 2.05-2.09x and
2.59-2.96x before the #16/#18 cuts: metadata without categories/tags/licence, language from a bounded sample,
warm-up out of the clock). What is left beyond bare ``extract``: the page metadata it does not look for (about
18% of ours: author and date mostly), the full cascade re-run on suspect pages (19%), language id (5%) and the
page-kind check (5%). The pass is a little
below ``--direct`` on AEB: paragraphs several pages share are handled across articles there. What each rule
and setting is worth on both sets is in ``pipeline/extract/rules.py`` (``bench/extraction_ablation.py``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

CORPORA = REPO.parent / "shared" / "corpus"
SETS = {"aeb": CORPORA / "extraction", "readability": CORPORA / "extraction-readability"}
CORPUS = SETS["aeb"]  # kept for callers that imported it
TOKEN = re.compile(r"\w+", re.UNICODE)
# a page counts as won or lost when its own F1 moves by more than this (smaller moves are shingle noise)
PAGE_MARGIN = 0.01
WORST = 5


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1))) if len(tokens) >= n else Counter({tuple(tokens): 1} if tokens else {})


def page_scores(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Per page: (precision, recall) of the normalised shingle counts, as evaluate.py computes them."""
    out = {}
    for key, body in truth.items():
        t, p = shingles(body), shingles(predicted.get(key, ""))
        tp = sum((t & p).values())
        fp = sum((p - t).values())
        fn = sum((t - p).values())
        total = tp + fp + fn
        if total == 0:
            out[key] = (1.0, 1.0)
            continue
        tp, fp, fn = tp / total, fp / total, fn / total
        out[key] = (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
    return out


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(truth: dict[str, str], predicted: dict[str, str]) -> dict:
    pages = page_scores(truth, predicted)
    precision = sum(p for p, _ in pages.values()) / len(pages)
    recall = sum(r for _, r in pages.values()) / len(pages)
    exact = sum(TOKEN.findall(body) == TOKEN.findall(predicted.get(key, "")) for key, body in truth.items())
    return {
        "f1": round(_f1(precision, recall), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "accuracy": round(exact / len(truth), 4),
        "documents": len(truth),
    }


def compare(truth: dict[str, str], ours: dict[str, str], bare: dict[str, str]) -> dict:
    """Pages won and lost against bare trafilatura (per-page F1), the worst losses, and the empty pages."""
    mine, theirs = page_scores(truth, ours), page_scores(truth, bare)
    delta = {key: _f1(*mine[key]) - _f1(*theirs[key]) for key in truth}
    worst = sorted((d, key) for key, d in delta.items() if d < -PAGE_MARGIN)[:WORST]
    best = sorted(((d, key) for key, d in delta.items() if d > PAGE_MARGIN), reverse=True)[:WORST]
    return {
        "wins": sum(d > PAGE_MARGIN for d in delta.values()),
        "losses": sum(d < -PAGE_MARGIN for d in delta.values()),
        "worst_losses": [[key, round(d, 3)] for d, key in worst],
        "best_wins": [[key, round(d, 3)] for d, key in best],
        "empty": sorted(key for key in truth if not ours.get(key, "").strip()),
        "empty_bare": sorted(key for key in truth if not bare.get(key, "").strip()),
    }


def load_set(name: str) -> tuple[dict[str, bytes], dict[str, str]]:
    root = SETS[name]
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()) for key in truth}
    return pages, {key: item["articleBody"] for key, item in truth.items()}


def load_pages() -> tuple[dict[str, bytes], dict[str, str]]:
    return load_set("aeb")


def run_pipeline(pages: dict[str, bytes], workers: int) -> tuple[dict[str, str], float, dict[str, float]]:
    import duckdb

    from pipeline.localserver import LoopbackServer, Response
    from pipeline.options import FetchOptions, IngestOptions
    from pipeline.records import FeedSpec
    from pipeline.run.ingest import run_pass

    def resolve(host: str, path: str) -> Response:
        if path == "/feed.xml":
            items = "".join(f"<item><title>{k}</title><link>{base}/a/{k}</link><guid>{k}</guid></item>" for k in pages)
            return Response(body=f"<rss version='2.0'><channel><title>dev set</title>{items}</channel></rss>".encode(),
                            content_type="application/rss+xml")
        key = path.rsplit("/", 1)[-1]
        if key in pages:
            return Response(body=pages[key], content_type="text/html; charset=utf-8")
        return Response(status=404, body=b"")

    with tempfile.TemporaryDirectory() as tmp, LoopbackServer(resolve) as server:
        base = server.url("").rstrip("/")
        db = Path(tmp) / "devset.duckdb"
        options = IngestOptions(db_path=db, feeds=[FeedSpec(server.url("/feed.xml"))],
                                fetch=FetchOptions(allow_private_network=True, per_host=8, concurrency=8),
                                workers=workers)
        started = time.perf_counter()
        summary = run_pass(options)
        elapsed = time.perf_counter() - started
        with duckdb.connect(str(db), read_only=True) as con:
            # the fetched link, not canonical_url: a page's own canonical names the site it came from
            rows = con.execute("SELECT url, coalesce(text, '') FROM articles").fetchall()
    return {url.rsplit("/", 1)[-1]: text for url, text in rows}, elapsed, dict(summary.stage_seconds)


def _fetches(pages: dict[str, bytes]) -> dict[str, object]:
    from datetime import UTC, datetime

    from pipeline.records import FetchResult

    return {key: FetchResult(url=f"http://bench.invalid/a/{key}", fetched_at=datetime.now(UTC),
                             final_url=f"http://bench.invalid/a/{key}", http_status=200,
                             headers=(("content-type", "text/html; charset=utf-8"),), body=html)
            for key, html in pages.items()}


def run_direct(pages: dict[str, bytes], extract: Callable | None = None) -> tuple[dict[str, str], float]:
    """``articles.text`` as the workers make it (extraction, then in-article dedup) and the CPU seconds of the
    extraction alone. ``extract`` defaults to ``extract_article`` (the ablations pass variants of it)."""
    from pipeline.dedup.exact import dedup_paragraphs
    from pipeline.extract.core import extract_article

    extract = extract or extract_article
    fetches = _fetches(pages)
    warm_up()  # one-time costs (the language model, dateparser's locale tables), outside the clock
    extract(next(iter(fetches.values())))  # imports, outside the clock
    texts, cpu = {}, 0.0
    for key, fetch in fetches.items():
        started = time.process_time()
        extracted = extract(fetch)
        cpu += time.process_time() - started
        texts[key] = dedup_paragraphs(extracted.paragraphs)[1]
    return texts, cpu


def warm_up() -> float:
    """CPU seconds of extraction's one-time warm-up (``pipeline.extract.core.warm_up``) in this process: what a worker
    pays once when it starts, not per page; 0 once paid. Kept out of the per-page ratio, printed beside it."""
    from pipeline.extract.core import warm_up as warm

    global _WARM
    if _WARM:
        return 0.0
    started = time.process_time()
    warm()
    _WARM = True
    return time.process_time() - started


_WARM = False


def profile(pages: dict[str, bytes], top: int) -> None:
    """cProfile of ``extract_article`` over the pages (CPU time, after the warm-up): the top functions by
    cumulative and by own time, paths shortened to the package."""
    import cProfile
    import io
    import pstats

    from pipeline.extract.core import extract_article

    fetches = _fetches(pages)
    warm_up()
    extract_article(next(iter(fetches.values())))
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(lambda: [extract_article(fetch) for fetch in fetches.values()])
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
        lines = [re.sub(r"/\S*/(site-packages|lib/python3\.\d+|wt-[^/]+|main)/", "", line) for line in out.getvalue().splitlines()]
        print(f"  -- by {order} time")
        print("\n".join(line for line in lines if re.match(r"\s*(ncalls|\d)", line)))


def time_extract_article(pages: dict[str, bytes]) -> float:
    """CPU seconds for ``extract_article`` over the pages in this process (imports and models warmed up first)."""
    return run_direct(pages)[1]


def run_bare(pages: dict[str, bytes]) -> tuple[dict[str, str], float, float]:
    import trafilatura

    trafilatura.extract(next(iter(pages.values())))  # imports outside the clock, as for ours
    started, cpu = time.perf_counter(), time.process_time()
    out = {key: trafilatura.extract(html) or "" for key, html in pages.items()}
    return out, time.perf_counter() - started, time.process_time() - cpu


def evaluate(name: str, direct: bool, workers: int) -> dict:
    pages, truth = load_set(name)
    bare, bare_s, bare_cpu = run_bare(pages)
    warm_cpu = warm_up()
    if direct:
        ours, extract_cpu = run_direct(pages)
        pipeline = {**score(truth, ours), "mode": "direct"}
    else:
        ours, ours_s, stages = run_pipeline(pages, workers)
        extract_cpu = time_extract_article(pages)
        pipeline = {**score(truth, ours), "mode": "pass", "seconds": round(ours_s, 1),
                    "fetch_extract_dedup_seconds": round(stages.get("fetch_extract_dedup", 0.0), 1)}
    return {
        "pipeline": pipeline,
        "bare_trafilatura": {**score(truth, bare), "seconds": round(bare_s, 1)},
        "against_bare": compare(truth, ours, bare),
        "extract_article_cpu_seconds": round(extract_cpu, 2),
        "bare_trafilatura_cpu_seconds": round(bare_cpu, 2),
        "cpu_ratio": round(extract_cpu / max(bare_cpu, 1e-9), 2),
        "warm_up_cpu_seconds": round(warm_cpu, 2),
    }


def _print(name: str, result: dict) -> None:
    ours, bare, vs = result["pipeline"], result["bare_trafilatura"], result["against_bare"]
    print(f"== {name}: {ours['documents']} pages ==")
    label = "articles.text (pass)" if ours["mode"] == "pass" else "extract_article (direct)"
    for title, r in ((label, ours), ("bare trafilatura.extract", bare)):
        extra = f", pass {r['seconds']}s; fetch+extract+dedup {r['fetch_extract_dedup_seconds']}s" if "fetch_extract_dedup_seconds" in r else ""
        print(f"  {title:26} F1={r['f1']:.4f} precision={r['precision']:.4f} recall={r['recall']:.4f} "
              f"accuracy={r['accuracy']:.4f}{extra}")
    print(f"  against bare (per-page F1 apart by > {PAGE_MARGIN}): {vs['wins']} won, {vs['losses']} lost")
    if vs["worst_losses"]:
        print("    worst losses: " + ", ".join(f"{key[:16]} {d:+.3f}" for key, d in vs["worst_losses"]))
    if vs["best_wins"]:
        print("    best wins:    " + ", ".join(f"{key[:16]} {d:+.3f}" for key, d in vs["best_wins"]))
    print(f"  empty pages: ours {len(vs['empty'])} {[k[:16] for k in vs['empty']]}, "
          f"bare {len(vs['empty_bare'])} {[k[:16] for k in vs['empty_bare']]}")
    print(f"  CPU: extract_article {result['extract_article_cpu_seconds']}s vs bare trafilatura.extract "
          f"{result['bare_trafilatura_cpu_seconds']}s in one process ({result['cpu_ratio']:.2f}x)"
          + (f"; warm-up once per process {result['warm_up_cpu_seconds']}s, not in the ratio"
             if result["warm_up_cpu_seconds"] else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=[*SETS, "both"], default="both")
    parser.add_argument("--direct", action="store_true", help="call extract_article in process (no pass)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", type=int, metavar="N", help="print extract_article's top N functions (cProfile)")
    args = parser.parse_args()
    names = list(SETS) if args.set == "both" else [args.set]
    for name in names:
        if not (SETS[name] / "ground-truth.json").exists():
            raise SystemExit(f"dev set {name!r} not found at {SETS[name]}")
    if args.profile:
        for name in names:
            print(f"== {name}: extract_article profile")
            profile(load_set(name)[0], args.profile)
        return
    results = {name: evaluate(name, args.direct, args.workers) for name in names}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, result in results.items():
        _print(name, result)


if __name__ == "__main__":
    main()
