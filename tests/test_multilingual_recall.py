"""French and Russian statements the truce's wording alone would miss: its other short names (a lull the sides
keep) and a side's reply that names nothing of what it answers, right after a statement about the truce."""

from __future__ import annotations

import pytest

from conftest import resolved_in
from pipeline.nlp import french, russian
from pipeline.nlp.multilingual import language_cues, language_lexicon


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Une accalmie fragile règne depuis mardi sur les collines autour de Valmont."),
    ("ru", "В районе Ключей третий день держится хрупкое затишье."),
])
def test_a_lull_is_the_truces_short_name(language, sentence):
    assert language_lexicon(language).evidence(sentence) == "weak"


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Accalmie chez les actionnaires du constructeur après la chute des cours."),
    ("ru", "На рынке акций наступило затишье, инвесторы ждут решения регулятора."),
])
def test_a_lull_on_a_trap_page_is_no_truce(language, sentence):
    assert language_lexicon(language).evidence(sentence) is None


def _texts(language, module, paragraphs) -> list[str]:
    return [s.text for s in resolved_in(language, module, paragraphs).statements]


FR_BEFORE = ("Le gouvernement de Valdorie et les rebelles du Front du Nord ont conclu lundi une trêve de trente jours "
             "après des mois de combats, a annoncé le ministre des Affaires étrangères, Paul Delorme.")
RU_BEFORE = ("Правительство Валдории и повстанцы Северного фронта в понедельник договорились о перемирии на тридцать "
             "дней после месяцев боёв, заявил министр иностранных дел Павел Дронов.")
FR_BETWEEN = "Le marché de Valmont ouvre chaque samedi depuis 1920 sur la place de l'église."
RU_BETWEEN = "Рынок в Ключах открыт по субботам с 1920 года на площади у церкви."


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "before", "between", "reply"), [
    ("fr", french, FR_BEFORE, FR_BETWEEN, "À Valmont, le maire Henri Castel se montre plus que sceptique."),
    ("ru", russian, RU_BEFORE, RU_BETWEEN, "В штабе Северного фронта с этим не согласны."),
])
def test_a_reply_right_after_a_statement_speaks_of_the_truce(language, module, before, between, reply):
    assert reply in _texts(language, module, [before, reply])
    # not after a paragraph that made no statement: a reply elsewhere in the news answers anything
    assert reply not in _texts(language, module, [before, between, reply])


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "before", "reply"), [
    ("fr", french, FR_BEFORE, "Le Front du Nord, lui, minimise."),
    ("ru", russian, RU_BEFORE, "В Ключах к этому отнеслись настороженно."),
])
def test_a_reply_in_a_paragraph_about_the_truce_is_a_statement(language, module, before, reply):
    assert reply in _texts(language, module, [f"{before} {reply}"])


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs"), [
    ("fr", french, ["Les actionnaires du constructeur ont signé une trêve des confiseurs avec les syndicats.",
                    "Le patronat, lui, se montre sceptique."]),
    ("ru", russian, ["Болельщики двух клубов заключили перемирие перед матчем.",
                     "В руководстве лиги к этому отнеслись скептически."]),
])
def test_a_reply_on_a_trap_page_is_no_statement(language, module, paragraphs):
    assert _texts(language, module, paragraphs) == []


# ---------------------------------------------------------------------------- a quotation opening mid-sentence

class _Piece:
    def __init__(self, text: str, start: int) -> None:
        self.text, self.start_char = text, start


class _Cut:
    """A parsed text as the model cut it into sentences at the given offsets (its cuts at « vary with the words)."""
    def __init__(self, text: str, cuts: list[int]) -> None:
        bounds = [0, *cuts, len(text)]
        self.text = text
        self.sents = [_Piece(text[a:b], a) for a, b in zip(bounds, bounds[1:])]


def _cut(text: str, *marks: str) -> list[str]:
    doc = _Cut(text, [text.index(m) for m in marks])
    return [text[a:b] for a, b in french._sentences(doc)]


def test_a_quotation_opening_in_lower_case_goes_on_with_its_sentence():
    text = "Selon lui, les miliciens de la vallée « utiliseront cette pause pour se réarmer ». Rien d'autre."
    # the model's cut before the mark, and the mark left alone between two cuts
    assert _cut(text, "« utiliseront", "Rien") == [text[:text.index(" Rien")], "Rien d'autre."]
    assert _cut(text, "« utiliseront", "utiliseront", "Rien") == [text[:text.index(" Rien")], "Rien d'autre."]


def test_a_quotation_opening_a_new_sentence_stays_its_own():
    text = "Les pourparlers ont repris. « Nous tiendrons parole », a dit le négociateur Paul Delorme."
    assert _cut(text, "« Nous") == ["Les pourparlers ont repris.", text[text.index("«"):]]
    # nor does a capitalised quotation after a sentence cut with no full stop (a heading, a label) join it
    text = "Pour la ministre « Nous tiendrons parole »"
    assert _cut(text, "« Nous") == ["Pour la ministre", "« Nous tiendrons parole »"]


