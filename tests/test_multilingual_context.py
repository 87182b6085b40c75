"""French and Russian statements by context (the guidelines' "context counts"): quoted words in or right after a
paragraph about the truce, reported fighting right after one, and the moratorium named with words between."""

from __future__ import annotations

import pytest

from conftest import resolved_in
from pipeline.nlp import french, russian
from pipeline.nlp.multilingual import _turn_aside, language_lexicon


def _texts(language, module, paragraphs) -> list[str]:
    return [s.text for s in resolved_in(language, module, paragraphs).statements]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "quoted"), [
    # a quotation with no truce word, in a paragraph that names the truce
    ("fr", french, ["Dans le village de Valmont, où les combats ont cessé, l'institutrice Odile Ferrand salue la "
                    "trêve conclue dimanche. « Depuis une semaine, les enfants reviennent en classe. Nous n'avions "
                    "pas vu cela depuis deux ans. »"],
     "Nous n'avions pas vu cela depuis deux ans. »"),
    ("ru", russian, ["Жительница посёлка Ключи Анна Серова приветствует перемирие, объявленное в воскресенье после "
                     "месяца боёв. «Дети снова ходят в школу. Такого не было уже два года»."],
     "Такого не было уже два года»."),
])
def test_quoted_sentences_in_a_paragraph_about_the_truce(language, module, paragraphs, quoted):
    assert quoted in _texts(language, module, paragraphs)


FR_BEFORE = ("Le gouvernement de Valdorie et les rebelles du Front du Nord ont conclu lundi une trêve de trente jours "
             "après des mois de combats, a annoncé le ministre des Affaires étrangères, Paul Delorme.")
FR_QUOTE = ("« Ils ont signé la même chose au printemps. Trois jours après, leurs obus tombaient sur le marché », a "
            "déclaré le maire de Valmont, Henri Castel.")
RU_BEFORE = ("Правительство Валдории и повстанцы Северного фронта в понедельник договорились о перемирии на тридцать "
             "дней после месяцев боёв, заявил министр иностранных дел Павел Дронов.")
RU_QUOTE = ("«Они подписывали то же самое весной. Через три дня их снаряды падали на рынок», — заявил мэр Ключей "
            "Андрей Кастов.")


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "before", "quote", "between"), [
    ("fr", french, FR_BEFORE, FR_QUOTE, "Le marché de Valmont ouvre chaque samedi depuis 1920 sur la place de l'église."),
    ("ru", russian, RU_BEFORE, RU_QUOTE, "Рынок в Ключах открыт по субботам с 1920 года на площади у церкви."),
])
def test_a_quotation_right_after_a_statement_carries_the_topic(language, module, before, quote, between):
    carried = _texts(language, module, [before, quote])
    assert sum(t in quote for t in carried) == 2, carried
    # not after a paragraph that made no statement: quoted words elsewhere in the news are about anything
    assert not any(t in quote for t in _texts(language, module, [before, between, quote]))


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "before", "report", "toll"), [
    ("fr", french, FR_BEFORE,
     "L'état-major de l'armée a indiqué mardi avoir repoussé trois attaques rebelles près de Valmont.",
     "Plus de 300 civils ont été tués depuis janvier, selon l'Organisation mondiale de la santé."),
    ("ru", russian, RU_BEFORE,
     "Генеральный штаб армии Валдории во вторник сообщил о трёх обстрелах позиций у Ключей.",
     "С января погибли более 300 мирных жителей, по данным Всемирной организации здравоохранения."),
])
def test_reported_fighting_after_the_truce_but_not_a_toll(language, module, before, report, toll):
    found = _texts(language, module, [before, report, toll])
    assert report in found and toll not in found, found


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "expected"), [
    ("fr", french, ["Kiev et Moscou ont accepté un moratoire de trente jours sur les frappes contre les centrales, "
                    "après des semaines de bombardements.",
                    "Le moratoire doit entrer en vigueur dimanche à minuit."], 2),
    ("ru", russian, ["Киев и Москва согласовали мораторий сроком на 30 дней на удары по энергетике после недель "
                     "обстрелов.",
                     "Мораторий вступит в силу в воскресенье в полночь."], 2),
])
def test_a_moratorium_on_strikes_with_words_between_and_its_short_name(language, module, paragraphs, expected):
    assert len(_texts(language, module, paragraphs)) == expected


