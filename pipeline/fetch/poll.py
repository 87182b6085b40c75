"""Stage 1: poll a feed and normalise its entries.

feedparser does the parsing (it survives almost anything); this module turns its loose dictionaries into
:class:`FeedEntry` records with stable ids, absolute links and UTC times. A malformed feed (feedparser's
``bozo``) still yields every entry feedparser could read and is recorded as ``malformed``.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import httpx

from ..options import FetchOptions, ScheduleOptions
from ..records import FeedEntry, FeedPoll, FeedSpec, FetchResult
from ..text import html_to_text, repaired_utf8, xml_safe_references
from ..urls import absolute_url, article_id_for, canonical_url, host_of
from .http import fetch
from .politeness import HostGate
from .schedule import FeedState, feed_ttl_seconds, interval_after_success, next_poll_after_failure

log = logging.getLogger(__name__)

_WS = re.compile(r"\s+")


def poll_feed(
    client: httpx.Client,
    spec: FeedSpec,
    options: FetchOptions,
    *,
    state: FeedState | None = None,
    schedule: ScheduleOptions | None = None,
    gate: HostGate | None = None,
    archive: Callable[..., object] | None = None,
) -> FeedPoll:
    """Fetch and parse one feed. Never raises for anything the feed or its server does.

    With the feed's stored ``state``: a conditional GET (ETag / Last-Modified, unless the feed was caught
    lying), a body hash that skips parsing a byte-identical feed, detection of validators that lie, and the
    next poll time (:mod:`pipeline.fetch.schedule`).
    """
    schedule = schedule or ScheduleOptions()
    now = schedule.clock()
    headers = {"Accept": _FEED_ACCEPT}
    validators = state.conditional_headers(now, schedule) if state else {}
    headers.update(validators)
    result = fetch(client, spec.url, options, headers=headers, kind="feed", gate=gate)
    if archive is not None:  # pipeline.fetch.archive: keep the response as received
        archive(result, kind="feed")
    # stamped when the poll began, on the schedule's clock: the instant http.fetch stamps the first request with
    poll = replace(_incremental(spec, result, state, conditional=bool(validators)), polled_at=now)
    return _scheduled(poll, state, schedule)


_FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"


def _incremental(spec: FeedSpec, result: FetchResult, state: FeedState | None, *, conditional: bool) -> FeedPoll:
    etag = result.header("etag")
    modified = result.header("last-modified")
    if result.http_status == 304 and state is not None and conditional:
        return FeedPoll(
            spec=spec, polled_at=result.fetched_at, status="not_modified", http_status=304,
            final_url=result.final_url, etag=etag or state.etag, last_modified=modified or state.last_modified,
            body_hash=state.body_hash, validators_trusted=state.validators_trusted, new_entries=0, log=result.log,
        )
    if not result.ok:
        poll = parse_feed_response(spec, result)
        return replace(poll, retry_after=result.retry_after, log=result.log,
                       validators_trusted=state.validators_trusted if state else True)
    body = result.body or b""
    body_hash = hashlib.sha256(body).hexdigest()
    trusted = state.validators_trusted if state else True
    lied = False
    if state is not None and state.body_hash and body_hash != state.body_hash:
        same_etag = bool(etag) and etag == state.etag
        same_modified = bool(modified) and modified == state.last_modified
        if same_etag or same_modified:
            # the content changed but the validators did not: a conditional GET would have hidden the change
            lied = True
            trusted = False
            log.warning("feed %s changed without changing its validators; no longer trusting them", spec.url)
    common = dict(etag=etag, last_modified=modified, body_hash=body_hash, validators_trusted=trusted,
                  validators_lied=lied, verified=not conditional, log=result.log)
    if state is not None and state.body_hash == body_hash:
        return FeedPoll(spec=spec, polled_at=result.fetched_at, status="unchanged", http_status=result.http_status,
                        final_url=result.final_url, new_entries=0, **common)
    poll = parse_feed_response(spec, result)
    new = len({e.entry_id for e in poll.entries} - state.known_entries) if state is not None else None
    return replace(poll, new_entries=new, **common)


def _scheduled(poll: FeedPoll, state: FeedState | None, schedule: ScheduleOptions) -> FeedPoll:
    if poll.succeeded:
        interval = interval_after_success(state, poll.new_entries, poll.ttl_s, schedule)
        return replace(poll, poll_interval_s=int(interval),
                       next_poll_at=poll.polled_at + timedelta(seconds=interval))
    if poll.status == "refused":
        # our own policy (private network) refused it: no request was sent, so nothing to back off from, and
        # the next pass that allows it should not have to wait
        next_at = poll.polled_at
    else:
        next_at = next_poll_after_failure(state, poll.polled_at, poll.retry_after, schedule)
    return replace(poll, poll_interval_s=state.poll_interval_s if state else None, next_poll_at=next_at)


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
    body, guard_error = strip_entity_declarations(body)
    # a UTF-8 feed with a few bad bytes is read as UTF-8, not re-detected as windows-1252 whole (pipeline.text)
    body, damaged = repaired_utf8(body, content_type, xml=True)
    damage = None
    if damaged:
        damage = f"{damaged} bytes not valid UTF-8 replaced by U+FFFD (UTF-8 by the feed's declaration or XML's default)"
        log.info("%s: %s", spec.url, damage)
    # one &#xD800; in a title made feedparser raise (UnicodeEncodeError) on every poll: the feed and all its entries lost
    body, replaced = xml_safe_references(body)
    if replaced:
        log.info("%s: %d character references to characters XML forbids replaced by U+FFFD", spec.url, replaced)
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
        parsed, redecoded = _redecoded(spec, body, headers, parsed)
    except Exception as exc:  # feedparser is defensive, but a crash on one feed must not end the pass
        log.warning("feedparser crashed on %s: %r", spec.url, exc)
        return FeedPoll(
            spec=spec, polled_at=polled_at, status="malformed", http_status=http_status, bozo=True,
            final_url=base_url, error=f"parser crashed: {type(exc).__name__}: {exc}",
        )
    # a feed that lied about its charset stays malformed, its text now right (the error says how it was read)
    bozo = bool(parsed.get("bozo")) or guard_error is not None or redecoded is not None
    error = "; ".join(filter(None, [guard_error, redecoded])) or None
    if bozo and error is None:
        exc = parsed.get("bozo_exception")
        error = f"{type(exc).__name__}: {exc}" if exc is not None else "malformed feed"
    error = "; ".join(filter(None, [damage, error])) or None
    normalised = []
    skipped = unlinked = 0
    for raw in parsed.entries:
        try:
            entry = _normalise_entry(spec.url, base_url, raw)
        except Exception as exc:  # one entry nothing could read costs that entry, never the feed or the pass
            skipped += 1
            log.warning("skipped an unreadable entry of %s: %r", spec.url, exc)
            continue
        if entry is None:
            unlinked += 1
            continue
        normalised.append((entry, raw))
    normalised, shared = _guids_shared_by_links(normalised)
    entries = []
    seen_ids: set[str] = set()
    for entry, raw in normalised:
        if entry.entry_id in seen_ids:
            continue  # the same item listed twice
        entry = plausible_dates(entry, polled_at, raw)
        seen_ids.add(entry.entry_id)
        entries.append(entry)
    if shared:
        error = "; ".join(filter(None, [error, f"{shared} entries share a guid with other links: keyed by their "
                                               f"links instead"]))
    if skipped:
        error = "; ".join(filter(None, [error, f"{skipped} unreadable entries skipped"]))
    if unlinked:  # a listing nothing can be fetched for: said, so a feed that lost its links does not look fine
        error = "; ".join(filter(None, [error, f"{unlinked} entries without an http(s) link skipped"]))
    feed = parsed.get("feed", {})
    version = parsed.get("version") or None
    if not entries and not version:
        # Nothing readable at all: an HTML error page served with 200, an empty body, binary junk. Not only when
        # feedparser flags it: a well-formed HTML page (or nothing) under an XML content type is no error to it,
        # and the dead feed would poll "ok" for ever.
        status = "malformed"
        error = error or ("not a feed: the body is empty" if not body.strip() else
                          "not a feed: no RSS, Atom or RDF document in the body")
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
        ttl_s=feed_ttl_seconds(feed),
    )


def _guids_shared_by_links(normalised: list[tuple[FeedEntry, Any]]) -> tuple[list[tuple[FeedEntry, Any]], int]:
    """``normalised`` with every entry whose guid other entries carry with another link keyed by its canonical
    link instead, and how many were.

    Why: a CMS that writes one guid on every item ("0", the home page) made each item after the first a repeat of
    it, dropped on every poll: only one story of the feed was ever fetched. A guid that names several links
    identifies none of them; the link does (as for an item with no guid). The same item listed twice keeps one."""
    links: dict[str, set[str]] = {}
    for entry, _ in normalised:
        links.setdefault(entry.entry_id, set()).add(entry.canonical_url)
    shared = {entry_id for entry_id, canonicals in links.items() if len(canonicals) > 1}
    if not shared:
        return normalised, 0
    rekeyed = [(replace(entry, entry_id=entry.canonical_url) if entry.entry_id in shared else entry, raw)
               for entry, raw in normalised]
    log.info("%d guids of this feed name several links; their entries are keyed by link", len(shared))
    return rekeyed, len({entry.canonical_url for entry, _ in normalised if entry.entry_id in shared})


def _redecoded(spec: FeedSpec, body: bytes, headers: dict | None, parsed: Any) -> tuple[Any, str | None]:
    """The feed parsed again from its text decoded in the charset its bytes are in, when its declared one was wrong.

    Why: a windows-1251 feed declaring UTF-8 does not decode as UTF-8, and feedparser then falls back to
    windows-1252 (``CharacterEncodingOverride``), which decodes any byte: every Russian title was stored as
    mojibake ("Ïåðåìèðèå"). charset-normalizer (already installed with trafilatura) names the charset from the
    bytes; the feed is parsed again from the text so decoded, and the note returned (kept in the poll's error) says
    what was declared and what was used."""
    if not isinstance(parsed.get("bozo_exception"), (feedparser.CharacterEncodingOverride,
                                                     feedparser.CharacterEncodingUnknown)):
        return parsed, None
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is None or _same_codec(best.encoding, parsed.get("encoding")):
        return parsed, None  # nothing better than feedparser's own fallback
    again = feedparser.parse(str(best), response_headers=headers, sanitize_html=False)
    if len(again.entries) < len(parsed.entries):
        return parsed, None  # the decoded text lost entries: keep what the first parse read
    exc = parsed.get("bozo_exception")
    note = f"{type(exc).__name__}: {exc}; decoded as {best.encoding} instead (detected from the bytes)"
    log.warning("%s: %s", spec.url, note)
    return again, note


def _same_codec(one: str | None, other: str | None) -> bool:
    try:
        return bool(one and other) and codecs.lookup(one).name == codecs.lookup(other).name
    except LookupError:
        return False


_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY\b", re.IGNORECASE)
_PROLOG_LIMIT = 1024 * 1024


def strip_entity_declarations(body: bytes) -> tuple[bytes, str | None]:
    """Remove a DOCTYPE whose internal subset declares entities, before any XML parser sees it.

    Why: a "billion laughs" feed (nested entity definitions) makes expat spend seconds and raise its
    amplification limit, after which feedparser falls back to its loose parser; an external entity
    (``SYSTEM "file:///..."``) is not resolved by feedparser today, but that is a default, not a promise.
    Feeds have no use for entity declarations, so they are dropped: references to them stay unexpanded text
    and the feed is recorded as malformed with the reason.
    """
    head = body[:_PROLOG_LIMIT]
    match = _DOCTYPE.search(head)
    if match is None:
        return body, None
    end = _doctype_end(body, match.start())
    if end is None or not _ENTITY_DECL.search(body, match.start(), end):
        return body, None
    log.warning("feed declares XML entities; DOCTYPE removed before parsing")
    return body[: match.start()] + body[end:], "refused XML entity declarations (entity expansion guard)"


def _doctype_end(body: bytes, start: int) -> int | None:
    """End of ``<!DOCTYPE ... [ ... ]>``, skipping quoted strings (which may contain ``>``)."""
    depth = 0
    quote = None
    i = start + 2
    n = len(body)
    while i < n:
        c = body[i]
        if quote is not None:
            if c == quote:
                quote = None
        elif c in (0x22, 0x27):  # " '
            quote = c
        elif c == 0x5B:  # [
            depth += 1
        elif c == 0x5D:  # ]
            depth -= 1
        elif c == 0x3E and depth <= 0:  # >
            return i + 1
        i += 1
    return None


def _normalise_entry(feed_url: str, base_url: str, raw: Any) -> FeedEntry | None:
    guid = _clean(raw.get("id"))
    # RSS guids with isPermaLink default to being the link: the guid stands in for a link that is missing or is
    # nothing to fetch (javascript:, mailto:)
    permalink = guid if guid and guid.startswith(("http://", "https://")) else None
    for candidate in (raw.get("link"), _alternate_link(raw), permalink):
        fetchable = _fetchable(base_url, candidate)
        if fetchable is not None:
            link, canonical = fetchable
            break
    else:
        return None  # nothing we could fetch
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


# No news feed item predates this; a date later than the poll by more than this is not a publication date yet
# (a day covers a publisher's clock and a time zone written wrong).
_EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=UTC)
_LATEST_AHEAD = timedelta(days=1)


def plausible_dates(entry: FeedEntry, polled_at: datetime, raw: Any) -> FeedEntry:
    """``entry`` with a published or updated date before 1990 or more than a day after the poll set to None.

    Why: a pubDate of year 9999 was stored as it is and that article sorted first for ever in every listing
    newest-first; an updated date there also stayed the maximum ``source_updated_at``, so no later update of the
    entry would look newer. The feed's own string is logged (the schema keeps no raw date): the article falls back
    to its fetch time where a date is needed (``coalesce(published_at, fetched_at)``)."""
    changes = {}
    for field, raw_key in (("published_at", "published"), ("updated_at", "updated")):
        value = getattr(entry, field)
        if value is not None and not _EARLIEST_DATE <= value <= polled_at + _LATEST_AHEAD:
            changes[field] = None
            log.info("%s: entry %s: %s date %r (%s) is not plausible for an item polled at %s; stored as NULL",
                     entry.feed_url, entry.entry_id, raw_key, dict.get(raw, raw_key), value.isoformat(),
                     polled_at.isoformat())
    if not changes:
        return entry
    if "published_at" in changes and "updated_at" not in changes:
        changes["published_at"] = entry.updated_at  # as for a missing publication date: the update's, if any
    return replace(entry, **changes)


def _fetchable(base_url: str, link: str | None) -> tuple[str, str] | None:
    """``link`` made absolute and its canonical form, when it is an http(s) URL with a host; else None."""
    if not link:
        return None
    try:
        link = absolute_url(base_url, link)
        canonical = canonical_url(link)
        host = host_of(link)
    except ValueError:
        return None
    if not canonical.startswith(("http://", "https://")) or not host:
        return None  # nothing to fetch: another scheme, or no host ("http:///x", "http://:80/x")
    return link, canonical


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
