"""Site boilerplate never empties an article (issue #15): chrome is a verbatim repeat at the edges of a body.

Every case runs a real ``ingest`` pass over pages of a loopback site written here, except the few that need a
database in a state no pass makes (a file an older version left behind).
"""

from __future__ import annotations

import duckdb
import pytest

from conftest import rss
from pipeline.dedup import PARAGRAPH_SEPARATOR
from pipeline.ingest import run_pass

# ------------------------------------------------------------------------------------------ the site

SITE = "Riverside Courier"
# the site's own chrome, printed inside the article container of every page (extraction keeps it: no widget
# label, no newsletter prompt), above and below the story
TOP = "The Riverside Courier has been owned by its readers since 1921 and covers every parish of the valley."
BOTTOM = "Letters for the Saturday edition reach the desk at the old mill on Tanner Street by Thursday noon."
COPYRIGHT = "© 2026 Riverside Courier Cooperative Ltd, registered in the valley under number 00417. All rights reserved."
# a sentence some reports print between their paragraphs, word for word
MID = "Kick-off times in the county league are set by the clubs and can change at short notice on the day."

TOWNS = ["Ashford", "Brampton", "Carlow", "Dunmore", "Elsworth", "Fenwick", "Garston", "Holloway", "Ingleby",
         "Jarrow", "Kestle", "Lindow", "Marden", "Norbury", "Oakhurst", "Penrith"]
PEOPLE = ["Tom Hadley", "Ravi Mistry", "Owen Carver", "Sean Doyle", "Luca Bianchi", "Femi Adeyemi", "Jack Pruitt",
          "Nils Berg", "Omar Haddad", "Piotr Nowak", "Kofi Mensah", "Dan Whitlock", "Ewan Frost", "Ali Demir",
          "Marek Zima", "Ian Colley"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def match_report(i: int) -> list[str]:
    """A templated match report: the same sentence shapes in every report, with other towns, people, numbers
    and days in every paragraph (the shape of results pages, market reports and automated wires)."""
    town, rival = TOWNS[(2 * i) % 16], TOWNS[(2 * i + 1) % 16]
    person = [PEOPLE[(3 * i + k) % len(PEOPLE)] for k in range(3)]
    return [
        f"{town} Rovers beat {rival} United {i % 4 + 2}-{i % 2} at home on {DAYS[i % 7]} evening, with striker "
        f"{person[0]} scoring twice before half-time in front of a crowd of {1200 + 137 * i} supporters.",
        f"Speaking after the final whistle, {town} manager {person[1]} said his side had fully deserved the three "
        f"points and would now turn their attention to the away trip to {TOWNS[(2 * i + 5) % 16]} next "
        f"{DAYS[(i + 3) % 7]}.",
        f"The result leaves {town} Rovers in {i + 2}th place in the league table with {20 + 3 * i} points from "
        f"{14 + i} matches, while {rival} United remain in {12 - i % 10}th place after a third defeat in {5 + i} "
        "outings.",
        f"{rival} United had a goal ruled out for offside in the {30 + 7 * i}th minute, and their goalkeeper "
        f"{person[2]} made {4 + i} fine saves to keep the final score respectable for the visitors.",
    ]


def page(title: str, blocks: list[str]) -> str:
    """A page of the site: navigation and footer outside the article, ``blocks`` (``<p>`` unless they are
    already an element) inside it."""
    body = "\n".join(b if b.startswith("<") else f"<p>{b}</p>" for b in blocks)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {SITE}</title></head>'
            f'<body><header><a href="/">{SITE}</a><nav><a href="/sport">Sport</a> <a href="/valley">Valley</a>'
            f"</nav></header><main><article><h1>{title}</h1>{body}</article></main>"
            f'<footer><a href="/about">About</a> <a href="/privacy">Privacy</a></footer></body></html>')


def publish(site, pages: dict[str, tuple[str, list[str]]]) -> str:
    """Serve ``pages`` (path -> title, blocks) and a feed listing them; the feed's URL."""
    items = []
    for n, (path, (title, blocks)) in enumerate(pages.items()):
        site.add(path, page(title, blocks))
        items.append({"title": title, "link": site.url(path), "guid": path,
                      "pubDate": f"Mon, {n + 1:02d} Jun 2026 18:00:00 GMT"})
    return site.add("/sport.xml", rss(items, title=f"{SITE}: Sport"), content_type="application/rss+xml")


def ingest(site, make_options, pages) -> object:
    options = make_options(publish(site, pages))
    summary = run_pass(options)
    assert summary.status == "ok" and summary.articles_failed == 0
    return options.db_path


def rows(db, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def article(db, path: str) -> dict:
    (row,) = rows(db, "SELECT status, text, boilerplate_count, boilerplate_kept FROM articles WHERE url LIKE ?",
                  f"%{path}")
    return dict(zip(("status", "text", "boilerplate_count", "boilerplate_kept"), row))


def flagged(db, path: str) -> list[str]:
    return [t for (t,) in rows(db, "SELECT coalesce(ap.text, p.text) FROM article_paragraphs ap JOIN articles a "
                                   "USING (article_id) JOIN paragraphs p USING (paragraph_id) "
                                   "WHERE a.url LIKE ? AND ap.boilerplate ORDER BY ap.position", f"%{path}")]


def assert_offsets_point_into_text(db) -> None:
    for text, start, end, ptext in rows(db, """
            SELECT a.text, ap.text_start, ap.text_end, coalesce(ap.text, p.text) FROM article_paragraphs ap
            JOIN articles a USING (article_id) JOIN paragraphs p USING (paragraph_id)
            WHERE ap.repeat_of IS NULL AND NOT ap.boilerplate"""):
        assert text[start:end] == ptext


def assert_no_ok_article_without_text(db) -> None:
    assert rows(db, "SELECT url FROM articles WHERE status = 'ok' AND coalesce(text, '') = ''") == []


# ------------------------------------------------------------------------------------------ templated bodies


def test_eight_templated_reports_keep_every_paragraph(site, make_options):
    """The issue's case: eight reports of one site share every sentence shape. Their paragraphs are
    near-duplicates of each other (the wire-copy rule links them), yet none is the site's chrome."""
    reports = {f"/sport/report-{i}": (f"Match report {i}", match_report(i)) for i in range(8)}
    db = ingest(site, make_options, reports)
    # the premise: the template makes the reports' paragraphs near-duplicates (else this test proves nothing)
    linked = rows(db, "SELECT count(*) FROM paragraphs WHERE near_duplicate_of IS NOT NULL")[0][0]
    assert linked >= 16
    for path, (_, body) in reports.items():
        got = article(db, path)
        assert got["status"] == "ok" and got["text"] is not None, path
        assert got["text"].split(PARAGRAPH_SEPARATOR) == body, path
        assert got["boilerplate_count"] == 0 and got["boilerplate_kept"] is False
        assert flagged(db, path) == []
    assert rows(db, "SELECT count(*) FROM host_boilerplate") == [(0,)]
    assert_offsets_point_into_text(db)
    assert_no_ok_article_without_text(db)