@pytest.mark.parametrize(("language", "sentence", "evidence"), [
    ("fr", "Le moratoire de trente jours sur les frappes a été signé.", "term"),
    ("fr", "Ce répit ne durera pas.", "weak"),
    ("ru", "Мораторий сроком на месяц на удары по энергетике подписан.", "term"),
    ("ru", "Этот мораторий никто не соблюдает.", "weak"),
    ("fr", "Le moratoire sur la dette a été prolongé.", "weak"),  # a weak cue: the article must name a truce too
    # a halt with words between its verb and the strikes: a duration, "все"
    ("fr", "Les deux pays ont promis de suspendre pendant deux semaines leurs frappes sur les ports.", "term"),
    ("ru", "Командующий приказал частям прекратить все боевые действия до утра.", "term"),
    ("fr", "La compagnie va suspendre pendant deux semaines les vols vers Lyon.", None),
])
def test_moratorium_lexicon(language, sentence, evidence):
    assert language_lexicon(language).evidence(sentence) == evidence


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "before", "quote"), [
    # a short quotation opening a sentence whose attribution is longer than it
    ("fr", french, FR_BEFORE, "« On ne discute pas avec eux », a déclaré mardi soir sur la radio nationale Hugo Servan, "
                              "porte-parole du gouvernement de Valdorie."),
    ("ru", russian, RU_BEFORE, "«С ними не договариваются», — заявил во вторник вечером в эфире государственного "
                               "радио Игорь Серов, представитель правительства Валдории."),
])
def test_a_quotation_opening_a_long_attribution_is_carried(language, module, before, quote):
    assert quote in _texts(language, module, [before, quote])


def test_no_statement_of_a_bare_punctuation_piece_of_a_quotation():
    from pipeline.nlp.multilingual import _quoted_in_topic

    # the splitter cut "« Nous la respecterons. »." into the sentence and a last "»." inside the quotation
    text = "La trêve a été signée lundi. « Nous la respecterons. »."
    chosen = {(0, 28): "term"}
    _quoted_in_topic(text, [(0, 28), (29, 52), (53, 55)], [(29, 55)], [], chosen, language_lexicon("fr"))
    assert (29, 52) in chosen and (53, 55) not in chosen


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "first", "speaker"), [
    ("fr", french, ["Claire Vautrin dirige la mission humanitaire de Valmont, près du front. Entretien.",
                    "Question : Les deux camps ont accepté une pause humanitaire de cinq jours. Qu'en pensez-vous ?",
                    "Réponse : Nous l'attendions depuis des mois. Mais une pause sans convois sûrs ne changera rien "
                    "pour les blessés."],
     "Nous l'attendions depuis des mois.", "Claire Vautrin"),
    ("ru", russian, ["Ольга Вершинина руководит гуманитарной миссией в Ключах, недалеко от линии фронта.",
                     "Вопрос: Стороны согласились на гуманитарную паузу на пять дней. Что вы об этом думаете?",
                     "Ответ: Мы ждали этого несколько месяцев. Но гуманитарная пауза без безопасных коридоров "
                     "ничего не изменит для раненых."],
     "Мы ждали этого несколько месяцев.", "Ольга Вершинина"),
])
def test_an_interview_answer_is_the_interviewees_words(language, module, paragraphs, first, speaker):
    statements = resolved_in(language, module, paragraphs).statements
    # the first sentence names no truce: the answer's words are about the one the question named
    found = {s.text: s.speaker for s in statements}
    assert [v for k, v in found.items() if k.endswith(first)] == [speaker], found


@pytest.mark.slow
def test_a_quotation_closed_by_a_sigh_is_carried_to_its_last_words():
    quote = "« Ils ont déjà signé au printemps. Personne ne les croit plus », soupire le maire de Valmont, Henri Castel."
    found = _texts("fr", french, [FR_BEFORE, quote])
    assert "Personne ne les croit plus », soupire le maire de Valmont, Henri Castel." in found, found


@pytest.mark.parametrize(("language", "sentence", "evidence"), [
    ("ru", "Она не верит, что тишина продлится долго.", "weak"),
    ("ru", "Следующий раунд консультаций намечен на пятницу.", "weak"),
    ("fr", "Les consultations reprendront vendredi à Genève.", "weak"),
])
def test_short_names_of_the_truce_and_its_talks(language, sentence, evidence):
    assert language_lexicon(language).evidence(sentence) == evidence


