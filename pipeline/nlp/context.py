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
armed needs more than one war word; on a page with an armed truce sentence and enough war words, a civilian truce
sentence is a passing word (a speaker's trade) and frames nothing (pipeline/nlp/data/conflict.toml [decision]: the
rule and its thresholds).
French and Russian have their own word classes (conflict_fr.toml, conflict_ru.toml: the same schema, with how
words inflect and an optional [grammar] table for the few patterns of English syntax); a lexicon of another topic,
or of a language with no such file, keeps its own ``min_context`` gate.
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
from .model import gazetteer_paths, read_patterns
from .spans import ParagraphAnalysis, StatementSpan

DEFAULT_CONFLICT = "conflict.toml"
# how a word class's words inflect: English plurals, French plurals (genders are listed as words), or stems
# that match any ending (Russian cases: "компани" is компания, компании, компанией ...)
_FORMS = ("english", "french", "stem")
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
    office: re.Pattern | None  # a state office ("minister", "government"): armed unless the page's truce is civilian
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
    # war words of an article with an armed truce sentence that outweigh its civilian ones (None: never)
    civilian_outweighed: int | None
    grammar: Grammar
    forms: str  # how its words inflect (_FORMS)
    armed_org_stems: re.Pattern | None  # the armed_org words as a pattern, for languages that inflect them
    parties: frozenset[str]  # the gazetteer's organisations, less the news organisations: armed or state bodies
    digest: str

    def applies_to(self, lexicon) -> bool:
        return lexicon.topic == self.topic and lexicon.language == self.language


@dataclass(frozen=True)
class Grammar:
    """The few patterns of a language's syntax the frames read (the [grammar] table; English by default)."""
    years_since: re.Pattern  # "80 years since the armistice": the number its one matched group
    time_before: re.Pattern  # a time preposition right before a truce word: "a week after the ceasefire"
    next_word: re.Pattern  # the word after a truce word
    appositive: re.Pattern  # "Armistice, the third novel by": group 1 the appositive's words
    closing: str  # closing quotation marks
    opening: str  # opening quotation marks
    work_before: bool  # a work noun BEFORE the truce word names it ("le film Trêve", "фильм «Перемирие»")
    # a quotation is a sentence of its own, cut from its attribution ("Le porte-parole de l'armée, X : « La trêve
    # ... »"): a bare quoted truce reads the war words of its paragraph, as a state frame
    quote_reads_paragraph: bool
    # words that hold an old truce in the present: a plan, a demand or a claim of being bound ("would return to
    # the 1991 ceasefire", "no longer bound by it"); a year in such a sentence does not make the truce remembered
    held_today: re.Pattern


_ENGLISH_GRAMMAR = {
    "years_since": r"\b(\d{2,4}) years (?:since|ago|after|on)\b",
    # a time preposition right before a truce word ("a week after the ceasefire", "since last year's truce")
    "time_before": r"\b(?:since|after|before|until|till|during)\s+(?:the|a|this|that|last|its|their)\s+"
                   r"(?:[\w'\u2019-]+\s+){0,2}$",
    "next_word": r"[\s\u2019']*s?\s+([A-Za-z][\w-]*)",
    "appositive": r"\s*[,\u2014\u2013]\s+(?:the|a|an|his|her|their|its)\s+((?:[\w'-]+\s+){0,3}[\w'-]+)",
    "closing": "\"\u201d\u2019'",
    "opening": "\"\u201c\u2018'",
    "work_before": False,
    "quote_reads_paragraph": False,
    # a modal only: not the noun ("the political will of"), not a past unreal ("would never have been signed")
    "held_today": r"\b(?:shall|no longer)\b"
                  r"|(?<!\bthe )(?<!\ba )(?<!\bpolitical )(?<!\bgood )(?<!\bfree )(?<!\bpopular )(?<!\bits )"
                  r"(?<!\btheir )(?<!\bhis )(?<!\bher )\bwill\b(?!\s+(?:of|to|and|for)\b)"
                  r"|\b(?:would|must|should)\b(?!(?:\s+(?:not|never|\w+ly))?\s+have\s+(?!to\b))",
}


