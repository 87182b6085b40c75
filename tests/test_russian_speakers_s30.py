"""Russian speakers (session 30): a lone surname opening a sentence, which the NER misses, is the person the article
named in full. Sentences written for these tests."""
from __future__ import annotations

from test_multilingual_speakers import resolved_speakers


def _resolved(paragraphs: list[str]) -> dict[str, str | None]:
    return dict(resolved_speakers("ru", paragraphs))


_OPENING = "Армия и повстанцы договорились о перемирии после недели боёв у города."


def test_a_lone_surname_opening_a_sentence_is_the_person_named_in_full_before():
    later = "Зеленский отметил, что режим тишины должен соблюдаться обеими сторонами."
    found = _resolved([_OPENING, "Президент Украины Владимир Зеленский заявил, что Киев готов к перемирию.", later])
    assert found[later] == "Владимир Зеленский"


def test_the_full_name_in_the_genitive_also_names_the_lone_surname():
    later = "Зеленский отметил, что режим тишины должен соблюдаться обеими сторонами."
    found = _resolved([_OPENING, "По словам президента Украины Владимира Зеленского, Киев готов к перемирию.", later])
    assert found[later] == "Владимир Зеленский"


def test_a_name_after_journalists_in_the_dative_is_the_subject():
    said = "Режим тишины в районе соблюдается, сообщила журналистам Ольга Мельник."
    assert _resolved([_OPENING, said])[said] == "Ольга Мельник"


def test_an_agency_after_its_dative_is_still_who_was_told():
    said = "Генерал Павел Орлов заявил агентству ТАСС, что режим тишины соблюдается."
    assert _resolved([_OPENING, said])[said] == "Павел Орлов"


def test_the_person_an_outlet_quotes_is_the_speaker():
    quoted = "«Мы готовы продлить режим тишины», — цитирует агентство РБК губернатора Игоря Соколова."
    words = "«Пауза будет соблюдаться», — приводит «Коммерсантъ» слова командующего Олега Белова."
    found = _resolved([_OPENING, quoted, words])
    assert found[quoted] == "Игорь Соколов"
    assert found[words] == "Олег Белов"


def test_leading_to_something_is_no_speech():
    said = "Обстрелы Донецка приводят к срыву перемирия."
    assert _resolved([_OPENING, said]).get(said) is None
