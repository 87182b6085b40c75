"""HTTP for feeds and pages: one httpx client per pass, streamed bodies with a size cap, no crash on any
response.

The network is a parameter (``FetchOptions.transport``): tests and the demo swap in their own transport, as
httpx's ``MockTransport`` idiom suggests.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpcore
import httpx

from ..errors import AddressRefused, FetchError, FetchTimeout, ResponseTooLarge, TransportError
from ..options import FetchOptions
from ..records import FetchResult, RequestLog
from ..urls import host_of
from .politeness import HostDeferred, HostGate

log = logging.getLogger(__name__)


def make_client(options: FetchOptions) -> httpx.Client:
    """The one client of a pass: connection pooling across feeds and pages, the project's User-Agent."""
    hooks = [] if options.allow_private_network else [_refuse_private_addresses]
    limits = httpx.Limits(max_connections=max(options.concurrency, 1) * 2, max_keepalive_connections=20)
    transport = options.transport or with_deadlines(
        httpx.HTTPTransport(limits=limits), refuse_private=not options.allow_private_network)
    return httpx.Client(
        headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
        follow_redirects=False,  # followed by hand in _get: loops named, each hop checked
        limits=limits,
        transport=transport,
        event_hooks={"request": hooks, "response": [_refuse_other_schemes]},
    )


def _refuse_other_schemes(response: httpx.Response) -> None:
    """A redirect to file:, ftp:, javascript: or data: is not followed, and the error names it.

    httpx itself refuses them, but in words that blame the wrong URL ("Request URL is missing an 'http://'
    protocol", "path must be empty or begin with '/'"); this hook runs before httpx reads the Location."""
    location = response.headers.get("location")
    if response.status_code not in _REDIRECTS or not location:
        return
    try:
        scheme = urlsplit(location.strip()).scheme.lower()
    except ValueError:
        return  # a malformed Location: httpx names it
    if scheme and scheme not in ("http", "https"):
        url = str(response.request.url)
        raise TransportError(f"{url}: redirects to {location[:200]}, not an http(s) URL; not followed", url=url)


# ------------------------------------------------------------------------------- whole-request deadline

_deadline = threading.local()


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write is clipped to the current request's deadline.

    httpx has connect/read/write timeouts per socket operation only: a server that drips its *headers* a byte at
    a time (each byte inside the read timeout) would hold a worker for hours. The deadline is thread-local and
    set by :func:`fetch`, so a pooled connection serves whichever thread is using it.
    """

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    @staticmethod
    def _clip(timeout: float | None) -> float | None:
        deadline = getattr(_deadline, "value", None)
        if deadline is None:
            return timeout
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("whole-request deadline passed")
        return remaining if timeout is None else min(timeout, remaining)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._clip(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):  # type: ignore[no-untyped-def]
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, self._clip(timeout)))

    def get_extra_info(self, info: str):  # type: ignore[no-untyped-def]
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend, *, refuse_private: bool = False) -> None:
        self._inner = inner
        self._refuse_private = refuse_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]
        stream = self._inner.connect_tcp(host, port, _DeadlineStream._clip(timeout), local_address, socket_options)
        if self._refuse_private:
            # The request hook checked the name's addresses; this checks the address actually connected to, so
            # a DNS answer that changes between the two lookups (DNS rebinding) cannot reach a private host.
            peer = stream.get_extra_info("server_addr")
            try:
                address = ipaddress.ip_address(peer[0]) if peer else None
            except ValueError:
                address = None
            if address is not None and (not address.is_global or address.is_multicast):
                stream.close()
                raise AddressRefused(f"{host} connected to non-public address {address}; refused", url=f"{host}:{port}")
        return _DeadlineStream(stream)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # type: ignore[no-untyped-def]
        return _DeadlineStream(self._inner.connect_unix_socket(path, _DeadlineStream._clip(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def with_deadlines(transport: httpx.HTTPTransport, *, refuse_private: bool = False) -> httpx.HTTPTransport:
    """Make ``transport``'s sockets honour :func:`fetch`'s whole-request deadline (see :class:`_DeadlineStream`).

    httpx does not expose the network backend, so this sets it on the transport's httpcore pool; if a future
    httpx moves it, the transport is returned as it is (the body-read deadline in :func:`_read_body` remains).
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None and not isinstance(backend, _DeadlineBackend):
        pool._network_backend = _DeadlineBackend(backend, refuse_private=refuse_private)
    else:
        log.debug("cannot install the whole-request deadline on %r", transport)
    return transport


