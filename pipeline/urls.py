"""URL canonicalisation: one article, one key, whatever tracking junk a feed adds to its links.

Two levels: :func:`canonical_url` is what a *link* alone says (tracking parameters dropped, AMP variants folded),
used before anything is fetched; :func:`page_canonical` is what the fetched *page* says about itself
(``<link rel="canonical">``, ``og:url``), honoured only when it stays on the same site and does not point at a
home page or section index. The article id is the hash of the canonical URL (:func:`article_id_for`).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that identify the referrer, campaign or click, never the document (compared lower-cased). Kept as
# data: adding one changes the key of links that carry it, so the list only holds names no site routes on.
TRACKING_PARAMS = frozenset({
    # referrers and campaigns
    "ref", "ref_src", "ref_url", "referrer", "source", "cmpid", "cmp", "icid", "ocid", "ncid", "ito", "xtor",
    "sr_share", "spm", "smid", "s_cid", "soc_src", "soc_trk", "wt.mc_id", "wt.mc_ev",
    # click identifiers
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "twclid", "ttclid", "li_fat_id",
    "wickedid", "rb_clickid", "_ga", "_gl",
    # mail campaigns (Mailchimp, HubSpot, Marketo, Vero, Olytics)
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "vero_conv", "oly_anon_id", "oly_enc_id",
    # consent/redirect bookkeeping some sites append on the way through
    "guccounter", "guce_referrer", "guce_referrer_sig",
    # the AMP viewer's own parameters (the document is the same without them)
    "amp_js_v", "amp_gsa", "amp_r", "amp_tf", "usqp", "_js_v",
})
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hmb_", "ns_", "ga_")
_DEFAULT_PORTS = {"http": 80, "https": 443}

# a page's declared URL is ignored when it is absurdly long (junk, or an attempt to bloat the key)
_MAX_URL = 2048
_AMP_CACHE = re.compile(r"\.cdn\.ampproject\.org$")
_GOOGLE = re.compile(r"^(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$")
# the cache's /c/ (content), /v/ (viewer), /i/ (image)... or Google's /amp/, then s/ for https, then host/path
_AMP_CACHE_PATH = re.compile(r"^/[a-z]{1,2}/(?P<secure>s/)?(?P<rest>[^/]+\.[^/]+(?:/.*)?)$")
_GOOGLE_AMP_PATH = re.compile(r"^/amp/(?P<secure>s/)?(?P<rest>[^/]+\.[^/]+(?:/.*)?)$")
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$)|\.amp$")
_INDEX_PAGE = re.compile(r"^(?:index|default|home)(?:\.[a-z]{2,5})?$", re.IGNORECASE)
# second-level labels under a country code that are public suffixes (news.bbc.co.uk and bbc.co.uk: one site)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob", "nic", "mil",
                           "ltd", "plc", "sch", "nhs", "info", "biz", "gv", "nom"})


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _is_amp_param(name: str, value: str) -> bool:
    """``?amp``, ``?amp=1`` and ``?outputType=amp``: the AMP rendering of the same page."""
    lowered = name.lower()
    if lowered == "amp":
        return value.lower() in ("", "1", "true", "yes")
    return lowered == "outputtype" and value.lower() == "amp"


def canonical_url(url: str) -> str:
    """Return the key under which an article is known.

    Raises ValueError for a URL it cannot key (an http(s) URL without a host, a port that is not a number).
    Lower-cased scheme and host, default port dropped, fragment dropped, tracking parameters
    (:data:`TRACKING_PARAMS`, ``utm_*``, ``at_*``, ...) removed; the remaining query keeps its order because some
    sites route on it (``?p=42``). AMP variants fold to the plain page: Google's AMP cache and viewer URLs, an
    ``amp.`` host, an ``amp`` path segment, ``.amp.html``, ``?amp=1``/``?outputType=amp``. The path is kept
    as is otherwise: paths are case-sensitive on most servers.
    """
    # the fragment goes before the whitespace: "…/a #top" and "…/a" are one key
    parts = urlsplit(url.strip().partition("#")[0].strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme in _DEFAULT_PORTS and not host:
        # "http:////x" has no host; written back it would read as host "x", a different URL on the next pass
        raise ValueError(f"{url!r} has no host")
    if ":" in host:  # an IPv6 literal keeps its brackets, or the port could not be told from the address
        host = f"[{host}]"
    unwrapped = _unwrap_amp_cache(scheme, host, parts.path, parts.query)
    if unwrapped is not None:
        return canonical_url(unwrapped)
    if host.startswith("amp.") and host.count(".") >= 2:
        host = host[len("amp."):]
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not is_tracking_param(k) and not _is_amp_param(k, v)],
        doseq=True,
    )
    return urlunsplit((scheme, host, _without_amp(parts.path) or "/", query, ""))


def _unwrap_amp_cache(scheme: str, host: str, path: str, query: str) -> str | None:
    """The publisher's URL inside a Google AMP cache or viewer URL, or None for any other URL.

    ``https://example-com.cdn.ampproject.org/c/s/example.com/story`` and
    ``https://www.google.com/amp/s/example.com/story`` both serve ``https://example.com/story``.
    """
    if _AMP_CACHE.search(host):
        match = _AMP_CACHE_PATH.match(path)
    elif _GOOGLE.match(host):
        match = _GOOGLE_AMP_PATH.match(path)
    else:
        return None
    if match is None:
        return None
    inner = ("https://" if match.group("secure") else "http://") + match.group("rest")
    return f"{inner}?{query}" if query else inner


def _without_amp(path: str) -> str:
    """``/amp/story``, ``/story/amp``, ``/story/amp/`` and ``/story.amp.html`` without their AMP marker."""
    segments = path.split("/")
    path = "/".join(s for s in segments if s.lower() != "amp")  # /story/amp/ -> /story/: its slash stays
    head, _, last = path.rpartition("/")
    if _AMP_SUFFIX.search(last):
        path = f"{head}/{_AMP_SUFFIX.sub('', last)}"
    return path


def absolute_url(base: str, link: str) -> str:
    return urljoin(base, link.strip())


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def registrable_host(host: str) -> str:
    """The part of a host name a site owns: ``news.example.com`` and ``www.example.com`` -> ``example.com``;
    ``www.bbc.co.uk`` -> ``bbc.co.uk``. An IP address or a one-label name (``localhost``) is its own site.

    A heuristic without the public-suffix list: the last two labels, three under a country code's
    ``co``/``com``/``org``/... second level. Good enough to tell one site from another for canonical links."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one site (same registrable host; scheme, port and ``www.`` do not matter)."""
    host_a, host_b = host_of(a), host_of(b)
    return bool(host_a) and registrable_host(host_a) == registrable_host(host_b)


