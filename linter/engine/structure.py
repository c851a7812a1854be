"""The structure of a document that scopes name: sections, headings and sentences.

Worked out lazily: most rules on most pages never ask for sentences, and
splitting a block is the costliest part of it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple
from collections.abc import Iterator

from linter.documents.model import Block
from linter.documents.sentences import split_sentences
from linter.engine.hits import Region
from linter.matching.text import Hit


class _Sections(namedtuple("_Sections", ("of", "blocks", "heading"))):
    """Block -> its section; section -> its blocks; section -> its heading block (or None)."""

    __slots__ = ()


class Structure:
    """Sections and sentences of one document's blocks."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._sentence_starts: dict[int, list[int]] = {}
        self._sections: _Sections | None = None

    @property
    def section_of(self) -> list[int]:
        """The section (0 before the first heading) of each block."""
        return self._index_sections().of

    @property
    def section_blocks(self) -> list[list[int]]:
        """Section -> its blocks, in order."""
        return self._index_sections().blocks

    @property
    def heading_of_section(self) -> list[int | None]:
        """Section -> the block of its heading (None before the first heading)."""
        return self._index_sections().heading

    def heading_of(self, block: int) -> int | None:
        """The block of the heading over ``block``'s section (None before the first heading)."""
        sections = self._index_sections()
        return sections.heading[sections.of[block]]

    def _index_sections(self) -> _Sections:
        """Sections are indexed only for the rules that look at them."""
        if self._sections is None:
            found = self._sections = _Sections([], [[]], [None])
            for i, block in enumerate(self.blocks):
                if block.kind == "heading":
                    found.blocks.append([])
                    found.heading.append(i)
                found.of.append(len(found.blocks) - 1)
                found.blocks[-1].append(i)
        return self._sections

    def sentences(self, block: int) -> list[tuple[int, int]]:
        """The (start, end) of each sentence of a block's text, split the first time it is asked."""
        spans = self._sentences.get(block)
        if spans is None:
            spans = split_sentences(self.blocks[block].text) or [(0, len(self.blocks[block].text))]
            self._sentences[block] = spans
        return spans

    def sentence_index(self, block: int, offset: int) -> int:
        """Which sentence of ``block`` holds ``offset`` (the first one for offsets before any)."""
        starts = self._sentence_starts.get(block)
        if starts is None:
            starts = self._sentence_starts[block] = [s for s, _ in self.sentences(block)]
        return max(bisect_right(starts, offset) - 1, 0)

    def sentence_text(self, block: int, index: int) -> str:
        """The text of one sentence of a block (``index`` as a list index: -1 is the last)."""
        start, end = self.sentences(block)[index]
        return self.blocks[block].text[start:end]

    def sentence_at(self, block: int, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``offset`` in ``block``."""
        return self.sentences(block)[self.sentence_index(block, offset)]

    def sentence_steps(self, block: int, index: int, steps: int) -> Iterator[Region]:
        """The sentences ``1..|steps|`` after (or, for negative steps, before) a sentence.

        Sentences run on across blocks; only the blocks walked are split, so
        a window of a few sentences never splits the whole document.
        """
        for _ in range(abs(steps)):
            if steps > 0:
                if index + 1 < len(self.sentences(block)):
                    index += 1
                elif block + 1 < len(self.blocks):
                    block, index = block + 1, 0
                else:
                    return
            elif index > 0:
                index -= 1
            elif block > 0:
                block -= 1
                index = len(self.sentences(block)) - 1
            else:
                return
            s, e = self.sentences(block)[index]
            yield Region(block, s, e)

    def sentences_apart(self, a: Hit, b: Hit, limit: int) -> bool:
        """Are the sentences of hits ``a`` and ``b`` (a first) more than ``limit`` apart?

        Every block holds at least one sentence, so hits many blocks apart
        are far without splitting the blocks between them.
        """
        if b.block - a.block > limit:
            return True
        distance = self.sentence_index(b.block, b.start) - self.sentence_index(a.block, a.start)
        for block in range(a.block, b.block):
            distance += len(self.sentences(block))
        return distance > limit
