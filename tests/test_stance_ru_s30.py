"""Russian stance (session 30): a party's act reported by someone else, acceptance in the first person present, and
demands put before the truce. Sentences written for these tests."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(sentence: str) -> str:
    return multilingual.stance(sentence, language_lexicon("ru"), direct="«" in sentence)[0]


@pytest.mark.parametrize("sentence, expected", [
    # the enemy's acceptance, declaration or refusal told by a side: a report of another's act
    ("Полковник Андрей Зуев сообщил, что противник согласился на трёхдневное перемирие.", "neutral"),
    ("Командир батальона заявил, что противник объявил о прекращении огня, но стрельба не стихает.", "neutral"),
    ("Министр обороны сообщил, что другая сторона отвергла предложение о режиме тишины.", "neutral"),
    # any party's, told by a mediator or a monitor
    ("Спецпосланник ООН Карл Нильсен сообщил, что повстанцы приняли план перемирия.", "neutral"),
    ("Как рассказал египетский посредник Омар Саид, движение одобрило проект соглашения о перемирии.", "neutral"),
    ("По данным наблюдателей, ополченцы отказались от перемирия.", "neutral"),
    # the speaker's own side's acceptance or refusal keeps its stance
    ("«Мы согласились на перемирие», — сказал министр.", "support"),
    ("«Мы отвергаем это перемирие», — сказал министр.", "oppose"),
    # the speaker taking a position beside the report is left to the cues
    ("Генерал сообщил, что противник согласился на перемирие, и мы готовы его соблюдать.", "support"),
])
def test_another_partys_act_reported_is_neutral(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("«Мы принимаем предложение о прекращении огня», — заявил глава делегации.", "support"),
    ("«Я принимаю этот план перемирия», — сказал президент.", "support"),
    # denied, it is a refusal
    ("«Мы не принимаем предложение о перемирии», — заявил глава делегации.", "oppose"),
])
def test_acceptance_in_the_first_person_present_is_support(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the demanded act put first, "only then" the truce
    ("«Сначала пусть вернут пленных, лишь тогда можно говорить о перемирии», — сказал министр.", "conditional"),
    ("«Прежде всего нужно разминировать дороги, и только после этого объявлять паузу», — сказал министр.",
     "conditional"),
    # an act demanded before the truce begins
    ("Премьер потребовал, чтобы до вступления в силу перемирия боевики покинули город.", "conditional"),
    # a schedule with no demand is no condition
    ("Перемирие вступит в силу в полночь, сообщил министр.", "neutral"),
])
def test_demand_put_before_the_truce_is_conditional(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # "при условии" right after a verb of keeping to the truce is still the condition, not the deal's terms kept
    ("«Режим тишины будет соблюдаться при условии взаимности», — сказал командующий.", "conditional"),
    ("«Мы будем соблюдать перемирие при условии, что обстрелы прекратятся», — сказал командующий.", "conditional"),
    # the deal's terms kept are still no condition
    ("«Мы соблюдаем все условия перемирия», — сказал командующий.", "neutral"),
])
def test_condition_after_a_verb_of_keeping_is_a_condition(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce denied a future: a refusal
    ("«Никакой паузы не будет», — отрезал атаман.", "oppose"),
    ("«Режима тишины в этом районе не будет», — сказал комбриг.", "oppose"),
    ("«Не будет никакого перемирия», — сказал комбриг.", "oppose"),
    # denied without an act demanded: a condition
    ("«Не будет перемирия без обмена пленными», — сказал комбриг.", "conditional"),
])
def test_truce_denied_a_future_is_a_refusal(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # forecast to be broken
    ("Политолог уверен, что перемирие вскоре будет нарушено.", "oppose"),
    ("«Эта договорённость будет нарушена в первую же ночь», — сказал ветеран.", "oppose"),
])
def test_forecast_of_a_breach_is_a_doubt(sentence, expected):
    assert _stance(sentence) == expected


def test_confidence_it_will_not_be_broken_is_no_doubt():
    assert _stance("«Перемирие не будет нарушено с нашей стороны», — сказал комбриг.") != "oppose"


@pytest.mark.parametrize("sentence, expected", [
    # restraint promised in the first person future
    ("«Мы не откроем огонь первыми, пока действует перемирие», — сказал комбриг.", "support"),
    ("«Наши артиллеристы не будут открывать огонь во время паузы», — сказал комбриг.", "support"),
])
def test_not_opening_fire_is_restraint_promised(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a support set against terms the truce owes, after a concessive: a condition
    ("«Мы поддерживаем идею перемирия, но оно должно предусматривать обмен пленными», — сказал комбриг.",
     "conditional"),
    ("«Мы за прекращение огня, однако соглашение обязано включать отвод артиллерии», — сказал комбриг.",
     "conditional"),
    # no concessive, no such terms: the support stands
    ("«Мы поддерживаем идею перемирия», — сказал комбриг.", "support"),
])
def test_support_with_owed_terms_is_conditional(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce called a deception or a sham, by name in either order or by equation
    ("Оппозиционный политик назвал режим тишины имитацией.", "oppose"),
    ("В Вашингтоне соглашение о прекращении огня назвали фальшивкой.", "oppose"),
    ("«Эта пауза — не более чем трюк», — сказал активист.", "oppose"),
    # an accusation called a lie stays its denial
    ("Посол назвал обвинения в нарушении перемирия ложью.", "neutral"),
])
def test_truce_called_a_sham_is_a_dismissal(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Сенатор раскритиковал решение о гуманитарной паузе.", "oppose"),
    ("Правозащитники осудили план о режиме тишины как запоздалый.", "oppose"),
])
def test_decision_on_the_truce_criticised_is_a_dismissal(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # its collapse forecast as a risk
    ("Военный эксперт предупредил, что режим тишины может быть сорван в любую минуту.", "oppose"),
    ("«Такая договорённость может рухнуть от одного выстрела», — сказал ветеран.", "oppose"),
    # it cannot be broken: no doubt
    ("«Это перемирие не может быть сорвано», — сказал комбриг.", "neutral"),
])
def test_collapse_forecast_as_a_risk_is_a_doubt(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # breaking it before, told of a side: an accusation of violation
    ("Представитель штаба добавил, что ополченцы уже дважды нарушали режим тишины.", "neutral"),
    ("«Противник уже нарушал перемирие на прошлой неделе», — сказал комбриг.", "neutral"),
    # declaring or promising it before is still a doubt
    ("«Они уже обещали перемирие в прошлом году», — сказал ветеран.", "oppose"),
])
def test_breaking_it_before_is_an_accusation(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("«Ни один житель города не поверит в такую паузу», — сказал священник.", "oppose"),
    ("«Я не поверю в режим тишины, пока не увижу его сам», — сказал фермер.", "oppose"),
])
def test_disbelief_in_the_perfective_future_is_a_doubt(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("«Мы не считаем продление паузы целесообразным», — сказал советник.", "oppose"),
    ("«Кабинет не считает режим тишины своевременным», — сказал советник.", "oppose"),
    # judged possible it is no refusal
    ("«Мы считаем перемирие возможным», — сказал советник.", "support"),
])
def test_truce_judged_not_possible_is_a_refusal(sentence, expected):
    assert _stance(sentence) != "oppose" if expected == "support" else _stance(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "«Мы не позволим навязать стране перемирие на чужих условиях», — сказал советник.",
    "«Нам пытаются навязать паузу, выгодную только агрессору», — сказал советник.",
])
def test_a_truce_imposed_is_a_refusal(sentence):
    assert _stance(sentence) == "oppose"


@pytest.mark.parametrize("sentence, expected", [
    ("«Такая пауза даст оккупантам время на перегруппировку», — сказал советник.", "oppose"),
    ("«Перемирие лишь даёт врагу шанс», — сказал советник.", "oppose"),
    # time given to civilians is no doubt
    ("«Пауза даст жителям время на эвакуацию», — сказал советник.", "support"),
])
def test_truce_giving_the_enemy_time_is_a_doubt(sentence, expected):
    assert (_stance(sentence) == expected) if expected == "oppose" else (_stance(sentence) != "oppose")


@pytest.mark.parametrize("sentence", [
    "«Без режима тишины нам уже не обойтись», — сказала волонтёр.",
    "«Чем быстрее объявят перемирие, тем лучше для всех», — сказала волонтёр.",
    "«Мы не имеем права упустить шанс на прекращение огня», — сказала волонтёр.",
])
def test_truce_needed_urgently_is_a_call_for_it(sentence):
    assert _stance(sentence) == "support"


@pytest.mark.parametrize("sentence, expected", [
    # no ground seen for the truce: a refusal, though it names conditions
    ("«Сейчас мы не видим никаких условий для режима тишины», — сказал советник.", "oppose"),
    ("«Предпосылок для паузы нет», — сказал советник.", "oppose"),
    # terms named for one: a condition
    ("«Мы пойдём на паузу на наших условиях», — сказал советник.", "conditional"),
])
def test_no_ground_for_the_truce_is_a_refusal(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("«Надежды на режим тишины почти не осталось», — сказал рыбак.", "oppose"),
    ("«Мы уже не надеемся на эту паузу», — сказал рыбак.", "oppose"),
    # hope is still a wish for it
    ("«Мы надеемся, что пауза продлится», — сказал рыбак.", "support"),
])
def test_little_hope_left_is_a_doubt(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Рыбак оценивает режим тишины пессимистически.", "oppose"),
    ("Фермеры встретили новость о перемирии без особого оптимизма.", "oppose"),
    # a truce without an act demanded is still a condition
    ("«Перемирие без отвода войск невозможно», — сказал рыбак.", "conditional"),
])
def test_pessimism_is_a_doubt(sentence, expected):
    assert _stance(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "«Эта пауза для нас ничего не меняет», — сказал рыбак.",
    "«Ничего хорошего от режима тишины мы не ждём», — сказал рыбак.",
])
def test_truce_changing_nothing_is_a_doubt(sentence):
    assert _stance(sentence) == "oppose"


def test_truce_on_paper_is_a_doubt():
    assert _stance("«Это прекращение огня существует на бумаге», — сказал рыбак.") == "oppose"


@pytest.mark.parametrize("sentence", [
    "«Режим тишины может не продержаться и до утра», — сказал рыбак.",
    "Эксперты предупреждают, что договорённости могут не сработать.",
])
def test_may_not_hold_is_a_doubt(sentence):
    assert _stance(sentence) == "oppose"


@pytest.mark.parametrize("sentence", [
    "«Я не жду, что пауза будет нарушена», — сказал комбриг.",
    "«Я не боюсь, что режим тишины может быть сорван», — сказал комбриг.",
])
def test_breach_forecast_under_a_denied_expectation_is_no_doubt(sentence):
    assert _stance(sentence) != "oppose"


@pytest.mark.parametrize("sentence", [
    "«Губернатор высказался за продление режима тишины», — сообщил его помощник.",
    "«Мы сделаем всё возможное, чтобы перемирие сохранилось», — сказал мэр.",
])
def test_speaking_out_for_it_or_doing_all_to_keep_it_is_support(sentence):
    assert _stance(sentence) == "support"
