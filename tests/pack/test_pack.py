"""The bundled `us-health` pack: its contract, its metadata, its own examples."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.app.cli import main
from linter.app.selftest import check_example
from linter.documents import read_source
from linter.engine.analysis import lint_document
from linter.policy import load_policies
from tests.conftest import ROOT

PACK = ROOT / "policies" / "us-health"  # a pack folder: pack.yaml, lexicons.yaml, a file a rule

# The contract of policy-pack.md: id -> (shape, severity).
CONTRACT = {
    "fda-status-disclosure": ("require", "error"),
    "fda-approval-claim": ("forbid", "error"),
    "not-a-cure-statement": ("require", "error"),
    "unqualified-remission": ("forbid", "error"),
    "cure-claim": ("forbid", "error"),
    "insurance-status-disclosure": ("require", "warning"),
    "price-clarity": ("forbid", "warning"),
    "testimonial-disclaimer": ("require", "error"),
    "unsubstantiated-statistic": ("forbid", "error"),
    "vague-evidence": ("forbid", "warning"),
    "hype-term": ("forbid", "warning"),
    "absolute-safety-claim": ("forbid", "error"),
    "superiority-claim": ("forbid", "warning"),
}
URL = re.compile(r"https?://\S+")


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def pack():
    return load_policies([PACK], use_cache=False)


@pytest.fixture(scope="module")
def lint(pack):
    """lint(text) -> [(rule, severity, line)] for a Markdown page under the bundled pack."""

    def run_lint(text: str, rule: str | None = None):
        doc = read_source("page.md", text, "markdown")
        found = [(f.rule, f.severity, f.line) for f in lint_document(doc, pack)]
        return [f for f in found if rule is None or f[0] == rule]

    return run_lint


def test_every_contract_rule_exists_with_its_shape_and_severity(pack):
    assert {r.id: (r.shape, r.severity) for r in pack.rules if r.id in CONTRACT} == CONTRACT


@pytest.mark.parametrize("rule_id", sorted(CONTRACT))
def test_each_contract_rule_documents_itself(pack, rule_id):
    rule = pack.rule(rule_id)
    assert rule.title
    assert len(rule.rationale) > 80
    assert "{{ match }}" in rule.message  # the message quotes the match ...
    assert ";" in rule.message  # ... then says what to do
    assert rule.references
    assert all(URL.search(ref) for ref in rule.references)
    assert bool(rule.suggestion) == (rule.shape == "require")
    fire = [e for e in rule.examples if e.fire]
    passing = [e for e in rule.examples if not e.fire]
    assert len(fire) >= 4
    assert len(passing) >= 4


def test_the_examples_cover_curly_apostrophes_and_hard_wrapped_copy(pack):
    examples = [e for r in pack.rules for e in r.examples]
    assert sum("\u2019" in e.text for e in examples) >= 8
    assert sum("\n" in e.text.strip() for e in examples) >= 13


def test_the_bundled_pack_passes_its_own_examples():
    code, out, err = run("test")
    assert (code, out) == (0, "")
    assert err.startswith("healthlint test: 16 rules, ")
    assert err.rstrip().endswith("all passed")


def test_flipping_any_single_example_of_the_pack_makes_it_fail(pack):
    """No example is vacuous: each one's outcome is decided by its rule."""
    examples = [(rule, example) for rule in pack.rules for example in rule.examples]
    assert len(examples) > 100
    for rule, example in examples:
        flipped = example.replace(fire=not example.fire, severity="")
        assert check_example(pack, rule, flipped) is not None, (rule.id, example.text)


def test_a_flipped_example_in_the_pack_file_fails_the_command_with_one_line(tmp_path: Path):
    pack = tmp_path / "us-health"
    shutil.copytree(PACK, pack)
    path = pack / "unqualified-remission.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = '    - "Some trial patients stayed in remission for years [3]."\n'
    assert text.count(anchor) == 1
    flipped = text.replace(anchor, anchor + '    - "HSCT puts MS into remission."\n', 1)
    path.write_text(flipped, encoding="utf-8")
    line = flipped[: flipped.index(anchor)].count("\n") + 2

    code, out, err = run("test", str(pack))
    assert code == 1
    assert out == (
        f"{path}:{line}:7: unqualified-remission: pass example should not fire, "
        'got error “remission”: "HSCT puts MS into remission."\n'
    )
    assert "1 failed" in err


# --- behaviours the issue names, on whole pages ----------------------------


def test_a_hedge_downgrades_a_cure_claim_to_a_warning(lint):
    assert lint("Stem cells repair myelin.\n", "cure-claim") == [("cure-claim", "error", 1)]
    assert lint("Stem cells may repair myelin.\n", "cure-claim") == [("cure-claim", "warning", 1)]
    assert lint("Stem cells cannot repair myelin.\n", "cure-claim") == []


def test_a_typicality_disclosure_sections_away_does_not_cover_a_testimonial(lint):
    near = "# Stories\n\nMany patients report more energy. Individual results vary.\n"
    far = (
        "# Stories\n\nMany patients report more energy.\n\n"
        "# Costs\n\nAsk us.\n\n# Small print\n\nIndividual results vary.\n"
    )
    assert lint(near, "testimonial-disclaimer") == []
    assert lint(far, "testimonial-disclaimer") == [("testimonial-disclaimer", "error", 3)]


@pytest.mark.parametrize(
    "status",
    [
        "Our lab is FDA-registered.",
        "The study is listed on ClinicalTrials.gov.",
        "Our cells are not experimental.",
    ],
)
def test_registration_or_a_trial_listing_never_states_fda_status(lint, status):
    page = f"We offer stem cell injections for knee pain. {status}\n"
    assert lint(page, "fda-status-disclosure") == [("fda-status-disclosure", "error", 1)]
    stated = page + "\nThey have not been approved by the FDA.\n"
    assert lint(stated, "fda-status-disclosure") == []


def test_not_a_cure_needs_a_treatment_offer_and_a_real_condition(lint):
    rule = "not-a-cure-statement"
    assert lint("We treat MS with stem cell infusions.\n", rule) == [(rule, "error", 1)]
    assert lint("MS affects the brain and spinal cord.\n", rule) == []
    assert lint("Save it in MS Word. Call us today.\n", rule) == []
    assert lint("Pages load in 300 ms. Call us today.\n", rule) == []
    assert lint("We treat MS with infusions. They are not a cure.\n", rule) == []


def test_spun_copy_is_caught_by_cheap_synonyms(lint):
    page = "Stem cell therapy for a number of sclerosis. Contact with us.\n"
    assert lint(page, "not-a-cure-statement") == [("not-a-cure-statement", "error", 1)]
    spun = "Stem cells address the foundation cause and reverse the signs of lupus.\n"
    assert {f[0] for f in lint(spun)} >= {"superiority-claim", "cure-claim"}


def test_a_hedged_remission_claim_is_not_unqualified_but_gets_a_hint(lint):
    page = "HSC transplants have shown, in some cases, long-term remission.\n"
    found = lint(page)
    assert ("unqualified-remission", "error", 1) not in found
    assert ("hedged-remission-claim", "info", 1) in found
