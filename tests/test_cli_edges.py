"""The `newsdesk` command pointed at real data: it deletes nothing it did not write, reads only its database,
refuses bad values in one line, and says with its exit code how a pass went (docs/operations.md "Exit codes")."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from conftest import article_page, rss, words
from pipeline.cli import cli
from pipeline.errors import ConfigError
from pipeline.fetch.feedlist import feed_key, load_feeds
from pipeline.serve import read
from pipeline.serve.export import MARKER
from pipeline.serve.queries import QueryError
from pipeline.store.core import connect
from test_downstream import QUERY_CHECKS


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from pipeline.demo.run import run_demo

    db = tmp_path_factory.mktemp("edges") / "demo.duckdb"
    run_demo(db, workers=1)
    return db


@pytest.fixture
def empty_db(tmp_path):
    db = tmp_path / "empty.duckdb"
    with connect(db):  # the schema, no rows
        pass
    return db


def invoke(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def one_line_error(result) -> str:
    """The command failed with a message, not a traceback: exactly one non-empty line on stderr."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith(("Usage:", "Try "))]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# ------------------------------------------------------------------------------------------------ export


@pytest.mark.slow
def test_export_refuses_a_folder_of_the_users_and_deletes_nothing(demo_db, tmp_path):
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    (out / "articles" / "my-notes.txt").write_text("mine")
    result = invoke("export", "--db", demo_db, "--out", out)
    assert result.exit_code == 1 and "my-notes.txt" in one_line_error(result)
    assert (out / "articles" / "my-notes.txt").read_text() == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["articles"]  # refused before writing anything
    assert [p.name for p in (out / "articles").iterdir()] == ["my-notes.txt"]


@pytest.mark.parametrize("nested", [False, True])
def test_export_of_a_missing_database_creates_no_folder(tmp_path, nested):
    """`export --db missing.duckdb --out ex` failed but left an empty `ex/` behind (made before the database was
    opened)."""
    out = tmp_path / "ex" / "deeper" if nested else tmp_path / "ex"
    result = invoke("export", "--db", tmp_path / "missing.duckdb", "--out", out)
    assert result.exit_code == 1 and "missing.duckdb" in one_line_error(result)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_export_replaces_only_its_own_folders(demo_db, tmp_path):
    out = tmp_path / "out"
    (out / "entities").mkdir(parents=True)  # empty: nothing to lose, the export may use it
    (out / "my-analysis.csv").parent.mkdir(exist_ok=True)
    (out / "my-analysis.csv").write_text("a,b\n")
    assert invoke("export", "--db", demo_db, "--out", out).exit_code == 0
    assert (out / "articles" / MARKER).is_file() and (out / "entities" / MARKER).is_file()
    # a full export again swaps its own folders, leaves the user's file beside them alone
    assert invoke("export", "--db", demo_db, "--out", out).exit_code == 0
    assert (out / "my-analysis.csv").read_text() == "a,b\n"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    # a file of the user's put into an exported folder stops the next export, and survives it
    (out / "feeds" / "readme.md").write_text("keep me")
    result = invoke("export", "--db", demo_db, "--out", out)
    assert result.exit_code == 1 and "readme.md" in one_line_error(result)
    assert (out / "feeds" / "readme.md").read_text() == "keep me"
    # ... and so does a manifest that is not newsdesk's
    (out / "feeds" / "readme.md").unlink()
    (out / "_newsdesk_export.json").write_text("my own notes")
    result = invoke("export", "--db", demo_db, "--out", out)
    assert result.exit_code == 1 and "not a newsdesk export manifest" in one_line_error(result)
    assert (out / "_newsdesk_export.json").read_text() == "my own notes"


@pytest.mark.slow
def test_export_to_a_path_with_a_quote_and_since_checked(demo_db, tmp_path):
    out = tmp_path / "it's here"
    result = invoke("export", "--db", demo_db, "--out", out)
    assert result.exit_code == 0, result.output
    count = duckdb.sql("SELECT count(*) FROM read_parquet($p)", params={"p": f"{out}/articles/**/*.parquet"})
    assert count.fetchall() == [(13,)]
    manifest = json.loads((out / "_newsdesk_export.json").read_text())
    again = invoke("export", "--db", demo_db, "--out", out, "--since", manifest["exported_at"])
    assert again.exit_code == 0 and "articles               0 rows" in again.output
    result = invoke("export", "--db", demo_db, "--out", out, "--since", "garbage")
    assert result.exit_code == 2 and "not an ISO 8601 time" in one_line_error(result)
    from pipeline.serve.export import export

    with pytest.raises(ConfigError, match="not an ISO 8601 time"):
        export(demo_db, tmp_path / "lib", since="last tuesday")


