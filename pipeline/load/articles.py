"""Load steps of fetched articles: the rows of ``articles`` (with revisions and fetch attempts) and every URL an
article was seen under (``article_urls``)."""

from __future__ import annotations

import logging

import pyarrow as pa
import pyarrow.compute as pc

from ..extract.pagekind import NOT_ARTICLE_STATUSES
from ..store.core import LoadContext, excluded, scalar

log = logging.getLogger(__name__)

# Statuses retried on later passes: failed fetches, and pages that were not the article (a paywall teaser, a
# consent wall, a challenge, a JavaScript shell, an error page: pipeline.extract.pagekind), which often are on a later
# visit. Both count attempts and give up (``dead``) after max_fetch_attempts; the planner
# (pipeline.store.core.plan_fetches) fetches them again when due.
RETRIED = ("failed", *NOT_ARTICLE_STATUSES)
_RETRIED_SQL = "(" + ", ".join(f"'{s}'" for s in RETRIED) + ")"

# a request we chose not to send (robots.txt, a host asking us to wait, the private-network guard) is not an
# attempt: it must not bring the article closer to being given up
_NOT_SENT = "('robots', 'deferred', 'refused')"

# Articles none of which is stored yet (nearly every batch of a pass): a plain insert
_INSERT_ARTICLES = f"""
INSERT INTO articles BY NAME
SELECT *, CASE WHEN error_kind IN {_NOT_SENT} THEN 0 ELSE 1 END AS fetch_attempts,
       $run_id AS first_run_id, $run_id AS last_run_id,
       status IN {_RETRIED_SQL} AND coalesce(error_kind, '') NOT IN {_NOT_SENT} AND 1 >= $max_attempts AS dead,
       1 AS revision
FROM {{staged.articles}}
{{one_per_article}}
"""

# ... and when some of them are stored already (re-fetches, retries, a re-loaded batch): the upsert. The staged
# columns are taken as fetched ({update}) but for those kept from the first fetch or merged below.
_KEPT = ("article_id", "canonical_url", "feed_url", "entry_id")
_MERGED = ("published_at", "source_updated_at")
_LOAD_ARTICLES = _INSERT_ARTICLES + f"""
ON CONFLICT (article_id) DO UPDATE SET {{update}},
    published_at = coalesce(excluded.published_at, published_at),
    last_run_id = excluded.last_run_id, loaded_at = now(),
    fetch_attempts = fetch_attempts + CASE WHEN excluded.error_kind IN {_NOT_SENT} THEN 0 ELSE 1 END,
    dead = excluded.status IN {_RETRIED_SQL} AND coalesce(excluded.error_kind, '') NOT IN {_NOT_SENT}
           AND fetch_attempts + 1 >= $max_attempts,
    source_updated_at = greatest(excluded.source_updated_at, source_updated_at),
    revision = coalesce(revision, 1) + CASE WHEN status IN ('ok', 'empty') AND excluded.status IN ('ok', 'empty')
                                             AND content_hash IS DISTINCT FROM excluded.content_hash THEN 1 ELSE 0 END
"""

# A re-fetched article whose text changed: its stored version becomes a revision before it is replaced.
_SAVE_REVISIONS = """
INSERT INTO article_revisions (article_id, revision, fetched_at, superseded_at, title, text, content_hash,
                               paragraph_count, run_id)
SELECT a.article_id, coalesce(a.revision, 1), a.fetched_at, s.fetched_at, a.title, a.text, a.content_hash,
       a.paragraph_count, a.last_run_id
FROM articles a
JOIN (SELECT article_id, status, content_hash, fetched_at FROM {staged.articles} {one_per_article}) AS s
    USING (article_id)
WHERE a.status IN ('ok', 'empty') AND s.status IN ('ok', 'empty') AND a.content_hash IS DISTINCT FROM s.content_hash
ON CONFLICT DO NOTHING
"""


