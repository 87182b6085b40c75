"""Paragraph-level analysis: entities for every paragraph, statement candidates where the lexicon matches.

Runs inside worker processes. One stream of docs, shortest paragraphs first: spaCy's NER runs over all of them
with the tagger and parser switched off (``senter`` gives sentence boundaries); the same docs then go through the
parser where an attribution may be (who said what). The sentences that match the topic lexicon are parsed again
on their own, because the statement rules read isolated-sentence parses.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from .apostrophes import as_written, straighten
from .attribution import (
    _LABEL,
    _SPEAKER_LABEL,
    _TITLED_LABEL,
    ANSWER_LABEL,
    QUOTE_CHARS,
    WORD,
    AttributionSpan,
    Cues,
    find_attributions,
    load_cues,
    unlabelled_answers,
)
from .detect import (
    TENTATIVE,
    _in_topic_paragraphs,
    _in_topic_quotes,
    _interviewer_asks,
    _lead_ins,
    _named_truce,
    _own_words,
    _pronoun_carried,
    _short_answers,
    _statement,
    tentative_last,
    unnamed_signer,
)
from .lexicon import data_digest, load_evaluation, load_lexicon
from .model import (
    NER_ONLY_DISABLE,
    PARSE_DISABLE,
    QUOTE_PARSE_DISABLE,
    entity_spans,
    gazetteer_digest,
    gazetteer_paths,
    installed_model,
    load_nlp,
    organisation_heads,
    read_patterns,
    titles,
)
from .quotes import quote_spans
from .spans import EntitySpan, ParagraphAnalysis, StatementSpan
from .stance import _civilian_truce, carry_opposition
from .syntax import TEXT_KEY, dateline_end, opening_clock

log = logging.getLogger(__name__)


ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


# A paragraph whose truce is framed as civilian counts against the article's conflict context, as much as this many
# words of armed conflict count for it: an article of a few figurative "war" and "fight" words around a truce between
# a union and an employer is not about a war.
FIGURATIVE_WEIGHT = 2


ANALYSIS_VERSION = "48"  # bump when the rules below change: paragraphs analysed by older rules are redone


_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")


_EDGE_JUNK = " \t\n\"'\u2018\u2019\u201c\u201d\u00ab\u00bb.,;:!?()[]"
# a live blog's entry time set off by a dash ("10:05 GMT - Hamas says"): the small model may take the dash into the
# name that follows it
_LEADING_DASH = re.compile(r"^[-\u2013\u2014]+\s+")


def analysis_version(lexicon_path: str | None = None, gazetteer: str | None = None) -> str:
    """What a cached analysis depends on: these rules, the model, the gazetteer and the lexicon. Computed
    without loading spaCy, so the main process can check the cache cheaply."""
    model = installed_model()
    if model is None:
        from ..errors import ConfigError
        from .model import INSTALL_HINT

        raise ConfigError(f"no English spaCy model is installed. Install one: {INSTALL_HINT}")
    return (f"{ANALYSIS_VERSION}/{model[0]}-{model[1]}/gaz{gazetteer_digest(gazetteer)}"
            f"/lex{load_lexicon(lexicon_path).digest}/cue{load_cues().digest}/eval{load_evaluation().digest}"
            f"/data{data_digest()}")



def analyse_paragraphs(
    items: Sequence[tuple[str, str]], *, lexicon_path: str | None = None, gazetteer: str | None = None,
    breaks: Collection[int] = (), context: Collection[int] = (), names: Mapping[int, Sequence[str]] | None = None,
) -> list[ParagraphAnalysis]:
    """Analyse ``(paragraph_id, text)`` pairs, in article order. Odd text (unbalanced quotes, symbols, huge
    paragraphs) is analysed as well as it can be; a failure on one paragraph yields an empty analysis, never an
    exception.

    Some rules read the paragraph before (a quotation right after a paragraph about the truce, an interview's
    answer after its question), so the items of one call are taken as consecutive paragraphs of one article
    except where ``breaks`` says an item opens another article (or follows a gap). Items in ``context`` are there
    only as the paragraph before the next item: they are read, and their analysis is not returned. ``names`` gives,
    for an item that opens a part of its article, the acronyms the article gave its truce in paragraphs this call
    does not hold (:func:`.detect.defined_truce_names`), so the truce's short name is read as on the whole article."""
    # the rules are spelt with the straight apostrophe ("don't", "Kyiv's"): they read each paragraph with the one
    # between two letters straightened (the same length, every offset holds), the text fields taken back as written
    reads = [(pid, straighten(text, closing=False)) for pid, text in items]
    if reads != list(items):
        written = {pid: text for pid, text in items}
        straight = dict(reads)
        return [as_written(a, written[a.paragraph_id], straight[a.paragraph_id], _listed_names(gazetteer))
                for a in analyse_paragraphs(reads, lexicon_path=lexicon_path, gazetteer=gazetteer, breaks=breaks,
                                            context=context, names=names)]
    if breaks or context:
        return _with_boundaries(items, lexicon_path, gazetteer, frozenset(breaks), frozenset(context), names or {})
    nlp = load_nlp(gazetteer)
    lexicon = load_lexicon(lexicon_path)
    version = analysis_version(lexicon_path, gazetteer)
    texts = [text for _, text in items]
    cues = load_cues()
    # The parser runs only where it can find something: paragraphs that may hold an attribution (who said what),
    # and the sentences that match the topic lexicon (statements).
    wants = [_wants_parse(text, cues) for text in texts]
    staged: list = [None] * len(texts)
    sentence_spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    quotes_cache: dict[int, list[tuple[int, int]]] = {}
    attributions: dict[int, tuple[AttributionSpan, ...]] = {}
    for index, doc in _one_pass(nlp, texts, wants, staged, sentence_spans, lexicon, items):
        quotes = quotes_cache.get(index)
        if quotes is None:  # not setdefault: it would scan the paragraph for quotation marks every time
            quotes = quotes_cache[index] = quote_spans(texts[index])
        try:
            # a state body nested over its nationality ("Lebanese" + "army") is no source name of its own: "the
            # Lebanese army" stays a role phrase, which resolution gives the body the article names in full
            named = [e for e in staged[index][0] if e.written is None]
            attributions[index] = tuple(_attributions(doc, quotes, named, cues))
            # an interview's answer, a transcript's labelled turn ("GROMOV: We have studied ..."), is the
            # speaker's own words, as if quoted
            quotes_cache[index] = sorted(quotes + [(a.start, a.end) for a in attributions[index] if _own_words(a)])
        except Exception:  # pragma: no cover - defensive: a parse the rules did not foresee
            log.exception("attribution failed in paragraph %s", items[index][0])
    candidates, truce_names = _by_article(texts, sentence_spans, attributions, quotes_cache, lexicon, names or {})
    log.debug("parsed %d of %d paragraphs and %d candidate sentences", sum(wants), len(texts), len(candidates))
    parsed = _by_length(nlp, [texts[i][s:e] for i, s, e, _ in candidates], list(PARSE_DISABLE), 32)
    statements: dict[int, list[StatementSpan]] = {}
    docs: dict[int, dict[int, object]] = {}  # paragraph -> statement start -> its sentence's parse
    civilian: dict[int, int] = {}  # paragraph -> where its first truce between non-armed parties starts
    for (index, start, end, evidence), sentence_doc in zip(candidates, parsed):
        text = texts[index]
        quotes = quotes_cache.get(index)
        if quotes is None:
            quotes = quotes_cache[index] = quote_spans(text)
        try:
            if evidence == "term" and _civilian_truce(sentence_doc, lexicon):
                civilian.setdefault(index, start)  # "the union and the employers agreed a truce": not armed parties
                continue
            statement = _statement(text, start, end, sentence_doc, quotes, staged[index][0], lexicon, evidence,
                                   truce_names.get(index, ()))
        except Exception:  # pragma: no cover - defensive
            log.exception("statement analysis failed in paragraph %s", items[index][0])
            statement = None
        if statement is not None:
            statements.setdefault(index, []).append(statement)
            docs.setdefault(index, {})[start] = sentence_doc
    for index, found in statements.items():  # a speaker's doubt goes on through the quotation (stance.py)
        statements[index] = carry_opposition(found, attributions.get(index, ()), docs[index], lexicon)
    for index, at in civilian.items():
        # the sentences after a figurative truce speak of it, not of a war: unless the paragraph also names a real
        # truce, what its topic carried onwards goes with it (a sentence before it was not carried by it)
        kept = statements.get(index, [])
        if kept and not any(s.evidence == "term" for s in kept):
            statements[index] = [s for s in kept if s.start < at]
    return [
        ParagraphAnalysis(pid, version, staged[i][0], tuple(statements.get(i, ())), staged[i][1],
                          staged[i][2] - FIGURATIVE_WEIGHT * (i in civilian),
                          attributions.get(i, ()), heading=_heading_form(texts[i], staged[i][1]))
        for i, (pid, _) in enumerate(items)
    ]


