"""Article-level resolution over cached paragraph analyses: cheap, deterministic, no model needed.

- mentions get offsets into ``articles.text`` (paragraph offset + the paragraph's place in the text);
- a short mention resolves to the fullest mention of the same entity in the article ("Putin" ->
  "Vladimir Putin"); across the corpus an entity is its normalised name and label;
- statement speakers: names resolve like mentions; pronouns ("he") to the most recent person; role nouns
  ("the minister", "the army") to the most recent person titled so, or organisation named so; a quote with no
  speech verb continues the previous speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise, takewhile

from ..urls import stable_id
from .attribution import REPORTERS, _forms
from .context import about_armed_truce
from .detect import host_formula
from .letters import letter_writers
from .model import titles
from .multilingual import bare_forms, language_cues
from .spans import ParagraphAnalysis
from .stance_model import relabel

ORG_ROLE_WORDS = frozenset({
    "army", "military", "ministry", "government", "group", "militia", "movement", "council", "office", "forces",
    "rebels", "presidency", "cabinet", "administration", "command", "authorities", "coalition", "alliance",
    "organisation", "organization", "agency", "mission", "committee", "kremlin", "embassy", "parliament", "faction",
})
# role words that stand for whichever organisation the article is about, and the names that can fill them
# ("forces" alone is no army: "Rapid Support Forces", "Syrian Democratic Forces" are the army's adversaries)
_ARMY_NAMES = ("army", "armed forces", "military", "defense forces", "defence forces", "forces armées", "tatmadaw")
GENERIC_ORG_WORDS = {"group": (), "movement": (), "militia": (), "faction": (), "rebels": (),
                     "army": _ARMY_NAMES, "military": _ARMY_NAMES}
# words that name a state's own body: "the group" or "the rebels" never stand for a ministry or a government
STATE_BODY_WORDS = frozenset({"ministry", "government", "presidency", "cabinet", "parliament", "embassy",
                              "administration", "department", "office", "council", "senate", "court",
                              # nor for the news outlet that carried its words
                              "agency", "news", "newspaper", "broadcaster", "television", "radio", "channel"})
# the same in French and Russian, whose bodies' names open on the word ("Le Conseil prévient" after "le Conseil de
# paix et de sécurité de l'Union africaine", "Министерство призывает" after "Министерство иностранных дел ...")
HEAD_FIRST_BODIES = frozenset({"conseil", "ministère", "commission", "mission", "comité", "министерство", "совет",
                               "комиссия", "миссия", "комитет"})
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
# sources that are documents speak for whoever issued them ("the statement said", "the communique added")
DOCUMENT_WORDS = frozenset({"statement", "communique", "communiqué", "declaration", "letter", "memo", "post", "message",
                            "announcement"})
# what a source never is (the guidelines: a person, a body, a state or a document's issuer): an agreement, a claim
# or a finding, whose words are no one's say unless its author is named with it ("a challenge brought by X")
_NEVER_SPEAKS = frozenset({"challenge", "claim", "deal", "agreement", "accord", "preamble", "finding", "transcript",
                           "draft", "truce", "ceasefire", "record", "evidence"})
# ("another diplomat" is a second unnamed source, never the one named before)
UNRESOLVED_DETERMINERS = ("a ", "an ", "one ", "some ", "two ", "three ", "several ", "many ", "another ")
# an unnamed source is named by what it is, not by how many were asked or which one: "one European diplomat",
# "the four local officials", "another Western diplomat" -> "European diplomat", "local officials", "Western diplomat"
_UNNAMED_LEAD = re.compile(r"^(?:(?:a|an|the|another)\s+)?(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|several|some"
                           r"|many|\d+)\s+)?(?=\S)", re.IGNORECASE)


def unnamed_form(phrase: str) -> str:
    """``phrase`` without its article and its count, the form an unnamed source is named by."""
    return _UNNAMED_LEAD.sub("", phrase, count=1)


@dataclass(frozen=True)
class Mention:
    article_id: str
    entity_id: str
    name: str
    label: str
    start_char: int
    end_char: int
    text: str
    position: int  # paragraph position in the article
    written: str | None = None  # ``text`` in its nominative (Russian; EntitySpan.written), not stored


@dataclass(frozen=True)
class Quote:
    quote_id: str
    article_id: str
    paragraph_id: str
    position: int  # paragraph of the content's start
    end_position: int  # paragraph of its end (a quotation continued over paragraphs)
    start_char: int  # the content, offsets into articles.text
    end_char: int
    text: str
    speaker: str | None  # resolved: the fullest name in the article, or the source as written
    speaker_entity_id: str | None
    speaker_kind: str
    source_text: str | None  # the source mention as written ("he", "the minister")
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    direct: bool
    rule: str


@dataclass(frozen=True)
class Statement:
    statement_id: str
    article_id: str
    paragraph_id: str
    position: int
    start_char: int
    end_char: int
    text: str
    speaker: str | None
    speaker_entity_id: str | None
    speaker_kind: str
    direct_quote: bool
    stance: str
    conditions: tuple[str, ...]
    duration: str | None
    cameo_code: str | None
    rule: str
    quote_id: str | None = None


@dataclass(frozen=True)
class ArticleNlp:
    mentions: list[Mention]
    statements: list[Statement]
    quotes: list[Quote]


_CYRILLIC = re.compile("[\u0400-\u04ff]")

def entity_id(name: str, label: str) -> str:
    return stable_id("entity", label, " ".join(name.casefold().split()))


def _tokens(name: str) -> list[str]:
    return name.casefold().replace("-", " ").split()


def _fullest(names: Sequence[str], name: str) -> str:
    """The longest name in ``names`` that ends with (or equals) ``name``'s words: "Putin" -> "Vladimir Putin"."""
    words = _tokens(name)
    best = name
    for candidate in names:
        cw = _tokens(candidate)
        if len(cw) > len(_tokens(best)) and cw[-len(words):] == words:
            best = candidate
    return best


_INITIALS = re.compile(r"^(?:\w\.)+$")


def _initialled(names: Sequence[str], name: str) -> str | None:
    """A surname after initials ("С. Лавров", "В.В. Путин", "J. Smith") is the one person the article named in full
    with that surname and a given name opening on the first initial."""
    words = name.split()
    if len(words) < 2 or not all(_INITIALS.match(w) for w in words[:-1]):
        return None
    initial, surname = words[0][0].casefold(), _tokens(words[-1])
    fuller = {n for n in names if len(_tokens(n)) > 1 and _tokens(n)[-len(surname):] == surname
              and not _INITIALS.match(n.split()[0]) and _tokens(n)[0].startswith(initial)}
    return next(iter(fuller)) if len(fuller) == 1 else None


# the case endings a Russian surname takes on its stem (Лавров-а/-у/-ым/-е, Сибиг-и/-е/-у/-ой, Шойгу, Рютте)
_SURNAME_ENDINGS = frozenset({"", "а", "я", "у", "ю", "е", "ы", "и", "ой", "ей", "ою", "ом", "ем", "ым", "им", "ого",
                              "его", "ому", "ему", "ую", "юю"})
_STEM_VOWELS = "аяоеыиуюйь"
_CYRILLIC_WORD = re.compile(r"^[а-яё-]+$")


def _declined(names: Sequence[str], name: str) -> str | None:
    """A lone Russian surname in a case the nominative guess missed ("Сибиги", or "Рютте" read as "Рютта") is the
    one person the article named in full whose surname declines to it: the two share the surname's stem (without
    its last vowel) and what follows is a case ending. The analyser names an oblique surname by a guessed
    nominative, which fails on the -а surnames and the foreign ones that do not decline."""
    word = name.casefold().replace("ё", "е")
    if not _CYRILLIC_WORD.match(word) or len(word) < 4:
        return None
    fuller = set()
    for n in names:
        words = _tokens(n)
        if len(words) < 2:
            continue
        surname = words[-1].replace("ё", "е")
        stem = surname[:-1] if surname[-1] in _STEM_VOWELS else surname
        if len(stem) >= 3 and word.startswith(stem) and word[len(stem):] in _SURNAME_ENDINGS:
            fuller.add(n)
    return next(iter(fuller)) if len(fuller) == 1 else None


def _middle_dropped(names: Sequence[str], name: str) -> str | None:
    """A given name and surname written without the middle name the article gave once ("Idris al-Werfalli" after
    "Idris Mukhtar al-Werfalli", a host's "Ana Ruiz" after "Ana María Ruiz"): the one person whose fuller name
    opens on the same given name and ends on the same surname; None when no one, or two, do."""
    words = name.split()
    if len(words) != 2:
        return None
    first, last = _tokens(words[0]), _tokens(words[1])
    fuller = {n for n in names if len(_tokens(n)) > len(first) + len(last)
              and _tokens(n)[:len(first)] == first and _tokens(n)[-len(last):] == last}
    return next(iter(fuller)) if len(fuller) == 1 else None


def _by_first_name(names: Sequence[str], name: str) -> str:
    """A name no fuller name ends with is a given name ("Mette" after "Mette Lund", as reporting on people
    named by their given name does), or given names and a kunya ("Umm Salim" after "Umm Salim Barakeh"): the one
    person whose name starts with its words; kept when two do."""
    words = _tokens(name)
    if not words:
        return name
    fuller = {n for n in names if len(_tokens(n)) > len(words) and _tokens(n)[:len(words)] == words}
    return next(iter(fuller)) if len(fuller) == 1 else name


def resolve_article(
    article_id: str,
    occurrences: Sequence[tuple[int, str, int]],  # (position, paragraph_id, text_start) of first occurrences
    analyses: dict[str, ParagraphAnalysis],
    lexicon=None,
    title: str | None = None,
    *,
    learned_stance: bool = True,
) -> ArticleNlp:
    """Mentions, statements and attributions (quotes) of one article. With a ``lexicon``, its article-level filters apply: too little
    conflict context drops every statement (a "truce" between neighbours), and statements found only by a weak
    cue need a statement with a topic term in the same article. A ``title`` that names the text as a document
    of its issuer (a press release, a communiqué, a policy brief, the full text of an address) gives that issuer
    the sentences no one else is found to say. English statements then get the learned stance
    (:mod:`.stance_model`), unless ``learned_stance`` is false (the rules' own stance: what the model is trained on)."""
    analyses = _bare_forms_owned_elsewhere(analyses, [pid for _, pid, _ in occurrences], getattr(lexicon, "language", "en"))
    raw = []  # (article offset, paragraph position, entity span)
    for position, pid, text_start in occurrences:
        analysis = analyses.get(pid)
        if analysis is None:
            continue
        for e in analysis.entities:
            e = _joined_given_name(_without_portfolio(e), analysis.entities)
            if getattr(lexicon, "language", "en") == "en":
                e = _titled_given_name(e, analysis.entities)
            raw.append((text_start, position, e))
    person_names = sorted({e.name for _, _, e in raw if e.label == "PERSON"}, key=lambda n: (-len(n), n))

    acronyms = _defined_acronyms(raw)

    org_names = sorted({e.name for _, _, e in raw if e.label == "ORG"}, key=lambda n: (-len(n), n))
    # each body as the article writes it (nominative), beside its name: a gazetteer's body is named in English
    org_forms = sorted({(e.written or e.text, e.name) for _, _, e in raw if e.label == "ORG"} | {(n, n) for n in org_names})

    # where the article names each body (article offsets): a short form two bodies could own is the nearer before it
    org_at: dict[str, list[tuple[int, int]]] = {}  # name -> (article offset, paragraph position) of each mention
    for text_start, position, e in raw:
        if e.label == "ORG":
            org_at.setdefault(e.name, []).append((text_start + e.start, position))

    def canonical(name: str, label: str, at: int | None = None) -> str:
        if label == "PERSON":
            fullest = _by_first_name(person_names, _fullest(person_names, name))
            if fullest == name:  # "Ibarra" after "Tomás Ibarra Soto": the one person with that inner surname
                inner = {n for n in person_names if _inner(_tokens(n), _tokens(name))}
                fullest = next(iter(inner)) if len(inner) == 1 else name
            if fullest == name:  # "С. Лавров", "Сибиги" after "Сергей Лавров", "Андрей Сибига"
                fullest = _initialled(person_names, name) or _declined(person_names, name) or name
            if fullest == name:  # "Idris al-Werfalli" after "Idris Mukhtar al-Werfalli"
                fullest = _middle_dropped(person_names, name) or name
            return fullest
        if label != "ORG":
            return name
        if name in acronyms:
            return acronyms[name]
        # a short form the article also gives in full, and only one way ("Army Command" after "Lebanese Army
        # Command", "Levchuk" after "Taras Levchuk" read as an organisation); one two names share stays as written
        words = _tokens(name)
        fuller = [n for n in org_names if len(_tokens(n)) > len(words) and _tokens(n)[-len(words):] == words]
        if not fuller:  # "Генштаб", "штаб" after "Генеральный штаб Вооружённых сил Украины"
            fuller = _shortened(org_forms, words)
            if at is not None and len(fuller) > 1 and _one_body(fuller) is None:
                fuller = _nearest_before(fuller, org_at, at)
        if not fuller and len(words) == 1 and (words[0] in ORG_ROLE_WORDS or words[0] in HEAD_FIRST_BODIES):
            # "the Ministry" in a press release that opened with "the Ministry of Foreign Affairs of ..."
            fuller = [n for n in org_names if len(_tokens(n)) > 1 and words[0] in _tokens(n)]
            if len(fuller) > 1:
                # "the Office" is the "Office of the High Commissioner ...", whose head it is, not the
                # "Communications Office of the Presidency", which the article would call "the Communications Office"
                fuller = [n for n in fuller if _tokens(n)[0] == words[0]] or fuller
        return _one_body(fuller) or name

    mentions = []
    for text_start, position, e in raw:
        label = e.label
        if label in ("ORG", "NORP") and len(_tokens(e.name)) == 1:
            # a surname the model read as an organisation or a people ("Verbytska told reporters", "Back at the
            # bakery, Qudaih is ...") after the person's full name: the same person, when exactly one person's
            # name ends with it
            people = {n for n in person_names if len(_tokens(n)) > 1 and _tokens(n)[-1:] == _tokens(e.name)} \
                or {n for n in person_names if _inner(_tokens(n), _tokens(e.name))}
            label = "PERSON" if len(people) == 1 else label
        name = _slash_pair(e, acronyms, canonical) if label == "ORG" else None
        name = name or canonical(e.name, label, text_start + e.start)
        mentions.append(Mention(article_id, entity_id(name, label), name, label, text_start + e.start,
                                text_start + e.end, e.text, position, e.written))
    mentions.sort(key=lambda m: m.start_char)

    roles = getattr(lexicon, "speaker_roles", frozenset())
    quotes = _article_quotes(article_id, occurrences, analyses, mentions, canonical, raw, roles)
    statements = []
    last_speaker: tuple[str | None, str | None] = (None, None)
    present = [analyses[pid] for _, pid, _ in occurrences if pid in analyses]
    if lexicon is not None and not about_armed_truce(present, lexicon):
        # too little armed conflict, or truce words used as names, dates of the past or civilian figures
        return ArticleNlp(mentions, [], [q for q in quotes if q.rule != "label:voice"])
    has_term = any(st.evidence == "term" for a in present for st in a.statements)
    reports_joint = getattr(lexicon, "language", "en") in ("en", "fr")
    english = getattr(lexicon, "language", "en") == "en"
    # French and Russian analysers mark "carry" only for a sentence with a speech cue or a stance of its own: right
    # after a paragraph that made statements, an unnamed source ("le commandant", "un cadre") carries it too
    unnamed_carry = getattr(lexicon, "language", "en") in ("fr", "ru")
    previous_speakers: set[str | None] = set()  # who made statements in the paragraph before this one (if any)
    stated: tuple[int, set[str | None]] = (-1, set())  # the last paragraph that made statements, and who made them
    said_at: dict[int, set[str | None]] = {}  # paragraph position -> who made statements there
    one_of: dict[str, str | None] = {}  # quote id -> the one of a group it stands for ("said one")
    page_issuer = _issuer(title, mentions, occurrences, raw, _title_genres(getattr(lexicon, "language", "en"))) \
        or _kicker_issuer(quotes)
    transcript = _is_transcript(a_q for a in present for a_q in a.quotes)
    letters = _letters(title, occurrences, analyses, mentions, lexicon)
    for position, pid, text_start in occurrences:
        analysis = analyses.get(pid)
        if analysis is None:
            continue
        issuer = letters.get(position, page_issuer)  # on a letters page, each letter is its writer's document
        speakers: set[str | None] = set()
        recommends = issuer is not None and _recommendations(analysis)
        first_here = len(statements)  # this paragraph's statements start here
        for s in analysis.statements:
            if s.evidence != "term" and not has_term:
                continue
            start, end = text_start + s.start, text_start + s.end
            quote = _quote_of(quotes, start, end)
            voice = quote is not None and quote.rule == "label:voice"
            quote_at, quote = quote, None if voice else quote
            # not in Russian: its sets leave a joint act that mediators report ("..., сообщили посредники") with no
            # speaker (the guidelines do not settle it), and the rule cost two of their speakers
            reported = s.speaker_kind in ("joint", "silent") and reports_joint and _told_by_one(quote, start, end)
            holder = _position_holder(s, start, mentions)
            if holder is not None:
                # "Kyiv's position, set out by the deputy minister, X, is that ...": the holder's, not the content's
                speaker, speaker_id = holder
            elif (s.speaker_kind in ("joint", "silent") and not reported) or _joint_source(quote, start, end) or (
                    s.speaker_kind == "narrative" and (
                    quote is None or quote.cue_start is None or start <= quote.cue_start < end)):
                # both sides at once ("X and Y accused each other"), someone's silence ("X did not say"), or the
                # narrator's sentence whose only source is in a side clause ("a day after Kyiv proposed a truce"),
                # unless the sentence is itself what another sentence's source says
                speaker, speaker_id = None, None
            elif voice and (s.speaker_kind in ("continuation", "narrative") or _own_turn(s, quote_at)):
                # a presenter's later turn ("DLAMINI: Both of you accuse ..."): the programme's narrative
                speaker, speaker_id = None, None
            elif quote is not None and quote.speaker is None and s.speaker_kind == "continuation" and _heading(quote):
                # a sentence under a section heading ("HIGHLIGHTS: ..."): no one it continues
                speaker, speaker_id = None, None
            elif quote is not None and quote.speaker_kind == "other" and (quote.speaker or "").lower() == "one" \
                    and (quote.quote_id in one_of or _one_of(last_speaker)):
                # "..., said one" after "Western diplomats in the capital see ...": one of that group
                one_of.setdefault(quote.quote_id, _one_of(last_speaker))
                speaker, speaker_id = one_of[quote.quote_id], None
            elif english and _reported_in_turn(s, quote, text_start):
                # a third party the turn reports by a reporting verb ("A: The Union says ..."): that party's say,
                # not the turn's speaker's (the house convention for transcripts and interviews)
                speaker, speaker_id = _resolve_speaker(s, text_start, start, mentions, canonical, last_speaker, raw,
                                                       contents=[(q.start_char, q.end_char) for q in quotes],
                                                       sources=quotes, roles=roles, transcript=transcript,
                                                       gendered=unnamed_carry)
                if speaker and speaker_id is None and speaker.lower().startswith(UNRESOLVED_DETERMINERS):
                    speaker = unnamed_form(speaker)  # "a commander of the X division told us": unnamed, as written
            elif quote is not None and quote.speaker is not None and not _names_topic(quote.speaker, lexicon):
                # the attribution layer read who is talking; the statement inherits it
                speaker, speaker_id = quote.speaker, quote.speaker_entity_id
            else:
                # no attribution found: the statement's own reading (an actor's act, "Hamas rejected the truce")
                speaker, speaker_id = _resolve_speaker(s, text_start, start, mentions, canonical, last_speaker, raw,
                                                       contents=[(q.start_char, q.end_char) for q in quotes],
                                                       sources=quotes, roles=roles, transcript=transcript,
                                                       gendered=unnamed_carry)
            if english and voice and speaker is None and _ENDS_ASKING.search(s.text):
                # a question in the host's own voice ("HOST: Does the Front accept that ...?"): put to the guest,
                # not labelled (the house convention); a party the host reports asking keeps its source
                continue
            held = None  # a lead-in's holder and predicate, as paragraph offsets
            if speaker is None and s.evidence == "lead" and s.speaker_kind == "none":
                # "Analysts were sceptical.": the attitude a lead-in gives its subject is the subject's say
                speaker, speaker_id, held = _lead_holder(s, start, mentions)
            if speaker and speaker_id is None:
                speaker, speaker_id = _named_person(speaker, mentions, canonical)
            if speaker and speaker_id is None:
                speaker, speaker_id = _body_spoken_for(speaker, mentions) or (speaker, speaker_id)
            if speaker and speaker_id is None and unnamed_carry and s.speaker_kind in ("role", "other"):
                # (French and Russian) a role no one named holds ("Министр обороны России поручил ..."): the
                # phrase as written, without the English article the analyser marks a role with, as an
                # attribution's unnamed source is written
                speaker = unnamed_form(speaker)
            speaker = speaker or None
            before = previous_speakers or _turn_before(quote, position, stated) or _before_quotation(quote, quotes, position,
                                                                                                      said_at)
            courtesy = _COURTESY.match(s.text)
            if courtesy and (s.evidence in ("quote", "carry") or courtesy.group("whole")):
                # "Thank you both.", "Good evening.": a turn's courtesy, no word on anything; a whole sentence of
                # introduction, welcome or sign-off ("I'm Lena Fischbach.") is none even in a turn about the truce
                continue
            if s.evidence == "quote" and (speaker is None or not (before | speakers) - {None}) \
                    and not (s.direct_quote and _quoted_statement_before(statements[first_here:])):
                # quoted words that name neither the truce nor the fighting: only right after a party's say, in
                # the paragraph before or earlier in this one ("X said the truce had expired. “We see no
                # grounds to extend it,” X's spokesman said.")
                continue
            if s.evidence == "carry" and (not before or speaker is None and not (unnamed_carry and previous_speakers)):
                continue  # quoted words in a paragraph that does not name the truce: only right after one that does
            if s.evidence == "carry" and unnamed_carry and not previous_speakers and _turn(quote):
                continue  # a French or Russian turn's label names who speaks, it makes no statement (see _turn)
            speakers.add(speaker)
            if issuer is not None and (issuer.writes(s, quote) or issuer.own(speaker, speaker_id, quote, s)
                                       or english and issuer.argues(s, quote, start, lexicon)
                                       or english and issuer.refers_to_itself(s, quote)
                                       or english and issuer.answers(s, quote)
                                       or recommends and not (quote is not None and quote.direct) or speaker is None
                                       and s.speaker_kind not in ("joint", "silent") and issuer.says(s)):
                # the document's own voice is its issuer's, not a reporter's narrative (the guidelines' NULL is
                # for facts a reporter tells); both sides' joint acts stay NULL here too. Not a source for the
                # pronouns and roles after it: those are resolved as in any article
                statements.append(_statement(article_id, pid, position, start, end, s, issuer.name,
                                             issuer.entity_id, quote))
                continue
            if speaker is not None:
                last_speaker = (speaker, speaker_id)
                if quote is None and (s.cue_start is not None or held is not None):
                    # The statement's own reading found who speaks or acts ("Hamas rejected the truce", "one
                    # that officials presented as a sign ..."): that is an attribution too, so it gets its row
                    # in `quotes`, and every statement with a speaker links the attribution it rests on.
                    quote = _statement_quote(article_id, pid, position, text_start, s, speaker, speaker_id, held)
                    quotes.append(quote)
            statements.append(_statement(article_id, pid, position, start, end, s, speaker, speaker_id, quote))
        if speakers or analysis.statements or not analysis.heading:
            # a heading that states nothing ("What happens next?") does not part the quotation after it from the
            # party's say before it; an aside or a paragraph off the topic does
            previous_speakers = speakers
        stated = (position, speakers) if speakers else stated
        said_at[position] = speakers
    # the programme's voice attributes nothing; a kicker only marks a document's issuer
    quotes = [q for q in quotes if q.rule not in ("label:voice", KICKER_RULE)]
    written = _written_names(mentions, _spelled_out(raw))
    statements = [replace(s, speaker=written.get(s.speaker_entity_id, s.speaker)) for s in statements]
    quotes = [replace(q, speaker=written.get(q.speaker_entity_id, q.speaker)) for q in quotes]
    if learned_stance:
        # the model read the rules' decision on the finished statement (its speaker, quote and stance) and beat
        # the rules' label on every frozen set (issue #14); the rules' stance stays in ``rule``
        statements = relabel(statements, lexicon)
    return ArticleNlp(mentions, statements, quotes)


