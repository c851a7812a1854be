"""bench/run.py on a tiny stand-in corpus: every figure it promises is printed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS

SCRIPT = ROOT / "bench" / "run.py"


def make_corpus(tmp_path: Path) -> Path:
    """A corpus laid out like FakeHealth (release/ and story/), from the seed pages."""
    corpus = tmp_path / "fakehealth"
    for sub in ("release", "story"):
        (corpus / sub).mkdir(parents=True)
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt")) * 4):
        sub = "release" if i % 2 else "story"
        text = seed.read_text(encoding="utf-8")
        (corpus / sub / f"page_{i:03}.md").write_text(f"# Page {i}\n\n{text}", encoding="utf-8")
    return corpus


def test_prints_the_table_the_ratios_the_growth_and_the_targets(tmp_path):
    corpus = make_corpus(tmp_path)
    args = ["--corpus", str(corpus), "--repeat", "1", "--one-file-repeat", "1"]
    args += ["--growth", "1,2", "--growth-repeat", "1", "--no-textlint"]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    size = sum(p.stat().st_size for p in corpus.rglob("*.md"))
    assert f"({20} files, {size / 1e6:.2f} MB)" in out
    assert "| tool | corpus s | corpus MB/s | files/s | peak RSS MiB | one file ms |" in out
    rows = [line for line in out.splitlines() if line.startswith("| healthlint")]
    assert len(rows) == 2  # default jobs, and one process
    assert "| Python re, one alternation, lower-cased (lower bound) |" in out
    assert "ratio healthlint / lower bound: corpus " in out
    assert "textlint: skipped (--no-textlint)" in out
    growth = [line for line in out.splitlines() if line.startswith(("| 1 |", "| 2 |"))]
    assert len(growth) == 2
    assert growth[0].endswith("| 1.00 (1.00-1.00) | 1.00 |")  # the first size is the yardstick
    assert "least squares: " in out
    for target in ("corpus >= 10 MB/s", "one file <= 80 ms", "peak memory <= 150 MiB"):
        assert f"target {target}: " in out
    assert "target linear growth within +-15%: " in out


def load_bench(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_run", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench)  # dataclasses look it up by name
    spec.loader.exec_module(bench)
    return bench


def test_rounds_alternate_their_order_so_drift_favours_no_command(monkeypatch):
    bench = load_bench(monkeypatch)
    ran = []

    def run_once(cmd, env):
        ran.append(cmd[0])
        return 1.0, 0, subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(bench, "run_once", run_once)
    commands = [(name, [name], (0,)) for name in "abc"]
    timings = bench.interleaved(commands, {}, repeat=2)
    assert ran == ["c", "b", "a", "a", "b", "c", "c", "b", "a"]  # a warm-up, then two rounds
    assert [t.seconds for t in timings] == [[1.0, 1.0]] * 3


def test_growth_is_judged_against_the_same_rounds_first_size(monkeypatch):
    bench = load_bench(monkeypatch)
    files = bench.Input([], 0, 0)
    # The second round ran on a machine twice as slow: both sizes stretch alike.
    one = bench.Timing("1x", seconds=[1.0, 2.0, 1.0])
    two = bench.Timing("2x", seconds=[2.0, 4.0, 2.6])
    four = bench.Timing("4x", seconds=[4.0, 8.0, 3.2])
    ratios = bench.growth_ratios([(1, files, one), (2, files, two), (4, files, four)])
    assert ratios == {1: [1.0, 1.0, 1.0], 2: [1.0, 1.0, 1.3], 4: [1.0, 1.0, 0.8]}


def test_without_a_corpus_it_says_so_and_times_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "no corpus at" in result.stdout
    assert "| tool |" not in result.stdout
