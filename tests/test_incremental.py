"""Incremental behaviour: the poll schedule, backoff and health, article revisions, one pass at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from conftest import article_page, rss, words
from hostile_server import HostileServer, status
from pipeline.fetch.schedule import (
    FeedState,
    due_feeds,
    feed_ttl_seconds,
    interval_after_success,
    next_poll_after_failure,
)
from pipeline.options import FetchOptions, IngestOptions, ScheduleOptions
from pipeline.records import FeedSpec
from pipeline.run.ingest import run_pass
from pipeline.run.passlock import PassInProgress, pass_lock

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
OPTS = ScheduleOptions()


def rows(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def fetch_options(**kw):
    return FetchOptions(allow_private_network=True, connect_timeout=2, read_timeout=2, total_timeout=5,
                        min_host_delay=0, **kw)


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


# ------------------------------------------------------------------------------------------- schedule


def test_quiet_feeds_slow_down_busy_ones_speed_up_within_bounds():
    state = FeedState("f", poll_interval_s=3600)
    assert interval_after_success(state, 0, None, OPTS) == 5400  # nothing new: x1.5
    assert interval_after_success(state, 1, None, OPTS) == 3600  # a little: unchanged
    assert interval_after_success(state, 10, None, OPTS) == 1800  # busy: halved
    assert interval_after_success(FeedState("f", poll_interval_s=700), 10, None, OPTS) == 600  # 10-minute floor
    assert interval_after_success(FeedState("f", poll_interval_s=80000), 0, None, OPTS) == 86400  # 24-hour ceiling
    assert interval_after_success(None, None, None, OPTS) == OPTS.first_interval
    assert interval_after_success(state, 10, 7200, OPTS) == 7200  # never more often than the feed's ttl


def test_feed_hints_ttl_and_sy_update_period():
    assert feed_ttl_seconds({"ttl": "60"}) == 3600
    assert feed_ttl_seconds({"sy_updateperiod": "daily", "sy_updatefrequency": "4"}) == 21600
    # digits int() refuses ("²" passes str.isdigit) and junk are no hint, never a crash of the poll
    assert feed_ttl_seconds({"ttl": "\u00b2"}) is None and feed_ttl_seconds({"ttl": "9" * 40}) is None
    assert feed_ttl_seconds({"sy_updateperiod": "daily", "sy_updatefrequency": "\u0663"}) == 86400
    assert feed_ttl_seconds({"sy_updateperiod": "hourly"}) == 3600
    assert feed_ttl_seconds({"ttl": "junk", "sy_updateperiod": "sometimes"}) is None


def test_failure_backoff_grows_and_honours_retry_after():
    delays = [(next_poll_after_failure(FeedState("f", consecutive_failures=n), NOW, None, OPTS) - NOW).total_seconds()
              for n in range(0, 10)]
    assert delays[:4] == [600, 1200, 2400, 4800] and delays[-1] == 86400
    later = NOW + timedelta(hours=3)
    assert next_poll_after_failure(FeedState("f"), NOW, later, OPTS) == later


def test_only_due_feeds_are_polled_unless_forced():
    specs = [FeedSpec("a"), FeedSpec("b"), FeedSpec("c")]
    states = {"a": FeedState("a", next_poll_at=NOW - timedelta(seconds=1)),
              "b": FeedState("b", next_poll_at=NOW + timedelta(minutes=5))}
    due, later = due_feeds(specs, states, NOW)
    assert [s.url for s in due] == ["a", "c"] and [s.url for s in later] == ["b"]
    assert len(due_feeds(specs, states, NOW, force=True)[0]) == 3


def test_conditional_headers_only_while_trusted_and_verified_recently():
    state = FeedState("f", etag='"x"', last_modified="Tue, 24 Nov 2026 10:00:00 GMT", last_verified_at=NOW)
    assert state.conditional_headers(NOW, OPTS) == {"If-None-Match": '"x"',
                                                   "If-Modified-Since": "Tue, 24 Nov 2026 10:00:00 GMT"}
    assert FeedState("f", etag='"x"', validators_trusted=False, last_verified_at=NOW).conditional_headers(NOW, OPTS) == {}
    assert state.conditional_headers(NOW + timedelta(days=2), OPTS) == {}  # time for an unconditional check


# ------------------------------------------------------------------------------------------- passes


def _feed_site(server, items):
    for path, paragraphs in items.items():
        server.page(path, article_page(path, paragraphs))
    server.page("/feed.xml", rss([{"title": p, "link": server.url(p), "guid": p} for p in items])
                .replace("<channel>", "<channel><ttl>180</ttl>"), content_type="application/rss+xml")


@pytest.mark.slow
def test_a_second_pass_skips_feeds_that_are_not_due(server, tmp_path):
    _feed_site(server, {"/a/1": [words(25, f"due {i}") for i in range(3)]})
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/feed.xml"))],
                         fetch=fetch_options(), workers=1)
    first = run_pass(opts)
    assert first.articles_new == 1 and first.feeds_polled == 1
    ((interval, next_poll),) = rows(opts.db_path, "SELECT poll_interval_s, next_poll_at FROM feeds")
    assert interval == 3 * 3600  # <ttl>180</ttl> beats the default first interval
    assert next_poll > datetime.now(UTC) + timedelta(hours=2)
    second = run_pass(opts)
    assert (second.feeds_polled, second.feeds_skipped, second.requests) == (0, 1, 0)
    assert server.hits("/feed.xml") == 1
    opts.force = True
    assert run_pass(opts).feeds_polled == 1 and server.hits("/feed.xml") == 2
    # which feeds are due is read on the schedule's clock, as polls are stamped: moved past the longest interval
    # (a day), the feed is due again (on the wall clock it was not: the pass skipped it)
    opts.force, clock = False, MovableClock()
    opts.schedule = ScheduleOptions(clock=clock)
    assert run_pass(opts).feeds_skipped == 1
    clock.advance(hours=24, minutes=1)
    assert run_pass(opts).feeds_polled == 1 and server.hits("/feed.xml") == 3
    (outcomes,) = rows(opts.db_path, "SELECT outcomes FROM runs ORDER BY run_id DESC LIMIT 1")[0]
    assert '"ok": 1' in outcomes


class MovableClock:
    """The clock a pass stamps its polls with (ScheduleOptions.clock), moved by the test instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.mark.slow
