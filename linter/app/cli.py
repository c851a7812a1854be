"""The ``healthlint`` command line, in Click: every command, its help and usage errors.

The program starts in ``linter.app.entry``, which runs a plain ``check`` itself
and hands everything else here. Exit codes CI can trust: 0 clean, 1 a
finding at or above ``--fail-on``, 2 a usage, policy or configuration error,
or an input that could not be read.
"""

from __future__ import annotations

import sys

import click

from linter import __version__
from linter.app.check import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    enable_debugging,
    exit_code_for,
)
from linter.app.options import (
    DEBUG_OPTION,
    LINT_OPTIONS,
    PREFILTER_RAW_OPTION,
    REPORT_OPTIONS,
    OptionSpec,
    PathRule,
    View,
    globs,
    rule_ids,
)
from linter.policy.model import SEVERITIES


def _rule_ids(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]):
    return rule_ids(value)


def _globs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]):
    return globs(value)


def click_option(spec: OptionSpec):
    """The Click decorator for one declared option (see linter.app.options)."""
    names = [spec.flag, *([spec.short] if spec.short else []), spec.dest]
    extra: dict[str, object] = {"help": spec.help}
    if spec.metavar:
        extra["metavar"] = spec.metavar
    if spec.repeat:
        extra["multiple"] = True
    if spec.kind == "flag":
        extra["is_flag"] = True
    elif spec.kind == "rules":
        extra["callback"] = _rule_ids
    elif spec.kind == "choice":
        extra.update(type=click.Choice(spec.choices), default=spec.default, show_default=True)
    elif spec.dest in ("exclude", "extend_exclude"):
        extra["callback"] = _globs
    elif spec.kind == "path":
        rule = spec.path or PathRule()
        extra["type"] = click.Path(dir_okay=rule.dir_okay, exists=rule.exists, allow_dash=rule.dash)
    elif spec.kind == "jobs":
        extra.update(type=click.IntRange(min=0), default=spec.default)
    elif spec.kind == "severity":
        extra["type"] = click.Choice(list(reversed(SEVERITIES)))
    elif spec.kind == "format":
        extra.update(type=FormatSpec(), default=spec.default, show_default=True)
    return click.option(*names, **extra)


def _declared(specs: tuple[OptionSpec, ...]):
    """A decorator adding the declared options, in the order declared."""

    def add(command):
        for spec in reversed(specs):
            command = click_option(spec)(command)
        return command

    return add


#: Options shared by every command that lints: which policies, config and rules.
_lint_options = _declared(LINT_OPTIONS)


def _options(**options: object):
    """The command line's Options; --config and --no-config together are a usage error."""
    from linter.config.settings import Options

    if options.get("config") and options.get("isolated"):
        raise click.UsageError("--config and --no-config cannot be used together")
    options["ignore"] = options.get("ignore") or ()
    return Options(**options)


class FormatSpec(click.ParamType):
    """A format name, or ``template:PATH``; the name is checked here, the template later."""

    name = "format"

    def convert(self, value, param, ctx):
        """Click calls this on each ``--format`` value: a misspelt name fails as a usage error."""
        from linter.formats import FORMATS, TEMPLATE_PREFIX

        if value in FORMATS or value.startswith(TEMPLATE_PREFIX):
            return value
        self.fail(
            f"{value!r} is not one of {', '.join(FORMATS)} or {TEMPLATE_PREFIX}PATH", param, ctx
        )

    def shell_complete(self, ctx, param, incomplete):
        """Shell completion offers the format names and the ``template:`` prefix."""
        from click.shell_completion import CompletionItem

        from linter.formats import FORMATS, TEMPLATE_PREFIX

        names = [*FORMATS, TEMPLATE_PREFIX]
        return [CompletionItem(n) for n in names if n.startswith(incomplete)]


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        enable_debugging()
    return value


