"""Attributions (who said what) with the real spaCy model: paragraph rules on the parse, article-level joining
and resolution. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.attribution import _forms, load_cues, parse_cues
from pipeline.nlp.lexicon import load_lexicon
from pipeline.nlp.resolve import resolve_article


def article(*paragraphs: str, lexicon=None):
    """Analyse paragraphs as one article: (article text, resolved ArticleNlp); with a ``lexicon``, its
    article-level statement filters apply too."""
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), resolve_article("a1", occurrences, analyses, lexicon)


def only(quotes, containing: str):
    found = [q for q in quotes if containing in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_interrupted_quotation_is_one_row_with_its_speaker():
    text, nlp = article(
        "Harbour commissioner Lena Vasquez spoke after the vote.",
        "\u201cThe ferries will run again on Monday,\u201d she said. \u201cNobody should expect the old timetable.\u201d",
    )
    q = only(nlp.quotes, "ferries will run")
    assert "old timetable" in q.text  # both pieces, one row
    assert text[q.start_char : q.end_char] == q.text
    assert q.direct and q.cue == "said" and q.source_text == "she"
    assert text[q.speaker_start : q.speaker_end] == "she"
    assert q.speaker == "Lena Vasquez" and q.speaker_entity_id is not None


def test_indirect_speech_takes_the_clause_and_the_whole_source_phrase():
    text, nlp = article("Transport Minister Oskar Lindgren said on Friday that the bridge would reopen within a month.")
    q = only(nlp.quotes, "bridge would reopen")
    assert q.text.startswith("that the bridge") and not q.direct
    assert "Oskar Lindgren" in text[q.speaker_start : q.speaker_end]
    assert q.speaker == "Oskar Lindgren" and q.cue == "said"


def test_according_to_gives_the_source_and_the_clause_around_it():
    text, nlp = article("The repairs will cost about 40 million euros, according to an estimate by the city auditor.")
    q = only(nlp.quotes, "repairs will cost")
    assert q.cue == "according to"
    assert "estimate" in text[q.speaker_start : q.speaker_end]
    assert "according" not in q.text


def test_a_cue_set_off_inside_the_clause_it_reports():
    text, nlp = article("The harbour, the mayor said on Monday, would reopen to ferries next spring.")
    q = only(nlp.quotes, "reopen to ferries")
    assert q.text.startswith("The harbour") and q.cue == "said"
    assert text[q.speaker_start : q.speaker_end] == "the mayor"


def test_the_official_is_the_unnamed_official_introduced_before_not_the_last_person_named():
    _, nlp = article(
        "Union leader Marta Solberg called the offer an insult.",
        "A senior ministry official, speaking on condition of anonymity, said talks would resume on Friday.",
        "“Nobody wants another strike,” the official said.",
    )
    assert only(nlp.quotes, "Nobody wants").speaker == "senior ministry official"


def test_a_counted_source_is_the_group_it_counts_or_the_one_its_apposition_names():
    # "two of the officials said": the officials speak, and the statement that names the deal by its short
    # name is theirs (before, "two" was no speaker and the sentence was lost)
    _, nlp = article(
        "Dornik and Tarso are close to agreeing a ceasefire that would halt air strikes in the valley, officials say.",
        "The deal, negotiated in Geneva, would also add a buffer zone along the river, two of the officials said. "
        "One of them, a European diplomat, said the text was nearly done.",
        lexicon=load_lexicon(),
    )
    assert only(nlp.quotes, "buffer zone").speaker == "officials"
    assert only(nlp.quotes, "nearly done").speaker == "European diplomat"
    deal = next(s for s in nlp.statements if "buffer zone" in s.text)
    assert deal.speaker == "officials"
    # one of a group is one member, not the group, nor a thing it counts
    _, nlp = article(
        "A truce between Dornik and Tarso took hold on Monday.",
        "“It is the first time both sides have agreed to count the violations,” one of the diplomats said.",
        lexicon=load_lexicon(),
    )
    assert only(nlp.quotes, "count the violations").speaker != "diplomats"
    # a count before its cue is the cue's subject, not a fronted part of the content ("The harbour, the mayor
    # said, ..."): the content is only what was said
    _, nlp = article("Three of the negotiators said the pause in the shelling would last until Sunday.",
                     lexicon=load_lexicon())
    said = only(nlp.quotes, "pause in the shelling")
    assert said.text.startswith("the pause"), said.text
    assert said.speaker == "negotiators"
    # "none of the officials would say": a silence, no one speaks
    _, nlp = article("None of the officials said when the ceasefire would begin.", lexicon=load_lexicon())
    assert not any(q.speaker == "officials" for q in nlp.quotes)


def test_a_role_nobody_was_titled_with_stays_as_written():
    _, nlp = article(
        "Transport Minister Oskar Lindgren opened the new terminal on Monday.",
        "The harbour authority said bookings had not changed since the strike began.",
    )
    assert only(nlp.quotes, "bookings had not changed").speaker == "harbour authority"


def test_a_noun_of_saying_with_its_owner_is_an_attribution():
    text, nlp = article("Mayor Ines Walden spoke on Monday. Her claim that the tunnel would open before winter "
                        "surprised the council.")
    q = only(nlp.quotes, "tunnel would open")
    assert q.cue == "claim" and text[q.speaker_start : q.speaker_end] == "Her"
    assert q.speaker == "Ines Walden"
    # a verb and its noun that report the same words give one row
    _, nlp = article("Mayor Ines Walden repeated her claim that the tunnel would open before winter.")
    assert len([q for q in nlp.quotes if "tunnel would open" in q.text]) == 1


def test_a_statement_speaks_for_the_organisation_that_issued_it():
    _, nlp = article("The Northern Alliance Party issued a statement after the vote on Sunday.",
                     "“The result will not be accepted,” the statement said.")
    assert only(nlp.quotes, "will not be accepted").speaker == "Northern Alliance Party"


def test_only_the_outermost_attribution_is_kept():
    _, nlp = article("The mayor said the union had claimed that the depot was unsafe.")
    assert len(nlp.quotes) == 1
    assert nlp.quotes[0].source_text == "The mayor" and "claimed" in nlp.quotes[0].text


def test_intentions_and_positions_are_attributions_but_efforts_are_not():
    _, nlp = article(
        "The mayor intends to sell the old tram depot next year.",
        "Opposition leader Mira Holt rejected the proposal from the council.",
        "Workers tried to repair the crane before the storm.",
    )
    assert only(nlp.quotes, "to sell the old tram depot").cue == "intends"
    assert only(nlp.quotes, "the proposal from the council").speaker == "Mira Holt"
    assert not [q for q in nlp.quotes if "repair the crane" in q.text]


def test_quotation_continued_in_the_next_paragraph_is_one_row():
    text, nlp = article(
        "\u201cWe have waited three winters for this road,\u201d said farmer Tomas Berg. \u201cThe trucks get stuck every week.",
        "\u201cIf the county keeps its promise, the valley will finally be connected.\u201d",
    )
    q = only(nlp.quotes, "three winters")
    assert "valley will finally be connected" in q.text and q.end_position == 1
    assert text[q.start_char : q.end_char].endswith("connected.\u201d")
    assert q.speaker == "Tomas Berg"


def test_a_quotation_signed_with_a_dash_and_a_transcript_label():
    _, nlp = article(
        "\u201cThe library must stay open on Sundays.\u201d \u2014 Amira Haddad, a teacher in the old town",
        "KOVAC: We will publish the full budget before the hearing, and nothing will be hidden.",
    )
    assert only(nlp.quotes, "library must stay open").speaker == "Amira Haddad"
    label = only(nlp.quotes, "publish the full budget")
    assert label.cue == ":" and label.source_text == "KOVAC"


def test_sentences_without_a_source_or_a_cue_give_no_row():
    _, nlp = article(
        "There is no sign that the storm will weaken before it reaches the coast.",
        "The ferry left the harbour at noon with 300 passengers on board.",
    )
    assert nlp.quotes == []


def test_a_ceasefire_statement_takes_its_speaker_and_id_from_its_quote():
    _, nlp = article(
        "Fighting continued near the border on Sunday, and artillery hit two villages.",
        "\u201cWe are ready to accept a ceasefire if the shelling of our towns stops,\u201d said army spokesman Karim Nasser.",
    )
    statement = next(s for s in nlp.statements if "ready to accept a ceasefire" in s.text)
    quote = next(q for q in nlp.quotes if q.quote_id == statement.quote_id)
    assert statement.speaker == quote.speaker == "Karim Nasser"


def test_a_statement_whose_own_reading_names_the_speaker_adds_that_attribution():
    # no quotation and no reporting verb: the actor's act is the attribution, with its verb as the cue
    text, nlp = article(
        "Talks in the capital went on late into the night.",
        "The Northern Front began a unilateral ceasefire on Tuesday.",
    )
    statement = next(s for s in nlp.statements if "began a unilateral ceasefire" in s.text)
    assert statement.speaker and statement.quote_id is not None
    quote = next(q for q in nlp.quotes if q.quote_id == statement.quote_id)
    assert quote.speaker == statement.speaker and quote.rule.startswith("statement:")
    assert quote.cue == "began" and text[quote.cue_start:quote.cue_end] == "began"
    assert text[quote.speaker_start:quote.speaker_end] == quote.source_text == "The Northern Front"
    assert text[quote.start_char:quote.end_char] == statement.text


def test_cue_file_is_data_and_bad_files_are_clear_errors():
    cues = load_cues()
    assert {"say", "believe", "plan", "reject"} <= cues.lemmas
    assert {"said", "says", "believed", "plans", "planning", "rejected"} <= cues.forms
    assert {"stopped", "stopping"} <= _forms("stop") and "tried" in _forms("try")
    assert cues.wants_parse("Nothing here but \u201ca quote\u201d.")
    assert not cues.wants_parse("The ferry left the harbour at noon.")
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="attribution cue file"):
        parse_cues(b"[verbs]\nclause = 3\n")
    assert "presenter" in cues.programme_voice
    with pytest.raises(ConfigError, match="attribution cue file"):  # a label list of numbers, not words
        parse_cues(b"[verbs]\nclause = [\"say\"]\n[speakers]\nprogramme_voice = [1, 2]\n")


# ------------------------------------------------------------------------------------------------ entities


def names_by_label(*paragraphs: str) -> dict[str, set[str]]:
    _, nlp = article(*paragraphs)
    out: dict[str, set[str]] = {}
    for m in nlp.mentions:
        out.setdefault(m.label, set()).add(m.name)
    return out


def test_places_are_places_and_organisation_names_stay_whole():
    found = names_by_label(
        "Shelling hit Sumy and Taiz overnight, and envoys met in Yerevan and in the United States.",
        "The Russian Defence Ministry and the Sudan People's Liberation Movement issued statements during Ramadan.",
    )
    assert {"Sumy", "Taiz", "Yerevan", "United States"} <= found["GPE"]
    assert {"Russian Defence Ministry"} <= found["ORG"]
    assert not any(n == "Sudan" for n in found.get("GPE", ()))  # a country inside an ORG name is not split out
    assert "Ramadan" in found.get("EVENT", set())


def test_an_acronym_the_article_defines_is_the_same_entity():
    _, nlp = article("Officials said the National Liberation Army (ELN) attacked a base near the border.",
                     "The ELN denied the report on Tuesday.")
    ids = {m.entity_id for m in nlp.mentions if m.text in ("ELN", "the National Liberation Army", "National Liberation Army")}
    assert len(ids) == 1 and {m.name for m in nlp.mentions if m.text == "ELN"} == {"National Liberation Army"}


def test_a_short_name_the_article_gives_a_body_is_that_body():
    # "the Coastal Protection Force, known as Hizam": "Hizam said" is the force, by the fullest name the article
    # gives it (the guidelines); a body named by a phrase that is no proper name keeps the name it is known by
    _, nlp = article("Heavy shelling hit the port after clashes between the Coastal Protection Force, known as Hizam, "
                     "and a rival militia.",
                     "In a statement on Tuesday, Hizam said its units would keep to the truce.")
    assert only(nlp.quotes, "keep to the truce").speaker == "Coastal Protection Force"
    _, nlp = article("Dornik's army, known as the Tarsa, announced a pause in the fighting.",
                     "The Tarsa said the pause would last a week.")
    assert only(nlp.quotes, "last a week").speaker == "Tarsa"


def test_the_agency_is_the_agency_named_before_though_its_word_reads_as_an_outlet():
    # "agency" in a body's name sets it aside as a possible news outlet, but "the agency said" names it by that
    # very word: the body, by its fullest name, not the bare phrase
    _, nlp = article("Repairs began under a pause negotiated by the International Energy Safety Agency.",
                     "The Dornish Ministry of Power said it had agreed to the pause.",
                     "An earlier pause collapsed within hours, the agency said.")
    assert only(nlp.quotes, "collapsed within hours").speaker == "International Energy Safety Agency"


def test_titles_are_not_part_of_a_name_and_an_untagged_source_keeps_the_floor():
    found = names_by_label("Archbishop Paul-Marie Kasongo opened the synod in Kinshasa on Tuesday.")
    assert "Paul-Marie Kasongo" in found["PERSON"]
    _, nlp = article("Torvald Brekkeholm, a researcher at a think tank in Oslo, said he doubted the figures. "
                     "\u201cNobody has checked them,\u201d he said.")
    assert only(nlp.quotes, "Nobody has checked").speaker == "Torvald Brekkeholm"


def test_a_surname_the_model_did_not_tag_is_the_person_named_in_full():
    _, nlp = article(
        "Olena Haidar, an adviser to the presidency, said on Monday that the convoys would resume.",
        "Haidar told reporters later that the drivers needed written guarantees.",
    )
    assert only(nlp.quotes, "drivers needed").speaker == "Olena Haidar"
    # a surname the model read as an organisation is the same person's name too
    _, nlp = article(
        "Oksana Verbytska, an adviser to the presidency, said on Monday that the convoys would resume.",
        "Verbytska told reporters later that the drivers needed written guarantees.",
    )
    assert {m.name for m in nlp.mentions} == {"Oksana Verbytska"}


def test_a_given_name_the_model_left_out_is_part_of_the_name_but_a_role_is_not():
    analysis = analyse_paragraphs([("p", "Ottilie Brandvold, an adviser to the council, said the talks would go on. "
                                          "Curator Helen Ashdown opened the exhibition.")])[0]
    people = {e.name for e in analysis.entities if e.label == "PERSON"}
    assert "Ottilie Brandvold" in people
    assert not any(name.startswith("Curator") for name in people)


def test_joint_acts_have_no_speaker_and_a_body_named_in_full_is_one_speaker():
    from pipeline.nlp.lexicon import load_lexicon

    _, nlp = article(
        "Artillery fire hit the border villages overnight, officials said.",
        "Armenia and Azerbaijan accused each other on Monday of breaking the ceasefire.",
        "The Ministry of Foreign Affairs of the Republic of Veldara said the truce had to be respected.",
        "Later the Ministry added that the truce covered every border district.",
        lexicon=load_lexicon(),
    )
    found = {s.text[:12]: s.speaker for s in nlp.statements}
    assert found["Armenia and "] is None
    ministry = "Ministry of Foreign Affairs of the Republic of Veldara"
    assert found["The Ministry"] == ministry
    assert found["Later the Mi"] == ministry
    assert any(m.name == ministry for m in nlp.mentions)


@pytest.mark.parametrize("sentence, name", [
    ("The United Nations Interim Force in Lebanon said its patrols would go on.", "United Nations Interim Force in Lebanon"),
    ("The European Union Mission in Armenia said its observers had heard gunfire.", "European Union Mission in Armenia"),
    ("She heads the United Nations Office for the Coordination of Humanitarian Affairs in the city.",
     "United Nations Office for the Coordination of Humanitarian Affairs"),
    ("The General Staff of the Armed Forces of Ukraine reported 59 assaults.", "General Staff of the Armed Forces of Ukraine"),
    ("The Ministry of Foreign Affairs of the Republic of the Sudan has received the proposal.",
     "Ministry of Foreign Affairs of the Republic of the Sudan"),
])
def test_long_organisation_names_are_found_whole(sentence, name):
    analysis = analyse_paragraphs([("p", sentence)])[0]
    assert name in {e.name for e in analysis.entities if e.label == "ORG"}


def test_a_title_with_the_person_after_a_comma_is_that_person():
    _, nlp = article("\u201cWe reject a truce written for the militia,\u201d said the Minister of Foreign Affairs, "
                     "Hassan Abdelrahim.")
    assert only(nlp.quotes, "reject a truce").speaker == "Hassan Abdelrahim"


def test_an_organisation_with_a_person_led_by_it_stays_the_organisation():
    _, nlp = article("The Northern Front, led by Anton Varga, said it would keep to the truce along the river.")
    assert only(nlp.quotes, "keep to the truce").speaker != "Anton Varga"


def test_a_text_s_own_words_are_what_it_reads():
    text, nlp = article("\u201cAll units will hold their positions until Monday,\u201d the statement read.")
    quote = only(nlp.quotes, "All units will hold")
    assert quote.cue == "read" and quote.source_text == "the statement" and quote.direct


def test_a_transcript_label_may_carry_the_speaker_s_role_in_brackets():
    text, nlp = article("Maria Rossi (UN spokesperson): Good morning. Our monitors have recorded 300 violations so far.")
    quote = only(nlp.quotes, "Our monitors")
    assert quote.speaker == "Maria Rossi" and quote.cue == ":" and text[quote.cue_start:quote.cue_end] == ":"
    assert quote.text.startswith("Good morning.")


def test_a_dateline_is_left_out_of_the_source_phrase():
    text, nlp = article("Port Amara, Veldara \u2014 Veldara's Coastal Defence Council announced on Monday that the ferries "
                        "would run again.",
                        "The mayor's office-led committee said the bridge would reopen.",
                        "Across the old town - the part nobody rebuilt - the council said rents would fall.")
    q = only(nlp.quotes, "ferries would run")
    assert text[q.speaker_start : q.speaker_end] == "Veldara's Coastal Defence Council"
    assert q.speaker == "Coastal Defence Council"
    # a hyphen inside a word, and a dash after words that are no place or date, are no dateline
    q = only(nlp.quotes, "bridge would reopen")
    assert text[q.speaker_start : q.speaker_end] == "The mayor's office-led committee"
    q = only(nlp.quotes, "rents would fall")
    assert text[q.speaker_start : q.speaker_end] == "the council"


def test_a_live_blog_s_time_stamp_is_left_out_of_the_source_phrase():
    text, nlp = article("11:45 GMT - Ostland's defence minister, Tomas Ekberg, said the ferries would run again.")
    q = only(nlp.quotes, "ferries would run")
    assert text[q.speaker_start : q.speaker_end] == "Ostland's defence minister, Tomas Ekberg"


def test_an_unnamed_source_is_named_without_its_count():
    _, nlp = article("\u201cThe checkpoints will stay open all winter,\u201d one Western diplomat said on Tuesday.",
                     "Four harbour officials said the ferries would run again by March.")
    assert only(nlp.quotes, "checkpoints will stay").speaker == "Western diplomat"
    assert only(nlp.quotes, "ferries would run").speaker == "harbour officials"


def test_a_country_s_body_in_lower_case_keeps_its_country():
    # the tagger calls "ministry" a proper noun here; a lower-case head is no name the NER missed
    _, nlp = article("In Lindhaven, Ostland's foreign ministry said it remained in contact with both parties.",
                     "The Veldaran defence ministry said on Monday that the border crossings would reopen.")
    assert only(nlp.quotes, "remained in contact").speaker == "Ostland's foreign ministry"
    assert only(nlp.quotes, "crossings would reopen").speaker == "Veldaran defence ministry"


def test_he_after_an_unnamed_source_is_that_source_not_the_person_named_before():
    _, nlp = article(
        "\u201cThe ferries will run on Monday,\u201d said Lena Vasquez, the harbour commissioner.",
        "A senior port engineer, who asked not to be named, said the cranes were older than anyone admitted. "
        "\u201cIf the inspectors come back, the whole quay will have to close,\u201d he said.",
    )
    assert only(nlp.quotes, "whole quay").speaker == "senior port engineer"
    assert only(nlp.quotes, "ferries will run").speaker == "Lena Vasquez"


def test_he_after_a_named_person_is_still_that_person():
    _, nlp = article(
        "A senior port engineer said the cranes were old.",
        "Harbour commissioner Oskar Lindgren disagreed. \u201cThey were inspected in May,\u201d he said.",
    )
    assert only(nlp.quotes, "inspected in May").speaker == "Oskar Lindgren"


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("Ostland's defence minister, Tomas Ekberg, urged both navies to respect the fishing truce, his ministry said.",
     "Tomas Ekberg"),
    ("Defence Minister Tomas Ekberg urged both navies on Monday to respect the fishing truce, his office said.",
     "Tomas Ekberg"),
    ("Ostland urged the two clans to extend the harbour truce, according to a statement from its foreign ministry.",
     "Ostland"),
    # the document's own quoted words stay the document's issuer's; an act that is no saying stays the document's
    ("The Coastal Liberation Front issued a statement on Sunday. \u201cOstland will withdraw its boats,\u201d "
     "the statement said.", "Coastal Liberation Front"),
])
def test_a_report_carried_by_a_document_or_an_office_is_the_named_actor_s_say(paragraph, speaker):
    _, nlp = article(paragraph)
    q = next(q for q in nlp.quotes if q.cue in ("said", "according to"))
    assert q.speaker == speaker


def test_the_body_is_the_one_an_earlier_source_named_more_fully():
    _, nlp = article(
        "The Veldaran fisheries ministry rejected the new quota on Monday.",
        "\u201cThe boats will stay in port until the inspectors leave,\u201d the ministry said in a statement.",
    )
    assert only(nlp.quotes, "boats will stay").speaker == "Veldaran fisheries ministry"


def test_a_quotation_a_clause_also_opens_on_is_one_attribution():
    """The paragraph cache and `quotes` key an attribution by where its content starts: a quotation that opens a
    clause's content was a second attribution on the same character, and the load kept either one of them."""
    text = ("She sings for anyone who has ever had to learn about themselves the hard way: “There is no place like "
            "home,” she and her mother sing together, and the whole hall joins in with them.")
    (analysis,) = analyse_paragraphs([("p", text)])
    starts = [q.start for q in analysis.quotes]
    assert len(starts) == len(set(starts)) == 1
    assert analysis.quotes[0].text.startswith("“There is no place like home,” she and her mother sing together")


