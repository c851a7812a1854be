"""A policy expression compiled for RE2, and scans that report hits by block.

Matching calls RE2's compiled object directly, on UTF-8 bytes encoded once
per document: the ``re2`` module's ``finditer`` re-encodes the text on every
call and builds a match object per hit, which costs more than the matching.
The engine's own clause and context expressions, searched in one sentence
at a time, go the same way through ``TextRegex`` when the text is ASCII.
That object (``_regexp``, its ``Match`` method and ``RE2.Anchor``) is not
part of the ``re2`` module's documented interface, so pyproject.toml pins
google-re2 to the range it is tested with (tests/unit/matching cover it).
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Iterator
from functools import cache

import re2

from linter.common.utf8 import CharOffsets
from linter.policy.regexes import compiled

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED
ANCHOR_START = re2._re2.RE2.Anchor.ANCHOR_START
NO_MATCH = (-1, -1)
_TEXT_ANCHOR = re.compile(r"\\\\|\\[Az]")  # an escaped backslash, or \A or \z

Span = tuple[int, int]
new_hit = tuple.__new__  # a Hit without the named tuple's Python-level constructor


class Hit(namedtuple("Hit", ("block", "start", "end", "groups"), defaults=((),))):
    """A pattern match: a span of one block's text, with its named groups.

    ``block``, ``start`` and ``end`` are ints; ``groups`` holds (name, text)
    pairs. A named tuple: a document makes hundreds, and tuples are the
    cheapest to make.
    """

    __slots__ = ()


class Expression:
    """One policy expression, compiled when first used for a joined or a single-block scan.

    A one-file run uses a few of a policy's expressions; compiling every one
    of them in both forms would cost more than the lint.
    """

    __slots__ = ("_groups", "_joined", "_single", "anchored_to_text", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.anchored_to_text = anchored_to_text(source)  # \A, \z: single-block scans only
        self._joined: Any = None
        self._single: Any = None
        self._groups: tuple[tuple[str, ...], tuple[int, ...]] | None = None

    @property
    def joined(self) -> Any:
        """The RE2 object in multi-line mode, for newline-joined blocks."""
        if self._joined is None:
            self._joined = compiled(f"(?m){self.source}")._regexp
        return self._joined

    @property
    def single(self) -> Any:
        """The RE2 object as written, for one block's text."""
        if self._single is None:
            self._single = compiled(self.source)._regexp
        return self._single

    def named_groups(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """Names and numbers of the named groups, reported with each hit."""
        if self._groups is None:
            rx = compiled(f"(?m){self.source}")  # the flag adds no group
            groups = dict(rx.groupindex) if rx.groups else {}
            self._groups = (tuple(groups), tuple(groups.values()))
        return self._groups


def anchored_to_text(source: str) -> bool:
    """Does the expression use ``\\A`` or ``\\z`` (not an escaped backslash before A or z)?"""
    return any(m.group() != "\\\\" for m in _TEXT_ANCHOR.finditer(source))


@cache
def expression(source: str) -> Expression:
    """The expression object for a source (one per process)."""
    return Expression(source)


def scan(
    regex: Any, data: bytes, pos: int = 0, end: int = -1, first: list[Span] | None = None
) -> Iterator[list[Span]]:
    """Successive leftmost matches in ``data[pos:end]`` (group spans, in bytes), as finditer.

    Assertions (``\\b``, ``^``, ``$``) see the bytes just outside the range.
    ``first``: the match a search from ``pos`` found, when the caller has searched already.
    """
    if end < 0:
        end = len(data)
    match = regex.Match
    spans = match(UNANCHORED, data, pos, end) if first is None else first
    while True:
        s, e = spans[0]
        if s < 0:
            return
        yield spans
        if e >= end:
            return
        if e > s:
            pos = e
        else:  # an empty match: step over one character
            pos = e + 1
            while pos < end and (data[pos] & 0xC0) == 0x80:
                pos += 1
        spans = match(UNANCHORED, data, pos, end)


class TextMatch:
    """A match of a ``TextRegex`` in ASCII text: what callers read of an ``re2`` match."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: list[Span]) -> None:
        self._text = text
        self._spans = spans

    def start(self, group: int = 0) -> int:
        """Where the match (or a group of it) starts; -1 for a group that took no part."""
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        """Where the match (or a group of it) ends; -1 for a group that took no part."""
        return self._spans[group][1]

    def span(self, group: int = 0) -> Span:
        """(start, end) of the match or of a group."""
        return self._spans[group]

    def group(self, group: int = 0) -> str | None:
        """The text of the match or of a group (None for a group that took no part)."""
        s, e = self._spans[group]
        return None if s < 0 else self._text[s:e]


class TextRegex:
    """An RE2 expression searched in a sentence or a clause, as the ``re2`` module searches.

    The module's ``search`` and ``finditer`` encode the whole string on every
    call, convert each offset between characters and bytes and build a match
    object through a generator: on a sentence that costs more than the
    matching. In ASCII text (nearly all copy: readers fold curly quotes and
    dashes) a character is a byte, so the compiled object is called on the
    encoded string directly, with the module's own rules for ``pos``,
    ``endpos`` and empty matches; other text goes through the module.
    """

    __slots__ = ("_regexp", "module")

    def __init__(self, pattern: str) -> None:
        self.module = re2.compile(pattern)
        self._regexp = self.module._regexp

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """The first match in ``text[pos:endpos]``, or None."""
        return self._first(UNANCHORED, text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """A match starting at ``pos``, or None."""
        return self._first(ANCHOR_START, text, pos, endpos)

    def _first(self, anchor: Any, text: str, pos: int, endpos: int | None) -> Any:
        if not text.isascii():
            return next(self.module._match(anchor, text, pos, endpos), None)
        size = len(text)
        endpos = size if endpos is None else max(0, min(endpos, size))
        pos = max(0, min(pos, size))
        if pos > endpos:
            return None
        spans = self._regexp.Match(anchor, text.encode("ascii"), pos, endpos)
        return None if spans[0][0] < 0 else TextMatch(text, spans)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """Successive matches, stepping as the ``re2`` module steps (an empty one included)."""
        if not text.isascii():
            yield from self.module.finditer(text, pos, endpos)
            return
        size = len(text)
        endpos = size if endpos is None else max(0, min(endpos, size))
        pos = max(0, min(pos, size))
        if pos > endpos:
            return
        data = text.encode("ascii")
        match = self._regexp.Match
        while True:
            spans = match(UNANCHORED, data, pos, endpos)
            end = spans[0][1]
            if end < 0:
                return
            yield TextMatch(text, spans)
            if pos == endpos:
                return
            pos = pos + 1 if pos == end else end

    def sub(self, replace: Callable[[Any], str], text: str) -> str:
        """``text`` with each match replaced by what ``replace`` makes of it."""
        pieces = []
        at = 0
        for found in self.finditer(text):
            pieces.append(text[at : found.start()])
            pieces.append(replace(found))
            at = found.end()
        if not pieces:
            return text
        pieces.append(text[at:])
        return "".join(pieces)


def encoded(text: str) -> tuple[bytes, CharOffsets | None]:
    """UTF-8 bytes for RE2, and an offset converter only when the text is not ASCII."""
    data = text.encode("utf-8")
    return data, (None if len(data) == len(text) else CharOffsets(text, data))


def named_groups_of(
    expr: Expression, data: bytes, spans: list[Span]
) -> tuple[tuple[str, str], ...]:
    """The named groups of one match, as (name, text) pairs."""
    names, indexes = expr.named_groups()
    if not names:
        return ()
    out = []
    for name, i in zip(names, indexes, strict=True):
        s, e = spans[i]
        out.append((name, data[s:e].decode("utf-8") if s >= 0 else ""))
    return tuple(out)


def block_hits(expr: Expression, text: str, block: int) -> list[Hit]:
    """Every non-empty match in one block's text, scanned on its own."""
    data, chars = encoded(text)
    hits = []
    # Without a newline in the text the multi-line form matches the same, and
    # an expression the joined scans already compiled need not be compiled twice.
    regex = expr.single if "\n" in text else expr.joined
    for spans in scan(regex, data):
        s, e = spans[0]
        if e > s:
            if chars is not None:
                s, e = chars(s), chars(e)
            hits.append(Hit(block, s, e, named_groups_of(expr, data, spans)))
    return hits
