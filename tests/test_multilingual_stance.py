"""French and Russian stance by the guidelines' classes: doubt that the truce will last, one's own commitment,
the truce evaluated, a threat to answer, and the deal's terms or others' acceptance reported (neutral)."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(language: str, sentence: str) -> tuple[str, str]:
    value, _, rule = multilingual.stance(sentence, language_lexicon(language), direct="«" in sentence)
    return value, rule


@pytest.mark.parametrize("language, sentence, expected", [
    # doubt that it will last: until the first incident, the fate of the earlier ones, a miracle, what a word is
    # worth, a paper that never stopped a shell
    ("fr", "« Cette pause durera jusqu'au premier accrochage », estime un officier.", "oppose"),
    ("fr", "L'analyste juge que l'accord connaîtra le sort des précédents.", "oppose"),
    ("fr", "« Si la trêve passe l'hiver, ce sera un miracle. »", "oppose"),
    ("fr", "« Voilà ce que vaut leur signature », a réagi le député.", "oppose"),
    ("fr", "« Un accord signé à Genève n'a jamais empêché un obus de tomber. »", "oppose"),
    ("ru", "«Такое перемирие продержится до первой провокации», — считает политолог.", "oppose"),
    ("ru", "— Мы помним прошлые договорённости и знаем, чем они закончились.", "oppose"),
    ("ru", "Эксперт считает, что перемирие выгодно прежде всего противнику.", "oppose"),
    ("ru", "«Оно держится лишь потому, что обеим армиям невыгодно атаковать.", "oppose"),
    # not believing in it ("y" for the truce, "guère" for "hardly"); wanting to believe in it is support
    ("fr", "Le maire de Korvane, qui a vu trois trêves tomber, n'y croit guère.", "oppose"),
    ("fr", "Dans les camps de déplacés, on n'y croit plus.", "oppose"),
    ("fr", "À Korvane, les commerçants veulent y croire.", "support"),
    # a party that will carry on with its own operations turns it down; that it carried on is a reported fact
    ("fr", "Le chef d'état-major a assuré que l'armée poursuivra ses opérations dans le Nord.", "oppose"),
    ("fr", "Les milices ont poursuivi leurs opérations dans la nuit malgré la trêve.", "neutral"),
    # a threat to answer with a quotation mark before "à": the guidelines' "should they open fire"
    ("fr", "Le mouvement affirme qu'il répondra « à toute provocation » pendant la trêve.", "conditional"),
    # without a verification mechanism the truce is worth nothing: a condition
    ("ru", "«Продлевать мораторий без механизма контроля — значит помогать противнику», — сказал депутат.",
     "conditional"),
    # doubt in the forms the cues missed: doubtful, doubt voiced in the perfective, hard to believe, few believe,
    # not thinking or not sure it will hold; certainty ("не сомневаемся") is no doubt
    ("ru", "«Сомнительно, чтобы эта пауза пережила выходные», — сказал полковник в отставке.", "oppose"),
    ("ru", "Депутат усомнился в том, что стороны удержат линию тишины.", "oppose"),
    ("ru", "«Сложно поверить, что обстрелы действительно закончились», — говорит учительница.", "oppose"),
    ("ru", "«Мало кто здесь верит, что мораторий доживёт до весны», — признаёт староста.", "oppose"),
    ("ru", "«Не думаю, что эта пауза что-то изменит на фронте», — сказал аналитик.", "oppose"),
    ("ru", "«Мы не уверены, что противник удержит своих бойцов от стрельбы», — сказал командир.", "oppose"),
    ("ru", "«Мы не сомневаемся, что перемирие будет соблюдаться», — сказал командир.", "support"),
    # a gloomy forecast: few chances, doomed, nothing expected of it, a few days at most
    ("ru", "«У этой паузы немного шансов дожить до лета», — считает эксперт.", "oppose"),
    ("ru", "Аналитик уверен, что режим тишины обречён на провал.", "oppose"),
    ("ru", "«Мы не ждём от этого моратория ничего хорошего», — сказал фермер.", "oppose"),
    ("ru", "«Тишина продлится от силы неделю», — сказал ветеран.", "oppose"),
])
def test_doubt_refusal_and_threats(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # one's own promise or part, the truce praised as a step, its value, extending it
    ("fr", "Le gouverneur a promis que la police quitterait les quartiers dès lundi, conformément à la trêve.",
     "support"),
    ("fr", "« Notre pays prendra toute sa part dans le contrôle du cessez-le-feu. »", "support"),
    ("fr", "« Cette trêve est une étape décisive », a souligné la ministre.", "support"),
    ("ru", "Губернатор заверил, что область выполнит свою часть договорённостей.", "support"),
    ("ru", "«Каждый день без обстрелов — это спасённые жизни», — сказала врач.", "support"),
    ("ru", "«Я бы продлил перемирие ещё на месяц», — сказал фермер.", "support"),
    # approval, satisfaction, gladness, thanks, importance stressed; approval denied is a refusal; "благодаря" is
    # a preposition
    ("ru", "Совет старейшин одобрил трёхдневную паузу в боях.", "support"),
    ("ru", "В столице с удовлетворением восприняли известие о режиме тишины.", "support"),
    ("ru", "Посол высоко оценил усилия посредников, добившихся паузы.", "support"),
    ("ru", "«Люди рады, что по ночам стало тихо», — сказала медсестра.", "support"),
    ("ru", "Глава округа поблагодарил посредников за двухнедельное перемирие.", "support"),
    ("ru", "Премьер напомнил о важности прекращения огня для уборки урожая.", "support"),
    ("ru", "«Мы не одобряем эту паузу», — заявил депутат.", "oppose"),
    ("ru", "Благодаря перемирию в город вошли грузовики с мукой.", "neutral"),
    # a call or a demand addressed to the other side: seeking the halt, the other side bound to stop, the order in
    # the imperative; a demand to stop first is a condition, a success reported in the past no call
    ("ru", "«Будем и дальше добиваться полной остановки боёв», — сказал посланник.", "support"),
    ("ru", "Партия давно ратует за бессрочное перемирие.", "support"),
    ("ru", "«Ополченцы должны немедленно прекратить обстрелы сёл», — сказал губернатор.", "support"),
    ("ru", "«Прекратите стрельбу по жилым кварталам!» — обратился к командирам мэр.", "support"),
    ("ru", "«Ополченцы должны сначала прекратить обстрелы сёл», — сказал губернатор.", "conditional"),
    ("ru", "Посредники добились трёхдневной паузы в боях.", "neutral"),
    # "продлилось" tells how long it lasted: a fact, not an extension
    ("ru", "Прошлое перемирие продлилось всего двое суток.", "neutral"),
    # "positions" is no "positive" evaluation
    ("fr", "Les deux camps ont communiqué aux observateurs la carte de leurs positions.", "neutral"),
])
def test_commitment_and_evaluation(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the deal's terms and what others already accepted, reported: neutral
    ("fr", "Selon elle, le Hamas a déjà accepté le plan.", "neutral"),
    ("fr", "Le médiateur a indiqué que les deux camps ont accepté une trêve de cinq jours.", "neutral"),
    ("fr", "L'accord prévoit le retrait des blindés à dix kilomètres de la ligne.", "neutral"),
    ("ru", "Согласно соглашению, стороны выведут артиллерию за три дня.", "neutral"),
    ("ru", "В Анкаре подтвердили, что стороны согласовали обмен пленными.", "neutral"),
    ("ru", "Посредник сообщил, что стороны согласились на паузу в 72 часа.", "neutral"),
    ("ru", "По данным миссии, стороны достигли договорённости об отводе техники.", "neutral"),
    # the speaker's own acceptance stays support: a commitment, not a reported fact
    ("fr", "« Nous avons accepté la trêve et nous la respecterons », a déclaré le commandant.", "support"),
    ("ru", "«Согласно договорённости, мы прекратим огонь в полночь», — заявил командир.", "support"),
    # the noun "proposition" is no support (as "предложение" is not); proposing is, and so is an offer judged worth
    # an answer
    ("fr", "Le porte-parole a indiqué que la proposition avait été remise aux deux délégations.", "neutral"),
    ("fr", "Le Front a proposé une pause de deux jours autour du barrage.", "support"),
    ("fr", "Pour le prélat, l'offre de trêve mérite d'être prise au sérieux.", "support"),
])
def test_reported_terms_and_acceptance(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


def test_terms_rule_is_named():
    """The neutral reading of reported terms is its own rule, so a reviewer can count it in the bench."""
    assert _stance("ru", "Документ предусматривает отвод техники на 15 километров.") == ("neutral", "fr_ru:terms")


@pytest.mark.parametrize("language, sentence, expected", [
    # refusing to talk, asking how anyone could trust them: rejections and doubts
    ("fr", "« Le gouvernement ne discute pas avec des terroristes », a tranché le ministre.", "oppose"),
    ("ru", "Как можно доверять тем, кто уже дважды нарушил режим тишины?", "oppose"),
    # what the truce must do or be (an obligation put on it) is a call for it
    ("fr", "« La trêve doit être appliquée par toutes les factions », a insisté l’émissaire.", "support"),
    ("ru", "Посол добавил, что перемирие должно действовать до конца переговоров.", "support"),
    # counting on a mission is no position on the truce; counting on its extension is a wish for it
    ("ru", "— Мы рассчитываем на наблюдателей ООН и на помощь соседей.", "neutral"),
    ("ru", "— Мы рассчитываем на продление перемирия до весны.", "support"),
    # something other than the truce said to be needed is a condition; the truce itself needed is a call for it
    ("fr", "« Il faudra des observateurs neutres sur toute la ligne de front », a prévenu la ministre.", "conditional"),
    ("fr", "Il faudrait un mécanisme de vérification indépendant.", "conditional"),
    ("fr", "« Il faut un cessez-le-feu immédiat », a lancé le député.", "support"),
    # a truce without X that "would only freeze" the conflict stays a doubt (oppose before the condition)
    ("fr", "« Une pause sans accord politique ne ferait que reporter la guerre », a-t-il dit.", "oppose"),
])
def test_refusals_obligations_and_reliance(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # participles agree with what was broken: an accusation of violation, a fact (neutral)
    ("fr", "Une trêve conclue par les chefs de village avait été rompue au bout de huit jours.", "neutral"),
    ("fr", "Selon l'ONG, les lignes de démarcation ont été violées à trois reprises.", "neutral"),
    # the conjunctions of a condition elided before a vowel
    ("fr", "Le colonel a averti que ses hommes ne rendraient pas les armes tant qu'un seul blindé resterait.",
     "conditional"),
    ("fr", "« Le mouvement tiendra la trêve pourvu qu'on lui rende ses prisonniers », a dit X.", "conditional"),
    ("fr", "Le parti réclame en retour l'amnistie de ses militants.", "conditional"),
    # refusing anything that does not grant X states the condition (a double negation)
    ("fr", "« Nous n'accepterons aucun texte qui ne prévoie pas le départ des mercenaires », a dit le chef.",
     "conditional"),
    ("ru", "«Мы не подпишем соглашение, которое не гарантирует возвращения беженцев», — заявил лидер.",
     "conditional"),
    ("ru", "Эвакуация начнётся, только когда обе армии отведут артиллерию.", "conditional"),
    # keeping on observing it is a claim of compliance (neutral), not a promise
    ("fr", "L'état-major assure que ses unités continuent de respecter le cessez-le-feu.", "neutral"),
    # a claim of compliance in the first person is a claim too; the promise stays support
    ("fr", "« Nous avons scrupuleusement respecté la trêve », a assuré le porte-parole.", "neutral"),
    ("fr", "« J'ai toujours respecté le cessez-le-feu », a dit le chef de la milice.", "neutral"),
    ("fr", "« Nous respecterons la trêve », a assuré le porte-parole.", "support"),
    ("ru", "В штабе заявили, что бригада продолжает соблюдать режим тишины.", "neutral"),
    # word order is free: rejecting the accusations before or after the verb is a denial (neutral)
    ("ru", "В Генштабе эти обвинения категорически отвергли.", "neutral"),
    # declaring a truce in the prepositional, a promise, being open to or committed to it: support
    ("ru", "В Хартуме объявили о трёхдневном перемирии на юге страны.", "support"),
    ("ru", "Министр пообещал, что войска не будут обстреливать город до конца месяца.", "support"),
    ("ru", "«Мы открыты к обсуждению прекращения огня», — сказал посол.", "support"),
    ("ru", "«Наша страна привержена режиму тишины», — подчеркнул министр.", "support"),
    ("ru", "— Мы за то, чтобы пауза длилась как можно дольше.", "support"),
    # they promised it before too: a doubt, not a promise
    ("ru", "«Нам тоже обещали перемирие прошлой весной», — говорит жительница.", "oppose"),
])
def test_agreement_elision_double_negation_and_commitment(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the truce (the offer, the idea) called by a quoted name: a dismissal ...
    ("ru", "Вице-премьер назвал предложение Минска «запоздалой импровизацией».", "oppose"),
    ("fr", "Le député a jugé qu'il s'agissait d'« un simple effet d'annonce ».", "oppose"),
    ("fr", "L'opposition a qualifié l'arrangement de « paravent » pour les milices.", "oppose"),
    # ... unless the name praises it (a support cue, checked first)
    ("ru", "Посол назвал соглашение «первым шагом к миру».", "support"),
    # none of the earlier ones held; an offer met with mistrust
    ("ru", "«Было три таких паузы, и ни одна так и не продержалась до утра», — сказал врач.", "oppose"),
    ("fr", "« Aucune des trêves précédentes n'a tenu plus d'une semaine », rappelle le maire.", "oppose"),
    ("fr", "L'opposition a reçu l'annonce avec méfiance.", "oppose"),
    ("ru", "В Кишинёве инициативу встретили холодно.", "oppose"),
])
def test_quoted_names_and_past_failures(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


def test_quoted_name_rule_is_named():
    # a name no cue word judges: the quoted name alone makes it a dismissal ("декорация" is now a cue of its own)
    assert _stance("ru", "Генерал назвал паузу «манёвром штабистов».") == ("oppose", "fr_ru:label")


@pytest.mark.parametrize("language, sentence", [
    # the other side's accusations called by a name: a denial, a claim of compliance (neutral), not a dismissal
    ("ru", "В штабе бригады эти обвинения назвали «грубой фальшивкой».", ),
    ("fr", "Le porte-parole a qualifié ces accusations de « fantaisistes ».", ),
])
def test_accusations_called_by_a_name_are_denied(language, sentence):
    assert _stance(language, sentence)[0] == "neutral"


@pytest.mark.parametrize("language, sentence, expected", [
    # a party's own restraint announced in the future: support
    ("fr", "« Aucune frappe aérienne ne sera menée tant que durent les pourparlers. »", "conditional"),
    ("fr", "« Aucune attaque ne sera lancée contre les villages », a promis le chef rebelle.", "support"),
    ("fr", "« Nos unités resteront sur leurs positions jusqu'à lundi », a indiqué le colonel.", "support"),
    ("ru", "«Мы не будем наступать на этом участке», — сказал командир.", "support"),
    ("ru", "«Подразделения останутся на занимаемых позициях», — заявили в штабе.", "support"),
    # what every day without fire is worth: support in both languages
    ("fr", "« Chaque jour sans bombardement sauve des vies », a dit l'infirmière.", "support"),
    # a demand set against the truce by a concessive: its condition
    ("fr", "Le gouvernement réclame toutefois que les miliciens rendent les armes lourdes.", "conditional"),
    ("fr", "Le parti salue la trêve mais exige le départ des mercenaires.", "conditional"),
    ("ru", "Оппозиция поддержала перемирие, однако требует отвода тяжёлой техники.", "conditional"),
    # indirect rhetorical questions: what good is it, who needs it
    ("fr", "« À quoi bon une trêve si les check-points restent ? », a lancé le maire.", "oppose"),
    ("ru", "— Скажите, кому нужна такая пауза, — говорит водитель.", "oppose"),
    # monitoring of compliance is mechanics, not a promise; the sides in the genitive agreed: terms (neutral)
    ("ru", "Посол отметил, что наблюдение за соблюдением режима возьмут на себя военные атташе.", "neutral"),
    ("ru", "Наблюдатели сообщили, что представители сторон согласовали график отвода техники.", "neutral"),
])
def test_restraint_demands_indirect_questions_and_mechanics(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("sentence", [
    # a refusal in any person and tense of the verb, not only the infinitive's stem
    "Le porte-parole a rappelé que le gouvernement « ne négocie pas avec des putschistes ».",
    "« Nous ne signons jamais un texte sous les bombes », a dit le chef de la délégation.",
])
def test_french_refusal_in_every_person(sentence):
    assert _stance("fr", sentence)[0] == "oppose"


@pytest.mark.parametrize("language, sentence, expected", [
    # a support noun inside a body's name names the body; it takes no position on the truce
    ("fr", "La trêve a été signée à Niamey sous l'égide du Comité de soutien aux déplacés.", "neutral"),
    ("ru", "Как сообщает Миссия ООН по поддержке в Ираке, перемирие вступило в силу.", "neutral"),
    # the same noun as the speaker's act stays support
    ("fr", "Le Niger a réaffirmé son soutien à la trêve.", "support"),
    ("ru", "Минск заявил о поддержке перемирия.", "support"),
])
def test_support_noun_inside_a_name(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # a clause of condition without "si"/"если": whenever, wherever, in case of a violation
    ("fr", "Le général a prévenu que ses unités tireraient « chaque fois que les rebelles tenteront de se réarmer ».",
     "conditional"),
    ("fr", "L'état-major frappera partout où les milices avanceront pendant la pause.", "conditional"),
    ("ru", "«В случае нарушения режима тишины мы оставляем за собой право на ответные действия», — сказал он.",
     "conditional"),
    ("ru", "Штаб заявил, что армия готова отразить любые провокации в период перемирия.", "conditional"),
    # a truce refused only as restricted by a relative clause: the restriction is its condition
    ("fr", "Le ministre a dit que Kinshasa ne signera aucun accord qui récompenserait l'occupation.", "conditional"),
    ("ru", "«Пауза, которая позволит боевикам перегруппироваться, нам не нужна», — сказал генерал.", "conditional"),
    # what the truce must not be used for
    ("fr", "« La trêve ne doit pas servir de couverture à un réarmement », a averti la diplomate.", "conditional"),
    ("ru", "Министр подчеркнул, что перемирие не должно стать прикрытием для переброски войск.", "conditional"),
    # what must come with the truce, what must come before any truce, what must be done first (the future perfect)
    ("fr", "Pour Kinshasa, le cessez-le-feu doit s'accompagner du retrait des milices.", "conditional"),
    ("fr", "L'armée cessera le feu lorsque les rebelles auront rendu les armes.", "conditional"),
    ("fr", "Quand la trêve entrera en vigueur, les convois partiront de Goma.", "neutral"),
    ("fr", "Les observateurs arriveront à Gao lorsque la signature aura lieu à Alger.", "neutral"),
    ("fr", "Une fois que les milices auront tous quitté Bunia, la trêve commencera.", "conditional"),
    ("ru", "По словам министра, прекращение огня должно сопровождаться отводом тяжёлой техники.", "conditional"),
    ("ru", "Перемирие сопровождалось обстрелами окраин.", "neutral"),
    ("ru", "Киев требует вывода российских войск до любого прекращения огня.", "conditional"),
    ("ru", "Пауза продержится, пока другая сторона её соблюдает, считает генерал.", "conditional"),
    # what any deal must be or do is a requirement set on every truce; that it must be kept is a call for it
    ("fr", "Pour Bamako, tout accord avec les rebelles devra passer par le médiateur algérien.", "conditional"),
    ("fr", "« Toute trêve doit être respectée par les deux camps », a rappelé la ministre.", "support"),
    ("fr", "« Toute trêve doit être rigoureusement observée par les deux camps », a insisté le général.", "support"),
    ("ru", "Любые договорённости о паузе должны обсуждаться с участием местных властей.", "conditional"),
    ("ru", "Любое перемирие должно соблюдаться обеими сторонами.", "support"),
    # a plain refusal and a plain fact stay what they were
    ("fr", "« Il n'y aura aucune trêve », a tranché le colonel.", "oppose"),
    ("ru", "Перемирие, которое вступило в силу в полночь, пока соблюдается.", "neutral"),
])
def test_conditions_without_if_and_restricted_refusals(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the truce judged hollow or flawed, with no quoted name: doubt (oppose)
    ("fr", "Selon le juriste, le mémorandum souffre d'une ambiguïté majeure sur le retrait des troupes.", "oppose"),
    ("fr", "« Cette trêve de façade ne change rien pour les habitants », dit un prêtre.", "oppose"),
    ("ru", "«Эта пауза — декорация для переговоров в Женеве», — считает эксперт.", "oppose"),
    ("ru", "Политолог считает перемирие скорее символическим.", "oppose"),
    ("ru", "По его словам, режим тишины давно превратился в формальность.", "oppose"),
    # the truce judged good: support
    ("fr", "« La trêve reste solide malgré les incidents », a assuré le médiateur.", "support"),
    ("fr", "Le ministre a parlé d'une victoire pour la paix.", "support"),
    ("fr", "Le mouvement a présenté la pause comme un geste envers les familles des otages.", "support"),
    ("ru", "«Это жест доброй воли по отношению к мирным жителям», — сказал представитель движения.", "support"),
    # a judgement of something else stays neutral
    ("fr", "La trêve est entrée en vigueur à minuit sur l'ensemble du front.", "neutral"),
])
def test_the_truce_judged_hollow_or_good(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # so fragile that one incident starts it all again: doubt
    ("fr", "« Il suffit d'une rumeur au marché pour tout relancer », estime le maire.", "oppose"),
    ("ru", "«Достаточно одного выстрела на блокпосту, чтобы всё началось заново», — говорит староста.", "oppose"),
    # the truce used for one thing and not for another: misused
    ("fr", "« Ils utilisent la pause pour se repositionner et non pour évacuer les blessés », dit-elle.", "oppose"),
    ("ru", "«Паузу используют для подвоза боеприпасов, а не для обмена пленными», — сказал офицер.", "oppose"),
    # the other side's conditions called by a name: a dismissal, not one's own condition
    ("fr", "Le porte-parole a qualifié les conditions russes de « tentative de sabotage ».", "oppose"),
    ("ru", "Министр назвал условия противника «ультиматумом».", "oppose"),
    # one's own condition and a need stay what they were
    ("ru", "«Наше условие — отвод тяжёлой техники», — сказал он.", "conditional"),
])
def test_fragility_misuse_and_conditions_dismissed(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # a doubt conceded before "mais"/"но", support after it: the clause after the contrast decides
    ("ru", "«Это не настоящий мир, но это лучшее, что мы получили за год», — сказала волонтёр.", "support"),
    ("fr", "« Ce n'est pas une vraie paix, mais c'est une bonne nouvelle pour les villages », dit le maire.",
     "support"),
    # support conceded before doubt, or doubt on both sides, stays a doubt
    ("ru", "«Мы приветствуем паузу, но она не продержится и недели», — сказал он.", "oppose"),
    ("fr", "« Ce n'est pas une trêve, mais une manœuvre », tranche le colonel.", "oppose"),
])
def test_the_clause_after_a_contrast_decides(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


def test_a_condition_after_the_contrast_is_not_support():
    sentence = "« Ce n'est pas une vraie trêve, mais nous l'accepterons si les convois passent », dit-il."
    assert _stance("fr", sentence)[0] != "support"


def test_contrast_rule_is_named():
    assert _stance("ru", "«Это не мир, но это лучшее, что было»")[1] == "fr_ru:contrast"


@pytest.mark.parametrize("language, sentence", [
    # the deal is no blank cheque: accepted on terms the speaker will hold the other side to
    ("fr", "« Que les choses soient claires : ce cessez-le-feu n'est pas un chèque en blanc », prévient le préfet."),
    ("ru", "«Перемирие — не карт-бланш для тех, кто стреляет по сёлам», — сказал губернатор."),
])
def test_no_blank_cheque_is_a_condition(language, sentence):
    assert _stance(language, sentence)[0] == "conditional"


@pytest.mark.parametrize("language, sentence, expected", [
    # a condition denied is none: ready for a truce without preconditions is support; a condition stated stays one
    ("fr", "Le ministre s'est dit prêt à signer une trêve sans condition préalable.", "support"),
    ("fr", "Le ministre a réclamé un cessez-le-feu sans aucune condition dans tout le pays.", "support"),
    ("fr", "Le ministre s'est dit prêt à signer une trêve à condition que les milices désarment.", "conditional"),
    ("ru", "Министр заявил, что Москва готова к перемирию без каких-либо предварительных условий.", "support"),
    ("ru", "Министр заявил, что Москва готова к перемирию при условии отвода войск.", "conditional"),
])
def test_a_condition_denied_is_no_condition(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


def test_an_invitation_to_a_party_named_at_length_is_support():
    # the party invited to act may take six words to name before "à"
    sentence = "Le médiateur a invité les autorités de la junte militaire à saisir la main tendue pendant la trêve."
    assert _stance("fr", sentence)[0] == "support"


@pytest.mark.parametrize("language, sentence, expected", [
    # a concession is no condition: the main clause decides
    ("fr", "Même si la trêve reste fragile, le gouvernement la soutient.", "support"),
    ("fr", "Le ministre accepte la trêve si l'armée se retire des villages.", "conditional"),
    ("ru", "Даже если перемирие окажется коротким, правительство его поддерживает.", "support"),
    ("ru", "Правительство поддержит перемирие, если войска отойдут от города.", "conditional"),
    # certainty is not doubt; every form of the doubt verb is
    ("fr", "Le porte-parole soutient sans doute la pause humanitaire.", "support"),
    ("fr", "« Nous doutons fort que cette pause tienne », a dit le maire.", "oppose"),
    ("ru", "Без сомнения, министр поддерживает продление паузы.", "support"),
    ("ru", "Депутат сомневается, что пауза продлится неделю.", "oppose"),
])
def test_concessions_and_certainty_are_no_cues(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # support denied is a refusal; a double negation is support
    ("fr", "Le parti d'opposition ne soutient pas ce cessez-le-feu.", "oppose"),
    ("fr", "Le sénateur n'est pas favorable à une trêve prolongée.", "oppose"),
    ("ru", "Партия не поддерживает предложенное перемирие.", "oppose"),
    ("ru", "Мы не можем не поддержать это перемирие.", "support"),
    # a promise worn out by repetition; the truce denied its name
    ("fr", "« On nous a déjà promis une trêve au printemps », soupire un commerçant.", "oppose"),
    ("fr", "Les habitants disent qu'on leur a promis la fin des tirs quatre fois depuis janvier.", "oppose"),
    ("fr", "« C'est une pause pour les caméras, pas une vraie trêve », juge le député.", "oppose"),
    # life that cannot go on under fire: the case for the truce
    ("fr", "« Les hôpitaux ne peuvent pas soigner sous les bombardements », a rappelé la médecin.", "support"),
    ("ru", "«Фермеры не могут сеять под обстрелами», — сказал глава района.", "support"),
])
def test_denied_support_worn_promises_and_life_under_fire(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # that fire did not stop is a reported violation; a refusal to stop is in the future
    ("ru", "Мэр сказал, что обстрелы окраин так и не прекратились.", "neutral"),
    ("ru", "Командир заявил, что его бригада не прекратит огонь.", "oppose"),
    # the deal's own terms are no condition of the speaker's
    ("ru", "По условиям соглашения стороны должны были обменяться пленными ещё в мае.", "neutral"),
    ("ru", "Посол выразил тревогу, что её условия не соблюдаются.", "neutral"),
    ("ru", "Мы согласимся на паузу при условии обмена пленными.", "conditional"),
    # only what meets a test: a condition
    ("ru", "«Продлевать будем лишь то, что соблюдается обеими сторонами», — сказал он.", "conditional"),
])
def test_ru_violation_past_terms_and_restriction(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # a third party offering its good offices or to host the talks: a mediator's announcement
    ("fr", "La Norvège, qui a offert ses bons offices, recevra les délégations lundi à Oslo.", "neutral"),
    ("fr", "Le Qatar se dit prêt à accueillir « dès la semaine prochaine, à Doha » des pourparlers sur la trêve.",
     "neutral"),
    # its welcome of the truce still counts
    ("fr", "Le Qatar a salué la trêve et accueillera les négociations.", "support"),
    # denouncing any act of violence is an accusation of violation, not a refusal of the truce
    ("fr", "Le maire dénonce l'enlèvement de trois paysans malgré la trêve.", "neutral"),
    ("fr", "Le gouvernement dénonce la trêve.", "oppose"),
])
def test_fr_mediators_and_denounced_acts(language, sentence, expected):
    value, rule = _stance(language, sentence)
    assert value == expected
    if "bons offices" in sentence:
        assert rule == "fr_ru:mediation"


@pytest.mark.parametrize("language, sentence, expected", [
    # a clause of time in the past tells the truce's history: the main clause decides (a fact here)
    ("fr", "Les écoles ont rouvert depuis que les belligérants se sont engagés à respecter la trêve.", "neutral"),
    ("fr", "Lorsque la pause a été prolongée, les convois attendaient déjà à la frontière.", "neutral"),
    ("ru", "Когда перемирие продлили на месяц, беженцы уже возвращались в город.", "neutral"),
    ("ru", "Цены на хлеб упали, с тех пор как стороны согласились на паузу.", "neutral"),
    # the main clause still speaks: a welcome after the clause of time is support
    ("fr", "Lorsque l'accord a été signé, le ministre a salué un premier pas.", "support"),
    ("ru", "Когда перемирие подписали, министр приветствовал этот шаг.", "support"),
    # a clause of time in the future may be a condition or a promise: not masked
    ("fr", "Quand la trêve entrera en vigueur, nos troupes la respecteront.", "support"),
    ("ru", "Когда пауза вступит в силу, мы будем её соблюдать.", "support"),
])
def test_time_clause_is_backdrop(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # an adverb between "dénonce" and the act denounced: still an accusation of violation
    ("Le préfet dénonce de son côté les tirs entendus près du pont malgré la trêve.", "neutral"),
    ("Les ONG dénoncent pour leur part l'enlèvement de deux médecins pendant la pause.", "neutral"),
    # the truce itself denounced, with or without the adverb: a refusal
    ("Le syndicat dénonce pour sa part la trêve comme une imposture.", "oppose"),
])
def test_fr_denounced_act_after_adverb(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the truce dismissed as changing or settling nothing: a doubt
    ("fr", "« Cette pause ne change rien à la situation des assiégés », tranche le médecin.", "oppose"),
    ("fr", "Pour l'opposition, l'accord de trêve ne réglera rien sur le fond.", "oppose"),
    # "rien ne change" in the speaker's own commitment is no dismissal of the truce
    ("fr", "Rien ne change dans notre engagement : nous respecterons la trêve.", "support"),
])
def test_truce_that_changes_nothing(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # demanding something other than the truce is a condition set on it; demanding the truce itself is support
    ("fr", "Le mouvement exige également la réouverture de l'aéroport de la ville.", "conditional"),
    ("fr", "Le gouvernement exige que les observateurs puissent entrer dans la zone dès lundi.", "conditional"),
    ("fr", "L'ONG réclame un cessez-le-feu immédiat dans la province.", "support"),
    ("fr", "Le ministre exige l'arrêt des combats autour de l'hôpital.", "support"),
    # "en échange de" as well as "en échange d'": the price of the truce
    # little chance it holds, a side wary of it or playing it down: doubts
    ("fr", "Selon l'analyste, cette trêve a peu de chances de durer.", "oppose"),
    ("fr", "La capitale reste circonspecte face à l'annonce de la trêve.", "oppose"),
    ("fr", "L'état-major, lui, minimise la portée de l'accord.", "oppose"),
])
def test_fr_demands_prices_and_doubts(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # announcing one's own cessation of hostilities, laying down arms now, confirming the deal: support
    ("fr", "Le conseil militaire a annoncé jeudi une « cessation des hostilités » dans la région.", "support"),
    ("fr", "« Nous déposons les armes jusqu'à dimanche soir. »", "support"),
    ("fr", "« Nous cessons toutes nos opérations autour du barrage », a dit le commandant.", "support"),
    # a silence is no position, whatever the sentence names ("proposition" would read as support)
    ("fr", "Le ministère de la Défense n'a pas commenté la proposition de trêve.", "neutral"),
    ("fr", "Les rebelles n'ont pas encore réagi à l'annonce.", "neutral"),
])
def test_fr_own_halt_confirmation_and_silence(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


def test_a_silence_is_read_before_any_cue():
    assert _stance("fr", "L'armée n'a pas commenté l'appel à soutenir la trêve.") == ("neutral", "fr_ru:no_position")


@pytest.mark.parametrize("language, sentence, expected", [
    # "until" after the main clause whatever its subject: a condition; "пока не" as "not yet" is no clause
    ("ru", "Ополчение не сложит оружие, пока федеральные войска не уйдут из долины.", "conditional"),
    ("ru", "Штаб пока не прокомментировал сообщения о паузе.", "neutral"),
    # met coolly, judged superfluous, breaking down at the first shot: doubts
    ("ru", "В Баку к предложению о перемирии отнеслись прохладно.", "oppose"),
    ("ru", "Министр назвал новую паузу излишней.", "oppose"),
    ("ru", "«Такие перемирия рушатся после первого же выстрела.", "oppose"),
    # watching over compliance is monitoring, an agreement in the passive a fact: neutral
    ("ru", "Наблюдатели будут следить за соблюдением перемирия в приграничных сёлах.", "neutral"),
    ("ru", "Прекращение огня было согласовано при посредничестве Катара.", "neutral"),
    # one's own halt in the present and the deal confirmed: support
    ("ru", "«Мы прекращаем обстрелы города с сегодняшнего вечера», — сказал командир.", "support"),
])
def test_ru_until_doubts_monitoring_and_own_halt(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # a step refused until something else comes first: the refusal's condition
    ("fr", "Le général a exclu tout repli de ses troupes avant l'arrivée des observateurs.", "conditional"),
    ("fr", "Les rebelles refusent de quitter la ville avant que les prisonniers soient libérés.", "conditional"),
    # a refusal with no step put first stays a refusal
    ("fr", "Le général a refusé la trêve proposée avant-hier par le médiateur.", "oppose"),
])
def test_fr_refusal_until_something_first(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # "ne ... que si" is "only if": the restriction is the condition
    ("Le colonel assure que ses hommes « ne riposteront que s'ils sont visés ».", "conditional"),
    ("Nous ne signerons la trêve que si les otages sont libérés.", "conditional"),
    ("La milice n'ouvrira le feu qu'en cas d'incursion dans ses villages.", "conditional"),
    # "ne ... que" with no "si" restricts a quantity, not the truce
    ("Il ne reste que six jours avant la fin de la trêve.", "neutral"),
])
def test_only_if(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a threat to answer any (the least) attack, with a manner between the verb and its object
    ("Le ministre a prévenu que son pays « répondra durement » à toute violation de la trêve.", "conditional"),
    ("L'état-major ripostera fermement à la moindre incursion pendant la pause.", "conditional"),
    # answering an appeal favourably is support, not a threat
    ("Le gouvernement a promis de répondre favorablement à l'appel du médiateur pour une trêve.", "support"),
])
def test_threat_with_manner(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # an order to one's forces to halt declares their truce: support
    ("fr", "Le chef de la junte a ordonné à ses soldats de suspendre toutes les frappes pendant trois jours.",
     "support"),
    ("fr", "L'état-major a donné l'ordre de cesser les combats dans la province.", "support"),
    ("ru", "Президент приказал армии приостановить удары по городу на время переговоров.", "support"),
    # an order not to halt is none
    ("ru", "Командир приказал не прекращать огонь до утра.", "neutral"),
])
def test_order_to_halt(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # both sides' commitment told by a third party, and the terms of a text named with an attribute: neutral
    ("fr", "« Les deux camps se sont engagés à rouvrir la route de l'aéroport », a indiqué le médiateur.",
     "neutral"),
    ("ru", "Согласно достигнутому соглашению, стороны обменяются пленными в течение недели.", "neutral"),
    # one's own commitment stays support
    ("fr", "« Nous nous sommes engagés à respecter la trêve », a déclaré le ministre.", "support"),
])
def test_joint_commitment_and_terms(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # a refusal aimed at what threatens the truce defends it: support
    ("fr", "Le président a assuré qu'il ne laissera personne saboter la trêve.", "support"),
    ("fr", "Le gouvernement rejette toute tentative de lier le cessez-le-feu au retrait des observateurs.", "support"),
    ("ru", "«Мы не позволим экстремистам сорвать перемирие», — заявил губернатор.", "support"),
    ("ru", "Москва отвергает попытки увязать продление паузы с новыми требованиями.", "support"),
    # the truce refused the status of a favour or a bargaining chip: defended as owed
    ("fr", "« Cette trêve n'est pas une faveur accordée par Kinshasa », a martelé le porte-parole.", "support"),
    ("fr", "Pour la ministre, la pause humanitaire ne doit pas être une monnaie d'échange.", "support"),
    ("fr", "Selon le médiateur, l'accès humanitaire ne saurait être l'objet d'un chantage.", "support"),
    ("fr", "Pour l'ONU, le cessez-le-feu ne doit pas être l'objet de négociations politiques.", "support"),
    ("ru", "Посол заявил, что режим тишины не может быть предметом торга с боевиками.", "support"),
    ("ru", "«Прекращение огня не является одолжением», — сказал министр.", "support"),
    # no point or no reason seen in the truce dismisses it; no point in fighting on, no reason to refuse it do not
    ("fr", "« Nous ne voyons pas l'intérêt de cette trêve », a dit le ministre.", "oppose"),
    ("fr", "Le colonel ne voit aucune raison d'accepter ce cessez-le-feu.", "oppose"),
    ("fr", "« Nous ne voyons pas l'intérêt de poursuivre les combats », a dit le ministre.", "neutral"),
    ("ru", "«Мы не видим смысла в таком перемирии», — заявил министр.", "oppose"),
    ("ru", "«Нет смысла продлевать паузу», — сказал генерал.", "oppose"),
    ("ru", "«Нет смысла продолжать войну», — сказал министр.", "neutral"),
    ("ru", "«Мы не видим причин отказываться от паузы», — сказал посол.", "support"),
    ("ru", "«Нет смысла срывать соглашение о прекращении огня», — заявил депутат.", "neutral"),
    # a refusal of the truce itself stays oppose
    ("ru", "Мы отвергаем это перемирие.", "oppose"),
    ("fr", "Le mouvement rejette la trêve proposée par Doha.", "oppose"),
])
def test_truce_defended(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # declining to comment or to give details is no position (neutral), not a refusal of the truce
    ("fr", "Le ministère a refusé de commenter la proposition de trêve.", "neutral"),
    ("fr", "Le porte-parole s'est refusé à tout commentaire sur le cessez-le-feu.", "neutral"),
    ("ru", "Пресс-секретарь подтвердил, что переговоры о перемирии идут, но от подробностей отказался.", "neutral"),
    ("ru", "В штабе отказались комментировать предложение о перемирии.", "neutral"),
    # refusing the truce itself stays oppose
    ("ru", "Киев отказался от перемирия.", "oppose"),
    ("fr", "Le mouvement a refusé la trêve.", "oppose"),
])
def test_no_comment(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # a refusal denied any ground presses for the truce: support
    ("fr", "La ministre estime que les rebelles « n'ont plus d'excuse » pour rejeter la trêve.", "support"),
    ("fr", "Il n'y a aucune raison de repousser le cessez-le-feu, a dit l'envoyé.", "support"),
    ("ru", "«У Киева нет никаких оснований отказываться от перемирия», — сказал посол.", "support"),
])
def test_refusal_denied_a_ground(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # hosting the monitors, or monitors ready to go: the mechanics of the watch (neutral)
    ("fr", "Le maire a indiqué que la commune était prête à héberger des observateurs de l'Union africaine.",
     "neutral"),
    ("ru", "Наблюдатели миссии готовы приступить к работе в зоне перемирия с понедельника.", "neutral"),
    # welcoming the truce with it stays support
    ("fr", "Le gouvernement salue la trêve et se dit prêt à accueillir des observateurs.", "support"),
])
def test_monitors_mechanics(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # what may happen to the truce, told of others: a forecast (neutral)
    ("fr", "Le moratoire pourrait être prolongé d'un mois, selon deux diplomates.", "neutral"),
    ("ru", "Перемирие может быть продлено ещё на неделю, сообщили источники агентства.", "neutral"),
    # the speaker's own offer to extend it stays support
    ("ru", "«Мы могли бы продлить перемирие ещё на месяц», — сказал министр.", "support"),
    ("fr", "« Nous voulons prolonger la trêve », a dit le ministre.", "support"),
])
def test_extension_forecast(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the other condition connectives: subject to, in return for, provided that
    ("fr", "Le gouvernement accepte la trêve sous réserve du retrait des milices de la ville.", "conditional"),
    ("fr", "Les rebelles acceptent le cessez-le-feu sous réserve que l'armée quitte l'aéroport.", "conditional"),
    ("fr", "Le mouvement accepterait une pause moyennant la libération de ses combattants.", "conditional"),
    ("fr", "Le gouvernement est prêt à signer pour autant que les rebelles rendent les armes.", "conditional"),
    # the truce made to depend on something; a third party tying its own aid to the truce sets it no condition
    ("fr", "L'armée a subordonné la trêve au désarmement des milices.", "conditional"),
    ("fr", "Le cessez-le-feu est conditionné au retrait des troupes étrangères.", "conditional"),
    ("fr", "Les Vingt-Sept pourraient conditionner une partie de l'aide au respect du moratoire.", "neutral"),
    ("fr", "Le mouvement a proclamé un cessez-le-feu inconditionnel.", "neutral"),
    # not before X (not a date), the truce tied to X; rejecting attempts to tie it defends it
    ("ru", "Мы подпишем соглашение не раньше, чем будут освобождены заложники.", "conditional"),
    ("ru", "Повстанцы сложат оружие не ранее вывода правительственных войск.", "conditional"),
    ("ru", "Переговоры продолжатся не раньше понедельника.", "neutral"),
    ("ru", "Москва увязывает продление перемирия с обменом пленными.", "conditional"),
    ("ru", "Кабул ставит продление паузы в зависимость от снятия санкций.", "conditional"),
    ("ru", "Мы решительно отвергаем попытки увязать продолжение паузы с требованиями.", "support"),
])
def test_condition_connectives_and_ties(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the deal itself criticised or condemned, said no to; its violations condemned stay an accusation (neutral)
    ("fr", "L'opposition critique vivement cette nouvelle trêve.", "oppose"),
    ("fr", "Le ministre a condamné l'accord signé la veille.", "oppose"),
    ("fr", "Le ministre a condamné les violations de la trêve.", "neutral"),
    ("fr", "Le chef rebelle a dit non à la pause.", "oppose"),
    ("ru", "Лидер оппозиции раскритиковал соглашение.", "oppose"),
    ("ru", "Министр осудил нарушение перемирия.", "neutral"),
    ("ru", "Командир повстанцев сказал «нет» перемирию.", "oppose"),
    # against it, and not against it (a consent)
    ("ru", "Мы против перемирия на этих условиях.", "oppose"),
    ("ru", "Мы никогда не были против режима тишины.", "support"),
    # distrust
    ("fr", "« Nous n'avons aucune confiance dans cette trêve », a dit le porte-parole.", "oppose"),
    ("fr", "« Personne ne croit à cette pause », a dit un habitant.", "oppose"),
    ("fr", "Le gouvernement s'est dit méfiant.", "oppose"),
    ("fr", "Les mesures de confiance prévues par l'accord entrent en vigueur lundi.", "neutral"),
    ("ru", "«Никто не верит в это перемирие», — сказал житель.", "oppose"),
    # the deal judged a mistake, stillborn, too late, leading nowhere, a gift to the enemy, empty, a farce
    ("fr", "« Cette trêve est une erreur », a affirmé le général.", "oppose"),
    ("fr", "« Ce cessez-le-feu est mort-né », a déclaré le colonel.", "oppose"),
    ("fr", "« Cette trêve arrive trop tard », a déploré l'ONG.", "oppose"),
    ("fr", "« Cette trêve ne mène nulle part », a estimé l'analyste.", "oppose"),
    ("fr", "« Une trêve maintenant serait un cadeau fait à l'ennemi », a martelé le ministre.", "oppose"),
    ("fr", "« La trêve profite uniquement aux rebelles », a affirmé le général.", "oppose"),
    ("ru", "«Это перемирие — ошибка», — заявил генерал.", "oppose"),
    ("ru", "«Перемирие пришло слишком поздно», — сожалеют в НКО.", "oppose"),
    ("ru", "«Это перемирие ни к чему не приведёт», — считает аналитик.", "oppose"),
    ("ru", "«Соглашение пустое», — считает депутат.", "oppose"),
    ("ru", "«Это перемирие — фарс», — заявил депутат.", "oppose"),
    # fighting on, arms kept
    ("fr", "« Nous continuerons à nous battre », a déclaré le chef rebelle.", "oppose"),
    ("fr", "« Nous ne déposerons pas les armes », a déclaré le chef rebelle.", "oppose"),
    ("ru", "«Мы продолжим воевать», — заявил командир повстанцев.", "oppose"),
    ("ru", "«Мы не сложим оружие», — заявил командир повстанцев.", "oppose"),
])
def test_dismissals_distrust_and_fighting_on(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # being for it, rejoicing, a green light given; "est pour l'instant" is no position
    ("fr", "Le gouvernement est pour un cessez-le-feu immédiat.", "support"),
    ("fr", "Elle est pour l'instant très froide.", "neutral"),
    ("fr", "Le président se réjouit de l'annonce du cessez-le-feu.", "support"),
    ("fr", "Le Hamas a donné son feu vert à la trêve.", "support"),
    ("ru", "ХАМАС дал зелёный свет перемирию.", "support"),
    # one's word to be kept (a promise); kept already is a claim of compliance
    ("fr", "« Nous tiendrons parole », a assuré le commandant.", "support"),
    ("fr", "Un cadre affirme que ses combattants « ont tenu parole ».", "neutral"),
    ("ru", "«Мы сдержим слово», — заверил командир.", "support"),
    ("ru", "«Мы сдержали слово», — заверил командир.", "neutral"),
    # time to silence the guns, the truce that must hold, wanting peace (not denied of the other side), a step
    ("fr", "« Il est temps de faire taire les armes », a lancé l'évêque.", "support"),
    ("fr", "« La trêve doit tenir », a insisté la ministre.", "support"),
    ("fr", "« Nous voulons la paix », a déclaré le chef rebelle.", "support"),
    ("fr", "« Ils ne veulent pas la paix », a déclaré le ministre.", "neutral"),
    ("fr", "« C'est un pas important vers la paix », a dit le diplomate.", "support"),
    ("ru", "«Пора прекратить огонь», — сказал митрополит.", "support"),
    ("ru", "«Перемирие должно выдержать», — настаивает министр.", "support"),
    ("ru", "«Мы хотим мира», — сказал командир повстанцев.", "support"),
    ("ru", "«Они не хотят мира», — сказал министр.", "neutral"),
    ("ru", "«Это важный шаг к миру», — отметил дипломат.", "support"),
])
def test_support_positions_read_as_facts(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


def _analysed_stances(language: str, paragraph: str) -> list[tuple[str, str]]:
    """(stance, rule) of each statement of ``paragraph`` through the language's real model (its parse or tokens)."""
    from pipeline.nlp.multilingual import analyse_in

    return [(s.stance, s.rule) for s in analyse_in(language, [("p", paragraph)])[0].statements]


