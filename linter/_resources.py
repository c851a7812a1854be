"""Where the grammar and the bundled policies live.

A wheel carries them inside the package (``linter/grammars``,
``linter/policies``); a source checkout keeps them at the top level beside
``linter/``. Both are looked up here, and nowhere else.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def grammar_path() -> Path:
    return _data_dir("grammars") / "policy.lark"


@cache
def grammar_text() -> str:
    return grammar_path().read_text(encoding="utf-8")


def policies_dir() -> Path:
    return _data_dir("policies")


def default_policy_paths() -> list[Path]:
    """The bundled `us-health` pack: one file, or every YAML file of a folder."""
    base = policies_dir()
    single = base / "us-health.yaml"
    if single.is_file():
        return [single]
    folder = base / "us-health"
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file())
