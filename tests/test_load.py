"""The load as steps: the store runs them in ONE transaction and knows none of them; each finds the staged
tables by the names the context gives; a step that fails leaves the database exactly as it was."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from old_database import database_before
from pipeline import load
from pipeline.dedup.exact import content_hash, dedup_paragraphs
from pipeline.records import Extracted, FeedEntry, FeedPoll, FeedSpec, FetchResult, ProcessedArticle, RequestLog
from pipeline.store import core as store
from pipeline.store.core import LoadContext, connect, run_steps
from pipeline.store.staging import StagedBatch, fetch_log_table, stage_articles, stage_polls, table

AT = datetime(2026, 11, 3, 9, tzinfo=UTC)
SHARED = "Talks resumed in Geneva on Monday after mediators pressed both delegations to accept a phased truce."


def _article(aid: str, paragraphs: list[str], at: datetime = AT) -> ProcessedArticle:
    url = f"http://paper.example/{aid}"
    entry = FeedEntry("http://paper.example/feed", aid, url, url, aid, aid.title(), None, None, at, at)
    occurrences, text = dedup_paragraphs(paragraphs)
    fetch = FetchResult(url, at, final_url=url, http_status=200)
    extracted = Extracted(status="ok", text_source="extracted", paragraphs=tuple(paragraphs))
    return ProcessedArticle(entry, fetch, "ok", extracted, occurrences, text, content_hash(text))


def _batch(articles: list[ProcessedArticle], at: datetime = AT) -> StagedBatch:
    """Every kind of row a pass loads: a feed poll with its entries and requests, robots.txt, articles with their
    paragraphs and occurrences, and NLP rows."""
    entries = tuple(a.entry for a in articles)
    poll = FeedPoll(FeedSpec("http://paper.example/feed", "Paper"), at, "ok", http_status=200, entries=entries,
                    log=(RequestLog("feed", "http://paper.example/feed", "paper.example", at, 1, "ok",
                                    http_status=200),))
    first = articles[0].entry.article_id
    nlp = StagedBatch({
        "nlp_articles": table("nlp_articles", [{"article_id": a.entry.article_id, "nlp_status": "analysed",
                                                 "nlp_version": "v1"} for a in articles]),
        "entities": table("entities", [{"entity_id": "geneva", "name": "Geneva", "label": "GPE",
                                        "first_article_id": first, "first_seen_at": at}]),
        "entity_mentions": table("entity_mentions", [{"article_id": first, "start_char": 17, "end_char": 23,
                                                      "entity_id": "geneva", "text": "Geneva", "label": "GPE",
                                                      "position": 0}]),
    })
    robots = StagedBatch({"robots": table("robots", [{"origin": "http://paper.example", "fetched_at": at,
                                                      "expires_at": at + timedelta(days=1), "status": "missing",
                                                      "http_status": 404}])})
    requests = StagedBatch({"fetch_log": fetch_log_table([
        RequestLog("article", a.entry.link, "paper.example", at, 1, "ok", http_status=200) for a in articles])})
    return StagedBatch.merge([stage_polls([poll]), stage_articles(articles), nlp, robots, requests])


def _everything(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_type = 'BASE TABLE' AND table_schema = 'main' ORDER BY 1").fetchall()]
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


def _failing(ctx: LoadContext) -> None:
    raise RuntimeError("disk on fire")


def test_a_step_that_fails_mid_load_leaves_the_database_exactly_as_it_was(tmp_path):
    first = _batch([_article("a", ["Opening words of the first report.", SHARED])])
    second = _batch([_article("a", ["The first report, revised.", SHARED]),  # a re-fetch whose text changed
                     _article("b", [SHARED, "A second paper's own closing words."])], at=AT + timedelta(hours=1))
    steps = list(load.STEPS)
    # late in the load: feeds, entries, requests, robots, articles, paragraphs and occurrences are written by then
    steps.insert(steps.index(load.nlp.load_analyses), _failing)
    with connect(tmp_path / "f.duckdb") as con:
        load.load_staged(con, first, 1)
        before = _everything(con)
        with pytest.raises(RuntimeError, match="disk on fire") as failed:
            load.load_staged(con, second, 2, batch_key="airflow:run2", steps=steps)
        assert "_failing" in "\n".join(failed.value.__notes__)  # the error names the step
        assert _everything(con) == before  # nothing of the batch, not even its loaded_batches row
        # and the batch loads whole afterwards, under the same key
        stats = load.load_staged(con, second, 2, batch_key="airflow:run2")
        assert (stats.articles, stats.revisions, stats.entries) == (2, 1, 2)
        assert con.execute("SELECT count(*) FROM article_revisions").fetchall() == [(1,)]
        assert _everything(con) != before


def test_steps_find_the_staged_tables_by_the_names_the_context_gives(tmp_path, monkeypatch):
    # a step (or cross-article dedup) that wrote a table name itself instead of asking the context would fail here
    monkeypatch.setattr(store, "STAGED_PREFIX", "batch_in_flight_")
    with connect(tmp_path / "n.duckdb") as con:
        load.load_staged(con, _batch([_article("a", ["Opening words of the first report.", SHARED])]), 1)
        stats = load.load_staged(con, _batch([_article("a", ["The first report, revised.", SHARED]),
                                              _article("b", [SHARED, "Closing words."])], at=AT + timedelta(hours=1)), 2)
        assert (stats.articles, stats.revisions, stats.mentions) == (2, 1, 1)
        assert stats.dedup is not None and stats.dedup.checked >= 1
        assert con.execute("SELECT article_count FROM paragraphs WHERE text = ?", [SHARED]).fetchall() == [(2,)]
        assert con.execute("SELECT count(*) FROM feeds").fetchall() == [(1,)]
        assert con.execute("SELECT count(*) FROM robots_txt").fetchall() == [(1,)]


def test_run_steps_adds_up_counts_and_registers_the_staged_tables_only_while_the_load_runs(tmp_path):
    seen = []

    def first(ctx: LoadContext):
        seen.append(ctx.con.execute(f"SELECT count(*) FROM {ctx.table('articles')}").fetchall()[0][0])
        return {"articles": ctx.rows("articles"), "note": "first"}

    def second(ctx: LoadContext):
        # a table the batch lacks reads as empty, with its declared columns
        seen.append(ctx.con.execute(ctx.sql("SELECT count(*) FROM {staged.quotes}")).fetchall()[0][0])
        return {"articles": 1, "note": "second"}

    batch = stage_articles([_article("a", ["One paragraph."])])
    with connect(tmp_path / "r.duckdb") as con:
        counts = run_steps(con, [first, second], LoadContext(batch, 1))
        assert seen == [1, 0]
        assert counts == {"articles": 2, "note": "second", "rows_written": 0}
        with pytest.raises(duckdb.CatalogException):
            con.execute("SELECT * FROM staged_articles")


def test_the_store_imports_no_feature():
    # the store's own imports (the import-linter contract in pyproject.toml also follows chains: `lint-imports`)
    # every module of the store package: its own modules, and the shared ones at the package's top
    allowed = {"core", "errors", "migrations", "options", "records", "settings", "staging", "stagingurl", "urls",
               "version"}
    imported = set()
    for path in Path(store.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                imported |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
            elif isinstance(node, ast.Import):
                imported |= {a.name.split(".")[1] for a in node.names if a.name.startswith("pipeline.")}
    assert imported <= allowed, imported - allowed


def _with_mentions(mentions: list[dict]) -> StagedBatch:
    batch = _batch([_article("a", ["Opening words of the first report.", SHARED])])
    rows = [{"article_id": "a", "end_char": 23, "entity_id": "geneva", "label": "GPE", "position": 0, **m}
            for m in mentions]
    return StagedBatch({**batch.tables, "entity_mentions": table("entity_mentions", rows)})


def test_two_different_rows_on_one_key_are_reported_not_dropped_silently(tmp_path, caplog):
    # a merged batch repeats an article's rows identically: one is kept, nothing to say
    same = {"start_char": 17, "text": "Geneva"}
    with connect(tmp_path / "same.duckdb") as con, caplog.at_level("WARNING", logger="pipeline.load.nlp"):
        load.load_staged(con, _with_mentions([same, same]), 1)
    assert not caplog.records
    # two different readings of one span: the table keeps one, and the log says a row was lost
    with connect(tmp_path / "differ.duckdb") as con, caplog.at_level("WARNING", logger="pipeline.load.nlp"):
        load.load_staged(con, _with_mentions([same, {"start_char": 17, "text": "Geneva", "label": "ORG",
                                                     "entity_id": "geneva-org"}]), 1)
        kept = con.execute("SELECT count(*) FROM entity_mentions").fetchall()[0][0]
    assert kept == 1
    assert any("entity_mentions: 1 keys (article_id, start_char, end_char) hold different rows" in r.message
               for r in caplog.records)


def test_nested_mentions_that_share_a_start_are_both_kept(tmp_path, caplog):
    """"Geneva talks" (an event) and "Geneva" (the place inside it) start on one character: a mention is its
    whole span, so both are stored and nothing is reported lost."""
    place = {"start_char": 17, "end_char": 23, "text": "Geneva"}
    event = {"start_char": 17, "end_char": 29, "text": "Geneva talks", "label": "EVENT", "entity_id": "talks"}
    with connect(tmp_path / "nested.duckdb") as con, caplog.at_level("WARNING", logger="pipeline.load.nlp"):
        load.load_staged(con, _with_mentions([place, event]), 1)
        stored = con.execute("SELECT start_char, end_char, label FROM entity_mentions ORDER BY end_char").fetchall()
    assert stored == [(17, 23, "GPE"), (17, 29, "EVENT")]
    assert not caplog.records


def test_migration_0015_keys_mentions_by_span_and_keeps_every_row(tmp_path):
    """A database an older newsdesk left (mentions keyed by their start): its rows survive the new key, the views
    over them still read, and a nested mention sharing a start can then be stored."""
    from pipeline.store.migrations import apply_views, migrate

    with database_before(tmp_path / "old.duckdb", 15) as con:
        apply_views(con)
        con.execute("INSERT INTO paragraph_entities VALUES ('p1', 0, 6, 'Geneva', 'Geneva', 'GPE', NULL, NULL)")
        con.execute("INSERT INTO entity_mentions VALUES ('a1', 0, 6, 'geneva', 'Geneva', 'GPE', 0)")
        with pytest.raises(duckdb.ConstraintException):  # the old key: a nested mention cannot be stored
            con.execute("INSERT INTO entity_mentions VALUES ('a1', 0, 12, 'talks', 'Geneva talks', 'EVENT', 0)")
        assert [m.version for m in migrate(con)][:1] == [15]  # and any later ones
        assert con.execute("SELECT paragraph_id, start_char, end_char, text, name, label, prefix, written "
                           "FROM paragraph_entities").fetchall() == [("p1", 0, 6, "Geneva", "Geneva", "GPE", None, None)]
        con.execute("INSERT INTO entity_mentions VALUES ('a1', 0, 12, 'talks', 'Geneva talks', 'EVENT', 0)")
        con.execute("INSERT INTO paragraph_entities (paragraph_id, start_char, end_char, text, name, label) "
                    "VALUES ('p1', 0, 12, 'Geneva talks', 'Geneva talks', 'EVENT')")
        assert con.execute("SELECT count(*) FROM entity_mentions").fetchall() == [(2,)]
        with pytest.raises(duckdb.ConstraintException):  # still one row per span
            con.execute("INSERT INTO entity_mentions VALUES ('a1', 0, 6, 'geneva', 'Geneva', 'GPE', 0)")
        con.execute("SELECT * FROM entity_cooccurrence").fetchall()  # the views over the table still bind
        con.execute("SELECT * FROM entity_mentions_daily").fetchall()
