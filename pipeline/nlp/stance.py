"""The stance of a ceasefire statement (support / conditional / oppose / neutral, by the guidelines), its
conditions and duration, and the parse-based tests the detector shares with it: a truce between civilian
parties, a truce named only as a date, the arrangement as the subject of the main clause.

Cue words come from the lexicon's [stance] tables; whether a cue is the speaker's position is read off the
parse (what a verb acts on, negation scope, tense and clause type, who the subject is), and positions with no
cue word from the evaluative lexicon (evaluation.toml) applied where the truce is the predicate's argument."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .attribution import opens_turn
from .lexicon import Evaluation, Lexicon, load_evaluation
from .syntax import (
    _ARRANGEMENTS,
    _MAIN_VERB_PATH,
    _NEGATED,
    _QUESTION_END,
    _QUESTION_IN_QUOTE,
    _joint,
    _subject,
    _token_at,
    text_of,
)

_CLAUSE_SPLIT = re.compile(r"[,;:\u2014\u2013\"\u201c\u201d\u00ab\u00bb]|\s-\s")


# "answer to" someone, not to an attack: held to account by them ("will answer to all the clans"), no threat
_HELD_TO_ACCOUNT = re.compile(r"\s+to\s+(?!any\b|an?\b|every\b)", re.IGNORECASE)

_LEADING_FILLER = re.compile(r"^(?:and|but|that|which|then|so)\s+", re.IGNORECASE)


def _stance(sentence: str, doc, lexicon: Lexicon, direct: bool = False) -> tuple[str, str | None, bool, str | None]:
    """(stance, cue text, whether the cue sits on the main verb, CAMEO key): the cue rules' reading, and a promise
    of the truce held back until the other side acts first ("we will extend it when the strikes stop") or kept
    with a reservation ("but will defend itself against any aggression") made a condition."""
    found = _cue_stance(sentence, doc, lexicon, direct)
    if found[0] == "support":
        frames = load_frames()
        when = (_held_until(doc, lexicon) or _reserves(doc, frames) or _demands_first(doc, frames, lexicon)
                or _must_first(doc) or _imperative_condition(doc))
        if when is not None:  # "when the strikes stop", "but will defend itself against any aggression"
            return "conditional", when.text, True, "conditional"
    elif found[0] in ("oppose", "neutral") and found[1] != "?":
        ultimatum = _ultimatum(doc)
        if ultimatum is not None:  # "the army must be given the men, or the truce will not survive": a demand first
            return "conditional", ultimatum.text, True, "conditional"
    return found


_OBLIGED_HEADS = frozenset({"have", "need"})
_PROMISING = frozenset({"we", "i"})


def _imperative_condition(doc):
    """A promise held back by an imperative ("give us a monitor on the ground and we will hold our fire"): a
    sentence (or quotation) that opens on a bare verb with no subject, not "let" ("let it last until spring and I
    will ...": a wish), not the fight halting ("silence the guns and ..."), joined by "and" to the speaker's own
    future verb. What the imperative asks comes first: a condition. Returns the imperative."""
    for verb in doc:
        if verb.tag_ != "VB" or not (verb.dep_ == "ROOT" or verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"):
            continue
        children = list(verb.children)
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "mark") for c in children):
            continue
        if verb.lemma_.lower() in ("let", "please") or _halts_the_fight(verb):
            continue
        before = [t for t in doc[:verb.i] if not (t.is_punct or t.is_space)]
        if before and not (verb.dep_ == "ccomp" and all(t.is_quote for t in doc[:verb.i] if not t.is_space)):
            continue  # the bare verb opens its sentence or its quotation
        if not any(c.dep_ == "cc" and c.lower_ == "and" for c in children):
            continue
        for promise in (c for c in children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
            grand = list(promise.children)
            if any(g.dep_ == "aux" and g.lower_ in _FUTURE for g in grand) and any(
                    g.dep_ == "nsubj" and g.lower_ in _PROMISING for g in grand):
                return verb
    return None


def _ultimatum(doc):
    """A demand with its price for refusing ("X must first leave, or the agreement is only half a peace", "they
    must all be at the table, or the first breach will come from those left out"): a main verb with "must" (or
    "have to", "need to"), not negated, that is not the fight halting itself ("the guns must fall silent, or ..."
    calls for the truce), joined by "or" to a clause not told in the past. The guidelines' "must first": a
    condition. Returns the "or"."""
    for verb in doc:
        if not (verb.dep_ == "ROOT" or verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT") \
                or any(c.dep_ == "neg" for c in verb.children):
            continue  # the sentence's own line, or the quotation its verb of saying reports
        demanded = verb if any(c.dep_ == "aux" and c.lower_ == "must" for c in verb.children) else next(
            (c for c in verb.children if c.dep_ == "xcomp" and verb.lemma_.lower() in _OBLIGED_HEADS
             and any(d.dep_ == "aux" and d.lower_ == "to" for d in c.children)), None)
        if demanded is None or _halts_the_fight(demanded):
            continue
        either = next((c for c in verb.children if c.dep_ == "cc" and c.lower_ in ("or", "otherwise")), None)
        if either is None:
            continue
        price = next((c for c in verb.children if c.dep_ == "conj" and c.i > either.i), None)
        if price is None or price.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" for c in price.children):
            continue
        if any(c.dep_ == "aux" and c.lower_ in _NOT_FUTURE for c in price.children):
            continue
        return either
    return None


def _cue_stance(sentence: str, doc, lexicon: Lexicon, direct: bool = False) -> tuple[str, str | None, bool, str | None]:
    """(stance, cue text, whether the cue sits on the main verb, CAMEO key); the first rule that matches wins."""
    for pattern in lexicon.stance.get("not_conditions", ()):  # "speaking on condition of anonymity"
        sentence = pattern.sub(lambda m: " " * len(m.group(0)), sentence)

    denials: list = []  # the refusal cues that deny a charge (read as a claim of compliance below)

    def first(group: str, outside_modifiers: bool = False):
        for pattern in lexicon.stance.get(group, ()):
            for m in pattern.finditer(sentence):
                if outside_modifiers and _in_modifier_clause(doc, m.start()):
                    continue
                if group == "oppose" and _in_condition(doc, m.start()):
                    continue  # "ready to pause if the militias withdraw from the roads": the condition's verb
                if group == "oppose" and _negates_saying(doc, m.start()):
                    continue  # "has not publicly confirmed the truce": silence, not a refusal
                if group == "oppose" and _in_moment_clause(doc, m.start()):
                    continue  # "the pauses would end the moment Hamas used them to regroup": the condition's words
                if group == "oppose" and _named_other_refuses(doc, m.start()):
                    continue  # "a step Thailand rejects", "a move the government dismissed as a ploy": theirs
                if group == "oppose" and _disowns_a_line(doc, m.start()):
                    continue  # "crossed the so-called yellow line": the irony names a line of the map, not the truce
                if group == "oppose" and _so_called_name(doc, m.start()):
                    continue  # "has not signed the so-called Quad proposal": the phrase introduces a proper name
                if group == "oppose" and _not_opposed(doc, m, lexicon):
                    continue  # "would not allow anyone to derail it", "withdraw from the occupied towns"
                if _in_name(doc, m.start(), m.end()):
                    continue  # "Inter-Services Public Relations", "the UN Support Mission": a name, no position
                if group.endswith("conditional") and _concessive(sentence, m.start()):
                    continue  # "even if a truce is signed, I would not expect it to last": no condition set
                if group.endswith("conditional") and _not_a_condition(doc, m, lexicon):
                    continue  # "we prepare as if ...", "once the truce takes effect, we will ...": no condition
                if group == "conditional" and _in_appeal(doc, m.start()):
                    continue  # "we call on the world to guarantee the ceasefire": the appeal is the position
                if group == "conditional" and _past_narrative(doc, m.start()):
                    continue  # "if anyone opened fire, it was not us", "while the clock ran": told, not set
                if group.endswith("conditional") and _told_in_perfect(doc, m.start()):
                    continue  # "had returned fire only when attacked": what was done, not a term set
                if group == "neutral_announce" and _in_appeal(doc, m.start()):
                    continue  # "he will ask both sides to extend the pause": what is asked, the appeal rules read it
                if group == "support_declare" and _reports_speech(doc, m.start()):
                    continue  # "“...,” declared the minister": the verb reports the quotation
                if group == "strong_conditional" and _HELD_TO_ACCOUNT.match(sentence, m.end()) \
                        and m.group(0).lower().endswith("answer"):
                    continue  # "whoever fires first will answer to the clans": held to account, no threat of one's own
                if group.endswith("conditional") and _traded_in_terms(doc, m.start(), lexicon):
                    continue  # "the arrangement allows a convoy through in exchange for the herders": its terms
                if group == "compliance" and _names_a_group(doc, m.start()):
                    continue  # "the local self-defence militia": a name, no keeping of the truce
                if group.endswith("conditional") and _temporal(doc, m.start()):
                    continue  # "the truce will run until the end of the month": a date, not a condition
                if group == "support" and _approves_other(doc, m.start(), lexicon):
                    continue  # "thanked the donors for their support": approval of something else
                if group in ("support", "support_declare") and _names_a_thing(doc, m.start()):
                    continue  # "the offer was made in a statement": the word names the offer, nobody offers here
                if group == "oppose" and _denies_accusation(doc, m.start(), lexicon):
                    denials.append(m)  # "rejected the accusations": a denial of violating it, a claim of compliance
                    continue
                if group == "support" and (_appeals_to_fight(doc, m.start()) or _appeals_to_end(doc, m.start(), lexicon)):
                    continue  # "we urge our fighters to attack despite the truce", "called on the government to
                    # scrap the ceasefire": a call to fight on or to leave the truce, no call for it
                if group == "support" and _binds_parties(doc, m.start()):
                    continue  # "it committed all sides to freeze", "a declaration committing to a truce": terms
                if group in ("support", "support_declare") and _actorless_passive(doc, m.start()):
                    continue  # "it was agreed in May": what was done, nobody's position
                if group in _POSITION_GROUPS and _not_a_position(doc, m.start()):
                    continue  # "Turkish-backed factions", "observers", "as agreed": no one takes a position
                return m
        return None

    def main_verb(match) -> bool:
        for token in doc:
            if token.idx <= match.start() < token.idx + len(token.text) or match.start() <= token.idx < match.end():
                node = token
                for _ in range(3):
                    if node.dep_ == "ROOT":
                        return True
                    if node.dep_ not in _MAIN_VERB_PATH:
                        return False
                    node = node.head
                return node.dep_ == "ROOT"
        return False

    turned = _ceases_to(doc, load_frames())
    if turned is not None and first("strong_conditional") is None:  # (a condition beside it rules: read below)
        # "will never stop respecting it": support; "has stopped respecting it": an accusation
        stance, verb = turned
        return stance, verb.text, verb.dep_ == "ROOT", {"support": "support_agree", "oppose": "oppose"}.get(stance,
                                                                                                           "violation")
    m = first("violation")
    if m and (_in_condition(doc, m.start()) or _threat(doc, lexicon) is not None):
        m = None  # "we will resume fighting if the terms are broken": a threat, the condition rules read it
    if m and _hypothetical(doc, m.start()):
        m = None  # "will respond to any violation": a threat, the condition rules below read it
    if m and _describes_topic_clause(doc, m.start(), lexicon):
        m = None  # "a ceasefire that is broken from the air is not a ceasefire": the clause says which truce
    if m and _appeal_on_main_line(doc) is not None:
        m = None  # "we call on the guarantors to make them stop their violations": the appeal is the position
    if m:
        if _NEGATED.search(sentence[: m.start()]):
            if _negation_reports_past(doc, m.start()):
                return "neutral", m.group(0), main_verb(m), None  # "it had not violated the truce": a claim
            return "support", m.group(0), main_verb(m), "support_agree"  # "we will not be the ones to break it"
        if _forecast(doc, m.start()):
            return "oppose", m.group(0), main_verb(m), "oppose"  # "they will break this truce as they broke the last"
        failing = _forecast_failure(doc, lexicon)
        if failing is not None:  # "they broke every deal they signed, and this one will not survive the spring":
            return "oppose", failing.text, main_verb(m), "oppose"  # the past breaches back a forecast, a doubt
        record = _failed_before(doc, load_frames(), lexicon, direct)
        if record is not None:  # "the last truce was broken within a month": the record cited, a doubt
            return "oppose", record.text, main_verb(m), "oppose"
        unworthy = _denies_its_own_name(doc)
        if unworthy is not None:  # "a mechanism that only counts our violations is not a mechanism": the breaches
            return "oppose", unworthy.text, main_verb(m), "oppose"  # tell which thing is denied its name
        return "neutral", m.group(0), main_verb(m), "violation"
    if _QUESTION_END.search(sentence) or _QUESTION_IN_QUOTE.search(sentence):
        request = _requests_action(doc, load_frames())
        if request is not None:  # "Will the Minister press the mediators to secure one?": a call, not a doubt
            return "support", request.text, True, "support_appeal"
        return "oppose", "?", True, "oppose"
    attack = _attacked_during(doc, lexicon)
    if attack is not None:  # "their jets were bombing villages on the first day of this so-called ceasefire"
        return "neutral", attack.text, True, "violation"
    terms = _under_terms(doc, lexicon)
    if terms is not None:  # "Under the deal, the fighters will let convoys pass": terms and mechanics
        return "neutral", terms.text, False, None
    threat = _threat(doc, lexicon)
    if threat is not None:  # "if they come forward, we will shoot", "any advance will be answered": a condition
        return "conditional", threat.text, True, "conditional"
    accusation = _declared_then_attacked(doc, lexicon)
    if accusation is not None:  # "the militia announced a truce and attacked the town two days later"
        return "neutral", accusation, True, "violation"
    declared = _declares_truce(doc, lexicon, direct)
    if declared is not None:  # "the army declared a 30-hour truce": its own truce (a mediator's names the sides)
        return "support", declared, True, "declare"
    history = _declared_history(doc, lexicon)
    if history is not None:  # "it declared a similar truce in 2023", "has announced truces before": a fact
        return "neutral", history, True, None
    alternative = _weighs_alternative(doc, load_frames(), lexicon)
    if alternative is not None:  # "the alternative to an imperfect ceasefire is not a perfect one; it is the war"
        return "support", alternative.text, True, "support_agree"
    scope = _negated_scope(doc, lexicon, load_frames())
    if scope is not None and _doubted_elsewhere(doc, scope, first("oppose"), lexicon):
        scope = None  # "the ceasefire does not cover our villages, so we reject it": the other clause speaks
    if scope is not None:  # "the ceasefire does not cover the RSF", "militias that are not party to the truce"
        return "neutral", scope.text, True, None
    refused = _negated_topic(doc, lexicon)
    if refused is not None and _refusal_negated(doc, refused[1], load_frames(), lexicon) \
            and not _doubted_elsewhere(doc, refused[1], first("oppose"), lexicon) \
            and _refused_in_contrast(doc, refused[1], lexicon) is None:
        # "we do not reject a ceasefire", "we are not against a truce": the refusal denied, an openness to it; a
        # doubt in another clause speaks first ("we do not reject it outright, but it will not last a week", "we do
        # not oppose the truce, but we will not respect it")
        return "support", refused[0], True, "support_agree"
    if refused is not None and first("strong_conditional") is None:
        clause = _condition_clause(refused[1], without=True)
        if clause is not None:  # "the truce cannot last while hostages are held", "without monitors, we cannot agree"
            return "conditional", clause.text, True, "conditional"
        return "oppose", refused[0], True, "oppose"  # "we do not negotiate ceasefires", "it is not a truce at all"
    denied = _denies_existence(doc, load_frames())
    if denied is not None and first("strong_conditional") is None:  # "there will be no negotiation with them"
        return "oppose", denied.text, True, "oppose"
    m = first("oppose")
    if m and _in_modifier_clause(doc, m.start()) and first("support", outside_modifiers=True):
        # "we urge all parties to avoid any action that could jeopardise the truce": the doubt describes the
        # action; the speaker's own stance is the urging
        m = first("oppose", outside_modifiers=True)
    if m:
        condition = first("strong_conditional")
        if condition:
            return "conditional", condition.group(0), main_verb(m), "oppose_conditional"
        clause = _refusal_condition(doc, m.start())
        if clause is not None:  # "there can be no ceasefire while our cities are occupied"
            return "conditional", clause.text, main_verb(m), "oppose_conditional"
        return "oppose", m.group(0), main_verb(m), "oppose"
    evaluation = load_evaluation()
    if denials:  # "Israeli officials reject that description": a claim of compliance, its verb the sentence's cue
        doubt = _doubt_beside_denial(doc, denials, evaluation, lexicon, direct)
        if doubt is not None:  # "reject that description, calling the truce a charade": the doubt is the stance
            return "oppose", doubt.text, False, "oppose"
        return "neutral", denials[0].group(0), main_verb(denials[0]), None
    dismissal = _dismisses(doc, evaluation, lexicon)
    if dismissal is not None:  # "a charade", "it will not hold", "not a commitment": doubt without a cue verb
        condition = first("strong_conditional")
        if condition:
            return "conditional", condition.group(0), True, "oppose_conditional"
        clause = _condition_clause(dismissal)
        if clause is None and dismissal.dep_ in ("attr", "acomp"):
            clause = _condition_clause(dismissal.head, without=True)  # "without that, a truce is just a photo-op"
        if clause is not None:  # "the silence cannot last while hostages are held": it lasts once they are freed
            return "conditional", clause.text, True, "conditional"
        return "oppose", dismissal.text, dismissal.dep_ == "ROOT" or dismissal.head.dep_ == "ROOT", "oppose"
    strong = first("strong_conditional")
    m = strong or first("conditional")
    if m:
        return "conditional", m.group(0), main_verb(m) or strong is not None, "conditional"
    moment = _moment_clause(doc)
    if moment is not None:  # "the pauses would end the moment Hamas used them to regroup"
        return "conditional", moment.text, True, "conditional"
    planned = _plans_for_truce(doc, lexicon)
    if planned is not None:  # "our fighters would open corridors as soon as the truce took effect"
        return "support", planned.text, True, "support_agree"
    demanded = (_demands_of_truce(doc, lexicon, evaluation) or _requires_first(doc, load_frames(), lexicon)
                or _not_negotiable(doc) or _first_then(doc, lexicon) or _without_what_was_named(doc)
                or _demands_first(doc, load_frames(), lexicon))
    if demanded is not None:  # "any new truce would have to include monitors": what it must hold first
        return "conditional", demanded.text, True, "conditional"
    valued = _values(doc, evaluation, lexicon)
    if valued is not None:  # "the truce is a good start", "we want it to work": a welcome without a cue verb
        return "support", valued.text, valued.dep_ == "ROOT" or valued.head.dep_ == "ROOT", "support_agree"
    committed = _commits(doc, lexicon)
    if committed is not None:  # "the army would halt military activity", "it would extend its ceasefire"
        return "support", committed, True, "support_agree"
    restraint = _promises_restraint(doc, load_frames(), direct)
    if restraint is not None:  # "our units will stay in their barracks", "we will not advance": its own truce kept
        return "support", restraint.text, True, "support_agree"
    m = first("support_declare", outside_modifiers=True)  # "the group, which declared its own pause, said ..."
    if m and _said_of_topic(doc, m.start(), lexicon):
        m = None  # "the first pause was declared after the earthquake": a fact about the truce, nobody declares
    if m and not _others_act(doc, m.start(), direct):  # "they declared a truce and shelled ...": an accusation
        return "support", m.group(0), main_verb(m), "declare"
    wish = _wishes_it_lasts(doc, lexicon)
    if wish is not None:  # "may it last a year", "let it hold through the winter": the mood wishes it, a welcome
        return "support", wish.text, False, "support_appeal"  # (before the compliance words: "hold" is one)
    merited = _deserves(doc, load_frames(), lexicon)
    if merited is not None:  # "it deserves the chance to hold": valued (before the compliance words: "hold")
        return "support", merited.text, False, "support_agree"
    m = first("compliance")
    if m:
        if (_reports_past(doc, m.start()) or _jointly(doc, m.start()) or _reports_conduct(doc, m.start())
                or _others_act(doc, m.start(), direct)):  # "they tell the envoy they respect it": theirs, not ours
            return "neutral", m.group(0), main_verb(m), None  # "our forces have respected the truce": a claim
        return "support", m.group(0), main_verb(m), "support_agree"  # "we will respect it": a commitment
    m = first("support")
    if m and (_describes_topic(doc, m.start(), lexicon) or _said_of_topic(doc, m.start(), lexicon)):
        m = None  # "a truce agreed in March collapsed": the verb tells which truce, nobody agrees here
    if m and _demand_of_other(doc, m, lexicon):
        # "the withdrawal of foreign troops must begin before the next round": a condition set for the truce
        return "conditional", m.group(0), main_verb(m), "conditional"
    if m and (_others_act(doc, m.start(), direct) or _mediator_acts(doc, m.start(), lexicon)):
        # "both parties have committed to silence the guns", a quoted "they agreed": the speaker reports what
        # others did or accepted (a mediator's announcement), not a position of their own
        return "neutral", m.group(0), main_verb(m), None
    if m:
        key = "support_agree"
        for candidate in ("support_demand", "support_appeal"):
            if any(p.search(sentence) for p in lexicon.cameo_patterns.get(candidate, ())):
                key = candidate
                break
        return "support", m.group(0), main_verb(m), key
    judged = _judges_by_deeds(doc, load_frames())
    if judged is not None:  # "asked about the announcement, said it would judge them by deeds, not words": doubt
        return "oppose", judged.text, False, "oppose"
    wished = _wishes_for_it(doc, load_frames(), lexicon, direct)
    if wished is not None:  # "she hoped the truce would hold": the wish governs the durability verb, which alone
        return "support", wished.text, False, "support_agree"  # would be a neutral report that it holds (a welcome,
        # as _values reads the first person's "I hope it holds")
    recurred = _returns_after_truce(doc, lexicon)
    if recurred is not None:  # "we had a ceasefire in July too, and in December we were running again": the record
        return "oppose", recurred.text, False, "oppose"  # (before the announcements: "the shooting starts again")
    m = first("neutral_announce")
    if m:
        declared = re.search(r"announc|effect|force", m.group(0), re.IGNORECASE)  # the truce itself comes into being
        return "neutral", m.group(0), main_verb(m), "declare" if declared else None
    return _unmarked(doc, lexicon, direct)


def _unmarked(doc, lexicon: Lexicon, direct: bool) -> tuple[str, str | None, bool, str | None]:
    """A sentence no cue word marks: the frames of general English that still carry a position. The cue is not
    reported as on the main verb, so these readings give a stance to a statement and never make one."""
    frames = load_frames()
    doubted = (_imputes_bad_faith(doc, frames) or _decays(doc, frames, lexicon) or _fights_on(doc, frames)
               or _withholds_belief(doc, frames, lexicon) or _failed_before(doc, frames, lexicon, direct)
               or _heard_before(doc, frames) or _gives_it_until(doc, frames, lexicon) or _urges_an_end(doc, lexicon)
               or _denies_its_own_name(doc))
    if doubted is not None:  # "we will not be fooled again", "the truce is eroding": doubt
        return "oppose", doubted.text, False, "oppose"
    benefit = _does_good(doc, frames, lexicon, direct)
    if benefit is not None:  # "the ceasefire has cut clashes by four-fifths": its effects valued
        return "support", benefit.text, False, "support_agree"
    # (a party's wish for it, "it hoped to build on it", is read before the neutral announcements, in _cue_stance:
    # that is the only caller, so it is not read again here)
    called = (_calls_for_silence(doc, frames) or _keeps_its_word(doc, frames, lexicon, direct)
              or _urges(doc, frames, lexicon) or _appeals_to_others(doc, frames))
    if called is not None:  # "the guns must go silent": a call for the fighting to stop
        return "support", called.text, False, "support_appeal"
    label = _evaluative_label(doc, lexicon)
    if label is not None:  # "the ceasefire is dead", "deserve credit for keeping the truce": the label's tone
        token, score = label
        return ("support", token.text, False, "support_agree") if score > 0 else ("oppose", token.text, False, "oppose")
    return "neutral", None, False, None


# verbs that give their object a label ("called the truce a success", "hailed it as a breakthrough")
_LABELLING = frozenset({"call", "describe", "label", "brand", "term", "dub", "dismiss", "hail", "praise", "denounce",
                        "condemn", "characterise", "characterize", "see", "regard", "view", "consider", "deem"})
# the words of a label that carry its tone: the head and what grades it, not the phrases it governs (war words in
# "a pause in the killing" are the war's, not the speaker's verdict)
_GRADING = frozenset({"amod", "advmod", "compound", "acomp", "npadvmod"})
_MIN_VALENCE = 1.0  # one clearly valenced word ("a success", "dead"); weaker ones ("important") decide nothing


@lru_cache(maxsize=1)
def load_valence() -> dict[str, float]:
    """Word -> valence from pipeline/nlp/data/valence.tsv (general English ratings; the file says its source)."""
    raw = resources.files("pipeline.nlp").joinpath("data", "valence.tsv").read_text(encoding="utf-8")
    table = {}
    for line in raw.splitlines():
        word, _, value = line.partition("\t")
        if word and not word.startswith("#") and value:
            table[word] = float(value)
    return table


def _label_subject(token, topic: set[int]):
    """What ``token`` labels, when it is a label given the truce: the attribute of a copula ("the truce is dead"),
    the label of a verb of labelling ("called the ceasefire a success", "hailed the truce as a breakthrough"), an
    apposition, or a word of praise or blame that gives the truce as its reason ("deserve credit for keeping the
    ceasefire"). None otherwise. Only the truce named: a pronoun or "the deal" is too often something else."""
    head = token.head
    if token.dep_ in ("attr", "acomp") and head.lemma_ == "be":
        if any(c.dep_ in ("ccomp", "xcomp") for c in head.children):
            return None  # "it is important to keep the truce": extraposed, the label is the clause's
        return next((c for h in [head, *(a for a in head.children if a.dep_ == "aux")]
                     for c in h.children if c.dep_ == "nsubj"), None)
    if token.dep_ == "oprd" and head.lemma_.lower() in _LABELLING:
        return next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if token.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in _LABELLING:
        return next((c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if token.dep_ == "appos":
        return head
    if token.pos_ in ("NOUN", "VERB"):  # "credit for keeping it": the prepositional phrase may hang on the verb
        holders = [token, head] if token.dep_ == "dobj" else [token]
        reasons = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "for"]
        return next((t for c in reasons for t in c.subtree if t.i in topic), None)
    return None


def _evaluative_label(doc, lexicon: Lexicon):
    """(token, valence) of the label the speaker gives the truce, scored by the valence lexicon on the label's
    own words (never the whole sentence, where war words are negative in every sentence); None when no label is
    given, it is negated, in a condition or a side clause, or its words carry no clear valence."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    if not topic:
        return None
    valence = load_valence()
    for token in doc:
        if token.i in topic:
            continue
        subject = _label_subject(token, topic)
        if subject is None or subject.i not in topic:
            continue
        if _negated(token) or any(c.dep_ == "neg" for c in token.head.children):
            continue  # "the truce is not a failure": no verdict
        if _in_condition(doc, token.idx) or _in_modifier_clause(doc, token.idx):
            continue
        words = [token, *(c for c in token.children if c.dep_ in _GRADING)]
        if any(t.dep_ == "neg" or t.lower_ in _NEGATORS for t in words):
            continue
        score = sum(valence.get(t.lower_, valence.get(t.lemma_.lower(), 0.0)) for t in words if t.i not in topic)
        if abs(score) >= _MIN_VALENCE:
            return token, score
    return None


_MODIFIER_CLAUSES = frozenset({"relcl", "acl"})


_NEGATORS = frozenset({"not", "n't", "never", "no", "cannot"})


_HALTS = frozenset({"stop", "halt"})


_PREVENTING = frozenset({"prevent", "avoid"})


# what a halt suspends: the fighting itself ("suspend operations", "call off the offensive")
_FIGHTING = frozenset({"operation", "attack", "strike", "offensive", "hostility", "fighting", "bombing", "shelling",
                       "raid", "action", "airstrike", "assault", "campaign"})


_PERMITTING = frozenset({"allow", "let", "permit", "tolerate"})


def _harms(verb, lexicon: Lexicon) -> bool:
    """The verb is an oppose or violation cue on its own ("derail", "undermine", "break")."""
    return any(p.fullmatch(verb.text) for g in ("oppose", "violation") for p in lexicon.stance.get(g, ()))


_CARRIERS = frozenset({"it", "this", "that", "them"})


def _in_name(doc, start: int, end: int) -> bool:
    """The cue lies inside a longer proper name ("Inter-Services Public Relations", "the UN Support Mission"):
    capitalised proper nouns with a capitalised word next to them (the parse may run without the recogniser)."""
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens or not all(t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper() for t in tokens):
        return False
    near = [doc[i] for i in (tokens[0].i - 1, tokens[-1].i + 1) if 0 <= i < len(doc)]
    return any(t.text[:1].isupper() and t.is_alpha and not t.is_sent_start for t in near)


def _not_opposed(doc, match, lexicon: Lexicon) -> bool:
    """An oppose cue that takes no position against the truce: an act on something else (``_leaves_other``),
    a past halt denied ("did not stop shelling for an hour": an accusation or a fact, not a refusal) or a word in
    the scope of a negation or a prevention ("would not allow provocations to derail it", "has not rejected it")."""
    token = _token_at(doc, match.start())
    if token is None:
        return False
    negator = next((t for t in doc if match.start() <= t.idx < match.end() and t.dep_ == "neg"), None)
    if negator is not None and token.i <= negator.i:  # "would not allow", "not accept"
        token = negator
    if token.lower_ in _NEGATORS:
        head = token.head
        if token.dep_ != "neg":
            return False
        # "will not allow provocations to derail it": refusing to let the truce be harmed defends it
        return _past_halt(head) or head.lemma_.lower() in _PERMITTING and any(
            c.dep_ in ("xcomp", "ccomp") and _harms(c, lexicon) for c in head.children)
    if any(p.fullmatch(token.lemma_.lower()) for p in lexicon.stance.get("acts_on_truce", ())):
        return _leaves_other(doc, token, match, lexicon)
    return _in_negated_scope(token)


def _approves_other(doc, char: int, lexicon: Lexicon) -> bool:
    """An approval verb ([stance].approvals) whose object and phrases hold no truce, arrangement or mediation."""
    verb = _token_at(doc, char)
    if verb is None or not any(p.fullmatch(verb.lemma_.lower()) for p in lexicon.stance.get("approvals", ())):
        return False
    if any(c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in verb.children):
        return True  # "will defend themselves under the truce": self-defence, no approval of the truce
    approved = [c for c in verb.children if c.dep_ in ("dobj", "prep", "ccomp", "xcomp", "advcl")]
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for phrase in approved:
        tokens = list(phrase.subtree)
        text = doc[tokens[0].i : tokens[-1].i + 1].text
        if any(t.i in topic or t.lower_ in _ARRANGEMENTS or t.lower_ in _CARRIERS for t in tokens) or any(
                p.search(text) for p in lexicon.weak_terms):
            return False
    return True


_TIME_OF = frozenset({"on", "during", "since", "after", "within", "in", "throughout", "despite", "hours", "day"})


def _attacked_during(doc, lexicon: Lexicon):
    """An attack told as done or going on while the truce stood: a verb of attack (the lexicon's [verbs].attack),
    past or progressive, not negated, with the truce in one of its phrases of time ("were bombing villages on the
    first day of the ceasefire", "shelled the town hours after the truce began"). An accusation of violation:
    neutral by the guidelines, whatever irony comes with it."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    if not topic:
        return None
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.attack_lemmas:
            continue
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        told = verb.tag_ == "VBD" or verb.tag_ == "VBN" and aux & {"has", "have", "had"} or (
            verb.tag_ == "VBG" and aux & {"was", "were", "is", "are", "has", "have", "had", "been"})
        if not told or any(c.dep_ == "neg" for c in verb.children) or aux & {"will", "would", "could", "might"}:
            continue
        for phrase in verb.children:
            timed = phrase.dep_ == "prep" and phrase.lower_ in _TIME_OF or phrase.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in ("after", "since", "while", "when", "as") for c in phrase.children)
            if timed and any(t.i in topic for t in phrase.subtree):
                return verb
    return None


def _past_halt(verb) -> bool:
    """"did not stop", "never halted": a halt verb told in the past, no modal."""
    if verb.lemma_.lower() not in _HALTS:
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in aux):
        return False
    return verb.tag_ == "VBD" or any(c.lower_ in ("did", "has", "have", "had") for c in aux)


def _leaves_other(doc, verb, match, lexicon: Lexicon) -> bool:
    """A verb (or noun) of leaving, ending or criticising ([stance].acts_on_truce) whose object is not the truce:
    "withdraw from the occupied towns", "the dialogue remained suspended", "criticised the shelling", or the halt
    that is the truce itself ("will suspend offensive actions", unless refused: "will not be suspended")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in verb.children if c.dep_ in ("prep", "prt") for g in c.children if g.dep_ in ("pobj", "prep")]
    objects += [g for o in list(objects) if o.dep_ == "prep" for g in o.children if g.dep_ == "pobj"]
    if verb.dep_ == "amod":
        objects.append(verb.head)  # "the suspended talks"
    spans = [m.span() for p in lexicon.terms for m in p.finditer(text_of(doc))]
    if any(s <= match.start() < e for s, e in spans) or any(o.lemma_.lower() in _FIGHTING for o in objects):
        # a halt of the fighting is the truce: suspended, no refusal; refused ("operations will not be
        # suspended"), a refusal
        return not any(c.dep_ == "neg" for c in verb.children)
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    acts = load_frames().truce_acts  # "mocked the announcement": the truce by the act that made it
    for obj in objects:
        if obj.dep_ == "prep":
            continue
        if any(t.i in topic or t.lower_ in _ARRANGEMENTS for t in obj.subtree) or obj.lower_ in _CARRIERS \
                or obj.lemma_.lower() in acts:
            return False
    return True


def _in_negated_scope(token) -> bool:
    """A verb negated ("has not rejected the plan") or the complement of a negated or preventing verb ("will not
    allow anyone to derail it", "to prevent provocations from undermining the truce")."""
    if token.pos_ != "VERB":
        return False
    if any(c.dep_ == "neg" for c in token.children):
        return True
    node = token
    for _ in range(2):
        if node.dep_ not in ("xcomp", "ccomp", "pcomp") or node.head.i == node.i:
            return False
        node = node.head
        if node.dep_ == "prep":
            continue
        if any(c.dep_ == "neg" for c in node.children) or node.lemma_.lower() in _PREVENTING:
            return True
    return False


# participles that, after "be", state the subject's own resolve ("were committed to", "are prepared to"): no passive
_STATE_PARTICIPLES = frozenset({"commit", "dedicate", "devote", "determine", "prepare", "resolve", "pledge"})


def _actorless_passive(doc, char: int) -> bool:
    """The cue is a past passive without its "by" ("it was agreed in May", "what had been agreed", "the plan was
    approved on second reading"): it tells what was done, and names nobody whose position it is. A present
    passive ("is agreed") or a modal ("must be agreed") can still be the speaker's own, and an actor ("was
    agreed by the army") is left to the other rules."""
    token = _token_at(doc, char)
    if token is None or token.tag_ not in ("VBN", "VBD") or token.lemma_.lower() in _STATE_PARTICIPLES:
        return False
    children = list(token.children)
    if any(c.dep_ in ("agent", "nsubj") or c.tag_ == "MD" for c in children) or not any(c.dep_ == "auxpass" for c in children):
        return False
    return any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in children)


_DECLARE_LEMMAS = frozenset({"declare", "announce", "unveil", "proclaim", "order"})


_GOVERNED = frozenset({"dobj", "pobj", "prep", "xcomp", "attr", "nsubj", "acomp", "pcomp", "compound"})


_POSITION_GROUPS = frozenset({"support", "support_declare", "compliance"})


_AGENT_NOUN = re.compile(r"(?:er|or)s?$", re.IGNORECASE)


def _not_a_position(doc, char: int) -> bool:
    """The cue word takes no position of anyone's: an agent noun that names people ("observers", "backers"), a
    hyphenated modifier ("Turkish-backed factions", "a US-brokered truce") or a clause of manner ("pulling back,
    as agreed": it says the act follows the deal, a claim of compliance)."""
    token = _token_at(doc, char)
    if token is None:
        return False
    if token.pos_ in ("NOUN", "PROPN") and _AGENT_NOUN.search(token.text):
        return True
    if token.i > 0 and doc[token.i - 1].tag_ == "HYPH" and token.dep_ in ("amod", "compound"):
        return True
    if token.dep_ == "pcomp" and token.head.lower_ in _TIME_PREPOSITIONS:
        return True  # "air strikes since announcing the truce": the declaration dates another story
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in token.children):
        return True  # "the meeting was held a day after Kyiv proposed a truce": it dates the meeting
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)


_PLEDGE_LEMMAS = frozenset({"declare", "announce", "proclaim", "agree", "sign", "promise", "pledge", "offer"})


def _declared_then_attacked(doc, lexicon: Lexicon) -> str | None:
    """A truce declared or signed by someone who then attacked, in one coordinated sentence ("they declare truces
    in the evening and shell the camp in the morning", "the militia announced a truce and attacked the town"): an
    accusation of violation (neutral), not anyone's own declaration. The attack is a conjoined verb of attack (the
    lexicon's [verbs].attack): "agreed to a truce and withdrew its fighters" is compliance, not an accusation."""
    for verb in doc:
        if verb.lemma_.lower() not in _PLEDGE_LEMMAS or verb.pos_ != "VERB":
            continue
        if not any(c.dep_ == "nsubj" for c in verb.children):
            continue  # "Sign the deal and stop the war": an appeal
        # the small model sometimes hangs the second verb on the first one's object ("declares truces ... and shells")
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for other in [c for t in [verb, *objects] for c in t.children]:
            if other.dep_ != "conj" or not other.tag_.startswith("VB"):
                continue
            if other.lemma_.lower() in lexicon.attack_lemmas:
                return f"{verb.text} ... {other.text}"
    return None


def _denies_accusation(doc, char: int, lexicon: Lexicon) -> bool:
    """The refusal at ``char`` is of a charge ("Kyiv dismissed the claims", "rejected the accusations", "rejected
    that account", stance_frames [denial]): by the guidelines a denial of violating the truce is a claim of
    compliance, not a refusal of the truce."""
    frames = load_frames()
    token = _token_at(doc, char)
    if token is None or token.lemma_.lower() not in frames.denying:
        return False
    return any(not _proposes(c, doc, lexicon, frames) for c in _charges_of(token, frames))


def _charges_of(verb, frames: Frames) -> list:
    """The charges the denying ``verb`` has for object: a charge noun ("rejected the accusations"), or the one a
    "what ... called" clause names ("rejected what she called the recycled accusations": the speaker's own name
    for what is denied)."""
    charges = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in frames.charges]
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.lemma_.lower() in _NAMING \
                and any(c.dep_ == "dobj" and c.tag_ == "WP" for c in clause.children):
            charges += [c for c in clause.children if c.dep_ in ("oprd", "dobj") and c.lemma_.lower() in frames.charges]
    return charges


