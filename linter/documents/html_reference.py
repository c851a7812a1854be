"""The reference HTML reader: the standard library's ``HTMLParser``, event by event.

Built on the tolerant ``HTMLParser`` (no import cost, no recursion, never
raises on bad markup). ``read_html`` (in ``html``) is a faster reader that
gives the same blocks; this one is its oracle in the equivalence tests and
its fallback for markup it does not model. Entities arrive separately
(``convert_charrefs=False``) so each decoded character maps to its whole
``&...;`` stretch. The parser reports line and column with only ``\\n`` as a
line end; converting through our own table of ``\\n`` positions gives exact
offsets whatever the line endings are.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from linter.documents.html_markup import (
    BLOCK_TAGS,
    KINDS,
    META_NAMES,
    SKIP_TAGS,
    SPACES,
    VOID_TAGS,
    Attributes,
    BlockCollector,
    add_with_entities,
    attribute_block,
    meta_name,
)
from linter.documents.model import Block, BlockBuilder, leaves_page_site


def read_html_reference(source: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Blocks of the HTML in ``source[start:end]`` (offsets into ``source``)."""
    body = source[start:end] if start or end is not None else source
    reader = _ReferenceReader(body, start)
    reader.feed(reader.body)
    reader.close()
    reader.flush()
    return reader.blocks


class _Element:
    """An open element on the flat stack; it carries the kind for its content."""

    __slots__ = ("kind", "level", "link", "skip", "tag")

    def __init__(self, tag: str, kind: str, level: int, skip: bool, link: bool) -> None:
        self.tag = tag
        self.kind = kind
        self.level = level
        self.skip = skip
        self.link = link


class _ReferenceReader(BlockCollector, HTMLParser):
    """Collects blocks as the parser walks the markup, keeping a flat stack."""

    def __init__(self, body: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.body = body
        self.base = base
        self.newlines = [0, *(m.end() for m in re.finditer("\n", body))]
        self.blocks: list[Block] = []
        self.builder: BlockBuilder | None = None
        self.pending: list[Block] = []  # alt and meta blocks, emitted in order
        self.stack: list[_Element] = []
        self.open: dict[str, int] = {}  # open elements by tag, for stray end tags
        self.skipping = 0  # open elements whose content is not copy
        self.links = 0  # open <a href> elements
        self.space: tuple[int, int] | None = None  # deferred white space: start, length

    def position(self) -> int:
        """Offset in ``body`` of the construct being handled."""
        line, column = self.getpos()
        return self.newlines[line - 1] + column

    # -- blocks ---------------------------------------------------------------

    def target(self) -> BlockBuilder:
        if self.builder is None:
            top = self.stack[-1] if self.stack else None
            kind = top.kind if top else "paragraph"
            self.builder = BlockBuilder(kind, level=top.level if top else 0)
            self.space = None
            if self.links:
                self.builder.start_link()
        return self.builder

    def handle_starttag(self, tag: str, attrs: Attributes) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
        if tag == "meta":
            self.meta(attrs)
        elif tag == "img" and not self.skipping:
            self.attribute_block("alt", "alt", attrs)
        if tag in VOID_TAGS:
            return
        top = self.stack[-1] if self.stack else None
        own_kind = KINDS.get(tag)
        if own_kind is not None:
            kind, level = own_kind, int(tag[1]) if own_kind == "heading" else 0
        else:
            kind, level = (top.kind, top.level) if top else ("paragraph", 0)
        skip = tag in SKIP_TAGS
        href = next((v for name, v in attrs if name == "href"), None) if tag == "a" else None
        link = href is not None and leaves_page_site(href)
        self.stack.append(_Element(tag, kind, level, skip, link))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.skipping += skip
        if link:
            self.links += 1
            if not self.skipping:
                self.text_target().start_link()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
        if not self.open.get(tag):
            return  # a stray end tag
        while self.stack:
            element = self.stack.pop()
            self.open[element.tag] -= 1
            self.skipping -= element.skip
            if element.link:
                self.links -= 1
                if self.builder is not None:
                    self.builder.end_link()
            if element.tag == tag:
                break

    # -- text -----------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        base = self.base + self.position()
        if data.strip(SPACES):
            self.add_text(self.text_target, data, base, add_with_entities)
        else:
            self.defer_space(base, len(data))

    def text_target(self) -> BlockBuilder:
        """The builder for the next text, with any deferred space added first."""
        builder = self.target()
        if self.space is not None:
            builder.add(" ", *self.space)
            self.space = None
        return builder

    def handle_entityref(self, name: str) -> None:
        self.entity(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self.entity(2 + len(name))

    def entity(self, length: int) -> None:
        """An entity maps, decoded, to its whole source stretch."""
        if self.skipping:
            return
        start = self.position()
        if self.body.startswith(";", start + length):
            length += 1
        raw = self.body[start : start + length]
        decoded = html.unescape(raw)
        self.text_target().add(decoded, self.base + start, length)

    # -- attributes -----------------------------------------------------------

    def meta(self, attrs: Attributes) -> None:
        name = meta_name(attrs)
        if name in META_NAMES:
            self.attribute_block("meta", "content", attrs, name=name)

    def attribute_block(self, kind: str, attribute: str, attrs: Attributes, name: str = "") -> None:
        """A block from an attribute value, located in the start tag's source."""
        tag_text = self.get_starttag_text() or ""
        tag_start = self.base + self.position()
        block = attribute_block(kind, attribute, attrs, tag_text, tag_start, name)
        if block is not None:
            self.pending.append(block)
