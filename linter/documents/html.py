"""HTML reader: visible text, the title and the copy hidden in attributes.

Built on the standard library's tolerant ``HTMLParser`` (no import cost, no
recursion, never raises on bad markup). Entities arrive separately
(``convert_charrefs=False``) so each decoded character maps to its whole
``&...;`` stretch. The parser reports line and column with only ``\\n`` as a
line end; converting through our own table of ``\\n`` positions gives exact
offsets whatever the line endings are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

from linter.documents.model import Block, BlockBuilder


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements whose start and end begin a new block.
_BLOCK_TAGS = _words(
    """address article aside blockquote body br button caption center dd details dialog div
    dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html label legend li main menu nav ol optgroup option p section select summary table
    tbody td tfoot th thead title tr ul"""
)
# Elements whose content is never copy.
_SKIP_TAGS = _words(
    """script style template noscript code pre textarea svg math iframe object canvas kbd
    samp"""
)
# Elements with no content and no end tag.
_VOID_TAGS = _words("area base br col embed hr img input keygen link meta param source track wbr")
# Block kinds given by an element to everything inside it.
_KINDS = {
    "li": "list_item",
    "td": "table_cell",
    "th": "table_cell",
    "blockquote": "quote",
    "title": "title",
    **{f"h{n}": "heading" for n in range(1, 7)},
}
# <meta> elements whose content is copy, by their name or property attribute.
_META_NAMES = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
)
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_SPACES = " \t\n\r\f"
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
_TAG_NAME = re.compile(r"<[^\s/>]+")
_ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")


def read_html(source: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Blocks of the HTML in ``source[start:end]`` (offsets into ``source``)."""
    body = source[start:end] if start or end is not None else source
    reader = _Reader(body, start)
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


class _Reader(HTMLParser):
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

    def flush(self) -> None:
        if self.builder is not None:
            self.builder.end_link()
            block = self.builder.build()
            if block is not None:
                self.blocks.append(block)
            self.builder = None
            self.space = None
        if self.pending:
            self.blocks.extend(self.pending)
            self.pending.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag == "meta":
            self.meta(attrs)
        elif tag == "img" and not self.skipping:
            self.attribute_block("alt", "alt", attrs)
        if tag in _VOID_TAGS:
            return
        top = self.stack[-1] if self.stack else None
        own_kind = _KINDS.get(tag)
        if own_kind is not None:
            kind, level = own_kind, int(tag[1]) if own_kind == "heading" else 0
        else:
            kind, level = (top.kind, top.level) if top else ("paragraph", 0)
        skip = tag in _SKIP_TAGS
        link = tag == "a" and any(name == "href" for name, _ in attrs)
        self.stack.append(_Element(tag, kind, level, skip, link))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.skipping += skip
        if link:
            self.links += 1
            if not self.skipping:
                self.text_target().start_link()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
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
        stripped = data.strip(_SPACES)
        if not stripped:
            self.defer_space(base, len(data))
            return
        lead = len(data) - len(data.lstrip(_SPACES))
        if lead:
            self.defer_space(base, lead)
        end = lead + len(stripped)
        add_collapsed(self.text_target(), data, base, lead, end, add_with_entities)
        if end < len(data):
            self.defer_space(base + end, len(data) - end)

    def defer_space(self, start: int, length: int) -> None:
        """White space between words becomes one space, once text follows it."""
        if self.space is None and self.builder is not None and len(self.builder):
            self.space = (start, length)

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

    def meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in reversed(attrs)}
        name = (values.get("name") or values.get("property") or "").strip().lower()
        if name in _META_NAMES:
            self.attribute_block("meta", "content", attrs, name=name)

    def attribute_block(
        self, kind: str, attribute: str, attrs: list[tuple[str, str | None]], name: str = ""
    ) -> None:
        """A block from an attribute value, located in the start tag's source."""
        value = next((v for n, v in attrs if n == attribute), None)
        if not value:
            return
        builder = BlockBuilder(kind, name=name or None)
        tag_text = self.get_starttag_text() or ""
        tag_start = self.base + self.position()
        span = _attribute_span(tag_text, attribute)
        if span is not None and html.unescape(tag_text[span[0] : span[1]]) == value:
            add_with_entities(builder, tag_text[span[0] : span[1]], tag_start + span[0])
        else:  # markup too odd to locate the value: point at the whole tag
            builder.add(value, tag_start, max(len(tag_text), 1))
        block = builder.build()
        if block is not None:
            self.pending.append(block)


def _attribute_span(tag_text: str, attribute: str) -> tuple[int, int] | None:
    """Span of the first ``attribute``'s value inside a start tag, quotes excluded."""
    name = _TAG_NAME.match(tag_text)
    pos = name.end() if name else 0
    for m in _ATTRIBUTE.finditer(tag_text, pos):
        if m.group(1).lower() != attribute or m.group(2) is None:
            continue
        start, end = m.span(2)
        if tag_text[start] in "\"'":
            start, end = start + 1, end - 1
        return start, end
    return None


def add_collapsed(
    builder: BlockBuilder,
    text: str,
    base: int,
    lead: int,
    end: int,
    add: Callable[[BlockBuilder, str, int], None] = BlockBuilder.add,
) -> None:
    """Add ``text[lead:end]`` (found at ``base``), each run of white space as one space.

    The HTML and JSX readers share it, so markup text reads alike in both.
    """
    pos = lead
    for m in _COLLAPSE.finditer(text, lead, end):
        if m.start() > pos:
            add(builder, text[pos : m.start()], base + pos)
        builder.add(" ", base + m.start(), m.end() - m.start())
        pos = m.end()
    add(builder, text[pos:end], base + pos)


def add_with_entities(builder: BlockBuilder, raw: str, start: int) -> None:
    """Add ``raw`` with its character references decoded, positions kept.

    Attribute values need it; so does element text on Python versions whose
    parser passes the text of ``<title>`` and ``<textarea>`` on undecoded.
    """
    if "&" not in raw:
        builder.add(raw, start)
        return
    pos = 0
    for m in _ENTITY.finditer(raw):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue
        if m.start() > pos:
            builder.add(raw[pos : m.start()], start + pos)
        builder.add(decoded, start + m.start(), m.end() - m.start())
        pos = m.end()
    if pos < len(raw):
        builder.add(raw[pos:], start + pos)