def _denied_charges(doc, denials) -> set[int]:
    """The token indices of the charges the ``denials`` deny ("the claims that the truce was a sham"): what the
    speaker rejects, not what the speaker says."""
    frames = load_frames()
    denied: set[int] = set()
    for m in denials:
        verb = _token_at(doc, m.start())
        if verb is None:
            continue
        denied.update(t.i for c in _charges_of(verb, frames) for t in c.subtree)
    return denied


def _doubt_beside_denial(doc, denials, evaluation: Evaluation, lexicon: Lexicon, direct: bool):
    """A doubt of the truce that the sentence voices beside its denial of a charge ("we reject these allegations;
    this ceasefire is a farce", "reject that description, calling the truce a charade"), or None: the readers of
    doubt that the denial would otherwise hide, kept only when their word lies outside the charge denied ("rejected
    claims that the truce was a sham" denies the doubt, it does not voice it)."""
    frames = load_frames()
    denied = _denied_charges(doc, denials)
    for reader in (lambda: _dismisses(doc, evaluation, lexicon), lambda: _imputes_bad_faith(doc, frames),
                   lambda: _decays(doc, frames, lexicon), lambda: _fights_on(doc, frames),
                   lambda: _withholds_belief(doc, frames, lexicon),
                   lambda: _failed_before(doc, frames, lexicon, direct), lambda: _heard_before(doc, frames),
                   lambda: _gives_it_until(doc, frames, lexicon)):
        found = reader()
        if found is not None and found.i not in denied and not _labels_a_pronoun(found):
            return found
    return None


