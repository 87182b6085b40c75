"""What the French and Russian analysers share: the per-language lexicon, the multilingual gazetteer, a Latin
transliteration of Cyrillic, durations normalised in English, and the rules that turn a paragraph's sentences,
tokens and entities into statement candidates and attributions.

The output is the English analyser's own records (:class:`~.analyse.ParagraphAnalysis` with its entity,
statement and attribution spans), so the paragraph cache, :func:`~.resolve.resolve_article` and the store's
load steps work unchanged. Each language module (:mod:`.french`, :mod:`.russian`) only segments the text, runs
its NER and says which words are a cue's subject; the model is loaded in the worker the first time a chunk in
that language arrives (:func:`analyse_in`), never in an English-only run.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import re
import tomllib
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from importlib import resources

from ..errors import ConfigError
from .attribution import AttributionSpan
from .lexicon import Lexicon, data_digest, parse_lexicon
from .quotes import quote_spans
from .spans import EntitySpan, ParagraphAnalysis, StatementSpan

log = logging.getLogger(__name__)

# language code (articles.language) -> the module that analyses it; Ukrainian ('uk') is deliberately absent
ANALYSERS = {"fr": "pipeline.nlp.french", "ru": "pipeline.nlp.russian"}
RULES_VERSION = "48"  # bump when the rules below change: paragraphs analysed by older rules are redone
GAZETTEER_FILE = "gazetteer_multilingual.jsonl"
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    # inside a span of the model's NER: read as a name. The taggers' PROPN is no better than the capital they see
    # at a sentence's start (spaCy: "Levant le couvre-feu" PROPN; natasha: "Сахара и муки" PROPN, "Тир" NOUN)
    named: bool = False


@dataclass(frozen=True)
class Cues:
    verbs: tuple[re.Pattern, ...]
    preps: tuple[re.Pattern, ...]
    audience: frozenset[str]
    pronouns: dict[str, str]  # "il" -> "he": the resolver's pronoun rules are keyed by the English word
    # the pronouns above that are oblique forms ("его", "их", "lui"): next to a speech verb they are its object or
    # a possessive ("назвал его уловкой", "lui a répondu"), a source only as a preposition's ("по его словам",
    # "selon lui")
    oblique_pronouns: frozenset[str]
    roles: frozenset[str]
    person_roles: frozenset[str]  # the roles a person holds ("ministre", "губернатор"), not a body ("ministère")
    # words for the body the article named ("ведомство", "министерство", "пресс-служба"): a source that is one
    # ("По данным ведомства", "В ведомстве добавили", "источник в министерстве") speaks for that body
    bodies: frozenset[str]
    heads: frozenset[str]  # a state's or an organisation's body named by its owner: "Правительство Судана"
    common_acronyms: frozenset[str]  # acronyms of common nouns, never a name ("ONG", "СМИ"), case folded
    not_names: frozenset[str]  # common nouns the NER takes for names ("État"), case folded
    titles: dict[str, str]  # "chef de l'état" -> "président": a periphrasis and the title it stands for
    language: str
    determiners: tuple[str, ...]
    groups: dict[str, str]  # "mouvement" -> "movement": a generic word for the organisation the article names
    places: frozenset[str]  # prepositions of place: "à Kinshasa", "в Москве" is where, not who
    impersonal: re.Pattern | None  # "В Генштабе ВСУ заявили": the body after the opening preposition speaks
    backdrop: re.Pattern | None  # "depuis la", "во время": the truce as a date ("Depuis la trêve, les prix ...")
    carry: re.Pattern
    joint: re.Pattern
    duration: re.Pattern
    numbers: dict[str, int]
    units: dict[str, str]
    # documents a body issues ("заявление", "сообщение"): "В заявлении подчёркивается", "говорится в сообщении
    # ведомства" speak for the organisation that issued it
    documents: frozenset[str] = frozenset()
    # a word for a text that is the issuer's document only as the subject after its verb, set off after a quote
    # ("», indique le texte"): elsewhere it is as often an agreement's text ("Le texte prévoit ...")
    incise_documents: frozenset[str] = frozenset()
    # a paragraph announcing that the article prints a text whole ("le communiqué suivant", "Публикуем
    # выступление X"), and the line that closes such a text ("Fait à Niamey, le ..."): see ``published_parts``
    published: re.Pattern | None = None
    signoff: re.Pattern | None = None
    # a title that names the article as its issuer's own document ("Заявление МИД X в связи с ...", "Communiqué du
    # ministère ..."), and one that names a text a person delivers (a speech): the resolver's title issuer
    title_voice: re.Pattern | None = None
    title_delivered: re.Pattern | None = None
    # a title that names the article as a signed opinion piece ("Tribune : ...", "Мнение: ..."): its writer, named
    # in its tagline, speaks what no one else in it is found to say (the resolver's `_issuer`)
    title_signed: re.Pattern | None = None
    # the genre line opening a press release's or a statement's first paragraph ("COMMUNIQUÉ DE PRESSE — Bangui,
    # ..."), and a first paragraph that is only such a heading with its place and date: see ``kicker_parts``
    kicker: re.Pattern | None = None
    kicker_heading: re.Pattern | None = None
    # a side's reply or attitude with no word of what it answers ("Moscou minimise", "X se montre sceptique",
    # "В Киеве к идее отнеслись прохладно"): about whatever the paragraph, or the one before, is about
    reactions: tuple[re.Pattern, ...] = ()
    # who passes on another's words ("пресс-служба", "le service de presse"): "Президент объявил ..., сообщила
    # пресс-служба Кремля" is the president's announcement, not the press service's
    relays: tuple[str, ...] = ()
    # the programme's own reporter introduced by name ("notre correspondant X", "наш корреспондент X"): a
    # transcript's turn labelled by that name is the programme's voice, telling what others said, no source
    reporter: re.Pattern | None = None
    # forms of address before a person's name ("Mgr", "Dr"), longest first: not part of the name; and honorifics
    # that are ("El Hadj", "Cheikh"): both say a person's name follows
    honorifics: tuple[str, ...] = ()
    name_honorifics: tuple[str, ...] = ()
    # an act of fighting ("des échanges de tirs", "a bombardé") and the tense that sets a sentence before the story
    # (the French pluperfect): a narrative sentence telling one in a paragraph that names the truce is about it
    fighting: re.Pattern | None = None
    told_before: re.Pattern | None = None
    # whether a speaker said again by a pronoun or as going on ("Он добавил, что ...", "По её словам, ...") in a
    # paragraph that does not name the truce speaks of it when the paragraph before made a statement (the
    # resolver's "carry" rule keeps it only then)
    speaker_carries: bool = False
    # the dative words of ``audience`` that are plural nouns of people ("журналистам"): a name after one is not who
    # was told (a plural noun governs no name in apposition) but the subject after its verb ("рассказала журналистам
    # Анна Ковальчук")
    plural_audience: frozenset[str] = frozenset()


def _data(name: str) -> bytes:
    return resources.files("pipeline.nlp").joinpath("data", name).read_bytes()


@lru_cache(maxsize=4)
def language_lexicon(language: str) -> Lexicon:
    """The topic lexicon of ``language`` (data/ceasefire_<language>.toml), in the English lexicon's format."""
    return parse_lexicon(_data(f"ceasefire_{language}.toml"), f"ceasefire_{language}.toml")


@lru_cache(maxsize=4)
def language_cues(language: str) -> Cues:
    name = f"ceasefire_{language}.toml"
    try:
        data = tomllib.loads(_data(name).decode("utf-8"))
        cues, speakers, duration = data["cues"], data["speakers"], data["duration"]
        return Cues(
            verbs=tuple(re.compile(p, re.IGNORECASE) for p in cues["verbs"]),
            preps=tuple(re.compile(p, re.IGNORECASE) for p in cues["preps"]),
            audience=frozenset(cues.get("audience", [])),
            pronouns=dict(speakers.get("pronouns", {})),
            oblique_pronouns=frozenset(w.casefold() for w in speakers.get("oblique_pronouns", [])),
            roles=frozenset(speakers.get("roles", [])),
            person_roles=frozenset(speakers.get("person_roles", [])),
            bodies=frozenset(speakers.get("bodies", [])),
            heads=frozenset(speakers.get("heads", [])),
            common_acronyms=frozenset(a.casefold() for a in data.get("entities", {}).get("common_acronyms", [])),
            not_names=frozenset(a.casefold() for a in data.get("entities", {}).get("not_names", [])),
            titles={k.casefold(): v for k, v in speakers.get("titles", {}).items()},
            language=language,
            determiners=tuple(speakers.get("determiners", [])),
            groups=dict(speakers.get("groups", {})),
            places=frozenset(cues.get("places", [])),
            impersonal=re.compile(cues["impersonal"], re.IGNORECASE) if cues.get("impersonal") else None,
            backdrop=re.compile(rf"(?:{cues['backdrop']})$", re.IGNORECASE) if cues.get("backdrop") else None,
            carry=re.compile(speakers["carry"], re.IGNORECASE),
            joint=re.compile(speakers["joint"], re.IGNORECASE),
            duration=re.compile(duration["pattern"], re.IGNORECASE),
            numbers={k.casefold(): int(v) for k, v in duration["numbers"].items()},
            units={k.casefold(): v for k, v in duration["units"].items()},
            documents=frozenset(speakers.get("documents", [])),
            plural_audience=frozenset(cues.get("plural_audience", [])),
            incise_documents=frozenset(speakers.get("incise_documents", [])),
            published=re.compile(speakers["published"], re.IGNORECASE) if speakers.get("published") else None,
            signoff=re.compile(speakers["signoff"], re.IGNORECASE) if speakers.get("signoff") else None,
            title_voice=re.compile(speakers["title_voice"], re.IGNORECASE) if speakers.get("title_voice") else None,
            title_delivered=(re.compile(speakers["title_delivered"], re.IGNORECASE)
                             if speakers.get("title_delivered") else None),
            title_signed=re.compile(speakers["title_signed"], re.IGNORECASE) if speakers.get("title_signed") else None,
            kicker=re.compile(speakers["kicker"], re.IGNORECASE) if speakers.get("kicker") else None,
            kicker_heading=(re.compile(speakers["kicker_heading"], re.IGNORECASE)
                            if speakers.get("kicker_heading") else None),
            reactions=tuple(re.compile(p, re.IGNORECASE) for p in cues.get("reactions", [])),
            relays=tuple(w.casefold() for w in speakers.get("relays", [])),
            reporter=re.compile(speakers["reporter"], re.IGNORECASE) if speakers.get("reporter") else None,
            honorifics=tuple(sorted(data.get("entities", {}).get("honorifics", []), key=len, reverse=True)),
            name_honorifics=tuple(sorted(data.get("entities", {}).get("name_honorifics", []), key=len, reverse=True)),
            fighting=re.compile(cues["fighting"], re.IGNORECASE) if cues.get("fighting") else None,
            told_before=re.compile(cues["told_before"], re.IGNORECASE) if cues.get("told_before") else None,
            speaker_carries=bool(cues.get("speaker_carries", False)),
        )
    except (tomllib.TOMLDecodeError, KeyError, re.error, ValueError) as exc:
        raise ConfigError(f"{name} is not a valid lexicon file ({type(exc).__name__}: {exc}); fix the data file") from exc


def analysis_version(language: str, model: str) -> str:
    """What a cached analysis in ``language`` depends on: these rules, the model, the gazetteer and lexicon."""
    digest = hashlib.sha256(_data(GAZETTEER_FILE) + _data(f"ceasefire_{language}.toml")).hexdigest()[:12]
    # and every other rule file: the analysers also read the shared ones (places, titles, attribution cues)
    return f"{language}{RULES_VERSION}/{model}/ml{digest}/data{data_digest()}"


def analyse_in(language: str, items: Sequence[tuple[str, str]], *, breaks: Collection[int] = (),
               context: Collection[int] = (), continued: Collection[int] = ()) -> list[ParagraphAnalysis]:
    """Analyse ``(paragraph_id, text)`` pairs in ``language`` (runs in a worker; the model loads on first use),
    in article order, as the English ``analyse_paragraphs``: an item in ``breaks`` opens another article (or
    follows a gap), so an empty paragraph goes before it and no rule reads the other article's paragraph as the
    one before (:func:`article_parts`); items in ``context`` are read as the paragraph before the next one and
    their analysis is not returned. A break in ``continued`` follows a gap: its run does not open the article, so
    no rule reads the run's first paragraphs as the article's (:func:`published_parts`)."""
    module = ANALYSERS.get(language)
    if module is None:
        raise ConfigError(f"no analyser for language {language!r}; analysed languages: en, {', '.join(ANALYSERS)}")
    expanded: list[tuple[str, str]] = []
    keep: list[bool] = []
    cut: list[int] = []  # the expanded index of each continued run's first item
    for index, item in enumerate(items):
        if index in breaks and expanded:
            expanded.append(("", ""))
            keep.append(False)
        if index in continued:
            cut.append(len(expanded))
        expanded.append(item)
        keep.append(index not in context)
    analyses = importlib.import_module(module).analyse_paragraphs(expanded, continued=cut)
    return [a for a, kept in zip(analyses, keep) if kept]


def version_of(language: str) -> str:
    """The analysis version of ``language`` without loading its model (the main process checks the cache)."""
    return importlib.import_module(ANALYSERS[language]).version()


# ------------------------------------------------------------------------------------------ transliteration

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
     "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "ye", "yi", "g"], strict=True))


def transliterate(text: str | None) -> str | None:
    """A Latin spelling of Cyrillic text (a simplified BGN/PCGN table: Лавров -> Lavrov, Щёкино -> Shchyokino);
    None for text with no Cyrillic, so the column is filled only where it helps."""
    if not text or not any("\u0400" <= ch <= "\u04ff" for ch in text):
        return None
    out = []
    for ch in text:
        low = ch.lower()
        latin = _TRANSLIT.get(low)
        if latin is None:
            out.append(ch)
        elif ch != low and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


# ------------------------------------------------------------------------------------------------ gazetteer

# Russian case endings, longest first: a word and its inflected forms share what is left (России, Россией ->
# Росс; Лаврова, Лавровым -> Лавр). Good enough to match names; not a morphological analyser.
_RU_ENDINGS = tuple(sorted((
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "иям", "иях", "ова", "ева", "ову", "еву", "овым",
    "евым", "ове", "еве", "ов", "ев", "ия", "ии", "ию", "ей", "ой", "ом", "ем", "ам", "ям", "ах", "ях", "ую", "юю",
    "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ью", "ий", "ый", "а", "я", "ы", "и", "у", "ю", "е",
    "о", "ь", "й"), key=len, reverse=True))


def stem(word: str, language: str) -> str:
    """The key a word is matched on: case folded, ё as е, Russian case endings off (not from acronyms)."""
    key = word.casefold().replace("ё", "е").replace("\u2019", "'")
    if language != "ru" or word.isupper() or len(key) <= 3:
        return key
    for ending in _RU_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)]
    return key


@dataclass(frozen=True)
class GazetteerEntry:
    name: str  # the English entity's name
    label: str
    words: tuple[str, ...]  # the form's stems
    acronym: bool  # written in capitals: only matches capitals
    exact: str | None = None  # a short one-word form matches only as written ("Мали", not "Малый")
    lower: bool = False  # the form starts in lower case ("сектор Газа", "bande de Gaza", "armée russe")
    # each word's inflected forms from the dictionary ("Египет": египта, египте, ...), case folded; empty where
    # there is no dictionary: the stems alone then match (they miss a fleeting vowel, "Египта", and short forms)
    surfaces: tuple[frozenset[str], ...] = ()
    cased: tuple[str, ...] = ()  # the words as the text must write them: a row marked "cased" ("Les Républicains")
    # a body's form written with its owner's other name (_with_owner_aliases): that owner is a mention of its own
    owner_alias: bool = False
    form: str = ""  # the form as the row writes it (Russian: in the nominative)
    # the form is also an ordinary word of its language (row's "common": "Levant" of "lever", "Сахара" of
    # "сахар"): where the sentence opens on it, only the NER's reading it as a name makes it the name
    common: bool = False

    def word_matches(self, j: int, key: str, low: str) -> bool:
        return key == self.words[j] or bool(self.surfaces) and low in self.surfaces[j]


class Gazetteer:
    """Names and short forms of one language mapped to the English entity (data/gazetteer_multilingual.jsonl).

    ``inflections`` (Russian: the dictionary's case forms of a nominative word) lets an inflected name match
    its form where the stem cannot: "Египта", "Китая", "Газы", "Нагорном Карабахе"."""

    def __init__(self, language: str, raw: bytes, inflections: Callable[[str], frozenset[str]] | None = None):
        self.language = language
        self.by_first: dict[str, list[GazetteerEntry]] = {}
        self.by_surface: dict[str, list[GazetteerEntry]] = {}
        rows, cased, common = [], set(), set()
        for lineno, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                row = json.loads(line)
                rows.append((row["name"], row["label"], list(row.get(language, []))))
                if row.get("cased"):
                    cased.add(len(rows) - 1)
                common.update((len(rows) - 1, form) for form in row.get("common", ()))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ConfigError(f"{GAZETTEER_FILE}:{lineno}: expected a JSON object with name, label and forms") from exc
        aliased = _with_owner_aliases(rows) if inflections is not None else [(*row, []) for row in rows]
        for k, (name, label, forms, aliases) in enumerate(aliased):
            for form, alias in (*((f, False) for f in forms), *((f, True) for f in aliases)):
                written = _words(form) if language != "ru" else _ru_tokens(_words(form))
                words = tuple(stem(w, language) for w in written)
                short = len(words) == 1 and len(form) <= 4 and words[0] != form.casefold()
                surfaces = tuple(frozenset({_fold(w)}) | inflections(w) for w in written) if inflections else ()
                entry = GazetteerEntry(name, label, words, form.isupper(), form.casefold() if short else None,
                                       form[:1].islower(), surfaces, tuple(written) if k in cased else (), alias,
                                       form, (k, form) in common)
                self.by_first.setdefault(words[0], []).append(entry)
                for surface in surfaces[0] if surfaces else ():
                    self.by_surface.setdefault(surface, []).append(entry)
        for entries in (*self.by_first.values(), *self.by_surface.values()):
            entries.sort(key=lambda e: -len(e.words))

    @cached_property
    def names(self) -> frozenset[str]:
        """Every entity's name (the English one) the gazetteer gives."""
        return frozenset(e.name for entries in self.by_first.values() for e in entries)

    def matches(self, tokens: Sequence[Token]) -> list[tuple[int, int, GazetteerEntry]]:
        """(first token, end token, entry) of each longest match, left to right, never overlapping; of two matches
        as long, the one whose words are the form's own inflections ("Нигерии": Nigeria, not Niger by stem)."""
        out, i = [], 0
        keys = [stem(t.text, self.language) for t in tokens]
        lows = [_fold(t.text) for t in tokens]
        while i < len(tokens):
            hit = None
            candidates = list(dict.fromkeys((*self.by_surface.get(lows[i], ()), *self.by_first.get(keys[i], ()))))
            candidates.sort(key=lambda e: (-len(e.words), not self._inflected(e, lows[i:i + len(e.words)])))
            for entry in candidates:
                n = len(entry.words)
                if i + n > len(tokens) or not all(entry.word_matches(j, keys[i + j], lows[i + j]) for j in range(n)):
                    continue
                first = tokens[i].text
                if entry.acronym and not _acronym(first, entry.words[0]):
                    continue
                if entry.exact is not None and lows[i] != _fold(entry.exact) and not (
                        entry.surfaces and lows[i] in entry.surfaces[0]):
                    continue
                if not first[:1].isupper() and not entry.lower:
                    continue  # a name is written with a capital ("Россия") unless its form is not ("сектор Газа")
                if entry.cased and tuple(t.text for t in tokens[i:i + n]) != entry.cased:
                    continue  # "Les Républicains", not "les républicains américains"
                if entry.common and not tokens[i].named and _opens_sentence(tokens, i):
                    continue  # "Levant toute ambiguïté," (lever), "Сахара и муки нет" (сахар): the sentence's capital
                hit = (i, i + n, entry)
                break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    @staticmethod
    def _inflected(entry: GazetteerEntry, lows: Sequence[str]) -> bool:
        return bool(entry.surfaces) and len(lows) == len(entry.words) and all(
            low in forms for low, forms in zip(lows, entry.surfaces))


# what may stand between a sentence's end and its first word: closing and opening quotes, brackets, dashes
_SENTENCE_END = frozenset({".", "!", "?", "…", ";", ":"})
_BEFORE_FIRST = frozenset({"«", "»", '"', "“", "”", "„", "(", ")", "—", "–", "-", "'"})


def _opens_sentence(tokens: Sequence[Token], i: int) -> bool:
    """The token opens its sentence (or the paragraph): its capital may be the sentence's, not a name's."""
    j = i - 1
    while j >= 0 and tokens[j].text in _BEFORE_FIRST:
        j -= 1
    return j < 0 or tokens[j].text in _SENTENCE_END or tokens[j].text.endswith(("...", "?!"))


def _with_owner_aliases(rows: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str], list[str]]]:
    """Each row with the forms its bodies' names take by the other names of the organisation they belong to: a
    body's form that ends on another organisation's form ("Генштаб | ВСУ", "Совет Безопасности | ООН") is also
    written with that one's other forms ("Генштаб Вооружённых сил Украины", "Совет Безопасности Организации
    Объединённых Наций"). Owners are matched on stems, so a form in the genitive ends on the nominative's entity.
    Only where the gazetteer matches a name word by word on the dictionary's case forms (Russian), so a nominative
    form stands for the case it is written in. A state's official long form is no owner here: "Министерство
    обороны Российской Федерации" stays the name as written, as the labelled sets disagree on that convention."""
    def stems(form: str) -> tuple[str, ...]:
        return tuple(stem(w, "ru") for w in form.split(" "))

    owners: dict[tuple[str, ...], list[str]] = {}  # a form's stems -> every form of its organisation
    for _, label, forms in rows:
        if label == "ORG":
            for form in forms:
                owners.setdefault(stems(form), forms)
    out = []
    for name, label, forms in rows:
        extra: dict[tuple[str, ...], str] = {}
        for form in forms if label == "ORG" else ():
            words = form.split(" ")
            for k in range(1, len(words)):  # the longest owner first ("Южном Судане" is South Sudan, not Sudan)
                tail = owners.get(stems(" ".join(words[k:])))
                if tail is not None:
                    for alias in tail if tail is not forms else ():
                        extra.setdefault(stems(f"{' '.join(words[:k])} {alias}"), f"{' '.join(words[:k])} {alias}")
                    break
        own = {stems(f) for f in forms}
        out.append((name, label, forms, [f for key, f in extra.items() if key not in own]))
    return out


_LETTERS_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def _ru_tokens(words: list[str]) -> list[str]:
    """A form's words as the Russian tokenizer cuts them: letters and digits apart ("М23" is "М" "23", "G7" is
    "G" "7"), but not inside a hyphenated word ("С-300" stays whole)."""
    return [part for w in words for part in ([w] if "-" in w else _LETTERS_DIGITS.split(w))]


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def _acronym(word: str, key: str) -> bool:
    """An acronym as written, or with a Russian case ending in lower case ("ЦАХАЛе", "ХАМАСа", "МИДа")."""
    if word.isupper():
        return True
    letters = word.rstrip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    return len(letters) >= 2 and letters.isupper() and len(word) - len(letters) <= 3 and _fold(letters) == key


def _words(text: str) -> list[str]:
    """A form's words as the models tokenise them: a French elided article is a word of its own ("d'", "l'")."""
    return re.findall(r"\b(?:[dlDLjJnNsScC]|[qQ]u)['\u2019](?=\w)|\w+(?:[-/]\w+)*|[^\w\s]", text)