_QUOTATION_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb\u201e]")


def _quoted_statement_before(here) -> bool:
    """A statement earlier in the paragraph that is a quotation naming the truce ("“We have counted two hundred
    breaches,” said X."): the quoted words that go on after it are the same voice on it, whoever resolution finds
    the speaker to be (or not)."""
    return any(st.direct_quote or _QUOTATION_MARK.search(st.text) for st in here)


@lru_cache(maxsize=1)
def _short_forms() -> tuple[dict[str, list[str]], frozenset[str]]:
    """Russian compound abbreviations and the words they shorten ("генштаб" -> "генеральный штаб"), and the head
    nouns that stand alone for the body they head ("штаб", "командование"): data/short_forms_ru.txt."""
    raw = resources.files("pipeline.nlp").joinpath("data", "short_forms_ru.txt").read_text(encoding="utf-8")
    expansions, heads = {}, set()
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            short, full = line.split("=", 1)
            expansions[short.strip()] = full.split()
        elif line:
            heads.add(line)
    return expansions, frozenset(heads)


def _plain(words: list[str]) -> list[str]:
    return [w.replace("ё", "е") for w in words]


def _shortened(forms: Sequence[tuple[str, str]], words: list[str]) -> list[str]:
    """The names of the bodies (``forms``: as written, and named) a Russian short form stands for: those written
    opening on the words its compound abbreviation shortens, the rest of the short form following ("Генштаб" ->
    "Генеральный штаб Вооружённых сил Украины"), or, for a head noun alone ("штаб", "Командование"), those whose
    first or second written word it is (after an adjective: "Генеральный штаб ..."). A body the article itself
    names by a short form and its owner ("Генштаб России", "МИД Украины") is one of them too, so "Генштаб" after
    both the Ukrainian and the Russian staff is two bodies, never the other side's. The article's one body of
    that kind is what the caller keeps."""
    if not words or not _CYRILLIC.search(words[0]):
        return []
    expansions, heads = _short_forms()
    written = [(_written_in_full(_tokens(f), expansions), n) for f, n in forms]
    if words[0] in expansions:
        opening = _plain(expansions[words[0]] + words[1:])
        return sorted({n for f, n in written if len(f) > len(opening) and _plain(f)[:len(opening)] == opening})
    if len(words) == 1 and words[0] in heads:
        return sorted({n for f, n in written if len(f) > 1 and words[0] in f[:2]})
    return []


def _written_in_full(words: list[str], expansions: dict[str, list[str]]) -> list[str]:
    """A body's written words with the compound abbreviation it opens on spelled out ("Генштаб России" ->
    генеральный штаб россии), so that an owned short form compares with full names."""
    return expansions[words[0]] + words[1:] if words and words[0] in expansions else words


def _nearest_before(names: list[str], named_at: dict[str, list[tuple[int, int]]], at: int) -> list[str]:
    """Of the bodies a short form could stand for, the one the article named last before ``at`` ("Генштаб России
    обвинил Киев. Как заявил Генштаб, ..." is Russia's staff, though Ukraine's was named in full above); none when
    the article named none of them before it, or named another in the same paragraph as that one ("the staffs of
    X and of Y met"), where the nearer is no more meant than the other."""
    before = {n: max((x for x in named_at.get(n, ()) if x[0] < at), default=(-1, -1)) for n in names}
    last = max(before, key=lambda n: before[n][0])
    if before[last][0] < 0 or any(before[n][1] == before[last][1] for n in names if n != last):
        return []
    return [last]


def _bare_forms_owned_elsewhere(analyses: dict[str, ParagraphAnalysis], pids: Sequence[str],
                                language: str) -> dict[str, ParagraphAnalysis]:
    """The analyses with each gazetteer body's bare short form ("Минобороны", which the gazetteer maps to Russia's
    ministry) taken back to the form as written where the article names another owner's body of that kind
    ("Министерство обороны Валдории", "Минобороны Украины"): the article does not speak of Russia's ministry
    there, so the short form is left to the resolver (the article's own body, or as written), and so is the source
    it names. Where the article names no other, the gazetteer's body stands ("Минобороны" alone is Russia's)."""
    if language == "en":
        return analyses
    bare = {name: {tuple(_plain(_tokens(" ".join(f)))) for f in forms} for name, forms in bare_forms(language).items()}
    expansions, _ = _short_forms()
    present = [analyses[pid] for pid in dict.fromkeys(pids) if pid in analyses]
    owned = [(e.name, _plain(_written_in_full(_tokens(e.written or e.text), expansions)))
             for a in present for e in a.entities if e.label == "ORG"]

    def elsewhere(e) -> bool:
        words = _plain(_tokens(e.written or e.text))
        if e.label != "ORG" or tuple(words) not in bare.get(e.name, ()):
            return False
        opening = _plain(_written_in_full(words, expansions))
        return any(n != e.name and len(f) > len(opening) and f[:len(opening)] == opening
                   and _owner_follows(f[len(opening):], language) for n, f in owned)

    out = dict(analyses)
    for a in present:
        taken = [e for e in a.entities if elsewhere(e)]
        if taken:
            out[a.paragraph_id] = replace(a, entities=tuple(_taken_back(e) if e in taken else e for e in a.entities),
                                          quotes=tuple(_source_taken_back(q, taken) for q in a.quotes))
    return out


def _owner_follows(words: list[str], language: str) -> bool:
    """Whether the words after a bare short form name its owner: a French owner is a complement ("Conseil de
    sécurité de Valdorie"), where an adjective makes another kind of body ("Conseil de sécurité nationale"); a
    Russian owner is a genitive ("Минобороны Украины"), which the nominative's words do not tell apart."""
    if language != "fr":
        return True
    return words[0] in ("de", "du", "des") or words[0].startswith(("d'", "d\u2019"))


def _taken_back(e):
    return replace(e, name=e.written or e.text)


def _source_taken_back(q, taken):
    """A source that names a taken-back body by the gazetteer's name names it as written."""
    if q.speaker_start is None or q.speaker_end is None:
        return q
    hit = next((e for e in taken if q.speaker_start <= e.start < q.speaker_end and e.name == q.speaker_name), None)
    return q if hit is None else replace(q, speaker_name=_taken_back(hit).name)


def _one_body(names: list[str]) -> str | None:
    """The one body ``names`` stand for: the longest, when every other is a tail of it ("Peacemaking Negotiation
    Committee", a cut the model made of "National Solidarity and Peacemaking Negotiation Committee"); None when
    they name different bodies."""
    if not names:
        return None
    longest = max(names, key=lambda n: len(_tokens(n)))
    whole = _tokens(longest)
    return longest if all(whole[-len(_tokens(n)):] == _tokens(n) for n in names) else None


# a state's armed forces by name; "Army" alone also ends rebel names ("National Liberation Army", "Arakan Army")
_STATE_ARMY_NAMES = ("armed forces", "defense forces", "defence forces", "forces armées", "tatmadaw")


def _named_later(mentions, start: int) -> Mention | None:
    """"The army dismissed the move" in a lead that names the army in full only further down ("The Sudanese Armed
    Forces said in a separate statement ..."): the first organisation after ``start`` named as a state's armed
    forces."""
    return next((m for m in mentions if m.start_char > start and m.label == "ORG"
                 and any(f in m.name.casefold() for f in _STATE_ARMY_NAMES)), None)


def _one_of(last_speaker: tuple[str | None, str | None]) -> str | None:
    """One member of the unnamed group that spoke last ("Western diplomats in the capital" -> "Western
    diplomat", "two officials familiar with the talks" -> "official"): the words up to its plural head, the head
    made singular; None when the last speaker is named or no such group."""
    name, entity = last_speaker
    if name is None or entity is not None:
        return None
    words = unnamed_form(name).split()
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and not after[:1].isupper():
            return " ".join([*words[:i], word[:-1]])
    return None


# a lead-in's subject ends at its copula (detect's ``_lead_in`` read the parse: "be" with an attitude, or an
# attitude participle after it), after any opening place phrase ("In the capital, residents were divided.")
_LEAD_SUBJECT = re.compile(r"^(?:(?:In|At|From|Among|Across|On)\s[^,]{1,40},\s+)?(?P<subject>[^,].*?)\s+"
                           r"(?:was|were|is|are|remained|remain)\b")
# no one holds an attitude nobody is said to hold ("Not everyone was convinced", "Few were impressed")
_NO_HOLDER = frozenset({"not", "no", "nobody", "none", "few", "neither", "nor", "it", "this", "that", "they", "he",
                        "she", "we"})


# a sentence that opens on a position put in its holder's name ("Kyiv's position, set out on Monday by the deputy
# foreign minister, Ana Ruiz, is that ...", "The defence ministry's line is that ..."), after any turn label
_POSITION = re.compile(r"^(?:[A-Z][A-Z.'\u2019 -]*:\s+)?(?P<owner>(?:[Tt]he\s+)?[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,3}?)"
                       r"['\u2019]s\s+(?:position|view|line|stance|reading)(?P<aside>,.*,)?\s+(?:is|was|remains)\s+that\b")


def _position_holder(s, start: int, mentions) -> tuple[str, str | None] | None:
    """Whose position a sentence that opens on one states: the person an aside names as setting it out (a
    minister speaking for the state), else its holder, as written when a name ("Kyiv", "the Kremlin": metonyms stay
    as the article uses them) or as an unnamed source ("the defence ministry" -> "defence ministry")."""
    m = _POSITION.match(s.text)
    if m is None:
        return None
    if m.group("aside"):
        lo, hi = start + m.start("aside"), start + m.end("aside")
        person = next((x for x in reversed(mentions) if x.label == "PERSON" and lo <= x.start_char
                       and x.end_char <= hi), None)
        if person is not None:
            return person.name, person.entity_id
    lo, hi = start + m.start("owner"), start + m.end("owner")
    named = next((x for x in mentions if x.label in ("GPE", "ORG", "PERSON") and lo <= x.start_char
                  and x.end_char <= hi), None)
    if named is not None:
        return named.name, named.entity_id
    owner = m.group("owner")
    if owner.split()[0].casefold() in _NO_HOLDER or owner[:1].isupper() and not owner.lower().startswith("the "):
        return None  # "Their position is that ...", an unknown capitalised word: no holder to name
    return unnamed_form(owner), None


def _lead_holder(s, start: int, mentions) -> tuple[str | None, str | None, tuple[int, int, int, int] | None]:
    """Who holds the attitude a lead-in states ("The commander, Maj Ana Ruiz, was more cautious.", "Aid officials
    are wary."): the person or body named in its subject, else the subject as written (an unnamed source, as the
    guidelines keep it). Pronouns, "not everyone" and a subject with a clause of its own give no one. With the
    holder come the subject's and the predicate's spans (paragraph offsets: the predicate, "were sceptical", is
    the cue of the attribution row the statement links)."""
    m = _LEAD_SUBJECT.match(s.text)
    if m is None:
        return None, None, None
    subject = m.group("subject")
    words = subject.split()
    if not words or words[0].casefold() in _NO_HOLDER or len(words) > 6:
        return None, None, None
    lo, hi = start + m.start("subject"), start + m.end("subject")
    predicate = s.text[m.end("subject"):].strip().rstrip(".!;:")
    cue_start = s.start + s.text.index(predicate, m.end("subject"))
    spans = (s.start + m.start("subject"), s.start + m.end("subject"), cue_start, cue_start + len(predicate))
    named = [x for x in mentions if lo <= x.start_char and x.end_char <= hi and x.label in ("PERSON", "ORG")]
    if named:
        return named[-1].name, named[-1].entity_id, spans
    return unnamed_form(subject), None, spans


# a transcript's turn label ("WARSAME:", "HODAN WARSAME, PRESENTER:", "LINDQVIST (host):")
_LABEL = r"(?:[A-Z][\w.'\u2019-]*(?:,?\s[A-Z][\w.'\u2019-]*){0,3}\s?(?:\([^()]*\)\s?)?:\s+)?"
_NAMES = r"[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){0,3}"
# guests named with where they speak from, in a list ("Piet Brandt in Tallinn, Ana Ruiz in Quito"): names only, so
# a statement that ends on thanks ("We will respect the ceasefire, thank you all.") stays a statement
_GUEST = _NAMES + r"(?:\s+in\s+" + _NAMES + r")?"
_GUESTS = _GUEST + r"(?:(?:,\s+|,?\s+and\s+)" + _GUEST + r"){0,3}"
# a sentence that is only a courtesy of talk (thanks, a greeting, a farewell), after any transcript label
_COURTESY = re.compile(r"^\W*" + _LABEL + r"(?:(?i:thanks(?!\s+to\b)|thank\s+you|good\s*(?:morning|afternoon|evening"
                       r"|night|bye))\b|(?P<whole>(?:I'm|I\u2019m|I\s+am|[Mm]y\s+name\s+is|[Tt]his\s+is)\s+" + _NAMES
                       # a host's own name or the programme's ("I'm Lena Fischbach.", "This is Horn Hour.")
                       + r"|" + _NAMES + r",\s+welcome(?:\s+back)?|[Ww]elcome(?:\s+back)?,?\s+" + _NAMES
                       # a guest welcomed ("Serhat, welcome."), guests thanked by name ("X in Erigavo, thank you both")
                       + r"|" + _GUESTS + r",\s+thank\s+you\s+(?:both|all)"
                       # the programme's sign-off ("That's it for this week.")
                       + r"|[Tt]hat(?:'s|\u2019s|\s+is)\s+(?:it|all)(?:\s+we\s+have)?\s+for\s+(?:this\s+week|today|tonight|now)"
                       + r")\W*$)")


