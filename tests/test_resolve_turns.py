"""A transcript's turns at the article level: a guest's answer to the question put after their statement, and the
courtesies of talk (real spaCy model). Every sentence here is written for these tests."""

from __future__ import annotations

from conftest import article_statements, speaker_starting, war_speakers
from pipeline.nlp.resolve import _COURTESY

_OPENING = ("PRESENTER (Mara Lindqvist): Tonight, the ten-day truce between the army and the Northern Front. "
            "With me is the analyst Piet Brandt.")
_STATEMENT = "BRANDT: The truce is fragile, and both sides are rearming behind the lines."
_QUESTION = "LINDQVIST: Who is going to watch the front line?"
_ANSWER = "BRANDT: Nobody yet. The monitors are still waiting for their visas in the capital."


def _texts(*paragraphs: str) -> list[str]:
    return [s.text for s in article_statements(*paragraphs)]


def test_an_answer_to_the_question_after_a_statement_is_kept():
    texts = _texts(_OPENING, _STATEMENT, _QUESTION, _ANSWER)
    assert any(t.startswith("The monitors are still waiting") for t in texts), texts


def test_an_answer_long_after_any_statement_is_not():
    # two paragraphs with no statement between: the exchange has moved on, as after any paragraph off the topic
    texts = _texts(_OPENING, _STATEMENT, "There was a short break for the news headlines.", _QUESTION, _ANSWER)
    assert not any(t.startswith("The monitors are still waiting") for t in texts), texts


def test_a_courtesy_after_an_answer_is_no_statement():
    texts = _texts(_OPENING, _STATEMENT, _QUESTION, _ANSWER, "LINDQVIST: Thank you both.")
    assert not any("Thank you" in t for t in texts), texts
    assert any(t.startswith("The monitors are still waiting") for t in texts), texts


def test_courtesies_are_told_from_words_that_open_like_them():
    assert _COURTESY.match("GUEST (Ana Ruiz): Good evening.")
    assert _COURTESY.match("Thanks for having me.")
    assert not _COURTESY.match("Thanks to the truce, the schools have reopened.")
    assert not _COURTESY.match("We thank the mediators, but the truce will not hold.")
    assert not _COURTESY.match("Good faith is what this truce lacks.")


def test_a_host_s_introductions_welcomes_and_sign_off_are_courtesies():
    assert _COURTESY.match("I'm Mara Lindqvist.")
    assert _COURTESY.match("MARA LINDQVIST, HOST: This is Border Desk.")
    assert _COURTESY.match("Piet, welcome.")
    assert _COURTESY.match("LINDQVIST: Piet Brandt in Tallinn, Ana Ruiz in Quito, thank you both.")
    # thanks closing a statement are no courtesy of their own: only guests named before them make one
    assert not _COURTESY.match("We will respect the ceasefire, thank you all.")
    assert not _COURTESY.match("ODUYA: The truce holds only because the observers stayed, thank you both.")
    assert _COURTESY.match("That\u2019s all for tonight.")
    assert _COURTESY.match("That is all we have for now.")
    assert not _COURTESY.match("This is a truce that nobody trusts.")
    assert not _COURTESY.match("Kyiv, welcome the truce or not, must answer.")
    assert not _COURTESY.match("We will keep to the ceasefire, thank you.")


def test_a_guest_s_welcome_and_the_sign_off_after_an_answer_are_no_statements():
    welcome = "LINDQVIST: Piet, welcome."
    sign_off = "LINDQVIST: That's it for this week."
    # the host's name in a turn about the truce: a sentence of that turn, but no statement
    opening = "LINDQVIST: I'm Mara Lindqvist. Tonight, the ten-day truce between the army and the Northern Front."
    texts = _texts(opening, welcome, _STATEMENT, _QUESTION, _ANSWER, sign_off)
    assert not any("welcome" in t or "That's it" in t or "I'm" in t for t in texts), texts
    assert any(t.startswith("The monitors are still waiting") for t in texts), texts


