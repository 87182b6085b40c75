"""Small readings of spaCy's dependency parse shared by the statement detector and the stance rules: a
verb's subject, a subject naming both sides at once, the token at a character offset."""

from __future__ import annotations

import re

_QUESTION_END = re.compile(r"\?\s*[\"'\u201d\u2019\u00bb]?\s*$")

TEXT_KEY = "newsdesk.text"  # the doc's text in ``Doc.user_data`` (see text_of)


def text_of(doc) -> str:
    """The doc's text, joined once. ``Doc.text`` builds a Token for every token on each call, and the rules read a
    paragraph's text dozens of times (about 5% of the NLP stage's CPU went to re-joining it). The analyser stores
    the paragraph's own string when it reads the NER's docs; retokenizing never changes the text. A Span (no
    ``user_data``) is joined afresh."""
    data = getattr(doc, "user_data", None)
    if data is None:
        return doc.text
    text = data.get(TEXT_KEY)
    if text is None:
        text = data[TEXT_KEY] = doc.text
    return text


_QUESTION_IN_QUOTE = re.compile(r"\?\s*[\"'\u201d\u2019\u00bb]")


_ARRANGEMENTS = frozenset({"agreement", "agreements", "deal", "deals", "accord", "accords", "arrangement",
                           "arrangements", "understanding", "pact", "protocol", "proposal", "proposals", "offer",
                           "plan", "initiative", "pause", "pauses", "moratorium", "extension", "framework", "talks",
                           "negotiations", "text", "terms", "provisions", "mechanism"})


_JOINT_SUBJECTS = frozenset({"sides", "parties", "both", "neither", "either"})


_JOINT = frozenset({"both", "two"})


def _joint(subject, modifiers: bool = False) -> bool:
    """A subject that names two actors at once: "X and Y", "both sides", "the two countries", "either side";
    with ``modifiers`` also through its modifiers ("each side", "the navies of A and B"). The wider reading
    decides only who speaks (NULL for both sides at once): the stance rules keep the narrow one, since a joint
    commitment read as a mere fact loses its support."""
    if any(c.dep_ == "conj" for c in subject.children) and any(c.dep_ == "cc" for c in subject.children):
        return True
    if subject.lower_ in _JOINT_SUBJECTS:
        return True
    if subject.pos_ == "PROPN" and any(
            t.dep_ == "conj" and t.pos_ == "PROPN" and t.head.dep_ == "pobj" and t.head.head.head.i == subject.i
            and any(c.dep_ == "cc" and c.lower_ == "and" for c in t.head.children) for t in subject.subtree):
        # "the Democratic Republic of the Congo and Rwanda agreed": the small model hangs the second name on the
        # first one's "of" phrase
        return True
    if any(c.lower_ in _JOINT or c.lower_ in ("either", "neither") for c in subject.children
           if c.dep_ in ("det", "predet", "nummod", "preconj")):
        return True  # "both sides", "the two armies"
    return modifiers and any(_joint_modifier(c) for c in subject.children)


def _joint_modifier(child) -> bool:
    """A modifier that makes its noun two actors: "each side", "Georgian and Abkhaz troops", "the navies of A
    and B", "the two governments' envoys"."""
    if child.dep_ == "det" and child.lower_ == "each":
        return True
    if child.dep_ in ("amod", "compound") and any(g.dep_ == "conj" for g in child.children) \
            and any(g.dep_ == "cc" and g.lower_ == "and" for g in child.children):
        return True
    if child.dep_ == "prep" and child.lower_ == "of" and child.head.tag_ == "NNS":
        return any(o.dep_ == "pobj" and _joint(o, modifiers=True) for o in child.children)
    return child.dep_ == "poss" and _joint(child, modifiers=True)


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    # "..., said Haidar, adding that ..." : the subject of a conjoined/participial verb's head
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    # a mis-parse the small model makes on isolated sentences: "Myanmar's military, known as ..., announced
    # that ..." comes out as a clause modifying "military"; the modified noun is the subject
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
        return verb.head
    return None


_NEGATED = re.compile(r"\b(?:not|never|n't|no)\b(?:\W+\w+){0,4}\W*$", re.IGNORECASE)


_MAIN_VERB_PATH = frozenset({"aux", "auxpass", "neg", "prt", "xcomp", "conj", "prep", "dobj", "acomp", "advmod",
                             "ccomp", "pobj", "amod", "compound"})


