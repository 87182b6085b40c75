"""Render the bundled demo corpus into in-memory HTTP resources.

`newsdesk demo` needs two believable news sites without touching the network.
This module turns the hand-written data in ``corpus.toml`` plus the
``string.Template`` files in ``templates/`` into a mapping of
``(host, path) -> Resource`` that a loopback server can answer from, keyed by
Host header. Everything is rendered up front and deterministically (no clock,
no randomness), so tests can compare pages and feeds byte for byte.

The corpus deliberately contains defects the pipeline must cope with: a page
whose body repeats its headline and six paragraphs, a story reprinted with
light edits by the other site, a French article, an RSS item listed twice
(once with tracking parameters) and an Atom entry whose page is gone (404).
"""

from __future__ import annotations

import hashlib
import html
import logging
import string
import tomllib
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any
from xml.sax.saxutils import escape as xml_escape

__all__ = [
    "DemoArticle",
    "DemoCorpus",
    "DemoSite",
    "Resource",
    "load_demo_corpus",
    "not_found",
]

logger = logging.getLogger(__name__)

HTML_TYPE = "text/html; charset=utf-8"
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
SVG_TYPE = "image/svg+xml"

_GENERATOR = "newsdesk demo corpus"
_FEED_FORMATS = ("rss", "atom")


# --------------------------------------------------------------------------
# Public data model
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """One HTTP response the demo server can send verbatim."""

    status: int
    content_type: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoSite:
    """A demo publication, reachable under its own ``.localhost`` host name."""

    host: str
    name: str
    feed_path: str
    feed_format: str

    @property
    def base_url(self) -> str:
        """Origin of the site; plain http because the server is loopback only."""
        return f"http://{self.host}"

    @property
    def feed_url(self) -> str:
        """Absolute feed URL, as a user would configure it in newsdesk."""
        return f"{self.base_url}{self.feed_path}"


@dataclass(frozen=True)
class DemoArticle:
    """Ground truth for one article page, for tests and demo reporting.

    ``paragraphs`` are the body paragraphs exactly as the page shows them,
    duplicates included; ``expected_repeats`` counts the ones that repeat an
    earlier paragraph, i.e. what a correct dedup stage should remove.
    """

    site_host: str
    url: str
    title: str
    language: str
    paragraphs: tuple[str, ...]
    expected_repeats: int
    author: str = ""
    published: datetime | None = None
    syndicated_from: str | None = None  # URL of the original, for reprints
    subheads: tuple[str, ...] = ()  # <h2> texts between paragraphs; extractors emit them as lines


@dataclass(frozen=True)
class DemoCorpus:
    """Everything the demo server serves, plus the ground truth behind it."""

    sites: tuple[DemoSite, ...]
    articles: tuple[DemoArticle, ...]
    resources: Mapping[tuple[str, str], Resource]
    dead_urls: tuple[str, ...] = ()  # linked from a feed but answer 404

    @property
    def feed_urls(self) -> list[str]:
        """The URLs `newsdesk demo` subscribes to."""
        return [site.feed_url for site in self.sites]

    @property
    def expected_repeats(self) -> int:
        """Total repeated paragraphs the dedup stage should find."""
        return sum(article.expected_repeats for article in self.articles)


# --------------------------------------------------------------------------
# Parsed corpus specification (private)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _SiteSpec:
    site: DemoSite
    template_dir: str
    tagline: str
    language: str
    html_lang: str
    article_path: str
    feed_title: str
    feed_description: str
    feed_language: str
    accent: str
    most_read: tuple[tuple[str, str], ...]  # (title, path)


@dataclass(frozen=True)
class _Figure:
    after: int
    image: str
    alt: str
    caption: str
    credit: str

    @property
    def path(self) -> str:
        return f"/media/{self.image}.svg"


