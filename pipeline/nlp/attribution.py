"""Who said what: attributions (source, cue, content) read off spaCy's dependency parse of one paragraph.

An attribution is a statement, belief, intention, decision or piece of evidence the article gives to a source:
direct quotes, partial quotes, indirect speech ("X said that ..."), "according to X", and the wider family
("X believes", "X plans to", "X rejected the plan", "a poll shows"). The rules read the parse, not the surface:

- a cue is a verb whose lemma is in ``data/attribution.toml``; its subject is the source, and its content is the
  complement the verb's class takes (a clause, a to-infinitive, an object, a preposition's object). A clause
  printed before its cue ("..., he said") hangs off the cue as a clausal complement, or the cue hangs off the
  clause as a parenthetical: both are read;
- quotation marks are tracked over the paragraph: a content that touches a quotation takes all of it, and a
  quotation with no cue of its own continues the attribution before it ("A," she said. "B." is one row);
- only the outermost attribution is kept: a cue inside another attribution's content is part of that content;
- "according to X", "in the words of X": X is the source and the clause around the phrase the content.

Paragraph-level results are cached with the paragraph's analysis; the article-level pass
(:mod:`pipeline.nlp.resolve`) joins quotations continued over paragraphs and resolves sources to names.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .model import organisation_heads, titles
from .quotes import inside
from .syntax import _joint, after_dateline, dateline_end, opening_clock, qualified_end, text_of

ATTRIBUTION_FILE = "attribution.toml"
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "who", "which", "that",
                       "his", "its", "their", "my", "our"})
WORD = re.compile(r"\w+")
QUOTE_CHARS = "\"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
_EDGE = " \t\n,;:\u2014\u2013-"


@dataclass(frozen=True)
class Cues:
    clause: frozenset[str]
    infinitive: frozenset[str]
    object: frozenset[str]
    prepositional: dict[str, frozenset[str]]  # verb lemma -> prepositions
    nouns: frozenset[str]  # nouns of saying whose possessor speaks ("Trump's claim that ...")
    source_prepositions: tuple[tuple[str, ...], ...]  # ("according", "to"), ("in", "the", "words", "of"), ...
    not_sources: frozenset[str]
    not_labels: frozenset[str]
    silent: frozenset[str]  # verbs of disclosure that report silence when negated
    forms: frozenset[str]  # every inflected form of every cue verb: which paragraphs are worth parsing
    lemma_of: dict[str, str]  # inflected form -> cue lemma
    digest: str
    # a transcript's labels for the programme's own voice ("PRESENTER:", "HOST:"): the reporter, not a source
    programme_voice: frozenset[str] = frozenset()
    # cue verbs that more often tell what their subject undergoes ("clashes have continued"): parenthetical only bare
    undergoer: frozenset[str] = frozenset()
    # nouns that name one person by a role ("diplomat", "official"): the unnamed person a later "he" stands for
    unnamed_people: frozenset[str] = frozenset()
    # texts both parties signed ("the agreement says ..."): cited in a turn, not a third party reported
    shared_texts: frozenset[str] = frozenset()
    # every form of a verb by which a writer passes on another's words ("quoted X as saying", "cites X as saying")
    quoting: frozenset[str] = frozenset()

    @property
    def lemmas(self) -> frozenset[str]:
        return self.clause | self.infinitive | self.object | frozenset(self.prepositional)

    def wants_parse(self, text: str) -> bool:
        """Whether a paragraph may hold an attribution: a quotation mark, a word that inflects a cue, an
        interview's answer label, a transcript's speaker label ("MARR: We have read it") or an announced text."""
        if any(ch in text for ch in QUOTE_CHARS) or ANSWER_LABEL.match(text) or _SPEAKER_LABEL.match(text) \
                or _TITLED_LABEL.match(text):
            return True
        if text.rstrip().endswith(":"):
            return True  # it may announce the text the next paragraph quotes ("... issued the following statement:")
        return not self.forms.isdisjoint(WORD.findall(text.lower()))


_IRREGULAR = {
    "say": ("said",), "tell": ("told",), "think": ("thought",), "feel": ("felt",), "find": ("found",),
    "know": ("knew", "known"), "see": ("saw", "seen"), "hear": ("heard",), "write": ("wrote", "written"),
    "go": ("went", "gone", "goes"), "begin": ("began", "begun"), "sing": ("sang", "sung"), "learn": ("learnt",),
    "understand": ("understood",), "show": ("shown",), "choose": ("chose", "chosen"), "fight": ("fought",),
    "seek": ("sought",), "cry": ("cried", "cries"), "lead": ("led",), "swear": ("swore", "sworn"),
    "forecast": ("forecast",), "bid": ("bid",), "mean": ("meant",), "speak": ("spoke", "spoken"),
}


def _forms(lemma: str) -> set[str]:
    """Regular English inflections of a verb, plus the irregular ones above: which paragraphs are worth
    parsing, and the lemma of a cue verb in a parse made without spaCy's lemmatizer."""
    out = {lemma, *_IRREGULAR.get(lemma, ())}
    stem = lemma.removesuffix("e")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        out |= {lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"), stem + "ed", stem + "ing"}
        if re.fullmatch(r".*[^aeiou][aeiou][bdgmnprt]", lemma) and len(lemma) <= 4:  # stop -> stopped, plan -> planning
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


def parse_cues(raw: bytes, where: str = ATTRIBUTION_FILE) -> Cues:
    import hashlib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
        verbs = data["verbs"]
        prepositional: dict[str, set[str]] = {}
        for phrase in verbs.get("prepositional", []):
            verb, prep = phrase.split(maxsplit=1)
            prepositional.setdefault(verb, set()).add(prep)
        clause = frozenset(verbs["clause"])
        infinitive = frozenset(verbs.get("infinitive", []))
        obj = frozenset(verbs.get("object", []))
        lemmas = clause | infinitive | obj | frozenset(prepositional)
        lemma_of = {f: lemma for lemma in sorted(lemmas) for f in _forms(lemma)}
        lemma_of.update({lemma: lemma for lemma in lemmas})  # a base form is its own lemma ("leads" is not "lead")
        forms = frozenset(lemma_of) | {"according", "words"}
        return Cues(
            clause=clause, infinitive=infinitive, object=obj,
            prepositional={k: frozenset(v) for k, v in prepositional.items()},
            nouns=frozenset(verbs.get("nouns", [])),
            source_prepositions=tuple(tuple(p.split()) for p in data.get("phrases", {}).get("source_preposition", [])),
            not_sources=frozenset(data.get("speakers", {}).get("not_sources", [])),
            shared_texts=frozenset(data.get("speakers", {}).get("shared_texts", [])),
            not_labels=frozenset(x.casefold() for x in data.get("speakers", {}).get("not_labels", [])),
            silent=frozenset(data.get("speakers", {}).get("silent_when_negated", [])),
            forms=forms,
            lemma_of=lemma_of,
            digest=hashlib.sha256(raw).hexdigest()[:12],
            programme_voice=frozenset(x.casefold() for x in data.get("speakers", {}).get("programme_voice", [])),
            undergoer=frozenset(data.get("speakers", {}).get("undergoer_verbs", [])),
            unnamed_people=frozenset(data.get("speakers", {}).get("unnamed_people", [])),
            quoting=frozenset(f for lemma in data.get("speakers", {}).get("quoting_verbs", []) for f in _forms(lemma)),
        )
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{where} is not a valid attribution cue file: {type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    return parse_cues(resources.files("pipeline.nlp").joinpath("data", ATTRIBUTION_FILE).read_bytes())


def silence(verb, cues: Cues | None = None) -> bool:
    """A negated verb of disclosure ("did not say", "has not confirmed", "declined to comment" is not one): the
    sentence tells of someone's silence, which the guidelines give to the narrator."""
    cues = cues or load_cues()
    lemma = cues.lemma_of.get(verb.lower_, verb.lower_)
    return lemma in cues.silent and any(c.dep_ == "neg" for c in verb.children)


@dataclass(frozen=True)
class AttributionSpan:
    """One attribution in a paragraph; offsets are paragraph-local, ends exclusive."""

    start: int  # the content
    end: int
    text: str
    direct: bool  # at least half of the content is inside quotation marks
    speaker_text: str | None  # the source as written ("he", "the minister", "Foreign Minister Ana Ruiz")
    speaker_kind: str  # name | pronoun | role | other | continuation | interviewee | none
    speaker_start: int | None
    speaker_end: int | None
    speaker_name: str | None  # the named entity the source is (or is titled by), for resolution
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    rule: str
    opens: bool = False  # the content runs to the paragraph's end inside an unclosed quotation
    continues: bool = False  # a quotation opening the paragraph with no cue: the previous speaker goes on
    source: str | None = None  # the source mention as written: text[speaker_start:speaker_end]


@dataclass
class _Event:
    start: int
    end: int
    cue: tuple[int, int] | None
    source: object | None  # spaCy Token (head of the source), or a Span
    source_span: tuple[int, int] | None
    rule: str


# what a source asked for when it asked to stay unnamed ("officials who asked not to be named", "who requested
# anonymity"): how the article got its words, never a statement of theirs
_ANONYMITY_ASKED = re.compile(r"\s*(?:not\s+to\s+be\s+(?:named|identified|quoted)\b|anonymity\b"
                              r"|that\s+(?:his|her|their|its)\s+names?\s+(?:not\s+be|be\s+withheld)\b)",
                              re.IGNORECASE)


def find_attributions(doc, quotes: list[tuple[int, int]], entities=(), cues: Cues | None = None) -> list[AttributionSpan]:
    """Attributions in one parsed paragraph. ``quotes``: the paragraph's quotation spans (marks included);
    ``entities``: its :class:`~pipeline.nlp.analyse.EntitySpan` list, to name sources."""
    cues = cues or load_cues()
    text = text_of(doc)
    quoted = [False] * len(doc)
    for tok in doc:
        quoted[tok.i] = inside(quotes, tok.idx, tok.idx + len(tok.text))
    events: list[_Event] = []
    for tok in doc:
        if quoted[tok.i]:
            continue  # a cue inside a quotation is part of the quoted words (only the outermost is kept)
        event = (_source_preposition(doc, tok, cues, quoted) or _verb_event(doc, tok, cues, quotes, quoted)
                 or _noun_event(doc, tok, cues))
        if event is not None:
            events.append(event)
    events.extend(_labelled(doc, quotes, events, entities, cues))
    events.extend(_colon_quotations(doc, events, quotes, quoted, cues))
    events = _outermost(events, lambda e: _reports_another(doc, e, quotes) and not _cited_text(e, events, cues))
    events = _with_quotations(text, events, quotes)
    out = _one_per_start([_finish(doc, e, quotes, entities, cues) for e in events])
    # dropped only now: the request still stands between the quotation before it and the one after, which are not
    # one continued attribution ("“A,” said a chief, who asked not to be named. “B.”")
    out = [a for a in out if not _ANONYMITY_ASKED.match(a.text)]
    voice = _programme_voice(text, entities, cues)
    if voice is not None and not any(a.start == 0 for a in out):
        out.append(voice)
    intro = _introduction(doc, events, quoted)
    if intro is not None:
        # no content of its own: the quotation the next paragraph opens is the content (joined article-level)
        out.append(replace(_finish(doc, intro, quotes, entities, cues), text="", direct=True, opens=True))
    return out


def _one_per_start(attributions: list[AttributionSpan]) -> list[AttributionSpan]:
    """One attribution per content start. A quotation that a clause's content also opens on ("She sings for those
    who learn the hard way: “No place like home,” she and her mother sing together") became two attributions
    starting on one character, one inside the other; the tables key an attribution by where its content starts,
    so the load kept either of them. The outermost is kept, as ``_outermost`` keeps the outermost cue."""
    widest: dict[int, AttributionSpan] = {}
    for a in attributions:
        if a.start not in widest or a.end - a.start > widest[a.start].end - widest[a.start].start:
            widest[a.start] = a
    return [a for a in attributions if widest[a.start] is a]


# a sentence whose subject is the text itself ("The full text reads:") names its source in the sentence before
_TEXT_NOUNS = frozenset({"text", "statement", "communique", "communiqué", "declaration", "letter", "message",
                         "release", "transcript", "following", "it", "this"})


def _nearest_subject(verb):
    """The verb's subject nearest to it: a dateline ("Kinshasa — The ministry issued ...") is parsed as a
    second, farther subject."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _introduction(doc, events, quoted) -> _Event | None:
    """A paragraph that ends by announcing a text ("The army command issued the following statement:", "The
    following was published by the ministry:", "She told reporters:"): its source, for the quotation the next
    paragraph opens with. The source is the passive agent, else the subject, else, when the subject is the text
    itself, the subject of the sentence before."""
    text = text_of(doc).rstrip()
    if not text.endswith(":") or len(doc) < 3:
        return None
    colon = next((t for t in reversed(doc) if t.text == ":"), None)
    if colon is None or quoted[colon.i] or colon.idx + 1 < len(text):
        return None
    sent = colon.sent
    if any(e.cue is not None and sent.start_char <= e.cue[0] < sent.end_char for e in events):
        return None  # the sentence's own cue already has its content ("He listed three demands: A, B and C")
    root = sent.root
    if not root.tag_.startswith("VB"):
        return None
    source = next((g for c in root.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if source is None:
        source = _nearest_subject(root)
    if source is not None and source.lower_ in _TEXT_NOUNS:
        previous = doc[sent.start - 1].sent.root if sent.start > 0 else None
        source = None if previous is None else _nearest_subject(previous)
    if source is None or source.lower_ in _TEXT_NOUNS:
        return None
    end = len(text_of(doc))
    return _Event(end, end, (root.idx, _end(root)), source, _source_span(doc, source), "intro:colon")


def _colon_quotations(doc, events, quotes, quoted, cues: Cues) -> list[_Event]:
    """A quotation that a colon introduces and that closes its sentence ("The negotiator was just as categorical:
    “...”", "A spokesman sent us this: “...”"): the words are the clause's subject's, as after a paragraph that
    ends on a colon (``_introduction``), when no cue of the sentence has them already and the subject is a source
    (not the text itself, "The statement reads:")."""
    text = text_of(doc)
    out = []
    for q_start, q_end in quotes:
        colon = next((t for t in doc if t.idx + 1 <= q_start and text[t.idx + 1 : q_start].strip() == ""
                      and t.text == ":"), None)
        if colon is None or quoted[colon.i] or text[q_end:].strip(" .,;!?\u201d\"'") and \
                text[q_end:colon.sent.end_char].strip(" .,;!?\u201d\"'"):
            continue  # a quotation the sentence goes on after is a phrase it quotes
        sent = colon.sent
        if any(not e.rule.startswith("label:") and (e.start < q_end and q_start < e.end or e.cue is not None
                                                      and sent.start_char <= e.cue[0] < q_start) for e in events):
            continue  # a cue of the sentence has the words already ("She told reporters: “...”"); a transcript
            # turn's label holds the whole turn, and the quotation its speaker passes on is the subject's
        root = colon.head
        while root.i > colon.i and root.head.i != root.i:
            root = root.head  # the colon hung on the quotation's verb, a conjunct of the clause before it
        if not root.tag_.startswith("VB") or root.i > colon.i:
            continue
        source = next((g for c in root.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None) \
            or _nearest_subject(root)
        if source is None or source.i > colon.i or source.lower_ in _TEXT_NOUNS or quoted[source.i] \
                or source.tag_ not in ("NN", "NNS", "NNP", "NNPS", "PRP"):
            continue
        if not _can_speak(source, cues) and cues.lemma_of.get(root.lower_) not in cues.lemmas:
            continue  # "The mood in the camp was grim: “...”": a scene described, nobody speaks
        out.append(_Event(q_start, q_end, (root.idx, _end(root)), source, _source_span(doc, source), "quote:colon"))
    return out


_SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SCENE_PRONOUNS = frozenset({"it", "this", "that"})  # "It was clear: “...”": the text's own words


def _can_speak(source, cues: Cues) -> bool:
    """Whether the subject ``source`` names someone who can speak: a person, a body or a people (the model's
    entity), a role or a person's noun (data/titles.txt, the bodies' heads, attribution.toml's unnamed people,
    in the plural too: "negotiators", "officials"), or a personal pronoun."""
    if source.tag_ == "PRP":
        return source.lower_ not in _SCENE_PRONOUNS
    if source.ent_type_ in _SPEAKING_LABELS:
        return True
    word = source.lower_
    nouns = titles() | organisation_heads()[0] | cues.unnamed_people
    return word in nouns or (word.endswith("s") and word[:-1] in nouns) or word in ("people", "men", "women")


# --------------------------------------------------------------------------------------------- cue verbs


def _is_verb(tok) -> bool:
    return tok.tag_.startswith("VB")


def _verb_event(doc, verb, cues: Cues, quotes, quoted) -> _Event | None:
    if not _is_verb(verb):
        return None
    lemma = cues.lemma_of.get(verb.lower_)  # the parse runs without spaCy's (slow) lemmatizer
    if lemma is None or quotes_another(verb, cues):
        return None
    if verb.dep_ in ("amod", "compound") or (lemma in cues.object and any(c.dep_ == "neg" for c in verb.children)):
        return None  # "the rejected plan"; "did not criticize X" reports no position
    if silence(verb, cues):
        return None  # "did not say whether ...": no words to attribute
    children = list(verb.children)
    content = None
    rule = ""
    if lemma in cues.clause and not _judges_object(verb):
        comp = next((c for c in children if c.dep_ == "ccomp" and not _quoted_only(c, quoted)), None) or next(
            (c for c in children if c.dep_ == "ccomp"), None)
        if comp is None:
            comp = _clause_in_phrase(verb)
        if comp is not None:
            content, rule = _subtree(comp, exclude=verb), "clause"
    if content is None and lemma in cues.infinitive:
        comp = next((c for c in children if c.dep_ == "xcomp" and _has_to(c)), None)
        if comp is not None:
            content, rule = _subtree(comp, exclude=verb), "infinitive"
    if content is None and lemma in cues.prepositional:
        for c in children:
            if c.dep_ in ("prep", "dative") and c.lower_ in cues.prepositional[lemma]:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    content, rule = _subtree(obj, exclude=verb), "preposition"
                    break
    if content is None and lemma in cues.object:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if obj is not None:
            content, rule = _subtree(obj, exclude=verb), "object"
            content = _past_stranded_preposition(verb, obj, content)
            # the object's predicate belongs to the position: "called the plan “a trap”", "described X as Y",
            # "accused X of Y"
            tail = [c for c in children if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp")
                                                             or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for")))]
            if tail:
                content = (content[0], _end(tail[-1].right_edge))
    agent = _agent(verb)
    if content is None and lemma in cues.object and agent is not None:
        # "The plan was announced by the minister": the passive's subject is what the agent announced
        obj = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if obj is not None:
            content, rule = _subtree(obj, exclude=verb), "passive"
    if content is None and lemma in cues.clause:
        # "A, he said" read as a parenthetical: the cue hangs off the clause it reports
        head = verb.head
        if _parenthetical(doc, verb) and _subject(verb) is not None and not _undergoes(verb, lemma, cues):
            # the host clause around the cue's own phrase ("A, officials said, after B" -> A ... B, one span)
            lo, hi = head.left_edge.i, head.right_edge.i
            if _hosted(doc, verb, lo, hi):
                if verb.right_edge.i >= hi or all(t.is_punct for t in doc[verb.right_edge.i + 1 : hi + 1]):
                    hi = _cue_left(verb) - 1
                content, rule = (doc[lo].idx, _end(doc[hi])), "parenthetical"
    if content is None and lemma in cues.clause:
        # "“A,” X was quoted as saying": the quotation stands next to the quoting verb's clause, not the cue's
        quoting = verb.head.head if _quoted_party(verb, cues) is not None else None
        content, rule = _adjacent_quote(doc, quoting or verb, quotes, ("nsubj", "nsubjpass") if quoting else ("nsubj",)), "quote"
        if content[0] is None:
            content = None
    if content is None:
        return None
    start, end = _trim(text_of(doc), *content)
    if end - start < 2 or len(WORD.findall(text_of(doc)[start:end])) < 1:
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    subject = _quoted_party(verb, cues) or (agent if passive else _subject(verb))  # a passive's: its agent
    if subject is None and not passive and lemma in cues.clause and end <= verb.idx:
        subject = _inverted_subject(verb)
    if subject is None and not passive and lemma in cues.clause:
        subject = _name_before(verb)
    signer = _signer(verb) if subject is None and not passive and lemma in cues.clause else None
    subject = signer.root if signer is not None else subject
    if subject is not None and opening_clock(subject):
        subject = _set_off_name(subject)
    official = _own_official(verb) if subject is not None and not passive else None
    subject = official or subject
    counted = counted_source(subject) if subject is not None else None
    said_by = subject  # the cue's own subject: the count ("Two"), not the group it counts, stands before the cue
    subject = counted or subject  # "two of the officials said": the officials speak
    if subject is not None and subject.lower_ in ("he", "she"):
        subject = _unnamed_person_before(subject, min(start, subject.idx), cues) or subject
    if subject is not None and (subject.lower_ in cues.not_sources or subject.dep_ == "expl"):
        subject = None
    source_span = (signer.start_char, signer.end_char) if signer is not None else \
        _source_span(doc, subject) if subject is not None else None
    if rule == "clause" and _closed_before(text_of(doc), end, source_span[0] if source_span else verb.idx):
        return None
    if source_span is not None and source_span[0] < end and start < source_span[1] and rule != "parenthetical":
        # the source inside its own content: a mis-parse; the content is what is not the source
        if source_span[0] <= start:
            start = source_span[1]
        else:
            end = source_span[0]
        start, end = _trim(text_of(doc), start, end)
        if end - start < 2:
            return None
    if rule == "clause" and subject is not None and official is None:
        # "The harbour, the mayor said, would reopen": the parser gives the cue both subjects; the farther one
        # opens the reported clause, so the content starts there and runs around the cue phrase
        anchor = said_by if counted is not None and said_by is not None else subject
        fronted = [c for c in children if c.dep_ == "nsubj" and c.i < anchor.i and not opening_clock(c)
                   and not _opening_phrase(c)]
        if fronted and content is not None:
            start = min(start, doc[fronted[0].left_edge.i].idx)
            rule = "parenthetical"
    cue_end = _end(verb)
    for c in children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            cue_end = _end(c)
    return _Event(start, end, (verb.idx, cue_end), subject, source_span, f"{rule}:{lemma}")


def quotes_another(verb, cues: Cues | None = None) -> bool:
    """A verb of quoting whose cue hangs on its "as" ("cited X as saying ..."): the cue under it is the event;
    the quoting verb itself ("cite" is also a cue of its object) would make the writer the source."""
    cues = cues or load_cues()
    return verb.lower_ in cues.quoting and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children) for c in verb.children)


def _quoted_party(verb, cues: Cues):
    """The one a writer quotes when the cue hangs on "as" after a verb of quoting ("The agency quoted a military
    official as saying ...", "X was quoted as saying ..."): the quoting verb's object, or its passive subject, spoke;
    the agency or correspondent that quotes is not the source (the guidelines). None for any other cue."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.lower_ not in cues.quoting:
        return None
    return next((c for c in prep.head.children if c.dep_ in ("dobj", "nsubjpass")), None)


# what a bare cue set off after its clause may carry besides its subject: "..., he continued", "..., she went on"
_BARE_CUE_PARTS = frozenset({"nsubj", "aux", "punct", "advmod", "prt", "npadvmod", "neg"})


def _undergoes(verb, lemma: str, cues: Cues) -> bool:
    """A verb that often tells what happens to its subject ("clashes have continued", "the town has seen a lull")
    is no cue set off after a clause when it has anything of its own beyond a bare "X continued": an object, a
    preposition, a conjunction opening it ("though clashes have continued around the dam")."""
    return lemma in cues.undergoer and any(c.dep_ not in _BARE_CUE_PARTS for c in verb.children)


def _set_off_name(stamp):
    """The source a live blog's time stamp stands for when the parse made the stamp the subject ("11:40 By
    phone from the port, its mayor, Ana Ruiz, said ..."): the last proper noun set off by a comma in the phrase
    hung on it, or None (the stamp never speaks)."""
    doc = stamp.doc
    named = [t for t in stamp.subtree if t.i > stamp.i and t.tag_ in ("NNP", "NNPS") and t.dep_ == "appos"
             and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","]
    return named[-1] if named else None


def _closed_before(text: str, content_end: int, cue_phrase: int) -> bool:
    """A clause printed before its cue is reported by it only when the cue's phrase is set off by a comma, a
    dash or a closing quotation mark ("A, she said"). A semicolon or a colon between them ends one
    independent clause and opens the next ("A; it goes on", "A: it asks too much"): the verb after it is that
    clause's own, not a cue for what came before."""
    if content_end > cue_phrase:
        return False
    between = text[content_end:cue_phrase]
    return ";" in between or ":" in between


def _inverted_subject(verb):
    """The source of a cue set after its content and before its speaker ("“...,” declared the minister of
    information, Ana Ruiz"): the small model reads the speaker as the cue's object. A verb of saying whose
    clause came first takes no object of its own, so the noun right after it is who speaks."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.left_edge.i != verb.i + 1 or not obj.tag_.startswith("NN"):
        return None
    return obj


def _name_before(verb):
    """A person's name that ends right before a cue the parse left with no subject (", the Assistant
    Secretary-General, Ana Ruiz, said", "a man presenting himself as the commander, Ana Ruiz, said", "a
    commander who calls himself Abu Ruiz said"): the small model hangs the name on the phrase before it, an
    apposition or an object, and the cue is left with no one; the name next to it is who speaks."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    person = next((e for e in doc.ents if e.label_ == "PERSON" and e.end == i + 1), None)
    return person.root if person is not None else None


def _signer(verb):
    """The person who signed the document an opening phrase names ("In a statement signed by its spokesman, Ana
    Ruiz, the movement said ..."), as the entity span, when the cue has no subject: the small model hangs the body
    on the signer as an apposition and the cue is left with no one. The guidelines give the person whose words the
    statement carries; a body that signs ("signed by its Central Command") is left alone (the sets name either)."""
    opening = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and c.i < verb.i), None)
    document = next((g for g in opening.children if g.dep_ == "pobj" and g.lower_ in _CARRIERS), None) \
        if opening is not None else None
    signed = next((a for a in document.children if a.dep_ == "acl" and a.lower_ == "signed"), None) \
        if document is not None else None
    by = next((a for a in signed.children if a.dep_ == "agent"), None) if signed is not None else None
    signer = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if signer is None:
        return None
    # the signer's role with the name set off after it ("its deputy spokesman, Ana Ruiz"), or the name alone
    names = [signer] + [c for c in signer.children if c.dep_ == "appos"]
    doc = verb.doc
    return next((e for t in names for e in doc.ents if e.label_ == "PERSON" and e.start <= t.i < e.end), None)


def _unnamed_person_before(pronoun, said_from: int, cues: Cues):
    """The unnamed person the sentence before made its subject ("A senior diplomat put it more bluntly. “...,” he
    asked."), whom "he" or "she" opening no new name stands for, or None: a singular role ("a"/"an" and a noun
    naming one person) with no person named in that sentence. Resolution reads no sentence that is not an
    attribution, so it would give "he" to the person last named as a source instead. ``said_from``: where what
    the pronoun says starts (the quotation before "he asked" is a sentence of its own to the parser)."""
    doc = pronoun.doc
    sent = next((t for t in doc if t.idx >= said_from), pronoun).sent
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    if any(e.label_ == "PERSON" for e in doc.ents if before.start <= e.start < pronoun.i):
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ != "NN" or subject.lower_ not in cues.unnamed_people:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
        return None
    return subject


def _own_official(verb):
    """The named official a body speaks through ("the ministry said through its spokesman, Ana Ruiz, that ...",
    "In a statement signed by its deputy spokesman, Ana Ruiz, the group said ..."): the body's own role noun
    ("its", "their") with the person set off in apposition is who gives the words, as the guidelines name the
    person quoted. A role with no name after it ("signed by its central command") leaves the body the source."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("through", "in"):
            continue
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            # "through its spokesman, X"; "in a statement signed by its spokesman, X"
            roles = [obj] if prep.lower_ == "through" else [
                g for acl in obj.children if acl.dep_ == "acl" and acl.tag_ == "VBN" for g in _agents(acl)]
            for role in roles:
                if role.tag_ in ("NN", "NNS") and any(c.dep_ == "poss" and c.lower_ in ("its", "their")
                                                      for c in role.children) \
                        and any(c.dep_ == "appos" and c.tag_ == "NNP" for c in role.children):
                    return role
    return None


def _agents(verb):
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _agent(verb):
    """The "by" phrase's object of a passive verb, or None."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _clause_in_phrase(verb):
    """"said in a statement that ...", "told a meeting of leaders that ...": the small model hangs the
    that-clause on a noun of the cue's own phrase; it is still the cue's content."""
    for child in verb.children:
        if child.dep_ not in ("prep", "dobj", "dative"):  # "said in a statement that", "told a meeting that"
            continue
        for token in child.subtree:
            if token.dep_ in ("ccomp", "acl", "relcl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
                return token
            if _timed_clause(token):
                return token
    return None


# "said at the time that ...": the small model reads the content as a relative clause on the time noun, its
# "that" a relative word; a clause on these nouns with a subject of its own is what was said
_TIME_NOUNS = frozenset({"time", "moment"})


def _timed_clause(token) -> bool:
    """A that-clause the parse hung on "the time" or "the moment" as a relative clause ("said at the time that
    troops had fired"): it opens on "that" and has its own subject, so "that" only introduces it."""
    if token.dep_ != "relcl" or token.head.lower_ not in _TIME_NOUNS:
        return False
    first = token.left_edge
    return first.lower_ == "that" and any(c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i for c in token.children)


def _hosted(doc, verb, lo: int, hi: int) -> bool:
    """The host clause has words of its own around the parenthetical cue: two before it ("The harbour, she said,
    ..."), or a subject before it and the clause going on after it ("Russia, he said, would consider a truce
    ..."); not a lone word before a closing cue ("Yes, he said.")."""
    before = _cue_left(verb) - lo
    after = sum(1 for t in doc[verb.right_edge.i + 1 : hi + 1] if not t.is_punct)
    return before >= 2 or (before >= 1 and after >= 2)


def _cue_left(verb) -> int:
    """Where a cue's own phrase starts: its left edge, less a clause before it the parser hung on the cue ("If
    the road stays open, said X, a member of ..., they will ask": the condition is the host clause's)."""
    hung = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    if not hung:
        return verb.left_edge.i
    after = max(c.right_edge.i for c in hung) + 1
    return min(after, verb.i)


def _judges_object(verb) -> bool:
    """The cue says what its subject calls a thing ("conditions Kyiv calls unacceptable", "a plan Oslo describes
    as a trap"): a predicate on a noun, not a clause reported. A clause the parse hangs on it ("Moscow has said
    ..., conditions Kyiv calls unacceptable") is the sentence around that noun, with its own source."""
    return any(c.dep_ == "oprd" for c in verb.children)


def _parenthetical(doc, verb) -> bool:
    """The cue's own phrase is set off inside or after the clause it reports ("A, officials said, after B";
    "A, she said."): no complement of its own, a comma or dash before it, punctuation or the end after it."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or verb.head.i == verb.i:
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "oprd", "attr", "acomp") for c in verb.children):
        return False
    lo, hi = _cue_left(verb), verb.right_edge.i
    while lo < verb.i and doc[lo].is_punct:  # the parser hangs the setting-off commas on the cue itself
        lo += 1
    while hi > verb.i and doc[hi].is_punct:
        hi -= 1
    # who the source is ("said X, a member of the town's committee,") is no length of the cue's phrase
    described = sum(1 for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    for a in c.children if a.dep_ == "appos" for _ in a.subtree)
    if hi - lo - described > 8 or lo == 0 or doc[lo - 1].text not in (",", "\u2014", "\u2013", "-", "\u201d", '"'):
        return False
    return hi + 1 >= len(doc) or doc[hi + 1].is_punct


def _quoted_only(token, quoted) -> bool:
    return all(quoted[t.i] for t in token.subtree)


def _has_to(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


# a count of a group that speaks ("two of the officials said", "one of them, a Western diplomat, said"); not "none",
# "neither" (a silence) nor "both", "all" (the sides at once)
_COUNTED_SOURCES = frozenset({"one", "two", "three", "four", "five", "six", "some", "several", "many", "most"})
# what a count may count that names nobody by itself ("one of them"): the parse's tags are not set on every path
_COUNTED_PRONOUNS = frozenset({"them", "us", "you", "those", "these", "they", "we"})


def counted_source(token):
    """Who a counted subject is, by the parse: the apposition that says who the one is ("One of them, a Western
    diplomat, said"), else the group its "of" phrase counts ("two of the officials said"), not a pronoun ("them").
    None for any other subject."""
    if token.lower_ not in _COUNTED_SOURCES and not token.like_num:
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.lower_ not in _COUNTED_PRONOUNS:
            return child
    if token.lower_ == "one":
        return None  # "one of the diplomats said" is one of them, not the group (resolution's "said one")
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for counted in child.children:
                if counted.dep_ == "pobj" and counted.lower_ not in _COUNTED_PRONOUNS:
                    return counted
    return None


def _subject(verb):
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # a name the small model splits ("member Faraj al - Obeidi") gives several subjects: the nearest is the head
        nearest = min(subjects, key=lambda c: abs(c.i - verb.i))
        nearest = _described_subject(nearest, subjects)
        if nearest.dep_ == "nsubj" and _opening_phrase(nearest):
            # "Briefing the Council, the envoy, X, said": the opening participle read as the subject
            found = _set_off_before(verb, nearest)
            return found if found is not None and found.ent_type_ in ("PERSON", "ORG") else nearest
        return nearest if nearest.dep_ == "nsubj" else None
    node = verb
    for _ in range(3):  # "X said A and added B", "..., said X, adding that B": the subject of the verb it hangs off
        if node.dep_ not in ("conj", "advcl", "xcomp", "acl") or node.head.i == node.i:
            break
        if node.dep_ == "acl" and node.head.tag_.startswith("NN") and node.head.i < node.i:
            return node.head  # "a statement saying that ...", "officials who said ..." (the relative's head)
        node = node.head
        for child in node.children:
            if child.dep_ == "nsubj":
                return child
    if verb.dep_ == "relcl":
        for child in verb.children:
            if child.dep_ == "nsubj":
                return child
    return _subject_in_opening(verb)


def _described_subject(nearest, subjects):
    """The subject a description set off by commas describes, when the small model read the description as a
    second subject ("Groups allied with the Front, the coalition formed last year, rejected the deal": the
    coalition describes the Front, the groups speak): a common noun phrase no entity names, between a comma right
    after the other subject and a comma right before the verb."""
    doc = nearest.doc
    lo, hi = nearest.left_edge.i, nearest.right_edge.i
    if doc[hi].text != "," and hi + 1 < len(doc):
        hi += 1  # the closing comma, wherever the parse hung it
    if nearest.ent_type_ or nearest.tag_ not in ("NN", "NNS") or lo < 1 or doc[lo - 1].text != "," \
            or doc[hi].text != "," or hi + 1 != nearest.head.i:
        return nearest
    first = next((c for c in subjects if c.i < lo and c.right_edge.i == lo - 2), None)
    return first if first is not None else nearest


def _subject_in_opening(verb):
    """A subject the parse hung on the participle phrase that opens the sentence ("Speaking from Lagos, a
    deputy minister, Ana Ruiz, said ..."): the small model reads the noun phrase as an apposition of the
    phrase's last noun, and the cue is left with no subject. The noun phrase set off by a comma that ends right
    before the cue is who speaks."""
    opening = next((c for c in verb.children if c.dep_ == "advcl" and _opening_phrase(c)), None)
    return _set_off_before(verb, opening) if opening is not None else None


def _opening_phrase(token) -> bool:
    """A participle that opens the sentence before its cue ("Speaking from Lagos, ...", "Briefing the Council, ...")."""
    return token.i < token.head.i and token.i == token.left_edge.i and token.tag_ in ("VBG", "VBN")


def _set_off_before(verb, opening):
    """The noun phrase set off by a comma that ends right before the cue, inside the phrase the parse hung on an
    opening participle: an apposition of the phrase's last noun, or a name (an entity) hung on the participle
    itself ("Briefing the Council, the Assistant Secretary-General, X, said": X an adverbial noun of "Briefing")."""
    doc = verb.doc
    end = verb.i - 1
    while end > opening.i and doc[end].is_punct:
        end -= 1
    return next((t for t in opening.subtree if t.right_edge.i == end and t.tag_.startswith("NN")
                 and doc[t.left_edge.i - 1].text == ","
                 and ((t.dep_ == "appos" and t.head.i != opening.i)
                      or (t.dep_ == "npadvmod" and t.head.i == opening.i and t.ent_type_ in ("PERSON", "ORG")))),
                None)


def _subtree(token, exclude=None) -> tuple[int, int]:
    lo, hi = token.left_edge.i, token.right_edge.i
    doc = token.doc
    if exclude is not None and lo <= exclude.i <= hi:  # never let the content swallow its own cue
        if exclude.i < token.i:
            lo = exclude.i + 1
        else:
            hi = exclude.i - 1
    return doc[lo].idx, _end(doc[hi])


def _past_stranded_preposition(verb, obj, content: tuple[int, int]) -> tuple[int, int]:
    """An object phrase that ends on a preposition whose object the parse hung elsewhere ("demand danger pay of
    up to double their wages": "double ..." made a clause of the verb) runs on through that next phrase: the
    position is the whole phrase, never "danger pay of"."""
    last = obj.right_edge
    if last.dep_ != "prep" or any(c.dep_ in ("pobj", "pcomp") for c in last.children):
        return content
    after = next((c for c in verb.children if c.i == last.i + 1 or c.left_edge.i == last.i + 1), None)
    if after is None or after.is_punct:
        return content
    return content[0], _end(after.right_edge)


def _end(token) -> int:
    return token.idx + len(token.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


# a speaker's aside that the words after it are verbatim ("He told me, and I'm quoting him, “...”", "She said,
# quote, “...”"): it stands between the cue and its quotation and is no cue of its own
_QUOTING_ASIDE = re.compile(r"[\s,:\u2014-]*(?:(?:and\s+)?I(?:'m|\u2019m|\s+am)?\s+quot(?:e|ing)(?:\s+(?:him|her|them))?"
                            r"|quote)[\s,:\u2014-]*", re.IGNORECASE)


def _adjacent_quote(doc, verb, quotes, subjects=("nsubj",)) -> tuple[int | None, int | None]:
    """A quotation next to the cue's clause: “A,” he said / he said: “A” / said X: “A”. ``subjects``: the
    dependencies that open the clause (a quoting verb's passive subject: “A,” X was quoted as saying)."""
    hi = verb.sent.end_char
    # the cue's clause without the quotation: verb, subject, particles
    # a "subject" inside a quotation is the quotation itself misread ("“Years of war, and now this?” said X": the
    # small model makes "years" a second subject of "said"): it does not open the cue's clause
    clause_lo = min([verb.idx] + [t.idx for c in verb.children if c.dep_ in subjects for t in [c.left_edge]
                                  if not any(s <= t.idx < e for s, e in quotes)])
    clause_hi = max([_end(verb)] + [_end(c.right_edge) for c in verb.children if c.dep_ in ("nsubj", "dobj", "dative", "npadvmod", "prep")
                                   or (c.dep_ == "advmod" and c.i > verb.i)])
    # the quotation may close the sentence before ("“Why now?” she asked."): only its own words count
    before = [(s, e) for s, e in quotes if e <= clause_lo and not text_of(doc)[e:clause_lo].strip(" ,\u2014-")]
    if before:
        return before[-1]
    after = [(s, e) for s, e in quotes if s >= clause_hi and s < hi + 2
             and (not text_of(doc)[clause_hi:s].strip(" ,:\u2014-") or _QUOTING_ASIDE.fullmatch(text_of(doc)[clause_hi:s]))]
    if after:
        return after[0]
    return None, None


def _noun_event(doc, noun, cues: Cues) -> _Event | None:
    """"Trump's claim that ...", "the ministry's plan to ...": a noun of saying or intending with a possessor
    (the source) and a that-clause or to-infinitive (the content)."""
    if not noun.tag_.startswith("NN") or noun.lower_.rstrip("s") not in cues.nouns and noun.lower_ not in cues.nouns:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    comp = next((c for c in noun.children if c.i > noun.i and (
        (c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children))
        or (c.dep_ == "acl" and _has_to(c)))), None)
    if comp is None:
        return None
    start, end = _trim(text_of(doc), *_subtree(comp))
    if end - start < 2:
        return None
    return _Event(start, end, (noun.idx, _end(noun)), owner, _source_span(doc, owner), f"noun:{noun.lower_}")


# ------------------------------------------------------------------------------------ "according to X"


def _source_preposition(doc, tok, cues: Cues, quoted) -> _Event | None:
    word = tok.lower_  # once: asked of every token, for every phrase
    for phrase in cues.source_prepositions:
        n = len(phrase)
        if word != phrase[0] or tok.i + n > len(doc):
            continue
        if tuple(t.lower_ for t in doc[tok.i : tok.i + n]) != phrase:
            continue
        last = doc[tok.i + n - 1]
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if obj is None and tok.i + n < len(doc):
            obj = doc[tok.i + n]
        if obj is None or _carries_a_speakers_words(tok, obj, cues, quoted):
            return None
        source_lo, source_hi = tok.i + n, max(obj.right_edge.i, obj.i)
        sent = tok.sent
        # the content is the sentence without the phrase: before it when it closes the sentence, else after it
        if source_hi + 1 >= sent.end - 1 or doc[source_hi + 1].is_punct and source_hi + 2 >= sent.end:
            span = (sent.start_char, tok.idx)
        elif tok.i == sent.start or all(t.is_punct for t in doc[sent.start : tok.i]):
            span = (_end(doc[source_hi]), sent.end_char)
        else:  # mid-sentence: "The plan, according to X, was ..." -> the whole sentence less the phrase
            span = (sent.start_char, sent.end_char)
        start, end = _trim(text_of(doc), *span)
        if end - start < 2:
            return None
        source_span = (doc[source_lo].idx, _end(doc[source_hi]))
        return _Event(start, end, (tok.idx, _end(last)), obj, source_span, "preposition:" + " ".join(phrase))
    return None


def _carries_a_speakers_words(tok, obj, cues: Cues, quoted) -> bool:
    """"according to a statement" in a sentence whose own verb of saying has a subject ("“...,” Ruiz told
    reporters, according to a statement from her office"): the document only carries that subject's words,
    which the verb attributes."""
    if obj.lower_ not in _CARRIERS or not any(quoted[t.i] for t in tok.sent):
        return False  # a told content is the carrier's account ("X agreed ..., according to a communique")
    root = tok.sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return root.i != tok.i and cues.lemma_of.get(root.lower_) in cues.lemmas and subject is not None \
        and subject.lower_ not in _CARRIERS and subject.lower_ not in ("it", "this", "that") and not _joint(subject)


# ------------------------------------------------------------------ speaker labels and dash attributions

# (a transcript's label may carry the speaker's role in brackets, "Ana Ruiz (UN spokesperson): ...", or after a
# comma, "ANA RUIZ, anchor: ...", "ANA RUIZ, PRESENTER: ...": the role in lower case or in capitals, never a
# capitalised word, which would be a dateline's place, "Kyiv, Ukraine: ...")
# a label's word opens with a capital, Latin-1's accented ones included ("Ó Briain", "Élodie")
_LABEL_WORD = r"[A-Z\u00c0-\u00d6\u00d8-\u00de][\w.'\u2019-]*"
_COMMA_ROLE = r",\s((?:(?:[a-z][\w-]*|[A-Z][A-Z-]+)\s?){1,3})"
_LABEL = re.compile(r"^\s*[\"\u201c]?\s*((?:" + _LABEL_WORD + r"\s?){1,4})(?:\(([^()\n]{1,60})\)\s?|" + _COMMA_ROLE
                    + r")?:\s+(?=\S)")
# who speaks a turn: the label as above, or a debate record's member with two brackets, the constituency then the
# party ("Ana Ruiz (Harbourside) (Lab): ..."; the group keeps the last bracket). Only attribution reads the
# second form: detection's turn rules (a host's question handed to a guest) stay with transcripts' labels, and a
# member's question in a debate is put to the House, not to the next speaker
_SPEAKER_LABEL = re.compile(r"^\s*[\"\u201c]?\s*((?:" + _LABEL_WORD + r"\s?){1,4})(?:(?:\(([^()\n]{1,60})\)\s?){0,2}|"
                            + _COMMA_ROLE + r")"
                            r":\s+(?=\S)")


def label_role(m: re.Match) -> str | None:
    """The role a speaker label gives, in brackets or after a comma (``_LABEL``, ``_SPEAKER_LABEL``), or None."""
    return m.group(2) or m.group(3)
# a debate record's turn labelled by the office, the member's name in brackets ("Minister for Defence (Deputy Ana
# Ruiz): ...", "The Minister for the Middle East (Ana Ruiz): ...", "Minister of State at the Department of Health
# (Ana Ruiz): ..."): the office's words may be lower case
_TITLED_LABEL = re.compile(r"^\s*((?:The\s)?" + _LABEL_WORD + r"(?:\s(?:" + _LABEL_WORD + r"|of|for|the|and|on|at))*)\s?"
                           r"\(([^()\n]{3,60})\):\s+(?=\S)")
# an interview's answer ("A: We accept it on one condition") is the interviewee's own words, whom the article
# introduced before the questions; its question ("Q: Will you accept?") is the interviewer's, and no statement
ANSWER_LABEL = re.compile(r"^\s*(A|Answer|ANSWER)\s*:\s+(?=\S)")
QUESTION_LABEL = re.compile(r"^\s*(?:Q|Question|QUESTION)\s*:\s+(?=\S)")
_DASH = re.compile(r"\s*[\u2014\u2015\u2013-]{1,2}\s*")


def opens_turn(text: str) -> bool:
    """Whether ``text`` opens on a transcript's speaker label ("OKAFOR: ...", "A: ...", "Ana Ruiz (Lab): ...")."""
    return bool(_SPEAKER_LABEL.match(text) or _TITLED_LABEL.match(text) or ANSWER_LABEL.match(text))


# an interview printed without labels: a paragraph that is one short question, then the interviewee's answer in
# the first person ("Would you sign a new one?" / "We would sign tomorrow if ...")
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|us|i|my|me)\b", re.IGNORECASE)
_ONE_QUESTION = re.compile(r"^[^.?!\n]{3,200}\?$")
# a question put to the one answering ("Do you believe a truce is close?"): its answer is theirs even when it speaks
# of others only ("No. Both sides believe ..."); an explainer's heading asks about the story, never "you"
_ADDRESSED = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)


def interview_page(texts) -> bool:
    """At least two paragraphs are one short question with no quotation (``unlabelled_answers`` needs two pairs)."""
    return sum(1 for t in texts if _ONE_QUESTION.match(t.strip()) and not any(ch in t for ch in QUOTE_CHARS)) >= 2


def unlabelled_answers(texts, attributions) -> dict[int, AttributionSpan]:
    """Paragraph index -> the interviewee's answer that fills it, for interviews printed without "Q:"/"A:"
    labels: the paragraph before is a single short question with no source of its own, the answer speaks in
    the first person with no quotation of its own (the words are all the interviewee's), and another such pair
    follows or precedes it. An explainer's question heading ("What did the deal say?") is followed by the
    reporter's third-person answer: no answer."""
    out: dict[int, AttributionSpan] = {}
    for index in range(1, len(texts)):
        question, answer = texts[index - 1].strip(), texts[index]
        if not _ONE_QUESTION.match(question) or any(ch in question for ch in QUOTE_CHARS) \
                or QUESTION_LABEL.match(question) or _sourced(attributions.get(index - 1, ())):
            continue
        if any(ch in answer for ch in QUOTE_CHARS) or ANSWER_LABEL.match(answer) or _LABEL.match(answer) \
                or answer.rstrip().endswith("?") or not (_FIRST_PERSON.search(answer) or _ADDRESSED.search(question)):
            continue
        start, end = _trim(answer, 0, len(answer))
        if end - start < 20:
            continue
        out[index] = AttributionSpan(start, end, answer[start:end], True, None, "interviewee", None, None, None,
                                     None, None, None, "interview:answer")
    # an interview asks more than once: a lone question answered with a "we" is the reporter's own aside ("How is
    # that possible? It is not because we ...")
    return {i: a for i, a in out.items() if any(j != i and abs(j - i) <= _INTERVIEW_SPAN for j in out)}


_INTERVIEW_SPAN = 8  # paragraphs between two answers of one interview, at most


def _sourced(attributions) -> bool:
    """A question paragraph's attributions give it a source of its own: one not the interviewee it addresses
    ("Do you believe a truce is close?" asks what they think; it reports no one)."""
    return any((a.speaker_text or "").split("|")[0].casefold() != "you" for a in attributions)


def _labelled(doc, quotes, events, entities, cues: Cues) -> list[_Event]:
    """Attributions without a verb: a speaker label opening the paragraph (transcripts, interviews, "Name:
    words" headlines) and a quotation signed with a dash ("“...” ― Ana Ruiz")."""
    text = text_of(doc)
    out = []
    answer = ANSWER_LABEL.match(text)
    if answer is not None:
        start, end = _trim(text, answer.end(), len(text))
        out.append(_Event(start, end, (answer.start(1), answer.end(1)), None, (answer.start(1), answer.end(1)),
                          "label:answer"))
        return out
    m = _SPEAKER_LABEL.match(text)
    if m and len(WORD.findall(text[m.end():])) >= 3:
        label_start, label_end = m.start(1), m.end(1)
        label = text[label_start:label_end].strip()
        in_label = [x for x in entities if label_start <= x.start and x.end <= label_end + 1]
        named = any(x.label in ("PERSON", "ORG", "NORP") for x in in_label)
        shouted = label.replace(" ", "").replace(".", "").isupper() and len(label) >= 2
        places = any(x.label in ("GPE", "LOC", "FAC") for x in in_label) and not named
        if (named or shouted) and not places and not _section_label(label, cues) \
                and label.casefold() not in cues.programme_voice and not _programme_role(label_role(m), cues):
            # a programme's own voice is the reporter's narrative: its lines keep the attributions they make
            # ("PRESENTER: Moscow says ..."), and no source otherwise (the guidelines' NULL)
            source = doc.char_span(label_start, label_start + len(label), alignment_mode="expand")
            if source is not None:
                start, end = _trim(text, m.end(), len(text))
                colon = text.index(":", m.end(1))
                out.append(_Event(start, end, (colon, colon + 1), source.root, (source.start_char, source.end_char),
                                  "label:colon"))
    titled = _titled_label(doc, text, entities) if not out else None
    if titled is not None:
        out.append(titled)
    claimed = [(e.start, e.end) for e in events]
    for qs, qe in quotes:
        if any(s < qe and qs < e for s, e in claimed):
            continue
        dash = _DASH.match(text, qe)
        if dash is None or dash.end() == qe:
            continue
        signer = next((x for x in entities if x.start == dash.end() and x.label in ("PERSON", "ORG", "NORP")), None)
        if signer is None:
            continue
        source = doc.char_span(signer.start, signer.end, alignment_mode="expand")
        if source is not None:
            cue = (dash.start() + len(text[dash.start():dash.end()]) - len(text[dash.start():dash.end()].lstrip()),
                   dash.end())
            out.append(_Event(qs, qe, cue, source.root, (signer.start, signer.end), "label:dash"))
    return out


_OWN_VOICE = frozenset({"i", "we", "me", "us", "my", "our"})


def _reports_another(doc, e: _Event, quotes=()) -> bool:
    """The event reports what a third party says: a cue verb with a clause of what was said ("X says the truce
    holds", "X told us that ...") or with that party's own quoted words ("A nurse I met told me: “...”"), whose
    source is not the speaker's own side ("we", "our president"). Acts the speaker's side performs in the present
    ("Qatar calls on both parties to ...", "We agreed to stop") are the speaker's words."""
    if e.cue is None or e.source is None or e.source_span is None:
        return False
    verb = doc.char_span(e.cue[0], e.cue[1], alignment_mode="expand")
    said = [] if verb is None else [c for c in verb.root.children if c.dep_ == "ccomp"]
    if _quoted_words(e, quotes):
        said = []  # the quoted party's "we" is its own, not the speaker's side
    elif not said:
        return False
    if any(t.lower_ in _OWN_VOICE for c in said for t in c.subtree):
        return False  # "The President has said that we are open to it": the speaker's side, in its own words
    if said and (verb.root.tag_ == "VB" or verb.root.dep_ in ("xcomp", "advcl", "relcl", "acl")):
        return False  # "we need them to say who breaks it": a wish of the speaker's, not a claim reported
    source = doc.char_span(e.source_span[0], e.source_span[1], alignment_mode="expand")
    # the source's own clause ("a headman I met") describes it: its "I" is the reporter, not the source
    described = {d.i for t in (source or ()) if t.dep_ in ("relcl", "acl") for d in t.subtree}
    return source is not None and not any(t.lower_ in _OWN_VOICE for t in source if t.i not in described)


def _cited_text(e: _Event, events: list[_Event], cues: Cues) -> bool:
    """The event's source is a text both parties signed, which a turn's speaker cites ("the agreement says the
    withdrawal comes first"), or "it" with such a text the source of the paragraph's cue before ("It also says
    ..."): the speaker's own reading of the text, no third party's claim."""
    source = e.source
    if not hasattr(source, "i") or e.cue is None:
        return False
    if source.lower_ in cues.shared_texts:
        return True
    if source.lower_ != "it":
        return False
    earlier = [k for k in events if k.cue is not None and k.cue[0] < e.cue[0] and hasattr(k.source, "i")]
    nearest = max(earlier, key=lambda k: k.cue[0], default=None)
    return nearest is not None and nearest.source.lower_ in cues.shared_texts


def _quoted_words(e: _Event, quotes) -> bool:
    """The event's content is a quotation after its cue ("told me: “...”"): the source's own words, which a
    transcript's speaker only passes on."""
    return e.cue is not None and any(e.cue[1] <= qs and qs < e.end and e.start < qe for qs, qe in quotes)


def _titled_label(doc, text: str, entities) -> _Event | None:
    """A turn labelled by an office with the member's name in brackets ("Minister for Defence (Deputy Ana Ruiz):
    ..."): the person named in the brackets speaks. Only when the label opens with a title (data/titles.txt) and
    the brackets hold a person the NER found; a name with a constituency or a body in brackets ("Ana Ruiz
    (Harbourside):") is the plain label's reading."""
    m = _TITLED_LABEL.match(text)
    if m is None or len(WORD.findall(text[m.end():])) < 3:
        return None
    words = m.group(1).split()
    first = words[1] if words[0] == "The" and len(words) > 1 else words[0]
    if first.casefold() not in titles():
        return None
    lo, hi = m.start(2), m.end(2)
    person = next(((x.start, x.end) for x in entities if x.label == "PERSON" and lo <= x.start and x.end <= hi),
                  None) or _bare_name(text, lo, hi, entities) or _name_read_as_body(text, lo, hi, entities)
    source = None if person is None else doc.char_span(*person, alignment_mode="expand")
    if source is None:
        return None
    start, end = _trim(text, m.end(), len(text))
    colon = m.end(2) + 1
    return _Event(start, end, (colon, colon + 1), source.root, person, "label:colon")


def _looks_like_name(words: list[str]) -> bool:
    """Two to four capitalised words, none a body's head ("Armed Forces"): a person's name by its shape."""
    heads = organisation_heads()[0]
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.casefold() not in heads for w in words)


def _name_read_as_body(text: str, lo: int, hi: int, entities) -> tuple[int, int] | None:
    """The bracket of an office's label holding a person's name the NER read as an organisation ("Minister for
    Defence (Deputy Ana Ní Bhriain)"): two to four capitalised words, none a body's head."""
    for x in entities:
        if x.label == "ORG" and lo <= x.start and x.end <= hi and _looks_like_name(text[x.start : x.end].split()):
            return x.start, x.end
    return None


def _bare_name(text: str, lo: int, hi: int, entities) -> tuple[int, int] | None:
    """The bracket of an office's label read as a person's name the NER missed: two to four capitalised words,
    none a body's head ("Armed Forces") and no other entity over them (a constituency, an agency)."""
    if not _looks_like_name(text[lo:hi].split()):
        return None
    if any(x.start < hi and lo < x.end for x in entities):
        return None
    return lo, hi


def _programme_role(role: str | None, cues: Cues) -> bool:
    """The bracketed role of a transcript's label names the programme's own voice ("ANA RUIZ (PRESENTER):",
    "Ana Ruiz (BBC correspondent):"): the presenter or reporter speaking is the narrative, as a bare "HOST:"
    label is, whoever the name is."""
    words = WORD.findall((role or "").casefold())
    return bool(words) and words[-1] in cues.programme_voice


def _programme_voice(text: str, entities, cues: Cues) -> AttributionSpan | None:
    """Who a transcript's label names as the programme's own voice ("ANA RUIZ (PRESENTER):", "HOST (Ana Ruiz):"),
    as a marker with no content (start = end = 0, rule "label:voice"): the label is no source of its turn, but
    the article's later turns labelled by that person's short name ("RUIZ:") are the same voice, which only the
    article-level pass can see (resolve drops the marker and those turns' attributions)."""
    m = _LABEL.match(text)
    if m is None or len(WORD.findall(text[m.end():])) < 3:
        return None
    label = m.group(1).strip()
    if label.casefold() in cues.programme_voice and m.group(2):
        lo, hi = m.start(2), m.start(2) + len(m.group(2).strip())  # the role opens, the name is in brackets
        words = text[lo:hi].split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return None
    elif _programme_role(label_role(m), cues):
        lo, hi = m.start(1), m.start(1) + len(label)
        in_label = [x for x in entities if lo <= x.start and x.end <= hi + 1]
        if not (any(x.label in ("PERSON", "ORG", "NORP") for x in in_label)
                or (label.replace(" ", "").replace(".", "").isupper() and len(label.split()) >= 2)):
            return None
    else:
        return None
    name = text[lo:hi]
    return AttributionSpan(0, 0, "", False, name, "none", lo, hi, None, None, None, None, "label:voice", source=name)


def _section_label(label: str, cues: Cues) -> bool:
    """A label that heads a section of the page, not a speaker: one the cues list, or one whose last word is
    such a section ("KEY CONTEXT", "LIVE UPDATE", "EDITOR'S NOTE")."""
    words = label.casefold().replace("\u2019", "'").split()
    return label.casefold() in cues.not_labels or (len(words) > 1 and len(words[-1]) > 1
                                                     and words[-1] in cues.not_labels)


# -------------------------------------------------------------------------------------- assembling rows


def _outermost(events: list[_Event], reports=lambda e: False) -> list[_Event]:
    """Only the outermost attribution: an event whose cue lies inside another's content is dropped, except
    inside a labelled transcript line, where a speaker reporting a third party (``reports``: "HOST: The ministry
    says the road is open") is that party's claim, told by the speaker, kept as its own attribution."""
    kept: list[_Event] = []
    for e in sorted(events, key=lambda e: -(e.end - e.start)):
        holders = [k for k in kept if e.cue is not None and k.start <= e.cue[0] < k.end]
        if holders and all(_unnamed(k) for k in holders) and _named(e):
            # "X has told both capitals that ..., according to two people briefed": the unnamed people only pass
            # on what the named source said, whose words the sentence reports (the guidelines: not who relays
            # it, the one quoted)
            kept = [k for k in kept if k not in holders]
        elif holders and not (all(k.rule == "label:colon" for k in holders) and _inside_turn(e, holders)
                              and reports(e)):
            continue
        if any((k.start, k.end) == (e.start, e.end) for k in kept):
            continue  # "repeated her claim that A": the verb and its noun report the same words once
        kept.append(e)
    return sorted(kept, key=lambda e: e.start)


def _unnamed(e: _Event) -> bool:
    """The event's source is people no name identifies ("two people briefed on the talks", "officials"); not an
    actor's own office or document ("his ministry said"), which speaks for the actor it reports."""
    source = e.source
    return hasattr(source, "i") and source.tag_ == "NNS" and not source.ent_type_ \
        and not any(t.ent_type_ not in _COUNTS for t in source.subtree) and not e.rule.startswith("label:")


def _named(e: _Event) -> bool:
    """The event's source is a named person, body or state."""
    source = e.source
    if not hasattr(source, "i") or any(c.dep_ == "conj" for c in source.children):
        return False  # "X and Y agreed ..., two officials said": both sides at once are no one source
    # "The US special envoy, Dale Whitcombe, has told ...": a role the apposition names
    return source.ent_type_ in _NAMED or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in source.children)


_NAMED = frozenset({"PERSON", "ORG", "GPE"})
_COUNTS = frozenset({"", "CARDINAL", "ORDINAL", "QUANTITY"})  # "two people briefed": a count names no one


def _inside_turn(e: _Event, holders: list[_Event]) -> bool:
    """The event's source is named in the turn's words, not in its speaker label: a parse that takes a label's
    bracket for a subject ("Ana Ruiz (Harbourside) (SNP): the figures show ...", "SNP" the subject of "show")
    reports no third party."""
    return e.source_span is None or e.source_span[0] >= max(k.start for k in holders)


def _with_quotations(text: str, events: list[_Event], quotes: list[tuple[int, int]]) -> list[_Event]:
    """Contents take the whole of any quotation they touch; a quotation no cue claimed continues the quoted
    attribution before it in the paragraph (“A,” she said. “B.”), or opens the paragraph as a continuation."""
    for e in events:
        for s, q_end in quotes:
            if s < e.end and e.start < q_end and (s < e.start or q_end > e.end):
                if e.cue is not None and s <= e.cue[0] < q_end:
                    continue  # the cue itself sits inside that quotation: leave the span alone
                e.start, e.end = min(e.start, s), max(e.end, q_end)
    out = list(events)
    for s, q_end in quotes:
        if any(e.start <= s and q_end <= e.end for e in out):
            continue
        if any(e.cue is not None and s <= e.cue[0] < q_end for e in out):
            continue
        words = len(WORD.findall(text[s:q_end]))
        previous = [e for e in out if e.end <= s and _quoted_share(e, quotes) >= 0.5]
        if previous:
            last = max(previous, key=lambda e: e.end)
            # another attribution in between ends this one; the cue's own participles ("said X, speaking of
            # Y") share its source and do not
            between = [e for e in out if last.end <= e.start < s and e.source_span != last.source_span]
            if not between:
                last.end = q_end
                last.rule += "+continued"
                continue
        if not text[:s].strip() and words >= 3:
            out.append(_Event(s, q_end, None, None, None, "quote:continues"))
    return sorted(out, key=lambda e: e.start)


def _quoted_share(e: _Event, quotes) -> float:
    total = max(1, e.end - e.start)
    covered = sum(max(0, min(e.end, qe) - max(e.start, qs)) for qs, qe in quotes)
    return covered / total


def _source_span(doc, token) -> tuple[int, int]:
    """The source mention as written: the subject's whole phrase, its modifiers, apposition and identifying
    clause included ("Ana Ruiz, a spokeswoman for the ministry,"), without edge punctuation."""
    lo, hi = token.left_edge.i, token.right_edge.i
    lo = _past_dated_possessive(token, lo)
    while lo < token.i and (doc[lo].is_punct or opening_clock(doc[lo])):
        lo += 1
    while hi > token.i and doc[hi].is_punct:
        hi -= 1
    return doc[lo].idx, _end(doc[hi])


_DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                        "yesterday", "tomorrow", "january", "february", "march", "april", "may", "june", "july",
                        "august", "september", "october", "november", "december", "week", "month", "year",
                        "weekend", "night", "morning", "evening", "afternoon", "last", "this", "next"})


