"""How little a pass does when nothing changed.

    uv run python bench/incremental.py --feeds 20 --articles 25

Serves N feeds x M articles from a loopback server that honours If-None-Match (as a well-behaved news site
does), runs a first pass into a fresh database, then a second pass with nothing changed (forced, so every feed
is asked), and prints both times, their ratio (target: the second pass takes at most 2% of the first) and the
requests each pass made (target for the second: one conditional request per feed, no article fetches).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.options import FetchOptions, IngestOptions  # noqa: E402
from pipeline.records import FeedSpec  # noqa: E402
from pipeline.run.ingest import run_pass  # noqa: E402

VOCAB = ("talks", "ceasefire", "delegation", "capital", "monitors", "convoy", "border", "council", "minister",
         "agreement", "villages", "observers", "statement", "officials", "envoy", "proposal", "shelling", "aid")


def paragraph(seed: str, n: int = 40) -> str:
    base = zlib.crc32(seed.encode())
    return f"{seed.capitalize()} said the " + " ".join(VOCAB[(base + i * 7) % len(VOCAB)] for i in range(n)) + "."


def build_site(feeds: int, articles: int) -> dict[str, tuple[bytes, str]]:
    pages: dict[str, tuple[bytes, str]] = {}
    for f in range(feeds):
        items = []
        for a in range(articles):
            path = f"/site{f}/story-{a}"
            body = "".join(f"<p>{paragraph(f'feed {f} story {a} paragraph {j}')}</p>" for j in range(6))
            html = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Story {f}-{a}</title></head>"
                    f"<body><nav><a href=/>Home</a></nav><article><h1>Story {f}-{a}</h1>{body}</article>"
                    "<footer>(c) Bench News</footer></body></html>")
            pages[path] = (html.encode(), "text/html; charset=utf-8")
            items.append(f"<item><title>Story {f}-{a}</title><link>LINK{path}</link><guid>{path}</guid></item>")
        rss = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench feed '
               f"{f}</title><link>http://bench.invalid/</link><description>bench</description>{''.join(items)}"
               "</channel></rss>")
        pages[f"/feed{f}.xml"] = (rss.encode(), "application/rss+xml")
    return pages


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        server = self.server
        body, content_type = server.pages.get(self.path, (b"not found", "text/plain"))
        status = 200 if self.path in server.pages else 404
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        conditional = "If-None-Match" in self.headers
        with server.lock:
            server.log.append((self.path, conditional))
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def requests_by_kind(log: list[tuple[str, bool]]) -> Counter:
    counts: Counter = Counter()
    for path, conditional in log:
        kind = "feed" if path.startswith("/feed") else "robots" if path == "/robots.txt" else "article"
        counts[kind] += 1
        if conditional:
            counts[f"{kind}_conditional"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=25, help="articles per feed")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default: CPUs)")
    args = parser.parse_args()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    base = f"http://{host}:{port}"
    httpd.pages = {p: (b.replace(b"LINK", base.encode()), t) for p, (b, t) in build_site(args.feeds, args.articles).items()}
    httpd.log, httpd.lock = [], threading.Lock()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    with tempfile.TemporaryDirectory() as tmp:
        options = IngestOptions(
            db_path=Path(tmp) / "bench.duckdb",
            feeds=[FeedSpec(f"{base}/feed{f}.xml") for f in range(args.feeds)],
            fetch=FetchOptions(allow_private_network=True),
            force=True,  # the second pass asks every feed, due or not: the worst case for "nothing changed"
        )
        if args.workers:
            options.workers = args.workers
        started = time.perf_counter()
        first = run_pass(options)
        first_s = time.perf_counter() - started
        first_requests = requests_by_kind(httpd.log)
        httpd.log.clear()

        started = time.perf_counter()
        second = run_pass(options)
        second_s = time.perf_counter() - started
        second_requests = requests_by_kind(httpd.log)
    httpd.shutdown()

    ratio = second_s / first_s
    print(f"feeds x articles: {args.feeds} x {args.articles} = {args.feeds * args.articles} articles, "
          f"workers={options.workers}")
    print(f"first pass : {first_s:8.2f} s  {first.articles_new} new articles, requests {dict(first_requests)}")
    print(f"second pass: {second_s:8.2f} s  {second.articles_new} new articles, {second.feeds_not_modified} feeds "
          f"not modified, requests {dict(second_requests)}")
    print(f"ratio      : {ratio:.2%} (target <= 2%)")
    ok_requests = (second_requests.get("feed") == args.feeds and second_requests.get("feed_conditional") == args.feeds
                   and second_requests.get("article", 0) == 0)
    print(f"second pass requests: {second_requests.get('feed', 0)} feed ({second_requests.get('feed_conditional', 0)} "
          f"conditional), {second_requests.get('article', 0)} article, {second_requests.get('robots', 0)} robots.txt "
          f"-> {'OK' if ok_requests else 'NOT MET'}")


if __name__ == "__main__":
    main()
