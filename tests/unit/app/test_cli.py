"""The command line: what users and CI see, including exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import CLAIM_POLICY, ROOT, SEEDS
from tests.conftest import run_cli as run


@pytest.fixture
def policy(write_policy) -> str:
    return str(write_policy(CLAIM_POLICY))


def test_clean_copy_exits_0(tmp_path, policy):
    page = tmp_path / "page.md"
    page.write_text("There is no known cure for MS.\n")
    code, out, err = run("check", "--policy", policy, str(page))
    assert (code, out) == (0, "")
    assert "1 file checked, 0 errors" in err


def test_a_finding_at_fail_on_exits_1_with_a_parsable_line(tmp_path, policy):
    page = tmp_path / "page.md"
    page.write_text("# Welcome\n\nOur therapy cures MS.\n")
    code, out, _ = run("check", "--policy", policy, str(page))
    assert code == 1
    assert out == f"{page}:3:13: error: cure claim: cures [no-cure]\n"


def test_fail_on_sets_the_threshold(tmp_path, policy):
    page = tmp_path / "page.md"
    page.write_text("A miracle.\n")
    assert run("check", "--policy", policy, str(page))[0] == 0
    assert run("check", "--policy", policy, "--fail-on", "warning", str(page))[0] == 1


def test_a_policy_error_exits_2_with_file_line_col_and_caret(tmp_path, write_policy):
    bad = write_policy(
        "rules:\n  - id: r\n    severity: error\n    message: m\n"
        '    check: |\n      find "cure" unles negated\n'
    )
    page = tmp_path / "page.md"
    page.write_text("A cure.\n")
    code, out, err = run("check", "--policy", str(bad), str(page))
    assert (code, out) == (2, "")
    first, source, caret = err.splitlines()
    assert first.startswith(f"{bad}:6:19: error: rule r: unexpected 'unles'")
    assert source == '      find "cure" unles negated'
    assert caret == " " * 18 + "^"


def test_stdin_with_a_filename(policy):
    code, out, _ = run(
        "check", "--policy", policy, "-", "--stdin-filename", "x.md", input="This cures MS.\n"
    )
    assert code == 1
    assert out.startswith("x.md:1:6: error:")


def test_stdin_filename_picks_the_reader(policy):
    html = "<p>Safe.</p><script>cure()</script><p>It cures.</p>"
    code, out, _ = run(
        "check", "--policy", policy, "-", "--stdin-filename", "page.html", input=html
    )
    assert code == 1
    assert out.splitlines() == ["page.html:1:42: error: cure claim: cures [no-cure]"]


def test_directory_walk_picks_copy_and_skips_hidden_and_node_modules(tmp_path, policy):
    for rel in [
        "a.md",
        "b/c.html",
        "b/d.txt",
        "e.markdown",
        "f.htm",
        "skip.py",
        ".hidden/x.md",
        "node_modules/y.md",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "<p>It cures.</p>" if rel.endswith(("html", "htm")) else "It cures.\n"
        path.write_text(text)
    code, out, err = run("check", "--policy", policy, str(tmp_path))
    assert code == 1
    paths = [line.split(":")[0] for line in out.splitlines()]
    expected = ["a.md", "b/c.html", "b/d.txt", "e.markdown", "f.htm"]
    assert paths == [str(tmp_path / p) for p in expected]
    assert "5 files checked" in err


def test_a_named_file_with_another_extension_is_read_as_text(tmp_path, policy):
    page = tmp_path / "notes.copy"
    page.write_text("It cures.\n")
    assert run("check", "--policy", policy, str(page))[0] == 1


def test_an_unreadable_file_is_reported_and_the_others_still_linted(tmp_path, policy):
    (tmp_path / "a.md").write_text("It cures.\n")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe\x00bad\x00")
    os.symlink(tmp_path / "missing.md", tmp_path / "c.md")
    (tmp_path / "d.md").write_text("It cures too.\n")
    code, out, err = run("check", "--policy", policy, str(tmp_path))
    assert code == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "d.md"),
    ]
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 2
    assert errors[0].startswith(str(tmp_path / "b.md"))
    assert errors[1].startswith(f"{tmp_path / 'c.md'}: error: cannot read file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_a_file_without_read_permission(tmp_path, policy):
    page = tmp_path / "locked.md"
    page.write_text("It cures.\n")
    page.chmod(0)
    code, _, err = run("check", "--policy", policy, str(page))
    assert code == 2
    assert "cannot read file" in err


def test_a_missing_path_is_reported(tmp_path, policy):
    (tmp_path / "a.md").write_text("It cures.\n")
    code, out, err = run(
        "check", "--policy", policy, str(tmp_path / "a.md"), str(tmp_path / "nope.md")
    )
    assert code == 2
    assert out.startswith(str(tmp_path / "a.md"))
    assert f"{tmp_path / 'nope.md'}: error: no such file or directory" in err


def test_no_paths_is_a_usage_error(policy):
    assert run("check", "--policy", policy)[0] == 2


def test_json_format_has_the_documented_shape(tmp_path, policy):
    (tmp_path / "a.md").write_text("It cures.\n")
    (tmp_path / "b.txt").write_bytes(b"ok\x00binary")
    code, out, _ = run("check", "--policy", policy, "--format", "json", str(tmp_path))
    assert code == 2
    data = json.loads(out)
    assert data["tool"]["name"] == "healthlint"
    assert data["findings"] == [
        {
            "path": str(tmp_path / "a.md"),
            "rule": "no-cure",
            "severity": "error",
            "message": "cure claim: cures",
            "line": 1,
            "column": 4,
            "end_line": 1,
            "end_column": 9,
            "match": "cures",
            "references": [],
        }
    ]
    assert [e["path"] for e in data["errors"]] == [str(tmp_path / "b.txt")]
    assert data["errors"][0]["message"]


def test_the_bundled_pack_finds_problems_in_the_seeds():
    code, out, _ = run("check", str(SEEDS))
    assert code == 1
    rules = {line.rsplit("[", 1)[1].rstrip("]") for line in out.splitlines()}
    assert {"fda-status-disclosure", "cure-claim", "hype-term", "unqualified-remission"} <= rules
    code, out, _ = run("check", "--format", "json", str(SEEDS))
    assert code == 1
    assert len(json.loads(out)["findings"]) == len(run("check", str(SEEDS))[1].splitlines())


def test_python_dash_m_runs_the_cli(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "linter", "check", "-", "--stdin-filename", "x.md"],
        input="This therapy cures MS.\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 1
    assert "x.md:1:14: error:" in result.stdout
    assert "[cure-claim]" in result.stdout
