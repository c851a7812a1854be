"""Escaping text for the syntaxes reports are written in, shared by formats and templates."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

_MARKDOWN_SPECIAL = str.maketrans({"|": "\\|", "\\": "\\\\", "<": "&lt;", ">": "&gt;"})


def markdown_cell(value: object) -> str:
    """One table cell: a pipe would end the cell and a newline the row."""
    return " ".join(str(value).split()).translate(_MARKDOWN_SPECIAL)


def csv_row(values: Iterable[object]) -> str:
    """One CSV record (RFC 4180 quoting), without its line ending."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(["" if v is None else v for v in values])
    return out.getvalue()
