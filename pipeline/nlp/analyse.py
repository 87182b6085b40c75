"""Paragraph-level analysis: entities for every paragraph, statement candidates where the lexicon matches.

Runs inside worker processes. spaCy's NER runs over all paragraphs with the tagger and parser switched off
(``senter`` gives sentence boundaries); the parser runs only on the few sentences that match the topic
lexicon, because only there do we need to know who said what.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .attribution import AttributionSpan, find_attributions, load_cues
from .lexicon import Lexicon, load_lexicon
from .model import (
    NER_ONLY_DISABLE,
    PARSE_DISABLE,
    QUOTE_PARSE_DISABLE,
    gazetteer_digest,
    installed_model,
    load_nlp,
)
from .quotes import inside, overlap, quote_spans

log = logging.getLogger(__name__)

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
ANALYSIS_VERSION = "4"  # bump when the rules below change: paragraphs analysed by older rules are redone

_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_EDGE_JUNK = " \t\n\"'\u2018\u2019\u201c\u201d\u00ab\u00bb.,;:!?()[]"
_TERMINAL = re.compile(r"[.?!\u2026][\"'\u201d\u2019\u00bb)*\s]*$")
_QUESTION_END = re.compile(r"\?\s*[\"'\u201d\u2019\u00bb]?\s*$")
_QUESTION_IN_QUOTE = re.compile(r"\?\s*[\"'\u201d\u2019\u00bb]")
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "they": "GROUP", "it": "GROUP"}
_CLAUSE_SPLIT = re.compile(r"[,;:\u2014\u2013\"\u201c\u201d\u00ab\u00bb]|\s-\s")
_LEADING_FILLER = re.compile(r"^(?:and|but|that|which|then|so)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class EntitySpan:
    start: int  # paragraph-local character offsets
    end: int
    text: str  # as written
    name: str  # possessive stripped, gazetteer canonical name where the gazetteer gives one
    label: str
    prefix: str  # up to four words before it ("Foreign Minister"), to resolve "the minister" later


@dataclass(frozen=True)
class StatementSpan:
    start: int
    end: int
    text: str
    direct_quote: bool
    speaker_text: str | None
    speaker_kind: str  # name | pronoun | role | continuation | none
    speaker_start: int | None
    speaker_end: int | None
    stance: str
    conditions: tuple[str, ...]
    duration: str | None
    cameo_code: str | None
    rule: str
    evidence: str = "term"  # term | weak (kept only in articles that also have a term statement)


@dataclass(frozen=True)
class ParagraphAnalysis:
    paragraph_id: str
    version: str
    entities: tuple[EntitySpan, ...]
    statements: tuple[StatementSpan, ...]
    sentences: int
    context_hits: int = 0  # words of armed conflict: the article-level trap filter sums them
    quotes: tuple[AttributionSpan, ...] = ()  # every attribution in the paragraph (pipeline.nlp.attribution)


def analysis_version(lexicon_path: str | None = None, gazetteer: str | None = None) -> str:
    """What a cached analysis depends on: these rules, the model, the gazetteer and the lexicon. Computed
    without loading spaCy, so the main process can check the cache cheaply."""
    model = installed_model()
    if model is None:
        from ..errors import ConfigError
        from .model import INSTALL_HINT

        raise ConfigError(f"no English spaCy model is installed. Install one: {INSTALL_HINT}")
    return (f"{ANALYSIS_VERSION}/{model[0]}-{model[1]}/gaz{gazetteer_digest(gazetteer)}"
            f"/lex{load_lexicon(lexicon_path).digest}/cue{load_cues().digest}")


def analyse_paragraphs(
    items: Sequence[tuple[str, str]], *, lexicon_path: str | None = None, gazetteer: str | None = None
) -> list[ParagraphAnalysis]:
    """Analyse ``(paragraph_id, text)`` pairs. Odd text (unbalanced quotes, symbols, huge paragraphs) is
    analysed as well as it can be; a failure on one paragraph yields an empty analysis, never an exception."""
    nlp = load_nlp(gazetteer)
    lexicon = load_lexicon(lexicon_path)
    version = analysis_version(lexicon_path, gazetteer)
    texts = [text for _, text in items]
    docs = nlp.pipe(texts, disable=list(NER_ONLY_DISABLE), batch_size=64)
    staged = []
    candidates: list[tuple[int, int, int, str]] = []  # (item index, sentence start, sentence end, evidence)
    for index, doc in enumerate(docs):
        try:
            entities = tuple(_entities(doc))
            sentences = _sentences(doc)
        except Exception:  # pragma: no cover - defensive: spaCy on pathological text
            log.exception("entity analysis failed on paragraph %s", items[index][0])
            entities, sentences = (), []
        staged.append((entities, len(sentences), lexicon.context_hits(texts[index])))
        for start, end in sentences:
            evidence = lexicon.evidence(texts[index][start:end])
            if evidence is not None:
                candidates.append((index, start, end, evidence))
    # The parser runs only where it can find something: paragraphs with a quotation mark or a cue word (who said
    # what), and the sentences that match the topic lexicon (statements).
    cues = load_cues()
    to_parse = [i for i, text in enumerate(texts) if cues.wants_parse(text)]
    quotes_cache: dict[int, list[tuple[int, int]]] = {}
    attributions: dict[int, tuple[AttributionSpan, ...]] = {}
    for index, doc in zip(to_parse, nlp.pipe([texts[i] for i in to_parse], disable=list(QUOTE_PARSE_DISABLE), batch_size=32)):
        quotes = quotes_cache.setdefault(index, quote_spans(texts[index]))
        try:
            attributions[index] = tuple(find_attributions(doc, quotes, staged[index][0], cues))
        except Exception:  # pragma: no cover - defensive: a parse the rules did not foresee
            log.exception("attribution failed in paragraph %s", items[index][0])
    parsed = nlp.pipe([texts[i][s:e] for i, s, e, _ in candidates], disable=list(PARSE_DISABLE), batch_size=32)
    statements: dict[int, list[StatementSpan]] = {}
    for (index, start, end, evidence), sentence_doc in zip(candidates, parsed):
        text = texts[index]
        quotes = quotes_cache.setdefault(index, quote_spans(text))
        try:
            statement = _statement(text, start, end, sentence_doc, quotes, staged[index][0], lexicon, evidence)
        except Exception:  # pragma: no cover - defensive
            log.exception("statement analysis failed in paragraph %s", items[index][0])
            statement = None
        if statement is not None:
            statements.setdefault(index, []).append(statement)
    return [
        ParagraphAnalysis(pid, version, staged[i][0], tuple(statements.get(i, ())), staged[i][1], staged[i][2],
                          attributions.get(i, ()))
        for i, (pid, _) in enumerate(items)
    ]


# ------------------------------------------------------------------------------------------------ entities


def _entities(doc) -> list[EntitySpan]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text
        name = (ent.ent_id_ or text).strip(_EDGE_JUNK)
        name = _POSSESSIVE.sub("", name).strip(_EDGE_JUNK)
        if name.lower().startswith("the ") and ent.label_ in ("ORG", "FAC", "EVENT", "LOC"):
            name = name[4:]
        name = " ".join(name.split())
        if len(name) < 2 or not any(ch.isupper() for ch in name):
            continue  # names are capitalised; "east quay" is the small model guessing
        # trim the surface span the same way so offsets point at the name
        stripped = _POSSESSIVE.sub("", text.rstrip(_EDGE_JUNK)).rstrip(_EDGE_JUNK)
        start = ent.start_char + (len(text) - len(text.lstrip(_EDGE_JUNK)))
        end = ent.start_char + len(stripped)
        if end <= start:
            continue
        prefix_tokens = [t.text for t in doc[max(0, ent.start - 4) : ent.start]]
        out.append(EntitySpan(start, end, doc.text[start:end], name, ent.label_, " ".join(prefix_tokens)))
    return out


def _sentences(doc) -> list[tuple[int, int]]:
    """Sentence spans, with continuations merged: a "sentence" that starts in lower case ("he asked.") or
    inside an open quote belongs to the one before it."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = sent.start_char + len(sent.text.rstrip())
        first = text.lstrip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb ")[:1]
        if spans and first and (first.islower() or text[0] in ",;:)"):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


