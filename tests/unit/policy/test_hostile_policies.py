"""Hostile or broken policies: never a hang, never code execution, always file:line:col.

Policies may come from a third party (an agency, a vendor pack), so each
guarantee in SECURITY.md has a test here that fails if it breaks.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli


def run_check(policy: str, text: str = "It cures MS.\n") -> tuple[int, str, str]:
    return run_cli("check", "--policy", policy, "-", "--stdin-filename", "page.md", input=text)


def test_catastrophic_backtracking_runs_in_linear_time(write_policy, tmp_path):
    """(\\w+\\s?)+$ takes seconds on 24 characters with a backtracking engine; RE2 is linear.

    Run in a child process with a deadline, so a regression fails instead of hanging.
    """
    policy = write_policy(
        """
        rules:
          - id: slow
            severity: error
            message: "{{ match }}"
            check: 'find /(\\w+\\s?)+$/ unless negated'
        """
    )
    page = tmp_path / "page.txt"
    page.write_text("a" * 200_000 + "!\n" + "word " * 50_000 + "!\n")
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--policy", str(policy), str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr  # "!" ends each line: no match, and no hang


def test_regex_features_that_need_backtracking_are_refused_at_load(write_policy):
    policy = write_policy(
        """
        rules:
          - id: r
            severity: error
            message: m
            check: 'find /(a)\\1/'
        """
    )
    code, out, err = run_check(str(policy))
    assert (code, out) == (2, "")
    assert f"{policy}:5:" in err
    assert "invalid regex" in err


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ match.__class__.__base__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ self._TemplateReference__context }}",
        "{{ groups.__class__ }}",
        "{{ 'x' * 100000000 }}",
        "{{ 2 ** 100000000 }}",
        "{% for i in range(99999) %}{% for j in range(99999) %}.{% endfor %}{% endfor %}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "{% include '/etc/passwd' %}",
        "{{ nope }}",
    ],
)
def test_message_templates_cannot_reach_python_internals(write_policy, template):
    policy = write_policy(
        "rules:\n  - id: r\n    severity: error\n"
        f"    message: {template!r}\n"
        "    check: '\"cures\"'\n"
    )
    code, out, err = run_check(str(policy))
    assert (code, out) == (2, "")
    first = err.splitlines()[0]
    assert first.startswith(f"{policy}:4:14: error: invalid message template")
    assert "Traceback" not in err


def test_a_safe_jinja_message_still_renders(write_policy):
    policy = write_policy(
        """
        rules:
          - id: r
            severity: error
            message: "{{ match | upper }}{% if count > 1 %} x{{ count }}{% endif %}"
            check: '"cures"'
        """
    )
    code, out, _ = run_check(str(policy))
    assert code == 1
    assert out.strip().endswith("error: CURES [r]")


def _alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": each level is nine references to the level below."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines)


def test_a_yaml_alias_bomb_in_a_policy_is_refused_before_it_expands(write_policy):
    body = "\n".join("  " + line for line in _alias_bomb().splitlines())
    policy = write_policy(f"lexicons:\n{body}\nrules: []\n")
    code, _, err = run_check(str(policy))
    assert code == 2
    assert err.startswith(f"{policy}:")


def test_alias_fan_out_in_a_policy_hits_the_value_budget(write_policy):
    words = ", ".join(f'"w{i}"' for i in range(1000))
    lexicons = "\n".join(f"  l{i}: *big" for i in range(1, 300))
    policy = write_policy(f"lexicons:\n  l0: &big [{words}]\n{lexicons}\nrules: []\n")
    code, _, err = run_check(str(policy))
    assert code == 2
    assert "too many aliases" in err.splitlines()[0]


def test_a_yaml_alias_bomb_in_a_configuration_is_refused(tmp_path):
    (tmp_path / ".healthlint.yaml").write_text(
        "ignore: []\nbomb:\n" + "".join("  " + line + "\n" for line in _alias_bomb().splitlines())
    )
    (tmp_path / "page.md").write_text("It cures MS.\n")
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", str(tmp_path / "page.md")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 2
    assert "too many aliases" in done.stderr
    assert done.stderr.startswith(str(tmp_path / ".healthlint.yaml") + ":")


def test_a_python_tag_in_a_configuration_is_refused(tmp_path):
    (tmp_path / ".healthlint.yaml").write_text("fail-on: !!python/object/apply:os.system [ls]\n")
    (tmp_path / "page.md").write_text("It cures MS.\n")
    code, _, err = run_cli("check", str(tmp_path / "page.md"))
    assert code == 2
    assert err.startswith(f"{tmp_path / '.healthlint.yaml'}:1:10: error: YAML tag")


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system [touch pwned]",
        "!!python/object:os.system ls",
        "!!python/name:os.system",
        "!custom thing",
    ],
)
def test_yaml_tags_that_construct_objects_are_refused(write_policy, tmp_path, tagged):
    policy = write_policy(f"lexicons:\n  x: {tagged}\nrules: []\n")
    code, _, err = run_check(str(policy))
    assert code == 2
    assert err.startswith(f"{policy}:2:")
    assert "YAML tag" in err
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("rule", "needle", "line", "column"),
    [
        ("check: 'find @nope'", "unknown lexicon @nope", 5, 18),
        ("check: 'in chapter: find \"x\"'", "unexpected 'chapter'", 5, 16),
        ('check: \'find "x" unless section hs "y"\'', "unexpected 'hs'", 5, 37),
        ("severity: fatal\n    check: '\"x\"'", "unknown severity 'fatal'", 4, 15),
    ],
)
def test_policy_mistakes_point_at_file_line_and_column(write_policy, rule, needle, line, column):
    text = "rules:\n  - id: r\n    message: m\n    " + rule + "\n"
    if "severity" not in rule:
        text = text.replace("    message: m\n", "    severity: error\n    message: m\n")
    policy = write_policy(text)
    code, out, err = run_check(str(policy))
    assert (code, out) == (2, "")
    first, source, caret = err.splitlines()[:3]
    assert first.startswith(f"{policy}:{line}:{column}: error: ")
    assert needle in first
    assert caret.index("^") == column - 1
    assert source == text.splitlines()[line - 1]


def test_a_duplicate_rule_id_points_at_the_second_definition(write_policy):
    policy = write_policy(
        """
        rules:
          - id: same
            severity: error
            message: m
            check: '"a"'
          - id: same
            severity: error
            message: m
            check: '"b"'
        """
    )
    code, _, err = run_check(str(policy))
    assert code == 2
    assert err.startswith(f"{policy}:6:9: error:")
    assert "duplicate rule id 'same'" in err


def test_a_policy_never_runs_code_on_load(write_policy, tmp_path):
    marker = tmp_path / "ran"
    policy = write_policy(
        f"""
        name: !!python/object/apply:os.system ["touch {marker}"]
        rules: []
        """
    )
    code, _, _ = run_check(str(policy))
    assert code == 2
    assert not marker.exists()
