"""Where the grammar and the bundled policies live.

A wheel carries them inside the package (``linter/grammars``,
``linter/policies``); a source checkout keeps them at the top level beside
``linter/``. Both are looked up here, and nowhere else. Plain ``os.path``
strings: every run asks, and pathlib costs more to import than the lint of
a page.
"""

from __future__ import annotations

import os
from functools import cache

_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # linter/


def _data_dir(name: str) -> str:
    inside = os.path.join(_PACKAGE, name)
    if os.path.isdir(inside):
        return inside
    return os.path.join(os.path.dirname(_PACKAGE), name)


def grammar_path() -> str:
    """The rule language's Lark grammar file."""
    return os.path.join(_data_dir("grammars"), "policy.lark")


@cache
def grammar_text() -> str:
    """The grammar's text, read once per process."""
    with open(grammar_path(), encoding="utf-8") as fh:
        return fh.read()


def policies_dir() -> str:
    """The folder of bundled policy packs."""
    return _data_dir("policies")


def default_policy_paths() -> list[str]:
    """The bundled `us-health` pack's files."""
    return pack_files(os.path.join(policies_dir(), "us-health"))


def pack_files(folder: str) -> list[str]:
    """A pack folder's YAML files: ``pack.yaml`` first, then the others by name."""
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith((".yaml", ".yml")))
    except OSError:
        return []
    names.sort(key=lambda n: not n.startswith("pack."))  # stable: the rest stay sorted
    return [p for p in (os.path.join(folder, n) for n in names) if os.path.isfile(p)]


def expand_policy_paths(paths: list[str]) -> list[str]:
    """Policy paths as files: a pack folder stands for its files."""
    out: list[str] = []
    for path in paths:
        out.extend(pack_files(path) if os.path.isdir(path) else [path])
    return out
