"""Bodies named in lower case after a nationality or a country (pipeline.nlp.model's nested mentions): "the
Chilean navy" is an organisation and "Chilean" stays a nationality. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.model import NESTED_SPANS, load_nlp


def _mentions(text: str) -> set[tuple[str, str]]:
    """(name, label) of every entity mention the pipeline keeps in one paragraph."""
    [analysis] = analyse_paragraphs([("p0", text)])
    return {(e.name, e.label) for e in analysis.entities}


def _nested(text: str, model_output: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The nested mentions ``newsdesk_places`` adds over ``model_output`` (the NER's spans, surface -> label)."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.make_doc(text))
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in model_output]
    doc = nlp.get_pipe("newsdesk_places")(doc)
    return [(s.text, s.label_) for s in doc.spans[NESTED_SPANS]]


@pytest.mark.parametrize("text, body, owner", [
    ("The Chilean navy said two of its patrol boats had returned to port.", "Chilean navy", ("Chilean", "NORP")),
    ("Peru's interior ministry ordered the checkpoints on the coast road closed.", "Peru's interior ministry",
     ("Peru", "GPE")),
    ("A Kenyan foreign affairs ministry official said the envoys would meet again.",
     "Kenyan foreign affairs ministry", ("Kenyan", "NORP")),
    ("Nigeria's air force said its jets had struck the camp overnight.", "Nigeria's air force", ("Nigeria", "GPE")),
    # India's word for its foreign ministry
    ("Peru's external affairs ministry said the envoy had been recalled.", "Peru's external affairs ministry",
     ("Peru", "GPE")),
])
def test_a_body_in_lower_case_after_a_nationality_or_a_country_is_an_organisation_and_the_owner_stays(text, body,
                                                                                                       owner):
    found = _mentions(text)
    assert (body, "ORG") in found and owner in found, found


@pytest.mark.parametrize("text, owner", [
    ("The Chilean ministry said nothing about the talks.", "Chilean"),  # which ministry: no one body
    ("Chilean military exercises went on near the border.", "Chilean"),  # an adjective, not the armed forces
    ("The Chilean government said the talks would resume.", "Chilean"),  # a metonym, not a body's name
])
def test_a_ministry_without_its_portfolio_the_military_and_the_government_are_no_body(text, owner):
    assert _nested(text, [(owner, "NORP")]) == []


def test_a_state_body_resolves_as_one_organisation_across_the_article():
    from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
    from pipeline.nlp.resolve import resolve_article

    paragraphs = ["The Chilean navy said its boats had returned.", "Later the Chilean navy denied the report."]
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences = [(0, "p0", 0), (1, "p1", len(paragraphs[0]) + len(PARAGRAPH_SEPARATOR))]
    mentions = resolve_article("a1", occurrences, analyses).mentions
    bodies = {m.entity_id for m in mentions if m.name == "Chilean navy" and m.label == "ORG"}
    assert len(bodies) == 1 and any(m.label == "NORP" and m.name == "Chilean" for m in mentions), mentions


def test_a_state_body_that_speaks_is_named_by_the_whole_phrase_not_by_its_last_word():
    from pipeline.nlp.resolve import resolve_article

    text = "The Chilean navy said its patrol boats had returned to port after the storm."
    [analysis] = analyse_paragraphs([("p0", text)])
    quotes = resolve_article("a1", [(0, "p0", 0)], {"p0": analysis}).quotes
    assert [q.speaker for q in quotes] == ["Chilean navy"], quotes


# ------------------------------------------------------------------------------------------------ places in names


def test_a_country_inside_a_long_official_name_is_a_mention_of_the_country_and_the_name_stays_whole():
    found = _mentions("The Ministry of Internal Affairs of the Republic of Moldova said the border post had reopened.")
    assert ("Moldova", "GPE") in found, found
    assert any(label == "ORG" and name.endswith("Republic of Moldova") for name, label in found), found


@pytest.mark.parametrize("text, model_output, place", [
    ("Observers of the Support Mission in Moldova left.", [("Support Mission in Moldova", "ORG")], "Moldova"),
    ("Envoys of the Council for Tbilisi met.", [("Council for Tbilisi", "ORG")], "Tbilisi"),
    ("Trucks reached the Ministry of Health of Rafah.", [("Ministry of Health of Rafah", "ORG")], "Rafah"),  # gazetteer
])
def test_a_place_after_of_in_or_for_inside_a_body_is_nested_in_it(text, model_output, place):
    assert _nested(text, model_output) == [(place, "GPE")]


@pytest.mark.parametrize("text, model_output", [
    ("The Tbilisi Herald reported the talks.", [("Tbilisi Herald", "ORG")]),  # the place only lends its name
    ("The Moldova Peace Council met on Monday.", [("Moldova Peace Council", "ORG")]),
    ("Convoys queued at the crossing on Monday.", [("crossing", "FAC")]),  # no name before the facility word
])
def test_a_place_opening_an_organisation_is_not_nested(text, model_output):
    assert _nested(text, model_output) == []


@pytest.mark.parametrize("text, model_output, people", [
    ("The Chilean Army said the convoy had passed.", [("Chilean Army", "ORG")], "Chilean"),
    ("The Peruvian Armed Forces closed the road.", [("Peruvian Armed Forces", "ORG")], "Peruvian"),
    ("The Kenyan Defence Ministry denied the report.", [("Kenyan Defence Ministry", "ORG")], "Kenyan"),
    ("Jets of the Saudi-led coalition struck the port.", [("Saudi-led coalition", "ORG")], "Saudi"),
])
def test_a_nationality_opening_a_state_body_or_a_sponsor_is_a_mention_of_it_too(text, model_output, people):
    assert _nested(text, model_output) == [(people, "NORP")]


@pytest.mark.parametrize("text, model_output", [
    ("The Oromo Liberation Army declared a truce.", [("Oromo Liberation Army", "ORG")]),  # the body's own name
    ("The Chilean Peace Council met on Monday.", [("Chilean Peace Council", "ORG")]),
    ("The Chilean Army's chief resigned.", [("Chilean Army's", "ORG")]),
])
def test_a_nationality_opening_a_body_of_its_own_name_is_not_nested(text, model_output):
    assert _nested(text, model_output) == []


@pytest.mark.parametrize("text, model_output, place", [
    ("Convoys queued at the Tbilisi crossing on Monday.", [("Tbilisi crossing", "FAC")], "Tbilisi"),  # known
    ("Drones struck the Varenka power plant twice.", [("Varenka power plant", "FAC")], "Varenka"),  # unknown town
    ("Troops reopened the Ostrel border crossing at dawn.", [("Ostrel border crossing", "FAC")], "Ostrel"),
    ("Flights resumed at Tbilisi International Airport.", [("Tbilisi International Airport", "FAC")], "Tbilisi"),
])
def test_the_place_a_facility_is_named_after_is_a_mention_of_it_too(text, model_output, place):
    assert _nested(text, model_output) == [(place, "GPE")]


def test_a_facility_and_the_town_it_opens_with_are_two_mentions_of_one_paragraph():
    [analysis] = analyse_paragraphs([("p0", "Aid trucks crossed at the Varenka crossing after the strike.")])
    found = {(e.text, e.label) for e in analysis.entities}
    assert {("Varenka crossing", "FAC"), ("Varenka", "GPE")} <= found, found


@pytest.mark.parametrize("text", [
    "The Chilean navy and Peru's interior ministry met envoys of the Support Mission in Moldova.",
    "Nigeria's air force said the Tbilisi crossing and the Ministry of Defence of the Republic of Moldova agreed.",
])
def test_no_two_mentions_of_a_paragraph_share_a_span(text):
    # paragraph_entities and entity_mentions are keyed by their span (start, end) since migration 0015
    [analysis] = analyse_paragraphs([("p0", text)])
    spans = [(e.start, e.end) for e in analysis.entities]
    assert len(spans) == len(set(spans)), analysis.entities


def test_a_state_body_is_written_as_its_own_words_and_named_by_the_whole_phrase():
    [analysis] = analyse_paragraphs([("p0", "The Chilean navy said its boats had returned.")])
    [body] = [e for e in analysis.entities if e.label == "ORG"]
    assert (body.text, body.name) == ("navy", "Chilean navy")


# ------------------------------------------------------------------------------------------------ pro- and anti-


def _repaired(text: str, model_output: list[tuple[str, str]]) -> dict[str, str]:
    """``newsdesk_places`` over ``model_output`` as the NER's spans: surface text -> label of doc.ents."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.make_doc(text))
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in model_output]
    return {e.text: e.label_ for e in nlp.get_pipe("newsdesk_places")(doc).ents}


