"""French stance: the welcomes, readiness, consent and calls the cue words missed are support ("se dit ouverte à une
trêve", "satisfait de l'accord", "son attachement au cessez-le-feu", "a donné son accord", "encourage les parties
à", "la trêve est indispensable", "nous honorerons nos engagements"). Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.multilingual import language_lexicon, stance


def _stance(sentence: str, direct: bool = False) -> str:
    return stance(sentence, language_lexicon("fr"), direct=direct)[0]


@pytest.mark.parametrize("sentence", [
    "Le gouvernement de Valdorie se dit ouvert à une trêve dans les provinces du nord.",
    "Le Front du Nord reste ouvert aux pourparlers sur un cessez-le-feu.",
])
def test_open_to_a_truce_is_support(sentence):
    assert _stance(sentence) == "support"


@pytest.mark.parametrize("sentence", [
    "Le ministre valdorien s'est dit « satisfait » de la trêve signée à Brenne.",
    "La présidente s'est déclarée satisfaite du cessez-le-feu conclu dans la nuit.",
])
def test_pleased_with_the_truce_is_support(sentence):
    assert _stance(sentence) == "support"


def test_an_attachment_reaffirmed_is_support():
    assert _stance("Le ministre a réaffirmé l'attachement de son pays au cessez-le-feu de Brenne.") == "support"


@pytest.mark.parametrize("sentence", [
    "La Ligue des États riverains encourage les deux camps à prolonger la trêve.",
    "Le médiateur encourage la conclusion rapide d'un cessez-le-feu à Brenne.",
])
def test_encouraging_the_truce_is_support(sentence):
    assert _stance(sentence) == "support"


def test_a_party_encouraged_by_the_collapse_is_no_support():
    assert _stance("Les miliciens se disent encouragés par l'échec de la trêve.") != "support"


@pytest.mark.parametrize("sentence", [
    "« Cette trêve est indispensable pour les familles de Brenne. »",
    "La ministre a jugé la pause « vitale » pour les déplacés.",
    "« Il est urgent de conclure un cessez-le-feu dans le nord. »",
])
def test_the_truce_judged_needed_is_support(sentence):
    assert _stance(sentence, direct=True) == "support"


def test_the_truce_judged_useless_stays_a_dismissal():
    assert _stance("La ministre a jugé la pause « inutile » pour les déplacés.") == "oppose"


@pytest.mark.parametrize("sentence", [
    "« Nous honorerons nos engagements pendant toute la durée de la trêve. »",
    "« Nos combattants tiendront leurs engagements envers la trêve. »",
])
def test_commitments_kept_ahead_are_support(sentence):
    assert _stance(sentence, direct=True) == "support"


def test_a_road_open_to_convoys_takes_no_position():
    assert _stance("La route de Brenne est ouverte aux convois pendant la trêve.") == "neutral"
