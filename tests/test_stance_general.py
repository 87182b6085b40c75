"""Stance mechanisms meant to hold on text nobody tuned on: the evaluative lexicon
(pipeline/nlp/data/evaluation.toml) read through the parse, who the subject of a position is, and the
non-military truce filter. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from conftest import article_statements
from pipeline.errors import ConfigError
from pipeline.nlp.lexicon import load_lexicon, parse_evaluation


def statements(*paragraphs: str, conflict: bool = True):
    return article_statements(*paragraphs, conflict=conflict)


def stance_of(paragraph: str) -> str:
    found = [s for s in statements(paragraph) if s.text.startswith(paragraph[:12])]
    assert len(found) == 1, [s.text for s in statements(paragraph)]
    return found[0].stance


@pytest.mark.parametrize("paragraph, expected", [
    # pretence and futility words about the truce: a dismissal with no cue verb
    ("\u201cThe ceasefire is a charade staged for the television crews,\u201d said Colonel Ilse Marr.", "oppose"),
    ("\u201cThis truce is written in sand,\u201d said Oren Tal, a former negotiator.", "oppose"),
    # a negated pretence word is no dismissal
    ("\u201cThis is no charade: our ceasefire is real,\u201d said Colonel Ilse Marr.", "neutral"),
    # sincerity denied
    ("\u201cThe ceasefire offer is not serious,\u201d said Colonel Ilse Marr.", "oppose"),
    ("\u201cIt is a pause for the wounded, not a commitment to peace,\u201d Colonel Ilse Marr said of the ceasefire.",
     "oppose"),
    # existence restricted by "only"
    ("\u201cTheir truce exists only in their press releases,\u201d said Colonel Ilse Marr.", "oppose"),
    # a failure foretold is a doubt; with a clause that conditions it, a condition
    ("\u201cThe ceasefire will not hold past Friday,\u201d said Colonel Ilse Marr.", "oppose"),
    ("\u201cThe ceasefire cannot last while our people are still held hostage,\u201d said Colonel Ilse Marr.",
     "conditional"),
])
def test_evaluative_language_about_the_truce(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_a_doubt_without_the_topic_word_in_a_quote_about_the_truce():
    paragraph = ("\u201cWe were promised a ceasefire by Sunday,\u201d said Colonel Ilse Marr. \u201cHonestly, I do not "
                 "see it.\u201d")
    found = [s for s in statements(paragraph) if s.text.startswith("\u201cHonestly")]
    assert [s.stance for s in found] == ["oppose"]


def test_seeing_no_violations_is_not_a_doubt():
    assert stance_of("\u201cWe did not see any violations of the ceasefire overnight,\u201d said Colonel Ilse "
                     "Marr.") != "oppose"


def test_a_bad_evaluation_file_is_a_config_error():
    with pytest.raises(ConfigError, match="evaluation"):
        parse_evaluation(b"[negative\npretence = [", "mine.toml")


@pytest.mark.parametrize("paragraph, expected", [
    # a hyphenated modifier, an agent noun, a clause of manner: nobody takes a position
    ("A Qatar-backed truce between the two armies held through the night, the defence ministry said.", "neutral"),
    ("\u201cWe have started pulling our tanks back from the river, as agreed under the ceasefire,\u201d said Colonel "
     "Ilse Marr.", "neutral"),
    # a claim about what is being done now is a claim of compliance; a promise is support
    ("\u201cOur gunners are respecting the ceasefire along the whole river,\u201d said Colonel Ilse Marr.", "neutral"),
    ("\u201cOur gunners are observing the ceasefire along the whole river,\u201d said Colonel Ilse Marr.", "neutral"),
    ("\u201cWe will respect the ceasefire from midnight,\u201d said Colonel Ilse Marr.", "support"),
    # both sides keeping to it, told by a mediator: an announcement
    ("\u201cBoth armies have committed to holding their positions under the ceasefire,\u201d the envoy, Tomas Ruud, "
     "said.", "neutral"),
    ("The Republic of Vestland and Ostmark agreed to a renewed ceasefire from midnight, the envoy said.", "neutral"),
    # a truce declared by someone who then attacked: an accusation, not a declaration
    ("The mayor said the rebels proclaimed a ceasefire on Friday and shelled the market on Sunday.", "neutral"),
    ("\u201cThey sign a truce every spring and bomb our villages every summer,\u201d said Colonel Ilse Marr.",
     "neutral"),
    # a declaration that dates another story is not the speaker's own
    ("The defence ministry said the rebels had fired 40 rockets since announcing the ceasefire.", "neutral"),
    # the reporting verb the small model hangs on the subject as a clause is still the main verb
    ("Vestland's army, known locally as the Blue Guard, announced on Monday that it would extend a temporary "
     "ceasefire by ten days to allow repairs.", "support"),
])
def test_who_takes_the_position(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_observers_are_people_not_a_claim_of_compliance():
    # "observers" is no form of "observe": the agreement to let them in is the position
    paragraph = ("The two armies agreed to extend the ceasefire and to let observers from the regional bloc visit the "
                 "front line, the envoy, Tomas Ruud, said.")
    assert stance_of(paragraph) == "neutral"


def test_a_truce_followed_by_a_withdrawal_is_no_accusation():
    assert stance_of("The rebels agreed to a truce and withdrew their fighters from the bridge, the mayor "
                     "said.") == "support"


@pytest.mark.parametrize("paragraph", [
    "The dockworkers' union and the port employers agreed a truce on Monday, suspending the walkout while talks "
    "on pay continue.",
    "The couple's lawyers said the ceasefire in their divorce had lasted barely a week before the custody fight "
    "resumed.",
    "The two software firms declared a truce in their licensing row, dropping lawsuits over the database code.",
    "Armistice, the new fragrance from the Paris house, sold out in three days, the company said.",
    "In the game's final level, players must defend the ceasefire line against waves of robots, the studio said.",
    "The rival fan groups agreed to a truce ahead of the derby, police said.",
    "The two families called a truce over the inheritance after a year of feuding.",
    "\u201cThe truce lasts until the budget is passed,\u201d said Mara Lind, a senior lawmaker. \u201cIf they touch the "
    "pension age, we walk out.\u201d",
    "The two clubs have been in a ceasefire of their own over stadium rents since the spring.",
    "Analysts said the truce would not hold if either carmaker cut its prices again.",
])
def test_a_truce_between_parties_that_are_not_armed_is_no_statement(paragraph):
    # the article around it is about a war (CONFLICT_PARAGRAPH): the truce's own frame tells it is figurative
    assert statements(paragraph) == []


@pytest.mark.parametrize("paragraph", [
    "The ceasefire between the army and the rebels allowed farmers to return to their fields, the governor said.",
    "The ceasefire between farmers and herders in the plateau region has held since March, police said.",
    "\u201cThe ceasefire lets our children go back to school,\u201d said Amina Yusuf, a mother of four.",
    "Families of the hostages welcomed the ceasefire on Sunday.",
    "The African Union brokered a ceasefire between the two armies on Friday.",
    # schools are what a war burns and closes, not a party to a truce: the men who loot them are the truce's other side
    "\u201cThere will be no truce with men who loot our schools,\u201d the governor said on Friday.",
])
def test_civilians_touched_by_a_real_truce_stay(paragraph):
    assert len(statements(paragraph)) == 1


def test_a_figurative_truce_does_not_take_the_sentence_before_it():
    real = "The rebels declared a three-day ceasefire on Friday, their spokesman said."
    paragraph = ("The defence ministry said on Sunday that operations against the rebels would not be suspended over "
                 "the holidays. Meanwhile, the mayor's truce with the teachers' union over pay faces its first vote.")
    assert [s.text[:20] for s in statements(real, paragraph)] == ["The rebels declared ", "The defence ministry"]


def test_an_article_about_a_figurative_truce_loses_its_other_truce_sentences():
    # two everyday "fight" words do not make a war when the article's truce is between a union and an employer
    paragraphs = (
        "The train drivers' union and the rail operator agreed a truce on Friday after a long fight over rosters.",
        "\u201cThe ceasefire gives both sides time to think,\u201d said Petra Nilsen, who leads the union.",
        "Managers said they would fight any return to the old timetable.",
    )
    assert statements(*paragraphs, conflict=False) == []


def test_a_war_article_with_a_figurative_aside_keeps_its_statements():
    paragraphs = (
        "Rebel fighters shelled the outskirts of the city overnight and two soldiers were killed, the army said.",
        "The rebels declared a three-day ceasefire on Friday, their spokesman said.",
        "Meanwhile, the mayor's truce with the teachers' union over pay faces its first vote.",
    )
    assert [s.text[:10] for s in statements(*paragraphs, conflict=False)] == ["The rebels"]


def test_words_of_war_counted_for_the_article_only_do_not_make_a_sentence_topical():
    lexicon = load_lexicon()
    sentence = "Trucks were held for days at checkpoints near the brigade's base."
    assert lexicon.context_hits(sentence) == 0 < lexicon.context_hits(sentence, article=True)


@pytest.mark.parametrize("paragraph, expected", [
    # a denial or a report of no violation is a claim (neutral); a promise not to violate is support
    ("The northern command said its units had not violated the ceasefire at any point.", "neutral"),
    ("The monitoring mission says it has recorded no serious violations of the truce since May.", "neutral"),
    ("\u201cThey have not stopped violating the ceasefire for a single day,\u201d said Colonel Ilse Marr.", "neutral"),
    ("\u201cWe will never violate the ceasefire,\u201d said Colonel Ilse Marr.", "support"),
    # failing to keep it is breaking it
    ("Each army accuses the other of failing to respect the ceasefire.", "neutral"),
    # a threat whose verb is quoted is still a condition
    ("The ministry warned that its forces would \u201crespond firmly\u201d to any breach of the ceasefire.",
     "conditional"),
])
def test_violations_denied_reported_and_threatened(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # scepticism from experience: a perfect "seen"/"heard" of the speaker with a marker of repetition
    ("\u201cWe have seen this kind of ceasefire before,\u201d said Colonel Ilse Marr.", "oppose"),
    ("\u201cI have heard about a truce every spring since the war began,\u201d said Colonel Ilse Marr.", "oppose"),
    ("\u201cWe have seen a steady fall in shelling since the ceasefire,\u201d said Colonel Ilse Marr.", "neutral"),
    # a copula that calls it one thing and not another redefines it as less; a valued name does not
    ("\u201cThis ceasefire is a bandage, not a treatment,\u201d said Colonel Ilse Marr.", "oppose"),
    ("\u201cThe ceasefire is a first step, not the last one,\u201d said Colonel Ilse Marr.", "neutral"),
    ("\u201cIt is a ceasefire, not a surrender,\u201d said Colonel Ilse Marr.", "neutral"),
])
def test_scepticism_from_experience_and_contrast(paragraph, expected):
    assert stance_of(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a proposal that dates another event is nobody's position in this sentence
    ("The summit was held a day after the rebels proposed a ten-day ceasefire, the ministry said.", "neutral"),
    # readiness and restraint promised are support
    ("\u201cWe are ready for an unconditional ceasefire along the whole front,\u201d said Colonel Ilse Marr.",
     "support"),
    ("\u201cOur units will refrain from offensive operations during the ceasefire,\u201d said Colonel Ilse Marr.",
     "support"),
    # a truce that gives the other side time is a doubt
    ("\u201cThe ceasefire only gives the other army time to rest and recover,\u201d said Colonel Ilse Marr.", "oppose"),
])
def test_dates_readiness_restraint_and_respite(paragraph, expected):
    assert stance_of(paragraph) == expected


def test_a_halt_named_by_a_gerund_is_a_truce_term():
    lexicon = load_lexicon()
    assert lexicon.matches("The movement said it would stop attacking merchant ships in the strait.")
    assert lexicon.matches("Both armies agreed to cease firing at midnight.")


def test_an_article_whose_only_conflict_words_are_inflected_attacks_is_about_a_war():
    paragraphs = (
        "The movement said on Monday it would stop attacking merchant ships in the strait under a deal brokered "
        "by its neighbour.",
        "\u201cIf the aggression resumes, our operations will resume,\u201d its spokesman, Karim Aziz, said.",
    )
    assert len(statements(*paragraphs, conflict=False)) == 2


def test_a_transcript_turn_is_the_speakers_own_words():
    paragraphs = (
        "Rebel artillery shelled the port overnight, the army said.",
        "QUESTION: Will you accept the ceasefire the envoys proposed?",
        "MARR: We have read the ceasefire text carefully. We will study it with our commanders this week.",
    )
    found = statements(*paragraphs, conflict=False)
    assert [s.text.split(":")[-1].strip()[:10] for s in found] == ["We have re", "We will st"]
    assert all(s.direct_quote for s in found)


def test_a_question_the_narrative_asks_is_a_heading_not_a_statement():
    paragraphs = ("The rebels declared a three-day ceasefire on Friday, their spokesman said.",
                  "What did the ceasefire change?")
    assert [s.text[:10] for s in statements(*paragraphs)] == ["The rebels"]
    quoted = "\u201cWhat will this ceasefire change for us?\u201d asked Colonel Ilse Marr."
    assert stance_of(quoted) == "oppose"


@pytest.mark.parametrize("paragraph, expected", [
    # a violation in a clause that says which truce is not the sentence's accusation: the main clause judges it
    ("\u201cA ceasefire that is declared at noon and broken by dusk is not a ceasefire,\u201d said Colonel Ilse Marr.",
     "oppose"),
    # no reason to trust it is a doubt
    # not confirming it is silence, not a refusal
    ("The rebel command has not publicly confirmed the ceasefire.", "neutral"),
])
def test_which_truce_distrust_and_silence(paragraph, expected):
    assert stance_of(paragraph) == expected


# A truce sentence with a word of civilian life (a birthday, a firm) is framed civilian by the article-level trap
# filter (pipeline/nlp/context.py); in an article whose other truce sentences are armed it keeps its stance.
ARMED_TRUCE = ("The army and the rebels agreed a ceasefire on Monday after a week of shelling. Troops along the "
               "front line were ordered to hold fire under the truce from midnight.")


@pytest.mark.parametrize("paragraph, expected", [
    ("\u201cThey sign truces the way people sign birthday cards, without meaning it,\u201d said Colonel Ilse Marr.",
     "oppose"),
    ("The shipping firm said it saw no reason yet to trust the ceasefire and would keep its ships away.", "oppose"),
])
def test_civilian_words_in_an_armed_truce_article(paragraph, expected):
    found = [s for s in statements(ARMED_TRUCE, paragraph) if s.text.startswith(paragraph[:12])]
    assert [s.stance for s in found] == [expected]
