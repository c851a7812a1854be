"""Matching a policy's expressions against a whole document at once.

Calling RE2 once per block and expression spends far more time in Python
than in matching: a 4 KB page has some 18 blocks and the bundled pack some
80 expressions. Here the blocks are joined with newlines, each expression
scans the joined text once, and its hits are handed back to their blocks.

The result is exactly what a scan of each block on its own gives:

- block text never holds a newline (readers fold line breaks to spaces) and
  the joined scan runs in multi-line mode, so ``^`` and ``$`` still match at
  block starts and ends, and ``\\b`` sees a non-word character at both;
- a match that runs across a newline belongs to no block: the blocks it
  touches are scanned again on their own, as are all blocks of a document
  whose text holds a newline, and all blocks for an expression that uses
  ``\\A`` or ``\\z`` (anchors to the whole text).

Matching calls RE2's compiled object directly, on UTF-8 bytes encoded once
per document: the ``re2`` module's ``finditer`` re-encodes the text on every
call and builds a match object per hit, which costs more than the matching.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import namedtuple
from collections.abc import Iterable, Iterator
from functools import cache

import re2

from linter.common.utf8 import CharOffsets
from linter.policy.regexes import OPTIONS, compiled

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (3 ms)
if TYPE_CHECKING:
    from typing import Any

    from linter.matching.prefilter.database import DatabasePrefilter

_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED
_NO_MATCH = (-1, -1)
_TEXT_ANCHOR = re.compile(r"\\\\|\\[Az]")  # an escaped backslash, or \A or \z

Span = tuple[int, int]
_new_hit = tuple.__new__  # a Hit without the named tuple's Python-level constructor


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


def _scan(regex: Any, data: bytes, pos: int = 0, end: int = -1) -> Iterator[list[Span]]:
    """Successive leftmost matches in ``data[pos:end]`` (group spans, in bytes), as finditer.

    Assertions (``\\b``, ``^``, ``$``) see the bytes just outside the range.
    """
    if end < 0:
        end = len(data)
    match = regex.Match
    while True:
        spans = match(_UNANCHORED, data, pos, end)
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


def _encoded(text: str) -> tuple[bytes, CharOffsets | None]:
    data = text.encode("utf-8")
    return data, (None if len(data) == len(text) else CharOffsets(text, data))


def _groups(expr: Expression, data: bytes, spans: list[Span]) -> tuple[tuple[str, str], ...]:
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
    data, chars = _encoded(text)
    hits = []
    # Without a newline in the text the multi-line form matches the same, and
    # an expression the joined scans already compiled need not be compiled twice.
    regex = expr.single if "\n" in text else expr.joined
    for spans in _scan(regex, data):
        s, e = spans[0]
        if e > s:
            if chars is not None:
                s, e = chars(s), chars(e)
            hits.append(Hit(block, s, e, _groups(expr, data, spans)))
    return hits


class Prefilter:
    """Which of many expressions occur in a text, a handful of them per pass.

    An ``re2.Set`` answers "which of these match anywhere?" in one pass, but
    its DFA grows with every expression added: one set of the bundled pack's
    33 trigger expressions outgrows RE2's state cache and crawls, a bigger
    cache costs memory and a slow start in every worker, and single
    expressions pay a pass each. Sets of at most ``chunk`` (measured on the
    corpus: 17) are the fastest, started cold or warm.
    """

    def __init__(self, sources: tuple[str, ...], chunk: int = 17) -> None:
        self.sources = sources
        self._sets: list[tuple[Any, tuple[int, ...]]] = []  # a set, and its sources' positions
        usable = [i for i, s in enumerate(sources) if not anchored_to_text(s)]
        sets = -(-len(usable) // chunk)  # as few sets as chunk allows, evenly filled
        size = -(-len(usable) // sets) if sets else chunk
        for k in range(0, len(usable), size):
            part = tuple(usable[k : k + size])
            try:
                found = re2.Set.SearchSet(OPTIONS)
                for i in part:
                    found.Add(f"(?m){sources[i]}")
                found.Compile()
            except re2.error:  # too big for one set: those expressions are searched singly
                continue
            self._sets.append((found, part))
        #: Positions (in ``sources``) of the expressions the sets answer for.
        self.covered = frozenset(i for _, part in self._sets for i in part)

    def run(self, data: bytes) -> set[int]:
        """Positions of the covered expressions that match somewhere in ``data``."""
        present: set[int] = set()
        for found, part in self._sets:
            for i in found.Match(data) or ():
                present.add(part[i])
        return present


_use_database = False


def use_prefilter_database() -> None:
    """Let prefilters come from a Hyperscan database (see ``linter.matching.prefilter.database``).

    For runs of many documents: RE2's sets build their state tables as each
    process meets new text, tens of milliseconds per process that a database
    compiled in full does not pay. A run of a few files (a pre-commit hook,
    an editor) meets too little text for that to matter, and keeps clear of
    the database's one-time compile and of the ``typing`` module that
    Hyperscan's package imports.
    """
    global _use_database
    _use_database = True


@cache
def prefilter(sources: tuple[str, ...]) -> Prefilter | DatabasePrefilter:
    """The prefilter for a tuple of expressions (built once per process).

    RE2 sets, or the cached database where ``use_prefilter_database`` asked
    for it and there is one; both find the same expressions present.
    """
    if _use_database:
        from linter.matching.prefilter.database import database_prefilter

        found = database_prefilter(sources)
        if found is not None:
            return found
    return Prefilter(sources)


class DocumentText:
    """The blocks of one document, joined and encoded once for every expression's scan.

    Scans report UTF-8 byte offsets; hits need character offsets within a
    block. Each block's byte and character start in the joined text are kept,
    so an offset in a block of plain ASCII (nearly all of them: readers fold
    curly quotes and typographic spaces) converts by subtraction, and only a
    block holding other characters decodes its own bytes up to the offset.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._starts: list[int] = []  # block -> its first character in the joined text
        at = 0
        for text in texts:
            self._starts.append(at)
            at += len(text) + 1
        self._joinable = not any("\n" in t for t in texts)
        joined = "\n".join(texts)
        self._data = data = joined.encode("utf-8")
        #: Block -> its first byte in ``_data``; the same list as ``_starts`` for ASCII.
        self._byte_starts = self._starts
        #: Blocks whose text is not ASCII (their byte and character offsets differ).
        self._wide: frozenset[int] = frozenset()
        if len(data) != len(joined):
            byte_starts, wide, at = [], set(), 0
            for b, text in enumerate(texts):
                byte_starts.append(at)
                if text.isascii():
                    at += len(text) + 1
                else:
                    wide.add(b)
                    at += len(text.encode("utf-8")) + 1
            self._byte_starts, self._wide = byte_starts, frozenset(wide)
        self._first: dict[str, Span] = {}

    def _char(self, block: int, byte: int) -> int:
        """The character offset within ``block`` of a byte offset in the joined data."""
        start = self._byte_starts[block]
        if block in self._wide:
            return len(self._data[start:byte].decode("utf-8"))
        return byte - start

    def prefilter(self, sources: tuple[str, ...]) -> set[int] | None:
        """Positions of the prefilter's covered ``sources`` that occur; None when it cannot run.

        Joined text is what the sets read, so a document whose block text
        holds a newline gets no answer (and every expression may match).
        """
        if not self._joinable or not sources:
            return None
        return prefilter(sources).run(self._data)

    def may_match(self, source: str) -> bool:
        """False when ``source`` matches in no block (True may still find nothing)."""
        expr = expression(source)
        if not self._joinable or expr.anchored_to_text:
            return True
        first = self._first.get(source)
        if first is None:
            found = next(_scan(expr.joined, self._data), None)
            first = self._first[source] = found[0] if found else _NO_MATCH
        return first != _NO_MATCH

    def hits(self, source: str) -> dict[int, list[Hit]]:
        """Every non-empty match of ``source`` by block, in block order.

        Blocks without a match are left out.
        """
        expr = expression(source)
        if not self._joinable or expr.anchored_to_text:
            return self._blockwise(expr, range(len(self.texts)))
        first = self._first.get(source)
        if first == _NO_MATCH:
            return {}
        by_block: dict[int, list[Hit]] = {}
        across: set[int] = set()
        data, starts, wide = self._data, self._byte_starts, self._wide
        named = bool(expr.named_groups()[0])
        last = len(starts) - 1
        block, offset, limit = -1, 0, -1  # the block of the previous hit, its start and end bytes
        found: list[Hit] = []
        for spans in _scan(expr.joined, data, first[0] if first else 0):
            s, e = spans[0]
            if e <= s:
                continue
            if s >= limit or s < offset:
                block = bisect_right(starts, s) - 1
                offset = starts[block]
                limit = starts[block + 1] - 1 if block < last else len(data)
                found = by_block.get(block) or by_block.setdefault(block, [])
            if e > limit:  # runs across a newline
                across.update(range(block, bisect_right(starts, e - 1)))
                continue
            if block in wide:
                s, e = self._char(block, s), self._char(block, e)
            else:
                s, e = s - offset, e - offset
            groups = _groups(expr, data, spans) if named else ()
            found.append(_new_hit(Hit, (block, s, e, groups)))
        by_block = {b: hits for b, hits in by_block.items() if hits}
        if across:
            for b in across:
                by_block.pop(b, None)
            by_block.update(self._blockwise(expr, sorted(across)))
            by_block = dict(sorted(by_block.items()))
        return by_block

    def block_hits(self, source: str, block: int) -> list[Hit]:
        """The hits of ``source`` in one block, as a scan of the block on its own finds them.

        The block's stretch of the joined data is scanned in place: a newline
        stands on either side of it, so ``^``, ``$`` and ``\\b`` see there
        what they see at the ends of the block's own text. Expressions
        anchored to the whole text, and documents that cannot be joined, scan
        the block's text alone.
        """
        first = self._first.get(source)
        if first == _NO_MATCH:
            return []
        expr = expression(source)
        if not self._joinable or expr.anchored_to_text:
            return block_hits(expr, self.texts[block], block)
        starts, data = self._byte_starts, self._data
        offset = starts[block]
        limit = starts[block + 1] - 1 if block + 1 < len(starts) else len(data)
        if first is not None and first[0] >= limit:
            return []  # the document's first match lies past this block
        regex = expr.joined
        if regex.Match(_UNANCHORED, data, offset, limit)[0][0] < 0:
            return []  # most blocks a condition asks about hold no hit
        named = bool(expr.named_groups()[0])
        wide = block in self._wide
        hits = []
        for spans in _scan(regex, data, offset, limit):
            s, e = spans[0]
            if e > s:
                if wide:
                    s, e = self._char(block, s), self._char(block, e)
                else:
                    s, e = s - offset, e - offset
                groups = _groups(expr, data, spans) if named else ()
                hits.append(_new_hit(Hit, (block, s, e, groups)))
        return hits

    def _blockwise(self, expr: Expression, blocks: Iterable[int]) -> dict[int, list[Hit]]:
        out = {}
        for b in blocks:
            hits = block_hits(expr, self.texts[b], b)
            if hits:
                out[b] = hits
        return out
