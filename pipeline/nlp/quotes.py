"""Finding quoted spans in a paragraph: any quote marks, unbalanced ones included, never an exception."""

from __future__ import annotations

# opening mark -> closing marks that may end it
_PAIRS = {
    "\u201c": ("\u201d", "\u201c"),  # “ ... ” (and the German-style “ ... “ seen in the wild)
    "\u201e": ("\u201c", "\u201d"),  # „ ... “
    "\u00ab": ("\u00bb",),  # « ... »
    "\u2039": ("\u203a",),  # ‹ ... ›
    "\u300c": ("\u300d",),  # 「 ... 」
}
_SINGLE_OPEN = ("\u2018", "'")
_SINGLE_CLOSE = ("\u2019", "'")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of quoted text, marks included.

    Double quotes and guillemets first; single quotes only when the paragraph has no double quotes, and only
    where they cannot be apostrophes (an opening mark after a space, a closing one before a space or
    punctuation). An unclosed quote runs to the end of the paragraph: news style leaves a quote open when it
    continues in the next paragraph.
    """
    spans = _double(text)
    if not spans:
        spans = _single(text)
    return spans


def _double(text: str) -> list[tuple[int, int]]:
    spans = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = n - 1 if end < 0 else end
            spans.append((i, end + 1))
            i = end + 1
            continue
        closers = _PAIRS.get(ch)
        if closers:
            ends = [e for e in (text.find(c, i + 1) for c in closers) if e >= 0]
            end = min(ends) if ends else n - 1
            spans.append((i, end + 1))
            i = end + 1
            continue
        i += 1
    return spans


def _single(text: str) -> list[tuple[int, int]]:
    spans = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _SINGLE_OPEN and (i == 0 or not text[i - 1].isalnum()) and i + 1 < n and text[i + 1].isalnum():
            j = i + 1
            while j < n:
                if text[j] in _SINGLE_CLOSE and not (j + 1 < n and text[j + 1].isalnum()) and text[j - 1] not in " ":
                    break
                j += 1
            if j >= n:  # unclosed single quote: too likely an apostrophe or an abbreviation; ignore
                i += 1
                continue
            spans.append((i, j + 1))
            i = j + 1
            continue
        i += 1
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    if not spans:  # most paragraphs: no generator to build (this is asked once per token)
        return False
    end = start + 1 if end is None else end
    return any(s <= start and end <= e for s, e in spans)


def overlap(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