# ------------------------------------------------------------------------------------------------- demo


def test_demo_never_writes_into_the_configured_database(tmp_path, monkeypatch):
    written = []

    class Report:
        def as_dict(self):
            return {}

    def fake_run_demo(db_path, progress=None):
        written.append(db_path)
        return Report()

    monkeypatch.setattr("pipeline.demo.run.run_demo", fake_run_demo)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsdesk.toml").write_text('db = "precious.duckdb"\n')
    env = {"NEWSDESK_DB": str(tmp_path / "also-precious.duckdb")}
    assert invoke("demo", "--json", env=env).exit_code == 0
    assert invoke("demo", "--json", "--db", tmp_path / "chosen.duckdb", env=env).exit_code == 0
    assert [str(p) for p in written] == ["newsdesk-demo.duckdb", str(tmp_path / "chosen.duckdb")]


# ------------------------------------------------------------------------------------------------ query


@pytest.mark.parametrize("sql, refusal", [
    ("COPY (SELECT 1) TO '{victim}'", "query refused"),
    ("COPY feeds TO '{victim}' (FORMAT parquet)", "query refused"),
    ("SELECT * FROM read_text('{secret}')", "query refused"),
    ("SELECT * FROM read_csv('{secret}')", "query refused"),
    ("ATTACH '{victim}' AS v", "query refused"),
    ("INSTALL httpfs", "query refused"),
    ("SET enable_external_access = true", "query failed"),
    ("SELECT 42 AS x; SELECT 'second-result' AS y", "exactly one SQL statement"),
    ("SELECT 1; DROP TABLE feeds", "exactly one SQL statement"),
])
def test_query_reads_the_database_and_nothing_else(empty_db, tmp_path, sql, refusal):
    victim = tmp_path / "other.duckdb"
    duckdb.connect(str(victim)).close()
    before = victim.read_bytes()
    secret = tmp_path / "private.txt"
    secret.write_text("the secret")
    sql = sql.format(victim=victim, secret=secret)
    result = invoke("query", "--db", empty_db, sql)
    assert result.exit_code == 1 and refusal in one_line_error(result)
    # the second statement's row is never printed (a marker no temporary path can contain, unlike "43")
    assert "the secret" not in result.output and "second-result" not in result.output
    assert victim.read_bytes() == before
    with pytest.raises(QueryError, match=refusal):
        read.sql(empty_db, sql)
    with duckdb.connect(str(empty_db), read_only=True) as con:  # still there
        con.execute("SELECT count(*) FROM feeds").fetchall()


@pytest.mark.slow
def test_every_named_query_and_the_read_api_run_read_only(demo_db):
    for name, (params, ok) in QUERY_CHECKS.items():
        rows = read.named(demo_db, name, **params).to_pylist()
        assert ok([tuple(r.values()) for r in rows]), name
    assert read.statements(demo_db, since="2000-01-01").num_rows > 0
    assert read.articles(demo_db, with_text=False).num_rows == 13
    assert read.entities(demo_db).num_rows > 0 and read.mentions(demo_db, name="Russia").num_rows > 0
    result = invoke("query", "--db", demo_db, "--name", "changed_since", "--param", "since=2000-01-01", "--format", "json")
    assert result.exit_code == 0 and {"kind": "articles fetched", "changed": 13} in json.loads(result.output)
    # the sandbox ends with its connection: the library's own writer and exporter still work afterwards
    with connect(demo_db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(13,)]


def test_query_list_needs_no_database(monkeypatch):
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    result = invoke("query", "--list")
    assert result.exit_code == 0 and "changed_since" in result.output
    result = invoke("query", "SELECT 1")
    assert result.exit_code == 2 and "--db" in one_line_error(result)


def test_query_refuses_sql_and_a_name_together(empty_db):
    """`query --name shared_paragraphs 'select 1'` ran the named query and silently dropped the SQL."""
    result = invoke("query", "--db", empty_db, "--name", "shared_paragraphs", "SELECT 42 AS typed")
    assert result.exit_code == 2 and "give SQL or --name, not both" in one_line_error(result)
    assert "typed" not in result.output and "row" not in result.output


