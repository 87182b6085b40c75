"""When to poll a feed next: adaptive intervals, the feed's own hints, and backoff on failure.

A pass polls only feeds that are due (``feeds.next_poll_at`` has passed) unless forced. After a successful
poll the interval adapts to what the feed delivered:

* nothing new (304, a byte-identical body, or only known entries): the interval grows by ``slow_factor``;
* ``busy_entries`` or more new entries: the interval halves;
* a few new entries: it stays.

It is kept within ``[min_interval, max_interval]`` (10 minutes to 24 hours by default) and never below what the
feed asks for with ``<ttl>`` or ``sy:updatePeriod``/``sy:updateFrequency``. After a failure the feed waits
``min_interval x 2**(failures-1)`` (at most ``max_interval``) or until its Retry-After, whichever is later.

Everything here is a pure function of the stored :class:`FeedState` (read by :func:`stored_states`), so the
schedule survives any crash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from ..options import ScheduleOptions
from ..records import FeedSpec
from ..store.core import scalar

_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}


@dataclass(frozen=True)
class FeedState:
    """What earlier passes stored about a feed (a row of ``feeds``), as the poller needs it."""

    feed_url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    validators_trusted: bool = True
    last_verified_at: datetime | None = None
    poll_interval_s: int | None = None
    next_poll_at: datetime | None = None
    consecutive_failures: int = 0
    known_entries: frozenset[str] = field(default_factory=frozenset)

    def conditional_headers(self, now: datetime, options: ScheduleOptions) -> dict[str, str]:
        """If-None-Match / If-Modified-Since, unless the validators lied before or are due a re-check."""
        if not self.validators_trusted or not (self.etag or self.last_modified):
            return {}
        if self.last_verified_at is None or (now - self.last_verified_at).total_seconds() >= options.verify_every:
            return {}  # an unconditional fetch now and then is how a 304 that lies gets caught
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def due_feeds(
    specs: Sequence[FeedSpec], states: Mapping[str, FeedState], now: datetime, *, force: bool = False
) -> tuple[list[FeedSpec], list[FeedSpec]]:
    """(due, not due) in feed order. A feed never polled is due; ``force`` makes every feed due."""
    due, later = [], []
    for spec in specs:
        state = states.get(spec.url)
        if force or state is None or state.next_poll_at is None or state.next_poll_at <= now:
            due.append(spec)
        else:
            later.append(spec)
    return due, later


def feed_ttl_seconds(feed: Mapping[str, Any]) -> int | None:
    """How often the feed says it changes: RSS ``<ttl>`` (minutes) or ``sy:updatePeriod``/``updateFrequency``."""
    hints = []
    ttl = _count(feed.get("ttl"))
    if ttl:
        hints.append(ttl * 60)
    period = str(feed.get("sy_updateperiod") or "").strip().lower()
    if period in _PERIODS:
        hints.append(_PERIODS[period] // (_count(feed.get("sy_updatefrequency")) or 1))
    return max(hints) if hints else None


def _count(value: Any) -> int | None:
    """A positive whole number as a feed writes it, else None. ASCII digits only: ``str.isdigit`` also accepts
    "²" and other digits ``int`` refuses, which once crashed a poll; a number of ten digits or more is junk."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return None
    return int(text) or None


def interval_after_success(
    state: FeedState | None, new_entries: int | None, ttl_s: int | None, options: ScheduleOptions
) -> float:
    current = float(state.poll_interval_s) if state and state.poll_interval_s else options.first_interval
    if new_entries is not None and state is not None and state.poll_interval_s:
        if new_entries == 0:
            current *= options.slow_factor
        elif new_entries >= options.busy_entries:
            current /= 2
    if ttl_s:
        current = max(current, float(ttl_s))
    return min(max(current, options.min_interval), options.max_interval)


def next_poll_after_failure(
    state: FeedState | None, now: datetime, retry_after: datetime | None, options: ScheduleOptions
) -> datetime:
    failures = (state.consecutive_failures if state else 0) + 1
    delay = min(options.min_interval * 2 ** min(failures - 1, 30), options.max_interval)
    when = now + timedelta(seconds=delay)
    return max(when, retry_after) if retry_after else when


_STATE_COLUMNS = ("feed_url", "etag", "last_modified", "body_hash", "validators_trusted", "last_verified_at",
                  "poll_interval_s", "next_poll_at", "consecutive_failures")


def stored_states(con: duckdb.DuckDBPyConnection, urls: Sequence[str], *,
                  known_for: Sequence[str] = ()) -> dict[str, FeedState]:
    """The stored state of the feeds ``urls``, with the entry ids already known for the feeds in ``known_for``
    (to count new entries). Empty for a database without it."""
    if not urls or not scalar(con, "SELECT count(*) FROM information_schema.columns "
                                   "WHERE table_name = 'feeds' AND column_name = 'next_poll_at'"):
        return {}
    con.register("state_feeds", pa.table({"feed_url": pa.array(list(urls), pa.string())}))
    con.register("known_feeds", pa.table({"feed_url": pa.array(list(known_for), pa.string())}))
    try:
        rows = con.execute(
            f"SELECT {', '.join(_STATE_COLUMNS)} FROM feeds SEMI JOIN state_feeds USING (feed_url)"
        ).fetchall()
        known: dict[str, set[str]] = {}
        for feed_url, entry_id in con.execute(
            "SELECT feed_url, entry_id FROM feed_entries SEMI JOIN known_feeds USING (feed_url)"
        ).fetchall():
            known.setdefault(feed_url, set()).add(entry_id)
    finally:
        con.unregister("state_feeds")
        con.unregister("known_feeds")
    return states_from_rows(rows, known)


def states_from_rows(rows: Iterable[tuple], known: Mapping[str, set[str]]) -> dict[str, FeedState]:
    """Build states from ``feeds`` rows (the columns of :data:`_STATE_COLUMNS`, in that order)."""
    states = {}
    for url, etag, modified, body_hash, trusted, verified, interval, next_at, failures in rows:
        states[url] = FeedState(
            feed_url=url, etag=etag, last_modified=modified, body_hash=body_hash,
            validators_trusted=trusted is not False, last_verified_at=verified, poll_interval_s=interval,
            next_poll_at=next_at, consecutive_failures=failures or 0,
            known_entries=frozenset(known.get(url, ())),
        )
    return states
