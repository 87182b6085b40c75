"""Clean article text and metadata from a fetched page (trafilatura, site rules, page kinds)."""