@lru_cache(maxsize=2)
def _listed_names(gazetteer: str | None) -> frozenset[str]:
    """The names the gazetteer gives its entities ("Tigray People's Liberation Front", the id its forms map to):
    an entity keeps such a name as listed whatever apostrophe the text writes it with."""
    patterns, _ = read_patterns(gazetteer_paths(gazetteer))
    return frozenset(str(p.get("id") or p["pattern"]) for p in patterns
                     if isinstance(p.get("id") or p["pattern"], str))


def _by_article(texts, sentence_spans, attributions, quotes_cache, lexicon, names):
    """The candidate sentences and the truce's short names per paragraph, found article by article: the items
    between two empty paragraphs (``_with_boundaries`` puts one at each break) are one article, and the rules of a
    page's shape (a column's byline, a blog's time stamps, an interview's questions) read the whole of it, so they
    must not read a batch neighbour's paragraphs. ``attributions`` and ``quotes_cache`` gain the answers of an
    interview printed without labels."""
    candidates: list[tuple[int, int, int, str]] = []
    truce_names: dict[int, tuple[str, ...]] = {}
    for lo, hi in _articles(texts):
        answers, found, named = _article_candidates(
            texts[lo:hi], sentence_spans[lo:hi], {i - lo: a for i, a in attributions.items() if lo <= i < hi},
            lexicon, {i - lo: n for i, n in names.items() if lo <= i < hi})
        for index, answer in answers:
            attributions[index + lo] = (answer,)
            quotes_cache[index + lo] = sorted(quote_spans(texts[index + lo]) + [(answer.start, answer.end)])
        candidates.extend((i + lo, s, e, ev) for i, s, e, ev in found)
        truce_names.update((i + lo, n) for i, n in named.items())
    return candidates, truce_names


