"""The copy behind a review page: files re-read and findings located in their blocks.

The html format shows each file as the reader extracted it, with every
finding marked where it lies. Both ways to a page read the files named in
the report again: ``check --format html`` just after linting, and
``healthlint report`` from a saved JSON report, perhaps long after. So a
finding is placed only where the file still holds its recorded text; when
it does not, the page says the file changed since the report (or is
missing) instead of marking the wrong words.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence

from linter.common.errors import FormatError, LossyDecode, ReadError
from linter.documents import Document, format_for_path, read_document, read_source
from linter.documents.model import Block, line_starts
from linter.formats.html import CopyBlock, FileCopy, Span
from linter.policy.model import Policy
from linter.results.findings import FileError, Finding
from linter.results.report import Report
from linter.run.runner import MAX_FILE_BYTES, read_at_most

_SPACE_RUN = re.compile(r"\s+")
STDIN_NAME = "<stdin>"


def read_copy(path: str, findings: Sequence[Finding]) -> FileCopy:
    """The file's blocks and, per finding, its span in them (None where it cannot be placed)."""
    none: list[Span | None] = [None] * len(findings)
    if path == STDIN_NAME:
        return FileCopy([], none, "read from standard input: the copy cannot be shown again")
    try:
        data = read_at_most(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return FileCopy([], none, f"{path}: missing (moved or deleted since the report)")
    except OSError as exc:
        return FileCopy([], none, f"{path}: cannot read file: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return FileCopy([], none, f"{path}: too large to show")
    try:
        doc = read_document(path, data, format_for_path(path) or "text")
    except LossyDecode as exc:  # shown as linted: bad bytes as U+FFFD
        doc = read_source(path, exc.text, format_for_path(path) or "text")
    except (ReadError, ValueError) as exc:
        return FileCopy([], none, str(exc))
    plain = doc.source.isascii()  # then there is no typography to put back
    blocks = [
        CopyBlock(b.kind, b.text if plain else _as_written(b, doc.source), b.level, b.name)
        for b in doc.blocks
    ]
    spans, changed = locate(doc, findings)
    problem = ""
    if changed:
        problem = (
            f"{path} changed since the report: {changed} of {len(findings)} "
            f"finding{'s' if len(findings) != 1 else ''} no longer match the text at their "
            "recorded position, so they are listed without a highlight"
        )
    return FileCopy(blocks, spans, problem)


def _as_written(block: Block, source: str) -> str:
    """The block's text with the typography the reader folded for matching put back.

    Block text has curly quotes straightened and dashes plain (same length,
    see linter.documents.model.matching_form); a reviewer reads the copy as
    written. White space stays folded: soft line breaks are not paragraph breaks.
    """
    chars = list(block.text)
    for p in block.pieces:
        if p.text_len != p.source_len:
            continue
        written = source[p.source_start : p.source_start + p.source_len]
        for i, char in enumerate(written):
            at = p.text_start + i
            if at < len(chars) and char != chars[at] and not char.isspace():
                chars[at] = char
    return "".join(chars)


def locate(doc: Document, findings: Sequence[Finding]) -> tuple[list[Span | None], int]:
    """Each finding's span in the document's blocks, and how many no longer match the file.

    A finding matches when the source between its start and end, with runs
    of white space made one space, is its recorded ``match`` (how the engine
    records it). One that matches yet lies outside every block (a note about
    a suppression comment) has no span but is no sign of change.
    """
    starts = line_starts(doc.source)
    ranges = [_source_range(b) for b in doc.blocks]
    spans: list[Span | None] = []
    changed = 0
    for f in findings:
        start = _offset(doc.source, starts, f.line, f.column)
        end = _offset(doc.source, starts, f.end_line, f.end_column)
        if (
            start is None
            or end is None
            or end < start
            or _squeeze(doc.source[start:end]) != (f.match)
        ):
            changed += 1
            spans.append(None)
            continue
        spans.append(_span(doc, ranges, start, end))
    return spans, changed


def _offset(source: str, starts: list[int], line: int, column: int) -> int | None:
    if not 1 <= line <= len(starts) or column < 1:
        return None
    offset = starts[line - 1] + column - 1
    return offset if offset <= len(source) else None


def _squeeze(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip()


def _source_range(block: Block) -> tuple[int, int]:
    pieces = block.pieces
    if not pieces:
        return (0, -1)
    return (
        min(p.source_start for p in pieces),
        max(p.source_start + p.source_len for p in pieces),
    )


def _span(doc: Document, ranges: list[tuple[int, int]], start: int, end: int) -> Span | None:
    """The block text the source range ``[start, end)`` became, in the first block it reaches."""
    for index, (low, high) in enumerate(ranges):
        if high <= start or low >= end:
            continue
        first = last = None
        for p in doc.blocks[index].pieces:
            p_end = p.source_start + p.source_len
            if p_end <= start or p.source_start >= end:
                continue
            if p.text_len == p.source_len:  # character for character
                t0 = p.text_start + max(start, p.source_start) - p.source_start
                t1 = p.text_start + min(end, p_end) - p.source_start
            else:  # an entity or escape: the whole run stands for its source
                t0, t1 = p.text_start, p.text_start + p.text_len
            first = t0 if first is None else min(first, t0)
            last = t1 if last is None else max(last, t1)
        if first is not None and last is not None and last > first:
            return Span(index, first, last)
    return None


def load_report(path: str) -> Report:
    """A Report from a saved JSON report (``check --format json``); FormatError if it is not one.

    The JSON names no policy and only the files with findings or errors, so
    the Report's policy is left for the caller and ``fail_on`` stays empty.
    """
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as exc:
        raise FormatError(f"cannot read report: {exc.strerror or exc}", path) from None
    except UnicodeDecodeError:
        raise FormatError("cannot read report: not UTF-8 text", path) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"not JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise FormatError("not a healthlint JSON report (no findings list)", path)
    report = Report()
    for index, record in enumerate(data["findings"]):
        finding = _finding(record, path, index)
        (report.suppressed if finding.suppressed else report.findings).append(finding)
    for index, record in enumerate(data.get("errors") or []):
        report.errors.append(_error(record, path, index))
    counts = data.get("summary") if isinstance(data.get("summary"), dict) else {}
    report.files = _count(counts, "files", path)
    report.suppressed_count = _count(counts, "suppressed", path) or len(report.suppressed)
    report.baselined = _count(counts, "baselined", path)
    report.findings.sort(key=Finding.sort_key)
    report.suppressed.sort(key=Finding.sort_key)
    return report


_TEXT_FIELDS = ("path", "rule", "severity", "message", "match")
_NUMBER_FIELDS = ("line", "column", "end_line", "end_column")


def _finding(record: object, path: str, index: int) -> Finding:
    where = f"finding {index + 1}"
    if not isinstance(record, dict):
        raise FormatError(f"{where} is not an object", path)
    for key in _TEXT_FIELDS:
        if not isinstance(record.get(key), str):
            raise FormatError(f"{where}: {key!r} must be a string", path)
    for key in _NUMBER_FIELDS:
        value = record.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise FormatError(f"{where}: {key!r} must be a whole number from 1", path)
    if record["severity"] not in ("error", "warning", "info"):
        raise FormatError(f"{where}: unknown severity {record['severity']!r}", path)
    references = record.get("references") or []
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise FormatError(f"{where}: 'references' must be a list of strings", path)
    reason = record.get("suppression_reason", "")
    return Finding(
        **{key: record[key] for key in (*_TEXT_FIELDS, *_NUMBER_FIELDS)},
        references=tuple(references),
        suppressed=record.get("suppressed") is True,
        suppression_reason=reason if isinstance(reason, str) else "",
    )


def _error(record: object, path: str, index: int) -> FileError:
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("path"), str)
        or not isinstance(record.get("message"), str)
    ):
        raise FormatError(f"error {index + 1}: needs a 'path' and a 'message'", path)
    line, column = record.get("line"), record.get("column")
    return FileError(
        record["path"],
        record["message"],
        line if isinstance(line, int) else 0,
        column if isinstance(column, int) else 0,
    )


def _count(counts: dict, key: str, path: str) -> int:
    value = counts.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise FormatError(f"summary: {key!r} must be a whole number", path)
    return value


def report_origin(path: str) -> str:
    """How the page names a saved report: its file name and when it was written."""
    from datetime import datetime

    try:
        written = datetime.fromtimestamp(os.path.getmtime(path)).astimezone()
    except OSError:
        return path
    return f"{path} (written {written.strftime('%Y-%m-%d %H:%M %Z').strip()})"


def make_page(report_file: str, output: str | None, policy: Policy | None) -> None:
    """``healthlint report``: the html page of a saved JSON report.

    Raises FormatError for a report that cannot be read (one line, exit 2,
    through linter.app.check.exit_code_for).
    """
    from linter.formats.html import HtmlFormat

    report = load_report(report_file)
    report.policy = policy
    page = HtmlFormat(read_copy, origin=report_origin(report_file))(report)
    if output and output != "-":
        from linter.common.atomic import write_text_atomically

        write_text_atomically(output, page)
    else:
        import sys

        sys.stdout.write(page)
        sys.stdout.flush()
