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


# "utf-8" declared in a Content-Type (header or <meta http-equiv>), a <meta charset> or an XML declaration
_DECLARES_UTF8 = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*utf-?8(?![\w-])""", re.IGNORECASE)
# where a page declares its charset: HTML's prescan reads 1,024 bytes; pages with long heads put it later
_DECLARATION_BYTES = 4096
_UTF8_BOM = b"\xef\xbb\xbf"
_CHARSET_PARAMETER = re.compile(rb"charset\s*=", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]*\bencoding\s*=", re.IGNORECASE)
# a lead byte with its continuation bytes, valid UTF-8 or not (an encoded surrogate such as ED A0 80, an overlong
# form): the shape UTF-8 gives every non-ASCII character. A single-byte charset (windows-1252, windows-1251, KOI8-R)
# puts its high bytes next to ASCII letters or to each other, almost never in this shape.
_UTF8_SHAPED = re.compile(rb"[\xc0-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf7][\x80-\xbf]{3}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
# share of a page's high bytes that must be in UTF-8's shape for a declared UTF-8 page to be read as UTF-8
_UTF8_SHAPED_SHARE = 0.9


def declares_utf8(content_type: str | None, data: bytes, *, xml: bool = False) -> bool:
    """The server's Content-Type or the page itself (a BOM, its meta charset or XML declaration) says UTF-8; for
    an ``xml`` document (a feed), also saying nothing at all: XML without an encoding declaration is UTF-8 (XML 1.0
    section 4.3.3; RFC 7303 lets no charset-less XML media type say otherwise)."""
    header = (content_type or "").encode("latin-1", "replace")
    if _DECLARES_UTF8.search(header):
        return True
    head = data[:_DECLARATION_BYTES]
    if data.startswith(_UTF8_BOM) or _DECLARES_UTF8.search(head):
        return True
    return xml and not _CHARSET_PARAMETER.search(header) and not _XML_ENCODING.search(head)


def repaired_utf8(data: bytes, content_type: str | None = None, *, xml: bool = False) -> tuple[bytes, int]:
    """``data`` with each byte that is not valid UTF-8 replaced by U+FFFD (as UTF-8), and how many were, when the
    page is declared UTF-8 (``xml``: or declares nothing, see :func:`declares_utf8`) and really is UTF-8 with damage;
    otherwise ``(data, 0)`` unchanged.

    Why: the extractor (trafilatura) and feedparser read a body as UTF-8 only when every byte is valid; one bad
    sequence (an encoded surrogate, a truncated character, a byte of another charset pasted in) sends the whole
    page through charset detection, which can read a good UTF-8 page as windows-1252 or worse: every accented or
    Cyrillic letter becomes mojibake. The bad bytes should cost themselves, not the page. A page that only claims
    UTF-8 (a windows-1251 page under a wrong header) is left to detection: its high bytes are not in UTF-8's
    shape (``_UTF8_SHAPED_SHARE``)."""
    try:
        data.decode("utf-8")
        return data, 0
    except UnicodeDecodeError:
        pass
    if not declares_utf8(content_type, data, xml=xml):
        return data, 0
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    shaped = sum(len(m) for m in _UTF8_SHAPED.findall(data))
    if shaped < _UTF8_SHAPED_SHARE * high:
        return data, 0
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())  # U+FFFD the page itself held are not damage
    return text.encode("utf-8"), replaced
