"""Imported by the extraction pool's forkserver before it forks a worker (``pipeline.run.process.worker_context``):
the imports and models of :func:`pipeline.run.process.warm_up` are loaded there once, so every worker forked from
it starts warm and shares their memory, instead of each loading its own copy (about 6 CPU-seconds each)."""

import logging

from .process import warm_up

try:
    warm_up()
except Exception as exc:  # the forkserver must live on (only ImportError is forgiven it): each worker's own
    # warm_up (the pool's initializer) tries again and fails where the pass sees it
    logging.getLogger(__name__).warning("the extraction workers could not be warmed up in advance: %r", exc)
