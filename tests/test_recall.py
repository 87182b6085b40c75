"""Recall of ceasefire statements: sentences that speak of the truce only through their context (the guidelines'
"context counts" and "pronouns and short names carry the topic"), with the real model. Every sentence here is
written for these tests."""

from __future__ import annotations

import pytest

from conftest import article_statements

TRUCE = "The rebel command announced a ten-day truce in the northern province on Monday."


def texts(*paragraphs: str) -> set[str]:
    return {s.text for s in article_statements(*paragraphs)}


# --- a short name carries the topic forwards through its paragraph


def test_sentence_after_a_short_name_is_carried():
    after = "The army's spokesman said its artillery units had been ordered to stay in their barracks."
    found = texts(TRUCE, f"Observers said the accord had been drafted in secret. {after}")
    assert after in found


def test_sentence_before_the_short_name_is_not_carried():
    before = "The health office said shelling had killed four people near the market on Sunday."
    found = texts(TRUCE, f"{before} Observers said the accord had been drafted in secret.")
    assert before not in found


# --- an interview's answer speaks to its question


INTRO = ("Colonel Marta Ivers commands the western sector, where a truce between the army and the rebels began at "
         "dawn on Sunday. She spoke to us by telephone.")


def test_answer_to_a_question_about_the_truce():
    answer = "We have asked the regional observers to visit every post."
    found = texts(INTRO, "Q: Will your troops respect the truce?", "A: To the letter.",
                  "Q: Who would check on it?", f"A: {answer} Our officers will escort them.")
    assert any(answer in t for t in found)
    assert "Our officers will escort them." in found


def test_answer_to_a_question_about_something_else():
    found = texts(INTRO, "Q: How is your family coping?", "A: My daughter started school this week. She likes it.")
    assert not any("daughter" in t or "likes" in t for t in found)


def test_question_pointing_back_needs_a_truce_answer_before_it():
    # "it" in the question points at whatever the answer before spoke of: here the weather, not the truce
    found = texts(INTRO, "Q: How is the weather in the sector?", "A: Cold and wet all week.",
                  "Q: Does it slow your work?", "A: The roads are mud and the trucks cannot move.")
    assert not any("roads" in t for t in found)


# --- quoted words that name neither the truce nor the fighting


POSITION = "The rebel spokesman, Idris Falan, said the group would observe the truce only if the army left the valley."
ELDER = ("\u201cWe have buried too many of our sons,\u201d said Amina Torr, who leads the valley's council of "
         "elders. \u201cOur patience is not endless.\u201d")


def test_quote_after_a_party_position_answers_the_debate():
    found = texts(POSITION, ELDER)
    assert any(t.startswith("\u201cWe have buried") for t in found)
    assert "\u201cOur patience is not endless.\u201d" in found
    speakers = {s.speaker for s in article_statements(POSITION, ELDER) if "patience" in s.text}
    assert speakers == {"Amina Torr"}


def test_quote_after_narrative_only_is_colour():
    found = texts("The truce in the valley began at dawn on Sunday.", ELDER)
    assert not any("buried" in t or "patience" in t for t in found)


def test_quoted_words_pointing_back_by_a_pronoun_after_narrative_are_carried():
    # "it" carries the truce of the paragraph before into the quotation (without it, the elder's words are colour:
    # test_quote_after_narrative_only_is_colour)
    keep = "\u201cWe mean to keep it that way,\u201d said Amina Torr, who leads the valley's council of elders."
    found = texts("The truce in the valley began at dawn on Sunday.", keep)
    assert keep in found


def test_speaker_going_on_after_reported_truce_words():
    # the source phrase is longer than what it reports, yet the paragraph's first attribution is about the truce,
    # and the same speaker goes on in the quotation after it
    paragraph = ("The rebel movement's chief spokesman in the capital, Idris Falan, said the group would not extend "
                 "the truce. \u201cOur people have waited long enough,\u201d he said.")
    found = {s.text: s.speaker for s in article_statements(paragraph)}
    assert found.get("\u201cOur people have waited long enough,\u201d he said.") == "Idris Falan"


