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

from .attribution import QUESTION_LABEL, AttributionSpan, find_attributions, load_cues, silence
from .lexicon import Evaluation, Lexicon, load_evaluation, load_lexicon
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
# A paragraph whose truce is framed as civilian counts against the article's conflict context, as much as this many
# words of armed conflict count for it: an article of a few figurative "war" and "fight" words around a truce between
# a union and an employer is not about a war.
FIGURATIVE_WEIGHT = 2
ANALYSIS_VERSION = "8"  # bump when the rules below change: paragraphs analysed by older rules are redone

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
    # the verb or phrase that ties the speaker to the sentence ("said", "rejected", "according to"); the
    # attribution a statement makes when no quote covers it
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(frozen=True)
class ParagraphAnalysis:
    paragraph_id: str
    version: str
    entities: tuple[EntitySpan, ...]
    statements: tuple[StatementSpan, ...]
    sentences: int
    # words of armed conflict, less FIGURATIVE_WEIGHT when the paragraph's truce is framed as civilian: the
    # article-level trap filter sums them
    context_hits: int = 0
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
            f"/lex{load_lexicon(lexicon_path).digest}/cue{load_cues().digest}/eval{load_evaluation().digest}")


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
    sentence_spans: list[list[tuple[int, int]]] = []
    for index, doc in enumerate(docs):
        try:
            entities = tuple(_entities(doc))
            sentences = _sentences(doc)
        except Exception:  # pragma: no cover - defensive: spaCy on pathological text
            log.exception("entity analysis failed on paragraph %s", items[index][0])
            entities, sentences = (), []
        staged.append((entities, len(sentences), lexicon.context_hits(texts[index], article=True)))
        sentence_spans.append(sentences)
        if QUESTION_LABEL.match(texts[index]):
            continue  # an interviewer's question: the interviewee's answer is what was said
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
            # an interview's answer, a transcript's labelled turn ("GROMOV: We have studied ..."), is the
            # speaker's own words, as if quoted
            quotes_cache[index] = sorted(quotes + [(a.start, a.end) for a in attributions[index] if _own_words(a)])
        except Exception:  # pragma: no cover - defensive: a parse the rules did not foresee
            log.exception("attribution failed in paragraph %s", items[index][0])
    candidates = candidates + _in_topic_quotes(texts, sentence_spans, attributions, candidates, lexicon)
    candidates = candidates + _pronoun_carried(texts, sentence_spans, candidates, lexicon)
    candidates = sorted(candidates + _in_topic_paragraphs(texts, sentence_spans, candidates, lexicon))
    parsed = nlp.pipe([texts[i][s:e] for i, s, e, _ in candidates], disable=list(PARSE_DISABLE), batch_size=32)
    statements: dict[int, list[StatementSpan]] = {}
    civilian: dict[int, int] = {}  # paragraph -> where its first truce between non-armed parties starts
    for (index, start, end, evidence), sentence_doc in zip(candidates, parsed):
        text = texts[index]
        quotes = quotes_cache.setdefault(index, quote_spans(text))
        try:
            if evidence == "term" and _civilian_truce(sentence_doc, lexicon):
                civilian.setdefault(index, start)  # "the union and the employers agreed a truce": not armed parties
                continue
            statement = _statement(text, start, end, sentence_doc, quotes, staged[index][0], lexicon, evidence)
        except Exception:  # pragma: no cover - defensive
            log.exception("statement analysis failed in paragraph %s", items[index][0])
            statement = None
        if statement is not None:
            statements.setdefault(index, []).append(statement)
    for index, at in civilian.items():
        # the sentences after a figurative truce speak of it, not of a war: unless the paragraph also names a real
        # truce, what its topic carried onwards goes with it (a sentence before it was not carried by it)
        kept = statements.get(index, [])
        if kept and not any(s.evidence == "term" for s in kept):
            statements[index] = [s for s in kept if s.start < at]
    return [
        ParagraphAnalysis(pid, version, staged[i][0], tuple(statements.get(i, ())), staged[i][1],
                          staged[i][2] - FIGURATIVE_WEIGHT * (i in civilian),
                          attributions.get(i, ()))
        for i, (pid, _) in enumerate(items)
    ]


