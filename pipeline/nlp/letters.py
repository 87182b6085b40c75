"""A letters page: which reader wrote each paragraph (issue #14).

The guidelines' speaker is "the person or organisation whose words or position the sentence reports", and their
NULL is for a reporter's narrative. A letter to the editor reports its writer's words and a letters page has no
reporter's narrative, so what no one else in a letter is found to say is the writer's: the reader who signs it.

The page is read from its structure, never from its wording: a title that names it as letters, or several letters
opening on a salutation to the editor ("Sir,", "Dear editor,"); each letter ends on its signature (a paragraph
that is the writer's name, "Dr Ana Ruiz, Leeds", or the name after a dash closing the letter's last paragraph,
"... will hold. — Ana Ruiz, Leeds"), and runs from the signature before it (or, where the page's letters open on a
salutation, from its salutation) to its own. Only the paragraph analyses are read (the entities, with the words
before each, and the statements), so the cached analyses serve as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# a title that names the page as readers' letters ("Letters: ...", "Letters to the editor | ...", "Your letters —
# ..."): plural, or "letter to the editor", so a correspondent's "Letter from Kyiv" stays a report
_LETTERS_TITLE = re.compile(
    r"^\s*(?:(?:your|readers['\u2019]?|reader['\u2019]?s)\s+)?(?:letters|letter\s+to\s+the\s+editor)"
    r"(?:\s+to\s+the\s+editor)?(?:\s+page)?\s*(?:[:|\u2014\u2013-]|$)", re.IGNORECASE)
# a letter's salutation to the editor opening its first sentence ("Sir, ...", "Sir, — ...", "Dear editor, ...")
_SALUTATION = re.compile(r"^\W*(?:(?:dear\s+)?(?:sir|madam|sirs|sir\s+or\s+madam|editor)|to\s+the\s+editor)\s*[,:\u2014\u2013-]",
                         re.IGNORECASE)
# the words the analyser keeps before a signer's name that still belong to the signature: a title or rank, "(retd)"
# ("Col ( retd )", "Dr", "Brigadier"), written as the analyser spaces them
_SIGNER_TITLE = re.compile(r"^(?:(?i:yours\s+(?:faithfully|sincerely|truly)|(?:kind\s+|best\s+)?regards)\s*,\s*)?"
                           r"(?:[A-Z][\w.]*\s*|\.\s*|\(\s*ret(?:d|ired)?\s*\.?\s*\)\s*)*$")
_DASHES = "\u2014\u2013"
# characters a signature leaves after the name: a place, a post, a note ("Department of War Studies, King's
# College London (writing in a personal capacity)")
_SIGN_OFF_ROOM = 110
# characters of a title the analyser's words before the name may have lost where its sentence split at the title's
# full stop ("Col. (retd) Ana Ruiz" keeps ". ( retd )")
_CUT_TITLE = 8
_SIGNER_LABELS = frozenset({"PERSON", "ORG"})  # a reader, or a body that signs as one
# a news agency's or a photo credit after the name: a picture caption's or a correspondent's line in a report
# ("Ana Ruiz, Reuters", "Tomas Berg, AFP via Getty Images", "Lena Kovac, AP Photo"), which signs no letter
CREDIT = re.compile(r"\b(?:Reuters|AFP|AP|Getty|EPA|Xinhua|Anadolu|TASS|dpa|Shutterstock|Alamy|Photo|Photos|"
                    r"Photograph|Handout|(?i:photo|pictures?|via))\b")
_AND_GAP = len(" and ")  # what stands between two names that sign together
_SALUTED = 2  # letters opening on a salutation that make an untitled page a letters page
_PIECES = 3  # signed pieces that make a page of letters with neither a title nor salutations
_PIECE_PARAGRAPHS = 4  # paragraphs of such a piece, its signature's included


def letter_writers(title: str | None, occurrences: Sequence[tuple[int, str, int]], analyses, mentions
                   ) -> dict[int, tuple[str, str | None]]:
    """Paragraph position -> (name, entity id) of the reader who wrote it, on a letters page; empty elsewhere. The
    id is None for a letter several readers sign together, a name no entity has."""
    ordered = sorted(occurrences)
    signed = _signatures(ordered, analyses, mentions)
    if not signed:
        return {}
    saluted = {position for position, pid, _ in ordered if _salutes(analyses.get(pid))}
    if not (title and _LETTERS_TITLE.match(title)) and len(saluted) < _SALUTED and not _signed_pieces(ordered, signed):
        return {}
    writers: dict[int, tuple[str, str | None]] = {}
    last = -1
    for at in sorted(signed):
        letter = [position for position, _, _ in ordered if last < position <= at]
        # a page whose letters open on a salutation: what comes before this one's is the editor's, not the writer's
        opening = [p for p in letter if p in saluted] if saluted else []
        for position in letter:
            if not opening or position >= opening[0]:
                writers[position] = signed[at]
        last = at
    return writers


def _signed_pieces(ordered, signed) -> bool:
    """The page is several short pieces, each closed by its signature, and nothing after the last: letters with
    neither a title nor salutations to say so."""
    positions = [position for position, _, _ in ordered]
    if len(signed) < _PIECES or max(signed) != positions[-1]:
        return False
    ends = [positions.index(at) for at in sorted(signed)]
    return all(end - start <= _PIECE_PARAGRAPHS for start, end in zip([-1, *ends], ends))


def _signatures(ordered, analyses, mentions) -> dict[int, tuple[str, str | None]]:
    """Paragraph position -> the signer whose signature closes a letter in it."""
    by_start = {m.start_char: m for m in mentions}
    signed: dict[int, tuple[str, str | None]] = {}
    for (position, pid, text_start), after in zip(ordered, [*ordered[1:], None], strict=True):
        analysis = analyses.get(pid)
        if analysis is None:
            continue
        length = None if after is None else after[2] - text_start  # the paragraph's length, at most
        signer = _signature(analysis, length)
        m = by_start.get(text_start + signer.start) if signer is not None else None
        if m is None or m.label not in _SIGNER_LABELS or _credited(signer, analysis.entities):
            continue
        others = _cosigners(signer, analysis.entities)
        # a letter several readers sign is theirs together, as they sign it ("Ana Ruiz and Tomasz Wierzbicki")
        signed[position] = (m.name, m.entity_id) if not others else (
            " and ".join([m.name, *(e.name for e in others)]), None)
    return signed


def _credited(signer, entities) -> bool:
    """A news agency or a photo credit follows the name in its paragraph: no reader's signature (``CREDIT``)."""
    return any(e.start >= signer.end and CREDIT.search(e.text) for e in entities)


