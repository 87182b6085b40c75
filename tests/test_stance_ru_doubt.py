"""Russian stance (session 28): doubts and dismissals worded without a negation keyword (a side's good faith
doubted, the truce called worthless, an offer brushed aside, distrust) and claims of
compliance or the deal's mechanics that read as support. Sentences written for these tests."""
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
    # the truce or its promises worth nothing, empty words, a scrap of paper, no quiet of any kind
    ("«Их обещания насчёт перемирия ничего не стоят», — сказал фермер.", "oppose"),
    ("«Разговоры о прекращении огня — пустые слова», — сказал депутат.", "oppose"),
    ("«Соглашение о перемирии — очередная бумажка», — сказал старейшина.", "oppose"),
    ("«Мы знаем цену их перемириям», — сказал комбат.", "oppose"),
    ("«Грош цена такому мораторию», — сказал депутат.", "oppose"),
    ("«Никакого моратория на удары нет», — сказал мэр.", "oppose"),
    # a truce worth a great deal, or none without terms, is not dismissed
    ("«Перемирие стоит того, чтобы за него бороться», — сказал министр.", "neutral"),
])
def test_truce_called_worthless_is_oppose(sentence, expected):
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
    # the agreed lines or schedule named by the participle: mechanics (neutral), not a consent
    ("Колонны отошли на согласованные рубежи в рамках перемирия.", "neutral"),
    ("Обмен пленными пройдёт по согласованному графику перемирия.", "neutral"),
    # agreeing is consent (support)
    ("Повстанцы согласились на перемирие.", "support"),
])
def test_agreed_participle_is_mechanics(sentence, expected):
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


@pytest.mark.parametrize("sentence, expected", [
    # the truce or the offer judged absurd, unreal, false, naive or useless, fine words, of no use or meaning, and
    # no hopes or miracles expected of it
    ("Генерал назвал предложение о паузе несерьёзным.", "oppose"),
    ("«Идея моратория на удары абсурдна», — сказал депутат.", "oppose"),
    ("«Это перемирие — обман», — сказал губернатор.", "oppose"),
    ("«Режим тишины на бумаге — мёртвая буква», — сказал комбат.", "oppose"),
    ("«Толку от этой паузы никакого», — сказала продавщица.", "oppose"),
    ("«Мы не питаем надежд на это перемирие», — сказал министр.", "oppose"),
    ("«Я не жду от перемирия чудес», — сказал фермер.", "oppose"),
    ("Оппозиция назвала разговоры о моратории манипуляцией.", "oppose"),
    # a truce of great meaning, a hope for it and accusations of deceit rejected are not dismissals
    ("«Перемирие имеет огромное значение для города», — сказал мэр.", "neutral"),
    ("«Мы питаем надежду на перемирие», — сказал министр.", "support"),
    ("В штабе отвергли обвинения в обмане наблюдателей перемирия.", "neutral"),
])
def test_truce_judged_hollow_is_oppose(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a claim of violation called a lie, a fake, absurd or a manipulation: the accusation denied (neutral), not the
    # truce dismissed
    "«Это ложь, что наши части нарушили перемирие», — сказал генерал.",
    "«Сообщения об обстрелах во время паузы — обман», — сказал генерал.",
    "«Утверждения о срыве режима тишины абсурдны», — сказал генерал.",
    "«Обвинения в нарушении моратория — манипуляция», — сказал генерал.",
])
def test_violation_claim_called_false_is_a_denial(sentence):
    assert _stance(sentence) == "neutral"
