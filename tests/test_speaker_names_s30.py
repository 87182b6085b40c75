"""A speaker named by the fullest name the article gives: a given name the small model leaves out at a sentence's
start, a name written again without its middle name, two defined acronyms joined by a slash (pipeline.nlp.model,
pipeline.nlp.resolve). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.model import load_nlp


def _repaired(text: str, model_output: list[tuple[str, str]]) -> dict[str, str]:
    """``newsdesk_places`` over ``model_output`` as the NER's spans: surface text -> label of doc.ents."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.make_doc(text))
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in model_output]
    return {e.text: e.label_ for e in nlp.get_pipe("newsdesk_places")(doc).ents}


@pytest.mark.parametrize("text, cut, whole", [
    # given names that end like an agent noun ("-ist", "-ian", "-er") but are no English noun
    ("Tirunesh Bekele Amsalu, who runs a tea stall by the depot, lost her shop in the shelling.",
     "Bekele Amsalu", "Tirunesh Bekele Amsalu"),
    ("Kristian Moller Dahl, who farms near the border, said the guns were quiet.",
     "Moller Dahl", "Kristian Moller Dahl"),
])
def test_a_given_name_opening_the_sentence_that_only_looks_like_a_role_is_part_of_the_name(text, cut, whole):
    assert _repaired(text, [(cut, "PERSON")]) == {whole: "PERSON"}


@pytest.mark.parametrize("text, name", [
    ("Curator Helen Ashdown said the exhibition would reopen.", "Helen Ashdown"),
    ("Guitarists Leon Marsh and Ada Crane played on.", "Leon Marsh"),
])
def test_a_real_role_noun_opening_the_sentence_stays_out_of_the_name(text, name):
    assert _repaired(text, [(name, "PERSON")]) == {name: "PERSON"}
