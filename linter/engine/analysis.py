"""Applying compiled rules to a Document: scopes, distances, qualifiers.

The engine knows nothing of markup or YAML. It sees blocks of prose (from a
reader), splits them into sentences only where a rule needs to look, finds
pattern matches with the policy's regexes (each expression scans the whole
document once, see linter.matching.text), judges every match against the rule's
conditions and turns the survivors into Findings.

Most rules find nothing in most documents, so the work is ordered to stop
early: one prefilter pass says which trigger expressions occur at all; a
rule whose trigger cannot match is skipped, and the others look only at the
blocks that hold a trigger. Conditions are evaluated for trigger hits only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import namedtuple
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from linter.common.plaindata import PlainData
from linter.documents.model import Block, Document
from linter.documents.sentences import split_sentences
from linter.engine.negation import is_negated, is_quoted
from linter.engine.triggers import triggers
from linter.matching.text import DocumentText, Hit
from linter.policy import model as m
from linter.policy.messages import render
from linter.results.findings import Finding

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_URL = re.compile(r"\bhttps?://[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+", re.I)
_SPACE_RUN = re.compile(r"\s+")
# Proximity looks this many characters per word of distance for candidates.
_CHARS_PER_WORD = 40
_NEAR_CHARS_PER_WORD = 10  # a first, shorter look back: most words are shorter
_GROUP_SCOPES = {"paragraph", "section", "document", "heading", "field"}


_NO_HITS: list[Hit] = []


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


_NO_HIT_LIST = HitList(_NO_HITS)


class _Sections(namedtuple("_Sections", ("of", "blocks", "heading"))):
    """Block -> its section; section -> its blocks; section -> its heading block (or None)."""

    __slots__ = ()


class Region(namedtuple("Region", ("block", "start", "end"))):
    """A stretch of one block's text that a condition looks at (ints: block, start, end)."""

    __slots__ = ()


