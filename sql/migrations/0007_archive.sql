-- 0007: the raw archive (pipeline.fetch.archive). Every fetched response is a record in a WARC file; this table is
-- the index that lets `newsdesk reprocess` read them back without the network.

-- grain: one row per archived response (a WARC response or revisit record); key: record_id
CREATE TABLE archive_records (
    record_id       VARCHAR PRIMARY KEY,  -- WARC-Record-ID
    kind            VARCHAR NOT NULL,     -- feed | article | import (a record of someone else's WARC file)
    url             VARCHAR NOT NULL,     -- the URL requested
    target_uri      VARCHAR NOT NULL,     -- the URL that answered (after redirects): WARC-Target-URI
    article_id      VARCHAR,              -- NULL for feeds
    fetched_at      TIMESTAMPTZ NOT NULL, -- WARC-Date
    http_status     INTEGER,
    content_type    VARCHAR,
    warc_file       VARCHAR NOT NULL,     -- relative to the database's directory, or absolute
    warc_offset     BIGINT NOT NULL,      -- byte offset of the record's gzip member
    warc_length     BIGINT NOT NULL,      -- its length in bytes
    record_type     VARCHAR NOT NULL,     -- response | revisit (identical payload stored once, earlier)
    payload_digest  VARCHAR NOT NULL,     -- WARC-Payload-Digest, sha1:BASE32 of the body
    payload_bytes   BIGINT,
    refers_to       VARCHAR,              -- revisit: record_id of the response holding the body
    run_id          BIGINT,
    loaded_at       TIMESTAMPTZ DEFAULT now()
);

-- what `newsdesk reprocess` and `newsdesk import-warc` did (runs.kind = 'reprocess' | 'import-warc')
ALTER TABLE runs ADD COLUMN articles_reprocessed INTEGER;
ALTER TABLE runs ADD COLUMN articles_changed INTEGER;
ALTER TABLE runs ADD COLUMN archive_records_skipped INTEGER;
