"""Choosing a format, ``--output FILE``, and waived findings in the text and JSON formats."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from linter.app.cli import main
from linter.common import atomic
from linter.common.errors import FormatError
from linter.formats import json_format, text


def check(*args: str):
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def page(tmp_path) -> str:
    path = tmp_path / "page.md"
    path.write_text("It cures.\n")
    return str(path)


@pytest.fixture
def policy(write_policy) -> str:
    return str(
        write_policy("rules:\n  - {id: c, severity: error, message: m, check: '\"cure*\"'}\n")
    )


def test_an_unknown_format_is_a_usage_error(page, policy):
    code, out, err = check("--format", "xml", "--policy", policy, page)
    assert (code, out) == (2, "")
    assert "'xml' is not one of text, json, sarif, github, html or template:PATH" in err


def test_output_writes_the_report_to_a_file_and_the_tally_to_stderr(tmp_path, page, policy):
    report = tmp_path / "reports" / "healthlint.json"  # missing folders are created
    code, out, err = check("--format", "json", "--output", str(report), "--policy", policy, page)
    assert (code, out) == (1, "")
    assert json.loads(report.read_text())["findings"][0]["rule"] == "c"
    assert err == "healthlint: 1 file checked, 1 error, 0 warnings, 0 infos\n"


def test_output_replaces_an_existing_report_and_keeps_its_permissions(tmp_path, page, policy):
    report = tmp_path / "report.txt"
    report.write_text("old report\n")
    report.chmod(0o640)
    assert check("-o", str(report), "--policy", policy, page)[0] == 1
    assert report.read_text() == f"{page}:1:4: error: m [c]\n"
    assert report.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md", "policy.yaml", "report.txt"]


def test_output_dash_means_standard_output(page, policy):
    code, out, _ = check("-o", "-", "--policy", policy, page)
    assert (code, out) == (1, f"{page}:1:4: error: m [c]\n")


def test_an_interrupted_write_leaves_the_old_report_and_no_temporary_file(tmp_path, monkeypatch):
    report = tmp_path / "report.sarif"
    report.write_text("previous run\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text_atomically(str(report), "new run\n")
    assert report.read_text() == "previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]


def test_a_failed_write_is_a_one_line_error(tmp_path, monkeypatch):
    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(FormatError) as caught:
        atomic.write_text_atomically(str(tmp_path / "r.txt"), "x")
    assert str(caught.value) == f"{tmp_path / 'r.txt'}: error: cannot write report: " + (
        "No space left on device"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_output_exits_2(tmp_path, page, policy):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, out, err = check("-o", str(blocker / "report.txt"), "--policy", policy, page)
    assert (code, out) == (2, "")
    assert err.startswith(f"{blocker / 'report.txt'}: error: cannot write report: ")


def test_unreadable_files_are_named_on_stderr_in_every_format(tmp_path, page, policy):
    missing = str(tmp_path / "gone.md")
    for fmt in ("text", "json", "sarif", "github"):
        code, _, err = check("--format", fmt, "--policy", policy, page, missing)
        assert code == 2
        assert f"{missing}: error: no such file or directory" in err.splitlines()


def test_text_marks_waived_findings_with_their_reason(audit_report):
    assert text.render(audit_report).splitlines() == [
        "page.md:3:13: error: cure claim: cures [no-cure]",
        "page.md:5:3: warning: hype: miracle [hype]",
        "page.md:5:12: info: note: by the way [aside]",
        "page.md:7:4: error: cure claim: cures [no-cure] "
        "(suppressed: pain relief is documented, see the trial, ref 12)",
    ]


def test_json_adds_suppression_keys_to_waived_findings_only(audit_report):
    data = json.loads(json_format.render(audit_report))
    findings = data["findings"]
    assert [(f["line"], f.get("suppressed")) for f in findings] == [
        (3, None),
        (5, None),
        (5, None),
        (7, True),
    ]
    assert findings[3]["suppression_reason"] == "pain relief is documented, see the trial, ref 12"
    assert "suppression_reason" not in findings[0]
    assert data["summary"] == {
        "files": 1,
        "error": 1,
        "warning": 1,
        "info": 1,
        "suppressed": 1,
        "baselined": 0,
    }
