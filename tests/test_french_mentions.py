"""French mentions nested in longer names (pipeline.nlp.french_mentions, twenty-ninth session): a body inside
another body's long name, and a feature, a road or a crossing named by its noun and a place. All sentences are
written for these tests."""

from __future__ import annotations

from conftest import resolved_in
from pipeline.nlp import french


def _mentions(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.name, e.label) for e in french.analyse_paragraphs([("p", text)])[0].entities]


# ------------------------------------------------------------------------------------ bodies in bodies

def test_a_university_inside_an_institute_s_name_is_a_body_of_its_own():
    """"l'Institut X de l'Université Y de Z": the university is an organisation a reader looks for too; the
    institute's whole name stays, and so does the town."""
    found = _mentions("Selon Claire Dumont, chercheuse à l'Institut Jean Monnet de l'Université libre de Namur, "
                      "la trêve tiendra.")
    texts = {(t, label) for t, _, label in found}
    assert ("Institut Jean Monnet de l'Université libre de Namur", "ORG") in texts
    assert ("Université libre de Namur", "ORG") in texts


def test_a_ministry_inside_a_directorate_s_name_is_a_body_of_its_own():
    found = _mentions("La Direction générale de la protection civile du Ministère de l'Intérieur du Bénin "
                      "a confirmé le bilan.")
    assert ("Ministère de l'Intérieur du Bénin", "ORG") in {(t, label) for t, _, label in found}


def test_a_body_stops_before_the_outer_name_s_bracket():
    """The bracketed acronym after the long name is the outer body's: the inner one ends before it."""
    found = _mentions("Le Bureau de liaison de la Commission de la Cédéao au Togo (BLCT) a salué l'accord.")
    assert ("Commission de la Cédéao au Togo", "ORG") in {(t, label) for t, _, label in found}


def test_no_inner_body_in_a_name_the_gazetteer_knows():
    """A body the gazetteer names whole (MONUSCO's long name) has no made-up body inside it."""
    found = _mentions("La Mission de l'Organisation des Nations unies pour la stabilisation en République "
                      "démocratique du Congo a quitté Bunia.")
    assert not any(t.startswith("Organisation des Nations unies pour") for t, _, _ in found)


def test_no_inner_body_without_a_head_noun():
    """"de la Paix" names no body: only a head noun of the list (Université, Ministère, Commission ...) opens one."""
    found = _mentions("Le Festival international de la Paix de Goma a été annulé.")
    assert not any(t.startswith("Paix") for t, _, _ in found)


def test_an_inner_body_does_not_change_who_speaks():
    """Added after the statements are found: the speaker stays the outer body, not the ministry inside its name."""
    text = ("Le Service de presse du Ministère de la Défense du Tchad a déclaré que le cessez-le-feu avec les "
            "rebelles serait respecté dans tout le pays.")
    resolved = resolved_in("fr", french, [text])
    assert any(m.text == "Ministère de la Défense du Tchad" and m.label == "ORG" for m in resolved.mentions)
    assert resolved.statements
    assert all(s.speaker != "Ministère de la Défense du Tchad" for s in resolved.statements)


# ------------------------------------------------------------------------------------ features of places

def test_a_valley_and_a_road_named_by_a_place_are_features():
    """"la vallée de la X", "la route de Y": the whole phrase is a LOC mention; the place name keeps its own."""
    found = _mentions("Des frappes ont touché la vallée de la Kamsar et la route de Dabola mardi.")
    texts = {(t, label) for t, _, label in found}
    assert ("vallée de la Kamsar", "LOC") in texts
    assert ("route de Dabola", "LOC") in texts
    assert any(t == "Dabola" for t, _, _ in found)


def test_a_crossing_and_a_pass_are_features():
    found = _mentions("Les camions attendent au poste-frontière de Gaya, faute d'accès par le col de Tizi.")
    texts = {(t, label) for t, _, label in found}
    assert ("poste-frontière de Gaya", "LOC") in texts
    assert ("col de Tizi", "LOC") in texts


def test_a_feature_the_model_missed_is_read_from_its_noun():
    """"la vallée de l'Omo": the model tags nothing; the noun of a natural feature says the phrase and the name
    are a feature (LOC). After a crossing's noun the name is labelled as any bare place name (a town, GPE)."""
    found = {(t, label) for t, _, label in _mentions("Les déplacés ont fui vers la vallée de l'Omo et les "
                                                      "collines de Tanda Nord.")}
    assert {("vallée de l'Omo", "LOC"), ("Omo", "LOC"), ("collines de Tanda Nord", "LOC"),
            ("Tanda Nord", "LOC")} <= found
    found = {(t, label) for t, _, label in _mentions("Le convoi a franchi le poste frontière d'Adré hier.")}
    assert {("poste frontière d'Adré", "LOC"), ("Adré", "GPE")} <= found


