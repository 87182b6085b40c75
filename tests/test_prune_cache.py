"""``newsdesk prune-cache`` (pipeline.run.prunecache): the paragraph cache loses only the rows no pass reads again.

A database built by real passes over loopback pages; the rules version is bumped by monkeypatching it, as a release
does. What must hold: a fresh database has nothing dead; after a bump every old row is dead and goes, a later
reprocess analyses everything again (nothing stale reused) and after it nothing is dead; what is live stays, so a
reprocess after pruning analyses nothing; --dry-run and a second prune delete nothing; the tables users query are
the same before and after; a held pass lock or database lock refuses with a message that says what to do."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest
from click.testing import CliRunner

from conftest import article_page, rss
from pipeline.cli import EXIT_PASS_RUNNING, cli
from pipeline.errors import DatabaseLocked, StoreError
from pipeline.nlp import analyse, multilingual, stage
from pipeline.run import prunecache
from pipeline.run.ingest import run_pass
from pipeline.run.passlock import PassInProgress, claim_for_run, claim_path, pass_lock, release_claim
from pipeline.run.prunecache import TABLES, VersionMismatch, dead_at_a_glance, prune_cache
from pipeline.run.reprocess import ReprocessOptions, run_reprocess

# hand-written articles about a fictional truce: statements, quotes and entities in every cache table
ARTICLES = {
    "talks": [
        "The ceasefire between the Varnish Republic and the Ostrel Front held for a third day on Monday.",
        "\u201cWe will respect the truce as long as the other side does,\u201d said General Mira Tollan, the "
        "republic's army chief.",
        "Observers from the Lakeshore Mission reported no shelling near the town of Brevik.",
    ],
    "doubts": [
        "Ostrel Front commander Idris Vane said on Tuesday that the truce was fragile and could collapse.",
        "Residents of Brevik returned to the market for the first time in weeks.",
        "\u201cWe do not trust their promises,\u201d Vane told reporters in the capital.",
    ],
    "aid": [
        "Aid convoys crossed into the eastern districts after the ceasefire took hold, the Red Crescent said.",
        "The agency's spokesman, Tomas Ekdal, said the truce must be extended to reach the villages in the hills.",
    ],
}


def _publish(site, articles: dict[str, list[str]], *, lang: str = "en") -> None:
    for title, paragraphs in articles.items():
        site.add(f"/{title}", article_page(title, paragraphs, lang=lang))
    site.add("/feed.xml", rss([{"title": t, "link": site.url(f"/{t}")} for t in articles]),
             content_type="application/rss+xml")


def _user_tables(db) -> dict[str, list[tuple]]:
    """Every table but the cache's, whole and in a fixed order."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in names if t not in TABLES}


def _cache(db) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def _versions(db) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT DISTINCT version FROM paragraph_analyses").fetchall()}


def _statements(db) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT statement_id, text, speaker, stance FROM ceasefire_statements ORDER BY ALL").fetchall()


@pytest.fixture
def analysed(monkeypatch):
    """The paragraphs the analysers are handed (workers=1: they run in this process)."""
    seen: list[str] = []
    english, other = stage.analyse_paragraphs, stage.analyse_in

    def count_english(items, **kwargs):
        result = english(items, **kwargs)
        seen.extend(a.paragraph_id for a in result)
        return result

    def count_other(language, items, **kwargs):
        result = other(language, items, **kwargs)
        seen.extend(a.paragraph_id for a in result)
        return result

    monkeypatch.setattr(stage, "analyse_paragraphs", count_english)
    monkeypatch.setattr(stage, "analyse_in", count_other)
    return seen


@pytest.fixture
def db(site, make_options):
    _publish(site, ARTICLES)
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    assert _cache(options.db_path)["paragraph_analyses"], "the pass cached nothing: the test would prove nothing"
    return options.db_path


def _reprocess_nlp(db, articles: int = len(ARTICLES)) -> None:
    summary = run_reprocess(ReprocessOptions(db_path=db, stages=frozenset({"nlp"})))
    assert summary.status == "ok" and summary.articles_reprocessed == articles


def _bump(monkeypatch) -> None:
    monkeypatch.setattr(analyse, "ANALYSIS_VERSION", "bumped-by-a-test")
    monkeypatch.setattr(multilingual, "RULES_VERSION", "bumped-by-a-test")


