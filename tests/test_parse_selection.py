"""The attribution parse covers only the part of a paragraph that may hold an attribution (analyse._parse_piece):
from its first to its last sentence with a quotation, a colon or a possible cue. What users rely on: the
attributions found in that piece come back in the paragraph's offsets, the same as a parse of the whole paragraph
finds, and the paragraphs whose rules read the whole of it (a speaker's label, an announcing colon) are parsed
whole."""

from __future__ import annotations

import pytest

from pipeline.nlp import analyse as analyse_module
from pipeline.nlp import model as nlp_model
from pipeline.nlp.analyse import analyse_paragraphs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class _Recording:
    """The real pipeline, recording the texts of the docs the parser is given."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.parsed: list[str] = []

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def get_pipe(self, name):
        component, recording = self.nlp.get_pipe(name), self

        class Recorded:
            def pipe(self, docs, **kwargs):
                def recorded():
                    for doc in docs:
                        if name == "parser":
                            recording.parsed.append(doc.text)
                        yield doc
                if hasattr(component, "pipe"):
                    return component.pipe(recorded(), **kwargs)
                return map(component, recorded())

        return Recorded()


def _analysed(monkeypatch, text: str):
    recording = _Recording(nlp_model.load_nlp())
    monkeypatch.setattr(analyse_module, "load_nlp", lambda gazetteer=None: recording)
    (result,) = analyse_paragraphs([("p", text)])
    return result, recording.parsed


def _whole(monkeypatch, text: str):
    """The analysis with the whole paragraph parsed, as before the piece."""
    monkeypatch.setattr(analyse_module, "_held_window", lambda text, sentences, cues: None)
    (result,) = analyse_paragraphs([("p", text)])
    monkeypatch.undo()
    return result


MIDDLE = ("Heavy rain fell over the valley all week. The regional governor said the road to the dam would reopen "
          "on Friday. Crews were clearing mud from the bridge at dusk.")
LAST = ("Shops in the old town stayed shut on Monday. Buses ran a reduced timetable. \u201cWe have enough fuel "
        "for three days,\u201d a depot manager told reporters.")
FIRST = ("Police chief Ana Ruiz told reporters that the march would go ahead. Thousands gathered in the square by "
         "noon. The crowd left before dark.")


@pytest.mark.parametrize("text, piece", [
    (MIDDLE, ". The regional governor said the road to the dam would reopen on Friday. "),
    (LAST, ". \u201cWe have enough fuel for three days,\u201d a depot manager told reporters."),
    (FIRST, "Police chief Ana Ruiz told reporters that the march would go ahead. "),
])
def test_only_the_sentences_that_may_hold_an_attribution_are_parsed(monkeypatch, text, piece):
    result, parsed = _analysed(monkeypatch, text)
    assert parsed == [piece]
    (attribution,) = result.quotes
    # the offsets are the paragraph's: each field reads the paragraph's text where it says
    assert text[attribution.start : attribution.end] == attribution.text
    assert text[attribution.cue_start : attribution.cue_end] == attribution.cue
    assert text[attribution.speaker_start : attribution.speaker_end] == attribution.source
    assert result == _whole(monkeypatch, text)


def test_a_piece_after_the_first_sentence_keeps_the_quotation_mid_paragraph():
    """A quotation with no cue opening the piece is not one opening the paragraph: no continuation of the
    previous paragraph's speaker, as in the whole paragraph."""
    text = ("Shelling went on through the night near the river crossing. \u201cThe villages on the east bank have "
            "no water and no power left at all.\u201d Engineers reached the pumping station on Tuesday.")
    (result,) = analyse_paragraphs([("p", text)])
    assert not any(a.continues for a in result.quotes)


@pytest.mark.parametrize("text", [
    # a speaker's label opens the paragraph: the turn runs to its end, the sentences with no cue included
    "RUIZ: The trucks reached the border at dawn. The drivers slept in their cabs. Nobody stopped them.",
    # an ending colon announces a text; its source may be the subject of the sentence before
    "The road to the dam reopened on Friday. The army command issued the following statement:",
    # a single sentence: nothing to leave out
    "The regional governor said the road to the dam would reopen on Friday.",
])
def test_paragraphs_whose_rules_read_the_whole_of_it_are_parsed_whole(monkeypatch, text):
    _, parsed = _analysed(monkeypatch, text)
    assert parsed == [text]


def test_a_labelled_turn_keeps_its_whole_content(monkeypatch):
    text = "RUIZ: The trucks reached the border at dawn. The drivers slept in their cabs. Nobody stopped them."
    result, _ = _analysed(monkeypatch, text)
    assert [a.text for a in result.quotes] == [text[len("RUIZ: "):]]


def test_what_an_announcing_sentence_announces_goes_with_it():
    from pipeline.nlp.analyse import _held_window

    cues = analyse_module.load_cues()
    parts = ["Rain fell all week.", "The ministry listed its terms:", "Buses stop at six.", "The valley stayed dark."]
    text, sentences = _joined(parts)
    # the sentence after the colon is held with the colon's, the first and the last are left out
    assert _held_window(text, sentences, cues) == (sentences[1][0], sentences[2][1])
    signed, sentences = _joined(["Rain fell all week.", "\u201cWe stay.\u201d", "\u2014 Ana Ruiz.", "The valley stayed dark."])
    assert _held_window(signed, sentences, cues) == (sentences[1][0], sentences[2][1])
    # without the colon or the dash, the sentence after the held one is left out
    plain, sentences = _joined(["Rain fell all week.", "\u201cWe stay.\u201d", "Ana Ruiz left.", "The valley stayed dark."])
    assert _held_window(plain, sentences, cues) == sentences[1]


def _joined(parts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, at = [], 0
    for part in parts:
        spans.append((at, at + len(part)))
        at += len(part) + 1
    return " ".join(parts), spans


def test_a_window_over_every_sentence_is_the_whole_paragraph():
    from pipeline.nlp.analyse import _held_window

    cues = analyse_module.load_cues()
    text = "The governor said it would reopen. \u201cIt will,\u201d she added."
    assert _held_window(text, [(0, 34), (35, len(text))], cues) is None