@pytest.mark.parametrize("language, paragraph, expected", [
    # a support or a promise of compliance denied in the present or the future: a refusal
    ("fr", "Le gouvernement n'est pas prêt à une trêve, a déclaré le ministre.", "oppose"),
    ("fr", "« Nous ne respecterons pas cette trêve », a déclaré le chef rebelle.", "oppose"),
    # a cue inside the denied one's clause is denied with it
    ("fr", "Le M23 n'est pas disposé à prolonger la trêve, a affirmé son porte-parole.", "oppose"),
    ("ru", "Армия не намерена соблюдать перемирие, заявил представитель штаба.", "oppose"),
    ("ru", "«Мы не станем продлевать паузу», — сказал министр.", "oppose"),
    # denied in the past: a non-act reported
    ("fr", "Kiev n'a pas salué l'accord de cessez-le-feu, a noté le journal.", "neutral"),
    ("ru", "ХАМАС не предлагал перемирия, сообщил источник.", "neutral"),
    # not the truce denied but something else (a modest wish for it), a restriction, a double negation, or a
    # support cue left standing: support
    ("fr", "« Nous ne demandons pas la lune, juste une trêve », a déclaré le maire.", "support"),
    ("fr", "« Nous ne demandons pas seulement une trêve, nous voulons la paix », a déclaré le ministre.", "support"),
    ("fr", "« Nous ne manquerons pas de soutenir la trêve », a déclaré le ministre.", "support"),
    ("fr", "« Nous ne voulons pas d'une guerre sans fin, nous souhaitons une trêve », a dit le chef.", "support"),
    ("ru", "«Мы не требуем многого, только тишины», — сказала жительница.", "support"),
    ("ru", "«Мы будем соблюдать перемирие», — заявил командир.", "support"),
])
def test_a_denied_support_by_the_parse(language, paragraph, expected):
    assert [s for s, _ in _analysed_stances(language, paragraph)] == [expected]