def test_a_speaker_set_after_the_cue_is_the_source_not_the_cue_s_object():
    # "“...,” declared the Minister of X, Name": the small model reads the speaker as the verb's object
    _, nlp = article(
        "\u201cThe new hospital wing will open to patients in March,\u201d declared the Minister of Transport and "
        "Energy, Daniel Okoro Mensah.",
    )
    q = only(nlp.quotes, "hospital wing")
    assert q.speaker == "Daniel Okoro Mensah"


def test_a_wire_dateline_with_the_agency_in_brackets_never_speaks():
    # the parse hangs the verb and the named title on the place: the name set off after the title speaks
    _, nlp = article(
        "Valdora, Mar 3 (VNA) \u2014 The Secretary-General of the Coastal Front and President of the Harbour "
        "Union, Ines Albuquerque Prado, affirmed on Thursday that the Front will not return to the 2019 ceasefire."
    )
    statement = next(s for s in nlp.statements if "2019 ceasefire" in s.text)
    assert statement.speaker == "Ines Albuquerque Prado"


@pytest.mark.parametrize("label", ["PRESENTER", "HOST", "ANCHOR", "Moderator"])
def test_a_programme_s_own_voice_is_no_source_and_keeps_the_attributions_it_reports(label):
    _, nlp = article(
        f"{label}: The city council says it will vote on the budget next week.",
        f"{label}: Good evening and welcome to the programme on the harbour and its ferries.",
        "KOVAC: We will publish the full budget before the hearing, and nothing will be hidden.",
    )
    council = only(nlp.quotes, "vote on the budget")
    assert council.speaker == "city council" and council.cue == "says"
    assert not [q for q in nlp.quotes if "welcome to the programme" in q.text]  # the reporter's narrative
    assert only(nlp.quotes, "publish the full budget").source_text == "KOVAC"  # a guest's label still speaks


