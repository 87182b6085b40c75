-- speaker_stance_timeline: each speaker's ceasefire statements in time order, with the stance they held
-- before, so a shift ("oppose" -> "conditional") is one WHERE clause away (stance_changed).
-- A timeline is one speaker entity under its English name (sql/macros/english_names.sql, as `newsdesk stats`):
-- 'Аркадий Белов' in a Russian article and 'Arkady Belov' in an English one are one timeline, speaker_name;
-- a speaker linked to no entity has its own timeline under its name as written. Order: said_at, then the
-- article, then the place in the article (start_char), so a tie never flips stance_changed at random.
-- A syndicated copy (same story_id as an article published before it) is left out: its statements are the
-- original's, and counting them again would make a speaker repeat themself.
-- grain: one row per statement with a named speaker, syndicated copies left out; key: statement_id
CREATE OR REPLACE VIEW speaker_stance_timeline AS
WITH originals AS (
    SELECT article_id, coalesce(published_at, fetched_at) AS said_at, title AS article_title
    FROM articles
    QUALIFY row_number() OVER (PARTITION BY coalesce(story_id, article_id)
                               ORDER BY coalesce(published_at, fetched_at) NULLS LAST, article_id) = 1
),

english AS (
    SELECT * FROM english_names((SELECT list(DISTINCT speaker_entity_id) FROM ceasefire_statements))
),

statements AS (
    SELECT s.statement_id, s.speaker, s.speaker_entity_id, s.stance, s.text, s.article_id, s.start_char,
           o.said_at, o.article_title,
           coalesce(en.name, e.name, s.speaker) AS speaker_name,
           -- one timeline per entity's English name and label (a person Belov is not the town Belov)
           CASE WHEN e.entity_id IS NULL THEN 'speaker:' || s.speaker
                ELSE e.label || ':' || coalesce(en.name, e.name) END AS timeline
    FROM ceasefire_statements s
    JOIN originals o USING (article_id)
    LEFT JOIN entities e ON e.entity_id = s.speaker_entity_id
    LEFT JOIN english en ON en.entity_id = s.speaker_entity_id
    WHERE s.speaker IS NOT NULL
),

ordered AS (
    SELECT *,
           lag(stance) OVER (PARTITION BY timeline ORDER BY said_at, article_id, start_char, statement_id)
               AS previous_stance,
           row_number() OVER (PARTITION BY timeline ORDER BY said_at, article_id, start_char, statement_id)
               AS statement_number
    FROM statements
),

final AS (
    SELECT speaker_name, speaker, speaker_entity_id, said_at, statement_number, previous_stance, stance,
           previous_stance IS NOT NULL AND previous_stance <> stance AS stance_changed,
           text, article_title, article_id, statement_id
    FROM ordered
)

SELECT * FROM final
