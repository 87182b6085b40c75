"""What a truce does for people, said of it, values it: a truce the subject of a verb of relief is praised
(support), unless what it lets happen is an act of war. Every sentence here is written for these tests (none
comes from an evaluation set)."""

from __future__ import annotations

import pytest

from conftest import article_statements


def stance_of(paragraph: str, *context: str) -> str:
    found = [s for s in article_statements(*context, paragraph) if s.text.startswith(paragraph[:12])]
    assert len(found) == 1, [s.text for s in article_statements(*context, paragraph)]
    return found[0].stance


@pytest.mark.parametrize("paragraph, expected", [
    # the truce's relief, said of it
    ("The governor Pia Holm said the ceasefire had halved the number of wounded arriving at the clinic.", "support"),
    ("\u201cA truce of one month would save the olive crop,\u201d said the farmer Ole Dahl.", "support"),
])
def test_relief_brought_by_the_truce(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph", [
    # what it lets happen is an act of war: no praise
    "The governor Pia Holm said the ceasefire had allowed the militia to rearm in the hills.",
    # denied, the relief is no praise
    "The governor Pia Holm said the ceasefire had not reduced the number of wounded at the clinic.",
])
def test_no_praise_in_harm_or_denied_relief(paragraph):
    assert stance_of(paragraph) != "support"
