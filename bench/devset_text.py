"""How the statement benches read a labelled set: an article's text as the pipeline stores it, and speakers
compared by name. Shared by bench/statements.py (the rules) and bench/agreement.py (a second reader), so both are
scored alike; imports nothing heavy (no model, no lexicon)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.dedup.exact import paragraph_id  # noqa: E402


def norm_speaker(name: str | None) -> str:
    name = (name or "").casefold().strip()
    name = re.sub(r"^(?:the)\s+", "", name)
    name = re.sub(r"(?:'s|\u2019s)$", "", name)
    return " ".join(name.split())


def first_occurrences(paragraphs: list[str]) -> list[str]:
    """The paragraphs as the pipeline stores an article: one the page repeats (a live blog's pinned post) is kept
    once (pipeline.dedup.exact)."""
    seen: set[str] = set()
    kept = []
    for p in paragraphs:
        if paragraph_id(p) not in seen:
            seen.add(paragraph_id(p))
            kept.append(p)
    return kept
