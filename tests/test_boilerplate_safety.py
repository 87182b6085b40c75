"""Site boilerplate never empties an article (issue #15): chrome is a verbatim repeat at the edges of a body.

Every case runs a real ``ingest`` pass over pages of a loopback site written here (the file an older version
left behind is made from one), except the arrival-order check, which loads the same articles directly in
several orders.
"""

from __future__ import annotations

import duckdb
import pytest

from conftest import rss
from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.run.ingest import run_pass

pytestmark = pytest.mark.slow  # every test runs several real passes over templated sites

# ------------------------------------------------------------------------------------------ the site

SITE = "Riverside Courier"
# the site's own chrome, printed inside the article container of every page (extraction keeps it: no widget
# label, no newsletter prompt), above and below the story
TOP = "The Riverside Courier has been owned by its readers since 1921 and covers every parish of the valley."
BOTTOM = "Letters for the Saturday edition reach the desk at the old mill on Tanner Street by Thursday noon."
COPYRIGHT = ("© 2026 Riverside Courier Cooperative Ltd, registered in the valley under number 00417. "
             "All rights reserved.")
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


def test_templated_reports_and_a_chrome_only_page_keep_their_text_through_a_reprocess(site, make_options):
    """`newsdesk reprocess` loads every article again through the same rule, from the stored paragraphs
    (``--stages dedup``, ``--stages nlp``) or from the archived pages (every stage): no text is lost."""
    from pipeline.run.reprocess import ReprocessOptions, run_reprocess

    pages = {f"/sport/report-{i}": (f"Match report {i}", edged(match_report(i))) for i in range(8)}
    pages["/sport/stub"] = ("Page moved", [TOP, BOTTOM, COPYRIGHT])
    db = ingest(site, make_options, pages)
    before = rows(db, "SELECT url, text, boilerplate_count, boilerplate_kept FROM articles ORDER BY url")
    assert article(db, "/sport/stub")["boilerplate_kept"] is True
    for stages in ({"dedup"}, {"nlp"}, {"extract", "dedup", "nlp"}):
        summary = run_reprocess(ReprocessOptions(db_path=db, stages=frozenset(stages), workers=1))
        assert summary.status == "ok" and summary.articles_reprocessed == 9, stages
        assert summary.articles_without_archive == 0  # (every stage: each page re-extracted from the archive)
        assert rows(db, "SELECT url, text, boilerplate_count, boilerplate_kept FROM articles ORDER BY url") == before
        assert_offsets_point_into_text(db)
        assert_no_ok_article_without_text(db)


# ------------------------------------------------------------------------------------------ chrome


def edged(body: list[str]) -> list[str]:
    """A story between the site's chrome, as its template prints it."""
    return [TOP, *body, BOTTOM, COPYRIGHT]


def test_chrome_at_the_edges_is_still_removed(site, make_options):
    reports = {f"/sport/report-{i}": (f"Match report {i}", edged(match_report(i))) for i in range(4)}
    db = ingest(site, make_options, reports)
    for path, (_, blocks) in reports.items():
        got = article(db, path)
        assert got["text"].split(PARAGRAPH_SEPARATOR) == blocks[1:-2], path  # the story, nothing else
        assert got["boilerplate_count"] == 3 and got["boilerplate_kept"] is False
        assert flagged(db, path) == [TOP, BOTTOM, COPYRIGHT]
    assert sorted(t for (t,) in rows(db, "SELECT p.text FROM host_boilerplate b JOIN paragraphs p USING (paragraph_id)")
                  ) == sorted([TOP, BOTTOM, COPYRIGHT])
    assert_offsets_point_into_text(db)