def _labels_a_pronoun(label) -> bool:
    """Whether the doubt word ``label`` is said of a pronoun ("calling them a farce", "they are a farce"): beside
    a denial the pronoun stands for the charge denied, so the label scorns the charge, not the truce (a claim of
    compliance); "calling the truce a charade", "this ceasefire is a farce" name the truce and keep the doubt."""
    if label.dep_ in ("attr", "acomp"):
        said_of = [c for c in label.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif label.dep_ == "oprd":
        said_of = [c for c in label.head.children if c.dep_ == "dobj"]
    else:
        return False
    return bool(said_of) and said_of[0].pos_ == "PRON"


def _proposes(charge, doc, lexicon: Lexicon, frames: Frames) -> bool:
    """Whether the clause on the charge noun ``charge`` ("any suggestion that the ceasefire be extended") puts the
    truce (its subject or object) or its extension forward: a proposal refused, not a charge denied, unless it names a violation ("claims
    that its troops broke the ceasefire")."""
    clause = [t for c in charge.children if c.dep_ in ("acl", "ccomp", "relcl") for t in c.subtree]
    if not clause:
        return False
    lemmas = {t.lemma_.lower() for t in clause}
    if lemmas & (frames.phasal_breaking | frames.leaving):
        return False
    topic = set(_topic_tokens(doc, lexicon))
    # the truce the clause's own subject or object ("that a truce be agreed"), not a date ("during the ceasefire")
    return bool(lemmas & frames.prolonging) or any(t in topic and t.dep_ in ("nsubj", "nsubjpass", "dobj")
                                                   for t in clause)


_REFLEXIVE = frozenset({"ourselves", "itself", "themselves", "myself", "himself", "herself"})


def _binds_parties(doc, char: int) -> bool:
    """"commit" at ``char`` whose subject is the text, not a party: transitive with the parties for object ("it
    committed all sides to freeze their positions"), or a participle on a noun ("a declaration committing to a
    truce"). Terms and mechanics; "we commit ourselves to it" and "committed to the truce" stay a commitment."""
    token = _token_at(doc, char)
    if token is None or token.lemma_.lower() != "commit":
        return False
    if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ == "NOUN":
        return True
    return any(c.dep_ == "dobj" and c.lower_ not in _REFLEXIVE for c in token.children)


def _named_other_refuses(doc, char: int) -> bool:
    """Whether the word at ``char`` is in a relative clause on a noun that tells a named other party's
    refusal of it ("a move the government dismissed as a ploy", "conditions that Kyiv has rejected many times", "a
    proposal Moscow and Kyiv have both rejected"): a verb of refusing (stance_frames [refusal] refusing), its
    subject a noun or a name, neither negated nor under a modal. The clause reports that party's position on the
    noun, not the speaker's in this sentence. A pronoun subject ("a truce we reject") may be the speaker's own, and
    a forecast ("a truce the other side cannot accept", "a pause the regime will use to rearm") is the speaker's
    judgement: both are left to the other rules."""
    token, steps = _token_at(doc, char), 0
    while token is not None and token.dep_ not in ("relcl", "ROOT") and steps < 4:
        token, steps = token.head, steps + 1  # "dismissed as a ploy": the refusal's own words are in its clause
    if token is None or token.dep_ != "relcl" or token.lemma_.lower() not in load_frames().refusing:
        return False
    children = list(token.children)
    if any(c.dep_ == "neg" or c.tag_ == "MD" for c in children):
        return False
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ in ("NOUN", "PROPN")


def _disowns_a_line(doc, char: int) -> bool:
    """The word at ``char`` is the "so" of a "so-called" whose noun is a line of the map ("the so-called yellow
    line", stance_frames [irony] lines): the irony disowns the line's name, which the terms drew; it doubts no
    truce."""
    token = _token_at(doc, char)
    if token is None or token.lower_ != "so" or token.head.lower_ != "called":
        return False
    noun = token.head.head
    return noun.i != token.head.i and noun.lemma_.lower() in load_frames().lines


def _so_called_name(doc, char: int) -> bool:
    """The word at ``char`` is the "so" of a "so-called" that introduces a proper name ("the so-called Quad proposal",
    "the so-called Astana Format"): the phrase presents a name the reader may not know, it disowns no truce ("this
    so-called ceasefire", "the so-called 'humanitarian pause'" keep their doubt)."""
    token = _token_at(doc, char)
    if token is None or token.lower_ != "so" or token.head.lower_ != "called" or token.head.i + 1 >= len(doc):
        return False
    name = doc[token.head.i + 1]
    return name.pos_ == "PROPN" and name.is_title


def _in_modifier_clause(doc, char: int) -> bool:
    """Whether the word at ``char`` sits in a clause that modifies a noun ("any action that could jeopardise the
    truce"): a stance word there describes the noun, not the speaker's position."""
    token = _token_at(doc, char)
    steps = 0
    while token is not None and token.dep_ != "ROOT" and steps < 30:
        if _misparsed_main_verb(token):
            return False  # the main line of the sentence
        if token.dep_ in _MODIFIER_CLAUSES:
            return not _text_says(token)
        token, steps = token.head, steps + 1
    return False


# Nouns for a text that speaks for its author: a participle hung on one gives the text's words ("issued a statement
# rejecting the truce"), as a verb of saying would.
_TEXTS = frozenset({"statement", "communique", "communiqué", "commentary", "editorial", "letter", "message", "video",
                    "post", "declaration", "speech", "address", "broadcast", "column", "op-ed", "note", "release"})


def _text_says(clause) -> bool:
    """A participial clause on a text's noun ("a commentary calling the pause a trick", "a statement welcoming
    it"): the text's content, so the author's position, not a description of the noun (a relative clause, "the
    statement that was read", or a clause on any other noun, "an action jeopardising the truce", still is)."""
    return clause.dep_ == "acl" and clause.tag_ == "VBG" and clause.head.lemma_.lower() in _TEXTS


def _misparsed_main_verb(token) -> bool:
    """A reporting verb the small model hangs on a sentence-initial subject as a clause ("Myanmar's military,
    known as the Tatmadaw, announced that it would ..."): the root is that noun (or a name in its apposition), and
    the "clause" has a clause of its own to report. It is the main verb (``_subject`` makes the same repair for the speaker)."""
    if token.dep_ != "acl":
        return False
    root = token.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i >= token.i:
        return False
    if any(c.dep_ == "ccomp" for c in token.children):
        return True
    # "Archbishop X, who chairs ..., unveiled on Tuesday a plan ...": a name for the root, a finite verb after a
    # comma with an object of its own
    after_comma = token.i > 0 and token.doc[token.i - 1].text == ","
    return (root.pos_ == "PROPN" and token.tag_ in ("VBD", "VBN") and after_comma
            and any(c.dep_ == "dobj" for c in token.children))


def _names_a_thing(doc, char: int) -> bool:
    """The cue word is a noun that the sentence talks about ("the offer was made", "previous appeals went
    unanswered", "did not respond to the offer"), not one its subject makes ("reaffirms its commitment")."""
    token = _token_at(doc, char)
    if token is None or token.dep_ == "dobj":
        return False
    # a subject or an object of a preposition is a noun whatever the tagger says ("The ceasefire offer was made")
    return token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("nsubj", "nsubjpass", "pobj")


_TRADING = frozenset({"exchange", "return"})
# arrangements that are still proposed: what they trade is asked for ("the offer proposed a pause in exchange for ...")
_PROPOSALS = frozenset({"offer", "offers", "proposal", "proposals", "plan", "initiative", "talks", "negotiations"})


def _traded_in_terms(doc, char: int, lexicon: Lexicon) -> bool:
    """The "in exchange for" / "in return for" at ``char`` tells what the truce trades, its terms, not a condition
    a speaker sets: the act it hangs on is said of the arrangement ("the understanding committed them to stop in
    exchange for ...", "the truce ended the strikes in exchange for ...") or sits in a clause on a noun ("a truce
    under which the fighters will stop attacking in exchange for ...", "an arrangement that would halt the strikes
    in exchange for ..."). An offer or a proposal trading it still asks ("the offer proposed a pause in exchange for
    a withdrawal"), and a party's own trade is its condition ("we would accept a truce in return for ...")."""
    token = _token_at(doc, char)
    if token is None or token.lower_ != "in" or not any(c.lower_ in _TRADING and c.dep_ == "pobj"
                                                        for c in token.children):
        return False
    if _in_modifier_clause(doc, token.idx):
        return True
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    node, steps = token.head, 0
    while steps < 5:
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject.lower_ not in _PROPOSALS and (subject.i in topic or subject.lower_ in _ARRANGEMENTS)
        if node.head.i == node.i:
            return False
        node, steps = node.head, steps + 1
    return False


def _names_a_group(doc, char: int) -> bool:
    """The cue at ``char`` (with the words of its own phrase, "self-defence") modifies a noun after it, which it
    names ("the local self-defence militia", "the Self-Defence Council"): no keeping of the truce is told."""
    token = _token_at(doc, char)
    while token is not None and token.dep_ in ("compound", "punct") and token.head.i > token.i:
        token = token.head
    return (token is not None and token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i
            and token.head.pos_ in ("NOUN", "PROPN"))


def _said_of_topic(doc, char: int, lexicon: Lexicon) -> bool:
    """The verb at ``char`` has the truce (or the arrangement) for its subject: "A ceasefire agreed at talks in
    Jeddah collapsed" (a participle the small model reads as the main verb), "the pause was declared in March"
    (a passive without its actor). A truce does not agree or declare: the sentence tells a fact about it."""
    token = _token_at(doc, char)
    if token is None or token.lemma_.lower() == "remain":
        return False  # "the offer remains on the table": it stands, its owner's position
    topic = set(t.i for t in _topic_tokens(doc, lexicon))
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or any(c.dep_ == "agent" for c in token.children):
        return False
    return subject.i in topic or subject.lower_ in _ARRANGEMENTS


def _describes_topic(doc, char: int, lexicon: Lexicon) -> bool:
    """The word at ``char`` is a participle or relative clause on the truce itself ("a truce agreed in March")."""
    token = _token_at(doc, char)
    if token is None or token.dep_ not in _MODIFIER_CLAUSES and not (token.dep_ == "amod" and token.tag_ == "VBN"):
        return False  # (a participle before the noun too: "the proposed truce")
    head = token.head.head if token.head.dep_ == "appos" else token.head  # "the truce, the longest ever agreed"
    return head in _topic_tokens(doc, lexicon)


_CONDITION_MARKS = frozenset({"if", "unless", "provided", "until", "once"})


def _in_condition(doc, char: int) -> bool:
    """Whether the word at ``char`` sits in a conditional clause ("if they withdraw from the roads")."""
    token, steps = _token_at(doc, char), 0
    while token is not None and token.dep_ != "ROOT" and steps < 30:
        marks = [c.lower_ for c in token.children if c.dep_ == "mark"]
        if token.dep_ == "advcl" and set(marks) & _CONDITION_MARKS and "as" not in marks and not _conceded(token):
            return True  # not "as if" (a manner) nor "even if" (a concession)
        token, steps = token.head, steps + 1
    return False


_MOMENTS = frozenset({"moment", "minute", "instant", "second"})


def _moment_clause(doc):
    """A clause on "the moment/minute" that a future verb takes as its time ("will end the moment they use it to
    regroup", "we will fire the minute they cross"): a condition. Returns the noun."""
    for token in doc:
        if token.lemma_.lower() not in _MOMENTS or token.dep_ not in ("dobj", "npadvmod", "advmod"):
            continue
        if not any(c.dep_ == "relcl" for c in token.children):
            continue
        verb = token.head
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children):
            return token
    return None


def _in_moment_clause(doc, char: int) -> bool:
    token, steps = _token_at(doc, char), 0
    while token is not None and token.head.i != token.i and steps < 6:
        moment = _moment_clause(doc)
        if token.dep_ == "relcl" and moment is not None and token.head.i == moment.i:
            return True
        token, steps = token.head, steps + 1
    return False


_APPEALING = frozenset({"call", "urge", "appeal", "ask", "press", "push", "implore", "encourage", "invite"})


def _appeal_on_main_line(doc):
    """The sentence's main line is an appeal to others ("we call on the guarantors to ...", "she urged both parties
    to ...", "the council calls upon the mediators to ..."): a verb of appealing on the main line (the root, a
    clause a reporting root carries, or a conjunct of one) with a clause of what it asks, not negated. Returns the
    verb. Words of breaking the truce in such a sentence are what is asked or why, not the speaker's accusation:
    the appeal decides. (Words of keeping it were measured too: the rules gained nothing there and the learned
    model lost, its cue tokens changed on rows the rules already read as support.)"""
    for verb in doc:
        if verb.lemma_.lower() not in _APPEALING or verb.pos_ != "VERB" or not _main_line(verb):
            continue
        children = list(verb.children)
        if any(c.dep_ == "neg" for c in children) or not any(c.dep_ in ("xcomp", "ccomp") for c in children):
            continue
        if verb.lemma_.lower() == "call" and not any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for")
                                                      for c in children):
            continue  # "called it a sham", "called the talks to order": no appeal
        return verb
    return None


def _in_appeal(doc, char: int) -> bool:
    """The word at ``char`` sits in what an appeal asks of others ("we call on the world to guarantee the truce")."""
    token, steps = _token_at(doc, char), 0
    while token is not None and token.head.i != token.i and steps < 4:
        if token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in _APPEALING:
            return True
        token, steps = token.head, steps + 1
    return False


def _past_narrative(doc, char: int) -> bool:
    """A clause mark ("if", "while") whose clause is told in the past and whose main line has no modal: "if anyone
    opened fire, it was not us", "troops were to withdraw while the militia pulled back". A condition sets what
    will happen ("we would answer if they were attacked")."""
    mark = _token_at(doc, char)
    if mark is None or mark.dep_ != "mark" or mark.head.dep_ != "advcl":
        return False
    clause = mark.head
    if not (clause.tag_ == "VBD" or any(c.tag_ == "VBD" for c in clause.children if c.dep_ in ("aux", "auxpass"))):
        return False
    node, steps = clause.head, 0
    while steps < 6:
        if any(c.tag_ == "MD" for c in node.children if c.dep_ in ("aux", "auxpass")) or node.tag_ in ("VB", "VBP", "VBZ") and node.dep_ == "ROOT":
            return False
        if node.head.i == node.i:
            return True
        if node.dep_ in ("ccomp", "acl") and node.i > node.head.i:
            return False  # "said (in a statement) the army was ready to pause if the militias withdrew": indirect speech
            # shifts the tense back
        node, steps = node.head, steps + 1
    return False


def _temporal(doc, char: int) -> bool:
    """"until" as a preposition with a time for its object ("until the end of the month", "until further
    notice") is a schedule; as a conjunction ("until they withdraw") it is a condition. "the day/moment ..."
    governed by "since" or "on" dates what was done ("kept to it since the day it was signed")."""
    token = _token_at(doc, char)
    if token is not None and token.lower_ == "the" and token.head.dep_ == "pobj":
        return token.head.head.lower_ in _DATING
    return (token is not None and token.lower_ in ("until", "till") and token.dep_ == "prep"
            and any(c.dep_ == "pobj" for c in token.children))


# prepositions that date an event by a moment ("since the day ...", "on the day ..."): a time, never a condition
_DATING = frozenset({"since", "on"})


def _reports_past(doc, char: int) -> bool:
    """The verb at ``char`` tells what was done or is being done (past tense, perfect or progressive, no modal):
    "observed", "have kept", "are respecting"; a cue that is a noun is told by the verb its phrase hangs on
    ("troops had acted in self-defence")."""
    token, steps = _token_at(doc, char), 0
    while token is not None and not token.tag_.startswith("VB") and steps < 4 and (
            token.dep_ in ("compound", "punct") or token.dep_ == "pobj" and token.head.lower_ == "in"
            or token.dep_ == "prep" and token.lower_ == "in"):
        token, steps = token.head, steps + 1  # ("out of respect for the elders" tells why, not how it was kept)
    if token is None or not token.tag_.startswith("VB"):
        return False
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "shall", "must", "to", "can", "could", "should"}:
        return False
    if token.tag_ == "VBG" and aux & {"is", "are", "am", "'re", "was", "were"}:
        return True  # "our troops are respecting the ceasefire": a claim about now, not a promise
    # the past passive tells it too: "the previous commitments were not honoured", "the truce was respected"
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(aux & {"have", "has", "had", "'ve", "was", "were"}))


# adverbs that grade how well an arrangement is kept: they describe conduct ("strictly observes"), a promise needs
# a modal or a commitment verb ("will strictly observe", "agreed to strictly observe")
_DEGREE_OF_KEEPING = frozenset({"strictly", "fully", "scrupulously", "faithfully", "rigorously", "meticulously"})
# aspectual verbs that say the keeping goes on ("continue to adhere"): a report of what is being done
_ONGOING = frozenset({"continue", "keep", "go"})


def _reports_conduct(doc, char: int) -> bool:
    """The keeping verb at ``char`` is in the present with no modal and says how it is being kept, graded
    ("the army strictly observes the truce") or ongoing ("our units continue to adhere to it", "it has never
    stopped respecting it"): a claim of
    compliance (neutral), not a commitment ("we respect the truce", "we will continue to respect it")."""
    token = _token_at(doc, char)
    if token is None or not token.tag_.startswith("VB"):
        return False
    verb = token
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _HALTS | {"cease"} and _negated(token.head):
        return True  # "has never stopped observing it": the keeping told as going on, whatever the tense
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _ONGOING:
        verb = token.head  # "continue to adhere": the tense is on "continue"
    elif not any(c.dep_ == "advmod" and c.lower_ in _DEGREE_OF_KEEPING for c in token.children):
        return False
    if verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _told_in_perfect(doc, char: int) -> bool:
    """The condition word at ``char`` opens a clause on a verb told in the perfect, no modal ("its units had
    returned fire only when attacked", "we have fired only when fired upon"): it says when something was done.
    A condition sets what will be done ("we will fire only when attacked")."""
    token, steps = _token_at(doc, char), 0
    while token is not None and token.dep_ != "advcl" and token.head.i != token.i and steps < 3:
        token, steps = token.head, steps + 1
    if token is None or token.dep_ != "advcl":
        return False
    verb = token.head
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ != "VBN" or any(c.tag_ == "MD" for c in aux):
        return False
    return any(c.lower_ in ("had", "has", "have", "'ve", "'d") for c in aux)


def _reports_speech(doc, char: int) -> bool:
    """The declaring verb at ``char`` comes after the clause it reports ("“we have kept to it,” declared the
    minister"): a verb of saying, not the declaring of a truce. The parse may take the inverted speaker for an
    object ("declared the Minister"), so an object does not count against it."""
    token = _token_at(doc, char)
    if token is None:
        return False
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in token.children)


def _describes_topic_clause(doc, char: int, lexicon: Lexicon) -> bool:
    """The word at ``char`` sits in a relative clause on the truce itself ("a ceasefire that is announced on
    television and broken from the air ..."): it tells which truce the sentence judges, the main clause says what."""
    token, steps = _token_at(doc, char), 0
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    while token is not None and token.dep_ != "ROOT" and steps < 10:
        if token.dep_ == "relcl":
            return token.head.i in topic
        token, steps = token.head, steps + 1
    return False


_ANYONE = frozenset({"anyone", "anybody", "whoever", "everyone", "everybody"})


def _hypothetical(doc, char: int) -> bool:
    """A violation that has not happened: "respond to any violation", "the next breach"; not a negated report
    ("we did not see any violations")."""
    token = _token_at(doc, char)
    if token is not None and token.dep_ == "relcl" and (token.head.lower_ in _ANYONE or any(
            c.dep_ == "det" and c.lower_ in ("any", "every") for c in token.head.children)):
        return True  # "anyone who breaks it will be held accountable": a warning, nobody is accused
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "amod")}
    if not determiners & {"any", "every", "next"}:
        return False
    head = token.head.head if token.dep_ == "pobj" else token.head
    return not any(c.dep_ == "neg" for c in head.children)  # "we did not see any violations" happened (not)


def _negation_reports_past(doc, char: int) -> bool:
    """The first verb above a violation word (or the word itself, negated) tells what was or was not done, past or
    perfect, no modal: "it had not violated the ceasefire", "has recorded no violations", "has not stopped
    violating it" (a denial, a report or an accusation: neutral), not a promise ("we will not break it")."""
    first = token = _token_at(doc, char)
    for _ in range(4):
        if token is None:
            return False
        if token.tag_.startswith("VB") and (token.i != first.i or any(c.dep_ == "neg" for c in token.children)):
            aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            if any(c.tag_ == "MD" for c in aux):
                return False
            return token.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" or c.lower_ in ("has", "have") for c in aux)
        if token.lemma_.lower() in load_frames().intention:
            return False  # "had no intention of tearing it up": an intention looks ahead whatever its tense
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _jointly(doc, char: int) -> bool:
    """The act at ``char`` is done by both sides at once: the nearest verb above it with a subject has a joint
    one ("both delegations have committed to holding their positions"): a mediator's report, not a pledge."""
    token, steps = _token_at(doc, char), 0
    while token is not None and steps < 6:
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _joint(subject)
        if token.dep_ not in ("pcomp", "prep", "xcomp", "conj", "acomp") or token.head.i == token.i:
            return False
        token, steps = token.head, steps + 1
    return False


_THIRD_PERSON = frozenset({"they", "he", "she"})


# verbs that say what their subject thinks of the truce, not what it does to it
_EVALUATING = frozenset({"welcome", "support", "back", "endorse", "praise", "hail", "applaud", "urge", "call",
                         "appeal", "demand"})


def _mediator_acts(doc, char: int, lexicon: Lexicon) -> bool:
    """The support cue's subject is a mediator ("mediators presented a revised proposal"): by the guidelines, a
    mediator's announcement is neutral."""
    token = _token_at(doc, char)
    if token is None:
        return False
    verb = token if token.tag_.startswith("VB") else token.head
    subject = _subject(verb)
    return subject is not None and any(p.fullmatch(subject.lower_) for p in lexicon.stance.get("mediator_subjects", ()))


def _others_act(doc, char: int, direct: bool) -> bool:
    """The verb at ``char`` has a subject other than the speaker: both sides jointly, or, in a quotation, a
    third person ("they"). A modal ("they must accept") is still the speaker's demand."""
    token = _token_at(doc, char)
    if token is None:
        return False
    verb = token if token.tag_.startswith("VB") else token.head
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if _joint(subject):
        # "Thailand and Cambodia agreed to extend the ceasefire": an announcement, not a position; but "X and Y
        # welcomed the truce" is what each of them thinks of it
        return verb.lemma_.lower() not in _EVALUATING
    return direct and subject.lower_ in _THIRD_PERSON


_FUTURE = frozenset({"will", "would", "shall", "'ll"})


# verbs of keeping an arrangement: promised, a commitment to it
_KEEPING = frozenset({"implement", "respect", "honour", "honor", "observe", "uphold", "abide", "apply", "enforce",
                      "keep", "extend"})


# what an arrival of the truce does: "once the truce takes effect", "if it comes", "when the ceasefire begins"
_ARRIVING = frozenset({"come", "take", "begin", "start", "arrive", "enter", "happen"})


_ARRIVAL_MARKS = frozenset({"if", "once", "when", "as"})


def _arrival(mark, lexicon: Lexicon) -> bool:
    """A clause mark whose clause is the truce arriving ("as soon as the truce took effect", "if it comes"): it
    tells when, not on what condition."""
    if mark.dep_ != "mark" or mark.lower_ not in _ARRIVAL_MARKS or mark.head.dep_ != "advcl":
        return False
    clause = mark.head
    if clause.lemma_.lower() not in _ARRIVING or any(c.dep_ == "neg" for c in clause.children):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    topic = {t.i for t in _topic_tokens(mark.doc, lexicon)}
    return subject is not None and (subject.i in topic or subject.lower_ in ("it", "peace") or subject.lower_ in _ARRANGEMENTS - _PROCESS)


_CONCESSIVE = re.compile(r"\beven\s+$", re.IGNORECASE)


def _concessive(sentence: str, start: int) -> bool:
    """"Even if ...", "even when ...": a concession (whatever happens, the main clause stands), not a condition."""
    return bool(_CONCESSIVE.search(sentence[:start]))


def _conceded(clause) -> bool:
    """The clause is conceded ("even if they sign it, ..."): the main clause holds whatever happens."""
    return any(c.dep_ == "advmod" and c.lower_ == "even" for c in clause.children)


# what the truce's lasting does: "as long as the ceasefire holds", "if the truce lasts into the spring"
_ENDURING = frozenset({"hold", "last", "survive", "endure", "persist"})


# a main clause that is itself a truce kept or a fight stood down: the truce's lasting binds it, a condition
_STANDING_DOWN = frozenset({"halt", "stop", "suspend", "cease", "pause", "freeze", "end", "refrain", "commit", "bind",
                            "committed", "bound"})


def _times_by_endurance(mark, lexicon: Lexicon) -> bool:
    """A condition mark whose clause is the truce lasting ("as long as the ceasefire holds", "if the truce holds
    beyond the harvest") on a main clause that neither keeps an arrangement nor stands a fight down: the truce's
    lasting times something else ("classes would restart as long as the ceasefire holds"), a plan that counts on
    it, no term set for it. A halt kept only while another truce holds ("would halt attacks as long as the Gaza
    truce holds") is a condition still."""
    if mark.dep_ != "mark" or mark.lower_ not in ("if", "as", "while") or mark.head.dep_ != "advcl":
        return False
    clause = mark.head
    if clause.lemma_.lower() not in _ENDURING or any(c.dep_ == "neg" for c in clause.children):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    topic = {t.i for t in _topic_tokens(mark.doc, lexicon)}
    if subject is None or not (subject.i in topic or subject.lower_ in _ARRANGEMENTS - _PROCESS):
        return False
    main = _endured_main(clause)
    if main.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in main.children):
        return False  # "we will not fire as long as the truce holds": restraint held to it, a condition
    if main.lemma_.lower() == "be":
        return False  # "if it lasts the winter, I will be surprised": a state judged, no act timed (a doubt)
    words = {main.lemma_.lower()} | {c.lemma_.lower() for c in main.children if c.dep_ in ("acomp", "xcomp", "dobj")}
    return not words & (_KEEPING | _STANDING_DOWN | _ENDURING)


def _endured_main(clause):
    """The verb a lasting clause hangs on ("as long as": the clause hangs on "long")."""
    main = clause.head
    while main.pos_ == "ADV" and main.head.i != main.i:
        main = main.head
    return main


def _not_a_condition(doc, match, lexicon: Lexicon) -> bool:
    """A condition word that sets no condition: "as if" (a manner: "we prepare as if there will be no deal") or a
    clause that is the truce arriving (``_arrival``) or lasting on a plan of something else
    (``_times_by_endurance``)."""
    if match.group(0).lower() == "if" and re.search(r"\bas\s+$", text_of(doc)[: match.start()], re.IGNORECASE):
        return True
    mark = next((t for t in doc if match.start() <= t.idx < match.end() and t.dep_ == "mark"), None)
    return mark is not None and (_arrival(mark, lexicon) or _times_by_endurance(mark, lexicon))


def _plans_for_truce(doc, lexicon: Lexicon):
    """A future act, not negated, set for when the truce arrives: "our fighters would open corridors as soon as
    the truce took effect", "if it comes, we will be the happiest people": a plan that counts on the truce."""
    for token in doc:
        lasting = token.dep_ == "mark" and _times_by_endurance(token, lexicon)
        if token.dep_ != "mark" or not (_arrival(token, lexicon) or lasting):
            continue
        main = token.head.head
        while main.pos_ == "ADV" and main.head.i != main.i:  # "as soon as": the clause hangs on "soon"
            main = main.head
        if lasting and not any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in main.children):
            continue  # "classes would restart as long as it holds": another's plan told, no welcome of one's own
        aux = {c.lower_ for c in main.children if c.dep_ == "aux"}
        if main.pos_ in ("VERB", "AUX") and aux & _FUTURE and not any(c.dep_ == "neg" for c in main.children):
            return main
    return None


# verbs of the fight answering an attack: threatened, they set a condition
_ANSWERING = frozenset({"respond", "answer", "retaliate", "return", "shoot", "fire", "strike", "hit"})


_THREAT_MARKS = frozenset({"if", "should", "once"})


