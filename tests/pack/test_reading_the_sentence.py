"""The bundled pack reads a sentence as a reviewer does: denials, questions, warnings
about others and disclaimers are not claims; scare quotes, inflected verbs, raw HTML
and TOML front matter are."""

from __future__ import annotations

import pytest

from linter.documents import read_source
from linter.engine.analysis import lint_document
from linter.policy import load_policies


@pytest.fixture(scope="module")
def pack():
    return load_policies()


def rules_found(pack, text: str, name: str = "page.md") -> list[str]:
    return sorted({f.rule for f in lint_document(read_source(name, text, "markdown"), pack)})


@pytest.mark.parametrize(
    "text",
    [
        "This product is not intended to diagnose, treat, cure or prevent any disease.\n",
        "Stem cells do not repair, reverse or cure MS damage.\n",
        "There is no evidence that exosomes can treat or cure arthritis.\n",
        "There is no reliable scientific evidence that stem cell injections can repair "
        "damaged knee cartilage.\n",
        "We have never claimed that our treatments reverse or eliminate arthritis.\n",
        "No stem cell product has been approved by the FDA for knee pain.\n",
        "These statements have not been evaluated by the FDA to be safe and effective.\n",
        "## Is PRP FDA approved?\n\nNo.\n",
        "Be wary of any clinic that promises to cure MS.\n",
    ],
)
def test_copy_that_makes_no_claim_gets_no_finding(pack, text):
    assert rules_found(pack, text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Our “revolutionary” protocol is a “miracle”.\n", "hype-term"),
        ('+++\ntitle = "A miracle therapy"\n+++\n\nText.\n', "hype-term"),
        ('{\n  "title": "A miracle therapy"\n}\n\nText.\n', "hype-term"),
        ("<p>This cures MS.</p>\n", "cure-claim"),
        ("Exosomes regrew her hair.\n", "cure-claim"),
        ("The damage can be reversed.\n", "cure-claim"),
        ("Her knee healed completely.\n", "cure-claim"),
    ],
)
def test_claims_the_engine_must_read(pack, text, rule):
    assert rule in rules_found(pack, text)


def spans(pack, text: str, rule: str) -> list[str]:
    doc = read_source("page.md", text, "markdown")
    return [f.match for f in lint_document(doc, pack) if f.rule == rule]


def test_the_quoted_span_is_the_claim_within_one_phrase(pack):
    # On a tie the nearer word after the trigger wins: the therapy, not "offer".
    assert spans(pack, "We offer stem cell therapy for knees.\n", "fda-status-disclosure") == [
        "stem cell therapy"
    ]
    # A title's separator parts its phrases: "Clinic" is not PRP's therapy word.
    text = "# Stem cells | Summit Joint Clinic\n\nWe offer stem cell therapy.\n"
    assert spans(pack, text, "fda-status-disclosure") == ["stem cell therapy"]
    # A proximity match never runs across a sentence end.
    text = "Try our warm compresses. For anyone whose arthritis flares, call us.\n"
    assert spans(pack, text, "cure-claim") == []
    # ... but the period of an abbreviation ends no sentence: "Dr. Davis".
    text = "Stem Cell Therapy with Dr. Davis ✦ BEST\n"
    assert spans(pack, text, "superiority-claim") == ["Therapy with Dr. Davis ✦ BEST"]


def messages(pack, text: str, rule: str) -> list[str]:
    doc = read_source("page.md", text, "markdown")
    return [f.message for f in lint_document(doc, pack) if f.rule == rule]


def test_messages_ask_only_for_what_fits_the_sentence(pack):
    """Defect 11: the FDA message asked for a product and indication the sentence named,
    and the safety message listed stem-cell risks for any product."""
    text = "Our Botox injections are FDA approved for chronic migraine and completely safe.\n"
    (approval,) = messages(pack, text, "fda-approval-claim")
    assert "name the exact product" not in approval
    assert "exactly this product for exactly the use promoted here" in approval
    (safety,) = messages(pack, text, "absolute-safety-claim")
    assert "tumor growth" not in safety
    assert "known risks and side effects of this treatment" in safety


def test_a_component_listing_the_conditions_it_treats_needs_a_not_a_cure_statement(pack):
    page = (
        'const conditions = ["Knee osteoarthritis", "Rotator cuff tears"];\n'
        "export const Section = () => (\n"
        "  <section>\n"
        "    <h2>Who we help</h2>\n"
        "    <ul>{conditions.map((c) => <li key={c}>{c}</li>)}</ul>\n"
        '    <a href="/book">Book a consultation</a>\n'
        "  </section>\n"
        ");\n"
    )
    findings = lint_document(read_source("Section.tsx", page), pack)
    assert [(f.rule, f.match) for f in findings if f.rule == "not-a-cure-statement"] == [
        ("not-a-cure-statement", "osteoarthritis")
    ]
    disclosed = page.replace("Who we help", "Who we help (PRP is not a cure)")
    findings = lint_document(read_source("Section.tsx", disclosed), pack)
    assert [f.rule for f in findings if f.rule == "not-a-cure-statement"] == []
