"""The load: an ordered list of steps, each owned by its feature, run in ONE transaction by the store.

:func:`pipeline.store.core.run_steps` knows no feature: it opens the transaction, registers the staged batch's Arrow
tables, runs the steps in order and adds up what they count. The steps, in order (:data:`STEPS`):

    articles.keep_stored_text            a failed or empty re-fetch of a stored text is dropped (pipeline/load/articles.py)
    articles.keep_newer_text             a capture older than the stored text (an old WARC imported) is dropped
    feeds.key_entries_to_stored_articles  entries under the id of the article their link is known for
    archive.load_records                 the WARC index of the batch's responses (pipeline/fetch/archive.py)
    feeds.load_polls                     each polled feed's state and health (pipeline/load/feeds.py)
    fetchlog.load_requests               every HTTP request (pipeline/load/fetchlog.py)
    robots.load_rules                    robots.txt files fetched (pipeline/fetch/robots.py)
    feeds.load_entries                   every entry the feeds listed
    articles.note_stored                 whether some staged article is stored already
    articles.load_articles               the articles: insert, or upsert with revisions and attempts
    paragraphs.forget_replaced           a re-loaded article's old occurrences (pipeline/load/paragraphs.py)
    paragraphs.load_paragraphs           the distinct paragraphs
    paragraphs.load_occurrences          where each stands in its articles; article counts moved
    nlp.load_analyses                    the NLP cache and each article's entities, statements, quotes
    articles.load_urls                   every URL an article was seen under
    crossdedup.load_step                 near-duplicates, site boilerplate, stories (pipeline/dedup/crossdedup.py)

A reprocess (:func:`reprocess_steps`) runs the same list with its own articles step (derived columns only) and
without the steps that concern fetching (stored text kept, newer text kept, entries re-keyed, URLs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import duckdb

from ..dedup import crossdedup
from ..dedup.crossdedup import DedupStats
from ..fetch import archive, robots
from ..options import DedupOptions
from ..store.core import LoadContext, LoadStep, run_steps
from ..store.staging import StagedBatch
from . import articles, feeds, fetchlog, nlp, paragraphs

STEPS: tuple[LoadStep, ...] = (
    articles.keep_stored_text,
    articles.keep_newer_text,
    feeds.key_entries_to_stored_articles,
    archive.load_records,
    feeds.load_polls,
    fetchlog.load_requests,
    robots.load_rules,
    feeds.load_entries,
    articles.note_stored,
    articles.load_articles,
    paragraphs.forget_replaced,
    paragraphs.load_paragraphs,
    paragraphs.load_occurrences,
    nlp.load_analyses,
    articles.load_urls,
    crossdedup.load_step,
)

_FETCH_ONLY = (articles.keep_stored_text, articles.keep_newer_text, feeds.key_entries_to_stored_articles, articles.load_urls)


def reprocess_steps(update_articles: LoadStep) -> tuple[LoadStep, ...]:
    """The steps of ``newsdesk reprocess``: ``update_articles`` in place of the articles step (derived columns
    only: attempts, fetch times, revisions and run ids stay), and none of the steps that concern fetching, so a
    reprocess replaces derived rows with what today's code makes of them."""
    return tuple(update_articles if step is articles.load_articles else step
                 for step in STEPS if step not in _FETCH_ONLY)


@dataclass(frozen=True)
class LoadOptions:
    """What the steps are told (``ctx.options``)."""

    max_attempts: int | None = None  # a failed article tried this often is marked ``dead``
    dedup: DedupOptions | None = None  # cross-article dedup settings


@dataclass
class LoadState:
    """What one step leaves for a later one (``ctx.state``)."""

    articles_stored_before: bool = True  # some staged article was stored before this load (articles.note_stored)
    replaced_pairs: str | None = None  # (paragraph_id, article_id) the re-loaded articles had (paragraphs.forget_replaced)


@dataclass(frozen=True)
class LoadStats:
    feeds: int = 0
    entries: int = 0
    articles: int = 0
    paragraphs_new: int = 0
    occurrences: int = 0
    mentions: int = 0
    statements: int = 0
    revisions: int = 0
    older_captures: int = 0  # staged articles captured before their stored text: left as stored
    requests: int = 0
    rows_written: int = 0  # rows inserted or updated across all tables (the load benchmark's numerator)
    dedup: DedupStats | None = None

    @property
    def tables_changed(self) -> list[str]:
        changed = []
        if self.feeds or self.entries:
            changed += ["feeds", "feed_entries"]
        if self.articles:
            changed += ["articles", "paragraphs", "article_paragraphs"]
        if self.mentions:
            changed += ["entities", "entity_mentions"]
        if self.statements:
            changed += ["ceasefire_statements"]
        return changed


def load_staged(
    con: duckdb.DuckDBPyConnection,
    batch: StagedBatch,
    run_id: int | None,
    *,
    max_attempts: int | None = None,
    batch_key: str | None = None,
    dedup: DedupOptions | None = None,
    steps: Sequence[LoadStep] = STEPS,
    before_commit: Callable[[duckdb.DuckDBPyConnection, LoadStats], None] | None = None,
) -> LoadStats:
    """Load every table of a staged batch in ONE transaction, with upserts.

    Loading the same batch twice adds no rows: feeds, entries and articles are upserted on their keys, an
    article's paragraph occurrences are replaced, paragraphs are inserted once. Counters (fetch attempts,
    feed failures) would count twice, so a caller that may retry a load after it committed (the Airflow
    loader) passes a ``batch_key``: it is recorded in ``loaded_batches`` in the same transaction, and a batch
    whose key is already there is skipped.

    ``max_attempts``: a failed article that has now been tried this often is marked ``dead``. A failed re-fetch
    of an article already stored with text is dropped (its text stays; the failure is in ``fetch_log``).

    Last, in the same transaction, cross-article dedup (:mod:`pipeline.dedup.crossdedup`, settings ``dedup``):
    near-duplicate links, site boilerplate (rebuilding the text of every article it changes) and stories.

    ``steps``: :data:`STEPS`, or those of a reprocess (:func:`reprocess_steps`). ``before_commit(con, stats)``:
    runs in the same transaction once the steps are done (a skipped batch never calls it).
    """
    context = LoadContext(batch, run_id, LoadOptions(max_attempts, dedup), LoadState(), batch_key=batch_key)
    hook = None if before_commit is None else (lambda c, counts: before_commit(c, _stats(counts)))
    return _stats(run_steps(con, steps, context, before_commit=hook))


def _stats(counts: dict) -> LoadStats:
    return LoadStats(**{f.name: counts[f.name] for f in fields(LoadStats) if f.name in counts})
