"""The start-up fast path reads ``check`` exactly as Click does, or leaves it to Click.

``linter.app.entry`` parses plain ``check`` arguments without importing Click.
It must never read an argument list differently from the Click command: it
either gives the very values Click would, or declines and Click parses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.app import cli, entry
from tests.conftest import ROOT, SEEDS, run_cli


def click_values(argv: list[str]) -> tuple[tuple[str, ...], dict[str, object]]:
    """What the Click command makes of ``argv`` (group options first, as the fast path reads)."""
    rest = list(argv)
    debug = False
    while rest and rest[0] == "--debug":
        debug = True
        rest.pop(0)
    assert rest.pop(0) == "check"
    os.environ.pop("HEALTHLINT_DEBUG", None)
    ctx = cli.check.make_context("check", rest)
    params = dict(ctx.params)
    paths = params.pop("paths")
    params["ignore"] = params["ignore"] or ()
    params["debug"] = debug or os.environ.get("HEALTHLINT_DEBUG") == "1"  # its callback's mark
    if not paths:
        raise click.UsageError("no paths")
    if params["config"] and params["isolated"]:
        raise click.UsageError("--config and --no-config")
    return paths, params


@pytest.fixture(autouse=True)
def _no_debug_leak(monkeypatch):
    monkeypatch.delenv("HEALTHLINT_DEBUG", raising=False)  # Click's --debug callback sets it


def test_the_option_table_is_the_click_commands():
    options = [p for p in cli.check.params if isinstance(p, click.Option)]
    spelled = {name for o in options for name in (*o.opts, *o.secondary_opts)}
    assert spelled == set(entry.OPTIONS) | set(entry.SHORT)
    for option in options:
        long = next(o for o in option.opts if o.startswith("--"))
        dest, arity, _ = entry.OPTIONS[long]
        assert dest == option.name, long
        assert arity == ("flag" if option.is_flag else "many" if option.multiple else "one"), long
        for short in (o for o in option.opts if not o.startswith("--")):
            assert entry.SHORT[short] == long
    # The defaults: a bare run parses alike both ways.
    assert entry.parse_check(["check", "page.md"]) == click_values(["check", "page.md"])


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "seeds"],
        ["check", "-"],
        ["check", "a.md", "b.html", "--", "--odd-name.md"],
        ["--debug", "check", "a.md"],
        ["check", "--debug", "--no-config", "a.md"],
        ["check", "--format", "json", "-j1", "a.md"],
        ["check", "--format=sarif", "--output", "out.sarif", "-j", "2", "a.md"],
        ["check", "-o", "-", "--format", "template:x.j2", "a.md"],
        ["check", "a.md", "--select", "cure-claim,hype-term", "--select", "price-clarity"],
        ["check", "--ignore", "hype-term", "--fail-on", "warning", "--report-suppressed", "a.md"],
        ["check", "--policy", "p.yaml", "--policy=q.yaml", "--baseline", "b.json", "a.md"],
        ["check", "--stdin-filename", "page.md", "-", "--jobs=0", "--format", "github"],
        ["check", "--select", "", "a.md"],
    ],
)
def test_plain_check_runs_take_the_fast_path_with_clicks_values(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    parsed = entry.parse_check(argv)
    assert parsed is not None, argv
    assert parsed == click_values(argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["--help"],
        ["--version"],
        ["check", "--help"],
        ["check", "-h", "a.md"],
        ["rules"],
        ["baseline", "create", "b.json", "a.md"],
        ["check", "--unknown", "a.md"],
        ["check", "--format", "xml", "a.md"],
        ["check", "--format", "a.md"],
        ["check", "a.md", "--format"],
        ["check", "-j", "-1", "a.md"],
        ["check", "-jx", "a.md"],
        ["check", "--jobs=", "a.md"],
        ["check", "--fail-on", "fatal", "a.md"],
        ["check", "--no-config=yes", "a.md"],
        ["check", "--config", "missing.toml", "a.md"],
        ["check", "--config", "conf.toml", "--no-config", "a.md"],
        ["check", "--output", "folder", "a.md"],
        ["check", "-x", "a.md"],
    ],
)
def test_anything_else_is_left_to_click(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "conf.toml").write_text("[tool.healthlint]\n")
    assert entry.parse_check(argv) is None


TOKENS = [
    "check",
    "--debug",
    "a.md",
    "-",
    "--",
    "folder",
    "conf.toml",
    "missing",
    *entry.OPTIONS,
    *entry.SHORT,
    "-j2",
    "-j-1",
    "-oout.txt",
    "--jobs=3",
    "--format=json",
    "--fail-on=info",
    "--no-config=1",
    "json",
    "sarif",
    "template:t.j2",
    "warning",
    "cure-claim,hype-term",
    "3",
    "-1",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=8))
def test_whatever_the_fast_path_accepts_click_reads_the_same(tmp_path_factory, tokens):
    folder = tmp_path_factory.mktemp("args")
    (folder / "folder").mkdir()
    (folder / "conf.toml").write_text("[tool.healthlint]\n")
    argv = ["check", *tokens] if tokens[:1] != ["--debug"] else tokens
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        parsed = entry.parse_check(argv)
        if parsed is not None:
            assert parsed == click_values(argv), argv
    finally:
        os.chdir(cwd)
        os.environ.pop("HEALTHLINT_DEBUG", None)


def run_program(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HEALTHLINT_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_both_ways_in_give_the_same_report_and_exit_code(fmt, tmp_path):
    fast = run_program("check", "--no-config", "--format", fmt, str(SEEDS), cwd=tmp_path)
    code, out, err = run_cli("check", "--no-config", "--format", fmt, str(SEEDS))
    assert (fast.returncode, fast.stdout) == (code, out) == (1, out)
    assert fast.stderr.splitlines()[-1] == err.splitlines()[-1]
    if fmt == "json":
        assert len(json.loads(fast.stdout)["findings"]) > 50


def test_a_plain_check_does_not_import_click(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our therapy cures MS.\n", encoding="utf-8")
    probe = (
        "import sys\nfrom linter.app.entry import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print(code, 'click' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HEALTHLINT_CACHE_DIR": str(tmp_path / "c")}

    def probe_run(*args: str) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True
        )
        return run.stderr.splitlines()[-1].split()

    assert probe_run("check", str(page)) == ["1", "False"]
    assert probe_run("check", "--format", "nope", str(page)) == ["2", "True"]  # Click's error


def test_a_bug_outside_any_one_file_is_one_line_unless_debug(monkeypatch, capsys):
    from linter.run import runner

    def explode(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(runner, "run", explode)
    with pytest.raises(SystemExit) as exit:
        entry.main(["check", "--no-config", str(SEEDS)])
    assert exit.value.code == 2
    assert capsys.readouterr().err == (
        "healthlint: internal error: RuntimeError: simulated bug "
        "(run with --debug for the traceback)\n"
    )
    with pytest.raises(RuntimeError, match="simulated bug"):
        entry.main(["--debug", "check", "--no-config", str(SEEDS)])
    monkeypatch.delenv("HEALTHLINT_DEBUG")  # set by --debug above
    code, _, err = run_cli("check", "--no-config", str(SEEDS))  # the Click way in, alike
    assert code == 2
    assert err.splitlines()[-1].startswith("healthlint: internal error: RuntimeError")


# The console script, in a fresh interpreter that would say if its teardown ran.
CONSOLE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("teardown ran\\n"))
from linter.app.entry import console
sys.argv = ["healthlint", *sys.argv[1:]]
console()
"""


