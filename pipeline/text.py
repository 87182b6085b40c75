"""Small text helpers shared by several stages."""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

_BLOCK_BREAK = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# characters XML forbids: lxml parses them into text but refuses them when a tail is set below (ValueError)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries), one paragraph per block element."""
    if "<" not in fragment:
        return _SPACES.sub(" ", fragment).strip()
    fragment = NOT_XML.sub(" ", fragment)  # a form feed after "</p>" in a feed summary crashed the feed's poll
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError, AssertionError, IndexError):
        # lxml asserts "too many bodies" (IndexError under -O) on a fragment that is a body-less document, such as
        # a feed summary "<html></html>": it must not take the whole feed down
        return _SPACES.sub(" ", re.sub(r"<[^>]+>", " ", fragment)).strip()
    for element in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    paragraphs = (_SPACES.sub(" ", p).strip() for p in _BLOCK_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


# A numeric character reference, decimal or hex, its semicolon optional as HTML allows (in bytes: every encoding a
# page or feed is served in here writes ASCII as ASCII).
_CHAR_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_REPLACEMENT_REFERENCE = b"&#xFFFD;"
# beyond U+10FFFF: no code point at all (parsers already map those to U+FFFD); also keeps int() off huge numbers
_MAX_DIGITS = {16: 6, 10: 7}


def not_xml_character(code: int) -> bool:
    """A code point XML 1.0 forbids: C0 controls but tab, newline and carriage return, surrogates, U+FFFE, U+FFFF."""
    return (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


def xml_safe_references(data: bytes) -> tuple[bytes, int]:
    """``data`` with every character reference to a character XML forbids replaced by ``&#xFFFD;``, and how many.

    Why: lxml and expat turn ``&#xFFFF;`` or ``&#x1;`` into the character itself, and the first step that copies
    such text into a new element (trafilatura's extractor, feedparser's) raises; trafilatura then discards the whole
    page (status ``empty``, nothing stored) and feedparser the whole feed (``&#xD800;``: a UnicodeEncodeError).
    One stray reference must cost one character, not the article or the feed."""
    if b"&#" not in data:
        return data, 0
    replaced = 0

    def swap(match: re.Match[bytes]) -> bytes:
        nonlocal replaced
        digits, base = (match[1], 16) if match[1] is not None else (match[2], 10)
        digits = digits.lstrip(b"0") or b"0"
        if len(digits) > _MAX_DIGITS[base] or not not_xml_character(int(digits, base)):
            return match[0]
        replaced += 1
        return _REPLACEMENT_REFERENCE

    return _CHAR_REFERENCE.sub(swap, data), replaced
