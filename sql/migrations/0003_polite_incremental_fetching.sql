-- 0003: polite, incremental and fault-tolerant fetching. Every piece of state a pass needs from earlier passes
-- (validators, body hashes, poll schedule, backoff, robots.txt cache, per-request log, article revisions)
-- lives here, never in process memory.

-- feeds: conditional GET, lying validators, adaptive schedule, backoff and health
ALTER TABLE feeds ADD COLUMN etag VARCHAR;                    -- last ETag the feed sent
ALTER TABLE feeds ADD COLUMN last_modified VARCHAR;           -- last Last-Modified the feed sent (as sent)
ALTER TABLE feeds ADD COLUMN body_hash VARCHAR;               -- sha256 of the last feed body: catches feeds whose validators lie
ALTER TABLE feeds ADD COLUMN validators_trusted BOOLEAN DEFAULT true;  -- false once caught lying: no more conditional GETs
ALTER TABLE feeds ADD COLUMN validator_lies INTEGER DEFAULT 0;         -- times a changed body came with unchanged validators
ALTER TABLE feeds ADD COLUMN last_verified_at TIMESTAMPTZ;    -- last unconditional fetch (validators are re-checked daily)
ALTER TABLE feeds ADD COLUMN poll_interval_s INTEGER;         -- adaptive interval between successful polls
ALTER TABLE feeds ADD COLUMN next_poll_at TIMESTAMPTZ;        -- a pass polls the feed only once this has passed (unless forced)
ALTER TABLE feeds ADD COLUMN feed_ttl_s INTEGER;              -- what the feed asks for (<ttl>, sy:updatePeriod/Frequency)
ALTER TABLE feeds ADD COLUMN new_entries_last_poll INTEGER;   -- entries not seen before in the last successful poll
ALTER TABLE feeds ADD COLUMN failing_since TIMESTAMPTZ;       -- first failure of the current run of failures
ALTER TABLE feeds ADD COLUMN health VARCHAR;                  -- ok | failing | unhealthy (failing for longer than the limit)
ALTER TABLE feeds ADD COLUMN retry_after TIMESTAMPTZ;         -- from a 429/503 Retry-After

-- articles: retry backoff, giving up, re-fetch on update, revisions
ALTER TABLE articles ADD COLUMN dead BOOLEAN DEFAULT false;   -- failed max_fetch_attempts times: no more retries
ALTER TABLE articles ADD COLUMN retry_after TIMESTAMPTZ;      -- not before (Retry-After, robots.txt cache expiry)
ALTER TABLE articles ADD COLUMN source_updated_at TIMESTAMPTZ; -- the feed entry's updated time when last fetched
ALTER TABLE articles ADD COLUMN revision INTEGER DEFAULT 1;   -- 1 + number of rows in article_revisions

-- Stored articles keep the entry time they were fetched for, so only a *later* update triggers a re-fetch.
UPDATE articles SET source_updated_at = u.updated_at
FROM (SELECT article_id, max(updated_at) AS updated_at FROM feed_entries GROUP BY article_id) AS u
WHERE articles.article_id = u.article_id;
UPDATE articles SET dead = false WHERE dead IS NULL;
UPDATE articles SET revision = 1 WHERE revision IS NULL;
UPDATE feeds SET validators_trusted = true WHERE validators_trusted IS NULL;
UPDATE feeds SET validator_lies = 0 WHERE validator_lies IS NULL;

-- grain: one row per superseded version of an article's text; key: (article_id, revision)
-- `articles` holds the current version (articles.revision); a re-fetch whose text changed moves the old one here.
CREATE TABLE article_revisions (
    article_id       VARCHAR NOT NULL,
    revision         INTEGER NOT NULL,
    fetched_at       TIMESTAMPTZ,
    superseded_at    TIMESTAMPTZ NOT NULL,
    title            VARCHAR,
    text             VARCHAR,
    content_hash     VARCHAR,
    paragraph_count  INTEGER,
    run_id           BIGINT,
    PRIMARY KEY (article_id, revision)
);

-- grain: one row per HTTP request (and per request refused before it was sent); key: fetch_id
CREATE TABLE fetch_log (
    fetch_id      VARCHAR PRIMARY KEY,   -- hash of (kind, url, requested_at, attempt): a re-loaded batch adds nothing
    run_id        BIGINT,
    kind          VARCHAR NOT NULL,      -- feed | article | robots
    url           VARCHAR NOT NULL,
    host          VARCHAR,
    requested_at  TIMESTAMPTZ NOT NULL,
    attempt       INTEGER NOT NULL,      -- 1, then 2.. when a short Retry-After was waited out in the same pass
    conditional   BOOLEAN,               -- sent If-None-Match / If-Modified-Since
    outcome       VARCHAR NOT NULL,      -- ok | not_modified | http_error | timeout | too_large | refused | transport_error | robots | deferred | unsupported_type
    http_status   INTEGER,
    error         VARCHAR,
    bytes         BIGINT,                -- body bytes after decompression
    elapsed_ms    INTEGER,
    retry_after   TIMESTAMPTZ
);

-- grain: one row per origin (scheme://host:port); key: origin
CREATE TABLE robots_txt (
    origin        VARCHAR PRIMARY KEY,
    fetched_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    status        VARCHAR NOT NULL,      -- ok | missing (4xx: allow all) | unreachable (5xx/network: disallow all for now)
    http_status   INTEGER,
    body          VARCHAR,
    crawl_delay   DOUBLE
);

ALTER TABLE runs ADD COLUMN feeds_skipped INTEGER;       -- not due yet
ALTER TABLE runs ADD COLUMN feeds_not_modified INTEGER;  -- 304, or a byte-identical body
ALTER TABLE runs ADD COLUMN articles_refreshed INTEGER;  -- stored articles fetched again because their entry was updated
ALTER TABLE runs ADD COLUMN articles_revised INTEGER;    -- ... whose text had changed
ALTER TABLE runs ADD COLUMN requests INTEGER;            -- rows this pass added to fetch_log
ALTER TABLE runs ADD COLUMN outcomes JSON;               -- fetch_log outcome -> count for this pass
