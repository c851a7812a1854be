"""What ``healthlint check`` does once its arguments are parsed.

Both ways in share it: the Click command line (``linter.app.cli``) and the
start-up fast path for plain ``check`` arguments (``linter.app.entry``), so the
two can never lint, report or exit differently. Exit codes CI can trust:
0 clean, 1 a finding at or above the failing severity, 2 a usage, policy or
configuration error or an input that could not be read, 130 on Ctrl-C.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from linter.common.errors import HealthlintError, PolicyError

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from collections.abc import Sequence

    from linter.app.options import View
    from linter.config.settings import Options
    from linter.formats.html import FileCopy
    from linter.results.findings import Finding
    from linter.results.report import Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def say(message: str) -> None:
    """One line for people, on standard error."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    options: Options,
    view: View | None = None,
) -> int:
    """Lint ``paths``, fix or write the report, tell the tally; the exit code.

    Raises HealthlintError for a bad policy, configuration, baseline, format
    or output file: ``guarded`` turns it into one line and exit 2.
    """
    from linter.app.options import View
    from linter.formats import formatter
    from linter.formats.records import tally

    view = view or View()
    if (view.fix or view.diff) and "-" in paths:
        from linter.common.errors import ConfigError

        raise ConfigError("--fix and --diff change files: give paths, not - (standard input)")
    for line in usage_warnings(paths, options, view):
        say(line)
    render = formatter(fmt, read_copy)  # before linting: a broken template fails fast
    to_terminal = not output or output == "-"
    if view.statistics:
        from linter.formats.statistics import render
    elif fmt == "text" and (view.show_source or _colour(view.color, to_terminal)):
        from functools import partial

        from linter.formats.text import render as render_text

        colour = _colour(view.color, to_terminal)
        render = partial(render_text, show_source=view.show_source, color=colour)
    report = lint(paths, options, quiet=view.quiet)
    if view.diff or view.fix:
        from linter.app.fixing import plan_fixes, unified_diff, write_fixes

        fixes = plan_fixes(report.findings, report.policy)
        fixed = sum(f.fixed for f in fixes)
        where = f"{len(fixes)} file{'s' if len(fixes) != 1 else ''}"
        if view.diff:
            sys.stdout.write(unified_diff(fixes))
            sys.stdout.flush()
            for error in report.errors:
                say(str(error))
            if not view.quiet:
                say(f"healthlint: {fixed} fix{'es' if fixed != 1 else ''} to apply in {where}")
            if report.errors:
                return EXIT_ERROR
            return EXIT_FINDINGS if fixes and not view.exit_zero else EXIT_CLEAN
        if fixes:
            write_fixes(fixes)
            if not view.quiet:
                say(f"healthlint: fixed {fixed} finding{'s' if fixed != 1 else ''} in {where}")
            report = lint(paths, options, quiet=True)  # what is left is what the report says
    text = render(report)
    if isinstance(text, bytes):  # Parquet
        _write_binary(text, output)
    elif output and output != "-":
        from linter.common.atomic import write_text_atomically

        write_text_atomically(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    # Standard error is for people: unread files and the tally, whatever the format.
    for error in report.errors:
        say(str(error))
    if not view.quiet:
        say(f"healthlint: {tally(report)}")
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.failing() and not view.exit_zero else EXIT_CLEAN


def read_copy(path: str, findings: Sequence[Finding]) -> FileCopy:
    """A file's copy with its findings placed, for the html format (loaded only by it)."""
    from linter.app.review import read_copy as read

    return read(path, findings)


def _write_binary(data: bytes, output: str | None) -> None:
    """A binary report to its file, or to a standard output that is not a terminal."""
    from linter.common.errors import FormatError

    if output and output != "-":
        from linter.common.atomic import write_bytes_atomically

        write_bytes_atomically(output, data)
    elif sys.stdout.isatty():
        raise FormatError("a binary report needs --output FILE (or a pipe)")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _colour(when: str, to_terminal: bool) -> bool:
    """--color: always, never, or auto (a terminal, unless NO_COLOR is set)."""
    if when != "auto":
        return when == "always"
    return to_terminal and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def usage_warnings(paths: tuple[str, ...], options: Options, view: View) -> list[str]:
    """Options that would silently do nothing, each told in one line."""
    out = []
    both = sorted(set(options.select or ()) & set(options.ignore))
    if both:
        named = ", ".join(both)
        out.append(f"healthlint: warning: {named} given to both --select and --ignore: not run")
    if options.stdin_filename and "-" not in paths:
        out.append("healthlint: warning: --stdin-filename applies only when a path is -")
    if view.fix and view.diff:
        out.append("healthlint: warning: --diff changes nothing, so --fix is ignored")
    if view.statistics and view.show_source:
        out.append(
            "healthlint: warning: --statistics lists no findings, so --show-source is ignored"
        )
    return out


class _Progress:
    """``done/total files`` on one rewritten line of a terminal's standard error."""

    #: Runs shorter than this many files finish before a progress line would help.
    MIN_FILES = 200

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < self.MIN_FILES or (done % 50 and done != total):
            return
        sys.stderr.write(f"\rhealthlint: {done}/{total} files")
        self.shown = True
        if done == total:
            sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def lint(paths: tuple[str, ...], options: Options, *, quiet: bool = True) -> Report:
    """The run's Report; raises HealthlintError for a bad policy, configuration or baseline.

    Unless ``quiet``, a long run on a terminal shows its progress on standard error.
    """
    from linter.run.runner import run

    progress = None if quiet or not sys.stderr.isatty() else _Progress()
    return run(list(paths), options, stdin=sys.stdin.buffer, progress=progress)


def error_line(exc: HealthlintError) -> str:
    """What a user is told of a policy, configuration or output error (a policy's with a caret)."""
    return exc.render() if isinstance(exc, PolicyError) else str(exc)


def internal_error(exc: BaseException) -> str:
    """The one line a bug costs when --debug is off."""
    return (
        f"healthlint: internal error: {type(exc).__name__}: {exc} "
        "(run with --debug for the traceback)"
    )


def enable_debugging() -> None:
    """--debug, from either way in: the environment reaches worker processes too."""
    os.environ["HEALTHLINT_DEBUG"] = "1"


def exit_code_for(exc: BaseException) -> int:
    """The one place an error becomes a message and an exit code (re-raised under --debug).

    Ctrl-C is 130; a policy, configuration or output error one line and 2;
    a bug one line and 2 unless --debug asks for the traceback.
    """
    if isinstance(exc, KeyboardInterrupt):
        say("healthlint: interrupted")
        return EXIT_INTERRUPTED
    if isinstance(exc, HealthlintError):
        say(error_line(exc))
        return EXIT_ERROR
    from linter.run.runner import debugging

    if debugging():
        raise exc
    say(internal_error(exc))
    return EXIT_ERROR


def guarded(action: Callable[[], int]) -> int:
    """``action()``'s exit code, with every error turned into one by ``exit_code_for``."""
    try:
        return action()
    except (KeyboardInterrupt, Exception) as exc:
        return exit_code_for(exc)
