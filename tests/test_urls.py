from pipeline.urls import article_id_for, canonical_url


def test_tracking_parameters_fragment_and_host_case_are_dropped():
    assert (
        canonical_url("HTTPS://News.Example.COM/World/story?id=7&utm_source=rss&fbclid=abc&gclid=x#comments")
        == "https://news.example.com/World/story?id=7"
    )


def test_default_port_dropped_other_port_kept():
    assert canonical_url("http://example.com:80/a") == "http://example.com/a"
    assert canonical_url("http://127.0.0.1:8123/a?utm_medium=feed") == "http://127.0.0.1:8123/a"


def test_path_case_and_meaningful_query_kept():
    assert canonical_url("https://e.com/A/B?page=2&q=x") == "https://e.com/A/B?page=2&q=x"
    assert canonical_url("https://e.com") == "https://e.com/"


def test_article_id_is_stable_and_tracking_insensitive():
    a = article_id_for(canonical_url("https://e.com/x?utm_campaign=1"))
    assert a == article_id_for(canonical_url("https://E.com/x#top"))
    assert len(a) == 32 and a != article_id_for(canonical_url("https://e.com/y"))


# ------------------------------------------------------------------ issue #15: tracking, AMP, declared URLs

import pytest  # noqa: E402

from pipeline.urls import TRACKING_PARAMS, page_canonical, registrable_host, same_site  # noqa: E402


@pytest.mark.parametrize("junk", ["ref=homepage", "source=rss", "cmpid=abc", "CMP=tw", "mc_cid=1&mc_eid=2",
                                  "ocid=msn", "at_medium=rss&at_campaign=x", "ncid=edlink", "sr_share=twitter",
                                  "spm=a.b.c", "smid=tw-share", "WT.mc_id=feed", "ito=rss", "xtor=RSS-1",
                                  "_ga=2.1", "igshid=z", "ref_src=twsrc", "utm_source=x&utm_medium=y"])
def test_the_common_tracking_parameters_are_dropped_and_the_rest_keeps_its_order(junk):
    url = f"https://news.example.com/story?b=2&{junk}&a=1"
    assert canonical_url(url) == "https://news.example.com/story?b=2&a=1"


def test_query_routed_articles_keep_their_key():
    assert canonical_url("https://e.com/?p=42&ref=rss") == "https://e.com/?p=42"
    assert canonical_url("https://e.com/article.php?id=123&source=feed") == "https://e.com/article.php?id=123"
    assert canonical_url("https://e.com/?p=42") != canonical_url("https://e.com/?p=43")
    # the list is data, lower-case names
    assert all(name == name.lower() for name in TRACKING_PARAMS)


@pytest.mark.parametrize("amp", [
    "https://example.com/world/story/amp",
    "https://example.com/amp/world/story",
    "https://example.com/world/amp/story",
    "https://amp.example.com/world/story",
    "https://example.com/world/story?amp=1",
    "https://example.com/world/story?amp",
    "https://example.com/world/story?outputType=amp",
    "https://example-com.cdn.ampproject.org/c/s/example.com/world/story/amp?amp_js_v=0.1",
    "https://example-com.cdn.ampproject.org/v/s/example.com/amp/world/story?usqp=mq331AQ",
    "https://www.google.com/amp/s/example.com/world/story/amp",
])
def test_amp_variants_fold_to_the_plain_page(amp):
    assert canonical_url(amp) == "https://example.com/world/story"


def test_amp_file_names_and_trailing_slashes_fold_to_the_plain_page():
    assert canonical_url("https://e.com/2024/05/story.amp.html") == "https://e.com/2024/05/story.html"
    assert canonical_url("https://e.com/news/world-123.amp") == "https://e.com/news/world-123"
    assert canonical_url("https://e.com/2024/story/amp/") == "https://e.com/2024/story/"
    assert canonical_url("http://example-com.cdn.ampproject.org/c/example.com/x") == "http://example.com/x"
    # not AMP: a word that merely contains it, another parameter value
    assert canonical_url("https://e.com/ampere/camp.html?amp=0") == "https://e.com/ampere/camp.html?amp=0"


def test_registrable_host_and_same_site():
    assert registrable_host("www.example.com") == registrable_host("example.com") == "example.com"
    assert registrable_host("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_host("127.0.0.1") == "127.0.0.1" and registrable_host("localhost") == "localhost"
    assert same_site("https://www.example.com/a", "http://example.com:8080/b")
    assert not same_site("https://example.com/a", "https://example.org/a")
    assert not same_site("https://bbc.co.uk/a", "https://itv.co.uk/a")
    assert not same_site("http://127.0.0.1:8000/a", "http://localhost:8000/a")


PAGE = "https://www.example.com/world/2024/story?from=aggregator"


@pytest.mark.parametrize(("declared", "honoured"), [
    ("https://www.example.com/world/2024/story", "https://www.example.com/world/2024/story"),
    ("https://example.com/world/2024/story", "https://example.com/world/2024/story"),  # no www: same site
    (" /world/2024/story ", "https://www.example.com/world/2024/story"),  # relative, padded
    ("//example.com/world/2024/story", "https://example.com/world/2024/story"),
    ("https://www.example.com/?p=42", "https://www.example.com/?p=42"),  # a query-routed article at the root
    ("https://other.example.org/world/2024/story", None),  # another site
    ("https://www.example.com/", None),  # the home page: a CMS bug
    ("https://www.example.com/?utm_source=x", None),  # still the home page
    ("/world/", None),  # the section the article is in
    ("/world/2024", None),
    ("/world/index.html", None), ("https://www.example.com/index.php", None), ("/Default.aspx", None),
    ("/index.php?p=42", "https://www.example.com/index.php?p=42"),
    ("javascript:alert(1)", None), ("mailto:desk@example.com", None), ("ftp://example.com/x", None),
    ("", None), (None, None), ("http://[::1", None), ("https://example.com:99999/x", None),
    ("https://www.example.com/" + "x" * 3000, None),
])
def test_a_page_may_name_itself_only_on_its_own_site_and_not_as_a_home_page_or_section(declared, honoured):
    assert page_canonical(PAGE, declared) == honoured


def test_an_amp_page_naming_its_plain_page_is_honoured():
    assert page_canonical("https://example.com/world/story/amp", "https://example.com/world/story")
    assert page_canonical("https://example-com.cdn.ampproject.org/c/s/example.com/world/story",
                          "https://example.com/world/story") == "https://example.com/world/story"
