-- speaker_matches: does a name someone asked for (`wanted`) name this speaker? The one matcher of the named query
-- what_did_speaker_say and of pipeline.read.statements(speaker=...).
-- It matches, case-insensitively, the speaker as the article wrote it, the name of the entity it is linked to
-- (speaker_entity_id) or that entity's Latin transliteration, each whole or by its first or last word(s):
-- 'Belov' finds 'Аркадий Белов' through the transliteration 'Arkadiy Belov'. `wanted` is a value, never a
-- pattern: its \, % and _ are escaped for LIKE (unescaped, speaker=% matched every speaker).
CREATE OR REPLACE MACRO speaker_matches(speaker, entity_name, transliteration, wanted) AS (
    coalesce(list_bool_or(list_transform([speaker, entity_name, transliteration], lambda n:
        lower(n) = lower(wanted)
        OR lower(n) LIKE '% ' || replace(replace(replace(lower(wanted), '\', '\\'), '%', '\%'), '_', '\_') ESCAPE '\'
        OR lower(n) LIKE replace(replace(replace(lower(wanted), '\', '\\'), '%', '\%'), '_', '\_') || ' %' ESCAPE '\'
    )), false)
)
