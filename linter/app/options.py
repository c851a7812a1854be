"""The options of ``healthlint check``, declared once.

Two readers are derived from this table: the Click command
(``linter.app.cli`` builds its ``click.option`` decorators from it) and the
start-up fast path (``linter.app.entry`` reads plain ``check`` arguments with
it, without importing Click; see docs/architecture.md, "Start-up budget").
Neither spells an option of its own, so the two cannot drift apart.
"""

from __future__ import annotations

from linter.common.plaindata import PlainData

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Literal

    #: What an option's value is: none (a flag), free text, rule ids, a path,
    #: a count of processes, a severity, or an output format.
    ValueKind = Literal["flag", "text", "rules", "path", "jobs", "severity", "format", "choice"]


class PathRule(PlainData):
    """What a path option accepts, as ``click.Path`` says it."""

    __slots__ = ("dir_okay", "exists", "dash")

    def __init__(self, dir_okay: bool = False, exists: bool = False, dash: bool = False) -> None:
        self.dir_okay = dir_okay
        self.exists = exists
        self.dash = dash


class OptionSpec(PlainData):
    """One command-line option: its spelling, where its value goes, and its help."""

    __slots__ = (
        "flag",
        "dest",
        "kind",
        "help",
        "short",
        "repeat",
        "path",
        "metavar",
        "default",
        "choices",
    )

    def __init__(
        self,
        flag: str,  # the long spelling, "--policy"
        dest: str,  # the parameter (Options field) it fills
        kind: ValueKind,
        help: str,  # Click's own name for it
        short: str | None = None,  # "-j"
        repeat: bool = False,  # may be given more than once, each value kept
        path: PathRule | None = None,  # for kind "path"
        metavar: str | None = None,
        default: object = None,
        choices: tuple[str, ...] = (),  # for kind "choice"
    ) -> None:
        self.flag = flag
        self.dest = dest
        self.kind = kind
        self.help = help
        self.short = short
        self.repeat = repeat
        self.path = path
        self.metavar = metavar
        self.default = default
        self.choices = choices

    @property
    def arity(self) -> str:
        """ "flag" (no value), "one" (the last given wins) or "many" (every value kept)."""
        return "flag" if self.kind == "flag" else "many" if self.repeat else "one"


#: Skips web archive pages before they are read (check and scan).
PREFILTER_RAW_OPTION = OptionSpec(
    "--prefilter-raw",
    "prefilter_raw",
    "flag",
    "Web archives: skip pages in which no rule's trigger occurs in the raw bytes "
    "(faster; a heuristic: markup inside a phrase can hide a trigger).",
    default=False,
)

#: Options of every command that lints (``check``, ``baseline create``).
LINT_OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec(
        "--policy",
        "policies",
        "path",
        "Policy YAML file, pack folder or bundled pack name such as au-health "
        "(repeatable; see `healthlint packs`). "
        "Default: as configured, else the bundled us-health pack.",
        repeat=True,
        path=PathRule(dir_okay=True),
        default=(),
    ),
    OptionSpec(
        "--config",
        "config",
        "path",
        "Use this configuration file for every path (no search).",
        path=PathRule(exists=True),
    ),
    OptionSpec("--no-config", "isolated", "flag", "Ignore configuration files.", default=False),
    OptionSpec(
        "--select",
        "select",
        "rules",
        "Only these rule ids (comma-separated, repeatable); replaces the configured selection.",
        repeat=True,
        metavar="RULES",
        default=(),
    ),
    OptionSpec(
        "--ignore",
        "ignore",
        "rules",
        "Leave out these rule ids (comma-separated, repeatable).",
        repeat=True,
        metavar="RULES",
        default=(),
    ),
    OptionSpec(
        "--stdin-filename",
        "stdin_filename",
        "text",
        "Name for text read from '-': picks the reader, shown in findings.",
    ),
    OptionSpec(
        "--exclude",
        "exclude",
        "text",
        "Leave out paths matching these globs (comma-separated, repeatable); "
        "replaces the configured exclude.",
        repeat=True,
        metavar="GLOBS",
        default=(),
    ),
    OptionSpec(
        "--extend-exclude",
        "extend_exclude",
        "text",
        "Also leave out paths matching these globs (comma-separated, repeatable).",
        repeat=True,
        metavar="GLOBS",
        default=(),
    ),
    OptionSpec(
        "--no-respect-gitignore",
        "no_respect_gitignore",
        "flag",
        "Walk into what .gitignore and .ignore files ignore.",
        default=False,
    ),
    OptionSpec(
        "--jobs",
        "jobs",
        "jobs",
        "Lint in N processes (default 0: one per core; 1: in this process). "
        "Findings are the same whatever N.",
        short="-j",
        metavar="N",
        default=0,
    ),
    PREFILTER_RAW_OPTION,
)

