"""The article-level decision "is this article about an armed conflict's truce?" (pipeline.nlp.context).

Whole trap pages, where "truce", "ceasefire", "armistice" or "moratorium" is figurative or not military, lose their
statements even with a war word or two on the page; real truce articles with few or no war words keep theirs.
Every article here is written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.errors import ConfigError
from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.context import (
    _is_name,
    _is_past,
    about_armed_truce,
    article_frames,
    load_conflict,
    parse_conflict,
    truce_frame,
)
from pipeline.nlp.lexicon import load_lexicon
from pipeline.nlp.resolve import resolve_article
from pipeline.nlp.spans import ParagraphAnalysis, StatementSpan

LEX = load_lexicon()
WORDS = load_conflict()


def analyse(*paragraphs: str):
    analyses = analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + 2
    return analyses, resolve_article("a1", occurrences, {a.paragraph_id: a for a in analyses}, LEX)


def war_words(analyses) -> int:
    return sum(a.context_hits for a in analyses)


def plain_war_words(analyses, paragraphs, lexicon=LEX) -> int:
    """War words before a figurative truce's weight comes off them (Lexicon.context_hits)."""
    return war_words(analyses) + lexicon.figurative_weight * sum(lexicon.figurative(p) for p in paragraphs)


TRAPS = {
    "mobile operators' price truce": (
        "The country's three mobile operators have quietly called a truce in the fight for prepaid customers, "
        "according to figures published on Thursday.",
        "Telvara and Mobi-K, which cut data prices eleven times last year, have not launched a single discount "
        "since March, and the smaller Linkup said the ceasefire had given it room to invest in rural masts.",
        "“It is a relief for our margins,” said Linkup's chief executive, Adaeze Obi.",
    ),
    "a union's moratorium on strikes": (
        "The teachers' union has agreed a six-month moratorium on strikes while the ministry rewrites the pay "
        "scale, ending a dispute that closed schools on fourteen days this term.",
        "Union leaders, who fought the previous two reforms in the courts, said members would vote again in June.",
        "Parents' associations welcomed the truce but said lost lessons would take years to make up.",
    ),
    "a stage play called Truce": (
        "Truce, a new play at the Lyric Theatre by the Chilean writer Ramona Ibarra, follows four former soldiers "
        "who served on opposite sides of the war and now run a bakery together in Valparaíso.",
        "Ibarra spent three years interviewing the men, two of whom were wounded in the same battle.",
        "The run ends in May; a radio version is planned for the autumn.",
    ),
    "Armistice Day remembered": (
        "Hundreds of people stood in silence in the town square on Sunday to remember the Armistice of 1918 and the "
        "soldiers from the valley who were killed in the war.",
        "Schoolchildren read letters written from the trenches, and a brass band played as wreaths were laid.",
        "The memorial lists 212 names; the oldest was 41 and the youngest 17.",
    ),
    "two television chefs' feud": (
        "After three years of insults on breakfast television, the celebrity chefs Bruno Castellane and Mia Thorsby "
        "have declared a ceasefire in what tabloids called the war of the soufflés.",
        "The pair posted a video from Castellane's restaurant kitchen in which they cooked a dinner for their "
        "followers together.",
        "Neither has said whether the truce covers the cookbook both are due to publish at Christmas.",
    ),
    "a divorce": (
        "Lena and Marcus Holt have agreed a ceasefire, eighteen months after filing for divorce and a year after "
        "their lawyers last spoke.",
        "The hearing on the art collection, which both had vowed to fight for to the last painting, has been "
        "postponed until spring.",
    ),
    "a drug makers' patent dispute": (
        "Veridan and Halcor announced a truce on Tuesday, ending a decade in which they sued each other in eleven "
        "courts on three continents over the design of an insulin pen.",
        "Analysts said the fight had cost both companies more than either earned from the product.",
    ),
    # countries, a war and an anniversary in the truce's own sentence: still not a truce of a war
    "phone makers' legal battle across countries": (
        "Samsung and Apple have agreed a ceasefire in their long-running legal battle in South Korea and the "
        "United States, the companies said.",
        "The deal ends 14 cases; the two have fought over each other's designs since 2011.",
    ),
    "a labour federation's moratorium during a war": (
        "Israel's Histadrut labour federation announced a moratorium on strikes for the duration of the war, its "
        "chairman said.",
        "Public sector wage talks will resume after the fighting ends, the finance ministry said.",
    ),
    # a war of words: politicians' "fighting in public", a truce in a fight over the budget, a party's factions
    "coalition partners' war of words": (
        "The two largest parties in Velmora's Government of National Unity have called a truce in their "
        "months-long fight over the budget, after a late-night meeting in the capital.",
        "\u201cWe have agreed to stop fighting in public,\u201d said Ilse Marken, a spokeswoman for the larger party.",
        "Opposition leaders said the ceasefire would not survive the first vote in parliament.",
    ),
    "a ruling party's factions": (
        "Rival factions of the ruling party in the northern province have agreed to \u201ccease all hostilities in "
        "the media\u201d until the regional assembly passes its spending plan.",
        "\u201cThis truce is fragile, but it is a start,\u201d the provincial chairman, Obi Nnamdi, told reporters.",
        "Both camps had traded accusations on local radio for months.",
    ),
    "an armistice anniversary": (
        "Veterans gathered in Washington on Sunday to mark the 73rd anniversary of the Korean War armistice.",
        "The armistice, signed on July 27, 1953, ended three years of fighting but no peace treaty was ever signed.",
    ),
}