def page_canonical(page_url: str, declared: str | None) -> str | None:
    """The URL a page declares for itself (``<link rel="canonical">`` or ``og:url``), absolute, when it may key
    the article: else None.

    Refused: a URL on another site (a syndicated copy pointing at the original is a different page, and a
    page must not be able to claim another site's article), anything but http(s), junk, and a home page or a
    section index above the page itself (``/`` or ``/world/`` for ``/world/2024/story``: a common CMS bug that
    would fold every article of a site into one). A root URL with a query (``/?p=42``) is an article.
    """
    if not declared or not declared.strip():
        return None
    try:
        url = absolute_url(page_url, declared)
        parts = urlsplit(url)
        key = canonical_url(url)
        page = urlsplit(canonical_url(page_url))
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or len(url) > _MAX_URL:
        return None
    if not same_site(key, urlunsplit(page)):
        return None
    declared_key = urlsplit(key)
    if not declared_key.query and _is_section_of(declared_key.path, page.path):
        return None
    return url


def _is_section_of(path: str, page_path: str) -> bool:
    """Whether ``path`` is the site root or a proper ancestor of ``page_path`` (by whole segments)."""
    segments = [s for s in path.split("/") if s]
    if segments and _INDEX_PAGE.match(segments[-1]):  # /news/index.html is the /news/ section
        segments.pop()
    if not segments:
        return True
    page_segments = [s for s in page_path.split("/") if s]
    return len(segments) < len(page_segments) and page_segments[: len(segments)] == segments


def stable_id(*parts: str) -> str:
    """A 128-bit hex id derived from its inputs: the same input gives the same id on every machine and run."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:32]


def article_id_for(canonical: str) -> str:
    return stable_id("article", canonical)
