"""``--format template:PATH``: user templates in a sandbox, and the two shipped examples."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from linter.app.cli import main
from linter.common.errors import FormatError
from linter.formats import formatter
from tests.conftest import ROOT, SEEDS

EXAMPLES = ROOT / "examples" / "templates"


def check(*args: str):
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_csv_example_has_one_row_per_finding_with_the_json_fields():
    code, out, _ = check("--format", f"template:{EXAMPLES / 'findings.csv.j2'}", str(SEEDS))
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    findings = json.loads(check("--format", "json", str(SEEDS))[1])["findings"]
    assert len(rows) == len(findings) > 20
    for row, finding in zip(rows, findings, strict=True):
        for key in ("path", "rule", "severity", "message", "match"):
            assert row[key] == finding[key]
        for key in ("line", "column", "end_line", "end_column"):
            assert int(row[key]) == finding[key]
        assert row["suppressed"] == "no"
        assert len(row["fingerprint"]) == 32
    # messages hold commas and quotes: the file stays parsable
    assert any("," in row["message"] for row in rows)


def test_the_csv_example_lists_waived_findings_in_an_audit(audit_report):
    text = formatter(f"template:{EXAMPLES / 'findings.csv.j2'}")(audit_report)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["line"], r["rule"], r["suppressed"]) for r in rows] == [
        ("3", "no-cure", "no"),
        ("5", "hype", "no"),
        ("5", "aside", "no"),
        ("7", "no-cure", "yes"),
    ]
    assert rows[-1]["suppression_reason"] == "pain relief is documented, see the trial, ref 12"


def test_the_markdown_example_is_a_review_report(audit_report):
    text = formatter(f"template:{EXAMPLES / 'review.md.j2'}")(audit_report)
    lines = text.splitlines()
    assert lines[0] == "# Copy review"
    assert "## page.md" in lines
    assert [line for line in lines if line.startswith("| 3:13 ")] == [
        "| 3:13 | error | no-cure | cure claim: cures | cures |"
    ]
    # the rules cited, with their rationale and references, for the reviewer
    assert "### Cure claim (`no-cure`)" in lines
    assert "Promising a cure needs competent and reliable scientific evidence." in lines
    assert "- 15 U.S.C. § 52 — https://www.law.cornell.edu/uscode/text/15/52" in lines
    # waivers with their reasons
    assert "## Waivers" in lines
    assert "| page.md:7 | no-cure | pain relief is documented, see the trial, ref 12 |" in lines


def test_the_markdown_example_on_the_seeds_has_a_section_per_file():
    code, out, _ = check("--format", f"template:{EXAMPLES / 'review.md.j2'}", str(SEEDS))
    assert code == 1
    headings = [line for line in out.splitlines() if line.startswith(f"## {SEEDS}")]
    assert headings == [f"## {SEEDS / p.name}" for p in sorted(SEEDS.iterdir())]


def test_a_template_sees_findings_summary_rules_and_tool(tmp_path, audit_report):
    template = write(
        tmp_path,
        "t.txt.j2",
        "{{ tool.name }} {{ summary.files }}/{{ summary.error }}/{{ summary.suppressed }}\n"
        "{% for f in findings %}{{ f.line }} {{ rules[f.rule].title or f.rule }}"
        " {{ f.suppressed }}\n{% endfor %}"
        "{% for f in suppressed %}waived {{ f.line }}: {{ f.suppression_reason }}\n{% endfor %}",
    )
    assert formatter(f"template:{template}")(audit_report) == (
        "healthlint 1/1/1\n3 Cure claim False\n5 Hype False\n5 aside False\n"
        "waived 7: pain relief is documented, see the trial, ref 12\n"
    )


def test_html_templates_are_autoescaped(tmp_path, audit_report):
    audit_report.findings[0].message = "<b>cure</b> & more"
    template = write(tmp_path, "report.html.j2", "{{ findings[0].message }}")
    assert formatter(f"template:{template}")(audit_report) == "&lt;b&gt;cure&lt;/b&gt; &amp; more"
    plain = write(tmp_path, "report.txt.j2", "{{ findings[0].message }}")
    assert formatter(f"template:{plain}")(audit_report) == "<b>cure</b> & more"


def test_a_template_syntax_error_is_one_line_with_its_position(tmp_path, write_policy):
    template = write(tmp_path, "bad.j2", "ok\n{% for f in findings %}\n{{ f.line }\n")
    page = write(tmp_path, "page.md", "It cures.\n")
    code, out, err = check("--format", f"template:{template}", page)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith(f"{template}:3: error: template syntax: ")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("{{ findings.__class__.__mro__ }}", "template is not allowed to do that"),
        ("{{ tool.name.format_map.__globals__ }}", "template is not allowed to do that"),
        ("line one\n{{ summary.nonexistent }}", "template failed"),
        ("{{ summary.files / 0 }}", "template failed: ZeroDivisionError"),
    ],
)
def test_a_template_that_misbehaves_is_one_line_and_exit_2(tmp_path, body, problem):
    template = write(tmp_path, "t.j2", body)
    page = write(tmp_path, "page.md", "It cures.\n")
    code, out, err = check("--format", f"template:{template}", page)
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith(f"{template}:")
    assert f": error: {problem}" in line


def test_an_undefined_name_points_at_its_template_line(tmp_path, audit_report):
    template = write(tmp_path, "t.j2", "line one\nline two {{ summary.nonexistent }}\n")
    with pytest.raises(FormatError) as caught:
        formatter(f"template:{template}")(audit_report)
    assert caught.value.line == 2
    assert "nonexistent" in caught.value.message


def test_a_missing_template_stops_the_run_before_linting(tmp_path):
    missing = tmp_path / "nope.j2"
    code, out, err = check("--format", f"template:{missing}", str(tmp_path / "nope.md"))
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{missing}: error: cannot read template: no such file"]


def test_templates_may_include_their_neighbours(tmp_path, audit_report):
    write(tmp_path, "row.j2", "{{ f.rule }}@{{ f.line }}")
    template = write(
        tmp_path, "main.j2", "{% for f in findings %}{% include 'row.j2' %};{% endfor %}"
    )
    assert formatter(f"template:{template}")(audit_report) == "no-cure@3;hype@5;aside@5;"
