"""Hypothesis settings for the property-based tests (tests/test_properties.py).

Bounded and reproducible for CI: a fixed number of examples, ``derandomize=True`` (the same examples on every
run and machine, so a red CI run is red again locally) and no example database in the repository
(``database=None``). ``deadline=None`` because a whole ingestion pass or trafilatura on a deep tree takes longer
than Hypothesis's default 200 ms on a loaded CI machine, and a timing flake is not a finding.

To search harder locally, raise the count: ``NEWSDESK_HYPOTHESIS_EXAMPLES=5000 uv run pytest
tests/test_properties.py`` scales every property (the heavy ones keep their smaller share of it). Set
``NEWSDESK_HYPOTHESIS_RANDOM=1`` as well to draw new examples instead of CI's fixed ones.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# examples per pure-function property in CI; the heavier properties get a fixed share of it
DEFAULT_EXAMPLES = 200


def _examples() -> int:
    raw = os.environ.get("NEWSDESK_HYPOTHESIS_EXAMPLES", "")
    try:
        return max(1, int(raw)) if raw.strip() else DEFAULT_EXAMPLES
    except ValueError:
        raise ValueError(f"NEWSDESK_HYPOTHESIS_EXAMPLES must be a whole number, not {raw!r}") from None


def _profile(share: float, minimum: int) -> settings:
    return settings(
        max_examples=max(minimum, round(_examples() * share)),
        deadline=None,
        derandomize=os.environ.get("NEWSDESK_HYPOTHESIS_RANDOM", "") not in ("1", "true", "yes"),
        database=None,
        print_blob=True,
        # big generated pages and feeds are the point here, and the loopback-site fixture is deliberately shared
        # by the examples of one test (each example gets its own paths and database)
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                               HealthCheck.function_scoped_fixture],
    )


#: pure functions (URL canonicalisation, feed parsing, paragraph splitting, dedup): 200 examples in CI
PURE = _profile(1.0, 1)
#: one trafilatura extraction (and dedup) per example: 50 in CI
PARSE = _profile(0.25, 1)
#: a whole ingestion pass (loopback site, fresh database) per example: 15 in CI
WHOLE_PASS = _profile(0.075, 1)
