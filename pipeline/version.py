"""The package's version, in a module of its own so the store and the options can name it without importing
``pipeline`` (whose lazy ``__getattr__`` reaches the whole pass)."""

__version__ = "0.1.0"
