"""Linting in several processes gives the very report one process gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.config.settings import Options
from linter.results.report import Report
from linter.run import parallel
from linter.run.runner import run
from tests.conftest import SEEDS, run_cli

SUPPRESSED_PAGE = """# Letters

<!-- healthlint-disable-next-line cure-claim -- a patient's letter, reviewed by legal -->
Our therapy cured her MS, in her own words.

This groundbreaking therapy cures arthritis.
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site of 48 pages: the seeds as text, Markdown and HTML, in folders with
    their own configuration, waivers, and two files that cannot be read."""
    seeds = sorted(SEEDS.glob("*.txt"))
    root = tmp_path / "site"
    for i in range(40):
        seed = seeds[i % len(seeds)].read_text(encoding="utf-8")
        folder = root / ("blog" if i % 3 else "pages") / f"part{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        if i % 2:
            (folder / f"page{i}.md").write_text(f"# Page {i}\n\n{seed}", encoding="utf-8")
        else:
            (folder / f"page{i}.txt").write_text(seed, encoding="utf-8")
    for i in range(6):
        (root / "pages" / f"letters{i}.md").write_text(SUPPRESSED_PAGE, encoding="utf-8")
    (root / "blog" / "broken.md").write_bytes(b"\xff\xfe\x00\x00binary")
    (root / "pages" / "latin1.txt").write_bytes("caf\xe9 cures".encode("latin-1"))
    (root / "blog" / ".healthlint.yaml").write_text(
        "ignore: [hype-term]\nseverity: {cure-claim: warning}\nfail-on: warning\n",
        encoding="utf-8",
    )
    return root


def comparable(report: Report) -> dict:
    """Everything a formatter can show, in order, as plain data."""
    return {
        "findings": [f.as_dict() for f in report.findings],
        "suppressed": [f.as_dict() for f in report.suppressed],
        "errors": [e.to_dict() for e in report.errors],
        "files": report.files,
        "suppressed_count": report.suppressed_count,
        "fail_on": report.fail_on,
    }


def test_two_processes_find_exactly_what_one_finds(site: Path):
    one = run([str(site)], Options(jobs=1, report_suppressed=True))
    two = run([str(site)], Options(jobs=2, report_suppressed=True))
    assert (one.jobs, two.jobs) == (1, 2)  # the second run really used two processes
    assert comparable(two) == comparable(one)
    # ... and the site exercises what could differ: findings, waivers, errors, configs.
    assert len(one.findings) > 100
    assert one.suppressed
    assert len(one.errors) == 2
    blog = [f for f in one.findings if "/blog/" in f.path]
    assert "hype-term" not in {f.rule for f in blog}  # the blog's configuration applied
    assert {f.severity for f in blog if f.rule == "cure-claim"} == {"warning"}


def test_the_command_line_output_does_not_depend_on_jobs(site: Path):
    outputs = [run_cli("check", "--format", "json", "-j", jobs, str(site)) for jobs in "12"]
    (code1, out1, _), (code2, out2, _) = outputs
    assert code1 == code2 == 2  # two unreadable files
    assert out1 == out2
    assert json.loads(out1)["summary"]["files"] == 48


def test_small_runs_stay_in_process_and_jobs_zero_means_every_core(monkeypatch):
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    assert parallel.worker_count(1, 0) == 1  # an editor's one file
    assert parallel.worker_count(parallel.MIN_FILES_PER_WORKER * 2 - 1, 0) == 1
    assert parallel.worker_count(parallel.MIN_FILES_PER_WORKER * 2, 0) == 2
    assert parallel.worker_count(10_000, 0) == 4
    assert parallel.worker_count(10_000, 3) == 3
    assert parallel.worker_count(10_000, 1) == 1


def test_jobs_must_be_a_count():
    code, _out, err = run_cli("check", "-j", "-1", str(SEEDS))
    assert code == 2
    assert "-1" in err
