"""The stored ``speaker_kind`` of a statement follows the speaker the resolution settled on (docs/schema.md)."""

from __future__ import annotations

import pytest

from pipeline.nlp.resolve import stored_kind


@pytest.mark.parametrize(("speaker", "kind", "stored"), [
    ("Paul Ndongo", "none", "context"),  # a quote going on after "..., a déclaré Paul Ndongo": no cue of its own
    ("Paul Ndongo", "joint", "context"),  # read as both sides at first, then given to the one who said it
    ("Paul Ndongo", "name", "name"),
    ("médiateur", "role", "role"),
    (None, "name", "none"),  # a source the resolution could not stand behind: no speaker, no name kind
    (None, "pronoun", "none"),
    (None, "joint", "joint"),  # why there is no speaker: both sides at once
    (None, "silent", "silent"),
    (None, "none", "none"),
])
def test_the_stored_kind_never_contradicts_the_speaker(speaker, kind, stored):
    assert stored_kind(speaker, kind) == stored
    no_speaker = stored_kind(speaker, kind) in ("none", "joint", "silent", "narrative")
    assert no_speaker == (speaker is None)
