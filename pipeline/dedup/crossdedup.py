"""Cross-article dedup, run by the loader inside each load's transaction (the only writer sees all articles).

    near-duplicates  the LSH buckets of each paragraph not yet checked (made by the extraction worker,
                     pipeline.dedup.neardup.index_keys, or here when it did not) are joined with the stored index
                     (``paragraph_lsh``), candidates verified exactly on their text, the best linked
                     (``paragraphs.near_duplicate_of``) and the buckets added to the index; the same update
                     writes each paragraph's ``chrome_key`` (the boilerplate step's verbatim key)
    boilerplate      a paragraph whose verbatim copies are found in at least ``boilerplate_min_articles``
                     articles of one host is that host's chrome (``host_boilerplate``); see *Site chrome* below
    text rebuild     ``articles.text`` of every article whose boilerplate changed is rebuilt from its
                     occurrences (as written, ``coalesce(article_paragraphs.text, paragraphs.text)``), with the
                     paragraph offsets, and the entity/statement offsets shifted to match; nothing is deleted
                     but the mentions inside paragraphs that left the text as chrome
    stories          articles sharing most of their (non-chrome, long enough) canonical paragraphs are one story;
                     connected articles share ``story_id`` = the first-published article's id, so the clusters
                     do not depend on arrival order; ``stories`` is refreshed for every story that changed

Site chrome (issue #15) is told from templated reporting by two things, never by similarity alone:

    verbatim   copies count as one chrome paragraph only when they have the same words in the same order (case,
               punctuation, quotes and spacing aside: ``paragraphs.chrome_key``, :data:`CHROME_KEY_SQL`). A
               site's chrome is printed by its templates word for word; results, market reports, automated
               wires and live pages repeat sentence *shapes* with other names, places, numbers and days, which
               the near-duplicate rule (half the word pairs shared, meant for edited wire copy) links but which
               are the story itself. One word or number that differs makes another paragraph.
    position   chrome sits at the edges of a body, so only the leading run (no body paragraph before it) and
               the trailing run (none after it) of an article's chrome paragraphs leave its text. A verbatim
               repeat between body paragraphs stays: there it is far more often a templated sentence of the
               story ("Kick-off times can change at short notice") than a disclaimer the site prints mid-story.
               In-article repeats (``repeat_of``) are not in the text anyway, and headings (a headline the
               extractor kept, a section title) are no body: neither breaks a run.
    never empty  an article that would be left with no paragraph, or with nothing but headings (short lines
               without a sentence's closing punctuation, :data:`HEADING_SQL`), keeps every paragraph in its
               text and says so (``articles.boilerplate_kept``); ``status='ok'`` never comes with an empty text.

``host_boilerplate`` lists the chrome found (one row per host and chrome_key, ``paragraph_id`` the smallest id
of its copies); ``article_paragraphs.boilerplate`` flags the occurrences that left the text as chrome (an
in-article repeat is left out as a repeat: ``repeat_of``), ``articles.boilerplate_count`` counts them.

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

from ..extract.pagekind import NOT_ARTICLE_STATUSES
from ..options import DedupOptions, NearDupParams
from ..store.core import LoadContext
from .neardup import best_matches, hasher_for

log = logging.getLogger(__name__)

# paragraphs.lsh_key, the near-duplicate index's integer name for a paragraph (:func:`lsh_key` in SQL), written
# by the paragraphs load step
LSH_KEY_SQL = "TRY_CAST('0x' || substr({col}, 1, 15) AS BIGINT)"

HOST_SQL = r"regexp_replace(lower(regexp_extract({col}, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)', 1)), '^www\.', '')"

# paragraphs.chrome_key: the paragraph's words (letters and digits, lower-cased) hashed, so copies differing only
# in case, punctuation, quotes or spacing share it; a paragraph with no word keys on its lower-cased text. Written
# as migration 0011 writes it (a test keeps the two equal); 60 bits of MD5, so it is stable across versions.
CHROME_KEY_SQL = (r"TRY_CAST('0x' || substr(md5(coalesce(nullif(trim(regexp_replace(regexp_replace(lower({col}), "
                  r"'[^\pL\pN ]+', ' ', 'g'), '  +', ' ', 'g')), ''), lower({col}))), 1, 15) AS BIGINT)")
# (two passes: matching only the punctuation and the rare runs of spaces is four times cheaper than matching
# every gap between two words)

# A paragraph that is no more than a heading: short, and without a sentence's closing punctuation (perhaps inside
# quotes or brackets). A body left with only such lines once its chrome is out has lost its story.
HEADING_MAX_CHARS = 150
HEADING_SQL = (f"(length({{col}}) <= {HEADING_MAX_CHARS} AND "
               r"""NOT regexp_matches(right(rtrim({col}), 4), '[.!?…。！？؟।][''"”’»)\]]*$'))""")


@dataclass(frozen=True)
class Loaded:
    """The relations of the current load that cross-article dedup reads, by the names the loader gives them."""

    articles: str  # the staged articles (article_id)
    paragraphs: str  # the staged paragraphs (paragraph_id; lsh_version, lsh_words, lsh_buckets when keyed)
    replaced: str | None = None  # (paragraph_id) pairs the re-loaded articles had before this load, if any


@dataclass
class DedupStats:
    checked: int = 0  # paragraphs checked for near-duplicates in this load
    near_duplicates: int = 0
    boilerplate_marked: int = 0  # (host, paragraph) pairs that became boilerplate
    boilerplate_cleared: int = 0
    texts_rebuilt: int = 0
    boilerplate_kept: int = 0  # rebuilt articles that keep their chrome: without it nothing (or only headings) was left
    stories_changed: int = 0
    seconds: float = 0.0  # spent in this step (inside the load's transaction)


def load_step(ctx: LoadContext) -> dict[str, DedupStats]:
    """Load step, the last: cross-article dedup of a batch that carries articles (settings ``ctx.options.dedup``;
    the paragraphs re-loaded articles had before are ``ctx.state.replaced_pairs``, from the occurrences step)."""
    if not ctx.has("articles"):
        return {}
    loaded = Loaded(ctx.table("articles"), ctx.table("paragraphs"), ctx.state.replaced_pairs)
    return {"dedup": apply(ctx.con, ctx.options.dedup, loaded)}


def apply(con: duckdb.DuckDBPyConnection, options: DedupOptions | None, loaded: Loaded) -> DedupStats:
    """Run every step for the articles and paragraphs of the current load (``loaded``), inside its transaction."""
    options = options or DedupOptions()
    stats = DedupStats()
    if not options.enabled:
        return stats
    started = time.perf_counter()
    con.execute(f"UPDATE articles SET host = {HOST_SQL.format(col='canonical_url')} "
                f"WHERE article_id IN (SELECT article_id FROM {loaded.articles})")
    link_near_duplicates(con, options.near, stats, loaded.paragraphs)
    update_boilerplate(con, options, stats, loaded)
    rebuild_texts(con, stats)
    update_stories(con, options, stats, loaded.articles)
    stats.seconds = time.perf_counter() - started
    return stats


# ------------------------------------------------------------------------------------------ near-duplicates


def link_near_duplicates(con: duckdb.DuckDBPyConnection, params: NearDupParams, stats: DedupStats,
                         paragraphs: str) -> None:
    """Check the paragraphs of the relation ``paragraphs`` (the load's staged ones) that were not checked yet."""
    has_keys = "lsh_buckets" in {d[0] for d in con.execute(f"SELECT * FROM {paragraphs} LIMIT 0").description}
    # the worker's index keys (pipeline.dedup.neardup.index_keys) where it made them with these parameters; any row of a
    # paragraph will do: the keys are a function of the normalised text, which the paragraph id is the hash of
    staged = (f"""SELECT paragraph_id, any_value(lsh_words) FILTER (WHERE lsh_version = $version) AS lsh_words,
                         any_value(lsh_buckets) FILTER (WHERE lsh_version = $version) AS lsh_buckets
                  FROM {paragraphs} GROUP BY paragraph_id""" if has_keys else
              f"SELECT DISTINCT paragraph_id, NULL::INTEGER AS lsh_words, NULL::BLOB AS lsh_buckets FROM {paragraphs}")
    found = con.sql(f"""
        SELECT p.paragraph_id, p.text, p.lsh_version IS NOT NULL AS reindex, s.lsh_words, s.lsh_buckets,
               {CHROME_KEY_SQL.format(col="p.text")} AS chrome_key
        FROM paragraphs p JOIN ({staged}) s
          ON p.lsh_key = {LSH_KEY_SQL.format(col="s.paragraph_id")} AND p.paragraph_id = s.paragraph_id
        WHERE p.lsh_version IS DISTINCT FROM $version
        ORDER BY p.first_seen_at, p.paragraph_id""", params={"version": params.version}).to_arrow_table()
    if found.num_rows == 0:
        return
    new = list(zip(found.column("paragraph_id").to_pylist(), found.column("text").to_pylist()))
    stale = [lsh_key(pid) for (pid, _), again in zip(new, found.column("reindex").to_pylist()) if again]
    if stale:  # indexed under other parameters (or an older hash): their buckets would never match again
        con.register("stale_lsh", pa.table({"lsh_key": pa.array(stale, pa.int64())}))
        try:
            con.execute("DELETE FROM paragraph_lsh WHERE lsh_key IN (SELECT lsh_key FROM stale_lsh)")
        finally:
            con.unregister("stale_lsh")
    stats.checked = len(new)
    word_counts, buckets = _index_keys(found, params)
    keep = np.flatnonzero(word_counts >= params.min_words)
    indexable = [new[i] for i in keep.tolist()]
    matches: list = []
    if indexable:
        buckets = buckets[keep]
        keys = np.array([lsh_key(pid) for pid, _ in indexable], dtype=np.int64)
        order = np.repeat(np.arange(len(indexable), dtype=np.int32), params.bands)
        con.register("new_lsh", pa.table({
            "bucket": pa.array(buckets.reshape(-1), pa.int32()),
            "lsh_key": pa.array(keys[order], pa.int64()),
            "ord": pa.array(order, pa.int32()),
        }))
        try:
            # candidates: stored paragraphs sharing min_bands buckets, the max_candidates sharing the most, with
            # the text to verify them on (integers only until then: the join scans the whole index)
            stored = con.execute("""
                WITH hits AS (
                    SELECT n.ord, l.lsh_key FROM new_lsh n JOIN paragraph_lsh l USING (bucket)
                    GROUP BY n.ord, l.lsh_key HAVING count(*) >= $min_bands
                    QUALIFY row_number() OVER (PARTITION BY n.ord ORDER BY count(*) DESC, l.lsh_key) <= $top
                )
                SELECT h.ord, p.paragraph_id, p.text, coalesce(p.near_duplicate_of, p.paragraph_id)
                FROM hits h JOIN paragraphs p ON p.lsh_key = h.lsh_key
                """, {"min_bands": params.min_bands, "top": params.max_candidates}).fetchall()
            con.execute("INSERT INTO paragraph_lsh SELECT bucket, lsh_key FROM new_lsh")
        finally:
            con.unregister("new_lsh")
        texts: dict[str, str] = {}
        roots: dict[str, str] = {}
        candidates: dict[str, list[str]] = defaultdict(list)
        for a, pid, text, root in stored:
            texts[pid], roots[pid] = text, root
            candidates[indexable[a][0]].append(pid)
        # and earlier new ones of this load
        for a, b in _in_batch_candidates(buckets, params):
            candidates[indexable[a][0]].append(indexable[b][0])
        matches = best_matches(indexable, candidates, texts, roots, params, hasher_for(params))
        stats.near_duplicates = len(matches)
    # one update marks every checked paragraph as indexed, writes the links found and the paragraph's chrome_key
    # (for the boilerplate step: every paragraph is checked once, when first loaded) in one scan of `paragraphs`
    link = {m.paragraph_id: m for m in matches}
    con.register("checked", pa.table({
        "paragraph_id": pa.array([pid for pid, _ in new], pa.string()),
        "lsh_key": pa.array([lsh_key(pid) for pid, _ in new], pa.int64()),
        "canonical": pa.array([link[pid].canonical_id if pid in link else None for pid, _ in new], pa.string()),
        "similarity": pa.array([link[pid].similarity if pid in link else None for pid, _ in new], pa.float64()),
        "chrome_key": found.column("chrome_key"),
    }))
    try:
        con.execute("""
            UPDATE paragraphs SET lsh_version = $version,
                   near_duplicate_of = coalesce(c.canonical, paragraphs.near_duplicate_of),
                   near_duplicate_similarity = coalesce(c.similarity, paragraphs.near_duplicate_similarity),
                   chrome_key = c.chrome_key
            FROM checked c
            WHERE paragraphs.lsh_key = c.lsh_key AND paragraphs.paragraph_id = c.paragraph_id""",
                    {"version": params.version})
    finally:
        con.unregister("checked")


def lsh_key(paragraph_id: str) -> int:
    """The index's integer name for a paragraph (``paragraphs.lsh_key``): the first 60 bits of its id (a SHA-256
    prefix), so it fits a BIGINT and the index's joins compare integers. Two paragraphs sharing one (odds about
    1 in 2,000 at a billion paragraphs) are both fetched and verified on their text."""
    return int(paragraph_id[:15], 16)



def _in_batch_candidates(buckets: np.ndarray, params: NearDupParams) -> list[tuple[int, int]]:
    """(later, earlier) row pairs of ``buckets`` sharing at least ``min_bands`` buckets, each later row's
    ``max_candidates`` sharing the most (ties: the earlier row first). Sorting the batch's buckets once finds
    every shared bucket; only buckets held by two or more rows (few: copies, or chance) reach Python."""
    flat = buckets.reshape(-1)
    rows = np.repeat(np.arange(len(buckets)), buckets.shape[1])
    order = np.argsort(flat)  # (the order inside a run does not matter: pairs are counted both ways round)
    sorted_buckets, sorted_rows = flat[order], rows[order]
    edges = np.flatnonzero(np.concatenate(([True], sorted_buckets[1:] != sorted_buckets[:-1], [True])))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for run in np.flatnonzero(np.diff(edges) >= 2).tolist():
        members = sorted_rows[edges[run] : edges[run + 1]].tolist()
        for i, a in enumerate(members):
            for b in members[:i]:
                if a != b:
                    shared[max(a, b), min(a, b)] += 1
    best: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (a, b), count in shared.items():
        if count >= params.min_bands:
            best[a].append((-count, b))
    return [(a, b) for a, found in best.items() for _, b in sorted(found)[: params.max_candidates]]


def _index_keys(found: pa.Table, params: NearDupParams) -> tuple[np.ndarray, np.ndarray]:
    """Word counts and an ``(n, bands)`` bucket matrix for the rows of ``found``: the worker's keys where it
    made them, hashed here for the rest (reprocessed articles, other parameters, batches staged before)."""
    n = found.num_rows
    word_counts = np.zeros(n, dtype=np.int64)
    buckets = np.zeros((n, params.bands), dtype=np.int32)
    have = found.column("lsh_buckets").is_valid().to_numpy(zero_copy_only=False)
    if have.any():
        made = found.filter(pa.array(have))
        word_counts[have] = made.column("lsh_words").to_numpy()
        buckets[have] = np.frombuffer(b"".join(made.column("lsh_buckets").to_pylist()), dtype="<i4").reshape(-1, params.bands)
    missing = np.flatnonzero(~have)
    if len(missing):
        hasher = hasher_for(params)
        texts = found.column("text").take(pa.array(missing)).to_pylist()
        signatures, counts = hasher.hash(texts)
        word_counts[missing] = counts
        buckets[missing] = hasher.buckets(signatures)
    return word_counts, buckets


# ------------------------------------------------------------------------------------------ boilerplate

# Articles migration 0011 left to rebuild (boilerplate_kept NULL) are taken this many per load, so the first loads
# after the upgrade of a large file stay short transactions (`newsdesk reprocess --stages dedup` does all at once)
PENDING_REBUILDS_PER_LOAD = 20_000


def update_boilerplate(con: duckdb.DuckDBPyConnection, options: DedupOptions, stats: DedupStats, loaded: Loaded) -> None:
    """Recount the (host, chrome_key) pairs this load touched; record which articles must be rebuilt.

    A pair is chrome while its verbatim copies are in ``boilerplate_min_articles`` articles of the host,
    wherever they stand in them (where they stand decides, at the rebuild, whether they leave the text). Fills
    the temp table ``rebuild_ids``: the staged articles, the stored articles of a host whose chrome gained or
    lost one of the paragraphs they contain, and the articles migration 0011 left to be rebuilt.
    """
    staged_hosts = f"SELECT DISTINCT host FROM articles WHERE article_id IN (SELECT article_id FROM {loaded.articles})"
    # the paragraphs this load added or took away (those the re-loaded articles had before)
    loaded_paragraphs = f"SELECT paragraph_id FROM {loaded.paragraphs}" + (
        f" UNION ALL SELECT paragraph_id FROM {loaded.replaced}" if loaded.replaced else "")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE bp_keys AS
        SELECT DISTINCT chrome_key FROM paragraphs
        WHERE chrome_key IS NOT NULL AND paragraph_id IN ({loaded_paragraphs})""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE bp_members AS
        SELECT paragraph_id, chrome_key FROM paragraphs WHERE chrome_key IN (SELECT chrome_key FROM bp_keys)""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE bp_counts AS
        SELECT a.host, m.chrome_key, count(DISTINCT ap.article_id) AS n, min(m.paragraph_id) AS rep
        FROM article_paragraphs ap
        JOIN bp_members m USING (paragraph_id)
        JOIN articles a USING (article_id)
        WHERE a.host IN ({staged_hosts})
        GROUP BY ALL""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE bp_old AS
        SELECT host, chrome_key, paragraph_id, article_count, marked_at FROM host_boilerplate
        WHERE chrome_key IN (SELECT chrome_key FROM bp_keys) AND host IN ({staged_hosts})""")
    con.execute("CREATE OR REPLACE TEMP TABLE bp_new AS SELECT * FROM bp_counts WHERE n >= $min",
                {"min": options.boilerplate_min_articles})
    # pairs whose state flips: newly at the threshold, or below it again (a revision dropped the paragraph)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE bp_changed AS
        SELECT host, chrome_key, true AS boiler FROM bp_new ANTI JOIN bp_old USING (host, chrome_key)
        UNION ALL
        SELECT host, chrome_key, false FROM bp_old ANTI JOIN bp_new USING (host, chrome_key)""")
    marked = con.execute("SELECT count(*) FILTER (WHERE boiler), count(*) FILTER (WHERE NOT boiler) FROM bp_changed").fetchall()[0]
    stats.boilerplate_marked, stats.boilerplate_cleared = int(marked[0]), int(marked[1])
    # rows that went, or whose count or smallest copy moved, are written again (when first marked is kept)
    con.execute("""
        DELETE FROM host_boilerplate USING bp_old o
        WHERE host_boilerplate.host = o.host AND host_boilerplate.paragraph_id = o.paragraph_id
          AND NOT EXISTS (SELECT 1 FROM bp_new n WHERE n.host = o.host AND n.chrome_key = o.chrome_key
                                                   AND n.rep = o.paragraph_id AND n.n = o.article_count)""")
    con.execute("""
        INSERT INTO host_boilerplate (host, paragraph_id, article_count, marked_at, chrome_key)
        SELECT n.host, n.rep, n.n, coalesce(o.marked_at, now()), n.chrome_key
        FROM bp_new n LEFT JOIN bp_old o USING (host, chrome_key)
        WHERE o.host IS NULL OR o.paragraph_id <> n.rep OR o.article_count <> n.n""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rebuild_ids AS
        SELECT article_id FROM {loaded.articles}
        UNION
        SELECT ap.article_id
        FROM bp_changed x
        JOIN bp_members m USING (chrome_key)
        JOIN article_paragraphs ap USING (paragraph_id)
        JOIN articles a ON a.article_id = ap.article_id AND a.host = x.host
        UNION
        (SELECT article_id FROM articles WHERE boilerplate_kept IS NULL LIMIT $pending)""",
                {"pending": PENDING_REBUILDS_PER_LOAD})
    for name in ("bp_keys", "bp_members", "bp_counts", "bp_old", "bp_new", "bp_changed"):
        con.execute(f"DROP TABLE IF EXISTS {name}")


