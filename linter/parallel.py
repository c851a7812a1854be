"""Linting many files on every core, with results in the order of the plan.

A site-wide gate lints thousands of files; one process uses one core. Files
are linted independently, so worker processes take them in chunks and the
results come back in the plan's order: a report is the same, finding for
finding, whatever the number of processes. Small runs (a pre-commit hook's
handful of files, an editor's one) stay in the calling process, where
starting workers would cost more than it saves.

On Linux the workers are forked, so they start with the plan, the compiled
policies and the warm caches of the parent, and nothing is pickled on the
way in. Elsewhere the platform's default start method is used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

#: Fewer files than this per worker, and another worker is not worth starting.
MIN_FILES_PER_WORKER = 16
_MAX_CHUNK = 32

_work: tuple[Callable, Sequence] | None = None  # (function, jobs), in each worker


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, where the OS has one)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return counter() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(files: int, jobs: int) -> int:
    """How many processes lint ``files`` files when ``jobs`` are allowed (0 = every core)."""
    jobs = jobs if jobs > 0 else available_cores()
    return max(1, min(jobs, files // MIN_FILES_PER_WORKER))


def run_all(
    function: Callable[[Job], Result], jobs: Sequence[Job], workers: int
) -> Iterator[Result]:
    """``function(job)`` for every job, in order, on ``workers`` processes."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield function(job)
        return
    chunk = max(1, min(_MAX_CHUNK, len(jobs) // (workers * 8)))
    with _context().Pool(workers, initializer=_start, initargs=(function, jobs)) as pool:
        yield from pool.imap(_run_one, range(len(jobs)), chunksize=chunk)


def _context() -> Any:
    import multiprocessing  # only runs that start workers pay for it

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _start(function: Callable, jobs: Sequence) -> None:
    """In each worker: remember the work; Ctrl-C is the parent's to handle."""
    import signal

    global _work
    _work = (function, jobs)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_one(index: int):
    function, jobs = _work  # type: ignore[misc]
    return function(jobs[index])
