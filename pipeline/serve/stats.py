"""``newsdesk stats``: what is in a database at a glance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..store.compact import stale_copies
from ..store.core import connect, scalar
from ..store.migrations import sql_dir

MAX_DAYS = 1_000_000  # DuckDB's intervals and timestamps overflow not far beyond (some 2,700 years)

# A host is pointed at when today's share of bad extractions (empty, short, not an article: the view
# extraction_health_v) is this much above its share over the previous days, on at least this many pages today.
HEALTH_MIN_ARTICLES = 5
HEALTH_MIN_JUMP = 0.3
HEALTH_BASELINE_DAYS = 7
_HEALTH_KINDS = ("empty", "short", "paywalled", "consent", "blocked", "js_required", "error_page")

TABLES = ("feeds", "feed_entries", "articles", "paragraphs", "article_paragraphs", "entities", "entity_mentions",
          "ceasefire_statements", "quotes", "runs")


@dataclass
class Stats:
    counts: dict[str, int]
    last_run: dict | None
    repeats_removed: int
    shared_paragraph_occurrences: int
    articles_by_status: dict[str, int]
    not_analysed: dict[str, int]
    top_speakers: list[tuple[str, int]] = field(default_factory=list)  # (English name, distinct stories)
    top_entities: list[tuple[str, str, int]] = field(default_factory=list)
    # hosts whose share of empty, short or not-article pages jumped today (extraction_health_v): one dict each
    extraction_jumps: list[dict] = field(default_factory=list)
    # files a killed compaction left beside the database ({"path", "bytes"} each): disk nothing reads, which only
    # the next compaction or `newsdesk prune-cache` removes (pipeline.store.compact.stale_copies)
    stale_compaction_copies: list[dict] = field(default_factory=list)


def collect(db: Path | str, *, days: int = 7, top: int = 10, lock_timeout: float = 60.0) -> Stats:
    for name, value, most in (("days", days, MAX_DAYS), ("top", top, 10_000)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise ConfigError(f"stats: {name} must be a whole number from 1 to {most:,}, got {value!r}")
    window = {"days": days, "top": top}
    with connect(db, read_only=True, lock_timeout=lock_timeout) as con:
        counts = {t: int(scalar(con, f"SELECT count(*) FROM {t}")) for t in TABLES}
        cursor = con.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT 1")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        last_run = dict(zip(columns, rows[0])) if rows else None
        since = "now() - to_days(CAST($days AS INTEGER))"
        _english_names_macro(con)
        return Stats(
            counts=counts,
            last_run=last_run,
            repeats_removed=int(scalar(con, "SELECT count(*) FROM article_paragraphs WHERE repeat_of IS NOT NULL")),
            shared_paragraph_occurrences=int(scalar(
                con, "SELECT count(*) FROM article_paragraphs ap JOIN paragraphs p USING (paragraph_id) "
                     "WHERE ap.repeat_of IS NULL AND p.article_count > 1")),
            articles_by_status=dict(con.execute("SELECT status, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            not_analysed=dict(con.execute(
                "SELECT coalesce(nlp_status, 'unknown'), count(*) FROM articles WHERE status <> 'failed' "
                "AND coalesce(nlp_status, '') <> 'analysed' GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            top_speakers=con.execute(_TOP_SPEAKERS.format(since=since), window).fetchall(),
            top_entities=con.execute(
                f"SELECT e.name, e.label, count(*) FROM entity_mentions m JOIN entities e USING (entity_id) "
                f"JOIN articles a USING (article_id) WHERE a.fetched_at >= {since} "
                "GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT $top", window).fetchall(),
            extraction_jumps=extraction_jumps(con),
            stale_compaction_copies=_stale_compaction_copies(db),
        )


# Speakers by entity, under its English name, counted in distinct stories (a syndicated copy of a story is not a
# second statement). A Cyrillic entity's English name is the macro english_names' (sql/macros/english_names.sql:
# Аркадий Белов -> Arkadiy Belov -> "Arkady Belov"), asked only for the speakers of the window: its Jaro-Winkler
# pairing over every Cyrillic entity of the database grew with the database on every call. A speaker linked to no
# entity counts under its name as written.
_TOP_SPEAKERS = """
WITH said AS (
    SELECT s.speaker, s.speaker_entity_id, coalesce(a.story_id, a.article_id) AS story
    FROM ceasefire_statements s
    JOIN articles a USING (article_id)
    WHERE s.speaker IS NOT NULL AND a.fetched_at >= {since}
),
english AS (
    SELECT * FROM english_names((SELECT list(DISTINCT speaker_entity_id) FROM said))
)
SELECT coalesce(en.name, e.name, s.speaker) AS speaker, count(DISTINCT s.story) AS stories
FROM said s
LEFT JOIN entities e ON e.entity_id = s.speaker_entity_id
LEFT JOIN english en ON en.entity_id = s.speaker_entity_id
GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $top
"""


def _english_names_macro(con) -> None:
    """Make sure english_names exists: a file an older version wrote has not got it, and a read-only connection
    cannot add it to the file, so it is added for this connection only (a temporary macro)."""
    if scalar(con, "SELECT count(*) FROM duckdb_functions() WHERE function_name = 'english_names'"):
        return
    sql = (sql_dir() / "macros" / "english_names.sql").read_text(encoding="utf-8")
    con.execute(sql.replace("CREATE OR REPLACE MACRO", "CREATE OR REPLACE TEMP MACRO", 1))


def _stale_compaction_copies(db: Path | str) -> list[dict]:
    found = []
    for path in stale_copies(db):
        try:
            found.append({"path": str(path), "bytes": path.stat().st_size})
        except FileNotFoundError:  # removed meanwhile (a compaction or prune-cache just started)
            continue
    return found


_JUMPS = f"""
WITH today AS (
    SELECT * FROM extraction_health_v WHERE day = CAST(timezone('UTC', now()) AS DATE)
),
before AS (
    SELECT host, sum(responded) AS responded, sum(bad) AS bad FROM extraction_health_v
    WHERE day >= CAST(timezone('UTC', now()) AS DATE) - CAST($baseline_days AS INTEGER) AND day < CAST(timezone('UTC', now()) AS DATE)
    GROUP BY host
)
SELECT t.host, t.day, t.responded, t.bad, t.bad_share, coalesce(round(b.bad / nullif(b.responded, 0), 4), 0),
       coalesce(b.responded, 0), {", ".join(f"t.{k}" for k in _HEALTH_KINDS)}
