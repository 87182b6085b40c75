"""``newsdesk demo``: serve the bundled corpus on loopback and run the very same ingest pass over it."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..fetch.http import RoutedTransport
from ..localserver import LoopbackServer, Response
from ..options import FetchOptions, IngestOptions
from ..records import FeedSpec
from ..run.ingest import ProgressHook, RunSummary, run_pass
from ..serve.queries import named_query
from ..store.core import connect, scalar
from .site import DemoCorpus, load_demo_corpus, not_found

log = logging.getLogger(__name__)

#: the named query the demo shows (sql/queries/shared_paragraphs.sql): the cross-site story at a glance
DEMO_QUERY = "shared_paragraphs"


@dataclass
class DemoReport:
    summary: RunSummary
    feeds: int
    articles: int
    articles_failed: int
    occurrences: int
    kept: int
    repeats: int
    distinct_paragraphs: int
    shared_paragraphs: int
    languages: str
    query_name: str
    query_description: str
    columns: list[str]
    rows: list[tuple]
    entities: int = 0
    statements: int = 0
    boilerplate: int = 0  # occurrences left out of the text as site chrome
    boilerplate_paragraphs: int = 0  # (host, paragraph) pairs in host_boilerplate
    near_duplicates: int = 0
    stories: int = 0
    multi_article_stories: int = 0
    statement_columns: list[str] = field(default_factory=list)
    statement_rows: list[tuple] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def resolver_for(corpus: DemoCorpus):
    def resolve(host: str, path: str) -> Response:
        resource = corpus.resources.get((host, urlsplit(path).path)) or not_found(host, path)
        return Response(status=resource.status, body=resource.body, content_type=resource.content_type,
                        headers=dict(resource.headers))

    return resolve


def run_demo(db_path: Path, *, progress: ProgressHook | None = None, workers: int | None = None) -> DemoReport:
    """Serve the demo sites on a free loopback port and ingest them into ``db_path``.

    The sites keep stable host names (``*.localhost``) routed to the server's port, so the stored URLs are the
    same on every run and running the demo twice adds nothing the second time.
    """
    corpus = load_demo_corpus()
    with LoopbackServer(resolver_for(corpus)) as server:
        routes = {site.host: server.address for site in corpus.sites}
        options = IngestOptions(
            db_path=Path(db_path),
            feeds=[FeedSpec(url=site.feed_url, name=site.name, tags=("demo",)) for site in corpus.sites],
            fetch=FetchOptions(allow_private_network=True, transport=RoutedTransport(routes)),
        )
        if workers is not None:
            options.workers = workers
        summary = run_pass(options, kind="demo", progress=progress)
    return _report(Path(db_path), summary)


def _report(db_path: Path, summary: RunSummary) -> DemoReport:
    query = named_query(DEMO_QUERY)
    with connect(db_path, read_only=True) as con:
        one = lambda sql: scalar(con, sql)  # noqa: E731
        cursor = con.execute(query.sql)
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        cursor = con.execute(
            "SELECT coalesce(speaker, '(narrative)') AS speaker, stance, coalesce(duration, '') AS duration, "
            "CASE WHEN length(text) > 90 THEN left(text, 87) || '...' ELSE text END AS statement "
            "FROM ceasefire_statements_v WHERE speaker IS NOT NULL ORDER BY published_at, statement_id LIMIT 8")
        statement_columns = [d[0] for d in cursor.description]
        statement_rows = cursor.fetchall()
        return DemoReport(
            summary=summary,
            feeds=one("SELECT count(*) FROM feeds"),
            articles=one("SELECT count(*) FROM articles WHERE status <> 'failed'"),
            articles_failed=one("SELECT count(*) FROM articles WHERE status = 'failed'"),
            occurrences=one("SELECT count(*) FROM article_paragraphs"),
            kept=one("SELECT count(*) FROM article_paragraphs WHERE repeat_of IS NULL AND NOT boilerplate"),
            boilerplate=one("SELECT count(*) FROM article_paragraphs WHERE boilerplate"),
            boilerplate_paragraphs=one("SELECT count(*) FROM host_boilerplate"),
            near_duplicates=one("SELECT count(*) FROM paragraphs WHERE near_duplicate_of IS NOT NULL"),
            stories=one("SELECT count(*) FROM stories"),
            multi_article_stories=one("SELECT count(*) FROM stories WHERE article_count > 1"),
            repeats=one("SELECT count(*) FROM article_paragraphs WHERE repeat_of IS NOT NULL"),
            distinct_paragraphs=one("SELECT count(*) FROM paragraphs"),
            shared_paragraphs=one("SELECT count(*) FROM paragraphs WHERE article_count > 1"),
            languages=one(
                "SELECT coalesce(string_agg(language || ': ' || n, ', ' ORDER BY n DESC, language), '-') FROM "
                "(SELECT coalesce(language, 'unknown') AS language, count(*) AS n FROM articles "
                "WHERE status <> 'failed' GROUP BY 1)"
            ),
            entities=one("SELECT count(*) FROM entities"),
            statements=one("SELECT count(*) FROM ceasefire_statements"),
            statement_columns=statement_columns,
            statement_rows=statement_rows,
            query_name=query.name,
            query_description=query.description,
            columns=columns,
            rows=rows,
        )