@pytest.mark.parametrize("paragraph, expected", [
    # the negation on the modal or the near-future "aller" that governs the commitment's infinitive denies it
    ("« Nous n'allons pas respecter cette trêve », a déclaré le porte-parole.", "oppose"),
    ("« L'armée ne va pas prolonger la pause », a déclaré le colonel.", "oppose"),
    ("« Nous ne pouvons plus observer ce cessez-le-feu », a déclaré le porte-parole.", "oppose"),
    # in the past: a non-act reported
    ("Le ministre n'a pas voulu respecter la trêve.", "neutral"),
    # a litotes governing the infinitive affirms it; the modal affirmed keeps the commitment
    ("« Nous n'hésiterons pas à soutenir la trêve », a déclaré le ministre.", "support"),
    ("« Nous allons respecter cette trêve », a déclaré le porte-parole.", "support"),
])
def test_a_modal_carries_the_negation_of_its_infinitive(paragraph, expected):
    assert [s for s, _ in _analysed_stances("fr", paragraph)] == [expected]


@pytest.mark.parametrize("language, paragraph, expected", [
    # a refusal or a doubt denied, the truce in its clause: consent (as "не против")
    ("fr", "Le gouvernement ne s'oppose pas à une trêve, a déclaré le ministre.", "support"),
    ("fr", "« Je ne doute pas que la trêve tiendra », a déclaré le ministre.", "support"),
    ("fr", "« Cette trêve n'est pas inutile », a dit le chef.", "support"),
    ("ru", "Мы не отвергаем перемирие, заявил министр.", "support"),
    # the reflexive clitic the parser reads as an object ("s'" of "s'oppose"): the negation is still the verb's
    ("fr", "Le président ne s'oppose pas à une prolongation de la trêve, a dit son porte-parole.",
     "support"),
    # a cue opening on "против" hangs on the negated verb before it
    ("ru", "Министр заявил, что Москва не возражает против продления перемирия.", "support"),
    ("ru", "Министр заявил, что Москва возражает против продления перемирия.", "oppose"),
    # a particle after "не" negates no verb: "не только против" is against
    ("ru", "Посол сказал, что Киев не только против паузы, но и против любых уступок.", "oppose"),
    # denied in the past: a non-refusal reported
    ("fr", "Le Hamas n'a pas rejeté la proposition de trêve, selon un responsable.", "neutral"),
    ("ru", "Министр напомнил, что Москва не выступала против перемирия.", "neutral"),
    # the negation is the doubt itself, or there is none: still a refusal
    ("fr", "« Cette trêve ne tiendra pas », a dit l'analyste.", "oppose"),
    ("fr", "« Ce n'est pas une vraie trêve », a dit l'analyste.", "oppose"),
    ("fr", "« Nous rejetons cette trêve », a dit le chef.", "oppose"),
    ("ru", "«Мы отвергаем перемирие», — сказал министр.", "oppose"),
])
def test_a_denied_refusal_by_the_parse(language, paragraph, expected):
    assert [s for s, _ in _analysed_stances(language, paragraph)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # "un pas important" is a step forward; "ce n'est pas important" denies, it is no step
    ("« C'est un pas important, mais fragile », a-t-il souligné.", "support"),
    ("« Ce n'est pas décisif », a dit le diplomate.", "neutral"),
    ("« Ce n’est pas important », a dit le diplomate.", "neutral"),
])
def test_a_step_is_not_a_negation(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # "d'abord" after the copula is "above all"; after an act it is what must come first
    ("Pour ce chercheur, la raison de la trêve est d'abord économique.", "neutral"),
    ("Le général exige que les rebelles quittent d'abord la ville avant toute trêve.", "conditional"),
])
def test_first_or_above_all(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("language, sentence", [
    # the truce as the only way is a call for it
    ("fr", "Pour Paris, seul un cessez-le-feu global permettra de sauver la ville."),
    ("fr", "Selon le ministre, la trêve reste la seule issue pour Gaza."),
    ("ru", "Позиция Каира неизменна: только полное прекращение огня откроет путь к переговорам."),
    ("ru", "По мнению министра, перемирие — единственный выход для Газы."),
])
def test_the_truce_as_the_only_way(language, sentence):
    assert _stance(language, sentence)[0] == "support"


@pytest.mark.parametrize("language, sentence", [
    # "un seul" is one truce, not the only way; and the way denied ("ne", "не") is no call for it
    ("fr", "Selon le ministre, un seul cessez-le-feu ne peut pas ramener la paix."),
    ("fr", "« Un seul cessez-le-feu ne pourra jamais suffire », a déclaré le ministre."),
    ("fr", "Pour Paris, seul un cessez-le-feu ne peut pas ramener la paix."),
])
def test_one_truce_is_not_the_only_way(language, sentence):
    assert _stance(language, sentence)[0] != "support"


@pytest.mark.parametrize("language, sentence", [
    ("ru", "По мнению министра, перемирие не единственный выход для Газы."),
    ("ru", "Министр считает, что только перемирие не откроет путь к миру."),
])
def test_the_only_way_denied(language, sentence):
    assert _stance(language, sentence)[0] != "support"


@pytest.mark.parametrize("language, sentence, expected", [
    # a refusal worded by its negation outside the verb: the intention or the question denied, the truce not wanted
    ("fr", "Le gouvernement n'a aucune intention de prolonger la pause.", "oppose"),
    ("fr", "« Il n'est pas question pour nous de signer cet accord », a dit le chef rebelle.", "oppose"),
    ("fr", "« Nous ne voulons pas de cette trêve », a lancé le chef rebelle.", "oppose"),
    ("fr", "« Nous nous opposons à cette trêve », a lancé le chef rebelle.", "oppose"),
    ("ru", "«Не может быть и речи о продлении перемирия», — заявил министр.", "oppose"),
    ("ru", "«Мы не хотим этого перемирия», — сказал министр.", "oppose"),
    # the truce not discussed, "it is not about ...": no refusal
    ("fr", "Il n'a pas été question de la trêve lors de la réunion.", "neutral"),
    ("ru", "«Речь не идёт о большом политическом соглашении по перемирию», — сказал дипломат.", "neutral"),
])
def test_refusal_by_a_negation_outside_the_verb(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


def test_a_breach_out_of_the_question_is_no_refusal():
    assert _stance("fr", "Il n'est pas question de rompre la trêve, a assuré le ministre.")[0] != "oppose"


def test_opposing_denied_in_the_first_person_is_consent():
    # "nous ne nous opposons pas": the oppose cue on the verb, which the parse reads as negated
    got = _analysed_stances("fr", "La trêve est entrée en vigueur lundi. « Nous ne nous opposons pas à un "
                                  "cessez-le-feu », a déclaré le ministre.")
    assert got[-1][0] == "support"


@pytest.mark.parametrize("language, sentence, expected", [
    # the word lists in every form: an offer declined, a smokescreen, brushed aside; pleased with it, for it
    ("fr", "Les rebelles ont décliné la proposition de cessez-le-feu.", "oppose"),
    ("fr", "« Cette trêve n'est qu'un écran de fumée », a dit le ministre.", "oppose"),
    ("fr", "L'Union européenne se félicite de l'accord de cessez-le-feu.", "support"),
    ("ru", "Глава хунты отмахнулся от предложения о перемирии.", "oppose"),
    ("ru", "«Это перемирие — лишь дымовая завеса», — сказал министр.", "oppose"),
    ("ru", "«Это перемирие для галочки», — сказал министр.", "oppose"),
    ("ru", "Папа выступил за рождественское перемирие.", "support"),
    # declining to comment is a silence, read first
    ("fr", "Le ministère a décliné de commenter la proposition de trêve.", "neutral"),
])
def test_word_lists_in_every_form(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # commitments met, in the perfective past: a claim of compliance (neutral); in the future, a promise; demanded
    # in a clause of "чтобы", no claim
    ("«Мы выполнили свои обязательства», — заверил представитель.", "neutral"),
    ("Повстанцы утверждают, что выполнили всё, что от них требовалось, а условия меняются каждую неделю.", "neutral"),
    ("«Мы выполним все свои обязательства», — заверил представитель.", "support"),
    ("«Мы требуем, чтобы армия выполнила свои обязательства по перемирию», — сказал лидер.", "support"),
])
def test_ru_commitments_met_in_the_perfective(sentence, expected):
    assert _stance("ru", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # "выступать за" is "to stand for"; "выступить" alone is "to speak": "за" must be the whole word ("заместитель",
    # "завтра" are no "за")
    ("На брифинге выступил заведующий отделом, упомянувший перемирие.", "neutral"),
    ("Посол выступит завтра с докладом о перемирии.", "neutral"),
    ("Депутаты выступают за продление перемирия.", "support"),
])
def test_ru_standing_for_is_a_whole_word(sentence, expected):
    assert _stance("ru", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # "s'opposer" needs its reflexive subject: "la guerre qui nous oppose à l'armée" is a conflict named, not a stand
    ("Nous réclamons une trêve pour clore la guerre qui nous oppose à l'armée.", "support"),
    ("Le ministre salue le cessez-le-feu, malgré les différends qui nous opposent aux rebelles.", "support"),
    ("« Je m'oppose à cette pause », a dit le député.", "oppose"),
    ("« Vous vous opposez à la trêve », a lancé la ministre aux rebelles.", "oppose"),
])
def test_fr_opposing_needs_the_reflexive_subject(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, refusal", [
    # an intention or a question denied refuses the truce only when what it governs takes it up, keeps it or talks
    # it; renouncing, ending or attacking denied is a commitment to it
    ("Le ministre assure qu'il n'est pas question d'abandonner la trêve.", False),
    ("L'état-major n'a pas l'intention de mettre un terme au cessez-le-feu.", False),
    ("Les rebelles n'ont aucune intention de déclencher une offensive durant la pause.", False),
    ("Le gouvernement n'a pas l'intention de reconduire la trêve.", True),
    ("« Il est hors de question d'accepter ce cessez-le-feu », a dit le chef rebelle.", True),
    ("« Pas question d'une trêve avec ces gens-là », a dit le chef rebelle.", True),
])
def test_fr_a_denied_intention_refuses_only_taking_up_the_truce(sentence, refusal):
    assert (_stance("fr", sentence)[0] == "oppose") is refusal


