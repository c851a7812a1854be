"""``check --statistics``: how often each rule fired, most frequent first."""

from __future__ import annotations

from collections import Counter

from linter.results.report import Report


def counts(report: Report) -> list[tuple[int, str, str]]:
    """(count, rule id, severity), most frequent first, then by rule id and severity."""
    tally = Counter((f.rule, f.severity) for f in report.findings)
    return sorted(
        ((n, rule, sev) for (rule, sev), n in tally.items()), key=lambda t: (-t[0], t[1], t[2])
    )


def render(report: Report) -> str:
    """``COUNT  SEVERITY  RULE`` lines, aligned; nothing when there are no findings."""
    rows = counts(report)
    if not rows:
        return ""
    width = max(len(str(n)) for n, _, _ in rows)
    return "".join(f"{n:>{width}}  {sev:<7}  {rule}\n" for n, rule, sev in rows)
