"""A paragraph's analysis reads the paragraph before it in its own article, never a batch neighbour: the rules
that carry the truce from one paragraph to the next must give the same result in the pipeline's chunks as on
the article alone, or a cached analysis would depend on what happened to share its batch."""

from __future__ import annotations

import pytest

from pipeline.nlp.analyse import analyse_paragraphs
from pipeline.nlp.lexicon import load_lexicon
from pipeline.nlp.stage import article_chunks, context_keys

ON_TOPIC = "The three-day truce around Velora collapsed on Sunday night when artillery fire resumed."
QUOTE = "\u201cWe will hold our lines and answer every shot,\u201d said General Mirela Castan of the northern command."
OTHER = "The regional council met on Friday to discuss school repairs and a new bus route."
SECOND = "Farmers in the valley said the harvest had been the best in a decade."


def _statements(analysis):
    return [(s.start, s.end, s.evidence) for s in analysis.statements]


def _todo(articles, pids):
    """The (paragraph id, context key) pairs of ``pids`` as the stage asks for them."""
    return {(pid, key) for paragraphs in articles for (pid, _), key in zip(paragraphs, context_keys(paragraphs, None))
            if pid in pids}


def _items(chunks):
    return [(c.items, c.breaks, c.context, c.names) for c in chunks]


