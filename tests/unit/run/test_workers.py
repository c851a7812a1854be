"""Sharing batches out among processes: order, failures and clean-up.

On Linux the calling process and its forked children take batch numbers
from one pipe and the children send their results back at their end
(linter.run.parallel). These tests drive run_all directly with small functions.
"""

from __future__ import annotations

import os
import sys
import time

import pytest

from linter.run import parallel

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="children are forked on Linux only"
)


def doubled(batch):
    time.sleep(0.001)  # long enough for every process to take some batches
    return [(n * 2, os.getpid()) for n in batch]


def test_results_come_back_in_the_jobs_order_from_every_process():
    jobs = list(range(1000))
    found = list(parallel.run_all(doubled, jobs, 3))
    assert [n for n, _ in found] == [n * 2 for n in jobs]
    assert len({pid for _, pid in found}) == 3  # the caller and two children all took batches


def test_a_failure_in_a_child_is_raised_in_the_caller():
    caller = os.getpid()

    def fails_in_children(batch):
        if os.getpid() == caller:
            time.sleep(0.01)  # leave batches for the children
            return list(batch)
        raise ValueError(f"bad batch starting at {batch[0]}")

    with pytest.raises(ValueError, match="bad batch starting at"):
        list(parallel.run_all(fails_in_children, list(range(640)), 2))
    _assert_no_children_left()


def test_a_child_that_dies_is_an_error_not_a_hang():
    caller = os.getpid()

    def dies_in_children(batch):
        if os.getpid() != caller:
            os._exit(3)
        time.sleep(0.01)
        return list(batch)

    with pytest.raises(RuntimeError, match="stopped unexpectedly"):
        list(parallel.run_all(dies_in_children, list(range(640)), 2))
    _assert_no_children_left()


def test_children_are_reaped_after_a_run():
    list(parallel.run_all(doubled, list(range(200)), 2))
    _assert_no_children_left()


def test_more_batches_than_tickets_are_grouped_and_all_done():
    jobs = list(range(parallel._MAX_TICKETS * parallel._MAX_CHUNK + 77))
    found = list(parallel.run_all(lambda batch: list(batch), jobs, 2))
    assert found == jobs


def _assert_no_children_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_elsewhere_a_pool_gives_the_same_results_in_order(monkeypatch):
    """Other platforms keep a multiprocessing pool: the same batches, the same order."""
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    jobs = list(range(500))
    found = list(parallel.run_all(doubled, jobs, 2))
    assert [n for n, _ in found] == [n * 2 for n in jobs]
    assert os.getpid() not in {pid for _, pid in found}  # pool workers did the work