@pytest.mark.parametrize("text, model_output, expected", [
    ("Talks with the pro-Armenian Unity Party stalled.", [("Armenian", "NORP"), ("Unity Party", "ORG")],
     {"Armenian": "NORP", "Unity Party": "ORG"}),
    ("Talks with the anti-Serbian Freedom Party stalled.", [("Serbian", "NORP")],
     {"Serbian": "NORP", "Freedom Party": "ORG"}),
    ("Talks with the Serbian Freedom Party stalled.", [("Serbian", "NORP")], {"Serbian Freedom Party": "ORG"}),
])
def test_a_nationality_after_pro_or_anti_is_what_a_body_stands_for_not_part_of_its_name(text, model_output, expected):
    assert _repaired(text, model_output) == expected


# ------------------------------------------------------------------------------------------------ gazetteer


@pytest.mark.parametrize("text, name, label", [
    ("Shipping through the Bab al-Mandab fell by half in a month.", "Bab el-Mandeb", "LOC"),  # one strait
    ("The envoy wants every fighter moved north of the Litani by spring.", "Litani", "LOC"),
    ("Peacekeepers counted new positions along the Blue Line on Monday.", "Blue Line", "LOC"),
    ("Old rivalries in the Caucasus flared again after the vote.", "Caucasus", "LOC"),
    ("Kinshasa said the Alliance Fleuve Congo/M23 had moved north.", "March 23 Movement", "ORG"),
])
def test_regions_lines_and_the_congo_rebel_coalition_of_current_conflicts_are_found_with_their_labels(text, name,
                                                                                                       label):
    found = _mentions(text)
    assert (name, label) in found, found