#: Shows tracebacks; accepted before the command and after it.
DEBUG_OPTION = OptionSpec(
    "--debug", "debug", "flag", "Show tracebacks for internal errors.", default=False
)

#: Options of ``check`` alone: what to write, where, and when to fail.
REPORT_OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec(
        "--format",
        "fmt",
        "format",
        "text, json, jsonl (a finding per line), sarif, github (workflow annotations), "
        "html (a review page), parquet (needs healthlint[parquet]) "
        "or template:PATH (a Jinja2 template).",
        default="text",
    ),
    OptionSpec(
        "--output",
        "output",
        "path",
        "Write the report to this file (replaced atomically) instead of standard output.",
        short="-o",
        path=PathRule(dash=True),
    ),
    OptionSpec(
        "--fail-on",
        "fail_on",
        "severity",
        "Lowest severity that makes the run fail (exit 1). Default: as configured, else error.",
    ),
    OptionSpec(
        "--report-suppressed",
        "report_suppressed",
        "flag",
        "Also list every waived finding with its reason (an audit); they never fail the run.",
        default=False,
    ),
    OptionSpec(
        "--baseline",
        "baseline",
        "path",
        "Report only findings this baseline file does not record.",
        path=PathRule(),
    ),
    OptionSpec(
        "--fix",
        "fix",
        "flag",
        "Insert the suggested disclosure of each require finding, then report what is left.",
        default=False,
    ),
    OptionSpec(
        "--diff",
        "diff",
        "flag",
        "Print what --fix would change as a unified diff; change nothing (exit 1 if any).",
        default=False,
    ),
    OptionSpec(
        "--exit-zero",
        "exit_zero",
        "flag",
        "Exit 0 even when findings reach the failing severity (errors still exit 2).",
        default=False,
    ),
    OptionSpec(
        "--statistics",
        "statistics",
        "flag",
        "Print a count per rule and severity, most frequent first, instead of the findings.",
        default=False,
    ),
    OptionSpec(
        "--show-source",
        "show_source",
        "flag",
        "Text format: show the sentence under each finding, with a caret line under the match.",
        default=False,
    ),
    OptionSpec(
        "--color",
        "color",
        "choice",
        "Colour the text format: auto (on a terminal, unless NO_COLOR is set), always, never.",
        metavar="WHEN",
        default="auto",
        choices=("auto", "always", "never"),
    ),
    OptionSpec(
        "--quiet",
        "quiet",
        "flag",
        "No tally and no progress on standard error (errors and warnings still).",
        short="-q",
        default=False,
    ),
)

#: The REPORT_OPTIONS that change what is shown or done with findings, not what is linted.
VIEW_FIELDS = (
    "fix",
    "diff",
    "exit_zero",
    "statistics",
    "show_source",
    "color",
    "quiet",
)


class View(PlainData):
    """What to do with a run's findings: fix them, count them, show them how."""

    __slots__ = VIEW_FIELDS

    def __init__(
        self,
        fix: bool = False,
        diff: bool = False,
        exit_zero: bool = False,
        statistics: bool = False,
        show_source: bool = False,
        color: str = "auto",
        quiet: bool = False,
    ) -> None:
        self.fix = fix
        self.diff = diff
        self.exit_zero = exit_zero
        self.statistics = statistics
        self.show_source = show_source
        self.color = color
        self.quiet = quiet

    @classmethod
    def take(cls, values: dict[str, object]) -> View:
        """Move the view's fields out of parsed option values."""
        return cls(**{name: values.pop(name) for name in VIEW_FIELDS if name in values})  # type: ignore[arg-type]


#: Every option ``check`` takes, in the order its help lists them.
CHECK_OPTIONS: tuple[OptionSpec, ...] = (*LINT_OPTIONS, DEBUG_OPTION, *REPORT_OPTIONS)


def globs(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--exclude a,b --exclude c`` -> ("a", "b", "c")."""
    return tuple(g.strip() for v in values for g in v.split(",") if g.strip())


def rule_ids(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--select a,b --select c`` -> ("a", "b", "c"); None when not given."""
    ids = tuple(r.strip() for v in values for r in v.split(",") if r.strip())
    return ids if values else None