def test_a_labelled_speaker_reporting_a_third_party_gives_that_party_the_sentence():
    _, nlp = article(
        "Fighting around the river port stopped on Sunday under a ceasefire agreed in the capital.",
        "RAMOS: Good evening. The army says the ceasefire will hold until the talks resume. We doubt the truce "
        "will last, frankly, and we will keep checking every morning.",
        "OSEI: Our commander has said many times that the ceasefire must be respected by all units.",
        "OSEI: We need the mediators to say publicly who broke the ceasefire last week.",
        "OSEI: The chairman has said that we are ready to extend the ceasefire if the shelling stops.",
    )
    by_text = {s.text: s for s in nlp.statements}
    army = next(s for t, s in by_text.items() if t.startswith("The army says"))
    assert army.speaker == "army"
    # the speaker's own sentences around the reported one stay the speaker's
    assert next(s for t, s in by_text.items() if t.startswith("We doubt")).speaker == "RAMOS"
    # the speaker's own side ("our commander") and a wish ("we need them to say") are the speaker's words
    assert next(s for t, s in by_text.items() if "Our commander" in t).speaker == "OSEI"
    assert next(s for t, s in by_text.items() if "We need the mediators" in t).speaker == "OSEI"
    # a reported clause in the first person plural is the speaker's side, in the speaker's words
    assert next(s for t, s in by_text.items() if "The chairman has said" in t).speaker == "OSEI"
    # the turn keeps its row, and the claim it reports has its own, with its cue
    assert only(nlp.quotes, "Good evening").speaker == "RAMOS"
    claim = [q for q in nlp.quotes if q.text == "the ceasefire will hold until the talks resume"]
    assert len(claim) == 1 and claim[0].speaker == "army" and claim[0].cue == "says"


