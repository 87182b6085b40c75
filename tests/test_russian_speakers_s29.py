"""Russian speakers (session 29): an unnamed source with a count word is named without it, in the nominative
plural, as the house conventions name unnamed groups. Sentences written for these tests."""
from __future__ import annotations

from pipeline.nlp.multilingual import analyse_in
from test_multilingual_speakers import resolved_speakers


def _resolved(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    return resolved_speakers("ru", paragraphs)


_OPENING = "Армия и повстанцы договорились о перемирии после недели боёв у города."


def test_a_counted_unnamed_source_is_named_without_its_count_in_the_nominative_plural():
    found = dict(_resolved([_OPENING, "Два западных дипломата сообщили, что посредники представили новый план перемирия."]))
    assert found["Два западных дипломата сообщили, что посредники представили новый план перемирия."] \
        == "западные дипломаты"


def test_a_counted_source_in_the_genitive_after_po_slovam_is_in_the_nominative_plural():
    found = dict(_resolved([_OPENING, "По словам трёх израильских чиновников, перемирие продлят ещё на неделю."]))
    assert found["По словам трёх израильских чиновников, перемирие продлят ещё на неделю."] == "израильские чиновники"


def test_an_uncounted_unnamed_source_keeps_its_words():
    found = dict(_resolved([_OPENING, "Высокопоставленный египетский чиновник заявил, что перемирие продлят."]))
    assert found["Высокопоставленный египетский чиновник заявил, что перемирие продлят."] \
        == "Высокопоставленный египетский чиновник"


def test_an_unnamed_group_keeps_where_it_comes_from():
    found = dict(_resolved([_OPENING, "Перемирие продлят ещё на неделю, сообщили посредники из Саудовской Аравии."]))
    assert found["Перемирие продлят ещё на неделю, сообщили посредники из Саудовской Аравии."] \
        == "посредники из Саудовской Аравии"


def test_a_medium_after_a_role_is_not_part_of_it():
    spans = analyse_in("ru", [("p", "Перемирие продлят, сообщил губернатор в своём телеграм-канале.")])[0].statements
    assert [s.speaker_text.split("|")[0] for s in spans] == ["the губернатор"]


def test_an_unnamed_source_in_the_genitive_is_named_in_the_nominative():
    found = dict(_resolved([_OPENING, "По данным западных дипломатов, перемирие продлят ещё на неделю."]))
    assert found["По данным западных дипломатов, перемирие продлят ещё на неделю."] == "западные дипломаты"


def test_residents_are_an_unnamed_group_named_as_written():
    found = dict(_resolved([_OPENING, "Местные жители рассказали, что перемирие не соблюдается."]))
    assert found["Местные жители рассказали, что перемирие не соблюдается."].casefold() == "местные жители"