# --- definite back-references to the dispute: "the claims", "the council's call", "the draft"


def test_denying_the_claims_refers_back_to_the_truce_dispute():
    found = texts("The rebels accused the army of breaking the truce near the river crossing on Sunday.",
                  "The army's press office denied the claims on Monday.")
    assert "The army's press office denied the claims on Monday." in found


def test_a_possessive_short_name_is_a_short_name():
    found = texts("The regional council called for a truce in the valley on Friday.",
                  "The rebel leadership said it accepted the council's call without conditions.")
    assert "The rebel leadership said it accepted the council's call without conditions." in found


def test_the_official_is_the_unnamed_one_introduced_last():
    # a person titled "official" was named first; "the official" is the unnamed one introduced after him
    found = {s.text: s.speaker for s in article_statements(
        "Senior rebel official Omar Dakin said the group rejected the truce.",
        "A government official, speaking on condition of anonymity, said the cabinet had approved the truce. "
        "The official said ministers would meet again on Friday to discuss the draft.")}
    assert found.get("The official said ministers would meet again on Friday to discuss the draft.") == \
        "government official"


# --- the mechanics of a truce speak of it: monitors, convoys, corridors, disarming


def test_monitors_and_convoys_in_a_truce_paragraph():
    monitors = "The ministry said it had asked regional monitors to visit the villages."
    convoys = "The relief agency said its first convoys had reached the valley by evening."
    found = texts(f"The truce between the army and the rebels began at noon on Friday. {monitors} {convoys}")
    assert monitors in found and convoys in found


# --- a reaction refers back to the offer it answers


def test_a_reaction_to_the_offer_is_a_statement():
    found = texts("The rebels offered a truce for the harvest season on Monday.",
                  "The interior ministry's reaction came within hours. The army command responded coolly.")
    assert "The interior ministry's reaction came within hours." in found
    assert "The army command responded coolly." in found


def test_no_reply_to_a_reporter_is_no_statement():
    found = texts("The rebels offered a truce for the harvest season on Monday.",
                  "The army command did not respond to requests for comment on Tuesday.")
    assert not any("requests for comment" in t for t in found)


# --- a paragraph that names the truce keeps the next one's quotation on topic, even when it states nothing


def test_quote_after_a_paragraph_naming_the_truce_without_a_statement():
    quote = "\u201cWe have had ten quiet nights, and the shelling has stopped,\u201d said Mara Velic, a nurse in the town."
    statements = article_statements(
        "The truce agreed in the capital on Friday has held along most of the front.",
        "Neither side has published its maps, and the observers that the accord foresees have not arrived.",
        quote)
    assert not any("observers" in s.text for s in statements)  # the paragraph in between states nothing
    assert quote in {s.text for s in statements}


# --- the truce's short name as an argument of the main clause: a fact about the arrangement


TRUCE_TERM = "The army and the northern rebels agreed a thirty-day truce on Saturday."


def test_short_name_as_object_or_party_is_a_fact_about_it():
    hosted = "Norway hosted the talks."
    party = "The western militia is not a party to the accord."
    found = texts(TRUCE_TERM, f"{hosted} {party}")
    assert hosted in found and party in found


def test_another_dated_accord_or_an_announced_text_is_no_argument():
    other = "Kenya mediated the 2019 accord before relations with the capital soured."
    intro = "The defence ministry issued the following statement on Friday evening."
    found = texts(TRUCE_TERM, other, intro)
    assert other not in found and intro not in found


def test_the_office_is_the_office_it_heads():
    found = {s.text: s.speaker for s in article_statements(
        "The Government, through the Office of the Peace Commissioner, announces that the ceasefire with the "
        "rebels will be extended for sixty days.",
        "The Office will convene the verification mechanism every week in the capital.",
        "For press enquiries, contact the Communications Office of the Presidency.")}
    assert found.get("The Office will convene the verification mechanism every week in the capital.") == \
        "Office of the Peace Commissioner"


