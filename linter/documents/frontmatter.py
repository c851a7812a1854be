"""Front matter: the ``---`` block at the top of a copy file.

Static-site generators keep a page's title and meta description there, and
those are copy a regulator reads first. Only the top-level ``key: value`` lines
matter, so a small hand-written parser does the job without importing a YAML
library on every run; nested mappings and lists are skipped (lists of plain
scalars are kept as lists of strings for later use). Values of the copy keys
become ``field`` blocks whose every character maps back into the source.
"""

from __future__ import annotations

import re

from linter.common.plaindata import PlainData
from linter.documents.model import Block, BlockBuilder

#: Front-matter keys whose values are copy (compared case-insensitively).
COPY_KEYS = frozenset({"title", "description", "summary", "excerpt", "subtitle"})

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)")
_LINE = re.compile(r"[^\r\n]*")
_KEY = re.compile(r"""([\w$@][\w.$@/-]*|"[^"\r\n]*"|'[^'\r\n]*')[ \t]*:(?:[ \t]+|$)""")
_PROPERTIES = re.compile(r"(?:[!&][^ \t]*[ \t]+)*")  # YAML tags and anchors
_BLOCK_HEADER = re.compile(r"[|>](?:[+-]?[1-9]?|[1-9][+-])[ \t]*(?:#.*)?$")
_COMMENT = re.compile(r"[ \t]+#")
_FOLD = r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*"
_DQ_TOKEN = re.compile(
    r"\\(?:\r\n|\r|\n)[ \t]*"  # escaped line break: joins the lines
    r"|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)"
    rf"|{_FOLD}"
)
_SQ_TOKEN = re.compile(rf"''|{_FOLD}")
_DQ_END = re.compile(r'(?:[^"\\]|\\.)*"', re.S)
_SQ_END = re.compile(r"(?:[^']|'')*'")
_LIST_ITEM = re.compile(r"[ \t]*-(?:[ \t]+(.*?))?[ \t]*$")
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

# A decoded value: (text, source_start, source_len) runs, in order.
Runs = list[tuple[str, int, int]]


class FrontMatter(PlainData):
    """What a front-matter block holds, and where the body after it begins."""

    __slots__ = ("fields", "values", "body_start", "span")

    def __init__(
        self,
        fields: list[Block] | None = None,
        values: dict[str, object] | None = None,
        body_start: int = 0,
        span: tuple[int, int] = (0, 0),  # the YAML between the fences, as source offsets
    ) -> None:
        self.fields = [] if fields is None else fields
        self.values = {} if values is None else values
        self.body_start = body_start
        self.span = span


class _Line(PlainData):
    __slots__ = ("start", "end")

    def __init__(
        self,
        start: int,  # offset of the first character
        end: int,  # offset just past the last character, before the line ending
    ) -> None:
        self.start = start
        self.end = end

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def parse_front_matter(source: str) -> FrontMatter:
    """Parse a leading front-matter block; an empty result when there is none.

    A block that is never closed, or whose top-level lines are not all
    ``key:`` lines, is not front matter: the whole file is then body, so no
    prose is ever hidden by a stray ``---`` line.
    """
    opening = _OPEN.match(source)
    if opening is None:
        return FrontMatter()
    closing = _CLOSE.search(source, opening.end() - 1)
    if closing is None:
        return FrontMatter()
    lines = _split_lines(source, opening.end(), closing.start(1))
    parsed = _parse_mapping(source, lines)
    if parsed is None:
        return FrontMatter()
    values, fields = parsed
    return FrontMatter(fields, values, closing.end(), (opening.end(), closing.start(1)))


def _split_lines(source: str, start: int, end: int) -> list[_Line]:
    lines = []
    pos = start
    while pos < end:
        m = _LINE.match(source, pos, end)
        lines.append(_Line(pos, m.end()))
        pos = m.end()
        pos += 2 if source.startswith("\r\n", pos) else 1
    return lines