def _turn(quote) -> bool:
    """``quote`` is a French or Russian transcript's turn (``multilingual._turn_span``): its label tells who says
    the paragraph, never which of its sentences are statements. A sentence that carries the truce only by the
    exchange (``_turn_before``: the question between two turns) was no statement before the label was read as a
    speaker and stays none; the paragraph right before making statements keeps it, as without the turn."""
    return quote is not None and quote.rule == "label:colon"


def _turn_before(quote, position: int, stated: tuple[int, set[str | None]]) -> set[str | None]:
    """Who made statements in the turn before the last one, when ``quote`` is a transcript's labelled turn
    ("VASSEUR: ...", "A: ...") and the one turn between made none: an interviewer's question, which puts the
    exchange's topic to this speaker. Empty otherwise."""
    if quote is None or not quote.rule.startswith("label:") or stated[0] != position - 2:
        return set()
    return stated[1]


def _before_quotation(quote, quotes, position: int, said_at: dict[int, set[str | None]]) -> set[str | None]:
    """Who made statements in the paragraph before the one ``quote``'s quotation opened in, when it runs on over
    paragraphs into this one (joined, or a paragraph that opens by continuing the last one's quotation): one
    utterance, whose topic is set where it began. Empty otherwise."""
    if quote is None or not quote.direct:
        return set()
    opened = quote.position
    if quote.rule.startswith("quote:continues"):
        # the same speaker's quotation that ended in the paragraph before
        earlier = [q.position for q in quotes if q.end_position == position - 1
                   and q.speaker is not None and q.speaker == quote.speaker]
        opened = min(earlier, default=opened)
    return said_at.get(opened - 1, set()) if opened < position else set()


# a title that names its text as a document in its issuer's own voice, every sentence of it: a genre word opening
# it ("Press release:", "Communiqué of the ...", "Statement by ...", "Full text:") or closing it ("(press release)")
_VOICE_GENRES = r"(?:joint\s+|press\s+|news\s+)?(?:statement|communiqu[eé]|release|declaration)|full\s+text"
_VOICE_TITLE = re.compile(
    r"^\s*(?:" + _VOICE_GENRES + r")\b\s*(?::|[-–—]|by\b|of\b|from\b)|\((?:" + _VOICE_GENRES + r")\)\s*$"
    r"|\bpress\s+release\b", re.IGNORECASE)
# the issuer's name, then the genre and what it is on, with no verb between ("Lebanese Army Command statement on
# deployment", "OPAPRU communiqué on the encounter", "ELN communiqué: a truce for the holidays"): an archive's title
# of the document itself; a news headline about a statement says what it did ("Army statement angers ...", "X
# rejects statement on ...")
# (the document's number may stand between the genre and what it is on: "TNLA statement No. 41/2026 on ...")
_ISSUED_ON_TITLE = re.compile(r"^\s*(?:[A-Z][\w.'\u2019&-]*\s+){1,6}(?:statement|communiqu[eé]|declaration)"
                              r"(?:\s+(?:No\.?|Nr\.?|Number|#)\s*\d[\w/.-]*)?"
                              r"(?:\s+(?:on|about|regarding|concerning)\b|\s*:)")
# a title that names an issuer's report ("Briefing:" opening it: a news round-up's "World briefing" is no one's),
# or a news story that carries a statement whole (": the full statement"):
# its facts are told as a reporter tells them (no speaker, the guidelines' narrative); only the sentences that
# take a position (a stance, or the issuer's "we") are the issuer's
_REPORT_TITLE = re.compile(
    r"\b(?:situation\s+report|policy\s+brief|briefing\s+note|policy\s+paper)\b|^\s*briefing\s*[:|\u2014\u2013-]"
    r"|[:—–-]\s*(?:the\s+)?(?:full\s+)?(?:text|statement|communiqu[eé])\s*$", re.IGNORECASE)
# a situation report is written in its issuer's voice, its facts as much as its appeals (the house convention of
# 2026-12-07: press releases, communiqués and NGO situation reports speak every sentence for their issuer): every
# sentence no one else is found to say is the issuer's, as in a press release
_SITUATION_REPORT = re.compile(r"\bsituation\s+report\b|\bsitrep\b", re.IGNORECASE)
# documents a person delivers rather than a body issues: their issuer is the first person the opening names
_DELIVERED_TITLE = re.compile(r"\b(?:full\s+text|address|speech|remarks|sermon|homily|lecture)\b", re.IGNORECASE)
# the first person as it opens a sentence too ("Our assessment is ...", "We urge ..."), but not the United States
# ("US vessels"), which a case-blind match would read as "us"
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|[Uu]s(?<!US)|I|[Mm]y|[Mm]e)\b")
_WRITER_PRONOUNS = frozenset({"i", "me", "my"})
_ISSUER_FIRST_PERSON = frozenset({"we", "us", "our", "ours"})


@dataclass(frozen=True)
class Issuer:
    """Who issued the article's text, and whether every sentence of it is theirs or only the positions."""

    name: str
    entity_id: str
    whole: bool
    signed: bool = False  # a writer's signed piece: its "I" outside quotation marks is the writer

    def writes(self, s, quote) -> bool:
        """The writer's own "I" in a signed piece (the sentence's source, outside quotation marks), which no
        earlier person stands for."""
        if not self.signed:
            return False
        if quote is not None:
            return not quote.direct and (quote.source_text or "").casefold() in _WRITER_PRONOUNS
        return s.speaker_kind == "pronoun" and (s.speaker_text or "").casefold() in _WRITER_PRONOUNS


    def own(self, speaker: str | None, speaker_id: str | None, quote=None, s=None) -> bool:
        """The issuer's own side named in its own document ("our forces will respond", "we"): outside quotation
        marks, a press release's or a report's first person is its issuer, whatever body a "we" was read to stand
        for (a report's "We doubt the truce will last" is its position, the line its facts do not cross). Not a
        signed piece's judgements alone, whose "we" may be its writer's readers or country; but where every sentence
        of a signed piece is its writer's (an opinion piece, a letter), so is its "we" outside quotation marks."""
        if self.signed and not self.whole:
            return False
        if quote is not None and not quote.direct and quote.speaker_kind == "pronoun":
            source = (quote.source_text or "").casefold().split()
            return bool(source) and source[0] in _ISSUER_FIRST_PERSON
        if quote is None and s is not None and s.speaker_kind == "pronoun":
            # the sentence's own reading took its "we" for a body named before: in the issuer's document it is
            # the issuer
            source = (s.speaker_text or "").split("|")[0].casefold().split()
            return bool(source) and source[0] in _ISSUER_FIRST_PERSON
        words = (speaker or "").casefold().split()
        return speaker_id is None and bool(words) and words[0] in _ISSUER_FIRST_PERSON

    def says(self, s) -> bool:
        return self.whole or s.stance != "neutral" or bool(_FIRST_PERSON.search(s.text))

    def answers(self, s, quote) -> bool:
        """A signed piece that is its writer's every sentence (a letter, a column) restating what the one it
        addresses wrote ("Your correspondent reports that ...", "Your leader argues ..."): outside quotation marks,
        a source the writer calls "your ..." and does not name is the paper the writer answers, in the writer's own
        words, so the sentence is the writer's position on it, not the paper's say."""
        if not (self.signed and self.whole) or s.direct_quote or (quote is not None and quote.direct):
            return False
        if quote is not None:
            kind, source = quote.speaker_kind, (quote.source_text or "").casefold().split()
        else:
            kind, source = s.speaker_kind, (s.speaker_text or "").split("|")[0].casefold().split()
        # "Your columnist Ana Ruiz argues ...": the phrase names the one whose piece it was, who speaks
        return kind != "name" and bool(source) and source[0] == "your"

    def refers_to_itself(self, s, quote) -> bool:
        """A body's own document (a press release, a communiqué, a situation report: every sentence its issuer's)
        names itself in the third person and goes on with "it" ("The Government recalls ... It further notes
        ..."), and what it says of its forces is its say ("They will respond only to attacks"): outside quotation
        marks, a sentence whose source is "it" or "they" is the issuer's, whatever body the pronoun was read to
        stand for. Not a signed piece's, whose "it" is the party the writer writes about."""
        if not self.whole or self.signed or s.direct_quote or (quote is not None and quote.direct):
            return False
        if quote is not None and quote.speaker_kind == "pronoun":
            source = (quote.source_text or "").casefold().split()
        elif quote is None and s.speaker_kind == "pronoun":
            source = (s.speaker_text or "").split("|")[0].casefold().split()
        else:
            return False
        return bool(source) and source[0] in ("it", "they")

    def argues(self, s, quote, start: int, lexicon) -> bool:
        """A sentence of a piece that is its writer's every sentence (an opinion column, an editorial) whose subject
        is a third party but whose verb reports no one's words: the writer's own judgement of that party ("The
        rebels have made a reasonable offer.") or advice to it ("China should insist on monitors.", a reporting
        verb under "should" is what the writer wants it to say). Quoted words keep their speaker."""
        if not (self.signed and self.whole) or s.direct_quote or (quote is not None and quote.direct):
            return False
        if quote is not None and quote.cue_start is not None:
            cue_at, cue = quote.cue_start - start, (quote.cue or "")
        elif quote is None and s.cue_start is not None and s.cue_end is not None:
            cue_at, cue = s.cue_start - s.start, s.text[s.cue_start - s.start: s.cue_end - s.start]
        else:
            return False
        if not 0 <= cue_at <= len(s.text):
            return False
        if _ADVISED.search(s.text[:cue_at]):
            return True
        if _BRINGS_ABOUT.match(cue) and _ACT_BROUGHT.match(s.text[cue_at + len(cue):]):
            # "The junta announced a ceasefire", "Each promised a pause": the verb reports the act it names (an
            # indefinite object, no clause of anyone's words), which the writer recounts as their own account
            return True
        first = cue.casefold().split()[:1]
        return bool(first) and first[0] != "according" and not (set(first) & _reporting_forms(lexicon))


# a modal of advice or obligation right before a verb (two words may stand between: "should now", "must not
# simply"): what the writer wants the subject to do, not what it did
_ADVISED = re.compile(r"\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to)(?:\s+(?:not|now|also|never|"
                      r"simply|still|first|instead|at\s+last|at\s+least))*\s+(?:be\s+)?$", re.IGNORECASE)


# what follows a reporting verb whose object is an act, not words: an indefinite noun phrase ("announced a 20-day
# truce", "promised an end to the shelling")
# the speech acts that bring about what their object names (a truce announced, a pause promised), unlike an
# attitude's verb ("fears a deal") or a say's
_BRINGS_ABOUT = re.compile(r"(?:announc|promis|declar|pledg|offer|propos)\w*$", re.IGNORECASE)
_ACT_BROUGHT = re.compile(r"\s+(?:a|an)\s+(?!(?:statement|communiqu|message|warning|call|appeal)\w*)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _reporting_forms_of(lemmas: frozenset[str]) -> frozenset[str]:
    return frozenset(form for lemma in lemmas for form in _forms(lemma))


def _reporting_forms(lexicon) -> frozenset[str]:
    """Every inflected form of the lexicon's reporting verbs ("says", "accused", "rejected")."""
    return _reporting_forms_of(getattr(lexicon, "reporting_lemmas", frozenset()))


# a title that names its text as a signed piece of opinion or analysis ("Opinion: ...", "Comment | ...", "Brief:
# ..."): its judgements are its author's, when the page names one ("In brief:" is a news digest, no author's)
_SIGNED_TITLE = re.compile(r"^\s*(?:opinion|comment|commentary|op-ed|column|viewpoint|perspective|(?:policy\s+)?brief)"
                           r"\s*[:|\u2014\u2013-]", re.IGNORECASE)


# an outlet's editorial by its title: "The Northern Courier view: ...", "The Ledger view on ..." (the outlet's name,
# capitalised, before "view"), or a genre word that names no one ("Editorial: ...", "Our view: ...", "Leader: ...")
_OUTLET_VIEW_TITLE = re.compile(r"^\s*(?:the\s+)?(?P<outlet>(?:[A-Z][\w'\u2019.&-]*\s+){1,4})view\s*(?::|\bon\b)")
_EDITORIAL_TITLE = re.compile(r"^\s*(?:editorial|our\s+view|leader|the\s+editorial\s+board)\s*[:|\u2014\u2013-]",
                              re.IGNORECASE)
# the words before the outlet's name on an editorial's byline: "By the X editorial board", "the view of the X ..."
_BOARD_BYLINE = re.compile(r"(?:^|\s)(?:by|view\s+of)(?:\s+the)?\s*$", re.IGNORECASE)


def _editorial_board(title: str | None, mentions, occurrences, raw) -> str | None:
    """"X editorial board" when ``title`` marks the piece as outlet X's unsigned editorial: X named in the title
    ("The X view: ..."), or, under an editorial's genre word ("Editorial: ..."), the body its opening paragraph
    names on a byline ("By the X editorial board"). None when no outlet is named (an "Editorial:" whose board the
    page never names stays a report's narrative) or when the title's name is a place, a people or a person the
    article is about ("The Kremlin view: ..." is no outlet's)."""
    if not title or not occurrences:
        return None
    found = _OUTLET_VIEW_TITLE.match(title)
    if found is not None:
        outlet = found.group("outlet").strip()
        if outlet.casefold() in ("our", "my", "your", "their", "his", "her", "its", "this", "that", "a", "an", "one") \
                or "reader" in outlet.casefold():
            return None  # "Your view: ...", "Readers' view: ...": a letters page, its readers' words
        # an outlet's editorial names its outlet on its byline at most; a view the body names again is the view
        # of a party it reports ("The Kremlin view: ...", "The Veldaran view: ...")
        bare = outlet.removeprefix("The ").casefold()
        first = min(p for p, _, _ in occurrences)
        if any(m.position != first and bare in m.text.casefold() for m in mentions):
            return None
        return f"{outlet.removeprefix('The ').removeprefix('the ')} editorial board"
    if not _EDITORIAL_TITLE.match(title):
        return None
    first = min(p for p, _, _ in occurrences)
    for (_, position, e), m in _aligned(raw, mentions):
        # "the" before the name: a publication, whichever label the model gave it (a person is never "the X")
        the = e.text.casefold().startswith("the ") or e.prefix.casefold().endswith("the")
        if position == first and m.label in ("ORG", "PERSON", "GPE") and the and _BOARD_BYLINE.search(e.prefix):
            name = m.name if m.label == "ORG" else _ARTICLE.sub("", e.text)
            return f"{name} editorial board"
    return None


# a brief or policy brief: signed like a column, but its facts are told as a report tells them
_BRIEF = re.compile(r"^\s*(?:policy\s+)?brief", re.IGNORECASE)


def _author(raw, mentions, occurrences) -> Mention | None:
    """The writer a signed piece names: the person after "By" opening its first paragraph, or after "written by" in
    its first or last one, or the person its last paragraph opens with (the tagline, "Ana Ruiz is a former
    diplomat ..."). None when the page names no writer ("The author is a researcher ...")."""
    first, last = min(p for p, _, _ in occurrences), max(p for p, _, _ in occurrences)
    for (_, position, e), m in _aligned(raw, mentions):
        if position not in (first, last):
            continue
        if m.label != "PERSON" and not (position == last != first and e.start == 0 and _tagline_person(m, mentions)):
            continue
        words = e.prefix.casefold().split()
        # "by" right before the name or its title ("written by Dr Ana Ruiz")
        if ("by" in words[-2:] and (e.start <= len("By Dr ") or "written" in words)) \
                or (position == last and e.start == 0 and position != first):
            return m
        if e.start <= _DASH_SIGN_OFF and e.prefix.strip() in ("\u2014", "\u2013", "-") and position != first:
            return m  # a sign-off paragraph of its own after a dash: "— Ana Ruiz, a former envoy"
    # the tagline run on as the last paragraph's closing sentence ("... They deserve more than a headline. Ana Ruiz
    # is a former aid worker."): the last person that paragraph names, opening a sentence, named nowhere else
    closing = [m for (_, position, e), m in _aligned(raw, mentions) if position == last != first and m.label == "PERSON"]
    if closing:
        (_, _, e), m = next(pair for pair in _aligned(raw, mentions) if pair[1] is closing[-1])
        if e.prefix.rstrip().endswith((".", "!", "?")) and not any(
                o.entity_id == m.entity_id and o.start_char != m.start_char for o in mentions):
            return m
    return None


_DASH_SIGN_OFF = 3  # characters a dash and its spaces take before a sign-off's name

# the head words of an institution's name a writer's tagline may hold after the writer ("... a fellow at the X
# Institute"), which no person's name holds
_INSTITUTION_HEADS = frozenset({"institute", "university", "forum", "centre", "center", "foundation", "front",
                                "party", "union", "network", "association", "federation", "brigade", "brigades",
                                "company", "fund", "programme", "program", "school", "college", "board"})


def _tagline_person(m: Mention, mentions) -> bool:
    """A name the model read as a body that opens a signed piece's last paragraph is its writer's all the same
    when the piece names it nowhere else and no word of it is a body's head ("Ana Ruiz Kfoury is a former
    adviser ..."): a body the piece argues about ("Hezbollah is right ...") is named in its body too."""
    words = _tokens(m.name)
    return (m.label == "ORG" and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in m.name.split())
            and not any(w in _NAMED_BODY_HEADS or w in _INSTITUTION_HEADS for w in words)
            and not any(o.entity_id == m.entity_id and o.start_char != m.start_char for o in mentions))


@dataclass(frozen=True)
class TitleGenres:
    """One language's title patterns that name an article's text as its issuer's document (see ``_issuer``)."""

    voice: re.Pattern
    delivered: re.Pattern
    report: re.Pattern | None = None
    signed: re.Pattern | None = None
    # the document must open on its issuer's name ("Министерство иностранных дел ... приветствует"): where the
    # genre word runs straight into its issuer ("Заявление МИД X ...") a news headline about a statement
    # ("Заявление X возмутило Y") reads the same, and its story opens on someone else
    opens: bool = False


_ENGLISH_GENRES = TitleGenres(_VOICE_TITLE, _DELIVERED_TITLE, _REPORT_TITLE, _SIGNED_TITLE)


@lru_cache(maxsize=4)
def _title_genres(language: str) -> TitleGenres | None:
    """The title genres of ``language``: English's here, French's and Russian's in their data files."""
    if language == "en":
        return _ENGLISH_GENRES
    cues = language_cues(language)
    if cues.title_voice is None or cues.title_delivered is None:
        return None
    return TitleGenres(cues.title_voice, cues.title_delivered, signed=cues.title_signed, opens=True)


