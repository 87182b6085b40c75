"""A misbehaving loopback HTTP server: each route is a function that writes whatever bytes it likes.

Unlike ``pipeline.localserver`` (well-formed responses only), a route here gets the raw handler, so it can drip
a byte at a time, never end a body, lie about lengths, loop redirects or flip between 500 and 200. Every loop
is bounded in count and time, and the server only listens on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits[path] += 1
            self.server.seen.append((path, dict(self.headers.items()), time.monotonic()))
        route = self.server.routes.get(path)
        try:
            if route is None:
                self.send_plain(404, b"not found")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, OSError):
            pass  # the client gave up (caps, timeouts): exactly what these routes provoke

    def send_plain(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                   headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[override]
        pass


class HostileServer:
    def __init__(self) -> None:
        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._httpd.routes = {}
        self._httpd.hits = Counter()
        self._httpd.seen = []
        self._httpd.lock = threading.Lock()
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def route(self, path: str, fn: Route) -> str:
        self._httpd.routes[path] = fn
        return self.url(path)

    def page(self, path: str, body: bytes | str, *, status: int = 200, content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        return self.route(path, lambda h: h.send_plain(status, data, content_type, headers))

    def hits(self, path: str) -> int:
        return self._httpd.hits[path]

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers, _ in self._httpd.seen if p == path]

    def times_of(self, path_prefix: str) -> list[float]:
        return [t for p, _, t in self._httpd.seen if p.startswith(path_prefix)]


# ------------------------------------------------------------------------------------------ hostile routes


def slow_drip(total: int = 2000, every: float = 0.05, limit_s: float = 20.0) -> Route:
    """Headers at once, then one byte every ``every`` seconds: each read is quick, the whole never ends."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        started = time.monotonic()
        for _ in range(total):
            if time.monotonic() - started > limit_s:
                return
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(every)

    return route


def never_ending(chunk: int = 64 * 1024, limit_s: float = 20.0) -> Route:
    """No length, no end: bytes until the client hangs up (bounded by ``limit_s`` for safety)."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        block = b"<p>" + b"na" * (chunk // 2) + b"</p>"
        started = time.monotonic()
        while time.monotonic() - started < limit_s:
            h.wfile.write(block)

    return route


def chunked_forever(*, gzip_level: int | None = None, limit_s: float = 20.0) -> Route:
    """Transfer-Encoding: chunked with no last chunk: 64 KB chunks of HTML, or (``gzip_level``) one gzip stream
    whose every chunk inflates to a megabyte of zeros, until the client hangs up."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Transfer-Encoding", "chunked")
        if gzip_level is not None:
            h.send_header("Content-Encoding", "gzip")
        h.end_headers()
        packer = zlib.compressobj(gzip_level, zlib.DEFLATED, 31) if gzip_level is not None else None
        started = time.monotonic()
        try:
            while time.monotonic() - started < limit_s:
                if packer is None:
                    block = b"<p>" + b"na" * 32_000 + b"</p>"
                else:
                    block = packer.compress(b"\0" * 1_000_000) + packer.flush(zlib.Z_SYNC_FLUSH)
                h.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
                h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    return route


def huge_body(size: int, *, declare: bool) -> Route:
    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if declare:
            h.send_header("Content-Length", str(size))
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        block = b"y" * 65536
        sent = 0
        while sent < size:
            h.wfile.write(block)
            sent += len(block)

    return route


def gzip_bomb(decompressed: int = 50_000_000, *, encoding: str = "gzip") -> Route:
    raw = b"\0" * decompressed
    body = gzip.compress(raw, 9) if encoding == "gzip" else zlib.compress(raw, 9)

    def route(h: Handler) -> None:
        h.send_plain(200, body, headers={"Content-Encoding": encoding})

    return route


def redirect(to: str, status: int = 302) -> Route:
    return lambda h: h.send_plain(status, b"", headers={"Location": to})


def sequence(*routes: Route) -> Route:
    """The n-th request gets the n-th route (the last one repeats): 500, 500, then the page."""
    state = {"n": 0}
    lock = threading.Lock()

    def route(h: Handler) -> None:
        with lock:
            n = state["n"]
            state["n"] += 1
        routes[min(n, len(routes) - 1)](h)

    return route


def status(code: int, headers: dict[str, str] | None = None, body: bytes = b"error") -> Route:
    return lambda h: h.send_plain(code, body, headers=headers)


def header_drip(every: float = 0.05, limit_s: float = 20.0) -> Route:
    """The status line, then a header that never ends, a byte at a time (each byte inside any read timeout)."""

    def route(h: Handler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        h.wfile.flush()
        started = time.monotonic()
        while time.monotonic() - started < limit_s:
            h.wfile.write(b"a")
            h.wfile.flush()
            time.sleep(every)

    return route