def test_chrome_under_a_kept_headline_and_chrome_that_differs_in_punctuation_only(site, make_options):
    """A heading above the chrome (a kicker the extractor keeps: it is not the title) does not hide the chrome
    under it; copies of the chrome that differ in case, quotes, dashes, spacing or a final stop are the same
    chrome; a copy with one number changed is another paragraph."""
    variants = [TOP, TOP.upper(), TOP.replace(" and ", "  and ").rstrip("."), TOP.replace("since", "— since")]
    pages = {f"/sport/report-{i}": (f"Match report {i}", [f"<h2>{TOWNS[2 * i]} derby</h2>", top, *match_report(i),
                                                          BOTTOM]) for i, top in enumerate(variants)}
    renumbered = [BOTTOM.replace("Thursday", "Wednesday"), BOTTOM.replace("Tanner", "Mill")]
    pages |= {f"/sport/other-{i}": (f"Other report {i}", [*match_report(10 + i), bottom])
              for i, bottom in enumerate(renumbered)}
    db = ingest(site, make_options, pages)
    for i, top in enumerate(variants):
        got = article(db, f"/sport/report-{i}")
        assert got["text"].split(PARAGRAPH_SEPARATOR) == [f"{TOWNS[2 * i]} derby", *match_report(i)], top
        assert flagged(db, f"/sport/report-{i}") == [" ".join(top.split()), BOTTOM]  # (as extracted)
    for i, bottom in enumerate(renumbered):  # one word or number changed: not the site's chrome
        assert article(db, f"/sport/other-{i}")["text"].split(PARAGRAPH_SEPARATOR) == [*match_report(10 + i), bottom]
    assert rows(db, "SELECT article_count FROM host_boilerplate ORDER BY 1") == [(4,), (4,)]
    assert_offsets_point_into_text(db)


def test_a_verbatim_repeat_between_body_paragraphs_stays(site, make_options):
    """A sentence every report prints word for word, but between its paragraphs: part of the story."""
    pages = {}
    for i in range(4):
        body = match_report(i)
        pages[f"/sport/report-{i}"] = (f"Match report {i}", edged([*body[:2], MID, *body[2:]]))
    db = ingest(site, make_options, pages)
    for path, (_, blocks) in pages.items():
        got = article(db, path)
        assert got["text"].split(PARAGRAPH_SEPARATOR) == blocks[1:-2], path
        assert MID in got["text"] and flagged(db, path) == [TOP, BOTTOM, COPYRIGHT]
    # it is a verbatim repeat of the site (listed with its chrome), only its place keeps it in the text
    assert rows(db, "SELECT count(*) FROM host_boilerplate b JOIN paragraphs p USING (paragraph_id) "
                    "WHERE p.text = ?", MID) == [(1,)]
    assert_offsets_point_into_text(db)


def test_an_article_of_nothing_but_chrome_keeps_it_and_says_so(site, make_options):
    """A page whose body is only the site's chrome (a stub, a removed story), and one whose body is a heading
    between chrome: both keep every paragraph, flagged; the stories around them lose their chrome."""
    pages = {f"/sport/report-{i}": (f"Match report {i}", edged(match_report(i))) for i in range(3)}
    pages["/sport/stub"] = ("Page moved", [TOP, BOTTOM, COPYRIGHT])
    pages["/sport/heading"] = ("Evening fixtures", [TOP, "<h2>Evening fixtures in the valley</h2>", BOTTOM, COPYRIGHT])
    db = ingest(site, make_options, pages)
    stub = article(db, "/sport/stub")
    assert stub["status"] == "ok" and stub["text"] == PARAGRAPH_SEPARATOR.join([TOP, BOTTOM, COPYRIGHT])
    assert stub["boilerplate_kept"] is True and stub["boilerplate_count"] == 0 and flagged(db, "/sport/stub") == []
    heading = article(db, "/sport/heading")
    assert heading["text"].split(PARAGRAPH_SEPARATOR) == [TOP, "Evening fixtures in the valley", BOTTOM, COPYRIGHT]
    assert heading["boilerplate_kept"] is True and heading["boilerplate_count"] == 0
    for i in range(3):
        got = article(db, f"/sport/report-{i}")
        assert got["boilerplate_count"] == 3 and got["boilerplate_kept"] is False
    assert_offsets_point_into_text(db)
    assert_no_ok_article_without_text(db)