def _quote(position: int, end_position: int, speaker: str, rule: str, direct: bool = True):
    from pipeline.nlp.resolve import Quote

    return Quote(quote_id=f"q{position}", article_id="a", paragraph_id=f"p{position}", position=position,
                 end_position=end_position, start_char=0, end_char=1, text="...", speaker=speaker,
                 speaker_entity_id=None, speaker_kind="name", source_text=speaker, speaker_start=None,
                 speaker_end=None, cue=None, cue_start=None, cue_end=None, direct=direct, rule=rule)


def test_a_quotation_run_on_over_paragraphs_keeps_the_topic_of_where_it_began():
    from pipeline.nlp.resolve import _before_quotation

    said_at = {2: {"Northern Front"}, 3: set(), 4: set()}
    opened = _quote(3, 3, "Ana Ruiz", "clause:say+continued", direct=False)
    going_on = _quote(4, 4, "Ana Ruiz", "quote:continues")
    # the paragraph before the quotation began made a statement: the quotation's last paragraph shares its topic
    assert _before_quotation(going_on, [opened, going_on], 4, said_at) == {"Northern Front"}
    # another speaker's quotation ended there: not the same utterance
    other = _quote(3, 3, "Piet Brandt", "clause:say+continued")
    assert _before_quotation(going_on, [other, going_on], 4, said_at) == set()
    # a quotation joined over paragraphs, read from where it opened
    joined = _quote(3, 4, "Ana Ruiz", "clause:say")
    assert _before_quotation(joined, [joined], 4, said_at) == {"Northern Front"}
    # a quotation that opened in this paragraph: the paragraph before decides, as for any sentence
    assert _before_quotation(_quote(4, 4, "Ana Ruiz", "clause:say"), [], 4, said_at) == set()


def test_a_presenter_s_later_turns_by_surname_are_the_programme_s_voice():
    # "LINDQVIST:" after "MARA LINDQVIST (PRESENTER):" is the presenter again: the narrative, not the guest who
    # spoke last; a guest's turn keeps its speaker, and a claim the presenter reports keeps its source
    found = war_speakers(
        "MARA LINDQVIST (PRESENTER): Good evening. The ten-day truce between the army and the Northern Front began "
        "on Monday. With me is Piet Brandt of the Northern Front.",
        "BRANDT: We will respect the truce for as long as the army does. Our units have not fired a shot.",
        "LINDQVIST: The truce has held for three days along most of the front. The army says the Front shelled a "
        "village near the river on Tuesday.",
        "BRANDT: That is false. Our fighters have kept to the truce since the first hour.")
    assert speaker_starting(found, "BRANDT: We will respect") == "Piet Brandt"
    assert speaker_starting(found, "LINDQVIST: The truce has held") is None
    assert speaker_starting(found, "The army says") == "army"
    assert speaker_starting(found, "Our fighters have kept") == "Piet Brandt"


def test_a_name_in_the_host_label_s_brackets_is_the_programme_s_voice_too():
    found = war_speakers(
        "HOST (Mara Lindqvist): The ten-day truce between the army and the Northern Front began on Monday. "
        "With me is Piet Brandt of the Northern Front.",
        "BRANDT: We will respect the truce for as long as the army does. Our units have not fired a shot.",
        "LINDQVIST: The truce has held for three days along most of the front.")
    assert speaker_starting(found, "BRANDT: We will respect") == "Piet Brandt"
    assert speaker_starting(found, "LINDQVIST: The truce has held") is None


def test_a_correspondent_the_host_introduces_is_the_programme_s_voice():
    # "Our correspondent X is in ...": the outlet's own reporter, whose turns are the narrative (their own
    # sentences too, which the paragraph reads as the label's); a party the reporter quotes still speaks, and a
    # guest's turn keeps its speaker
    found = war_speakers(
        "ANA RUIZ, HOST: Good evening. The ten-day truce along the river began at dawn. Our correspondent Tomas "
        "Brenner is in Port Amara. Tomas, is the ceasefire holding?",
        "TOMAS BRENNER: Mostly, Ana. There was shelling near the bridge until midnight, and then it stopped. The "
        "army says it has not fired a shot since the truce began.",
        "RUIZ: With me is Piet Brandt of the Northern Front.",
        "BRANDT: We will respect the truce for as long as the army does.",
        "RUIZ: Tomas, do people trust it?",
        "BRENNER: Nobody here trusts the ceasefire to last the week.")
    assert speaker_starting(found, "There was shelling") is None
    assert speaker_starting(found, "The army says") == "army"
    assert speaker_starting(found, "BRANDT: We will respect") == "Piet Brandt"
    assert speaker_starting(found, "BRENNER: Nobody here trusts") is None


