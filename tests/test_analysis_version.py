"""The analysis version a paragraph's cached analysis is stored under changes with every bundled rule file, so an
edited word list or frame file never leaves old analyses served from the cache."""

from __future__ import annotations

import shutil
from importlib import resources

from pipeline.nlp import analyse, lexicon, multilingual


def _digest_of(tmp_path, monkeypatch) -> str:
    class Package:
        def joinpath(self, name):
            return tmp_path / name

    monkeypatch.setattr(lexicon.resources, "files", lambda package: Package())
    lexicon.data_digest.cache_clear()
    try:
        return lexicon.data_digest()
    finally:
        lexicon.data_digest.cache_clear()


def test_every_rule_file_counts_in_the_version(tmp_path, monkeypatch):
    shutil.copytree(resources.files("pipeline.nlp").joinpath("data"), tmp_path / "data")
    before = _digest_of(tmp_path, monkeypatch)
    assert _digest_of(tmp_path, monkeypatch) == before  # stable: the cache is reused when nothing changed

    frames = tmp_path / "data" / "stance_frames.toml"
    frames.write_text(frames.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    edited = _digest_of(tmp_path, monkeypatch)
    assert edited != before

    (tmp_path / "data" / "new_words.txt").write_text("truce\n", encoding="utf-8")  # a file added later counts too
    assert _digest_of(tmp_path, monkeypatch) not in (before, edited)


def test_every_language_s_version_names_the_data_digest():
    assert analyse.analysis_version().endswith(f"/data{lexicon.data_digest()}")
    for language in ("fr", "ru"):
        assert multilingual.analysis_version(language, "model").endswith(f"/data{lexicon.data_digest()}")