def _in_topic_quotes(texts, sentence_spans, attributions, candidates, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """Sentences that speak about the truce through their context (the guidelines' "context counts"): every
    other sentence of an attribution whose content holds a topic-term sentence is a candidate too, so a quote
    running over several sentences gives one statement per sentence ("... a truce. It will not last the week.")."""
    taken = {(i, s) for i, s, _, _ in candidates}
    terms = {(i, s, e) for i, s, e, ev in candidates if ev in ("term", "weak")}
    on_topic = {i for i, _, _ in terms}
    out = []
    for index, quotes in attributions.items():
        if QUESTION_LABEL.match(texts[index]):
            continue  # the interviewer's question ("QUESTION: Will you accept?"), no statement
        previous_topical = False
        for q in quotes:
            # sentences that start in the content and lie mostly inside it (the last one carries the "..., she said")
            inside_q = [(s, e) for s, e in sentence_spans[index]
                        if s < q.end and min(e, q.end) - max(s, q.start) >= 0.5 * (e - s)]
            # the quote is about the truce, or it is quoted words in a paragraph that is: either way they speak of it
            # (reported facts, "according to the UN", in such a paragraph are often about something else)
            same_quote = any((index, s, e) in terms for s, e in inside_q)
            # "“No truce until they leave,” said X. “We will not be fooled again,” he added.": the same speaker
            # going on about the truce, announced by a pronoun right after
            direct = q.direct or _own_words(q)
            same_quote = same_quote or (previous_topical and direct and q.speaker_kind in ("pronoun", "continuation"))
            previous_topical = same_quote
            if same_quote or (index in on_topic and direct):
                evidence = "context"
            elif direct:
                # quoted words in a paragraph that does not name the truce: about it only right after a paragraph
                # that makes a statement (the article-level pass in resolve decides)
                evidence = "carry"
            else:
                continue
            for s, e in inside_q:
                sentence = texts[index][s:e]
                if (index, s) in taken or any(p.search(sentence) for p in lexicon.traps):
                    continue
                if not same_quote and not _topical(sentence, lexicon):
                    continue  # another quotation in the paragraph, about the harvest or the roads
                taken.add((index, s))
                out.append((index, s, e, evidence))
    return out


def _own_words(attribution: AttributionSpan) -> bool:
    """Words the article gives as the speaker's own without quotation marks: an interview's answer, a transcript's
    turn after a speaker label."""
    return attribution.speaker_kind == "interviewee" or attribution.rule == "label:colon"


def _in_topic_paragraphs(texts, sentence_spans, candidates, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """The guidelines' "context counts" for the paragraph: in a paragraph that names the truce, a sentence that
    speaks of the fighting, an arrangement or a position ("The ministry denied that its troops had opened fire")
    is a candidate. Like any sentence that does not name the truce, it becomes a statement only when someone
    says it or a stance cue is its main verb (``_statement``), so the scene around it stays out."""
    taken = {(i, s) for i, s, _, _ in candidates}
    on_topic = {i for i, _, _, ev in candidates if ev == "term"}
    out = []
    for index in on_topic:
        for s, e in sentence_spans[index]:
            sentence = texts[index][s:e]
            if (index, s) in taken or any(p.search(sentence) for p in lexicon.traps) or not _topical(sentence, lexicon):
                continue
            taken.add((index, s))
            out.append((index, s, e, "paragraph"))
    return out


def _topical(sentence: str, lexicon: Lexicon) -> bool:
    """Whether a sentence that does not name the truce can still be about it: it speaks of the fighting (a word
    of armed conflict), of an arrangement ("the pause", "the offer"), or takes a position the stance cues know
    ("rejected", "only if", "broke")."""
    if lexicon.context_hits(sentence) or any(p.search(sentence) for p in lexicon.weak_terms):
        return True
    groups = ("violation", "oppose", "strong_conditional", "conditional", "support", "compliance")
    return any(p.search(sentence) for g in groups for p in lexicon.stance.get(g, ()))


_CARRY_PRONOUN = re.compile(r"^[\"'\u201c\u2018\u00ab\s]*(?:it|this|that)\b(?!\s+(?:is|was|was not|is not|remains?|remained)\s+(?:not\s+)?(?:clear|unclear|unknown|possible|likely|expected|hard|difficult|too early)\b)", re.IGNORECASE)


def _pronoun_carried(texts, sentence_spans, candidates, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """The guidelines' "pronouns carry the topic": a sentence that opens on "it", "this" or "that" right after a
    sentence about the truce speaks of the truce ("The truce began at noon. It is meant to last three days."),
    unless the pronoun is the empty subject of "it is not clear whether ...". """
    taken = {(i, s) for i, s, _, _ in candidates}
    topical = {(i, s) for i, s, _, ev in candidates if ev in ("term", "weak", "context")}
    out = []
    for index, spans in enumerate(sentence_spans):
        for (prev, _), (s, e) in zip(spans, spans[1:]):
            if (index, prev) not in topical or (index, s) in taken:
                continue
            sentence = texts[index][s:e]
            if _CARRY_PRONOUN.match(sentence) and not any(p.search(sentence) for p in lexicon.traps):
                taken.add((index, s))
                topical.add((index, s))
                out.append((index, s, e, "context"))
    return out


# ------------------------------------------------------------------------------------------------ entities


def _entities(doc) -> list[EntitySpan]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text
        name = (ent.ent_id_ or text).strip(_EDGE_JUNK)
        name = _POSSESSIVE.sub("", name).strip(_EDGE_JUNK)
        if name.lower().startswith("the ") and ent.label_ in ("ORG", "FAC", "EVENT", "LOC", "GPE"):
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
    sentence_quotes = [(max(s, start), min(e, end)) for s, e in quotes if s < end and e > start]
    quoted_chars = overlap(sentence_quotes, start, end)
    if evidence in ("context", "carry", "paragraph"):  # the topic is carried by the quotation the sentence sits in
        direct = quoted_chars > 0.5 * (end - start)
    else:
        patterns = lexicon.terms if evidence == "term" else lexicon.weak_terms
        term = next((m for p in patterns for m in [p.search(sentence)] if m), None)
        if term is None:
            return None
        direct = inside(quotes, start + term.start(), start + term.end()) or quoted_chars > 0.5 * (end - start)

    found = _speaker(doc, start, quotes, entities, lexicon)
    speaker, via_speech_verb, cue_span = found if found is not None else (None, False, None)
    if speaker is None and direct:
        speaker, via_speech_verb = _quote_speaker(text, start, end, quotes, entities), True
    if not direct and speaker is None and _QUESTION_END.search(sentence):
        return None  # "What did the deal say?": an explainer's heading, nobody's rhetorical question
    if evidence == "term" and _only_dates(doc, lexicon):
        return None  # whoever says it, "prices have doubled since the truce" is about prices
    stance, cue, cue_on_main_verb, cameo_key = _stance(sentence, doc, lexicon, direct)
    if not direct and not via_speech_verb and evidence != "term":
        # A sentence that names the truce is about it (the guidelines count facts about a specific truce, past
        # ones too). One carried only by a weak cue or by context, told by the narrative or an actor, needs
        # more: a stance or announcement cue on its main verb, or the arrangement as the subject of its main
        # clause ("The proposal was delivered on Wednesday"), and no scene-setting the lexicon names.
        if (cue is None or not cue_on_main_verb) and not _topic_is_subject(doc, lexicon, evidence):
            return None
        if any(p.search(sentence) for p in lexicon.stance.get("background", ())):
            return None
    speaker_text, kind, s_start, s_end = speaker if speaker is not None else (None, "none", None, None)
    if stance == "conditional" and _commentator(text, start, end, quotes, lexicon):
        stance = "oppose"  # an analyst's "only with monitors would it hold" doubts the truce; no party accepts
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
        cue_start=cue_span[0] if cue_span and speaker is not None else None,
        cue_end=cue_span[1] if cue_span and speaker is not None else None,
        stance=stance,
        conditions=tuple(_conditions(sentence, lexicon, question=cue == "?")) if stance == "conditional" else (),
        duration=_duration(sentence, lexicon),
        cameo_code=lexicon.cameo.get(cameo_key) if cameo_key else None,
        rule=rule,
        evidence=evidence,
    )


def _commentator(text: str, start: int, end: int, quotes, lexicon: Lexicon) -> bool:
    """The sentence's own words outside its quotation marks name a commentator ("..., a military analyst,
    said")."""
    words = re.findall(r"[a-z]+", "".join(ch for i, ch in enumerate(text[start:end], start)
                                          if not inside(quotes, i, i + 1)).lower())
    return any(w in lexicon.commentators for w in words)


def _speaker(doc, offset, quotes, entities, lexicon: Lexicon):
    """((text, kind, start, end), via a speech verb?, (cue start, cue end)) for whoever the sentence attributes
    its content to; the cue is the verb (or "according to") tying them to it, offsets like the speaker's."""
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
                                return described, True, (offset + token.idx, offset + child.idx + len(child.text))
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
        if silence(verb):
            return (None, "silent", None, None), True, None  # "X did not say whether ...": the narrator's
        if subject is not None and outside(subject) and _joint(subject, modifiers=True):
            # "Armenia and Azerbaijan accused each other": both sides at once, the guidelines' NULL speaker
            return (None, "joint", None, None), True, None
        if subject is not None and outside(subject):
            described = _describe_subject(doc, subject, offset, entities, lexicon)
            if described is not None:
                return described, True, (offset + verb.idx, offset + verb.idx + len(verb.text))
    # No speech verb: the main clause's subject when it is an actor ("Hamas rejected...", "Putin cast doubt",
    # "he pivoted to outline prerequisites"), not a thing ("his discussions with American envoys ...").
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    # only a verb that takes a position, reports one or acts on the truce makes its subject a speaker ("Hamas
    # rejected ...", "the Front began a ceasefire"); "the committee met", "fighting resumed" tell the story
    acts_on_truce = root is not None and any(
        c.dep_ == "dobj" and (c.lower_ in _ARRANGEMENTS or lexicon.matches(c.text)) for c in root.children)
    if root is not None and silence(root):
        return (None, "silent", None, None), True, None
    if root is not None and root.pos_ in ("VERB", "AUX") and outside(root) and (
            root.lemma_.lower() in lexicon.reporting_lemmas or _stance_word(root.text, lexicon) or acts_on_truce):
        subject = _subject(root)
        if subject is not None and _joint(subject, modifiers=True):
            return (None, "joint", None, None), False, None
        if subject is not None and outside(subject) and subject.text.lower() != "it":
            described = _describe_subject(doc, subject, offset, entities, lexicon)
            if described is not None:
                return described, False, (offset + root.idx, offset + root.idx + len(root.text))
    return None


_NOUN_MODIFIERS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod"})
_ARRANGEMENTS = frozenset({"agreement", "agreements", "deal", "deals", "accord", "accords", "arrangement",
                           "arrangements", "understanding", "pact", "protocol", "proposal", "proposals", "offer",
                           "plan", "initiative", "pause", "pauses", "moratorium", "extension", "framework", "talks",
                           "negotiations", "text", "terms", "provisions"})
_JOINT_SUBJECTS = frozenset({"sides", "parties", "both", "neither", "either"})


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


_STANCE_GROUPS = ("violation", "oppose", "support", "support_declare", "compliance")


def _stance_word(word: str, lexicon: Lexicon) -> bool:
    """A word the stance cues know on its own ("rejects", "welcomed", "violated")."""
    return any(p.fullmatch(word) or p.match(word) for g in _STANCE_GROUPS for p in lexicon.stance.get(g, ()))


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
    modifiers = [c.left_edge.i for c in token.children if c.i < token.i and c.dep_ in _NOUN_MODIFIERS]
    phrase_text = doc[min(modifiers, default=token.i) : token.i + 1].text  # "A partial truce", not its clauses
    if lower in _ARRANGEMENTS or any(p.search(phrase_text) for p in lexicon.terms):
        return None  # "A truce agreed in May lasted a week", "the deal covers ...": a thing, not a speaker
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


def _stance(sentence: str, doc, lexicon: Lexicon, direct: bool = False) -> tuple[str, str | None, bool, str | None]:
    """(stance, cue text, whether the cue sits on the main verb, CAMEO key); the first rule that matches wins."""
    for pattern in lexicon.stance.get("not_conditions", ()):  # "speaking on condition of anonymity"
        sentence = pattern.sub(lambda m: " " * len(m.group(0)), sentence)

    def first(group: str, outside_modifiers: bool = False):
        for pattern in lexicon.stance.get(group, ()):
            for m in pattern.finditer(sentence):
                if outside_modifiers and _in_modifier_clause(doc, m.start()):
                    continue
                if group == "oppose" and _in_condition(doc, m.start()):
                    continue  # "ready to pause if the militias withdraw from the roads": the condition's verb
                if group == "oppose" and _negates_saying(doc, m.start()):
                    continue  # "has not publicly confirmed the truce": silence, not a refusal
                if group.endswith("conditional") and _temporal(doc, m.start()):
                    continue  # "the truce will run until the end of the month": a date, not a condition
                if group == "support" and _names_a_thing(doc, m.start()):
                    continue  # "the offer was made in a statement": the word names the offer, nobody offers here
                if group in _POSITION_GROUPS and _not_a_position(doc, m.start()):
                    continue  # "Turkish-backed factions", "observers", "as agreed": no one takes a position
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
    if m and _hypothetical(doc, m.start()):
        m = None  # "will respond to any violation": a threat, the condition rules below read it
    if m and _describes_topic_clause(doc, m.start(), lexicon):
        m = None  # "a ceasefire that is broken from the air is not a ceasefire": the clause says which truce
    if m:
        if _NEGATED.search(sentence[: m.start()]):
            if _negation_reports_past(doc, m.start()):
                return "neutral", m.group(0), main_verb(m), None  # "it had not violated the truce": a claim
            return "support", m.group(0), main_verb(m), "support_agree"  # "we will not be the ones to break it"
        return "neutral", m.group(0), main_verb(m), "violation"
    if _QUESTION_END.search(sentence) or _QUESTION_IN_QUOTE.search(sentence):
        return "oppose", "?", True, "oppose"
    accusation = _declared_then_attacked(doc, lexicon)
    if accusation is not None:  # "the militia announced a truce and attacked the town two days later"
        return "neutral", accusation, True, "violation"
    declared = _declares_truce(doc, lexicon, direct)
    if declared is not None:  # "the army declared a 30-hour truce": its own truce (a mediator's names the sides)
        return "support", declared, True, "declare"
    refused = _negated_topic(doc, lexicon)
    if refused is not None and first("strong_conditional") is None:
        clause = _condition_clause(refused[1])
        if clause is not None:  # "the truce cannot last while hostages are held": it lasts once they are freed
            return "conditional", clause.text, True, "conditional"
        return "oppose", refused[0], True, "oppose"  # "we do not negotiate ceasefires", "it is not a truce at all"
    m = first("oppose")
    if m and _in_modifier_clause(doc, m.start()) and first("support", outside_modifiers=True):
        # "we urge all parties to avoid any action that could jeopardise the truce": the doubt describes the
        # action; the speaker's own stance is the urging
        m = first("oppose", outside_modifiers=True)
    if m:
        condition = first("strong_conditional")
        if condition:
            return "conditional", condition.group(0), main_verb(m), "oppose_conditional"
        return "oppose", m.group(0), main_verb(m), "oppose"
    dismissal = _dismisses(doc, load_evaluation(), lexicon)
    if dismissal is not None:  # "a charade", "it will not hold", "not a commitment": doubt without a cue verb
        condition = first("strong_conditional")
        if condition:
            return "conditional", condition.group(0), True, "oppose_conditional"
        clause = _condition_clause(dismissal)
        if clause is not None:  # "the silence cannot last while hostages are held": it lasts once they are freed
            return "conditional", clause.text, True, "conditional"
        return "oppose", dismissal.text, dismissal.dep_ == "ROOT" or dismissal.head.dep_ == "ROOT", "oppose"
    strong = first("strong_conditional")
    m = strong or first("conditional")
    if m:
        return "conditional", m.group(0), main_verb(m) or strong is not None, "conditional"
    committed = _commits(doc, lexicon)
    if committed is not None:  # "the army would halt military activity", "it would extend its ceasefire"
        return "support", committed, True, "support_agree"
    m = first("support_declare", outside_modifiers=True)  # "the group, which declared its own pause, said ..."
    if m and _said_of_topic(doc, m.start(), lexicon):
        m = None  # "the first pause was declared after the earthquake": a fact about the truce, nobody declares
    if m and not _others_act(doc, m.start(), direct):  # "they declared a truce and shelled ...": an accusation
        return "support", m.group(0), main_verb(m), "declare"
    m = first("compliance")
    if m:
        if _reports_past(doc, m.start()) or _jointly(doc, m.start()):
            return "neutral", m.group(0), main_verb(m), None  # "our forces have respected the truce": a claim
        return "support", m.group(0), main_verb(m), "support_agree"  # "we will respect it": a commitment
    m = first("support")
    if m and (_describes_topic(doc, m.start(), lexicon) or _said_of_topic(doc, m.start(), lexicon)):
        m = None  # "a truce agreed in March collapsed": the verb tells which truce, nobody agrees here
    if m and _others_act(doc, m.start(), direct):
        # "both parties have committed to silence the guns", a quoted "they agreed": the speaker reports what
        # others did or accepted (a mediator's announcement), not a position of their own
        return "neutral", m.group(0), main_verb(m), None
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


_MODIFIER_CLAUSES = frozenset({"relcl", "acl"})
_DECLARE_LEMMAS = frozenset({"declare", "announce", "unveil", "proclaim", "order"})
_GOVERNED = frozenset({"dobj", "pobj", "prep", "xcomp", "attr", "nsubj", "acomp", "pcomp", "compound"})


_POSITION_GROUPS = frozenset({"support", "support_declare", "compliance"})
_AGENT_NOUN = re.compile(r"(?:er|or)s?$", re.IGNORECASE)


def _not_a_position(doc, char: int) -> bool:
    """The cue word takes no position of anyone's: an agent noun that names people ("observers", "backers"), a
    hyphenated modifier ("Turkish-backed factions", "a US-brokered truce") or a clause of manner ("pulling back,
    as agreed": it says the act follows the deal, a claim of compliance)."""
    token = _token_at(doc, char)
    if token is None:
        return False
    if token.pos_ in ("NOUN", "PROPN") and _AGENT_NOUN.search(token.text):
        return True
    if token.i > 0 and doc[token.i - 1].tag_ == "HYPH" and token.dep_ in ("amod", "compound"):
        return True
    if token.dep_ == "pcomp" and token.head.lower_ in _TIME_PREPOSITIONS:
        return True  # "air strikes since announcing the truce": the declaration dates another story
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in token.children):
        return True  # "the meeting was held a day after Kyiv proposed a truce": it dates the meeting
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)


