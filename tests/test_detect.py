"""Which sentences are ceasefire-statement candidates and statements (pipeline.nlp.detect, the [topic] tables of
pipeline/nlp/data/ceasefire.toml). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.lexicon import load_lexicon

LEX = load_lexicon()


@pytest.mark.parametrize("sentence", [
    # the guidelines' "halt to attacks": a pause in, a halt to or an end of the attacks, the shelling, the bombing
    "Both navies have observed a pause in attacks on cargo ships since Friday.",
    "The council demanded a halt to the shelling of the eastern districts.",
    "Villagers said the lull in bombing had let them bring in the harvest.",
    "Mediators proposed an end to air strikes on the power grid for the winter.",
])
def test_a_halt_to_attacks_names_the_truce(sentence):
    assert LEX.evidence(sentence) == "term", sentence


@pytest.mark.parametrize("sentence", [
    "The attacks on cargo ships have doubled since Friday.",
    "A break in the weather let the ferries sail again.",
])
def test_attacks_alone_or_a_break_in_the_weather_do_not(sentence):
    assert LEX.evidence(sentence) != "term", sentence
