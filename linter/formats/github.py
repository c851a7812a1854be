"""GitHub Actions workflow commands: each finding becomes an annotation on the file.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``, with
warnings as ``::warning`` and info as ``::notice``. GitHub shows only ten
annotations of each level per step, so when ``GITHUB_STEP_SUMMARY`` names a
file, a Markdown table of every finding is appended to it as well.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from linter.common.errors import FormatError
from linter.formats.escaping import markdown_cell
from linter.formats.records import marked, relative_path, rules_used, tally
from linter.results.findings import Finding
from linter.results.report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# GitHub refuses a step summary over 1 MiB; stop adding rows well before it.
SUMMARY_LIMIT_BYTES = 900 * 1024


def render(report: Report, environ: Mapping[str, str] | None = None) -> str:
    """The annotations; also appends the step summary when the runner asks for one."""
    env = os.environ if environ is None else environ
    titles = {r.id: f"{r.title} ({r.id})" if r.title else r.id for r in rules_used(report)}
    workspace = env.get("GITHUB_WORKSPACE")
    lines = [
        _annotation(f, waived, titles[f.rule], _path(f.path, workspace))
        for f, waived in marked(report)
    ]
    for error in report.errors:
        props = {"file": _path(error.path, workspace)}
        if error.line:
            props |= {"line": error.line, "col": error.column or 1}
        lines.append(command("error", props, error.message))
    target = env.get("GITHUB_STEP_SUMMARY")
    if target:
        append_step_summary(target, step_summary(report, env))
    return "".join(line + "\n" for line in lines)


def escape_data(text: str) -> str:
    """Escape a workflow command's message, so a newline cannot end the command early."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, where ``:`` and ``,`` also separate fields."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, props: Mapping[str, object], message: str) -> str:
    """One workflow command line: ``::name k=v,k=v::message``."""
    rendered = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    head = f"::{name} {rendered}" if rendered else f"::{name}"
    return f"{head}::{escape_data(message)}"


def _annotation(finding: Finding, waived: bool, title: str, path: str) -> str:
    props: dict[str, object] = {"file": path, "line": finding.line}
    # GitHub accepts columns only for an annotation that starts and ends on one line.
    if finding.end_line == finding.line:
        props |= {"col": finding.column, "endLine": finding.line, "endColumn": finding.end_column}
    else:
        props["endLine"] = finding.end_line
    message = finding.message
    if waived:
        props["title"] = f"suppressed: {title}"
        message += f" (suppressed: {finding.suppression_reason})"
        return command("notice", props, message)
    props["title"] = title
    return command(COMMANDS[finding.severity], props, message)


def _path(path: str, workspace: str | None) -> str:
    """Annotations name files relative to the checkout."""
    return relative_path(path, workspace) or path


def step_summary(report: Report, environ: Mapping[str, str]) -> str:
    """A Markdown section: the totals, then one table row per finding."""
    out = ["### healthlint", "", tally(report) + ".", ""]
    items = marked(report)
    if items:
        out += ["| Severity | Location | Rule | Message |", "|---|---|---|---|"]
        size = sum(len(line.encode()) + 1 for line in out)
        for shown, (f, waived) in enumerate(items):
            row = _row(f, waived, environ)
            size += len(row.encode()) + 1
            if size > SUMMARY_LIMIT_BYTES:
                rest = len(items) - shown
                out += ["", f"… and {rest} more; see the job log or a SARIF or JSON report."]
                break
            out.append(row)
        out.append("")
    if report.errors:
        out.append("Files that could not be read:")
        out += [f"- {markdown_cell(str(e))}" for e in report.errors]
        out.append("")
    return "\n".join(out) + "\n"


def _row(finding: Finding, waived: bool, environ: Mapping[str, str]) -> str:
    severity = f"{finding.severity} (suppressed)" if waived else finding.severity
    message = finding.message
    if waived:
        message += f" (suppressed: {finding.suppression_reason})"
    cells = [
        severity,
        _location_link(finding, environ),
        f"`{finding.rule}`",
        markdown_cell(message),
    ]
    return "| " + " | ".join(cells) + " |"


def _location_link(finding: Finding, environ: Mapping[str, str]) -> str:
    """``path:line``, linked to the file at the commit being checked when known."""
    rel = relative_path(finding.path, environ.get("GITHUB_WORKSPACE"))
    text = markdown_cell(f"{rel or finding.path}:{finding.line}")
    server, repo, sha = (
        environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if rel is None or not (server and repo and sha):
        return text
    from urllib.parse import quote

    return f"[{text}]({server}/{repo}/blob/{sha}/{quote(rel)}#L{finding.line})"


def append_step_summary(path: str, markdown: str) -> None:
    """Append to the job's step summary; a file that cannot be written is a FormatError."""
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(markdown)
    except OSError as exc:
        raise FormatError(f"cannot write the step summary: {exc.strerror or exc}", path) from None
