"""Ceasefire-statement detection: which sentences are candidates (a topic term, or the topic carried by a quote,
a paragraph or a pronoun, as the guidelines' "context counts" says), whether a candidate is a statement, and who
says it. The stance of each statement comes from pipeline.nlp.stance."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .attribution import (
    _LABEL,
    _TITLED_LABEL,
    ANSWER_LABEL,
    QUESTION_LABEL,
    AttributionSpan,
    counted_source,
    interview_page,
    load_cues,
    quotes_another,
    silence,
)
from .letters import CREDIT, salutes
from .lexicon import Lexicon
from .quotes import inside, overlap, quote_spans
from .spans import StatementSpan
from .stance import _conditions, _duration, _only_dates, _stance, _topic_is_subject
from .syntax import _ARRANGEMENTS, _QUESTION_END, _joint, _subject, qualified_end, text_of

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


_TERMINAL = re.compile(r"[.?!\u2026][\"'\u201d\u2019\u00bb)*\s]*$")


_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "they": "GROUP", "it": "GROUP"}


# the evidence of a tentative candidate: a cheap filter that ``_statement`` may well reject (the reported plan of
# ``_in_topic_quotes``: whose plan the parse decides). It must not pre-empt the routes that would read the sentence
# otherwise (a live blog's entry, a column's argument, a pronoun carrying the topic): ``tentative_last`` keeps it
# out of every route's ``taken`` and adds it only where no route took the sentence
TENTATIVE = frozenset({"plan", "lead"})


def tentative_last(candidates, tentative) -> list[tuple[int, int, int, str]]:
    """``candidates`` and, after them, the ``tentative`` candidates whose sentence no route took (the first one of
    a sentence, in the order the routes gave them)."""
    taken = {(i, s) for i, s, _, _ in candidates}
    out = list(candidates)
    for c in tentative:
        if (c[0], c[1]) not in taken:
            taken.add((c[0], c[1]))
            out.append(c)
    return out


def _in_topic_quotes(texts, sentence_spans, attributions, candidates, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """Sentences that speak about the truce through their context (the guidelines' "context counts"): every
    other sentence of an attribution whose content holds a topic-term sentence is a candidate too, so a quote
    running over several sentences gives one statement per sentence ("... a truce. It will not last the week.")."""
    taken = {(i, s) for i, s, _, _ in candidates}
    terms = {(i, s, e) for i, s, e, ev in candidates if ev in ("term", "weak")}
    on_topic = {i for i, _, _ in terms}
    out = []
    plans: dict[tuple[int, int], tuple[int, int, int, str]] = {}  # tentative candidates (see ``TENTATIVE``)
    for index, quotes in attributions.items():
        if _question_turn(texts[index]):
            continue  # the interviewer's question ("QUESTION: Will you accept?"), no statement
        previous_topical = False
        for q in quotes:
            # sentences that start in the content and lie mostly inside it (the last one carries the "..., she said")
            # (or that open on the content: a short quotation with a long attribution after it, "“We see no
            # grounds to extend it,” the spokesman for the presidential administration told reporters")
            # (a transcript's turn opens on its speaker label, "HNATYSHYN: It is not.": the words after it count)
            inside_q = [(s, e) for s, e in sentence_spans[index] for b in [s + _label_length(texts[index][s:e])]
                        if s < q.end and (min(e, q.end) - max(b, q.start) >= 0.5 * (e - b) or q.start - 2 <= b)]
            # reported words that run to the sentence's end after a long source ("Its deputy leader, X, said in a
            # televised speech that the group would not disarm while ..."): after the truce's paragraph, read as
            # its reported words are (a breach, a condition, a plan), never as the quote or topic fallbacks below
            tails = [(s, e) for s, e in sentence_spans[index] if s < q.start and e - 2 <= q.end and (s, e) not in inside_q]
            # the quote is about the truce, or it is quoted words in a paragraph that is: either way they speak of it
            # (reported facts, "according to the UN", in such a paragraph are often about something else)
            # (any sentence the content reaches counts: "X said the truce would not be renewed" is mostly source)
            same_quote = any((index, s, e) in terms for s, e in sentence_spans[index] if s < q.end and e > q.start)
            # "“No truce until they leave,” said X. “We will not be fooled again,” he added.": the same speaker
            # going on about the truce, announced by a pronoun right after
            direct = q.direct or _own_words(q)
            same_quote = same_quote or (previous_topical and direct and q.speaker_kind in ("pronoun", "continuation"))
            # an interview's answer speaks to the question put just before it ("Q: Who would verify it?")
            same_quote = same_quote or (_own_words(q) and _asked_about(texts, index, on_topic, lexicon))
            previous_topical = same_quote
            if same_quote or (index in on_topic and direct):
                evidence = "context"
            elif direct and index - 1 in on_topic:
                # quoted words right after a paragraph that names the truce, even one that states nothing about it
                # ("Neither figure can be verified, and the monitors the accord foresees have not arrived.")
                evidence = "context"
            elif direct:
                # quoted words in a paragraph that does not name the truce: about it only right after a paragraph
                # that makes a statement (the article-level pass in resolve decides)
                evidence = "carry"
            elif index - 1 in on_topic and index not in on_topic:
                # reported speech right after a paragraph that names the truce ("The army said the other side had
                # opened fire first"): like quoted words there, when it speaks of the fighting or takes a position
                evidence = "carry"
            else:
                continue
            for s, e in inside_q + tails:
                sentence = texts[index][s:e]
                if (s, e) in tails and (evidence != "carry" or direct or (index, s) in taken):
                    continue
                if (index, s) in taken or any(p.search(sentence) for p in lexicon.traps) \
                        or _interviewer_asks(texts[index], s, e) or _formula(texts[index], sentence_spans[index], s, e):
                    continue
                kind = evidence
                if not same_quote and not direct and not _positional(sentence, lexicon) \
                        and not (evidence == "carry" and _conditioned(sentence, lexicon)):
                    if evidence == "carry" and _PLAN_WORD.search(sentence):
                        # a source's reported plan for a party right after the truce's paragraph ("He said the
                        # group would let convoys through"): ``_statement`` parses whether it is one. Tentative:
                        # not taken, so another quote of the paragraph, or a later route, still reads the sentence
                        plans.setdefault((index, s), (index, s, e, "plan"))
                    # reported words about the war's toll or something else ("The ministry said 40 people were
                    # killed", "He said the road had reopened"), not about the truce
                    continue
                if not same_quote and not _topical(sentence, lexicon):
                    # quoted words with no word of the truce or the fighting ("We signed because our people are
                    # tired"): they answer the debate only right after a paragraph where a party stated its
                    # position (resolve decides), else they are colour ("We have already lost one harvest").
                    # Only near a paragraph that names the truce: elsewhere (most quotes in the news) no parse
                    if index not in on_topic and index - 1 not in on_topic:
                        continue
                    kind = "quote"
                taken.add((index, s))
                out.append((index, s, e, kind))
    return out + [plan for at, plan in plans.items() if at not in taken]


# a press briefing prints its questioner with the outlet ("QUESTION (Gulf Times):"), which the attribution layer's
# label does not take; the turn is the interviewer's all the same
_QUESTION_TURN = re.compile(r"^\s*(?:Q|Question|QUESTION)\s*\([^()\n]{1,60}\)\s*:\s+(?=\S)")


def _question_turn(text: str) -> bool:
    """The paragraph is an interviewer's or a briefing questioner's turn ("Q: ...", "QUESTION (Al-Ahram): ...")."""
    return QUESTION_LABEL.match(text) is not None or _QUESTION_TURN.match(text) is not None


# what a host or a speaker says to open or run the programme, not about anything ("Good evening.", "Thank you,
# Minister.", "Joining me from Geneva is ...", "With me are ..."): a turn's formula, no statement whatever the
# turn is about
# (a debate's minister opens the reply by thanking the House, "I thank hon. Members for ...", and a member thanks
# the minister for the answer, "I thank the Minister.": formulas too)
# a guest brought on air ("Joining us is ...", "With me here is ...", "My guests tonight are ..."): shared by the
# host's formulas and the introductions below, so the two cannot drift apart
_GUEST_ON_AIR = (r"joining\s+(?:me|us)|with\s+(?:me|us)\s+(?:(?:now|here|today|tonight)\s+)?(?:is|are|in)\b|"
                 r"my\s+guests?\s+(?:(?:today|tonight|this\s+\w+)\s+)?(?:is|are|this)\b")
_HOST_FORMULA = re.compile(r"(?i:good\s*(?:morning|afternoon|evening|night)|welcome\s+(?:to|back)|thank\s+you|"
                           r"thanks(?!\s+to\b)|" + _GUEST_ON_AIR + r"|(?:i|we)\s+(?:(?:would\s+like|want)\s+to\s+)?thank\s+"
                           r"(?:hon|the\s+hon|the\s+minister|the\s+secretary\s+of\s+state|my|all|everyone|members|colleagues|our\s+(?:viewers|listeners|readers)))\b")
# the rest of a programme's running order, as general as the greetings: the host hands over, takes a break ("On
# that note, we'll take a short break.", "Last question.", a
# briefing's "Next question, please.") or signs off ("I'm joined by ...", "On the line is ...", "My co-host is ...", "We will follow that story.", "Our first caller is ...", "Next, Ana, calling from ...", "Let's hear from the army.", "Until next
# week.", "We'll be back after the break.", "We will leave it there.", "That is all we have for now.", a clip handed over: "Here is the minister, speaking earlier
# today."), tells the time ("It's seven past eight."), or reports the newsroom's own asking ("We asked the ministry
# for comment.", "We have just received a statement from ..."): the programme's words, no one's claim about the
# truce (what the statement received says comes after it)
_RUNNING_ORDER = re.compile(
    r"(?i:(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:now\s+)?joined\s+(?:by|from|in|now)|peace\s+be\s+(?:upon|with)\s+you|"
    r"(?:let'?s|let\s+us)\s+(?:start|begin|turn|go|hear|cross|bring\s+in)\b|(?:we|i)\s+(?:will\s+)?(?:start|begin)\s+with\b(?![^:]*:)|"
    r"our\s+(?:first|next|last|final)\s+(?:caller|guest|speaker)|our\s+(?:correspondent|reporter)\b[^.]{0,40}\bis\s+"
    r"(?:in|at|with|on)\b|on\s+the\s+line\s+(?:now\s+)?(?:is|are|from)\b|my\s+co-?hosts?\s+(?:is|are|today|this)\b|"
    r"(?:we|i)(?:'ll|\s+will|\s+shall)\s+(?:keep\s+)?(?:follow(?:ing)?|bring\s+you|come\s+back\s+to|return\s+to|"
    r"update)\s+(?:that|this|the)\s+(?:story|page|report)\b|(?:tonight|today|this\s+(?:morning|evening|week))\s*,?\s+we\s+(?:ask|look|examine|hear)\b|"
    r"until\s+(?:next\s+(?:week|time|month)|tomorrow|then)\W*$|(?:(?:one|a)\s+)?(?:last|final|next)\s+question(?:\s*,?\s*please)?\W*$|"
    r"(?:[^.;:]{0,40}?[,\u2013\u2014-]\s*)?(?:we'?ll|we\s+will|we\s+must|let'?s|let\s+us)\s+(?:now\s+)?take\s+a\s+(?:short\s+|quick\s+|brief\s+)?break\b(?!\s+(?:from|in|of)\b)|(?:we|i)(?:'ll|\s+will|\s+must|\s+have\s+to|\s+need\s+to)?\s+"
    r"(?:have\s+to\s+)?leave\s+it\s+there\W*$|that(?:'s|\s+is)\s+all\s+(?:we|i)\s+have(?:\s+(?:time\s+)?for\s+(?:now|today|you|tonight|this\s+\w+))?\W*$|(?:we|i)(?:'ll|\s+will)\s+be\s+(?:right\s+)?back\s*"
    r"(?:\W*$|(?:after|with|shortly|tomorrow|next)\b|in\s+a\s+(?:moment|minute|few)\b)|"
    r"here(?:'s|\s+is|\s+are)\s[^.;:]{0,80}?,?\s+speaking\s+(?:earlier|today|yesterday|this|last|on|in|at|to)\b|"
    r"it'?s\s+(?:(?:a\s+)?(?:quarter|half|[a-z]+(?:-[a-z]+)?)(?:\s+minutes)?\s+(?:past|to)\s+[a-z]+|\d{1,2}[:.]\d{2})\W*$|"
    r"(?:we|i)\s+(?:have\s+)?(?:also\s+)?(?:asked|contacted|approached|reached\s+out\s+to)\b[^.;]{0,80}?\bfor\s+"
    r"(?:a\s+)?(?:comment|response|reaction)|(?:we|i)\s+(?:have\s+)?(?:just\s+)?(?:received|got)\s+(?:a|an|this)\s+"
    r"(?:statement|message|voice\s+note|note|update|e-?mail|reply)\b)|"
    r"(?i:next)\s*,\s*(?:[A-Z][\w'\u2019-]*\s*){1,3},\s*(?:calling|on\s+the\s+line|from)\b|"
    r"(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w.'\u2019-]*\s*,\s*thank\s+you\W*$")
# an abbreviation the sentence splitter cuts a formula at ("I thank hon. | Members for a thoughtful debate.")
_CUT_AT = re.compile(r"\b(?:hon|Hon|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Rt|St)\.\s*$")


# a guest or a voice brought on air ("Joining us from Beirut is ...", "Also with me is ...", "My guest today is ...",
# "Here is Hamadoun, a farmer there, ..."): the programme introduces a person, and a truce word there only says who
# the guest is ("..., who sat on the ceasefire monitoring committee"), so not even a sentence that names the truce
# states anything about it
_INTRODUCTION = re.compile(
    r"(?i:(?:also\s+|and\s+)?(?:" + _GUEST_ON_AIR + r"))|"
    r"(?i:here(?:'s|\s+is|\s+are))\s+(?:[A-Z][\w'\u2019-]*\s*){1,3},\s*(?:a|an|the|one|who)\b")


def _programme_words(sentence: str) -> str:
    """The sentence's words after a transcript's speaker label, a debate's office label or a live blog entry's
    time stamp."""
    stamp = _ENTRY.match(sentence)
    sentence = sentence[stamp.end():] if stamp is not None else sentence
    titled = _TITLED_LABEL.match(sentence)  # a debate's office label ("The Minister of State (Ana Ruiz): ")
    return sentence[titled.end() if titled else _label_length(sentence):].lstrip("\"'\u201c\u2018 ")


def _introduction(sentence: str) -> bool:
    """The sentence brings a guest or a voice on air (``_INTRODUCTION``)."""
    return _INTRODUCTION.match(_programme_words(sentence)) is not None


def _host_formula(sentence: str) -> bool:
    """The sentence (after a transcript's speaker label, or a live blog entry's time stamp) opens on a greeting,
    a thanks to the audience or a guest's introduction."""
    words = _programme_words(sentence)
    return (_HOST_FORMULA.match(words) is not None or _RUNNING_ORDER.match(words) is not None
            or _INTRODUCTION.match(words) is not None)


# the article-level reading of a transcript (who its host is) asks the same question of a turn's sentences
host_formula = _host_formula


def _formula(text: str, spans, start: int, end: int) -> bool:
    """The sentence is a formula (``_host_formula``), or the rest of one the splitter cut at an abbreviation's
    full stop ("I thank hon." + "Members for their contributions.")."""
    if _host_formula(text[start:end]):
        return True
    before = [(s, e) for s, e in spans if e <= start]
    if not before:
        return False
    s, e = before[-1]
    return _CUT_AT.search(text[s:e]) is not None and _host_formula(text[s:e])


def _label_length(sentence: str) -> int:
    """How many characters a transcript's speaker label takes at the head of the sentence ("HNATYSHYN: "), or 0."""
    found = _LABEL.match(sentence)
    return found.end() if found is not None else 0


_BACK_REFERENCE = re.compile(r"\b(?:it|this|that|they|them)\b", re.IGNORECASE)


def _asked_about(texts, index: int, on_topic: set[int], lexicon: Lexicon) -> bool:
    """The paragraph before answer ``index`` is an interviewer's question about the truce: it names it or its
    short name ("Q: Will you accept the proposal?"), or points back with a pronoun to an answer about it ("Q: Who
    would verify it?"), one that names it or that answered such a question in turn."""
    while index >= 1 and _puts_question(texts[index - 1]):  # a loop, not recursion: interviews run long
        question = texts[index - 1]
        if lexicon.evidence(question) is not None:
            return True
        if _BACK_REFERENCE.search(_LABEL.sub("", _QUESTION_TURN.sub("", QUESTION_LABEL.sub("", question)))) is None:
            return False
        if index - 2 in on_topic:
            return True
        index -= 2  # the answer the pronoun points at: was it about the truce?
    return False


def _puts_question(text: str) -> bool:
    """The paragraph is a question put to the next speaker: an interviewer's ("Q: ..."), or a transcript host's
    labelled turn that ends on a question ("HOST: ... Does the truce come back before May?")."""
    return _question_turn(text) or (_TURN_LABEL.match(text) is not None and ANSWER_LABEL.match(text) is None
                                    and _QUESTION_END.search(text) is not None)


def _interviewer_asks(text: str, start: int, end: int) -> bool:
    """The sentence is an interviewer's question ("Q: Will Moscow agree?"): the answer after it is what was said.
    The interviewer's other sentences report a position or a fact, as the article's own narrative does ("Q: The
    rebels say they will extend the truce. Will you?"), and are read like any other sentence. A broadcast
    transcript names its host, not "Q" ("HOST: The rebels say they will extend it. Will you?"): a labelled turn
    that ends on a question hands the word to the next speaker, so its questions are put, not asked rhetorically
    (a guest's rhetorical question is followed by the guest's own answer or point)."""
    if _QUESTION_END.search(text[start:end]) is None:
        # the host turns to the guest by name before the question ("HOST: General, you signed the text. Will it
        # hold?"): the guest's part, put to them, not a claim of the host's
        return _host_turn(text) and _ADDRESSED.match(_LABEL.sub("", text[start:end], count=1).lstrip()) is not None
    if _question_turn(text):
        return True
    return _TURN_LABEL.match(text) is not None and ANSWER_LABEL.match(text) is None \
        and _QUESTION_END.search(text) is not None and not _claim_question(text[start:end])


def _host_turn(text: str) -> bool:
    """A labelled turn, not an answer's, that ends on a question: a host's, handing the word to the next speaker."""
    return _TURN_LABEL.match(text) is not None and ANSWER_LABEL.match(text) is None \
        and _QUESTION_END.search(text) is not None


# the one asked, addressed by name or title, then "you" ("General, you signed it", "Ana Ruiz, you were there")
_ADDRESSED = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w.'\u2019-]*\s*,\s*you\b")


# what opens a question that asks for something ("Is the truce over?", "How is that consistent with ...?")
_ASKING = frozenset({"how", "what", "why", "when", "where", "who", "whom", "whose", "which", "whether", "is", "are",
                     "was", "were", "do", "does", "did", "will", "would", "can", "could", "should", "shall", "may",
                     "might", "must", "has", "have", "had", "isn't", "aren't", "don't", "doesn't", "didn't", "won't",
                     "wouldn't", "can't", "couldn't", "your", "any", "anything"})
# a question that puts a claim to the one asked: do they grant the that-clause ("Does the Minister accept that the
# truce exists only on paper?")
_PUT_CLAIM = re.compile(r"\b(?:accept|accepts|believe|believes|agree|agrees|admit|admits|concede|concedes|deny|"
                        r"denies|think|thinks)\s+that\b", re.IGNORECASE)
_OPENING_WORD = re.compile(r"^(?:(?:so|and|but|then|yet|surely)\b[\s,]*)?([\w'\u2019-]+)", re.IGNORECASE)
# the one asked, addressed by name or title before the question ("General, is it alive?", "Lucía Arbeláez, is ...")
_VOCATIVE = re.compile(r"^(?:(?i:so|and|but|then)\b[\s,]*)?(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w.'\u2019-]*\s*,")
# a deliberative question challenges, it does not ask ("Why should this one be different?", "Why would anyone in
# this House believe the next promise?"): the answer it implies ("it should not") is the speaker's claim
_CHALLENGE = re.compile(r"^(?:(?:so|and|but|then|yet)\b[\s,]*)?why\s+(?:should|would)\b", re.IGNORECASE)
# a declarative question is a whole clause, not a fragment that asks on ("And the deal?", "In Gaza too?")
_CLAIM_WORDS_MIN = 5


def _claim_question(sentence: str) -> bool:
    """A labelled turn's question that makes a claim rather than asks for one, as a debate's member does ("So the
    truce is hostage to a salary dispute?", "Does the Minister accept that the truce exists only on paper?"): a
    that-clause the one asked is to grant, or a statement's word order with a question mark. Not a host's question
    to a guest: it opens on an auxiliary or a question word ("Is the ceasefire over?"), or on the guest's name
    ("General, is it still alive?")."""
    words = sentence[_label_length(sentence):].strip().lstrip("\"'\u201c\u2018 ")
    if _CHALLENGE.match(words):
        return True
    if _PUT_CLAIM.search(words):
        # a that-clause put to the one named first ("Ana, does the army accept that ...?") asks them, as a host
        # asks a guest; the debate's form names the one asked inside the question ("Does the Minister accept ...")
        return _VOCATIVE.match(words) is None
    opening = _OPENING_WORD.match(words)
    if opening is None or _VOCATIVE.match(words) or len(words.split()) < _CLAIM_WORDS_MIN:
        return False  # "Minister, a final word?", "Mr Ruiz, will you ...?": the guest addressed by name
    return opening.group(1).lower() not in _ASKING


# a transcript's speaker label at the head of a paragraph ("HOST:", "KOVAL:", "PRESENTER (Ana Ruiz):")
_TURN_LABEL = _LABEL


def _own_words(attribution: AttributionSpan) -> bool:
    """Words the article gives as the speaker's own without quotation marks: an interview's answer, a transcript's
    turn after a speaker label."""
    return attribution.speaker_kind == "interviewee" or attribution.rule == "label:colon"


def _in_topic_paragraphs(texts, sentence_spans, candidates, lexicon: Lexicon,
                         attributions=None) -> list[tuple[int, int, int, str]]:
    """The guidelines' "context counts" for the paragraph: in a paragraph that names the truce, a sentence that
    speaks of the fighting, an arrangement or a position ("The ministry denied that its troops had opened fire")
    is a candidate. Like any sentence that does not name the truce, it becomes a statement only when someone
    says it or a stance cue is its main verb (``_statement``), so the scene around it stays out."""
    taken = {(i, s) for i, s, _, _ in candidates}
    starts = _topic_starts(candidates)
    apart = set()  # answers in a paragraph of their own, after a heading alone
    for index, own_paragraph in _explainer_answers(texts, sentence_spans, candidates, attributions).items():
        # an explainer's answer under its question heading ("Who says it is being broken? Israel says ..."): the
        # whole paragraph answers about the page's truce, like a blog entry
        starts[index] = 0
        if own_paragraph:
            apart.add(index)
    blog = _blog_entries(texts, candidates)
    voiced = _issuer_continues(texts, candidates)
    authored = _author_voice(texts, candidates, lexicon) | _letter_voice(texts, candidates)
    voiced |= authored
    for index in voiced:
        starts.setdefault(index, 0)
    for index in blog:
        # the page's topic carries the whole entry, not only the sentences after a short name in it ("09:10 \u2014
        # Moscow denies it. Its ministry said it was observing the pause."): the entry is one report on the truce
        starts[index] = 0
    out = []
    for index, first in sorted(starts.items()):
        # the short name is said inside quotation marks: the quoted words around it are one speaker's on the truce
        quoted_name = any(_QUOTE_MARK.search(texts[index][s:e]) for i, s, e, ev in candidates
                          if i == index and s == first and ev == "weak")
        # the short name is said by a pronoun going on from the source before it ("X said ... . It said the pause
        # had held."): that source's reported words before it are the same report on the truce
        spoken = [a for a in (attributions or {}).get(index, ()) if a.speaker_kind != "none"]
        carried_on = any(a.speaker_kind in ("pronoun", "continuation") and a.start < first_end and a.end > first
                         for a in spoken for first_end in _ends(candidates, index, first))
        for s, e in sentence_spans[index]:
            sentence = texts[index][s:e]
            reported = any(a.start < e and a.end > s for a in spoken)
            sourced = s < first and any(a.start < e and a.end > s and a.speaker_kind in ("name", "role") for a in spoken)
            ahead = s < first and not (quoted_name and _QUOTE_MARK.search(sentence)) and not (carried_on and reported)
            if ahead and not sourced:
                # before the short name that brings the truce in ("The UN says ... . Under the deal, ..."); quoted
                # words there are the position the paragraph reports, the short name after them their subject
                # ("X said Y was “ready”. “The pause must hold,” X added.")
                continue
            if (index, s) in taken or any(p.search(sentence) for p in lexicon.traps) \
                    or _interviewer_asks(texts[index], s, e) or _formula(texts[index], sentence_spans[index], s, e):
                continue
            if ahead:
                # a named source's reaction before the sentence that names what it reacts to ("The ministry denied
                # any breach. The truce had held since May, it said."): ``_statement`` keeps it only when a stance
                # cue is its main verb, so a source's report of the fighting before the truce comes in stays out
                evidence = "ahead"
            elif index in authored and not _SOURCED.search(sentence):
                # a column's author argues in every sentence of a paragraph about the truce ("Both positions are
                # understandable. Neither is sustainable."): the page's voice is one opinion on it
                evidence = "author"
            elif index in voiced:
                if _QUOTE_MARK.search(sentence) or (lexicon.context_hits(sentence) == 0
                                                    and not _OWN_FORCES.search(sentence)):
                    continue  # the issuer's words on anything but the forces' conduct: no claim on the truce
                evidence = "voice"
            elif _topical(sentence, lexicon) and (s >= first or (carried_on and reported)) \
                    and (index not in apart or lexicon.context_hits(sentence) > 0 or _positional(sentence, lexicon)):
                # (under a heading alone, the page may turn to the wider story: "Why does it matter now? The
                # autonomy plan has won the backing of ...": a word of the fighting or of the arrangement, not a
                # general cue of stance, keeps its answer on the truce)
                evidence = "paragraph"
            elif index in blog and not _QUOTE_MARK.search(sentence):
                # an entry reports what a source said or saw ("Residents describe a quiet morning"); the newsroom's
                # own words ("We will update this page") are no one's claim
                if not _SOURCE_WORDS.search(sentence):
                    continue
                evidence = "paragraph"
            elif _CLAIM_WORDS.search(sentence) or _QUOTE_MARK.search(sentence) or _IT_WORD.search(sentence):
                # no word of the truce or the fighting: a claim of the speaker's own about it, or nothing
                # (``_statement`` parses which: "We will keep our word" is one, "The war began in 2023" is not)
                evidence = "claim"
            elif sourced:
                evidence = "ahead"  # as above, when the source goes on by a pronoun to name the truce
            else:
                continue
            taken.add((index, s))
            out.append((index, s, e, evidence))
    return out


# a fact the column takes from a source ("..., according to the World Food Programme"): the source's report, not the
# author's argument, read as any sentence of a paragraph on the truce is
_SOURCED = re.compile(r"\baccording\s+to\b", re.IGNORECASE)


# an armed party's own forces named in its own voice ("our forces have not fired", "shelled our positions"): the
# text is that party's statement (a press release, a communiqué), not a reporter's story about it
_OWN_FORCES = re.compile(r"\b(?:our|we)\s+(?:own\s+)?(?:forces|troops|fighters|units|positions|soldiers|combatants|"
                         r"lines|men)\b", re.IGNORECASE)


def _unquoted(text: str) -> str:
    """The paragraph with its quotations taken out (what its author says, not who it quotes)."""
    return re.sub("[\u201c\"][^\u201c\u201d\"]*[\u201d\"]", " ", text)


def _issuer_continues(texts, candidates) -> set[int]:
    """The paragraphs of an armed party's own statement that go on from a paragraph naming the truce without naming
    it again ("The same cannot be said of the army. On 2 December it shelled our positions."): the page speaks of
    its own forces in the first person outside quotation marks, so its body is one statement in the issuer's
    voice, and the paragraph right after the truce's continues it (document structure, not a word list)."""
    if not _issuer_page(texts):
        return set()
    named = {i for i, _, _, ev in candidates if ev == "term"}
    return {i + 1 for i in named if i + 1 < len(texts) and i + 1 not in named and not _labelled_turn(texts[i + 1])}


def _labelled_turn(text: str) -> bool:
    """A transcript's or an interview's labelled turn: a speaker's words, not the page's."""
    return _LABEL.match(text) is not None or _question_turn(text) or ANSWER_LABEL.match(text) is not None


def _issuer_page(texts) -> bool:
    """The page speaks of its own forces in the first person outside quotation marks and turns (``_issuer_continues``)."""
    return any(_OWN_FORCES.search(_unquoted(t)) for t in texts if not _labelled_turn(t))


# an opinion page's byline or its author's one-line biography ("By Ana Ruiz.", "The author is a former envoy",
# "Ana Ruiz is a former magistrate and writes a weekly column")
# (a name's word may open on a lower-case particle: "Nabil Hassan al-Qadasi", "Ana de la Cruz", "Jan van Dijk")
_NAME_WORD = r"(?:(?:(?:al|el|ad|as|ash|at|bin|ibn|abu|ben)-)?[A-Z][\w.'\u2019-]*|(?:al|el|bin|ibn|abu|de|del|della|da|" \
             r"dos|das|du|di|la|le|van|von|der|den|ter|ten|bint)(?=\s))"
# (a tagline in the past or on a post held: "Ana Ruiz was deputy head of a relief operation", "Ana Ruiz writes about
# foreign affairs", "Ana Ruiz is a researcher at ..."; a full name of two words or more, so "There is a film ..." is none)
_FULL_NAME = r"(?:" + _NAME_WORD + r"\s+){2,5}"
_BIO = re.compile(r"^\s*(?:By\s+[A-Z][^.]{0,60}\.|The\s+(?:author|writer)\s+is\b|(?:" + _NAME_WORD + r"\s+){1,5}is\s+"
                  r"(?:a|an)\s+(?:former\s+)?[^.]{0,160}?\b(?:writes|columnist|author|diplomat|adviser|advisor|"
                  r"analyst|negotiator|professor|fellow|magistrate|journalist|teaches)\b|" + _FULL_NAME + r"(?:writes\s+(?:about|on)\b|"
                  r"(?:is\s+(?:a|an)\s+|was\s+(?:(?:a|an)\s+)?(?!the\b))(?:former\s+)?[^.]{0,160}?\b(?:researcher|official|head|"
                  r"director|editor|lecturer|diplomat|adviser|advisor|analyst|negotiator|fellow|journalist|teaches)\b))")
# an opinion page argues about a war: words of the fighting in this many of its paragraphs (a column about a
# feud between film stars or cricket boards has none)
_AUTHOR_FIGHTING = 2


def _author_voice(texts, candidates, lexicon: Lexicon) -> set[int]:
    """The paragraphs of an opinion column that argue about its truce: the page has an author's voice (a byline or
    a one-line biography as a whole paragraph; a reporter's "I" alone is a dispatch, not a column) and speaks of
    the fighting; every paragraph that names the truce, and the one right after it, is the author's position on
    it, sentence by sentence ("He is right.", "Protect it."), where it argues (``_argues``). Not the byline nor
    the biography, and not a transcript (its turns are its speakers', not an author's)."""
    if not _column_page(texts, lexicon):
        return set()
    bios = {i for i, t in enumerate(texts) if _bio(t)}
    named = {i for i, _, _, ev in candidates if ev in ("term", "weak")}
    out = named | {i + 1 for i in named if i + 1 < len(texts)}
    return {i for i in out if i not in bios and texts[i].strip()}


# A reader's signature by its shape, read before the entities are (pipeline.nlp.letters names the signer later): a
# short paragraph that is a name and a place or post ("Col. (retd) Ana Ruiz, Leeds", "Yours faithfully, Ana Ruiz,
# Leeds"), or such a name after a dash closing the letter's last paragraph ("... will hold. — Ana Ruiz, Leeds"); no
# full stop after it, so a broadcast's sign-off ("Ruth Ashdown, Evening Report.") is none.
# The name's words stand apart ("UN" is one word, not two capitals); its tail is no news agency's or photo credit,
# which closes a report's picture caption or its correspondent's line the same way ("Ana Ruiz, Reuters", "Tomas
# Berg, AFP via Getty Images", "Lena Kovac, AP Photo").
_CREDIT = CREDIT.pattern
_SIGNER_NAME = r"(?:[A-Z][\w.'\u2019-]*(?:\s*\(\s*retd\.?\s*\))?(?:\s+|(?=,))){2,6}"
_SIGNER_TAIL = r",\s*(?![^.!?\u2014\u2013]*" + _CREDIT + r")[^.!?\u2014\u2013]{2,100}"
_SIGNER = _SIGNER_NAME + _SIGNER_TAIL
_SIGNATURE = re.compile(r"^\s*(?:(?i:yours\s+(?:faithfully|sincerely|truly))\s*,\s*)?(?P<name>" + _SIGNER_NAME
                        + r")" + _SIGNER_TAIL + r"$")
_SIGNED_END = re.compile(r"[.!?\u201d]\s*[\u2014\u2013]\s*" + _SIGNER + r"$")
_SIGNATURE_WORDS = 16
# signatures that make a page of readers' letters without a salutation (one with a salutation is one letter), as
# pipeline.nlp.letters reads the page
_SIGNED_LETTERS = 3


def _signature(text: str) -> bool:
    return len(text.split()) <= _SIGNATURE_WORDS and _SIGNATURE.match(text) is not None


# the words of address or rank a signature may open on before the name ("Dr Ana Ruiz", "Col. (retd) Ana Ruiz"):
# never part of the name
_SIGN_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "rev", "revd", "col", "colonel",
                          "capt", "captain", "maj", "major", "gen", "general", "lt", "brig", "brigadier", "sir",
                          "dame", "lord", "lady", "cllr", "(retd)", "(retd.)"})
