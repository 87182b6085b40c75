-- 0010: every URL an article was seen under (issue #15). One page reached by several URLs (a feed link with
-- ?ref=..., an aggregator's link, its AMP version, the canonical URL the page declares) is one article row;
-- this table keeps each of those URLs, and lets a later pass recognise a link it has seen before as that
-- article (pipeline.store.core.url_owners) instead of fetching it again as a new one.

-- grain: one row per (article, URL as seen); key: (article_id, url)
CREATE TABLE article_urls (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,      -- as seen: the feed's link with its tracking parameters, the redirect target, ...
    canonical_url  VARCHAR,               -- its canonical form (pipeline.urls.canonical_url) when it was recorded
    source         VARCHAR NOT NULL,      -- feed (a feed listed it) | fetched (requested, not from a feed: an import)
                                          -- | redirect (where the fetch ended) | canonical (<link rel="canonical">) | og (og:url)
    first_seen_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, url)
);

-- Backfill from what earlier passes stored: the links feeds listed, the link each article was fetched by and
-- where its redirects ended. Canonical forms are the ones stored then; links are also matched as written, so an
-- entry listed again with the same link is known even where today's canonical form of it differs.
INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT fe.article_id, fe.link, fe.canonical_url, 'feed', min(fe.first_seen_at)
FROM feed_entries fe SEMI JOIN articles a ON a.article_id = fe.article_id
GROUP BY fe.article_id, fe.link, fe.canonical_url
QUALIFY row_number() OVER (PARTITION BY fe.article_id, fe.link ORDER BY min(fe.first_seen_at), fe.canonical_url) = 1
ON CONFLICT DO NOTHING;

INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT article_id, url, canonical_url, 'fetched', coalesce(fetched_at, loaded_at, now()) FROM articles
ON CONFLICT DO NOTHING;

INSERT INTO article_urls (article_id, url, canonical_url, source, first_seen_at)
SELECT article_id, final_url, NULL, 'redirect', coalesce(fetched_at, loaded_at, now()) FROM articles
WHERE final_url IS NOT NULL AND final_url <> url
ON CONFLICT DO NOTHING;
