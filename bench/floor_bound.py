"""How low can a pass go against the #18 floor? A lower bound, in CPU seconds, on one core.

The floor is ``trafilatura.extract`` + spaCy NER (tok2vec, ner) over every extracted text. Any pass that gives
every English body paragraph its entities must at least extract the page (the pass's own extraction: trafilatura
plus its cleaning, language id and in-article dedup) and run the same NER over the paragraphs it keeps. This
script times exactly those two things, and nothing else the pass does (no parse, no quotes, no statements, no
pool, no load, no HTTP), on the same distinct pages as ``bench/throughput.py``'s headline:

    bound = (pass extraction + NER on the pass's English paragraphs) / (floor extraction + floor NER)

If ``bound`` is above the issue's target (0.80), no pipelining or batching can reach the target while the pass
keeps entities on every English body paragraph with this NER model: the target then needs NER on fewer
paragraphs or a cheaper NER, which changes what users get. CPU seconds of this one process (``time.process_time``),
so the figure holds on a busy machine better than wall time; three runs are printed.

    uv run python bench/floor_bound.py [--pages 543] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import article_page, load_pages  # noqa: E402  (the headline's corpus, built the same way)


def _cpu(fn, *args):
    started = time.process_time()
    result = fn(*args)
    return time.process_time() - started, result


def _floor_extract(docs: list[bytes]) -> list[str]:
    import trafilatura

    return [trafilatura.extract(d) or "" for d in docs]


def _pass_extract(docs: list[bytes]) -> list[str]:
    """The pass's extraction and in-article dedup (pipeline.run.process), keeping the English first occurrences:
    what the pass hands to NER."""
    from pipeline.records import FeedEntry, FetchResult
    from pipeline.run.process import process_article

    kept = []
    for i, body in enumerate(docs):
        url = f"http://bench.example/{i}"
        entry = FeedEntry(feed_url="bench", entry_id=url, link=url, canonical_url=url, article_id=str(i), title=None,
                          summary=None, author=None, published_at=None, updated_at=None)
        fetch = FetchResult(url=url, fetched_at=datetime.now(UTC), final_url=url, http_status=200,
                            headers=(("content-type", "text/html; charset=utf-8"),), body=body, bytes_read=len(body))
        article = process_article(entry, fetch)
        if article.extracted is None or (article.extracted.language or "en") != "en":
            continue
        kept += [o.text for o in article.occurrences if o.repeat_of is None]
    return kept


def _ner(texts: list[str]) -> int:
    from pipeline.nlp.model import load_nlp

    nlp = load_nlp()
    disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
    return sum(len(doc) for doc in nlp.pipe(texts, disable=disable, batch_size=64))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=543)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = load_pages()
    docs = [article_page(pages, i, True) for i in range(args.pages)]
    _ner(["Warm-up: the model loads before anything is timed."])
    _pass_extract(docs[:3])
    _floor_extract(docs[:3])
    for run in range(1, args.runs + 1):
        fx, texts = _cpu(_floor_extract, docs)
        fn, floor_tokens = _cpu(_ner, texts)
        px, paragraphs = _cpu(_pass_extract, docs)
        pn, pass_tokens = _cpu(_ner, paragraphs)
        floor, bound = fx + fn, (px + pn) / (fx + fn)
        print(f"run {run}: floor {floor:.1f} CPU-s (extract {fx:.1f}, NER {fn:.1f} on {floor_tokens:,} tokens); "
              f"pass at least {px + pn:.1f} CPU-s (extract {px:.1f}, NER {pn:.1f} on {pass_tokens:,} tokens "
              f"in {len(paragraphs):,} paragraphs); NER alone {pn / floor:.2f} of the floor; "
              f"bound {bound:.2f} (target 0.80)", flush=True)


if __name__ == "__main__":
    main()
