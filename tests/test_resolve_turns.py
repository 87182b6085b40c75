"""A transcript's turns at the article level: a guest's answer to the question put after their statement, and the
courtesies of talk (real spaCy model). Every sentence here is written for these tests."""

from __future__ import annotations

from conftest import article_statements
from pipeline.nlp.resolve import _COURTESY

_OPENING = ("PRESENTER (Mara Lindqvist): Tonight, the ten-day truce between the army and the Northern Front. "
            "With me is the analyst Piet Brandt.")
_STATEMENT = "BRANDT: The truce is fragile, and both sides are rearming behind the lines."
_QUESTION = "LINDQVIST: Who is going to watch the front line?"
_ANSWER = "BRANDT: Nobody yet. The monitors are still waiting for their visas in the capital."


def _texts(*paragraphs: str) -> list[str]:
    return [s.text for s in article_statements(*paragraphs)]


def test_an_answer_to_the_question_after_a_statement_is_kept():
    texts = _texts(_OPENING, _STATEMENT, _QUESTION, _ANSWER)
    assert any(t.startswith("The monitors are still waiting") for t in texts), texts


def test_an_answer_long_after_any_statement_is_not():
    # two paragraphs with no statement between: the exchange has moved on, as after any paragraph off the topic
    texts = _texts(_OPENING, _STATEMENT, "There was a short break for the news headlines.", _QUESTION, _ANSWER)
    assert not any(t.startswith("The monitors are still waiting") for t in texts), texts


def test_a_courtesy_after_an_answer_is_no_statement():
    texts = _texts(_OPENING, _STATEMENT, _QUESTION, _ANSWER, "LINDQVIST: Thank you both.")
    assert not any("Thank you" in t for t in texts), texts
    assert any(t.startswith("The monitors are still waiting") for t in texts), texts


def test_courtesies_are_told_from_words_that_open_like_them():
    assert _COURTESY.match("GUEST (Ana Ruiz): Good evening.")
    assert _COURTESY.match("Thanks for having me.")
    assert not _COURTESY.match("Thanks to the truce, the schools have reopened.")
    assert not _COURTESY.match("We thank the mediators, but the truce will not hold.")
    assert not _COURTESY.match("Good faith is what this truce lacks.")
