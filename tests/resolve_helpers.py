"""Resolving hand-written paragraphs as one article, for tests of who a statement's speaker is."""

from __future__ import annotations

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.lexicon import load_lexicon
from pipeline.nlp.resolve import resolve_article


def speakers(title: str | None, *paragraphs: str) -> dict[str, str | None]:
    """Statement text -> speaker, for ``paragraphs`` resolved as one article under ``title``."""
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    nlp = resolve_article("a", occurrences, analyses, load_lexicon(), title)
    return {s.text: s.speaker for s in nlp.statements}


def speaker_of(found: dict[str, str | None], start: str) -> str | None:
    """The speaker of the one statement that opens on ``start``."""
    hits = [text for text in found if text.startswith(start)]
    assert len(hits) == 1, list(found)
    return found[hits[0]]