@pytest.mark.slow
def test_quiet_alone_is_no_statement_and_with_a_truce_it_is():
    quiet = "Вдова Ирина Лаптева не верит, что тишина в посёлке продлится долго."
    assert _texts("ru", russian, ["В читальном зале библиотеки весь день стояла тишина.", quiet]) == []
    assert quiet in _texts("ru", russian, [RU_BEFORE, quiet])


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraph", "quoting"), [
    ("ru", russian, "Правительство Валдории и повстанцы подписали перемирие в понедельник в Ключах. В МИД Валдории "
                    "эти сведения назвали «чистым вымыслом».", "В МИД Валдории эти сведения назвали «чистым вымыслом»."),
    ("fr", french, "Le gouvernement de Valdorie et les rebelles ont signé une trêve lundi à Valmont. Le porte-parole "
                   "du gouvernement, Paul Delorme, a qualifié ces informations de « pure invention ».",
     "Le porte-parole du gouvernement, Paul Delorme, a qualifié ces informations de « pure invention »."),
])
def test_someone_quoting_words_in_a_paragraph_about_the_truce(language, module, paragraph, quoting):
    assert quoting in _texts(language, module, [paragraph])


FR_INTERVIEW = ["Claire Vautrin dirige la mission civile de l'ONU à Valmont, où l'armée et les rebelles ont conclu "
                "un cessez-le-feu en mars après deux ans de combats. Entretien.",
                "Le cessez-le-feu de Valmont tient-il ?",
                "Globalement, oui. Nous n'avons compté que deux incidents depuis la signature.",
                "Que répondez-vous à ceux qui en doutent ?",
                "Que nos patrouilles circulent chaque jour sans escorte."]
RU_INTERVIEW = ["Ольга Вершинина руководит гражданской миссией ООН в Ключах, где армия и повстанцы в марте заключили "
                "перемирие после двух лет боёв. Она ответила на вопросы корреспондента.",
                "— Как вы оцениваете последние заявления Москвы?",
                "— Мы слышали такие обещания и раньше. Сколько раз можно им верить?",
                "— То есть вы против?",
                "— Нет. Мы готовы к перемирию хоть завтра, но под международным контролем."]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "answer", "question", "speaker"), [
    ("fr", french, FR_INTERVIEW, "Globalement, oui.", "Le cessez-le-feu de Valmont tient-il ?", "Claire Vautrin"),
    ("ru", russian, RU_INTERVIEW, "Мы слышали такие обещания и раньше.", "Как вы оцениваете", "Ольга Вершинина"),
])
def test_an_unlabelled_interview_answers_are_the_interviewees(language, module, paragraphs, answer, question,
                                                               speaker):
    found = {s.text: s.speaker for s in resolved_in(language, module, paragraphs).statements}
    assert [v for k, v in found.items() if answer in k] == [speaker], found
    assert not any(question in k for k in found), found  # the interviewer's question is no statement


def test_a_lone_question_and_answer_is_no_interview():
    from pipeline.nlp.multilingual import interview_parts

    assert interview_parts(FR_INTERVIEW, "fr") == {1: "question", 2: "answer_on_topic", 3: "question",
                                                   4: "answer_on_topic"}
    # the reporter's own aside: one question and a "nous" after it, no second pair
    assert interview_parts(["La trêve tiendra-t-elle ?", "Nous le saurons vendredi, quand expire le délai.",
                            "Les combats ont repris au nord."], "fr") == {}
    assert interview_parts(FR_INTERVIEW, "de") == {}


def test_an_interviews_later_answer_need_not_say_we():
    from pipeline.nlp.multilingual import interview_parts

    # once the interview runs (a question, an answer in the first person), the next answer is the interviewee's
    # even with no "nous" of its own
    later = [*FR_INTERVIEW, "Qu'attendez-vous du gouvernement ?", "Qu'il paie les combattants démobilisés avant mars."]
    assert interview_parts(later, "fr").get(6) == "answer_on_topic"
    # a question and an impersonal paragraph with no interview before them are the article's own
    assert interview_parts(["Les rebelles tiendront-ils ?", "Rien n'est moins sûr, disent les diplomates.",
                            "Le gouvernement tiendra-t-il ?", "Personne ne le sait à Valmont."], "fr") == {}

