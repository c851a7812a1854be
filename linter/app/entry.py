"""The ``healthlint`` program: plain ``check`` runs start without Click.

A pre-commit hook or an editor starts healthlint on one file many times a
day, and importing Click costs more than linting a page. So this entry point
reads the arguments of an ordinary ``check`` run itself (the options below,
in the forms Click accepts) and runs the same ``linter.app.check.check`` that the
Click command runs. Anything else, from ``--help`` and the other commands to
an unknown option or a value Click would refuse, goes to Click
(``linter.app.cli``), which parses it again and owns every usage message. A test
keeps this table equal to the Click command's options and checks that every
argument list accepted here parses to the same values there. Both read
their options from one declaration, ``linter.app.options``.
"""

from __future__ import annotations

import os
import stat
import sys

from linter.app.options import CHECK_OPTIONS, OptionSpec, PathRule, globs, rule_ids
from linter.policy.model import SEVERITIES

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from collections.abc import Callable


class _Decline(Exception):
    """These arguments are Click's to parse (and perhaps to refuse)."""


def _path(value: str, rule: PathRule) -> str:
    """What ``click.Path`` accepts (readable by default), else decline."""
    if rule.dash and value == "-":
        return value
    try:
        st = os.stat(value)
    except OSError:
        if rule.exists:
            raise _Decline from None
        return value
    if (not rule.dir_okay and stat.S_ISDIR(st.st_mode)) or not os.access(value, os.R_OK):
        raise _Decline
    return value


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise _Decline from None
    if jobs < 0:
        raise _Decline
    return jobs


def _severity(value: str) -> str:
    if value not in SEVERITIES:
        raise _Decline
    return value


def _format(value: str) -> str:
    from linter.formats import FORMATS, TEMPLATE_PREFIX  # the check imports them anyway

    if value in FORMATS or value.startswith(TEMPLATE_PREFIX):
        return value
    raise _Decline


def _choice(choices: tuple[str, ...]) -> Callable[[str], object]:
    def convert(value: str) -> str:
        if value not in choices:
            raise _Decline
        return value

    return convert


def _converter(spec: OptionSpec) -> Callable[[str], object] | None:
    """How the fast path reads the option's value: as Click would, or it declines."""
    if spec.kind == "choice":
        return _choice(spec.choices)
    if spec.kind == "path":
        rule = spec.path or PathRule()
        return lambda value: _path(value, rule)
    return {"flag": None, "jobs": _jobs, "severity": _severity, "format": _format}.get(
        spec.kind, str
    )


#: Long option -> (destination, arity, converter), derived from linter.app.options.
OPTIONS = {spec.flag: (spec.dest, spec.arity, _converter(spec)) for spec in CHECK_OPTIONS}
SHORT = {spec.short: spec.flag for spec in CHECK_OPTIONS if spec.short}
DEFAULTS: dict[str, object] = {spec.dest: spec.default for spec in CHECK_OPTIONS}


_PATHS = PathRule(dir_okay=True, dash=True)  # what ``check`` takes as paths


def parse_check(argv: list[str]) -> tuple[tuple[str, ...], dict[str, object]] | None:
    """(paths, values) for a plain ``check`` run, or None to let Click parse it."""
    try:
        return _parse(argv)
    except _Decline:
        return None


def _parse(argv: list[str]) -> tuple[tuple[str, ...], dict[str, object]]:
    values = dict(DEFAULTS)
    rest = list(argv)
    while rest and rest[0] == "--debug":  # the group's own option, before the command
        values["debug"] = True
        rest.pop(0)
    if not rest or rest.pop(0) != "check":
        raise _Decline
    paths: list[str] = []
    while rest:
        token = rest.pop(0)
        if token == "--":
            paths += (_path(p, _PATHS) for p in rest)
            break
        if token == "-" or not token.startswith("-"):
            paths.append(_path(token, _PATHS))
            continue
        name, value = _split(token)
        if name not in OPTIONS:
            raise _Decline
        dest, arity, convert = OPTIONS[name]
        if arity == "flag":
            if value is not None:
                raise _Decline
            values[dest] = True
            continue
        if value is None:
            if not rest or (rest[0].startswith("-") and rest[0] != "-"):
                raise _Decline  # missing, or a value that looks like an option
            value = rest.pop(0)
        converted = convert(value)
        values[dest] = (*values[dest], converted) if arity == "many" else converted
    if not paths or (values["config"] and values["isolated"]):
        raise _Decline
    values["select"] = rule_ids(values["select"])  # type: ignore[arg-type]
    values["ignore"] = rule_ids(values["ignore"]) or ()  # type: ignore[arg-type]
    for name in ("exclude", "extend_exclude"):
        values[name] = globs(values[name])  # type: ignore[arg-type]
    return tuple(paths), values


def _split(token: str) -> tuple[str, str | None]:
    """``--name=value``, ``--name``, ``-jN`` or ``-j`` -> (long name, attached value)."""
    if token.startswith("--"):
        name, eq, value = token.partition("=")
        return name, (value if eq else None)
    short, attached = token[:2], token[2:]
    if short not in SHORT:
        raise _Decline
    return SHORT[short], (attached or None)


def main(argv: list[str] | None = None) -> None:
    """The console script and ``python -m linter``."""
    args = sys.argv[1:] if argv is None else list(argv)
    parsed = parse_check(args)
    if parsed is None:
        from linter.app.cli import main as click_main

        click_main(args)
        return
    paths, values = parsed
    from linter.app.check import check, enable_debugging, guarded

    if values.pop("debug"):
        enable_debugging()
    from linter.app.options import View
    from linter.config.settings import Options

    fmt, output = values.pop("fmt"), values.pop("output")
    view = View.take(values)
    sys.exit(guarded(lambda: check(paths, fmt, output, Options(**values), view)))  # type: ignore[arg-type]


def console() -> None:
    """The console script and ``python -m linter``: ``main``, then out at once.

    When the program is done, Python's own teardown would free every object
    of the run one by one: the modules, and for a site thousands of
    findings (7 ms of a one-file run, measured). The operating system takes
    the memory back whole instead. Every file this program writes is closed
    by then; standard output and error are flushed here. A flush that fails
    (a closed pipe) leaves the exit to Python, which reports it as before.
    """
    try:
        main()
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            raise  # a message to print: Python's to do
        code = stop.code or 0
    else:
        code = 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        sys.exit(code)
    os._exit(code)
