"""The NLP stage of a batch: reuse cached paragraph analyses, analyse the rest in the worker pool, resolve
per article, and stage the rows.

Each article goes by its language to its analyser: English (:mod:`.analyse`), French (:mod:`.french`) and
Russian (:mod:`.russian`). A model is loaded in a worker only when a chunk in its language reaches it, so an
English-only corpus never loads the others. An article in any other language (Ukrainian included) is marked
``nlp_status='no_model'`` so the data says what was not analysed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from ..extract.pagekind import NOT_ARTICLE_STATUSES
from ..records import ProcessedArticle
from ..store.staging import StagedBatch, table
from .analyse import analyse_paragraphs, analysis_version
from .attribution import AttributionSpan
from .detect import defined_truce_names, document_shaped
from .lexicon import Lexicon, load_lexicon
from .multilingual import ANALYSERS, analyse_in, language_lexicon, transliterate, version_of
from .multilingual import document_shaped as shaped_in
from .resolve import Quote, resolve_article, stored_kind
from .spans import EntitySpan, ParagraphAnalysis, StatementSpan

log = logging.getLogger(__name__)

CHUNK = 200  # paragraphs per worker task: big enough for nlp.pipe batching, small enough to spread over cores


@dataclass(frozen=True)
class NlpOptions:
    enabled: bool = True
    lexicon_path: str | None = None
    gazetteer: str | None = None


def nlp_status(article: ProcessedArticle, language: str = "en") -> str:
    """``analysed`` for an article in ``language`` or one of the other analysed languages, ``no_model`` for the
    rest (the language stays in ``articles.language``, so a user can count what was not analysed)."""
    if not article.text or article.status == "failed":
        return "no_text"
    if article.status in NOT_ARTICLE_STATUSES:  # a teaser or a wall's text: analysed once the article is fetched
        return "not_article"
    lang = article_language(article)
    return "analysed" if lang == language or lang in ANALYSERS else "no_model"


@dataclass(frozen=True)
class Chunk:
    """One worker task: paragraphs in article order, ``breaks`` where an item has no paragraph before it in the
    chunk (it opens an article, or the one before it was analysed earlier), ``context`` for items there only as
    the paragraph before the next one (analysed earlier, read again, not returned), ``names`` for an item opening
    a part of its article, the acronyms the article gave its truce before it, ``keys`` each item's context
    key (:func:`context_keys`; see :func:`article_chunks`), and ``continued`` the breaks whose run does not open
    its article (a gap: the run starts further on), where no rule that reads an article's first paragraphs may
    take the run's first ones for them."""

    items: list[tuple[str, str]]
    breaks: tuple[int, ...]
    context: tuple[int, ...]
    names: tuple[tuple[int, tuple[str, ...]], ...] = ()
    keys: tuple[str, ...] = ()
    continued: tuple[int, ...] = ()

    def returned_keys(self) -> list[str]:
        """The context keys of the analyses a worker returns for this chunk (the context items are not)."""
        return [key for i, key in enumerate(self.keys) if i not in self.context]


# what the cache keys an analysis by: the paragraph and the context its rules read
AnalysisKey = tuple[str, str]


def context_keys(paragraphs: Sequence[tuple[str, str]], lexicon: Lexicon | None, language: str | None = None
                 ) -> list[str]:
    """Per paragraph of an article, the hash of what its analysis reads beyond its own text: the paragraph before
    it (some rules read it: a quotation right after a paragraph about the truce is about it too) and the acronyms
    the article gave its truce before it ("the CoHA"). The same paragraph in another article, after another
    paragraph or without the acronym's definition, gets another key and an analysis of its own; a wire copy of
    the article (the same paragraph after the same paragraph) gets the same key and reuses the cached one.

    Every predecessor counts, not only those a rule finds something in: which paragraphs a rule reads is the
    rules' business, and a filter here that mirrored them would drift from them, giving back the defect.

    The rules of a page's shape (a column's byline, a live blog's time stamps, an interview's questions:
    :func:`.detect.document_shaped`, each rule's own first test) read the whole article, after a paragraph as well
    as before it: in an article where one may apply, every paragraph's key is the hash of the whole article, so a
    longer version of it, or the same paragraphs in another article, is another context, and :func:`article_chunks`
    hands a worker the whole article. A wire copy (the same text) still reuses every analysis.

    ``language`` names a French or Russian article's language: its own rules of a page's shape decide
    (:func:`.multilingual.document_shaped`), and it has no acronyms (``lexicon`` None)."""
    if _whole_article([text for _, text in paragraphs], lexicon, language):
        whole = hashlib.sha256("\x00".join(["article", *(text for _, text in paragraphs)]).encode("utf-8"))
        return [whole.hexdigest()[:16]] * len(paragraphs)
    keys = []
    for (_, before), names in zip([("", ""), *paragraphs[:-1]], _prior_names(paragraphs, lexicon)):
        context = "\x00".join([before, *names])
        keys.append(hashlib.sha256(context.encode("utf-8")).hexdigest()[:16])
    return keys


