-- entity_mentions_daily: how often each entity was mentioned per day, and in how many articles.
-- Day = the article's publication date (UTC), falling back to when it was fetched.
-- grain: one row per (day, entity_id); key: (day, entity_id)
CREATE OR REPLACE VIEW entity_mentions_daily AS
WITH mentions AS (
    -- the UTC day, whatever the reader's TimeZone setting (a cast to DATE would use it)
    SELECT m.entity_id, m.article_id, CAST(timezone('UTC', coalesce(a.published_at, a.fetched_at)) AS DATE) AS day
    FROM entity_mentions m
    JOIN articles a USING (article_id)
),

final AS (
    SELECT mentions.day, e.entity_id, e.name, e.label,
           count(*) AS mentions, count(DISTINCT mentions.article_id) AS articles
    FROM mentions
    JOIN entities e USING (entity_id)
    GROUP BY mentions.day, e.entity_id, e.name, e.label
)

SELECT * FROM final
