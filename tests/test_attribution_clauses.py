"""Which clause a cue verb reports (real spaCy model). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.attribution import _untitled


def attributions(paragraph: str):
    return [q for a in analyse_paragraphs([("p0", paragraph)]) for q in a.quotes]


@pytest.mark.parametrize(("paragraph", "not_content"), [
    # a semicolon or a colon ends the clause before it: the verb after it is its own clause's, not a cue for it
    ("The night ferry does not stop at the pier; it goes around the headland and waits.",
     "The night ferry does not stop at the pier"),
    ("I have seen the council's new timetable, and I fear it repeats the old error: it asks for too much at once.",
     "I have seen the council's new timetable"),
])
def test_a_clause_closed_by_a_semicolon_or_colon_is_not_reported_by_the_next_verb(paragraph, not_content):
    assert not [q for q in attributions(paragraph) if q.text.startswith(not_content)]


def test_a_clause_set_off_by_a_comma_is_still_reported_by_its_cue():
    found = attributions("The night ferry will stop at the pier again, the harbour master said.")
    assert [(q.text, q.cue) for q in found] == [("The night ferry will stop at the pier again", "said")]


@pytest.mark.parametrize(("paragraph", "speaker"), [
    # a live blog's entry time the parse made the subject: the name set off after it speaks
    ("16:50 By phone from Vella Kotar, the village's headman, Arjun Pillai, said that the truce had become a word "
     "for politicians.", "Arjun Pillai"),
    ("11:40 From Kfar Dunes, the district's governor, Milos Varga, said the ceasefire was holding.", "Milos Varga"),
])
def test_a_live_blog_time_stamp_is_never_the_source(paragraph, speaker):
    found = attributions(paragraph)
    assert [(q.speaker_name, q.rule) for q in found] == [(speaker, "clause:say")]


@pytest.mark.parametrize(("paragraph", "source"), [
    ("20:15 Norway's foreign ministry says it is ready to host talks on an extension in Oslo.",
     "Norway's foreign ministry"),
    ("10:20 A British official, who spoke on condition of anonymity, said the ceasefire would hold.",
     "A British official"),
])
def test_a_live_blog_time_stamp_is_not_part_of_the_source_as_written(paragraph, source):
    found = attributions(paragraph)
    assert [q.speaker_text.split("|")[0] for q in found] == [source]


@pytest.mark.parametrize(("phrase", "name"), [
    # a person's name the NER missed (the source phrase read off the parse) keeps no title, as PERSON entities
    ("Bishop Anselm Korrigan", "Anselm Korrigan"),
    ("Dr Maren Tollefsen", "Maren Tollefsen"),
    # the office ends at its last title, whatever qualifies it ("Opposition", "Foreign"); police ranks, a member
    # of parliament and a delegated minister are titles too
    ("Opposition MP Dana Kerwin", "Dana Kerwin"),
    ("Foreign Minister Arno Vilk", "Arno Vilk"),
    ("Minister Delegate Arno Vilk", "Arno Vilk"),
    ("Police Inspector Hugo Belmont", "Hugo Belmont"),
    # titles with no name after them, a body's name, a surname alone: whole
    ("Deputy Defence Minister", "Deputy Defence Minister"),
    ("Minister of Foreign Affairs", "Minister of Foreign Affairs"),
    ("President Council Secretariat", "President Council Secretariat"),
    ("Senator Ruiz", "Senator Ruiz"),
])
def test_a_missed_name_loses_its_title_but_a_bare_title_stays(phrase, name):
    assert _untitled(phrase) == name


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("Opposition MP Dana Kerwin called the truce a gift to the enemy's artillery.", "Dana Kerwin"),
    ("A police commander in Tarn, Inspector Hugo Belmont, told reporters the so-called truce was a bluff.",
     "Hugo Belmont"),
    ("The delegate of Norland, Minister Delegate Arno Vilk, said his government would respect the ceasefire.",
     "Arno Vilk"),
])
def test_a_source_named_with_an_office_before_the_name_is_the_name(paragraph, speaker):
    assert [q.speaker_name for q in attributions(paragraph)] == [speaker]


@pytest.mark.parametrize(("paragraph", "content"), [
    # the small model hangs the content on "the time" as a relative clause, its "that" read as a relative word;
    # the content is read as "said that ..." reads it
    ("The harbour command said at the time that its patrols had fired at a boat crossing the line.",
     "that its patrols had fired at a boat crossing the line"),
    ("Officials said at the time that the truce was holding.", "that the truce was holding"),
])
def test_a_that_clause_after_at_the_time_is_what_the_cue_reports(paragraph, content):
    found = attributions(paragraph)
    assert [q.text for q in found] == [content]