class Analysis:
    """One document prepared for rule evaluation; everything computed lazily."""

    def __init__(self, doc: Document, policy: m.Policy) -> None:
        self.doc = doc
        self.blocks = doc.blocks
        self.regexes = policy.regexes
        self.text = DocumentText([b.text for b in doc.blocks])
        self.triggers = tr = triggers(policy)
        # Trigger expressions that occur, or that the prefilter cannot rule out;
        # and those it rules out, which no scan need look for.
        found = self.text.prefilter(tr.sources)
        if found is None:
            self.present, self.ruled_out = set(tr.regexes), frozenset()
        else:
            self.present = {tr.regexes[i] for i in found}
            self.present.update(r for r in tr.regexes if r not in tr.covered)
            self.ruled_out = tr.covered - self.present
        # Caches keyed by id(): patterns are plain data whose hash
        # walks the whole tree, which cost more than the matching itself.
        self._leaf_hits: dict[int, dict[int, list[Hit]]] = {}  # regex -> block -> hits
        self._block_hits: dict[tuple[int, int], list[Hit]] = {}  # (regex, block) -> hits
        self._may: dict[int, bool] = {}
        self._candidates: dict[int, frozenset[int] | None] = {}
        self._pattern_hits: dict[tuple[int, int], HitList] = {}
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._sentence_starts: dict[int, list[int]] = {}
        self._wide_has: dict[tuple, bool] = {}  # see _wide_scope
        self._sections: _Sections | None = None

    # --- structure ------------------------------------------------------

    @property
    def section_of(self) -> list[int]:
        """The section (0 before the first heading) of each block."""
        return self._index_sections().of

    @property
    def section_blocks(self) -> list[list[int]]:
        return self._index_sections().blocks

    @property
    def heading_of_section(self) -> list[int | None]:
        return self._index_sections().heading

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
        spans = self._sentences.get(block)
        if spans is None:
            spans = split_sentences(self.blocks[block].text) or [(0, len(self.blocks[block].text))]
            self._sentences[block] = spans
        return spans

    def _sentence_index(self, block: int, offset: int) -> int:
        starts = self._sentence_starts.get(block)
        if starts is None:
            starts = self._sentence_starts[block] = [s for s, _ in self.sentences(block)]
        return max(bisect_right(starts, offset) - 1, 0)

    def sentence_at(self, block: int, offset: int) -> tuple[int, int]:
        return self.sentences(block)[self._sentence_index(block, offset)]

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
        distance = self._sentence_index(b.block, b.start) - self._sentence_index(a.block, a.start)
        for block in range(a.block, b.block):
            distance += len(self.sentences(block))
        return distance > limit

    # --- patterns -------------------------------------------------------

    def leaf_hits(self, regex: int, block: int) -> list[Hit]:
        """One expression's hits in one block.

        From the document-wide scan when there is one (triggers need every
        block); otherwise the block alone is scanned: a condition is only
        asked about the few blocks that hold a trigger.
        """
        scanned = self._leaf_hits.get(regex)
        if scanned is not None:
            return scanned.get(block, _NO_HITS)
        if regex in self.ruled_out:
            return _NO_HITS
        key = (regex, block)
        found = self._block_hits.get(key)
        if found is None:
            found = self._block_hits[key] = self.text.block_hits(self.regexes[regex], block)
        return found

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
            if regex in self.triggers.covered and regex not in self.ruled_out:
                return True
            return regex not in self.ruled_out and self.text.may_match(self.regexes[regex])
        if isinstance(pattern, m.AnyOf):
            return any(self.may_match(item) for item in pattern.items)
        if isinstance(pattern, m.Except):
            return self.may_match(pattern.base)
        if isinstance(pattern, m.Near):
            return self.may_match(pattern.left) and self.may_match(pattern.right)
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

    def hits(self, pattern: m.Pattern, block: int) -> list[Hit]:
        if pattern.__class__ is m.Leaf:  # cached where it is scanned: no list to index
            return self.leaf_hits(pattern.regex, block)  # type: ignore[union-attr]
        return self.hit_list(pattern, block).hits

    def hit_list(self, pattern: m.Pattern, block: int) -> HitList:
        key = (id(pattern), block)
        found = self._pattern_hits.get(key)
        if found is None:
            if pattern.__class__ is m.Leaf:  # most lookups: no need to dispatch
                hits = self.leaf_hits(pattern.regex, block)  # type: ignore[union-attr]
            else:
                hits = self._compute_hits(pattern, block)
            found = self._pattern_hits[key] = HitList(hits) if hits else _NO_HIT_LIST
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
            found = [(item, hits) for item in pattern.items if (hits := self.hits(item, block))]
            if not found:
                return _NO_HITS
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
        raise TypeError(f"unknown pattern {pattern!r}")

    def _near(self, pattern: m.Near, block: int) -> list[Hit]:
        left = self.hits(pattern.left, block)
        if not left:
            return []
        right = self.hit_list(pattern.right, block)
        text = self.blocks[block].text
        reach = _CHARS_PER_WORD * (pattern.distance + 1)
        most = pattern.distance + 1  # any count above the distance is as good as another
        out: list[Hit] = []
        for a in left:
            best: tuple[int, Hit] | None = None
            for b in right.overlapping(a.start - reach, a.end + reach):
                if b.start >= a.end:
                    if pattern.direction == "after":
                        continue
                    gap = _words(text, a.end, b.start, most)
                elif b.end <= a.start:
                    if pattern.direction == "before":
                        continue
                    gap = _words(text, b.end, a.start, most)
                else:
                    gap = 0
                if gap <= pattern.distance and (best is None or gap < best[0]):
                    best = (gap, b)
            if best is not None:
                b = best[1]
                out.append(
                    Hit(block, min(a.start, b.start), max(a.end, b.end), a.groups + b.groups)
                )
        return sorted(set(out), key=lambda h: (h.start, -h.end))

    # --- conditions -----------------------------------------------------

    def holds(self, cond: m.Condition, hit: Hit, rule_scope: str) -> bool:
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
        if kind is m.Negated:
            floor, _ = self.sentence_at(hit.block, hit.start)
            return is_negated(self.blocks[hit.block].text, floor, hit.start)
        if kind is m.Quoted:
            floor, _ = self.sentence_at(hit.block, hit.start)
            return is_quoted(self.blocks[hit.block].text, floor, hit.start, hit.end)
        raise TypeError(f"unknown condition {cond!r}")

    def _wide_scope(self, scope: m.Scope, hit: Hit, rule_scope: str) -> tuple | None:
        """A key for scopes that are the same for every hit in a block, section or document.

        ``document has @disclosure`` asked for each of 40 triggers would scan
        every block 40 times; its answer is remembered under this key instead.
        """
        kind = rule_scope if scope.kind == "rule" else scope.kind
        if kind == "document":
            return ("document",)
        if kind == "section":
            return ("section", self.section_of[hit.block])
        if kind == "paragraph":
            return ("block", hit.block)
        return None

    def _has(self, cond: m.Has, hit: Hit, rule_scope: str) -> bool:
        """Does the condition's pattern occur in its scope around ``hit``?"""
        kind = rule_scope if cond.scope.kind == "rule" else cond.scope.kind
        pattern = cond.pattern
        # Cheap answers first: a block without a hit needs no sentence split,
        # and no word window reaches past _CHARS_PER_WORD characters a word.
        if kind == "sentence":
            found = self.hit_list(pattern, hit.block)
            if not found.hits:
                return False
            s, e = self.sentence_at(hit.block, hit.start)
            return found.any_overlapping(s, e)
        if kind == "match":
            return self.hit_list(pattern, hit.block).any_overlapping(hit.start, hit.end)
        if kind == "words":
            found = self.hit_list(pattern, hit.block)
            reach = _CHARS_PER_WORD * (cond.scope.n + 1)
            if not found.any_overlapping(hit.start - reach, hit.end + reach):
                return False
            region = self._word_window(hit, cond.scope.n)
            return found.any_overlapping(region.start, region.end)
        if kind in ("sentences", "next_sentence", "previous_sentence"):
            # A window of n sentences reaches at most n blocks either way.
            n = max(cond.scope.n, 1)
            near = range(max(hit.block - n, 0), min(hit.block + n + 1, len(self.blocks)))
            if not any(self.hit_list(pattern, b).hits for b in near):
                return False
        if kind in ("document", "section"):
            # Whole blocks: any hit in a block will do, and only blocks that
            # may hold one are looked at.
            if kind == "document":
                blocks: Iterable[int] = range(len(self.blocks))
            else:
                blocks = self.section_blocks[self.section_of[hit.block]]
            candidates = self.candidate_blocks(pattern)
            if candidates is not None:
                blocks = [b for b in blocks if b in candidates]
            return any(self.hit_list(pattern, b).hits for b in blocks)
        return any(self._region_has(r, pattern) for r in self.regions(cond.scope, kind, hit))

    def anywhere(self, pattern: m.Pattern) -> bool:
        """Does the pattern occur in any block (of shared copy, see _requirement_met)?"""
        candidates = self.candidate_blocks(pattern)
        blocks = range(len(self.blocks)) if candidates is None else sorted(candidates)
        return any(self.hit_list(pattern, b).hits for b in blocks)

    def _region_has(self, region: Region, pattern: m.Pattern) -> bool:
        return self.hit_list(pattern, region.block).any_overlapping(region.start, region.end)

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
            heading = hit.block if own else self.heading_of_section[self.section_of[hit.block]]
            if heading is not None:
                yield self._whole(heading)
        elif kind in ("next_sentence", "previous_sentence", "sentences"):
            block, index = hit.block, self._sentence_index(hit.block, hit.start)
            if kind == "next_sentence":
                yield from self.sentence_steps(block, index, 1)
            elif kind == "previous_sentence":
                yield from self.sentence_steps(block, index, -1)
            elif scope.n >= 0:
                before = list(self.sentence_steps(block, index, -scope.n))
                yield from reversed(before)
                s, e = self.sentences(block)[index]
                yield Region(block, s, e)
                yield from self.sentence_steps(block, index, scope.n)

    def _word_window(self, hit: Hit, n: int) -> Region:
        """From ``n`` words before the hit to ``n`` words after it.

        Words are counted within ``_CHARS_PER_WORD`` characters a word. The
        count back first tries a short stretch: when that holds more than
        ``n`` words, its last ``n`` are the same as those of the full reach
        (only the first word of a stretch can be cut short).
        """
        text = self.blocks[hit.block].text
        reach = _CHARS_PER_WORD * (n + 1)
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


