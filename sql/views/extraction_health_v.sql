-- extraction_health_v: per site and day, how the articles fetched came out: as articles, or empty, short, or as
-- pages that are not articles (paywall teasers, consent walls, anti-bot challenges, JavaScript shells, error pages
-- served with 200; pipeline/extract/pagekind.py). A site's layout change or a new wall shows as a jump in bad_share on the
-- day it happens; `newsdesk stats` names the hosts whose bad_share jumped against their previous 7 days.
-- An article counts on the day of its latest fetch (UTC): a retry moves it to the day it was retried.
-- short: an `ok` article of fewer than 100 words (CJK characters count one each). Shares are of the articles
-- that got a response (`failed` fetches left out; failed_share is of all).
-- grain: one row per (host, day); key: (host, day)
CREATE OR REPLACE VIEW extraction_health_v AS
WITH fetched AS (
    SELECT coalesce(host, regexp_replace(lower(regexp_extract(canonical_url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)', 1)), '^www\.', '')) AS host,
           CAST(timezone('UTC', fetched_at) AS DATE) AS day,
           status,
           -- words as pipeline/extract/pagekind.py counts them: whitespace-separated, and each CJK character one
           CASE WHEN status = 'ok' THEN len(string_split_regex(trim(coalesce(text, '')), '\s+'))
                + length(regexp_replace(coalesce(text, ''), '[^\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]', '', 'g'))
           END AS words
    FROM articles
    WHERE fetched_at IS NOT NULL
),

counts AS (
    SELECT host, day,
           count(*) AS articles,
           count(*) FILTER (WHERE status <> 'failed') AS responded,
           count(*) FILTER (WHERE status = 'ok') AS ok,
           count(*) FILTER (WHERE status = 'ok' AND words < 100) AS short,
           count(*) FILTER (WHERE status = 'empty') AS empty,
           count(*) FILTER (WHERE status = 'paywalled') AS paywalled,
           count(*) FILTER (WHERE status = 'consent') AS consent,
           count(*) FILTER (WHERE status = 'blocked') AS blocked,
           count(*) FILTER (WHERE status = 'js_required') AS js_required,
           count(*) FILTER (WHERE status = 'error_page') AS error_page,
           count(*) FILTER (WHERE status = 'unsupported') AS unsupported,
           count(*) FILTER (WHERE status = 'failed') AS failed
    FROM fetched
    GROUP BY host, day
),

final AS (
    SELECT host, day, articles, responded, ok, short, empty, paywalled, consent, blocked, js_required, error_page,
           unsupported, failed,
           paywalled + consent + blocked + js_required + error_page AS not_article,
           short + empty + paywalled + consent + blocked + js_required + error_page AS bad,
           round(empty / nullif(responded, 0), 4) AS empty_share,
           round(short / nullif(responded, 0), 4) AS short_share,
           round((paywalled + consent + blocked + js_required + error_page) / nullif(responded, 0), 4) AS not_article_share,
           round((short + empty + paywalled + consent + blocked + js_required + error_page) / nullif(responded, 0), 4) AS bad_share,
           round(failed / articles, 4) AS failed_share
    FROM counts
)

SELECT * FROM final
