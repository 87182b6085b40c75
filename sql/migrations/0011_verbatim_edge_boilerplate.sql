-- 0011: a site's boilerplate is a verbatim repeat at the edges of a body, and never empties an article (issue #15).
--
-- Before, a paragraph was a host's chrome when it *or a near-duplicate of it* (pipeline.dedup.neardup: half of the word
-- pairs shared) was in 3+ articles of the host, wherever it stood. Templated reporting (results, market reports,
-- automated wires) shares every sentence shape, so every paragraph of such articles became chrome and they were
-- left `ok` with no text. Now (pipeline/dedup/crossdedup.py): only copies with the same words in the same order count
-- as one chrome paragraph (paragraphs.chrome_key), only the leading and trailing runs of chrome leave the text,
-- and a body that would be left with nothing, or nothing but headings, keeps everything (articles.boilerplate_kept).

ALTER TABLE paragraphs ADD COLUMN chrome_key BIGINT;        -- its words hashed (case, punctuation, spacing aside): verbatim copies share it
ALTER TABLE host_boilerplate ADD COLUMN chrome_key BIGINT;  -- the chrome_key of every copy of this chrome (paragraph_id: the smallest copy id)
ALTER TABLE articles ADD COLUMN boilerplate_kept BOOLEAN DEFAULT false;  -- true: the body was only the site's chrome (and headings), so all of it stayed in text

-- the expression is pipeline.dedup.crossdedup.CHROME_KEY_SQL (a test keeps the two equal)
UPDATE paragraphs SET chrome_key = TRY_CAST('0x' || substr(md5(coalesce(nullif(trim(regexp_replace(regexp_replace(lower(text), '[^\pL\pN ]+', ' ', 'g'), '  +', ' ', 'g')), ''), lower(text))), 1, 15) AS BIGINT);

-- Articles whose text the old rule shortened, or that hold chrome by the new one, are rebuilt by the next load
-- (boilerplate_kept NULL: pipeline.dedup.crossdedup.update_boilerplate picks them up).
UPDATE articles SET boilerplate_kept = NULL
WHERE article_id IN (SELECT article_id FROM article_paragraphs WHERE boilerplate);

-- host_boilerplate again, by the new rule. The threshold is a run option; the smallest count of a paragraph the
-- old rule marked is never below the one the loads used (3, the default, when none was marked). The next
-- `newsdesk reprocess --stages dedup` recounts every paragraph with the run's own setting.
CREATE TEMP TABLE m0011_chrome AS
SELECT a.host, p.chrome_key, min(p.paragraph_id) AS paragraph_id, count(DISTINCT ap.article_id) AS article_count
FROM article_paragraphs ap JOIN articles a USING (article_id) JOIN paragraphs p USING (paragraph_id)
WHERE a.host IS NOT NULL AND p.chrome_key IS NOT NULL
GROUP BY a.host, p.chrome_key
HAVING count(DISTINCT ap.article_id) >= (SELECT coalesce(min(article_count), 3) FROM host_boilerplate);

DELETE FROM host_boilerplate;
INSERT INTO host_boilerplate (host, paragraph_id, article_count, marked_at, chrome_key)
SELECT host, paragraph_id, article_count, now(), chrome_key FROM m0011_chrome;

UPDATE articles SET boilerplate_kept = NULL
WHERE article_id IN (SELECT ap.article_id FROM article_paragraphs ap JOIN articles a USING (article_id)
                     JOIN paragraphs p USING (paragraph_id)
                     JOIN m0011_chrome c ON c.host = a.host AND c.chrome_key = p.chrome_key);
DROP TABLE m0011_chrome;

-- Bodies the old rule emptied get every paragraph back now, so no `ok` article is without text even before the
-- next load (which then applies the new rule to them). Their mentions were dropped with the chrome:
-- `newsdesk reprocess --stages nlp` analyses the paragraphs given back.
CREATE TEMP TABLE m0011_emptied AS
SELECT article_id FROM articles
WHERE status IN ('ok', 'empty') AND coalesce(text, '') = ''
  AND article_id IN (SELECT article_id FROM article_paragraphs WHERE repeat_of IS NULL);

UPDATE article_paragraphs SET boilerplate = false, text_start = o.text_start, text_end = o.text_start + o.length
FROM (
    SELECT ap.article_id, ap.position,
           CASE WHEN ap.repeat_of IS NULL THEN coalesce(sum(CASE WHEN ap.repeat_of IS NULL THEN length(coalesce(ap.text, p.text)) + 2 END)
               OVER (PARTITION BY ap.article_id ORDER BY ap.position ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) END AS text_start,
           CASE WHEN ap.repeat_of IS NULL THEN length(coalesce(ap.text, p.text)) END AS length
    FROM article_paragraphs ap JOIN paragraphs p USING (paragraph_id)
    WHERE ap.article_id IN (SELECT article_id FROM m0011_emptied)
) AS o
WHERE article_paragraphs.article_id = o.article_id AND article_paragraphs.position = o.position;

UPDATE articles SET text = t.text, boilerplate_count = 0, boilerplate_kept = NULL
FROM (
    SELECT ap.article_id, string_agg(coalesce(ap.text, p.text), chr(10) || chr(10) ORDER BY ap.position) AS text
    FROM article_paragraphs ap JOIN paragraphs p USING (paragraph_id)
    WHERE ap.repeat_of IS NULL AND ap.article_id IN (SELECT article_id FROM m0011_emptied)
    GROUP BY ap.article_id
) AS t
WHERE articles.article_id = t.article_id;
DROP TABLE m0011_emptied;
