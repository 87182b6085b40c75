-- what_did_speaker_say: everything a person or organisation was reported to say, believe or intend, newest first
-- params: speaker (text, required: a name as the articles give it, e.g. "Putin" or "Hamas"), limit (integer) = 50
-- grain: one row per attribution; key: quote_id
WITH wanted AS (
    -- the name as a LIKE pattern of itself: its \, % and _ escaped (unescaped, speaker=% matched every speaker)
    SELECT lower($speaker) AS name,
           replace(replace(replace(lower($speaker), '\', '\\'), '%', '\%'), '_', '\_') AS literal
),

final AS (
    SELECT v.published_at, v.speaker, v.cue, v.direct, v.text, v.article_title, v.article_url
    FROM quotes_v v, wanted w
    -- the name itself, or the last or first word(s) of the speaker's
    WHERE lower(v.speaker) = w.name
       OR lower(v.speaker) LIKE '% ' || w.literal ESCAPE '\'
       OR lower(v.speaker) LIKE w.literal || ' %' ESCAPE '\'
    ORDER BY v.published_at DESC NULLS LAST, v.article_id, v.start_char
    LIMIT CAST($limit AS INTEGER)
)

SELECT * FROM final
