"""French mentions nested in a longer name, added after a paragraph's statements are found (as
:func:`.multilingual.nested_mentions` adds known places and bodies), so they never change who speaks:

- a body named inside another body's long name ("l'Institut X de l'Université américaine de Beyrouth", "la
  direction du renseignement du Ministère de l'Intérieur"): the inner body, from its head noun to the name's end,
  is an organisation a reader looks for too;
- a physical feature, a road or a crossing named by its common noun and a place name ("la vallée de la Bekaa",
  "la route de Malpasse", "le col de X"): the whole phrase is the feature (LOC), whatever the place name alone is
  read as (a town often gives its name to the valley, the road or the crossing: the place name keeps its label).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .spans import EntitySpan

# "de", "du", "des", "de la", "de l'", "d'" between the outer name's words and the inner body's head
_OF = re.compile(r"\s(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*$")
# a bracketed acronym or aside ends the inner body's name: "(UA)" is the outer name's, or another mention
_BRACKET = re.compile(r"\s*\(")


def bodies_in_bodies(text: str, entities: Sequence[EntitySpan], heads: re.Pattern) -> list[EntitySpan]:
    """Organisations nested in a longer organisation's name: a head noun of a body (``heads``: capitalised,
    data/org_heads_fr.txt, or "ministère") after "de" inside the name opens a body that runs to the name's end (or
    to a bracket). Not at a mention's start (one mention a start), nor a lone head ("du Conseil" says no name), nor
    in a name the gazetteer knows."""
    starts = {e.start for e in entities}
    out: list[EntitySpan] = []
    for e in entities:
        if e.label != "ORG" or len(e.text.split()) < 4 or e.name != e.text:
            # a body the gazetteer knows is named whole (its known bodies inside are nested_mentions'). A French
            # acronym after the name carries the name already (multilingual._acronyms_named): a mention nested
            # between them parts no pair
            continue
        for m in re.finditer(r"(?<![\w-])(?:[A-ZÀ-Ý][\w\u00c0-\u017f-]*|ministère)", e.text):
            at = e.start + m.start()
            if at == e.start or at in starts or not _OF.search(text, e.start, at):
                continue
            head = heads.match(text, at)
            if head is None and m.group() != "ministère":
                continue
            bracket = _BRACKET.search(text, at, e.end)
            end = bracket.start() if bracket else e.end
            name = text[at:end].rstrip(" ,")
            if len(name.split()) < 2:
                continue
            out.append(EntitySpan(at, at + len(name), name, name, "ORG", e.prefix, None))
            starts.add(at)
            break  # the outermost inner body: a body nested in it again is its own name's business
    return out


# the common nouns of a feature, a road or a crossing that French names after the place they are of, with "de"
_FEATURE_NOUNS = (
    "vallée", "vallées", "plateau", "plateaux", "hauts plateaux", "plaine", "plaines", "colline", "collines", "col",
    "massif", "mont", "monts", "montagne", "montagnes", "désert", "forêt", "lac", "fleuve", "rivière", "oued", "golfe", "baie", "détroit", "delta", "bassin", "île", "îles",
    "presqu'île", "péninsule", "corridor", "route", "autoroute", "chaussée", "avenue", "boulevard", "rue", "pont",
    "poste-frontière", "poste frontière", "point de passage", "points de passage",
)  # not "place", "axe", "chaîne", "passage": as often "à la place de la France", "chaîne de ..."
_FEATURE_BEFORE = re.compile(
    r"(?<![\w-])(?P<noun>" + "|".join(re.escape(n) for n in sorted(_FEATURE_NOUNS, key=len, reverse=True)) + r")"
    r"\s+(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*$", re.IGNORECASE)


def features_of_places(text: str, entities: Sequence[EntitySpan]) -> list[EntitySpan]:
    """Each place mention right after a feature's, a road's or a crossing's noun and "de" ("vallée de la | Bekaa",
    "route de | Malpasse") gives the whole phrase as a LOC mention of its own, named as written; the place
    mention stays. Not where a mention already spans the phrase or starts at the noun."""
    starts = {e.start for e in entities}
    out: list[EntitySpan] = []
    for e in entities:
        if e.label not in ("GPE", "LOC"):
            continue
        found = _FEATURE_BEFORE.search(text, max(0, e.start - 40), e.start)
        if found is None or found.start() in starts:
            continue
        at = found.start()
        if at > 0 and text[at - 1:at].isalpha():
            continue
        if any(x.start <= at and e.end <= x.end for x in entities if x is not e):
            continue  # a longer name holds the phrase already ("corridor de Philadelphie" from the gazetteer)
        name = text[at:e.end]
        out.append(EntitySpan(at, e.end, name, name, "LOC", e.prefix, None))
        starts.add(at)
    return out + _untagged_features(text, [*entities, *out], starts)


# the nouns of a natural feature: its name is the feature's own (LOC) where the model did not read it; a road's or
# a crossing's name is a town's as often, labelled as any bare place name
_NATURAL = frozenset(n for n in _FEATURE_NOUNS if n not in {
    "corridor", "route", "autoroute", "chaussée", "avenue", "boulevard", "rue", "pont", "poste-frontière",
    "poste frontière", "point de passage", "points de passage"})
_FEATURE_NAMED = re.compile(
    r"(?<![\w-])(?P<noun>(?i:" + "|".join(re.escape(n) for n in sorted(_FEATURE_NOUNS, key=len, reverse=True)) + r"))"
    r"\s+(?:de la|de l['\u2019]|du|des|de|d['\u2019])\s*"
    r"(?P<name>[A-ZÀ-Ý][\w\u00c0-\u017f'\u2019-]*(?:\s+[A-ZÀ-Ý][\w\u00c0-\u017f'\u2019-]*){0,2})")


def _untagged_features(text: str, entities: Sequence[EntitySpan], starts: set[int]) -> list[EntitySpan]:
    """A feature's, a road's or a crossing's noun, "de" and a capitalised name no mention covers ("la vallée de
    l'Omo", "le poste frontière d'Adré"): the whole phrase (LOC) and the name, a feature's own (LOC) after a
    natural feature's noun, else labelled as any bare place name (a town)."""
    from .multilingual import place_label

    out: list[EntitySpan] = []
    for m in _FEATURE_NAMED.finditer(text):
        a, b = m.span("name")
        if any(x.start < b and a < x.end for x in entities) or m.start() in starts:
            continue
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue
        name = text[a:b]
        label = "LOC" if m.group("noun").casefold() in _NATURAL else place_label(name, "LOC")
        out.append(EntitySpan(m.start(), b, text[m.start():b], text[m.start():b], "LOC", "", None))
        out.append(EntitySpan(a, b, name, name, label, "", None))
        starts.update((m.start(), a))
    return out


