"""French stance by the parse: a refusal that names what would lift it ("nous ne signerons pas l'accord sans la
garantie d'un retrait") accepts only with it, the guidelines' "no truce without guarantees": conditional. Every
sentence is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.french import analyse_paragraphs


def _statement(paragraph: str):
    (analysis,) = analyse_paragraphs([("p1", paragraph)])
    (statement,) = analysis.statements
    return statement


@pytest.mark.parametrize("paragraph, condition", [
    ("« Nous ne signerons pas l'accord sans la garantie d'un retrait de leurs forces », a déclaré le colonel Marc "
     "Dufour.", "sans la garantie d'un retrait de leurs forces"),
    ("« Nous ne signerons pas la trêve sans consulter notre peuple », a déclaré le colonel Marc Dufour.",
     "sans consulter notre peuple"),
])
def test_a_refusal_that_names_what_would_lift_it_is_conditional(paragraph, condition):
    statement = _statement(paragraph)
    assert statement.stance == "conditional"
    assert statement.conditions == (condition,)


@pytest.mark.parametrize("paragraph", [
    "« Nous ne signerons jamais cette trêve », a déclaré le colonel Marc Dufour.",
    "« Nous ne signerons pas cet accord, sans hésitation », a déclaré le colonel Marc Dufour.",
])
def test_a_plain_refusal_stays_oppose(paragraph):
    assert _statement(paragraph).stance == "oppose"
