"""Stage 3: clean article text and metadata from a fetched page, with trafilatura.

Runs in worker processes (CPU-bound), so everything here is a pure function of its picklable inputs.
"""

from __future__ import annotations

import logging
import re

from .extract_rules import clean_paragraphs, linked_list_items, looks_like_menu, merge_split_body
from .records import Extracted, FetchResult

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain")
_LINE = re.compile(r"[ \t\u00a0]+")
# below this many letters a language guess is noise
_MIN_CHARS_FOR_LANGUAGE = 40


def is_html_like(content_type: str | None, body: bytes | None) -> bool:
    if content_type:
        return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES
    # No header at all: sniff, as browsers do.
    head = (body or b"")[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body"))


def extract_article(fetch: FetchResult, fallback_text: str | None = None) -> Extracted:
    """Extract text, title, author, date, site name and language from a fetched page.

    Bytes are parsed once by trafilatura's loader: it decodes them with the page's own declaration and its
    charset detection, which beats trusting a server's (often wrong or missing) charset header. On that tree an
    article body split into same-class chunks is joined, then trafilatura extracts in ``fast`` mode (no
    readability/justext comparison: better on the AEB benchmark and about a quarter cheaper), with the full
    cascade only when the fast result looks like a menu. The text's lines then lose the headline and standfirst
    (kept as metadata), boilerplate lines and a closing list of links (see :mod:`.extract_rules`, which records
    what each step measured). When nothing is left, the feed's summary is used and marked as such
    (``status='empty'``, ``text_source='feed_summary'``).
    """
    if not is_html_like(fetch.content_type, fetch.body):
        return Extracted(status="unsupported", text_source=None, error=f"content type {fetch.content_type!r} is not HTML")
    document = None
    error = None
    tree = None
    declared: dict[str, str | None] = {}
    runs: dict[str, int] = {}
    try:
        import trafilatura

        tree = trafilatura.load_html(fetch.body or b"")
        declared = declared_urls(tree)
        runs = _adjacent_runs(tree) if tree is not None else {}
        if tree is not None:
            merge_split_body(tree)
        document = _bare_extraction(tree, fetch, fast=True)
        if document is not None and looks_like_menu(split_lines(document.text or "")):
            # fast mode settles for a menu dump on a few layouts; the full cascade (readability/justext
            # comparison) finds the article there, at twice the cost, so only then
            document = _bare_extraction(tree, fetch, fast=False) or document
    except Exception as exc:  # trafilatura/lxml on hostile markup: record, never crash the batch
        log.warning("trafilatura failed on %s: %r", fetch.url, exc)
        error = f"extractor error: {type(exc).__name__}: {exc}"
    meta = _metadata(document)
    paragraphs = split_lines(meta.pop("text", None) or "")
    if paragraphs:
        paragraphs = restore_adjacent_repeats(paragraphs, runs)
        paragraphs = clean_paragraphs(
            paragraphs,
            lambda: linked_list_items(tree),
            title=meta.get("title"),
            headings=_leading_headings(document),
            description=meta.get("description"),
        )
    if paragraphs:
        status, source = "ok", "extracted"
    else:
        paragraphs = split_paragraph_block(fallback_text or "")
        status, source = "empty", ("feed_summary" if paragraphs else None)
    # a paywall teaser, consent wall, challenge, JavaScript shell or error page: a status of its own (retried as
    # failures are), its text kept and named by text_source, the reason in error (pipeline.pagekind)
    from .pagekind import classify_page

    page = classify_page(tree, paragraphs if status == "ok" else ())
    if not page.is_article:
        status, source, error = page.kind, page.text_source(source), "; ".join(filter(None, (error, page.reason)))
    language, score = detect_language("\n".join(paragraphs))
    return Extracted(
        status=status,
        text_source=source,
        paragraphs=tuple(paragraphs),
        language=language,
        language_score=score,
        error=error,
        **meta,
        **declared,
    )


def declared_urls(tree) -> dict[str, str | None]:
    """The page's own statement of its URL: ``<link rel="canonical">`` and ``og:url``, as written.

    A page declaring two different ones is ambiguous (search engines ignore both): None then, as for none."""
    if tree is None:
        return {}
    try:
        return _declared_urls(tree)
    except Exception as exc:  # lxml on hostile markup: the text matters more than the page's claimed URL
        log.warning("could not read the declared URL of a page: %r", exc)
        return {}


def _declared_urls(tree) -> dict[str, str | None]:
    canonical = _one({str(href).strip() for href in tree.xpath(
        "//link[contains(concat(' ', translate(normalize-space(@rel), 'CANONICAL', 'canonical'), ' '), ' canonical ')]/@href")})
    og = _one({str(content).strip() for content in tree.xpath(
        "//meta[translate(@property, 'OGURL', 'ogurl') = 'og:url' or translate(@name, 'OGURL', 'ogurl') = 'og:url']/@content")})
    return {"canonical_link": canonical, "og_url": og}


def _one(values: set[str]) -> str | None:
    values.discard("")
    return values.pop() if len(values) == 1 else None


# trafilatura drops an element that repeats the one before it when longer than this (MIN_DUPLICATE_LENGTH);
# shorter adjacent repeats it keeps, so only longer ones need restoring.
_TRAFILATURA_MIN_DUPLICATE = 50
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt", "div")


def restore_adjacent_repeats(paragraphs: list[str], runs: dict[str, int]) -> list[str]:
    """Put back the adjacent repeats trafilatura silently drops, so every occurrence is recorded.

    trafilatura removes a substantial element that repeats the one right before it (an artefact filter in its
    main extractor). For us that loses provenance: the syndication glitch that prints a headline twice is
    exactly what the paragraph table must record. We find runs of identical sibling blocks in the page and,
    where trafilatura kept fewer copies of that text in a row, restore the page's count.
    """
    if not runs:
        return paragraphs
    from .dedup import normalize_paragraph

    out: list[str] = []
    i = 0
    while i < len(paragraphs):
        key = normalize_paragraph(paragraphs[i])
        j = i
        while j < len(paragraphs) and normalize_paragraph(paragraphs[j]) == key:
            j += 1
        out.extend(paragraphs[i:j])
        out.extend([paragraphs[i]] * (runs.get(key, 0) - (j - i)))
        i = j
    return out


def _adjacent_runs(root) -> dict[str, int]:
    """Longest run of identical adjacent sibling blocks per normalised text (only texts trafilatura would drop)."""
    from .dedup import normalize_paragraph

    runs: dict[str, int] = {}
    for element in root.iter(*_BLOCKS):
        previous = element.getprevious()
        while previous is not None and not isinstance(previous.tag, str):  # skip comments
            previous = previous.getprevious()
        if previous is None or previous.tag != element.tag:
            continue
        text = " ".join(element.text_content().split())
        if len(text) <= _TRAFILATURA_MIN_DUPLICATE or " ".join(previous.text_content().split()) != text:
            continue
        # length of the run ending here
        length, node = 2, previous.getprevious()
        while node is not None and getattr(node, "tag", None) == element.tag and " ".join(node.text_content().split()) == text:
            length, node = length + 1, node.getprevious()
        key = normalize_paragraph(text)
        runs[key] = max(runs.get(key, 0), length)
    return runs


def _bare_extraction(tree, fetch: FetchResult, fast: bool):
    import trafilatura

    if tree is None:
        return None
    return trafilatura.bare_extraction(
        tree,  # trafilatura works on its own copy: ours stays intact for the clean-up rules
        url=fetch.final_url or fetch.url,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,  # our dedup state lives in DuckDB, not in an in-process cache
    )


def _leading_headings(document: object, within: int = 6) -> list[str]:
    """Texts of the headings among the first blocks of trafilatura's output (``<head>`` in its XML body)."""
    body = getattr(document, "body", None)
    if body is None:
        return []
    return [" ".join("".join(child.itertext()).split()) for child in list(body)[:within] if child.tag == "head"]


def _metadata(document: object) -> dict[str, str | None]:
    if document is None:
        return {"text": None}
    get = (lambda k: getattr(document, k, None)) if not isinstance(document, dict) else document.get
    return {
        "text": get("text"),
        "title": get("title"),
        "author": get("author"),
        "date": get("date"),
        "site_name": get("sitename"),
        "description": get("description"),
    }


def split_lines(text: str) -> list[str]:
    """trafilatura's text output puts each block (paragraph, heading, list item) on its own line."""
    out = []
    for line in text.splitlines():
        line = _LINE.sub(" ", line).strip()
        if line:
            out.append(line)
    return out


def split_paragraph_block(text: str) -> list[str]:
    """Paragraphs of a feed summary (blank-line separated, as :func:`text.html_to_text` makes them)."""
    return [p for p in (_LINE.sub(" ", " ".join(part.split())).strip() for part in re.split(r"\n\s*\n", text)) if p]


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code of the text's language (py3langid), or None when there is too little text to tell."""
    letters = sum(ch.isalpha() for ch in text[:5000])
    if letters < _MIN_CHARS_FOR_LANGUAGE:
        return None, None
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    global _IDENTIFIER
    if _IDENTIFIER is None:  # loaded once per worker process
        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    language, probability = _IDENTIFIER.classify(text[:20000])
    return language, round(float(probability), 4)


_IDENTIFIER = None