@pytest.mark.slow
def test_json_output_is_strict_json(demo_db):
    sql = ("SELECT 'NaN'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, '\\x00\\xFFa'::BLOB AS raw, 1.50::DECIMAL(4, 2) AS dec, "
           "DATE '2026-11-20' AS day, TIMESTAMPTZ '2026-11-20 08:00:00+00' AS at, INTERVAL 90 SECOND AS took, "
           "[1.5, 'NaN'::DOUBLE] AS list, {'k': 'NaN'::DOUBLE} AS struct")
    result = invoke("query", "--db", demo_db, "--format", "json", sql)
    assert result.exit_code == 0, result.output

    def refuse(constant):
        raise AssertionError(f"not JSON: {constant}")

    (row,) = json.loads(result.output, parse_constant=refuse)
    assert row == {"nan": None, "inf": None, "raw": "AP9h", "dec": 1.5, "day": "2026-11-20",
                   "at": "2026-11-20T08:00:00+00:00", "took": "PT90S", "list": [1.5, None], "struct": {"k": None}}
    csv = invoke("query", "--db", demo_db, "--format", "csv", "SELECT '\\x00\\xFFa'::BLOB AS raw")
    assert csv.output.splitlines() == ["raw", "AP9h"]
    table = invoke("query", "--db", demo_db, "SELECT '\\x00\\xFFa'::BLOB AS raw")
    assert "AP9h" in table.output and "b'" not in table.output  # the table shows bytes as CSV and JSON do
    for args in (["stats", "--db", demo_db, "--json"], ["feeds", "list", "--db", demo_db, "--format", "json"]):
        result = invoke(*args)
        assert result.exit_code == 0 and json.loads(result.output, parse_constant=refuse)


# ------------------------------------------------------------------------------------------------ stats


def test_stats_shows_copies_a_killed_compaction_left_and_the_command_that_removes_them(empty_db):
    clean = invoke("stats", "--db", empty_db)
    assert clean.exit_code == 0 and "killed compaction" not in clean.output
    assert json.loads(invoke("stats", "--db", empty_db, "--json").output)["stale_compaction_copies"] == []
    # what a compaction killed mid-copy leaves beside the file: its copy and the copy's WAL, its pid long gone
    dead = empty_db.parent / f".{empty_db.name}.compact-{2**22 + 7}"
    dead.write_bytes(b"x" * 3000)
    (empty_db.parent / f"{dead.name}.wal").write_bytes(b"w" * 1000)
    result = invoke("stats", "--db", empty_db)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if "killed compaction" in line)
    assert "2 files" in line and "4000 bytes" in line and str(dead) in line
    assert f"newsdesk prune-cache --db {empty_db}" in line  # the command that removes them
    copies = json.loads(invoke("stats", "--db", empty_db, "--json").output)["stale_compaction_copies"]
    assert copies == [{"path": str(dead), "bytes": 3000}, {"path": f"{dead}.wal", "bytes": 1000}]
    # and that command does remove them
    assert invoke("prune-cache", "--db", empty_db).exit_code == 0
    assert not dead.exists() and "killed compaction" not in invoke("stats", "--db", empty_db).output


# ------------------------------------------------------------------------------------- values at the edge


