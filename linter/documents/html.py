"""HTML reader: visible text, the title and the copy hidden in attributes.

``read_html`` tokenises the markup with one compiled regular expression and
builds blocks in a single loop. It gives exactly the blocks of the reference
reader (``html_reference``, the standard library's ``HTMLParser`` driven
event by event): same text, kinds, pieces and link spans, so every character
maps to the same source offset. It models the parser's tokens only where
their handling is plain: a tag, comment, declaration or character reference
it does not model (an attribute without white space before it, a start tag
that never closes, ``&#`` without digits, ``<![CDATA[``...) sends the whole
document to the reference reader, as does a Python whose ``html.parser`` is
not one of those modelled (see ``parser_modelled``). The equivalence tests in
``tests/equivalence/test_html_reader.py`` hold the two readers together.

Why it is faster: ``HTMLParser`` runs several regular expressions, a line
count and a method call for every tag; here a tag costs one match, and tags
that change nothing for the copy (most ``<span>`` and ``<a>`` of site chrome)
cost a few dictionary look-ups.
"""

from __future__ import annotations

import _markupbase
import html
import re
from html import parser as _stdlib_parser

from linter.common.digest import sha256
from linter.documents.html_markup import (
    BLOCK_TAGS,
    KINDS,
    META_NAMES,
    SKIP_TAGS,
    SPACES,
    VOID_TAGS,
    Attributes,
    add_collapsed,
    attribute_block,
    meta_name,
)
from linter.documents.html_reference import read_html_reference
from linter.documents.model import Block, BlockBuilder, leaves_page_site

# One alternative per token of ``HTMLParser``; the group that closes last
# (``lastindex``) says which. Each pattern accepts only markup that the
# parser reads the same way (the same end, the same name, the same
# attributes): a start tag's attributes must be separated by ASCII white
# space, and a value must be quoted or free of white space and quotes. A run
# of "=" is taken whole (possessive), as the parser takes it: "alt==>" has
# no value to model, and "b== b== ..." in a tag left open cannot send the
# match back through every way of splitting the runs.
_ATTRIBUTE_PATTERN = r"""
    [ \t\n\r\f]+ [^\s/>=] [^\s/=>]*                # a name after white space
    (?: [ \t\n\r\f]* =++ [ \t\n\r\f]*              # =, then a value
        (?: "[^"]*" | '[^']*' | (?!['"]) [^\s>]+ )
    )?
"""
_TOKEN = re.compile(
    rf"""
    ( [^<&]+ )                                     # 1 text
  | ( < ( [a-zA-Z] [^\t\n\r\f\ />\x00]* )          # 2 start tag, 3 its name,
        ( (?: {_ATTRIBUTE_PATTERN} )* )            # 4 its attributes,
        [ \t\n\r\f]* ( /? ) > )                    # 5 a slash if self-closing
  | ( </ ( [a-zA-Z] [-.a-zA-Z0-9:_]* ) [ \t\n\r\f]* > )   # 6 end tag, 7 its name
  | ( &\# (?: [0-9]+ | [xX][0-9a-fA-F]+ ) (?: ; | (?=[^0-9a-fA-F]) )   # 8 reference
      | & [a-zA-Z] [-.a-zA-Z0-9]* (?: ; | (?=[^a-zA-Z0-9]) ) )
  | ( <!-- [\s\S]*? --\s*> | <!(?!--|\[) [^>]* > | <\? [^>]* > )      # 9 no copy
  | ( <(?![a-zA-Z/!?]) | &(?![a-zA-Z\#]) )         # 10 a lone < or & is text
  | ( [\s\S] )                                     # 11 anything else: not modelled
    """,
    re.VERBOSE,
)
_TEXT, _START, _END, _REFERENCE, _IGNORED, _LONE = 1, 2, 6, 8, 9, 10
_ONE_ATTRIBUTE = re.compile(
    r"""[ \t\n\r\f]+ ([^\s/>=][^\s/=>]*)
        (?: [ \t\n\r\f]* =++ [ \t\n\r\f]* ("[^"]*"|'[^']*'|(?!['"])[^\s>]+) )?""",
    re.VERBOSE,
)
# The parser's own search for the end of a <script> or <style> body.
_RAW_TEXT_END = {tag: re.compile(rf"</\s*{tag}\s*>", re.I) for tag in ("script", "style")}
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
# What an address that leaves the site holds somewhere (a scheme's colon, "//",
# "www.", an anchor's "#"), or an entity that could spell one of them.
_OFF_SITE_MARKS = (":", "//", "www.", "#", "&")
_COLLAPSE_NEEDED = re.compile(r"[\t\n\r\f]|  ")


# SHA-256 of ``html/parser.py`` followed by ``_markupbase.py``, for each
# standard library whose parser this reader was checked against (the
# equivalence tests): Python 3.11.7, and 3.12.1 and 3.13.0 (one text). Python
# releases from 2025 on changed how the parser ends comments and raw text,
# reads start tags and decodes attributes; where the text is not one of
# these (or cannot be read), every document goes to the reference reader.
_PARSERS_MODELLED = frozenset(
    {
        "c679a63e9a349553de6797dac8a05e51db06f817bc890deab96fd57a13146adc",
        "3d15314ecd5b4449f567bd2b48d71a2cb71c702dcc1618ca2fd9587ffc380d64",
    }
)


