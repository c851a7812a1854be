"""Running a policy's own examples: each rule's executable specification.

Every example is linted as a one-line document of its own (Markdown unless
the example says ``format: text`` or ``html``), with only its rule active, so
examples never interfere with each other or with other rules. A ``fire``
example must produce its rule at the expected severity (the example's
``severity``, else the rule's); a ``pass`` example must not produce it at all.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from linter.documents import read_source
from linter.engine.analysis import lint_document
from linter.policy import model as m

_SUFFIX = {"markdown": "md", "text": "txt", "html": "html"}


@dataclass(slots=True)
class ExampleFailure:
    """One example whose outcome differs from what the policy says."""

    rule: m.Rule
    example: m.Example
    problem: str

    def __str__(self) -> str:
        where = shown_path(self.rule.source) if self.rule.source else "<policy>"
        if self.example.line:
            where += f":{self.example.line}:{self.example.column or 1}"
        kind = "fire" if self.example.fire else "pass"
        text = json.dumps(self.example.text, ensure_ascii=False)
        return f"{where}: {self.rule.id}: {kind} example {self.problem}: {text}"


def shown_path(path: str) -> str:
    """A policy path relative to the working directory when it lies inside it."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


@dataclass(slots=True)
class SelfTestReport:
    """What ``healthlint test`` found: counts, failed examples, rules without examples."""

    rules: int = 0
    examples: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)
    without_examples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Did every example behave? Decides the exit code."""
        return not self.failures

    def summary(self) -> str:
        """The one line printed after the failures: counts, and rules that have no examples."""
        text = (
            f"healthlint test: {self.rules} rule{'s' if self.rules != 1 else ''}, "
            f"{self.examples} example{'s' if self.examples != 1 else ''}, "
        )
        text += f"{len(self.failures)} failed" if self.failures else "all passed"
        if self.without_examples:
            text += f"; no examples: {', '.join(self.without_examples)}"
        return text


def check_example(policy: m.Policy, rule: m.Rule, example: m.Example) -> str | None:
    """What is wrong with one example's outcome, or None when it behaves."""
    alone = m.Policy(name=policy.name, rules=[rule], regexes=policy.regexes)
    doc = read_source(f"example.{_SUFFIX[example.format]}", example.text, example.format)
    found = [f for f in lint_document(doc, alone) if f.rule == rule.id]
    if not example.fire:
        if found:
            first = found[0]
            return f"should not fire, got {first.severity} “{first.match}”"
        return None
    wanted = example.severity or rule.severity
    if not found:
        return f"should fire ({wanted}), got nothing"
    if not any(f.severity == wanted for f in found):
        got = ", ".join(f"{f.severity} “{f.match}”" for f in found)
        return f"should fire at {wanted}, got {got}"
    return None


def run_examples(policy: m.Policy, rule_ids: list[str] | None = None) -> SelfTestReport:
    """Run the examples of every rule (or of the rules named) in ``policy``."""
    report = SelfTestReport()
    for rule in policy.rules:
        if rule_ids and rule.id not in rule_ids:
            continue
        report.rules += 1
        if not rule.examples:
            report.without_examples.append(rule.id)
        for example in rule.examples:
            report.examples += 1
            problem = check_example(policy, rule, example)
            if problem is not None:
                report.failures.append(ExampleFailure(rule, example, problem))
    return report
