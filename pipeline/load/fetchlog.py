"""Load step of the request log: every HTTP request of the batch (``fetch_log``), under the load's run."""

from __future__ import annotations

from ..store.core import LoadContext

# The fetch id is a hash of what identifies a request, so a re-loaded batch adds nothing.
_LOAD_FETCH_LOG = """
INSERT INTO fetch_log BY NAME
SELECT *, $run_id AS run_id FROM {staged.fetch_log}
{one_per_request}
ON CONFLICT (fetch_id) DO NOTHING
"""


def load_requests(ctx: LoadContext) -> dict[str, int]:
    if not ctx.has("fetch_log"):
        return {}
    ctx.write(ctx.sql(_LOAD_FETCH_LOG, one_per_request=ctx.one_row_per("fetch_log", ["fetch_id"])),
              {"run_id": ctx.run_id})
    return {"requests": ctx.rows("fetch_log")}
