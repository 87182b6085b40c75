"""Pages that are not articles: paywall teasers, consent walls, anti-bot challenges, JavaScript shells, error pages.

A news link does not always lead to the article. The server may answer with a teaser and a subscription prompt,
a cookie-consent dialog, a bot challenge ("Just a moment..."), an empty single-page-app shell that says "enable
JavaScript", or a "page not found" template served with 200. Stored as ``ok`` they pass for articles (with a few
lines of the wall as text, or none). :func:`classify_page` tells them apart from the page itself, after
extraction; the markers are data (``data/pagekind.toml``).

Conservative by design: every kind needs its marker *and* little article text beside it (the ``[limits]`` of
the data file), so a full article that mentions "subscribe", carries a cookie banner, a captcha in its comment
form or Cloudflare's bot-detection script stays an article. Measured on the two extraction dev sets (257 real
articles, AEB and readability's): no page flagged (``tests/test_pagekind.py`` keeps it so when they are present).

Pure: a function of the parsed page and the extracted paragraphs, safe in the extraction worker processes.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import Extracted

log = logging.getLogger(__name__)

DATA_FILE = Path(__file__).parent.parent / "data" / "pagekind.toml"

#: ``articles.status`` of a page that is not the article; retried on the schedule of failed fetches
NOT_ARTICLE_STATUSES = ("paywalled", "consent", "blocked", "js_required", "error_page")


@dataclass(frozen=True)
class PageKind:
    kind: str = "article"  # article | paywalled | consent | blocked | js_required | error_page
    reason: str | None = None  # one line: which marker, and how much article text there was

    @property
    def is_article(self) -> bool:
        return self.kind == "article"

    def text_source(self, source: str | None) -> str | None:
        """What the kept text is: the page's own text is a paywall ``teaser`` or the ``wall``'s (the consent
        dialog, the challenge, the error message); a feed summary used in its place stays ``feed_summary``."""
        if source != "extracted":
            return source
        return "teaser" if self.kind == "paywalled" else "wall"


ARTICLE = PageKind()


# ------------------------------------------------------------------------------------------------ markers


@dataclass(frozen=True)
class Markers:
    limits: dict[str, int]
    challenge_statuses: frozenset[int]
    patterns: dict[str, re.Pattern] = field(default_factory=dict)  # "<kind>.<list>" -> one alternation


@lru_cache(maxsize=4)
def load_markers(path: str | None = None) -> Markers:
    """The marker lists of ``path`` (default: the bundled data file), compiled once per process."""
    from ..errors import ConfigError

    source = Path(path) if path else DATA_FILE
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        patterns = {}
        for kind, section in data.items():
            for name, values in section.items():
                if isinstance(values, list) and all(isinstance(v, str) for v in values) and values:
                    patterns[f"{kind}.{name}"] = re.compile("|".join(f"(?:{v})" for v in values), re.I)
        limits = {k: int(v) for k, v in data["limits"].items()}
        statuses = frozenset(int(s) for s in data["blocked"]["statuses"])
    except (OSError, tomllib.TOMLDecodeError, re.error, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"page-kind markers {source}: {exc} (fix the file or restore the bundled one)") from exc
    return Markers(limits, statuses, patterns)


# ------------------------------------------------------------------------------------------------ the page

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " "})
# elements whose text nobody sees as page text
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "title", "select", "textarea", "iframe",
                     "object"})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "li", "ul", "ol", "h1", "h2", "h3",
    "h4", "h5", "h6", "table", "tr", "td", "th", "blockquote", "form", "button", "label", "br", "dd", "dt", "dl",
    "figure", "figcaption", "pre", "address", "dialog", "details", "summary", "body", "center", "fieldset",
})
_MAX_SCRIPT_CHARS = 4000  # of each inline script: where challenge pages put their markers
_MAX_JSON_LD_CHARS = 500_000  # a JSON-LD block beyond this is not parsed (cost), its page is judged without it
_MAX_JSON_DEPTH = 12
_MAX_PAYWALL_ELEMENTS = 20  # nested paywall containers each read their whole subtree: enough to judge by


def words(text: str) -> int:
    """Word count; each CJK character counts one (those scripts put no spaces between words)."""
    return len(_WORD.findall(text)) + len(_CJK.findall(text))


@dataclass
class _Page:
    """What the rules read of a parsed page, gathered in one walk."""

    title: str = ""
    h1: str = ""
    lines: list[str] = field(default_factory=list)  # visible text, one line per block
    noscript: list[str] = field(default_factory=list)
    markup: list[str] = field(default_factory=list)  # class/id names, script/iframe/form URLs, inline scripts
    paywall_text: list[str] = field(default_factory=list)  # text inside elements with paywall class/id names
    description: str = ""
    declared_free: bool | None = None  # the page's own JSON-LD/microdata isAccessibleForFree (None: not said)
    locked_selectors: list[str] = field(default_factory=list)  # hasPart.cssSelector of parts declared not free
    locked_parsed: bool = False  # some of those selectors could be matched (simple tag/class/id selectors)
    locked_words: int = 0  # words in the elements those selectors name


def _gather(root, markers: Markers, *, walls: bool = True) -> _Page:
    """Read the page in one walk. ``walls``: also its markup (URLs, inline scripts, every class name), which
    only the wall kinds (consent, challenge, JavaScript shell) need, and only pages with almost no article
    text can be."""
    from lxml import etree

    page = _Page()
    paywall = markers.patterns.get("paywalled.markup")
    _read_declarations(root, page)
    selectors = [s for s in (_simple_selector(x) for x in page.locked_selectors) if s is not None]
    page.locked_parsed = bool(selectors)
    chunks: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if event == "end":
            if tag in _BLOCKS:
                chunks.append("\n")
            if element.tail and element is not root:
                chunks.append(element.tail)
            continue
        if tag is None:  # a comment or processing instruction: only its tail is text
            continue
        names = " ".join(filter(None, (element.get("class"), element.get("id"))))
        if names:
            if walls:
                page.markup.append(names)
            if paywall is not None and len(page.paywall_text) < _MAX_PAYWALL_ELEMENTS and paywall.search(names):
                page.paywall_text.append(" ".join("".join(element.itertext()).split())[:2000])
        if selectors and any(_matches(element, tag, s) for s in selectors):
            page.locked_words += words(" ".join(element.itertext()))
        if tag == "title" and not page.title:
            page.title = " ".join((element.text_content() or "").split()).translate(_QUOTES)
        elif tag == "h1" and not page.h1:
            page.h1 = " ".join(element.text_content().split()).translate(_QUOTES)
        elif tag == "meta":
            _read_meta(element, page)
        if walls:
            _read_markup(element, tag, page)
        if tag in _HIDDEN:
            walker.skip_subtree()  # its end event still comes: the tail is read there
            continue
        if tag in _BLOCKS:
            chunks.append("\n")
        if element.text:
            chunks.append(element.text)
    text = "".join(chunks).translate(_QUOTES)
    page.lines = [line for line in (" ".join(part.split()) for part in text.split("\n")) if line]
    return page


def _read_markup(element, tag: str, page: _Page) -> None:
    """URLs and inline scripts (where challenge pages name themselves) and ``<noscript>`` messages."""
    for attribute in ("src", "action", "data-sitekey"):
        value = element.get(attribute)
        if value:
            page.markup.append(value[:500])
    if tag == "script" and not element.get("src") and element.text:
        page.markup.append(element.text[:_MAX_SCRIPT_CHARS])
    elif tag == "noscript":
        page.noscript.append(" ".join(element.text_content().split()).translate(_QUOTES))


def _read_meta(element, page: _Page) -> None:
    name = (element.get("name") or element.get("property") or "").lower()
    if name in ("description", "og:description", "twitter:description"):
        content = " ".join((element.get("content") or "").split())
        if len(content) > len(page.description):
            page.description = content


def _read_declarations(root, page: _Page) -> None:
    """``isAccessibleForFree`` as the page declares it, in JSON-LD or microdata, with the locked parts' selectors."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > _MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # broken JSON-LD is common; the page is judged without it
            continue
        for node in _json_objects(data):
            _declare(page, node.get("isAccessibleForFree"), node.get("cssSelector"))
    for meta in root.iter("meta"):
        if meta.get("itemprop") != "isAccessibleForFree":
            continue
        parent = meta.getparent()
        selectors = [m.get("content") for m in parent.iter("meta") if m.get("itemprop") == "cssSelector"] \
            if parent is not None and parent.get("itemprop") == "hasPart" else []
        _declare(page, meta.get("content"), selectors or None)


