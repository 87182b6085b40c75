"""The learned English stance (pipeline/nlp/stance_model.py, issue #14): the shipped model matches the rules and
the sets it was trained on, and the pipeline gives English statements its label. Sentences written for these tests."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import article_statements, resolved_article
from pipeline.nlp import stance_model
from pipeline.nlp.analyse import ANALYSIS_VERSION
from pipeline.nlp.lexicon import load_lexicon
from pipeline.nlp.multilingual import language_lexicon

REPO = Path(__file__).resolve().parent.parent


def _trainer():
    spec = importlib.util.spec_from_file_location("train_stance", REPO / "tools" / "train_stance.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------------------------------ the shipped model


def test_the_model_was_trained_on_these_rules():
    # the model reads the rules' decision as features: rules changed (ANALYSIS_VERSION bumped) without retraining
    # leave it reading decisions it never saw. Retrain: uv run python tools/train_stance.py train
    assert stance_model.trained_on()["analysis_version"] == ANALYSIS_VERSION


def test_the_model_was_trained_on_the_english_tuning_sets_only():
    sets = stance_model.trained_on()["sets"]
    assert tuple(sets) == _trainer().SETS
    # no frozen set, no French or Russian set, and not the current blind gate (dev26, written this session)
    assert not [s for s in sets if s.startswith(("eval", "fr_", "ru_")) or s == "dev26"]
    assert "dev25" in sets  # the previous blind gate, now a tuning set


@pytest.mark.slow
def test_retraining_gives_the_shipped_model(tmp_path):
    # the proof that the shipped model is the one the code and the sets make: training is deterministic (fixed seed
    # and order), so a retrained model records the same training and gives the same label to every training row.
    # Bytes are not compared: the output layer's matrix products go through the machine's BLAS, whose kernels (and
    # so the last bits of a float) depend on the CPU, and CI runs on another machine than the one that trained it.
    import spacy

    trainer = _trainer()
    rows = trainer.extract(trainer.SETS)
    trainer.write(trainer.train(rows), rows, tmp_path / "model")
    assert json.loads((tmp_path / "model" / "trained.json").read_text()) == stance_model.trained_on()
    fresh, shipped = spacy.load(tmp_path / "model"), spacy.load(stance_model.MODEL_DIR)
    texts = [r["features"] for r in rows]
    drift = 0.0
    for a, b in zip(fresh.pipe(texts), shipped.pipe(texts), strict=True):
        assert max(a.cats, key=a.cats.get) == max(b.cats, key=b.cats.get), a.text
        drift = max(drift, *(abs(a.cats[k] - b.cats[k]) for k in a.cats))
    assert drift < 1e-3, drift


# ------------------------------------------------------------------------------------------------ in the pipeline


CONDITIONAL = ("\u201cWe will accept a ceasefire only if the enemy withdraws its tanks from the border,\u201d said "
               "Colonel Ivo Marsh.")


def _stance(paragraph: str):
    statements = article_statements(paragraph, learned_stance=True)
    found = [s for s in statements if s.text.startswith(paragraph[:12])]
    assert len(found) == 1, [s.text for s in statements]
    return found[0]


@pytest.mark.parametrize("paragraph, expected", [
    ("The foreign minister, Anika Dahl, warmly welcomed the ceasefire and thanked the mediators for their work.",
     "support"),
    ("\u201cThis so-called truce is a cynical trick and nobody here believes in it,\u201d said Colonel Ivo Marsh.",
     "oppose"),
    ("\u201cOur forces have fully observed the ceasefire since it took effect,\u201d said Colonel Ivo Marsh.",
     "neutral"),
    (CONDITIONAL, "conditional"),
])
def test_english_statements_get_the_models_stance(paragraph, expected):
    statement = _stance(paragraph)
    assert statement.stance == expected
    assert "|model(rules " in statement.rule  # the model decided, after the rules


def test_the_rules_stance_stays_in_the_provenance():
    # the same statement resolved by the rules alone (what the model is trained on) and with the model: the
    # rules' stance is in the rule string, and the conditions the rules extracted stay
    (rules,) = [s for s in resolved_article(CONDITIONAL, learned_stance=False)[1].statements if s.text == CONDITIONAL]
    (learned,) = [s for s in resolved_article(CONDITIONAL)[1].statements if s.text == CONDITIONAL]
    assert "|model" not in rules.rule
    assert learned.rule == f"{rules.rule}|model(rules {rules.stance})"
    assert learned.conditions == rules.conditions and learned.conditions
    assert stance_model.features(rules).startswith(CONDITIONAL + " RS_")


def test_only_english_ceasefire_statements_are_relabelled():
    assert stance_model.applies(load_lexicon())
    assert not stance_model.applies(language_lexicon("fr")) and not stance_model.applies(language_lexicon("ru"))
    assert not stance_model.applies(None)


def test_no_statement_loads_no_model(monkeypatch):
    monkeypatch.setattr(stance_model, "_MODEL", None)
    monkeypatch.setattr(stance_model, "model", lambda: pytest.fail("loaded with nothing to label"))
    assert stance_model.relabel([], load_lexicon()) == []


def test_the_trained_record_is_json_with_its_counts():
    record = json.loads(stance_model.TRAINED.read_text(encoding="utf-8"))
    assert record["rows"] == sum(record["labels"].values()) > 0


def test_a_hope_that_the_truce_holds_is_support():
    # the guidelines' support (a welcome of the truce); the model reads it so whatever the rules' word on it
    statement = _stance("Rita Holm said she hoped the truce would hold through the winter.")
    assert statement.stance == "support" and statement.cameo_code == load_lexicon().cameo["support_agree"]


def test_the_models_label_is_the_statements_stance(monkeypatch):
    # wiring: whatever the model says is what the statement gets, with the lexicon's CAMEO code for it
    monkeypatch.setattr(stance_model, "label", lambda docs: ["oppose" for _ in docs])
    statement = _stance("The foreign minister, Anika Dahl, warmly welcomed the ceasefire and thanked the mediators.")
    assert statement.stance == "oppose" and statement.cameo_code == load_lexicon().cameo["oppose"]
    assert statement.rule.endswith("|model(rules support)")


def test_a_statement_the_model_makes_unconditional_keeps_no_conditions(monkeypatch):
    # the guidelines' conditions are what a speaker attaches to accepting: a support, oppose or neutral statement
    # attaches none (the rules never give it any), so the rules' conditions go with their conditional stance
    monkeypatch.setattr(stance_model, "label", lambda docs: ["support" for _ in docs])
    statement = _stance(CONDITIONAL)
    assert statement.stance == "support" and statement.conditions == ()
    assert statement.rule.endswith("|model(rules conditional)")


def test_a_statement_the_model_makes_conditional_gets_the_rules_conditions():
    # the rules' condition finder paraphrases the condition of a statement they had not called conditional
    (rules,) = [s for s in resolved_article(CONDITIONAL, learned_stance=False)[1].statements if s.text == CONDITIONAL]
    unconditional = replace(rules, stance="support", conditions=(), rule=rules.rule.replace(":conditional", ":support"))
    relabelled = stance_model._relabelled(unconditional, "conditional", load_lexicon())
    assert relabelled.stance == "conditional" and relabelled.conditions == rules.conditions != ()


# ------------------------------------------------------------------------------------------------ French and Russian
# measured, not shipped (issue #20): ``tools/train_stance.py loso --language fr|ru`` trains the same model on a
# language's tuning sets; the model alone did not beat that language's rules by the 3% that would ship it


def test_the_french_and_russian_measurement_reads_their_tuning_sets_only():
    language_sets = _trainer().LANGUAGE_SETS
    assert language_sets["en"] == _trainer().SETS
    for language in ("fr", "ru"):
        sets = language_sets[language]
        assert sets and all(s.startswith(f"{language}_") for s in sets)
        # the numbered eval sets are the lead's frozen gate: never trained on
        assert not [s for s in sets if s.startswith(f"{language}_eval") and s != f"{language}_eval"]


@pytest.mark.parametrize("language, context, paragraph", [
    ("fr", "Les bombardements de l'artillerie ont repris lundi près de la frontière, où les troupes se font face.",
     "« Nous refusons cette trêve, qui n'est qu'une ruse de l'ennemi », a déclaré le colonel Ivo Marsh."),
    ("ru", "Артиллерийские обстрелы возобновились в понедельник у границы, где стоят войска обеих сторон.",
     "«Мы отвергаем это перемирие, это уловка противника», — заявил полковник Иван Маршев."),
])
def test_a_french_or_russian_statement_reads_with_its_stance_rule(language, context, paragraph):
    # the multilingual rule ("fr_ru:<the stance rule that decided>") is the decision token the model reads there
    from conftest import resolved_in
    from pipeline.nlp import french, russian

    found = resolved_in(language, {"fr": french, "ru": russian}[language], [context, paragraph]).statements
    (statement,) = [s for s in found if s.text == paragraph]
    assert statement.rule.startswith("fr_ru:") and "|model" not in statement.rule  # the rules' stance stays
    name = statement.rule.removeprefix("fr_ru:")
    assert stance_model.features(statement) == (f"{paragraph} RS_{statement.stance} SK_{statement.speaker_kind} "
                                                f"DQ_1 SP_1 RL_{name}")


def _rows(name: str, text: str, gold: str, count: int) -> list[dict]:
    return [{"set": name, "features": f"{text} RS_neutral SK_person DQ_1 SP_1 RL_none", "rules": "neutral",
             "gold": gold} for _ in range(count)]


def test_the_measurement_trains_on_the_other_language_rows_and_never_scores_them(capsys):
    # ``loso --language fr|ru --with-english``: the English rows join every training but are never a left-out set.
    # Here only the "English" rows teach that a word the rules call neutral is support: the left-out set gets it
    # right with them and wrong without them.
    trainer = _trainer()
    english = _rows("dev", "ceasefire welcomed", "support", 40)
    rows = _rows("ru_a", "talks continue", "neutral", 20) + _rows("ru_b", "ceasefire welcomed", "support", 6)
    alone = trainer.loso(rows, ("ru_a", "ru_b"), seeds=(0, 1))
    joined = trainer.loso(rows, ("ru_a", "ru_b"), seeds=(0, 1), extra=english)
    assert set(joined) == {"ru_a", "ru_b", "all"}  # the English set is never left out or counted
    assert joined["ru_b"]["n"] == 6 and joined["ru_b"]["rules"] == 0
    assert [alone["ru_b"][f"model{s}"] for s in (0, 1)] == [0, 0]  # trained on ru_a alone: all neutral
    assert [joined["ru_b"][f"model{s}"] for s in (0, 1)] == [6, 6]
    assert joined["all"]["rules"] == 20 and joined["all"]["n"] == 26
    assert "spread 0" in capsys.readouterr().out
