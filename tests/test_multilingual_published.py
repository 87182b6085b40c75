"""French and Russian texts an article prints whole (a communiqué, a speech) and unnamed sources of a body
(issue #20): sentences written for these tests."""

from __future__ import annotations

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon, published_parts
from tests.test_multilingual_speakers import resolved_speakers, speakers


def stance_of(language: str, sentence: str) -> str:
    return multilingual.stance(sentence, language_lexicon(language), direct="«" in sentence)[0]


def test_a_speech_printed_whole_speaks_in_its_speakers_voice_with_no_speech_verb():
    got = dict(resolved_speakers("ru", [
        "Публикуем выступление постоянного представителя России при ООН Сергея Волкова на заседании Совета Безопасности.",
        "Мы приветствуем договорённость о перемирии в Приморском районе.",
        "Призываем стороны неукоснительно соблюдать режим прекращения огня.",
    ]))
    assert got["Мы приветствуем договорённость о перемирии в Приморском районе."] == "Сергей Волков"
    assert got["Призываем стороны неукоснительно соблюдать режим прекращения огня."] == "Сергей Волков"


def test_a_printed_text_ends_at_its_closing_line_and_needs_an_opening_announcement():
    preface = "Le ministère valdorien de la Défense a publié le communiqué suivant, que nous reproduisons."
    assert published_parts([preface, "Nous saluons la trêve.", "Fait à Korvane, le 3 mai.", "Plus tard, ..."],
                           "fr") == {0: "preface", 1: "published"}
    # an announcement deep in the article is a reporter's aside, not the text's opening
    assert published_parts(["A.", "B.", preface, "Nous saluons la trêve."], "fr") == {}
    # with no one named to issue it, the paragraphs keep their own readings
    assert published_parts(["Voici le communiqué suivant, lu à la télévision.", "Nous saluons la trêve."], "fr") == {}


def test_an_article_without_an_announcement_is_not_a_printed_text():
    got = dict(resolved_speakers("ru", [
        "Министр обороны Валдории Игнат Сомов заявил, что перемирие соблюдается.",
        "Тем временем в Приморском районе возобновились обстрелы, несмотря на перемирие.",
    ]))
    assert got["Тем временем в Приморском районе возобновились обстрелы, несмотря на перемирие."] != "Игнат Сомов"


def test_an_unnamed_person_of_a_body_is_that_person_not_the_body():
    got = resolved_speakers("fr", [
        "« On nous a promis la trêve trois fois », confie une infirmière du Comité international de la Croix-Rouge.",
        "Un cadre du Front valdorien de libération a confirmé la trêve de dix jours.",
    ])
    assert [speaker for _, speaker in got] == ["infirmière du Comité international de la Croix-Rouge",
                                               "cadre du Front valdorien de libération"]


def test_a_body_named_as_the_subject_stays_the_speaker():
    got = speakers("fr", "Le Front valdorien de libération a confirmé la trêve de dix jours.")
    assert got and got[0][1] != "cadre du Front valdorien de libération" and "Front valdorien" in got[0][1]


def test_a_capitalised_name_after_des_is_no_unnamed_person():
    got = speakers("fr", "La Mission des Nations unies au Korvane a confirmé la trêve de dix jours.")
    assert got and got[0][0] == "name" and "Korvane" in got[0][1]


def test_welcoming_the_truce_is_support_though_the_sentence_names_a_violation():
    assert stance_of("fr", "Le ministre Gaspard Lemoinel a salué la trêve, tout en rappelant que les rebelles "
                           "avaient déjà violé la précédente.") == "support"
    assert stance_of("fr", "Le ministre Gaspard Lemoinel a dénoncé la violation de la trêve par les rebelles.") \
        == "neutral"
    assert stance_of("ru", "Министр приветствовал перемирие, напомнив о его нарушениях в прошлом месяце.") == "support"
