"""What ``healthlint scan`` does: files and web archives linted on a Dask cluster, into Parquet.

The command is for runs too big for one machine's ``check -j``; findings go
to one Parquet file per task (``linter.dask``), never through this process.
Exit codes as for ``check``: 2 when a file or record could not be read, 1
for a finding of severity error, else 0.
"""

from __future__ import annotations

import os

from linter.app.check import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, say
from linter.common.errors import ConfigError


def scan(
    inputs: tuple[str, ...],
    scheduler: str,
    output: str,
    workers: int,
    policies: tuple[str, ...],
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...],
    prefilter_raw: bool,
) -> int:
    """Lint ``inputs`` on the cluster and tell the tally; the exit code."""
    from importlib.util import find_spec

    if find_spec("distributed") is None or find_spec("pyarrow") is None:
        raise ConfigError("healthlint scan needs Dask: pip install 'healthlint[dask]'")
    from linter import dask as on_dask
    from linter.api import Linter, load_policy
    from linter.config.discovery import discover

    paths = [os.path.abspath(t.path) for t in discover(list(inputs), _CopyAndArchives())]
    linter = Linter(load_policy(list(policies) or None), select=select, ignore=ignore or ())
    with on_dask.start_client(scheduler, workers) as client:
        written = on_dask.lint_paths(
            client, paths, os.path.abspath(output), linter, prefilter_raw=prefilter_raw
        )
    findings = sum(w[1] for w in written)
    failing = sum(w[2] for w in written)
    errors = sum(w[3] for w in written)
    say(
        f"healthlint: {len(paths)} inputs in {len(written)} tasks, {findings} findings, "
        f"{errors} unread files or records; Parquet files in {output}"
    )
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_CLEAN


class _CopyAndArchives:
    """A walk's choice: copy files by extension, and web archives."""

    def wants(self, path: str, *, walked: bool) -> bool:
        from linter.config.discovery import is_copy_file
        from linter.documents import is_archive

        return not walked or is_archive(path) or is_copy_file(path)

    def wants_folder(self, path: str) -> bool:
        return True
