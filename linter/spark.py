"""healthlint in Spark: ``mapInArrow`` over a DataFrame of records, or of WARC file paths.

Needs the ``spark`` extra and a Java runtime. A Spark task costs 27-30 ms in
local mode, sixty pages' worth of linting, so a partition should hold a
thousand records or one WARC file (docs/scale.md). The ``Linter`` goes out as
a broadcast variable: each Python worker unpickles it once, and with
``spark.python.worker.reuse`` (Spark's default) later tasks find the policy
compiled. Rows come back with the Arrow schema of ``linter.api.arrow_schema``;
``spark_schema()`` is the same schema in Spark's types (IntegerType for the
int32 columns, StringType for the strings), which ``mapInArrow`` requires
exactly.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.api import BATCH_SIZE, Linter, arrow_schema
from linter.formats.rows import arrow_table

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

#: Columns a DataFrame of records must have (``format`` may be null: chosen by the name).
RECORD_COLUMNS = ("name", "text", "format")


def spark_schema() -> Any:
    """The rows' schema in Spark's types (imports pyspark)."""
    from pyspark.sql import types as t

    text, number = t.StringType(), t.IntegerType()
    fields = []
    for field in arrow_schema():
        if field.name == "references":
            kind: Any = t.ArrayType(text, containsNull=True)
        elif str(field.type) == "int32":
            kind = number
        else:
            kind = text
        fields.append(t.StructField(field.name, kind, nullable=True))
    return t.StructType(fields)


def lint_dataframe(df: Any, linter: Linter | None = None, batch_size: int = BATCH_SIZE) -> Any:
    """A DataFrame of records (name, text, format) -> a DataFrame of rows (``spark_schema``).

    ``text`` may be a string or binary column (bytes are decoded as a copy
    file is). A record that cannot be read is an ``error`` row.
    """
    shipped = df.sparkSession.sparkContext.broadcast(Linter() if linter is None else linter)

    def lint_batches(batches: Iterator[Any]) -> Iterator[Any]:
        current = shipped.value
        for batch in batches:
            columns = batch.to_pydict()
            records = zip(*(columns[c] for c in RECORD_COLUMNS), strict=True)
            yield from _record_batches(current.rows(current.lint_many(records, batch_size)))

    return df.select(*RECORD_COLUMNS).mapInArrow(lint_batches, spark_schema())


def lint_warc_files(spark: Any, paths: list[str], linter: Linter | None = None) -> Any:
    """Web archives, one partition each, -> a DataFrame of rows (``spark_schema``).

    The paths must be readable by the executors under the same names.
    """
    shipped = spark.sparkContext.broadcast(Linter() if linter is None else linter)
    df = spark.createDataFrame([(p,) for p in paths], "path string")

    def lint_batches(batches: Iterator[Any]) -> Iterator[Any]:
        current = shipped.value
        for batch in batches:
            for path in batch.column("path").to_pylist():
                yield from _record_batches(current.rows(current.lint_files([path])))

    return df.repartition(max(1, len(paths))).mapInArrow(lint_batches, spark_schema())


def _record_batches(rows: Any) -> Iterator[Any]:
    """Rows as Arrow record batches of the exact schema Spark was promised."""
    table = arrow_table(rows)
    yield from table.to_batches()


__all__ = ["RECORD_COLUMNS", "lint_dataframe", "lint_warc_files", "spark_schema"]