@pytest.mark.parametrize("kind", sorted(TRAPS))
def test_trap_page_loses_its_statements(kind):
    analyses, nlp = analyse(*TRAPS[kind])
    # the page names a truce and has a word of war: the old one-war-word gate let it through
    assert any(s.evidence == "term" for a in analyses for s in a.statements), kind
    assert plain_war_words(analyses, TRAPS[kind]) >= 1, kind
    assert nlp.statements == [], [s.text for s in nlp.statements]


REAL = {
    "a short brief": (
        "Ethiopia and Eritrea agreed on Sunday to extend their truce along the shared border by another month, the "
        "Kenyan foreign ministry said after talks in Nairobi.",
    ),
    "a mediator's statement": (
        "The Norwegian envoy to the talks, Siri Haugland, said on Friday that the government of Colombia and the "
        "Second Marquetalia had both agreed to respect the ceasefire through the Easter holidays.",
        "“Both delegations showed they can keep their word,” Haugland told reporters in Oslo.",
    ),
    "a pause in strikes on energy infrastructure": (
        "Russia and Ukraine agreed on Wednesday to a 30-day pause in strikes on each other's energy infrastructure, "
        "the Turkish presidency said.",
        "Ukraine's energy minister, Oleh Brovko, said Kyiv would honour the moratorium as long as Moscow did.",
    ),
    "an old armistice in today's news": (
        "North Korea said on Monday it no longer considered itself bound by the 1953 armistice, days after South "
        "Korean and US forces began joint drills.",
        "Seoul urged Pyongyang to respect the armistice and return to talks.",
    ),
    "a truce in a long political feature": (
        "The finance minister spent most of the spring defending a budget that his own party calls timid, and the "
        "coalition's junior partner has threatened twice to vote it down.",
        "Pension reform, the central bank's independence and a row over fuel subsidies have filled the "
        "parliamentary agenda since January.",
        "Yet the president's boldest gamble lies elsewhere: the truce his government signed in February with the "
        "National Liberation Army, which the president says will hold through the harvest.",
        "Polls suggest voters care more about prices than about the talks in Havana.",
    ),
}


# Words of civilian life that war reporting uses all the time: a truce sentence holding one stays armed or mixed,
# never civilian, so the article keeps its statements.
EVERYDAY_WORDS_OF_WAR = [
    "The foreign ministry said the truce was holding but that the crossings to its neighbour stayed shut.",
    "Both governments said the ceasefire would become legally binding once parliament ratified it.",
    "The navy said an aircraft carrier would stay off the coast to watch over the truce.",
    "\u201cMy husband died for a ceasefire that nobody respects,\u201d the widow of a sergeant told reporters.",
]


@pytest.mark.parametrize("sentence", EVERYDAY_WORDS_OF_WAR)
def test_everyday_words_of_war_do_not_make_a_truce_civilian(sentence):
    analyses, nlp = analyse("Shelling killed three soldiers near the front line overnight, the army said.", sentence)
    assert nlp.statements, sentence


@pytest.mark.parametrize("kind", sorted(REAL))
def test_real_truce_with_few_war_words_keeps_its_statements(kind):
    analyses, nlp = analyse(*REAL[kind])
    assert war_words(analyses) <= 1, kind  # no more than the old gate's one word: it dropped or barely passed them
    assert nlp.statements, kind


def test_real_briefs_without_any_war_word_were_dropped_by_the_old_gate():
    # the first three real articles hold no word of armed conflict at all: a count of war words dropped them
    for kind in ("a short brief", "a mediator's statement", "a pause in strikes on energy infrastructure"):
        analyses, _ = analyse(*REAL[kind])
        assert war_words(analyses) < LEX.min_context, kind


@pytest.mark.parametrize("sentence", [
    "Armistice, the second novel by the poet, is set in a field hospital.",
    "“Ceasefire.",
    "Crowds gathered to mark the Armistice in the square.",
    "Fans queued for hours for the Truce tour.",
    "The town will hold its Armistice Day parade on Sunday.",
    # a genre names a story as surely as "film" does
    "Truce, a Chilean-Peruvian drama about two sisters who share a farm, opens the festival on Friday.",
    "Streaming rights to the Ceasefire thriller were sold on Monday.",
])
def test_truce_word_as_a_name(sentence):
    assert _is_name(sentence, WORDS)


@pytest.mark.parametrize("sentence", [
    "The Joint Ceasefire Commission met in Juba on Monday.",
    # the truce word opens a body's longer name that a coordinator joins to its next capitalised word
    "Monitors of the Ceasefire and Security Arrangements Verification Team reached Kodok on Friday.",
    "Both armies will let the Truce & Border Verification Commission inspect the river posts.",
    "Moscow's “ceasefire” is a smokescreen, the minister said.",
    "Ceasefire talks resumed in Doha.",
    "A ceasefire, the minister said, must come before any talks.",
    "The ceasefire ceremony in Doha was postponed.",
    "The drama of the ceasefire talks in Cairo played out over three nights.",
])
def test_truce_word_as_an_arrangement(sentence):
    assert not _is_name(sentence, WORDS)


