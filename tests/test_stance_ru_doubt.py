"""Russian stance (session 28): doubts and dismissals worded without a negation keyword (a side's good faith
doubted, an offer brushed aside, distrust), and claims of compliance and talks about an extension that read as
support. Sentences written for these tests."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(sentence: str) -> str:
    return multilingual.stance(sentence, language_lexicon("ru"), direct="«" in sentence)[0]


@pytest.mark.parametrize("sentence, expected", [
    # a side's good faith doubted: pretending, for it only in words, playing to the gallery, bargaining while it
    # fights, promising it yet again, a truce that serves the enemy
    ("«Они лишь делают вид, что стремятся к перемирию», — сказал губернатор.", "oppose"),
    ("«Противник притворяется, что соблюдает режим тишины», — сказал комбат.", "oppose"),
    ("«На словах соседи за перемирие, а ночью снова стреляют», — сказал староста.", "oppose"),
    ("«Объявление паузы — игра на публику», — сказал депутат.", "oppose"),
    ("«Они торгуются о перемирии и продолжают бомбить порт», — сказал мэр.", "oppose"),
    ("«Они в который раз обещают тишину на фронте», — сказала медсестра.", "oppose"),
    ("«Такая пауза — подарок боевикам», — сказал прокурор.", "oppose"),
    ("«Эта передышка нужна врагу, чтобы подвезти снаряды», — сказал полковник.", "oppose"),
    # a view kept, or a truce needed by the speaker's side, is no doubt
    ("«Перемирие нужно нашим детям», — сказала учительница.", "support"),
    ("«С нашей точки зрения, перемирие необходимо», — сказал министр.", "support"),
])
def test_good_faith_doubted_is_oppose(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a call or an offer laughed off, brushed aside, ignored, not taken seriously
    ("Министр высмеял идею перемирия.", "oppose"),
    ("Генерал отмёл предложение о прекращении огня.", "oppose"),
    ("В столице проигнорировали призыв посредников к перемирию.", "oppose"),
    ("«Здесь никто всерьёз не воспринимает это перемирие», — сказал фермер.", "oppose"),
    ("«Мы не воспринимаем их предложение о паузе всерьёз», — сказал министр.", "oppose"),
    # the truce ignored by a side is a violation told (neutral); an offer taken seriously is no dismissal
    ("«Противник игнорирует режим тишины и обстреливает сёла», — сказал губернатор.", "neutral"),
    ("«Мы серьёзно относимся к предложению о перемирии», — сказал министр.", "neutral"),
])
def test_offer_brushed_aside_is_oppose(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # nobody will keep it, not to be trusted, been there already
    ("«Это соглашение о перемирии никто не будет соблюдать», — сказал староста.", "oppose"),
    ("«Доверять им нельзя, даже если они подпишут перемирие», — сказал министр.", "oppose"),
    ("«Мы уже всё это проходили с прошлой паузой», — сказал ветеран.", "oppose"),
    # nobody keeping it now is a violation told (neutral)
    ("«Никто не соблюдает режим тишины», — сказал староста.", "neutral"),
])
def test_distrust_is_oppose(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # commitments being met, told in the present or the imperfective past: a claim of compliance (neutral)
    ("Штаб заявил, что армия полностью выполняет свои обязательства по перемирию.", "neutral"),
    ("«Мы выполняем все договорённости о режиме тишины», — сказал комбат.", "neutral"),
    # met in the future, a promise (support)
    ("«Мы выполним свои обязательства по перемирию», — сказал комбат.", "support"),
])
def test_commitments_being_met_are_a_claim(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # an extension as the topic of talks: a schedule told (neutral)
    ("Переговоры о продлении перемирия пройдут в Каире в понедельник.", "neutral"),
    ("Делегации обсудили возможное продление режима тишины.", "neutral"),
    ("«Вопрос о продлении паузы пока открыт», — сказал министр.", "neutral"),
    # a call, a readiness or a stand for it beside the talks is still support
    ("Президент призвал к переговорам о продлении перемирия.", "support"),
    ("«Мы готовы обсуждать продление перемирия», — сказал министр.", "support"),
    ("«Мы выступаем за продление перемирия», — сказал министр.", "support"),
])
def test_extension_as_the_topic_of_talks_is_a_schedule(sentence, expected):
    assert _stance(sentence) == expected