FROM today t LEFT JOIN before b USING (host)
WHERE t.responded >= $min_articles AND t.bad_share - coalesce(b.bad / nullif(b.responded, 0), 0) >= $min_jump
ORDER BY t.bad_share - coalesce(b.bad / nullif(b.responded, 0), 0) DESC, t.host
"""


def extraction_jumps(con, *, min_articles: int = HEALTH_MIN_ARTICLES, min_jump: float = HEALTH_MIN_JUMP,
                     baseline_days: int = HEALTH_BASELINE_DAYS) -> list[dict]:
    """Hosts whose share of bad extractions today (UTC) is ``min_jump`` above their previous ``baseline_days``
    (0 for a host new today), on at least ``min_articles`` pages: a layout change or a new wall, the day it
    happens. Empty for a database without the view (a file no current version has written to yet)."""
    if not scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'extraction_health_v'"):
        return []
    rows = con.execute(_JUMPS, {"min_articles": min_articles, "min_jump": min_jump,
                                "baseline_days": baseline_days}).fetchall()
    out = []
    for host, day, responded, bad, share, previous, previous_articles, *kinds in rows:
        out.append({"host": host, "day": str(day), "articles": responded, "bad": bad, "bad_share": share,
                    "previous_share": previous, "previous_articles": previous_articles,
                    "kinds": {k: n for k, n in zip(_HEALTH_KINDS, kinds) if n}})
    return out