@lru_cache(maxsize=8)
def listed_forms(language: str, label: str) -> frozenset[str]:
    """The gazetteer's one-word forms of ``label`` in ``language``, case folded: Russian rows write them in the
    nominative, so a mention written as one is already in it ("фульбе", "хуту": indeclinable names the dictionary
    would guess a case for)."""
    out = set()
    for line in _data(GAZETTEER_FILE).decode("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            row = json.loads(line)
            if row.get("label") == label:
                out.update(_fold(f) for f in row.get(language, []) if " " not in f)
    return frozenset(out)


@lru_cache(maxsize=4)
def bare_forms(language: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """Each body's bare short forms in ``language`` (case folded words), by its English name: a form another form
    of the same row writes with an owner after it ("Минобороны" beside "Минобороны России", "Офис президента"
    beside "Офис президента Украины"). The row maps the bare form to one country's body, which holds only where the
    article names no other owner's body of that kind (pipeline.nlp.resolve)."""
    out: dict[str, frozenset[tuple[str, ...]]] = {}
    for line in _data(GAZETTEER_FILE).decode("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            row = json.loads(line)
            forms = [tuple(_fold(w) for w in _words(f)) for f in row.get(language, [])]
            bare = {f for f in forms if any(len(g) > len(f) and g[:len(f)] == f for g in forms)}
            if bare and row.get("label") == "ORG":
                out[row["name"]] = frozenset(bare)
    return out


@lru_cache(maxsize=4)
def gazetteer(language: str) -> Gazetteer:
    inflections = None
    if language == "ru":
        from .russian import inflections
    return Gazetteer(language, _data(GAZETTEER_FILE), inflections)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from .model import places

    return places()


# Words that make a place a geographic feature or a site (LOC in the English pipeline), not a town or a state (not
# "лиман", "устье": words of towns' names, "Красный Лиман", "Устье")
_FEATURES = frozenset("""
mer océan fleuve rivière lac mont monts montagne montagnes massif golfe baie détroit vallée plaine plateau désert
forêt île îles péninsule presqu'île côte littoral canal colline collines place rue avenue boulevard pont parc
stade aéroport port route frontière ligne corridor front camp quartier
море океан река озеро гора горы хребет залив пролив долина равнина плато пустыня лес остров острова полуостров
побережье берег канал площадь улица проспект мост парк стадион аэропорт порт трасса шоссе граница линия коридор
фронт лагерь водохранилище плотина ущелье перевал бухта аэродром вокзал завод комбинат квартал микрорайон
коса мыс высота дельта русло пойма низовье верховье левобережье правобережье нагорье плоскогорье степь
оазис архипелаг атолл низменность возвышенность котловина впадина кряж ледник каньон джунгли
barrage réservoir aérodrome
""".split())
# Words that make a place an administrative unit: a GPE even when the list of known places lacks it
_UNITS = frozenset("""
область край республика округ район губерния провинция штат
région province préfecture département territoire état wilaya canton commune
""".split())


FEATURES_FILE = "features_multilingual.txt"


@lru_cache(maxsize=1)
def _named_features() -> frozenset[str]:
    lines = _data(FEATURES_FILE).decode("utf-8").splitlines()
    return frozenset(_fold(x.strip()) for x in lines if x.strip() and not x.lstrip().startswith("#"))


def place_label(name: str, label: str, determined: bool = False) -> str:
    """LOC -> GPE as the English pipeline labels places: a known country, region or town (or its Latin spelling),
    an administrative unit ("Курская область", "province du Nord-Kivu") and a bare place name ("Рыльск",
    "Djenné": a town far more often than a river) are GPE; a geographic feature or a site ("mer Noire",
    "Смоленская площадь") and a well-known river named alone ("Днестр") stay LOC. ``determined``: the text says
    the name is no town (:func:`_determined`), so a bare name the list does not know is a region, a feature or a
    site."""
    if label != "LOC":
        return label
    if _fold(name) in _named_features():  # "Днестр", "Нева": a river named alone (data/features_multilingual.txt)
        return "LOC"
    name = name.replace("\u2019", "'")  # "Côte d’Ivoire" is listed with a straight apostrophe
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    candidates = {name, plain, transliterate(name) or ""}
    if transliterate(name):  # "Волгограде" -> "Волгоград" -> Volgograd: the case ending off, then spelled in Latin
        candidates |= {transliterate(name[: -len(e)]) or "" for e in ("е", "у", "а", "ом", "ой", "и") if name.endswith(e)}
    if candidates & _places():
        return "GPE"
    # a hyphenated name is one word: "Порт-Судан", "Port-Gentil" are towns, not a port
    words = [w.casefold() for w in re.findall(r"[\w'-]+", name)]
    if any(w in _FEATURES for w in words):
        return "LOC"
    if any(w in _UNITS for w in words):
        return "GPE"
    if (len(name.split()) == 1 or _russian_town(words) or _village_by_its_first_word(words)) and not determined:
        return "GPE"
    return "LOC"


# the words Levantine and Arabic village names open on ("Kfar Kila", "Deir Mimas", "Beit Lif", "Khirbet Selm"):
# "village", "house", "monastery", "ruin" in the names themselves; such a name is a town, whatever its next word
_VILLAGE_FIRST_WORDS = frozenset({"kfar", "kafr", "kefr", "deir", "dayr", "beit", "bayt", "khirbet", "khirbat"})


def _village_by_its_first_word(words: list[str]) -> bool:
    return 2 <= len(words) <= 3 and words[0] in _VILLAGE_FIRST_WORDS


# a site the Russian model reads as an organisation ("Киевский вокзал", "Лукойл Арена", "Зона безопасности"):
# the head noun, first or last of a short name, makes it a place as the English pipeline labels a station or an
# arena by its feature word. Russian only: a French "Stade rennais" is a football club
_RU_SITE_HEADS = frozenset({"вокзал", "арена", "стадион", "аэропорт", "площадь", "проспект", "улица", "мост",
                            "зона", "парк"})
_RU_SITE_STEMS = frozenset(stem(w, "ru") for w in _RU_SITE_HEADS)


def site_label(name: str, label: str, language: str) -> str:
    """ORG -> LOC for a Russian name of a site (see _RU_SITE_HEADS); any other label unchanged."""
    if label != "ORG" or language != "ru":
        return label
    written = [w.strip("\u00ab\u00bb\"") for w in name.split()]
    words = [stem(w, language) for w in written]  # "Арене": the stem of "арена"
    if not 2 <= len(words) <= 3:
        return label
    if words[0] in _RU_SITE_STEMS or words[-1] in _RU_SITE_STEMS and not _russian_common_noun(written[0]):
        return "LOC"  # a site word last follows the site's own name ("Лукойл Арена"), not a body ("Совет стадиона")
    return label


def _russian_common_noun(word: str) -> bool:
    from .russian import _common_noun, morph_vocab

    vocab = morph_vocab()
    return vocab is not None and _common_noun(vocab, word)


# a region's words, not a town's: "Ближний Восток", "Северный Кавказ", "Западная Европа", "Средняя Азия"
_REGIONS = re.compile(r"^(?:север|юж|запад|восточ|централь|ближн|дальн|средн|латинск|африк|азиат|европ|арабск)"
                      r"|^(?:восток|запад|юг|север|кавказ|европа|азия|африка|америка|балканы|сахель|арктика|"
                      r"прибалтика|закавказье|причерноморье|поволжье|сибирь|урал|ближневосточный)$")


def _russian_town(words: list[str]) -> bool:
    """A Russian place name of two or three words with no feature, unit or region word is a town ("Кривой
    Рог", "Часов Яр", "Новая Каховка", "Белая Церковь"): the words of a region or a feature say so."""
    return 2 <= len(words) <= 3 and all(re.fullmatch(r"[а-яё-]+", w) for w in words) and not any(
        _REGIONS.search(w) for w in words)


_EDGE = " \t\n\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb.,;:!?()[]\u2014\u2013-"
_ELISION = re.compile(r"^(?:[ldLD]|qu|Qu)['\u2019]")


def entity_spans(text: str, tokens: Sequence[Token], ner: Sequence[tuple[int, int, str]], language: str,
                 normalise: Callable[[int, int, str], str] | None = None,
                 keep: frozenset[tuple[int, int]] = frozenset()) -> list[EntitySpan]:
    """Entities of a paragraph: the gazetteer's matches (with the English name and label) and the NER's spans
    ((start, end, label) with labels already mapped to PERSON/ORG/LOC) that no match covers; a NER span that
    holds a match and more (an organisation named after a country) is kept whole, and so is one in ``keep``
    whose name the analyser built ("Донецкой" of "Донецкой и Луганской областей" is the Донецкая область, not
    the town the gazetteer would match)."""
    tokens = _join_hyphens(tokens)
    matches = []
    for i, j, entry in gazetteer(language).matches(tokens):
        matches.append((tokens[i].start, tokens[j - 1].end, entry))
    cues = language_cues(language)
    if language == "ru":
        ner = _whole_organisations(text, ner, matches)
    elif language == "fr":
        persons = _appositive_persons(text, ner, matches, cues.honorifics)
        ner = _staffs(text, _own_acronyms(text, _whole_institutions(text, persons, matches), matches), matches)
    # a common noun written with a capital by convention ("l'État", "le Parlement" of no named state) is no name
    ner = [x for x in ner if (x[0], x[1]) in keep or _strip_text(text, x[0], x[1]).casefold() not in cues.not_names]
    ner = ner + _acronyms(tokens, ner, matches, cues.common_acronyms)
    spans: list[tuple[int, int, str, str]] = []  # start, end, name, label
    for start, end, label in ner:
        inner = [m for m in matches if start <= m[0] and m[1] <= end]
        bare = _strip(text, start, end)
        bare = (bare[0] + _determiner_length(text[bare[0]:bare[1]]), bare[1])
        if inner and (start, end) not in keep and any((s, e) in ((start, end), bare, _before_acronym(text, start, end))
                                                      for s, e, _ in inner):
            # the match names it ("Les Nations unies" read by the NER, "Nations unies" in the gazetteer), and
            # so it does when the span runs on past the name's own acronym ("Силы быстрого реагирования (СБР)
            # Судана"): what follows the bracket is another mention (the country), not part of the name
            continue
        if any(m[0] < end and start < m[1] and not (start <= m[0] and m[1] <= end) for m in matches):
            continue  # overlaps a match partly: the match wins
        if language == "fr" and len(inner) >= 2 and (start, end) not in keep and _only_joined(text, bare, inner):
            continue  # "Jeune Afrique et La Presse": two names the gazetteer knows, listed, no third name
        start, end = _strip(text, start, end)
        if end <= start:
            continue
        written = text[start:end]
        name = normalise(start, end, label) if normalise else written
        if len(name) < 2 or not any(ch.isupper() for ch in name) and not (
                label == "ORG" and (_STAFF_HEAD.match(name) or _LOWER_BODY.match(name))):
            continue  # no name, unless a staff of a known force ("état-major de l'armée israélienne", _staffs)
            # or a French body's common name in lower case ("commission des finances", french._lower_case_bodies)
        site = site_label(name, label, language)  # a site is LOC: no town by place_label's rules
        placed = site if site != label else place_label(name, label, _determined(text, start, language))
        if placed == "LOC" and language == "fr" and _after_unit(text, start, name):
            placed = "GPE"
        spans.append((start, end, name, placed, name if normalise else None))
        matches = [m for m in matches if not (start <= m[0] and m[1] <= end)]
    for start, end, entry in matches:
        # the gazetteer's English name is the entity's; the speaker is named by the form the article writes, in
        # the nominative ("в Кремле" -> "Кремль")
        spans.append((start, end, entry.name, house_label(entry, language), _listed_nominative(entry, language)
                      or (normalise(start, end, entry.label) if normalise else None)))
    out = []
    for start, end, name, label, written in sorted(spans, key=lambda x: x[:4]):
        # up to 8 words before, within the sentence: "le ministre de la Réconciliation, Moussa Keïta" keeps its
        # title for the resolver's "the minister" -> the person so titled
        before = [t for t in tokens if t.end <= start][-8:]
        cut = max((i + 1 for i, t in enumerate(before) if t.text in (".", "!", "?")), default=0)
        prefix = " ".join(t.text for t in before[cut:])
        written = written if written and written != text[start:end] else None
        out.append(EntitySpan(start, end, text[start:end], name, label, prefix, written))
    out = _listed_places(text, out)
    return _french_demonyms(text, _acronyms_named(text, out)) if language == "fr" else out


# Politically defined territories the shared gazetteer labels LOC (as the older English and Russian sets do) and
# the house convention makes GPE ("the Gaza Strip, the West Bank, Kordofan, Donbas, Nagorno-Karabakh"): French
# only, where no set labels them otherwise. Not Darfur: two French sets label "Darfour" LOC
_FR_TERRITORIES = frozenset({"Gaza Strip", "West Bank", "Kordofan", "Donbas", "Nagorno-Karabakh"})


def house_label(entry: GazetteerEntry, language: str) -> str:
    """The label of a gazetteer match in ``language``: the row's, but GPE for a French territory (_FR_TERRITORIES)."""
    if language == "fr" and entry.label == "LOC" and entry.name in _FR_TERRITORIES:
        return "GPE"
    return entry.label


_LIST_GLUE = re.compile(r"(?:\s*,\s*|\s+et\s+|\s+ou\s+)(?:(?:la|le|les|l['\u2019])\s*)?")


def _only_joined(text: str, span: tuple[int, int], inner: list) -> bool:
    """Whether a French span is nothing but the matches ``inner``, listed with commas, "et" or "ou" and their
    articles ("Jeune Afrique et La Presse"): the model read two names as one."""
    at = span[0]
    for s, e, _ in sorted(inner, key=lambda m: m[0]):
        if s != at and not (_LIST_GLUE.fullmatch(text, at, s) and at > span[0]):
            return False
        at = e
    return at == span[1]


# what joins the items of a list of places ("vers El-Facher, Kadugli et Dilling", "в Газе, Рафахе и Хан-Юнисе")
_LIST_JOIN = re.compile(r"\s*(?:,|\bet\b|\bou\b|(?<!\w)и(?!\w)|(?<!\w)или(?!\w))\s*$")


def _listed_places(text: str, entities: list[EntitySpan]) -> list[EntitySpan]:
    """A one-word name the model read as a person that the list of known places holds, in a list with a place
    right before or after it ("vers El-Facher, Kadugli et ..."): a town, as its neighbours are. A person's name
    that is also a town's stays a person anywhere else (no place beside it, or a name of two words)."""
    places = [e for e in entities if e.label in ("GPE", "LOC")]
    out = []
    for e in entities:
        if e.label == "PERSON" and len(e.text.split()) == 1 and _known_place(e.name) and any(
                _LIST_JOIN.match(text[p.end:e.start]) and p.end <= e.start or
                p.start >= e.end and _LIST_JOIN.match(text[e.end:p.start]) for p in places):
            e = replace(e, label="GPE")
        out.append(e)
    return out


def _known_place(name: str) -> bool:
    """The list of known places holds the name, as written, without its accents or spelled in Latin."""
    name = name.replace("\u2019", "'")
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return bool({name, plain, transliterate(name) or ""} & _places())


# a French adjective of nationality is written in lower case ("les forces russes"); after these words it is a
# noun: a plural determiner makes it a people ("les chiites", "des sunnites": French writes a faith's members in
# lower case), a singular masculine one or "en" a language ("en français", "le russe", "traduit de l'arabe")
_FR_PEOPLE_BEFORE = re.compile(r"(?:^|\s)(?:les|des|aux|ces)\s+$", re.IGNORECASE)
_FR_LANGUAGE_BEFORE = re.compile(r"(?:(?:^|\s)(?:le|du|en)\s+|(?:^|\s)l['\u2019])$", re.IGNORECASE)


def _french_demonyms(text: str, entities: list[EntitySpan]) -> list[EntitySpan]:
    """The gazetteer's lower-case French NORP matches read by the words around them: a language ("en russe") is
    no people and goes; one right after an organisation's name qualifies that name ("la Croix-Rouge libanaise",
    the model's span cut short) and goes; one after a plural determiner is the people's noun ("les chiites" ->
    Shiites, the capitalised form's entity)."""
    out = []
    for e in entities:
        if e.label != "NORP" or not e.text[:1].islower():
            out.append(e)
            continue
        before = text[max(0, e.start - 12):e.start]
        if _FR_LANGUAGE_BEFORE.search(before):
            continue
        if any(x.label == "ORG" and x.end < e.start and not text[x.end:e.start].strip() for x in entities):
            continue
        if _FR_PEOPLE_BEFORE.search(before):
            e = replace(e, name=_french_people(e.text) or e.name)
        out.append(e)
    return out


def _french_people(word: str) -> str | None:
    """The people a capitalised French noun names ("Chiites" -> Shiites), None when the gazetteer has no noun."""
    capital = word[:1].upper() + word[1:]
    hits = gazetteer("fr").matches([Token(0, len(capital), capital)])
    return hits[0][2].name if hits and len(hits[0][2].words) == 1 else None


def may_speak_fr_adjective(e: EntitySpan) -> bool:
    """A French NORP in lower case is an adjective ("les médiateurs qataris | ont affirmé": the mediators speak)
    unless a plural determiner makes it the people's noun ("les chiites ont salué")."""
    return bool(_FR_PEOPLE_BEFORE.search(" " + e.prefix + " ")) if e.prefix else False


def _acronyms_named(text: str, entities: list[EntitySpan]) -> list[EntitySpan]:
    """A French organisation's own acronym in brackets right after its name ("... de la paix (HACP)") takes the
    name, as the English analyser reads an acronym's name back: the resolver then needs no two mentions side by
    side to pair them, and a place inside the name stays a mention of its own ("... de Ouagadougou (FESPACO)")."""
    out = list(entities)
    for k, e in enumerate(entities):
        long = next((x for x in entities if x.label == "ORG" and x.end + 2 == e.start), None)
        if (long is not None and e.label == "ORG" and e.name == e.text and text[long.end:e.start] == " ("
                and text[e.end:e.end + 1] == ")" and _spells(e.text, long.text)):
            out[k] = replace(e, name=long.name)
    return out


# the word before a Russian name, past one coordinated name ("в кварталах Шейх-Максуд и Ашрафия")
# (capitalised at a sentence's start: "Остров Змеиный")
_RU_WORD_BEFORE = re.compile(r"([А-ЯЁ]?[а-яё]+|КПП)\s+[«\"„]?(?:[А-ЯЁ][\w-]*(?:\s+[А-ЯЁ][\w-]*)?[»\"“]?\s+и\s+[«\"„]?)?$")
# a checkpoint's words before its name ("через КПП «Керем-Шалом»", "пункт пропуска Верхний Ларс"): a site. One
# list for both readers: the key is the word's dictionary form (the word before a name, _determined), the value the
# phrase that names the checkpoint (a quoted name after it, russian._crossings)
RU_CROSSING_WORDS = {"кпп": r"\bКПП", "пропуск": r"\bпункт\w*\s+пропуска"}
_RU_CROSSING = frozenset(RU_CROSSING_WORDS)


def _determined(text: str, start: int, language: str) -> bool:
    """Whether the text says a name is no town by the words before it: a Russian feature's or a site's noun
    ("в квартале Шейх-Максуд", "у реки Тетерев"). (A French definite article before an unknown name was tried as
    the same sign and dropped at the gate: it cost a frozen set three places.)"""
    if language == "ru":
        before = _RU_WORD_BEFORE.search(text, max(0, start - 60), start)
        return before is not None and (before.group(1).casefold() in _RU_CROSSING
                                       or _russian_feature_noun(before.group(1)))
    return _FR_FEATURE_BEFORE.search(text, max(0, start - 30), start) is not None


# a French feature's noun right before a name, with no "de" between ("la rivière Ruzizi", "le volcan Nyiragongo"):
# the name is the feature's own, no town, where the NER leaves the noun out of its span. Not "de X" after the noun
# ("la vallée de X", "le plateau de X" name a feature by its town: tried and dropped at the gates)
_FR_FEATURE_BEFORE = re.compile(r"\b(?:fleuve|rivière|lac|mont|monts|volcan|oued|massif)\s+$"
                                # a plain's, a range's or a crossing's own name after its noun and "de": not a
                                # town's ("plaine du X", "poste-frontière de X"), where "vallée de X", "plateau de
                                # X" are often named by their town (and a camp by its town: "camp de X" was tried
                                # here and dropped, the sets label a camp's name either way)
                                r"|\b(?:plaine|massif|poste[- ]frontière|"
                                r"points?\s+de\s+passage)\s+(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*$",
                                re.IGNORECASE)


# a French noun of an administrative unit or a settlement and "de" right before a name: the name is that unit or
# town ("la chefferie des Bahema Nord", "le village de Beit Lahia"); not a district of a town or a camp, whose name
# is a site's ("quartier", "camp"), nor "région", as often a natural one ("la région des Grands Lacs")
_FR_UNIT_BEFORE = re.compile(r"\b(?:province|préfecture|département|territoire|district|wilaya|canton|"
                             r"commune|chefferie|groupement|secteur|ville|village|localité)\s+"
                             r"(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*$", re.IGNORECASE)


def _after_unit(text: str, start: int, name: str) -> bool:
    """A French place name of several words after a unit's noun (_FR_UNIT_BEFORE) is that unit or town (GPE), as
    "province du Haut-Lomami" is with the noun inside; a feature's word in the name ("mont X") keeps it LOC."""
    if any(w.casefold() in _FEATURES for w in re.findall(r"[\w'-]+", name)):
        return False
    return _FR_UNIT_BEFORE.search(text, max(0, start - 40), start) is not None


def _listed_nominative(entry: GazetteerEntry, language: str) -> str | None:
    """A Russian place's one-word form as its row writes it, in the nominative: the nominative of the text as
    written, where the dictionary, not knowing a foreign town, guesses it wrong ("Ирпене" -> "Ирпен", not
    "Ирпень"; "Тире" -> "Тира", not "Тир"). None for any other match (a body's, a people's, a longer form's),
    whose nominative the dictionary makes."""
    if language != "ru" or entry.label not in ("GPE", "LOC") or len(entry.words) != 1 or entry.owner_alias:
        return None
    return entry.form or None


def _russian_feature_noun(word: str) -> bool:
    """Whether a Russian word is a feature's or a checkpoint's noun: by its dictionary form, or as written where the
    dictionary's form is another spelling ("ущелье": its lemma is "ущелие")."""
    from .russian import morph_vocab

    if _fold(word) in _FEATURES:
        return True
    vocab = morph_vocab()
    return vocab is not None and any(p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") in _FEATURES | _RU_CROSSING
                                     for p in vocab.parse(word))


def _before_acronym(text: str, start: int, end: int) -> tuple[int, int]:
    """The span's part before a bracketed acronym inside it ("X (СБР) Судана" -> "X"), ``(start, end)`` when
    there is none."""
    bracket = re.search(r"\s*\([A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]{1,9}\)", text[start:end])
    return (start, start + bracket.start()) if bracket and bracket.start() > 0 else (start, end)


# what links a French name to the place or body it is of: the name's last word before the nested one
_FR_OF = frozenset({"de", "d'", "d\u2019", "du", "des", "en", "au", "aux", "pour", "la", "l'", "l\u2019", "les"})
_NESTING = frozenset({"ORG", "FAC"})
# an adjective's case endings: a name after its own adjective is one name, not a body of a place
_RU_ADJECTIVE = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ую|юю|ых|их|ыми|ими)$")


# any case and number of a Russian adjective ("египетские", "российской"); a people's noun ends otherwise
# ("курды", "палестинцами", "россияне")
_RU_ADJECTIVE_FORM = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ую|юю|ых|их|ыми|ими)$")


def may_speak(e: EntitySpan) -> bool:
    """A mention that can be a statement's source: a person, body, place or people, but not an adjective of
    nationality, Russian ("Американские | переговорщики заявили") or French ("les médiateurs qataris"): it
    qualifies the noun that speaks, which the unnamed subject's rules name whole."""
    if e.label != "NORP":
        return e.label in SPEAKER_LABELS
    if _LATIN_LOWER.match(e.text):
        return may_speak_fr_adjective(e)
    return not _RU_ADJECTIVE_FORM.search(e.text.casefold())


_LATIN_LOWER = re.compile(r"[a-zà-ÿ]")


def nested_mentions(text: str, tokens: Sequence[Token], entities: Sequence[EntitySpan], language: str,
                    normalise: Callable[[int, int, str], str] | None = None) -> list[EntitySpan]:
    """Known places and bodies inside a longer organisation's or facility's name, as the English pipeline's
    _places_in_names reads "the Ministry of Defence of the Republic of Azerbaijan": "Министерство иностранных
    дел Саудовской Аравии" (Saudi Arabia, in the genitive: Russian says "of" by the case), "Генеральный штаб
    ВСУ" (the Armed Forces of Ukraine), "Forces armées de la RDC". The name stays whole; these are mentions of
    their own. Not a word opening the name (mentions are stored one per start, and the name holds that start),
    and in French only after "de/en/au/pour" (the English "of/in/for"). Statements never see them: they are
    added after the paragraph's statements are found, so a speaker stays the organisation."""
    tokens = _join_hyphens(tokens)
    starts = {e.start for e in entities}
    out: list[EntitySpan] = []
    for e in entities:
        if e.label not in _NESTING:
            continue
        inside = [k for k, t in enumerate(tokens) if e.start <= t.start and t.end <= e.end]
        if len(inside) < 2 or _defined_by_acronym(text, e, entities):
            continue
        first = inside[0]
        for i, j, entry in gazetteer(language).matches(tokens[first + 1:inside[-1] + 1]):
            start, end = tokens[first + 1 + i].start, tokens[first + j].end
            if start in starts or (start, end) == (e.start, e.end) or entry.name == e.name:
                continue
            if entry.label not in ("GPE", "LOC") and not entry.acronym and (
                    _acronym_after(text, e, entities) not in (None, entry.name)
                    or _known_whole(tokens[first:inside[-1] + 1], language)):
                # a body by its full name inside another's ("Commission de l'Union africaine (UA)"), not in a
                # body the gazetteer knows whole ("Международный комитет Красного Креста": the Red Cross's own
                # words) nor before another body's bracketed acronym, which the resolver would pair with it
                continue
            before = tokens[first + i].text.casefold()
            if language == "fr" and before not in _FR_OF or language == "ru" and _RU_ADJECTIVE.search(before):
                continue  # "«Единой России»": the party's own word, not Russia, as "United Russia" in English
            written = normalise(start, end, entry.label) if normalise else None
            written = written if written and written != text[start:end] else None
            out.append(EntitySpan(start, end, text[start:end], entry.name, house_label(entry, language), e.prefix,
                                  written))
            starts.add(start)
    return out


# A French place named by a common noun and the proper name it is of ("massif du Tibesti", "prison de Klessoum",
# "département de Ouallam", "stade Vélodrome"): the name alone is the place a reader looks for, as the English
# pipeline reads "the Tibesti" or "Ouallam". A natural feature's name is that feature (LOC: "massif du Tibesti",
# "plaine du Cul-de-Sac"); a building's or a unit's is the town or the area it stands in, labelled as any place
# name (GPE unless known as a feature). Camps, markets and palaces are left out: their name is the site's own.
_FR_FEATURE_HEADS = frozenset("""
massif mont monts montagne montagnes plaine fleuve rivière lac désert vallée plateau forêt île îles golfe col
péninsule presqu'île presqu\u2019île chaîne
""".split())
_FR_SITE_HEADS = frozenset("""
prison usine aéroport gare hôpital mine raffinerie centrale barrage base département région province préfecture
commune district territoire localité
""".split())
_FR_NAMED_PLACE = re.compile(r"^(?P<head>[a-zà-ÿ'\u2019]+)\s+(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*"
                             r"(?P<name>[A-ZÀ-Ý].*)$")
# a feature's or a stadium's name right after the noun ("mont Kenya", "lac Tchad", "stade Vélodrome")
_FR_NAMED_DIRECTLY = re.compile(r"^(?P<head>[a-zà-ÿ]+)\s+(?P<name>[A-ZÀ-Ý][\w'\u2019-]*(?:\s+[A-ZÀ-Ý][\w'\u2019-]*)?)$")


def named_places(text: str, entities: Sequence[EntitySpan]) -> list[EntitySpan]:
    """The proper name inside a French place named with its common noun, as a mention of its own (the longer
    span stays): "massif du Tibesti" -> Tibesti (LOC), "usine de Sochaux" -> Sochaux (GPE), "stade Vélodrome"
    -> Vélodrome (LOC, the stadium's name). Not where a mention already starts at the name."""
    starts = {e.start for e in entities}
    out: list[EntitySpan] = []
    for e in entities:
        if e.label not in ("LOC", "GPE", "FAC") or " " not in e.text:
            continue
        found = _FR_NAMED_PLACE.match(e.text)
        head = found.group("head") if found else ""
        if head not in _FR_FEATURE_HEADS and head not in _FR_SITE_HEADS:
            found = _FR_NAMED_DIRECTLY.match(e.text)
            head = found.group("head") if found else ""
            if head not in _FR_FEATURE_HEADS and head != "stade":
                continue
        start = e.start + found.start("name")
        end = start + len(found.group("name").rstrip())
        name = text[start:end]
        if start in starts or len(name) < 2:
            continue
        label = "LOC" if head in _FR_FEATURE_HEADS or head == "stade" else place_label(name, "LOC")
        out.append(EntitySpan(start, end, name, name, label, e.prefix, None))
        starts.add(start)
    return out


def _acronym_after(text: str, e: EntitySpan, entities: Sequence[EntitySpan]) -> str | None:
    """The name of the mention in brackets right after ``e`` ("... (UA)": African Union), if any."""
    if text[e.end:e.end + 2] != " (":
        return None
    return next((x.name for x in entities if x.start == e.end + 2), None)


def _known_whole(tokens: Sequence[Token], language: str) -> bool:
    """The gazetteer knows the name whole by one of its own forms (not one written with an owner's other name:
    "Генштаб Вооружённых сил Украины" is the staff of the Armed Forces, a mention of their own)."""
    return any(i == 0 and j == len(tokens) and not entry.owner_alias
               for i, j, entry in gazetteer(language).matches(tokens))


def _defined_by_acronym(text: str, e: EntitySpan, entities: Sequence[EntitySpan]) -> bool:
    """The name is followed by its acronym in brackets ("Front pour l'alternance et la concorde au Tchad (FACT)"):
    the resolver pairs the two as the next mentions in the text, which a mention nested between them would part.
    Not an acronym the gazetteer names ("Commission de l'Union africaine (UA)": UA is the African Union, whose
    name nested there it keeps)."""
    if text[e.end:e.end + 2] != " (":
        return False
    return any(x.start == e.end + 2 and x.name == x.text for x in entities)


_ACRONYM = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ0-9]{1,5}")


def _acronyms(tokens: Sequence[Token], ner, matches, common: frozenset[str]) -> list[tuple[int, int, str]]:
    """An acronym in capitals that neither the NER nor the gazetteer took ("la CPC", "сотрудники МЧС") names
    an organisation, as the English pipeline reads one; not a common noun's acronym (ONG, СМИ, БПЛА: the
    lexicon's list) nor a word in a line set in capitals."""
    taken = [(a, b) for a, b, *_ in ner] + [(a, b) for a, b, _ in matches]
    out = []
    for k, t in enumerate(tokens):
        if not _ACRONYM.fullmatch(t.text) or t.text.casefold() in common or not any(ch.isalpha() for ch in t.text[1:]):
            continue
        if any(a < t.end and t.start < b for a, b in taken):
            continue
        neighbours = [x.text for x in tokens[max(0, k - 1):k] + tokens[k + 1:k + 2] if x.text[:1].isalpha()]
        if neighbours and all(x.isupper() for x in neighbours):
            continue  # a headline or a shout in capitals
        out.append((t.start, t.end, "ORG"))
    return out


def _whole_organisations(text: str, ner, matches) -> list[tuple[int, int, str]]:
    """A Russian organisation with the name it is of after it ("Министерство иностранных дел России",
    "Командование ВСУ", "Министерство энергетики Тарской республики"): the NER often stops before the genitive
    place or acronym; the organisation is the whole phrase, as the English pipeline reads "Ministry of ... of X"."""
    ner = sorted(ner)
    out: list[tuple[int, int, str]] = []
    skip: set[int] = set()
    for k, (start, end, label) in enumerate(ner):
        if k in skip:
            continue
        while label == "ORG" and text[end:end + 1] == " ":
            nxt = end + 1
            # a state, a region ("Министерство здравоохранения сектора Газа") or a body's acronym
            m = next((m for m in matches if m[0] == nxt and (m[2].label in ("GPE", "LOC") or m[2].acronym)), None)
            if m is not None:
                end = m[1]
                continue
            n = next((i for i, x in enumerate(ner) if x[0] == nxt and x[2] == "LOC" and i not in skip), None)
            if n is None:
                break
            skip.add(n)
            end = ner[n][1]
        out.append((start, end, label))
    # a place the NER read inside the whole name ("России" in "... дел России") is part of it, as the match was
    return [x for x in out if not any(o[0] <= x[0] and x[1] <= o[1] and o != x for o in out)]


_INSTITUTION = re.compile(
    r"(?:Bureau|Mission|Conseil|Haut[- ]Conseil|Haut[- ]Commissariat|Ministère|Comité|Commission|Office|Agence|"
    r"Parlement|Assemblée|Cour|Tribunal|Gouvernement|Banque|Délégation|Ambassade|Force|Forces|Armée|Police|Garde)\b",
    re.IGNORECASE)