def keep_stored_text(ctx: LoadContext) -> dict[str, int]:
    """Drop every staged row of articles whose re-fetch failed, was not HTML, or found no text (when the stored
    text was extracted) while the database already holds their text: a flaky server must not erase an
    article. The failure stays in ``fetch_log``; the refresh marker moves on so it is not retried every poll.

    Except for a re-fetch whose page came but whose extraction overran its budget (``extract_timeout``): the
    new version was never read, and (without an archive) its bytes are gone, so the marker stays and the next
    pass fetches the update again, until it has been tried ``max_attempts`` times (:func:`_update_retried`)."""
    if not ctx.has("articles"):
        return {}
    articles = ctx.batch.tables["articles"]
    ids = articles.column("article_id").to_pylist()
    statuses = articles.column("status").to_pylist()
    # outcomes that must not replace stored text: a failure, a page that suddenly is not HTML (a CDN's wrong
    # Content-Type), a page where extraction found nothing (only the feed summary would replace the text), or a
    # page that is not the article (a paywall teaser, a consent wall, a challenge: pipeline.extract.pagekind)
    good = {i for i, st in zip(ids, statuses) if st == "ok"}
    weak = {i: st for i, st in zip(ids, statuses) if st in ("unsupported", "empty", *RETRIED) and i not in good}
    if not weak:
        return {}
    con = ctx.con
    con.register("weak_refetch", pa.table({
        "article_id": pa.array(list(weak), pa.string()),
        "status": pa.array(list(weak.values()), pa.string()),
    }))
    try:
        keep = {row[0] for row in con.execute(
            # only an article's text is kept so: a stored teaser or wall gives way (its retry is an attempt)
            "SELECT a.article_id FROM articles a JOIN weak_refetch w USING (article_id) "
            "WHERE a.text IS NOT NULL AND a.status IN ('ok', 'empty') "
            "AND (w.status <> 'empty' OR a.text_source LIKE 'extracted%')").fetchall()}
    finally:
        con.unregister("weak_refetch")
    if not keep:
        return {}
    # the refresh was tried: move its marker on so the same feed update does not trigger it on every poll
    value_set = pa.array(sorted(keep), pa.string())
    kept_rows = articles.filter(pc.is_in(articles.column("article_id"), value_set=value_set))
    retried = _update_retried(ctx, kept_rows)
    if retried:  # ... but for an update never read: its marker stays, the next pass fetches it again
        kept_rows = kept_rows.filter(pc.invert(pc.is_in(kept_rows.column("article_id"),
                                                        value_set=pa.array(sorted(retried), pa.string()))))
    con.register("kept_refetch", kept_rows.select(["article_id", "source_updated_at", "retry_after"]))
    try:
        con.execute(
            "UPDATE articles SET source_updated_at = greatest(articles.source_updated_at, k.source_updated_at), "
            "retry_after = k.retry_after FROM kept_refetch k WHERE articles.article_id = k.article_id")
    finally:
        con.unregister("kept_refetch")
    _drop_staged(ctx, value_set)
    log.info("%d re-fetches that failed or found no text left the stored articles as they were", len(keep))
    return {}


def _update_retried(ctx: LoadContext, kept: pa.Table) -> set[str]:
    """The kept re-fetches whose extraction timed out (the update was fetched, never read) and that have
    attempts left: the article's fetches that came back (``fetch_log`` outcome ``ok``) since its stored text
    was fetched, this one included, fewer than ``max_attempts`` (a failing fetch's limit)."""
    if "error_kind" not in kept.column_names:
        return set()
    timed_out = kept.filter(pc.equal(kept.column("error_kind"), "extract_timeout"))
    if not timed_out.num_rows:
        return set()
    limit = ctx.options.max_attempts or 2**31 - 1
    ctx.con.register("timed_out_refetch", timed_out.select(["article_id", "url"]))
    try:
        # requested_at of the stored text's own request is its fetched_at: only later requests count, under the
        # URL stored or the one just requested (an entry's link may differ from the stored article's)
        rows = ctx.con.execute("""
            SELECT a.article_id, count(DISTINCT f.fetch_id) AS earlier
            FROM articles a JOIN timed_out_refetch t USING (article_id)
            LEFT JOIN fetch_log f ON f.kind = 'article' AND f.url IN (a.url, t.url) AND f.outcome = 'ok'
                                 AND f.requested_at > a.fetched_at
            GROUP BY a.article_id""").fetchall()
    finally:
        ctx.con.unregister("timed_out_refetch")
    retried = {article_id for article_id, earlier in rows if earlier + 1 < limit}
    if retried:
        log.info("%d updated articles whose extraction timed out will be fetched again by the next pass",
                 len(retried))
    return retried


def keep_newer_text(ctx: LoadContext) -> dict[str, int]:
    """Drop every staged row of articles captured before the stored text was (an import of an older WARC file,
    a crawl replayed late): the newer text stays the article's. The older capture is not lost: its record is
    indexed in ``archive_records`` and its request in ``fetch_log``. A live fetch is always the newest."""
    if not ctx.has("articles"):
        return {}
    older = [row[0] for row in ctx.con.execute(ctx.sql(
        "SELECT DISTINCT s.article_id FROM {staged.articles} s JOIN articles a USING (article_id) "
        "WHERE a.text IS NOT NULL AND a.status = 'ok' AND s.fetched_at < a.fetched_at")).fetchall()]
    if not older:
        return {}
    _drop_staged(ctx, pa.array(sorted(older), pa.string()))
    log.info("%d articles captured before their stored text were left as stored (their records stay indexed)",
             len(older))
    return {"older_captures": len(older)}


