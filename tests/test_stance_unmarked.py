"""Positions held in sentences no cue word marks (pipeline.nlp.stance._unmarked): deceit imputed to a party, a
truce said to be failing now or ahead, a call for the guns to fall silent. The frames are general English
(pipeline/nlp/data/stance_frames.toml: [bad_faith], [decay], [appeal]) read through the parse. Every sentence
here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance
from pipeline.nlp.stance import load_frames, parse_frames

stance_of = river_truce_stance


@pytest.mark.parametrize("paragraph, expected", [
    # deceit imputed to the other party: doubt of the truce
    ("\u201cThey will try to trick the monitors about this ceasefire, as they always do,\u201d said Colonel Piet "
     "Varga.", "oppose"),
    ("\u201cNobody here will be fooled by this ceasefire a third time,\u201d said Colonel Piet Varga.", "oppose"),
    ("The opposition leader Ana Pereira accused the militia of faking the ceasefire and inventing incidents.",
     "oppose"),
    # ... the speaker denying deceit of its own is a claim, not a doubt
    ("\u201cWe fooled nobody with the ceasefire and we know it,\u201d said Colonel Piet Varga.", "neutral"),
    # "no illusions": the speaker expects nothing of the other side
    ("Marta Lind, the deputy minister, said her government had no illusions about the militia and the ceasefire.",
     "oppose"),
    # a gesture for publicity
    ("\u201cWith this ceasefire the militia wins headlines in Europe and gives up nothing,\u201d said Colonel Piet "
     "Varga.", "oppose"),
    ("\u201cThe ceasefire offer is meant for a foreign audience,\u201d said Colonel Piet Varga.", "oppose"),
])
def test_bad_faith(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the truce failing, now or ahead
    ("\u201cThe ceasefire is eroding week by week,\u201d said the analyst Jon Halder.", "oppose"),
    ("\u201cThe ceasefire will crumble before the harvest,\u201d said the analyst Jon Halder.", "oppose"),
    # a past progressive reported is the speaker's present; told by the narrative it is a fact
    ("Jon Halder, an analyst, said the ceasefire was weakening by the day.", "oppose"),
    ("By the spring of 2019 an earlier ceasefire in the valley was weakening, the ministry's history records.",
     "neutral"),
    # qualities of frailty are not read (a reporter's "the truce remains fragile" describes it)
    ("Jon Halder, an analyst, said the ceasefire remains fragile after the clashes on the bridge.", "neutral"),
    # told in the past, or in the perfect: a fact about it
    ("The analyst Jon Halder said an earlier ceasefire collapsed within days.", "neutral"),
    ("The analyst Jon Halder said the ceasefire has looked fragile since spring.", "neutral"),
    # said of something else than the truce
    ("\u201cThe old bridge is crumbling after the floods,\u201d said the analyst Jon Halder of the ceasefire.",
     "neutral"),
])
def test_decay(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a call for the fighting to stop, with no truce word on the verb
    ("\u201cThe guns must fall silent along the river before winter,\u201d the bishop Tomas Reyes said of the "
     "ceasefire.", "support"),
    ("\u201cLet the guns be silent for the harvest,\u201d the bishop Tomas Reyes said of the ceasefire.", "support"),
    ("\u201cThe bombing has to end now,\u201d the bishop Tomas Reyes said of the ceasefire.", "support"),
    # a report that the guns are silent, or did not stop: no call
    ("\u201cOur guns have been silent since the ceasefire,\u201d said Colonel Piet Varga.", "neutral"),
    ("\u201cThe shelling did not stop during the ceasefire,\u201d the bishop Tomas Reyes said.", "neutral"),
    ("\u201cThey let the guns fall silent for the ceasefire,\u201d the bishop Tomas Reyes said.", "neutral"),
])
def test_call_for_silence(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a wish that the truce endure, in the optative or hortative mood: support with no cue word
    ("\u201cThe harvest is in at last, and may the ceasefire last the whole winter,\u201d said the farmer Ilse "
     "Brandt.", "support"),
    ("\u201cLet the ceasefire hold through the winter and we will rebuild the school,\u201d said the farmer Ilse Brandt.",
     "support"),
    # the modal after its subject is a forecast, a "let" with a subject a report: no wish
    ("\u201cThe ceasefire may last the whole winter or a week,\u201d said the farmer Ilse Brandt.", "neutral"),
    ("\u201cThe elders let the ceasefire lapse in the spring,\u201d said the farmer Ilse Brandt.", "neutral"),
])
def test_wish_that_it_lasts(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_frames_load_the_new_tables():
    frames = load_frames()
    assert "fool" in frames.deceiving and "erode" in frames.decay and "gun" in frames.fighting
    assert "lie" not in frames.deceiving  # "the town lies on the river": not deceit


def test_frames_without_the_new_tables_read_nothing():
    frames = parse_frames(b"[regarding]\nverbs = [\"see\"]\n")
    assert not frames.deceiving and not frames.decay and not frames.fighting


@pytest.mark.parametrize("paragraph, expected", [
    # a party that will go on fighting, or will not bargain: a rejection in deed
    ("The defence ministry said the army would continue operations in the hills despite the ceasefire.", "oppose"),
    ("\u201cThe northern brigades will fight on, ceasefire or not,\u201d said Colonel Piet Varga.", "oppose"),
    ("\u201cThis government does not bargain with kidnappers over a ceasefire,\u201d said Marta Lind.", "oppose"),
    # told in the past: a fact
    ("The defence ministry said the army continued operations in the hills despite the ceasefire.", "neutral"),
    ("The ministry said its envoys did not bargain with the rebels in person when the ceasefire was agreed.",
     "neutral"),
])
def test_fighting_on(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a truce declared now: support
    ("The northern command declared a ceasefire on Friday along the whole river front.", "support"),
    # an earlier one, or truces declared as a habit: the party's history, a fact
    ("The northern command declared a similar ceasefire during the floods of 2019, which the rebels rejected.",
     "neutral"),
    ("The northern command has announced ceasefires before, the ministry said.", "neutral"),
])
def test_declared_history(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a party's wish for the truce or the quiet it brings, reported of it
    ("The foreign ministry said the kingdom hoped to build on the ceasefire in the coming months.", "support"),
    ("\u201cIslamabad wants calm along the line, and the ceasefire gives it that,\u201d said Farah Qureshi.",
     "support"),
    # the wish governs the verb of lasting, which alone reports that it holds
    ("The envoy Mara Quist said she hoped the ceasefire would hold through the harvest.", "support"),
    ("The envoy Mara Quist said the ceasefire held through the night.", "neutral"),
    # nobody's wish, a reason given, or in a quotation what "they" want: no position of the speaker's
    ("\u201cSomebody in the capital wants the ceasefire talks to drag on,\u201d said the analyst Jon Halder.",
     "neutral"),
    ("\u201cThe valley is quiet during the ceasefire because the army wants calm,\u201d said the analyst Jon "
     "Halder.", "neutral"),
    ("\u201cAbout the ceasefire, the delegations told us they want calm on the river,\u201d said the envoy Lena Ost.",
     "neutral"),
])
def test_wish(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a party's own pledge kept, promised; "no intention" of leaving the truce
    ("\u201cWe signed the ceasefire, and we will keep our promises,\u201d said Colonel Piet Varga.", "support"),
    ("The ministry said the government had no intention of abandoning the ceasefire.", "support"),
    # someone else's word, in a quotation; told in the past; "no intention" of leaving somewhere else
    ("\u201cThey will keep their word on the ceasefire,\u201d said the envoy Lena Ost.", "neutral"),
    ("\u201cWe kept our promises under the ceasefire,\u201d said Colonel Piet Varga.", "neutral"),
    ("The ministry said that under the ceasefire the army had no intention of abandoning the hill posts.",
     "neutral"),
])
def test_word_kept(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the speaker's own guns falling silent, promised: a commitment (the restraint frame)
    ("\u201cOur guns will fall silent at midnight under the ceasefire,\u201d said Colonel Piet Varga.", "support"),
    # the other side's, or told in the past (a claim of compliance)
    ("\u201cTheir guns will fall silent at midnight under the ceasefire,\u201d said Colonel Piet Varga.", "neutral"),
    ("\u201cOur guns fell silent at midnight under the ceasefire,\u201d said Colonel Piet Varga.", "neutral"),
])
def test_own_guns_silent(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the label a speaker gives the named truce, scored by the valence lexicon on the label's own words
    ("\u201cThis truce is a wonderful gift for the farmers,\u201d said Colonel Piet Varga.", "support"),
    ("\u201cThe ceasefire is rotten,\u201d said Colonel Piet Varga.", "oppose"),
    # praise whose reason is the truce kept
    ("\u201cThe river villages deserve thanks for guarding the truce,\u201d said Colonel Piet Varga.", "support"),
    # war words outside the label are the war's, not a verdict on the truce
    ("\u201cThe ceasefire is a pause in the killing,\u201d said Colonel Piet Varga.", "neutral"),
])
def test_evaluative_label(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_label_read_only_on_the_named_truce():
    """A pronoun's label ("it is rotten") or a negated one is no verdict this rule reads; a label with no valenced
    word ("a local matter") decides nothing."""
    from pipeline.nlp.lexicon import load_lexicon
    from pipeline.nlp.model import load_nlp
    from pipeline.nlp.stance import _evaluative_label, load_valence

    assert load_valence()["rotten"] < 0 < load_valence()["gift"]
    nlp, lexicon = load_nlp(), load_lexicon()
    token, score = _evaluative_label(nlp("Marta Lind described the truce as a miserable failure."), lexicon)
    assert token.text == "failure" and score < 0
    assert _evaluative_label(nlp("It is rotten, said Marta Lind."), lexicon) is None
    assert _evaluative_label(nlp("Marta Lind said the truce was not rotten."), lexicon) is None
    assert _evaluative_label(nlp("Marta Lind described the truce as a local matter."), lexicon) is None