def _json_objects(data) -> Iterable[dict]:
    """Every object of a JSON-LD document (``@graph``, ``hasPart`` and all), to a bounded depth."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > _MAX_JSON_DEPTH:
            continue
        if isinstance(value, dict):
            yield value
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value[:1000] if isinstance(v, (dict, list)))


def _declare(page: _Page, value, selector) -> None:
    free = _as_bool(value)
    if free is None:
        return
    given = selector if isinstance(selector, list) else [selector]
    selectors = [s for s in given if isinstance(s, str) and s.strip()]
    if selectors:
        if not free:
            page.locked_selectors.extend(selectors)
    elif page.declared_free is not False:  # one "not free" anywhere outweighs a "free" elsewhere
        page.declared_free = free


def _as_bool(value) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no"):
        return value.strip().lower() in ("true", "yes")
    return None


_COMPOUND = re.compile(r"^([a-z][a-z0-9-]*)?((?:[.#][\w-]+)+)?$", re.I)
_SELECTOR_PART = re.compile(r"[.#][\w-]+")


def _simple_selector(selector: str) -> tuple[str | None, tuple[str, ...], str | None] | None:
    """(tag, classes, id) of the last compound of a CSS selector (``article .meteredContent`` -> its
    ``.meteredContent``); None for selectors beyond that (attribute selectors, pseudo-classes)."""
    last = selector.split(",")[0].strip().split()[-1] if selector.strip() else ""
    match = _COMPOUND.match(last)
    if not last or match is None or not (match.group(1) or match.group(2)):
        return None
    parts = _SELECTOR_PART.findall(match.group(2) or "")
    ids = [p[1:] for p in parts if p[0] == "#"]
    return (match.group(1) or None, tuple(p[1:] for p in parts if p[0] == "."), ids[0] if ids else None)


def _matches(element, tag: str, selector: tuple[str | None, tuple[str, ...], str | None]) -> bool:
    want_tag, classes, want_id = selector
    if want_tag and want_tag.lower() != tag:
        return False
    if want_id and element.get("id") != want_id:
        return False
    return not classes or set(classes) <= set((element.get("class") or "").split())


# ------------------------------------------------------------------------------------------------ the rules


def classify_page(tree, paragraphs: Sequence[str] = (), *, http_status: int | None = None,
                  markers: Markers | None = None) -> PageKind:
    """The kind of a parsed page (lxml, as ``trafilatura.load_html`` makes it) whose extraction gave
    ``paragraphs`` (the article text: empty when nothing was found). Never raises: a page the rules cannot read
    is an article, as it was before they existed."""
    if tree is None:
        return ARTICLE
    try:
        markers = markers or load_markers()
        if http_status not in markers.challenge_statuses and _longer_than(paragraphs, _any_limit(markers)):
            return ARTICLE  # nearly every page: no kind allows this much text, so the page is not even read
        walls = http_status in markers.challenge_statuses or not _longer_than(paragraphs, _wall_limit(markers))
        page = _gather(tree, markers, walls=walls)
        return _classify(page, [p.translate(_QUOTES) for p in paragraphs], http_status, markers)
    except Exception as exc:  # lxml or regex trouble on hostile markup must not cost the article
        log.warning("page kind not decided (%r): kept as an article", exc)
        return ARTICLE


def classify_html(html: bytes | str, paragraphs: Sequence[str] = (), *, http_status: int | None = None,
                  markers: Markers | None = None) -> PageKind:
    """:func:`classify_page` of raw HTML (parsed as the extractor parses it)."""
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
    except Exception as exc:  # unparseable: nothing to say about it
        log.warning("page kind not decided, page unparseable (%r)", exc)
        return ARTICLE
    return classify_page(tree, paragraphs, http_status=http_status, markers=markers)


def blocked_response(fetch) -> Extracted | None:
    """A failed response (403/429/503) whose body is an anti-bot challenge, as the ``blocked`` extraction of
    its article (no text, the reason in ``error``); None for an ordinary HTTP failure (``failed``)."""
    from ..records import Extracted
    from .core import is_html_like

    try:
        markers = load_markers()
        if fetch.http_status not in markers.challenge_statuses or not fetch.body:
            return None
        if not is_html_like(fetch.content_type, fetch.body):
            return None
        kind = classify_html(fetch.body, (), http_status=fetch.http_status, markers=markers)
    except Exception as exc:  # never worse than before: an HTTP failure
        log.warning("challenge check of %s failed (%r)", fetch.url, exc)
        return None
    if kind.kind != "blocked":
        return None
    return Extracted(status="blocked", text_source=None, error=kind.reason)


def _classify(page: _Page, paragraphs: list[str], http_status: int | None, markers: Markers) -> PageKind:
    for rule in (_blocked, _error_page, _consent, _js_required, _paywalled):
        kind = rule(page, paragraphs, http_status, markers)
        if kind is not None:
            return kind
    return ARTICLE


def _any_limit(markers: Markers) -> int:
    return max(markers.limits[k] for k in ("wall_words", "shell_words", "error_words", "teaser_words"))


def _wall_limit(markers: Markers) -> int:
    return max(markers.limits[k] for k in ("wall_words", "shell_words"))


def _longer_than(paragraphs: Sequence[str], limit: int) -> bool:
    count = 0
    for paragraph in paragraphs:
        count += words(paragraph)
        if count > limit:
            return True
    return False


def _search(markers: Markers, name: str, texts: Sequence[str]) -> str | None:
    """The phrase a pattern list matches in ``texts`` (each on its own: ``^``/``$`` anchor to it), else None."""
    pattern = markers.patterns.get(name)
    if pattern is None:
        return None
    for text in texts:
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None


# what separates a title from the site's name in it ("Story - Site", "Story | Site")
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014:-]\s+|\s*\|\s*")


def _title_parts(page: _Page) -> list[str]:
    """The title, each of its parts around a site-name separator, and the first h1."""
    parts = [page.title, *(p.strip() for p in _TITLE_SEPARATOR.split(page.title)), page.h1]
    return [p for p in parts if p]


def _beside(paragraphs: list[str], markers: Markers, name: str) -> int:
    """Article words in the paragraphs that are not the wall's own text (``name``: its pattern list)."""
    pattern = markers.patterns.get(name)
    return sum(words(p) for p in paragraphs if pattern is None or not pattern.search(p))