# ---------------------------------------------------------------------------------------------- statements


def _statement(text, start, end, doc, quotes, entities, lexicon: Lexicon, evidence: str = "term") -> StatementSpan | None:
    sentence = text[start:end]
    if not _TERMINAL.search(sentence):
        return None  # a headline or a caption, not a sentence anyone said
    patterns = lexicon.terms if evidence == "term" else lexicon.weak_terms
    term = next((m for p in patterns for m in [p.search(sentence)] if m), None)
    if term is None:
        return None
    sentence_quotes = [(max(s, start), min(e, end)) for s, e in quotes if s < end and e > start]
    quoted_chars = overlap(sentence_quotes, start, end)
    direct = inside(quotes, start + term.start(), start + term.end()) or quoted_chars > 0.5 * (end - start)

    found = _speaker(doc, start, quotes, entities, lexicon)
    speaker, via_speech_verb = (found[0], found[1]) if found is not None else (None, False)
    if speaker is None and direct:
        speaker, via_speech_verb = _quote_speaker(text, start, end, quotes, entities), True
    stance, cue, cue_on_main_verb, cameo_key = _stance(sentence, doc, lexicon)
    if not direct and not via_speech_verb:
        # Narrative, or an actor doing something ("Hamas rejected ..."): a statement only if a stance or
        # announcement cue is the main verb ("The truce took effect at midnight"), not a background clause
        # ("a truce agreed in March collapsed"), and the sentence is not about a past or failed truce.
        if cue is None or not cue_on_main_verb:
            return None
        if any(p.search(sentence) for p in lexicon.stance.get("background", ())):
            return None
    speaker_text, kind, s_start, s_end = speaker if speaker is not None else (None, "none", None, None)
    rule = f"{lexicon.topic}/{evidence}:{kind}{'+quote' if direct else ''}:{stance}" + (f"({cue})" if cue else "")
    return StatementSpan(
        start=start,
        end=end,
        text=sentence,
        direct_quote=bool(direct),
        speaker_text=speaker_text,
        speaker_kind=kind,
        speaker_start=s_start,
        speaker_end=s_end,
        stance=stance,
        conditions=tuple(_conditions(sentence, lexicon, question=cue == "?")) if stance == "conditional" else (),
        duration=_duration(sentence, lexicon),
        cameo_code=lexicon.cameo.get(cameo_key) if cameo_key else None,
        rule=rule,
        evidence=evidence,
    )


