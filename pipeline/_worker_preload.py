"""Imported by the extraction pool's forkserver before it forks a worker (``pipeline.process.worker_context``):
the imports and models of :func:`pipeline.process.warm_up` are loaded there once, so every worker forked from
it starts warm and shares their memory, instead of each loading its own copy (about 6 CPU-seconds each)."""

from .process import warm_up

warm_up()
