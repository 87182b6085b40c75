"""How far two people labelling by the guidelines agree: the ceiling the statement figures are read against.

    uv run python bench/agreement.py                      # every second labelling in bench/devset/agreement/
    uv run python bench/agreement.py --second FILE        # one of them
    uv run python bench/agreement.py --rules              # and the rules on the same articles, for comparison
    uv run python bench/agreement.py --json

A second annotator labelled the articles of a set from their text and the guidelines alone
(../shared/guidelines/ceasefire-statements.md), without the first labels, the rules or their output. Its file names
the set it relabels (``relabels = "ceasefire_dev6.toml"``) and holds, per article id, its statements (text,
speaker, stance, direct_quote). Each second labelling is scored against the set's labels exactly as
bench/statements.py scores the rules (a statement matches when their sentence spans overlap by at least half of the
first label's span; each repeated paragraph once), so the second annotator's figures and the rules' can be read
side by side. Also reported: Cohen's kappa of stance over the matched statements, and the stance confusion.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # the shared reader beside this file, however this file is loaded

from devset_text import first_occurrences, norm_speaker  # noqa: E402

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR  # noqa: E402

AGREEMENT = HERE / "devset" / "agreement"
STANCES = ("support", "conditional", "oppose", "neutral")


def _spans(text: str, statements: list[dict], article: str, who: str) -> list[tuple[int, int, dict]]:
    found = []
    for s in statements:
        start = text.find(s["text"])
        if start < 0:
            raise SystemExit(f"{who} {article}: statement not found in the article's text: {s['text'][:60]!r}")
        found.append((start, start + len(s["text"]), s))
    return found


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two labellings of the same items: agreement beyond what their label shares give by chance."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in set(first) | set(second)) / (n * n)
    return round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0


def compare(gold_path: Path, second_path: Path) -> dict:
    gold_set = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    second = tomllib.loads(second_path.read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in gold_set["articles"]}
    c: Counter = Counter()
    pairs: list[tuple[str, str]] = []
    for labelled in second["articles"]:
        article = by_id.get(labelled["id"])
        if article is None:
            raise SystemExit(f"{second_path.name}: article {labelled['id']!r} is not in {gold_path.name}")
        c["articles"] += 1
        text = PARAGRAPH_SEPARATOR.join(first_occurrences(article["paragraphs"]))
        gold = _spans(text, article.get("statements", []), labelled["id"], gold_path.name)
        other = _spans(text, labelled.get("statements", []), labelled["id"], second_path.name)
        used: set[int] = set()
        for g_start, g_end, g in gold:
            match = next((k for k, (s, e, _) in enumerate(other)
                          if k not in used and max(0, min(g_end, e) - max(g_start, s)) >= 0.5 * (g_end - g_start)),
                         None)
            if match is None:
                c["fn"] += 1
                continue
            used.add(match)
            o = other[match][2]
            c["tp"] += 1
            c["speaker_ok"] += norm_speaker(g.get("speaker")) == norm_speaker(o.get("speaker"))
            c["stance_ok"] += g["stance"] == o["stance"]
            pairs.append((g["stance"], o["stance"]))
        c["fp"] += len(other) - len(used)
        c["trap_false_positives"] += (len(other) - len(used)) if article.get("trap") else 0
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision, recall = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
    return {
        "set": gold_path.name, "second": second_path.name, "articles": c["articles"],
        "detection": {"precision": round(precision, 3), "recall": round(recall, 3),
                      "f1": round(2 * precision * recall / (precision + recall), 3) if tp else 0.0,
                      "tp": tp, "fp": fp, "fn": fn, "trap_false_positives": c["trap_false_positives"]},
        "speaker_accuracy": round(c["speaker_ok"] / tp, 3) if tp else 0.0,
        "stance_accuracy": round(c["stance_ok"] / tp, 3) if tp else 0.0,
        "stance_kappa": kappa(pairs),
        "stance_confusion": {f"{g}->{o}": n for (g, o), n in sorted(Counter(pairs).items())},
    }


def rules_on_same_articles(gold_path: Path, second_path: Path) -> dict:
    """bench/statements.py's figures for the rules, on the articles the second annotator labelled."""
    from statements import evaluate  # the bench beside this file; loads the models

    ids = {a["id"] for a in tomllib.loads(second_path.read_text(encoding="utf-8"))["articles"]}
    text = gold_path.read_text(encoding="utf-8")
    gold_set = tomllib.loads(text)
    subset = [a for a in gold_set["articles"] if a["id"] in ids]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / gold_path.name
        path.write_text(_dump(gold_set.get("language", "en"), subset), encoding="utf-8")
        result = evaluate(path)
    return {k: result[k] for k in ("detection", "speaker_accuracy", "stance_accuracy")}


def _dump(language: str, articles: list[dict]) -> str:
    # json strings are valid TOML basic strings; enough for the keys evaluate() reads
    out = [f"language = {json.dumps(language)}"]
    for a in articles:
        out += ["[[articles]]", f"id = {json.dumps(a['id'])}", f"trap = {str(bool(a.get('trap'))).lower()}",
                "paragraphs = [" + ", ".join(json.dumps(p, ensure_ascii=False) for p in a["paragraphs"]) + "]"]
        for s in a.get("statements", []):
            out += ["[[articles.statements]]"] + [f"{k} = {json.dumps(s[k], ensure_ascii=False)}"
                                                  for k in ("text", "speaker", "stance") if k in s]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--second", type=Path, action="append",
                        help="a second labelling (default: every file in bench/devset/agreement/)")
    parser.add_argument("--rules", action="store_true", help="also score the rules on the same articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    for second in args.second or sorted(AGREEMENT.glob("*.toml")):
        relabels = tomllib.loads(second.read_text(encoding="utf-8"))["relabels"]
        gold = HERE / "devset" / relabels
        result = compare(gold, second)
        if args.rules:
            result["rules"] = rules_on_same_articles(gold, second)
        results.append(result)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        d = r["detection"]
        print(f"{r['second']} against {r['set']} ({r['articles']} articles): detection P={d['precision']} "
              f"R={d['recall']} F1={d['f1']} (tp={d['tp']} fp={d['fp']} fn={d['fn']}); speaker "
              f"{r['speaker_accuracy']}; stance {r['stance_accuracy']} (kappa {r['stance_kappa']})")
        print("  stance confusion (first label -> second):", r["stance_confusion"])
        if "rules" in r:
            d = r["rules"]["detection"]
            print(f"  the rules on the same articles: P={d['precision']} R={d['recall']} F1={d['f1']}; speaker "
                  f"{r['rules']['speaker_accuracy']}; stance {r['rules']['stance_accuracy']}")


if __name__ == "__main__":
    main()