def test_a_labelled_speaker_passing_on_a_third_party_s_quoted_words_gives_them_that_party():
    _, nlp = article(
        "Fighting around the river port stopped on Sunday under a ceasefire agreed in the capital.",
        "HOST: What do the farmers say about the ceasefire?",
        "KARLSEN: They are tired. A farmer I met near the river told me: \u201cThe truce lets us plant again. "
        "Nobody here trusts it.\u201d I think most of the valley feels the same.",
        "KARLSEN: Our commander told me: \u201cWe will keep the ceasefire.\u201d",
    )
    by_text = {s.text: s for s in nlp.statements}
    # the quotation and its continuation are the farmer's words, passed on by the guest
    assert next(s for t, s in by_text.items() if "A farmer I met" in t).speaker == "farmer"
    assert next(s for t, s in by_text.items() if t.startswith("Nobody here")).speaker == "farmer"
    # the guest's own side ("our commander") stays the guest's turn
    assert next(s for t, s in by_text.items() if "Our commander" in t).speaker == "KARLSEN"


def test_a_label_whose_bracketed_role_is_the_programme_s_voice_is_no_source():
    _, nlp = article(
        "TOMAS VELLA (PRESENTER): Good evening. The harbour board has closed the northern pier for repairs this week.",
        "KOVAC: We will publish the full budget for the pier on Monday, and the work will finish by spring.")
    assert not [q for q in nlp.quotes if "northern pier" in q.text and q.speaker]
    assert only(nlp.quotes, "publish the full budget").source_text == "KOVAC"  # a guest's label still speaks


