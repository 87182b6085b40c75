"""French and Russian speakers of ceasefire statements (issue #20): who a cue attributes a sentence to, on
sentences written for these tests."""

from __future__ import annotations

from pipeline.nlp.multilingual import analyse_in


def speakers(language: str, text: str) -> list[tuple[str, str | None]]:
    """(speaker kind, speaker text) of each statement of one paragraph."""
    analysis = analyse_in(language, [("p1", text)])[0]
    return [(s.speaker_kind, s.speaker_text) for s in analysis.statements]


def test_a_name_in_apposition_to_a_title_is_the_speaker_not_the_title():
    # the NER may miss the name; the title phrase before it is not who speaks
    got = speakers("fr", "Le ministre valdorien de la Défense, Gaspard Lemoinel, a précisé que la trêve de dix jours "
                         "serait respectée par ses troupes.")
    assert got == [("name", "Gaspard Lemoinel")]


def test_a_name_with_its_title_in_apposition_beats_the_place_the_title_names():
    got = speakers("fr", "Le préfet de la région de Korvane, le colonel Anselme Dubreuil Koné, a annoncé mardi la "
                         "signature d'un cessez-le-feu entre les deux milices.")
    assert got == [("name", "Anselme Dubreuil Koné")]

