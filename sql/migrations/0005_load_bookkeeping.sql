-- 0005: bookkeeping that makes loads safe to repeat and exports safe to take incrementally.

-- grain: one row per staged batch loaded (the Airflow loader retries: a batch already loaded is skipped);
-- key: batch_key (the staging directory of a DAG run's batch)
CREATE TABLE loaded_batches (
    batch_key  VARCHAR PRIMARY KEY,
    run_id     BIGINT,
    loaded_at  TIMESTAMPTZ NOT NULL
);

-- When a row was last written by a load (the load transaction's time). Incremental exports select on it: a
-- row fetched before an export but committed after it is still exported next time.
ALTER TABLE articles ADD COLUMN loaded_at TIMESTAMPTZ DEFAULT now();
ALTER TABLE paragraphs ADD COLUMN loaded_at TIMESTAMPTZ DEFAULT now();
ALTER TABLE entities ADD COLUMN loaded_at TIMESTAMPTZ DEFAULT now();
ALTER TABLE feed_entries ADD COLUMN loaded_at TIMESTAMPTZ DEFAULT now();