def _blocked(page: _Page, paragraphs, http_status, markers: Markers) -> PageKind | None:
    limits = markers.limits
    title = _search(markers, "blocked.titles", _title_parts(page))
    text = _search(markers, "blocked.texts", page.lines)
    strong = _search(markers, "blocked.strong_markup", page.markup)
    weak = _search(markers, "blocked.weak_markup", page.markup)
    found = title or text or strong or weak
    if found is None:
        return None
    left = _beside(paragraphs, markers, "blocked.texts")
    named = title or text or strong  # only challenges say these; a captcha widget or Cloudflare's script may not
    if http_status in markers.challenge_statuses and (named or _small_page(page, 0, markers)):
        return PageKind("blocked", f"anti-bot challenge (HTTP {http_status}, {found!r})")
    if named and left <= limits["wall_words"]:
        return PageKind("blocked", f"anti-bot challenge ({named!r}; {left} words of text)")
    if weak and left <= limits["shell_words"] and _small_page(page, 0, markers):
        return PageKind("blocked", f"anti-bot challenge ({weak!r} on a page of {left} words of text)")
    return None


def _error_page(page: _Page, paragraphs, http_status, markers: Markers) -> PageKind | None:
    found = _search(markers, "error_page.titles", _title_parts(page))
    if found is None:
        return None
    count = sum(map(words, paragraphs))
    if count > markers.limits["error_words"]:
        return None
    return PageKind("error_page", f"error page served with HTTP {http_status or 200} "
                                  f"(title {found!r}; {count} words of text)")


