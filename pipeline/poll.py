"""Stage 1: poll a feed and normalise its entries.

feedparser does the parsing (it survives almost anything); this module turns its loose dictionaries into
:class:`FeedEntry` records with stable ids, absolute links and UTC times. A malformed feed (feedparser's
``bozo``) still yields every entry feedparser could read and is recorded as ``malformed``.
"""

from __future__ import annotations

import calendar
import logging
import re
from datetime import UTC, datetime
from typing import Any

import feedparser
import httpx

from .http import fetch
from .options import FetchOptions
from .records import FeedEntry, FeedPoll, FeedSpec, FetchResult
from .text import html_to_text
from .urls import absolute_url, article_id_for, canonical_url

log = logging.getLogger(__name__)

_WS = re.compile(r"\s+")


def poll_feed(client: httpx.Client, spec: FeedSpec, options: FetchOptions) -> FeedPoll:
    """Fetch and parse one feed. Never raises for anything the feed or its server does."""
    result = fetch(client, spec.url, options, headers={"Accept": _FEED_ACCEPT})
    return parse_feed_response(spec, result)


_FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"


def parse_feed_response(spec: FeedSpec, result: FetchResult) -> FeedPoll:
    polled_at = result.fetched_at
    if result.error_kind is not None:
        return FeedPoll(spec=spec, polled_at=polled_at, status=result.error_kind, error=result.error)
    if not result.ok:
        return FeedPoll(
            spec=spec,
            polled_at=polled_at,
            status="http_error",
            http_status=result.http_status,
            final_url=result.final_url,
            error=f"HTTP {result.http_status}",
        )
    return parse_feed_bytes(
        spec,
        result.body or b"",
        polled_at=polled_at,
        base_url=result.final_url or spec.url,
        content_type=result.content_type,
        http_status=result.http_status,
    )


def parse_feed_bytes(
    spec: FeedSpec,
    body: bytes,
    *,
    polled_at: datetime,
    base_url: str,
    content_type: str | None = None,
    http_status: int | None = None,
) -> FeedPoll:
    """Parse feed bytes (not text: feedparser sniffs the encoding from the XML declaration and HTTP header)."""
    # feedparser only reads lower-case header names, and flags a feed bozo ("no Content-type specified") when
    # given headers without a content type; relative links are resolved against base_url below either way.
    headers = {"content-location": base_url, "content-type": content_type} if content_type else None
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    except Exception as exc:  # feedparser is defensive, but a crash on one feed must not end the pass
        log.warning("feedparser crashed on %s: %r", spec.url, exc)
        return FeedPoll(
            spec=spec, polled_at=polled_at, status="malformed", http_status=http_status, bozo=True,
            final_url=base_url, error=f"parser crashed: {type(exc).__name__}: {exc}",
        )
    bozo = bool(parsed.get("bozo"))
    error = None
    if bozo:
        exc = parsed.get("bozo_exception")
        error = f"{type(exc).__name__}: {exc}" if exc is not None else "malformed feed"
    entries = []
    seen_ids: set[str] = set()
    for raw in parsed.entries:
        entry = _normalise_entry(spec.url, base_url, raw)
        if entry is None or entry.entry_id in seen_ids:
            continue
        seen_ids.add(entry.entry_id)
        entries.append(entry)
    feed = parsed.get("feed", {})
    version = parsed.get("version") or None
    if not entries and not version and bozo:
        # Nothing readable at all: an HTML error page served with 200, an empty body, binary junk.
        status = "malformed"
        error = error or "not a feed"
    else:
        status = "malformed" if bozo else "ok"
    return FeedPoll(
        spec=spec,
        polled_at=polled_at,
        status=status,
        http_status=http_status,
        final_url=base_url,
        title=_clean(feed.get("title")),
        site_url=feed.get("link"),
        format=version,
        bozo=bozo,
        error=error,
        entries=tuple(entries),
    )


def _normalise_entry(feed_url: str, base_url: str, raw: Any) -> FeedEntry | None:
    link = raw.get("link") or _alternate_link(raw)
    guid = _clean(raw.get("id"))
    if not link and guid and guid.startswith(("http://", "https://")):
        link = guid  # RSS guids with isPermaLink default to being the link
    if not link:
        return None  # nothing we could fetch
    try:
        link = absolute_url(base_url, link)
        canonical = canonical_url(link)
    except ValueError:
        return None
    if not canonical.startswith(("http://", "https://")):
        return None
    summary = None
    contents = raw.get("content") or []
    html = contents[0].get("value") if contents else None
    html = html or raw.get("summary")
    if html:
        summary = html_to_text(html) or None
    return FeedEntry(
        feed_url=feed_url,
        entry_id=guid or canonical,
        link=link,
        canonical_url=canonical,
        article_id=article_id_for(canonical),
        title=_clean(raw.get("title")),
        summary=summary,
        author=_clean(raw.get("author")),
        published_at=_utc(dict.get(raw, "published_parsed")) or _utc(dict.get(raw, "updated_parsed")),
        # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed (with a warning)
        updated_at=_utc(dict.get(raw, "updated_parsed")),
    )


def _alternate_link(raw: Any) -> str | None:
    for link in raw.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _utc(value: Any) -> datetime | None:
    """feedparser gives a UTC struct_time; out-of-range dates (year 0, 2999...) become None rather than crash."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WS.sub(" ", value).strip()
    return value or None
