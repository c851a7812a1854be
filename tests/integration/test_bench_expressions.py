"""bench/expressions.py on the seeds: the slowest expressions and the prefilter's timings."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.integration.test_bench_run import make_corpus

SCRIPT = ROOT / "bench" / "expressions.py"


def test_prints_the_slowest_expressions_and_every_set_size(tmp_path):
    corpus = make_corpus(tmp_path)
    env = {**os.environ, "HEALTHLINT_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(corpus), "--mb", "0.2", "--top", "3"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith(" s in all")
    assert " expressions over " in lines[0]
    slowest = lines[2:5]
    assert len(slowest) == 3
    assert all(float(line.split()[1]) > 0 for line in slowest)
    for chunk in (1, 5, 10, 17, 25):
        assert any(line.startswith(f"  RE2 sets of {chunk:2d}: ") for line in lines)
    assert any(line.startswith("  Hyperscan database: ") for line in lines)
