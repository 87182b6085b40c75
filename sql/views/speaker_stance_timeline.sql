-- speaker_stance_timeline: each speaker's ceasefire statements in time order, with the stance they held
-- before, so a shift ("oppose" -> "conditional") is one WHERE clause away (stance_changed).
-- grain: one row per statement with a named speaker; key: statement_id
CREATE OR REPLACE VIEW speaker_stance_timeline AS
WITH statements AS (
    SELECT s.statement_id, s.speaker, s.speaker_entity_id, s.stance, s.text, s.article_id,
           coalesce(a.published_at, a.fetched_at) AS said_at, a.title AS article_title
    FROM ceasefire_statements s
    JOIN articles a USING (article_id)
    WHERE s.speaker IS NOT NULL
),

ordered AS (
    SELECT *,
           lag(stance) OVER (PARTITION BY speaker ORDER BY said_at, statement_id) AS previous_stance,
           row_number() OVER (PARTITION BY speaker ORDER BY said_at, statement_id) AS statement_number
    FROM statements
),

final AS (
    SELECT speaker, speaker_entity_id, said_at, statement_number, previous_stance, stance,
           previous_stance IS NOT NULL AND previous_stance <> stance AS stance_changed,
           text, article_title, article_id, statement_id
    FROM ordered
)

SELECT * FROM final