def _issuer(title: str | None, mentions, occurrences, raw=(), genres: TitleGenres | None = _ENGLISH_GENRES
            ) -> Issuer | None:
    """Who issued the article's text when its ``title`` names it as that issuer's document: the body the title
    names ("UNSMIL welcomes ... (press release)"), else the first the opening paragraph names ("This brief from
    the ... Institute"); for an address, the first person the opening names. A signed piece (an opinion column,
    a brief its author signs) is its named writer's: the positions it takes are theirs, not the narrative's."""
    if genres is None:
        return None
    board = _editorial_board(title, mentions, occurrences, raw) if genres is _ENGLISH_GENRES else None
    if board is not None:
        # an unsigned editorial is its board's every sentence no one else is found to say (house convention of
        # 2026-12-07), as a signed opinion piece is its writer's
        return Issuer(board, entity_id(board, "ORG"), True, signed=True)
    report = bool(title and genres.report is not None and genres.report.search(title))
    opinion = bool(title and genres.signed is not None and (found := genres.signed.search(title))
                   and not _BRIEF.match(found.group(0)))
    if title and occurrences and (report or genres.signed is not None and genres.signed.search(title)):
        writer = _author(raw, mentions, occurrences)
        if writer is not None:
            # an opinion piece is its writer's every sentence no one else is found to say, its facts as much as its
            # judgements (the house convention of 2026-12-07: the writer tells them, no reporter does); a brief's
            # or a report's facts stay told as a reporter tells them
            return Issuer(writer.name, writer.entity_id, opinion and not report, signed=True)
    whole = bool(title and (genres.voice.search(title) or genres is _ENGLISH_GENRES and _ISSUED_ON_TITLE.match(title)
                            or genres is _ENGLISH_GENRES and _SITUATION_REPORT.search(title)))
    if not title or not (whole or report) or not occurrences:
        return None
    labels = ("PERSON",) if genres.delivered.search(title) else ("ORG",)
    if genres.opens and not _opens_on(raw, occurrences, labels):
        return None
    folded = title.casefold()
    named = [m for m in mentions if m.label in labels
             and (found := re.search(r"(?<!\w)" + re.escape(m.text.casefold()) + r"(?!\w)", folded))
             and (genres is not _ENGLISH_GENRES or _issuer_place(title[: found.start()]))]
    if named and labels == ("ORG",):
        best = min(named, key=lambda m: (folded.find(m.text.casefold()), -len(m.text)))
        name = best.name
        if name != best.text and name.casefold().endswith(best.text.casefold()):
            # the body the title names, not the part of it the article also names ("Armed Forces", not
            # "General Command of the Armed Forces")
            return Issuer(best.text, entity_id(best.text, best.label), whole)
        return Issuer(name, best.entity_id, whole)
    first = _opening_position(occurrences, mentions)
    opening = [m for m in mentions if m.position == first and m.label in labels]
    return Issuer(opening[0].name, opening[0].entity_id, whole) if opening else None


# the genre words a title opens on before its issuer's name ("Press release:", "Statement by the", "Communiqué of")
_GENRE_OPENING = re.compile(r"^\s*(?:" + _VOICE_GENRES + r")\b\s*(?::|[-\u2013\u2014]|by\b|of\b|from\b)?", re.IGNORECASE)


def _issuer_place(before: str) -> bool:
    """Whether a name the title gives after ``before`` stands where a title names its document's issuer: opening
    the title's words, after the genre's own ("Press release: AFC/M23 on ...", "Statement of the Georgian Ministry
    ...", "Arakan Army statement ..."), with only an article or capitalised words before it. A body named after
    the headline's verb or preposition ("Government extends its truce with the X front", "teams deployed after
    the X clash") is what the document is about; the issuer is then the body the text opens on."""
    rest = _GENRE_OPENING.sub("", before, count=1)
    words = rest.split()
    if any(w.casefold().strip(",:;") in _HEADLINE_LINKS for w in words):
        return False  # "Government Extends Truce With ...": a Title Case headline capitalises its preposition too
    return all(w.casefold() == "the" or w[:1].isupper() or not w[:1].isalpha() for w in words)


# the prepositions and conjunctions a headline puts before the body it is about ("... extends truce with",
# "teams deployed after", "talks between ... and"), told by the word, not its case (Title Case capitalises them)
_HEADLINE_LINKS = frozenset({"with", "after", "against", "between", "and", "to", "for", "on", "over", "in", "into",
                             "at", "amid", "about", "toward", "towards", "despite", "under", "among", "as", "says",
                             "said", "via", "vs", "versus"})


KICKER_RULE = "kicker"  # the French and Russian analysers' marker of a document's issuer (multilingual.KICKER)


def _kicker_issuer(quotes) -> Issuer | None:
    """The issuer a press release or a statement names in the first sentence after its genre line ("COMMUNIQUÉ
    DE PRESSE — Bangui, le 3 décembre. La Mission ... prend acte ..."), when its title is a news headline: every
    sentence of the document is that issuer's, as under a title that names the document (``_issuer``)."""
    marker = next((q for q in quotes if q.rule == KICKER_RULE and q.speaker), None)
    return Issuer(marker.speaker, marker.speaker_entity_id, True) if marker is not None else None


def _opening_position(occurrences, mentions) -> int:
    """The paragraph that opens the document: the first, or the one after it when the first is only a place-and-date
    line ("Tbilisi, 28 November"), which names no one and comes before the issuer's own first words."""
    positions = sorted(p for p, _, _ in occurrences)
    named = {m.position for m in mentions if m.label not in _DATELINE_LABELS}
    if len(positions) > 1 and positions[0] not in named:
        return positions[1]
    return positions[0]


# what a dateline names: a place (the small model tags a city as GPE or LOC) and the date the text is filed on
_DATELINE_LABELS = frozenset({"GPE", "LOC", "DATE", "TIME"})


_OPENING_WORD = 4  # characters before the issuer's name that still open the paragraph ("Le ", "Les ", "L'")


def _opens_on(raw, occurrences, labels) -> bool:
    """Whether the article's first paragraph opens on a name of ``labels`` (at most an article before it)."""
    first = min(p for p, _, _ in occurrences)
    return any(position == first and e.label in labels and e.start <= _OPENING_WORD for _, position, e in raw)


# the kinds that say why a statement has no speaker: both sides at once, someone's silence, the narrator's own
_NO_SPEAKER_KINDS = frozenset({"none", "joint", "silent", "narrative"})


def stored_kind(speaker: str | None, kind: str) -> str:
    """The ``speaker_kind`` a stored statement row carries, following the speaker the resolution settled on, not
    the sentence's own reading it started from (which the stance model reads as it was trained): a speaker the
    sentence's own reading found none for (a continuation's quote, a document's issuer, the speaker before) is
    "context"; no speaker is "none" unless the reading says why ("joint", "silent", "narrative")."""
    if speaker is None:
        return kind if kind in _NO_SPEAKER_KINDS else "none"
    return "context" if kind in _NO_SPEAKER_KINDS else kind


def _statement(article_id, pid, position, start, end, s, name, entity, quote) -> Statement:
    """The row of statement ``s`` at ``start``-``end`` of the article, spoken by ``name`` (entity ``entity``)."""
    return Statement(
        statement_id=stable_id("statement", article_id, str(start)),
        article_id=article_id, paragraph_id=pid, position=position, start_char=start,
        end_char=end, text=s.text, speaker=name, speaker_entity_id=entity,
        speaker_kind=s.speaker_kind, direct_quote=s.direct_quote, stance=s.stance,
        conditions=s.conditions, duration=s.duration, cameo_code=s.cameo_code, rule=s.rule,
        quote_id=quote.quote_id if quote is not None else None,
    )


# the words that tie a title to its portfolio ("Minister of State for Foreign Affairs", "ministre de la Défense")
_PORTFOLIO_LINKS = frozenset({"for", "of", "and", "de", "du", "des", "et", "la", "l'"})
_LONGEST_NAME = 3  # words of a person's name the title's portfolio runs into, at most ("Tariq Nadeem Sahi")


def _without_portfolio(e):
    """A name without what the model read into it: the words after a speaker label's colon; for a person, the
    end of a title: the part after a comma ("Peace,
    Ana Ruiz" after "High Commissioner for"), or, right after a title's linking word ("Minister of State for
    Foreign Affairs Tariq Nadeem Sahi"), the portfolio's capitalised words before the last three."""
    if ": " in e.name and e.name.split(": ", 1)[0].strip():
        # a transcript's speaker label the model ran into the words after it ("Ruiz: Good afternoon")
        e = replace(e, name=e.name.split(": ", 1)[0].strip())
    if e.label != "PERSON":
        return e
    name = e.name
    if ", " in name and len(name.rsplit(", ", 1)[1].split()) >= 2:
        name = name.rsplit(", ", 1)[1]
    else:
        words = e.prefix.casefold().split()
        if words and words[-1] in _PORTFOLIO_LINKS and len(name.split()) > _LONGEST_NAME \
                and any(w[:1].isupper() for w in e.prefix.split()):
            name = " ".join(name.split()[-_LONGEST_NAME:])
    return e if name == e.name else replace(e, name=name)


def _joined_given_name(e, entities):
    """A person's name whose hyphenated given name the model cut at the hyphen ("Jean-Pierre Mukendi" read as
    "Pierre Mukendi"): the word before the hyphen joins the name again, so that "MUKENDI:" and "Mukendi said" find
    the whole name. Not a place's word before a dash ("Goma - Pierre ..."), nor a dateline's capitals."""
    words = e.prefix.split()
    if e.label != "PERSON" or len(words) < 2 or words[-1] != "-" or not words[-2].istitle() \
            or not words[-2].isalpha() or "-" in e.name.split()[0]:
        return e
    if any(x.end <= e.start and x.end >= e.start - len(words[-2]) - 3 for x in entities if x is not e):
        return e
    # the written form too: the speaker is named by what the article writes (offsets stay the model's)
    return replace(e, name=f"{words[-2]}-{e.name}", text=f"{words[-2]}-{e.text}")


def _titled_given_name(e, entities):
    """A person's name whose given name the model left with the rank before it ("Major General Than Htike Oo"
    read as "Major General" and "Htike Oo"): the one capitalised word between a title (data/titles.txt) and the
    name joins the name again, so the speaker is the whole name, never the title's. Not a word another entity
    holds, nor a title itself ("General Sheikh Ali")."""
    words = e.prefix.split()
    if e.label != "PERSON" or len(words) < 2 or not words[-1].istitle() or not words[-1].isalpha():
        return e
    known = titles()
    if words[-1].casefold() in known or words[-2].casefold().rstrip(".") not in known:
        return e
    if any(x.start < e.start and x.end > e.start - len(words[-1]) - 1 for x in entities if x is not e):
        return e
    return replace(e, name=f"{words[-1]} {e.name}", text=f"{words[-1]} {e.text}")


def _spelled_out(raw) -> frozenset[str]:
    """The names bracketed acronyms abbreviate, as the article writes them before the bracket ("Office of the
    Presidential Adviser on Peace, Reconciliation and Unity (OPAPRU)"): the analyser's name whose capitals spell
    the acronym."""
    return frozenset(e.name for _, _, e in raw if e.label == "ORG" and e.text.isupper() and e.prefix.endswith("(")
                     and "".join(w[0] for w in e.name.split() if w[:1].isupper()) == e.text)


def _written_names(mentions, spelled=frozenset()) -> dict[str, str]:
    """A speaker is named by the fullest name the article writes (the guidelines): where the gazetteer's
    canonical name ("March 23 Movement") is not in the article, the longest form it does write ("M23"). The
    entity id still links every form."""
    out: dict[str, str] = {}
    for m in mentions:
        if _CYRILLIC.search(m.name):  # the Russian analyser's name is the nominative of a written form: the
            continue  # article's forms are inflected ("Ирины Соколовой"), the guideline wants the name itself
        # a Russian form is taken in its nominative ("в Кремле" -> "Кремль"), the name the guideline wants
        same = [x.written or x.text for x in mentions if x.entity_id == m.entity_id]
        if m.name in spelled:  # "Office of ... (OPAPRU)": the name an acronym abbreviates is written before it
            same.append(m.name)
        if m.entity_id in out or any(_tokens(w) == _tokens(m.name) or m.name in w for w in same):
            continue
        forms = [_ARTICLE.sub("", w).strip() for w in same]
        out[m.entity_id] = max(forms, key=len)
    return out


# words that make a source both sides at once ("both sides", "the two armies", "a joint statement")
_JOINT_SOURCE_WORDS = frozenset({"and", "both", "two", "sides", "parties", "each", "either", "neither", "joint",
                                 "et", "deux", "camps", "conjoint", "conjointe", "commun"})


_COUNTS = frozenset({"two", "deux"})


def _told_by_one(quote, start: int, end: int) -> bool:
    """The sentence's joint act or silence ("the two militias agreed ...", "the ministry did not respond") is
    what one party's attribution in the same sentence reports (", elders said", "but an official said ..."):
    the sentence is that source's say, not the narrator's. Not when the source is both sides itself."""
    if quote is None or quote.speaker is None or quote.cue_start is None or not start <= quote.cue_start < end:
        return False
    words = _tokens(quote.source_text or quote.speaker)
    if quote.speaker_kind == "name" and quote.speaker_entity_id is not None:
        words = _name_removed(words, _tokens(quote.speaker))
    # a count is both sides only when definite ("the two armies"); "two officials" are two sources of one account
    counted = any(a in ("the", "les") and b in _COUNTS for a, b in pairwise(words))
    return not (set(words) & (_JOINT_SOURCE_WORDS - _COUNTS) or counted)


def _name_removed(words: list[str], name: list[str]) -> list[str]:
    """``words`` without the run that spells the one name the source resolved to: an "and" inside a body's own
    name ("the Ministry of Foreign Affairs and Emigrants", "the Ministry of Trade and Industry") joins its
    portfolio, not two sides, though the parse may read it as two subjects."""
    joiners = set(name) & _JOINT_SOURCE_WORDS
    if not joiners or joiners - {"and", "et"} or name[0] in joiners or name[-1] in joiners:
        return words  # "both governments", "each side": the name is both sides itself
    n = len(name)
    for i in range(len(words) - n + 1):
        if n and words[i : i + n] == name:
            return words[:i] + words[i + n :]
    return words


def _joint_source(quote, start: int, end: int) -> bool:
    """The attribution this sentence's cue makes has both sides as its source ("PLACE — The army and a
    faction agreed ...": the statement's own reading took the dateline's place, the attribution layer the first
    side): a joint act, no speaker. Read on the source's head phrase (before any apposition and any "of" or "for",
    whose "and" joins an office's portfolio: "the Minister of Communication and Media"), and not when the name
    resolved holds the "and" itself."""
    if quote is None or quote.speaker is None or quote.cue_start is None or not start <= quote.cue_start < end:
        return False
    head = list(takewhile(lambda w: w not in ("of", "for"), _tokens((quote.source_text or "").split(",")[0])))
    own = _tokens(quote.speaker)
    if quote.speaker_kind == "role":
        # an unnamed role is written with where its people are, and an "and" there joins places, not the
        # speaker's own words ("villagers in X on one side and in Y on the other" is both sides; "Egyptian and
        # Qatari mediators" is one source)
        own = list(takewhile(lambda w: w not in _WHERE_PREPOSITIONS, own))
    return bool({"and", "both"} & set(head)) and not {"and", "both"} & set(own)


_WHERE_PREPOSITIONS = frozenset({"in", "on", "at", "inside", "within", "near", "across", "along"})


def _names_topic(speaker: str, lexicon) -> bool:
    """An attribution whose source is the truce itself ("A truce agreed in May lasted a week": "agreed" read as
    the cue) gives a statement no speaker; a body whose name holds the word ("the Joint Ceasefire Commission",
    "the Coordinating Committee on the Cessation of Hostilities") is no truce but the body that speaks."""
    # what follows "of", "for", "to" or "with" says whose the source is ("the guarantors of the ceasefire"), not
    # what it is: the truce named there is not the source
    head = _AFTER_PREPOSITION.split(speaker, maxsplit=1)[0]
    return (lexicon is not None and any(p.search(head) for p in lexicon.terms)
            and not _named_body(speaker))


_AFTER_PREPOSITION = re.compile(r"\s(?:of|for|to|with)\s", re.IGNORECASE)


# the head nouns that make a capitalised name a body's: the role words, and the monitors' own ("Mechanism")
_NAMED_BODY_HEADS = ORG_ROLE_WORDS | {"mechanism", "commission", "team", "monitors"}


def _named_body(phrase: str) -> bool:
    """``phrase`` holds a body's name: a capitalised head noun of a body ("Mechanism", "Committee")."""
    return any(w[:1].isupper() and w.lower() in _NAMED_BODY_HEADS for w in re.findall(r"[\w'-]+", phrase))


def _statement_quote(article_id, pid, position, text_start, s, speaker, speaker_id, held=None) -> Quote:
    """The attribution a statement sentence makes by itself: the whole sentence as content, its speaker as
    written and resolved, the verb (or phrase) tying them as the cue. ``held``: a lead-in's subject and predicate
    spans (paragraph offsets), which stand for the source and the cue the sentence's own reading has none of."""
    start, end = text_start + s.start, text_start + s.end
    if held is not None:
        s = replace(s, speaker_start=held[0], speaker_end=held[1], cue_start=held[2], cue_end=held[3])
    return Quote(
        quote_id=stable_id("quote", article_id, str(start), "statement"), article_id=article_id,
        paragraph_id=pid, position=position, end_position=position, start_char=start, end_char=end, text=s.text,
        speaker=speaker, speaker_entity_id=speaker_id, speaker_kind=s.speaker_kind,
        source_text=_within(s, s.speaker_start, s.speaker_end) or (s.speaker_text or "").split("|")[0] or None,
        speaker_start=None if s.speaker_start is None else text_start + s.speaker_start,
        speaker_end=None if s.speaker_end is None else text_start + s.speaker_end,
        cue=_within(s, s.cue_start, s.cue_end),
        cue_start=text_start + s.cue_start, cue_end=text_start + s.cue_end, direct=s.direct_quote,
        rule="statement:" + s.speaker_kind,
    )


def _within(s, start: int | None, end: int | None) -> str | None:
    """The text at paragraph offsets [start, end) when they fall inside statement sentence ``s``."""
    if start is None or end is None or start < s.start or end > s.end:
        return None
    return s.text[start - s.start:end - s.start]


def _outermost(spans, end: int, long):
    """What a bracketed acronym after ``long`` abbreviates: an acronym the analyser also tagged at the end of a longer
    name ("ООН" of "Детский фонд ООН (ЮНИСЕФ)") abbreviates no other, the longest body ending there does; a
    written-out name stays ("Генеральный штаб Вооружённых сил Украины (ВСУ)": the armed forces, not the staff)."""
    if not long.text.isupper():
        return long
    return min((e for ts, _, e in spans if e.label == "ORG" and ts + e.end == end), key=lambda e: e.start - e.end,
               default=long)


# what sets off a body's other name after its full one ("the Special Deterrence Force, known as Radaa,"), as the
# prefix of the other name's entity reads it (tokens joined by spaces)
_KNOWN_AS = re.compile(r"(?:^|\s),\s(?:(?:also|locally|widely|better|commonly)\s)?known\sas(?:\sthe)?$")


