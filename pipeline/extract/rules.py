"""General clean-up around trafilatura, and the settings it runs with: every one measured on two dev sets.

Every rule here is about how news pages are built, never about one site, and none reads a dev set's answers.
Each option and rule is a switch of :class:`Settings`; :data:`SETTINGS` holds the decided values. They were
decided on AEB (181 article pages, 126 hosts) and the readability set (76 real pages of mozilla/readability's
tests), with ``bench/extraction.py``'s scoring, by flipping one switch at a time with all else as decided:

    uv run python bench/extraction_ablation.py    # in process: extract_article + dedup_paragraphs on the bytes

RULE: a switch is on only when it helps or is neutral (gain >= -0.0005 F1) on BOTH sets; one that wins on one
set and loses on the other is off, since that is fitting a set, not the web. ``gain`` is F1 with the switch on
minus F1 with it off; the settings in effect score AEB 0.9737 (bare ``trafilatura.extract`` 0.9525) and
readability 0.9530 (bare 0.9397), with no empty page on either (bare: none); trafilatura 2.3.1.

==============================================================================  =====  ========  ===========
switch (what it does)                                                           state  AEB gain  readability
==============================================================================  =====  ========  ===========
``fast`` trafilatura without its readability/justext comparison, + other_block   on    +0.0032    +0.0080
``other_block`` fast output short or not prose: the cascade's text if another    on    +0.0020    +0.0048
block (:func:`looks_suspect`, :func:`is_other_block`)
``menu_retry`` the cascade for menu-like fast output (:func:`looks_like_menu`)   off   +0.0000    +0.0000
(subsumed by ``other_block``)
``layout_tables`` a story in table cells: extract again with layout tables       on    +0.0010    +0.0001
unwrapped (:func:`unwrap_layout_tables`)
``table_rows`` layout rows become their cells' text (:func:`rows_to_text`)       on    +0.0000    +0.0000
``keep_extracted`` trafilatura's text when the clean-up would cut it to           on    +0.0000    +0.0000
nothing or under a quarter (:func:`cut_too_far`; ``text_source='extracted_unfiltered'``)
``include_comments``                                                             off   -0.0023    -0.0002
``include_tables``                                                               on    +0.0042    +0.0023
``favor_precision`` (empties 1 AEB and 2 readability pages)                      off   -0.0103    -0.0320
``favor_recall``                                                                 off   -0.0017    -0.0061
``merge_split_body`` join a body split into same-class chunks, taken only when   on    +0.0028    +0.0000
it keeps the page's text and adds to it (:func:`merge_split_body`; unguarded: -0.0012 on readability)
``headline`` drop the headline heading (:func:`drop_headline`)                   on    +0.0063    +0.0015
``standfirst`` drop the standfirst heading under it                              on    +0.0020    +0.0001
``link_list`` drop a closing list of links (:func:`drop_trailing_link_list`)     off   +0.0010    -0.0039
boilerplate lines (:func:`is_boilerplate_line`), one pattern at a time:
- ``labels`` widget labels ("Advertisement", "Most read")                         on    +0.0003    +0.0000
- ``cross_links`` "Read more: <headline>"                                         off   +0.0009    -0.0010
- ``click_here`` click-here prompts                                               on    +0.0002    +0.0000
- ``contact`` e-mail and social handles alone on a line                           on    +0.0001    +0.0000
- ``reading_time``                                                                on    +0.0001    +0.0000
- ``newsletter`` newsletter prompts                                               on    +0.0004    +0.0000
- ``follow`` follow/share prompts                                                 on    +0.0003    +0.0000
- ``credits`` "Reporting by", "contributed to this report"                        on    +0.0003    -0.0002
- ``photo_credit``                                                                on    +0.0001    +0.0000
- ``dateline`` a bare date at the top or the end                                  on    +0.0001    +0.0003
==============================================================================  =====  ========  ===========

``table_rows`` and ``keep_extracted`` are score-neutral by construction (the same words, or text that was
there); they keep a page's story a readable paragraph and never let a line rule empty a page silently. Fast
mode with ``other_block`` runs the full cascade on about a quarter of the pages (the suspect ones): the same F1
on both sets as running it on every page, at 75-80% of the CPU. Measured earlier on AEB alone and
left out: a copyright-line rule (-0.0002); the page's JSON-LD ``articleBody`` (16 of 181 pages carry one;
-0.0003 to 0.0000).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# --- split article bodies ---------------------------------------------------------------------------------------

# class/itemprop names CMSs give the element holding the article's paragraphs
_BODY_CLASS = re.compile(
    r"article(?:-|__|_)?body|articlebody|(?:entry|post|article|story)[-_]?(?:content|text|body)|story-?body|body-?text",
    re.I,
)
# a chunk must carry real paragraphs; teaser cards sharing a class name carry a line or two each
_MIN_CHUNK_CHARS = 300


def merge_split_body(tree, dry_run: bool = False) -> int:
    """Join an article body the page splits into several same-class containers; returns how many were joined.

    Some CMSs cut the body into chunks (``div.article__body`` after every few paragraphs, with ads or related
    links between them, each chunk in its own grid row). trafilatura takes the first body container it finds
    and so loses everything after the first break. When two or more non-nested elements carry the same tag and
    the same body-like class inside the same ``<article>`` (or none) and each holds at least a paragraph's worth
    of ``<p>`` text, their children are moved into the first one, in page order. A chunk with an ``<h1>`` of its
    own is another story (sites that append the next article below), never joined. With ``dry_run`` the tree
    is left alone and the count says whether there is anything to join. The extraction takes the joined page's
    text only when it keeps what the page gave as it is (:func:`pipeline.extract.core._joined_body`).
    """
    groups: dict[tuple, list] = {}
    for element in tree.iter("div", "section", "article", "main"):
        cls = element.get("class") or ""
        itemprop = element.get("itemprop")
        if itemprop == "articleBody" or _BODY_CLASS.search(cls):
            # chunks of one story share its <article>; a next story appended below (infinite scroll) has its own
            story = next(element.iterancestors("article"), None)
            groups.setdefault((element.tag, cls, itemprop, story), []).append(element)
    merged = 0
    for members in groups.values():
        if len(members) < 2:
            continue
        member_set = set(members)
        top = [e for e in members if not any(a in member_set for a in e.iterancestors())]
        top = [e for e in top if sum(len(p.text_content()) for p in e.iter("p")) >= _MIN_CHUNK_CHARS]
        # a chunk with its own headline starts another story
        top = top[:1] + [e for e in top[1:] if next(e.iter("h1"), None) is None]
        if len(top) < 2:
            continue
        merged += 1
        if dry_run:
            continue
        first = top[0]
        for other in top[1:]:
            for child in list(other):
                first.append(child)
            parent = other.getparent()
            if parent is not None:
                parent.remove(other)
    return merged


# --- menu-like output -------------------------------------------------------------------------------------------

_MENU_MIN_LINES = 20
_MENU_SHORT_CHARS = 30
_MENU_SHORT_SHARE = 0.8


def looks_like_menu(paragraphs: Sequence[str]) -> bool:
    """Output that is mostly short lines is a site's navigation, not an article (worth a slower second try).

    Over AEB's fast-mode outputs the one page where this holds (853 lines, 99% under 30 characters) is a menu
    dump, which the full cascade turns into the article. Off (``Settings.menu_retry``): :func:`looks_suspect`
    catches that page too, with the other wrong picks.
    """
    if len(paragraphs) < _MENU_MIN_LINES:
        return False
    short = sum(len(p) < _MENU_SHORT_CHARS for p in paragraphs)
    return short >= _MENU_SHORT_SHARE * len(paragraphs)


# --- headline ---------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)
_HEADLINE_WITHIN = 3  # the headline is among the first lines, after at most a kicker or a section label


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def drop_headline(
    paragraphs: list[str], title: str | None, headings: Sequence[str] = (), description: str | None = None
) -> list[str]:
    """Drop the headline (with any kicker or section label above it) and a standfirst heading under it.

    The title is stored apart (``articles.title``); trafilatura often keeps the page's ``<h1>`` as the first
    line. A line is the headline when it is one of the body's leading ``headings`` and its words are the
    title's, or a run of at least three words inside the title covering half of it (titles often carry a
    "| Site name" suffix). A headline the body prints again in its paragraphs is left alone, heading included:
    that is the syndication glitch the paragraph table records, with every occurrence. The line right after the headline goes too when it is a
    heading whose words are the page's description: the standfirst, which the page's metadata keeps.
    Measured: headline +0.0044 F1, standfirst +0.0019, all of it precision.
    """
    if not title or not paragraphs:
        return paragraphs
    heads = {" ".join(_tokens(h)) for h in headings}
    title_tokens = _tokens(title)
    title_text = " " + " ".join(title_tokens) + " "
    for index, paragraph in enumerate(paragraphs[:_HEADLINE_WITHIN]):
        tokens = _tokens(paragraph)
        text = " ".join(tokens)
        if len(tokens) < 2 or text not in heads:
            continue
        if text == title_text.strip() or (
            len(tokens) >= 3 and f" {text} " in title_text and len(tokens) >= 0.5 * len(title_tokens)
        ):
            rest = paragraphs[index + 1 :]
            if any(" ".join(_tokens(p)) == text for p in rest[:_HEADLINE_WITHIN]):
                return paragraphs  # the body prints it again: keep every occurrence, so the repeats are counted
            if rest and description and " ".join(_tokens(rest[0])) in heads:
                if " ".join(_tokens(rest[0])) == " ".join(_tokens(description)):
                    rest = rest[1:]
            return rest
    return paragraphs


# --- boilerplate lines ------------------------------------------------------------------------------------------

_EDGE = r"[\s\-–—|:»>.!…]*"
# whole lines that are a widget's label, never a sentence of the story
_LABELS = (
    r"advertisement", r"advertising", r"sponsored(?: content)?", r"ad", r"comments?", r"\d+ comments?", r"tags?",
    r"explore further", r"you (?:may|might) also like", r"read more", r"read next", r"see also", r"don'?t miss",
    r"related(?: (?:articles?|stor(?:y|ies)|posts?|content|links|coverage|reading|news))?",
    r"recommended(?: for you| reading| stories)?", r"most (?:read|popular|viewed)(?: .{1,30})?", r"popular on .{1,30}",
    r"share(?: this)?(?: article| story| post| page)?", r"print(?: article| this)?", r"order reprints",
    r"thank you", r"thanks for (?:reading|signing up)", r"sorry", r"loading", r"trending(?: now| stories)?",
    r"top stories", r"latest(?: news| stories)?", r"more (?:stories|news|from .{1,30})", r"what to read next",
    r"skip (?:ad|advertisement)", r"continue reading(?: below| the main story)?",
    r"story continues (?:below|after advertisement)", r"advertisement - scroll to continue",
    r"scroll to continue with content", r"back to top",
)
_LABEL_LINE = re.compile(rf"^{_EDGE}(?:{'|'.join(_LABELS)}){_EDGE}$", re.I)
# "Read more: <another story's headline>" and its kin
_CROSS_LINK = re.compile(
    r"^[\[(]?\s*(?:read more|see more|read also|also read|read next|related|related (?:post|article|story|content|"
    r"coverage|reading)|recommended|more|also on \S+|see also|watch|listen|click here|read|leggi anche|"
    r"lesen sie auch|lire aussi|leia também|veja também|lea también)\s*[:|»]\s*\S",
    re.I,
)
_NEWSLETTER = re.compile(
    r"\b(?:sign(?:ing)?[ -]?up|subscribe|subscribing|subscription|register)\b.*\b(?:newsletters?|inbox)\b"
    r"|\b(?:newsletters?|inbox)\b.*\b(?:sign(?:ing)? up|subscribe|subscribing)\b",
    re.I,
)
_CLICK_HERE = re.compile(
    r"^\W*(?:click|tap) here (?:to|for) (?:subscribe|sign up|get (?:the|our) .{1,40} app|download (?:the|our) "
    r".{1,40} app|follow|join|read more|see more|learn more)\b",
    re.I,
)
_FOLLOW = re.compile(
    r"^\W*(?:follow (?:us|him|her|them|@\w+|[\w .'’]{1,40} on (?:twitter|facebook|instagram|linkedin|youtube))"
    r"|like this (?:story|article)\??|share (?:this|it) with|get (?:the latest|our) .{0,40}(?:inbox|newsletter|app)"
    r"|subscribe to|join (?:us|our) )",
    re.I,
)
_CREDITS = re.compile(
    r"^\W*(?:\(?\s*(?:additional )?reporting by\b.*|\(?\s*(?:writing|editing|edited) by\b.*"
    r"|.{0,200}\bcontributed (?:to )?(?:this )?(?:report|reporting|to this story|to this article)\b.*)$",
    re.I,
)
# an address's local part has no "@": with \S+ there, a line of many "@" backtracked in cubic time (4,000 of them
# took 40 s; test_properties.py)
_CONTACT = re.compile(
    r"^\W*(?:(?:e-?mail|write to|reach|contact) .{0,80}(?:\bat\b|:)\s*[^\s@]+@\S+|[^\s@]+@\S+\.\w+"
    r"|(?:https?://)?(?:www\.)?(?:twitter|facebook|instagram)\.com/\S+|@\w+)\W*$",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"^\W*(?:(?:photo|image|picture|video)s?(?: credit)?|credit|source|fonte|foto)\s*:\s*.{0,120}$", re.I)
_READING_TIME = re.compile(
    r"^\W*(?:\d+\s*(?:min(?:ute)?s?|minutos?)\s*(?:read|de leitura|di lettura|de lectura)"
    r"|(?:reading time|tempo de leitura|tempo di lettura|tiempo de lectura|lesezeit)\s*:?\s*\d+.*)\W*$",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_WORDS = re.compile(
    r"\b(?:\d{1,4}|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\.m|p\.m|gmt|utc|est|edt|pst|pdt|cet|bst|updated?|published"
    r"|posted|last|at|on|de|às|as|t\d+)\b",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_SHORT_WORDS = 40  # prompts and credits are short; a long paragraph that mentions a newsletter is prose
_DATELINE_TOP = 3


def _is_dateline(line: str) -> bool:
    """"UPDATED: Tue., Nov. 19, 2019", "- Published 18 November 2019": a date and nothing else."""
    if len(line) > 80 or not _YEAR.search(line):
        return False
    return len(_WORD.findall(_DATE_WORDS.sub(" ", line))) <= 1


# each boilerplate pattern by name, so a setting can switch one off (``Settings.boilerplate``) and the ablation
# bench can measure it alone; every check takes (line, index, count)
BOILERPLATE_CHECKS: dict[str, Callable[[str, int, int], bool]] = {
    "labels": lambda line, i, n: bool(_LABEL_LINE.search(line)),
    "cross_links": lambda line, i, n: bool(_CROSS_LINK.search(line)),
    "click_here": lambda line, i, n: bool(_CLICK_HERE.search(line)),
    "contact": lambda line, i, n: bool(_CONTACT.search(line)),
    "reading_time": lambda line, i, n: bool(_READING_TIME.search(line)),
    "newsletter": lambda line, i, n: len(line.split()) <= _SHORT_WORDS and bool(_NEWSLETTER.search(line)),
    "follow": lambda line, i, n: len(line.split()) <= _SHORT_WORDS and bool(_FOLLOW.search(line)),
    "credits": lambda line, i, n: len(line.split()) <= _SHORT_WORDS and bool(_CREDITS.search(line)),
    "photo_credit": lambda line, i, n: len(line.split()) <= 25 and bool(_PHOTO_CREDIT.search(line)),
    # a bare date only at the top (or as the last line), where pages print the publication stamp; inside a
    # live blog it is a section time
    "dateline": lambda line, i, n: (i < _DATELINE_TOP or i == n - 1) and _is_dateline(line),
}


def is_boilerplate_line(line: str, index: int = 0, count: int = 1, checks: Iterable[str] | None = None) -> bool:
    """A line a page adds around every story: widget labels, cross-links, prompts, credits, datelines.

    ``index``/``count`` place the line in the article (see the ``dateline`` check); ``checks`` names the
    patterns to apply (all by default).
    """
    names = BOILERPLATE_CHECKS if checks is None else checks
    return any(BOILERPLATE_CHECKS[name](line, index, count) for name in names)


# --- trailing link lists ----------------------------------------------------------------------------------------

_LIST_ITEM = "- "  # how trafilatura's text output marks a list item
_MIN_LINK_LIST = 3
_MAX_AFTER_LINK_LIST = 2  # a sign-off line or two may follow the list


_NOT_WORD = re.compile(r"\W+")


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text).casefold()


def linked_list_items(tree) -> set[str]:
    """Keys of the page's ``<li>`` elements that hold a link (for :func:`drop_trailing_link_list`)."""
    items = set()
    for item in tree.iter("li"):
        if any(_key(a.text_content()) for a in item.iter("a")):
            items.add(_key(item.text_content()))
    return items


