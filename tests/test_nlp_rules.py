"""Statement rules on hand-built spaCy Docs and resolution on hand-built analyses: no model needed."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.nlp.detect import _statement
from pipeline.nlp.lexicon import load_lexicon, parse_lexicon
from pipeline.nlp.quotes import quote_spans
from pipeline.nlp.resolve import resolve_article
from pipeline.nlp.spans import EntitySpan, ParagraphAnalysis, StatementSpan

LEX = load_lexicon()


def build(tokens):
    """tokens: (text, lemma, pos, tag, dep, head index, space after)"""
    doc = Doc(
        Vocab(),
        words=[t[0] for t in tokens],
        spaces=[t[6] for t in tokens],
        lemmas=[t[1] for t in tokens],
        pos=[t[2] for t in tokens],
        tags=[t[3] for t in tokens],
        deps=[t[4] for t in tokens],
        heads=[t[5] for t in tokens],
    )
    return doc


def ent(text, sub, label, prefix=""):
    start = text.index(sub)
    return EntitySpan(start, start + len(sub), sub, sub, label, prefix)


# “We agree to a truce,” Haidar said.
QUOTE_AFTER = [
    ("\u201c", "\u201c", "PUNCT", "``", "punct", 6, False),
    ("We", "we", "PRON", "PRP", "nsubj", 2, True),
    ("agree", "agree", "VERB", "VBP", "ccomp", 6, True),
    ("to", "to", "ADP", "IN", "prep", 2, True),
    ("a", "a", "DET", "DT", "det", 5, True),
    ("truce,\u201d", "truce", "NOUN", "NN", "pobj", 3, True),
    ("Haidar", "Haidar", "PROPN", "NNP", "nsubj", 7, True),
    ("said", "say", "VERB", "VBD", "ROOT", 7, False),
    (".", ".", "PUNCT", ".", "punct", 7, False),
]


def test_direct_quote_with_speaker_after():
    doc = build(QUOTE_AFTER)
    # heads in Doc() are absolute indices; fix the ones written relative to the spec above
    text = doc.text
    entities = [ent(text, "Haidar", "PERSON")]
    s = _statement(text, 0, len(text), doc, quote_spans(text), entities, LEX)
    assert s is not None and s.direct_quote
    assert (s.speaker_text, s.speaker_kind) == ("Haidar", "name")
    assert s.stance == "support" and s.cameo_code == "0356"


# Belov said Russia would not accept a 30-day truce unless arms deliveries stop.
REPORTED = [
    ("Belov", "Belov", "PROPN", "NNP", "nsubj", 1, True),
    ("said", "say", "VERB", "VBD", "ROOT", 1, True),
    ("Russia", "Russia", "PROPN", "NNP", "nsubj", 5, True),
    ("would", "would", "AUX", "MD", "aux", 5, True),
    ("not", "not", "PART", "RB", "neg", 5, True),
    ("accept", "accept", "VERB", "VB", "ccomp", 1, True),
    ("a", "a", "DET", "DT", "det", 8, True),
    ("30-day", "30-day", "ADJ", "JJ", "amod", 8, True),
    ("truce", "truce", "NOUN", "NN", "dobj", 5, True),
    ("unless", "unless", "SCONJ", "IN", "mark", 12, True),
    ("arms", "arm", "NOUN", "NNS", "compound", 11, True),
    ("deliveries", "delivery", "NOUN", "NNS", "nsubj", 12, True),
    ("stop", "stop", "VERB", "VBP", "advcl", 5, False),
    (".", ".", "PUNCT", ".", "punct", 1, False),
]


def test_reported_speech_with_condition_and_duration():
    doc = build(REPORTED)
    text = doc.text
    entities = [ent(text, "Belov", "PERSON"), ent(text, "Russia", "GPE")]
    s = _statement(text, 0, len(text), doc, quote_spans(text), entities, LEX)
    assert s is not None and not s.direct_quote
    assert s.speaker_text == "Belov"
    assert s.stance == "conditional"  # refuses *unless*: a condition, not a flat rejection
    assert s.conditions == ("arms deliveries stop",)
    assert s.duration == "30 days"


# A truce agreed in March collapsed .  -> background narrative, not a statement
BACKGROUND = [
    ("A", "a", "DET", "DT", "det", 1, True),
    ("truce", "truce", "NOUN", "NN", "nsubj", 5, True),
    ("agreed", "agree", "VERB", "VBN", "acl", 1, True),
    ("in", "in", "ADP", "IN", "prep", 2, True),
    ("March", "March", "PROPN", "NNP", "pobj", 3, True),
    ("collapsed", "collapse", "VERB", "VBD", "ROOT", 5, False),
    (".", ".", "PUNCT", ".", "punct", 5, False),
]

# The truce took effect at midnight .  -> narrative announcement
ANNOUNCED = [
    ("The", "the", "DET", "DT", "det", 1, True),
    ("truce", "truce", "NOUN", "NN", "nsubj", 2, True),
    ("took", "take", "VERB", "VBD", "ROOT", 2, True),
    ("effect", "effect", "NOUN", "NN", "dobj", 2, True),
    ("at", "at", "ADP", "IN", "prep", 2, True),
    ("midnight", "midnight", "NOUN", "NN", "pobj", 4, False),
    (".", ".", "PUNCT", ".", "punct", 2, False),
]


def test_a_fact_about_a_past_truce_is_a_neutral_statement_and_an_announcement_too():
    # the guidelines count a fact about a specific truce, a failed one too; it has no speaker and no stance
    doc = build(BACKGROUND)
    s = _statement(doc.text, 0, len(doc.text), doc, [], [], LEX)
    assert s is not None and s.speaker_kind == "none" and s.stance == "neutral"
    doc = build(ANNOUNCED)
    s = _statement(doc.text, 0, len(doc.text), doc, [], [], LEX)
    assert s is not None and s.speaker_kind == "none" and s.stance == "neutral" and s.cameo_code == "0871"


def test_question_is_a_doubt_and_if_is_not_a_condition():
    tokens = [
        ("\u201cIf", "if", "SCONJ", "IN", "mark", 2, True),
        ("we", "we", "PRON", "PRP", "nsubj", 2, True),
        ("stop", "stop", "VERB", "VBP", "advcl", 8, True),
        ("fighting", "fighting", "NOUN", "NN", "dobj", 2, True),
        ("for", "for", "ADP", "IN", "prep", 2, True),
        ("30", "30", "NUM", "CD", "nummod", 6, True),
        ("days,", "day", "NOUN", "NNS", "pobj", 4, True),
        ("what", "what", "PRON", "WP", "nsubj", 8, True),
        ("then?\u201d", "then", "ADV", "RB", "ccomp", 10, True),
        ("he", "he", "PRON", "PRP", "nsubj", 10, True),
        ("asked", "ask", "VERB", "VBD", "ROOT", 10, False),
        (".", ".", "PUNCT", ".", "punct", 10, False),
    ]
    doc = build(tokens)
    s = _statement(doc.text, 0, len(doc.text), doc, quote_spans(doc.text), [], LEX)
    assert s is not None and s.stance == "oppose" and s.conditions == () and s.duration == "30 days"
    assert (s.speaker_text, s.speaker_kind) == ("he", "pronoun") and s.direct_quote


def test_headlines_are_not_statements():
    doc = build([("Ceasefire", "ceasefire", "NOUN", "NN", "nsubj", 1, True), ("talks", "talk", "VERB", "VBZ", "ROOT", 1, True),
                 ("resume", "resume", "VERB", "VB", "xcomp", 1, False)])
    assert _statement(doc.text, 0, len(doc.text), doc, [], [], LEX) is None


@pytest.mark.parametrize("sentence", [
    "The band Ceasefire announced a new album and a tour.",
    "The two tech giants agreed a truce in their patent war.",
    "The plant ceased production after the floods.",
    "Lawyers sent a cease-and-desist letter to the retailer.",
    "The club agreed a truce with its fans over ticket prices.",
    # the guidelines' figurative truces: politics, a policy, a drink, a board game
    "The coalition's uneasy truce over the pension bill held for another week.",
    "The two parties agreed a truce over the budget until the summer recess.",
    "The bar serves a gin cocktail called the Ceasefire.",
    "The chess players agreed a truce on the board before lunch.",
    "A new exhibition titled \u201cArmistice\u201d opened at the city gallery.",
    "A mural called the Ceasefire went up on the station wall.",
])
def test_trap_words_do_not_match(sentence):
    assert not LEX.matches(sentence)


@pytest.mark.parametrize("sentence", [
    "Russia could agree to a 30-day ceasefire.",
    "They called for a cessation of hostilities.",
    "We will not stop military actions.",
    "A humanitarian pause would let aid in.",
    "Both sides signed an armistice.",
    # everyday words of war reporting are no traps, and a truce over a holiday is a real one
    "Not a single shot was fired after the ceasefire began.",
    "The army proposed a truce over the Easter weekend.",
    "Queen Rania called for an immediate ceasefire in Gaza.",
    "The army called the ceasefire a trap.",
    "He dismissed the so-called ceasefire as a stunt.",
    "Its forces would cease all military actions until Sunday.",
    "The rebels said they would suspend offensive operations for a week.",
])
def test_topic_terms_match(sentence):
    assert LEX.matches(sentence)


def test_quote_spans_survive_odd_text():
    assert quote_spans("\u201cOne,\u201d he said, \u201ctwo.\u201d") == [(0, 6), (16, 22)]
    assert quote_spans('He said "unclosed quote runs on') == [(8, 31)]
    assert quote_spans("It's Putin's view, not the soldiers' one.") == []  # apostrophes are not quotes
    assert quote_spans("\u00abNous acceptons\u00bb, a-t-il dit.") == [(0, 16)]
    assert quote_spans("'Single quoted,' she said.")[0][0] == 0
    for odd in ("\u201d\u201c\u201d", '"', "\u00ab", "''''", ""):
        quote_spans(odd)  # never raises


def test_bad_lexicon_is_a_clear_error():
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="bad pattern"):
        parse_lexicon(b"[topic]\nname='x'\nterms=['(']\n[verbs]\nreporting=[]\n[stance]\n[conditions]\nmarkers=[]\n[duration]\npattern='x'\n")
    with pytest.raises(ConfigError, match="not a valid lexicon"):
        parse_lexicon(b"[topic]\n")


# ------------------------------------------------------------------------------------------------ resolve


def _analysis(pid, entities=(), statements=()):
    return ParagraphAnalysis(pid, "v", tuple(entities), tuple(statements), 1)


def _stmt(start, end, text, speaker_text, kind, speaker_start=None, speaker_end=None, stance="support"):
    return StatementSpan(start, end, text, True, speaker_text, kind, speaker_start, speaker_end, stance, (), None, None, "r")


def test_short_names_resolve_to_the_fullest_and_pronouns_to_the_last_person():
    p1 = "Russian President Vladimir Putin met envoys."
    p2 = "\u201cWe agree to a truce,\u201d Putin said. \u201cBut there are nuances,\u201d he added about the ceasefire."
    a1 = _analysis("p1", [ent(p1, "Vladimir Putin", "PERSON", "Russian President")])
    putin_at = p2.index("Putin")
    he_at = p2.index("he added")
    a2 = _analysis("p2", [ent(p2, "Putin", "PERSON")], [
        _stmt(0, p2.index(" \u201cBut"), p2[: p2.index(" \u201cBut")], "Putin", "name", putin_at, putin_at + 5),
        _stmt(p2.index("\u201cBut"), len(p2), p2[p2.index("\u201cBut"):], "he", "pronoun", he_at, he_at + 2, "conditional"),
    ])
    offset2 = len(p1) + 2
    resolved = resolve_article("a", [(0, "p1", 0), (1, "p2", offset2)], {"p1": a1, "p2": a2})
    mentions, statements = resolved.mentions, resolved.statements
    assert {m.name for m in mentions} == {"Vladimir Putin"}
    assert len({m.entity_id for m in mentions}) == 1
    text = p1 + "\n\n" + p2
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.text
    assert [s.speaker for s in statements] == ["Vladimir Putin", "Vladimir Putin"]
    assert statements[0].speaker_entity_id == mentions[0].entity_id
    for s in statements:
        assert text[s.start_char : s.end_char] == s.text


def test_role_nouns_resolve_to_the_titled_person_and_unnamed_roles_stay_unnamed():
    p1 = "Foreign Minister Olena Haidar and Colonel Ivan Petrenko arrived."
    p2 = "The minister said a truce was possible. A Western diplomat said the truce would hold."
    a1 = _analysis("p1", [ent(p1, "Olena Haidar", "PERSON", "Foreign Minister"), ent(p1, "Ivan Petrenko", "PERSON", "and Colonel")])
    first_end = p2.index(" A Western")
    a2 = _analysis("p2", [], [
        _stmt(0, first_end, p2[:first_end], "The minister|minister|singular", "role", 0, 12),
        _stmt(first_end + 1, len(p2), p2[first_end + 1:], "A Western diplomat|diplomat|singular", "role"),
    ])
    statements = resolve_article("a", [(0, "p1", 0), (1, "p2", len(p1) + 2)], {"p1": a1, "p2": a2}).statements
    assert [s.speaker for s in statements] == ["Olena Haidar", "A Western diplomat"]
    assert statements[1].speaker_entity_id is None


def test_narrative_statements_have_no_speaker_and_continuations_inherit():
    p = "\u201cWe agree,\u201d Haidar said of the truce. \u201cThe ceasefire must hold.\u201d The truce took effect at midnight."
    second = p.index("\u201cThe ceasefire")
    third = p.index("The truce took")
    a = _analysis("p", [ent(p, "Haidar", "PERSON")], [
        _stmt(0, second - 1, p[: second - 1], "Haidar", "name", p.index("Haidar"), p.index("Haidar") + 6),
        _stmt(second, third - 1, p[second : third - 1], "", "continuation"),
        _stmt(third, len(p), p[third:], None, "none"),
    ])
    statements = resolve_article("a", [(0, "p", 0)], {"p": a}).statements
    assert [s.speaker for s in statements] == ["Haidar", "Haidar", None]


def test_article_filters_need_conflict_context_and_a_topic_term():
    p = "\u201cWe reject the proposal,\u201d Haidar said. \u201cA truce now is a trap,\u201d she added."
    weak = _stmt(0, 40, p[:40], "Haidar", "name", stance="oppose")
    weak = dataclasses.replace(weak, evidence="weak")
    term = _stmt(41, len(p), p[41:], "she", "pronoun", stance="oppose")
    no_context = ParagraphAnalysis("p", "v", (ent(p, "Haidar", "PERSON"),), (weak, term), 2, context_hits=0)
    assert resolve_article("a", [(0, "p", 0)], {"p": no_context}, LEX).statements == []  # a feud between neighbours
    with_context = ParagraphAnalysis("p", "v", (ent(p, "Haidar", "PERSON"),), (weak, term), 2, context_hits=2)
    assert len(resolve_article("a", [(0, "p", 0)], {"p": with_context}, LEX).statements) == 2
    only_weak = ParagraphAnalysis("p", "v", (ent(p, "Haidar", "PERSON"),), (weak,), 2, context_hits=2)
    assert resolve_article("a", [(0, "p", 0)], {"p": only_weak}, LEX).statements == []  # "the proposal" of what?


@pytest.mark.parametrize("sentence", [
    "The government announced a ten-day pause in military operations in the northern districts.",
    "Commanders agreed to a short halt in offensive operations along the river.",
])
def test_a_pause_in_military_operations_is_a_truce_term(sentence):
    assert LEX.evidence(sentence) == "term"


def test_text_of_reads_a_doc_once_and_a_span_afresh():
    """The rules read a paragraph's text through syntax.text_of: the analyser's own string when it stored one, the
    doc's joined text otherwise (cached), and a sentence Span's own text."""
    import spacy

    from pipeline.nlp.syntax import TEXT_KEY, text_of

    nlp = spacy.blank("en")
    doc = nlp("The truce held overnight. Both sides said so.")
    assert text_of(doc) == doc.text and doc.user_data[TEXT_KEY] == doc.text
    span = doc[5:]
    assert text_of(span) == "Both sides said so."
    stored = nlp("A paragraph.")
    stored.user_data[TEXT_KEY] = "A paragraph."
    assert text_of(stored) == "A paragraph."


# ------------------------------------------------------------- the truce's length, not any time span (s29)


@pytest.mark.parametrize("sentence, duration", [
    # a span that dates something comes first; the one tied to the truce is its length
    ("The shelling resumed three days before envoys were to discuss a proposed 45-day truce.", "45 days"),
    ("After two weeks of talks, the sides agreed a 72-hour humanitarian pause.", "72 hours"),
    ("The army said it would observe a ceasefire of 10 days.", "10 days"),
    ("The rebels agreed to halt all attacks for 14 days, their commander said.", "14 days"),
    # only spans that date something or measure something else: no length
    ("The swap under the ceasefire was the first in almost three months, officials said.", None),
    ("The truce was announced after five days of indirect talks in Muscat.", None),
    ("The ceasefire collapsed two weeks ago, the mayor said.", None),
    ("It was the first truce to hold in more than four months, the mayor said.", None),
])
def test_the_duration_is_the_truces_length_not_any_time_span(sentence, duration):
    from pipeline.nlp.stance import _duration

    assert _duration(sentence, LEX) == duration


@pytest.mark.parametrize("sentence, duration", [
    # spelt out or in digits, a length is stored in digits, as French and Russian ones are: one filter finds them all
    ("\u201cSeventy-two hours is enough for one convoy,\u201d the aid chief said of the pause.", "72 hours"),
    ("The rebels offered a three-day truce over the holiday.", "3 days"),
    ("The army will observe a one-week ceasefire, the minister said.", "1 week"),
    ("The mediators proposed a 30-day ceasefire.", "30 days"),
])
def test_a_duration_is_stored_in_digits(sentence, duration):
    from pipeline.nlp.stance import _duration

    assert _duration(sentence, LEX) == duration
