"""docs/rules/ is generated from the bundled pack and kept in step with it."""

from __future__ import annotations

import json

from linter.app.ruledocs import rule_page, rule_pages
from linter.policy import load_policies
from tests.conftest import ROOT, run_cli

DOCS = ROOT / "docs" / "rules"
REGENERATE = "healthlint rules --write-docs docs/rules"


def test_every_rule_of_the_bundled_pack_has_a_page_that_is_up_to_date():
    policy = load_policies()
    pages = rule_pages(policy)
    assert {f"{r.id}.md" for r in policy.rules} | {"README.md"} == set(pages)
    stale = [
        name
        for name, text in pages.items()
        if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"stale rule docs {stale}: run `{REGENERATE}`"


def test_editing_a_rationale_makes_its_page_stale():
    policy = load_policies()
    rule = policy.rule("cure-claim")
    edited = rule.replace(rationale=rule.rationale + " One more sentence.")
    page = (DOCS / "cure-claim.md").read_text(encoding="utf-8")
    assert rule_page(rule, policy.name) == page
    assert rule_page(edited, policy.name) != page


def test_a_page_shows_the_rules_parts_with_links():
    page = (DOCS / "cure-claim.md").read_text(encoding="utf-8")
    for heading in ("## Why", "## Check", "## References", "## Flagged", "## Not flagged"):
        assert heading in page
    assert "](https://www.ftc.gov/" in page


def test_rules_json_prints_the_same_data(tmp_path):
    code, out, _err = run_cli("rules", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["policy"] == "us-health"
    cure = next(r for r in data["rules"] if r["id"] == "cure-claim")
    assert (cure["severity"], cure["shape"]) == ("error", "forbid")
    assert any(e["fire"] for e in cure["examples"])
    assert all(ref["url"].startswith("https://") for ref in cure["references"])


def test_the_docs_command_writes_a_page_per_rule(tmp_path):
    code, _out, err = run_cli("rules", "--write-docs", str(tmp_path / "rules"))
    assert code == 0
    written = sorted(p.name for p in (tmp_path / "rules").iterdir())
    assert written == sorted(rule_pages(load_policies()))
    assert "wrote" in err
