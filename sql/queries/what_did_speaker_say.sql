-- what_did_speaker_say: everything a person or organisation was reported to say, believe or intend, newest first
-- params: speaker (text, required: a name as the articles give it, e.g. "Putin" or "Hamas"), limit (integer) = 50
-- grain: one row per attribution; key: quote_id
WITH final AS (
    SELECT v.published_at, v.speaker, v.cue, v.direct, v.text, v.article_title, v.article_url
    FROM quotes_v v
    LEFT JOIN entities e ON e.entity_id = v.speaker_entity_id
    -- the speaker as written, its entity's name or transliteration: whole, or its first or last word(s)
    -- (sql/macros/speaker_matches.sql, shared with pipeline.read.statements)
    WHERE speaker_matches(v.speaker, e.name, e.transliteration, $speaker)
    ORDER BY v.published_at DESC NULLS LAST, v.article_id, v.start_char
    LIMIT CAST($limit AS INTEGER)
)

SELECT * FROM final
