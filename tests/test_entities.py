"""Entity spans repaired after the model's NER (pipeline.nlp.model), with the real model: names cut or glued,
people read as organisations, unknown towns read as people, facilities and natural places labelled by their
head word. Every sentence here is written for these tests (invented names, real-world shapes)."""

from __future__ import annotations

import pytest

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.model import load_nlp
from pipeline.nlp.resolve import resolve_article


def _ents(text: str) -> dict[str, str]:
    """name (without a leading "the") -> label of every entity the pipeline keeps in one paragraph."""
    [analysis] = analyse_paragraphs([("p0", text)])
    return {e.name: e.label for e in analysis.entities}


def _has(text: str, surface: str, label: str) -> None:
    found = _ents(text)
    assert found.get(surface) == label, found


def _repaired(text: str, model_output: list[tuple[str, str]]) -> dict[str, str]:
    """The repairs alone, on the spans the model gives in longer paragraphs (a sentence alone often reads right):
    the real pipeline's tokenizer and sentence splitter, ``model_output`` as the NER's spans, then
    ``newsdesk_places``. Returns surface text -> label."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.make_doc(text))
    spans = []
    for surface, label in model_output:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    doc = nlp.get_pipe("newsdesk_places")(doc)
    return {e.text: e.label_ for e in doc.ents}


# ------------------------------------------------------------------------------------------------ cut and glued


def test_a_live_blog_time_stamp_is_not_part_of_the_name_after_it():
    found = _repaired("Nothing moved.  14:05 Jordan's Royal Information Bureau said the convoy had crossed.",
                      [("14:05 Jordan's", "ORG"), ("Royal Information Bureau", "ORG")])
    assert found.get("Jordan's") == "GPE" and found.get("Royal Information Bureau") == "ORG", found


def test_a_time_zone_a_dash_and_the_opening_preposition_of_a_live_blog_entry_are_not_part_of_the_name():
    found = _repaired("Talks went on.  16:40 GMT - In Tarvel, the envoys met again.", [("GMT - In Tarvel", "ORG")])
    assert list(found) == ["Tarvel"], found


def test_a_person_cut_in_two_is_one_person():
    found = _repaired("Army spokesman Nestor Bahati Kalume accused the rebels of shelling two schools.",
                      [("Nestor Bahati", "PERSON"), ("Kalume", "PERSON")])
    assert found == {"Nestor Bahati Kalume": "PERSON"}, found


def test_a_surname_that_is_also_a_town_ends_a_long_name():
    # "Toledo" is a listed place: after an untagged surname, with no comma, it is the name's last word
    found = _repaired("\u201cThe truce is earned,\u201d said Peace Commissioner Marisol Ines Arboleda Toledo.",
                      [("Marisol Ines", "PERSON"), ("Toledo", "GPE")])
    assert found == {"Marisol Ines Arboleda Toledo": "PERSON"}, found
    # a place after a comma stays a place
    found = _repaired("The truce was signed by Marisol Ines Arboleda, Toledo, and two bishops.",
                      [("Marisol Ines", "PERSON"), ("Toledo", "GPE")])
    assert found.get("Toledo") == "GPE", found


@pytest.mark.parametrize("written, name", [("Mawlawi Karim Zahedi", "Karim Zahedi"),
                                           ("Maulana Idris Qasmi", "Idris Qasmi"),
                                           ("Hojatoleslam Reza Farahani", "Reza Farahani")])
def test_a_religious_honorific_is_not_part_of_the_name(written, name):
    found = _repaired(f"{written} told the gathering that the truce must be kept.", [(written, "PERSON")])
    assert found == {name: "PERSON"}, found


def test_a_surname_the_model_leaves_out_is_part_of_the_name():
    _has("Government spokesman Jean-Pierre Mbala Tshimanga accused the rebels of breaking the truce.",
         "Jean-Pierre Mbala Tshimanga", "PERSON")


def test_a_possessive_keeps_the_owner_and_the_body_apart():
    found = _repaired("Kenya's State Information Service said the border post had reopened.",
                      [("Kenya's", "ORG"), ("State Information Service", "ORG")])
    assert found.get("State Information Service") == "ORG", found


# ------------------------------------------------------------------------------------------------ people


def test_a_name_with_a_role_in_apposition_is_a_person_not_an_organisation():
    _has("Wanjiru Kamau, a spokeswoman for the county, said the roads were open.", "Wanjiru Kamau", "PERSON")
    _has("Oleksii Zhuravel, a political scientist at a Lviv university, said the talks would fail.",
         "Oleksii Zhuravel", "PERSON")


@pytest.mark.parametrize("text, model_output, name", [
    ("Kremlin spokesman Arkady Volgin said Moscow saw no reason to extend the pause.",
     [("Arkady Volgin", "ORG")], "Arkady Volgin"),
    ("Their commander, Major Oleksandr Hrytsai, was more cautious.",
     [("Major Oleksandr Hrytsai", "ORG")], "Oleksandr Hrytsai"),
    ("Chess grandmaster Tomasz Zielinski offered a draw after ten moves.",
     [("Tomasz Zielinski", "ORG")], "Tomasz Zielinski"),
])
def test_a_name_read_as_an_organisation_is_a_person_by_its_title_or_role(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "PERSON"


@pytest.mark.parametrize("text, model_output, name", [
    ("Keza Mbonyi, who speaks for the alliance, told a radio station the truce was over.",
     [("Keza Mbonyi", "ORG")], "Keza Mbonyi"),
    ("The bloc's envoy for the Sahel, Tunde Okonjo, told reporters the talks would resume.",
     [("Tunde Okonjo", "GPE")], "Tunde Okonjo"),
    ("The defence minister, Ana Lucia Restrepo, dismissed the offer.", [("Lucia Restrepo", "ORG")],
     "Ana Lucia Restrepo"),
])
def test_a_name_read_as_a_body_or_a_town_is_a_person_by_who_or_a_role_with_its_given_name(text, model_output,
                                                                                           name):
    found = _repaired(text, model_output)
    assert found.get(name) == "PERSON", found


@pytest.mark.parametrize("text, model_output, name, label", [
    ("Marisol Ekwueme, 38, runs a bakery near the market.", [("Marisol Ekwueme", "GPE")], "Marisol Ekwueme", "PERSON"),
    ("Tove Lindqvist, 71, said the shelling had stopped.", [("Tove Lindqvist", "ORG")], "Tove Lindqvist", "PERSON"),
    # a year after a place is no age
    ("Port Elvar, 2019, was the last time the ferry ran.", [("Port Elvar", "GPE")], "Port Elvar", "GPE"),
])
def test_a_name_with_an_age_after_it_is_a_person(text, model_output, name, label):
    found = _repaired(text, model_output)
    assert found.get(name) == label, found


def test_an_untagged_name_with_a_role_in_apposition_is_a_person():
    found = _repaired("Tarik Osmanagic, the bloc's special envoy for the region, arrived on Monday.", [])
    assert found.get("Tarik Osmanagic") == "PERSON", found


def test_a_name_after_its_role_and_a_comma_is_a_person():
    found = _repaired("\u201cWe will not wait,\u201d said the Commissioner for Peace, Lucia Ferreyra.",
                      [("Lucia Ferreyra", "ORG")])
    assert found.get("Lucia Ferreyra") == "PERSON", found
    found = _repaired("The bloc's special envoy for the Sahel, Mikkel Strand, said the talks would go on.", [])
    assert found.get("Mikkel Strand") == "PERSON", found


def test_an_organisation_with_an_apposition_stays_an_organisation():
    found = _ents("Harbour Freight Lines, a shipping company based in Rotterdam, paused its sailings.")
    assert all(label != "PERSON" for label in found.values()), found
    found = _repaired("Nordvik Partners, the group behind the fund, declined to comment.",
                      [("Nordvik Partners", "ORG")])
    assert found.get("Nordvik Partners") == "ORG", found


# ------------------------------------------------------------------------------------------------ places


@pytest.mark.parametrize("text, place", [
    ("Drones struck a fuel depot near Brovenka overnight, the regional governor said.", "Brovenka"),
    ("Shelling hit the Qalamun district twice on Friday.", "Qalamun"),
    ("Residents of Tel Sabra said the shops had reopened.", "Tel Sabra"),
    ("The trucks were stopped on the road to Hpakant by soldiers.", "Hpakant"),
])
def test_an_unknown_town_is_a_place_by_the_words_around_it(text, place):
    _has(text, place, "GPE")


def test_names_before_a_plural_place_noun_or_state_in_lower_case_are_places():
    found = _repaired("The deal covers Tarso and Bilong counties, where clashes displaced thousands.",
                      [("Tarso", "PERSON"), ("Bilong", "ORG")])
    assert found == {"Tarso": "GPE", "Bilong": "GPE"}, found
    found = _repaired("Elders in the Hobyar state of the north met on Sunday.", [("Hobyar", "PERSON")])
    assert found == {"Hobyar": "GPE"}, found


def test_a_nationality_before_state_stays_a_nationality():
    found = _repaired("He called again for a Palestinian state and for talks.", [("Palestinian", "NORP")])
    assert found == {"Palestinian": "NORP"}, found


def test_a_compass_word_alone_is_not_a_place():
    found = _ents("The Eastern delegation and the Central Committee met in Nairobi on Monday.")
    assert found.get("Eastern") != "GPE" and found.get("Central") != "GPE", found


@pytest.mark.parametrize("text, expected", [
    ("Western envoys urged both sides to hold their fire.", {"Western": "NORP"}),
    ("The Western-backed forces pulled back overnight.", {"Western": "NORP"}),
    ("Monitors reached Western Sahara on Friday.", {"Western Sahara": "GPE"}),
])
def test_western_before_a_lower_case_word_is_a_bloc_and_before_a_name_opens_a_place(text, expected):
    found = _repaired(text, [])
    assert found == expected, found


def test_a_bloc_adjective_the_model_read_as_a_body_is_a_nationality():
    found = _repaired("Allied commanders met at the old school before the armistice.", [("Allied", "ORG")])
    assert found == {"Allied": "NORP"}, found
    found = _repaired("Allied Democratic Forces fighters attacked a village.", [("Allied Democratic Forces", "ORG")])
    assert found == {"Allied Democratic Forces": "ORG"}, found


def test_a_state_or_region_read_as_a_person_is_a_place():
    found = _repaired("Fighting spread across Bongor State on Friday.", [("Bongor State", "PERSON")])
    assert found.get("Bongor State") == "GPE", found
    found = _repaired("The Secretary of State flew to Cairo.", [("Secretary of State", "ORG")])
    assert found.get("Secretary of State") == "ORG", found


def test_the_towns_of_a_list_are_each_a_place():
    found = _ents("The militia withdrew from the towns of Umm Sayala, Tandalti and Abu Zabad last week.")
    for place in ("Tandalti", "Abu Zabad"):
        assert found.get(place) == "GPE", found


def test_a_demonym_before_village_is_not_a_place():
    found = _ents("The Welsh village of Llanfair has banned fireworks.")
    assert found.get("Welsh") != "GPE" and found.get("Llanfair") == "GPE", found


def test_a_body_outside_which_something_happens_is_not_a_place():
    found = _repaired("Crowds gathered outside Parliament on Friday.", [("Parliament", "ORG")])
    assert found.get("Parliament") == "ORG", found


def test_a_known_place_replaces_the_models_pieces_of_it_or_a_label_analysis_drops():
    found = _repaired("Envoys from Saudi Arabia arrived on Monday.", [("Saudi", "NORP")])
    assert found.get("Saudi Arabia") == "GPE", found
    found = _repaired("Fighting resumed in Upper Nile on Friday.", [("Upper", "GPE"), ("Nile", "LOC")])
    assert found.get("Upper Nile") == "GPE", found
    found = _repaired("A bakery near Kramatorsk's market was hit.", [("Kramatorsk", "PRODUCT")])
    assert found.get("Kramatorsk") == "GPE", found
    found = _repaired("The pause starts at 18:00 Tehran time.", [("18:00 Tehran time", "TIME")])
    assert found.get("Tehran") == "GPE", found
    found = _repaired("The United States Central Command said the strikes would go on.",
                      [("United States Central Command", "ORG")])
    assert found == {"United States Central Command": "ORG"}, found


def test_a_sentence_opening_in_a_name_and_a_comma_names_a_place():
    found = _repaired("In Tawsalin, diplomats say the old truce is dead.", [("Tawsalin", "PERSON")])
    assert found.get("Tawsalin") == "GPE", found
    found = _repaired("In March, the army said it would leave.", [("March", "DATE")])
    assert found.get("March") == "DATE", found


def test_a_comma_alone_does_not_make_a_person_a_place():
    _has("In Aden, Faisal Omran, a spokesman for the coast guard, said two boats had sunk.", "Faisal Omran",
         "PERSON")


# ------------------------------------------------------------------------------------------------ head words


@pytest.mark.parametrize("text, name, label", [
    ("Aid lorries queued at the Ras Anwar crossing from dawn.", "Ras Anwar crossing", "FAC"),
    ("Flights resumed at Kismayo International Airport on Tuesday.", "Kismayo International Airport", "FAC"),
    ("Engineers inspected the Qaraqosh Dam after the strike.", "Qaraqosh Dam", "FAC"),
    ("Pirates were seen in the Indian Ocean again.", "Indian Ocean", "LOC"),
    ("Both armies pulled back from the Line of Control last winter.", "Line of Control", "LOC"),
])
def test_the_head_word_decides_facility_or_natural_place(text, name, label):
    _has(text, name, label)


def test_a_listed_town_and_its_crossing_are_a_facility():
    # "Jabalia" is in the gazetteer as a town; with "crossing" after it the words name the crossing
    _has("The lorries waited at the Jabalia crossing until dusk.", "Jabalia crossing", "FAC")


# ------------------------------------------------------------------------------------------------ bodies


@pytest.mark.parametrize("text, name", [
    ("An aide said the President's Office would reply on Monday.", "President's Office"),
    ("The Somali Democratic Union (SDU) said it would join the talks.", "Somali Democratic Union"),
])
def test_a_body_is_found_whole(text, name):
    found = _ents(text)
    assert any(name in surface and label == "ORG" for surface, label in found.items()), found


def test_an_untagged_body_named_by_its_head_noun_is_an_organisation():
    found = _repaired("The Public Order Apparatus said its units had left the port.", [])
    assert found.get("Public Order Apparatus") == "ORG", found


def test_a_place_before_an_institute_is_part_of_its_name():
    found = _repaired("Lina Sorokina, an analyst at the Kharkiv Strategy Institute, said the front was calm.",
                      [("Lina Sorokina", "PERSON"), ("Kharkiv", "GPE")])
    assert found.get("Kharkiv Strategy Institute") == "ORG", found


def test_a_place_and_a_group_before_an_untagged_front_are_one_name():
    found = _repaired("The Qalamun Hawk Unity Front rejected the offer on Sunday.",
                      [("Qalamun", "GPE"), ("Hawk", "ORG")])
    assert found.get("Qalamun Hawk Unity Front") == "ORG", found


def test_a_hyphenated_word_and_a_natural_place_do_not_cut_a_body_name():
    found = _repaired("The Gulf League High-Level Committee met in Muscat.", [("Gulf League", "ORG")])
    assert found.get("Gulf League High-Level Committee") == "ORG", found
    found = _repaired("Omar Said, an analyst at the Tana River Policy Institute, was doubtful.",
                      [("Omar Said", "PERSON"), ("Tana River", "LOC")])
    assert found.get("Tana River Policy Institute") == "ORG", found


def test_a_possessive_inside_a_body_name_and_between_a_country_and_its_ministry():
    found = _repaired("The Qatari Prime Minister's Office said the talks would resume.", [("Qatari", "NORP")])
    assert found.get("Qatari Prime Minister's Office") == "ORG", found
    found = _repaired("The Republic of Tanvaria's Ministry of Energy said the plant was safe.",
                      [("The Republic of Tanvaria's", "GPE"), ("Ministry of Energy", "ORG")])
    assert found.get("Ministry of Energy") == "ORG", found


def test_a_name_read_as_a_product_before_airport_is_a_facility():
    found = _repaired("The brigade, which controls Zuwara airport, pulled back.", [("Zuwara", "PRODUCT")])
    assert found.get("Zuwara airport") == "FAC", found


def test_a_ministry_in_a_city_is_the_ministry_alone():
    found = _ents("The Justice Ministry in Benghazi said the prisoners would be freed.")
    assert found.get("Justice Ministry") == "ORG", found
    assert found.get("Benghazi") == "GPE", found


def test_an_army_in_a_city_is_the_army_alone():
    found = _repaired("The Zanthian Armed Forces in Port Marrow said the airport had reopened.",
                      [("Zanthian Armed Forces", "ORG"), ("Port Marrow", "GPE")])
    assert found == {"Zanthian Armed Forces": "ORG", "Port Marrow": "GPE"}, found


def test_a_mission_in_a_country_keeps_its_place_in_the_name():
    found = _ents("The United Nations Observer Mission in Sudan said its patrols had resumed.")
    assert any(s.endswith("Mission in Sudan") and label == "ORG" for s, label in found.items()), found


def test_a_ministry_the_model_ends_on_in_drops_the_in_and_keeps_the_city_apart():
    found = _repaired("Officials at the Ministry of Energy in Tarvel said the grid was hit again.",
                      [("the Ministry of Energy in", "ORG"), ("Tarvel", "GPE")])
    assert found.get("the Ministry of Energy") == "ORG" and found.get("Tarvel") == "GPE", found


def test_a_body_the_model_cut_after_for_goes_on_to_the_end_of_its_name():
    found = _repaired("The National Council for Meridian Renewal and Defence Forces rejected the offer.",
                      [("The National Council for", "ORG"), ("Meridian", "NORP"), ("Defence Forces", "ORG")])
    assert found == {"The National Council for Meridian Renewal and Defence Forces": "ORG"}, found


def test_a_name_without_a_head_noun_cut_after_of_only_loses_the_of():
    found = _repaired("Friends of the Valley said the trail had reopened.", [("Friends of", "ORG")])
    assert found == {"Friends": "ORG"}, found


def test_a_bracket_inside_a_name_ends_it_and_the_acronym_is_read_on_its_own():
    found = _repaired("The EU Office for Reconstruction Aid (EUORA) said the convoy had crossed.",
                      [("The EU Office", "ORG"), ("Reconstruction Aid (EUORA", "ORG")])
    assert found.get("EU Office for Reconstruction Aid") == "ORG" and found.get("EUORA") == "ORG", found


def test_an_acronym_may_keep_the_initial_of_a_small_word():
    found = _repaired("The Office of the Regional Prosecutor (OTRP) opened an inquiry into the shelling.", [])
    assert found.get("Office of the Regional Prosecutor") == "ORG" and found.get("OTRP") == "ORG", found


@pytest.mark.parametrize("text, model_output, name, short", [
    ("A former officer of the Patriotic Front for the Rebirth of the Lower Valley (FPRBV) faces trial.",
     [("the Patriotic Front for the Rebirth of the Lower", "ORG"), ("Valley", "GPE")],
     "Patriotic Front for the Rebirth of the Lower Valley", "FPRBV"),
    ("The Joint Verification and Monitoring Mission in North Tarsia (MCVTN) said it would send observers.",
     [("Joint Verification", "ORG"), ("North Tarsia", "GPE")],
     "Joint Verification and Monitoring Mission in North Tarsia", "MCVTN"),
])
def test_a_body_s_name_before_an_acronym_from_another_language_is_one_name(text, model_output, name, short):
    found = _repaired(text, model_output)
    assert found.get(name) == "ORG" and found.get(short) == "ORG", found


def test_an_unspelled_acronym_after_a_name_without_a_body_s_head_changes_nothing():
    # "RPT" shares the name's initials, so the body-head guard (not the initials check) is what keeps it apart
    found = _repaired("Ships waited off the Port of Tarsia Roads (RPT) for two days.", [("Tarsia Roads", "GPE")])
    assert "Port of Tarsia Roads" not in found, found


@pytest.mark.parametrize("text, model_output, name", [
    ("The Kenyan Lawyers Syndicate said the detainees had no access to counsel.", [("Kenyan", "NORP")],
     "Kenyan Lawyers Syndicate"),
    ("The Ghanaian Civil Defence said rescuers had reached the village.", [("Ghanaian", "NORP")],
     "Ghanaian Civil Defence"),
    ("The Malian Border Control and Customs Agency said the crossing would reopen.", [("Malian", "NORP")],
     "Malian Border Control and Customs Agency"),
    ("The Chadian Association for Rural Schools said classes had stopped.", [("Chadian Association", "ORG")],
     "Chadian Association for Rural Schools"),
])
def test_a_nationality_and_capitalised_words_up_to_a_head_noun_are_one_body(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "ORG"


def test_a_head_noun_that_qualifies_a_title_does_not_end_a_name():
    found = _repaired("Ghanaian Defence Minister Kojo Mensah said the patrols would go on.",
                      [("Ghanaian", "NORP"), ("Kojo Mensah", "PERSON")])
    assert found == {"Ghanaian": "NORP", "Kojo Mensah": "PERSON"}, found


def test_a_body_does_not_run_on_through_for_and_a_day():
    found = _repaired("Diplomats asked the Security Council for Monday's session to be moved.",
                      [("the Security Council", "ORG"), ("Monday", "DATE")])
    assert found.get("the Security Council") == "ORG", found


@pytest.mark.parametrize("text, model_output, name", [
    ("The relief group Mano Amiga said its trucks were turned back.", [("Mano Amiga", "PERSON")], "Mano Amiga"),
    ("Ferry operator Baltrix said sailings would resume.", [("Baltrix", "PRODUCT")], "Baltrix"),
    ("Analysts at the think tank Orvelle Partners doubted the truce.", [], "Orvelle Partners"),
])
def test_a_name_after_a_noun_describing_an_organisation_is_one(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "ORG"


def test_every_name_of_a_list_after_an_organisation_noun_is_one():
    found = _repaired("Delivery platforms Zippa and Quorra agreed a truce on fees.",
                      [("Zippa", "PERSON"), ("Quorra", "PERSON")])
    assert found == {"Zippa": "ORG", "Quorra": "ORG"}, found


def test_a_place_or_a_day_after_an_organisation_noun_stays_what_it_is():
    found = _repaired("The alliance Turkey leads met in Ankara, the group said Tuesday.",
                      [("Turkey", "GPE"), ("Ankara", "GPE"), ("Tuesday", "DATE")])
    assert found == {"Turkey": "GPE", "Ankara": "GPE", "Tuesday": "DATE"}, found


def test_a_place_cut_after_the_joins_the_place_after_it():
    found = _repaired("Troops of the Federal Republic of the Arvelian Isles moved north.",
                      [("the Federal Republic of the", "GPE"), ("Arvelian Isles", "GPE")])
    assert found == {"the Federal Republic of the Arvelian Isles": "GPE"}, found


def test_a_council_on_a_subject_is_one_name_but_not_a_council_on_a_place():
    found = _repaired("The Nordic Council on Arctic Affairs said the talks would go on.",
                      [("Nordic Council", "ORG")])
    assert found.get("Nordic Council on Arctic Affairs") == "ORG", found
    found = _repaired("Diplomats briefed the Security Council on Tarvelia before the vote.",
                      [("the Security Council", "ORG"), ("Tarvelia", "GPE")])
    assert found == {"the Security Council": "ORG", "Tarvelia": "GPE"}, found


@pytest.mark.parametrize("text, model_output, name", [
    ("Pappas Bakery in the old town marked its fiftieth year with free bread.", [("Pappas Bakery", "PERSON")],
     "Pappas Bakery"),
    ("The smallest network, Zuri Mobile, stopped selling new lines.", [("Zuri Mobile", "PERSON")], "Zuri Mobile"),
])
def test_a_name_read_as_a_person_that_ends_in_a_company_word_is_an_organisation(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "ORG"


def test_a_person_whose_name_only_holds_a_company_word_stays_a_person():
    found = _repaired("Energy Minister Halyna Dorosh said the grid held.", [("Halyna Dorosh", "PERSON")])
    assert found == {"Halyna Dorosh": "PERSON"}, found


# ------------------------------------------------------------------------------------------------ acronyms


def _article_names(*paragraphs: str) -> dict[str, set[str]]:
    """surface text -> the names it resolves to across an article of ``paragraphs``."""
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    out: dict[str, set[str]] = {}
    for m in resolve_article("a1", occurrences, analyses).mentions:
        out.setdefault(m.text, set()).add(m.name)
    return out


@pytest.mark.parametrize("definition, later, name, short", [
    ("The Alliance of Patriots for a Free Kivu (APFK) said its fighters would hold their positions.",
     "A spokesman for the APFK denied the report.", "Alliance of Patriots for a Free Kivu", "APFK"),
    ("Fighters of the Coalition for Change and Renewal (CCR) attacked a convoy.",
     "The CCR said the convoy carried weapons.", "Coalition for Change and Renewal", "CCR"),
    ("Commanders of the Northern Kivu Self-Defence Union (NKSU) met on Friday.",
     "NKSU fighters later withdrew.", "Northern Kivu Self-Defence Union", "NKSU"),
])
def test_an_acronym_defined_in_the_text_is_an_alias_of_the_whole_name(definition, later, name, short):
    names = _article_names(definition, later)
    assert names.get(name) == {name}, names
    assert names.get(short) == {name}, names


def test_a_bracketed_credit_whose_letters_do_not_spell_the_words_before_it_changes_nothing():
    found = _repaired("The talks ended late, Anna Berg reported from Kyiv (AP).",
                      [("Anna Berg", "PERSON"), ("Kyiv", "GPE")])
    assert found == {"Anna Berg": "PERSON", "Kyiv": "GPE"}, found


@pytest.mark.parametrize("text, model_output, place", [
    ("Fishermen returned to the Tarnova reservoir on Monday.", [("Tarnova", "PERSON")], "Tarnova reservoir"),
    ("Shelling hit villages in the Kerlan valley overnight.", [("Kerlan", "ORG")], "Kerlan valley"),
])
def test_an_unlisted_name_before_a_lower_case_natural_head_is_that_natural_place(text, model_output, place):
    assert _repaired(text, model_output).get(place) == "LOC"


def test_a_listed_place_before_a_lower_case_natural_head_stays_the_place():
    assert _repaired("Boats were seen off the Gaza coast and in the Niger delta.",
                     [("Gaza", "GPE"), ("Niger", "GPE")]) == {"Gaza": "GPE", "Niger": "GPE"}


@pytest.mark.parametrize("written, name", [("Deputy Aoife Kinsella", "Aoife Kinsella"),
                                           ("Councillor Rhodri Banfield", "Rhodri Banfield"),
                                           ("Undersecretary Marisol Dantes Ocampo", "Marisol Dantes Ocampo")])
def test_a_parliamentary_or_council_title_is_not_part_of_the_name(written, name):
    found = _repaired(f"{written} said the fines would stop in March.", [(written, "PERSON")])
    assert found.get(name) == "PERSON", found



@pytest.mark.parametrize("written, name", [("Alhaji Musa Danladi Kurfi", "Musa Danladi Kurfi"),
                                           ("Malam Idris Tanko", "Idris Tanko"),
                                           ("Monsignor Paulo Nkemba", "Paulo Nkemba"),
                                           ("Councilmember Rosa Ibarra-Kent", "Rosa Ibarra-Kent"),
                                           ("Inspector Jean-Louis Pradel", "Jean-Louis Pradel")])
def test_an_honorific_a_prelate_s_or_a_police_rank_is_not_part_of_the_name(written, name):
    found = _repaired(f"{written} said the fines would stop in March.", [(written, "PERSON")])
    assert found.get(name) == "PERSON", found


@pytest.mark.parametrize("written, name", [("Special Representative Oona Falkberg", "Oona Falkberg"),
                                           ("Shopkeeper Idris Mabrouk-Tal", "Idris Mabrouk-Tal"),
                                           ("Fisherman Kofi Adjei-Brew", "Kofi Adjei-Brew")])
def test_an_office_or_a_trade_written_as_a_title_is_not_part_of_the_name(written, name):
    found = _repaired(f"{written} said the fines would stop in March.", [(written, "PERSON")])
    assert found.get(name) == "PERSON", found

@pytest.mark.parametrize("platform", ["Facebook", "Instagram", "TikTok"])
def test_a_social_platform_a_statement_is_posted_on_is_an_organisation(platform):
    _has(f"The councillor posted the video on {platform} with a short caption.", platform, "ORG")


@pytest.mark.parametrize("text, model_output, name", [
    ("A transcript of Monday's edition of Region Matters Tonight on the state broadcaster.",
     [("Monday", "DATE"), ("Region Matters", "EVENT"), ("Tonight", "TIME")], "Region Matters Tonight"),
    ("Europe Tonight — broadcast transcript, English news service.", [("Europe Tonight", "FAC")], "Europe Tonight"),
])
def test_a_programme_named_tonight_is_an_organisation(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "ORG"


def test_tonight_opening_a_sentence_is_no_programme():
    found = _repaired("Tonight I speak to you about the north.", [("Tonight", "TIME")])
    assert found == {"Tonight": "TIME"}


def test_a_name_in_apposition_to_an_owned_body_is_an_organisation():
    found = _repaired("The row ended with a letter from Dapo's label, Kestrel Tone, which has since closed.",
                      [("Dapo", "PERSON"), ("Kestrel Tone", "PERSON")])
    assert found.get("Kestrel Tone") == "ORG", found


def test_a_consultancy_named_after_its_descriptor_is_an_organisation():
    found = _repaired("Analysts at the retail consultancy Harrowby Lane said the truce would not last.",
                      [("Harrowby Lane", "PERSON")])
    assert found.get("Harrowby Lane") == "ORG", found


def test_an_unlisted_place_after_in_stays_a_place_before_a_role_apposition():
    text = "Asked at the briefing in Port Velmar, the spokesman for the mission, Karel Dunst, said talks would go on."
    found = _repaired(text, [("Port Velmar", "GPE"), ("Karel Dunst", "PERSON")])
    assert found.get("Port Velmar") == "GPE", found


def test_two_people_listed_together_stay_people_when_the_model_guessed_one_was_a_place():
    text = "Elina Rask and Maija Oksa play sisters who have not spoken for ten years."
    found = _repaired(text, [("Elina Rask", "PERSON"), ("Maija Oksa", "GPE")])
    assert found.get("Elina Rask") == "PERSON" and found.get("Maija Oksa") == "PERSON", found


def test_a_listed_place_still_makes_its_neighbour_in_a_list_a_place():
    found = _repaired("Shelling hit Sumy and Nova Varta overnight.", [("Sumy", "GPE"), ("Nova Varta", "PERSON")])
    assert found.get("Nova Varta") == "GPE", found


@pytest.mark.parametrize("text, model_output, party", [
    ("The coalition partners, the Social Democrats and the Greens, agreed a truce on pensions.",
     [("Social Democrats", "NORP"), ("Greens", "NORP")], "Greens"),
    ("The opposition Christian Democrats dismissed the deal.", [("Christian", "NORP"), ("Democrats", "NORP")],
     "Christian Democrats"),
])
def test_a_party_named_by_its_members_is_an_organisation(text, model_output, party):
    assert _repaired(text, model_output).get(party) == "ORG"


def test_one_member_of_a_party_stays_a_nationality_like_word():
    assert _repaired("A Social Democrat minister resigned.", [("Social Democrat", "NORP")]) == {"Social Democrat": "NORP"}


def test_a_surname_read_as_a_body_after_a_title_and_a_given_name_is_a_person():
    found = _repaired("Major General Pawel Ostrander-Lim (UNMISS): our patrols continue.",
                      [("Ostrander-Lim", "ORG"), ("UNMISS", "ORG")])
    assert found.get("Pawel Ostrander-Lim") == "PERSON", found


@pytest.mark.parametrize("text, model_output, person", [
    ("Deputy Orla Ní Dhuibhir: The Minister has not answered my question.", [("Orla Ní Dhuibhir", "ORG")],
     "Orla Ní Dhuibhir"),
    ("Senator Kestrel Amundsen told the chamber the truce was fragile.", [("Kestrel Amundsen", "ORG")],
     "Kestrel Amundsen"),
])
def test_a_name_read_as_a_body_right_after_a_capitalised_title_is_a_person(text, model_output, person):
    assert _repaired(text, model_output).get(person) == "PERSON"


def test_one_word_read_as_a_body_after_a_capitalised_title_is_left_as_read():
    # "General Motors": one word after the title may be the body's own name
    assert _repaired("General Motors said output would fall.", [("Motors", "ORG")]).get("Motors") == "ORG"


@pytest.mark.parametrize("text, model_output, person", [
    ("“The truce is paper,” said Bogdan Verhun, deputy head of the defence committee.", [("Bogdan Verhun", "ORG")],
     "Bogdan Verhun"),
    ("For further information: Anaïs Ferrand-Lobo, Head of Office, Relief Network.",
     [("Anaïs Ferrand-Lobo", "ORG"), ("Relief Network", "ORG")], "Anaïs Ferrand-Lobo"),
])
def test_a_name_read_as_a_body_before_a_comma_and_a_bare_role_is_a_person(text, model_output, person):
    assert _repaired(text, model_output).get(person) == "PERSON"


def test_a_body_before_a_comma_and_a_title_opening_a_name_stays_a_body():
    text = "The chairman of Dankara Local Government, Alhaji Musa Dankano, said the roads were open."
    found = _repaired(text, [("Dankara Local Government", "ORG"), ("Musa Dankano", "PERSON")])
    assert found.get("Dankara Local Government") == "ORG", found


def test_a_given_name_the_model_cut_from_a_name_a_role_introduces_goes_on_over_its_surnames():
    text = "Chile's deputy energy minister, Tomas Reyes Albornoz, said the pipeline would reopen."
    found = _repaired(text, [("Chile", "GPE"), ("Tomas", "PERSON")])
    assert found.get("Tomas Reyes Albornoz") == "PERSON", found


def test_a_given_name_after_a_role_is_left_as_read_when_the_capitalised_words_run_past_two_surnames():
    # more capitalised words than a name's: the run is not read as one person
    text = "The regional envoy, Tomas Reyes Albornoz Harbour Authority, said the port would reopen."
    found = _repaired(text, [("Tomas", "PERSON")])
    assert found.get("Tomas") == "PERSON", found


def test_a_byline_closed_by_a_full_stop_before_the_writers_note_names_the_writer():
    found = _repaired("By Selma Haddou-Riviere. The author is a former adviser to the mission.",
                      [("Haddou-Riviere", "ORG")])
    assert found.get("Selma Haddou-Riviere") == "PERSON", found


def test_by_a_day_closed_by_a_full_stop_is_no_byline():
    found = _repaired("By Friday. That was the deadline.", [("Friday", "DATE")])
    assert found == {"Friday": "DATE"}, found


def test_an_untagged_name_before_a_relative_who_is_a_person():
    found = _repaired("Nadifa Elmi Haji, who runs a clinic near the port, said the night had been quiet.", [])
    assert found.get("Nadifa Elmi Haji") == "PERSON", found


def test_an_untagged_hyphenated_surname_after_a_role_and_a_comma_is_one_person():
    found = _repaired("A militia leader in the hills, Dawit Alemu-Bekele, rejected the accord.", [])
    assert found.get("Dawit Alemu-Bekele") == "PERSON", found


@pytest.mark.parametrize("text, model_output, name", [
    ("Bishop Lorenzo Matavele told the congregation the pause must hold.", [("Bishop", "ORG")], "Lorenzo Matavele"),
    ("Dr Amina Tesfaye said the clinic had run out of insulin.", [], "Amina Tesfaye"),
])
def test_an_untagged_name_after_a_capitalised_title_is_a_person(text, model_output, name):
    found = _repaired(text, model_output)
    assert found.get(name) == "PERSON" and "Bishop" not in found, found


def test_a_title_before_a_body_name_makes_no_person():
    found = _repaired("The General Assembly met on Monday.", [("The General Assembly", "ORG")])
    assert "PERSON" not in found.values(), found
    found = _repaired("Father Kowalski Street was closed on Monday.", [])
    assert "PERSON" not in found.values(), found


@pytest.mark.parametrize("written, name", [("Ustadz Farid Malang", "Farid Malang"),
                                           ("Daw Thida Win", "Thida Win")])
def test_a_burmese_or_malay_honorific_is_not_part_of_the_name(written, name):
    found = _repaired(f"{written} told the gathering that the truce must be kept.", [(written, "PERSON")])
    assert found == {name: "PERSON"}, found


@pytest.mark.parametrize("text, model_output, body", [
    ("A fellow at the Baltic Security Forum said the line had held.", [("Baltic", "LOC")], "Baltic Security Forum"),
    ("Data from the Sahel Violence Monitor showed fewer raids.", [("the Sahel Violence Monitor", "FAC")],
     "the Sahel Violence Monitor"),
    ("A researcher at the Danube Governance Lab said the truce was fragile.", [("the Danube Governance Lab", "FAC")],
     "the Danube Governance Lab"),
])
def test_a_research_body_named_by_its_head_is_an_organisation(text, model_output, body):
    found = _repaired(text, model_output)
    assert found.get(body) == "ORG", found


def test_a_building_named_centre_stays_a_facility():
    found = _repaired("The talks moved to the Kofi Annan Centre on Monday.", [("the Kofi Annan Centre", "FAC")])
    assert found.get("the Kofi Annan Centre") == "FAC", found


@pytest.mark.parametrize("text, surface, label", [
    ("Sahrawi refugees in the camps said they had heard the shelling.", "Sahrawi", "NORP"),
    ("Elders of the Habar Gidir and the Marehan met under a tree to agree the truce.", "Habar Gidir", "NORP"),
    ("Elders of the Habar Gidir and the Marehan met under a tree to agree the truce.", "Marehan", "NORP"),
    ("Fighting spread from Gondar into Wollo over the weekend.", "Wollo", "LOC"),
    ("Flights resumed at Mitiga after the shelling stopped.", "Mitiga", "FAC"),
    ("Flights resumed at Mitiga International Airport on Monday.", "Mitiga International Airport", "FAC"),
    ("Clashes between the militia and Dozo hunters killed twelve people near the river.", "Dozo", "NORP"),
    ("The armed group said it had stopped its raids on Hema villages in the district.", "Hema", "NORP"),
    ("Elders said a truce between Fulani herders and Djerma farmers had held for a month.", "Djerma", "NORP"),
])
def test_real_clans_peoples_regions_and_airports_of_the_gazetteer_keep_their_labels(text, surface, label):
    _has(text, surface, label)


@pytest.mark.parametrize("text, model_output, outlet", [
    ("QUESTION (Harbour Times): Minister, when will the crossings reopen?", [("Harbour Times", "GPE")],
     "Harbour Times"),
    ("Question (Radio Kestrel): Has the other side signed the text?", [("Kestrel", "PERSON")], "Radio Kestrel"),
    ("QUESTION (Al-Marsad): General, who fired first on Tuesday?", [("Al-Marsad", "PERSON")], "Al-Marsad"),
])
def test_the_bracket_after_a_briefing_s_question_label_names_an_outlet(text, model_output, outlet):
    assert _repaired(text, model_output).get(outlet) == "ORG"


def test_a_bracket_after_a_question_label_that_is_no_name_changes_nothing():
    found = _repaired("QUESTION (from the floor): Who signed it?", [])
    assert "from the floor" not in found, found


@pytest.mark.parametrize("text, model_output, unit", [
    ("The army's 21 Brigade said its troops had held their positions.", [("Brigade", "ORG")], "21 Brigade"),
    ("Both the Harbour Guard and the 512 Mountain Battalion agreed to withdraw.",
     [("Harbour Guard", "ORG"), ("512", "CARDINAL"), ("Mountain Battalion", "ORG")], "512 Mountain Battalion"),
])
def test_a_military_unit_s_number_is_part_of_its_name(text, model_output, unit):
    assert _repaired(text, model_output).get(unit) == "ORG"


def test_a_year_before_a_unit_s_head_is_no_unit_number():
    # a CARDINAL, not a DATE: a DATE is skipped before the unit-number check runs, so only this reaches it
    found = _repaired("In 2024 Brigade commanders met twice.", [("2024", "CARDINAL"), ("Brigade", "ORG")])
    assert "2024 Brigade" not in found, found


@pytest.mark.parametrize("text, model_output, name", [
    ("“It will not last,” said a researcher at the Hollis Middle East Center in Amman.",
     [("the Hollis", "ORG"), ("Middle East", "LOC"), ("Amman", "GPE")], "the Hollis Middle East Center"),
    ("The Trans Andean Health Organization said 9,000 children were vaccinated.",
     [("The Trans", "ORG"), ("Andean", "NORP")], "The Trans Andean Health Organization"),
])
def test_a_body_s_name_completed_from_a_piece_the_model_cut_off_is_one_name(text, model_output, name):
    assert _repaired(text, model_output).get(name) == "ORG"


@pytest.mark.parametrize("text, surface", [
    ("Fighters of the Sudan People's Liberation Army-in-Opposition withdrew from the town.",
     "Sudan People's Liberation Army-in-Opposition"),
    ("Kataib Sayyid al-Shuhada said it was not bound by the decision.", "Kataib Sayyid al-Shuhada"),
    ("The minister answered questions in Dáil Éireann on Tuesday.", "Dáil Éireann"),
    ("The offer was called a trick in a commentary in the Global New Light of Myanmar.", "Global New Light of Myanmar"),
])
def test_real_armed_groups_and_bodies_of_the_gazetteer_are_organisations(text, surface):
    found = {e.text: e.label for e in analyse_paragraphs([("p0", text)])[0].entities}
    assert found.get(surface) == "ORG", found


def test_a_name_set_off_after_a_role_one_person_holds_is_a_person():
    # the small model reads "Ebele Okwuosa-Brandt" after "the spokesperson of ..." as a place; set off after a
    # role one person holds, two to four capitalised words are that person (who a "SPOKESPERSON:" turn then is)
    found = _ents("Press briefing by the spokesperson of the Norland Mediation Commission, Ebele Okwuosa-Brandt, "
                  "Valdor, 5 March.")
    assert found.get("Ebele Okwuosa-Brandt") == "PERSON", found
    assert found.get("Valdor") == "GPE", found  # after a name, not a role: the place stays
    # a body set off after a role is still a body: its name holds a body's head
    found = _ents("The talks were chaired by the envoy of the bloc, Nordic Peace Council, in Valdor on Monday.")
    assert found.get("Nordic Peace Council") != "PERSON", found



def test_a_common_word_opening_a_sentence_and_written_lower_case_elsewhere_is_no_name():
    from pipeline.nlp.analyse import analyse_paragraphs

    [found] = analyse_paragraphs([("p", "Humanitarian officials say aid deliveries have fallen since the shelling "
                                        "began. A senior humanitarian adviser, Dana Whitlock, said stocks would "
                                        "last a week.")])
    assert not any(e.text == "Humanitarian" for e in found.entities)
    assert any(e.text == "Dana Whitlock" and e.label == "PERSON" for e in found.entities)


def test_a_building_named_head_first_is_a_facility():
    from pipeline.nlp.analyse import analyse_paragraphs

    [found] = analyse_paragraphs([("p", "The envoys spoke to journalists outside the Palais des Nations on Monday.")])
    assert [(e.text, e.label) for e in found.entities if "Palais" in e.text] == [("Palais des Nations", "FAC")]