def _slash_pair(e, acronyms: dict[str, str], canonical) -> str | None:
    """Two acronyms joined by a slash ("AFC/M23") when the article defined each as a different body ("the Alliance
    Fleuve Congo (AFC) and its armed wing, the March 23 Movement (M23)"): the pair names the alliance by its
    first body, the one the article names the other's umbrella or partner of, in full (the guidelines' fullest
    name), not whichever half a name list reads it as. None when either half is undefined."""
    halves = re.sub(r"^[Tt]he ", "", e.text).split("/")
    if len(halves) != 2 or not all(h in acronyms for h in halves):
        return None
    first, second = (canonical(acronyms[h], "ORG") for h in halves)  # "AFC" -> a name list's -> the article's
    return first if first != second else None


def _defined_acronyms(raw) -> dict[str, str]:
    """Acronyms and short names the article defines ("the National Liberation Army (ELN)", "the Special Deterrence
    Force, known as Radaa"): short name -> the full name. The guidelines' speaker is the fullest name in the
    article, so "Radaa said" is the force's; a name of fewer words only, and only after a body's proper name
    ("Myanmar's military, known as the Tatmadaw" names no body before the name: the Tatmadaw stays)."""
    out: dict[str, str] = {}
    spans = sorted(raw, key=lambda r: r[0] + r[2].start)
    for (ts1, _, long), (ts2, _, short) in pairwise(spans):
        if (long.label == "ORG" and short.label == "ORG" and len(_tokens(short.name)) < len(_tokens(long.name))
                and len(_tokens(long.name)) >= 2 and _KNOWN_AS.search(short.prefix)
                and 0 < ts2 + short.start - (ts1 + long.end) <= len(", also known as the ")):
            out.setdefault(short.name, long.name)
    for (ts1, _, long), (ts2, _, short) in pairwise(spans):
        if (long.label == "ORG" and short.label == "ORG" and short.text.isupper() and len(long.name.split()) >= 2
                and ts2 + short.start == ts1 + long.end + 2 and short.prefix.endswith("(")):
            out.setdefault(short.name, _outermost(spans, ts1 + long.end, long).name)
    for _, _, short in spans:  # the analyser read a bracketed acronym's name back from the words it abbreviates
        if short.label == "ORG" and short.text.isupper() and short.prefix.endswith("(") and short.name != short.text:
            out.setdefault(short.text, short.name)
    return out


def _reported_within(q, covering, start: int, end: int) -> bool:
    """``q`` is told inside what another source of the same sentence says ("X said Moscow had taken note but saw in
    it 'another attempt'": Moscow's seeing is X's words): the sentence reports the outer source, however long the
    nested one's quotation. A transcript line's label is no such source (see :func:`_quote_of`)."""
    if q.cue_start is None:
        return False
    return any(o is not q and o.cue_start is not None and start <= o.cue_start < end
               and not o.rule.startswith(("label:colon", "label:voice"))
               and o.start_char <= q.cue_start < o.end_char for o, _ in covering)


def _covers(q, start: int, end: int) -> bool:
    """``q``'s content holds most of the sentence from ``start`` to ``end``."""
    return max(0, min(end, q.end_char) - max(start, q.start_char)) >= 0.5 * (end - start)


def _quote_of(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    """The attribution a statement sentence belongs to: its content covers most of the sentence, or its cue
    is in the sentence ("X said the truce would hold")."""
    best, best_overlap = None, 0
    covering = []
    for q in quotes:
        overlap = max(0, min(end, q.end_char) - max(start, q.start_char))
        cue_here = q.cue_start is not None and start <= q.cue_start < end
        covers = overlap >= 0.5 * min(end - start, q.end_char - q.start_char) or (cue_here and overlap > 0)
        if covers:
            covering.append((q, overlap))
    for q, overlap in covering:
        if overlap > best_overlap and not _reported_within(q, covering, start, end):
            best, best_overlap = q, overlap
    if best is not None and best.rule.startswith(("label:colon", "label:voice")):
        # a transcript line's speaker reporting a third party in this sentence ("HOST: The ministry says ..."):
        # the attribution nested in the line, whose cue the sentence holds, names the sentence's source
        # (or, past its cue, the quotation the line passes on: "A nurse told me: “... . I don't care.”")
        nested = [q for q in quotes if q is not best and q.cue_start is not None
                  and (start <= q.cue_start < end or (q.cue_start < start and q.direct and _covers(q, start, end)))
                  and best.start_char <= q.start_char and q.end_char <= best.end_char]
        if nested:
            return nested[0]
    return best


def _article_quotes(article_id, occurrences, analyses, mentions, canonical, raw, roles=frozenset()) -> list[Quote]:
    """Article-level attributions: quotations continued over paragraphs joined into one row, sources resolved
    to the fullest name in the article (pronouns and roles by the rules statements use)."""
    pieces = []  # [first AttributionSpan, paragraph position, pid, text_start, end position, end offset, text]
    # the names transcript labels gave the programme's own voice ("X (PRESENTER):"), and the outlet's staff its
    # lines introduce ("Our correspondent X is in Goma")
    voices: list[list[str]] = _staff_voices(raw, mentions)
    previous_position = None
    for position, pid, text_start in occurrences:
        analysis = analyses.get(pid)
        spans = analysis.quotes if analysis is not None else ()
        for q in spans:
            if q.rule == "label:voice":
                voices.append(_tokens(q.speaker_text or ""))
                continue
            if q.continues and pieces and previous_position is not None and pieces[-1][4] == previous_position \
                    and pieces[-1][0].direct and pieces[-1][7]:
                last = pieces[-1]
                if not last[6]:  # an announced text: its content starts with the quotation
                    last[8] = text_start + q.start
                last[4], last[5] = position, text_start + q.end
                last[6] = f"{last[6]}\n\n{q.text}" if last[6] else q.text
                last[7] = q.opens
                continue
            pieces.append([q, position, pid, text_start, position, text_start + q.end, q.text, q.opens,
                           text_start + q.start])
        previous_position = position
    # an announcement of a text ("X issued the following statement:") that no quotation followed says nothing
    pieces = [p for p in pieces if not (p[0].rule.startswith("intro:") and p[1] == p[4])]
    voices += _host_voice(pieces)
    out: list[Quote] = []
    contents = [(p[8], p[5]) for p in pieces]  # what each source says, article offsets
    turns = [(p[8], p[5]) for p in pieces if p[0].rule == "label:colon"]  # a transcript's turns, article offsets
    transcript = _is_transcript(p[0] for p in pieces)
    last_speaker: tuple[str | None, str | None] = (None, None)
    # role head -> an unnamed source the article introduced ("a Qatari official"), and where
    unnamed: dict[str, tuple[str, int]] = {}
    named_at: tuple[str, int] | None = None  # a person named as a source whom the NER did not tag, and where
    # the last source that is one unnamed person ("a senior official"), where, and whether it is a French or Russian
    # unnamed source as written ("un officier des FDS", kind "other"), which holds the floor only until the next source
    unnamed_at: tuple[str, int, bool] | None = None
    body_at: tuple[str, int] | None = None  # the last source that is one unnamed body ("the Israeli military"), and
    # where its source phrase ends
    for q, position, pid, text_start, end_position, end, text, _, start in pieces:
        at = start if q.speaker_start is None else text_start + q.speaker_start
        held = _label_person(q, out, mentions) if q.rule == "label:colon" and q.speaker_kind == "name" else None
        if held is not None:
            speaker, speaker_id = held
        elif q.speaker_kind == "name":
            speaker, speaker_id = _resolve_name(q, text_start, mentions, canonical)
            if speaker and not any(m.entity_id == speaker_id and m.label == "PERSON" for m in mentions):
                # "The Special Envoy reiterated ..." after "said the Special Envoy, Hans Lindqvist": a capitalised
                # title (no entity, or one the model read as a body) is the person an earlier source phrase
                # introduced with it
                speaker, speaker_id = _title_holder(speaker, out, mentions) or (speaker, speaker_id)
            if speaker_id is None and speaker and len(speaker.split()) >= 2 and speaker[:1].isupper():
                named_at = (speaker, at)
        elif (q.speaker_kind == "pronoun" and named_at is not None and (q.speaker_text or "").lower() in ("he", "she")
              and not any(m.label == "PERSON" and named_at[1] < m.start_char < at and not _mistaken_person(m, mentions)
                          for m in mentions)):
            # "Anders Lindqvist ... said ...; “...,” he said": the person last named as a source, even untagged
            speaker, speaker_id = named_at[0], None
        elif (q.speaker_kind == "pronoun" and unnamed_at is not None and (q.speaker_text or "").lower() in ("he", "she")
              and not any(m.label == "PERSON" and unnamed_at[1] < m.start_char < at for m in mentions)):
            # "A senior official ... said ... “...,” he said": the unnamed person still talking, not the last
            # person the article named before them
            speaker, speaker_id = unnamed_at[0], None
        elif (q.speaker_kind == "pronoun" and body_at is not None and (q.speaker_text or "").lower() == "it"
              and not any(m.label == "ORG" and body_at[1] <= m.start_char < at for m in mentions)
              and not any(o.speaker_start is not None and body_at[1] <= o.speaker_start < at for o in out)):
            # "The Israeli military said ... In response, it said, ...": the unnamed body still talking, not the
            # last body or state the article named before it (a place in what it said is no one who speaks)
            speaker, speaker_id = body_at[0], None
        elif q.speaker_kind == "continuation" and out and out[-1].direct and out[-1].speaker is None \
                and out[-1].rule != "label:voice" and not _heading(out[-1]):
            # the quotation goes on in the voice of the quote it continues: when that one has no speaker (both
            # sides at once, no source found), neither has this, rather than the speaker of an earlier paragraph
            speaker, speaker_id = None, None
        elif q.speaker_kind == "other" and _bare_role(q.speaker_text or ""):
            # "— говорит эксперт": a role said bare, resolved as "the expert" would be
            role = replace(q, speaker_kind="role", speaker_text=f"{q.speaker_text}|{q.speaker_text}|singular")
            speaker, speaker_id = _resolve_speaker(role, text_start, at, mentions, canonical, last_speaker, raw,
                                                   unnamed, contents, out, roles)
            speaker = speaker.split("|")[0] if speaker else speaker
        elif q.speaker_kind == "other" and len(_tokens(q.speaker_text or "")) == 1 \
                and (fuller := _fuller_body(out, _tokens(q.speaker_text or "")[0], at)) is not None:
            speaker, speaker_id = fuller, None  # "Le Gouvernement met en garde" after its full name
        elif q.speaker_kind == "other" and (aged := _aged_person(q.speaker_text or "", mentions, at)) is not None:
            speaker, speaker_id = aged.name, aged.entity_id  # "“...,” the 58-year-old said": the person named last
        elif q.speaker_kind == "other":
            speaker, speaker_id = q.speaker_text, None
        elif q.speaker_kind == "interviewee":
            # "A: ..." answers: the person the article introduced before its questions
            first = next((m for m in mentions if m.label == "PERSON" and m.start_char < start), None)
            speaker, speaker_id = (first.name, first.entity_id) if first is not None else (None, None)
        else:
            speaker, speaker_id = _resolve_speaker(q, text_start, at, mentions, canonical, last_speaker, raw, unnamed,
                                                   _outside_own_turn(q, at, contents, turns), out, roles, transcript)
            phrase, head, number = ((q.speaker_text or "") + "||").split("|")[:3]
            if q.speaker_kind == "role" and speaker_id is None and number == "singular" \
                    and phrase.lower().startswith(UNRESOLVED_DETERMINERS):
                unnamed[head] = (unnamed_form(speaker or phrase), at)
            if q.speaker_kind == "role" and speaker and "|" in (q.speaker_text or ""):
                speaker = speaker.split("|")[0] if speaker == q.speaker_text else speaker
        if speaker and speaker_id is None:
            speaker, speaker_id = _named_person(speaker, mentions, canonical)
        if speaker and speaker_id is None and _body_head(q) and q.speaker_start is not None:
            apposed = _apposed_body(q.source or "", text_start + q.speaker_start, mentions)
            speaker, speaker_id = (apposed.name, apposed.entity_id) if apposed is not None else (speaker, speaker_id)
        if _heading(q) and (_title_case_label(q)
                            or not any(m.entity_id == speaker_id and m.label == "PERSON" for m in mentions)):
            # "HIGHLIGHTS: ...", "SITUATION OVERVIEW: ...": a section of the text, not who speaks, whatever body
            # the model read in its capitals ("VERDICT")
            speaker, speaker_id = None, None
        if speaker and speaker_id is None and q.speaker_kind in ("role", "other"):
            speaker = unnamed_form(speaker)  # "a senior army officer" names nobody: "senior army officer"
        speaker = speaker or None
        rule = q.rule
        if rule == "label:colon" and _programme_voice(q.speaker_text, voices):
            # "DLAMINI:" after "NOMVULA DLAMINI (PRESENTER):": the presenter's later turns are the programme's
            # voice too, the narrative (the attributions the turn makes stay, as in the first turn); kept as a
            # turn with no source so its sentences are not read as the last speaker going on, then dropped
            speaker, speaker_id, rule = None, None, "label:voice"
        if speaker is not None:
            last_speaker = (speaker, speaker_id)
        unnamed_at = _one_unnamed_person(q, speaker, speaker_id, at) or _still_talking(unnamed_at, q, speaker)
        body_at = _one_unnamed_body(q, speaker, speaker_id, text_start) or body_at
        s_start = None if q.speaker_start is None else text_start + q.speaker_start
        s_end = None if q.speaker_end is None else text_start + q.speaker_end
        source_text = q.source if q.speaker_start is not None else None
        if q.speaker_kind == "continuation" and out:  # the speaker goes on: point at the mention that named them
            named = next((o for o in reversed(out) if o.speaker_start is not None), None)
            if named is not None:
                s_start, s_end, source_text = named.speaker_start, named.speaker_end, named.source_text
        out.append(Quote(
            quote_id=stable_id("quote", article_id, str(start)), article_id=article_id, paragraph_id=pid,
            position=position, end_position=end_position, start_char=start, end_char=end, text=text,
            speaker=speaker, speaker_entity_id=speaker_id, speaker_kind=q.speaker_kind,
            source_text=source_text, speaker_start=s_start, speaker_end=s_end,
            cue=q.cue, cue_start=None if q.cue_start is None else text_start + q.cue_start,
            cue_end=None if q.cue_end is None else text_start + q.cue_end, direct=q.direct, rule=rule,
        ))
    return out


def _label_person(q, earlier, mentions) -> tuple[str, str | None] | None:
    """Who a transcript's turn label names, when the record's own structure says it: a surname ("RUIZ:",
    "SENATOR RUIZ:") after an earlier turn labelled with the full name ("SENATOR ANA RUIZ:") is that member, as a
    record names each speaker in full once (the label's words end the earlier speaker's longer name; two members
    sharing them keep the label); a shouted label whose title was dropped ("SENATOR ANA RUIZ" read "Ana Ruiz") is
    that person, whatever body the model read in the capitals. None leaves the label to the name rules."""
    words = _tokens(_label_words(q.speaker_name) or (q.speaker_text or "").split("|")[0])
    if not words:
        return None
    held = {(o.speaker, o.speaker_entity_id) for o in earlier if o.rule == "label:colon" and o.speaker
            and len(_tokens(o.speaker)) > len(words) and _tokens(o.speaker)[-len(words):] == words}
    if len(held) == 1:
        return next(iter(held))
    label = (q.speaker_text or "").split("|")[0]
    if q.speaker_name and label.isupper() and len(_tokens(q.speaker_name)) < len(_tokens(label)):
        name, eid = _named_person(q.speaker_name, mentions)
        return name, eid or entity_id(name, "PERSON")  # a person: no body whose name ends with it
    return None


def _label_words(name: str | None) -> str | None:
    """A label's name without the words after its colon, which the model may read into it ("AL-RASHID: Monitors"
    tagged as one body), as :func:`_without_portfolio` cuts a mention's name."""
    if name and ": " in name and name.split(": ", 1)[0].strip():
        return name.split(": ", 1)[0].strip()
    return name


def _reported_in_turn(s, quote, text_start: int) -> bool:
    """``s`` sits in an interview's answer or a transcript's turn (``quote``, the speaker's own words) and its own
    reading found a named or described source tied to it by a cue inside the turn (``detect._reported_in_turn``)."""
    return (quote is not None and (quote.speaker_kind == "interviewee" or quote.rule == "label:colon")
            and s.speaker_kind in ("name", "role") and s.cue_start is not None
            and quote.start_char <= text_start + s.cue_start < quote.end_char)


def _own_turn(s, turn) -> bool:
    """A sentence the paragraph's reading gave to its turn's own label ("ANA RUIZ: Mostly. There was shelling
    ..."): the turn's voice goes on."""
    words = _tokens((s.speaker_text or "").split("|")[0])
    return s.speaker_kind == "name" and bool(words) and words == _tokens(turn.source_text or "")


def _staff_voices(raw, mentions) -> list[list[str]]:
    """The names of the people the article introduces as the outlet's own reporters in the field: "Our
    correspondent Ana Ruiz is in Goma. Ana, ...", or a header's label after another line of it ("19:00 GMT.
    Anchor: Pedro Ortiz. Correspondent: Ana Ruiz, in Juba."). A transcript's turns by them are the programme's
    voice (the guidelines' narrative), as those of a label's "(CORRESPONDENT)" are; whom they report still speaks.
    Only reporters: a podcast's "Presenter: X" may narrate the whole programme alone, and its turns stay with
    the label rules."""
    out = []
    for (_, _, e), m in _aligned(raw, mentions):
        words = e.prefix.casefold().split()
        # a header's label follows another line of it ("19:00 GMT. Correspondent: ..."): a label that opens the
        # paragraph is a turn's, and the name after it the person addressed ("REPORTER: Ana, is it holding?")
        if m.label == "PERSON" and ((words[-2:-1] == ["our"] and words[-1:][0] in REPORTERS)
                                    or (len(words) >= 3 and words[-3] == "." and words[-2] in REPORTERS
                                        and words[-1] == ":")):
            out.append(_tokens(m.name))
    return out


# a host's turn hands the word on: it ends on a question (a closing quotation mark may follow it)
_ENDS_ASKING = re.compile(r"\?[\s\"'\u201d\u2019)]*$")
# how many of the opening label's turns must hand the word on before it is read as the host's
_HOST_QUESTIONS = 2
# where a turn's sentences end, to read each for a programme's formula
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _host_voice(pieces) -> list[list[str]]:
    """The label of a transcript's host when no label names the role ("ANA RUIZ:", not "ANA RUIZ (HOST):"): the
    label of the first turn, when two or more of its turns end on a question (each hands the word to a guest),
    one of its sentences runs the programme (a greeting, a sign-off, "I'm Ana Ruiz") and another label answers.
    The house convention makes a host's own narration the programme's narrative ("" speaker) and its questions
    no statement; whom the host reports ("RUIZ: The rebels say ...") still speaks, as in a presenter's turns.
    The formulas are English ones, so French and Russian transcripts keep their labels' rules."""
    turns = [(_tokens(p[0].speaker_text or ""), p[6]) for p in pieces
             if p[0].rule == "label:colon" and p[0].speaker_kind in ("name", "other")]
    if not turns or not turns[0][0]:
        return []
    first = turns[0][0]
    own = [text or "" for words, text in turns if words == first]
    asked = sum(1 for text in own if _ENDS_ASKING.search(text))
    # a member who opens a debate's record asks too: a host also runs the programme ("Good evening.", "We will
    # leave it there.", "Ana Ruiz, thank you."), which no debater's turn does
    runs = any(host_formula(sentence) or _names_self(sentence, first) for text in own
               for sentence in _SENTENCE_END.split(text))
    others = any(words and words != first for words, _ in turns)
    return [first] if asked >= _HOST_QUESTIONS and runs and others else []


def _names_self(sentence: str, label: list[str]) -> bool:
    """The turn's speaker presents themself by the label's name ("This is The Dispatch, I'm Ana Ruiz."), as a host
    opening the programme does."""
    at = re.search(r"\bI(?:'|\u2019)m\s+|\bI\s+am\s+", sentence)
    return at is not None and bool(label) and \
        re.findall(r"[^\W\d_]+", sentence[at.end():].casefold())[: len(label)] == label


def _programme_voice(label: str | None, voices: list[list[str]]) -> bool:
    """A turn's label ("DLAMINI", "Nomvula Dlamini") is a name the article's labels gave the programme's voice:
    its words run inside that name (a surname, a given name, or the whole)."""
    words = _tokens((label or "").split("|")[0])
    n = len(words)
    return bool(words) and any(v[i : i + n] == words for v in voices for i in range(len(v) - n + 1))


def _title_holder(title: str, earlier, mentions) -> tuple[str, str] | None:
    """The person an earlier source phrase introduced with ``title`` ("the Special Envoy, Hans Lindqvist": the
    phrase opens on the title, and the person's name follows it), or None; only a title of two or more words (not
    a surname the NER missed), not one a phrase names in passing ("the head of the Defence Council, X")."""
    words = re.findall(r"\w+", _ARTICLE.sub("", title).casefold())
    if len(words) < 2 or not title[:1].isupper():
        return None
    people = {m.entity_id for m in mentions if m.label == "PERSON"}
    for q in reversed(earlier):
        source = re.findall(r"\w+", (q.source_text or "").casefold())
        opens = 1 if source[:1] in (["the"], ["a"]) else 0
        rest = source[opens + len(words):]  # what follows the title: the person's name, or its last words
        named = re.findall(r"\w+", (q.speaker or "").casefold())
        if source[opens : opens + len(words)] == words and rest and named[-len(rest):] == rest \
                and q.speaker_entity_id in people:
            return q.speaker, q.speaker_entity_id
    return None


def _heading(q) -> bool:
    """A label opening a line, made only of section words ("KEY POINTS:", "SITUATION OVERVIEW:", a fact-check's
    "Verdict:"): a section heading of a report, a live page or a fact-check, where a transcript's labels are names
    ("LEBLANC:"). In capitals or with a capital first letter only: the words alone decide."""
    label = (getattr(q, "speaker_text", None) or getattr(q, "source_text", None) or "").split("|")[0].strip()
    words = re.findall(r"[^\W\d_]+", label.casefold())
    return q.rule == "label:colon" and label[:1].isupper() and bool(words) \
        and all(w in _section_words() for w in words)


def _title_case_label(q) -> bool:
    """A heading label not in capitals ("Verdict:"): the model's reading of it as a person's name (a capitalised
    word opening the paragraph) is no person; a capitals label of section words may still be a transcript's
    name the model knows."""
    label = (getattr(q, "speaker_text", None) or "").split("|")[0].strip()
    return label.upper() != label


@lru_cache(maxsize=1)
def _section_words() -> frozenset[str]:
    """Words of report and live-page section headings (data/section_headings.txt)."""
    raw = resources.files("pipeline.nlp").joinpath("data", "section_headings.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def _body_head(q) -> bool:
    """Source ``q`` is a role whose head word is a body's ("the refugee agency", "the military"), not a person's."""
    _, head, _ = ((q.speaker_text or "") + "||").split("|")[:3]
    return q.speaker_kind == "role" and (head in ORG_ROLE_WORDS or head in GENERIC_ORG_WORDS)


def _apposed_body(source: str, at: int, mentions) -> Mention | None:
    """The body a described source is named as in apposition ("The United Nations refugee agency, UNHCR,"): the
    ORG mention that ends the source phrase ``source`` (written at article offset ``at``), set off from the
    description by a comma. The guidelines' speaker is the body by its name, not the phrase that describes it."""
    end = at + len(source.rstrip(" ,"))
    for m in mentions:
        described = source[: max(0, m.start_char - at)].rstrip()
        # one comma, the apposition's: a list ("the agency, the army, UNHCR") names more than one
        if m.label == "ORG" and m.end_char == end and described.endswith(",") and "," not in described[:-1]:
            return m
    return None


def _one_unnamed_person(q, speaker: str | None, speaker_id: str | None, at: int) -> tuple[str, int, bool] | None:
    """(name, where, as written) when source ``q`` resolved to one person the article does not name ("a senior
    official", "the former fighter"): no entity, a singular role whose head is no body or document. A French or
    Russian unnamed source as written ("s'est interrogé un officier des FDS", kind "other") counts too: only a
    singular "il"/"elle" is ever given it (a plural one is "they"), and only while no other source spoke since."""
    if q.speaker_kind not in ("role", "other") or speaker is None or speaker_id is not None:
        return None
    if q.speaker_kind == "other":
        return (speaker, at, True) if q.rule.startswith("fr_ru:") else None
    _, head, number = ((q.speaker_text or "") + "||").split("|")[:3]
    if number != "singular" or head in ORG_ROLE_WORDS or head in DOCUMENT_WORDS or head in GENERIC_ORG_WORDS:
        return None
    return speaker, at, False


def _still_talking(unnamed_at: tuple[str, int, bool] | None, q, speaker: str | None) -> tuple[str, int, bool] | None:
    """The unnamed person who still has the floor after source ``q``: an unnamed source as written loses it to
    any other source that speaks (a pronoun after "Le Kremlin a confirmé" is the Kremlin's), a role only to a
    person named (checked where the pronoun is read)."""
    if unnamed_at is None or not unnamed_at[2] or speaker is None or speaker == unnamed_at[0]:
        return unnamed_at
    return None


# a document's section of recommendations ("Recommendations: ...", "5. Recommendation: ..."): what it asks of
# others is its issuer's position, whoever the sentence names as the one to act ("Beijing should press ...")
_RECOMMENDATIONS = re.compile(r"^\s*(?:\d+\.\s*)?recommendations?\s*:", re.IGNORECASE)


def _recommendations(analysis) -> bool:
    """The paragraph opens with a recommendations heading (its first statement starts the paragraph with one)."""
    first = min(analysis.statements, key=lambda s: s.start, default=None)
    return first is not None and first.start == 0 and _RECOMMENDATIONS.match(first.text) is not None


def _one_unnamed_body(q, speaker: str | None, speaker_id: str | None, text_start: int) -> tuple[str, int] | None:
    """(name, end of its source phrase) when source ``q`` is one body the article does not name ("the Israeli
    military", "the ministry" with no ministry named): no entity, a singular role whose head is a body's word."""
    if q.speaker_kind != "role" or speaker is None or speaker_id is not None or q.speaker_end is None:
        return None
    _, head, number = ((q.speaker_text or "") + "||").split("|")[:3]
    if number != "singular" or not (head in ORG_ROLE_WORDS or head in GENERIC_ORG_WORDS):
        return None
    return speaker, text_start + q.speaker_end


# roles that speak for the body they name ("a spokesman for the ministry", "a senior officer of the army", "leaders
# of the coalition"): the sentence gives that body's position. Not a commander, whose say is their own, nor an
# official *in* a body, whom the sets keep as written
_BODY_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative",
                          "representatives", "leader", "leaders", "officer", "officers", "official", "officials",
                          "secretariat"})
