"""Applying compiled rules to a Document: scopes, distances, qualifiers.

The engine knows nothing of markup or YAML. It sees blocks of prose (from a
reader), splits them into sentences only where a rule needs to look, finds
pattern matches with the policy's regexes (each expression runs once per
block), judges every match against the rule's conditions and turns the
survivors into Findings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from .documents.model import Block, Document
from .findings import Finding
from .negation import is_negated, is_quoted
from .policy import model as m
from .policy.messages import render
from .policy.regexes import compiled
from .sentences import split_sentences

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_URL = re.compile(r"\bhttps?://[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+", re.I)
_SPACE_RUN = re.compile(r"\s+")
# Proximity looks this many characters per word of distance for candidates.
_CHARS_PER_WORD = 40
_GROUP_SCOPES = {"paragraph", "section", "document", "heading", "field"}


@dataclass(slots=True, frozen=True)
class Hit:
    """A pattern match: a span of one block's text."""

    block: int
    start: int
    end: int
    groups: tuple[tuple[str, str], ...] = ()


class HitList:
    """A block's hits for one pattern, sorted by start, indexed for overlap queries."""

    __slots__ = ("hits", "longest", "starts")

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.starts = [h.start for h in hits]
        self.longest = max((h.end - h.start for h in hits), default=0)

    def overlapping(self, start: int, end: int) -> Iterator[Hit]:
        """Hits that overlap ``[start, end)``, without scanning the whole list."""
        end = max(end, start + 1)  # an empty query asks about one point
        i = bisect_left(self.starts, start - self.longest)
        for hit in self.hits[i : bisect_left(self.starts, end)]:
            if hit.end > start:
                yield hit


@dataclass(slots=True, frozen=True)
class Region:
    block: int
    start: int
    end: int


