"""Why a rule fired, or did not, on the sentences of one line: ``healthlint why``.

A policy author's first question. The trace walks the same objects the
engine uses (the prepared document, its pattern hits and condition
evidence), so what it says is what the engine did: which pattern matched
where, which condition held or vetoed the match and because of what text.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.documents.model import Document
from linter.engine.context import DEFAULT_CONTEXT, RunContext
from linter.engine.hits import Region
from linter.engine.prepared import Analysis
from linter.matching.text import Hit
from linter.policy import model as m


def describe_pattern(pattern: m.Pattern) -> str:
    """A pattern as the check wrote it (lexicon names, phrases, operators)."""
    if isinstance(pattern, m.Leaf):
        return pattern.label or "an expression"
    if isinstance(pattern, m.AnyOf):
        return " or ".join(
            _grouped(p) if isinstance(p, m.Except) else describe_pattern(p) for p in pattern.items
        )
    if isinstance(pattern, m.Except):
        return f"{_grouped(pattern.base)} except {_grouped(pattern.excluded)}"
    if isinstance(pattern, m.Near):
        where = {"of": "of", "before": "before", "after": "after"}.get(pattern.direction, "of")
        return (
            f"{_grouped(pattern.left)} within {pattern.distance} words {where} "
            f"{_grouped(pattern.right)}"
        )
    if isinstance(pattern, m.LinkText):
        return "link"
    return type(pattern).__name__.lower()


def _grouped(pattern: m.Pattern) -> str:
    """An operand of ``except`` or ``within``, in parentheses when it is compound, so the
    description reads the way the check groups it."""
    text = describe_pattern(pattern)
    return f"({text})" if isinstance(pattern, m.AnyOf | m.Except | m.Near) else text


def _scope(scope: m.Scope, rule_scope: str) -> str:
    kind = rule_scope if scope.kind == "rule" else scope.kind
    if kind == "words":
        return f"within {scope.n} words"
    if kind == "sentences":
        return f"within {scope.n} sentences"
    return kind.replace("_", " ")


def describe_condition(cond: m.Condition, rule_scope: str) -> str:
    """A condition as the check wrote it."""
    if isinstance(cond, m.Negated):
        return "negated"
    if isinstance(cond, m.Quoted):
        return "quoted"
    if isinstance(cond, m.Context):
        return cond.kind
    if isinstance(cond, m.Has):
        return f"{_scope(cond.scope, rule_scope)} has {describe_pattern(cond.pattern)}"
    if isinstance(cond, m.Not):
        return f"not ({describe_condition(cond.item, rule_scope)})"
    if isinstance(cond, m.All):  # an `or` inside an `and` keeps its parentheses
        return " and ".join(
            f"({describe_condition(c, rule_scope)})"
            if isinstance(c, m.Any)
            else describe_condition(c, rule_scope)
            for c in cond.items
        )
    if isinstance(cond, m.Any):
        return " or ".join(describe_condition(c, rule_scope) for c in cond.items)
    return type(cond).__name__.lower()


class Tracer:
    """Explains one rule on one document, sentence by sentence."""

    def __init__(
        self, doc: Document, policy: m.Policy, rule: m.Rule, context: RunContext = DEFAULT_CONTEXT
    ) -> None:
        self.doc = doc
        self.rule = rule
        self.analysis = Analysis(doc, policy, context)

    def at(self, block: int, offset: int) -> str:
        """``line:column`` of an offset in a block's text."""
        start, _ = self.doc.blocks[block].source_span(offset, offset)
        line, column = self.doc.position(start)
        return f"{line}:{column}"

    def _text(self, hit: Hit) -> str:
        return self.doc.blocks[hit.block].text[hit.start : hit.end]

    def sentences(self, line: int | None) -> Iterator[tuple[int, int, int]]:
        """(block, start, end) of each sentence that touches ``line`` (every one when None)."""
        structure = self.analysis.structure
        for b, block in enumerate(self.doc.blocks):
            for s, e in structure.sentences(b):
                if line is None:
                    yield b, s, e
                    continue
                first, _ = self.doc.position(block.source_span(s, s)[0])
                last, _ = self.doc.position(block.source_span(max(s, e - 1), e)[0])
                if first <= line <= last:
                    yield b, s, e

    def explain(self, line: int | None) -> list[str]:
        """The trace, one line of text per step, for the sentences of ``line``."""
        rule = self.rule
        out = [f"{rule.id} ({rule.severity}, {rule.shape}): {' '.join(rule.check.split())}"]
        seen = False
        for block, start, end in self.sentences(line):
            seen = True
            text = self.doc.blocks[block].text[start:end]
            out.append(f"{self.at(block, start)} sentence: “{text}”")
            out.extend("  " + step for step in self._sentence(block, start, end))
        if not seen:
            out.append("no copy on that line (markup, code or front matter that is not copy)")
        return out

    def _sentence(self, block: int, start: int, end: int) -> Iterator[str]:
        rule, analysis = self.rule, self.analysis
        kind = self.doc.blocks[block].kind
        if rule.scope == "heading" and kind != "heading":
            yield "not looked at: the rule reads headings only"
            return
        if rule.scope == "field" and kind != "field":
            yield "not looked at: the rule reads front-matter fields only"
            return
        hits = [h for h in analysis.patterns.hits(rule.pattern, block) if start <= h.start < end]
        if not hits:
            yield f"pattern {describe_pattern(rule.pattern)}: no match in this sentence"
            yield from self._near_misses(rule.pattern, block, start, end)
            return
        for hit in hits:
            yield f"match “{self._text(hit)}” at {self.at(block, hit.start)}"
            yield from ("  " + step for step in self._judge(hit))

    def _near_misses(self, pattern: m.Pattern, block: int, start: int, end: int) -> Iterator[str]:
        """Parts of a compound pattern that did match: what was missing is then plain."""
        if isinstance(pattern, m.Near | m.Except | m.AnyOf):
            parts: list[m.Pattern] = []
            if isinstance(pattern, m.Near):
                parts = [pattern.left, pattern.right]
            elif isinstance(pattern, m.Except):
                parts = [pattern.base]
            else:
                parts = list(pattern.items)
            for part in parts:
                found = [
                    h for h in self.analysis.patterns.hits(part, block) if start <= h.start < end
                ]
                if found:
                    first = found[0]
                    yield (
                        f"  but {describe_pattern(part)} matched “{self._text(first)}” "
                        f"at {self.at(block, first.start)}"
                    )
                yield from self._near_misses(part, block, start, end)

    def _judge(self, hit: Hit) -> Iterator[str]:
        rule = self.rule
        for cond in rule.where:
            holds, why = self.condition(cond, hit)
            yield f"where {describe_condition(cond, rule.scope)}: {why}"
            if not holds:
                yield "=> no finding: a `where` condition does not hold"
                return
        for cond in rule.unless:
            # `unless a or b or c`: each alternative that holds, or one "no" for all.
            alternatives = cond.items if isinstance(cond, m.Any) else (cond,)
            held = False
            for alternative in alternatives:
                holds, why = self.condition(alternative, hit)
                if holds:
                    held = True
                    yield f"unless {describe_condition(alternative, rule.scope)}: {why}"
            if held:
                yield "=> no finding: vetoed by `unless`"
                return
            yield f"unless {describe_condition(cond, rule.scope)}: no"
        severity = rule.severity
        for down in rule.downgrades:
            holds, why = self.condition(down.condition, hit)
            text = describe_condition(down.condition, rule.scope)
            yield f"downgrade to {down.severity} if {text}: {why}"
            if holds:
                severity = down.severity
                break
        if rule.shape == "require" and rule.requirement is not None:
            holds, why = self.condition(rule.requirement, hit)
            yield f"require {describe_condition(rule.requirement, rule.scope)}: {why}"
            if holds:
                yield "=> no finding: the requirement is met"
                return
        yield f"=> finding ({severity})"

    def condition(self, cond: m.Condition, hit: Hit) -> tuple[bool, str]:
        """Does ``cond`` hold at ``hit``, and why (the words that decided it, with positions)."""
        conditions = self.analysis.conditions
        if isinstance(cond, m.Negated | m.Quoted | m.Context):
            evidence = conditions.evidence(cond, hit)
            if evidence is None:
                return False, "no"
            place = self.at(hit.block, evidence.offset)
            return True, f"yes, {evidence.reason} at {place}"
        if isinstance(cond, m.Not):
            holds, why = self.condition(cond.item, hit)
            return not holds, f"no ({why})" if holds else "yes"
        if isinstance(cond, m.All | m.Any):
            parts = [self.condition(c, hit) for c in cond.items]
            holds = (
                all(h for h, _ in parts) if isinstance(cond, m.All) else any(h for h, _ in parts)
            )
            return holds, "; ".join(why for _, why in parts)
        assert isinstance(cond, m.Has)
        holds = conditions.holds(cond, hit, self.rule.scope)
        witness = self._witness(cond, hit)
        if holds and witness is not None:
            return True, f"yes, “{self._text(witness)}” at {self.at(witness.block, witness.start)}"
        return holds, "yes" if holds else "no"

    def _witness(self, cond: m.Has, hit: Hit) -> Hit | None:
        """A hit of the condition's pattern inside its scope, to show the reader."""
        analysis = self.analysis
        kind = self.rule.scope if cond.scope.kind == "rule" else cond.scope.kind
        structure = analysis.structure
        regions: list[Region]
        if kind == "sentence":
            s, e = structure.sentence_at(hit.block, hit.start)
            regions = [Region(hit.block, s, e)]
        elif kind == "match":
            regions = [Region(hit.block, hit.start, hit.end)]
        elif kind == "document":
            regions = [Region(b, 0, len(blk.text)) for b, blk in enumerate(self.doc.blocks)]
        elif kind == "section":
            section = structure.section_blocks[structure.section_of[hit.block]]
            regions = [Region(b, 0, len(self.doc.blocks[b].text)) for b in section]
        elif kind == "words":  # the window the condition looked in, not its whole block
            regions = [analysis.conditions.word_window(hit, cond.scope.n)]
        else:
            regions = list(analysis.conditions.regions(cond.scope, kind, hit))
            if not regions:
                regions = [Region(hit.block, 0, len(self.doc.blocks[hit.block].text))]
        for region in regions:
            found = analysis.patterns.hit_list(cond.pattern, region.block)
            for witness in found.overlapping(region.start, region.end):
                return witness
        return None


def trace(
    doc: Document,
    policy: m.Policy,
    rule: m.Rule,
    line: int | None = None,
    context: RunContext = DEFAULT_CONTEXT,
) -> list[str]:
    """How ``rule`` was evaluated on the sentences of ``line`` (all of them when None)."""
    return Tracer(doc, policy, rule, context).explain(line)