def test_a_correspondent_named_in_the_programme_s_header_is_its_voice_too():
    found = war_speakers(
        "THE RIVER DESK, 3 May, 19:00 GMT. Anchor: Mara Lindqvist, in Lindhaven. Correspondent: Tomas Brenner, "
        "in Port Amara.",
        "LINDQVIST: The ten-day truce along the river began at dawn. Tomas, is it holding?",
        "BRENNER: Mostly. There was shelling near the bridge until midnight, and then the ceasefire held.")
    assert speaker_starting(found, "There was shelling") is None


def test_a_name_right_after_a_turn_s_label_is_the_person_addressed_not_the_programme_s_voice():
    # "REPORTER: Piet Brandt, ..." opens a turn: Brandt is its addressee, a guest who still speaks for himself
    found = war_speakers(
        "REPORTER: Piet Brandt, the ten-day truce between the army and the Northern Front began on Monday. Is it "
        "holding?",
        "PIET BRANDT: We will respect the truce for as long as the army does.")
    assert speaker_starting(found, "PIET BRANDT: We will respect") == "Piet Brandt"


def test_a_given_name_that_opens_a_turn_is_the_one_addressed_and_the_person_named_after_it_speaks():
    # "Piet, the defence minister, Oskar Lindgren, said ...": the small model makes the addressee the subject;
    # the minister speaks, and "he" after him is still the minister
    found = war_speakers(
        "ANA RUIZ, HOST: Good evening. The ten-day truce along the river began at dawn. With me is the analyst "
        "Piet Brandt.",
        "PIET BRANDT: The truce is fragile, and both sides are rearming behind the lines.",
        "RUIZ: Piet, the Veldaran defence minister, Oskar Lindgren, said this afternoon that the ceasefire would "
        "only help the rebels regroup. He also said the army wanted guarantees first. Is that a no?",
        "BRANDT: Mostly, yes. The army will not extend the ceasefire.")
    assert speaker_starting(found, "RUIZ: Piet, the Veldaran") == "Oskar Lindgren"
    assert speaker_starting(found, "He also said") == "Oskar Lindgren"
    assert speaker_starting(found, "BRANDT: Mostly") == "Piet Brandt"


def test_a_person_named_in_full_who_opens_the_sentence_is_still_the_source():
    # a full name before the apposition is the speaker, not an addressee
    found = war_speakers("Oskar Lindgren, the Veldaran defence minister, said on Monday that the ceasefire would "
                         "only help the rebels regroup.")
    assert speaker_starting(found, "Oskar Lindgren") == "Oskar Lindgren"


def test_words_a_turn_says_it_quotes_verbatim_are_the_quoted_party_s():
    # "He said, and I'm quoting, “...”": the aside stands between the cue and its quotation
    found = war_speakers(
        "ANA RUIZ, HOST: Good evening. The ten-day truce along the river began at dawn. Our correspondent Tomas "
        "Brenner is in Port Amara. Tomas, is it holding?",
        "TOMAS BRENNER: Mostly, Ana. I spoke to the Norwegian mediator, Lars Holm, this afternoon. He said, and I'm "
        "quoting, \u201cwe are closer to a ceasefire than on Monday, but not close enough to sign.\u201d "
        "A teacher said, quote, \u201cThe ceasefire has given the children a month of school.\u201d")
    assert speaker_starting(found, "He said, and I'm quoting") == "Lars Holm"
    assert speaker_starting(found, "A teacher said, quote") == "teacher"


def test_a_label_whose_name_opens_with_an_accented_capital_is_the_member_s_turn():
    # "Deputy Seán Ó Briain:": the label's words may open with "Ó" or "É", not only A-Z
    found = war_speakers(
        "The following is an extract from the parliamentary record of Thursday's debate on the peacekeepers.",
        "Minister for Defence (Deputy Piet Holmgren): The ceasefire agreed in November remains, despite its "
        "violations, the basis for our soldiers' work on the river.",
        "Deputy Seán Ó Briain: It is not. The ceasefire is the only thing standing between the villages and "
        "another year of bombing.",
        "Deputy Élodie Marchetti: We support the ceasefire, but the army must withdraw from the two hills first.")
    assert speaker_starting(found, "Deputy Seán Ó Briain") == "Seán Ó Briain"
    assert speaker_starting(found, "The ceasefire is the only thing") == "Seán Ó Briain"
    assert speaker_starting(found, "Deputy Élodie Marchetti") == "Élodie Marchetti"