def run_console(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HEALTHLINT_CACHE_DIR": str(tmp_path / "c")}
    env.pop("PYTHONUNBUFFERED", None)  # as for most users: output to a pipe is buffered
    return subprocess.run(
        [sys.executable, "-c", CONSOLE, *args], env=env, capture_output=True, text=True
    )


def test_the_console_script_skips_teardown_and_loses_no_output(tmp_path):
    run = run_console(tmp_path, "check", "--no-config", "--format", "json", str(SEEDS))
    assert run.returncode == 1
    assert len(json.loads(run.stdout)["findings"]) > 50  # a pipe's buffer, flushed whole
    assert run.stderr.splitlines()[-1].startswith("healthlint: 5 files checked")
    assert "teardown ran" not in run.stderr


def test_the_console_script_keeps_every_exit_code(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text("Opening hours: 9 to 5.\n", encoding="utf-8")
    assert run_console(tmp_path, "check", "--no-config", str(clean)).returncode == 0
    usage = run_console(tmp_path, "check", "--format", "nope", str(clean))
    assert usage.returncode == 2
    assert "Invalid value for '--format'" in usage.stderr
    version = run_console(tmp_path, "--version")
    assert (version.returncode, version.stdout.split()[0]) == (0, "healthlint,")


def test_the_console_script_flushes_what_a_command_left_buffered(tmp_path):
    probe = (
        "import sys\nfrom linter.app import entry\n"
        "entry.main = lambda: sys.stdout.write('left in the buffer\\n')\n"
        "entry.console()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONUNBUFFERED", None)  # standard output to a pipe is block-buffered
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "left in the buffer\n")
