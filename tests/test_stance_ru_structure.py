"""Russian stance by the sentence's structure (session 27): the truce declared not needed or not talked of, conditions
worded without "если", a mediator's plans, a truce declared before and broken told as an accusation, scare quotes
and "так называемое". Sentences written for these tests."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(sentence: str) -> str:
    return multilingual.stance(sentence, language_lexicon("ru"), direct="«" in sentence)[0]


@pytest.mark.parametrize("sentence, expected", [
    # the truce not needed, in either order, and no talk of any: a refusal
    ("«Эта пауза нам не нужна», — сказал полевой командир.", "oppose"),
    ("«Не нужно нам никакое перемирие», — сказал атаман.", "oppose"),
    ("«Ни о каком прекращении огня разговора нет», — заявил генерал.", "oppose"),
    # an act against it that is not needed is no refusal of it; the truce needed is support
    ("«Не нужно нарушать перемирие», — призвал губернатор.", "neutral"),
    ("«Перемирие нам нужно», — сказала учительница.", "support"),
])
def test_truce_not_needed_is_a_refusal(sentence, expected):
    assert _stance(sentence) == expected
