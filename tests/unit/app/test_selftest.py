"""`healthlint test`: every rule's examples are its executable specification."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from linter.app.cli import main
from linter.app.selftest import check_example, run_examples
from linter.policy import load_policies


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


SMALL = """
rules:
  - id: no-cure
    title: Cure claims
    severity: error
    message: "cure claim: {{ match }}"
    check: 'find "cure*" unless negated downgrade to warning if sentence has "may"'
    examples:
      fire:
        - "This therapy cures MS."
        - {text: "It may cure MS.", severity: warning}
      pass:
        - "There is no cure for MS."
  - id: bare
    severity: info
    message: m
    check: '"miracle"'
"""


def test_each_failure_is_one_line_with_file_position_rule_and_reason(write_policy):
    path = write_policy(
        SMALL.replace('- "There is no cure for MS."', '- "This therapy cures MS too."').replace(
            "severity: warning}", "severity: error}"
        )
    )
    code, out, err = run("test", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:10:11: no-cure: fire example should fire at error, "
        'got warning “cure”: "It may cure MS."',
        f"{path}:12:11: no-cure: pass example should not fire, "
        'got error “cures”: "This therapy cures MS too."',
    ]
    assert err.strip() == "healthlint test: 2 rules, 3 examples, 2 failed; no examples: bare"


def test_a_fire_example_must_fire_at_the_rule_severity_unless_it_names_one(write_policy):
    policy = load_policies([write_policy(SMALL)], use_cache=False)
    report = run_examples(policy)
    assert (report.ok, report.examples, report.without_examples) == (True, 3, ["bare"])
    rule = policy.rule("no-cure")
    hedged = next(e for e in rule.examples if e.severity)
    unnamed = hedged.replace(severity="")
    assert check_example(policy, rule, unnamed) == "should fire at error, got warning “cure”"


def test_only_the_named_rule_is_tested_with_rule(write_policy):
    path = write_policy(SMALL)
    code, _out, err = run("test", str(path), "--rule", "no-cure")
    assert code == 0
    assert err.strip() == "healthlint test: 1 rule, 3 examples, all passed"
    code, _out, err = run("test", str(path), "--rule", "no-cur")
    assert code == 2
    assert "unknown rule 'no-cur' (did you mean no-cure?)" in err


def test_examples_are_markdown_unless_they_say_otherwise(write_policy):
    path = write_policy(
        """
        rules:
          - id: r
            severity: error
            message: m
            check: 'find "cure*"'
            examples:
              fire:
                - {text: "A *cure*.", format: text}
                - {text: "<p>A cure.</p>", format: html}
              pass:
                - "`cure` in code is not copy."
                - |-
                  Hard-wrapped copy is
                  joined: no curing here.
        """
    )
    code, out, _err = run("test", str(path))
    assert out.splitlines() == [
        f"{path}:12:11: r: pass example should not fire, "
        'got error “curing”: "Hard-wrapped copy is\\njoined: no curing here."'
    ]
    assert code == 1


@pytest.mark.parametrize(
    ("example", "message"),
    [
        ('{text: "x", severity: huge}', "unknown severity 'huge'"),
        ('{text: "x", colour: red}', "unknown key 'colour' in example"),
    ],
)
def test_bad_example_entries_are_policy_errors(write_policy, example, message):
    path = write_policy(
        f"""
        rules:
          - id: r
            severity: error
            message: m
            check: '"x"'
            examples:
              fire:
                - {example}
        """
    )
    code, out, err = run("test", str(path))
    assert (code, out) == (2, "")
    assert message in err
    assert err.startswith(f"{path}:8:")


def test_a_pass_example_takes_no_severity(write_policy):
    path = write_policy(
        """
        rules:
          - id: r
            severity: error
            message: m
            check: '"x"'
            examples:
              pass:
                - {text: "y", severity: warning}
        """
    )
    code, _out, err = run("test", str(path))
    assert code == 2
    assert "only `fire` examples take a severity" in err


def test_a_policy_inside_the_working_directory_is_shown_by_a_relative_path(
    write_policy, monkeypatch
):
    path = write_policy(SMALL.replace('- "There is no cure for MS."', '- "It cures MS."'))
    monkeypatch.chdir(path.parent)
    _code, out, _err = run("test", str(path))
    assert out.startswith("policy.yaml:12:11: no-cure: pass example should not fire")
