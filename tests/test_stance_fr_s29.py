"""French stance, twenty-ninth session: conditions offered in exchange, refusals that name what would lift them,
doubts and forecasts of failure, and statements that echo the one before. Every sentence is written for these
tests."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(sentence: str) -> tuple[str, str]:
    value, _, rule = multilingual.stance(sentence, language_lexicon("fr"), direct="«" in sentence)
    return value, rule


@pytest.mark.parametrize("sentence, condition", [
    ("« Nous signerons à condition qu'ils quittent nos villages », a dit le chef du groupe.",
     "ils quittent nos villages"),
    ("Le groupe offre une trêve en échange d'une amnistie générale.", "une amnistie générale"),
    ("Les miliciens accepteraient une pause en échange du départ des soldats.", "départ des soldats"),
])
def test_an_elided_or_contracted_marker_gives_its_condition(sentence, condition):
    assert multilingual.conditions(sentence, language_lexicon("fr")) == (condition,)


@pytest.mark.parametrize("sentence, expected", [
    ("« Sans retrait des blindés de la ville, il n'y aura pas de prolongation », a averti le gouverneur.",
     "conditional"),
    ("« Sans garanties écrites, pas de trêve », a résumé le colonel.", "conditional"),
    ("« Sans observateurs, ce cessez-le-feu ne passera pas l'hiver », estime le chercheur.", "conditional"),
    # a "sans" of manner names no requirement; the truce itself lacking is no condition on it
    ("Sans surprise, le gouvernement n'a pas signé la trêve.", "oppose"),
    ("Sans la trêve, les convois n'auraient jamais atteint la ville.", "neutral"),
])
def test_a_lack_fronted_before_a_denial_is_a_condition(sentence, expected):
    assert _stance(sentence)[0] == expected


@pytest.mark.parametrize("sentence", [
    "« Il est trop tôt pour dire si la trêve tiendra », a prudemment jugé le médiateur.",
    "Personne ne sait si le cessez-le-feu sera respecté au-delà de dimanche.",
    "Reste à savoir si les miliciens respecteront l'accord de cessez-le-feu.",
])
def test_an_open_question_whether_it_will_hold_is_a_doubt(sentence):
    assert _stance(sentence)[0] == "oppose"


@pytest.mark.parametrize("sentence", [
    "Le médiateur doit dire jeudi si la trêve entrera en vigueur samedi.",
    "On ignore encore s'ils signeront l'accord de cessez-le-feu.",
])
def test_si_of_an_indirect_question_is_no_condition(sentence):
    assert _stance(sentence)[0] == "neutral"


def test_si_of_a_condition_stays_one():
    assert _stance("« Nous respecterons la trêve si l'armée se retire », a dit le chef rebelle.")[0] == "conditional"


@pytest.mark.parametrize("sentence, expected", [
    ("« La trêve risque de voler en éclats », prévient un diplomate.", "oppose"),
    ("« Ce cessez-le-feu ne durera que quelques jours », a estimé le chercheur.", "oppose"),
    ("« Cette pause ne fera pas long feu », a lancé le député.", "oppose"),
    ("« L'accord finira par capoter », a lancé le colonel.", "oppose"),
    # lasting only on a condition is the condition, not a forecast of failure
    ("« La paix ne durera qu'à condition que les armes se taisent », a dit l'imam.", "conditional"),
])
def test_a_forecast_of_failure_is_a_doubt(sentence, expected):
    assert _stance(sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("« Nous sommes favorables à une trêve, mais elle doit être vérifiée par des observateurs », a dit le chef.",
     "conditional"),
    ("« Nous saluons ce cessez-le-feu, mais il devra inclure le retour des déplacés », a déclaré le ministre.",
     "conditional"),
    # that it must be kept or widened is a call for it
    ("« Nous saluons ce cessez-le-feu, mais il doit être respecté par tous », a déclaré le ministre.", "support"),
    ("« Nous soutenons la trêve, mais elle doit être étendue à tout le pays », a déclaré le ministre.", "support"),
])
def test_what_the_truce_must_be_after_a_contrast_is_its_condition(sentence, expected):
    assert _stance(sentence)[0] == expected


def _analysed(paragraph: str):
    from pipeline.nlp.french import analyse_paragraphs

    (analysis,) = analyse_paragraphs([("p1", paragraph)])
    (statement,) = analysis.statements
    return statement


@pytest.mark.parametrize("paragraph, expected", [
    # the conditional mood of a reported clause is the future in the past: a refusal told, not a past non-act
    ("Le porte-parole Samuel Koffi a affirmé que son mouvement n'accepterait ni trêve ni négociation.", "oppose"),
    ("Le chef rebelle a assuré que ses hommes ne respecteraient pas la trêve.", "oppose"),
    ("Le ministre Paul Ilunga a assuré que Kinshasa ne s'opposerait pas à une trêve.", "support"),
])
def test_a_conditional_in_reported_speech_is_no_past_act(paragraph, expected):
    assert _analysed(paragraph).stance == expected


@pytest.mark.parametrize("sentence, expected", [
    ("La pause humanitaire doit durer trois jours.", "neutral"),
    ("Le moratoire sur les frappes devrait courir jusqu'à la fin du mois.", "neutral"),
    # that it must last, no span named, is a call for it; a welcome keeps its support
    ("« La trêve doit durer », a martelé le ministre.", "support"),
    ("L'ONU a salué la trêve, qui doit durer trois jours.", "support"),
])
def test_the_truce_s_length_is_a_schedule(sentence, expected):
    assert _stance(sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("« Nous n'avons violé aucune trêve », a déclaré le porte-parole des rebelles.", "neutral"),
    ("Le mouvement n'a jamais rompu le cessez-le-feu, assure son porte-parole.", "neutral"),
    # a breach refused ahead is a promise to keep it
    ("« Nous ne violerons pas la trêve », a dit le général.", "support"),
])
def test_one_s_own_breach_denied_is_a_claim_of_compliance(sentence, expected):
    assert _stance(sentence)[0] == expected


@pytest.mark.parametrize("paragraph, expected", [
    ("« Nous resterons fidèles à nos engagements », a assuré le porte-parole Jean Moreau à propos de la trêve.",
     "support"),
    ("« Nous voulons que la trêve dure », a dit le ministre Henri Lacoste.", "support"),
    ("« Nous avons donné notre accord de principe à la trêve », a indiqué le porte-parole Jean Moreau.", "support"),
    ("Le gouvernement a donné son accord à une pause humanitaire de trois jours.", "support"),
    # the wish denied, by the parse: a refusal
    ("« Nous ne voulons pas que la trêve dure », a dit le général Paul Mérand.", "oppose"),
])
def test_consent_given_word_kept_and_the_truce_wanted_to_last_are_support(paragraph, expected):
    assert _analysed(paragraph).stance == expected


@pytest.mark.parametrize("sentence", [
    "« La trêve est une opportunité à saisir », a déclaré le médiateur.",
    "« Ce cessez-le-feu est une occasion historique », a dit le ministre.",
])
def test_the_truce_called_an_opportunity_is_a_welcome(sentence):
    assert _stance(sentence)[0] == "support"


@pytest.mark.parametrize("sentence", [
    "« Cette trêve ne sera qu'une pause avant la prochaine offensive », a averti l'expert.",
    "« Ce cessez-le-feu n'est qu'une simple parenthèse », a dit le député.",
])
def test_the_truce_as_a_mere_interval_is_a_dismissal(sentence):
    assert _stance(sentence)[0] == "oppose"


def _all(paragraph: str):
    from pipeline.nlp.french import analyse_paragraphs

    (analysis,) = analyse_paragraphs([("p1", paragraph)])
    return [s.text for s in analysis.statements]


def test_fighting_told_in_a_paragraph_on_the_truce_is_about_it():
    texts = _all("Des échanges de tirs ont opposé lundi soir des soldats des deux pays près du col de Vardan. "
                 "C'est le premier incident sérieux depuis l'entrée en vigueur du cessez-le-feu.")
    assert texts[0].startswith("Des échanges de tirs")
    assert len(texts) == 2


@pytest.mark.parametrize("first", [
    "Les combats avaient repris dimanche dans la vallée de Vardan.",  # the backdrop, in the pluperfect
    "Le ministère de la Défense n'a pas réagi à ces tirs.",  # a silence
])
def test_fighting_told_before_the_story_or_a_silence_is_not(first):
    texts = _all(first + " Le cessez-le-feu est entré en vigueur lundi à minuit.")
    assert not any(t.startswith(first[:20]) for t in texts)



def test_naming_what_happened_by_a_quoted_word_is_speech():
    from pipeline.nlp.french import analyse_paragraphs

    (analysis,) = analyse_paragraphs([("p1", "Des drones ont frappé Kharan malgré le cessez-le-feu. Le mouvement "
                                             "Tanzim parle d'une « violation délibérée ».")])
    last = analysis.statements[-1]
    assert last.text.startswith("Le mouvement Tanzim parle")
    assert "Tanzim" in (last.speaker_text or "")


def test_the_truce_named_in_quotation_marks_is_no_speech_cue():
    from pipeline.nlp.multilingual import find_cues, language_cues

    text = "Ici, tout le monde parle de « la trêve » entre les deux quartiers."
    assert not find_cues(text, 0, len(text), language_cues("fr"), [])


def test_an_attitude_in_the_compound_past_is_a_reaction():
    from pipeline.nlp.french import analyse_paragraphs

    (analysis,) = analyse_paragraphs([("p1", "Le gouvernement a salué la trêve signée à Lomé. Le chef de "
                                             "l'opposition Koffi Amegan s'est montré sceptique.")])
    assert analysis.statements[-1].text.startswith("Le chef de l'opposition")


@pytest.mark.parametrize("sentence", [
    "« Sans elle, rien ne tiendra. »",
    "« Sans le retrait des milices, aucun accord ne sera possible », a dit le ministre.",
])
def test_a_lack_fronted_before_a_negated_subject_is_a_condition(sentence):
    assert _stance(sentence)[0] == "conditional"


@pytest.mark.parametrize("paragraph", [
    "« Cet accord de cessez-le-feu ne règle pas la question des réfugiés », a dit l'analyste Fatou Sow.",
    "« Les promesses de trêve n'engagent que ceux qui y croient », a dit le porte-parole Ag Ilyas.",
    "« L'accord de cessez-le-feu ne résout en rien le problème de fond », a estimé le député Paul Kaba.",
])
def test_the_deal_faulted_for_what_it_leaves_out_is_a_dismissal(paragraph):
    assert _analysed(paragraph).stance == "oppose"


@pytest.mark.parametrize("paragraph, expected", [
    ("L'Union africaine a salué la trêve et propose d'envoyer des observateurs. L'Union européenne a publié une "
     "déclaration dans le même sens.", "support"),
    ("Le Tchad a rejeté la proposition de trêve. Le Niger a fait de même.", "oppose"),
])
def test_a_position_told_as_the_same_as_the_one_before_takes_its_stance(paragraph, expected):
    from pipeline.nlp.french import analyse_paragraphs

    (analysis,) = analyse_paragraphs([("p1", paragraph)])
    assert len(analysis.statements) == 2
    assert analysis.statements[-1].stance == expected


def test_an_echo_of_a_bare_fact_stays_neutral():
    from pipeline.nlp.french import analyse_paragraphs

    (analysis,) = analyse_paragraphs([("p1", "Le cessez-le-feu est entré en vigueur lundi. Le Niger a publié un "
                                             "communiqué dans le même sens.")])
    assert all(s.stance == "neutral" for s in analysis.statements)
