"""The typographic apostrophe read as the straight one, the text as written kept.

Real articles write the apostrophe as "’" (U+2019), some as "ʼ" (U+02BC) or "‘" (U+2018) between two letters;
the models learnt it, and the cues, evidence patterns, speaker cues and entity rules are spelt, with the straight
"'". An analyser reads the paragraph with :func:`straighten` (one code point for one, so every offset into the
text as written holds) and hands its analysis to :func:`as_written`, which takes every text field back from the
text as written: nothing straightened is stored.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from .attribution import AttributionSpan
from .spans import EntitySpan, ParagraphAnalysis, StatementSpan

# "’" anywhere (an apostrophe, or a closing single quotation mark the rules read as the straight one as well); "ʼ"
# and "‘" only between two letters ("l‘armée", "Kyivʼs"), where they are an apostrophe, not an opening quotation mark
_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[\u02bc\u2018](?=[^\W\d_])")


_INSIDE_WORD = re.compile(r"(?<=[^\W\d_])[\u2019\u02bc\u2018](?=[^\W\d_])")


def straighten(text: str, *, closing: bool = True) -> str:
    """``text`` with its typographic apostrophes as "'": the same length, every offset holds. ``closing`` false:
    a "’" that is not between two letters stays as written (English text closes its single quotations with it,
    and its rules pair "‘" with "’")."""
    if "\u2019" not in text and "\u02bc" not in text and "\u2018" not in text:
        return text
    if not closing:
        return _INSIDE_WORD.sub("'", text)
    return _BETWEEN_LETTERS.sub("'", text.replace("\u2019", "'"))


def _written(value: str | None, text: str, read: str, near: int | None) -> str | None:
    """``value``, a piece of the straightened ``read``, as ``text`` writes it: the same characters at the place
    it was read from (the occurrence nearest ``near``); a value read elsewhere (a gazetteer's name, a normalised
    duration) as it is."""
    if not value or "'" not in value:
        return value
    at = _nearest(value, read, near)
    if at is not None:
        return text[at:at + len(value)]
    # a value built of pieces of the text ("the foreign minister's envoy|envoy|singular"): each word with an
    # apostrophe as written where it was read
    return _WORD.sub(lambda m: text[i:i + len(m[0])] if (i := _nearest(m[0], read, near)) is not None else m[0],
                     value)


_WORD = re.compile(r"[^\s|]*'[^\s|]*")


def _nearest(piece: str, read: str, near: int | None) -> int | None:
    found = [m.start() for m in re.finditer(re.escape(piece), read)]
    return min(found, key=lambda i: abs(i - (near or 0))) if found else None


def _entity(e: EntitySpan, text: str, read: str, listed: Collection[str]) -> EntitySpan:
    # a name the gazetteer lists is the entity's name under its own spelling ("Côte d'Ivoire"), not the text's
    name = e.name if e.name in listed else _written(e.name, text, read, e.start)
    return replace(e, text=_written(e.text, text, read, e.start), name=name,
                   prefix=_written(e.prefix, text, read, e.start), written=_written(e.written, text, read, e.start))


def _statement(s: StatementSpan, text: str, read: str) -> StatementSpan:
    near = s.speaker_start if s.speaker_start is not None else s.start
    return replace(s, text=_written(s.text, text, read, s.start),
                   speaker_text=_written(s.speaker_text, text, read, near),
                   conditions=tuple(_written(c, text, read, s.start) or c for c in s.conditions),
                   duration=_written(s.duration, text, read, s.start))


def _quote(q: AttributionSpan, text: str, read: str) -> AttributionSpan:
    near = q.speaker_start if q.speaker_start is not None else q.start
    return replace(q, text=_written(q.text, text, read, q.start),
                   speaker_text=_written(q.speaker_text, text, read, near),
                   speaker_name=_written(q.speaker_name, text, read, near),
                   cue=_written(q.cue, text, read, q.cue_start), source=_written(q.source, text, read, near))


def as_written(analysis: ParagraphAnalysis, text: str, read: str, listed: Collection[str] = ()) -> ParagraphAnalysis:
    """``analysis`` of ``read`` (``text`` straightened) with every text field as ``text`` writes it; an entity
    whose name is in ``listed`` (the gazetteer's names) keeps it as listed."""
    if read == text:
        return analysis
    return replace(analysis, entities=tuple(_entity(e, text, read, listed) for e in analysis.entities),
                   statements=tuple(_statement(s, text, read) for s in analysis.statements),
                   quotes=tuple(_quote(q, text, read) for q in analysis.quotes))
