"""The `quotes` table on real reporting: PolNeAR's dev split, scored by the corpus's own score.py (which serves
the articles from loopback and runs `newsdesk ingest`). Skips when ../shared/corpus is absent."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import CORPUS, REPO

SCORER = CORPUS / "attribution" / "score.py"


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.exists(), reason="../shared/corpus/attribution is not here")
def test_attribution_meets_its_targets_on_polnear_dev():
    env = dict(os.environ, NEWSDESK_ALLOW_PRIVATE_NETWORK="1", PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, str(SCORER), "dev"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=1200)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    figures = dict(re.findall(r"(\w+)=([\d.]+)", last))
    assert figures, proc.stdout[-2000:] + proc.stderr[-2000:]
    # the targets; the scorer exits non-zero when one is missed
    assert float(figures["content_f1"]) >= 0.65, last
    assert float(figures["direct_f1"]) >= 0.85, last
    assert float(figures["source_acc"]) >= 0.90, last
    assert proc.returncode == 0, last