def test_a_verification_mechanism_is_part_of_the_arrangement():
    sentence = "The foreign ministry said a joint verification mechanism would begin work in the border town next week."
    found = texts(TRUCE_TERM, "Aid groups said the roads north were still closed.", sentence)
    assert sentence in found


def test_a_bare_moratorium_is_the_arrangement():
    sentence = "A moratorium announced by the rebels in March lasted barely a week."
    found = texts(TRUCE_TERM, "Aid groups said the roads north were still closed.", sentence)
    assert sentence in found


def test_a_long_interview_of_pronoun_questions_is_no_crash():
    # every question points back with "it" to the answer before: thousands of turns must not exhaust the stack
    from pipeline.nlp.detect import _asked_about
    from pipeline.nlp.lexicon import load_lexicon

    turns = ["Q: Will your troops respect the truce?", "A: To the letter."]
    for i in range(3000):
        turns += [f"Q: And what did it cost in round {i}?", f"A: Round {i} cost little."]
    assert _asked_about(turns, len(turns) - 1, set(), load_lexicon())
    weather = ["Q: How is the weather?", "A: Cold.", *turns[2:]]
    assert not _asked_about(weather, len(weather) - 1, set(), load_lexicon())


# --- a claim of one's own in a paragraph about the truce, with no word of it or of the fighting


def test_a_modal_claim_in_a_truce_paragraph_is_a_statement():
    claim = "Both capitals must now send their engineers to the river crossing."
    found = texts(f"The ceasefire between the two armies took effect at dawn on Friday. {claim}")
    assert claim in found


def test_a_first_person_position_in_a_truce_paragraph_is_a_statement():
    claim = "We have kept every promise made to the mediators."
    found = texts(TRUCE, f"GENERAL OKAFOR: The ceasefire is holding in my sector. {claim}")
    assert claim in found


def test_a_past_fact_in_a_truce_paragraph_is_backdrop():
    backdrop = "The old stone bridge over the river was built in 1962."
    found = texts(f"The ceasefire between the two armies took effect at dawn on Friday. {backdrop}")
    assert backdrop not in found


def test_reported_words_on_something_else_are_backdrop_even_with_a_modal():
    backdrop = "The mayor said the covered market would reopen on Saturday."
    found = texts(f"The ceasefire between the two armies took effect at dawn on Friday. {backdrop}")
    assert backdrop not in found


def test_a_first_person_scene_in_the_past_is_backdrop():
    scene = "We met him at a roadside cafe on the edge of the capital."
    found = texts(f"The ceasefire between the two armies took effect at dawn on Friday. {scene}")
    assert scene not in found


# --- quoted words before a short name the same quotation says

MARKET = "Stalls in the provincial capital's covered market were busy again on Tuesday."


def test_quoted_words_before_a_quoted_short_name_are_carried():
    before = "The envoy said her government had sent observers to the ridge and was \u201cwatching closely\u201d."
    found = texts(TRUCE, MARKET, f"{before} \u201cThe pause has to hold,\u201d she added.")
    assert before in found


def test_quoted_words_before_a_short_name_in_the_narrative_are_not_carried():
    before = "The envoy said her government had sent observers to the ridge and was \u201cwatching closely\u201d."
    found = texts(TRUCE, MARKET, f"{before} Observers said the pause had been drafted in secret.")
    assert before not in found


# --- a source going on by a pronoun about the truce: its reported words before the short name are the same report


def test_reported_words_before_a_pronoun_going_on_about_the_pause():
    before = "The coastal command said enemy troops had fired on two fishing villages on Sunday night."
    found = texts(TRUCE, MARKET, f"{before} It said its own units had kept to the pause since Friday.")
    assert before in found


def test_reported_words_before_a_short_name_from_another_source_are_not_carried():
    before = "The coastal command said enemy troops had fired on two fishing villages on Sunday night."
    found = texts(TRUCE, MARKET, f"{before} Observers said the pause had been drafted in secret.")
    assert before not in found


