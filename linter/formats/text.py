"""The parsable text format: ``path:line:col: severity: message [rule-id]``.

One finding per line, as compilers print errors, so Vim's quickfix, Emacs
compile-mode and most editors' problem matchers read it without setup.
"""

from __future__ import annotations

from ..runner import Report


def render(report: Report) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.severity}: {_one_line(f.message)} [{f.rule}]"
        for f in report.findings
    ]
    return "".join(line + "\n" for line in lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())
