"""Stages 3+4 for one article: extraction and in-article dedup, as one picklable function for worker processes."""

from __future__ import annotations

import logging
import signal
from dataclasses import replace

from ..dedup.exact import content_hash, dedup_paragraphs
from ..extract.budget import ExtractionTimeout, time_budget
from ..extract.core import extract_article
from ..records import FeedEntry, FetchResult, ParagraphOccurrence, ProcessedArticle
from ..settings import default

log = logging.getLogger(__name__)

#: seconds one page's extraction may take by default (the ``extract_timeout`` setting)
EXTRACT_TIMEOUT: float = default("extract_timeout")


def process_article(entry: FeedEntry, fetch: FetchResult, budget: float | None = EXTRACT_TIMEOUT) -> ProcessedArticle:
    """Turn one fetch into a loadable article. A failed fetch becomes a ``failed`` row (retried on a later pass).

    ``budget``: seconds the extraction and in-article dedup of the page may take (:mod:`pipeline.extract.budget`);
    past it the article is ``failed`` with ``error_kind`` ``extract_timeout`` (retried on later passes, and given
    up after the usual attempts), its response kept in the WARC archive, and the batch goes on."""
    if not fetch.ok:
        from ..extract.pagekind import blocked_response

        blocked = blocked_response(fetch)  # a 403/429/503 anti-bot challenge: `blocked`, retried as failures are
        if blocked is not None:
            return ProcessedArticle(entry=entry, fetch=_without_body(fetch), status="blocked", extracted=blocked)
        return ProcessedArticle(entry=entry, fetch=fetch, status="failed", extracted=None)
    if _empty_body(fetch):
        # a 200 that carries no page (a CDN that cached an empty response, a server restarting) is no article
        # with no text: a failure that says why, retried on later passes as other failures are
        why = f"HTTP {fetch.http_status} with an empty body: the server sent no page"
        return ProcessedArticle(entry=entry, fetch=replace(fetch, body=None, error_kind="empty_body", error=why),
                                status="failed", extracted=None)
    try:
        with time_budget(budget):
            return _extracted(entry, fetch)
    except ExtractionTimeout:
        why = f"extraction took longer than {budget:g} s (the per-page budget, extract_timeout): stopped"
        log.warning("%s: %s", fetch.url, why)
        return ProcessedArticle(entry=entry, fetch=replace(fetch, body=None, error_kind="extract_timeout", error=why),
                                status="failed", extracted=None)


def _extracted(entry: FeedEntry, fetch: FetchResult) -> ProcessedArticle:
    extracted = extract_article(fetch, fallback_text=entry.summary)
    if extracted.status == "unsupported":
        return ProcessedArticle(entry=entry, fetch=_without_body(fetch), status="unsupported", extracted=extracted)
    occurrences, text = dedup_paragraphs(extracted.paragraphs)
    return ProcessedArticle(
        entry=entry,
        fetch=_without_body(fetch),
        status=extracted.status,
        extracted=extracted,
        occurrences=with_index_keys(occurrences),
        text=text or None,
        content_hash=content_hash(text) if text else None,
    )


def _empty_body(fetch: FetchResult) -> bool:
    """The response has no bytes but white space, and is not a non-HTML one whose body was never read
    (``unsupported``: pipeline.fetch.http skips those bodies)."""
    from ..extract.core import is_html_like

    content_type = fetch.content_type
    return not (fetch.body or b"").strip() and (not content_type or is_html_like(content_type, None))


def with_index_keys(occurrences: tuple[ParagraphOccurrence, ...]) -> tuple[ParagraphOccurrence, ...]:
    """First occurrences with their near-duplicate index keys: MinHash work done here, in the worker processes,
    keeps it off the single loader (pipeline.dedup.crossdedup only looks the keys up)."""
    from ..dedup.neardup import index_keys
    from ..options import DEFAULT_NEAR_DUP

    firsts = [i for i, o in enumerate(occurrences) if o.repeat_of is None]
    keys = dict(zip(firsts, index_keys([occurrences[i].text for i in firsts])))
    return tuple(
        replace(o, lsh_version=DEFAULT_NEAR_DUP.version, lsh_words=keys[i][0], lsh_buckets=keys[i][1]) if i in keys else o
        for i, o in enumerate(occurrences)
    )


def _without_body(fetch: FetchResult) -> FetchResult:
    """Drop the raw body once it is processed: it is the bulk of a batch's memory and the loader never needs it."""
    return replace(fetch, body=None)


def worker_context(method: str):
    """The multiprocessing context the extraction pool starts its workers with.

    Ctrl-C reaches every process of the terminal's foreground group, workers included: a worker still loading
    its model died with a KeyboardInterrupt traceback of its own, while the pass itself stops them (and says
    so, once). So workers never see SIGINT: the forkserver they are forked from is started with SIGINT
    blocked, which they inherit from birth (the initializer, :func:`warm_up`, would come too late: a worker
    imports this package first). SIGTERM stays deliverable: the pool stops broken and interrupted workers with
    it, and its default action ends a process without a traceback.
    """
    import multiprocessing
    import multiprocessing.forkserver

    if method == "forkserver":
        # the forkserver loads the models once (on its first start in this process), its workers are forked warm
        multiprocessing.set_forkserver_preload(["pipeline.run.worker_preload"])
        # blocked, not ignored: a Ctrl-C arriving meanwhile stays pending for this process instead of being lost
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            multiprocessing.forkserver.ensure_running()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return multiprocessing.get_context(method)


def warm_up() -> None:
    """Worker initializer: pay the import and model-loading cost once per process, not per article."""
    # a worker never acts on Ctrl-C (the pass stops it); already so from a forkserver of worker_context, here
    # for the other start methods and for a forkserver that something else started first
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import trafilatura  # noqa: F401

    from ..extract.core import warm_up as warm_up_extraction
    from ..nlp.model import load_nlp

    warm_up_extraction()  # the language model and dateparser's locale tables, once per worker
    # called as analyse_paragraphs calls it: lru_cache keys load_nlp() and load_nlp(None) apart, so a bare
    # load_nlp() here had every worker load (and keep) the model twice
    load_nlp(None)
