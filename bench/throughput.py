"""End-to-end throughput of one ingest pass on this machine, next to the floor of the two libraries that do
the real work (trafilatura and spaCy NER), measured in the same run on the same pages.

    uv run python bench/throughput.py                      # the headline: 543 distinct pages, pass vs floor
    uv run python bench/throughput.py --runs 3             # the headline three times (what issue #18 quotes)
    uv run python bench/throughput.py --replicated 5000    # also the replicated corpus, as a second line
    uv run python bench/throughput.py --runs 0 --replicated 5000 --no-floor   # that alone, without its floor

**The headline** (issue #18): the 181 real pages of ../shared/corpus/extraction, each in three variants (the
page as it is, and two with a marker put at the end of every text run, so no paragraph of one variant is a
paragraph of another: :func:`distinct_variant`): 543 articles with nothing for the pass to skip, no cache hits.
One full ``ingest`` pass into a fresh DuckDB file, then the floor, ``trafilatura.extract`` plus batched spaCy NER
(``nlp.pipe``, NER only) over the same pages in the same number of processes. Both wall-clock seconds and CPU
seconds (user + system of the process and every descendant: workers, the forkserver) are given, and their
ratios: on a shared machine the wall ratio moves with the other jobs, the CPU ratio far less. The pages are
served by a loopback server in a process of its own, left out of the CPU figures (a real site is remote).

**The replicated corpus** (``--replicated N``, the figures of #7): the 181 pages replicated to N articles (each
copy gets its own URL and a changed sentence; every tenth copy is a verbatim reprint). Reported: articles per
second end to end, seconds per stage, peak memory (RSS of this process and its worker processes, sampled), CPU
use of both cores, DuckDB load rows per second, and two floor ratios, because the corpus is replicated:
``floor_ratio`` is the issue's definition (NER over every extracted text). The pass analyses each distinct
paragraph once, so over copies of 181 pages it does far less NER than that floor and the ratio flatters it.
``distinct_floor_ratio`` divides by a floor that also runs NER once per distinct paragraph (same extraction,
same processes). The last line of each kind is a summary a script can read::

    headline articles=543 wall=43.1 floor_wall=37.0 wall_ratio=1.16 cpu=80.2 floor_cpu=70.1 cpu_ratio=1.14 ...
    articles=5000 rate=11.2/s floor_ratio=1.12 distinct_floor_ratio=1.3 peak_rss_mb=900 load_rows_per_s=150000

``load_rows_per_s``: rows written (inserted or updated, as DuckDB counts them, across all tables) divided by
the seconds spent inside ``load.load_staged``, over every load of the pass. The line above it also gives the
rate over the whole load stage, which adds opening the file, the schema check and the checkpoint on close.

Profiling (the summary in bench/profile.md was made this way; py-spy is not a project dependency)::

    pip install py-spy
    py-spy record --subprocesses --rate 50 --format raw -o pass.txt -- .venv/bin/python bench/throughput.py --no-floor
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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


# the end of a run of text: before a closing block or inline tag or a line break, after a visible character
_TEXT_RUN_END = re.compile(rb"([^\s>])(\s*)(</(?:p|li|h[1-6]|blockquote|td|th|dd|dt|figcaption|pre|div|section|article|span|a"
                           rb"|strong|em|b|i)\s*>|<br\b)", re.IGNORECASE)


def distinct_variant(page: bytes, k: int) -> bytes:
    """Variant ``k`` of a page: the page itself for 0; else every run of text ends with `` (v<k>)``, so none of
    its paragraphs is one of another variant's (on the 181 pages, 47 of 4,253 distinct extracted lines are
    shared between variants 0 and 1: lines built of text runs the marker does not reach)."""
    if k == 0:
        return page
    marker = f" (v{k})".encode()
    return _TEXT_RUN_END.sub(lambda m: m.group(1) + marker + m.group(2) + m.group(3), page)


def article_page(pages: list[bytes], i: int, distinct: bool) -> bytes:
    """Article ``i`` of the corpus: a distinct variant (the headline) or a replicated copy."""
    k = i // len(pages)
    return distinct_variant(pages[i % len(pages)], k) if distinct else variant(pages[i % len(pages)], k)


class RssSampler:
    """Peak resident memory (the sum of RSS, and of PSS) and CPU time of this process and its descendants (the
    extraction workers), sampled from /proc every 0.1 s: workers have exited by the end of a pass, so they are
    counted while they run."""

    def __init__(self, exclude: set[int] | None = None) -> None:
        self.peak_kb = 0
        self.cpu_ticks: dict[int, int] = {}
        self.exclude = exclude or set()  # the loopback server's process: not the pass's work
        # proportional set size: pages shared between processes (the models a forkserver loaded before forking
        # its workers) counted once in all, where the RSS sum counts them in every process
        self.pss = Path("/proc/self/smaps_rollup").exists()
        self.peak_pss_kb = 0
        self.own_cpu = 0.0  # CPU seconds of the sampling thread itself
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_kb(self) -> int:
        me = os.getpid()
        total = pss = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                ppid = int(fields[1])
                if int(entry) in self.exclude or (int(entry) != me and ppid != me and not _descends(int(entry), me)):
                    continue
                self.cpu_ticks[int(entry)] = int(fields[11]) + int(fields[12])  # utime + stime
                with open(f"/proc/{entry}/status") as fh:
                    for line in fh:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
                if self.pss:
                    with open(f"/proc/{entry}/smaps_rollup") as fh:
                        for line in fh:
                            if line.startswith("Pss:"):
                                pss += int(line.split()[1])
            except (OSError, ValueError, IndexError):
                continue
        self.peak_pss_kb = max(self.peak_pss_kb, pss)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self._tree_kb())
            self.own_cpu = time.thread_time()  # reading /proc costs this process ~5% of a core: not the pass's
            self._stop.wait(0.1)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, self._tree_kb())

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds of the tree, less this sampler's own."""
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK") - self.own_cpu

    def cpu_now(self) -> float:
        """CPU seconds of the tree so far (processes that ended count with their last sample)."""
        self._tree_kb()
        return self.cpu_seconds


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


