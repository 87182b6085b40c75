"""A text in its issuer's own voice (a press release, a communiqué, a report, the full text of an address): the
article's title says so, and the issuer is the speaker of the sentences no one else is found to say. Every
sentence here is written for these tests."""

from __future__ import annotations

import duckdb
import pytest

from conftest import article_page, rss
from pipeline.run.ingest import run_pass
from resolve_helpers import speaker_of, speakers

_RELEASE = (
    "Dravenmoor, 4 March — The United Nations Mission in Veldara (UNMIV) welcomes the ceasefire agreed on Sunday between the "
    "Northern Front and the Veldaran army after a week of shelling and drone strikes on frontline villages.",
    "The Mission stands ready to support the truce committee with observers along the river.",
    "The ceasefire will hold only if both forces pull their artillery back from the river towns within five days.",
)
_NEWS = (
    "Dravenmoor — Shelling and drone strikes hit frontline villages overnight, and troops exchanged artillery "
    "fire along the river before a ceasefire took effect.",
    "The ceasefire will hold only if both forces pull their artillery back from the river towns within five days.",
)


def test_a_place_and_date_line_before_the_opening_does_not_hide_the_issuer():
    # the title names the body in other words than the text does; the text opens on its dateline alone
    found = speakers("Communiqué of the Mission on the river ceasefire", "Nairobi, 4 March",
                     _RELEASE[0].removeprefix("Dravenmoor, 4 March — "), *_RELEASE[1:])
    assert speaker_of(found, "The ceasefire will hold only if") == "United Nations Mission in Veldara"


@pytest.mark.parametrize("title", [
    "Press release: UNMIV welcomes the river ceasefire",
    "UNMIV welcomes the river ceasefire (press release)",
    "Statement by the United Nations Mission in Veldara on the river ceasefire",
    "Communiqué of the Mission on the river ceasefire",  # no name in the title: the body the opening names
])
def test_a_release_speaks_in_its_issuers_voice(title):
    found = speakers(title, *_RELEASE)
    assert speaker_of(found, "The Mission stands ready") == "United Nations Mission in Veldara"
    assert speaker_of(found, "The ceasefire will hold only if") == "United Nations Mission in Veldara"
    # the same text under no title is read as any article: its unattributed sentence has no speaker
    assert speaker_of(speakers(None, *_RELEASE), "The ceasefire will hold only if") is None


@pytest.mark.parametrize("title", [
    "Press release: Observers deployed to the river after the Northern Front ceasefire",
    "Press release: Mission backs the truce with the Northern Front",
    "PRESS RELEASE: Veldaran army and Northern Front agree river ceasefire",
    # a Title Case headline capitalises its verb and preposition: the word tells, not its case
    "Press Release: Mission Backs The Truce With The Northern Front",
])
def test_a_body_the_headline_is_about_is_not_the_releases_issuer(title):
    # the title names a body after its headline's verb or preposition, or as a party to what it reports, not where
    # a title names its issuer: the body the text opens on issued it
    found = speakers(title, *_RELEASE)
    assert speaker_of(found, "The ceasefire will hold only if") == "United Nations Mission in Veldara"


@pytest.mark.parametrize("title", [
    None,
    "Ceasefire on the river holds as mission sends observers",
    # a news story about a statement is not the statement
    "Mission says in statement it will send observers to the river",
])
def test_a_news_storys_narrative_keeps_no_speaker(title):
    found = speakers(title, *_NEWS)
    assert speaker_of(found, "The ceasefire will hold only if") is None


def test_a_situation_report_is_its_issuers_every_sentence():
    # the house convention: an NGO's situation report speaks for its issuer, its facts as much as its appeals; a
    # party's words it reports stay that party's
    found = speakers(
        "Situation report No. 3 — the river districts",
        "This report is issued by the Riverside Relief Alliance for its partners. Shelling and drone strikes hit "
        "frontline villages in February before the ceasefire.",
        "The ceasefire took effect at midnight on Sunday.",
        "The Northern Front said on Monday that it would answer any shelling with artillery fire, ceasefire or not.",
        "Any extension of the ceasefire must include safe passage for aid convoys to the river towns.",
    )
    assert speaker_of(found, "The ceasefire took effect") == "Riverside Relief Alliance"
    assert speaker_of(found, "Any extension of the ceasefire") == "Riverside Relief Alliance"
    assert speaker_of(found, "The Northern Front said") == "Northern Front"