def _speaker(doc, offset, quotes, entities, lexicon: Lexicon):
    """((text, kind, start, end), via a speech verb?) for whoever the sentence attributes its content to."""
    def outside(token) -> bool:
        return not inside(quotes, offset + token.idx, offset + token.idx + len(token.text))

    # "according to X"
    for token in doc:
        if token.text.lower() == "according" and outside(token):
            for child in token.children:
                if child.text.lower() == "to":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            described = _describe_subject(doc, obj, offset, entities, lexicon)
                            if described is not None:
                                return described, True
    verbs = [
        t for t in doc
        if t.lemma_.lower() in lexicon.reporting_lemmas and t.pos_ in ("VERB", "AUX") and outside(t)
    ]

    def depth(token) -> int:
        d = 0
        while token.head.i != token.i and d < 50:  # spaCy makes a new Token object per access: compare indices
            token, d = token.head, d + 1
        return d

    # prefer verbs with a subject, then the main verb, then the earliest
    for verb in sorted(verbs, key=lambda v: (_subject(v) is None, depth(v), v.i)):
        subject = _subject(verb)
        if subject is not None and outside(subject):
            described = _describe_subject(doc, subject, offset, entities, lexicon)
            if described is not None:
                return described, True
    # No speech verb: the main clause's subject when it is an actor ("Hamas rejected...", "Putin cast doubt",
    # "he pivoted to outline prerequisites"), not a thing ("his discussions with American envoys ...").
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ in ("VERB", "AUX") and outside(root):
        subject = _subject(root)
        if subject is not None and outside(subject) and subject.text.lower() != "it":
            described = _describe_subject(doc, subject, offset, entities, lexicon)
            if described is not None:
                return described, False
    return None


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


_ORG_HEADS = frozenset({"group", "movement", "militia", "faction", "rebels", "army", "military", "forces", "coalition",
                        "alliance", "organisation", "organization", "party", "government", "ministry", "council"})