@dataclass(frozen=True)
class _ArticleSpec:
    key: str
    site: _SiteSpec
    id: str
    slug: str
    section: str
    subsection: str
    language: str
    title: str
    description: str
    author: str
    author_role: str
    published: datetime
    updated: datetime
    categories: tuple[str, ...]
    paragraphs: tuple[str, ...]
    expected_repeats: int
    subhead: tuple[int, str] | None
    figure: _Figure | None
    syndicated_from: str | None

    @property
    def path(self) -> str:
        """URL path built from the site's pattern, so URL shapes live in data."""
        return self.site.article_path.format(
            section=self.section.lower(),
            yyyy=f"{self.published.year:04d}",
            mm=f"{self.published.month:02d}",
            dd=f"{self.published.day:02d}",
            slug=self.slug,
            id=self.id,
        )

    @property
    def url(self) -> str:
        return f"{self.site.site.base_url}{self.path}"


@dataclass(frozen=True)
class _FeedItem:
    """One feed entry, independent of RSS/Atom so quirks work in either."""

    title: str
    link: str
    guid: str
    published: datetime
    updated: datetime
    author: str
    categories: tuple[str, ...]
    summary: str
    language: str


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


@cache
def _read_text(*parts: str) -> str:
    """Read a bundled file; cached because the package data never changes."""
    node = resources.files(__package__)
    for part in parts:
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def _template(site_dir: str, name: str) -> string.Template:
    return string.Template(_read_text("templates", site_dir, name))


@cache
def _corpus_data() -> dict[str, Any]:
    return tomllib.loads(_read_text("corpus.toml"))


def _parse_site(raw: Mapping[str, Any]) -> _SiteSpec:
    if raw["feed_format"] not in _FEED_FORMATS:
        raise ValueError(f"{raw['host']}: unknown feed_format {raw['feed_format']!r}")
    return _SiteSpec(
        site=DemoSite(
            host=raw["host"],
            name=raw["name"],
            feed_path=raw["feed_path"],
            feed_format=raw["feed_format"],
        ),
        template_dir=raw["template"],
        tagline=raw["tagline"],
        language=raw["language"],
        html_lang=raw["html_lang"],
        article_path=raw["article_path"],
        feed_title=raw["feed_title"],
        feed_description=raw["feed_description"],
        feed_language=raw["feed_language"],
        accent=raw["accent"],
        most_read=tuple((item["title"], item["path"]) for item in raw["most_read"]),
    )


def _parse_article(raw: Mapping[str, Any], sites: Mapping[str, _SiteSpec]) -> _ArticleSpec:
    figure = raw.get("figure")
    subhead = raw.get("subhead")
    return _ArticleSpec(
        key=raw["key"],
        site=sites[raw["site"]],
        id=raw["id"],
        slug=raw["slug"],
        section=raw["section"],
        subsection=raw.get("subsection", raw["section"]),
        language=raw["language"],
        title=raw["title"],
        description=raw["description"],
        author=raw["author"],
        author_role=raw.get("author_role", ""),
        published=_aware(raw["published"], raw["key"]),
        updated=_aware(raw["updated"], raw["key"]),
        categories=tuple(raw["categories"]),
        paragraphs=tuple(raw["paragraphs"]),
        expected_repeats=raw["expected_repeats"],
        subhead=(subhead["after"], subhead["text"]) if subhead else None,
        figure=_Figure(**figure) if figure else None,
        syndicated_from=raw.get("syndicated_from"),
    )


