"""Cross-article dedup, run by the loader inside each load's transaction (the only writer sees all articles).

    near-duplicates  each paragraph not yet checked is MinHashed (pipeline.neardup), its LSH buckets joined
                     with the stored index (``paragraph_lsh``), candidates verified exactly, the best linked
                     (``paragraphs.near_duplicate_of``) and its buckets added to the index
    boilerplate      a canonical paragraph (near-duplicates count as the same) found in at least
                     ``boilerplate_min_articles`` articles of one host is that host's chrome
                     (``host_boilerplate``); the flag is kept per occurrence (``article_paragraphs.boilerplate``)
    text rebuild     ``articles.text`` of every article whose boilerplate changed is rebuilt from its
                     occurrences (as written, ``coalesce(article_paragraphs.text, paragraphs.text)``), with the
                     paragraph offsets, and the entity/statement offsets shifted to match; nothing is deleted
                     but the mentions inside paragraphs that became chrome
    stories          articles sharing most of their (non-chrome, long enough) canonical paragraphs are one story;
                     connected articles share ``story_id`` = the first-published article's id, so the clusters
                     do not depend on arrival order; ``stories`` is refreshed for every story that changed

All state lives in DuckDB, so a restarted or different process (an Airflow loader) continues where the last
load stopped, and re-loading a batch changes nothing.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from .neardup import MinHasher, best_matches
from .options import DedupOptions, NearDupParams

log = logging.getLogger(__name__)

HOST_SQL = r"regexp_replace(lower(regexp_extract({col}, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)', 1)), '^www\.', '')"


@dataclass
class DedupStats:
    checked: int = 0  # paragraphs checked for near-duplicates in this load
    near_duplicates: int = 0
    boilerplate_marked: int = 0  # (host, paragraph) pairs that became boilerplate
    boilerplate_cleared: int = 0
    texts_rebuilt: int = 0
    stories_changed: int = 0
    seconds: float = 0.0  # spent in this step (inside the load's transaction)


_HASHERS: dict[NearDupParams, MinHasher] = {}


def _hasher(params: NearDupParams) -> MinHasher:
    hasher = _HASHERS.get(params)
    if hasher is None:
        hasher = _HASHERS[params] = MinHasher(params)
    return hasher


def apply(con: duckdb.DuckDBPyConnection, options: DedupOptions | None = None) -> DedupStats:
    """Run every step for the articles and paragraphs of the current load.

    Expects the loader's registered ``staged_articles`` and ``staged_paragraphs`` and its temp table
    ``touched_paragraphs`` (paragraphs the re-loaded articles had before); runs inside its transaction.
    """
    options = options or DedupOptions()
    stats = DedupStats()
    if not options.enabled:
        return stats
    started = time.perf_counter()
    con.execute(f"UPDATE articles SET host = {HOST_SQL.format(col='canonical_url')} "
                "WHERE article_id IN (SELECT article_id FROM staged_articles)")
    link_near_duplicates(con, options.near, stats)
    update_boilerplate(con, options, stats)
    rebuild_texts(con, stats)
    update_stories(con, options, stats)
    stats.seconds = time.perf_counter() - started
    return stats


# ------------------------------------------------------------------------------------------ near-duplicates


def link_near_duplicates(con: duckdb.DuckDBPyConnection, params: NearDupParams, stats: DedupStats) -> None:
    rows = con.execute(
        "SELECT paragraph_id, text, lsh_version IS NOT NULL FROM paragraphs WHERE lsh_version IS DISTINCT FROM ? "
        "AND paragraph_id IN (SELECT paragraph_id FROM staged_paragraphs) ORDER BY first_seen_at, paragraph_id",
        [params.version]).fetchall()
    if not rows:
        return
    new = [(pid, text) for pid, text, _ in rows]
    stale = [pid for pid, _, indexed in rows if indexed]
    if stale:  # indexed under other parameters (or an older hash): their buckets would never match again
        con.register("stale_lsh", pa.table({"paragraph_id": pa.array(stale, pa.string())}))
        try:
            con.execute("DELETE FROM paragraph_lsh WHERE paragraph_id IN (SELECT paragraph_id FROM stale_lsh)")
        finally:
            con.unregister("stale_lsh")
    stats.checked = len(new)
    hasher = _hasher(params)
    signatures, word_counts = hasher.hash([text for _, text in new])
    keep = np.flatnonzero(word_counts >= params.min_words)
    indexable = [new[i] for i in keep.tolist()]
    if indexable:
        buckets = hasher.buckets(signatures[keep])
        ids = [pid for pid, _ in indexable]
        order = np.repeat(np.arange(len(ids), dtype=np.int32), params.bands)
        rows = pa.table({
            "bucket": pa.array(buckets.reshape(-1), pa.int32()),
            "paragraph_id": pa.array(ids, pa.string()).take(pa.array(order)),
            "ord": pa.array(order, pa.int32()),
        })
        con.register("new_lsh", rows)
        try:
            # candidates: stored paragraphs, and earlier new ones of this load, sharing min_bands buckets; the
            # max_candidates sharing the most are verified
            limits = {"min_bands": params.min_bands, "top": params.max_candidates}
            stored = con.execute("""
                SELECT n.paragraph_id, l.paragraph_id FROM new_lsh n JOIN paragraph_lsh l USING (bucket)
                GROUP BY n.paragraph_id, l.paragraph_id HAVING count(*) >= $min_bands
                QUALIFY row_number() OVER (PARTITION BY n.paragraph_id ORDER BY count(*) DESC, l.paragraph_id) <= $top
                """, limits).fetchall()
            in_batch = con.execute("""
                SELECT a.paragraph_id, b.paragraph_id FROM new_lsh a JOIN new_lsh b ON a.bucket = b.bucket AND b.ord < a.ord
                GROUP BY a.paragraph_id, b.paragraph_id HAVING count(*) >= $min_bands
                QUALIFY row_number() OVER (PARTITION BY a.paragraph_id ORDER BY count(*) DESC, b.paragraph_id) <= $top
                """, limits).fetchall()
            con.execute("INSERT INTO paragraph_lsh SELECT bucket, paragraph_id FROM new_lsh")
        finally:
            con.unregister("new_lsh")
        candidates: dict[str, list[str]] = defaultdict(list)
        for a, b in [*stored, *in_batch]:
            candidates[a].append(b)
        stored_ids = sorted({b for _, b in stored})
        texts: dict[str, str] = {}
        roots: dict[str, str] = {}
        if stored_ids:
            con.register("cand_ids", pa.table({"paragraph_id": pa.array(stored_ids, pa.string())}))
            try:
                for pid, text, root in con.execute(
                        "SELECT paragraph_id, text, coalesce(near_duplicate_of, paragraph_id) FROM paragraphs "
                        "SEMI JOIN cand_ids USING (paragraph_id)").fetchall():
                    texts[pid], roots[pid] = text, root
            finally:
                con.unregister("cand_ids")
        matches = best_matches(indexable, candidates, texts, roots, params, hasher)
        if matches:
            con.register("near_links", pa.table({
                "paragraph_id": pa.array([m.paragraph_id for m in matches], pa.string()),
                "canonical": pa.array([m.canonical_id for m in matches], pa.string()),
                "similarity": pa.array([m.similarity for m in matches], pa.float64()),
            }))
            try:
                con.execute("UPDATE paragraphs SET near_duplicate_of = l.canonical, "
                            "near_duplicate_similarity = l.similarity FROM near_links l "
                            "WHERE paragraphs.paragraph_id = l.paragraph_id")
            finally:
                con.unregister("near_links")
        stats.near_duplicates = len(matches)
    con.execute("UPDATE paragraphs SET lsh_version = ? WHERE lsh_version IS DISTINCT FROM ? "
                "AND paragraph_id IN (SELECT paragraph_id FROM staged_paragraphs)", [params.version, params.version])


# ------------------------------------------------------------------------------------------ boilerplate


def update_boilerplate(con: duckdb.DuckDBPyConnection, options: DedupOptions, stats: DedupStats) -> None:
    """Recount (host, canonical paragraph) pairs this load touched; record which articles must be rebuilt.

    Fills the temp table ``rebuild_ids``: the staged articles, and the stored articles of a host whose
    boilerplate gained or lost one of the paragraphs they contain.
    """
    con.execute("""
        CREATE OR REPLACE TEMP TABLE bp_roots AS
        SELECT DISTINCT coalesce(p.near_duplicate_of, p.paragraph_id) AS root
        FROM paragraphs p
        WHERE p.paragraph_id IN (SELECT paragraph_id FROM staged_paragraphs UNION ALL
                                 SELECT paragraph_id FROM touched_paragraphs)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE bp_members AS
        SELECT p.paragraph_id, coalesce(p.near_duplicate_of, p.paragraph_id) AS root
        FROM paragraphs p
        WHERE coalesce(p.near_duplicate_of, p.paragraph_id) IN (SELECT root FROM bp_roots)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE bp_counts AS
        SELECT a.host, m.root, count(DISTINCT ap.article_id) AS n
        FROM article_paragraphs ap
        JOIN bp_members m USING (paragraph_id)
        JOIN articles a USING (article_id)
        WHERE a.host IN (SELECT DISTINCT host FROM articles WHERE article_id IN (SELECT article_id FROM staged_articles))
        GROUP BY ALL""")
    # pairs whose state flips: newly at the threshold, or below it again (a revision dropped the paragraph)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE bp_changed AS
        SELECT c.host, c.root, c.n >= $min AS boiler
        FROM bp_counts c LEFT JOIN host_boilerplate b ON b.host = c.host AND b.paragraph_id = c.root
        WHERE (c.n >= $min) <> (b.paragraph_id IS NOT NULL)
        UNION ALL
        SELECT b.host, b.paragraph_id, false FROM host_boilerplate b
        WHERE b.paragraph_id IN (SELECT root FROM bp_roots)
          AND b.host IN (SELECT DISTINCT host FROM articles WHERE article_id IN (SELECT article_id FROM staged_articles))
          AND NOT EXISTS (SELECT 1 FROM bp_counts c WHERE c.host = b.host AND c.root = b.paragraph_id)""",
                {"min": options.boilerplate_min_articles})
    marked = con.execute("SELECT count(*) FILTER (WHERE boiler), count(*) FILTER (WHERE NOT boiler) FROM bp_changed").fetchall()[0]
    stats.boilerplate_marked, stats.boilerplate_cleared = int(marked[0]), int(marked[1])
    con.execute("DELETE FROM host_boilerplate USING bp_changed x WHERE NOT x.boiler "
                "AND host_boilerplate.host = x.host AND host_boilerplate.paragraph_id = x.root")
    con.execute("""
        INSERT INTO host_boilerplate (host, paragraph_id, article_count, marked_at)
        SELECT c.host, c.root, c.n, now() FROM bp_changed x JOIN bp_counts c USING (host, root) WHERE x.boiler""")
    # keep the counts of pairs that stay boilerplate current (cheap: only touched pairs)
    con.execute("""
        UPDATE host_boilerplate SET article_count = c.n FROM bp_counts c
        WHERE host_boilerplate.host = c.host AND host_boilerplate.paragraph_id = c.root
          AND host_boilerplate.article_count <> c.n""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rebuild_ids AS
        SELECT article_id FROM staged_articles
        UNION
        SELECT ap.article_id
        FROM bp_changed x
        JOIN bp_members m USING (root)
        JOIN article_paragraphs ap USING (paragraph_id)
        JOIN articles a ON a.article_id = ap.article_id AND a.host = x.host""")
    for name in ("bp_roots", "bp_members", "bp_counts", "bp_changed"):
        con.execute(f"DROP TABLE IF EXISTS {name}")