def test_a_member_s_name_in_an_office_label_s_brackets_speaks_even_when_read_as_a_body():
    # the small model reads "Orla Ní Mhurchú" as an organisation: two to four capitalised words, none a body's
    # head, after the office's title are still the member
    found = war_speakers(
        "The following is an extract from the parliamentary record of Thursday's debate on the peacekeepers.",
        "Minister for Defence (Deputy Orla Ní Mhurchú): Our soldiers have served on the river since 1978. The "
        "ceasefire agreed in November remains, despite its violations, the basis for their work.")
    assert speaker_starting(found, "The ceasefire agreed in November") == "Orla Ní Mhurchú"


def test_an_office_of_state_at_a_department_labels_its_member_s_turn():
    found = war_speakers(
        "The following is an extract from the parliamentary record of Wednesday's statements on the peacekeepers.",
        "Minister of State at the Department of Defence (Deputy Piet Holmgren): The ceasefire agreed in November "
        "remains, despite its violations, the basis for our soldiers' work on the river.")
    assert speaker_starting(found, "Minister of State at") == "Piet Holmgren"


def test_a_body_in_an_office_label_s_brackets_is_not_read_as_a_member():
    from pipeline.nlp.attribution import _name_read_as_body
    from pipeline.nlp.spans import EntitySpan

    text = "Minister for Defence (Northern Defence Council): The ceasefire holds."
    lo, hi = text.index("(") + 1, text.index(")")
    body = EntitySpan(lo, hi, text[lo:hi], text[lo:hi], "ORG", "", text[lo:hi])
    assert _name_read_as_body(text, lo, hi, [body]) is None


def test_a_turn_label_matches_the_programme_s_voice_by_any_run_of_its_name():
    from pipeline.nlp.resolve import _programme_voice

    voices = [["mara", "lindqvist"]]
    assert _programme_voice("LINDQVIST", voices)
    assert _programme_voice("Mara Lindqvist", voices)
    assert _programme_voice("MARA", voices)
    assert not _programme_voice("BRANDT", voices)
    assert not _programme_voice("LINDQVIST", [])


def test_a_dateline_before_both_sides_acting_together_gives_no_speaker():
    # the statement's own reading takes the dateline's town, the attribution the first side: both sides agreeing is
    # the guidelines' joint act (NULL); an office whose title holds "and" is still one speaker
    found = war_speakers(
        "SANTA ROSA, Laguna del Norte \u2014 The army and a faction of the Northern Liberation Front (NLF) agreed on "
        "Monday to a 30-day harvest truce in the marsh villages.",
        "\u201cOur soldiers will respect the truce,\u201d said the Minister of Defence and Veterans, Ilse Marbury.")
    assert speaker_starting(found, "SANTA ROSA") is None
    assert speaker_starting(found, "\u201cOur soldiers") == "Ilse Marbury"


def test_a_joint_source_is_read_on_its_head_phrase():
    from dataclasses import replace

    from pipeline.nlp.resolve import _joint_source

    def quote(source: str, speaker: str):
        return replace(_quote(0, 0, speaker, "preposition:agree"), source_text=source, cue_start=5)

    assert _joint_source(quote("The army and a faction of the Front", "army"), 0, 40)
    assert not _joint_source(quote("the Minister of Communication and Media, Ana Ruiz", "Ana Ruiz"), 0, 40)
    assert not _joint_source(quote("the Ministry of Foreign Affairs and Cooperation", "Ministry of Foreign Affairs "
                                   "and Cooperation"), 0, 40)
    assert not _joint_source(quote("The army and a faction of the Front", "army"), 10, 40)  # cue elsewhere