_OF_PLACE = re.compile(r" (?:en|au|aux|du|de la|de l['\u2019]|d['\u2019]|de)\s?")


_DANGLING = re.compile(r"\s(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*$", re.IGNORECASE)
_UNIT_PREFIX = re.compile(r"(?:province|région|territoire|préfecture|district|ville|wilaya|cercle|commune|"
                          r"localité|département|canton)\s+(?:du|de la|de l['\u2019]|des|de|d['\u2019])\s*",
                          re.IGNORECASE)

# a noun of a place and "de" right before a name: the name is that place ("camp de déplacés de", "village d'")
_PLACE_BEFORE = re.compile(r"\b(?:camp|camps|site|village|villages|quartier|quartiers|ville|localité|commune|"
                           r"bourg|hameau|cité|colline|chefferie|groupement|secteur|région|province|territoire|"
                           # the zones, the hospital, the airport, the market, the prison of a town
                           r"zone|zones|hôpital|aéroport|marché|prison|faubourg|faubourgs|banlieue|"
                           r"camp de déplacés|camp de réfugiés|site de déplacés)\s+(?:de|d['\u2019])\s*$",
                           re.IGNORECASE)
# a dwelling its owner is already given for by a possessive, then "de" and a name: the name is where it stands
# ("sa résidence d'Aïn el-Tiné", "leur maison de Kalehe"), not a second owner
_OWNED_DWELLING = re.compile(r"\b(?:sa|son|ses|leur|leurs)\s+(?:résidence|résidences|maison|domicile|villa|"
                            r"ferme|propriété|fief)\s+(?:de|d['\u2019])\s*$", re.IGNORECASE)

_LEADING_PREPOSITION = re.compile(r"(?:au|aux|à|en|dans|du|des)\s+(?=[A-ZÀ-Ý])")
# a determiner in lower case opening the span ("Pour la France,"): the sentence's, since a name's own article is
# written with a capital ("Le Caire", "La Haye", "Le Temps")
_LEADING_DETERMINER = re.compile(r"(?:la|le|les)\s+(?=[A-ZÀ-Ý])|l['\u2019](?=[A-ZÀ-Ý])")

def honorific_end(text: str, start: int, end: int, label: str, cues: Cues,
                  honorifics: Sequence[str] | None = None) -> int | None:
    """Where a person's name starts after the form of address (data: [entities] honorifics, or ``honorifics``)
    that opens text[start:end] ("Mgr Paul X"), if one does and a person is named after it: the model said PERSON,
    or two capitalised words follow ("Cheikh Jarrah", a district, is no person named Jarrah)."""
    for h in cues.honorifics if honorifics is None else honorifics:
        at = start + len(h)
        if not text.startswith(h, start) or not text[at:at + 1].isspace():
            continue
        at += len(text[at:end]) - len(text[at:end].lstrip())
        rest = text[at:end].split()
        if rest and rest[0][:1].isupper() and (label == "PERSON" or sum(w[:1].isupper() for w in rest) >= 2):
            return at
        return None
    return None


def _french_spans(text: str, ner, matches) -> list[tuple[int, int, str]]:
    """The French model's slips, mended by general rules before the institution rule:
    - a span that stops on "de la", "du", "des" ("Forces armées de la" | "RDC") runs on over the name after it;
    - an organisation cut before the words its own bracketed acronym spells runs on to the bracket
      ("Front patriotique | pour la justice (FPJ)");
    - a title is no organisation ("ministre de la Défense" read as ORG): dropped, the person's prefix keeps it;
    - a preposition opening the span ("au Caire") is no part of the name, nor a lower-case determiner ("la France"
      read as one place);
    - an institution's head makes the span an organisation ("ministère de la Santé du Hamas" read as LOC);
    - a "person" right after a noun of a place and "de" is that place ("au camp de déplacés de Mugunga");
    - an administrative unit around a known place ("province du Sud-Kivu") is that place, as the gazetteer
      names it (a place the gazetteer lacks keeps the unit: "province du Haut-Lomami")."""
    cues = language_cues("fr")
    out = []
    starts = {m[0]: m[1] for m in matches} | {a: b for a, b, _ in ner}
    for start, end, label in sorted(ner):
        if _DANGLING.search(text[start:end]):
            nxt = end + len(text[end:]) - len(text[end:].lstrip())
            if nxt in starts:
                end = starts[nxt]
        first = text[start:end].split()[0].casefold() if text[start:end].split() else ""
        if label == "ORG" and first in cues.person_roles and text[start:start + 1].islower():
            continue
        if label != "ORG" and _INSTITUTION.match(text, start) and text[start:end].split()[0].casefold() in (
                "ministère", "bureau", "mission", "conseil", "commission", "agence", "comité"):
            label = "ORG"
        end = _to_own_acronym(text, start, end) if label == "ORG" else end
        lead = _LEADING_PREPOSITION.match(text, start, end)
        if lead:  # "au Caire", "du Nord": the preposition is the sentence's, not the name's
            start = lead.end()
        determiner = _LEADING_DETERMINER.match(text, start, end)
        if determiner and label != "PERSON":
            start = determiner.end()
        honorific = honorific_end(text, start, end, label, cues)
        if honorific:  # "Mgr Paul X", "Dr Denis X": the person, named without the honorific (the fullest name)
            start, label = honorific, "PERSON"
        if label == "PERSON" and (_PLACE_BEFORE.search(text, max(0, start - 40), start)
                                  or _OWNED_DWELLING.search(text, max(0, start - 40), start)):
            label = "LOC"  # "au camp de déplacés de Mugunga", "le village de Kiwanja": a place, whatever its sound
        unit = _UNIT_PREFIX.match(text, start)
        if unit and label != "ORG" and any(m[0] == unit.end() and m[1] == end for m in matches):
            continue  # the gazetteer's match names the place
        if out and label == "PERSON" and out[-1][2] == "PERSON" and text[out[-1][1]:start] == " ":
            start = out.pop()[0]  # "Ebenezer Tanjong | Akwa": one name the model cut in two
        out.append((start, end, label))
    return out


_FR_FUNCTION_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "pour", "et", "en", "au", "aux", "à"})
# up to ten words (a comma among them: "Autorité de régulation des communications électroniques, des postes")
# between a cut name and its bracketed acronym, written in capitals or as a word ("(HACP)", "(Fespaco)", "(Arcep)")
_BEFORE_ACRONYM = re.compile(r"((?:,?\s+[\w\u00c0-\u017f'\u2019-]+){1,10}?)\s+\(([A-ZÀ-Ý](?:[A-ZÀ-Ý]{1,7}|[a-zà-ÿ]{3,7}))\)")
_MAX_SKIPPED = 2  # words of a name its acronym leaves out ("Festival panafricain du cinéma et de la télévision": FESPACO)


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(ch))


def _spells(acronym: str, name: str) -> bool:
    """Whether ``acronym`` spells ``name``: by the initials of its words ("Haute Autorité à la consolidation de la
    paix" -> HACP), or by the first letters of its words in order ("FEStival PAnafricain du Cinéma ...
    Ouagadougou" -> FESPACO, "Autorité de Régulation des Communications Électroniques, des Postes" -> Arcep),
    the first word always spelled, at most two words left out."""
    words = [_plain(w) for w in re.findall(r"[\w\u00c0-\u017f]+", name) if w.casefold() not in _FR_FUNCTION_WORDS]
    letters = _plain(acronym).replace("-", "")  # "CSP-PSD": a hyphen joins two groups of initials

    @cache
    def read(i: int, j: int, skipped: int) -> bool:
        if i == len(letters):
            return skipped + len(words) - j <= _MAX_SKIPPED
        if j == len(words):
            return False
        if j and skipped < _MAX_SKIPPED and read(i, j + 1, skipped + 1):
            return True
        word = words[j]
        return any(read(i + k, j + 1, skipped) for k in range(1, len(word) + 1)
                   if letters[i:i + k] == word[:k])

    return bool(words) and read(0, 0, 0)


def _to_own_acronym(text: str, start: int, end: int) -> int:
    """Where an organisation's name ends when the model cut it before the words its own bracketed acronym
    spells ("Front patriotique | pour la justice (FPJ)"): the name runs to the bracket; ``end`` otherwise."""
    m = _BEFORE_ACRONYM.match(text, end)
    if m is None or _spells(m.group(2), text[start:end]):
        return end
    return m.end(1) if _spells(m.group(2), text[start:m.end(1)]) else end


# (letters of Latin Extended-A count: "Özdemir-Aydın", "Wójcik")
# a name in apposition to a person's role ("Aline Kabeya, coordinatrice de l'ONG X", "Pour Marie-Lourdes Étienne,
# directrice de ..."): two to four capitalised words, not after a determiner or a preposition, then a comma and
# the role. The French model misses such names or reads a word of them as a place ("Lourdes") or a noun
# ("Espérance")
_APPOSITIVE_NAME = re.compile(
    r"(?<![\w'\u2019-])(?<!\bl[ea] )(?<!\bles )(?<!\bdu )(?<!\bdes )(?<!\bde )(?<!\bau )(?<!\baux )"
    r"((?-i:[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+(?:-[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+)?)(?:\s+(?-i:[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+(?:-[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+)?)){1,3}),"
    r"\s+(?:l[ea]\s+|une?\s+|l['\u2019])?(\w[\w-]*)")
_PERSON_APPOSITIONS = frozenset({
    "coordinatrice", "coordinateur", "directrice", "directeur", "fondatrice", "fondateur", "militante", "militant",
    "habitante", "habitant", "avocate", "avocat", "maire", "infirmière", "infirmier", "médecin", "présidente",
    "président", "porte-parole", "secrétaire", "cheffe", "chef", "commandant", "responsable", "chercheuse",
    "chercheur", "analyste", "politologue", "députée", "député", "ministre", "conseillère", "conseiller",
    "ambassadrice", "ambassadeur", "représentante", "représentant", "envoyée", "envoyé", "général", "colonel",
    "gouverneur", "gouverneure", "sénatrice", "sénateur", "journaliste", "professeure", "professeur",
})
_OPENERS = frozenset({"selon", "pour", "d'après", "mais", "et", "alors", "ainsi", "enfin", "depuis", "à", "en"})
# the same apposition the other way round: a role, a comma, then the name and a comma, a full stop or the verb
# ("le ministre de la Sécurité publique, Florent Ngaïkosset Yakité, a dit", "son porte-parole, Wilson Saint-Fleur
# Joseph, a affirmé"): the model cuts such a name at its second word or reads its last words as a place
_ROLE_WORDS = "|".join(sorted((re.escape(w) for w in _PERSON_APPOSITIONS | {
    "archevêque", "évêque", "imam", "entraîneur", "entraîneuse", "capitaine", "lieutenant"}), key=len, reverse=True))
@lru_cache(maxsize=4)
def _role_then_name(honorifics: tuple[str, ...]) -> re.Pattern[str]:
    """A role, then a comma and a person's name, after an optional form of address from the language's data
    ([entities] honorifics: the French rules strip it later, honorific_end), longest first."""
    address = "|".join(re.escape(h) for h in sorted(honorifics, key=len, reverse=True))
    return re.compile(
        r"(?i:\b(?:l[ea]|son|sa|leur|un|une)\s+|\bl['\u2019])(?i:" + _ROLE_WORDS + r")\b[^,.;:!?\u00ab\u00bb()]{0,80},\s+"
        r"(" + (rf"(?:(?:{address})\s+)?" if address else "")
        + r"[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+(?:-[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+)?(?:\s+[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+(?:-[A-ZÀ-Ý][a-zà-ÿ\u0100-\u017f]+)?){1,3})"
        r"(?=\s*[,.;)]|\s+a\s|\s+a-t-)")


# capitalised words opening a sentence before a name that are no part of it ("Hier Ali Diallo, maire de ...")
_NOT_A_FIRST_NAME = frozenset("""hier demain aujourd'hui ensuite puis enfin ainsi alors mais lundi mardi mercredi jeudi
vendredi samedi dimanche""".split())


def _first_name_cut(text: str, overlapping, start: int, end: int) -> bool:
    """The one span the apposition overlaps is a person ending where the name ends and starting after it: the
    model cut the name's first word off (a name of three words opening a sentence)."""
    return len(overlapping) == 1 and overlapping[0][2] == "PERSON" and overlapping[0][1] == end \
        and overlapping[0][0] > start and text[start:end].split()[0].casefold() not in _NOT_A_FIRST_NAME


