"""Everything one run found: the one object every formatter reads."""

from __future__ import annotations

from linter.common.plaindata import PlainData
from linter.policy.model import Policy
from linter.results.findings import FileError, Finding


class Report(PlainData):
    """Everything one run found, ready for a formatter."""

    __slots__ = (
        "findings",
        "suppressed",
        "errors",
        "files",
        "policy",
        "suppressed_count",
        "baselined",
        "fail_on",
        "jobs",
    )

    def __init__(
        self,
        findings: list[Finding] | None = None,
        suppressed: list[Finding] | None = None,  # waived findings, for audits
        errors: list[FileError] | None = None,
        files: int = 0,
        policy: Policy | None = None,
        suppressed_count: int = 0,  # waived findings, listed in `suppressed` or not
        baselined: int = 0,  # findings left out because the baseline records them
        fail_on: dict[str, str] | None = None,  # path -> its failing severity
        jobs: int = 1,  # processes that linted the files
    ) -> None:
        self.findings = [] if findings is None else findings
        self.suppressed = [] if suppressed is None else suppressed
        self.errors = [] if errors is None else errors
        self.files = files
        self.policy = policy
        self.suppressed_count = suppressed_count
        self.baselined = baselined
        self.fail_on = {} if fail_on is None else fail_on
        self.jobs = jobs

    def counts(self) -> dict[str, int]:
        """How many findings of each severity, for summaries."""
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def failing(self) -> bool:
        """Does a finding reach the failing severity of its file? (Waived ones never do.)"""
        return any(f.at_least(self.fail_on.get(f.path, "error")) for f in self.findings)
