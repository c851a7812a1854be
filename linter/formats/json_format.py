"""JSON for machines: ``{tool, findings, suppressed, errors, summary}`` with stable names.

``suppressed`` lists waived findings (each with ``suppressed: true`` and its
``suppression_reason``) when the run asked for an audit; it is empty otherwise.
"""

from __future__ import annotations

import json

from .. import __version__
from ..runner import Report


def render(report: Report) -> str:
    data = {
        "tool": {"name": "healthlint", "version": __version__},
        "findings": [f.to_dict() for f in report.findings],
        "suppressed": [f.to_dict() for f in report.suppressed],
        "errors": [e.to_dict() for e in report.errors],
        "summary": {
            "files": report.files,
            **report.counts(),
            "suppressed": report.suppressed_count,
            "baselined": report.baselined,
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