# ------------------------------------------------------------------------------------------ text rebuild

_REBUILD_OCCURRENCES = """
CREATE OR REPLACE TEMP TABLE rebuilt AS
WITH occ AS (
    SELECT ap.article_id, ap.position, ap.text_start AS old_start, coalesce(ap.text, p.text) AS text,
           coalesce(ap.boilerplate, false) AS old_boilerplate,
           hb.paragraph_id IS NOT NULL AS boilerplate,
           ap.repeat_of IS NULL AND hb.paragraph_id IS NULL AS kept
    FROM article_paragraphs ap
    JOIN rebuild_ids r USING (article_id)
    JOIN articles a USING (article_id)
    JOIN paragraphs p ON p.paragraph_id = ap.paragraph_id
    LEFT JOIN host_boilerplate hb ON hb.host = a.host AND hb.paragraph_id = coalesce(p.near_duplicate_of, p.paragraph_id)
),
final AS (
    SELECT *,
           CASE WHEN kept THEN coalesce(sum(CASE WHEN kept THEN length(text) + 2 END) OVER (
               PARTITION BY article_id ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
           END AS new_start
    FROM occ
)
SELECT * FROM final
"""


def rebuild_texts(con: duckdb.DuckDBPyConnection, stats: DedupStats) -> None:
    """Rebuild text, paragraph offsets and mention/statement offsets of the articles in ``rebuild_ids``."""
    con.execute(_REBUILD_OCCURRENCES)
    con.execute("UPDATE articles SET boilerplate_count = 0 WHERE boilerplate_count IS NULL "
                "AND article_id IN (SELECT article_id FROM rebuild_ids)")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE rebuilt_moved AS
        SELECT article_id, position, old_start, new_start FROM rebuilt
        WHERE old_start IS DISTINCT FROM new_start OR boilerplate <> old_boilerplate""")
    if not con.execute("SELECT count(*) FROM rebuilt_moved").fetchall()[0][0]:
        con.execute("DROP TABLE IF EXISTS rebuilt")
        con.execute("DROP TABLE IF EXISTS rebuilt_moved")
        return
    con.execute("""
        UPDATE article_paragraphs SET boilerplate = r.boilerplate, text_start = r.new_start,
               text_end = r.new_start + length(r.text)
        FROM rebuilt r
        WHERE article_paragraphs.article_id = r.article_id AND article_paragraphs.position = r.position
          AND (article_paragraphs.text_start IS DISTINCT FROM r.new_start
               OR coalesce(article_paragraphs.boilerplate, false) <> r.boilerplate)""")
    texts = """
        SELECT article_id, nullif(string_agg(text, '\n\n' ORDER BY position) FILTER (WHERE kept), '') AS text,
               count(*) FILTER (WHERE boilerplate) AS boilerplate_count
        FROM rebuilt WHERE article_id IN (SELECT DISTINCT article_id FROM rebuilt_moved) GROUP BY article_id"""
    stats.texts_rebuilt = int(con.execute(f"SELECT count(*) FROM ({texts})").fetchall()[0][0])
    con.execute(f"""
        UPDATE articles SET text = t.text, boilerplate_count = t.boilerplate_count
        FROM ({texts}) t WHERE articles.article_id = t.article_id""")
    # mentions and statements point into articles.text: move them with their paragraph, drop those in chrome
    for table in ("entity_mentions", "ceasefire_statements"):
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE moved_rows AS
            SELECT x.* REPLACE (x.start_char - m.old_start + m.new_start AS start_char,
                                x.end_char - m.old_start + m.new_start AS end_char)
            FROM {table} x JOIN rebuilt_moved m USING (article_id, position)
            WHERE m.new_start IS NOT NULL AND m.old_start IS NOT NULL""")
        con.execute(f"DELETE FROM {table} USING rebuilt_moved m "
                    f"WHERE {table}.article_id = m.article_id AND {table}.position = m.position")
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM moved_rows")
    for name in ("rebuilt", "rebuilt_moved", "moved_rows"):
        con.execute(f"DROP TABLE IF EXISTS {name}")


