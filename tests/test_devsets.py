"""The measuring sets in bench/devset/ are well-formed: every labelled statement is a sentence of one paragraph of
its article, labelled once, with a stance the guidelines define, and trap pages hold none. A set that breaks this
makes bench/statements.py stop (a statement not found) or, worse, score against a label nobody meant."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

SETS = sorted((REPO / "bench" / "devset").glob("ceasefire_*.toml"))
STANCES = {"support", "conditional", "oppose", "neutral"}
DURATION = re.compile(r"\d+(\.\d+)? (hour|day|week|month|year)s?")


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_statement_is_one_labelled_sentence_of_its_article(path: Path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    articles = data["articles"]
    assert len({a["id"] for a in articles}) == len(articles), "article ids repeat"
    for article in articles:
        statements = article.get("statements", [])
        where = f"{path.name} {article['id']}"
        if article.get("trap"):
            assert not statements, f"{where}: a trap page holds statements"
        seen = set()
        for s in statements:
            holders = [p for p in article["paragraphs"] if s["text"] in p]
            assert holders, f"{where}: statement not in any paragraph: {s['text'][:60]!r}"
            assert s["text"] not in seen, f"{where}: labelled twice: {s['text'][:60]!r}"
            seen.add(s["text"])
            assert s["stance"] in STANCES, f"{where}: stance {s['stance']!r}"
            assert not s.get("duration") or DURATION.fullmatch(s["duration"]), f"{where}: duration {s['duration']!r}"


def test_the_sets_are_there():
    assert len(SETS) >= 20  # tuning and frozen, three languages: the figures in bench/README.md come from them