_PLEDGE_LEMMAS = frozenset({"declare", "announce", "proclaim", "agree", "sign", "promise", "pledge", "offer"})


def _declared_then_attacked(doc, lexicon: Lexicon) -> str | None:
    """A truce declared or signed by someone who then attacked, in one coordinated sentence ("they declare truces
    in the evening and shell the camp in the morning", "the militia announced a truce and attacked the town"): an
    accusation of violation (neutral), not anyone's own declaration. The attack is a conjoined verb of attack (the
    lexicon's [verbs].attack): "agreed to a truce and withdrew its fighters" is compliance, not an accusation."""
    for verb in doc:
        if verb.lemma_.lower() not in _PLEDGE_LEMMAS or verb.pos_ != "VERB":
            continue
        if not any(c.dep_ == "nsubj" for c in verb.children):
            continue  # "Sign the deal and stop the war": an appeal
        # the small model sometimes hangs the second verb on the first one's object ("declares truces ... and shells")
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for other in [c for t in [verb, *objects] for c in t.children]:
            if other.dep_ != "conj" or not other.tag_.startswith("VB"):
                continue
            if other.lemma_.lower() in lexicon.attack_lemmas:
                return f"{verb.text} ... {other.text}"
    return None


def _token_at(doc, char: int):
    """The token that holds character ``char`` of the doc (None between tokens)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _in_modifier_clause(doc, char: int) -> bool:
    """Whether the word at ``char`` sits in a clause that modifies a noun ("any action that could jeopardise the
    truce"): a stance word there describes the noun, not the speaker's position."""
    token = _token_at(doc, char)
    steps = 0
    while token is not None and token.dep_ != "ROOT" and steps < 30:
        if _misparsed_main_verb(token):
            return False  # the main line of the sentence
        if token.dep_ in _MODIFIER_CLAUSES:
            return True
        token, steps = token.head, steps + 1
    return False


def _misparsed_main_verb(token) -> bool:
    """A reporting verb the small model hangs on a sentence-initial subject as a clause ("Myanmar's military,
    known as the Tatmadaw, announced that it would ..."): the root is that noun (or a name in its apposition), and
    the "clause" has a clause of its own to report. It is the main verb (``_subject`` makes the same repair for the speaker)."""
    root = token.sent.root
    return (token.dep_ == "acl" and root.pos_ in ("NOUN", "PROPN") and root.i < token.i
            and any(c.dep_ == "ccomp" for c in token.children))


def _names_a_thing(doc, char: int) -> bool:
    """The cue word is a noun that the sentence talks about ("the offer was made", "previous appeals went
    unanswered", "did not respond to the offer"), not one its subject makes ("reaffirms its commitment")."""
    token = _token_at(doc, char)
    if token is None or token.dep_ == "dobj":
        return False
    # a subject or an object of a preposition is a noun whatever the tagger says ("The ceasefire offer was made")
    return token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("nsubj", "nsubjpass", "pobj")


def _said_of_topic(doc, char: int, lexicon: Lexicon) -> bool:
    """The verb at ``char`` has the truce (or the arrangement) for its subject: "A ceasefire agreed at talks in
    Jeddah collapsed" (a participle the small model reads as the main verb), "the pause was declared in March"
    (a passive without its actor). A truce does not agree or declare: the sentence tells a fact about it."""
    token = _token_at(doc, char)
    if token is None:
        return False
    topic = set(t.i for t in _topic_tokens(doc, lexicon))
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or any(c.dep_ == "agent" for c in token.children):
        return False
    return subject.i in topic or subject.lower_ in _ARRANGEMENTS


def _describes_topic(doc, char: int, lexicon: Lexicon) -> bool:
    """The word at ``char`` is a participle or relative clause on the truce itself ("a truce agreed in March")."""
    token = _token_at(doc, char)
    if token is None or token.dep_ not in _MODIFIER_CLAUSES:
        return False
    return token.head in _topic_tokens(doc, lexicon)


_CONDITION_MARKS = frozenset({"if", "unless", "provided", "until", "once"})


def _in_condition(doc, char: int) -> bool:
    """Whether the word at ``char`` sits in a conditional clause ("if they withdraw from the roads")."""
    token, steps = _token_at(doc, char), 0
    while token is not None and token.dep_ != "ROOT" and steps < 30:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in token.children):
            return True
        token, steps = token.head, steps + 1
    return False