def _appositive_persons(text: str, ner, matches, honorifics: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """A person the model missed or misread, named in apposition to a role (see _APPOSITIVE_NAME); an
    organisation or a gazetteer name there stays what it is ("Human Rights Watch, le directeur ...")."""
    out = list(ner)
    for m in _APPOSITIVE_NAME.finditer(text):
        if m.group(2).casefold() not in _PERSON_APPOSITIONS:
            continue
        start, end = m.span(1)
        first = text[start:end].split()[0]
        if first.casefold() in _OPENERS:  # "Pour Marie X, ..." : the name starts after the preposition
            start += len(first) + 1
            if len(text[start:end].split()) < 2:
                continue
        overlapping = [x for x in out if x[0] < end and start < x[1]]
        if _first_name_cut(text, overlapping, start, end):
            pass  # "Ibrahim" | "Adam Dabaka, conseiller ...": the model dropped the first name of the person it read
        elif any(x[2] in ("PERSON", "ORG") or x[0] <= start and end <= x[1] for x in overlapping) \
                or any(a < end and start < b for a, b, _ in matches):
            continue  # "Buenos Aires, le président ...": a place read whole stays a place
        out = [x for x in out if x not in overlapping] + [(start, end, "PERSON")]
    for m in _role_then_name(honorifics).finditer(text):
        start, end = m.span(1)
        overlapping = [x for x in out if x[0] < end and start < x[1]]
        if any(x[0] < start or end < x[1] for x in overlapping) or any(a < end and start < b for a, b, _ in matches):
            continue  # a name running on, or a place or a body the gazetteer knows, stays what it is
        out = [x for x in out if x not in overlapping] + [(start, end, "PERSON")]
    return sorted(out)


# a staff named after the army it commands: "l'état-major de l'armée israélienne", "état-major général des FARDC"
_STAFF_BEFORE = re.compile(r"\b[ÉéEe]tat-major(?:\s+général)?\s+(?:de l['\u2019]\s*|de la\s+|des\s+|du\s+|d['\u2019]\s*)$")


_STAFF_HEAD = re.compile(r"[ÉéEe]tat-major\b")
_LOWER_BODY = re.compile(r"(?:commission|conseil|comité)\s+(?:des|de la|de l['\u2019])\s*[a-zà-ÿ]")


def _staffs(text: str, ner, matches) -> list[tuple[int, int, str]]:
    """"état-major" before an armed force the gazetteer knows is one organisation, the staff (its speaker is the
    staff, not the army): the force's own mention is nested in it (nested_mentions)."""
    out = list(ner)
    for start, end, entry in matches:
        if entry.label != "ORG":
            continue
        staff = _STAFF_BEFORE.search(text, max(0, start - 40), start)
        if staff is None:
            continue
        out = [x for x in out if not (staff.start() <= x[0] and x[1] <= end)] + [(staff.start(), end, "ORG")]
    return sorted(out)


def _whole_institutions(text: str, ner, matches) -> list[tuple[int, int, str]]:
    """A French institution with the place it is of ("Bureau intégré des Nations unies en Haïti", "Haut Conseil
    islamique du Mali"): the NER often stops before the place; an institution's name keeps it (not any
    organisation: "le Hezbollah au Liban" is an organisation and where it is)."""
    out = []
    for start, end, label in sorted(_french_spans(text, ner, matches)):
        if label == "ORG" and _INSTITUTION.match(text, start):
            m = _OF_PLACE.match(text, end)
            place = m and next((x for x in matches if x[0] == m.end() and x[2].label == "GPE"), None)
            if place is None and m:
                place = next(((a, b) for a, b, lab in ner if a == m.end() and lab == "LOC"), None)
            if place is not None:
                end = place[1]
        out.append((start, end, label))
    return [x for x in out if not any(o[0] <= x[0] and x[1] <= o[1] and o != x for o in out)]


_ACRONYM_IN_BRACKETS = re.compile(r" \(([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9.-]{1,9})\)")


def _own_acronyms(text: str, ner, matches) -> list[tuple[int, int, str]]:
    """The acronym in brackets right after a French organisation's name, when it spells that name (see
    :func:`_spells`), is that organisation: the model reads "(HACP)" as a place or "(FESPACO)" as a title (MISC);
    the resolver then gives it the name's. Not an acronym the gazetteer knows ("Commission de l'Union africaine
    (UA)")."""
    out = _untagged_before_acronym(text, list(ner))
    for start, end, label in ner:
        m = _ACRONYM_IN_BRACKETS.match(text, end) if label == "ORG" else None
        if m is None or not _spells(m.group(1), text[start:end]):
            continue
        a, b = m.span(1)
        if any(x[0] < b and a < x[1] for x in matches):
            continue
        out = [x for x in out if not (x[0] < b and a < x[1])] + [(a, b, "ORG")]
    return sorted(out)


# a capitalised word after a determiner or "de": where an organisation's name written out may start
_NAME_START = re.compile(r"(?:^|\s)(?:[lL]a|[lL]e|[lL]es|[lL]['\u2019]|du|des|de|d['\u2019])\s*(?=[A-ZÀ-Ý])")


# the words after a comma inside a name that lists its remits: an article and a word in lower case, then up to the
# bracket only lower-case words, articles and "et" ("la sécurité et le développement")
_LISTED_REMITS = re.compile(r"\s*(?:la|le|les|l['\u2019])\s*[a-zà-ÿ][\w'\u2019 -]*$")


def _untagged_before_acronym(text: str, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation's name the model left untagged, or read only in part ("la Coopérative pour le développement
    du Congo (CODECO)": "Congo" alone), before a bracketed acronym that spells it (:func:`_spells`): the words from
    a capital after a determiner to the bracket are that organisation (ORG), the longest such run; a place inside
    it stays a mention of its own. Not when a name ends at the bracket."""
    out = list(ner)
    places = {(x[0], x[1]) for x in ner if x[2] in ("GPE", "LOC")}
    for m in _ACRONYM_IN_BRACKETS.finditer(text):
        at = m.start()
        if any(x[1] == at for x in ner) and not any(x[1] == at and x[2] in ("GPE", "LOC") for x in ner):
            continue  # (a name ending at the bracket: the rule below reads it; a place may end the name)
        window = max(0, at - 120)
        clause = max(text.rfind(c, window, at) for c in ",;.()\u00ab\u00bb:")
        lo = max(window, clause + 1)
        if clause >= lo - 1 and text[clause] == "," and _LISTED_REMITS.match(text, lo, at):
            # a name listing its remits (", la sécurité et le développement (CSP-PSD)"): its start is before the
            # comma, one clause back
            lo = max(window, max(text.rfind(c, window, clause) for c in ",;.()\u00ab\u00bb:") + 1)
        for start in (x.end() for x in _NAME_START.finditer(text, lo, at)):
            name = text[start:at]
            if any(a <= start and b == at for a, b in places):
                break  # "la République démocratique du Congo (RDC)": a place's own acronym
            if len(name.split()) >= 2 and _spells(m.group(1), name):
                # a place the model read in the name's first word is that word, no place ("Cadre" of "Cadre
                # stratégique ..."); one further in stays ("... du Congo")
                out = [x for x in out if not (start <= x[0] and x[1] <= at and (x[2] not in ("GPE", "LOC")
                                                                             or x[0] == start))] \
                    + [(start, at, "ORG")]
                break
    return sorted(out)


def _join_hyphens(tokens: Sequence[Token]) -> list[Token]:
    """Words the model split at a hyphen ("Croix", "-", "Rouge") joined again, as the gazetteer writes them."""
    out: list[Token] = []
    for t in tokens:
        if out and t.start == out[-1].end and (t.text == "-" or out[-1].text.endswith("-")):
            out[-1] = Token(out[-1].start, t.end, out[-1].text + t.text, out[-1].named or t.named)
        else:
            out.append(t)
    return out


_DETERMINER = re.compile(r"^(?:Les|Le|La|L['\u2019])\s*")


def _determiner_length(span: str) -> int:
    m = _DETERMINER.match(span)
    return m.end() if m else 0


def _strip_text(text: str, start: int, end: int) -> str:
    a, b = _strip(text, start, end)
    return text[a:b]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without edge punctuation, a French elided article ("l'OTAN" -> "OTAN") and a bracket at the end:
    "Всемирная организация здравоохранения (ВОЗ)" is the body, the acronym in brackets after it is not part of
    its name (the NER's span often takes it, with or without its ")")."""
    opened = text.rfind("(", start, end)
    if opened > start and text[opened:end].rstrip(_EDGE.replace("(", "")).find(")") < 0:
        end = opened  # "X (ACR)" or "X (ACR": the bracket is last; "Forces (spéciales) de X" keeps its words
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    m = _ELISION.match(text[start:end])
    if m:
        start += m.end()
    return start, end


# ------------------------------------------------------------------------------------------------ durations


def duration(sentence: str, cues: Cues) -> str | None:
    """The first duration in ``sentence``, in English ("30 jours", "тридцатидневное" -> "30 days")."""
    m = cues.duration.search(sentence)
    if not m:
        return None
    groups = m.groupdict()
    number, unit = groups.get("n") or groups.get("n2"), groups.get("u") or groups.get("u2")
    if number is None or unit is None:
        return None
    value = int(number) if number.isdigit() else cues.numbers.get(number.casefold())
    english = next((v for k, v in sorted(cues.units.items(), key=lambda kv: -len(kv[0]))
                    if unit.casefold().startswith(k)), None)
    if value is None or english is None:
        return None
    return f"{value} {english}{'s' if value != 1 else ''}"


# ------------------------------------------------------------------------------------- statements and quotes


@dataclass(frozen=True)
class Source:
    kind: str  # name | pronoun | role | other | continuation | joint | none
    text: str | None
    start: int | None
    end: int | None
    name: str | None = None


NO_SOURCE = Source("none", None, None, None)
# (a full stop inside a word is no clause end: "à ACTUALITE.CD son coordonnateur", "joint par Lefaso.net")
_CLAUSE_END = re.compile(r"[;:!?\u00bb\u201c\u201d\"]|\.(?!\w)")


def find_cues(text: str, start: int, end: int, cues: Cues, quotes: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the speech cues in text[start:end] outside quotation marks: kind verb or prep."""
    found = []
    for kind, patterns in (("verb", cues.verbs), ("prep", cues.preps)):
        for p in patterns:
            for m in p.finditer(text, start, end):
                if not any(s < m.start() < e for s, e in quotes):
                    found.append((m.start(), m.end(), kind))
    found.sort()
    out: list[tuple[int, int, str]] = []
    for c in found:  # overlapping cues ("a-t-il déclaré" and "déclaré"): the first, longest
        if out and c[0] < out[-1][1]:
            continue
        out.append(c)
    return out


def source_of(text: str, cue: tuple[int, int, str], sentence: tuple[int, int], entities: Sequence[EntitySpan],
              quotes: Sequence[tuple[int, int]], cues: Cues, subject: tuple[int, int] | None = None,
              oblique: frozenset[int] = frozenset()) -> Source:
    """Who the cue attributes to: the parse's subject when the language module gives one, a pronoun next to the
    cue, a named entity right after an inverted cue or before it, else an unnamed source ("un responsable")."""
    cs, ce, kind = cue
    s_start, s_end = sentence
    outside = [e for e in entities if may_speak(e) and s_start <= e.start and e.end <= s_end
               and not any(qs <= e.start < qe for qs, qe in quotes)]
    opener = _impersonal_source(text, cue, s_start, outside, cues) or _impersonal_after(text, cue, outside, cues) \
        or _there_source(text, cue, s_start, entities, cues)
    if opener is not None:
        return Source("name", opener.text, opener.start, opener.end, opener.name)
    body = _impersonal_body(text, cue, s_start, cues) or _document_source(text, cue, sentence, cues)
    if body is not None:
        return body
    if kind == "verb":  # the subject of a speech verb is in the nominative: "пообещал ... Израилю" is who was told
        outside = [e for e in outside if e.start not in oblique]
        aside = _subject_aside(text, s_start, cs, cues)
        if aside is not None and any(e.end <= aside[0] for e in outside):
            # "Kigali, accusé par des experts de l'ONU de ..., a déclaré": the aside describes the subject named
            # before it; a name inside it is no subject
            outside = [e for e in outside if not aside[0] <= e.start < aside[1]]
    agent = _passive_agent(text, cue, sentence, outside)
    if agent is not None:
        return _named(text, agent, s_start, cues, outside)
    inverted = _inverted_role(text, cue, sentence, outside, cues)
    if inverted is not None:
        return inverted
    apposed = _appositive_subject(text, cue, sentence, outside, cues)
    if apposed is not None:
        return apposed
    unnamed = _unnamed_subject(text, subject, cs, s_start, outside, quotes, cues)
    if unnamed is not None:
        return unnamed
    if subject is not None:
        # (a name the parse's subject starts inside of: the parse may head a name of three words on its last,
        # "Moussa Ali | Kandé, conseiller du commandement des FAR, a estimé")
        inside = [e for e in outside if subject[0] <= e.start and e.end <= subject[1] or e.start < subject[0] < e.end]
        # a name in the subject's agent or relative clause ("Le gouvernement reconnu par les Nations unies") is
        # not the subject; a person in apposition is ("Le porte-parole de l'armée, Eitan Shaked,")
        heads = [e for e in inside if not re.search(r"\b(?:par|qui|que|dont)\b", text[subject[0]:e.start])
                 and not _where_of_subject(text, e, max(s_start, subject[0]), cues, outside)]
        person = next((e for e in inside if e.label == "PERSON"), None) or (heads[0] if heads else None)
        if person is not None:
            # a body of the subject's state or organisation ("le gouvernement de transition du Mali") is the body
            return _unnamed_of(text, person, max(s_start, subject[0]), cues) \
                or _named(text, person, max(s_start, subject[0]), cues, outside)
    pronoun = _pronoun_near(text, cs, ce, cues, prep=kind == "prep")
    if pronoun is not None:
        return pronoun
    outside = [e for e in outside if not _after_word(text, e.start, cues.places)]
    after = [e for e in outside if ce <= e.start and not _CLAUSE_END.search(text, ce, e.start)
             and not _told(text, e.start, cues) and e.start - ce <= 80
             # "заявила, что Киев готов", "a affirmé que Kinshasa": the name is in what is said, not who says it
             and not _THAT.search(text, ce, e.start)
             # "по данным ведомства, ... Энергодара", "selon le ministère, ...": a preposition's source ends at the comma
             and not (kind == "prep" and "," in text[ce:e.start])
             # "selon des commerçants interrogés par l'AFP": the agency that asked is not who speaks
             and not _AGENT.search(text, max(ce, e.start - 12), e.start)]
    if kind == "verb" and not any(e.label == "PERSON" for e in after):
        after += _titled_person_after(text, ce, s_end, outside, cues)
    if subject is not None and subject[1] <= cs:
        after = []  # the parse's subject comes before the verb ("Le gouvernement accuse ... la CPC"): names after it are objects
    plain = _quoted_names_unmarked(text)
    before = [e for e in outside if e.end <= cs and not _CLAUSE_END.search(plain, e.end, cs)
              # an agent is no subject: "Le gouvernement reconnu par les Nations unies a dit"
              and not _AGENT.search(text, max(s_start, e.start - 12), e.start)
              and not _after_own_acronym(text, e, outside)]
    # the cue right after a quotation or a clause (», a déclaré X", ", заявил X"): the source follows it
    closes_quote = bool(re.search(r"[,\u00bb\u201d\u201c\"\u2014\u2013]\s*$", text[max(s_start, cs - 4):cs])) and cs > s_start
    parenthetical = _as_cue(text, s_start, cs)  # "X, как утверждает министерство, ...": never X
    closes_quote = closes_quote or parenthetical
    # "X, как сообщает пресс-служба организации, провёл ...": a relay only passes X's words and acts on, so the
    # subject before the aside is the source, as "X объявил ..., сообщила пресс-служба" is X's (_relayed)
    relayed = parenthetical and kind == "verb" and bool(cues.relays) \
        and text[ce:ce + 40].lstrip().casefold().startswith(cues.relays)
    if relayed and before:
        order = [before]
    elif kind == "prep" or closes_quote or not before:
        order = [after, before] if kind != "prep" and not parenthetical else [after]
    else:
        order = [before, after]
    for group in order:
        if not group:
            continue
        if group is after:
            pick = next((e for e in group if e.label == "PERSON"), group[0])
            # (a cited name after "со ссылкой на" is no place: read among all the sentence's names)
            pick = _cited_by(text, pick, [e for e in entities if may_speak(e) and e.start < s_end])
        else:
            pick = next((e for e in reversed(group) if e.label == "PERSON"
                         and (cs - e.end <= 60 or _apposition_to_cue(text, e.end, cs))), group[-1])
        if pick.label != "PERSON":
            owned = _owned_role(text, pick, s_start, cues) if group is before else _role_after_cue(text, pick, ce, cues)
            if owned is not None:
                return owned
        return _unnamed_of(text, pick, s_start, cues) or _named(text, pick, s_start, cues, outside)
    if closes_quote and kind == "verb" and (missed := _unread_name_after(text, ce, s_end)) is not None:
        return missed
    if closes_quote and kind == "verb" and (placed := _unnamed_of_place(text, ce, s_end, entities, cues)):
        return placed
    role = _role_phrase(text, cs, ce, s_start, s_end, kind, cues)
    if role is not None and role.kind == "role" and role.start is not None and role.end is not None:
        # a title phrase that ends in a name ("le négociateur qatarien Khalid al-Mansouri"): the name is who
        # speaks, not whoever the article named last with that title
        named = next((e for e in outside if e.label == "PERSON" and role.start <= e.start and e.end <= role.end), None)
        if named is not None:
            return _named(text, named, s_start, cues, outside)
    return role or NO_SOURCE


# "со ссылкой на", "ссылаясь на", "citant": what comes after cites the source the outlet before it relays
_CITING = re.compile(r"\s*,?\s*(?:со\s+ссылкой\s+на|ссылаясь\s+на|en\s+citant|citant)\s+", re.IGNORECASE)


def _cited_by(text: str, pick: EntitySpan, names: Sequence[EntitySpan]) -> EntitySpan:
    """The name an outlet after a speech verb cites ("как сообщило агентство АПА со ссылкой на Минобороны
    Азербайджана", "a rapporté l'agence X citant le ministère Y"): that body or person speaks, not the outlet that
    relays their words (the guidelines: a news agency quoting someone is not the speaker). ``pick`` when it cites
    no name (an anonymous source stays with the outlet's reading, as before)."""
    m = _CITING.match(text, pick.end)
    if m is None:
        return pick
    cited = min((e for e in names if e.start >= m.end()), key=lambda e: (e.start, -e.end), default=None)
    if cited is None or _gap(text, m.end(), cited.start):
        return pick
    return cited


def _gap(text: str, start: int, end: int) -> bool:
    """Whether more than a determiner or a role word of one or two words stands between ``start`` and ``end``."""
    return len(text[start:end].split()) > 2 or bool(re.search(r"[,.;:]", text[start:end]))


# a name in quotation marks ("телеканал «Аль-Арабия»", "le quotidien « Le Pays »"): one to four capitalised words,
# never words someone said («Мы готовы» has a word in lower case)
_QUOTED_NAME = re.compile(r"[\u00ab\u201c\u201e\"]\s?[A-ZÀ-ÝА-ЯЁ][\w'\u2019-]*(?:\s[A-ZÀ-ÝА-ЯЁ][\w'\u2019-]*){0,3}\s?"
                          r"[\u00bb\u201d\u201c\"]")


def _quoted_names_unmarked(text: str) -> str:
    """``text`` with the quotation marks around a quoted name blanked (same length): "Представитель СБР X, которого
    цитирует телеканал «Аль-Арабия», пообещал" is X speaking, the outlet's name closes no clause."""
    return _QUOTED_NAME.sub(lambda m: " " + m.group(0)[1:-1] + " ", text)


# a passive speech verb and its agent: "L'accord a été annoncé par le ministre X", "ont été annoncées par"
_PASSIVE_BY = re.compile(r"\b(?:été|est|sont)\s+\w+\s*$")
_BY = re.compile(r"\s+par\s+")


def _passive_agent(text: str, cue, sentence: tuple[int, int], outside: Sequence[EntitySpan]) -> EntitySpan | None:
    """"L'accord a été annoncé par le médiateur tchadien, le ministre X, qui ...": the agent of a passive speech
    verb says what the sentence reports (the parse's subject is what was announced). The person the agent phrase
    names, with its titles and an apposition before it, up to the relative clause or the sentence's end."""
    cs, ce, kind = cue
    if kind != "verb" or not _PASSIVE_BY.search(text, cs, ce) or not _BY.match(text, ce, sentence[1]):
        return None
    stop = re.compile(r"\b(?:qui|que|dont)\b|[;:!?\u00ab\u00bb]|\.(?!\w)").search(text, ce, sentence[1])
    end = stop.start() if stop else sentence[1]
    agents = [e for e in outside if ce < e.start and e.end <= end and may_speak(e)]
    return next((e for e in agents if e.label == "PERSON"), agents[0] if agents else None)


_OWN_ACRONYM = re.compile(r"\s*\([^()]{1,12}\)\s*")


def _after_own_acronym(text: str, e: EntitySpan, entities: Sequence[EntitySpan]) -> bool:
    """A name right after a body's name and its bracketed acronym ("Силы быстрого реагирования (СБР) Судана
    объявили"): what the body is of (the country), or the acronym itself, never the subject beside the body."""
    if e.label not in ("GPE", "LOC", "ORG"):
        return False
    for body in entities:
        if body.label != "ORG" or body.end > e.start:
            continue
        between = text[body.end:e.start]
        if between.strip() == "(" and text[e.end:e.end + 1] == ")":
            return True  # the acronym, bracketed: the body speaks by its name
        if e.label in ("GPE", "LOC") and _OWN_ACRONYM.fullmatch(between) and between.strip():
            return True
    return False


_SHORT_QUOTED = re.compile(r"[\u00ab\u201e\u201c\"][^\u00ab\u00bb\u201e\u201c\u201d\"]{1,40}[\u00bb\u201c\u201d\"]")


def _titled_person_after(text: str, ce: int, s_end: int, outside: Sequence[EntitySpan], cues: Cues) -> list[EntitySpan]:
    """The person a long title leads to after an inverted cue ("заявил ... помощник президента X по
    внешнеполитическим вопросам Имя Фамилия", "объясняет управляющий директор «Компании» Имя Фамилия"): the
    name ending the title phrase is who speaks, not the state or the company the title names. The title runs
    with no comma, no clause end and no "that" (a short quoted company name is part of it)."""
    for e in outside:
        if e.label != "PERSON" or e.start < ce or e.start - ce > 200:
            continue
        between = _SHORT_QUOTED.sub(lambda m: "x" * len(m.group(0)), text[ce:e.start])
        if "," in between or _CLAUSE_END.search(between) or _THAT.search(between) \
                or _told(text, e.start, cues):
            return []
        return [e]
    return []


_APPOSITION_END = re.compile(r",\s*(?:[\w'\u2019-]+\s+)?$")


def _apposition_to_cue(text: str, end: int, cs: int) -> bool:
    """A person whose apposition or relative clause runs between commas up to the cue ("X, qui se présente comme
    porte-parole de Y (Z), a accepté", "X, porte-parole du mouvement Y, a déclaré"): the person is the subject
    however long the aside, not the body it names."""
    between = text[end:cs]
    return len(between) <= 200 and between.lstrip().startswith(",") and bool(_APPOSITION_END.search(between)) \
        and not _CLAUSE_END.search(between) and not re.search(r"\b(?:et|и)\s*$", between)


# "une enseignante du quartier X", "un cadre du FPL", "un autre chef de milice de l'ADF", "une source au ministère
# des Affaires étrangères": someone left unnamed, by an indefinite, and the body or place they are of (in lower
# case: "La Force des Nations unies au Korvane" is a body's name)
_UNNAMED_OF = re.compile(
    r"(?:^|(?<=[\s,(\u00ab\u2014\u2013]))(?:[Uu]ne?|[Dd]eux|[Tt]rois|[Pp]lusieurs|[Dd]es|[Cc]ertaine?s)\s+(?:autres?\s+)?"
    r"(?P<phrase>[a-zà-ÿ][a-zà-ÿ-]+(?:\s+[a-zà-ÿ][a-zà-ÿ-]+){0,2}?\s+"
    r"(?:du|des|de la|de l['\u2019]|de|d['\u2019]|au|aux|à la|à l['\u2019]|à)\s*)$")


def _unnamed_of(text: str, e: EntitySpan, s_start: int, cues: Cues) -> Source | None:
    """An unnamed person of the body or place ``e`` ("confie une enseignante du quartier Abu Shouk", "un cadre du
    FPL a confirmé"): that unnamed source with what it is of, as written, not the body (French; a person named
    is a name, not this)."""
    if cues.language != "fr" or e.label == "PERSON":
        return None
    m = _UNNAMED_OF.search(text, max(s_start, e.start - 60), e.start)
    if m is None or any(w.casefold() in _NOT_UNNAMED for w in m.group("phrase").split()[:1]):
        return None
    start = m.start("phrase")
    return Source("other", text[start:e.end], start, e.end)


def _unnamed_of_place(text: str, ce: int, s_end: int, entities: Sequence[EntitySpan], cues: Cues) -> Source | None:
    """"», confie une enseignante du quartier Abu Shouk": the unnamed person of a place named right after the
    cue that closes a quotation (a place is no speaker, so the names after the cue left it out)."""
    for e in entities:
        if e.label == "LOC" and ce <= e.start < s_end and e.start - ce <= 80 and not _CLAUSE_END.search(text, ce, e.start):
            m = _UNNAMED_OF_PLACE.search(text, max(ce, e.start - 70), e.start)
            if m is None or m.group("phrase").split()[0].casefold() in _NOT_UNNAMED:
                return None
            return Source("other", text[m.start("phrase"):e.end], m.start("phrase"), e.end)
    return None


_UNNAMED_OF_PLACE = re.compile(_UNNAMED_OF.pattern[:-1] + r"(?:(?:quartier|village|camp|localité|commune|ville|"
                               r"hameau|faubourg|cité|province|région)\s+(?:de\s+|d['\u2019]\s*)?)?$")


def _unnamed_subject(text: str, subject: tuple[int, int] | None, cs: int, s_start: int,
                     outside: Sequence[EntitySpan], quotes: Sequence[tuple[int, int]], cues: Cues) -> Source | None:
    """The parse's subject before the verb, a common noun phrase that holds no name ("Les forces de sécurité
    du gouvernement syrien affirment", "les évêques de la province ecclésiastique affirment"): that phrase,
    as a role or an unnamed source, not a name from another clause of the sentence (French)."""
    if cues.language != "fr" or subject is None or subject[1] > cs or subject[0] < s_start \
            or _CLAUSE_END.search(text, subject[1], cs) or any(qs < subject[1] and subject[0] < qe for qs, qe in quotes):
        return None  # (a subject inside a quotation, or in a clause before the cue's, is not the cue's)
    if any(e.label == "PERSON" and subject[1] <= e.start and e.end <= cs and not text[subject[1]:e.start].strip()
           for e in outside):
        return None  # "Le ministre des Affaires étrangères Jean X a déclaré": the title runs into the person's name,
        # which the parse left out of the subject; the person speaks, never the title
    inside = [e for e in outside if subject[0] <= e.start < subject[1] or e.start < subject[0] < e.end]
    phrase = text[subject[0]:subject[1]]
    words = phrase.split()
    if not words or not _definite_or_indefinite(words[0], cues) or len(words) < 2:
        return None
    of_place = False
    if inside and not _role_of_body(text, subject[0], words, inside, cues):
        if not _of_places(text, subject[0], inside):
            return None
        inside, of_place = [], True  # "les évêques de la province ecclésiastique de Bamenda": a group of a place
    head = _ELISION.sub("", phrase).split(maxsplit=1)[-1] if words[0].casefold() in cues.determiners \
        else _ELISION.sub("", phrase)
    if "," in head or re.search(r"\b(?:été|est|sont)\b", text[subject[1]:cs + 12]):
        return None  # a passive verb's subject ("un accord a été conclu") is no one speaking
    start = text.find(head, subject[0])
    if inside:  # the role as the English analyser writes it: the person the article named with that title
        role = role_word(head.split()[0], cues)
        return Source("role", f"the {head}|{role}|singular", start, start + len(head))
    role = _subject_role(text, subject[0], subject[1], cues)
    if role is not None:
        return role
    if not of_place and (words[0].casefold() in ("le", "la", "ce", "cette", "cet")
                         or words[0].casefold().startswith(("l'", "l\u2019"))):
        return None  # "Le prélat a précisé": one the article named before, said again by a word for them (not
        # "la société civile du Nord-Kivu", which the place it is of names in full)
    if role_word(head.split()[0], cues) is not None or head.split()[0].casefold() in cues.documents \
            or _BOTH_SIDES.search(head):
        return None  # "les combattants des deux camps ont accepté": both sides at once have no speaker
    return Source("other", head, start, start + len(head))


_BOTH_SIDES = re.compile(r"\b(?:deux|both)\s+(?:parties|camps|belligérants|côtés|pays|délégations|armées)\b",
                         re.IGNORECASE)


def _role_of_body(text: str, start: int, words: list[str], inside: Sequence[EntitySpan], cues: Cues) -> bool:
    """"Le secrétaire général des Nations unies a appelé": a person's role (not a spokesperson's) heading the
    subject, with only bodies or places after "de" in it: the role speaks, not what it is of."""
    role = role_word(_ELISION.sub("", words[0]), cues) if words[0].casefold() not in cues.determiners else \
        role_word(words[1], cues)
    if role not in cues.person_roles or role in _SPOKES:
        return False
    return all(e.label != "PERSON" and re.search(r"\b(?:de|du|des|d['\u2019])\s*(?:la\s+|l['\u2019]\s*)?$",
                                                 text[start:e.start]) for e in inside)


def _of_places(text: str, start: int, inside: Sequence[EntitySpan]) -> bool:
    """Every name inside the subject is a place after "de" ("les évêques de la province de Bamenda"): the subject
    is a group of people of that place, which no name of its own speaks for."""
    return all(e.label in ("GPE", "LOC") and re.search(r"\b(?:de|du|des|d['\u2019])\s*(?:la\s+|l['\u2019]\s*)?$",
                                                      text[start:e.start]) for e in inside)


def _definite_or_indefinite(word: str, cues: Cues) -> bool:
    first = word.casefold()
    return any(first == d or (d.endswith("'") and first.startswith(d)) for d in cues.determiners)


# an indefinite before these is a count or a part of the body, not someone speaking for it
_NOT_UNNAMED = frozenset({"partie", "part", "membres", "dizaine", "centaine", "millier", "milliers", "groupe",
                          "communiqué", "déclaration", "texte", "lettre", "message", "rapport", "document"})


# a capitalised name of two to four words right after a speech verb (with an honorific at most)
_NAME_AFTER_CUE = re.compile(
    r"\s+(?:(?:Mgr|Mme|M\.|Dr|Me|Pr)\s+)?((?:[A-ZÀ-Ý][\w'\u2019-]+)"
    r"(?:\s+(?:(?:de|du|des|el|al|ben|bin|abou|abu|van|von)\s+)?[A-ZÀ-Ý][\w'\u2019-]+){1,3})(?=[\s,.;]|$)")


def _unread_name_after(text: str, ce: int, s_end: int) -> Source | None:
    """"», soupire Georges Abi Nader-Khoury, qui ...": the name right after the verb that closes a quotation is
    its speaker even when the NER missed it (the resolver matches it to the person named in full)."""
    m = _NAME_AFTER_CUE.match(text, ce, s_end)
    if m is None:
        return None
    return Source("name", m.group(1), m.start(1), m.end(1))


def _where_of_subject(text: str, e: EntitySpan, start: int, cues: Cues, entities: Sequence[EntitySpan]) -> bool:
    """A place after a preposition inside a subject that a common noun heads ("Les chefs coutumiers d'Ayorou",
    "Un diplomate en poste à Bamako"): it says where the speaker is from, it is not the speaker; unless it names
    a body whose head stands before it ("Le ministère des Affaires étrangères du Niger")."""
    if e.label not in ("GPE", "LOC") or not text[start:e.start].strip():
        return False
    before = text[max(start, e.start - 14):e.start]
    words = re.findall(r"[\w'\u2019]+", before)
    if not words or words[-1].casefold().rstrip("'\u2019") not in {w.rstrip("'\u2019") for w in cues.places}:
        return False
    return _named(text, e, start, cues, entities).text == e.text


_THAT = re.compile(r"(?<!\w)(?:что|чтобы|que|qu['\u2019])(?!\w)", re.IGNORECASE)


# "le général Boubacar Hamani Souley", "Mgr Peter Tanyi", "Oleksandr Levtchouk": up to three lower-case title
# words, then two to four capitalised words (a name the NER may have missed)
_APPOSED_NAME = re.compile(
    r"(?:(?:le|la|l['\u2019])\s*)?(?:[a-zà-ÿ-]+\s+){0,3}?(?:(?:Mgr|Mme|M\.|Dr|Me|Pr)\s+)?"
    r"((?:[A-ZÀ-Ý][\w'\u2019-]+)(?:\s+(?:(?:de|du|des|el|al|ben|bin|abou|abu|van|von)\s+)?[A-ZÀ-Ý][\w'\u2019-]+){1,3})")


# the phrase a name is in apposition to opens on a determiner or a possessive ("Leur chef militaire, X, a promis")
_APPOSED_DETERMINERS = frozenset({"le", "la", "l", "les", "un", "une", "son", "sa", "ses", "leur", "leurs"})


_BEFORE_VERB = re.compile(r",\s*(?:(?:l['\u2019]|(?:le|la|les|lui|leur|y|en)\s+)\s*){0,2}$", re.IGNORECASE)


def _appositive_subject(text: str, cue, sentence, outside: Sequence[EntitySpan], cues: Cues) -> Source | None:
    """"Le ministre ukrainien des Affaires étrangères, Oleksandr Levtchouk, a précisé", "Le porte-parole de
    Tsahal, le lieutenant-colonel X, assure", "l'un des signataires, l'imam X, président du comité, a défendu":
    a noun phrase with its determiner, then a name between commas (with its title, and at most one lower-case
    apposition after it) right before the speech verb: the named person is the subject, not the body or the
    place the first phrase names (the parse often takes the first phrase alone for the subject)."""
    cs, ce, kind = cue
    s_start, _ = sentence
    # (an object pronoun may stand between the comma and the verb: "..., le général X, l'a encore répété")
    if cues.language != "fr" or kind != "verb" or not _BEFORE_VERB.search(text[s_start:cs]):
        return None
    if any(q in text[s_start:cs] for q in "\u00ab\u00bb\u201c\u201d\""):
        return None  # a quotation before the cue: the source is after it, or the quotation's
    parts, at = [], s_start
    for m in re.finditer(r",", text[s_start:cs]):
        parts.append((at, s_start + m.start()))
        at = s_start + m.end()
    for i in range(len(parts) - 1, 0, -1):
        ps, pe = parts[i]
        after = parts[i + 1:]
        # at most one apposition after the name, which starts in lower case ("président du comité ...")
        if len(after) > 1 or any(not text[a:b].strip()[:1].islower() for a, b in after):
            break
        m = _APPOSED_NAME.fullmatch(text[ps:pe].strip())
        if m is None:
            continue
        words = _apposed_head(text, parts[:i])
        if words and words[0].casefold() in ("mais", "et", "or", "puis"):
            words = words[1:]  # "..., mais le ministre délégué à la Défense, X, a ironisé"
        if not words or words[0].casefold().rstrip("'\u2019") not in _APPOSED_DETERMINERS \
                and not _ELISION.match(words[0]):
            return None  # an adverbial before the name ("À Léré, X, ..."), not the phrase the name is in apposition to
        first = text[ps:pe]
        name_start = ps + (len(first) - len(first.lstrip())) + m.start(1)
        name_end = name_start + len(m.group(1))
        entity = next((e for e in outside if e.label == "PERSON" and name_start <= e.start < name_end), None)
        if entity is not None:
            return Source("name", entity.text, entity.start, entity.end, entity.name)
        if any(name_start <= e.start < name_end for e in outside):
            return None  # the NER read the words as a body or a place: leave them to the rules below
        return Source("name", m.group(1), name_start, name_end)
    return None


def _apposed_head(text: str, parts: list[tuple[int, int]]) -> list[str]:
    """The words of the phrase a name is in apposition to, the part before it; past titles in apposition to that
    phrase, which open in lower case with no determiner ("Le ministre d'État, ministre de l'Intérieur, le général
    X, a répété": the name is in apposition to "Le ministre d'État", through its second title)."""
    words: list[str] = []
    for ps, pe in reversed(parts):
        words = text[ps:pe].split()
        if not words or not words[0][:1].islower() or words[0].casefold().rstrip("'\u2019") in _APPOSED_DETERMINERS \
                or _ELISION.match(words[0]) or words[0].casefold() in ("mais", "et", "or", "puis"):
            return words
    return words


_INVERTED_DETERMINERS = frozenset({"le", "la", "les", "leur", "leurs", "son", "sa", "ses", "ce", "cette", "cet",
                                   "un", "une", "notre", "nos"})


def _inverted_role(text: str, cue, sentence, outside: Sequence[EntitySpan], cues: Cues) -> Source | None:
    """An inverted subject that is no name: ", a annoncé la médiation angolaise", "», précise le communiqué",
    "», заявил представитель штаба". The role after the cue speaks, not a place the clause before it names (the
    parse often takes that place for the subject). A name right after the cue is left to the rules below."""
    cs, ce, kind = cue
    s_start, s_end = sentence
    if kind != "verb" or cs <= s_start or _as_cue(text, s_start, cs):
        return None
    if not re.search(r"[,\u00bb\u201d\"\u2014\u2013]\s*$", text[max(s_start, cs - 4):cs]):
        return None
    clause_end = _CLAUSE_END.search(text, ce, s_end)
    clause_end = clause_end.start() if clause_end else s_end
    # a name after the cue ("a déclaré le ministre Paul Kanza"); "publié à Addis-Abeba" is where, and so is a name
    # past a preposition of place ("сказал глава государства на совещании с членами Совета безопасности")
    if any(ce <= e.start < clause_end and not _after_word(text, e.start, cues.places)
           and (e.label == "PERSON" or not cues.places.intersection(w.casefold() for w in text[ce:e.start].split()[1:]))
           for e in outside):
        return None
    if _pronoun_near(text, cs, ce, cues) is not None:
        return None
    words = text[ce:clause_end].split()
    # the subject starts right after the cue: "a annoncé la médiation", "lâche l'officier", not "a affirmé que
    # son mouvement ..." (the subject came before: "Un responsable, X, a affirmé")
    if not words or not (role_word(words[0], cues) or len(words) > 1 and role_word(words[1], cues)
                         and words[0].casefold() in _INVERTED_DETERMINERS):
        return None
    return _role_phrase(text, cs, ce, s_start, s_end, "prep", cues)  # "prep": the phrase after the cue


_SPOKES = frozenset({"представитель", "представительница", "официальный", "porte-parole", "représentant",
                     "représentante"})
_ADJ_END = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее)$")


def _owned_role(text: str, e: EntitySpan, s_start: int, cues: Cues) -> Source | None:
    """"Генеральный секретарь ООН призвал": a person's role with the body or state it is of after it is the
    speaker, not the body: the role phrase, which the resolver gives the person the article named with that
    title, else keeps as written. Not a spokesperson ("представитель МИД сообщил"), who speaks for the body."""
    if cues.language != "ru":
        return None
    words = list(re.finditer(r"[\w-]+", text[s_start:e.start]))
    if not words or len(words) > 4:
        return None
    role_at = next((i for i, w in enumerate(words) if role_word(w.group(0), cues) in cues.person_roles), None)
    if role_at is None or role_word(words[role_at].group(0), cues) in _SPOKES:
        return None
    if any(not w.group(0)[:1].islower() and i > role_at for i, w in enumerate(words)):
        return None  # another name between the role and the body
    first = role_at
    while first > 0 and _ADJ_END.search(words[first - 1].group(0).casefold()):
        first -= 1
    if first > 0:
        return None  # the role is not where the sentence starts ("Вчера глава ООН"): leave it to the NER's name
    start = s_start + words[first].start()
    phrase = text[start:e.end]
    head = role_word(words[role_at].group(0), cues)
    return Source("role", f"the {phrase}|{head}|singular", start, e.end)


def _role_after_cue(text: str, e: EntitySpan, ce: int, cues: Cues) -> Source | None:
    """"«...», — добавил глава МИД": the role right after the cue with the body it is of is the speaker (the
    person the article named with that title), not the body; a spokesperson speaks for the body."""
    if cues.language != "ru":
        return None
    words = list(re.finditer(r"[\w-]+", text[ce:e.start]))
    if not words or len(words) > 3 or any(not w.group(0)[:1].islower() for w in words):
        return None
    role_at = next((i for i, w in enumerate(words) if role_word(w.group(0), cues) in cues.person_roles), None)
    if role_at is None or role_word(words[role_at].group(0), cues) in _SPOKES:
        return None
    if any(not _ADJ_END.search(w.group(0).casefold()) for w in words[:role_at]):
        return None  # "сказал журналистам глава ...": a word before the role that is not its adjective
    start = ce + words[0].start()
    phrase = text[start:e.end]
    return Source("role", f"the {phrase}|{role_word(words[role_at].group(0), cues)}|singular", start, e.end)


def _impersonal_source(text: str, cue, s_start: int, entities: Sequence[EntitySpan], cues: Cues) -> EntitySpan | None:
    """"В Генштабе ВСУ заявили, что ...", "В Кремле назвали ...": a body or a capital right after the sentence's
    opening preposition, with a subjectless plural speech verb, is who speaks (the metonym is kept as the actor)."""
    if cues.impersonal is None or cue[2] != "verb":
        return None
    opening = [e for e in entities if e.end <= cue[0] and e.label in ("ORG", "GPE")]
    if not opening:
        return None
    first = opening[0]
    # the body's acronym in brackets and an aside between commas are no subject: "В Генштабе ВСУ (ВСУ), однако,
    # эти обвинения назвали ..." is the body speaking as much as "В Генштабе ВСУ заявили"
    between = _ASIDE.sub(" ", _BRACKETED.sub("", text[first.end:cue[0]], count=1)).strip()
    lead = _TIMESTAMP.sub("", text[s_start:first.start].strip())  # a live blog's "10:40 В Минобороны заявили"
    # a briefing's question that opens on what a side said ("Вопрос: В Дамаске заявили о ...") reports that side:
    # the asker's label is no word of the sentence (the asker's own words are the question after it)
    lead = _ASKER_LABEL.sub("", lead, count=1).strip()
    if cues.impersonal.fullmatch(f"{lead}|{text[cue[0]:cue[1]]}") and (len(between.split()) <= 2
                                                                       or _fronted_object(between)):
        return first
    return None


# the words that may be a plural verb's own subject though their ending does not show it
_PLURAL_SUBJECTS = frozenset({"они", "все", "многие", "мы", "вы", "те", "эти", "люди", "некоторые", "другие"})
_RU_PREPOSITIONS = frozenset({"за", "о", "об", "на", "в", "во", "с", "со", "к", "по", "от", "до", "для", "из",
                              "при", "про", "у", "над", "под", "перед"})


def _fronted_object(between: str) -> bool:
    """"В Москве ответственность за срыв договорённостей возлагают на Киев": the lower-case words between the
    opening place and a subjectless plural verb are its object put first, when none of them can be that verb's
    subject: a plural nominative ends in -ы/-и/-а/-я (a word governed by a preposition is no subject), or is a
    pronoun or a word for people. Conservative: a singular noun with those endings also blocks the reading."""
    words = between.split()
    if not words or len(words) > 5 or any(not re.fullmatch(r"[а-яё-]+", w) for w in words):
        return False
    governed = False
    for w in words:
        if w in _RU_PREPOSITIONS:
            governed = True
            continue
        if w in _PLURAL_SUBJECTS or (not governed and w[-1] in "ыияа"):
            return False
    return True


_TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}\s+")
_BRACKETED = re.compile(r"^\s*\([^()]{1,20}\)")
_ASIDE = re.compile(r"^\s*,\s*[\w-]+(?:\s+[\w-]+){0,2}\s*,")  # ", однако,", ", в свою очередь,"
_THERE = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}\s+)?(?:Там|Здесь)\s*", re.IGNORECASE)


def _there_source(text: str, cue, s_start: int, entities: Sequence[EntitySpan], cues: Cues) -> EntitySpan | None:
    """"В Министерстве обороны X обвинения отвергли. Там утверждают, что ...": "there" with a subjectless plural
    speech verb is the body the sentence before opened on ("В Министерстве ..."), speaking again."""
    if cues.impersonal is None or cue[2] != "verb" or not re.search(r"(?:ют|ят|ут|ли)$", text[cue[0]:cue[1]]):
        return None
    if not _THERE.fullmatch(text[s_start:cue[0]]):
        return None
    ends = [m.end() for m in re.finditer(r"[.!?\u00bb]\s+", text[:max(0, s_start - 1)])]
    p_start = ends[-1] if ends else 0
    previous = [e for e in entities if p_start <= e.start < s_start and e.label in ("ORG", "GPE")]
    if not previous:
        return None
    first = previous[0]
    lead = _TIMESTAMP.sub("", text[p_start:first.start].strip())
    return first if re.fullmatch(r"(?:в|во)", lead, re.IGNORECASE) else None


def _impersonal_after(text: str, cue, entities: Sequence[EntitySpan], cues: Cues) -> EntitySpan | None:
    """"Как отметили в ХАМАС, ...", "Об этом сообщили в Минобороны России": a subjectless plural speech verb
    followed by the opening preposition and a body or a capital is that body speaking, as when they open the
    sentence ("В Кремле заявили")."""
    if cues.impersonal is None or not re.search(r"ли$", text[cue[0]:cue[1]]):
        return None
    for e in entities:
        if e.start >= cue[1] and e.label in ("ORG", "GPE"):
            between = text[cue[1]:e.start]
            verb = text[cue[0]:cue[1]].split()[-1]
            if re.fullmatch(r"\s+(\w+)\s+", between) and cues.impersonal.fullmatch(f"{between.strip()}|{verb}"):
                return e
            return None
    return None


def _document_source(text: str, cue, sentence: tuple[int, int], cues: Cues) -> Source | None:
    """"В заявлении подчёркивается, что ...", "..., говорится в сообщении ведомства": a passive speech verb with
    the document it is in, right before it at the sentence's start or right after it, is the document speaking,
    written as the English analyser writes "the statement" (the resolver gives it the organisation that issued it,
    the one the article named last)."""
    cs, ce, kind = cue
    s_start, s_end = sentence
    if not cues.documents or kind != "verb" or not re.match(r"\w*ся\b", text[cs:s_end]) \
            and not re.match(r"\w*ся\b", text[ce - 2:s_end]):
        return None
    verb_end = ce + len(re.match(r"\w*", text[ce:s_end]).group(0))
    # (an adverb may stand between the document and its verb: "В заявлении также подчёркивается")
    before = re.fullmatch(r"\s*(?:\d{1,2}[:.]\d{2}\.?\s+)?(?:в|во)\s+([\w-]+)(?:\s+(?:также|тоже|же|ещё|еще|вновь|"
                          r"особо|отдельно|прямо))?\s*", text[s_start:cs], re.IGNORECASE)
    # (not "в заявлении Министерства обороны X": the body it names is the source, by the rules below)
    after = re.match(r"\s+[вВ]о?\s+([\w-]+)\b(?!\s+(?:[A-ZА-ЯЁ]|\w+\s+[A-ZА-ЯЁ]))", text[verb_end:s_end])
    for m, at in ((before, s_start), (after, verb_end)):
        if m is not None and stem(m.group(1).casefold(), "ru") in {stem(d, "ru") for d in cues.documents}:
            return Source("role", "the statement|statement|singular", at + m.start(1), at + m.end(1))
    return None


def _as_cue(text: str, s_start: int, cs: int) -> bool:
    """A parenthetical "как утверждает министерство", "comme l'a dit X": the source follows the cue."""
    return cs > s_start and bool(re.search(r"(?:^|[\s,(])(?:как|comme)\s+(?:l['\u2019]\s*)?$", text[max(s_start, cs - 10):cs],
                                           re.IGNORECASE))


def _impersonal_body(text: str, cue, s_start: int, cues: Cues) -> Source | None:
    """"В ведомстве добавили, что ...": a body word after the opening preposition of a subjectless plural speech
    verb is the body the article named."""
    if cues.impersonal is None or cue[2] != "verb":
        return None
    m = re.fullmatch(r"\s*(\w+)\s+([\w-]+)\s*", text[s_start:cue[0]])
    if m is None or role_word(m.group(2), cues) not in cues.bodies:
        return None
    if not cues.impersonal.fullmatch(f"{m.group(1)}|{text[cue[0]:cue[1]]}"):
        return None
    return _body_source(m.group(2), s_start + m.start(2), cues)


# a French article between a dative and the name it governs ("à l'AFP", "auprès de la BBC")
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:la|le|les|de)\s+|\bl['\u2019]\s*|\bd['\u2019]\s*)+$", re.IGNORECASE)


