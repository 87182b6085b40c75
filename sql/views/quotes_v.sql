-- quotes_v: every attribution (who said what) with its article, ready to read.
-- grain: one row per attribution; key: quote_id
CREATE OR REPLACE VIEW quotes_v AS
WITH quotes_ AS (
    SELECT * FROM quotes
),

final AS (
    SELECT
        q.quote_id,
        a.published_at,
        a.title AS article_title,
        a.url AS article_url,
        -- the article's URL without tracking parameters or fragment (article_url is the link as it was found)
        a.canonical_url,
        a.site_name,
        q.speaker,
        e.label AS speaker_label,
        q.source_text,
        q.cue,
        q.direct,
        q.text,
        q.rule,
        q.language,
        q.article_id,
        q.speaker_entity_id,
        q.start_char,
        q.end_char
    FROM quotes_ q
    JOIN articles a USING (article_id)
    LEFT JOIN entities e ON e.entity_id = q.speaker_entity_id
)

SELECT * FROM final
