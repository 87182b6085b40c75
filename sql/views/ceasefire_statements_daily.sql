-- ceasefire_statements_daily: how many ceasefire statements each speaker made per day, by stance.
-- grain: one row per (day, speaker, stance); key: (day, speaker, stance). Day = the article's publication
-- date (UTC), falling back to when it was fetched; speaker NULL = the articles' own narrative.
CREATE OR REPLACE VIEW ceasefire_statements_daily AS
WITH statements AS (
    SELECT s.statement_id, s.speaker, s.stance, s.article_id,
           -- the UTC day, whatever the reader's TimeZone setting (a cast to DATE would use it)
           CAST(timezone('UTC', coalesce(a.published_at, a.fetched_at)) AS DATE) AS day
    FROM ceasefire_statements s
    JOIN articles a USING (article_id)
),

final AS (
    SELECT day, speaker, stance, count(*) AS statements, count(DISTINCT article_id) AS articles
    FROM statements
    GROUP BY day, speaker, stance
)

SELECT * FROM final
