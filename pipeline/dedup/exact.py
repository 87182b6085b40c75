"""Stage 4: exact paragraph dedup.

A paragraph's identity is the hash of its *normalised* text, so trivial differences (curly vs straight quotes,
en vs em dashes, spacing, case, full-width forms) do not hide a repeat. Inside an article a repeat is recorded
(``repeat_of`` = position of the first occurrence) and left out of the clean text; across articles the same
hash links every occurrence to one ``paragraphs`` row. Nothing is dropped: every occurrence keeps its
position.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from ..records import ParagraphOccurrence

PARAGRAPH_SEPARATOR = "\n\n"

# Quotes and dashes that NFKC leaves distinct but writers (and CMSs) use interchangeably.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    }
)


_FOLDABLE = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD)) + "]")


def _fold_match(match: re.Match) -> str:
    return _FOLD[ord(match.group())] or ""


def normalize_paragraph(text: str) -> str:
    """NFKC, quotes and dashes unified, zero-width characters dropped, whitespace folded, case folded."""
    # ASCII text (most English paragraphs) needs neither NFKC nor the per-character table: only the backtick folds
    if text.isascii():
        text = text.replace("`", "'")
    else:
        # str.translate with a dict looks up every character; a regex finds the few that fold much faster
        text = _FOLDABLE.sub(_fold_match, unicodedata.normalize("NFKC", text))
    return " ".join(text.split()).casefold()  # str.split() splits on exactly the characters \s matches


def paragraph_id(text: str) -> str:
    """Stable 128-bit id of a paragraph: the hash of its normalised text."""
    return hashlib.sha256(normalize_paragraph(text).encode("utf-8")).hexdigest()[:32]


def dedup_paragraphs(paragraphs: Sequence[str]) -> tuple[tuple[ParagraphOccurrence, ...], str]:
    """Occurrences in page order, and the clean text with in-article repeats removed.

    The clean text joins first occurrences with a blank line; each first occurrence records its character
    offsets in that text so later stages (entities, statements) can point into ``articles.text``.
    """
    first_position: dict[str, int] = {}
    occurrences = []
    kept: list[str] = []
    offset = 0
    for raw in paragraphs:
        text = raw.strip()
        if not text:
            continue
        position = len(occurrences)
        pid = paragraph_id(text)
        if pid in first_position:
            occurrences.append(ParagraphOccurrence(position, pid, text, repeat_of=first_position[pid]))
            continue
        first_position[pid] = position
        if kept:
            offset += len(PARAGRAPH_SEPARATOR)
        occurrences.append(
            ParagraphOccurrence(position, pid, text, repeat_of=None, text_start=offset, text_end=offset + len(text))
        )
        kept.append(text)
        offset += len(text)
    return tuple(occurrences), PARAGRAPH_SEPARATOR.join(kept)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
