"""Paragraph dedup: exact inside an article, near-duplicates, boilerplate and stories across articles."""