@pytest.mark.parametrize("role", ["anchor", "host", "PRESENTER"])
def test_a_label_whose_role_after_a_comma_is_the_programme_s_voice_is_no_source(role):
    # "NAME, role:" is the bracket's other form; a guest's label with a role that is no programme voice still
    # speaks, by the name before the comma
    _, nlp = article(
        f"TOMAS VELLA, {role}: Good evening. The harbour board has closed the northern pier for repairs this week.",
        "ILSE MARBURY, recorded: We will publish the full budget for the pier on Monday, and the work will finish "
        "by spring.",
        "VELLA: The board says the pier will reopen before the summer season starts.")
    assert not [q for q in nlp.quotes if "northern pier" in q.text and q.speaker]
    assert only(nlp.quotes, "publish the full budget").speaker == "Ilse Marbury"
    board = only(nlp.quotes, "pier will reopen")
    assert board.speaker == "board" or board.speaker.endswith("harbour board")  # the programme reports it


def test_a_dateline_place_before_a_colon_is_no_label_with_a_role():
    from pipeline.nlp.attribution import _LABEL
    assert _LABEL.match("Kyiv, Ukraine: the talks resumed on Monday.") is None
    assert _LABEL.match("ANA RUIZ, anchor: the talks resumed on Monday.").group(3) == "anchor"