def _near_miss(typed: str, option: str) -> bool:
    """A plausible slip for ``option``: a prefix of it, or at most two edits away.

    Click suggests anything difflib finds similar, so ``--sever`` was offered
    ``--select`` and ``--conf`` ``--color``; a suggestion must be a likely slip.
    """
    if option.startswith(typed) and len(typed) > 3:
        return True
    a, b = typed.lstrip("-"), option.lstrip("-")
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1] <= min(2, len(a) // 2)


class _Command(click.Command):
    """A command whose unknown-option error suggests only likely slips."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            typed = exc.option_name
            exc.possibilities = [p for p in exc.possibilities or () if _near_miss(typed, p)]
            raise


class _Healthlint(click.Group):
    """Every command: errors become one line and an exit code in one place (exit_code_for)."""

    command_class = _Command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (KeyboardInterrupt, Exception) as exc:
            ctx.exit(exit_code_for(exc))


_DEBUG_OPTION = click.option(
    DEBUG_OPTION.flag,
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_debug,
    help=DEBUG_OPTION.help,
)


@click.group(cls=_Healthlint, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="healthlint")
@_DEBUG_OPTION
def main() -> None:
    """Lint health marketing copy against regulatory policies."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@_lint_options
@_DEBUG_OPTION
@_declared(REPORT_OPTIONS)
def check(paths: tuple[str, ...], fmt: str, output: str | None, **options: object) -> None:
    """Lint copy files and directories (Markdown, HTML, plain text)."""
    from linter.app.check import check as run_check

    if not paths:
        raise click.UsageError("give at least one path, or - to read standard input")
    view = View.take(options)
    sys.exit(run_check(paths, fmt, output, _options(**options), view))


@main.command("init")
def init_command() -> None:
    """Write a starter .healthlint.yaml with every key commented; never overwrites one."""
    from linter.app.init import write_starter

    path = write_starter()
    click.echo(f"healthlint: wrote {path}; every key is commented out", err=True)


@main.group()
def baseline() -> None:
    """Record today's findings, so that a gate can fail on new ones only."""


@baseline.command("create")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=False))
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@_lint_options
def baseline_create(file: str, paths: tuple[str, ...], **options: object) -> None:
    """Write FILE with every finding in PATHS (default: the current folder).

    Use it with `healthlint check --baseline FILE`. Files that cannot be read
    are reported (exit 2) and are not recorded.
    """
    from linter.app.check import lint
    from linter.results.baseline import create

    report = lint(paths or (".",), _options(**options))
    for error in report.errors:
        click.echo(str(error), err=True)
    count = create(file, report.findings)
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    findings = f"{count} finding{'s' if count != 1 else ''}"
    click.echo(f"healthlint: baseline {file} records {findings} in {files}", err=True)
    sys.exit(EXIT_ERROR if report.errors else EXIT_CLEAN)


@main.command()
@click.option(
    "--stdio",
    is_flag=True,
    expose_value=False,  # stdio is the only transport; the flag is accepted for clients
    help="Talk LSP over stdin/stdout (the default; for clients that pass it).",
)
def lsp() -> None:
    """Run the language server on stdin/stdout, for editors."""
    from linter.lsp.server import serve

    serve()


def _load_policy(paths: tuple[str, ...]):
    """The active policy: the given files, else the configuration's, else the bundled pack."""
    from linter.config.settings import Options, Resolver

    return Resolver(Options(policies=paths)).settings_for(".", folder=True).policy


_POLICY_OPTION = click_option(LINT_OPTIONS[0])


@main.command("packs")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a pack.")
def packs_command(as_json: bool) -> None:
    """List the bundled packs: name, version, jurisdiction, rule count and description.

    Use a pack's name wherever a policy is accepted: `--policy au-health`,
    `policies: [us-health, us-ca]` in the configuration, `healthlint test us-ca`.
    """
    from linter.policy.packs import bundled_pack_infos, packs_table

    infos = bundled_pack_infos()
    if as_json:
        import json

        for info in infos:
            fields = {k: v for k, v in info.as_dict().items() if k != "folder"}
            click.echo(json.dumps(fields, ensure_ascii=False))
        return
    sys.stdout.write(packs_table(infos))


@main.command("rules")
@_POLICY_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: id, severity and title; json: everything each rule says about itself.",
)
@click.option(
    "--write-docs",
    "docs_folder",
    type=click.Path(file_okay=False),
    help="Write one Markdown page per rule (and an index) into this folder.",
)
def rules_command(policies: tuple[str, ...], fmt: str, docs_folder: str | None) -> None:
    """List the id, severity and title of every active rule."""
    from linter.config.settings import Options, Resolver

    settings = Resolver(Options(policies=policies)).settings_for(".", folder=True)
    policy = settings.policy
    if docs_folder:
        from linter.app.ruledocs import write_rule_docs

        count = write_rule_docs(policy, docs_folder)
        click.echo(f"healthlint: wrote {count} pages to {docs_folder}", err=True)
        return
    if fmt == "json":
        from linter.app.ruledocs import rules_json

        sys.stdout.write(rules_json(policy))
        return
    from linter.app.explain import rules_table

    sys.stdout.write(rules_table(settings.policy, settings.rules))