def test_a_policy_brief_gives_its_issuer_positions_not_facts():
    # a policy brief tells facts as a reporter does (no speaker); what it urges or judges is its issuer's
    found = speakers(
        "Policy brief: the river districts after the truce",
        "This brief is issued by the Riverside Relief Alliance for its partners. Shelling and drone strikes hit "
        "frontline villages in February before the ceasefire.",
        "The ceasefire took effect at midnight on Sunday.",
        "Any extension of the ceasefire must include safe passage for aid convoys to the river towns.",
    )
    assert speaker_of(found, "The ceasefire took effect") is None
    assert speaker_of(found, "Any extension of the ceasefire") == "Riverside Relief Alliance"


def test_a_reports_sentence_opening_on_its_first_person_is_its_issuers_position():
    # "Our assessment ..." opens its sentence with a capital: the report's own voice all the same
    found = speakers(
        "Situation report No. 3 — the river districts",
        "This report is issued by the Riverside Relief Alliance for its partners. Shelling and drone strikes hit "
        "frontline villages in February before the ceasefire.",
        "Our assessment is that the ceasefire is holding along the river.",
    )
    assert speaker_of(found, "Our assessment") == "Riverside Relief Alliance"


def test_a_reports_own_we_is_its_issuer_not_the_party_named_before_it():
    # a report's "We doubt ..." outside quotation marks is its position, not the side the sentence before names
    found = speakers(
        "Situation report No. 3 — the river districts",
        "This report is issued by the Riverside Relief Alliance for its partners. Shelling and drone strikes hit "
        "frontline villages in February before the ceasefire.",
        "The Northern Front says its fighters have kept to the ceasefire since Sunday. We doubt the ceasefire "
        "will outlast the winter.",
    )
    assert speaker_of(found, "We doubt") == "Riverside Relief Alliance"


def test_a_briefing_gives_its_issuer_positions_not_facts():
    # "Briefing:" names the text as its issuer's, whom the opening line names
    found = speakers(
        "Briefing: Can the river ceasefire hold?",
        "Dravenmoor Institute for Peace Studies — Briefing No. 12, March. Shelling and drone strikes hit frontline villages "
        "in February before the ceasefire.",
        "The ceasefire took effect at midnight on Sunday.",
        "The Northern Front says its fighters have kept to the ceasefire. We recommend that the mediators publish "
        "every reported violation of the ceasefire.",
    )
    assert speaker_of(found, "The ceasefire took effect") is None
    assert speaker_of(found, "We recommend") == "Dravenmoor Institute for Peace Studies"


def test_a_reports_recommendations_are_its_issuers_whoever_they_ask_to_act():
    # under "Recommendations:" the body named as the one to act is asked by the issuer: the issuer's position
    found = speakers(
        "Situation report No. 3 — the river districts",
        "This report is issued by the Riverside Relief Alliance for its partners. Shelling and drone strikes hit "
        "frontline villages in February before the ceasefire.",
        "The ceasefire took effect at midnight on Sunday.",
        "Recommendations: The Northern Front should pull its artillery back from the river towns to keep the "
        "ceasefire. The mediators should publish every reported violation of the ceasefire.",
    )
    assert speaker_of(found, "The ceasefire took effect") == "Riverside Relief Alliance"
    assert speaker_of(found, "Recommendations:") == "Riverside Relief Alliance"
    assert speaker_of(found, "The mediators should") == "Riverside Relief Alliance"


def test_an_attributed_sentence_in_a_release_keeps_its_own_speaker():
    found = speakers(
        "Press release: UNMIV welcomes the river ceasefire", *_RELEASE,
        "The Northern Front rejected the ceasefire on Monday, the Mission's observers said.",
    )
    assert speaker_of(found, "The Northern Front rejected") != "United Nations Mission in Veldara"


def test_the_title_reaches_the_article_pass_in_the_pipeline(site, make_options):
    """The NLP stage passes the article's title to the article-level pass: a release read by the pipeline gives
    its issuer the sentences it says in its own voice."""
    title = "Press release: UNMIV welcomes the river ceasefire"
    site.add("/release", article_page(title, list(_RELEASE)))
    site.add("/feed.xml", rss([{"title": title, "link": site.url("/release")}]), content_type="application/rss+xml")
    options = make_options(site.url("/feed.xml"))
    run_pass(options)
    with duckdb.connect(str(options.db_path), read_only=True) as con:
        rows = dict(con.execute("SELECT text, speaker FROM ceasefire_statements").fetchall())
    assert speaker_of(rows, "The Mission stands ready") == "United Nations Mission in Veldara"