_VOICE_OF = re.compile(r"^(?:(?:the|an?)\s+)?(?:[\w'\u2019-]+\s+){0,2}?(?P<head>[\w-]+)\s+(?:of|for|from)\s+"
                       r"(?:the\s+)?(?P<body>.+)$", re.IGNORECASE)
_BODY_EXTRA_WORDS = 2  # words the phrase may add to the body's name ("the Viv Ansanm gang coalition")


def _body_spoken_for(speaker: str, mentions) -> tuple[str, str] | None:
    """The organisation an unnamed source speaks for ("spokesman for the Foreign Ministry" -> "Foreign Ministry",
    "leaders of the Viv Ansanm coalition" -> "Viv Ansanm"): a body the article names, whose name the phrase after
    "of/for/from" holds, with at most two words more. None for any other source."""
    m = _VOICE_OF.match(speaker)
    if m is None or m.group("head").casefold() not in _BODY_VOICES:
        return None
    body = _tokens(m.group("body"))
    for x in mentions:
        if x.label != "ORG":
            continue
        for name in (_tokens(_ARTICLE.sub("", x.text)), _tokens(x.name)):
            if name and len(body) - len(name) <= _BODY_EXTRA_WORDS and any(
                    body[i : i + len(name)] == name for i in range(len(body) - len(name) + 1)):
                return x.name, x.entity_id
    return None


def _named_person(speaker: str, mentions, canonical=None) -> tuple[str, str | None]:
    """A source written as a surname the NER did not tag ("Haidar told reporters") is the person the article
    named in full ("Olena Haidar"), when exactly one person's name ends with those words; a body's short form
    ("the Ministry") the organisation the article named in full."""
    words = _tokens(_ARTICLE.sub("", speaker))
    if not words or not speaker[:1].isupper() or len(words) > 3:
        return speaker, None
    if canonical is not None:
        fuller = canonical(_ARTICLE.sub("", speaker), "ORG")
        hit = next((m for m in mentions if m.label == "ORG" and m.name == fuller), None)
        if hit is not None and fuller != _ARTICLE.sub("", speaker):
            return hit.name, hit.entity_id
    people = {m.name: m for m in mentions if m.label == "PERSON" and len(_tokens(m.name)) > len(words)
              and _tokens(m.name)[-len(words):] == words}
    if not people:
        # "IBARRA:" or "Ibarra said" after "Tomás Ibarra Soto": a double surname's first part, as Spanish and
        # Portuguese reporting shortens it (a transcript's capitals too)
        people = {m.name: m for m in mentions if m.label == "PERSON" and _inner(_tokens(m.name), words)}
    if not people and len(words) == 1 and not any(_tokens(m.name) == words for m in mentions):
        # "SOMCHAI:" after "Somchai Rattanawong": a given name, as Thai, Icelandic or familiar reporting names
        # people, when it is nobody's surname and no entity of its own
        people = {m.name: m for m in mentions if m.label == "PERSON" and len(_tokens(m.name)) > 1
                  and _tokens(m.name)[0] == words[0]}
    if len(people) == 1:
        m = next(iter(people.values()))
        return m.name, m.entity_id
    return speaker, None


def _inner(name: list[str], words: list[str]) -> bool:
    """``words`` occur in ``name`` after its first word and before its last one."""
    n = len(words)
    return any(name[i : i + n] == words for i in range(1, len(name) - n))


def _resolve_name(q, text_start, mentions, canonical) -> tuple[str | None, str | None]:
    """A named source (see _entity_of_name), where a place or a people's word it holds is not who speaks: "the
    Galmudug State Minister of Interior, Abdiqani Sheikh Nuur" is the minister, whom the phrase names (a place
    speaks as a metonym on its own, "Moscow said", not inside a phrase that names the person)."""
    name, eid = _entity_of_name(q, text_start, mentions, canonical)
    hit = next((m for m in mentions if eid is not None and m.entity_id == eid), None)
    if hit is None or not (hit.label in PLACE_LABELS or _mistaken_person(hit, mentions)):
        return name, eid
    lo, hi = text_start + (q.speaker_start or 0), text_start + (q.speaker_end or 0)
    held = {m.entity_id: m for m in mentions if lo <= m.start_char < hi and m.label == "PERSON"
            and not _mistaken_person(m, mentions)}
    if len(held) == 1:
        person = next(iter(held.values()))
        return person.name, person.entity_id
    tail = _appended_name(getattr(q, "source", None) or (q.speaker_text or "").split("|")[0])
    if tail is not None:  # the person's name set off after the title, which the NER missed
        return canonical(tail, "PERSON"), None
    return name, eid


def _entity_of_name(q, text_start, mentions, canonical) -> tuple[str | None, str | None]:
    """A named source: the entity it is (the person its title or apposition introduces), by the fullest name
    the article gives it; a name the NER missed or cut is matched by its last words, else kept as written."""
    lo, hi = text_start + (q.speaker_start or 0), text_start + (q.speaker_end or 0)
    written = (q.speaker_text or "").split("|")[0]
    name = _label_words(q.speaker_name) or written
    words = [w for w in _tokens(name) if w not in ("the", "mr.", "mrs.", "ms.", "dr.")]
    inside = [m for m in mentions if lo <= m.start_char < hi and m.label in ("PERSON", "ORG", "GPE", "NORP")]
    exact = [m for m in inside if m.name == name or m.text == name]
    # a surname the NER labelled as something else here ("Haidar told reporters" read as ORG) is still the
    # person the article named in full
    person = max((m for m in mentions if m.label == "PERSON" and len(_tokens(m.name)) > len(words)
                  and words and (_tokens(m.name)[-len(words):] == words or _inner(_tokens(m.name), words))),
                 key=lambda m: len(m.name), default=None)
    if exact:
        best = next((m for m in exact if m.label == "PERSON"), None)
        if best is None and person is not None:
            return person.name, person.entity_id
        best = best or exact[0]
        return best.name, best.entity_id
    if words:
        named = [m for m in mentions if m.label in ("PERSON", "ORG") and _tokens(m.name)[-len(words):] == words]
        if named:
            best = max(named, key=lambda m: len(m.name))
            return best.name, best.entity_id
        if len(words) > 1 and any(m.label == "PERSON" and _tokens(m.name)[-1:] == words[-1:] for m in inside):
            fuller = canonical(name, "PERSON")  # a person's name the NER cut in two, joined again
            return fuller, entity_id(fuller, "PERSON")
    return name or None, None


def _appended_name(phrase: str) -> str | None:
    """The name a source phrase sets off after its title ("the State Minister of Interior, Ana Ruiz Soto"): two to
    four capitalised words after the last comma, or None."""
    if ", " not in phrase:
        return None
    tail = phrase.rsplit(", ", 1)[1].strip().rstrip(",")
    words = tail.split()
    return tail if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) else None


# labels of places and peoples: a speaker only as a metonym on its own ("Moscow said"), never "he" or "it added"
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
# where words are posted, not who speaks ("a statement posted on Telegram"): the guidelines' outlets never speak
PLATFORMS = frozenset({"telegram", "x", "twitter", "facebook", "tiktok", "whatsapp", "youtube", "instagram", "signal",
                       "truth social", "bluesky", "threads", "vk", "vkontakte", "weibo", "wechat", "rumble", "gab"})


def _platform(name: str) -> bool:
    return " ".join(_tokens(name)) in PLATFORMS


# a place named after one of these is where something happened, not who speaks ("the ministry in Tripoli")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "into", "across", "around", "towards", "toward",
                                "outside", "inside", "within", "over", "on", "of", "along", "through"})


def _outside_own_turn(q, at: int, contents, turns):
    """``contents`` without the transcript turn a "he", "she" or "it" speaks in: the people and bodies the turn's
    speaker names are who their "he said" or "it said" reports ("YONAS: The envoy, Ana Ruiz, read a statement. He
    said ...", "RUIZ: We asked the ministry for comment. In a reply, it said ..."), not backdrop."""
    if q.speaker_kind != "pronoun" or (q.speaker_text or "").lower() not in ("he", "she", "it"):
        return contents
    own = [t for t in turns if t[0] <= at < t[1]]
    return [c for c in contents if c not in own] if own else contents


def _backdrop(mentions, raw, contents) -> set[int]:
    """Start offsets of mentions that are no candidate for "it", "the statement" or "the group": names inside
    what a source said (the speaker talks about them), places after a preposition ("the ministry in Tripoli"),
    and bodies of an organisation already named ("its central command")."""
    out = {m.start_char for m in mentions if any(a <= m.start_char < b for a, b in contents)}
    for (_, _, e), m in _aligned(raw, mentions):
        words = [w for w in e.prefix.casefold().split() if w not in ("the", "a", "an")]
        last = words[-1] if words else ""
        place = last in PLACE_PREPOSITIONS if m.label in ("GPE", "LOC", "FAC") else last in ("in", "near", "at") \
            or (last == "of" and _lone_word_person(m, mentions))
        if place or last in ("its", "their"):
            out.add(m.start_char)
    # platforms and news outlets carry what others say: never "it", "the group" or "the statement"
    out |= {m.start_char for m in mentions if m.label == "ORG" and _platform(m.name)}
    return out | _outlets(raw, mentions)


def _lone_word_person(m, mentions) -> bool:
    """A one-word PERSON that is no part of any person's fuller name: after "of" it is a place the model read as a
    person ("the camps of Tindouf"), since a person the article names is named in full first."""
    words = _tokens(m.name)
    return m.label == "PERSON" and len(words) == 1 and not any(
        x.label == "PERSON" and len(_tokens(x.name)) > 1 and words[0] in _tokens(x.name) for x in mentions)


# words naming a news outlet, in its name or right before it ("the state broadcaster MRTV", "Al-Manar television")
OUTLET_WORDS = frozenset({"agency", "news", "newspaper", "broadcaster", "television", "tv", "radio", "channel",
                          "daily", "outlet", "website", "newswire", "broadcasting"})


def _outlets(raw, mentions) -> set[int]:
    """Start offsets of organisations the article presents as news outlets: a publication quoting someone is
    not the speaker (the guidelines), nor the issuer of the text it carries."""
    out = set()
    for (_, _, e), m in _aligned(raw, mentions):
        before = [w for w in e.prefix.casefold().split() if w not in ("the", "a", "an")][-2:]
        if m.label == "ORG" and (set(_tokens(m.name)) | set(before)) & OUTLET_WORDS:
            out.add(m.start_char)
    return out


def _adjective_of_nationality(m) -> bool:
    """A French adjective of nationality or faith ("les forces russes", "le mouvement chiite"), written in lower
    case as French writes it (an English NORP is capitalised): it qualifies a noun and is no one a pronoun or an
    unnamed source stands for, nor does it name the owner of a body called by its English name."""
    return m.label == "NORP" and bool(_LATIN_LOWER.match(m.text))


_LATIN_LOWER = re.compile(r"[a-zà-ÿ]")


def _actors(before, backdrop: set[int]):
    """``before`` without the backdrop, or all of it when nothing else is left."""
    kept = [m for m in before if m.start_char not in backdrop]
    return kept or before