def article_chunks(articles: Sequence[Sequence[tuple[str, str]]], todo: set[AnalysisKey], size: int,
                   lexicon: Lexicon | None = None, language: str | None = None) -> list[Chunk]:
    """The paragraphs whose (paragraph id, context key) is in ``todo`` cut into chunks of about ``size`` along
    article lines, each with the paragraph before it in its article. Some rules read the paragraph before (a
    quotation right after a paragraph about the truce is about it too); fed a batch's new paragraphs back to back,
    they would read another article's paragraph, or skip over one that was cached, and the cached analysis would
    depend on its batch. A paragraph shared by two articles in the same context is analysed once, with the first.

    One rule reads the whole article before a paragraph: the acronym the article gave its truce ("the CoHA").
    With ``lexicon``, a part of an article that starts after paragraphs the chunk does not hold gets the names
    those paragraphs defined, so where the batch cut the article changes nothing.

    An article whose rules read all of it (:func:`context_keys`) goes whole into one chunk, never cut, with the
    paragraphs not to analyse as context items, when any of its paragraphs is to be analysed. ``language`` as for
    :func:`context_keys`."""
    chunks: list[Chunk] = []
    items: list[tuple[str, str]] = []
    breaks: list[int] = []
    context: list[int] = []
    names: list[tuple[int, tuple[str, ...]]] = []
    keys: list[str] = []
    continued: list[int] = []
    assigned: set[AnalysisKey] = set()
    last = -1  # the article the chunk's last item belongs to
    for article, paragraphs in enumerate(articles):
        prior = _prior_names(paragraphs, lexicon)
        article_keys = context_keys(paragraphs, lexicon, language)
        if _whole_article([text for _, text in paragraphs], lexicon, language):
            new = [(pid, key) in todo and (pid, key) not in assigned for (pid, _), key in zip(paragraphs, article_keys)]
            if not any(new):
                continue
            if len(items) >= size:
                chunks.append(Chunk(items, tuple(breaks), tuple(context), tuple(names), tuple(keys), tuple(continued)))
                items, breaks, context, names, keys, continued = [], [], [], [], [], []
            breaks.append(len(items))
            context.extend(len(items) + k for k, fresh in enumerate(new) if not fresh)
            assigned.update((pid, key) for ((pid, _), key), fresh in zip(zip(paragraphs, article_keys), new) if fresh)
            items.extend(paragraphs)
            keys.extend(article_keys)
            last = article
            continue
        previous: tuple[str, str] | None = None
        for k, (pid, text) in enumerate(paragraphs):
            if (pid, article_keys[k]) in todo and (pid, article_keys[k]) not in assigned:
                assigned.add((pid, article_keys[k]))
                if len(items) >= size:
                    chunks.append(Chunk(items, tuple(breaks), tuple(context), tuple(names), tuple(keys),
                                        tuple(continued)))
                    items, breaks, context, names, keys, continued = [], [], [], [], [], []
                if previous is None:
                    breaks.append(len(items))
                # the paragraph before, unless it is the chunk's last item in this article's context: the same
                # paragraph in the same context as the last item of ANOTHER article still needs a break, or the
                # worker reads the two articles as one (an interview's question in one, its answer in the other)
                elif not items or last != article or items[-1][0] != previous[0] or keys[-1] != article_keys[k - 1]:
                    breaks.append(len(items))
                    continued.append(len(items))
                    context.append(len(items))
                    if prior[k - 1]:
                        names.append((len(items), prior[k - 1]))
                    items.append(previous)
                    keys.append(article_keys[k - 1])
                items.append((pid, text))
                keys.append(article_keys[k])
                last = article
            previous = (pid, text)
    if items:
        chunks.append(Chunk(items, tuple(breaks), tuple(context), tuple(names), tuple(keys), tuple(continued)))
    return chunks


