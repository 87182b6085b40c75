-- 0016: whether a cached paragraph has a heading's form (issue #14).
--
-- The resolver lets a party's say run on past an explainer's heading ("What happens next?") to the quotation
-- after it, but not past a one-sentence aside; only the paragraph's analysis sees the text that tells them apart,
-- so the paragraph cache keeps its mark. Rows cached before this migration carry NULL (read as no heading); the
-- analysis version of this release differs from theirs, so each is analysed again.

ALTER TABLE paragraph_analyses ADD COLUMN heading BOOLEAN;  -- one short sentence, a question or with no stop
