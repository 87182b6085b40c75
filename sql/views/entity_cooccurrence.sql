-- entity_cooccurrence: pairs of entities named in the same article, and in how many articles they meet.
-- grain: one row per unordered entity pair (entity_a < entity_b by id); key: (entity_a, entity_b)
CREATE OR REPLACE VIEW entity_cooccurrence AS
WITH per_article AS (
    SELECT DISTINCT article_id, entity_id FROM entity_mentions
),

pairs AS (
    SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, a.article_id
    FROM per_article a
    JOIN per_article b ON a.article_id = b.article_id AND a.entity_id < b.entity_id
),

final AS (
    SELECT p.entity_a, ea.name AS name_a, ea.label AS label_a,
           p.entity_b, eb.name AS name_b, eb.label AS label_b,
           count(*) AS articles
    FROM pairs p
    JOIN entities ea ON ea.entity_id = p.entity_a
    JOIN entities eb ON eb.entity_id = p.entity_b
    GROUP BY ALL
)

SELECT * FROM final