def _grammar(table: dict) -> Grammar:
    g = {**_ENGLISH_GRAMMAR, **table}
    return Grammar(re.compile(g["years_since"], re.IGNORECASE), re.compile(g["time_before"], re.IGNORECASE),
                   re.compile(g["next_word"]), re.compile(g["appositive"]), str(g["closing"]), str(g["opening"]),
                   bool(g["work_before"]), bool(g["quote_reads_paragraph"]), re.compile(g["held_today"], re.IGNORECASE))


def _plurals(word: str, forms: str = "english") -> set[str]:
    word = word.strip()
    if not word:
        return set()
    if forms == "french":
        if word.endswith(("s", "x", "z")):
            return {word}
        if word.endswith("al"):
            return {word, word + "s", word[:-2] + "aux"}  # journal, journaux
        if word.endswith(("au", "eu")):
            return {word, word + "x"}  # jeu, jeux
        return {word, word + "s"}
    if re.search(r"[^aeiou]y$", word):
        return {word, word[:-1] + "ies"}  # company, companies
    return {word, word + "s", word + "es"}


def _words(words: Sequence[str], forms: str = "english") -> str:
    """A pattern of whole words (or phrases), singular or plural; or of stems, each word of a phrase with any ending."""
    if forms == "stem":
        alternatives = sorted({r"\s+".join(re.escape(p) + r"\w*" for p in w.split()) for w in words if w.strip()},
                              key=len, reverse=True)
    else:
        alternatives = sorted({re.escape(f) for w in words for f in _plurals(w, forms)}, key=len, reverse=True)
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def parse_conflict(raw: bytes, where: str = DEFAULT_CONFLICT) -> ConflictWords:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        forms = data.get("forms", "english")
        if forms not in _FORMS:
            raise ValueError(f"forms = {forms!r}: expected one of {', '.join(_FORMS)}")
        truce = [w.lower() for w in data["truce_words"]]
        civilian = [w for group in data["civilian"].values() for w in group]
        decision = data["decision"]
        return ConflictWords(
            topic=data["topic"],
            language=data.get("language", "en"),
            truce=re.compile(_words(truce, forms), re.IGNORECASE),
            truce_capital=re.compile(_words([w.capitalize() for w in truce], forms)),
            armed_org=frozenset(w.lower() for w in data["armed_org_words"]),
            armed=re.compile(_words(data["armed_words"], forms), re.IGNORECASE),
            office=(re.compile(_words(data["office_words"], forms), re.IGNORECASE) if data.get("office_words")
                    else None),
            party=re.compile(_words(data.get("party_words", []), forms), re.IGNORECASE),
            civilian=re.compile(_words(civilian, forms)),
            civilian_name=re.compile(_words(civilian, forms), re.IGNORECASE),
            past_years=int(data["past"]["years"]),
            past=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in data["past"]["words"]) + r")", re.IGNORECASE),
            works=frozenset(w.lower() for w in data["name"]["works"]),
            days=frozenset(w.lower() for w in data["name"].get("days", [])),
            min_armed_share=float(decision["min_armed_share"]),
            min_context_unframed=int(decision["min_context_unframed"]),
            min_context_armed=int(decision["min_context_armed"]),
            civilian_outweighed=(int(decision["civilian_outweighed"]) if "civilian_outweighed" in decision
                                 else None),
            grammar=_grammar(data.get("grammar", {})),
            forms=forms,
            armed_org_stems=(None if forms == "english"
                             else re.compile(_words(data["armed_org_words"], forms), re.IGNORECASE)),
            parties=_gazetteer_orgs() - {n.casefold() for n in data.get("not_parties", [])},
            digest=hashlib.sha256(raw).hexdigest()[:12],
        )
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError, AttributeError,
            re.error) as exc:
        raise ConfigError(f"{where} is not a valid conflict word file: {type(exc).__name__}: {exc}; "
                          f"see pipeline/nlp/data/{DEFAULT_CONFLICT} for the format") from exc


def _gazetteer_orgs() -> frozenset[str]:
    """The organisations of the bundled gazetteer (and a user's own), by the names entities carry."""
    patterns, _ = read_patterns(gazetteer_paths())
    return frozenset(str(p.get("id") or p["pattern"]).casefold() for p in patterns
                     if p.get("label") == "ORG" and isinstance(p.get("pattern"), str))


def conflict_file(language: str = "en") -> str:
    return DEFAULT_CONFLICT if language == "en" else f"conflict_{language}.toml"


