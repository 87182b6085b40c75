-- 0001: the core tables of newsdesk. Column names here are a contract other projects read: add, never rename.

-- grain: one row per feed the user follows; key: feed_url
CREATE TABLE feeds (
    feed_url              VARCHAR PRIMARY KEY,
    name                  VARCHAR,
    tags                  VARCHAR[],
    title                 VARCHAR,
    site_url              VARCHAR,
    format                VARCHAR,        -- feedparser's version: rss20, rss10, atom10, ...
    first_polled_at       TIMESTAMPTZ,
    last_polled_at        TIMESTAMPTZ,
    last_status           VARCHAR,        -- ok | malformed | http_error | timeout | too_large | refused | transport_error
    last_http_status      INTEGER,
    last_error            VARCHAR,
    bozo                  BOOLEAN,
    entries_last_poll     INTEGER,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    last_success_at       TIMESTAMPTZ
);

-- grain: one row per item of a feed (provenance: the same article may be listed by several feeds, or twice by one)
-- key: (feed_url, entry_id)
CREATE TABLE feed_entries (
    feed_url        VARCHAR NOT NULL,
    entry_id        VARCHAR NOT NULL,     -- guid/id, else the canonical link
    article_id      VARCHAR NOT NULL,
    link            VARCHAR NOT NULL,     -- as the feed gives it, tracking parameters included
    canonical_url   VARCHAR NOT NULL,
    title           VARCHAR,
    summary         VARCHAR,
    author          VARCHAR,
    published_at    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ,
    first_seen_at   TIMESTAMPTZ NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (feed_url, entry_id)
);

-- grain: one row per distinct article (canonical URL); key: article_id (hash of canonical_url)
CREATE TABLE articles (
    article_id      VARCHAR PRIMARY KEY,
    url             VARCHAR NOT NULL,     -- the link that was fetched
    canonical_url   VARCHAR NOT NULL,
    final_url       VARCHAR,              -- after redirects
    feed_url        VARCHAR,              -- the feed that first listed it
    entry_id        VARCHAR,
    title           VARCHAR,
    author          VARCHAR,
    published_at    TIMESTAMPTZ,          -- from the feed (UTC)
    page_date       VARCHAR,              -- the date the page itself states, as extracted
    fetched_at      TIMESTAMPTZ,
    language        VARCHAR,              -- ISO 639-1, detected from the text; NULL when too little text
    language_score  DOUBLE,
    site_name       VARCHAR,
    description     VARCHAR,
    status          VARCHAR NOT NULL,     -- ok | empty (no text found; summary used) | unsupported | failed
    http_status     INTEGER,
    error_kind      VARCHAR,              -- timeout | too_large | refused | transport_error | http_error
    error           VARCHAR,
    content_type    VARCHAR,
    text_source     VARCHAR,              -- extracted | feed_summary | NULL
    text            VARCHAR,              -- clean body, in-article repeats removed, paragraphs separated by a blank line
    content_hash    VARCHAR,              -- hash of text
    paragraph_count INTEGER,              -- occurrences on the page, repeats included
    repeat_count    INTEGER,              -- occurrences that repeat an earlier paragraph of the same article
    fetch_attempts  INTEGER NOT NULL DEFAULT 0,
    first_run_id    BIGINT,
    last_run_id     BIGINT
);

-- grain: one row per distinct normalised paragraph; key: paragraph_id (hash of the normalised text)
CREATE TABLE paragraphs (
    paragraph_id      VARCHAR PRIMARY KEY,
    text              VARCHAR NOT NULL,   -- the first occurrence as written
    char_count        INTEGER NOT NULL,
    first_article_id  VARCHAR NOT NULL,
    first_seen_at     TIMESTAMPTZ NOT NULL,
    article_count     INTEGER NOT NULL    -- distinct articles containing it
);

-- grain: one row per paragraph occurrence, in page order; key: (article_id, position)
CREATE TABLE article_paragraphs (
    article_id    VARCHAR NOT NULL,
    position      INTEGER NOT NULL,
    paragraph_id  VARCHAR NOT NULL,
    repeat_of     INTEGER,                -- position of the first occurrence in the same article; NULL if first
    text_start    INTEGER,                -- offsets into articles.text; NULL for repeats (not in the text)
    text_end      INTEGER,
    PRIMARY KEY (article_id, position)
);

CREATE SEQUENCE runs_run_id_seq START 1;

-- grain: one row per pass (ingest, demo); key: run_id
CREATE TABLE runs (
    run_id            BIGINT PRIMARY KEY DEFAULT nextval('runs_run_id_seq'),
    kind              VARCHAR NOT NULL,   -- ingest | demo
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,        -- NULL while running, or if the run was killed
    status            VARCHAR NOT NULL,   -- running | ok | failed
    feeds_polled      INTEGER,
    feeds_failed      INTEGER,
    entries_seen      INTEGER,
    articles_new      INTEGER,
    articles_retried  INTEGER,
    articles_failed   INTEGER,
    articles_empty    INTEGER,
    paragraphs_new    INTEGER,
    repeats_removed   INTEGER,
    newsdesk_version  VARCHAR,
    options           JSON,
    error             VARCHAR
);
