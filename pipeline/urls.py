"""URL canonicalisation: one article, one key, whatever tracking junk a feed adds to its links."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that identify the referrer/campaign, never the document.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Return the key under which an article is known.

    Lower-cased scheme and host, default port dropped, fragment dropped, tracking parameters
    (``utm_*``, ``fbclid``, ``gclid``, ...) removed; the remaining query keeps its order because some sites
    route on it. The path is kept as is: paths are case-sensitive on most servers.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)],
        doseq=True,
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def absolute_url(base: str, link: str) -> str:
    return urljoin(base, link.strip())


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def stable_id(*parts: str) -> str:
    """A 128-bit hex id derived from its inputs: the same input gives the same id on every machine and run."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:32]


def article_id_for(canonical: str) -> str:
    return stable_id("article", canonical)
