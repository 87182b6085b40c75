"""Shared fixtures: a loopback web site whose pages tests set up per case, and paths to ../shared data."""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.localserver import LoopbackServer, Response
from pipeline.options import FetchOptions, IngestOptions
from pipeline.records import FeedSpec

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_DIR = SHARED / "seed"
CORPUS = SHARED / "corpus"


class Site:
    """Routes of a loopback site: ``site.add("/feed.xml", body, content_type=...)`` then ``site.url("/feed.xml")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Response | Callable[[str], Response]] = {}
        self.server = LoopbackServer(self._resolve)

    def _resolve(self, host: str, path: str) -> Response:
        route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        if route is None:
            return Response(status=404, body=b"<html><body><h1>Not found</h1></body></html>")
        return route(path) if callable(route) else route

    def add(self, path: str, body: bytes | str | Callable[[str], Response], *, status: int = 200,
            content_type: str | None = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> str:
        if callable(body):
            self.routes[path] = body
        else:
            data = body.encode("utf-8") if isinstance(body, str) else body
            self.routes[path] = Response(status=status, body=data, content_type=content_type, headers=headers or {})
        return self.url(path)

    def url(self, path: str = "/") -> str:
        return self.server.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for _, p, _ in self.server.requests if p == path)


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    with s.server:
        yield s


@pytest.fixture
def make_options(tmp_path: Path) -> Callable[..., IngestOptions]:
    """Options for a pass against the loopback site (private network allowed: it *is* loopback)."""

    def make(*feed_urls: str, db: Path | None = None, **kwargs) -> IngestOptions:
        fetch = kwargs.pop("fetch", None) or FetchOptions(allow_private_network=True, total_timeout=10, read_timeout=5)
        # tests change a feed between passes and expect the next pass to see it: poll every feed, due or not
        # (the schedule itself is tested in test_incremental.py)
        kwargs.setdefault("force", True)
        return IngestOptions(
            db_path=db or tmp_path / "news.duckdb",
            feeds=[FeedSpec(url=u) for u in feed_urls],
            fetch=fetch,
            workers=kwargs.pop("workers", 1),
            **kwargs,
        )

    return make


@pytest.fixture
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/seed/ is absent")
    return files[0].read_text(encoding="utf-8")


@pytest.fixture
def feed_manifest() -> dict:
    path = CORPUS / "feeds" / "manifest.json"
    if not path.is_file():
        pytest.skip("../shared/corpus/feeds is absent")
    return json.loads(path.read_text(encoding="utf-8"))["files"]


# ------------------------------------------------------------------------------------------- page builders

CHROME_TOP = """<header><a href="/">The Test Gazette</a><nav><ul><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li></ul></nav></header>"""
CHROME_BOTTOM = """<aside class="newsletter"><h3>Sign up for our newsletter</h3><p>Get the best stories in your inbox
every morning.</p><form><input type="email"><button>Subscribe</button></form></aside>
<footer><p>© 2026 The Test Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>"""


def article_page(title: str, paragraphs: list[str], *, lang: str = "en", charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}"><head>{meta}<title>{title} | The Test Gazette</title>'
        f'<meta property="og:site_name" content="The Test Gazette"></head><body>{CHROME_TOP}'
        f"<main><article><h1>{title}</h1><p class=byline>By Ann Author</p>{body}</article></main>{CHROME_BOTTOM}"
        "</body></html>"
    )


def rss(items: list[dict], *, title: str = "Test Gazette: World") -> str:
    parts = []
    for item in items:
        guid = f"<guid isPermaLink=\"false\">{item['guid']}</guid>" if item.get("guid") else ""
        pub = f"<pubDate>{item['pubDate']}</pubDate>" if item.get("pubDate") else ""
        desc = f"<description>{item['description']}</description>" if item.get("description") else ""
        parts.append(f"<item><title>{item.get('title', 'Untitled')}</title><link>{item['link']}</link>{guid}{pub}{desc}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link><description>test</description>"
        + "".join(parts)
        + "</channel></rss>"
    )


def words(n: int, seed: str) -> str:
    """A distinct, long-enough paragraph (extractors drop very short ones), with no topic word of its own (a
    test decides where its ceasefire sentences are). Words are drawn at random (seeded):
    a fixed cycle of words would make every paragraph a near-duplicate of every other one."""
    vocab = ("talks", "harbour", "delegation", "capital", "monitors", "convoy", "border", "council", "minister",
             "agreement", "villages", "observers", "statement", "officials", "envoy", "proposal")
    rng = random.Random(zlib.crc32(seed.encode()))
    body = " ".join(rng.choice(vocab) for _ in range(n))
    return f"{seed.capitalize()} said the {body}."


# a paragraph of armed conflict: the statement rules' article-level filter wants such words before a truce counts
CONFLICT_PARAGRAPH = "Artillery fire hit the outskirts of the town overnight and two soldiers were killed, officials said."


def resolved_in(language: str, module, paragraphs):
    """Analyse ``paragraphs`` with ``module`` (pipeline.nlp.french, russian) as one article in ``language`` and
    resolve it: its ``ArticleNlp``, as the NLP stage makes it."""
    from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
    from pipeline.nlp.multilingual import language_lexicon
    from pipeline.nlp.resolve import resolve_article

    analyses = {a.paragraph_id: a for a in module.analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    return resolve_article("a", occurrences, analyses, language_lexicon(language))


def resolved_article(*paragraphs: str, conflict: bool = True, learned_stance: bool = True):
    """Analyse ``paragraphs`` as one English article (with :data:`CONFLICT_PARAGRAPH` first unless ``conflict`` is
    false) and resolve it: (the article's text, its ``ArticleNlp``), as the NLP stage makes them (without the
    learned stance if ``learned_stance`` is false: the rules' own stance)."""
    from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
    from pipeline.nlp.analyse import analyse_paragraphs
    from pipeline.nlp.lexicon import load_lexicon
    from pipeline.nlp.resolve import resolve_article

    if conflict:
        paragraphs = (CONFLICT_PARAGRAPH, *paragraphs)
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), resolve_article("a", occurrences, analyses, load_lexicon(),
                                                                 learned_stance=learned_stance)