def _articles(texts) -> list[tuple[int, int]]:
    """The (start, end) of each run of items between empty paragraphs."""
    out, lo = [], 0
    for index, text in enumerate(texts):
        if not text:
            if index > lo:
                out.append((lo, index))
            lo = index + 1
    if len(texts) > lo:
        out.append((lo, len(texts)))
    return out


def _article_candidates(texts, sentence_spans, attributions, lexicon, names):
    """One article's unlabelled interview answers (``attributions`` gains them too), its candidate sentences (the
    routes of :func:`analyse_paragraphs`, in their order) and its truce's short names per paragraph."""
    answers = list(unlabelled_answers(texts, attributions).items())
    for index, answer in answers:  # the answer's words are all its own
        attributions[index] = (answer,)
    candidates: list[tuple[int, int, int, str]] = []  # (item index, sentence start, sentence end, evidence)
    for index, text in enumerate(texts):
        for start, end in sentence_spans[index]:
            if _interviewer_asks(text, start, end):
                continue  # an interviewer's question: the interviewee's answer is what was said
            evidence = lexicon.evidence(text[start:end])
            if evidence is not None:
                candidates.append((index, start, end, evidence))
    named, truce_names = _named_truce(texts, sentence_spans, candidates, lexicon, names)
    candidates = candidates + named + _short_answers(texts, sentence_spans, candidates + named, lexicon)
    # a tentative candidate (a reported plan, a lead-in: the parse has yet to confirm it) waits until every route
    # has had its turn
    found = _in_topic_quotes(texts, sentence_spans, attributions, candidates, lexicon)
    tentative = [c for c in found if c[3] in TENTATIVE]
    candidates = candidates + [c for c in found if c[3] not in TENTATIVE]
    candidates = candidates + _pronoun_carried(texts, sentence_spans, candidates, lexicon)
    found = _lead_ins(texts, sentence_spans, candidates, lexicon)
    tentative += [c for c in found if c[3] in TENTATIVE]
    candidates = candidates + [c for c in found if c[3] not in TENTATIVE]
    candidates = candidates + _in_topic_paragraphs(texts, sentence_spans, candidates, lexicon, attributions)
    candidates = sorted(tentative_last(candidates, tentative))
    return answers, candidates, truce_names


# Words before a cue word that make it a noun: it cannot be a cue verb, and (no possessor) no cue noun either.
# ("this", "some", "each", "another" also stand alone as subjects: "This shows that ...", "another said")
_DETERMINERS = frozenset({"the", "a", "an", "every"})
# Possessives before a cue word: a noun, but a cue noun's possessor is its source ("his claim that ...").
_POSSESSIVES = frozenset({"his", "its", "their", "our", "my", "your"})