def test_a_briefing_that_names_the_truce_monitors_keeps_its_statements():
    # the monitors' long name ("the Ceasefire and ... Mechanism") is no title of a work: before, it framed the
    # sentence as a name, outweighed the briefing's one armed sentence and dropped every statement
    _, nlp = analyse(
        "SPOKESPERSON: The Commission welcomes the agreement on a cessation of hostilities reached between the "
        "Dornik Defence Forces and the Tarso Liberation Army on Tuesday.",
        "SPOKESPERSON: Under the agreement, both forces will hold their positions and allow the Ceasefire and "
        "Security Arrangements Verification Team to investigate any alleged violation within 72 hours.")
    assert len(nlp.statements) == 2


def test_a_truce_remembered():
    assert _is_past("The armistice was signed on 11 November 1918.", WORDS, 2026, LEX)
    assert _is_past("They marked 80 years since the truce.", WORDS, 2026, LEX)
    assert _is_past("They marked the anniversary of the Korean War armistice.", WORDS, 2026, LEX)
    assert not _is_past("The 2024 truce collapsed in March.", WORDS, 2026, LEX)
    assert not _is_past("The truce has held for two years since it was signed.", WORDS, 2026, LEX)
    # a decade is written by its first year: the 1980s are as long gone as 1985
    assert _is_past("The scheme copies a gang truce project of the 1980s.", WORDS, 2026, LEX)
    assert _is_past("The scheme copies a gang truce project of the 1980\u2019s.", WORDS, 2026, LEX)
    assert not _is_past("The truce of the 2020s is holding.", WORDS, 2026, LEX)
    # an old truce in today's fighting is not remembered but disputed
    assert not _is_past("Pyongyang is no longer bound by the 1953 armistice, days after US forces began drills.",
                        WORDS, 2026, LEX)


def test_an_old_truce_held_in_the_present_is_not_remembered():
    # a plan, a demand or a claim of being bound holds the old truce today, whatever year the sentence gives
    assert not _is_past("The envoy said the rebels would return to the ceasefire only if a vote promised in 1989 "
                        "is held.", WORDS, 2026, LEX)
    assert not _is_past("The movement says it is no longer bound by the 1975 truce with its neighbour.",
                        WORDS, 2026, LEX)
    # told in the past, with no one holding it now, it is remembered still
    assert _is_past("The 1975 truce was signed in a tent near the coast.", WORDS, 2026, LEX)
    # a past unreal ("would never have been") and the noun "will" hold nothing today
    assert _is_past("Scholars think the 1962 truce would not have lasted without the harvest.", WORDS, 2026, LEX)
    assert _is_past("The 1962 truce depended on the good will of two aging generals.", WORDS, 2026, LEX)
    assert not _is_past("The rebels will honour the 1962 truce, their leader said.", WORDS, 2026, LEX)
    assert not _is_past("The rebels would have to return to the 1962 truce lines.", WORDS, 2026, LEX)


def test_a_truce_of_a_decade_long_gone_frames_its_page_as_remembered():
    # a programme named after an old one ("Operation Ceasefire of the 1990s") is not a truce held today: the
    # decade is as past as its year, and the page's one sentence in an armed frame no longer carries it
    page = (
        "The city council voted on Monday to fund Ceasefire Leeds, an outreach scheme that pays mentors to calm "
        "disputes before they turn into shootings.",
        "The scheme, copied from Chicago's Operation Ceasefire of the {}, costs $1 million a year.",
        "Officers said shootings in the area it covers fell by a tenth last year.",
    )
    analyses, nlp = analyse(*(p.format("1990s") for p in page))
    assert article_frames(analyses, LEX, WORDS, 2026)["past"] == 1
    assert nlp.statements == [], [s.text for s in nlp.statements]
    analyses, _ = analyse(*(p.format("2020s") for p in page))
    assert article_frames(analyses, LEX, WORDS, 2026)["past"] == 0


def test_games_by_name_and_the_box_office_are_civilian_worlds():
    # two sports boards' truce, a film feud's: the words of their world frame the truce as civilian
    for text in ("\u201cConsider it a ceasefire on the cricket field,\u201d the board's chairman said.",
                 "The feud is worth more at the box office than any ceasefire, an analyst said.",
                 "The rugby truce between the two unions held through the final."):
        assert truce_frame(_statement(text), [], LEX, WORDS, 2026) == "civilian", text
    # and not a truce that lets a town watch the game: its war words make it mixed, half armed
    assert truce_frame(_statement("The ceasefire let residents watch the football without fear of shelling."),
                       [], LEX, WORDS, 2026) == "mixed"


def _statement(text: str) -> StatementSpan:
    return StatementSpan(0, len(text), text, False, None, "none", None, None, "neutral", (), None, None, "t")


