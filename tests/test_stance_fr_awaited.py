"""French stance by the parse: a commitment held back until another side acts, told by a clause of time in the
future ("dès que l'armée se retirera"), is conditional; the truce's own schedule ("quand elle entrera en vigueur")
is not. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.french import analyse_paragraphs


def _statement(paragraph: str):
    (analysis,) = analyse_paragraphs([("p1", paragraph)])
    (statement,) = analysis.statements
    return statement


@pytest.mark.parametrize("paragraph", [
    "« Nous respecterons le cessez-le-feu dès que l'armée se retirera de Brenne », a déclaré le colonel Marc Dufour.",
    "Le colonel Marc Dufour a promis de respecter la trêve une fois que les prisonniers seront libérés.",
])
def test_a_commitment_that_waits_for_another_act_is_conditional(paragraph):
    statement = _statement(paragraph)
    assert statement.stance == "conditional"
    assert statement.conditions and ("armée" in statement.conditions[0] or "prisonniers" in statement.conditions[0])


@pytest.mark.parametrize("paragraph", [
    "« Nous respecterons la trêve quand elle entrera en vigueur », a déclaré le colonel Marc Dufour.",
    "« Nous respecterons la trêve quand la trêve entrera en vigueur lundi », a déclaré le colonel Marc Dufour.",
    "« Nous respecterons la trêve », a déclaré le colonel Marc Dufour.",
])
def test_the_truce_schedule_or_a_bare_promise_stays_support(paragraph):
    assert _statement(paragraph).stance == "support"
