"""Russian articles: natasha (razdel segmenter, navec news embeddings, slovnet news NER with labels PER/LOC/ORG,
and its morphology tagger to put inflected names back in the nominative) and the shared rules of
:mod:`.multilingual`. Loaded once per worker process, on the first Russian paragraph it gets. Not a Ukrainian
model: the stage routes only ``ru`` here (``uk`` gets ``nlp_status='no_model'``)."""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Sequence
from functools import lru_cache

from ..errors import ConfigError
from .analyse import ParagraphAnalysis
from .multilingual import Token, analysis_version, dash_quotes, entity_spans, paragraph_analysis

log = logging.getLogger(__name__)

LANGUAGE = "ru"
INSTALL_HINT = "uv pip install natasha==1.6.0"
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def version() -> str:
    try:
        return analysis_version(LANGUAGE, f"natasha-{importlib.metadata.version('natasha')}")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(f"natasha is not installed (Russian analysis). Install it: {INSTALL_HINT}") from exc


@lru_cache(maxsize=1)
def load_model():
    """(segmenter, morphology tagger, NER tagger), once per process; the weights ship in the wheels."""
    try:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError as exc:
        raise ConfigError(f"cannot import natasha ({exc}). Install it: {INSTALL_HINT}") from exc
    embedding = NewsEmbedding()
    log.info("loaded natasha news embeddings, morphology and NER taggers")
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


def analyse_paragraphs(items: Sequence[tuple[str, str]]) -> list[ParagraphAnalysis]:
    """Analyse Russian ``(paragraph_id, text)`` pairs; a failure on one paragraph yields an empty analysis.

    The NER and the morphology tagger run once over the whole chunk (slovnet batches what it is given): called
    paragraph by paragraph, its small numpy convolutions cost several times more, most of it in BLAS threads."""
    from natasha import Doc

    segmenter, morph, ner = load_model()
    version_ = version()
    docs = []
    for pid, text in items:
        try:
            doc = Doc(text)
            doc.segment(segmenter)
        except Exception:  # pragma: no cover - defensive: the segmenter on pathological text
            log.exception("Russian segmentation failed on paragraph %s", pid)
            doc = None
        docs.append(doc)
    spans = _ner(ner, [text for _, text in items], docs)
    _tag_names(morph, docs, spans)
    out = []
    for (pid, text), doc, doc_spans in zip(items, docs, spans):
        try:
            if doc is None:
                raise ValueError("not segmented")
            out.append(_analyse(pid, version_, text, doc, doc_spans))
        except Exception:  # pragma: no cover - defensive: the models on pathological text
            log.exception("Russian analysis failed on paragraph %s", pid)
            out.append(ParagraphAnalysis(pid, version_, (), (), 0))
    return out


def _ner(ner, texts: list[str], docs) -> list[list[tuple[int, int, str]]]:
    """(start, stop, type) of each paragraph's named entities, the chunk in one batched call; a paragraph the
    batch fails on is tagged alone, and one that fails alone has none."""
    spans: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    todo = [i for i, (text, doc) in enumerate(zip(texts, docs)) if doc is not None and text.strip()]
    try:
        markups = list(ner.map([texts[i] for i in todo]))
    except Exception:  # pragma: no cover - defensive
        log.exception("Russian NER failed on a chunk of %d paragraphs; tagging them one by one", len(todo))
        markups = []
        for i in todo:
            try:
                markups.append(ner(texts[i]))
            except Exception:
                log.exception("Russian NER failed on a paragraph")
                markups.append(None)
    for i, markup in zip(todo, markups):
        if markup is not None:
            spans[i] = [(x.start, x.stop, x.type) for x in markup.spans]
    return spans


def _tag_names(morph, docs, spans) -> None:
    """Case and gender for the sentences that name a person, and only those: the morphology tagger costs as much
    as the NER, and only a person's name is put back in the nominative."""
    sentences = []
    for doc, doc_spans in zip(docs, spans):
        people = [start for start, _, kind in doc_spans if kind == "PER"]
        if doc is not None and people:
            sentences += [sent for sent in doc.sents if any(sent.start <= p < sent.stop for p in people)]
    if not sentences:
        return
    try:
        markups = list(morph.map([[t.text for t in sent.tokens] for sent in sentences]))
    except Exception:  # pragma: no cover - defensive: names then stay as written
        log.exception("Russian morphology failed on %d sentences; names stay as written", len(sentences))
        return
    for sent, markup in zip(sentences, markups):
        for token, tagged in zip(sent.tokens, markup.tokens):
            token.pos, token.feats = tagged.pos, tagged.feats


def _analyse(pid: str, version_: str, text: str, doc, spans: list[tuple[int, int, str]]) -> ParagraphAnalysis:
    tokens = [Token(t.start, t.stop, t.text) for t in doc.tokens]
    feats = {t.start: (t.feats or {}) for t in doc.tokens}
    ner = [(start, stop, LABELS[kind]) for start, stop, kind in spans if kind in LABELS]

    def normalise(start: int, end: int, label: str) -> str:
        words = [t for t in doc.tokens if start <= t.start and t.stop <= end]
        if label != "PERSON" or not words:
            return text[start:end]
        return " ".join(nominative(t.text, feats.get(t.start, {})) for t in words)

    entities = entity_spans(text, tokens, ner, LANGUAGE, normalise)
    sentences = [(s.start, s.stop) for s in doc.sents if text[s.start:s.stop].strip()]
    return paragraph_analysis(pid, version_, text, sentences, tokens, entities, LANGUAGE,
                              extra_quotes=dash_quotes(text))


# A person's name in another case, back to the nominative by its ending (the tagger gives case and gender):
# "Сергея Лаврова" -> "Сергей Лавров", "Марией Захаровой" -> "Мария Захарова". Longest ending first.
_MASC = (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"), ("овым", "ов"), ("евым", "ев"),
         ("иным", "ин"), ("ием", "ий"), ("еем", "ей"), ("ия", "ий"), ("ию", "ий"), ("ии", "ий"), ("ея", "ей"),
         ("ею", "ей"), ("ее", "ей"), ("ым", ""), ("ом", ""), ("а", ""), ("у", ""), ("е", ""))
_FEM = (("ской", "ская"), ("скую", "ская"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ова"),
        ("еву", "ева"), ("ину", "ина"), ("ией", "ия"), ("ии", "ия"), ("ию", "ия"), ("ой", "а"), ("ы", "а"),
        ("и", "а"), ("у", "а"), ("е", "а"))


def nominative(word: str, feats: dict) -> str:
    case, gender = feats.get("Case"), feats.get("Gender")
    if case in (None, "Nom") or not word[:1].isupper() or word.isupper():
        return word
    for ending, replacement in (_FEM if gender == "Fem" else _MASC):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: len(word) - len(ending)] + replacement
    return word
