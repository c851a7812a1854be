"""MDX reader: Markdown with JSX components, ``{expressions}`` and ``import``/``export``.

The Markdown reader reads the prose once the JSX is out of its way: JSX
tags and expressions are blanked (replaced by spaces, so a sentence running
through ``<Highlight>`` stays one sentence and a tag on its own line ends a
block), ESM lines are read by the script reader (an ``export const
metadata`` is copy, an ``import`` is not) and copy props of the tags become
blocks of their own. MDX has no indented code blocks, so indentation is
dropped before the Markdown reader sees a line; every offset is mapped back
to the file.
"""

from __future__ import annotations

import re

from linter.common.errors import PartialRead
from linter.documents.html_markup import add_with_entities
from linter.documents.model import Block, BlockBuilder, Piece
from linter.documents.reading import DEFAULT_OPTIONS, HEADING_NAMES, ReadOptions

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_ESM = re.compile(r"(?:import|export)\b")
_TAG_START = re.compile(r"</?[A-Za-z][\w.:-]*|<>|</>")
_PROP = re.compile(
    r"""([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|\{\s*"([^"\\]*)"\s*\}|\{\s*'([^'\\]*)'\s*\})"""
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def read_mdx(source: str, start: int = 0, options: ReadOptions = DEFAULT_OPTIONS) -> list[Block]:
    """Blocks of the MDX in ``source[start:]`` (offsets into ``source``)."""
    from linter.documents.markdown import read_markdown

    masked = list(source[start:])
    extra: list[Block] = []
    _Masker(source, start, masked, options, extra).run()
    # Drop indentation, remembering where each kept character came from.
    kept: list[str] = []
    origin: list[int] = []
    at_line_start = True
    for i, ch in enumerate(masked):
        if at_line_start and ch in " \t":
            continue
        at_line_start = ch in "\r\n"
        kept.append(ch)
        origin.append(start + i)
    origin.append(len(source))
    blocks = [_remap(b, origin) for b in read_markdown("".join(kept))]
    blocks.extend(extra)
    blocks.sort(key=lambda b: b.pieces[0].source_start if b.pieces else 0)
    return blocks


def _remap(block: Block, origin: list[int]) -> Block:
    """A block read from the dedented text, with its pieces pointing into the file."""
    pieces = []
    for p in block.pieces:
        start = origin[p.source_start]
        end = origin[p.source_start + p.source_len - 1] + 1 if p.source_len else start
        pieces.append(Piece(p.text_start, start, p.text_len, end - start))
    return Block(block.kind, block.text, pieces, block.level, block.name, block.links)


class _Masker:
    """Blanks the JSX and ESM in ``masked`` (the body as a list of characters)."""

    def __init__(
        self,
        source: str,
        base: int,
        masked: list[str],
        options: ReadOptions,
        extra: list[Block],
    ) -> None:
        self.source = source
        self.base = base
        self.body = source[base:]
        self.masked = masked
        self.props = frozenset(p.lower() for p in options.copy_props)
        self.options = options
        self.extra = extra

    def blank(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.masked[i] not in "\r\n":
                self.masked[i] = " "

    def run(self) -> None:
        body = self.body
        fence: str | None = None
        lines = [m for m in _LINE.finditer(body) if m.end() > m.start()]
        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.group()
            opened = _FENCE.match(text)
            if fence is not None:
                if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                    fence = None
                i += 1
                continue
            if opened:
                fence = opened.group(1)
                i += 1
                continue
            if _ESM.match(text):
                # An ESM block runs to the next blank line.
                end = i
                while end + 1 < len(lines) and lines[end + 1].group().strip():
                    end += 1
                self.esm(line.start(), lines[end].end())
                i = end + 1
                continue
            self.inline(line.start(), line.end())
            i += 1

    def esm(self, start: int, end: int) -> None:
        from linter.documents.script import read_script

        try:
            blocks = read_script(
                self.source[: self.base + end], self.base + start, "tsx", self.options
            )
        except PartialRead as exc:
            blocks = exc.blocks
        self.extra.extend(blocks)
        self.blank(start, end)

    def inline(self, start: int, end: int) -> None:
        """Blank tags and expressions on one line (a tag may run on to later lines)."""
        body = self.body
        pos = start
        while pos < end:
            ch = body[pos]
            if ch == "`":  # inline code: leave it to the Markdown reader
                close = body.find("`", pos + 1, end)
                pos = close + 1 if close > 0 else end
            elif ch == "{":
                stop = _balanced(body, pos)
                self.blank(pos, stop)
                pos = stop
            elif ch == "<" and (tag := _TAG_START.match(body, pos)):
                stop = self.tag_end(tag.end())
                self.props_of(pos, stop)
                self.blank(pos, stop)
                pos = stop
            else:
                pos += 1

    def tag_end(self, pos: int) -> int:
        """Just past the ``>`` closing a tag, skipping quoted values and expressions."""
        body = self.body
        while pos < len(body):
            ch = body[pos]
            if ch == ">":
                return pos + 1
            if ch in "\"'":
                close = body.find(ch, pos + 1)
                pos = close + 1 if close > 0 else len(body)
            elif ch == "{":
                pos = _balanced(body, pos)
            else:
                pos += 1
        return len(body)

    def props_of(self, start: int, end: int) -> None:
        for m in _PROP.finditer(self.body, start, end):
            name = m.group(1).lower()
            if name not in self.props:
                continue
            group = next(g for g in range(2, 6) if m.group(g) is not None)
            if name == "alt":
                builder = BlockBuilder("alt", name=name)
            elif name in HEADING_NAMES:
                builder = BlockBuilder("heading", level=2, name=name)
            else:
                builder = BlockBuilder("paragraph", name=name)
            add_with_entities(builder, m.group(group), self.base + m.start(group))
            block = builder.build()
            if block is not None:
                self.extra.append(block)


def _balanced(text: str, pos: int) -> int:
    """Just past the ``}`` matching the ``{`` at ``pos`` (strings skipped)."""
    depth = 0
    i = pos
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch in "\"'`":
            close = text.find(ch, i + 1)
            i = close if close > 0 else len(text)
        i += 1
    return len(text)