_WORD = re.compile(r"\(\s*retd\.?\s*\)|\S+")


def unnamed_signer(text: str, entities) -> tuple[int, int, str] | None:
    """The name a paragraph that is a reader's signature signs with ("Ana Ruiz, Leeds") where the entity model
    found no name there: (start, end, the title before it). A letters page ends each letter on its signature
    (:mod:`.letters`), so a signature the model misses would merge its letter into the next reader's. The name is
    two words or more, each capitalised and none in capitals only ("UN", "NATO"), which a body's name would be."""
    if not _signature(text):
        return None
    found = _SIGNATURE.match(text)
    words = [w for w in _WORD.finditer(text, found.start("name"), found.end("name"))]
    while words and words[0].group(0).rstrip(".").lower().replace(" ", "") in _SIGN_TITLES:
        words.pop(0)
    if len(words) < 2 or any(w.group(0).isupper() or not w.group(0)[:1].isupper() for w in words):
        return None
    start, end = words[0].start(), words[-1].end()
    if any(e.start < end and e.end > start for e in entities):
        return None
    return start, end, " ".join(text[found.start("name"):start].split())


def _letter_voice(texts, candidates) -> set[int]:
    """A letters page's paragraphs, on a page that names the truce: each letter is its reader's argument, sentence
    by sentence, as a column is its author's ("Stop the shooting first; argue about the map afterwards."), and a
    letter answers the page's subject even where its paragraph does not name it. The page is read from its shape
    alone: readers' signatures, two or more, or one and a salutation to the editor; no transcript's turn. Not the
    signatures themselves."""
    if not _letters_page(texts) or not any(ev in ("term", "weak") for _, _, _, ev in candidates):
        return set()
    return {i for i, t in enumerate(texts) if t.strip() and not _signature(t)}


