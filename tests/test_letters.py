"""A letters page (issue #14): each letter's sentences are the reader's who signs it, read from the page's
structure (its title or its salutations, and the signatures that close its letters). Every sentence here is
written for these tests."""

from __future__ import annotations

import pytest

from resolve_helpers import speaker_of, speakers

_ONE = ("Sir, your report on the river ceasefire (4 March) was too kind to the Northern Front, whose drone strikes on "
        "the villages went on for a week after the shelling stopped.")
_TWO = "Sir, the ceasefire in Veldara has held for a month, and the ferries across the river are running again."
_THREE = ("Sir, I doubt the ceasefire between the army and the Northern Front will last the winter, with drone strikes "
          "and shelling on the river villages every night. The Northern Front said on Monday that it would answer any "
          "shelling of its positions with artillery fire, ceasefire or not.")


@pytest.mark.parametrize("signature", [
    "Orla Kestrel, Dravenmoor",
    "Dr Orla Kestrel, Dravenmoor, North Veldshire",
    "Col. (retd) Orla Kestrel, Dravenmoor",  # the rank's full stop splits the words the analyser keeps before it
    "Col. (ret.) Orla Kestrel, Dravenmoor, North Veldshire",  # and may split the signature into two sentences
    "Yours faithfully, Orla Kestrel, Dravenmoor",  # a valediction before the name
])
def test_a_letter_signed_on_a_line_of_its_own_is_its_signers(signature):
    found = speakers("Letters: The river ceasefire, a month on", _ONE, signature, _TWO, "Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "Sir, your report on the river ceasefire") == "Orla Kestrel"
    # the next letter is its own signer's, not the one named before it
    assert speaker_of(found, "Sir, the ceasefire in Veldara has held") == "Tomasz Wierzbicki"


def test_salutations_and_signatures_after_a_dash_make_a_letters_page_whatever_its_title():
    found = speakers("The river ceasefire, a month on", _ONE + " \u2014 Orla Kestrel, Dravenmoor",
                     _TWO + " \u2014 Col (retd) Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "Sir, your report on the river ceasefire") == "Orla Kestrel"
    assert speaker_of(found, "Sir, the ceasefire in Veldara has held") == "Tomasz Wierzbicki"


def test_a_letter_signed_by_two_readers_or_a_body_is_theirs_as_signed():
    found = speakers("Letters: The river ceasefire, a month on", _ONE, "Orla Kestrel and Tomasz Wierzbicki, Leeds",
                     _TWO + " \u2014 Veldara Refugee Council, Dravenmoor")
    assert speaker_of(found, "Sir, your report on the river ceasefire") == "Orla Kestrel and Tomasz Wierzbicki"
    assert speaker_of(found, "Sir, the ceasefire in Veldara has held") == "Veldara Refugee Council"


def test_an_editors_introduction_before_the_first_salutation_is_no_readers():
    found = speakers("Your view: the river ceasefire",
                     "This week's letters follow the ceasefire between the army and the Northern Front, agreed after "
                     "a week of drone strikes on the river villages.",
                     "Dear editor, the ceasefire in Veldara has held for a month, and the ferries across the river "
                     "are running again.", "Orla Kestrel, Dravenmoor", _ONE, "Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "This week's letters follow") is None
    assert speaker_of(found, "Dear editor, the ceasefire in Veldara") == "Orla Kestrel"
    assert speaker_of(found, "Sir, your report on the river ceasefire") == "Tomasz Wierzbicki"


def test_a_letter_of_several_paragraphs_runs_from_the_signature_before_it():
    found = speakers("Letters to the editor: the river truce", _ONE, "Orla Kestrel, Dravenmoor",
                     "Sir, I write as a ferryman on the river.",
                     "The ceasefire in Veldara has held for a month, and the ferries are running again.",
                     "Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "The ceasefire in Veldara has held") == "Tomasz Wierzbicki"


def test_what_a_letter_reports_someone_saying_stays_theirs():
    found = speakers("Letters: The river ceasefire, a month on", _THREE, "Orla Kestrel, Dravenmoor")
    assert speaker_of(found, "Sir, I doubt the ceasefire") == "Orla Kestrel"
    assert speaker_of(found, "The Northern Front said on Monday") == "Northern Front"


_FACT = ("The ceasefire between the army and the Northern Front has held for a month, and the shelling of the river "
         "villages has stopped.")


_PIECES = ("Your report on the river ceasefire (4 March) was too kind to the Northern Front, whose drone strikes on "
           "the villages went on for a week.",
           "The ceasefire in Veldara has held for a month, and the ferries across the river are running again.",
           "The shelling of the river villages has stopped since the ceasefire, and I hope the army keeps to it.")


def test_several_short_signed_pieces_are_letters_with_no_title_or_salutation():
    found = speakers("The river ceasefire, a month on", _PIECES[0], "Orla Kestrel, Dravenmoor", _PIECES[1],
                     "Tomasz Wierzbicki, Leeds", _PIECES[2], "Margit Halvorsen, Veldhaven")
    assert speaker_of(found, "The ceasefire in Veldara has held") == "Tomasz Wierzbicki"
    # two signed pieces are no letters page without a title or salutations to say so
    two = speakers("The river ceasefire, a month on", _PIECES[1], "Tomasz Wierzbicki, Leeds", _PIECES[2],
                   "Margit Halvorsen, Veldhaven")
    assert speaker_of(two, "The ceasefire in Veldara has held") is None


def test_a_news_story_ending_on_a_name_and_a_place_is_no_letter():
    # no letters title and no salutation: the narrative stays the reporter's
    found = speakers("Ceasefire on the river holds", _FACT, "Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "The ceasefire between the army") is None


def test_an_op_ed_keeps_its_byline_writer():
    # a column signed off after a dash, with no salutation: it is no letters page, and its byline's writer takes
    # its "I" and its facts (the house convention: an op-ed's every sentence is its writer's), not the name at
    # its foot
    found = speakers("Opinion: The river truce will not last", "By Orla Kestrel", _FACT,
                     "I doubt the ceasefire will last the winter. \u2014 Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "The ceasefire between the army") == "Orla Kestrel"
    assert speaker_of(found, "I doubt the ceasefire") == "Orla Kestrel"


def test_a_transcripts_short_turns_are_no_signatures():
    # short turns that open on their speaker's label: the host's narrative stays no reader's
    found = speakers("The river ceasefire, a month on",
                     "ORLA KESTREL, HOST: Welcome, I'm Orla Kestrel. This week: " + _PIECES[1],
                     "KESTREL: Tomasz Wierzbicki, welcome.",
                     "WIERZBICKI: " + _PIECES[2], "KESTREL: Margit Halvorsen, good evening.",
                     "HALVORSEN: " + _PIECES[0], "KESTREL: Tomasz Wierzbicki, Margit Halvorsen, thank you.")
    assert speaker_of(found, "This week: The ceasefire in Veldara") != "Tomasz Wierzbicki"


_ARGUED = ("Sir, the ceasefire on the river is a gift to the Northern Front, which will use the winter to rearm. "
           "Stop pretending otherwise; ask the ferrymen who still hear its drones at night.")
_SEQUEL = ("Sir, I write as a ferryman on the river. Perhaps. Every peace deal has been signed over our heads. "
           "The people of the river villages want the shelling to end more than anyone.")


def test_a_letters_sentences_are_its_signers_statements_beside_the_truces():
    # each letter argues about the page's truce sentence by sentence, as a column does, even in a paragraph that
    # does not name it; not the writer saying who writes, a fragment, nor a claim about any deal
    found = speakers("Letters: The river ceasefire, a month on", _ARGUED, "Orla Kestrel, Dravenmoor", _SEQUEL,
                     "Tomasz Wierzbicki, Leeds", _TWO, "Margit Halvorsen, Veldhaven")
    assert speaker_of(found, "Stop pretending otherwise") == "Orla Kestrel"
    assert speaker_of(found, "The people of the river villages want") == "Tomasz Wierzbicki"
    assert not any(t.startswith(("Sir, I write as", "Perhaps", "Every peace deal")) for t in found), list(found)


def test_a_news_story_with_one_signature_keeps_its_plain_sentences_out():
    found = speakers("Ceasefire on the river holds", _FACT + " Stop pretending otherwise, the ferrymen say.",
                     "The ferries across the river are running again.", "Tomasz Wierzbicki, Leeds")
    assert not any(t.startswith("The ferries across") for t in found), list(found)


@pytest.mark.parametrize("signature", ["Eva Ruiz, Leeds", "Ana Lopez, Leeds"])
def test_a_signature_the_model_reads_no_name_in_still_ends_its_letter(signature):
    # the entity model finds no name in these signatures: the paragraph's shape signs the letter all the same, so
    # the first letter is not merged into the next reader's
    found = speakers("Letters: The river ceasefire, a month on", _ONE, signature, _TWO, "Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "Sir, your report on the river ceasefire") == signature.split(",")[0]
    assert speaker_of(found, "Sir, the ceasefire in Veldara has held") == "Tomasz Wierzbicki"


@pytest.mark.parametrize(("text", "name"), [
    ("Eva Ruiz, Leeds", "Eva Ruiz"),
    ("Dr Eva Ruiz, Leeds", "Eva Ruiz"),  # a title is never part of the name
    ("Col. (retd) Eva Ruiz, Leeds", "Eva Ruiz"),
    ("UNMIV Command, Dravenmoor", None),  # a body's name in capitals
    ("UN, Dravenmoor", None),  # one word in capitals is not two capitalised words
    ("Eva Ruiz, Reuters", None),  # a news agency's credit
])
def test_the_name_a_signature_signs_with(text, name):
    from pipeline.nlp.detect import unnamed_signer

    found = unnamed_signer(text, ())
    assert (None if found is None else text[found[0]:found[1]]) == name


_CAPTIONED = (
    "Dravenmoor \u2014 Shelling went on along the river on Tuesday despite the ceasefire, officials said.",
    "The ceasefire was agreed in Veldhaven last week after a month of mediation.",
    "Farmers on the east bank have begun to return to their fields, and the ferries are expected to run again soon.",
    "The truce covers only the river districts, and the northern hills are not included.",
)


def test_photo_credits_do_not_make_a_news_story_a_letters_page():
    # three picture credits close paragraphs as signatures close letters, but name an agency, not a reader's town:
    # the story's narrative stays the reporter's, and its plain sentences stay out
    found = speakers("Shelling on the river despite ceasefire", _CAPTIONED[0], _CAPTIONED[1],
                     "Eva Ruiz, Reuters", _CAPTIONED[2], "Tomasz Wierzbicki, AFP via Getty Images", _CAPTIONED[3],
                     "Margit Halvorsen, AP Photo")
    assert not any(t.startswith("Farmers on the east bank") for t in found), list(found)
    assert speaker_of(found, "The truce covers only") is None
    assert speaker_of(found, "The ceasefire was agreed") is None


def test_what_the_paper_the_letter_answers_wrote_restated_by_the_writer_is_the_writers():
    # "your correspondent", "your leader": the paper the reader answers, in the reader's own words (no quotation
    # marks), so the sentence is the reader's position on it; a third party's report keeps its own speaker
    found = speakers("Letters: The river ceasefire, a month on",
                     "Sir, your correspondent says the Northern Front will respect the ceasefire provided the army "
                     "withdraws from Dravenmoor.",
                     "Your leader on Monday argues that the army should accept a ceasefire along the current front "
                     "line. The Northern Front said on Monday that it would answer any shelling of its positions with "
                     "artillery fire, ceasefire or not.",
                     "Orla Kestrel, Dravenmoor",
                     "Sir, your columnist Marek Dunn argues that the army should accept a ceasefire along the river.",
                     _TWO, "Tomasz Wierzbicki, Leeds")
    assert speaker_of(found, "Sir, your correspondent says") == "Orla Kestrel"
    # one the phrase names speaks for their own piece
    assert speaker_of(found, "Sir, your columnist Marek Dunn argues") == "Marek Dunn"
    assert speaker_of(found, "Your leader on Monday argues") == "Orla Kestrel"
    assert speaker_of(found, "The Northern Front said on Monday") == "Northern Front"
    assert speaker_of(found, "Sir, the ceasefire in Veldara has held") == "Tomasz Wierzbicki"
