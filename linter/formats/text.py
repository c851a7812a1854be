"""The parsable text format: ``path:line:col: severity: message [rule-id]``.

One finding per line, as compilers print errors, so Vim's quickfix, Emacs
compile-mode and most editors' problem matchers read it without setup. In an
audit a waived finding ends with `` (suppressed: reason)``. On request each
finding is followed by its sentence with a caret line under the match
(``--show-source``), and a terminal gets colour; neither changes the
finding lines' text, so problem matchers still read them.
"""

from __future__ import annotations

from linter.formats.records import marked
from linter.results.findings import Finding
from linter.results.report import Report

_RESET = "\033[0m"
_STYLE = {
    "path": "\033[1m",
    "error": "\033[1;31m",
    "warning": "\033[1;33m",
    "info": "\033[1;34m",
    "rule": "\033[2m",
    "caret": "\033[1;31m",
}


def render(report: Report, *, show_source: bool = False, color: bool = False) -> str:
    """One ``path:line:column: severity: message [rule]`` line per finding, as editors parse."""

    def paint(style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if color else text

    lines = []
    for f, waived in marked(report):
        line = (
            f"{paint('path', f'{f.path}:{f.line}:{f.column}:')} "
            f"{paint(f.severity, f.severity + ':')} {_one_line(f.message)} "
            f"{paint('rule', f'[{f.rule}]')}"
        )
        if waived:
            line += f" (suppressed: {_one_line(f.suppression_reason)})"
        lines.append(line)
        if show_source:
            lines.extend(source_lines(f, lambda text: paint("caret", text)))
    return "".join(line + "\n" for line in lines)


def source_lines(finding: Finding, paint=lambda text: text) -> list[str]:
    """The finding's sentence on one line, and carets under the match within it."""
    sentence = _one_line(finding.sentence)
    if not sentence:
        return []
    match = _one_line(finding.match)
    at = sentence.find(match) if match else -1
    if at < 0:
        at = sentence.lower().find(match.lower()) if match else -1
    lines = [f"    | {sentence}"]
    if at >= 0:
        width = max(1, min(len(match), len(sentence) - at))
        lines.append(f"    | {' ' * at}{paint('^' * width)}")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())
