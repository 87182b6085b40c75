"""A paragraph's analysis reads the paragraph before it in its own article, never a batch neighbour: the rules
that carry the truce from one paragraph to the next must give the same result in the pipeline's chunks as on
the article alone, or a cached analysis would depend on what happened to share its batch."""

from __future__ import annotations

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
    assert chunk.items == [("a", "A"), ("s", "S"), ("d", "D")]
    assert chunk.breaks == (0,)
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