def _aware(value: Any, where: str) -> datetime:
    """Feeds need explicit offsets; a local date-time in the TOML is a data bug."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValueError(f"{where}: date-times must be TOML offset date-times, got {value!r}")
    return value


def _check_articles(articles: list[_ArticleSpec]) -> None:
    """Fail loudly on hand-editing mistakes that would silently skew demo numbers."""
    keys: set[str] = set()
    urls: set[str] = set()
    for article in articles:
        if article.key in keys or article.url in urls:
            raise ValueError(f"{article.key}: duplicate key or URL {article.url}")
        keys.add(article.key)
        urls.add(article.url)
        repeats = len(article.paragraphs) - len(set(article.paragraphs))
        if repeats != article.expected_repeats:
            raise ValueError(
                f"{article.key}: expected_repeats={article.expected_repeats} "
                f"but the paragraphs contain {repeats} repeats"
            )
        positions = {
            "subhead": article.subhead[0] if article.subhead else 0,
            "figure": article.figure.after if article.figure else 0,
        }
        for name, position in positions.items():
            if not 0 <= position <= len(article.paragraphs):
                raise ValueError(f"{article.key}: {name} position {position} out of range")
    for article in articles:
        if article.syndicated_from is not None and article.syndicated_from not in keys:
            raise ValueError(f"{article.key}: unknown syndicated_from {article.syndicated_from!r}")


def load_demo_corpus() -> DemoCorpus:
    """Load corpus.toml and templates and render every page and feed."""
    data = _corpus_data()
    specs = _site_specs()
    articles = [_parse_article(raw, specs) for raw in data["articles"]]
    _check_articles(articles)
    by_key = {article.key: article for article in articles}
    quirks = data.get("feed_quirks", [])

    rendered: dict[tuple[str, str], Resource] = {}
    dead_urls: list[str] = []
    for spec in specs.values():
        own = sorted(
            (a for a in articles if a.site is spec), key=lambda a: a.published, reverse=True
        )
        rendered.update(_render_site(spec, own))
        items, dead = _feed_items(spec, own, by_key, quirks)
        rendered[(spec.site.host, spec.site.feed_path)] = _render_feed(spec, items)
        dead_urls.extend(dead)

    for url in dead_urls:
        parts = urllib.parse.urlsplit(url)
        if (parts.hostname, parts.path) in rendered:
            raise ValueError(f"{url} is meant to be gone but a resource exists for it")

    logger.debug("rendered %d demo resources for %d sites", len(rendered), len(specs))
    return DemoCorpus(
        sites=tuple(spec.site for spec in specs.values()),
        articles=tuple(_public_article(article, by_key) for article in articles),
        resources=MappingProxyType(rendered),
        dead_urls=tuple(dead_urls),
    )


@cache
def _site_specs() -> Mapping[str, _SiteSpec]:
    specs = {raw["host"]: _parse_site(raw) for raw in _corpus_data()["sites"]}
    return MappingProxyType(specs)


def _public_article(article: _ArticleSpec, by_key: Mapping[str, _ArticleSpec]) -> DemoArticle:
    original = by_key[article.syndicated_from].url if article.syndicated_from else None
    return DemoArticle(
        site_host=article.site.site.host,
        url=article.url,
        title=article.title,
        language=article.language,
        paragraphs=article.paragraphs,
        expected_repeats=article.expected_repeats,
        author=article.author,
        published=article.published,
        syndicated_from=original,
        subheads=(article.subhead[1],) if article.subhead else (),
    )


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
           "août", "septembre", "octobre", "novembre", "décembre"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля",
           "августа", "сентября", "октября", "ноября", "декабря"),
}
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Page furniture that changes with the article's language (only Meridian Wire
# publishes in French and Russian, but both sites read from the same table).
_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "news": "News",
        "by": "By",
        "updated": "Updated",
        "share": "Share this story",
        "email_share": "Email",
        "related": "Related stories",
        "most_read": "Most read",
        "newsletter_heading": "Sign up for our newsletter",
        "newsletter_text": "The Daily Wire: the stories that matter from our correspondents "
        "in more than 90 countries, in your inbox every morning.",
        "newsletter_button": "Sign up",
        "email": "Email address",
        "cookie_heading": "We value your privacy.",
        "cookie_text": "We and our partners use cookies to run this site, measure audiences "
        "and personalise content.",
        "cookie_link": "Cookie policy",
        "cookie_accept": "Accept all",
        "cookie_reject": "Reject non-essential",
        "credit_prefix": "Photo:",
    },
    "fr": {
        "home": "Accueil",
        "news": "Actualités",
        "by": "Par",
        "updated": "Mis à jour",
        "share": "Partager cet article",
        "email_share": "E-mail",
        "related": "À lire aussi",
        "most_read": "Les plus lus",
        "newsletter_heading": "Inscrivez-vous à notre newsletter",
        "newsletter_text": "L'essentiel de l'actualité internationale par nos correspondants, "
        "chaque matin dans votre boîte de réception.",
        "newsletter_button": "S'inscrire",
        "email": "Adresse e-mail",
        "cookie_heading": "Votre vie privée compte.",
        "cookie_text": "Nos partenaires et nous utilisons des cookies pour faire fonctionner "
        "ce site, mesurer l'audience et personnaliser les contenus.",
        "cookie_link": "Politique relative aux cookies",
        "cookie_accept": "Tout accepter",
        "cookie_reject": "Refuser",
        "credit_prefix": "Photo :",
    },
    "ru": {
        "home": "Главная",
        "news": "Новости",
        "by": "Автор:",
        "updated": "Обновлено",
        "share": "Поделиться",
        "email_share": "Эл. почта",
        "related": "Читайте также",
        "most_read": "Самое читаемое",
        "newsletter_heading": "Подпишитесь на нашу рассылку",
        "newsletter_text": "Главные международные новости от наших корреспондентов каждое утро.",
        "newsletter_button": "Подписаться",
        "email": "Адрес эл. почты",
        "cookie_heading": "Мы ценим вашу конфиденциальность.",
        "cookie_text": "Мы и наши партнёры используем файлы cookie для работы сайта и измерения аудитории.",
        "cookie_link": "Политика cookie",
        "cookie_accept": "Принять все",
        "cookie_reject": "Отклонить",
        "credit_prefix": "Фото:",
    },
}
_OG_LOCALES = {"en": "en_US", "fr": "fr_FR", "ru": "ru_RU"}


def _esc(text: str) -> str:
    """Escape for both element content and quoted attributes."""
    return html.escape(text, quote=True)


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words)


def _gmt_label(moment: datetime) -> str:
    """'GMT', 'GMT+2', 'GMT-5': how news sites print the offset they publish in."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if minutes == 0:
        return "GMT"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "-"
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _display_time(moment: datetime, style: str, language: str) -> str:
    """Human-readable dateline in each site's house style (locale-independent)."""
    month = _MONTHS[language][moment.month - 1]
    zone = _gmt_label(moment)
    if language == "fr":
        return f"{moment.day} {month} {moment.year} à {moment.hour}h{moment.minute:02d} ({zone})"
    if language == "ru":
        return f"{moment.day} {month} {moment.year}, {moment.hour}:{moment.minute:02d} ({zone})"
    if style == "harbour_post":
        day = _WEEKDAYS_EN[moment.weekday()][:3]
        return f"{day} {moment.day} {month[:3]} {moment.year} {moment:%H.%M} {zone}"
    hour12 = moment.hour % 12 or 12
    meridiem = "AM" if moment.hour < 12 else "PM"
    return f"{month} {moment.day}, {moment.year} {hour12}:{moment.minute:02d} {meridiem} {zone}"