# ---------------------------------------------------------------------------- "dire" with an infinitive

@pytest.mark.slow
def test_dire_with_an_infinitive_is_a_say_on_the_truce():
    said = "Le Front du Nord dit vouloir « faciliter l'acheminement des vivres » vers les camps de Valmont."
    doubt = "Des habitants de Valmont joints par téléphone disent ne plus croire aux promesses des deux camps."
    statements = {s.text: s for s in resolved_in("fr", french, [FR_BEFORE, f"{said} {doubt}"]).statements}
    assert statements[said].speaker == "Front du Nord"
    assert statements[doubt].stance == "oppose"


@pytest.mark.slow
def test_dit_as_a_nickname_is_no_say():
    text = "Le chef rebelle Ali dit Kadhafi commandait la colonne, selon les archives de la ville."
    assert language_cues("fr").verbs and not any(p.search(text) for p in language_cues("fr").verbs)


# ---------------------------------------------------------------------------- fire opened is the fighting

@pytest.mark.parametrize("sentence", [
    "Le gouverneur accuse la garnison d'avoir ouvert le feu la première.",
    "Pas un seul coup de feu n'a été entendu depuis dimanche.",
])
def test_fire_opened_is_a_word_of_the_fighting(sentence):
    assert language_lexicon("fr").context_hits(sentence) >= 1


@pytest.mark.slow
def test_an_accusation_of_opening_fire_after_a_statement_is_one():
    accusation = "Le Front du Nord accuse l'armée d'avoir ouvert le feu la première."
    assert accusation in _texts("fr", french, [FR_BEFORE, accusation])


# ---------------------------------------------------------------------------- the body that watches the truce

@pytest.mark.parametrize("sentence", [
    "Le mécanisme de surveillance présidé par la Norvège se réunira lundi à Valmont.",
    "Le mécanisme conjoint de vérification a recensé quarante incidents en une semaine.",
])
def test_the_truces_monitoring_mechanism_is_its_short_name(sentence):
    assert language_lexicon("fr").evidence(sentence) == "weak"


def test_a_mechanism_of_another_kind_is_none():
    assert language_lexicon("fr").evidence("Le mécanisme de financement des retraites sera revu en janvier.") is None


@pytest.mark.slow
def test_the_monitoring_mechanism_in_an_article_about_the_truce_is_a_statement():
    meeting = "Le mécanisme de surveillance présidé par la Norvège se réunira lundi à Valmont."
    assert meeting in _texts("fr", french, [FR_BEFORE, meeting])


# ---------------------------------------------------------------------------- the deal's signing

def test_the_signing_is_the_deals_short_name():
    lexicon = language_lexicon("fr")
    assert lexicon.evidence("Le ministre a qualifié la signature de « jour historique pour Valmont ».") == "weak"
    assert lexicon.evidence("Depuis cette signature, les patrouilles circulent librement.") == "weak"
    # the signing of something named after it is that thing's (the truce's own word decides)
    assert lexicon.evidence("La signature du contrat de gaz est reportée.") is None


@pytest.mark.slow
def test_a_say_on_the_signing_keeps_the_paragraphs_after_it_on_the_truce():
    said = "Le ministre Paul Delorme a qualifié la signature de « jour historique »."
    reply = "À Valmont, l'opposition se montre sceptique."
    texts = _texts("fr", french, [FR_BEFORE, said, reply])
    assert said in texts and reply in texts


@pytest.mark.slow
def test_an_attitude_quoted_after_se_dire_is_a_say():
    said = "Le conseiller politique du Front du Nord, Marc Tessier, s'est dit « prêt à signer dès demain »."
    statements = {s.text: s for s in resolved_in("fr", french, [f"{FR_BEFORE} {said}"]).statements}
    assert statements[said].speaker == "Marc Tessier"


@pytest.mark.parametrize("sentence", [
    "Le ministère de l'Intérieur ne reconnaît pas ces arrangements conclus au village.",
    "Les bailleurs pourraient lier leur aide au respect du moratoire.",
    "Les miliciens profiteront du répit pour se réarmer.",
])
def test_short_names_in_the_plural_or_after_a_contracted_article(sentence):
    assert language_lexicon("fr").evidence(sentence) == "weak"


def test_a_respite_of_another_kind_is_none():
    assert language_lexicon("fr").evidence("Les marchés ont profité d'un répit après la baisse des taux.") is None


# ---------------------------------------------------------------------------- the guidelines' other arrangements

@pytest.mark.parametrize(("sentence", "evidence"), [
    ("Les deux armées ont convenu de l'arrêt des tirs d'artillerie à minuit.", "term"),
    ("Paris plaide pour une désescalade rapide autour de Valmont.", "weak"),
    ("Le plan prévoit le retrait des troupes de la ligne de contact.", "weak"),
])
def test_de_escalation_withdrawal_and_a_halt_to_shooting(sentence, evidence):
    assert language_lexicon("fr").evidence(sentence) == evidence


