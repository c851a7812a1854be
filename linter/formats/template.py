"""``--format template:PATH``: a user's Jinja2 template, for any report shape we do not ship.

The template runs in Jinja2's SandboxedEnvironment (no access to Python
internals) with undefined names as errors, so a typo fails loudly instead of
printing blanks. It sees plain data, the same fields as the JSON format:

- ``findings``: findings that count, each with the JSON keys plus
  ``suppressed`` (false), ``suppression_reason`` (""), ``fingerprint`` and ``title``;
- ``suppressed``: waived findings in an audit, same keys, ``suppressed`` true;
- ``errors``: files that could not be read (``path``, ``message``, ``line``, ``column``);
- ``summary``: ``files``, ``error``, ``warning``, ``info``, ``suppressed``;
- ``rules``: rule id → ``id``, ``title``, ``severity``, ``rationale``,
  ``references``, ``help_uri``, ``suggestion``;
- ``tool``: ``name`` and ``version``.

Filters beyond Jinja2's own: ``csv_row`` (a list → one RFC 4180 record) and
``markdown_cell`` (text safe inside a Markdown table cell). Templates whose
name ends in .html, .htm or .xml (optionally followed by .j2, .jinja or
.jinja2) are autoescaped.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.common.errors import FormatError
from linter.formats.escaping import csv_row, markdown_cell
from linter.formats.records import TOOL, finding_record, fingerprinted, rules_used, summary
from linter.results.report import Report

_ESCAPED_SUFFIXES = (".html", ".htm", ".xml")
_TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")


@dataclass(slots=True)
class TemplateFormat:
    """A compiled user template, loaded before linting so a broken one fails fast."""

    path: str
    template: Any

    def __call__(self, report: Report) -> str:
        """Render the report through the user's template."""
        return _render(self, context(report))


def load(path: str) -> TemplateFormat:
    """Read and compile the template; a missing or malformed one is a FormatError."""
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    file = Path(path)
    if not file.is_file():
        raise FormatError("cannot read template: no such file", path)
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(file.parent.resolve())),
        undefined=StrictUndefined,
        autoescape=_autoescaped(file.name),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["csv_row"] = csv_row
    env.filters["markdown_cell"] = markdown_cell
    try:
        template = env.get_template(file.name)
    except TemplateSyntaxError as exc:
        raise FormatError(f"template syntax: {_one_line(exc.message)}", path, exc.lineno) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FormatError(f"cannot read template: {reason}", path) from None
    return TemplateFormat(path, template)


def context(report: Report) -> dict[str, Any]:
    """What a template sees: findings, waived findings, rules and the summary, as plain values."""
    rules = {r.id: r for r in rules_used(report)}
    findings, waived = [], []
    for f, is_waived, fp in fingerprinted(report):
        record = {
            **finding_record(f),
            "suppressed": is_waived,
            "suppression_reason": f.suppression_reason if is_waived else "",
            "fingerprint": fp,
            "title": rules[f.rule].title,
        }
        (waived if is_waived else findings).append(record)
    return {
        "findings": findings,
        "suppressed": waived,
        "errors": [e.to_dict() for e in report.errors],
        "summary": summary(report),
        "rules": {
            rule_id: {
                "id": r.id,
                "title": r.title,
                "severity": r.severity,
                "rationale": r.rationale,
                "references": list(r.references),
                "help_uri": r.help_uri,
                "suggestion": r.suggestion,
            }
            for rule_id, r in rules.items()
        },
        "tool": dict(TOOL),
    }


def _render(fmt: TemplateFormat, data: dict[str, Any]) -> str:
    from jinja2 import TemplateError
    from jinja2.sandbox import SecurityError

    try:
        return fmt.template.render(data)
    except (
        TemplateError,
        ArithmeticError,
        LookupError,
        TypeError,
        ValueError,
        RecursionError,
    ) as exc:
        if isinstance(exc, SecurityError):
            problem = "template is not allowed to do that"
        elif isinstance(exc, TemplateError):
            problem = "template failed"
        else:
            problem = f"template failed: {type(exc).__name__}"
        line = _template_line(fmt.template.filename)
        raise FormatError(f"{problem}: {_one_line(str(exc))}", fmt.path, line) from None


def _template_line(filename: str) -> int:
    """The template line being rendered when the current exception was raised."""
    tb = sys.exc_info()[2]
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _autoescaped(name: str) -> bool:
    lower = name.lower()
    for suffix in _TEMPLATE_SUFFIXES:
        lower = lower.removesuffix(suffix)
    return lower.endswith(_ESCAPED_SUFFIXES)


def _one_line(text: str) -> str:
    return " ".join(text.split())