def _wants_parse(text: str, cues: Cues) -> bool:
    """Whether a paragraph goes to the parser: it may hold an attribution. :meth:`Cues.wants_parse` asks for
    any quotation mark, label, closing colon or cue word; a quotation or a colon anywhere still does, but of the
    cue words only those that can be a cue in the parse count here (about a third of the paragraphs it asks for
    hold no attribution):

    - after a determiner ("the plan", "a call") the word is a noun with no possessor: neither a cue verb (tagged
      ``VB*``) nor a cue noun (which needs a possessive source);
    - after a possessive ("their support") it is a noun: a cue only if it is a cue noun ("his claim that");
    - a verb whose only content is a to-infinitive ("plan", "want") or a preposition's object ("talk about"),
      and a cue noun (a that-clause or to-infinitive), need that word after it."""
    if not cues.wants_parse(text):
        return False
    if any(ch in text for ch in QUOTE_CHARS) or ":" in text or quote_spans(text):
        return True  # a quotation (single quotes too), a speaker's label, an announced text
    lower = text.lower()
    found = list(WORD.finditer(lower))
    last = {m.group(): at for at, m in enumerate(found)}  # where each word occurs last: is it after a cue word?
    return any(m.group() in cues.forms and _may_cue(lower, found, last, at, cues) for at, m in enumerate(found))


def _may_cue(lower: str, found: list[re.Match], last: dict[str, int], at: int, cues: Cues) -> bool:
    word = found[at].group()
    lemma = cues.lemma_of.get(word)
    if lemma is None:
        return True  # "according to", "in the words of"
    # the word right before, with only spaces between ("the choice is his, said X" is no possessive)
    before = found[at - 1].group() if at and not lower[found[at - 1].end() : found[at].start()].strip() else ""

    def after(w: str) -> bool:
        return last.get(w, -1) > at

    noun = (word in cues.nouns or word.rstrip("s") in cues.nouns) and (after("that") or after("to"))
    if before in _DETERMINERS:
        return False
    if before in _POSSESSIVES:
        return noun
    if lemma in cues.clause or lemma in cues.object:
        return True
    return noun or (lemma in cues.infinitive and after("to")) \
        or any(after(p.split()[0]) for p in cues.prepositional.get(lemma, ()))


def _with_boundaries(items, lexicon_path, gazetteer, breaks: frozenset[int], context: frozenset[int],
                     names: Mapping[int, Sequence[str]]):
    """An empty paragraph before each break, so no rule reads another article's paragraph as the one before;
    the empty paragraphs and the context items are dropped from what is returned."""
    expanded: list[tuple[str, str]] = []
    keep: list[bool] = []
    moved: dict[int, Sequence[str]] = {}
    for index, item in enumerate(items):
        if index in breaks and expanded:
            expanded.append(("", ""))
            keep.append(False)
        if index in names:
            moved[len(expanded)] = names[index]
        expanded.append(item)
        keep.append(index not in context)
    analyses = analyse_paragraphs(expanded, lexicon_path=lexicon_path, gazetteer=gazetteer, names=moved)
    return [a for a, kept in zip(analyses, keep) if kept]


def _one_pass(nlp, texts, wants, staged, sentence_spans, lexicon, items):
    """One stream over the paragraphs, shortest first (batches of like lengths): the NER components over all of
    them, then tok2vec, tagger and parser over those in ``wants``, on the same docs. Fills ``staged`` (entities,
    sentence count, context hits) and ``sentence_spans`` per paragraph as the docs pass, and yields
    ``(index, parsed doc)``.

    The entities are read before the parser runs, with the senter's sentence boundaries (the entity repairs read
    them), exactly as a NER-only pipe gives them; the boundaries are then cleared, because the parser keeps
    boundaries already set, and the attribution rules were written against its own. Of a paragraph of several
    sentences, only the part that may hold an attribution is parsed (:func:`_parse_piece`, about a sixth fewer
    tokens); the doc yielded is then that piece, its offset in the paragraph in its ``user_data``."""
    import numpy  # here, not at the top: the main process imports this module without spaCy
    from spacy.attrs import SENT_START

    cues = load_cues()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    docs = _components(nlp, nlp.tokenizer.pipe(texts[i] for i in order), _enabled(nlp, NER_ONLY_DISABLE), 64)

    def entities_read():
        for index, doc in zip(order, docs):
            doc.user_data[TEXT_KEY] = texts[index]  # read by syntax.text_of: the rules never join the tokens again
            try:
                entities = tuple(_entities(doc, texts[index]))
                sentences = _sentences(doc, texts[index])
            except Exception:  # pragma: no cover - defensive: spaCy on pathological text
                log.exception("entity analysis failed on paragraph %s", items[index][0])
                entities, sentences = (), []
            staged[index] = (entities, len(sentences), lexicon.context_hits(texts[index], article=True))
            sentence_spans[index] = sentences
            if wants[index]:
                doc = _parse_piece(doc, texts[index], sentences, cues)
                doc.from_array([SENT_START], numpy.zeros(len(doc), dtype="uint64"))
                yield index, doc

    pending = entities_read()
    indexes: list[int] = []

    def to_parse():
        for index, doc in pending:
            indexes.append(index)
            yield doc

    # the parse's docs come out in the order they went in; ``indexes`` is filled as they go in
    for position, doc in enumerate(_components(nlp, to_parse(), _enabled(nlp, QUOTE_PARSE_DISABLE), 32)):
        yield indexes[position], doc