@pytest.mark.parametrize("sentence, expected", [
    # "décliner" declines an offer only with the offer its direct object right after it; without, it falls off
    ("Les combats ont sensiblement décliné depuis la trêve.", "neutral"),
    ("Les tirs déclinent depuis le début du cessez-le-feu.", "neutral"),
    ("Le mouvement a décliné l'offre de cessez-le-feu.", "oppose"),
])
def test_fr_declining_needs_the_offer_as_object(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, refusal", [
    # a breach, an end or a return to fighting not wanted or out of the question defends the truce: no refusal
    ("«Мы не хотим нарушения перемирия», — сказал губернатор.", False),
    ("Не может быть и речи о возобновлении обстрелов, пауза будет соблюдаться.", False),
    ("Не может быть и речи о том, чтобы сорвать договорённости.", False),
    # the truce itself not wanted or out of the question stays a refusal
    ("«Не может быть и речи о том, чтобы продлевать паузу», — заявил министр.", True),
    ("«Мы не хотим такого соглашения», — сказал командир.", True),
])
def test_ru_a_breach_not_wanted_is_no_refusal(sentence, refusal):
    assert (_stance("ru", sentence)[0] == "oppose") is refusal


@pytest.mark.parametrize("language, sentence, expected", [
    # a belief denied in every person and tense: not believing in the truce, not thinking, imagining, sure or
    # convinced that it will hold, no one thinking it (the negation on the subject)
    ("fr", "« Nous ne croyons pas à cette trêve », a dit le maire.", "oppose"),
    ("fr", "Les déplacés ne croyaient plus aux promesses de trêve.", "oppose"),
    ("fr", "« Je ne pense pas que cette trêve durera », a dit le maire.", "oppose"),
    ("fr", "« Je n'imagine pas que cette pause puisse tenir. »", "oppose"),
    ("fr", "« Nous ne sommes pas sûrs que le cessez-le-feu sera respecté. »", "oppose"),
    ("fr", "« Personne ici ne pense que la trêve va durer. »", "oppose"),
    ("ru", "«Я не считаю, что это перемирие продержится долго», — сказал эксперт.", "oppose"),
    ("ru", "«Мы не убеждены, что перемирие будет соблюдаться», — заявил министр.", "oppose"),
    ("ru", "«Не представляю, как это перемирие может продержаться», — сказал эксперт.", "oppose"),
    ("ru", "«Никто не думает, что пауза продлится», — говорит житель.", "oppose"),
    # not thinking it was broken is a denial, not a doubt; "ne pense qu'à" (only thinks of) is no denial
    ("fr", "« Je ne pense pas que la trêve ait été violée cette nuit. »", "neutral"),
    ("fr", "« L'armée ne pense qu'à respecter la trêve », a dit le général.", "support"),
    # the doubt needs the truce (or "il/elle", "оно") believed in or lasting: a denied fear of fighting, a denied
    # breach, not thinking of breaking it, or a "durant" are no doubt; not thinking it was kept is an accusation
    ("fr", "« Nous ne croyons pas à un retour de la guerre, la pause tient bon »", "neutral"),
    ("fr", "« Je ne pense pas que les tirs reprendront durant la pause »", "neutral"),
    ("fr", "« Je ne pense pas que la pause ait été observée dans le nord »", "neutral"),
    ("fr", "« Aucune des milices ne pense à violer le cessez-le-feu »", "neutral"),
    ("ru", "«Мы не считаем, что армия нарушила перемирие», — сказал министр.", "neutral"),
    ("ru", "«Я не жду, что режим тишины будет нарушен», — сказал министр.", "neutral"),
])
def test_a_belief_denied_is_a_doubt(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the truce kept with an exception for attacks (the article elided too) or with the right to answer kept: a
    # reservation, kept on a condition
    ("fr", "« La trêve sera respectée, sauf en cas d'attaque contre nos positions. »", "conditional"),
    ("fr", "L'armée suspend ses opérations, sauf en cas d'agression contre des civils.", "conditional"),
    ("fr", "« Nous observerons le cessez-le-feu, excepté en cas de légitime défense. »", "conditional"),
    ("fr", "« Nous respectons la trêve, mais nous nous réservons le droit de riposter. »", "conditional"),
    ("ru", "«Перемирие будет соблюдаться, за исключением случаев нападения на наши позиции».", "conditional"),
    ("ru", "Армия приостанавливает наступление, кроме случаев атак на мирных жителей.", "conditional"),
    ("ru", "«Мы соблюдаем перемирие, но оставляем за собой право на ответ», — сказал генерал.", "conditional"),
    # an exception told as a fact is no reservation; a government, militias of self-defence are no right kept
    ("fr", "La trêve est respectée sur tout le front, à l'exception de tirs isolés près du village.", "neutral"),
    ("ru", "Правительство будет отвечать за работу гуманитарных коридоров во время перемирия.", "neutral"),
    ("ru", "Отряды самообороны объявили о прекращении огня.", "support"),
    # incidents counted, self-defence told of the past, advice for a case of strikes, the press's right of reply:
    # facts, no reservation kept
    ("ru", "Режим тишины в целом соблюдается, за исключением единичных случаев стрельбы.", "neutral"),
    ("ru", "Командование заявило, что солдаты стреляли лишь в порядке самообороны, несмотря на паузу.", "neutral"),
    ("fr", "Les élèves doivent rester en classe en cas de bombardements, malgré la pause.", "neutral"),
    ("fr", "Le ministère a exercé son droit de réponse à propos d'un reportage sur le cessez-le-feu.", "neutral"),
    ("fr", "« Nous nous réservons un droit de réponse, malgré la trêve. »", "conditional"),
    ("fr", "« Nous riposterons en cas de frappes, malgré le cessez-le-feu. »", "conditional"),
])
def test_a_truce_kept_with_an_exception_for_attacks_is_conditional(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the rhetorical question put indirectly: wondering how long or whether it will hold or be kept, its sincerity
    # or viability questioned, reservations voiced (a doubt)
    ("fr", "Les habitants se demandent combien de temps tiendra la trêve.", "oppose"),
    ("fr", "Les diplomates se demandent si Moscou respectera la trêve.", "oppose"),
    ("fr", "Le maire se demande à quoi peut bien servir une trêve que personne ne respecte.", "oppose"),
    ("fr", "L'opposition s'interroge sur la viabilité du cessez-le-feu.", "oppose"),
    ("fr", "L'opposition remet en question la sincérité du cessez-le-feu.", "oppose"),
    ("fr", "Le chercheur émet des réserves sur la durabilité de la trêve.", "oppose"),
    ("ru", "Жители задаются вопросом, сколько продержится перемирие.", "oppose"),
    ("ru", "Эксперты задаются вопросом, будет ли Москва соблюдать перемирие.", "oppose"),
    ("ru", "Многие спрашивают, надолго ли это перемирие.", "oppose"),
    ("ru", "Аналитики ставят под вопрос долговечность перемирия.", "oppose"),
    # wondering when it starts is no doubt, and "se demander" (to wonder) is no demand; how long it is set to last
    # is a schedule; a demand stays a demand
    # wondering in the first person too ("je me demande", "nous nous demandons"), and "nous demandons" stays a demand
    ("fr", "« Je me demande combien de temps cette pause va durer », a dit le maire.", "oppose"),
    ("fr", "« Nous nous demandons si le cessez-le-feu sera observé », a dit le maire.", "oppose"),
    ("fr", "« Nous demandons un cessez-le-feu immédiat », a dit le maire.", "support"),
    ("fr", "Les journalistes se demandent quand la trêve entrera en vigueur.", "neutral"),
    ("ru", "Сколько продлится перемирие, пока неизвестно.", "neutral"),
    ("fr", "Le ministre a demandé un cessez-le-feu immédiat.", "support"),
])
def test_a_question_put_indirectly_is_a_doubt(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # a welcome, an attachment or a campaign for the truce in the forms the support cues missed
    ("fr", "Le Niger accueille favorablement l'accord de cessez-le-feu.", "support"),
    ("fr", "L'Union européenne applaudit la trêve conclue à Doha.", "support"),
    ("fr", "Paris voit d'un bon œil cette trêve.", "support"),
    ("fr", "L'ONU se dit encouragée par le cessez-le-feu.", "support"),
    ("fr", "« Nous sommes attachés au cessez-le-feu. »", "support"),
    ("fr", "La France milite pour une trêve humanitaire.", "support"),
    ("fr", "Le pape a lancé un appel pressant pour une trêve.", "support"),
    ("ru", "«Мы заинтересованы в прекращении огня», — сказал министр.", "support"),
    # applause as a noun is no welcome; a welcome with scepticism is a doubt
    ("fr", "Le ministre a présenté la trêve sous les applaudissements des députés.", "neutral"),
    # applauding or encouraged by the truce's end, a glimmer denied: no welcome
    ("fr", "Les milices ont applaudi la rupture du cessez-le-feu.", "neutral"),
    ("fr", "Encouragés par la fin de la pause, les rebelles ont repris leurs raids.", "neutral"),
    ("fr", "Pour les réfugiés, ce cessez-le-feu n'offre pas la moindre lueur d'espoir.", "neutral"),
    ("fr", "Pour les réfugiés, ce cessez-le-feu est une lueur d'espoir.", "support"),
    # "militer" campaigns; "militaires", "militants" are an adjective and a noun
    ("fr", "Les ONG militent en faveur du cessez-le-feu.", "support"),
    ("fr", "L'ONU a déployé cent observateurs militaires pour surveiller la trêve.", "neutral"),
    ("fr", "L'armée a accueilli l'annonce de la trêve avec scepticisme.", "oppose"),
])
def test_a_welcome_in_more_forms_is_support(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # support given with a reservation, or with what must go with the truce whatever names it: conditional
    ("fr", "« Nous soutenons la trêve, avec des réserves. »", "conditional"),
    ("fr", "Le gouvernement a accepté la pause, non sans réserves.", "conditional"),
    ("ru", "«Мы поддержим перемирие с оговоркой: контроль должен быть международным».", "conditional"),
    ("ru", "«Мы поддерживаем перемирие, однако оно должно сопровождаться отводом техники».", "conditional"),
    # an unconditional truce and reservations voiced about it (a doubt) are no such support
    ("ru", "«Мы готовы к безоговорочному прекращению огня», — сказал министр.", "support"),
    ("fr", "Le chercheur émet des réserves sur la durabilité de la trêve.", "oppose"),
])
def test_support_with_a_reservation_is_conditional(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    # the speaker's own intention denied: not to break it is a promise to keep it (support), not to extend, keep or
    # sign it a refusal (oppose), in either word order; the other side not breaking it is a claim (neutral)
    ("fr", "« Nous ne romprons pas la trêve », a dit le ministre.", "support"),
    ("fr", "« Nous ne comptons pas rompre la trêve », a dit le ministre.", "support"),
    ("fr", "« Nous ne comptons pas prolonger la trêve », a dit le ministre.", "oppose"),
    ("fr", "Les rebelles ne violent pas la trêve, selon la mission.", "neutral"),
    ("ru", "«Мы не станем нарушать перемирие», — заявил министр.", "support"),
    ("ru", "«Мы не собираемся нарушать перемирие», — заявил министр.", "support"),
    ("ru", "«Продлевать паузу мы не намерены», — заявил министр.", "oppose"),
    ("ru", "«Мы не собираемся подписывать это соглашение», — заявил министр.", "oppose"),
    # the promise in the first person only, its pronoun object before the verb, "envisager de"; in Russian the third
    # person speaking of itself ("Армия не будет ..."), renewing only the fighting, ending the truce itself denied
    ("fr", "« Nous ne le romprons jamais », a dit le ministre.", "support"),
    ("fr", "« Nous n'envisageons pas de violer le cessez-le-feu », a dit le ministre.", "support"),
    ("fr", "« Les milices ne rompront pas la pause, elles sont épuisées », estime un chercheur.", "neutral"),
    ("ru", "«Армия не будет нарушать режим тишины», — заявил министр.", "support"),
    ("ru", "«Мы не намерены возобновлять консультации с соседями», — заявил министр.", "neutral"),
    ("ru", "«Мы не намерены прекращать соблюдение перемирия», — заявил министр.", "support"),
    ("ru", "«Мы не намерены прекращать огонь», — заявил министр.", "oppose"),
])
def test_an_intention_denied_reads_by_what_is_denied(language, sentence, expected):
    assert _stance(language, sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the other side accused of not keeping the truce: the accuser reports a breach (neutral), it refuses nothing
    ("Les rebelles accusent l'armée de ne pas respecter la trêve près de Kadugli.", "neutral"),
    ("Le gouvernement reproche aux miliciens de ne plus observer le cessez-le-feu.", "neutral"),
    ("Le porte-parole accuse l'ennemi de n'avoir jamais respecté le moratoire.", "neutral"),
    ("L'état-major dénonce le non-respect de la pause par les insurgés.", "neutral"),
    # the speaker's own refusal, and a truce itself denounced, stay refusals
    ("Le commandant rejette cette trêve, qu'il accuse l'ennemi d'avoir imposée.", "oppose"),
    ("Le parti dénonce un cessez-le-feu dicté par l'étranger.", "oppose"),
])
def test_fr_an_accusation_of_non_compliance_is_a_report(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("language, paragraph, expected", [
    # keeping the truce under a will or readiness the parse reads as denied: the whole commitment is refused
    ("fr", "« Nous ne sommes plus disposés à respecter la trêve », a déclaré le commandant.", "oppose"),
    ("fr", "« Nous ne sommes pas prêts à observer un cessez-le-feu imposé », a dit le chef de milice.", "oppose"),
    # the readiness affirmed, or the negation on something else: still a promise to keep it
    ("fr", "« Nous sommes prêts à respecter la trêve », a déclaré le commandant.", "support"),
    ("fr", "« Nous respecterons la trêve, nous ne voulons pas la guerre », a dit le commandant.", "support"),
])
def test_compliance_under_a_denied_readiness_is_a_refusal(language, paragraph, expected):
    assert [s for s, _ in _analysed_stances(language, paragraph)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # distrust in every person and its other words: a doubt (oppose)
    ("« Nous nous méfions de ce cessez-le-feu », a dit le chef de quartier.", "oppose"),
    ("« Je me méfie de cette pause », a confié une infirmière.", "oppose"),
    ("Les commerçants de Goma restent dubitatifs face à la trêve.", "oppose"),
    ("« Plus personne ici ne fait confiance à cette trêve », a dit un pêcheur.", "oppose"),
    ("« Nous ne faisons pas confiance à ce moratoire », a déclaré le député.", "oppose"),
    ("Dans les camps, les déplacés n'attendent rien de ce cessez-le-feu.", "oppose"),
    # waiting only for a signal is no doubt
    ("Les observateurs n'attendent que le feu vert pour se déployer dans la zone de la trêve.", "neutral"),
])
def test_fr_distrust_in_every_person_is_a_doubt(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


def test_fr_distrust_denied_by_the_parse_is_consent():
    got = _analysed_stances("fr", "« Nous ne nous méfions pas de cette trêve, nous la soutenons », a dit le maire.")
    assert [s for s, _ in got] == ["support"]


@pytest.mark.parametrize("sentence, expected", [
    # the truce ruled out, the offer pushed back, the door shut, the back turned, off the agenda: refusals
    ("Le Kremlin exclut catégoriquement toute trêve dans le Donbass.", "oppose"),
    ("Le mouvement a repoussé sèchement l'offre de cessez-le-feu du médiateur.", "oppose"),
    ("Le premier ministre ferme la porte à toute pause humanitaire.", "oppose"),
    ("Les putschistes ont tourné le dos à la proposition de trêve.", "oppose"),
    ("« Un cessez-le-feu n'est pas à l'ordre du jour », a tranché le ministre.", "oppose"),
    # an attack pushed back, a signing postponed, a truce not ruled out, a town left out of it: no refusal
    ("Les soldats ont repoussé une attaque malgré le cessez-le-feu.", "neutral"),
    ("La signature du cessez-le-feu a été repoussée à jeudi.", "neutral"),
    ("Le Kremlin n'exclut pas une trêve à Noël.", "neutral"),
])
def test_fr_a_truce_ruled_out_or_pushed_back_is_a_refusal(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # one's own truce kept ahead in the first person future: a commitment (support); kept in the past, a claim
    ("« Nous observerons une trêve de 48 heures dès ce soir », a annoncé le commandant.", "support"),
    ("« Je respecterai ce cessez-le-feu », a promis le chef de milice.", "support"),
    ("« Nous avons observé la trêve toute la nuit », a assuré le commandant.", "neutral"),
])
def test_fr_ones_own_truce_kept_in_the_first_person_future(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce itself demanded, after a time, a repetition or the ones addressed, as a pronoun before the verb
    # or kept in a clause after it: support
    ("Les familles réclament depuis plusieurs mois un cessez-le-feu.", "support"),
    ("Le Conseil exige des deux camps une trêve immédiate.", "support"),
    ("« Nous la réclamons sans relâche », a dit la maire, à propos de la trêve.", "support"),
    ("La ministre exige qu'elle soit prolongée, a-t-elle dit de la pause.", "support"),
    # anything else demanded is a condition set on it
    ("Le mouvement exige depuis des mois la libération de ses combattants avant la trêve.", "conditional"),
    ("Il exige aussi le départ des mercenaires pendant la pause.", "conditional"),
])
def test_fr_the_truce_demanded_after_an_adverbial_is_support(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the doubters told they are wrong: the speaker defends the truce (support)
    ("« Ceux qui prédisaient la mort de ce cessez-le-feu se sont trompés », a dit la ministre.", "support"),
    ("« Celles et ceux qui doutent de la pause ont tort », a affirmé le gouverneur.", "support"),
    ("« Les pessimistes en seront pour leurs frais : la trêve tiendra », a dit l'envoyé.", "support"),
])
def test_fr_the_doubters_told_they_are_wrong_is_support(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce praised: a gift, a relief, a breath of air, a chance, more than a truce, a life saver (support)
    ("« Ce cessez-le-feu est un vrai cadeau pour les écoliers », a dit l'institutrice.", "support"),
    ("« Pour nous, la pause est une bouffée d'oxygène », a dit le boulanger.", "support"),
    ("Les pêcheurs du lac se disent soulagés par la trêve.", "support"),
    ("« C'est bien plus qu'une trêve, c'est le début de la paix », a dit le préfet.", "support"),
    ("« Ce moratoire sauve des centaines de vies », a affirmé la médecin.", "support"),
    # a gift to the enemy, a poisoned one, a chance to rearm: a dismissal, read first
    ("« Cette pause est un cadeau offert aux milices », a dit le colonel.", "oppose"),
    ("« Ce cessez-le-feu est un cadeau empoisonné », a dit le colonel.", "oppose"),
    ("« La trêve est une chance pour l'ennemi de se réarmer », a dit le colonel.", "oppose"),
])
def test_fr_the_truce_praised_is_support(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # hostile to it, reserved or reluctant about it: a doubt (oppose)
    ("Le syndicat des transporteurs reste hostile au moratoire.", "oppose"),
    ("La ministre s'est montrée réservée quant à la trêve.", "oppose"),
    ("Les notables sont réticents face au cessez-le-feu.", "oppose"),
])
def test_fr_hostile_or_reserved_is_a_doubt(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


def test_fr_hostility_denied_by_the_parse_is_consent():
    got = _analysed_stances("fr", "« Nous ne sommes pas hostiles à une trêve », a dit le ministre.")
    assert [s for s, _ in got] == ["support"]


@pytest.mark.parametrize("sentence, expected", [
    # a forecast that the truce will not be kept: a doubt (oppose); that it was not kept, an accusation (neutral)
    ("« Encore une pause qui ne sera pas respectée », soupire une commerçante.", "oppose"),
    ("Le vieil homme prédit que le cessez-le-feu ne sera jamais appliqué.", "oppose"),
])
def test_fr_a_forecast_that_the_truce_will_not_be_kept_is_a_doubt(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


def test_fr_the_truce_not_kept_in_the_past_is_no_forecast():
    got = _analysed_stances("fr", "Selon l'état-major, la trêve n'a pas été respectée dans la nuit.")
    assert [s for s, _ in got] == ["neutral"]


def test_fr_a_turning_point_of_something_else_is_no_praise():
    # the praise is read only with the truce (or "ce", "cela", "elle") as the copula's subject
    assert _stance("fr", "L'attaque a été un tournant de la guerre malgré la trêve, selon l'historien.")[0] != "support"


@pytest.mark.parametrize("language, sentence, expected", [
    # a whole "who / how many / why" question about the truce, outside quotation marks too: a rhetorical doubt,
    # whatever support cue it holds
    ("fr", "Mais qui, à Kinshasa, est prêt à signer cette trêve avec le M23 ?", "oppose"),
    ("fr", "Combien de cessez-le-feu ont vraiment tenu dans la région depuis dix ans ?", "oppose"),
    ("ru", "Но кто готов поддержать такое перемирие после всех обстрелов?", "oppose"),
    # a question put to someone asks for an answer; an affirmative sentence keeps its cue
    ("fr", "Que pensez-vous de la trêve annoncée hier ?", "neutral"),
    ("ru", "Как вы оцениваете перемирие?", "neutral"),
    ("fr", "Le gouvernement est prêt à signer cette trêve avec le M23.", "support"),
    # a subjunctive wish opening on "que" asks nothing
    ("fr", "Que les armes se taisent enfin et que la trêve soit respectée.", "support"),
])
def test_a_whole_wh_question_is_rhetorical(language, sentence, expected):
    value, _, _ = multilingual.stance(sentence, language_lexicon(language), direct=False)
    assert value == expected


@pytest.mark.parametrize("sentence, expected", [
    # the truce first, judged worthless for what it lacks: "no truce without X", a condition
    ("« Une trêve sans retrait des troupes ne sert à rien », a déclaré le ministre.", "conditional"),
    ("« Un accord sans le départ des milices ne tiendra pas », a prévenu le gouverneur.", "conditional"),
    # "sans précédent" is no lack; a truce doubted with nothing lacking stays a doubt
    ("« Une trêve sans précédent ne tiendra pas », a dit l'analyste.", "oppose"),
    ("« Cette trêve ne tiendra pas », a dit l'analyste.", "oppose"),
])
def test_a_truce_worthless_without_something_is_conditional(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a "-cer" verb with its cedilla reads as its stem: one's own truce announced in the first person, a refusal
    ("« Nous annonçons une trêve de trois jours pour les fêtes », a déclaré le chef rebelle.", "support"),
    ("Le ministre dénonçait les bombardements de l'armée malgré le cessez-le-feu.", "neutral"),
    # a cue spelt with its cedilla still reads the sentence as written
    ("« C'est une trêve de façade », a déclaré le député.", "oppose"),
])
def test_a_cedilla_reads_as_the_verbs_stem(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the typographic apostrophe reads as the straight one, for the parse ("n’" is the negation's "ne") and for the
    # cues spelt with "'" ("d'abord", "qu'après")
    ("« Nous n’allons pas respecter cette trêve », a déclaré le porte-parole.", "oppose"),
    ("Le ministre n’a pas voulu respecter la trêve.", "neutral"),
    ("« Nous sommes prêts à une trêve, mais l’armée doit d’abord libérer nos prisonniers », a déclaré le chef.",
     "conditional"),
    ("« Le cessez-le-feu n’est envisageable qu’après la libération des otages », a déclaré le ministre.",
     "conditional"),
])
def test_a_typographic_apostrophe_reads_as_the_straight_one(paragraph, expected):
    assert [s for s, _ in _analysed_stances("fr", paragraph)] == [expected]


def test_a_typographic_apostrophe_is_no_person():
    """The model given "n’" tags it PER; read with the straight apostrophe, no entity is the elided word, and a
    name keeps the apostrophe it is written with."""
    from pipeline.nlp.multilingual import analyse_in

    analysis = analyse_in("fr", [("p", "Le ministre n’a pas voulu respecter la trêve en Côte d’Ivoire.")])[0]
    texts = [e.text for e in analysis.entities]
    assert "n’" not in texts and "Côte d’Ivoire" in texts


@pytest.mark.parametrize("language, paragraph, expected", [
    # a refusal denied is a consent; one that sets its terms in the same sentence is conditional, as a support is
    ("fr", "« Nous ne refusons pas le cessez-le-feu, mais nous exigeons des garanties », a déclaré le colonel.",
     "conditional"),
    ("ru", "«Мы не отвергаем перемирие, если противник отведёт войска», — заявил министр.", "conditional"),
    # without terms it stays a consent, and a non-refusal in the past stays a report
    ("fr", "« Nous ne refusons pas le cessez-le-feu », a déclaré le colonel.", "support"),
    ("fr", "Le Hamas n'a pas rejeté la proposition de trêve, mais il exige des garanties, selon un responsable.",
     "neutral"),
])
def test_a_consent_with_its_terms_is_conditional(language, paragraph, expected):
    assert [s for s, _ in _analysed_stances(language, paragraph)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # signing ahead in the first person commits the speaker; the third person's future is a schedule
    ("« Nous signerons la trêve demain », a déclaré le porte-parole.", "support"),
    ("Les deux parties signeront l'accord de cessez-le-feu jeudi à Doha.", "neutral"),
    # denied or conditioned, the refusal or the condition decides
    ("« Nous ne signerons jamais cette trêve », a déclaré le porte-parole.", "oppose"),
    ("« Nous signerons la trêve si l'armée se retire », a déclaré le porte-parole.", "conditional"),
])
def test_signing_ahead_in_the_first_person(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("paragraph, expected", [
    # no chance at all that it holds is a doubt, as little chance already is (the "ne" of "n'a aucune" denies no cue)
    ("« Cette trêve n'a aucune chance de tenir », a déclaré le colonel.", "oppose"),
    ("Selon l'analyste, la pause n'a pas la moindre chance de durer.", "oppose"),
])
def test_no_chance_is_a_doubt(paragraph, expected):
    assert [s for s, _ in _analysed_stances("fr", paragraph)] == [expected]


@pytest.mark.parametrize("paragraph, expected", [
    # an adverb of "any more" between the negated host and its infinitive keeps the negation
    ("«Мы не можем больше соблюдать режим тишины», — заявил министр.", "oppose"),
    ("«Мы не будем впредь продлевать перемирие», — заявил министр.", "oppose"),
    ("«Мы будем больше соблюдать перемирие», — заявил министр.", "support"),
])
def test_russian_negation_over_an_adverb_of_time(paragraph, expected):
    assert [s for s, _ in _analysed_stances("ru", paragraph)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # one's own truce declared, or signing ahead, in the first person; denied, a refusal
    ("«Мы объявляем перемирие на три дня», — заявил командир.", "support"),
    ("«Мы подпишем соглашение о перемирии завтра», — заявил министр.", "support"),
])
def test_russian_first_person_truce(sentence, expected):
    assert _stance("ru", sentence)[0] == expected