def _whole_article(texts: list[str], lexicon: Lexicon | None, language: str | None) -> bool:
    """Whether a rule of the page's shape may read the whole article: English's, or ``language``'s own."""
    return shaped_in(texts, language) if language is not None else document_shaped(texts, lexicon)


def _prior_names(paragraphs: Sequence[tuple[str, str]], lexicon: Lexicon | None) -> list[tuple[str, ...]]:
    """Per paragraph, the acronyms its article gave the truce in the paragraphs before it."""
    prior: list[tuple[str, ...]] = []
    known: dict[str, None] = {}
    for _, text in paragraphs:
        prior.append(tuple(known))
        if lexicon is not None and "(" in text:
            known.update((acronym, None) for _, acronym in defined_truce_names(text, lexicon))
    return prior


def article_language(article: ProcessedArticle) -> str | None:
    return article.extracted.language if article.extracted else None


def analyse_batch(
    processed: Sequence[ProcessedArticle],
    pool: Executor,
    *,
    db_path: Path | None,
    options: NlpOptions = NlpOptions(),
) -> StagedBatch:
    """Stage entities and statements for a processed batch (one analysis per distinct paragraph, ever)."""
    loaded = [a for a in processed if a.status != "failed"]
    if not options.enabled:
        return StagedBatch({"nlp_articles": table("nlp_articles", [
            {"article_id": a.entry.article_id, "nlp_status": "disabled", "nlp_version": None} for a in loaded])})
    lexicon = load_lexicon(options.lexicon_path)
    version = analysis_version(options.lexicon_path, options.gazetteer)
    statuses = {a.entry.article_id: nlp_status(a, lexicon.language) for a in loaded}
    english = [a for a in loaded if statuses[a.entry.article_id] == "analysed"
               and article_language(a) == lexicon.language]
    others = [a for a in loaded if statuses[a.entry.article_id] == "analysed"
              and article_language(a) != lexicon.language]

    paragraphs = [[(o.paragraph_id, o.text) for o in a.occurrences if o.repeat_of is None] for a in english]
    # each article's paragraphs in the context their rules read: the cache's key is (paragraph_id, context_key)
    article_keys = {a.entry.article_id: list(zip((pid for pid, _ in ps), context_keys(ps, lexicon)))
                    for a, ps in zip(english, paragraphs)}
    wanted: dict[AnalysisKey, str] = {}
    for ps, keys in zip(paragraphs, article_keys.values()):
        for (_, text), key in zip(ps, keys):
            wanted.setdefault(key, text)
    analyses = _cached(db_path, list(wanted), version)
    todo = [key for key in wanted if key not in analyses]
    log.info("NLP: %d distinct paragraphs in context (%d paragraphs), %d cached, %d to analyse", len(wanted),
             len({pid for pid, _ in wanted}), len(analyses), len(todo))
    fresh: list[ParagraphAnalysis] = []
    # at least one chunk per worker: a batch's new paragraphs (often fewer than CHUNK once the cache is warm)
    # would otherwise go to one worker while the others idle
    size = max(1, min(CHUNK, -(-len(todo) // max(1, getattr(pool, "parallelism", 1)))))
    chunks = article_chunks(paragraphs, set(todo), size, lexicon)
    kwargs = {"lexicon_path": options.lexicon_path, "gazetteer": options.gazetteer}
    futures = [pool.submit(analyse_paragraphs, c.items, breaks=c.breaks, context=c.context, names=dict(c.names),
                           **kwargs) for c in chunks]
    failed_paragraphs: set[AnalysisKey] = set()
    for chunk, future in zip(chunks, futures):
        try:
            result = future.result()
        except Exception as first:  # a dead worker: try the chunk once more in a fresh pool, then give up on it
            log.warning("NLP worker failed on %d paragraphs (%r); retrying once", len(chunk.items), first)
            try:
                result = pool.submit(analyse_paragraphs, chunk.items, breaks=chunk.breaks,
                                     context=chunk.context, names=dict(chunk.names), **kwargs).result()
            except Exception:
                log.exception("NLP failed twice on %d paragraphs; their articles are marked nlp_status='failed'",
                              len(chunk.items))
                failed_paragraphs.update((pid, key) for i, ((pid, _), key) in enumerate(zip(chunk.items, chunk.keys))
                                         if i not in chunk.context)
                continue
        fresh.extend(replace(a, context_key=key) for a, key in zip(result, chunk.returned_keys()))
    for analysis in fresh:
        analyses[(analysis.paragraph_id, analysis.context_key)] = analysis
    if failed_paragraphs:  # say in the data what was not analysed; they are analysed again on a later pass
        for article in english:
            if any(key in failed_paragraphs for key in article_keys[article.entry.article_id]):
                statuses[article.entry.article_id] = "failed"
        english = [a for a in english if statuses[a.entry.article_id] == "analysed"]

    # French and Russian: the same cache and records, each language at its own analysis version
    other_fresh, other_analyses, other_versions = _analyse_others(others, pool, db_path, statuses)
    fresh = _one_per_paragraph(fresh + other_fresh)
    others = [a for a in others if statuses[a.entry.article_id] == "analysed"]

    now = datetime.now(UTC)
    mentions, statements, quotes, entities = [], [], [], {}
    # each article reads its paragraphs' analyses in its own context
    routed = [(a, lexicon.language, lexicon, {pid: analyses[(pid, key)] for pid, key in article_keys[a.entry.article_id]})
              for a in english]
    routed += [(a, article_language(a), language_lexicon(article_language(a)), other_analyses[a.entry.article_id])
               for a in others]
    for article, language, article_lexicon, article_analyses in routed:
        occurrences = [(o.position, o.paragraph_id, o.text_start) for o in article.occurrences if o.repeat_of is None]
        title = (article.extracted.title if article.extracted else None) or article.entry.title
        resolved = resolve_article(article.entry.article_id, occurrences, article_analyses, article_lexicon, title)
        article_mentions, article_statements = resolved.mentions, resolved.statements
        quotes.extend(_quote_row(q, language) for q in resolved.quotes)
        for m in article_mentions:
            entities.setdefault(m.entity_id, {"entity_id": m.entity_id, "name": m.name, "label": m.label,
                                              "first_article_id": m.article_id, "first_seen_at": article.fetch.fetched_at,
                                              "transliteration": transliterate(m.name)})
            mentions.append({"article_id": m.article_id, "start_char": m.start_char, "end_char": m.end_char,
                             "entity_id": m.entity_id, "text": m.text, "label": m.label, "position": m.position})
        for s in article_statements:
            statements.append({
                "statement_id": s.statement_id, "article_id": s.article_id, "paragraph_id": s.paragraph_id,
                "position": s.position, "start_char": s.start_char, "end_char": s.end_char, "text": s.text,
                "speaker": s.speaker, "speaker_entity_id": s.speaker_entity_id,
                "speaker_kind": stored_kind(s.speaker, s.speaker_kind),  # (the model reads the unresolved kind)
                "direct_quote": s.direct_quote, "stance": s.stance, "conditions": list(s.conditions),
                "duration": s.duration, "cameo_code": s.cameo_code, "rule": s.rule, "topic": article_lexicon.topic,
                "quote_id": s.quote_id, "language": language,
            })
    return StagedBatch({
        "paragraph_analyses": table("paragraph_analyses", [
            {"paragraph_id": a.paragraph_id, "context_key": a.context_key, "version": a.version, "analysed_at": now,
             "sentences": a.sentences,
             "entity_count": len(a.entities), "statement_count": len(a.statements),
             "context_hits": a.context_hits, "heading": a.heading} for a in fresh]),
        "paragraph_entities": table("paragraph_entities", [
            {"paragraph_id": a.paragraph_id, "context_key": a.context_key, "start_char": e.start, "end_char": e.end, "text": e.text, "name": e.name,
             "label": e.label, "prefix": e.prefix, "written": e.written} for a in fresh for e in a.entities]),
        "paragraph_statements": table("paragraph_statements", [
            {"paragraph_id": a.paragraph_id, "context_key": a.context_key, "start_char": s.start, "end_char": s.end,
             "text": s.text,
             "direct_quote": s.direct_quote, "speaker_text": s.speaker_text, "speaker_kind": s.speaker_kind,
             "speaker_start": s.speaker_start, "speaker_end": s.speaker_end, "stance": s.stance,
             "conditions": list(s.conditions), "duration": s.duration, "cameo_code": s.cameo_code, "rule": s.rule,
             "evidence": s.evidence, "cue_start": s.cue_start, "cue_end": s.cue_end}
            for a in fresh for s in a.statements]),
        "paragraph_quotes": table("paragraph_quotes", [
            {"paragraph_id": a.paragraph_id, "context_key": a.context_key, **_paragraph_quote_row(q)} for a in fresh for q in a.quotes]),
        "nlp_articles": table("nlp_articles", [
            {"article_id": aid, "nlp_status": status,
             "nlp_version": other_versions.get(aid, version) if status == "analysed" else None}
            for aid, status in statuses.items()]),
        "entities": table("entities", list(entities.values())),
        "entity_mentions": table("entity_mentions", mentions),
        "ceasefire_statements": table("ceasefire_statements", statements),
        "quotes": table("quotes", quotes),
    })


_PARAGRAPH_QUOTE_FIELDS = ("start", "end", "text", "direct", "speaker_text", "speaker_kind", "speaker_start", "speaker_end",
                           "speaker_name", "cue", "cue_start", "cue_end", "rule", "opens", "continues", "source")


def _paragraph_quote_row(q: AttributionSpan) -> dict:
    row = {name: getattr(q, name) for name in _PARAGRAPH_QUOTE_FIELDS}
    row["start_char"], row["end_char"] = row.pop("start"), row.pop("end")
    return row


def _quote_row(q: Quote, language: str) -> dict:
    return {**asdict(q), "language": language}


def _one_per_paragraph(fresh: list[ParagraphAnalysis]) -> list[ParagraphAnalysis]:
    """The first analysis of each paragraph in its context (English, then French, then Russian): two analyses of
    one paragraph under one key (its identical text after the same paragraph in articles of two languages) would mix
    their entity and statement rows. The other language's articles still got their own analysis in
    this batch; theirs is redone on a later pass, as for any paragraph cached at another version."""
    seen: set[AnalysisKey] = set()
    out = []
    for analysis in fresh:
        if (analysis.paragraph_id, analysis.context_key) not in seen:
            seen.add((analysis.paragraph_id, analysis.context_key))
            out.append(analysis)
    return out


def _analyse_others(others: Sequence[ProcessedArticle], pool: Executor, db_path: Path | None, statuses: dict[str, str]
                    ) -> tuple[list[ParagraphAnalysis], dict[str, dict[str, ParagraphAnalysis]], dict[str, str]]:
    """Analyse the French and Russian articles' new paragraphs in the pool, one language at a time (a worker
    loads a language's model with its first chunk), each paragraph in its article's context as an English one
    (:func:`context_keys`, :func:`article_chunks`: the paragraph before it, or the whole article where a rule of
    its shape may apply), so neither a batch neighbour nor the article that analysed a shared paragraph first
    changes what an article gets. Returns the fresh analyses, each article's analyses by paragraph (cached ones
    too) and each article's analysis version; an article whose paragraphs failed twice is marked ``failed`` in
    ``statuses``, like an English one."""
    fresh: list[ParagraphAnalysis] = []
    analyses: dict[str, dict[str, ParagraphAnalysis]] = {}
    versions: dict[str, str] = {}
    by_language: dict[str, list[ProcessedArticle]] = {}
    for article in others:
        by_language.setdefault(article_language(article), []).append(article)
    for language, articles in sorted(by_language.items()):
        version = version_of(language)
        paragraphs = [[(o.paragraph_id, o.text) for o in a.occurrences if o.repeat_of is None] for a in articles]
        article_keys = [list(zip((pid for pid, _ in ps), context_keys(ps, None, language))) for ps in paragraphs]
        wanted: dict[AnalysisKey, str] = {}
        for article, ps, keys in zip(articles, paragraphs, article_keys):
            versions[article.entry.article_id] = version
            for (_, text), key in zip(ps, keys):
                wanted.setdefault(key, text)
        cached = _cached(db_path, list(wanted), version)
        todo = [key for key in wanted if key not in cached]
        log.info("NLP (%s): %d distinct paragraphs in context, %d cached, %d to analyse", language, len(wanted),
                 len(cached), len(todo))
        size = max(1, min(CHUNK, -(-len(todo) // max(1, getattr(pool, "parallelism", 1)))))
        chunks = article_chunks(paragraphs, set(todo), size, None, language)
        futures = [pool.submit(analyse_in, language, c.items, breaks=c.breaks, context=c.context,
                               continued=c.continued) for c in chunks]
        failed: set[AnalysisKey] = set()
        for chunk, future in zip(chunks, futures):
            try:
                result = future.result()
            except Exception as first:  # a dead worker: once more, then the articles are marked failed
                log.warning("NLP (%s) worker failed on %d paragraphs (%r); retrying once", language, len(chunk.items),
                            first)
                try:
                    result = pool.submit(analyse_in, language, chunk.items, breaks=chunk.breaks,
                                         context=chunk.context, continued=chunk.continued).result()
                except Exception:
                    log.exception("NLP (%s) failed twice on %d paragraphs; their articles are marked "
                                  "nlp_status='failed'", language, len(chunk.items))
                    failed.update((pid, key) for i, ((pid, _), key) in enumerate(zip(chunk.items, chunk.keys))
                                  if i not in chunk.context)
                    continue
            done = [replace(a, context_key=key) for a, key in zip(result, chunk.returned_keys())]
            fresh.extend(done)
            cached.update(((a.paragraph_id, a.context_key), a) for a in done)
        for article, keys in zip(articles, article_keys):
            if any(key in failed for key in keys):
                statuses[article.entry.article_id] = "failed"
            else:
                analyses[article.entry.article_id] = {pid: cached[(pid, key)] for pid, key in keys}
    return fresh, analyses, versions


def _cached(db_path: Path | None, wanted: list[AnalysisKey], version: str) -> dict[AnalysisKey, ParagraphAnalysis]:
    """Analyses already in the database for these (paragraph, context key) pairs at this version (read-only)."""
    if not wanted or db_path is None or not Path(db_path).exists():
        return {}
    import pyarrow as pa

    from ..store.core import connect

    with connect(db_path, read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "paragraph_analyses" not in tables:
            return {}
        con.register("wanted_ids", pa.table({"paragraph_id": pa.array([p for p, _ in wanted], pa.string()),
                                             "context_key": pa.array([k for _, k in wanted], pa.string())}))
        rows = con.execute(
            "SELECT pa.paragraph_id, pa.context_key, pa.sentences, pa.context_hits, pa.heading FROM paragraph_analyses pa "
            "SEMI JOIN wanted_ids USING (paragraph_id, context_key) WHERE pa.version = ?", [version]).fetchall()
        hits = {(pid, key): (sentences, context, heading) for pid, key, sentences, context, heading in rows}
        if not hits:
            return {}
        con.register("hit_ids", pa.table({"paragraph_id": pa.array([p for p, _ in hits], pa.string()),
                                           "context_key": pa.array([k for _, k in hits], pa.string())}))
        ents = con.execute(
            "SELECT paragraph_id, context_key, start_char, end_char, text, name, label, prefix, written FROM paragraph_entities "
            "SEMI JOIN hit_ids USING (paragraph_id, context_key) ORDER BY paragraph_id, context_key, start_char").fetchall()
        stmts = con.execute(
            "SELECT paragraph_id, context_key, start_char, end_char, text, direct_quote, speaker_text, speaker_kind, speaker_start, "
            "speaker_end, stance, conditions, duration, cameo_code, rule, evidence, cue_start, cue_end "
            "FROM paragraph_statements "
            "SEMI JOIN hit_ids USING (paragraph_id, context_key) ORDER BY paragraph_id, context_key, start_char").fetchall()
        quote_rows = con.execute(
            "SELECT paragraph_id, context_key, start_char, end_char, text, direct, speaker_text, speaker_kind, speaker_start, "
            "speaker_end, speaker_name, cue, cue_start, cue_end, rule, opens, continues, source FROM paragraph_quotes "
            "SEMI JOIN hit_ids USING (paragraph_id, context_key) ORDER BY paragraph_id, context_key, start_char").fetchall()
    by_pid_q: dict[AnalysisKey, list[AttributionSpan]] = {}
    for pid, key, *fields in quote_rows:
        by_pid_q.setdefault((pid, key), []).append(AttributionSpan(*fields))
    by_pid_e: dict[AnalysisKey, list[EntitySpan]] = {}
    for pid, key, *fields in ents:
        by_pid_e.setdefault((pid, key), []).append(EntitySpan(*fields))
    by_pid_s: dict[AnalysisKey, list[StatementSpan]] = {}
    for (pid, key, start, end, text, direct, stext, kind, sstart, send, stance, conditions, duration, cameo, rule, evidence,
         cue_start, cue_end) in stmts:
        # the cue comes back too: a statement no attribution covers makes its own quote from it (resolve)
        by_pid_s.setdefault((pid, key), []).append(StatementSpan(start, end, text, direct, stext, kind, sstart, send, stance,
                                                          tuple(conditions or ()), duration, cameo, rule, evidence,
                                                          cue_start, cue_end))
    return {k: ParagraphAnalysis(k[0], version, tuple(by_pid_e.get(k, ())), tuple(by_pid_s.get(k, ())), n,
                                 context or 0, tuple(by_pid_q.get(k, ())), heading=bool(heading), context_key=k[1])
            for k, (n, context, heading) in hits.items()}