# ------------------------------------------------------------------------------------------ stories


def update_stories(con: duckdb.DuckDBPyConnection, options: DedupOptions, stats: DedupStats) -> None:
    # only the articles that share a content paragraph with this load's articles are read, so the cost follows
    # the batch, not the size of the database
    content = """
        SELECT DISTINCT ap.article_id, coalesce(p.near_duplicate_of, p.paragraph_id) AS root
        FROM article_paragraphs ap JOIN paragraphs p USING (paragraph_id)
        WHERE ap.repeat_of IS NULL AND NOT coalesce(ap.boilerplate, false) AND p.char_count >= $min_chars"""
    limits = {"min_chars": options.story_min_chars}
    con.execute(f"CREATE OR REPLACE TEMP TABLE story_mine AS {content} "
                "AND ap.article_id IN (SELECT article_id FROM staged_articles)", limits)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE story_members AS
        SELECT paragraph_id, coalesce(near_duplicate_of, paragraph_id) AS root FROM paragraphs
        WHERE coalesce(near_duplicate_of, paragraph_id) IN (SELECT root FROM story_mine)""")
    con.execute(f"CREATE OR REPLACE TEMP TABLE story_others AS {content} "
                "AND ap.paragraph_id IN (SELECT paragraph_id FROM story_members)", limits)
    con.execute(f"CREATE OR REPLACE TEMP TABLE story_roots AS {content} "
                "AND ap.article_id IN (SELECT article_id FROM story_others)", limits)
    pairs = con.execute("""
        WITH shared AS (
            SELECT m.article_id AS a, r.article_id AS b, count(*) AS k
            FROM story_mine m JOIN story_others r ON r.root = m.root AND r.article_id <> m.article_id
            GROUP BY ALL
        ),
        sizes AS (SELECT article_id, count(*) AS n FROM story_roots GROUP BY 1)
        SELECT a, b FROM shared
        JOIN sizes sa ON sa.article_id = a JOIN sizes sb ON sb.article_id = b
        WHERE k >= least($min_shared, least(sa.n, sb.n)) AND k >= $overlap * least(sa.n, sb.n)
        """, {"min_shared": options.story_min_shared, "overlap": options.story_min_overlap}).fetchall()
    for name in ("story_mine", "story_members", "story_others"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    con.execute("DROP TABLE IF EXISTS story_roots")
    staged = [r[0] for r in con.execute(
        "SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM staged_articles) "
        "AND status IN ('ok', 'empty') AND text IS NOT NULL").fetchall()]
    # the component of each staged article: its matches, and every article already in their stories
    seeds = sorted({*staged, *(a for a, _ in pairs), *(b for _, b in pairs)})
    if not seeds:
        return
    con.register("story_seeds", pa.table({"article_id": pa.array(seeds, pa.string())}))
    try:
        members = con.execute("""
            SELECT article_id, story_id, coalesce(published_at, fetched_at) AS at
            FROM articles
            WHERE article_id IN (SELECT article_id FROM story_seeds)
               OR story_id IN (SELECT story_id FROM articles SEMI JOIN story_seeds USING (article_id))""").fetchall()
    finally:
        con.unregister("story_seeds")
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    when = {}
    old_story = {}
    for article_id, story_id, at in members:
        when[article_id] = at
        old_story[article_id] = story_id
        find(article_id)
        if story_id is not None and story_id != article_id:
            union(article_id, story_id)
    for a, b in pairs:
        union(a, b)
    components: dict[str, list[str]] = defaultdict(list)
    for article_id in when:
        components[find(article_id)].append(article_id)
    updates = []
    for articles in components.values():
        # the first published article names the story; ties (and missing dates) by id, so any order agrees
        first = min(articles, key=lambda a: (when[a] is None, when[a] or 0, a))
        updates.extend((a, first) for a in articles if old_story.get(a) != first)
    if not updates:
        return
    touched = sorted({s for s in old_story.values() if s} | {s for _, s in updates})
    con.register("story_updates", pa.table({
        "article_id": pa.array([a for a, _ in updates], pa.string()),
        "story_id": pa.array([s for _, s in updates], pa.string()),
    }))
    con.register("story_touched", pa.table({"story_id": pa.array(touched, pa.string())}))
    try:
        con.execute("UPDATE articles SET story_id = u.story_id FROM story_updates u WHERE articles.article_id = u.article_id")
        con.execute("DELETE FROM stories WHERE story_id IN (SELECT story_id FROM story_touched)")
        con.execute("""
            INSERT INTO stories (story_id, first_article_id, first_published_at, last_published_at, title,
                                 article_count, outlet_count, outlets, updated_at)
            SELECT story_id, story_id, min(coalesce(published_at, fetched_at)), max(coalesce(published_at, fetched_at)),
                   arg_min(title, coalesce(published_at, fetched_at)) FILTER (WHERE article_id = story_id),
                   count(*), count(DISTINCT host), list(DISTINCT host ORDER BY host), now()
            FROM articles WHERE story_id IN (SELECT story_id FROM story_touched) GROUP BY story_id""")
    finally:
        con.unregister("story_updates")
        con.unregister("story_touched")
    stats.stories_changed = len(touched)