def test_a_fresh_database_has_nothing_dead_and_keeps_serving_every_paragraph(db, analysed):
    analysed.clear()
    cache, users = _cache(db), _user_tables(db)
    result = prune_cache(db)
    assert result.dead == dict.fromkeys(TABLES, 0) and result.deleted == dict.fromkeys(TABLES, 0)
    assert result.rows["paragraph_analyses"] == len(cache["paragraph_analyses"])
    assert _cache(db) == cache and _user_tables(db) == users
    statements = _statements(db)
    _reprocess_nlp(db)
    assert analysed == []  # the keying the prune computed is the stage's own: every paragraph came from the cache
    assert _statements(db) == statements


NEWS = {"market": ["Grain prices in the capital fell for the second week as the harvest came in early, "
                      "traders in Brevik said."]}


def _news_pass(site, make_options) -> None:
    """A pass after a release: it analyses (and stamps with the new version) the one new article; the stored ones,
    unchanged, keep their analyses at the old version."""
    _publish(site, ARTICLES | NEWS)
    run_pass(make_options(site.url("/feed.xml")))


def test_after_a_version_bump_the_old_rows_go_and_nothing_stale_is_reused(db, analysed, monkeypatch, site,
                                                                           make_options):
    analysed.clear()
    cache, users, statements = _cache(db), _user_tables(db), _statements(db)
    _bump(monkeypatch)
    with pytest.raises(VersionMismatch):  # no stored article was analysed at the new version yet: no guessing
        prune_cache(db)
    assert _cache(db) == cache
    _news_pass(site, make_options)
    assert len(analysed) == len(NEWS["market"])  # the new article only
    fresh = {t: [r for r in rows if r not in cache[t]] for t, rows in _cache(db).items()}
    assert fresh["paragraph_analyses"]
    users = _user_tables(db)

    dry = prune_cache(db, dry_run=True)
    assert dry.dead == {t: len(rows) for t, rows in cache.items()}  # every row made by the old rules
    assert dead_at_a_glance(db).dead == dry.dead  # what stats shows: old versions need no keying
    assert dry.deleted == {}
    assert _cache(db) == {t: sorted(cache[t] + fresh[t]) for t in TABLES}  # --dry-run deletes nothing

    result = prune_cache(db)
    assert result.deleted == dry.dead
    assert _cache(db) == fresh
    assert _user_tables(db) == users  # articles, statements, entities, quotes, runs: byte for byte
    again = prune_cache(db)
    assert again.dead == dict.fromkeys(TABLES, 0) and again.deleted == dict.fromkeys(TABLES, 0)

    analysed.clear()
    _reprocess_nlp(db, len(ARTICLES | NEWS))
    assert len(analysed) == len(cache["paragraph_analyses"])  # every old paragraph analysed again, none reused
    assert _versions(db) == {analyse.analysis_version()}
    assert set(statements) <= set(_statements(db))  # the same rules under another version number find the same
    assert prune_cache(db).dead == dict.fromkeys(TABLES, 0)

    analysed.clear()
    _reprocess_nlp(db, len(ARTICLES | NEWS))
    assert analysed == []  # after pruning, the cache still serves every current paragraph


def test_a_refusal_deletes_no_killed_compactions_copy_either(db, monkeypatch):
    """A prune that refuses (another environment's version) says "nothing was deleted": that holds for the copies
    a killed compaction left too, which go only once the checks passed."""
    stale = db.parent / f".{db.name}.compact-{2**22 + 7}"  # no such process
    stale.write_bytes(b"x" * 4096)
    monkeypatch.setattr(analyse, "installed_model", lambda: ("en_core_web_xx", "0.0.1"))
    with pytest.raises(VersionMismatch):
        prune_cache(db)
    assert stale.exists()
    monkeypatch.undo()
    assert prune_cache(db).stale_copies == 4096 and not stale.exists()


@pytest.mark.parametrize("dry_run", [False, True])
def test_another_environment_refuses_and_deletes_nothing(db, monkeypatch, dry_run):
    """A prune run with another spaCy model installed than the passes used (or another lexicon or gazetteer)
    computes another English version: every English row would look dead. It refuses, names what differs and what
    to do, and deletes nothing; stats counts none of those rows dead."""
    cache, users = _cache(db), _user_tables(db)
    monkeypatch.setattr(analyse, "installed_model", lambda: ("en_core_web_xx", "0.0.1"))
    with pytest.raises(VersionMismatch) as caught:
        prune_cache(db, dry_run=dry_run)
    message = str(caught.value)
    assert "not pruned" in message and "nothing was deleted" in message
    assert "en_core_web_xx-0.0.1 here" in message and "--lexicon" in message and "reprocess" in message
    assert _cache(db) == cache and _user_tables(db) == users
    assert dead_at_a_glance(db).dead == dict.fromkeys(TABLES, 0)

    out = CliRunner().invoke(cli, ["prune-cache", "--db", str(db)] + (["--dry-run"] if dry_run else []))
    assert out.exit_code == 1 and "en_core_web_xx-0.0.1 here" in out.output
    assert _cache(db) == cache


