"""The `newsdesk` command line: a thin layer whose errors are messages, not tracebacks."""

from __future__ import annotations

import json

import duckdb
import pytest
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
    # its only feed was refused: the pass ran, but nothing could be fetched (exit code 3, not "ok")
    assert result.exit_code == 3 and "refused" in result.output and "all_feeds_failed" in result.output
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


@pytest.mark.slow
def test_demo_command_prints_summary_and_query(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert result.exit_code == 0, result.output
    assert "articles: 12" in result.output and "removed as in-article repeats" in result.output
    assert "Example query" in result.output and "localhost" in result.output


@pytest.mark.slow
def test_feeds_subscriptions_drive_ingest(site, tmp_path):
    _site_with_one_article(site)
    db = tmp_path / "subs.duckdb"
    runner = CliRunner()
    env = {"NEWSDESK_DB": str(db)}
    result = runner.invoke(cli, ["ingest", "--allow-private-network"], env=env)
    assert result.exit_code == 2 and "newsdesk feeds add" in result.output  # nothing to poll yet: say how
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="Loopback" xmlUrl="{site.url("/feed.xml")}"/></body></opml>')
    result = runner.invoke(cli, ["feeds", "import", str(opml)], env=env)
    assert result.exit_code == 0 and "1 feeds added" in result.output
    result = runner.invoke(cli, ["feeds", "add", site.url("/feed.xml")], env=env)
    assert "already subscribed" in result.output
    result = runner.invoke(cli, ["ingest", "--allow-private-network", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles_new"] == 1
    result = runner.invoke(cli, ["feeds", "list", "--format", "json"], env=env)
    (row,) = json.loads(result.output)
    assert row["name"] == "Loopback" and row["health"] == "ok" and row["last_status"] == "ok"
    result = runner.invoke(cli, ["feeds", "remove", site.url("/feed.xml")], env=env)
    assert result.exit_code == 0
    result = runner.invoke(cli, ["feeds", "remove", site.url("/feed.xml")], env=env)
    assert result.exit_code == 1 and "not a subscribed feed" in result.output
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline xmlUrl='https://a.example/f'")
    result = runner.invoke(cli, ["feeds", "import", str(bad)], env=env)
    assert result.exit_code == 1 and "not valid OPML" in result.output
    with duckdb.connect(str(db), read_only=True) as con:  # nothing imported from the broken file
        assert con.execute("SELECT count(*) FROM feeds WHERE feed_url = 'https://a.example/f'").fetchall() == [(0,)]


@pytest.mark.slow
def test_named_query_parameters_export_and_stats(tmp_path):
    db = tmp_path / "demo.duckdb"
    runner = CliRunner()
    assert runner.invoke(cli, ["demo", "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, ["query", "--db", str(db), "--name", "mentioned_with", "--param", "a=Russia",
                                 "--param", "b=Ukraine", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert any("300 prisoners" in row["title"] for row in json.loads(result.output))
    result = runner.invoke(cli, ["query", "--db", str(db), "--name", "mentioned_with", "--param", "a=Russia"])
    assert result.exit_code == 2 and "needs parameter b (text)" in result.output and "--param b=..." in result.output  # a missing argument: usage error
    result = runner.invoke(cli, ["query", "--db", str(db), "--list"])
    assert "latest_statements_about" in result.output and "[name, limit=20]" in result.output
    result = runner.invoke(cli, ["export", "--db", str(db), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "ceasefire_statements" in result.output
    assert (tmp_path / "out" / "_newsdesk_export.json").exists()
    result = runner.invoke(cli, ["stats", "--db", str(db), "--days", "100000"])
    assert result.exit_code == 0 and "articles 13" in result.output and "7 in-article repeats removed" in result.output


@pytest.mark.slow
def test_configuration_file_and_environment_precedence(site, tmp_path, monkeypatch):
    _site_with_one_article(site)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    config = tmp_path / "newsdesk.toml"
    config.write_text(f'db = "{tmp_path / "from-config.duckdb"}"\nfeeds = "{feeds}"\n\n[ingest]\nallow_private_network = true\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "--json"])  # ./newsdesk.toml supplies db, feeds and the flag
    assert result.exit_code == 0, result.output
    assert (tmp_path / "from-config.duckdb").exists()
    result = runner.invoke(cli, ["ingest", "--json"], env={"NEWSDESK_DB": str(tmp_path / "from-env.duckdb")})
    assert (tmp_path / "from-env.duckdb").exists()  # environment beats the file
    result = runner.invoke(cli, ["ingest", "--json", "--db", str(tmp_path / "from-flag.duckdb")],
                           env={"NEWSDESK_DB": str(tmp_path / "from-env2.duckdb")})
    assert (tmp_path / "from-flag.duckdb").exists() and not (tmp_path / "from-env2.duckdb").exists()
    config.write_text("[ingest]\nbatchsize = 3\n")
    result = runner.invoke(cli, ["ingest", "--db", "x.duckdb"])
    assert result.exit_code == 1 and "has no option 'batchsize'" in result.output


@pytest.mark.slow
def test_progress_lines_when_not_a_terminal(site, tmp_path):
    _site_with_one_article(site)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    result = CliRunner().invoke(
        cli, ["ingest", "--feeds", str(feeds), "--db", str(tmp_path / "p.duckdb"), "--allow-private-network"])
    assert result.exit_code == 0
    assert "feeds 1/1 (100%)" in result.stderr and "articles 1/1 (100%)" in result.stderr
    quiet = CliRunner().invoke(
        cli, ["-q", "ingest", "--feeds", str(feeds), "--db", str(tmp_path / "q.duckdb"), "--allow-private-network"])
    assert quiet.exit_code == 0 and "articles 1/1" not in quiet.stderr


@pytest.mark.slow
def test_force_polls_feeds_that_are_not_due(site, tmp_path):
    _site_with_one_article(site)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    args = ["ingest", "--feeds", str(feeds), "--db", str(tmp_path / "f.duckdb"), "--allow-private-network", "--json"]
    runner = CliRunner()
    assert runner.invoke(cli, args).exit_code == 0
    polled = site.hits("/feed.xml")
    assert runner.invoke(cli, args).exit_code == 0
    assert site.hits("/feed.xml") == polled  # polled a moment ago: not due yet
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0
    assert site.hits("/feed.xml") == polled + 1


def test_feeds_remove_on_a_missing_database_creates_nothing(tmp_path):
    missing = tmp_path / "sub" / "y.duckdb"
    result = CliRunner().invoke(cli, ["feeds", "remove", "--db", str(missing), "https://x.example/feed"])
    assert result.exit_code == 1 and "does not exist" in result.output
    assert not missing.exists() and not missing.parent.exists()