def _body_going_on(s, before, actors, last_speaker):
    """"La France rappelle que ... ¶ Elle soutient ...": a gendered language's "il"/"elle" ("он"/"она") opening
    the sentence after a body or a state spoke last, with no person named since, is that body going on (French
    and Russian give a body the grammatical gender of its noun), across a paragraph break too, where the
    analyser's own rule (multilingual._pronoun_for_body) sees only the paragraph; the English "he"/"she" is never
    a body."""
    if last_speaker[1] is None or s.speaker_start is None or s.speaker_start != s.start:
        return None
    last = next((m for m in reversed(before) if m.entity_id == last_speaker[1]), None)
    if last is None or last.label not in ("ORG", "GPE"):
        return None
    if any(m.label == "PERSON" and m.start_char > last.start_char for m in actors):
        return None
    return last


# what speaks for the one person who owns it ("his delegation", "her office", "his spokesman"): that person
_SPEAKS_FOR_ITS_OWNER = frozenset({"delegation", "office", "government", "aide", "aides", "spokesman", "spokeswoman",
                                   "spokesperson", "team"})
# a definite description by age ("the 58-year-old", "the 34-year-old nurse"): someone the article has named
_AGED = re.compile(r"^the \d{1,3}[- ]year[- ]old\b", re.IGNORECASE)


def _aged_person(phrase: str, mentions, start: int):
    """The person "the 58-year-old (village head)" stands for: a reporter gives the age of someone the story has
    named, never of a new source (introduced as "a 58-year-old farmer"), so the person named last before
    ``start``; None for any other phrase or when no person was named."""
    if not _AGED.match(phrase):
        return None
    return next((m for m in reversed(mentions) if m.end_char <= start and m.label == "PERSON"
                 and not _mistaken_person(m, mentions)), None)


# the dative of a speech verb ("a déclaré à Meridian Wire", "a confié au quotidien X"): who was told
_TOLD = re.compile(r"(?:^|\s)(?:à|au|aux)(?:\s+(?:la|le|les))?\s*(?:l['\u2019])?\s*$", re.IGNORECASE)


def _told_by_cue(s, text_start: int, m, raw) -> bool:
    """Whether ``m`` is the one the statement's cue told its words to, right after the verb and its "à" ("», a
    déclaré à Meridian Wire le négociateur"): never who speaks, whatever title the source is given."""
    if s.cue_end is None or not 0 <= m.start_char - (text_start + s.cue_end) <= 12:
        return False
    e = next((e for t, _, e in raw if t + e.start == m.start_char), None)
    return e is not None and _TOLD.search(e.prefix) is not None


def _resolve_speaker(s, text_start, start, mentions, canonical, last_speaker, raw, unnamed=None, contents=(),
                     sources=(), roles=frozenset(), transcript=False, gendered=False):
    kind = s.speaker_kind
    before = [m for m in mentions if m.end_char <= start and not _adjective_of_nationality(m)
              and not _told_by_cue(s, text_start, m, raw)]
    if kind in ("pronoun", "role"):
        backdrop = _backdrop(before, raw, contents)
        actors = _actors(before, backdrop)
    if kind == "name":
        at = text_start + (s.speaker_start or 0)
        hit = next((m for m in mentions if m.start_char == at), None)
        if hit is not None:
            return hit.name, hit.entity_id
        # a name the NER missed here ("Haidar told reporters"): the article's fullest mention of it
        words = _tokens(s.speaker_text or "")
        if words:
            named = [m for m in mentions if m.label in ("PERSON", "ORG") and _tokens(m.name)[-len(words):] == words]
            if named:
                best = max(named, key=lambda m: len(m.name))
                return best.name, best.entity_id
        return s.speaker_text, None
    if kind == "pronoun":
        pronoun = (s.speaker_text or "").lower()
        if pronoun in ("who", "whom"):  # "Smith, who said ...": the person the relative clause hangs on
            hit = next((m for m in reversed(before) if m.label in ("PERSON", "ORG")), None)
            return (hit.name, hit.entity_id) if hit else (None, None)
        if pronoun in _WRITER_PRONOUNS and not transcript:
            # outside anyone's words "I" is the page's writer, never the person named last (a letter after another
            # letter's signature, an essayist after the officer they quote): a signed piece gives its writer by
            # its issuer, otherwise the writer is no one the article names. A transcript's "I" is the person
            # whose turn it is, read below as the person named last
            return _speaker_around(sources, start) or _turn_opener(raw, mentions, text_start, start)
        if pronoun in ("he", "she", "him", "her", "his", "i"):
            # a people's or a place's word the model read as a person ("Sahrawi" of "Sahrawi Arab Democratic
            # Republic") is nobody "he" stands for
            before = [m for m in before if not _mistaken_person(m, mentions)]
            actors = [m for m in actors if not _mistaken_person(m, mentions)]
        wanted = ("PERSON",) if pronoun in ("he", "she", "him", "her", "his", "i") else ("ORG", "GPE", "NORP")
        document = _document_source(sources, start) if pronoun == "it" else None
        if document is not None:
            return document  # "..., the statement said. It added that ...": the statement goes on, for its issuer
        if pronoun in ("it", "its"):
            wanted = ("ORG", "GPE")  # "it" is a body or a state, never a nationality adjective ("Pakistani")
        body = _body_going_on(s, before, actors, last_speaker) if gendered and pronoun in ("he", "she") else None
        if body is not None:
            return body.name, body.entity_id
        if pronoun == "they" and last_speaker[0] is not None and last_speaker[1] is None:
            said = _group_said(sources, last_speaker[0], start)
            if said is not None and not any(m.start_char >= said and m.label in wanted for m in actors):
                # "The guarantors said ... They urged ...": the unnamed group that spoke last, when no body or state
                # was named since its source phrase (a member of a list inside it is no later candidate)
                return last_speaker
        if last_speaker[0] is not None and last_speaker[1] is not None:
            last = next((m for m in reversed(before) if m.entity_id == last_speaker[1]), None)
            if last is not None and last.label in wanted:
                # keep the current speaker unless another candidate (an actor, not a place or a name inside
                # what was said) was named after them
                # a body named inside the speaker's own source phrase ("the Council, which is close to the
                # Front, said") only describes the speaker: it is no later candidate
                # nor is the one they spoke to ("X told Judge Y that ... “...,” he said"): the words between the
                # speaker's cue and what they said name whom it was said to, and "he" goes on with the speaker
                own = _source_phrases(sources, last.entity_id) + _addressees(sources, last.entity_id)
                later = [m for m in actors if m.start_char > last.start_char and m.label in wanted
                         and m.entity_id != last.entity_id and not any(a <= m.start_char < b for a, b in own)]
                if not later:
                    return last.name, last.entity_id
        hit = next((m for m in reversed(actors) if m.label in wanted), None)
        if pronoun in ("they", "it") and (hit is None or hit.label in ("GPE", "LOC", "FAC")
                                          or _named_before_turn(hit, sources, start)):
            # "RUIZ: I spoke to the rebels in Kessel. They told me ...": the body or group the words just named,
            # as written, not the place it was in nor a state named before it
            placed = hit is not None and hit.label in ("GPE", "LOC", "FAC")
            group = _group_before(sources, start, pronoun, hit if placed else None)  # a body: the turn's own words
            if group is not None:
                return group, None
        return (hit.name, hit.entity_id) if hit else (None, None)
    if kind == "role":
        phrase, head, number, marker = ((s.speaker_text or "") + "|||").split("|")[:4]
        if head in _NEVER_SPEAKS:
            return None, None  # "the deal promised ...", "initial findings indicate ...": no one's say
        if head in _AUTHORED_WORKS and (author := _authored_by(s, text_start, head, mentions)) is not None:
            return author.name, author.entity_id  # "a study by the Centre ...": the author, as "the Centre said"
        lowered = phrase.lower()
        if (person := _aged_person(phrase, mentions, start)) is not None:
            return person.name, person.entity_id
        if lowered.startswith(("his ", "her ")) and head in _SPEAKS_FOR_ITS_OWNER:
            # "His delegation would not support a text ...", "her office said": the body speaks for the person the
            # possessive stands for, resolved as "he" or "she" would be
            return _resolve_speaker(replace(s, speaker_kind="pronoun", speaker_text=lowered.split()[0]), text_start,
                                    start, mentions, canonical, last_speaker, raw, unnamed, contents, sources, roles,
                                    transcript, gendered)
        if lowered.startswith(("its ", "their ")):
            hit = next((m for m in reversed(before) if m.label == "ORG"), None)  # "its leaders" -> the organisation
            return (hit.name, hit.entity_id) if hit else (phrase, None)
        if lowered.startswith(UNRESOLVED_DETERMINERS) or number == "plural":
            return phrase, None  # "a Western diplomat", "officials familiar with the talks": unnamed on purpose
        owner = re.match(r"the (\w+)['\u2019]s ", lowered)
        if owner and owner.group(1) in GENERIC_ORG_WORDS:
            # "the group's executive committee": a body speaking for the organisation "the group" stands for
            return _resolve_speaker(replace(s, speaker_text=f"the {owner.group(1)}|{owner.group(1)}|singular"),
                                    text_start, start, mentions, canonical, last_speaker, raw, unnamed, contents,
                                    sources, roles)
        if head in _GROUPS_OF_PEOPLE:
            sent = _sent_by(s, text_start, phrase, mentions)
            if sent is not None:
                return sent.name, sent.entity_id
        if len(_tokens(phrase)) == 1 and (fuller := _fuller_body(sources, head, start)) is not None:
            return fuller, None
        if head in ("army", "military") and (army := _owners_army(s, text_start, mentions)) is not None:
            return army.name, army.entity_id  # "Israel's military" when the article names the Israel Defense Forces
        if not lowered.startswith(("the ", "this ", "that ")) and not _bare_role(phrase):
            return phrase, None  # "Sudan's army", "Ukraine's foreign ministry": already as named as it gets
        if head in DOCUMENT_WORDS:  # "the statement said": the organisation that issued it, named last
            # never the outlet that carried it ("read in full on the state broadcaster MRTV"): the guidelines
            outlets = _outlets(raw, mentions)
            author = _document_author(sources, mentions, start, outlets)
            if author is not None:
                return author
            hit = next((m for m in reversed(actors) if m.label == "ORG" and m.start_char not in backdrop
                        and m.start_char not in outlets), None)
            issuer = _issuing_body(sources, mentions, start, outlets)
            if issuer is not None and (hit is None or hit.start_char < issuer.start_char):
                hit = issuer
            if hit is None and last_speaker[0] is not None and not any(
                    m.label == "PERSON" and m.entity_id == last_speaker[1] for m in before):
                return last_speaker  # every organisation since is one the issuer spoke about: the issuer itself
            hit = hit or next((m for m in reversed(before) if m.label == "ORG"), None)
            return (hit.name, hit.entity_id) if hit else (phrase, None)
        if head in ORG_ROLE_WORDS:
            # not a state's body: "the Veldaran defence ministry" is the ministry, whatever tags "Veldaran"
            named = None if head in STATE_BODY_WORDS else _named_in_phrase(s, text_start, phrase, mentions)
            if named is not None:
                return named.name, named.entity_id
            fillers = GENERIC_ORG_WORDS.get(head)
            orgs = [m for m in reversed(actors) if m.label == "ORG"]
            owner = _owner_in_phrase(s, text_start, mentions)
            if owner is not None:
                # "the Israeli military", "the Veldaran ministry": only that country's body, named with the
                # same word ("Israeli Air Force"); another country's army named last is someone else
                orgs = [m for m in orgs if owner in _tokens(m.name)]
            if fillers is None:  # "the ministry": an organisation whose name says ministry
                hit = next((m for m in orgs if head in m.name.casefold()), None)
                if hit is None:
                    hit = _named_by_head(before, contents, head, owner)
            elif fillers:  # "the army": an organisation whose name says army / armed forces / military
                hit = next((m for m in orgs if any(f in m.name.casefold() for f in fillers)), None)
                if hit is None and owner is None and head in ("army", "military"):
                    # an interview's answers and its preface's "both say" hold every earlier name inside someone's
                    # words: the one army the article named there is still the one "the army" stands for
                    armies = {m.entity_id: m for m in before if m.label == "ORG"
                              and any(f in m.name.casefold() for f in fillers)}
                    hit = next(iter(armies.values())) if len(armies) == 1 else None
                if hit is None and owner is None:
                    hit = _named_later(mentions, start)
            else:  # "the group", "the rebels": the organisation last named that is no state body
                hit = next((m for m in orgs if not set(_tokens(m.name)) & STATE_BODY_WORDS), None)
            if hit is None and owner is None and len(_tokens(_ARTICLE.sub("", phrase))) == 1:
                # "the ministry said" after "The Somali defence ministry dismissed ...": the body an earlier source
                # named more fully, which no entity holds
                fuller = next((q.speaker for q in reversed(sources) if q.speaker and q.speaker_entity_id is None
                               and q.speaker_kind == "role" and _tokens(q.speaker)[-1:] == [head]
                               and q.speaker_start is not None and q.speaker_start < start
                               and len(_tokens(_ARTICLE.sub("", q.speaker))) > 1), None)
                return (fuller, None) if fuller else (phrase, None)
            return (hit.name, hit.entity_id) if hit else (phrase, None)
        titles = _SAME_ROLE.get(head, (head,))
        titled = [m for (ts, _, e), m in _aligned(raw, mentions) if m.end_char <= start and m.label == "PERSON"
                  and any(t in e.prefix.casefold() for t in titles)]
        if not titled:
            # "..., said the Minister of Foreign Affairs, Hassan Abdelrahim": a title too far before the name
            # for its prefix, but the source phrase of an earlier attribution holds both
            people = {m.entity_id: m for m in before if m.label == "PERSON"}
            titled = [people[q.speaker_entity_id] for q in sources if q.speaker_entity_id in people
                      and q.speaker_start is not None and q.speaker_end is not None and q.speaker_end <= start
                      and any(t in " ".join(_tokens(q.source_text or "")) for t in titles)]
        if getattr(s, "rule", "") == "label:colon" and (len({m.entity_id for m in titled}) > 1
                                                        or len(_tokens(_ARTICLE.sub("", phrase))) > 1):
            # a turn labelled "SPOKESPERSON:" when the article named two spokespersons (one per side): the label
            # is neither's unless its own words say whose ("ARMY SPOKESPERSON:" -> the one titled "army
            # spokesperson"); otherwise it stays as written, not whoever was named last
            return _label_holder(phrase, head, titled, raw, mentions) or (getattr(s, "source", None) or phrase, None)
        introduced = unnamed.get(head) if unnamed else None
        if introduced is not None and (not titled or introduced[1] > titled[-1].start_char):
            # "A Qatari official ... said"; later "the official said": the same unnamed one, unless a person titled
            # so was named after it ("senior Hamas official X ... An Israeli official said ... The official said")
            return introduced[0], None
        hit = titled[-1] if titled else None
        if hit is None and number == "singular" and _person_word(head, roles) and _headed_by(phrase, head) \
                and _owner_in_phrase(s, text_start, mentions) is None and not _anonymous(s):
            said = {q.speaker_entity_id for q in sources if q.speaker_entity_id}
            hit = _described_person([m for m in before if m.start_char not in backdrop or m.entity_id in said],
                                    text_start, raw)
        if hit is None and marker == "person" and (same := _same_title_before(sources, titles, start)):
            # (French and Russian) "глава государства" after "Президент России объявил ...": the title the article
            # named the unnamed holder by, as fully as it did
            return same, None
        if hit is None and marker == "person":
            # (French and Russian) a person's title the article named them by another word: the person named last
            hit = next((m for m in reversed(actors) if m.label == "PERSON"), None)
        if hit is None and _CYRILLIC.search(phrase):
            phrase = _fuller_owner(phrase, s, text_start, mentions, raw)
        return (hit.name, hit.entity_id) if hit else (phrase, None)
    if kind == "continuation":
        return last_speaker
    return None, None


def _label_holder(phrase: str, head: str, titled, raw, mentions) -> tuple[str, str | None] | None:
    """The one of several persons titled ``head`` whom a turn's label names by its other words ("ARMY
    SPOKESPERSON" -> the person introduced as "the army spokesperson"); None when the label says no more than the
    role, or its words fit more than one of them."""
    words = [w for w in _tokens(phrase.casefold()) if w not in ("the", head)]
    if not words:
        return None
    ids = {m.entity_id for m in titled}
    fits = {m.entity_id: m for (_, _, e), m in _aligned(raw, mentions) if m.entity_id in ids
            and all(w in _tokens(e.prefix.casefold().replace("\u2019", "'").replace("'", " ")) for w in words)}
    if len(fits) != 1:
        return None
    hit = next(iter(fits.values()))
    return hit.name, hit.entity_id


# bodies and groups "they" or "it" stands for when a source's words name them bare ("the rebels", "the army")
_PLURAL_GROUPS = frozenset({"rebels", "authorities", "militants", "insurgents", "fighters", "separatists",
                            "forces", "troops"})
_SINGULAR_GROUPS = ORG_ROLE_WORDS - _PLURAL_GROUPS - {"kremlin", "office", "embassy"}
_BARE_GROUP = re.compile(r"\bthe (\w+)\b", re.IGNORECASE)


def _group_before(sources, start: int, pronoun: str, place) -> str | None:
    """The body or group ("the rebels" for "they", "the army" for "it") that the words of a source's turn or
    quotation name last before ``start``, nearer than ``place`` (the place or state the pronoun would otherwise
    go to); None when there is none."""
    groups = _PLURAL_GROUPS if pronoun == "they" else _SINGULAR_GROUPS
    floor = place.start_char if place is not None else -1
    best: tuple[int, str] | None = None
    for q in sources:
        if q.start_char >= start or q.text is None or place is None and q.end_char <= start:
            continue  # with no place to weigh it against, only the words the pronoun itself stands in
        text = q.text[: max(0, start - q.start_char)]
        for m in _BARE_GROUP.finditer(text):
            at = q.start_char + m.start()
            word = m.group(1).casefold()
            if word in groups and (best is None or at > best[0]):
                best = (at, word)
    if best is None or best[0] < floor and not 0 <= floor - best[0] <= _GROUP_AND_PLACE:
        return None
    return best[1]


# the words that end a plural group's head and start what describes it ("diplomats in Brussels", "elders who ...")
_GROUP_TAIL = re.compile(r"\s(?:of|in|at|from|on|for|with|near|who|that|familiar|close|allied|based)\s.*$")


def _group_said(sources, speaker: str, start: int) -> int | None:
    """Where the source phrase ends of the last source before ``start`` that resolved to ``speaker``, an unnamed
    group (a plural role: "diplomats in Brussels", "the guarantors"); None when there is none."""
    said = [q for q in sources if q.speaker == speaker and q.speaker_entity_id is None and q.speaker_kind == "role"
            and q.speaker_end is not None and q.speaker_end <= start]
    if not said:
        return None
    head = _GROUP_TAIL.sub("", unnamed_form(speaker)).split()
    if not head or not head[-1].endswith("s") or head[-1].endswith(("ss", "us")):
        return None
    return said[-1].speaker_end