def _temporal(doc, char: int) -> bool:
    """"until" as a preposition with a time for its object ("until the end of the month", "until further
    notice") is a schedule; as a conjunction ("until they withdraw") it is a condition."""
    token = _token_at(doc, char)
    return (token is not None and token.lower_ in ("until", "till") and token.dep_ == "prep"
            and any(c.dep_ == "pobj" for c in token.children))


def _reports_past(doc, char: int) -> bool:
    """The verb at ``char`` tells what was done or is being done (past tense, perfect or progressive, no modal):
    "observed", "have kept", "are respecting"."""
    token = _token_at(doc, char)
    if token is None or not token.tag_.startswith("VB"):
        return False
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "shall", "must", "to", "can", "could", "should"}:
        return False
    if token.tag_ == "VBG" and aux & {"is", "are", "am", "'re", "was", "were"}:
        return True  # "our troops are respecting the ceasefire": a claim about now, not a promise
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(aux & {"have", "has", "had", "'ve"}))


def _describes_topic_clause(doc, char: int, lexicon: Lexicon) -> bool:
    """The word at ``char`` sits in a relative clause on the truce itself ("a ceasefire that is announced on
    television and broken from the air ..."): it tells which truce the sentence judges, the main clause says what."""
    token, steps = _token_at(doc, char), 0
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    while token is not None and token.dep_ != "ROOT" and steps < 10:
        if token.dep_ == "relcl":
            return token.head.i in topic
        token, steps = token.head, steps + 1
    return False