def test_other_lexicons_keep_their_min_context_gate():
    # a user's own topic file: the conflict word classes do not apply, its min_context does
    own = dataclasses.replace(LEX, topic="harbour strikes", min_context=2)
    text = "Dockers agreed a truce with the port."
    one = ParagraphAnalysis("p", "v", (), (_statement(text),), 1, context_hits=1)
    two = ParagraphAnalysis("p", "v", (), (_statement(text),), 1, context_hits=2)
    assert not about_armed_truce([one], own)
    assert about_armed_truce([two], own)


def test_civilian_frame_outvotes_a_few_war_words():
    text = "The supermarket chain and its rival brand agreed a truce on discounts."
    page = ParagraphAnalysis("p", "v", (), (_statement(text),), 3, context_hits=4)
    assert not about_armed_truce([page], LEX)


def test_a_truce_named_by_a_verb_takes_that_verbs_matter_as_its_frame():
    # "described/hailed as a truce in their wage dispute": the parse hangs "in their ... dispute" on the verb, not
    # on the truce; it still says what the truce is about, so the page's few war words ("the fight") do not carry it
    analyses, nlp = analyse(
        "The drivers' union has agreed to call off its weekend stoppages on the city's buses until March, in what "
        "both sides hailed as a truce in their long wage dispute.",
        "\u201cOur members need a rest, and so do passengers,\u201d said the union's secretary, Colm Brady. "
        "\u201cIn March the fight starts again.\u201d",
        "Commuter groups said the ceasefire had come too late for the people stranded during the autumn's stoppages.",
    )
    assert war_words(analyses) < 1
    assert nlp.statements == [], [s.text for s in nlp.statements]
    # a truce named so in a war keeps its statements: the verb's phrase is a war's
    _, real = analyse(
        "The rebels agreed to halt their attacks on the northern road until March, in what both sides described as "
        "a truce in the fighting around the town.",
    )
    assert real.statements


def test_a_place_alone_does_not_waive_the_count_of_war_words():
    # an armed body or a border waives it (a brief on two states' truce); a city where a tournament is held does not
    _, esports = analyse(
        "The two best teams in competitive shooter games have agreed to stop trading insults online.",
        "Organisers said the ceasefire would be tested at next month's final in Cologne.",
    )
    assert esports.statements == []
    _, brief = analyse("Armenia and Azerbaijan agreed to respect the ceasefire along their border, the Russian "
                       "foreign ministry said.")
    assert brief.statements


def test_bad_conflict_file_is_a_config_error():
    with pytest.raises(ConfigError, match="conflict.toml"):
        parse_conflict(b"topic = 'ceasefire'\n[civilian]\n", "conflict.toml")


# French and Russian: the same decision on each language's own word classes (conflict_fr.toml, conflict_ru.toml)

def analyse_in_language(language: str, *paragraphs: str):
    from pipeline.nlp.multilingual import analyse_in, language_lexicon

    analyses = analyse_in(language, [(f"p{i}", p) for i, p in enumerate(paragraphs)])
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + 2
    lexicon = language_lexicon(language)
    return analyses, resolve_article("a1", occurrences, {a.paragraph_id: a for a in analyses}, lexicon)


