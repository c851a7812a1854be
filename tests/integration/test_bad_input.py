"""Bad copy files: each gets one clear line naming the file, and never a traceback.

Every case also checks that a good file linted in the same run keeps its
findings: one bad file never costs the others.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli

POLICY = """
rules:
  - id: no-cure
    severity: error
    message: "cure claim: {{ match }}"
    check: 'find "cure*" unless negated'
"""
GOOD = "Our therapy cures MS.\n"


@pytest.fixture
def policy(write_policy) -> str:
    return str(write_policy(POLICY))


def check(policy: str, *paths: Path | str, fmt: str = "json") -> tuple[int, dict, str]:
    code, out, err = run_cli("check", "--policy", policy, "--format", fmt, *map(str, paths))
    return code, json.loads(out) if fmt == "json" else out, err


def lint_with_good(tmp_path: Path, policy: str, name: str, data: bytes):
    """Lint a bad file next to a good one: (exit code, JSON report, stderr)."""
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / name).write_bytes(data)
    return check(policy, tmp_path)


def assert_no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert all(len(line) < 400 for line in err.splitlines())


def findings_in(report: dict, name: str) -> list[dict]:
    return [f for f in report["findings"] if Path(f["path"]).name == name]


def good_findings(report: dict) -> list[tuple[str, int]]:
    return [("good.md", f["line"]) for f in findings_in(report, "good.md")]


def test_binary_file_is_reported_with_the_byte_and_skipped(tmp_path, policy):
    code, report, err = lint_with_good(tmp_path, policy, "bin.md", b"PNG\x00\x01\x02 cures")
    assert code == 2
    assert report["errors"] == [
        {
            "path": str(tmp_path / "bin.md"),
            "message": "binary file (NUL byte at byte 3)",
            "line": 0,
            "column": 0,
        }
    ]
    assert good_findings(report) == [("good.md", 1)]
    assert f"{tmp_path / 'bin.md'}: error: binary file (NUL byte at byte 3)" in err
    assert_no_traceback(err)


def test_invalid_utf8_is_reported_and_linted_with_replacement_characters(tmp_path, policy):
    data = "Caf\u00e9 au lait.\nIt cures MS.\n".encode("latin-1")
    code, report, err = lint_with_good(tmp_path, policy, "latin.md", data)
    assert code == 2
    [error] = report["errors"]
    assert (error["path"], error["line"], error["column"]) == (str(tmp_path / "latin.md"), 1, 4)
    assert error["message"].startswith("invalid UTF-8 at byte 3")
    # The rest of the file is still linted, at the columns an editor shows.
    latin = [(f["line"], f["column"], f["match"]) for f in findings_in(report, "latin.md")]
    assert latin == [(2, 4, "cures")]
    assert good_findings(report) == [("good.md", 1)]
    assert_no_traceback(err)


def test_utf16_with_bom_is_read(tmp_path, policy):
    data = "\ufeffIntro.\r\nIt cures MS.\r\n".encode("utf-16-le")
    code, report, _ = lint_with_good(tmp_path, policy, "wide.md", data)
    assert code == 1
    assert report["errors"] == []
    assert [(Path(f["path"]).name, f["line"], f["column"]) for f in report["findings"]] == [
        ("good.md", 1, 13),
        ("wide.md", 2, 4),
    ]


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n  ", b"\xef\xbb\xbf"])
def test_empty_and_whitespace_only_files_are_clean(tmp_path, policy, content):
    code, report, _ = lint_with_good(tmp_path, policy, "blank.md", content)
    assert code == 1  # the good file's finding, nothing else
    assert report["errors"] == []
    assert good_findings(report) == [("good.md", 1)]


def test_a_50_mb_file_is_linted(tmp_path, policy):
    paragraph = "Our therapy is gentle and calm for every patient who visits. " * 12 + "\n\n"
    with open(tmp_path / "big.md", "w", encoding="utf-8") as fh:
        for _ in range(65_000):
            fh.write(paragraph)
        fh.write("It cures MS.\n")
    assert (tmp_path / "big.md").stat().st_size > 47_000_000
    code, report, _ = check(policy, tmp_path / "big.md")
    assert code == 1
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(130_001, 4)]


def test_a_file_over_the_size_limit_is_reported_not_read(tmp_path, policy, monkeypatch):
    from linter.run import runner

    monkeypatch.setattr(runner, "MAX_FILE_BYTES", 1024)
    code, report, _ = lint_with_good(tmp_path, policy, "huge.md", b"x" * 2048)
    assert code == 2
    assert report["errors"][0]["message"] == "file is larger than the limit of 1 KiB"
    assert good_findings(report) == [("good.md", 1)]


def test_reading_stops_one_byte_past_the_limit_whatever_the_file(tmp_path):
    from linter.run.runner import read_at_most

    exact = tmp_path / "exact.md"
    exact.write_bytes(b"x" * 1024)
    assert read_at_most(str(exact), 1024) == b"x" * 1024  # at the limit: all of it
    over = tmp_path / "over.md"
    over.write_bytes(b"y" * 5000)
    assert read_at_most(str(over), 1024) == b"y" * 1025  # past it: one byte more, no more
    assert read_at_most(str(over), 10_000) == b"y" * 5000
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert read_at_most(str(empty), 1024) == b""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_is_read_to_its_end_though_its_size_is_zero(tmp_path):
    import threading

    from linter.run.runner import read_at_most

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    payload = b"It cures MS.\n" * 20_000  # more than one read's worth

    def write() -> None:
        with open(fifo, "wb") as fh:
            fh.write(payload)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_at_most(str(fifo), 1 << 20) == payload
    finally:
        writer.join(timeout=10)


def test_a_single_5_mb_line(tmp_path, policy):
    line = "This calm therapy is gentle. " * 180_000 + "It cures MS.\n"
    (tmp_path / "line.txt").write_text(line)
    code, report, _ = check(policy, tmp_path / "line.txt")
    assert code == 1
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(1, len(line) - 9)]


def test_deeply_nested_and_unclosed_html(tmp_path, policy):
    html = "<div>" * 100_000 + "<p>It cures MS." + "<span><b><i>" * 2_000
    code, report, err = lint_with_good(tmp_path, policy, "deep.html", html.encode())
    assert code == 1
    deep = [(f["line"], f["column"]) for f in findings_in(report, "deep.html")]
    assert deep == [(1, 500_007)]
    assert_no_traceback(err)


def test_unterminated_front_matter_is_read_as_body_and_warned_about(tmp_path, policy):
    text = "---\ntitle: It cures MS\ndescription: calm\n\nBody text.\n"
    code, report, _ = lint_with_good(tmp_path, policy, "fm.md", text.encode())
    assert code == 1
    found = [(f["rule"], f["line"], f["column"]) for f in findings_in(report, "fm.md")]
    assert found == [("invalid-front-matter", 1, 1), (found[1][0], 2, 11)]


@pytest.mark.parametrize(
    "markdown",
    [
        "- " * 10_000 + "It cures MS.\n",
        "> " * 10_000 + "It cures MS.\n",
        "[" * 10_000 + "It cures MS." + "]" * 10_000 + "\n",
        "".join("  " * i + "- item\n" for i in range(300)) + "\nIt cures MS.\n",
    ],
    ids=["10k nested list markers", "10k nested quotes", "10k brackets", "300 indented levels"],
)
def test_pathological_markdown_nesting(tmp_path, policy, markdown):
    code, report, err = lint_with_good(tmp_path, policy, "nest.md", markdown.encode())
    assert code == 1
    assert [f["match"] for f in findings_in(report, "nest.md")] == ["cures"]
    assert_no_traceback(err)


def test_a_symlink_loop_in_a_walked_directory_is_visited_once(tmp_path, policy):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "good.md").write_text(GOOD)
    os.symlink(tmp_path / "site", tmp_path / "site" / "loop")
    code, report, _ = check(policy, tmp_path / "site")
    assert code == 1
    assert len(report["findings"]) == 1
    assert report["summary"]["files"] == 1


def test_a_dangling_symlink_and_a_missing_path(tmp_path, policy):
    (tmp_path / "good.md").write_text(GOOD)
    os.symlink(tmp_path / "nowhere.md", tmp_path / "dangling.md")
    code, report, err = check(policy, tmp_path, tmp_path / "missing.md")
    assert code == 2
    assert sorted(Path(e["path"]).name for e in report["errors"]) == ["dangling.md", "missing.md"]
    assert good_findings(report) == [("good.md", 1)]
    assert_no_traceback(err)


def _unreadable(path: Path) -> None:
    """A file that open() or read() refuses, even for root."""
    if os.geteuid() != 0:
        path.write_text(GOOD)
        path.chmod(0)
    elif Path("/proc/self/mem").exists():
        path.symlink_to("/proc/self/mem")  # reading it from offset 0 fails with EIO
    else:
        pytest.skip("no way to make a file root cannot read")


def test_an_unreadable_file_in_a_walked_directory(tmp_path, policy):
    (tmp_path / "good.md").write_text(GOOD)
    _unreadable(tmp_path / "locked.md")
    code, report, err = check(policy, tmp_path)
    assert code == 2
    [error] = report["errors"]
    assert error["path"] == str(tmp_path / "locked.md")
    assert error["message"].startswith("cannot read file: ")
    assert good_findings(report) == [("good.md", 1)]
    assert_no_traceback(err)


def test_a_bug_costs_one_file_and_is_one_line_unless_debug(tmp_path, policy, monkeypatch):
    from linter.run import runner

    real = runner.lint_document_with

    def explode(doc, settings, *found):
        if doc.path.endswith("boom.md"):
            raise RuntimeError("simulated bug")
        return real(doc, settings, *found)

    monkeypatch.setattr(runner, "lint_document_with", explode)
    code, report, err = lint_with_good(tmp_path, policy, "boom.md", GOOD.encode())
    assert code == 2
    assert report["errors"][0]["message"] == (
        "internal error while linting: RuntimeError: simulated bug "
        "(run with --debug for the traceback)"
    )
    assert good_findings(report) == [("good.md", 1)]
    assert_no_traceback(err)

    monkeypatch.delenv("HEALTHLINT_DEBUG", raising=False)  # restored after the test
    code, _, err = run_cli("--debug", "check", "--policy", policy, str(tmp_path))
    assert code == 2
    assert "Traceback" in err
    assert "RuntimeError: simulated bug" in err


def test_the_seeds_mixed_with_every_bad_file(tmp_path):
    """Acceptance: the seeds' findings, one error line per bad file, exit 2."""
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site)
    (site / "binary.md").write_bytes(b"\x89PNG\x00\x00")
    (site / "latin.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (site / "missing-link.md").symlink_to(tmp_path / "gone.md")
    (site / "deep.html").write_text("<div>" * 50_000)
    (site / "nest.md").write_text("- " * 10_000 + "x\n")
    (site / "empty.md").write_text("")
    code, out, err = run_cli("check", str(site))
    _, seeds_only, _ = run_cli("check", str(SEEDS))
    assert code == 2
    assert out.replace(str(site), str(SEEDS)) == seeds_only
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert [Path(line.split(":")[0]).name for line in errors] == [
        "binary.md",
        "latin.txt",
        "missing-link.md",
    ]
    assert_no_traceback(err)