def _consent(page: _Page, paragraphs, http_status, markers: Markers) -> PageKind | None:
    strong, weak = markers.patterns.get("consent.texts"), markers.patterns.get("consent.weak_texts")
    if strong is None:
        return None
    found = _search(markers, "consent.texts", page.lines)
    if found is None:
        return None
    dialog = [line for line in page.lines if strong.search(line) or (weak is not None and weak.search(line))]
    left = sum(words(p) for p in paragraphs
               if not strong.search(p) and (weak is None or not weak.search(p)))
    dialog_words = sum(map(words, dialog))
    # a wall: little article text, the dialog outweighing it (a banner beside a short brief does not), and not
    # much else on the page (a page showing its article around a banner is an article extraction missed)
    if left > markers.limits["wall_words"] or dialog_words < max(left, 1):
        return None
    if not _small_page(page, dialog_words, markers):
        return None
    return PageKind("consent", f"consent wall ({found!r}; {left} words of text)")


def _small_page(page: _Page, wall_words: int, markers: Markers) -> bool:
    """Whether the page shows little besides its wall's ``wall_words`` words."""
    return sum(map(words, page.lines)) - wall_words <= markers.limits["page_words"]


def _js_required(page: _Page, paragraphs, http_status, markers: Markers) -> PageKind | None:
    ignore = markers.patterns.get("js_required.ignore")
    candidates = [t for t in (*page.noscript, *page.lines) if ignore is None or not ignore.search(t)]
    found = _search(markers, "js_required.texts", candidates)
    if found is None:
        return None
    left = _beside(paragraphs, markers, "js_required.texts")
    if left > markers.limits["shell_words"] or not _small_page(page, 0, markers):
        return None
    return PageKind("js_required", f"JavaScript shell ({found!r}; {left} words of text)")