# Where a parsed piece of a paragraph starts in it (``Doc.user_data``): the attribution rules read the piece's
# offsets, the paragraph's analysis keeps the paragraph's.
OFFSET_KEY = "newsdesk.offset"
# Marks that end a sentence: the one token of the sentence before that a piece keeps (see _parse_piece).
_SENTENCE_ENDS = frozenset({".", "!", "?"})
_DASHES = "\u2014\u2013\u2015-"


def _parse_piece(doc, text: str, sentences: list[tuple[int, int]], cues: Cues):
    """The part of a paragraph's doc the parser needs: from the first sentence that may hold an attribution to
    the last (see :func:`_held_window`), or the whole doc. A piece that starts after the paragraph's first
    sentence keeps the mark ending the sentence before it, so the rules that read the paragraph's opening
    (a speaker label, a quotation opening the paragraph as a continuation, a dateline, a live blog's time)
    find no opening there, as in the whole paragraph. The piece's text and its offset in the paragraph go in
    its ``user_data``."""
    window = _held_window(text, sentences, cues)
    if window is None:
        return doc
    lo, hi = window
    first = 0
    if lo > 0 and dateline_end(doc) is None and not opening_clock(doc[0]):
        first = next((t.i for t in doc if t.idx >= lo), 0)
        first = first - 1 if first > 0 and doc[first - 1].text in _SENTENCE_ENDS else 0
    last = len(doc) if hi >= len(text) else next((t.i for t in doc if t.idx >= hi), len(doc))
    if first == 0 and last == len(doc):
        return doc
    try:
        piece = doc[first:last].as_doc()
    except Exception:  # pragma: no cover - defensive: spaCy refusing a span's annotations
        return doc
    if first > 0 and dateline_end(piece) is not None:  # the mark kept read as a dateline's ("... . Ana Ruiz —")
        return _parse_piece_from_start(doc, text, last)
    return _with_offset(piece, text, doc[first].idx)


def _parse_piece_from_start(doc, text: str, last: int):
    if last == len(doc):
        return doc
    return _with_offset(doc[:last].as_doc(), text, 0)


def _with_offset(piece, text: str, offset: int):
    piece.user_data[TEXT_KEY] = text[offset : offset + len(piece.text)]
    piece.user_data[OFFSET_KEY] = offset
    return piece


def _held_window(text: str, sentences: list[tuple[int, int]], cues: Cues) -> tuple[int, int] | None:
    """Character span from the first to the last sentence that may hold an attribution, or None when that is
    the whole paragraph: a sentence holds one where the paragraph would be parsed for it (a quotation mark or
    a quotation's span, a colon, a word that may be a cue in the parse: :func:`_wants_parse`). The parse of a
    sentence does not depend on the sentences around it but through the tagger's few tokens of context, and a
    cue's content, source and quotation lie in its own sentence or in a held one. Whole paragraphs: one
    sentence; a speaker's label opening it (its turn runs to the paragraph's end); an ending colon (the text
    announced; its source may be the sentence before's subject). A sentence after one ending in a colon (what
    was announced), or opening with a dash (a quotation's signature), goes with it."""
    if len(sentences) < 2 or text.rstrip().endswith(":") or any(
            p.match(text) for p in (ANSWER_LABEL, _SPEAKER_LABEL, _TITLED_LABEL, _LABEL)):
        return None
    quotes = quote_spans(text)
    lower = text.lower()
    found = list(WORD.finditer(lower))
    last = {m.group(): at for at, m in enumerate(found)}
    cue_at = [m.start() for at, m in enumerate(found) if m.group() in cues.forms and _may_cue(lower, found, last, at, cues)]
    held: list[int] = []
    for k, (start, end) in enumerate(sentences):
        part = text[start:end]
        joined = bool(held) and held[-1] == k - 1 and (text[sentences[k - 1][1] - 1] == ":" or part[0] in _DASHES)
        if joined or ":" in part or any(ch in part for ch in QUOTE_CHARS) \
                or any(qs < end and start < qe for qs, qe in quotes) or any(start <= at < end for at in cue_at):
            held.append(k)
    if not held:
        return None
    lo = sentences[held[0]][0] if held[0] > 0 else 0
    hi = sentences[held[-1]][1] if held[-1] < len(sentences) - 1 else len(text)
    return None if lo == 0 and hi == len(text) else (lo, hi)