def test_a_turn_labelled_by_an_office_is_the_person_the_article_named_in_it():
    # "SPECIAL ENVOY:" is the office, not a name: the person the opening named as the special envoy speaks, as
    # "the envoy said" would be resolved
    found = war_speakers(
        "Transcript of the briefing by the Special Envoy for Norland, Anders Holmvik, at the conference centre.",
        "SPECIAL ENVOY: Good afternoon. I am pleased to announce that the two sides have agreed to a 30-day truce "
        "along the front.",
        "QUESTION (Radio Nord): The last truce collapsed within a week. Why should this one hold?",
        "SPECIAL ENVOY: Because both sides asked for the monitoring committee. The truce will be reviewed every "
        "week.")
    assert speaker_starting(found, "I am pleased to announce") == "Anders Holmvik"
    assert speaker_starting(found, "SPECIAL ENVOY: Because") == "Anders Holmvik"


def test_a_turn_labelled_by_a_role_one_person_holds_is_the_person_the_opening_named_so():
    # "SPOKESPERSON:" is the role, not a name: the person the opening named as the spokesperson speaks, even when
    # the model read the name set off after the role as a place
    found = war_speakers(
        "Press briefing by the spokesperson of the Norland Mediation Commission, Ebele Okwuosa-Brandt, Valdor, "
        "5 March.",
        "SPOKESPERSON: Good afternoon. Both sides have kept to the truce along the river since Sunday.",
        "QUESTION (Radio Nord): The rebels say the army shelled a village on Monday. Is the truce over?",
        "SPOKESPERSON: No. We have seen those reports, and the monitors will visit the village this week.")
    assert speaker_starting(found, "Both sides have kept") == "Ebele Okwuosa-Brandt"
    assert speaker_starting(found, "We have seen those reports") == "Ebele Okwuosa-Brandt"


def test_an_office_written_in_capitals_is_the_person_named_in_it_earlier():
    # "the Special Envoy" is tagged as a proper noun, but names no one: the person introduced with that office
    found = war_speakers(
        "Hans Morvik, Special Envoy of the Secretary-General for Norland, said the truce had largely held since "
        "June.",
        "Closing the meeting, the Special Envoy said his office would convene talks on renewing the truce next "
        "month.")
    assert speaker_starting(found, "Closing the meeting") == "Hans Morvik"


def test_an_office_far_before_the_name_it_introduces_still_titles_the_person():
    # the office's whole phrase before the comma ("the Special Envoy of the Secretary-General for Norland,") titles
    # the name after it, however far its head word is from the name
    found = war_speakers(
        "Transcript of the briefing by the Special Envoy of the Secretary-General for Norland, Anders Holmvik, at "
        "the conference centre.",
        "SPECIAL ENVOY: Good afternoon. I am pleased to announce that the two sides have agreed to a 30-day truce "
        "along the front.")
    assert speaker_starting(found, "I am pleased to announce") == "Anders Holmvik"


def test_an_office_in_a_clause_setting_the_scene_does_not_title_the_name_after_it():
    # "the interior minister" is whom she met, not what she is: "the minister" later is the minister named earlier
    found = war_speakers(
        "Interior Minister Olav Strand visited the border posts on Friday and said the truce was holding.",
        "Following a meeting with the interior minister in Tarsia on Saturday, Mira Kolle, the militia leader, said "
        "her fighters would respect the truce.",
        "The minister said the truce must also cover the eastern valleys.")
    assert speaker_starting(found, "The minister said") == "Olav Strand"


_GUEST = "PRESENTER (Mara Lindqvist): Tonight, the truce in Norland. With me is the analyst Piet Brandt."


def test_a_named_party_in_a_turn_is_still_the_source_it_reports():
    found = war_speakers(_GUEST, "BRANDT: The truce has mostly held. The army says the rebels broke the truce "
                                 "twice on Sunday.")
    assert speaker_starting(found, "The army says") == "army"


def test_a_text_the_speaker_cites_in_a_turn_is_no_source_of_its_own():
    # "the deal says", and "it says" after it, are the guest's reading of the text both sides signed
    found = war_speakers(
        _GUEST,
        "BRANDT: So the deal, signed with Harbourland's help, says the militias stay inside the town and the army "
        "stays outside. It also says the artillery goes – and that is the part nobody can check.")
    assert speaker_starting(found, "BRANDT: So the deal") == "Piet Brandt"
    assert speaker_starting(found, "It also says the artillery") == "Piet Brandt"
    found = war_speakers(
        _GUEST,
        "BRANDT: It is the same trick as always. The agreement says the withdrawal comes in phase two – it says "
        "nothing about disarming first.")
    assert speaker_starting(found, "The agreement says") == "Piet Brandt"