def _threat(doc, lexicon: Lexicon):
    """A threat is a condition (the guidelines' "should they open fire, we will answer"): a future verb of fire or
    answer with a clause of "if"/"should" on it ("if they come forward, we will shoot"), or any act of the other
    side that will be answered or treated as a violation ("any advance will be treated as a violation")."""
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if not aux & _FUTURE or any(c.dep_ == "neg" for c in verb.children):
            continue
        lemma = verb.lemma_.lower()
        if lemma in _ANSWERING or lemma in lexicon.attack_lemmas:
            for clause in verb.children:
                if clause.dep_ == "advcl" and any(c.lower_ in _THREAT_MARKS for c in clause.children
                                                  if c.dep_ in ("mark", "aux")):
                    return verb
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and lemma in ("answer", "treat", "meet", "punish", "regard", "consider") and any(
                c.dep_ == "det" and c.lower_ in ("any", "every") for c in subject.children):
            return verb
    return None


_UNDER = frozenset({"under"})


def _under_terms(doc, lexicon: Lexicon):
    """The main clause framed by the truce's terms ("Under the deal, troops were to withdraw", "Under its terms,
    the fighters will let convoys pass"): terms and mechanics, neutral by the guidelines."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in _UNDER or prep.head.dep_ != "ROOT":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and (obj.i in topic or obj.lower_ in _ARRANGEMENTS - _PROCESS):
            return prep
    return None


def _demand_of_other(doc, match, lexicon: Lexicon) -> bool:
    """A "must" cue whose subject is not the truce: "the withdrawal of foreign troops must begin first" is a
    demand made before the truce (conditional), "the ceasefire must hold" a wish for it."""
    token = _token_at(doc, match.start())
    if token is None or token.lower_ != "must":
        return False
    subject = _subject(token.head)
    if subject is None:
        return False
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    return not (subject.i in topic or subject.lower_ in _ARRANGEMENTS or subject.lower_ in _CARRIERS
                or any(t.i in topic for t in subject.subtree))


def _commits(doc, lexicon: Lexicon) -> str | None:
    """A promise of one's own truce: the truce (or the halt itself, "cease all military actions") is what a
    future verb does ("would halt ...", "will extend its ceasefire"), not its subject ("the truce will run"),
    and the verb is not negated nor done by both sides at once."""
    carriers = [t for t in doc if t.dep_ == "dobj" and (t.lower_ in _ARRANGEMENTS - _PROCESS or t.lower_ == "it")
                and t.head.lemma_.lower() in _KEEPING]  # "would implement the protocol in full"
    for token in _topic_tokens(doc, lexicon) + carriers:
        verb = token if token.pos_ in ("VERB", "AUX") else token.head if token.dep_ in ("dobj", "xcomp") else None
        if verb is None or verb.pos_ != "VERB" or _in_modifier_clause(doc, verb.idx):
            continue
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not aux & _FUTURE or any(c.dep_ == "neg" for c in verb.children):
            continue
        subject = _subject(verb)
        if subject is not None and _joint(subject):
            continue
        return verb.text
    return None


def _topic_tokens(doc, lexicon: Lexicon) -> list:
    """The tokens of the sentence's topic terms (cached on the doc: every stance rule asks)."""
    store = getattr(doc, "user_data", None)  # a Doc caches; a Span (no user_data) is read afresh
    key = f"newsdesk.topic_tokens.{lexicon.digest}"
    if store is None or key not in store:
        spans = [m.span() for p in lexicon.terms for m in p.finditer(text_of(doc))]
        found = [t for t in doc if any(s <= t.idx - doc[0].idx < e for s, e in spans)] if len(doc) else []
        if store is None:
            return found
        store[key] = [t.i for t in found]
    return [doc[i] for i in store[key]]


def _topic_is_subject(doc, lexicon: Lexicon, evidence: str) -> bool:
    """The truce (or, in an article about one, "the proposal", "the deal") is what the main clause is about: the
    subject of its root verb ("The proposal was delivered to Moscow on Wednesday"). A fact about the truce, not a
    backdrop to another story (where it sits in a side phrase: "prices have risen since the truce")."""
    patterns = lexicon.terms if evidence == "term" else lexicon.weak_terms
    spans = [m.span() for p in patterns for m in p.finditer(text_of(doc))]
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT" and token.head.pos_ in ("VERB", "AUX"):
            phrase = doc[token.left_edge.i : _partitive_end(token) + 1]
        elif token.dep_ == "pobj" and token.head.lower_ == "under" and token.head.head.dep_ == "ROOT":
            phrase = doc[token.left_edge.i : token.i + 1]  # "Under the deal, troops withdrew": its terms at work
        else:
            continue
        if any(s < phrase.end_char and e > phrase.start_char for s, e in spans):
            return True
    return False


# quantities and parts that take what they count as an "of" phrase ("many of its provisions", "none of the terms")
_PARTITIVES = frozenset({"many", "most", "some", "none", "all", "few", "several", "much", "part", "parts", "each",
                         "one", "two", "half", "any", "neither", "either", "both", "rest", "majority"})


def _partitive_end(token) -> int:
    """Where a subject's phrase ends: past its "of" phrase when the subject is a quantity or a part of it ("Many of
    its provisions have yet to be implemented": what is counted is the subject), else at the subject itself."""
    if token.lower_ not in _PARTITIVES:
        return token.i
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0].i
    return token.i


_FRAME_PREPOSITIONS = frozenset({"between", "with", "among", "over", "in", "on", "about", "ahead", "for", "during"})


# verbs that make, keep or end a truce: their subject is a party to it ("the two families called a truce"); not
# verbs of evaluation, whose subject only has a view of it ("families of the hostages welcomed the truce")
_MAKING_LEMMAS = frozenset({"agree", "call", "declare", "sign", "reach", "strike", "broker", "end", "break", "seal",
                            "negotiate", "forge", "keep", "observe", "extend", "announce", "hold", "defend", "have",
                            "last", "run", "survive", "collapse", "expire"})


def _truce_frame(doc, token) -> list:
    """The words that say whose truce it is and what about: the truce's own modifiers and phrases ("in their
    divorce", "between the union and the employers"), a name it is given ("Armistice, the new fragrance"), and the
    subject and phrases of a verb that makes or ends it. A compound ("the ceasefire line") stands for its head."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    frame = []
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "appos"):
            frame += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _FRAME_PREPOSITIONS:
            frame += list(child.subtree)
    if token.dep_ == "appos":
        frame.append(token.head)
    frame += _named_as_frame(token)
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("to", "in", "into"):
        verb = verb.head  # "agreed to a truce", "the clubs have been in a truce of their own"
    elif token.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr"):
        return frame
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _MAKING_LEMMAS | {"be"}:
        return frame
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
            frame += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _FRAME_PREPOSITIONS:
            frame += list(child.subtree)
        elif child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("until", "till", "if", "unless")
                                           for c in child.children):
            # what ends it tells what it is about: "holds until the budget is passed", "will not last if either
            # company moves into the other's market"
            frame += list(child.subtree)
    return frame


def _named_as_frame(token) -> list:
    """The phrases of a verb that names something a truce ("in what both sides described as a truce in their pay
    dispute", "hailed as a ceasefire between the two clubs"): the parse hangs them on the verb, not on the truce,
    yet they say what the truce is about."""
    marker = token.head
    if token.dep_ != "pobj" or marker.lower_ != "as" or marker.head.pos_ != "VERB":
        return []
    return [t for child in marker.head.children if child.dep_ == "prep" and child.i != marker.i
            and child.lower_ in _FRAME_PREPOSITIONS for t in child.subtree]


def _civilian_truce(doc, lexicon: Lexicon) -> bool:
    """Every truce word of the sentence is framed as non-military: a civilian party or matter around it (the
    lexicon's civilian lists, common nouns only) and no word of armed conflict there ("a truce with exporters over
    prices", "the ceasefire in their divorce", "players must defend the ceasefire line")."""
    tokens = _topic_tokens(doc, lexicon)
    if not tokens or not lexicon.civilian:
        return False
    for token in tokens:
        frame = _truce_frame(doc, token)
        civilian = any(t.pos_ == "NOUN" and t.lemma_.lower() in lexicon.civilian for t in frame)
        if not civilian or lexicon.context_hits(" ".join(t.text for t in frame)):
            return False
    return True


_TIME_PREPOSITIONS = frozenset({"since", "before", "after", "during", "until", "till", "amid", "ahead"})
# nouns of a stretch of time that a truce's clause can name ("the summer the armistice was signed"): the truce
# then says when, as a time preposition's object does
_TIME_NOUNS = frozenset({"day", "night", "morning", "evening", "weekend", "week", "month", "year", "season",
                         "spring", "summer", "autumn", "fall", "winter", "decade", "time"})


def _truce_head(token):
    """The noun phrase's head a truce word sits in ("the Korean Armistice Agreement", "the border ceasefire")."""
    node, steps = token, 0
    while node.dep_ in ("compound", "amod", "nmod") and steps < 3:
        node, steps = node.head, steps + 1
    return node


def _dates(node) -> bool:
    """The truce's phrase (its head ``node``) says when, not what: the object of a time preposition ("since the
    truce"), the subject of a clause a time conjunction marks, whatever the clause hangs on ("the school reopened
    in April, a month after the ceasefire began"), or of a clause that names a stretch of time ("in the summer the
    armistice was signed"). Not "in the week of the ceasefire": what happened then is often the truce's story."""
    if node.dep_ == "pobj" and node.head.lower_ in _TIME_PREPOSITIONS:
        return True
    if node.dep_ not in ("nsubj", "nsubjpass"):
        return False
    clause = node.head
    if clause.dep_ == "relcl" and _when(clause.head):
        return True  # "in the summer the armistice was signed"
    # "since the truce began"; not its making, after which a source's finding is often dated ("the footage was
    # broadcast four days before the ceasefire was agreed": the fact-check of a breach)
    return node.dep_ == "nsubj" and any(c.dep_ == "mark" and c.lower_ in _TIME_PREPOSITIONS for c in clause.children)


def _when(token) -> bool:
    """A stretch of time that dates the clause it sits in: "in the week ...", "(on 3 May,) the day ..."; not one
    that is talked about ("four years in which the ceasefire has held" is a claim that it held)."""
    return token.lemma_.lower() in _TIME_NOUNS and (token.dep_ == "npadvmod" or (
        token.dep_ == "pobj" and token.head.dep_ == "prep"))


def _only_dates(doc, lexicon: Lexicon) -> bool:
    """Every mention of the truce dates something ("since the truce", "a week after the ceasefire began", "in
    the summer the armistice was signed") and the story it dates is not the fighting: "tariffs have risen since the
    truce" is a backdrop, "fighting has eased since the truce began" a claim about what the truce did. The words
    before the truce word in its own phrase name that truce, not the dated story ("weeks after the Irish
    Republican Army's ceasefire", "the 2011 border ceasefire"): they are not counted as war words."""
    tokens = _topic_tokens(doc, lexicon)
    if not tokens:
        return False
    heads = [_truce_head(t) for t in tokens]
    if not all(_dates(h) for h in heads):
        return False
    naming = {t.i for h in heads for t in h.subtree if t.i <= h.i}
    rest = " ".join(t.text for t in doc if t.i not in naming)
    return not lexicon.context_hits(rest, article=True)


_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they"})


_NOT_FUTURE = frozenset({"did", "was", "were", "had"})


def _dismisses(doc, evaluation: Evaluation, lexicon: Lexicon):
    """The token of the sentence's evaluative language that doubts or dismisses the arrangement, from the
    evaluation lexicon and the parse (None when there is none): a pretence or futility word ("a charade", "written
    in sand"), sincerity denied ("not serious", "without meaning it", "not a commitment", "I do not see it"), a
    failure foretold ("it will not hold", "cannot last") or existence restricted ("exists only on paper"). Words
    in a clause that modifies another noun or in a condition ("if it is not serious, ...") are not the speaker's
    verdict, nor is a negated pretence ("this is no charade")."""
    lemmas = [t.lemma_.lower() if t.lemma_ else t.lower_ for t in doc]
    for first, _ in evaluation.negative_at(lemmas):
        token = doc[first]
        if token.pos_ == "VERB" or _in_modifier_clause(doc, token.idx) or _in_condition(doc, token.idx):
            continue
        if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP") or (
                token.text[:1].isupper() and token.i > 0 and not token.is_sent_start and not doc[token.i - 1].is_quote):
            continue  # a name (the parse may run without the recogniser): the minister Mia Sand, not "written in sand"
        if _negated(token):
            continue
        return token
    judged = (evaluation.sincerity | evaluation.durability | evaluation.existence | evaluation.recurrence_verbs
              | evaluation.volition | load_frames().outliving)
    for token in doc:
        lemma = lemmas[token.i]
        if lemma not in judged and token.dep_ not in ("attr", "acomp", "oprd") and token.pos_ != "VERB" \
                and not (token.dep_ == "pobj" and token.head.lower_ == "as"):
            continue  # no rule below reads it (checked first: the clause tests walk the tree)
        if _in_condition(doc, token.idx) or _in_modifier_clause(doc, token.idx):
            continue
        if lemma in evaluation.sincerity and _negated(token) and _takes_proposition(token, lexicon):
            return token
        if _foretells_failure(token, lemma, doc, evaluation, lexicon):
            return token
        if lemma in evaluation.existence and any(c.dep_ == "advmod" and c.lower_ == "only" for c in
                                                  list(token.children) + [g for c in token.children for g in c.children]):
            return token
        if lemma in evaluation.recurrence_verbs and _seen_before(token, evaluation):
            return token
        if token.dep_ == "attr" and _contrasted(token, doc, evaluation, lexicon):
            return token
        if token.dep_ == "attr" and _belittled(token, doc, evaluation, lexicon):
            return token
        if (token.dep_ in ("attr", "acomp", "oprd") or _regarded_as(token, load_frames()) is not None) \
                and _condemned(token, doc, evaluation, lexicon):
            return token
        if _repeats_fighting(token, lexicon):
            return token
        if lemma in evaluation.volition and _unwanted(token, doc, lexicon):
            return token
    return None


_NOBODY = frozenset({"nobody", "neither", "none", "no"})


def _nobody(verb) -> bool:
    """The verb's subject is no one: "nobody", "no one", "neither side", "none of them"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in _NOBODY or any(
        c.dep_ == "det" and c.lower_ in _NOBODY for c in subject.children))


def _unwanted(verb, doc, lexicon: Lexicon) -> bool:
    """Nobody wants the truce: a verb of wanting negated or with a subject of no one ("neither side wants to stop",
    "nobody here wants a ceasefire") whose complement carries the truce or a halt."""
    if verb.pos_ != "VERB":
        return False
    if not _nobody(verb):
        return False
    wanted = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for c in wanted:
        tokens = list(c.subtree)
        text = doc[tokens[0].i : tokens[-1].i + 1].text
        if any(t.i in topic for t in tokens) or any(p.search("to " + text) for p in lexicon.weak_terms):
            return True
    return False


# verbs of going back to war, besides the lexicon's verbs of attack ("we fight for the same villages again")
_FIGHTING_VERBS = frozenset({"fight", "dig", "rearm", "regroup", "resume", "shoot"})


def _repeats_fighting(verb, lexicon: Lexicon) -> bool:
    """Bad faith foretold or made a habit: an act of war not told in the past, "again" ("in spring we fight for the
    same villages again", "they will do it again") or every time something else happens ("every time they talk
    about peace, they launch drones")."""
    if verb.pos_ != "VERB" or verb.tag_ in ("VBD", "VBN", "VBG"):
        return False  # told in the past or as going on now ("they are doing it again now"): an accusation
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    warlike = lemma in lexicon.attack_lemmas or lemma in _FIGHTING_VERBS or (
        lemma == "do" and subject is not None and subject.lower_ in _THIRD_PERSON) or (
        # "they will start again": the other side, starting nothing named, starts the war again
        lemma == "start" and subject is not None and subject.lower_ in _THIRD_PERSON
        and not any(c.dep_ in ("dobj", "xcomp", "prep") for c in children))
    if not warlike or any(c.dep_ == "neg" for c in children):
        return False
    future = any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children)
    if any(c.dep_ == "advmod" and c.lower_ == "again" for c in children) and (
            future or subject is not None and subject.lower_ in ("we", "i")):
        # "they will do it again", "in spring we fight for the same villages again"; not "they shell us again
        # every night", an accusation told in the present
        return True
    return any(c.dep_ == "npadvmod" and c.lemma_ == "time" and any(d.lower_ == "every" for d in c.children)
               or c.dep_ == "advcl" and any(d.dep_ == "advmod" and d.lower_ == "whenever" for d in c.children)
               for c in children)


def _values(doc, evaluation: Evaluation, lexicon: Lexicon):
    """The token by which the speaker values the arrangement, from the evaluation lexicon and the parse (None when
    none does): a copula that calls it something valued ("the truce is a good start", "it is the cheapest
    insurance", "the ceasefire is binding"), or a first-person wish for it ("we want it to work", "I hope the truce
    holds"). Not negated, not in a condition, a side clause or an extraposed "it is important to ..."."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}

    def carried(token) -> bool:  # the truce or the deal, not the talks ("the talks were constructive": a report)
        return token.i in topic or token.lower_ in _ARRANGEMENTS - _PROCESS or token.lower_ in evaluation.contrast_subjects

    frames = load_frames()
    for token in doc:
        lemma = token.lemma_.lower()
        regarded = _regarded_as(token, frames)  # "saw the ceasefire as a first step"
        if token.dep_ not in ("attr", "acomp", "oprd") and token.tag_ != "VBG" and lemma not in evaluation.volition \
                and regarded is None:
            continue  # no rule below reads it (checked first: the clause tests walk the tree)
        if _in_condition(doc, token.idx) or _in_modifier_clause(doc, token.idx):
            continue
        copula = token.head if token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be" else None
        if token.dep_ == "oprd" and token.head.lemma_.lower() in _NAMING:
            copula = token.head  # "called the truce a breakthrough"
        if regarded is not None:
            copula = token.head.head
        if token.tag_ == "VBG" and token.lower_ in evaluation.qualities and any(
                c.dep_ == "aux" and c.lemma_ == "be" for c in token.children):
            copula = token  # "the ceasefire is binding": the small model reads a progressive
        if copula is not None:
            named = lemma in evaluation.positive or token.i in topic or token.lower_ in _ARRANGEMENTS
            # "a lifeline", "binding", "a good start", "a good deal" (not "a good question", nor "a deal")
            clausal = any(c.dep_ in ("acl", "ccomp") for c in token.children)  # "a good question whether ..."
            valued = lemma in evaluation.positive or bool({lemma, token.lower_} & evaluation.qualities) and (
                token.pos_ != "NOUN") or (named or not clausal) and any(
                c.dep_ == "amod" and c.lemma_.lower() in evaluation.qualities for c in token.children) \
                or _indispensable(token, frames) and copula.dep_ != "advcl"  # "it is the only way home"; not a
            # reason given for something else ("we prepare, because that is the only responsible way")
            # the small model sometimes hangs the subject on the auxiliary ("The truce is binding")
            subject = _predicated_of(token) if token.dep_ in ("oprd", "pobj") else next(
                (c for h in [copula, *(a for a in copula.children if a.dep_ == "aux")]
                 for c in h.children if c.dep_ == "nsubj"), None)
            if (valued and subject is not None and carried(subject) and not _negated(token)
                    and not any(c.dep_ in ("ccomp", "xcomp") for c in copula.children)):
                return token
        if token.pos_ == "VERB" and lemma in evaluation.volition:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.lower_ not in ("we", "i") or any(c.dep_ == "neg" for c in token.children):
                continue
            wanted = [c for c in token.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
            if any(carried(t) for c in wanted for t in c.subtree) or _fighting_halted(
                    [t for c in wanted for t in c.subtree]):
                return token
    return None


# what falls silent when a truce comes: "we want the guns to stop", "the shelling to end"
_FIGHTING_SUBJECTS = _FIGHTING | frozenset({"gun", "war", "killing", "violence", "bloodshed", "missile", "rocket"})
_FALLING_SILENT = frozenset({"stop", "end", "cease", "halt"})


def _fighting_halted(wanted) -> bool:
    """Whether the wanted words are the fighting itself stopping ("the guns to stop", "the shelling to end"): a
    wish for what the truce brings, as much a welcome of it as "we want it to work"."""
    return any(t.lemma_.lower() in _FALLING_SILENT and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _FIGHTING_SUBJECTS for c in t.children) for t in wanted)


_PROCESS = frozenset({"talks", "negotiations"})


# what a truce does by itself or what is done to it; any other verb it "must" do is a demand made of it
_NOT_DEMANDS = frozenset({"be", "start", "begin", "take", "become", "remain", "continue", "stay", "run", "come",
                          "go", "apply", "end", "expire"})


_MODAL_CAN = frozenset({"can", "could", "will", "would", "'ll"})


# Past-tense auxiliaries: "had struck", "was shelled", "did not come" tell what happened.
_PAST_AUX = frozenset({"had", "did", "was", "were"})


def _an_act(prep, lexicon: Lexicon) -> bool:
    """A "before" phrase names an act or event ("before signing anything", "before any talks", "before the
    truce"): a gerund, the topic, an arrangement or talks, or a thing still to come ("any"). "Before reporters",
    "before the council" name an audience: where the demand was made, not what must come first."""
    topic = {t.i for t in _topic_tokens(prep.doc, lexicon)}
    return any(o.tag_ == "VBG" or o.i in topic or o.lower_ in _ARRANGEMENTS or o.lower_ in _PROCESS
               or any(d.dep_ == "det" and d.lower_ == "any" for d in o.children)
               for o in prep.children if o.dep_ in ("pobj", "pcomp"))


def _demands_first(doc, frames: Frames, lexicon: Lexicon):
    """An order of acts demanded: a verb of wanting or demanding (stance_frames [demand_first]) on the main line,
    not negated, whose clause (or the verb itself) carries "first" or a "before" phrase or clause ("wants Hamas to
    disarm before any withdrawal", "wanted the root causes addressed first", "demanded the withdrawal before any
    talks"): what must come first is a condition. Not a clause told in the past or negated ("insisted his men had
    not fired first": a denial); on the verb itself, a "before" phrase only when it names an act ("insisted before
    reporters that ..." names an audience). Returns the "first" or "before"."""
    for verb in doc:
        obliged = _obliged_to(verb)
        if (verb.lemma_.lower() not in frames.demand_first and obliged is None) or verb.pos_ != "VERB" \
                or not _main_line(verb):
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx):
            continue
        if obliged is not None and (_halts_the_fight(verb) or _halts_the_fight(obliged)):
            continue  # "the guns have to fall silent first": what comes first is the truce itself, a call for it
        clauses = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")] if obliged is None else [obliged]
        if any(g.dep_ == "neg" or g.lower_ in _PAST_AUX and g.dep_ in ("aux", "auxpass") for c in clauses
               for g in c.children):
            continue
        for head in [verb, *clauses]:
            for c in head.children:
                if c.lower_ == "first" and c.dep_ == "advmod" and head is not verb:
                    return c
                if c.lower_ == "before" and c.dep_ == "prep" and (head is not verb or _an_act(c, lexicon)):
                    return c
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "before" for m in c.children):
                    return next(m for m in c.children if m.dep_ == "mark" and m.lower_ == "before")
    return None


# "have to", "need to": an obligation said as "must" is ("they have to leave first" is "they must first leave")
_OBLIGING = frozenset({"have", "need"})


def _obliged_to(verb):
    """The clause of a present obligation ("our men have to come home first", "they need to withdraw before any
    talks"): "have" or "need" in the present with a "to" clause. None when the verb is no such obligation (told in
    the past, "had to leave first", it is what was done)."""
    if verb.lemma_.lower() not in _OBLIGING or verb.tag_ not in ("VB", "VBP", "VBZ"):
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)