_SAID_IN_A_POST = (
    "Shelling and drone strikes hit frontline villages overnight, and troops exchanged artillery fire.",
    "A spokesman for the Northern Front, Tomas Brenner, said in a post on Sunday that his fighters were keeping "
    "to the ceasefire.",
)


@pytest.mark.parametrize("document", ["post", "statement"])
def test_the_statement_said_after_a_persons_say_is_that_persons(document):
    # "the post said": the post the person just spoke in, not the body they speak for, named before them
    found = speakers(None, *_SAID_IN_A_POST,
                     f"\u201cWe will not be the first to break the ceasefire,\u201d the {document} said.")
    assert speaker_of(found, "\u201cWe will not be the first") == "Tomas Brenner"


def test_the_statement_said_after_a_body_is_named_is_the_bodys():
    found = speakers(None, *_SAID_IN_A_POST,
                     "The Veldaran Ministry of Foreign Affairs issued a statement on Monday evening.",
                     "\u201cThe ceasefire has been broken forty times since Sunday,\u201d the statement said.")
    assert speaker_of(found, "\u201cThe ceasefire has been broken") == "Veldaran Ministry of Foreign Affairs"


_COLUMN = (
    "Shelling and drone strikes hit the river villages for a month before the ceasefire took effect on Sunday, "
    "and troops still exchange artillery fire at night.",
    "I doubt the ceasefire will survive the winter.",
    "The ceasefire took effect at midnight on Sunday.",
)


@pytest.mark.parametrize("title, byline, tagline", [
    ("Opinion: The river ceasefire is a pause, not a peace", "By Orla Kestrel | The Dravenmoor Herald", None),
    ("Comment: The river ceasefire is a pause, not a peace", None,
     "Orla Kestrel is a former diplomat who served in Dravenmoor."),
    ("Brief: Why the river ceasefire is fragile", None,
     "This brief was written by Dr Orla Kestrel, a fellow of the Riverside Institute."),
])
def test_a_signed_columns_judgements_are_its_writers(title, byline, tagline):
    paragraphs = ((byline,) if byline else ()) + _COLUMN + ((tagline,) if tagline else ())
    found = speakers(title, *paragraphs)
    assert speaker_of(found, "I doubt the ceasefire") == "Orla Kestrel"
    # an opinion piece's facts are its writer's too (the house convention: every sentence of it is the writer's);
    # a brief's are told as a report tells them
    expected = None if title.startswith("Brief") else "Orla Kestrel"
    assert speaker_of(found, "The ceasefire took effect") == expected


def test_an_opinion_pieces_we_and_others_words_in_it():
    # the writer's "we" outside quotation marks is the writer, not the party named before it; a party's own
    # position stays the party's
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN,
                     "The Northern Front wants the ceasefire to hold until spring. Let the Northern Front first pull "
                     "its guns back from the river, and then we can talk about the ceasefire.",
                     "Orla Kestrel is a former diplomat who served in Dravenmoor.")
    assert speaker_of(found, "Let the Northern Front first pull") == "Orla Kestrel"
    assert speaker_of(found, "The Northern Front wants") == "Northern Front"


def test_a_sign_off_after_a_dash_names_the_writer():
    # a column signed off in a paragraph of its own after a dash ("— Orla Kestrel, a former diplomat ...")
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN,
                     "\u2014 Orla Kestrel, a former diplomat who served in Dravenmoor")
    assert speaker_of(found, "I doubt the ceasefire") == "Orla Kestrel"
    assert speaker_of(found, "The ceasefire took effect") == "Orla Kestrel"