OTHER_TRAPS = {
    ("fr", "deux plateformes de livraison et leur trêve des tarifs"): (
        "Les deux plateformes de livraison de repas ont conclu une trêve sur les tarifs, selon plusieurs clients "
        "qui n'ont vu aucune promotion depuis janvier.",
        "Pendant dix-huit mois, leur guerre de rabais avait vidé les caisses des restaurateurs, estime un analyste.",
    ),
    ("fr", "un roman intitulé Armistice"): (
        "Armistice, le deuxième roman de la Lyonnaise Clémence Vardier, raconte le retour au village d'un homme "
        "qui a passé quatre ans à la guerre.",
        "Le livre, déjà traduit en six langues, sera adapté au cinéma l'an prochain.",
    ),
    ("fr", "la trêve d'un couple divorcé"): (
        "Après trois ans de procédure, les deux ex-conjoints ont signé une trêve sur la garde des enfants, "
        "a indiqué leur avocate.",
        "Leur divorce avait été comparé par la presse people à une guerre de tranchées.",
    ),
    ("fr", "le centenaire de l'armistice"): (
        "Des centaines d'habitants ont assisté dimanche aux cérémonies du centenaire de l'armistice devant le "
        "monument aux morts de la commune.",
        "Les élèves de l'école ont lu les lettres de soldats tués pendant la guerre.",
    ),
    # the ninth session: a truce of a labour dispute, of two football clubs, of a parliament's groups; each has a
    # cease-fire or a "président" (the words that make a sentence armed) and a word of its own civilian world
    ("fr", "un cessez-le-feu dans un conflit social"): (
        "Les conducteurs de bus de la métropole ont suspendu leur mouvement pour deux semaines, a annoncé la "
        "direction du réseau.",
        "La ministre du Travail a appelé à un cessez-le-feu durable dans ce conflit social.",
    ),
    ("fr", "le cessez-le-feu de deux présidents de club"): (
        "Le cessez-le-feu scellé en août entre les présidents des deux clubs bretons n'a pas résisté au derby "
        "de samedi au stade de la Route de Lorient.",
        "Après un arbitrage jugé partial, le président rennais a accusé son rival de rompre la trêve.",
    ),
    ("fr", "le cessez-le-feu de deux groupes parlementaires"): (
        "Le président du groupe centriste a promis un cessez-le-feu sur le projet de loi jusqu'au retour des "
        "sénateurs, dans une ambiance de guerre de tranchées.",
    ),
    # the eleventh session: a figurative "cessez-le-feu" (which the French lexicon counts as a war word: the frame
    # reads the words around it), a minister of a civilian portfolio, a truce word the model takes for a place
    ("fr", "le cessez-le-feu social des cheminots"): (
        "La direction de la compagnie ferroviaire et les syndicats de cheminots ont signé mardi une trêve jusqu'à "
        "la fin des vacances scolaires.",
        "Le gouvernement s'est félicité de ce cessez-le-feu social, fragile selon les observateurs.",
        "« La trêve n'est pas la paix », a prévenu un responsable syndical, qui menace de reprendre le combat en "
        "février.",
    ),
    ("fr", "le cessez-le-feu salué par le ministre des Sports"): (
        "Les présidents de l'Olympique de Marseille et du Paris Saint-Germain ont décrété une trêve avant le "
        "classique de dimanche.",
        "Le ministre des Sports a salué ce cessez-le-feu et appelé les tribunes à suivre l'exemple.",
        "La trêve a pourtant volé en éclats dès la 20e minute, après un carton rouge contesté.",
    ),
    ("fr", "le cessez-le-feu de deux avionneurs"): (
        "Les deux avionneurs ont conclu une trêve dans leur bataille juridique devant l'organe de règlement des "
        "différends.",
        "Le cessez-le-feu, négocié par les gouvernements européens et américain, suspend les droits de douane "
        "pendant cinq ans.",
        "« C'est la fin d'une guerre de dix-sept ans », s'est réjoui un commissaire européen.",
    ),
    ("fr", "la trêve de deux animateurs"): (
        "Trêve entre les deux animateurs vedettes de la télévision : après des mois de clashs sur les réseaux "
        "sociaux, ils se sont serré la main en direct samedi.",
        "« On a enterré la hache de guerre », a déclaré l'un d'eux à un quotidien.",
        "La chaîne espère que le cessez-le-feu durera jusqu'à la fin de la saison.",
    ),
    # a state office (a president, a government) frames a truce as armed, except on a page whose truce is civilian
    # in another sentence: there the office is that world's
    ("fr", "la trêve de deux enseignes et le gouvernement qui veille"): (
        "Les deux géants de la grande distribution ont signé une trêve dans la guerre des promotions qui les "
        "oppose depuis le printemps.",
        "Le président de l'un des deux groupes a déclaré que cette trêve permettrait de « protéger les "
        "producteurs ».",
        "Le gouvernement surveillera l'application de la trêve, a indiqué le ministère de l'Économie.",
    ),
    ("fr", "la trêve de trois héritiers"): (
        "Les trois héritiers du groupe de luxe ont conclu une trêve dans la guerre de succession qui les déchire "
        "depuis la mort de leur père.",
        "« La trêve est signée, pas la paix », a commenté un proche de la famille.",
    ),
    ("ru", "режим тишины в библиотеке и в поликлинике"): (
        "В районной библиотеке с марта вводится режим тишины: в читальном зале нельзя говорить по телефону, "
        "а за нарушение грозит штраф.",
        "Режим тишины после 21:00 ввели и в детской поликлинике, сообщили в горздраве.",
        "Местные блогеры в шутку называют это войной с болтунами.",
    ),
    ("ru", "перемирие двух операторов связи"): (
        "Два крупнейших сотовых оператора страны заключили негласное перемирие и полгода не снижают тарифы для "
        "клиентов, пишут аналитики.",
        "До этого три года шла настоящая война скидок.",
    ),
    ("ru", "фильм «Перемирие»"): (
        "Фильм «Перемирие» молодого режиссёра Ильи Карпова о двух солдатах, вернувшихся с войны, покажут на "
        "фестивале в Выборге.",
        "Картина снималась в родном городе режиссёра, сообщил продюсер.",
    ),
    ("ru", "перемирие в разводе"): (
        "Бывшие супруги, чей развод полтора года обсуждали таблоиды, заключили перемирие ради детей.",
        "До этого они судились из-за квартиры, машины и собаки, словно на войне.",
    ),
    ("ru", "годовщина перемирия"): (
        "Ветераны собрались в парке, чтобы отметить семидесятую годовщину перемирия, положившего конец войне.",
        "Школьники прочитали письма погибших солдат и возложили цветы к памятнику.",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize(("language", "kind"), sorted(OTHER_TRAPS))
def test_french_and_russian_trap_pages_lose_their_statements(language, kind):
    from pipeline.nlp.multilingual import language_lexicon

    analyses, nlp = analyse_in_language(language, *OTHER_TRAPS[language, kind])
    # the page names a truce and has a word of war: the old one-war-word gate let it through
    assert any(s.evidence == "term" for a in analyses for s in a.statements), kind
    assert plain_war_words(analyses, OTHER_TRAPS[language, kind], language_lexicon(language)) >= 1, kind
    assert nlp.statements == [], [s.text for s in nlp.statements]


OTHER_REAL = {
    ("fr", "une brève sur deux États"): (
        "Le Soudan et le Soudan du Sud ont accepté dimanche de prolonger d'un mois la trêve le long de leur "
        "frontière commune, a indiqué le ministère éthiopien des Affaires étrangères.",
    ),
    ("fr", "la déclaration d'un médiateur"): (
        "L'émissaire norvégien, Siri Haugland, a affirmé vendredi que le gouvernement colombien et la Seconde "
        "Marquetalia s'étaient engagés à respecter le cessez-le-feu pendant les fêtes de Pâques.",
        "« Les deux délégations ont montré qu'elles tenaient parole », a déclaré Mme Haugland à Oslo.",
    ),
    ("ru", "короткая заметка о двух государствах"): (
        "Армения и Азербайджан договорились в воскресенье продлить перемирие на границе ещё на месяц, сообщил "
        "МИД России.",
    ),
    ("ru", "заявление посредника"): (
        "Норвежский посланник Сири Хаугланн заявила в пятницу, что правительство Колумбии и повстанцы обязались "
        "соблюдать режим прекращения огня до конца праздников.",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize(("language", "kind"), sorted(OTHER_REAL))
def test_french_and_russian_real_briefs_keep_their_statements(language, kind):
    _, nlp = analyse_in_language(language, *OTHER_REAL[language, kind])
    assert nlp.statements, kind


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_french_and_russian_have_their_own_word_classes(language):
    words = load_conflict(language)
    assert words.language == language and words.topic == "ceasefire"
    assert dataclasses.replace(LEX, language=language).language == language
    assert words.applies_to(dataclasses.replace(LEX, language=language))
    assert not words.applies_to(LEX)
    # another topic, or a language with no word classes, keeps the lexicon's min_context gate
    assert load_conflict(language, "harbour strikes") is None
    assert load_conflict("uk") is None


def test_russian_words_match_inflected_forms_and_french_plurals():
    ru, fr = load_conflict("ru"), load_conflict("fr")
    assert ru.truce.search("нарушение режима прекращения огня") and ru.truce.search("о перемирии")
    assert ru.civilian.search("две компании заключили") and ru.civilian.search("с компанией")
    assert fr.civilian.search("les entreprises") and fr.civilian.search("une chanteuse")
    assert fr.truce.search("les trêves") and not fr.civilian.search("la société civile")


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Le film « Trêve » sort mercredi."),
    ("fr", "Ils ont vu « Cessez-le-feu. »"),
    ("ru", "Фильм «Перемирие» покажут в Выборге."),
    ("ru", "Премьера спектакля «Перемирие» прошла в Перми."),
])
def test_french_and_russian_truce_word_as_a_name(language, sentence):
    assert _is_name(sentence, load_conflict(language))


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "La trêve a été violée cette nuit, selon l'armée."),
    ("fr", "L'application du cessez-le-feu reste fragile."),
    ("ru", "Перемирие нарушено в четырнадцатый раз."),
    ("ru", "Стороны обсудили перемирие в Женеве."),
])
def test_french_and_russian_truce_word_as_an_arrangement(language, sentence):
    assert not _is_name(sentence, load_conflict(language))


