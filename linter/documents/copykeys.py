"""Which front-matter values are copy: ``copy-keys`` entries as names and paths.

A plain name (``title``) is a top-level key; a path reaches into nested
values: ``hero.title`` is the ``title`` of the ``hero`` mapping, ``[]`` is
every item of a list (``keyPoints[]``, ``faq[].answer``). Keys compare
case-insensitively. A value is read only when it is a string that sits
exactly at a listed path, so ``faq[]`` alone reads nothing from a list of
question/answer mappings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.documents.model import Block, BlockBuilder

#: Where a value sits: its keys and list indexes from the top, ("faq", 2, "answer").
KeyPath = tuple[str | int, ...]
#: A decoded string value: (text, source_start, source_len) runs, in order; an
#: escape maps to its whole source stretch.
Runs = list[tuple[str, int, int]]

#: One path entry: names and ``[]`` items, separated by dots (``a.b[].c``, ``list[][]``).
ENTRY = re.compile(r"[^.\[\]\s]+(?:\[\])*(?:\.[^.\[\]\s]+(?:\[\])*)*")
_SEGMENT = re.compile(r"[^.\[\]]+|\[\]")
EVERY_ITEM = -1  # the ``[]`` segment of a parsed path: any list index


class CopyKeys:
    """A compiled set of copy-key entries, matched against value paths."""

    __slots__ = ("names", "paths", "heads")

    def __init__(self, entries: frozenset[str]) -> None:
        paths = []
        for entry in entries:
            if not ENTRY.fullmatch(entry):
                continue  # not a path ("..." or a malformed entry): matches nothing
            segments = tuple(
                EVERY_ITEM if s == "[]" else s.lower() for s in _SEGMENT.findall(entry)
            )
            paths.append(segments)
        self.names = frozenset(p[0] for p in paths if len(p) == 1)
        self.paths = tuple(p for p in paths if len(p) > 1)
        # top-level keys some path goes through: only their nested values need reading
        self.heads = frozenset(p[0] for p in self.paths)

    def wants(self, path: KeyPath) -> bool:
        """Is the string value at ``path`` copy?"""
        if len(path) == 1:
            key = path[0]
            return isinstance(key, str) and key.lower() in self.names
        return any(_matches(p, path) for p in self.paths)

    def leads_into(self, key: str) -> bool:
        """Could a value nested under the top-level ``key`` be copy?"""
        return key.lower() in self.heads


def _matches(pattern: tuple[str | int, ...], path: KeyPath) -> bool:
    if len(pattern) != len(path):
        return False
    for want, got in zip(pattern, path, strict=True):
        if want == EVERY_ITEM:
            if not isinstance(got, int):
                return False
        elif not isinstance(got, str) or got.lower() != want:
            return False
    return True


@lru_cache(maxsize=32)
def compiled(entries: frozenset[str]) -> CopyKeys:
    """The matcher for a configuration's entries (a run has only a few distinct sets)."""
    return CopyKeys(entries)


def path_name(path: KeyPath) -> str:
    """A block's name: the path with its list indexes, ``faq[2].answer``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def field_block(path: KeyPath, runs: Runs) -> Block | None:
    """A ``field`` block of a copy value; None when it holds no visible text."""
    builder = BlockBuilder("field", name=path_name(path))
    for text, start, length in runs:
        builder.add(text, start, length)
    return builder.build()