# --- "it" pointing back to the paragraph's truce


def test_a_sentence_about_the_truce_by_it_is_carried():
    covered = "It does not cover the coastal districts, where the militia still patrols the roads."
    found = texts(f"The two armies signed a truce in the border town on Friday. {covered}")
    assert covered in found


def test_it_as_an_object_is_carried():
    bound = "Two smaller factions in the hills have said they are not bound by it."
    found = texts(f"The council and the rebel front agreed a ceasefire on Sunday evening. {bound}")
    assert bound in found


def test_empty_it_is_not_a_back_reference():
    empty = "It was not clear how many families had left the valley by then."
    found = texts(f"The two armies signed a truce in the border town on Friday. {empty}")
    assert empty not in found


def test_it_in_a_side_clause_is_backdrop():
    side = "Ferries stopped running to the island after the port authority closed it in May."
    found = texts(f"The two armies signed a truce in the border town on Friday. {side}")
    assert side not in found


def test_a_demonstrative_standing_alone_points_back_to_the_truce():
    verdict = "That leaves the farmers a tax, not a peace."
    found = texts(f"Under the truce, the militia collects a share of every harvest on the plain. {verdict}")
    assert verdict in found
    # "that" as a determiner or a conjunction points at nothing before it
    told = "Officials said that the hospital had reopened its wards in the old quarter."
    found = texts(f"The two armies signed a truce in the border town on Friday. {told}")
    assert told not in found


def test_the_truces_parties_by_their_number_are_carried():
    both = "Both sides reported three minor incidents on the ridge road overnight."
    found = texts(f"The two armies signed a truce in the border town on Friday. {both}")
    assert both in found
    # "sides" of something else: a road's sides are no parties
    road = "Wrecked lorries lined the sides of the ridge road for a kilometre."
    found = texts(f"The two armies signed a truce in the border town on Friday. {road}")
    assert road not in found


# --- a paragraph's opening sentence that sums up the positions its sources then give


def test_a_lead_in_attitude_after_a_truce_paragraph_is_a_statement():
    lead = "Shopkeepers in the old town were sceptical."
    found = texts(TRUCE, f"{lead} “We have heard promises like this every winter,” said one of them, Aziz Haddad.")
    assert lead in found


def test_a_lead_in_passive_attitude_is_a_statement():
    lead = "Farmers near the river were divided."
    found = texts(TRUCE, f"{lead} Some planted their fields again on Tuesday, others stayed in the camps.")
    assert lead in found


def test_a_scene_opening_a_paragraph_is_no_lead_in():
    scene = "The old bridge was split."
    found = texts(TRUCE, f"{scene} “We have heard promises like this every winter,” said Aziz Haddad.")
    assert scene not in found


def test_a_short_opening_that_is_no_lead_in_is_left_to_the_paragraph():
    # short, an attitude word, so a lead-in candidate; but its main verb is the source's "said", no attitude of its
    # subject, so the parse rejects the lead-in: the paragraph that names the truce still reads the reported words
    opening = "The army remained cautious, a spokesman said on Tuesday."
    found = texts(f"{opening} A ceasefire between the government and the rebels took effect at dawn on Monday.")
    assert opening in found


def test_a_lead_in_away_from_the_truce_is_no_statement():
    lead = "Commuters were cautious."
    # two paragraphs after the truce, the paragraph before it on another story: the lead-in sums up that one
    found = texts(TRUCE, "The city council opened a new tram line along the harbour on Thursday.",
                  f"{lead} Most of them stayed on the old bus routes during the first week.")
    assert lead not in found


# --- a transcript's short answer: its label opens the sentence, and the words after it are the guest's own

HOST_ASKS = ("The truce between the two armies began at dawn on Sunday, the mediators said.",
             "ANCHOR: The rebels say they have stopped shelling the valley since the truce began. Is that true?")