def _past_dated_possessive(token, lo: int) -> int:
    """Where the source's phrase starts once a possessive date before it is left out ("Monday's statement from
    the ministry" -> "statement from the ministry"): the day a statement was made is not who made it."""
    poss = next((c for c in token.children if c.dep_ == "poss" and c.i < token.i), None)
    if poss is None or poss.left_edge.i != lo:
        return lo
    words = [t for t in poss.subtree if t.dep_ != "case" and not t.is_punct]
    if not all(t.lower_ in _DAY_WORDS or t.like_num for t in words) or not any(t.lower_ in _DAY_WORDS for t in words):
        return lo
    after = poss.right_edge.i + 1
    return after + 1 if after < token.i and token.doc[after].dep_ == "case" else after


def _past_dateline(doc, e: _Event) -> _Event:
    """An event whose source the parse took from the dateline ("Bogota, Colombia — the army announced ...",
    "Nov 12 - the government rejected ..."): the place a report was filed from never speaks, so the source is
    the phrase after the dash, and the mention as written leaves the dateline out."""
    cut = dateline_end(doc)
    if cut is None or e.source_span is None or e.source_span[0] > doc[cut].idx:
        return e
    source = after_dateline(e.source, e.cue[0] if e.cue else len(text_of(doc)))
    if source is None:
        return replace(e, source=None, source_span=None)
    lo, hi = _source_span(doc, source)
    return replace(e, source=source, source_span=(max(lo, doc[cut + 1].idx), hi))


