"""``check --fix`` and ``--diff``: suggested disclosures inserted once, in the
same place as the language server's quick fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from linter.documents import read_source
from linter.lsp.edits import apply_insertions, disclosure
from tests.conftest import SEEDS, run_cli

REQUIRE_RULES = {
    "fda-status-disclosure",
    "not-a-cure-statement",
    "insurance-status-disclosure",
    "testimonial-disclaimer",
}

SITE = {
    "index.md": "# Knees\n\nOur stem cell injections treat knee arthritis.\nBook today.\n\n"
    "## Cost\n\nEach injection is $3,500.\n",
    "about.html": "<html><body>\n  <p>Our stem cell therapy treats multiple sclerosis.</p>\n"
    "  <p>Call us.</p>\n</body></html>\n",
    "notes.txt": "Our stem cell therapy treats\nmultiple sclerosis in weeks. Call now.\nThanks.\n",
}


def make_site(folder: Path) -> Path:
    folder.mkdir()
    for name, text in SITE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def require_findings(path: Path) -> list[dict]:
    code, out, _ = run_cli("check", "--no-config", "--format", "json", str(path))
    assert code in (0, 1)
    return [f for f in json.loads(out)["findings"] if f["rule"] in REQUIRE_RULES]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("source", ["seeds", "site"])
def test_fix_inserts_each_disclosure_once_and_a_second_run_changes_nothing(tmp_path, source):
    folder = tmp_path / source
    if source == "seeds":
        shutil.copytree(SEEDS, folder)
    else:
        make_site(folder)
    assert require_findings(folder)
    _, _, err = run_cli("check", "--no-config", "--fix", str(folder))
    assert "healthlint: fixed" in err
    assert require_findings(folder) == []
    once = snapshot(folder)
    _code, _, err = run_cli("check", "--no-config", "--fix", str(folder))
    assert "fixed" not in err
    assert snapshot(folder) == once


def test_diff_shows_the_fix_and_changes_nothing(tmp_path):
    folder = make_site(tmp_path / "site")
    before = snapshot(folder)
    code, out, _err = run_cli("check", "--no-config", "--diff", str(folder))
    assert code == 1
    assert snapshot(folder) == before
    assert f"--- a/{folder.as_posix()}/index.md" in out
    assert "+This treatment has not been approved by the FDA; it is investigational." in out
    # The same change as --fix makes.
    fixed = tmp_path / "fixed"
    shutil.copytree(folder, fixed)
    run_cli("check", "--no-config", "--fix", str(fixed))
    added = {line[1:] for line in out.splitlines() if line.startswith("+") and line[1:2] != "+"}
    for name in SITE:
        new = (fixed / name).read_text(encoding="utf-8").splitlines()
        old = set((folder / name).read_text(encoding="utf-8").splitlines())
        assert {line for line in new if line not in old} <= added


def test_diff_exits_zero_when_there_is_nothing_to_fix(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("A plain page about knees.\n")
    code, out, _ = run_cli("check", "--no-config", "--diff", str(page))
    assert (code, out) == (0, "")


def test_fixed_findings_do_not_fail_the_run(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our stem cell injections treat knee arthritis.\n")
    assert run_cli("check", "--no-config", str(page))[0] == 1
    code, out, _ = run_cli("check", "--no-config", "--fix", str(page))
    assert (code, out) == (0, "")


def test_fix_inserts_at_a_paragraph_boundary_never_inside_a_sentence(tmp_path):
    site = make_site(tmp_path / "site")
    run_cli("check", "--no-config", "--fix", str(site))
    text = (site / "notes.txt").read_text(encoding="utf-8")
    assert "treats\nmultiple sclerosis in weeks. Call now.\n" in text  # the sentence stays whole
    html = (site / "about.html").read_text(encoding="utf-8")
    assert "multiple sclerosis.</p>\n  <p>This treatment has not been approved" in html
    md = (site / "index.md").read_text(encoding="utf-8")
    assert "Book today.\n\nThis treatment has not been approved" in md


def test_a_plain_text_disclosure_never_splits_a_hard_wrapped_sentence():
    """Defect 8: a short first line read as a heading got the disclosure after it."""
    source = "Intro.\n\nOur stem cell therapy cures\nMS in weeks. Call now.\nMore.\n"
    doc = read_source("page.txt", source, "text")
    insertion = disclosure(doc, source.index("cures"), "DISCLOSURE")
    assert insertion is not None
    fixed = apply_insertions(source, [insertion])
    assert "cures\nMS in weeks. Call now.\nDISCLOSURE\n" in fixed


def test_the_same_insertion_twice_is_made_once():
    source = "a\n\nb\n"
    from linter.lsp.edits import Insertion

    text = apply_insertions(source, [Insertion(1, "\n\nX"), Insertion(1, "\n\nX")])
    assert text == "a\n\nX\n\nb\n"


def test_fix_keeps_a_files_bom_and_crlf_line_endings(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"\xef\xbb\xbfOur stem cell injections treat knee arthritis.\r\n")
    run_cli("check", "--no-config", "--fix", str(page))
    data = page.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfOur stem cell")
    assert b"\r\n\r\nThis treatment has not been approved" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_fix_refuses_standard_input(tmp_path):
    code, _, err = run_cli("check", "--fix", "-", input="Our stem cell therapy.\n")
    assert code == 2
    assert "standard input" in err


def test_the_fast_path_and_click_both_fix(tmp_path):
    import subprocess
    import sys

    page = tmp_path / "page.md"
    page.write_text("Our stem cell injections treat knee arthritis.\n")
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--no-config", "--diff", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "+This treatment has not been approved" in done.stdout
