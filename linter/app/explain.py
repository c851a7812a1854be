"""Describing rules to people: the `rules` listing and `explain ID`.

A compliance reviewer reads these to learn why a finding exists and what
would satisfy it, so everything a rule carries is shown: rationale,
references, the check itself, the suggested fix and the examples.
"""

from __future__ import annotations

import difflib
import textwrap

from linter.app.selftest import shown_path
from linter.policy import model as m
from linter.policy.meta_rules import META_RULES, MetaRule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from linter.config.filters import RuleFilter

WIDTH = 88


class UnknownRule(LookupError):
    """No rule has the id asked for; the message suggests near misses."""


def rules_table(policy: m.Policy, rules: RuleFilter | None = None) -> str:
    """One line per active rule, the waiver rules last: id, severity, title (aligned).

    ``rules`` is the configuration's choice (select, ignore, severity); the
    listing shows what a run would report, at the severity it would report.
    """
    rows = [(r.id, r.severity, r.title) for r in policy.rules]
    rows += [(r.id, r.severity, r.title) for r in META_RULES.values()]
    if rules is not None:
        rows = [(i, rules.severity.get(i, sev), t) for i, sev, t in rows if rules.enabled(i)]
    if not rows:
        return ""
    width = max(len(i) for i, _, _ in rows)
    lines = [f"{i:<{width}}  {sev:<7}  {title}".rstrip() for i, sev, title in rows]
    return "\n".join(lines) + "\n"


def find_rule(policy: m.Policy, rule_id: str) -> m.Rule | MetaRule:
    """The rule with this id (a waiver rule too), or an error that suggests the nearest ids."""
    rule = policy.rule(rule_id)
    if rule is not None:
        return rule
    if rule_id in META_RULES:
        return META_RULES[rule_id]
    ids = [r.id for r in policy.rules] + list(META_RULES)
    close = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see `healthlint rules`)"
    raise UnknownRule(f"unknown rule {rule_id!r}{hint}")


def explain_meta_rule(rule: MetaRule) -> str:
    """A waiver rule: what it reports and why (it has no check: the tool applies it)."""
    out = [f"{rule.id} ({rule.severity}, about waivers)", f"  {rule.title}"]
    out += ["", "Why:", *_para(rule.rationale)]
    out += [
        "",
        "Configure it like any rule (select, ignore, severity); it cannot itself be waived inline.",
    ]
    return "\n".join(out) + "\n"


def _para(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def _example_line(example: m.Example, rule: m.Rule) -> str:
    text = " ⏎ ".join(line.strip() for line in example.text.strip().splitlines())
    notes = []
    if example.fire and example.severity and example.severity != rule.severity:
        notes.append(example.severity)
    if example.format != "markdown":
        notes.append(example.format)
    return f"  - {text}" + (f"  ({', '.join(notes)})" if notes else "")


def explain_rule(rule: m.Rule | MetaRule) -> str:
    """Everything a rule says about itself, as plain text."""
    if isinstance(rule, MetaRule):
        return explain_meta_rule(rule)
    out = [f"{rule.id} ({rule.severity}, {'require' if rule.shape == 'require' else 'forbid'})"]
    if rule.title:
        out.append(f"  {rule.title}")
    if rule.rationale:
        out += ["", "Why:", *_para(rule.rationale)]
    out += ["", "Check:", *("  " + line for line in rule.check.strip().splitlines())]
    if rule.references:
        out += ["", "References:"]
        out += [f"  - {ref}" for ref in rule.references]
    if rule.suggestion:
        out += ["", "Suggestion (a sentence to add):", *_para(rule.suggestion)]
    fire = [e for e in rule.examples if e.fire]
    passing = [e for e in rule.examples if not e.fire]
    if fire:
        out += ["", "Flagged:", *(_example_line(e, rule) for e in fire)]
    if passing:
        out += ["", "Not flagged:", *(_example_line(e, rule) for e in passing)]
    if rule.source:
        out += ["", f"Defined in {shown_path(rule.source)}:{rule.line}"]
    return "\n".join(out) + "\n"