def drop_trailing_link_list(paragraphs: list[str], linked_items: Callable[[], set[str]]) -> list[str]:
    """Drop the list of links to other stories that closes many articles ("More great stories", "Related").

    The last run of at least three list items, followed by at most two other lines and lying past the first
    third of the text, goes when every item in it is a page ``<li>`` that holds a link. Lists inside the story
    (steps, key points) rarely link every item and rarely close it. ``linked_items`` is only called when such a
    run exists. Measured: +0.0010 F1.
    """
    end = len(paragraphs) - 1
    after = 0
    while end >= 0 and not paragraphs[end].startswith(_LIST_ITEM) and after < _MAX_AFTER_LINK_LIST:
        end, after = end - 1, after + 1
    if end < 0 or not paragraphs[end].startswith(_LIST_ITEM):
        return paragraphs
    start = end
    while start > 0 and paragraphs[start - 1].startswith(_LIST_ITEM):
        start -= 1
    if end - start + 1 < _MIN_LINK_LIST or start < len(paragraphs) // 3:
        return paragraphs
    linked = linked_items()
    if not all(_key(p[len(_LIST_ITEM) :]) in linked for p in paragraphs[start : end + 1]):
        return paragraphs
    return paragraphs[:start] + paragraphs[end + 1 :]


