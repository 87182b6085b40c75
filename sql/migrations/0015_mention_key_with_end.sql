-- 0015: an entity mention is keyed by its whole span, not by its first character (issue #14).
--
-- Mentions may nest: "the Lebanese army" names the nationality and the army, "Sudan Armed Forces" names the
-- country inside the body. Keyed by (…, start_char), two mentions that start on one character collided, and the
-- load kept one of them (the rules were bent never to produce such a pair, and the load logs one if they do).
-- The key is now (…, start_char, end_char): a mention is its span. DuckDB cannot change a primary key in place,
-- so each table is copied out and back into its new definition, in this migration's one transaction; columns
-- added by later migrations of these tables must be added here too.

CREATE TEMP TABLE migrate_paragraph_entities AS SELECT * FROM paragraph_entities;
DROP TABLE paragraph_entities;
-- grain: one row per entity span in a distinct paragraph; key: (paragraph_id, start_char, end_char)
CREATE TABLE paragraph_entities (
    paragraph_id  VARCHAR NOT NULL,
    start_char    INTEGER NOT NULL,       -- offsets into paragraphs.text
    end_char      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,       -- possessive stripped, gazetteer-canonical
    label         VARCHAR NOT NULL,
    prefix        VARCHAR,                -- words before it (titles: "Foreign Minister")
    written       VARCHAR,                -- Russian: the written form's nominative ("Кремль" for "Кремле"); NULL otherwise
    PRIMARY KEY (paragraph_id, start_char, end_char)
);
INSERT INTO paragraph_entities BY NAME SELECT * FROM migrate_paragraph_entities;
DROP TABLE migrate_paragraph_entities;

CREATE TEMP TABLE migrate_entity_mentions AS SELECT * FROM entity_mentions;
DROP TABLE entity_mentions;
-- grain: one row per entity mention in an article's text; key: (article_id, start_char, end_char)
CREATE TABLE entity_mentions (
    article_id  VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,         -- offsets into articles.text
    end_char    INTEGER NOT NULL,
    entity_id   VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,         -- as written ("Putin"); entities.name is the resolved name
    label       VARCHAR NOT NULL,
    position    INTEGER NOT NULL,         -- article_paragraphs.position of the paragraph
    PRIMARY KEY (article_id, start_char, end_char)
);
INSERT INTO entity_mentions BY NAME SELECT * FROM migrate_entity_mentions;
DROP TABLE migrate_entity_mentions;
