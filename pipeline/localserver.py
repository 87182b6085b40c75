"""A loopback HTTP server for the demo and the tests: real sockets, real HTTP, no internet.

Requests are answered by a ``resolver(host, path_with_query) -> Response``; the host comes from the Host header,
so one server can play several sites.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)


Resolver = Callable[[str, str], Response]


class _Handler(BaseHTTPRequestHandler):
    server_version = "newsdesk-loopback/1"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        host = (self.headers.get("Host") or "").split(":", 1)[0].lower()
        self.server.requests.append((host, self.path, dict(self.headers.items())))  # type: ignore[attr-defined]
        try:
            response = self.server.resolver(host, self.path)  # type: ignore[attr-defined]
        except Exception:  # a bug in a test resolver should show up as a 500, not a hung client
            log.exception("resolver failed for %s%s", host, self.path)
            response = Response(status=500, body=b"resolver error", content_type="text/plain")
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if not any(k.lower() == "content-length" for k in response.headers):
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        try:
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (size cap, timeout): fine
            pass

    def log_message(self, format: str, *args: object) -> None:  # route the stdlib's stderr chatter to logging
        log.debug("%s " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[override]
        # clients that hang up mid-response (size caps, timeouts) are expected here, not worth a traceback
        log.debug("connection from %s ended with an error", client_address, exc_info=True)


class LoopbackServer:
    """``with LoopbackServer(resolver) as server: server.url("/feed.xml")`` — serves on 127.0.0.1, a free port."""

    def __init__(self, resolver: Resolver, host: str = "127.0.0.1") -> None:
        self._httpd = _Server((host, 0), _Handler)
        self._httpd.resolver = resolver  # type: ignore[attr-defined]
        self._httpd.requests = []  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="newsdesk-loopback", daemon=True)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def requests(self) -> list[tuple[str, str, dict[str, str]]]:
        """(host, path, headers) of every request served, in order."""
        return self._httpd.requests  # type: ignore[attr-defined]

    def url(self, path: str = "/") -> str:
        host, port = self.address
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