_DEMONSTRATIVES = frozenset({"that", "this", "those", "these", "them", "such"})
_OPENING_LINKS = frozenset({"but", "and", "yet", "so"})


def _without_what_was_named(doc):
    """A condition with no condition word: the sentence opens on "without" what was just named ("Without them, a
    truce only helps the occupier", "Without those guarantees, the next war is a matter of timing"), a phrase on
    main line (the root or what a reporting root carries) whose object points back by a demonstrative: the things named before are what the speaker sets
    as terms. A new thing ("without an extension, the convoys stop") names no term. Returns "without"."""
    for token in doc:
        if token.is_punct or token.lower_ in _OPENING_LINKS:
            continue  # the opening quote mark, "But without that ..."
        if token.lower_ != "without" or token.dep_ != "prep" or not _main_line(token.head):
            return None
        named = [c for c in token.children if c.dep_ == "pobj"]
        if any(c.lower_ in _DEMONSTRATIVES or any(d.dep_ == "det" and d.lower_ in _DEMONSTRATIVES
                                                  for d in c.children) for c in named):
            return token
        return None
    return None


def _first_then(doc, lexicon: Lexicon):
    """Demands set as orders, and the truce (or talk of it) promised "then": an imperative clause joined to one with
    "then" and a modal ("free the prisoners, and then we can talk about a ceasefire", "let them withdraw, and then
    there can be a discussion"): what must come first, a condition with no condition word. Returns the "then"
    clause's verb."""
    frames = load_frames()
    waiting = frames.expecting | frames.watching  # "sign something first, and then we will see": wait and see, a doubt
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_.lower() in lexicon.reporting_lemmas:  # "“Free them, and then ...,” he said"
        root = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if root is None or root.tag_ != "VB" or any(c.dep_ in ("nsubj", "aux", "nsubjpass") for c in root.children):
        return None  # not an order: "we then can talk", "they must withdraw"
    for verb in root.conjuncts:
        children = list(verb.children)
        if any(c.dep_ == "advmod" and c.lower_ == "then" for c in children) and any(
                c.dep_ == "aux" and c.lower_ in _MODAL_CAN for c in children) and not any(
                c.dep_ == "neg" for c in children) and verb.lemma_.lower() not in waiting:
            return verb
    return None


def _demands_of_truce(doc, lexicon: Lexicon, evaluation: Evaluation):
    """The truce as the subject of a verb of obligation ("any truce must address the root causes", "a new truce
    would have to include monitors"), or an arrangement still to come ("any new deal would have to cover drones"):
    a condition set for it. Not what it does by itself ("must hold", "must start
    at dawn") nor what is done to it ("must be respected")."""
    unmade = load_frames().hypothetical  # "any new arrangement would have to cover drones": one still to come
    subjects = [*_topic_tokens(doc, lexicon), *(t for t in doc if t.lower_ in _ARRANGEMENTS - _PROCESS and any(
        c.dep_ in ("det", "amod") and c.lower_ in unmade - {"a"} for c in t.children))]
    for token in subjects:
        if token.dep_ != "nsubj":
            continue
        verb = token.head
        if verb.lemma_ in ("have", "need") and verb.pos_ in ("VERB", "AUX"):
            verb = next((c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
        elif not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children):
            verb = None
        if verb is None or verb.pos_ != "VERB" or any(c.dep_ in ("auxpass", "neg") for c in verb.children):
            continue
        lemma = verb.lemma_.lower()
        if lemma in evaluation.durability or lemma in _NOT_DEMANDS or _in_condition(doc, verb.idx):
            continue
        return verb
    return None


def _seen_before(verb, evaluation: Evaluation) -> bool:
    """"We have seen this film before", "I have heard about a ceasefire every winter": a perfect perception verb of
    the speaker with a marker of repetition on it or on what was seen."""
    if not any(c.dep_ == "aux" and c.lower_ in ("have", "'ve", "has") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("i", "we"):
        return False
    near = [t for c in verb.children if c.dep_ not in ("nsubj", "aux", "punct") for t in c.subtree]
    return any(t.lower_ in evaluation.recurrence_markers for t in near)


def _contrasted(attr, doc, evaluation: Evaluation, lexicon: Lexicon) -> bool:
    """A copula that calls the arrangement one thing and "not" another: "this truce is a painkiller, not a cure"."""
    copula = attr.head
    if copula.lemma_ != "be" or any(c.dep_ == "neg" for c in copula.children):
        return False  # "it is not a truce, but a pause" is the negated-predicate rule's
    if attr.lemma_.lower() in evaluation.positive or attr.i in {t.i for t in _topic_tokens(doc, lexicon)}:
        return False  # "a first step, not the last one", "a truce, not a surrender": it is valued or defended
    # "not" after the attribute, on it or on its second half ("a painkiller, not a cure", "a message for
    # Washington, not for the front line")
    contrast = [t for t in attr.subtree if t.dep_ == "neg" and t.i > attr.i + 1
                and (t.head.i == attr.i or t.head.head.i == attr.i)]
    if not contrast:
        return False
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    return subject.i in topic or subject.lower_ in evaluation.contrast_subjects or subject.lower_ in _ARRANGEMENTS


_MINIMISERS = frozenset({"just", "merely", "only", "simply", "nothing"})


def _predicated_of(attr):
    """What ``attr`` is said to be: the subject of its copula ("the truce is a disaster"), or the object of a verb of
    naming that gives it ("called the ceasefire a surrender"); None when neither."""
    verb = attr.head
    if attr.dep_ in ("attr", "acomp") and verb.lemma_ == "be":
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if attr.dep_ == "oprd" and verb.lemma_.lower() in _NAMING:
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    if attr.dep_ == "pobj":  # "dismissed the truce as a surrender"
        return _regarded_as(attr, load_frames())
    return None


_NAMING = frozenset({"call", "describe", "label", "brand", "term", "dub", "consider", "deem", "declare"})


def _condemned(attr, doc, evaluation: Evaluation, lexicon: Lexicon) -> bool:
    """A copula or a verb of naming that calls the arrangement something condemned ("the ceasefire has been a
    disaster", "this deal is one-sided", "called the ceasefire a surrender"), not negated (a negated one is no
    verdict: "it is not a surrender")."""
    if not {attr.lemma_.lower(), attr.lower_} & evaluation.condemned or _negated(attr):
        return False
    if any(c.dep_ == "neg" for c in attr.head.children):
        return False
    subject = _predicated_of(attr)
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    return subject is not None and (subject.i in topic or subject.lower_ in evaluation.contrast_subjects
                                    or subject.lower_ in _ARRANGEMENTS - _PROCESS)


def _belittled(attr, doc, evaluation: Evaluation, lexicon: Lexicon) -> bool:
    """A copula that calls the arrangement "just" something ("a new ceasefire is just a photograph for the press",
    "it is merely a pause to rearm"): less than it claims. Not something valued ("only a first step") nor the
    truce itself ("just a ceasefire, not peace" is the contrast rule's)."""
    copula = attr.head
    if copula.lemma_ != "be" or any(c.dep_ == "neg" for c in copula.children):
        return False
    if not any(c.dep_ == "advmod" and c.lower_ in _MINIMISERS for c in list(attr.children) + list(copula.children)):
        return False
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    if attr.lemma_.lower() in evaluation.positive or attr.i in topic:
        return False  # "only a first step", "just a ceasefire, not peace" (the contrast rule's)
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.i in topic or subject.lower_ in evaluation.contrast_subjects
                                    or subject.lower_ in _ARRANGEMENTS)


def _refusal_condition(doc, char: int):
    """The mark of a clause, not told in the past, that conditions the verb a refusal sits on ("no ceasefire while
    our cities are occupied", "we reject any truce unless they withdraw"), None when there is none."""
    token, steps = _token_at(doc, char), 0
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and steps < 4:
        token, steps = token.head, steps + 1
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return None
    mark = _condition_clause(token, without=True)  # "without monitors, we cannot agree to a truce"
    if mark is not None and mark.dep_ == "prep":
        return mark
    if mark is None or mark.lower_ not in ("while", "until", "unless", "if", "once"):
        return None
    if mark.head.tag_ == "VBD" and not _backshifted(token):
        return None  # "there was no truce while they held the town": told, no condition set
    return mark


_BACKSHIFTED_MODALS = frozenset({"could", "would"})


def _backshifted(verb) -> bool:
    """``verb`` is a refusal reported in the past tense of its saying ("said there could be no ceasefire while its
    leader remained in detention"): a "could" or "would" on it, its clause a complement of a verb of saying. The
    clause it conditions takes the saying's past tense too, and still sets a condition."""
    if not any(c.dep_ == "aux" and c.lower_ in _BACKSHIFTED_MODALS for c in verb.children):
        return False
    node, steps = verb, 0
    while node.dep_ == "conj" and steps < 3:  # "said that ..., but that there could be no ceasefire"
        node, steps = node.head, steps + 1
    saying = node.head if node.dep_ == "ccomp" else node if node is not verb else None
    return saying is not None and saying.tag_ == "VBD" and saying.lemma_.lower() in _SAYING


_SAYING = frozenset({"say", "tell", "add", "insist", "warn", "state", "declare", "announce", "stress", "reply"})


def _forecast(doc, char: int) -> bool:
    """A violation foretold of others ("they will break this truce as they broke the last one"): a future verb,
    not negated, not the speaker's own: a doubt that the truce will last."""
    verb = _token_at(doc, char)
    if verb is None or verb.pos_ != "VERB":
        return False
    children = list(verb.children)
    if not any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children) or any(c.dep_ == "neg" for c in children):
        return False
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ not in ("we", "i") and not _in_condition(doc, verb.idx)


def _condition_clause(verb, without: bool = False):
    """The subordinating word of a clause that conditions ``verb`` ("cannot last while ...", "will not hold
    unless ..."), with ``without`` also a "without" phrase ("without guarantees, it is a stunt"); None when
    nothing does."""
    for clause in verb.children:
        if without and clause.dep_ == "prep" and clause.lower_ == "without":
            return clause
        if clause.dep_ == "advcl" and not _conceded(clause):
            mark = next((c for c in clause.children if c.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in ("while", "if", "unless", "until", "as", "once"):
                return mark
    return None


def _negated(token) -> bool:
    """"not serious", "is not a commitment", "a convenience, not a commitment", "without meaning it", "no charade",
    "no one should take it seriously"."""
    if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ == "det" for c in token.children):
        return True
    if token.dep_ == "advmod" and (any(c.dep_ == "neg" for c in token.head.children) or _nobody(token.head)):
        return True  # "do not take it seriously", "no one takes it seriously"
    if token.dep_ in ("acomp", "attr") and any(c.dep_ == "neg" for c in token.head.children):
        return True
    if token.dep_ == "appos" and any(c.dep_ == "neg" and token.head.i < c.i < token.i for c in token.head.children):
        return True  # "a convenience, not a commitment" (the small model hangs "not" on the first noun)
    head = token.head
    if token.dep_ in ("acl", "xcomp", "relcl") and head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True  # "no grounds to believe it"
    if token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "dobj" and any(
            g.dep_ == "det" and g.lower_ == "no" for g in c.children) for c in head.children):
        return True  # "saw no reason yet to trust the deal" (the small model hangs "to trust" on "saw")
    return token.dep_ in ("pcomp", "pobj") and head.lower_ == "without"


def _takes_proposition(token, lexicon: Lexicon) -> bool:
    """A noun or adjective denied ("not serious"), or a verb whose object is the arrangement (by a pronoun, its
    name or a clause: "I do not see it", "no reason to trust the deal", "do not believe that it will hold"): not
    a thing ("did not see any violations")."""
    if token.pos_ not in ("VERB", "AUX"):
        return True
    objects = [c for c in token.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
    return bool(objects) and all(c.dep_ != "dobj" or c.lower_ in ("it", "this", "that") or c.lower_ in _ARRANGEMENTS
                                 or lexicon.matches(c.text) for c in objects)


def _foretells_failure(token, lemma: str, doc, evaluation: Evaluation, lexicon: Lexicon) -> bool:
    """A durability verb ("hold", "last", or one that outlives a time: "survive", "outlast") negated ahead or under
    a doubting verb of expectation: a forecast that the truce fails ("it will not hold", "I do not expect it to
    last", "the deal will not outlast the first convoy")."""
    if lemma not in evaluation.durability and lemma not in load_frames().outliving or token.pos_ not in ("VERB", "AUX"):
        return False
    return _fails_in_future(token) or _expected_to_fail(token, doc, lexicon)


def _forecast_failure(doc, lexicon: Lexicon):
    """A forecast of the truce's failure anywhere on the sentence's own lines (not in a condition or a side
    clause): the durability verb, or None."""
    evaluation = load_evaluation()
    for token in doc:
        lemma = token.lemma_.lower()
        if _in_condition(doc, token.idx) or _in_modifier_clause(doc, token.idx):
            continue
        if _foretells_failure(token, lemma, doc, evaluation, lexicon):
            return token
    return None


def _fails_in_future(verb) -> bool:
    """"The truce will not hold", "this pause cannot last", "it won't work": a negated durability verb, not in the
    past ("did not hold" is a fact), used intransitively ("we will not hold our fire" is about firing) and not
    said of a person ("they will not last" is about fighters)."""
    children = list(verb.children)
    outliving = verb.lemma_.lower() in load_frames().outliving  # "will not survive the spring": its object a time
    if not any(c.dep_ == "neg" for c in children) or any(c.dep_ == "dobj" for c in children) and not outliving:
        return False
    if verb.tag_ == "VBD" or any(c.lower_ in _NOT_FUTURE for c in children if c.dep_ in ("aux", "auxpass")):
        return False
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or subject.lower_ not in _PERSONAL and subject.ent_type_ != "PERSON"


def _expected_to_fail(verb, doc, lexicon: Lexicon) -> bool:
    """"I do not expect it to last", "nobody thinks the truce will hold": a durability verb, not negated itself, in
    the clause of a verb of expectation that is negated or has no one for subject, not told in the past ("I never
    thought it would hold" looks back), said of the truce, the arrangement or a pronoun for it."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "xcomp") or head.lemma_.lower() not in load_frames().expecting:
        return False
    if any(c.dep_ == "neg" for c in verb.children) or verb.tag_ == "VBD":
        return False
    if not (any(c.dep_ == "neg" for c in head.children) or _nobody(head)):
        return False
    if (head.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ in _NOT_FUTURE for c in head.children)) \
            and not _reported_simple_past(head):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        subject = next((c for c in head.children if c.dep_ == "dobj"), None)  # "do not expect the truce to hold"
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    return subject is not None and (subject.i in topic or subject.lower_ in _ARRANGEMENTS - _PROCESS
                                    or subject.lower_ in ("it", "this", "that")
                                    or subject.lemma_.lower() in load_frames().quiet)  # "the calm to last"


def _not_negotiable(doc):
    """A thing declared beyond bargaining on the sentence's own line ("the bridge is not negotiable", "our
    withdrawal demand is non-negotiable"): a demand set before any truce, a condition. Returns the word."""
    for token in doc:
        if token.dep_ != "acomp" or token.head.lemma_ != "be" or not _main_line(token.head):
            continue
        lower = token.lower_
        if lower in ("non-negotiable", "nonnegotiable") or lower == "negotiable" and any(
                c.dep_ == "neg" for c in token.head.children):
            return token
    return None


def _reported_simple_past(verb) -> bool:
    """A simple past in a clause a reporting verb carries ("she said she did not expect it to last"): indirect
    speech shifts the speaker's present ("I do not expect") into the past. A perfect ("had never thought") still
    looks back, as does a past told by the narrative itself."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING and verb.head.tag_ == "VBD" and not any(
        c.dep_ == "aux" and c.lower_ in ("had", "was", "were") for c in verb.children)


def _declares_truce(doc, lexicon: Lexicon, direct: bool) -> str | None:
    """A declaring verb on the main line of the sentence whose object is the truce: the speaker's own. In a
    quotation the declarer must be the speaker ("we declared"): "they announced a truce and attacked" accuses.
    A verb of prolonging ("has extended the temporary ceasefire") is the party's own truce declared again; said
    of both sides ("Thailand and Cambodia extended the truce") or by a mediator it is an announcement (neutral).
    In the passive the declarer is the agent ("the pause was announced by the council"): ``_declared_by``."""
    frames = load_frames()
    passive = _declared_by(doc, lexicon, frames, direct) or _announces_extension(doc, lexicon, frames, direct)
    if passive is not None:
        return passive
    for token in _topic_tokens(doc, lexicon):
        if token.dep_ == "compound" and token.head.dep_ == "dobj" and token.head.head.lemma_.lower() in frames.prolonging:
            token = token.head  # "has extended the ceasefire period"
        if token.dep_ != "dobj":
            continue
        verb = token.head
        lemma = verb.lemma_.lower()
        if lemma not in _DECLARE_LEMMAS and lemma not in frames.prolonging or _in_modifier_clause(doc, verb.idx):
            continue
        if _not_a_position(doc, verb.idx):
            continue  # "strikes since announcing the truce"
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if lemma in frames.prolonging and (subject is None or _joint(subject) or _mediator(subject, lexicon)
                                           or not _done(verb) or _conditioned(doc, verb)):
            continue  # "the two sides extended the truce", "mediators renewed it": an announcement; "would
            # extend it if the army did the same", "debated whether to extend it": no truce declared
        if direct and (subject is None or subject.lower_ not in ("we", "i")):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children):
            return None  # "announced a truce between the army and the rebels": somebody else's truce
        if any(c.dep_ == "neg" for c in verb.children) or _another_truce(token, verb):
            return None  # "declared a similar truce in 2023", "has announced truces before": history, a fact
        return verb.text
    return None


def _done(verb) -> bool:
    """The verb is the sentence's own predicate, or on its main line an act done, not a plan reported ("it was
    learnt that the council has extended the truce"; not "he said the group would extend it")."""
    if verb.dep_ == "ROOT":
        return True
    return _main_line(verb) and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _conditioned(doc, verb) -> bool:
    """The verb is put in doubt or under a condition: in a "whether"/"if" clause, in a condition, or governing
    a condition of its own ("would extend the truce if the army did the same")."""
    if _in_condition(doc, verb.idx) or any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
        return True
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
               for c in verb.children)


def _mediator(subject, lexicon: Lexicon) -> bool:
    return any(p.fullmatch(subject.lower_) for p in lexicon.stance.get("mediator_subjects", ()))


def _declared_by(doc, lexicon: Lexicon, frames: Frames, direct: bool) -> str | None:
    """The truce, subject of a passive declaring verb at the root, with the declarer for agent ("the pause was
    announced by the committee", "the ceasefire was announced in an address by the army's spokesman"): the
    declarer's own truce (support); the reporter's sentence names who declares it, and the speaker is that party.
    Not in a quotation (the speaker tells what another did), not by both sides or a mediator, not negated, not
    an earlier truce; not an agreement ("the deal was announced by the foreign minister": a deal has two sides,
    and who announces it may be its broker)."""
    if direct:
        return None
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for token in doc:
        verb = token.head
        if token.dep_ != "nsubjpass" or verb.dep_ != "ROOT" or verb.lemma_.lower() not in _DECLARE_LEMMAS:
            continue
        if token.i not in topic and token.lemma_.lower() not in frames.unilateral:
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _another_truce(token, verb):
            continue
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        agents += [g for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
                   for b in o.children if b.dep_ == "prep" and b.lower_ == "by" for g in b.children
                   if g.dep_ == "pobj"]  # "announced in an address by the spokesman": the parse hangs "by" low
        if any(not _joint(a) and not _mediator(a, lexicon) for a in agents):
            return verb.text
    return None


def _announces_extension(doc, lexicon: Lexicon, frames: Frames, direct: bool) -> str | None:
    """A party at the root announcing that the truce is prolonged ("the Government announces that the bilateral
    ceasefire will be extended for 90 days", "the committee announces that the ceasefire is extended"): the truce,
    subject of a passive verb of prolonging ([declaring] prolonging) in the clause a declaring verb at the root
    carries, is its own truce declared again (support). Not by both sides or a mediator ("the mediators announced
    that the pause will be extended": an announcement), not in a quotation unless the announcer is the speaker,
    not negated or under a condition, not an earlier truce. Returns the declaring verb."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for token in doc:
        verb = token.head
        if token.dep_ != "nsubjpass" or verb.lemma_.lower() not in frames.prolonging or verb.dep_ != "ccomp":
            continue
        root = verb.head
        if root.dep_ != "ROOT" or root.lemma_.lower() not in _DECLARE_LEMMAS:
            continue
        if token.i not in topic and token.lemma_.lower() not in frames.unilateral:
            continue
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or _joint(subject) or _mediator(subject, lexicon) \
                or direct and subject.lower_ not in _FIRST_PERSON:
            continue
        if any(c.dep_ == "neg" for c in (*verb.children, *root.children)) or _conditioned(doc, verb) \
                or _another_truce(token, verb):
            continue
        return root.text
    return None


# what makes a declared truce an earlier one, not the one the sentence is about
_EARLIER = frozenset({"similar", "previous", "earlier", "prior", "former", "past"})
_BEFORE = frozenset({"before", "previously", "repeatedly", "often"})


def _another_truce(token, verb) -> bool:
    """The truce declared is another, earlier one ("a similar truce", "previous ceasefires"), or declared as a
    habit ("has announced truces before"): the history of the party's truces, not a truce it declares now."""
    if any(c.dep_ in ("amod", "det", "advmod") and c.lower_ in _EARLIER for c in token.children):
        return True
    return token.tag_ == "NNS" and any(c.dep_ == "advmod" and c.lower_ in _BEFORE for c in verb.children)


def _declared_history(doc, lexicon: Lexicon) -> str | None:
    """A declaring verb, outside side clauses, whose object is a truce ``_another_truce`` calls an earlier one
    ("Russia declared a similar truce in 2023, which Kyiv rejected"): the verb."""
    for token in _topic_tokens(doc, lexicon):
        verb = token.head
        if token.dep_ == "dobj" and verb.lemma_.lower() in _DECLARE_LEMMAS and not _in_modifier_clause(doc, verb.idx) \
                and _another_truce(token, verb):
            return verb.text
    return None


# verbs of saying or making known: negated, they report silence, not a refusal
_UNSAID = frozenset({"confirm", "comment", "say", "announce", "disclose", "specify", "publish", "mention", "reveal",
                     "respond", "acknowledge", "report"})


def _negates_saying(doc, char: int) -> bool:
    token = _token_at(doc, char)
    return token is not None and token.dep_ == "neg" and token.head.lemma_.lower() in _UNSAID