def test_a_tagline_run_on_as_the_last_sentence_names_the_writer():
    # the tagline closes the last paragraph instead of opening one of its own
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN,
                     "People in the valley have been promised quiet before. They deserve more than a headline. "
                     "Orla Kestrel is a former aid worker from the river province.")
    assert speaker_of(found, "I doubt the ceasefire") == "Orla Kestrel"
    assert speaker_of(found, "The ceasefire took effect") == "Orla Kestrel"
    # a person the piece quotes earlier is no writer, wherever the last paragraph names them again
    found = speakers("Opinion: The river ceasefire is a pause, not a peace",
                     "Orla Kestrel, the mayor of Dravenmoor, said the ceasefire had held for a week.", *_COLUMN,
                     "People in the valley have been promised quiet before. Orla Kestrel deserves an answer.")
    assert speaker_of(found, "The ceasefire took effect") is None


def test_a_tagline_name_read_as_a_body_is_the_writer():
    # the small model may read an unfamiliar writer's name as an organisation: opening the last paragraph of a
    # signed piece, named nowhere else and with no institution's head word, it is the writer all the same
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN,
                     "Layla Semaan Kfoury-Haddad is a former adviser to the Veldaran foreign ministry.")
    assert speaker_of(found, "I doubt the ceasefire") == "Layla Semaan Kfoury-Haddad"
    # a body the piece argues about, opening its last paragraph, is no writer
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN,
                     "The Northern Front Alliance has shelled the river villages before.",
                     "The Northern Front Alliance is a coalition of armed groups.")
    assert speaker_of(found, "The ceasefire took effect") is None


def test_an_unsigned_column_gives_its_judgements_no_one():
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN,
                     "The author is a former diplomat who served in Dravenmoor.")
    assert speaker_of(found, "I doubt the ceasefire") is None
    # a news story whose last paragraph opens with a person is no signed piece
    found = speakers("Ceasefire on the river holds", *_COLUMN, "Orla Kestrel said the villages were quiet.")
    assert speaker_of(found, "I doubt the ceasefire") is None


@pytest.mark.parametrize("title", [
    "Northern Front statement on the river ceasefire",
    "UNMIV communiqué on the river ceasefire",
    "Northern Front communiqué: a unilateral ceasefire on the river",  # the genre, then what it says
    "Northern Front statement No. 12/2026 on the river ceasefire",  # the document's number after its genre
])
def test_a_title_naming_the_issuer_then_its_statement_on_a_topic_is_the_issuers_document(title):
    # an archive's title of the document itself: the issuer, the genre, what it is on, no verb between
    found = speakers(title, *_RELEASE)
    assert speaker_of(found, "The ceasefire will hold only if") is not None


@pytest.mark.parametrize("title", [
    "Mission rejects statement on the river ceasefire",  # a news headline about a statement: it has a verb
    "Mission statement angers the Northern Front",  # the genre word, but not on a topic
    "Mission statement No. 12 angers the Northern Front",  # a number does not make a headline a document
])
def test_a_headline_about_a_statement_is_no_document_of_its_own(title):
    found = speakers(title, *_NEWS)
    assert speaker_of(found, "The ceasefire will hold only if") is None


def test_a_releases_own_first_person_side_is_its_issuer():
    # "our units" outside quotation marks in the issuer's own document: the issuer, not "our units"
    found = speakers(
        "Northern Front statement on the river ceasefire",
        "Dravenmoor, 4 March — The Northern Front declares a ceasefire along the river after a week of shelling "
        "and drone strikes on frontline villages.",
        "Should the army shell the river towns again, our units will answer the attack and the ceasefire will end.",
    )
    assert speaker_of(found, "Should the army shell") == "Northern Front"


def test_a_releases_own_we_is_its_issuer_not_the_body_named_before_it():
    # "We call on ..." outside quotation marks in the issuer's document: the issuer, not the body the sentence
    # before named last (which a "we" in a news story would stand for)
    found = speakers(
        "Northern Front statement on the river ceasefire",
        "Dravenmoor, 4 March — The Northern Front declares a ceasefire along the river after a week of shelling "
        "and drone strikes on frontline villages.",
        "During the truce our units will not attack the posts of the Federal Border Guard. We call on the "
        "government to respond in kind by halting its air strikes for the length of the ceasefire.",
    )
    assert speaker_of(found, "We call on") == "Northern Front"


_EDITORIAL = (
    "Editorial: the view of the Dravenmoor Herald editorial board",
    "Shelling and drone strikes hit the river villages for a month before the ceasefire took effect on Sunday, "
    "and troops still exchange artillery fire at night.",
    "The ceasefire took effect at midnight on Sunday.",
    "The Northern Front says it will respect the ceasefire if the army leaves the river towns.",
)


