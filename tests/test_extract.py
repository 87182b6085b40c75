"""Stage 3: extraction keeps the article and drops the chrome; language recorded; non-HTML refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import lxml.html
import pytest

from conftest import CHROME_BOTTOM, CHROME_TOP, article_page, words
from pipeline.extract.core import extract_article, is_html_like
from pipeline.extract.rules import SETTINGS, drop_headline, is_boilerplate_line, looks_like_menu, merge_split_body
from pipeline.records import FetchResult
from pipeline.text import repaired_utf8, xml_safe_references


def _fetched(body: bytes, content_type: str | None = "text/html; charset=utf-8") -> FetchResult:
    headers = (("content-type", content_type),) if content_type else ()
    return FetchResult(url="https://news.example/a", fetched_at=datetime.now(UTC), final_url="https://news.example/a",
                       http_status=200, headers=headers, body=body)


def test_article_text_without_chrome_and_with_metadata():
    paragraphs = [words(30, f"para {i}") for i in range(5)]
    result = extract_article(_fetched(article_page("Truce holds in the north", paragraphs).encode()))
    assert result.status == "ok" and result.text_source == "extracted"
    body = "\n".join(result.paragraphs)
    for p in paragraphs:
        assert p in result.paragraphs
    assert "Sign up for our newsletter" not in body and "All rights reserved" not in body
    assert result.title == "Truce holds in the north"
    assert result.site_name == "The Test Gazette"
    assert result.language == "en" and result.language_score > 0.9


def test_language_of_non_english_text_is_detected():
    french = [
        "Les négociateurs se sont retrouvés mardi soir pour discuter d'un cessez-le-feu de trente jours, "
        "selon plusieurs diplomates présents à la réunion qui ont requis l'anonymat.",
        "Le ministre a déclaré que son gouvernement accepterait une trêve à condition que les échanges de "
        "prisonniers commencent avant la fin du mois et que les observateurs puissent circuler librement.",
    ]
    result = extract_article(_fetched(article_page("Trêve", french, lang="fr").encode()))
    assert result.language == "fr"


def test_undeclared_latin1_page_is_decoded_sensibly():
    text = "Le président a rencontré les médiateurs à Genève pour évoquer une trêve humanitaire durable et vérifiée."
    page = article_page("Genève", [text, text.replace("trêve", "pause")], lang="fr", charset=None)
    result = extract_article(_fetched(page.encode("latin-1"), content_type="text/html"))
    assert any("président a rencontré" in p for p in result.paragraphs)
    assert not any("\ufffd" in p or "Ã©" in p for p in result.paragraphs)


def test_declared_utf8_with_bad_bytes_is_repaired_only_when_the_bytes_are_utf8():
    russian = "Стороны договорились о перемирии и обмене пленными до конца месяца, заявил посредник."
    page = article_page("Перемирие", [russian, russian.replace("месяца", "недели")], lang="ru")
    # a windows-1252 byte pasted into a UTF-8 page (\x92, a curly apostrophe), and a U+FFFD the page itself holds
    damaged = page.replace("заявил", "\ufffd заявил").encode().replace(b"</title>", b" \x92s</title>")
    assert repaired_utf8(damaged, "text/html; charset=UTF-8") == (
        damaged.replace(b"\x92", "\ufffd".encode()), 1)
    assert repaired_utf8(damaged, "text/html")[1] == 1  # declared by the page's <meta charset="utf-8">
    undeclared = damaged.replace(b'<meta charset="utf-8">', b"")
    assert repaired_utf8(undeclared, "text/html") == (undeclared, 0)  # not declared: left to detection
    # the same text really in windows-1251, under a wrong UTF-8 header: left to detection, which reads it right
    cp1251 = page.replace('charset="utf-8"', 'charset="windows-1251"').encode("cp1251")
    assert repaired_utf8(cp1251, "text/html; charset=utf-8") == (cp1251, 0)
    result = extract_article(_fetched(cp1251))
    assert any("договорились о перемирии" in p for p in result.paragraphs) and result.error is None
    valid = page.encode()
    assert repaired_utf8(valid, "text/html; charset=utf-8") == (valid, 0)


def test_a_page_nesting_past_the_parsers_depth_limit_says_its_text_was_cut():
    """libxml2 stops building the tree 255 elements deep: a page whose every paragraph opens a <div> it never
    closes lost all text past that point, stored as a whole "ok" article with no word of it."""
    def page(n):
        paras = "".join(f"<div><span>{words(20, f'para {i}')}" for i in range(n))
        return article_page("Truce holds", [words(30, "intro")]).replace("</article>", paras + "</article>")

    shallow = extract_article(_fetched(page(60).encode()))
    assert shallow.status == "ok" and shallow.error is None
    deep = extract_article(_fetched(page(300).encode()))
    assert deep.status == "ok" and any("Intro said" in p for p in deep.paragraphs)
    assert not any("Para 299 said" in p for p in deep.paragraphs)  # what the parser dropped
    assert "deeper than 255" in deep.error and "lost" in deep.error


def test_empty_page_falls_back_to_feed_summary():
    result = extract_article(_fetched(b"<html><body><div></div></body></html>"), fallback_text="Summary one.\n\nSummary two.")
    assert result.status == "empty" and result.text_source == "feed_summary"
    assert result.paragraphs == ("Summary one.", "Summary two.")


def test_nothing_at_all_is_empty_without_source():
    result = extract_article(_fetched(b"<html><body></body></html>"))
    assert result.status == "empty" and result.text_source is None and result.paragraphs == ()


def test_non_html_is_unsupported():
    assert not is_html_like("application/pdf", b"%PDF-1.7")
    assert is_html_like(None, b"  <!DOCTYPE html><html>")
    result = extract_article(_fetched(b"%PDF-1.7 ...", content_type="application/pdf"))
    assert result.status == "unsupported" and "application/pdf" in result.error


def test_garbage_bytes_do_not_crash():
    result = extract_article(_fetched(bytes(range(256)) * 50))
    assert result.status in ("empty", "ok")


# --- clean-up around trafilatura (pipeline/extract/rules.py) ----------------------------------------------------


def _page(head: str, body: str, *, title: str = "Truce holds in the north", description: str | None = None) -> bytes:
    desc = f'<meta name="description" content="{description}">' if description else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Test Gazette</title>{desc}'
        f'<meta property="og:site_name" content="The Test Gazette"></head><body>{CHROME_TOP}<main>{head}{body}</main>'
        f"{CHROME_BOTTOM}</body></html>"
    ).encode()


def _article(paragraphs: list[str], extra: str = "", *, heading: str = "<h1>Truce holds in the north</h1>") -> str:
    return f"<article>{heading}" + "".join(f"<p>{p}</p>" for p in paragraphs) + f"{extra}</article>"


STORY = [words(30, f"story {i}") for i in range(5)]


def test_plain_article_keeps_every_paragraph_in_order():
    result = extract_article(_fetched(_page("", _article(STORY))))
    assert result.paragraphs == tuple(STORY)


def test_headline_heading_dropped_but_kept_as_title():
    result = extract_article(_fetched(_page("", _article(STORY))))
    assert result.title == "Truce holds in the north"
    assert "Truce holds in the north" not in result.paragraphs


def test_headline_repeated_in_body_paragraphs_is_kept_as_a_recorded_repeat():
    # the syndication glitch: the headline printed twice as paragraphs of the body (no heading)
    glitch = ["Truce holds in the north", "Truce holds in the north"] + STORY
    result = extract_article(_fetched(_page("", _article(glitch, heading=""))))
    assert result.paragraphs[:2] == ("Truce holds in the north", "Truce holds in the north")
    # the same under the headline heading: all three printings are occurrences of the page
    result = extract_article(_fetched(_page("", _article(glitch))))
    assert result.paragraphs[:3] == ("Truce holds in the north",) * 3


def test_standfirst_heading_dropped_only_when_it_is_the_description():
    standfirst = "Monitors report a first quiet night along the line as both sides keep to the terms."
    heading = f"<h1>Truce holds in the north</h1><h2>{standfirst}</h2>"
    result = extract_article(_fetched(_page("", _article(STORY, heading=heading), description=standfirst)))
    assert standfirst not in result.paragraphs and result.paragraphs == tuple(STORY)
    # a lede paragraph that the description merely copies is the story's first paragraph: kept
    result = extract_article(_fetched(_page("", _article(STORY), description=STORY[0])))
    assert result.paragraphs == tuple(STORY)


def test_boilerplate_lines_removed():
    chrome = [
        "Advertisement",
        "Sign up for our newsletter to get the day's top headlines in your inbox.",
        "Follow us on Twitter and Facebook.",
        "Reporting by Ann Author; Editing by Bo Editor",
        "Photo: Reuters/Jane Doe",
        "UPDATED: Tue., Nov. 19, 2019",
    ]
    paragraphs = [chrome[-1], STORY[0], chrome[0], STORY[1], chrome[1], STORY[2], chrome[2], STORY[3],
                  chrome[4], STORY[4], chrome[3]]
    result = extract_article(_fetched(_page("", _article(paragraphs))))
    assert result.paragraphs == tuple(STORY)
    # "Read more: <headline>" lines are off (they lose on the readability set): kept unless switched on
    cross = "Read more: Ceasefire talks resume in the capital after a week of shelling"
    page = _fetched(_page("", _article([*STORY[:2], cross, *STORY[2:]])))
    assert cross in extract_article(page).paragraphs
    on = replace(SETTINGS, boilerplate=SETTINGS.boilerplate | {"cross_links"})
    assert extract_article(page, settings=on).paragraphs == tuple(STORY)


def test_prose_mentioning_boilerplate_words_is_kept():
    prose = [
        "The ministry said it would publish the ceasefire terms in its weekly newsletter, and that anyone could "
        "sign up to receive the full text of the agreement, the maps of the buffer zone and the monitors' reports, "
        "which officials promised would be released every Monday for as long as the truce holds in the region.",
        "Advertisement hoardings along the border road were torn down by the monitors on Tuesday.",
    ]
    result = extract_article(_fetched(_page("", _article(STORY[:2] + prose + STORY[2:]))))
    assert result.paragraphs == tuple(STORY[:2] + prose + STORY[2:])


def test_article_body_split_into_chunks_is_joined():
    first, second = STORY[:3], STORY[3:] + [words(30, "story 5")]
    ad = '<div class="ad-rail"><p>Buy the new phone today, only this week.</p></div>'
    body = (
        '<article><h1>Truce holds in the north</h1><div class="chunks">'
        f'<div class="row"><div class="body article__body">{"".join(f"<p>{p}</p>" for p in first)}</div>{ad}</div>'
        f'<div class="row"><div class="body article__body">{"".join(f"<p>{p}</p>" for p in second)}</div>{ad}</div>'
        "</div></article>"
    )
    result = extract_article(_fetched(_page("", body)))
    assert result.paragraphs == tuple(first + second)
    # without the join trafilatura keeps the first chunk only
    result = extract_article(_fetched(_page("", body)), settings=replace(SETTINGS, merge_split_body=False))
    assert result.paragraphs == tuple(first)


def test_next_story_appended_below_is_not_joined():
    other = [words(30, f"other {i}") for i in range(3)]
    chunk = lambda ps: f'<div class="article-body">{"".join(f"<p>{p}</p>" for p in ps)}</div>'  # noqa: E731
    body = (f"<article><h1>Truce holds in the north</h1>{chunk(STORY)}</article>"
            f"<article><h1>Harvest begins early in the south</h1>{chunk(other)}</article>")
    assert merge_split_body(lxml.html.document_fromstring(body)) == 0
    result = extract_article(_fetched(_page("", body)))
    assert not set(other) & set(result.paragraphs)
    # the same two chunks inside one story are joined
    assert merge_split_body(lxml.html.document_fromstring(f"<article>{chunk(STORY)}{chunk(other)}</article>")) == 1


def test_closing_list_of_links_dropped_but_a_list_in_the_story_kept():
    related = ["Talks stall over prisoner lists", "Envoys meet again in Geneva", "What the truce means for aid"]
    links = "<ul>" + "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(related)) + "</ul>"
    on = replace(SETTINGS, link_list=True)  # off by default: it loses on the readability set
    result = extract_article(_fetched(_page("", _article(STORY, links))), settings=on)
    assert result.paragraphs == tuple(STORY)
    points = [words(12, f"point {i}") for i in range(3)]
    steps = "<ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>"
    result = extract_article(_fetched(_page("", _article(STORY, steps))), settings=on)
    assert [p.removeprefix("- ") for p in result.paragraphs[-3:]] == points


def test_menu_like_output_detected():
    menu = ["Home", "World", "Business", "Sport", "Contact", "Archive 2019", "(113)"] * 5
    assert looks_like_menu(menu)
    assert not looks_like_menu(STORY * 5)
    assert not looks_like_menu(menu[:10])  # too few lines to tell


def test_drop_headline_needs_a_heading_that_matches_the_title():
    lines = ["World", "Truce holds in the north", *STORY]
    assert drop_headline(lines, "Truce holds in the north | The Test Gazette", ["Truce holds in the north"]) == STORY
    assert drop_headline(lines, "Truce holds in the north", []) == lines  # not a heading: body text
    assert drop_headline(lines, "Another story entirely", ["Truce holds in the north"]) == lines


def test_boilerplate_line_rules():
    for line in ("Advertisement", "Comments", "You may also like...", "READ MORE: Plague outbreak confirmed",
                 "Related: The 15 weirdest galaxies", "Click here to subscribe to The Paradigm Newsletter",
                 "Fox News' Jane Doe contributed to this report.", "paul.takahashi@chron.com", "Tempo de leitura: 1 minuto"):
        assert is_boilerplate_line(line), line
    for line in ("More:", "Thank you for the question, minister, the ceasefire is holding.", STORY[0],
                 "Click here to get more information about the game.", "4:14 p.m."):
        assert not is_boilerplate_line(line, index=5, count=10), line
    assert is_boilerplate_line("Published 18 November 2019", index=0, count=10)
    assert not is_boilerplate_line("29 November 2018 | 20 January 2019", index=5, count=10)


# one reference to a character XML forbids made trafilatura discard the whole page (status 'empty', no text)
_TRUCE = ["The ceasefire between the two armies held for a third night, the monitors said in their morning report.",
          "Officials on both sides said the exchange of prisoners would begin on Thursday if the calm lasted."]


@pytest.mark.parametrize("reference", ["&#xFFFF;", "&#xFFFE;", "&#x1;", "&#xD800;", "&#55296;", "&#65535;", "&#x0000ffff;",
                                       "&#11;", "&#xFFFF"])
def test_a_reference_to_a_character_xml_forbids_costs_one_character_not_the_article(reference):
    page = article_page("Truce holds", [*_TRUCE, f"The talks, he said {reference} would resume on Monday."])
    result = extract_article(_fetched(page.encode()))
    assert result.status == "ok" and result.error is None
    assert _TRUCE[0] in result.paragraphs and _TRUCE[1] in result.paragraphs
    assert any(p.startswith("The talks, he said") and "\ufffd" in p for p in result.paragraphs)


def test_allowed_references_are_left_as_they_are():
    data = b"tab &#9; nl &#10; cr &#13; &#x1F600; &#8217; &#x10FFFF; &#x110000; &#99999999999999999999; &amp;#x1;"
    assert xml_safe_references(data) == (data, 0)
    assert xml_safe_references(b"a&#x1;b&#0;c&#XfFfE;d&#x0000D800 z") == (b"a&#xFFFD;b&#xFFFD;c&#xFFFD;d&#xFFFD; z", 4)
    page = article_page("Truce holds", [*_TRUCE, "The envoy &#x1F600; said the talks would resume on Monday."])
    assert any("\U0001F600" in p for p in extract_article(_fetched(page.encode())).paragraphs)


def test_a_page_lost_to_the_parser_says_so_and_a_bare_page_does_not():
    # UTF-16: no ASCII reference to replace in the bytes; the character reaches lxml and trafilatura drops the page
    page = article_page("Truce holds", [*_TRUCE, "The talks &#xFFFF; resume."])
    lost = extract_article(_fetched(page.encode("utf-16"), "text/html; charset=utf-16"))
    assert lost.status == "empty" and "parser error" in lost.error and "U+FFFF" in lost.error
    bare = extract_article(_fetched(b"<html><body><article></article></body></html>"))
    assert bare.status == "empty" and bare.error is None