def test_articles_changed_while_keyed_refuses_and_deletes_nothing(db, monkeypatch, site, make_options):
    """A writer that does not take the pass lock (a notebook) changed the articles between the keying and the
    deletes: the live set may miss their new keys, so nothing is deleted."""
    _bump(monkeypatch)
    _news_pass(site, make_options)
    cache = _cache(db)
    calls = iter(range(100))
    monkeypatch.setattr(prunecache, "_fingerprint", lambda con: next(calls))
    with pytest.raises(StoreError, match="changed while"):
        prune_cache(db)
    assert _cache(db) == cache


def test_streamed_keys_in_small_batches_give_the_same_live_set(db, tmp_path):
    """The live keys are written a batch of articles at a time: one article a batch gives what one batch does."""
    import pyarrow.parquet as pq

    sets = []
    with duckdb.connect(str(db), read_only=True) as con:
        versions = prunecache.checked_versions(con, stage.NlpOptions())
        for batch in (1, 2, 10_000):
            path = tmp_path / f"live{batch}.parquet"
            prunecache.write_live_keys(con, stage.NlpOptions(), versions, path, batch=batch)
            sets.append(sorted(tuple(r.values()) for r in pq.read_table(path).to_pylist()))
    assert sets[0] and sets[0] == sets[1] == sets[2]
    with duckdb.connect(str(db), read_only=True) as con:
        cached = sorted(con.execute("SELECT paragraph_id, context_key, version FROM paragraph_analyses").fetchall())
    assert sorted(set(sets[0])) == cached  # a fresh database: every cached analysis is live, and only those


def test_rows_under_a_context_no_article_produces_go_and_live_ones_stay(db, analysed):
    """Rows cached before migration 0017 (the empty key) and rows of an article that changed since (a key no
    stored article produces) are dead; the live analyses of the same paragraphs stay."""
    analysed.clear()
    live = _cache(db)
    with duckdb.connect(str(db)) as con:
        for key in ("", "0123456789abcdef"):
            for table in TABLES:
                con.execute(f"INSERT INTO {table} SELECT * REPLACE (? AS context_key) FROM {table} "
                            "WHERE context_key NOT IN ('', '0123456789abcdef')", [key])
    stale = {t: len(rows) * 2 for t, rows in live.items()}
    users = _user_tables(db)

    # at a glance (stats) only the empty key's rows are known dead: the other stale key needs the articles keyed
    assert dead_at_a_glance(db).dead == {t: n // 2 for t, n in stale.items()}
    result = prune_cache(db)
    assert result.dead == stale and result.deleted == stale
    assert _cache(db) == live
    assert _user_tables(db) == users
    _reprocess_nlp(db)
    assert analysed == []


def test_orphaned_child_rows_are_dead(db):
    """A statement row whose analysis is gone is never read (the cache reads rows with their analysis)."""
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO paragraph_entities SELECT * REPLACE ('no-such-paragraph' AS paragraph_id) "
                    "FROM paragraph_entities LIMIT 1")
    assert prune_cache(db).deleted["paragraph_entities"] == 1


def test_a_held_pass_lock_refuses_and_says_what_to_do(db, monkeypatch):
    _bump(monkeypatch)
    cache = _cache(db)
    with pass_lock(db), pytest.raises(PassInProgress) as caught:
        prune_cache(db)
    message = str(caught.value)
    assert "not pruned" in message and "Run it again" in message
    assert _cache(db) == cache

    with pass_lock(db):
        out = CliRunner().invoke(cli, ["prune-cache", "--db", str(db)])
    assert out.exit_code == EXIT_PASS_RUNNING and "not pruned" in out.output
    assert _cache(db) == cache


@pytest.mark.parametrize("locked_through_link", [True, False])
def test_the_pass_lock_is_one_whatever_name_the_database_is_reached_by(db, tmp_path, monkeypatch, locked_through_link):
    """A pass started through a symbolic link and a prune (or --compact) run on the real path, or the other way
    round, took two different locks and ran side by side: the compaction rewrote the file under the pass."""
    _bump(monkeypatch)
    cache = _cache(db)
    link = tmp_path / "elsewhere" / "news-link.duckdb"
    link.parent.mkdir()
    link.symlink_to(db)
    held, pruned = (link, db) if locked_through_link else (db, link)
    with pass_lock(held), pytest.raises(PassInProgress):
        prune_cache(pruned, compact=True)
    assert _cache(db) == cache
    with pass_lock(held):
        out = CliRunner().invoke(cli, ["prune-cache", "--compact", "--db", str(pruned)])
    assert out.exit_code == EXIT_PASS_RUNNING and "not pruned" in out.output
    assert _cache(db) == cache and link.is_symlink()