def _edition_date(moment: datetime) -> str:
    month = _MONTHS["en"][moment.month - 1]
    return f"{_WEEKDAYS_EN[moment.weekday()]} {moment.day} {month} {moment.year}"


def _rfc3339(moment: datetime) -> str:
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _resource(content_type: str, text: str, *, status: int = 200,
              modified: datetime | None = None, language: str | None = None) -> Resource:
    """Wrap rendered text with the validators a polite fetcher would use."""
    body = text.encode("utf-8")
    headers: dict[str, str] = {}
    if status == 200:
        headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
    if modified is not None:
        headers["Last-Modified"] = _http_date(modified)
    if language is not None:
        headers["Content-Language"] = language
    return Resource(status=status, content_type=content_type, body=body,
                    headers=MappingProxyType(headers))


# --------------------------------------------------------------------------
# HTML pages
# --------------------------------------------------------------------------


def _labels(language: str) -> dict[str, str]:
    return {f"label_{name}": _esc(value) for name, value in _LABELS[language].items()}


def _with_chrome(spec: _SiteSpec, values: dict[str, str]) -> dict[str, str]:
    """Render the shared head/header/footer partials so page templates stay short."""
    full = dict(values)
    for part in ("head", "header", "footer"):
        full[f"chrome_{part}"] = _template(spec.template_dir, f"_{part}.html").substitute(full)
    return full


