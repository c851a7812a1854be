"""Baselines: record today's findings, then fail only on new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter import __version__
from tests.conftest import CLAIM_POLICY
from tests.conftest import run_cli as run

LEGACY = "# Our clinic\n\nIt cures.\n\nA miracle.\n"


@pytest.fixture
def site(tmp_path: Path, write_policy) -> Path:
    """A site with two legacy findings and a configuration naming the policy."""
    write_policy(CLAIM_POLICY)
    (tmp_path / ".healthlint.yaml").write_text("policies: [policy.yaml]\nfail-on: warning\n")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "index.md").write_text(LEGACY)
    return tmp_path


def create(site: Path) -> Path:
    baseline = site / "healthlint-baseline.json"
    code, out, err = run("baseline", "create", str(baseline), str(site / "pages"))
    assert (code, out) == (0, "")
    assert "records 2 findings in 1 file" in err
    return baseline


def check(site: Path, baseline: Path) -> tuple[int, list[str], str]:
    code, out, err = run("check", "--baseline", str(baseline), str(site / "pages"))
    return code, [line.split(":", 1)[1] for line in out.splitlines()], err


def test_a_baseline_records_each_finding_readably(site):
    data = json.loads(create(site).read_text())
    assert data["tool"] == {"name": "healthlint", "version": __version__}
    assert data["created"].endswith("Z")
    entries = [{k: v for k, v in e.items() if k != "fingerprint"} for e in data["findings"]]
    assert entries == [
        {"rule": "no-cure", "path": "pages/index.md", "line": 3, "match": "cures"},
        {"rule": "hype", "path": "pages/index.md", "line": 5, "match": "miracle"},
    ]
    assert all(len(e["fingerprint"]) == 32 for e in data["findings"])


def test_check_with_the_baseline_reports_only_new_findings(site):
    baseline = create(site)
    code, out, err = check(site, baseline)
    assert (code, out) == (0, [])
    assert "2 in the baseline" in err
    (site / "pages" / "index.md").write_text(LEGACY + "\nAnother miracle.\n")
    code, out, err = check(site, baseline)
    assert (code, out) == (1, ["7:9: warning: hype: miracle [hype]"])


def test_moving_a_sentence_to_another_line_does_not_make_it_new(site):
    baseline = create(site)
    moved = "# Our clinic\n\nWelcome. We are glad you came.\n\nA miracle.\n\n\n\nIt cures.\n"
    (site / "pages" / "index.md").write_text(moved)
    code, out, err = check(site, baseline)
    assert (code, out) == (0, [])
    assert "2 in the baseline" in err


def test_rewording_a_sentence_makes_it_new(site):
    baseline = create(site)
    (site / "pages" / "index.md").write_text(LEGACY.replace("It cures.", "It cures MS."))
    code, out, _ = check(site, baseline)
    assert (code, out) == (1, ["3:4: error: cure claim: cures [no-cure]"])


def test_a_repeated_sentence_beyond_the_recorded_count_is_new(site):
    baseline = create(site)
    (site / "pages" / "index.md").write_text(LEGACY + "\nIt cures.\n")
    _code, out, _ = check(site, baseline)
    assert out == ["7:4: error: cure claim: cures [no-cure]"]


def test_paths_are_recorded_relative_to_the_baseline(site, monkeypatch):
    create(site)
    monkeypatch.chdir(site / "pages")
    code, out, err = run("check", "--baseline", "../healthlint-baseline.json", ".")
    assert (code, out) == (0, "")
    assert "2 in the baseline" in err


def test_baseline_create_defaults_to_the_current_folder(site, monkeypatch):
    monkeypatch.chdir(site)
    code, _, _ = run("baseline", "create", "base.json")
    assert code == 0
    assert [e["path"] for e in json.loads((site / "base.json").read_text())["findings"]] == [
        "pages/index.md",
        "pages/index.md",
    ]


def test_baseline_create_honours_the_configuration_and_options(site):
    baseline = site / "b.json"
    code, _, _ = run("baseline", "create", "--ignore", "hype", str(baseline), str(site / "pages"))
    assert code == 0
    assert [e["rule"] for e in json.loads(baseline.read_text())["findings"]] == ["no-cure"]
    assert check(site, baseline)[1] == ["5:3: warning: hype: miracle [hype]"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline: No such file or directory"),
        ('{"findings": [\n', "2:1: error: baseline is not JSON"),
        ('{"tool": "x"}', "error: not a healthlint baseline: no `findings` list"),
        ('{"findings": [{"rule": "x"}]}', "error: not a healthlint baseline: findings[0] has no"),
    ],
)
def test_a_missing_or_malformed_baseline_exits_2(site, content, message):
    baseline = site / "b.json"
    if content is not None:
        baseline.write_text(content)
    code, out, err = check(site, baseline)
    assert (code, out) == (2, [])
    assert err.startswith(f"{baseline}:")
    assert message in err
    assert len(err.splitlines()) == 1
