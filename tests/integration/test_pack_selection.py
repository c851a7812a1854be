"""Choosing packs by name: on the command line, in configuration, per folder, in the editor."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from linter.app import entry
from linter.common.resources import bundled_pack_folder, expand_policy_paths, pack_files
from linter.lsp.policies import PolicyStore
from tests.conftest import ROOT, run_cli
from tests.unit.app.test_entry import click_values
from tests.unit.config.test_config import rules_by_file

SITE = ROOT / "tests" / "fixtures" / "packs-site"
STEM_CELL_PAGE = "Stem cell injections for knee pain at our Irvine clinic.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_a_name_stands_for_the_bundled_folder_and_an_existing_path_wins(tmp_path, monkeypatch):
    folder = bundled_pack_folder("au-health")
    assert folder is not None
    assert expand_policy_paths(["au-health"]) == pack_files(folder)
    assert bundled_pack_folder("../au-health") is None
    own = tmp_path / "au-health"
    own.mkdir()
    write(own / "pack.yaml", "name: ours\n")
    monkeypatch.chdir(tmp_path)
    assert expand_policy_paths(["au-health"]) == [str(Path("au-health") / "pack.yaml")]


def test_the_fast_path_and_click_read_a_pack_name_alike(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "page.md", STEM_CELL_PAGE)
    argv = ["check", "--policy", "us-health", "--policy", "us-ca", "page.md"]
    fast = entry.parse_check(argv)
    assert fast is not None
    paths, values = fast
    assert values["policies"] == ("us-health", "us-ca")
    click_paths, click_params = click_values(argv)
    assert click_paths == paths
    assert click_params["policies"] == values["policies"]


def test_policy_names_on_the_command_line_combine_packs(tmp_path):
    page = write(tmp_path / "page.md", STEM_CELL_PAGE)
    code, out, _ = run_cli("check", "--no-config", "--policy", "us-ca", str(page))
    assert (code, rules_by_file(out, tmp_path)) == (0, {"page.md": ["ca-stem-cell-notice"]})
    code, out, _ = run_cli(
        "check", "--no-config", "--policy", "us-health", "--policy", "us-ca", str(page)
    )
    assert code == 1
    assert sorted(rules_by_file(out, tmp_path)["page.md"]) == [
        "ca-stem-cell-notice",
        "fda-status-disclosure",
    ]


def test_configuration_names_packs_and_overrides_choose_them_per_folder():
    code, out, err = run_cli("check", str(SITE))
    assert code == 1, err
    found = {path: sorted(set(rules)) for path, rules in rules_by_file(out, SITE).items()}
    assert found == {
        "us/index.md": ["fda-status-disclosure"],
        "us/ca/irvine.md": ["ca-stem-cell-notice"],
        "us/ca/san-diego.html": ["ca-stem-cell-notice", "ca-stem-cell-notice-wording"],
        "au/sydney-prp.md": ["au-hct-advertising-ban", "au-health-service-testimonial"],
        "uk/leeds-aesthetics.md": ["uk-pom-advertising"],
    }
    # Each pack's findings only in its folder.
    for path, rules in found.items():
        folder = path.split("/")[0] if not path.startswith("us/ca/") else "us/ca"
        allowed = {"us": ("fda-",), "us/ca": ("ca-", "fda-"), "au": ("au-",), "uk": ("uk-",)}
        assert all(r.startswith(allowed[folder]) for r in rules), (path, rules)


def test_the_california_notice_any_wrapping_or_quotes_passes_a_truncated_one_warns():
    code, out, _ = run_cli("check", "--format", "json", str(SITE / "us" / "ca"))
    assert code == 0  # info and warning findings only

    findings = {
        (Path(f["path"]).name, f["rule"], f["severity"]) for f in json.loads(out)["findings"]
    }
    assert ("irvine.md", "ca-stem-cell-notice", "info") in findings
    assert not any(name == "beverly-hills.md" for name, _, _ in findings)
    assert ("san-diego.html", "ca-stem-cell-notice-wording", "warning") in findings
    wording = next(f for f in json.loads(out)["findings"] if f["rule"].endswith("-wording"))
    assert "stopping short" in wording["message"]
    assert "You are encouraged to consult with" in wording["message"]


def test_an_override_without_the_extend_mark_replaces_the_packs(tmp_path):
    write(
        tmp_path / ".healthlint.yaml",
        """
        policies: [us-health]
        overrides:
          - paths: ["ca/**"]
            policies: [us-ca]
        """,
    )
    write(tmp_path / "ca" / "page.md", STEM_CELL_PAGE)
    code, out, _ = run_cli("check", str(tmp_path))
    assert (code, rules_by_file(out, tmp_path)) == (0, {"ca/page.md": ["ca-stem-cell-notice"]})


def test_rule_ids_of_any_folders_pack_may_be_configured(tmp_path):
    write(
        tmp_path / ".healthlint.yaml",
        """
        policies: [us-health]
        severity: {ca-stem-cell-notice: warning}
        overrides:
          - paths: ["ca/**"]
            policies: ["...", us-ca]
        """,
    )
    write(tmp_path / "ca" / "page.md", "We do not offer stem cell therapy.\n")
    write(tmp_path / "other.md", "Nothing to see.\n")
    code, _, err = run_cli("check", str(tmp_path))
    assert code == 0, err


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        ("[au-healht]", "no bundled pack has that name (did you mean 'au-health'?)"),
        ("[missing.yaml]", "policy file 'missing.yaml' not found"),
    ],
)
def test_a_configured_pack_that_does_not_exist_is_an_error_at_its_line(tmp_path, listed, message):
    config = write(tmp_path / ".healthlint.yaml", f"ignore: []\npolicies: {listed}\n")
    write(tmp_path / "page.md", "Hello.\n")
    code, out, err = run_cli("check", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{config}:2:")
    assert message in err


def test_a_pack_folder_in_configuration_is_accepted(tmp_path):
    shutil.copytree(bundled_pack_folder("us-ca") or "", tmp_path / "packs" / "ca")
    write(tmp_path / ".healthlint.yaml", "policies: [packs/ca]\n")
    write(tmp_path / "page.md", STEM_CELL_PAGE)
    code, out, _ = run_cli("check", str(tmp_path))
    assert (code, rules_by_file(out, tmp_path)) == (0, {"page.md": ["ca-stem-cell-notice"]})


def test_the_language_server_takes_pack_names_and_the_sites_overrides(tmp_path):
    store = PolicyStore()
    store.set_roots([tmp_path])
    assert store.configure({"healthlint": {"policies": ["au-health"]}})
    policy = store.settings_for(str(tmp_path / "page.md")).policy
    assert policy.rules[0].id == "au-hct-advertising-ban"
    site = PolicyStore()
    site.set_roots([SITE])
    au = site.settings_for(str(SITE / "au" / "sydney-prp.md")).policy
    ca = site.settings_for(str(SITE / "us" / "ca" / "irvine.md")).policy
    assert {r.id for r in au.rules} >= {"au-hct-advertising-ban"}
    assert {"ca-stem-cell-notice", "fda-status-disclosure"} <= {r.id for r in ca.rules}