def _is_skippable(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def _parse_mapping(source: str, lines: list[_Line]) -> tuple[dict[str, object], list[Block]] | None:
    values: dict[str, object] = {}
    fields: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text(source)
        if _is_skippable(text) or text[0] in " \t":
            i += 1
            continue
        m = _KEY.match(text)
        if m is None:
            return None
        key = m.group(1).strip("\"'")
        value_start = line.start + m.end()
        value_start += _PROPERTIES.match(source, value_start, line.end).end() - value_start
        runs, value, i = _parse_value(source, lines, i, value_start)
        values[key] = value
        if runs is not None and key.lower() in COPY_KEYS:
            block = _build_field(key, runs)
            if block is not None:
                fields.append(block)
    return values, fields


def _parse_value(
    source: str, lines: list[_Line], i: int, start: int
) -> tuple[Runs | None, object, int]:
    """Decode the value starting at ``start`` on ``lines[i]``.

    Returns the runs of a scalar (None for other values), the value for the
    front-matter dict, and the index of the next line to look at.
    """
    line = lines[i]
    first = source[start] if start < line.end else ""
    if first in ("'", '"'):
        quoted = _parse_quoted(source, lines, i, start)
        if quoted is not None:
            return quoted
    nested_end = i + 1
    while nested_end < len(lines) and _is_nested(lines[nested_end].text(source)):
        nested_end += 1
    rest = source[start : line.end]
    if first in ("|", ">") and _BLOCK_HEADER.match(rest):
        runs = _block_scalar(source, lines[i + 1 : nested_end], literal=first == "|")
        return runs, _joined(runs), nested_end
    if first == "[":
        return None, _flow_list(rest), nested_end
    if first in ("", "#", "{"):
        return None, _block_list(source, lines[i + 1 : nested_end]), nested_end
    runs = _plain_scalar(source, start, line.end, lines[i + 1 : nested_end])
    return runs, _joined(runs), nested_end


def _is_nested(text: str) -> bool:
    """Blank, indented and ``- item`` lines belong to the key above them."""
    return not text.strip() or text[0] in " \t" or _LIST_ITEM.match(text) is not None


def _joined(runs: Runs) -> str:
    return "".join(text for text, _, _ in runs)


def _parse_quoted(
    source: str, lines: list[_Line], i: int, start: int
) -> tuple[Runs, str, int] | None:
    """A quoted scalar, possibly continued over lines; None when never closed."""
    double = source[start] == '"'
    end_of_block = lines[-1].end
    m = (_DQ_END if double else _SQ_END).match(source, start + 1, end_of_block)
    if m is None:
        return None
    close = m.end() - 1  # offset of the closing quote
    runs = _unquote(source, start + 1, close, _DQ_TOKEN if double else _SQ_TOKEN)
    while i < len(lines) and lines[i].end <= close:
        i += 1
    return runs, _joined(runs), i + 1


def _unquote(source: str, start: int, end: int, tokens: re.Pattern[str]) -> Runs:
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


def _plain_scalar(source: str, start: int, end: int, more: list[_Line]) -> Runs:
    """A plain scalar: text up to a comment, continued on indented lines."""
    segments = [_strip_comment(source, start, end)]
    for line in more:
        text = line.text(source)
        if text.strip():
            indent = len(text) - len(text.lstrip())
            segments.append(_strip_comment(source, line.start + indent, line.end))
    return _fold_segments(source, [s for s in segments if s[1] > s[0]], " ")


def _strip_comment(source: str, start: int, end: int) -> tuple[int, int]:
    m = _COMMENT.search(source, start, end)
    if m is not None:
        end = m.start()
    text = source[start:end]
    return start, start + len(text.rstrip())


def _block_scalar(source: str, body: list[_Line], *, literal: bool) -> Runs:
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
    return _fold_segments(source, segments, "\n" if literal else " ")


def _fold_segments(source: str, segments: list[tuple[int, int]], joiner: str) -> Runs:
    """Join line segments; each joiner maps to the whitespace between two lines."""
    runs: Runs = []
    for n, (start, end) in enumerate(segments):
        if n:
            gap = segments[n - 1][1]
            runs.append((joiner, gap, start - gap))
        runs.append((source[start:end], start, end - start))
    return runs


def _flow_list(text: str) -> list[str] | None:
    """``[a, "b", c]`` on one line: its items as strings; None otherwise."""
    text = _COMMENT.split(text, maxsplit=1)[0].strip()
    if not text.endswith("]"):
        return None
    inner = text[1:-1].strip()
    if not inner:
        return []
    return [item.strip().strip("\"'") for item in inner.split(",")]


def _block_list(source: str, body: list[_Line]) -> list[str] | None:
    """An indented list of plain scalars as strings; None for anything else."""
    items = []
    for line in body:
        text = line.text(source)
        if not text.strip():
            continue
        m = _LIST_ITEM.match(text)
        if m is None:
            return None
        items.append((m.group(1) or "").strip("\"'"))
    return items or None


def _build_field(key: str, runs: Runs) -> Block | None:
    builder = BlockBuilder("field", name=key)
    for text, start, length in runs:
        builder.add(text, start, length)
    return builder.build()
