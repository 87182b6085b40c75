-- repeats_by_article: articles whose page repeated paragraphs, and how many copies were removed from the text
-- grain: one row per article with at least one in-article repeat; key: article_id
WITH repeats AS (
    SELECT article_id, count(*) AS repeats_removed
    FROM article_paragraphs
    WHERE repeat_of IS NOT NULL
    GROUP BY article_id
),

final AS (
    SELECT a.title, a.site_name, r.repeats_removed, a.paragraph_count AS paragraphs_on_page,
           a.paragraph_count - r.repeats_removed AS paragraphs_kept, a.url
    FROM repeats r
    JOIN articles a USING (article_id)
    ORDER BY r.repeats_removed DESC, a.title
)

SELECT * FROM final
