-- 0004: feeds as subscriptions kept in the database (`newsdesk feeds add/remove/import`), so a pass can run
-- from the database alone. Feeds polled from a feeds file are subscribed too; removing one keeps its history.
ALTER TABLE feeds ADD COLUMN subscribed BOOLEAN DEFAULT true;
ALTER TABLE feeds ADD COLUMN added_at TIMESTAMPTZ;
UPDATE feeds SET subscribed = true, added_at = first_polled_at WHERE subscribed IS NULL OR added_at IS NULL;
