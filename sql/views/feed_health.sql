-- feed_health: each feed's last poll and status, failures in a row, and new articles per day over the last week.
-- grain: one row per feed; key: feed_url
CREATE OR REPLACE VIEW feed_health AS
WITH recent AS (
    SELECT feed_url, count(*) AS articles_7d,
           count(*) FILTER (WHERE status = 'failed') AS failed_7d
    FROM articles
    WHERE fetched_at >= now() - INTERVAL 7 DAY
    GROUP BY feed_url
),

entries AS (
    SELECT feed_url, count(*) AS entries_total, max(first_seen_at) AS newest_entry_seen_at
    FROM feed_entries
    GROUP BY feed_url
),

final AS (
    SELECT f.feed_url, f.name, f.title, f.last_polled_at, f.last_status, f.last_http_status, f.last_error,
           f.consecutive_failures, f.last_success_at, f.entries_last_poll,
           coalesce(e.entries_total, 0) AS entries_total, e.newest_entry_seen_at,
           coalesce(r.articles_7d, 0) AS articles_7d, coalesce(r.failed_7d, 0) AS failed_7d,
           round(coalesce(r.articles_7d, 0) / 7.0, 2) AS new_articles_per_day,
           -- feeds.health is kept by every poll (ok | failing | unhealthy after --unhealthy-after of failures)
           CASE WHEN f.last_polled_at IS NULL THEN 'never polled' ELSE coalesce(f.health, 'ok') END AS health,
           f.next_poll_at, f.poll_interval_s
    FROM feeds f
    LEFT JOIN entries e USING (feed_url)
    LEFT JOIN recent r USING (feed_url)
)

SELECT * FROM final
