"""What ``healthlint check`` does once its arguments are parsed.

Both ways in share it: the Click command line (``linter.app.cli``) and the
start-up fast path for plain ``check`` arguments (``linter.app.entry``), so the
two can never lint, report or exit differently. Exit codes CI can trust:
0 clean, 1 a finding at or above the failing severity, 2 a usage, policy or
configuration error or an input that could not be read, 130 on Ctrl-C.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from linter.common.errors import FormatError, HealthlintError, PolicyError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (3 ms)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from linter.config.settings import Options
    from linter.formats.html import FileCopy
    from linter.results.findings import Finding

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def say(message: str) -> None:
    """One line for people, on standard error."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def check(paths: tuple[str, ...], fmt: str, output: str | None, options: Options) -> int:
    """Lint ``paths``, write the report, tell the tally; the exit code."""
    from linter.formats import formatter
    from linter.formats.records import tally

    render = _or_exit(formatter, fmt, read_copy)  # before linting: a bad template fails fast
    report = lint(paths, options)
    text = _or_exit(render, report)
    if output and output != "-":
        from linter.common.atomic import write_text_atomically

        _or_exit(write_text_atomically, output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    # Standard error is for people: unread files and the tally, whatever the format.
    for error in report.errors:
        say(str(error))
    say(f"healthlint: {tally(report)}")
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.failing() else EXIT_CLEAN


def read_copy(path: str, findings: Sequence[Finding]) -> FileCopy:
    """A file's copy with its findings placed, for the html format (loaded only by it)."""
    from linter.app.review import read_copy as read

    return read(path, findings)


def lint(paths: tuple[str, ...], options: Options):
    """The run's Report, or exit 2 with a one-line error for a bad policy, config or baseline."""
    from linter.run.runner import run

    try:
        return run(list(paths), options, stdin=sys.stdin.buffer)
    except PolicyError as exc:
        say(exc.render())
    except HealthlintError as exc:
        say(str(exc))
    sys.exit(EXIT_ERROR)


def _or_exit(action: Callable, *args):
    """Run one output step; a FormatError is a one-line error and exit 2."""
    try:
        return action(*args)
    except FormatError as exc:
        say(str(exc))
        sys.exit(EXIT_ERROR)


def internal_error(exc: BaseException) -> str:
    """The one line a bug costs when --debug is off."""
    return (
        f"healthlint: internal error: {type(exc).__name__}: {exc} "
        "(run with --debug for the traceback)"
    )


def guarded(action: Callable[[], int]) -> int:
    """``action()``'s exit code; Ctrl-C is 130 and a bug one line (unless --debug)."""
    from linter.run.runner import debugging

    try:
        return action()
    except KeyboardInterrupt:
        say("healthlint: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:
        if debugging():
            raise
        say(internal_error(exc))
        return EXIT_ERROR