@lru_cache(maxsize=8)
def load_conflict(language: str = "en", topic: str = "ceasefire") -> ConflictWords | None:
    """The bundled word classes of ``language`` (pipeline/nlp/data/conflict.toml, conflict_<language>.toml), or
    None when there are none for that language and topic: the lexicon's ``min_context`` gate applies alone."""
    name = conflict_file(language)
    path = resources.files("pipeline.nlp").joinpath("data", name)
    if not path.is_file():
        return None
    words = parse_conflict(path.read_bytes(), name)
    return words if words.topic == topic else None


# a year, or a decade by its first year ("the 1990s", "the 1980's"): a truce of a decade long gone is remembered
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)(?:['\u2019]?s)?\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+)[" + re.escape(_OPENING) + r"]*$")


def _is_name(text: str, words: ConflictWords) -> bool:
    """The truce word used as a name: a title, a product, a day."""
    for match in words.truce.finditer(text):
        before, after = text[: match.start()], text[match.end():]
        following = words.grammar.next_word.match(after)
        next_word = following.group(1) if following else ""
        capital = match.group(0)[0].isupper()
        if _is_work(next_word, words) or (capital and next_word.lower() in words.days):
            return True  # a compound modifier of a work or product noun: "the Truce tour", "Armistice Day"
        if words.grammar.work_before and _is_work(_previous_word(before), words):
            return True  # a work noun before the name: "le film « Trêve »", "в романе «Перемирие»"
        if not capital:
            continue  # scare quotes ('their “ceasefire”') doubt a real truce; they do not name a work
        closing, opening = re.escape(words.grammar.closing), re.escape(words.grammar.opening)
        if re.match(r"\s*[.!]?\s*(?:[" + closing + "]|$)", after) and re.search("[" + opening + r"]\s*$", before):
            return True  # “Ceasefire.” alone in quotation marks: a word, not an arrangement
        if _SENTENCE_START.search(before):
            # a sentence that opens on the bare word and an appositive made of a work noun: "Armistice, the
            # third novel by ...", "Truce, a documentary about ..."
            appositive = words.grammar.appositive.match(after)
            if appositive and any(_is_work(w, words) for w in appositive.group(1).lower().split()):
                return True
            continue
        previous = before.split()[-1] if before.split() else ""
        if next_word[:1].isupper() or _JOINED_NAME.match(after) or (
                previous[:1].isupper() and not _POSSESSIVE.search(previous)):
            continue  # part of a longer name: "the Joint Ceasefire Commission", "the Minsk Truce"
        # a capitalised word after a possessor is its work: "Director Ana Ruiz's Ceasefire, which opened ..."
        return True  # capitalised mid-sentence on its own: "since the Armistice", "a Ceasefire screening"
    return False


_POSSESSIVE = re.compile("['\u2019]s?$")
# the truce word as the first of two capitalised words a coordinator joins: one body's longer name ("the Ceasefire
# and Transitional Security Arrangements Monitoring and Verification Mechanism", "a Truce & Reconciliation Council")
_JOINED_NAME = re.compile(r"\s+(?:and|&)\s+[A-Z]")


def _title_again(text: str, words: ConflictWords) -> bool:
    """Every truce word of the sentence is written as a name on its own: capitalised, with no article before it
    and no capitalised word after it ("Ceasefire premiered in Berlin", "Ceasefire is in cinemas now"). On a page
    that has shown the word to be a work's title, such a sentence speaks of the work again."""
    found = list(words.truce.finditer(text))
    if not found:
        return False
    for match in found:
        following = words.grammar.next_word.match(text[match.end():])
        next_word = following.group(1) if following else ""
        before = text[: match.start()].split()
        if not match.group(0)[0].isupper() or next_word[:1].isupper() \
                or (before and before[-1].lower() in ("the", "a", "an", "this", "that", "its", "their")):
            return False
    return True


def _is_work(word: str, words: ConflictWords) -> bool:
    word = word.lower()
    if words.forms == "stem":  # a Russian noun in any case: "роман", "романе", "романа"
        return any(word.startswith(w) and len(word) - len(w) <= 3 for w in words.works)
    if words.forms == "french":
        return any(word in _plurals(w, "french") for w in words.works)
    return word in words.works


def _previous_word(before: str) -> str:
    """The word before a truce word, across an opening quotation mark: "film" in "le film « Trêve »"."""
    found = re.search(r"(\w[\w-]*)[\s" + re.escape(_OPENING) + r"]*$", before)
    return found.group(1) if found else ""


def _is_past(text: str, words: ConflictWords, this_year: int, lexicon=None) -> bool:
    """A truce remembered: it marks an anniversary, counts decades since it, or (in a sentence with no word of
    armed conflict: not "bound by the 1953 armistice, days after US forces began drills", and no word that holds
    it today: not "would return to the ceasefire if the vote promised in 1991 is held") every year it gives is
    decades back."""
    if words.past.search(text) or any(int(next(g for g in m.groups() if g)) >= words.past_years
                                        for m in words.grammar.years_since.finditer(text)):
        return True
    if lexicon is not None and lexicon.context_hits(text, article=True):
        return False
    if words.grammar.held_today.search(text):
        return False
    years = [int(y) for y in _YEAR.findall(text)]
    return bool(years) and max(years) <= this_year - words.past_years


def _dates_only(text: str, words: ConflictWords) -> bool:
    """Every truce word of the sentence is the object of a time preposition: the truce dates another story."""
    found = list(words.truce.finditer(text))
    return bool(found) and all(words.grammar.time_before.search(text[: m.start()]) for m in found)


def _armed_org_name(name: str, words: ConflictWords) -> bool:
    """An organisation whose name has a word of an armed or state body (its own language's, inflected, too)."""
    if words.armed_org & set(re.findall(r"[a-z]+", name.lower())):
        return True
    return words.armed_org_stems is not None and bool(words.armed_org_stems.search(name))


def _armed(text: str, entities, lexicon, words: ConflictWords) -> str | None:
    """``armed``: a word of armed conflict or of where and by whom truces are held, an armed or state body, two
    states or nations; ``state``: only one place or nation (weaker: every story happens somewhere); None. The
    truce word itself is no frame: a lexicon may count "cessez-le-feu" among its war words (one for the page's
    count), but "la chaîne espère que le cessez-le-feu durera" has nothing armed around it; those words decide."""
    around = words.truce.sub(" ", text)
    if lexicon.context_hits(around, article=True) > 0 or words.armed.search(around):
        return "armed"
    # nor is the truce word the model took for a place ("Trêve entre les deux animateurs ..." opening a sentence)
    entities = [e for e in entities if not words.truce.fullmatch(e.name.strip())]
    for e in entities:
        if e.label == "ORG" and e.name.casefold() in words.parties:
            return "armed"
        if (e.label == "ORG" and _armed_org_name(e.name, words)
                and not words.civilian_name.search(e.name)):
            return "armed"
    party_names = [e for e in entities if e.label == "NORP" and words.party.search(e.name)]
    # places and nations, not parties of a parliament nor the first word of one ("Christian" "Democrats"), nor a
    # French or Russian adjective of nationality, written in lower case: it qualifies any noun ("le football
    # français", "le rappeur tchadien") and says nothing of two states facing each other
    states = {e.name.casefold() for e in entities if e.label in _STATE_LABELS and e not in party_names
              and not any(0 <= p.start - e.end <= 1 for p in party_names)
              and not (e.label == "NORP" and e.text[:1].islower())}
    if len(states) > 1:
        return "armed"  # two states or nations around one truce: "Russia and Ukraine agreed a pause ..."
    if words.office is not None and words.office.search(around):
        return "office"  # only a minister, a president, a government: armed unless the page's truce is civilian
    return "state" if states else None


def _civilian_org(entity, words: ConflictWords) -> bool:
    """An organisation named by a civilian world's word ("the Pakistan Cricket Board", "the Nigeria Labour
    Congress"): the civilian words are matched in lower case only, so a capitalised name escapes them. Not a
    body the gazetteer lists nor one named as armed or a state's ("the African Union", "the Security Council")."""
    return (entity.label == "ORG" and bool(words.civilian_name.search(entity.name))
            and entity.name.casefold() not in words.parties and not _armed_org_name(entity.name, words))


def truce_frame(statement: StatementSpan, entities, lexicon, words: ConflictWords, this_year: int,
                paragraph_hits: int = 0) -> str:
    """The frame of one sentence that names the truce: name, past, date, armed, state, mixed, civilian or bare (module
    docstring); ``this_year`` dates the past; ``paragraph_hits`` are the paragraph's war words (Grammar)."""
    text = statement.text
    if _is_name(text, words):
        return "name"
    if _is_past(text, words, this_year, lexicon):
        return "past"
    if _dates_only(text, words) and not lexicon.context_hits(text, article=True):
        return "date"  # "a week after the ceasefire was signed": a date for another story, no frame either way
    inside = [e for e in entities if e.start >= statement.start and e.end <= statement.end]
    armed = _armed(text, inside, lexicon, words)
    civilian = bool(words.civilian.search(text)) or any(_civilian_org(e, words) for e in inside)
    if armed and civilian:
        return "mixed"
    quoted = statement.direct_quote and words.grammar.quote_reads_paragraph
    if not armed and not civilian and quoted and paragraph_hits > 0:
        return "state"
    return armed or ("civilian" if civilian else "bare")


def article_frames(analyses: Sequence[ParagraphAnalysis], lexicon, words: ConflictWords | None = None,
                   this_year: int | None = None) -> Counter:
    """How many of the article's truce sentences (statements found by a topic term) are in each frame."""
    words = words or load_conflict(lexicon.language, lexicon.topic)
    this_year = this_year or datetime.date.today().year
    framed = [(statement, truce_frame(statement, analysis.entities, lexicon, words, this_year, analysis.context_hits))
              for analysis in analyses for statement in analysis.statements if statement.evidence == "term"]
    # a title, once shown ("her third feature, Ceasefire, opens with ..."), is the same title wherever the page
    # writes the word as a name again ("Ceasefire premiered at the festival"), whatever words stand around it
    titled = any(frame == "name" for _, frame in framed)
    frames: Counter = Counter("name" if titled and _title_again(statement.text, words) else frame
                              for statement, frame in framed)
    # a state office is armed where truces are armed ("the minister welcomed the ceasefire"), but on a page whose
    # truce is civilian elsewhere it speaks for that world ("the president of one of the two retail groups", "the
    # government will watch the truce" of two supermarket chains): it frames nothing there
    office = frames.pop("office", 0)
    frames["bare" if frames["civilian"] or frames["mixed"] else "armed"] += office
    return +frames


def _civilian_outweighed(frames: Counter, hits: int, words: ConflictWords) -> bool:
    """A civilian word in a truce sentence of an article about a war is a passing word, not the page's world: the
    speaker's trade ("said Ida Moll, a grain trader"), a match the truce let people watch. When some truce sentence
    is armed or held by a state and the article's own words of armed conflict (net of the figurative truces' cost)
    reach ``civilian_outweighed``, its civilian truce sentences frame nothing either way. Trap pages rarely have
    more than two such words (the cost of their figure takes them below zero); a title or a remembered truce keeps
    its frame (a war film is full of war words)."""
    return (words.civilian_outweighed is not None and bool(frames["civilian"])
            and bool(frames["armed"] or frames["state"]) and hits >= words.civilian_outweighed)


def about_armed_truce(analyses: Sequence[ParagraphAnalysis], lexicon, words: ConflictWords | None = None,
                      this_year: int | None = None) -> bool:
    """Whether the article's statements count: for the ceasefire lexicon, when enough of its truce sentences are
    framed by armed conflict; for any other lexicon, when its paragraphs hold ``min_context`` words of context."""
    words = words or load_conflict(lexicon.language, lexicon.topic)
    if words is None or not words.applies_to(lexicon):
        return sum(a.context_hits for a in analyses) >= lexicon.min_context
    frames = article_frames(analyses, lexicon, words, this_year)
    hits = sum(a.context_hits for a in analyses)
    if _civilian_outweighed(frames, hits, words):
        frames["bare"] += frames.pop("civilian")
    armed = frames["armed"] + frames["state"] + 0.5 * frames["mixed"]
    if frames["armed"] and not (frames["civilian"] or frames["mixed"]):
        needed = words.min_context_armed  # a brief on two armies' truce needs no word of war
    elif armed:
        # a place or a nation alone: every story happens somewhere; and a page whose truce sentences also speak
        # of a civilian world (two trading blocs' truce over tariffs beside two firms') needs its word of war
        # too: two states alone make no war there
        needed = lexicon.min_context
    else:
        needed = max(lexicon.min_context, words.min_context_unframed)  # nobody armed: one war word is not enough
    if hits < needed:
        return False
    framed = frames["armed"] + frames["state"] + frames["mixed"] + frames["civilian"] + frames["name"] + frames["past"]
    return not framed or armed >= words.min_armed_share * framed
