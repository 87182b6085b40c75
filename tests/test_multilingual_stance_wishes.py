"""French stance: a wish that the guns fall silent is support, and so is the deal called by a name of praise."""

from __future__ import annotations

import pytest

from pipeline.nlp.multilingual import language_lexicon, stance


def _stance(sentence: str) -> str:
    return stance(sentence, language_lexicon("fr"), direct=True)[0]


@pytest.mark.parametrize("sentence", [
    "« Nous voulons que les armes se taisent avant Noël.",
    "« Que les armes se taisent enfin dans nos villages ! »",
    "Il faut maintenant que les armes se taisent sur tout le front.",
])
def test_a_wish_that_the_guns_fall_silent_is_support(sentence):
    assert _stance(sentence) == "support"


def test_checking_that_the_guns_are_silent_is_no_wish():
    assert _stance("La mission devra vérifier que les armes se taisent dans les deux provinces.") != "support"


@pytest.mark.parametrize("sentence", [
    "Le ministre Paul Delorme a qualifié la signature de « jour historique pour la Valdorie ».",
    "Pour le Front du Nord, l'annonce de la trêve est « un signal encourageant »."
])
def test_the_deal_called_by_a_name_of_praise_is_support(sentence):
    assert _stance(sentence) == "support"


def test_the_deal_called_by_a_name_of_scorn_stays_a_dismissal():
    assert _stance("Le Front du Nord a qualifié la trêve de « mascarade ».") == "oppose"


@pytest.mark.parametrize("sentence", [
    "Pour le colonel, toute prolongation dépendra du retrait des miliciens de Valmont.",
    "Selon elle, la suite dépend « de la bonne foi de l'autre camp ».",
])
def test_a_truce_that_depends_on_something_is_conditional(sentence):
    assert stance(sentence, language_lexicon("fr"), direct=True)[0] == "conditional"


# ---------------------------------------------------------------------------- refusals and a reservation

def test_the_deal_denied_recognition_is_a_refusal():
    assert _stance("Le ministère de l'Intérieur ne reconnaît pas ces arrangements locaux.") == "oppose"
    # not admitting a breach is no refusal of the truce
    assert _stance("Le Front du Nord ne reconnaît pas avoir tiré sur la patrouille.") != "oppose"


def test_operations_that_will_go_on_refuse_the_truce():
    assert _stance("La police a fait savoir que ses opérations à Valmont se poursuivraient pendant la trêve.") == "oppose"
    # that they went on is a fact
    assert _stance("Les opérations de déminage se sont poursuivies pendant la trêve.") != "oppose"


@pytest.mark.parametrize("sentence", [
    "Le porte-parole a affirmé que ses combattants « ne tireront pas les premiers ».",
    "« Nous ne serons pas les premiers à ouvrir le feu », a assuré le colonel.",
])
def test_not_shooting_first_is_a_condition(sentence):
    assert _stance(sentence) == "conditional"