def test_chrome_found_later_never_empties_a_stored_article(site, make_options, tmp_path):
    """The stub is stored before its site's chrome is known; when a later pass finds the chrome, the stub's
    stored text is rebuilt, and keeps its paragraphs."""
    db = tmp_path / "later.duckdb"
    first = {"/sport/stub": ("Page moved", [TOP, BOTTOM, COPYRIGHT]),
             "/sport/report-0": ("Match report 0", edged(match_report(0)))}
    ingest(site, lambda *urls: make_options(*urls, db=db), first)
    assert article(db, "/sport/stub")["boilerplate_kept"] is False  # not chrome yet: two articles
    later = {**first, **{f"/sport/report-{i}": (f"Match report {i}", edged(match_report(i))) for i in (1, 2)}}
    ingest(site, lambda *urls: make_options(*urls, db=db), later)
    stub = article(db, "/sport/stub")
    assert stub["text"] == PARAGRAPH_SEPARATOR.join([TOP, BOTTOM, COPYRIGHT]) and stub["boilerplate_kept"] is True
    assert article(db, "/sport/report-0")["boilerplate_count"] == 3  # rebuilt too, its chrome gone
    assert_offsets_point_into_text(db)
    assert_no_ok_article_without_text(db)


# ------------------------------------------------------------------------------------------ older databases


def test_migration_0011_gives_emptied_articles_their_text_back(site, make_options, monkeypatch):
    """A file the old rule (near-duplicates count as chrome, anywhere in the body) left with eight `ok` reports
    without text: opening it gives every body back at once, and the next loads apply the new rule to them (a
    bounded number per load)."""
    from pipeline.dedup import crossdedup
    from pipeline.dedup.crossdedup import CHROME_KEY_SQL
    from pipeline.store.core import connect

    reports = {f"/sport/report-{i}": (f"Match report {i}", edged(match_report(i))) for i in range(8)}
    db = ingest(site, make_options, reports)
    with duckdb.connect(str(db)) as con:  # the file as a loader before migration 0011 left it
        con.execute("ALTER TABLE paragraphs DROP COLUMN chrome_key")
        con.execute("ALTER TABLE host_boilerplate DROP COLUMN chrome_key")
        con.execute("ALTER TABLE articles DROP COLUMN boilerplate_kept")
        con.execute("DELETE FROM host_boilerplate")
        con.execute("""INSERT INTO host_boilerplate (host, paragraph_id, article_count, marked_at)
                       SELECT a.host, coalesce(p.near_duplicate_of, p.paragraph_id), count(DISTINCT a.article_id),
                              now()
                       FROM article_paragraphs ap JOIN articles a USING (article_id)
                       JOIN paragraphs p USING (paragraph_id)
                       GROUP BY ALL HAVING count(DISTINCT a.article_id) >= 3""")
        con.execute("UPDATE article_paragraphs SET boilerplate = true, text_start = NULL, text_end = NULL")
        con.execute("UPDATE articles SET text = NULL, boilerplate_count = paragraph_count")
        for table in ("entity_mentions", "ceasefire_statements", "quotes"):
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM schema_migrations WHERE version = 11")
        assert con.execute("SELECT count(*) FROM articles WHERE status = 'ok' AND text IS NULL").fetchall() == [(8,)]
    with connect(db) as con:  # migration 0011
        texts = dict(con.execute("SELECT url, text FROM articles").fetchall())
        assert con.execute("SELECT count(*) FROM articles WHERE boilerplate_kept IS NULL").fetchall() == [(8,)]
        assert con.execute("SELECT count(*) FROM article_paragraphs WHERE boilerplate").fetchall() == [(0,)]
        # the migration keys paragraphs exactly as the loader does
        assert con.execute(f"SELECT count(*) FROM paragraphs WHERE chrome_key IS DISTINCT FROM "
                           f"{CHROME_KEY_SQL.format(col='text')}").fetchall() == [(0,)]
        chrome = sorted(t for (t,) in con.execute(
            "SELECT p.text FROM host_boilerplate JOIN paragraphs p USING (paragraph_id)").fetchall())
    assert chrome == sorted([TOP, BOTTOM, COPYRIGHT])
    for path, (_, blocks) in reports.items():
        assert texts[site.url(path)].split(PARAGRAPH_SEPARATOR) == blocks, path  # every paragraph back
    assert_offsets_point_into_text(db)
    # the next loads rebuild them by the new rule (five per load here): the story stays, the site's chrome goes
    monkeypatch.setattr(crossdedup, "PENDING_REBUILDS_PER_LOAD", 5)
    reports["/sport/report-8"] = ("Match report 8", edged(match_report(8)))
    ingest(site, make_options, reports)
    assert site.hits("/sport/report-0") == 1  # (not fetched again: rebuilt because the migration said so)
    pending = rows(db, "SELECT url, text FROM articles WHERE boilerplate_kept IS NULL")
    assert len(pending) == 3 and all(text.split(PARAGRAPH_SEPARATOR) == reports[url.removeprefix(site.url(""))][1]
                                     for url, text in pending)  # the rest wait, whole
    reports["/sport/report-9"] = ("Match report 9", edged(match_report(9)))
    ingest(site, make_options, reports)
    for path, (_, blocks) in reports.items():
        got = article(db, path)
        assert got["text"].split(PARAGRAPH_SEPARATOR) == blocks[1:-2] and got["boilerplate_kept"] is False, path
    assert rows(db, "SELECT count(*) FROM articles WHERE boilerplate_kept IS NULL") == [(0,)]
    assert_offsets_point_into_text(db)
    assert_no_ok_article_without_text(db)


