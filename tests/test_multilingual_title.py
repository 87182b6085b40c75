"""French and Russian articles whose title names them as their issuer's own document ("Заявление МИД X ...",
"Communiqué du ministère ..."): the issuer speaks the sentences no one else is found to say (issue #20).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.dedup.exact import PARAGRAPH_SEPARATOR
from pipeline.nlp import french, russian
from pipeline.nlp.multilingual import language_cues, language_lexicon
from pipeline.nlp.resolve import resolve_article

MODULES = {"fr": french, "ru": russian}


def titled_speakers(language: str, title: str | None, paragraphs: list[str]) -> dict[str, str | None]:
    """Sentence -> speaker of the article ``paragraphs`` under ``title``, as the NLP stage resolves them."""
    module = MODULES[language]
    analyses = {a.paragraph_id: a for a in module.analyse_paragraphs([(f"p{i}", p) for i, p in enumerate(paragraphs)])}
    occurrences, offset = [], 0
    for i, p in enumerate(paragraphs):
        occurrences.append((i, f"p{i}", offset))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    resolved = resolve_article("a", occurrences, analyses, language_lexicon(language), title)
    return {s.text: s.speaker for s in resolved.statements}


RU_STATEMENT = [
    "Министерство иностранных дел Республики Молдова приветствует договорённость о прекращении огня в Приморском районе.",
    "Мы исходим из того, что перемирие будет устойчивым лишь при условии отвода тяжёлой техники от линии фронта.",
]
FR_COMMUNIQUE = [
    "Le ministère des Affaires étrangères du Sénégal salue le cessez-le-feu conclu mardi au Soudan.",
    "Nous demandons au gouvernement de transition de respecter strictement la trêve.",
]


def test_a_russian_statement_titled_so_speaks_in_its_issuers_voice():
    title = "Заявление МИД Молдавии в связи с договорённостью о прекращении огня"
    got = titled_speakers("ru", title, RU_STATEMENT)
    assert got[RU_STATEMENT[1]] == got[RU_STATEMENT[0]]
    assert got[RU_STATEMENT[1]] and "Молдова" in got[RU_STATEMENT[1]]
    # the same text under a news headline: its "we" has no issuer
    assert titled_speakers("ru", "В Приморском районе объявлено перемирие", RU_STATEMENT)[RU_STATEMENT[1]] is None


def test_a_french_communique_titled_so_speaks_in_its_issuers_voice():
    got = titled_speakers("fr", "Communiqué du ministère des Affaires étrangères sur la trêve au Soudan", FR_COMMUNIQUE)
    assert got[FR_COMMUNIQUE[1]] and "Affaires étrangères" in got[FR_COMMUNIQUE[1]]
    assert titled_speakers("fr", "Soudan : une trêve fragile", FR_COMMUNIQUE)[FR_COMMUNIQUE[1]] is None


def test_a_headline_about_a_statement_is_no_document_of_its_issuer():
    # the story opens on someone else, not on the issuer speaking: a reporter's narrative, not the ministry's
    paragraphs = [
        "В Корвании резко отреагировали на заявление МИД Валдории о перемирии в Приморском районе.",
        "Тем временем в Приморском районе возобновились обстрелы, несмотря на перемирие.",
    ]
    got = titled_speakers("ru", "Заявление МИД Валдории возмутило Корванию", paragraphs)
    assert got[paragraphs[1]] is None


@pytest.mark.parametrize(("language", "title", "voice"), [
    ("ru", "Заявление МИД Валдории в связи с перемирием", True),
    ("ru", "Совместное коммюнике Валдории и Корвании", True),
    ("ru", "Заявление о перемирии в Приморском районе", False),  # names no issuer
    ("ru", "Валдория объявила перемирие", False),
    ("fr", "Communiqué du gouvernement de la Valdorie", True),
    ("fr", "Déclaration conjointe : cessez-le-feu à Korvane", True),
    ("fr", "Cessez-le-feu à Korvane (communiqué)", True),
    ("fr", "Déclarations contradictoires sur la trêve", False),
    ("fr", "Korvane : le gouvernement salue la trêve", False),
])
def test_title_genres(language, title, voice):
    assert bool(language_cues(language).title_voice.search(title)) is voice


FR_TRIBUNE = [
    "Le cessez-le-feu conclu mardi ne tiendra pas sans observateurs sur le terrain.",
    "La trêve est entrée en vigueur à minuit, mais les tirs d'artillerie ont repris dès le lendemain.",
    "Jeanne Morvan-Keita est une ancienne diplomate sénégalaise, spécialiste des conflits au Sahel.",
]
RU_COLUMN = [
    "Перемирие в Приморском районе не продержится до весны без международных наблюдателей.",
    "Прекращение огня вступило в силу в полночь, но обстрелы возобновились уже на следующий день.",
    "Ирина Соколова — бывший дипломат, эксперт по конфликтам в Причерноморье.",
]


@pytest.mark.parametrize("language, title, paragraphs, writer", [
    ("fr", "Tribune : la trêve au Soudan ne tiendra pas sans observateurs", FR_TRIBUNE, "Jeanne Morvan-Keita"),
    ("ru", "Мнение: перемирие в Приморском районе не продержится", RU_COLUMN, "Ирина Соколова"),
])
def test_a_signed_opinion_piece_is_its_writers_every_sentence(language, title, paragraphs, writer):
    # the house convention: every sentence of an opinion piece is its signed writer's, facts as much as judgements
    got = titled_speakers(language, title, paragraphs)
    assert got[paragraphs[0]] == writer
    assert got[paragraphs[1]] == writer
    # the same text under a news headline: no one signs it
    assert titled_speakers(language, "Soudan : une trêve fragile" if language == "fr" else
                           "В Приморском районе объявлено перемирие", paragraphs)[paragraphs[1]] is None