@pytest.fixture
def feeds_file(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("http://127.0.0.1:9/feed.xml\n")  # were a bad value let through: refused, never fetched
    return path


INGEST_REFUSALS = [
    ["--batch-size", "0"], ["--workers", "-1"], ["--workers", "0"], ["--concurrency", "0"], ["--per-host", "0"],
    ["--timeout", "-1"], ["--timeout", "0"], ["--timeout", "nan"], ["--timeout", "inf"], ["--max-bytes", "0"],
    ["--max-fetch-attempts", "0"], ["--lock-timeout", "-1"], ["--min-host-delay", "-0.5"],
    ["--max-retry-wait", "nan"], ["--retry-backoff", "-1"], ["--pass-lock-wait", "-1"],
    ["--min-poll-interval", "0"], ["--max-poll-interval", "-1"], ["--unhealthy-after", "-1"],
    ["--boilerplate-min-articles", "1"], ["--user-agent", "bot\r\nX-Evil: 1"], ["--contact", "a\nb"],
    ["--min-poll-interval", "100", "--max-poll-interval", "10"],
]


@pytest.mark.parametrize("bad", INGEST_REFUSALS, ids=lambda a: " ".join(a))
def test_ingest_refuses_bad_values_in_one_line(tmp_path, feeds_file, bad):
    db = tmp_path / "n.duckdb"
    result = invoke("ingest", "--feeds", feeds_file, "--db", db, *bad)
    assert result.exit_code == 2
    one_line_error(result)
    assert not db.exists()  # refused before anything ran


@pytest.mark.parametrize("args, says", [
    (["stats", "--db", "{db}", "--days", "-1"], "--days"),
    (["stats", "--db", "{db}", "--days", "0"], "--days"),
    (["export", "--db", "{db}", "--out", "{tmp}/x", "--since", "garbage"], "ISO 8601"),
    (["reprocess", "--db", "{db}", "--since", "yesterday"], "ISO 8601"),
    (["reprocess", "--db", "{db}", "--stages", "extract,bogus"], "bogus"),
    (["reprocess", "--db", "{db}", "--batch-size", "0"], "--batch-size"),
    (["reprocess", "--db", "{db}", "--workers", "-1"], "--workers"),
    (["import-warc", "--db", "{db}", "--workers", "0", "{feeds}"], "--workers"),
    (["query", "--db", "{db}", "--lock-timeout", "nan", "SELECT 1"], "--lock-timeout"),
    (["query", "--db", "{db}", "--name", "mentioned_with", "--param", "a"], "NAME=VALUE"),
    (["query", "--db", "{db}", "--name", "no_such_query"], "no named query"),
    (["feeds", "add", "--db", "{db}", "ftp://example.org/feed"], "http(s)"),
    (["feeds", "add", "--db", "{db}", "https://example.org:http/feed"], "not a valid URL"),
])
def test_other_commands_refuse_bad_values_in_one_line(empty_db, tmp_path, feeds_file, args, says):
    result = invoke(*[a.format(db=empty_db, tmp=tmp_path, feeds=feeds_file) for a in args])
    assert result.exit_code == 2, result.output
    assert says in one_line_error(result)


def test_airflow_setup_without_airflow_is_one_line(tmp_path):
    result = invoke("airflow-setup", "--airflow", "/nonexistent/airflow")
    assert result.exit_code == 2 and "/nonexistent/airflow" in one_line_error(result)
    not_a_program = tmp_path / "airflow"
    not_a_program.write_text("#!/bin/sh\n")  # exists, not executable
    result = invoke("airflow-setup", "--airflow", not_a_program)
    assert result.exit_code == 2
    from pipeline.airflow_setup import run_setup

    with pytest.raises(ConfigError, match="cannot run"):
        run_setup([str(not_a_program)])


def test_bad_values_from_the_environment_and_the_file_name_their_source(tmp_path, feeds_file, monkeypatch):
    db = tmp_path / "n.duckdb"
    result = invoke("ingest", "--feeds", feeds_file, "--db", db, env={"NEWSDESK_BATCH_SIZE": "0"})
    assert result.exit_code == 2 and "NEWSDESK_BATCH_SIZE" in one_line_error(result)
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "newsdesk.toml"
    for text, key in (("[ingest]\nbatch_size = 0\n", "[ingest] batch_size = 0"),
                      ("timeout = nan\n", "timeout = nan"),
                      ('[stats]\ndays = "a week"\n', "[stats] days = 'a week'"),
                      ("[ingest]\nallow_private_network = 5\n", "allow_private_network = 5")):
        config.write_text(text)
        result = invoke("ingest", "--feeds", feeds_file, "--db", db)
        assert result.exit_code == 1, text
        assert key in one_line_error(result) and "newsdesk.toml" in result.stderr
    assert not db.exists()


def test_options_refuse_bad_values_for_the_dag_too():
    from pipeline.options import DedupOptions, FetchOptions, IngestOptions, ScheduleOptions

    for build in (lambda: FetchOptions(total_timeout=-1), lambda: FetchOptions(total_timeout=float("nan")),
                  lambda: FetchOptions(max_bytes=0), lambda: FetchOptions(per_host=0),
                  lambda: FetchOptions(user_agent="a\r\nb"), lambda: ScheduleOptions(min_interval=0),
                  lambda: ScheduleOptions(min_interval=100, max_interval=10), lambda: DedupOptions(story_min_overlap=2),
                  lambda: IngestOptions(db_path="x", feeds=[], workers=0),
                  lambda: IngestOptions(db_path="x", feeds=[], max_fetch_attempts=0),
                  lambda: IngestOptions(db_path="x", feeds=[], batch_size=0),
                  lambda: IngestOptions(db_path="x", feeds=[], lock_timeout=float("inf"))):
        with pytest.raises(ConfigError):
            build()
    with pytest.raises(ValueError):  # still a ValueError for callers that caught that
        IngestOptions(db_path="x", feeds=[], batch_size=0)


# ------------------------------------------------------------------------------------------- exit codes


def _one_article_site(site):
    site.add("/a/1", article_page("Talks resume", [words(25, f"edge {i}") for i in range(3)]))
    site.add("/feed.xml", rss([{"title": "Talks resume", "link": site.url("/a/1")}]), content_type="application/rss+xml")


@pytest.mark.slow
def test_exit_codes_of_a_pass(site, tmp_path):
    _one_article_site(site)
    feeds = tmp_path / "feeds.txt"
    db = tmp_path / "n.duckdb"
    base = ["ingest", "--feeds", feeds, "--db", db, "--allow-private-network", "--force", "--json"]
    # one feed of two fails: the failure is recorded, the pass did its job
    feeds.write_text(f"{site.url('/feed.xml')}\n{site.url('/gone.xml')}\n")
    result = invoke(*base)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "ok"
    # every feed fails: exit 3, and the summary does not say ok
    feeds.write_text(f"{site.url('/gone.xml')}\n{site.url('/missing.xml')}\n")
    result = invoke(*base)
    assert result.exit_code == 3
    assert json.loads(result.stdout)["status"] == "all_feeds_failed"
    assert "all 2 feeds polled failed" in one_line_error(result)
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:  # the run row says so too, not "ok"
        assert con.execute("SELECT status FROM runs ORDER BY run_id").fetchall()[-2:] == [("ok",), ("all_feeds_failed",)]
    # another pass holds the lock: 75, try again later
    from pipeline.run.passlock import pass_lock

    with pass_lock(db):
        result = invoke(*base)
    assert result.exit_code == 75 and "another newsdesk pass is running" in one_line_error(result)
    # a newsdesk error: 1
    result = invoke("stats", "--db", tmp_path / "missing.duckdb")
    assert result.exit_code == 1 and "does not exist" in one_line_error(result)


# ---------------------------------------------------------------------------------------- feed URL keys


def test_feed_urls_differing_by_host_case_port_or_fragment_are_one_feed(tmp_path):
    assert feed_key("HTTPS://News.Example:443/Feed.xml?Edition=World#top") == "https://news.example/Feed.xml?Edition=World"
    assert feed_key("http://[::1]:80/f") == "http://[::1]/f" and feed_key("http://a.example:8080/f") == "http://a.example:8080/f"
    listed = tmp_path / "feeds.txt"
    listed.write_text("https://News.Example/feed.xml\nhttps://news.example:443/feed.xml#top\nhttps://news.example/Feed.xml\n")
    assert [s.url for s in load_feeds(listed)] == ["https://news.example/feed.xml", "https://news.example/Feed.xml"]
    env = {"NEWSDESK_DB": str(tmp_path / "subs.duckdb")}
    assert invoke("feeds", "add", "https://News.Example/feed.xml#latest", env=env).output.strip() == "added"
    assert invoke("feeds", "add", "https://news.example:443/feed.xml", env=env).output.strip() == "already subscribed"
    result = invoke("feeds", "import", listed, env=env)
    assert "1 feeds added, 1 already subscribed" in result.output  # the path's case is kept: Feed.xml is new
    with duckdb.connect(env["NEWSDESK_DB"], read_only=True) as con:
        assert con.execute("SELECT count(*) FROM feeds").fetchall() == [(2,)]


@pytest.mark.slow
def test_a_row_stored_before_normalising_is_reused_not_duplicated(site, tmp_path):
    _one_article_site(site)
    db = tmp_path / "old.duckdb"
    legacy = site.url("/feed.xml") + "#from-an-old-version"
    with connect(db) as con:  # as an older newsdesk stored it: fragment and all
        con.execute("INSERT INTO feeds (feed_url, subscribed, added_at) VALUES (?, true, now())", [legacy])
    env = {"NEWSDESK_DB": str(db)}
    assert invoke("feeds", "add", site.url("/feed.xml"), env=env).output.strip() == "already subscribed"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    result = invoke("ingest", "--feeds", feeds, "--allow-private-network", "--json", env=env)
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT feed_url, last_status FROM feeds").fetchall() == [(legacy, "ok")]
    assert invoke("feeds", "remove", site.url("/feed.xml").replace("http://", "HTTP://"), env=env).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT subscribed FROM feeds").fetchall() == [(False,)]