def _names_arrangement(node, doc, lexicon: Lexicon) -> bool:
    """The phrase ``node`` heads names the truce or an arrangement ("the ceasefire protocols", "the agreement"), or
    is a pronoun for it ("it does not cover ...")."""
    if node.lower_ in ("it", "this", "that"):
        return True
    base = doc[0].idx  # the patterns' offsets are the sentence's own (a Span's tokens keep the paragraph's)
    start, end = doc[node.left_edge.i].idx - base, node.idx + len(node.text) - base
    spans = (m.span() for p in (*lexicon.terms, *lexicon.weak_terms) for m in p.finditer(text_of(doc)))
    return any(s < end and e > start for s, e in spans)


_OTHER_CLAUSES = frozenset({"conj", "ccomp", "parataxis", "advcl", "cc"})


def _clause_tokens(verb) -> set:
    """The tokens of ``verb``'s own clause: its subtree without the clauses joined to it."""
    tokens = {verb}
    for child in verb.children:
        if child.dep_ not in _OTHER_CLAUSES:
            tokens.update(child.subtree)
    return tokens


def _doubted_elsewhere(doc, scope, oppose_match, lexicon: Lexicon) -> bool:
    """Whether a refusal cue or a dismissal sits outside the clause of the negated scope ``scope`` ("does not
    cover our villages, so we reject it", "does not apply to the north, it is a sham"): that clause is the
    speaker's stance, and the scope only its reason."""
    clause = _clause_tokens(scope.head if scope.dep_ in ("attr", "acomp") else scope)
    if oppose_match is not None and not any(t.idx <= oppose_match.start() < t.idx + len(t.text) for t in clause):
        return True
    dismissal = _dismisses(doc, load_evaluation(), lexicon)
    return dismissal is not None and dismissal not in clause


def _negated_scope(doc, lexicon: Lexicon, frames: Frames):
    """What the truce reaches, negated: its terms and mechanics (neutral), not a refusal. The truce (an arrangement,
    a pronoun for it) the subject of a negated verb of reach ("the ceasefire does not cover the RSF", "it does not
    apply to the townships"); a group said to be no party to it ("militias, which are not party to the ceasefire").
    A party that says so of itself ("we are not party to any truce", "said it was not a party to it") refuses it,
    and so does a modal ("a militia that occupies houses cannot be a party to a truce"): those are left to the
    refusal rules (stance_frames [scope]). Said in a clause on a noun ("militias, which are not party to it,
    kept fighting") it tells which ones, and the main clause speaks."""
    for token in doc:
        lemma = token.lemma_.lower()
        verb = token if lemma in frames.scope_verbs else token.head
        if verb.dep_ in _MODIFIER_CLAUSES:
            continue  # "militias, which are not party to the ceasefire, kept fighting": it says which militias
        if lemma in frames.scope_verbs and any(c.dep_ == "neg" for c in token.children):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and _names_arrangement(subject, doc, lexicon):
                return token
        elif lemma in frames.scope_nouns and token.dep_ in ("attr", "acomp") and _negated(token):
            of = [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "of")
                  for p in c.children if p.dep_ == "pobj"]
            subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.tag_ == "PRP" or any(c.tag_ == "MD" for c in token.head.children):
                continue  # "a militia that occupies houses cannot be a party to a truce": a refusal
            if any(_names_arrangement(p, doc, lexicon) and p.lower_ not in ("it", "this", "that") for p in of):
                return token
    return None


def _refusal_negated(doc, head, frames: Frames, lexicon: Lexicon) -> bool:
    """Whether the negated predicate ``head`` that governs the truce (:func:`_negated_topic`) is itself a refusal
    (stance_frames [refusal] refusing: "we do not reject a ceasefire", "we are not against a truce", "it has never
    opposed the pause"): a refusal negated is an openness to the truce, not a refusal of it."""
    if head.lemma_.lower() in frames.refusing:
        return True
    for token in _topic_tokens(doc, lexicon):
        node, steps = token, 0
        while steps < 3 and node.i != head.i:
            if node.lower_ in frames.refusing:
                return True  # "not against a ceasefire": the preposition of refusal between verb and truce
            node, steps = node.head, steps + 1
    return False


def _refused_in_contrast(doc, head, lexicon: Lexicon):
    """A negated clause joined to ``head`` by "but" whose object is the truce or a pronoun for it ("we do not oppose
    the truce, but we will not respect it"): the concession made, the speaker then withholds the truce. Returns the
    verb of that clause."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    if not any(c.dep_ == "cc" and c.lower_ == "but" for c in head.children):
        return None
    for verb in head.children:
        if verb.dep_ != "conj" or not _negated(verb):
            continue
        if any(c.dep_ == "dobj" and (c.i in topic or c.lower_ in _CARRIERS) for c in verb.children):
            return verb
    return None


def _negated_topic(doc, lexicon: Lexicon) -> tuple[str, object] | None:
    """A negated predicate that governs the truce ("we do not negotiate ceasefires", "a truce that lets them
    rearm is not a truce at all", "saw no point in extending the pause"): a refusal or a dismissal."""
    for token in _topic_tokens(doc, lexicon):
        node, steps = token, 0
        while steps < 3 and node.dep_ in _GOVERNED:  # the truce is what the predicate is about, not a side clause
            head = node.head
            if head.dep_ == "prep" and head.lower_ in _TIME_PREPOSITIONS:
                break  # "since the truce, it has not launched a raid": the truce dates the claim
            negated = [c for c in head.children if c.dep_ == "neg"]
            if negated and head.lemma_.lower() in _UNSAID:
                return None  # "the group has not confirmed the truce": silence about it, no refusal
            if negated and _past_halt(head):
                break  # "the enemy did not stop shelling for an hour": an accusation or a fact, no refusal
            if negated and head.tag_.startswith(("VB", "MD")) and not _in_modifier_clause(doc, head.idx):
                return f"{negated[0].text} {head.text}", head
            if head.i == node.i:
                break
            node, steps = head, steps + 1
    return None


def _conditions(sentence: str, lexicon: Lexicon, *, question: bool) -> list[str]:
    found: list[str] = []
    lowered = sentence.lower()
    taken: list[tuple[int, int]] = []
    for marker in lexicon.condition_markers:
        if question and marker == "if":
            continue  # "If we stop for 30 days, what then?" is a doubt, not a condition
        for m in re.finditer(rf"\b{re.escape(marker)}\b", lowered):
            if any(s <= m.start() < e for s, e in taken):
                continue
            rest = sentence[m.end():]
            clause = _CLAUSE_SPLIT.split(rest, maxsplit=1)[0]
            clause = re.split(r"[.?!](?:\s|$)", clause, maxsplit=1)[0].strip(" .?!")
            if len(clause.split()) >= 2:
                found.append(clause)
                taken.append((m.start(), m.end() + len(clause) + 1))
    for segment in _CLAUSE_SPLIT.split(sentence):
        words = segment.lower().split()
        if any(w in words for w in lexicon.condition_clause_words):
            clause = _LEADING_FILLER.sub("", segment.strip(" .?!")).strip()
            if len(clause.split()) >= 3 and not any(clause in f or f in clause for f in found):
                found.append(clause)
    return found


# a duration is stored in digits whatever the sentence spells ("seventy-two hours" -> "72 hours"), as the French and
# Russian ones are (multilingual.duration), so one SQL filter finds a truce's length in every language; the words
# are those the lexicon's duration pattern reads
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty-eight": 48, "sixty": 60, "seventy-two": 72, "ninety": 90}


# A time span that dates something instead of measuring the truce: "two days before delegations met", "a week
# ago", "the first exchange since / in almost two months", "over the past three weeks", "within 72 hours" (not
# "after": "the truce collapsed after five weeks" is how long it lasted)
_DATES_AFTER = re.compile(r"\s*(?:before|after|ago|later|earlier|into)\b", re.IGNORECASE)
_DATES_BEFORE = re.compile(
    r"\b(?:since|in|within|over|the past|the last)\s+(?:(?:the|almost|nearly|about|around|roughly|some|just|barely|"
    r"only|more than|less than|over|under)\s+)*$", re.IGNORECASE)
# ... or the length of something else: "four days of indirect talks", "two weeks of heavy fighting"
_SPAN_OF = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,2}?(?:talks|negotiations|consultations|discussions|meetings|"
                      r"fighting|clashes|shelling|strikes|bombardments?|bombing|war|siege|protests?)\b", re.IGNORECASE)
# The span tied to the truce: before its noun ("a 30-day truce", "a two-week humanitarian pause"), after it ("a
# truce of 30 days", "a ceasefire lasting 72 hours") or as the length of an act ("halt fighting for 30 days")
_BEFORE_TERM = re.compile(r"\s+(?:[\w-]+\s+){0,2}")
_TRUCE_NOUN = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:pause|moratorium|halt|suspension|calm|quiet|lull|extension)s?\b",
                         re.IGNORECASE)
_AFTER_TERM = re.compile(r"\s+(?:(?:that|which|would|will|to|could)\s+)*(?:of|lasting|last|for|by)\s+"
                         r"(?:(?:up to|at least|another|a further|an additional|almost|nearly|about)\s+)?",
                         re.IGNORECASE)
_FOR = re.compile(r"\bfor\s+(?:(?:another|a further|an additional|the next|up to|at least)\s+)?$", re.IGNORECASE)


def _duration(sentence: str, lexicon: Lexicon) -> str | None:
    """The truce's length, in digits ("30 days"; "seventy-two hours" -> "72 hours"): of its time spans, the one tied
    to a truce term, else one that is the length of an act ("for 30 days"), else the first that does not date
    something else (the first span of a sentence is often when things happened, "two days before the talks", not
    how long the truce lasts). None when every span dates something."""
    spans = list(lexicon.duration.finditer(sentence))
    if not spans:
        return None
    terms = [t for p in lexicon.terms for t in p.finditer(sentence)]

    def tied(m: re.Match) -> bool:
        return any(_BEFORE_TERM.fullmatch(sentence[m.end():t.start()]) for t in terms if t.start() > m.end()) \
            or any(_AFTER_TERM.fullmatch(sentence[t.end():m.start()]) for t in terms if t.end() <= m.start()) \
            or bool(_TRUCE_NOUN.match(sentence, m.end()))

    def dates(m: re.Match) -> bool:
        return bool(_DATES_AFTER.match(sentence, m.end()) or _DATES_BEFORE.search(sentence[:m.start()])
                    or _SPAN_OF.match(sentence, m.end()))

    m = next((m for m in spans if tied(m) and not dates(m)), None) \
        or next((m for m in spans if _FOR.search(sentence[:m.start()]) and not dates(m)), None) \
        or next((m for m in spans if not dates(m)), None)
    if m is None:
        return None
    number, unit = m.group(1), m.group(2).lower()
    value = int(number) if number.isdigit() else _NUMBER_WORDS.get(number.lower())
    if value is None:  # a number word the pattern reads and this table lacks: as written, rather than nothing
        return f"{number.lower()} {unit}s"
    return f"{value} {unit}{'s' if value != 1 else ''}"




def _tells_what_happened(doc, lexicon: Lexicon) -> bool:
    """The sentence's main predicate (the reported clause when the main verb is "said") is in the past or the
    perfect: "our convoy waited four hours", "we have asked for monitors", "she said they had fired first".
    Such a sentence reports a fact (a claim of compliance, an accusation, a story) whatever its speaker thinks of
    the truce; a present, future or imperative one ("it is a trap", "we will never sign") speaks for now."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    if root.lemma_.lower() in lexicon.reporting_lemmas:
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    return root.tag_ == "VBD" or (root.tag_ == "VBN" and bool(aux & {"have", "has", "had", "'ve"})) \
        or bool(aux & _PAST_AUX)


def _nothing_fired(statement) -> bool:
    """Neutral because no stance rule matched (the rule ends on the bare stance), not neutral by a rule that read
    a claim, a term or a violation (those end on "neutral(cue)")."""
    return statement.stance == "neutral" and statement.rule.endswith(":neutral")


def _within(attribution, statement) -> bool:
    """At least half of the statement's sentence lies in the attribution's content."""
    inner = min(statement.end, attribution.end) - max(statement.start, attribution.start)
    return inner >= 0.5 * (statement.end - statement.start)


def carry_opposition(statements, attributions, docs, lexicon: Lexicon):
    """A speaker's rejection or doubt goes on into the sentences of the same quotation that say it with no cue
    word ("We will never sign it. It is a trap for our people."): the guidelines' oppose covers scepticism, and a
    sentence with no cue inside one speaker's sceptical quotation is that scepticism elaborated. A sentence no
    rule gave a stance to takes the nearest positioned sentence of its quotation (the same attribution, so the
    same speaker; the narrative is in none) when that one opposes, unless it tells what happened (past or
    perfect: a claim of compliance, an accusation, a story stays neutral), nor when it opens a transcript's turn
    ("OKAFOR: Honestly, opinions are split."): the turn's first sentence takes up the question put to its speaker,
    and the doubt said after it does not reach back over it. Support and conditions are not
    carried: a party's announcement or condition is followed by its terms and mechanics, which are neutral.
    ``statements``: one paragraph's, in order; ``docs``: statement start -> the sentence's parse."""
    out = list(statements)
    for attribution in attributions:
        members = [k for k, s in enumerate(out) if _within(attribution, s)]
        positioned = [k for k in members if out[k].stance != "neutral"]
        for k in members:
            if not positioned or not _nothing_fired(out[k]) or opens_turn(out[k].text):
                continue  # (a turn's first sentence takes up the question put to its speaker: see the docstring)
            nearest = min(positioned, key=lambda p: (abs(p - k), p > k))  # the one before on a tie
            doc = docs.get(out[k].start)
            if out[nearest].stance != "oppose" or doc is None or _tells_what_happened(doc, lexicon):
                continue
            out[k] = replace(out[k], stance="oppose", rule=f"{out[k].rule[: -len('neutral')]}oppose(quotation)")
    return out


# --- frames of general English (data/stance_frames.toml) -------------------------------------------------------

DEFAULT_FRAMES = "stance_frames.toml"


@dataclass(frozen=True)
class Frames:
    """Word lists of stance_frames.toml: lemmas by the frame that reads them."""

    regarding: frozenset[str]  # "saw the truce as a first step"
    necessity: frozenset[str]  # "the only way out"
    necessity_markers: frozenset[str]
    staying: frozenset[str]  # "our units will stay in their barracks"
    places: frozenset[str]
    moving: frozenset[str]  # "we will not advance"
    halting: frozenset[str]  # "orders its fighters to cease operations"
    ordering: frozenset[str]
    forces: frozenset[str]
    obligation: frozenset[str]  # "any pause would require them to withdraw"
    expecting: frozenset[str]  # "I do not expect it to last"
    processes: frozenset[str]  # "there will be no negotiation"
    truce_acts: frozenset[str]  # "mocked the announcement"
    hypothetical: frozenset[str]
    deceiving: frozenset[str] = frozenset()  # "we will not be fooled"
    illusions: frozenset[str] = frozenset()  # "has no illusions"
    publicity: frozenset[str] = frozenset()  # "gets good headlines"
    decay: frozenset[str] = frozenset()  # "the truce is eroding"
    fighting: frozenset[str] = frozenset()  # "the guns must go silent"
    ceasing: frozenset[str] = frozenset()
    silence: frozenset[str] = frozenset()
    obliging: frozenset[str] = frozenset()
    continuing: frozenset[str] = frozenset()  # "would continue operations"
    fight: frozenset[str] = frozenset()
    bargaining: frozenset[str] = frozenset()  # "does not negotiate with them"
    quiet: frozenset[str] = frozenset()  # "wants calm on the border"
    nobody: frozenset[str] = frozenset()
    pledges: frozenset[str] = frozenset()  # "we will keep our commitments"
    keeping: frozenset[str] = frozenset()
    intention: frozenset[str] = frozenset()  # "no intention of abandoning it"
    leaving: frozenset[str] = frozenset()
    wagering: frozenset[str] = frozenset()  # "I would not bet on it"
    believing: frozenset[str] = frozenset()  # "I will believe it when ..."
    prolonging: frozenset[str] = frozenset()  # "has extended the temporary ceasefire"
    unilateral: frozenset[str] = frozenset()  # "the pause was announced by the council"
    judging: frozenset[str] = frozenset()  # "we will judge them by their actions, not their words"
    benefit: frozenset[str] = frozenset()  # "the truce has cut clashes by half"
    merit: frozenset[str] = frozenset()  # "it deserves the chance to hold"
    demand_first: frozenset[str] = frozenset()  # "wants them to disarm before any withdrawal"
    outliving: frozenset[str] = frozenset()  # "the quiet will not survive the spring"
    lifespan: frozenset[str] = frozenset()  # "I give it until spring"
    earlier: frozenset[str] = frozenset()  # "previous truces collapsed": the record cited as doubt
    failing: frozenset[str] = frozenset()
    following: frozenset[str] = frozenset()
    watching: frozenset[str] = frozenset()
    phasal: frozenset[str] = frozenset()  # "will never stop respecting it"
    heard_before: frozenset[str] = frozenset()  # "we have heard it all before"
    answering: frozenset[str] = frozenset()  # "committed to it, but will defend itself"
    enduring: frozenset[str] = frozenset()  # "committed to it, but will not sit and watch"
    phasal_keeping: frozenset[str] = frozenset()
    phasal_breaking: frozenset[str] = frozenset()
    denying: frozenset[str] = frozenset()  # "rejected that account": a denial of a charge, not of the truce
    charges: frozenset[str] = frozenset()
    scope_verbs: frozenset[str] = frozenset()  # "the truce does not cover the RSF": its reach, a term
    scope_nouns: frozenset[str] = frozenset()  # "the militias are not party to the truce"
    addressees: frozenset[str] = frozenset()  # "Will the Minister press the mediators ...?": a request to act
    requesting: frozenset[str] = frozenset()
    alternatives: frozenset[str] = frozenset()  # "the alternative to an imperfect truce is the war"
    refusing: frozenset[str] = frozenset()  # "we do not reject a ceasefire": a refusal negated
    verifying: frozenset[str] = frozenset()  # "we ask the mission to monitor compliance": mechanics, no call
    lines: frozenset[str] = frozenset()  # "the so-called yellow line": a line of the map, no truce disowned


def parse_frames(raw: bytes, where: str = DEFAULT_FRAMES) -> Frames:
    try:
        data = tomllib.loads(raw.decode("utf-8"))

        def words(table: str, key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(table, {}).get(key, []))

        return Frames(
            regarding=words("regarding", "verbs"), necessity=words("necessity", "names"),
            necessity_markers=words("necessity", "markers"), staying=words("restraint", "staying"),
            moving=words("restraint", "moving"), halting=words("restraint", "halting"),
            ordering=words("restraint", "ordering"), forces=words("restraint", "forces"),
            places=words("restraint", "places"), expecting=words("doubt", "expecting"),
            processes=words("refusal", "processes"), truce_acts=words("refusal", "truce_acts"),
            obligation=words("obligation", "verbs"), hypothetical=words("obligation", "hypothetical"),
            deceiving=words("bad_faith", "deceiving"), illusions=words("bad_faith", "illusions"),
            publicity=words("bad_faith", "publicity"), decay=words("decay", "verbs"),
            fighting=words("appeal", "fighting"), ceasing=words("appeal", "halting"),
            silence=words("appeal", "silence"), obliging=words("appeal", "obligation"),
            continuing=words("fighting_on", "continuing"), fight=words("fighting_on", "fight"),
            bargaining=words("fighting_on", "bargaining"), quiet=words("wish", "quiet"), nobody=words("wish", "nobody"),
            pledges=words("word_kept", "pledges"), keeping=words("word_kept", "keeping"),
            intention=words("word_kept", "intention"), leaving=words("word_kept", "leaving"),
            wagering=words("doubt", "wagering"), believing=words("doubt", "believing"),
            prolonging=words("declaring", "prolonging"), unilateral=words("declaring", "unilateral"),
            judging=words("doubt", "judging"), benefit=words("benefit", "verbs"), merit=words("merit", "verbs"),
            demand_first=words("demand_first", "verbs"),
            outliving=words("doubt", "outliving"), lifespan=words("doubt", "lifespan"), earlier=words("track_record", "earlier"),
            failing=words("track_record", "failing"), following=words("track_record", "following"),
            watching=words("track_record", "watching"), phasal=words("phasal", "ceasing"),
            heard_before=words("doubt", "heard_before"), answering=words("reservation", "answering"),
            enduring=words("reservation", "enduring"), phasal_keeping=words("phasal", "keeping"), phasal_breaking=words("phasal", "breaking"),
            denying=words("denial", "verbs"), charges=words("denial", "charges"),
            scope_verbs=words("scope", "verbs"), scope_nouns=words("scope", "nouns"),
            addressees=words("request", "addressees"), requesting=words("request", "verbs"),
            alternatives=words("alternative", "nouns"), refusing=words("refusal", "refusing"),
            verifying=words("appeal", "verifying"), lines=words("irony", "lines"),
        )
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError, TypeError) as exc:
        raise ConfigError(f"stance frames {where}: {exc}; fix the file (TOML tables of word lists)") from exc


@lru_cache(maxsize=1)
def load_frames() -> Frames:
    """The bundled stance frames (read once per process)."""
    return parse_frames(resources.files("pipeline.nlp").joinpath("data", DEFAULT_FRAMES).read_bytes())


def _regarded_as(token, frames: Frames):
    """What ``token`` is presented as, when it is the object of "as" on a verb of regarding ("saw the ceasefire as
    a first step", "dismissed the plan as a stunt"): the verb's object; None otherwise, or when the verb is
    negated ("did not see it as a step")."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "as" or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.lemma_.lower() not in frames.regarding or any(c.dep_ == "neg" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _indispensable(token, frames: Frames) -> bool:
    """"The only way", "the best chance": the arrangement valued as what nothing else can replace."""
    return token.lemma_.lower() in frames.necessity and any(
        c.dep_ in ("amod", "advmod") and c.lower_ in frames.necessity_markers for c in token.children)


def _own_forces(subject, frames: Frames, direct: bool) -> bool:
    """The subject is the speaker's own side: "we", "I", "our units", "my men"; in indirect speech also "its
    fighters", "their troops" (the reporting subject's own); in a quotation a bare plural of armed men ("units
    will remain in their positions"), which a party's statement uses for its own."""
    if subject.lower_ in ("we", "i"):
        return True
    if subject.lemma_.lower() not in frames.forces:
        return False
    owners = {c.lower_ for c in subject.children if c.dep_ == "poss"}
    if owners & {"our", "my"} or not direct and owners & {"its", "their"}:
        return True
    determined = any(c.dep_ in ("det", "poss", "nummod") for c in subject.children)
    return direct and subject.tag_ == "NNS" and not determined and not any(c.dep_ == "amod" for c in subject.children)


def _restraint_verb(verb, frames: Frames) -> bool:
    """The verb says its subject holds back: stays where it is ("stay in their bases", "keep their positions"), does
    not move on the other side ("will not advance"), stops the fight ("cease offensive operations") or falls
    silent ("our guns will fall silent")."""
    lemma, children = verb.lemma_.lower(), list(verb.children)
    negated = any(c.dep_ == "neg" for c in children)
    if any(c.dep_ == "acomp" and c.lower_ in frames.silence for c in children):
        return not negated  # "our guns will fall silent", "the units will stay quiet"
    if lemma in frames.staying and not negated:  # in its own positions, not anywhere ("in the hills all winter")
        places = [c for c in children if c.dep_ == "dobj"] + [g for c in children if c.dep_ == "prep" and c.lower_ in (
            "in", "at", "within", "behind", "inside", "on", "to") for g in c.children if g.dep_ == "pobj"]
        return any(p.lemma_.lower() in frames.places or p.lower_ in frames.places for p in places)
    if lemma in frames.moving:
        return negated and not any(c.dep_ in ("advcl", "prep") and c.lower_ in ("until", "unless", "before")
                                   for c in children)
    if lemma in frames.halting and not negated:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _FIGHTING for c in children)
    return False


