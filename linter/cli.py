"""The ``healthlint`` command.

Exit codes CI can trust: 0 clean, 1 a finding at or above ``--fail-on``,
2 a usage, policy or configuration error, or an input that could not be read.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import HealthlintError, PolicyError
from .policy.model import SEVERITIES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _load_policy(paths: tuple[str, ...]):
    from .policy import load_policies

    try:
        return load_policies(list(paths) or None)
    except PolicyError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(EXIT_ERROR)


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
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
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
    fail_on: str,
    stdin_filename: str | None,
) -> None:
    """Lint copy files and directories (Markdown, HTML, plain text)."""
    from .formats import formatter
    from .runner import Report, check_paths, lint_bytes

    if not paths:
        raise click.UsageError("give at least one path, or - to read standard input")
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

    sys.stdout.write(formatter(fmt)(report))
    if fmt == "text":
        for error in report.errors:
            click.echo(str(error), err=True)
    click.echo(_summary(report), err=True)
    if report.errors:
        sys.exit(EXIT_ERROR)
    if any(f.at_least(fail_on) for f in report.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _summary(report) -> str:
    counts = report.counts()
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items()]
    text = f"healthlint: {files} checked, " + ", ".join(parts)
    if report.errors:
        n = len(report.errors)
        text += f"; {n} file{'s' if n != 1 else ''} could not be read"
    return text


_POLICY_OPTION = click.option(
    "--policy",
    "policies",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Policy YAML file (repeatable). Default: the bundled us-health pack.",
)


@main.command("rules")
@_POLICY_OPTION
def rules_command(policies: tuple[str, ...]) -> None:
    """List the id, severity and title of every active rule."""
    from .explain import rules_table

    sys.stdout.write(rules_table(_load_policy(policies)))


@main.command("explain")
@click.argument("rule_id", metavar="ID")
@_POLICY_OPTION
def explain_command(rule_id: str, policies: tuple[str, ...]) -> None:
    """Show a rule's rationale, references, check, suggestion and examples."""
    from .explain import UnknownRule, explain_rule, find_rule

    policy = _load_policy(policies)
    try:
        rule = find_rule(policy, rule_id)
    except UnknownRule as exc:
        raise click.UsageError(str(exc)) from None
    sys.stdout.write(explain_rule(rule))


@main.command("test")
@click.argument("policy_files", nargs=-1, type=click.Path(dir_okay=False), metavar="[POLICY]...")
@click.option("--rule", "rule_ids", multiple=True, metavar="ID", help="Test only this rule.")
def test_command(policy_files: tuple[str, ...], rule_ids: tuple[str, ...]) -> None:
    """Run every rule's examples: fire ones must flag, pass ones must not.

    Policy files given together are compiled together (they share lexicons).
    Prints one line per failing example and a summary; exit 1 on any failure.
    """
    from .explain import UnknownRule, find_rule
    from .selftest import run_examples

    policy = _load_policy(policy_files)
    try:
        for rule_id in rule_ids:
            find_rule(policy, rule_id)
    except UnknownRule as exc:
        raise click.UsageError(str(exc)) from None
    report = run_examples(policy, list(rule_ids) or None)
    for failure in report.failures:
        click.echo(str(failure))
    click.echo(report.summary(), err=True)
    sys.exit(EXIT_CLEAN if report.ok else EXIT_FINDINGS)