def _named_before_turn(hit, sources, start: int) -> bool:
    """``hit`` was named before the transcript turn the pronoun at ``start`` speaks in ("HOST: Marovia signed ...
    ¶ RUIZ: We asked the army for comment. It said ..."): a body the turn's own words name is nearer."""
    return any(q.rule == "label:colon" and q.start_char <= start < q.end_char and hit.start_char < q.start_char
               for q in sources)


# a place this close after the group ("the rebels in Kessel") is where the group is: the group is the nearer actor
_GROUP_AND_PLACE = 40


def _fuller_owner(phrase: str, s, text_start: int, mentions, raw) -> str:
    """(Russian) "Президент России подчеркнул" after "разговор Президента Российской Федерации": the same title of
    the same state or body, which the article gave with a fuller name of it, is the office by that fullest name
    ("Президент Российской Федерации"; the guidelines' fullest name, the title in the nominative as the phrase
    has it). Only the very words of the title before the fuller name: "Министерства обороны Российской Федерации"
    is another speaker than "Министр обороны России"."""
    if s.speaker_end is None:
        return phrase
    end = text_start + s.speaker_end
    owner = next((m for m in mentions if m.end_char == end and m.entity_id is not None), None)
    written = getattr(owner, "text", None) or ""
    if owner is None or not written or not phrase.endswith(written):
        return phrase
    title = _tokens(phrase[:len(phrase) - len(written)])
    if title[:1] == ["the"]:
        title = title[1:]
    if not title:
        return phrase
    fuller = [m for (_, _, e), m in _aligned(raw, mentions) if m.entity_id == owner.entity_id
              and len(_tokens(m.text or "")) > len(_tokens(written))
              and _same_title(_tokens(e.prefix)[-len(title):], title)]
    if not fuller:
        return phrase
    best = max(fuller, key=lambda m: len(_tokens(m.text)))
    return phrase[:len(phrase) - len(written)] + best.text


def _same_title(written: list[str], title: list[str]) -> bool:
    """Whether ``written`` (words before a name, in any case) are the words of ``title`` (in the nominative):
    each word opens on the other's stem, its case ending dropped ("президента" for "президент", "премьер
    министром" for "премьер министр"; not "министерства" for "министр")."""
    return len(written) == len(title) and all(
        w.startswith(t.rstrip("аяоеёыиуюйь") or t) for w, t in zip(written, title))


def _named_by_head(before, contents, head: str, owner: str | None):
    """"the agency said" after "the International Atomic Energy Agency": the organisation last named whose name
    holds the head word, even one set aside as a news outlet for its word "agency" (the backdrop): the phrase
    names it by its own word, so it is the one meant, not some other body; never a name inside what was said."""
    return next((m for m in reversed(before) if m.label == "ORG" and head in _tokens(m.name)
                 and not any(a <= m.start_char < b for a, b in contents)
                 and (owner is None or owner in _tokens(m.name))), None)


def _fuller_body(sources, head: str, start: int) -> str | None:
    """(French and Russian, whose body's name opens on its head) "Le Gouvernement met en garde" after "Le
    Gouvernement de la République du Niger porte à la connaissance ...": the body an earlier source named in full,
    opening on the same head word, which no entity holds."""
    return next((q.speaker for q in reversed(sources) if q.speaker and q.speaker_entity_id is None
                 and q.speaker_start is not None and q.speaker_start < start
                 and len(_tokens(q.speaker)) > 1 and _tokens(q.speaker)[0] == head), None)


def _letters(title, occurrences, analyses, mentions, lexicon) -> dict[int, Issuer]:
    """On an English letters page, each paragraph's writer as the issuer of the letter it sits in: every sentence
    of it no one else is found to say, and its "I", are the writer's (:mod:`.letters`)."""
    if getattr(lexicon, "language", "en") != "en":
        return {}
    return {position: Issuer(name, eid or entity_id(name, "PERSON"), True, signed=True)
            for position, (name, eid) in letter_writers(title, occurrences, analyses, mentions).items()}


_TURN_RULES = frozenset({"label:colon", "label:voice", "label:answer"})


def _is_transcript(spans) -> bool:
    """Whether the page is a record of turns ("RUIZ: ...", "A: ..."), where a first person is whoever's turn it
    is, not the page's writer."""
    return any(q.rule in _TURN_RULES for q in spans)


def _speaker_around(sources, at: int) -> tuple[str, str | None] | None:
    """The speaker of the last source whose words hold offset ``at``."""
    hit = next((q for q in reversed(sources) if q.speaker is not None and q.start_char <= at < q.end_char), None)
    return (hit.speaker, hit.speaker_entity_id) if hit is not None else None


def _turn_opener(raw, mentions, text_start: int, at: int) -> tuple[str | None, str | None]:
    """The person whose name opens the paragraph of offset ``at``, before it, after at most a title of capitalised
    words ("DSRSG Ruiz: Good afternoon. I can announce ..."): a transcript's turn, whose "I" is that person, on a
    page with no other turn label to tell it is a transcript. (None, None) when the paragraph opens otherwise
    ("Yet Brigadier (retd) Ana Ruiz, quoted in your report, ..." is a letter's writer answering her)."""
    hit = next((m for (t, _, e), m in _aligned(raw, mentions) if t == text_start and m.label == "PERSON"
                and m.start_char < at and e.start <= len(e.prefix) + 1 and _title_words(e.prefix)
                and len(_tokens(m.name)) > 1), None)  # a name, not a rank read as one ("Brigadier")
    return (hit.name, hit.entity_id) if hit is not None else (None, None)


def _title_words(prefix: str) -> bool:
    """Words that can be a title before a name: none, or capitalised words with no punctuation."""
    return all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalnum() for w in prefix.split())


def _same_title_before(sources, titles, start: int) -> str | None:
    """The phrase of an earlier source that no entity holds and that opens on one of ``titles`` with more words
    ("Президент России" for "президент"): the same unnamed office holder, by the fullest title the article gave."""
    return next((q.speaker for q in reversed(sources) if q.speaker and q.speaker_entity_id is None
                 and q.speaker_kind == "role" and q.speaker_start is not None and q.speaker_start < start
                 and _tokens(q.speaker)[:1] and _tokens(q.speaker)[0] in titles and len(_tokens(q.speaker)) > 1),
                None)


def _source_phrases(sources, entity: str) -> list[tuple[int, int]]:
    """Where the attributions spoken by ``entity`` name it as written (its apposition and identifying clause
    included), article offsets."""
    return [(q.speaker_start, q.speaker_end) for q in sources if q.speaker_entity_id == entity
            and q.speaker_start is not None and q.speaker_end is not None]


def _addressees(sources, entity: str) -> list[tuple[int, int]]:
    """Where the attributions spoken by ``entity`` name whom they spoke to: between the cue and the content after
    it ("told Judge Ana Ruiz that"), article offsets."""
    return [(q.cue_end, q.start_char) for q in sources if q.speaker_entity_id == entity
            and q.cue_end is not None and q.cue_end <= q.start_char]


# titles that name the same office ("the spokesman" after "Press Secretary Ana Ruiz")
_SPOKESPEOPLE = ("spokesman", "spokeswoman", "spokesperson", "press secretary")
_SAME_ROLE = {w: _SPOKESPEOPLE for w in ("spokesman", "spokeswoman", "spokesperson")}
# the French "l'officier" (and "l'officière") is whoever the article titled with a rank ("le commandant de compagnie
# X", "le colonel Y"): the word for the class names any holder of one
# (a general by the article before the rank: "le secrétaire général", "directeur général" are no officers; nor is
# "major", part of "état-major")
_OFFICER_RANKS = ("officier", "officière", "commandant", "commandante", "colonel", "capitaine", "lieutenant", "sergent",
                  "adjudant", "le général", "du général", "au général", "la générale")
_SAME_ROLE.update({w: _OFFICER_RANKS for w in ("officier", "officière")})


def _document_source(sources, start: int) -> tuple[str, str | None] | None:
    """The resolved issuer when the last source before ``start`` is a document ("the statement said"), whose
    "it" the next sentence continues; else None."""
    prior = [q for q in sources if q.cue_start is not None and q.cue_start < start]
    if not prior:
        return None
    last = max(prior, key=lambda q: q.cue_start)
    words = re.findall(r"\w+", (last.source_text or "").casefold())
    if last.speaker_kind != "role" or not words or words[-1] not in DOCUMENT_WORDS or last.speaker is None:
        return None
    return last.speaker, last.speaker_entity_id


def _mistaken_person(m, mentions) -> bool:
    """A one-word PERSON that opens the name of an organisation or place the article names ("Sahrawi" of "Sahrawi
    Press Service") and ends no person's name: an adjective the model read as a person."""
    words = _tokens(m.name)
    if m.label != "PERSON" or len(words) != 1:
        return False
    if any(x.label == "PERSON" and len(_tokens(x.name)) > 1 and words[0] in _tokens(x.name) for x in mentions):
        return False
    return any(x.label != "PERSON" and len(_tokens(x.name)) > 1 and _tokens(x.name)[0] == words[0] for x in mentions)


def _document_author(sources, mentions, start: int, outlets) -> tuple[str, str] | None:
    """"the statement said" right after a person's say ("X said in a statement that ...", "X said in a post ...")
    with no body named since: the statement is that person's, and so are its words (the guidelines: who the
    statement refers to; a body the person speaks for is named by them, not instead of them)."""
    earlier = [q for q in sources if q.cue_start is not None and q.cue_start < start and q.speaker_entity_id]
    if not earlier:
        return None
    last = max(earlier, key=lambda q: q.cue_start)
    person = next((m for m in mentions if m.entity_id == last.speaker_entity_id and m.label == "PERSON"), None)
    if person is None:
        return None
    since = max(last.cue_end or last.cue_start, last.end_char, last.speaker_end or 0)
    if any(m.label == "ORG" and since <= m.start_char < start and m.start_char not in outlets for m in mentions):
        return None  # a body named since: "the statement" may be its own
    return last.speaker, last.speaker_entity_id


def _issuing_body(sources, mentions, start: int, outlets):
    """The body the last source before ``start`` names as its speaker ("Канцелярия премьер-министра Израиля
    сообщила, что ... В заявлении подчёркивается ..."): the statement's issuer, though a French or Russian
    reported sentence's span, the whole sentence, holds its own source (so the body is no backdrop-free name
    before the statement). Its mention, or None when the last source is no body of the article."""
    earlier = [q for q in sources if q.cue_start is not None and q.cue_start < start and q.speaker_entity_id]
    if not earlier:
        return None
    last = max(earlier, key=lambda q: q.cue_start)
    return next((m for m in mentions if m.entity_id == last.speaker_entity_id and m.label == "ORG"
                 and m.start_char not in outlets and last.speaker_start is not None
                 and m.start_char == last.speaker_start), None)


# roles of someone who speaks for another ("the spokesman" after "President X announced ..." is not X): never
# the person named last, unless the article titled that person so
AGENT_ROLES = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "official", "source", "aide", "adviser", "advisor", "representative",
    "envoy", "diplomat", "negotiator", "mediator", "delegate", "porte-parole", "conseiller", "conseillère",
    "représentant", "représentante", "responsable", "diplomate", "négociateur", "négociatrice", "médiateur", "envoyé",
    "envoyée", "представитель", "представительница", "пресс-секретарь", "источник", "советник", "помощник",
    "дипломат", "переговорщик", "посредник", "официальный", "чиновник", "спикер",
})
# nouns ending like a person's role that name things ("the paper said", "the letter says")
_NOT_PEOPLE = frozenset({"paper", "newspaper", "letter", "order", "number", "border", "register", "poster", "flyer",
                         "charter", "sector", "corridor", "monitor", "counter", "chapter", "centre", "center"})
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman")
# speaker roles that name a body of people ("the delegation said", "the mediation team"): never the one person
# the article named last
_GROUPS_OF_PEOPLE = frozenset({"delegation", "delegations", "mediation", "team", "side", "sides", "party", "parties",
                               "délégation", "équipe", "partie", "делегация", "сторона", "команда"})


def _person_word(head: str, roles: frozenset[str]) -> bool:
    """``head`` names one person by what they are or do ("the farmer", "the minister", "l'officier", "эксперт"),
    not a body, a document or someone who speaks for another."""
    if head in AGENT_ROLES or head in ORG_ROLE_WORDS or head in DOCUMENT_WORDS or head in GENERIC_ORG_WORDS \
            or head in _NOT_PEOPLE or head in STATE_BODY_WORDS or head in _GROUPS_OF_PEOPLE:
        return False
    return head in roles or (head.isascii() and head.endswith(_PERSON_ENDINGS))


# a source who asked not to be named is nobody the article names ("the fighter, who asked that his name not be used")
_ANONYMOUS = re.compile(r"\banonymity\b|\bnot\s+(?:to\s+)?be\s+(?:named|identified)\b|\bname\s+not\s+be\b"
                        r"|\banonymat\b|пожелавш\w*\s+остаться\s+неизвестн", re.IGNORECASE)


def _anonymous(s) -> bool:
    return bool(_ANONYMOUS.search(getattr(s, "source", None) or s.text or ""))


def _headed_by(phrase: str, head: str) -> bool:
    """The role word is the phrase's own head, its first or last word ("the rice farmer", "le ministre de la
    Défense"), not a word inside a body's name ("le bureau du Premier ministre")."""
    words = _tokens(_ARTICLE.sub("", phrase).removeprefix("l'").removeprefix("l\u2019"))
    # "the rice farmer from Surin": the head ends the words before a qualifying phrase
    cut = next((i for i, w in enumerate(words) if i and w in _QUALIFIERS), len(words))
    return bool(words) and head in (words[0], words[cut - 1])


_QUALIFIERS = frozenset({"of", "in", "from", "at", "for", "with", "on", "de", "du", "des", "d'"})


def _bare_role(phrase: str) -> bool:
    """A role said without an article where the language has none ("говорит эксперт"): as definite as "the
    expert"."""
    return bool(_CYRILLIC.search(phrase)) and len(phrase.split()) == 1 and phrase.islower()


def _described_person(actors, text_start: int, raw):
    """The person a definite description stands for when no title, earlier source or unnamed one fits ("Maria
    Souza still sleeps in her clothes. 'It will not last,' said the 60-year-old baker"): the person the article
    named last (a source, or anyone outside what others said), in this paragraph or the one before."""
    here = max((pos for ts, pos, _ in raw if ts <= text_start), default=None)
    last = next((m for m in reversed(actors) if m.label == "PERSON"), None)
    if last is None or here is None or last.position < here - 1:
        return None
    return last


# a document or a work whose author the source phrase names after it ("a study by X", "a statement from X", "the
# text published by X", "a post by the Telegram channel X"): the guidelines' speaker is whose words they are
_AUTHORED_WORKS = DOCUMENT_WORDS | {"study", "text", "report", "survey", "analysis", "tally", "video", "assessment"}
# what sets off the author after the work; a reader or a carrier of it is no author ("a copy seen by X", "a
# statement quoted by X", "obtained by")
_AUTHORED = re.compile(r"\s+(?:(?:published|issued|released|posted|compiled|written|signed|shared)\s+)?(?:by|from)\s+",
                       re.IGNORECASE)


def _authored_by(s, text_start: int, head: str, mentions):
    """The person or body a source phrase names as its work's author, right after the work ("a 2024 study by the
    Centre for X", "the text published by the US State Department"): the first such entity, at most three words
    after "by" or "from" ("the Telegram channel X"), no platform (a post "from Telegram" has no author named), no
    comma between; else None."""
    source = getattr(s, "source", None)
    if not source or s.speaker_start is None:
        return None
    work = re.search(rf"\b{re.escape(head)}\b", source, re.IGNORECASE)
    by = _AUTHORED.match(source, work.end()) if work is not None else None
    if by is None:
        return None
    lo, hi = text_start + s.speaker_start, text_start + s.speaker_start + len(source)
    for m in sorted((m for m in mentions if lo + by.end() <= m.start_char < hi), key=lambda m: m.start_char):
        between = source[by.end() : m.start_char - lo]
        if "," in between or len(between.split()) > 3:
            return None
        if m.label in ("PERSON", "ORG") and not _platform(m.name):
            return m
    return None


def _named_in_phrase(s, text_start: int, phrase: str, mentions):
    """The organisation a role phrase names as what it is ("the Northern Front rebel group", "the Viv Ansanm
    gang coalition"): an ORG inside the phrase, followed by the role's own words, not owning them ("Hamas's
    military wing")."""
    if s.speaker_start is None or s.speaker_end is None:
        return None
    lo, hi = text_start + s.speaker_start, text_start + s.speaker_end
    inner = [m for m in mentions if lo <= m.start_char and m.end_char < hi and m.label == "ORG"]
    inner = [m for m in inner if f"{m.text} " in phrase and f"{m.text}'s" not in phrase
             and f"{m.text}\u2019s" not in phrase]
    return inner[-1] if len(inner) == 1 else None


def _sent_by(s, text_start: int, phrase: str, mentions):
    """The organisation a group of people speaks for, as its phrase owns it ("the Northern Front's negotiating
    delegation", "Hamas's team"): a delegation has no voice of its own, so its words are the body's."""
    if s.speaker_start is None or s.speaker_end is None:
        return None
    lo, hi = text_start + s.speaker_start, text_start + s.speaker_end
    owners = [m for m in mentions if lo <= m.start_char and m.end_char < hi and m.label == "ORG"
              and (f"{m.text}'s " in phrase or f"{m.text}\u2019s " in phrase)]
    return owners[0] if len(owners) == 1 else None


def _owner_in_phrase(s, text_start: int, mentions) -> str | None:
    """The nationality or state the source phrase itself names ("the Israeli military" -> "israeli"), as a
    lower-case word, or None."""
    if s.speaker_start is None or s.speaker_end is None:
        return None
    lo, hi = text_start + s.speaker_start, text_start + s.speaker_end
    owner = next((m for m in mentions if lo <= m.start_char and m.end_char <= hi and m.label in ("NORP", "GPE")
                  and not _adjective_of_nationality(m)), None)
    words = _tokens(owner.text) if owner is not None else []
    return words[-1] if words else None


def _owners_army(s, text_start: int, mentions) -> Mention | None:
    """The armed forces the article names in full for the state a source phrase owns ("Sudan's army" -> the
    Sudanese Armed Forces, "Israel's military" -> the Israel Defense Forces), by the state's word opening a word
    of the name; None when the phrase names no state or the article names no one such army (the guidelines want
    the fullest name in the article, and a phrase with no fuller name stays as written)."""
    owner = _owner_in_phrase(s, text_start, mentions)
    if owner is None:
        return None
    armies = {m.name: m for m in mentions if m.label == "ORG"
              and any(f in m.name.casefold() for f in _STATE_ARMY_NAMES)
              and any(w.startswith(owner) for w in _tokens(m.name))}
    return next(iter(armies.values())) if len(armies) == 1 else None


def _aligned(raw, mentions):
    """Pairs of (raw paragraph span, article mention) for the same occurrence, in article order."""
    by_start = {m.start_char: m for m in mentions}
    out = []
    for ts, pos, e in raw:
        m = by_start.get(ts + e.start)
        if m is not None:
            out.append(((ts, pos, e), m))
    out.sort(key=lambda pair: pair[1].start_char)
    return out
