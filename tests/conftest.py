"""Shared fixtures: an isolated policy cache and helpers to write policies."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

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