def _attributions(doc, quotes: list[tuple[int, int]], entities, cues: Cues) -> list[AttributionSpan]:
    """:func:`find_attributions` over a paragraph's parse, or a piece of it (:func:`_parse_piece`): the piece's
    rules read the quotations and entities in the piece's offsets, and its attributions come back in the
    paragraph's."""
    offset = doc.user_data.get(OFFSET_KEY)
    if offset is None:
        return find_attributions(doc, quotes, entities, cues)
    end = offset + len(doc.user_data[TEXT_KEY])
    quotes = [(max(s, offset) - offset, min(e, end) - offset) for s, e in quotes if s < end and offset < e]
    entities = [replace(x, start=x.start - offset, end=x.end - offset) for x in entities
                if offset <= x.start and x.end <= end]
    return [_shifted(a, offset) for a in find_attributions(doc, quotes, entities, cues)]


def _shifted(a: AttributionSpan, offset: int) -> AttributionSpan:
    def at(value):
        return None if value is None else value + offset

    return replace(a, start=a.start + offset, end=a.end + offset, speaker_start=at(a.speaker_start),
                   speaker_end=at(a.speaker_end), cue_start=at(a.cue_start), cue_end=at(a.cue_end))


def _enabled(nlp, disabled) -> list[str]:
    return [name for name in nlp.pipe_names if name not in disabled]


def _components(nlp, docs, names, batch_size: int):
    """``nlp.pipe`` over docs already made: the named components in pipeline order."""
    for name in names:
        component = nlp.get_pipe(name)
        docs = component.pipe(docs, batch_size=batch_size) if hasattr(component, "pipe") else map(component, docs)
    return docs


def _by_length(nlp, texts: list[str], disable: list[str], batch_size: int):
    """``nlp.pipe`` over ``texts`` in batches of like lengths; the docs come back in the order of ``texts``."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list = [None] * len(texts)
    for index, doc in zip(order, nlp.pipe([texts[i] for i in order], disable=disable, batch_size=batch_size)):
        out[index] = doc
    return out


def _entities(doc, text: str) -> list[EntitySpan]:
    """The named entities of a paragraph's doc; ``text`` is its text (``doc.text`` joins every token again)."""
    out = []
    for ent in entity_spans(doc):
        if ent.label_ not in ENTITY_LABELS:
            continue
        surface = ent.text
        dash = _LEADING_DASH.match(surface)
        if dash is not None:
            surface = surface[dash.end():]
        name = (ent.ent_id_ or ent.id_ or surface).strip(_EDGE_JUNK)  # id_: a nested mention's name (model.py)
        name = _LEADING_DASH.sub("", name)
        name = _POSSESSIVE.sub("", name).strip(_EDGE_JUNK)
        if name.lower().startswith("the ") and ent.label_ in ("ORG", "FAC", "EVENT", "LOC", "GPE"):
            name = name[4:]
        name = " ".join(name.split())
        if (len(name) < 2 and ent.ent_id_ != name) or not any(ch.isupper() for ch in name):  # one letter: by a rule (X)
            continue  # names are capitalised; "east quay" is the small model guessing
        # trim the surface span the same way so offsets point at the name
        stripped = _POSSESSIVE.sub("", surface.rstrip(_EDGE_JUNK)).rstrip(_EDGE_JUNK)
        skipped = dash.end() if dash is not None else 0
        start = ent.start_char + skipped + (len(surface) - len(surface.lstrip(_EDGE_JUNK)))
        end = ent.start_char + skipped + len(stripped)
        if end <= start:
            continue
        if _slash_written(ent.label_, text[start:end]):
            name = _THE.sub("", text[start:end])  # "Alliance A/Movement B": the coalition's whole name (below)
        if ent.label_ == "ORG" and name == text[start:end] and name.isupper():
            name = _expansion(text, start, name) or name  # "Office of ... (OPAPRU)": the name it abbreviates
        prefix_tokens = [t.text for t in doc[_prefix_start(doc, ent) : ent.start]]
        written = None if ent.ent_id_ else ent.id_ or None  # a nested mention's whole phrase (model.entity_spans)
        label = "PERSON" if _named_after_role(doc, ent, text[start:end]) else ent.label_
        out.append(EntitySpan(start, end, text[start:end], name, label, " ".join(prefix_tokens), written))
    out = _slash_joined(out, text)
    signer = unnamed_signer(text, out)
    if signer is not None:
        # a reader's signature the model reads no name in ("Ana Ruiz, Leeds"): its name is a person's all the same,
        # so that a letters page ends the letter there (pipeline.nlp.letters)
        start, end, title = signer
        out = sorted([*out, EntitySpan(start, end, text[start:end], text[start:end], "PERSON", title)],
                     key=lambda e: e.start)
    return out


