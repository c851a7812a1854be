"""JSON Lines and Parquet output: a finding per line, or a row per finding and unread file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from linter import __version__
from linter.api import ROW_FIELDS, Linter
from linter.formats.rows import ParquetRows, arrow_schema

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (the parquet extra) is not installed")

PAGES = {
    "a.md": "# A\n\nIt cures MS.\n\nIt cures MS again.\n",
    "b.html": "<p>Our therapy cures MS.</p>",
    "c.txt": "Nothing to see.\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "d.md").write_bytes(b"It cures \x00 MS.")  # binary: an unread file
    return tmp_path


def _check(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linter", "check", "--select", "cure-claim", *args, "."],
        cwd=site,
        capture_output=True,
    )


def test_jsonl_is_the_json_reports_findings_one_per_line(site: Path) -> None:
    lines = _check(site, "--format", "jsonl").stdout.decode().splitlines()
    report = json.loads(_check(site, "--format", "json").stdout)
    assert [json.loads(line) for line in lines] == report["findings"]
    assert len(lines) == 3


def test_parquet_holds_a_row_per_finding_and_per_unread_file(site: Path) -> None:
    run = _check(site, "--format", "parquet", "--output", "out.parquet")
    assert run.returncode == 2  # d.md could not be read
    table = pq.read_table(site / "out.parquet")
    assert table.schema == arrow_schema()
    assert table.column_names == list(ROW_FIELDS)
    rows = table.to_pylist()
    assert [(r["path"], r["kind"], r["line"], r["column"]) for r in rows] == [
        ("a.md", "finding", 3, 4),
        ("a.md", "finding", 5, 4),
        ("b.html", "finding", 1, 16),
        ("d.md", "error", 0, 0),
    ]
    assert {r["tool_version"] for r in rows} == {__version__}
    assert {r["policy_digest"] for r in rows} == {Linter().policy_digest}
    assert pq.ParquetFile(site / "out.parquet").metadata.row_group(0).column(0).compression == (
        "ZSTD"
    )


def test_parquet_rows_round_trip_equal_the_interfaces_rows(site: Path) -> None:
    linter = Linter(select=["cure-claim"])
    rows = linter.lint_rows((f"./{n}", t, None) for n, t in PAGES.items())
    with ParquetRows(str(site / "rows.parquet")) as out:
        out.write(rows)
    assert out.rows == len(rows) == 3
    assert pq.read_table(site / "rows.parquet").to_pylist() == rows


def test_parquet_to_a_terminal_is_refused(site: Path) -> None:
    from linter.app.check import _write_binary
    from linter.common.errors import FormatError

    class Terminal:
        def isatty(self) -> bool:
            return True

    real, sys.stdout = sys.stdout, Terminal()
    try:
        with pytest.raises(FormatError, match="needs --output"):
            _write_binary(b"PAR1", None)
    finally:
        sys.stdout = real


def test_parquet_streams_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import linter.formats.rows as module

    monkeypatch.setattr(module, "ROW_GROUP", 10)
    row = Linter().lint_rows([("a.md", "It cures MS.")])[0]
    with ParquetRows(str(tmp_path / "many.parquet")) as out:
        out.write(dict(row, line=i) for i in range(25))
    meta = pq.ParquetFile(tmp_path / "many.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [10, 10, 5]
