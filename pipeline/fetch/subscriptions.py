"""Feed subscriptions kept in the database: ``newsdesk feeds add / remove / import / list``.

A pass given no feeds file polls the subscribed feeds; a pass given a file polls the file's feeds (and they
become subscribed when first polled).

Feed URLs are keys: a URL is normalised (:func:`pipeline.fetch.feedlist.feed_key`) before it is stored or looked up,
and a row stored before keys were normalised is found by its normalised form too, so ``https://Example.com/f``
and ``https://example.com/f#top`` stay one subscription in old databases as in new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from ..errors import ConfigError, StoreError
from ..records import FeedSpec
from ..store.core import connect, scalar, transaction
from .feedlist import feed_key


@dataclass(frozen=True)
class ImportResult:
    added: int
    already: int


def add_feeds(db: Path | str, specs: Sequence[FeedSpec], *, lock_timeout: float = 120.0) -> ImportResult:
    """Subscribe to feeds (all in one transaction: a bad list imports nothing). Re-adding one is harmless."""
    if not specs:
        return ImportResult(0, 0)
    now = datetime.now(UTC)
    with connect(db, lock_timeout=lock_timeout) as con:
        specs = _as_stored(con, specs)
        table = pa.table({
            "feed_url": pa.array([s.url for s in specs], pa.string()),
            "name": pa.array([s.name for s in specs], pa.string()),
            "tags": pa.array([list(s.tags) for s in specs], pa.list_(pa.string())),
        })
        con.register("new_feeds", table)
        try:
            with transaction(con):
                already = int(scalar(con, "SELECT count(*) FROM feeds WHERE subscribed AND feed_url IN (SELECT feed_url FROM new_feeds)"))
                con.execute(
                    """
                    INSERT INTO feeds (feed_url, name, tags, subscribed, added_at)
                    SELECT feed_url, name, tags, true, $now FROM new_feeds
                    QUALIFY row_number() OVER (PARTITION BY feed_url) = 1
                    ON CONFLICT (feed_url) DO UPDATE SET
                        subscribed = true,
                        name = coalesce(excluded.name, name),
                        tags = CASE WHEN len(excluded.tags) > 0 THEN excluded.tags ELSE tags END,
                        added_at = coalesce(added_at, excluded.added_at)
                    """,
                    {"now": now},
                )
        finally:
            con.unregister("new_feeds")
    unique = len({s.url for s in specs})
    return ImportResult(unique - already, already)


def remove_feed(db: Path | str, url: str, *, lock_timeout: float = 120.0) -> None:
    """Unsubscribe; the feed's history (entries, articles) stays. A database that does not exist is an error that
    creates nothing (opening it for writing would create and migrate an empty file only to refuse)."""
    if not Path(db).exists():
        raise StoreError(f"database {db} does not exist; nothing to unsubscribe from (see `newsdesk feeds add`)")
    with connect(db, lock_timeout=lock_timeout) as con:
        stored = _stored_keys(con).get(feed_key(url), [])
        subscribed = "SELECT count(*) FROM feeds WHERE feed_url IN (SELECT unnest(?)) AND subscribed"
        if not stored or not scalar(con, subscribed, [stored]):
            raise ConfigError(f"{url} is not a subscribed feed in {db} (see `newsdesk feeds list --db {db}`)")
        con.execute("UPDATE feeds SET subscribed = false WHERE feed_url IN (SELECT unnest(?))", [stored])


def match_stored(db: Path | str, specs: Sequence[FeedSpec], *, lock_timeout: float = 120.0) -> list[FeedSpec]:
    """``specs`` with each URL replaced by the key its feed is already stored under, if it is (a row written
    before keys were normalised), so a pass from a feeds file polls that row instead of adding a twin."""
    if not specs or not Path(db).exists():
        return list(specs)
    with connect(db, lock_timeout=lock_timeout) as con:  # for writing: migrates an old file, as the pass will
        return _as_stored(con, specs)


def _stored_keys(con) -> dict[str, list[str]]:
    """Normalised key -> the feed_url values stored under it (more than one only in a database written before
    keys were normalised; the feeds table is small, one row per feed)."""
    keys: dict[str, list[str]] = {}
    # a subscribed row first: it is the one a twin spelling should land on
    rows = con.execute("SELECT feed_url FROM feeds ORDER BY coalesce(subscribed, true) DESC, added_at NULLS LAST, "
                       "feed_url").fetchall()
    for (url,) in rows:
        keys.setdefault(feed_key(url), []).append(url)
    return keys


def _as_stored(con, specs: Sequence[FeedSpec]) -> list[FeedSpec]:
    stored = _stored_keys(con)
    matched = []
    for spec in specs:
        key = feed_key(spec.url)
        url = stored[key][0] if key in stored else key
        matched.append(spec if url == spec.url else replace(spec, url=url))
    return matched


def subscribed_feeds(db: Path | str, *, lock_timeout: float = 120.0, upgrade: bool = False) -> list[FeedSpec]:
    """The subscribed feeds. ``upgrade``: open for writing so an older database is migrated first (the CLI's
    ingest, which is about to write anyway); readers that must not write get a clear error instead."""
    if not Path(db).exists():
        return []
    with connect(db, read_only=not upgrade, lock_timeout=lock_timeout) as con:
        rows = con.execute(
            "SELECT feed_url, name, tags FROM feeds WHERE coalesce(subscribed, true) ORDER BY added_at NULLS LAST, feed_url"
        ).fetchall()
    return [FeedSpec(url=url, name=name, tags=tuple(tags or ())) for url, name, tags in rows]


def feed_health(db: Path | str, *, lock_timeout: float = 60.0) -> tuple[list[str], list[tuple]]:
    """Columns and rows of the ``feed_health`` view for subscribed feeds."""
    with connect(db, read_only=True, lock_timeout=lock_timeout) as con:
        cursor = con.execute(
            "SELECT h.feed_url, coalesce(h.name, h.title) AS name, h.health, h.last_status, h.last_polled_at, "
            "h.consecutive_failures, h.entries_total, h.new_articles_per_day, h.last_error "
            "FROM feed_health h JOIN feeds f USING (feed_url) WHERE coalesce(f.subscribed, true) ORDER BY h.feed_url"
        )
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()
