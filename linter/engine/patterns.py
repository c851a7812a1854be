"""Where a policy's patterns match in one document: leaves, alternatives, exceptions, proximity.

Each expression scans the whole document once (see linter.matching.text);
a pattern's hits are worked out per block, only for the blocks that may
hold one, and kept for the conditions that ask again.
"""

from __future__ import annotations

import re
from itertools import islice

from linter.documents.model import Block
from linter.documents.sentences import abbreviation_before
from linter.engine.hits import NO_HIT_LIST, NO_HITS, HitList
from linter.engine.triggers import Triggers
from linter.matching.text import DocumentText, Hit
from linter.policy import model as m

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from linter.matching.prefilter import PrefilterMode

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_URL = re.compile(r"\bhttps?://[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+", re.I)
# The two sides of a proximity pattern stand in one sentence: nothing between
# them ends one ("...try our ice packs. For patients whose knees ache...").
# A title's separator ("PRP | Summit Joint Clinic") parts two phrases the same way.
_SENTENCE_END = re.compile(
    r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\s[|\u2022\u00b7]\s"
)
# Proximity looks this many characters per word of distance for candidates.
CHARS_PER_WORD = 40


class PatternHits:
    """The hits of every pattern a rule asks about, in one document."""

    def __init__(
        self, blocks: list[Block], regexes: list[str], triggers: Triggers, prefilter: PrefilterMode
    ) -> None:
        self.blocks = blocks
        self.regexes = regexes
        self.text = DocumentText([b.text for b in blocks])
        self.triggers = tr = triggers
        # Trigger expressions that occur, or that the prefilter cannot rule out;
        # and those it rules out, which no scan need look for.
        answer = self.text.prefilter(tr.sources, prefilter)
        #: Trigger expressions the prefilter answered for (each prefilter
        #: answers for those it can; the rest may always match).
        self.covered: frozenset[int] = frozenset()
        if answer is None:
            self.present: set[int] = set(tr.regexes)
            self.ruled_out: frozenset[int] = frozenset()
        else:
            found, covered = answer
            self.covered = frozenset(tr.regexes[i] for i in covered)
            self.present = {tr.regexes[i] for i in found}
            self.present.update(r for r in tr.regexes if r not in self.covered)
            self.ruled_out = self.covered - self.present
        # Caches keyed by id(): patterns are plain data whose hash
        # walks the whole tree, which cost more than the matching itself.
        self._leaf_hits: dict[int, dict[int, list[Hit]]] = {}  # regex -> block -> hits
        self._block_hits: dict[tuple[int, int], list[Hit]] = {}  # (regex, block) -> hits
        self._may: dict[int, bool] = {}
        self._candidates: dict[int, frozenset[int] | None] = {}
        self._pattern_hits: dict[tuple[int, int], HitList] = {}

    def leaf_hits(self, regex: int, block: int) -> list[Hit]:
        """One expression's hits in one block.

        From the document-wide scan when there is one (triggers need every
        block); otherwise the block alone is scanned: a condition is only
        asked about the few blocks that hold a trigger.
        """
        scanned = self._leaf_hits.get(regex)
        if scanned is not None:
            return scanned.get(block, NO_HITS)
        if regex in self.ruled_out:
            return NO_HITS
        key = (regex, block)
        found = self._block_hits.get(key)
        if found is None:
            found = self._block_hits[key] = self.text.block_hits(self.regexes[regex], block)
        return found

    def leaf_occurs(self, regex: int) -> bool:
        """Does the expression have a hit in any block? One search where no scan is kept."""
        scanned = self._leaf_hits.get(regex)
        if scanned is not None:
            return bool(scanned)
        return regex not in self.ruled_out and self.text.occurs(self.regexes[regex])

    def _leaf(self, regex: int) -> dict[int, list[Hit]]:
        """The hits of one expression in every block: one scan per document."""
        found = self._leaf_hits.get(regex)
        if found is None:
            found = self._leaf_hits[regex] = self.text.hits(self.regexes[regex])
        return found

    def may_match(self, pattern: m.Pattern) -> bool:
        """A cheap first look: False when the pattern has no hit anywhere in the document.

        Expressions are searched for one match, not scanned for all, so a
        proximity pattern whose rarer side is absent costs one search.
        """
        key = id(pattern)
        known = self._may.get(key)
        if known is None:
            known = self._may[key] = self._may_match(pattern)
        return known

    def _may_match(self, pattern: m.Pattern) -> bool:
        if isinstance(pattern, m.Leaf):
            regex = pattern.regex
            if regex in self._leaf_hits:
                return bool(self._leaf_hits[regex])
            if regex in self.covered and regex not in self.ruled_out:
                return True
            return regex not in self.ruled_out and self.text.may_match(self.regexes[regex])
        if isinstance(pattern, m.AnyOf):
            return any(self.may_match(item) for item in pattern.items)
        if isinstance(pattern, m.Except):
            return self.may_match(pattern.base)
        if isinstance(pattern, m.Near):
            return self.may_match(pattern.left) and self.may_match(pattern.right)
        if isinstance(pattern, m.Statement):
            return self.may_match(pattern.anchor)
        return True  # link text: no cheaper test than looking

    def candidate_blocks(self, pattern: m.Pattern) -> frozenset[int] | None:
        """Blocks that may hold hits of the pattern; None when any block may."""
        key = id(pattern)
        if key in self._candidates:
            return self._candidates[key]
        found = self._candidates[key] = self._candidate_blocks(pattern)
        return found

    def _candidate_blocks(self, pattern: m.Pattern) -> frozenset[int] | None:
        if not self.may_match(pattern):
            return frozenset()
        if isinstance(pattern, m.Leaf):
            return frozenset(self._leaf(pattern.regex))
        if isinstance(pattern, m.AnyOf):
            blocks: set[int] = set()
            for item in pattern.items:
                more = self.candidate_blocks(item)
                if more is None:
                    return None
                blocks |= more
            return frozenset(blocks)
        if isinstance(pattern, m.Except):
            return self.candidate_blocks(pattern.base)
        if isinstance(pattern, m.Statement):
            return self.candidate_blocks(pattern.anchor)  # a hit is where its opening is
        if isinstance(pattern, m.Near):
            left = self.candidate_blocks(pattern.left)
            if left is not None and not left:
                return left
            if left is not None and len(left) * 2 <= len(self.blocks):
                # The other side is looked for only in these blocks: a common
                # word ("therapy", "disease") scanned through the whole page
                # costs a hit each time it occurs, near the rare side or not.
                return left
            right = self.candidate_blocks(pattern.right)
            if left is None or right is None:
                return left if right is None else right
            return left & right
        return None

    def anywhere(self, pattern: m.Pattern) -> bool:
        """Does the pattern occur in any block (of shared copy, see shapes.requirement_met)?"""
        candidates = self.candidate_blocks(pattern)
        blocks = range(len(self.blocks)) if candidates is None else sorted(candidates)
        return any(self.hit_list(pattern, b).hits for b in blocks)

    def hits(self, pattern: m.Pattern, block: int) -> list[Hit]:
        """A block's hits of ``pattern``, in order (a leaf's straight from its scan)."""
        if pattern.__class__ is m.Leaf:  # cached where it is scanned: no list to index
            return self.leaf_hits(pattern.regex, block)
        return self.hit_list(pattern, block).hits

    def hit_list(self, pattern: m.Pattern, block: int) -> HitList:
        """A block's hits of ``pattern``, indexed for overlap queries (worked out once)."""
        key = (id(pattern), block)
        found = self._pattern_hits.get(key)
        if found is None:
            if pattern.__class__ is m.Leaf:  # most lookups: no need to dispatch
                hits = self.leaf_hits(pattern.regex, block)
            else:
                hits = self._compute_hits(pattern, block)
            found = self._pattern_hits[key] = HitList(hits) if hits else NO_HIT_LIST
        return found

    def _compute_hits(self, pattern: m.Pattern, block: int) -> list[Hit]:
        if isinstance(pattern, m.Leaf):
            return self.leaf_hits(pattern.regex, block)
        if isinstance(pattern, m.LinkText):
            b = self.blocks[block]
            spans = set(b.links)
            if "://" in b.text or "www." in b.text.lower():  # what a bare URL starts with
                spans.update((mm.start(), mm.end()) for mm in _URL.finditer(b.text))
            return [Hit(block, s, e) for s, e in sorted(spans)]
        if isinstance(pattern, m.AnyOf):
            # An alternative whose candidate blocks are known (the trigger's
            # are, see candidate_blocks) is looked at only where it may match.
            known = self._candidates
            found = []
            for item in pattern.items:
                blocks = known.get(id(item))  # None: not worked out, or any block
                if blocks is not None and block not in blocks:
                    continue
                hits = self.hits(item, block)
                if hits:
                    found.append((item, hits))
            if not found:
                return NO_HITS
            if len(found) == 1 and found[0][0].__class__ is m.Leaf:
                return found[0][1]  # one scan's hits: in order, none repeated
            merged = {h for _, hits in found for h in hits}
            return sorted(merged, key=lambda h: (h.start, -h.end))
        if isinstance(pattern, m.Except):
            base = self.hits(pattern.base, block)
            if not base:
                return base
            excluded = self.hit_list(pattern.excluded, block)
            if not excluded.hits:
                return base
            return [h for h in base if not excluded.any_overlapping(h.start, h.end)]
        if isinstance(pattern, m.Near):
            return self._near(pattern, block)
        if isinstance(pattern, m.Statement):
            openings = self.hits(pattern.anchor, block)
            from linter.engine.statements import statement_hits  # only packs with notices

            return statement_hits(pattern, block, self.blocks, openings) if openings else NO_HITS
        raise TypeError(f"unknown pattern {pattern!r}")

    def _near(self, pattern: m.Near, block: int) -> list[Hit]:
        # Either side known not to match in this block (its candidate blocks
        # worked out already) settles it before any hit of the other is found.
        known = self._candidates
        for side in (pattern.right, pattern.left):
            blocks = known.get(id(side))
            if blocks is not None and block not in blocks:
                return []
        left = self.hits(pattern.left, block)
        if not left:
            return []
        right = self.hit_list(pattern.right, block)
        text = self.blocks[block].text
        reach = CHARS_PER_WORD * (pattern.distance + 1)
        most = pattern.distance + 1  # any count above the distance is as good as another
        out: list[Hit] = []
        for a in left:
            best: tuple[int, Hit] | None = None
            for b in right.overlapping(a.start - reach, a.end + reach):
                if b.start >= a.end:
                    if pattern.direction == "after" or _ends_sentence(text, a.end, b.start):
                        continue
                    gap = _words(text, a.end, b.start, most)
                elif b.end <= a.start:
                    if pattern.direction == "before" or _ends_sentence(text, b.end, a.start):
                        continue
                    gap = _words(text, b.end, a.start, most)
                else:
                    gap = 0
                # The nearest; on a tie the one after, which reads on from the
                # left side ("offer stem cell therapy": "stem cell therapy").
                if gap <= pattern.distance and (
                    best is None or gap < best[0] or (gap == best[0] and b.start >= a.end)
                ):
                    best = (gap, b)
            if best is not None:
                b = best[1]
                out.append(
                    Hit(block, min(a.start, b.start), max(a.end, b.end), a.groups + b.groups)
                )
        if len(out) < 2:
            return out
        return sorted(set(out), key=lambda h: (h.start, -h.end))


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Does a sentence end between ``start`` and ``end`` (the next one starting by ``end``)?

    A period after an abbreviation ("Dr. Davis", "the U.S. Food and Drug
    Administration") ends none, as the sentence splitter judges it.
    """
    stop = min(len(text), end + 2)
    found = _SENTENCE_END.search(text, start, stop)
    while found is not None and found.end() <= end:
        if text[found.start()] != "." or not abbreviation_before(text, found.start()):
            return True
        found = _SENTENCE_END.search(text, found.end(), stop)
    return False


def _words(text: str, start: int, end: int, most: int) -> int:
    """How many words stand in ``text[start:end]``, counting no further than ``most``."""
    return sum(1 for _ in islice(_WORD.finditer(text, start, end), most))