# --- a wrong block in fast mode ---------------------------------------------------------------------------------

# a news story is rarely shorter than this; a contact box, an event listing or a teaser often is
_SUSPECT_CHARS = 1500
# a line this long is a paragraph of prose in any script (about 17 English words, a long CJK sentence)
_PROSE_LINE_CHARS = 100
_SUSPECT_PROSE_SHARE = 0.5
_SHINGLE = 4
# the fast pick counts as part of the cascade's text when this share of its shingles is there
_SAME_BLOCK = 0.5


def looks_suspect(paragraphs: Sequence[str]) -> bool:
    """Fast-mode output worth checking against the full cascade: short, or mostly not prose.

    Without its readability/justext comparison trafilatura sometimes settles on the wrong block: a menu, an
    event listing, a fixtures table, a press-contact box. Such output is short or made of short lines, table rows
    and list items; a long run of paragraphs is the article.
    """
    chars = sum(len(p) for p in paragraphs)
    if chars < _SUSPECT_CHARS:
        return True
    prose = sum(len(p) for p in paragraphs if len(p) >= _PROSE_LINE_CHARS and not p.startswith(("|", _LIST_ITEM)))
    return prose < _SUSPECT_PROSE_SHARE * chars


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _tokens(text)
    if len(tokens) < _SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)}