# ------------------------------------------------------------------------------------------ text rebuild

# Each occurrence of the articles to rebuild: whether it is chrome (a first occurrence whose chrome_key is the
# host's) or body (any other first occurrence that is more than a heading); chrome before the article's first
# body paragraph or after its last leaves the text (``boilerplate``), and an article with chrome but no body
# keeps everything (``keep_all``: without the chrome only headings would be left; its chrome compares with no
# body position, so it stays).
_REBUILD_OCCURRENCES = f"""
CREATE OR REPLACE TEMP TABLE rebuilt AS
WITH occ AS (
    SELECT ap.article_id, ap.position, ap.text_start AS old_start, coalesce(ap.text, p.text) AS text,
           coalesce(ap.boilerplate, false) AS old_boilerplate, ap.repeat_of IS NULL AS first,
           ap.repeat_of IS NULL AND hb.host IS NOT NULL AS chrome,
           CASE WHEN ap.repeat_of IS NULL AND hb.host IS NULL
                THEN NOT {HEADING_SQL.format(col="coalesce(ap.text, p.text)")} ELSE false END AS body
    FROM article_paragraphs ap
    JOIN rebuild_ids r USING (article_id)
    JOIN articles a USING (article_id)
    JOIN paragraphs p ON p.paragraph_id = ap.paragraph_id
    LEFT JOIN host_boilerplate hb ON hb.host = a.host AND hb.chrome_key = p.chrome_key
),
bounds AS (
    SELECT article_id, min(position) FILTER (WHERE body) AS first_body, max(position) FILTER (WHERE body) AS last_body,
           bool_or(chrome) AS has_chrome
    FROM occ GROUP BY article_id
),
final AS (
    SELECT *, first AND NOT boilerplate AS kept
    FROM (SELECT occ.*, b.has_chrome AND b.first_body IS NULL AS keep_all,
                 coalesce(chrome AND (position < b.first_body OR position > b.last_body), false) AS boilerplate
          FROM occ JOIN bounds b USING (article_id))
)
SELECT *,
       CASE WHEN kept THEN coalesce(sum(CASE WHEN kept THEN length(text) + 2 END) OVER (
           PARTITION BY article_id ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
       END AS new_start
FROM final
"""


