"""bench/agreement.py: a second labelling scored against a set's labels as the bench scores the rules."""

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("agreement", REPO / "bench" / "agreement.py")
agreement = importlib.util.module_from_spec(spec)
sys.modules["agreement"] = agreement
spec.loader.exec_module(agreement)

GOLD = '''
[[articles]]
id = "a1"
trap = false
paragraphs = ["The envoy said the truce would start at dawn. Both armies will pull back. Rain fell all day.",
              "\u201cWe will never stop,\u201d the rebel commander said."]
[[articles.statements]]
text = "The envoy said the truce would start at dawn."
speaker = "the envoy"
stance = "neutral"
[[articles.statements]]
text = "Both armies will pull back."
speaker = ""
stance = "neutral"
[[articles.statements]]
text = "\u201cWe will never stop,\u201d the rebel commander said."
speaker = "rebel commander"
stance = "oppose"

[[articles]]
id = "t1"
trap = true
paragraphs = ["The two bakeries called a truce over the price of bread."]
'''

SECOND = '''
relabels = "gold.toml"
[[articles]]
id = "a1"
[[articles.statements]]
text = "The envoy said the truce would start at dawn."
speaker = "Envoy"
stance = "support"
[[articles.statements]]
text = "\u201cWe will never stop,\u201d the rebel commander said."
speaker = "the rebel commander"
stance = "oppose"
[[articles.statements]]
text = "Rain fell all day."
speaker = ""
stance = "neutral"

[[articles]]
id = "t1"
[[articles.statements]]
text = "The two bakeries called a truce over the price of bread."
speaker = "bakeries"
stance = "support"
'''


def test_a_second_labelling_is_scored_like_the_rules(tmp_path):
    gold, second = tmp_path / "gold.toml", tmp_path / "second.toml"
    gold.write_text(GOLD, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    r = agreement.compare(gold, second)
    # 2 of 3 labels found; 2 of 4 of the second's are not labels (one on a trap page)
    assert r["detection"] == {"precision": 0.5, "recall": 0.667, "f1": 0.571, "tp": 2, "fp": 2, "fn": 1,
                              "trap_false_positives": 1}
    assert r["speaker_accuracy"] == 1.0  # "the envoy" and "Envoy" are one speaker, as the bench normalises them
    assert r["stance_accuracy"] == 0.5
    assert r["stance_confusion"] == {"neutral->support": 1, "oppose->oppose": 1}


def test_kappa_is_agreement_beyond_chance():
    assert agreement.kappa([("oppose", "oppose"), ("neutral", "neutral")]) == 1.0
    # always the same label on one side: every agreement is what chance gives
    assert agreement.kappa([("neutral", "neutral"), ("support", "neutral")]) == 0.0
    # 3 of 4 agree; the shares (2 s, 2 n) and (1 s, 3 n) give 0.5 by chance: (0.75 - 0.5) / 0.5
    assert agreement.kappa([("support", "support"), ("support", "neutral"), ("neutral", "neutral"),
                            ("neutral", "neutral")]) == 0.5


def test_a_statement_not_in_the_article_is_an_error_not_a_miss(tmp_path):
    gold, second = tmp_path / "gold.toml", tmp_path / "second.toml"
    gold.write_text(GOLD, encoding="utf-8")
    second.write_text(SECOND.replace("Rain fell all day.", "Snow fell all day."), encoding="utf-8")
    with pytest.raises(SystemExit, match="not found"):
        agreement.compare(gold, second)