def test_he_in_a_turn_is_the_person_the_turn_named_before():
    # the reporter names the envoy, then reports him: "He said" is the envoy, not the reporter whose turn it is
    found = war_speakers(
        "PRESENTER (MARA LINDQVIST): Good morning. On the line from Lenz is our reporter Piet Brandt. Piet, what has "
        "been agreed?",
        "PIET BRANDT: Mara, the Harbourland envoy, Ambassador Tomas Ekholm-Varga, read out a short statement last "
        "night. He said the two sides had agreed to halt offensive operations around Lenz from Monday.")
    assert speaker_starting(found, "He said the two sides") == "Tomas Ekholm-Varga"


def test_it_in_a_turn_is_the_body_the_turn_named_before():
    # the host names the ministry asked for comment, then reports its reply: "it said" is the ministry, not the
    # host whose turn it is
    found = war_speakers(
        "ORLA KESTREL: Welcome to Border Notes. This week we are in the river districts, where the ceasefire has "
        "held for a month.",
        "TOMAS BRENNER: The villages say the ceasefire has let them plant again.",
        "ORLA KESTREL: We asked the Harbourland Ministry of Defence for comment. In a written reply, it said that "
        "its troops would keep to the ceasefire as long as the rebels did.")
    assert speaker_starting(found, "In a written reply, it said") == "Harbourland Ministry of Defence"


def test_a_role_label_two_people_hold_is_neither_of_them():
    # the host named a spokesperson for each side: "SPOKESPERSON:" says no more than the role, so it stays as
    # written rather than going to whoever was introduced last
    found = war_speakers(
        "ANCHOR: Joining me are the government spokesperson, Major Lidia Sorensen, and the militia's spokesperson, "
        "Oskar Varga.",
        "SPOKESPERSON: Our troops will hold their fire as long as the militia keeps to the truce.",
        "ANCHOR: Mr Varga, your answer?",
        "SPOKESPERSON: The militia has kept to the truce since the first day.")
    first = speaker_starting(found, "SPOKESPERSON: Our troops")
    second = speaker_starting(found, "SPOKESPERSON: The militia has kept")
    assert first not in ("Oskar Varga", "Lidia Sorensen"), first
    assert second not in ("Oskar Varga", "Lidia Sorensen"), second
    assert (first or "").casefold() == "spokesperson", first


def test_a_role_label_that_says_whose_is_the_person_introduced_so():
    # "GOVERNMENT SPOKESPERSON:" names which of the two; a label whose words fit neither stays as written
    found = war_speakers(
        "ANCHOR: Joining me are the government spokesperson, Major Lidia Sorensen, and the militia's spokesperson, "
        "Oskar Varga.",
        "GOVERNMENT SPOKESPERSON: Our troops will hold their fire as long as the militia keeps to the truce.",
        "ANCHOR: Mr Varga, your answer?",
        "PARTY SPOKESPERSON: The militia has kept to the truce since the first day.")
    assert speaker_starting(found, "GOVERNMENT SPOKESPERSON: Our troops") == "Lidia Sorensen"
    assert speaker_starting(found, "PARTY SPOKESPERSON: The militia") == "PARTY SPOKESPERSON"


def test_a_role_label_one_person_holds_is_still_that_person():
    # one spokesperson introduced: the label is hers, as before
    found = war_speakers(
        "ANCHOR: Joining me is the government spokesperson, Lidia Sorensen.",
        "SPOKESPERSON: Our troops will hold their fire as long as the militia keeps to the truce.")
    assert speaker_starting(found, "SPOKESPERSON: Our troops") == "Lidia Sorensen"


def test_they_in_a_turn_is_the_group_its_speaker_named_not_the_town_it_was_in():
    # "they" after "the insurgents in Dravograd": the insurgents, as written, never the town
    found = war_speakers(
        "ANCHOR: Good evening. The truce in the north is ten days old.",
        "OKAFOR: Last week I met the insurgents in Dravograd. They said the truce would collapse within a month.")
    assert speaker_starting(found, "They said the truce") == "insurgents"


