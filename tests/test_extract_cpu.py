"""Extraction's cost cuts keep its output: the page's metadata as trafilatura reads it, the language from a bounded
sample of the text, adjacent repeats counted as before, one-time costs paid up front."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata

from pipeline.extract import core as extract_module
from pipeline.extract.core import (
    _LANGUAGE_SAMPLE_CHARS,
    _adjacent_runs,
    detect_language,
    extract_article,
    language_sample,
    page_metadata,
    warm_up,
)
from pipeline.records import FetchResult

URL = "https://gazette.example/2021/05/harbour-truce"
STORY = [
    "The harbour authority and the dock workers' union agreed on Tuesday to a truce that ends three weeks of "
    "strikes, after talks that ran through the night at the town hall.",
    "Under the agreement, night shifts will be cut by an hour and the authority will hire forty new crane "
    "operators before the summer season, the union's spokeswoman said.",
    "Ships that had waited outside the harbour began to enter at dawn, and the first containers were unloaded "
    "before noon, according to the port's own figures.",
]

# every field we keep, each from a different source: <meta>, JSON-LD, the page's own markup, the URL
PAGES = {
    "meta and JSON-LD": f"""<html><head><title>Harbour truce ends strike - The Gazette</title>
        <meta name="description" content="Dock workers and the harbour authority agree to end three weeks of strikes.">
        <meta property="og:site_name" content="The Gazette">
        <meta property="article:published_time" content="2021-05-04T09:30:00Z">
        <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Harbour truce ends strike", "author": {{"@type": "Person", "name": "Maria Lopes"}},
          "datePublished": "2021-05-04"}}</script></head>
        <body><article><h1>Harbour truce ends strike</h1>{"".join(f"<p>{p}</p>" for p in STORY)}</article></body></html>""",
    "markup only": f"""<html><head><title>Harbour truce</title></head><body>
        <h1>Harbour truce ends strike</h1><p class="byline">By Tomas Berg</p><p class="date">4 May 2021</p>
        <article>{"".join(f"<p>{p}</p>" for p in STORY)}</article></body></html>""",
    "handle as site name": f"""<html><head><title>Harbour truce</title>
        <meta name="twitter:site" content="@harbourgazette"><meta name="author" content="Ana">
        <link rel="canonical" href="https://www.harbour-gazette.example/truce"></head>
        <body><article><h1>Harbour truce</h1>{"".join(f"<p>{p}</p>" for p in STORY)}</article></body></html>""",
}
FIELDS = ("title", "author", "date", "sitename", "description")


def _fetched(html: str) -> FetchResult:
    return FetchResult(url=URL, fetched_at=datetime.now(UTC), final_url=URL, http_status=200,
                       headers=(("content-type", "text/html; charset=utf-8"),), body=html.encode())


# --- metadata: trafilatura's fields, without the ones no one reads -------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_metadata_is_trafilaturas_for_the_fields_we_keep(name):
    tree = trafilatura.load_html(PAGES[name].encode())
    ours, theirs = page_metadata(tree, URL), extract_metadata(tree, URL)
    assert {f: getattr(ours, f) for f in FIELDS} == {f: getattr(theirs, f) for f in FIELDS}
    assert ours.title and ours.sitename  # the pages do carry them: the comparison is not of two empty records


def test_each_metadata_step_is_taken():
    read = {name: page_metadata(trafilatura.load_html(html.encode()), URL) for name, html in PAGES.items()}
    assert read["markup only"].author == "Tomas Berg" and read["markup only"].date == "2021-05-04"
    assert read["markup only"].sitename == "gazette.example"  # from the URL
    assert read["handle as site name"].sitename == "Harbourgazette"  # a Twitter handle, capitalised
    assert read["handle as site name"].author is None  # a single name is not a byline


def test_extracted_metadata_comes_from_the_page():
    result = extract_article(_fetched(PAGES["meta and JSON-LD"]))
    assert (result.title, result.author, result.date, result.site_name) == (
        "Harbour truce ends strike", "Maria Lopes", "2021-05-04", "The Gazette")
    assert result.description.startswith("Dock workers and the harbour authority")


def test_metadata_is_read_only_for_a_page_with_text(monkeypatch):
    calls = []
    monkeypatch.setattr(extract_module, "_page_metadata", lambda tree, url: calls.append(url))
    result = extract_article(_fetched("<html><head><title>Nothing here</title></head><body></body></html>"))
    assert result.status == "empty" and calls == []  # as trafilatura: no document, no metadata


def test_unreadable_metadata_keeps_the_text(monkeypatch):
    def broken(tree, url):
        raise ValueError("hostile date markup")

    monkeypatch.setattr(extract_module, "_page_metadata", broken)
    result = extract_article(_fetched(PAGES["meta and JSON-LD"]))
    assert result.status == "ok" and list(result.paragraphs[-3:]) == STORY
    assert result.title is None and result.author is None and result.date is None


# --- language from a bounded sample -------------------------------------------------------------------------------

ENGLISH = ("The committee met again on Thursday to review the budget for the new school buildings, and most of "
           "its members said the plans were too expensive for a town of this size. ")
FRENCH = ("Le conseil municipal s'est réuni jeudi soir pour examiner le budget des nouvelles écoles, et la "
          "plupart des élus ont estimé que les projets coûtaient trop cher pour une ville de cette taille. ")


def test_short_text_is_its_own_sample():
    text = ENGLISH * 3
    assert len(text) < _LANGUAGE_SAMPLE_CHARS and language_sample(text) == text


def test_language_of_a_long_text_is_read_from_a_bounded_sample(monkeypatch):
    detect_language(ENGLISH)  # loads the identifier
    seen = []

    class Spy:
        def __init__(self, real):
            self.real = real

        def classify(self, text):
            seen.append(text)
            return self.real.classify(text)

    monkeypatch.setattr(extract_module, "_IDENTIFIER", Spy(extract_module._IDENTIFIER))
    language, score = detect_language(ENGLISH * 400)  # 60,000 characters
    assert language == "en" and score > 0.9
    assert len(seen[0]) <= _LANGUAGE_SAMPLE_CHARS + 2  # three slices and the two breaks between them


def test_a_first_part_in_another_language_does_not_name_the_page():
    # an English preamble (a quoted original, a note to readers) over a French article: the first 2,000
    # characters alone would say English; start, middle and end say what the body is in
    preamble = ENGLISH * 9  # about 1,600 characters
    body = FRENCH * 40
    assert detect_language(preamble + body)[0] == "fr"
    assert detect_language(body + preamble)[0] == "fr"  # nor a closing part


def test_too_few_letters_in_the_sample_is_no_language():
    assert detect_language("2021-05-04 | 12:30 | 4-2 | " * 400) == (None, None)
    assert detect_language("Score 4-2") == (None, None)


# --- adjacent repeats, each block's text read once -----------------------------------------------------------------


LINE = "This paragraph is printed again right below itself by a syndication glitch in the page."


def test_adjacent_runs_are_counted_by_their_longest():
    html = (f"<html><body><div><p>{LINE}</p><!-- ad slot --><p>{LINE}</p><p>{LINE}</p></div>"
            f"<div><p>{LINE}</p><p>{LINE}</p></div><p>Short line</p><p>Short line</p></body></html>")
    runs = _adjacent_runs(trafilatura.load_html(html))  # its loader drops the comment: three in a row
    assert list(runs.values()) == [3]  # the longest run, not the later two
    assert extract_article(_fetched(html)).paragraphs.count(LINE) == 3  # trafilatura kept one of each run


def test_a_long_run_is_walked_once(monkeypatch):
    # each block used to walk back over the whole run before it: 5,000 repeats took 27 s
    reads = []
    real = extract_module._block_text
    monkeypatch.setattr(extract_module, "_block_text", lambda element, texts: reads.append(1) or real(element, texts))
    count = 3000
    tree = trafilatura.load_html(f"<html><body><div>{f'<p>{LINE}</p>' * count}</div></body></html>")
    assert list(_adjacent_runs(tree).values()) == [count]
    assert len(reads) <= 3 * count


# --- one-time costs -----------------------------------------------------------------------------------------------


def test_warm_up_survives_a_date_parser_that_fails(monkeypatch):
    import htmldate.extractors

    def broken():
        raise RuntimeError("no locale tables")

    monkeypatch.setattr(htmldate.extractors, "get_external_parser", broken)
    warm_up()  # logged, not raised: the first page that needs the tables builds them
    assert detect_language(ENGLISH)[0] == "en"
