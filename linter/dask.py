"""healthlint on a Dask cluster: a bag of records, or files and web archives, linted in batches.

Needs the ``dask`` extra. Two things decide the speed (docs/scale.md has the
figures): the policy travels to each worker once, and every task carries
enough work to pay for its scheduling (1.5-4 ms a task against 0.45 ms a
page). So the ``Linter`` enters the graph as one key that every task
depends on (each worker receives and unpickles it once, and the API's
per-process cache makes even repeated copies compile once), a task lints a
batch of pages or one whole WARC file, and each task writes its own Parquet
file, so no finding crosses the network twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from linter.api import BATCH_SIZE, Linter, Record
from linter.documents import is_archive
from linter.formats.rows import ParquetRows

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

#: Files a task lints when they are pages (a WARC file is a task on its own).
FILES_PER_TASK = 64


def tasks_for(paths: Sequence[str], files_per_task: int = FILES_PER_TASK) -> list[list[str]]:
    """The paths shared out into tasks: each WARC file alone, other files in batches, in order."""
    tasks: list[list[str]] = []
    pages: list[str] = []
    for path in paths:
        if is_archive(path):
            tasks.append([path])
        else:
            pages.append(path)
            if len(pages) >= files_per_task:
                tasks.append(pages)
                pages = []
    if pages:
        tasks.append(pages)
    return tasks


def lint_paths(
    client: Any,
    paths: Sequence[str],
    output: str,
    linter: Linter | None = None,
    *,
    files_per_task: int = FILES_PER_TASK,
    prefilter_raw: bool = False,
) -> list[tuple[str, int, int, int]]:
    """Lint files and web archives on the cluster; one Parquet file per task in ``output``.

    Returns, per task in order: (its Parquet file, findings, findings of
    severity error, unreadable files or records). The files must be readable
    by the workers under the same paths (a shared file system, or local
    workers).
    """
    import dask

    linter = Linter() if linter is None else linter
    os.makedirs(output, exist_ok=True)
    shipped = dask.delayed(linter, pure=True)  # one key: each worker fetches it once
    parts = [
        dask.delayed(_lint_task, pure=False)(
            shipped, task, os.path.join(output, f"part-{i:05d}.parquet"), prefilter_raw
        )
        for i, task in enumerate(tasks_for(paths, files_per_task))
    ]
    return list(client.compute(parts, sync=True))


def _lint_task(
    linter: Linter, paths: list[str], target: str, prefilter_raw: bool
) -> tuple[str, int, int, int]:
    """One task: lint its paths and write their rows as one Parquet file."""
    findings = failing = errors = 0
    with ParquetRows(target) as out:
        for result in linter.lint_files(paths, prefilter_raw=prefilter_raw):
            findings += len(result.findings)
            failing += sum(f.severity == "error" for f in result.findings)
            errors += result.error is not None
            out.write(linter.rows([result]))
    return target, findings, failing, errors


def lint_bag(bag: Any, linter: Linter | None = None, batch_size: int = BATCH_SIZE) -> Any:
    """A Dask bag of records (``Record`` or (name, content[, format]) tuples) -> a bag of rows.

    Each partition is linted in batches by the worker that holds it; the
    ``Linter`` is one key of the graph, sent to each worker once. Partitions
    of at least 32 records pay for their tasks (docs/scale.md).
    """
    import dask

    linter = Linter() if linter is None else linter
    return bag.map_partitions(_rows_of, dask.delayed(linter, pure=True), batch_size)


def _rows_of(records: Iterable[Record | tuple], linter: Linter, batch_size: int) -> list[dict]:
    return list(linter.rows(linter.lint_many(records, batch_size)))


def write_parquet(rows_bag: Any, output: str) -> list[str]:
    """Write a bag of rows as one Parquet file per partition in ``output``; their paths."""
    import dask

    os.makedirs(output, exist_ok=True)
    parts = rows_bag.to_delayed()
    writes = [
        dask.delayed(_write_rows, pure=False)(part, os.path.join(output, f"part-{i:05d}.parquet"))
        for i, part in enumerate(parts)
    ]
    return list(dask.compute(*writes))


def _write_rows(rows: list[dict], target: str) -> str:
    with ParquetRows(target) as out:
        out.write(rows)
    return target


@contextmanager
def start_client(scheduler: str, workers: int = 0) -> Iterator[Any]:
    """A client of the scheduler at an address, or of a new local cluster (``local``).

    A local cluster runs one single-threaded worker process per core (or
    ``workers``): linting holds the GIL, so threads would not help. It is
    shut down when the block ends.
    """
    from dask.distributed import Client, LocalCluster

    if scheduler != "local":
        with Client(scheduler) as client:
            yield client
        return
    from linter.run.parallel import available_cores

    with (
        LocalCluster(
            n_workers=workers or available_cores(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
