-- duplicate_share_by_host: per site, how much of what its pages print is repeated (inside an article) or
-- shared with other articles (boilerplate, wire copy).
-- grain: one row per host; key: host
CREATE OR REPLACE VIEW duplicate_share_by_host AS
WITH occurrences AS (
    -- the site as articles.host gives it (no www., no port), so the host matches the other views'; the URL's
    -- host only for a row written before articles.host existed, as extraction_health_v does
    SELECT coalesce(a.host, regexp_replace(lower(regexp_extract(a.canonical_url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)', 1)), '^www\.', '')) AS host,
           ap.article_id, ap.repeat_of, p.article_count
    FROM article_paragraphs ap
    JOIN articles a USING (article_id)
    JOIN paragraphs p USING (paragraph_id)
),

final AS (
    SELECT host,
           count(DISTINCT article_id) AS articles,
           count(*) AS paragraph_occurrences,
           count(*) FILTER (WHERE repeat_of IS NOT NULL) AS in_article_repeats,
           count(*) FILTER (WHERE repeat_of IS NULL AND article_count > 1) AS shared_with_other_articles,
           round(count(*) FILTER (WHERE repeat_of IS NOT NULL) / count(*), 4) AS repeat_share,
           round(count(*) FILTER (WHERE repeat_of IS NULL AND article_count > 1) / count(*), 4) AS shared_share
    FROM occurrences
    GROUP BY host
)

SELECT * FROM final