class Analysis:
    """One document prepared for rule evaluation; everything computed lazily."""

    def __init__(self, doc: Document, policy: m.Policy) -> None:
        self.doc = doc
        self.blocks = doc.blocks
        self.regexes = policy.regexes
        self._leaf_hits: dict[tuple[int, int], list[Hit]] = {}
        self._pattern_hits: dict[tuple[m.Pattern, int], HitList] = {}
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._sentence_starts: dict[int, list[int]] = {}
        self._global: list[Region] | None = None
        self._global_first: list[int] = []
        self._wide_has: dict[tuple, bool] = {}  # see _wide_scope
        self.section_of: list[int] = []
        self.section_blocks: list[list[int]] = []
        self.heading_of_section: list[int | None] = []
        self._index_sections()

    # --- structure ------------------------------------------------------

    def _index_sections(self) -> None:
        section = 0
        self.section_blocks = [[]]
        self.heading_of_section = [None]
        for i, block in enumerate(self.blocks):
            if block.kind == "heading":
                section += 1
                self.section_blocks.append([])
                self.heading_of_section.append(i)
            self.section_of.append(section)
            self.section_blocks[section].append(i)

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

    def _global_sentences(self) -> list[Region]:
        if self._global is None:
            self._global = []
            for b in range(len(self.blocks)):
                self._global_first.append(len(self._global))
                self._global.extend(Region(b, s, e) for s, e in self.sentences(b))
        return self._global

    def sentence_number(self, hit: Hit) -> int:
        """Index of the hit's sentence in document order."""
        regions = self._global_sentences()
        first = self._global_first[hit.block]
        return min(first + self._sentence_index(hit.block, hit.start), len(regions) - 1)

    # --- patterns -------------------------------------------------------

    def leaf_hits(self, regex: int, block: int) -> list[Hit]:
        key = (regex, block)
        hits = self._leaf_hits.get(key)
        if hits is None:
            rx = compiled(self.regexes[regex])
            text = self.blocks[block].text
            if rx.groups and rx.groupindex:
                names = tuple(rx.groupindex)
                hits = [
                    Hit(block, mm.start(), mm.end(), tuple((n, mm.group(n) or "") for n in names))
                    for mm in rx.finditer(text)
                    if mm.end() > mm.start()
                ]
            else:
                hits = [
                    Hit(block, mm.start(), mm.end())
                    for mm in rx.finditer(text)
                    if mm.end() > mm.start()
                ]
            self._leaf_hits[key] = hits
        return hits

    def hits(self, pattern: m.Pattern, block: int) -> list[Hit]:
        return self.hit_list(pattern, block).hits

    def hit_list(self, pattern: m.Pattern, block: int) -> HitList:
        key = (pattern, block)
        found = self._pattern_hits.get(key)
        if found is None:
            found = self._pattern_hits[key] = HitList(self._compute_hits(pattern, block))
        return found

    def _compute_hits(self, pattern: m.Pattern, block: int) -> list[Hit]:
        if isinstance(pattern, m.Leaf):
            return self.leaf_hits(pattern.regex, block)
        if isinstance(pattern, m.LinkText):
            b = self.blocks[block]
            spans = set(b.links) | {(mm.start(), mm.end()) for mm in _URL.finditer(b.text)}
            return [Hit(block, s, e) for s, e in sorted(spans)]
        if isinstance(pattern, m.AnyOf):
            merged = {h for item in pattern.items for h in self.hits(item, block)}
            return sorted(merged, key=lambda h: (h.start, -h.end))
        if isinstance(pattern, m.Except):
            base = self.hits(pattern.base, block)
            if not base:
                return base
            excluded = self.hit_list(pattern.excluded, block)
            return [h for h in base if next(excluded.overlapping(h.start, h.end), None) is None]
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
        out: list[Hit] = []
        for a in left:
            best: tuple[int, Hit] | None = None
            for b in right.overlapping(a.start - reach, a.end + reach):
                if b.start >= a.end:
                    if pattern.direction == "after":
                        continue
                    gap = len(_WORD.findall(text, a.end, b.start))
                elif b.end <= a.start:
                    if pattern.direction == "before":
                        continue
                    gap = len(_WORD.findall(text, b.end, a.start))
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
        if isinstance(cond, m.Has):
            wide = self._wide_scope(cond.scope, hit, rule_scope)
            key = (wide, id(cond))
            if wide is not None and key in self._wide_has:
                return self._wide_has[key]
            found = any(
                self._region_has(r, cond.pattern) for r in self.regions(cond.scope, hit, rule_scope)
            )
            if wide is not None:
                self._wide_has[key] = found
            return found
        if isinstance(cond, m.Negated):
            floor, _ = self.sentence_at(hit.block, hit.start)
            return is_negated(self.blocks[hit.block].text, floor, hit.start)
        if isinstance(cond, m.Quoted):
            floor, _ = self.sentence_at(hit.block, hit.start)
            return is_quoted(self.blocks[hit.block].text, floor, hit.start, hit.end)
        if isinstance(cond, m.Not):
            return not self.holds(cond.item, hit, rule_scope)
        if isinstance(cond, m.All):
            return all(self.holds(c, hit, rule_scope) for c in cond.items)
        if isinstance(cond, m.Any):
            return any(self.holds(c, hit, rule_scope) for c in cond.items)
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

    def _region_has(self, region: Region, pattern: m.Pattern) -> bool:
        found = self.hit_list(pattern, region.block).overlapping(region.start, region.end)
        return next(found, None) is not None

    def _whole(self, block: int) -> Region:
        return Region(block, 0, len(self.blocks[block].text))

    def regions(self, scope: m.Scope, hit: Hit, rule_scope: str) -> Iterator[Region]:
        kind = rule_scope if scope.kind == "rule" else scope.kind
        if kind in ("sentence",):
            s, e = self.sentence_at(hit.block, hit.start)
            yield Region(hit.block, s, e)
        elif kind in ("paragraph", "field") and (
            kind == "paragraph" or self.blocks[hit.block].kind == "field"
        ):
            yield self._whole(hit.block)
        elif kind == "heading":
            own = self.blocks[hit.block].kind == "heading"
            heading = hit.block if own else self.heading_of_section[self.section_of[hit.block]]
            if heading is not None:
                yield self._whole(heading)
        elif kind == "section":
            for b in self.section_blocks[self.section_of[hit.block]]:
                yield self._whole(b)
        elif kind == "document":
            for b in range(len(self.blocks)):
                yield self._whole(b)
        elif kind == "match":
            yield Region(hit.block, hit.start, hit.end)
        elif kind in ("next_sentence", "previous_sentence", "sentences"):
            regions = self._global_sentences()
            n = self.sentence_number(hit)
            if kind == "next_sentence":
                lo = hi = n + 1
            elif kind == "previous_sentence":
                lo = hi = n - 1
            else:
                lo, hi = n - scope.n, n + scope.n
            yield from regions[max(lo, 0) : max(hi + 1, 0)]
        elif kind == "words":
            yield self._word_window(hit, scope.n)

    def _word_window(self, hit: Hit, n: int) -> Region:
        text = self.blocks[hit.block].text
        reach = _CHARS_PER_WORD * (n + 1)
        before = [mm.start() for mm in _WORD.finditer(text, max(0, hit.start - reach), hit.start)]
        start = before[-n] if n and len(before) >= n else (before[0] if before and n else hit.start)
        after = [mm.end() for mm in _WORD.finditer(text, hit.end, hit.end + reach)][:n]
        end = after[-1] if after else hit.end
        return Region(hit.block, start, end)