# sources that only carry another's words: a document, or a body its owner speaks through ("his ministry")
_CARRIERS = frozenset({"statement", "communique", "communiqué", "release", "readout", "text", "letter", "post",
                       "transcript", "recording"})
_OWNED_CARRIERS = frozenset({"ministry", "office", "spokesman", "spokeswoman", "spokesperson", "aides", "aide",
                             "press", "embassy", "statement", "communique", "communiqué", "readout", "website"})
_OWNERS = frozenset({"his", "her", "its", "their"})


# the paper's own staff in the field (resolve reads the transcript turns of those it names as the narrative too)
REPORTERS = frozenset({"correspondent", "correspondents", "reporter", "reporters"})


def _own_reporter(source) -> bool:
    """The publication's own reporter as the source ("our correspondent in X reports ...", "according to your own
    correspondent"): what the paper's own staff report is the reporter's narrative, which the guidelines leave
    with no speaker (a named reporter, "our reporter, Ana Ruiz, says", too)."""
    if source.lower_ not in REPORTERS:
        return False
    owners = [c for c in source.children if c.dep_ == "poss"]
    return any(c.lower_ == "our" or (c.lower_ == "your" and any(a.lower_ == "own" for a in source.children))
               for c in owners)


def _actor_of_report(doc, e: _Event, entities, cues: Cues) -> _Event:
    """A report of a named actor's own say, carried by a document or the actor's office ("Kenya urged both sides
    to ..., according to a statement from its foreign ministry", "The minister called for restraint, his
    ministry said"): the actor is the source; the text that carries it is not. Only when the content is told,
    not quoted, and its main verb is itself a cue with a named subject."""
    source = e.source
    carrier = source.lower_ in _CARRIERS or (
        source.lower_ in _OWNED_CARRIERS and any(c.dep_ == "poss" and c.lower_ in _OWNERS for c in source.children))
    if not carrier:
        return e
    verbs = [t for t in doc if e.start <= t.idx < e.end and t.tag_.startswith("VB") and t.i != source.head.i]
    if not verbs:
        return e
    main = min(verbs, key=lambda t: sum(1 for _ in t.ancestors))
    subject = next((c for c in main.children if c.dep_ == "nsubj"), None)
    if subject is None or cues.lemma_of.get(main.lower_) not in cues.lemmas:
        return e
    # the reported clause's subject as the parse took it may be the dateline's place ("Bamenda — A faction ...
    # has announced ..., its spokesman said"): the place a report was filed from never speaks
    subject = after_dateline(subject, main.idx)
    if subject is None:
        return e
    lo, hi = _source_span(doc, subject)
    kind, _ = _classify(doc, subject, lo, hi, entities)
    if kind != "name" or _joint(subject):
        return e  # "both sides agreed ..., the statement said": the issuer's account of a joint act
    return replace(e, source=subject, source_span=(lo, hi))