def parser_modelled() -> bool:
    """Whether this Python's ``html.parser`` is one that ``read_html_fast`` models."""
    if not _modelled:
        _modelled.append(_parser_digest() in _PARSERS_MODELLED)
    return _modelled[0]


_modelled: list[bool] = []  # the answer, once found


def _parser_digest() -> str:
    digest = sha256()
    try:
        for module in (_stdlib_parser, _markupbase):
            with open(module.__file__ or "", "rb") as source:
                digest.update(source.read())
    except OSError:
        return ""
    return digest.hexdigest()


def read_html(source: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Blocks of the HTML in ``source[start:end]`` (offsets into ``source``)."""
    body = source[start:end] if start or end is not None else source
    if parser_modelled():
        blocks = read_html_fast(body, start)
        if blocks is not None:
            return blocks
    return read_html_reference(source, start, end)


def read_html_fast(body: str, base: int = 0) -> list[Block] | None:
    """Blocks of the HTML ``body`` (found at offset ``base``), or None for markup not modelled.

    Follows the reference reader's handlers step for step: the same flat
    stack of open elements, the same deferred white space, the same blocks.
    """
    blocks: list[Block] = []
    pending: list[Block] = []  # alt and meta blocks, emitted at the next flush
    builder: BlockBuilder | None = None
    space: tuple[int, int] | None = None  # deferred white space: start, length
    stack: list[_Open] = []
    open_tags: dict[str, int] = {}  # open elements by tag, for stray end tags
    skipping = 0  # open elements whose content is not copy
    links = 0  # open <a href> elements
    kind, level = "paragraph", 0  # what the next block is: the innermost element's kind
    start_tags, end_tags = _START_TAGS, _END_TAGS

    at = 0
    size = len(body)
    while at < size:
        raw_end = None
        for m in _TOKEN.finditer(body, at):
            token = m.lastindex
            if token == _TEXT:
                if skipping:
                    continue
                data = m.group()
                stripped = data.strip(SPACES)
                offset = base + m.start()
                if not stripped:
                    if space is None and builder is not None and len(builder):
                        space = (offset, len(data))
                    continue
                lead, stop = 0, len(data)
                if len(stripped) != stop:
                    lead = stop - len(data.lstrip(SPACES))
                    stop = lead + len(stripped)
                    if lead and space is None and builder is not None and len(builder):
                        space = (offset, lead)
                builder = _target(builder, space, kind, level, links)
                space = None
                if _COLLAPSE_NEEDED.search(stripped) is None:
                    builder.add(stripped, offset + lead)
                else:
                    add_collapsed(builder, data, offset, lead, stop)
                if stop < len(data):
                    space = (offset + stop, len(data) - stop)
            elif token == _START:
                name = m.group(3)
                tag, flushes, own_kind, own_level, skip, role = start_tags.get(name) or _tag(name)
                if flushes and (builder is not None or pending):
                    _flush(builder, blocks, pending)
                    builder = space = None
                if role == _VOID:
                    continue
                if role == _ATTRIBUTE_COPY:
                    if tag == "meta" or not skipping:
                        block = _attribute_block(tag, m.group(4), m.group(), base + m.start())
                        if block is not None:
                            pending.append(block)
                    continue
                if own_kind is not None:
                    kind, level = own_kind, own_level
                link = role == _LINK and _links_off_site(m.group(4))
                stack.append((tag, kind, level, skip, link))
                open_tags[tag] = open_tags.get(tag, 0) + 1
                if skip:
                    skipping += 1
                if link:
                    links += 1
                    if not skipping:
                        builder = _target(builder, space, kind, level, links)
                        space = None
                        builder.start_link()
                if m.group(5):  # <tag/>: the parser ends the element at once
                    raw_end = m.end()
                    break
                if role == _RAW_TEXT:  # the parser looks only for the end tag
                    found = _RAW_TEXT_END[tag].search(body, m.end())
                    if found is None:  # never closed: the rest is script
                        return _finish(builder, blocks, pending)
                    closing = _END_TAG.match(found.group())
                    if closing is None or closing.group(1).lower() != tag:
                        return None
                    raw_end = found.end()
                    break
            elif token == _END:
                name = m.group(7)
                tag, flushes = end_tags.get(name) or _end_tag(name)
                if flushes and (builder is not None or pending):
                    _flush(builder, blocks, pending)
                    builder = space = None
                if not open_tags.get(tag):
                    continue  # a stray end tag
                skips, closed_links = _close(stack, open_tags, tag, builder)
                skipping -= skips
                links -= closed_links
                _, kind, level, _, _ = stack[-1] if stack else _OUTSIDE
            elif token in (_REFERENCE, _LONE):
                if skipping:
                    continue
                raw = m.group()
                builder = _target(builder, space, kind, level, links)
                space = None
                decoded = html.unescape(raw) if token == _REFERENCE else raw
                builder.add(decoded, base + m.start(), len(raw))
            elif token != _IGNORED:
                return None
        else:
            break
        # The element just opened ends here: <tag/>, or a script or style body.
        tag = stack[-1][0]
        if tag in BLOCK_TAGS and (builder is not None or pending):
            _flush(builder, blocks, pending)
            builder = space = None
        skips, closed_links = _close(stack, open_tags, tag, builder)
        skipping -= skips
        links -= closed_links
        _, kind, level, _, _ = stack[-1] if stack else _OUTSIDE
        at = raw_end
    return _finish(builder, blocks, pending)


# An open element: tag, kind and heading level of its content, whether its
# content is skipped, whether it is a link.
_Open = tuple[str, str, int, bool, bool]
_OUTSIDE: _Open = ("", "paragraph", 0, False, False)

# What a start tag does, by its name as written: the lower-case tag, whether
# it begins a block, the kind and heading level it gives its content (None:
# its parent's), whether its content is skipped, and its role.
_PLAIN, _VOID, _ATTRIBUTE_COPY, _LINK, _RAW_TEXT = range(5)
_TagInfo = tuple[str, bool, str | None, int, bool, int]
_START_TAGS: dict[str, _TagInfo] = {}
_END_TAGS: dict[str, tuple[str, bool]] = {}


def _tag(name: str) -> _TagInfo:
    """What a start tag does (found once for each name a process meets)."""
    tag = name.lower()
    own_kind = KINDS.get(tag)
    level = int(tag[1]) if own_kind == "heading" else 0
    if tag in ("meta", "img"):
        role = _ATTRIBUTE_COPY
    elif tag in VOID_TAGS:
        role = _VOID
    elif tag == "a":
        role = _LINK
    elif tag in _RAW_TEXT_END:
        role = _RAW_TEXT
    else:
        role = _PLAIN
    info = (tag, tag in BLOCK_TAGS, own_kind, level, tag in SKIP_TAGS, role)
    if len(_START_TAGS) < 4096:  # a page of made-up tag names cannot grow it for ever
        _START_TAGS[name] = info
    return info


def _end_tag(name: str) -> tuple[str, bool]:
    tag = name.lower()
    info = (tag, tag in BLOCK_TAGS)
    if len(_END_TAGS) < 4096:
        _END_TAGS[name] = info
    return info


def _target(
    builder: BlockBuilder | None, space: tuple[int, int] | None, kind: str, level: int, links: int
) -> BlockBuilder:
    """The builder for the next text: a new one, or the open one with the deferred space added."""
    if builder is None:
        builder = BlockBuilder(kind, level=level)
        if links:
            builder.start_link()
    elif space is not None:
        builder.add(" ", *space)
    return builder


def _close(
    stack: list[_Open], open_tags: dict[str, int], tag: str, builder: BlockBuilder | None
) -> tuple[int, int]:
    """Close the innermost open ``tag`` and all inside it; say how many skips and links ended."""
    skips = links = 0
    while True:
        element = stack.pop()
        open_tags[element[0]] -= 1
        skips += element[3]
        if element[4]:
            links += 1
            if builder is not None:
                builder.end_link()
        if element[0] == tag:
            return skips, links


def _flush(builder: BlockBuilder | None, blocks: list[Block], pending: list[Block]) -> None:
    """A block ends: keep its text, then the attribute blocks met inside it."""
    if builder is not None:
        builder.end_link()
        block = builder.build()
        if block is not None:
            blocks.append(block)
    if pending:
        blocks.extend(pending)
        pending.clear()


def _finish(builder: BlockBuilder | None, blocks: list[Block], pending: list[Block]) -> list[Block]:
    _flush(builder, blocks, pending)
    return blocks


def _links_off_site(attribute_text: str) -> bool:
    """Whether an ``<a>``'s ``href`` leads off the site (see ``leaves_page_site``)."""
    lower = attribute_text.lower()
    if "href" not in lower:
        return False
    if not any(mark in lower for mark in _OFF_SITE_MARKS):
        return False  # the common case, "/about": no target in the tag can leave the site
    for name, value in _attributes(attribute_text):
        if name == "href":
            return leaves_page_site(value or "")
    return False


def _attributes(attribute_text: str) -> Attributes:
    """The attributes as ``HTMLParser`` gives them, from text ``_TOKEN`` accepted."""
    found: Attributes = []
    for m in _ONE_ATTRIBUTE.finditer(attribute_text):
        name, value = m.group(1, 2)
        if value is not None:
            if value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            if value:
                value = html.unescape(value)
        found.append((name.lower(), value))
    return found


def _attribute_block(tag: str, attribute_text: str, tag_text: str, tag_start: int) -> Block | None:
    """The block of an ``<img>``'s alt text or a ``<meta>``'s content, if it has one."""
    attrs = _attributes(attribute_text)
    if tag == "img":
        return attribute_block("alt", "alt", attrs, tag_text, tag_start)
    name = meta_name(attrs)
    if name not in META_NAMES:
        return None
    return attribute_block("meta", "content", attrs, tag_text, tag_start, name)
