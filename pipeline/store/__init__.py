"""DuckDB: migrations, staged Arrow batches and the transaction that loads them (imports no feature)."""
