"""Russian articles: natasha (razdel segmenter, navec news embeddings, slovnet news NER with labels PER/LOC/ORG,
its morphology tagger and pymorphy2's dictionary (MorphVocab) to put inflected names back in the nominative, the
canonical form the guidelines want: "Ирины Соколовой" -> "Ирина Соколова", "Курской области" -> "Курская область")
and the shared rules of
:mod:`.multilingual`. Loaded once per worker process, on the first Russian paragraph it gets. Not a Ukrainian
model: the stage routes only ``ru`` here (``uk`` gets ``nlp_status='no_model'``)."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import logging
import re
import warnings
from collections.abc import Collection, Sequence
from functools import lru_cache

from ..errors import ConfigError
from .multilingual import (
    RU_CROSSING_WORDS,
    Token,
    _join_hyphens,
    analysis_version,
    article_parts,
    dash_quotes,
    entity_spans,
    gazetteer,
    listed_forms,
    may_speak,
    nested_mentions,
    paragraph_analysis,
)
from .spans import ParagraphAnalysis

log = logging.getLogger(__name__)

LANGUAGE = "ru"
INSTALL_HINT = "uv pip install natasha==1.6.0"
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def version() -> str:
    try:
        return analysis_version(LANGUAGE, f"natasha-{importlib.metadata.version('natasha')}")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(f"natasha is not installed (Russian analysis). Install it: {INSTALL_HINT}") from exc


@lru_cache(maxsize=1)
def load_model():
    """(segmenter, morphology tagger, NER tagger), once per process; the weights ship in the wheels."""
    try:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError as exc:
        raise ConfigError(f"cannot import natasha ({exc}). Install it: {INSTALL_HINT}") from exc
    embedding = NewsEmbedding()
    log.info("loaded natasha news embeddings, morphology and NER taggers")
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


@lru_cache(maxsize=1)
def morph_vocab():
    """pymorphy2's dictionary through natasha, once per process; None (names then go back to the nominative by
    their endings alone) when it cannot load, e.g. setuptools >= 81 without pkg_resources."""
    try:
        with warnings.catch_warnings():  # pymorphy2 imports pkg_resources, which warns that it is deprecated
            warnings.simplefilter("ignore")
            from natasha import MorphVocab

            return MorphVocab()
    except Exception as exc:  # ImportError of pkg_resources, a missing dictionary package
        log.warning("Russian MorphVocab unavailable (%s); names go back to the nominative by their endings only. "
                    "Fix: uv sync --locked (pins setuptools<81 for pymorphy2)", exc)
        return None


def analyse_paragraphs(items: Sequence[tuple[str, str]], continued: Collection[int] = ()) -> list[ParagraphAnalysis]:
    """Analyse Russian ``(paragraph_id, text)`` pairs; a failure on one paragraph yields an empty analysis.
    ``continued``: the items that open a part of an article cut from further on (:func:`.multilingual.analyse_in`).

    The NER and the morphology tagger run once over the whole chunk (slovnet batches what it is given): called
    paragraph by paragraph, its small numpy convolutions cost several times more, most of it in BLAS threads."""
    from natasha import Doc

    segmenter, morph, ner = load_model()
    version_ = version()
    docs = []
    for pid, text in items:
        try:
            doc = Doc(text)
            doc.segment(segmenter)
        except Exception:  # pragma: no cover - defensive: the segmenter on pathological text
            log.exception("Russian segmentation failed on paragraph %s", pid)
            doc = None
        docs.append(doc)
    spans = _ner(ner, [text for _, text in items], docs)
    spans = _known_surnames(docs, spans)
    _tag_names(morph, docs, spans)
    out = []
    parts = article_parts([text for _, text in items], LANGUAGE, continued)
    for index, ((pid, text), doc, doc_spans) in enumerate(zip(items, docs, spans)):
        try:
            if doc is None:
                raise ValueError("not segmented")
            out.append(_analyse(pid, version_, text, doc, doc_spans, parts.get(index)))
        except Exception:  # pragma: no cover - defensive: the models on pathological text
            log.exception("Russian analysis failed on paragraph %s", pid)
            out.append(ParagraphAnalysis(pid, version_, (), (), 0))
    return out


def _ner(ner, texts: list[str], docs) -> list[list[tuple[int, int, str]]]:
    """(start, stop, type) of each paragraph's named entities, the chunk in one batched call; a paragraph the
    batch fails on is tagged alone, and one that fails alone has none."""
    spans: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    todo = [i for i, (text, doc) in enumerate(zip(texts, docs)) if doc is not None and text.strip()]
    try:
        markups = list(ner.map([texts[i] for i in todo]))
    except Exception:  # pragma: no cover - defensive
        log.exception("Russian NER failed on a chunk of %d paragraphs; tagging them one by one", len(todo))
        markups = []
        for i in todo:
            try:
                markups.append(ner(texts[i]))
            except Exception:
                log.exception("Russian NER failed on a paragraph")
                markups.append(None)
    for i, markup in zip(todo, markups):
        if markup is not None:
            spans[i] = [(x.start, x.stop, x.type) for x in markup.spans]
    return spans


# a surname's case ending, stripped to compare two forms of one surname ("Зеленского" and "Зеленский" -> "Зеленск",
# "Захаровой" and "Захарова" -> "Захаров")
_SURNAME_ENDING = re.compile(r"(?:ого|ому|ими|ым|ом|ий|ой|ая|ую|ей|а|у|е|ы|ю|я)$")


def _surname_stem(word: str) -> str | None:
    """The stem of a capitalised word read as a surname, None when too short to compare safely."""
    stem = _SURNAME_ENDING.sub("", word)
    return stem if len(stem) >= 4 and word[:1].isupper() and not word.isupper() else None


def _known_surnames(docs, spans: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
    """Each paragraph's spans, with a lone surname the NER missed added as a person when the chunk named that
    person in full elsewhere ("Президент Владимир Зеленский заявил ..." then "Зеленский отметил ...": the NER
    misses some surnames opening a sentence, which then has no speaker). Only a word outside every span, whose
    stem is that of the last word of a two- or three-word person span, in any case."""
    stems = set()
    for doc, doc_spans in zip(docs, spans):
        if doc is None:
            continue
        for start, stop, kind in doc_spans:
            words = [t.text for t in doc.tokens if start <= t.start and t.stop <= stop]
            if kind == "PER" and 2 <= len(words) <= 3 and (stem := _surname_stem(words[-1])):
                stems.add(stem)
    if not stems:
        return spans
    out = []
    for doc, doc_spans in zip(docs, spans):
        added = []
        if doc is not None:
            for t in doc.tokens:
                if any(a <= t.start < b for a, b, _ in doc_spans):
                    continue
                if _surname_stem(t.text) in stems:
                    added.append((t.start, t.stop, "PER"))
        out.append(sorted(doc_spans + added) if added else doc_spans)
    return out


def _tag_names(morph, docs, spans) -> None:
    """Part of speech, case and gender for the sentences that name an entity, and only those: the morphology
    tagger costs as much as the NER, and only names are put back in the nominative."""
    sentences = []
    for doc, doc_spans in zip(docs, spans):
        people = [start for start, _, _ in doc_spans]
        if doc is not None:
            # sentences with a NER span, or a capital past the first word (a gazetteer name: its case says
            # whether it is a subject)
            sentences += [sent for sent in doc.sents if any(sent.start <= p < sent.stop for p in people)
                          or any(t.text[:1].isupper() for t in sent.tokens[1:])]
    if not sentences:
        return
    try:
        markups = list(morph.map([[t.text for t in sent.tokens] for sent in sentences]))
    except Exception:  # pragma: no cover - defensive: names then stay as written
        log.exception("Russian morphology failed on %d sentences; names stay as written", len(sentences))
        return
    for sent, markup in zip(sentences, markups):
        for token, tagged in zip(sent.tokens, markup.tokens):
            token.pos, token.feats = tagged.pos, tagged.feats


def _analyse(pid: str, version_: str, text: str, doc, spans: list[tuple[int, int, str]],
             interview: str | None = None) -> ParagraphAnalysis:
    tokens = [Token(t.start, t.stop, t.text, any(a <= t.start < b for a, b, _ in spans)) for t in doc.tokens]
    ner = _repair(doc, [(start, stop, LABELS[kind]) for start, stop, kind in spans if kind in LABELS])
    ner = sorted(ner + _dictionary_places(doc, ner))
    ner = _crossings(text, ner)
    ner = _institutions(doc, ner, tokens, text)
    colons = _colon_speakers(doc, ner)
    ner = sorted(ner + colons)
    shared, groups = _shared_heads(doc)
    if shared:
        # the NER's pieces of a coordination ("Белгородская" | "Брянская области") give way to one per name
        ner = [x for x in ner if not any(x[0] < b and a < x[1] for a, b in groups)]
        ner = sorted(ner + [(a, b, "LOC") for a, b in shared])

    vocab = morph_vocab()

    def normalise(start: int, end: int, label: str) -> str:
        if (start, end) in shared:
            return shared[(start, end)]
        if (start, end, "PERSON") in colons:
            return text[start:end]  # a headline's "Захарова:" is in the nominative whatever the tagger says
        words = [t for t in doc.tokens if start <= t.start and t.stop <= end]
        if not words:
            return text[start:end]
        if label == "PERSON" and (_GENITIVE_BEFORE.search(text, max(0, start - 20), start) or (
                vocab is not None and _first_name_in_genitive(vocab, words[0].text)
                and _after_opening_noun(vocab, doc, start))):
            words = _in_genitive(words)
        if label in ("LOC", "GPE") and _PLACE_GENITIVE_BEFORE.search(text, max(0, start - 20), start):
            words = _place_in_genitive(words)
        if label == "NORP" and len(words) == 1:
            if words[0].text.casefold().replace("ё", "е") in listed_forms(LANGUAGE, "NORP"):
                return text[start:end]  # a listed form is a nominative: "динка", "хуту" do not decline
            after = next((t for t in doc.tokens if t.start >= end), None)
            return people_nominative(words[0], after) or text[start:end]
        return canonical(words, label, text[start:end])

    entities = entity_spans(text, tokens, ner, LANGUAGE, normalise, keep=frozenset(shared))
    sentences = [(s.start, s.stop) for s in doc.sents if text[s.start:s.stop].strip()]
    cases = {t.start: (t.feats or {}).get("Case") for t in doc.tokens}
    # an entity whose first word the tagger put in the dative, accusative, instrumental or locative ("пообещал
    # Израилю", "обвинила ВСУ") is not the subject of a speech verb; a genitive one may be whose a source is
    # ("сообщили наблюдатели ОБСЕ"), an untagged one too
    oblique = frozenset(e.start for e in entities if cases.get(e.start) in ("Dat", "Acc", "Ins", "Loc"))
    analysis = paragraph_analysis(pid, version_, text, sentences, tokens, entities, LANGUAGE,
                                  extra_quotes=dash_quotes(text), oblique=oblique, interview=interview,
                                  negation=lambda char: _negation(doc.tokens, char),
                                  joint_subject=lambda char: _joint_opening(text, sentences, entities, cases, char))
    if vocab is not None:
        analysis = _uncounted_sources(analysis, vocab)
    nested = nested_mentions(text, tokens, analysis.entities, LANGUAGE, normalise)
    if not nested:
        return analysis
    return dataclasses.replace(analysis, entities=tuple(sorted((*analysis.entities, *nested),
                                                               key=lambda e: (e.start, -e.end))))


# the words that count an unnamed source ("Два западных дипломата", "по словам трёх чиновников", "пятеро военных"),
# in any case: the house conventions name the group without them
_COUNT_WORDS = frozenset({
    "два", "две", "двух", "трое", "троих", "три", "трёх", "трех", "четыре", "четырёх", "четырех", "пять", "пяти",
    "шесть", "шести", "семь", "семи", "восемь", "восьми", "девять", "девяти", "десять", "десяти", "несколько",
    "нескольких", "двое", "двоих", "четверо", "четверых", "пятеро", "пятерых", "оба", "обоих", "обе", "обеих",
})


def _uncounted_sources(analysis: ParagraphAnalysis, vocab) -> ParagraphAnalysis:
    """An unnamed source counted ("Два западных дипломата сообщили", "по словам двух израильских чиновников"):
    the group without its count, in the nominative plural ("западные дипломаты"), as the house conventions name an
    unnamed source ("two diplomats familiar with the talks" -> "diplomats familiar with the talks"); what follows
    the head noun is kept as written. A group, so the resolver never takes it for one person titled so."""
    statements = []
    for s in analysis.statements:
        if s.speaker_kind == "role" and s.speaker_text and "|" in s.speaker_text:
            phrase = s.speaker_text.split("|")[0]
            found = _uncounted(phrase.removeprefix("the "), vocab)
            if found is not None:
                s = dataclasses.replace(s, speaker_text=f"{found[0]}|{found[1]}|plural")
            elif not phrase.startswith("the ") and (written := _oblique_source(phrase, vocab)) is not None:
                s = dataclasses.replace(s, speaker_text="|".join([written, *s.speaker_text.split("|")[1:]]))
        statements.append(s)
    quotes = []
    for q in analysis.quotes:
        if q.speaker_kind in ("role", "other") and q.speaker_text and q.speaker_name is None:
            found = _uncounted(q.speaker_text.split("|")[0].removeprefix("the "), vocab)
            if found is not None:
                q = dataclasses.replace(q, speaker_text=found[0])
            elif q.speaker_kind == "other" and (written := _oblique_source(q.speaker_text, vocab)) is not None:
                q = dataclasses.replace(q, speaker_text=written)
        quotes.append(q)
    return dataclasses.replace(analysis, statements=tuple(statements), quotes=tuple(quotes))


def _oblique_source(phrase: str, vocab) -> str | None:
    """An unnamed source as written in an oblique case ("по словам источника", "по данным западных дипломатов"):
    its adjectives and head noun in the nominative of their number ("источник", "западные дипломаты"), what follows
    the head kept as written; None when the head may already be a nominative or the phrase opens on a name."""
    words = phrase.split()
    if not words or words[0][:1].isupper() and len(words) > 1 and words[1][:1].isupper():
        return None
    out = []
    for k, word in enumerate(words):
        forms = [f for f in vocab(word.lower()) if f.pos in ("NOUN", "ADJ")]
        if not forms or not word.isalpha():
            return None
        noun = any(f.pos == "NOUN" for f in forms) and not any(f.pos == "ADJ" for f in forms)
        last = k + 1 == len(words) or not words[k + 1].isalpha() \
            or not any(f.pos in ("NOUN", "ADJ") for f in vocab(words[k + 1].lower()))
        if not (noun or last):
            out.append(word)
            continue
        heads = [f for f in forms if f.pos == "NOUN"] or forms
        if any(f.feats.get("Case") == "Nom" for f in heads):
            return None
        number = heads[0].feats.get("Number", "Sing")
        written = []
        for w in [*out, word]:
            form = next((f for f in vocab(w.lower()) if f.pos == ("NOUN" if w is word else "ADJ")), None)
            try:
                nominative = form.inflect({"Nom", number}) if form is not None else None
            except (ValueError, KeyError):
                nominative = None
            if nominative is None:
                return None
            written.append(nominative.word)
        return " ".join(written + words[k + 1:])
    return None


def _uncounted(phrase: str, vocab) -> tuple[str, str] | None:
    """(the group in the nominative plural without its count word, its head noun's lemma), or None when
    ``phrase`` opens on no count word or its noun run does not decline. The run is the adjectives up to the head:
    the first word the dictionary reads as a noun and not as an adjective ("израильских чиновников"), or the
    run's last word when every word may be an adjective ("пятеро военных")."""
    words = phrase.split()
    if len(words) < 2 or words[0].casefold() not in _COUNT_WORDS:
        return None
    rest = words[1:]
    out, head = [], None
    for k, word in enumerate(rest):
        forms = [f for f in vocab(word.lower()) if f.pos in ("NOUN", "ADJ")]
        if not forms or not word.isalpha():
            break
        noun = any(f.pos == "NOUN" for f in forms) and not any(f.pos == "ADJ" for f in forms)
        last = k + 1 == len(rest) or not any(f.pos in ("NOUN", "ADJ") for f in vocab(rest[k + 1].lower())) \
            or not rest[k + 1].isalpha()
        form = next((f for f in forms if f.pos == ("NOUN" if noun or last else "ADJ")), forms[0])
        try:
            plural = form.inflect({"Nom", "Plur"})
        except (ValueError, KeyError):
            plural = None
        if plural is None:
            return None
        out.append(plural.word)
        if noun or last:
            head = form.normal
            break
    if head is None:
        return None
    return " ".join(out + rest[len(out):]), head


def _joint_opening(text: str, sentences, entities, cases: dict, char: int) -> bool:
    """Whether the sentence holding ``char`` opens on two named actors joined by "и", neither in an oblique case
    ("Россия и Украина могут продлить ...", "Армения и Азербайджан подписали ..."): both sides acting at once, as
    the French parse reads "X et Y"; there is no Russian parse, so only the opening is read."""
    sentence = next(((s, e) for s, e in sentences if s <= char < e), None)
    if sentence is None:
        return False
    inside = [x for x in entities if sentence[0] <= x.start and x.end <= char]
    if len(inside) < 2 or text[sentence[0]:inside[0].start].strip():
        return False
    first, second = inside[0], inside[1]
    return text[first.end:second.start] == " и " and all(
        may_speak(x) and cases.get(x.start) in (None, "Nom") for x in (first, second))


def _before_bracket(text: str, start: int, stop: int) -> int:
    """Where a NER span ends before an opening bracket inside it ("Армении (EUMA)": "Армении"): what an
    institution's name may run to ("Миссия Европейского союза в Армении"); ``stop`` when it has none."""
    at = text.find("(", start + 1, stop)
    return stop if at == -1 else start + len(text[start:at].rstrip())


# "по словам", "по мнению", "со слов" govern the genitive: a name after them is in it whatever the tagger read
# ("по словам Хидра" is "Хидр", which the tagger takes for a nominative feminine)
_GENITIVE_BEFORE = re.compile(r"(?<!\w)(?:по словам|по мнению|со слов|по оценке|по оценкам)\s+$", re.IGNORECASE)


_INDECLINABLE_ENDS = frozenset("уюоеэ")
# words that govern the genitive of the place after them ("в районе Угледара", "у Торецка", "из Гомы"): the
# tagger reads an unfamiliar town there as a nominative, which kept it as written
_PLACE_GENITIVE_BEFORE = re.compile(
    r"(?<!\w)(?:у|из|от|до|около|возле|вблизи|близ|районе|района|направлении|окрестностях|окраине|окраинах|"
    r"пригороде|севернее|южнее|западнее|восточнее|жители|жителей)\s+$", re.IGNORECASE)
# a genitive's ending after a consonant: one on another vowel ("Курахово") is an indeclinable name's
_GENITIVE_ENDING = re.compile(r"[бвгджзклмнпрстфхцчшщ][аяыи]$")


def _place_in_genitive(words):
    """The words of a place the word before puts in the genitive, where the tagger read a nominative and the
    word ends as a genitive does ("Угледара"); others as tagged."""
    from types import SimpleNamespace

    return [SimpleNamespace(text=t.text, start=t.start, stop=t.stop, pos=t.pos, feats={**t.feats, "Case": "Gen"})
            if t.text[:1].isupper() and (t.feats or {}).get("Case") == "Nom" and _GENITIVE_ENDING.search(t.text.lower())
            else t for t in words]


def _in_genitive(words):
    """The words of a name in the genitive the preposition before it governs. A genitive name ending in -а or -я
    is a man's (a woman's ends in -ой, -ы, -и): "Хидра" is "Хидр", "Игоря" "Игорь", whatever gender the tagger
    guessed from the ending."""
    from types import SimpleNamespace

    def gendered(t):
        # no genitive ends in -у, -ю, -о, -е or -э: such a name is foreign and indeclinable ("по словам Попеску",
        # "Шойгу"), in the nominative as written
        feats = {**(t.feats or {}), "Case": "Nom" if t.text[-1:] in _INDECLINABLE_ENDS else "Gen"}
        if t.text[-1:] in ("а", "я"):
            feats["Gender"] = "Masc"
        return SimpleNamespace(text=t.text, start=t.start, stop=t.stop, pos=t.pos, feats=feats)

    return [gendered(t) if t.text[:1].isupper() else t for t in words]


# the head nouns of an institution's name ("Управление ООН по ...", "Офис президента Украины", "Пограничные войска
# ФСБ России": troops of a named service, not "российские войска"), and those of a body that may name the country
# it works in ("Миссия ОБСЕ в Молдове", "Центр по примирению ... в Сирии")
_INSTITUTION_HEADS = frozenset("""
управление канцелярия офис миссия представительство комитет комиссия служба центр агентство департамент
министерство совет штаб секретариат аппарат администрация правительство бюро войско
""".split())
_LOWER_CASE_HEADS = frozenset({"министерство"})
_SITED = frozenset({"миссия", "центр", "представительство", "бюро", "офис", "посольство"})
# "по" that opens an adverbial, not the remit in a name ("Минобороны по итогам", "МИД по телефону")
_NOT_REMIT = frozenset("""
словам данным итогам мнению информации сообщению оценкам телефону просьбе поводу случаю традиции сути меньшей
крайней всей всему всем возможности договорённости договоренности приглашению поручению требованию
""".split())
_MAX_REMIT = 8


def _institutions(doc, ner: list[tuple[int, int, str]], tokens: list[Token], text: str) -> list[tuple[int, int, str]]:
    """An institution's whole name, which the NER often cuts or misses: its head noun and the adjectives before
    it ("Главное управление" | "МВД России": one organisation; "Управление" | "ООН по ..."), its remit after "по"
    ("... ООН | по координации гуманитарных вопросов", "... России | по городу Москве"), the country a mission or
    centre works in ("Миссия ОБСЕ | в Молдове"), and one the NER missed whole, a capitalised head noun with the
    genitive words and the country after it ("Офис президента Украины", "Канцелярия премьер-министра Израиля")."""
    vocab = morph_vocab()
    if vocab is None:
        return ner
    words = list(doc.tokens)
    joined = _join_hyphens(tokens)
    matches = gazetteer(LANGUAGE).matches(joined)
    places = {joined[i].start: joined[j - 1].end for i, j, e in matches if e.label in ("GPE", "LOC")}
    # a body the gazetteer knows by this whole name has no remit after it: "по" there opens an adverbial
    # ("заседание Совета Безопасности ООН | по ситуации в ...")
    known = {(joined[i].start, joined[j - 1].end) for i, j, e in matches if e.label == "ORG"}
    out = sorted(ner)
    firsts = {sent.tokens[0].start for sent in doc.sents if sent.tokens}
    for k, w in enumerate(words):
        head = _institution_head(vocab, w)
        if head is None:
            continue
        start = words[k - 1].start if k and _agreeing_adjective(words[k - 1], w) else w.start
        after = next((x for x in out if x[0] == w.stop + 1 and x[2] in ("ORG", "LOC", "PERSON")
                      and not (x[2] == "PERSON" and w.start in firsts and _full_name_in_genitive(vocab, words, x))),
                     None)
        own = next((x for x in out if x[0] <= w.start < x[1] and x[2] == "ORG"), None)
        if own is None and start == w.start and not w.text[:1].isupper() and not (
                head in _LOWER_CASE_HEADS and _genitive_run_to_place(words, k + 1, places) is not None):
            # a common noun ("комиссия", "управление") that no capital or name makes a name's head; a ministry of
            # a known state is one, written in lower case as Russian often does ("министерство обороны Сирии")
            continue
        if own is not None:
            span = (min(start, own[0]), own[1], "ORG")
        elif after is not None and (words[k + 1].feats or {}).get("Case") == "Gen":
            span = (start, after[1], "ORG")  # "Управление" + "ООН ...", "Главное управление" + "МВД России"
        elif w.start not in firsts or _genitive_run_to_place(words, k + 1, places) is not None \
                or _qualified_run(words, k + 1):
            end = _genitive_run_to_place(words, k + 1, places)
            if end is None:
                end = _genitive_run(words, k + 1)
                if end is None or w.start in firsts and not _qualified_run(words, k + 1):
                    continue
            span = (start, end, "ORG")  # "Офис президента Украины", "призывает Правительство национального единства"
        else:
            continue
        # a name in the genitive right after it is what the institution is of ("... МВД" | "России")
        while True:
            at = next((i for i, t in enumerate(words) if t.start == span[1] + 1), None)
            nxt = next((x[1] for x in out if x[0] == span[1] + 1 and x[2] in ("ORG", "LOC")), places.get(span[1] + 1))
            if nxt is not None and at is not None and (words[at].feats or {}).get("Case") == "Gen":
                span = (span[0], nxt, "ORG")
                continue
            break
        if (span[0], span[1]) not in known:
            span = (span[0], _remit(vocab, words, span[1], places, sited=head in _SITED), "ORG")
        if any(x[0] < span[0] < x[1] or x[0] < span[1] < _before_bracket(text, x[0], x[1]) for x in out
               if x[2] != "ORG"):
            continue  # a person's or a place's name across the edge: not this name's
        out = [x for x in out if not (span[0] <= x[0] and _before_bracket(text, x[0], x[1]) <= span[1])] + [span]
        out.sort()
    return _served_regions(words, out, places)


def _served_regions(words, ner: list[tuple[int, int, str]], places: dict[int, int]) -> list[tuple[int, int, str]]:
    """Organisations the NER cut before the part of a country they serve, run on to it (:func:`_region_of`)."""
    out = []
    for start, stop, label in ner:
        end = _region_of(words, stop, places) if label == "ORG" else None
        out.append((start, end, label) if end is not None else (start, stop, label))
    return sorted(out)


def _institution_head(vocab, token) -> str | None:
    if token.pos not in ("NOUN", "PROPN"):
        return None
    for parse in vocab.parse(token.text.lower()):
        if parse.tag.POS == "NOUN" and parse.normal_form in _INSTITUTION_HEADS:
            return parse.normal_form
    return None


def _agreeing_adjective(adjective, noun) -> bool:
    """A capitalised adjective that agrees with the head noun after it ("Главное управление")."""
    a, n = adjective.feats or {}, noun.feats or {}
    return adjective.pos == "ADJ" and adjective.text[:1].isupper() and adjective.stop + 1 == noun.start \
        and all(a.get(x) == n.get(x) for x in ("Case", "Number"))


def _genitive_run(words, k: int) -> int | None:
    """The end of the lower-case genitive words from ``k`` ("национального единства"), None if there are none."""
    end = None
    while k < len(words) and words[k].text[:1].islower() and words[k].pos in ("NOUN", "ADJ") \
            and (words[k].feats or {}).get("Case") == "Gen":
        end, k = words[k].stop, k + 1
    return end if end is not None and words[k - 1].pos == "NOUN" else None


def _region_of(words, end: int, places: dict[int, int]) -> int | None:
    """Where a name the NER cut before the part of a country it serves ends ("Силами обороны" | "юга Украины"):
    one lower-case genitive word and a place, after a name whose last word is itself a lower-case genitive
    (a head's complement, not an acronym or a name that may be an agent: "удары ВСУ | жилых кварталов ...")."""
    at = next((i for i, t in enumerate(words) if t.start == end + 1), None)
    if at is None or at == 0 or not words[at - 1].text.islower() or (words[at - 1].feats or {}).get("Case") != "Gen":
        return None
    if at + 1 < len(words) and words[at].text.islower() and words[at].pos == "NOUN" \
            and (words[at].feats or {}).get("Case") == "Gen" and words[at + 1].start in places:
        return places[words[at + 1].start]
    return None


def _qualified_run(words, k: int) -> bool:
    """Lower-case genitive words from ``k`` that open on an adjective ("национального единства", "национальной
    безопасности"): what names a body even at a sentence's start, where the capital of a bare genitive
    ("Правительство страны", "Администрация города") is only the sentence's."""
    return _genitive_run(words, k) is not None and words[k].pos == "ADJ"


def _genitive_run_to_place(words, k: int, places: dict[int, int]) -> int | None:
    """The end of a country in the gazetteer after lower-case genitive words from ``k`` ("президента Украины",
    "премьер-министра Израиля"), None when the words do not end on one."""
    n = 0
    while k < len(words) and n < 4:
        if words[k].start in places and n:
            return places[words[k].start]
        if not (words[k].text[:1].islower() and words[k].pos in ("NOUN", "ADJ")
                and (words[k].feats or {}).get("Case") == "Gen"):
            return None
        k, n = k + 1, n + 1
    return None


def _remit(vocab, words, end: int, places: dict[int, int], sited: bool) -> int:
    """Where an institution's name ends with its remit ("по координации гуманитарных вопросов", "по городу
    Москве") and, for a mission or a centre, the country it works in ("в Молдове")."""
    at = next((i for i, t in enumerate(words) if t.start == end + 1), None)
    while at is not None and at + 1 < len(words):
        word = words[at].text.casefold()
        if word == "по" and words[at + 1].text.casefold() not in _NOT_REMIT \
                and (words[at + 1].feats or {}).get("Case") == "Dat" and words[at + 1].pos in ("NOUN", "ADJ"):
            k, last = at + 1, None
            while k < len(words) and k - at <= _MAX_REMIT and words[k].pos in ("NOUN", "ADJ", "PROPN") \
                    and (words[k].feats or {}).get("Case") in ("Dat", "Gen"):
                if words[k].pos != "ADJ":
                    last = k
                k += 1
            if last is None:
                break
            end = words[last].stop
        elif sited and word in ("в", "во") and words[at + 1].start in places \
                and (words[at + 1].feats or {}).get("Case") == "Loc":
            end = places[words[at + 1].start]
        else:
            break
        at = next((i for i, t in enumerate(words) if t.start == end + 1), None)
    return end


# an administrative unit's noun that coordinated names share ("Белгородская и Брянская области")
_SHARED_UNITS = frozenset({"область", "край", "республика", "округ", "район", "губерния", "провинция", "штат"})


def _shared_heads(doc) -> tuple[dict[tuple[int, int], str], list[tuple[int, int]]]:
    """Places named by coordinated adjectives that share one plural unit noun ("Белгородская и Брянская
    области", "в Донецкой, Луганской и Запорожской областях", "Донецкая и Луганская народные республики"): one
    entity per adjective, each named in the nominative singular with the noun ("Белгородская область"). The
    first ones span their adjective alone (an entity is one stretch of text), the last one runs to the noun.
    Also the stretch of each coordination, first adjective to the noun."""
    vocab = morph_vocab()
    out: dict[tuple[int, int], str] = {}
    groups: list[tuple[int, int]] = []
    if vocab is None:
        return out, groups
    tokens = list(doc.tokens)
    for j, noun in enumerate(tokens):
        if not noun.text.islower() or (noun.feats or {}).get("Number") != "Plur":
            continue
        unit = next((p for p in vocab.parse(noun.text) if p.tag.POS == "NOUN" and p.normal_form in _SHARED_UNITS), None)
        if unit is None:
            continue
        k = j - 1
        while k >= 0 and tokens[k].text.islower() and _adjective_parse(vocab, tokens[k].text):
            k -= 1  # shared lower-case words ("народные")
        shared_words = tokens[k + 1:j]
        names: list = []
        while k >= 0 and tokens[k].text[:1].isupper() and _adjective_parse(vocab, tokens[k].text):
            names.insert(0, tokens[k])
            if k >= 2 and tokens[k - 1].text in ("и", ","):
                k -= 2
            else:
                break
        if len(names) < 2:
            continue
        gender = unit.tag.gender
        tail = [_singular(vocab, t.text, gender) for t in shared_words] + [unit.normal_form]
        if None in tail:
            continue
        heads = [_singular(vocab, adjective.text, gender) for adjective in names]
        if None in heads:
            continue
        for n, (adjective, head) in enumerate(zip(names, heads)):
            end = noun.stop if n == len(names) - 1 else adjective.stop
            out[(adjective.start, end)] = " ".join([head[:1].upper() + head[1:], *tail])
        groups.append((names[0].start, noun.stop))
    return out, groups


def _adjective_parse(vocab, word: str):
    return next((p for p in vocab.parse(word.lower()) if p.tag.POS == "ADJF"), None)


def _singular(vocab, word: str, gender: str | None) -> str | None:
    """An adjective in the nominative singular of ``gender`` ("Брянской", "областях" -> "брянская")."""
    parse = _adjective_parse(vocab, word)
    gender = _GENDERS.get(gender or "")
    form = parse.inflect({"Nom", "Sing", gender}) if parse is not None and gender else None
    return form.word if form is not None else None


_INFLECTED = frozenset({"NOUN", "PROPN", "ADJ"})
# a body's head noun named in the plural whose nominative plural is also its genitive singular: the tagger's
# genitive reading of "Силы специальных операций сообщили" is the forces in the nominative, kept as written
_PLURAL_HEADS = frozenset({"силы", "войска"})
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


_OPENING_QUOTES = frozenset({"\u00ab", "\u201e", "\u201c", '"'})


def _repair(doc, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """NER slips the dictionary and the context can mend. A place or a person span that starts the sentence
    with a common noun in the nominative ("Обстрел Мелитополя", "Позиции Хезболлы"): the capital is the
    sentence's, the name starts after it. A "person" that is a place (:func:`_person_is_place`): a place."""
    vocab = morph_vocab()
    if vocab is None:
        return ner
    firsts = {sent.tokens[0].start for sent in doc.sents if sent.tokens}
    tokens = list(doc.tokens)
    out: list[tuple[int, int, str]] = []
    for start, stop, label in sorted(ner):
        words = [t for t in tokens if start <= t.start and t.stop <= stop]
        # (past an opening quotation mark: "Фракции «Единой России» и КПРФ" names the party, in quotation marks)
        second = next((i for i, t in enumerate(words[1:], 1) if t.text not in _OPENING_QUOTES), len(words))
        if label in ("LOC", "PERSON", "ORG") and second < len(words) and start in firsts \
                and words[second].text[:1].isupper() and (label != "ORG" or second > 1) \
                and (_common_noun(vocab, words[0].text) or _participle(vocab, words[0].text)):
            start, words = words[second].start, words[second:]
        if label == "ORG" and start in firsts and _person_after_opening_noun(vocab, words):
            start, label = words[1].start, "PERSON"  # "Правительство Феликса Чисекеди": the president's
        if label == "PERSON" and words and _person_is_place(vocab, tokens, words, out):
            label = "LOC"
        if label == "LOC":
            start = _town_adjective(vocab, tokens, words, start, firsts)
            stop = _feature_noun_after(vocab, tokens, words, stop)
        if label == "PERSON" and _place_before_name(vocab, words):
            if _may_be_place(vocab, words[0].text):
                out.append((words[0].start, words[0].stop, "LOC"))
            start = words[1].start
        out.append((start, stop, label))
    return out


# a checkpoint's name in quotation marks after its words ("через КПП «Керем-Шалом»", "пункт пропуска „Рафах“",
# 'КПП "Рафах"'); the words are multilingual's list
_CROSSING = re.compile(rf"(?:{'|'.join(RU_CROSSING_WORDS.values())})\s+[«„\"“]([А-ЯЁ][\w-]*(?:\s+[А-ЯЁ][\w-]*)?)[»“\"”]")


def _first_name_in_genitive(vocab, word: str) -> bool:
    """A name's first word in the genitive ("Махмуда", "Феликса", "Бенъямина", a guess), not a word the
    dictionary knows better as another ("Израиля", a country first; "Поля", a field first)."""
    parses = vocab.parse(word.lower())
    named = [p.score for p in parses if {"Name", "Surn"} & set(p.tag.grammemes) and "gent" in p.tag]
    return bool(named) and not any(p.is_known and not {"Name", "Surn"} & set(p.tag.grammemes)
                                   and p.score > max(named) for p in parses)


def _person_after_opening_noun(vocab, words) -> bool:
    """An "organisation" that opens the sentence on a common noun and goes on with a person's full name in the
    genitive ("Администрация Махмуда Аббаса", "Правительство Феликса Чисекеди"): the capital of the noun is
    the sentence's, and the NER read the pair as a body's name. A name is no body's here: the person is
    the mention (the English pipeline finds "Abbas" in "the administration of Mahmoud Abbas"). A full name
    only, first name first: a surname alone may be a body's name ("Фонд Ахметова")."""
    return len(words) >= 3 and _thing_noun(vocab, words[0].text) and words[1].text[:1].isupper() \
        and words[-1].text[:1].isupper() and _first_name_in_genitive(vocab, words[1].text)


def _full_name_in_genitive(vocab, words, span: tuple[int, int, str]) -> bool:
    """A person's span of two words or more opening on a name in the genitive ("Махмуда Аббаса")."""
    inside = [t for t in words if span[0] <= t.start and t.stop <= span[1]]
    return len(inside) >= 2 and _first_name_in_genitive(vocab, inside[0].text)


def _after_opening_noun(vocab, doc, start: int) -> bool:
    """Whether a name follows right after the common noun the sentence opens on ("Кабинет Бенъямина
    Нетаньяху ..."): the tagger, misled by the noun's capital, reads the name as a nominative too."""
    before = next((t for t in reversed(doc.tokens) if t.stop <= start), None)
    return before is not None and any(sent.tokens and sent.tokens[0] is before for sent in doc.sents) \
        and _thing_noun(vocab, before.text)


def _thing_noun(vocab, word: str) -> bool:
    """A common noun of no person: a name after a person's noun is in apposition, in its own case
    ("Учительница Халима Осман не верит ...": the nominative, not the genitive of "Халим")."""
    return _common_noun(vocab, word) and not any(p.tag.POS == "NOUN" and "anim" in p.tag
                                                 for p in vocab.parse(word.lower()))


def _crossings(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The NER's spans with a checkpoint's quoted name it passed over, or read with the checkpoint's words as one
    name ("КПП «Керем-Шалом"): a place (LOC; multilingual._determined reads the words before it, so a name no list
    knows stays a site, a known town its town)."""
    out = list(ner)
    for m in _CROSSING.finditer(text):
        a, b = m.span(1)
        over = [x for x in out if x[0] < b and a < x[1]]
        if all(m.start() <= x[0] < a for x in over):
            out = [x for x in out if x not in over] + [(a, b, "LOC")]
    return sorted(out)


def _dictionary_places(doc, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Places the NER passed over that the dictionary knows only as place names ("удары по Энергодару"): a
    capitalised word alone (no capitalised word beside it, no opening quotation mark before it: part of a longer
    name or a title) whose every known reading is a noun naming a place (pymorphy's Geox), outside any NER span."""
    vocab = morph_vocab()
    if vocab is None:
        return []
    tokens = list(doc.tokens)
    firsts = {sent.tokens[0].start for sent in doc.sents if sent.tokens}
    out = []
    for k, t in enumerate(tokens):
        if not _lone_capitalised(vocab, tokens, k, firsts) or any(a <= t.start < b for a, b, _ in ner):
            continue
        if _only_place_noun(vocab, t.text):
            out.append((t.start, t.stop, "LOC"))
    return out


def _only_place_noun(vocab, word: str) -> bool:
    """The dictionary knows the word, and every reading it knows is a noun naming a place (pymorphy's Geox)."""
    parses = [p for p in vocab.parse(word.lower()) if p.is_known]
    return bool(parses) and all(p.tag.POS == "NOUN" and "Geox" in p.tag for p in parses)


def _lone_capitalised(vocab, tokens, k: int, firsts: set[int]) -> bool:
    """A capitalised word with no capitalised word beside it but a common noun opening the sentence ("Обстрел
    Никополя"), nor an opening quotation mark before it."""
    word = tokens[k].text
    if not (word[:1].isupper() and not word.isupper() and word.replace("-", "").isalpha()):
        return False
    before = tokens[k - 1] if k else None
    after = tokens[k + 1].text if k + 1 < len(tokens) else ""
    if before is not None and (before.text in _OPENING_QUOTES or before.text[:1].isupper() and not (
            before.start in firsts and _common_noun(vocab, before.text))):
        return False
    return not after[:1].isupper()


def _feature_noun_after(vocab, tokens, words, stop: int) -> int:
    """Where a place named by an adjective and a feature or unit noun ends, when the NER took the adjective
    alone ("по Лачинскому" | "коридору", "в Кельбаджарском" | "районе"): the noun in lower case right after, in
    the adjective's case and number, whose dictionary form is a feature's or a unit's (multilingual._FEATURES,
    _UNITS). The name is then put in the nominative whole ("Лачинский коридор")."""
    from .multilingual import _FEATURES, _UNITS

    if len(words) != 1 or not _adjective_parse(vocab, words[0].text):
        return stop
    at = next((i for i, t in enumerate(tokens) if t.start == words[0].start), None)
    if at is None or at + 1 >= len(tokens):
        return stop
    noun, a = tokens[at + 1], words[0].feats or {}
    n = noun.feats or {}
    if not noun.text.islower() or noun.pos != "NOUN" or any(a.get(k) != n.get(k) for k in ("Case", "Number")):
        return stop
    forms = {p.normal_form.replace("ё", "е") for p in vocab.parse(noun.text) if p.tag.POS == "NOUN"}
    return noun.stop if forms & (_FEATURES | _UNITS) else stop


def _place_before_name(vocab, words) -> bool:
    """A "person" of three words or more whose first word is no name the dictionary knows and whose second is a
    known first name not followed by a patronymic ("глава айыл окмоту Кок-Таша Бакыт Осмонов": the village, in
    the genitive, then the man). "Осмонов Бакыт Токтогулович" (surname first) has its patronymic."""
    if len(words) < 3 or not all(t.text[:1].isupper() for t in words[:3]):
        return False
    first, second, third = (vocab.parse(t.text.lower()) for t in words[:3])
    known_name = any(p.is_known and _NAME_GRAMMEMES & set(p.tag.grammemes) for p in first)
    return not known_name and any(p.is_known and "Name" in p.tag for p in second) \
        and not any("Patr" in p.tag for p in third)


def _may_be_place(vocab, word: str) -> bool:
    """A word the dictionary knows only as a place, or does not know at all."""
    parses = vocab.parse(word.lower())
    return not any(p.is_known for p in parses) or all("Geox" in p.tag for p in parses if p.is_known)


def _town_adjective(vocab, tokens, words, start: int, firsts: set[int]) -> int:
    """A town's first word the NER left out because it opens the sentence ("Красный Лиман оставлен", "Часов Яр
    остаётся": the NER read only "Лиман", "Яр"): an adjective that agrees with the name, or a noun in the
    genitive, right before a one-word name the dictionary does not know as a place (a known one, "Херсон",
    is a name of its own: "Освобождённый Херсон")."""
    at = next((i for i, t in enumerate(tokens) if t.start == start), None)
    if not at or tokens[at - 1].start not in firsts or len(words) != 1 or _place_only(vocab, words[0].text):
        return start
    first, name = tokens[at - 1], words[0]
    f, n = first.feats or {}, name.feats or {}
    if not first.text[:1].isupper() or not first.text[1:].islower():
        return start
    agrees = first.pos == "ADJ" and all(f.get(k) == n.get(k) for k in ("Case", "Number", "Gender"))
    genitive = first.pos == "NOUN" and f.get("Case") == "Gen" and n.get("Case") != "Gen"
    return first.start if agrees or genitive else start


def _colon_speakers(doc, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A surname that opens a sentence and announces a quotation with a colon ("Захарова: «Перемирие — это не
    капитуляция»"): the NER, with no first name before it, often misses it; the dictionary knows the surname."""
    vocab = morph_vocab()
    if vocab is None:
        return []
    out = []
    for sent in doc.sents:
        tokens = list(sent.tokens)
        if len(tokens) < 3 or tokens[1].text != ":" or any(a <= tokens[0].start < b for a, b, _ in ner):
            continue
        word = tokens[0].text
        if not word[:1].isupper() or word.isupper():
            continue
        parses = vocab.parse(word.lower())
        if any("Surn" in p.tag and p.is_known for p in parses) and not any("Geox" in p.tag for p in parses):
            out.append((tokens[0].start, tokens[0].stop, "PERSON"))
    return out


# a settlement's word before its name: "города Часов Яр", "в посёлке Новая Заря"
_SETTLEMENTS = frozenset("""
город города городе городом городу село села селе селом селу посёлок посёлка посёлке посёлком поселок поселка
поселке поселком пгт деревня деревни деревне деревню станица станицы станице хутор хутора хуторе
""".split())
# prepositions of place whose name follows in the locative ("в Кривом Роге") or instrumental ("под Торецком")
_AT = frozenset({"в", "во", "на"})
_NEAR = frozenset({"под", "подо", "около", "возле", "близ", "вблизи"})
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def _person_is_place(vocab, tokens, words, before: list[tuple[int, int, str]]) -> bool:
    """A "person" span that is a place, by general signs rather than a list of towns:
    - every word the dictionary knows only as a place ("у Торецка"); or every word, two or more, is a common
      noun or adjective it knows and none a first name, surname or patronymic ("Часов Яр", "Кривому Рогу":
      a person's name has at least one);
    - a neuter adjective's ending, which no person's name has ("Старомайорское");
    - the word before is a settlement's ("города Часов Яр"), or a preposition of place with the name in the
      locative ("в Кривом Роге") or after one of nearness ("под Торецком");
    - it is coordinated with a place in the same case ("под Часовым Яром и Торецком")."""
    if all(_place_only(vocab, t.text) for t in words) or _common_words(vocab, words) or _neuter_place(vocab, words):
        return True
    at = next((i for i, t in enumerate(tokens) if t.start == words[0].start), None)
    if at is None or at == 0:
        return False
    previous = tokens[at - 1].text.casefold()
    case = (words[0].feats or {}).get("Case")
    if previous in _SETTLEMENTS or previous in _NEAR or previous in _AT and case == "Loc" \
            or _strike_or_area(tokens, at):
        return True
    if previous in ("и", ",") and at >= 2 and before and before[-1][2] in ("LOC", "GPE") \
            and before[-1][1] == tokens[at - 2].stop:
        first = next((i for i, t in enumerate(tokens) if t.start == before[-1][0]), None)
        same = first is not None and (tokens[first].feats or {}).get("Case") == case
        lead = tokens[first - 1].text.casefold() if first else ""
        return same and (lead in _NEAR or lead in _AT and case == "Loc" or bool(first) and _strike_or_area(tokens, first))
    return False


# what a place follows, not a person: strikes on it ("удары по Дженину") and the area of fighting ("в районе
# Угледара", "в направлении Покровска")
_STRIKES = frozenset("удар удары ударов ударам ударами".split())
_AREAS = frozenset({("в", "районе"), ("в", "направлении")})


def _strike_or_area(tokens, at: int) -> bool:
    """The two words before token ``at`` are a strike's "удары по" or an area's "в районе", "в направлении"."""
    if at < 2:
        return False
    two = (tokens[at - 2].text.casefold(), tokens[at - 1].text.casefold())
    return two in _AREAS or two[1] == "по" and two[0] in _STRIKES


def _common_words(vocab, words) -> bool:
    if len(words) < 2 or not all(t.text[:1].isupper() and t.text[1:2].islower() for t in words):
        return False
    for t in words:
        parses = vocab.parse(t.text.lower())
        if not parses or not all(p.is_known for p in parses) or any(_NAME_GRAMMEMES & set(p.tag.grammemes)
                                                                    for p in parses):
            return False
    return True


_NEUTER_PLACE = ("ское", "цкое", "ово", "ево")


def _neuter_place(vocab, words) -> bool:
    if len(words) != 1 or not words[0].text.lower().endswith(_NEUTER_PLACE):
        return False
    return not any(_NAME_GRAMMEMES & set(p.tag.grammemes) for p in vocab.parse(words[0].text.lower()))


def _common_noun(vocab, word: str) -> bool:
    parses = vocab.parse(word.lower())
    # not an adjective that may be a name's first word ("Красный Лиман"; "красный" is a noun too, "a red")
    return any(p.tag.POS == "NOUN" and "nomn" in p.tag for p in parses) and not any(
        _NAME_TAGS & set(p.tag.grammemes) or p.tag.POS == "ADJF" for p in parses)


def _participle(vocab, word: str) -> bool:
    """A participle opening the sentence ("Освобождённый Херсон"): a town's name does not start with one."""
    parses = vocab.parse(word.lower())
    return bool(parses) and all(p.tag.POS == "PRTF" for p in parses)


# endings of Slavic town names: a town the dictionary only guesses by analogy ("Торецка") counts with one of them
_TOWN_ENDINGS = ("ск", "цк", "поль", "град", "город", "овка", "евка", "ёвка", "ино", "ово", "ево", "ичи")


def _place_only(vocab, word: str) -> bool:
    parses = vocab.parse(word.lower())
    geo = [p for p in parses if "Geox" in p.tag and (p.is_known or p.normal_form.endswith(_TOWN_ENDINGS))]
    return bool(geo) and not any({"Name", "Surn", "Patr"} & set(p.tag.grammemes)
                                                            for p in parses)


def canonical(words, label: str, written: str) -> str:
    """The nominative of a name from its tagged tokens (``.text``, ``.start``, ``.stop``, ``.pos``, ``.feats``).

    A person: every word ("Ирины Соколовой" -> "Ирина Соколова"). An organisation or a place: its head noun and
    the words before it, its complements stay as written ("Министерства иностранных дел России" ->
    "Министерство иностранных дел России", "Вооружённых сил Украины" -> "Вооружённые силы Украины")."""
    if label == "PERSON":
        change = set(range(len(words)))
        words = _agreed_case(_particle_surnames(words))
    else:
        place = label in ("LOC", "GPE", "FAC")
        complements = {i for i in range(len(words)) if place and _complement(words, i)}
        head = next((i for i, t in enumerate(words) if t.pos in ("NOUN", "PROPN") and not _adjective(t)
                     and i not in complements), None)
        if head is None:
            # a town of a noun and its adjective the tagger read as one adjective ("обстрелы Каменки-Днепровской"):
            # the case both parts share decides
            alone = _noun_and_adjective_any_case(words[0].text) if place and len(words) == 1 else None
            # a region in -щина the tagger read as no noun ("Бои идут на Курщине": an adjective)
            alone = alone or (_regional(words[0].text) if place and len(words) == 1 else None)
            return alone or (_known_place_alone(words[0].text) if place and len(words) == 1 else None) or written
        change = set(range(head + 1)) - complements
        if words[head].text.casefold() in _PLURAL_HEADS:
            change.discard(head)  # "Силы специальных операций" is the forces, not the genitive of "Сила"
        # a participle before the head is an adjective of the name and agrees with it ("Суданских вооружённых
        # силах" -> "Суданские вооружённые силы"): the tagger calls it a verb, which would keep its case
        words = [_as_adjective(t) if i < head and _participle_tag(t) else t for i, t in enumerate(words)]
        # adjectives before the head agree with it ("Каховскому водохранилищу" -> "Каховское водохранилище"):
        # the tagger's gender of an oblique adjective is often a guess (masculine and neuter share the form)
        gender = _dictionary_gender(words[head])
        if gender and (words[head].feats or {}).get("Number") != "Plur":
            words = [_with_gender(t, gender) if i < head and t.pos == "ADJ" else t for i, t in enumerate(words)]
    out, offset = [], words[0].start
    for i, t in enumerate(words):
        out.append(" " * (t.start - offset) if i else "")
        out.append(_nominative_word(t, place=label in ("LOC", "GPE", "FAC"), person=label == "PERSON")
                   if i in change else t.text)
        offset = t.stop
    return "".join(out)


# the article of an Arabic surname, in lower case and joined by a hyphen ("аль-Бурхан", "ас-Судани", "аш-Шараа")
_ARABIC_ARTICLE = re.compile(r"(?:аль|ал|аш|ас|ад|ан|ар|ат|аз|эль|эш|эс|эд|эн|эр)-[А-ЯЁ]")
# ...ending on a case ending after a consonant ("-Бурханом", "-Бурхана"): one in a vowel ("ас-Сиси", "аш-Шараа")
# may be indeclinable, and stays as written
_DECLINED_SURNAME = re.compile(r"[бвгджзклмнпрстфхцчшщ](?:ом|ем|а|у|е)$")


def _particle_surnames(words):
    """A surname opening on its lower-case Arabic article ("с Абдель Фаттахом аль-Бурханом") declines with the
    name before it; the tagger reads it as a particle with no case, which left it as written ("аль-Бурханом"):
    it takes the case, gender and number of the capitalised word before it."""
    from types import SimpleNamespace

    out = list(words)
    for i in range(1, len(out)):
        t, before = out[i], out[i - 1]
        if _ARABIC_ARTICLE.match(t.text) and _DECLINED_SURNAME.search(t.text) and before.text[:1].isupper() and before.pos in ("NOUN", "PROPN"):
            feats = {k: v for k, v in (before.feats or {}).items() if k in ("Case", "Gender", "Number")}
            out[i] = SimpleNamespace(text=t.text, start=t.start, stop=t.stop, pos="PROPN", feats=feats)
    return out


def _known_place_alone(word: str) -> str | None:
    """The nominative of a one-word place the tagger read as an adjective ("в Степанакерте" tagged a neuter
    adjective) when the dictionary knows the word, and only as a place name."""
    vocab = morph_vocab()
    if vocab is None or not word[:1].isupper():
        return None
    if not _only_place_noun(vocab, word):
        return None
    lemma = _place_name(vocab, word)
    if lemma is None:
        return None
    from natasha.shape import ShapeRecoverError, recover_shape

    try:
        return _keep_yo(recover_shape(lemma, word), word)
    except ShapeRecoverError:
        return None


def _participle_tag(token) -> bool:
    return token.pos == "VERB" and (token.feats or {}).get("VerbForm") == "Part"


def _as_adjective(token):
    from types import SimpleNamespace

    return SimpleNamespace(text=token.text, start=token.start, stop=token.stop, pos="ADJ", feats=token.feats)


_UD_CASES = {"gent": "Gen", "datv": "Dat", "ablt": "Ins", "loct": "Loc", "accs": "Acc"}
# a name's ending that shows an oblique case: a consonant stem and a case ending ("Жомартом", "Фидана"); a
# foreign name ending on another vowel ("Джорджи", "Кагаме") may be indeclinable, whatever the tagger reads
_CASE_ENDING = re.compile(r"[бвгджзклмнпрстфхцчшщ](?:ом|ем|ым|им|ой|ей|а|я|у|ю|ы)$")


def _agreed_case(words):
    """A person's words in the case the dictionary says they share, where the tagger read an oblique name as a
    nominative ("Йоаву Галланту позвонил", "направлено ... Урсуле фон дер Ляйен": no nominative reading of
    "Йоаву" or "Урсуле"). The words the dictionary knows (or tags as names) decide; the others narrow a tie
    ("Йоаву" is accusative or dative, "Галланту" only dative). Unchanged when the tagger already gave an
    oblique case to every word, or a word may be a nominative."""
    vocab = morph_vocab()
    names = [t for t in words if t.text[:1].isupper() and not t.text.isupper()]
    if vocab is None or not names or all((t.feats or {}).get("Case") not in (None, "Nom") for t in names):
        return words
    strong, weak = [], []
    for t in names:
        tagged = _PYMORPHY_CASES.get((t.feats or {}).get("Case"))
        if tagged is not None and _CASE_ENDING.search(t.text.lower()):
            # a word the tagger itself read in an oblique case is in it ("Касым-Жомартом Токаевым": the
            # dictionary's guesses at a hyphenated given name include a nominative, the tagger's reading does not)
            strong.append({tagged})
            continue
        parses = [p for p in vocab.parse(t.text.lower()) if p.tag.POS == "NOUN"]
        cases = {p.tag.case for p in parses}
        if "-" in t.text and not any(p.is_known for p in parses):
            # a hyphenated name the dictionary does not know: its cases are guesses at the last part's ending
            # ("Абу-Убейда" read only as the genitive of "Абу-Убейд"), which narrow a case and never set one
            if cases:
                weak.append(cases)
            continue
        if not cases or "nomn" in cases:
            # only a nominative reading the dictionary knows or takes for a name counts: a guess at an unknown
            # word gives a nominative of a common noun beside the name's own case ("Фиданом": a name in the
            # instrumental, or an inanimate "фиданом")
            if any(p.is_known or _NAME_GRAMMEMES & set(p.tag.grammemes) for p in parses if "nomn" in p.tag):
                return words  # a word that may well be a nominative ("Кира"): the tagger may be right
            continue
        (strong if any(p.is_known or _NAME_GRAMMEMES & set(p.tag.grammemes) for p in parses) else weak).append(cases)
    if not strong:
        return words
    agreed = set.intersection(*strong)
    narrowed = agreed & set.intersection(*weak) if weak else agreed
    case = next((_UD_CASES[c] for c in _UD_CASES if c in (narrowed or agreed)), None)
    if case is None:
        return words
    from types import SimpleNamespace

    return [SimpleNamespace(text=t.text, start=t.start, stop=t.stop, pos=t.pos, feats={**(t.feats or {}), "Case": case})
            if t in names else t for t in words]


def _complement(words, i: int) -> bool:
    """A place name's noun in the genitive before its head ("Часов Яр": "of the hours" + "ravine"): it stays as
    written, and the head is the name after it, which is not in the genitive."""
    if i + 1 >= len(words) or words[i].pos not in ("NOUN", "PROPN") or (words[i].feats or {}).get("Case") != "Gen":
        return False
    after = words[i + 1]
    return after.text[:1].isupper() and after.pos in ("NOUN", "PROPN") and (after.feats or {}).get("Case") != "Gen"


_GENDERS = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}


def _dictionary_gender(token) -> str | None:
    """The gender of a noun from the dictionary (the tagger read "водохранилищу" as masculine), else the tagger's."""
    vocab = morph_vocab()
    if vocab is not None and token.pos == "NOUN":
        for parse in vocab.parse(token.text.lower()):
            if parse.tag.POS == "NOUN" and parse.tag.gender in _GENDERS:
                return _GENDERS[parse.tag.gender]
    return (token.feats or {}).get("Gender")


def _with_gender(token, gender: str):
    from types import SimpleNamespace

    return SimpleNamespace(text=token.text, start=token.start, stop=token.stop, pos=token.pos,
                           feats={**(token.feats or {}), "Gender": gender})


def _adjective(token) -> bool:
    """A word the tagger calls a proper noun but the dictionary knows only as an adjective ("Тарской")."""
    vocab = morph_vocab()
    if vocab is None or token.pos != "PROPN":
        return False
    # a hyphenated name is what its first part is: "Каменки-Днепровской" is a town (a noun and its adjective)
    pos = {f.pos for f in vocab(token.text.lower().split("-")[0])}
    return "ADJ" in pos and "NOUN" not in pos


_CASED_ACRONYM = re.compile(r"([A-ZА-ЯЁ]{2,})[а-яё]{1,3}")


# endings a name cannot have in a case: a foreign name the dictionary does not know ending so is indeclinable
# ("Поля Кагаме", "Феликса Чисекеди", "с Ибрагимом Траоре"), in the nominative as written. A genitive in -и is a
# name's in -я/-а after г, к, х, ж, ч, ш, щ or a vowel ("Кайи"; a known "Ильи" is the dictionary's); -ого, -его are
# an adjectival surname's ("Зеленского")
_NO_CASE_ENDING = {"Gen": re.compile(r"(?:[еуюэ]|(?<![ое]г)о|[бвдзлмнпрстфц]и)$"),
                   "Acc": re.compile(r"(?:[еиэ]|(?<![ое]г)о)$"),
                   "Ins": re.compile(r"[аеиоуэяы]$"), "Dat": re.compile(r"[оэаяы]$"), "Loc": re.compile(r"[оуэаяы]$")}
# a case ending whose stem a person's nominative keeps ("Мерца" -> "Мерц", not the guess "Мерец")
_PERSON_CASE_ENDING = re.compile(r"(?:ом|ем|ым|им|ой|ей|а|я|у|ю|ы|и|е)$")


def _unknown_word(word: str) -> bool:
    vocab = morph_vocab()
    return vocab is not None and not any(p.is_known for p in vocab.parse(word.lower()))


def _indeclinable_name(word: str, feats: dict) -> bool:
    """A person's word the dictionary does not know whose ending no form of the tagged case has."""
    ending = _NO_CASE_ENDING.get(feats.get("Case"))
    return bool(ending and word[:1].isupper() and "-" not in word and ending.search(word.lower())
                and _unknown_word(word))


def _double_surname(word: str) -> bool:
    """Two capitalised parts ending alike, each in the same case ("Львовой-Беловой", "Петрова-Водкина"): not a
    first name whose first part does not decline ("Жан-Пьера"), nor an Arabic article ("аль-Бурхана")."""
    parts = word.split("-")
    if len(parts) != 2 or not all(len(p) > 2 and p[:1].isupper() for p in parts):
        return False
    # the same case ending on both parts: a first name whose first part reads as another ending is not one
    # ("Касым-Жомартом": "ым" and "ом")
    endings = [_PERSON_CASE_ENDING.search(p.lower()) for p in parts]
    return all(endings) and endings[0].group(0) == endings[1].group(0)


def _double_given_name(word: str, feats: dict) -> str | None:
    """Two given names joined by a hyphen in an oblique case, each one the dictionary knows as a declining first
    name in the tagged case ("Анны-Марии", "Анне-Марии"): each part in the nominative by that reading ("Анна-
    Мария"; the dictionary, reading the word whole, declined the last part alone). None for a first part that
    does not decline ("Жан-Пьера": "Жан" has no genitive; "Абу-Убейды": "Абу" is indeclinable)."""
    parts = word.split("-")
    case = _PYMORPHY_CASES.get(feats.get("Case"))
    vocab = morph_vocab()
    if case is None or vocab is None or len(parts) != 2 or not all(p[:1].isupper() for p in parts):
        return None
    out = []
    for part in parts:
        # (not an indeclinable reading: "Анне" is a French name too, and the dative of "Анна")
        nominatives = [p.inflect({"Nom"}) for p in vocab.parse(part.lower())
                       if p.is_known and {"Name", case} <= set(p.tag.grammemes) and "Fixd" not in p.tag]
        nominative_form = next((f for f in nominatives if f is not None), None)
        if nominative_form is None:
            return None
        out.append(_keep_yo(nominative_form.word, part).capitalize())
    return "-".join(out)


def _keeps_stem(lemma: str, word: str) -> bool:
    """Whether a guessed nominative keeps the word's stem: foreign names have no fleeting vowel."""
    return lemma.lower().startswith(_PERSON_CASE_ENDING.sub("", word.lower()))


def _nominative_word(token, place: bool = False, person: bool = False) -> str:
    word, pos, feats = token.text, token.pos, token.feats or {}
    acronym = _CASED_ACRONYM.fullmatch(word)
    if acronym:
        return acronym.group(1)  # an acronym with a case ending ("МИДа", "ХАМАСом"): the acronym, not "мид"
    if person and _indeclinable_name(word, feats):
        return word
    if person and _ARABIC_ARTICLE.match(word) and not _DECLINED_SURNAME.search(word):
        # an Arabic surname ending on a vowel ("Мухаммада аль-Хасани", "ас-Сиси") is indeclinable: the dictionary's
        # guess for a genitive in -и ("аль-Хасаня") is no name
        return word
    given = _double_given_name(word, feats) if person else None
    if given is not None:
        return given
    if person and _double_surname(word):
        # each part declines ("Марии Львовой-Беловой" -> "Львова-Белова"); the dictionary, reading the word whole,
        # put the last part alone in the nominative ("Львовой-Белова")
        from types import SimpleNamespace

        return "-".join(_nominative_word(SimpleNamespace(text=part, start=0, stop=len(part), pos=pos, feats=feats),
                                         person=True) for part in word.split("-"))
    hyphenated = _hyphenated_place(word, feats) if place and pos in ("NOUN", "PROPN") else None
    if hyphenated is not None:
        return hyphenated
    regional = _regional(word) if place and pos in ("NOUN", "PROPN") else None
    if regional is not None:
        return regional
    # (not an adjective: "Красным" in "Красным Лиманом" is no town "Красное")
    if place and pos in ("NOUN", "PROPN") and word[:1].isupper() and not word.isupper() and morph_vocab() is not None:
        # a place name the dictionary knows in this form only in an oblique case: the tagger may call it a
        # nominative ("Обстрел Мелитополя" read as two subjects)
        from natasha.shape import ShapeRecoverError, recover_shape

        lemma = _place_name(morph_vocab(), word)
        if lemma is not None and not any(p.is_known for p in morph_vocab().parse(word.lower())):
            # a guess by a Russian word's ending: a gender the case's ending shows wins ("по Ньяле": not "Ньял")
            lemma = _feminine_by_ending(word.lower(), feats) or lemma
        if lemma is not None:
            try:
                return _keep_yo(recover_shape(lemma, word), word)
            except ShapeRecoverError:
                pass
    if feats.get("Case") in (None, "Nom") or pos not in _INFLECTED or word.isupper() or not word[:1].isalpha():
        return word
    vocab = morph_vocab()
    if vocab is not None:
        from natasha.shape import ShapeRecoverError, recover_shape

        lemma = _inflect(vocab, word, pos, feats)
        if place and pos in ("NOUN", "PROPN") and word[:1].isupper():
            lemma = _unknown_place(vocab, word, lemma, feats)
        if person and lemma is not None and not _keeps_stem(lemma, word) and _unknown_word(word):
            lemma = None  # a guess with a fleeting vowel ("Мерца" -> "Мерец"): the ending rules ("Мерц")
        if lemma is not None:
            try:
                return _keep_yo(recover_shape(lemma, word), word)
            except ShapeRecoverError:  # an odd shape ("McDonald's"): the ending rules below
                pass
    return nominative(word, feats)


_PYMORPHY_CASES = {"Gen": "gent", "Dat": "datv", "Loc": "loct", "Ins": "ablt", "Acc": "accs"}
# a first part that may itself be in a case ("Ростове-на-Дону", "Петропавловске-Камчатском"): left alone
_INFLECTED_FIRST = re.compile(r"(?:е|ом|ем|ой|ей|ым|им|ого|его|ому|ему)$")
# a place name's endings back to the nominative when the dictionary does not know the word ("Завии")
_PLACE_ENDINGS = (("ией", "ия"), ("ии", "ия"), ("ию", "ия"), ("ой", "а"), ("ы", "а"), ("ом", ""), ("у", ""),
                  ("а", ""), ("е", ""))


def _hyphenated_place(word: str, feats: dict) -> str | None:
    """A hyphenated place name in an oblique case ("Эль-Фашире", "Кок-Ташу", "Джебель-Завии"): its first part
    does not change ("Эль", "Кок", "Порт"), the last is put in the nominative by the dictionary's reading of
    it alone in the tagged case (the whole word is unknown to it); without one, by a place's endings. None
    for a word with no hyphen, in the nominative, or whose first part may be inflected too."""
    parts = word.split("-")
    case = _PYMORPHY_CASES.get(feats.get("Case"))
    if feats.get("Case") == "Nom" and feats.get("Gender") == "Fem" and feats.get("Number") == "Sing" \
            and parts[-1].lower().endswith(("ы", "ии")):
        case = "gent"  # no feminine nominative ends so ("район Эль-Джуфры" tagged Nom): the genitive it is
    vocab = morph_vocab()
    if len(parts) != 2 or case is None or vocab is None or not all(p[:1].isupper() for p in parts):
        return None
    both = _noun_and_adjective(vocab, parts, case)
    if both is not None:
        return both
    if _INFLECTED_FIRST.search(parts[0].lower()):
        return None
    last = parts[1]
    for parse in vocab.parse(last.lower()):
        if parse.tag.POS != "NOUN" or case not in parse.tag or "Fixd" in parse.tag or "plur" in parse.tag:
            continue
        nominative_form = parse.inflect({"Nom"})
        if nominative_form is not None:
            return f"{parts[0]}-{_keep_yo(nominative_form.word, last).capitalize()}"
    if feats.get("Case") == "Acc":
        return None  # an inanimate accusative is the nominative
    low = last.lower()
    for ending, replacement in _PLACE_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            return f"{parts[0]}-{last[: len(last) - len(ending)]}{replacement}"
    return None


def _noun_and_adjective(vocab, parts: list[str], case: str) -> str | None:
    """A town named by a noun and its adjective ("Каменки-Днепровской", "Белгороде-Днестровском"): both parts
    decline, so both go back to the nominative, the adjective in the noun's gender. None unless the first part
    reads as a singular noun and the second as an adjective of its gender, both in ``case``."""
    first, last = parts
    adjectives = [p for p in vocab.parse(last.lower()) if p.tag.POS == "ADJF" and case in p.tag and "sing" in p.tag]
    if not adjectives:
        return None
    for noun in vocab.parse(first.lower()):
        gender = noun.tag.gender
        if noun.tag.POS != "NOUN" or case not in noun.tag or "plur" in noun.tag or gender is None:
            continue
        adjective = next((p for p in adjectives if p.tag.gender in (gender, None)), None)
        noun_form = noun.inflect({"Nom"})
        adjective_form = adjective.inflect({"Nom", "Sing", _GENDERS[gender]}) \
            if adjective is not None and gender in _GENDERS else None
        if noun_form is not None and adjective_form is not None:
            return f"{_keep_yo(noun_form.word, first).capitalize()}-{_keep_yo(adjective_form.word, last).capitalize()}"
    return None


def _noun_and_adjective_any_case(word: str) -> str | None:
    """_noun_and_adjective in the first oblique case a hyphenated capitalised word's two parts share."""
    parts = word.split("-")
    vocab = morph_vocab()
    if len(parts) != 2 or vocab is None or not all(p[:1].isupper() for p in parts):
        return None
    for case in _PYMORPHY_CASES.values():
        found = _noun_and_adjective(vocab, parts, case)
        if found is not None:
            return found
    return None


def _inflect(vocab, word: str, pos: str, feats: dict) -> str | None:
    """The dictionary's nominative of ``word`` in the tagged case and number: an analysis of the tagged part of
    speech and gender first, then any (the tagger often gives a surname no gender, and calls an adjective in a
    name, "Тарской", a proper noun)."""
    case, number, gender = feats.get("Case"), feats.get("Number"), feats.get("Gender")
    want = "NOUN" if pos == "PROPN" else pos
    # (not an abbreviation's reading: it does not decline, and a name written in lower case is none: "Хидра")
    forms = [f for f in vocab(word.lower()) if f.feats.get("Case") == case and f.feats.get("Abbr") != "Yes"
             and (number is None or f.feats.get("Number") == number)
             # a participle is an adjective in a name: "Объединённой контрольной комиссии" (not "Объединённа")
             and (f.pos in ("NOUN", "ADJ") or pos == "ADJ" and f.pos == "VERB" and f.feats.get("VerbForm") == "Part")]
    forms.sort(key=lambda f: (f.pos != want, gender is not None and f.feats.get("Gender") != gender))
    for form in forms:
        if form.feats.get("Degree") == "Sup":
            return _superlative_nominative(word, form.feats)
        try:
            nominative_form = form.inflect({"Nom"})
        except (ValueError, KeyError):
            continue
        if nominative_form is not None:
            return nominative_form.word.replace("ё", "е")
    return None


def people_nominative(token, after=None) -> str | None:
    """A people's or a state's word in the nominative of its own number and gender, as the sets name a NORP
    ("азербайджанскую сторону" -> "азербайджанская", "армянских военных" -> "армянские", "палестинцев" ->
    "палестинцы"): not the masculine lemma, which would change what the word says. Of the dictionary's readings,
    the tagger's case, number and gender win where it tagged the sentence; else the one that agrees with the next
    word ("российского министра": masculine, not neuter); else the dictionary's first. None without a dictionary."""
    vocab = morph_vocab()
    word = token.text
    if vocab is None or not word[:1].isalpha() or word.isupper():
        return None
    forms = [f for f in vocab(word.lower()) if f.pos in ("ADJ", "NOUN") and f.feats.get("Abbr") != "Yes"]
    tagged = {k: v for k, v in (token.feats or {}).items() if k in ("Case", "Number", "Gender")}
    forms.sort(key=lambda f: (any(f.feats.get(k) != v for k, v in tagged.items()), not _agrees(f, after, vocab)))
    for form in forms:
        try:
            nominative_form = form.inflect({"Nom"})
        except (ValueError, KeyError):
            continue
        if nominative_form is not None:
            lemma = nominative_form.word
            return _keep_yo(lemma[:1].upper() + lemma[1:] if word[:1].isupper() else lemma, word)
    return None


def _agrees(form, after, vocab) -> bool:
    """Whether an adjective's reading agrees in case, number and gender with a reading of the word after it."""
    if after is None or form.pos != "ADJ" or not after.text[:1].isalpha():
        return False
    keys = ("Case", "Number", "Gender")
    return any(all(form.feats.get(k) is None or f.feats.get(k) is None or form.feats.get(k) == f.feats.get(k)
                   for k in keys) for f in vocab(after.text.lower()) if f.pos in ("NOUN", "ADJ"))


_SUPERLATIVE_ENDING = re.compile(r"(?:его|ему|ими|им|ем|ей|ую|их|ее|ая|ие|ий)$")
_NOMINATIVE_ENDINGS = {"Masc": "ий", "Fem": "ая", "Neut": "ее"}


def _superlative_nominative(word: str, feats: dict) -> str | None:
    """The nominative of a superlative adjective by its ending ("Высшим советом" -> "высший"): the dictionary
    inflects it from its positive lemma, another word ("высокий" -> "высочайший")."""
    stem = _SUPERLATIVE_ENDING.sub("", word.lower())
    if stem == word.lower():
        return None
    ending = "ие" if feats.get("Number") == "Plur" else _NOMINATIVE_ENDINGS.get(feats.get("Gender") or "Masc")
    return stem + ending if ending else None


def _unknown_place(vocab, word: str, lemma: str | None, feats: dict | None = None) -> str | None:
    """A foreign place name the dictionary does not know, in an oblique case: its guesses are made on Russian
    words and go wrong two ways, which a place's endings put right. It reads "-ии" as an indeclinable name
    ("Джабалии" stays as written): a place in "-ия" it is. It puts back a fleeting vowel ("Сирта" -> "Сирот", as
    "рта" -> "рот"): foreign names have none, so a guess that does not keep the word's own stem is dropped for the
    ending rules ("Сирт"). Any other guess, and any word the dictionary knows, is left as it was."""
    low = word.lower()
    if any(p.is_known for p in vocab.parse(low)):
        return lemma
    if low.endswith("ия") and lemma is not None and lemma.endswith("ий"):
        return low  # a place's nominative in -ия ("района Шуджаия"), not the genitive of a masculine in -ий
    feminine = _feminine_by_ending(low, feats or {})
    if feminine is not None:
        return feminine
    for ending in ("ией", "ии", "ию"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            return low[: -len(ending)] + "ия"
    soft = _soft_masculine(low, feats or {})
    if soft is not None:
        return soft
    for ending, replacement in _PLACE_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            own = low[: -len(ending)]
            if lemma is not None and not lemma.startswith(own):
                return own + replacement
            break
    return lemma


# a region named by its centre and the feminine suffix -щина/-чина ("Харьковщина", "Курщина", "Белгородчина"):
# the dictionary knows few, and guesses the others as a masculine in -щин ("на Курщине" -> "Курщин", "Курщина"
# read as that one's genitive); the suffix is feminine, whatever the case. At least three letters before it, so a
# town in -чин ("Щучин") is not one.
_REGIONAL = re.compile(r"(\w{3,}(?:щин|чин))(?:а|ы|е|у|ой|ою)")


def _regional(word: str) -> str | None:
    """The nominative of a region in -щина/-чина the dictionary does not know ("на Курщине" -> "Курщина"), in
    whatever case the tagger read it (a nominative too: "Бои идут на Курщине" was kept as written). None for
    another word, or one the dictionary knows ("Харьковщина": its own reading is right)."""
    regional = _REGIONAL.fullmatch(word.lower())
    vocab = morph_vocab()
    if regional is None or not word[:1].isupper() or vocab is None or any(
            p.is_known for p in vocab.parse(word.lower())):
        return None
    return word[: len(regional.group(1))] + "а"


def _soft_masculine(low: str, feats: dict) -> str | None:
    """The nominative of a masculine place in a soft consonant, from a genitive in -я or a dative in -ю the
    tagger read as masculine ("жители Кидаля", "к Кидалю": "Кидаль"; "из Дубая": "Дубай"), which the hard
    endings miss: -ь after a consonant, -й after a vowel."""
    if feats.get("Gender") != "Masc" or (feats.get("Case"), low[-1:]) not in (("Gen", "я"), ("Dat", "ю")):
        return None
    stem_ = low[:-1]
    if len(stem_) < 3 or stem_[-1] in "ьи":
        return None  # "-ья", "-ия": a neuter in -ье/-ие ("Залесья") or a feminine in -ия as likely
    return stem_ + ("й" if stem_[-1] in "аеёоуыэюя" else "ь")


def _feminine_by_ending(low: str, feats: dict) -> str | None:
    """The nominative in -а/-я of a place name whose ending in its tagged case only a feminine noun has: a
    dative in -е ("удары по Ньяле": a masculine dative ends in -у), an accusative in -у/-ю ("прибыл в Ньялу":
    an inanimate masculine's accusative is its nominative), and an oblique -е the tagger reads as feminine ("в
    Габале"), and a genitive in -ы ("жители Сармады": no masculine or neuter noun's genitive singular ends so;
    the dictionary reads the unknown word as an indeclinable masculine name, which the tagger's gender picks).
    The dictionary's guess of an unknown foreign name goes by Russian words and gives "Ньял". None when the case
    and the ending say nothing of the gender ("в Сармаде", "в Горисе": -е of either)."""
    case, stem_ = feats.get("Case"), low[:-1]
    if len(stem_) < 3 or low[-2:-1] in "аеёиоуыэюяьй":
        return None
    if case == "Gen" and feats.get("Number") != "Plur" and low.endswith("ы"):
        return stem_ + "а"
    if low.endswith("е") and (case == "Dat" or feats.get("Gender") == "Fem" and case in ("Loc", "Dat", "Acc")):
        return stem_ + "а"
    if case == "Acc" and low.endswith(("у", "ю")):
        return stem_ + ("а" if low.endswith("у") else "я")
    return None


def _place_name(vocab, word: str) -> str | None:
    """The nominative of a word the dictionary knows as a place name ("Суджу" -> "суджа", "Горловке" ->
    "горловка"), whatever case and gender the tagger gave it: the tagger guesses an unfamiliar town's gender
    and case from its ending ("Суджу" read as a masculine dative gave "Судж"). None when it knows no place. A
    place it only guesses for an unknown word in -е is no knowledge: -е ends either gender's locative or dative,
    and the guess picks a feminine ("Африне" -> "Африня", "Дженине" -> "Джениня") or the word as written
    ("Угледаре"), so the tagged case and gender decide instead ("Африн", "Угледар"; "Ньяле" by its dative)."""
    guessed_e = word.lower().endswith("е")
    for parse in vocab.parse(word.lower()):
        if "Geox" not in parse.tag or parse.tag.POS != "NOUN" or guessed_e and not parse.is_known:
            continue
        nominative_form = parse.inflect({"Nom"})
        if nominative_form is not None:
            return nominative_form.word.replace("ё", "е")
    return None


def _keep_yo(lemma: str, word: str) -> str:
    """pymorphy2 writes е for ё ("Вооружённых" -> "вооруженные"): keep the article's ё where the stems agree."""
    if "ё" not in word.lower():
        return lemma
    at = word.lower().find("ё")
    if at < len(lemma) and lemma[at].lower() == "е":
        return lemma[:at] + ("Ё" if lemma[at].isupper() else "ё") + lemma[at + 1:]
    return lemma


# A person's name in another case, back to the nominative by its ending (the tagger gives case and gender):
# "Сергея Лаврова" -> "Сергей Лавров", "Марией Захаровой" -> "Мария Захарова". Longest ending first. A man's
# name in -а declines as a woman's: its genitive ends in -ы ("Ассими Гоиты" -> "Гоита", "Жозефа Кабилы").
_MASC = (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"), ("овым", "ов"), ("евым", "ев"),
         ("иным", "ин"), ("ием", "ий"), ("еем", "ей"), ("ия", "ий"), ("ию", "ий"), ("ии", "ий"), ("ея", "ей"),
         ("ею", "ей"), ("ее", "ей"), ("ым", ""), ("ом", ""), ("а", ""), ("у", ""), ("е", ""), ("ы", "а"))
_FEM = (("ской", "ская"), ("скую", "ская"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ова"),
        ("еву", "ева"), ("ину", "ина"), ("ией", "ия"), ("ии", "ия"), ("ию", "ия"), ("ой", "а"), ("ы", "а"),
        ("и", "а"), ("у", "а"), ("е", "а"))


def nominative(word: str, feats: dict) -> str:
    case, gender = feats.get("Case"), feats.get("Gender")
    if case in (None, "Nom") or not word[:1].isupper() or word.isupper():
        return word
    for ending, replacement in (_FEM if gender == "Fem" else _MASC):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: len(word) - len(ending)] + replacement
    return word


_FORM_POS = frozenset({"NOUN", "ADJF"})


def _people_plural(parse, low: str) -> bool:
    """A known animate noun written in its plural nominative ("абхазы", "палестинцы"): a people's form, whose
    case forms are its plural's ("абхазов", "абхазам"), not its singular lemma's."""
    return parse.is_known and parse.tag.POS == "NOUN" and {"anim", "plur"} <= set(parse.tag.grammemes) \
        and parse.word.replace("ё", "е") == low


@lru_cache(maxsize=4096)
def inflections(word: str) -> frozenset[str]:
    """The case forms of a name's word written in the nominative ("Египет" -> египта, египту, египте, ...), case
    folded, ё as е: the gazetteer matches them where a stem cannot (a fleeting vowel, a short name). Only the
    dictionary's readings of ``word`` as its own nominative, in their number (and gender, for an adjective:
    "Северная" -> северной, not северного); a place name's reading first when the dictionary has one. Empty
    without the dictionary or for a word it does not know."""
    vocab = morph_vocab()
    if vocab is None or not word[:1].isalpha() or word.isupper():
        return frozenset()
    low = word.casefold().replace("ё", "е")
    parses = [p for p in vocab.parse(word.casefold()) if "nomn" in p.tag and p.tag.POS in _FORM_POS
              and (p.normal_form.replace("ё", "е") == low or _people_plural(p, low))]
    places = [p for p in parses if "Geox" in p.tag]
    out: set[str] = set()
    for parse in places or parses:
        tag = parse.tag
        for form in parse.lexeme:
            if form.tag.POS != tag.POS or form.tag.number != tag.number:
                continue
            if tag.POS == "ADJF" and form.tag.number == "sing" and form.tag.gender != tag.gender:
                continue
            out.add(form.word.replace("ё", "е"))
    return frozenset(out)


# the verbs a negated infinitive hangs on ("не будем соблюдать", "не намерена продлевать", "не станем"): "не"
# before them negates the cue after them
_NEGATED_HOSTS = frozenset({"буду", "будем", "будет", "будут", "стану", "станем", "станет", "станут", "намерен",
                            "намерена", "намерено", "намерены", "собираемся", "собирается", "собираются",
                            "хочу", "хотим", "хочет", "хотят", "можем", "может", "могут"})
# "any more", "from now on" between the negated host and its infinitive ("не будем больше соблюдать перемирие")
_AGAIN = frozenset({"больше", "более", "впредь"})
# particles "не" may stand before with no verb negated: "не только против перемирия, но и ..." is against it
_NOT_VERBS = frozenset({"только", "лишь", "просто", "всегда", "совсем"})
# a verb's past tense ends so ("предлагал", "приветствовала", "поддержали")
_PAST_ENDING = re.compile(r"(?:л|ла|ло|ли|лся|лась|лись)$")


def _negation(tokens, char: int) -> str | None:
    """How the word at ``char`` is negated: in Russian "не" stands right before the word it negates, or before
    the verb its infinitive hangs on ("не будем соблюдать"). "past" for a verb in the past tense ("не предлагал"),
    "present" otherwise; None when it is not negated."""
    at = next((i for i, t in enumerate(tokens) if t.start <= char < t.stop), None)
    if at is None:
        return None
    before = [t.text.casefold() for t in tokens[max(0, at - 3):at]]
    if len(before) == 3 and before[-1] in _AGAIN:
        before = before[:-1]  # "не можем больше соблюдать", "не будем впредь продлевать": the adverb between
    before = before[-2:]
    if before[-1:] == ["не"] or (len(before) == 2 and before[0] == "не" and before[1] in _NEGATED_HOSTS):
        return "past" if _PAST_ENDING.search(tokens[at].text.casefold()) else "present"
    if tokens[at].text.casefold() == "против" and len(before) == 2 and before[0] == "не" \
            and before[1] not in _NOT_VERBS:
        # a cue that opens on "против" hangs on the verb before it: "не возражает против", "не выступали против"
        return "past" if _PAST_ENDING.search(before[1]) else "present"
    return None
