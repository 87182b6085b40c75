"""Russian stance (session 29): the parliament's name read as gladness, and forecasts of the truce's collapse.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(sentence: str) -> str:
    return multilingual.stance(sentence, language_lexicon("ru"), direct="«" in sentence)[0]


@pytest.mark.parametrize("sentence, expected", [
    # Ukraine's parliament named in the genitive or the nominative is no gladness: the announcement stays neutral
    ("Депутат Верховной рады Олег Сидоренко заявил, что перемирие вступит в силу в полночь.", "neutral"),
    ("Как сообщил депутат Верховной Рады, режим тишины начал действовать утром.", "neutral"),
    # the speaker glad of the truce still supports it
    ("«Мы рады, что перемирие наконец объявлено», — сказал мэр.", "support"),
    ("«Я рада этой паузе», — сказала врач.", "support"),
])
def test_rada_is_not_gladness(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce the subject of a verb of failing in the future, its short life forecast, no chance left to it
    ("«Это перемирие рухнет через пару недель», — считает профессор.", "oppose"),
    ("Эксперт уверен, что режим тишины будет сорван уже в первые дни.", "oppose"),
    ("«Пауза провалится, как только начнётся весна», — сказал журналист.", "oppose"),
    ("«Такая договорённость продержится недолго», — сказал аналитик.", "oppose"),
    ("Аналитик полагает, что перемирие продержится не больше месяца.", "oppose"),
    ("«У этого перемирия нет никаких шансов», — сказал ветеран.", "oppose"),
    # confidence that it will hold, an accusation of wrecking it and a schedule are not forecasts of failure
    ("«Перемирие не рухнет», — сказал командир.", "neutral"),
    ("Генерал заявил, что противник пытается сорвать перемирие.", "neutral"),
    ("Министр заявил, что перемирие продлится не больше трёх суток.", "neutral"),
])
def test_collapse_forecast_is_oppose(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce not to be given up, in the perfective future: a commitment to it
    ("«Мы не откажемся от перемирия, что бы ни случилось», — сказал губернатор.", "support"),
    ("«Наша страна не откажется от достигнутых договорённостей о прекращении огня», — сказал посол.", "support"),
    # not giving up one's strikes is no commitment to the truce
    ("«Мы не откажемся от ответных ударов», — сказал генерал.", "neutral"),
])
def test_truce_not_given_up_is_support(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # how long it will last said as a doubt
    ("«Это перемирие долго не продлится», — сказал старейшина.", "oppose"),
    ("«Пауза не продлится долго», — сказала журналистка.", "oppose"),
    # said to last long, it is no doubt
    ("«Перемирие продлится долго», — сказал старейшина.", "neutral"),
])
def test_not_lasting_long_is_oppose(sentence, expected):
    assert _stance(sentence) == expected