# a name that was told after a dative, with its article ("à l'AFP ", "à Meridian Wire ", "auprès de la BBC ")
_TOLD_NAME = r"\s*(?:{datives})\s+(?:(?:de|la|le|les)\s+|[ld]['\u2019]\s*)*(?:[A-Z][\w'\u2019.&-]*\s+)+(?=[^\W\d_A-Z])"


def _told_name(segment: str, cues: Cues) -> int:
    """The length of a dative and the name it governs opening ``segment`` (the words after a speech verb): who was
    told, not who speaks. 0 when there is none."""
    if not cues.audience:
        return 0
    datives = "|".join(re.escape(w) for w in sorted(cues.audience, key=len, reverse=True))
    m = re.match(_TOLD_NAME.format(datives=datives), segment)
    return m.end() if m is not None else 0


def _told(text: str, at: int, cues: Cues) -> bool:
    """Whether the name at ``at`` is who was told ("a déclaré à Meridian Wire", "a déclaré à l'AFP", "заявил
    агентству ТАСС"): after a dative word, with the article the name may take between them."""
    if _after_word(text, at, cues.plural_audience):
        return False  # "рассказала журналистам Анна Ковальчук": the name is the subject after its verb
    if _after_word(text, at, cues.audience):
        return True
    m = _ARTICLE_BEFORE.search(text, max(0, at - 14), at)
    return m is not None and m.start() > 0 and _after_word(text, m.start(), cues.audience)


def _after_word(text: str, at: int, words: frozenset[str]) -> bool:
    """Whether the word before ``at`` is one of ``words``: a name after a dative ("a déclaré à Meridian Wire",
    "заявил агентству ТАСС") is who was told; after a preposition of place ("в Хартуме"), where."""
    before = text[max(0, at - 14):at].split()
    return bool(before) and before[-1].casefold().rstrip("'\u2019") in words


def _pronoun_near(text: str, cs: int, ce: int, cues: Cues, prep: bool = False) -> Source | None:
    """The pronoun that is the cue's source. An oblique form ("его", "lui") is one only for a preposition's cue
    ("по его словам", "selon lui"): by a verb it is the object ("назвал его уловкой"), so the subject named
    before the verb speaks."""
    # ("celui-ci", "celle-ci": the demonstrative that takes up the person just named, one word)
    window = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\w+-ci\b|\w+", text[max(0, cs - 12):ce + 12])]
    offset = max(0, cs - 12)
    for ws, we, word in window:
        english = cues.pronouns.get(word.casefold())
        if english is None or not prep and word.casefold() in cues.oblique_pronouns:
            continue
        start, end = ws + offset, we + offset
        # right before the cue ("il a déclaré", "он заявил"), inside it ("a-t-il"), or right after ("сказал он")
        # (or joined to it by a hyphen: "prévient-il", "résume-t-elle", when the cue stops before the pronoun)
        if end <= cs and not text[end:cs].strip(" ,") or cs <= start < ce \
                or (start >= ce and text[ce:start].strip(" ,") in ("", "-", "-t-")):
            return Source("pronoun", english, start, end)
        # a sentence's subject pronoun with an adverb before the cue ("Он также пообещал", "Il a aussi ajouté")
        opens = not text[:start].strip() or text[:start].rstrip()[-1] in ".!?\u00bb\u201d\"\u2014"
        if end <= cs and opens and len(text[end:cs].split()) == 1 and text[end:cs].strip().isalpha():
            return Source("pronoun", english, start, end)
    # or with a parenthetical adverb between commas ("Он, впрочем, добавил", "Il a, par ailleurs, ajouté"),
    # the pronoun opening the sentence
    m = re.search(r"(?:^|[.!?\u00bb\u201d\"\u2014]\s*)(\w+)(?:\s+a)?\s*,\s*\w+(?:\s+\w+)?\s*,\s*$", text[max(0, cs - 40):cs])
    if m is not None and (english := cues.pronouns.get(m.group(1).casefold())) is not None \
            and (prep or m.group(1).casefold() not in cues.oblique_pronouns):
        start = max(0, cs - 40) + m.start(1)
        if m.group(0)[:1].isalpha() and text[:start].strip():
            return None  # the window began mid-sentence: the word is not the sentence's first
        return Source("pronoun", english, start, start + len(m.group(1)))
    return None


def _role_phrase(text, cs, ce, s_start, s_end, kind, cues: Cues) -> Source | None:
    """An unnamed source next to the cue: "un responsable égyptien, ..., a estimé", "заявил представитель штаба"."""
    # the cue right after a quotation, a comma or a dash ("», a déclaré le ministre", "» — написал губернатор"):
    # the source follows it
    if kind == "prep" or re.fullmatch(r"[\s,\u00bb\u201d\u201c\"\u2014\u2013-]*", text[max(s_start, cs - 4):cs]) \
            or _as_cue(text, s_start, cs):
        segment_end_at_cue = False
        segment_start, segment_end = ce, min(s_end, ce + 80)
        segment = re.split(r"[,.;:\u00ab\u201c\"]", text[segment_start:segment_end], maxsplit=1)[0]
        at = segment_start
        if kind != "prep" and (told := _told_name(segment, cues)):
            # "a déclaré à l'AFP le négociateur qatarien": the outlet or person told comes between the verb and
            # its subject; the source is the phrase after it
            segment, at = segment[told:], at + told
        if kind != "prep" and (document := _incise_document(text, cs, segment, at, cues)) is not None:
            return document
        member = _member_of_owner(text, segment, at, cues)
    else:
        clause = re.split(r"[.;:\u00bb\u201d\"]", text[s_start:cs])[-1]
        # a live blog's time stamp opening the entry ("18:45 Глава ведомства приказал"): its colon is no clause
        # break, and the minutes left of it are no word of the source's phrase
        stamp = re.match(r"\d{2}\s+", clause)
        if stamp and re.search(r"(?<![\d:])\d{1,2}:$", text[s_start:cs - len(clause)]):
            clause = clause[stamp.end():]
        segment_end_at_cue = "," not in clause  # the segment runs up to the verb: its last words may be objects
        segment = clause.split(",")[0] if "," in clause else clause
        at = cs - len(clause)
        # the verb's own subject, after an opening adverbial ("Sur les réseaux sociaux, plusieurs de ses ...")
        last = clause.split(",")[-1]
        member = _member_of_owner(text, last, cs - len(last), cues)
    if member is not None:
        return member
    words = segment.split()
    found = [role_word(w, cues) for w in words[:4]]
    if not any(found):
        return None
    definite = _definite(words[0], cues)
    if cues.language == "ru":
        role_at = next(i for i, r in enumerate(found) if r)
        # the phrase ends at a place or a medium after the role, unless a body follows ("источник в министерстве")
        end = next((i for i in range(role_at + 1, min(len(words), 6)) if words[i].casefold() in _PHRASE_END
                    and not (i + 1 < len(words) and role_word(words[i + 1], cues) in cues.bodies)), 6)
        if end < len(words) and _unnamed_group(words[role_at], found[role_at]) \
                and words[end].casefold() in _GROUP_PLACE and end + 1 < len(words) and words[end + 1][:1].isupper():
            # an unnamed group said with where it is or comes from ("источники в Каире", "посредники из Саудовской
            # Аравии"): the place is part of how the conventions name it; the capitalised run is the place
            end += 1 + next((k for k, w in enumerate(words[end + 1:end + 4]) if not w[:1].isupper()),
                            len(words[end + 1:end + 4]))
        words = words[:end]
    elif cues.language == "fr":
        # the phrase ends before a relative clause or an agent ("Le gouvernement yéménite reconnu par la
        # communauté internationale" is "gouvernement yéménite"): the participle before "par" goes with it
        cut = next((i for i, w in enumerate(words) if i and w.casefold() in _FR_PHRASE_END), None)
        if cut is not None:
            words = words[:cut - 1 if words[cut].casefold() == "par" and cut >= 3 else cut]
        # nor how the source asked to stay unnamed ("un officier de l'armée sous couvert d'anonymat", "un
        # diplomate s'exprimant sous le couvert de l'anonymat"): as a relative clause, no part of its name
        hidden = next((i for i, w in enumerate(words) if i and _FR_KEPT_ANONYMOUS.match(" ".join(words[i:]))), None)
        if hidden is not None:
            words = words[:hidden]
        if segment_end_at_cue:
            while len(words) > 1 and words[-1].casefold().replace("\u2019", "'") in _FR_OBJECTS:
                words.pop()  # "Le ministre la juge inacceptable": the object pronoun before the verb
    phrase = _ELISION.sub("", " ".join(words[:6]).strip(" ,"))
    for det in cues.determiners:
        if phrase.casefold().startswith(det + ("" if det.endswith("'") else " ")):
            phrase = phrase[len(det):].lstrip()
            break
    start = text.find(phrase, at)
    if cues.language == "ru" and start >= 0 and _KEPT_ANONYMOUS.match(text, start + len(phrase)) \
            and not _anonymous(phrase, cues) and _body_source(phrase, start, cues) is None:
        # "Катарский посредник, попросивший не называть его имени, рассказал": a source the article hides is
        # no person it named before; it stays the noun phrase as written (house convention on unnamed sources)
        return Source("other", phrase, start, start + len(phrase))
    return _role_source(phrase, definite, start, cues)


# (Russian) the participle by which a source asks to stay unnamed
_KEPT_ANONYMOUS = re.compile(r",\s*(?:попросивш|пожелавш)\w*\s+(?:не\s+называть|остаться\s+(?:неизвестн|анонимн|неназванн)"
                             r"|сохранить\s+анонимность)", re.IGNORECASE)


def _incise_document(text: str, cs: int, segment: str, at: int, cues: Cues) -> Source | None:
    """"« ... », indique le texte": a word for a text ([speakers] incise_documents) that is the whole subject of a
    verb set off right after a quotation is the document just quoted, which speaks for its issuer, as "précise le
    communiqué" does (the English analyser's "the statement", which the resolver gives the issuer). Only there:
    "Le texte prévoit ...", "selon le texte" are as often an agreement's text, the narrative's (every French set's
    gold), and "qualifie le texte de" after a name is that text as an object."""
    if not cues.incise_documents or not re.search(r"[\u00bb\u201d\"]\s*,?\s*[\u2014\u2013-]?\s*$", text[:cs]):
        return None
    words = segment.split()
    if len(words) != 2 or not _definite(words[0], cues) or words[1].casefold() not in cues.incise_documents:
        return None
    start = text.find(segment.strip(), at)
    return Source("continuation", None, start, start + len(segment.strip()))


_DEFINITE = ("le", "la", "l'", "l\u2019", "ce", "cette", "cet")
# "un de ses commandants", "plusieurs de leurs responsables", "ses dirigeants": members of the owner "ses" stands for
_MEMBER_OF_OWNER = re.compile(r"^\s*(?:(?:un|une|l['\u2019]\s*une?|plusieurs|certains|certaines|deux|trois|des)\s+"
                              r"(?:de|d['\u2019])\s*)?(?:ses|leurs)\s+(?P<role>[\w-]+)", re.IGNORECASE)


def _member_of_owner(text: str, segment: str, at: int, cues: Cues) -> Source | None:
    """"Selon un de ses commandants, ...", "plusieurs de ses commandants ont qualifié ...": an unnamed member of
    the organisation "ses" stands for speaks for it, written as the English analyser writes "its leaders" (the
    resolver gives it the organisation named last). French; only a role word ("commandant", "responsable")."""
    if cues.language != "fr":
        return None
    m = _MEMBER_OF_OWNER.match(segment)
    if m is None:
        return None
    word = m.group("role").casefold()
    head = role_word(word, cues) or (role_word(word[:-1], cues) if word.endswith(("s", "x")) else None)
    if head is None or head not in cues.person_roles:
        return None
    phrase = segment[m.start():m.end()].strip()
    start = text.find(phrase, at)
    return Source("role", f"its {phrase}|{head}|singular", start if start >= 0 else None,
                  start + len(phrase) if start >= 0 else None)


def _definite(first: str, cues: Cues) -> bool:
    """Whether a role phrase names someone the article introduced ("le ministre", "the minister"): a definite
    determiner in French; in Russian, which has none, any role phrase but an unnamed source ("источник")."""
    first = first.casefold()
    if not cues.determiners:
        return first not in ("источник", "источники", "один", "одна", "некий", "некая")
    return first in _DEFINITE or first.startswith(("l'", "l\u2019"))


def role_word(word: str, cues: Cues) -> str | None:
    """The role or body ``word`` is, as the lexicon writes it: "министерства", "министерстве" -> "министерство",
    "главы" -> "глава" (Russian roles are matched on stems); None for any other word."""
    word = _ELISION.sub("", word).casefold().strip(",«»\"")
    if word in cues.roles or word in cues.bodies:
        return word
    if cues.language != "ru":
        return None
    return _role_stems(cues).get(stem(word, "ru"))


def _role_stems(cues: Cues) -> dict[str, str]:
    stems = _ROLE_STEMS.get(id(cues))
    if stems is None:
        stems = _ROLE_STEMS[id(cues)] = {stem(w, "ru"): w for w in sorted(cues.roles | cues.bodies)}
    return stems


_ROLE_STEMS: dict[int, dict[str, str]] = {}
_AGENT = re.compile(r"\bpar\s+(?:les?\s+|la\s+|l['\u2019]\s*|des\s+)?$")
# ... and before where the source is posted or stationed ("un diplomate européen en poste au Caire")
_FR_KEPT_ANONYMOUS = re.compile(r"(?:s['\u2019]exprimant\s+|ayant\s+requis\s+|requérant\s+)?(?:sous\s+(?:le\s+)?couvert\s+d"
                                r"|sous\s+condition\s+d['\u2019]anonymat|s['\u2019]exprimant\b|ayant\s+requis\s+l['\u2019]anonymat"
                                r"|requérant\s+l['\u2019]anonymat)", re.IGNORECASE)
_FR_PHRASE_END = frozenset({"par", "qui", "que", "qu'", "qu\u2019", "dont", "lequel", "laquelle", "lesquels", "en"})
# a role phrase ends where a place or a medium begins: "глава региона в своём телеграм-канале" is "глава региона"
_PHRASE_END = frozenset({"в", "во", "на", "из", "у", "dans", "à", "sur", "lors"})


def _body_source(phrase: str, start: int, cues: Cues) -> Source | None:
    """A source that is a body word, or an unnamed source inside one ("источник в министерстве"): written as the
    English analyser writes "the statement", which the resolver gives the organisation the article named last
    (the issuer), or the last speaker when every organisation since was only spoken about."""
    words = phrase.split()
    roles = [role_word(w, cues) for w in words[:4]]
    first = next((r for r in roles if r is not None), None)
    if first is None or (first not in cues.bodies and not (
            first in ("источник", "источники") and any(r in cues.bodies for r in roles[1:]))):
        return None
    span = (start if start >= 0 else None, start + len(phrase) if start >= 0 else None)
    return Source("continuation", None, *span)


def _role_source(phrase: str, definite: bool, start: int, cues: Cues) -> Source:
    """A role phrase as a source. A person's role said definitely ("Le ministre a accusé", "написал губернатор")
    is written as the English analyser writes a role ("the phrase|head|singular"): the resolver gives it the
    person the article introduced with that title. Anything else stays an unnamed source as written."""
    body = _body_source(phrase, start, cues)
    if body is not None:
        return body
    if _anonymous(phrase, cues):
        return NO_SOURCE
    span = (start if start >= 0 else None, start + len(phrase) if start >= 0 else None)
    group = _group_word(phrase, cues) if definite else None
    if group is not None:  # "Le groupe a démenti", "le mouvement rebelle exige": the organisation named last
        return Source("role", f"the {group}|{group}|singular", *span)
    head = next((r for r in (role_word(x, cues) for x in phrase.split()) if r is not None), None)
    # a periphrasis for a title ("le chef de l'État", "глава региона"): the title the article named the person with
    lowered = phrase.casefold().replace("\u2019", "'")
    if cues.language == "ru":
        # the periphrasis with the country's adjective inside ("глава российской дипломатии", "главы украинского
        # МИД") is the same title
        lowered = _TITLE_ADJECTIVE.sub(r"\1 ", lowered, count=1)
    head = next((title for words, title in cues.titles.items() if lowered.startswith(words)), head)
    if definite and head in cues.person_roles:
        if not _heads_phrase(phrase, cues):
            return Source("role", f"the {phrase}|{head}|singular", *span)
        # "|person": the resolver may give a title said again by another word ("Глава МИД X заявил ... — сказал
        # министр", "a ajouté le ministre" after "le ministre d'État, ministre de la Défense, X") the person
        # named last before it, which the English analyser's roles do not ask for
        return Source("role", f"the {phrase}|{head}|singular|person", *span)
    return Source("other", phrase, *span)


# (Russian) an adjective in the genitive right after a title's first word: "глава азербайджанской дипломатии"
_TITLE_ADJECTIVE = re.compile(r"^(глав[аы])\s+[а-яё-]+(?:ой|ей|ого|его)\s+")
# (Russian) the unnamed source the reporter keeps anonymous: no body after it ("источник в министерстве" speaks for
# the ministry, read by _body_source first)
_ANONYMOUS = frozenset({"источник", "источники"})
# (Russian) the prepositions of where an unnamed group is or comes from ("источники в Каире", "посредники из ...")
_GROUP_PLACE = frozenset({"в", "во", "из"})


def _unnamed_group(word: str, head: str | None) -> bool:
    """(Russian) Whether a role word is an unnamed source the conventions name with its place: the anonymous
    source, or a masculine role in the nominative plural (a group, never one person the article titled)."""
    return head is not None and (head in _ANONYMOUS or _surely_plural(word, head))


def _anonymous(phrase: str, cues: Cues) -> bool:
    """"..., сообщили источники в Каире", "рассказал источник": a source the article does not name is no one the
    guidelines can name; the sentence has no speaker, as Russian gold has it throughout (the English analyser keeps
    "a diplomatic source" as written, as its sets do)."""
    if cues.language != "ru":
        return False
    heads = [role_word(w, cues) for w in phrase.split()]
    return any(h in _ANONYMOUS for h in heads) and not any(h in cues.person_roles - _ANONYMOUS for h in heads if h)


def _group_word(phrase: str, cues: Cues) -> str | None:
    """The English word for a generic name of an armed group the phrase is, with at most two adjectives
    ("groupe armé", "mouvement rebelle", "радикальная группировка"), which the resolver fills with the
    organisation the article named last; None for a group named by what it is of ("le groupe de contact")."""
    words = [w.casefold() for w in phrase.split()]
    if not words or len(words) > 3:
        return None
    if cues.language == "ru":
        head, rest = words[-1], words[:-1]
        if not all(_ADJ_END.search(w) for w in rest):
            return None
    else:
        head, rest = words[0], words[1:]
        if any(w in _FR_OF or not w.isalpha() for w in rest):
            return None
    return cues.groups.get(head)


def _heads_phrase(phrase: str, cues: Cues) -> bool:
    """Whether the phrase's person role is its head: first in French ("le ministre", not "le bureau du Premier
    ministre"), after adjectives only in Russian ("сказал министр", "заявил российский дипломат")."""
    words = phrase.split()
    at = next((i for i, w in enumerate(words) if role_word(w, cues) in cues.person_roles), None)
    if at is None:
        return False
    if cues.language == "ru":
        return all(_ADJ_END.search(w.casefold()) for w in words[:at])
    return at == 0


def dash_quotes(text: str) -> list[tuple[int, int]]:
    """Russian dialogue: "— Мы готовы, — сказал он. — ..." : the words between the dashes are a quotation."""
    spans = []
    for m in re.finditer(r"(?:^|(?<=[.!?]\s))[\u2014\u2013]\s*(.+?)(?=,?\s[\u2014\u2013]\s|$)", text):
        spans.append((m.start(), min(len(text), m.end(1) + 1)))  # like a quotation's span: one mark each side
    return spans


