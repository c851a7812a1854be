"""Shared fixtures: an isolated policy cache and helpers to write policies."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

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
