"""Where statements are posted and what opens or names a body (pipeline.nlp.model): "X" the platform, found by
its context. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.analyse import analyse_paragraphs


def _mentions(text: str) -> set[tuple[str, str]]:
    """(name, label) of every entity mention the pipeline keeps in one paragraph."""
    [analysis] = analyse_paragraphs([("p0", text)])
    return {(e.name, e.label) for e in analysis.entities}


@pytest.mark.parametrize("text", [
    "The rebel commander said in a post on X that his fighters would hold their fire.",
    "The coastguard wrote on X, hours after the talks ended, that two boats had been seized.",
    "Her deputy answered the charge in a long post on X. Nobody replied.",
    "The brigade shared the map on its X account on Sunday.",
])
def test_x_where_something_is_posted_is_the_platform(text):
    assert ("X", "ORG") in _mentions(text)


@pytest.mark.parametrize("text", [
    "Article X of the accord bars heavy guns from the valley.",
    "Doctors took an X-ray of the wounded driver.",
    "On X Street the bakeries reopened.",
    "The envoys agreed on X, Y and Z before the summit.",
    "Clause X was dropped on Monday.",
])
def test_the_letter_x_elsewhere_is_no_platform(text):
    assert not any(name == "X" for name, _ in _mentions(text))
