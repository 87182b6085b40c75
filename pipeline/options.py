"""The options of one pass, built once per run and passed down to every stage (no globals)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# the checks and OptionError live with the settings table now; imported from here by earlier callers
from .settings import OptionError, check_count, check_header_text, check_seconds  # noqa: F401
from .settings import default as _setting  # defaults of the user-facing settings: pipeline.settings.SETTINGS
from .version import __version__

if TYPE_CHECKING:  # httpx is imported lazily by the stages that need it
    import httpx

    from .records import FeedSpec

DEFAULT_CONTACT = "https://github.com/newsdesk/newsdesk"


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_user_agent(contact: str = DEFAULT_CONTACT) -> str:
    return f"newsdesk/{__version__} (news ingestion; +{contact})"


@dataclass
class FetchOptions:
    """How we talk to other people's servers."""

    user_agent: str = field(default_factory=default_user_agent)
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    # the whole request, so a server dripping one byte a second cannot hold a worker
    total_timeout: float = _setting("timeout")
    max_bytes: int = _setting("max_bytes")  # after decompression: a gzip bomb stops here
    max_redirects: int = 5
    # refuse feeds/pages resolving to private or loopback addresses
    allow_private_network: bool = _setting("allow_private_network")
    concurrency: int = _setting("concurrency")  # requests in flight overall
    per_host: int = _setting("per_host")  # requests in flight per host
    transport: httpx.BaseTransport | None = None  # swap the network (tests, the demo's loopback routing)
    # politeness (pipeline.fetch.politeness, pipeline.fetch.robots)
    min_host_delay: float = _setting("min_host_delay")  # seconds between the starts of two requests to one host
    delay_loopback: bool = False  # apply min_host_delay to loopback hosts too (our own test/demo servers)
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay above this is clipped
    max_host_wait: float = 30.0  # a request that would wait longer for its host (Retry-After) is deferred
    max_retry_wait: float = _setting("max_retry_wait")  # a Retry-After this long is waited out in the pass (once)
    # honour robots.txt for article pages (feeds are subscriptions, like a feed reader's)
    robots: bool = not _setting("no_robots")
    robots_ttl: float = 24 * 3600.0  # how long a fetched robots.txt is trusted (RFC 9309: at most a day)
    robots_unreachable_ttl: float = 3600.0  # robots.txt answered 5xx / did not answer: disallow, ask again after
    robots_max_bytes: int = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
    skip_non_html: bool = True  # stop reading an article whose Content-Type is not HTML-like

    def __post_init__(self) -> None:
        check_header_text("FetchOptions", "user_agent", self.user_agent)
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            check_seconds("FetchOptions", name, getattr(self, name), positive=True)
        for name in ("min_host_delay", "max_crawl_delay", "max_host_wait", "max_retry_wait", "robots_ttl",
                     "robots_unreachable_ttl"):
            check_seconds("FetchOptions", name, getattr(self, name))
        for name in ("max_bytes", "concurrency", "per_host", "robots_max_bytes"):
            check_count("FetchOptions", name, getattr(self, name))
        check_count("FetchOptions", "max_redirects", self.max_redirects, minimum=0)