def _words(text: str, start: int, end: int, most: int) -> int:
    """How many words stand in ``text[start:end]``, counting no further than ``most``."""
    return sum(1 for _ in islice(_WORD.finditer(text, start, end), most))


# --- rules -----------------------------------------------------------------


def _blocks_for(rule: m.Rule, analysis: Analysis) -> list[int]:
    blocks = analysis.blocks
    if rule.scope == "heading":
        return [i for i, b in enumerate(blocks) if b.kind == "heading"]
    if rule.scope == "field":
        return [i for i, b in enumerate(blocks) if b.kind == "field"]
    return list(range(len(blocks)))


def _qualified_hits(rule: m.Rule, analysis: Analysis, blocks: list[int]) -> Iterator[Hit]:
    candidates = analysis.candidate_blocks(rule.pattern)
    holds, where, unless, scope = analysis.holds, rule.where, rule.unless, rule.scope
    for b in blocks:
        if candidates is not None and b not in candidates:
            continue
        # Loops, not all()/any() over generators: this runs for every trigger hit.
        for hit in analysis.hits(rule.pattern, b):
            for cond in where:
                if not holds(cond, hit, scope):
                    break
            else:
                for cond in unless:
                    if holds(cond, hit, scope):
                        break
                else:
                    yield hit


