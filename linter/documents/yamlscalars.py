"""YAML scalars in front matter, decoded with each character's source offset.

Shared by the hand-written reader of flat front matter and the reader of
nested values (which finds scalars with PyYAML and decodes them here), so a
value reads the same either way: quotes are delimiters, not text; escapes and
line folds map to their whole source stretch.
"""

from __future__ import annotations

import re

from linter.documents.copykeys import Runs

_LINE = re.compile(r"[^\r\n]*")
_COMMENT = re.compile(r"[ \t]+#")
_FOLD = r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*"
DQ_TOKEN = re.compile(
    r"\\(?:\r\n|\r|\n)[ \t]*"  # escaped line break: joins the lines
    r"|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)"
    rf"|{_FOLD}"
)
SQ_TOKEN = re.compile(rf"''|{_FOLD}")
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


class Line:
    """One source line: where it starts and where its text ends (before the line break)."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def text(self, source: str) -> str:
        """The line's text, without its line break."""
        return source[self.start : self.end]


def split_lines(source: str, start: int, end: int) -> list[Line]:
    """The lines of ``source[start:end]``, with any of the three line breaks."""
    lines = []
    pos = start
    while pos < end:
        m = _LINE.match(source, pos, end)
        assert m is not None  # the pattern matches the empty string
        lines.append(Line(pos, m.end()))
        pos = m.end()
        pos += 2 if source.startswith("\r\n", pos) else 1
    return lines


def joined(runs: Runs) -> str:
    """The decoded text of a value."""
    return "".join(text for text, _, _ in runs)


def unquote(source: str, start: int, end: int, tokens: re.Pattern[str]) -> Runs:
    """Decode escapes and line folds; each maps to its whole source stretch."""
    runs: Runs = []
    pos = start
    for m in tokens.finditer(source, start, end):
        if m.start() > pos:
            runs.append((source[pos : m.start()], pos, m.start() - pos))
        token = m.group()
        if token == "''":
            runs.append(("'", m.start(), 2))
        elif token[0] == "\\":
            decoded = _escape(token)
            if decoded:
                runs.append((decoded, m.start(), len(token)))
        else:
            runs.append((" ", m.start(), len(token)))
        pos = m.end()
    if end > pos:
        runs.append((source[pos:end], pos, end - pos))
    return runs


def _escape(token: str) -> str:
    """The character a double-quoted escape stands for ('' for a line join)."""
    kind = token[1]
    if kind in "\r\n":
        return ""
    if kind in "xuU" and len(token) > 2:
        return chr(int(token[2:], 16))
    return _ESCAPES.get(kind, token)


def plain_scalar(source: str, start: int, end: int, more: list[Line]) -> Runs:
    """A plain scalar: text up to a comment, continued on indented lines."""
    segments = [strip_comment(source, start, end)]
    for line in more:
        text = line.text(source)
        if text.strip():
            indent = len(text) - len(text.lstrip())
            segments.append(strip_comment(source, line.start + indent, line.end))
    return fold_segments(source, [s for s in segments if s[1] > s[0]], " ")


def strip_comment(source: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of a plain scalar's line before a ``#`` comment, trailing blanks trimmed."""
    m = _COMMENT.search(source, start, end)
    if m is not None:
        end = m.start()
    text = source[start:end]
    return start, start + len(text.rstrip())


def block_scalar(source: str, body: list[Line], *, literal: bool) -> Runs:
    """A ``|`` or ``>`` block scalar: one segment per non-blank line."""
    segments = []
    indent = None
    for line in body:
        text = line.text(source)
        if not text.strip():
            continue
        here = len(text) - len(text.lstrip(" \t"))
        if indent is None:
            indent = here
        start = line.start + min(indent, here)
        segments.append((start, line.start + len(text.rstrip())))
    return fold_segments(source, segments, "\n" if literal else " ")


def fold_segments(source: str, segments: list[tuple[int, int]], joiner: str) -> Runs:
    """Join line segments; each joiner maps to the whitespace between two lines."""
    runs: Runs = []
    for n, (start, end) in enumerate(segments):
        if n:
            gap = segments[n - 1][1]
            runs.append((joiner, gap, start - gap))
        runs.append((source[start:end], start, end - start))
    return runs