def test_french_and_russian_truce_remembered():
    fr, ru = load_conflict("fr"), load_conflict("ru")
    assert _is_past("Ils ont célébré le centenaire de l'armistice.", fr, 2026)
    assert _is_past("Il y a 80 ans, l'armistice était signé.", fr, 2026)
    assert _is_past("Ветераны отметили годовщину перемирия.", ru, 2026)
    assert _is_past("Спустя 70 лет перемирие всё ещё действует.", ru, 2026)
    assert not _is_past("La trêve de 2024 a tenu trois mois.", fr, 2026)
    assert not _is_past("Перемирие 2025 года нарушено.", ru, 2026)


def test_english_word_classes_are_unchanged_by_the_other_languages():
    english = load_conflict()
    assert english.language == "en" and english.forms == "english" and english.grammar.work_before is False
    assert english.digest == parse_conflict(
        (__import__("importlib.resources").resources.files("pipeline.nlp") / "data" / "conflict.toml").read_bytes()
    ).digest


def test_bad_forms_in_a_conflict_file_is_a_config_error():
    with pytest.raises(ConfigError, match="forms"):
        parse_conflict(b"topic = 'ceasefire'\nforms = 'german'\n", "conflict_de.toml")


def test_a_french_quote_cut_from_its_attribution_reads_its_paragraphs_war_words():
    # "Le porte-parole de l'armée, X : « La trêve ... »": the French sentence ends at the colon, so the quoted truce
    # holds no war word of its own; its paragraph's ("armée") frame it, as a place would (a state frame)
    from pipeline.nlp.context import truce_frame
    from pipeline.nlp.multilingual import language_lexicon

    quote = dataclasses.replace(_statement("La trêve a encore été violée cette nuit."), direct_quote=True)
    fr = language_lexicon("fr")
    assert truce_frame(quote, (), fr, load_conflict("fr"), 2026, paragraph_hits=1) == "state"
    assert truce_frame(quote, (), fr, load_conflict("fr"), 2026, paragraph_hits=0) == "bare"
    # English sentences keep their attribution: the rule is French data, not code for every language
    assert truce_frame(dataclasses.replace(_statement("The truce was broken again."), direct_quote=True), (), LEX,
                       WORDS, 2026, paragraph_hits=1) == "bare"


