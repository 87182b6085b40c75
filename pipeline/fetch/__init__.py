"""Poll the feeds and fetch their pages, politely (robots.txt, per-host gates), WARC-archived."""
