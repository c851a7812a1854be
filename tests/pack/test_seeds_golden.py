"""The seeds as a golden test: every reviewed finding, and nothing else."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from linter.config.settings import Options
from linter.run.runner import run
from tests.conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "seeds.yaml"
EXPECTED = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def findings():
    report = run([str(SEEDS)], Options(isolated=True))
    assert not report.errors
    by_file: dict[str, list] = {}
    for f in report.findings:
        by_file.setdefault(Path(f.path).name, []).append(f)
    return by_file


def test_every_seed_has_a_reviewed_list():
    assert sorted(EXPECTED) == sorted(p.name for p in SEEDS.iterdir() if p.suffix == ".txt")


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_the_linter_finds_exactly_the_reviewed_findings(findings, seed):
    expected = Counter((e["line"], e["rule"], e["severity"]) for e in EXPECTED[seed])
    actual = Counter((f.line, f.rule, f.severity) for f in findings.get(seed, []))
    assert actual - expected == Counter(), "findings on lines reviewed as clean"
    assert expected - actual == Counter(), "reviewed findings that are missing"
    matches = {(f.line, f.rule, f.match) for f in findings.get(seed, [])}
    for e in EXPECTED[seed]:
        assert any(
            line == e["line"] and rule == e["rule"] and match.startswith(e["match"])
            for line, rule, match in matches
        ), e


def test_every_reviewed_finding_has_a_verdict():
    verdicts = Counter(e["verdict"] for entries in EXPECTED.values() for e in entries)
    assert set(verdicts) <= {"right", "debatable"}  # wrong ones were fixed, not listed
    assert verdicts["right"] > 3 * verdicts["debatable"]


def rules_at(findings, seed: str) -> set[tuple[str, int]]:
    return {(f.rule, f.line) for f in findings[seed]}


def test_what_the_issue_requires_on_each_seed(findings):
    s0 = rules_at(findings, "000_9e45cf5bb5d805d5.txt")
    assert {
        ("fda-status-disclosure", 9),
        ("fda-approval-claim", 34),  # HSCT "approved by the FDA as a form of stem cell therapy"
        ("unqualified-remission", 3),  # "truly in remission"
        ("unsubstantiated-statistic", 29),  # 70 percent
        ("price-clarity", 32),  # "upwards of $20,000"
        ("cure-claim", 39),  # "full recovery"
        ("hype-term", 1),  # "groundbreaking"
    } <= s0
    assert any(rule == "testimonial-disclaimer" for rule, _ in s0)

    s1 = rules_at(findings, "001_d54765c64998f113.txt")
    assert {("hype-term", 1), ("hype-term", 5), ("hype-term", 7)} <= s1  # Breakthrough, ...
    assert {("fda-status-disclosure", 1), ("superiority-claim", 11)} <= s1  # root cause
    assert any(rule == "cure-claim" for rule, _ in s1)

    s2 = rules_at(findings, "002_dff7bd414d9d77ab.txt")
    assert {"fda-status-disclosure", "not-a-cure-statement"} <= {rule for rule, _ in s2}
    assert ("vague-evidence", 6) in s2  # the front-matter description's claim

    s3 = rules_at(findings, "003_f2d62d2b4493562a.txt")
    assert {("fda-status-disclosure", 1), ("superiority-claim", 29)} <= s3  # "most effective"
    assert sum(1 for rule, line in s3 if (rule, line) == ("cure-claim", 23)) >= 1

    s4 = rules_at(findings, "004_6d645891da20cf60.txt")
    assert any(rule == "not-a-cure-statement" for rule, _ in s4)
    assert ("unqualified-remission", 4) not in s4  # "in some cases, long-term remission"

    for seed in (
        "000_9e45cf5bb5d805d5.txt",
        "001_d54765c64998f113.txt",
        "003_f2d62d2b4493562a.txt",
    ):
        assert not any(rule == "not-a-cure-statement" for rule, _ in rules_at(findings, seed))


def test_003_repair_claims_cover_myelin_and_the_immune_system(findings):
    matches = [f.match for f in findings["003_f2d62d2b4493562a.txt"] if f.rule == "cure-claim"]
    assert any("myelin" in m for m in matches)
    assert any("immune system" in m for m in matches)
