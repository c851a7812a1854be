"""Everyday options of ``check`` and the defects a new user hit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

CLAIM = "It cures MS.\n"


def healthlint(
    *args: str, cwd: Path, timeout: float = 60, stdin: str = ""
) -> subprocess.CompletedProcess:
    """Run the command line; standard input is ``stdin`` (empty), never the test runner's."""
    env = {**os.environ, "NO_COLOR": ""}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        check=False,
        env=env,
    )


def site(tmp_path: Path) -> Path:
    for name in ("blog/a.md", "blog/b.md", "drafts/x.md", "site/legal/terms.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CLAIM)
    return tmp_path


def linted(result: subprocess.CompletedProcess) -> list[str]:
    return sorted({line.split(":", 1)[0] for line in result.stdout.splitlines()})


# --- the report ------------------------------------------------------------------


def test_exit_zero_reports_findings_and_never_fails(tmp_path):
    site(tmp_path)
    done = healthlint("check", "--exit-zero", "blog", cwd=tmp_path)
    assert done.returncode == 0
    assert "[cure-claim]" in done.stdout


def test_statistics_counts_per_rule_and_severity_most_frequent_first(tmp_path):
    (tmp_path / "a.md").write_text("It cures MS. It cures MS. A revolutionary cure.\n")
    done = healthlint("check", "--statistics", "a.md", cwd=tmp_path)
    rows = [line.split() for line in done.stdout.splitlines()]
    assert rows[0][1:] == ["error", "cure-claim"]
    assert int(rows[0][0]) >= 2
    counts = [int(r[0]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert done.returncode == 1


def test_show_source_puts_a_caret_line_under_the_match(tmp_path):
    (tmp_path / "a.md").write_text("Our clinic cures MS fast.\n")
    done = healthlint("check", "--show-source", "a.md", cwd=tmp_path)
    lines = done.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "[cure-claim]" in line)
    assert lines[at + 1] == "    | Our clinic cures MS fast."
    assert lines[at + 2] == "    |            ^^^^^"


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {}, False),
        ([], {}, False),  # auto: not a terminal
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # asked for outright
    ],
)
def test_colour_only_when_asked_or_on_a_terminal(tmp_path, args, env, coloured):
    (tmp_path / "a.md").write_text(CLAIM)
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", *args, "a.md"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        env={**os.environ, **env},
    )
    assert ("\033[" in done.stdout) is coloured


def test_colour_is_off_under_no_color_on_a_terminal(monkeypatch, capsys, tmp_path):
    from linter.app import check as check_module

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert check_module._colour("auto", True) is False
    monkeypatch.delenv("NO_COLOR")
    assert check_module._colour("auto", True) is True


def test_quiet_leaves_out_the_tally(tmp_path):
    (tmp_path / "a.md").write_text(CLAIM)
    assert "files checked" not in healthlint("check", "-q", "a.md", cwd=tmp_path).stderr
    assert "file checked" in healthlint("check", "a.md", cwd=tmp_path).stderr


def test_progress_is_shown_for_long_runs_on_a_terminal_only(capsys):
    from linter.app.check import _Progress

    progress = _Progress()
    progress(50, 100)  # a short run: nothing
    assert capsys.readouterr().err == ""
    for done in range(1, 401):
        progress(done, 400)
    err = capsys.readouterr().err
    assert "healthlint: 200/400 files" in err
    assert err.endswith("\r\033[K")


# --- the walk --------------------------------------------------------------------