def test_a_feature_s_name_stops_at_the_first_lower_case_word():
    found = _mentions("Les déplacés ont fui vers la vallée de l'Omo et les camps voisins.")
    assert ("vallée de l'Omo", "LOC") in {(t, label) for t, _, label in found}
    assert not any("Omo et" in t for t, _, _ in found)


def test_plural_features_are_features_too():
    found = _mentions("Les combats ont repris sur les hauts plateaux de Minembwe, près de la frontière.")
    assert ("hauts plateaux de Minembwe", "LOC") in {(t, label) for t, _, label in found}


def test_no_feature_where_the_noun_is_not_a_feature_s():
    """"à la place de la France" is no square: "place" is not among the nouns."""
    found = _mentions("Le Maroc a été invité à la place de la France au sommet de Dakar.")
    assert not any(t.startswith("place") for t, _, _ in found)


# ------------------------------------------------------------------------------------ well-known features (data)

def test_mountains_parks_and_deserts_named_alone_are_features():
    """data/features_multilingual.txt: "le Hermon", "les Virunga", "le Ténéré" are no towns (LOC)."""
    found = _mentions("Les rebelles tiennent le Ruwenzori, les Virunga et le Ténéré, près du Hermon.")
    labels = {t: label for t, _, label in found}
    assert labels.get("Virunga") == "LOC"
    assert labels.get("Ténéré") == "LOC"
    assert labels.get("Hermon") == "LOC"
    assert labels.get("Ruwenzori") == "LOC"


def test_parts_of_continents_are_broad_areas():
    """data/gazetteer_multilingual.jsonl: "l'Afrique australe", "l'Amérique centrale", "la péninsule arabique"
    are areas (LOC) with the English pipeline's names."""
    found = _mentions("L'accord inquiète l'Afrique australe, l'Amérique centrale et la péninsule arabique.")
    assert {("Southern Africa", "LOC"), ("Central America", "LOC"), ("Arabian Peninsula", "LOC")} <= {
        (name, label) for _, name, label in found}


# ------------------------------------------------------------------------------------ more heads of bodies (data)

def test_a_chamber_a_collective_and_a_directorate_open_a_body_s_name():
    """data/org_heads_fr.txt: "la Chambre des représentants", "le Collectif des familles de disparus", "la
    Direction de la surveillance du territoire" are bodies whole, not a place cut after "des", a town or nothing."""
    found = _mentions("Le Haut Conseil d'État et la Chambre des représentants libyenne se sont réunis.")
    assert any(t.startswith("Chambre des représentants") and label == "ORG" for t, _, label in found)
    assert not any(label == "LOC" and t.startswith("Chambre") for t, _, label in found)
    found = _mentions("Les observateurs de la Ligue arabe et du Collectif des familles de disparus ont réagi.")
    assert ("Collectif des familles de disparus", "ORG") in {(t, label) for t, _, label in found}
    found = _mentions("Un rapport de la Direction de la surveillance du territoire et de la Gendarmerie royale "
                      "a été publié.")
    assert ("Direction de la surveillance du territoire", "ORG") in {(t, label) for t, _, label in found}


# ------------------------------------------------------------------------------------ a name after its kind

def test_a_party_read_with_its_kind_word_is_named_alone_too():
    """"le parti Pastef": the model's span holds the kind word; the party is also "Pastef", and the longer
    mention stays."""
    found = _mentions("Le parti Pastef et l'Union pour la République ont voté contre.")
    texts = {(t, label) for t, _, label in found}
    assert ("Pastef", "ORG") in texts
    assert ("parti Pastef", "ORG") in texts


def test_no_name_after_a_kind_word_in_a_capitalised_name():
    """"Parti démocratique gabonais": a head written with its capital is the name's own word, nothing to split."""
    found = _mentions("Le Parti démocratique gabonais a salué la trêve.")
    assert not any(t.startswith("démocratique") for t, _, _ in found)


# ------------------------------------------------------------------------------------ two bodies coordinated

def test_two_bodies_joined_by_et_de_la_are_two_names():
    """"la Compagnie X de Y et de la Fédération Z": the model ends the first span on "et de la"; the second opens
    on a body's head, so they are two bodies, not one name run on over both."""
    found = {(t, label) for t, _, label in _mentions(
        "Les agents de la Compagnie minière de Kibali et de la Fédération syndicale de Kolwezi sont en grève.")}
    assert ("Compagnie minière de Kibali", "ORG") in found
    assert ("Fédération syndicale de Kolwezi", "ORG") in found


def test_a_remit_coordinated_inside_a_ministry_s_name_stays_one_name():
    found = _mentions("Le ministère de l'Intérieur et de la Sécurité publique a démenti.")
    assert ("ministère de l'Intérieur et de la Sécurité publique", "ORG") in {(t, label) for t, _, label in found}