def corpus_server(pages: list[bytes], n: int, distinct: bool = False):
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
            return Response(body=article_page(pages, i, distinct), content_type="text/html; charset=utf-8")
        return Response(status=404, body=b"")

    server = LoopbackServer(resolve)
    return server


def _serve(pages: list[bytes], n: int, distinct: bool, conn) -> None:
    with corpus_server(pages, n, distinct) as server:
        conn.send(server.url(""))
        conn.recv()  # until told to stop


@contextmanager
def served_elsewhere(pages: list[bytes], n: int, distinct: bool):
    """The loopback corpus served from a process of its own: (base URL, its pid). Serving pages is the far
    end's work, not the pass's: in this process it would count in the pass's CPU and take the GIL from it."""
    here, there = multiprocessing.Pipe()
    server = multiprocessing.get_context("fork").Process(target=_serve, args=(pages, n, distinct, there), daemon=True)
    server.start()
    try:
        yield here.recv().rstrip("/"), server.pid
    finally:
        here.send("stop")
        server.join(timeout=10)
        if server.is_alive():
            server.kill()


def run_pass(pages: list[bytes], n: int, workers: int, distinct: bool = False) -> dict:
    from pipeline.options import FetchOptions, IngestOptions
    from pipeline.records import FeedSpec
    from pipeline.run.ingest import run_pass as ingest

    with tempfile.TemporaryDirectory() as tmp, served_elsewhere(pages, n, distinct) as (base, server_pid):
        options = IngestOptions(
            db_path=Path(tmp) / "throughput.duckdb",
            feeds=[FeedSpec(f"{base}/feed/{f}.xml") for f in range(FEEDS)],
            fetch=FetchOptions(allow_private_network=True, concurrency=16, per_host=16),
            workers=workers, force=True,
        )
        started = time.perf_counter()
        with RssSampler(exclude={server_pid}) as rss, _LoadMeter() as loads:
            cpu_start = rss.cpu_now()  # this process's CPU before the pass (loading the corpus)
            summary = ingest(options)
        wall = time.perf_counter() - started
        cpu = rss.cpu_seconds - cpu_start
        db_bytes = options.db_path.stat().st_size
    return {"summary": summary, "wall": wall, "cpu": cpu, "peak_rss_mb": rss.peak_kb / 1024, "db_mb": db_bytes / 2**20,
            "loads": loads, "peak_pss_mb": rss.peak_pss_kb / 1024}


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


