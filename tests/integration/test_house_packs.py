"""House rules on top of the bundled pack: lexicons private to their pack,
qualified references, extensions and overrides of another pack's rules."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from linter.common.errors import PolicyError
from linter.common.resources import policies_dir
from linter.policy import load_policies
from tests.conftest import ROOT, SEEDS, run_cli

BUNDLED = os.path.join(policies_dir(), "us-health")

HOUSE = """
name: acme-house
lexicons:
  hedge: ["acme says maybe"]
  remission: ["symptom holiday"]
rules:
  - id: house-remission
    severity: warning
    message: "House rule: “{{ match }}” needs a hedge."
    check: find @remission unless sentence has @us-health.hedge
    examples:
      fire: ["Enjoy a symptom holiday."]
      pass: ["Some patients may enjoy a symptom holiday."]
"""


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def lint_json(*args: str) -> tuple[int, list[dict]]:
    code, out, _err = run_cli("check", "--format", "json", "--no-config", *args)
    return code, json.loads(out)["findings"] if out.strip() else []


def test_a_house_pack_defining_hedge_and_remission_lints_beside_the_bundled_pack(tmp_path):
    house = write(tmp_path / "house.yaml", HOUSE)
    page = tmp_path / "page.md"
    page.write_text("Enjoy a symptom holiday.\n\nSome patients may enjoy a symptom holiday.\n")
    policy = load_policies([BUNDLED, str(house)])
    assert policy.rule("house-remission") is not None
    assert policy.rule("cure-claim") is not None
    _code, findings = lint_json("--policy", BUNDLED, "--policy", str(house), str(page))
    house_hits = [f for f in findings if f["rule"] == "house-remission"]
    assert [f["line"] for f in house_hits] == [1]  # the bundled pack's "may" hedges line 3


def test_a_house_pack_can_be_named_beside_the_bundled_pack_by_name(tmp_path):
    house = write(tmp_path / "house.yaml", HOUSE)
    try:
        policy = load_policies(["us-health", str(house)])
    except PolicyError as exc:
        pytest.skip(f"bundled pack names are not resolved yet: {exc}")
    assert policy.rule("house-remission") is not None


def test_the_rule_language_docs_example_loads_beside_the_bundled_pack(tmp_path):
    readme = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\nname: my-clinic") + len("```yaml\n")
    example = readme[start : readme.index("```", start)]
    mine = write(
        tmp_path / "my-pack.yaml", example.replace("unqualified-remission", "my-remission")
    )
    policy = load_policies([BUNDLED, str(mine)])
    assert policy.rule("my-remission") is not None


def test_two_house_packs_both_defining_remission_load_together(tmp_path):
    one = write(tmp_path / "one.yaml", HOUSE)
    two = write(
        tmp_path / "two.yaml",
        """
        name: clinic-two
        lexicons:
          remission: ["disease vanishes"]
        rules:
          - id: two-remission
            severity: error
            message: "“{{ match }}”"
            check: find @remission
        """,
    )
    page = tmp_path / "page.md"
    page.write_text("Enjoy a symptom holiday.\n\nThe disease vanishes.\n")
    _code, findings = lint_json(
        "--policy", BUNDLED, "--policy", str(one), "--policy", str(two), str(page)
    )
    got = sorted((f["rule"], f["line"]) for f in findings if f["rule"].endswith("-remission"))
    # Each rule reads its own pack's remission lexicon, not the other's.
    assert got == [("house-remission", 1), ("two-remission", 3)]


def test_an_unqualified_name_is_private_to_its_pack(tmp_path):
    house = write(
        tmp_path / "house.yaml",
        """
        name: acme-house
        rules:
          - id: uses-bundled
            severity: error
            message: "x"
            check: find @hedge
        """,
    )
    with pytest.raises(PolicyError) as caught:
        load_policies([BUNDLED, str(house)])
    assert "unknown lexicon @hedge (known: none defined)" in str(caught.value)
    assert caught.value.path == str(house)


def test_an_unknown_qualified_lexicon_lists_the_qualified_names(tmp_path):
    house = write(
        tmp_path / "house.yaml",
        """
        name: acme-house
        rules:
          - id: typo
            severity: error
            message: "x"
            check: find @us-health.hedges
        """,
    )
    with pytest.raises(PolicyError) as caught:
        load_policies([BUNDLED, str(house)])
    message = str(caught.value)
    assert "unknown lexicon @us-health.hedges" in message
    assert "@us-health.hedge," in message


def test_extend_lexicons_adds_entries_that_the_bundled_rules_also_read(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our protocol puts MS into remission, acme-style.\n")
    _, before = lint_json("--policy", BUNDLED, str(page))
    assert "unqualified-remission" in {f["rule"] for f in before}
    house = write(
        tmp_path / "house.yaml",
        """
        name: acme-house
        extend-lexicons:
          us-health.hedge: ["acme-style"]
        """,
    )
    _, after = lint_json("--policy", BUNDLED, "--policy", str(house), str(page))
    assert "unqualified-remission" not in {f["rule"] for f in after}


def test_extending_an_unknown_lexicon_is_an_error_at_its_name(tmp_path):
    house = write(
        tmp_path / "house.yaml",
        """
        name: acme-house
        extend-lexicons:
          us-health.hedgez: ["acme-style"]
        """,
    )
    with pytest.raises(PolicyError) as caught:
        load_policies([BUNDLED, str(house)])
    assert (caught.value.line, caught.value.column) == (3, 3)
    assert "did you mean 'us-health.hedge'" in str(caught.value)


def test_a_house_pack_changes_a_bundled_rules_severity_and_message_by_id(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our stem cell therapy cures arthritis.\n")
    house = write(
        tmp_path / "house.yaml",
        """
        name: acme-house
        override-rules:
          cure-claim:
            severity: warning
            message: "Legal asks: do not promise a cure (“{{ match }}”)."
        """,
    )
    policy = load_policies([BUNDLED, str(house)])
    rule = policy.rule("cure-claim")
    assert rule is not None
    assert rule.severity == "warning"
    assert rule.source.endswith("cure-claim.yaml")  # changed, not copied
    _, findings = lint_json("--policy", BUNDLED, "--policy", str(house), str(page))
    cure = [f for f in findings if f["rule"] == "cure-claim"]
    assert cure
    assert all(f["severity"] == "warning" for f in cure)
    assert cure[0]["message"].startswith("Legal asks: do not promise a cure")


def test_overriding_an_unknown_rule_or_key_is_an_error(tmp_path):
    bad_id = write(tmp_path / "a.yaml", "override-rules:\n  cure-claims: {severity: info}\n")
    with pytest.raises(PolicyError, match=r"unknown rule id .cure-claims.*.cure-claim."):
        load_policies([BUNDLED, str(bad_id)])
    bad_key = write(tmp_path / "b.yaml", "override-rules:\n  cure-claim: {check: x}\n")
    with pytest.raises(PolicyError, match="an override changes only"):
        load_policies([BUNDLED, str(bad_key)])


def test_the_bundled_packs_findings_on_the_seeds_do_not_change_with_an_empty_house_pack(
    tmp_path,
):
    house = write(tmp_path / "house.yaml", "name: acme-house\nrules: []\n")
    _, alone = lint_json("--policy", BUNDLED, str(SEEDS))
    _, beside = lint_json("--policy", BUNDLED, "--policy", str(house), str(SEEDS))
    assert alone
    assert alone == beside


def test_a_ten_thousand_rule_policy_in_one_file_loads(tmp_path):
    """An honest large policy is not an alias bomb (defect 6)."""
    rules = "".join(
        f"  - {{id: r{i}, title: t, severity: info, message: m, check: '\"word{i}\"',"
        f" examples: {{fire: [word{i}], pass: [other]}}}}\n"
        for i in range(10_000)
    )
    big = write(tmp_path / "big.yaml", "name: big\nrules:\n" + rules)
    assert len(load_policies([str(big)], use_cache=False).rules) == 10_000


def test_the_rule_language_docs_house_pack_example_loads_beside_the_bundled_pack(tmp_path):
    readme = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\nname: acme-house") + len("```yaml\n")
    house = write(tmp_path / "house.yaml", readme[start : readme.index("```", start)])
    policy = load_policies([BUNDLED, str(house)])
    rule = policy.rule("superiority-claim")
    assert rule is not None
    assert rule.severity == "error"
    assert policy.rule("house-remission") is not None
