"""Linting many files on every core, with results in the order of the plan.

A site-wide gate lints thousands of files; one process uses one core. Files
are linted independently, in batches (see linter.run.runner.lint_targets), so
several processes can share the batches out, and the results are put back in
the plan's order: a report is the same, finding for finding, whatever the
number of processes. Small runs (a pre-commit hook's handful of files, an
editor's one) stay in the calling process, where starting workers would cost
more than it saves.

On Linux the calling process forks one child per extra job and lints too:
each process takes the next batch number from a shared pipe, so a process
slowed by other work on the machine simply takes fewer batches. The caller
lints the first batch before forking, so the children start with the plan,
the compiled policies and caches already warm (expressions compiled, RE2
states built, readers imported); nothing is pickled on the way in, and each
child sends all its results back once, at its end. This spares a two-core
run the multiprocessing machinery (an idle parent with two helper threads,
~25 ms of imports and pool start-up). Elsewhere a multiprocessing pool with
the platform's default start method does the work.

While files are linted, what was made before (modules, compiled policies,
the plan) is frozen out of the cyclic garbage collector's reach, and the
collector runs less often: a batch of documents keeps tens of thousands of
objects alive, and with Python's default threshold every few hundred
allocations walked them again (5% more instructions on the corpus,
measured with cachegrind). Forked children share the frozen pages too.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any, TypeVar

    Job = TypeVar("Job")
    Result = TypeVar("Result")

#: Fewer files than this per worker, and another worker is not worth starting.
MIN_FILES_PER_WORKER = 16
_MAX_CHUNK = 32  # files a worker takes at a time, and a batch in one process

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
    function: Callable[[Sequence[Job]], list[Result]], jobs: Sequence[Job], workers: int
) -> Iterator[Result]:
    """``function`` over consecutive batches of the jobs, on ``workers`` processes.

    ``function`` takes a batch and gives one result per job; the results
    come back one per job, in the jobs' order. A batch is what a worker
    takes at a time, so batches are small enough to keep every worker busy
    to the end.
    """
    size = _MAX_CHUNK if workers <= 1 else max(1, min(_MAX_CHUNK, len(jobs) // (workers * 8)))
    batches = [(start, min(start + size, len(jobs))) for start in range(0, len(jobs), size)]
    with _SteadyHeap():
        if workers <= 1 or len(batches) <= 1:
            for start, end in batches:
                yield from function(jobs[start:end])
        elif sys.platform.startswith("linux"):
            yield from _shared_out(function, jobs, batches, workers)
        else:
            with _context().Pool(workers, initializer=_start, initargs=(function, jobs)) as pool:
                for results in pool.imap(_run_batch, batches):
                    yield from results


#: Allocations between young-generation collections while linting (Python's default: 700).
_YOUNG_THRESHOLD = 20_000


class _SteadyHeap:
    """Keep the garbage collector off the long-lived heap while many files are linted.

    A class rather than a contextlib generator: contextlib is not otherwise
    imported by a run.
    """

    def __enter__(self) -> None:
        self._threshold = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(max(self._threshold[0], _YOUNG_THRESHOLD), *self._threshold[1:])

    def __exit__(self, *exc: object) -> None:
        gc.set_threshold(*self._threshold)
        gc.unfreeze()


#: At most this many tickets (batch numbers, two bytes each) go into the pipe
#: before any process reads one: 2 KiB, within the smallest pipe Linux makes.
_MAX_TICKETS = 1024


def _shared_out(
    function: Callable[[Sequence[Job]], list[Result]],
    jobs: Sequence[Job],
    batches: list[tuple[int, int]],
    workers: int,
) -> Iterator[Result]:
    """This process and ``workers - 1`` forked children work through the batches together."""
    import pickle  # only runs that start workers pay for these
    import signal

    per_ticket = -(-len(batches) // _MAX_TICKETS)  # batches a ticket stands for
    tickets = [batches[i : i + per_ticket] for i in range(0, len(batches), per_ticket)]
    queue, feed = os.pipe()
    os.write(feed, b"".join(n.to_bytes(2, "little") for n in range(len(tickets))))
    os.close(feed)  # read to the end, the queue is empty
    children: list[tuple[int, int]] = []  # (pid, the read end of its results)
    try:
        # The first batch before the children exist: they inherit what it
        # warmed (expressions compiled, RE2 states built, readers imported)
        # instead of each paying for it again.
        done = _work_through(function, jobs, tickets, queue, most=1)
        sys.stdout.flush()
        sys.stderr.flush()
        for _ in range(workers - 1):
            results, out = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child never returns from here
                os.close(results)
                _child(function, jobs, tickets, queue, out)
            os.close(out)
            children.append((pid, results))
        done.update(_work_through(function, jobs, tickets, queue))
        while children:
            pid, results = children.pop()
            with os.fdopen(results, "rb") as stream:
                payload = stream.read()
            _, status = os.waitpid(pid, 0)
            outcome = pickle.loads(payload) if payload else None
            if not isinstance(outcome, tuple) or outcome[0] != "done":
                if isinstance(outcome, tuple) and isinstance(outcome[1], BaseException):
                    raise outcome[1]
                raise RuntimeError(f"a worker process stopped unexpectedly (status {status})")
            done.update(outcome[1])
    finally:
        os.close(queue)
        for pid, results in children:  # interrupted, or a child failed: stop the others
            os.close(results)
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass
    for start, _ in batches:
        yield from done[start]


def _work_through(
    function: Callable[[Sequence[Job]], list[Result]],
    jobs: Sequence[Job],
    tickets: list[list[tuple[int, int]]],
    queue: int,
    most: int = -1,
) -> dict[int, list[Result]]:
    """Take tickets until none is left (or ``most`` are taken); a read takes one whole ticket."""
    done: dict[int, list[Result]] = {}
    while most != 0 and (ticket := os.read(queue, 2)):
        for start, end in tickets[int.from_bytes(ticket, "little")]:
            done[start] = function(jobs[start:end])
        most -= 1
    return done


def _child(function: Callable, jobs: Sequence, tickets: list, queue: int, out: int) -> None:
    """A forked child: its share of the batches, sent back at once; it never returns."""
    import pickle  # imported by the parent before forking: no cost here
    import signal

    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        payload = pickle.dumps(("done", _work_through(function, jobs, tickets, queue)), -1)
    except BaseException as exc:  # the parent raises it
        code = 1
        try:
            payload = pickle.dumps(("failed", exc), -1)
        except Exception:
            payload = pickle.dumps(("failed", RuntimeError(repr(exc))), -1)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(out, view) :]
        sys.stderr.flush()  # a --debug traceback
    finally:
        os._exit(code)


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


def _run_batch(batch: tuple[int, int]) -> list:
    function, jobs = _work  # type: ignore[misc]
    start, end = batch
    return function(jobs[start:end])
