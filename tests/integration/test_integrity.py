"""Nothing lost, nothing changed: linting never writes to copy, and an
interrupted run leaves no partial report behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, SEEDS, run_cli


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_check_never_writes_to_linted_files(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site)
    (site / "page.html").write_text("<p>It cures MS.</p>")
    (site / "waived.md").write_text(
        "<!-- healthlint-disable-next-line hype-term -- a journal title -->\nA breakthrough.\n"
    )
    before = snapshot(site)
    time.sleep(0.01)  # a write now would show in mtime_ns
    for args in (
        ["check", str(site)],
        ["check", "--format", "sarif", "--output", str(tmp_path / "out.sarif"), str(site)],
        ["check", "--report-suppressed", "--format", "json", str(site)],
        ["baseline", "create", str(tmp_path / "baseline.json"), str(site)],
        ["check", "--baseline", str(tmp_path / "baseline.json"), str(site)],
    ):
        code, _, err = run_cli(*args)
        assert code in (0, 1), err
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json", "out.sarif", "site"]


def _big_site(folder: Path, files: int = 1500) -> None:
    folder.mkdir()
    page = ("Our stem cell therapy cures MS and is 100% safe. " * 40 + "\n\n") * 12
    for i in range(files):
        (folder / f"page{i:04d}.md").write_text(page)


def test_sigint_exits_130_and_leaves_no_partial_output_file(tmp_path):
    _big_site(tmp_path / "site")
    out = tmp_path / "reports" / "report.json"
    out.parent.mkdir()
    command = ["check", "--format", "json", "--output", str(out), str(tmp_path / "site")]
    proc = subprocess.Popen(
        [sys.executable, "-m", "linter", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    time.sleep(1.5)  # started and linting: the whole site takes far longer
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "healthlint: interrupted"
    assert "Traceback" not in err
    assert list(out.parent.iterdir()) == []  # neither the report nor a temporary file
