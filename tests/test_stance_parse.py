"""Stance read through the parse rather than off cue words alone: what a verb of leaving acts on, the scope of a
negation, tense in a clause that looks like a condition, cue words inside names, and the polarity of what the
truce is called. Every sentence here is written for these tests (none comes from an evaluation set)."""

from __future__ import annotations

import pytest

from conftest import article_statements


def stance_of(paragraph: str, *context: str) -> str:
    found = [s for s in article_statements(*context, paragraph) if s.text.startswith(paragraph[:12])]
    assert len(found) == 1, [s.text for s in article_statements(*context, paragraph)]
    return found[0].stance


@pytest.mark.parametrize("paragraph, expected", [
    # a verb of leaving opposes only when what is left or suspended is the truce, the deal or the talks
    ("\u201cWe are pulling out of the truce tonight,\u201d said Commander Aksel Brun.", "oppose"),
    ("Under the ceasefire, the militia was to withdraw from the river villages within ten days.", "neutral"),
    ("The foreign ministry said the ceasefire was holding but that cross-border trade with its neighbour "
     "remained suspended.", "neutral"),
    # suspending the fighting is the truce itself; refusing to suspend it is a refusal
    ("Commander Aksel Brun said his brigades would suspend all offensive actions along the river from Sunday, "
     "as the ceasefire requires.", "support"),
    ("The defence ministry said operations against the militia would not be suspended for the ceasefire talks.",
     "oppose"),
])
def test_leaving_acts_read_their_object(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # refusing to let the truce be harmed defends it
    ("The ministry said the government remained committed to the ceasefire and would not let saboteurs "
     "undermine it.",
     "support"),
    # a past halt denied is an accusation or a fact, not a refusal
    ("\u201cTheir gunners did not stop firing for a single night of the truce,\u201d said Commander Aksel Brun.",
     "neutral"),
    ("An earlier holiday truce did not halt the fighting around the port.", "neutral"),
    # the same words about the future are a refusal
    ("\u201cWe will not stop the fighting for a ceasefire they will use to rearm,\u201d said Commander Aksel Brun.",
     "oppose"),
])
def test_negation_scope(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "if"/"while" with a past clause and no modal on the main line tells what happened: no condition
    ("\u201cIf anyone broke the ceasefire on the ridge last night, it was not one of our units,\u201d said "
     "Commander Aksel Brun.", "neutral"),
    ("\u201cOur medics treated the wounded while the ceasefire held,\u201d said Doctor Hanne Lie.", "neutral"),
    # indirect speech shifts the tense back: still a condition
    ("The army said it was ready to extend the truce by a week if the militia released its prisoners.",
     "conditional"),
    # a breach inside the condition is a threat, not an accusation
    ("Commander Aksel Brun said his units would return fire at once if the truce was broken.", "conditional"),
])
def test_tense_of_a_condition(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a standing offer is its owner's position
    ("The foreign ministry said its offer of a 20-day ceasefire remained on the table until the end of May.",
     "support"),
    # a declaration named as a thing (a date, an object noted) is nobody's declaring
    ("Since the ceasefire declaration, the movement says, it has not launched a single raid across the border.",
     "neutral"),
    # an oppose cue word inside an organisation's name takes no position
    ("The Joint Public Relations Office of the army said on Monday that the ceasefire took effect at noon.",
     "neutral"),
    # "X, not Y" denies Y
    ("\u201cThey treat the truce as a breathing space, not a commitment,\u201d said Doctor Hanne Lie.", "oppose"),
])
def test_what_the_cue_word_is(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the arrangement called something valued, in the present: a welcome without a cue verb
    ("\u201cThis ceasefire is a lifeline for the valley,\u201d said Doctor Hanne Lie.", "support"),
    ("\u201cThe truce is binding on every unit in the north,\u201d said Commander Aksel Brun.", "support"),
    ("\u201cIt is the best chance for the valley in a decade,\u201d Doctor Hanne Lie said of the ceasefire.",
     "support"),
    # negated, it is no welcome; the talks called constructive are a report on the process, not a welcome
    ("\u201cThis ceasefire is not a lifeline for anyone,\u201d said Doctor Hanne Lie.", "oppose"),
    ("A mediator said the ceasefire talks in the capital had been constructive and would resume on Monday.",
     "neutral"),
    # a first-person wish for the truce
    ("\u201cWe want the ceasefire to last beyond the winter,\u201d said Doctor Hanne Lie.", "support"),
    ("\u201cWe do not want a truce that freezes the front where it is,\u201d said Commander Aksel Brun.", "oppose"),
    # a warning to whoever breaks it accuses nobody
    ("\u201cThe ceasefire is binding, and anyone who breaks it will face the courts,\u201d said Commander Aksel Brun.",
     "support"),
])
def test_valuing_the_truce(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # what any truce must hold first is a condition; what it must do by itself or have done to it is not
    ("Commander Aksel Brun said any new ceasefire would have to include a corridor for the wounded.",
     "conditional"),
    ("\u201cAny truce must guarantee the return of the displaced,\u201d said Commander Aksel Brun.", "conditional"),
    ("\u201cThe ceasefire must be respected by every unit,\u201d said Commander Aksel Brun.", "support"),
])
def test_what_a_truce_must_do(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # bad faith foretold or made a habit is a doubt; the same told as happening now is an accusation
    ("\u201cThey sign a truce, they rest, and in a month they will attack the same bridge again,\u201d said Commander "
     "Aksel Brun.", "oppose"),
    ("\u201cEvery time the envoys mention a ceasefire, they shell the market,\u201d said Doctor Hanne Lie.",
     "oppose"),
    ("\u201cThey used the last ceasefire to move their guns, and they are doing it again tonight,\u201d said "
     "Commander Aksel Brun.", "neutral"),
])
def test_bad_faith_foretold(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a mediator's proposal is an announcement; two parties welcoming the truce each take a position
    ("Regional mediators presented a new plan for a ceasefire in the valley on Thursday.", "neutral"),
    ("The two neighbouring governments both welcomed the ceasefire on Friday.", "support"),
    # a participle on the truce's apposition tells which truce, nobody agrees here
    ("The ceasefire, a deal agreed by both armies in June, has cut the number of raids by half.", "neutral"),
])
def test_who_takes_the_position(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # speech acts of approval and criticism take a position on what they act on
    ("The council thanked the envoys for their mediation of the ceasefire.", "support"),
    ("Commander Aksel Brun praised the ceasefire as the work of patient people.", "support"),
    ("The opposition leader criticised the ceasefire as a reward for the militia.", "oppose"),
    ("The opposition leader criticised the shelling of the market during the ceasefire talks.", "neutral"),
    # irony disowns the truce's name
    ("\u201cWe are in the third week of this so-called truce,\u201d said Doctor Hanne Lie.", "oppose"),
    ("\u201cWhat the generals call a ceasefire is a change of targets,\u201d said Doctor Hanne Lie.", "oppose"),
    # an attack told as done while the truce stood is an accusation of violation, irony or not
    ("\u201cTheir drones were hitting the depot on the second night of this so-called truce,\u201d said Commander "
     "Aksel Brun.", "neutral"),
    ("The militia shelled the bridge two hours after the ceasefire took effect, the army said.", "neutral"),
])
def test_speech_acts_irony_and_accusations(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_not_recognising_the_accord_is_a_refusal():
    context = "The exiled ministers signed a ceasefire with the northern rebels on Monday."
    assert stance_of("Army commanders said they would not recognise the accord reached in the capital.",
                     context) == "oppose"


@pytest.mark.parametrize("paragraph, expected", [
    # a threat is a condition, whatever else the sentence says of the truce
    ("\u201cIf their tanks cross the canal, we will fire, truce or no truce,\u201d said Commander Aksel Brun.",
     "conditional"),
    ("\u201cAny move by the militia towards the dam will be treated as a breach of the ceasefire,\u201d said "
     "Commander Aksel Brun.", "conditional"),
    # a clause that is the truce arriving tells when, not on what condition: a plan that counts on it
    ("The militia said its medics would open the road to the hospital once the ceasefire takes effect.", "support"),
    # "as if" is a manner, not a condition
    ("\u201cWe plan our harvest as if the ceasefire will collapse,\u201d said Doctor Hanne Lie.", "oppose"),
    # the terms of a deal are mechanics
    ("Under the ceasefire, the militia will let grain lorries through and the army will respect a buffer zone "
     "along the canal.", "neutral"),
    # a promise to keep the arrangement, and a demand made of something other than the truce
    ("The interior ministry said the police would implement the agreement in every district.", "support"),
    ("\u201cThe release of our prisoners must begin before any ceasefire is signed,\u201d said Commander Aksel "
     "Brun.", "conditional"),
    # an approval by one's own cabinet is the party's acceptance
    ("The foreign ministry said the cabinet had approved the ceasefire extension overnight.", "support"),
])
def test_threats_plans_terms_and_demands(paragraph, expected):
    context = "The army and the militia signed a ceasefire agreement on Monday, the first since the spring."
    assert stance_of(paragraph, context) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # nobody wanting the truce is a doubt
    ("\u201cNeither army wants a ceasefire before the rains,\u201d said Doctor Hanne Lie.", "oppose"),
    ("\u201cNobody in the capital wants a truce now,\u201d said Doctor Hanne Lie.", "oppose"),
    # calling it "just" something is belittling it; with "without" on it, a condition
    ("\u201cThis ceasefire is just a photo session for the envoys,\u201d said Doctor Hanne Lie.", "oppose"),
    ("\u201cWithout monitors, the ceasefire is just a press release,\u201d said Commander Aksel Brun.",
     "conditional"),
    ("\u201cThe ceasefire is only a first step,\u201d said Doctor Hanne Lie.", "support"),
])
def test_unwanted_and_belittled(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a quality on something other than the truce, or the truce merely named, is no welcome
    ("\u201cIt is a good question whether the ceasefire will last the week,\u201d said Doctor Hanne Lie.", "neutral"),
    ("\u201cIt is a truce, for the moment,\u201d Doctor Hanne Lie said of the ceasefire.", "neutral"),
    # fighting again told in the present of others is an accusation, not a forecast
    ("\u201cThey shell our trenches again every night, ceasefire or not,\u201d said Commander Aksel Brun.",
     "neutral"),
])
def test_what_is_not_a_position(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a refusal with a condition on its verb is conditional
    ("\u201cThere will be no truce while our villages are under fire,\u201d said Commander Aksel Brun.",
     "conditional"),
    # a violation foretold of others is a doubt; the same act done is an accusation
    ("\u201cThey will violate this ceasefire the way they violated every other one,\u201d said Doctor Hanne Lie.",
     "oppose"),
    ("\u201cThey violated the ceasefire twice on Sunday,\u201d said Doctor Hanne Lie.", "neutral"),
    # a condemning verdict on the arrangement, only as the predicate of a copula on it
    ("\u201cThis ceasefire is a betrayal of everyone who died for the valley,\u201d said Commander Aksel Brun.",
     "oppose"),
    ("\u201cThe ceasefire came a week after the disaster at the dam,\u201d said Doctor Hanne Lie.", "neutral"),
    # a quality on what the truce is called, and "just" an arrangement noun
    ("\u201cThe ceasefire is holding, and that is welcome news for the valley,\u201d said Doctor Hanne Lie.",
     "support"),
    ("\u201cThe ceasefire is merely a pause to move their guns,\u201d said Commander Aksel Brun.", "oppose"),
])
def test_refusals_forecasts_and_verdicts(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a speaker whose name is an evaluative word ("sand" as in "written in sand") takes no position by it
    ("\u201cThe ceasefire is a lifeline for the valley,\u201d said the mayor, Tove Sand.", "support"),
    ("\u201cWe urge both armies to keep to the ceasefire,\u201d said the mayor, Tove Sand.", "support"),
    # a valued name with a relative clause is still a welcome
    ("\u201cThis ceasefire is the best news the valley has heard in years,\u201d said Doctor Hanne Lie.", "support"),
    # a condition word in what an appeal asks of others is part of the appeal
    ("\u201cWe call on the neighbouring states to guarantee the ceasefire,\u201d said Doctor Hanne Lie.", "support"),
])
def test_names_and_appeals(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "the moment X" on a future verb is a condition; a doubt inside it is the condition's
    ("Commander Aksel Brun said the truce would end the moment the militia used it to rearm.", "conditional"),
    # a noun of leaving acts on its object too: the withdrawal of troops from a town is a term, not a refusal
    ("The ceasefire left the timing of the army's withdrawal from the river towns to a later round.", "neutral"),
    # the small model hangs a main verb after an interrupted subject on the name: it is still the main verb
    ("Bishop Arne Dahl, who leads the council of churches, unveiled on Monday a plan for a ceasefire in the "
     "valley.", "support"),
])
def test_moments_nouns_and_misparses(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a verb of naming gives the truce its verdict as a copula does
    ("The veterans' association called the ceasefire a betrayal of the fallen.", "oppose"),
    ("The bishop called the ceasefire a blessing for the villages.", "support"),
    # a subject of no one negates the predicate
    ("\u201cNobody in the valley takes the ceasefire seriously,\u201d said Doctor Hanne Lie.", "oppose"),
    # "without X" on a refusal is a condition (the guidelines' "no truce without guarantees")
    ("\u201cWithout a corridor for the wounded, we will not accept any ceasefire,\u201d said Commander Aksel Brun.",
     "conditional"),
    # standing by one's truce, gratitude for it, calling it worth nothing
    ("\u201cWe stand by the ceasefire we declared on Sunday,\u201d said Commander Aksel Brun.", "support"),
    ("\u201cWe are grateful to the envoys who brought us this ceasefire,\u201d said Doctor Hanne Lie.", "support"),
    ("\u201cTheir promises of a ceasefire are worth nothing,\u201d said Commander Aksel Brun.", "oppose"),
])
def test_naming_nobody_without_and_idioms(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_a_lexicon_without_the_new_tables_still_reads_stance():
    # a user's lexicon written before acts_on_truce / approvals / mediator_subjects existed: the cues apply
    # without the object tests, nothing crashes
    from importlib import resources

    from pipeline.nlp.lexicon import parse_lexicon
    from pipeline.nlp.model import load_nlp
    from pipeline.nlp.stance import _stance

    raw = resources.files("pipeline.nlp").joinpath("data", "ceasefire.toml").read_text(encoding="utf-8")
    kept = [line for line in raw.splitlines()
            if not line.startswith(("acts_on_truce", "approvals", "mediator_subjects", "                 '"))]
    lexicon = parse_lexicon("\n".join(kept).encode(), "old.toml")
    assert "acts_on_truce" not in lexicon.stance and "approvals" not in lexicon.stance
    sentence = "The rebels said they would withdraw from the truce talks and praised nobody."
    stance, *_ = _stance(sentence, load_nlp()(sentence), lexicon)
    assert stance == "oppose"



@pytest.mark.parametrize("paragraph, expected", [
    # a participle hung on a text's noun gives the text's words: its author's position
    ("The state newspaper ran a commentary calling the ceasefire a charade on Friday.", "oppose"),
    ("The river militia put out a video calling the ceasefire a charade.", "oppose"),
    # the same participle on any other noun describes that noun: no position of the subject
    ("The minister met families calling the ceasefire a charade on Friday.", "neutral"),
])
def test_a_text_speaks_for_its_author(paragraph, expected):
    assert stance_of(paragraph, "Fighting between the river militia and the army went on for months.") == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a verb of ceasing turns its complement round, and a negation turns it back: never ceasing to keep the
    # truce is a commitment, ceasing to keep it (told) an accusation or a claim, ahead a rejection
    ("\u201cOur brigades will never stop respecting the ceasefire,\u201d said Commander Aksel Brun.", "support"),
    ("\u201cThe militia has stopped respecting the ceasefire,\u201d said Commander Aksel Brun.", "neutral"),
    ("\u201cThe militia no longer honours the truce in the valley,\u201d said Commander Aksel Brun.", "neutral"),
    ("\u201cFrom tonight we will cease to observe the truce,\u201d said Commander Aksel Brun.", "oppose"),
    ("\u201cThe militia must stop violating the truce,\u201d said Commander Aksel Brun.", "support"),
    # the same turn inside a threat is a condition
    ("\u201cIf they shell the bridge again, we will stop observing the truce,\u201d said Commander Aksel Brun.",
     "conditional"),
])
def test_a_verb_of_ceasing_turns_its_complement(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "provided" opens a condition; the participle of "provide" ("provided for in the text") does not
    ("\u201cWe will sign the truce, provided the shelling of the port stops,\u201d said Commander Aksel Brun.",
     "conditional"),
    ("Envoy Tomas Ruud proposed that the monitoring team, already provided for in the truce text, start work "
     "on Monday.", "support"),
])
def test_provided_as_a_participle_sets_no_condition(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # tearing the truce up is breaking it: refused of oneself a commitment, told of the other side an accusation
    ("\u201cWe will not be the first to tear up this truce,\u201d said Commander Aksel Brun.", "support"),
    ("\u201cThe militia has already torn the truce up,\u201d said Commander Aksel Brun.", "neutral"),
    # an intention denied looks ahead whatever its tense: a commitment
    ("Commander Aksel Brun said the brigade had no intention of tearing up the truce.", "support"),
])
def test_tearing_the_truce_up(paragraph, expected):
    assert stance_of(paragraph) == expected
