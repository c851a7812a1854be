"""JSON for machines: ``{tool, findings, errors}`` with stable field names."""

from __future__ import annotations

import json

from .. import __version__
from ..runner import Report


def render(report: Report) -> str:
    data = {
        "tool": {"name": "healthlint", "version": __version__},
        "findings": [f.to_dict() for f in report.findings],
        "errors": [e.to_dict() for e in report.errors],
        "summary": {"files": report.files, **report.counts()},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