def _hypothetical(doc, char: int) -> bool:
    """A violation that has not happened: "respond to any violation", "the next breach"; not a negated report
    ("we did not see any violations")."""
    token = _token_at(doc, char)
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "amod")}
    if not determiners & {"any", "every", "next"}:
        return False
    head = token.head.head if token.dep_ == "pobj" else token.head
    return not any(c.dep_ == "neg" for c in head.children)  # "we did not see any violations" happened (not)


def _negation_reports_past(doc, char: int) -> bool:
    """The first verb above a violation word (or the word itself, negated) tells what was or was not done, past or
    perfect, no modal: "it had not violated the ceasefire", "has recorded no violations", "has not stopped
    violating it" (a denial, a report or an accusation: neutral), not a promise ("we will not break it")."""
    first = token = _token_at(doc, char)
    for _ in range(4):
        if token is None:
            return False
        if token.tag_.startswith("VB") and (token.i != first.i or any(c.dep_ == "neg" for c in token.children)):
            aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            if any(c.tag_ == "MD" for c in aux):
                return False
            return token.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" or c.lower_ in ("has", "have") for c in aux)
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _jointly(doc, char: int) -> bool:
    """The act at ``char`` is done by both sides at once: the nearest verb above it with a subject has a joint
    one ("both delegations have committed to holding their positions"): a mediator's report, not a pledge."""
    token, steps = _token_at(doc, char), 0
    while token is not None and steps < 6:
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _joint(subject)
        if token.dep_ not in ("pcomp", "prep", "xcomp", "conj", "acomp") or token.head.i == token.i:
            return False
        token, steps = token.head, steps + 1
    return False


