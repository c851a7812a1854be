"""`healthlint rules` and `healthlint explain ID`: rules described to people."""

from __future__ import annotations

import re

from click.testing import CliRunner

from linter.app.cli import main
from tests.conftest import ROOT


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_rules_lists_id_severity_and_title_of_every_bundled_rule():
    code, out, _err = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 16 + 4  # the bundled rules, then the four rules about the run itself
    assert re.fullmatch(
        r"fda-status-disclosure +error +Regenerative therapy without its FDA status", lines[0]
    )
    ids = [line.split()[0] for line in lines]
    assert "unqualified-remission" in ids
    assert "hedged-remission-claim" in ids


def test_rules_follows_the_policy_option(write_policy):
    path = write_policy(
        """
        rules:
          - {id: a-rule, title: A title, severity: warning, message: m, check: '"x"'}
          - {id: b, severity: info, message: m, check: '"y"'}
        """
    )
    code, out, _err = run("rules", "--policy", str(path))
    assert code == 0
    assert out.splitlines()[:2] == [
        "a-rule                      warning  A title",
        "b                           info",
    ]


def test_explain_shows_rationale_references_and_examples():
    code, out, _err = run("explain", "unqualified-remission")
    assert code == 0
    assert out.startswith(
        "unqualified-remission (error, forbid)\n"
        "  Remission or halted-progression claim without a hedge or citation\n"
    )
    sections = {
        "Why:",
        "Check:",
        "References:",
        "Flagged:",
        "Not flagged:",
    }
    assert sections <= set(out.splitlines())
    assert re.search(r"^  - .*Health Products Compliance Guidance.* — https://\S+$", out, re.M)
    assert "  - HSCT puts MS into remission.\n" in out
    assert "  - In some cases, long-term remission has been reported.\n" in out
    assert "Promising remission" in out


def test_explain_marks_example_severity_and_format_and_joins_wrapped_lines():
    _code, out, _err = run("explain", "cure-claim")
    assert "  - Our stem cells may reverse your arthritis.  (warning)\n" in out
    assert "  - Our injections regenerate ⏎ damaged cartilage.\n" in out


def test_explain_shows_the_suggestion_of_a_require_rule():
    _code, out, _err = run("explain", "fda-status-disclosure")
    assert (
        "Suggestion (a sentence to add):\n  This treatment has not been approved by the FDA" in out
    )


def test_explain_an_unknown_rule_is_a_usage_error_with_a_hint():
    code, out, err = run("explain", "unqualified-remision")
    assert (code, out) == (2, "")
    assert "unknown rule 'unqualified-remision' (did you mean unqualified-remission" in err


def test_explain_says_where_the_rule_is_defined(monkeypatch):
    monkeypatch.chdir(ROOT)
    _code, out, _err = run("explain", "cure-claim")
    assert out.splitlines()[-1].startswith("Defined in policies/us-health/cure-claim.yaml:")