def _promises_restraint(doc, frames: Frames, direct: bool):
    """A party's own restraint promised (the guidelines' "commits to it"): a verb of restraint (``_restraint_verb``)
    on the main line, future (or ordered now: "the command orders all units to cease operations"), whose subject
    is the speaker's own side. Told in the past it is a claim of compliance and stays neutral; said of the other
    side ("they will not advance") it is a forecast, not a commitment. Returns the verb."""
    for verb in doc:
        if verb.pos_ != "VERB" or not _restraint_verb(verb, frames):
            continue
        if _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx) or _timed_by_clause(verb):
            continue
        head = verb.head if verb.dep_ == "conj" else verb
        aux = {c.lower_ for c in list(verb.children) + list(head.children) if c.dep_ == "aux"}
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in frames.ordering:
            order = verb.head  # "orders its units to cease operations": the ordered men are the subject's own
            ordered = next((c for c in order.children if c.dep_ == "dobj"), None)
            if ordered is None or ordered.lemma_.lower() not in frames.forces or any(
                    c.dep_ == "neg" for c in order.children):
                continue
            subject = _subject(order)
            if subject is not None and _joint(subject):
                continue
            return verb
        if not (aux & _FUTURE or _performative(verb, frames)) or head.dep_ not in ("ROOT", "ccomp", "conj"):
            continue
        subject = _subject(verb) if any(c.dep_ == "nsubj" for c in verb.children) or verb.dep_ != "conj" else _subject(head)
        if subject is not None and not _joint(subject) and _own_forces(subject, frames, direct):
            return verb
    return None


_HABITUAL = frozenset({"every", "each", "always", "usually", "often", "sometimes", "again"})


def _performative(verb, frames: Frames) -> bool:
    """The first person halting the fight in the present simple: saying it is doing it ("we suspend offensive
    operations", "I halt the advance"), the announcement itself. Not a habit ("every winter we halt ...")."""
    if verb.tag_ != "VBP" or verb.lemma_.lower() not in frames.halting:
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in verb.children):
        return False
    return not any(c.dep_ in ("advmod", "npadvmod") and any(t.lower_ in _HABITUAL for t in c.subtree)
                   for c in verb.children)


def _timed_by_clause(verb) -> bool:
    """A clause says when the verb happens ("the day they disarm, our planes will stay on the ground", "once they
    leave, we will not advance"): the restraint is set against something the other side does, a condition."""
    return any(c.dep_ == "advcl" or c.dep_ in ("npadvmod", "advmod") and any(g.dep_ == "relcl" for g in c.children)
               for c in verb.children)


_MODAL_FUTURE = frozenset({"will", "would", "shall", "'ll", "can", "could"})


def _denies_existence(doc, frames: Frames):
    """"There will be no negotiation", "there can be no deal with them": an existential "there" on a future or
    modal "be" whose predicate is a process of peace (or the truce) with "no": a refusal. Not in a condition or a
    side clause ("if there is no deal, ..."), not told in the past ("there was no truce": a fact). Returns the
    noun."""
    for token in doc:
        if token.dep_ != "attr" or token.lemma_.lower() not in frames.processes and token.lower_ not in frames.processes:
            continue
        verb = token.head
        if verb.lemma_ != "be" or not any(c.dep_ == "expl" for c in verb.children):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in _MODAL_FUTURE for c in verb.children):
            continue
        if _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx) or _refusal_condition(doc, verb.idx):
            continue
        return token
    return None


def _requires_first(doc, frames: Frames, lexicon: Lexicon):
    """A truce still to come said to need something first ("any pause would require them to halt the draft",
    "that would demand guarantees"): a verb of obligation, not negated, whose subject is the truce, the
    arrangement or a pronoun for it, with a "would" on it or a truce not yet made ("any truce", "a new truce").
    Said of the truce in force ("the deal requires both sides to pull back") it tells its terms: no condition."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in frames.obligation or any(c.dep_ == "neg" for c in verb.children):
            continue
        if _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or not (subject.i in topic or subject.lower_ in _ARRANGEMENTS - _PROCESS or subject.lower_ in _CARRIERS):
            continue
        would = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in verb.children)
        unmade = any(c.dep_ in ("det", "amod") and c.lower_ in frames.hypothetical for c in subject.children)
        if would or (unmade and subject.lower_ not in _CARRIERS):
            return verb
    return None


_FIRST_PERSON = frozenset({"we", "i"})


_NOT_NOW = frozenset({"was", "were", "had", "did"})


def _not_past(verb) -> bool:
    """The verb tells the present or what lies ahead ("is eroding", "erodes", "will crumble", "may die"), not what
    happened ("collapsed within days", "has frayed": the perfect reports, too)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _NOT_NOW or a.lemma_.lower() == "have" for a in auxes):
        return False
    if any(a.tag_ == "MD" for a in auxes):
        return True
    tensed = next((a for a in auxes if a.tag_ in ("VBZ", "VBP")), None)
    return tensed is not None or verb.tag_ in ("VBZ", "VBP")


def _imputes_bad_faith(doc, frames: Frames):
    """Deceit imputed over the truce: a verb of deceiving whose doer is not the speaker's side ("they will trick
    us again", "accused the rebels of inventing a crisis"), or a passive one ("we will not be fooled"); "no
    illusions"; a gesture made for publicity ("gets good headlines", "meant for a foreign audience"). Not in a
    condition ("if they deceive us, ..."), not denied by the speaker ("we did not mislead anyone"). Returns the
    word."""
    for token in doc:
        lemma = token.lemma_.lower()
        if _in_condition(doc, token.idx):
            continue
        if token.pos_ == "VERB" and lemma in frames.deceiving:
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
                return token
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if any(c.dep_ == "neg" for c in token.children) or subject is not None and subject.lower_ in _FIRST_PERSON:
                continue
            return token
        if token.pos_ == "NOUN" and token.lower_ in frames.illusions:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
                return token
        publicity = token.lower_ in frames.publicity or token.lemma_.lower() in frames.publicity  # "audiences"
        if token.pos_ == "NOUN" and publicity and _sought(token):
            return token
    return None


def _denies_its_own_name(doc):
    """A thing denied the name it was just given: a negated "be" whose attribute repeats the noun the clause is about
    ("a mechanism that only counts our violations is not a mechanism", "talks that exclude us are not talks"): the
    speaker says it does not deserve its name, a dismissal (the truce words already read so through
    _negated_topic). The noun is the subject, or, when the parse hangs the clause off it ("a mechanism" as the head
    of a relative clause the "be" is a conjunct of), an ancestor of the "be" before it. Not in a condition. Returns
    the attribute."""
    for token in doc:
        if token.dep_ != "attr" or token.pos_ != "NOUN":
            continue
        verb = token.head
        if verb.lemma_ != "be" or not any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx):
            continue
        named = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] + list(verb.ancestors)[:3]
        if any(n.pos_ == "NOUN" and n.i < token.i and n.lemma_.lower() == token.lemma_.lower() for n in named):
            return token
    return None


# what a truce is said to have, or be there, in a clause that names it and nothing it does ("there is a ceasefire",
# "we had a truce")
_HAD = frozenset({"be", "have"})
# what makes the truce one of a series: "we had a ceasefire in July too", "every few weeks there is a ceasefire"
_SERIES = frozenset({"too", "also", "every", "each"})


def _returns_after_truce(doc, lexicon: Lexicon):
    """The record of truces that did not last: a clause that has a truce as one of a series ("we had a ceasefire in
    July too", "every few weeks there is a ceasefire") joined to one in which something happens "again" ("and in December we were running
    again", "and the shooting starts again"): the truce came and what it should have ended came back, scepticism
    from experience. The "again" clause is not negated, not modal or future (a forecast or plan: "we will meet
    again"), not a pro-verb ("they are doing it again": a repeated act charged, an accusation) and not about the
    truce itself ("it will work again"). Returns the verb of the "again" clause."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for token in doc:
        if token.lower_ != "again" or token.dep_ != "advmod":
            continue
        verb = token.head
        if verb.dep_ not in ("conj", "advcl") or verb.lemma_.lower() in ("do", "be", "have"):
            continue
        had = verb.head
        if had.lemma_.lower() not in _HAD or not any(c.i in topic and c.dep_ in ("attr", "dobj") for c in had.children):
            continue
        clause = [t for t in had.subtree if t not in set(verb.subtree)]
        if not any(t.lower_ in _SERIES for t in clause):
            continue  # "there was a truce in May, and the markets opened again": one truce, and life came back
        children = list(verb.children)
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in _MODAL_FUTURE | {"must", "should", "may", "might"}
               for c in children):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and (c.i in topic or c.lower_ == "it") for c in children):
            continue
        return verb
    return None

_SEEKING = frozenset({"get", "win", "seek", "chase", "grab", "make", "court", "earn", "want", "play"})


def _sought(token) -> bool:
    """The publicity is what the act is for or what it gets: the object of "for" ("for the cameras", "intended
    for an audience") or of a verb of getting ("gets good headlines", "plays to the audience")."""
    head = token.head
    if token.dep_ == "dobj":
        return head.lemma_.lower() in _SEEKING
    if token.dep_ == "pobj" and head.lower_ in ("for", "to"):
        return head.head.pos_ in ("VERB", "AUX") or head.head.dep_ in ("acomp", "attr")
    return False


def _earlier_truce(token, topic: set, frames: Frames) -> bool:
    """A truce that came before this one, or each of a series: a truce word (or "one" standing for it) with a mark of
    an earlier or habitual truce on it ("previous truces", "every truce", "four earlier deals", "each one")."""
    named = token.i in topic or token.lower_ in _ARRANGEMENTS - _PROCESS or token.lower_ in ("one", "ones")
    return named and any(c.dep_ in ("amod", "det", "predet") and c.lower_ in frames.earlier for c in token.children)


def _failed(verb, truce, frames: Frames) -> bool:
    """``truce`` failed by ``verb``: the subject of a verb of failing ("collapsed", "have all failed", "was broken"),
    or of a passive "followed by" an act of war ("were followed by attacks within days"). Not negated."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    if truce.dep_ == "nsubj":
        return lemma in frames.failing or lemma in frames.decay
    if truce.dep_ != "nsubjpass":
        return False
    if lemma in frames.failing:
        return True
    war = frames.fight | frames.fighting  # "followed by attacks", "by shelling"
    return lemma in frames.following and any(
        c.dep_ == "agent" and any(g.dep_ in ("pobj", "pcomp") and {g.lemma_.lower(), g.lower_} & war for g in c.children)
        for c in verb.children)


def _perfect(verb) -> bool:
    """The verb is in the perfect ("have collapsed", "have been followed", "who have watched")."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _spoken(verb, doc, lexicon: Lexicon, frames: Frames, direct: bool) -> bool:
    """The record is a speaker's case about now, not the narrative's history: quoted words, or a record in the
    perfect (which ties it to the present) that a source gives, by a verb of saying or of having watched it
    ("who have watched four truces collapse") or by "according to". A source's past simple ("earlier truces
    collapsed within weeks, according to the monitors") tells history: background."""
    if direct:
        return True
    chain = [verb, *verb.ancestors]
    sourced = any(t.lower_ == "according" for t in doc) or any(
        a.lemma_.lower() in lexicon.reporting_lemmas or a.lemma_.lower() in frames.watching for a in chain)
    return sourced and any(_perfect(a) for a in chain)


def _failed_before(doc, frames: Frames, lexicon: Lexicon, direct: bool):
    """Earlier truces said to have failed, by a speaker ("previous truces have been followed by attacks", "every
    truce has collapsed", "each one was followed by a new assault", "who have watched four previous truces
    collapse"): the record cited is a doubt that this one holds (the guidelines' scepticism). Told by the
    narrative alone ("a similar truce collapsed in 2023") it is background; in a condition, no doubt. Returns the
    verb."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for token in doc:
        if not _earlier_truce(token, topic, frames):
            continue
        verb = token.head
        if token.dep_ == "compound" and verb.lemma_.lower() in frames.failing and verb.dep_ == "dobj" \
                and verb.head.lemma_.lower() in frames.watching:  # "watched two previous truces collapse", the
            return verb.head  # small model reading "collapse" as a noun
        if token.dep_ in ("nsubj", "nsubjpass") and _failed(verb, token, frames) and not _in_condition(doc, verb.idx) \
                and _spoken(verb, doc, lexicon, frames, direct):
            return verb
    return None


def _decays(doc, frames: Frames, lexicon: Lexicon):
    """The truce failing, said now or ahead: a verb of decay ("the truce is eroding", "it will crumble") whose
    subject is the truce, the arrangement, a pronoun for it or the quiet it keeps. Told in the past ("the
    ceasefire collapsed within days") it is a fact; in a condition ("if it collapses, ...") no doubt. (Qualities of
    frailty, "it is fragile", were tried and dropped: a reporter's "the truce remains fragile" is a description,
    and the hold-out set lost one.) Returns the word."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}

    def truce(subject) -> bool:
        return subject is not None and (subject.i in topic or subject.lower_ in _ARRANGEMENTS - _PROCESS
                                        or subject.lower_ in _CARRIERS | {"they"}
                                        or subject.lemma_.lower() in ("quiet", "calm", "silence", "lull"))

    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in frames.decay:
            continue
        verb = token
        if any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx) \
                or _in_modifier_clause(doc, verb.idx) or not (_not_past(verb) or _reported_present(verb)):
            continue
        if truce(next((c for c in verb.children if c.dep_ == "nsubj"), None)):
            return token
    return None


# verbs that report what someone says or thinks: under them a past progressive is the speaker's present
_REPORTING = frozenset({"say", "warn", "tell", "note", "add", "argue", "believe", "think", "fear", "write",
                        "claim", "insist", "caution", "acknowledge", "admit", "conclude", "observe"})


def _reported_present(verb) -> bool:
    """A past progressive reported ("the monitors said the truce was eroding"): indirect speech shifts the
    speaker's present ("is eroding") into the past; told by the narrative itself ("it was eroding by then") it
    stays a fact."""
    return verb.tag_ == "VBG" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING and any(
        c.dep_ == "aux" and c.lower_ in ("was", "were") for c in verb.children)


def _calls_for_silence(doc, frames: Frames):
    """A call for the fighting to stop, with no truce word: a verb of ceasing ("stop", "end") or of falling silent
    ("go silent", "be quiet") whose subject is the fighting or its weapons, under a modal of obligation ("the guns
    must go silent", "the shelling has to stop") or a "let" ("let the guns be silent"). Not negated, not in a
    condition. Returns the verb."""
    for verb in doc:
        lemma = verb.lemma_.lower()
        silent = any(c.dep_ == "acomp" and c.lower_ in frames.silence for c in verb.children)
        if not (verb.pos_ in ("VERB", "AUX") and (lemma in frames.ceasing or silent)):
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obliged = any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in frames.obliging for c in verb.children)
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_.lower() in frames.obliging and _not_past(head) and not any(
                c.dep_ == "neg" for c in head.children):  # "the shelling has to stop", "the war needs to end"
            subject, obliged = subject or next((c for c in head.children if c.dep_ == "nsubj"), None), True
        if verb.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() == "let" and not any(
                c.dep_ in ("nsubj", "aux") for c in head.children):
            obliged = True  # "let the guns be silent", an imperative (not "they let the guns fall silent")
        if obliged and subject is not None and subject.lemma_.lower() in frames.fighting:
            return verb
    return None


_LATER_MARKS = frozenset({"when", "once", "until", "till"})
_LATER_PREPOSITIONS = frozenset({"on", "until", "till", "after"})


def _withholds_belief(doc, frames: Frames, lexicon: Lexicon):
    """Belief in the truce withheld: a negated verb of staking one's plans with "on" the truce or a pronoun for
    it ("I would not bet on it"), or a first-person belief put off to a later moment by "will" and a "when"
    clause or a date ("I will believe it when the guns are quiet"): the speaker doubts it will hold. Returns the
    verb."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for verb in doc:
        lemma = verb.lemma_.lower()
        if lemma not in frames.wagering and lemma not in frames.believing:
            continue
        if _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx):
            continue
        children = list(verb.children)
        if lemma in frames.wagering:
            staked = [g for c in children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children
                      if g.dep_ == "pobj"]
            if (_negated(verb) or _nobody(verb)) and any(g.lower_ in _CARRIERS or g.i in topic for g in staked):
                return verb
            continue
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        later = any(c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in _LATER_MARKS
                                              for m in c.children) for c in children) or any(
            c.dep_ == "prep" and c.lower_ in _LATER_PREPOSITIONS for c in children)
        if (subject is not None and subject.lower_ in _FIRST_PERSON and not _negated(verb) and later
                and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children)):
            return verb
    return None


_SPANS = frozenset({"hour", "day", "week", "month", "year", "season"})
_UNTIL = frozenset({"until", "till"})


def _gives_it_until(doc, frames: Frames, lexicon: Lexicon):
    """A lifespan granted the truce: a verb of granting (stance_frames [doubt] lifespan) whose object is the truce,
    an arrangement or a pronoun for it, with "until" a time or a counted span for its second object ("I give it
    until spring", "they give the arrangement until the end of the rains", "I would give it two weeks"): the
    speaker expects it to end, a doubt. Not negated, not in a condition; "give the truce every chance" sets no
    span. Not people given a deadline to act ("we give them until Friday to withdraw"): "them" names no truce, and
    a "to" clause on the verb makes the span a time to do something. Returns the verb."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for verb in doc:
        if verb.lemma_.lower() not in frames.lifespan or verb.pos_ != "VERB":
            continue
        children = list(verb.children)
        if _negated(verb) or _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx):
            continue
        given = [c for c in children if c.dep_ in ("dobj", "dative")
                 and (c.i in topic or c.lower_ in _CARRIERS - {"them"} or c.lower_ in _ARRANGEMENTS)]
        if not given or any(c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                           for a in c.children) for c in children):
            continue
        until = any(c.dep_ == "prep" and c.lower_ in _UNTIL for c in children)
        span = any(c.dep_ == "dobj" and c.lemma_.lower() in _SPANS and any(g.dep_ == "nummod" for g in c.children)
                   for c in children)
        if until or span:
            return verb
    return None


def _judges_by_deeds(doc, frames: Frames):
    """Words discounted against deeds: a verb of judging with a "by" phrase that sets one thing against another
    under a negation ("we will judge them by their actions, not their statements"): the speaker will not take
    the announcement at its word, a doubt. Not told in the past, not negated itself, not in a condition.
    Returns the verb."""
    for verb in doc:
        if verb.lemma_.lower() not in frames.judging or verb.pos_ != "VERB" or not _not_past(verb):
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx):
            continue
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"):
            if any(t.dep_ == "neg" and t.i > prep.i for t in prep.subtree) or any(
                    c.dep_ == "neg" for c in verb.children if c.i > prep.i):  # "by deeds and not by words"
                return verb
    return None


def _fights_on(doc, frames: Frames):
    """A party said to go on fighting, or to refuse to bargain, ahead or as its rule: "fight on", a verb of
    carrying on with the fight for object or complement ("would continue operations", "will keep fighting"),
    with a "will"/"would" or a first-person subject (the speaker's own plan); or a negated verb of bargaining in
    the present or ahead ("does not negotiate with them"). Told in the past ("fighting continued on Tuesday") it
    is a fact; in a condition ("if they attack, we will press the offensive") a threat the condition rules read.
    Returns the verb."""
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx):
            continue
        children = list(verb.children)
        negated = any(c.dep_ == "neg" for c in children)
        if lemma in frames.bargaining:
            if negated and _not_past(verb):
                return verb
            continue
        if negated or not _not_past(verb):
            continue
        if lemma in _APPEALING and _main_line(verb) and any(c.dep_ == "xcomp" and _asks_to_fight(c, frames)
                                                            for c in children):
            return verb  # "we urge our fighters to attack despite the truce": the speaker's side told to fight on
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        ahead = any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children)
        if not (ahead or subject is not None and subject.lower_ in _FIRST_PERSON):
            continue
        if lemma == "fight" and any(c.lower_ == "on" and (c.dep_ in ("prt", "advmod") or c.dep_ == "prep" and not any(
                c.children)) for c in children):
            return verb  # "will fight on" (the small model may read the particle as a preposition with no object)
        if lemma in frames.continuing and any(
                c.dep_ in ("dobj", "xcomp") and c.lemma_.lower() in frames.fight for c in children):
            return verb  # "would continue operations", "will keep fighting"
    return None


def _wishes_it_lasts(doc, lexicon: Lexicon):
    """A wish that the truce endure, in the optative or the hortative mood: a durability verb ("hold", "last")
    whose "may" comes before its subject ("may it last a year", "long may the truce hold") or that a subjectless
    "let" introduces ("let it hold until the harvest"), with the truce or a pronoun for it as the subject. The
    mood, not a cue word, says the speaker wants it: "the truce may last a week" (the modal after its subject)
    is a forecast, "they let it lapse" a report. Not negated. Returns the verb."""
    durability = load_evaluation().durability
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for verb in doc:
        if verb.lemma_.lower() not in durability and verb.lower_ not in durability:
            continue  # the model may tag "last" after "let the truce" as an adjective: the word still says it
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or not (subject.i in topic or subject.lower_ in _CARRIERS):
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx):
            continue
        optative = any(c.dep_ == "aux" and c.lower_ == "may" and c.i < subject.i for c in verb.children)
        head = verb.head
        hortative = verb.dep_ == "ccomp" and head.lemma_.lower() == "let" and not any(
            c.dep_ in ("nsubj", "aux", "neg") for c in head.children)  # "let it hold", not "they let it hold"
        if optative or hortative:
            return verb
    return None


