"""bench/statements.py --rules-only: English stance scored by the rules alone, the learned model off. The tuning
sets are the model's training rows, so only the rules' own stance measures a stance rule there."""

import importlib.util
import sys
from pathlib import Path

import pytest

from pipeline.nlp import stance_model

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
spec = importlib.util.spec_from_file_location("statements_bench", REPO / "bench" / "statements.py")
statements_bench = importlib.util.module_from_spec(spec)
sys.modules["statements_bench"] = statements_bench
spec.loader.exec_module(statements_bench)

SET = '''
[[articles]]
id = "r1"
trap = false
paragraphs = ["Fighting between the army and the rebels in the north has killed dozens this month.",
              "The foreign minister, Anika Dahl, warmly welcomed the ceasefire and thanked the mediators."]
[[articles.statements]]
text = "The foreign minister, Anika Dahl, warmly welcomed the ceasefire and thanked the mediators."
speaker = "Anika Dahl"
stance = "support"
'''


def test_rules_only_scores_the_rules_stance_not_the_models(tmp_path, monkeypatch):
    devset = tmp_path / "set.toml"
    devset.write_text(SET, encoding="utf-8")
    # a model that always says oppose: with it the welcome is scored wrong, without it the rules' support is right
    monkeypatch.setattr(stance_model, "label", lambda docs: ["oppose" for _ in docs])
    learned = statements_bench.evaluate(devset)
    rules = statements_bench.evaluate(devset, learned_stance=False)
    assert learned["detection"]["tp"] == rules["detection"]["tp"] == 1
    assert learned["stance_confusion"] == {"support->oppose": 1}
    assert rules["stance_confusion"] == {"support->support": 1}


class _Stop(Exception):
    pass


def test_the_flag_turns_the_model_off(monkeypatch):
    seen = []

    def evaluate(devset, learned_stance=True):
        seen.append(learned_stance)
        raise _Stop  # only what main() asks evaluate for is under test

    monkeypatch.setattr(statements_bench, "evaluate", evaluate)
    for argv, expected in ((["--rules-only"], False), ([], True)):
        monkeypatch.setattr(sys, "argv", ["statements.py", "--no-speed", *argv])
        with pytest.raises(_Stop):
            statements_bench.main()
        assert seen.pop() is expected