def _token_at(doc, char: int):
    """The token that holds character ``char`` of the doc (None between tokens)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None



# dashes that close a dateline ("Kuala Lumpur, Malaysia \u2014 ", "Nov 12 - ") when set off by spaces
_DATELINE_DASHES = frozenset({"\u2014", "\u2013", "\u2015", "-", "--"})
_DATELINE_WORDS = 10  # a place, its country, a date and the wire agency in brackets at most


def dateline_end(doc) -> int | None:
    """The index of the dash that closes a dateline opening the paragraph, or None: only capitalised words,
    numbers and commas before it ("Bogota, Colombia \u2014", "PORT SUDAN, Nov 12 -"), the wire agency's name in
    brackets too ("Algiers, Dec 4 (APS) \u2014"), and the dash set off by spaces (not "army-led")."""
    for tok in doc[: _DATELINE_WORDS + 1]:
        if tok.text in _DATELINE_DASHES and tok.i > 0 and tok.whitespace_ and doc[tok.i - 1].whitespace_:
            before = doc[: tok.i]
            # a hyphen inside a place's name ("PORT-AU-PRINCE") is a token of its own, set off by no space
            if all(t.text[:1].isupper() or t.like_num or any(ch.isdigit() for ch in t.text)
                   or t.text in (",", ".", "(", ")") or t.text == "-" and not t.whitespace_ and t.i > 0
                   and not doc[t.i - 1].whitespace_ for t in before):
                return tok.i
            return None
    return None


_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")


def opening_clock(token) -> bool:
    """A live blog's entry time opening the paragraph ("14:05 The minister said ..."): a time stamp, never part
    of who speaks, though the parse may hang the source's phrase on it or make it the subject."""
    return token.i == 0 and _CLOCK.match(token.text) is not None


def after_dateline(subject, limit: int):
    """``subject`` itself, or, when the parse took it from the dateline ("Bogota, Colombia \u2014 the army
    announced ..."), the top word of the phrase between the dash and character offset ``limit`` (the verb):
    the place a report was filed from never speaks. None when that phrase has no noun. A name set off by commas
    after a title ("\u2014 The Secretary-General of the Front, Ana Ruiz, affirmed"), which the parse hangs on the
    place too, is who speaks: the title's fullest name."""
    doc = subject.doc
    cut = dateline_end(doc)
    if cut is None or subject.i > cut:
        return subject
    after = [t for t in doc[cut + 1 :] if t.idx < limit]
    tops = [t for t in after if not t.is_punct and not (cut < t.head.i and t.head.idx < limit)]
    nouns = [t for t in tops if t.tag_.startswith(("NN", "PRP"))]
    named = [t for t in nouns[1:] if t.tag_ in ("NNP", "NNPS") and doc[t.left_edge.i - 1].text == ","]
    return named[-1] if named else next(iter(nouns), None)


# prepositions whose phrase says which one a role is ("an official in the council", "a resident of the town")
_QUALIFYING_PREPOSITIONS = frozenset({"in", "of", "from", "at", "for", "with", "on", "inside", "within", "close"})


def qualified_end(head):
    """The last token of what follows role noun ``head`` and still says who it is, up to the first comma: a
    prepositional phrase ("a senior official in the council"), where they are or come from ("diplomats in
    Brussels", "residents of Goma", "a teacher from Lyon": the house convention of 2026-12-07 keeps the phrase as
    written), a past participle (the small model tags some as a past tense: "officials briefed on the talks"), an
    adjective after it ("officials familiar with the plan"). Not a clause set off by a comma, not a relative
    clause, not an ongoing participle ("a source speaking on condition of anonymity"), nor how they were reached
    ("residents reached by phone"): those say nothing of who they are."""
    doc, hi = head.doc, head.i
    for child in head.rights:
        if child.left_edge.i != hi + 1:
            break
        fits = (child.dep_ == "prep" and child.lower_ in _QUALIFYING_PREPOSITIONS) \
            or (child.dep_ == "acl" and child.tag_ in ("VBN", "VBD") and not _means(child)) \
            or _serving_with(child) \
            or (child.dep_ == "amod" and (child.pos_ == "ADJ" or child.tag_.startswith("JJ")))
        if not fits:
            break
        end = child.right_edge.i
        cut = next((t.i for t in doc[child.i : end + 1] if t.is_punct and t.text not in ("-", "'")), None)
        if cut is not None:
            return max(hi, cut - 1)
        hi = end
    return hi


# ongoing participles that tell how or when a source talks, not who it is ("speaking on condition of anonymity",
# "talking by phone", "writing in the journal"); as written, since the quote parse runs without the lemmatizer
_TALKING = frozenset({"speaking", "talking", "writing", "commenting", "asking", "requesting", "insisting",
                      "declining", "responding", "replying", "answering", "briefing", "addressing", "referring",
                      "quoting", "citing", "calling", "reacting", "testifying", "posting", "tweeting"})


def _serving_with(child) -> bool:
    """An ongoing participle with a place or a body after its preposition says which one the role is ("an officer
    serving with the joint force", "a nurse working in the camp", "fighters living in the hills"); one telling how
    the source talks ("speaking on condition of anonymity") does not."""
    return child.dep_ == "acl" and child.tag_ == "VBG" and child.lower_ not in _TALKING \
        and any(c.dep_ == "prep" and c.lower_ in _QUALIFYING_PREPOSITIONS and c.i == child.i + 1 for c in child.children)


def _means(participle) -> bool:
    """The participle only says how the source was reached ("reached by phone", "contacted by AFP"), or it is
    the sentence's own verb the small model hung on its subject ("The cabinet approved on Sunday the plan")."""
    return participle.head.dep_ == "ROOT" or any(c.dep_ in ("agent", "dobj") for c in participle.children)