def test_a_reported_clause_s_subject_taken_from_the_dateline_is_not_the_actor():
    # the parse makes the dateline's city the subject of the reported clause; the group or its spokesman speaks, not the
    # city (the rule that gives an office's words to the actor it reports must look past the dateline)
    _, nlp = article("Nairobi \u2014 A residents' group on the east bank, the Quayside Union, has announced a boycott "
                     "of the ferry \u201cuntil the fares come down\u201d, its spokesman Tomas Vella said on the radio.")
    q = only(nlp.quotes, "boycott")
    assert q.speaker in ("Quayside Union", "Tomas Vella")  # the group or its spokesman, never the city


def test_a_debate_turn_labelled_by_the_office_gives_the_member_named_in_brackets():
    _, nlp = article(
        "Minister for Harbours (Deputy Tomas Vella): The ferry will run again on Monday, and the fares will not rise.",
        "The Secretary for Transport (Ilse Marbury): I thank the member. The bridge will reopen in the spring.")
    assert only(nlp.quotes, "ferry will run").speaker == "Tomas Vella"
    assert only(nlp.quotes, "bridge will reopen").speaker == "Ilse Marbury"  # a name the NER may miss


def test_a_name_that_only_qualifies_a_plural_source_is_not_who_speaks():
    # "Clan elders told ...": the model reads the capitalised modifier as a person, but the elders speak, as the
    # phrase names them; a person the phrase names with a title or an apposition still speaks
    _, nlp = article(
        "Clan elders told reporters on Monday that the two militias around Dornik had agreed to a truce.",
        "Foreign Minister Ana Ruiz said the truce would hold until Sunday.",
    )
    assert only(nlp.quotes, "had agreed to a truce").speaker == "Clan elders"
    assert only(nlp.quotes, "until Sunday").speaker == "Ana Ruiz"


