"""French and Russian entities (issue #20, ninth session): one entity namespace across languages, Russian names
the NER mislabels or cuts (a town read as a person, regions sharing one noun), French sentences cut at «. All
sentences are written for these tests."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from pipeline.nlp import french, multilingual, russian
from pipeline.nlp.multilingual import language_lexicon
from pipeline.nlp.resolve import resolve_article


def _rows(name: str) -> list[dict]:
    raw = resources.files("pipeline.nlp").joinpath("data", name).read_text("utf-8")
    return [json.loads(line) for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _resolve(language, module, paragraphs):
    items = [(f"p{i}", p) for i, p in enumerate(paragraphs)]
    analyses = {a.paragraph_id: a for a in module.analyse_paragraphs(items)}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + 2
    return resolve_article("a", occurrences, analyses, language_lexicon(language))


def _entities(module, text):
    return [(e.name, e.label) for e in module.analyse_paragraphs([("p", text)])[0].entities]


# ------------------------------------------------------------------------------------ one namespace

def test_multilingual_names_are_the_english_gazetteers_ids():
    """An entity the English gazetteer names (a pattern) has that pattern's id in the multilingual file, so a
    French or Russian mention is the same entity as an English one ("UNICEF" -> "United Nations Children's
    Fund", "G7" -> "Group of Seven"); a name that differs only in case is the same name too."""
    english: dict[str, str] = {}
    for row in _rows("gazetteer.jsonl"):
        if isinstance(row["pattern"], str):
            english.setdefault(row["pattern"].casefold(), row.get("id", row["pattern"]))
    wrong = {row["name"]: english[row["name"].casefold()] for row in _rows(multilingual.GAZETTEER_FILE)
             if row["name"].casefold() in english and english[row["name"].casefold()] != row["name"]}
    assert wrong == {}


@pytest.mark.parametrize(("language", "words", "expected"), [
    ("fr", ["l'", "Unicef", "et", "le", "G7", "et", "Al-Qaïda"],
     ["United Nations Children's Fund", "Group of Seven", "al-Qaeda"]),
    ("ru", ["ЮНИСЕФ", "и", "Большая", "двадцатка", "и", "УКГВ", "ООН"],
     ["United Nations Children's Fund", "Group of 20", "United Nations Office for the Coordination of Humanitarian Affairs"]),
])
def test_french_and_russian_forms_map_to_the_english_entity(language, words, expected):
    tokens = [multilingual.Token(i * 20, i * 20 + len(w), w) for i, w in enumerate(words)]
    assert [entry.name for _, _, entry in multilingual.gazetteer(language).matches(tokens)] == expected


# ---------------------------------------------------------------------------- French sentences at «

@pytest.mark.slow
def test_french_sentence_is_not_cut_at_an_opening_guillemet():
    text = "La réalisatrice a présenté le film « Trêve » à Cannes, a déclaré Julien Morvan. Les combats ont cessé."
    sentences = [text[a:b] for a, b in french._sentences(french.load_model()(text))]
    assert sentences == ["La réalisatrice a présenté le film « Trêve » à Cannes, a déclaré Julien Morvan.",
                         "Les combats ont cessé."]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "La réalisatrice a présenté le film « Trêve » au festival de Cannes, a déclaré le critique Julien Morvan, "
    "qui a salué un récit de guerre et de combats bouleversant.",
])
def test_a_work_titled_after_a_truce_is_no_statement(text):
    assert _resolve("fr", french, [text]).statements == []


@pytest.mark.slow
def test_a_quoted_truce_is_still_a_statement():
    text = "« La trêve sera respectée par nos troupes », a déclaré le ministre de la Défense, Julien Morvan."
    found = _resolve("fr", french, [text]).statements
    assert [(s.speaker, s.stance) for s in found] == [("Julien Morvan", "support")]
