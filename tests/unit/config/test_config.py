"""Configuration files: discovery, every key, command-line precedence, errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import CLAIM_POLICY
from tests.conftest import run_cli as run

PAGE = "A miracle cure.\n"  # no-cure (error) at 1:11, hype (warning) at 1:3


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def rules_by_file(out: str, root: Path) -> dict[str, list[str]]:
    """{relative path: [rule ids]} from text output."""
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        path = line.split(":", 1)[0]
        rel = Path(path).resolve().relative_to(root.resolve()).as_posix()
        found.setdefault(rel, []).append(line.rsplit("[", 1)[1].rstrip("]"))
    return found


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder with the two-rule policy at its top."""
    write(tmp_path / "policy.yaml", CLAIM_POLICY)
    return tmp_path


# --- discovery ------------------------------------------------------------------


def test_the_nearest_configuration_upward_from_each_file_wins(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [hype]\n")
    write(site / "sub" / ".healthlint.yaml", "policies: [../policy.yaml]\nignore: [no-cure]\n")
    write(site / "a.md", PAGE)
    write(site / "sub" / "deeper" / "b.md", PAGE)
    code, out, _ = run("check", str(site))
    assert code == 1
    assert rules_by_file(out, site) == {"a.md": ["no-cure"], "sub/deeper/b.md": ["hype"]}
    # Naming the file finds the same configuration as the walk did.
    code, out, _ = run("check", str(site / "sub" / "deeper" / "b.md"))
    assert (code, rules_by_file(out, site)) == (0, {"sub/deeper/b.md": ["hype"]})


def test_pyproject_with_a_tool_table_is_a_configuration(site):
    write(
        site / "pyproject.toml",
        """
        [project]
        name = "clinic-site"

        [tool.healthlint]
        policies = ["policy.yaml"]
        ignore = ["no-cure"]
        """,
    )
    write(site / "a.md", PAGE)
    assert rules_by_file(run("check", str(site))[1], site) == {"a.md": ["hype"]}


def test_a_pyproject_without_the_table_does_not_stop_the_search(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [hype]\n")
    write(site / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(site / "sub" / "b.md", PAGE)
    assert rules_by_file(run("check", str(site))[1], site) == {"sub/b.md": ["no-cure"]}


@pytest.mark.parametrize("name", [".healthlint.yaml", ".healthlint.yml"])
def test_a_dedicated_file_beats_pyproject_in_the_same_folder(site, name):
    write(site / "pyproject.toml", '[tool.healthlint]\npolicies = ["policy.yaml"]\n')
    write(site / name, "policies: [policy.yaml]\nignore: [hype]\n")
    write(site / "a.md", PAGE)
    assert rules_by_file(run("check", str(site))[1], site) == {"a.md": ["no-cure"]}


def test_dash_dash_config_names_one_file_for_every_path(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [hype]\n")
    other = write(site / "elsewhere" / "ci.yaml", "policies: [../policy.yaml]\nignore: [no-cure]\n")
    write(site / "a.md", PAGE)
    code, out, _ = run("check", "--config", str(other), str(site / "a.md"))
    assert (code, rules_by_file(out, site)) == (0, {"a.md": ["hype"]})


def test_no_config_ignores_configuration_files(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [hype, no-cure]\n")
    write(site / "a.md", PAGE)
    _code, out, _ = run("check", "--no-config", "--policy", str(site / "policy.yaml"), str(site))
    assert rules_by_file(out, site) == {"a.md": ["hype", "no-cure"]}


def test_stdin_filename_picks_the_configuration_of_that_path(site):
    write(site / "sub" / ".healthlint.yaml", "policies: [../policy.yaml]\nignore: [no-cure]\n")
    name = str(site / "sub" / "page.md")
    code, out, _ = run("check", "-", "--stdin-filename", name, input=PAGE)
    assert (code, out) == (0, f"{name}:1:3: warning: hype: miracle [hype]\n")


# --- each key -----------------------------------------------------------------------


def test_policies_are_relative_to_the_configuration_file(tmp_path, monkeypatch):
    write(tmp_path / "rules" / "house.yaml", CLAIM_POLICY)
    write(tmp_path / "site" / ".healthlint.yaml", "policies: [../rules/house.yaml]\n")
    write(tmp_path / "site" / "a.md", PAGE)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    code, out, _ = run("check", "../site")
    assert code == 1
    assert out.splitlines() == [
        "../site/a.md:1:3: warning: hype: miracle [hype]",
        "../site/a.md:1:11: error: cure claim: cure [no-cure]",
    ]


def test_select_reports_only_the_named_rules(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nselect: [hype]\n")
    write(site / "a.md", PAGE)
    code, out, _ = run("check", str(site))
    assert (code, rules_by_file(out, site)) == (0, {"a.md": ["hype"]})


def test_severity_overrides_a_rules_severity(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nseverity:\n  no-cure: info\n")
    write(site / "a.md", "It cures.\n")
    code, out, _ = run("check", str(site))
    assert code == 0  # the error became info: below the default fail-on
    assert out == f"{site / 'a.md'}:1:4: info: cure claim: cures [no-cure]\n"


def test_include_replaces_the_copy_extensions_of_a_walk(site):
    write(site / ".healthlint.yaml", 'policies: [policy.yaml]\ninclude: ["*.copy", "docs/*.md"]\n')
    for rel in ("a.copy", "sub/b.copy", "c.md", "docs/d.md", "docs/deep/e.md"):
        write(site / rel, "It cures.\n")
    found = rules_by_file(run("check", str(site))[1], site)
    assert sorted(found) == ["a.copy", "docs/d.md", "sub/b.copy"]


def test_exclude_skips_files_and_folders_in_walks(site):
    write(
        site / ".healthlint.yaml",
        'policies: [policy.yaml]\nexclude: ["drafts/", "*.old.md", "blog/2019/**"]\n',
    )
    for rel in ("a.md", "drafts/b.md", "x/drafts/c.md", "d.old.md", "blog/2019/e.md", "blog/f.md"):
        write(site / rel, "It cures.\n")
    found = rules_by_file(run("check", str(site))[1], site)
    assert sorted(found) == ["a.md", "blog/f.md"]


def test_exclude_spares_named_files_unless_force_exclude(site):
    config = write(site / ".healthlint.yaml", 'policies: [policy.yaml]\nexclude: ["drafts/"]\n')
    draft = write(site / "drafts" / "b.md", "It cures.\n")
    code, out, err = run("check", str(draft))
    assert code == 1  # a file named on the command line is linted
    config.write_text(config.read_text() + "force-exclude: true\n")
    code, out, err = run("check", str(draft))  # as pre-commit names files
    assert (code, out) == (0, "")
    assert "0 files checked" in err


def test_overrides_apply_rule_choices_to_matching_paths(site):
    write(
        site / ".healthlint.yaml",
        """
        policies: [policy.yaml]
        ignore: [hype]
        overrides:
          - paths: ["blog/**"]
            ignore: [no-cure]
          - files: ["legal/*.md"]
            select: [hype]
            severity: {hype: error}
        """,
    )
    for rel in ("a.md", "blog/2020/b.md", "legal/c.md"):
        write(site / rel, PAGE)
    _code, out, _ = run("check", str(site))
    assert rules_by_file(out, site) == {"a.md": ["no-cure"]}
    # ignore at the top still wins over an override's select: legal/ gets nothing.


def test_override_select_and_severity(site):
    write(
        site / ".healthlint.yaml",
        """
        policies: [policy.yaml]
        overrides:
          - paths: ["legal/"]
            select: [hype]
            severity: {hype: error}
        """,
    )
    write(site / "legal" / "c.md", PAGE)
    write(site / "d.md", PAGE)
    code, out, _ = run("check", str(site))
    assert code == 1
    assert [line.split(": ", 1)[1] for line in out.splitlines()] == [
        "warning: hype: miracle [hype]",
        "error: cure claim: cure [no-cure]",
        "error: hype: miracle [hype]",
    ]
    assert rules_by_file(out, site) == {"d.md": ["hype", "no-cure"], "legal/c.md": ["hype"]}


def test_fail_on_from_the_configuration_and_the_command_line_wins(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nfail-on: warning\n")
    write(site / "a.md", "A miracle.\n")
    assert run("check", str(site))[0] == 1
    assert run("check", "--fail-on", "error", str(site))[0] == 0


# --- the command line wins ------------------------------------------------------


def test_select_on_the_command_line_replaces_the_configured_selection(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [no-cure]\n")
    write(site / "a.md", PAGE)
    out = run("check", "--select", "no-cure", str(site))[1]
    assert rules_by_file(out, site) == {"a.md": ["no-cure"]}


def test_ignore_on_the_command_line_adds_to_the_configuration(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [no-cure]\n")
    write(site / "a.md", PAGE)
    assert run("check", "--ignore", "hype", str(site))[1] == ""


def test_policy_on_the_command_line_replaces_configured_policies(site):
    other = write(
        site / "other.yaml",
        """
        rules:
          - id: other-rule
            severity: error
            message: "other"
            check: '"miracle"'
        """,
    )
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\n")
    write(site / "a.md", PAGE)
    assert rules_by_file(run("check", "--policy", str(other), str(site / "a.md"))[1], site) == {
        "a.md": ["other-rule"]
    }


def test_an_unknown_rule_on_the_command_line_exits_2(site):
    write(site / "a.md", PAGE)
    code, out, err = run(
        "check", "--policy", str(site / "policy.yaml"), "--select", "hyp", str(site)
    )
    assert (code, out) == (2, "")
    assert err == "--select: error: unknown rule id 'hyp' (did you mean 'hype'?)\n"


# --- errors: file:line, exit 2 ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("policies: [policy.yaml]\nselct: [hype]\n", "2:1", "unknown key 'selct' (did you mean"),
        (
            "policies: [policy.yaml]\nselect: [hype, no-cur]\n",
            "2:16",
            "unknown rule id 'no-cur' in select (did you mean 'no-cure'?)",
        ),
        (
            "policies: [policy.yaml]\nseverity:\n  hyp: error\n",
            "3:3",
            "unknown rule id 'hyp' in severity",
        ),
        (
            "policies: [policy.yaml]\noverrides:\n  - paths: [a]\n    ignore: [nope]\n",
            "4:14",
            "unknown rule id 'nope' in overrides[0].ignore",
        ),
        (
            "policies: [policy.yaml]\noverrides:\n  - paths: [a]\n    colour: red\n",
            "4:5",
            "unknown key 'colour' in an override",
        ),
        ("policies: [policy.yaml]\nseverity: {hype: loud}\n", "2:12", "severity.hype must be one"),
        ("policies: [policy.yaml]\nfail-on: 3\n", "2:1", "fail-on must be one of"),
        ("policies: [policy.yaml]\nselect: hype\n", "2:1", "select must be a list of rule ids"),
        ("policies: [missing.yaml]\n", "1:12", "policy file 'missing.yaml' not found"),
        ("select: [hype\n", "2:1", "invalid YAML"),
    ],
)
def test_yaml_configuration_errors_name_file_and_line(site, text, where, message):
    config = write(site / ".healthlint.yaml", text)
    write(site / "a.md", PAGE)
    code, out, err = run("check", str(site))
    assert (code, out) == (2, "")
    assert err.startswith(f"{config}:{where}: error: {message}")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[tool.healthlint]\npolicies = ["policy.yaml"]\nfail_on = "error"\n', 3, "unknown key"),
        (
            '[tool.healthlint]\npolicies = ["policy.yaml"]\nselect = ["hype",\n  "no-cur"]\n',
            4,
            "unknown rule id 'no-cur' in select",
        ),
        (
            '[tool.healthlint]\npolicies = ["policy.yaml"]\n\n[tool.healthlint.severity]\n'
            'hype = "warning"\nhyp = "error"\n',
            6,
            "unknown rule id 'hyp' in severity",
        ),
        (
            '[tool.healthlint]\npolicies = ["policy.yaml"]\n\n'
            '[[tool.healthlint.overrides]]\npaths = ["a"]\nignore = ["hype"]\n\n'
            '[[tool.healthlint.overrides]]\npaths = ["b"]\nignore = ["hype", "nope"]\n',
            10,
            "unknown rule id 'nope' in overrides[1].ignore",
        ),
        ('[tool.healthlint]\npolicies = ["policy.yaml"]\nselect = [\n', 4, "invalid TOML"),
    ],
)
def test_pyproject_errors_name_file_and_line(site, text, line, message):
    config = write(site / "pyproject.toml", '[project]\nname = "x"\n\n' + text)
    write(site / "a.md", PAGE)
    code, out, err = run("check", str(site))
    assert (code, out) == (2, "")
    assert err.startswith(f"{config}:{line + 3}:")
    assert f": error: {message}" in err


def test_a_configuration_error_stops_the_run_even_without_copy(site):
    config = write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [nope]\n")
    code, _, err = run("check", str(site))
    assert code == 2
    assert err.startswith(f"{config}:2:")


def test_an_empty_configuration_is_valid_and_stops_the_search(site):
    write(site / ".healthlint.yaml", "policies: [policy.yaml]\nignore: [hype, no-cure]\n")
    write(site / "sub" / ".healthlint.yaml", "")
    write(site / "sub" / "a.md", PAGE)
    code, out, _ = run("check", str(site / "sub"))
    assert code == 1  # the bundled pack, unfiltered
    assert "[cure-claim]" in out
