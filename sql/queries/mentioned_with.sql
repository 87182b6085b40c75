-- mentioned_with: articles that name both entities, newest first (who mentioned X with Y)
-- params: a (text, required), b (text, required), limit (integer) = 50
-- grain: one row per article; key: article_id
WITH named AS (
    SELECT m.article_id, lower(e.name) AS name
    FROM entity_mentions m
    JOIN entities e USING (entity_id)
    WHERE lower(e.name) IN (lower($a), lower($b))
),

both_named AS (
    SELECT article_id FROM named GROUP BY article_id HAVING count(DISTINCT name) = 2
),

final AS (
    SELECT a.published_at, a.title, a.site_name, a.url
    FROM articles a
    SEMI JOIN both_named USING (article_id)
    ORDER BY a.published_at DESC NULLS LAST, a.article_id
    LIMIT CAST($limit AS INTEGER)
)

SELECT * FROM final
