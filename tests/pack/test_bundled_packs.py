"""Every bundled pack: its examples pass, its rules are documented, and it is chosen by name."""

from __future__ import annotations

import json
import re

import pytest

from linter.app.selftest import run_examples
from linter.common.resources import bundled_packs
from linter.policy import load_policies
from linter.policy.packs import pack_info
from tests.conftest import run_cli

PACKS = bundled_packs()
#: The id prefix each jurisdiction's rules carry (us-health's ids predate the packs).
PREFIX = {"us-ca": "ca-", "us-ut": "ut-", "us-wa": "wa-", "us-fl": "fl-"}


def test_the_packs_beyond_us_health_are_bundled():
    assert {"us-health", "us-ca", "us-ut", "us-wa", "us-fl", "au-health", "uk-health"} <= set(PACKS)
    assert "eu-health" in PACKS


@pytest.mark.parametrize("pack", PACKS)
def test_every_example_of_every_bundled_pack_behaves(pack):
    report = run_examples(load_policies([pack]))
    assert report.rules > 0
    assert [str(f) for f in report.failures] == []
    assert report.without_examples == []


@pytest.mark.parametrize("pack", [p for p in PACKS if p != "us-health"])
def test_each_rule_of_the_new_packs_is_documented_and_prefixed(pack):
    policy = load_policies([pack])
    prefix = PREFIX.get(pack, pack.split("-")[0] + "-")
    for rule in policy.rules:
        assert rule.id.startswith(prefix), rule.id
        assert rule.title, rule.id
        assert rule.rationale, rule.id
        assert rule.references, rule.id
        assert all(re.search(r"https?://", ref) for ref in rule.references), rule.id
        fire = [e for e in rule.examples if e.fire]
        passing = [e for e in rule.examples if not e.fire]
        assert len(fire) >= 4, rule.id
        assert len(passing) >= 4, rule.id
        assert all(e.why for e in rule.examples), rule.id


@pytest.mark.parametrize("pack", PACKS)
def test_each_pack_names_its_jurisdiction_and_says_it_is_not_legal_advice(pack):
    info = pack_info(pack)
    assert info.name == pack
    assert info.version
    assert info.jurisdiction
    assert "Not legal advice" in info.description


def test_all_bundled_packs_compile_together_without_clashing():
    policy = load_policies(PACKS)
    ids = [r.id for r in policy.rules]
    assert len(ids) == len(set(ids))
    assert sum(len(load_policies([p]).rules) for p in PACKS) == len(ids)


def test_healthlint_packs_lists_name_version_jurisdiction_and_description():
    code, out, _ = run_cli("packs")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == PACKS
    au = next(line for line in lines if line.startswith("au-health "))
    assert "Australia" in au
    assert "8 rules" in au
    assert "stem cell" in au
    code, out, _ = run_cli("packs", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["name"]: r["jurisdiction"] for r in rows}["uk-health"] == "United Kingdom"
    assert set(rows[0]) == {"name", "version", "jurisdiction", "description", "rules"}


@pytest.mark.parametrize("pack", ["au-health", "us-ca"])
def test_healthlint_test_rules_and_explain_take_a_pack_name(pack):
    code, _, err = run_cli("test", pack)
    assert (code, "all passed" in err) == (0, True)
    code, out, _ = run_cli("rules", "--policy", pack)
    first = load_policies([pack]).rules[0]
    assert code == 0
    assert first.id in out
    assert "fda-status-disclosure" not in out
    code, out, _ = run_cli("explain", first.id, "--policy", pack)
    assert code == 0
    assert first.rationale.split()[0] in out


def test_an_unknown_pack_name_is_a_policy_error_with_a_suggestion(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Stem cells.\n", encoding="utf-8")
    for args in (("check", "--policy", "au-healht", str(page)), ("test", "au-healht")):
        code, out, err = run_cli(*args)
        assert (code, out) == (2, "")
        assert "no policy file, pack folder or bundled pack named 'au-healht'" in err
        assert "(did you mean 'au-health'?)" in err