def _after_text(page: _Page, paragraphs: list[str], lines: int) -> list[str]:
    """The text's last paragraphs and the page lines right after them (where a paywall prompt stands; the
    extraction's clean-up drops it from the text)."""
    if not paragraphs:
        return []
    tail = paragraphs[-lines:]
    key = " ".join(tail[-1].split())[:80]
    for i in range(len(page.lines) - 1, -1, -1):
        if key and key in page.lines[i]:
            return [*tail, *page.lines[i + 1 : i + 1 + lines]]
    return tail


def _paywalled(page: _Page, paragraphs, http_status, markers: Markers) -> PageKind | None:
    limits = markers.limits
    count = sum(map(words, paragraphs))
    if count > limits["teaser_words"]:
        return None
    prose = sum(n for n in map(words, page.lines) if n >= limits["prose_line_words"])
    if prose - count > limits["missed_prose_words"]:
        return None  # the article is on the page: whatever the markers say, it was served
    prompt = (_search(markers, "paywalled.texts", _after_text(page, paragraphs, limits["tail_paragraphs"]))
              or _search(markers, "paywalled.texts", page.paywall_text))
    description = words(page.description)
    shorter = description >= limits["description_min_words"] and count < description
    if page.locked_parsed and page.locked_words < limits["locked_part_words"]:
        return PageKind("paywalled", f"paywall teaser (declares {page.locked_selectors[0]!r} not free and serves "
                                     f"{page.locked_words} words of it; {count} words of text)")
    if page.declared_free is False and not page.locked_parsed and (prompt or page.paywall_text or shorter):
        return PageKind("paywalled", f"paywall teaser (isAccessibleForFree false; {count} words of text)")
    if prompt:
        return PageKind("paywalled", f"paywall teaser ({prompt!r}; {count} words of text)")
    if page.paywall_text and shorter:
        return PageKind("paywalled", f"paywall teaser (paywall markup, text shorter than the page's description: "
                                     f"{count} < {description} words)")
    return None
