"""Stance frames of general English read through the parse (pipeline/nlp/data/stance_frames.toml): an arrangement
presented "as" something, "the only way", a party's own restraint promised, a truce still to come that "would
require" something, mere words. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import article_statements
from pipeline.errors import ConfigError
from pipeline.nlp.stance import load_frames, parse_frames


def stance_of(*paragraphs: str, starting: str | None = None) -> str:
    start = starting or paragraphs[-1][:12]
    found = [s for s in article_statements(*paragraphs, conflict=True) if s.text.startswith(start)]
    assert len(found) == 1, [s.text for s in article_statements(*paragraphs, conflict=True)]
    return found[0].stance


@pytest.mark.parametrize("paragraph, expected", [
    # presented "as" something valued or condemned: the "as" phrase is what the speaker calls the truce
    ("The rebel commander said his movement saw the truce as a real opportunity for the valley.", "support"),
    ("The opposition leader Ana Pereira described the truce as a capitulation.", "oppose"),
    # negated, no welcome (a dismissal, which the sincerity rule reads)
    ("The rebel commander said his movement did not see the truce as an opportunity.", "oppose"),
    # "the only way": valued as indispensable
    ("Marta Lind, the deputy minister, said the ceasefire was the only way to get the wounded out of the city.",
     "support"),
    # ... but not when it is a reason given for something else
    ("\u201cWe will hold back, because the ceasefire is the only sensible way,\u201d said Colonel Piet Varga.",
     "neutral"),
    # mere words
    ("\u201cThe ceasefire is words for the newspapers,\u201d said Colonel Piet Varga.", "oppose"),
    # approval of the truce by "defend", but self-defence approves nothing
    ("The minister Ana Pereira defended the ceasefire in parliament on Tuesday.", "support"),
    ("\u201cOur fighters will defend themselves under the ceasefire,\u201d said Colonel Piet Varga.", "neutral"),
    # a truce still to come that would need something first: a condition; the truce in force: its terms
    ("Any ceasefire would require the rebels to hand over their artillery first, the interior minister Jon Halder "
     "said.", "conditional"),
    ("The ceasefire requires both armies to pull back ten kilometres, the mediators said.", "neutral"),
])
def test_frames(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # the speaker's own side holding back, promised: a commitment
    ("\u201cOur battalions will stay in their barracks for the length of the ceasefire,\u201d said Colonel Piet "
     "Varga.", "support"),
    ("The rebel command ordered all its fighters to cease offensive operations from Friday, in line with the "
     "ceasefire.", "support"),
    ("\u201cOur troops will stay in their bases,\u201d said Colonel Piet Varga of the ceasefire.", "support"),
    # staying anywhere else says nothing of the truce
    ("\u201cOur troops will stay in the forest,\u201d said Colonel Piet Varga of the ceasefire.", "neutral"),
    # told in the past: a claim of compliance
    ("\u201cOur troops stayed in their bases throughout the truce,\u201d said Colonel Piet Varga.", "neutral"),
    # set against what the other side does first: a condition, not a commitment
    ("\u201cThe day the militias leave the bridge, our gunners will stay in their trenches,\u201d said Colonel Piet "
     "Varga of the ceasefire.", "conditional"),
])
def test_own_restraint(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_restraint_in_a_quotation_about_the_truce():
    quote = ("\u201cWe accept the ceasefire. We will not advance on the river towns,\u201d said Colonel Piet Varga.")
    assert stance_of(quote, starting="We will not") == "support"
    bare = "\u201cWe accept the ceasefire. Units will remain in their positions,\u201d said Colonel Piet Varga."
    assert stance_of(bare, starting="Units") == "support"
    # the other side not advancing is no commitment of the speaker's
    other = "\u201cThe ceasefire is fake. They will not advance, they will just rearm,\u201d said Colonel Piet Varga."
    assert stance_of(other, starting="They will") == "oppose"


def test_the_bundled_frames_load_and_a_bad_file_is_a_config_error():
    assert "see" in load_frames().regarding and "only" in load_frames().necessity_markers
    with pytest.raises(ConfigError, match="stance frames"):
        parse_frames(b"[regarding\nverbs = [", "mine.toml")


@pytest.mark.parametrize("paragraph, expected", [
    # acceptance bounded by stated terms, or the right to answer reserved: a condition
    ("The council said it accepted the ceasefire on the understanding that the prisoners are freed first.",
     "conditional"),
    ("The ceasefire is subject to a vote in parliament, the prime minister Eva Lund said.", "conditional"),
    ("The rebel command said it would weigh a ceasefire only within a schedule for elections.", "conditional"),
    ("\u201cOur units keep the right to respond under the ceasefire,\u201d said Colonel Piet Varga.", "conditional"),
    # "even if" concedes, it sets no condition: the doubt stands
    ("\u201cEven if the ceasefire is signed tonight, we will not stop firing,\u201d said Colonel Piet Varga.", "oppose"),
])
def test_conditions_of_general_english(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # negation raised from the clause: not expecting it to last is expecting it to fail
    ("\u201cI don't think the truce will hold,\u201d said the analyst Tom Berg.", "oppose"),
    ("\u201cI do not expect it to last,\u201d the analyst Tom Berg said of the ceasefire.", "oppose"),
    # expecting it to last is no doubt
    ("\u201cI expect the truce to hold,\u201d said the analyst Tom Berg.", "neutral"),
])
def test_a_failure_expected(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # denying that a process of peace will exist is a refusal
    ("\u201cThere will be no negotiation with bandits,\u201d the minister Eva Lund said of the ceasefire offer.",
     "oppose"),
    # ... with a condition on it, a condition
    ("\u201cThere will be no ceasefire as long as the militia holds the bridge,\u201d the minister Eva Lund said.",
     "conditional"),
])
def test_a_process_denied(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_criticising_the_announcement_is_criticising_the_truce():
    assert stance_of("The ceasefire was announced on Monday. The rebels mocked the announcement.",
                     starting="The rebels") == "oppose"
