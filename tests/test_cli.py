"""The `newsdesk` command line: a thin layer whose errors are messages, not tracebacks."""

from __future__ import annotations

import json

import duckdb
from click.testing import CliRunner

from conftest import article_page, rss, words
from pipeline.cli import cli


def _site_with_one_article(site):
    site.add("/a/1", article_page("Ceasefire talks", [words(25, f"p {i}") for i in range(3)]))
    site.add("/feed.xml", rss([{"title": "Ceasefire talks", "link": site.url("/a/1")}]), content_type="application/rss+xml")


def test_help_for_every_command():
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "demo", "query"):
        assert command in result.output
        sub = runner.invoke(cli, [command, "--help"])
        assert sub.exit_code == 0 and "Usage:" in sub.output and len(sub.output.splitlines()) > 4


def test_ingest_then_query(site, tmp_path):
    _site_with_one_article(site)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\nname = "Loopback"\ntags = ["test"]\n')
    db = tmp_path / "n.duckdb"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "--feeds", str(feeds), "--db", str(db), "--allow-private-network", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["articles_new"] == 1 and summary["status"] == "ok"

    result = runner.invoke(cli, ["query", "--db", str(db), "SELECT title, status FROM articles"])
    assert result.exit_code == 0 and "Ceasefire talks" in result.output and "(1 row)" in result.output
    result = runner.invoke(cli, ["query", "--db", str(db), "--format", "json", "SELECT name, tags FROM feeds"])
    assert json.loads(result.output) == [{"name": "Loopback", "tags": ["test"]}]
    result = runner.invoke(cli, ["query", "--db", str(db), "--list"])
    assert "shared_paragraphs" in result.output
    result = runner.invoke(cli, ["query", "--db", str(db), "--named", "repeats_by_article", "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("title,")


def test_private_network_refused_unless_allowed(site, tmp_path, monkeypatch):
    _site_with_one_article(site)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    db = tmp_path / "n.duckdb"
    monkeypatch.delenv("NEWSDESK_ALLOW_PRIVATE_NETWORK", raising=False)
    result = CliRunner().invoke(cli, ["ingest", "--feeds", str(feeds), "--db", str(db)])
    assert result.exit_code == 0 and "refused" in result.output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT last_status FROM feeds").fetchall() == [("refused",)]
    assert site.hits("/feed.xml") == 0
    # the environment variable shared with the Airflow DAG allows it
    result = CliRunner().invoke(cli, ["ingest", "--feeds", str(feeds), "--db", str(db)],
                                env={"NEWSDESK_ALLOW_PRIVATE_NETWORK": "1"})
    assert result.exit_code == 0 and "1 new articles" in result.output


def test_errors_are_messages_not_tracebacks(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "feeds.toml"
    bad.write_text("[[feeds]]\nname = 'x'\n")
    result = runner.invoke(cli, ["ingest", "--feeds", str(bad), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "Error:" in result.output and "url must be" in result.output
    result = runner.invoke(cli, ["query", "--db", str(tmp_path / "missing.duckdb"), "SELECT 1"])
    assert result.exit_code == 1 and "does not exist" in result.output
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    result = runner.invoke(cli, ["query", "--db", str(db), "SELEC nonsense"])
    assert result.exit_code == 1 and "query failed" in result.output


def test_demo_command_prints_summary_and_query(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert result.exit_code == 0, result.output
    assert "articles: 10" in result.output and "removed as in-article repeats" in result.output
    assert "Example query" in result.output and "localhost" in result.output
