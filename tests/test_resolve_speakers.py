"""Who a ceasefire statement's speaker is, read from the parse and the article (real spaCy model). Every sentence
here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import FIGHTING, resolved_article
from conftest import speaker_starting as speaker_of
from conftest import war_speakers as speakers


@pytest.mark.parametrize("sentence", [
    # the only source is in a relative clause on a noun
    "The vote came a week after a summit in Vienna that Norway had called historic, and the truce held.",
    # in an adverbial clause opened by its conjunction
    "The ports reopened on Monday, three days after Veldara proposed a ceasefire along the river.",
    "Since the Northern Front announced its truce in June, not a single convoy has been attacked.",
    # in one a wh-adverb opens, which the small model hangs as a modifier, not a marker
    "When the Northern Front announced a truce in the valley, the news was greeted in Veldara as a sign of peace.",
    "When Veldara proposed a ceasefire along the river last spring, the farmers on both banks hoped to sow again.",
    # a participle on the arrangement itself
    "A truce between the rebels and the Veldaran army, brokered by Norway in 2019, has held despite expiring.",
])
def test_a_source_only_in_a_side_clause_leaves_the_narrative_without_a_speaker(sentence):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) is None


def test_an_act_told_in_the_passive_is_the_narrative_even_with_its_agent():
    # who brokered or signed the truce is a fact the reporter tells, not the agent's say
    found = speakers("The truce was brokered by Norwegian mediators on Friday after a month of shelling.")
    assert speaker_of(found, "The truce was brokered") is None


def test_a_passive_of_saying_without_an_agent_is_the_narrative():
    # "it" is what was written, not who wrote it
    found = speakers("Veldara agreed to a ceasefire on Friday. It was never written down as an accord.")
    assert speaker_of(found, "Veldara agreed") == "Veldara"
    assert speaker_of(found, "It was never") is None


@pytest.mark.parametrize(("sentence", "speaker"), [
    # a participle clause on the main verb reports the main subject's words
    ("The Northern Front fired rockets at dawn, saying the ceasefire was already dead.", "Northern Front"),
    # the small model hangs the main verb on its subject after an apposition: still the subject's act
    ("The Coastal Liberation Front, one of the largest militias in the south, rejected the ceasefire on Sunday.",
     "Coastal Liberation Front"),
    # a passive's agent is its source when the verb says or takes a position
    ("The ceasefire was announced by the Northern Front on Sunday evening.", "Northern Front"),
    ("The ceasefire offer was rejected by the Northern Front on Sunday evening.", "Northern Front"),
])
def test_the_main_clause_keeps_its_source(sentence, speaker):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) == speaker


def test_a_body_the_phrase_gives_a_country_is_only_that_country_s_body():
    found = speakers(
        "The Lebanese Armed Forces deployed to the south under the truce.",
        "The Israeli military said the truce was holding.",
        "The Lebanese army said the truce had been broken twice.",
    )
    # another country's army named last is someone else: the phrase stays as written
    assert speaker_of(found, "The Israeli military") == "Israeli military"
    # the same country's army is the body the article named in full
    assert speaker_of(found, "The Lebanese army") == "Lebanese Armed Forces"


def test_an_interview_without_labels_gives_its_answers_to_the_interviewee():
    found = speakers(
        "Aureliano Cardenas leads the negotiating team of the Northern Front. He spoke to us from Tallinn about the "
        "ceasefire that ended in May.",
        "Why did the truce fail?",
        "The army never stopped its patrols in the valley. We kept our fighters in their camps for a year.",
        "Would you accept a new ceasefire?",
        "The Front will announce a unilateral truce for the harvest. Our units will shoot only if attacked.",
    )
    assert speaker_of(found, "The army never stopped") == "Aureliano Cardenas"
    assert speaker_of(found, "We kept our fighters") == "Aureliano Cardenas"  # found through the question it answers
    assert speaker_of(found, "The Front will announce") == "Aureliano Cardenas"  # his words, not the Front's act
    assert speaker_of(found, "Our units will shoot") == "Aureliano Cardenas"


def test_an_explainer_s_question_headings_leave_its_answers_to_the_reporter():
    found = speakers(
        "Negotiators for Veldara and the Northern Front signed a ceasefire in Oslo on Monday.",
        "What does the ceasefire require?",
        "The ceasefire requires the Front to pull back ten kilometres, and the army to stop its air "
        "strikes.",
    )
    assert speaker_of(found, "The ceasefire requires") is None


def test_a_lone_question_answered_with_a_we_is_the_reporter_s_aside():
    found = speakers(
        "Veldara and the Northern Front signed a ceasefire in Oslo on Monday.",
        "Will the ceasefire hold?",
        "Nobody we spoke to in the valley believes the ceasefire will last the winter.",
    )
    assert speaker_of(found, "Nobody we spoke to") is None


def test_a_country_s_ministry_issuing_a_text_is_the_ministry_not_the_country():
    # the small model makes "Republic" the subject and the ministry an "of" phrase: the country only owns it
    found = speakers(
        "Khartoum \u2014 The Republic of the Sudan's Ministry of Culture and Information issued the following "
        "statement on Monday. It reads:",
        "\u201cThe Government accepts the ceasefire signed in Jeddah and will respect it in full.\u201d",
    )
    assert speaker_of(found, "\u201cThe Government accepts") == "Ministry of Culture and Information"


def test_a_short_quotation_with_a_long_attribution_after_a_party_s_say_is_a_statement():
    found = speakers(
        "The Veldaran government said on Monday that the ten-day truce with the Northern Front had ended at "
        "midnight. \u201cWe see no reason to renew it,\u201d a spokesman for the presidential administration, "
        "Pavel Orlov, told reporters."
    )
    assert speaker_of(found, "\u201cWe see no reason") == "Pavel Orlov"


def test_quoted_words_that_name_nothing_of_the_war_need_a_party_s_say_before_them():
    found = speakers(
        "The storm season began early this year in the northern valleys, farmers said.",
        "\u201cOur orchards flooded twice this spring,\u201d said Pavel Orlov, a farmer near the river, speaking at length "
        "to reporters about the weather.",
    )
    assert not any(text.startswith("\u201cOur orchards flooded") for text in found)


def test_a_statement_speaks_for_its_issuer_never_for_the_outlet_that_carried_it():
    found = speakers(
        "The Northern Liberation Front, a rebel group in the hills of Veldara, declared a ten-day ceasefire on "
        "Friday. The text was read in full on the state broadcaster VTV.",
        "\u201cWe call on the army to respect the ceasefire,\u201d the statement said.",
    )
    assert speaker_of(found, "\u201cWe call on the army") == "Northern Liberation Front"


def test_a_double_surname_s_first_part_and_a_transcript_s_capitals_are_the_person():
    found = speakers(
        "Tomás Ibarra Soto commands the Northern Front, a guerrilla group in the south.",
        "IBARRA: We have always been ready for a ceasefire, but not while the army bombs our camps every night.",
        "Ibarra said later that the ceasefire offer was a trick.",
    )
    assert speaker_of(found, "IBARRA:") == "Tomás Ibarra Soto"
    assert speaker_of(found, "Ibarra said later") == "Tomás Ibarra Soto"


def test_a_message_speaks_for_the_group_that_sent_it():
    found = speakers(
        "Veldara announced a ten-day ceasefire on Monday.",
        "In a message posted online, the Northern Liberation Front mocked the ceasefire. \u201cThe army rests "
        "because it is tired,\u201d the message said.",
    )
    assert speaker_of(found, "\u201cThe army rests") == "Northern Liberation Front"


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Port Amara, Veldara \u2014 Veldara's Coastal Defence Council announced a unilateral ceasefire on Sunday.",
     "Coastal Defence Council"),
    ("LINDHAVEN, Oct 3 - The Coastal Liberation Front rejected the ceasefire offer on Friday.",
     "Coastal Liberation Front"),
    # hyphens inside the place's name ("PORT-AU-VENT") do not hide the dateline
    ("PORT-AU-VENT \u2014 Leaders of the Coastal Liberation Front said on Sunday they would observe a ceasefire.",
     "Coastal Liberation Front"),
    # the phrase after the dash names both sides at once: nobody's say
    ("Port Amara, Veldara \u2014 Veldara and Ostland agreed on Monday to extend the ceasefire by a month.", None),
])
def test_a_dateline_is_where_the_report_was_filed_never_the_speaker(sentence, speaker):
    found = speakers(sentence)
    start = sentence.split(" \u2014 ")[-1].split(" - ")[-1][:20]
    assert speaker_of(found, sentence[:20]) == speaker or speaker_of(found, start) == speaker


@pytest.mark.parametrize(("sentence", "speaker"), [
    # both sides' act, told by one source in the same sentence: that source's say
    ("Two fishing clans agreed on Monday to a ten-day truce after clashes over the harbour, village elders said.",
     "village elders"),
    ("The Veldaran defence ministry did not respond to questions about the truce, but a ministry official said "
     "the army would keep to it.", "ministry official"),
    # the source is both sides itself: still nobody's say
    ("Veldara and Ostland agreed to a ten-day truce on Monday, the two governments said.", None),
])
def test_a_joint_act_or_a_silence_one_party_reports_is_that_party_s_say(sentence, speaker):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) == speaker


@pytest.mark.parametrize(("sentence", "speaker"), [
    # the source speaks only for the side clause it sits in; the truce sentence is the reporter's
    ("The Veldara ceasefire is in its seventh week, although Ostland air strikes overnight killed at least nine "
     "civilians, according to the Veldaran civil defence agency.", None),
    # a source that is both sides at once
    ("The two navies will exchange patrol maps every Monday under the truce, according to a joint statement.", None),
    ("The truce held overnight along the river, according to officials on both sides.", None),
    # one party's account of the main clause stays theirs
    ("The truce held overnight along the river, according to the Veldaran army.", "Veldaran army"),
])
def test_according_to_speaks_for_its_own_clause_and_one_party(sentence, speaker):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) == speaker


def test_a_place_read_as_a_person_after_of_is_nobody_he_stands_for():
    # the small model tags the camp's one-word name a PERSON; "he" is still the leader named in full before it
    found = speakers(
        "Amara Koulibeh Tessane, leader of the Coastal Liberation Front, said on Monday the rebels would never "
        "return to the 2019 ceasefire.",
        "Addressing a rally in the desert camps of Tamzira, the rebel leader praised the fighters.",
        "“The ceasefire is buried, and the enemy buried it,” he said.",
    )
    assert speaker_of(found, "“The ceasefire is buried") == "Amara Koulibeh Tessane"


def test_a_lead_in_s_attitude_is_held_by_its_subject():
    # "X was more cautious." sums up the voices after it: its subject holds the attitude, named or not; an
    # attitude nobody is said to hold ("not everyone") stays the narrative's
    found = speakers(
        "The Northern Front announced a ten-day ceasefire on Sunday to let families bury their dead.",
        "Aid workers were sceptical. “We have seen three of these since spring,” said Lena Okafor-Bright of a local "
        "relief group.",
        "Deputy commander Tomas Haldane-Reyes was more cautious. He said the truce would be judged by the guns.",
        "Not everyone was convinced. “It will not last a week,” one farmer said.",
    )
    assert speaker_of(found, "Aid workers were") == "Aid workers"
    assert speaker_of(found, "Deputy commander") == "Tomas Haldane-Reyes"
    assert speaker_of(found, "Not everyone") is None


def test_a_lead_in_s_attitude_links_its_attribution_row():
    # every statement with a speaker links the attribution it rests on: for a lead-in, its subject is the source
    # and its predicate the cue
    text, nlp = resolved_article(FIGHTING, "The Northern Front announced a ten-day ceasefire on Sunday.",
                                 "Aid workers were sceptical. “We have seen three of these since spring,” said "
                                 "Lena Okafor-Bright of a local relief group.", conflict=False)
    lead = [s for s in nlp.statements if s.text.startswith("Aid workers were")]
    assert len(lead) == 1 and lead[0].speaker == "Aid workers"
    quote = {q.quote_id: q for q in nlp.quotes}[lead[0].quote_id]
    assert (quote.cue, quote.source_text, quote.speaker) == ("were sceptical", "Aid workers", "Aid workers")
    assert text[quote.cue_start:quote.cue_end] == "were sceptical"
    assert text[quote.speaker_start:quote.speaker_end] == "Aid workers"


def test_a_person_s_office_speaks_as_the_office_not_as_its_owner():
    # the one person a source phrase names is its possessor: the office speaks, named as the phrase names it
    found = speakers(
        "Fighting eased along the river on Sunday.",
        "President Ana Varela-Ruiz's office said the ceasefire would take effect at midnight.",
    )
    assert speaker_of(found, "President Ana") == "President Ana Varela-Ruiz's office"


def test_it_keeps_the_speaker_over_a_body_named_in_the_speakers_own_relative_clause():
    from test_attribution import article
    _, nlp = article("The Harbour Workers Council, which is close to the Dockers Union, said that the ceasefire was "
                     "fragile. It added that members would not accept the return of police units under any ceasefire "
                     "text.")
    assert [q.speaker for q in nlp.quotes] == ["Harbour Workers Council", "Harbour Workers Council"]


def test_the_platform_x_ends_its_sentence_so_a_quotation_after_it_is_its_own():
    # "X." is the platform and a full stop, not an initial: the quotation after it is a sentence of its own, and
    # its "he wrote" is the spokesman the sentence before names, not a person named earlier in the article
    found = speakers(
        "The minister of information, Grace Amani Tembo, said the ceasefire was holding.",
        "From the capital, the spokesman of the Northern Front, Adam Bello Kante, rejected the claim on X. "
        "\u201cOur fighters respect the ceasefire and only answer when attacked,\u201d he wrote.")
    assert speaker_of(found, "\u201cOur fighters respect") == "Adam Bello Kante"


@pytest.mark.parametrize("subject", ["The negotiating delegation", "The mediation team"])
def test_a_group_of_people_is_never_the_person_named_last(subject):
    # a delegation or a team is a body of people: no one person the article named before speaks for it
    found = speakers("Senator Hernan Lopez said the ceasefire should be made permanent.",
                     f"{subject} said it was ready to extend the ceasefire by a month.")
    assert speaker_of(found, subject) != "Hernan Lopez"


def test_a_delegation_an_organisation_owns_speaks_for_it():
    found = speakers("Senator Hernan Lopez said the ceasefire should be made permanent.",
                     "The Northern Front's negotiating delegation said it was ready to extend the ceasefire.")
    assert speaker_of(found, "The Northern Front's") == "Northern Front"


def test_a_source_told_inside_another_s_words_is_not_the_sentence_s_speaker():
    # "Moscow ... saw in it '...'" is what the spokesman said, however long the nested quotation
    found = speakers(
        "Veldara proposed a halt to strikes on the ports on Monday.",
        "Presidential spokesman Pavel Orlinsky said Veldara had \u201ctaken note\u201d of the proposal but saw in it "
        "\u201canother attempt by the Northern Front to buy a breathing space\u201d.")
    assert speaker_of(found, "Presidential spokesman") == "Pavel Orlinsky"


def test_one_of_an_unnamed_group_is_one_member_of_it():
    # "said one" after "Western diplomats in the capital see ...": a Western diplomat, not someone called "one"
    found = speakers(
        "Western diplomats in the capital see the truce as a sign of weakness. \u201cThe army wanted the road "
        "open,\u201d said one, who spoke on condition of anonymity. \u201cNobody asked the farmers about the ceasefire.\u201d")
    assert speaker_of(found, "\u201cNobody asked") == "Western diplomat"


def test_a_surname_the_model_reads_as_a_people_is_the_person_named_in_full():
    # "Barakeh" alone is tagged as a nationality; it ends one person's name, so "he" after it is that person
    found = speakers(
        "Umm Salim Barakeh sells bread in the old market, which reopened when the ceasefire took effect.",
        "A government spokesman, Yoav Tamir, said the rebels had broken the ceasefire twice.",
        "In the market, Barakeh is thinking about a second stall. \u201cIf the ceasefire holds until the summer, "
        "I will take on two apprentices,\u201d he said.")
    assert speaker_of(found, "\u201cIf the ceasefire holds") == "Umm Salim Barakeh"


def test_a_name_cut_to_its_first_words_is_the_one_person_whose_name_starts_so():
    # a kunya or given names ("Umm Salim") after the full name: the person named in full
    found = speakers(
        "Umm Salim Barakeh sells bread in the old market, which reopened when the ceasefire took effect.",
        "\u201cThey call it a ceasefire, but the drones never leave,\u201d Umm Salim said.")
    assert speaker_of(found, "\u201cThey call it") == "Umm Salim Barakeh"


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("A spokesman for the Northern Liberation Front said on Sunday that its fighters would keep to the ceasefire.",
     "Northern Liberation Front"),
    ("Leaders of the Northern Liberation Front said on Sunday they would observe the ceasefire until March.",
     "Northern Liberation Front"),
    ("A senior officer of the Northern Liberation Front said the ceasefire would hold only if the shelling stopped.",
     "Northern Liberation Front"),
])
def test_an_unnamed_voice_of_a_named_body_gives_the_bodys_position(sentence, speaker):
    # the spokesman, the leaders or an officer speak for the body they are of: its position, by its name
    found = speakers("The Northern Liberation Front has fought the Veldaran army for a decade.", sentence)
    assert speaker_of(found, sentence[:20]) == speaker


def test_a_commander_of_a_body_keeps_his_own_say():
    # a commander's say is his own: the role stays as written
    sentence = "A commander of the Northern Liberation Front said his men would not keep to the ceasefire."
    found = speakers("The Northern Liberation Front has fought the Veldaran army for a decade.", sentence)
    assert speaker_of(found, sentence[:20]) != "Northern Liberation Front"


def test_it_after_an_unnamed_body_is_that_body_not_the_state_named_before():
    # "the military" is named by no entity; "it said" goes on with it, not with Ostland, the last state named
    found = speakers(
        "Ostland said on Monday that the ceasefire along the river remained intact despite the clash.",
        "The military said gunmen had fired on its post near Lindhaven in breach of the ceasefire. "
        "In response, it said, its artillery struck the gunmen's positions across the river.",
    )
    assert speaker_of(found, "In response") == "military"


def test_a_body_that_assesses_gives_its_judgement():
    # "assesses that ..." gives a finding to its source, as "concludes that ..." does
    sentence = ("The Institute for River Security assesses that the ceasefire is likely to hold in the north over "
                "the coming fortnight.")
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) == "Institute for River Security"


def test_who_puts_it_before_a_colon_says_the_quotation_after_it():
    # "put it bluntly: “...”": the quotation after the colon is the source's, not the person named before
    found = speakers(
        "Tomas Ilves, the Veldaran envoy, said on Monday that the ceasefire was holding along the river.",
        "Anna Korhonen, a former negotiator, put it to me bluntly last week: \u201cEveryone in the room knew the "
        "ceasefire would not survive the winter.\u201d",
    )
    assert speaker_of(found, "Anna Korhonen") == "Anna Korhonen"


@pytest.mark.parametrize("paragraph, start, speaker", [
    # no verb of saying before the colon: the clause's subject still gives the quotation after it
    ("In Dravenmoor, the rebels' chief negotiator, Jonas Peltomaa, was just as firm, but in the other direction: "
     "\u201cWe will not return to the ceasefire of 2019.\u201d", "In Dravenmoor", "Jonas Peltomaa"),
    ("A spokesman for the interior ministry, Mikko Salo, sent us this: \u201cThe state has fully observed the truce "
     "and will protect all its citizens.\u201d", "A spokesman", "Mikko Salo"),
    # inside a presenter's turn, the quotation the turn passes on is its subject's, not the presenter's
    ("NADIA FARES: The ministry did not take our call. A spokesman, Mikko Salo, sent us this: \u201cThe state has "
     "fully observed the truce and will protect all its citizens.\u201d", "A spokesman", "Mikko Salo"),
])
def test_a_quotation_after_a_colon_is_the_clause_subjects(paragraph, start, speaker):
    found = speakers(
        "Tomas Ilves, the Veldaran envoy, said on Monday that the ceasefire was holding along the river.",
        paragraph,
    )
    assert speaker_of(found, start) == speaker


def test_a_scene_before_a_colon_is_no_speaker():
    # the clause before the colon describes a scene, no one who can speak, and no verb of saying
    found = speakers(
        "Tomas Ilves, the Veldaran envoy, said on Monday that the ceasefire was holding along the river.",
        "The mood in the refugee camp was grim: \u201cNobody here believes this ceasefire will hold.\u201d",
    )
    assert speaker_of(found, "The mood") != "mood in the refugee camp"
    assert "mood" not in (speaker_of(found, "The mood") or "")


def test_the_army_is_no_paramilitary_forces_but_the_armed_forces_the_article_names_further_down():
    found = speakers(
        "The paramilitary Coastal Support Forces announced a ten-day truce in the river valley on Thursday. The army "
        "dismissed the truce within hours as a ploy to regroup.",
        "The Veldaran Armed Forces said in a separate statement that they would consider a pause only after the "
        "paramilitaries left the towns they hold.",
    )
    assert speaker_of(found, "The army dismissed") == "Veldaran Armed Forces"



def test_a_transcript_that_carries_a_named_speaker_s_words_is_not_the_source():
    found = speakers(
        "\u201cWe will keep to the ceasefire,\u201d the front's spokesman, Ilan Varga, was quoted as saying.",
        "Colonel Anders Brekke, a spokesman for the army, told the state broadcaster that the ceasefire offer was "
        "\u201ca trick\u201d, according to a transcript published by the ministry. He said the army would accept the "
        "ceasefire only from groups that disarm.",
    )
    assert speaker_of(found, "Colonel Anders Brekke") == "Anders Brekke"
    assert speaker_of(found, "He said the army") == "Anders Brekke"


@pytest.mark.parametrize("sentence", [
    # the body's role set off by a comma, then the person with a rank the name's entity leaves out
    "Veldara's Ministry of National Defence spokeswoman, Lieutenant General Mara Holm, said the ceasefire had "
    "been broken twice overnight.",
    "The Ministry of National Defence spokeswoman, Colonel Mara Holm, said the ceasefire had been broken twice "
    "overnight.",
])
def test_a_ranked_person_set_off_after_a_body_s_role_is_the_speaker(sentence):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) == "Mara Holm"


def test_a_body_with_no_person_set_off_after_it_still_speaks():
    found = speakers("The Ministry of National Defence, in Lindhaven, said the ceasefire had been broken twice.")
    assert speaker_of(found, "The Ministry") == "Ministry of National Defence"


@pytest.mark.parametrize(("sentence", "body"), [
    ("The Joint Ceasefire Monitoring Mechanism (JCMM) said it would send a team to Renk to check the truce.",
     "Joint Ceasefire Monitoring Mechanism"),
    ("The Committee on the Cessation of Hostilities said the truce had held in all but two villages.",
     "Committee on the Cessation of Hostilities"),
])
def test_a_body_whose_name_holds_the_truce_word_speaks(sentence, body):
    # the truce word in a source marks the truce itself as the source ("A truce agreed in May lasted a week"),
    # unless a body's head noun names it
    found = speakers("Fighting resumed near Renk on Monday, breaking a two-week truce.", sentence)
    assert speaker_of(found, sentence[:20]) == body


def test_the_truce_as_a_source_still_gives_no_speaker():
    sentence = "A truce agreed in May between the army and the rebels lasted barely a week."
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) is None


@pytest.mark.parametrize("sentence", [
    "Sudan's army on Tuesday rejected the truce as a gift to the militia.",
    "Sudan's army says the truce will not apply to the besieged city of El Fasher.",
])
def test_a_state_s_army_is_the_armed_forces_the_article_names_for_that_state(sentence):
    found = speakers("The Sudanese Armed Forces (SAF) and the militia fought for the town for a third day.", sentence)
    assert speaker_of(found, sentence[:20]) == "Sudanese Armed Forces"


def test_a_state_s_army_the_article_names_no_further_stays_as_written():
    # another state's armed forces are not this one's army
    sentence = "Sudan's army on Tuesday rejected the truce as a gift to the militia."
    found = speakers("Troops of the Chadian Armed Forces reinforced the border crossing on Monday.", sentence)
    assert speaker_of(found, sentence[:20]) == "Sudan's army"


@pytest.mark.parametrize(("sentence", "holder"), [
    # the person an aside names as setting the position out speaks, not whoever the content's clause names
    ("Veldara's position, set out on Monday by the deputy foreign minister, Ana Ruiz, is that the army would "
     "accept a truce only if monitors were deployed along the river.", "Ana Ruiz"),
    # an unnamed one leaves the holder, as written
    ("Moscow's position, restated by a foreign ministry official this week, is that there is no truce to discuss "
     "until the troops leave.", "Moscow"),
    ("The Kremlin's position is that a truce would only help Kyiv rearm.", "Kremlin"),
    ("PIET BRANDT: The defence ministry's line, and I'm quoting a briefing, is that the truce is temporary.",
     "defence ministry"),
])
def test_a_sentence_opening_on_a_holder_s_position_is_the_holder_s(sentence, holder):
    found = speakers(sentence)
    assert speaker_of(found, sentence[:20]) == holder


def test_they_after_an_unnamed_group_is_that_group_not_a_state_named_inside_its_phrase():
    # the group spoke last and no body or state was named since its source phrase: "they" is the group, not the
    # last state a list inside its phrase named
    found = speakers("Mediators from Norway and Veldara said the ceasefire along the river would hold until spring.",
                     "They urged both sides to keep their artillery away from the river towns during the ceasefire.")
    assert speaker_of(found, "They urged") == "Mediators from Norway and Veldara"
    # a state named after the group's source phrase is the nearer candidate, as before
    found = speakers("Mediators from Norway said the ceasefire along the river would hold until spring.",
                     "The Northern Front said it would keep to the ceasefire.",
                     "They urged both sides to keep their artillery away from the river towns during the ceasefire.")
    assert speaker_of(found, "They urged") != "Mediators from Norway"


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("Harbour commissioner Lena Vasquez told Mayor Ines Berg that the river militias had broken the ceasefire "
     "twice. \u201cThe truce was never a licence to block the port,\u201d she said.", "Lena Vasquez"),
    ("Defence Minister Paul Okafor told General Samuel Adeyemi that the ceasefire would be extended by a week. "
     "\u201cThe truce must hold until the talks resume,\u201d he said.", "Paul Okafor"),
])
def test_the_person_a_speaker_told_is_not_who_he_or_she_stands_for_next(paragraph, speaker):
    # the one spoken to is named after the speaker, but only as whom the words were for: "he" goes on with the
    # speaker
    found = speakers(paragraph)
    assert speaker_of(found, "\u201cThe truce") == speaker