def test_russian_signing_denied_is_a_refusal():
    assert [s for s, _ in _analysed_stances("ru", "«Мы не подпишем это перемирие», — заявил министр.")] == ["oppose"]


@pytest.mark.parametrize("sentence, expected", [
    # doomed to fail is a doubt, as "обречено на провал" is in Russian
    ("« Cette trêve est vouée à l'échec », a déclaré le député.", "oppose"),
    ("Selon l'analyste, le cessez-le-feu est condamné d'avance à échouer.", "oppose"),
])
def test_a_truce_doomed_is_a_doubt(sentence, expected):
    assert _stance("fr", sentence)[0] == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the negation's second part as "ni ... ni" on the objects, or "aucunement": the commitment denied
    ("« Nous n'accepterons ni trêve ni négociation », a déclaré le chef.", "oppose"),
    ("« Nous ne respecterons aucunement cette trêve », a déclaré le chef.", "oppose"),
    # "ni" with no "ne" on the verb negates nothing
    ("« Nous accepterons la trêve, ni plus ni moins », a déclaré le chef.", "support"),
])
def test_ni_and_aucunement_deny_the_verb(paragraph, expected):
    assert [s for s, _ in _analysed_stances("fr", paragraph)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # a relative clause after the truce noun says which truce; the main clause's welcome is the position
    ("La ministre a jugé que ce cessez-le-feu, que les milices refusent, est une chance pour la paix.", "support"),
    # the speaker's past told in an aside after the opening subject; the main clause welcomes this truce
    ("Le gouverneur, qui avait rejeté la pause de l'an dernier, estime que cette trêve est une chance.", "support"),
    # no cue in the main clause: the aside's refusal is all the sentence says of the truce
    ("Le gouverneur, qui a rejeté la trêve, s'est rendu à Genève mardi.", "oppose"),
])
def test_a_french_aside_s_cue_yields_to_the_main_clause_s(sentence, expected):
    assert _stance("fr", sentence)[0] == expected
