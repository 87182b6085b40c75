"""Stage 3: clean article text and metadata from a fetched page, with trafilatura.

Runs in worker processes (CPU-bound), so everything here is a pure function of its picklable inputs.
"""

from __future__ import annotations

import logging
import re

from ..records import Extracted, FetchResult
from ..text import NOT_XML, repaired_utf8, xml_safe_references
from .rules import (
    SETTINGS,
    Settings,
    clean_paragraphs,
    contained_share,
    cut_too_far,
    has_prose_cell,
    is_other_block,
    linked_list_items,
    looks_like_menu,
    looks_suspect,
    merge_split_body,
    rows_to_text,
    unwrap_layout_tables,
)

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain")
_LINE = re.compile(r"[ \t\u00a0]+")
# the joined page's text must hold this share of the unjoined text's word 4-grams
_KEEPS_ALL = 0.9
# below this many letters a language guess is noise
_MIN_CHARS_FOR_LANGUAGE = 40
# characters of the text the language is identified from (detect_language)
_LANGUAGE_SAMPLE_CHARS = 2400
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def is_html_like(content_type: str | None, body: bytes | None) -> bool:
    if content_type:
        return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES
    # No header at all: sniff, as browsers do.
    head = (body or b"")[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body"))


def extract_article(fetch: FetchResult, fallback_text: str | None = None, settings: Settings = SETTINGS) -> Extracted:
    """Extract text, title, author, date, site name and language from a fetched page.

    Bytes are parsed once by trafilatura's loader: it decodes them with the page's own declaration and its
    charset detection, which beats trusting a server's (often wrong or missing) charset header. trafilatura
    extracts in ``fast`` mode (no readability/justext comparison); an article body split into same-class chunks
    is joined when that keeps the text and adds to it (:func:`_joined_body`); where the pick may be wrong (short
    or not prose) the full cascade runs too, and a story laid out in table cells is extracted again with the layout
    tables unwrapped (:func:`_second_look`). Layout rows become their cells' text; the lines then lose the
    headline and standfirst (kept as metadata) and boilerplate lines. Should that clean-up leave nothing or only
    a small share of trafilatura's text, trafilatura's text is kept (``text_source='extracted_unfiltered'``,
    the reason logged). Every step is a switch of ``settings`` (:class:`.extract_rules.Settings`, whose module
    records what each measured). When nothing is left, the feed's summary is used and marked as such
    (``status='empty'``, ``text_source='feed_summary'``). The one lxml tree serves every step (trafilatura works
    on copies of it); the metadata is read once, for the fields kept (:func:`page_metadata`), and the language
    from a bounded sample of the text (:func:`language_sample`).
    """
    if not is_html_like(fetch.content_type, fetch.body):
        return Extracted(status="unsupported", text_source=None, error=f"content type {fetch.content_type!r} is not HTML")
    document = None
    error = None
    damage = None  # bad bytes replaced in decoding: kept in the row's error whatever the status
    tree = None
    declared: dict[str, str | None] = {}
    runs: dict[str, int] = {}
    try:
        import trafilatura

        # a page declared and written in UTF-8 keeps its charset despite a few bad bytes (pipeline.text)
        body, damaged = repaired_utf8(fetch.body or b"", fetch.content_type)
        if damaged:
            damage = f"{damaged} bytes not valid UTF-8 replaced by U+FFFD (the page declares UTF-8)"
            log.info("%s: %s", fetch.url, damage)
        body, replaced = xml_safe_references(body)
        if replaced:
            log.info("%s: %d character references to characters XML forbids replaced by U+FFFD", fetch.url, replaced)
        tree = trafilatura.load_html(body)
        damage = "; ".join(filter(None, (damage, depth_cut(tree)))) or None
        declared = declared_urls(tree)
        runs = _adjacent_runs(tree) if tree is not None else {}
        document = _bare_extraction(tree, fetch, settings, fast=settings.fast)
        if document is not None and settings.merge_split_body:
            tree = _joined_body(document, tree, fetch, settings)
        if document is not None:
            _second_look(document, tree, fetch, settings)
    except Exception as exc:  # trafilatura/lxml on hostile markup: record, never crash the batch
        log.warning("trafilatura failed on %s: %r", fetch.url, exc)
        error = f"extractor error: {type(exc).__name__}: {exc}"
    meta = _metadata(document)
    paragraphs = split_lines(meta.pop("text", None) or "")
    source = "extracted"
    if paragraphs:
        paragraphs = restore_adjacent_repeats(paragraphs, runs)
        if settings.table_rows:
            paragraphs = rows_to_text(paragraphs)
        paragraphs, source = _clean(paragraphs, tree, document, meta, fetch, settings)
    if paragraphs:
        status = "ok"
    else:
        error = error or parser_failure(tree, fetch.body)
        paragraphs = split_paragraph_block(fallback_text or "")
        status, source = "empty", ("feed_summary" if paragraphs else None)
    # a paywall teaser, consent wall, challenge, JavaScript shell or error page: a status of its own (retried as
    # failures are), its text kept and named by text_source, the reason in error (pipeline.extract.pagekind)
    from .pagekind import classify_page

    page = classify_page(tree, paragraphs if status == "ok" else ())
    if not page.is_article:
        status, source, error = page.kind, page.text_source(source), "; ".join(filter(None, (error, page.reason)))
    error = "; ".join(filter(None, (damage, error))) or None
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


# libxml2 builds no element deeper than this without XML_PARSE_HUGE (which trafilatura's parser does not set, and
# which would let a hostile page cost minutes of extraction): what a page nests deeper is dropped without an error
_PARSER_MAX_DEPTH = 255


def depth_cut(tree) -> str | None:
    """Why the tree lacks part of the page when the parser stopped at its depth limit, else None.

    A page whose paragraphs each open a ``<div>`` they never close reaches the limit after some 128 of them, and
    every paragraph after that was lost while the article was stored as a whole ``ok`` one."""
    if tree is None:
        return None
    from lxml import etree

    depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > _PARSER_MAX_DEPTH:
            return (f"parser error: the page nests elements deeper than {_PARSER_MAX_DEPTH} levels (unclosed tags); "
                    f"its text past that depth was lost")
    return None


def parser_failure(tree, body: bytes | None) -> str | None:
    """Why a page gave no text when the cause is the parser, not the page: None for a page that has no article.

    trafilatura swallows lxml's errors and returns nothing, exactly as for a page with no text: without this an
    ``empty`` row could not tell a bare page from a page lost to one character (``error`` says which)."""
    if tree is None:
        return "parser error: no HTML tree could be built from the page" if (body or b"").strip() else None
    try:
        text = tree.text_content()
    except Exception as exc:  # lxml on hostile markup
        return f"parser error: the page's text could not be read: {type(exc).__name__}: {exc}"
    bad = NOT_XML.search(text)
    if bad is not None:
        return f"parser error: the page holds U+{ord(bad[0]):04X}, a character XML forbids; the extractor discarded it"
    return None


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


def _second_look(document, tree, fetch: FetchResult, settings: Settings) -> None:
    """Where the first pick may be the wrong one, extract again and put the better text into ``document``.

    Fast mode can settle on the wrong block (a menu, a listing, a contact box): when its output is suspect the
    full cascade runs too, and its text replaces the fast one when it is another block, not the same story
    with more around it. A story laid out in table cells arrives as one row line glued to the navigation
    cell: it is extracted again with the layout tables turned into plain blocks, and taken when that text is
    the same story. The second runs skip the metadata (the first run's stands) and cost only on such pages.
    """
    lines = split_lines(document.text or "")
    if settings.fast and settings.menu_retry and looks_like_menu(lines):
        _take_text(document, _bare_extraction(tree, fetch, settings, fast=False, with_metadata=False))
    elif settings.fast and settings.other_block and looks_suspect(lines):
        full = _bare_extraction(tree, fetch, settings, fast=False, with_metadata=False)
        if full is not None and is_other_block(document.text or "", full.text or ""):
            _take_text(document, full)
    if settings.layout_tables and has_prose_cell(split_lines(document.text or "")):
        unwrapped = unwrap_layout_tables(tree)
        again = _bare_extraction(unwrapped, fetch, settings, fast=settings.fast, with_metadata=False)
        if again is not None and (again.text or "").strip() and not is_other_block(again.text, document.text or ""):
            _take_text(document, again)


def _joined_body(document, tree, fetch: FetchResult, settings: Settings):
    """The page with its split article body joined, its text put into ``document``, when that keeps what the
    page gave as it is and adds to it; else the page as it is (the tree the later steps read).

    Joining moves containers around, and on some layouts trafilatura then picks a smaller block: a clean-up
    step must not cut the text it was meant to complete.
    """
    if tree is None or not merge_split_body(tree, dry_run=True):
        return tree
    import copy

    joined = copy.deepcopy(tree)
    merge_split_body(joined)
    again = _bare_extraction(joined, fetch, settings, fast=settings.fast, with_metadata=False)
    before, after = document.text or "", (again.text if again is not None else "") or ""
    if len(after) > len(before) and contained_share(before, after) >= _KEEPS_ALL:
        _take_text(document, again)
        return joined
    return tree


def _take_text(document, other) -> None:
    if other is not None:
        document.text, document.body = other.text, other.body


def _clean(paragraphs: list[str], tree, document, meta: dict, fetch: FetchResult, settings: Settings) -> tuple[list[str], str]:
    """The clean-up's lines, or trafilatura's own with ``text_source='extracted_unfiltered'`` and the reason
    logged when the clean-up would leave nothing or only a small share of them."""
    cleaned = clean_paragraphs(
        paragraphs,
        lambda: linked_list_items(tree),
        title=meta.get("title"),
        headings=_leading_headings(document),
        description=meta.get("description"),
        settings=settings,
    )
    reason = cut_too_far(paragraphs, cleaned) if settings.keep_extracted else None
    if reason is None:
        return cleaned, "extracted"
    log.info("%s: %s; keeping trafilatura's text (text_source='extracted_unfiltered')", fetch.url, reason)
    return paragraphs, "extracted_unfiltered"


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
    from ..dedup.exact import normalize_paragraph

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
    from ..dedup.exact import normalize_paragraph

    runs: dict[str, int] = {}
    texts: dict = {}  # each block's text, read once: a block is compared with its next sibling as well
    behind: dict = {}  # block -> length of the run of its likes ending at it (see _run_behind)
    for element in root.iter(*_BLOCKS):
        previous = element.getprevious()
        while previous is not None and not isinstance(previous.tag, str):  # skip comments
            previous = previous.getprevious()
        if previous is None or previous.tag != element.tag:
            continue
        text = _block_text(element, texts)
        if len(text) <= _TRAFILATURA_MIN_DUPLICATE or _block_text(previous, texts) != text:
            continue
        length = 1 + _run_behind(previous, text, texts, behind)  # the run ending here
        key = normalize_paragraph(text)
        runs[key] = max(runs.get(key, 0), length)
    return runs


def _run_behind(node, text: str, texts: dict, behind: dict) -> int:
    """How many blocks in a row end at ``node`` (itself included) with its tag and ``text``, counted once per block.

    Walked back sibling by sibling until a block whose count is known: a page of 5,000 identical paragraphs in a
    row took 27 s when every block walked back the whole run."""
    walked = []
    while node is not None and node not in behind:
        walked.append(node)
        previous = node.getprevious()
        if previous is None or getattr(previous, "tag", None) != node.tag or _block_text(previous, texts) != text:
            break
        node = previous
    count = behind[node] if node is not None and node in behind else 0
    for block in reversed(walked):
        count += 1
        behind[block] = count
    return behind[walked[0]] if walked else count


def _block_text(element, texts: dict) -> str:
    text = texts.get(element)
    if text is None:
        text = texts[element] = " ".join(element.text_content().split())
    return text


def _bare_extraction(tree, fetch: FetchResult, settings: Settings, fast: bool, with_metadata: bool = True):
    """trafilatura's document for the page (None when it finds no text), with the page's metadata when asked.

    The metadata is :func:`page_metadata`'s, read only when there is a document (as trafilatura reads it), from
    the same unmodified tree trafilatura would read it from."""
    import trafilatura

    if tree is None:
        return None
    url = fetch.final_url or fetch.url
    document = trafilatura.bare_extraction(
        tree,  # trafilatura works on its own copy: ours stays intact for the clean-up rules
        url=url,
        fast=fast,
        with_metadata=False,  # page_metadata below: the fields we store, not all of trafilatura's
        include_comments=settings.include_comments,
        include_tables=settings.include_tables,
        favor_precision=settings.favor_precision,
        favor_recall=settings.favor_recall,
        include_images=False,
        deduplicate=False,  # our dedup state lives in DuckDB, not in an in-process cache
    )
    if document is not None and with_metadata:
        metadata = page_metadata(tree, url)
        for field in _METADATA_FIELDS:
            setattr(document, field, getattr(metadata, field))
    return document


# what Extracted keeps of the page's metadata (trafilatura's Document field names)
_METADATA_FIELDS = ("title", "author", "date", "sitename", "description")


def page_metadata(tree, url: str | None):
    """The page's title, author, date, site name and description, as ``trafilatura.extract_metadata`` reads them.

    Its steps in its order with its helpers (trafilatura 2.3), less the fields no one here reads: categories,
    tags and licence (each a walk over the whole page: a fifth to a third of its CPU on the dev sets) and the
    hostname.
    ``tests/test_extract_cpu.py`` holds the result to trafilatura's own. Never raises: a page whose metadata
    cannot be read keeps its text, with no metadata (an empty ``Document``)."""
    from trafilatura.settings import Document

    try:
        return _page_metadata(tree, url)
    except Exception as exc:  # trafilatura/htmldate on hostile markup: the text matters more than the byline
        log.warning("could not read the metadata of %s: %r", url, exc)
        return Document()


def _page_metadata(tree, url: str | None):
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import DEFAULT_CONFIG, set_date_params

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as exc:  # trafilatura's own guard: bugs in its JSON-LD reader
        log.debug("JSON-LD metadata not read: %r", exc)
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    dates = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
    metadata.date = find_date(tree, **{**dates, "url": metadata.url})
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    if metadata.sitename:
        sitename = metadata.sitename.lstrip("@")  # a Twitter handle
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
        metadata.sitename = sitename
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata


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
    return [p for p in (_LINE.sub(" ", " ".join(part.split())).strip() for part in _PARAGRAPH_BREAK.split(text)) if p]


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code of the text's language (py3langid), or None when there is too little text to tell.

    Classified on a bounded sample (:func:`language_sample`): the identifier's cost grows with the text, its
    answer does not change after a few hundred words (on the 257 dev-set pages the sample gives every page the
    language the whole text gives, at a quarter of the CPU)."""
    sample = language_sample(text)
    if not _has_letters(sample, _MIN_CHARS_FOR_LANGUAGE):
        return None, None
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    global _IDENTIFIER
    if _IDENTIFIER is None:  # loaded once per worker process
        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    language, probability = _IDENTIFIER.classify(sample)
    return language, round(float(probability), 4)


def warm_up() -> None:
    """Pay up front the one-time costs that would otherwise land on the first pages that need them: the
    language model, and dateparser's tables for every locale (htmldate's last resort for a date: about 1.5 s of
    CPU the first time a page gets that far, nothing after). For worker initialisers and benchmarks."""
    detect_language("warm up the language identifier with enough letters to classify")
    try:
        from htmldate.extractors import get_external_parser

        # words no locale knows: dateparser tries, and so compiles, every locale's tables
        get_external_parser().get_date_data(_NO_LOCALE_DATE)
    except Exception as exc:  # a warm-up only: the first page that needs the tables builds them
        log.debug("date parser not warmed up: %r", exc)


_NO_LOCALE_DATE = "zzqx 12 qxzz 2020"


def language_sample(text: str, size: int = _LANGUAGE_SAMPLE_CHARS) -> str:
    """The whole text when short; else its start, middle and end, a third of ``size`` each.

    Three places, not the first ``size`` characters: a first part in another language than the body (a quoted
    original, a note in the site's other language) then weighs a third, as the body's share of the page would
    have it, and cannot name the page's language alone."""
    if len(text) <= size:
        return text
    third = size // 3
    middle = (len(text) - third) // 2
    return "\n".join((text[:third], text[middle : middle + third], text[-third:]))


def _has_letters(text: str, needed: int) -> bool:
    """At least ``needed`` letters in ``text``; stops counting once there are (nearly always within a line)."""
    for ch in text:
        if ch.isalpha():
            needed -= 1
            if needed <= 0:
                return True
    return False


_IDENTIFIER = None
