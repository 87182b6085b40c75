"""Entities and ceasefire statements.

Two levels, so the expensive part runs once per distinct paragraph:

- :mod:`.analyse` runs spaCy on paragraphs (NER for all, the parser only on sentences the topic lexicon
  matches) and finds statement candidates with paragraph-local offsets. Keyed by paragraph hash and cached
  in DuckDB: a paragraph repeated inside an article or across outlets is analysed once.
- :mod:`.resolve` works per article, cheaply: resolves short mentions to the fullest name ("Putin" ->
  "Vladimir Putin"), pronouns and role nouns to speakers ("he", "the minister"), and maps offsets into
  ``articles.text``.
"""
