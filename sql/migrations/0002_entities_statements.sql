-- 0002: entities and ceasefire statements. Paragraph-level tables cache the expensive analysis (keyed by
-- paragraph hash and analysis version); article-level tables are derived from them per article.

ALTER TABLE articles ADD COLUMN nlp_status VARCHAR;   -- analysed | not_english | no_text | disabled; NULL = not loaded by an NLP-aware pass
ALTER TABLE articles ADD COLUMN nlp_version VARCHAR;

-- grain: one row per analysed paragraph; key: paragraph_id
CREATE TABLE paragraph_analyses (
    paragraph_id    VARCHAR PRIMARY KEY,
    version         VARCHAR NOT NULL,     -- rules/model/gazetteer/lexicon it was analysed with
    analysed_at     TIMESTAMPTZ NOT NULL,
    sentences       INTEGER,
    entity_count    INTEGER,
    statement_count INTEGER,
    context_hits    INTEGER               -- words of armed conflict (the lexicon's context): articles need a few
);

-- grain: one row per entity span in a distinct paragraph; key: (paragraph_id, start_char)
CREATE TABLE paragraph_entities (
    paragraph_id  VARCHAR NOT NULL,
    start_char    INTEGER NOT NULL,       -- offsets into paragraphs.text
    end_char      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,       -- possessive stripped, gazetteer-canonical
    label         VARCHAR NOT NULL,
    prefix        VARCHAR,                -- words before it (titles: "Foreign Minister")
    PRIMARY KEY (paragraph_id, start_char)
);

-- grain: one row per statement candidate in a distinct paragraph; key: (paragraph_id, start_char)
CREATE TABLE paragraph_statements (
    paragraph_id   VARCHAR NOT NULL,
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
    PRIMARY KEY (paragraph_id, start_char)
);

-- grain: one row per entity (normalised name + label); key: entity_id
CREATE TABLE entities (
    entity_id         VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    label             VARCHAR NOT NULL,   -- PERSON | ORG | GPE | LOC | NORP | FAC | EVENT
    first_article_id  VARCHAR,
    first_seen_at     TIMESTAMPTZ
);

-- grain: one row per entity mention in an article's text; key: (article_id, start_char)
CREATE TABLE entity_mentions (
    article_id  VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,         -- offsets into articles.text
    end_char    INTEGER NOT NULL,
    entity_id   VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,         -- as written ("Putin"); entities.name is the resolved name
    label       VARCHAR NOT NULL,
    position    INTEGER NOT NULL,         -- article_paragraphs.position of the paragraph
    PRIMARY KEY (article_id, start_char)
);

-- grain: one row per ceasefire statement (a sentence) in an article; key: statement_id
CREATE TABLE ceasefire_statements (
    statement_id       VARCHAR PRIMARY KEY,
    article_id         VARCHAR NOT NULL,
    paragraph_id       VARCHAR NOT NULL,
    position           INTEGER NOT NULL,
    start_char         INTEGER NOT NULL,  -- offsets into articles.text
    end_char           INTEGER NOT NULL,
    text               VARCHAR NOT NULL,
    speaker            VARCHAR,           -- resolved fullest name; NULL for the article's own narrative
    speaker_entity_id  VARCHAR,
    speaker_kind       VARCHAR,           -- how the speaker was found: name | pronoun | role | continuation | none
    direct_quote       BOOLEAN NOT NULL,
    stance             VARCHAR NOT NULL,  -- support | conditional | oppose | neutral
    conditions         VARCHAR[],
    duration           VARCHAR,
    cameo_code         VARCHAR,           -- 0871 | 0256 | 0356 | 1056 | 1246 | 196
    rule               VARCHAR NOT NULL,  -- which rule produced it (auditable)
    topic              VARCHAR NOT NULL
);