# --- rules -----------------------------------------------------------------


def _blocks_for(rule: m.Rule, analysis: Analysis) -> list[int]:
    blocks = analysis.blocks
    if rule.scope == "heading":
        return [i for i, b in enumerate(blocks) if b.kind == "heading"]
    if rule.scope == "field":
        return [i for i, b in enumerate(blocks) if b.kind == "field"]
    return list(range(len(blocks)))


def _qualified_hits(rule: m.Rule, analysis: Analysis, blocks: list[int]) -> Iterator[Hit]:
    for b in blocks:
        for hit in analysis.hits(rule.pattern, b):
            if any(analysis.holds(c, hit, rule.scope) for c in rule.unless):
                continue
            if all(analysis.holds(c, hit, rule.scope) for c in rule.where):
                yield hit


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


@dataclass(slots=True, frozen=True)
class _Locality:
    """How far one require finding reaches: triggers inside share it."""

    sentences: int | None = None  # sentence distance, for local requirements
    unit: str | None = None  # "paragraph" or "section" when narrower than the rule


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


def _require(rule: m.Rule, analysis: Analysis) -> Iterator[tuple[Hit, str, int]]:
    """One finding per unit (or per cluster of nearby triggers) lacking the disclosure."""
    reach = _locality(rule.requirement, rule.scope)
    local = reach.sentences is not None or reach.unit is not None

    def unit_of(hit: Hit) -> int:
        return analysis.section_of[hit.block] if reach.unit == "section" else hit.block

    for group in _groups(rule, analysis):
        cluster: list[Hit] = []
        last: Hit | None = None
        for hit in _qualified_hits(rule, analysis, group):
            satisfied = rule.requirement is not None and analysis.holds(
                rule.requirement, hit, rule.scope
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
                    and analysis.sentence_number(hit) - analysis.sentence_number(last)
                    > reach.sentences
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


def lint_document(doc: Document, policy: m.Policy) -> list[Finding]:
    """All findings of every rule of ``policy`` on ``doc``, in source order."""
    analysis = Analysis(doc, policy)
    findings: list[Finding] = []
    for rule in policy.rules:
        produce = _require if rule.shape == "require" else _forbid
        for hit, severity, count in produce(rule, analysis):
            findings.append(_finding(rule, analysis, hit, severity, count))
    findings.sort(key=Finding.sort_key)
    return findings
