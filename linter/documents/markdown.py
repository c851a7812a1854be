"""Markdown reader: CommonMark (with GFM tables) through pyromark.

pyromark hands over every inline piece with its byte range, so prose keeps
its exact position even inside list items and block quotes, where the
container markers interleave with the text. Code, link targets and image
URLs never reach a block; image alt text becomes an ``alt`` block of its own,
since it is published copy that screen readers and search engines show.

Raw HTML is copy too: many sites write whole sections of a Markdown page in
HTML. An HTML block goes through the HTML reader, with offsets in the
Markdown file; inline tags inside a paragraph are skipped and the text
between them stays in the paragraph (``<br>`` is a line break).
"""

from __future__ import annotations

import re

import pyromark

from linter.common.utf8 import CharOffsets
from linter.documents.model import Block, BlockBuilder, leaves_page_site

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_FOOTNOTES
)
# Containers whose paragraphs take the container's block kind.
_CONTAINER_KINDS = {"Item": "list_item", "BlockQuote": "quote", "FootnoteDefinition": "paragraph"}
# Tags that end the block being built when they start.
_BREAKING = frozenset({"List", "Table", "TableHead", "TableRow", "HtmlBlock", "DefinitionList"})
_LONE_CR = re.compile(r"\r(?!\n)")
_LINE_BREAK_TAG = re.compile(r"<br\b", re.IGNORECASE)
# Link types whose text is a bare URL or address, not prose.
_BARE_LINKS = frozenset({"Autolink", "Email"})


def read_markdown(source: str, start: int = 0) -> list[Block]:
    """Blocks of the Markdown in ``source[start:]`` (offsets into ``source``)."""
    body = source[start:] if start else source
    if "\r" in body:
        # pulldown-cmark misreads a lone CR line ending (a fence is not closed,
        # code runs on); an LF in its place has the same length in characters
        # and in bytes, so every offset stays valid.
        body = _LONE_CR.sub("\n", body)
    extractor = _Extractor(body, start, source)
    extractor.run(pyromark.events_with_range(body, options=_OPTIONS))
    return extractor.blocks


