"""Cross-article dedup in the loader: near-duplicates, per-host boilerplate found late, stories, any arrival order."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from pipeline.dedup.exact import content_hash, dedup_paragraphs
from pipeline.dedup.neardup import MinHasher, best_matches, jaccard, shingle_set
from pipeline.load import load_staged
from pipeline.options import DedupOptions, NearDupParams
from pipeline.records import Extracted, FeedEntry, FetchResult, ProcessedArticle
from pipeline.store.core import connect
from pipeline.store.staging import stage_articles

VOCAB = ["the", "talks", "in", "Geneva", "resumed", "on", "Monday", "after", "mediators", "from", "Qatar", "and", "Egypt", "pressed", "both", "delegations", "to", "accept", "a", "phased", "truce", "that", "would", "begin", "with", "a", "pause", "in", "shelling", "around", "the", "eastern", "villages", "while", "monitors", "from", "the", "council", "verify", "withdrawals", "prisoners", "are", "exchanged", "and", "aid", "convoys", "reach", "the", "capital", "officials", "said", "negotiators", "remained", "divided", "over", "guarantees", "sequencing", "and", "who", "would", "police", "the", "line"]


def para(seed: int, n: int = 30) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(n)).capitalize() + "."


CHROME = "Support independent journalism: subscribe to the Example Gazette from one pound a week and read without limits."


def article(aid: str, paragraphs: list[str], host: str = "gazette.example", day: int = 1) -> ProcessedArticle:
    url = f"http://{host}/{aid}"
    at = datetime(2026, 11, day, 12, tzinfo=UTC)
    entry = FeedEntry("f", aid, url, url, aid, aid, None, None, at, None)
    occurrences, text = dedup_paragraphs(paragraphs)
    fetch = FetchResult(url, at, final_url=url, http_status=200)
    extracted = Extracted(status="ok", text_source="extracted", paragraphs=tuple(paragraphs))
    return ProcessedArticle(entry, fetch, "ok", extracted, occurrences, text or None, content_hash(text))


def load(con, articles, run_id=1, **options):
    return load_staged(con, stage_articles(articles), run_id, dedup=DedupOptions(**options))


def snapshot(con) -> dict:
    return {
        "text": con.execute("SELECT article_id, text, boilerplate_count FROM articles ORDER BY 1").fetchall(),
        "occ": con.execute("SELECT article_id, position, boilerplate, text_start, text_end FROM article_paragraphs "
                           "ORDER BY 1, 2").fetchall(),
        "boilerplate": con.execute("SELECT host, paragraph_id, article_count FROM host_boilerplate ORDER BY 1, 2").fetchall(),
        "stories": con.execute("SELECT article_id, story_id FROM articles ORDER BY 1").fetchall(),
        "story_rows": con.execute("SELECT story_id, article_count, outlets FROM stories ORDER BY 1").fetchall(),
        "lsh": con.execute("SELECT count(*) FROM paragraph_lsh").fetchall(),
    }


# ------------------------------------------------------------------------------------------ MinHash / LSH


def test_signatures_are_stable_across_instances_and_similar_paragraphs_share_a_bucket():
    a = para(1, 40)
    words = a.split()
    words[10] = "ceasefire"  # one word changed
    b = " ".join(words)
    one, two = MinHasher(), MinHasher()
    sig = one.signatures([a, b, para(2, 40)])
    assert (sig == two.signatures([a, b, para(2, 40)])).all()  # stable: the index outlives the process
    buckets = one.buckets(sig)
    assert set(buckets[0]) & set(buckets[1])  # near-duplicates meet in a bucket
    assert not set(buckets[0]) & set(buckets[2])  # unrelated text does not
    assert jaccard(shingle_set(a, 3), shingle_set(b, 3)) >= NearDupParams().threshold


def test_best_match_links_to_the_root_and_respects_the_threshold():
    base = para(3, 40)
    near = base.replace(base.split()[5], "envoy", 1)
    far = para(4, 40)
    roots = {"root": "root", "child": "root"}
    texts = {"root": base, "child": near}
    matches = best_matches([("new", near), ("other", far)], {"new": ["child"], "other": ["root"]}, texts, roots)
    assert [(m.paragraph_id, m.canonical_id) for m in matches] == [("new", "root")]
    assert matches[0].similarity == 1.0  # identical to the child it matched


def test_short_paragraphs_are_not_indexed():
    from pipeline.dedup.neardup import index_keys

    (short, _), (long, _) = index_keys(["Share this story", para(5, 12)])
    assert short < NearDupParams().min_words  # the loader indexes a paragraph only from min_words words
    assert long >= NearDupParams().min_words


# ------------------------------------------------------------------------------------------ loader


def test_near_duplicate_across_articles_is_linked_with_its_similarity(tmp_path):
    base = para(10, 40)
    words = base.split()
    words[7], words[20] = "envoy", "convoy"
    edited = " ".join(words)
    with connect(tmp_path / "n.duckdb") as con:
        load(con, [article("a", [base, para(11)], host="one.example")])
        load(con, [article("b", [edited, para(12)], host="two.example", day=2)], run_id=2)
        rows = con.execute("SELECT p.text, q.text, p.near_duplicate_similarity FROM paragraphs p "
                           "JOIN paragraphs q ON q.paragraph_id = p.near_duplicate_of").fetchall()
    assert len(rows) == 1 and rows[0][0] == edited and rows[0][1] == base and 0.5 <= rows[0][2] < 1.0


def test_boilerplate_found_later_is_removed_from_earlier_articles(tmp_path):
    with connect(tmp_path / "b.duckdb") as con:
        # chrome at the end of one body and at the top of the other: the edges, where a site prints it
        load(con, [article("a0", [para(100), para(200), CHROME], day=1)], run_id=1)
        load(con, [article("a1", [CHROME, para(101), para(201)], day=2)], run_id=2)
        # two articles: not a pattern yet
        assert all(CHROME in t for (t,) in con.execute("SELECT text FROM articles").fetchall())
        load(con, [article("a2", [para(102), CHROME], day=3)], run_id=3)
        texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
        assert all(CHROME not in t for t in texts.values())
        assert texts["a0"] == f"{para(100)}\n\n{para(200)}"  # rebuilt, nothing else lost
        # still recorded where it was said, flagged
        assert con.execute("SELECT count(*) FROM article_paragraphs WHERE boilerplate").fetchall() == [(3,)]
        assert con.execute("SELECT host, article_count FROM host_boilerplate").fetchall() == [("gazette.example", 3)]
        # offsets of the kept paragraphs follow the rebuilt text
        for text, start, end, ptext in con.execute(
                "SELECT a.text, ap.text_start, ap.text_end, coalesce(ap.text, p.text) FROM article_paragraphs ap "
                "JOIN articles a USING (article_id) JOIN paragraphs p USING (paragraph_id) "
                "WHERE NOT ap.boilerplate").fetchall():
            assert text[start:end] == ptext
        # another site's identical paragraph is not that site's boilerplate
        load(con, [article("x", [para(300), CHROME], host="other.example")], run_id=4)
        assert CHROME in con.execute("SELECT text FROM articles WHERE article_id = 'x'").fetchall()[0][0]


def test_threshold_is_configurable(tmp_path):
    with connect(tmp_path / "t.duckdb") as con:
        for i in range(3):
            load(con, [article(f"a{i}", [para(100 + i), CHROME])], run_id=i + 1, boilerplate_min_articles=4)
        assert con.execute("SELECT count(*) FROM host_boilerplate").fetchall() == [(0,)]
    with pytest.raises(ValueError, match="at least 2"):
        DedupOptions(boilerplate_min_articles=1)


def _corpus():
    wire = [para(500 + i, 45) for i in range(5)]
    edited = list(wire)
    words = edited[1].split()
    words[3] = "envoys"
    edited[1] = " ".join(words)
    return [
        article("w1", [*wire, CHROME], host="wire.example", day=1),
        article("p1", [edited[0], edited[1], edited[2], edited[3], para(600, 40)], host="paper.example", day=2),
        article("p2", wire[:3], host="blog.example", day=3),  # a shortened reprint
        article("w2", [para(700, 40), para(701, 40), CHROME], host="wire.example", day=4),
        article("w3", [para(800, 40), CHROME], host="wire.example", day=5),
        article("z", [para(900, 40), para(901, 40)], host="paper.example", day=6),
    ]


@pytest.mark.slow
def test_results_do_not_depend_on_arrival_order(tmp_path):
    articles = _corpus()
    snapshots = []
    for n, order in enumerate([articles, articles[::-1], [articles[i] for i in (3, 0, 5, 2, 4, 1)]]):
        with connect(tmp_path / f"o{n}.duckdb") as con:
            for i, a in enumerate(order):
                load(con, [a], run_id=i + 1)
            snapshots.append(snapshot(con))
            near = con.execute("SELECT count(*) FROM paragraphs WHERE near_duplicate_of IS NOT NULL").fetchall()
            assert near == [(1,)]
    assert snapshots[0] == snapshots[1] == snapshots[2]
    stories = dict(snapshots[0]["stories"])
    # the wire story, its edited copy and the shortened reprint are one story named after the first publication
    assert stories["w1"] == stories["p1"] == stories["p2"] == "w1"
    assert stories["w2"] == "w2" and stories["z"] == "z"
    assert ("w1", 3, ["blog.example", "paper.example", "wire.example"]) in snapshots[0]["story_rows"]


@pytest.mark.slow
def test_loading_again_changes_nothing(tmp_path):
    articles = _corpus()
    with connect(tmp_path / "i.duckdb") as con:
        load(con, articles, run_id=1)
        before = snapshot(con)
        for i, a in enumerate(articles):
            load(con, [a], run_id=2 + i)
        load(con, articles, run_id=9)
        assert snapshot(con) == before


@pytest.mark.slow
def test_one_batch_and_many_batches_agree(tmp_path):
    articles = _corpus()
    with connect(tmp_path / "one.duckdb") as con:
        load(con, articles)
        together = snapshot(con)
    with connect(tmp_path / "many.duckdb") as con:
        for i, a in enumerate(articles):
            load(con, [a], run_id=i + 1)
        assert snapshot(con) == together


@pytest.mark.slow
def test_shipped_stop_words_are_spacys_lists():
    """pipeline/data/stop_words.txt is spaCy's STOP_WORDS of seven languages, casefolded. After a spaCy upgrade
    regenerate it with the words below (one per line, sorted) and bump NearDupParams.version if they changed."""
    from spacy.lang.de.stop_words import STOP_WORDS as de
    from spacy.lang.en.stop_words import STOP_WORDS as en
    from spacy.lang.es.stop_words import STOP_WORDS as es
    from spacy.lang.fr.stop_words import STOP_WORDS as fr
    from spacy.lang.it.stop_words import STOP_WORDS as it
    from spacy.lang.pt.stop_words import STOP_WORDS as pt
    from spacy.lang.ru.stop_words import STOP_WORDS as ru

    from pipeline.dedup.neardup import stop_words

    assert stop_words() == {w.casefold() for lang in (en, de, es, fr, it, pt, ru) for w in lang}


def test_vectorised_shingle_sets_agree_with_the_plain_definition():
    """The loader scores candidates on hashed shingle sets in one NumPy pass; the scores must be the ones the
    plain definition (sets of word tuples, pipeline.dedup.neardup.shingle_set) gives, for ASCII and other scripts."""
    import numpy as np

    from pipeline.dedup.exact import normalize_paragraph
    from pipeline.dedup.neardup import containment, token_stream, words

    texts = [para(i, n) for i, n in ((1, 40), (2, 12), (3, 3), (4, 1))]
    edited = texts[0].split()
    edited[4:6] = ["“Ceasefire”", "now,"]
    texts += [" ".join(edited), texts[0] + " One more sentence about the talks.", "",
              "Переговоры о прекращении огня возобновились в Женеве в понедельник, заявили посредники.",
              "Переговоры о прекращении огня возобновились в Женеве во вторник, заявили посредники.",
              "Die Waffenruhe in der Region hält seit Montag, teilte das Außenministerium mit.", "and of the in"]
    for t in texts:
        assert token_stream(normalize_paragraph(t)).decode().split() == words(t)
    hasher = MinHasher()
    sets = hasher.shingle_sets(texts)
    left, right = np.array([(i, j) for i in range(len(texts)) for j in range(len(texts))]).T
    got = hasher.similarities(sets, left, right, "containment")
    for i, j, score in zip(left, right, got):
        a, b = shingle_set(texts[i], 2), shingle_set(texts[j], 2)
        if a and b:  # (an empty text is one empty shingle to the hasher: it never reaches the index anyway)
            assert score == pytest.approx(containment(a, b)), (texts[i], texts[j])
    jac = hasher.similarities(sets, left, right, "jaccard")
    for i, j, score in zip(left, right, jac):
        a, b = shingle_set(texts[i], 2), shingle_set(texts[j], 2)
        if a and b:
            assert score == pytest.approx(jaccard(a, b))


def test_an_index_of_the_old_hash_is_rebuilt_by_reprocess(tmp_path):
    """Databases indexed before migration 0008 (64-bit buckets of CRC-32 word hashes) start a new index: after
    `newsdesk reprocess --stages dedup` a new edited copy of an old paragraph is found again."""
    from pipeline.run.reprocess import ReprocessOptions, run_reprocess

    db = tmp_path / "old.duckdb"
    base = para(40, 40)
    with connect(db) as con:
        load(con, [article("a", [base, para(41)], host="one.example")])
        # the file as a loader before migration 0008 left it: 64-bit buckets by paragraph id, the old version
        con.execute("DROP TABLE paragraph_lsh")
        con.execute("CREATE TABLE paragraph_lsh (bucket BIGINT NOT NULL, paragraph_id VARCHAR NOT NULL)")
        con.execute("INSERT INTO paragraph_lsh SELECT (hash(paragraph_id || i) >> 1)::BIGINT, paragraph_id "
                    "FROM paragraphs, range(32) t(i)")
        con.execute("ALTER TABLE paragraphs DROP COLUMN lsh_key")
        con.execute("UPDATE paragraphs SET lsh_version = 'w2-b32r2-s20261126'")
        con.execute("DELETE FROM schema_migrations WHERE version = 8")
    with connect(db) as con:  # migration 0008
        assert con.execute("SELECT count(*) FROM paragraph_lsh").fetchall() == [(0,)]
        assert con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = 'paragraph_lsh' "
                           "AND column_name = 'bucket'").fetchall() == [("INTEGER",)]
    summary = run_reprocess(ReprocessOptions(db_path=db, stages=frozenset({"dedup"}), workers=1))
    assert summary.articles_reprocessed == 1
    words = base.split()
    words[3] = "envoy"
    with connect(db) as con:
        assert con.execute("SELECT count(DISTINCT lsh_version) FROM paragraphs").fetchall() == [(1,)]
        load(con, [article("b", [" ".join(words)], host="two.example", day=2)], run_id=2)
        linked = con.execute("SELECT q.text FROM paragraphs p JOIN paragraphs q ON q.paragraph_id = p.near_duplicate_of"
                             ).fetchall()
    assert linked == [(base,)]


def test_index_keys_made_by_the_worker_are_the_loaders_own(tmp_path, monkeypatch):
    """Extraction workers stage each paragraph's LSH buckets (pipeline.run.process.with_index_keys), so the single
    loader does not hash them again; the index and the links must be exactly those the loader would make."""
    from dataclasses import replace

    from pipeline.dedup.neardup import MinHasher
    from pipeline.run.process import with_index_keys

    base = para(50, 40)
    words = base.split()
    words[9] = "envoy"
    batches = [[article("a", [base, para(51), "Short one.", base], host="one.example")],
               [article("b", [" ".join(words), para(52)], host="two.example", day=2)]]
    keyed = [[replace(a, occurrences=with_index_keys(a.occurrences)) for a in batch] for batch in batches]
    staged = stage_articles(keyed[0]).tables["paragraphs"]
    assert staged.column("lsh_buckets").null_count == 0 and staged.num_rows == 3  # first occurrences only
    assert staged.column("lsh_words").to_pylist() == [40, 30, 2]

    def snapshot_index(con):
        return (con.execute("SELECT bucket, lsh_key FROM paragraph_lsh ORDER BY ALL").fetchall(),
                con.execute("SELECT paragraph_id, near_duplicate_of, near_duplicate_similarity, lsh_version, lsh_key "
                            "FROM paragraphs ORDER BY 1").fetchall())

    with connect(tmp_path / "hashed_by_loader.duckdb") as con:
        for run, batch in enumerate(batches, 1):
            load(con, batch, run_id=run)
        expected = snapshot_index(con)
    with monkeypatch.context() as m:
        m.setattr(MinHasher, "hash", lambda *a, **k: pytest.fail("the loader hashed a paragraph the worker had keyed"))
        with connect(tmp_path / "keyed_by_worker.duckdb") as con:
            for run, batch in enumerate(keyed, 1):
                load(con, batch, run_id=run)
            assert snapshot_index(con) == expected
    assert len(expected[0]) == 32 * 4 and sum(1 for r in expected[1] if r[1]) == 1  # 4 indexable, 1 link
    from pipeline.dedup.crossdedup import lsh_key

    assert all(row[4] == lsh_key(row[0]) for row in expected[1])  # the loader's SQL names them as Python does


def test_in_batch_candidates_are_the_pairs_sharing_enough_buckets():
    """The loader finds candidates inside one load by sorting its buckets; it must list exactly the pairs a
    brute-force comparison lists (min_bands shared buckets, the max_candidates sharing most, ties by row)."""
    import numpy as np

    from pipeline.dedup.crossdedup import _in_batch_candidates

    rng = np.random.default_rng(5)
    params = NearDupParams(max_candidates=3)
    buckets = rng.integers(0, 50_000, size=(300, params.bands), dtype=np.int32)
    for later, earlier, shared in ((10, 3, 2), (11, 3, 5), (12, 11, 1), (200, 100, 32)):
        buckets[later, :shared] = buckets[earlier, :shared]
    for later in range(20, 26):  # one row copied by six later ones: the top three of each by shared buckets
        buckets[later, : later - 15] = buckets[19, : later - 15]
    expected = []
    for a in range(len(buckets)):
        shared = [(-int((buckets[a][:, None] == buckets[b][None, :]).sum()), b) for b in range(a)]
        expected += [(a, b) for n, b in sorted(s for s in shared if -s[0] >= params.min_bands)[: params.max_candidates]]
    got = _in_batch_candidates(buckets, params)
    assert sorted(got) == sorted(expected)
    assert (11, 3) in got and (12, 11) not in got and (200, 100) in got


@pytest.mark.slow
def test_one_hasher_shared_by_threads_gives_each_the_same_keys():
    """With one worker the extraction pool runs in the fetch threads, all sharing one hasher: its lazily grown
    tables must never be seen half-replaced (a race that cost articles as extract_error, caught by the crash
    test under load)."""
    import threading

    import numpy as np

    texts = [para(i, 30 + i % 50) for i in range(200)]
    expected = MinHasher().hash(texts)[0]
    for _ in range(20):
        hasher = MinHasher()  # fresh: its tables grow on first use, from several threads at once
        start = threading.Barrier(6)
        results: list = []

        def work(hasher=hasher, start=start, results=results):
            start.wait()
            try:
                results.append(hasher.hash(texts)[0])
            except Exception as exc:  # noqa: BLE001 (reported below with the others)
                results.append(exc)

        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(isinstance(r, np.ndarray) and (r == expected).all() for r in results), results
