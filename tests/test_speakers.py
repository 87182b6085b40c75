"""Who a ceasefire statement is by, read from the parse and the article's structure: mechanisms meant to hold
on text nobody tuned on. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import article_statements, resolved_article


def statements(*paragraphs: str):
    return article_statements(*paragraphs)


def speaker_of(*paragraphs: str, starting: str | None = None):
    starting = starting or paragraphs[-1][:15]
    found = [s for s in statements(*paragraphs) if s.text.startswith(starting)]
    assert len(found) == 1, [(s.text, s.speaker) for s in statements(*paragraphs)]
    return found[0]


@pytest.mark.parametrize("paragraph", [
    "A truce agreed in Lusaka last spring broke down within a week, with each side blaming the other for the first shots.",
    "The navies of Norland and Sudmark agreed on Friday to respect the ceasefire in the strait.",
    "The two governments' envoys agreed on a call to keep the truce in place from dawn.",
])
def test_a_subject_that_is_both_sides_through_its_modifiers_speaks_for_nobody(paragraph):
    assert speaker_of(paragraph).speaker is None


def test_a_joint_commitment_keeps_its_support():
    # the wider joint reading is for the speaker only: agreeing to respect a truce is still support
    found = speaker_of("The navies of Norland and Sudmark agreed on Friday to respect the ceasefire in the strait.")
    assert found.stance == "support"


def test_one_side_with_a_modifier_still_speaks():
    found = speaker_of("The Norland navy said on Friday it would respect the ceasefire in the strait.")
    assert found.speaker is not None and "Norland" in found.speaker


def test_it_is_the_body_that_spoke_not_a_place_it_named():
    found = speaker_of(
        "The Norland Defence Ministry said Sudmark had shelled a depot in Kharkiv, breaking the truce. "
        "It said the attack had destroyed two trucks near the ceasefire line.", starting="It said")
    assert found.speaker == "Norland Defence Ministry"


def test_a_place_that_qualifies_the_speaker_is_not_it():
    found = speaker_of(
        "The Interior Ministry in Tbilisi said its police were committed to the ceasefire. "
        "It accused the Liberation Front of moving snipers close to the truce line.", starting="It accused")
    assert found.speaker == "Interior Ministry"


def test_the_statement_is_its_issuer_not_a_body_it_names():
    found = speaker_of(
        "The Sudmark Presidency said in a statement that Sudmark would not extend the truce until the prisoners "
        "held by the Liberation Front were freed. \u201cThere will be no new ceasefire while the Liberation Front "
        "keeps its hostages,\u201d the statement said.", starting="\u201cThere")
    assert found.speaker == "Sudmark Presidency"


def test_the_group_is_the_organisation_not_its_own_council():
    found = speaker_of(
        "The Eastern Liberation Army announced a holiday truce on Monday.",
        "In a message signed by its Supreme Council, the rebel group said its units would observe the truce "
        "until the new year.")
    assert found.speaker == "Eastern Liberation Army"


def test_it_follows_the_new_body_that_spoke_not_the_one_it_accused():
    # a body named as a source takes over "it"; the one named inside its accusation does not
    found = speaker_of(
        "The Norland Defence Ministry said the truce was holding. The Sudmark Defence Ministry accused Norland "
        "of shelling a village. It said the ceasefire had been broken twice.", starting="It said")
    assert found.speaker == "Sudmark Defence Ministry"


def quotes_of(*paragraphs: str):
    return resolved_article(*paragraphs)


ANNOUNCED = ("\u201cUnits of the Sudmark army fired mortars at our positions overnight, in breach of the ceasefire. "
             "This is the third violation of the truce this week.",
             "\u201cOur forces will hold fire unless they are attacked again.\u201d")


@pytest.mark.parametrize("intro, issuer", [
    ("The Norland Army Command issued the following statement on Monday evening:", "Norland Army Command"),
    ("The following text was published on Monday by the Norland Army Command:", "Norland Army Command"),
    ("The Norland Army Command issued a statement on Monday evening. The full text reads:", "Norland Army Command"),
])
def test_an_announced_text_is_the_announcers_words(intro, issuer):
    found = [s for s in statements(intro, *ANNOUNCED) if s.text.startswith(("\u201cUnits", "This is", "\u201cOur"))]
    assert len(found) == 3 and {s.speaker for s in found} == {issuer}, [(s.text, s.speaker) for s in found]
    text, nlp = quotes_of(intro, *ANNOUNCED)
    quote = next(q for q in nlp.quotes if q.quote_id == found[0].quote_id)
    # the content starts at the quotation, not in the announcing paragraph
    assert text[quote.start_char:quote.end_char].startswith("\u201cUnits") and quote.speaker == issuer


def test_an_announcement_followed_by_no_quotation_gives_no_row():
    text, nlp = quotes_of("The Norland Army Command listed its demands on Monday:",
                          "Withdrawal of heavy weapons from the ceasefire line within a week.")
    assert not [q for q in nlp.quotes if q.rule.startswith("intro:")]
    assert all(q.text for q in nlp.quotes)


@pytest.mark.parametrize("paragraph", [":", "  :  ", "Statement:", "\u201cWe said:"])
def test_odd_colon_paragraphs_do_not_break_the_analysis(paragraph):
    statements(paragraph, *ANNOUNCED)  # no exception; the quoted run still gets analysed


def test_a_passive_announcement_is_its_agents():
    found = speaker_of("The truce was announced by Norland's foreign minister, Ilse Varga, after talks in Geneva.")
    assert found.speaker == "Ilse Varga"
    assert found.quote_id is not None


def test_a_passive_announcement_with_no_agent_stays_narrative():
    assert speaker_of("The ceasefire was announced on Monday after talks in Geneva.").speaker is None


def test_a_given_name_alone_is_the_person_named_in_full():
    found = speaker_of(
        "Norland and Sudmark agreed on Sunday to extend the truce along the river, the Danish foreign minister, "
        "Mette Lund, said.",
        "\u201cBoth armies have committed to hold their lines,\u201d Mette told reporters after the talks.")
    assert found.speaker == "Mette Lund"


def test_a_given_name_two_people_share_stays_as_written():
    found = speaker_of(
        "Mette Lund and Mette Berg, the two envoys, met on Sunday.",
        "\u201cBoth armies have committed to hold the truce,\u201d Mette told reporters after the talks.")
    assert found.speaker == "Mette"


@pytest.mark.parametrize("paragraph", [
    "The Liberation Front has not publicly confirmed the truce.",
    "The Liberation Front has not claimed any attack since the ceasefire began.",
    "The army said the truce would hold. The army did not say who would monitor the ceasefire.",
])
def test_an_actors_silence_is_the_narrators(paragraph):
    found = speaker_of(paragraph, starting=paragraph.split(". ")[-1][:15])
    assert found.speaker is None


def test_a_quoted_negated_disclosure_is_the_quoted_speakers_not_a_silence():
    # "cannot announce" inside the quotation marks: the speaker's words on the truce, said right after a "he said"
    found = speaker_of(
        "The Liberation Front declared a ceasefire on Sunday. A government spokesman, Tomas Ilves, called the "
        "announcement a stunt. \u201cThis is no ceasefire,\u201d he told reporters. \u201cAn army that is still "
        "shelling our towns cannot announce peace in one valley and wage war in the next.\u201d",
        starting="\u201cAn army")
    assert found.speaker == "Tomas Ilves"


def test_a_negated_position_is_still_the_actors():
    found = speaker_of("The Liberation Front did not accept the truce.")
    assert found.speaker == "Liberation Front"


def test_silence_gives_no_attribution_row():
    _, nlp = quotes_of("The army did not say who would monitor the ceasefire.")
    assert not [q for q in nlp.quotes if "monitor" in q.text]


def test_a_dateline_is_not_the_announcer():
    intro = ("Ostrava \u2014 The Republic of Norland's Ministry of Information issued a statement on Monday evening. "
             "The full text reads:")
    found = [s for s in statements(intro, *ANNOUNCED) if s.text.startswith("\u201cUnits")]
    assert len(found) == 1 and "Ministry of Information" in found[0].speaker, [s.speaker for s in found]


def test_the_group_is_neither_a_ministry_nor_the_agency_that_carried_its_words():
    found = speaker_of(
        "The Eastern Liberation Army announced a truce on Monday in a message carried by the Velka News Agency.",
        "The Norland Interior Ministry said raids on rebel camps would go on.",
        "The ceasefire, the group says, has been kept by its fighters in every district.")
    assert found.speaker == "Eastern Liberation Army"


def test_a_body_of_the_group_speaks_for_the_group():
    found = speaker_of(
        "The Eastern Liberation Army announced a truce on Monday.",
        "\u201cOur fighters will hold fire unless attacked,\u201d the group's military council said in a statement.")
    assert found.speaker == "Eastern Liberation Army"


def test_the_minister_is_the_person_an_earlier_source_phrase_titled_so():
    found = speaker_of(
        "\u201cWe do not reject a truce; we reject one written for the militia,\u201d said the Minister of Foreign "
        "Affairs of Norland, Ivo Marek. The minister said the cabinet would study the ceasefire proposal this week.",
        starting="The minister")
    assert found.speaker == "Ivo Marek"


def test_an_and_inside_a_bodys_own_name_does_not_make_it_both_sides():
    found = speaker_of("Norland's Ministry of Trade and Fisheries said it would protest every breach of the truce "
                       "at the Security Council.")
    assert found.speaker == "Ministry of Trade and Fisheries"


@pytest.mark.parametrize("paragraph", [
    "Each side accused the other of breaking the truce on Monday.",
    "Both governments accused each other of breaking the truce on Monday.",
])
def test_a_source_that_is_both_sides_by_its_own_words_still_speaks_for_nobody(paragraph):
    assert speaker_of(paragraph).speaker is None


def test_a_rank_before_a_bracket_is_not_the_name():
    found = speaker_of("Yet Brigadier (retd) Kuldeep Singh Brar, quoted in the same report, dismissed the ceasefire "
                       "as \u201ca holiday the rebels use to rearm\u201d.", starting="Yet Brigadier")
    assert found.speaker == "Kuldeep Singh Brar"


@pytest.mark.parametrize("paragraph", [
    "Shelling has eased since the truce began, though clashes have continued near the river crossing.",
    "The ceasefire has mostly held along the coast, although sniper fire has continued in the old town.",
])
def test_a_verb_of_what_happens_to_its_subject_gives_no_speaker(paragraph):
    # "continue" is a cue set off after a clause ("..., he continued"); with its own conjunction and place it tells
    # what the clashes do, and the sentence is the narrator's (attribution.toml undergoer_verbs)
    assert speaker_of(paragraph).speaker is None


def test_a_side_clause_of_what_happens_leaves_the_real_cue_its_speaker():
    found = speaker_of("As the evening went, Colonel Amos Driver said he would keep the truce in the valley.")
    assert found.speaker is not None and "Driver" in found.speaker


def test_a_bare_continued_after_a_clause_still_reports_its_subject():
    found = speaker_of("The truce will hold through the harvest, the defence minister continued.")
    assert found.speaker is not None and "minister" in found.speaker


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("Veldara, for its part, wants the river truce widened into a full ceasefire on land and at sea.", "Veldara"),
    ("Sudmark wants written guarantees that the Front will stop its raids before any ceasefire.", "Sudmark"),
])
def test_what_a_subject_wants_is_its_position(paragraph, speaker):
    assert speaker_of(paragraph).speaker == speaker


@pytest.mark.parametrize("paragraph", [
    "The Tass agency quoted her as saying that the ceasefire in the valley would hold.",
    "Tass quoted him as saying the truce would not survive the winter.",
])
def test_an_agency_that_quotes_someone_as_saying_is_not_the_speaker(paragraph):
    # the one quoted speaks (the cue under "as"), never the agency that quotes, in the active as in the passive
    assert speaker_of(paragraph).speaker not in ("Tass", "Tass agency", "The Tass agency")