def _cosigners(signer, entities) -> list:
    """The people who sign with ``signer``, each joined to the name before it by "and" ("Ana Ruiz and Tomasz
    Wierzbicki, Leeds"). Not one after a comma, which is as often the writer's town read as a person."""
    others, last = [], signer
    for e in entities:
        if e.start < last.end:
            continue
        if e.label != "PERSON" or e.start - last.end > _AND_GAP or not e.prefix.endswith(" and"):
            break
        others.append(e)
        last = e
    return others


def _signature(analysis, length: int | None):
    """The name that signs a letter off in this paragraph, if one does: a paragraph of one sentence and no
    statement opening on it ("Colonel (retd) Ana Ruiz, Salisbury"), or the first name beyond every statement, after
    a dash ("... the winter. — Ana Ruiz, Leeds"). Either ends the paragraph but for a place or a post."""
    names = [e for e in analysis.entities if e.label in _SIGNER_LABELS]
    if not names or any(q.rule.startswith("label:") for q in analysis.quotes):
        return None  # a transcript's turn ("HOST: Ana, thank you."), whose label names its speaker, not a signer
    first = names[0]
    said = max((s.end for s in analysis.statements), default=0)
    # the first name after everything the paragraph says: a place after it may be read as a name too
    last = next((e for e in names if e.start >= said), names[-1])
    # (a title's full stop may split the signature into sentences: "Col. (ret.) Ana Ruiz, Leeds")
    if not analysis.statements and analysis.sentences - 1 <= first.prefix.count(".") \
            and _opens(first, analysis.entities) and _ends_near(first, length):
        return first
    if not _ends_near(last, length):
        return None
    if any(s.end > last.start for s in analysis.statements):
        return None  # the name is inside what the letter says
    prefix = last.prefix.strip()
    before_dash = re.split(f"[{_DASHES}]", prefix)
    if len(before_dash) > 1 and _SIGNER_TITLE.match(before_dash[-1].strip()):
        return last  # "... the winter. — Dr Ana Ruiz, Leeds"
    if analysis.statements and prefix and _SIGNER_TITLE.match(prefix) and last.start > len(last.prefix) + 1:
        return last  # "... the winter. — Col (retd) Ana Ruiz": the dash lies beyond the words kept before the name
    return None


def _ends_near(name, length: int | None) -> bool:
    """Only a place or a post may follow the name to the paragraph's end (unknown for the article's last one)."""
    return length is None or length - name.end <= _SIGN_OFF_ROOM


def _opens(name, entities) -> bool:
    """The name opens the paragraph, after a title or rank at most, and no other name comes before it."""
    return name is entities[0] and name.start <= len(name.prefix) + _CUT_TITLE \
        and bool(_SIGNER_TITLE.match(name.prefix.strip()))


def salutes(text: str) -> bool:
    """The text opens on a salutation to the editor ("Sir, ...", "Dear editor, ...")."""
    return _SALUTATION.match(text) is not None


def _salutes(analysis) -> bool:
    """The paragraph opens on a salutation to the editor (its first statement starts the paragraph with one)."""
    if analysis is None:
        return False
    first = min(analysis.statements, key=lambda s: s.start, default=None)
    return first is not None and first.start == 0 and _SALUTATION.match(first.text) is not None