def _link_list(links: Iterable[tuple[str, str]], indent: str) -> str:
    return "\n".join(
        f'{indent}<li><a href="{_esc(href)}">{_esc(title)}</a></li>' for title, href in links
    )


def _body_html(article: _ArticleSpec) -> str:
    """Each body paragraph is its own <p>, in order, with subhead/figure slotted in."""
    spec = article.site
    indent = " " * 6
    blocks: list[str] = []
    for position in range(len(article.paragraphs) + 1):
        if article.subhead and article.subhead[0] == position:
            blocks.append(f"{indent}<h2>{_esc(article.subhead[1])}</h2>")
        if article.figure and article.figure.after == position:
            blocks.append(_figure_html(spec, article.figure, article.language))
        if position < len(article.paragraphs):
            blocks.append(f"{indent}<p>{_paragraph_html(article, position)}</p>")
    return "\n".join(blocks)


def _paragraph_html(article: _ArticleSpec, position: int) -> str:
    """Headline text pasted into the body is bolded, as CMS syndication glitches show it.

    Bold or not, both adjacent copies survive trafilatura only because the
    headline is at most 50 characters (see the note in corpus.toml).
    """
    text = article.paragraphs[position]
    if text == article.title:
        return f"<strong>{_esc(text)}</strong>"
    return _esc(text)


def _figure_html(spec: _SiteSpec, figure: _Figure, language: str) -> str:
    values = {
        "image_src": _esc(figure.path),
        "alt": _esc(figure.alt),
        "caption": _esc(figure.caption),
        "credit": _esc(figure.credit),
        "credit_prefix": _esc(_LABELS[language]["credit_prefix"]),
    }
    return _template(spec.template_dir, "figure.html").substitute(values).rstrip("\n")


def _html_lang(spec: _SiteSpec, language: str) -> str:
    return spec.html_lang if language == spec.language else language


def _article_page(article: _ArticleSpec, siblings: list[_ArticleSpec]) -> Resource:
    spec = article.site
    style = spec.template_dir
    related = [(other.title, other.url) for other in siblings if other is not article][:4]
    updated_note = ""
    if article.updated != article.published:
        updated_note = (
            f' &middot; {_esc(_LABELS[article.language]["updated"])} '
            f'<time datetime="{article.updated.isoformat()}">'
            f"{_esc(_display_time(article.updated, style, article.language))}</time>"
        )
    values = {
        **_labels(article.language),
        "html_lang": _esc(_html_lang(spec, article.language)),
        "og_locale": _OG_LOCALES[article.language],
        "edition_date": _esc(_edition_date(article.published)),
        "title": _esc(article.title),
        "description": _esc(article.description),
        "author": _esc(article.author),
        "author_role": _esc(article.author_role),
        "author_slug": _esc(_slugify(article.author)),
        "keywords": _esc(", ".join(article.categories)),
        "url": _esc(article.url),
        "url_quoted": _esc(urllib.parse.quote(article.url, safe="")),
        "title_quoted": _esc(urllib.parse.quote(article.title, safe="")),
        "article_id": _esc(article.id),
        "section": _esc(article.section),
        "section_path": _esc(_slugify(article.section)),
        "subsection": _esc(article.subsection),
        "published_iso": article.published.isoformat(),
        "updated_iso": article.updated.isoformat(),
        "published_display": _esc(_display_time(article.published, style, article.language)),
        "updated_note": updated_note,
        "body_html": _body_html(article),
        "related_html": _link_list(related, " " * 6),
        "most_read_html": _link_list(spec.most_read, " " * 6),
    }
    page = _template(style, "article.html").substitute(_with_chrome(spec, values))
    return _resource(HTML_TYPE, page, modified=article.updated, language=article.language)


