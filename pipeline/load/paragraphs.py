"""Load steps of paragraph dedup: the distinct paragraphs (``paragraphs``), where each stands in its articles
(``article_paragraphs``), and how many articles hold each (``paragraphs.article_count``)."""

from __future__ import annotations

from ..dedup.crossdedup import LSH_KEY_SQL
from ..store.core import LoadContext

# Distinct (paragraph, article) pairs of the re-loaded articles before their occurrences are replaced.
_OLD_PAIRS = """
CREATE OR REPLACE TEMP TABLE old_pairs AS
SELECT DISTINCT paragraph_id, article_id FROM article_paragraphs
WHERE article_id IN (SELECT article_id FROM {staged.articles})
"""

# the worker's near-duplicate index keys (lsh_*) are not columns of `paragraphs`: the near-dup step reads them
_LOAD_PARAGRAPHS = f"""
INSERT INTO paragraphs BY NAME
SELECT * EXCLUDE (lsh_version, lsh_words, lsh_buckets), 0 AS article_count,
       {LSH_KEY_SQL.format(col="paragraph_id")} AS lsh_key
FROM {{staged.paragraphs}}
{{one_per_paragraph}}
ON CONFLICT (paragraph_id) DO NOTHING
"""

_LOAD_OCCURRENCES = """
INSERT INTO article_paragraphs BY NAME
-- the occurrence's own wording only where it differs from the paragraph's first (case, quotes, spaces)
SELECT s.* REPLACE (CASE WHEN s.text IS DISTINCT FROM p.text THEN s.text END AS text)
FROM {staged.article_paragraphs} s JOIN paragraphs p USING (paragraph_id)
{one_per_position}
"""

# article_count moves by the pairs this load added minus those it removed, for the paragraphs it touched:
# exact (every occurrence of a re-loaded article is replaced) without counting over all of article_paragraphs,
# which made each load slower the more was stored. The added pairs are the staged occurrences, or, when the
# staged rows repeat a key (merged batches: one of them was kept), the rows the load actually stored.
_RECOUNT_PARAGRAPHS = """
UPDATE paragraphs SET article_count = paragraphs.article_count + d.delta, loaded_at = now()
FROM (
    SELECT paragraph_id, sum(n) AS delta FROM (
        SELECT paragraph_id, count(DISTINCT article_id) AS n FROM {new_occurrences} GROUP BY paragraph_id
        {removed}
    ) GROUP BY paragraph_id
) AS d
WHERE paragraphs.paragraph_id = d.paragraph_id AND d.delta <> 0
"""


def forget_replaced(ctx: LoadContext) -> dict[str, int]:
    """A re-loaded article's occurrences are replaced: keep the (paragraph, article) pairs it had
    (``ctx.state.replaced_pairs``, for the recount and the near-dup step) and delete them."""
    if not (ctx.has("articles") and ctx.state.articles_stored_before):
        return {}
    ctx.con.execute(ctx.sql(_OLD_PAIRS)).fetchall()
    ctx.state.replaced_pairs = "old_pairs"
    ctx.con.execute(ctx.sql("DELETE FROM article_paragraphs WHERE article_id IN (SELECT article_id FROM {staged.articles})")).fetchall()
    return {}


def load_paragraphs(ctx: LoadContext) -> dict[str, int]:
    """Insert the paragraphs not stored yet (a paragraph's first text and first article stay)."""
    if not ctx.has("paragraphs"):
        return {}
    one_per_paragraph = ctx.one_row_per("paragraphs", ["paragraph_id"], "first_seen_at, first_article_id")
    return {"paragraphs_new": ctx.write(ctx.sql(_LOAD_PARAGRAPHS, one_per_paragraph=one_per_paragraph))}


def load_occurrences(ctx: LoadContext) -> dict[str, int]:
    """Insert the articles' occurrences, then move each touched paragraph's article count (a re-loaded article
    without occurrences has lost its old ones)."""
    counts = {}
    keys = ["article_id", "position"]
    if ctx.has("article_paragraphs"):
        ctx.write(ctx.sql(_LOAD_OCCURRENCES, one_per_position=ctx.one_row_per("article_paragraphs", keys, alias="s")))
        counts["occurrences"] = ctx.rows("article_paragraphs")
    if ctx.has("articles") or ctx.has("article_paragraphs"):
        staged = ctx.table("article_paragraphs")
        as_staged = ctx.unique("article_paragraphs", keys)  # (an empty table is: no pairs were added)
        new = staged if as_staged else f"(SELECT * FROM article_paragraphs WHERE article_id IN (SELECT article_id FROM {staged}))"
        pairs = ctx.state.replaced_pairs
        removed = f"UNION ALL SELECT paragraph_id, -count(*) FROM {pairs} GROUP BY paragraph_id" if pairs else ""
        ctx.write(_RECOUNT_PARAGRAPHS.format(new_occurrences=new, removed=removed))
    return counts
