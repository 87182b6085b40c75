"""Russian stance (session 29): the parliament's name read as gladness, and forecasts of the truce's collapse.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from pipeline.nlp import multilingual
from pipeline.nlp.multilingual import language_lexicon


def _stance(sentence: str) -> str:
    return multilingual.stance(sentence, language_lexicon("ru"), direct="«" in sentence)[0]


@pytest.mark.parametrize("sentence, expected", [
    # Ukraine's parliament named in the genitive or the nominative is no gladness: the announcement stays neutral
    ("Депутат Верховной рады Олег Сидоренко заявил, что перемирие вступит в силу в полночь.", "neutral"),
    ("Как сообщил депутат Верховной Рады, режим тишины начал действовать утром.", "neutral"),
    # the speaker glad of the truce still supports it
    ("«Мы рады, что перемирие наконец объявлено», — сказал мэр.", "support"),
    ("«Я рада этой паузе», — сказала врач.", "support"),
])
def test_rada_is_not_gladness(sentence, expected):
    assert _stance(sentence) == expected
