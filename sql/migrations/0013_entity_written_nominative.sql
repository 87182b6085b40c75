-- 0013: the nominative of a Russian entity's written form (issue #20).
--
-- A Russian name is written inflected ("в Кремле", "Министерства обороны России"); the guidelines name a speaker
-- by the name itself. The Russian analyser now keeps the written form in its dictionary (nominative) form
-- beside the text as written, and the resolver names a speaker by it. NULL where it equals the text as written
-- and for every English and French entity. Russian paragraphs analysed before this migration carry NULL: their
-- analysis version changes with this release, so each is analysed again the next time an article carries it.

ALTER TABLE paragraph_entities ADD COLUMN written VARCHAR;  -- "Кремль" for the text "Кремле"; NULL otherwise
