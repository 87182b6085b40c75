"""Russian institutions' names (issue #20): the nominative of a name with a participle in it, an armed body and
what it belongs to, a body the gazetteer knows by its whole name, a name beside an abbreviation in brackets. All
sentences are written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.nlp import russian


def _entities(text: str) -> dict[str, str]:
    """Each entity's surface text -> its name."""
    return {e.text: e.name for e in russian.analyse_paragraphs([("p", text)])[0].entities}


def test_a_participle_before_the_head_goes_back_to_the_nominative_with_it():
    """The tagger calls "вооружённых" a verb (a participle): it agrees with the head like an adjective."""
    words = [SimpleNamespace(text=text, start=start, stop=start + len(text), pos=pos, feats=feats)
             for text, start, pos, feats in (
                 ("Эфиопских", 0, "ADJ", {"Case": "Loc", "Number": "Plur"}),
                 ("вооружённых", 10, "VERB", {"Case": "Loc", "Number": "Plur", "VerbForm": "Part"}),
                 ("силах", 22, "NOUN", {"Case": "Loc", "Number": "Plur", "Gender": "Fem"}))]
    assert russian.canonical(words, "ORG", "Эфиопских вооружённых силах") == "Эфиопские вооружённые силы"


def test_an_armed_body_named_with_a_participle_is_in_the_nominative():
    assert _entities("В Эфиопских вооружённых силах новость встретили спокойно.")[
        "Эфиопских вооружённых силах"] == "Эфиопские вооружённые силы"


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("В заявлении Внутренних войск МВД Молдовы говорится, что режим тишины соблюдается.",
     "Внутренних войск МВД Молдовы", "Внутренние войска МВД Молдовы"),
    ("Пограничные войска ФСБ России усилили охрану участка.",
     "Пограничные войска ФСБ России", "Пограничные войска ФСБ России"),
])
def test_troops_are_one_body_with_the_service_and_country_they_belong_to(text, surface, name):
    assert _entities(text).get(surface) == name


def test_troops_without_a_name_are_no_institution():
    assert not any("войска" in name for name in _entities("Российские войска отошли от Херсона.").values())


def test_a_body_the_gazetteer_knows_whole_takes_no_remit_after_it():
    """"по ситуации" belongs to the meeting, not to the Security Council's name."""
    entities = _entities("Доклад обсудили на заседании Совета Безопасности ООН по ситуации в Йемене.")
    assert entities.get("Совета Безопасности ООН") == "United Nations Security Council"
    assert not any("ситуации" in surface for surface in entities)


def test_a_body_the_gazetteer_does_not_know_keeps_its_remit():
    entities = _entities("Управление ООН по координации гуманитарных вопросов сообщило о паузе.")
    assert "Управление ООН по координации гуманитарных вопросов" in entities


@pytest.mark.parametrize(("text", "name"), [
    ("Миссия ОБСЕ в Молдове (МОМ) подтвердила, что всё спокойно.", "Миссия ОБСЕ в Молдове"),
    ("Миссия Африканского союза в Судане (МАСС) заявила, что перемирие соблюдается.",
     "Миссия Африканского союза в Судане"),
])
def test_a_mission_runs_to_the_country_before_an_abbreviation_in_brackets(text, name):
    """The NER reads the country and the bracket after it as one place ("Молдове (МОМ)"): the mission's
    name still ends on the country."""
    assert _entities(text).get(name) == name


def test_before_bracket_cuts_a_span_at_its_bracket():
    text = "Армении (EUMA) и Грузии"
    assert russian._before_bracket(text, 0, 14) == len("Армении")
    assert russian._before_bracket(text, 17, 23) == 23
