-- shared_paragraphs: paragraphs that appear in more than one article (wire copy, reprints, site boilerplate)
-- grain: one row per distinct paragraph seen in 2+ articles; key: paragraph_id
WITH occurrences AS (
    SELECT DISTINCT ap.paragraph_id, a.article_id, lower(split_part(split_part(a.canonical_url, '://', 2), '/', 1)) AS host
    FROM article_paragraphs ap
    JOIN articles a USING (article_id)
),

per_paragraph AS (
    SELECT paragraph_id, count(DISTINCT article_id) AS articles, count(DISTINCT host) AS sites,
           string_agg(DISTINCT host, ', ' ORDER BY host) AS hosts
    FROM occurrences
    GROUP BY paragraph_id
    HAVING count(DISTINCT article_id) > 1
),

final AS (
    SELECT pp.articles, pp.hosts,
           CASE WHEN length(p.text) > 70 THEN left(p.text, 67) || '...' ELSE p.text END AS paragraph
    FROM per_paragraph pp
    JOIN paragraphs p USING (paragraph_id)
    ORDER BY pp.sites DESC, pp.articles DESC, p.text
)

SELECT * FROM final