def _sentence_quote(sentence: tuple[int, int], quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    s, e = sentence
    best = max(quotes, key=lambda q: min(e, q[1]) - max(s, q[0]), default=None)
    if best is None or min(e, best[1]) - max(s, best[0]) < 0.5 * (e - s):
        return None
    return best


def attributions(text: str, sentences: Sequence[tuple[int, int]], entities: Sequence[EntitySpan],
                 quotes: Sequence[tuple[int, int]], cues: Cues,
                 subject_of: Callable[[int], tuple[int, int] | None] | None = None,
                 oblique: frozenset[int] = frozenset(),
                 joint_subject: Callable[[int], bool] | None = None) -> list[AttributionSpan]:
    """Quotations with their cue and source, and reported speech ("X a déclaré que ..."), per paragraph. A
    verb whose subject is two actors at once ("X et Y ont accepté ...") attributes nothing: the statement's
    own reading gives the sentence no speaker, and an attribution would hand it to one of the two."""
    out: list[AttributionSpan] = []
    taken: set[tuple[int, int]] = set()
    for q_start, q_end in quotes:
        inner_start, inner_end = q_start + 1, max(q_start + 1, q_end - 1)
        while inner_start < inner_end and text[inner_start].isspace():  # French puts a space inside « »
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        if q_end - q_start < 12:
            continue  # a quoted word or name ("« sécurité »"), not someone's words
        holder = [s for s in sentences if s[0] < q_end and q_start < s[1]]
        lo, hi = (min(s[0] for s in holder), max(s[1] for s in holder)) if holder else (q_start, q_end)
        cue = _nearest_cue(text, find_cues(text, lo, hi, cues, quotes), q_start, q_end)
        incise = _incise(text, inner_start, inner_end, cues) if cue is None else None
        if cue is not None:
            sentence = next((s for s in holder if s[0] <= cue[0] < s[1]), (lo, hi))
            source = source_of(text, cue, sentence, entities, quotes, cues,
                               subject_of(cue[0]) if subject_of else None, oblique)
            rule = "fr_ru:quote_cue"
        elif incise is not None and (source := _pronoun_near(text, incise[0], incise[1], cues)
                                     or _incise_name(text, incise, inner_end, entities, cues)) is not None:
            cue, rule = incise, "fr_ru:incise"
        elif (colon := _colon_source(text, q_start, holder, entities, cues)) is not None:
            # the colon is the cue: the sentence that announces the quotation holds it, and so belongs to it
            colon_at = text.rfind(":", 0, q_start)
            source, rule, cue = colon, "fr_ru:colon", (colon_at, colon_at + 1, "colon")
        elif q_start == 0 or not text[:q_start].strip() or out \
                or _reported_before(text, q_start, sentences, entities, quotes, cues):
            source, rule = Source("continuation", None, None, None), "fr_ru:continuation"
        elif (person := _person_before(text, q_start, sentences, entities, quotes, cues)) is not None:
            source, rule = _named(text, person, person.start, cues, entities), "fr_ru:person_before"
        else:
            continue
        source = _plural_role(source, cues)
        out.append(_span(text, inner_start, inner_end, True, source, cue, rule,
                         opens=q_end >= len(text) and text[-1:] not in "\u00bb\u201d\u201c\"",
                         continues=cue is None and q_start == 0))
        taken.add((q_start, q_end))
    used = {a.cue_start for a in out}
    for s, e in sentences:  # reported speech: "X a déclaré que ...", "по словам X, ..."
        if _sentence_quote((s, e), quotes) is not None:
            continue
        every = find_cues(text, s, e, cues, quotes)
        found = [c for c in every if c[0] not in used]
        if len(every) > 1:  # "X n'a pas répondu, mais Y a ironisé « ... »": a speech verb denied reports no words
            found = [c for c in found if not _NEGATED_CUE.search(text, max(s, c[0] - 4), c[0])]
        if not found:
            continue
        cue = _reporting_cue(text, s, found, cues.relays)
        source = source_of(text, cue, (s, e), entities, quotes, cues, subject_of(cue[0]) if subject_of else None,
                           oblique)
        if source.kind == "none" or _joint_act(cue, source, joint_subject):
            continue
        # "Le Kremlin a confirmé l'accord. Il affirme que ...": the body that spoke in the sentence before, as the
        # statement's own reading has it (the resolver takes a sentence's speaker from its attribution first)
        before = sorted((a for a in out if a.end <= s), key=lambda a: a.end)
        source = _pronoun_for_body(text, (s, e), source, before, entities)
        source = _plural_role(source, cues)
        source = _pronoun_of_the_sentence_source(s, e, source, out)
        out.append(_span(text, s, e, False, source, cue, "fr_ru:reported"))
    return sorted(out, key=lambda a: a.start)


# the negation right before a speech verb ("n'a pas répondu", "ne commente pas", "не ответил")
_NEGATED_CUE = re.compile(r"(?:\bn['\u2019]|\bne\s|(?<!\w)не\s)\s*$", re.IGNORECASE)


def _pronoun_of_the_sentence_source(s: int, e: int, source: Source, out: Sequence[AttributionSpan]) -> Source:
    """A pronoun inside a sentence whose own speech verb a named source already holds ("La coalition X a annoncé
    une « trêve » ..., pour permettre, selon elle, ...", "X заявил о «перемирии», которое, по его словам, ...")
    stands for that source, not for the last person named before it: the verb's quotation took the cue, and
    the pronoun's cue is all that is left to report the sentence."""
    if source.kind != "pronoun" or source.start is None or source.start <= s:
        return source
    named = [a for a in out if a.speaker_kind == "name" and a.cue_start is not None and s <= a.cue_start < source.start
             and a.speaker_start is not None and s <= a.speaker_start < source.start and a.start < e]
    if not named:
        return source
    a = named[-1]
    return Source("name", a.speaker_text, a.speaker_start, a.speaker_end, a.speaker_name)


def _incise(text: str, start: int, end: int, cues: Cues) -> tuple[int, int, str] | None:
    """A speech verb set inside the quotation it attributes, between commas or dashes, with its pronoun ("« Les
    enfants, a-t-il insisté, ne peuvent pas apprendre sous les balles »", "«Нам обещали тишину, — говорит она.
    — Почему теперь иначе?»"): the cue of the whole quotation."""
    for cue in find_cues(text, start, end, cues, ()):
        if cue[2] != "verb" or not re.search(r"(?:,|,?\s*[\u2014\u2013])\s*$", text[max(start, cue[0] - 4):cue[0]]):
            continue
        # the aside ends within a few words, at a comma or at a sentence end and a dash (its inverted subject may
        # be a title and a name: "a prévenu son député Ali X,")
        if re.match(r"(?:\s*[\w'\u2019-]+){0,4}\s*(?:,|\.?\s*[\u2014\u2013])", text[cue[1]:end]):
            return cue
    return None


def _incise_name(text: str, incise: tuple[int, int, str], inner_end: int, entities: Sequence[EntitySpan],
                 cues: Cues) -> Source | None:
    """"« Nos hommes n'ont pas tiré, a affirmé son porte-parole, Ali X. Mais ... »": the person the aside names, after
    its title, before the aside's sentence ends, speaks the whole quotation (the aside is the narrator's, inside
    the marks)."""
    stop = re.compile(r"[.!?;:\u00bb\u201d\u2014\u2013]").search(text, incise[1], inner_end)
    end = stop.start() if stop else inner_end
    person = next((e for e in entities if e.label == "PERSON" and incise[1] < e.start and e.end <= end
                   and e.start - incise[1] <= 60), None)
    return _named(text, person, incise[0], cues, entities) if person is not None else None


def _reported_before(text: str, q_start: int, sentences: Sequence[tuple[int, int]], entities: Sequence[EntitySpan],
                     quotes: Sequence[tuple[int, int]], cues: Cues) -> bool:
    """A quotation with no cue right after a sentence that reports someone ("Pour X, chercheuse, le texte souffre
    d'un défaut. « Chacun y lit ce qu'il veut. »", "По словам X, ... «...»"): that source goes on speaking."""
    previous = [s for s in sentences if s[1] <= q_start + 1 and not text[s[1]:q_start].strip(" \u00ab\u201e\u201c\"")]
    if not previous:
        return False
    s, e = previous[-1]
    found = find_cues(text, s, e, cues, quotes)
    return bool(found) and source_of(text, _reporting_cue(text, s, found, cues.relays), (s, e), entities, quotes, cues).kind \
        not in ("none", "continuation", "joint")


def _person_before(text: str, q_start: int, sentences: Sequence[tuple[int, int]], entities: Sequence[EntitySpan],
                   quotes: Sequence[tuple[int, int]], cues: Cues) -> EntitySpan | None:
    """A quotation with no cue right after a sentence with no cue that names one person as its actor ("À Goma,
    Marie X salue la trêve. « Mes enfants dorment enfin. »", "Жительница Алеппо Мария Х. приветствует перемирие.
    «...»"): the reporter introduces the person, then lets her speak. The person opens the sentence or its
    clause after an adverbial and a comma, or follows a role word ("l'infirmière Marie X"); two persons, or one
    after a verb or a preposition ("il a rencontré X", "avec X"), say nothing of who speaks."""
    previous = [s for s in sentences if s[1] <= q_start + 1 and not text[s[1]:q_start].strip(" \u00ab\u201e\u201c\"")]
    if not previous:
        return None
    s, e = previous[-1]
    if find_cues(text, s, e, cues, quotes) or any(a < e and s < b for a, b in quotes):
        return None
    persons = [x for x in entities if s <= x.start and x.end <= e and x.label == "PERSON"]
    if len(persons) != 1:
        return None
    person = persons[0]
    before = text[s:person.start].rstrip()
    word = before.split()[-1] if before.split() else ""
    if not before or before.endswith(",") or role_word(word, cues) is not None:
        return person
    return None


def _colon_source(text: str, q_start: int, holder, entities: Sequence[EntitySpan], cues: Cues) -> Source | None:
    """"Официальный представитель Минобороны Игорь Конашенков: «...»", "Le ministre X : « ... »": a quotation
    announced by a colon, with no speech verb, is the words of the person (else the body) named before it."""
    if not re.search(r":\s*$", text[max(0, q_start - 3):q_start]):
        return None
    colon = text.rfind(":", 0, q_start)
    lo = max((s for s, _ in holder if s < q_start), default=0)
    lead = [e for e in entities if lo <= e.start and e.end <= colon and may_speak(e)
            and not _CLAUSE_END.search(text, e.end, colon) and not _after_word(text, e.start, cues.places)]
    if not lead:
        # "Рябов: «...»": a capitalised name the NER missed, which the resolver matches to the person named in full
        named = re.fullmatch(r"\s*((?:[A-ZА-ЯЁ][\w'’-]+\s?){1,3})\s*", text[lo:colon])
        if named is None:
            return None
        return Source("name", named.group(1).strip(), lo + named.start(1), lo + named.start(1) + len(named.group(1).strip()))
    pick = next((e for e in reversed(lead) if e.label == "PERSON"), lead[-1])
    return _named(text, pick, lo, cues)


def _named(text: str, e: EntitySpan, s_start: int, cues: Cues, entities: Sequence[EntitySpan] = ()) -> Source:
    """A named source; a body of a named organisation or state the NER left out ("Командование Сил быстрого
    реагирования", "Правительство Судана", "Министерство иностранных дел Турции", "l'état-major général des
    FARDC": a head in the nominative and up to three lower-case words before the name) is that body, by its whole
    name, as the article writes it."""
    if e.label in ("ORG", "GPE") and cues.heads:
        m = _HEAD.get(id(cues)) or _HEAD.setdefault(id(cues), re.compile(
            rf"(?:^|(?<=[\s,(\u00ab\u2014'\u2019]))(?:{'|'.join(map(re.escape, sorted(cues.heads, key=len, reverse=True)))})"
            r"(?:\s+[a-zà-ÿа-яё-]+){0,4}(?:\s+|\s+[ld]['\u2019])$", re.IGNORECASE))
        full = _spelled_out(text, e, entities)
        hit = m.search(text, max(s_start, full.start - 60), full.start)
        if hit is not None and cues.language == "fr" and not _FR_OWNER_BEFORE.search(hit.group(0)):
            hit = None  # "Direction l'Éthiopie": a French body's owner follows "de" ("direction de l'armée")
        if hit is not None:
            return Source("name", text[hit.start():full.end], hit.start(), full.end, None)
        if full is not e and full.text.casefold().startswith(tuple(cues.heads)):
            return Source("name", full.text, full.start, full.end, full.name)  # the NER kept the head in the name
    return Source("name", e.text, e.start, e.end, e.name)


def _spelled_out(text: str, e: EntitySpan, entities: Sequence[EntitySpan]) -> EntitySpan:
    """The name an acronym in brackets spells out ("Вооружённых сил Украины (ВСУ)" for "ВСУ"): the body whose
    head stands before it is of that name ("Генеральный штаб Вооружённых сил Украины (ВСУ) обвинил")."""
    if not re.fullmatch(r"\(\s*", text[max(0, e.start - 2):e.start].lstrip()) or not text[e.end:e.end + 1] == ")":
        return e
    return next((x for x in entities if x.label in ("ORG", "GPE") and re.fullmatch(r"\s*\(\s*", text[x.end:e.start])), e)


_HEAD: dict[int, re.Pattern] = {}
# French names a body's owner after "de" ("le gouvernement du Niger", "l'état-major de l'armée"), never right
# after the head ("Direction l'Éthiopie" is a heading, "direction" a word for where the report goes next)
_FR_OWNER_BEFORE = re.compile(r"(?:\bde|\bdu|\bdes|\bd['\u2019]|\bde l['\u2019]|\bde la)\s*$", re.IGNORECASE)


def _reporting_cue(text: str, s: int, found: list[tuple[int, int, str]],
                   relays: tuple[str, ...] = ()) -> tuple[int, int, str]:
    """The cue that reports a sentence: "X ont accepté ..., a annoncé l'envoyé Y" is Y's announcement (a speech
    verb after a comma, a quotation or a dash), else the first cue; but when Y only passes X's words on ("X
    объявил ..., сообщила пресс-служба Кремля"), X's own speech verb, with X opening the sentence, reports it."""
    inverted = [c for c in found[1:] if c[2] == "verb"
                and re.search(r"[,\u00bb\u201d\u2014]\s*$", text[max(s, c[0] - 3):c[0]])]
    if inverted and _relayed(text, s, found[0], inverted[-1], relays):
        return found[0]
    return inverted[-1] if inverted else found[0]


def _relayed(text: str, s: int, first: tuple[int, int, str], last: tuple[int, int, str],
             relays: tuple[str, ...]) -> bool:
    """Whether the inverted cue ``last`` is a relay's ("..., сообщила пресс-служба X") and ``first`` a speech verb
    whose subject opens the sentence with no clause or quotation before it."""
    after = text[last[1]:last[1] + 40].lstrip().casefold()
    if not relays or not after.startswith(relays) or first[2] != "verb" or first is last:
        return False
    lead = text[s:first[0]]
    return bool(lead.strip()) and not re.search(r"[,:;\u00ab\u00bb\u201c\u201d\"\u2014]", lead)


def _nearest_cue(text, found, q_start, q_end):
    """The cue that attributes the quotation: right after it ("», a déclaré X"), else right before it
    ("X a déclaré : « ... »"), never one behind another quotation."""
    after = [c for c in found if c[0] >= q_end and c[0] - q_end <= 60]
    before = [c for c in found if c[1] <= q_start and q_start - c[1] <= 120]
    if after:
        return after[0]
    if before:
        return before[-1]
    return None


def _span(text, start, end, direct, source: Source, cue, rule, opens=False, continues=False) -> AttributionSpan:
    return AttributionSpan(
        start=start, end=end, text=text[start:end], direct=direct, speaker_text=source.text,
        speaker_kind=source.kind, speaker_start=source.start, speaker_end=source.end, speaker_name=source.name,
        cue=text[cue[0]:cue[1]] if cue else None, cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None, rule=rule, opens=opens, continues=continues,
        source=text[source.start:source.end] if source.start is not None else None)


# a support noun that is part of a body's name ("Groupe de soutien à l'islam", "Миссия ООН по поддержке в Ливии")
# names the body, it does not support the truce: masked before the cues are read
_NAMED_SUPPORT = re.compile(r"(\b[A-ZÀ-ÝА-ЯЁ][\w-]+(?: [A-ZА-ЯЁ]{2,})? (?:de |d'|du |des |по ))(soutien|appui|поддержк\w*|содействи\w*)")


# how the language's analyser reads the negation of the word at an offset of the sentence: None (not negated),
# "present" (a position: "nous ne respecterons pas la trêve", "мы не будем соблюдать перемирие") or "past" (a
# non-act reported: "Kiev n'a pas salué l'accord", "ХАМАС не предлагал перемирия")
Negation = Callable[[int], str | None]


def stance(sentence: str, lexicon: Lexicon, *, direct: bool, negation: Negation | None = None
           ) -> tuple[str, str | None, str]:
    """:func:`_stance_of` read first without the sentence's asides (the lexicon's ``aside`` patterns: a relative
    clause set off by commas after the truce noun or the opening subject, "cette trêve, qui ne sera pas respectée
    selon l'opposition, est une chance"): the aside says which truce or who, the main clause the position. The
    aside's own cue decides only when the main clause has none (a bare fact)."""
    masked = sentence
    for p in lexicon.stance.get("aside", ()):
        masked = p.sub(_masked, masked)
    if masked != sentence:
        found = _stance_of(masked, lexicon, direct=direct, negation=negation)
        if found[2] != "fr_ru:fact":
            return found
    return _stance_of(sentence, lexicon, direct=direct, negation=negation)


def _stance_of(sentence: str, lexicon: Lexicon, *, direct: bool, negation: Negation | None = None
               ) -> tuple[str, str | None, str]:
    """(stance, cameo code, rule) of a sentence by the guidelines, from the lexicon's cue words in this order:
    a denial of an accusation (neutral), a refusal of what threatens the truce (support), a refusal (conditional when it states a condition), a rhetorical question in the speaker's words (oppose), a
    condition, an accusation of violation (neutral), keeping to the truce (a promise is support, a claim of
    compliance neutral), support, the truce called by a quoted name (oppose), an announcement or a fact (neutral).
    A support or a promise of compliance whose cue word the analyser reads as negated (``negation``) is a refusal
    (oppose), a refusal or a doubt negated a consent (support); either is a non-act reported (neutral) when
    negated in the past."""
    sentence = _NAMED_SUPPORT.sub(lambda m: m.group(1) + "_" * len(m.group(2)), sentence)
    for p in (*lexicon.stance.get("unconditional", ()), *lexicon.stance.get("not_cues", ()),
              *lexicon.stance.get("time_clause", ())):
        # "sans conditions préalables", "без каких-либо условий": a condition denied is none; "même si", "даже
        # если" (a concession), "sans doute", "без сомнения" (certainty): words that only look like a cue; a
        # clause of time ("depuis que les deux pays se sont engagés ...", "Когда паузу продлили, ..."): the
        # truce's past as a backdrop, the main clause decides; all masked before the cues read them
        sentence = p.sub(_masked, sentence)

    # a French verb in "-cer" takes a cedilla before "a"/"o" ("nous annonçons une trêve", "dénonçait les tirs",
    # "renonça"): the cues spell its stem with "c" ("annonc\w*"), so they also read the sentence with "ç" as "c" (the
    # same length, so every offset holds; a cue spelt with "ç", "soupçonn", still reads the sentence as written)
    # (and the typographic apostrophe as the straight one most cues are spelt with: "n’accepterons", "d’abord")
    plain = sentence.replace("\u00e7", "c").replace("\u00c7", "C").replace("\u2019", "'")

    def hit(group: str) -> bool:
        return any(p.search(sentence) or p.search(plain) for p in lexicon.stance.get(group, ()))

    cameo = lexicon.cameo
    if hit("no_position"):  # "n'a pas commenté la proposition": a silence, whatever else the sentence names
        return "neutral", None, "fr_ru:no_position"
    if hit("denial"):  # "rejected the accusations", "dément toute implication": a claim of compliance
        return "neutral", None, "fr_ru:denial"
    if hit("accusation"):
        # attacks counted since the truce began ("с начала перемирия противник 40 раз обстрелял ..."): an
        # accusation of violation (neutral), read before the doubts and sneers that would call it oppose
        return "neutral", cameo.get("violation"), "fr_ru:accusation"
    if hit("reported_other") and not hit("first_person"):
        # a party's acceptance, declaration or refusal told by someone else (the enemy's, by a side; any party's, by
        # a mediator or a monitor): a report of another's act (neutral), not the speaker's own position; "мы" in the
        # sentence leaves it to the cues, the speaker taking a position beside the report
        return "neutral", None, "fr_ru:reported_other"
    if hit("protect") and not hit("strong_conditional"):
        # "ne laissera personne saboter la trêve", "отвергаем попытки сорвать паузу": the refusal or the breach is
        # aimed at what threatens the truce, so the speaker defends it
        return "support", cameo.get("support_agree"), "fr_ru:protect"
    if hit("oppose"):
        if hit("strong_conditional"):
            return "conditional", cameo.get("oppose_conditional"), "fr_ru:oppose_conditional"
        if _conceded_then_supported(sentence, lexicon):
            return "support", cameo.get("support_agree"), "fr_ru:contrast"
        if (denied := _denied(sentence, lexicon, "oppose", negation)) is not None:
            if denied == "present" and (hit("conditional") or hit("demand_condition")):
                # a consent that sets its terms in the same sentence ("nous ne refusons pas le cessez-le-feu, mais
                # nous exigeons des garanties"): as a support with a condition, conditional
                return "conditional", cameo.get("conditional"), "fr_ru:negated_oppose_conditional"
            return _consent(denied, lexicon)
        return "oppose", cameo.get("oppose"), "fr_ru:oppose"
    if hit("rhetorical_question") or direct and (
            re.search(r"\?\s*[\u00bb\u201d\u201c\"]?[\s,\u2014\u2013-]*(?:[\w'\u2019-]+\s*){0,8}[.]?$", sentence)
            # the question closes the quotation and the rest is its attribution, however long ("», demande
            # X, coordinatrice de ..., rencontrée à ...")
            or re.search(r"\?\s*[\u00bb\u201d\u201c\"]\s*(?:,|[\u2014\u2013])[^\u00ab\u00bb\u201c\u201d\u201e\"?!]*$", sentence)):
        # a question in the speaker's words, or a whole "who / how many / why" question told in the narrative or
        # a paraphrase ("Mais qui est prêt à défendre ce texte ?"): a doubt
        return "oppose", cameo.get("oppose"), "fr_ru:question"
    if hit("strong_conditional") or hit("conditional") or hit("demand_condition"):
        return "conditional", cameo.get("conditional"), "fr_ru:conditional"
    if hit("violation"):
        if hit("support_act"):  # welcoming the truce or calling for it, the violation named as its backdrop
            return "support", cameo.get("support_appeal"), "fr_ru:support_act"
        return "neutral", cameo.get("violation"), "fr_ru:violation"
    if hit("scare"):
        # the truce named with a sneer or in scare quotes ("так называемое перемирие", "это «перемирие»"): a doubt;
        # read after the violations, which a sneer in an accusation does not turn into a position
        return "oppose", cameo.get("oppose"), "fr_ru:scare"
    if hit("compliance") and not hit("mechanics"):
        # keeping to the truce: a claim of what was done is neutral, a promise ("sera respectée") is support
        if hit("compliance_past"):
            return "neutral", None, "fr_ru:compliance_claim"
        if (denied := _denied(sentence, lexicon, "compliance", negation)) is not None:
            return _refusal(denied, lexicon)
        if (denied := _denied(sentence, lexicon, "support", negation)) is not None:
            # the will or readiness that governs the verb denied ("nous ne sommes plus disposés à respecter la
            # trêve", "мы не готовы соблюдать перемирие"): the negation's scope is the whole commitment
            return _refusal(denied, lexicon)
        return "support", cameo.get("support_agree"), "fr_ru:compliance"
    if hit("terms") and not hit("first_person"):
        # the deal's terms ("согласно документу", "l'accord prévoit") or what others already accepted, reported:
        # facts and mechanics (neutral); "nous avons accepté" is the speaker's own commitment, left to support
        return "neutral", None, "fr_ru:terms"
    if hit("mediation") and not hit("support_act"):
        # a third party offering its good offices or to host the talks: a mediator's announcement (neutral), not
        # support of the truce (its welcome, "salue", is the support_act above and still counts)
        return "neutral", None, "fr_ru:mediation"
    if hit("support"):
        if (denied := _denied(sentence, lexicon, "support", negation)) is not None:
            return _refusal(denied, lexicon)
        key = next((k for k in ("support_demand", "support_appeal")
                    if any(p.search(sentence) for p in lexicon.cameo_patterns.get(k, ()))), "support_agree")
        return "support", cameo.get(key), "fr_ru:support"
    if hit("label"):  # the truce called by a quoted name that no support cue praised: a dismissal
        return "oppose", cameo.get("oppose"), "fr_ru:label"
    if hit("neutral_announce"):
        return "neutral", None, "fr_ru:announce"
    return "neutral", None, "fr_ru:fact"


def _masked(m: re.Match) -> str:
    """A masked match: all of it, or only its group named ``cue`` when the pattern names one, the words around it
    left for the cues to read ("соблюдать все (условия)": the terms kept, no condition, and the verb a promise)."""
    if "cue" not in m.re.groupindex or m.group("cue") is None:
        return "_" * len(m.group(0))
    start, end = m.span("cue")
    text = m.group(0)
    offset = m.start()
    return text[:start - offset] + "_" * (end - start) + text[end - offset:]


def _refusal(tense: str, lexicon: Lexicon) -> tuple[str, str | None, str]:
    """A support or a promise denied: a refusal (oppose) in the present or the future, a non-act reported
    (neutral) in the past ("n'a pas salué l'accord", "не предлагал перемирия")."""
    if tense == "present":
        return "oppose", lexicon.cameo.get("oppose"), "fr_ru:negated"
    return "neutral", None, "fr_ru:negated_past"


def _consent(tense: str, lexicon: Lexicon) -> tuple[str, str | None, str]:
    """A refusal or a doubt denied ("ne s'oppose pas à une trêve", "je ne doute pas que la trêve tiendra", "ce
    n'est pas une capitulation"): the speaker's consent (support), as "не против"; a non-refusal reported in the
    past is neutral."""
    if tense == "present":
        return "support", lexicon.cameo.get("support_agree"), "fr_ru:negated_oppose"
    return "neutral", None, "fr_ru:negated_oppose_past"


def _denied(sentence: str, lexicon: Lexicon, group: str, negation: Negation | None) -> str | None:
    """How every cue of ``group`` in the sentence is negated ("present" if one is in the present or the future,
    else "past"), the truce named in the denied clause; None when a cue stands affirmed ("nous ne voulons pas la
    guerre, nous demandons une trêve"), the clause denies something else or no analyser reads negation."""
    if negation is None:
        return None
    starts = sorted({m.start() for p in lexicon.stance.get(group, ()) for m in p.finditer(sentence)})
    tenses, denied_to = set(), -1
    for at in starts:
        if at < denied_to:
            continue  # a cue inside a denied one's clause is denied with it ("n'est pas disposé à prolonger")
        tense = negation(at) if _denies_truce(sentence, at, lexicon) else None
        tenses.add(tense)
        if tense is not None:
            denied_to = _clause_end(sentence, at)
    if not starts or None in tenses:
        return None
    return "present" if "present" in tenses else "past"


# where the clause of a cue ends: what it denies is before the next break
_CLAUSE_BREAK = re.compile(r"[,;:.!?\u00ab\u00bb\u201c\u201d\u2014\u2013]")


def _denies_truce(sentence: str, at: int, lexicon: Lexicon) -> bool:
    """Whether the truce itself is what a negated cue at ``at`` denies: its clause names it ("ne respecterons pas
    cette trêve", "cette trêve n'est pas inutile"), not only something else ("on ne demande pas grand-chose : que
    les tirs cessent", a modest wish for it)."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)]
    return lexicon.evidence(sentence[starts[-1] if starts else 0:_clause_end(sentence, at)]) is not None


def _clause_end(sentence: str, at: int) -> int:
    """Where the clause running from ``at`` ends: the next break, or the sentence's end."""
    end = _CLAUSE_BREAK.search(sentence, at)
    return end.start() if end else len(sentence)


# "it is not peace, but it is the best we had": a clause conceded before "but" and the one after it, which decides
_CONTRAST = re.compile(r",\s*(?:mais|но|однако)\s+|\s[\u2014\u2013]\s*(?:mais|но)\s+", re.IGNORECASE)


def _conceded_then_supported(sentence: str, lexicon: Lexicon) -> bool:
    """A doubt conceded before "mais"/"но" and support after it, with no doubt or condition there: the speaker's
    stance is the clause after the contrast (the guidelines: the speaker's stance in *this* sentence)."""
    parts = _CONTRAST.split(sentence, maxsplit=1)
    if len(parts) != 2:
        return False
    head, tail = parts

    def hit(text: str, *groups: str) -> bool:
        return any(p.search(text) for g in groups for p in lexicon.stance.get(g, ()))

    return (hit(head, "oppose") and hit(tail, "support")
            and not hit(tail, "oppose", "strong_conditional", "conditional", "demand_condition", "violation"))


def conditions(sentence: str, lexicon: Lexicon) -> tuple[str, ...]:
    found = []
    lowered = sentence.casefold()
    for marker in lexicon.condition_markers:
        # a marker elided before a vowel ("en échange d'", "à condition qu'") runs into the next word: no boundary
        tail = r"(?!\w)" if marker[-1:].isalnum() else ""
        at = re.search(rf"(?<!\w){re.escape(marker)}{tail}", lowered)
        if at is None or any(at.start() < lowered.find(f.casefold()) + len(f) for f in found if f.casefold() in lowered):
            continue
        clause = re.split(r"[,;:.!?\u00bb\u201d\"]", sentence[at.end():], maxsplit=1)[0].strip()
        if len(clause.split()) >= 2:
            found.append(clause)
    return tuple(found)


def statements(text: str, sentences: Sequence[tuple[int, int]], entities: Sequence[EntitySpan],
               quotes: Sequence[tuple[int, int]], spans: Sequence[AttributionSpan], lexicon: Lexicon, cues: Cues,
               subject_of: Callable[[int], tuple[int, int] | None] | None = None,
               oblique: frozenset[int] = frozenset(), on_topic_answer: bool = False,
               negation: Negation | None = None,
               joint_subject: Callable[[int], bool] | None = None,
               continues_topic: bool = False) -> list[StatementSpan]:
    """One candidate per sentence about the truce: a topic term (or a weak one), a sentence of a quotation that
    holds one, a sentence opening on a pronoun right after one, or a stance taken in a paragraph that names it."""
    chosen: dict[tuple[int, int], str] = {}
    for s, e in sentences:
        evidence = lexicon.evidence(text[s:e])
        if evidence is not None and not (evidence == "term" and _backdrop(text[s:e], lexicon, cues)):
            chosen[(s, e)] = evidence
    if on_topic_answer:  # the answer to a question about the truce speaks of it throughout (as _asked_about)
        for x in sentences:
            if x not in chosen and _WORD.search(text, *x) and not _turn_aside(text[x[0]:x[1]]) \
                    and not any(p.search(text[x[0]:x[1]]) for p in lexicon.traps):
                chosen[x] = "context"
    if continues_topic:  # the quotation the paragraph opens on goes on from one about the truce before it
        for a in spans:
            if a.direct and not text[:a.start].strip(" \u00ab\"\u201c"):
                for x in sentences:
                    if x not in chosen and _in_quotation(x, a) and _WORD.search(text, *x) \
                            and not any(p.search(text[x[0]:x[1]]) for p in lexicon.traps):
                        chosen[x] = "context"
    on_topic = any(v == "term" for v in chosen.values())
    topic = min((s for (s, _), v in chosen.items() if v in ("term", "weak")), default=None)
    _whole_quotations(text, sentences, spans, chosen, lexicon)
    _quoted_in_topic(text, sentences, quotes, spans, chosen, lexicon)
    for prev, cur in zip(sentences, sentences[1:]):
        if prev in chosen and cur not in chosen and cues.carry.match(text[cur[0]:cur[1]]):
            chosen[cur] = "context"
    for a in spans:
        # "« Nous respecterons la trêve », a déclaré X. « Mais nous répondrons à toute attaque. »": the same
        # speaker going on (a pronoun or no cue) right after a sentence about the truce speaks of it too
        if not a.direct or a.speaker_kind not in ("pronoun", "continuation"):
            continue
        inside = [x for x in sentences if _in_quotation(x, a)]
        before = [x for x in sentences if x[1] <= a.start + 2]
        if inside and before and before[-1] in chosen:
            for x in inside:
                if x not in chosen and not any(p.search(text[x[0]:x[1]]) for p in lexicon.traps):
                    chosen[x] = "context"
    # Someone taking a position (a speech cue and a stance cue) in a paragraph that names the truce speaks of it;
    # in a paragraph that does not, only right after one that made a statement (the resolver's "carry" rule)
    for s, e in sentences:
        sentence = text[s:e]
        if (s, e) in chosen or any(p.search(sentence) for p in lexicon.traps):
            continue
        said = find_cues(text, s, e, cues, quotes)
        # (or reporting the fighting: "Генштаб ВСУ сообщил о 48 обстрелах", as the English "context counts")
        # a speech verb, not "selon X": a toll by its source ("43 morts, selon le ministère") is no claim; nor a
        # sentence whose truce word was set aside as a backdrop
        reports = any(c[2] == "verb" for c in said) and lexicon.evidence(sentence) is None \
            and lexicon.context_hits(sentence) > 0
        # (or quoting words in a paragraph about the truce: "В Минобороны эти сведения назвали «дезинформацией»")
        quoting = (on_topic or (topic is not None and s >= topic)) and any(s <= qs and qe <= e for qs, qe in quotes)
        # (or a side's reply with no word of what it answers: "Moscou, de son côté, minimise")
        reacts = any(p.search(sentence) for p in cues.reactions)
        # (or any speech verb's report in a paragraph that names the truce: "X a indiqué que les observateurs ...",
        # not a bare source pointing back at the sentence before: "Об этом сообщил X")
        voiced = on_topic and any(c[2] == "verb" for c in said) and not _POINTS_BACK.match(sentence)
        # (or the fighting told in the narrative of a paragraph that names the truce, "Des échanges de tirs ont
        # opposé lundi soir ... ¶ C'est le premier incident depuis le cessez-le-feu": its breach, the guidelines'
        # "context counts"; not what happened before, told in the pluperfect, nor a silence)
        fought = on_topic and not said and _fighting_told(sentence, cues, lexicon)
        # (or a position told only as the same as one before it in a paragraph that names the truce: "echo")
        echoes = on_topic and any(p.search(sentence) for p in lexicon.stance.get("echo", ()))
        if fought or echoes:
            chosen[(s, e)] = "paragraph"
            continue
        # (or the same speaker going on, said again by a pronoun, in the paragraph after a statement: "Он добавил,
        # что коридоры откроются в четверг", "По её словам, проверку могла бы взять на себя ...")
        if said and not on_topic and cues.speaker_carries and any(
                a.speaker_kind in ("pronoun", "continuation") and a.start < e and s < a.end for a in spans):
            chosen[(s, e)] = "carry"
            continue
        if (said or reacts) and (reports or quoting or reacts or voiced or any(
                p.search(sentence) for g in ("denial", "oppose", "strong_conditional", "conditional", "violation",
                                             "support", "compliance") for p in lexicon.stance.get(g, ()))):
            chosen[(s, e)] = "paragraph" if on_topic else "carry"
    out = []
    for (s, e), evidence in sorted(chosen.items()):
        sentence = text[s:e]
        if _label_piece(sentence) or _COURTESY.match(sentence):
            continue
        direct = _sentence_quote((s, e), quotes) is not None or any(qs < e and s < qe for qs, qe in quotes
                                                                    if qe - qs >= 12)
        source, cue = NO_SOURCE, None
        if _joint(text, s, e, entities, quotes, cues):
            source = Source("joint", None, None, None)
        else:
            found = find_cues(text, s, e, cues, quotes)
            if found:
                cue = _reporting_cue(text, s, found, cues.relays)
                source = source_of(text, cue, (s, e), entities, quotes, cues,
                                   subject_of(cue[0]) if subject_of else None, oblique)
                if _joint_act(cue, source, joint_subject):
                    source = Source("joint", None, None, None)
                elif source.kind == "none" and cue[2] == "prep":
                    # "Selon un de ses collaborateurs, le gouverneur X n'exclut pas de ...": a relay the
                    # preposition names no one by leaves the position to whoever takes it, the stance verb's subject
                    source = _actor(text, s, e, entities, lexicon, cues, quotes, oblique, joint_subject, subject_of)[0]
            else:
                source, cue = _headline_colon(text, s, e, entities, cues) or _reaction_source(text, s, e, entities, cues) \
                    or _actor(text, s, e, entities, lexicon, cues, quotes, oblique, joint_subject, subject_of)
        source = _pronoun_for_body(text, (s, e), source, out, entities)
        source = _plural_role(source, cues)
        kind = source.kind if source.kind != "other" else "role"
        speaker_text = source.text
        if kind == "role" and speaker_text and "|" not in speaker_text:
            # "phrase|head|number", as the English analyser writes a role source for the resolver
            speaker_text = f"{speaker_text}|{speaker_text.split()[-1].casefold()}|singular"
        # a question before its speech cue is the speaker's own ("Peut-on croire à cette trêve ? s'interroge X")
        value, cameo, rule = stance(sentence, lexicon, direct=direct,
                                    negation=(lambda k, s=s: negation(s + k)) if negation else None)
        if cue is not None and "?" in text[s:cue[0]] and rule in ("fr_ru:fact", "fr_ru:announce"):
            value, cameo, rule = "oppose", lexicon.cameo.get("oppose"), "fr_ru:question"
        if value == "support" and not direct and cue is not None and _others_agreed(text, s, e, entities, source,
                                                                                    lexicon):
            value, cameo, rule = "neutral", None, "fr_ru:announced_agreement"
        if rule in ("fr_ru:fact", "fr_ru:announce") and out and out[-1].stance != "neutral" and any(
                p.search(sentence) for p in lexicon.stance.get("echo", ())):
            # "L'Union africaine a salué la trêve. L'Union européenne a publié une déclaration dans le même sens.":
            # a position told only as the same as the one before takes that one's stance
            value, cameo, rule = out[-1].stance, out[-1].cameo_code, "fr_ru:echo"
        out.append(StatementSpan(
            start=s, end=e, text=sentence, direct_quote=direct, speaker_text=speaker_text, speaker_kind=kind,
            speaker_start=source.start, speaker_end=source.end, stance=value,
            conditions=conditions(sentence, lexicon) if value == "conditional" else (),
            duration=duration(sentence, cues), cameo_code=cameo, rule=rule,
            evidence=evidence if evidence in ("term", "weak", "carry") else "context",
            cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None))
    return out


# a turn's label the sentence splitter cut off on its own ("Claire Vasseur :", "YONAS TEKLE-MARIAM"): a few words
# with no sentence end; and a correspondent telling how they reached a source ("J'ai pu joindre X", "Я связался с
# X"): the reporting, not a claim on the truce
_LABEL_PIECE = re.compile(r"^[^.!?…»]{0,60}$")
# a turn's or a speech's courtesy, no word on anything (the resolver's English _COURTESY), alone or before its
# attribution: "Благодарю за внимание.", "Благодарю за внимание», — заявил X",
# "Merci beaucoup.", "Спасибо, Игорь."
_COURTESY = re.compile(r"^\W*(?:благодарю за внимание|спасибо(?: за внимание)?|merci(?: beaucoup| à vous| de votre "
                       r"attention)?|bonsoir|au revoir|до свидания)\b[^.!?»]{0,30}[.!]?\s*(?:»\s*[,—–-].*)?$",
                       re.IGNORECASE)
_REPORTER_ACT = re.compile(r"^\W*(?:j['’]ai|я)\s+(?:pu\s+)?(?:joindre|joint|parlé|rencontré|contacté|interrogé|"
                           r"связал\w*|дозвонил\w*|поговорил\w*)\b", re.IGNORECASE)


def _fighting_told(sentence: str, cues: Cues, lexicon: Lexicon) -> bool:
    """Whether ``sentence`` tells an act of fighting (the language's ``fighting`` cues) in a tense other than the
    one that sets it before the story (``told_before``), and is no silence (``no_position``)."""
    if cues.fighting is None or not cues.fighting.search(sentence):
        return False
    if cues.told_before is not None and cues.told_before.search(sentence):
        return False
    return not any(p.search(sentence) for p in lexicon.stance.get("no_position", ()))


def _label_piece(sentence: str) -> bool:
    """A turn's label the sentence splitter cut off on its own: a few words with no sentence end, no statement."""
    return _LABEL_PIECE.match(sentence.strip()) is not None and len(sentence.split()) <= 4


def _turn_aside(sentence: str) -> bool:
    """A sentence of an answer that says nothing on the truce: a label piece or the correspondent's own legwork."""
    return _label_piece(sentence) or _REPORTER_ACT.match(sentence) is not None


def _plural_role(source: Source, cues: Cues) -> Source:
    """(Russian) A role source whose head is surely in the nominative plural ("министры обороны", "представители
    штаба"): a group as written, which the resolver keeps so (number "plural"), never the one person the article
    titled with the role. Only a masculine role's -ы/-и is sure: a feminine one's ("главы") is also its genitive."""
    if cues.language != "ru" or source.kind not in ("role", "other") or not source.text:
        return source
    phrase = source.text.split("|")[0]
    if source.kind == "role":
        if not phrase.startswith("the "):
            return source  # "its ...": the owner's body, resolved as before
        phrase = phrase[len("the "):]
    found = next(((w, r) for w in phrase.split() if (r := role_word(w, cues)) is not None), None)
    if found is None or not _surely_plural(*found):
        return source
    return Source("role", f"{phrase}|{found[1]}|plural", source.start, source.end)


def _surely_plural(word: str, head: str) -> bool:
    """Whether the Russian ``word`` is the masculine role ``head`` in the nominative plural ("министры",
    "представители", "переговорщики"): an animate masculine noun's -ы/-и is no other case."""
    word = word.casefold().strip(",«»\"")
    if not head or head[-1] in "аяоеё":
        return False
    return word != head and word in (head + "ы", head + "и", head[:-1] + "и")


def _pronoun_for_body(text: str, sentence: tuple[int, int], source: Source,
                      out: Sequence[StatementSpan | AttributionSpan], entities: Sequence[EntitySpan]) -> Source:
    """"Le Kremlin a confirmé l'accord. Il affirme toutefois que ...", "Министерство ... Оно": a gendered language's
    "il"/"elle" opening the sentence right after one a body or a state said stands for that body, not for the
    last person named (the English "it", which the resolver gives to the current speaker), unless a person is
    named between the two."""
    if source.kind != "pronoun" or source.text not in ("he", "she") or source.start is None \
            or text[sentence[0]:source.start].strip(" \u00ab\u201c\"") or not out:
        return source
    last = out[-1]
    if last.end > sentence[0] or text[last.end:sentence[0]].strip() or last.speaker_kind != "name" \
            or last.speaker_start is None:
        return source
    said = next((x for x in entities if x.start == last.speaker_start), None)
    if said is None or said.label not in ("ORG", "GPE") \
            or any(x.label == "PERSON" and said.end <= x.start < source.start for x in entities):
        return source
    return Source("pronoun", "it", source.start, source.end)


_WORD = re.compile(r"\w")
# a sentence that only names the source of the one before it ("Об этом сообщил X", "C'est ce qu'a indiqué X")
_POINTS_BACK = re.compile(r"^\W*(?:об этом|о том|c['’]est ce qu)", re.IGNORECASE)
_FRAGMENT = re.compile(r"[«„“\"\s]*[a-zа-яё]")


def _quoted_in_topic(text: str, sentences: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]],
                     spans: Sequence[AttributionSpan], chosen: dict[tuple[int, int], str], lexicon: Lexicon) -> None:
    """The guidelines' "context counts" for quoted words (as the English analyser's ``_in_topic_quotes``): in a
    paragraph that names the truce, from its first topic sentence on, a sentence of a quotation speaks of it even
    with no word of it ("X bénit cette trêve. « Depuis dix jours, mes enfants vont à l'école. »"); in a
    paragraph that does not, a quotation with a speaker is about it only right after a paragraph that made a
    statement ("carry": the resolver decides, per article)."""
    topic = min((s for (s, _), v in chosen.items() if v in ("term", "weak")), default=None)
    quoted = [(qs, qe) for qs, qe in quotes if qe - qs >= 12] + [(a.start, a.end) for a in spans if a.direct]
    for s, e in sentences:
        if (s, e) in chosen or any(p.search(text[s:e]) for p in lexicon.traps) or _FRAGMENT.match(text, s, e) \
                or not _WORD.search(text, s, e):
            continue  # (a piece the sentence splitter cut off a sentence's quoted end is no sentence of its own)
        # mostly quoted, or opening on the quotation before a long attribution ("« L'État ne discute pas avec
        # eux », a déclaré sur Télé Sahel le porte-parole du Conseil national ..., le colonel-major X")
        if not any(min(e, qe) - max(s, qs) >= 0.5 * (e - s) or s <= qs <= s + 2 < qe for qs, qe in quoted) \
                and not any(a.direct and _in_quotation((s, e), a) for a in spans):
            continue  # (or a quotation's last words before its cue: "Personne n'a de réponse », soupire X")
        if topic is not None and s >= topic:
            chosen[(s, e)] = "context"
        elif topic is None and any(a.direct and a.speaker_kind not in ("none", "continuation")
                                   and (_in_quotation((s, e), a) or s <= a.start <= s + 2 < a.end) for a in spans):
            chosen[(s, e)] = "carry"


def _others_agreed(text: str, s: int, e: int, entities: Sequence[EntitySpan], source: Source,
                   lexicon: Lexicon) -> bool:
    """A speaker announcing that two other parties agreed ("Les rebelles du M23 et l'armée congolaise ont
    accepté de prolonger la trêve, a annoncé l'envoyé de l'ONU", "Израиль и ХАМАС согласились на паузу, сообщил
    премьер-министр Катара"): a mediator's announcement, neutral by the guidelines, not the speaker's support.
    The agreeing subject opens the sentence, joins two parties and names at least one; the speaker is not in it."""
    verb = min((m.start() for p in lexicon.stance.get("support", ()) if (m := p.search(text, s, e))), default=None)
    if verb is None or source.start is None or s <= source.start < verb:
        return False
    subject = text[s:verb]
    if _CLAUSE_END.search(subject) or "," in subject or not re.search(r"\s(?:et|и)\s", subject):
        return False
    return any(s <= x.start and x.end <= verb and may_speak(x) for x in entities)


def _headline_colon(text: str, s: int, e: int, entities: Sequence[EntitySpan],
                    cues: Cues) -> tuple[Source, None] | None:
    """"Захарова: «Перемирие — это не капитуляция»", "Le Hamas : « ... »": a name opening the sentence with a
    colon right after it announces what follows, as a speech verb would."""
    first = next((x for x in entities if x.start >= s and may_speak(x)), None)
    if first is None or _DETERMINER.sub("", text[s:first.start].strip()) or not re.match(r"\s*:", text[first.end:e]):
        return None
    return _named(text, first, s, cues), None


def _backdrop(sentence: str, lexicon: Lexicon, cues: Cues) -> bool:
    """The truce only as a date for another story ("Depuis la trêve de mars, les prix du pain ont doublé", "Во
    время перемирия фестиваль отменили"): every topic term after a preposition of time, and no word of war
    and no stance besides. Not a statement by the guidelines ("a ceasefire mentioned only as a date or a
    backdrop"); "Pendant la trêve, les tirs ont continué" has its war word and stays."""
    if cues.backdrop is None:
        return False
    terms = [m for p in lexicon.terms for m in p.finditer(sentence)]
    if not terms or not all(cues.backdrop.search(sentence[:m.start()]) for m in terms):
        return False
    inside = [(m.start(), m.end()) for m in terms]
    if any(not any(a <= m.start() < b for a, b in inside) for p in lexicon.context for m in p.finditer(sentence)):
        return False
    return not any(p.search(sentence) for group in ("denial", "oppose", "strong_conditional", "conditional",
                                                   "violation", "support", "compliance")
                   for p in lexicon.stance.get(group, ()))


def _whole_quotations(text: str, sentences: Sequence[tuple[int, int]], spans: Sequence[AttributionSpan],
                      chosen: dict[tuple[int, int], str], lexicon: Lexicon) -> None:
    """Every sentence of a quotation that speaks of the truce (the guidelines: "a quote that runs over several
    sentences gives one row per sentence"), the one that opens it after its cue and colon included ("X résume la
    ligne : « Nous voulons la paix. Mais pas de trêve sans garanties. »")."""
    for a in spans:
        if not a.direct:
            continue
        inside = [(s, e) for s, e in sentences if _in_quotation((s, e), a) or _opens_quotation((s, e), a)]
        found = {chosen[x] for x in inside if x in chosen}
        # (a quotation chosen only as a carry from the paragraph before stays one: the resolver decides)
        evidence = "carry" if found == {"carry"} else "context"
        if found:
            for x in inside:
                if x not in chosen and not any(p.search(text[x[0]:x[1]]) for p in lexicon.traps):
                    chosen[x] = evidence


def _opens_quotation(sentence: tuple[int, int], a: AttributionSpan) -> bool:
    """The sentence that opens a quotation running on past it, after its own words of attribution (a cue and a
    colon before it: "Un conseiller, X, résume la ligne : « Nous voulons que les armes se taisent."): the quote's
    first sentence, however long the attribution before it."""
    s, e = sentence
    return s < a.start < e < a.end and a.cue_start is not None and s <= a.cue_start < a.start


def _in_quotation(sentence: tuple[int, int], a: AttributionSpan) -> bool:
    """A sentence of a quotation: mostly inside it, or the one its closing words share with the cue ("Но на
    каждый выстрел ответим», — заявил Тарасов журналистам.": the quotation's second sentence, half attribution)."""
    s, e = sentence
    if not (s < a.end and a.start < e):
        return False
    if min(e, a.end) - max(s, a.start) >= 0.5 * (e - s):
        return True
    return a.direct and a.cue_start is not None and a.start < s and s <= a.cue_start < e and a.end <= a.cue_start + 4


def _joint(text, s, e, entities, quotes, cues: Cues) -> bool:
    """Both sides at once ("обе стороны обвинили друг друга", "les deux camps se sont mis d'accord"), unless a
    named speaker or a speech cue comes first: "L'Union africaine a appelé les deux camps" is the Union speaking."""
    m = cues.joint.search(text, s, e)
    if m is None:
        return False
    if not re.match(r"(?:обе|обеих|les deux|les belligérants)\b", m.group(0), re.IGNORECASE):
        return True  # a verb or a reciprocal that only both sides can be the subject of ("договорились")
    named = any(s <= x.start and x.end <= m.start() and may_speak(x) for x in entities)
    said = any(c[0] < m.start() for c in find_cues(text, s, e, cues, quotes))
    # "Il faut que les deux camps garantissent ...", "Мы требуем, чтобы обе стороны ...": both sides are the
    # subject of the clause the sentence's own subject governs, not of the sentence
    governed = _THAT.search(text, s, m.start()) is not None
    return not (named or said or governed)


def _joint_act(cue: tuple[int, int, str], source: Source, joint_subject: Callable[[int], bool] | None) -> bool:
    """A speech verb whose subject is two actors at once ("La France et l'Allemagne ont salué la trêve"): both
    sides acting, as with no speech verb; not when the source the cue names stands after it ("X et Y se sont
    engagés ..., a annoncé le ministre Z")."""
    return cue[2] == "verb" and (source.start is None or source.start < cue[0]) \
        and joint_subject is not None and joint_subject(cue[0])


_NEGATIONS = frozenset({"не", "ne"})  # the particle before a reaction's verb ("не согласны")


def _reaction_source(text: str, s: int, e: int, entities: Sequence[EntitySpan],
                     cues: Cues) -> tuple[Source, tuple[int, int, str]] | None:
    """"В Киеве к идее отнеслись прохладно", "В Кремле отвергают ...": a side's reaction with no subject of its own,
    whose sentence opens on the preposition of a subjectless plural verb and a body or a capital, is that body
    reacting, as with a speech verb ("В Кремле заявили"). Only what the reaction is to ("к идее продления") may
    stand between: a noun there could be the subject ("В Киеве жители относятся скептически")."""
    if cues.impersonal is None:
        return None
    for p in cues.reactions:
        m = p.search(text, s, e)
        if m is None:
            continue
        opening = [x for x in entities if s <= x.start and x.end <= m.start() and x.label in ("ORG", "GPE")]
        if not opening:
            return None
        first = opening[0]
        lead = _TIMESTAMP.sub("", text[s:first.start].strip())
        # (the verb after its negation: "не согласны" is the reaction "согласны" denied)
        words = m.group(0).split()
        verb = words[1] if len(words) > 1 and words[0].casefold() in _NEGATIONS else words[0]
        between = _BRACKETED.sub("", text[first.end:m.start()], count=1).split()
        if not cues.impersonal.fullmatch(f"{lead}|{verb}") or "," in text[first.end:m.start()]:
            return None
        if between and not (between[0].islower() and len(between[0]) <= 2):
            return None  # "к идее", "о переговорах": what it reacts to; any other word may be its own subject
        return _named(text, first, s, cues, entities), (m.start(), m.start() + len(verb), "verb")
    return None


def _actor(text, s, e, entities, lexicon: Lexicon, cues: Cues, quotes, oblique: frozenset[int] = frozenset(),
           joint_subject: Callable[[int], bool] | None = None,
           subject_of: Callable[[int], tuple[int, int] | None] | None = None) -> tuple[Source, tuple[int, int, str] | None]:
    """A sentence with no speech cue whose stance verb has a named subject before it ("Le Hamas rejette la
    trêve", "Кремль отверг перемирие"): that entity takes the position; the narrative's facts have none. A
    subject that coordinates two actors ("Le gouvernement et les rebelles ont signé", by the parse) is both sides
    acting at once, the guidelines' NULL speaker, as the English analyser reads "X and Y agreed"."""
    s = _after_fronted_place(text, s, e, entities, cues)
    first = _first_stance_cue(text, s, e, lexicon, quotes)
    if first is not None:
        group, m = first
        if joint_subject is not None and joint_subject(m.start()):
            return Source("joint", None, None, None), None
        # the parse's subject, a common noun phrase ("la société civile du Nord-Kivu rejette"), as with a speech verb
        unnamed = _unnamed_subject(text, subject_of(m.start()), m.start(), s, entities, quotes, cues) \
            if subject_of is not None else None
        if unnamed is not None and group != "violation":
            return unnamed, (m.start(), m.end(), "verb")
        aside = _subject_aside(text, s, m.start(), cues) or _aside_around(text, s, m.start(), e, cues)
        if aside is not None:
            # "Le commandant, 41 ans, ancien professeur à Dnipro, n'y croit guère": the subject is before the
            # aside that describes it, never a name inside the aside
            named = [x for x in entities if s <= x.start and x.end <= aside[0] and may_speak(x)
                     and x.start not in oblique]
            role = _subject_role(text, s, aside[0], cues)
            if named and group != "violation":
                return _named(text, named[-1], s, cues, entities), (m.start(), m.end(), "verb")
            if role is not None:
                return role, (m.start(), m.end(), "verb")
        before = [x for x in entities if s <= x.start and x.end <= m.start() and may_speak(x)
                  and x.start not in oblique and m.start() - x.end <= 40 and not _CLAUSE_END.search(text, x.end, m.start())
                  # a name inside a relative clause on the subject ("les insurgés qui terrorisent le nord du X et
                  # l'armée observent") is what the clause is about, not who acts (French)
                  and not (cues.language == "fr" and _RELATIVE.search(text, s, x.start))]
        if before and group != "violation":
            # "Министр обороны России поручил ...": a person's role of the state named after it, as with a speech verb
            owned = _owned_role(text, before[-1], s, cues) if before[-1].label != "PERSON" else None
            return owned or _named(text, before[-1], s, cues, entities), (m.start(), m.end(), "verb")
        role = _subject_role(text, s, m.start(), cues) or _subject_pronoun(text, s, m.start(), cues)
        if role is not None:
            return role, (m.start(), m.end(), "verb")
        return NO_SOURCE, None
    verb = re.search(r"\s(?:a|ont|avait|avaient)\s", text[s:e])  # "Le mouvement a transmis sa réponse"
    role = _subject_role(text, s, s + verb.start() + 1, cues) if verb else None
    if role is not None and role.kind == "role":
        # "Le président Félix Tshisekedi a reçu ...": the person the role phrase names, not the phrase
        named = next((x for x in entities if x.label == "PERSON" and role.start is not None
                      and role.start <= x.start and x.end <= role.end), None)
        return (_named(text, named, s, cues) if named else role), None
    return NO_SOURCE, None


# a French live blog's time stamp ("13 h 05 : ") before the sentence's first word, matched where the sentence
# starts and empty when there is none (the lead's end is read from it); not _TIMESTAMP, which strips the digital
# "10:40 " of a Russian feed, with no "h" and no colon after it
_STAMP = re.compile(r"\s*(?:\d{1,2}\s*h\s*\d{2}\s*:\s*)?")
_FRONTED = frozenset({"à", "a", "au", "aux", "en", "dans"})


def _after_fronted_place(text: str, s: int, e: int, entities: Sequence[EntitySpan], cues: Cues) -> int:
    """Where the clause starts after a place the sentence opens on, set off by a comma ("À Yaoundé, le
    gouvernement se montre circonspect"): where the actor is, never the actor, whose subject follows (French;
    the Russian "В Душанбе, однако, возлагают ..." has no subject and the place speaks)."""
    if cues.language != "fr":
        return s
    lead = _STAMP.match(text, s, e)
    word = re.match(r"(\w+)\s+", text[lead.end():e])
    if word is None or word.group(1).casefold() not in _FRONTED:
        return s
    at = lead.end() + word.end()
    place = next((x for x in entities if x.start == at and x.label in ("GPE", "LOC")), None)
    comma = re.match(r"\s*,\s*", text[place.end:e]) if place is not None else None
    return place.end + comma.end() if comma is not None else s


_RELATIVE = re.compile(r"\b(?:qui|dont)\b")
_ACTOR_GROUPS = ("oppose", "strong_conditional", "support", "violation", "compliance")


def _aside_around(text: str, s: int, at: int, e: int, cues: Cues) -> tuple[int, int] | None:
    """The aside describing the subject that holds the stance cue at ``at`` ("Kigali, accusé par des experts de
    l'ONU de soutenir le M23, a pris acte de l'accord": "soutenir" is what others accuse the subject of, and the
    subject's own verb may have no cue, or one in quotation marks): the aside up to the comma after the cue, if
    ``_subject_aside`` reads one there that holds the cue; else None."""
    comma = text.find(",", at, e)
    if comma < 0:
        return None
    aside = _subject_aside(text, s, comma + 1, cues)
    return aside if aside is not None and aside[0] <= at < aside[1] else None


# a phrase opening the sentence before its first comma that is no subject: a fronted place, time or document
_NO_SUBJECT_OPENING = re.compile(r"^\W*(?:à|a|au|aux|en|dans|depuis|selon|pour|par|sur|après|avant|lors|mardi|"
                                 r"lundi|mercredi|jeudi|vendredi|samedi|dimanche|mais|et|or|donc|puis|ainsi|"
                                 r"cependant|toutefois|pourtant|enfin|d['’]après)\b", re.IGNORECASE)


def _subject_aside(text: str, s: int, at: int, cues: Cues) -> tuple[int, int] | None:
    """The aside set off by commas between the subject the French sentence opens on and its verb at ``at``
    ("Kigali, accusé par des experts de l'ONU de soutenir le M23, a pris acte"): (its start, its end), or None
    when the sentence does not read so (no aside, an opening that is no subject, a subject of many words)."""
    if cues.language != "fr":
        return None
    head = text[s:at]
    if not head.rstrip().endswith(",") or head.count(",") < 2 or _CLAUSE_END.search(head):
        return None
    first = head.index(",")
    if len(head[:first].split()) > 6 or _NO_SUBJECT_OPENING.match(head[:first]) or "«" in head:
        return None
    if head[first + 1:].lstrip()[:1].isupper():
        return None  # "Un notable de Ouallam, Moussa Djibo Hamidou, doute": a name in apposition is the subject
    return s + first, s + len(head.rstrip())


def _first_stance_cue(text: str, s: int, e: int, lexicon: Lexicon, quotes) -> tuple[str, re.Match] | None:
    """The first stance cue of the sentence outside quotation marks, in the text's order (the group's order
    breaking a tie), with its group. The subject stands before the sentence's first position ("Viv Ansanm a
    proposé une trêve ... en échange d'un dialogue"): read in the groups' order, a connective of a later clause
    ("en échange de", "в зависимости от") would give the sentence to whatever name stands before it, so adding a
    word to a stance list would change who speaks."""
    found = []
    for rank, group in enumerate(_ACTOR_GROUPS):
        for p in lexicon.stance.get(group, ()):
            m = p.search(text, s, e)
            if m is not None and not any(qs <= m.start() < qe for qs, qe in quotes):
                found.append((m.start(), rank, group, m))
    if not found:
        return None
    _, _, group, m = min(found, key=lambda f: f[:2])
    return group, m


def _subject_role(text: str, s: int, at: int, cues: Cues) -> Source | None:
    """An unnamed actor opening the sentence before its stance verb ("L'armée congolaise a proposé", "Des ONG
    doutent"): the phrase without its determiner. A generic word for a group ("le mouvement", "движение") is
    written as the English role the resolver fills with the organisation the article last named."""
    head = text[s:at]
    if _CLAUSE_END.search(head) or "," in head:
        return None
    words = head.split()
    if not words or len(words) > 5:
        return None
    first = words[0].casefold()
    definite = _definite(words[0], cues)
    lead = next((d for d in cues.determiners if first == d or (d.endswith("'") and first.startswith(d))), None)
    if lead is not None:
        words = ([words[0][len(lead):]] if words[0][len(lead):] else []) + words[1:]
    words = [w for w in words if w.casefold() not in _AUXILIARIES]
    while len(words) > 1 and cues.language == "fr" and words[-1].casefold().replace("\u2019", "'") in _FR_OBJECTS:
        words.pop()  # "Le porte-parole lui a répondu": the object pronoun before the verb is no part of the subject
    adjectives = _adjectives_before(words, cues)
    phrase = " ".join(words)
    start = text.find(phrase, s)
    if len(words) == 1 and words[0].casefold() in cues.groups:
        # "le mouvement", "la mission" alone (no role word needed: "la mission multinationale de soutien" is no
        # word for one the article named)
        # (with its head and number, as every role source is written: the resolver reads "the mission" by its head)
        group = cues.groups[words[0].casefold()]
        return Source("role", f"the {group}|{group}|singular", start, start + len(phrase))
    head = role_word(words[adjectives], cues) if words else None
    if head is None or _oblique_role(words[adjectives], head, cues):
        return None
    if adjectives or cues.language == "ru" and _plural_of(words[0], head):
        # ("Министры обороны двух стран поддержали": a plural role is the group as written, never the one
        # person the article titled so)
        # "Американские переговорщики рассчитывают": a group of unnamed people, no one the article titled so,
        # speaks as written; one person so described ("Турецкий переговорщик") is left unread, as before
        return Source("other", phrase, start, start + len(phrase)) if _plural_of(words[adjectives], head) else None
    return _role_source(phrase, definite, start, cues)


def _oblique_role(word: str, head: str, cues: Cues) -> bool:
    """(Russian) Whether the role ``word`` opening a sentence is in an oblique case ("Министру обороны поручено
    обеспечить ...": the one told, in the dative): no subject, so no speaker. The lexicon writes a role in the
    nominative singular; its nominative plural ("переговорщики") is a subject too."""
    if cues.language != "ru":
        return False
    word = word.casefold().strip(",«»\"")
    return word != head and not _plural_of(word, head)


# a Russian adjective of either number that agrees before its noun ("Американские переговорщики", "Израильская")
_RU_AGREED = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$")


def _adjectives_before(words: list[str], cues: Cues) -> int:
    """How many adjectives open a Russian subject before its head noun ("Американские переговорщики рассчитывают",
    "Израильская армия заявила"): Russian has no determiner, so the phrase opens on its adjectives, which stay in
    it, as the French parse keeps "l'armée israélienne"; none in French, whose role word opens the phrase."""
    if cues.language != "ru":
        return 0
    n = 0
    while n < min(2, len(words) - 1) and _RU_AGREED.search(words[n].casefold()) and role_word(words[n], cues) is None:
        n += 1
    return n


def _plural_of(word: str, head: str) -> bool:
    """Whether the Russian ``word`` is its role ``head`` in the plural ("переговорщики" of "переговорщик")."""
    word = word.casefold()
    return word != head and word.endswith(("и", "ы"))


def _subject_pronoun(text: str, s: int, at: int, cues: Cues) -> Source | None:
    """"Она не верит, что ...", "Il rejette la trêve": a pronoun opening the sentence, right before its stance
    verb (a negation or one auxiliary between), is who takes the position, as a named subject would be."""
    words = text[s:at].split()
    if not words or len(words) > 2 or (len(words) == 2 and words[1].casefold() not in _NEGATION_OR_AUX):
        return None
    english = cues.pronouns.get(words[0].strip("\u00ab\u201c\"").casefold())
    if english not in ("he", "she", "they") or words[0][:1].islower():
        return None
    start = text.find(words[0], s)
    return Source("pronoun", english, start, start + len(words[0]))


_NEGATION_OR_AUX = frozenset({"не", "ne", "n'", "n\u2019", "a", "ont", "уже", "также", "тоже"})
_AUXILIARIES = frozenset({"a", "ont", "avait", "avaient", "est", "sont", "va", "vont", "se", "s'"})
# French object pronouns, which stand between a subject and its verb ("X lui a répondu", "X l'a qualifiée")
_FR_OBJECTS = frozenset({"lui", "leur", "les", "le", "la", "l'a", "l'ont", "l'avait", "l'avaient", "n'a", "n'ont",
                         "ne", "nous", "vous", "y", "en"})


def paragraph_analysis(paragraph_id: str, version: str, text: str, sentences, tokens, entities, language: str,
                       subject_of=None, extra_quotes: Sequence[tuple[int, int]] = (),
                       oblique: frozenset[int] = frozenset(), interview: str | None = None,
                       negation: Negation | None = None,
                       joint_subject: Callable[[int], bool] | None = None) -> ParagraphAnalysis:
    """Statements and attributions of one analysed paragraph, as the English analyser's record. ``interview``
    is its part in an interview printed without labels (``interview_parts``); ``negation`` reads how the word at a
    paragraph offset is negated (the stance's refusals)."""
    lexicon, cues = language_lexicon(language), language_cues(language)
    oblique = oblique | _addressed(text, entities)
    # a transcript's turn decides who speaks, never which sentences are statements: detection reads the part the
    # paragraph had before turns were known (``_DETECTION_PART``), the turn's label span only joins the attributions
    turn = _turn_span(text, entities) if interview in _SPEAKER_TURNS else None
    interview = _DETECTION_PART.get(interview, interview)
    answer = _interview_answer(text) or (_whole_answer(text) if interview in (ANSWER, ANSWER_ON_TOPIC) else None)
    if answer is not None:  # the label is no name ("Réponse" read as a place) and no speaker of its own
        entities = [e for e in entities if e.start >= answer.start]
        turn = None
    quotes = sorted(set(quote_spans(text)) | set(extra_quotes) | ({(answer.start, answer.end)} if answer else set()))
    spans = attributions(text, sentences, entities, quotes, cues, subject_of, oblique, joint_subject)
    if interview == PREFACE and (issuer := _issuer_source(text, entities, cues)) is not None:
        # the text announced opens here and runs on in the paragraphs after (the resolver joins them)
        spans = [*spans, _span(text, len(text), len(text), True, issuer, None, "intro:published", opens=True)]
    elif interview == KICKER and (issuer := _kicker_issuer(text, sentences, entities, cues)) is not None:
        # a marker only, where the issuer is named: the resolver takes it as the document's issuer
        spans = [*spans, _span(text, issuer.start, issuer.start, False, issuer, None, KICKER)]
    elif interview == PUBLISHED and text.strip():
        # the issuer's own words, the whole paragraph: it goes on from the announcement
        end = len(text.rstrip())
        spans = [_span(text, 0, end, True, Source("continuation", None, None, None), None, "published",
                       opens=True, continues=True)]
    if answer is not None:  # the interviewee's words but for a quotation of someone else's they hold
        spans = [a for a in spans if a.speaker_start is not None and a.speaker_start >= answer.start
                 and a.start >= answer.start] + [answer]
    found = [] if interview == QUESTION else statements(
        text, sentences, entities, quotes, spans, lexicon, cues, subject_of, oblique,
        on_topic_answer=interview in (ANSWER_ON_TOPIC, TURN_ON_TOPIC), negation=negation,
        joint_subject=joint_subject, continues_topic=interview == QUOTE_ON_TOPIC)
    if turn is not None:
        spans = _turn_attributions(text, sentences, entities, quotes, cues, subject_of, oblique, turn)
    return ParagraphAnalysis(paragraph_id, version, tuple(entities), tuple(found), len(sentences),
                             lexicon.context_hits(text), tuple(spans))


# an interview's answer ("Réponse : Nous la saluons", "Ответ: Мы готовы"): the interviewee's own words, whom the
# article introduced before its questions (the resolver's "interviewee"), as the English "A:" label
_ANSWER_LABEL = re.compile(r"^\s*(Réponse|R|Ответ|О)\s*[:–—]\s+(?=\S)")


def _interview_answer(text: str) -> AttributionSpan | None:
    m = _ANSWER_LABEL.match(text)
    end = len(text.rstrip())
    if m is None or end - m.end() < 4:
        return None
    return AttributionSpan(m.end(), end, text[m.end():end], True, m.group(1), "interviewee", m.start(1), m.end(1),
                           None, None, None, None, "label:answer", source=m.group(1))


def _whole_answer(text: str) -> AttributionSpan | None:
    """An unlabelled answer: the whole paragraph but for an opening dash ("— Мы готовы ...")."""
    m = _DASH_OPENING.match(text)
    start, end = (m.end() if m else 0), len(text.rstrip())
    if end - start < 4:
        return None
    return AttributionSpan(start, end, text[start:end], True, None, "interviewee", None, None, None, None, None,
                           None, "interview:answer")


QUESTION, ANSWER, ANSWER_ON_TOPIC = "question", "answer", "answer_on_topic"
# a transcript's turn under its speaker's own label ("Claire Vasseur : Oui ...", "Ростовцев: Мы ..."): the label's
# speaker says the whole paragraph (``_turn_span``); an answer is about the truce throughout when its question is
TURN, TURN_ON_TOPIC = "turn", "turn_on_topic"
# the programme's reporter answering the host ("YONAS TEKLE-MARIAM : Selon le communiqué ..."): about the truce
# throughout when the question is, but told by the programme, each sentence its own source's
REPORT_ON_TOPIC = "report_on_topic"
# a transcript's turn decides who speaks, not which sentences are statements: the part each of them has for
# detection (a turn's own reading adds no statement, as the lead's gate found on a frozen set) and the parts whose
# label's speaker says the paragraph (``_turn_span``; the programme's reporter tells what others said)
_DETECTION_PART = {TURN: None, REPORT_ON_TOPIC: TURN_ON_TOPIC}
_SPEAKER_TURNS = frozenset({TURN, TURN_ON_TOPIC})
# a turn's label: one to four capitalised words (a name, "PRÉSENTATRICE", "Вопрос") and a colon opening the paragraph
_TURN_LABEL = re.compile(r"^\s*[A-ZÀ-ÝА-ЯЁ][\w'’.-]*(?:[ -][A-ZÀ-ÝА-ЯЁ][\w'’.-]*){0,3}\s*:\s+(?=\S)")
# the labels of the one who asks: an interviewer's, a host's, a briefing's questioner
_ASKER_LABEL = re.compile(r"^\s*(?:Question|Q|Journaliste|Présentat(?:eur|rice)|PRÉSENTAT(?:EUR|RICE)|Animat(?:eur|rice)|"
                          r"Вопрос|В|Ведущ(?:ий|ая)|Корреспондент|Журналист)\s*:", re.IGNORECASE)
_DASH_OPENING = re.compile(r"^\s*[\u2014\u2013-]\s*")
_ONE_QUESTION = re.compile(r"^[^.?!\n]{3,200}\?$")
_FIRST_PERSON = {
    "fr": re.compile(r"\b(?:nous|je|j'|notre|nos|mon|ma|mes|moi)\b|\bj[’']", re.IGNORECASE),
    "ru": re.compile(r"(?<![\w])(?:мы|я|наш\w*|мо[йяеи]\w*|нас|нам|меня|мне)(?![\w])", re.IGNORECASE),
}


def interview_parts(texts: Sequence[str], language: str, opens: bool = True) -> dict[int, str]:
    """Paragraph index -> its part in an interview printed without labels (as the English
    ``unlabelled_answers``): a paragraph of one short question with no quotation ("Le cessez-le-feu tient-il ?",
    "— Кто будет следить за соблюдением?") is the interviewer's, no statement; the paragraph after it, in the
    first person and with no quotation of its own, is the interviewee's answer, about the truce throughout when
    the question names it. An interview asks more than once: a lone pair is the reporter's aside. ``opens`` false:
    ``texts`` are a part cut from further on in the article, whose first paragraphs are not the article's."""
    first_person = _FIRST_PERSON.get(language)
    if first_person is None:
        return {}
    pairs = []
    impersonal = set()  # pairs but for the first person: an answer that says no "we"
    for i in range(1, len(texts)):
        question = _DASH_OPENING.sub("", texts[i - 1].strip())
        answer = texts[i]
        # (a dialogue's dashes mark both turns: its answer may quote others; any answer may end on a
        # rhetorical question after its first sentence)
        dialogue = _DASH_OPENING.match(texts[i - 1]) is not None and _DASH_OPENING.match(answer) is not None
        if not _ONE_QUESTION.match(question) or any(ch in question for ch in "«»„“\"") \
                or (not dialogue and any(ch in answer for ch in "«»„“\"")) \
                or (answer.rstrip().endswith("?") and not re.search(r"[.!]\s", answer)):
            continue
        if not (dialogue or first_person.search(answer)):
            # (a dialogue's dash marks the turn: its answer need not say "we" — "— Только международный
            # мониторинг на всей линии фронта.")
            impersonal.add(i)
            continue
        pairs.append(i)
    # the next question and answer of an interview already under way: the answer need not say "we" ("Qu'attendez-vous
    # des autorités ? ¶ Que le ministère tienne parole."), the turns alternate as before
    for i in sorted(impersonal):
        if i - 2 in pairs:
            pairs.append(i)
    pairs.sort()
    lexicon = language_lexicon(language)
    kept = [i for i in pairs if any(j != i and abs(j - i) <= 6 for j in pairs)]
    # the interview: a run of such pairs; one that names the truce anywhere is about it in all its answers
    # ("— Как вы оцениваете заявления Москвы? — Мы видели такие обещания ..." before "— Мы готовы к перемирию")
    runs: list[list[int]] = []
    for i in kept:
        if runs and i - runs[-1][-1] <= 6:
            runs[-1].append(i)
        else:
            runs.append([i])
    out: dict[int, str] = {}
    for run in runs:
        about = any(lexicon.evidence(texts[k]) == "term" for k in range(run[0] - 1, run[-1] + 1))
        for i in run:
            out[i - 1] = QUESTION
            out[i] = ANSWER_ON_TOPIC if about or lexicon.evidence(texts[i - 1]) is not None else ANSWER
    cues = language_cues(language)
    for i, part in labelled_turns(texts, lexicon, cues).items():
        out.setdefault(i, part)
    for i, part in (published_parts(texts, language) if opens else {}).items():
        out.setdefault(i, part)
    for i, part in (kicker_parts(texts, language) if opens else {}).items():
        out.setdefault(i, part)
    for i in speaker_turns(texts, cues):  # last: a turn only names its speaker, any other part reads more
        out.setdefault(i, TURN)
    return out


# a paragraph that goes on with a quotation the paragraph before left open, one about the truce (the French
# convention: "« ... ¶ « ... »", the new paragraph reopening the marks)
QUOTE_ON_TOPIC = "quote_on_topic"


def continued_quotations(texts: Sequence[str], language: str) -> dict[int, str]:
    """Paragraph index -> ``QUOTE_ON_TOPIC`` for a French paragraph that opens on a quotation mark right after a
    paragraph whose last quotation is left open, when that open quotation or its paragraph names the truce: the
    quote runs over both paragraphs (the guidelines: one row per sentence of a quote, each keeping its speaker; the
    resolver joins the two pieces). Only the paragraph before is read, as the cache's context key holds."""
    if language != "fr":
        return {}
    lexicon = language_lexicon(language)
    out = {}
    for i in range(1, len(texts)):
        before, text = texts[i - 1], texts[i]
        opened = before.rfind("\u00ab")
        if opened < 0 or before.rfind("\u00bb") > opened or not text.lstrip().startswith("\u00ab"):
            continue
        if lexicon.evidence(before[opened:]) is not None or lexicon.evidence(before) == "term":
            out[i] = QUOTE_ON_TOPIC
    return out


def article_parts(texts: Sequence[str], language: str, continued: Collection[int] = ()) -> dict[int, str]:
    """:func:`interview_parts` article by article: the items between two empty paragraphs (:func:`analyse_in` puts
    one at each break) are one article, and an interview's pairs, a transcript's turns and a printed text's preface
    must not be read across a batch neighbour's paragraphs. A run whose first item is in ``continued`` is a part of
    its article cut from further on: its first paragraphs are not the article's (no printed text's preface)."""
    out: dict[int, str] = {}
    lo = 0
    for index, text in enumerate([*texts, ""]):
        if not text:
            if index > lo:
                parts = interview_parts(texts[lo:index], language, opens=lo not in continued)
                for i, part in continued_quotations(texts[lo:index], language).items():
                    parts.setdefault(i, part)  # (an interview's or a transcript's own part reads more)
                out.update((i + lo, part) for i, part in parts.items())
            lo = index + 1
    return out


def document_shaped(texts: Sequence[str], language: str) -> bool:
    """Whether a rule of :func:`interview_parts` may read beyond a paragraph and the one before it in this article
    (as the English :func:`.detect.document_shaped`): an interview's or a transcript's pairs (found on the whole
    article, a part of it finds no more) or a printed text (:func:`published_parts`, the rule's own test: an
    announcement in the article's first two paragraphs; the same words deep in a long report are no preface, and a
    part cut from further on is read with ``opens`` false, so it takes none for one). When false, a paragraph's
    analysis reads no more than itself and the paragraph before, which is what the cache's context key holds."""
    return bool(interview_parts(texts, language)) or len(_question_turns(texts)) >= 2


def _addressed(text: str, entities: Sequence[EntitySpan]) -> frozenset[int]:
    """The one a turn addresses by name right after its label ("Ведущий: Геннадий Павлович, МАГАТЭ предлагает
    ...", "PRÉSENTATRICE : Marc, l'ONU propose ..."): a vocative, set off by its comma, is no subject of the
    speech verb after it (read as ``oblique``)."""
    m = _TURN_LABEL.match(text)
    if m is None:
        return frozenset()
    # a question later in the turn that opens on a name set off by its comma ("Marc, que dit l'annonce ?",
    # "Геннадий Павлович, что говорят в Киеве?") addresses that name too: the one asked, no source
    asked = {s.end() for s in _SENTENCE_BREAK.finditer(text, m.end())}
    return frozenset(e.start for e in entities if text[e.end:e.end + 1] == "," and (
        e.start == m.end() or e.start in asked and _question_from(text, e.end)))


_SENTENCE_BREAK = re.compile(r"[.!?\u2026]\s+")


def _question_from(text: str, at: int) -> bool:
    """Whether the sentence running on from ``at`` ends on a question mark."""
    end = re.compile(r"[.!?\u2026]").search(text, at)
    return end is not None and end.group() == "?"


def _turn_attributions(text: str, sentences, entities: Sequence[EntitySpan], quotes: Sequence[tuple[int, int]],
                       cues: Cues, subject_of, oblique: frozenset[int], turn: AttributionSpan) -> list[AttributionSpan]:
    """The attributions of a transcript's turn: the label's span over the paragraph and the attributions of any
    quotation of someone else's it holds (read with the turn as a quotation, so the label's speaker holds every
    sentence no other source claims)."""
    held = sorted(set(quotes) | {(turn.start, turn.end)})
    return [a for a in attributions(text, sentences, entities, held, cues, subject_of, oblique)
            if a.speaker_start is not None and a.speaker_start >= turn.start and a.start >= turn.start] + [turn]


def _turn_span(text: str, entities: Sequence[EntitySpan]) -> AttributionSpan | None:
    """A transcript's turn: the paragraph after its label is the words of the one the label names ("Claire
    Vasseur : Oui ... Nous sommes plus près d'un texte", "Ростовцев: ... Мы это уже проходили"), every sentence,
    as the English "label:colon"; the resolver reads a surname label as the full name named before."""
    m = _TURN_LABEL.match(text)
    end = len(text.rstrip())
    if m is None or end - m.end() < 4:
        return None
    label = text[m.start():m.end()].strip().rstrip(":").strip()
    lo = m.start() + len(text[m.start():]) - len(text[m.start():].lstrip())
    hi = lo + len(label)
    person = next((e for e in entities if e.start <= lo and hi <= e.end), None) \
        or next((e for e in entities if lo <= e.start and e.end <= hi and e.label == "PERSON"), None)
    return AttributionSpan(m.end(), end, text[m.end():end], True, label, "name", lo, hi,
                           person.name if person is not None else None, None, None, None, "label:colon", source=label)


def _reporters(texts: Sequence[str], cues: Cues) -> list[str]:
    """The words of the names the article introduces as its own reporters ("Notre correspondant Yonas
    Tekle-Mariam nous rejoint"), case folded: the capitalised words right after the reporter word."""
    if cues.reporter is None:
        return []
    out = []
    for text in texts:
        for m in cues.reporter.finditer(text):
            name = re.match(r"(?:[A-ZÀ-ÝА-ЯЁ][\w'’-]+\s?){1,3}", text[m.end():])
            if name is not None:
                out.extend(w.casefold() for w in name.group(0).split())
    return out


def _reporter_label(text: str, reporters: Sequence[str]) -> bool:
    """The turn's label names the programme's reporter (a word of it is one of ``reporters``' names)."""
    m = _TURN_LABEL.match(text)
    return m is not None and any(w.casefold() in reporters for w in re.findall(r"[\w'’-]+", m.group(0)))


def labelled_turns(texts: Sequence[str], lexicon: Lexicon, cues: Cues | None = None) -> dict[int, str]:
    """Paragraph index -> its part in a transcript whose turns carry labels: a paragraph that ends on a question
    (the asker's turn, labelled or not) and the next one, opened by its speaker's label, that answers it. The
    answer speaks of the truce throughout when the question or the answer names it (the guidelines' "context
    counts": "Ростовцев: ... Но давайте называть вещи своими именами"); a question that is one sentence is the
    asker's and no statement. A lone pair is an aside: a transcript has at least two. An answer under the
    programme's own reporter's label is the programme's report."""
    pairs = _question_turns(texts)
    if len(pairs) < 2:
        return {}
    out: dict[int, str] = {}
    reporters = _reporters(texts, cues) if cues is not None else []
    for i in pairs:
        question = _TURN_LABEL.sub("", texts[i - 1].strip())
        if _ONE_QUESTION.match(question):
            out[i - 1] = QUESTION
        if lexicon.evidence(texts[i - 1]) is not None or lexicon.evidence(texts[i]) is not None:
            out[i] = REPORT_ON_TOPIC if _reporter_label(texts[i], reporters) else TURN_ON_TOPIC
    return out


def speaker_turns(texts: Sequence[str], cues: Cues | None = None) -> list[int]:
    """In a transcript (two answers under a speaker's label at least, ``labelled_turns``), every paragraph opened
    by a speaker's label, not the asker's nor the programme's own reporter's: a turn that speaker says, every
    sentence of it, which the label alone decides (no sentence becomes a statement for it)."""
    if len(_question_turns(texts)) < 2:
        return []
    reporters = _reporters(texts, cues) if cues is not None else []
    return [i for i, text in enumerate(texts) if _TURN_LABEL.match(text) and not _ASKER_LABEL.match(text)
            and not _reporter_label(text, reporters)]


def _question_turns(texts: Sequence[str]) -> list[int]:
    """The paragraphs opened by a speaker's label that answer the question ending the paragraph before."""
    pairs = []
    for i in range(1, len(texts)):
        question, answer = texts[i - 1].strip(), texts[i]
        if not question.endswith("?") or _ASKER_LABEL.match(answer) or not _TURN_LABEL.match(answer) \
                or any(ch in question for ch in "«»„“\""):
            continue
        pairs.append(i)
    return pairs


PREFACE, PUBLISHED = "preface", "published"
_PREFACE_AT = 1  # the announcement opens the article: its first or second paragraph
_PUBLISHED_NAMES = ("PERSON", "ORG")
_NAME_INSIDE = re.compile(r"[^\s.!?:\u00ab\u2014\u2013]\s+[A-ZÀ-ÝА-ЯЁ]")


def published_parts(texts: Sequence[str], language: str) -> dict[int, str]:
    """Paragraph index -> its part in a text the article prints whole: the paragraph that announces it
    ("Le gouvernement a rendu public le communiqué suivant", "Публикуем выступление X") and every paragraph after
    it up to the text's closing line ("Fait à Niamey, le ...") or the article's end. A communiqué or a speech
    printed whole speaks in its issuer's voice throughout, with no speech verb ("Nous saluons ...",
    "Призываем ..."); the announcement opens the article (a reporter's aside later on is not one)."""
    cues = language_cues(language)
    if cues.published is None:
        return {}
    # (one that names its issuer: a capitalised word inside a sentence, which ``_issuer_source`` takes up; with no
    # one to speak, the text's paragraphs keep their own readings)
    at = next((i for i, t in enumerate(texts[:_PREFACE_AT + 1]) if cues.published.search(t)
               and _NAME_INSIDE.search(t)), None)
    if at is None or at + 1 >= len(texts):
        return {}
    out = {at: PREFACE}
    for i in range(at + 1, len(texts)):
        if cues.signoff is not None and cues.signoff.search(texts[i]):
            break
        out[i] = PUBLISHED
    return out


KICKER = "kicker"
_KICKER_ISSUERS = ("ORG", "GPE")
_OPENING_ARTICLE = 4  # characters before the issuer's name that still open its sentence ("La ", "L'")


def kicker_parts(texts: Sequence[str], language: str) -> dict[int, str]:
    """Paragraph index -> KICKER for the paragraph whose first sentence after a press release's or a statement's
    genre line opens on its issuer: the first paragraph, when it opens on the genre line before its place and
    date ("COMMUNIQUÉ DE PRESSE — Bangui, le 3 décembre. La Mission ... salue ..."); the second, when the first is
    only the document's heading with its place and date ("Déclaration de la porte-parole du ministère ...
    (Paris, 4 décembre 2026)."). A document in its issuer's voice whose title is a news headline: the resolver
    takes that issuer as a title's (``_issuer``)."""
    cues = language_cues(language)
    if not texts or cues.kicker is None:
        return {}
    if (m := cues.kicker.match(texts[0])) is not None and texts[0][m.end():].strip():
        return {0: KICKER}
    if cues.kicker_heading is not None and len(texts) > 1 and cues.kicker_heading.match(texts[0]):
        return {1: KICKER}
    return {}


def _kicker_issuer(text: str, sentences, entities: Sequence[EntitySpan], cues: Cues) -> Source | None:
    """The body or state the document's first sentence opens on, after the genre line and its dateline (a name
    followed by its verb, not the dateline's "Bangui, le ..."), in a ``KICKER`` paragraph; None when that first
    sentence opens on no one."""
    m = cues.kicker.match(text) if cues.kicker is not None else None
    after = m.end() if m is not None else 0
    first = next(((s, e) for s, e in sentences if s >= after and text[s:e].strip()), None)
    if first is None:
        return None
    s, e = first
    opening = next((x for x in entities if x.label in _KICKER_ISSUERS and s <= x.start <= s + _OPENING_ARTICLE
                    and x.end < e), None)
    if opening is None or not re.fullmatch(r"\s*(?:\w{1,3}\s+|\w['\u2019]\s*)?", text[s:opening.start]) \
            or re.match(r"\s*[,(]", text[opening.end:e]) and not _before_acronym_only(text, opening, e):
        return None
    return _named(text, opening, s, cues, entities)


def _before_acronym_only(text: str, e: EntitySpan, end: int) -> bool:
    """The name is followed by its acronym in brackets and then its verb ("La Mission ... (Minusca) prend acte")."""
    return re.match(r"\s*\([^()]{2,12}\)\s+\w", text[e.end:end]) is not None


def _issuer_source(text: str, entities: Sequence[EntitySpan], cues: Cues) -> Source | None:
    """Who issued the text a preface announces: the person it names (a speech's speaker), else the first body."""
    for label in _PUBLISHED_NAMES:
        e = next((x for x in entities if x.label == label), None)
        if e is not None:
            return _named(text, e, 0, cues, entities) if label != "PERSON" else Source(
                "name", e.text, e.start, e.end, e.name)
    return None