def test_a_quoted_piece_the_splitter_cut_off_mid_sentence_is_no_statement():
    from pipeline.nlp.multilingual import _quoted_in_topic

    # "Selon lui, les rebelles « profiteront de ce répit »." split before the quotation: its lower-case opening
    # shows it is the end of a sentence, not one of its own
    text = "La trêve a été signée lundi. Selon lui, les rebelles « profiteront de ce répit pour se réarmer »."
    cut = text.index("«")
    chosen = {(0, 28): "term"}
    _quoted_in_topic(text, [(0, 28), (29, cut - 1), (cut, len(text))], [(cut, len(text) - 1)], [], chosen,
                     language_lexicon("fr"))
    assert (cut, len(text)) not in chosen


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "before", "between", "unnamed"), [
    ("fr", french, FR_BEFORE, "Le marché de Valmont ouvre chaque samedi depuis 1920 sur la place de l'église.",
     "Un habitant de Valmont prévient toutefois que le calme ne tiendra qu'à condition que les miliciens rendent "
     "leurs armes."),
    ("ru", russian, RU_BEFORE, "Рынок в Ключах открыт по субботам с 1920 года на площади у церкви.",
     "Один из командиров батальона, которого цитирует местное радио, пообещал, что бойцы «не сделают ни одного "
     "выстрела, если их не атакуют»."),
])
def test_an_unnamed_source_right_after_a_statement_carries_the_topic(language, module, before, between, unnamed):
    # an unnamed source ("un habitant", "один из командиров") takes a position right after a paragraph about the truce
    assert unnamed in _texts(language, module, [before, unnamed])
    # not after a paragraph that made no statement
    assert unnamed not in _texts(language, module, [before, between, unnamed])


FR_TRANSCRIPT = [
    "Le ministre valdorien de la Défense, Paul Delorme, répond à nos questions sur la trêve conclue lundi.",
    "Journaliste : Le Front du Nord dit douter de la trêve. Que lui répondez-vous ?",
    "Paul Delorme : Le gouvernement tiendra parole. L'armée restera sur ses lignes jusqu'à la fin du mois.",
    "Journaliste : Qui contrôlera le respect de la trêve ?",
    "Paul Delorme : Des observateurs de l'Union africaine, dès jeudi. Ils auront accès à toute la ligne de front."]
RU_TRANSCRIPT = [
    "Министр обороны Валдории Павел Дронов ответил на вопросы о перемирии, заключённом в понедельник.",
    "Ведущий: В Северном фронте сомневаются в перемирии. Что вы им ответите?",
    "Дронов: Правительство сдержит слово. Армия останется на своих позициях до конца месяца.",
    "Ведущий: Кто будет следить за соблюдением перемирия?",
    "Дронов: Наблюдатели Африканского союза, уже с четверга. У них будет доступ ко всей линии фронта."]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "carried", "question"), [
    ("fr", french, FR_TRANSCRIPT, ["L'armée restera sur ses lignes jusqu'à la fin du mois.",
                                   "Ils auront accès à toute la ligne de front."],
     "Journaliste : Qui contrôlera le respect de la trêve ?"),
    ("ru", russian, RU_TRANSCRIPT, ["Армия останется на своих позициях до конца месяца.",
                                    "У них будет доступ ко всей линии фронта."],
     "Ведущий: Кто будет следить за соблюдением перемирия?"),
])
def test_a_labelled_transcript_answer_speaks_of_the_truce_throughout(language, module, paragraphs, carried, question):
    texts = _texts(language, module, paragraphs)
    assert all(c in texts for c in carried), texts
    # the asker's bare question is no statement, nor a label the splitter cut off ("Paul Delorme :")
    assert question not in texts and not any(t.rstrip().endswith(":") for t in texts)
    # a lone labelled pair is an aside, not a transcript
    assert not any(c in _texts(language, module, paragraphs[:3]) for c in carried)


