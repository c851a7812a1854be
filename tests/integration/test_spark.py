"""Spark: local[2] lints what one process lints, row for row (skipped without pyspark or Java)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from linter.api import ROW_FIELDS, Linter, arrow_schema
from tests.integration.test_dask import _page

pytest.importorskip("pyspark", reason="pyspark (the spark extra) is not installed")
pytest.importorskip("pyarrow", reason="pyarrow (the spark extra) is not installed")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs a Java runtime; none is installed", allow_module_level=True)

from linter import spark as on_spark  # after the skips


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Workers run this interpreter, not whichever python3 is first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("healthlint-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    session.stop()
    # The JVM is a child of this process and outlives stop(); other tests count children.
    if gateway is not None:
        gateway.shutdown()
        proc = getattr(gateway, "proc", None)
        if proc is not None:
            proc.stdin.close()  # the JVM leaves when its standard input closes
            proc.wait(timeout=60)
        SparkContext._gateway = SparkContext._jvm = None


def test_the_spark_schema_is_the_arrow_schema(spark) -> None:
    from pyspark.sql.pandas.types import to_arrow_schema

    converted = to_arrow_schema(on_spark.spark_schema())
    assert converted.names == list(ROW_FIELDS)
    assert converted.types == arrow_schema().types


def test_a_dataframe_of_records_gives_the_in_process_rows(spark) -> None:
    records = [(*_page(i), None) for i in range(256)]
    records[7] = ("page-007.docx", "It cures MS.", "docx")  # an unknown format: an error row
    linter = Linter()
    expected = linter.lint_rows(records)
    df = spark.createDataFrame(records, "name string, text string, format string").repartition(2)
    rows = [r.asDict() for r in on_spark.lint_dataframe(df, linter).collect()]
    key = lambda r: (r["path"], r["line"], r["column"], r["rule"], r["kind"])  # noqa: E731
    assert sorted(rows, key=key) == sorted(expected, key=key)
    assert any(r["kind"] == "error" for r in rows)


def test_warc_files_are_a_partition_each(spark, tmp_path: Path) -> None:
    from tests.unit.documents.test_warc import _member, _records

    paths = []
    for n in range(3):
        path = tmp_path / f"crawl-{n}.warc.gz"
        path.write_bytes(b"".join(_member(r) for r in _records()))
        paths.append(str(path))
    linter = Linter(select=["cure-claim"])
    expected = list(linter.rows(linter.lint_files(paths)))
    rows = [r.asDict() for r in on_spark.lint_warc_files(spark, paths, linter).collect()]
    key = lambda r: (r["path"], r["line"], r["column"], r["rule"])  # noqa: E731
    assert sorted(rows, key=key) == sorted(expected, key=key)
    assert len(rows) == 3 * 44
