"""End-to-end throughput of one ingest pass on this machine, next to the floor of the two libraries that do
the real work (trafilatura and spaCy NER).

    uv run python bench/throughput.py                   # 5,000 articles
    uv run python bench/throughput.py --articles 1000   # quicker

The 181 real pages of ../shared/corpus/extraction are replicated to N articles behind generated RSS feeds
(each copy gets its own URL and a changed sentence; every tenth copy is a verbatim reprint) and served from a
loopback server. One full `ingest` pass runs into a fresh DuckDB file. Reported: articles per second end to
end, seconds per stage, peak memory (RSS of this process and its worker processes, sampled), CPU use of
both cores, DuckDB load rows per second, and the floor: bare ``trafilatura.extract`` plus bare spaCy NER
(``nlp.pipe``, NER only) over the same pages, parallelised over the same number of processes. The last line
is a summary a script can read:

    articles=5000 rate=11.2/s floor_ratio=1.12 distinct_floor_ratio=1.3 peak_rss_mb=900 load_rows_per_s=150000

Two floor ratios, because the corpus is replicated: ``floor_ratio`` is the issue's definition (NER over every
extracted text). The pass analyses each distinct paragraph once, so over copies of 181 pages it does far less
NER than that floor and the ratio flatters it. ``distinct_floor_ratio`` divides by a floor that also runs NER
once per distinct paragraph (same extraction, same processes): the libraries' share of what the pass really
has to do, so what is left is orchestration, dedup, statements and loading.

``load_rows_per_s``: rows written (inserted or updated, as DuckDB counts them, across all tables) divided by
the seconds spent inside ``load.load_staged``, over every load of the pass. The line above it also gives the
rate over the whole load stage, which adds opening the file, the schema check and the checkpoint on close.

Profiling (the summary in bench/profile.md was made this way; py-spy is not a project dependency)::

    pip install py-spy
    py-spy record --subprocesses --rate 50 --format raw -o pass.txt -- .venv/bin/python bench/throughput.py --articles 1500 --no-floor
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpus" / "extraction"
FEEDS = 25


def load_pages() -> list[bytes]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    return [gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()) for key in sorted(truth)]


_FIRST_PARAGRAPH_END = re.compile(rb"</p>", re.IGNORECASE)


def variant(page: bytes, copy: int) -> bytes:
    """A distinct article: one sentence changed (appended to the first paragraph); every tenth copy verbatim."""
    if copy % 10 == 0:
        return page
    return _FIRST_PARAGRAPH_END.sub(f" Update {copy}: officials confirmed the figures on day {copy % 28 + 1}.</p>".encode(), page, count=1)


class RssSampler:
    """Peak resident memory and CPU time of this process and its descendants (the extraction workers), sampled
    from /proc every 0.2 s: workers have exited by the end of a pass, so they are counted while they run."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self.cpu_ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_kb(self) -> int:
        me = os.getpid()
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                ppid = int(fields[1])
                if int(entry) != me and ppid != me and not _descends(int(entry), me):
                    continue
                self.cpu_ticks[int(entry)] = int(fields[11]) + int(fields[12])  # utime + stime
                with open(f"/proc/{entry}/status") as fh:
                    for line in fh:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
            except (OSError, ValueError, IndexError):
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self._tree_kb())
            self._stop.wait(0.2)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, self._tree_kb())

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")


def _descends(pid: int, ancestor: int) -> bool:
    for _ in range(6):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                pid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        if pid == ancestor:
            return True
        if pid <= 1:
            return False
    return False


