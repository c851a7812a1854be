"""The layer contract in pyproject.toml holds, and it would catch an import that breaks it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("importlinter", reason="import-linter is in the test extra")


def lint_imports_command(root: Path) -> subprocess.CompletedProcess[str]:
    script = (
        "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"
    )
    return subprocess.run(
        [sys.executable, "-c", script, "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_contract_is_kept():
    run = lint_imports_command(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.mark.parametrize(
    ("module", "forbidden", "contract"),
    [
        ("engine/patterns.py", "import linter.config.settings", "never reach up"),
        ("formats/text.py", "import linter.engine.analysis", "Formats read results"),
        ("documents/model.py", "import linter.policy.model", "below them"),
        ("matching/prefilter/sets.py", "import linter.matching.text", "No import cycles"),
    ],
)
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, forbidden, contract):
    shutil.copytree(ROOT / "linter", tmp_path / "linter", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "linter" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{forbidden}  # noqa\n")
    run = lint_imports_command(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    broken = run.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, run.stdout