def test_the_migration_keys_paragraphs_as_the_loader_does():
    from pipeline.dedup.crossdedup import CHROME_KEY_SQL
    from pipeline.store.migrations import sql_dir

    (migration,) = (sql_dir() / "migrations").glob("0011_*.sql")
    assert f"UPDATE paragraphs SET chrome_key = {CHROME_KEY_SQL.format(col='text')};" in migration.read_text()


# ------------------------------------------------------------------------------------------ any arrival order


def test_chrome_edges_and_kept_bodies_do_not_depend_on_arrival_order(tmp_path):
    """Loaded one by one in any order, or all at once (twice), the same articles end the same: chrome marked late
    rebuilds the articles stored before it, a stub of chrome only keeps it whenever the chrome is found."""
    from pipeline.store.core import connect
    from test_crossdedup import article as processed
    from test_crossdedup import load, snapshot

    corpus = [processed(f"r{i}", edged(match_report(i)[:2] + [MID] + match_report(i)[2:]), host="courier.example",
                        day=i + 1) for i in range(3)]
    corpus += [processed("stub", [TOP, TOP, BOTTOM, COPYRIGHT], host="courier.example", day=5),
               processed("heading", ["Results", BOTTOM, COPYRIGHT], host="courier.example", day=6),
               processed("other", edged(match_report(9)), host="other.example", day=7)]
    orders = [corpus, corpus[::-1], [corpus[i] for i in (3, 0, 4, 5, 2, 1)]]
    snapshots = []
    for n, order in enumerate(orders):
        with connect(tmp_path / f"o{n}.duckdb") as con:
            for run, a in enumerate(order, 1):
                load(con, [a], run_id=run)
            snapshots.append((snapshot(con), con.execute("SELECT article_id, boilerplate_kept FROM articles ORDER BY 1")
                              .fetchall()))
    with connect(tmp_path / "all.duckdb") as con:
        load(con, corpus)
        snapshots.append((snapshot(con), con.execute("SELECT article_id, boilerplate_kept FROM articles ORDER BY 1")
                          .fetchall()))
        load(con, corpus, run_id=2)  # and loading it all again changes nothing
        snapshots.append((snapshot(con), con.execute("SELECT article_id, boilerplate_kept FROM articles ORDER BY 1")
                          .fetchall()))
        texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    assert all(s == snapshots[0] for s in snapshots[1:])
    assert dict(snapshots[0][1]) == {"r0": False, "r1": False, "r2": False, "stub": True, "heading": True,
                                     "other": False}
    assert texts["r0"].split(PARAGRAPH_SEPARATOR) == match_report(0)[:2] + [MID] + match_report(0)[2:]
    assert texts["stub"] == PARAGRAPH_SEPARATOR.join([TOP, BOTTOM, COPYRIGHT])  # (the repeat is a repeat)
    assert texts["heading"] == PARAGRAPH_SEPARATOR.join(["Results", BOTTOM, COPYRIGHT])
    assert texts["other"].split(PARAGRAPH_SEPARATOR) == edged(match_report(9))  # another site: not its chrome