def _home_page(spec: _SiteSpec, articles: list[_ArticleSpec]) -> Resource:
    style = spec.template_dir
    item_template = _template(style, "home_item.html")
    items = [
        item_template.substitute(
            url=_esc(article.url),
            title=_esc(article.title),
            description=_esc(article.description),
            author=_esc(article.author),
            section=_esc(article.section),
            language=_esc(article.language),
            published_iso=article.published.isoformat(),
            published_display=_esc(_display_time(article.published, style, article.language)),
        ).rstrip("\n")
        for article in articles
    ]
    latest = max(article.published for article in articles)
    values = {
        **_labels(spec.language),
        "edition_date": _esc(_edition_date(latest)),
        "base_url": _esc(spec.site.base_url),
        "items_html": "\n".join(items),
        "most_read_html": _link_list(spec.most_read, " " * 6),
    }
    page = _template(style, "home.html").substitute(_with_chrome(spec, values))
    return _resource(HTML_TYPE, page, modified=max(a.updated for a in articles))


def _placeholder_image(spec: _SiteSpec, figure: _Figure) -> Resource:
    """A tiny SVG so figures render in a browser; the pipeline never needs it."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540">'
        f"<title>{_esc(figure.alt)}</title>"
        f'<rect width="960" height="540" fill="{_esc(spec.accent)}" opacity="0.25"/>'
        '<text x="480" y="280" font-family="sans-serif" font-size="28" text-anchor="middle" '
        f'fill="#333">{_esc(figure.alt)}</text></svg>\n'
    )
    return _resource(SVG_TYPE, svg)


def _render_site(spec: _SiteSpec, articles: list[_ArticleSpec]) -> dict[tuple[str, str], Resource]:
    host = spec.site.host
    rendered = {(host, "/"): _home_page(spec, articles)}
    for article in articles:
        rendered[(host, article.path)] = _article_page(article, articles)
        if article.figure is not None:
            rendered[(host, article.figure.path)] = _placeholder_image(spec, article.figure)
    return rendered


def not_found(host: str, path: str) -> Resource:
    """404 page in the requested site's chrome (plain page for unknown hosts)."""
    spec = _site_specs().get(host)
    if spec is None:
        page = (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Page not found</title></head>\n<body><h1>Page not found</h1>"
            f"<p>No demo site is served at {_esc(host)}.</p></body></html>\n"
        )
        return _resource(HTML_TYPE, page, status=404)
    latest = max(raw["published"] for raw in _corpus_data()["articles"] if raw["site"] == host)
    values = {
        **_labels(spec.language),
        "edition_date": _esc(_edition_date(latest)),
        "path": _esc(path),
    }
    page = _template(spec.template_dir, "not_found.html").substitute(_with_chrome(spec, values))
    return _resource(HTML_TYPE, page, status=404)


# --------------------------------------------------------------------------
# Feeds
# --------------------------------------------------------------------------


def _article_item(article: _ArticleSpec) -> _FeedItem:
    host = article.site.site.host
    if article.site.site.feed_format == "rss":
        guid = f"{article.site.site.base_url}/?p={article.id}"
    else:
        guid = f"tag:{host},{article.published:%Y-%m-%d}:story/{article.id}"
    return _FeedItem(
        title=article.title,
        link=article.url,
        guid=guid,
        published=article.published,
        updated=article.updated,
        author=article.author,
        categories=article.categories,
        summary=article.description,
        language=article.language,
    )


def _feed_items(
    spec: _SiteSpec,
    articles: list[_ArticleSpec],
    by_key: Mapping[str, _ArticleSpec],
    quirks: Iterable[Mapping[str, Any]],
) -> tuple[list[_FeedItem], list[str]]:
    """Feed entries for one site, newest first, with the deliberate quirks mixed in."""
    items = [_article_item(article) for article in articles]
    dead: list[str] = []
    for quirk in quirks:
        if quirk["site"] != spec.site.host:
            continue
        if quirk["kind"] == "tracking_duplicate":
            items.append(_tracking_duplicate(spec, by_key[quirk["article"]], quirk))
        elif quirk["kind"] == "gone":
            item = _gone_entry(spec, quirk)
            items.append(item)
            dead.append(item.link)
        else:
            raise ValueError(f"unknown feed quirk kind {quirk['kind']!r}")
    sort_key = (lambda i: i.published) if spec.site.feed_format == "rss" else (lambda i: i.updated)
    items.sort(key=sort_key, reverse=True)
    return items, dead


