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


@dataclass
class IngestOptions:
    """Everything one ingestion pass needs. ``run_pass(IngestOptions(...))`` is the library entry point."""

    db_path: Path
    feeds: "list[FeedSpec]"
    fetch: FetchOptions = field(default_factory=FetchOptions)
    batch_size: int = 100  # articles per fetch/extract/load batch: bounds memory and the write-lock hold time
    workers: int = field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 8)))  # extraction processes
    max_fetch_attempts: int = 5  # a failed article is retried on later passes up to this many times
    lock_timeout: float = 120.0  # how long to wait for another process's DuckDB write lock

    def __post_init__(self) -> None:
        self.db_path = Path(self.db_path)
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")
