"""Small text helpers shared by several stages."""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

_BLOCK_BREAK = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# characters XML forbids: lxml parses them into text but refuses them when a tail is set below (ValueError)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries), one paragraph per block element."""
    if "<" not in fragment:
        return _SPACES.sub(" ", fragment).strip()
    fragment = _NOT_XML.sub(" ", fragment)  # a form feed after "</p>" in a feed summary crashed the feed's poll
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
