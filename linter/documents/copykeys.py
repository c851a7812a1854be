"""Which front-matter values are copy: ``copy-keys`` entries as names and paths.

A plain name (``title``) is a top-level key; a path reaches into nested
values: ``hero.title`` is the ``title`` of the ``hero`` mapping, ``[]`` is
every item of a list (``keyPoints[]``, ``faq[].answer``). Keys compare
case-insensitively. A value is read only when it is a string that sits
exactly at a listed path, so ``faq[]`` alone reads nothing from a list of
question/answer mappings. Two wildcards widen a path: ``*`` within a name
stands for any characters (``*_text`` is ``body_text`` and ``hero_text``),
and a ``**`` segment for any keys and list items between (``**.*description``
is a description however deep, ``long_description`` included).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

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
ANY_DEPTH = "**"  # a segment that stands for any keys and list items, none included


@cache
def _nested_key() -> re.Pattern[str]:
    """A key in nested YAML, block or flow style: "  title: x", "- question: y", "{text: z}".

    Compiled when first needed: the module is imported on every run's start
    (configuration checks its entries), most runs never look inside nested values.
    """
    return re.compile(r"""(?:^|[{,])[ \t-]*["']?([^\s:"'#\[\]{},]+)["']?[ \t]*:(?:\s|$)""", re.M)


def _glob_matches(name: str, pattern: str) -> bool:
    """``fnmatchcase``, imported when a wildcard is first matched (start-up budget)."""
    from fnmatch import fnmatchcase

    return fnmatchcase(name, pattern)


class CopyKeys:
    """A compiled set of copy-key entries, matched against value paths."""

    __slots__ = ("names", "paths", "heads", "wild")

    def __init__(self, entries: frozenset[str]) -> None:
        paths = []
        wild = []
        for entry in entries:
            if not ENTRY.fullmatch(entry):
                continue  # not a path ("..." or a malformed entry): matches nothing
            segments = tuple(
                EVERY_ITEM if s == "[]" else s.lower() for s in _SEGMENT.findall(entry)
            )
            if any(isinstance(s, str) and "*" in s for s in segments):
                wild.append(segments)
            else:
                paths.append(segments)
        self.names = frozenset(p[0] for p in paths if len(p) == 1)
        self.paths = tuple(p for p in paths if len(p) > 1)
        # top-level keys some path goes through: only their nested values need reading
        self.heads = frozenset(p[0] for p in self.paths)
        #: Paths with wildcards, matched segment by segment (a few per configuration).
        self.wild = tuple(wild)

    def wants(self, path: KeyPath) -> bool:
        """Is the string value at ``path`` copy?"""
        if len(path) == 1:
            key = path[0]
            if isinstance(key, str) and key.lower() in self.names:
                return True
        elif any(_matches(p, path) for p in self.paths):
            return True
        return any(_matches_wild(p, path) for p in self.wild)

    def leads_into(self, key: str, nested: str = "") -> bool:
        """Could a value nested under the top-level ``key`` be copy?

        ``nested`` is the nested value's source text: a path that may reach
        any depth (``**.*text``) leads into it only when a key there has a
        name the path's last segment matches, so ``tags: [a, b]`` or
        ``social: {image: x.jpg}`` are never parsed for copy they cannot hold.
        """
        if key.lower() in self.heads:
            return True
        names: list[str] | None = None
        for p in self.wild:
            if len(p) < 2:
                continue
            if p[0] != ANY_DEPTH:
                if _segment_matches(p[0], key):
                    return True
                continue
            last = p[-1]
            if not isinstance(last, str) or last == ANY_DEPTH:
                return True
            if names is None:
                names = [m.group(1).lower() for m in _nested_key().finditer(nested)]
            if any(_glob_matches(name, last) for name in names):
                return True
        return False


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


def _segment_matches(want: str | int, got: str | int) -> bool:
    """Does one path element match one pattern segment (``**`` aside)?"""
    if isinstance(want, int):  # EVERY_ITEM
        return isinstance(got, int)
    if want == ANY_DEPTH:
        return True
    if not isinstance(got, str):
        return False
    name = got.lower()
    return _glob_matches(name, want) if "*" in want else name == want


def _matches_wild(pattern: tuple[str | int, ...], path: KeyPath) -> bool:
    """Match a path with ``*`` in its names and ``**`` segments (any elements, or none)."""
    if not pattern:
        return not path
    head, rest = pattern[0], pattern[1:]
    if head == ANY_DEPTH:
        return any(_matches_wild(rest, path[i:]) for i in range(len(path) + 1))
    return bool(path) and _segment_matches(head, path[0]) and _matches_wild(rest, path[1:])


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
