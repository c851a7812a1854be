"""Parquet (zstd): the run's rows (see linter.formats.rows) as a columnar file.

A million findings take tens of megabytes as JSON Lines and well under one
as Parquet, and a query per rule reads one column. Needs pyarrow (the
``parquet`` extra); the report is binary, so it goes to ``--output`` or to a
standard output that is not a terminal.
"""

from __future__ import annotations

from linter.formats.rows import ParquetRows, report_rows
from linter.results.report import Report


def render(report: Report) -> bytes:
    """The findings as a zstd Parquet table (the rows of linter.formats.rows)."""
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with ParquetRows(sink) as out:
        out.write(report_rows(report))
    return sink.getvalue().to_pybytes()