def corpus_server(pages: list[bytes], n: int):
    """The loopback corpus (a :class:`LoopbackServer`, not yet started): ``FEEDS`` RSS feeds at
    ``/feed/<f>.xml`` listing ``n`` articles between them, article ``i`` at ``/a/<i>`` (a variant of a real page).
    ``bench/archive.py`` serves the same one."""
    from pipeline.localserver import LoopbackServer, Response

    def resolve(host: str, path: str) -> Response:
        if path.startswith("/feed/"):
            base = server.url("").rstrip("/")
            f = int(path.rsplit("/", 1)[1].split(".")[0])
            items = "".join(f"<item><title>Story {i}</title><link>{base}/a/{i}</link><guid>{i}</guid></item>"
                            for i in range(f, n, FEEDS))
            return Response(body=f"<rss version='2.0'><channel><title>Feed {f}</title>{items}</channel></rss>".encode(),
                            content_type="application/rss+xml")
        if path.startswith("/a/"):
            i = int(path.rsplit("/", 1)[1])
            return Response(body=variant(pages[i % len(pages)], i // len(pages)), content_type="text/html; charset=utf-8")
        return Response(status=404, body=b"")

    server = LoopbackServer(resolve)
    return server


def run_pass(pages: list[bytes], n: int, workers: int) -> dict:
    from pipeline.options import FetchOptions, IngestOptions
    from pipeline.records import FeedSpec
    from pipeline.run.ingest import run_pass as ingest

    with tempfile.TemporaryDirectory() as tmp, corpus_server(pages, n) as server:
        options = IngestOptions(
            db_path=Path(tmp) / "throughput.duckdb",
            feeds=[FeedSpec(server.url(f"/feed/{f}.xml")) for f in range(FEEDS)],
            fetch=FetchOptions(allow_private_network=True, concurrency=16, per_host=16),
            workers=workers, force=True,
        )
        started = time.perf_counter()
        with RssSampler() as rss, _LoadMeter() as loads:
            rss._tree_kb()
            cpu_start = rss.cpu_seconds  # this process's CPU before the pass (loading the corpus)
            summary = ingest(options)
        wall = time.perf_counter() - started
        cpu = rss.cpu_seconds - cpu_start
        db_bytes = options.db_path.stat().st_size
    return {"summary": summary, "wall": wall, "cpu": cpu, "peak_rss_mb": rss.peak_kb / 1024, "db_mb": db_bytes / 2**20,
            "loads": loads}


class _LoadMeter:
    """Rows written (inserted or updated, as DuckDB counts them) and seconds inside ``load.load_staged``, and
    seconds of the whole ``load_stage`` (open + schema check + transaction + close, which checkpoints), over
    every load of the pass (the poll batch included)."""

    def __init__(self) -> None:
        self.rows = 0
        self.inside = 0.0
        self.dedup = 0.0  # of which cross-article dedup (near-duplicates, boilerplate, stories)
        self.whole = 0.0
        self.batches = 0

    def __enter__(self) -> _LoadMeter:
        from pipeline import load
        from pipeline.run import stages

        self._load, self._stages = load, stages
        self._load_staged, self._load_stage = load.load_staged, stages.load_stage

        def load_staged(*args, **kwargs):
            started = time.perf_counter()
            stats = self._load_staged(*args, **kwargs)
            self.inside += time.perf_counter() - started
            self.rows += stats.rows_written
            self.dedup += stats.dedup.seconds if stats.dedup else 0.0
            self.batches += 1
            return stats

        def load_stage(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self._load_stage(*args, **kwargs)
            finally:
                self.whole += time.perf_counter() - started

        load.load_staged = load_staged
        stages.load_stage = load_stage
        import pipeline.run.ingest
        pipeline.run.ingest.load_stage = load_stage
        return self

    def __exit__(self, *exc: object) -> None:
        import pipeline.run.ingest

        self._load.load_staged = self._load_staged
        self._stages.load_stage = pipeline.run.ingest.load_stage = self._load_stage


def _floor_extract(pages: list[bytes]) -> list[str]:
    import trafilatura

    return [trafilatura.extract(page) or "" for page in pages]


def _floor_ner(texts: list[str]) -> int:
    from pipeline.nlp.model import load_nlp

    nlp = load_nlp()
    disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
    return sum(len(doc.ents) for doc in nlp.pipe(texts, disable=disable, batch_size=64))


def _warm(_: int) -> None:
    import trafilatura  # noqa: F401

    from pipeline.nlp.model import load_nlp

    load_nlp()


def floor(pages: list[bytes], n: int, workers: int) -> dict[str, float]:
    """Bare trafilatura + bare NER over the same N pages, split over ``workers`` processes (models loaded first).

    ``full``: NER over every extracted text, the issue's definition. ``distinct``: NER over each distinct
    paragraph once (lines of the extracted texts, keyed by pipeline.dedup.exact's normalised form), which is what the
    pass analyses: the same "never analyse a paragraph twice" saving, so the second ratio compares like with like.
    """
    from pipeline.dedup.exact import normalize_paragraph

    docs = [variant(pages[i % len(pages)], i // len(pages)) for i in range(n)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_warm, range(workers)))
        started = time.perf_counter()
        texts = [t for chunk in pool.map(_floor_extract, [docs[k::workers] for k in range(workers)]) for t in chunk]
        extracted = time.perf_counter()
        list(pool.map(_floor_ner, [texts[k::workers] for k in range(workers)]))
        full = time.perf_counter()
        distinct = list({normalize_paragraph(line): line for t in texts for line in t.split("\n") if line.strip()}.values())
        list(pool.map(_floor_ner, [distinct[k::workers] for k in range(workers)]))
        done = time.perf_counter()
    return {"extract": extracted - started, "full": full - started, "distinct": extracted - started + done - full,
            "paragraphs": len(distinct)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-floor", action="store_true")
    args = parser.parse_args()
    if not (CORPUS / "ground-truth.json").exists():
        raise SystemExit(f"corpus not found at {CORPUS}")
    pages = load_pages()
    result = run_pass(pages, args.articles, args.workers)
    s = result["summary"]
    stages = {k: round(v, 1) for k, v in s.stage_seconds.items() if k != "rows_loaded"}
    loads = result["loads"]
    load_rate = loads.rows / loads.inside if loads.inside else 0
    bulk = loads.inside - loads.dedup
    bulk_rate = loads.rows / bulk if bulk > 0 else 0
    rate = s.articles_new / result["wall"]
    cores = os.cpu_count() or 1
    print(f"pass: {s.articles_new} articles in {result['wall']:.1f}s ({rate:.2f}/s), {s.articles_failed} failed; "
          f"stages (s): {stages}; CPU {100 * result['cpu'] / (result['wall'] * cores):.0f}% of {cores} cores; "
          f"peak RSS {result['peak_rss_mb']:.0f} MB; DuckDB {result['db_mb']:.0f} MB; "
          f"load: {loads.rows:,} rows written in {loads.batches} transactions, {loads.inside:.1f}s inside load_staged "
          f"({load_rate:,.0f} rows/s), {loads.whole:.1f}s with open/close ({loads.rows / max(loads.whole, 1e-9):,.0f} rows/s); "
          f"of the time inside, cross-article dedup {loads.dedup:.1f}s, the bulk load itself {bulk:.1f}s "
          f"({bulk_rate:,.0f} rows/s)")
    ratio = distinct_ratio = None
    if not args.no_floor:
        f = floor(pages, args.articles, args.workers)
        ratio, distinct_ratio = result["wall"] / f["full"], result["wall"] / f["distinct"]
        print(f"floor: bare trafilatura + bare NER over the same pages on {args.workers} processes: {f['full']:.1f}s "
              f"(extraction {f['extract']:.1f}s; {args.articles / f['full']:.2f}/s); pass time / floor time = {ratio:.2f}")
        print(f"floor with NER once per distinct paragraph ({f['paragraphs']:,}, as the pass does): "
              f"{f['distinct']:.1f}s; pass time / that floor = {distinct_ratio:.2f}")
    print(f"articles={s.articles_new} rate={rate:.1f}/s floor_ratio={f'{ratio:.2f}' if ratio else 'n/a'} "
          f"distinct_floor_ratio={f'{distinct_ratio:.2f}' if distinct_ratio else 'n/a'} "
          f"peak_rss_mb={result['peak_rss_mb']:.0f} load_rows_per_s={load_rate:.0f} bulk_load_rows_per_s={bulk_rate:.0f}")


if __name__ == "__main__":
    main()