def test_an_airflow_claim_is_one_whatever_name_the_database_is_reached_by(db, tmp_path):
    link = tmp_path / "news-link.duckdb"
    link.symlink_to(db)
    claim_for_run(link, dag_id="newsdesk", run_id="r1", ttl=600)
    assert claim_path(db) == claim_path(link) and claim_path(db).exists()
    with pytest.raises(PassInProgress, match="Airflow run"):
        prune_cache(db)
    release_claim(db, dag_id="newsdesk", run_id="r1")
    assert not claim_path(link).exists()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_database_held_by_another_process_refuses_and_says_what_to_do(db, monkeypatch, read_only):
    """A writer, or a reader such as `newsdesk query` or a notebook: the message says the cache was left alone and
    how to wait longer, not that an ingest is running."""
    _bump(monkeypatch)
    cache = _cache(db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], "
                               f"read_only={read_only}); print('held', flush=True); time.sleep(60)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        began = time.monotonic()
        with pytest.raises(DatabaseLocked) as caught:
            prune_cache(db, lock_timeout=0.5)
        assert time.monotonic() - began < 30
        message = str(caught.value)
        assert "not pruned" in message and "nothing was deleted" in message and "notebook" in message
        assert "--lock-timeout" in message and "NEWSDESK_LOCK_TIMEOUT" in message and "ingest to finish" not in message
    finally:
        holder.kill()
        holder.wait()
    assert _cache(db) == cache


