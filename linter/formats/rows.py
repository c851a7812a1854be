"""Findings as flat rows: one shape for Parquet, JSON Lines tables, Dask and Spark.

A row is a finding or an unreadable file (``kind`` says which) with the
policy's content digest and the tool's version, so rows written by many
workers, or on many days, can be told apart and compared. Every column has
one Arrow type (``arrow_schema``): integers are int32 and text ``string``,
the types Spark's IntegerType and StringType expect in ``mapInArrow``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from linter import __version__
from linter.policy.cache import digest_of
from linter.results.findings import FileError, Finding
from linter.results.report import Report

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

#: The columns of a row, in order.
ROW_FIELDS = (
    "path",
    "kind",  # "finding", or "error" for a file or record that could not be (wholly) read
    "rule",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "match",
    "references",
    "policy_digest",
    "tool_version",
)
#: Rows per Parquet row group: large enough to compress well, small enough to stream.
ROW_GROUP = 65_536


def finding_row(finding: Finding, digest: str) -> dict[str, Any]:
    """A finding as one plain row of the tables (JSON Lines, Parquet, the API)."""
    return {
        "path": finding.path,
        "kind": "finding",
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "match": finding.match,
        "references": list(finding.references),
        "policy_digest": digest,
        "tool_version": __version__,
    }


def error_row(error: FileError, digest: str) -> dict[str, Any]:
    """A file that could not be read, as one row with no rule."""
    return {
        "path": error.path,
        "kind": "error",
        "rule": "",
        "severity": "error",
        "message": error.message,
        "line": error.line,
        "column": error.column,
        "end_line": error.line,
        "end_column": error.column,
        "match": "",
        "references": [],
        "policy_digest": digest,
        "tool_version": __version__,
    }


def report_rows(report: Report) -> Iterator[dict[str, Any]]:
    """A run's findings, then its unreadable files, as rows."""
    digest = digest_of(report.policy) if report.policy is not None else ""
    for finding in report.findings:
        yield finding_row(finding, digest)
    for error in report.errors:
        yield error_row(error, digest)


def arrow_schema() -> Any:
    """The Arrow schema of rows (imports pyarrow)."""
    import pyarrow as pa

    text, number = pa.string(), pa.int32()
    types = {"line": number, "column": number, "end_line": number, "end_column": number}
    types["references"] = pa.list_(text)
    return pa.schema([(name, types.get(name, text)) for name in ROW_FIELDS])


def arrow_table(rows: Iterable[dict[str, Any]]) -> Any:
    """Rows as an Arrow table of ``arrow_schema`` (imports pyarrow)."""
    import pyarrow as pa

    rows = list(rows)
    schema = arrow_schema()
    columns = {name: [row[name] for row in rows] for name in ROW_FIELDS}
    return pa.table(columns, schema=schema)


class ParquetRows:
    """A streaming Parquet writer of rows (zstd): memory holds one row group at most.

    ``sink`` is a path or a writable binary file. Raises FormatError when
    pyarrow is missing (the ``parquet`` extra).
    """

    def __init__(self, sink: Any) -> None:
        from linter.common.errors import FormatError

        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise FormatError(
                "the parquet format needs pyarrow: pip install 'healthlint[parquet]'"
            ) from None
        self._writer = pq.ParquetWriter(sink, arrow_schema(), compression="zstd")
        self._pending: list[dict[str, Any]] = []
        self.rows = 0

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Buffer rows and write a row group whenever enough are pending."""
        for row in rows:
            self._pending.append(row)
            if len(self._pending) >= ROW_GROUP:
                self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(arrow_table(self._pending))
            self.rows += len(self._pending)
            self._pending = []

    def close(self) -> None:
        """Write what is pending and close the file."""
        self._flush()
        self._writer.close()

    def __enter__(self) -> ParquetRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