@dataclass
class ScheduleOptions:
    """When a feed is polled again (pipeline.fetch.schedule). Bounds apply to successful polls and backoff alike."""

    min_interval: float = _setting("min_poll_interval")  # 10 minutes
    max_interval: float = _setting("max_poll_interval")  # 24 hours
    first_interval: float = 1800.0  # a new feed starts here and adapts
    busy_entries: int = 3  # a poll with at least this many new entries halves the interval
    slow_factor: float = 1.5  # a poll with nothing new stretches the interval by this
    verify_every: float = 24 * 3600.0  # fetch unconditionally this often to catch validators that lie
    unhealthy_after: float = _setting("unhealthy_after")  # failing this long marks a feed unhealthy
    # what time a poll is stamped with: the real clock; tests move their own instead of sleeping through intervals
    clock: Callable[[], datetime] = field(default=utc_now, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("min_interval", "max_interval", "first_interval", "slow_factor"):
            check_seconds("ScheduleOptions", name, getattr(self, name), positive=True)
        for name in ("verify_every", "unhealthy_after"):
            check_seconds("ScheduleOptions", name, getattr(self, name))
        check_count("ScheduleOptions", "busy_entries", self.busy_entries)
        if self.min_interval > self.max_interval:
            raise OptionError(f"ScheduleOptions.min_interval ({self.min_interval}) must not exceed max_interval "
                              f"({self.max_interval})")


@dataclass(frozen=True)
class NearDupParams:
    """How near-duplicates are found. The defaults are the ones ``bench/near_dup.py`` chose (see its docstring).

    shingle:    words per shingle (word n-grams of the normalised text)
    bands/rows: the LSH banding of a ``bands * rows`` MinHash signature; a pair with Jaccard ``s`` becomes a
                candidate with probability ``1 - (1 - s**rows) ** bands``
    measure:    how a candidate's shingle sets are compared: ``jaccard`` (|A&B| / |A|B|) or ``containment``
                (|A&B| / min(|A|, |B|): a copy with a sentence added or cut still counts as the same paragraph)
    threshold:  the similarity a candidate needs to count
    min_bands:  a candidate must share this many of the ``bands`` buckets: two paragraphs that meet in one bucket
                only are almost always two that share a frequent phrase ("prime minister"), not a copy
    max_candidates: verify at most this many candidates per paragraph (those sharing the most buckets), so a
                crowded bucket cannot make one paragraph cost thousands of comparisons
    min_words:  shorter paragraphs are matched exactly only ("Advertisement", "Share this story"): a one-word
                change in five words is a different sentence, not a near-duplicate
    seed:       of the permutations; changing it (or shingle/bands/rows) invalidates the stored index
    """

    shingle: int = 2
    bands: int = 32
    rows: int = 2
    measure: str = "containment"
    threshold: float = 0.5
    min_bands: int = 2
    max_candidates: int = 8
    min_words: int = 8
    seed: int = 20261126

    @property
    def permutations(self) -> int:
        return self.bands * self.rows

    @property
    def version(self) -> str:
        """Identifies the bucket space: buckets of different versions never match."""
        # the measure is not in it (same buckets); "p64" names the token hash (pipeline.dedup.neardup: a polynomial
        # over the UTF-8 bytes modulo 2**64), which replaced CRC-32 words and changed every signature
        return f"w{self.shingle}-b{self.bands}r{self.rows}-s{self.seed}-p64"


DEFAULT_NEAR_DUP = NearDupParams()


@dataclass(frozen=True)
class DedupOptions:
    """Cross-article dedup settings, one object per run (CLI/DAG build it; the loader receives it).

    boilerplate_min_articles: a paragraph in this many articles of one host is that host's chrome
    story_min_overlap: share of the smaller article's content paragraphs two articles must share to be one story
    story_min_shared: ... and at least this many paragraphs (one when an article has fewer)
    story_min_chars: paragraphs shorter than this do not count for stories (datelines, captions, credits)
    """

    near: NearDupParams = field(default_factory=lambda: DEFAULT_NEAR_DUP)
    boilerplate_min_articles: int = _setting("boilerplate_min_articles")
    story_min_overlap: float = 0.5
    story_min_shared: int = 2
    story_min_chars: int = 80
    enabled: bool = True

    def __post_init__(self) -> None:
        # at least 2: one article is not a pattern
        check_count("DedupOptions", "boilerplate_min_articles", self.boilerplate_min_articles, minimum=2)
        check_count("DedupOptions", "story_min_shared", self.story_min_shared)
        check_count("DedupOptions", "story_min_chars", self.story_min_chars, minimum=0)
        if not (isinstance(self.story_min_overlap, int | float) and 0 < self.story_min_overlap <= 1):
            raise OptionError(f"DedupOptions.story_min_overlap must be a share in (0, 1], got {self.story_min_overlap!r}")


@dataclass
class ArchiveOptions:
    """Where fetched responses are kept as WARC files (pipeline.fetch.archive)."""

    directory: Path
    max_file_bytes: int = 1024**3  # a file is closed and a new one started past this size (or at midnight UTC)
    roll_daily: bool = True
    relative_to: Path | None = None  # stored file names are relative to this (the database's directory)

    def __post_init__(self) -> None:
        self.directory = Path(self.directory)


def default_archive_dir(db_path: Path | str) -> Path:
    """``<db stem>.warc/`` beside the database: one archive per database, found again without configuration."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.warc")


def archive_options(db_path: Path | str, archive_dir: Path | str | None = None, *, enabled: bool = True,
                    max_file_bytes: int = 1024**3) -> ArchiveOptions | None:
    if not enabled:
        return None
    db_path = Path(db_path)
    return ArchiveOptions(directory=Path(archive_dir) if archive_dir else default_archive_dir(db_path),
                          max_file_bytes=max_file_bytes, relative_to=db_path.resolve().parent)


@dataclass
class IngestOptions:
    """Everything one ingestion pass needs. ``run_pass(IngestOptions(...))`` is the library entry point."""

    db_path: Path
    feeds: list[FeedSpec]
    fetch: FetchOptions = field(default_factory=FetchOptions)
    # articles per fetch/extract/load batch: bounds memory and the write-lock hold time
    batch_size: int = _setting("batch_size")
    workers: int = field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 8)))  # extraction processes
    max_fetch_attempts: int = _setting("max_fetch_attempts")  # a failed article is tried on later passes up to this
    # articles fetched per feed per pass at most; the rest wait in feed_entries for the next passes
    max_entries_per_feed: int = _setting("max_entries_per_feed")
    # seconds one page's extraction may take; past it the article is failed (extract_timeout) and the pass goes on
    extract_timeout: float = _setting("extract_timeout")
    lock_timeout: float = _setting("lock_timeout")  # how long to wait for another process's DuckDB write lock
    force: bool = _setting("force")  # poll every feed, due or not (CLI: --force)
    schedule: ScheduleOptions = field(default_factory=ScheduleOptions)
    # a failed article: 1st retry next pass, then after 1, 3, 7... x this many seconds
    retry_backoff: float = _setting("retry_backoff")
    # re-fetch a stored article when its feed entry's updated time moves on
    refresh_updated: bool = _setting("refresh_updated")
    # a second pass on the same database waits this long, then exits with a message
    pass_lock_wait: float = _setting("pass_lock_wait")
    dedup: DedupOptions = field(default_factory=DedupOptions)  # near-duplicates, site boilerplate, stories
    # keep every fetched response in WARC files (pipeline.fetch.archive; `newsdesk reprocess`)
    archive: bool = not _setting("no_archive")
    archive_dir: Path | None = None  # default: <db stem>.warc/ beside the database
    archive_max_bytes: int = 1024**3

    def __post_init__(self) -> None:
        self.db_path = Path(self.db_path)
        for name in ("batch_size", "workers", "max_fetch_attempts", "archive_max_bytes", "max_entries_per_feed"):
            check_count("IngestOptions", name, getattr(self, name))
        for name in ("lock_timeout", "retry_backoff", "pass_lock_wait"):
            check_seconds("IngestOptions", name, getattr(self, name))
        check_seconds("IngestOptions", "extract_timeout", self.extract_timeout, positive=True)

    def archive_options(self) -> ArchiveOptions | None:
        return archive_options(self.db_path, self.archive_dir, enabled=self.archive,
                               max_file_bytes=self.archive_max_bytes)

