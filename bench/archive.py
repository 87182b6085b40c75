"""The WARC archive's cost and the speed of `newsdesk reprocess`, against a fresh ingest of the same articles.

    uv run python bench/archive.py                    # 1,000 articles
    uv run python bench/archive.py --articles 300     # quicker

The corpus is bench/throughput.py's: the real pages of ../shared/corpus/extraction replicated to N articles
behind generated RSS feeds on a loopback server (from 1,810 articles on, every tenth copy of a page is a verbatim
reprint, archived as a revisit record without its body). Steps:

1. a fresh ``ingest`` pass into a new database, archive on (its stage seconds are the reference);
2. the server is stopped; ``reprocess`` of every stage with unchanged code (paragraph analyses come from the
   cache, as in day-to-day use after an extraction fix);
3. ``reprocess`` with a changed lexicon (a copy of the shipped one with a comment added: a new analysis
   version), so every paragraph is analysed again: the like-for-like comparison with the fresh pass.

Reported: archive bytes per 1,000 articles (records of article responses, and the whole directory), revisit
records, and reprocess seconds against the fresh pass's extract+dedup+NLP(+load) seconds. The last line is a
summary a script can read:

    articles=1000 archive_mb_per_1000=35.0 revisits=0 reprocess_s=300.2 reprocess_new_lexicon_s=400.1 fresh_extract_dedup_nlp_load_s=500.0 ratio=0.80
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from throughput import CORPUS, FEEDS, corpus_server, load_pages  # noqa: E402  (the same corpus as the throughput bench)


def fresh_pass(pages: list[bytes], n: int, workers: int, db: Path):
    from pipeline.options import FetchOptions, IngestOptions
    from pipeline.records import FeedSpec
    from pipeline.run.ingest import run_pass

    with corpus_server(pages, n) as server:  # stopped before reprocessing: no network from here on
        options = IngestOptions(
            db_path=db, feeds=[FeedSpec(server.url(f"/feed/{f}.xml")) for f in range(FEEDS)],
            fetch=FetchOptions(allow_private_network=True, concurrency=16, per_host=16), workers=workers, force=True,
        )
        started = time.perf_counter()
        summary = run_pass(options)
        return summary, time.perf_counter() - started


def reprocess(db: Path, workers: int, lexicon: str | None = None):
    from pipeline.nlp.stage import NlpOptions
    from pipeline.run.reprocess import ReprocessOptions, run_reprocess

    started = time.perf_counter()
    summary = run_reprocess(ReprocessOptions(db_path=db, workers=workers, nlp=NlpOptions(lexicon_path=lexicon)))
    return summary, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    if not (CORPUS / "ground-truth.json").exists():
        raise SystemExit(f"corpus not found at {CORPUS}")
    pages = load_pages()
    from importlib import resources

    import duckdb

    from pipeline.nlp.lexicon import DEFAULT_LEXICON
    from pipeline.options import default_archive_dir

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "archive-bench.duckdb"
        fresh, fresh_wall = fresh_pass(pages, args.articles, args.workers, db)
        st = fresh.stage_seconds
        fresh_work = st.get("fetch_extract_dedup", 0.0) + st.get("nlp", 0.0)
        fresh_work_load = fresh_work + st.get("load", 0.0)

        with duckdb.connect(str(db), read_only=True) as con:
            article_bytes, body_bytes, records, revisits = con.execute(
                "SELECT sum(warc_length), sum(payload_bytes) FILTER (record_type = 'response'), count(*), "
                "count(*) FILTER (record_type = 'revisit') FROM archive_records WHERE kind = 'article'").fetchall()[0]
        directory = default_archive_dir(db)
        dir_bytes = sum(p.stat().st_size for p in directory.glob("*.warc.gz"))
        loaded = fresh.articles_new
        per_1000 = article_bytes / max(loaded, 1) * 1000 / 2**20

        warm, warm_wall = reprocess(db, args.workers)
        lexicon = Path(tmp) / "lexicon.toml"
        shipped = resources.files("pipeline.nlp").joinpath("data", DEFAULT_LEXICON).read_text(encoding="utf-8")
        lexicon.write_text(shipped + "\n# benchmark copy: a new analysis version\n", encoding="utf-8")
        cold, cold_wall = reprocess(db, args.workers, str(lexicon))

    def stages(s) -> dict:
        return {k: round(v, 1) for k, v in s.stage_seconds.items() if k != "rows_loaded"}

    print(f"fresh ingest: {loaded} articles in {fresh_wall:.1f}s; stages (s): {stages(fresh)}; "
          f"extract+dedup+NLP {fresh_work:.1f}s, +load {fresh_work_load:.1f}s")
    print(f"archive: {records} article records ({revisits} revisits of identical bodies), "
          f"{article_bytes / 2**20:.1f} MB of WARC for {body_bytes / 2**20:.1f} MB of bodies; "
          f"{per_1000:.2f} MB per 1,000 articles; directory {dir_bytes / 2**20:.1f} MB with the feeds")
    print(f"reprocess, unchanged code (cached analyses): {warm.articles_reprocessed} articles in {warm_wall:.1f}s, "
          f"{warm.articles_changed} changed; stages (s): {stages(warm)}")
    print(f"reprocess, new lexicon (every paragraph analysed again): {cold.articles_reprocessed} articles in "
          f"{cold_wall:.1f}s, {cold.articles_changed} changed; stages (s): {stages(cold)}")
    ratio = cold_wall / fresh_work_load if fresh_work_load else float("nan")
    print(f"articles={loaded} archive_mb_per_1000={per_1000:.2f} revisits={revisits} reprocess_s={warm_wall:.1f} "
          f"reprocess_new_lexicon_s={cold_wall:.1f} fresh_extract_dedup_nlp_load_s={fresh_work_load:.1f} "
          f"ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
