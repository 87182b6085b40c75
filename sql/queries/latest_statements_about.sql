-- latest_statements_about: the latest ceasefire statements in articles that name a given place, person or group
-- params: name (text, required: an entity name, e.g. Gaza or Kremlin), limit (integer) = 20
-- grain: one row per statement; key: statement_id
WITH matching_articles AS (
    SELECT DISTINCT m.article_id
    FROM entity_mentions m
    JOIN entities e USING (entity_id)
    -- the entity's name or its Latin transliteration, whole or by first or last word(s): 'Kravets' finds
    -- 'Bohdan Kravets' and 'Богдан Кравец' (sql/macros/speaker_matches.sql, as what_did_speaker_say)
    WHERE speaker_matches(NULL, e.name, e.transliteration, $name)
),

final AS (
    SELECT v.published_at, v.speaker, v.stance, v.duration, v.text, v.article_title, v.article_url
    FROM ceasefire_statements_v v
    SEMI JOIN matching_articles USING (article_id)
    ORDER BY v.published_at DESC NULLS LAST, v.statement_id
    LIMIT CAST($limit AS INTEGER)
)

SELECT * FROM final