_THE = re.compile(r"^[Tt]he ")


# the lower-case words an office's name holds between its capitalised ones ("Special Envoy of the
# Secretary-General for Yemen", "Head of the Mission in Libya")
_OFFICE_LINKS = frozenset({"of", "for", "the", "to", "and", "in", "-"})
# words opening a clause that sets the scene, not an office ("After talks with the foreign minister, Ana Ruiz,")
_SCENE_OPENERS = frozenset({"after", "before", "during", "following", "since", "with", "at", "on", "in", "amid",
                            "despite", "upon", "when", "while", "as", "until", "ahead"})


def _prefix_start(doc, ent) -> int:
    """Where the words before a name that may title it start: four words, or, for a name set off by a comma after
    the office it holds ("the Special Envoy of the Secretary-General for Yemen, Ana Ruiz,"), the office's words
    (up to twelve), so that "the envoy" later finds her. The office is a title word and the capitalised words and
    links after it, up to the comma; not the words of a clause setting the scene ("After talks with the foreign
    minister in Doha on Monday, Ana Ruiz,"). Read from tokens alone: the entities' docs are not parsed."""
    start = max(0, ent.start - 4)
    if start == 0 or doc[ent.start - 1].text != ",":
        return start
    j = ent.start - 2
    while j > 0 and ent.start - j < 12 and not (doc[j - 1].is_punct and doc[j - 1].text != "-") \
            and not doc[j].is_sent_start:
        j -= 1
    if doc[j].lower_ in _SCENE_OPENERS:
        return start
    names = titles() | load_cues().unnamed_people  # "the spokesperson of the Commission, Ana Ruiz," too
    k, titled = ent.start - 1, False
    while k > j and (doc[k - 1].text[:1].isupper() or doc[k - 1].lower_ in _OFFICE_LINKS
                     or doc[k - 1].lower_ in names):
        k -= 1
        titled = titled or doc[k].lower_ in names
    return min(start, k) if titled else start


def _named_after_role(doc, ent, surface: str) -> bool:
    """A name the small model read as a place or a body, set off by a comma right after a role that one person holds
    ("the spokesperson of the African Union Commission, Ebere Nwachukwu-Asante,"): the person who holds it. The
    role is a person's noun (attribution.toml unnamed_people) or a title, with only capitalised words and an
    office's links after it up to the comma; the name two to four capitalised words, none a body's head."""
    if ent.label_ not in ("GPE", "ORG") or ent.start < 2 or doc[ent.start - 1].text != ",":
        return False
    words = surface.split()
    heads, roles = organisation_heads()[0], load_cues().unnamed_people | titles()
    # a rank or title among the words ("Brigadier General Ana Ruiz") is left to the readings that strip it
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.casefold() not in heads | roles for w in words):
        return False
    k = ent.start - 1
    while k > 0 and ent.start - k < 12 and doc[k - 1].lower_ not in roles and not doc[k - 1].is_sent_start \
            and (doc[k - 1].text[:1].isupper() or doc[k - 1].lower_ in _OFFICE_LINKS):
        k -= 1
    return k > 0 and doc[k - 1].lower_ in roles


def _slash_written(label: str, surface: str, halves_named: int = 2) -> bool:
    """An organisation's name written out as two names joined by a slash, no space ("Alliance A/Movement B"): a
    coalition's one name, named as written, whatever a name list calls one of its halves (the guidelines'
    fullest name; a half is only part of it). ``halves_named``: how many halves are names of two words or more.
    Within one span of the model both are, or the name list's name stands: an acronym pair ("AFC/M23"), a
    party's own short form ("SPLM/A-IO") and a listed short form ("Alliance A/M23") are named by what they
    abbreviate."""
    halves = _THE.sub("", surface).split("/")
    return label == "ORG" and len(halves) == 2 and all(h[:1].isupper() and h == h.strip() for h in halves) \
        and sum(len(h.split()) >= 2 for h in halves) >= halves_named


