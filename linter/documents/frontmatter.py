"""Front matter: the YAML (``---``), TOML (``+++``) or JSON block at the top of a copy file.

Static-site generators keep a page's title and meta description there, and
often more copy: a lead, key points, FAQ question/answer pairs. Those are
copy a regulator reads first. Which values are copy is configurable
(``copy-keys``: top-level names and paths such as ``faq[].answer``); each
becomes a ``field`` block whose every character maps back into the source,
one block per list item.

Flat YAML (top-level ``key: value`` lines) is read by a small hand-written
parser, so a plain page never imports a YAML library; nested values under a
key a copy path leads into are read with PyYAML, TOML with ``tomllib`` and
JSON with ``json``, each imported only when a page needs it.
"""

from __future__ import annotations

import re

from linter.common.plaindata import PlainData
from linter.documents.copykeys import CopyKeys, Runs, compiled, field_block
from linter.documents.model import Block
from linter.documents.reading import FRONT_MATTER_KEYS
from linter.documents.yamlscalars import (
    DQ_TOKEN,
    SQ_TOKEN,
    Line,
    block_scalar,
    joined,
    plain_scalar,
    split_lines,
    unquote,
)

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)")
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)")
_TOML_CLOSE = re.compile(r"(\r\n|\r|\n)\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)")
_KEY = re.compile(r"""([\w$@][\w.$@/-]*|"[^"\r\n]*"|'[^'\r\n]*')[ \t]*:(?:[ \t]+|$)""")
_PROPERTIES = re.compile(r"(?:[!&][^ \t]*[ \t]+)*")  # YAML tags and anchors
_BLOCK_HEADER = re.compile(r"[|>](?:[+-]?[1-9]?|[1-9][+-])[ \t]*(?:#.*)?$")
_COMMENT = re.compile(r"[ \t]+#")
_DQ_END = re.compile(r'(?:[^"\\]|\\.)*"', re.S)
_SQ_END = re.compile(r"(?:[^']|'')*'")
_LIST_ITEM = re.compile(r"[ \t]*-(?:[ \t]+(.*?))?[ \t]*$")


class FrontMatter(PlainData):
    """What a front-matter block holds, and where the body after it begins."""

    __slots__ = ("fields", "values", "body_start", "span", "syntax")

    def __init__(
        self,
        fields: list[Block] | None = None,
        values: dict[str, object] | None = None,
        body_start: int = 0,
        span: tuple[int, int] = (0, 0),  # the text between the fences, as source offsets
        syntax: str = "",  # "yaml", "toml" or "json"; "" when there is no front matter
    ) -> None:
        self.fields = [] if fields is None else fields
        self.values = {} if values is None else values
        self.body_start = body_start
        self.span = span
        self.syntax = syntax


def parse_front_matter(source: str, copy_keys: frozenset[str] = FRONT_MATTER_KEYS) -> FrontMatter:
    """Parse a leading front-matter block; an empty result when there is none.

    A block that is never closed, or that is not valid in its syntax (for
    flat YAML: whose top-level lines are not all ``key:`` lines), is not
    front matter: the whole file is then body, so no prose is ever hidden by
    a stray ``---`` line or a broken block.
    """
    keys = compiled(copy_keys)
    if source.startswith("+++"):
        return _toml(source, keys)
    if source.startswith("{"):
        return _json(source, keys)
    opening = _OPEN.match(source)
    if opening is None:
        return FrontMatter()
    closing = _CLOSE.search(source, opening.end() - 1)
    if closing is None:
        return FrontMatter()
    span = (opening.end(), closing.start(1))
    lines = split_lines(source, *span)
    parsed = _parse_mapping(source, lines, keys)
    if parsed is None:
        return FrontMatter()
    values, fields, nested = parsed
    if nested:
        fields = _with_nested(source, span, nested, keys, values, fields)
    blocks = [block for _, block in fields]
    return FrontMatter(blocks, values, closing.end(), span, "yaml")