@pytest.mark.parametrize("text, name, label", [
    ("Troops landed on Negros after the talks in Manila broke down.", "Negros", "LOC"),  # an island, no town
    ("The rebels still hold villages across central Mindanao.", "Mindanao", "LOC"),
    ("Both sides shelled the banks of the Indus through the night.", "Indus", "LOC"),  # a river, no town
    ("Families fled across the Ruzizi into Burundi.", "Ruzizi", "LOC"),
    ("Shelling reached the Neelum valley on Tuesday.", "Neelum valley", "LOC"),
    ("Guerrillas moved into the Sierra Madre before the truce.", "Sierra Madre", "LOC"),
    ("Delegates flew in from across the Pacific Ocean for the signing.", "Pacific Ocean", "LOC"),
    ("India said it would keep the Indus Waters Treaty in abeyance.", "Indus Waters Treaty", "EVENT"),
])
def test_islands_rivers_valleys_ranges_and_oceans_are_places_not_towns(text, name, label):
    # the places list names some of them as provinces or towns (GPE), the small model as people or bodies; a
    # treaty named after a river keeps its whole name
    found = _mentions(text)
    assert (name, label) in found, found


# ------------------------------------------------------------------------------------------------ datelines


@pytest.mark.parametrize("text, places", [
    ("Tarvelle, Ruritania — When the bakery reopened, the square was full.", {"Tarvelle", "Ruritania"}),
    ("The Hague — The coalition partners met again on Monday.", {"The Hague"}),
    ("OSTRAVEC - The army said its units had held their fire.", {"OSTRAVEC"}),
    ("BELMORA/KESTRA - Envoys met for a third day.", {"BELMORA", "KESTRA"}),
    ("KESTRA, Nov 4 - Envoys met for a third day.", {"KESTRA"}),
    # hyphens inside the place's name are tokens of their own, and no word of it
    ("PORT-AU-VENT \u2014 Envoys met for a third day.", {"PORT-AU-VENT"}),
])
def test_the_words_before_a_spaced_dash_opening_a_paragraph_are_its_dateline_places(text, places):
    [analysis] = analyse_paragraphs([("p0", text)])
    found = {e.text for e in analysis.entities if e.label == "GPE"}
    assert places <= found, {(e.text, e.label) for e in analysis.entities}


@pytest.mark.parametrize("text, not_a_place", [
    ("EXCLUSIVE - Envoys met for a third day.", "EXCLUSIVE"),  # a wire slug
    ("Harbour Lines - the carrier said - would keep sailing.", "Harbour Lines"),  # no sentence after the dash
    ("09:12 GMT - The army said its units had held their fire.", "GMT"),  # a live blog's time stamp
    ("Reuters - The army said its units had held their fire.", "Reuters"),  # a name the gazetteer knows
])
def test_a_slug_a_time_stamp_a_known_body_or_an_aside_before_a_dash_is_no_dateline(text, not_a_place):
    [analysis] = analyse_paragraphs([("p0", text)])
    assert not any(e.text == not_a_place and e.label == "GPE" for e in analysis.entities), analysis.entities


# ------------------------------------------------------------------------------------------------ located nouns


@pytest.mark.parametrize("text, model_output, place", [
    ("The mill cut shifts at its plant in Ostravec last week.", [("Ostravec", "ORG")], "Ostravec"),
    ("Envoys spoke from the mission's headquarters in Belmora on Friday.", [("Belmora", "PERSON")], "Belmora"),
    ("Rebels shelled army positions in Kestrany twice.", [], "Kestrany"),  # untagged
])
def test_a_name_after_a_located_noun_and_in_is_a_place(text, model_output, place):
    assert _repaired(text, model_output).get(place) == "GPE"


