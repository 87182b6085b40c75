"""Load steps of the NLP stage: the paragraph-level cache (one analysis per distinct paragraph, context and version) and
each article's entities, ceasefire statements and quotes, which replace what an earlier analysis stored."""

from __future__ import annotations

import logging

import pyarrow.compute as pc

from ..store.core import LoadContext, excluded

log = logging.getLogger(__name__)

# the paragraph-level cache: each re-analysed paragraph's rows are replaced
_PARAGRAPH_ROWS = {"paragraph_entities": ("paragraph_id", "context_key", "start_char", "end_char"),
                   "paragraph_statements": ("paragraph_id", "context_key", "start_char"),
                   "paragraph_quotes": ("paragraph_id", "context_key", "start_char")}
# one analysis of a paragraph per context its rules read (migration 0017)
_ANALYSIS_KEY = ("paragraph_id", "context_key")
# article level: each analysed article's rows are replaced (keys: one row per key of a merged batch)
_ARTICLE_ROWS = {"entity_mentions": ("article_id", "start_char", "end_char"),
                 "ceasefire_statements": ("statement_id",),
                 "quotes": ("quote_id",)}

_INSERT = "INSERT INTO {table} BY NAME SELECT * FROM {staged} {one_per_key} {conflict}"


def _insert(ctx: LoadContext, name: str, keys, order: str | None = None, conflict: str = "") -> None:
    if name in _ROW_TABLES and not ctx.unique(name, keys):
        _warn_collisions(ctx, name, keys)
    ctx.write(_INSERT.format(table=name, staged=ctx.table(name), one_per_key=ctx.one_row_per(name, keys, order),
                             conflict=conflict))


# tables whose rows are facts found in a text: a key repeated by a merged batch must carry the same row
_ROW_TABLES = frozenset({*_PARAGRAPH_ROWS, *_ARTICLE_ROWS})


def _warn_collisions(ctx: LoadContext, name: str, keys) -> None:
    """Say when two different rows share a key: one row per key is kept (a merged batch repeats a paragraph's or
    an article's rows, identically), so two different rows under one key (two statements starting at one
    character) would lose one without a word. The rules are meant never to produce that; this makes a rule that
    does visible."""
    by = ", ".join(keys)
    differing = ctx.con.execute(ctx.sql(
        f"SELECT count(*) FROM (SELECT {by} FROM {{staged.{name}}} t GROUP BY {by} HAVING count(DISTINCT t) > 1)"
    )).fetchall()[0][0]
    if differing:
        log.warning("%s: %d keys (%s) hold different rows in this batch; one row of each was kept, the others are "
                    "lost. This is a bug in the analysis rules: report it with the article.", name, differing, by)


def _delete(ctx: LoadContext, table: str, key: str, staged: str) -> None:
    ctx.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM {ctx.table(staged)})").fetchall()


def _delete_analyses(ctx: LoadContext, table: str) -> None:
    """The rows of the staged analyses' (paragraph, context) pairs: the same paragraph in another context keeps
    its own."""
    ctx.con.execute(f"DELETE FROM {table} USING (SELECT DISTINCT paragraph_id, context_key FROM "
                    f"{ctx.table('paragraph_analyses')}) s WHERE {table}.paragraph_id = s.paragraph_id "
                    f"AND {table}.context_key = s.context_key").fetchall()


def load_analyses(ctx: LoadContext) -> dict[str, int]:
    """The paragraph-level cache, then entities, then the article-level rows."""
    if ctx.has("paragraph_analyses"):
        # paragraphs analysed before exist only where some staged one is stored: the deletes (each a scan of a
        # large table) are skipped when there are none
        if ctx.con.execute(ctx.sql("SELECT count(*) FROM paragraph_analyses "
                                   "SEMI JOIN {staged.paragraph_analyses} USING (paragraph_id, context_key)")
                           ).fetchall()[0][0]:
            for table in _PARAGRAPH_ROWS:
                _delete_analyses(ctx, table)
        update = excluded(c for c in ctx.columns("paragraph_analyses") if c not in _ANALYSIS_KEY)
        _insert(ctx, "paragraph_analyses", list(_ANALYSIS_KEY), "analysed_at DESC",
                f"ON CONFLICT ({', '.join(_ANALYSIS_KEY)}) DO UPDATE SET {update}")
    for name, keys in _PARAGRAPH_ROWS.items():
        if ctx.has(name):
            _insert(ctx, name, keys)
    if ctx.has("entities"):
        _insert(ctx, "entities", ["entity_id"], "first_seen_at", "ON CONFLICT (entity_id) DO NOTHING")
    if ctx.has("nlp_articles"):
        ctx.write(ctx.sql("UPDATE articles SET nlp_status = n.nlp_status, nlp_version = n.nlp_version "
                          "FROM {staged.nlp_articles} n WHERE articles.article_id = n.article_id"))
        if not _only_new_articles(ctx):
            for table in _ARTICLE_ROWS:
                _delete(ctx, table, "article_id", "nlp_articles")
    for name, keys in _ARTICLE_ROWS.items():
        if ctx.has(name):
            _insert(ctx, name, keys)
    return {"mentions": ctx.rows("entity_mentions"), "statements": ctx.rows("ceasefire_statements")}


def _only_new_articles(ctx: LoadContext) -> bool:
    """Whether every analysed article is one this load stored for the first time: then it has no rows to replace."""
    return not ctx.state.articles_stored_before and ctx.has("articles") and pc.all(pc.is_in(
        ctx.batch.tables["nlp_articles"].column("article_id"),
        value_set=ctx.batch.tables["articles"].column("article_id"))).as_py()
