"""Dask: a local cluster of two worker processes lints what one process lints, row for row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from linter.api import Linter, times_compiled

distributed = pytest.importorskip("distributed", reason="distributed (the dask extra) is missing")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (the parquet extra) is missing")
db = pytest.importorskip("dask.bag", reason="dask[bag] (the dask extra) is missing")

from linter import dask as on_dask  # noqa: E402  # after the skips

CLAIMS = [
    "Our stem cell therapy cures multiple sclerosis.",
    "Patients see results in weeks, guaranteed.",
    "This treatment is FDA approved for knee pain.",
    "Many patients report less pain after treatment.",
    "Call today to book a consultation.",
    "Stem cells can reverse Parkinson's disease.",
    "Our clinic is 100% safe with no side effects.",
    "Results vary; talk to your doctor first.",
]


def _page(i: int) -> tuple[str, str]:
    """A clinic-like page: a heading, a few claims, in Markdown or HTML."""
    lines = [CLAIMS[(i * 3 + k) % len(CLAIMS)] for k in range(1 + i % 4)]
    if i % 2:
        body = "".join(f"<p>{line}</p>\n" for line in lines)
        return f"page-{i:03d}.html", f"<html><body>\n<h1>Clinic {i}</h1>\n{body}</body></html>\n"
    body = "\n\n".join(lines)
    return f"page-{i:03d}.md", f"# Clinic {i}\n\n{body}\n"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("site")
    paths = []
    for i in range(256):
        name, text = _page(i)
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client
    # The worker processes are gone; multiprocessing's resource tracker, a
    # child of this process, would outlive them (other tests count children).
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


def test_tasks_are_batches_of_pages_and_whole_archives() -> None:
    paths = ["a.md", "b.md", "c.warc.gz", "d.html", "e.warc"]
    assert on_dask.tasks_for(paths, files_per_task=2) == [
        ["a.md", "b.md"],
        ["c.warc.gz"],
        ["e.warc"],
        ["d.html"],
    ]


def test_files_linted_on_two_workers_give_the_in_process_rows(
    client, pages: list[str], tmp_path: Path
) -> None:
    linter = Linter()
    expected = list(linter.rows(linter.lint_files(pages)))
    written = on_dask.lint_paths(client, pages, str(tmp_path / "out"), linter, files_per_task=32)
    assert len(written) == 8
    rows = [row for target, *_ in written for row in pq.read_table(target).to_pylist()]
    assert rows == expected
    assert len(rows) > 256  # most pages make a claim
    assert sum(w[1] for w in written) == len(expected)
    # Each worker process compiled the policy once at most, whatever number of tasks it ran.
    compiled = client.run(times_compiled)
    assert len(compiled) == 2
    assert all(n <= 1 for n in compiled.values())


def test_a_bag_of_records_gives_the_in_process_rows(client, pages: list[str]) -> None:
    linter = Linter(select=["cure-claim", "fda-status-disclosure"])
    records = [(p, Path(p).read_text(encoding="utf-8"), None) for p in pages]
    expected = linter.lint_rows(records)
    bag = db.from_sequence(records, npartitions=8)
    rows = on_dask.lint_bag(bag, linter).compute()
    assert rows == expected
    assert all(n <= 2 for n in client.run(times_compiled).values())  # two policies so far


def test_a_bag_of_rows_is_written_one_parquet_file_per_partition(
    client, pages: list[str], tmp_path: Path
) -> None:
    records = [(p, Path(p).read_text(encoding="utf-8")) for p in pages[:64]]
    bag = db.from_sequence(records, npartitions=4)
    files = on_dask.write_parquet(on_dask.lint_bag(bag), str(tmp_path / "bag"))
    assert len(files) == 4
    table = pq.read_table(tmp_path / "bag")
    assert table.num_rows == len(Linter().lint_rows(records))


def test_scan_on_a_local_cluster_writes_parquet_and_exits_as_check_does(
    pages: list[str], tmp_path: Path
) -> None:
    folder = str(Path(pages[0]).parent)
    command = [sys.executable, "-m", "linter", "scan", "--dask", "local", "--workers", "2"]
    run = subprocess.run(
        [*command, "--output", str(tmp_path / "scan"), folder], capture_output=True, text=True
    )
    assert run.returncode == 1, run.stderr  # findings of severity error, nothing unread
    assert "256 inputs in 4 tasks" in run.stderr
    table = pq.read_table(tmp_path / "scan")
    linter = Linter()
    assert table.num_rows == len(list(linter.rows(linter.lint_files(sorted(pages)))))
