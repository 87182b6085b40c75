"""Stance and topic-by-context rules read off the parse, with the real spaCy model. Sentences written for these
tests; each pins one rule of ../shared/guidelines/ceasefire-statements.md."""

from __future__ import annotations

import pytest

from conftest import article_statements


def statements(*paragraphs: str):
    return article_statements(*paragraphs)


def stance_of(sentence_start: str, *paragraphs: str) -> str:
    found = [s for s in statements(*paragraphs) if s.text.startswith(sentence_start)]
    assert len(found) == 1, [s.text for s in statements(*paragraphs)]
    return found[0].stance


@pytest.mark.parametrize("paragraph, expected", [
    # a claim of compliance is neutral; the same verb as a commitment is support
    ("\u201cOur units have respected the truce since midnight,\u201d said Colonel Petra Lind.", "neutral"),
    ("\u201cOur units will respect the truce from midnight,\u201d said Colonel Petra Lind.", "support"),
    # declaring one's own truce is support, even with its schedule ("until Monday")
    ("The northern command declared a 48-hour truce on Friday, ordering its units to hold fire until Monday.", "support"),
    # a refusal read from the negated predicate that governs the truce
    ("\u201cWe do not negotiate truces with people who shell hospitals,\u201d said Colonel Petra Lind.", "oppose"),
    # a doubt inside a clause that describes something else is not the speaker's stance; the urging is
    ("\u201cWe urge both armies to avoid any step that could undermine the ceasefire,\u201d said envoy Tomas Ruud.", "support"),
    # a mediator announcing what both sides accepted is neutral
    ("\u201cBoth delegations have agreed to a ten-day truce,\u201d said envoy Tomas Ruud.", "neutral"),
    # a schedule is not a condition; a clause that must happen first is
    ("The truce will run until the end of the month, the mediators said.", "neutral"),
    ("\u201cWe will halt our attacks the moment they stop shelling our villages,\u201d said Colonel Petra Lind.", "conditional"),
    # the journalists' "on condition of anonymity" is no condition; a verb inside an if-clause is no refusal
    ("An officer, speaking on condition of anonymity, dismissed the truce as a stunt for the cameras.", "oppose"),
    ("The army said it was ready to pause military operations if the militias withdrew from the main roads.",
     "conditional"),
])
def test_stance_from_the_parse(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


def test_a_quoted_truce_accusation_is_not_a_declaration():
    paragraph = ("\u201cThey declared a truce and shelled the market an hour later,\u201d the mayor, Ines Walden, told "
                 "reporters.")
    assert stance_of(paragraph[:12], paragraph) != "support"


def test_sentences_of_a_quotation_about_the_truce_are_statements_with_its_speaker():
    paragraph = ("\u201cWe accept the ceasefire that starts tonight. Our units will hold their lines and answer "
                 "nothing,\u201d said General Anton Varga.")
    found = statements(paragraph)
    assert [s.text[:12] for s in found] == ["\u201cWe accept t", "Our units wi"]
    assert {s.speaker for s in found} == {"Anton Varga"}
    assert len({s.quote_id for s in found}) == 1 and found[0].quote_id is not None


def test_a_quotation_about_something_else_lends_no_topic():
    paragraph = ("The ceasefire began at dawn. \u201cThe harvest is late this year. The roads are bad,\u201d said "
                 "farmer Ilse Brandt.")
    assert [s.text[:12] for s in statements(paragraph)] == ["The ceasefir"]


def test_quoted_words_in_a_paragraph_about_the_truce_are_statements():
    # the second quotation never names the truce, but it speaks of the fighting in a paragraph that does
    paragraph = ("The ceasefire began at dawn on Sunday. \u201cOur gunners will answer any shot fired at the "
                 "village,\u201d said Major Lise Ondra.")
    found = statements(paragraph)
    assert [s.text[:12] for s in found] == ["The ceasefir", "\u201cOur gunners"]
    assert found[1].speaker == "Lise Ondra"


def test_a_pronoun_after_a_truce_sentence_carries_the_topic():
    found = statements("The truce took effect at noon on Friday. It will run for three days, the mediators said.")
    assert [s.text[:12] for s in found] == ["The truce to", "It will run "]
    # the empty "it" of "it is not clear whether" carries nothing
    found = statements("The truce took effect at noon on Friday. It was not clear whether the roads would reopen.")
    assert [s.text[:12] for s in found] == ["The truce to"]


def test_a_quotation_right_after_a_paragraph_about_the_truce_carries_its_topic():
    first = "\u201cWe accept the ceasefire and we will keep to it,\u201d said General Anton Varga."
    same = "\u201cThe fighting has cost us too much already,\u201d Varga added."
    other = "\u201cThe fighting has cost us too much already,\u201d said Colonel Petra Lind."
    aside = "The harbour reopened to fishing boats on Monday after a week of storms."
    assert [s.speaker for s in statements(first, same)] == ["Anton Varga", "Anton Varga"]
    assert [s.speaker for s in statements(first, other)] == ["Anton Varga", "Petra Lind"]
    # two paragraphs away, with nothing about the truce between, quoted words are about something else
    assert [s.speaker for s in statements(first, aside, other)] == ["Anton Varga"]


def test_a_quotation_after_an_explainers_heading_still_follows_the_say_before_it():
    first = "\u201cWe accept the ceasefire and we will keep to it,\u201d said General Anton Varga."
    other = "\u201cThe fighting has cost us too much already,\u201d said Colonel Petra Lind."
    # a heading parts nothing (the aside of the test above, which ends with a full stop, does)
    for heading in ("What happens next?", "The road to a lasting peace"):
        assert [s.speaker for s in statements(first, heading, other)] == ["Anton Varga", "Petra Lind"], heading


def test_a_heading_is_told_by_its_form():
    from pipeline.nlp.analyse import _heading_form

    assert _heading_form("What happens next?", 1)
    assert _heading_form("Who Holds the Border Towns", 1)
    assert not _heading_form("The harbour reopened to fishing boats on Monday.", 1)  # an aside: a full stop
    assert not _heading_form("LINDQVIST: Who is going to watch the front line?", 1)  # a turn: its label
    assert not _heading_form("\u201cWho will guard the line?\u201d", 1)  # a quotation
    assert not _heading_form("Why now? Nobody knows", 2)  # two sentences
    assert not _heading_form("Why did the army wait until the rains had ended and the roads were open again?", 1)


def test_not_a_single_shot_is_not_a_music_single():
    found = statements("\u201cOur soldiers have not fired a single shot since the ceasefire began,\u201d said Colonel "
                       "Petra Lind.")
    assert len(found) == 1 and found[0].stance == "neutral"


def test_a_truce_that_only_dates_another_story_is_a_backdrop():
    backdrop = "Bread prices in the capital have doubled since the truce began, the statistics office said."
    effect = "Shelling along the river has eased since the truce began, the monitors said."
    assert statements(backdrop) == []
    assert [s.text[:12] for s in statements(effect)] == ["Shelling alo"]


@pytest.mark.parametrize("backdrop", [
    # the truce as the subject of a clause a time conjunction marks, whatever the clause hangs on
    "The covered market in Velsk reopened in May, three weeks after the truce took hold.",
    "Traders say the bridge to the old town reopened in June, a month after the ceasefire began.",
    # the truce's clause naming a stretch of time
    "When the baker opened his first shop in the summer the Ostrava Armistice was signed, he had two ovens.",
    # a war word that only names the truce's party is no word of the dated story
    "The ferry resumed its crossings weeks after the Northern Liberation Army's ceasefire.",
])
def test_a_truce_that_dates_another_story_by_any_phrase_is_a_backdrop(backdrop):
    lead = "The army and the rebels agreed a ceasefire along the river on Monday, after a month of shelling."
    assert [s.text[:12] for s in statements(lead, backdrop)] == ["The army and"]


@pytest.mark.parametrize("effect", [
    "Two soldiers were wounded by sniper fire a week after the ceasefire was declared, the monitors said.",
    # the article's own words of arms and units count there too: a strip no one may cross with a mortar
    "Since a truce brokered by the elders in May, no one may cross the bridge with a mortar.",
])
def test_the_dated_story_of_fighting_is_still_about_the_truce(effect):
    lead = "The army and the rebels agreed a ceasefire along the river on Monday, after a month of shelling."
    assert [s.text[:12] for s in statements(lead, effect)] == ["The army and", effect[:12]]


def test_a_claim_in_a_paragraph_about_the_truce_is_a_statement_but_the_scene_is_not():
    paragraph = ("The truce along the northern ridge entered its third day on Tuesday. The defence ministry denied "
                 "that its gunners had opened fire on the villages. Snow closed the mountain road to lorries.")
    assert [s.text[:12] for s in statements(paragraph)] == ["The truce al", "The defence "]


def test_the_arrangement_by_a_short_name_lends_its_topic_to_the_quote_and_the_next_sentence():
    first = "The ceasefire between the two militias took hold on Monday."
    quote = ("\u201cThe arrangement gives the valley a chance. Our fighters will stay in their barracks,\u201d said "
             "commander Ruben Vasak.")
    assert [s.text[:12] for s in statements(first, quote)] == ["The ceasefir", "\u201cThe arrange", "Our fighters"]
    later = "The deal was reached after a week of talks in the capital. It covers every district of the valley."
    found = [s.text[:12] for s in statements(first, later)]
    assert found[-1] == "It covers ev"


@pytest.mark.parametrize("paragraph, expected", [
    # a promise of one's own halt, in reported speech, is support; both sides agreeing is an announcement
    ("The northern command said its units would halt all military operations for ten hours a day.", "support"),
    ("Veldara and Osmark agreed on Saturday to extend the ceasefire along their border.", "neutral"),
    # disbelief and the scepticism idioms of news English are doubts
    ("\u201cNobody in the valley believes this ceasefire will survive the winter,\u201d said Colonel Petra Lind.",
     "oppose"),
    ("Colonel Petra Lind called the truce \u201ca public relations exercise\u201d.", "oppose"),
    # a threat and a "no truce without" are conditions (the guidelines' own examples)
    ("\u201cThere will be no truce without guarantees for our villages,\u201d said Colonel Petra Lind.", "conditional"),
    ("The army said the truce held, but that it would respond to any attack with all its means.", "conditional"),
    # the same condition in a commentator's mouth is a doubt: an analyst accepts nothing
    ("Ilse Brandt, a military analyst, said a ceasefire without monitors would probably collapse within weeks.",
     "oppose"),
])
def test_commitments_doubts_and_threats(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


def test_an_interview_answer_is_the_interviewee_speaking_and_a_question_is_no_statement():
    found = statements(
        "Colonel Anna Petrenko commands the western brigade. We spoke to her at her headquarters on Sunday.",
        "Q: Will your brigade respect the ceasefire?",
        "A: We will respect the ceasefire as long as the other side keeps its guns silent. Our patience is not endless.",
    )
    assert [s.text[:12] for s in found] == ["A: We will r", "Our patience"]
    assert {s.speaker for s in found} == {"Anna Petrenko"}
    assert found[0].stance == "conditional"


def test_the_same_speaker_going_on_in_a_second_quotation_and_a_truce_is_never_a_speaker():
    found = statements("\u201cThere can be no truce until the militia leaves the towns,\u201d said Colonel Petra Lind. "
                       "\u201cWe will not be fooled a second time,\u201d she added.")
    assert [(s.text[:12], s.speaker) for s in found] == [("\u201cThere can b", "Petra Lind"),
                                                          ("\u201cWe will not", "Petra Lind")]
    found = statements("A truce agreed in the capital in May lasted less than a week.")
    assert [(s.text[:12], s.speaker) for s in found] == [("A truce agre", None)]


def test_the_terms_at_work_under_the_agreement_are_statements():
    found = statements("The ceasefire took effect on Monday.",
                       "Under the agreement, the rebels withdrew from the river crossings on Tuesday.",
                       "Under a bright sky, the rebels marched through the market on Tuesday.")
    assert [s.text[:12] for s in found] == ["The ceasefir", "Under the ag"]


def test_a_speaker_is_named_as_the_article_writes_it_and_linked_to_the_canonical_entity():
    found = statements("The M23 said on Monday that it would respect the ceasefire around the lake.")
    assert found[0].speaker == "M23"
    from pipeline.nlp.resolve import entity_id

    assert found[0].speaker_entity_id == entity_id("March 23 Movement", "ORG")


@pytest.mark.parametrize("paragraph, expected", [
    # the cue word as a noun the sentence talks about is no position; one the subject makes is
    ("The ceasefire offer was made by the northern command in a statement on Friday.", "neutral"),
    ("Earlier appeals for a truce in the valley went unanswered.", "neutral"),
    ("The northern command reaffirmed its commitment to the ceasefire on Friday.", "support"),
    # a truce does not agree or declare: a participle or a passive without its actor tells a fact about it
    ("A ceasefire agreed at talks in the capital in May collapsed within days.", "neutral"),
    ("The first truce was declared after the floods in March.", "neutral"),
])
def test_a_cue_word_as_a_noun(paragraph, expected):
    assert stance_of(paragraph[:12], paragraph) == expected


def test_an_actor_doing_something_else_is_no_speaker_but_one_taking_a_position_is():
    found = statements("The monitoring committee met in the border town on Tuesday to review the ceasefire.",
                       "The northern command rejected the ceasefire on Wednesday.")
    assert [(s.text[:12], s.speaker) for s in found] == [("The monitori", None), ("The northern", "northern command")]


@pytest.mark.parametrize("paragraphs", [
    # a party that will not be held to an arrangement, or no longer holds itself to the truce, refuses it
    ("The river militias agreed a ceasefire on Sunday.",
     "The ministry said the army would not be bound by any arrangement with the militias."),
    ("The river militias agreed a ceasefire on Sunday.",
     "The northern clans said on Monday they considered themselves no longer bound by the ceasefire."),
    # one that makes no deals with the other side refuses the truce they offer
    ("\u201cWe do not make deals with gangs,\u201d said Colonel Ines Varga of the ceasefire offer.",),
])
def test_refusals_worded_by_their_source(paragraphs):
    assert stance_of(paragraphs[-1][:12], *paragraphs) == "oppose"


@pytest.mark.parametrize("paragraph", [
    # scepticism idioms: a truce in name only, one kept alive by machines, one few believe in
    "\u201cA truce that one side polices is a truce in name only,\u201d said Mayor Olga Brandt.",
    "\u201cThe ceasefire is on life support,\u201d said Mayor Olga Brandt.",
    "Residents said few believed the ceasefire would outlast the winter.",
])
def test_scepticism_idioms(paragraph):
    assert stance_of(paragraph[:12], paragraph) == "oppose"


@pytest.mark.parametrize("paragraph", [
    # the idiom only when the truce is what is kept alive, and "a few" is a count, no disbelief
    "\u201cThe truce is holding, but my brother is still in intensive care,\u201d said Mayor Olga Brandt.",
    "Within a few days the monitors expected the first convoys to cross the river under the ceasefire.",
])
def test_literal_care_and_a_few_are_no_scepticism(paragraph):
    assert stance_of(paragraph[:12], paragraph) != "oppose"
