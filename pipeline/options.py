"""The options of one pass, built once per run and passed down to every stage (no globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:  # httpx is imported lazily by the stages that need it
    import httpx

    from .records import FeedSpec

DEFAULT_CONTACT = "https://github.com/newsdesk/newsdesk"


def default_user_agent(contact: str = DEFAULT_CONTACT) -> str:
    return f"newsdesk/{__version__} (news ingestion; +{contact})"


@dataclass
class FetchOptions:
    """How we talk to other people's servers."""

    user_agent: str = field(default_factory=default_user_agent)
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0  # whole request, so a server dripping one byte a second cannot hold a worker
    max_bytes: int = 10 * 1024 * 1024  # after decompression: a gzip bomb stops here
    max_redirects: int = 5
    allow_private_network: bool = False  # refuse feeds/pages resolving to private or loopback addresses
    concurrency: int = 8  # requests in flight overall
    per_host: int = 2  # requests in flight per host
    transport: "httpx.BaseTransport | None" = None  # swap the network (tests, the demo's loopback routing)
    # politeness (pipeline.politeness, pipeline.robots)
    min_host_delay: float = 1.0  # seconds between the starts of two requests to one host
    delay_loopback: bool = False  # apply min_host_delay to loopback hosts too (our own test/demo servers)
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay above this is clipped
    max_host_wait: float = 30.0  # a request that would wait longer for its host (Retry-After) is deferred
    max_retry_wait: float = 10.0  # a Retry-After up to this long is waited out within the pass (once)
    robots: bool = True  # honour robots.txt for article pages (feeds are subscriptions, like a feed reader's)
    robots_ttl: float = 24 * 3600.0  # how long a fetched robots.txt is trusted (RFC 9309: at most a day)
    robots_unreachable_ttl: float = 3600.0  # robots.txt answered 5xx / did not answer: disallow, ask again after
    robots_max_bytes: int = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
    skip_non_html: bool = True  # stop reading an article whose Content-Type is not HTML-like


@dataclass
class ScheduleOptions:
    """When a feed is polled again (pipeline.schedule). Bounds apply to successful polls and backoff alike."""

    min_interval: float = 600.0  # 10 minutes
    max_interval: float = 24 * 3600.0  # 24 hours
    first_interval: float = 1800.0  # a new feed starts here and adapts
    busy_entries: int = 3  # a poll with at least this many new entries halves the interval
    slow_factor: float = 1.5  # a poll with nothing new stretches the interval by this
    verify_every: float = 24 * 3600.0  # fetch unconditionally this often to catch validators that lie
    unhealthy_after: float = 2 * 24 * 3600.0  # failing this long marks a feed unhealthy


@dataclass
class IngestOptions:
    """Everything one ingestion pass needs. ``run_pass(IngestOptions(...))`` is the library entry point."""

    db_path: Path
    feeds: "list[FeedSpec]"
    fetch: FetchOptions = field(default_factory=FetchOptions)
    batch_size: int = 250  # articles per fetch/extract/load batch: bounds memory and the write-lock hold time
    workers: int = field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 8)))  # extraction processes
    max_fetch_attempts: int = 5  # a failed article is retried on later passes up to this many times
    lock_timeout: float = 120.0  # how long to wait for another process's DuckDB write lock
    force: bool = False  # poll every feed, due or not (CLI: --force)
    schedule: ScheduleOptions = field(default_factory=ScheduleOptions)
    retry_backoff: float = 900.0  # failed article: 1st retry next pass, then after 1, 3, 7... x this many seconds
    refresh_updated: bool = True  # re-fetch a stored article when its feed entry's updated time moves on
    pass_lock_wait: float = 0.0  # a second pass on the same database waits this long, then exits with a message

    def __post_init__(self) -> None:
        self.db_path = Path(self.db_path)
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")
