"""TOML front matter (``+++`` fences, as Hugo writes it), read with positions.

``tomllib`` decides whether the block is TOML and gives the values; the copy
strings are then found by scanning the source, so every character of a
field maps to its offset: the quotes are delimiters, an escape maps to its
whole escape sequence, and the tables (``[hero]``, ``[[faq]]``), dotted keys,
inline tables and arrays give each string its path (``faq[1].answer``).
"""

from __future__ import annotations

import re
import tomllib

from linter.documents.copykeys import CopyKeys, KeyPath, Runs, field_block
from linter.documents.model import Block

_SPACE = re.compile(r"[ \t]*")
_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")  # blanks, line breaks and comments
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"')
_LITERAL = re.compile(r"'([^'\r\n]*)'")
_ML_BASIC = re.compile(r'"""((?:[^"\\]|\\[\s\S]|"(?!""))*?"{0,2})"""')
_ML_LITERAL = re.compile(r"'''([\s\S]*?'{0,2})'''")
_OTHER = re.compile(r"[^,\]}\r\n#]*")  # numbers, booleans, dates: never copy
_ESCAPE = re.compile(
    r"\\[ \t]*(?:\r\n|\n)[ \t\r\n]*"  # line-ending backslash: joins the lines
    r"|\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)"
)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"'}
_ESCAPES["\\"] = "\\"
_LEADING_BREAK = re.compile(r"\r?\n")


class TomlError(ValueError):
    """The scanner met something the validated TOML cannot hold (a scanner gap)."""


def read_toml(
    source: str, span: tuple[int, int], keys: CopyKeys
) -> tuple[dict[str, object], list[Block]] | None:
    """The values and copy fields of the TOML in ``span``; None when it is not TOML."""
    start, end = span
    try:
        values = tomllib.loads(source[start:end])
    except (tomllib.TOMLDecodeError, UnicodeError):
        return None
    scanner = _Scanner(source, end, keys)
    try:
        scanner.document(start)
    except (ValueError, IndexError):
        return values, []  # never a traceback for TOML the scanner does not follow
    return values, scanner.blocks


class _Scanner:
    def __init__(self, source: str, end: int, keys: CopyKeys) -> None:
        self.source = source
        self.end = end
        self.keys = keys
        self.blocks: list[Block] = []
        self.arrays: dict[KeyPath, int] = {}  # array-of-tables path -> items so far

    def document(self, pos: int) -> None:
        source = self.source
        table: KeyPath = ()
        while True:
            pos = _GAP.match(source, pos, self.end).end()
            if pos >= self.end:
                return
            if source.startswith("[[", pos):
                names, pos = self.key(pos + 2)
                pos = self.expect(pos, "]]")
                parent = self.resolve(names[:-1])
                whole = (*parent, names[-1])
                count = self.arrays.get(whole, 0) + 1
                self.arrays[whole] = count
                table = (*whole, count - 1)
            elif source[pos] == "[":
                names, pos = self.key(pos + 1)
                pos = self.expect(pos, "]")
                table = self.resolve(names)
            else:
                names, pos = self.key(pos)
                pos = self.expect(pos, "=")
                pos = self.value(pos, (*table, *names))

    def resolve(self, names: tuple[str, ...]) -> KeyPath:
        """A table header's path, through the latest item of each array of tables."""
        path: list[str | int] = []
        for name in names:
            path.append(name)
            count = self.arrays.get(tuple(path))
            if count is not None:
                path.append(count - 1)
        return tuple(path)

    def expect(self, pos: int, token: str) -> int:
        pos = _SPACE.match(self.source, pos).end()
        if not self.source.startswith(token, pos):
            raise TomlError(f"expected {token!r} at {pos}")
        return pos + len(token)

    def key(self, pos: int) -> tuple[tuple[str, ...], int]:
        """A bare, quoted or dotted key: its names and the offset after it."""
        names = []
        source = self.source
        while True:
            pos = _SPACE.match(source, pos).end()
            m = _BASIC.match(source, pos) or _LITERAL.match(source, pos)
            if m is not None:
                literal = source[pos] == "'"
                names.append(m.group(1) if literal else _text(_decode(source, *m.span(1))))
            else:
                m = _BARE_KEY.match(source, pos)
                if m is None:
                    raise TomlError(f"expected a key at {pos}")
                names.append(m.group())
            pos = _SPACE.match(source, m.end()).end()
            if not source.startswith(".", pos):
                return tuple(names), pos
            pos += 1

    def value(self, pos: int, path: KeyPath) -> int:
        """Read the value at ``pos`` (its copy strings become fields); the offset after it."""
        source = self.source
        pos = _SPACE.match(source, pos).end()
        first = source[pos]
        if first in "\"'":
            return self.string(pos, path)
        if first == "[":
            return self.sequence(pos + 1, path)
        if first == "{":
            return self.inline_table(pos + 1, path)
        return _OTHER.match(source, pos).end()

    def string(self, pos: int, path: KeyPath) -> int:
        source = self.source
        if source.startswith('"""', pos) or source.startswith("'''", pos):
            m = (_ML_BASIC if source[pos] == '"' else _ML_LITERAL).match(source, pos)
            if m is None:
                raise TomlError(f"unclosed string at {pos}")
            start = m.start(1)
            newline = _LEADING_BREAK.match(source, start)  # a break right after """ is not text
            if newline is not None:
                start = newline.end()
        else:
            m = (_BASIC if source[pos] == '"' else _LITERAL).match(source, pos)
            if m is None:
                raise TomlError(f"unclosed string at {pos}")
            start = m.start(1)
        if self.keys.wants(path):
            if source[pos] == '"':
                runs = _decode(source, start, m.end(1))
            else:
                runs = [(source[start : m.end(1)], start, m.end(1) - start)]
            block = field_block(path, runs)
            if block is not None:
                self.blocks.append(block)
        return m.end()

    def sequence(self, pos: int, path: KeyPath) -> int:
        source = self.source
        index = 0
        while True:
            pos = _GAP.match(source, pos).end()
            if source[pos] == "]":
                return pos + 1
            pos = self.value(pos, (*path, index))
            index += 1
            pos = _GAP.match(source, pos).end()
            if source[pos] == ",":
                pos += 1

    def inline_table(self, pos: int, path: KeyPath) -> int:
        source = self.source
        while True:
            pos = _GAP.match(source, pos).end()
            if source[pos] == "}":
                return pos + 1
            names, pos = self.key(pos)
            pos = self.expect(pos, "=")
            pos = self.value(pos, (*path, *names))
            pos = _GAP.match(source, pos).end()
            if source[pos] == ",":
                pos += 1


def _decode(source: str, start: int, end: int) -> Runs:
    """A basic string's text: each escape maps to its whole source stretch."""
    runs: Runs = []
    pos = start
    for m in _ESCAPE.finditer(source, start, end):
        if m.start() > pos:
            runs.append((source[pos : m.start()], pos, m.start() - pos))
        token = m.group()
        kind = token[1]
        # "" for a line-ending backslash
        text = chr(int(token[2:], 16)) if kind in "uU" else _ESCAPES.get(kind, "")
        if text:
            runs.append((text, m.start(), len(token)))
        pos = m.end()
    if end > pos:
        runs.append((source[pos:end], pos, end - pos))
    return runs


def _text(runs: Runs) -> str:
    return "".join(text for text, _, _ in runs)
