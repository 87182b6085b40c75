"""Fetching: hostile and broken responses become recorded outcomes, never exceptions."""

from __future__ import annotations

import gzip
import time

import httpx
import pytest

from pipeline.fetch.http import RoutedTransport, fetch, make_client
from pipeline.localserver import Response
from pipeline.options import FetchOptions


def _fetch(url, **overrides):
    options = FetchOptions(allow_private_network=True, **overrides)
    with make_client(options) as client:
        return fetch(client, url, options)


def test_user_agent_names_the_project(site):
    site.add("/p", "hello")
    result = _fetch(site.url("/p"))
    assert result.ok and result.body == b"hello"
    (_, _, headers) = site.server.requests[-1]
    agent = {k.lower(): v for k, v in headers.items()}["user-agent"]
    assert agent.startswith("newsdesk/") and "+http" in agent


def test_body_over_the_cap_is_refused(site):
    site.add("/big", b"x" * 300_000)
    result = _fetch(site.url("/big"), max_bytes=100_000)
    assert not result.ok and result.error_kind == "too_large" and result.body is None


def test_gzip_bomb_stops_at_the_decompressed_cap(site):
    bomb = gzip.compress(b"\0" * 30_000_000)  # 30 MB that compresses to ~30 KB
    assert len(bomb) < 100_000
    site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    result = _fetch(site.url("/bomb"), max_bytes=1_000_000)
    assert result.error_kind == "too_large"


def test_slow_server_times_out(site):
    def slow(path):
        time.sleep(2)
        return Response(body=b"late")

    site.add("/slow", slow)
    started = time.monotonic()
    result = _fetch(site.url("/slow"), read_timeout=0.5)
    assert result.error_kind == "timeout" and time.monotonic() - started < 2


def test_redirects_followed_and_loops_stopped(site):
    site.add("/old", "", status=301, headers={"Location": "/new"})
    site.add("/new", "moved here")
    result = _fetch(site.url("/old"))
    assert result.ok and result.final_url == site.url("/new") and result.body == b"moved here"

    site.add("/loop-a", "", status=302, headers={"Location": "/loop-b"})
    site.add("/loop-b", "", status=302, headers={"Location": "/loop-a"})
    looped = _fetch(site.url("/loop-a"))
    assert looped.error_kind == "transport_error" and "redirects" in looped.error


def test_a_redirect_to_another_scheme_is_not_followed_and_says_so(site):
    """A page redirecting to file:, ftp:, javascript: or data: failed with httpx's words ("missing an 'http://'
    protocol", "path must be empty or begin with '/'"), which blamed the wrong URL; it names the target now."""
    for i, target in enumerate(["file:///etc/passwd", "ftp://news.example/a", "javascript:alert(1)",
                                "data:text/html,hello"]):
        site.add(f"/to-{i}", "", status=302, headers={"Location": target})
        result = _fetch(site.url(f"/to-{i}"))
        assert result.error_kind == "transport_error" and result.body is None
        assert f"redirects to {target}, not an http(s) URL" in result.error, result.error


def test_private_addresses_refused_by_default(site):
    site.add("/p", "secret")
    options = FetchOptions()  # allow_private_network=False
    with make_client(options) as client:
        result = fetch(client, site.url("/p"), options)
    assert result.error_kind == "refused" and "127.0.0.1" in result.error
    assert site.hits("/p") == 0  # refused before any byte was sent


@pytest.mark.parametrize("target, address", [("http://10.0.0.1/admin", "10.0.0.1"),
                                             ("http://127.0.0.1:8080/", "127.0.0.1"), ("http://[::1]/", "::1"),
                                             ("http://169.254.169.254/latest/meta-data/", "169.254.169.254")])
def test_redirect_to_private_address_refused(site, target, address):
    public_to_private = httpx.MockTransport(
        lambda request: httpx.Response(302, headers={"Location": target}) if request.url.host == "8.8.8.8"
        else httpx.Response(200, text="internal")
    )
    options = FetchOptions(transport=public_to_private)
    with make_client(options) as client:
        # 192.0.2.0/24 is TEST-NET (not global) so use a hostname-free public literal for the first hop
        result = fetch(client, "http://8.8.8.8/start", options)
    assert result.error_kind == "refused" and address in result.error and result.body is None


def test_routed_transport_keeps_public_host_names(site):
    site.add("/feed", lambda path: Response(body=b"ok"))
    host, port = site.server.address
    options = FetchOptions(allow_private_network=True, transport=RoutedTransport({"news.localhost": (host, port)}))
    with make_client(options) as client:
        result = fetch(client, "http://news.localhost/feed", options)
    assert result.ok and result.final_url == "http://news.localhost/feed"
    assert site.server.requests[-1][0] == "news.localhost"  # Host header preserved


def test_dns_rebinding_cannot_reach_a_private_address(site, monkeypatch):
    """The name resolves to a public address when the guard looks, then to loopback when the socket connects:
    the connected peer is checked too."""
    import socket

    import pipeline.fetch.http as http_module

    site.add("/secret", "internal")
    host, port = site.server.address
    real = socket.getaddrinfo

    def public_then_loopback(name, *args, **kwargs):
        if name == "rebind.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        return real(name, *args, **kwargs)

    monkeypatch.setattr(http_module.socket, "getaddrinfo", public_then_loopback)  # what the guard sees
    import httpcore._backends.sync as sync_backend

    real_create = sync_backend.socket.create_connection

    def connect_loopback(address, *args, **kwargs):  # what the connection gets
        return real_create((host, port) if address[0] == "rebind.example" else address, *args, **kwargs)

    monkeypatch.setattr(sync_backend.socket, "create_connection", connect_loopback)
    options = FetchOptions()  # private networks refused
    with make_client(options) as client:
        result = fetch(client, f"http://rebind.example:{port}/secret", options)
    assert result.error_kind == "refused" and "127.0.0.1" in result.error
    assert site.hits("/secret") == 0
