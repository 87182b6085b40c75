-- ceasefire_statements_v: each ceasefire statement with its article and speaker entity, ready to read.
-- grain: one row per statement; key: statement_id
CREATE OR REPLACE VIEW ceasefire_statements_v AS
WITH statements AS (
    SELECT * FROM ceasefire_statements
),

final AS (
    SELECT
        s.statement_id,
        a.published_at,
        a.title AS article_title,
        a.url AS article_url,
        -- the article's URL without tracking parameters or fragment (article_url is the link as it was found)
        a.canonical_url,
        a.site_name,
        s.speaker,
        e.label AS speaker_label,
        s.stance,
        s.duration,
        s.conditions,
        s.direct_quote,
        s.cameo_code,
        s.text,
        s.rule,
        s.language,
        s.article_id,
        s.speaker_entity_id
    FROM statements s
    JOIN articles a USING (article_id)
    LEFT JOIN entities e ON e.entity_id = s.speaker_entity_id
)

SELECT * FROM final