def _slash_joined(entities: list[EntitySpan], text: str) -> list[EntitySpan]:
    """Two organisations' names the model read apart at the slash the tokenizer splits off ("M23" + "Alliance
    B"), one of them written out: one coalition's name (:func:`_slash_written`) no name list holds, joined
    again, so that a bracketed acronym after it ("(AFC)") names the whole. Places ("GOMA/KINSHASA") are two places: only ORG + ORG."""
    out: list[EntitySpan] = []
    for e in entities:
        last = out[-1] if out else None
        whole = text[last.start : e.end] if last is not None else ""
        if last is not None and last.label == e.label and text[last.end : e.start] == "/" \
                and _slash_written(e.label, whole, halves_named=1):
            out[-1] = replace(last, end=e.end, text=whole, name=_THE.sub("", whole), written=None)
            continue
        out.append(e)
    return out


_NAME_LINKS = frozenset({"of", "the", "on", "and", "for", "in", "to"})


def _expansion(text: str, start: int, acronym: str) -> str | None:
    """The name an acronym in brackets abbreviates, read back from the bracket by the initials of its
    capitalised words ("Office of the Presidential Adviser on Peace, Reconciliation and Unity (OPAPRU)"), which
    the model cuts at the comma; None when the words before do not spell it."""
    before = text[:start].rstrip()
    if not before.endswith("(") or not acronym.isalpha() or len(acronym) < 3:
        return None
    words = list(re.finditer(r"[\w'’-]+", before[:-1]))
    letters = list(acronym)
    for word in reversed(words[-3 * len(acronym):]):
        w = word.group()
        if w[:1].isupper() and w[:1] == letters[-1]:
            letters.pop()
            if not letters:
                return before[word.start() : -1].strip().rstrip(",")
        elif w.lower() not in _NAME_LINKS:
            return None
    return None


def _label_only(paragraph: str, span: tuple[int, int]) -> bool:
    """The span is a transcript's speaker label alone ("HNATYSHYN:", "Q (Reuters):"), which the sentence splitter
    cuts off its turn: the label belongs to the sentence it opens, as in "HNATYSHYN: It is not."."""
    text = paragraph[span[0] : span[1]]
    found = _LABEL.match(text + " x")
    return found is not None and found.end() == len(text) + 1


# a title's abbreviation before the name or noun it belongs to ("the hon. Gentleman", "my right hon. Friend", "the
# Rt. Hon. member"): the senter takes its full stop for a sentence's end, but no sentence ends on a title
_TITLE_CUT = re.compile(r"\b(?:hon|Hon|HON|Rt|Mr|Mrs|Ms|Dr)\.$")


def _title_cut(paragraph: str, span: tuple[int, int]) -> bool:
    """The span ends on a title's abbreviation ("Does the hon."): the senter cut the sentence inside its subject."""
    return _TITLE_CUT.search(paragraph[span[0] : span[1]]) is not None


# a sentence's closing punctuation left at the start of the next one by the senter
_CUT_TERMINAL = re.compile("[.!?\u2026]+[\"'\u201d\u2019]*\\s+")


# a heading's words: short, in one sentence, and with no full stop, colon or quotation mark (those are a
# sentence's, a turn label's or a quotation's)
_HEADING_WORDS = 12
_NOT_HEADING = re.compile("[:\"\u201c\u201d\u00ab\u00bb\u201e]")


def _heading_form(text: str, sentences: int) -> bool:
    """Whether a paragraph reads as an explainer's heading ("What happens next?", "The road to the truce"): one
    short sentence that is a question or ends with no stop at all. An aside ("The harbour reopened on Monday.")
    ends with a full stop and is no heading."""
    words = text.split()
    if sentences != 1 or not words or len(words) > _HEADING_WORDS or _NOT_HEADING.search(text):
        return False
    last = text.rstrip()[-1]
    return last == "?" or last.isalnum()


def _sentences(doc, paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans, with continuations merged: a "sentence" that starts in lower case ("he asked.") or
    inside an open quote belongs to the one before it. ``paragraph`` is the doc's text: slicing it is cheap,
    ``Span.text`` builds every token again."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        raw = paragraph[sent.start_char : sent.end_char]
        text = raw.strip()
        if not text:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        end = sent.start_char + len(raw.rstrip())
        cut = _CUT_TERMINAL.match(text)
        if spans and cut and cut.end() < len(text):
            # the senter ended the sentence before its own full stop ("No" | ". Both sides believe ..."): the
            # stop goes back to the short sentence it closes, and the next one starts on its first word
            spans[-1] = (spans[-1][0], start + len(cut.group(0).rstrip()))
            start, text = start + cut.end(), text[cut.end():]
        first = text.lstrip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb ")[:1]
        if spans and first and (first.islower() or text[0] in ",;:)" or _label_only(paragraph, spans[-1])
                                or _title_cut(paragraph, spans[-1])):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans

