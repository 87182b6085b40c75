"""The topic lexicon (terms, traps, reporting verbs, stance cues), loaded from TOML data files."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError

DEFAULT_LEXICON = "ceasefire.toml"


@dataclass(frozen=True)
class Lexicon:
    topic: str
    language: str
    terms: tuple[re.Pattern, ...]
    weak_terms: tuple[re.Pattern, ...]
    traps: tuple[re.Pattern, ...]
    context: tuple[re.Pattern, ...]
    article_context: tuple[re.Pattern, ...]  # counted for the article-level filter only
    min_context: int
    civilian: frozenset[str]  # lemmas that frame a non-military truce: its parties or its matter
    reporting_lemmas: frozenset[str]
    attack_lemmas: frozenset[str]  # verbs of attack: "declared a truce and shelled ..." accuses
    speaker_roles: frozenset[str]
    commentators: frozenset[str]  # sources who comment rather than take part (analysts, researchers)
    stance: dict[str, tuple[re.Pattern, ...]]  # violation, oppose, conditional, support, neutral_announce
    cameo: dict[str, str]
    cameo_patterns: dict[str, tuple[re.Pattern, ...]]
    condition_markers: tuple[str, ...]
    condition_clause_words: tuple[str, ...]
    duration: re.Pattern
    digest: str  # hash of the source file: part of the analysis version, so edits trigger re-analysis
    # war words a figurative truce takes off its text's count ([topic].figurative_weight): see context_hits
    figurative_weight: int = 2
    # how a paragraph's opening sentence sums up the positions its sources then give ("Analysts are cautious",
    # "Residents were divided"): the predicate's lemmas ([leads].attitudes); see pipeline.nlp.detect._lead_ins
    attitudes: frozenset[str] = frozenset()
    # each of traps, terms and weak_terms as one alternation (see _any_of): one scan of the text where asking
    # whether any pattern matches would scan it once per pattern, a tenth of the NLP stage's time
    _any_trap: re.Pattern | None = field(init=False, repr=False, compare=False)
    _any_term: re.Pattern | None = field(init=False, repr=False, compare=False)
    _any_weak: re.Pattern | None = field(init=False, repr=False, compare=False)
    # the context patterns as counted by context_hits (see _word_led): without and with article_context
    _counted: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)
    _counted_article: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)
    # the terms look at nothing outside their match but its neighbouring characters (see _local): a text with no
    # term has no sentence with one
    _local_terms: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_any_trap", _any_of(self.traps))
        object.__setattr__(self, "_any_term", _any_of(self.terms))
        object.__setattr__(self, "_any_weak", _any_of(self.weak_terms))
        object.__setattr__(self, "_counted", tuple(_word_led(p) for p in self.context))
        object.__setattr__(self, "_counted_article", self._counted + tuple(_word_led(p) for p in self.article_context))
        object.__setattr__(self, "_local_terms", all(_local(p) for p in self.terms))

    def evidence(self, sentence: str) -> str | None:
        """``term`` (a topic term), ``weak`` (only a weak cue, needs article context) or None; traps veto."""
        # the trap scan, the costliest of the three, runs only on a sentence that has a cue for it to veto: most
        # sentences have none, and the answer is the same as scanning for traps first
        if _found(self._any_term, self.terms, sentence):
            found = "term"
        elif _found(self._any_weak, self.weak_terms, sentence):
            found = "weak"
        else:
            return None
        return None if _found(self._any_trap, self.traps, sentence) else found

    def matches(self, sentence: str) -> bool:
        """A sentence with a topic term and no trap."""
        return self.evidence(sentence) == "term"

    def context_hits(self, text: str, *, article: bool = False) -> int:
        """Words of armed conflict in ``text``; with ``article``, also those counted only for the article; less
        ``figurative_weight`` for each of its sentences that names the truce in a figure a trap phrase marks ("the
        supermarkets' price truce", "la trêve des confiseurs"). The trap vetoes that sentence as a statement,
        and the article-level filter (pipeline.nlp.context), which sees only statements and these counts, would
        otherwise never learn that the page's truce is a figure: a paragraph's count can go below zero. A
        sentence that is a statement has no trap, so its own count is the plain one."""
        patterns = self._counted_article if article else self._counted
        return sum(len(p.findall(text)) for p in patterns) - self.figurative_weight * self.figurative(text)

    def figurative(self, text: str) -> int:
        """How many sentences of ``text`` name the truce (a topic term) and hold a trap phrase."""
        if self._local_terms and not _found(self._any_term, self.terms, text):
            return 0  # most text names no truce: a scan for the terms costs a third of one for the traps
        if not _found(self._any_trap, self.traps, text):
            return 0  # most text: no sentence splitting
        return sum(1 for sentence in _SENTENCE_BREAK.split(text)
                   if _found(self._any_trap, self.traps, sentence) and _found(self._any_term, self.terms, sentence))


# what lets a pattern's match depend on text beyond the characters next to it: lookarounds and anchors
_NONLOCAL = re.compile(r"\(\?<?[=!]|[$^]|\\[AZG]")


def _local(pattern: re.Pattern) -> bool:
    """Whether ``pattern`` matches a sentence of a text wherever it matches the text there: it has no lookaround
    and no anchor (a ``\\b`` reads only the neighbouring character, a space or a stop at a sentence's edges
    either way, see _SENTENCE_BREAK). False whenever unsure."""
    return _NONLOCAL.search(pattern.pattern) is None


# a pattern that refers to its own groups ("\1", "(?P=name)") means something else inside a longer alternation
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _any_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """One pattern that matches a text exactly where some of ``patterns`` does, or None when they cannot be
    joined so (no patterns, mixed flags, back-references, a global inline flag): :func:`_found` then asks them
    one by one. A search of the alternation succeeds if and only if one of its branches matches somewhere."""
    if not patterns or len({p.flags for p in patterns}) != 1 or any(_BACKREFERENCE.search(p.pattern) for p in patterns):
        return None
    joined = "|".join(f"(?:{p.pattern})" for p in patterns)
    try:
        if all(_opens_word(p) for p in patterns):
            # every branch starts a word: the lookahead, a plain character class, lets the regex engine skip
            # to the next word character instead of trying each branch at every position (half the scan's time)
            return re.compile(rf"(?=\w)(?:{joined})", patterns[0].flags)
        return re.compile(joined, patterns[0].flags)
    except re.error:  # e.g. a user's pattern opening with a global flag ("(?x)..."), valid only at the start
        return None


def _word_led(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` behind a ``(?=\\w)`` lookahead when every match of it opens a word (see :func:`_opens_word`):
    the same matches, found sooner (the engine skips to the next word character instead of trying the pattern
    at every position); ``pattern`` itself otherwise."""
    if not _opens_word(pattern):
        return pattern
    try:
        return re.compile(rf"(?=\w)(?:{pattern.pattern})", pattern.flags)
    except re.error:  # pragma: no cover - a global inline flag, valid only at the start
        return pattern


def _opens_word(pattern: re.Pattern) -> bool:
    """Whether every match of ``pattern`` starts with ``\\b`` and then a word character, so that it can only
    start where a word character follows: the lexicon's entries (``\\bcease-?fires?\\b``) do. False whenever
    unsure (the parser of the ``re`` module is private; a pattern it reads otherwise is simply not sped up)."""
    try:
        from re import _constants as c
        from re import _parser

        items = _parser.parse(pattern.pattern, pattern.flags).data
    except Exception:  # pragma: no cover - another Python's private parser
        return False
    items = list(items)
    while items and items[0][0] in (c.ASSERT, c.ASSERT_NOT):  # a lookbehind ("(?<!so-)"): zero width
        items.pop(0)
    return len(items) > 1 and items[0] == (c.AT, c.AT_BOUNDARY) and _word_first(items[1], c)


def _word_char(code: int) -> bool:
    return chr(code).isascii() and chr(code).isalnum()


def _word_first(item, c) -> bool:
    """Whether the parsed regex ``item`` can only match starting with a word character (ASCII letters and digits
    only: that holds under every flag)."""
    op, arg = item
    if op is c.LITERAL:
        return _word_char(arg)
    if op is c.IN:
        return all((o is c.LITERAL and _word_char(a)) or (o is c.RANGE and all(map(_word_char, range(a[0], a[1] + 1))))
                   for o, a in arg)
    if op is c.SUBPATTERN:
        body = arg[-1].data
        return bool(body) and _word_first(body[0], c)
    if op is c.BRANCH:
        return all(bool(b.data) and _word_first(b.data[0], c) for b in arg[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, body = arg
        return low >= 1 and bool(body.data) and _word_first(body.data[0], c)
    return False


def _found(joined: re.Pattern | None, patterns: tuple[re.Pattern, ...], text: str) -> bool:
    """Whether any of ``patterns`` matches ``text``, through their alternation ``joined`` when there is one."""
    if joined is not None:
        return joined.search(text) is not None
    return any(p.search(text) for p in patterns)


# where a sentence ends: its stop (and a closing quotation mark or bracket), then space
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019\u00bb)]*\s+")


def _compile(patterns: list[str], where: str) -> tuple[re.Pattern, ...]:
    out = []
    for pattern in patterns:
        try:
            out.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"lexicon {where}: bad pattern {pattern!r}: {exc}") from exc
    return tuple(out)


def parse_lexicon(raw: bytes, where: str = "lexicon") -> Lexicon:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        topic = data["topic"]
        stance = data["stance"]
        return Lexicon(
            topic=topic["name"],
            language=topic.get("language", "en"),
            terms=_compile(topic["terms"], f"{where} [topic].terms"),
            weak_terms=_compile(topic.get("weak_terms", []), f"{where} [topic].weak_terms"),
            traps=_compile(topic.get("traps", []), f"{where} [topic].traps"),
            context=_compile(topic.get("context", []), f"{where} [topic].context"),
            article_context=_compile(topic.get("article_context", []), f"{where} [topic].article_context"),
            min_context=int(topic.get("min_context", 0)),
            civilian=frozenset(w.lower() for w in topic.get("civilian_parties", []) + topic.get("civilian_matters", [])),
            reporting_lemmas=frozenset(data["verbs"]["reporting"]),
            attack_lemmas=frozenset(data["verbs"].get("attack", [])),
            speaker_roles=frozenset(data.get("speakers", {}).get("roles", [])),
            commentators=frozenset(data.get("speakers", {}).get("commentators", [])),
            stance={k: _compile(v, f"{where} [stance].{k}") for k, v in stance.items()},
            cameo=dict(data.get("cameo", {})),
            cameo_patterns={k: _compile(v, f"{where} [cameo_patterns].{k}") for k, v in data.get("cameo_patterns", {}).items()},
            condition_markers=tuple(sorted(data["conditions"]["markers"], key=len, reverse=True)),
            condition_clause_words=tuple(data["conditions"].get("clause_words", [])),
            duration=re.compile(data["duration"]["pattern"], re.IGNORECASE),
            digest=hashlib.sha256(raw).hexdigest()[:12],
            figurative_weight=int(topic.get("figurative_weight", 2)),
            attitudes=frozenset(w.lower() for w in data.get("leads", {}).get("attitudes", [])),
        )
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where} is not a valid lexicon file: {type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon at ``path``, or the bundled ceasefire lexicon."""
    if path:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read lexicon {path}: {exc}") from exc
        return parse_lexicon(raw, str(path))
    raw = resources.files("pipeline.nlp").joinpath("data", DEFAULT_LEXICON).read_bytes()
    return parse_lexicon(raw, DEFAULT_LEXICON)


DEFAULT_EVALUATION = "evaluation.toml"


@dataclass(frozen=True)
class Evaluation:
    """Evaluative language (pipeline/nlp/data/evaluation.toml): lemma sequences by class, for the stance rules."""

    negative: tuple[tuple[str, ...], ...]  # pretence and futility: "charade", "written in sand"
    sincerity: frozenset[str]  # negated, a dismissal: "not serious", "without meaning it"
    durability: frozenset[str]  # negated in the future, a doubt: "will not hold"
    existence: frozenset[str]  # restricted by "only": "exists only on paper"
    recurrence_verbs: frozenset[str]  # "we have seen this before"
    recurrence_markers: frozenset[str]
    contrast_subjects: frozenset[str]  # "it is a painkiller, not a cure"
    positive: frozenset[str]  # what a valued arrangement is called: "a first step"
    qualities: frozenset[str]  # what a valued arrangement is: "welcome", "binding"
    volition: frozenset[str]  # "we want it to work"
    condemned: frozenset[str]  # what a condemned arrangement is called or is: "a betrayal", "one-sided"
    digest: str

    def negative_at(self, lemmas: list[str]) -> list[tuple[int, int]]:
        """(first, last + 1) token indices of every negative entry in a sentence's lemmas."""
        found = []
        by_first = _entries_by_first(self.negative)
        for first in by_first.keys() & {*lemmas, None}:  # only the entries whose first lemma is in the sentence
            for entry in by_first[first]:
                n = len(entry)
                found += [(i, i + n) for i in range(len(lemmas) - n + 1) if tuple(lemmas[i : i + n]) == entry]
        return sorted(found)


@lru_cache(maxsize=4)
def _entries_by_first(entries: tuple[tuple[str, ...], ...]) -> dict[str | None, tuple[tuple[str, ...], ...]]:
    """``entries`` grouped by their first lemma (None: an empty entry, which matches everywhere)."""
    out: dict[str | None, tuple[tuple[str, ...], ...]] = {}
    for entry in entries:
        first = entry[0] if entry else None
        out[first] = out.get(first, ()) + (entry,)
    return out


def parse_evaluation(raw: bytes, where: str = "evaluation") -> Evaluation:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        words = [w for group in data.get("negative", {}).values() for w in group]
        negated = data.get("negated", {})
        return Evaluation(
            negative=tuple(tuple(w.lower().replace("-", " - ").split()) for w in words),
            sincerity=frozenset(w.lower() for w in negated.get("sincerity", [])),
            durability=frozenset(w.lower() for w in negated.get("durability", [])),
            existence=frozenset(w.lower() for w in data.get("restricted", {}).get("existence", [])),
            recurrence_verbs=frozenset(w.lower() for w in data.get("recurrence", {}).get("verbs", [])),
            recurrence_markers=frozenset(w.lower() for w in data.get("recurrence", {}).get("markers", [])),
            contrast_subjects=frozenset(w.lower() for w in data.get("contrast", {}).get("subjects", [])),
            positive=frozenset(w.lower() for w in data.get("positive", {}).get("names", [])),
            qualities=frozenset(w.lower() for w in data.get("positive", {}).get("qualities", [])),
            volition=frozenset(w.lower() for w in data.get("positive", {}).get("volition", [])),
            condemned=frozenset(w.lower() for group in data.get("condemned", {}).values() for w in group),
            digest=hashlib.sha256(raw).hexdigest()[:12],
        )
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{where} is not a valid evaluation lexicon: {type(exc).__name__}: {exc}; "
                          f"see pipeline/nlp/data/{DEFAULT_EVALUATION} for the format") from exc


@lru_cache(maxsize=1)
def load_evaluation() -> Evaluation:
    """The bundled evaluative lexicon."""
    raw = resources.files("pipeline.nlp").joinpath("data", DEFAULT_EVALUATION).read_bytes()
    return parse_evaluation(raw, DEFAULT_EVALUATION)


@lru_cache(maxsize=1)
def data_digest() -> str:
    """A hash of every bundled rule file (pipeline/nlp/data): a cached analysis made with other word lists or
    frames is redone, in every language. Listing the files one by one missed new ones (stance_frames.toml): an
    edit to such a file changed what the rules say while the cache went on serving the old analyses."""
    data = resources.files("pipeline.nlp").joinpath("data")
    digest = hashlib.sha256()
    for item in sorted(data.iterdir(), key=lambda f: f.name):
        if item.is_file():
            digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    return digest.hexdigest()[:8]
