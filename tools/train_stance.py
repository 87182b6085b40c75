"""Train the learned English stance model (issue #14) and write it to pipeline/nlp/data/stance_model/.

    uv run python tools/train_stance.py train                    # extract the rows, train, write the model
    uv run python tools/train_stance.py train --out /tmp/model   # the same, written elsewhere (the slow test)
    uv run python tools/train_stance.py loso                     # leave one set out: rules vs model, per set
    uv run python tools/train_stance.py loso --language fr       # the same model on the French (or ru) tuning sets
    uv run python tools/train_stance.py loso --language ru --seeds 0 1 2 --with-english
                                                                 # three seeds, the English rows in every training

The rows are the gold statements of the English tuning sets that the pipeline matches (``match`` in
bench/statements.py, the scorer's own rule: the first unused predicted statement overlapping half the gold span), each with the features the
pipeline reads at inference (:func:`pipeline.nlp.stance_model.features`: the sentence and the rules' decision on it)
and the gold stance. The statements are resolved with ``learned_stance=False``: the model learns from the rules'
stance, never from an earlier model's. Only the English tuning sets in :data:`SETS` are read (dev25, the twenty-ninth
session's blind gate, became one in the thirtieth); no eval set, no dev26, no French or Russian set.
``--language fr|ru`` measures the same model on that language's tuning sets (:data:`LANGUAGE_SETS`; the features
carry the multilingual rule's name instead of the English decision's parts) and is for ``loso`` only: neither beat
its language's rules (issue #20; bench/README.md has the figures), so no French or Russian model is shipped. Measured
again in the twenty-eighth session with three seeds, and with the English tuning sets' rows in every training
(``--with-english``: trained on, never left out or scored): still no win.

The model is spaCy's TextCatBOW (unigrams and bigrams, 2**16 buckets); training is deterministic (fixed seed,
fixed order, CPU): the same rows give the same model, so tests/test_stance_model.py can retrain and compare it
with the shipped one (the training record and every row's label; not the bytes, which another CPU's BLAS may vary).
Because the features carry the rules' decision, the model must be retrained whenever the rules change (the
ANALYSIS_VERSION bump): the written trained.json records the version it was trained at.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import shutil
import sys
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from pipeline.nlp.stance_model import LABELS, MODEL_DIR, TRAINED, features  # noqa: E402

log = logging.getLogger("train_stance")

# the English tuning sets, all of them (the pre-registered gate trained on the first 14; dev14 joined in session 19,
# dev15 in session 20, dev16 in session 21, dev17 in session 22,
# dev18 in session 23, dev19 in session 24, dev20 in session 25, dev21 in session 26, dev22 in session 27,
# dev23 in session 28, dev24 in session 29, dev25 in session 30)
SETS = ("dev", "heldout", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12",
        "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23",
        "dev24", "dev25")
# the French and Russian tuning sets (issue #20): measured with ``--language fr|ru``, leave one set out
LANGUAGE_SETS = {
    "en": SETS,
    "fr": ("fr_dev", "fr_dev2", "fr_dev3", "fr_dev4", "fr_dev5", "fr_dev6", "fr_eval"),
    "ru": ("ru_dev", "ru_dev2", "ru_dev3", "ru_dev4", "ru_dev5", "ru_dev6", "ru_eval"),
}
DEVSET = REPO / "bench" / "devset"
SEED = 0
EPOCHS = 10
BATCH = 16
LENGTH = 2 ** 16  # hash buckets of the bag of words: about 1.2 MB on disk


def set_path(name: str) -> Path:
    return DEVSET / f"ceasefire_{name}.toml"


def extract(sets: tuple[str, ...], language: str = "en") -> list[dict]:
    """The matched gold statements of ``sets`` in ``language``, in set and article order: the features and the gold
    stance."""
    from devset_text import first_occurrences
    from statements import _analyse, match

    from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
    from pipeline.nlp.resolve import resolve_article

    rows: list[dict] = []
    for name in sets:
        data = tomllib.loads(set_path(name).read_text(encoding="utf-8"))
        for article in data["articles"]:
            if article.get("language", data.get("language", "en")) != language:
                continue
            paragraphs = first_occurrences(article["paragraphs"])
            analysed, lexicon = _analyse(language, [(f"{article['id']}-{i}", p) for i, p in enumerate(paragraphs)])
            occurrences, offset = [], 0
            for i, p in enumerate(paragraphs):
                occurrences.append((i, f"{article['id']}-{i}", offset))
                offset += len(p) + len(PARAGRAPH_SEPARATOR)
            predicted = resolve_article(article["id"], occurrences, {a.paragraph_id: a for a in analysed}, lexicon,
                                        article.get("title"), learned_stance=False).statements
            rows.extend({"set": name, "features": features(predicted[k]), "rules": predicted[k].stance,
                         "gold": g["stance"]}
                        for g, k in match(article, PARAGRAPH_SEPARATOR.join(paragraphs), predicted) if k is not None)
        log.info("%s: %d rows so far", name, len(rows))
    return rows


def train(rows: list[dict], seed: int = SEED):
    """A TextCatBOW classifier trained on ``rows``; deterministic for the same rows, order and ``seed``."""
    import spacy
    from spacy.training import Example
    from thinc.api import fix_random_seed

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
                                              "ngram_size": 2, "no_output_layer": False, "length": LENGTH}})
    examples = [Example.from_dict(nlp.make_doc(r["features"]), {"cats": {lab: float(lab == r["gold"]) for lab in LABELS}})
                for r in rows]
    optimizer = nlp.initialize(lambda: examples)
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in range(0, len(order), BATCH):
            nlp.update([examples[j] for j in order[i:i + BATCH]], sgd=optimizer, drop=0.0)
    return nlp


def predict(nlp, rows: list[dict]) -> list[str]:
    return [max(LABELS, key=lambda lab: doc.cats[lab]) for doc in nlp.pipe(r["features"] for r in rows)]


def write(nlp, rows: list[dict], out: Path) -> None:
    """The model (spaCy ``to_disk``) and ``trained.json`` (sets with sha256, rows, ANALYSIS_VERSION) in ``out``."""
    from pipeline.nlp.analyse import ANALYSIS_VERSION

    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out, exclude=["vocab"])  # the words are hashed in the weights: the sets' words stay out of the repo
    record = {
        "analysis_version": ANALYSIS_VERSION,
        "rows": len(rows),
        "labels": dict(sorted(Counter(r["gold"] for r in rows).items())),
        "seed": SEED, "epochs": EPOCHS, "batch": BATCH, "length": LENGTH,
        "sets": {name: hashlib.sha256(set_path(name).read_bytes()).hexdigest() for name in SETS},
    }
    (out / TRAINED.name).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def loso(rows: list[dict], sets: tuple[str, ...] = SETS, seeds: tuple[int, ...] = (SEED,),
         extra: list[dict] | None = None) -> dict[str, dict[str, int]]:
    """Leave each of ``sets`` out, train on the rest (and on ``extra``, rows of other sets always trained on: the
    English ones when a French or Russian model learns from English too), once per seed: the rules' and the model's
    correct stances on the left-out set, per seed, with the seeds' spread. Returns the counts per set."""
    extra = extra or []
    counts: dict[str, dict[str, int]] = {}
    for held in (*sets, "all"):
        counts[held] = Counter()
    for held in sets:
        test = [r for r in rows if r["set"] == held]
        n = {"n": len(test), "rules": sum(r["rules"] == r["gold"] for r in test)}
        for seed in seeds:
            guesses = predict(train(extra + [r for r in rows if r["set"] != held], seed), test)
            n[f"model{seed}"] = sum(g == r["gold"] for r, g in zip(test, guesses, strict=True))
        counts[held].update(n)
        counts["all"].update(n)
    for held, n in counts.items():
        models = [n[f"model{seed}"] for seed in seeds]
        per_seed = " ".join(f"{m:4d} ({m - n['rules']:+d})" for m in models)
        print(f"{held:8s} n {n['n']:4d}  rules {n['rules']:4d}  model {per_seed}  spread {max(models) - min(models)}")
    return counts


