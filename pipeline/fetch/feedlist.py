"""Reading the user's list of feeds: OPML (what every feed reader exports), a TOML file of ``[[feeds]]``
tables, or a plain list of URLs."""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..errors import ConfigError
from ..records import FeedSpec


def load_feeds(path: str | Path) -> list[FeedSpec]:
    """Load feeds from ``path``.

    ``*.opml`` (or any file whose root element is ``<opml>``): every ``outline`` with an ``xmlUrl``, its
    ``title``/``text`` as name and the enclosing folders plus its ``category`` as tags. ``*.toml``:
    ``[[feeds]]`` tables with ``url`` and optional ``name`` and ``tags``. Any other file: one URL per line;
    blank lines and ``#`` comments are ignored. URLs are normalised with :func:`feed_key`, and duplicates
    (also those that differed only by host case, default port or ``#fragment``) are dropped: first one wins.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read feeds file {path}: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".opml" or raw.lstrip()[:200].lower().find(b"<opml") >= 0:
        specs = parse_opml(raw, path)
    elif path.suffix.lower() == ".toml":
        specs = _parse_toml(raw, path)
    else:
        specs = _parse_lines(raw.decode("utf-8-sig", errors="replace"), path)
    if not specs:
        raise ConfigError(f"feeds file {path} lists no feeds; add one URL per line or [[feeds]] tables with url = ...")
    seen: set[str] = set()
    unique = []
    for spec in specs:
        if spec.url not in seen:
            seen.add(spec.url)
            unique.append(spec)
    return unique


_DEFAULT_PORTS = {"http": 80, "https": 443}


def feed_key(url: str) -> str:
    """The key a feed is stored under: scheme and host lower-cased, default port and ``#fragment`` dropped.

    These never change what is fetched (a fragment is not sent, host names are case-insensitive), so two
    spellings must not become two subscriptions polled twice. Path and query are kept as written: servers may
    treat their case and order as meaningful. A URL that does not parse is returned stripped, unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is not a number: _check_url says so
        return url
    host = parts.hostname
    if not parts.scheme or host is None:
        return url
    scheme = parts.scheme.lower()
    if ":" in host:  # IPv6 literal: urlsplit took its brackets off
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    return urlunsplit((scheme, f"{userinfo}@{host}" if at else host, parts.path, parts.query, ""))


def _check_url(url: object, where: str) -> str:
    """A feed URL as it is stored (:func:`feed_key`), or a ConfigError naming ``where`` it came from."""
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where}: url must be a non-empty string")
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number in range)
    except ValueError as exc:  # "http://[::1", "http://h:99999/": a ConfigError naming the line, not a traceback
        raise ConfigError(f"{where}: {url!r} is not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: {url!r} is not an http(s) URL")
    return feed_key(url)


def _parse_toml(raw: bytes, path: Path) -> list[FeedSpec]:
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"feeds file {path} is not valid TOML: {exc}") from exc
    tables = data.get("feeds")
    if not isinstance(tables, list):
        raise ConfigError(f"feeds file {path} needs [[feeds]] tables, each with url = \"https://...\"")
    specs = []
    for i, table in enumerate(tables, start=1):
        where = f"{path} [[feeds]] #{i}"
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: expected a table")
        url = _check_url(table.get("url"), where)
        name = table.get("name")
        if name is not None and not isinstance(name, str):
            raise ConfigError(f"{where}: name must be a string")
        tags = table.get("tags", [])
        if isinstance(tags, str):
            tags = [tags]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ConfigError(f"{where}: tags must be a list of strings")
        specs.append(FeedSpec(url=url, name=name, tags=tuple(tags)))
    return specs


def _parse_lines(text: str, path: Path) -> list[FeedSpec]:
    specs = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        # allow trailing comments separated by whitespace: "https://x/feed  # world news"
        url = line.split()[0]
        specs.append(FeedSpec(url=_check_url(url, f"{path}:{lineno}")))
    return specs


def parse_opml(raw: bytes, path: Path | str = "OPML") -> list[FeedSpec]:
    """Feeds from an OPML document. A malformed document is an error naming the problem (nothing imported);
    entities are not expanded and nothing is fetched while parsing (no XXE, no billion laughs)."""
    from lxml import etree

    if b"<!ENTITY" in raw[:65536].upper():  # as defusedxml does: OPML never needs entity declarations
        raise ConfigError(f"{path} declares XML entities; refused (entity expansion and external entities are unsafe)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        # libxml2 ends some messages with a newline ("...out of allowed range\n, line 1"): keep the error one line
        raise ConfigError(f"{path} is not valid OPML: {' '.join(str(exc).split())}") from exc
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise ConfigError(f"{path} is not OPML: its root element is not <opml>")
    body = next((el for el in root if isinstance(el.tag, str) and etree.QName(el).localname.lower() == "body"), None)
    if body is None:
        raise ConfigError(f"{path} is not valid OPML: it has no <body>")
    specs: list[FeedSpec] = []

    def walk(element, folders: tuple[str, ...]) -> None:
        for child in element:
            if not isinstance(child.tag, str) or etree.QName(child).localname.lower() != "outline":
                continue
            url = child.get("xmlUrl") or child.get("xmlurl")
            title = (child.get("title") or child.get("text") or "").strip() or None
            if url:
                where = f"{path} outline {title or url!r}"
                categories = tuple(c.strip().strip("/") for c in (child.get("category") or "").split(",") if c.strip())
                specs.append(FeedSpec(url=_check_url(url, where), name=title, tags=folders + categories))
            walk(child, folders + ((title,) if title and not url else ()))

    walk(body, ())
    return specs
