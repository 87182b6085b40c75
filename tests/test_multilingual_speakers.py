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



def test_a_question_asked_with_an_inverted_pronoun_has_the_pronoun_for_speaker():
    text = ("Le ministre Gaspard Lemoinel a rejeté la trêve. « Qui peut croire à une trêve que l'ennemi viole "
            "chaque nuit ? », a-t-il demandé lors d'une conférence de presse.")
    assert ("pronoun", "he") in speakers("fr", text)


def test_sprashivaet_after_a_dash_attributes_the_question():
    text = "«Сколько ещё раз нам обещали перемирие?» — спрашивает он."
    assert speakers("ru", text) == [("pronoun", "he")]


def test_a_pronoun_with_a_parenthetical_adverb_before_the_verb_is_the_speaker():
    text = "Он, впрочем, добавил, что перемирие возможно только после отвода тяжёлой техники."
    assert speakers("ru", text) == [("pronoun", "he")]


def test_a_pronoun_inside_the_sentence_before_a_parenthetical_is_not_taken():
    # "их" here is an object in the middle of the sentence, not the subject opening it
    text = "Генштаб обвинил их, по сути, нарушив перемирие, — заявил аналитик Олег Ровный."
    assert ("pronoun", "they") not in speakers("ru", text)
