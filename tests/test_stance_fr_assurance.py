"""French stance: an assurance that a side will act is a promise (support), as "promet" is."""

from __future__ import annotations

import pytest

from pipeline.nlp.multilingual import language_lexicon, stance


def _stance(sentence: str) -> str:
    return stance(sentence, language_lexicon("fr"), direct=False)[0]


@pytest.mark.parametrize("sentence", [
    "Le préfet dit avoir obtenu des anciens du village l'assurance qu'ils garderont leurs jeunes loin des combats pendant la trêve.",
    "Le commandant a donné l'assurance que ses unités resteraient dans leurs casernes pendant la trêve.",
    "Le médiateur a reçu des assurances formelles que les milices ne franchiront pas la ligne de la trêve.",
])
def test_an_assurance_that_a_side_will_act_is_support(sentence):
    assert _stance(sentence) == "support"


def test_an_insurance_without_a_clause_is_no_promise():
    assert _stance("Les assurances du port couvrent les camions pendant la trêve.") == "neutral"
