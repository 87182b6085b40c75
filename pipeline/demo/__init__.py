"""Bundled demo corpus for `newsdesk demo`: two fictional news sites, served locally.

See :mod:`pipeline.demo.site` for how ``corpus.toml`` and ``templates/`` are
rendered into the pages and feeds the demo server answers with.
"""

from .site import DemoArticle, DemoCorpus, DemoSite, Resource, load_demo_corpus, not_found

__all__ = ["DemoArticle", "DemoCorpus", "DemoSite", "Resource", "load_demo_corpus", "not_found"]
