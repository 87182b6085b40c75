"""Paragraph-level analysis: entities for every paragraph, statement candidates where the lexicon matches.

Runs inside worker processes. spaCy's NER runs over all paragraphs with the tagger and parser switched off
(``senter`` gives sentence boundaries); the parser runs only on the few sentences that match the topic
lexicon, because only there do we need to know who said what.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from .attribution import QUESTION_LABEL, AttributionSpan, find_attributions, load_cues
from .detect import _in_topic_paragraphs, _in_topic_quotes, _own_words, _pronoun_carried, _statement
from .lexicon import load_evaluation, load_lexicon
from .model import (
    NER_ONLY_DISABLE,
    PARSE_DISABLE,
    QUOTE_PARSE_DISABLE,
    gazetteer_digest,
    installed_model,
    load_nlp,
)
from .quotes import quote_spans
from .spans import EntitySpan, ParagraphAnalysis, StatementSpan
from .stance import _civilian_truce

log = logging.getLogger(__name__)


ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


# A paragraph whose truce is framed as civilian counts against the article's conflict context, as much as this many
# words of armed conflict count for it: an article of a few figurative "war" and "fight" words around a truce between
# a union and an employer is not about a war.
FIGURATIVE_WEIGHT = 2


ANALYSIS_VERSION = "9"  # bump when the rules below change: paragraphs analysed by older rules are redone


_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")


_EDGE_JUNK = " \t\n\"'\u2018\u2019\u201c\u201d\u00ab\u00bb.,;:!?()[]"


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

