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

from bisect import bisect_right
from collections.abc import Iterable

from linter.matching.expressions import (
    NO_MATCH,
    UNANCHORED,
    Expression,
    Hit,
    Span,
    block_hits,
    expression,
    named_groups_of,
    new_hit,
    scan,
)
from linter.matching.prefilter import prefilter

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from linter.matching.prefilter import PrefilterMode

__all__ = ["DocumentText", "Hit"]

NOT_FOUND: list[Span] = [NO_MATCH]  # the spans of no match, as RE2 gives them


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
        #: Source -> the spans of its first match in the joined data (``NOT_FOUND``: none).
        self._first: dict[str, list[Span]] = {}

    def _char(self, block: int, byte: int) -> int:
        """The character offset within ``block`` of a byte offset in the joined data."""
        start = self._byte_starts[block]
        if block in self._wide:
            return len(self._data[start:byte].decode("utf-8"))
        return byte - start

    def prefilter(
        self, sources: tuple[str, ...], mode: PrefilterMode = "sets"
    ) -> tuple[set[int], frozenset[int]] | None:
        """Positions of the ``sources`` that occur, and of those the prefilter answers for.

        None when it cannot run: joined text is what prefilters read, so a
        document whose block text holds a newline gets no answer (and every
        expression may match).
        """
        if not self._joinable or not sources:
            return None
        found = prefilter(sources) if mode == "sets" else prefilter(sources, mode)
        return found.run(self._data), found.covered

    def may_match(self, source: str) -> bool:
        """False when ``source`` matches in no block (True may still find nothing)."""
        expr = expression(source)
        if not self._joinable or expr.anchored_to_text:
            return True
        first = self._first.get(source)
        if first is None:
            first = self._first[source] = next(scan(expr.joined, self._data), NOT_FOUND)
        return first is not NOT_FOUND

    def occurs(self, source: str) -> bool:
        """Does ``source`` have a hit in some block? ``bool(hits(source))``, mostly in one search.

        A first match that stays within one block is a hit there: a scan of
        that block alone meets a non-empty match by the same place at the
        latest. A first match that is empty or runs across a newline, and a
        document that cannot be joined, take the full scan.
        """
        if not self.may_match(source):
            return False
        first = self._first.get(source)
        if first is not None:
            s, e = first[0]
            if e > s and self._data.find(b"\n", s, e) < 0:
                return True
        return bool(self.hits(source))

    def hits(self, source: str) -> dict[int, list[Hit]]:
        """Every non-empty match of ``source`` by block, in block order.

        Blocks without a match are left out.
        """
        expr = expression(source)
        if not self._joinable or expr.anchored_to_text:
            return self._blockwise(expr, range(len(self.texts)))
        first = self._first.get(source)
        if first is NOT_FOUND:
            return {}
        by_block: dict[int, list[Hit]] = {}
        across: set[int] = set()
        data, starts, wide = self._data, self._byte_starts, self._wide
        named = bool(expr.named_groups()[0])
        last = len(starts) - 1
        block, offset, limit = -1, 0, -1  # the block of the previous hit, its start and end bytes
        found: list[Hit] = []
        for spans in scan(expr.joined, data, first[0][0] if first else 0, -1, first):
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
            groups = named_groups_of(expr, data, spans) if named else ()
            found.append(new_hit(Hit, (block, s, e, groups)))
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
        if first is NOT_FOUND:
            return []
        expr = expression(source)
        if not self._joinable or expr.anchored_to_text:
            return block_hits(expr, self.texts[block], block)
        starts, data = self._byte_starts, self._data
        offset = starts[block]
        limit = starts[block + 1] - 1 if block + 1 < len(starts) else len(data)
        if first is not None and first[0][0] >= limit:
            return []  # the document's first match lies past this block
        regex = expr.joined
        first_here = regex.Match(UNANCHORED, data, offset, limit)
        if first_here[0][0] < 0:
            return []  # most blocks a condition asks about hold no hit
        named = bool(expr.named_groups()[0])
        wide = block in self._wide
        hits = []
        for spans in scan(regex, data, offset, limit, first_here):
            s, e = spans[0]
            if e > s:
                if wide:
                    s, e = self._char(block, s), self._char(block, e)
                else:
                    s, e = s - offset, e - offset
                groups = named_groups_of(expr, data, spans) if named else ()
                hits.append(new_hit(Hit, (block, s, e, groups)))
        return hits

    def _blockwise(self, expr: Expression, blocks: Iterable[int]) -> dict[int, list[Hit]]:
        out = {}
        for b in blocks:
            hits = block_hits(expr, self.texts[b], b)
            if hits:
                out[b] = hits
        return out
