"""Per-host politeness within one pass: how many requests in flight, how far apart, and pauses a server asked for.

Overall concurrency is bounded by the fetch thread pool; this gate adds, per host,

* at most ``per_host`` requests in flight,
* at least ``min_host_delay`` seconds between the starts of two requests (or the host's robots.txt
  ``Crawl-delay``, whichever is longer),
* a pause after a 429/503 with ``Retry-After``: later requests to that host wait it out, or are *deferred*
  (recorded, retried on a later pass) when the wait would be longer than ``max_host_wait``.

The state lives only as long as the pass: what must survive a pass (Retry-After of an article or feed, robots
caches) is stored in DuckDB by the callers.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import FetchError
from ..options import FetchOptions

log = logging.getLogger(__name__)


class HostDeferred(FetchError):
    """The host asked us to come back later than we are willing to wait in this pass."""

    kind = "deferred"

    def __init__(self, message: str, *, url: str, wait: float) -> None:
        super().__init__(message, url=url)
        self.wait = wait


def is_loopback_host(host: str) -> bool:
    """Our own machine: no third party to be polite to (tests, the demo)."""
    host = host.lower().strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostGate:
    """``with gate.slot(host, url): <one request>`` — thread-safe, shared by every fetch thread of a pass."""

    def __init__(self, options: FetchOptions, *, clock=time.monotonic, sleep=time.sleep) -> None:
        self._options = options
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}  # earliest start of the next request to the host
        self._crawl_delay: dict[str, float] = {}

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._semaphores.get(host)
            if sem is None:
                sem = self._semaphores[host] = threading.BoundedSemaphore(max(1, self._options.per_host))
            return sem

    def delay_for(self, host: str) -> float:
        base = 0.0 if is_loopback_host(host) and not self._options.delay_loopback else self._options.min_host_delay
        return max(base, self._crawl_delay.get(host, 0.0))

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """robots.txt's Crawl-delay for the host (clipped to ``max_crawl_delay``)."""
        if seconds is None or seconds <= 0:
            return
        with self._lock:
            self._crawl_delay[host] = min(float(seconds), self._options.max_crawl_delay)

    def pause(self, host: str, seconds: float) -> None:
        """No request to ``host`` starts for ``seconds`` (a 429/503 Retry-After)."""
        with self._lock:
            until = self._clock() + max(0.0, seconds)
            self._next_start[host] = max(self._next_start.get(host, 0.0), until)
        log.info("pausing requests to %s for %.1fs (server asked)", host, seconds)

    @contextmanager
    def slot(self, host: str, url: str = "") -> Iterator[None]:
        """Wait for a free per-host slot and the host's delay, then hold the slot for one request.

        Raises :class:`HostDeferred` instead of waiting longer than ``max_host_wait``.
        """
        sem = self._semaphore(host)
        sem.acquire()
        try:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_start.get(host, 0.0))
                wait = start - now
                if wait > self._options.max_host_wait:
                    raise HostDeferred(
                        f"{host} asked for a pause of {wait:.0f}s (longer than max_host_wait); deferred",
                        url=url, wait=wait,
                    )
                # reserve our start time: the next request to the host starts one delay after it
                self._next_start[host] = start + self.delay_for(host)
            if wait > 0:
                self._sleep(wait)
            yield
        finally:
            sem.release()
