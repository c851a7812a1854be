"""JSON for machines: ``{tool, findings, errors, summary}`` with stable field names.

In an audit, waived findings appear in ``findings`` in file order with
``"suppressed": true`` and their ``suppression_reason``; other findings carry
no suppression keys.
"""

from __future__ import annotations

import json

from linter.formats.records import TOOL, finding_record, marked, summary
from linter.results.report import Report


def render(report: Report) -> str:
    """The report as one JSON object: findings, errors and a summary."""
    data = {
        "tool": TOOL,
        "findings": [finding_record(f, waived) for f, waived in marked(report)],
        "errors": [e.to_dict() for e in report.errors],
        "summary": summary(report),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
