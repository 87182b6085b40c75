-- 0006: cross-article dedup (pipeline/dedup/crossdedup.py): near-duplicate paragraphs, per-host boilerplate, stories.
-- Nothing is dropped: a boilerplate paragraph stays in article_paragraphs (flagged) and articles.text is rebuilt
-- from the occurrences whenever the boilerplate of its host changes.

ALTER TABLE paragraphs ADD COLUMN near_duplicate_of VARCHAR;        -- the canonical paragraph this one nearly repeats; NULL: canonical
ALTER TABLE paragraphs ADD COLUMN near_duplicate_similarity DOUBLE; -- Jaccard similarity of the word shingles to the best match
ALTER TABLE paragraphs ADD COLUMN lsh_version VARCHAR;              -- MinHash/LSH parameters it was checked with; NULL: not checked yet

ALTER TABLE article_paragraphs ADD COLUMN text VARCHAR;             -- as written in this article, when it differs from paragraphs.text
ALTER TABLE article_paragraphs ADD COLUMN boilerplate BOOLEAN DEFAULT false;  -- site chrome of this host: not in articles.text

ALTER TABLE articles ADD COLUMN host VARCHAR;                       -- the site, from canonical_url (www. dropped)
ALTER TABLE articles ADD COLUMN story_id VARCHAR;                   -- stories.story_id: reprints and syndicated copies share it
ALTER TABLE articles ADD COLUMN boilerplate_count INTEGER;          -- occurrences left out of text as site boilerplate

UPDATE articles SET host = regexp_replace(lower(regexp_extract(canonical_url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)', 1)), '^www\.', '');

-- grain: one row per (LSH band bucket, paragraph); no key (a bucket holds many paragraphs). The near-duplicate
-- index: paragraphs sharing a bucket are candidates, verified exactly. Rows: bands per indexed paragraph.
CREATE TABLE paragraph_lsh (
    bucket        BIGINT NOT NULL,
    paragraph_id  VARCHAR NOT NULL
);

-- grain: one row per (host, canonical paragraph) seen in at least N articles of that host; key: (host, paragraph_id)
CREATE TABLE host_boilerplate (
    host           VARCHAR NOT NULL,
    paragraph_id   VARCHAR NOT NULL,      -- canonical paragraph (near-duplicates of it count as the same chrome)
    article_count  INTEGER NOT NULL,      -- distinct articles of the host containing it
    marked_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (host, paragraph_id)
);

-- grain: one row per story (a cluster of articles whose paragraphs overlap strongly); key: story_id
-- (= article_id of the story's first article, so it does not depend on the order articles arrived in)
CREATE TABLE stories (
    story_id            VARCHAR PRIMARY KEY,
    first_article_id    VARCHAR NOT NULL,
    first_published_at  TIMESTAMPTZ,
    last_published_at   TIMESTAMPTZ,
    title               VARCHAR,          -- the first article's title
    article_count       INTEGER NOT NULL,
    outlet_count        INTEGER NOT NULL,
    outlets             VARCHAR[],        -- hosts, sorted
    updated_at          TIMESTAMPTZ NOT NULL
);
