"""The pre-commit hook, run by the real ``pre-commit try-repo`` against this checkout.

try-repo installs the hook the way users get it: it clones this repository
at HEAD (with tracked, uncommitted changes folded into a temporary commit),
builds a virtualenv and pip-installs healthlint into it from the package
index. That takes a while, so the test is marked slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

BAD_PAGE = "# Our clinic\n\nThis therapy cures MS.\n"
GOOD_PAGE = "# Our clinic\n\nWe offer physical therapy for knee pain.\n"
ARGS = ("--all-files", "--color", "never")


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def _skip_reason(env: dict[str, str]) -> str | None:
    if shutil.which("git") is None:
        return "git is not installed"
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return "pre-commit is not installed (it is in the test extra)"
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if top.returncode or Path(top.stdout.strip()).resolve() != ROOT.resolve():
        return "this checkout is not a git repository, which try-repo needs"
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    if tracked.returncode:
        return ".pre-commit-hooks.yaml is not tracked by git, so try-repo cannot see it"
    return None


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """The environment without git's per-repository variables (set when run from a hook)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    return env


def test_the_hook_fails_on_a_bad_page_and_passes_once_it_is_fixed(tmp_path, clean_env):
    reason = _skip_reason(clean_env)
    if reason:
        pytest.skip(reason)
    site = tmp_path / "site"
    site.mkdir()
    _git("init", "-q", cwd=site, env=clean_env)
    (site / "index.md").write_text(BAD_PAGE, encoding="utf-8")
    (site / "build.py").write_text("# This script cures nothing: not copy.\n", encoding="utf-8")
    _git("add", ".", cwd=site, env=clean_env)

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "healthlint", *ARGS],
            cwd=site,
            env=clean_env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    failed = try_repo()
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "healthlint" in output
    assert "Failed" in output
    assert "index.md:3:14: error: " in output
    assert "[cure-claim]" in output
    assert "build.py" not in output  # only copy is handed to the hook

    (site / "index.md").write_text(GOOD_PAGE, encoding="utf-8")
    _git("add", ".", cwd=site, env=clean_env)
    passed = try_repo()
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output