def _finish(doc, e: _Event, quotes, entities, cues: Cues) -> AttributionSpan:
    text = text_of(doc)
    if hasattr(e.source, "i"):
        e = _past_dateline(doc, e)
    if hasattr(e.source, "i") and _quoted_share(e, quotes) < 0.5:
        e = _actor_of_report(doc, e, entities, cues)
    if hasattr(e.source, "i") and _own_reporter(e.source):
        e = replace(e, source=None, source_span=None)
    direct = _quoted_share(e, quotes) >= 0.5
    opens = direct and any(qs < e.end and qe >= len(text.rstrip()) and text[qe - 1] not in QUOTE_CHARS for qs, qe in quotes)
    cue = text[e.cue[0] : e.cue[1]] if e.cue else None
    if e.rule == "label:answer":
        label = text[e.source_span[0] : e.source_span[1]]
        return AttributionSpan(e.start, e.end, text[e.start : e.end], True, label, "interviewee", e.source_span[0],
                               e.source_span[1], None, cue, e.cue[0], e.cue[1], e.rule, source=label)
    if e.source is None:
        kind = "continuation" if e.rule == "quote:continues" else "none"
        return AttributionSpan(e.start, e.end, text[e.start : e.end], direct, None, kind, None, None, None, cue,
                               e.cue[0] if e.cue else None, e.cue[1] if e.cue else None, e.rule, opens,
                               continues=kind == "continuation")
    governing = _governing_subject(e.source)
    if governing is not None:
        e = replace(e, source=governing, source_span=_source_span(doc, governing))
    s_start, s_end = e.source_span
    kind, name = _classify(doc, e.source, s_start, s_end, entities)
    if e.rule == "label:colon":
        shouted = _shouted_label(text[s_start:s_end], s_start, s_end, entities)
        if shouted is not None and kind == "role" and _titled_name(text[s_start:s_end], shouted):
            kind = "name"  # "SENATOR ANA RUIZ:": the parse's common-noun head of capitals is a titled name
        name = shouted or name
        label = text[s_start:s_end]
        if kind == "role" and (_office_only(label) or label.isupper() and (
                label.casefold() in cues.unnamed_people
                or len(label.split()) == 2 and label.split()[-1].casefold() in cues.unnamed_people)):
            # "SPECIAL ENVOY:" is the office as "the Special Envoy" would be: who holds it speaks; a role one person
            # holds ("SPOKESPERSON:") likewise, as "the spokesperson" the article named before, and one that says
            # whose ("ARMY SPOKESPERSON:"), as "the army spokesperson" would be
            office = f"the {' '.join(w.title() if w.isupper() else w for w in label.split())}"
            return AttributionSpan(e.start, e.end, text[e.start : e.end], direct,
                                   f"{office}|{_role_number(label.split()[-1].casefold())}", kind, s_start, s_end, None,
                                   cue, e.cue[0], e.cue[1], e.rule, opens, source=label)
    # what resolution reads: the head's own phrase ("an Israeli official"), without the apposition or the
    # clause that the mention as written (speaker_start/speaker_end) keeps
    head = e.source
    lo = head.left_edge.i if s_start <= head.left_edge.idx else head.i
    if lo == head.i and head.left_edge.i < head.i and (dateline_end(doc) is not None or opening_clock(doc[0])):
        lo = next(t.i for t in doc if t.idx >= s_start)  # the phrase after a dateline, not its head alone
    speaker_text = text[max(s_start, doc[lo].idx) : _end(head)] if hasattr(head, "left_edge") else text[s_start:s_end]
    if kind == "role":
        head = e.source
        # "a senior official in the council": what follows the role and says which one is part of it
        last = doc[qualified_end(head)]
        if last.i > head.i and _end(last) <= s_end:
            speaker_text = text[max(s_start, doc[lo].idx) : _end(last)]
        speaker_text = f"{speaker_text}|{_role_number(head.lower_, head.tag_ in ('NNS', 'NNPS'))}"
    return AttributionSpan(e.start, e.end, text[e.start : e.end], direct, speaker_text, kind, s_start, s_end, name,
                           cue, e.cue[0], e.cue[1], e.rule, opens, source=text[s_start:s_end])