_JOINT = frozenset({"both", "two"})
_THIRD_PERSON = frozenset({"they", "he", "she"})


def _others_act(doc, char: int, direct: bool) -> bool:
    """The verb at ``char`` has a subject other than the speaker: both sides jointly, or, in a quotation, a
    third person ("they"). A modal ("they must accept") is still the speaker's demand."""
    token = _token_at(doc, char)
    if token is None:
        return False
    verb = token if token.tag_.startswith("VB") else token.head
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if _joint(subject):
        return True  # "Thailand and Cambodia agreed to extend the ceasefire": an announcement, not a position
    return direct and subject.lower_ in _THIRD_PERSON


_FUTURE = frozenset({"will", "would", "shall", "'ll"})


def _commits(doc, lexicon: Lexicon) -> str | None:
    """A promise of one's own truce: the truce (or the halt itself, "cease all military actions") is what a
    future verb does ("would halt ...", "will extend its ceasefire"), not its subject ("the truce will run"),
    and the verb is not negated nor done by both sides at once."""
    for token in _topic_tokens(doc, lexicon):
        verb = token if token.pos_ in ("VERB", "AUX") else token.head if token.dep_ in ("dobj", "xcomp") else None
        if verb is None or verb.pos_ != "VERB" or _in_modifier_clause(doc, verb.idx):
            continue
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not aux & _FUTURE or any(c.dep_ == "neg" for c in verb.children):
            continue
        subject = _subject(verb)
        if subject is not None and _joint(subject):
            continue
        return verb.text
    return None


def _topic_tokens(doc, lexicon: Lexicon) -> list:
    text = doc.text
    spans = [m.span() for p in lexicon.terms for m in p.finditer(text)]
    return [t for t in doc if any(s <= t.idx < e for s, e in spans)]


def _topic_is_subject(doc, lexicon: Lexicon, evidence: str) -> bool:
    """The truce (or, in an article about one, "the proposal", "the deal") is what the main clause is about: the
    subject of its root verb ("The proposal was delivered to Moscow on Wednesday"). A fact about the truce, not a
    backdrop to another story (where it sits in a side phrase: "prices have risen since the truce")."""
    patterns = lexicon.terms if evidence == "term" else lexicon.weak_terms
    spans = [m.span() for p in patterns for m in p.finditer(doc.text)]
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT" and token.head.pos_ in ("VERB", "AUX"):
            phrase = doc[token.left_edge.i : token.i + 1]
        elif token.dep_ == "pobj" and token.head.lower_ == "under" and token.head.head.dep_ == "ROOT":
            phrase = doc[token.left_edge.i : token.i + 1]  # "Under the deal, troops withdrew": its terms at work
        else:
            continue
        if any(s < phrase.end_char and e > phrase.start_char for s, e in spans):
            return True
    return False