class _Extractor:
    """Walks the event stream, keeping a flat stack of open containers."""

    def __init__(self, body: str, base: int, source: str) -> None:
        self.body = body
        self.source = source  # the whole file: HTML blocks are read from it
        self.base = base  # offset of ``body`` within the whole source
        self.chars = CharOffsets(body)
        self.blocks: list[Block] = []
        self.builder: BlockBuilder | None = None
        self.alt: BlockBuilder | None = None  # image alt text being collected
        self.pending: list[Block] = []  # alt blocks, emitted after their block
        self.containers: list[str] = []
        self.code = 0  # depth inside code blocks
        self.bare_link = 0  # depth inside autolinks

    def run(self, events: list[tuple[Any, dict[str, int]]]) -> None:
        # A page is hundreds of events: methods are looked up once, not per
        # event, and the commonest (a paragraph's start and end, a run of
        # verbatim text inside it) are handled here without a call.
        text, start, end, line_break = self.text, self.start, self.end, self.line_break
        body, base, chars = self.body, self.base, self.chars
        plain = chars.ascii
        for event, span in events:
            if event.__class__ is str:
                if event == "SoftBreak" or event == "HardBreak":
                    line_break(span)
                continue
            if "Text" in event:
                value = event["Text"]
                builder = self.builder
                if (
                    builder is not None
                    and self.alt is None
                    and not self.code
                    and not self.bare_link
                ):
                    if plain:
                        at, stop = span["start"], span["end"]
                    else:
                        at, stop = chars(span["start"]), chars(span["end"])
                    if stop - at == len(value) and body.startswith(value, at):
                        builder.add(value, base + at)  # verbatim, the common case
                        continue
                text(value, span)
            elif "Start" in event:
                value = event["Start"]
                if value == "Paragraph" and not self.containers:
                    self.flush()
                    self.builder = BlockBuilder("paragraph")
                else:
                    start(value, span)
            elif "End" in event:
                value = event["End"]
                if value == "Paragraph":
                    self.flush()
                else:
                    end(value)
            elif "InlineHtml" in event and _LINE_BREAK_TAG.match(event["InlineHtml"]):
                line_break(span)  # "one<br>two" reads as two words
            # Code, Html, other InlineHtml, FootnoteReference, TaskListMarker: not copy.
        self.flush()

    # -- blocks ---------------------------------------------------------------

    def start(self, value: str | dict[str, Any], span: dict[str, int] | None = None) -> None:
        """A container or inline element opens (``span``: where, for an HTML block)."""
        tag = value if value.__class__ is str else next(iter(value))
        if tag == "HtmlBlock" and span is not None and not self.containers and not self.code:
            self.html_block(span)
            return
        if tag in ("Paragraph", "Heading", "TableCell"):
            self.flush()
            if tag == "Heading":
                level = int(value["Heading"]["level"][1])
                self.builder = BlockBuilder("heading", level=level)
            elif tag == "TableCell":
                self.builder = BlockBuilder("table_cell")
            else:
                self.builder = BlockBuilder(self.container_kind())
        elif tag == "Link":
            if value["Link"]["link_type"] in _BARE_LINKS:
                self.bare_link += 1
            elif self.alt is None:
                builder = self.target()
                if leaves_page_site(value["Link"]["dest_url"]):
                    builder.start_link()
        elif tag == "Image":
            self.alt = BlockBuilder("alt")
        elif tag in _CONTAINER_KINDS:
            self.flush()
            self.containers.append(_CONTAINER_KINDS[tag])
        elif tag == "CodeBlock":
            self.flush()
            self.code += 1
        elif tag in _BREAKING:
            self.flush()

    def end(self, value: str | dict[str, Any]) -> None:
        tag = value if value.__class__ is str else next(iter(value))
        if tag in ("Paragraph", "Heading", "TableCell"):
            self.flush()
        elif tag == "Link":
            if self.bare_link:
                self.bare_link -= 1
            elif self.alt is None and self.builder is not None:
                self.builder.end_link()
        elif tag == "Image":
            if self.alt is not None:
                block = self.alt.build()
                if block is not None:
                    self.pending.append(block)
            self.alt = None
        elif tag in _CONTAINER_KINDS:
            self.flush()
            if self.containers:
                self.containers.pop()
        elif tag == "CodeBlock":
            self.code = max(self.code - 1, 0)
        elif tag in _BREAKING:
            self.flush()

    def html_block(self, span: dict[str, int]) -> None:
        """An HTML block's copy, read by the HTML reader in place (top level only).

        Inside a list item or a quote the container's markers interleave with
        the HTML's lines; such blocks are left out, as before.
        """
        from linter.documents.html import read_html

        self.flush()
        start, end = self.chars(span["start"]), self.chars(span["end"])
        self.blocks.extend(read_html(self.source, self.base + start, self.base + end))

    def container_kind(self) -> str:
        return self.containers[-1] if self.containers else "paragraph"

    def target(self) -> BlockBuilder:
        """The builder that prose goes to; a tight list item opens one lazily."""
        if self.alt is not None:
            return self.alt
        if self.builder is None:
            self.builder = BlockBuilder(self.container_kind())
        return self.builder

    def flush(self) -> None:
        if self.builder is not None:
            block = self.builder.build()
            if block is not None:
                self.blocks.append(block)
            self.builder = None
        if self.pending:
            self.blocks.extend(self.pending)
            self.pending.clear()

    # -- inline pieces --------------------------------------------------------

    def text(self, text: str, span: dict[str, int]) -> None:
        if self.code or self.bare_link:
            return
        chars = self.chars
        if chars.ascii:
            start, end = span["start"], span["end"]
        else:
            start, end = chars(span["start"]), chars(span["end"])
        builder = self.builder
        target = builder if builder is not None and self.alt is None else self.target()
        if end - start == len(text) and self.body.startswith(text, start):
            target.add(text, self.base + start)  # verbatim, the common case
        else:
            add_mapped(target, text, self.body, start, end, self.base)

    def line_break(self, span: dict[str, int]) -> None:
        """A line break (or ``<br>``) is a space standing for the line ending."""
        if self.code or self.bare_link:
            return
        target = self.alt if self.alt is not None else self.builder
        if target is None or not len(target):
            return
        start = self.chars(span["start"])
        end = self.chars(span["end"])
        target.add(" ", self.base + start, max(end - start, 1))


def add_mapped(
    builder: BlockBuilder, text: str, source: str, start: int, end: int, base: int = 0
) -> None:
    """Add ``text`` that pyromark decoded from ``source[start:end]``.

    Verbatim text maps character for character; an entity or escape maps to
    its whole stretch; anything else is aligned run by run.
    """
    length = end - start
    if length == len(text) and source.startswith(text, start):
        builder.add(text, base + start)
    elif len(text) == 1 or source[start : start + 1] in ("&", "\\"):
        builder.add(text, base + start, max(length, 1))
    else:
        _add_aligned(builder, text, source[start:end], base + start)


def _add_aligned(builder: BlockBuilder, text: str, raw: str, base: int) -> None:
    """Map ``text`` onto ``raw`` by their longest common runs (a rare case)."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, text, raw, autojunk=False)
    t = r = 0
    for block in matcher.get_matching_blocks():
        if block.a > t:  # decoded text with no verbatim source: map to the gap
            builder.add(text[t : block.a], base + r, max(block.b - r, 1))
        if block.size:
            builder.add(text[block.a : block.a + block.size], base + block.b)
        t, r = block.a + block.size, block.b + block.size