def contained_share(part: str, whole: str) -> float:
    """Share of ``part``'s word 4-grams that occur in ``whole`` (0 when ``part`` has no words)."""
    mine = _shingles(part)
    return len(mine & _shingles(whole)) / len(mine) if mine else 0.0


def is_other_block(fast_text: str, full_text: str) -> bool:
    """The full cascade found another block than fast mode did (take it), not the same one with more around it.

    When the cascade's text holds the fast text, the cascade only widened the pick (readability's container, with
    the teasers and links around the story: keep the fast one). When it does not, fast mode picked something
    else on the page, and the cascade's comparison is the better judge.
    """
    return bool(full_text.strip()) and contained_share(fast_text, full_text) < _SAME_BLOCK


# --- table layouts ----------------------------------------------------------------------------------------------

# a table cell holding this much text is a paragraph (or a whole story), not a data value
_PROSE_CELL_CHARS = 200
_ROW = re.compile(r"^\|.*\|$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_ROW = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")  # the |---|---| line under a header row


def row_cells(line: str) -> list[str] | None:
    """The cells of a table-row line as trafilatura writes it (``| a | b |``, pipes in cells escaped), or None."""
    if not _ROW.match(line) or len(line) < 2:
        return None
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(line[1:-1])]


def is_prose_row(cells: Sequence[str]) -> bool:
    """A row that is page layout: a cell holds a paragraph's worth of text, or the row has one filled cell."""
    filled = [c for c in cells if c]
    return any(len(c) >= _PROSE_CELL_CHARS for c in filled) or len(filled) == 1


