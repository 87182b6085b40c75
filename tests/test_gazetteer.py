"""The bundled gazetteer (pipeline/nlp/data/gazetteer.jsonl): a well-formed data file whose variants all point at
a name it defines, with no pattern that would tag ordinary words; and, with the real model, organisation names
found whole and their short forms resolved to one entity. Every sentence here is written for these tests."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources

import pytest

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.nlp.analyse import ENTITY_LABELS, analyse_paragraphs
from pipeline.nlp.resolve import resolve_article

# words a body's name is built from: alone they name nothing ("the Front said", "the Army withdrew")
COMMON_WORDS = frozenset({
    "Front", "Movement", "Army", "Forces", "Force", "Council", "Government", "Ministry", "Mission", "State", "Union",
    "Alliance", "Coalition", "Group", "Agency", "Court", "Office", "Command", "Police", "Military", "Authority",
    "Commission", "Committee", "Assembly", "Parliament", "Congress", "Senate", "Cabinet", "Presidency", "Navy",
    "Corps", "Brigade", "Brigades", "Guard", "Service", "Fund", "Party", "League", "Organization", "Organisation",
    "Defence", "Defense", "Security", "Justice", "Liberation", "Resistance", "General Staff", "Air Force",
    "National Army", "Armed Forces", "Foreign Ministry", "Defence Ministry", "Defense Ministry",
    "Ministry of Defence", "Ministry of Defense", "Ministry of Foreign Affairs", "Central Command", "Interior Ministry",
    "IS", "PA", "PDF", "AA", "Amal", "Azov", "Hope", "Unity", "Peace", "Mechanism", "Quartet",
})


def _entries() -> list[tuple[int, dict]]:
    raw = resources.files("pipeline.nlp").joinpath("data", "gazetteer.jsonl").read_text(encoding="utf-8")
    out = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append((lineno, json.loads(line)))  # a line that is not JSON fails here, naming itself
    return out


def _key(pattern) -> str:
    return pattern if isinstance(pattern, str) else json.dumps(pattern, sort_keys=True)


def test_every_line_is_an_object_with_a_project_label_and_a_pattern():
    entries = _entries()
    assert len(entries) > 500
    for lineno, entry in entries:
        assert isinstance(entry, dict), lineno
        assert entry.get("label") in ENTITY_LABELS, (lineno, entry)
        pattern = entry.get("pattern")
        assert (isinstance(pattern, str) and pattern.strip() == pattern and pattern) or (
            isinstance(pattern, list) and pattern), (lineno, entry)
        assert set(entry) <= {"label", "pattern", "id"}, (lineno, entry)


def test_a_pattern_means_one_thing():
    meanings = defaultdict(set)
    for _, entry in _entries():
        meanings[_key(entry["pattern"])].add((entry["label"], entry.get("id")))
    clashes = {p: m for p, m in meanings.items() if len(m) > 1}
    assert not clashes


def test_every_id_is_a_name_the_file_defines_with_the_same_label():
    canonical = {(e["label"], e["pattern"]) for _, e in _entries() if isinstance(e["pattern"], str) and "id" not in e}
    for lineno, entry in _entries():
        if "id" in entry:
            # one hop: a variant points at the group's canonical name, never at another variant
            assert (entry["label"], entry["id"]) in canonical, (lineno, entry)


@pytest.mark.parametrize("word", ["the", "army", "Front", "Movement", "Army", "Azov", "IS"])
def test_the_common_word_check_can_fail(word):
    assert _too_common(word)


def _too_common(pattern: str) -> bool:
    return (" " not in pattern and pattern.islower()) or pattern in COMMON_WORDS


def test_no_pattern_is_a_common_word():
    bad = [e["pattern"] for _, e in _entries() if isinstance(e["pattern"], str) and _too_common(e["pattern"])]
    assert not bad


def _article(*paragraphs: str):
    analyses = {a.paragraph_id: a for a in analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    return analyses, resolve_article("g1", occurrences, analyses)


def _named(result, surface: str):
    found = [m for m in result.mentions if m.text == surface]
    assert found, [(m.text, m.name) for m in result.mentions]
    return found


def test_a_mission_is_found_whole_and_its_acronym_is_the_same_entity():
    analyses, result = _article(
        "The United Nations Interim Force in Lebanon (UNIFIL) said on Tuesday that its patrols near the border had "
        "resumed after a quiet night.",
        "A spokesperson for UNIFIL added that the peacekeepers were in contact with both sides.")
    orgs = [e for e in analyses["p0"].entities if e.label == "ORG"]
    assert [e.text for e in orgs][0] == "United Nations Interim Force in Lebanon"
    full = _named(result, "United Nations Interim Force in Lebanon")[0]
    short = _named(result, "UNIFIL")
    assert full.label == "ORG" and {m.entity_id for m in short} == {full.entity_id}
    assert {m.name for m in short} == {"United Nations Interim Force in Lebanon"}


def test_short_forms_resolve_to_the_fullest_name():
    _, result = _article(
        "After the talks in the capital, the Houthis said they would stop firing at ships for a week.",
        "TPLF fighters left the hill town at dawn, residents reported.",
        "The Tigray People\u2019s Liberation Front said its units would stay in their positions.")
    assert {m.name for m in _named(result, "Houthis")} == {"Houthi movement"}
    assert {m.label for m in _named(result, "Houthis")} == {"ORG"}
    tplf = _named(result, "TPLF")[0]
    curly = _named(result, "Tigray People\u2019s Liberation Front")[0]  # a typographic apostrophe, as sites print it
    assert tplf.name == "Tigray People's Liberation Front" and tplf.entity_id == curly.entity_id


def test_a_longer_name_is_not_cut_by_a_shorter_pattern_inside_it():
    _, result = _article(
        "The National Security Council met on Friday, and the Lebanese Army Command said the road was open.",
        "Officials from OCHA briefed the Security Council on the convoy.")
    names = {m.text: m.name for m in result.mentions if m.label == "ORG"}
    assert names.get("National Security Council") == "National Security Council"
    assert names.get("Lebanese Army Command") == "Lebanese Army Command"
    assert names.get("Security Council") == "United Nations Security Council"
    assert names.get("OCHA") == "United Nations Office for the Coordination of Humanitarian Affairs"


def test_front_line_towns_crossings_and_coalitions_the_model_misreads_are_listed():
    # places below the generated list's population floor, a crossing, a coalition and a news agency
    _, result = _article(
        "Drones hit Kupiansk and Huliaipole overnight, and aid lorries waited at the Kerem Shalom crossing.",
        "The Saudi-led coalition said TASS had misquoted its spokesman in Rakhine State.")
    labels = {m.text: m.label for m in result.mentions}
    assert labels.get("Kupiansk") == "GPE" and labels.get("Huliaipole") == "GPE", labels
    assert labels.get("Kerem Shalom crossing") == "FAC", labels
    assert labels.get("Saudi-led coalition") == "ORG" and labels.get("TASS") == "ORG", labels
    assert labels.get("Rakhine State") == "GPE", labels


def test_a_capitals_spellings_and_a_governments_own_name_are_listed():
    _, result = _article("Envoys flew to Naypyitaw on Monday, and the Islamic Emirate said it would reply.",
                         "Officials in Naypyidaw did not comment.")
    names = {m.text: (m.label, m.name) for m in result.mentions}
    assert names.get("Naypyitaw") == ("GPE", "Naypyidaw") and names.get("Naypyidaw") == ("GPE", "Naypyidaw"), names
    assert names.get("Islamic Emirate") == ("ORG", "Islamic Emirate"), names


def test_the_singular_houthi_describing_people_is_a_nationality_and_the_plural_the_movement():
    _, result = _article("Houthi officials said the road would reopen, and the Houthis later confirmed it.")
    assert {m.label for m in _named(result, "Houthi")} == {"NORP"}
    assert {m.label for m in _named(result, "Houthis")} == {"ORG"}


def test_a_self_declared_state_or_an_autonomous_region_is_a_place_and_its_army_stays_a_body():
    _, result = _article("The Arakan Army said the port belongs to the people of Arakan, as Somaliland and "
                         "Bangsamoro belong to theirs.")
    assert {m.label for m in _named(result, "Arakan")} == {"GPE"}
    assert {m.label for m in _named(result, "Somaliland")} == {"GPE"}
    assert {m.label for m in _named(result, "Bangsamoro")} == {"GPE"}
    assert {m.label for m in _named(result, "Arakan Army")} == {"ORG"}


def test_a_mediators_group_a_transitional_court_and_a_massif_are_listed():
    _, result = _article("Envoys of the Quad met in Jeddah as shelling resumed around Jebel Marra.",
                         "A former commander told the Special Jurisdiction for Peace (JEP) that orders came by radio.")
    names = {m.text: (m.label, m.name) for m in result.mentions}
    assert names.get("Quad") == ("ORG", "Quad"), names
    assert names.get("Jebel Marra") == ("LOC", "Jebel Marra"), names
    assert names.get("Special Jurisdiction for Peace") == ("ORG", "Special Jurisdiction for Peace"), names
    assert names.get("JEP") == ("ORG", "Special Jurisdiction for Peace"), names


def test_districts_and_towns_the_model_misreads_as_people_or_bodies_are_listed():
    _, result = _article("Herders fled Shewa Robit and Woldia, while the elders met in Adado.",
                         "In Tunbridge Wells and Keighley, councillors voted on the budget.")
    labels = {m.text: m.label for m in result.mentions}
    for town in ("Shewa Robit", "Woldia", "Adado", "Tunbridge Wells", "Keighley"):
        assert labels.get(town) == "GPE", (town, labels)


def test_a_security_force_and_a_joint_commission_are_bodies_and_a_highland_region_a_physical_place():
    _, result = _article("The Asayish closed the road, the 5+5 Joint Military Commission said, "
                         "as snow fell across the Scottish Highlands.")
    labels = {m.text: m.label for m in result.mentions}
    assert labels.get("Asayish") == "ORG" and labels.get("5+5 Joint Military Commission") == "ORG", labels
    assert labels.get("Scottish Highlands") == "LOC", labels


def test_camps_and_towns_of_truce_reporting_the_model_reads_as_people_are_listed():
    _, result = _article("Shelling hit Kibati overnight and families fled Nyabiondo for Mongbwalu.",
                         "Gunmen from Martissant and Solino held the road, officials in Hargeisa said.")
    labels = {m.text: m.label for m in result.mentions}
    for town in ("Kibati", "Nyabiondo", "Mongbwalu", "Martissant", "Solino", "Hargeisa"):
        assert labels.get(town) == "GPE", (town, labels)
