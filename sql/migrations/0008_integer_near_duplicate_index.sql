-- 0008: the near-duplicate index holds integers only, and its signatures come from a new token hash
-- (pipeline.dedup.neardup, NearDupParams.version "...-p64"). Buckets of the old hash would never match a new one, so
-- the index starts again: each paragraph is indexed anew when it is next loaded (`newsdesk reprocess --stages
-- dedup` re-indexes all of them). Links already found (paragraphs.near_duplicate_of) stay: they were verified
-- on the exact text, which has not changed.
--
-- Why integers: every load scans the index (a hash join of its new buckets against all stored ones) and then
-- fetches its candidates from `paragraphs`; a 32-bit bucket and a 64-bit paragraph key scan several times faster
-- than the 32-character paragraph id, and take less than two thirds of the disk (bench/near_dup.py --index).
-- With a million paragraphs indexed, a new paragraph's bucket meets an unrelated one by chance in about 1 of
-- 4,300 lookups per band; a candidate needs two shared buckets (NearDupParams.min_bands) and is then verified on
-- its text, so a chance collision costs one comparison, never a wrong link.

DROP TABLE paragraph_lsh;

-- grain: one row per (LSH band bucket, paragraph); no key (a bucket holds many paragraphs). The near-duplicate
-- index: paragraphs sharing a bucket are candidates, verified exactly. Rows: bands per indexed paragraph.
CREATE TABLE paragraph_lsh (
    bucket    INTEGER NOT NULL,  -- band index mixed in, so buckets of different bands never meet
    lsh_key   BIGINT NOT NULL    -- paragraphs.lsh_key of the paragraph
);

-- the first 60 bits of paragraph_id (a SHA-256 prefix) as an integer: the index's name for the paragraph, written
-- with the row (pipeline.store.core) so the lookups scan an integer column that is never updated
ALTER TABLE paragraphs ADD COLUMN lsh_key BIGINT;
UPDATE paragraphs SET lsh_key = TRY_CAST('0x' || substr(paragraph_id, 1, 15) AS BIGINT);

UPDATE paragraphs SET lsh_version = NULL WHERE lsh_version IS NOT NULL;
