"""Hits of a pattern in one block, indexed for the overlap queries conditions ask."""

from __future__ import annotations

from bisect import bisect_left
from collections import namedtuple
from collections.abc import Iterator

from linter.matching.text import Hit

NO_HITS: list[Hit] = []


class HitList:
    """A block's hits for one pattern, sorted by start, indexed for overlap queries.

    The index is built on the first overlap query: most hit lists are only
    read whole, as parts of a bigger pattern.
    """

    __slots__ = ("_longest", "_starts", "hits")

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self._starts: list[int] | None = None
        self._longest = 0

    def _first_reaching(self, start: int) -> int:
        """Index of the first hit that can reach ``start`` (none before it can)."""
        if self._starts is None:
            self._starts = [h.start for h in self.hits]
            self._longest = max(h.end - h.start for h in self.hits)
        return bisect_left(self._starts, start - self._longest)

    def any_overlapping(self, start: int, end: int) -> bool:
        """Does any hit overlap ``[start, end)``?"""
        hits = self.hits
        if not hits:
            return False
        if end <= start:
            end = start + 1  # an empty query asks about one point
        for i in range(self._first_reaching(start), len(hits)):
            hit = hits[i]
            if hit.start >= end:
                return False
            if hit.end > start:
                return True
        return False

    def overlapping(self, start: int, end: int) -> Iterator[Hit]:
        """Hits that overlap ``[start, end)``, without scanning the whole list."""
        hits = self.hits
        if not hits:
            return
        if end <= start:
            end = start + 1
        for i in range(self._first_reaching(start), len(hits)):
            hit = hits[i]
            if hit.start >= end:
                return
            if hit.end > start:
                yield hit


NO_HIT_LIST = HitList(NO_HITS)


class Region(namedtuple("Region", ("block", "start", "end"))):
    """A stretch of one block's text that a condition looks at (ints: block, start, end)."""

    __slots__ = ()