def test_chunks_follow_articles_and_carry_the_paragraph_before():
    articles = [[("a", "A"), ("b", "B"), ("c", "C")], [("d", "D"), ("e", "E")]]
    assert _items(article_chunks(articles, _todo(articles, "abcde"), 10)) == [
        ([("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "E")], (0, 3), (), ())]
    # b and d were analysed on an earlier pass: c and e come with them as their paragraph before, read, not kept
    assert _items(article_chunks(articles, _todo(articles, "ce"), 10)) == [
        ([("b", "B"), ("c", "C"), ("d", "D"), ("e", "E")], (0, 2), (0, 2), ())]
    # a chunk cut inside an article starts again with the paragraph before
    assert _items(article_chunks(articles, _todo(articles, "abc"), 2)) == [
        ([("a", "A"), ("b", "B")], (0,), (), ()), ([("b", "B"), ("c", "C")], (0,), (0,), ())]


def test_a_shared_paragraph_is_analysed_once_per_context():
    # after the same paragraph: analysed once, with the first article
    copies = [[("a", "A"), ("s", "S")], [("a", "A"), ("s", "S"), ("d", "D")]]
    (chunk,) = article_chunks(copies, _todo(copies, "asd"), 10)
    assert [pid for i, (pid, _) in enumerate(chunk.items) if i not in chunk.context] == ["a", "s", "d"]
    # the second article's own paragraph opens a part of it, after its paragraph before as a context item: run
    # straight on from the first article's copy, the worker would read the two articles as one
    assert chunk.items == [("a", "A"), ("s", "S"), ("s", "S"), ("d", "D")]
    assert chunk.breaks == (0, 2) and chunk.context == (2,)
    # after another paragraph: analysed in each article, each with its own key
    shared = [[("a", "A"), ("s", "S")], [("d", "D"), ("s", "S")]]
    (chunk,) = article_chunks(shared, _todo(shared, "asd"), 10)
    assert chunk.items == [("a", "A"), ("s", "S"), ("d", "D"), ("s", "S")] and chunk.breaks == (0, 2)
    assert chunk.keys[1] != chunk.keys[3] and chunk.returned_keys() == list(chunk.keys)
    assert context_keys(shared[0], None)[1] == chunk.keys[1]


def test_an_article_boundary_hides_the_other_articles_paragraph():
    alone = analyse_paragraphs([("q", QUOTE), ("o", SECOND)])
    # the same quote right after a paragraph about the truce speaks of it: the rules see the difference
    after_truce = analyse_paragraphs([("t", ON_TOPIC), ("q", QUOTE), ("o", SECOND)])
    assert _statements(after_truce[1]) != _statements(alone[0])
    # but when the paragraph about the truce ends another article, the quote is read as on the article alone
    batched = analyse_paragraphs([("x", OTHER), ("t", ON_TOPIC), ("q", QUOTE), ("o", SECOND)], breaks=(2,))
    assert [a.paragraph_id for a in batched] == ["x", "t", "q", "o"]
    assert _statements(batched[2]) == _statements(alone[0])
    assert batched[2].entities == alone[0].entities


def test_context_items_are_read_and_not_returned():
    after_truce = analyse_paragraphs([("t", ON_TOPIC), ("q", QUOTE)])
    only_quote = analyse_paragraphs([("t", ON_TOPIC), ("q", QUOTE)], context=(0,))
    assert [a.paragraph_id for a in only_quote] == ["q"]
    assert _statements(only_quote[0]) == _statements(after_truce[1])


# An article that gives its truce an acronym in its first paragraph and uses it two paragraphs later.
NAMED = ("The Lakeshore Cessation of Hostilities Agreement (LCoHA) signed in Arusha in May ended a year of "
         "fighting along the shore, the mediators said.")
FILLER = "Trade across the lake has picked up, and the ferries run twice a day."
LATER = "Both armies told the monitors on Friday that they still considered the LCoHA binding."


def _chunked(articles, size):
    """The analyses of ``articles`` as the stage makes them: chunks of ``size`` paragraphs, one call each."""
    lexicon = load_lexicon()
    todo = {(pid, key) for paragraphs in articles for (pid, _), key in zip(paragraphs, context_keys(paragraphs, lexicon))}
    out = {}
    for chunk in article_chunks(articles, todo, size, lexicon):
        for analysis in analyse_paragraphs(chunk.items, breaks=chunk.breaks, context=chunk.context,
                                           names=dict(chunk.names)):
            out[analysis.paragraph_id] = analysis
    return out


def test_a_truce_acronym_reaches_the_article_part_its_batch_cut_off():
    article = [("n", NAMED), ("f", FILLER), ("l", LATER)]
    alone = _chunked([article], 3)
    # a one-paragraph article before it moves the chunk's cut between the filler and the later paragraph
    with_neighbour = _chunked([[("o", OTHER)], article], 3)
    assert _statements(alone["l"]), "the acronym names the truce"
    assert _statements(with_neighbour["l"]) == _statements(alone["l"])
    # the same when the article's start was analysed on an earlier pass (only the later paragraph is new)
    keys = context_keys(article, load_lexicon())
    cached_start = article_chunks([article], {("l", keys[2])}, 10, load_lexicon())
    assert _items(cached_start) == [([("f", FILLER), ("l", LATER)], (0,), (0,), ((0, ("LCoHA",)),))]
    # and its key says so: the same paragraphs in an article that did not define the name are another context
    assert context_keys([("o", OTHER), ("f", FILLER), ("l", LATER)], load_lexicon())[2] != keys[2]


# Document-level rules read further than the paragraph before: an opinion column's byline gives its paragraphs
# about the truce the author's voice, an interview printed without labels needs a second question-and-answer pair
# before its answers count as the interviewee's. Neither a batch neighbour nor the part of the article a batch holds
# may change what they find (issues #14/#20).
BYLINE = "By Ana Ruiz."
SHELLING = "The shelling around Velora has killed dozens this month, and the fighting has spread to the villages."
RENEW = "The truce between the army and the rebels must be renewed before the harvest."
ARGUED = "Both positions are understandable. Neither is sustainable."
MARKET = "Artillery fire hit the market twice on Monday."
COLUMN = [("b1", BYLINE), ("b2", SHELLING), ("b3", RENEW), ("b4", ARGUED)]
NEWS = [("a1", ON_TOPIC), ("a2", ARGUED), ("a3", MARKET)]

ASKED = "The truce in the north has held for a week, and we asked the rebel commander Tomas Reyk about it."
INTERVIEW = [("i0", ASKED), ("q1", "Will you keep to the truce?"),
             ("r1", "We will keep our word as long as the army keeps its own."),
             ("f", "The commander spoke from a village near the front line."),
             ("q2", "What happens after the harvest?"), ("r2", "We will go home and plant again, and our men will rest.")]


def _staged(passes, size=200):
    """The statements of each article of the last pass, as the stage finds them over ``passes`` (lists of articles)
    that share one cache: each pass analyses only the (paragraph, context key) pairs not cached yet, in chunks of
    ``size``, and reads the others from the cache."""
    lexicon = load_lexicon()
    cache = {}
    for articles in passes:
        keys = [context_keys(paragraphs, lexicon) for paragraphs in articles]
        todo = {(pid, key) for paragraphs, ks in zip(articles, keys) for (pid, _), key in zip(paragraphs, ks)
                if (pid, key) not in cache}
        for chunk in article_chunks(articles, todo, size, lexicon):
            found = analyse_paragraphs(chunk.items, breaks=chunk.breaks, context=chunk.context, names=dict(chunk.names))
            cache.update(((a.paragraph_id, key), a) for a, key in zip(found, chunk.returned_keys()))
    return [[(s.text, s.speaker_text, s.stance) for (pid, _), key in zip(paragraphs, ks)
             for s in cache[(pid, key)].statements] for paragraphs, ks in zip(articles, keys)]


def test_a_neighbour_article_in_the_chunk_changes_no_document_level_rule():
    (alone,) = _staged([[NEWS]])
    assert not any(text == "Neither is sustainable." for text, _, _ in alone), "a news report has no author's voice"
    # the column's byline, before or after the report in one chunk, must not lend the report its author's voice
    assert _staged([[COLUMN, NEWS]])[1] == alone
    assert _staged([[NEWS, COLUMN]])[0] == alone


def test_an_article_gets_the_same_statements_whatever_part_of_it_was_cached():
    (whole,) = _staged([[INTERVIEW]])
    assert any(text.startswith("We will keep our word") for text, _, _ in whole), "the interviewee's answer"
    # a first pass saw a shorter version (one question and answer: no interview yet), the second the whole one
    assert _staged([[INTERVIEW[:3]], [INTERVIEW]]) == [whole]
    # or the batch cut it: a chunk of two paragraphs
    assert _staged([[INTERVIEW]], size=2) == [whole]
    # the column too, its first paragraphs cached on an earlier pass
    (column,) = _staged([[COLUMN]])
    assert _staged([[COLUMN[:2]], [COLUMN]]) == [column]
    assert _staged([[COLUMN]], size=1) == [column]


# French and Russian: an interview printed without labels, whose answers are the interviewee's only after a short
# question (multilingual.interview_parts reads the paragraph before). A batch neighbour that ends on a question,
# or a shared paragraph analysed first in another article, must not change what an article gets (issue #20).
FR_INTERVIEW = [
    ("f0", "Le chef rebelle Marc Olier a reçu notre envoyé dans un village près du front, où la trêve tient depuis "
           "une semaine."),
    ("f1", "Allez-vous respecter la trêve ?"),
    ("f2", "Nous tiendrons parole tant que l'armée tient la sienne."),
    ("f3", "Et après la récolte ?"),
    ("f4", "Nous rentrerons chez nous et nos hommes se reposeront.")]
FR_ASKS = [("o0", "Le conseil régional s'est réuni vendredi pour parler des écoles."),
           ("o1", "Que fera la mairie cet été ?")]
RU_INTERVIEW = [
    ("r0", "Командир повстанцев Марк Олиев принял нашего корреспондента в селе у линии фронта, где перемирие "
           "держится неделю."),
    ("r1", "Будете ли вы соблюдать перемирие?"),
    ("r2", "Мы сдержим слово, пока армия держит своё."),
    ("r3", "А что после урожая?"),
    ("r4", "Мы вернёмся домой, и наши люди отдохнут.")]
RU_ASKS = [("p0", "Областной совет в пятницу обсудил ремонт школ."), ("p1", "Что будет делать мэрия летом?")]


def _staged_in(language, passes, size=200):
    """``_staged`` for a French or Russian batch: the stage's keys and chunks, the worker's ``analyse_in``."""
    return [[(s.text, s.speaker_text, s.stance) for a in analyses for s in a.statements]
            for analyses in _analyses_in(language, passes, size)]


def _analyses_in(language, passes, size=200):
    """The analyses of each article of the last pass, as :func:`_staged_in` makes them (statements, the
    attributions the resolver gives them a speaker with, entities)."""
    from pipeline.nlp.multilingual import analyse_in

    cache = {}
    for articles in passes:
        keys = [context_keys(paragraphs, None, language) for paragraphs in articles]
        todo = {(pid, key) for paragraphs, ks in zip(articles, keys) for (pid, _), key in zip(paragraphs, ks)
                if (pid, key) not in cache}
        for chunk in article_chunks(articles, todo, size, None, language):
            found = analyse_in(language, chunk.items, breaks=chunk.breaks, context=chunk.context,
                               continued=chunk.continued)
            assert [a.paragraph_id for a in found] == [pid for i, (pid, _) in enumerate(chunk.items)
                                                        if i not in chunk.context]
            cache.update(((a.paragraph_id, key), a) for a, key in zip(found, chunk.returned_keys()))
    return [[cache[(pid, key)] for (pid, _), key in zip(paragraphs, ks)] for paragraphs, ks in zip(articles, keys)]


@pytest.mark.parametrize(("language", "interview", "asks"), [("fr", FR_INTERVIEW, FR_ASKS),
                                                             ("ru", RU_INTERVIEW, RU_ASKS)])
def test_a_french_or_russian_neighbour_article_changes_nothing(language, interview, asks):
    from pipeline.nlp.multilingual import analyse_in

    tail = interview[2:]  # an article that opens on the interview's first answer: no question before it
    (alone,) = _staged_in(language, [[tail]])
    # the rule sees the paragraph before: right after a neighbour's question the answer reads as one
    assert [a.statements for a in analyse_in(language, asks + tail)][2:] != \
        [a.statements for a in analyse_in(language, tail)]
    # in one batch after that neighbour, or cut into chunks, the article gets what it gets alone
    assert _staged_in(language, [[asks, tail]])[1] == alone
    assert _staged_in(language, [[asks, tail]], size=2)[1] == alone
    # the whole interview: its answers are the interviewee's, whatever shares its batch or its cache
    (whole,) = _staged_in(language, [[interview]])
    assert any(text == interview[2][1] for text, _, _ in whole), "the interviewee's answer"
    assert _staged_in(language, [[asks, tail, interview]])[2] == whole
    assert _staged_in(language, [[interview[:3]], [interview]]) == [whole]
    assert _staged_in(language, [[interview]], size=2) == [whole]
    # two articles sharing the answers after different paragraphs: each gets its own reading, in either order
    assert _staged_in(language, [[interview, tail]]) == [whole, alone]
    assert _staged_in(language, [[tail, interview]]) == [alone, whole]
    assert _staged_in(language, [[interview], [tail]])[0] == alone


# Two articles that share a run of paragraphs (a wire paragraph and the one after it), the second's copy of the
# shared paragraph analysed on an earlier pass: the second article's next paragraph is new, and the paragraph before
# it, in the same context, is the chunk's last item — but that item is the FIRST article's. Without a break between
# them the worker reads the two as one article: an interview's question in the first pairs with a first-person
# paragraph in the second, and a lone question-and-answer aside in the first becomes an interview (issue #20).
FR_ASIDE = [("q1", "Le cessez-le-feu va-t-il tenir ?"),
            ("a1", "Nous pensons que la trêve tiendra si l'armée retire ses blindés."),
            ("w", "Les négociations reprendront lundi à Genève, selon le ministère."),
            ("x", "Faut-il craindre une reprise des combats ?")]
FR_SHARES = [FR_ASIDE[2], FR_ASIDE[3], ("p", "Nous ne croyons pas aux promesses de l'armée, cette trêve ne durera pas.")]


def _every_batch(staged, first, second):
    """``first``'s statements as the stage finds them alone and in every batch with ``second``: in either order,
    cut by every chunk size, and after ``second``'s opening paragraph was analysed on an earlier pass."""
    out = [staged([[first]])[0], staged([[first, second]])[0], staged([[second, first]])[1],
           staged([[second[:1]], [first, second]])[0], staged([[second[:1]], [second, first]])[1]]
    for size in range(1, len(first) + len(second) + 1):
        out.append(staged([[second[:1]], [first, second]], size=size)[0])
        out.append(staged([[first, second]], size=size)[0])
    return out


def test_a_french_article_is_not_read_on_into_the_next_one_sharing_its_last_paragraphs():
    from pipeline.nlp.multilingual import document_shaped

    assert not document_shaped([t for _, t in FR_ASIDE], "fr") and not document_shaped([t for _, t in FR_SHARES], "fr")
    alone, *batched = _every_batch(lambda passes, size=200: _staged_in("fr", passes, size), FR_ASIDE, FR_SHARES)
    assert any(text == FR_ASIDE[0][1] for text, _, _ in alone), "a lone question is no interview's: a statement"
    assert all(found == alone for found in batched)
    (other,) = _staged_in("fr", [[FR_SHARES]])
    assert _staged_in("fr", [[FR_SHARES[:1]], [FR_ASIDE, FR_SHARES]])[1] == other


# English: a live blog needs two time-stamped entries, and carries the truce to an entry that does not name it; one
# entry in each article must not make their run a blog
EN_ENTRY = [("t", "The truce in the north held overnight for the first time since March, the army said."),
            ("e1", "09:12 \u2014 A UN official said the crossing at Velora would reopen on Tuesday."),
            ("w", "Talks between the two delegations will resume in Geneva on Monday."),
            ("x", "Shops in the old town reopened for a few hours in the afternoon.")]
EN_SHARES = [EN_ENTRY[2], EN_ENTRY[3], ("p", "14:05 \u2014 Residents said the shelling had stopped after dark.")]


def test_an_english_article_is_not_read_on_into_the_next_one_sharing_its_last_paragraphs():
    from pipeline.nlp.detect import document_shaped

    texts = [t for _, t in EN_ENTRY]
    assert not document_shaped(texts, load_lexicon()) and not document_shaped([t for _, t in EN_SHARES], load_lexicon())
    assert document_shaped([*texts, EN_SHARES[2][1]], load_lexicon()), "read as one, the two entries make a blog"
    alone, *batched = _every_batch(_staged, EN_ENTRY, EN_SHARES)
    assert not any(text.startswith("09:12") for text, _, _ in alone), "one time stamp is no blog"
    assert all(found == alone for found in batched)
    (other,) = _staged([[EN_SHARES]])
    assert _staged([[EN_SHARES[:1]], [EN_ENTRY, EN_SHARES]])[1] == other


# A printed text's announcement ("dans son intégralité", "le communiqué suivant") opens its article: the rule reads
# the first two paragraphs only, so the same words deep in a long report make no document of it (its paragraphs keep
# their own keys, reused when the report grows, and it is chunked by size), and a part cut from further on, which
# opens on such a paragraph, takes it for no preface.
FR_REPORT = [(f"r{i}", f"Les combats ont repris près de Gao le {i + 1} mai, selon des témoins cités par l'AFP.")
             for i in range(8)]
FR_REPORT[0] = ("r0", "Le cessez-le-feu conclu à Gao a été rompu dans la nuit, selon l'armée.")
FR_REPORT[4] = ("r4", "Le Front de libération exige que l'accord soit appliqué dans son intégralité, a déclaré "
                      "Ali Barakeh.")
FR_REPORT[5] = ("r5", "Nous saluons la trêve et appelons les deux camps à la respecter.")


def test_a_french_announcement_deep_in_a_report_makes_no_printed_text_of_it():
    from pipeline.nlp.multilingual import document_shaped, published_parts

    texts = [t for _, t in FR_REPORT]
    assert published_parts(texts, "fr") == {} and not document_shaped(texts, "fr")
    # the same paragraph opening the article is the preface of a text printed whole: a document
    assert document_shaped(texts[4:], "fr") and published_parts(texts[4:], "fr")[1] == "published"
    # chunked by size, each paragraph keyed by the one before it: a paragraph added at the end changes no key
    keys = context_keys(FR_REPORT, None, "fr")
    chunks = article_chunks([FR_REPORT], set(zip((p for p, _ in FR_REPORT), keys)), 3, None, "fr")
    assert [len(c.items) for c in chunks] == [3, 3, 3, 2] and chunks[1].continued == (0,)
    grown = [*FR_REPORT, ("r8", "Un nouveau bilan fait état de trois morts à Gao, selon la mairie.")]
    assert context_keys(grown, None, "fr")[:8] == keys
    # cut anywhere (the part opening on the announcement, or on the paragraph before it), the same statements
    # (the attributions too: a printed text's paragraph is its issuer's with no speech verb)
    (whole,) = _analyses_in("fr", [[FR_REPORT]])
    assert not any(q.rule == "published" for a in whole for q in a.quotes)
    for size in range(1, len(FR_REPORT) + 1):
        assert _analyses_in("fr", [[FR_REPORT]], size=size) == [whole], size
    assert _analyses_in("fr", [[FR_REPORT[:4]], [FR_REPORT]]) == [whole]
    assert _analyses_in("fr", [[FR_REPORT[:5]], [FR_REPORT]]) == [whole]