# a pronoun's number, which the subject it stands for shares
_PRONOUN_TAGS = {"it": ("NN", "NNP"), "they": ("NNS", "NNPS")}


def _governing_subject(source):
    """The subject a pronoun source stands for when its clause is what the verb above it reports ("The delegation
    did not say how long it planned to stay", "The Front has not said whether it will withdraw"): the noun
    subject of that verb, before the pronoun in the same sentence and of its number, not the last body the
    article named. None when the source is no such pronoun or the verb above has no such subject."""
    if not hasattr(source, "i") or source.tag_ != "PRP" or source.lower_ not in _PRONOUN_TAGS:
        return None
    clause = source.head
    if source.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > source.i or subject.tag_ not in _PRONOUN_TAGS[source.lower_]:
        return None
    return subject


def _role_number(word: str, plural: bool = False) -> str:
    """A role's head word and number as resolution reads them after the phrase ("envoy|singular", "official|
    plural" for "officials"). An office label ("SPECIAL ENVOY:") is singular: every word of it is a title, and
    data/titles.txt lists titles in the singular."""
    return f"{word[:-1] if plural and word.endswith('s') else word}|{'plural' if plural else 'singular'}"


def _shouted_label(label: str, s_start: int, s_end: int, entities) -> str | None:
    """A transcript's capitalised speaker label ("ANA MARIA RUIZ:", "HODAN (caller, Burao):") is the speaker's
    name whole, when no entity spans it all: the model cuts capitals short ("ANA MARIA") or misses them, and the
    parse takes the bracket's role for the head ("caller"). Written as a name, without a title before it."""
    words = label.split()
    if not words or not all(w.isupper() for w in words) or len(label) < 3:
        return None
    written = " ".join(w.title() for w in words)
    # a member's title opening the label ("SENATOR ANA RUIZ:", "SENATOR RUIZ:", the turns after the first naming
    # the member by surname) is no part of the name, whatever entity the model read in the capitals
    bare = _untitled(written, keep=1)
    if bare != written:
        return bare
    if any(x.start <= s_start and s_end <= x.end for x in entities):
        return None
    return written


