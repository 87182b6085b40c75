import pytest

from pipeline.errors import ConfigError
from pipeline.fetch.feedlist import load_feeds


def test_toml_feeds(tmp_path):
    path = tmp_path / "feeds.toml"
    path.write_text(
        '[[feeds]]\nurl = "https://a.example/rss"\nname = "A"\ntags = ["world", "ukraine"]\n\n'
        '[[feeds]]\nurl = "https://b.example/atom"\n'
    )
    feeds = load_feeds(path)
    assert [f.url for f in feeds] == ["https://a.example/rss", "https://b.example/atom"]
    assert feeds[0].name == "A" and feeds[0].tags == ("world", "ukraine")
    assert feeds[1].name is None and feeds[1].tags == ()


def test_plain_list_with_comments_and_duplicates(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# my feeds\n\nhttps://a.example/rss   # world\nhttps://b.example/atom\nhttps://a.example/rss\n")
    assert [f.url for f in load_feeds(path)] == ["https://a.example/rss", "https://b.example/atom"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("f.toml", "[[feeds]]\nname = 'no url'\n", "url must be"),
        ("f.toml", "feeds = 3\n", "[[feeds]] tables"),
        ("f.toml", "[[feeds]\n", "not valid TOML"),
        ("f.txt", "ftp://a.example/x\n", "not an http(s) URL"),
        ("f.txt", "# nothing\n", "lists no feeds"),
    ],
)
def test_bad_feeds_files_name_the_problem(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[").replace("]", r"\]")):
        load_feeds(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read feeds file"):
        load_feeds(tmp_path / "nope.txt")


OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="Conflicts">
    <outline text="Wire" title="Meridian Wire" type="rss" xmlUrl="https://wire.example/atom" category="/agency"/>
    <outline text="Daily" type="rss" xmlUrl="https://daily.example/rss.xml"/>
  </outline>
  <outline text="Loose" type="rss" xmlUrl="https://loose.example/feed"/>
</body></opml>"""


def test_opml_feeds_with_folders_as_tags(tmp_path):
    path = tmp_path / "export.opml"
    path.write_bytes(OPML)
    feeds = load_feeds(path)
    assert [(f.url, f.name, f.tags) for f in feeds] == [
        ("https://wire.example/atom", "Meridian Wire", ("Conflicts", "agency")),
        ("https://daily.example/rss.xml", "Daily", ("Conflicts",)),
        ("https://loose.example/feed", "Loose", ()),
    ]
    sniffed = tmp_path / "subscriptions.xml"  # OPML under another name is recognised by its root element
    sniffed.write_bytes(OPML)
    assert len(load_feeds(sniffed)) == 3


@pytest.mark.parametrize("body, message", [
    (OPML[:-20], "not valid OPML"),
    (b"<rss><channel/></rss>", "lists no feeds|not OPML"),
    (b"<opml><head/></opml>", "no <body>"),
    (OPML.replace(b"https://loose.example/feed", b"javascript:alert(1)"), "not an http"),
])
def test_malformed_opml_is_a_clear_error(tmp_path, body, message):
    path = tmp_path / "bad.opml"
    path.write_bytes(body)
    with pytest.raises(ConfigError, match=message):
        load_feeds(path)


def test_opml_entities_are_not_expanded(tmp_path):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
              b'<opml><body><outline text="&c;" xmlUrl="https://a.example/feed"/></body></opml>')
    path = tmp_path / "laughs.opml"
    path.write_bytes(laughs)
    with pytest.raises(ConfigError, match="declares XML entities"):  # never expanded, not even a little
        load_feeds(path)
    xxe = (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<opml><body><outline text="&x;" xmlUrl="https://a.example/feed"/></body></opml>')
    path.write_bytes(xxe)
    with pytest.raises(ConfigError, match="declares XML entities"):  # refused, and nothing read from disk
        load_feeds(path)


def test_starter_feed_list_ships_with_the_package():
    from pathlib import Path

    import pipeline

    feeds = load_feeds(Path(pipeline.__file__).parent / "data" / "starter_feeds.toml")
    assert len(feeds) >= 10 and all(f.url.startswith("https://") for f in feeds)