def test_a_fifo_in_a_walked_folder_is_reported_not_read(tmp_path):
    """Defect 1: a FIFO named like copy hung the run."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    site(tmp_path)
    os.mkfifo(tmp_path / "blog" / "pipe.md")
    done = healthlint("check", ".", cwd=tmp_path, timeout=30)
    assert done.returncode == 2
    assert "blog/pipe.md: error: not a regular file" in done.stderr.splitlines()
    assert "blog/a.md" in linted(done)


def test_a_file_named_more_than_once_is_linted_once(tmp_path):
    """Defect 2."""
    site(tmp_path)
    args = ("site/legal", "site/legal/terms.md", "./site/legal/terms.md")
    done = healthlint("check", *args, cwd=tmp_path)
    assert done.stdout.count("[cure-claim]") == 1
    assert "1 file checked" in done.stderr
    healthlint("baseline", "create", "b.json", *args, cwd=tmp_path)
    recorded = json.loads((tmp_path / "b.json").read_text())
    assert len(json.dumps(recorded).split("site/legal/terms.md")) == 2  # recorded once


def test_every_format_writes_a_walked_path_one_way(tmp_path):
    """Defect 5: text and JSON said ./blog/a.md where SARIF said blog/a.md."""
    site(tmp_path)
    text = healthlint("check", ".", cwd=tmp_path).stdout
    assert "blog/a.md:1:4:" in text
    assert "./blog" not in text
    data = json.loads(healthlint("check", "--format", "json", ".", cwd=tmp_path).stdout)
    assert {f["path"] for f in data["findings"]} >= {"blog/a.md"}


def test_ignore_files_and_no_respect_gitignore(tmp_path):
    site(tmp_path)
    (tmp_path / ".gitignore").write_text("drafts/\n")
    (tmp_path / ".ignore").write_text("site/\n")
    assert linted(healthlint("check", ".", cwd=tmp_path)) == ["blog/a.md", "blog/b.md"]
    everything = linted(healthlint("check", "--no-respect-gitignore", ".", cwd=tmp_path))
    assert everything == ["blog/a.md", "blog/b.md", "drafts/x.md", "site/legal/terms.md"]


def test_exclude_and_extend_exclude_on_the_command_line(tmp_path):
    site(tmp_path)
    (tmp_path / ".healthlint.yaml").write_text("exclude: ['drafts/']\n")
    assert "drafts/x.md" not in linted(healthlint("check", ".", cwd=tmp_path))
    extended = linted(healthlint("check", "--extend-exclude", "site/,b.md", ".", cwd=tmp_path))
    assert extended == ["blog/a.md"]
    replaced = linted(healthlint("check", "--exclude", "blog/", ".", cwd=tmp_path))
    assert replaced == ["drafts/x.md", "site/legal/terms.md"]


# --- silent no-ops ---------------------------------------------------------------


def test_a_rule_both_selected_and_ignored_gets_a_warning(tmp_path):
    """Defect 7."""
    (tmp_path / "a.md").write_text(CLAIM)
    done = healthlint(
        "check", "--select", "cure-claim", "--ignore", "cure-claim", "a.md", cwd=tmp_path
    )
    assert "warning: cure-claim given to both --select and --ignore" in done.stderr


def test_stdin_filename_without_dash_gets_a_warning(tmp_path):
    """Defect 7."""
    (tmp_path / "a.md").write_text(CLAIM)
    done = healthlint("check", "--stdin-filename", "x.md", "a.md", cwd=tmp_path)
    assert "warning: --stdin-filename applies only when a path is -" in done.stderr


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_broken_front_matter_gets_a_warning_and_its_copy_is_still_linted(tmp_path, fence):
    """Defect 7: a block never closed was read as body with no word said."""
    (tmp_path / "a.md").write_text(f"{fence}\ntitle: It cures MS\n\nBody.\n")
    done = healthlint("check", "a.md", cwd=tmp_path)
    assert done.stdout.splitlines()[0].startswith("a.md:1:1: warning: front matter opened")
    assert "[invalid-front-matter]" in done.stdout
    assert "a.md:2:" in done.stdout
    assert "[cure-claim]" in done.stdout
    assert done.returncode == 1  # the cure claim; the warning alone would not fail the run


def test_a_rule_line_above_prose_is_not_broken_front_matter(tmp_path):
    (tmp_path / "a.txt").write_text("---\n\nOur clinic: a calm place.\n")
    (tmp_path / "b.md").write_text("---\ntitle: Calm\n---\nBody.\n")
    done = healthlint("check", "a.txt", "b.md", cwd=tmp_path)
    assert "invalid-front-matter" not in done.stdout
    assert done.returncode == 0


def test_the_front_matter_warning_is_configured_like_any_rule(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Calm\n\nBody.\n")
    assert healthlint("check", "a.md", cwd=tmp_path).returncode == 0
    ignored = healthlint("check", "--ignore", "invalid-front-matter", "a.md", cwd=tmp_path)
    assert ignored.stdout == ""
    (tmp_path / "c.yaml").write_text("severity:\n  invalid-front-matter: error\n")
    raised = healthlint("check", "--config", "c.yaml", "a.md", cwd=tmp_path)
    assert "a.md:1:1: error: front matter opened" in raised.stdout
    assert raised.returncode == 1


@pytest.mark.parametrize(
    ("typed", "unrelated"), [("--sever", "--select"), ("--conf", "--color"), ("--fixx", "--config")]
)
def test_an_unknown_option_gets_no_meaningless_suggestion(typed, unrelated):
    """Defect 12: --fix was answered with "Did you mean '--config'?", --sever with --select."""
    code, _, err = run_cli("check", typed, "a.md")
    assert code == 2
    assert f"No such option '{typed}'" in err
    assert unrelated not in err


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("--formt", "--format"),
        ("--quite", "--quiet"),
        ("--conf", "--config"),
        ("--stdin-file", "--stdin-filename"),
    ],
)
def test_an_unknown_option_that_is_a_slip_gets_the_option_meant(typed, meant):
    code, _, err = run_cli("check", typed, "a.md")
    assert code == 2
    assert f"Did you mean '{meant}'?" in err


# --- waivers -------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["reason", "ok", "<why this copy is acceptable>", "TODO"])
def test_a_placeholder_or_very_short_reason_waives_nothing(tmp_path, reason):
    """Defect 3: the quick fix's placeholder was accepted as a reason."""
    page = tmp_path / "a.md"
    page.write_text(f"<!-- healthlint-disable-next-line cure-claim -- {reason} -->\n{CLAIM}")
    done = healthlint("check", "a.md", cwd=tmp_path)
    assert "[cure-claim]" in done.stdout
    assert "gives no real reason" in done.stdout
    assert "[suppression-without-reason]" in done.stdout