def article_statements(*paragraphs: str, conflict: bool = True, learned_stance: bool = False):
    """The ceasefire statements of ``paragraphs`` read as one article (see :func:`resolved_article`), with the
    rules' own stance unless ``learned_stance``: the stance tests pin the rules, which the learned English stance
    (pipeline/nlp/stance_model.py, tested in test_stance_model.py) reads as its features."""
    return resolved_article(*paragraphs, conflict=conflict, learned_stance=learned_stance)[1].statements


def last_paragraph_stance(*paragraphs: str) -> str:
    """The rules' stance of the one statement that opens the last of ``paragraphs`` read as a conflict article (the
    earlier paragraphs set the scene: the truce, who the speakers are)."""
    start = paragraphs[-1][:12]
    found = [s for s in article_statements(*paragraphs, conflict=True) if s.text.startswith(start)]
    assert len(found) == 1, [s.text for s in article_statements(*paragraphs, conflict=True)]
    return found[0].stance


# the scene most stance tests set: a truce between two parties and nothing else
RIVER_TRUCE = "The ceasefire between the river militias and the army began on Monday at dawn."


def river_truce_stance(paragraph: str) -> str:
    """The rules' stance of the one statement that opens ``paragraph``, read after RIVER_TRUCE."""
    return last_paragraph_stance(RIVER_TRUCE, paragraph)


FIGHTING = "Shelling and drone strikes hit frontline villages overnight, and troops exchanged artillery fire."


def war_speakers(*paragraphs: str) -> dict[str, str | None]:
    """Statement text -> resolved speaker, for ``paragraphs`` read as one article about a war (:data:`FIGHTING`
    first, instead of the generic conflict paragraph)."""
    _, nlp = resolved_article(FIGHTING, *paragraphs, conflict=False)
    return {s.text: s.speaker for s in nlp.statements}


def speaker_starting(found: dict[str, str | None], start: str) -> str | None:
    """The speaker of the one statement in ``found`` whose text starts with ``start``."""
    hits = [text for text in found if text.startswith(start)]
    assert len(hits) == 1, list(found)
    return found[hits[0]]
