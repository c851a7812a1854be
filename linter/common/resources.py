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


#: What a bundled pack's name looks like: "us-health", "au-health", "us-ca".
_PACK_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def is_pack_name(text: str) -> bool:
    """Could ``text`` name a bundled pack (lower-case letters, digits, hyphens; no path)?"""
    return bool(text) and text[0].isalnum() and set(text) <= _PACK_NAME_CHARS


def bundled_packs() -> list[str]:
    """The names of the bundled packs: the folders of ``policies/`` with a ``pack.yaml``."""
    root = policies_dir()
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    return [
        n for n in names if is_pack_name(n) and os.path.isfile(os.path.join(root, n, "pack.yaml"))
    ]


def bundled_pack_folder(name: str) -> str | None:
    """The folder of the bundled pack called ``name``, or None when there is none."""
    if not is_pack_name(name):
        return None
    folder = os.path.join(policies_dir(), name)
    return folder if os.path.isfile(os.path.join(folder, "pack.yaml")) else None


def resolve_policy_path(path: str) -> str:
    """A policy path as given, or the folder of the bundled pack it names.

    A file or folder that exists wins over a bundled pack of the same name,
    so a project can keep its own pack called ``au-health``. Anything else is
    returned unchanged, for the loader to report as missing.
    """
    if os.path.exists(path):
        return path
    return bundled_pack_folder(path) or path


def expand_policy_paths(paths: list[str]) -> list[str]:
    """Policy paths as files: a pack folder (or a bundled pack's name) stands for its files."""
    out: list[str] = []
    for given in paths:
        path = resolve_policy_path(given)
        out.extend(pack_files(path) if os.path.isdir(path) else [path])
    return out


def pack_data_files(files: list[str]) -> list[str]:
    """The list files (``*.txt``) of the pack folders holding ``files``.

    A lexicon may be read from a list file beside its pack (``file:`` in a
    lexicon); the compiled-policy cache must see those files change too.
    """
    out: list[str] = []
    for folder in dict.fromkeys(os.path.dirname(f) for f in files):
        if not os.path.isfile(os.path.join(folder, "pack.yaml")):
            continue
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
        except OSError:
            continue
        out.extend(p for p in (os.path.join(folder, n) for n in names) if os.path.isfile(p))
    return out
