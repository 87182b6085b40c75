-- 0018: a pass fetches at most max_entries_per_feed articles of one feed; the run row counts those left to later
-- passes (they wait in feed_entries, and the next passes' backlog fetches them).
ALTER TABLE runs ADD COLUMN articles_deferred INTEGER;
