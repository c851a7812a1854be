"""Inline suppressions with a reason, and the audit of what they waive."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from linter.documents import read_source
from tests.conftest import CLAIM_POLICY
from tests.conftest import run_cli as run


@pytest.fixture
def lint(tmp_path: Path, write_policy):
    """lint(name, text, *options) -> (exit code, [output lines], stderr)."""
    policy = str(write_policy(CLAIM_POLICY))

    def go(name: str, text: str, *options: str) -> tuple[int, list[str], str]:
        page = tmp_path / name
        page.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        code, out, err = run("check", "--no-config", "--policy", policy, *options, str(page))
        prefix = f"{page}:"
        return code, [line.removeprefix(prefix) for line in out.splitlines()], err

    return go


# --- waiving --------------------------------------------------------------------


def test_disable_next_line_with_a_reason_waives_the_next_line_of_copy(lint):
    code, out, err = lint(
        "page.md",
        """
        <!-- healthlint-disable-next-line no-cure -- the patient's own words, quoted -->

        "It cures me," she said.

        It cures.
        """,
    )
    assert code == 1
    assert out == ["5:4: error: cure claim: cures [no-cure]"]  # only the next copy line
    assert "1 suppressed" in err


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_next_line_with_windows_and_old_mac_line_endings(tmp_path, write_policy, eol):
    policy = str(write_policy(CLAIM_POLICY))
    page = tmp_path / "page.md"
    text = "<!-- healthlint-disable-next-line no-cure -- quoted -->\n\nIt cures.\nIt cures.\n"
    page.write_bytes(text.replace("\n", eol).encode())
    code, out, _ = run("check", "--no-config", "--policy", policy, str(page))
    assert (code, out) == (1, f"{page}:4:4: error: cure claim: cures [no-cure]\n")


def test_waivers_stack_above_one_line(lint):
    code, out, _ = lint(
        "page.md",
        """
        <!-- healthlint-disable-next-line no-cure -- quoted from the study title -->
        <!-- healthlint-disable-next-line hype -- quoted from the study title -->
        A miracle cure?
        """,
    )
    assert (code, out) == (0, [])


def test_several_rules_in_one_waiver(lint):
    code, out, _ = lint(
        "page.md",
        """
        <!-- healthlint-disable-next-line no-cure, hype -- title of the cited paper -->
        A miracle cure?
        """,
    )
    assert (code, out) == (0, [])


def test_disable_and_enable_waive_a_range(lint):
    code, out, _ = lint(
        "page.md",
        """
        It cures.

        <!-- healthlint-disable no-cure -- testimonials, with the typicality note below -->
        It cures, says Ann.

        It cures, says Bob.
        <!-- healthlint-enable no-cure -->

        It cures.
        """,
    )
    assert code == 1
    assert out == [
        "1:4: error: cure claim: cures [no-cure]",
        "9:4: error: cure claim: cures [no-cure]",
    ]


def test_a_bare_enable_closes_every_open_range(lint):
    code, out, _ = lint(
        "page.md",
        """
        <!-- healthlint-disable no-cure -- legacy testimonials -->
        <!-- healthlint-disable hype -- legacy testimonials -->
        A miracle: it cures.
        <!-- healthlint-enable -->
        A miracle: it cures.
        """,
    )
    assert (code, out) == (
        1,
        ["5:3: warning: hype: miracle [hype]", "5:15: error: cure claim: cures [no-cure]"],
    )


def test_a_range_without_enable_runs_to_the_end_of_the_file(lint):
    code, out, _ = lint(
        "page.html",
        """
        <p>It cures.</p>
        <!-- healthlint-disable no-cure -- a glossary of words we never use -->
        <p>Cures.</p>
        <p>It cures.</p>
        """,
    )
    assert (code, out) == (1, ["1:7: error: cure claim: cures [no-cure]"])


def test_an_inline_comment_in_html_waives_what_follows_it_on_the_line(lint):
    _code, out, _ = lint(
        "page.html",
        "<p>It cures. <!-- healthlint-disable no-cure -- quoted --> It cures.</p>\n",
    )
    assert out == ["1:7: error: cure claim: cures [no-cure]"]


@pytest.mark.parametrize("marker", ["#", "//", "  #", "##"])
def test_plain_text_directives_are_hash_or_slash_comment_lines(lint, marker):
    code, out, _ = lint(
        "page.txt",
        f"""
        {marker} healthlint-disable-next-line hype -- quoting the journal title
        A Miracle of Modern Neurology is the journal we cite.
        A miracle.
        """,
    )
    assert (code, out) == (0, ["3:3: warning: hype: miracle [hype]"])


def test_a_plain_text_directive_line_is_not_copy(tmp_path):
    source = "Our Clinic\n# healthlint-disable-next-line no-cure -- cure is quoted\nWe cure.\n"
    doc = read_source("page.txt", source)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Our Clinic"),
        ("paragraph", "We cure."),
    ]


def test_front_matter_waives_rules_for_the_whole_file(lint):
    code, out, err = lint(
        "page.md",
        """
        ---
        title: Words we never use
        healthlint:
          disable: [no-cure, hype]
          reason: "an internal style guide listing banned claims"
        ---
        Cure. Miracle. Cures.
        """,
    )
    assert (code, out) == (0, [])
    assert "3 suppressed" in err


def test_front_matter_in_flow_style(lint):
    _code, out, _ = lint(
        "page.md",
        """
        ---
        healthlint: {disable: [no-cure], reason: "style guide"}
        ---
        It cures. A miracle.
        """,
    )
    assert out == ["4:13: warning: hype: miracle [hype]"]


@pytest.mark.parametrize(
    "front",
    [
        '+++\ntitle = "Words"\n[healthlint]\ndisable = ["no-cure"]\nreason = "style guide"\n+++',
        '{\n  "healthlint": {"disable": ["no-cure"], "reason": "style guide"}\n}',
    ],
    ids=["toml", "json"],
)
def test_front_matter_waiver_in_toml_and_json(lint, front):
    _code, out, _ = lint("page.md", front + "\nIt cures. A miracle.\n")
    line = front.count("\n") + 2
    assert out == [f"{line}:13: warning: hype: miracle [hype]"]


def test_a_toml_front_matter_waiver_without_a_reason_is_reported(lint):
    _code, out, _ = lint("page.md", '+++\nhealthlint = { disable = ["no-cure"] }\n+++\nIt cures.\n')
    assert out == [
        "2:1: warning: front-matter healthlint.disable no-cure gives no reason, so it waives"
        " nothing: add `-- <why this copy is acceptable>` [suppression-without-reason]",
        "4:4: error: cure claim: cures [no-cure]",
    ]


# --- waivers that are themselves findings -----------------------------------------


def test_a_suppression_without_a_reason_waives_nothing_and_is_reported(lint):
    code, out, _ = lint(
        "page.md",
        """
        Intro.

        <!-- healthlint-disable-next-line no-cure -->
        It cures.
        """,
    )
    assert code == 1
    assert out == [
        "3:1: warning: healthlint-disable-next-line no-cure gives no reason, so it waives "
        "nothing: add `-- <why this copy is acceptable>` [suppression-without-reason]",
        "4:4: error: cure claim: cures [no-cure]",
    ]


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- healthlint-disable-next-line no-cure -- -->",
        "<!-- healthlint-disable-next-line no-cure --   -->",
        "<!-- healthlint-disable no-cure -->",
    ],
)
def test_an_empty_reason_is_no_reason(lint, directive):
    _code, out, _ = lint("page.md", f"{directive}\nIt cures.\n")
    rules = [line.rsplit("[", 1)[1] for line in out]
    assert rules == ["suppression-without-reason]", "no-cure]"]


def test_front_matter_without_a_reason_waives_nothing(lint):
    _code, out, _ = lint("page.md", "---\nhealthlint: {disable: [no-cure]}\n---\nIt cures.\n")
    assert [line.rsplit("[", 1)[1] for line in out] == ["suppression-without-reason]", "no-cure]"]
    assert out[0].startswith("2:1: warning:")


def test_a_suppression_that_waives_nothing_is_reported(lint):
    code, out, _ = lint(
        "page.md",
        """
        <!-- healthlint-disable-next-line no-cure -- was a claim once -->
        There is no known cure.
        """,
    )
    assert code == 0  # a warning, below the default fail-on
    assert out == [
        "1:1: warning: healthlint-disable-next-line no-cure: no no-cure finding starts on "
        "line 2; remove the waiver [unused-suppression]"
    ]


def test_each_unused_rule_of_a_waiver_is_reported(lint):
    _code, out, _ = lint(
        "page.md",
        """
        <!-- healthlint-disable no-cure, hype -- legacy copy -->
        It cures.
        <!-- healthlint-enable no-cure, hype -->
        A miracle.
        """,
    )
    assert out == [
        "1:1: warning: healthlint-disable hype: no hype finding in its range; remove the "
        "waiver [unused-suppression]",
        "4:3: warning: hype: miracle [hype]",
    ]


def test_unused_front_matter_waiver_is_reported(lint):
    _code, out, _ = lint(
        "page.md", "---\nhealthlint: {disable: [hype], reason: an old page}\n---\nFine.\n"
    )
    assert out == [
        "2:1: warning: front-matter healthlint.disable hype: no hype finding in this file; "
        "remove the waiver [unused-suppression]"
    ]


def test_a_waiver_for_a_rule_that_is_not_enabled_says_so(lint):
    _code, out, _ = lint(
        "page.md",
        "<!-- healthlint-disable-next-line hype -- quoted -->\nA miracle.\n",
        "--ignore",
        "hype",
    )
    assert out == [
        "1:1: warning: healthlint-disable-next-line hype: no hype finding starts on line 2; "
        "remove the waiver (hype is not enabled for this file) [unused-suppression]"
    ]


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        (
            "healthlint-disable-next-line no-cur -- quoted",
            "unknown rule id 'no-cur' in healthlint-disable-next-line (did you mean 'no-cure'?)",
        ),
        (
            "healthlint-disable-next-line all -- quoted",
            "healthlint-disable-next-line all: name each rule it waives (there is no 'all')",
        ),
        (
            "healthlint-disable-next-line -- quoted",
            "healthlint-disable-next-line names no rule: name each rule it waives",
        ),
        ("healthlint-disable-line no-cure -- quoted", "unknown directive healthlint-disable-line"),
        (
            "healthlint-disable-next-line unused-suppression -- quoted",
            "unused-suppression cannot be waived inline: ignore it in the configuration",
        ),
        ("healthlint-enable no-cure", "healthlint-enable no-cure has no healthlint-disable"),
    ],
)
def test_a_waiver_that_cannot_be_understood_is_reported(lint, directive, message):
    code, out, _ = lint("page.md", f"<!-- {directive} -->\nIt cures.\n")
    assert code == 1
    assert out[0].startswith(f"1:1: warning: {message}")
    assert out[0].endswith("[invalid-suppression]")
    assert out[-1] == "2:4: error: cure claim: cures [no-cure]"  # nothing was waived


def test_directives_shown_in_markdown_code_are_examples(lint):
    code, out, _ = lint(
        "page.md",
        """
        Waive a claim like this:

        ```html
        <!-- healthlint-disable-next-line no-cure -- why -->
        ```

        or inline: `<!-- healthlint-disable no-cure -- why -->`.
        """,
    )
    assert (code, out) == (0, [])


def test_meta_rules_are_configured_like_any_rule(tmp_path, write_policy):
    write_policy(CLAIM_POLICY)
    (tmp_path / ".healthlint.yaml").write_text(
        "policies: [policy.yaml]\n"
        "ignore: [unused-suppression]\n"
        "severity: {suppression-without-reason: error}\n"
    )
    (tmp_path / "a.md").write_text(
        "<!-- healthlint-disable-next-line hype -- a glossary -->\nFine.\n"
    )
    (tmp_path / "b.md").write_text("<!-- healthlint-disable-next-line hype -->\nFine.\n")
    code, out, _ = run("check", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"{tmp_path / 'b.md'}:1:1: error: healthlint-disable-next-line hype gives no reason, so "
        "it waives nothing: add `-- <why this copy is acceptable>` [suppression-without-reason]"
    ]


# --- the audit --------------------------------------------------------------------


AUDITED = """
<!-- healthlint-disable-next-line no-cure -- patient testimonial, typicality note below -->
It cures, says Ann.
A miracle.
"""


def test_report_suppressed_lists_waived_findings_with_their_reason(lint):
    code, out, err = lint("page.md", AUDITED, "--report-suppressed")
    assert code == 0  # a waived error never fails the run
    assert out == [
        "2:4: error: cure claim: cures [no-cure] "
        "(suppressed: patient testimonial, typicality note below)",
        "3:3: warning: hype: miracle [hype]",
    ]
    assert "1 suppressed" in err
    assert lint("page.md", AUDITED)[1] == ["3:3: warning: hype: miracle [hype]"]


def test_report_suppressed_in_json(lint, tmp_path):
    _code, out, _ = lint("page.md", AUDITED, "--report-suppressed", "--format", "json")
    data = json.loads("\n".join(out))
    assert [f["rule"] for f in data["findings"]] == ["no-cure", "hype"]
    waived, kept = data["findings"]
    assert "suppressed" not in kept
    assert waived["rule"] == "no-cure"
    assert (waived["path"], waived["line"], waived["column"]) == (str(tmp_path / "page.md"), 2, 4)
    assert waived["suppressed"] is True
    assert waived["suppression_reason"] == "patient testimonial, typicality note below"
    assert data["summary"]["suppressed"] == 1


def test_without_the_audit_flag_json_lists_no_waived_findings(lint):
    data = json.loads("\n".join(lint("page.md", AUDITED, "--format", "json")[1]))
    assert [f["rule"] for f in data["findings"]] == ["hype"]
    assert not any("suppressed" in f for f in data["findings"])
    assert data["summary"]["suppressed"] == 1