def floor(pages: list[bytes], n: int, workers: int, distinct: bool = False, per_paragraph: bool = True) -> dict[str, float]:
    """Bare trafilatura + bare NER over the same N pages, split over ``workers`` processes (models loaded first).

    ``full``: NER over every extracted text, the issue's definition; ``cpu``: CPU seconds of that (this process
    and the workers). ``distinct`` (with ``per_paragraph``): NER over each distinct paragraph once (lines of the
    extracted texts, keyed by pipeline.dedup.exact's normalised form), which is what the pass analyses: the same "never
    analyse a paragraph twice" saving, so the second ratio compares like with like on a replicated corpus.
    """
    from pipeline.dedup.exact import normalize_paragraph

    docs = [article_page(pages, i, distinct) for i in range(n)]
    with RssSampler() as rss, ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_warm, range(workers)))
        cpu_start = rss.cpu_now()
        started = time.perf_counter()
        texts = [t for chunk in pool.map(_floor_extract, [docs[k::workers] for k in range(workers)]) for t in chunk]
        extracted = time.perf_counter()
        list(pool.map(_floor_ner, [texts[k::workers] for k in range(workers)]))
        full = time.perf_counter()
        cpu = rss.cpu_now() - cpu_start
        out = {"extract": extracted - started, "full": full - started, "cpu": cpu}
        if per_paragraph:
            distinct_lines = list({normalize_paragraph(line): line for t in texts for line in t.split("\n")
                                   if line.strip()}.values())
            list(pool.map(_floor_ner, [distinct_lines[k::workers] for k in range(workers)]))
            done = time.perf_counter()
            out.update(distinct=extracted - started + done - full, paragraphs=len(distinct_lines))
    return out