def _titled_name(label: str, name: str) -> bool:
    """The shouted label read as ``name`` lost a title before it: a person's name, not a role's words."""
    return len(name.split()) < len(label.split())


def _joined_person(entity, entities) -> str:
    """A person's name the NER cut in two ("Patrick Mbuyi" + "Kalala") joined again."""
    if entity.label != "PERSON":
        return entity.name
    name, start, end = entity.name, entity.start, entity.end
    for x in sorted(entities, key=lambda x: x.start):
        if x.label == "PERSON" and 0 <= x.start - end <= 1:
            name, end = f"{name} {x.name}", x.end
    for x in sorted(entities, key=lambda x: -x.start):
        if x.label == "PERSON" and 0 <= start - x.end <= 1:
            name, start = f"{x.name} {name}", x.start
    return name


def _in_word(token) -> bool:
    """A hyphen inside a word, set off by no space ("Port-au-Prince", "Guinea-Bissau"), not a dash between words."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _proper_phrase(head) -> str:
    """The proper name a head noun ends: its capitalised modifiers ("the Russian Defence Ministry"), never a
    possessor ("Yemen's"), and an "of"/"in" phrase that is part of the name ("the General Staff of the Armed
    Forces", "the Support Mission in Libya")."""
    doc = head.doc
    lo = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ in ("compound", "amod", "nmod") and child.right_edge.i == lo - 1 and child.text[:1].isupper():
            lo = child.left_edge.i
        else:
            break
    while lo < head.i and (doc[lo].dep_ in ("det", "poss", "case") or not doc[lo].text[:1].isupper()):
        lo += 1
    hi = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.i == hi + 1 and child.lower_ in ("of", "in", "for", "on"):
            end = child.right_edge.i
            for t in doc[child.i + 1 : end + 1]:  # up to a bracket or comma: "in Libya (UNSMIL)" -> "in Libya"
                if t.is_punct and not _in_word(t):
                    end = t.i - 1
                    break
            # "of the Armed Forces of Ukraine": articles and inner prepositions may be lower case; a hyphenated
            # name is one word, capitalised on its first part ("in Port-au-Prince")
            words = [t for t in doc[child.i + 1 : end + 1] if t.dep_ != "det" and t.lower_ not in ("of", "in", "for", "and")
                     and not _in_word(t) and not (t.i > 0 and _in_word(doc[t.i - 1]))]
            if words and all(t.text[:1].isupper() for t in words):
                hi = end
                continue
        break
    return doc[lo : hi + 1].text


def _set_off(before: str) -> bool:
    """The text before a person's name ends with a comma, or with one and the person's rank ("..., Lieutenant
    General Ana Ruiz"), which the name's entity leaves out."""
    _, comma, rank = before.rpartition(",")
    words = rank.replace("-", " ").replace(".", "").casefold().split()
    return bool(comma) and len(words) <= 3 and all(w in titles() for w in words)


def _addressed(doc, head, own, speaking):
    """The person an apposition names after a given name that opens a turn or a sentence and is only the one
    spoken to ("HOST: Ana, the defence minister, Piet Brandt, said ..."): the small model makes the addressee
    the subject and the source its apposition; the person named in full there speaks. None otherwise."""
    if own.label != "PERSON" or len(own.text.split()) != 1 or head.i + 1 >= len(doc) or doc[head.i + 1].text != ",":
        return None
    if head.i != head.sent.start and doc[head.i - 1].text != ":":
        return None
    introduced = {t.idx for c in head.children if c.dep_ == "appos" for t in c.subtree}
    named = [x for x in speaking if x.label == "PERSON" and len(x.text.split()) > 1 and x.start in introduced]
    return named[0] if len(named) == 1 else None


def _classify(doc, head, s_start, s_end, entities) -> tuple[str, str | None]:
    """How to resolve a source: a named entity (the one it is, or the person its title introduces), a pronoun,
    a role noun phrase ("the minister", "the group"), or other words kept as written ("the poll")."""
    at = head.idx
    speaking = [x for x in entities if x.label in SPEAKER_LABELS and x.start < s_end and s_start < x.end]
    own = [x for x in speaking if x.start <= at < x.end and not _rank_only(x)]
    if own and own[0].label != "PERSON":
        # "the Minister of Foreign Affairs, Hassan Abdelrahim,": a title the model read as an organisation, with
        # the person set off after a comma (not "the RSF, led by X,"): the person speaks
        set_off = [x for x in speaking if x.label == "PERSON" and s_start <= x.start and x.end <= s_end
                   and _set_off(text_of(doc)[:x.start])]
        if len(set_off) == 1:
            return "name", _joined_person(set_off[0], entities)
    if own and own[0].label in ("GPE", "NORP"):
        # "the Republic of Veldara's Ministry of Defence issued ...", the small model making the country the
        # subject: the country only owns the body that speaks
        owned = next((x for x in entities if x.label == "ORG" and x.start - own[0].end in (3, 4)
                      and text_of(doc)[own[0].end : x.start].strip() in ("'s", "\u2019s")), None)
        if owned is not None:
            # the body's whole proper name where the model cut it ("Ministry of Communication and Media")
            token = next((t for t in doc if t.idx == owned.start), None)
            whole = _proper_phrase(token) if token is not None else ""
            return "name", whole if whole.startswith(owned.text) and len(whole) > len(owned.text) else owned.name
    if own and (addressed := _addressed(doc, head, own[0], speaking)) is not None:
        return "name", _joined_person(addressed, entities)
    if own:
        return "name", _joined_person(own[0], entities)
    if head.lower_ in _PRONOUNS and head.tag_ in ("PRP", "WP", "WDT", "PRP$"):
        return "pronoun", None
    # "Foreign Minister Ana Ruiz", "a spokesman, Ali Haidar,": the person the title or apposition introduces
    # the apposition first: in "an Azande Union spokesman, Ana Ruiz," the words before the role name the body
    # the role serves (which the model may read as a person), the apposition names the one who holds it
    for deps in (("appos",), ("compound",)):
        introduced = {t.i for c in head.children if c.dep_ in deps for t in c.subtree}
        people = [x for x in speaking if x.label == "PERSON" and any(
            x.start <= t.idx < x.end for t in doc if t.i in introduced) and not _qualifies_group(head, x)]
        if people:
            return "name", _joined_person(people[0], entities)
    # "the Minister of Foreign Affairs, Hassan Abdelrahim,": the one person the source phrase names, however the
    # parse attached the apposition
    named_people = [x for x in speaking if x.label == "PERSON" and s_start <= x.start and x.end <= s_end]
    if len(named_people) == 1 and head.lower_ not in ("who", "which") and not _owns(head, named_people[0]) \
            and not _qualifies_group(head, named_people[0]):
        return "name", _joined_person(named_people[0], entities)
    # "the military's media wing, Inter-Services Public Relations,": an apposition that names the source
    for child in head.children:
        if child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children):
            continue  # "the four guarantors — Egypt, Qatar and Turkey —": a list of its members; the group speaks
        if child.dep_ == "appos" and (child.tag_ in ("NNP", "NNPS") or any(
                x.start <= child.idx < x.end for x in speaking)):
            named = [x for x in speaking if x.start <= child.idx < x.end]
            return "name", named[0].name if named else _proper_phrase(child)
    placed = _name_after_place(doc, head, entities)
    if placed is not None:
        return "name", placed
    if head.tag_ in ("NNP", "NNPS") and head.text[:1].isupper() and _office_only(_proper_phrase(head)):
        # "the Special Envoy said", "SPECIAL ENVOY:": an office written in capitals, no name: who holds it is
        # resolved as "the envoy" would be
        return "role", None
    if head.tag_ in ("NNP", "NNPS") and head.text[:1].isupper():
        # a name the NER missed or cut ("the Ukrainian Foreign Ministry" read as NORP + words): its proper-noun
        # phrase, resolved by its words; an entity that only modifies it ("Ukrainian", "Yemen's") is not it
        return "name", _untitled(_proper_phrase(head))
    if head.tag_ in ("NN", "NNS", "NNP", "NNPS"):
        # "the minister", "the M23 group", "Egypt's foreign ministry" (a lower-case head the tagger called a proper
        # noun is a common noun all the same): resolution decides who it is
        return "role", None
    return "other", None


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _name_after_place(doc, head, entities) -> str | None:
    """The name set off after a role's place ("the group's coordinator in North Kivu, Ana Ruiz"), which the NER
    missed: the small model hangs it on the place as an apposition, but a place is not a person, so the name
    speaks. Only for a lower-case role noun, a place an entity names, and two to four capitalised words no entity
    covers, none a body's head."""
    if head.tag_ not in ("NN", "NNS") or not head.text[:1].islower():
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i < head.i:
            continue
        for place in prep.children:
            if place.dep_ != "pobj" or not any(x.label in _PLACE_LABELS and x.start <= place.idx < x.end
                                               for x in entities):
                continue
            for name in place.children:
                if name.dep_ != "appos" or name.tag_ != "NNP" or name.i != place.right_edge.i:
                    continue
                lo = name.left_edge
                if lo.i < 1 or doc[lo.i - 1].text != ",":
                    continue
                start, end = lo.idx, _end(name)
                words = text_of(doc)[start:end].split()
                if any(t.tag_ != "NNP" for t in doc[lo.i : name.i + 1]) or not _looks_like_name(words) \
                        or any(x.start < end and start < x.end for x in entities):
                    continue
                return " ".join(words)
    return None