def test_the_command_prints_each_table_and_the_file_size(db, monkeypatch, site, make_options):
    _bump(monkeypatch)
    _news_pass(site, make_options)
    runner = CliRunner()
    dry = runner.invoke(cli, ["prune-cache", "--db", str(db), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    for table in TABLES:
        assert table in dry.output
    assert "would delete" in dry.output and "file size" in dry.output and "dry run: nothing deleted" in dry.output
    stats = runner.invoke(cli, ["stats", "--db", str(db)])
    assert "deletes them" in stats.output and "newsdesk prune-cache" in stats.output  # users learn they can prune
    done = runner.invoke(cli, ["prune-cache", "--db", str(db)])
    assert done.exit_code == 0 and "deleted" in done.output
    stats = runner.invoke(cli, ["stats", "--db", str(db)])
    assert "0 dead" in stats.output and "deletes them" not in stats.output


def test_compact_gives_the_space_back_and_the_database_keeps_working(db, monkeypatch, site, make_options):
    """--compact rewrites the pruned file: what users query is the same, nothing is dead, and the next pass runs on
    it as before (its run gets the next id: the sequence survived the copy)."""
    _bump(monkeypatch)
    _news_pass(site, make_options)
    users, runs = _user_tables(db), len(_user_tables(db)["runs"])
    runner = CliRunner()
    both = runner.invoke(cli, ["prune-cache", "--db", str(db), "--compact", "--dry-run"])
    assert both.exit_code == 2 and "choose one" in both.output
    done = runner.invoke(cli, ["prune-cache", "--db", str(db), "--compact"])
    assert done.exit_code == 0, done.output
    assert "(compacted)" in done.output
    assert _user_tables(db) == users and prune_cache(db, dry_run=True).dead_total == 0
    _news_pass(site, make_options)
    ids = [row[0] for row in _user_tables(db)["runs"]]
    assert len(ids) == runs + 1 and len(set(ids)) == len(ids)


def test_a_killed_compactions_copy_is_reported_and_removed(db):
    """A copy `--compact` left when it was killed takes disk a user may be short of: a dry run says so, a prune
    removes it."""
    stale = db.parent / f".{db.name}.compact-{2**22 + 7}"  # no such process
    stale.write_bytes(b"x" * 4096)
    runner = CliRunner()
    dry = runner.invoke(cli, ["prune-cache", "--db", str(db), "--dry-run"])
    assert dry.exit_code == 0 and "killed compactions" in dry.output and "would be deleted" in dry.output
    assert stale.exists()
    done = runner.invoke(cli, ["prune-cache", "--db", str(db)])
    assert done.exit_code == 0 and "killed compactions" in done.output and not stale.exists()


@pytest.mark.slow
def test_each_language_is_judged_at_its_own_version(site, make_options, analysed, monkeypatch):
    """French rows are live at the French version, English ones at the English: bumping only the English rules
    leaves the French analyses live."""
    _publish(site, {"treve": ["Le cessez-le-feu entre les deux armées tient depuis lundi, a déclaré le ministre "
                              "de la Défense, Paul Marchand.",
                              "\u00ab Nous respecterons la trêve tant que l'autre camp la respectera \u00bb, a-t-il "
                              "ajouté."]}, lang="fr")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    _publish(site, ARTICLES)
    run_pass(options)
    french = prune_cache(options.db_path, dry_run=True)
    assert set(french.versions) == {"en", "fr"} and french.dead_total == 0
    monkeypatch.setattr(analyse, "ANALYSIS_VERSION", "bumped-by-a-test")
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        fr_rows = con.execute("SELECT count(*) FROM paragraph_analyses WHERE version LIKE 'fr%'").fetchall()[0][0]
        all_rows = con.execute("SELECT count(*) FROM paragraph_analyses").fetchall()[0][0]
    _publish(site, ARTICLES | NEWS)  # a pass after the release stamps an English article with the new version
    run_pass(options)
    assert fr_rows and prune_cache(options.db_path).deleted["paragraph_analyses"] == all_rows - fr_rows


def test_keys_with_and_without_site_boilerplate_are_both_live(site, make_options, analysed):
    """A pass keys a paragraph after the site's chrome (found only across articles, in the load); a reprocess of
    the NLP alone keys it after the article's previous paragraph of its own. Both are lookups of today: pruning
    between them deletes neither, and neither has to be analysed again."""
    chrome = "The Test Gazette is an independent newspaper funded by its readers since the spring of 1921."
    _publish(site, {title: [chrome, *paragraphs] for title, paragraphs in ARTICLES.items()}
             | {"market": [chrome, "Grain prices in the capital fell for the second week as the harvest came in early."]})
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM article_paragraphs WHERE boilerplate").fetchall()[0][0] >= 3
    summary = run_reprocess(ReprocessOptions(db_path=options.db_path, stages=frozenset({"nlp"})))
    assert summary.status == "ok"
    cache = _cache(options.db_path)
    assert prune_cache(options.db_path).deleted == dict.fromkeys(TABLES, 0)
    assert _cache(options.db_path) == cache
    analysed.clear()
    run_reprocess(ReprocessOptions(db_path=options.db_path, stages=frozenset({"nlp"})))
    assert analysed == []


ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<id>tag:wire,2026:feed</id><updated>{updated}</updated>
<entry><id>tag:wire,2026:1</id><title>Truce update</title><link rel="alternate" href="{link}"/>
<updated>{updated}</updated><published>2026-11-25T09:00:00Z</published></entry></feed>"""


def test_an_article_that_grew_leaves_its_old_context_dead(site, make_options, analysed):
    """A story updated with a paragraph inserted: the paragraph after the insertion has another paragraph before
    it now, so its analysis under the old context is dead; every other analysis stays and serves the article."""
    first, moved, last = ARTICLES["talks"]
    inserted = "Late on Monday the republic's defence ministry said two of its positions had come under fire."

    def publish(paragraphs: list[str], updated: str) -> None:
        site.add("/story", article_page("Truce update", paragraphs))
        site.add("/atom", ATOM.format(updated=updated, link=site.url("/story")), content_type="application/atom+xml")

    options = make_options(site.url("/atom"))
    publish([first, moved, last], "2026-11-25T10:00:00Z")
    run_pass(options)
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        (moved_id,) = con.execute("SELECT paragraph_id FROM paragraphs WHERE text LIKE '%We will respect%'"
                                  ).fetchall()[0]
        old = con.execute("SELECT paragraph_id, context_key FROM paragraph_analyses").fetchall()
    publish([first, inserted, moved, last], "2026-11-25T12:00:00Z")
    assert run_pass(options).articles_revised == 1
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        after = con.execute("SELECT paragraph_id, context_key FROM paragraph_analyses").fetchall()
    gone = [row for row in old if row[0] == moved_id]
    assert len(gone) == 1 and gone[0] in after  # the old context's analysis is still cached

    result = prune_cache(options.db_path)
    assert result.deleted["paragraph_analyses"] == 1
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        left = con.execute("SELECT paragraph_id, context_key FROM paragraph_analyses").fetchall()
    assert sorted(left) == sorted(set(after) - set(gone))
    analysed.clear()
    run_reprocess(ReprocessOptions(db_path=options.db_path, stages=frozenset({"nlp"})))
    assert analysed == []