def _may_qualify(rule: m.Rule, analysis: Analysis) -> bool:
    """False when a ``where`` condition cannot hold anywhere in the document.

    ``has`` needs its pattern somewhere in the document, whatever the scope,
    so one search can rule out every trigger hit at once ("within 2
    sentences has @treatment_offer" in a page that offers nothing).
    """
    if not rule.where:  # most rules: no generators to start for every page
        return True
    return all(analysis.may_match(p) for c in rule.where for p in _needed_patterns(c))


def _needed_patterns(cond: m.Condition) -> Iterator[m.Pattern]:
    """Patterns that must occur in the document for ``cond`` to hold."""
    if isinstance(cond, m.Has):
        yield cond.pattern
    elif isinstance(cond, m.All):
        for item in cond.items:
            yield from _needed_patterns(item)


def _severity(rule: m.Rule, analysis: Analysis, hit: Hit) -> str:
    for down in rule.downgrades:
        if analysis.holds(down.condition, hit, rule.scope):
            return down.severity
    return rule.severity


def _forbid(rule: m.Rule, analysis: Analysis) -> Iterator[tuple[Hit, str, int]]:
    """One finding per claim: a hit overlapping the one just reported is the same claim.

    Alternatives and proximity patterns can match one stretch of text twice
    ("repairing or rebuilding damaged" and "rebuilding damaged"); hits come
    in source order, longest first, so the first of an overlapping run wins.
    """
    last: Hit | None = None
    for hit in _qualified_hits(rule, analysis, _blocks_for(rule, analysis)):
        if last is not None and last.block == hit.block and hit.start < last.end:
            continue
        last = hit
        yield hit, _severity(rule, analysis, hit), 1


def _groups(rule: m.Rule, analysis: Analysis) -> list[list[int]]:
    """The units a require rule checks separately: one finding per unit at most."""
    if rule.scope == "section":
        return [blocks for blocks in analysis.section_blocks if blocks]
    if rule.scope in ("paragraph", "heading", "field", "sentence"):
        return [[b] for b in _blocks_for(rule, analysis)]
    return [list(range(len(analysis.blocks)))]


_RANK = {"sentence": 0, "heading": 1, "field": 1, "paragraph": 1, "section": 2, "document": 3}


class _Locality(PlainData):
    """How far one require finding reaches: triggers inside share it."""

    __slots__ = ("sentences", "unit")

    def __init__(
        self,
        sentences: int | None = None,  # sentence distance, for local requirements
        unit: str | None = None,  # "paragraph" or "section" when narrower than the rule
    ) -> None:
        self.sentences = sentences
        self.unit = unit


def _locality(cond: m.Condition | None, rule_scope: str) -> _Locality:
    windows: list[int] = []
    units: list[str] = []

    def walk(c: m.Condition) -> None:
        if isinstance(c, m.Has):
            kind = rule_scope if c.scope.kind == "rule" else c.scope.kind
            if kind == "sentences":
                windows.append(max(c.scope.n, 1))
            elif kind in ("paragraph", "section"):
                if _RANK[kind] < _RANK.get(rule_scope, 3):
                    units.append(kind)
            elif kind not in _GROUP_SCOPES:
                windows.append(1)
        elif isinstance(c, m.Not):
            walk(c.item)
        elif isinstance(c, (m.All, m.Any)):
            for item in c.items:
                walk(item)

    if cond is not None:
        walk(cond)
    unit = "section" if "section" in units else ("paragraph" if units else None)
    return _Locality(max(windows) if windows else None, unit)


def _requirement_met(
    cond: m.Condition, hit: Hit, rule_scope: str, analysis: Analysis, shared: Analysis | None
) -> bool:
    """Does a require rule's requirement hold for ``hit``, shared copy counted in?

    Shared copy (the ``shared-copy`` setting: a footer, a disclaimer
    component) is part of every page the document is assembled into, so a
    requirement on the whole document is met when the shared copy meets it.
    Requirements nearer the claim (its sentence, section, the next three
    sentences) are not: the footer is on the page, not next to the claim.
    """
    if shared is None:
        return analysis.holds(cond, hit, rule_scope)
    kind = cond.__class__
    if kind is m.Any:
        return any(_requirement_met(c, hit, rule_scope, analysis, shared) for c in cond.items)  # type: ignore[union-attr]
    if kind is m.All:
        return all(_requirement_met(c, hit, rule_scope, analysis, shared) for c in cond.items)  # type: ignore[union-attr]
    if kind is m.Not:
        return not _requirement_met(cond.item, hit, rule_scope, analysis, shared)  # type: ignore[union-attr]
    if kind is m.Has:
        scope = rule_scope if cond.scope.kind == "rule" else cond.scope.kind  # type: ignore[union-attr]
        if scope == "document" and shared.anywhere(cond.pattern):  # type: ignore[union-attr]
            return True
    return analysis.holds(cond, hit, rule_scope)