def test_a_withdrawal_of_another_kind_is_none():
    assert language_lexicon("fr").evidence("Le retrait des billets de banque usagés commence lundi.") is None


# ---------------------------------------------------------------------------- an aside naming its speaker by title

@pytest.mark.slow
def test_an_aside_with_a_title_and_a_name_attributes_the_quotation():
    text = "« Notre patience, a prévenu son député Marc Tessier, n'est pas infinie. »"
    assert [q.speaker_text for q in french.analyse_paragraphs([("p", text)])[0].quotes] == ["Marc Tessier"]


@pytest.mark.slow
def test_a_quoted_warning_in_an_aside_after_a_statement_is_one():
    warning = ("« La patience du Front, a prévenu son député Marc Tessier, n'est pas infinie : si l'armée continue, "
               "nous répondrons. »")
    statements = {s.text: s for s in resolved_in("fr", french, [FR_BEFORE, warning]).statements}
    assert statements[warning].speaker == "Marc Tessier"


@pytest.mark.parametrize("sentence", [
    "En échange, la milice s'engage à cesser toute attaque contre les convois du fleuve.",
    "Le commandement a ordonné d'arrêter tout bombardement des faubourgs de Valmont.",
])
def test_halting_every_single_act_of_fighting_is_the_truce(sentence):
    assert language_lexicon("fr").evidence(sentence) == "term"


def _statement_texts(paragraph: str) -> list[str]:
    (analysis,) = french.analyse_paragraphs([("p1", paragraph)])
    return [s.text for s in analysis.statements]


@pytest.mark.slow
def test_incidents_told_in_a_paragraph_on_the_truce_are_its_breach():
    texts = _statement_texts("La trêve conclue à Valmont est largement observée depuis lundi, selon la mission. "
                             "Plusieurs incidents ont été rapportés dans les collines au nord de la ville.")
    assert any(t.startswith("Plusieurs incidents") for t in texts)


@pytest.mark.slow
def test_incidents_in_a_paragraph_with_no_truce_are_not():
    texts = _statement_texts("Le marché de Valmont a rouvert lundi. "
                             "Plusieurs incidents ont été rapportés dans les collines au nord de la ville.")
    assert not any(t.startswith("Plusieurs incidents") for t in texts)


@pytest.mark.parametrize(("sentence", "reacts"), [
    ("Joint par téléphone, le maire de Valmont ne cache pas son inquiétude.", True),
    ("Les éleveurs du plateau n'ont pas caché leur profond scepticisme.", True),
    ("Le contrebandier cache son butin dans une grange.", False),  # no feeling shown
])
def test_a_feeling_not_hidden_is_a_reaction(sentence, reacts):
    assert any(p.search(sentence) for p in language_cues("fr").reactions) is reacts


@pytest.mark.slow
def test_a_feeling_not_hidden_in_a_paragraph_on_the_truce_is_a_statement():
    first = "Le maire de Valmont, Henri Castel, ne cache pas son soulagement."
    texts = _statement_texts(f"{first} Depuis lundi, une trêve de dix jours est respectée dans les collines.")
    assert first in texts


@pytest.mark.parametrize("sentence", [
    "Une équipe du mécanisme de surveillance sera envoyée à Valmont pour vérifier le respect de l'accord.",
    "Une équipe d'observateurs de l'ONU doit contrôler la trêve dès samedi.",
])
def test_a_team_of_monitors_is_no_sports_team(sentence):
    assert language_lexicon("fr").evidence(sentence) is not None


def test_a_sports_team_keeps_the_trap():
    assert language_lexicon("fr").evidence("L'équipe de Valmont a conclu une trêve avec ses supporters.") is None


@pytest.mark.parametrize(("sentence", "reacts"), [
    ("Une accusation que le Front du Nord dément.", True),
    ("Valmont dément catégoriquement.", True),
    ("Le maire nie avoir reçu la lettre du préfet.", False),  # the denial names what it denies
    ("Le parti conteste les résultats du scrutin.", False),
])
def test_a_denial_naming_nothing_is_a_reply(sentence, reacts):
    assert any(p.search(sentence) for p in language_cues("fr").reactions) is reacts


@pytest.mark.slow
def test_a_denial_naming_nothing_after_an_accusation_is_a_statement():
    # the paragraph names no truce: the reply is one only after the statements about it
    reply = "Une version que le mouvement dément."
    texts = _texts("fr", french, [FR_BEFORE, "Les rebelles affirment avoir respecté la trêve.",
                                  "L'armée accuse au contraire le mouvement d'avoir tiré deux roquettes mardi soir. "
                                  + reply])
    assert reply in texts


def test_the_watching_body_said_again_by_a_demonstrative_is_a_weak_cue():
    assert language_lexicon("fr").evidence("Le Portugal siège au sein de ce mécanisme depuis l'été.") == "weak"
    # a mechanism named without pointing back is no cue of its own
    assert language_lexicon("fr").evidence("Le mécanisme de la retraite sera réformé en janvier.") is None