def test_a_short_labelled_answer_is_one_sentence_with_its_label():
    answer = "KOVALENKO: It is not."
    found = texts(*HOST_ASKS, f"{answer} Their mortars hit the bridge twice last night. Our side has respected the"
                                " arrangement since Sunday.")
    assert answer in found
    assert "KOVALENKO:" not in found


# --- a live blog's entries are carried by the blog's topic


BLOG_PIN = ("PINNED: A truce between the army and the northern militias began at noon in the river port of Kessa. "
            "It is meant to last five days.")


def test_a_live_blog_entry_reporting_a_source_is_carried():
    entry = "15:25 \u2014 A spokesman for the port authority said the first grain barge would sail on Saturday."
    found = texts(BLOG_PIN, "14:05 \u2014 Shops reopened along the quay.", entry)
    assert entry in found


def test_a_live_blog_entry_before_the_truce_is_named_is_not_carried():
    entry = "09:40 \u2014 A spokesman for the port authority said the first grain barge would sail on Saturday."
    found = texts(entry, "10:10 \u2014 The army announced a truce with the northern militias.")
    assert entry not in found


def test_the_newsroom_words_of_a_live_blog_are_no_statement():
    note = "18:50 \u2014 We will resume this page in the morning."
    found = texts(BLOG_PIN, "16:10 \u2014 A spokesman for the port authority said the barges had sailed.", note)
    assert note not in found


def test_a_single_time_stamp_is_no_live_blog():
    entry = "15:25 \u2014 A spokesman for the port authority said the first grain barge would sail on Saturday."
    found = texts("The army and the northern militias agreed a truce in Kessa on Monday.", entry)
    assert entry not in found


# --- a debate's member puts a claim as a question; a host asks one


DEBATE_INTRO = "The following is an extract from a committee debate on the Kessa truce held on Tuesday."


def test_a_member_question_putting_a_claim_is_a_statement():
    question = "Does the Minister accept that the truce in Kessa has already collapsed?"
    found = texts(DEBATE_INTRO, f"Ms Ada Brennick (Lowfield): {question}",
                  "Mr Tomas Hale: I do not accept that.")
    assert any(question in t for t in found)


def test_a_member_question_in_statement_order_is_a_statement():
    question = "So the truce is worth nothing to the ferry crews?"
    found = texts(DEBATE_INTRO, "Mr Tomas Hale (Eastmoor): The militias have fired on the ferries every night.",
                  f"Ms Ada Brennick (Lowfield): {question}", "Mr Tomas Hale: It is worth a great deal to them.")
    assert any(question in t for t in found)


def test_a_member_question_that_challenges_is_a_statement():
    # "why should ..." asks no one for anything: its answer ("it should not") is the member's own claim
    question = "Why should this truce fare any better than the last one?"
    found = texts(DEBATE_INTRO, "Mr Tomas Hale (Eastmoor): The Kessa truce is holding, and the monitors are in place.",
                  f"Ms Ada Brennick (Lowfield): The last one collapsed in a week. {question}",
                  "Mr Tomas Hale: Because this time the monitors are there.")
    assert any(question in t for t in found)


def test_a_host_asking_why_is_no_statement():
    found = texts("HOST: Our guest tonight commands the western sector.",
                  "HOST: Colonel Ivers, why sign the truce at all?",
                  "IVERS: Because my units need the rest, and we will keep to it.")
    assert not any("why sign the truce" in t for t in found)


def test_a_host_question_to_a_guest_is_no_statement():
    found = texts("HOST: Our guest tonight commands the western sector.",
                  "HOST: Colonel Ivers, is the truce still holding?",
                  "IVERS: It is holding, and my units will keep to it.")
    assert not any("is the truce still holding" in t for t in found)


# --- a belief or expectation is its holder's position on what the clause says


def test_a_hope_or_fear_about_the_arrangement_is_its_holders_statement():
    hope = "Local officials hope the pause will reach the coming harvest."
    fear = "The governor fears the accord will not reach the coming harvest."
    found = article_statements(TRUCE, f"The ferries ran again on Tuesday. {hope}", f"Prices fell in the port. {fear}")
    spoken = {s.text: s.speaker for s in found}
    assert spoken.get(hope) and spoken.get(fear)  # the holder speaks: "officials", "the governor"