def headline(pages: list[bytes], n: int, workers: int, with_floor: bool) -> None:
    """Pass and floor on the same ``n`` distinct pages, in this run: wall and CPU seconds and their ratios."""
    result = run_pass(pages, n, workers, distinct=True)
    s = result["summary"]
    stages = {k: round(v, 1) for k, v in s.stage_seconds.items() if k != "rows_loaded"}
    wall, cpu = result["wall"], result["cpu"]
    print(f"pass: {s.articles_new} distinct articles in {wall:.1f}s ({s.articles_new / wall:.2f}/s), "
          f"{s.articles_failed} failed, CPU {cpu:.1f}s; stages (s): {stages}; peak RSS {result['peak_rss_mb']:.0f} MB "
          f"(PSS {result['peak_pss_mb']:.0f} MB)",
          flush=True)
    if not with_floor:
        print(f"headline articles={s.articles_new} wall={wall:.1f} cpu={cpu:.1f} rate={s.articles_new / wall:.2f}/s")
        return
    f = floor(pages, n, workers, distinct=True, per_paragraph=False)
    print(f"headline: {n} distinct pages, pass {wall:.1f}s / floor {f['full']:.1f}s = {wall / f['full']:.2f} wall; "
          f"CPU {cpu:.1f}s / {f['cpu']:.1f}s = {cpu / f['cpu']:.2f}; {s.articles_new / wall:.1f} articles/s "
          f"(floor: trafilatura.extract + batched spaCy NER on {workers} processes, extraction {f['extract']:.1f}s)")
    print(f"headline articles={s.articles_new} wall={wall:.1f} floor_wall={f['full']:.1f} wall_ratio={wall / f['full']:.2f} "
          f"cpu={cpu:.1f} floor_cpu={f['cpu']:.1f} cpu_ratio={cpu / f['cpu']:.2f} rate={s.articles_new / wall:.2f}/s "
          f"peak_rss_mb={result['peak_rss_mb']:.0f} peak_pss_mb={result['peak_pss_mb']:.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=543, help="distinct pages of the headline (3 variants of 181)")
    parser.add_argument("--runs", type=int, default=1, help="the headline this many times")
    parser.add_argument("--replicated", type=int, default=0, metavar="N",
                        help="also a pass over N articles of the replicated corpus (the figures of #7)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-floor", action="store_true")
    args = parser.parse_args()
    if not (CORPUS / "ground-truth.json").exists():
        raise SystemExit(f"corpus not found at {CORPUS}")
    pages = load_pages()
    for _ in range(args.runs):
        headline(pages, args.articles, args.workers, with_floor=not args.no_floor)
    if args.replicated:
        replicated(pages, args.replicated, args.workers, with_floor=not args.no_floor)


def replicated(pages: list[bytes], n: int, workers: int, with_floor: bool) -> None:
    """The replicated corpus's figures (#7): rates, stages, memory, loads, and both floor ratios."""
    result = run_pass(pages, n, workers)
    s = result["summary"]
    stages = {k: round(v, 1) for k, v in s.stage_seconds.items() if k != "rows_loaded"}
    loads = result["loads"]
    load_rate = loads.rows / loads.inside if loads.inside else 0
    bulk = loads.inside - loads.dedup
    bulk_rate = loads.rows / bulk if bulk > 0 else 0
    rate = s.articles_new / result["wall"]
    cores = os.cpu_count() or 1
    print(f"replicated pass: {s.articles_new} articles in {result['wall']:.1f}s ({rate:.2f}/s), {s.articles_failed} failed; "
          f"stages (s): {stages}; CPU {100 * result['cpu'] / (result['wall'] * cores):.0f}% of {cores} cores; "
          f"peak RSS {result['peak_rss_mb']:.0f} MB; DuckDB {result['db_mb']:.0f} MB; "
          f"load: {loads.rows:,} rows written in {loads.batches} transactions, {loads.inside:.1f}s inside load_staged "
          f"({load_rate:,.0f} rows/s), {loads.whole:.1f}s with open/close ({loads.rows / max(loads.whole, 1e-9):,.0f} rows/s); "
          f"of the time inside, cross-article dedup {loads.dedup:.1f}s, the bulk load itself {bulk:.1f}s "
          f"({bulk_rate:,.0f} rows/s)")
    ratio = distinct_ratio = None
    if with_floor:
        f = floor(pages, n, workers)
        ratio, distinct_ratio = result["wall"] / f["full"], result["wall"] / f["distinct"]
        print(f"floor: bare trafilatura + bare NER over the same pages on {workers} processes: {f['full']:.1f}s "
              f"(extraction {f['extract']:.1f}s; {n / f['full']:.2f}/s); pass time / floor time = {ratio:.2f}")
        print(f"floor with NER once per distinct paragraph ({f['paragraphs']:,}, as the pass does): "
              f"{f['distinct']:.1f}s; pass time / that floor = {distinct_ratio:.2f}")
    print(f"articles={s.articles_new} rate={rate:.1f}/s floor_ratio={f'{ratio:.2f}' if ratio else 'n/a'} "
          f"distinct_floor_ratio={f'{distinct_ratio:.2f}' if distinct_ratio else 'n/a'} "
          f"peak_rss_mb={result['peak_rss_mb']:.0f} load_rows_per_s={load_rate:.0f} bulk_load_rows_per_s={bulk_rate:.0f}")


if __name__ == "__main__":
    main()
