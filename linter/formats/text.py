"""The parsable text format: ``path:line:col: severity: message [rule-id]``.

One finding per line, as compilers print errors, so Vim's quickfix, Emacs
compile-mode and most editors' problem matchers read it without setup. In an
audit a waived finding ends with `` (suppressed: reason)``.
"""

from __future__ import annotations

from linter.formats.records import marked
from linter.results.report import Report


def render(report: Report) -> str:
    """One ``path:line:column: severity: message [rule]`` line per finding, as editors parse."""
    lines = []
    for f, waived in marked(report):
        line = f"{f.path}:{f.line}:{f.column}: {f.severity}: {_one_line(f.message)} [{f.rule}]"
        if waived:
            line += f" (suppressed: {_one_line(f.suppression_reason)})"
        lines.append(line)
    return "".join(line + "\n" for line in lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())