def test_a_belief_about_something_else_is_no_statement():
    other = "Local officials hope the new bridge will open before the harvest."
    found = article_statements(TRUCE, f"The ferries ran again on Tuesday. {other}")
    assert other not in {s.text for s in found}



# --- a transcript's short answer after its speaker's label is the speaker's own words on the truce (the label,
# longer than the answer, does not make the sentence the narrator's)

TURN = ("Our patrols have kept to the agreed lines, and we will keep the truce as long as the other side does.")


def test_short_answer_after_a_long_label_is_a_statement():
    found = texts(TRUCE, "ANCHOR: General Dorsey, has any of your units fired since the truce began?",
                  f"BRIGADIER GENERAL ANTON DORSEY: None. {TURN}")
    assert "BRIGADIER GENERAL ANTON DORSEY: None." in found


def test_short_question_after_a_long_label_is_no_statement():
    found = texts(TRUCE, "ANCHOR: General Dorsey, your units fired on Tuesday.",
                  f"BRIGADIER GENERAL ANTON DORSEY: Did they? {TURN}")
    assert not any(t.startswith("BRIGADIER GENERAL ANTON DORSEY: Did") for t in found)



# --- a source's claim of a breach dated by the truce is about the truce; a price dated by it is not


def test_source_claiming_a_breach_dated_by_the_truce_is_a_statement():
    claim = "Three months after the truce signed in Doha, the two armies accuse each other of breaking the deal."
    assert claim in texts(TRUCE, claim)


def test_source_giving_prices_dated_by_the_truce_is_no_statement():
    prices = "Three months after the truce signed in Doha, the bakers say the price of bread is lower."
    assert prices not in texts(TRUCE, prices)


# --- an armed party's own statement goes on in its voice from the truce's paragraph to the next


def test_issuers_next_paragraph_on_the_forces_conduct_continues_its_statement():
    truce = ("The Northern Liberation Front reaffirms its commitment to the ceasefire agreed in Tashir. Since then, "
             "our fighters have not fired a single shot.")
    conduct = ("On Monday the national army shelled our positions near Varel with mortars. "
               "The harvest festival in Varel drew large crowds.")
    found = [s.text for s in article_statements(truce, conduct)]
    assert "On Monday the national army shelled our positions near Varel with mortars." in found
    assert "The harvest festival in Varel drew large crowds." not in found


def test_a_reporters_next_paragraph_is_not_an_issuers_statement():
    truce = "The Northern Liberation Front said it remained committed to the ceasefire agreed in Tashir."
    conduct = "On Monday the national army shelled villages near Varel with mortars."
    found = [s.text for s in article_statements(truce, conduct)]
    assert conduct not in found


# --- an opinion column's author argues about the truce in every sentence of its paragraphs


COLUMN_TRUCE = ("The truce the two armies signed in Tashir has stopped the shelling of Varel for a month. "
                "Critics on both sides are loud. Neither camp is being honest.")
COLUMN_NEXT = ("I have walked that front line twice since the spring. The old market burned down in March. "
               "Keep the guns quiet.")


def test_a_columns_paragraphs_about_the_truce_are_the_authors_position():
    found = texts("By Marta Lindqvist.", COLUMN_TRUCE, COLUMN_NEXT,
                  "Marta Lindqvist is a former envoy and writes on security in the Caucasus.")
    assert "Neither camp is being honest." in found
    assert "Keep the guns quiet." in found
    assert "The old market burned down in March." not in found  # the column's backdrop, told in the past
    assert not any("writes on security" in t or t.startswith("By Marta") for t in found)


@pytest.mark.parametrize("name", ["Tariq Hassan al-Mansouri", "Ana de la Vega", "Jan van der Berg"])
def test_a_biography_whose_name_has_a_lower_case_particle_gives_the_column_its_author(name):
    found = texts(COLUMN_TRUCE, COLUMN_NEXT, f"{name} is a former envoy and a fellow at the Varel Institute.")
    assert "Neither camp is being honest." in found
    assert "Keep the guns quiet." in found
    assert not any("former envoy" in t for t in found)


