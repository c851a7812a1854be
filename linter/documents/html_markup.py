"""What both HTML readers share: the element tables, white-space collapse, entities.

The reference reader (``html_reference``) and the fast reader (``html``)
must treat every element alike, so the tables live here once; the JSX and
MDX readers use the same tables and helpers, so markup text reads alike in
every format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from linter.documents.model import Block, BlockBuilder


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements whose start and end begin a new block.
BLOCK_TAGS = _words(
    """address article aside blockquote body br button caption center dd details dialog div
    dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html label legend li main menu nav ol optgroup option p section select summary table
    tbody td tfoot th thead title tr ul"""
)
# Elements whose content is never copy.
SKIP_TAGS = _words(
    """script style template noscript code pre textarea svg math iframe object canvas kbd
    samp"""
)
# Elements with no content and no end tag.
VOID_TAGS = _words("area base br col embed hr img input keygen link meta param source track wbr")
# Block kinds given by an element to everything inside it.
KINDS = {
    "li": "list_item",
    "td": "table_cell",
    "th": "table_cell",
    "blockquote": "quote",
    "title": "title",
    **{f"h{n}": "heading" for n in range(1, 7)},
}
# <meta> elements whose content is copy, by their name or property attribute.
META_NAMES = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
)
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
SPACES = " \t\n\r\f"
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
_TAG_NAME = re.compile(r"<[^\s/>]+")
_ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")

#: A start tag's attributes as ``HTMLParser`` gives them: lower-case names,
#: values with quotes removed and entities decoded, None for a bare name.
Attributes = list[tuple[str, str | None]]


def meta_name(attrs: Attributes) -> str:
    """The name (or property) of a ``<meta>`` element, the first one given winning."""
    values = {name: value or "" for name, value in reversed(attrs)}
    return (values.get("name") or values.get("property") or "").strip().lower()


def attribute_block(
    kind: str, attribute: str, attrs: Attributes, tag_text: str, tag_start: int, name: str = ""
) -> Block | None:
    """A block from an attribute value, located in the start tag's source.

    ``tag_text`` is the start tag's source, found at offset ``tag_start``.
    """
    value = next((v for n, v in attrs if n == attribute), None)
    if not value:
        return None
    builder = BlockBuilder(kind, name=name or None)
    span = _attribute_span(tag_text, attribute)
    if span is not None and html.unescape(tag_text[span[0] : span[1]]) == value:
        add_with_entities(builder, tag_text[span[0] : span[1]], tag_start + span[0])
    else:  # markup too odd to locate the value: point at the whole tag
        builder.add(value, tag_start, max(len(tag_text), 1))
    return builder.build()


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


class BlockCollector:
    """What the markup readers (HTML, JSX) share: the blocks made, the one being built,
    blocks waiting for it to end (an image's alt text), and white space held back
    until text follows it. Each reader sets the four fields in its ``__init__``."""

    blocks: list[Block]
    builder: BlockBuilder | None
    pending: list[Block]
    space: tuple[int, int] | None

    def flush(self) -> None:
        """End the block being built, then add the blocks waiting for it."""
        if self.builder is not None:
            self.builder.end_link()  # no-op unless a link is open
            block = self.builder.build()
            if block is not None:
                self.blocks.append(block)
            self.builder = None
            self.space = None
        if self.pending:
            self.blocks.extend(self.pending)
            self.pending.clear()

    def defer_space(self, start: int, length: int) -> None:
        """White space between words becomes one space, once text follows it."""
        if self.space is None and self.builder is not None and len(self.builder):
            self.space = (start, length)

    def add_text(
        self,
        target: Callable[[], BlockBuilder],
        text: str,
        base: int,
        add: Callable[[BlockBuilder, str, int], None] = BlockBuilder.add,
    ) -> None:
        """Add a run of markup text found at ``base`` to the builder ``target()`` gives:
        white space at its edges is held back (it becomes one space only if text
        follows), the rest added collapsed."""
        stripped = text.strip(SPACES)
        if not stripped:
            self.defer_space(base, len(text))
            return
        lead = len(text) - len(text.lstrip(SPACES))
        if lead:
            self.defer_space(base, lead)
        end = lead + len(stripped)
        add_collapsed(target(), text, base, lead, end, add)
        if end < len(text):
            self.defer_space(base + end, len(text) - end)
