"""Quality and speed of the entity and ceasefire-statement stage.

    uv run python bench/statements.py                 # quality on the labelled dev set + NLP throughput
    uv run python bench/statements.py --no-speed      # quality only
    uv run python bench/statements.py --json          # machine-readable
    uv run python bench/statements.py --rules-only    # English stance by the rules alone, without the learned model

Quality: the hand-labelled development set in bench/devset/ceasefire_dev.toml (fictional articles written
for newsdesk, including trap pages). A set may declare its language at the top (``language = "fr"``) or per
article; French and Russian articles go to their analysers (pipeline.nlp.multilingual), and the figures are
also reported per language (``per_language``). A predicted statement matches a gold one when their sentence spans
overlap by at least half of the gold span. Reported: detection precision/recall/F1, speaker accuracy and
stance accuracy over matched statements, entity recall by label. A gold entity is found when a mention of its label
carries its name as the pipeline names it (the gazetteer's English name, "Kyiv"), its text as written ("Киеве"), or,
in Russian, the written form's nominative that the pipeline stores beside it (``paragraph_entities.written``:
"Киев"), the form the Russian sets name entities by.

English stance is the learned model's (pipeline.nlp.stance_model), which has memorised the tuning sets' rows: there
it scores near 1.0 and measures nothing. ``--rules-only`` resolves with ``learned_stance=False``, the rules' own
stance (what the model reads and is trained on), so a change to the stance rules can be measured on those sets.

Speed: words per second of the NLP stage (pipeline.nlp.analyse.analyse_paragraphs) against bare spaCy NER
(``nlp.pipe`` with only tok2vec+ner) on the same paragraphs in the same run, single process each, then both
with two processes; also against the NER alone (the model's NER embeds its own tok2vec, so the shared one it
leaves on is idle work: the leanest floor there is). Text: the dev set plus the article bodies of
../shared/corpus/extraction (when present).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tomllib
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))  # the shared reader beside this file, however this file is loaded

from devset_text import first_occurrences, norm_speaker  # noqa: E402

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR  # noqa: E402
from pipeline.nlp.analyse import analyse_paragraphs  # noqa: E402
from pipeline.nlp.lexicon import load_lexicon  # noqa: E402
from pipeline.nlp.model import load_nlp  # noqa: E402
from pipeline.nlp.multilingual import analyse_in, language_lexicon  # noqa: E402
from pipeline.nlp.resolve import resolve_article  # noqa: E402

LEXICON = load_lexicon()

DEVSET = HERE / "devset" / "ceasefire_dev.toml"
CORPUS = REPO.parent / "shared" / "corpus" / "extraction" / "ground-truth.json"


def _analyse(language: str, items: list[tuple[str, str]]):
    """The paragraph analyses and the lexicon of ``language``, as the pipeline's stage would route them."""
    if language == LEXICON.language:
        return analyse_paragraphs(items), LEXICON
    return analyse_in(language, items), language_lexicon(language)


def match(article: dict, text: str, predicted) -> list[tuple[dict, int | None]]:
    """Each gold statement of ``article`` with the index of the predicted statement it matches, or None: the first
    prediction not matched yet whose span overlaps at least half the gold sentence's span in ``text``."""
    used: set[int] = set()
    out = []
    for g in article.get("statements", []):
        g_start = text.find(g["text"])
        if g_start < 0:
            raise SystemExit(f"{article['id']}: gold statement not found in text: {g['text'][:60]!r}")
        g_end = g_start + len(g["text"])
        best = next((k for k, p in enumerate(predicted) if k not in used
                     and max(0, min(g_end, p.end_char) - max(g_start, p.start_char)) >= 0.5 * (g_end - g_start)), None)
        if best is not None:
            used.add(best)
        out.append((g, best))
    return out