def test_it_in_a_turn_is_the_body_its_speaker_named_not_a_country_named_before():
    found = war_speakers(
        "ANCHOR: Good evening. Germany has called for the truce to be extended.",
        "OKAFOR: We asked the ministry for its view. It said the truce would be extended by a week.")
    assert speaker_starting(found, "It said the truce") == "ministry"


def test_it_in_a_turn_is_the_body_the_turn_names_not_one_the_anchor_named():
    # a body the anchor named before the turn is not who "it" is when the turn's own words name one
    found = war_speakers(
        "ANCHOR: Good evening. The Northern Liberation Front signed the truce on Friday.",
        "OKAFOR: We asked the army for its view. It said the truce would be respected in every district.")
    assert speaker_starting(found, "It said the truce") == "army"


_INTERVIEW = ("We spoke by phone to Ilse Varga, who runs the Northern Front's relief committee in Kessel, about the "
              "ten-day truce between the army and the Northern Front.",
              "Q: Is the truce holding in Kessel?",
              "A: Mostly, but we still hear shelling at night. The Riverside Council says its observers could reach "
              "Kessel within a week of a request. An army commander in Kessel told us the truce would hold if the "
              "Front stayed out of the river towns. We want the truce to hold.")


def test_a_third_party_reported_inside_an_answer_is_that_party():
    # the house convention for transcripts and interviews: an answer speaks for the interviewee, except a third
    # party it reports by a reporting verb, which is that party's say (a described one named as written)
    found = war_speakers(*_INTERVIEW)
    assert speaker_starting(found, "The Riverside Council says") == "Riverside Council"
    assert speaker_starting(found, "An army commander in Kessel told us") == "army commander in Kessel"
    assert speaker_starting(found, "We want the truce to hold") == "Ilse Varga"


_HOSTED = (
    "This is a transcript of Riverside Tonight. The host, Mara Lindqvist, spoke to Piet Brandt of the Northern Front.",
    "MARA LINDQVIST: Good evening. The ten-day truce between the army and the Northern Front entered its fifth day "
    "today. Piet, is it holding?",
    "PIET BRANDT: Mostly. Our units have not fired a shot since the truce began.",
    "MARA LINDQVIST: The army says your fighters shelled a village near the river. Does the Front accept that the "
    "truce has been broken?",
    "PIET BRANDT: No. We will respect the truce for as long as the army does.",
    "MARA LINDQVIST: Piet, does the Front accept that the monitors must reach the river?",
    "PIET BRANDT: Yes, the truce needs monitors on both banks.",
    "MARA LINDQVIST: We will leave it there. A reminder that the truce expires on Sunday. Piet Brandt, thank you.",
)


def test_a_host_s_own_narration_is_the_programme_s_and_its_questions_no_statement():
    # no role in the label: the first speaker, who hands the word on with questions and runs the programme
    # ("Good evening.", "We will leave it there."), is the host; the host's facts are the narrative, whom the host
    # reports still speaks, the guest speaks for themself, and a question put to the guest by name is no statement
    found = war_speakers(*_HOSTED)
    assert speaker_starting(found, "The ten-day truce between") is None
    assert speaker_starting(found, "A reminder that the truce expires") is None
    assert speaker_starting(found, "MARA LINDQVIST: The army says your fighters") == "army"
    assert speaker_starting(found, "Our units have not fired") == "Piet Brandt"
    assert not any("accept that the" in t for t in found), list(found)


def test_a_debate_s_first_member_who_asks_is_not_a_host():
    # a parliamentary record's first member asks the minister too, but runs no programme: their turns stay theirs
    found = war_speakers(
        "The following exchanges took place in the House on 3 March.",
        "ANA RUIZ: The truce on the river has held for ten days, yet the army still shells the villages at night. "
        "What will the Minister do about it?",
        "PIET BRANDT: The truce is holding, and the monitors report no shelling this week.",
        "ANA RUIZ: With respect, the villagers report shelling every night. Why should anyone believe the truce is "
        "holding?")
    assert speaker_starting(found, "ANA RUIZ: The truce on the river") == "Ana Ruiz"
