"""Russian stance by the sentence's structure (session 27): the truce declared not needed or not talked of, conditions
worded without "если", a mediator's plans, a truce declared before and broken told as an accusation, scare quotes
and "так называемое". Sentences written for these tests."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(sentence: str) -> str:
    return multilingual.stance(sentence, language_lexicon("ru"), direct="«" in sentence)[0]


@pytest.mark.parametrize("sentence, expected", [
    # the truce not needed, in either order, and no talk of any: a refusal
    ("«Эта пауза нам не нужна», — сказал полевой командир.", "oppose"),
    ("«Не нужно нам никакое перемирие», — сказал атаман.", "oppose"),
    ("«Ни о каком прекращении огня разговора нет», — заявил генерал.", "oppose"),
    # an act against it that is not needed is no refusal of it; the truce needed is support
    ("«Не нужно нарушать перемирие», — призвал губернатор.", "neutral"),
    ("«Перемирие нам нужно», — сказала учительница.", "support"),
])
def test_truce_not_needed_is_a_refusal(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # "only then, when", impossible without, terms to be met, an act demanded beside the speaker's own: conditions
    ("«Мы подпишем перемирие лишь тогда, когда нам вернут всех пленных», — сказал министр.", "conditional"),
    ("«Режим тишины невозможен без отвода тяжёлой артиллерии», — сказал министр.", "conditional"),
    ("«При выполнении наших требований мы готовы объявить паузу», — сказал министр.", "conditional"),
    ("«Мы прекратим огонь, когда противник выведет войска из долины», — сказал министр.", "conditional"),
    ("«После того, как освободят заложников, мы объявим перемирие», — сказал министр.", "conditional"),
    # a schedule with no side's own act is terms; "when" told in the past is a backdrop
    ("Перемирие вступит в силу, когда стороны отведут войска от линии соприкосновения.", "neutral"),
    ("«Мы соблюдаем перемирие с тех пор, когда противник отвёл войска», — сказал министр.", "neutral"),
])
def test_conditions_without_if(sentence, expected):
    assert _stance(sentence) == expected


def test_attacks_counted_since_the_truce_began_are_an_accusation():
    # (without the accusation, "готовность к миру" reads as support)
    assert _stance("«С начала перемирия они 12 раз обстреляли наши позиции — вот и вся их готовность к миру», — "
                   "сказал командир.") == "neutral"


@pytest.mark.parametrize("sentence, expected", [
    # the truce named with a sneer or in scare quotes (its common word alone, in lower case): a doubt
    ("«Это так называемое прекращение огня не продержалось и дня», — сказал староста.", "oppose"),
    ("«Их «перемирие» существует только в телевизоре», — сказала жительница.", "oppose"),
    ("«Хвалёная пауза закончилась в полночь», — сказал депутат.", "oppose"),
    # a title in quotation marks is a name; a sneer in an accusation of breaking it stays an accusation
    ("План «Тишина» обсудят в пятницу, сообщил посредник.", "neutral"),
    ("«С начала так называемого перемирия они пять раз обстреляли село», — сказал староста.", "neutral"),
])
def test_sneer_and_scare_quotes_are_doubt(sentence, expected):
    assert _stance(sentence) == expected


def test_an_order_quoted_word_for_word_is_support():
    assert _stance("Командующий приказал «остановить огонь по всей линии соприкосновения».") == "support"


@pytest.mark.parametrize("sentence, expected", [
    # the truce a gift to a named side, and hopes so low that a few days would do: doubt
    ("«Эта пауза — настоящий подарок Дамаску», — считает аналитик.", "oppose"),
    ("«Продержится хотя бы три дня — и то хорошо», — вздыхает фермер.", "oppose"),
    # a gift to people, not to a side, is no dismissal
    ("«Перемирие — подарок детям к празднику», — сказала волонтёр.", "neutral"),
])
def test_truce_judged_a_gift_to_a_side_or_hopeless_is_doubt(sentence, expected):
    assert _stance(sentence) == expected


def test_the_best_chance_is_the_truce_judged_good():
    assert _stance("«Прекращение огня — лучший способ вернуть беженцев домой», — сказал губернатор.") == "support"


@pytest.mark.parametrize("sentence, expected", [
    # the truce forecast to achieve nothing, judged impossible or untimely: doubt
    ("«Эта пауза ничего не изменит на фронте», — сказал ветеран.", "oppose"),
    ("«Соглашение о прекращении огня не принесёт мира», — сказал ветеран.", "oppose"),
    ("«Перемирие сейчас невозможно», — сказал ветеран.", "oppose"),
    ("«Сейчас не время говорить о перемирии», — сказал ветеран.", "oppose"),
    # impossible without an act demanded, worthless without one: a condition
    ("«Перемирие невозможно без вывода войск», — сказал ветеран.", "conditional"),
    ("«Без обмена пленными такая пауза ничего не стоит», — сказал ветеран.", "conditional"),
    # not the time for something else is no doubt of the truce
    ("«Сейчас не время для споров о бюджете», — сказал депутат.", "neutral"),
])
def test_truce_forecast_to_fail_or_untimely(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce equated with a stunt or a surrender, to end as the earlier ones, only to put off the war: doubt
    ("«Эта пауза — обычная показуха для иностранных гостей», — сказал фермер.", "oppose"),
    ("«Согласиться на такое перемирие значит предать наших солдат», — сказал депутат.", "oppose"),
    ("«Новый мораторий кончится так же, как и прошлый», — сказал депутат.", "oppose"),
    ("«Такое соглашение лишь отсрочит новую войну», — сказал депутат.", "oppose"),
])
def test_truce_called_a_stunt_or_doomed_is_doubt(sentence, expected):
    assert _stance(sentence) == expected



@pytest.mark.parametrize("sentence, expected", [
    # no alternative to it, lives it saved, a chance for peace, doing all to keep it: the truce praised
    ("«Режиму тишины альтернативы нет», — сказал губернатор.", "support"),
    ("Губернатор уверен, что перемирие уже спасло сотни жизней.", "support"),
    ("«Эта пауза — реальный шанс на мир», — сказал губернатор.", "support"),
    ("«Мы сделаем всё возможное, чтобы соглашение о прекращении огня сохранилось», — сказал губернатор.", "support"),
])
def test_truce_praised_as_without_alternative_or_saving_lives(sentence, expected):
    assert _stance(sentence) == expected


def test_wondering_why_is_a_rhetorical_question():
    # (its "если" is the question's, not a condition the speaker sets)
    assert _stance("Староста задаётся вопросом, к чему такая пауза, если обстрелы всё равно идут.") == "oppose"


@pytest.mark.parametrize("sentence, expected", [
    # the speaker's act in the case of an act demanded, and the demanded act put first: conditions
    ("«Мы согласимся на паузу в случае обмена всех пленных», — сказал министр.", "conditional"),
    ("«В первую очередь пусть отведут технику, а уже потом поговорим о перемирии», — сказал министр.", "conditional"),
    # a case told of no one's own act is no condition the speaker sets
    ("В случае обмена пленными конвои пойдут через северный коридор, сообщили в ООН.", "neutral"),
])
def test_in_the_case_of_and_first_then(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("В штабе ополчения подтвердили договорённость о паузе.", "support"),
    ("Министр подтвердил, что переговоры о перемирии продолжаются.", "neutral"),
])
def test_a_side_confirming_the_deal_is_support(sentence, expected):
    assert _stance(sentence) == expected


def test_a_modest_wish_for_quiet_is_support():
    assert _stance("«Нам хватило бы и одной недели тишины, чтобы вывезти детей», — сказала волонтёр.") == "support"


def test_the_other_side_to_follow_our_example_is_support():
    assert _stance("«Исходим из того, что противник последует нашему примеру», — сказал министр.") == "support"


@pytest.mark.parametrize("sentence, expected", [
    # the speaker's own negated future of breaking it, or the breach as a noun not allowed: a promise to keep it
    ("«Наши части никогда не нарушат режим тишины», — сказал полковник.", "support"),
    ("«Мы не допустим срыва договорённости о паузе», — сказал полковник.", "support"),
    # a breach told is still an accusation
    ("«Противник нарушил режим тишины трижды», — сказал полковник.", "neutral"),
])
def test_not_breaking_it_is_a_promise(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce not suiting the speaker, or said to make no sense: a refusal
    ("«Нас такие условия перемирия не устраивают», — сказал атаман.", "oppose"),
    ("«Продлевать мораторий не имеет никакого смысла», — сказал атаман.", "oppose"),
    # no sense in breaking it defends it
    ("«Нарушать перемирие сейчас не имеет смысла», — сказал атаман.", "neutral"),
])
def test_truce_not_suiting_or_senseless_is_refusal(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a truce between two others, others' consent, or the mediators announcing: a mediator's announcement
    ("МИД Египта объявил о прекращении огня между армией и повстанцами.", "neutral"),
    ("Президент объявил, что обе армии согласились на перемирие.", "neutral"),
    ("Турция, выступающая посредником, объявила о продлении паузы.", "neutral"),
    # a side declaring its own truce is support
    ("Армия объявила о двухдневном перемирии на севере страны.", "support"),
])
def test_a_mediators_announcement_is_neutral(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce declared in the first person or by the speaker's own forces
    ("«Объявляем перемирие на время эвакуации», — сказал комбриг.", "support"),
    ("«Наша артиллерия прекращает огонь с шести утра», — сказал комбриг.", "support"),
])
def test_own_truce_in_the_first_person_is_support(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the deal's terms as what is kept or met: a promise or a claim, no condition
    ("«Мы обязуемся соблюдать все условия соглашения о перемирии», — сказал министр.", "support"),
    ("«Наши части соблюдают все условия режима тишины», — сказал министр.", "neutral"),
    # terms to be met first are still a condition
    ("«Мы продлим паузу при выполнении всех условий», — сказал министр.", "conditional"),
])
def test_terms_kept_are_no_condition(sentence, expected):
    assert _stance(sentence) == expected


def test_only_the_named_cue_group_is_masked():
    import re

    from pipeline.nlp.multilingual import _masked
    m = re.search(r"соблюдать (?P<cue>условия)", "мы будем соблюдать условия")
    assert _masked(m) == "соблюдать " + "_" * len("условия")
    assert _masked(re.search(r"даже если", "даже если")) == "_" * len("даже если")


def test_a_promise_to_keep_it_in_being_is_support():
    assert _stance("«Мы сохраним это перемирие любой ценой», — сказал президент.") == "support"
