"""What every format shows, computed once: finding records, rule facts, the summary.

Formats differ in syntax only; the meaning of a finding (which fields, how a
waived finding is marked, how a reference splits into a title and a link)
lives here so JSON, SARIF, GitHub and user templates never disagree.
"""

from __future__ import annotations

import os

from linter import __version__
from linter.common.plaindata import PlainData
from linter.policy.model import Rule
from linter.policy.references import first_url
from linter.results.findings import Finding
from linter.results.fingerprints import fingerprints
from linter.results.report import Report

TOOL = {"name": "healthlint", "version": __version__}


def listed(report: Report) -> list[Finding]:
    """The findings and, in an audit, the suppressed ones, in file order."""
    if not report.suppressed:
        return list(report.findings)
    return sorted([*report.findings, *report.suppressed], key=Finding.sort_key)


def finding_record(finding: Finding, suppressed: bool = False) -> dict:
    """The JSON fields of a finding; a waived one adds ``suppressed`` and its reason.

    Findings that are not suppressed carry no suppression keys, so the JSON
    shape documented before audits existed is unchanged.
    """
    data = finding.to_dict()
    if suppressed:
        data["suppressed"] = True
        data["suppression_reason"] = finding.suppression_reason
    return data


def marked(report: Report) -> list[tuple[Finding, bool]]:
    """Each listed finding with whether it is suppressed."""
    waived = {id(f) for f in report.suppressed}
    return [(f, f.suppressed or id(f) in waived) for f in listed(report)]


def fingerprinted(report: Report) -> list[tuple[Finding, bool, str]]:
    """Each listed finding, whether it is suppressed, and its fingerprint."""
    pairs = marked(report)
    prints = fingerprints(f for f, _ in pairs)
    return [(f, waived, fp) for (f, waived), fp in zip(pairs, prints, strict=True)]


def summary(report: Report) -> dict[str, int]:
    """Files checked, findings per severity (suppressed ones excluded) and the waived count."""
    return {
        "files": report.files,
        **report.counts(),
        "suppressed": report.suppressed_count,
        "baselined": report.baselined,
    }


def tally(report: Report) -> str:
    """The tally people read: files checked, findings per severity, unread files."""
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in report.counts().items()]
    text = f"{files} checked, " + ", ".join(parts)
    if report.suppressed_count:
        text += f", {report.suppressed_count} suppressed"
    if report.baselined:
        text += f", {report.baselined} in the baseline"
    if report.errors:
        n = len(report.errors)
        text += f"; {n} file{'s' if n != 1 else ''} could not be read"
    return text


class RuleInfo(PlainData):
    """What a report says about a rule: enough to explain a finding to a reader."""

    __slots__ = ("id", "severity", "title", "rationale", "references", "suggestion", "examples")

    def __init__(
        self,
        id: str,
        severity: str,
        title: str = "",
        rationale: str = "",
        references: tuple[str, ...] = (),
        suggestion: str = "",
        examples: tuple[tuple[str, bool], ...] = (),  # (text, fires)
    ) -> None:
        self.id = id
        self.severity = severity
        self.title = title
        self.rationale = rationale
        self.references = references
        self.suggestion = suggestion
        self.examples = examples

    @classmethod
    def of(cls, rule: Rule) -> RuleInfo:
        """The parts of a policy rule that formats describe, as plain data."""
        return cls(
            rule.id,
            rule.severity,
            rule.title,
            rule.rationale,
            tuple(rule.references),
            rule.suggestion,
            tuple((e.text, e.fire) for e in rule.examples),
        )

    @property
    def help_uri(self) -> str | None:
        """The first URL among the references: where a reader learns more about the rule."""
        return first_url(self.references)


def rules_used(report: Report) -> list[RuleInfo]:
    """The policy's rules, then any rule a finding names that the policy lacks.

    Findings about suppressions themselves come from the linter, not from a
    policy; they still need a descriptor in formats that index rules.
    """
    rules = [RuleInfo.of(r) for r in report.policy.rules] if report.policy else []
    known = {r.id for r in rules}
    for f in listed(report):
        if f.rule not in known:
            known.add(f.rule)
            rules.append(RuleInfo(f.rule, f.severity, references=tuple(f.references)))
    return rules


def relative_path(path: str, base: str | None = None) -> str | None:
    """``path`` relative to ``base`` (default: the working directory), with ``/``.

    None when the path lies outside the base: tools that resolve paths against
    a checkout (code scanning, annotations) need another spelling for those.
    """
    from pathlib import Path, PurePath  # only formats that show relative paths need it

    root = Path(os.path.abspath(base or os.getcwd()))
    candidate = Path(os.path.abspath(path))
    for inside, top in ((candidate, root), (candidate.resolve(), root.resolve())):
        if inside.is_relative_to(top):
            return PurePath(inside.relative_to(top)).as_posix()
    return None