# A truce sentence that a trap phrase vetoes ("the clubs' supporters", "la trêve des confiseurs") is no statement, so
# the frames never saw it: its page kept a bare quoted "ceasefire" on two war words. Its figure now takes
# figurative_weight war words off its paragraph's count (Lexicon.context_hits), in every language.
FIGURATIVE_PAGES = {
    "en": (
        "A truce between the two clubs' supporters lasted until the second half on Saturday, when flares flew "
        "across the stands and the referee stopped play.",
        "\u201cI was a soldier once, so I know what a real ceasefire looks like,\u201d said Tomas Vidal, who played "
        "for the visitors. \u201cToday nobody kept it for long.\u201d",
        "Police said nine people were held after fighting broke out at the gates and two guns were found in a car.",
    ),
    "fr": (
        "La trêve des confiseurs a tenu trois jours à peine à la mairie, où la majorité et l'opposition se sont de "
        "nouveau affrontées lundi sur le budget.",
        "« Cette trêve n'a jamais existé, et tout le monde le savait », a déclaré l'élu Paul Marchand.",
        "Selon lui, les débats sur les combats de rue et les armes saisies par la police municipale ont tout relancé.",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(FIGURATIVE_PAGES))
def test_a_truce_a_trap_phrase_vetoes_counts_against_its_page(language):
    from pipeline.nlp.multilingual import language_lexicon

    paragraphs = FIGURATIVE_PAGES[language]
    analyses, nlp = analyse(*paragraphs) if language == "en" else analyse_in_language(language, *paragraphs)
    lexicon = LEX if language == "en" else language_lexicon(language)
    assert [lexicon.figurative(p) for p in paragraphs] == [1, 0, 0]
    assert any(s.evidence == "term" for a in analyses for s in a.statements)  # the bare quoted truce
    # without the figure's weight the page had its war words and kept the quote
    unweighted = [dataclasses.replace(a, context_hits=a.context_hits + lexicon.figurative_weight * lexicon.figurative(p))
                  for a, p in zip(analyses, paragraphs)]
    assert about_armed_truce(unweighted, lexicon)
    assert not about_armed_truce(analyses, lexicon)
    assert nlp.statements == [], [s.text for s in nlp.statements]


def test_figurative_weight_counts_only_truce_sentences_a_trap_marks():
    war = "Shelling hit the border town overnight, the army said."
    price_truce = "The two supermarkets called a price truce on Monday."
    assert LEX.context_hits(war + " " + price_truce) == LEX.context_hits(war) - LEX.figurative_weight
    assert LEX.figurative(price_truce) == 1
    # a trap phrase without a truce word, or a truce word without a trap phrase, is no figure
    assert LEX.figurative("Fans sang outside the stadium. The ceasefire held in the north.") == 0
    assert LEX.context_hits("The ceasefire held despite sporadic shelling.") == 1
    # a statement's own sentence has no trap phrase: its count is the plain one, never lowered below zero
    assert LEX.figurative("The truce between the armies held.") == 0
    assert LEX.context_hits("The truce between the armies held.") == 0
    assert LEX.context_hits("The truce between the armies held despite shelling.") == 1


def test_a_state_office_frames_a_truce_as_armed_unless_the_page_is_civilian():
    from pipeline.nlp.context import article_frames

    brief = ("The president of Gabon welcomed the ceasefire announced by the two neighbours on Sunday.",
             "The government will send observers, the prime minister said.")
    analyses, nlp = analyse(*brief)
    assert article_frames(analyses, LEX)["armed"] >= 1 and nlp.statements
    retail = ("Two supermarket chains have agreed a truce over loyalty cards after months of losses.",
              "The government will watch the truce closely, the president of one of the chains said.")
    analyses, _ = analyse(*retail)
    frames = article_frames(analyses, LEX)
    assert frames["armed"] == 0 and "office" not in frames, frames


def test_a_title_shown_once_is_the_title_wherever_the_page_writes_it_as_a_name():
    # a review of a war film: its title is shown by the possessive before it, then comes back on its own, beside
    # words of the war the film is set in and the countries it plays in
    review = ("Kigali \u2014 Director Ines Mbabazi's Armistice, which opened in forty cinemas on Friday, follows two "
              "soldiers from rival armies stranded in a flooded border post.",
              "The final act sags, and the handshake in the rain is pure poster.",
              "Armistice premiered in Toronto in September and opens in French and Belgian cinemas next week.")
    analyses, nlp = analyse(*review)
    assert not about_armed_truce(analyses, LEX) and nlp.statements == []
    # an armed page where the word opens a sentence keeps it: no sentence showed it to be a title
    news = ("Armistice talks between the two armies resumed in Geneva on Monday after a week of shelling, the "
            "mediators said.",
            "Armistice negotiators from both sides met for six hours, a spokesman for the mediators said.")
    analyses, nlp = analyse(*news)
    assert about_armed_truce(analyses, LEX) and nlp.statements


def test_a_capitalised_truce_word_after_a_possessor_is_a_work():
    assert _is_name("Director Ines Mbabazi's Armistice, which opened on Friday, is set in a bunker.", WORDS)
    assert not _is_name("The Kremlin's Ceasefire Commission met on Friday.", WORDS)


def test_a_civilian_word_does_not_sink_an_article_about_a_war():
    # the speaker's trade is no civilian truce: the article's war words and its armed truce outweigh it
    _, nlp = analyse(
        "Artillery fire hit the outskirts of Kesh overnight and two soldiers were killed, officials said.",
        "The army and the rebels agreed a three-day ceasefire around the river port of Kesh on Monday.",
        "\u201cThey have promised us a ceasefire before,\u201d said Ida Moll, a grain trader.",
    )
    assert [s.text[:20] for s in nlp.statements] == ["The army and the reb", "\u201cThey have promised "]


@pytest.mark.parametrize(("hits", "kept"), [(2, False), (WORDS.civilian_outweighed, True)])
def test_war_words_outweigh_a_civilian_truce_sentence_only_beside_an_armed_one(hits, kept):
    armed = _statement("The army and the rebels agreed a truce.")
    civilian = _statement("The company welcomed the truce.")
    page = [ParagraphAnalysis("p1", "v", (), (armed,), 1, context_hits=hits),
            ParagraphAnalysis("p2", "v", (), (civilian,), 1, context_hits=0)]
    assert about_armed_truce(page, LEX) is kept
    # with no armed or state truce sentence, the civilian one still decides, however many war words
    assert not about_armed_truce([page[1], dataclasses.replace(page[0], statements=(civilian,))], LEX)


def test_armed_gangs_are_parties_to_a_war_truce():
    # gangs that hold a city are armed actors: their truce counts though the page names no other word of war
    _, nlp = analyse(
        "The gangs that hold the port district offered its residents a Christmas truce on Sunday.",
        "The transitional council welcomed the offer; the gangs said people could celebrate until 2 January.",
    )
    assert nlp.statements
    # a group of friends is no gang of war
    _, friends = analyse("The old gang from school has called a truce in the group chat after the wedding row.")
    assert friends.statements == []


@pytest.mark.slow
def test_french_adjectives_of_nationality_are_not_two_states_around_a_truce():
    # "le football français et ... les supporters belges": lower-case adjectives of nationality qualify the sport,
    # they are not two states facing each other; two peoples named as such ("les Russes et les Ukrainiens") are
    from pipeline.nlp.context import truce_frame
    from pipeline.nlp.multilingual import language_lexicon

    fr, words = language_lexicon("fr"), load_conflict("fr")

    def frame(text):
        analysis = analyse_in_language("fr", text)[0][0]
        assert any(e.label == "NORP" for e in analysis.entities), analysis.entities
        return truce_frame(_statement(text), analysis.entities, fr, words, 2026)

    # a sport's truce is civilian, not half armed ("mixed") because two adjectives of nationality qualify it
    assert frame("Selon lui, cette trêve est une bonne nouvelle pour le football français et les clubs belges.") \
        == "civilian"
    assert frame("Selon lui, cette trêve arrange surtout les familles françaises et belges.") != "armed"
    assert frame("Selon lui, cette trêve est une bonne nouvelle pour les Russes et les Ukrainiens.") == "armed"


def test_two_states_make_no_war_on_a_page_whose_truce_is_also_civilian():
    # two states' truce over steel quotas, then what it means for importers' customers: two states frame the first
    # sentence as armed, but with a civilian truce sentence on the page and no word of war anywhere, nothing is kept
    trade = ("Canada and Japan agreed on Monday to a 60-day truce in their dispute over steel quotas, officials "
             "in Ottawa said.",
             "Importers in Osaka said the truce would let them keep their customers until spring.")
    analyses, nlp = analyse(*trade)
    assert war_words(analyses) == 0 and article_frames(analyses, LEX) == {"armed": 1, "mixed": 1}
    assert not about_armed_truce(analyses, LEX) and nlp.statements == []
    # the same two states' truce alone, in a brief with no word of war, is still theirs
    analyses, nlp = analyse(trade[0].replace(" in their dispute over steel quotas", ""))
    assert about_armed_truce(analyses, LEX) and nlp.statements


def test_an_organisation_named_by_a_civilian_world_frames_its_truce_as_civilian():
    # two sports boards of two states: their names say which world the truce is in, though a capitalised word
    # escapes the lower-case civilian words; two states alone would frame it as armed
    boards = ("Dhaka \u2014 The Bangladesh Hockey Federation and the Sri Lanka Hockey Federation have agreed a truce "
              "in their dispute over the hosting of next year's Asian Games qualifiers.")
    analyses, nlp = analyse(boards)
    assert article_frames(analyses, LEX) == {"mixed": 1}
    assert not about_armed_truce(analyses, LEX) and nlp.statements == []
    # a body the gazetteer lists or one named as armed or a state's stays armed ("the African Union")
    analyses, nlp = analyse("The African Union welcomed the truce between the army and the rebels in Darfur.")
    assert about_armed_truce(analyses, LEX) and nlp.statements
