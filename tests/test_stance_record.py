"""Earlier truces said to have failed, cited by a speaker (stance_frames.toml [track_record]): a doubt that this
truce holds. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import article_statements, last_paragraph_stance

stance_of = last_paragraph_stance


TRUCE = "The army and the rebels agreed a three-day ceasefire around the river port of Kesh on Monday."
BEFORE = "\u201cWe have had ceasefires in Kesh before."
SAID = "\u201d said Ida Moll, a grain trader."


def second_stance(quoted: str) -> str:
    """The stance of the quotation's second sentence, after one that says there were truces before."""
    found = article_statements(TRUCE, f"{BEFORE} {quoted},{SAID}", conflict=True)
    return next(s.stance for s in found if s.text.startswith(quoted[:12]))


@pytest.mark.parametrize("quoted, expected", [
    # each earlier truce the subject of a verb of failing, or "followed by" an act of war: doubt
    ("Every one collapsed within a week", "oppose"),
    ("Each one was followed by raids on the market", "oppose"),
    ("The last one was broken within a week", "oppose"),
    # followed by something other than war, or a failure negated: no doubt
    ("Each one was followed by talks in the capital", "neutral"),
    ("The last one did not collapse", "neutral"),
])
def test_a_failed_record_quoted_is_a_doubt(quoted, expected):
    assert second_stance(quoted) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a source's record in the perfect, by "according to": its case about now
    ("Previous truces around Kesh have been followed by shelling within days, according to the Kesh Relief "
     "Committee.", "oppose"),
    # the same record in the past simple: history, background
    ("Previous truces around Kesh collapsed within days, according to the Kesh Relief Committee.", "neutral"),
    # a relative clause on the speaker: they have watched earlier truces fail
    ("Aid workers in Kesh, who have watched three earlier ceasefires collapse since 2021, are more cautious.",
     "oppose"),
])
def test_a_failed_record_reported_is_a_doubt(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a promise met as one heard too often: a verb of having been through it with "before" or a count of times
    ("\u201cWe have heard all of this before,\u201d said Ida Moll, a grain trader.", "oppose"),
    ("\u201cThey have promised us a ceasefire before,\u201d said Ida Moll, a grain trader.", "oppose"),
    ("\u201cI have read that same pledge four times this year,\u201d said Ida Moll, a grain trader.", "oppose"),
    # what was done before is the speaker's own keeping of a truce: a claim of compliance, no doubt
    ("\u201cOur units have respected the ceasefire before,\u201d said Ida Moll, the mayor.", "neutral"),
])
def test_a_promise_heard_before(paragraph, expected):
    assert stance_of(TRUCE, paragraph) == expected