def evaluate(devset: Path, *, learned_stance: bool = True) -> dict:
    """The figures of ``devset``; with ``learned_stance`` false, English statements keep the rules' stance."""
    data = tomllib.loads(devset.read_text(encoding="utf-8"))
    articles = data["articles"]
    default_language = data.get("language", "en")
    counts: dict[str, Counter] = defaultdict(Counter)  # language -> tp, fp, fn, ...; "all" for the whole set
    errors: list[dict] = []
    ent_found: dict[str, Counter] = defaultdict(Counter)
    ent_total: dict[str, Counter] = defaultdict(Counter)
    stance_confusion: Counter = Counter()
    for article in articles:
        language = article.get("language", default_language)
        buckets = ("all", language)

        def add(key: str, n: int = 1, buckets=buckets) -> None:
            for b in buckets:
                counts[b][key] += n

        add("articles")
        if article.get("trap"):
            add("trap_articles")
        # as the pipeline stores an article: a paragraph the page repeats (a live blog's pinned post) is kept once
        # (pipeline.dedup.exact), so the analyser never sees, nor is scored on, the second copy
        paragraphs = first_occurrences(article["paragraphs"])
        items = [(f"{article['id']}-{i}", p) for i, p in enumerate(paragraphs)]
        analysed, lexicon = _analyse(language, items)
        analyses = {a.paragraph_id: a for a in analysed}
        occurrences, offset = [], 0
        for i, p in enumerate(paragraphs):
            occurrences.append((i, f"{article['id']}-{i}", offset))
            offset += len(p) + len(PARAGRAPH_SEPARATOR)
        resolved = resolve_article(article["id"], occurrences, analyses, lexicon, article.get("title"),
                                   learned_stance=learned_stance)
        mentions, predicted = resolved.mentions, resolved.statements
        text = PARAGRAPH_SEPARATOR.join(paragraphs)

        used = set()
        for g, best in match(article, text, predicted):
            if best is None:
                add("fn")
                errors.append({"article": article["id"], "kind": "missed", "text": g["text"]})
                continue
            used.add(best)
            p = predicted[best]
            add("tp")
            gs, ps = norm_speaker(g.get("speaker")), norm_speaker(p.speaker)
            if gs == ps:
                add("speaker_ok")
                add("speaker_lenient")
            else:
                if gs and ps and (gs.endswith(ps) or ps.endswith(gs)):
                    add("speaker_lenient")
                errors.append({"article": article["id"], "kind": "speaker", "gold": g.get("speaker"), "predicted": p.speaker, "text": g["text"]})
            if g["stance"] == p.stance:
                add("stance_ok")
            else:
                errors.append({"article": article["id"], "kind": "stance", "gold": g["stance"], "predicted": p.stance, "text": g["text"]})
            stance_confusion[(g["stance"], p.stance)] += 1
        for k, p in enumerate(predicted):
            if k not in used:
                add("fp")
                if article.get("trap"):
                    add("trap_false_positives")
                errors.append({"article": article["id"], "kind": "false_positive", "predicted": p.speaker, "stance": p.stance, "text": p.text})

        names = defaultdict(set)
        for m in mentions:
            names[m.label].add(m.name.casefold())
            names[m.label].add(m.text.casefold())
            if m.written:  # Russian: the text as written, in its nominative ("Киеве" -> "Киев")
                names[m.label].add(m.written.casefold())
        for e in article.get("entities", []):
            for b in buckets:
                ent_total[b][e["label"]] += 1
                if e["name"].casefold() in names[e["label"]]:
                    ent_found[b][e["label"]] += 1
            if e["name"].casefold() not in names[e["label"]]:
                # what a mention of another label or name was found there, for the reader of --errors
                also = sorted(lbl for lbl, found in names.items() if e["name"].casefold() in found)
                errors.append({"article": article["id"], "kind": "entity_missed", "name": e["name"],
                               "label": e["label"], "found_as": also})

    result = _figures(counts["all"], ent_found["all"], ent_total["all"])
    result["stance_confusion"] = {f"{g}->{p}": n for (g, p), n in sorted(stance_confusion.items())}
    result["per_language"] = {lang: _figures(c, ent_found[lang], ent_total[lang])
                              for lang, c in sorted(counts.items()) if lang != "all"}
    result["errors"] = errors
    return result


def _figures(c: Counter, found: Counter, total: Counter) -> dict:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": c["articles"],
        "trap_articles": c["trap_articles"],
        "gold_statements": tp + fn,
        "predicted_statements": tp + fp,
        "detection": {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                      "tp": tp, "fp": fp, "fn": fn, "trap_false_positives": c["trap_false_positives"]},
        "speaker_accuracy": round(c["speaker_ok"] / tp, 3) if tp else 0.0,
        "speaker_accuracy_lenient": round(c["speaker_lenient"] / tp, 3) if tp else 0.0,
        "stance_accuracy": round(c["stance_ok"] / tp, 3) if tp else 0.0,
        "entity_recall": {label: round(found[label] / total[label], 3) for label in sorted(total)},
        "entity_recall_all": round(sum(found.values()) / max(1, sum(total.values())), 3),
    }


# -------------------------------------------------------------------------------------------------- speed


def speed_texts(devset: Path, limit_words: int) -> list[str]:
    texts = []
    data = tomllib.loads(devset.read_text(encoding="utf-8")) if devset.exists() else {"articles": []}
    for article in data["articles"]:
        texts.extend(article["paragraphs"])
    if CORPUS.exists():
        truth = json.loads(CORPUS.read_text(encoding="utf-8"))
        for item in truth.values():
            texts.extend(p.strip() for p in item["articleBody"].split("\n") if p.strip())
    out, words = [], 0
    for t in texts:
        out.append(t)
        words += len(t.split())
        if words >= limit_words:
            break
    return out


def _bare_ner(texts: list[str], keep=("tok2vec", "ner")) -> int:
    nlp = load_nlp()
    disable = [name for name in nlp.pipe_names if name not in keep]
    return sum(len(doc.ents) for doc in nlp.pipe(texts, disable=disable, batch_size=64))


def _ner_alone(texts: list[str]) -> int:
    """The NER without the shared tok2vec, which only the tagger and parser listen to: the leanest floor."""
    return _bare_ner(texts, keep=("ner",))


def _stage(texts: list[str]) -> int:
    results = analyse_paragraphs([(str(i), t) for i, t in enumerate(texts)])
    return sum(len(r.entities) for r in results)


def _timed(fn, texts) -> float:
    started = time.perf_counter()
    fn(texts)
    return time.perf_counter() - started


def _parallel(fn, texts: list[str], workers: int) -> float:
    chunks = [texts[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers, initializer=load_nlp) as pool:
        list(pool.map(fn, [texts[:50]] * workers))  # load the model in every worker before timing
        started = time.perf_counter()
        list(pool.map(fn, chunks))
        return time.perf_counter() - started


def measure_speed(devset: Path, words: int) -> dict:
    texts = speed_texts(devset, words)
    n_words = sum(len(t.split()) for t in texts)
    load_nlp()
    _bare_ner(texts[:50])
    _stage(texts[:50])  # warm both paths (lexicon, matcher, caches) before timing
    bare = min(_timed(_bare_ner, texts) for _ in range(2))
    alone = min(_timed(_ner_alone, texts) for _ in range(2))
    stage = min(_timed(_stage, texts) for _ in range(2))
    workers = min(2, os.cpu_count() or 1)
    bare_par = _parallel(_bare_ner, texts, workers)
    stage_par = _parallel(_stage, texts, workers)
    return {
        "paragraphs": len(texts),
        "words": n_words,
        "bare_ner_words_per_s": round(n_words / bare),
        "stage_words_per_s": round(n_words / stage),
        "stage_over_bare": round(stage / bare, 3),
        "ner_alone_words_per_s": round(n_words / alone),
        "stage_over_ner_alone": round(stage / alone, 3),
        "workers": workers,
        "bare_ner_words_per_s_parallel": round(n_words / bare_par),
        "stage_words_per_s_parallel": round(n_words / stage_par),
        "stage_over_bare_parallel": round(stage_par / bare_par, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--speed-words", type=int, default=150_000)
    parser.add_argument("--errors", action="store_true", help="print every miss, false positive and wrong label")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rules-only", action="store_true",
                        help="English stance by the rules alone (the learned model off): what a stance rule changes")
    args = parser.parse_args()
    result = {"quality": evaluate(args.devset, learned_stance=not args.rules_only)}
    if not args.no_speed:
        result["speed"] = measure_speed(args.devset, args.speed_words)
    errors = result["quality"].pop("errors")
    if args.json:
        print(json.dumps(result, indent=2))
        return
    qual = result["quality"]
    d = qual["detection"]
    print(f"dev set: {qual['articles']} articles ({qual['trap_articles']} traps), {qual['gold_statements']} gold statements")
    print(f"detection: precision={d['precision']:.3f} recall={d['recall']:.3f} F1={d['f1']:.3f} "
          f"(tp={d['tp']} fp={d['fp']} fn={d['fn']}, false positives on trap pages={d['trap_false_positives']})")
    print(f"speaker accuracy={qual['speaker_accuracy']:.3f} (lenient {qual['speaker_accuracy_lenient']:.3f})  "
          f"stance accuracy={qual['stance_accuracy']:.3f}")
    print("entity recall: " + ", ".join(f"{k}={v:.2f}" for k, v in qual["entity_recall"].items())
          + f"  all={qual['entity_recall_all']:.3f}")
    if len(qual["per_language"]) > 1:
        for lang, fig in qual["per_language"].items():
            d = fig["detection"]
            print(f"  {lang}: P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f} "
                  f"speaker={fig['speaker_accuracy']:.3f} stance={fig['stance_accuracy']:.3f} "
                  f"entities={fig['entity_recall_all']:.3f} " + " ".join(f"{k}={v:.2f}" for k, v in fig["entity_recall"].items()))
    if "speed" in result:
        s = result["speed"]
        print(f"speed ({s['paragraphs']} paragraphs, {s['words']} words): NLP stage {s['stage_words_per_s']} words/s, "
              f"bare NER {s['bare_ner_words_per_s']} words/s, stage/bare={s['stage_over_bare']:.3f} "
              f"(NER alone, without the tok2vec it does not use: {s['ner_alone_words_per_s']} words/s, "
              f"stage/that={s['stage_over_ner_alone']:.3f}); "
              f"{s['workers']} processes: stage {s['stage_words_per_s_parallel']} words/s, "
              f"bare {s['bare_ner_words_per_s_parallel']} words/s, stage/bare={s['stage_over_bare_parallel']:.3f}")
    if args.errors:
        for e in errors:
            print(json.dumps(e, ensure_ascii=False))


if __name__ == "__main__":
    main()
