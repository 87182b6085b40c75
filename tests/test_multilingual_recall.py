"""French and Russian statements the truce's wording alone would miss: its other short names (a lull the sides
keep)."""

from __future__ import annotations

import pytest

from pipeline.nlp.multilingual import language_lexicon


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Une accalmie fragile règne depuis mardi sur les collines autour de Valmont."),
    ("ru", "В районе Ключей третий день держится хрупкое затишье."),
])
def test_a_lull_is_the_truces_short_name(language, sentence):
    assert language_lexicon(language).evidence(sentence) == "weak"


@pytest.mark.parametrize(("language", "sentence"), [
    ("fr", "Accalmie chez les actionnaires du constructeur après la chute des cours."),
    ("ru", "На рынке акций наступило затишье, инвесторы ждут решения регулятора."),
])
def test_a_lull_on_a_trap_page_is_no_truce(language, sentence):
    assert language_lexicon(language).evidence(sentence) is None
