"""SARIF 2.1.0, the format code-scanning services read (GitHub, Azure DevOps, IDE viewers).

One run: the driver lists every rule with its title, rationale, references
and a help link; each result points at the matched text with 1-based,
end-exclusive columns counted in code points (``columnKind``), and carries a
partial fingerprint built from the sentence rather than the line number, so
an alert keeps its identity when unrelated lines move. Waived findings are
results with an ``inSource`` suppression and its justification.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from linter import __version__
from linter.formats.records import RuleInfo, fingerprinted, relative_path, rules_used
from linter.policy.references import Reference
from linter.results.findings import FileError, Finding
from linter.results.report import Report

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "healthlintSentenceHash/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report) -> str:
    """The report as a SARIF 2.1.0 log, for code-scanning services."""
    rules = rules_used(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = [_result(f, index[f.rule], fp, waived) for f, waived, fp in fingerprinted(report)]
    driver: dict = {
        "name": "healthlint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_descriptor(rule) for rule in rules],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [_invocation(report.errors)],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptor(rule: RuleInfo) -> dict:
    title = rule.title or rule.id
    out: dict = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("_", "-").split("-")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": rule.rationale or title},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }
    if rule.help_uri:
        out["helpUri"] = rule.help_uri
    return out


def _help_text(rule: RuleInfo) -> str:
    parts = [rule.title or rule.id]
    if rule.rationale:
        parts.append(rule.rationale)
    if rule.suggestion:
        parts.append(f"Suggested wording: {rule.suggestion}")
    if rule.references:
        parts.append("References:\n" + "\n".join(f"- {ref}" for ref in rule.references))
    return "\n\n".join(parts)


def _help_markdown(rule: RuleInfo) -> str:
    parts = [f"**{rule.title or rule.id}**"]
    if rule.rationale:
        parts.append(rule.rationale)
    if rule.suggestion:
        parts.append(f"Suggested wording: “{rule.suggestion}”")
    flagged = [text for text, fires in rule.examples if fires]
    fine = [text for text, fires in rule.examples if not fires]
    if flagged:
        parts.append("Flagged:\n\n" + "\n".join(f"- “{t}”" for t in flagged))
    if fine:
        parts.append("Fine:\n\n" + "\n".join(f"- “{t}”" for t in fine))
    if rule.references:
        parts.append("References:\n\n" + "\n".join(_markdown_reference(r) for r in rule.references))
    return "\n\n".join(parts)


def _markdown_reference(text: str) -> str:
    ref = Reference.parse(text)
    return f"- [{ref.label}]({ref.url})" if ref.url else f"- {ref.label}"


def _result(finding: Finding, rule_index: int, fingerprint: str, waived: bool) -> dict:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if finding.match:
        region["snippet"] = {"text": finding.match}
    out: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(finding.path, region)}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if waived:
        out["suppressions"] = [{"kind": "inSource", "justification": finding.suppression_reason}]
    return out


def _physical(path: str, region: dict | None) -> dict:
    out: dict = {"artifactLocation": artifact_location(path)}
    if region:
        out["region"] = region
    return out


def artifact_location(path: str) -> dict:
    """A relative URI against %SRCROOT% when the file is under the working directory."""
    rel = relative_path(path)
    if rel is not None:
        return {"uri": quote(rel), "uriBaseId": SRCROOT}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _invocation(errors: list[FileError]) -> dict:
    notes = []
    for error in errors:
        region = {"startLine": error.line, "startColumn": error.column or 1} if error.line else None
        notes.append(
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [{"physicalLocation": _physical(error.path, region)}],
            }
        )
    return {"executionSuccessful": not errors, "toolExecutionNotifications": notes}
