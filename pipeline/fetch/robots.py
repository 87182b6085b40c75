"""robots.txt per origin: fetched once, cached in DuckDB (``robots_txt``), honoured with its Crawl-delay.

Rules follow RFC 9309 where it speaks:

* 2xx: the rules apply (read up to ``robots_max_bytes``; the RFC asks for at least 500 KiB);
* 4xx (404, 403, ...): no rules, everything allowed;
* 5xx, timeouts, network errors: the site is "unreachable" — assume complete disallow, and ask again after
  ``robots_unreachable_ttl`` (an hour) rather than the usual day;
* a robots.txt address refused by the private-network guard is not consulted: the page itself will be refused
  and recorded as such, which says more.

Matching is :mod:`urllib.robotparser` with our product token (``newsdesk``) and ``*`` as fallback. Its known
quirk: the first matching rule in a group wins (not the longest), which errs towards the file's order.

Only article pages are checked: feeds are subscriptions the user chose, which is how feed readers treat them.
Within a pass the parsed files are kept in memory (one fetch per origin per pass at most); across passes only
what is in DuckDB counts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx
import pyarrow as pa

from ..options import FetchOptions
from ..records import RequestLog
from ..store.core import LoadContext, connect, excluded, scalar
from .http import fetch
from .politeness import HostGate

log = logging.getLogger(__name__)

PRODUCT_TOKEN = "newsdesk"


@dataclass(frozen=True)
class RobotsRule:
    """One origin's robots.txt as stored (a row of ``robots_txt``)."""

    origin: str
    fetched_at: datetime
    expires_at: datetime
    status: str  # ok | missing | unreachable
    http_status: int | None = None
    body: str | None = None
    crawl_delay: float | None = None


def stored_rules(db_path: Path | str, origins: Sequence[str], *, lock_timeout: float = 120.0) -> list[RobotsRule]:
    """The stored robots.txt rules of ``origins`` (read-only; none for a database from before ``robots_txt``)."""
    with connect(db_path, read_only=True, lock_timeout=lock_timeout) as con:
        if not scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'robots_txt'"):
            return []
        con.register("wanted_origins", pa.table({"origin": pa.array(list(origins), pa.string())}))
        try:
            rows = con.execute(
                "SELECT origin, fetched_at, expires_at, status, http_status, body, crawl_delay "
                "FROM robots_txt SEMI JOIN wanted_origins USING (origin)"
            ).fetchall()
        finally:
            con.unregister("wanted_origins")
    return [RobotsRule(*row) for row in rows]


def rules_from_table(table: pa.Table) -> list[RobotsRule]:
    """The rules of a staged ``robots`` table (:func:`pipeline.store.staging.robots_table`)."""
    return [RobotsRule(**row) for row in table.to_pylist()]


