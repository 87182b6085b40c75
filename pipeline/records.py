"""Typed records passed between the stages of a pass.

poll  ->  FeedPoll(FeedEntry...)  ->  fetch  ->  FetchResult  ->  extract  ->  Extracted
      ->  dedup  ->  ProcessedArticle(ParagraphOccurrence...)  ->  load
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FeedSpec:
    """One feed the user asked us to follow."""

    url: str
    name: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedEntry:
    """One normalised item of a feed."""

    feed_url: str
    entry_id: str  # guid/id when the feed gives one, else the canonical link
    link: str  # absolute, as the feed gives it (tracking parameters included)
    canonical_url: str
    article_id: str
    title: str | None
    summary: str | None  # plain text of the feed's summary/content, fallback when extraction finds nothing
    author: str | None
    published_at: datetime | None  # UTC
    updated_at: datetime | None  # UTC


@dataclass(frozen=True)
class RequestLog:
    """One HTTP request (or one refused before it was sent), for the ``fetch_log`` table."""

    kind: str  # feed | article | robots
    url: str
    host: str
    requested_at: datetime
    attempt: int
    outcome: str  # ok | not_modified | http_error | timeout | too_large | refused | transport_error | robots | deferred | unsupported_type
    http_status: int | None = None
    error: str | None = None
    bytes: int = 0
    elapsed_s: float = 0.0
    conditional: bool = False
    retry_after: datetime | None = None


@dataclass(frozen=True)
class FeedPoll:
    """The outcome of polling one feed. Failures are data, not exceptions."""

    spec: FeedSpec
    polled_at: datetime
    status: str  # ok | malformed | http_error | fetch_error | timeout | too_large | refused | transport_error
    http_status: int | None = None
    final_url: str | None = None
    title: str | None = None
    site_url: str | None = None
    format: str | None = None  # feedparser's version string, e.g. rss20, atom10
    bozo: bool = False
    error: str | None = None
    entries: tuple[FeedEntry, ...] = ()
    # incremental polling (pipeline.fetch.schedule); defaults describe a poll made without any stored state
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    validators_trusted: bool = True
    validators_lied: bool = False
    verified: bool = False  # an unconditional 200: validators checked against the body
    new_entries: int | None = None  # entries not seen before (None: unknown, no stored state)
    ttl_s: int | None = None
    poll_interval_s: int | None = None
    next_poll_at: datetime | None = None
    retry_after: datetime | None = None
    log: tuple[RequestLog, ...] = ()

    @property
    def succeeded(self) -> bool:
        if self.status == "malformed" and not self.entries and not self.format:
            return False  # not a feed at all (a challenge page, a "we moved" notice served with 200)
        return self.status in ("ok", "malformed", "not_modified", "unchanged")


@dataclass(frozen=True)
class FetchResult:
    """The raw HTTP outcome for one URL (kept whole so it can be archived and reprocessed later)."""

    url: str
    fetched_at: datetime
    final_url: str | None = None
    http_status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    error_kind: str | None = None  # set when no usable response: timeout, too_large, refused, transport_error, empty_body
    error: str | None = None
    elapsed_s: float = 0.0
    bytes_read: int = 0  # body bytes after decompression (the body itself may have been dropped)
    retry_after: datetime | None = None  # when the server (429/503) or robots.txt lets us try again
    log: tuple[RequestLog, ...] = ()  # every request made for this URL (redirect hops are one request)

    @property
    def ok(self) -> bool:
        return self.error_kind is None and self.http_status is not None and 200 <= self.http_status < 300

    @property
    def content_type(self) -> str | None:
        return self.header("content-type")

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


@dataclass(frozen=True)
class Extracted:
    """What trafilatura (or the feed summary fallback) made of one page."""

    status: str  # ok | empty | unsupported
    text_source: str | None  # extracted | extracted_unfiltered (the clean-up would have cut too much: trafilatura's own text) | feed_summary | None
    paragraphs: tuple[str, ...] = ()
    title: str | None = None
    author: str | None = None
    date: str | None = None  # as the page states it (ISO date), kept apart from the feed's published_at
    site_name: str | None = None
    description: str | None = None
    language: str | None = None
    language_score: float | None = None
    error: str | None = None
    # the URL the page declares for itself, as written (resolved and judged by pipeline.urls.page_canonical)
    canonical_link: str | None = None  # <link rel="canonical" href>
    og_url: str | None = None  # <meta property="og:url" content>


@dataclass(frozen=True)
class ParagraphOccurrence:
    """One paragraph as it occurs in an article, in page order."""

    position: int
    paragraph_id: str
    text: str
    repeat_of: int | None  # position of the first occurrence in the same article, None for a first occurrence
    text_start: int | None = None  # offsets into articles.text (None for repeats: they are not in the text)
    text_end: int | None = None
    # near-duplicate index keys made by the extraction worker (pipeline.dedup.neardup.index_keys; first occurrences)
    lsh_version: str | None = None
    lsh_words: int | None = None
    lsh_buckets: bytes | None = None


@dataclass(frozen=True)
class ProcessedArticle:
    """Everything the loader needs for one article."""

    entry: FeedEntry
    fetch: FetchResult
    status: str  # ok | empty | unsupported | failed
    extracted: Extracted | None
    occurrences: tuple[ParagraphOccurrence, ...] = field(default=())
    text: str | None = None
    content_hash: str | None = None

    @property
    def repeats(self) -> int:
        return sum(1 for o in self.occurrences if o.repeat_of is not None)
