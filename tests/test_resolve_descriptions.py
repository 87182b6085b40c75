"""A source named only by what the person is ("the retired teacher", "le ministre", "эксперт") resolves to the
person the article just named (real models). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import FIGHTING as _FIGHTING
from conftest import resolved_article, resolved_in
from conftest import speaker_starting as _speaker_of
from pipeline.nlp import french, russian


def _speakers(nlp) -> dict[str, str | None]:
    return {s.text: s.speaker for s in nlp.statements}



def test_a_description_after_the_person_is_that_person():
    _, nlp = resolved_article(
        _FIGHTING,
        "The guns near Dorvask have been quiet for a month, but Halvard Mertesacker still keeps a bag packed by the door.",
        "“This truce is a promise made by men who live far from here,” said the 61-year-old beekeeper, looking at "
        "the hills.", conflict=False)
    found = _speakers(nlp)
    assert _speaker_of(found, "“This truce is a promise") == "Halvard Mertesacker"


@pytest.mark.parametrize("source", [
    # someone who speaks for another is not the person named last
    "the spokesman",
    # a source that asked not to be named is nobody the article names
    "the former militia commander, who asked that his name not be used,",
])
def test_a_description_that_is_someone_else_stays_as_written(source):
    _, nlp = resolved_article(
        _FIGHTING,
        "President Ilse Varrow announced a ceasefire along the northern front on Friday.",
        f"“The truce will hold only as long as the other side wants it to,” {source} said.", conflict=False)
    found = _speakers(nlp)
    assert _speaker_of(found, "“The truce will hold") != "Ilse Varrow"


def test_french_the_minister_after_the_named_minister():
    nlp = resolved_in("fr", french, [
        "Les combats ont repris samedi près de la frontière, malgré la trêve signée le mois dernier.",
        "À Lomé, le ministre d'État, ministre de la Sécurité et de la Protection civile du Togo, Jean-Marc Kouassi, "
        "a défendu la trêve au nom du gouvernement. « Ce cessez-le-feu protège nos villages », a ajouté le ministre.",
    ])
    found = _speakers(nlp)
    assert _speaker_of(found, "« Ce cessez-le-feu protège") == "Jean-Marc Kouassi"


def test_russian_a_bare_role_after_the_named_expert():
    nlp = resolved_in("ru", russian, [
        "Весной стороны договорились о прекращении огня, но обстрелы продолжаются почти каждую ночь.",
        "Это перемирие долго не продержится, считает старший научный сотрудник Института Африки Аркадий Мельников.",
        "«Без наблюдателей любое перемирие останется только бумагой», — говорит эксперт.",
    ])
    found = _speakers(nlp)
    assert _speaker_of(found, "«Без наблюдателей") == "Аркадий Мельников"


@pytest.mark.parametrize(("name", "prefix", "expected"), [
    # the model read the end of the title into the name
    ("Foreign Affairs Farhan Qadir Baloch", "Minister of State for", "Farhan Qadir Baloch"),
    ("Peace, Lucía Fernanda Ortiz", "the High Commissioner for", "Lucía Fernanda Ortiz"),
    ("Cohésion sociale, Mahamat Saleh Idriss", "la Réconciliation nationale et de la", "Mahamat Saleh Idriss"),
    # a long name after no title's linking word, or a short one after it, stays whole
    ("Maria del Carmen Ortega", "said on Friday that", "Maria del Carmen Ortega"),
    ("Defence Ana Ruiz", "Minister of", "Defence Ana Ruiz"),
])
def test_a_title_read_into_a_persons_name_is_left_out(name, prefix, expected):
    from pipeline.nlp.resolve import _without_portfolio
    from pipeline.nlp.spans import EntitySpan

    assert _without_portfolio(EntitySpan(0, len(name), name, name, "PERSON", prefix)).name == expected
    assert _without_portfolio(EntitySpan(0, len(name), name, name, "ORG", prefix)).name == name


@pytest.mark.parametrize(("name", "label", "expected"), [
    # a transcript's speaker label the model ran into the words after it
    ("Halvorsen: Good morning", "PERSON", "Halvorsen"),
    ("Halvorsen: Nobody", "ORG", "Halvorsen"),
    ("Ministry of Transport", "ORG", "Ministry of Transport"),
])
def test_a_speaker_label_run_into_the_words_after_it_is_cut_at_its_colon(name, label, expected):
    from pipeline.nlp.resolve import _without_portfolio
    from pipeline.nlp.spans import EntitySpan

    assert _without_portfolio(EntitySpan(0, len(name), name, name, label, "")).name == expected


def test_a_transcript_label_with_a_un_title_is_the_person_introduced_before():
    _, nlp = resolved_article(
        _FIGHTING,
        "The following is a transcript of the press briefing given in Juba by the deputy head of the UN mission, "
        "Ingrid Halvorsen-Moe.",
        "DSRSG Halvorsen-Moe: Good afternoon. I can announce that the two armies have agreed to a truce along the "
        "river that took effect at noon today.", conflict=False)
    found = _speakers(nlp)
    assert _speaker_of(found, "I can announce") == "Ingrid Halvorsen-Moe"
