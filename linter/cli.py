"""The ``healthlint`` command.

Exit codes CI can trust: 0 clean, 1 a finding at or above ``--fail-on``,
2 a usage, policy or configuration error, or an input that could not be read.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import FormatError, HealthlintError, PolicyError
from .policy.model import SEVERITIES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _load_policy(paths: tuple[str, ...]):
    from .policy import load_policies

    try:
        return load_policies(list(paths) or None)
    except PolicyError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(EXIT_ERROR)


class FormatSpec(click.ParamType):
    """A format name, or ``template:PATH``; the name is checked here, the template later."""

    name = "format"

    def convert(self, value, param, ctx):
        from .formats import FORMATS, TEMPLATE_PREFIX

        if value in FORMATS or value.startswith(TEMPLATE_PREFIX):
            return value
        self.fail(
            f"{value!r} is not one of {', '.join(FORMATS)} or {TEMPLATE_PREFIX}PATH", param, ctx
        )

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from .formats import FORMATS, TEMPLATE_PREFIX

        names = [*FORMATS, TEMPLATE_PREFIX]
        return [CompletionItem(n) for n in names if n.startswith(incomplete)]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="healthlint")
def main() -> None:
    """Lint health marketing copy against regulatory policies."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--policy",
    "policies",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Policy YAML file (repeatable). Default: the bundled us-health pack.",
)
@click.option(
    "--format",
    "fmt",
    type=FormatSpec(),
    default="text",
    show_default=True,
    help="text, json, sarif, github (workflow annotations) or template:PATH (a Jinja2 template).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the report to this file (replaced atomically) instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(reversed(SEVERITIES))),
    default="error",
    show_default=True,
    help="Lowest severity that makes the run fail (exit 1).",
)
@click.option(
    "--stdin-filename", help="Name for text read from '-': picks the reader, shown in findings."
)
def check(
    paths: tuple[str, ...],
    policies: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    stdin_filename: str | None,
) -> None:
    """Lint copy files and directories (Markdown, HTML, plain text)."""
    from .formats import formatter
    from .formats.records import tally
    from .runner import Report, check_paths, lint_bytes

    if not paths:
        raise click.UsageError("give at least one path, or - to read standard input")
    render = _or_exit(formatter, fmt)  # before linting: a broken template fails fast
    policy = _load_policy(policies)
    try:
        if "-" in paths:
            report = Report(policy=policy)
            name = stdin_filename or "<stdin>"
            try:
                report.findings = lint_bytes(name, sys.stdin.buffer.read(), policy)
            except HealthlintError as exc:
                from .findings import FileError

                report.errors.append(FileError(name, exc.message, exc.line, exc.column))
            report.files = 1
            rest = [p for p in paths if p != "-"]
            if rest:
                more = check_paths(rest, policy)
                report.findings = sorted(
                    report.findings + more.findings, key=lambda f: f.sort_key()
                )
                report.errors += more.errors
                report.files += more.files
        else:
            report = check_paths(list(paths), policy)
    except PolicyError as exc:  # e.g. a message template that misbehaves at render time
        click.echo(exc.render(), err=True)
        sys.exit(EXIT_ERROR)

    text = _or_exit(render, report)
    if output and output != "-":
        from .atomic import write_text_atomically

        _or_exit(write_text_atomically, output, text)
    else:
        sys.stdout.write(text)
    # Standard error is for people: unread files and the tally, whatever the format.
    for error in report.errors:
        click.echo(str(error), err=True)
    click.echo(f"healthlint: {tally(report)}", err=True)
    if report.errors:
        sys.exit(EXIT_ERROR)
    if any(f.at_least(fail_on) for f in report.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _or_exit(action, *args):
    """Run one output step; a FormatError is a one-line error and exit 2."""
    try:
        return action(*args)
    except FormatError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
