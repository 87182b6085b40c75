"""A speaker's doubt carried through the rest of the quotation (pipeline.nlp.stance.carry_opposition): a sentence
with no stance cue inside the same speaker's sceptical quotation is that scepticism, unless it tells what happened;
support and conditions are not carried, the narrative and other speakers never inherit. Every sentence here is
written for these tests."""

from __future__ import annotations

import pytest

from conftest import article_statements


def stance_by_text(*paragraphs: str) -> dict[str, str]:
    return {s.text: s.stance for s in article_statements(*paragraphs)}


def stance_of(prefix: str, *paragraphs: str) -> str:
    found = {t: v for t, v in stance_by_text(*paragraphs).items() if t.lstrip("\u201c").startswith(prefix)}
    assert len(found) == 1, stance_by_text(*paragraphs)
    return next(iter(found.values()))


DOUBT = "\u201cWe reject this ceasefire,\u201d said Commander Rafe Osei of the Northern Front."


@pytest.mark.parametrize("going_on", [
    "\u201cThe men who drew it up sit in hotels far from the front.\u201d",  # a judgement on its authors, no cue word
    "\u201cOur fighters will stay in the hills all winter.\u201d",   # what the speaker will do instead
    "\u201cLet the generals sign whatever they like in the capital.\u201d",  # an imperative shrug
])
def test_a_sentence_with_no_cue_goes_on_with_the_speakers_doubt(going_on):
    assert stance_of(going_on.strip("\u201c")[:12], DOUBT + " " + going_on) == "oppose"


@pytest.mark.parametrize("going_on", [
    "\u201cOur villages were shelled twice last night.\u201d",         # an accusation: what happened
    "\u201cWe have kept our units in their barracks since Sunday.\u201d",  # a claim of compliance, perfect
])
def test_what_happened_stays_neutral_inside_a_sceptical_quotation(going_on):
    assert stance_of(going_on.strip("\u201c")[:12], DOUBT + " " + going_on) == "neutral"


def test_support_and_conditions_are_not_carried_to_the_terms():
    welcome = ("\u201cWe welcome the ceasefire,\u201d said Commander Rafe Osei of the Northern Front. "
               "\u201cThe monitors will travel in white vehicles with blue flags.\u201d")
    assert stance_of("The monitors will", welcome) == "neutral"


def test_another_speaker_and_the_narrative_do_not_inherit():
    paragraph = (DOUBT + " \u201cTalks on the prisoner list resume on Monday in Accra,\u201d said Lena Ibsen, "
                 "the mediator.")
    assert stance_of("Talks on the prisoner", paragraph) == "neutral"
    narrative = ("Commander Rafe Osei of the Northern Front rejected the ceasefire on Tuesday. "
                 "The ceasefire line runs along the river for forty kilometres.")
    assert stance_of("The ceasefire line", narrative) == "neutral"


def test_a_turns_first_sentence_does_not_take_the_doubt_said_after_it():
    # a transcript's turn opens on its label: its first sentence takes up the question put to the speaker
    scene = "The Northern Front and the army agreed a ceasefire on Sunday."
    turn = "OSEI: The men are tired. We reject this ceasefire; it is a trap."
    assert stance_of("OSEI: The men", scene, turn) == "neutral"
    # the same words in a quotation are one speaker's doubt going on
    quoted = "\u201cThe men are tired. We reject this ceasefire; it is a trap,\u201d said Commander Rafe Osei."
    assert stance_of("The men are tired", scene, quoted) == "oppose"
