"""JSON Lines: one finding per line, with the JSON report's fields.

For streams and tables that grow by appending (a crawl's findings, day after
day): no enclosing object, so files concatenate and tools read them line by
line. Unreadable files are reported on standard error, as in every format.
"""

from __future__ import annotations

import json

from linter.formats.records import finding_record, marked
from linter.results.report import Report


def render(report: Report) -> str:
    """One JSON object per finding, one finding per line: the JSON report's fields."""
    return "".join(
        json.dumps(finding_record(f, waived), ensure_ascii=False) + "\n"
        for f, waived in marked(report)
    )
