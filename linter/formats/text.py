"""The parsable text format: ``path:line:col: severity: message [rule-id]``.

One finding per line, as compilers print errors, so Vim's quickfix, Emacs
compile-mode and most editors' problem matchers read it without setup.
"""

from __future__ import annotations

from ..runner import Report


def render(report: Report) -> str:
    """Findings in source order; waived ones (an audit) end with their reason."""
    findings = sorted(report.findings + report.suppressed, key=lambda f: f.sort_key())
    return "".join(_line(f) + "\n" for f in findings)


def _line(f) -> str:
    line = f"{f.path}:{f.line}:{f.column}: {f.severity}: {_one_line(f.message)} [{f.rule}]"
    if f.suppressed:
        line += f" (suppressed: {_one_line(f.suppression_reason)})"
    return line


def _one_line(text: str) -> str:
    return " ".join(text.split())