def rows_of(sets: tuple[str, ...], language: str, path: Path | None) -> list[dict]:
    """The rows of ``sets`` (:func:`extract`), read from ``path`` if it exists, else extracted (and written there)."""
    if path is not None and path.exists():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = extract(sets, language)
    if path is not None:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("train", "loso"))
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where the model goes (train)")
    parser.add_argument("--rows", type=Path, help="a JSONL of extracted rows: read if it exists, else written")
    parser.add_argument("--language", choices=tuple(LANGUAGE_SETS), default="en",
                        help="whose tuning sets (fr and ru: measured with loso, not shipped)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[SEED], help="loso: train once per seed")
    parser.add_argument("--with-english", action="store_true",
                        help="loso --language fr|ru: the English tuning sets' rows join every training")
    parser.add_argument("--english-rows", type=Path, help="a JSONL of the English rows: read if it exists, else written")
    args = parser.parse_args()
    sets = LANGUAGE_SETS[args.language]
    rows = rows_of(sets, args.language, args.rows)
    if args.command == "loso":
        english = rows_of(SETS, "en", args.english_rows) if args.with_english and args.language != "en" else []
        loso(rows, sets, tuple(args.seeds), english)
        return
    if args.language != "en":
        parser.error("only the English model is trained and shipped (fr and ru: loso)")
    write(train(rows), rows, args.out)
    log.info("wrote %s: %d rows", args.out, len(rows))


if __name__ == "__main__":
    main()
