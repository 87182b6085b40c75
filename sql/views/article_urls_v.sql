-- article_urls_v: every URL an article was seen under (feed links as listed, redirect targets, the canonical
-- URL or og:url the page declared), beside the article it resolved to. Several rows per article are the point:
-- one page reached by several links is one article.
-- grain: one row per (article, URL); key: (article_id, url)
CREATE OR REPLACE VIEW article_urls_v AS
WITH final AS (
    SELECT u.article_id, u.url, u.source, u.first_seen_at, u.url = a.canonical_url AS is_canonical,
           a.canonical_url, a.title, a.status, a.host,
           count(*) OVER (PARTITION BY u.article_id) AS urls_for_article
    FROM article_urls u
    JOIN articles a USING (article_id)
)

SELECT * FROM final