def _rank_only(entity) -> bool:
    """A PERSON entity that is only a rank or title ("Brigadier", "General"): the model reads a title before a
    bracket ("Brigadier (retd) Ana Ruiz") as a name of its own, but a title names nobody; the person it
    introduces speaks."""
    return entity.label == "PERSON" and _office_only(entity.text.replace(".", ""))


def _office_only(phrase: str) -> bool:
    """Every word of ``phrase`` a title (data/titles.txt): an office ("Special Envoy", "Minister"), no name."""
    words = [w.casefold().rstrip(".") for w in phrase.split()]
    return bool(words) and all(w in titles() for w in words)


def _untitled(phrase: str, keep: int = 2) -> str:
    """A person's name the NER missed, without the titles before it ("Bishop Ana Ruiz", "Dr Ana Ruiz" -> "Ana
    Ruiz"): the guidelines' speaker is the name, as the model's PERSON entities are (data/titles.txt). Only when
    what is left is capitalised words that are neither a title nor a body's head ("Deputy Defence Minister",
    "Minister of Foreign Affairs" and "Presidential Council" stay whole)."""
    words = phrase.split()
    known, heads = titles(), organisation_heads()[0]
    # the last title among the words before the name ends the office: "Opposition MP Ana Ruiz", "Foreign
    # Minister Ana Ruiz" (a word qualifying the title is no part of the name either)
    last = max((k for k in range(len(words) - keep) if words[k].casefold().rstrip(".") in known), default=-1)
    rest = words[last + 1:] if last >= 0 else words
    if rest is words or not all(w[:1].isupper() and w.casefold() not in known and w.casefold() not in heads
                                for w in rest):
        return phrase
    return " ".join(rest)