def _letters_page(texts) -> bool:
    """The page is readers' letters by its shape (``_letter_voice``)."""
    if any(_labelled_turn(t) for t in texts):
        return False
    signed = sum(1 for t in texts if _signature(t) or _SIGNED_END.search(t))
    return signed >= _SIGNED_LETTERS or (signed > 0 and any(salutes(t) for t in texts))


def _bio(text: str) -> bool:
    return _BIO.match(text) is not None and len(text.split()) <= 40


def _column_page(texts, lexicon: Lexicon | None) -> bool:
    """The page has an author's voice (``_author_voice``): no transcript's turn, a byline or a biography, and words of
    the fighting in at least two paragraphs (with no ``lexicon``, the last is taken as given: a gate that may say yes
    too often, never no too often)."""
    if any(_labelled_turn(t) for t in texts) or not any(_bio(t) for t in texts):
        return False
    return lexicon is None or sum(1 for t in texts if lexicon.context_hits(t) > 0) >= _AUTHOR_FIGHTING


def _argues(doc) -> bool:
    """The column's sentence argues rather than tells: its main verb is not a plain past tense ("Queues stretched
    for kilometres in November" is the backdrop the author reports; "That is a tax", "I doubt it", "Protect it",
    "they have let farmers harvest" argue), or a modal makes it a claim. A fragment with no verb ("Perhaps.")
    argues nothing; one joined to a clause is read by that clause's verb ("Anything less, and we will ...")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ not in ("VERB", "AUX"):
        root = next((c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")), None)
    if root is None:
        return False
    return root.tag_ != "VBD" or any(c.dep_ == "aux" and c.tag_ == "MD" for c in root.children)


# a letter's writer saying who writes ("Sir, I write as the mother of a soldier", "I am writing as a former envoy")
_SELF_INTRODUCTION = re.compile(r"^\W*(?:(?:sir|madam|dear\s+\w+)\s*,\s*[\u2014\u2013-]?\s*)?I\s+(?:write|am\s+writing)\s+as\b",
                                re.IGNORECASE)
# the words that make an arrangement any one of its kind ("every peace deal", "all ceasefires")
_ANY = frozenset({"every", "all", "any", "each", "no"})


def _any_arrangement(doc) -> bool:
    """The main clause's subject is an arrangement of any kind ("Every peace deal of my lifetime has been
    negotiated over the heads of ..."): a claim about the class, not the page's truce."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _ARRANGEMENTS
               and any(d.dep_ == "det" and d.lower_ in _ANY for d in c.children) for c in root.children)


