"""Whether a rule's conditions hold at a hit: scopes, negation, quotation.

A condition is asked about trigger hits only, and each scope answers from
the cheapest evidence first (a block without any hit of the pattern needs
no sentence split).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from linter.documents.model import Block
from linter.engine.hits import Region
from linter.engine.patterns import CHARS_PER_WORD, PatternHits
from linter.engine.structure import Structure
from linter.matching.text import Hit
from linter.policy import model as m

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

    from linter.engine.negation import ClauseMap, Evidence

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_NEAR_CHARS_PER_WORD = 10  # a first, shorter look back: most words are shorter


class Conditions:
    """Evaluates conditions for one document, remembering answers that whole scopes share."""

    def __init__(self, blocks: list[Block], structure: Structure, patterns: PatternHits) -> None:
        self.blocks = blocks
        self.structure = structure
        self.patterns = patterns
        self._wide_has: dict[tuple, bool] = {}  # see _wide_scope
        self._evidence: dict[tuple, Evidence | None] = {}  # see evidence
        self._clause_maps: dict[tuple[int, int], ClauseMap] = {}  # (block, sentence) -> clauses
        self._item_leads: dict[int, int] = {}  # paragraph -> the lead-in of its run (listed)
        # The heuristics' modules, imported when first needed: a page whose rules
        # never reach a condition about the sentence need not compile their
        # expressions (start-up budget), and an import statement in the loop costs.
        self._negation: Any = None
        self._contexts: Any = None

    def holds(self, cond: m.Condition, hit: Hit, rule_scope: str) -> bool:
        """Does ``cond`` hold at ``hit`` (``rule_scope``: what a bare pattern looks in)?"""
        kind = cond.__class__
        if kind is m.Has:
            wide = self._wide_scope(cond.scope, hit, rule_scope)  # type: ignore[union-attr]
            if wide is None:
                return self._has(cond, hit, rule_scope)  # type: ignore[arg-type]
            key = (wide, id(cond))
            found = self._wide_has.get(key)
            if found is None:
                found = self._wide_has[key] = self._has(cond, hit, rule_scope)  # type: ignore[arg-type]
            return found
        if kind is m.Any:  # loops, not any()/all(): a generator costs more here
            for item in cond.items:  # type: ignore[union-attr]  # noqa: SIM110
                if self.holds(item, hit, rule_scope):
                    return True
            return False
        if kind is m.All:
            for item in cond.items:  # type: ignore[union-attr]  # noqa: SIM110
                if not self.holds(item, hit, rule_scope):
                    return False
            return True
        if kind is m.Not:
            return not self.holds(cond.item, hit, rule_scope)  # type: ignore[union-attr]
        if kind is m.Negated or kind is m.Quoted or kind is m.Context:
            return self.evidence(cond, hit) is not None  # type: ignore[arg-type]
        raise TypeError(f"unknown condition {cond!r}")

    def evidence(self, cond: m.Negated | m.Quoted | m.Context, hit: Hit) -> Evidence | None:
        """Why a condition about the match's own sentence holds at ``hit`` (None: it does not).

        Kept per hit and condition kind: ``unless negated`` is asked again by
        a rule's downgrades, and ``healthlint why`` shows the same evidence.
        """
        kind = cond.__class__
        # The class (and a context's kind) is the condition: no hash of a plain-data object.
        key = (hit.block, hit.start, hit.end, cond.kind if kind is m.Context else kind)  # type: ignore[union-attr]
        if key in self._evidence:
            return self._evidence[key]
        text = self.blocks[hit.block].text
        floor, ceiling = self.structure.sentence_at(hit.block, hit.start)
        negation = self._negation
        if negation is None:
            from linter.engine import negation

            self._negation = negation
        found: Evidence | None
        if kind is m.Negated:
            found = negation.negation(
                text, floor, hit.start, hit.end, ceiling, self._clause_source(hit, floor, ceiling)
            )
        elif kind is m.Quoted:
            found = negation.quotation(text, floor, hit.start, hit.end, ceiling)
        else:
            found = self._context(cond.kind, hit, text, floor, ceiling)  # type: ignore[union-attr]
        self._evidence[key] = found
        return found

    def _clauses(self, hit: Hit, floor: int, ceiling: int) -> ClauseMap:
        """The clause map of the hit's sentence, made once for every match in it."""
        key = (hit.block, floor)
        found = self._clause_maps.get(key)
        if found is None:
            text = self.blocks[hit.block].text
            found = self._clause_maps[key] = self._negation.ClauseMap(text, floor, ceiling)
        return found

    def _clause_source(
        self, hit: Hit, floor: int, ceiling: int
    ) -> ClauseMap | Callable[[], ClauseMap]:
        """The sentence's clause map if made already, else what makes it when first needed:
        most matches have no negation or supposition before them and need none."""
        found = self._clause_maps.get((hit.block, floor))
        return found if found is not None else lambda: self._clauses(hit, floor, ceiling)

    def _context(self, kind: str, hit: Hit, text: str, floor: int, ceiling: int) -> Evidence | None:
        contexts = self._contexts
        if contexts is None:
            from linter.engine import contexts

            self._contexts = contexts
        heading = self.blocks[hit.block].kind == "heading"
        if kind == "heading":
            return self._negation.Evidence("in a heading", 0) if heading else None
        if kind == "listed":
            return contexts.listed(
                self.blocks,
                hit.block,
                floor,
                hit.start,
                ceiling,
                self.structure.sentence_text,
                self._item_leads,
            )
        if kind == "question":
            after = hit.block + 1  # an FAQ's answer; a heading answers nothing
            answer = (
                self.blocks[after].text
                if after < len(self.blocks) and self.blocks[after].kind != "heading"
                else ""
            )
            return contexts.question(text, floor, hit.start, ceiling, heading, answer)
        if kind == "reported":
            found = contexts.reported(text, floor, hit.start, hit.end)
            if found is None:
                heading = self.structure.heading_of(hit.block)
                if heading is not None:
                    found = contexts.warned_section(self.blocks[heading].text, text[floor:ceiling])
            return found
        if kind == "hypothetical":
            clauses = self._clause_source(hit, floor, ceiling)
            return contexts.hypothetical(text, floor, hit.start, ceiling, clauses, hit.end)
        return contexts.disclaimer(text, floor, ceiling)

    def _wide_scope(self, scope: m.Scope, hit: Hit, rule_scope: str) -> tuple | None:
        """A key for scopes that are the same for every hit in a block, section or document.

        ``document has @disclosure`` asked for each of 40 triggers would scan
        every block 40 times; its answer is remembered under this key instead.
        """
        kind = rule_scope if scope.kind == "rule" else scope.kind
        if kind == "document":
            return ("document",)
        if kind == "section":
            return ("section", self.structure.section_of[hit.block])
        if kind == "paragraph":
            return ("block", hit.block)
        if kind == "opening":
            return ("opening", scope.n)
        return None

    def _has(self, cond: m.Has, hit: Hit, rule_scope: str) -> bool:
        """Does the condition's pattern occur in its scope around ``hit``?"""
        kind = rule_scope if cond.scope.kind == "rule" else cond.scope.kind
        pattern = cond.pattern
        # Cheap answers first: a block without a hit needs no sentence split,
        # and no word window reaches past CHARS_PER_WORD characters a word.
        if kind == "sentence":
            found = self.patterns.hit_list(pattern, hit.block)
            if not found.hits:
                return False
            s, e = self.structure.sentence_at(hit.block, hit.start)
            return found.any_overlapping(s, e)
        if kind == "match":
            return self.patterns.hit_list(pattern, hit.block).any_overlapping(hit.start, hit.end)
        if kind == "opening":
            from linter.engine.placement import in_opening  # only the packs that place notices

            return in_opening(self.blocks, self.patterns, pattern, cond.scope.n)
        if kind == "words":
            found = self.patterns.hit_list(pattern, hit.block)
            reach = CHARS_PER_WORD * (cond.scope.n + 1)
            if not found.any_overlapping(hit.start - reach, hit.end + reach):
                return False
            region = self.word_window(hit, cond.scope.n)
            return found.any_overlapping(region.start, region.end)
        if kind in ("sentences", "next_sentence", "previous_sentence"):
            # A window of n sentences reaches at most n blocks either way.
            n = max(cond.scope.n, 1)
            near = range(max(hit.block - n, 0), min(hit.block + n + 1, len(self.blocks)))
            if not any(self.patterns.hit_list(pattern, b).hits for b in near):
                return False
        if kind in ("document", "section"):
            # Whole blocks: any hit in a block will do, and only blocks that
            # may hold one are looked at.
            if kind == "document":
                if pattern.__class__ is m.Leaf:  # one search, not a scan of the page
                    return self.patterns.leaf_occurs(pattern.regex)
                blocks: Iterable[int] = range(len(self.blocks))
            else:
                blocks = self.structure.section_blocks[self.structure.section_of[hit.block]]
            candidates = self.patterns.candidate_blocks(pattern)
            if candidates is not None:
                blocks = [b for b in blocks if b in candidates]
            return any(self.patterns.hit_list(pattern, b).hits for b in blocks)
        return any(self._region_has(r, pattern) for r in self.regions(cond.scope, kind, hit))

    def _region_has(self, region: Region, pattern: m.Pattern) -> bool:
        return self.patterns.hit_list(pattern, region.block).any_overlapping(
            region.start, region.end
        )

    def _whole(self, block: int) -> Region:
        return Region(block, 0, len(self.blocks[block].text))

    def regions(self, scope: m.Scope, kind: str, hit: Hit) -> Iterator[Region]:
        """The regions of the scopes ``_has`` does not answer directly."""
        if kind in ("paragraph", "field") and (
            kind == "paragraph" or self.blocks[hit.block].kind == "field"
        ):
            yield self._whole(hit.block)
        elif kind == "heading":
            own = self.blocks[hit.block].kind == "heading"
            heading = hit.block if own else self.structure.heading_of(hit.block)
            if heading is not None:
                yield self._whole(heading)
        elif kind in ("next_sentence", "previous_sentence", "sentences"):
            block, index = hit.block, self.structure.sentence_index(hit.block, hit.start)
            if kind == "next_sentence":
                yield from self.structure.sentence_steps(block, index, 1)
            elif kind == "previous_sentence":
                yield from self.structure.sentence_steps(block, index, -1)
            elif scope.n >= 0:
                before = list(self.structure.sentence_steps(block, index, -scope.n))
                yield from reversed(before)
                s, e = self.structure.sentences(block)[index]
                yield Region(block, s, e)
                yield from self.structure.sentence_steps(block, index, scope.n)

    def word_window(self, hit: Hit, n: int) -> Region:
        """From ``n`` words before the hit to ``n`` words after it.

        Words are counted within ``CHARS_PER_WORD`` characters a word. The
        count back first tries a short stretch: when that holds more than
        ``n`` words, its last ``n`` are the same as those of the full reach
        (only the first word of a stretch can be cut short).
        """
        text = self.blocks[hit.block].text
        reach = CHARS_PER_WORD * (n + 1)
        floor = max(0, hit.start - reach)
        start = hit.start
        if n:
            near = max(floor, hit.start - _NEAR_CHARS_PER_WORD * (n + 1))
            before = [mm.start() for mm in _WORD.finditer(text, near, hit.start)]
            if len(before) <= n and near > floor:
                before = [mm.start() for mm in _WORD.finditer(text, floor, hit.start)]
            if before:
                start = before[-n] if len(before) >= n else before[0]
        after = [mm.end() for mm in islice(_WORD.finditer(text, hit.end, hit.end + reach), n)]
        end = after[-1] if after else hit.end
        return Region(hit.block, start, end)