_FRAME_PREPOSITIONS = frozenset({"between", "with", "among", "over", "in", "on", "about", "ahead", "for", "during"})
# verbs that make, keep or end a truce: their subject is a party to it ("the two families called a truce"); not
# verbs of evaluation, whose subject only has a view of it ("families of the hostages welcomed the truce")
_MAKING_LEMMAS = frozenset({"agree", "call", "declare", "sign", "reach", "strike", "broker", "end", "break", "seal",
                            "negotiate", "forge", "keep", "observe", "extend", "announce", "hold", "defend", "have",
                            "last", "run", "survive", "collapse", "expire"})


def _truce_frame(doc, token) -> list:
    """The words that say whose truce it is and what about: the truce's own modifiers and phrases ("in their
    divorce", "between the union and the employers"), a name it is given ("Armistice, the new fragrance"), and the
    subject and phrases of a verb that makes or ends it. A compound ("the ceasefire line") stands for its head."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    frame = []
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "appos"):
            frame += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _FRAME_PREPOSITIONS:
            frame += list(child.subtree)
    if token.dep_ == "appos":
        frame.append(token.head)
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("to", "in", "into"):
        verb = verb.head  # "agreed to a truce", "the clubs have been in a truce of their own"
    elif token.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr"):
        return frame
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _MAKING_LEMMAS | {"be"}:
        return frame
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
            frame += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _FRAME_PREPOSITIONS:
            frame += list(child.subtree)
        elif child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("until", "till", "if", "unless")
                                           for c in child.children):
            # what ends it tells what it is about: "holds until the budget is passed", "will not last if either
            # company moves into the other's market"
            frame += list(child.subtree)
    return frame


def _civilian_truce(doc, lexicon: Lexicon) -> bool:
    """Every truce word of the sentence is framed as non-military: a civilian party or matter around it (the
    lexicon's civilian lists, common nouns only) and no word of armed conflict there ("a truce with exporters over
    prices", "the ceasefire in their divorce", "players must defend the ceasefire line")."""
    tokens = _topic_tokens(doc, lexicon)
    if not tokens or not lexicon.civilian:
        return False
    for token in tokens:
        frame = _truce_frame(doc, token)
        civilian = any(t.pos_ == "NOUN" and t.lemma_.lower() in lexicon.civilian for t in frame)
        if not civilian or lexicon.context_hits(" ".join(t.text for t in frame)):
            return False
    return True


_TIME_PREPOSITIONS = frozenset({"since", "before", "after", "during", "until", "till", "amid", "ahead"})


def _only_dates(doc, lexicon: Lexicon) -> bool:
    """Every mention of the truce is the object of a time preposition ("since the truce", "before the ceasefire
    took effect") and the story it dates is not the fighting: "tariffs have risen since the truce" is a backdrop,
    "fighting has eased since the truce began" a claim about what the truce did."""
    tokens = _topic_tokens(doc, lexicon)
    if not tokens or lexicon.context_hits(doc.text):
        return False
    for token in tokens:
        node, steps = token, 0
        while node.dep_ in ("compound", "amod", "nmod") and steps < 3:
            node, steps = node.head, steps + 1
        clause = node.head if node.dep_ == "nsubj" and node.head.dep_ == "advcl" else None
        prep = node.head if node.dep_ == "pobj" else None
        if clause is not None:  # "since the truce began": the mark of the clause the truce is subject of
            prep = next((c for c in clause.children if c.dep_ == "mark"), None)
        if prep is None or prep.lower_ not in _TIME_PREPOSITIONS:
            return False
    return True


_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they"})
_NOT_FUTURE = frozenset({"did", "was", "were", "had"})


def _dismisses(doc, evaluation: Evaluation, lexicon: Lexicon):
    """The token of the sentence's evaluative language that doubts or dismisses the arrangement, from the
    evaluation lexicon and the parse (None when there is none): a pretence or futility word ("a charade", "written
    in sand"), sincerity denied ("not serious", "without meaning it", "not a commitment", "I do not see it"), a
    failure foretold ("it will not hold", "cannot last") or existence restricted ("exists only on paper"). Words
    in a clause that modifies another noun or in a condition ("if it is not serious, ...") are not the speaker's
    verdict, nor is a negated pretence ("this is no charade")."""
    lemmas = [t.lemma_.lower() if t.lemma_ else t.lower_ for t in doc]
    for first, _ in evaluation.negative_at(lemmas):
        token = doc[first]
        if token.pos_ == "VERB" or _in_modifier_clause(doc, token.idx) or _in_condition(doc, token.idx):
            continue
        if _negated(token):
            continue
        return token
    for token in doc:
        lemma = lemmas[token.i]
        if _in_condition(doc, token.idx) or _in_modifier_clause(doc, token.idx):
            continue
        if lemma in evaluation.sincerity and _negated(token) and _takes_proposition(token, lexicon):
            return token
        if lemma in evaluation.durability and token.pos_ in ("VERB", "AUX") and _fails_in_future(token):
            return token
        if lemma in evaluation.existence and any(c.dep_ == "advmod" and c.lower_ == "only" for c in
                                                  list(token.children) + [g for c in token.children for g in c.children]):
            return token
        if lemma in evaluation.recurrence_verbs and _seen_before(token, evaluation):
            return token
        if token.dep_ == "attr" and _contrasted(token, doc, evaluation, lexicon):
            return token
    return None


def _seen_before(verb, evaluation: Evaluation) -> bool:
    """"We have seen this film before", "I have heard about a ceasefire every winter": a perfect perception verb of
    the speaker with a marker of repetition on it or on what was seen."""
    if not any(c.dep_ == "aux" and c.lower_ in ("have", "'ve", "has") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("i", "we"):
        return False
    near = [t for c in verb.children if c.dep_ not in ("nsubj", "aux", "punct") for t in c.subtree]
    return any(t.lower_ in evaluation.recurrence_markers for t in near)


def _contrasted(attr, doc, evaluation: Evaluation, lexicon: Lexicon) -> bool:
    """A copula that calls the arrangement one thing and "not" another: "this truce is a painkiller, not a cure"."""
    copula = attr.head
    if copula.lemma_ != "be" or any(c.dep_ == "neg" for c in copula.children):
        return False  # "it is not a truce, but a pause" is the negated-predicate rule's
    if attr.lemma_.lower() in evaluation.positive or attr.i in {t.i for t in _topic_tokens(doc, lexicon)}:
        return False  # "a first step, not the last one", "a truce, not a surrender": it is valued or defended
    # "not" after the attribute, on it or on its second half ("a painkiller, not a cure", "a message for
    # Washington, not for the front line")
    contrast = [t for t in attr.subtree if t.dep_ == "neg" and t.i > attr.i + 1
                and (t.head.i == attr.i or t.head.head.i == attr.i)]
    if not contrast:
        return False
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    return subject.i in topic or subject.lower_ in evaluation.contrast_subjects or subject.lower_ in _ARRANGEMENTS


def _condition_clause(verb):
    """The subordinating word of a clause that conditions ``verb`` ("cannot last while ...", "will not hold
    unless ..."), None when nothing does."""
    for clause in verb.children:
        if clause.dep_ == "advcl":
            mark = next((c for c in clause.children if c.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in ("while", "if", "unless", "until", "as", "once"):
                return mark
    return None


def _negated(token) -> bool:
    """"not serious", "is not a commitment", "a convenience, not a commitment", "without meaning it", "no charade"."""
    if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ == "det" for c in token.children):
        return True
    if token.dep_ in ("acomp", "attr") and any(c.dep_ == "neg" for c in token.head.children):
        return True
    head = token.head
    if token.dep_ in ("acl", "xcomp", "relcl") and head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True  # "no grounds to believe it"
    if token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "dobj" and any(
            g.dep_ == "det" and g.lower_ == "no" for g in c.children) for c in head.children):
        return True  # "saw no reason yet to trust the deal" (the small model hangs "to trust" on "saw")
    return token.dep_ in ("pcomp", "pobj") and head.lower_ == "without"


def _takes_proposition(token, lexicon: Lexicon) -> bool:
    """A noun or adjective denied ("not serious"), or a verb whose object is the arrangement (by a pronoun, its
    name or a clause: "I do not see it", "no reason to trust the deal", "do not believe that it will hold"): not
    a thing ("did not see any violations")."""
    if token.pos_ not in ("VERB", "AUX"):
        return True
    objects = [c for c in token.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    return bool(objects) and all(c.dep_ != "dobj" or c.lower_ in ("it", "this", "that") or c.lower_ in _ARRANGEMENTS
                                 or lexicon.matches(c.text) for c in objects)


def _fails_in_future(verb) -> bool:
    """"The truce will not hold", "this pause cannot last", "it won't work": a negated durability verb, not in the
    past ("did not hold" is a fact), used intransitively ("we will not hold our fire" is about firing) and not
    said of a person ("they will not last" is about fighters)."""
    children = list(verb.children)
    if not any(c.dep_ == "neg" for c in children) or any(c.dep_ == "dobj" for c in children):
        return False
    if verb.tag_ == "VBD" or any(c.lower_ in _NOT_FUTURE for c in children if c.dep_ in ("aux", "auxpass")):
        return False
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or subject.lower_ not in _PERSONAL and subject.ent_type_ != "PERSON"


def _declares_truce(doc, lexicon: Lexicon, direct: bool) -> str | None:
    """A declaring verb on the main line of the sentence whose object is the truce: the speaker's own. In a
    quotation the declarer must be the speaker ("we declared"): "they announced a truce and attacked" accuses."""
    for token in _topic_tokens(doc, lexicon):
        if token.dep_ != "dobj":
            continue
        verb = token.head
        if verb.lemma_.lower() not in _DECLARE_LEMMAS or _in_modifier_clause(doc, verb.idx):
            continue
        if _not_a_position(doc, verb.idx):
            continue  # "strikes since announcing the truce"
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if direct and (subject is None or subject.lower_ not in ("we", "i")):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children):
            return None  # "announced a truce between the army and the rebels": somebody else's truce
        if any(c.dep_ == "neg" for c in verb.children):
            return None
        return verb.text
    return None


# verbs of saying or making known: negated, they report silence, not a refusal
_UNSAID = frozenset({"confirm", "comment", "say", "announce", "disclose", "specify", "publish", "mention", "reveal",
                     "respond", "acknowledge", "report"})


def _negates_saying(doc, char: int) -> bool:
    token = _token_at(doc, char)
    return token is not None and token.dep_ == "neg" and token.head.lemma_.lower() in _UNSAID


def _negated_topic(doc, lexicon: Lexicon) -> tuple[str, object] | None:
    """A negated predicate that governs the truce ("we do not negotiate ceasefires", "a truce that lets them
    rearm is not a truce at all", "saw no point in extending the pause"): a refusal or a dismissal."""
    for token in _topic_tokens(doc, lexicon):
        node, steps = token, 0
        while steps < 3 and node.dep_ in _GOVERNED:  # the truce is what the predicate is about, not a side clause
            head = node.head
            negated = [c for c in head.children if c.dep_ == "neg"]
            if negated and head.lemma_.lower() in _UNSAID:
                return None  # "the group has not confirmed the truce": silence about it, no refusal
            if negated and head.tag_.startswith(("VB", "MD")) and not _in_modifier_clause(doc, head.idx):
                return f"{negated[0].text} {head.text}", head
            if head.i == node.i:
                break
            node, steps = head, steps + 1
    return None


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
