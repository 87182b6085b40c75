"""Near-duplicate paragraphs: choose the MinHash/LSH parameters, then measure precision, recall, speed and memory.

    uv run python bench/near_dup.py                       # grid + chosen parameters + speed (about 2 minutes)
    uv run python bench/near_dup.py --index 1000000       # + the loader's index path at 1 million paragraphs
    uv run python bench/near_dup.py --index 1000000 --text bigram-chain   # the same on the stress-case text
    uv run python bench/near_dup.py --json

**Quality.** Built from the hand-checked article bodies of ../shared/corpus/extraction (181 real news pages):
every paragraph of 8+ words is perturbed the ways copies drift (quote style, punctuation, whitespace, one, two
or three words changed, a sentence added, a sentence dropped): each (original, variant) pair is a positive.
Every pair of *different* paragraphs of the same article is a negative: they share names, places and the
story's vocabulary, which is exactly what a near-duplicate detector must not confuse with a copy. A pair is
detected when the two paragraphs share an LSH bucket *and* the exact similarity (Jaccard, or containment: the
share of the smaller set found in the larger) of their word shingles reaches the threshold (the rule
``pipeline.dedup.crossdedup`` applies). Precision and recall are over those pairs.

The grid holds the field's anchors: datatrove (5-gram shingles, 14 bands x 8 rows), datasketch's default
(128 permutations, threshold 0.9: 9 bands x 13 rows is its optimum at 0.9), and lower-threshold bandings.
News paragraphs are short (median ~40 words), so one changed word removes up to ``shingle`` shingles of ~40:
large shingles and a 0.9 threshold miss most edited copies (the anchors score recall 0.54 and 0.38 here), and
Jaccard punishes a copy with a sentence added or cut. Chosen (2026-11-26, the best F1 of the grid): word
2-grams without function-word-only shingles, 32 bands x 2 rows (64 permutations), at least 2 shared
buckets (crowded buckets of frequent phrases make single-bucket candidates useless), containment >= 0.5:
precision 0.986, recall 0.976.

**Speed.** The dedup stage has two halves. The extraction workers make each paragraph's exact id and index
keys (normalise, SHA-256, MinHash signature, LSH buckets: ``pipeline.dedup.neardup.index_keys``, one article of ~15
paragraphs per call as ``pipeline.run.process`` calls it): paragraphs per second on one core, next to
datasketch's ``MinHash`` (``update_batch``) on the same paragraphs. ``--index N`` also runs the loader's half
over N synthetic paragraphs in batches of 5,000, each in one transaction as ``pipeline.load.load_staged``
runs it (paragraph insert, ``crossdedup.link_near_duplicates``: bucket join against the stored index,
candidates fetched and verified exactly, index insert, links; commit), and reports its rate over the run and
over the last tenth (the bucket join scans the whole index, so a load costs more as the index grows), both
halves on one core, the index size on disk per million paragraphs and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from pipeline.dedup.exact import paragraph_id
from pipeline.dedup.neardup import MinHasher, index_keys, words
from pipeline.options import DEFAULT_NEAR_DUP, NearDupParams

CORPUS = REPO.parent / "shared" / "corpus" / "extraction"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")

KINDS = ("quotes", "punctuation", "whitespace", "words1", "words2", "words3", "sentence_added", "sentence_dropped")


def load_paragraphs(min_words: int) -> list[list[str]]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    docs = []
    for item in truth.values():
        paras = [p.strip() for p in item["articleBody"].split("\n\n")]
        paras = [p for p in dict.fromkeys(paras) if len(words(p)) >= min_words]
        if paras:
            docs.append(paras)
    return docs


def perturb(text: str, kind: str, rng: random.Random, vocabulary: list[str], other: str) -> str | None:
    tokens = text.split(" ")
    if kind == "quotes":
        swapped = text.replace('"', "\u201c", 1).replace('"', "\u201d", 1).replace("'", "\u2019")
        if swapped == text:
            swapped = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
        return swapped if swapped != text else None
    if kind == "punctuation":
        out = re.sub(r",", "", text, count=2)
        out = re.sub(r"\.$", "", out) + ("!" if out == text else "")
        return out
    if kind == "whitespace":
        if len(tokens) < 2:
            return None
        i = rng.randrange(1, len(tokens))
        return " ".join(tokens[:i]) + "  \n " + " ".join(tokens[i:])
    if kind.startswith("words"):
        n = int(kind[-1])
        for i in rng.sample(range(len(tokens)), min(n, len(tokens))):
            tokens[i] = rng.choice(vocabulary)
        return " ".join(tokens)
    sentences = _SENTENCE.split(text)
    if kind == "sentence_added":
        extra = _SENTENCE.split(other)[0]
        return text + " " + extra
    if kind == "sentence_dropped":
        if len(sentences) < 2:
            return None
        del sentences[rng.randrange(len(sentences))]
        return " ".join(sentences)
    raise ValueError(kind)


def build_pairs(docs: list[list[str]], seed: int = 7) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    rng = random.Random(seed)
    vocabulary = sorted({w for d in docs for p in d for w in p.split()})
    flat = [p for d in docs for p in d]
    positives = []
    for doc in docs:
        for p in doc:
            for kind in KINDS:
                variant = perturb(p, kind, rng, vocabulary, rng.choice(flat))
                if variant is not None and variant != p:
                    positives.append((p, variant, kind))
    negatives = [(a, b) for doc in docs for a, b in combinations(doc, 2)]
    return positives, negatives


def evaluate(params_list: list[NearDupParams], thresholds: list[float], positives, negatives) -> list[dict]:
    texts = sorted({t for a, b, _ in positives for t in (a, b)} | {t for pair in negatives for t in pair})
    index = {t: i for i, t in enumerate(texts)}
    results = []
    for params in params_list:
        hasher = MinHasher(params)
        buckets = hasher.buckets(hasher.signatures(texts))
        bucket_sets = [set(row) for row in buckets.tolist()]
        sets = hasher.shingle_sets(texts)  # the loader's exact comparison (pipeline.dedup.neardup.best_matches)

        # called within this iteration only; the defaults bind its loop values all the same
        def pair_scores(pairs, measure, hasher=hasher, sets=sets, bucket_sets=bucket_sets, params=params):
            left = np.array([index[a] for a, _ in pairs], dtype=np.int64)
            right = np.array([index[b] for _, b in pairs], dtype=np.int64)
            scores = hasher.similarities(sets, left, right, measure).tolist()
            out = []
            for (a, b), i, j, score in zip(pairs, left.tolist(), right.tolist(), scores):
                exact = paragraph_id(a) == paragraph_id(b)  # the exact hash already links them
                candidate = exact or len(bucket_sets[i] & bucket_sets[j]) >= params.min_bands
                out.append((candidate, 1.0 if exact else score))
            return out

        for measure in ("jaccard", "containment"):
            pos = pair_scores([(a, b) for a, b, _ in positives], measure)
            neg = pair_scores(negatives, measure)
            for threshold in thresholds:
                tp_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
                for (candidate, sim), (_, _, kind) in zip(pos, positives):
                    tp_by_kind[kind][1] += 1
                    tp_by_kind[kind][0] += candidate and sim >= threshold
                tp = sum(v[0] for v in tp_by_kind.values())
                fp = sum(1 for candidate, sim in neg if candidate and sim >= threshold)
                precision = tp / (tp + fp) if tp + fp else 1.0
                recall = tp / len(pos)
                results.append({
                    "shingle": params.shingle, "bands": params.bands, "rows": params.rows,
                    "min_bands": params.min_bands, "measure": measure,
                    "threshold": threshold, "precision": round(precision, 4), "recall": round(recall, 4),
                    "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
                    "false_positives": fp,
                    "recall_by_kind": {k: round(v[0] / v[1], 3) for k, v in sorted(tp_by_kind.items())},
                })
    return results


def speed(flat: list[str], n: int) -> dict:
    rng = random.Random(3)
    sample = [rng.choice(flat) + f" {i}" for i in range(n)]  # distinct paragraphs of realistic length
    index_keys(sample[:10])  # one-off set-up (the function-word table, powers) is not per paragraph
    started = time.perf_counter()
    # what an extraction worker does per paragraph: the exact id (pipeline.dedup.exact), then the index keys
    # (pipeline.dedup.neardup.index_keys: signature and LSH buckets), one article (~15 paragraphs) per call as in
    # pipeline.run.process
    ids = [paragraph_id(t) for t in sample]
    for i in range(0, len(sample), 15):
        index_keys(sample[i : i + 15])
    ours = n / (time.perf_counter() - started)
    out = {"paragraphs": n, "newsdesk_numpy_per_s": round(ours)}
    try:
        from datasketch import MinHash
    except ImportError:
        return out
    k = DEFAULT_NEAR_DUP.permutations
    size = DEFAULT_NEAR_DUP.shingle
    started = time.perf_counter()
    for t in sample:
        ids.append(paragraph_id(t))
        tokens = words(t)
        grams = {" ".join(tokens[i:i + size]).encode() for i in range(max(1, len(tokens) - size + 1))}
        m = MinHash(num_perm=k, seed=1)
        m.update_batch(list(grams))
    out["datasketch_per_s"] = round(n / (time.perf_counter() - started))
    return out


def markov_paragraphs(flat: list[str], rng: random.Random):
    """Endless new paragraphs from a word bigram chain over the real ones: news vocabulary and its frequent
    phrases ("prime minister", "said on"), so buckets crowd as they would on real text, yet no copies."""
    follow: dict[str, list[str]] = defaultdict(list)
    starts = []
    for p in flat:
        tokens = p.split()
        starts.append(tokens[0])
        for a, b in zip(tokens, tokens[1:]):
            follow[a].append(b)
    while True:
        length = len(rng.choice(flat).split())
        word = rng.choice(starts)
        tokens = [word]
        while len(tokens) < length:
            nxt = follow.get(word)
            word = rng.choice(nxt) if nxt else rng.choice(starts)
            tokens.append(word)
        yield " ".join(tokens)


def skeleton_paragraphs(flat: list[str], rng: random.Random):
    """Endless new paragraphs shaped like real ones: a real paragraph's function words kept in place and every
    other word replaced by a word drawn from the corpus by its frequency. Length, function-word rhythm and
    vocabulary are news; the content is new, so what the index finds is the planted copies plus whatever the
    frequent words make collide (the realistic case; :func:`markov_paragraphs` is the stress case)."""
    from pipeline.dedup.neardup import stop_words

    stop = stop_words()
    content = [w for p in flat for w in p.split() if w.casefold().strip(".,;:!?\"'()") not in stop]
    while True:
        tokens = rng.choice(flat).split()
        yield " ".join(t if t.casefold().strip(".,;:!?\"'()") in stop else rng.choice(content) for t in tokens)


SOURCES = {"skeleton": skeleton_paragraphs, "bigram-chain": markov_paragraphs}


def index_run(flat: list[str], total: int, batch: int = 5000, text: str = "skeleton", keyed: bool = True) -> dict:
    """The real loader step over ``total`` synthetic paragraphs in batches: new text from ``SOURCES[text]``, and
    5% lightly edited copies (two words changed) of earlier paragraphs, which it should find. As in the
    pipeline, the exact ids and the index keys are made first (the extraction workers' share, timed apart:
    ``worker_rate``), then the loader step runs on them (``index_rate``: lookup against the stored index,
    exact verification, index insert, links); ``one_core_rate`` is both on one core. The loader's rate is also
    reported over the last tenth of the run (the lookup scans the index, so it slows as the index grows)."""
    import pyarrow as pa

    from pipeline.dedup.crossdedup import DedupStats, link_near_duplicates
    from pipeline.dedup.neardup import index_keys
    from pipeline.load.paragraphs import load_paragraphs
    from pipeline.store.core import LoadContext, connect, run_steps
    from pipeline.store.staging import StagedBatch

    rng = random.Random(11)
    vocabulary = sorted({w for p in flat for w in p.split()})
    source = SOURCES[text](flat, rng)
    recent: list[str] = []
    copies = found = 0
    seconds = tail_seconds = worker_seconds = txn_seconds = 0.0
    tail_from = total - total // 10
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "index.duckdb"
        with connect(db) as con:
            for start in range(0, total, batch):
                texts = []
                for _ in range(start, min(total, start + batch)):
                    if recent and rng.random() < 0.05:
                        texts.append(perturb(rng.choice(recent), "words2", rng, vocabulary, ""))
                        copies += 1
                    else:
                        texts.append(next(source))
                recent = (recent + texts[:500])[-20000:]
                began = time.perf_counter()  # the extraction workers' share: exact ids and index keys
                ids = [paragraph_id(t) for t in texts]
                keys = index_keys(texts) if keyed else [(None, None)] * len(texts)
                worker_seconds += time.perf_counter() - began
                rows = pa.table({
                    "paragraph_id": ids, "text": texts,
                    "char_count": pa.array([len(t) for t in texts], pa.int32()),
                    "first_article_id": ["bench"] * len(texts),
                    "first_seen_at": pa.array([start] * len(texts), pa.int64()).cast(pa.timestamp("s", "UTC")),
                    "lsh_version": [DEFAULT_NEAR_DUP.version if keyed else None] * len(texts),
                    "lsh_words": pa.array([n for n, _ in keys], pa.int32()),
                    "lsh_buckets": pa.array([b for _, b in keys], pa.binary()),
                })
                stats = DedupStats()
                timed = {}

                def near_duplicates(ctx, stats=stats, timed=timed):
                    began = time.perf_counter()
                    link_near_duplicates(ctx.con, DEFAULT_NEAR_DUP, stats, ctx.table("paragraphs"))
                    timed["step"] = time.perf_counter() - began

                # one transaction, as pipeline.load.load_staged: the paragraphs, then their near-duplicate step;
                # the dedup rate counts the step, the transaction rate also the insert and the commit (with any
                # checkpoint DuckDB runs in it: those grow with the whole database, not with the index)
                txn_began = time.perf_counter()
                run_steps(con, [load_paragraphs, near_duplicates], LoadContext(StagedBatch({"paragraphs": rows})))
                txn_seconds += time.perf_counter() - txn_began
                step = timed["step"]
                seconds += step
                if start >= tail_from:
                    tail_seconds += step
                found += stats.near_duplicates
            con.execute("CHECKPOINT")
            lsh_rows = con.execute("SELECT count(*) FROM paragraph_lsh").fetchall()[0][0]
            blocks = con.execute("SELECT count(DISTINCT block_id) FROM pragma_storage_info('paragraph_lsh') "
                                 "WHERE block_id IS NOT NULL").fetchall()[0][0]
        db_mb = db.stat().st_size / 1e6
    index_mb = blocks * 262144 / 1e6
    return {
        "paragraphs": total, "text": text, "keys_made_by": "workers" if keyed else "loader",
        "index_rate_per_s": round(total / seconds),
        "load_transaction_rate_per_s": round(total / txn_seconds),
        "worker_rate_per_s": round(total / worker_seconds),
        "one_core_rate_per_s": round(total / (seconds + worker_seconds)),
        "last_tenth_rate_per_s": round((total - tail_from) / tail_seconds) if tail_seconds else None,
        "edited_copies": copies,
        "near_duplicates_found": found, "lsh_rows": lsh_rows, "db_mb": round(db_mb, 1),
        "index_mb_per_million": round(index_mb * 1_000_000 / total, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--speed", type=int, default=50_000, help="paragraphs for the one-core speed test")
    parser.add_argument("--index", type=int, default=0, help="also run the DuckDB index path over N paragraphs")
    parser.add_argument("--skip-grid", action="store_true", help="speed (and --index) only, no precision/recall")
    parser.add_argument("--text", choices=sorted(SOURCES), default="skeleton",
                        help="synthetic text for --index: news-shaped new paragraphs, or the bigram-chain stress case")
    args = parser.parse_args()
    if not (CORPUS / "ground-truth.json").exists():
        raise SystemExit(f"corpus not found at {CORPUS}")
    docs = load_paragraphs(DEFAULT_NEAR_DUP.min_words)
    flat = [p for d in docs for p in d]
    if args.skip_grid:
        report = {"speed": speed(flat, args.speed)}
        if args.index:
            report["index"] = index_run(flat, args.index, text=args.text)
        print(json.dumps(report, indent=None if not args.json else 2))
        return
    positives, negatives = build_pairs(docs)
    grid = [NearDupParams(shingle=s, bands=b, rows=r, min_bands=m)
            for s in (2, 3, 5) for b, r in ((20, 3), (32, 2), (32, 4), (14, 8), (9, 13)) for m in (1, 2)]
    if not any((g.shingle, g.bands, g.rows, g.min_bands) == (DEFAULT_NEAR_DUP.shingle, DEFAULT_NEAR_DUP.bands,
                                                              DEFAULT_NEAR_DUP.rows, DEFAULT_NEAR_DUP.min_bands)
               for g in grid):
        grid.append(DEFAULT_NEAR_DUP)
    results = evaluate(grid, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], positives, negatives)

    def key(r):
        return r["shingle"], r["bands"], r["rows"], r["min_bands"], r["measure"], r["threshold"]

    d = DEFAULT_NEAR_DUP
    chosen = next(r for r in results if key(r) == (d.shingle, d.bands, d.rows, d.min_bands, d.measure, d.threshold))
    report = {"positives": len(positives), "negatives": len(negatives), "chosen": chosen,
              "speed": speed(flat, args.speed), "targets": {"precision": 0.95, "recall": 0.95, "per_s": 20000}}
    if args.index:
        report["index"] = index_run(flat, args.index, text=args.text)
    if args.json:
        print(json.dumps({**report, "grid": results}, indent=2))
        return
    print(f"{len(positives)} perturbed pairs, {len(negatives)} same-story different-paragraph pairs "
          f"({sum(len(d) for d in docs)} paragraphs of {len(docs)} articles)")
    print(f"{'shingle':>7} {'bands':>5} {'rows':>4} {'min':>3} {'measure':>11} {'thr':>4} {'precision':>9} "
          f"{'recall':>7} {'f1':>6}")
    for r in sorted(results, key=lambda r: -r["f1"])[:15]:
        print(f"{r['shingle']:>7} {r['bands']:>5} {r['rows']:>4} {r['min_bands']:>3} {r['measure']:>11} {r['threshold']:>4} "
              f"{r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>6.4f}")
    for anchor in ((5, 14, 8, 1, "jaccard", 0.7), (5, 9, 13, 1, "jaccard", 0.9)):
        r = next(x for x in results if key(x) == anchor)
        print(f"anchor shingle={anchor[0]} {anchor[1]}x{anchor[2]} jaccard>={anchor[5]}: "
              f"precision={r['precision']:.4f} recall={r['recall']:.4f}")
    print(f"chosen {d.version} {d.measure}>={d.threshold}: recall by kind "
          + ", ".join(f"{k} {v}" for k, v in chosen["recall_by_kind"].items()))
    s = report["speed"]
    line = (f"precision={chosen['precision']:.4f} recall={chosen['recall']:.4f} "
            f"dedup_per_s={s['newsdesk_numpy_per_s']} datasketch_per_s={s.get('datasketch_per_s', 'n/a')}")
    if args.index:
        i = report["index"]
        line += (f" index_paragraphs={i['paragraphs']} text={i['text']} worker_per_s={i['worker_rate_per_s']} "
                 f"index_per_s={i['index_rate_per_s']} last_tenth_per_s={i['last_tenth_rate_per_s']} "
                 f"load_transaction_per_s={i['load_transaction_rate_per_s']} "
                 f"one_core_per_s={i['one_core_rate_per_s']} "
                 f"copies_found={i['near_duplicates_found']}/{i['edited_copies']} "
                 f"index_mb_per_million={i['index_mb_per_million']} db_mb={i['db_mb']} peak_rss_mb={i['peak_rss_mb']}")
    print(line)


if __name__ == "__main__":
    main()
