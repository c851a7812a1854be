"""Where a prescribed statement stands whole, or where its opening leads to other words.

See ``linter.policy.statements`` for how words are compared. A statement
found at its opening may run on into the blocks that follow (a notice set
as a bold heading line and a paragraph); its hit belongs to the block of its
opening, and spans what of it that block holds.
"""

from __future__ import annotations

from functools import cache

from linter.documents.model import Block
from linter.matching.text import Hit
from linter.policy import model as m
from linter.policy.statements import WORD, statement_words

#: Words shown on each side of a departure in a finding's message.
SHOWN_WORDS = 6


@cache
def _versions(texts: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each accepted version as (compared words, words as written)."""
    return tuple((statement_words(t), tuple(WORD.findall(t))) for t in texts)


class _Word:
    __slots__ = ("block", "end", "start", "text")

    def __init__(self, block: int, start: int, end: int, text: str) -> None:
        self.block = block
        self.start = start
        self.end = end
        self.text = text


def _copy_words(blocks: list[Block], block: int, start: int, wanted: int) -> list[_Word]:
    """Up to ``wanted`` words of the copy from ``start`` in ``block`` on, into later blocks."""
    out: list[_Word] = []
    b, offset = block, start
    while b < len(blocks) and len(out) < wanted:
        text = blocks[b].text
        for mm in WORD.finditer(text, offset):
            out.append(_Word(b, mm.start(), mm.end(), mm.group()))
            if len(out) == wanted:
                break
        b, offset = b + 1, 0
    return out


def statement_hits(
    pattern: m.Statement, block: int, blocks: list[Block], openings: list[Hit]
) -> list[Hit]:
    """The hits of a statement pattern in one block, given the hits of its opening there."""
    versions = _versions(pattern.texts)
    longest = max(len(words) for words, _ in versions)
    out: list[Hit] = []
    for found in openings:
        copy = _copy_words(blocks, block, found.start, longest)
        said = [w.text.casefold().replace("\u2019", "'") for w in copy]
        best, best_version = -1, versions[0]
        whole = False
        for version in versions:
            words = version[0]
            agreed = 0
            for expected, got in zip(words, said, strict=False):
                if expected != got:
                    break
                agreed += 1
            if agreed == len(words):
                whole = True
                end = _end_in_block(copy[: len(words)], block, found.end)
                if not pattern.altered:
                    out.append(Hit(block, found.start, end))
                break
            if agreed > best:
                best, best_version = agreed, version
        if whole or not pattern.altered:
            continue
        written = best_version[1]
        expected = " ".join(written[best : best + SHOWN_WORDS])
        if best + SHOWN_WORDS < len(written):
            expected += " …"
        shown = copy[best : best + SHOWN_WORDS]
        found_text = " ".join(w.text for w in shown)
        end = _end_in_block(copy[: best + 1], block, found.end)
        groups = (("expected", expected), ("found", found_text))
        out.append(Hit(block, found.start, end, groups))
    return out


def _end_in_block(words: list[_Word], block: int, floor: int) -> int:
    """The end of the last of ``words`` that lies in ``block`` (at least ``floor``)."""
    ends = [w.end for w in words if w.block == block]
    return max([floor, *ends])
