-- changed_since: what arrived or changed since a timestamp: articles fetched, statements and entities first seen
-- params: since (timestamp, required: e.g. 2026-11-20 or 2026-11-20T08:00:00Z)
-- grain: one row per kind of change; key: kind
WITH since AS (
    SELECT CAST($since AS TIMESTAMPTZ) AS ts
),

final AS (
    SELECT 'articles fetched' AS kind, count(*) AS changed FROM articles, since WHERE fetched_at >= since.ts
    UNION ALL
    SELECT 'articles failed', count(*) FROM articles, since WHERE fetched_at >= since.ts AND status = 'failed'
    UNION ALL
    SELECT 'ceasefire statements', count(*) FROM ceasefire_statements s JOIN articles a USING (article_id), since
        WHERE a.fetched_at >= since.ts
    UNION ALL
    SELECT 'entities first seen', count(*) FROM entities, since WHERE first_seen_at >= since.ts
    UNION ALL
    SELECT 'feeds polled', count(*) FROM feeds, since WHERE last_polled_at >= since.ts
)

SELECT * FROM final
