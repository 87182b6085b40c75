import pytest

from pipeline.errors import ConfigError
from pipeline.feedlist import load_feeds


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
