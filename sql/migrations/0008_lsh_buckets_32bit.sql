-- 0008: the near-duplicate index keeps 32-bit buckets, and its signatures come from a new token hash
-- (pipeline.neardup, NearDupParams.version "...-p64"). Buckets of the old hash would never match a new one, so
-- the index starts again: each paragraph is indexed anew when it is next loaded (`newsdesk reprocess --stages
-- dedup` re-indexes all of them). Links already found (paragraphs.near_duplicate_of) stay: they were verified
-- on the exact text, which has not changed.
--
-- Why 32 bits: a paragraph has one bucket per band (32), so the bucket column is the index. Half the width is
-- 40% less disk per million paragraphs and a faster scan per lookup (bench/near_dup.py --index). With a million
-- paragraphs indexed, a new paragraph's bucket meets an unrelated one by chance in about 1 of 4,300 lookups per
-- band; a candidate needs two shared buckets (NearDupParams.min_bands) and is then verified on its text.

DROP TABLE paragraph_lsh;

-- grain: one row per (LSH band bucket, paragraph); no key (a bucket holds many paragraphs). The near-duplicate
-- index: paragraphs sharing a bucket are candidates, verified exactly. Rows: bands per indexed paragraph.
CREATE TABLE paragraph_lsh (
    bucket        INTEGER NOT NULL,   -- band index mixed in, so buckets of different bands never meet
    paragraph_id  VARCHAR NOT NULL
);

UPDATE paragraphs SET lsh_version = NULL WHERE lsh_version IS NOT NULL;
