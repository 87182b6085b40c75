"""The typographic apostrophe ("’", "ʼ", "‘" between letters) is read as the straight one by every French rule,
and the analysis stores the text as written."""

from __future__ import annotations

import pytest

from pipeline.nlp.apostrophes import straighten
from pipeline.nlp.multilingual import analyse_in

_PARAGRAPHS = [
    "« Nous n'accepterons aucun cessez-le-feu tant que l'armée n'aura pas quitté la ville », a déclaré "
    "aujourd'hui Étienne d'Orval, porte-parole du Front uni de l'Ouest, à Bouaké, en Côte d'Ivoire.",
    "Selon l'ONU, les deux camps ont accepté d'observer une trêve de trois jours à partir d'aujourd'hui.",
    "« Nous sommes prêts à signer la trêve, mais d'abord l'adversaire doit libérer nos prisonniers », a dit "
    "Hélène N'Diaye, ministre de l'Intérieur.",
    # the evidence a sentence is about the truce, spelt with the straight apostrophe ("doute que l'accord")
    "Le maire de la ville doute que l'accord dure jusqu'au printemps.",
    "La Garde nationale d'Haïti a confirmé l'accord de trêve avec les gangs de Delmas.",
]


def _curly(text: str) -> str:
    return text.replace("'", "\u2019")


def _view(text: str) -> tuple:
    """What a user reads of a paragraph's analysis, text fields straightened so both spellings compare."""
    a = analyse_in("fr", [("p", text)])[0]
    s = straighten
    return (
        [(x.start, x.end, s(x.text), x.stance, s(x.speaker_text or ""), x.speaker_kind, x.direct_quote,
          tuple(s(c) for c in x.conditions), x.duration) for x in a.statements],
        [(e.start, e.end, s(e.text), s(e.name), e.label) for e in a.entities],
        [(q.start, q.end, s(q.text), s(q.speaker_text or ""), q.speaker_kind) for q in a.quotes],
    )


@pytest.mark.parametrize("paragraph", _PARAGRAPHS)
def test_a_typographic_apostrophe_reads_as_the_straight_one(paragraph):
    straight = _view(paragraph)
    assert straight[0], "the paragraph has a statement to compare"
    assert _view(_curly(paragraph)) == straight


@pytest.mark.parametrize("paragraph", _PARAGRAPHS)
def test_the_text_as_written_is_stored(paragraph):
    text = _curly(paragraph)
    a = analyse_in("fr", [("p", text)])[0]
    for x in a.statements:
        assert x.text == text[x.start:x.end]
        assert "'" not in x.text and "'" not in (x.speaker_text or "")
    for e in a.entities:
        assert e.text == text[e.start:e.end]
    for q in a.quotes:
        assert q.text == text[q.start:q.end] and "'" not in (q.source or "")


def test_the_speaker_and_entity_keep_their_apostrophe():
    a = analyse_in("fr", [("p", _curly(_PARAGRAPHS[0]))])[0]
    assert [x.speaker_text for x in a.statements] == ["Étienne d\u2019Orval"]
    assert "Côte d\u2019Ivoire" in [e.text for e in a.entities]


@pytest.mark.parametrize("text, expected", [
    ("l\u2019armée", "l'armée"),
    ("l\u2018armée et Kyiv\u02bcs", "l'armée et Kyiv's"),
    # an opening quotation mark before a word is no apostrophe; the length never changes
    ("il a dit \u2018non\u2019.", "il a dit \u2018non'."),
    ("« sans apostrophe »", "« sans apostrophe »"),
])
def test_straighten_keeps_the_length(text, expected):
    assert straighten(text) == expected and len(straighten(text)) == len(text)


_ENGLISH = [
    "\"We don't accept this ceasefire,\" Ukraine's foreign minister said in Kyiv's city hall.",
    "The rebels' spokesman, Jean-Pierre O'Neill, said they won't sign the ceasefire unless the army pulls back.",
]


def _english_view(text: str) -> tuple:
    from pipeline.nlp.analyse import analyse_paragraphs

    a = analyse_paragraphs([("p", text)])[0]
    s = straighten
    return (
        [(x.start, x.end, s(x.text), x.stance, s(x.speaker_text or ""), x.speaker_kind) for x in a.statements],
        [(e.start, e.end, s(e.text), s(e.name), e.label) for e in a.entities],
    )


@pytest.mark.parametrize("paragraph", _ENGLISH)
def test_english_reads_an_apostrophe_inside_a_word_as_the_straight_one(paragraph):
    straight = _english_view(paragraph)
    assert straight[0]
    assert _english_view(_curly(paragraph)) == straight


def test_english_stores_the_text_as_written():
    from pipeline.nlp.analyse import analyse_paragraphs

    text = _curly(_ENGLISH[0])
    [x] = analyse_paragraphs([("p", text)])[0].statements
    assert x.text == text[x.start:x.end]
    # a role's speaker string, built of pieces of the text, keeps the text's apostrophe
    assert x.speaker_text.startswith("Ukraine\u2019s foreign minister")
    # a closing single quotation mark is no apostrophe: English pairs it with the opening one
    assert straighten("the \u2018truce\u2019 held", closing=False) == "the \u2018truce\u2019 held"
