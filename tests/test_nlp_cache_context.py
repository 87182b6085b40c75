"""A paragraph's cached analysis must not depend on which article analysed it first (issues #14/#20).

Some rules read more than a paragraph's own text: the paragraph before it in its article (a quotation right after a
paragraph about the truce speaks of it), and the acronyms the article gave its truce earlier ("the LCoHA"). The same
paragraph text appears in several articles (wire copies, syndication) with another paragraph before it, or without
the acronym's definition: each article must get the statements it would get alone, whatever order the feeds are
ingested in, in one batch or across passes that reuse the cache."""

from __future__ import annotations

import duckdb
import pytest

from conftest import article_page, rss
from pipeline.run.ingest import run_pass

# the shared quotation: about the truce right after a paragraph about it, colour after one about something else
# (both articles are about the truce: the other one's quotation follows a paragraph about the council)
OPENER = "Residents of the border districts spent the weekend queuing for fuel and bread, the local radio reported."
ON_TOPIC = "The four-day truce around Harrowgate collapsed on Sunday night when mortar fire resumed."
OFF_TOPIC = "The county council met on Friday to discuss repairs to the grammar school and a new tram line."
SHARED_QUOTE = ("\u201cWe will hold our fire as long as they hold theirs,\u201d said Colonel Ansel Varro of the eastern "
                "command.")

# the shared sentence names the truce only by the acronym one article defined two paragraphs before it; in the other
# the acronym is a housing association's, and the paragraph before the shared one is the same filler in both
DEFINED = ("The Upland Cessation of Hostilities Agreement (UCoHA) signed in Lusaka in March ended two years of "
           "fighting in the hills, the mediators said.")
UNDEFINED = "The Upland Cooperative Housing Association (UCoHA) opened its new offices in the capital in March."
FILLER = "Trade along the valley road has picked up, and the buses run three times a day."
SHARED_NAMED = "Both militias told the observers on Thursday that they still regarded the UCoHA as binding."

ARTICLES = {
    "quote-after-truce": [OPENER, ON_TOPIC, SHARED_QUOTE],
    "quote-after-council": [ON_TOPIC, OFF_TOPIC, SHARED_QUOTE],
    "acronym-defined": [DEFINED, FILLER, SHARED_NAMED],
    "acronym-other": [ON_TOPIC, UNDEFINED, FILLER, SHARED_NAMED],
}


def _publish(site, titles: list[str]) -> None:
    for title in ARTICLES:
        site.add(f"/{title}", article_page(title, ARTICLES[title]))
    site.add("/feed.xml", rss([{"title": t, "link": site.url(f"/{t}")} for t in titles]),
             content_type="application/rss+xml")


def _statements(db) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT a.title, s.text, s.speaker, s.stance FROM ceasefire_statements s "
                           "JOIN articles a USING (article_id) ORDER BY ALL").fetchall()
    out: dict[str, list[tuple]] = {}
    for title, *statement in rows:
        out.setdefault(title.split(" |")[0], []).append(tuple(statement))
    return out


def _ingest(site, make_options, tmp_path, name: str, passes: list[list[str]]) -> dict[str, list[tuple]]:
    """Each pass publishes a feed of ``titles`` (in that order) and ingests it into one database."""
    options = make_options(site.url("/feed.xml"), db=tmp_path / f"{name}.duckdb")
    for titles in passes:
        _publish(site, titles)
        run_pass(options)
    return _statements(options.db_path)


@pytest.mark.slow
def test_each_article_gets_its_own_statements_whatever_the_order(site, make_options, tmp_path):
    first, second = ["quote-after-truce", "acronym-defined"], ["quote-after-council", "acronym-other"]
    every = first + second
    orders = {
        "one batch, first articles first": [every],
        "one batch, second articles first": [second + first],
        "first articles on an earlier pass": [first, every],
        "second articles on an earlier pass": [second, every],
    }
    found = {name: _ingest(site, make_options, tmp_path, name.replace(" ", "_").replace(",", ""), passes)
             for name, passes in orders.items()}
    reference = found["one batch, first articles first"]
    for name, statements in found.items():
        # the shared paragraphs speak of the truce in one article of each pair and not in the other
        assert any(SHARED_QUOTE[1:20] in s[0] for s in statements.get("quote-after-truce", [])), name
        assert not any(SHARED_QUOTE[1:20] in s[0] for s in statements.get("quote-after-council", [])), name
        assert any("UCoHA as binding" in s[0] for s in statements.get("acronym-defined", [])), name
        assert not any("UCoHA as binding" in s[0] for s in statements.get("acronym-other", [])), name
        assert statements == reference, name


def _analyses(db) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM paragraph_analyses").fetchall()[0][0]


@pytest.mark.slow
def test_a_repeated_paragraph_with_the_same_context_is_analysed_once(site, make_options):
    """Keying the cache by the context a paragraph's rules read keeps the cache's point: a wire copy of an article
    (the same paragraph after the same paragraph) is not analysed again; the same paragraph after another one is."""
    options = make_options(site.url("/feed.xml"))
    _publish(site, ["quote-after-truce"])
    run_pass(options)
    first = _analyses(options.db_path)
    copies = {"copy": ARTICLES["quote-after-truce"], "other": [OPENER, OFF_TOPIC, SHARED_QUOTE]}
    for title, paragraphs in copies.items():
        site.add(f"/{title}", article_page(title, paragraphs))
    site.add("/feed.xml", rss([{"title": t, "link": site.url(f"/{t}")} for t in ("quote-after-truce", *copies)]),
             content_type="application/rss+xml")
    run_pass(options)
    # new: each new article's headline, the opener after it (the first article had no headline paragraph before
    # its opener), the council paragraph and the shared quotation after it; the copy's truce paragraph and its
    # quotation, each after the same paragraph as in the first article, come from the cache
    assert first == 3
    assert _analyses(options.db_path) - first == 6
