"""How low can a pass go against the #18 floor? A lower bound, in CPU seconds, on one core.

The floor is ``trafilatura.extract`` + spaCy NER (tok2vec, ner) over every extracted text. Any pass that gives
every English body paragraph its entities must at least extract the page (the pass's own extraction: trafilatura
plus its cleaning, language id and in-article dedup) and run its NER components over the paragraphs it keeps;
with quotes on (#18 measures with them) it must also run the dependency parse where an attribution may be. This
script times exactly those things, and nothing else the pass does (no statements, no pool, no load, no HTTP), on
the same distinct pages as ``bench/throughput.py``'s headline:

    entities bound = (pass extraction + the pass's NER on its English paragraphs) / (floor extraction + floor NER)
    quotes bound   = (the same + the pass's quote parse on the paragraphs it parses) / (the same floor)

If a bound is above the issue's target (0.80), no pipelining or batching reaches the target while the pass does
that much: the target then needs NER or the parse on fewer paragraphs, or cheaper models, which changes what
users get. CPU seconds of this one process (``time.process_time``), so the figure holds on a busy machine better
than wall time; three runs are printed.

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
    """The floor's NER: the pipeline with only tok2vec and ner, as ``bench/throughput.py`` runs it."""
    from pipeline.nlp.model import load_nlp

    nlp = load_nlp()
    disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
    return sum(len(doc) for doc in nlp.pipe(texts, disable=disable, batch_size=64))


def _pass_ner(texts: list[str]) -> int:
    """The pass's NER components (pipeline.nlp.analyse: NER_ONLY_DISABLE; en_core_web_sm's ner carries its own
    token vectors, so the shared tok2vec is not among them)."""
    from pipeline.nlp.model import NER_ONLY_DISABLE, load_nlp

    nlp = load_nlp()
    return sum(len(doc) for doc in nlp.pipe(texts, disable=list(NER_ONLY_DISABLE), batch_size=64))


def _pass_parse(texts: list[str]) -> int:
    """The pass's quote parse (QUOTE_PARSE_DISABLE) on the paragraphs it sends to the parser (``_wants_parse``)."""
    from pipeline.nlp.analyse import _wants_parse
    from pipeline.nlp.attribution import load_cues
    from pipeline.nlp.model import QUOTE_PARSE_DISABLE, load_nlp

    nlp, cues = load_nlp(), load_cues()
    wanted = [t for t in texts if _wants_parse(t, cues)]
    return sum(len(doc) for doc in nlp.pipe(wanted, disable=list(QUOTE_PARSE_DISABLE), batch_size=32))


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
        pn, pass_tokens = _cpu(_pass_ner, paragraphs)
        pp, parsed_tokens = _cpu(_pass_parse, paragraphs)
        floor = fx + fn
        print(f"run {run}: floor {floor:.1f} CPU-s (extract {fx:.1f}, NER {fn:.1f} on {floor_tokens:,} tokens); "
              f"pass extract {px:.1f}, NER {pn:.1f} on {pass_tokens:,} tokens in {len(paragraphs):,} paragraphs, "
              f"quote parse {pp:.1f} on {parsed_tokens:,} tokens; entities bound {(px + pn) / floor:.2f}, "
              f"quotes bound {(px + pn + pp) / floor:.2f} (target 0.80)", flush=True)


if __name__ == "__main__":
    main()
