"""One exception hierarchy for the whole library.

Everything newsdesk raises on purpose derives from :class:`NewsdeskError`, so callers (the CLI, the Airflow
tasks) can catch one type and turn it into their own error reporting::

    NewsdeskError
    ├── ConfigError              bad feeds file, bad options, missing SQL directory
    │   └── ParameterError       a query parameter that is not what it must be (also a ValueError)
    ├── FetchError               one URL could not be fetched (the pass records it and goes on)
    │   ├── FetchTimeout         connect/read timeout or the whole-request deadline passed
    │   ├── ResponseTooLarge     body (after decompression) exceeded the size cap
    │   ├── AddressRefused       the host resolves to a private/loopback/link-local/multicast address
    │   └── TransportError       DNS failure, refused connection, TLS error, too many redirects, ...
    └── StoreError               the DuckDB database
        ├── DatabaseLocked       another process holds the write lock for longer than we wait
        └── MigrationError       a numbered migration failed (nothing of it was applied)

Third-party exceptions (httpx, duckdb) are wrapped with ``raise ... from exc`` so the original stays visible in
tracebacks while callers only need to know ours.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""


class ConfigError(NewsdeskError):
    """The configuration (feeds file, options) is invalid; the message says what to fix."""


class ParameterError(ConfigError, ValueError):
    """A query parameter (``--param``, a :mod:`pipeline.serve.read` argument) is out of range or not a time; the
    message names it. A ConfigError so the CLI makes it a usage error, a ValueError for Python callers."""


class FetchError(NewsdeskError):
    """A URL could not be fetched. Recorded per feed/article; never aborts a pass."""

    #: short machine-readable reason stored in the database (``articles.error_kind``/``feeds.last_status``)
    kind = "fetch_error"

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


class FetchTimeout(FetchError):
    kind = "timeout"


class ResponseTooLarge(FetchError):
    kind = "too_large"


class AddressRefused(FetchError):
    kind = "refused"


class TransportError(FetchError):
    kind = "transport_error"


class StoreError(NewsdeskError):
    """Something went wrong with the DuckDB database."""


class DatabaseLocked(StoreError):
    """Another process holds the DuckDB write lock (DuckDB allows one writer process per file)."""


class MigrationError(StoreError):
    """A schema migration failed; its transaction was rolled back."""