def _refuse_private_addresses(request: httpx.Request) -> None:
    """Refuse any request (including each redirect hop) to a host that resolves to a non-public address.

    Feeds are third-party input: a feed must not be able to make us fetch http://169.254.169.254/ or an
    intranet page (server-side request forgery).
    """
    host = request.url.host
    port = request.url.port or (443 if request.url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TransportError(f"cannot resolve {host}: {exc.strerror}", url=str(request.url)) from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise AddressRefused(
                f"{host} resolves to non-public address {address}; refused "
                "(set allow_private_network / --allow-private-network / NEWSDESK_ALLOW_PRIVATE_NETWORK=1 "
                "to fetch from private networks)",
                url=str(request.url),
            )


def fetch(
    client: httpx.Client,
    url: str,
    options: FetchOptions,
    *,
    headers: Mapping[str, str] | None = None,
    kind: str = "article",
    gate: HostGate | None = None,
    max_bytes: int | None = None,
) -> FetchResult:
    """GET ``url``; every outcome (HTTP error, timeout, refusal, oversize body) comes back as a FetchResult.

    ``gate`` applies per-host politeness (slots, delays, Retry-After pauses). A 429/503 whose Retry-After is at
    most ``max_retry_wait`` is waited out and tried once more; a longer one is returned with ``retry_after``
    set, so the caller stores when to come back. Every request made is in ``result.log``.
    """
    host = host_of(url)
    conditional = bool(headers) and any(k.lower() in ("if-none-match", "if-modified-since") for k in headers or {})
    records: list[RequestLog] = []
    attempt = 0
    while True:
        attempt += 1
        result = _fetch_once(client, url, options, headers, kind=kind, gate=gate, max_bytes=max_bytes)
        records.append(_record(result, kind=kind, host=host, attempt=attempt, conditional=conditional))
        wait = _retry_wait(result)
        if wait is None:
            break
        if gate is not None:
            gate.pause(host, wait)  # every other request to this host waits too
        if attempt >= 2 or wait > options.max_retry_wait:
            break
        if gate is None:
            time.sleep(wait)
    return replace(result, log=tuple(records))


def _fetch_once(
    client: httpx.Client,
    url: str,
    options: FetchOptions,
    headers: Mapping[str, str] | None,
    *,
    kind: str,
    gate: HostGate | None,
    max_bytes: int | None,
) -> FetchResult:
    fetched_at = datetime.now(UTC)
    started = time.monotonic()
    try:
        if gate is None:
            response = _get_with_deadline(client, url, options, headers, started, kind=kind, max_bytes=max_bytes)
        else:
            with gate.slot(host_of(url), url):
                started = time.monotonic()  # time waiting for the host is not the request's time
                response = _get_with_deadline(client, url, options, headers, started, kind=kind, max_bytes=max_bytes)
    except FetchError as exc:
        log.info("fetch %s failed: %s", url, exc)
        retry_after = None
        if isinstance(exc, HostDeferred):
            retry_after = fetched_at + timedelta(seconds=exc.wait)
        return FetchResult(
            url=url,
            fetched_at=fetched_at,
            error_kind=exc.kind,
            error=str(exc),
            elapsed_s=time.monotonic() - started,
            retry_after=retry_after,
        )
    final_url, status, response_headers, body = response
    result = FetchResult(
        url=url,
        fetched_at=fetched_at,
        final_url=final_url,
        http_status=status,
        headers=response_headers,
        body=body,
        elapsed_s=time.monotonic() - started,
        bytes_read=len(body),
    )
    if status in (429, 503):
        after = parse_retry_after(result.header("retry-after"), now=fetched_at)
        if after is not None:
            result = replace(result, retry_after=after)
    return result


def _retry_wait(result: FetchResult) -> float | None:
    """Seconds the server asked us to wait before trying again (429/503 with Retry-After), else None."""
    if result.http_status not in (429, 503) or result.retry_after is None:
        return None
    return max(0.0, (result.retry_after - datetime.now(UTC)).total_seconds())


def _record(result: FetchResult, *, kind: str, host: str, attempt: int, conditional: bool) -> RequestLog:
    if result.error_kind is not None:
        outcome = result.error_kind
    elif result.http_status == 304:
        outcome = "not_modified"
    elif result.ok:
        outcome = "unsupported_type" if result.body == b"" and _skipped_type(result) else "ok"
    else:
        outcome = "http_error"
    return RequestLog(
        kind=kind,
        url=result.url,
        host=host,
        requested_at=result.fetched_at,
        attempt=attempt,
        outcome=outcome,
        http_status=result.http_status,
        error=result.error or (f"HTTP {result.http_status}" if outcome == "http_error" else None),
        bytes=result.bytes_read,
        elapsed_s=result.elapsed_s,
        conditional=conditional,
        retry_after=result.retry_after,
    )


def _skipped_type(result: FetchResult) -> bool:
    from ..extract.core import is_html_like

    content_type = result.content_type
    return bool(content_type) and not is_html_like(content_type, None)


def parse_retry_after(value: str | None, *, now: datetime) -> datetime | None:
    """Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3); junk is ignored."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return now + timedelta(seconds=min(int(value), 7 * 24 * 3600))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(when, now)


_REDIRECTS = (301, 302, 303, 307, 308)


def _get_with_deadline(client, url, options, headers, started, **kwargs):  # type: ignore[no-untyped-def]
    _deadline.value = started + options.total_timeout
    try:
        return _get(client, url, options, headers, started, **kwargs)
    finally:
        _deadline.value = None


def _get(
    client: httpx.Client,
    url: str,
    options: FetchOptions,
    headers: Mapping[str, str] | None,
    started: float,
    *,
    kind: str = "article",
    max_bytes: int | None = None,
) -> tuple[str, int, tuple[tuple[str, str], ...], bytes]:
    """Follow at most ``max_redirects`` redirects by hand (so a loop is named as one) and read the body."""
    deadline = started + options.total_timeout
    cap = max_bytes or options.max_bytes
    seen = {url}
    current = url
    try:
        for _hop in range(options.max_redirects + 1):
            with client.stream("GET", current, headers=headers, follow_redirects=False) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    target = str(response.url.join(location))
                    if target in seen:
                        raise TransportError(f"{url}: redirects loop back to {target}", url=url)
                    seen.add(target)
                    current = target
                    if time.monotonic() > deadline:
                        raise FetchTimeout(f"{url}: not complete after {options.total_timeout:.0f}s", url=url)
                    continue
                response_headers = tuple((k, v) for k, v in response.headers.multi_items())
                content_type = response.headers.get("content-type")
                if kind == "article" and options.skip_non_html and 200 <= response.status_code < 300 and content_type:
                    from ..extract.core import is_html_like

                    if not is_html_like(content_type, None):
                        # a PDF, video or image: extraction would refuse it anyway, so do not download it
                        return str(response.url), response.status_code, response_headers, b""
                body = _read_body(response, url, cap, deadline, options.total_timeout)
                return str(response.url), response.status_code, response_headers, body
        raise TransportError(f"{url}: more than {options.max_redirects} redirects", url=url)
    except FetchError:
        raise
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"{url}: timed out ({type(exc).__name__})", url=url) from exc
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError, zlib.error) as exc:
        raise TransportError(f"{url}: {type(exc).__name__}: {exc}", url=url) from exc


def _read_body(response: httpx.Response, url: str, cap: int, deadline: float, total_timeout: float) -> bytes:
    """Read the raw stream and decompress it ourselves, never holding more than ``cap`` decoded bytes.

    httpx's decoders inflate a whole network chunk at once (a 64 KB gzip chunk can become 64 MB); here every
    step of zlib is bounded by what is left of the cap, so a gzip bomb stops at the cap. The whole-request
    deadline is checked after every network read, so a server dripping a byte at a time cannot hold a worker.
    """
    declared = response.headers.get("content-length")
    encoding = (response.headers.get("content-encoding") or "identity").strip().lower()
    if declared and declared.isdigit() and int(declared) > cap and encoding in ("", "identity"):
        raise ResponseTooLarge(f"{url}: Content-Length {declared} exceeds the {cap}-byte cap", url=url)
    decoder = _Decoder(encoding, url)
    out = bytearray()
    for raw in response.iter_raw():
        for piece in decoder.feed(raw, cap - len(out) + 1):
            out += piece
            if len(out) > cap:
                raise ResponseTooLarge(f"{url}: body exceeds the {cap}-byte cap", url=url)
        if time.monotonic() > deadline:
            raise FetchTimeout(f"{url}: not complete after {total_timeout:.0f}s", url=url)
    for piece in decoder.flush(cap - len(out) + 1):
        out += piece
        if len(out) > cap:
            raise ResponseTooLarge(f"{url}: body exceeds the {cap}-byte cap", url=url)
    return bytes(out)


class _Decoder:
    """Content-Encoding: identity, gzip or deflate (zlib-wrapped or raw), inflated in bounded steps."""

    def __init__(self, encoding: str, url: str) -> None:
        self._url = url
        self._encoding = encoding
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
            self._first = True
        else:
            raise TransportError(f"{url}: unsupported content encoding {encoding!r}", url=url)

    def feed(self, data: bytes, limit: int) -> Iterator[bytes]:
        if self._zlib is None:
            yield data
            return
        if self._first and self._encoding == "deflate":
            self._first = False
            try:
                probe = zlib.decompressobj(zlib.MAX_WBITS | 32)
                probe.decompress(data[:64], 1)
            except zlib.error:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
        self._first = False
        buf = data
        while buf:
            piece = self._zlib.decompress(buf, max(1, limit))
            yield piece
            limit -= len(piece)
            buf = self._zlib.unconsumed_tail
            if not piece and buf:
                break  # cannot progress (should not happen with max_length >= 1)

    def flush(self, limit: int) -> Iterator[bytes]:
        if self._zlib is None:
            return
        tail = self._zlib.flush()
        yield tail[: max(0, limit)] if len(tail) > limit else tail


class RoutedTransport(httpx.BaseTransport):
    """Send requests for some host names to a fixed loopback address, keeping the URL and Host header.

    Like ``curl --resolve``: the demo serves ``harbour-post.localhost`` and friends from one loopback server on
    a free port, while the URLs stored in the database stay stable from run to run.
    """

    def __init__(self, routes: Mapping[str, tuple[str, int]], inner: httpx.BaseTransport | None = None) -> None:
        self._routes = {host.lower(): target for host, target in routes.items()}
        self._inner = inner or with_deadlines(httpx.HTTPTransport())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = self._routes.get(request.url.host.lower())
        if target is None:
            return self._inner.handle_request(request)
        # A new request for the wire; the client pins the *original* request on the response, so
        # response.url (and what we store) keeps the public host name.
        headers = httpx.Headers(request.headers)
        headers["Host"] = request.url.netloc.decode("ascii")
        routed = httpx.Request(
            request.method,
            request.url.copy_with(host=target[0], port=target[1]),
            headers=headers,
            stream=request.stream,
            extensions=request.extensions,
        )
        return self._inner.handle_request(routed)

    def close(self) -> None:
        self._inner.close()