def _tracking_duplicate(
    spec: _SiteSpec, original: _ArticleSpec, quirk: Mapping[str, Any]
) -> _FeedItem:
    """The same story re-promoted later: new guid, campaign parameters on the link."""
    if original.site is not spec:
        raise ValueError(f"feed quirk: {original.key} is not published by {spec.site.host}")
    base = _article_item(original)
    when = _aware(quirk["published"], "feed quirk")
    return replace(base, guid=quirk["guid"], link=base.link + quirk["link_suffix"],
                   published=when, updated=when)


def _gone_entry(spec: _SiteSpec, quirk: Mapping[str, Any]) -> _FeedItem:
    """An entry whose page was unpublished; no resource is rendered for its link."""
    published = _aware(quirk["published"], "feed quirk")
    return _FeedItem(
        title=quirk["title"],
        link=spec.site.base_url + quirk["path"],
        guid=f"tag:{spec.site.host},{published:%Y-%m-%d}:story/{quirk['id']}",
        published=published,
        updated=_aware(quirk["updated"], "feed quirk"),
        author=quirk["author"],
        categories=tuple(quirk["categories"]),
        summary=quirk["summary"],
        language=spec.language,
    )


def _xml(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def _categories_xml(categories: Iterable[str], element: str, indent: str) -> str:
    if element == "category":
        return "\n".join(f"{indent}<category>{_xml(c)}</category>" for c in categories)
    return "\n".join(f'{indent}<category term="{_xml(c)}"/>' for c in categories)


def _render_feed(spec: _SiteSpec, items: list[_FeedItem]) -> Resource:
    if spec.site.feed_format == "rss":
        return _render_rss(spec, items)
    return _render_atom(spec, items)


def _render_rss(spec: _SiteSpec, items: list[_FeedItem]) -> Resource:
    item_template = _template("feeds", "rss_item.xml")
    rendered_items = [
        item_template.substitute(
            title=_xml(item.title),
            link=_xml(item.link),
            guid=_xml(item.guid),
            pub_date=format_datetime(item.published),
            author=_xml(item.author),
            categories=_categories_xml(item.categories, "category", " " * 6),
            description=_xml(item.summary),
        ).rstrip("\n")
        for item in items
    ]
    newest = max(item.updated for item in items)
    text = _template("feeds", "rss.xml").substitute(
        title=_xml(spec.feed_title),
        site_url=_xml(spec.site.base_url + "/"),
        description=_xml(spec.feed_description),
        language=_xml(spec.feed_language),
        copyright=_xml(f"Copyright 2026 {spec.site.name}"),
        last_build_date=_http_date(newest),
        generator=_xml(_GENERATOR),
        feed_url=_xml(spec.site.feed_url),
        items="\n".join(rendered_items),
    )
    return _resource(RSS_TYPE, text, modified=newest)


def _render_atom(spec: _SiteSpec, items: list[_FeedItem]) -> Resource:
    entry_template = _template("feeds", "atom_entry.xml")
    entries = [
        entry_template.substitute(
            language=_xml(item.language),
            entry_id=_xml(item.guid),
            title=_xml(item.title),
            link=_xml(item.link),
            published=_rfc3339(item.published),
            updated=_rfc3339(item.updated),
            author=_xml(item.author),
            categories=_categories_xml(item.categories, "term", " " * 4),
            summary=_xml(item.summary),
        ).rstrip("\n")
        for item in items
    ]
    newest = max(item.updated for item in items)
    text = _template("feeds", "atom.xml").substitute(
        language=_xml(spec.feed_language),
        feed_id=_xml(f"tag:{spec.site.host},2026:{spec.site.feed_path.lstrip('/')}"),
        title=_xml(spec.feed_title),
        description=_xml(spec.feed_description),
        feed_url=_xml(spec.site.feed_url),
        site_url=_xml(spec.site.base_url + "/"),
        updated=_rfc3339(newest.astimezone(UTC)),
        site_name=_xml(spec.site.name),
        copyright=_xml(f"Copyright 2026 {spec.site.name}"),
        generator=_xml(_GENERATOR),
        entries="\n".join(entries),
    )
    return _resource(ATOM_TYPE, text, modified=newest)