def _deserves(doc, frames: Frames, lexicon: Lexicon):
    """The truce said to deserve something: a verb of merit (stance_frames.toml [merit]) whose subject is the truce,
    an arrangement or a pronoun for it ("it deserves the chance to hold", "any pause that reduced killings deserved
    to be taken seriously"), not negated, not in a condition or a clause on a noun, and what it deserves no word of
    blame ("deserved to collapse" is a verdict against it). Returns the verb."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    valence = load_valence()
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in frames.merit:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or not (subject.i in topic or subject.lower_ in _CARRIERS or subject.lower_ in _ARRANGEMENTS
                                   or subject.lemma_.lower() in frames.unilateral | frames.quiet):
            continue  # (a pause, a lull, the calm: the weak words of a truce, which the topic tokens leave out)
        if any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx) \
                or _in_modifier_clause(doc, verb.idx):
            continue
        deserved = [t for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp") for t in c.subtree]
        if any(valence.get(t.lower_, valence.get(t.lemma_.lower(), 0.0)) <= -_MIN_VALENCE for t in deserved):
            continue  # "it deserved to fail", "deserves its bad name"
        return verb
    return None


def _weighs_alternative(doc, frames: Frames, lexicon: Lexicon):
    """The truce weighed against what would replace it: a noun of alternative (stance_frames [alternative]) that is
    the subject of the main verb, with "to" the truce, an arrangement or a pronoun for it ("the alternative to a
    flawed ceasefire is not a better one", "the alternative to this truce is a return to war"): the speaker
    defends the truce as the lesser evil, support. Returns the noun."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for noun in doc:
        if noun.lemma_.lower() not in frames.alternatives or noun.dep_ != "nsubj" or not _main_line(noun.head):
            continue
        weighed = [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree]
        if _dismissed_within(doc, weighed, lexicon):
            continue  # "the alternative to this sham truce is more pressure": the truce dismissed, not defended
        if any(t.i in topic or t.lower_ in _ARRANGEMENTS or t.lower_ in _CARRIERS for t in weighed):
            return noun
    return None


def _dismissed_within(doc, tokens, lexicon: Lexicon) -> bool:
    """Whether ``tokens`` hold a dismissal: the evaluation lexicon's ("this farce of a truce") or a cue of the
    oppose lexicon ("this sham truce")."""
    if not tokens:
        return False
    dismissal = _dismisses(doc, load_evaluation(), lexicon)
    if dismissal is not None and dismissal in tokens:
        return True
    start, end = min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)
    return any(start <= m.start() < end for pattern in lexicon.stance.get("oppose", ())
               for m in pattern.finditer(doc.text))


_ASKING_AUX = frozenset({"will", "would"})
_WH_TAGS = frozenset({"WRB", "WP", "WDT", "WP$"})


def _requests_action(doc, frames: Frames):
    """A question that asks the one addressed to act ("Will the Minister press the mediators to secure one?",
    "Will the Secretary make clear to them that ...?"): the main verb, one of stance_frames [request] verbs, with
    "will"/"would" put before its subject, an addressee ([request] addressees: the minister, the secretary, the
    government). A request is a call, not the rhetorical doubt a question otherwise is ("Will Rabat accept that?",
    "Does the Minister accept that it exists only on paper?"). Returns the verb, None when there is none."""
    for verb in doc:
        if verb.dep_ != "ROOT" or verb.lemma_.lower() not in frames.requesting:
            continue
        aux = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in _ASKING_AUX), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if aux is None or subject is None or subject.i < aux.i or any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.lemma_.lower() == "make" and not any(c.lower_ == "clear" for c in verb.children):
            continue  # "Will the Government make this truce a cover to rearm?": only "make clear" asks to act
        if any(t.tag_ in _WH_TAGS for t in doc[:aux.i]):
            continue  # "Why would the Minister back a truce that ...?": a challenge, the rhetorical doubt
        if subject.lemma_.lower() in frames.addressees or subject.lower_ in frames.addressees:
            return verb
    return None


def _wishes_for_it(doc, frames: Frames, lexicon: Lexicon, direct: bool):
    """A party's wish for the truce, reported of it: a verb of wanting whose subject is a party (not the first
    person, which ``_values`` reads, nor "somebody", "neither side", nor in a quotation "they": the speaker telling
    what others want) with the truce, a pronoun for it or the quiet it brings in its object ("the sultanate hoped
    to build on it", "Islamabad wants calm"). Not negated anywhere in the wish ("somebody will want to prove it
    does not work"), not in a condition, a side clause or a reason given ("quiet because X wants it quiet").
    Returns the verb."""
    volition = load_evaluation().volition
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in volition and lemma + "e" not in volition:  # the model reads "hoped"
            continue  # as a form of "hop"
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in _FIRST_PERSON or subject.lower_ in frames.nobody or any(
                c.lower_ in frames.nobody for c in subject.children) or _joint(subject) \
                or direct and subject.lower_ in _THIRD_PERSON:
            continue
        if _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx) or verb.dep_ == "advcl":
            continue
        wanted = [t for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp") for t in c.subtree]
        if any(c.dep_ == "neg" for c in verb.children) or any(t.dep_ == "neg" or t.lower_ in frames.nobody
                                                              for t in wanted):
            continue
        if any(t.i in topic or t.lower_ in _ARRANGEMENTS - _PROCESS or t.lower_ in _CARRIERS
               or t.lemma_.lower() in frames.quiet for t in wanted) or _fighting_halted(wanted):
            return verb
    return None


def _keeps_its_word(doc, frames: Frames, lexicon: Lexicon, direct: bool):
    """A party's own commitment promised (the guidelines' "commits to it"): a verb of keeping, ahead and not
    negated, with the party's own pledge for object ("we will keep our commitments", in indirect speech "it would
    honour its word"; in a quotation "their word" is someone else's); or "no intention of" leaving the truce
    ("had no intention of abandoning it"). Returns the word."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    owners = {"our", "my"} if direct else {"our", "my", "its", "their", "his", "her"}
    for token in doc:
        if _in_condition(doc, token.idx) or _in_modifier_clause(doc, token.idx):
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in frames.keeping:
            children = list(token.children)
            ahead = any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children)
            if not ahead or any(c.dep_ == "neg" for c in children):
                continue
            pledged = [c for c in children if c.dep_ == "dobj"] + [
                g for c in children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
            if any(p.lemma_.lower() in frames.pledges and any(o.dep_ == "poss" and o.lower_ in owners
                                                              for o in p.children) for p in pledged):
                return token
        if token.lemma_.lower() in frames.intention and any(c.dep_ == "det" and c.lower_ == "no"
                                                              for c in token.children):
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                for verb in (g for g in prep.children if g.dep_ == "pcomp" and g.lemma_.lower() in frames.leaving):
                    if any(o.dep_ == "dobj" and (o.i in topic or o.lower_ in _CARRIERS or o.lower_ in _ARRANGEMENTS)
                           for o in verb.children):
                        return token
    return None


_DEONTIC = frozenset({"must", "should"})


def _main_line(verb) -> bool:
    """The verb is the sentence's own predicate or the clause a reporting verb at the root carries ("she said the
    army must withdraw"), or a conjunct of one: not a side, relative or adverbial clause."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ == "ROOT" or verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"


def _urges(doc, frames: Frames, lexicon: Lexicon):
    """A call with no cue word (the guidelines' "calls for"): the mood of the main line says the speaker wants
    something done: a modal of obligation on it, not negated ("the army must now pull back", "the truce should be
    protected", "peace must be lived in the villages"). (Imperatives were measured too and dropped: "let them
    sign something first" is scorn as often as "let the children go home" is a plea.) Not hindsight ("should have seen it"), not a guess ("they must be tired": "be" with no
    passive), not of nobody ("nobody should be surprised"), not a schedule ("the truce should take effect at
    noon"), not in a condition or a side clause. A "must be" + participle is a call only on the truce or the
    quiet ("the truce must be respected"); on others it is mostly a guess ("the men must be exhausted"). Returns
    the verb."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or not _main_line(verb):
            continue
        children = list(verb.children)
        if any(c.dep_ == "neg" for c in children) or _in_condition(doc, verb.idx) or _in_modifier_clause(doc, verb.idx):
            continue
        subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" and a.lower_ in _DEONTIC for a in auxes):
            if any(a.lemma_.lower() == "have" for a in auxes) or verb.lemma_ == "be" and verb.dep_ != "auxpass":
                continue
            if subject is None or subject.lower_ in frames.nobody or any(c.lower_ in frames.nobody
                                                                         for c in subject.children):
                continue
            truce = subject.i in topic or subject.lower_ in _ARRANGEMENTS or subject.lower_ in _CARRIERS \
                or subject.lemma_.lower() in frames.quiet
            if truce and verb.lemma_.lower() in _ARRIVING:
                continue
            if any(a.lower_ == "must" for a in auxes) and any(a.dep_ == "auxpass" for a in auxes) and not truce:
                continue  # "they must be exhausted": a guess; "the truce must be respected": a call
            return verb
    return None


_REPORTED_SELF = frozenset({"he", "she"})


def _appeals_to_others(doc, frames: Frames):
    """A call on others to act, in the speaker's own voice ("we invite the army to do the same", "we are pressing
    both parties to move to the second phase", "he said he would ask the committee to extend the zone"): a verb
    of appeal (the appeal rule's, _APPEALING) on the main line with an infinitive complement, its subject the
    speaker (I, we; he or she in reported words), not negated, not in a condition, not told in the perfect ("we
    have asked them to send monitors" reports an act), and the act asked not verification (stance_frames [appeal]
    verifying: "we ask the mission to monitor compliance" is the truce's mechanics, neutral). The guidelines'
    "calls for": support. Returns the verb."""
    for verb in doc:
        if verb.lemma_.lower() not in _APPEALING or not _main_line(verb):
            continue
        children = list(verb.children)
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        if subject is None or not (subject.lower_ in _FIRST_PERSON
                                   or subject.lower_ in _REPORTED_SELF and verb.dep_ == "ccomp"):
            continue
        if any(c.dep_ == "neg" for c in children) or _in_condition(doc, verb.idx) or _perfect(verb):
            continue  # "we have asked the agency to send monitors": a report of what was done
        asked = [c for c in children if c.dep_ == "xcomp" and c.lemma_.lower() not in frames.verifying]
        if asked and not any(_asks_to_fight(act, frames) for act in asked):
            return verb  # (asking others to monitor compliance is the truce's mechanics, neutral)
    return None


def _appeals_to_fight(doc, char: int) -> bool:
    """The cue at ``char`` is a verb of appeal (_APPEALING) whose infinitive asks for the fight ("we urge our
    fighters to attack", "they called on the brigades to keep fighting"; _asks_to_fight): a call to fight on, no
    call for the truce."""
    verb = _token_at(doc, char)
    if verb is None or verb.lemma_.lower() not in _APPEALING:
        return False
    frames = load_frames()
    return any(c.dep_ == "xcomp" and _asks_to_fight(c, frames) for c in verb.children)


_DEMANDING = _APPEALING | {"demand"}


def _ending_asked(verb, lexicon: Lexicon):
    """The act ``verb`` (a verb of appeal or demand) asks for, when it ends the truce: an infinitive or clause whose
    verb is one of leaving (stance_frames [word_kept] leaving: "to scrap the ceasefire", "that it abandon the truce")
    with the truce, an arrangement or a pronoun for it for object, not negated. Returns the act."""
    frames = load_frames()
    fighting = frames.fighting | frames.fight
    topic = {t.i for t in _topic_tokens(verb.doc, lexicon)}
    for act in verb.children:
        if act.dep_ not in ("xcomp", "ccomp") or act.lemma_.lower() not in frames.leaving:
            continue
        if any(c.dep_ == "neg" for c in act.children):
            continue  # "urged them not to abandon the truce": a call for it
        if any(c.dep_ == "dobj" and (c.i in topic or c.lower_ in _ARRANGEMENTS or c.lower_ in _CARRIERS)
               and c.lemma_.lower() not in fighting for c in act.children):
            return act  # (not "to end air strikes", "to suspend the bombardments": a call for the truce)
    return None


def _appeals_to_end(doc, char: int, lexicon: Lexicon) -> bool:
    """The cue at ``char`` is a verb of appeal or demand that asks for the truce to be left ("nationalist groups
    called on the government to scrap the ceasefire"; _ending_asked): a call against the truce, no call for it."""
    verb = _token_at(doc, char)
    return verb is not None and verb.lemma_.lower() in _DEMANDING and _ending_asked(verb, lexicon) is not None


def _urges_an_end(doc, lexicon: Lexicon):
    """A call to leave the truce ("have called on the government to scrap the ceasefire", "urged the council to
    abandon the deal"): a verb of appeal or demand, not negated, not in a condition, whose act asked ends the truce
    (_ending_asked). Who calls for the truce to go rejects it: oppose. Returns the verb."""
    for verb in doc:
        if verb.lemma_.lower() not in _DEMANDING or verb.pos_ != "VERB":
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _in_condition(doc, verb.idx):
            continue
        if _ending_asked(verb, lexicon) is not None:
            return verb
    return None


def _asks_to_fight(act, frames: Frames) -> bool:
    """Whether the act asked, ``act`` (the appeal's infinitive), is fighting: a verb of the fight ("to attack") or
    a verb of carrying on with the fight for object or complement ("to resume the offensive", "to keep fighting";
    stance_frames [fighting_on]). Asking for that is no call for the truce; asking them not to ("called on the
    other forces not to attack the town") is one."""
    if any(c.dep_ == "neg" for c in act.children):
        return False
    lemma = act.lemma_.lower()
    if lemma in frames.fight:
        return True
    return lemma in frames.continuing and any(
        c.dep_ in ("dobj", "xcomp") and c.lemma_.lower() in frames.fight for c in act.children)


def _does_good(doc, frames: Frames, lexicon: Lexicon, direct: bool):
    """The verb by which the truce is said to relieve people ("the truce has cut the killings by half", "a pause
    would save the harvest", "the halt allowed the convoys through"): a truce word the subject of a verb of relief
    (stance_frames.toml [benefit]), not negated, not in a condition, and what it lets happen no act of war ("allowed
    them to regroup" is an accusation). Someone must say it: in a quotation, in a reported clause or ahead (a
    "would"); a reporter's own line ("the ceasefire that collapsed had allowed trucks in") is a fact. None when no
    clause says so."""
    for token in _topic_tokens(doc, lexicon):
        if token.dep_ != "nsubj" or any(c.dep_ in _MODIFIER_CLAUSES for c in token.children):
            continue  # "the ceasefire that collapsed in March had allowed ...": which truce, a past one
        verb = token.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in frames.benefit:
            continue
        said = direct or verb.dep_ == "ccomp" or any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children)
        if not said:
            continue
        children = list(verb.children)
        if any(c.dep_ in ("neg", "prt") for c in children) or _negated(verb) or _in_condition(doc, verb.idx):
            continue  # "did not reduce", "cut off the town", "if the truce allows ..."
        allowed = [t for c in children if c.dep_ in ("xcomp", "ccomp", "dobj", "advcl") for t in c.subtree]
        if any(t.lemma_.lower() in frames.fight or t.lemma_.lower() in _FIGHTING_VERBS
               or t.lemma_.lower() in lexicon.attack_lemmas for t in allowed):
            continue  # "the truce allowed them to rearm", "gave them time to regroup"
        return verb
    return None


# auxiliaries that put a verb ahead of the moment of speaking (a promise, a forecast, a call), not a report
_AHEAD = frozenset({"will", "would", "shall", "'ll", "must", "should", "can", "could", "'d", "to"})


def _ceased_complement(token, frames: Frames):
    """(the verb of ceasing or "longer", whether it is negated) when ``token``, a verb of keeping or breaking a
    truce, is what a verb of ceasing governs ("stop respecting", "cease to observe") or carries "no longer";
    None otherwise."""
    head = token.head
    if token.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in frames.phasal and head.i < token.i:
        return head, any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)
    longer = next((c for c in token.children if c.dep_ == "advmod" and c.lower_ == "longer"), None)
    if longer is not None and any(c.lower_ == "no" for c in (*longer.children, *token.children)):
        return token, False  # "no longer respects it": the same turn, and "no" is the turn's, not a negation
    return None


def _ceases_to(doc, frames: Frames):
    """(stance, verb) when a verb of ceasing turns a verb of keeping or breaking the truce round ("will never stop
    respecting it", "has stopped observing it", "must stop violating it"): whether the truce is kept is read
    through the turn and its negation; said ahead it is a commitment or call (support) or a rejection or doubt
    (oppose), told it is a claim of compliance or an accusation (neutral). None when no such turn, or when it
    sits in a condition (the condition rules read it) or a question."""
    if doc.text.rstrip().rstrip("\u201d\"'").endswith("?"):
        return None
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma not in frames.phasal_keeping and lemma not in frames.phasal_breaking:
            continue
        turn = _ceased_complement(token, frames)
        if turn is None or _in_condition(doc, turn[0].idx) or _condition_clause(turn[0]) is not None:
            continue  # "if they shell us, we will stop observing it": a threat, the condition rules read it
        verb, negated = turn
        kept = (lemma in frames.phasal_breaking) != negated
        ahead = verb.dep_ in ("xcomp", "ccomp") and any(c.lower_ == "to" for c in verb.children) or any(
            c.dep_ == "aux" and c.lower_ in _AHEAD for c in verb.children)
        if not ahead:
            return "neutral", verb
        return ("support" if kept else "oppose"), verb
    return None


_PRESENT = frozenset({"VBZ", "VBP"})
# the marks of what the promise waits for: "when" and "once" ("we will accept the truce once the militia leaves")
_HELD_MARKS = frozenset({"when", "once"})
_BACKSHIFTED = frozenset({"VBD"})  # "would extend it when the strikes stopped": reported speech's present


def _held_until(doc, lexicon: Lexicon):
    """The "when" or "once" of a promise held back until something still to happen happens ("we will extend it when
    the air strikes stop", "we will accept the truce once the militia leaves"): a main-clause future verb, not
    negated, with a "when" or "once" clause in the present tense (what has not happened yet; after a reported
    "would", in the past tense too) whose subject is not the truce arriving ("when the truce takes effect" tells the time, ``_arrival``). None otherwise."""
    topic = {t.i for t in _topic_tokens(doc, lexicon)}
    for verb in doc:
        if verb.dep_ not in ("ROOT", "ccomp", "conj") or verb.pos_ != "VERB":
            continue
        children = list(verb.children)
        if not any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children) or any(c.dep_ == "neg" for c in children):
            continue
        for clause in children:
            when = next((c for c in clause.children if c.dep_ in ("advmod", "mark") and c.lower_ in _HELD_MARKS), None)
            if clause.dep_ != "advcl" or when is None or _conceded(clause) or clause.i < verb.i:
                continue
            if when.i > 0 and doc[when.i - 1].lower_ == "even":
                continue  # "even when they fly over": conceded (the small model hangs "even" anywhere)
            tensed = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
            # reported speech shifts both back ("said they would withdraw once the families were released"): after
            # "would", a past tense in the clause is still what has not happened yet
            reported = any(c.dep_ == "aux" and c.lower_ == "would" for c in children)
            tenses = _PRESENT | _BACKSHIFTED if reported else _PRESENT
            if not any(t.tag_ in tenses for t in tensed) or any(c.dep_ == "neg" for c in clause.children):
                continue
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.i in topic or subject.lower_ in ("it", "peace") or (
                    subject.lower_ in _ARRANGEMENTS):
                continue  # "when it takes effect": the truce's own time
            return when
    return None


_ONCE = frozenset({"one", "once", "a"})


def _repeated(verb) -> bool:
    """``verb`` carries "before" ("heard it all before", "been here before") or a count of more than one time ("read
    the same letter three times")."""
    near = [*verb.children, *(g for c in verb.children for g in c.children)]  # "been here before with ...": the
    # small model may hang "before" on a phrase of the verb
    if any(t.lower_ == "before" and t.dep_ == "advmod" for t in near):
        return True
    return any(c.lower_ == "times" and c.dep_ == "npadvmod"
               and any(n.dep_ == "nummod" and n.lower_ not in _ONCE for n in c.children) for c in verb.children)


def _heard_before(doc, frames: Frames):
    """A verb of having been through it, told in the past or perfect, not negated, with "before" or a count of
    times ("we have heard it all before", "she had been promised ceasefires before"): the truce met as a promise
    heard too often, a doubt. Returns the verb; None otherwise or when it sits in a condition."""
    for verb in doc:
        if verb.lemma_.lower() not in frames.heard_before or verb.pos_ not in ("VERB", "AUX"):
            continue
        children = list(verb.children)
        told = verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children)
        if not told or any(c.dep_ == "neg" for c in children) or _in_condition(doc, verb.idx):
            continue
        if _repeated(verb):
            return verb
    return None


def _must_first(doc):
    """A "must ... first" beside a commitment ("we are ready to extend it, but the blockade must end first"): a verb
    with "must" and "first" on it, not negated, not in a clause on a noun: what must come first is the guidelines'
    "must first", a condition. Returns the "first"."""
    for verb in doc:
        children = list(verb.children)
        if not any(c.dep_ == "aux" and c.lower_ == "must" for c in children) or any(c.dep_ == "neg" for c in children):
            continue
        if _in_modifier_clause(doc, verb.idx):
            continue
        if _halts_the_fight(verb):
            continue  # "the guns must fall silent first": what comes first is the truce itself, a call for it
        first = next((c for c in children if c.lower_ == "first" and c.dep_ == "advmod"), None)
        if first is not None:
            return first
    return None


def _halts_the_fight(verb) -> bool:
    """``verb`` has the fight or its tools for subject or object ("the guns must fall silent", "must silence the
    guns", "the shelling must stop"; stance_frames [appeal] fighting): what it asks is the truce itself."""
    fighting = load_frames().fighting
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in fighting for c in verb.children)


def _reserves(doc, frames: Frames):
    """The "but" of a reservation on a commitment ("remains committed to the ceasefire but will defend itself
    against any aggression", "but will not show restraint"): a verb coordinated after "but", said ahead, that
    answers force (not negated) or negates holding back. Returns the "but"; None otherwise."""
    for but in doc:
        if but.lower_ != "but" or but.dep_ != "cc":
            continue
        for verb in but.head.children:
            if verb.dep_ != "conj" or verb.i < but.i:
                continue
            children = list(verb.children)
            negated = any(c.dep_ == "neg" for c in children)
            if _demanded_of_other(verb) and not negated:
                return but  # "ready to extend it, but the blockade must end first": a demand set beside it
            if not _said_ahead(verb, children):
                continue
            lemma = verb.lemma_.lower()
            if (lemma in frames.answering and not negated) or (lemma in frames.enduring and negated):
                return but
            if lemma in frames.continuing and not negated and any(
                    c.dep_ in ("dobj", "xcomp") and c.lemma_.lower() in frames.answering | frames.fight
                    for c in children):
                return but  # "but would continue to act against any threat", "but would continue operations"
    return None


def _said_ahead(verb, children) -> bool:
    """``verb`` carries a future auxiliary, its own or, with no subject or auxiliary of its own, the one of the verb
    it is coordinated with ("would keep to the ceasefire but act against any threat": "would" governs both)."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children):
        return True
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.head.children)


# what a "must" asks of the truce itself when the speaker wants it kept ("but it must hold"): a wish, no demand
_KEPT = frozenset({"hold", "last", "respect", "observe", "implement", "extend", "renew", "start", "begin", "become",
                   "stay", "remain", "honour", "honor", "continue", "succeed", "work"})


def _demanded_of_other(verb) -> bool:
    """``verb`` carries a "must" and a subject that is not the speaker ("but the blockade must end first", "but that
    its detained leaders must be freed", "but it must take into account the root causes"): a demand. Not "we must"
    (the speaker's own duty) nor a "must" that wants the truce kept ("but it must hold")."""
    children = list(verb.children)
    if not any(c.dep_ == "aux" and c.lower_ == "must" for c in children) or verb.lemma_.lower() in _KEPT:
        return False
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lower_ not in _FIRST_PERSON and not _halts_the_fight(verb)
