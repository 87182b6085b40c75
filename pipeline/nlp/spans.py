"""The typed results of paragraph analysis, handed from the NLP workers to the article-level resolver
(pipeline.nlp.resolve) and the loader."""

from __future__ import annotations

from dataclasses import dataclass

from .attribution import AttributionSpan


@dataclass(frozen=True)
class EntitySpan:
    start: int  # paragraph-local character offsets
    end: int
    text: str  # as written
    name: str  # possessive stripped, gazetteer canonical name where the gazetteer gives one
    label: str
    prefix: str  # up to four words before it ("Foreign Minister"), or the office set off by a comma before it (up
    # to twelve: "the Special Envoy of the Secretary-General for Yemen,"), to resolve "the minister" later
    # the written form in its dictionary (nominative) form where that differs from ``text`` ("Кремле" ->
    # "Кремль"): set by the Russian analyser, whose written forms are inflected; None elsewhere. A speaker named
    # by the form the article writes takes this one (the guidelines: the name itself, not its case)
    written: str | None = None


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
    # the paragraph has a heading's form ("What happens next?", "The Road to the Truce"): the resolver lets the say
    # before it run on past it, as it does not for a one-sentence aside that ends in a full stop
    heading: bool = False
    # what the rules read beyond the paragraph's own text (the paragraph before it, the article's earlier truce
    # names), hashed: the cache holds one analysis per paragraph and context (pipeline.nlp.stage.context_keys)
    context_key: str = ""

