"""HTTP for feeds and pages: one httpx client per pass, streamed bodies with a size cap, no crash on any
response.

The network is a parameter (``FetchOptions.transport``): tests and the demo swap in their own transport, as
httpx's ``MockTransport`` idiom suggests.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from datetime import UTC, datetime
from typing import Mapping

import httpx

from .errors import AddressRefused, FetchError, FetchTimeout, ResponseTooLarge, TransportError
from .options import FetchOptions
from .records import FetchResult

log = logging.getLogger(__name__)

_CHUNK = 64 * 1024


def make_client(options: FetchOptions) -> httpx.Client:
    """The one client of a pass: connection pooling across feeds and pages, the project's User-Agent."""
    hooks = [] if options.allow_private_network else [_refuse_private_addresses]
    return httpx.Client(
        headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
        follow_redirects=True,
        max_redirects=options.max_redirects,
        limits=httpx.Limits(max_connections=max(options.concurrency, 1) * 2, max_keepalive_connections=20),
        transport=options.transport,
        event_hooks={"request": hooks},
    )


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


def fetch(client: httpx.Client, url: str, options: FetchOptions, *, headers: Mapping[str, str] | None = None) -> FetchResult:
    """GET ``url``; every outcome (HTTP error, timeout, refusal, oversize body) comes back as a FetchResult."""
    fetched_at = datetime.now(UTC)
    started = time.monotonic()
    try:
        final_url, status, response_headers, body = _get(client, url, options, headers, started)
    except FetchError as exc:
        log.info("fetch %s failed: %s", url, exc)
        return FetchResult(
            url=url,
            fetched_at=fetched_at,
            error_kind=exc.kind,
            error=str(exc),
            elapsed_s=time.monotonic() - started,
        )
    return FetchResult(
        url=url,
        fetched_at=fetched_at,
        final_url=final_url,
        http_status=status,
        headers=response_headers,
        body=body,
        elapsed_s=time.monotonic() - started,
    )


def _get(
    client: httpx.Client,
    url: str,
    options: FetchOptions,
    headers: Mapping[str, str] | None,
    started: float,
) -> tuple[str, int, tuple[tuple[str, str], ...], bytes]:
    deadline = started + options.total_timeout
    try:
        with client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise ResponseTooLarge(
                    f"{url}: Content-Length {declared} exceeds the {options.max_bytes}-byte cap", url=url
                )
            chunks: list[bytes] = []
            size = 0
            # iter_bytes yields *decoded* bytes, so the cap bounds the decompressed size (gzip bombs stop here).
            for chunk in response.iter_bytes(_CHUNK):
                size += len(chunk)
                if size > options.max_bytes:
                    raise ResponseTooLarge(f"{url}: body exceeds the {options.max_bytes}-byte cap", url=url)
                if time.monotonic() > deadline:
                    raise FetchTimeout(f"{url}: not complete after {options.total_timeout:.0f}s", url=url)
                chunks.append(chunk)
            return (
                str(response.url),
                response.status_code,
                tuple((k, v) for k, v in response.headers.multi_items()),
                b"".join(chunks),
            )
    except FetchError:
        raise
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"{url}: timed out ({type(exc).__name__})", url=url) from exc
    except httpx.TooManyRedirects as exc:
        raise TransportError(f"{url}: more than {options.max_redirects} redirects", url=url) from exc
    except httpx.DecodingError as exc:
        raise TransportError(f"{url}: undecodable content encoding: {exc}", url=url) from exc
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise TransportError(f"{url}: {type(exc).__name__}: {exc}", url=url) from exc


class RoutedTransport(httpx.BaseTransport):
    """Send requests for some host names to a fixed loopback address, keeping the URL and Host header.

    Like ``curl --resolve``: the demo serves ``harbour-post.localhost`` and friends from one loopback server on
    a free port, while the URLs stored in the database stay stable from run to run.
    """

    def __init__(self, routes: Mapping[str, tuple[str, int]], inner: httpx.BaseTransport | None = None) -> None:
        self._routes = {host.lower(): target for host, target in routes.items()}
        self._inner = inner or httpx.HTTPTransport()

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