@pytest.mark.parametrize("title", [
    "The Dravenmoor Herald view: the river ceasefire needs observers",
    "The Herald view on the river ceasefire",
])
def test_an_unsigned_editorial_speaks_for_its_board(title):
    # the house convention: every sentence of an unsigned editorial no one else is found to say is its board's, the
    # outlet named by the title; a party's own say, by a reporting verb, stays the party's
    found = speakers(title, *_EDITORIAL)
    board = title.removeprefix("The ").split(" view")[0] + " editorial board"
    assert speaker_of(found, "The ceasefire took effect") == board
    assert speaker_of(found, "The Northern Front says") == "Northern Front"


def test_an_editorial_names_its_board_on_its_byline():
    # a genre word for a title names no outlet; the byline the entity model reads does
    found = speakers("Editorial: the river ceasefire needs observers", "By the Dravenmoor Herald", *_EDITORIAL[1:])
    assert speaker_of(found, "The ceasefire took effect") == "Dravenmoor Herald editorial board"


@pytest.mark.parametrize("title", [
    "Editorial: the river ceasefire needs observers",  # the page never names its board: a report's narrative
    "The Veldaran view: the river ceasefire is a trap",  # a people's view the article reports, no outlet's
    "Your view: the river ceasefire",  # a letters page's title: its readers', no board's
])
def test_an_editorial_without_a_named_board_or_a_peoples_view_has_no_issuer(title):
    paragraphs = _EDITORIAL[1:] + ("Veldaran officials say the ceasefire is a trap.",)
    found = speakers(title, *paragraphs)
    assert speaker_of(found, "The ceasefire took effect") is None


_ARGUED = ("The Northern Front has made a reasonable offer of a ceasefire along the river.",
           "Veldara, which brokered the last truce, should insist on observers for the ceasefire.",
           "The Northern Front says it will respect the ceasefire if the army leaves the river towns.")


def test_a_third_party_subject_without_a_reporting_verb_is_the_writers_judgement():
    # in an opinion piece, "X has made a reasonable offer" is the writer's judgement of X and "X should insist" the
    # writer's advice to X; "X says" is still X's say
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN, *_ARGUED,
                     "Orla Kestrel is a former diplomat who served in Dravenmoor.")
    assert speaker_of(found, "The Northern Front has made") == "Orla Kestrel"
    assert speaker_of(found, "Veldara, which brokered") == "Orla Kestrel"
    assert speaker_of(found, "The Northern Front says") == "Northern Front"
    # a news report tells the same sentences as the parties' own acts and says
    found = speakers("Northern Front offers river ceasefire", *_COLUMN[:1], *_ARGUED)
    assert speaker_of(found, "The Northern Front has made") == "Northern Front"
    assert speaker_of(found, "The Northern Front says") == "Northern Front"


def test_a_releases_it_and_they_are_its_issuer():
    # a body's release names itself in the third person and goes on with "it"; what it says its forces will do is
    # its say too: outside quotation marks, "it"/"they" there is the issuer, not the body named last
    paragraphs = (_RELEASE[0], "The Veldaran army has pulled its artillery back from the river towns under the "
                  "ceasefire. They will respond only to attacks on the ceasefire line.")
    found = speakers("Press release: UNMIV welcomes the river ceasefire", *paragraphs)
    assert speaker_of(found, "They will respond only") == "United Nations Mission in Veldara"
    # the same paragraphs as a news report: "they" is the army
    found = speakers(None, *paragraphs)
    assert speaker_of(found, "They will respond only") != "United Nations Mission in Veldara"


def test_an_opinion_piece_recounting_a_partys_act_is_its_writers():
    # a reporting verb whose object is the act itself ("announced a truce"), not anyone's words, is the writer's
    # account (the house convention: every sentence of an op-ed is its author's); a party's say by a clause
    # ("wants the ceasefire to hold") stays the party's
    found = speakers("Opinion: The river ceasefire is a pause, not a peace", *_COLUMN,
                     "On Friday the Northern Front announced a ten-day ceasefire along the river.",
                     "The Northern Front says the ceasefire will hold until spring.",
                     "Orla Kestrel is a former diplomat who served in Dravenmoor.")
    assert speaker_of(found, "On Friday the Northern Front announced") == "Orla Kestrel"
    assert speaker_of(found, "The Northern Front says") == "Northern Front"
