-- shared_paragraphs: what more than one article said (wire copy, reprints), near-duplicates folded in
-- Each near-duplicate counts with its canonical paragraph; site boilerplate is left out (see host_boilerplate).
-- grain: one row per canonical paragraph seen in 2+ articles; key: paragraph_id
WITH occurrences AS (
    SELECT DISTINCT coalesce(p.near_duplicate_of, p.paragraph_id) AS paragraph_id, ap.paragraph_id AS variant_id,
           a.article_id, a.host
    FROM article_paragraphs ap
    JOIN paragraphs p USING (paragraph_id)
    JOIN articles a USING (article_id)
    WHERE NOT coalesce(ap.boilerplate, false)
),

per_paragraph AS (
    SELECT paragraph_id, count(DISTINCT article_id) AS articles, count(DISTINCT variant_id) AS variants,
           count(DISTINCT host) AS sites, string_agg(DISTINCT host, ', ' ORDER BY host) AS hosts
    FROM occurrences
    GROUP BY paragraph_id
    HAVING count(DISTINCT article_id) > 1
),

final AS (
    SELECT pp.articles, pp.hosts, pp.variants,
           CASE WHEN length(p.text) > 70 THEN left(p.text, 67) || '...' ELSE p.text END AS paragraph
    FROM per_paragraph pp
    JOIN paragraphs p USING (paragraph_id)
    ORDER BY pp.sites DESC, pp.articles DESC, p.text
)

SELECT * FROM final