def _require(
    rule: m.Rule, analysis: Analysis, shared: Analysis | None = None
) -> Iterator[tuple[Hit, str, int]]:
    """One finding per unit (or per cluster of nearby triggers) lacking the disclosure."""
    reach = _locality(rule.requirement, rule.scope)
    local = reach.sentences is not None or reach.unit is not None

    def unit_of(hit: Hit) -> int:
        return analysis.section_of[hit.block] if reach.unit == "section" else hit.block

    for group in _groups(rule, analysis):
        cluster: list[Hit] = []
        last: Hit | None = None
        for hit in _qualified_hits(rule, analysis, group):
            satisfied = rule.requirement is not None and _requirement_met(
                rule.requirement, hit, rule.scope, analysis, shared
            )
            if not local:
                if satisfied:
                    cluster = []
                    break
                cluster.append(hit)
                continue
            far = last is not None and (
                (reach.unit is not None and unit_of(hit) != unit_of(last))
                or (
                    reach.sentences is not None
                    and analysis.sentences_apart(last, hit, reach.sentences)
                )
            )
            if cluster and (satisfied or far):
                yield cluster[0], _severity(rule, analysis, cluster[0]), len(cluster)
                cluster = []
            if not satisfied:
                cluster.append(hit)
            last = hit
        if cluster:
            yield cluster[0], _severity(rule, analysis, cluster[0]), len(cluster)


def _finding(rule: m.Rule, analysis: Analysis, hit: Hit, severity: str, count: int) -> Finding:
    doc = analysis.doc
    block: Block = analysis.blocks[hit.block]
    start, end = block.source_span(hit.start, hit.end)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    match = _SPACE_RUN.sub(" ", doc.source[start:end]).strip()
    s, e = analysis.sentence_at(hit.block, hit.start)
    sentence = block.text[s:e]
    context = {
        "match": match,
        "text": block.text[hit.start : hit.end],
        "sentence": sentence,
        "rule": rule.id,
        "severity": severity,
        "count": count,
        "groups": dict(hit.groups),
    }
    return Finding(
        path=doc.path,
        rule=rule.id,
        severity=severity,
        message=render(rule.message, context),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        match=match,
        references=rule.references,
        sentence=sentence,
    )


def lint_document(doc: Document, policy: m.Policy, shared: Document | None = None) -> list[Finding]:
    """All findings of every rule of ``policy`` on ``doc``, in source order."""
    return lint_documents([doc], policy, shared)[0]


def lint_documents(
    docs: Sequence[Document], policy: m.Policy, shared: Document | None = None
) -> list[list[Finding]]:
    """The findings of each document, as lint_document gives them, worked out rule by rule.

    A site-wide run spends much of its time waiting on memory: each rule's
    expressions have RE2 state tables of their own, and a document linted
    whole passes through all of them, so the tables one document warms are
    cold again by the next. Preparing a batch of documents (their text and
    the prefilter pass) and then applying each rule to all of them in turn
    keeps one rule's tables and code in the CPU caches (a third fewer cache
    misses on the corpus, measured with cachegrind). Nothing one document
    computes is seen by another.

    ``shared`` is copy present on every page the documents are part of
    (``shared-copy``): it can meet a require rule's requirement (see
    _requirement_met) and is never reported on.
    """
    analyses = [Analysis(doc, policy) for doc in docs]
    common = Analysis(shared, policy) if shared is not None and shared.blocks else None
    found: list[list[Finding]] = [[] for _ in docs]
    if not analyses:
        return found
    for rule, possible in zip(policy.rules, analyses[0].triggers.possible, strict=True):
        require = rule.shape == "require"
        for analysis, findings in zip(analyses, found, strict=True):
            if not possible(analysis.present) or not _may_qualify(rule, analysis):
                continue
            produced = _require(rule, analysis, common) if require else _forbid(rule, analysis)
            for hit, severity, count in produced:
                findings.append(_finding(rule, analysis, hit, severity, count))
    for findings in found:
        findings.sort(key=Finding.sort_key)
    return found
