-- what_did_speaker_say: everything a person or organisation was reported to say, believe or intend, newest first
-- params: speaker (text, required: a name as the articles give it, e.g. "Putin" or "Hamas"), limit (integer) = 50
-- grain: one row per attribution; key: quote_id
WITH final AS (
    SELECT v.published_at, v.speaker, v.cue, v.direct, v.text, v.article_title, v.article_url
    FROM quotes_v v
    WHERE lower(v.speaker) = lower($speaker)
       OR lower(v.speaker) LIKE '% ' || lower($speaker)
       OR lower(v.speaker) LIKE lower($speaker) || ' %'
    ORDER BY v.published_at DESC NULLS LAST, v.article_id, v.start_char
    LIMIT CAST($limit AS INTEGER)
)

SELECT * FROM final