@pytest.mark.parametrize("text, model_output, place", [
    ("Seed reached farmers in Velmora on Monday.", [("Velmora", "PERSON")], "Velmora"),
    ("A pharmacist in Dravik Hollow kept his shop open.", [("Dravik Hollow", "PERSON")], "Dravik Hollow"),
    ("Clan elders in Ostravec signed the pact.", [("Ostravec", "ORG")], "Ostravec"),
    ("A jury in Kestrany found against the firm.", [("Kestrany", "ORG")], "Kestrany"),
    ("Two soldiers in Belmora were wounded.", [("Belmora", "PERSON")], "Belmora"),
])
def test_people_or_a_body_of_a_place_then_in_names_the_place(text, model_output, place):
    assert _repaired(text, model_output).get(place) == "GPE", _repaired(text, model_output)


def test_a_person_after_in_stays_a_person_when_the_noun_before_does_not_sit_anywhere():
    found = _repaired("Voters lost confidence in Halvorsen after the vote.", [("Halvorsen", "PERSON")])
    assert found == {"Halvorsen": "PERSON"}, found


# ------------------------------------------------------------------------------------------------ whole bodies


@pytest.mark.parametrize("text, body", [
    ("Delegates of the Zambezi National Congress walked out.", "Zambezi National Congress"),
    ("Shares in the firm fell on the Kenyan Exchange on Monday.", "Kenyan Exchange"),
    ("said Irma Kovac, an economist at the Tbilisi School of Economics.", "Tbilisi School of Economics"),
    ("The report was issued by the Somali NGO Consortium on Friday.", "Somali NGO Consortium"),
    ("The Ministry of Interior, Local Government and Reconciliation backed the truce.",
     "Ministry of Interior, Local Government and Reconciliation"),
    ("The Ministry of Information and Media issued the statement below.", "Ministry of Information and Media"),
])
def test_a_body_is_found_whole_to_its_head_and_its_list_of_portfolios(text, body):
    assert (body, "ORG") in _mentions(text)


@pytest.mark.parametrize("text, first, second", [
    ("The Ministry of Defence and Hamas traded blame for the strike.", "Ministry of Defence", "Hamas"),
    ("The Ministry of Health, Hezbollah and Amal agreed on the corridor.", "Ministry of Health", "Hezbollah"),
])
def test_and_or_a_comma_after_a_ministry_does_not_swallow_the_next_listed_name(text, first, second):
    found = _mentions(text)
    assert (first, "ORG") in found and (second, "ORG") in found, found


def test_the_first_of_several_districts_named_after_of_is_a_place():
    assert ("Varonda", "GPE") in _mentions("The army paused operations in the districts of Varonda and Kesh.")


# ------------------------------------------------------------------------------------------------ titles and names


@pytest.mark.parametrize("text, person", [
    ("In parliament, Minister of State for Foreign Affairs Halima Yusuf Bello said the talks would resume.",
     "Halima Yusuf Bello"),
    ("Peru's High Commissioner for Peace, Rosa Elena Quispe, said on Monday the offer stood.", "Rosa Elena Quispe"),
    ("The head of the Chilean National Police (PNCH), Tomas Araya-Vidal, rejected the offer.", "Tomas Araya-Vidal"),
])
def test_a_person_glued_to_the_title_before_them_is_found_alone(text, person):
    found = _mentions(text)
    assert (person, "PERSON") in found, found


def test_a_mission_in_a_known_place_the_model_left_untagged_is_one_name():
    found = _mentions("The EU Monitoring Mission in Moldova said its patrols saw no fire.")
    assert ("EU Monitoring Mission in Moldova", "ORG") in found, found


def test_a_name_grown_past_the_gazetteer_is_named_as_written_and_a_place_inside_a_listed_name_as_itself():
    grown = _mentions("The EU Monitoring Mission in Moldova said its patrols saw no fire.")
    assert not any(name == "European Union" for name, _ in grown), grown  # not the EU itself
    inside = _mentions("The UN Support Mission in Libya said the talks would resume.")
    assert ("Libya", "GPE") in inside, inside  # not named as the mission


@pytest.mark.parametrize("text, body, owner", [
    ("Peru's Ministry of Transport said the coast road would reopen on Monday.", "Ministry of Transport", "Peru"),
    ("The offer was turned down by Chile's Ministry of National Defence, which called it premature.",
     "Ministry of National Defence", "Chile"),
])
def test_a_countrys_possessive_is_no_part_of_its_ministrys_name(text, body, owner):
    found = _mentions(text)
    assert (body, "ORG") in found and (owner, "GPE") in found, found
    assert not any(name.startswith(owner + "'s") for name, _ in found), found


def test_a_possessive_inside_a_name_that_is_no_place_stays_in_it():
    found = _mentions("The Sudan People's Liberation Movement-North said its units would hold their positions.")
    assert ("Sudan People's Liberation Movement-North", "ORG") in found, found