_NOT_NAMES = frozenset({"it", "this", "that", "there", "here", "what", "which", "who", "everyone", "nobody", "none",
                        "we", "i", "you", "us"})


def _describe_subject(doc, token, offset, entities, lexicon: Lexicon):
    """Classify a subject token: a named entity, a pronoun, a proper name the NER missed, or a role noun
    phrase ("the minister"). Returns (text, kind, start, end), or None when the subject does not speak."""
    lower = token.text.lower()
    if lower in _PRONOUNS and token.pos_ == "PRON":
        return (token.text, "pronoun", offset + token.idx, offset + token.idx + len(token.text))
    head_at = offset + token.idx
    named = [e for e in entities if e.label in SPEAKER_LABELS and e.start <= head_at < e.end]
    if named:
        e = named[0]
        return (e.name, "name", e.start, e.end)
    # "Qatari negotiator Khalid al-Mansouri said": a title whose person follows right after it
    head_end = head_at + len(token.text)
    following = [e for e in entities if e.label == "PERSON" and 0 <= e.start - head_end <= 1]
    if following:
        e = following[0]
        return (e.name, "name", e.start, e.end)
    # "Ukraine's infrastructure minister, Serhiy Dovhan, said": the apposition names the speaker
    for child in token.children:
        if child.dep_ == "appos":
            at = offset + child.idx
            person = [e for e in entities if e.label in ("PERSON", "ORG") and e.start <= at < e.end]
            if person:
                return (person[0].name, "name", person[0].start, person[0].end)
    if lower in _NOT_NAMES:
        return None
    left = doc[token.left_edge.i : token.i + 1]
    while len(left) > 1 and left[0].pos_ in ("DET", "PUNCT"):
        left = left[1:]
    s_start, s_end = offset + left.start_char, offset + left.end_char
    is_role = token.lemma_.lower() in lexicon.speaker_roles or lower in lexicon.speaker_roles
    if not is_role and (token.pos_ == "PROPN" or (token.text[:1].isupper() and token.pos_ == "NOUN")):
        # a proper name the NER missed ("Haidar told reporters", "The Ukrainian Foreign Ministry said")
        words = [t.text for t in left if t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.text[:1].isupper()]
        return (" ".join(words) or token.text, "name", s_start, s_end)
    if not is_role:
        return None
    if lower in _ORG_HEADS:
        # an organisation named inside the role phrase: "the M23 rebel group" -> M23 (not "Sudan's army")
        inner = [e for e in entities if e.label == "ORG" and s_start <= e.start and e.end <= s_end
                 and doc.text[e.end - offset : e.end - offset + 2] not in ("'s", "\u2019s")]
        if inner:
            return (inner[-1].name, "name", inner[-1].start, inner[-1].end)
    phrase = doc[token.left_edge.i : token.i + 1].text
    plural = token.tag_ in ("NNS", "NNPS")
    return (f"{phrase}|{token.lemma_.lower()}|{'plural' if plural else 'singular'}", "role", s_start, s_end)


_SPEECH_NEAR = re.compile(
    r"\b(?:said|says|added|adds|told|tells|asked|asks|warned|warns|insisted|insists|stressed|noted|explained|wrote|"
    r"declared|continued|argued|replied|according to)\b", re.IGNORECASE)


def _quote_speaker(text, start, end, quotes, entities):
    """A quote with no speech verb in its own sentence: the attribution that follows it in the paragraph
    ("... the first day. It will not hold," said Haidar), else the previous speaker (resolved per article)."""
    after = [e for e in entities if e.start >= end and e.label in ("PERSON", "ORG") and not inside(quotes, e.start, e.end)]
    for e in after[:2]:
        window = text[max(end, e.start - 40) : e.end + 40]
        if _SPEECH_NEAR.search(window):
            return (e.name, "name", e.start, e.end)
    # "Mediator X said ... 'Trust is built,' he said. 'We hope the truce holds.'": the person named earlier in
    # the same paragraph is still talking
    before = [e for e in entities if e.end <= start and e.label == "PERSON" and not inside(quotes, e.start, e.end)]
    if before:
        e = before[-1]
        return (e.name, "name", e.start, e.end)
    return ("", "continuation", None, None)


