"""JSON front matter (a page that starts with a JSON object, as Hugo allows), with positions.

The object must start the file and its closing brace must stand on a line of
its own, so a text file that merely begins with ``{`` is not taken for front
matter. ``json`` decides whether the object is valid and gives the values;
the copy strings are found by scanning the source, so quotes stay out of the
text and an escape maps to its whole escape sequence.
"""

from __future__ import annotations

import json
import re

from linter.documents.copykeys import CopyKeys, KeyPath, Runs, field_block
from linter.documents.model import Block

_SPACE = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)
_OTHER = re.compile(r"[^,\]}\s]*")  # numbers, true, false, null: never copy
_ESCAPE = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a surrogate pair
    r"|u[0-9a-fA-F]{4}|.)"
)
_BLANK_TO_EOL = re.compile(r"[ \t]*(?:\r\n|\r|\n|\Z)")


def read_json(
    source: str, keys: CopyKeys
) -> tuple[dict[str, object], list[Block], int, tuple[int, int]] | None:
    """Values, copy fields, body start and span of JSON front matter; None when there is none."""
    try:
        values, end = json.JSONDecoder().raw_decode(source)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    line_start = max(source.rfind("\n", 0, end - 1), source.rfind("\r", 0, end - 1)) + 1
    after = _BLANK_TO_EOL.match(source, end)
    if source[line_start : end - 1].strip(" \t") or after is None:
        return None  # the closing brace does not stand on a line of its own
    scanner = _Scanner(source, keys)
    try:
        scanner.value(0, ())
    except (ValueError, IndexError):
        scanner.blocks = []  # never a traceback for JSON the scanner does not follow
    return values, scanner.blocks, after.end(), (0, end)


class _Scanner:
    def __init__(self, source: str, keys: CopyKeys) -> None:
        self.source = source
        self.keys = keys
        self.blocks: list[Block] = []

    def value(self, pos: int, path: KeyPath) -> int:
        """Read the value at ``pos`` (its copy strings become fields); the offset after it."""
        source = self.source
        pos = _SPACE.match(source, pos).end()
        first = source[pos]
        if first == '"':
            m = _STRING.match(source, pos)
            if m is None:
                raise ValueError(f"unclosed string at {pos}")
            if self.keys.wants(path):
                block = field_block(path, _decode(source, m.start(1), m.end(1)))
                if block is not None:
                    self.blocks.append(block)
            return m.end()
        if first == "{":
            return self.members(pos + 1, path)
        if first == "[":
            return self.items(pos + 1, path)
        return _OTHER.match(source, pos).end()

    def members(self, pos: int, path: KeyPath) -> int:
        source = self.source
        while True:
            pos = _SPACE.match(source, pos).end()
            if source[pos] == "}":
                return pos + 1
            m = _STRING.match(source, pos)
            if m is None:
                raise ValueError(f"expected a key at {pos}")
            key = json.loads(m.group())
            pos = _SPACE.match(source, m.end()).end()
            if source[pos] != ":":
                raise ValueError(f"expected ':' at {pos}")
            pos = self.value(pos + 1, (*path, key))
            pos = _SPACE.match(source, pos).end()
            if source[pos] == ",":
                pos += 1

    def items(self, pos: int, path: KeyPath) -> int:
        source = self.source
        index = 0
        while True:
            pos = _SPACE.match(source, pos).end()
            if source[pos] == "]":
                return pos + 1
            pos = self.value(pos, (*path, index))
            index += 1
            pos = _SPACE.match(source, pos).end()
            if source[pos] == ",":
                pos += 1


def _decode(source: str, start: int, end: int) -> Runs:
    """A string's text: each escape (a surrogate pair as one) maps to its whole stretch."""
    runs: Runs = []
    pos = start
    for m in _ESCAPE.finditer(source, start, end):
        if m.start() > pos:
            runs.append((source[pos : m.start()], pos, m.start() - pos))
        runs.append((json.loads(f'"{m.group()}"'), m.start(), m.end() - m.start()))
        pos = m.end()
    if end > pos:
        runs.append((source[pos:end], pos, end - pos))
    return runs
