"""The NLP stage's shortcuts answer exactly as the slow ways they replace: the lexicon's joined alternations
(pipeline.nlp.lexicon._any_of) and the entity repairs' token index (pipeline.nlp.model._TokenIndex)."""

from __future__ import annotations

import re

import pytest

from pipeline.nlp.lexicon import _any_of, _found, load_lexicon

SENTENCES = [
    "The two sides agreed a ceasefire on Tuesday.",
    "The band announced a farewell tour and a truce with its label.",
    "Guns along the northern border fell silent overnight.",
    "Officials said talks would resume next week.",
    "A supermarket price war broke out in the capital.",
    "Nothing here is about fighting at all.",
    "",
]


def _slow_evidence(lexicon, sentence: str) -> str | None:
    if any(p.search(sentence) for p in lexicon.traps):
        return None
    if any(p.search(sentence) for p in lexicon.terms):
        return "term"
    if any(p.search(sentence) for p in lexicon.weak_terms):
        return "weak"
    return None


@pytest.mark.parametrize("sentence", SENTENCES)
def test_joined_patterns_give_the_same_evidence(sentence):
    lexicon = load_lexicon()
    assert lexicon._any_trap is not None and lexicon._any_term is not None and lexicon._any_weak is not None
    assert lexicon.evidence(sentence) == _slow_evidence(lexicon, sentence)


def test_evidence_of_each_kind():
    lexicon = load_lexicon()
    assert lexicon.evidence(SENTENCES[0]) == "term"
    assert lexicon.evidence(SENTENCES[1]) is None  # the trap vetoes the truce
    assert lexicon.evidence(SENTENCES[5]) is None


def test_patterns_that_cannot_be_joined_are_asked_one_by_one():
    backreference = (re.compile(r"(\w)\1", re.IGNORECASE), re.compile(r"truce", re.IGNORECASE))
    mixed_flags = (re.compile("truce"), re.compile("war", re.IGNORECASE))
    global_flag = (re.compile("truce", re.IGNORECASE), re.compile("(?x) w a r", re.IGNORECASE))
    for patterns in (backreference, mixed_flags, global_flag, ()):
        assert _any_of(patterns) is None
    assert _found(None, backreference, "a good deal") and not _found(None, backreference, "a truc")
    assert _found(None, mixed_flags, "a WAR") and not _found(None, mixed_flags, "a TRUCE")
    assert not _found(None, (), "anything")


def test_joined_alternation_keeps_each_pattern_scoped():
    # a branch's lookbehind and inline flag stay its own: "(?-i:Truce)" does not spill onto "war"
    patterns = (re.compile(r"(?<!price )\bwar\b", re.IGNORECASE), re.compile(r"\b(?-i:Truce)\b", re.IGNORECASE))
    joined = _any_of(patterns)
    assert joined is not None
    for text in ("a price war", "the WAR", "a truce", "the Truce", "nothing"):
        assert (joined.search(text) is not None) == any(p.search(text) for p in patterns), text


def test_token_index_matches_a_scan_of_every_token():
    spacy = pytest.importorskip("spacy")
    from pipeline.nlp.model import _head_positions, _positions, _positions_of

    nlp = spacy.blank("en")
    first = nlp("The Summit and the summit, then THE Accord.")
    second = nlp("the the Accord")
    for doc in (first, second, first):  # the index of the doc asked about, never the last one's
        assert _positions(doc, "the") == [t.i for t in doc if t.lower_ == "the"]
        assert _positions_of(doc, frozenset({"summit", "accord"})) == [
            t.i for t in doc if t.lower_ in ("summit", "accord")]
        assert _head_positions(doc, frozenset({"Summit", "Accord"})) == [
            t.i for t in doc if t.text in ("Summit", "Accord")]
    assert _positions(nlp(""), "the") == []


def test_token_index_with_a_word_set_larger_than_the_paragraph():
    """A data file's word set (hundreds of titles) against a short paragraph: the index walks the paragraph's
    words instead of the set's, and finds the same tokens in the same order."""
    spacy = pytest.importorskip("spacy")
    from pipeline.nlp.model import _positions_of

    nlp = spacy.blank("en")
    doc = nlp("General Ode met the general and a Colonel, then the colonel left.")
    words = frozenset({"general", "colonel", "minister", "envoy", "mayor", "sergeant", "admiral"} |
                      {f"filler{i}" for i in range(40)})
    assert len(words) > len({t.lower for t in doc})
    assert _positions_of(doc, words) == [t.i for t in doc if t.lower_ in words] == [0, 4, 7, 11]
    assert _positions_of(doc, frozenset({"General", "Colonel"} | {f"X{i}" for i in range(40)}), "orth") == [0, 7]


def test_figurative_count_skips_text_without_a_term_only_when_the_terms_are_local():
    from pipeline.nlp.lexicon import _local

    lexicon = load_lexicon()
    assert lexicon._local_terms  # the shipped terms: words between \b, nothing that reads past the match
    assert lexicon.figurative("The band played a farewell tour. The crowd sang along.") == 0  # a trap, no term
    # a trap and a term in one sentence counts; the same words split over two sentences do not
    assert lexicon.figurative("The band called a truce with its label. Then it left.") == 1
    assert lexicon.figurative("The band split up. A truce holds in the north.") == 0
    for pattern, local in ((r"\btruces?\b", True), (r"(?<!price )\btruce\b", False), (r"^truce", False),
                           (r"truce(?= holds)", False), (r"\btruce\Z", False)):
        assert _local(re.compile(pattern)) is local, pattern
