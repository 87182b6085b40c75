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
