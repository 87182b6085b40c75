-- 0009: attributions (who said what), every one in an English article, not only ceasefire ones. Built like
-- entities: a paragraph-level cache (keyed by paragraph hash; replaced when the paragraph is re-analysed) and an
-- article-level table derived from it (quotations continued over paragraphs joined, sources resolved to names).
-- Paragraphs analysed before this migration have no attributions: their analysis version changes with this
-- release, so each is analysed again the next time an article carries it (`newsdesk reprocess` does all now).

-- grain: one row per attribution in a distinct paragraph; key: (paragraph_id, start_char)
CREATE TABLE paragraph_quotes (
    paragraph_id   VARCHAR NOT NULL,
    start_char     INTEGER NOT NULL,      -- the content, offsets into paragraphs.text
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    direct         BOOLEAN NOT NULL,
    speaker_text   VARCHAR,               -- the source as written (role sources carry "|head|number" for resolution)
    speaker_kind   VARCHAR NOT NULL,      -- name | pronoun | role | other | continuation | none
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    speaker_name   VARCHAR,               -- the named entity the source is, where it is one
    cue            VARCHAR,
    cue_start      INTEGER,
    cue_end        INTEGER,
    rule           VARCHAR NOT NULL,
    opens          BOOLEAN NOT NULL,      -- ends inside a quotation left open at the paragraph's end
    continues      BOOLEAN NOT NULL,      -- a quotation opening the paragraph without a cue of its own
    source         VARCHAR,               -- the source mention as written: text[speaker_start:speaker_end]
    PRIMARY KEY (paragraph_id, start_char)
);

-- grain: one row per attribution in an article; key: quote_id
CREATE TABLE quotes (
    quote_id           VARCHAR PRIMARY KEY,
    article_id         VARCHAR NOT NULL,
    paragraph_id       VARCHAR NOT NULL,  -- the paragraph the content starts in
    position           INTEGER NOT NULL,  -- article_paragraphs.position of that paragraph
    end_position       INTEGER NOT NULL,  -- ... and of the paragraph it ends in (a quotation continued over paragraphs)
    start_char         INTEGER NOT NULL,  -- the content span, offsets into articles.text (end exclusive)
    end_char           INTEGER NOT NULL,
    text               VARCHAR NOT NULL,  -- the content as written; an interrupted quotation keeps its attribution inside
    speaker            VARCHAR,           -- who it resolves to: the fullest name in the article, else the source as written
    speaker_entity_id  VARCHAR,           -- entities.entity_id when the speaker is a named entity
    speaker_kind       VARCHAR NOT NULL,  -- how the source was found: name | pronoun | role | other | continuation | none
    source_text        VARCHAR,           -- the source mention as written ("he", "the minister", "Kyiv")
    speaker_start      INTEGER,           -- offsets of that mention in articles.text
    speaker_end        INTEGER,
    cue                VARCHAR,           -- the reporting verb or phrase as written ("said", "according to")
    cue_start          INTEGER,
    cue_end            INTEGER,
    direct             BOOLEAN NOT NULL,  -- the content is (mostly) in quotation marks
    rule               VARCHAR NOT NULL   -- which rule produced it: clause:say, infinitive:plan, preposition:according to, ...
);

ALTER TABLE ceasefire_statements ADD COLUMN quote_id VARCHAR;  -- the attribution the statement belongs to