def test_a_real_reason_still_waives(tmp_path):
    page = tmp_path / "a.md"
    page.write_text(
        f"<!-- healthlint-disable-next-line cure-claim -- quoted from a study -->\n{CLAIM}"
    )
    assert "[cure-claim]" not in healthlint("check", "a.md", cwd=tmp_path).stdout


# --- configuration ---------------------------------------------------------------


def test_stdin_filename_honours_exclude(tmp_path):
    """Defect 4: text read as drafts/x.md was linted although drafts/ is excluded."""
    (tmp_path / ".healthlint.yaml").write_text("exclude: ['drafts/']\n")
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--stdin-filename", "drafts/x.md", "-"],
        input=CLAIM,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")
    kept = healthlint("check", "--stdin-filename", "blog/x.md", "-", cwd=tmp_path)
    assert kept.returncode in (0, 1)  # reads nothing here: only the exclusion is under test


def test_stdin_filename_honours_command_line_exclude(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "linter",
            "check",
            "--extend-exclude",
            "drafts/",
            "--stdin-filename",
            "drafts/x.md",
            "-",
        ],
        input=CLAIM,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")


def test_a_later_overrides_select_wins_over_an_earlier_ignore(tmp_path):
    """Defect 9: "later entries win" held for ignore but not for select."""
    site(tmp_path)
    (tmp_path / ".healthlint.yaml").write_text(
        "overrides:\n"
        "  - paths: ['blog/**']\n    ignore: [cure-claim]\n"
        "  - paths: ['blog/a.md']\n    select: [cure-claim]\n"
    )
    done = healthlint("check", "blog", cwd=tmp_path)
    assert linted(done) == ["blog/a.md"]


def test_baseline_create_makes_missing_folders(tmp_path):
    """Defect 10."""
    site(tmp_path)
    done = healthlint("baseline", "create", "ci/state/baseline.json", "blog", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "ci/state/baseline.json").read_text())["findings"]


# --- rules and explain ----------------------------------------------------------


def test_the_waiver_rules_are_listed_and_explained(tmp_path):
    """Deliverable 6: every rule can be listed and explained."""
    listed = healthlint("rules", cwd=tmp_path).stdout
    for rule in ("unused-suppression", "suppression-without-reason", "invalid-suppression"):
        assert any(line.split()[0] == rule for line in listed.splitlines())
        explained = healthlint("explain", rule, cwd=tmp_path)
        assert explained.returncode == 0
        assert explained.stdout.startswith(f"{rule} (warning, about waivers)")


def test_rules_applies_the_configurations_select_ignore_and_severity(tmp_path):
    (tmp_path / ".healthlint.yaml").write_text(
        "ignore: [hype-term, unused-suppression]\nseverity: {cure-claim: warning}\n"
    )
    rows = {
        line.split()[0]: line.split()[1]
        for line in healthlint("rules", cwd=tmp_path).stdout.splitlines()
    }
    assert "hype-term" not in rows
    assert "unused-suppression" not in rows
    assert rows["cure-claim"] == "warning"
    (tmp_path / ".healthlint.yaml").write_text("select: [cure-claim]\n")
    listed = healthlint("rules", cwd=tmp_path).stdout.split()
    assert listed[0] == "cure-claim"
    assert len(healthlint("rules", cwd=tmp_path).stdout.splitlines()) == 1


# --- init ------------------------------------------------------------------------


def test_init_writes_a_starter_with_every_key_commented_and_refuses_to_overwrite(tmp_path):
    from linter.config.files import _KEYS, load_config

    done = healthlint("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / ".healthlint.yaml"
    text = path.read_text()
    for key in _KEYS:
        assert f"\n# {key}:" in text, key
    uncommented = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert uncommented == []
    load_config(str(path))  # a valid configuration as written
    again = healthlint("init", cwd=tmp_path)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert path.read_text() == text
