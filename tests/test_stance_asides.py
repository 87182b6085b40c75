"""A relative clause hung on the speaker or on the truce noun tells who speaks or which truce is meant: its cue
decides the stance only when the main clause has none (pipeline.nlp.stance._without_asides). Every sentence here
is written for these tests."""

from __future__ import annotations

import pytest

from conftest import river_truce_stance


@pytest.mark.parametrize(("paragraph", "expected"), [
    # the speaker's past told in an aside; the main clause welcomes this truce
    ("Marta Olsen, who rejected the last truce, said the new ceasefire was a real chance for peace.", "support"),
    # the truce described by others' doubt; the main clause values it
    ("This ceasefire, which the militias have rejected, is a real chance for peace, the governor said.", "support"),
])
def test_an_aside_s_cue_yields_to_the_main_clause_s(paragraph, expected):
    assert river_truce_stance(paragraph) == expected


def test_an_aside_s_cue_still_speaks_when_the_main_clause_has_none():
    # no cue in "said on Tuesday": the aside's refusal is all the sentence says about the truce
    assert river_truce_stance("The governor, who rejected the ceasefire, spoke to reporters on Tuesday.") == "oppose"