_NEGATED = re.compile(r"\b(?:not|never|n't|no)\b(?:\W+\w+){0,4}\W*$", re.IGNORECASE)
_MAIN_VERB_PATH = frozenset({"aux", "auxpass", "neg", "prt", "xcomp", "conj", "prep", "dobj", "acomp", "advmod",
                             "ccomp", "pobj", "amod", "compound"})


def _stance(sentence: str, doc, lexicon: Lexicon) -> tuple[str, str | None, bool, str | None]:
    """(stance, cue text, whether the cue sits on the main verb, CAMEO key); the first rule that matches wins."""
    def first(group: str):
        for pattern in lexicon.stance.get(group, ()):
            m = pattern.search(sentence)
            if m:
                return m
        return None

    def main_verb(match) -> bool:
        for token in doc:
            if token.idx <= match.start() < token.idx + len(token.text) or match.start() <= token.idx < match.end():
                node = token
                for _ in range(3):
                    if node.dep_ == "ROOT":
                        return True
                    if node.dep_ not in _MAIN_VERB_PATH:
                        return False
                    node = node.head
                return node.dep_ == "ROOT"
        return False

    m = first("violation")
    if m:
        if _NEGATED.search(sentence[: m.start()]):
            return "support", m.group(0), main_verb(m), "support_agree"  # "we will not be the ones to break it"
        return "neutral", m.group(0), main_verb(m), "violation"
    if _QUESTION_END.search(sentence) or _QUESTION_IN_QUOTE.search(sentence):
        return "oppose", "?", True, "oppose"
    m = first("oppose")
    if m:
        condition = first("strong_conditional")
        if condition:
            return "conditional", condition.group(0), main_verb(m), "oppose_conditional"
        return "oppose", m.group(0), main_verb(m), "oppose"
    strong = first("strong_conditional")
    m = strong or first("conditional")
    if m:
        return "conditional", m.group(0), main_verb(m) or strong is not None, "conditional"
    m = first("support_declare")
    if m:
        return "support", m.group(0), main_verb(m), "declare"
    m = first("support")
    if m:
        key = "support_agree"
        for candidate in ("support_demand", "support_appeal"):
            if any(p.search(sentence) for p in lexicon.cameo_patterns.get(candidate, ())):
                key = candidate
                break
        return "support", m.group(0), main_verb(m), key
    m = first("neutral_announce")
    if m:
        declared = re.search(r"announc|effect|force", m.group(0), re.IGNORECASE)  # the truce itself comes into being
        return "neutral", m.group(0), main_verb(m), "declare" if declared else None
    return "neutral", None, False, None


def _conditions(sentence: str, lexicon: Lexicon, *, question: bool) -> list[str]:
    found: list[str] = []
    lowered = sentence.lower()
    taken: list[tuple[int, int]] = []
    for marker in lexicon.condition_markers:
        if question and marker == "if":
            continue  # "If we stop for 30 days, what then?" is a doubt, not a condition
        for m in re.finditer(rf"\b{re.escape(marker)}\b", lowered):
            if any(s <= m.start() < e for s, e in taken):
                continue
            rest = sentence[m.end():]
            clause = _CLAUSE_SPLIT.split(rest, maxsplit=1)[0]
            clause = re.split(r"[.?!](?:\s|$)", clause, maxsplit=1)[0].strip(" .?!")
            if len(clause.split()) >= 2:
                found.append(clause)
                taken.append((m.start(), m.end() + len(clause) + 1))
    for segment in _CLAUSE_SPLIT.split(sentence):
        words = segment.lower().split()
        if any(w in words for w in lexicon.condition_clause_words):
            clause = _LEADING_FILLER.sub("", segment.strip(" .?!")).strip()
            if len(clause.split()) >= 3 and not any(clause in f or f in clause for f in found):
                found.append(clause)
    return found


_NUMBER_WORDS = {"one", "a"}


def _duration(sentence: str, lexicon: Lexicon) -> str | None:
    m = lexicon.duration.search(sentence)
    if not m:
        return None
    number, unit = m.group(1), m.group(2).lower()
    plural = number.lower() not in _NUMBER_WORDS and number != "1"
    return f"{number} {unit}{'s' if plural else ''}"