def _drop_staged(ctx: LoadContext, ids: pa.Array) -> None:
    """Drop the staged rows of articles ``ids``, except the record of how they were fetched."""
    for name, table in ctx.batch.tables.items():
        if "article_id" in table.column_names and name not in ("fetch_log", "archive_records", "article_urls"):
            ctx.replace(name, table.filter(pc.invert(pc.is_in(table.column("article_id"), value_set=ids))))


def note_stored(ctx: LoadContext) -> dict[str, int]:
    """Whether some staged article is stored already (``ctx.state.articles_stored_before``). The common case, a
    batch of articles none of which is stored, needs no revisions, no upsert and no occurrences or analyses to
    replace: each of those costs a pass over the stored rows."""
    if ctx.has("articles"):
        ctx.state.articles_stored_before = bool(scalar(
            ctx.con, ctx.sql("SELECT count(*) FROM articles SEMI JOIN {staged.articles} USING (article_id)")))
    return {}


def load_articles(ctx: LoadContext) -> dict[str, int]:
    """Insert the fetched articles, or upsert them (saving the revision of a changed text) when some are stored."""
    if not ctx.has("articles"):
        return {}
    params = {"run_id": ctx.run_id, "max_attempts": ctx.options.max_attempts or 2**31 - 1}
    one_per_article = ctx.one_row_per("articles", ["article_id"], "fetched_at DESC")
    revisions = 0
    if ctx.state.articles_stored_before:
        revisions = ctx.write(ctx.sql(_SAVE_REVISIONS, one_per_article=one_per_article))
        update = excluded(c for c in ctx.columns("articles") if c not in (*_KEPT, *_MERGED))
        ctx.write(ctx.sql(_LOAD_ARTICLES, one_per_article=one_per_article, update=update), params)
    else:
        ctx.write(ctx.sql(_INSERT_ARTICLES, one_per_article=one_per_article), params)
    return {"articles": ctx.rows("articles"), "revisions": revisions}


# The article a page turned out to be (pipeline.run.stages.key_articles) takes over the feed rows of the id it
# was planned under, unless that id is an article of its own.
_REPOINT_ENTRIES = """
UPDATE feed_entries SET article_id = m.article_id, loaded_at = now()
FROM (SELECT replaces, min(article_id) AS article_id FROM {staged.article_urls}
      WHERE replaces IS NOT NULL GROUP BY replaces) AS m
WHERE feed_entries.article_id = m.replaces AND m.replaces NOT IN (SELECT article_id FROM articles)
"""

_LOAD_ARTICLE_URLS = """
INSERT INTO article_urls BY NAME
SELECT * EXCLUDE (seen_at, replaces), seen_at AS first_seen_at
FROM {staged.article_urls} SEMI JOIN articles USING (article_id)
{one_per_url}
ON CONFLICT DO NOTHING
"""

# every link a feed listed for the articles (and entries) of this load, including listings never fetched
# themselves because another listing of the same article was
_FEED_LINKS = """
INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT fe.article_id, fe.link, min(fe.canonical_url), 'feed', min(fe.first_seen_at)
FROM feed_entries fe SEMI JOIN articles a ON a.article_id = fe.article_id
WHERE fe.article_id IN ({ids})
GROUP BY fe.article_id, fe.link
ON CONFLICT DO NOTHING
"""

# the URL each staged article was requested by and where its redirects ended (imports, batches staged
# without article_urls): rows the steps above wrote already are left as they are
_FETCHED_URLS = """
INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT article_id, url, any_value(canonical_url), min(source), min(seen_at) FROM (
    SELECT article_id, url, canonical_url, 'fetched' AS source, coalesce(fetched_at, now()) AS seen_at FROM {staged.articles}
    UNION ALL
    SELECT article_id, final_url, NULL, 'redirect', coalesce(fetched_at, now()) FROM {staged.articles}
    WHERE final_url IS NOT NULL AND final_url <> url
) AS s SEMI JOIN articles USING (article_id)
GROUP BY article_id, url
ON CONFLICT DO NOTHING
"""


def load_urls(ctx: LoadContext) -> dict[str, int]:
    """Keep every URL seen for an article (``article_urls``), and the feed rows of articles that moved."""
    if ctx.has("article_urls"):
        ctx.write(ctx.sql(_REPOINT_ENTRIES))
        ctx.write(ctx.sql(_LOAD_ARTICLE_URLS,
                          one_per_url=ctx.one_row_per("article_urls", ["article_id", "url"], "seen_at")))
    ids = [f"SELECT article_id FROM {ctx.table(name)}" for name in ("articles", "feed_entries") if ctx.has(name)]
    if ids:
        ctx.write(_FEED_LINKS.format(ids=" UNION ALL ".join(ids)))
    if ctx.has("articles"):
        ctx.write(ctx.sql(_FETCHED_URLS))
    return {}