def has_prose_cell(paragraphs: Sequence[str]) -> bool:
    """Some row of the output holds a paragraph's worth of text in one cell: a page laid out with tables."""
    for line in paragraphs:
        cells = row_cells(line)
        if cells and any(len(c) >= _PROSE_CELL_CHARS for c in cells):
            return True
    return False


def rows_to_text(paragraphs: list[str]) -> list[str]:
    """Layout rows become their cells' text, one line per filled cell; data tables stay rows.

    Old and regional sites lay the page out with tables, and trafilatura then writes the story as one
    ``| … |`` row line, glued to the navigation cell beside it. As a row, the story is one paragraph that no
    line rule can read (a "Most read" cell at its start made the whole row a widget label). A row is layout
    when a cell holds a paragraph's worth of text or only one cell is filled (see :func:`is_prose_row`); real
    data rows (short values in several columns) are kept as they are.
    """
    out: list[str] = []
    converted = False
    for line in paragraphs:
        cells = row_cells(line)
        if cells is not None and _RULE_ROW.match(line):
            if not converted:
                out.append(line)
            continue
        converted = cells is not None and is_prose_row(cells)
        out.extend([c for c in cells if c] if converted else [line])
    return out


_DATA_TABLE_MARKS = ("th", "thead", "caption")