def _toml(source: str, keys: CopyKeys) -> FrontMatter:
    opening = _TOML_OPEN.match(source)
    closing = _TOML_CLOSE.search(source, opening.end() - 1) if opening else None
    if opening is None or closing is None:
        return FrontMatter()
    from linter.documents.frontmatter_toml import read_toml

    span = (opening.end(), closing.start(1))
    read = read_toml(source, span, keys)
    if read is None:
        return FrontMatter()
    values, fields = read
    return FrontMatter(fields, values, closing.end(), span, "toml")


def _json(source: str, keys: CopyKeys) -> FrontMatter:
    from linter.documents.frontmatter_json import read_json

    read = read_json(source, keys)
    if read is None:
        return FrontMatter()
    values, fields, body_start, span = read
    return FrontMatter(fields, values, body_start, span, "json")


def _with_nested(
    source: str,
    span: tuple[int, int],
    nested: set[str],
    keys: CopyKeys,
    values: dict[str, object],
    fields: list[tuple[int, Block]],
) -> list[tuple[int, Block]]:
    """Read the nested values the flat parser skipped; all fields in source order."""
    from linter.documents.frontmatter_nested import read_nested

    read = read_nested(source, span, nested, keys)
    if read is None:
        return fields
    more_values, more_fields = read
    values.update(more_values)
    return sorted([*fields, *more_fields], key=lambda pair: pair[0])


def _is_skippable(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def _parse_mapping(
    source: str, lines: list[Line], keys: CopyKeys
) -> tuple[dict[str, object], list[tuple[int, Block]], set[str]] | None:
    """Top-level values and copy fields; also the keys whose nested values may hold copy."""
    values: dict[str, object] = {}
    fields: list[tuple[int, Block]] = []
    nested: set[str] = set()
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
        first = i
        runs, value, i = _parse_value(source, lines, i, value_start)
        values[key] = value
        if runs is None:
            within = source[value_start : lines[i - 1].end] if i > first else ""
            if keys.leads_into(key, within):
                nested.add(key)
        elif keys.wants((key,)):
            block = field_block((key,), runs)
            if block is not None:
                fields.append((runs[0][1], block))
    return values, fields, nested


def _parse_value(
    source: str, lines: list[Line], i: int, start: int
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
        runs = block_scalar(source, lines[i + 1 : nested_end], literal=first == "|")
        return runs, joined(runs), nested_end
    if first == "[":
        return None, _flow_list(rest), nested_end
    if first in ("", "#", "{"):
        return None, _block_list(source, lines[i + 1 : nested_end]), nested_end
    runs = plain_scalar(source, start, line.end, lines[i + 1 : nested_end])
    return runs, joined(runs), nested_end


def _is_nested(text: str) -> bool:
    """Blank, indented and ``- item`` lines belong to the key above them."""
    return not text.strip() or text[0] in " \t" or _LIST_ITEM.match(text) is not None


def _parse_quoted(
    source: str, lines: list[Line], i: int, start: int
) -> tuple[Runs, str, int] | None:
    """A quoted scalar, possibly continued over lines; None when never closed."""
    double = source[start] == '"'
    end_of_block = lines[-1].end
    m = (_DQ_END if double else _SQ_END).match(source, start + 1, end_of_block)
    if m is None:
        return None
    close = m.end() - 1  # offset of the closing quote
    runs = unquote(source, start + 1, close, DQ_TOKEN if double else SQ_TOKEN)
    while i < len(lines) and lines[i].end <= close:
        i += 1
    return runs, joined(runs), i + 1


def _flow_list(text: str) -> list[str] | None:
    """``[a, "b", c]`` on one line: its items as strings; None otherwise."""
    text = _COMMENT.split(text, maxsplit=1)[0].strip()
    if not text.endswith("]"):
        return None
    inner = text[1:-1].strip()
    if not inner:
        return []
    return [item.strip().strip("\"'") for item in inner.split(",")]


def _block_list(source: str, body: list[Line]) -> list[str] | None:
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
