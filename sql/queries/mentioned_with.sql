-- mentioned_with: articles that name both entities, newest first (who mentioned X with Y)
-- params: a (text, required), b (text, required), limit (integer) = 50
-- grain: one row per article; key: article_id
-- An entity is named by its name or its Latin transliteration, whole or by first or last word(s): 'Kravets' finds
-- 'Bohdan Kravets' and 'Богдан Кравец' (sql/macros/speaker_matches.sql, as what_did_speaker_say).
WITH mentioned AS (
    SELECT DISTINCT m.article_id, e.name, e.transliteration
    FROM entity_mentions m
    JOIN entities e USING (entity_id)
),

named AS (
    SELECT article_id, 'a' AS wanted FROM mentioned WHERE speaker_matches(NULL, name, transliteration, $a)
    UNION ALL
    SELECT article_id, 'b' AS wanted FROM mentioned WHERE speaker_matches(NULL, name, transliteration, $b)
),

both_named AS (
    SELECT article_id FROM named GROUP BY article_id HAVING count(DISTINCT wanted) = 2
),

final AS (
    SELECT a.published_at, a.title, a.site_name, a.url
    FROM articles a
    SEMI JOIN both_named USING (article_id)
    ORDER BY a.published_at DESC NULLS LAST, a.article_id
    LIMIT CAST($limit AS INTEGER)
)

SELECT * FROM final
