"""Article-level decision: is this article about an armed conflict's truce?

A count of war words cannot tell a trap page from a real truce: a film review set at a checkpoint, an Armistice
Day ceremony or a football "ceasefire" next to the British Army all have them, and a short brief about a truce
between two states may have none. So each sentence that names the truce is read for its FRAME, from what the
paragraph analyses already carry (the sentence, its entities):

- ``name``: the truce word is a title or a name, not an arrangement ("Armistice, a novel by ...", "the Truce
  tour", a capitalised "the Ceasefire" mid-sentence, “Ceasefire.” alone in quotation marks);
- ``past``: a truce remembered rather than held (its only years are decades back, an anniversary);
- ``armed``: it holds a word of armed conflict, an armed or state body, two states or nations, or a word of
  where and by whom truces are held (a border, an envoy), and no word of a civilian world;
- ``state``: only one place or nation (GPE, NORP) and no word of a civilian world: armed for the share, but
  it does not waive the count of war words, since every story happens somewhere;
- ``civilian``: a word of business, work, sport, culture, family or party politics frames it;
- ``mixed``: words of both (a war film, a state's airline, the rainy season of a war): counts half armed;
- ``date``: the truce only dates another story, not the fighting ("the road reopened a week after the
  ceasefire was signed");
- ``bare``: nothing either way (neither ``date`` nor ``bare`` counts for or against).

The article keeps its statements when enough of its framed truce sentences are armed, and a page where none is
armed needs more than one war word (pipeline/nlp/data/conflict.toml [decision]: the rule and its thresholds).
Lexicons of another topic or language keep their own ``min_context`` gate.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .model import _read_patterns, gazetteer_paths
from .spans import ParagraphAnalysis, StatementSpan

DEFAULT_CONFLICT = "conflict.toml"
_STATE_LABELS = frozenset({"GPE", "NORP"})
_OPENING = "\"'\u201c\u2018\u00ab( \u2014\u2013-"


@dataclass(frozen=True)
class ConflictWords:
    topic: str
    language: str
    truce: re.Pattern  # a truce word, any case
    truce_capital: re.Pattern  # a truce word written as a name: capitalised
    armed_org: frozenset[str]  # words of an armed or state body's name
    armed: re.Pattern
    party: re.Pattern  # a NORP that is a political party
    civilian: re.Pattern  # case-sensitive: common nouns only
    civilian_name: re.Pattern  # the same words in an organisation's name
    past_years: int
    past: re.Pattern
    works: frozenset[str]
    days: frozenset[str]
    min_armed_share: float
    min_context_unframed: int
    min_context_armed: int
    parties: frozenset[str]  # the gazetteer's organisations, less the news organisations: armed or state bodies
    digest: str

    def applies_to(self, lexicon) -> bool:
        return lexicon.topic == self.topic and lexicon.language == self.language


def _plurals(word: str) -> set[str]:
    word = word.strip()
    if not word:
        return set()
    if re.search(r"[^aeiou]y$", word):
        return {word, word[:-1] + "ies"}  # company, companies
    return {word, word + "s", word + "es"}


def _words(words: Sequence[str]) -> str:
    """A pattern of whole words (or phrases), singular or plural."""
    alternatives = sorted({re.escape(f) for w in words for f in _plurals(w)}, key=len, reverse=True)
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def parse_conflict(raw: bytes, where: str = DEFAULT_CONFLICT) -> ConflictWords:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        truce = [w.lower() for w in data["truce_words"]]
        civilian = [w for group in data["civilian"].values() for w in group]
        decision = data["decision"]
        return ConflictWords(
            topic=data["topic"],
            language=data.get("language", "en"),
            truce=re.compile(_words(truce), re.IGNORECASE),
            truce_capital=re.compile(_words([w.capitalize() for w in truce])),
            armed_org=frozenset(w.lower() for w in data["armed_org_words"]),
            armed=re.compile(_words(data["armed_words"]), re.IGNORECASE),
            party=re.compile(_words(data.get("party_words", [])), re.IGNORECASE),
            civilian=re.compile(_words(civilian)),
            civilian_name=re.compile(_words(civilian), re.IGNORECASE),
            past_years=int(data["past"]["years"]),
            past=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in data["past"]["words"]) + r")", re.IGNORECASE),
            works=frozenset(w.lower() for w in data["name"]["works"]),
            days=frozenset(w.lower() for w in data["name"].get("days", [])),
            min_armed_share=float(decision["min_armed_share"]),
            min_context_unframed=int(decision["min_context_unframed"]),
            min_context_armed=int(decision["min_context_armed"]),
            parties=_gazetteer_orgs() - {n.casefold() for n in data.get("not_parties", [])},
            digest=hashlib.sha256(raw).hexdigest()[:12],
        )
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{where} is not a valid conflict word file: {type(exc).__name__}: {exc}; "
                          f"see pipeline/nlp/data/{DEFAULT_CONFLICT} for the format") from exc


def _gazetteer_orgs() -> frozenset[str]:
    """The organisations of the bundled gazetteer (and a user's own), by the names entities carry."""
    patterns, _ = _read_patterns(gazetteer_paths())
    return frozenset(str(p.get("id") or p["pattern"]).casefold() for p in patterns
                     if p.get("label") == "ORG" and isinstance(p.get("pattern"), str))


@lru_cache(maxsize=1)
def load_conflict() -> ConflictWords:
    """The bundled word classes (pipeline/nlp/data/conflict.toml)."""
    raw = resources.files("pipeline.nlp").joinpath("data", DEFAULT_CONFLICT).read_bytes()
    return parse_conflict(raw, DEFAULT_CONFLICT)


_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_YEARS_SINCE = re.compile(r"\b(\d{2,4}) years (?:since|ago|after|on)\b", re.IGNORECASE)
# a time preposition right before a truce word ("a week after the ceasefire", "since last year's truce")
_TIME_BEFORE = re.compile(r"\b(?:since|after|before|until|till|during)\s+(?:the|a|this|that|last|its|their)\s+"
                          r"(?:[\w'\u2019-]+\s+){0,2}$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[\s\u2019']*s?\s+([A-Za-z][\w-]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+)[" + re.escape(_OPENING) + r"]*$")


def _is_name(text: str, words: ConflictWords) -> bool:
    """The truce word used as a name: a title, a product, a day."""
    for match in words.truce.finditer(text):
        before, after = text[: match.start()], text[match.end():]
        following = _NEXT_WORD.match(after)
        next_word = following.group(1) if following else ""
        capital = match.group(0)[0].isupper()
        if next_word.lower() in words.works or (capital and next_word.lower() in words.days):
            return True  # a compound modifier of a work or product noun: "the Truce tour", "Armistice Day"
        if not capital:
            continue  # scare quotes ('their “ceasefire”') doubt a real truce; they do not name a work
        if re.match(r"\s*[.!]?\s*(?:[\"\u201d\u2019']|$)", after) and re.search(r"[\"\u201c\u2018']\s*$", before):
            return True  # “Ceasefire.” alone in quotation marks: a word, not an arrangement
        if _SENTENCE_START.search(before):
            # a sentence that opens on the bare word and an appositive made of a work noun: "Armistice, the
            # third novel by ...", "Truce, a documentary about ..."
            appositive = re.match(r"\s*[,\u2014\u2013]\s+(?:the|a|an|his|her|their|its)\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", after)
            if appositive and words.works & set(appositive.group(1).lower().split()):
                return True
            continue
        previous = before.split()[-1] if before.split() else ""
        if previous[:1].isupper() or next_word[:1].isupper():
            continue  # part of a longer name: "the Joint Ceasefire Commission", "the Minsk Truce"
        return True  # capitalised mid-sentence on its own: "since the Armistice", "a Ceasefire screening"
    return False


def _is_past(text: str, words: ConflictWords, this_year: int, lexicon=None) -> bool:
    """A truce remembered: it marks an anniversary, counts decades since it, or (in a sentence with no word of
    armed conflict: not "bound by the 1953 armistice, days after US forces began drills") every year it gives
    is decades back."""
    if words.past.search(text) or any(int(n) >= words.past_years for n in _YEARS_SINCE.findall(text)):
        return True
    if lexicon is not None and lexicon.context_hits(text, article=True):
        return False
    years = [int(y) for y in _YEAR.findall(text)]
    return bool(years) and max(years) <= this_year - words.past_years


def _dates_only(text: str, words: ConflictWords) -> bool:
    """Every truce word of the sentence is the object of a time preposition: the truce dates another story."""
    found = list(words.truce.finditer(text))
    return bool(found) and all(_TIME_BEFORE.search(text[: m.start()]) for m in found)


def _armed(text: str, entities, lexicon, words: ConflictWords) -> str | None:
    """``armed``: a word of armed conflict or of where and by whom truces are held, an armed or state body, two
    states or nations; ``state``: only one place or nation (weaker: every story happens somewhere); None."""
    if lexicon.context_hits(text, article=True) > 0 or words.armed.search(text):
        return "armed"
    for e in entities:
        if e.label == "ORG" and e.name.casefold() in words.parties:
            return "armed"
        if (e.label == "ORG" and words.armed_org & set(re.findall(r"[a-z]+", e.name.lower()))
                and not words.civilian_name.search(e.name)):
            return "armed"
    party_names = [e for e in entities if e.label == "NORP" and words.party.search(e.name)]
    # places and nations, not parties of a parliament nor the first word of one ("Christian" "Democrats")
    states = {e.name.casefold() for e in entities if e.label in _STATE_LABELS and e not in party_names
              and not any(0 <= p.start - e.end <= 1 for p in party_names)}
    if len(states) > 1:
        return "armed"  # two states or nations around one truce: "Russia and Ukraine agreed a pause ..."
    return "state" if states else None


def truce_frame(statement: StatementSpan, entities, lexicon, words: ConflictWords, this_year: int) -> str:
    """The frame of one sentence that names the truce: name, past, date, armed, state, mixed, civilian or bare (module
    docstring); ``this_year`` dates the past."""
    text = statement.text
    if _is_name(text, words):
        return "name"
    if _is_past(text, words, this_year, lexicon):
        return "past"
    if _dates_only(text, words) and not lexicon.context_hits(text, article=True):
        return "date"  # "a week after the ceasefire was signed": a date for another story, no frame either way
    inside = [e for e in entities if e.start >= statement.start and e.end <= statement.end]
    armed, civilian = _armed(text, inside, lexicon, words), bool(words.civilian.search(text))
    if armed and civilian:
        return "mixed"
    return armed or ("civilian" if civilian else "bare")


def article_frames(analyses: Sequence[ParagraphAnalysis], lexicon, words: ConflictWords | None = None,
                   this_year: int | None = None) -> Counter:
    """How many of the article's truce sentences (statements found by a topic term) are in each frame."""
    words = words or load_conflict()
    this_year = this_year or datetime.date.today().year
    frames: Counter = Counter()
    for analysis in analyses:
        for statement in analysis.statements:
            if statement.evidence == "term":
                frames[truce_frame(statement, analysis.entities, lexicon, words, this_year)] += 1
    return frames


def about_armed_truce(analyses: Sequence[ParagraphAnalysis], lexicon, words: ConflictWords | None = None,
                      this_year: int | None = None) -> bool:
    """Whether the article's statements count: for the ceasefire lexicon, when enough of its truce sentences are
    framed by armed conflict; for any other lexicon, when its paragraphs hold ``min_context`` words of context."""
    words = words or load_conflict()
    if not words.applies_to(lexicon):
        return sum(a.context_hits for a in analyses) >= lexicon.min_context
    frames = article_frames(analyses, lexicon, words, this_year)
    armed = frames["armed"] + frames["state"] + 0.5 * frames["mixed"]
    if frames["armed"]:
        needed = words.min_context_armed  # a brief on two armies' truce needs no word of war
    elif armed:
        needed = lexicon.min_context  # a place or a nation alone: every story happens somewhere
    else:
        needed = max(lexicon.min_context, words.min_context_unframed)  # nobody armed: one war word is not enough
    if sum(a.context_hits for a in analyses) < needed:
        return False
    framed = frames["armed"] + frames["state"] + frames["mixed"] + frames["civilian"] + frames["name"] + frames["past"]
    return not framed or armed >= words.min_armed_share * framed
