"""Reading the data back: named queries, export, stats."""