def load_rules(ctx: LoadContext) -> dict[str, int]:
    """Load step: the robots.txt files fetched in the batch replace the stored ones of their origins."""
    if not ctx.has("robots"):
        return {}
    update = excluded(c for c in ctx.columns("robots") if c != "origin")
    ctx.write(ctx.sql("""
        INSERT INTO robots_txt BY NAME SELECT * FROM {staged.robots}
        {one_per_origin}
        ON CONFLICT (origin) DO UPDATE SET {update}""",
                      one_per_origin=ctx.one_row_per("robots", ["origin"], "fetched_at DESC"), update=update))
    return {}


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """The robots.txt decisions of one pass; new or refreshed files are handed to the loader via :meth:`drain`."""

    def __init__(self, client: httpx.Client, options: FetchOptions, gate: HostGate | None = None) -> None:
        self._client = client
        self._options = options
        self._gate = gate
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, RobotsRule] = {}
        self._parsers: dict[str, RobotFileParser | None] = {}
        self._new_rules: list[RobotsRule] = []
        self._log: list[RequestLog] = []
        self._loaded_from: set[str] = set()

    # ------------------------------------------------------------------------------------------ state

    def preload(self, db_path: Path | None, urls: list[str], lock_timeout: float = 120.0) -> None:
        """Read the stored files of the origins of ``urls`` not seen yet in this pass (read-only, short)."""
        if db_path is None or not Path(db_path).exists():
            return
        origins = sorted({origin_of(u) for u in urls} - self._loaded_from)
        if not origins:
            return
        for rule in stored_rules(db_path, origins, lock_timeout=lock_timeout):
            with self._lock:
                self._rules.setdefault(rule.origin, rule)
        self._loaded_from.update(origins)

    def seed(self, rules: Iterable[RobotsRule]) -> None:
        """Rules fetched earlier in this run but not loaded yet (a DAG run's earlier article batches staged them):
        consulted like stored ones, the newer one of an origin winning, and not staged again."""
        with self._lock:
            for rule in rules:
                held = self._rules.get(rule.origin)
                if held is None or rule.fetched_at > held.fetched_at:
                    self._rules[rule.origin] = rule
                    self._parsers.pop(rule.origin, None)

    def drain(self) -> tuple[list[RobotsRule], list[RequestLog]]:
        """Rules fetched and requests made since the last drain (to stage with the batch)."""
        with self._lock:
            rules, self._new_rules = self._new_rules, []
            records, self._log = self._log, []
        return rules, records

    # -------------------------------------------------------------------------------------- decisions

    def check(self, url: str) -> tuple[bool, RobotsRule | None]:
        """(allowed, the rule consulted). Fetches the origin's robots.txt first if it is not cached or stale."""
        if not self._options.robots:
            return True, None
        origin = origin_of(url)
        rule, parser = self._rule(origin)
        if rule is None:
            return True, None
        if rule.status == "unreachable":
            return False, rule
        if parser is None:
            return True, rule
        allowed = parser.can_fetch(PRODUCT_TOKEN, url)
        return allowed, rule

    def crawl_delay(self, url: str) -> float | None:
        rule = self._rules.get(origin_of(url))
        return rule.crawl_delay if rule else None

    def _rule(self, origin: str) -> tuple[RobotsRule | None, RobotFileParser | None]:
        with self._lock:
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one fetch per origin, however many threads ask at once
            now = datetime.now(UTC)
            rule = self._rules.get(origin)
            if rule is None or rule.expires_at <= now:
                rule = self._fetch(origin)
                with self._lock:
                    if rule is not None:
                        self._rules[origin] = rule
                        self._new_rules.append(rule)
                    self._parsers.pop(origin, None)
            if rule is None:
                return None, None
            if origin not in self._parsers:
                self._parsers[origin] = _parse(rule)
            return rule, self._parsers[origin]

    def _fetch(self, origin: str) -> RobotsRule | None:
        url = f"{origin}/robots.txt"
        result = fetch(self._client, url, self._options, kind="robots", gate=self._gate,
                       max_bytes=self._options.robots_max_bytes, headers={"Accept": "text/plain, */*;q=0.5"})
        with self._lock:
            self._log.extend(result.log)
        now = result.fetched_at
        ttl = timedelta(seconds=self._options.robots_ttl)
        if result.error_kind == "refused":
            return None  # the page will be refused too, and recorded as such
        if result.error_kind == "too_large" or (result.ok and result.body is not None):
            body = (result.body or b"")[: self._options.robots_max_bytes].decode("utf-8", errors="replace")
            if result.error_kind == "too_large":
                body = ""  # RFC 9309 would parse the first 500 KiB; we could not keep them: allow, as on 4xx
            return RobotsRule(origin, now, now + ttl, "ok", result.http_status, body, crawl_delay_of(body))
        if result.http_status is not None and 400 <= result.http_status < 500 and result.http_status != 429:
            return RobotsRule(origin, now, now + ttl, "missing", result.http_status)
        # 5xx, 429, timeouts, network errors: unreachable -> disallow for a while
        retry = timedelta(seconds=self._options.robots_unreachable_ttl)
        expires = max(now + retry, result.retry_after or now)
        log.info("robots.txt of %s unreachable (%s); not fetching from it until %s", origin,
                 result.error or f"HTTP {result.http_status}", expires)
        return RobotsRule(origin, now, expires, "unreachable", result.http_status)


def crawl_delay_of(body: str, token: str = PRODUCT_TOKEN) -> float | None:
    """The Crawl-delay of the group for ``token``, else of ``*``. Ours because urllib.robotparser only accepts
    whole seconds ("Crawl-delay: 0.5" is silently ignored there)."""
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for raw in body.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
        elif key == "crawl-delay":
            in_rules = True
            try:
                delay = float(value)
            except ValueError:
                continue
            if delay >= 0:
                for agent in agents:
                    delays.setdefault(agent, delay)
        else:
            in_rules = True
    for agent, delay in delays.items():
        if agent != "*" and agent in token.lower():
            return delay
    return delays.get("*")


def _parse(rule: RobotsRule) -> RobotFileParser | None:
    if rule.status != "ok" or not rule.body:
        return None
    parser = RobotFileParser()
    parser.parse(rule.body.splitlines())
    return parser