@pytest.mark.parametrize(("sentence", "aside"), [
    ("Paul Delorme :", True),
    ("YONAS MERSA", True),
    ("J'ai pu joindre Marc Lenoir, qui se dit porte-parole du Front du Nord.", True),
    ("Я связался с представителем повстанцев Олегом Мартыновым.", True),
    ("Ils auront accès à toute la ligne de front.", False),
    ("J'ai toujours dit que cette trêve ne tiendrait pas.", False),
])
def test_an_answers_label_piece_and_a_correspondents_legwork_are_asides(sentence, aside):
    assert _turn_aside(sentence) is aside


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraph", "reported", "source_only"), [
    ("fr", french, "La trêve conclue lundi entre l'armée valdorienne et le Front du Nord tient depuis trois jours. Le "
                   "ministre de l'Intérieur, Paul Delorme, a indiqué que les écoles de Valmont rouvriraient jeudi. "
                   "C'est ce qu'a confirmé son porte-parole, Marc Lenoir.",
     "Le ministre de l'Intérieur, Paul Delorme, a indiqué que les écoles de Valmont rouvriraient jeudi.",
     "C'est ce qu'a confirmé son porte-parole, Marc Lenoir."),
    ("ru", russian, "Перемирие между армией Валдории и Северным фронтом соблюдается третий день. Глава МИД Валдории "
                    "Павел Дронов заявил, что делегация вылетит в Женеву вечером. Об этом сообщил его "
                    "пресс-секретарь Олег Мартынов.",
     "Глава МИД Валдории Павел Дронов заявил, что делегация вылетит в Женеву вечером.",
     "Об этом сообщил его пресс-секретарь Олег Мартынов."),
])
def test_a_speech_verbs_report_in_a_paragraph_about_the_truce(language, module, paragraph, reported, source_only):
    texts = _texts(language, module, [paragraph])
    assert reported in texts
    # a sentence that only names the source of the one before it says nothing of its own
    assert source_only not in texts


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "before", "speech", "courtesy"), [
    ("fr", french, FR_BEFORE, "« Nous appelons les deux camps à respecter strictement la trêve. Merci de votre "
                              "attention », a conclu l'ambassadeur de Valdorie, Hugo Servan.", "Merci de votre attention"),
    ("ru", russian, RU_BEFORE, "«Призываем обе стороны неукоснительно соблюдать перемирие. Благодарю за внимание», — "
                               "заявил постпред Валдории Игорь Серов.", "Благодарю за внимание"),
])
def test_a_speechs_courtesy_is_no_statement(language, module, before, speech, courtesy):
    texts = _texts(language, module, [before, speech])
    assert any("Valdorie" not in t and "Валдории" not in t for t in texts[1:]), texts  # the call is one
    assert not any(t.startswith(courtesy) for t in texts)


@pytest.mark.slow
def test_the_sentence_opening_a_quotation_after_its_colon_is_the_quotations():
    # the quote's first sentence shares its sentence with the cue and colon: it is a sentence of the quote all the
    # same, which speaks of the truce when another of its sentences does
    paragraphs = ["Une porte-parole du gouvernement de Valdorie, Inès Morvan, résume la ligne : « Nous voulons "
                  "que les canons se taisent à Valmont. Mais il n'y aura pas de trêve sans le retrait des milices. »"]
    assert any(t.startswith("Une porte-parole") for t in _texts("fr", french, paragraphs))


FR_OPEN_QUOTE = ["L'armée valdorienne et les rebelles du Front du Nord ont conclu lundi une trêve de trente jours "
                 "après huit mois de combats.",
                 "Le chef rebelle Paul Kassa a été clair : « Nous respecterons la trêve tant que l'armée reste dans ses "
                 "casernes. Nos hommes ont reçu des ordres.",
                 "« Mais au premier coup de feu, nous répondrons. Nos positions seront tenues. »"]


@pytest.mark.slow
def test_a_quotation_running_over_two_paragraphs_is_about_the_truce_in_both():
    # the French convention reopens the marks on the next paragraph: the quote goes on, its speaker's, on the truce
    got = {s.text: s.speaker for s in resolved_in("fr", french, FR_OPEN_QUOTE).statements}
    assert got.get("« Mais au premier coup de feu, nous répondrons.") == "Paul Kassa", got
    assert got.get("Nos positions seront tenues. »") == "Paul Kassa", got


def test_a_quotation_goes_on_only_from_an_open_one_about_the_truce():
    from pipeline.nlp.multilingual import continued_quotations

    assert continued_quotations(FR_OPEN_QUOTE, "fr") == {2: "quote_on_topic"}
    # the quotation before is closed: the next one is another quote, read on its own
    closed = [FR_OPEN_QUOTE[0], FR_OPEN_QUOTE[1] + " »", FR_OPEN_QUOTE[2]]
    assert continued_quotations(closed, "fr") == {}
    # an open quotation on something else in a paragraph that names no truce
    other = ["Le maire de Valmont a inauguré le marché : « Nous l'attendions depuis dix ans.", FR_OPEN_QUOTE[2]]
    assert continued_quotations(other, "fr") == {}
