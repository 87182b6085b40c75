-- 0014: the cue of a cached statement (issues #14, #18).
--
-- A statement whose speaker is tied to it by a cue ("X said", "according to X") and that no attribution of its
-- paragraph covers makes its own row in `quotes`, from the cue's offsets. The paragraph cache kept the statement
-- but not the cue, so the same article analysed fresh linked that quote and read from the cache (a later pass,
-- `newsdesk reprocess`) did not: its statement lost its quote_id. Rows cached before this migration carry NULL,
-- as before; the analysis version of this release differs from theirs, so each is analysed again.

ALTER TABLE paragraph_statements ADD COLUMN cue_start INTEGER;  -- paragraph-local offsets of the cue, NULL if none
ALTER TABLE paragraph_statements ADD COLUMN cue_end INTEGER;