def _qualifies_group(head, person) -> bool:
    """``person`` only qualifies a plural common noun it stands before ("Clan elders", "Ruiz aides"): the model
    reads a capitalised modifier as a person's name, but a group of people is not one person; the group speaks,
    as the phrase names it."""
    if _of_phrase_holds(head, person):
        return True
    return head.tag_ == "NNS" and person.end <= head.idx and all(
        t.head.i == head.i and t.dep_ in ("compound", "amod", "nmod") for t in head.doc
        if person.start <= t.idx < person.end and t.head.i != t.i and t.head.idx >= person.end)


def _of_phrase_holds(head, person) -> bool:
    """``person`` stands in the "of" phrase after a plural common noun ("Residents of Sheikh Maqsoud", "relatives
    of the prisoners' lawyer Ana Ruiz"): the group the phrase describes speaks, as the house convention names an
    unnamed group with its trailing phrase; the model's reading of a place after an honorific as a person does
    not make the name the source."""
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            span = [t for t in prep.subtree if t.i != prep.i]
            if span and span[0].idx <= person.start and person.end <= span[-1].idx + len(span[-1].text):
                return True
    return False


def _owns(head, person) -> bool:
    """``person`` is the possessor of the source's head ("President Ana Ruiz's office", "Ruiz's spokesman"): the
    office or the aide speaks, as the phrase names it, not the person who owns it."""
    return any(c.dep_ == "poss" and c.idx < person.end and person.start < c.idx + len(c.text) + 2
               for c in head.children)

