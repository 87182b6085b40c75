"""Who a ceasefire statement is by, read from the parse and the article's structure: mechanisms meant to hold
on text nobody tuned on. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.lexicon import load_lexicon
from pipeline.nlp.resolve import resolve_article

CONFLICT = "Artillery fire hit the outskirts of the town overnight and two soldiers were killed, officials said."


def statements(*paragraphs: str):
    paragraphs = (CONFLICT, *paragraphs)  # the article-level filter wants words of armed conflict
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    return resolve_article("a", occurrences, analyses, load_lexicon()).statements


def speaker_of(*paragraphs: str, starting: str | None = None):
    starting = starting or paragraphs[-1][:15]
    found = [s for s in statements(*paragraphs) if s.text.startswith(starting)]
    assert len(found) == 1, [(s.text, s.speaker) for s in statements(*paragraphs)]
    return found[0]


@pytest.mark.parametrize("paragraph", [
    "A truce agreed in Lusaka last spring broke down within a week, with each side blaming the other for the first shots.",
    "The navies of Norland and Sudmark agreed on Friday to respect the ceasefire in the strait.",
    "The two governments' envoys agreed on a call to keep the truce in place from dawn.",
])
def test_a_subject_that_is_both_sides_through_its_modifiers_speaks_for_nobody(paragraph):
    assert speaker_of(paragraph).speaker is None


def test_a_joint_commitment_keeps_its_support():
    # the wider joint reading is for the speaker only: agreeing to respect a truce is still support
    found = speaker_of("The navies of Norland and Sudmark agreed on Friday to respect the ceasefire in the strait.")
    assert found.stance == "support"


def test_one_side_with_a_modifier_still_speaks():
    found = speaker_of("The Norland navy said on Friday it would respect the ceasefire in the strait.")
    assert found.speaker is not None and "Norland" in found.speaker
