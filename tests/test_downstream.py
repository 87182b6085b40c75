"""For the people downstream: every view and named query on the demo database, the read API, exports."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipeline.serve import read
from pipeline.serve.export import MANIFEST, export
from pipeline.serve.queries import named_queries
from pipeline.store.migrations import sql_dir

pytestmark = pytest.mark.slow  # built on one whole demo run (module fixture)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from pipeline.demo.run import run_demo

    db = tmp_path_factory.mktemp("downstream") / "demo.duckdb"
    run_demo(db, workers=1)
    return db


def q(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).fetchall() if params else con.execute(sql).fetchall()


# one known row (or fact) per view, from the demo corpus
VIEW_CHECKS = {
    "ceasefire_statements_v": "SELECT count(*) > 0 FROM ceasefire_statements_v WHERE speaker = 'Olena Haidar' AND stance = 'support' AND article_title LIKE 'Kyiv and Moscow envoys%'",
    "ceasefire_statements_daily": "SELECT count(*) > 0 FROM ceasefire_statements_daily WHERE speaker = 'Arkady Belov' AND stance = 'oppose' AND statements >= 1",
    "entity_mentions_daily": "SELECT count(*) > 0 FROM entity_mentions_daily WHERE name = 'Rapid Support Forces' AND label = 'ORG'",
    "entity_cooccurrence": "SELECT count(*) > 0 FROM entity_cooccurrence WHERE (name_a, name_b) IN (('Russia', 'Ukraine'), ('Ukraine', 'Russia')) AND articles >= 2",
    "speaker_stance_timeline": "SELECT count(*) > 0 FROM speaker_stance_timeline WHERE speaker = 'Arkady Belov' AND statement_number = 1 AND NOT stance_changed",
    "feed_health": "SELECT count(*) = 2 FROM feed_health WHERE health = 'ok' AND entries_total = 7",
    "quotes_v": "SELECT count(*) > 0 FROM quotes_v WHERE speaker = 'Serhiy Dovhan' AND source_text = 'he' AND direct AND cue = 'told'",
    "duplicate_share_by_host": "SELECT count(*) = 1 FROM duplicate_share_by_host WHERE host = 'harbour-post.localhost' AND in_article_repeats = 7",
    "article_urls_v": "SELECT count(*) = 1 FROM article_urls_v WHERE url LIKE '%utm_source=rss%' AND source = 'feed' AND urls_for_article = 2",
    "extraction_health_v": "SELECT count(*) = 1 FROM extraction_health_v WHERE host = 'meridian-wire.localhost' AND articles = 7 AND ok = 6 AND failed = 1 AND bad_share = 0",
}

QUERY_CHECKS = {
    "shared_paragraphs": ({}, lambda rows: len(rows) >= 3 and all(".localhost" in r[1] for r in rows)),
    "repeats_by_article": ({}, lambda rows: rows[0][2] == 7),
    "latest_statements_about": ({"name": "Sudan", "limit": "50"}, lambda rows: any(r[1] == "Osman al-Tayeb" for r in rows)),
    "mentioned_with": ({"a": "Russia", "b": "Ukraine"}, lambda rows: any("300 prisoners" in r[1] for r in rows)),
    "changed_since": ({"since": "2000-01-01"}, lambda rows: dict(rows)["articles fetched"] == 13),
    "what_did_speaker_say": ({"speaker": "Dovhan"}, lambda rows: len(rows) >= 2 and all(r[1] == "Serhiy Dovhan" for r in rows)),
}


def test_every_view_is_checked_and_has_its_known_row(demo_db):
    views = {p.stem for p in (sql_dir() / "views").glob("*.sql")}
    assert views == set(VIEW_CHECKS), "add a check for every view"
    for name, check in VIEW_CHECKS.items():
        assert q(demo_db, check) == [(True,)], name


def test_every_named_query_runs_with_its_parameters(demo_db):
    queries = named_queries()
    assert set(queries) == set(QUERY_CHECKS), "add a check for every named query"
    for name, (params, ok) in QUERY_CHECKS.items():
        query = queries[name]
        rows = q(demo_db, query.sql, query.bind(params) or None)
        assert ok(rows), (name, rows[:3])


def test_named_query_parameters_are_checked():
    from pipeline.errors import ConfigError

    query = named_queries()["mentioned_with"]
    with pytest.raises(ConfigError, match=r"needs parameter a .*--param a=\.\.\. on the command line, a=\.\.\. to read\.named\(\)"):
        query.bind({"b": "x"})
    with pytest.raises(ConfigError, match="no parameter nope"):
        query.bind({"a": "x", "b": "y", "nope": "1"})
    assert query.bind({"a": "x", "b": "y"})["limit"] == "50"


def test_read_api(demo_db):
    statements = read.statements(demo_db)
    assert statements.num_rows == q(demo_db, "SELECT count(*) FROM ceasefire_statements")[0][0]
    assert {"speaker", "stance", "article_title", "article_url", "published_at"} <= set(statements.column_names)
    belov = read.statements(demo_db, speaker="arkady belov")
    assert belov.num_rows >= 1 and set(belov.column("speaker").to_pylist()) == {"Arkady Belov"}
    assert read.statements(demo_db, since="2100-01-01").num_rows == 0
    assert "text" not in read.articles(demo_db, with_text=False).column_names
    assert read.named(demo_db, "mentioned_with", a="Russia", b="Ukraine").num_rows >= 2


def test_export_round_trip_and_incremental(demo_db, tmp_path):
    out = tmp_path / "export"
    result = export(demo_db, out)
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["schema_version"] == q(demo_db, "SELECT max(version) FROM schema_migrations")[0][0]
    for table, rows in result.rows.items():
        assert rows == q(demo_db, f"SELECT count(*) FROM {table}")[0][0], table
        pattern = f"{out}/{table}/**/*.parquet"
        read_back = duckdb.sql(f"SELECT count(*) FROM read_parquet('{pattern}', hive_partitioning = true)").fetchall()[0][0]
        assert read_back == rows, table
    # partitioned by publication date
    assert sorted(p.name for p in (out / "articles").iterdir() if p.name != "_newsdesk_table")[0].startswith("pub_date=2026-11-")
    assert not any(p.name.startswith(".tmp") for p in out.iterdir())  # nothing half-written left behind
    # nothing new since the export: an incremental export adds no rows
    again = export(demo_db, out, since=manifest["exported_at"])
    assert again.rows["articles"] == 0 and again.rows["article_urls"] == 0
    assert result.rows["article_urls"] >= result.rows["articles"]  # every article's URLs travel with it
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/articles/**/*.parquet')").fetchall()[0][0] == result.rows["articles"]
    # a full export replaces, never duplicates
    export(demo_db, out)
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/articles/**/*.parquet')").fetchall()[0][0] == result.rows["articles"]
    assert len(json.loads((out / MANIFEST).read_text())["history"]) == 3


def test_subscriptions_and_stats(demo_db, tmp_path):
    import shutil

    from pipeline.fetch.feedlist import parse_opml
    from pipeline.fetch.subscriptions import add_feeds, feed_health, remove_feed, subscribed_feeds
    from pipeline.serve.stats import collect

    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, db)
    assert len(subscribed_feeds(db)) == 2  # the demo's polled feeds are subscriptions
    specs = parse_opml(b'<opml><body><outline text="X" xmlUrl="https://x.example/feed"/></body></opml>')
    assert add_feeds(db, specs).added == 1 and add_feeds(db, specs).already == 1
    columns, rows = feed_health(db)
    health = {r[0]: r[columns.index("health")] for r in rows}
    assert health["https://x.example/feed"] == "never polled" and list(health.values()).count("ok") == 2
    remove_feed(db, "https://x.example/feed")
    assert [f.url for f in subscribed_feeds(db)] == [f.url for f in subscribed_feeds(demo_db)]
    stats = collect(db, days=100000)
    assert stats.counts["articles"] == 13 and stats.repeats_removed == 7 and stats.not_analysed == {}
    assert stats.top_speakers and stats.top_entities and stats.last_run["status"] == "ok"
