"""Russian statements the truce's wording alone would miss (session 29): the fighting told in a paragraph that
names the truce. Every sentence is written for these tests."""
from __future__ import annotations

import pytest

from conftest import resolved_in
from pipeline.nlp import russian
from pipeline.nlp.russian import analyse_paragraphs


def _texts(*paragraphs: str) -> list[str]:
    analyses = analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])
    return [s.text for a in analyses for s in a.statements]


def _resolved(*paragraphs: str) -> list[str]:
    """The statements the article keeps once resolved (a "carry" candidate stays only after a statement)."""
    return [s.text for s in resolved_in("ru", russian, list(paragraphs)).statements]


@pytest.mark.parametrize("fight", [
    "Ночью у Верхних Ключей снова шли обстрелы.",
    "Вечером у моста под Ключами вспыхнула перестрелка.",
    "Артиллерийских обстрелов за последние сутки не зафиксировано.",
    "Ночью на окраине Ключей снова была слышна стрельба.",
])
def test_fighting_told_in_a_paragraph_on_the_truce_is_about_it(fight):
    texts = _texts("Режим прекращения огня в районе Ключей действует с понедельника. " + fight)
    assert any(t.startswith(fight[:20]) for t in texts)


def test_a_toll_or_a_calm_sentence_in_a_truce_paragraph_is_not_fighting():
    texts = _texts("Режим прекращения огня в районе Ключей действует с понедельника. "
                   "Рынок в Ключах снова открыт по субботам.")
    assert not any(t.startswith("Рынок") for t in texts)


TRUCE = "Командование Северной группы обвинило противника в нарушении режима тишины у Ключей."


def test_a_sources_toll_after_the_truce_is_no_claim():
    toll = "По данным больницы, за неделю в городе погибли двенадцать человек."
    assert toll not in _texts(TRUCE, toll)


def test_the_masculine_pronoun_carries_the_truce_from_the_sentence_before():
    # "он": the truce by a masculine name (режим, мораторий) or its speaker going on
    texts = _texts("Режим прекращения огня у Ключей вступил в силу в полночь. Он рассчитан на десять суток.")
    assert "Он рассчитан на десять суток." in texts


def test_the_masculine_pronoun_after_no_statement_carries_nothing():
    texts = _texts("Мост у Ключей построили в 1970 году. Он рассчитан на десять тонн.")
    assert texts == []


def test_the_same_speaker_going_on_in_the_next_paragraph_speaks_of_the_truce():
    going_on = "Он добавил, что первые колонны с продовольствием пройдут через мост в четверг."
    texts = _resolved("Министр обороны Валдории Павел Дронов заявил, что армия соблюдает перемирие у Ключей.", going_on)
    assert going_on in texts


def test_the_same_speaker_going_on_after_no_statement_says_nothing_on_the_truce():
    going_on = "Он добавил, что первые автобусы пройдут через мост в четверг."
    texts = _resolved("Министр транспорта Валдории Павел Дронов открыл новый мост у Ключей.", going_on)
    assert going_on not in texts


def test_a_reply_that_names_nothing_after_a_truce_statement_is_a_statement():
    reply = "В Ключах ответили, что именно горожане первыми протянули руку соседям."
    assert reply in _resolved(TRUCE, reply)


def test_a_reply_after_no_statement_is_none():
    reply = "В Ключах ответили, что именно горожане первыми отремонтировали мост."
    assert reply not in _resolved("Мэр Ключей Павел Дронов открыл новый мост через реку.", reply)
