"""Neutral statements that carry a support, refusal or condition word (issue #14, English): claims of compliance,
denials of a charge, terms that bind the parties, moments that date an event. Sentences written for these tests;
each pins the guidelines' neutral ("claims of compliance", "terms and mechanics") against its look-alike."""

from __future__ import annotations

import pytest

from conftest import article_statements


def stance_of(sentence_start: str, *paragraphs: str) -> str:
    found = [s for s in article_statements(*paragraphs) if s.text.startswith(sentence_start)]
    assert len(found) == 1, [s.text for s in article_statements(*paragraphs)]
    return found[0].stance


@pytest.mark.parametrize("paragraph, expected", [
    # graded or ongoing keeping in the present describes conduct: a claim of compliance
    ("\u201cOur brigade scrupulously observes the truce on every stretch of the river,\u201d said Colonel Ines Varga.",
     "neutral"),
    ("The northern command, its spokesman stressed, continues to adhere to the ceasefire in the valley.", "neutral"),
    # a promise of the same keeping stays a commitment: a modal, or a verb of agreeing above it
    ("\u201cOur brigade will scrupulously observe the truce on every stretch of the river,\u201d said Colonel Ines Varga.",
     "support"),
    ("The northern command, its spokesman stressed, will continue to adhere to the ceasefire in the valley.",
     "support"),
])
def test_conduct_is_a_claim(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # denying a charge of violation is a claim of compliance, not a refusal of the truce
    ("The river brigade rejected the allegations about the ceasefire on Tuesday.", "neutral"),
    ("Colonel Ines Varga dismissed the accusations of breaking the truce as fiction.", "neutral"),
    # an account or a suggestion of what happened, denied, is a charge denied too
    ("Colonel Ines Varga rejected that account of the first night of the ceasefire, saying her men had stayed in "
     "their barracks.", "neutral"),
    # rejecting the truce itself, or a proposal for one, is still a refusal
    ("The river brigade rejected the ceasefire proposal on Tuesday.", "oppose"),
    ("The river brigade rejected the ceasefire on Tuesday, saying it was a trap.", "oppose"),
])
def test_denied_charge(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the text commits the parties: terms and mechanics
    ("The ceasefire text commits both militias to withdraw their mortars from the hills.", "neutral"),
    ("Envoys from the two militias initialled a memorandum committing to a lasting truce in the hills.", "neutral"),
    # a party committing itself is support
    ("\u201cWe are fully committed to the ceasefire in the hills,\u201d said Colonel Ines Varga.", "support"),
])
def test_terms_bind_the_parties(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "since/on the day ..." dates what was done; "the day they ..." with a future verb sets a condition
    ("\u201cOur units have kept to the truce since the day it was signed,\u201d said Colonel Ines Varga.", "neutral"),
    ("\u201cWe will halt our attacks the day they stop shelling our villages,\u201d said Colonel Ines Varga.",
     "conditional"),
])
def test_dated_by_a_moment(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a condition word on a verb told in the perfect says when something was done
    ("The brigade said its gunners had respected the ceasefire and had returned fire only when attacked.", "neutral"),
    # the same words on a future verb set a condition
    ("The brigade said its gunners would respect the ceasefire and would return fire only when attacked.",
     "conditional"),
    # "as soon as possible" is a time, not a condition
    ("The commander said the brigade had kept to the truce and wanted monitors in the valley as soon as possible.",
     "neutral"),
])
def test_told_not_set(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "declared" after the quotation it reports is a verb of saying
    ("\u201cOur brigade has kept to the truce in the valley,\u201d declared the Minister of Defence, Ines Varga.",
     "neutral"),
    # declaring one's own truce is still support
    ("The river brigade declared a three-day truce in the valley on Friday.", "support"),
])
def test_declared_as_saying(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # in a quotation, "they respect it" reports the other side's claim: the speaker accuses, commits to nothing
    ("\u201cThey shell our farms at night and then tell the envoy they respect the truce,\u201d said mayor Ines Varga.",
     "neutral"),
    ("\u201cWe respect the truce on every stretch of the river,\u201d said mayor Ines Varga.", "support"),
])
def test_their_keeping(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a past passive with no actor tells what was done to the truce, nobody's position
    ("It was agreed at the border post in March that both brigades would stay behind the river and that the "
     "ceasefire would be reviewed every month.", "neutral"),
    ("The ceasefire text had been approved at the border post before the market towns emptied.", "neutral"),
    # the same verb with its actor, or a standing commitment, is still the subject's own support
    ("The Riverland Front said it had agreed to the ceasefire in the valley.", "support"),
    ("The river brigade is committed to the ceasefire in the valley, its commander said.", "support"),
    ("The Riverland Front said its units were committed to the ceasefire in the valley.", "support"),
])
def test_an_agreement_without_its_actor_is_a_fact(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # "never stopped keeping it" tells the keeping as going on: a claim of compliance
    ("The river brigade says it has never stopped respecting the ceasefire in the valley.", "neutral"),
    # the promise to keep it is still a commitment
    ("The river brigade says it will respect the ceasefire in the valley.", "support"),
])
def test_never_stopped_keeping_is_a_claim(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # what the truce reaches, negated, is its terms: neutral
    ("The ceasefire does not cover the hill clans, and operations against them go on.", "neutral"),
    ("\u201cThe truce does not apply to the border districts,\u201d said Colonel Ines Varga.", "neutral"),
    ("The hill clans are not party to the ceasefire, the river council said on Tuesday.", "neutral"),
    # a party that says it is no party to the truce, or a modal that denies a group the place, refuses it
    ("\u201cWe are not party to any truce,\u201d said Colonel Ines Varga.", "oppose"),
    ("\u201cA militia that burns villages cannot be a party to a truce,\u201d said Colonel Ines Varga.", "oppose"),
])
def test_negated_scope_is_a_term(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the scope is the reason; the refusal or the dismissal in the other clause is the stance
    ("\u201cThe ceasefire does not cover our villages, so we reject it,\u201d said Colonel Ines Varga.", "oppose"),
    ("\u201cThis truce does not apply to the north, it is a sham,\u201d said Colonel Ines Varga.", "oppose"),
])
def test_a_negated_scope_beside_a_refusal_is_the_refusal(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a suggestion that puts the truce or its extension forward is a proposal: rejecting it is a refusal
    ("The river council rejected any suggestion that the ceasefire be extended beyond the harvest.", "oppose"),
    # one that names a violation, or only dates the charge by the truce, is a charge denied
    ("The river brigade rejected claims that its fighters broke the ceasefire.", "neutral"),
    ("The river brigade rejected any suggestion that its men took part in the shelling during the ceasefire.",
     "neutral"),
])
def test_a_proposal_rejected_is_no_charge_denied(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a doubt the speaker voices beside a denied charge is the speaker's stance
    ("River council officials reject that description, calling the truce a charade.", "oppose"),
    ("\u201cWe reject these allegations; this ceasefire is a farce,\u201d said Colonel Ines Varga.", "oppose"),
    # the denial alone stays a claim of compliance, as does a label on a pronoun for the charge denied
    ("River council officials reject that description of the truce.", "neutral"),
    ("River council officials rejected the reports about the ceasefire, calling them a farce.", "neutral"),
    ("\u201cWe reject these claims about the truce; they are a farce,\u201d said Colonel Ines Varga.", "neutral"),
])
def test_a_denial_beside_a_doubt_is_the_doubt(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected
