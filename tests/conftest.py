"""Shared fixtures: an isolated policy cache and helpers to write policies."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own compiled-policy cache, so tests never share state."""
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def write_policy(tmp_path: Path):
    """Write a policy YAML (dedented) and return its path."""

    def write(text: str, name: str = "policy.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


# A small pack with one rule of each severity, titles, rationale and references,
# for the output-format tests.
FORMAT_POLICY = """
rules:
  - id: no-cure
    title: Cure claim
    severity: error
    message: "cure claim: {{ match }}"
    check: 'find "cure*" unless negated'
    rationale: Promising a cure needs competent and reliable scientific evidence.
    references:
      - "FTC, Health Products Compliance Guidance (2022) — https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"
      - "15 U.S.C. § 52 — https://www.law.cornell.edu/uscode/text/15/52"
  - id: hype
    title: Hype
    severity: warning
    message: "hype: {{ match }}"
    check: '"miracle"'
  - id: aside
    severity: info
    message: "note: {{ match }}"
    check: '"by the way"'
"""

FORMAT_PAGE = (
    "# Welcome\n\nOur therapy cures MS.\n\nA miracle, by the way.\n\nIt cures pain, too.\n"
)


@pytest.fixture
def format_policy(write_policy) -> Path:
    return write_policy(FORMAT_POLICY, "format-policy.yaml")


@pytest.fixture
def audit_report(format_policy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A Report of one page in the working directory, as an audit shows it.

    The last cure claim is waived with a reason, the way an inline
    suppression marks it, so formats can be checked on both kinds.
    """
    from linter.documents import read_document
    from linter.engine.analysis import lint_document
    from linter.policy import load_policies
    from linter.results.report import Report

    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(FORMAT_PAGE, encoding="utf-8")
    policy = load_policies([format_policy])
    findings = lint_document(read_document("page.md", FORMAT_PAGE.encode()), policy)
    waived = findings.pop()
    waived.suppressed = True
    waived.suppression_reason = "pain relief is documented, see the trial, ref 12"
    return Report(
        findings=findings, suppressed=[waived], suppressed_count=1, files=1, policy=policy
    )


def run_cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run ``healthlint ARGS`` in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# Two rules with predictable findings, for tests of what happens around rules.
CLAIM_POLICY = """
rules:
  - id: no-cure
    severity: error
    message: "cure claim: {{ match }}"
    check: 'find "cure*" unless negated'
  - id: hype
    severity: warning
    message: "hype: {{ match }}"
    check: '"miracle"'
"""