@main.command("explain")
@click.argument("rule_id", metavar="ID")
@_POLICY_OPTION
def explain_command(rule_id: str, policies: tuple[str, ...]) -> None:
    """Show a rule's rationale, references, check, suggestion and examples."""
    from linter.app.explain import UnknownRule, explain_rule, find_rule

    policy = _load_policy(policies)
    try:
        rule = find_rule(policy, rule_id)
    except UnknownRule as exc:
        raise click.UsageError(str(exc)) from None
    sys.stdout.write(explain_rule(rule))


@main.command("why")
@click.argument("rule_id", metavar="RULE")
@click.argument("target", metavar="PATH[:LINE]")
@_lint_options
def why_command(rule_id: str, target: str, **options: object) -> None:
    """Show how RULE was evaluated on the sentences of a line (of every line without one).

    For each sentence: which pattern matched where, which condition held or
    vetoed the match and because of what text, and the outcome.
    """
    from linter.app.explain import UnknownRule
    from linter.app.why import why

    try:
        sys.stdout.write(why(rule_id, target, _options(**options)))
    except UnknownRule as exc:
        raise click.UsageError(str(exc)) from None


@main.command("test")
@click.argument("policy_files", nargs=-1, type=click.Path(), metavar="[POLICY|PACK]...")
@click.option("--rule", "rule_ids", multiple=True, metavar="ID", help="Test only this rule.")
def test_command(policy_files: tuple[str, ...], rule_ids: tuple[str, ...]) -> None:
    """Run every rule's examples: fire ones must flag, pass ones must not.

    Policy files given together are compiled together (each pack keeps its
    own lexicons; another pack's are reached as @pack-name.lexicon).
    Prints one line per failing example and a summary; exit 1 on any failure.
    """
    from linter.app.explain import UnknownRule, find_rule
    from linter.app.selftest import run_examples

    policy = _load_policy(policy_files)
    try:
        for rule_id in rule_ids:
            if policy.rule(rule_id) is None and find_rule(policy, rule_id):
                raise UnknownRule(f"{rule_id} is a rule about waivers: it has no examples")
    except UnknownRule as exc:
        raise click.UsageError(str(exc)) from None
    report = run_examples(policy, list(rule_ids) or None)
    for failure in report.failures:
        click.echo(str(failure))
    click.echo(report.summary(), err=True)
    sys.exit(EXIT_CLEAN if report.ok else EXIT_FINDINGS)


@main.command("report")
@click.argument("report_file", metavar="REPORT.json", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html"]),
    default="html",
    show_default=True,
    help="The page to make from the saved report.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the page to this file (replaced atomically) instead of standard output.",
)
@_POLICY_OPTION
def report_command(report_file: str, fmt: str, output: str | None, policies: tuple[str, ...]):
    """Make a review page from a saved JSON report (`check --format json`).

    The copy is read again from the files the report names (relative to the
    current folder); the page says so when one is missing or changed since.
    Rule titles, rationale and suggestions come from the active policy.
    """
    from linter.app.review import make_page

    make_page(report_file, output, _load_policy(policies))


@main.command("scan")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--dask",
    "scheduler",
    required=True,
    metavar="SCHEDULER",
    help="A Dask scheduler's address (tcp://host:8786), or 'local' for a cluster on this machine.",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the findings: one Parquet file per task.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes of a local cluster (default 0: one per core).",
)
@_declared((LINT_OPTIONS[0], LINT_OPTIONS[3], LINT_OPTIONS[4], PREFILTER_RAW_OPTION))
def scan_command(
    inputs: tuple[str, ...],
    scheduler: str,
    output: str,
    workers: int,
    policies: tuple[str, ...],
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...],
    prefilter_raw: bool,
) -> None:
    """Lint files, folders and web archives (.warc.gz) on a Dask cluster, into Parquet.

    Needs the dask extra (pip install 'healthlint[dask]'). Each WARC file is
    a task; other files go in batches. Exit codes as for check.
    """
    from linter.app.scan import scan

    sys.exit(scan(inputs, scheduler, output, workers, policies, select, ignore, prefilter_raw))
