"""A finding is plain data shared by the engine, every formatter and the server."""

from __future__ import annotations

from linter.common.plaindata import PlainData
from linter.policy.model import severity_rank

# The fields every output format reports, in this order and spelling.
PUBLIC_FIELDS = (
    "path",
    "rule",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "match",
    "references",
)


class Finding(PlainData):
    """One problem at one place. Lines and columns are 1-based; the end is exclusive."""

    __slots__ = (*PUBLIC_FIELDS, "sentence", "suppressed", "suppression_reason")
    _uncompared = ("sentence",)

    def __init__(
        self,
        path: str,
        rule: str,
        severity: str,
        message: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        match: str,
        references: tuple[str, ...] = (),
        sentence: str = "",  # the sentence around the match
        suppressed: bool = False,  # waived by an inline suppression (reported only on request)
        suppression_reason: str = "",
    ) -> None:
        self.path = path
        self.rule = rule
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.match = match
        self.references = references
        self.sentence = sentence
        self.suppressed = suppressed
        self.suppression_reason = suppression_reason

    def sort_key(self) -> tuple:
        """Path, then position, then rule: the order findings are reported in."""
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column)

    def at_least(self, severity: str) -> bool:
        """Is this finding at or above ``severity``? The failing-severity test."""
        return severity_rank(self.severity) >= severity_rank(severity)

    def to_dict(self) -> dict:
        """The public fields; a waived finding adds ``suppressed`` and its reason."""
        out = {k: getattr(self, k) for k in PUBLIC_FIELDS}
        out["references"] = list(self.references)
        if self.suppressed:
            out["suppressed"] = True
            out["suppression_reason"] = self.suppression_reason
        return out


class FileError(PlainData):
    """A copy file that could not be read; the run reports it and goes on."""

    __slots__ = ("path", "message", "line", "column")

    def __init__(self, path: str, message: str, line: int = 0, column: int = 0) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def to_dict(self) -> dict:
        """The error as plain data, for JSON output."""
        return {
            "path": self.path,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: error: {self.message}"