def test_failing_feed_backs_off_then_is_marked_unhealthy_and_recovers(server, tmp_path):
    server.route("/feed.xml", status(500))
    clock = MovableClock()
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/feed.xml"))],
                         fetch=fetch_options(), workers=1, force=True,
                         schedule=ScheduleOptions(unhealthy_after=3600, clock=clock))
    run_pass(opts)
    assert rows(opts.db_path, "SELECT health, consecutive_failures FROM feeds") == [("failing", 1)]
    clock.advance(minutes=59)
    run_pass(opts)  # failing for 59 minutes: not an hour yet
    assert rows(opts.db_path, "SELECT health, consecutive_failures FROM feeds") == [("failing", 2)]
    clock.advance(minutes=1)
    run_pass(opts)
    ((health, failures, status_, error, polled, next_poll),) = rows(
        opts.db_path, "SELECT health, consecutive_failures, last_status, last_error, last_polled_at, next_poll_at "
                      "FROM feeds")
    assert (health, failures, status_, error) == ("unhealthy", 3, "http_error", "HTTP 500")
    assert polled == clock.now  # the pass stamped the poll with the moved clock, not the wall clock
    assert next_poll > clock.now + timedelta(minutes=39)  # 10 min x 2 x 2
    _feed_site(server, {"/a/1": [words(25, f"back {i}") for i in range(3)]})
    run_pass(opts)
    assert rows(opts.db_path, "SELECT health, consecutive_failures, failing_since FROM feeds") == [("ok", 0, None)]


ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<id>tag:wire,2026:feed</id><updated>{updated}</updated>
<entry><id>tag:wire,2026:1</id><title>Truce talks</title><link rel="alternate" href="{link}"/>
<updated>{updated}</updated><published>2026-11-25T09:00:00Z</published></entry></feed>"""


@pytest.mark.slow
def test_updated_entry_refetches_and_keeps_the_old_text_as_a_revision(server, tmp_path):
    page = {"paragraphs": [words(25, f"first {i}") for i in range(3)], "status": 200}
    server.route("/a/1", lambda h: h.send_plain(page["status"], article_page("Truce", page["paragraphs"]).encode()))
    feed = {"updated": "2026-11-25T10:00:00Z"}
    server.route("/atom", lambda h: h.send_plain(200, ATOM.format(updated=feed["updated"], link=server.url("/a/1"))
                                                 .encode(), "application/atom+xml"))
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/atom"))],
                         fetch=fetch_options(), workers=1, force=True)
    run_pass(opts)
    run_pass(opts)  # nothing changed: no re-fetch
    assert server.hits("/a/1") == 1
    (old_text,) = rows(opts.db_path, "SELECT text FROM articles")[0]

    page["paragraphs"] = [words(25, f"corrected {i}") for i in range(3)]
    feed["updated"] = "2026-11-25T12:00:00Z"
    second = run_pass(opts)
    assert second.articles_refreshed == 1 and second.articles_revised == 1 and server.hits("/a/1") == 2
    ((revision, text),) = rows(opts.db_path, "SELECT revision, text FROM articles")
    assert revision == 2 and "Corrected 0" in text
    assert rows(opts.db_path, "SELECT revision, text FROM article_revisions") == [(1, old_text)]

    feed["updated"] = "2026-11-25T13:00:00Z"  # updated again, same text: nothing added
    assert run_pass(opts).articles_revised == 0
    assert rows(opts.db_path, "SELECT count(*) FROM article_revisions") == [(1,)]

    page["status"] = 500  # updated again, and the re-fetch fails: the stored text stays
    feed["updated"] = "2026-11-25T14:00:00Z"
    run_pass(opts)
    assert rows(opts.db_path, "SELECT status, revision, text = ? FROM articles", text) == [("ok", 2, True)]
    assert rows(opts.db_path, "SELECT outcome, http_status FROM fetch_log WHERE url = ? ORDER BY requested_at DESC "
                              "LIMIT 1", server.url("/a/1")) == [("http_error", 500)]


def test_second_pass_on_the_same_database_exits_with_a_clear_message(server, tmp_path):
    _feed_site(server, {"/a/1": [words(25, f"lock {i}") for i in range(3)]})
    opts = IngestOptions(db_path=tmp_path / "n.duckdb", feeds=[FeedSpec(server.url("/feed.xml"))],
                         fetch=fetch_options(), workers=1)
    with pass_lock(opts.db_path):
        with pytest.raises(PassInProgress, match="another newsdesk pass is running"):
            run_pass(opts)
    assert server.hits("/feed.xml") == 0 and not opts.db_path.exists()
    assert run_pass(opts).articles_new == 1  # once the first is done, the next one runs


def test_a_huge_feed_is_fetched_a_capped_share_per_pass_and_the_rest_on_later_passes(site, make_options):
    """A feed listing far more items than a pass should take (a site's whole archive in one feed) is fetched at
    most ``max_entries_per_feed`` articles a pass; the rest wait in ``feed_entries``, none lost, and the run's row
    says how many were put off."""
    links = [f"/story-{i}" for i in range(7)]
    for i, path in enumerate(links):
        site.add(path, article_page(f"Story {i}", [words(25, f"capped story {i}")]))
    site.add("/feed.xml", rss([{"title": f"Story {i}", "link": site.url(p)} for i, p in enumerate(links)]),
             content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"), max_entries_per_feed=3)
    fetched, deferred = [], []
    for _ in range(3):
        summary = run_pass(options)
        fetched.append(summary.articles_new)
        deferred.append(summary.articles_deferred)
    assert fetched == [3, 3, 1] and deferred == [4, 1, 0]
    assert all(site.hits(p) == 1 for p in links)  # every story once, none lost, none twice
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0] == 7
        runs = con.execute("SELECT articles_new, articles_deferred FROM runs ORDER BY run_id").fetchall()
    assert runs == [(3, 4), (3, 1), (1, 0)]
