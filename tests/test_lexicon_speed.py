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


def test_word_led_pattern_counts_what_the_pattern_counts():
    from pipeline.nlp.lexicon import _word_led

    plain = re.compile(r"(?<!price )\b(?:wars?|troops|shell(?:s|ing)?)\b", re.IGNORECASE)
    led = _word_led(plain)
    assert led.pattern.startswith("(?=\\w)")
    for text in ("Troops shelled the town; shelling and shells, wars and a price war.", "warship", "", "-- WAR!"):
        assert len(led.findall(text)) == len(plain.findall(text)), text
    hyphen = re.compile(r"-year\b")  # may start on a non-word character: left as it is
    assert _word_led(hyphen) is hyphen


def _lexicon(**changes):
    import dataclasses

    from pipeline.nlp.lexicon import load_lexicon

    base = load_lexicon()
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(base) if f.init}
    fields.update(changes)
    return type(base)(**fields)


def test_evidence_trap_vetoes_term_and_weak_cue_whatever_the_scan_order():
    lexicon = _lexicon(terms=(re.compile(r"\btruce\b", re.IGNORECASE),),
                       weak_terms=(re.compile(r"\bpause\b", re.IGNORECASE),),
                       traps=(re.compile(r"\bprice truce\b", re.IGNORECASE), re.compile(r"\bcoffee\b", re.IGNORECASE)))
    assert lexicon.evidence("The rebels accepted a truce on Sunday.") == "term"
    assert lexicon.evidence("The rebels want a pause in the shelling.") == "weak"
    assert lexicon.evidence("The shops declared a price truce.") is None  # a trap vetoes a term
    assert lexicon.evidence("A pause for coffee.") is None  # and a weak cue
    assert lexicon.evidence("Coffee prices rose.") is None
    assert lexicon.evidence("Nothing here.") is None


def test_context_hits_counts_every_pattern_with_and_without_article_words():
    lexicon = _lexicon(context=(re.compile(r"\btroops\b", re.IGNORECASE), re.compile(r"\b(?:troops|shelling)\b", re.IGNORECASE)),
                       article_context=(re.compile(r"\brefugees?\b", re.IGNORECASE),), traps=())
    text = "Troops moved in after the shelling; troops and refugees fled."
    assert lexicon.context_hits(text) == 2 + 3  # overlapping patterns each count their own matches
    assert lexicon.context_hits(text, article=True) == 2 + 3 + 1


def test_negative_entries_found_by_first_lemma_as_by_a_full_scan():
    from pipeline.nlp.lexicon import load_evaluation

    evaluation = load_evaluation()
    two = next(e for e in evaluation.negative if len(e) >= 2)
    one = next(e for e in evaluation.negative if len(e) == 1)
    lemmas = ["they", *two, "and", *one, "again", *two]
    expected = sorted([(1, 1 + len(two)), (2 + len(two), 3 + len(two)), (4 + len(two), 4 + 2 * len(two))])
    assert evaluation.negative_at(lemmas) == expected
    assert evaluation.negative_at(["nothing", "to", "see"]) == []
    assert evaluation.negative_at([]) == []