# an explainer's heading is a short question the writer asks to answer it ("What does the deal say?", "And the
# government?"), not a quotation nor a transcript's turn
_HEADING_WORDS = 8
# an explainer asks more than once: one question opening a paragraph is a rhetorical lead, not the page's shape
_MIN_HEADINGS = 2


def _explainer_answers(texts, sentence_spans, candidates, attributions=None) -> dict[int, bool]:
    """The paragraphs of an explainer that answer its question headings: the page names the truce before them
    (its topic), and at least two of its paragraphs open on a short question of the writer's own, answered by the
    sentences after it in the same paragraph, or are that question alone, answered by the paragraph after it ("What
    was agreed?" / "The deal required both armies to ..."). Such a paragraph is about the page's truce even when its
    answer never names it ("And the government? Beirut has asked the committee to ..."). An interview printed
    without labels has the same shape, but its answers are the interviewee's own words (attribution's
    ``unlabelled_answers``), not the page's: no heading answers there. Paragraph index -> whether the answer is a
    paragraph of its own, after its heading alone."""
    named = [i for i, _, _, ev in candidates if ev == "term"]
    if not named:
        return {}
    headed, answers = [], []
    for index, spans in enumerate(sentence_spans):
        if not spans or not _heading(texts[index][spans[0][0]:spans[0][1]]):
            continue
        if len(spans) >= 2:
            headed.append(index)
            answers.append((index, False))
        elif index + 1 < len(texts) and sentence_spans[index + 1] \
                and not _interview_answer((attributions or {}).get(index + 1, ())) \
                and not _heading(texts[index + 1][sentence_spans[index + 1][0][0]:sentence_spans[index + 1][0][1]]):
            headed.append(index)
            answers.append((index + 1, True))
    if len(headed) < _MIN_HEADINGS:
        return {}
    return {i: own for i, own in answers if i > min(named)}


def _explainer_page(texts) -> bool:
    """At least two paragraphs may open on a question heading (``_explainer_answers``): a question mark within the
    first ``_HEADING_WORDS`` words (a heading is the paragraph's first sentence, a short question; read on the text,
    before the sentences are split, this may say yes too often, never no too often)."""
    return sum(1 for t in texts if "?" in " ".join(t.split()[:_HEADING_WORDS])) >= _MIN_HEADINGS


def _heading(sentence: str) -> bool:
    """A short question of the writer's own: not a quotation, a transcript's turn nor an interviewer's question."""
    return _QUESTION_END.search(sentence) is not None and len(sentence.split()) <= _HEADING_WORDS \
        and not _QUOTE_MARK.search(sentence) and _TURN_LABEL.match(sentence) is None \
        and not _question_turn(sentence)


# the toll verbs, and the whole war as their subject: "the conflict has killed", "since the war began" (not the
# fighting or the clashes of a week, whose toll near a truce is often a claim of its breach)
_TOLL_VERBS = frozenset({"kill", "displace", "force", "uproot"})
_WHOLE_WAR = frozenset({"war", "conflict", "insurgency"})


def _war_toll(doc) -> bool:
    """The sentence counts the whole war's dead or displaced: its main verb is a toll verb whose subject is the war
    ("The conflict has killed ...") or that is dated by the war's start ("... forced from their homes since the
    war began"). A backdrop to any story of the war, not a claim about its truce."""
    # the main verb, or the clause a source reports ("..., the agency said")
    for root in (t for t in doc if t.lemma_ in _TOLL_VERBS
                 and (t.dep_ == "ROOT" or (t.dep_ == "ccomp" and t.head.dep_ == "ROOT"))):
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in _WHOLE_WAR for c in root.children):
            return True
        for clause in (c for c in root.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ == "since" for m in clause.children) \
                    and any(c.dep_ == "nsubj" and c.lemma_.lower() in _WHOLE_WAR for c in clause.children):
                return True
    return False


def _talks_history(text: str, sentence: str, doc, lexicon: Lexicon) -> bool:
    """A step of the negotiations told as dated past ("The rebels broke off talks with the government in January
    after ...", "Talks were suspended last year"), carried by no word but the talks' own, in a paragraph that
    names no truce: the process's history, a backdrop to the truce story, not a fact about the truce itself."""
    process = lexicon.stance.get("process", ())
    if not process or lexicon.evidence(text) == "term":
        return False
    rest = sentence
    for p in process:
        rest = p.sub(" ", rest)
    return lexicon.evidence(rest) is None and _dated_past(doc)


def _dated_past(doc) -> bool:
    """The main verb tells a finished event ("broke off", "were suspended", "had met"; no modal) that a time
    phrase on it, or on its subject or object, places in the past ("in January", "last year")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False
    if not (root.tag_ == "VBD" or (root.tag_ == "VBN" and auxes and auxes[0].tag_ == "VBD")):
        return False
    # the parse often hangs "in March" on the object ("broke off talks ... in March"): the event's time all the same
    arguments = [c for c in root.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    return any(_past_time(c) for head in (root, *arguments) for c in head.children)


_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")


def _past_time(token) -> bool:
    """A time phrase on the main verb: "last year", "in January", "on Sunday", "in 2023" (not a span, "for months")."""
    if token.dep_ == "npadvmod":
        return _TIME_WORD.fullmatch(token.text) is not None
    if token.dep_ != "prep" or token.lower_ not in ("in", "on", "during"):
        return False
    return any(_TIME_WORD.fullmatch(o.text) is not None or _YEAR_NUMBER.fullmatch(o.text) is not None
               for o in token.children if o.dep_ == "pobj")


def _writers_doubt(sentence: str) -> bool:
    """A question of the writer's own too long for a heading ("Will a truce nobody can describe honestly survive
    the winter?"): the column's rhetorical doubt, which the guidelines count, when its paragraph argues on around
    it (a question alone is a heading, however long); not a transcript's turn (a host's question, a guest's
    "Honestly?") nor an interviewer's."""
    return len(sentence.split()) > _HEADING_WORDS and not _QUOTE_MARK.search(sentence) \
        and _TURN_LABEL.match(sentence) is None and not _question_turn(sentence)


def _interview_answer(attributions) -> bool:
    """The paragraph is an interviewee's answer printed without a label (attribution's ``unlabelled_answers``)."""
    return any(a.rule == "interview:answer" for a in attributions)


# the verbs a live blog's entry gives its source's words or sightings with (a cheap filter; the parse finds who)
_SOURCE_WORDS = re.compile(r"\b(?:say|says|said|tell|tells|told|report|reports|reported|describe|describes|described|"
                           r"announce|announces|announced|deny|denies|denied|confirm|confirms|confirmed|accuse|accuses|accused|"
                           r"according\s+to)\b", re.IGNORECASE)
# a live blog's entry opens on its time stamp and a dash ("09:12 — ...", "14:05 GMT - ..."); a pinned post on
# its label ("PINNED: ...", "PINNED — ...")
_ENTRY = re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[A-Z]{2,4}\s*)?[\u2014\u2013-]|"
                    r"PINNED\s*[:\u2014\u2013-])")


def _blog_page(texts) -> bool:
    """At least two paragraphs open on a live blog's time stamp (``_blog_entries``)."""
    return sum(1 for t in texts if _ENTRY.match(t)) >= 2


def document_shaped(texts, lexicon: Lexicon | None) -> bool:
    """Whether a rule of the page's shape may read beyond a paragraph and the one before it in this article: a column
    (``_author_voice``), an armed party's own statement (``_issuer_continues``), an explainer
    (``_explainer_answers``), a live blog (``_blog_entries``), a letters page (``_letter_voice``), an interview's
    question (``_asked_about``) or one printed without labels (``unlabelled_answers``). Each gate is the rule's own first test, or looser: when all are
    false, no paragraph's analysis reads more than itself and the paragraph before (and the truce's acronyms), which is
    what the cache's context key holds for such an article; a rule that reads further must add its gate here."""
    return _column_page(texts, lexicon) or _issuer_page(texts) or _explainer_page(texts) or _blog_page(texts) \
        or _letters_page(texts) \
        or any(_puts_question(t) for t in texts) or interview_page(texts)


def _blog_entries(texts, candidates) -> set[int]:
    """A live blog's entries that its topic carries: the page is one running story, told entry by entry, so an
    entry that does not name the truce reports on it all the same ("14:15 \u2014 A US official said the window was
    tight") once a paragraph before it (an entry, the pinned post, a summary) has named it. An empty paragraph
    (between two articles) ends the blog; a page with one time stamp is no blog."""
    named = {i for i, _, _, ev in candidates if ev == "term"}
    out: set[int] = set()
    page: list[int] = []
    for index, text in enumerate(texts + [""]):
        if text.strip():
            page.append(index)
            continue
        entries = [i for i in page if _ENTRY.match(texts[i])]
        topic = min((i for i in page if i in named), default=None)
        if len(entries) >= 2 and topic is not None:
            out.update(i for i in entries if i > topic and i not in named)
        page = []
    return out


# words a claim of one's own is made with: the speaker's side as a person, a modal or the future ("We will hold
# our lines", "That cannot last"); a cheap filter before the parse decides (``_claims``)
_CLAIM_WORDS = re.compile(r"\b(?:I|we|our|us|my|will|would|must|should|can|cannot|can't|could|may|might|won't|"
                          r"wouldn't|shall)\b", re.IGNORECASE)
# a modal of a plan in reported words (see ``_PLAN_MODALS``): the cheap test before the parse reads whose plan it is
_PLAN_WORD = re.compile(r"\b(?:will|would|shall|must|won't|won\u2019t)\b", re.IGNORECASE)
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb\u201e]")
# the pronoun that points back to the paragraph's truce ("It does not cover the port", "they are not bound by it");
# a cheap filter before the parse decides (``_refers_back``)
_IT_WORD = re.compile(r"\b(?:it|this|that|sides?|parties)\b", re.IGNORECASE)
_FIRST_PERSON = frozenset({"i", "we", "us", "our", "my", "me"})


def _claims(doc) -> bool:
    """The main clause is a claim of the speaker's own, not a scene: a modal or the future on its main verb ("the
    guns must stay silent", "our units will hold their lines") or the speaker's side as its subject ("We have
    kept every promise"). In a paragraph about the truce such a sentence is a position on it (the guidelines'
    "context counts"), where a past fact about something else ("The war began in 2023") is backdrop."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in root.children) or root.tag_ == "MD":
        return True
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    # in the past tense, the speaker's side tells a scene ("We spoke to him in Caracas"), not a position
    return root.tag_ != "VBD" and any(t.lower_ in _FIRST_PERSON for s in subjects for t in (s, *s.children)
                                      if t is s or t.dep_ == "poss")


# the modals of a plan or a commitment ("would pull back", "will meet", "must withdraw"), not of a possibility
# ("a referendum could take place in 2027", "talks may resume"), which is a guess about the wider story
_PLAN_MODALS = frozenset({"will", "would", "shall", "must", "wo", "'ll", "\u2019ll"})


def _reports_claim(doc, lexicon: Lexicon, agents: list[tuple[int, int]]) -> bool:
    """The main verb reports ("said", "told reporters") a clause that is an actor's plan or commitment by its
    modal ("the parties would meet again to review implementation", "commanders would pull two battalions back"):
    in a paragraph about the truce, what a source says a party will do is a position on it, as its own words
    would be. The actor is a person or body by name (``agents``: their spans in the sentence), pronoun or role,
    not a thing ("the covered market would reopen", "Highway 4 would reopen"), whose schedule is the town's news."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in lexicon.reporting_lemmas:
        return False
    # each reported clause, and one joined to it ("said the army welcomed the idea but that the Front must first
    # prove ...": the second is the parse's conj of the first)
    clauses = [c for c in root.children if c.dep_ == "ccomp"]
    clauses += [j for c in clauses for j in c.children if j.dep_ == "conj" and j.pos_ in ("VERB", "AUX")]
    return any(any(a.dep_ in ("aux", "auxpass") and a.lower_ in _PLAN_MODALS for a in c.children)
               and any(_holder(t, lexicon, agents, acting=True) or _armed(t, lexicon) for t in c.children
                       if t.dep_ in ("nsubj", "nsubjpass"))
               for c in clauses)


def _armed(subject, lexicon: Lexicon) -> bool:
    """A subject named by a word of armed conflict ("their fighters", "the troops"): an armed party acting, whose
    plan is the truce's business, where other plural nouns ("the buses") are things."""
    return lexicon.context_hits(subject.doc[subject.left_edge.i : subject.i + 1].text) > 0


# the labels of a name that acts or holds a view: a person, a body, a people, a state; not a thing by its name
# ("Highway 4", "Kessa Airport": a facility) nor an event's
_AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# the personal pronouns that stand for an actor ("he said they would pull back")
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})


def _agent_spans(entities, start: int) -> list[tuple[int, int]]:
    """The spans, in the sentence at ``start`` of its paragraph, of the paragraph's names of persons and bodies."""
    return [(e.start - start, e.end - start) for e in entities if e.label in _AGENT_LABELS]


