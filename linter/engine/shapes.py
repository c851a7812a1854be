"""The two rule shapes: ``forbid`` (each qualifying hit is a claim) and ``require``
(a trigger without its disclosure nearby), and the findings they make.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.common.plaindata import PlainData
from linter.documents.model import Block
from linter.engine.prepared import Analysis
from linter.matching.text import Hit
from linter.policy import model as m
from linter.policy.messages import render
from linter.results.findings import Finding

_SPACE_RUN = re.compile(r"\s+")
_GROUP_SCOPES = {"paragraph", "section", "document", "heading", "field", "opening"}


def _blocks_for(rule: m.Rule, analysis: Analysis) -> list[int]:
    blocks = analysis.blocks
    if rule.scope == "heading":
        return [i for i, b in enumerate(blocks) if b.kind == "heading"]
    if rule.scope == "field":
        return [i for i, b in enumerate(blocks) if b.kind == "field"]
    return list(range(len(blocks)))


def _qualified_hits(rule: m.Rule, analysis: Analysis, blocks: list[int]) -> Iterator[Hit]:
    candidates = analysis.patterns.candidate_blocks(rule.pattern)
    holds, where, unless, scope = analysis.conditions.holds, rule.where, rule.unless, rule.scope
    for b in blocks:
        if candidates is not None and b not in candidates:
            continue
        # Loops, not all()/any() over generators: this runs for every trigger hit.
        for hit in analysis.patterns.hits(rule.pattern, b):
            for cond in where:
                if not holds(cond, hit, scope):
                    break
            else:
                for cond in unless:
                    if holds(cond, hit, scope):
                        break
                else:
                    yield hit


def may_qualify(
    rule: m.Rule, analysis: Analysis, needed: tuple[m.Pattern, ...] | None = None
) -> bool:
    """False when a ``where`` condition cannot hold anywhere in the document.

    ``has`` needs its pattern somewhere in the document, whatever the scope,
    so one search can rule out every trigger hit at once ("within 2
    sentences has @treatment_offer" in a page that offers nothing).
    ``needed`` is ``needed_patterns(rule)`` when the caller asks for many pages.
    """
    if not rule.where:  # most rules
        return True
    may_match = analysis.patterns.may_match
    for pattern in needed_patterns(rule) if needed is None else needed:
        if not may_match(pattern):
            return False
    return True


def needed_patterns(rule: m.Rule) -> tuple[m.Pattern, ...]:
    """The patterns the rule's ``where`` conditions need somewhere in the document."""
    return tuple(p for c in rule.where for p in _needed_patterns(c))


def _needed_patterns(cond: m.Condition) -> Iterator[m.Pattern]:
    """Patterns that must occur in the document for ``cond`` to hold."""
    if isinstance(cond, m.Has):
        yield cond.pattern
    elif isinstance(cond, m.All):
        for item in cond.items:
            yield from _needed_patterns(item)


def _severity(rule: m.Rule, analysis: Analysis, hit: Hit) -> str:
    for down in rule.downgrades:
        if analysis.conditions.holds(down.condition, hit, rule.scope):
            return down.severity
    return rule.severity


def forbid(rule: m.Rule, analysis: Analysis) -> Iterator[tuple[Hit, str, int]]:
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
        return [blocks for blocks in analysis.structure.section_blocks if blocks]
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


def requirement_met(
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
        return analysis.conditions.holds(cond, hit, rule_scope)
    if isinstance(cond, m.Any):
        return any(requirement_met(c, hit, rule_scope, analysis, shared) for c in cond.items)
    if isinstance(cond, m.All):
        return all(requirement_met(c, hit, rule_scope, analysis, shared) for c in cond.items)
    if isinstance(cond, m.Not):
        return not requirement_met(cond.item, hit, rule_scope, analysis, shared)
    if isinstance(cond, m.Has):
        scope = rule_scope if cond.scope.kind == "rule" else cond.scope.kind
        if scope == "document" and shared.patterns.anywhere(cond.pattern):
            return True
    return analysis.conditions.holds(cond, hit, rule_scope)


def same_for_every_hit(cond: m.Condition, rule_scope: str) -> bool:
    """Is ``cond`` about the whole page (``document has``, ``opening has``), whatever the hit?"""
    if isinstance(cond, m.Has):
        kind = rule_scope if cond.scope.kind == "rule" else cond.scope.kind
        return kind in ("document", "opening")
    if isinstance(cond, (m.All, m.Any)):
        return all(same_for_every_hit(item, rule_scope) for item in cond.items)
    if isinstance(cond, m.Not):
        return same_for_every_hit(cond.item, rule_scope)
    return False  # negation, quotation and contexts are about the hit's own sentence


def require(
    rule: m.Rule, analysis: Analysis, shared: Analysis | None = None
) -> Iterator[tuple[Hit, str, int]]:
    """One finding per unit (or per cluster of nearby triggers) lacking the disclosure."""
    reach = _locality(rule.requirement, rule.scope)
    local = reach.sentences is not None or reach.unit is not None
    requirement = rule.requirement
    # A requirement on the whole page has one answer for every trigger: where
    # it is met, no unit can make a finding, and no trigger needs finding or
    # its conditions (negation, contexts) judging.
    page_wide = requirement is not None and same_for_every_hit(requirement, rule.scope)

    def unit_of(hit: Hit) -> int:
        return analysis.structure.section_of[hit.block] if reach.unit == "section" else hit.block

    for group in _groups(rule, analysis):
        # Asked at the unit's first block: a page-wide answer reads no hit.
        if page_wide and group:
            anywhere = Hit(group[0], 0, 0)
            if requirement_met(requirement, anywhere, rule.scope, analysis, shared):  # type: ignore[arg-type]
                continue
        cluster: list[Hit] = []
        last: Hit | None = None
        for hit in _qualified_hits(rule, analysis, group):
            satisfied = rule.requirement is not None and requirement_met(
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
                    and analysis.structure.sentences_apart(last, hit, reach.sentences)
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


def finding(rule: m.Rule, analysis: Analysis, hit: Hit, severity: str, count: int) -> Finding:
    """The Finding for a qualifying hit: position, the matched source text and the message."""
    doc = analysis.doc
    block: Block = analysis.blocks[hit.block]
    start, end = block.source_span(hit.start, hit.end)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    match = _SPACE_RUN.sub(" ", doc.source[start:end]).strip()
    s, e = analysis.structure.sentence_at(hit.block, hit.start)
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