def rebuild_texts(con: duckdb.DuckDBPyConnection, stats: DedupStats) -> None:
    """Rebuild text, paragraph offsets and mention/statement offsets of the articles in ``rebuild_ids``."""
    con.execute(_REBUILD_OCCURRENCES)
    con.execute("UPDATE articles SET boilerplate_count = 0 WHERE boilerplate_count IS NULL "
                "AND article_id IN (SELECT article_id FROM rebuild_ids)")
    _record_kept_chrome(con, stats)
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
    # (never NULL: an article with a paragraph keeps at least one, see _REBUILD_OCCURRENCES)
    texts = """
        SELECT article_id, string_agg(text, '\n\n' ORDER BY position) FILTER (WHERE kept) AS text,
               count(*) FILTER (WHERE boilerplate) AS boilerplate_count
        FROM rebuilt WHERE article_id IN (SELECT DISTINCT article_id FROM rebuilt_moved) GROUP BY article_id"""
    stats.texts_rebuilt = int(con.execute(f"SELECT count(*) FROM ({texts})").fetchall()[0][0])
    con.execute(f"""
        UPDATE articles SET text = t.text, boilerplate_count = t.boilerplate_count
        FROM ({texts}) t WHERE articles.article_id = t.article_id""")
    # mentions and statements point into articles.text: move them with their paragraph, drop those in chrome
    offsets = {"entity_mentions": ("start_char", "end_char"), "ceasefire_statements": ("start_char", "end_char"),
               "quotes": ("start_char", "end_char", "speaker_start", "speaker_end", "cue_start", "cue_end")}
    for table, columns in offsets.items():
        shifted = ", ".join(f"x.{c} - m.old_start + m.new_start AS {c}" for c in columns)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE moved_rows AS
            SELECT x.* REPLACE ({shifted})
            FROM {table} x JOIN rebuilt_moved m USING (article_id, position)
            WHERE m.new_start IS NOT NULL AND m.old_start IS NOT NULL""")
        con.execute(f"DELETE FROM {table} USING rebuilt_moved m "
                    f"WHERE {table}.article_id = m.article_id AND {table}.position = m.position")
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM moved_rows")
    for name in ("rebuilt", "rebuilt_moved", "moved_rows"):
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _record_kept_chrome(con: duckdb.DuckDBPyConnection, stats: DedupStats) -> None:
    """``articles.boilerplate_kept`` of every article rebuilt (false for those without paragraphs, so the ones
    migration 0011 left to rebuild are done), and a log line naming how many keep chrome they would have lost."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE kept_chrome AS
        SELECT r.article_id, coalesce(bool_or(b.keep_all), false) AS kept
        FROM rebuild_ids r LEFT JOIN rebuilt b USING (article_id) GROUP BY r.article_id""")
    stats.boilerplate_kept = int(con.execute("SELECT count(*) FROM kept_chrome WHERE kept").fetchall()[0][0])
    con.execute("""
        UPDATE articles SET boilerplate_kept = k.kept FROM kept_chrome k
        WHERE articles.article_id = k.article_id AND articles.boilerplate_kept IS DISTINCT FROM k.kept""")
    con.execute("DROP TABLE IF EXISTS kept_chrome")
    if stats.boilerplate_kept:
        log.info("%d articles are nothing but their site's chrome (or headings): their paragraphs stay in the "
                 "text (articles.boilerplate_kept)", stats.boilerplate_kept)


# ------------------------------------------------------------------------------------------ stories


def update_stories(con: duckdb.DuckDBPyConnection, options: DedupOptions, stats: DedupStats, articles: str) -> None:
    """Join the load's ``articles`` (a relation of article ids) to the stories whose articles they share most
    content paragraphs with."""
    # only the articles that share a content paragraph with this load's articles are read, so the cost follows
    # the batch, not the size of the database
    content = """
        SELECT DISTINCT ap.article_id, coalesce(p.near_duplicate_of, p.paragraph_id) AS root
        FROM article_paragraphs ap JOIN paragraphs p USING (paragraph_id)
        WHERE ap.repeat_of IS NULL AND NOT coalesce(ap.boilerplate, false) AND p.char_count >= $min_chars
          -- a wall's text (one consent dialog on every page of a site) would make its articles one story
          AND ap.article_id NOT IN (SELECT article_id FROM articles WHERE status IN ({not_articles}))"""
    content = content.format(not_articles=", ".join(f"'{s}'" for s in NOT_ARTICLE_STATUSES))
    limits = {"min_chars": options.story_min_chars}
    con.execute(f"CREATE OR REPLACE TEMP TABLE story_mine AS {content} "
                f"AND ap.article_id IN (SELECT article_id FROM {articles})", limits)
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
        f"SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM {articles}) "
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
