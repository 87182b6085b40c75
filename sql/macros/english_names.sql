-- english_names: the English name of each Cyrillic entity among `entity_ids` (a list of entity_id), one row per
-- entity: the Latin entity of the same label whose name its transliteration spells with the same last word and
-- nearly the same letters (Аркадий Белов -> Arkadiy Belov -> 'Arkady Belov'), else the transliteration itself.
-- Latin entities are not listed (their name is their English name). The one mapping of `newsdesk stats` and of the
-- view speaker_stance_timeline; callers pass only the entities they need, as the Jaro-Winkler pairing is costly.
CREATE OR REPLACE MACRO english_names(entity_ids) AS TABLE
WITH latin AS (
    SELECT entity_id, name, label FROM entities WHERE transliteration IS NULL
),

cyrillic AS (
    SELECT entity_id, label, transliteration FROM entities
    WHERE transliteration IS NOT NULL AND list_contains(entity_ids, entity_id)
)

SELECT c.entity_id,
       coalesce(arg_max(l.name, jaro_winkler_similarity(lower(c.transliteration), lower(l.name))),
                any_value(c.transliteration)) AS name
FROM cyrillic c
LEFT JOIN latin l
  ON l.label = c.label
 AND split_part(lower(l.name), ' ', -1) = split_part(lower(c.transliteration), ' ', -1)
 AND jaro_winkler_similarity(lower(c.transliteration), lower(l.name)) >= 0.9
GROUP BY c.entity_id