# what a schedule is told with after "be" ("the army is due to deploy", "troops are set to pull back")
_SCHEDULE_WORDS = frozenset({"due", "set"})


def _scheduled(doc, lexicon: Lexicon) -> bool:
    """The main clause tells what an armed party is to do, the terms of a schedule: "be" with an infinitive
    ("Federal troops are to pull back 20 kilometres", "The Front is to hand over its heavy weapons") or with
    "due"/"set" and one ("The army is due to deploy in the coming weeks"): in a paragraph about the truce, its
    terms. Not a thing's schedule ("the mission's mandate is due to end in December"): its subject is a name or
    a word of armed conflict."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ != "be":
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if not any(c.pos_ == "PROPN" or lexicon.context_hits(doc[c.left_edge.i : c.i + 1].text) > 0 for c in subjects):
        return False
    governors = [root, *(c for c in root.children if c.dep_ == "acomp" and c.lower_ in _SCHEDULE_WORDS)]
    return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for g in governors for c in g.children)


# the roles of a pronoun that stands for a thing the sentence is about, not the empty subject of "it is clear that"
_REFERRING = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# the pronouns that point back to a thing: "it", and the demonstratives standing alone ("That is not peace")
_POINTING = frozenset({"it", "this", "that"})


def _refers_back(doc) -> bool:
    """The sentence speaks of something said before it by the pronoun "it", as a participant of its clause ("It did
    not cover the ports", "they say they are not bound by it"): in a paragraph that names the truce, the truce or
    the act the paragraph reports (the guidelines' "pronouns carry the topic"); or the truce's parties by their
    number ("Both sides reported two incidents"). Not in a side clause, which tells
    another story around it ("mines laid after the council voted not to renew it"), nor the empty subject of a clause
    that is itself the topic ("It is not clear whether ...", "it took three days to ..."), which the parse marks
    with a clausal complement or subject of its verb."""
    for token in doc:
        if token.dep_ not in _REFERRING or not (token.lower_ in _POINTING and token.pos_ == "PRON"
                                                 or _the_sides(token)):
            continue
        head = token.head
        if token.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > head.i
                                                         and (c.dep_ != "xcomp" or head.lemma_ == "be")
                                                         for c in head.children):
            continue  # "it is unlikely that ...", "it was hard to ...": an empty subject
        verb = head.head if token.dep_ == "pobj" else head
        if _subordinate(verb):
            continue  # "after the council voted not to renew it": a side clause's thing, the backdrop's
        return True
    return False


def _dates_tell_more(doc, lexicon: Lexicon) -> bool:
    """A sentence that dates something by the truce ("since the truce began") still tells of it when what it dates
    is an attack ("Israeli strikes have become a daily event since the ceasefire", "59 assaults since the truce
    began": a word of attack, noun or verb, the context words leave out for its everyday senses), or when the main
    clause points back to it ("..., and yet large parts of it have held"). (A truce described where it is named,
    "since the truce signed in Doha", is still only a date: the price of bread after it is the bakers' story.)"""
    if any(t.lemma_.lower() in lexicon.attack_lemmas and t.pos_ in ("NOUN", "VERB") for t in doc):
        return True
    return _refers_back(doc)


# what marks "sides" or "parties" as the truce's own two ("both sides", "the warring parties", "neither side")
_SIDES = frozenset({"both", "two", "either", "neither", "each", "warring", "opposing", "rival"})


def _the_sides(token) -> bool:
    """The parties of the paragraph's truce named by their number, not by name ("both sides", "neither party")."""
    return token.lemma_.lower() in ("side", "party") and any(c.lower_ in _SIDES for c in token.children)


def _ends(candidates, index: int, start: int) -> list[int]:
    """The end of the weak-term candidate sentence of paragraph ``index`` that starts at ``start``."""
    return [e for i, s, e, ev in candidates if i == index and s == start and ev == "weak"]


def _topic_starts(candidates) -> dict[int, int]:
    """Paragraph -> where its topic starts: 0 for a paragraph that names the truce (the whole paragraph is about
    it), else the first sentence that names it by a short name ("the deal", "the proposal", "talks"): a short
    name carries the topic forwards, to the sentences after it, not to the ones before."""
    out: dict[int, int] = {}
    for index, start, _, evidence in candidates:
        if evidence == "term":
            out[index] = 0
        elif evidence == "weak":
            out[index] = min(out.get(index, start), start)
    return out


def _topical(sentence: str, lexicon: Lexicon) -> bool:
    """Whether a sentence that does not name the truce can still be about it: it speaks of the fighting (a word
    of armed conflict), of an arrangement ("the pause", "the offer"), or takes a position the stance cues know
    ("rejected", "only if", "broke")."""
    if lexicon.context_hits(sentence) > 0 or any(p.search(sentence) for p in lexicon.weak_terms):
        return True
    groups = ("violation", "oppose", "strong_conditional", "conditional", "support", "compliance")
    return any(p.search(sentence) for g in groups for p in lexicon.stance.get(g, ()))


def _outside_subject_clauses(doc) -> str:
    """The sentence's text without the relative clauses on its main verb's subject ("X, which has ..., is due to
    ..." -> "X, is due to ..."): what the sentence itself claims, not what it tells of its subject on the way."""
    subjects = [c for t in doc if t.dep_ == "ROOT" for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    inside = {t.i for s in subjects for c in s.children if c.dep_ == "relcl" for t in c.subtree}
    return "".join(t.text_with_ws for t in doc if t.i not in inside)


def _positional(sentence: str, lexicon: Lexicon) -> bool:
    """Whether a sentence that does not name the truce speaks of it by an arrangement's name ("the offer") or
    claims its breach or its keeping ("opened fire first", "kept to it"); unlike ``_topical``, a word of the
    fighting alone does not do (a war's toll is not a claim about its truce), nor a general cue of stance
    ("urged citizens", "described as a sham"), which is everywhere in the news."""
    if any(p.search(sentence) for p in lexicon.weak_terms):
        return True
    groups = ("violation", "compliance", "lull")
    return any(p.search(sentence) for g in groups for p in lexicon.stance.get(g, ()))


# the spans of time that "the end of", "next" or "the following" name ("the end of the month", "next week")
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_TIME_NOUN = (r"(?:day|days|night|week|weekend|month|year|decade|season|session|term|quarter|summer|winter|spring|"
              r"autumn|morning|afternoon|evening|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
              + _MONTHS + r")s?\b")
# one word of time, whole ("January", "Sunday", "year"): what a dated past event's time phrase hangs on
_TIME_WORD = re.compile(_TIME_NOUN.removesuffix(r"\b"), re.IGNORECASE)
# "until" a time is a time, not a term ("the talks went on until midnight", "until next week", "until 15 March");
# "until the end" or "until next" only with a time after it, for "until the end of the occupation" and "until the
# next government rescinds the decree" are terms
_UNTIL_A_TIME = re.compile(r"\buntil\s+(?:(?:the\s+)?(?:next|last|following)\s+" + _TIME_NOUN + r"|"
                           r"the\s+(?:end|middle|start|beginning)\s+of\s+(?:(?:the|this|that|next|its|his|her|"
                           r"their)\s+)?(?:\d|" + _TIME_NOUN + r")|the\s+(?:early|late|small)\b|"
                           r"(?:mid|late|early)-|\d|(?:midnight|dawn|dusk|noon|daybreak|morning|afternoon|evening|"
                           r"night|today|tonight|tomorrow|now|then|recently|Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday|" + _MONTHS + r"|spring|summer|autumn|winter)\b)", re.IGNORECASE)


def _conditioned(sentence: str, lexicon: Lexicon) -> bool:
    """A source's terms ("would not withdraw until ...", "as long as nobody fires") or refusal ("does not recognise
    agreements with terrorists"): a strong conditional cue or a worded refusal, once the phrases that only look
    like a condition ("on condition of anonymity") are blanked."""
    for p in (*lexicon.stance.get("not_conditions", ()), _UNTIL_A_TIME):
        sentence = p.sub(" ", sentence)
    return any(p.search(sentence) for g in ("strong_conditional", "refusal") for p in lexicon.stance.get(g, ()))


_CARRY_PRONOUN = re.compile(r"^[\"'\u201c\u2018\u00ab\s]*(?:it|this|that)\b(?!\s+(?:is|was|was not|is not|remains?|remained)\s+(?:not\s+)?(?:clear|unclear|unknown|possible|likely|expected|hard|difficult|too early)\b)", re.IGNORECASE)


def _pronoun_carried(texts, sentence_spans, candidates, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """The guidelines' "pronouns carry the topic": a sentence that opens on "it", "this" or "that" right after a
    sentence about the truce speaks of the truce ("The truce began at noon. It is meant to last three days."),
    unless the pronoun is the empty subject of "it is not clear whether ...". """
    taken = {(i, s) for i, s, _, _ in candidates}
    topical = {(i, s) for i, s, _, ev in candidates if ev in ("term", "weak", "context")}
    out = []
    for index, spans in enumerate(sentence_spans):
        for (prev, _), (s, e) in zip(spans, spans[1:]):
            if (index, prev) not in topical or (index, s) in taken:
                continue
            sentence = texts[index][s:e]
            if _CARRY_PRONOUN.match(sentence) and not any(p.search(sentence) for p in lexicon.traps) \
                    and not _interviewer_asks(texts[index], s, e):
                taken.add((index, s))
                topical.add((index, s))
                out.append((index, s, e, "context"))
    return out


# an elliptical answer: yes or no with at most a short qualifier before it ("Largely, yes.", "On our side, yes.",
# "No."), or a negated adverb ("Not formally.", "Not yet."): no verb, so no rule that reads a clause finds it
_SHORT_ANSWER = re.compile(r"(?i:^(?:(?:[\w'\u2019-]+\s+){0,3}[\w'\u2019-]+\s*,\s*)?(?:yes|no)\s*[.!]$|"
                           r"^not\s+(?:\w+ly|yet|quite|really|exactly|entirely|so\s+far)\s*[.!]$)")


def _short_answers(texts, sentence_spans, candidates, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """A short answer opening its paragraph or following a question in it ("Is it still alive? Formally, yes.
    In practice ...") answers that question: about the truce when the question names it or the answer goes on
    to name it in the next sentence (an explainer's heading "Has it held?" points back by a pronoun only)."""
    taken = {(i, s) for i, s, _, _ in candidates}
    named = {(i, s) for i, s, _, ev in candidates if ev in ("term", "weak")}
    out = []
    for index, spans in enumerate(sentence_spans):
        for k, (s, e) in enumerate(spans):
            if (index, s) in taken or not _SHORT_ANSWER.match(texts[index][s:e][_label_length(texts[index][s:e]):].strip()):
                continue
            if k > 0:
                asked = (index, spans[k - 1][0]) if texts[index][slice(*spans[k - 1])].rstrip().endswith("?") else None
            elif index > 0 and sentence_spans[index - 1] and texts[index - 1].rstrip().endswith("?"):
                asked = (index - 1, sentence_spans[index - 1][-1][0])
            else:
                asked = None
            goes_on = k + 1 < len(spans) and (index, spans[k + 1][0]) in named
            if asked is not None and (asked in named or goes_on):
                out.append((index, s, e, "answer"))
    return out


# a name in capitals followed by its acronym in brackets ("the Cessation of Hostilities Agreement (CoHA)")
_DEFINED_NAME = re.compile(r"((?:[A-Z][\w'\u2019-]*\s+(?:(?:of|for|and|on|the|in|to)\s+)*){1,12})"
                           r"\(([A-Z][A-Za-z]{1,9})\)")


def _spells(phrase: str, acronym: str) -> bool:
    """The acronym's capitals are the initials of the phrase's capitalised words ("Suspension of Offensive Military
    Operations" -> SOMO; "Cessation of Hostilities Agreement" -> CoHA, whose small "o" is the skipped "of"); the
    words before the name ("The", "Kinshasa's") may stand outside it."""
    capitals = "".join(ch for ch in acronym if ch.isupper())
    initials = "".join(w[0] for w in phrase.split() if w[:1].isupper())
    return len(capitals) >= 2 and initials.endswith(capitals)


def defined_truce_names(text: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """The acronyms a paragraph gives its truce, each with where in it it becomes known: a bracketed acronym after
    a name that holds a topic term and whose initials it spells."""
    return [(m.end(), m.group(2)) for m in _DEFINED_NAME.finditer(text)
            if lexicon.evidence(m.group(1)) == "term" and _spells(m.group(1), m.group(2))]


def _name_pattern(acronym: str) -> re.Pattern:
    # not inside another name ("the CoHA Secretariat, Addis Ababa": a contact line's office)
    return re.compile(r"\b" + re.escape(acronym) + r"\b(?!['\u2019]?s?\s+[A-Z][a-z])")


def _truce_names(texts, lexicon: Lexicon, given: Mapping[int, Sequence[str]] | None = None
                 ) -> dict[int, list[tuple[int, re.Pattern]]]:
    """Paragraph -> the acronyms the article has given its truce so far, each with where in that paragraph it
    becomes known (0 for one defined in an earlier paragraph). An empty text is a break between articles: names
    stop there. ``given`` holds, for an item that opens a part of its article, the names its article defined in
    paragraphs the call does not hold (the stage cuts an article into chunks, or has its start cached): without
    them a paragraph's analysis would depend on where its batch happened to cut the article."""
    out: dict[int, list[tuple[int, re.Pattern]]] = {}
    known: dict[str, re.Pattern] = {}
    for index, text in enumerate(texts):
        if not text:
            known = {}
            continue
        for acronym in (given or {}).get(index, ()):
            known.setdefault(acronym, _name_pattern(acronym))
        out[index] = [(0, p) for p in known.values()]
        for at, acronym in defined_truce_names(text, lexicon):
            pattern = known.setdefault(acronym, _name_pattern(acronym))
            out[index].append((at, pattern))
    return out


def _named_truce(texts, sentence_spans, candidates, lexicon: Lexicon, given: Mapping[int, Sequence[str]] | None = None
                 ) -> tuple[list[tuple[int, int, int, str]], dict[int, tuple[re.Pattern, ...]]]:
    """The guidelines' short names, learned from the article: after "the Cessation of Hostilities Agreement (CoHA)",
    a sentence that says "the CoHA" names the truce as a topic term does ("The CoHA's provisions are only partly
    implemented"). Returns the new candidates (as ``term``) and, per paragraph, the names ``_statement`` looks for."""
    taken = {(i, s) for i, s, _, _ in candidates}
    out = []
    patterns: dict[int, tuple[re.Pattern, ...]] = {}
    for index, names in _truce_names(texts, lexicon, given).items():
        if not names:
            continue
        patterns[index] = tuple(p for _, p in names)
        for s, e in sentence_spans[index]:
            sentence = texts[index][s:e]
            if (index, s) in taken or not any(at <= s and p.search(sentence) for at, p in names) \
                    or any(p.search(sentence) for p in lexicon.traps) or _interviewer_asks(texts[index], s, e):
                continue
            taken.add((index, s))
            out.append((index, s, e, "term"))
    return out, patterns


# a lead-in is a short sentence: the summing-up before the voices, not a reported position of its own
_LEAD_WORDS = 10


def _lead_ins(texts, sentence_spans, candidates, lexicon: Lexicon) -> list[tuple[int, int, int, str]]:
    """The guidelines' "context counts" for a paragraph's opening sentence that sums up the positions its sources
    then give ("Analysts are cautious. “It will not last,” said X."): a claim about the truce when the paragraph
    or the one before it names it. A cheap filter on the predicate's words; ``_lead_in`` reads the parse."""
    if not lexicon.attitudes:
        return []
    taken = {(i, s) for i, s, _, _ in candidates}
    on_topic = {i for i, _, _, ev in candidates if ev in ("term", "weak")}
    words = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lexicon.attitudes))) + r")\b", re.IGNORECASE)
    out = []
    for index, spans in enumerate(sentence_spans):
        if len(spans) < 2 or (index not in on_topic and index - 1 not in on_topic):
            continue  # alone it introduces nothing; away from the truce it sums up another story
        s, e = spans[0]
        sentence = texts[index][s:e]
        if (index, s) in taken or len(_LABEL.sub("", sentence).split()) > _LEAD_WORDS or not words.search(sentence) \
                or any(p.search(sentence) for p in lexicon.traps) or _QUOTE_MARK.search(sentence):
            continue
        out.append((index, s, e, "lead"))
    return out


def _lead_in(doc, lexicon: Lexicon) -> bool:
    """The sentence's main clause gives its subject an attitude: "be" with an attitude adjective ("Officials were
    wary") or an attitude participle as the root of a passive ("Residents were divided", "Not everyone was
    convinced"). Its subject is who holds it, not a thing pointed back to ("It was measured")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    if root.lemma_ == "be":
        attitude = any(c.dep_ == "acomp" and c.lower_ in lexicon.attitudes for c in root.children)
    else:
        attitude = root.lower_ in lexicon.attitudes and any(c.dep_ == "auxpass" for c in root.children)
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return attitude and bool(subjects) and all(_holder(c, lexicon) for c in subjects)


# who else holds an attitude, by number rather than name ("Not everyone was convinced", "Opinions are split")
_HOLDERS = frozenset({"everyone", "everybody", "many", "some", "few", "most", "others", "opinion", "opinions", "views",
                      "reaction", "reactions"})


def _holder(subject, lexicon: Lexicon, agents: list[tuple[int, int]] | None = None, *, acting: bool = False) -> bool:
    """A subject that can hold an attitude: a name, a role ("the minister", "analysts"), people by number, or
    people by a plural noun ("Shopkeepers were wary"); not a thing ("The bridge was split") nor a pronoun
    pointing back to one ("It was measured"). ``acting``: a subject that acts in the truce's story, a name, a
    role or a personal pronoun ("he", "they"), not people by number or a plural noun ("the buses would run
    again"). With ``agents`` (the sentence's spans of names of persons and bodies), a name only among them."""
    if subject.pos_ == "PRON" or subject.lower_ in _POINTING:
        return subject.lower_ in (_PERSONAL if acting else _HOLDERS)
    if subject.pos_ == "PROPN":
        # a name numbered is a thing's designation ("Highway 4", "Gate 3"), whatever label the small model gives it
        numbered = any(c.dep_ == "nummod" and c.like_num for c in subject.children)
        return agents is None or (not numbered and any(lo <= subject.idx < hi for lo, hi in agents))
    if subject.lemma_.lower() in lexicon.speaker_roles or subject.lower_ in lexicon.speaker_roles:
        return True
    return not acting and (subject.tag_ == "NNS" or subject.lower_ in _HOLDERS)


def _statement(text, start, end, doc, quotes, entities, lexicon: Lexicon, evidence: str = "term",
               names: tuple[re.Pattern, ...] = ()) -> StatementSpan | None:
    sentence = text[start:end]
    if not _TERMINAL.search(sentence):
        return None  # a headline or a caption, not a sentence anyone said
    body = start + _answer_label(sentence)
    if _interjection(doc, _label_length(sentence)):
        return None  # "HOST: Ha.", "Well.": a sound, no claim whatever the turn is about
    if _introduction(sentence):
        return None  # "Joining us is X, who sat on the ceasefire committee": who the guest is, no claim
    if _acknowledges(doc, lexicon):
        return None  # "I understand the fear.": the speaker grants another's feeling, no claim of its own
    if _candour(doc):
        return None  # "I want to be frank.": how the speaker will speak, nothing said yet
    sentence_quotes = [(max(s, body), min(e, end)) for s, e in quotes if s < end and e > body]
    quoted_chars = overlap(sentence_quotes, body, end)
    if evidence in ("context", "carry", "quote", "paragraph", "claim", "lead", "voice", "author", "answer", "ahead",
                    "plan"):  # the topic is carried by the quotation the sentence sits in
        direct = quoted_chars > 0.5 * (end - body)
    else:
        patterns = lexicon.terms if evidence == "term" else lexicon.weak_terms
        term = next((m for p in patterns for m in [p.search(sentence)] if m), None)
        if term is None and evidence == "term":  # the truce by the name the article gave it ("the CoHA")
            term = next((m for p in names for m in [p.search(sentence)] if m), None)
        if term is None:
            return None
        direct = inside(quotes, start + term.start(), start + term.end()) or quoted_chars > 0.5 * (end - body)

    found = _speaker(doc, start, quotes, entities, lexicon)
    speaker, via_speech_verb, cue_span = found if found is not None else (None, False, None)
    if speaker is None and direct:
        speaker, via_speech_verb = _quote_speaker(text, start, end, quotes, entities), True
    if not direct and speaker is None and _QUESTION_END.search(sentence) \
            and not (_writers_doubt(sentence) and (text[:start].strip() or text[end:].strip())):
        return None  # "What did the deal say?": an explainer's heading, nobody's rhetorical question
    if not direct and _QUESTION_END.search(sentence) and _asks_about_subject(sentence, doc):
        # "Has the government asked for a truce?", "What do the two sides say?": the question's subject is asked
        # about, not heard; no one is reported as saying the question
        return None
    if evidence == "term" and _only_dates(doc, lexicon) and not _dates_tell_more(doc, lexicon) \
            and not (via_speech_verb and speaker is not None and _positional(sentence, lexicon)):
        # whoever says it, "prices have doubled since the truce" is about prices; but a source's claim of a breach
        # or of the truce's keeping, dated by it ("the army said the rebels had fired twice since the truce
        # began"), is a claim about the truce itself
        return None
    if evidence == "weak" and not direct and not via_speech_verb and _talks_history(text, sentence, doc, lexicon):
        return None
    stance, cue, cue_on_main_verb, cameo_key = _stance(sentence, doc, lexicon, direct)
    if evidence == "ahead" and (cue is None or not cue_on_main_verb):
        return None  # before the truce comes into the paragraph, only a reaction by its main verb speaks of it
    if evidence == "paragraph" and not direct and speaker is None \
            and not _topical(_outside_subject_clauses(doc), lexicon):
        # the topic carried from the paragraph needs the narrative's own claim to speak of the fighting, an
        # arrangement or a position; a word of it inside a relative clause that only describes the subject ("the
        # central bank, which has raised rates to pay for military spending, is due to announce ...") does not
        return None
    if evidence == "lead" and not _lead_in(doc, lexicon):
        return None  # the short opening sentence tells a scene ("The market was busy"), no attitude of a source
    if evidence == "author" and not direct and not via_speech_verb and (
            not _argues(doc) or _SELF_INTRODUCTION.match(sentence) or _any_arrangement(doc)):
        # the column's own backdrop, told in the past tense; the writer saying who writes ("Sir, I write as the
        # mother of a soldier"); a claim about any deal, not the page's ("Every peace deal has been signed ...")
        return None
    if not direct and not via_speech_verb and evidence not in ("term", "lead", "voice", "author", "answer"):
        # A sentence that names the truce is about it (the guidelines count facts about a specific truce, past
        # ones too). One carried only by a weak cue or by context, told by the narrative or an actor, needs
        # more: a stance or announcement cue on its main verb, or the arrangement as the subject of its main
        # clause ("The proposal was delivered on Wednesday"), and no scene-setting the lexicon names.
        if (cue is None or not cue_on_main_verb) and not _topic_is_subject(doc, lexicon, evidence) \
                and not _topic_is_argument(doc, lexicon, evidence) \
                and not (evidence in ("paragraph", "claim", "weak") and (_claims(doc) or _scheduled(doc, lexicon))) \
                and not (evidence in ("paragraph", "claim", "context") and _refers_back(doc)):
            return None
        if any(p.search(sentence) for p in lexicon.stance.get("background", ())):
            return None
    if evidence != "term" and _war_toll(doc):
        return None  # "The conflict has killed 6,000 people since 2017, according to ...": the whole war's backdrop
    if evidence == "claim" and not direct and not _QUOTE_MARK.search(sentence) and not _claims(doc) \
            and not _refers_back(doc) and not (via_speech_verb and _reports_claim(doc, lexicon, _agent_spans(entities, start))):
        return None  # reported words with no word of the truce, the fighting or a claim of one's own: backdrop
    if evidence == "plan":
        if direct or not (via_speech_verb and _reports_claim(doc, lexicon, _agent_spans(entities, start))):
            return None  # reported words after the truce's paragraph that tell no party's plan: another story
        evidence = "carry"  # a position carried from the paragraph before: resolve wants a say there, as for quotes
    if evidence == "quote" and _refers_back(doc):
        # quoted words next to the truce that point back to it by a pronoun ("We intend to keep it that way"):
        # the guidelines' "pronouns carry the topic", not colour that needs a party's say before it
        evidence = "context"
    speaker_text, kind, s_start, s_end = speaker if speaker is not None else (None, "none", None, None)
    if stance == "conditional" and _commentator(text, start, end, quotes, lexicon):
        stance = "oppose"  # an analyst's "only with monitors would it hold" doubts the truce; no party accepts
    rule = f"{lexicon.topic}/{evidence}:{kind}{'+quote' if direct else ''}:{stance}" + (f"({cue})" if cue else "")
    if direct and kind == "continuation" and (turn := _reported_in_turn(text, start, end, body, doc, entities,
                                                                         lexicon)) is not None:
        # the statement stands as the turn's; only who says it changes
        speaker, _, cue_span = turn
        speaker_text, kind, s_start, s_end = speaker
    return StatementSpan(
        start=start,
        end=end,
        text=sentence,
        direct_quote=bool(direct),
        speaker_text=speaker_text,
        speaker_kind=kind,
        speaker_start=s_start,
        speaker_end=s_end,
        cue_start=cue_span[0] if cue_span and speaker is not None else None,
        cue_end=cue_span[1] if cue_span and speaker is not None else None,
        stance=stance,
        conditions=tuple(_conditions(sentence, lexicon, question=cue == "?")) if stance == "conditional" else (),
        duration=_duration(sentence, lexicon),
        cameo_code=lexicon.cameo.get(cameo_key) if cameo_key else None,
        rule=rule,
        evidence=evidence,
    )


# a one-word answer takes a side ("KOVAL: No.", "Never."): it is an answer, not a mere sound
_ANSWER_WORDS = frozenset({"yes", "no", "yeah", "yep", "nope", "nah", "never", "absolutely", "certainly", "sure",
                           "okay", "ok"})


# the verbs a speaker grants another's feeling or view with ("I understand the fear", "We respect their anger")
_ACKNOWLEDGING = frozenset({"understand", "respect", "appreciate"})
# a speaker announcing candour before saying anything ("I want to be frank.")
_WANTING = frozenset({"want", "wish", "like", "need"})
_CANDID = frozenset({"clear", "frank", "precise", "honest", "blunt", "candid", "direct", "open", "careful"})
_CANDID_CLAUSE = frozenset({"nsubj", "xcomp", "punct", "dep", "aux", "advmod", "cc"})
# what may hang on such a verb besides its subject and object: a turn's label, an adverb ("I fully understand")
_BARE_CLAUSE = frozenset({"nsubj", "dobj", "punct", "dep", "advmod"})


def _acknowledges(doc, lexicon: Lexicon) -> bool:
    """The sentence is only a first person granting a feeling or a view ("I understand the fear.", "A: We respect
    their anger."): the main verb acknowledges, its object is a noun that does not name the truce, and nothing else
    hangs on it (no clause: "I understand why they call it a truce", "We respect it, but ..." stay claims)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in _ACKNOWLEDGING:
        return False
    if any(c.dep_ not in _BARE_CLAUSE for c in root.children):
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    objects = [c for c in root.children if c.dep_ == "dobj"]
    if len(subjects) != 1 or subjects[0].lower_ not in ("i", "we") or len(objects) != 1 or objects[0].pos_ != "NOUN":
        return False
    object_text = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1].text
    return lexicon.evidence(object_text) is None


def _candour(doc) -> bool:
    """The sentence only announces how the speaker will speak ("I want to be frank.", "I want to be clear about
    that.", "We would like to be precise."): a first person wanting to be candid, and nothing said yet; one that
    goes on to say it ("I want to be clear: we will not return to ...") is a claim."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in _WANTING or any(c.dep_ not in _CANDID_CLAUSE for c in root.children):
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].lower_ not in ("i", "we"):
        return False
    being = [c for c in root.children if c.dep_ == "xcomp" and c.lemma_ == "be"]
    if len(being) != 1 or any(c.dep_ not in ("aux", "acomp") for c in being[0].children):
        return False
    manner = [c for c in being[0].children if c.dep_ == "acomp"]
    return len(manner) == 1 and manner[0].lower_ in _CANDID and all(
        c.dep_ in ("advmod", "prep") and all(g.lower_ in _POINTING for g in c.children) for c in manner[0].children)


def _interjection(doc, label: int) -> bool:
    """The words after a turn's speaker label are only interjections ("Ha.", "Well, well.", "Oh."): the parse tags
    every word INTJ and none of them says yes or no."""
    words = [t for t in doc if t.idx >= label and not t.is_punct and not t.is_space]
    return bool(words) and all(t.pos_ == "INTJ" and t.lower_ not in _ANSWER_WORDS for t in words)


# the verbs a question asks what someone said with ("What do the sides say?", "Has the army asked for a truce?"),
# unlike a rhetorical question's verb of acting ("Will Rabat accept that?"), which doubts
_ASKED_SAYING = frozenset({"say", "ask", "tell"})


def _asks_about_subject(sentence: str, doc) -> bool:
    """The page's own question about what someone said, opening on an auxiliary or a question word, with a verb of
    saying at its root ("Has the government asked for a truce?", "What do the two sides say?"): the subject is
    asked about, not reported as saying anything. Not a transcript's labelled turn (a speaker's question there is
    theirs, and ``_interviewer_asks`` decides)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if _label_length(sentence) or root is None or root.lemma_.lower() not in _ASKED_SAYING:
        return False
    opening = _OPENING_WORD.match(sentence.strip().lstrip("\"'\u201c\u2018 "))
    return opening is not None and opening.group(1).lower() in _ASKING


def _answer_label(sentence: str) -> int:
    """How many characters a transcript's speaker label takes before a short answer ("KOVAL: Not one.", "A drone."),
    or 0: whether the turn's words are quoted is measured without the label, since a short answer is shorter than
    its speaker's name. Not before a question ("Honestly?", "Does the hon.", cut at an abbreviation's full stop):
    a turn that asks states nothing."""
    length = _label_length(sentence)
    words = sentence[length:].strip().lstrip("\"'\u201c\u2018 ")
    opening = _OPENING_WORD.match(words)
    if not length or _QUESTION_END.search(words) or (opening is not None and opening.group(1).lower() in _ASKING):
        return 0
    return length


# prepositions that tie an argument to a clause ("a party to the deal", "voted on the resolution", "withdrew from the
# talks"), not the ones that only date or frame it ("since the truce", "during the pause", "despite the deal")
_ARGUMENT_PREPOSITIONS = frozenset({"to", "on", "about", "over", "with", "from", "of", "for", "into", "against"})


def _topic_is_argument(doc, lexicon: Lexicon, evidence: str) -> bool:
    """The truce's short name is an argument of the main clause, not a side phrase: the object of its verb
    ("Turkey co-hosted the talks"), of a verb it governs ("Ministers are due to discuss the proposal"), or of a
    preposition on either or on the predicate noun ("Eritrea was not a party to the agreement")."""
    patterns = lexicon.terms if evidence == "term" else lexicon.weak_terms
    spans = [m.span() for p in patterns for m in p.finditer(text_of(doc))]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if not spans or root is None or root.pos_ not in ("VERB", "AUX"):
        return False
    heads = [root, *(c for c in root.children if c.dep_ in ("xcomp", "attr", "acomp", "dobj"))]
    # the verb a predicate adjective governs too ("Ministers are due to discuss the proposal")
    heads += [g for h in heads if h.dep_ in ("xcomp", "acomp") for g in h.children if g.dep_ == "xcomp"]
    arguments = [c for h in heads for c in h.children if c.dep_ in ("dobj", "attr")]
    # the subject of an infinitive the root takes as its object ("Not everyone wants the arrangement to last")
    arguments += [g for c in root.children if c.dep_ in ("ccomp", "xcomp") and any(a.lower_ == "to" and a.dep_ == "aux"
                                                                               for a in c.children)
                  for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i]
    arguments += [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in _ARGUMENT_PREPOSITIONS
                  for g in c.children if g.dep_ == "pobj"]
    for token in arguments:
        if token.lower_ in _DOCUMENTS or any(_YEAR.fullmatch(c.text) for c in token.children):
            continue  # "issued the following statement": a text to come; "mediated the 2015 accord": another one
        phrase = doc[token.left_edge.i : token.i + 1]
        if any(s < phrase.end_char and e > phrase.start_char for s, e in spans):
            return True
    return False


_DOCUMENTS = frozenset({"statement", "statements", "communique", "communiqué", "communiques", "communiqués"})


_YEAR = re.compile(r"(?:19|20)\d\d")


def _commentator(text: str, start: int, end: int, quotes, lexicon: Lexicon) -> bool:
    """The sentence's own words outside its quotation marks name a commentator ("..., a military analyst,
    said")."""
    words = re.findall(r"[a-z]+", "".join(ch for i, ch in enumerate(text[start:end], start)
                                          if not inside(quotes, i, i + 1)).lower())
    return any(w in lexicon.commentators for w in words)


def _speaker(doc, offset, quotes, entities, lexicon: Lexicon):
    """((text, kind, start, end), via a speech verb?, (cue start, cue end)) for whoever the sentence attributes
    its content to; the cue is the verb (or "according to") tying them to it, offsets like the speaker's."""
    def outside(token) -> bool:
        return not inside(quotes, offset + token.idx, offset + token.idx + len(token.text))

    # "according to X"
    side_source = False  # an "according to" that sources only a side clause ("after strikes killed nine, according to")
    for token in doc:
        if token.text.lower() == "according" and outside(token):
            if token.head.i != token.i and token.head.tag_.startswith("VB") and _side_clause(token.head):
                side_source = True
                continue
            for child in token.children:
                if child.text.lower() == "to":
                    for obj in child.children:
                        if obj.dep_ == "pobj" and _joint_document(obj):
                            # "according to a joint statement", "officials on both sides": both sides at once
                            return (None, "joint", None, None), True, None
                        if obj.dep_ == "pobj":
                            described = _describe_subject(doc, obj, offset, entities, lexicon)
                            if described is not None:
                                return described, True, (offset + token.idx, offset + child.idx + len(child.text))
    verbs = [
        t for t in doc
        if t.lemma_.lower() in lexicon.reporting_lemmas and t.pos_ in ("VERB", "AUX") and outside(t)
    ]

    def depth(token) -> int:
        d = 0
        while token.head.i != token.i and d < 50:  # spaCy makes a new Token object per access: compare indices
            token, d = token.head, d + 1
        return d

    # a verb inside a clause that only dates or describes something ("after Kyiv proposed a truce", "talks that
    # Washington described as constructive") reports nobody's position in this sentence: the narrator tells it
    subordinate = [v for v in verbs if _side_clause(v)]
    verbs = [v for v in verbs if not _side_clause(v)]
    def reported_by(token, cues) -> bool:
        """``token`` lies in the content of a cue already read with its subject ("X said his troops had not
        been told"): a negation there is what X says, not X's silence."""
        k, d = token, 0
        while k.head.i != k.i and d < 50:
            k, d = k.head, d + 1
            if k.i in cues:
                return True
        return False

    tried: set[int] = set()  # the cues read with a subject outside quotation marks
    # prefer verbs with a subject, then the main verb, then the earliest
    for verb in sorted(verbs, key=lambda v: (_subject(v) is None, depth(v), v.i)):
        if quotes_another(verb):
            # "Interfax quoted her as saying ...": the one quoted speaks (the cue under "as"), never the agency
            # that quotes; a passive ("X was quoted as saying") is the same verb
            continue
        subject = _filed_subject(_subject(verb), verb)
        if subject is not None and subject.dep_ == "nsubjpass" and outside(subject):
            # "It was never written down", "The truce was announced by the army": a passive's subject is what
            # was said; its source is the agent, when there is one. One quoted ("X was quoted as saying") is
            # the source itself (attribution.quotes_another)
            agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                         None)
            if agent is None and _describe_subject(doc, subject, offset, entities, lexicon) is not None:
                return (None, "narrative", None, None), True, None
            if agent is not None and verb.lemma_.lower() not in load_cues().lemmas:
                # "The truce was brokered by Kenyan mediators", "signed by both leaders": an act the narrator
                # reports, not a position the agent takes ("was rejected by the army" is one)
                return (None, "narrative", None, None), True, None
            subject = agent
        if silence(verb) and reported_by(verb, tried):
            # "X said his troops had not been told ...": X's say, whom the attribution names
            return (None, "none", None, None), True, None
        if silence(verb):
            return (None, "silent", None, None), True, None  # "X did not say whether ...": the narrator's
        if subject is not None and outside(subject) and _joint(subject, modifiers=True) \
                and not _titled_person(subject, offset, entities):
            # "Armenia and Azerbaijan accused each other": both sides at once, the guidelines' NULL speaker
            return (None, "joint", None, None), True, None
        if subject is not None and outside(subject):
            tried.add(verb.i)
            described = _describe_subject(doc, subject, offset, entities, lexicon)
            if described is not None:
                return described, True, (offset + verb.idx, offset + verb.idx + len(verb.text))
    # No speech verb: the main clause's subject when it is an actor ("Hamas rejected...", "Putin cast doubt",
    # "he pivoted to outline prerequisites"), not a thing ("his discussions with American envoys ...").
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    # only a verb that takes a position, reports one or acts on the truce makes its subject a speaker ("Hamas
    # rejected ...", "the Front began a ceasefire"); "the committee met", "fighting resumed" tell the story
    acts_on_truce = root is not None and any(
        c.dep_ == "dobj" and (c.lower_ in _ARRANGEMENTS or lexicon.matches(c.text)) for c in root.children)
    if root is not None and silence(root) and outside(root):
        # a negated disclosure inside quotation marks ("“... cannot announce peace in one place”") is the quoted
        # speaker's own words, not the narrator telling of a silence
        return (None, "silent", None, None), True, None
    if root is not None and root.pos_ in ("VERB", "AUX") and outside(root) and not _side_clause(root) \
            and not quotes_another(root) and (
            root.lemma_.lower() in lexicon.reporting_lemmas or _stance_word(root.text, lexicon) or acts_on_truce):
        subject = _filed_subject(_subject(root), root)
        if subject is not None and _joint(subject, modifiers=True) and not _titled_person(subject, offset, entities):
            return (None, "joint", None, None), False, None
        if subject is not None and outside(subject) and subject.text.lower() != "it":
            described = _describe_subject(doc, subject, offset, entities, lexicon)
            if described is not None:
                return described, False, (offset + root.idx, offset + root.idx + len(root.text))
    side = subordinate + ([root] if root is not None and _side_clause(root) else [])
    actors = [c for v in side for c in v.children if c.dep_ == "nsubj"] + [_subject(v) for v in side]
    if any(a is not None and _describe_subject(doc, a, offset, entities, lexicon) is not None for a in actors) \
            and not any(inside(quotes, offset + t.idx, offset + t.idx + 1)
                                                                    for t in doc):
        # the only source in sight is in a side clause: the sentence is the article's own narrative, and no
        # attribution of its paragraph (whose cue that side clause is) speaks for it
        return (None, "narrative", None, None), False, None
    if side_source:
        return (None, "narrative", None, None), False, None
    return None


# clause relations that hang a clause on a noun or subordinate it to the main clause
_SIDE_CLAUSES = frozenset({"relcl", "csubj", "pcomp"})


def _subordinate(verb) -> bool:
    """The verb sits in a side clause of its sentence: a relative clause ("which Ukraine rejected"), a participle
    on a noun ("a truce brokered by Qatar"), an adverbial clause its conjunction opens ("since Oman announced",
    "though clashes continued"). Not a participle clause on the main verb ("Hamas fired, saying ..."), which
    reports the main subject's words, nor a finite verb the small model hangs on its subject as a clause
    ("Myanmar's military, known as ..., announced ...")."""
    token, steps = verb, 0
    while token.head.i != token.i and steps < 50:
        if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN"):
            pass  # "The Front, one of the factions, rejected ...": the small model's main verb hung on its subject
        elif token.dep_ == "relcl" and any(c.dep_ == "ccomp" for c in token.children):
            pass  # "video that it said showed the depot": the clause reports its subject's claim
        elif token.dep_ in _SIDE_CLAUSES or (token.dep_ == "acl" and token.tag_ in ("VBN", "VBG")):
            return True
        if token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children):
            return True
        token, steps = token.head, steps + 1
    # a root its conjunction opens ("The ports reopened, days after X proposed ..."): the model lost the main
    # clause, and the root is the side clause
    return any(c.dep_ == "mark" for c in token.children)


def _side_clause(verb) -> bool:
    """The verb reports nobody's position in this sentence: a side clause (`_subordinate`), or an adverbial clause a
    wh-adverb opens, which the small model hangs as a modifier, not a marker ("When the army announced a truce,
    the news was greeted as proof ..."): it dates the main clause, whose own subject, if any, is who speaks."""
    return _subordinate(verb) or _wh_framed(verb)


def _wh_framed(verb) -> bool:
    token, steps = verb, 0
    while token.head.i != token.i and steps < 50:
        if token.dep_ == "advcl" and any(c.dep_ == "advmod" and c.tag_ == "WRB" and c.i == token.left_edge.i
                                         for c in token.children):
            return True
        token, steps = token.head, steps + 1
    return False


_NOUN_MODIFIERS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod"})


_STANCE_GROUPS = ("violation", "oppose", "support", "support_declare", "compliance")


def _stance_word(word: str, lexicon: Lexicon) -> bool:
    """A word the stance cues know on its own ("rejects", "welcomed", "violated")."""
    return any(p.fullmatch(word) or p.match(word) for g in _STANCE_GROUPS for p in lexicon.stance.get(g, ()))


_ORG_HEADS = frozenset({"group", "movement", "militia", "faction", "rebels", "army", "military", "forces", "coalition",
                        "alliance", "organisation", "organization", "party", "government", "ministry", "council"})


_NOT_NAMES = frozenset({"it", "this", "that", "there", "here", "what", "which", "who", "everyone", "nobody", "none",
                        "we", "i", "you", "us"})


def _describe_subject(doc, token, offset, entities, lexicon: Lexicon):
    """Classify a subject token: a named entity, a pronoun, a proper name the NER missed, or a role noun
    phrase ("the minister"). Returns (text, kind, start, end), or None when the subject does not speak."""
    lower = token.text.lower()
    if lower in _PRONOUNS and token.pos_ == "PRON":
        return (token.text, "pronoun", offset + token.idx, offset + token.idx + len(token.text))
    modifiers = [c.left_edge.i for c in token.children if c.i < token.i and c.dep_ in _NOUN_MODIFIERS]
    phrase_text = doc[min(modifiers, default=token.i) : token.i + 1].text  # "A partial truce", not its clauses
    if lower in _ARRANGEMENTS or any(p.search(phrase_text) for p in lexicon.terms):
        return None  # "A truce agreed in May lasted a week", "the deal covers ...": a thing, not a speaker
    head_at = offset + token.idx
    named = [e for e in entities if e.label in SPEAKER_LABELS and e.start <= head_at < e.end]
    if named:
        e = named[0]
        return (e.name, "name", e.start, e.end)
    # "Qatari negotiator Khalid al-Mansouri said": a title whose person follows right after it
    head_end = head_at + len(token.text)
    following = [e for e in entities if e.label == "PERSON" and 0 <= e.start - head_end <= 1]
    if following:
        e = following[0]
        return (e.name, "name", e.start, e.end)
    # "Ukraine's infrastructure minister, Serhiy Dovhan, said": the apposition names the speaker
    for child in token.children:
        if child.dep_ == "appos":
            at = offset + child.idx
            person = [e for e in entities if e.label in ("PERSON", "ORG") and e.start <= at < e.end]
            if person:
                return (person[0].name, "name", person[0].start, person[0].end)
    person = _nested_apposition(token, offset, entities)
    if person is not None:
        return (person.name, "name", person.start, person.end)
    counted = counted_source(token)
    if counted is not None:  # "two of the officials said": the officials
        return _describe_subject(doc, counted, offset, entities, lexicon)
    if lower in _NOT_NAMES:
        return None
    left = doc[token.left_edge.i : token.i + 1]
    while len(left) > 1 and left[0].pos_ in ("DET", "PUNCT"):
        left = left[1:]
    s_start, s_end = offset + left.start_char, offset + left.end_char
    is_role = token.lemma_.lower() in lexicon.speaker_roles or lower in lexicon.speaker_roles
    if not is_role and (token.pos_ == "PROPN" or (token.text[:1].isupper() and token.pos_ == "NOUN")):
        # a proper name the NER missed ("Haidar told reporters", "The Ukrainian Foreign Ministry said")
        words = [t.text for t in left if t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.text[:1].isupper()]
        return (" ".join(words) or token.text, "name", s_start, s_end)
    if not is_role:
        return None
    if lower in _ORG_HEADS:
        # an organisation named inside the role phrase: "the M23 rebel group" -> M23 (not "Sudan's army")
        inner = [e for e in entities if e.label == "ORG" and s_start <= e.start and e.end <= s_end
                 and text_of(doc)[e.end - offset : e.end - offset + 2] not in ("'s", "\u2019s")]
        if inner:
            return (inner[-1].name, "name", inner[-1].start, inner[-1].end)
    phrase = doc[token.left_edge.i : qualified_end(token) + 1].text  # "officials familiar with the plan"
    plural = token.tag_ in ("NNS", "NNPS")
    return (f"{phrase}|{token.lemma_.lower()}|{'plural' if plural else 'singular'}", "role", s_start, s_end)


def _nested_apposition(token, offset, entities):
    """The person an apposition names when the small model hangs it on the last noun of the subject's
    prepositional phrase, not on its head ("the head of office in Goma, Ana Ruiz, said": "Ana Ruiz" on "Goma"):
    a PERSON in apposition to the object of the subject's preposition, one or two phrases down. A person only
    (a place's apposition, "Goma, a city of two million", is no speaker)."""
    objects = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    objects += [g for o in objects for c in o.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        for child in obj.children:
            if child.dep_ != "appos":
                continue
            at = offset + child.idx
            person = next((e for e in entities if e.label == "PERSON" and e.start <= at < e.end), None)
            if person is not None:
                return person
    return None


def _reported_in_turn(text, start, end, body, doc, entities, lexicon: Lexicon):
    """A sentence of an interview's answer or a transcript's turn (the speaker's own words, read as if quoted, but
    in no quotation marks) that reports a third party by a reporting verb ("A: The Union says a team could deploy
    within days.", "An army commander told us they would respect a pause."): that party's say, the house convention
    for turns. The source and cue as ``_speaker`` reads them outside the turn; None for the turn's own voice ("I",
    "we", no reporting verb) and for words in quotation marks."""
    marks = quote_spans(text)
    if overlap([(max(s, body), min(e, end)) for s, e in marks if s < end and e > body], body, end) > 0.5 * (end - body):
        return None
    found = _speaker(doc, start, marks, entities, lexicon)
    if found is None or not found[1] or found[2] is None or found[0][1] not in ("name", "role"):
        return None
    if (found[0][0] or "").casefold().startswith(("our ", "my ", "no ")):
        return None  # "Our movement says ...": the turn's own side, in its own voice; "No government can say ..."
    cue = next((t for t in doc if start + t.idx == found[2][0]), None)
    # only the main verb, a verb of saying, not denied: an act ("Israel agreed to the extension", "our forces
    # respected it") or a side clause ("whatever the generals say") is the turn speaker's account
    # and what it says is a clause ("says a team could deploy", "offered to send observers"): "The Kremlin says
    # many things" is the turn speaker's comment on it
    if cue is None or cue.dep_ != "ROOT" or cue.lemma_.lower() not in _TURN_REPORTS \
            or any(c.dep_ == "neg" for c in cue.children) or not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    return found


# the verbs by which a turn reports what a third party says (not what it does: "agree", "sign", "respect")
# (nor what a spokesperson's own state does in the turn: "the State of X welcomes ...", "calls on both parties ...")
_TURN_REPORTS = frozenset({
    "say", "tell", "add", "announce", "state", "claim", "confirm", "deny", "warn", "insist", "argue", "report",
    "write", "tweet", "post", "reply", "respond", "offer", "propose", "promise", "pledge", "vow", "threaten",
    "demand", "complain", "allege", "assert", "predict", "suggest", "stress", "explain", "note", "reiterate",
    "repeat", "signal", "indicate", "emphasise", "emphasize", "underline", "caution", "concede", "admit",
    "acknowledge", "affirm", "reaffirm"})


_SPEECH_NEAR = re.compile(
    r"\b(?:said|says|added|adds|told|tells|asked|asks|warned|warns|insisted|insists|stressed|noted|explained|wrote|"
    r"declared|continued|argued|replied|according to)\b", re.IGNORECASE)


def _quote_speaker(text, start, end, quotes, entities):
    """A quote with no speech verb in its own sentence: the attribution that follows it in the paragraph
    ("... the first day. It will not hold," said Haidar), else the previous speaker (resolved per article)."""
    after = [e for e in entities if e.start >= end and e.label in ("PERSON", "ORG") and not inside(quotes, e.start, e.end)]
    for e in after[:2]:
        window = text[max(end, e.start - 40) : e.end + 40]
        if _SPEECH_NEAR.search(window):
            return (e.name, "name", e.start, e.end)
    # "Mediator X said ... 'Trust is built,' he said. 'We hope the truce holds.'": the person named earlier in
    # the same paragraph is still talking
    before = [e for e in entities if e.end <= start and e.label == "PERSON" and not inside(quotes, e.start, e.end)]
    if before:
        e = before[-1]
        return (e.name, "name", e.start, e.end)
    return ("", "continuation", None, None)


def _titled_person(subject, offset, entities) -> bool:
    """Two titles joined for one person the apposition names ("the Secretary-General of the Front and President
    of the Union, Ana Ruiz, said"): one speaker, not both sides at once."""
    return any(c.dep_ == "appos" and any(e.label == "PERSON" and e.start <= offset + c.idx < e.end for e in entities)
               for c in subject.children)


def _filed_subject(subject, verb):
    """The verb's subject, past a dateline the parse took it from ("Kuala Lumpur, Malaysia \u2014 Thailand and
    Cambodia agreed ...": both sides, not the city the report was filed from)."""
    from .syntax import after_dateline  # here: the module's imports belong to the detector's other rules

    return after_dateline(subject, verb.idx) if subject is not None else None


def _joint_document(token) -> bool:
    """A source that is both sides at once: "a joint statement", "officials on both sides", "the two armies"."""
    if any(c.dep_ == "amod" and c.lower_ == "joint" for c in token.children) or _joint(token, modifiers=True):
        return True
    return any(c.dep_ == "prep" and any(g.dep_ == "pobj" and _joint(g) for g in c.children) for c in token.children)
