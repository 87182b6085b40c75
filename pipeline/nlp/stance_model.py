"""The learned English stance (issue #14): a small bag-of-words classifier that reads a resolved statement and the
rules' decision on it, and gives the statement's stance.

The model is spaCy's TextCatBOW (unigrams and bigrams) over :func:`features`: the sentence's words, then one token
for each part of the rules' decision (their stance, the evidence, the speaker kind, the cue, whether the words are
quoted, whether a speaker was found; for a French or Russian statement, the name of the stance rule that decided,
which is all its rule string carries). Trained by ``tools/train_stance.py`` on the matched gold statements of the
English tuning sets, it is shipped in ``data/stance_model/`` beside ``trained.json`` (what it was trained on, and
the ``ANALYSIS_VERSION`` of the rules whose decisions it read). Because it reads the rules' decision, it must be
retrained whenever the rules change (tests/test_stance_model.py holds it to that).

The model is loaded once per process, the first time an English statement needs it; French and Russian statements
never reach it.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import replace
from functools import cache
from pathlib import Path

from .stance import _conditions as rules_conditions  # the rules' condition finder, as detect applies it

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "data" / "stance_model"
TRAINED = MODEL_DIR / "trained.json"  # the sets, their sha256, the row count and ANALYSIS_VERSION it was trained at
LABELS = ("support", "conditional", "oppose", "neutral")
LANGUAGE = "en"
TOPIC = "ceasefire"  # the lexicon's topic the training sets are labelled for: another topic keeps the rules' stance

# a statement's rule: "<detector>/<evidence>:<speaker kind>[+quote]:<stance>[(<cue>)]"
_RULE = re.compile(r"^[^/]*/(?P<evidence>[^:]*):(?P<kind>[^:+]*)(?P<quote>\+quote)?:(?P<stance>[a-z]+)(?:\((?P<cue>.*)\))?$")
# a French or Russian statement's rule: "fr_ru:<the stance rule that decided>" (multilingual.stance)
_ML_RULE = re.compile(r"^fr_ru:(?P<name>\w+)")
_LOCK = threading.Lock()
_MODEL = None


def features(statement) -> str:
    """The text the classifier reads for ``statement`` (a resolved statement, as the rules left it): its words, then
    one token per part of the rules' decision. Training and inference both read this."""
    parts = [f"RS_{statement.stance}", f"SK_{statement.speaker_kind}", f"DQ_{int(bool(statement.direct_quote))}",
             f"SP_{int(statement.speaker is not None)}"]
    m = _RULE.match(statement.rule)
    if m is not None:
        parts.append(f"EV_{m.group('evidence')}")
        cue = (m.group("cue") or "none").lower()
        cue = cue.replace("?", " question ").replace("...", " gap ")  # "(?)": a rhetorical question, by the rules
        parts.append("CUE_" + (re.sub(r"\W+", "_", cue.strip()) or "mark")[:40])
    elif (ml := _ML_RULE.match(statement.rule)) is not None:
        parts.append(f"RL_{ml.group('name')}")
    return statement.text + " " + " ".join(parts)


@cache
def trained_on() -> dict:
    """What the shipped model was trained on (``trained.json``)."""
    return json.loads(TRAINED.read_text(encoding="utf-8"))


def applies(lexicon) -> bool:
    """Whether statements found with ``lexicon`` get the model's stance: English ceasefire statements only."""
    return lexicon is not None and getattr(lexicon, "language", None) == LANGUAGE and getattr(lexicon, "topic", None) == TOPIC


def model():
    """The shipped classifier, loaded once per process (on first use: a worker with no English statement never
    loads it)."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            import spacy

            _MODEL = spacy.load(MODEL_DIR)
            log.info("loaded the stance model (%s rows, analysis version %s)", trained_on().get("rows"),
                     trained_on().get("analysis_version"))
        return _MODEL


def label(docs) -> list[str]:
    """The model's label of each scored doc (ties go to the first in :data:`LABELS`)."""
    return [max(LABELS, key=lambda lab: doc.cats[lab]) for doc in docs]


def relabel(statements: list, lexicon) -> list:
    """``statements`` with the model's stance, when ``lexicon`` is the English ceasefire one. The rules' stance stays
    in each statement's provenance: ``rule`` gets ``|model(rules <stance>)``; where the stance changes, so does the
    CAMEO code (the lexicon's code for the new stance) and the conditions (:func:`_conditions`)."""
    if not statements or not applies(lexicon):
        return statements
    nlp = model()
    labels = label(nlp.pipe(features(s) for s in statements))
    return [_relabelled(s, new, lexicon) for s, new in zip(statements, labels, strict=True)]


def _relabelled(statement, stance: str, lexicon):
    rule = f"{statement.rule}|model(rules {statement.stance})"
    if stance == statement.stance:
        return replace(statement, rule=rule)
    return replace(statement, stance=stance, rule=rule, cameo_code=_cameo(statement.text, stance, lexicon),
                   conditions=_conditions(statement, stance, lexicon))


def _conditions(statement, stance: str, lexicon) -> tuple[str, ...]:
    """The conditions a statement relabelled ``stance`` keeps. The guidelines' conditions are the ones a speaker
    attaches to accepting ("accepts only with conditions, or demands conditions first"): a statement that is not
    conditional attaches none (the rules never give it any, and in the tuning sets no support or oppose statement
    has one), and one the model makes conditional gets the rules' own condition finder's paraphrases."""
    if stance != "conditional":
        return ()
    if statement.conditions:
        return statement.conditions
    m = _RULE.match(statement.rule)
    return tuple(rules_conditions(statement.text, lexicon, question=m is not None and m.group("cue") == "?"))


def _cameo(sentence: str, stance: str, lexicon) -> str | None:
    """The lexicon's CAMEO code of ``stance`` for ``sentence``, as the rules choose it (a support that appeals or
    demands gets their code); a neutral statement has none of its own."""
    cameo = getattr(lexicon, "cameo", {})
    if stance in ("oppose", "conditional"):
        return cameo.get(stance)
    if stance == "support":
        patterns = getattr(lexicon, "cameo_patterns", {})
        for key in ("support_demand", "support_appeal"):
            if any(p.search(sentence) for p in patterns.get(key, ())):
                return cameo.get(key)
        return cameo.get("support_agree")
    return None
