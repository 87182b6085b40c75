"""Load steps of polling: each polled feed's state (``feeds``) and every entry it listed (``feed_entries``)."""

from __future__ import annotations

import pyarrow as pa

from ..store.core import LoadContext, excluded, url_owners

# One row per feed: its latest poll of the batch. The staged poll names what happened (status, succeeded,
# entries); the feed row keeps what the next polls need (validators, failures, interval, health).
_LOAD_POLLS = """
INSERT INTO feeds BY NAME
SELECT * EXCLUDE (polled_at, status, http_status, error, entries, succeeded, validators_trusted, validators_lied,
                  verified, new_entries, ttl_s, unhealthy_after_s),
       polled_at AS first_polled_at, polled_at AS last_polled_at, status AS last_status,
       http_status AS last_http_status, error AS last_error, entries AS entries_last_poll,
       CASE WHEN succeeded THEN 0 ELSE 1 END AS consecutive_failures,
       CASE WHEN succeeded THEN polled_at END AS last_success_at,
       coalesce(validators_trusted, true) AS validators_trusted,
       CASE WHEN validators_lied THEN 1 ELSE 0 END AS validator_lies,
       CASE WHEN verified THEN polled_at END AS last_verified_at, ttl_s AS feed_ttl_s,
       new_entries AS new_entries_last_poll, CASE WHEN succeeded THEN NULL ELSE polled_at END AS failing_since,
       CASE WHEN succeeded THEN 'ok' ELSE 'failing' END AS health
FROM {staged.feed_polls}
{one_per_feed}
ON CONFLICT (feed_url) DO UPDATE SET
    name = excluded.name,
    tags = excluded.tags,
    title = coalesce(excluded.title, title),
    site_url = coalesce(excluded.site_url, site_url),
    format = coalesce(excluded.format, format),
    last_polled_at = excluded.last_polled_at,
    last_status = excluded.last_status,
    last_http_status = excluded.last_http_status,
    last_error = excluded.last_error,
    bozo = excluded.bozo,
    entries_last_poll = CASE WHEN excluded.last_status IN ('not_modified', 'unchanged') THEN entries_last_poll
                             ELSE excluded.entries_last_poll END,
    consecutive_failures = CASE WHEN excluded.consecutive_failures = 0 THEN 0 ELSE consecutive_failures + 1 END,
    last_success_at = coalesce(excluded.last_success_at, last_success_at),
    -- a failed poll keeps the validators, body hash and interval of the last good one
    etag = CASE WHEN excluded.consecutive_failures = 0 THEN excluded.etag ELSE etag END,
    last_modified = CASE WHEN excluded.consecutive_failures = 0 THEN excluded.last_modified ELSE last_modified END,
    body_hash = CASE WHEN excluded.consecutive_failures = 0 THEN coalesce(excluded.body_hash, body_hash) ELSE body_hash END,
    validators_trusted = coalesce(validators_trusted, true) AND excluded.validators_trusted,  -- once caught lying, never again
    validator_lies = coalesce(validator_lies, 0) + excluded.validator_lies,
    last_verified_at = coalesce(excluded.last_verified_at, last_verified_at),
    poll_interval_s = coalesce(excluded.poll_interval_s, poll_interval_s),
    next_poll_at = excluded.next_poll_at,
    feed_ttl_s = CASE WHEN excluded.last_status IN ('ok', 'malformed') THEN excluded.feed_ttl_s ELSE feed_ttl_s END,
    new_entries_last_poll = CASE WHEN excluded.consecutive_failures = 0 THEN excluded.new_entries_last_poll
                                 ELSE new_entries_last_poll END,
    failing_since = CASE WHEN excluded.consecutive_failures = 0 THEN NULL ELSE coalesce(failing_since, excluded.failing_since) END,
    retry_after = excluded.retry_after
"""

# health needs the staged limit, which ON CONFLICT cannot see: a second statement over the same feeds
_FEED_HEALTH = """
UPDATE feeds SET health = CASE
        WHEN feeds.consecutive_failures = 0 THEN 'ok'
        WHEN feeds.last_polled_at - coalesce(feeds.failing_since, feeds.last_polled_at) >= to_seconds(s.unhealthy_after_s)
            THEN 'unhealthy'
        ELSE 'failing' END
FROM (SELECT feed_url, unhealthy_after_s FROM {staged.feed_polls} {one_per_feed}) AS s
WHERE feeds.feed_url = s.feed_url
"""

_LOAD_ENTRIES = """
INSERT INTO feed_entries BY NAME
SELECT * EXCLUDE (seen_at), seen_at AS first_seen_at, seen_at AS last_seen_at
FROM {staged.feed_entries}
{one_per_entry}
ON CONFLICT (feed_url, entry_id) DO UPDATE SET {update}, last_seen_at = excluded.last_seen_at, loaded_at = now()
"""


def load_polls(ctx: LoadContext) -> dict[str, int]:
    """Upsert each polled feed's state, then its health (which needs the staged limit)."""
    if not ctx.has("feed_polls"):
        return {}
    one_per_feed = ctx.one_row_per("feed_polls", ["feed_url"], "polled_at DESC")
    ctx.write(ctx.sql(_LOAD_POLLS, one_per_feed=one_per_feed))
    ctx.write(ctx.sql(_FEED_HEALTH, one_per_feed=one_per_feed))
    return {"feeds": ctx.rows("feed_polls")}


def key_entries_to_stored_articles(ctx: LoadContext) -> dict[str, int]:
    """Staged feed entries under the id of the stored article their link is known for (``article_urls``): a
    listing seen again keeps pointing at the article its page turned out to be, not at its link's own id."""
    if not ctx.has("feed_entries"):
        return {}
    entries = ctx.batch.tables["feed_entries"]
    links = entries.column("link").to_pylist()
    canonicals = entries.column("canonical_url").to_pylist()
    owners = url_owners(ctx.con, set(links) | set(canonicals))
    if owners:
        ids = [owners.get(link) or owners.get(canonical) or planned
               for link, canonical, planned in zip(links, canonicals, entries.column("article_id").to_pylist())]
        index = entries.column_names.index("article_id")
        ctx.replace("feed_entries", entries.set_column(index, "article_id", pa.array(ids, pa.string())))
    return {}


def load_entries(ctx: LoadContext) -> dict[str, int]:
    """Upsert every entry the feeds listed: a listing seen again takes what the feed says now."""
    if not ctx.has("feed_entries"):
        return {}
    update = excluded(c for c in ctx.columns("feed_entries") if c not in ("feed_url", "entry_id", "seen_at"))
    ctx.write(ctx.sql(_LOAD_ENTRIES, update=update,
                      one_per_entry=ctx.one_row_per("feed_entries", ["feed_url", "entry_id"], "seen_at DESC")))
    return {"entries": ctx.rows("feed_entries")}
