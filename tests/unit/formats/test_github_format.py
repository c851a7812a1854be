"""GitHub Actions annotations and the step summary."""

from __future__ import annotations

from click.testing import CliRunner

from linter.app.cli import main
from linter.formats import github
from linter.results.findings import FileError, Finding
from linter.results.report import Report


def test_each_finding_is_an_annotation_at_its_span(audit_report):
    lines = github.render(audit_report, environ={}).splitlines()
    assert lines == [
        "::error file=page.md,line=3,col=13,endLine=3,endColumn=18,"
        "title=Cure claim (no-cure)::cure claim: cures",
        "::warning file=page.md,line=5,col=3,endLine=5,endColumn=10,"
        "title=Hype (hype)::hype: miracle",
        "::notice file=page.md,line=5,col=12,endLine=5,endColumn=22,title=aside::note: by the way",
        # the waived finding of the audit: a notice that says why it was waived
        "::notice file=page.md,line=7,col=4,endLine=7,endColumn=9,"
        "title=suppressed%3A Cure claim (no-cure)::cure claim: cures "
        "(suppressed: pain relief is documented, see the trial, ref 12)",
    ]


def test_data_and_properties_are_escaped_as_github_reads_them():
    assert github.escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    finding = Finding("dir,x/a:b.md", "r", "error", "50% off,\nnow: call", 1, 1, 1, 5, "x")
    report = Report(findings=[finding])
    (line,) = github.render(report, environ={}).splitlines()
    assert line == (
        "::error file=dir%2Cx/a%3Ab.md,line=1,col=1,endLine=1,endColumn=5,title=r"
        "::50%25 off,%0Anow: call"
    )


def test_a_span_over_several_lines_gives_lines_only():
    finding = Finding("a.md", "r", "warning", "m", 2, 7, 4, 3, "x")
    (line,) = github.render(Report(findings=[finding]), environ={}).splitlines()
    assert line == "::warning file=a.md,line=2,endLine=4,title=r::m"


def test_unreadable_files_are_error_annotations():
    report = Report(
        errors=[FileError("bad.md", "not valid UTF-8", 3, 9), FileError("x.md", "gone")]
    )
    assert github.render(report, environ={}).splitlines() == [
        "::error file=bad.md,line=3,col=9::not valid UTF-8",
        "::error file=x.md::gone",
    ]


def test_paths_are_relative_to_the_workspace(audit_report, tmp_path):
    env = {"GITHUB_WORKSPACE": str(tmp_path.parent)}
    first = github.render(audit_report, environ=env).splitlines()[0]
    assert first.startswith(f"::error file={tmp_path.name}/page.md,line=3,")


def test_the_step_summary_gets_a_table_of_every_finding(audit_report, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    env = {
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_REPOSITORY": "acme/site",
        "GITHUB_SHA": "0123abc",
    }
    github.render(audit_report, environ=env)
    text = summary.read_text()
    assert text.startswith("earlier step\n### healthlint\n")  # appended, never replaced
    assert "1 file checked, 1 error, 1 warning, 1 info, 1 suppressed." in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Severity" not in line]
    blob = "https://github.example/acme/site/blob/0123abc/page.md"
    assert rows == [
        f"| error | [page.md:3]({blob}#L3) | `no-cure` | cure claim: cures |",
        f"| warning | [page.md:5]({blob}#L5) | `hype` | hype: miracle |",
        f"| info | [page.md:5]({blob}#L5) | `aside` | note: by the way |",
        f"| error (suppressed) | [page.md:7]({blob}#L7) "
        "| `no-cure` | cure claim: cures (suppressed: pain relief is documented, see the trial, "
        "ref 12) |",
    ]


def test_more_than_ten_findings_all_reach_the_summary(tmp_path):
    findings = [
        Finding("a.md", "r", "error", f"claim {i} | x", i, 1, i, 2, "c") for i in range(1, 26)
    ]
    summary = tmp_path / "summary.md"
    annotations = github.render(
        Report(findings=findings, files=1), environ={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert len(annotations.splitlines()) == 25
    rows = [line for line in summary.read_text().splitlines() if line.startswith("| error |")]
    assert len(rows) == 25
    assert rows[0] == "| error | a.md:1 | `r` | claim 1 \\| x |"  # a pipe cannot end the cell


def test_a_huge_summary_is_cut_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr(github, "SUMMARY_LIMIT_BYTES", 1000)
    findings = [Finding("a.md", "r", "error", "m" * 50, i, 1, i, 2, "c") for i in range(1, 101)]
    summary = tmp_path / "summary.md"
    github.render(Report(findings=findings), environ={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert len(text.encode()) <= 1200
    shown = text.count("| error |")
    assert 0 < shown < 100
    assert f"… and {100 - shown} more" in text


def test_the_cli_writes_annotations_and_the_summary(tmp_path, monkeypatch, write_policy):
    policy = write_policy("rules:\n  - {id: c, severity: error, message: m, check: '\"cure*\"'}\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("It cures.\n")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(
        main, ["check", "--policy", str(policy), "--format", "github", "page.md"]
    )
    assert result.exit_code == 1
    assert result.stdout == "::error file=page.md,line=1,col=4,endLine=1,endColumn=9,title=c::m\n"
    assert "| error | page.md:1 | `c` | m |" in summary.read_text()


def test_an_unwritable_summary_is_a_one_line_error(tmp_path, monkeypatch, write_policy):
    policy = write_policy("rules:\n  - {id: c, severity: error, message: m, check: '\"cure*\"'}\n")
    (tmp_path / "page.md").write_text("It cures.\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no-such-dir" / "summary.md"))
    result = CliRunner().invoke(
        main, ["check", "--policy", str(policy), "--format", "github", str(tmp_path / "page.md")]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'no-such-dir' / 'summary.md'}: error: cannot write the step summary: "
        "No such file or directory"
    ]
