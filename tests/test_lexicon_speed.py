"""The lexicon's joined alternations (lexicon._any_of) find exactly what the patterns find one by one, with or
without the word-start lookahead that speeds up the scan."""

import re

from pipeline.nlp.lexicon import _any_of, _found, _opens_word


def test_opens_word_only_for_patterns_that_start_a_word():
    assert _opens_word(re.compile(r"\bcease-?fires?\b", re.IGNORECASE))
    assert _opens_word(re.compile(r"(?<!price )\b(?:wars?|truces?)\b", re.IGNORECASE))
    assert _opens_word(re.compile(r"\b[a-z]+ly agreed\b"))
    assert not _opens_word(re.compile(r"\b-year\b"))  # after \b, a hyphen: the match starts before a non-word
    assert not _opens_word(re.compile(r"\ba|-b"))  # the second alternative needs no boundary
    assert not _opens_word(re.compile(r"\b(?:a)?-"))  # an optional first word
    assert not _opens_word(re.compile(r"truce"))


def test_joined_pattern_finds_what_the_patterns_find():
    patterns = (re.compile(r"\btruces?\b", re.IGNORECASE), re.compile(r"(?<!no )\bpause\b", re.IGNORECASE))
    joined = _any_of(patterns)
    assert joined is not None and joined.pattern.startswith("(?=\\w)")
    for text in ("A truce held.", "no pause here", "They agreed a pause.", "untruce", "-- Truces!", ""):
        assert _found(joined, patterns, text) == any(p.search(text) for p in patterns), text
    mixed = (re.compile(r"\btruce\b", re.IGNORECASE), re.compile(r"-stop", re.IGNORECASE))
    joined = _any_of(mixed)
    assert joined is not None and not joined.pattern.startswith("(?=")
    assert _found(joined, mixed, "a non-stop war")
