"""Who a ceasefire statement's speaker is, read from the parse and the article (real spaCy model). Every sentence
here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.lexicon import load_lexicon
from pipeline.nlp.resolve import resolve_article

_FIGHTING = "Shelling and drone strikes hit frontline villages overnight, and troops exchanged artillery fire."


def speakers(*paragraphs: str) -> dict[str, str | None]:
    """Statement text -> resolved speaker, for paragraphs analysed as one article about a war."""
    paragraphs = (_FIGHTING, *paragraphs)
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    nlp = resolve_article("a1", occurrences, analyses, load_lexicon())
    return {s.text: s.speaker for s in nlp.statements}


def speaker_of(found: dict[str, str | None], start: str) -> str | None:
    hits = [text for text in found if text.startswith(start)]
    assert len(hits) == 1, list(found)
    return found[hits[0]]


@pytest.mark.parametrize("sentence", [
    # the only source is in a relative clause on a noun
    "The vote came a week after a summit in Vienna that Norway had called historic, and the truce held.",
    # in an adverbial clause opened by its conjunction
    "The ports reopened on Monday, three days after Veldara proposed a ceasefire along the river.",
    "Since the Northern Front announced its truce in June, not a single convoy has been attacked.",
    # a participle on the arrangement itself
    "A truce between the rebels and the Veldaran army, brokered by Norway in 2019, has held despite expiring.",
])
def test_a_source_only_in_a_side_clause_leaves_the_narrative_without_a_speaker(sentence):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) is None


def test_a_passive_of_saying_without_an_agent_is_the_narrative():
    # "it" is what was written, not who wrote it
    found = speakers("Veldara agreed to a ceasefire on Friday. It was never written down as an accord.")
    assert speaker_of(found, "Veldara agreed") == "Veldara"
    assert speaker_of(found, "It was never") is None


@pytest.mark.parametrize(("sentence", "speaker"), [
    # a participle clause on the main verb reports the main subject's words
    ("The Northern Front fired rockets at dawn, saying the ceasefire was already dead.", "Northern Front"),
    # the small model hangs the main verb on its subject after an apposition: still the subject's act
    ("The Coastal Liberation Front, one of the largest militias in the south, rejected the ceasefire on Sunday.",
     "Coastal Liberation Front"),
    # a passive's agent is its source
    ("The ceasefire was announced by the Northern Front on Sunday evening.", "Northern Front"),
])
def test_the_main_clause_keeps_its_source(sentence, speaker):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) == speaker


def test_a_body_the_phrase_gives_a_country_is_only_that_country_s_body():
    found = speakers(
        "The Lebanese Armed Forces deployed to the south under the truce.",
        "The Israeli military said the truce was holding.",
        "The Lebanese army said the truce had been broken twice.",
    )
    # another country's army named last is someone else: the phrase stays as written
    assert speaker_of(found, "The Israeli military") == "Israeli military"
    # the same country's army is the body the article named in full
    assert speaker_of(found, "The Lebanese army") == "Lebanese Armed Forces"
