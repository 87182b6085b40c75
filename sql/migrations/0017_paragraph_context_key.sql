-- 0017: the paragraph cache is keyed by the paragraph and the context its rules read (issues #14, #20).
--
-- Some rules read more than a paragraph's own text: the paragraph before it in its article (a quotation right after
-- a paragraph about the truce speaks of it) and the acronyms the article gave its truce before it ("the CoHA"). One
-- paragraph text appears in several articles with another paragraph before it; keyed by paragraph alone, the first
-- article analysed fixed the cached analysis for all the others, so the tables depended on ingestion order. Each
-- analysis now carries ``context_key`` (pipeline.nlp.stage.context_keys: a hash of the paragraph before and of the
-- article's earlier truce names) and is looked up by (paragraph_id, context_key). Rows cached before this
-- migration get the empty key, which no lookup asks for: each paragraph is analysed again in its context the next
-- time an article carries it. DuckDB cannot change a primary key in place, so each table is copied out and back
-- into its new definition (as in 0015); columns added by later migrations of these tables must be added here too.

CREATE TEMP TABLE migrate_paragraph_analyses AS SELECT * FROM paragraph_analyses;
DROP TABLE paragraph_analyses;
-- grain: one row per analysed paragraph in one context; key: (paragraph_id, context_key)
CREATE TABLE paragraph_analyses (
    paragraph_id    VARCHAR NOT NULL,
    context_key     VARCHAR NOT NULL DEFAULT '',  -- hash of what the rules read beyond the paragraph ('' = none)
    version         VARCHAR NOT NULL,     -- rules/model/gazetteer/lexicon it was analysed with
    analysed_at     TIMESTAMPTZ NOT NULL,
    sentences       INTEGER,
    entity_count    INTEGER,
    statement_count INTEGER,
    context_hits    INTEGER,              -- words of armed conflict (the lexicon's context): articles need a few
    heading         BOOLEAN,              -- one short sentence, a question or with no stop
    PRIMARY KEY (paragraph_id, context_key)
);
INSERT INTO paragraph_analyses BY NAME SELECT * FROM migrate_paragraph_analyses;
DROP TABLE migrate_paragraph_analyses;

CREATE TEMP TABLE migrate_paragraph_entities AS SELECT * FROM paragraph_entities;
DROP TABLE paragraph_entities;
-- grain: one row per entity span in a paragraph's analysis; key: (paragraph_id, context_key, start_char, end_char)
CREATE TABLE paragraph_entities (
    paragraph_id  VARCHAR NOT NULL,
    context_key   VARCHAR NOT NULL DEFAULT '',
    start_char    INTEGER NOT NULL,       -- offsets into paragraphs.text
    end_char      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,       -- possessive stripped, gazetteer-canonical
    label         VARCHAR NOT NULL,
    prefix        VARCHAR,                -- words before it (titles: "Foreign Minister")
    written       VARCHAR,                -- Russian: the written form's nominative ("Кремль" for "Кремле"); NULL otherwise
    PRIMARY KEY (paragraph_id, context_key, start_char, end_char)
);
INSERT INTO paragraph_entities BY NAME SELECT * FROM migrate_paragraph_entities;
DROP TABLE migrate_paragraph_entities;

CREATE TEMP TABLE migrate_paragraph_statements AS SELECT * FROM paragraph_statements;
DROP TABLE paragraph_statements;
-- grain: one row per statement candidate in a paragraph's analysis; key: (paragraph_id, context_key, start_char)
CREATE TABLE paragraph_statements (
    paragraph_id   VARCHAR NOT NULL,
    context_key    VARCHAR NOT NULL DEFAULT '',
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    direct_quote   BOOLEAN NOT NULL,
    speaker_text   VARCHAR,
    speaker_kind   VARCHAR NOT NULL,      -- name | pronoun | role | continuation | none
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    stance         VARCHAR NOT NULL,
    conditions     VARCHAR[],
    duration       VARCHAR,
    cameo_code     VARCHAR,
    rule           VARCHAR NOT NULL,
    evidence       VARCHAR NOT NULL,      -- term (a topic term) | weak (needs a term elsewhere in the article)
    cue_start      INTEGER,               -- paragraph-local offsets of the cue, NULL if none
    cue_end        INTEGER,
    PRIMARY KEY (paragraph_id, context_key, start_char)
);
INSERT INTO paragraph_statements BY NAME SELECT * FROM migrate_paragraph_statements;
DROP TABLE migrate_paragraph_statements;

CREATE TEMP TABLE migrate_paragraph_quotes AS SELECT * FROM paragraph_quotes;
DROP TABLE paragraph_quotes;
-- grain: one row per attribution in a paragraph's analysis; key: (paragraph_id, context_key, start_char)
CREATE TABLE paragraph_quotes (
    paragraph_id   VARCHAR NOT NULL,
    context_key    VARCHAR NOT NULL DEFAULT '',
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
    PRIMARY KEY (paragraph_id, context_key, start_char)
);
INSERT INTO paragraph_quotes BY NAME SELECT * FROM migrate_paragraph_quotes;
DROP TABLE migrate_paragraph_quotes;
