"""The Document: prose extracted from a copy file, with a map back to the source.

Readers (text, Markdown, HTML) turn a file into a list of Blocks. A Block's
``text`` is what rules match against: markup removed, entities decoded,
soft line breaks turned into spaces, curly quotes straightened. Every
character of that text remembers where it came from, so a match anywhere in a
block can be reported at the exact 1-based line and column of the source file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import namedtuple

from linter.common.plaindata import PlainData

_LINE_END = re.compile(r"\r\n|\r|\n")

# Same-length replacements only: block text and its position map stay aligned.
_MATCHING_FORMS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\t": " ",
        "\n": " ",
        "\r": " ",
        "\f": " ",
        "\v": " ",
    }
)


# str.translate with a dict runs at ~10 MB/s on non-ASCII text, a regex
# substitution with a callback at ~40 MB/s; looking for each of the two
# dozen characters with ``in`` and replacing the few present runs in C, 4x
# faster again. Pure-ASCII text (a flag of the string) only has its control
# spaces to replace.
_FOLDS = tuple((chr(c), r) for c, r in _MATCHING_FORMS.items())
_ASCII_FOLDS = tuple((c, r) for c, r in _FOLDS if c.isascii())


def matching_form(text: str) -> str:
    """Return ``text`` with typographic variants folded to their plain forms.

    The result always has the same length as the input.
    """
    for char, plain in _ASCII_FOLDS if text.isascii() else _FOLDS:
        if char in text:
            text = text.replace(char, plain)
    return text


_new_tuple = tuple.__new__


class Piece(namedtuple("Piece", ("text_start", "source_start", "text_len", "source_len"))):
    """A run of block text copied from one stretch of the source (four ints).

    When ``text_len == source_len`` the run maps character for character; when
    they differ (an entity such as ``&amp;``, an escape such as ``\\*``, a CRLF
    soft break) every character of the run maps to the whole source stretch.
    A named tuple: readers make one per inline piece, tens of thousands a site.
    """

    __slots__ = ()


# Block kinds a reader may produce.
BLOCK_KINDS = frozenset(
    {
        "heading",  # a Markdown/HTML heading, or a title-like line in plain text
        "paragraph",
        "list_item",
        "quote",
        "table_cell",
        "field",  # a front-matter field that is copy (title, description, ...)
        "title",  # HTML <title>
        "meta",  # HTML meta description / og:title / og:description
        "alt",  # HTML img alt text
    }
)


class Block(PlainData):
    """One unit of copy: sentences never cross a block boundary."""

    __slots__ = ("kind", "text", "pieces", "level", "name", "links", "_starts")

    def __init__(
        self,
        kind: str,
        text: str,
        pieces: list[Piece],
        level: int = 0,  # heading level (1-6) for headings; 0 otherwise
        name: str | None = None,  # front-matter key or meta name, where it applies
        links: list[tuple[int, int]] | None = None,  # link-text spans
    ) -> None:
        self.kind = kind
        self.text = text
        self.pieces = pieces
        self.level = level
        self.name = name
        self.links = [] if links is None else links
        self._starts = []  # made when first needed

    def _piece_at(self, index: int) -> Piece:
        if len(self._starts) != len(self.pieces):
            self._starts = [p.text_start for p in self.pieces]
        i = bisect_right(self._starts, index) - 1
        return self.pieces[max(i, 0)]

    def source_offset(self, index: int) -> int:
        """Source offset of the character at block-text ``index``."""
        p = self._piece_at(index)
        if p.text_len == p.source_len:
            return p.source_start + (index - p.text_start)
        return p.source_start

    def source_end(self, end: int) -> int:
        """Source offset just past the block-text character ``end - 1``."""
        if end <= 0:
            return self.source_offset(0)
        p = self._piece_at(end - 1)
        if p.text_len == p.source_len:
            return p.source_start + (end - p.text_start)
        return p.source_start + p.source_len

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a block-text span ``[start, end)`` to a source span."""
        return self.source_offset(start), self.source_end(end)


class BlockBuilder:
    """Accumulates block text piece by piece, keeping the position map.

    Readers call :meth:`add` for each run of source text (decoded as needed)
    and :meth:`build` once the block is complete.
    """

    def __init__(self, kind: str, *, level: int = 0, name: str | None = None) -> None:
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        self.kind = kind
        self.level = level
        self.name = name
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._links: list[tuple[int, int]] = []
        self._length = 0
        self._link_start: int | None = None

    def __len__(self) -> int:
        return self._length

    def add(self, text: str, source_start: int, source_len: int | None = None) -> None:
        """Append ``text`` that stands for ``source_len`` source characters."""
        if not text:
            return
        length = len(text)
        if source_len is None:
            source_len = length
        self._parts.append(text)
        # tuple.__new__ skips the named tuple's Python-level constructor: a
        # page makes a piece per run of text.
        self._pieces.append(_new_tuple(Piece, (self._length, source_start, length, source_len)))
        self._length += length

    def start_link(self) -> None:
        """Link text starts here: the rule language can match link text (a disclosure link)."""
        self._link_start = self._length

    def end_link(self) -> None:
        """Link text ends here; an empty link leaves no span."""
        if self._link_start is not None and self._length > self._link_start:
            self._links.append((self._link_start, self._length))
        self._link_start = None

    def build(self) -> Block | None:
        """Return the block, or None when it holds no visible text."""
        text = matching_form("".join(self._parts))
        if not text.strip():
            return None
        return Block(self.kind, text, self._pieces, self.level, self.name, self._links)


def line_starts(source: str) -> list[int]:
    """Offsets where each line begins; CRLF, CR and LF all end a line."""
    if "\r" in source:
        return [0, *(m.end() for m in _LINE_END.finditer(source))]
    starts = [0]
    at = source.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = source.find("\n", at + 1)
    return starts


class Document(PlainData):
    """A copy file: its decoded source and the blocks of prose found in it."""

    __slots__ = (
        "path",
        "source",
        "blocks",
        "format",
        "front_matter",
        "broken_front_matter",
        "_lines",
    )

    def __init__(
        self,
        path: str,
        source: str,
        blocks: list[Block],
        format: str,  # "text" | "markdown" | "html"
        front_matter: dict[str, object] | None = None,
        broken_front_matter: bool = False,  # a fence opens front matter that does not parse
    ) -> None:
        self.path = path
        self.source = source
        self.blocks = blocks
        self.format = format
        self.front_matter = {} if front_matter is None else front_matter
        self.broken_front_matter = broken_front_matter
        self._lines = []  # found when first needed

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        if not self._lines:
            self._lines = line_starts(self.source)
        i = bisect_right(self._lines, offset) - 1
        return i + 1, offset - self._lines[i] + 1


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")


def leaves_page_site(target: str) -> bool:
    """Does a link to ``target`` lead off the site, where a source would be?

    A link to another page of the same site (a relative path: "/cryotherapy",
    "services.html"), a phone number or an e-mail address is navigation, not
    a source; a full address ("https://", "//", "www."), or an anchor on the
    page (a footnote's "#ref-3"), may be one. The rule language's ``link``
    counts only these.
    """
    t = target.strip().lower()
    if not t:
        return False
    if t.startswith(("tel:", "mailto:", "sms:", "javascript:")):
        return False
    if t.startswith(("#", "//", "www.")):
        return True
    return _SCHEME.match(t) is not None  # "https:", not "book.html?slot=9:30"