def unwrap_layout_tables(tree):
    """A copy of the page with its layout tables turned into plain blocks, or None when it has none.

    A layout table holds prose in a cell (or nests another table) and carries none of a data table's marks
    (header cells, a caption). As ``<div>`` blocks its cells are what they are on the page: a story's
    paragraphs, a navigation column, a footer, and trafilatura judges each on its own instead of taking the
    table whole.
    """
    import copy

    copied = copy.deepcopy(tree)
    layout = []
    for table in copied.iter("table"):
        if any(next(table.iter(mark), None) is not None for mark in _DATA_TABLE_MARKS):
            continue
        nested = next(table.iterdescendants("table"), None) is not None
        if nested or any(len(" ".join(cell.text_content().split())) >= _PROSE_CELL_CHARS for cell in table.iter("td")):
            layout.append(table)
    if not layout:
        return None
    for table in layout:
        for element in table.iter("table", "tbody", "thead", "tfoot", "tr", "td"):
            element.tag = "div"
    return copied


# --- never less than trafilatura gave without saying why --------------------------------------------------------

# the clean-up drops headlines, labels and prompts: short lines; cutting the text below this share is not that
_MIN_KEPT_SHARE = 0.25


def cut_too_far(extracted: Sequence[str], cleaned: Sequence[str]) -> str | None:
    """Why the clean-up's result should not replace trafilatura's text, or None when it may.

    The line rules read one line at a time; on a page whose lines are not what they expect (a whole story in one
    line, a site whose every paragraph starts like a prompt) they could take the article with them.
    """
    before = sum(len(p) for p in extracted)
    if not before:
        return None
    after = sum(len(p) for p in cleaned)
    if not after:
        return f"clean-up left no text of {before} characters"
    if after < _MIN_KEPT_SHARE * before:
        return f"clean-up kept {after} of {before} characters (under {_MIN_KEPT_SHARE:.0%})"
    return None


def clean_paragraphs(
    paragraphs: list[str],
    linked_items: Callable[[], set[str]],
    title: str | None = None,
    headings: Sequence[str] = (),
    description: str | None = None,
    settings: Settings | None = None,
) -> list[str]:
    """Headline, boilerplate lines and a closing link list out; everything else untouched and in order."""
    settings = settings or SETTINGS
    if settings.headline:
        paragraphs = drop_headline(paragraphs, title, headings, description if settings.standfirst else None)
    count = len(paragraphs)
    paragraphs = [p for i, p in enumerate(paragraphs) if not is_boilerplate_line(p, i, count, settings.boilerplate)]
    return drop_trailing_link_list(paragraphs, linked_items) if settings.link_list else paragraphs


# --- the settings in effect -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Every extraction option and clean-up rule as a switch: one row of the table in this module's docstring each.

    :data:`SETTINGS` holds the values the measurements decided; ``bench/extraction_ablation.py`` flips one at a
    time to re-measure them.
    """

    fast: bool  # trafilatura's fast mode (no readability/justext comparison)
    menu_retry: bool  # with fast mode, the full cascade when the fast output looks like a menu
    other_block: bool  # with fast mode, the full cascade's text when the fast output is suspect and another block
    layout_tables: bool  # a story that arrives in table rows: extract again with layout tables unwrapped
    table_rows: bool  # layout rows become their cells' text
    keep_extracted: bool  # trafilatura's own text when the clean-up would cut it to nothing or a small share
    include_comments: bool
    include_tables: bool
    favor_precision: bool  # trafilatura's own precision/recall leanings
    favor_recall: bool
    merge_split_body: bool
    headline: bool
    standfirst: bool
    boilerplate: frozenset[str]  # names from BOILERPLATE_CHECKS
    link_list: bool


SETTINGS = Settings(
    fast=True,
    menu_retry=False,
    other_block=True,
    layout_tables=True,
    table_rows=True,
    keep_extracted=True,
    include_comments=False,
    include_tables=True,
    favor_precision=False,
    favor_recall=False,
    merge_split_body=True,
    headline=True,
    standfirst=True,
    boilerplate=frozenset(BOILERPLATE_CHECKS) - {"cross_links"},
    link_list=False,
)