@pytest.mark.parametrize("tagline", [
    "Marta Lindqvist was deputy head of a UN monitoring mission in the Caucasus from 2018 to 2022.",
    "Marta Lindqvist writes about security in the Caucasus.",
    "Marta Lindqvist is a researcher at the Varel Institute.",
])
def test_a_tagline_of_a_past_post_or_a_beat_gives_the_column_its_author(tagline):
    found = texts(COLUMN_TRUCE, COLUMN_NEXT, tagline)
    assert "Neither camp is being honest." in found
    assert "Keep the guns quiet." in found
    assert not any("Marta Lindqvist" in t for t in found)


def test_no_full_name_no_tagline():
    from pipeline.nlp.detect import _bio

    assert not _bio("There is a good film inside this one, and its director knows it.")
    assert not _bio("Aram Petrosyan is the chief negotiator of the northern militias.")  # an interview's guest


def test_a_columns_sourced_fact_is_the_sources_not_the_authors():
    sourced = "Half the families of Varel have no work, according to the city council."
    found = texts("By Marta Lindqvist.", COLUMN_TRUCE + " " + sourced, COLUMN_NEXT,
                  "Marta Lindqvist is a former envoy and writes on security in the Caucasus.")
    assert "Neither camp is being honest." in found
    assert sourced not in found


def test_a_report_with_no_author_voice_keeps_its_backdrop_out():
    found = texts(COLUMN_TRUCE, "Keep the guns quiet, the posters in Varel say.")
    assert "Neither camp is being honest." not in found


def test_a_column_about_a_figurative_truce_states_nothing():
    found = texts("By Marta Lindqvist.",
                  "The truce between the two film studios lasted a month. Neither camp is being honest.",
                  "I have seen this feud before. Keep the popcorn ready.")
    assert not found


# --- a speaker granting another's feeling makes no claim


def test_granting_a_feeling_is_no_statement():
    granted = "I understand the fear."
    found = texts(TRUCE, f"\u201cThe villagers have been promised quiet before. {granted} But this truce will hold,\u201d"
                  " said the rebel spokesman.")
    assert not any(t.startswith(granted) for t in found), found
    assert any("this truce will hold" in t for t in found), found


def test_granting_a_view_of_the_truce_stays_a_statement():
    from pipeline.nlp.detect import _acknowledges
    from pipeline.nlp.lexicon import load_lexicon
    from pipeline.nlp.model import load_nlp

    nlp, lexicon = load_nlp(None), load_lexicon()
    assert _acknowledges(nlp("A: We respect their anger."), lexicon)
    assert not _acknowledges(nlp("I understand why the army calls it a truce."), lexicon)  # a clause: a claim
    assert not _acknowledges(nlp("We respect the truce."), lexicon)  # the truce itself: compliance
    assert not _acknowledges(nlp("We respect their anger, but the truce must hold."), lexicon)


# --- a speaker announcing candour before saying anything makes no claim


def test_announcing_candour_is_no_statement():
    bare = "I want to be frank."
    found = texts(TRUCE, f"\u201cThe villagers have been promised quiet before. {bare} This truce will not last the "
                  "winter,\u201d said the rebel spokesman.")
    assert not any(t.startswith(bare) for t in found), found
    assert any("This truce will not last" in t for t in found), found


def test_candour_that_goes_on_to_say_something_stays_a_claim():
    from pipeline.nlp.detect import _candour
    from pipeline.nlp.model import load_nlp

    nlp = load_nlp(None)
    assert _candour(nlp("A: I want to be clear about that."))
    assert not _candour(nlp("But I want to be clear: we will not return to a truce that froze us."))
    assert not _candour(nlp("I want to be clear that we will not sign."))
    assert not _candour(nlp("We want to be part of the monitoring."))
