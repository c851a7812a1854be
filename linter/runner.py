"""Linting many files: read, lint, collect findings and per-file errors.

One file that cannot be read or decoded becomes a FileError and the run goes
on, so its neighbours' findings are never lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .discovery import Target, discover
from .documents import format_for_path, read_document
from .engine import lint_document
from .errors import ReadError
from .findings import FileError, Finding
from .policy.model import Policy

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(slots=True)
class Report:
    """Everything one run found, ready for a formatter."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)  # waived findings, for audits
    errors: list[FileError] = field(default_factory=list)
    files: int = 0
    policy: Policy | None = None

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out


def lint_bytes(path: str, data: bytes, policy: Policy, fmt: str | None = None) -> list[Finding]:
    """Lint one file's content; raises ReadError when it cannot be decoded."""
    doc = read_document(path, data, fmt or format_for_path(path) or "text")
    return lint_document(doc, policy)


def lint_target(target: Target, policy: Policy) -> tuple[list[Finding], FileError | None]:
    if target.error:
        return [], FileError(target.path, target.error)
    try:
        with open(target.path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return [], FileError(target.path, f"cannot read file: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return [], FileError(
            target.path, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"
        )
    try:
        return lint_bytes(target.path, data, policy), None
    except ReadError as exc:
        return [], FileError(target.path, exc.message, exc.line, exc.column)


def check_paths(paths: list[str], policy: Policy) -> Report:
    report = Report(policy=policy)
    for target in discover(paths):
        findings, error = lint_target(target, policy)
        report.files += 1
        report.findings.extend(findings)
        if error is not None:
            report.errors.append(error)
    report.findings.sort(key=Finding.sort_key)
    return report