# a lower-case word for a body's kind opening the model's span ("parti Pastef", "mouvement Retour", "groupe armé
# X"): the name is what follows it, the kind word is the sentence's
_KIND_OPENING = re.compile(
    r"^(?:parti|mouvement|groupe|milice|coalition|rébellion|société|entreprise|compagnie|syndicat|collectif|"
    r"plateforme|alliance|front|organisation|association|ONG|agence|banque|opérateur|constructeur)"
    r"(?:\s+(?:armé|rebelle|jihadiste|djihadiste|islamiste|terroriste|paramilitaire|politique|minier|minière|"
    r"pétrolier|pétrolière|d'opposition|de la société civile))?\s+(?P<name>[A-ZÀ-Ý0-9].*)$")


def names_after_their_kind(text: str, entities: Sequence[EntitySpan]) -> list[EntitySpan]:
    """An organisation the model read with the lower-case word for its kind ("le parti Pastef", "le groupe armé
    X") is also named alone ("Pastef"), as a reader and a labelled set name it; the longer mention stays."""
    starts = {e.start for e in entities}
    out: list[EntitySpan] = []
    for e in entities:
        found = _KIND_OPENING.match(e.text) if e.label == "ORG" else None
        if found is None:
            continue
        at = e.start + found.start("name")
        name = text[at:e.end]
        if at in starts or len(name) < 2:
            continue
        out.append(EntitySpan(at, e.end, name, name, "ORG", e.prefix, None))
        starts.add(at)
    return out
