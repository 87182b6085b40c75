from pipeline.dedup.exact import PARAGRAPH_SEPARATOR, dedup_paragraphs, normalize_paragraph, paragraph_id


def test_normalisation_unifies_quotes_dashes_space_case_and_width():
    a = "\u201cWe agree,\u201d  the minister said \u2014 twice.\u200b"
    b = '"we agree," the MINISTER said - twice.'
    assert normalize_paragraph(a) == normalize_paragraph(b)
    assert paragraph_id("\uff21BC") == paragraph_id("abc")  # full-width forms (NFKC)
    assert paragraph_id("one word") != paragraph_id("one other word")


def test_in_article_repeats_kept_once_and_recorded_with_first_position():
    paragraphs = ["Headline", "Headline", "P1", "P2", "P3", "p1", "P2 ", "P4"]
    occurrences, text = dedup_paragraphs(paragraphs)
    assert [o.position for o in occurrences] == list(range(8))
    assert [o.repeat_of for o in occurrences] == [None, 0, None, None, None, 2, 3, None]
    assert text.split(PARAGRAPH_SEPARATOR) == ["Headline", "P1", "P2", "P3", "P4"]
    for o in occurrences:
        if o.repeat_of is None:
            assert text[o.text_start : o.text_end] == o.text
        else:
            assert o.text_start is None and o.paragraph_id == occurrences[o.repeat_of].paragraph_id


def test_blank_paragraphs_are_not_occurrences():
    occurrences, text = dedup_paragraphs(["A", "  ", "", "B"])
    assert [o.text for o in occurrences] == ["A", "B"]
    assert text == "A\n\nB"