def test_a_body_described_then_named_in_apposition_is_the_named_body():
    # "The United Nations refugee agency, UNHCR, said": the guidelines' speaker is the body by its name, not the
    # phrase that describes it (which the parse may leave as the source, the name hung elsewhere)
    _, nlp = article("Fighting eased along the river after the truce took hold last week.",
                     "The United Nations refugee agency, UNHCR, said about 9,000 people had returned since the ceasefire.")
    assert only(nlp.quotes, "had returned").speaker == "UNHCR"


def test_an_object_phrase_is_not_cut_at_a_preposition_the_parse_left_empty():
    _, nlp = article("Nurses demand overtime pay of up to triple their normal rates.")
    q = only(nlp.quotes, "overtime pay")
    assert q.text == "overtime pay of up to triple their normal rates"


def test_a_possessive_date_is_not_part_of_the_source():
    text, nlp = article("Tuesday's statement from the harbour authority said the ferries would run again.")
    q = only(nlp.quotes, "ferries would run")
    assert q.source_text == "statement from the harbour authority"
    assert text[q.speaker_start : q.speaker_end] == "statement from the harbour authority"
    _, nlp = article("Valdoria's foreign minister said the ferries would run again.")  # a place's owner stays
    assert only(nlp.quotes, "ferries would run").source_text.startswith("Valdoria's")


def test_a_quoted_question_the_parse_reads_as_the_cues_subject_keeps_the_name_after_the_cue():
    # the small model makes the quotation's first noun ("years") a second subject of "said": it is part of the
    # quotation, not the cue's clause, so the quotation still stands next to the cue and the name after it speaks
    text, nlp = article(
        "\u201cTwenty years of war, and now they want us to trust a ceasefire on paper?\u201d said Tarek Veldani, "
        "a baker in Dravenmoor, the largest town in the valley.")
    q = only(nlp.quotes, "Twenty years of war")
    assert q.direct and q.cue == "said"
    assert q.text.endswith("paper?\u201d") and "Veldani" not in q.text
    assert q.speaker == "Tarek Veldani"
