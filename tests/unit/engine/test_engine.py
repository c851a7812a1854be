"""The engine: rule shapes, scopes, distances and qualifiers on small documents."""

from __future__ import annotations

import pytest

from linter.documents import read_document
from linter.engine.analysis import lint_document
from linter.policy import load_policies

LEXICONS = """
lexicons:
  claim: ["cure*", "repair*"]
  hedge: ["may", "some patients"]
  therapy: ["stem cell*", "exosome*"]
  status: ["not approved by the FDA", "investigational"]
  story: ["patients report*", "/\\\\bsays [A-Z][a-z]+/"]
  typical: ["results vary"]
  price: ["/\\\\bfrom \\\\$\\\\d[\\\\d,]*/"]
  scope_words: ["includ*"]
"""


@pytest.fixture
def lint(write_policy):
    """lint(check, text, fmt="markdown") -> list of (rule, severity, line, column, match)."""

    def run(check: str, text: str, fmt: str = "markdown", extra_rules: str = ""):
        body = "\n".join("      " + line for line in check.splitlines())
        policy = load_policies(
            [
                write_policy(
                    LEXICONS
                    + f"""
rules:
  - id: r
    severity: error
    message: "{{{{ match }}}} ({{{{ count }}}})"
    check: |
{body}
{extra_rules}"""
                )
            ]
        )
        doc = read_document(
            f"page.{ {'markdown': 'md', 'text': 'txt', 'html': 'html'}[fmt] }", text.encode(), fmt
        )
        return [(f.rule, f.severity, f.line, f.column, f.match) for f in lint_document(doc, policy)]

    return run


def test_a_bare_phrase_flags_each_sentence_containing_it(lint):
    assert lint('"cure"', "It is a cure. No cure here.\n") == [
        ("r", "error", 1, 9, "cure"),
        ("r", "error", 1, 18, "cure"),
    ]


def test_forbid_points_at_the_first_character_of_the_claim(lint):
    assert lint("find @claim unless negated", "Intro.\n\nOur therapy cures MS.\n") == [
        ("r", "error", 3, 13, "cures")
    ]


def test_negated_claims_do_not_fire(lint):
    text = (
        "There is no known cure for MS. Stem cells cannot repair nerves. This therapy cures MS.\n"
    )
    assert [f[4] for f in lint("find @claim unless negated", text)] == ["cures"]


def test_hedge_in_the_same_sentence_qualifies_but_not_in_the_next(lint):
    text = "Some patients may see a repair. It cures MS. Results may vary.\n"
    assert [f[4] for f in lint("find @claim unless sentence has @hedge", text)] == ["cures"]


def test_downgrade_changes_severity_when_hedged(lint):
    text = "It may repair myelin. It repairs myelin.\n"
    found = lint("find @claim downgrade to warning if has @hedge", text)
    assert [(f[1], f[4]) for f in found] == [("warning", "repair"), ("error", "repairs")]


def test_require_reports_once_per_document_at_the_first_trigger(lint):
    text = "# Title\n\nOur stem cell clinic.\n\nMore exosome news.\n"
    assert lint("in document: when @therapy require @status", text) == [
        ("r", "error", 3, 5, "stem cell")
    ]


def test_require_is_satisfied_anywhere_in_the_document(lint):
    text = "Our stem cell clinic.\n\nThese injections are investigational.\n"
    assert lint("in document: when @therapy require @status", text) == []


def test_a_negated_trigger_can_be_ignored(lint):
    text = "We do not offer stem cell injections.\n"
    assert lint("in document: when @therapy unless negated require @status", text) == []


def test_require_within_sentences_clusters_nearby_triggers(lint):
    filler = " ".join(f"Filler sentence {i}." for i in range(6))
    text = (
        'Patients report more energy. "I walk," says Mary.\n\n'
        f"{filler}\n\n"
        "Patients report less pain.\n\n"
        f"{filler}\n\n"
        "Patients report relief. Results vary.\n"
    )
    found = lint("in document: when @story require within 3 sentences has @typical", text)
    assert [(line, match) for _, _, line, _, match in found] == [
        (1, "Patients report"),
        (5, "Patients report"),
    ]


def test_section_requirement_does_not_reach_other_sections(lint):
    text = "# Stories\n\nPatients report relief.\n\n# Fine print\n\nResults vary.\n"
    found = lint("in document: when @story require section has @typical", text)
    assert [f[2] for f in found] == [3]
    moved = "# Stories\n\nPatients report relief.\n\nResults vary.\n"
    assert lint("in document: when @story require section has @typical", moved) == []


def test_next_sentence_qualifies(lint):
    check = "find @price unless sentence has @scope_words or next sentence has @scope_words"
    assert lint(check, "Knees from $2,500. That includes imaging.\n") == []
    assert len(lint(check, "Knees from $2,500. Call now. It includes imaging.\n")) == 1


def test_within_words_proximity_spans_both_patterns(lint):
    found = lint(
        'find "repair*" within 3 words before "myelin"', "Cells repair the damaged myelin sheath.\n"
    )
    assert [f[4] for f in found] == ["repair the damaged myelin"]
    assert (
        lint('find "repair*" within 1 words before "myelin"', "Cells repair the damaged myelin.\n")
        == []
    )


def test_except_removes_overlapping_matches(lint):
    found = lint('find /\\bMS\\b/ except "MS Office"', "MS Office is software. MS is a disease.\n")
    assert [f[3] for f in found] == [24]


def test_in_heading_looks_only_at_headings(lint):
    text = "# A cure for MS\n\nNot a cure, says the body.\n"
    assert [f[2] for f in lint('in heading: find "cure"', text)] == [1]


def test_field_scope_finds_front_matter_copy(lint):
    text = "---\ntitle: Home\ndescription: We cure MS.\nimage: cure.png\n---\n\nBody text.\n"
    assert lint('in field: find "cure*"', text) == [("r", "error", 3, 17, "cure")]


def test_link_counts_as_a_citation(lint):
    text = "[Studies](https://example.org) show repair.\n\nStudies show repair.\n"
    found = lint('find "studies show" unless sentence has link', text)
    assert [f[2] for f in found] == [3]


def test_a_link_to_the_sites_own_page_is_no_citation(lint):
    text = "[Studies](/our-research) show repair.\n\n[Studies](https://example.org) show repair.\n"
    found = lint('find "studies show" unless sentence has link', text)
    assert [f[2] for f in found] == [1]


def test_quoted_condition(lint):
    text = "See 'Breakthroughs in MS' (2023). A breakthrough therapy.\n"
    assert [f[3] for f in lint('find "breakthrough*" unless quoted', text)] == [37]


def test_message_template_sees_the_match_and_count(write_policy):
    policy = load_policies(
        [
            write_policy(
                """
                rules:
                  - id: r
                    severity: warning
                    message: "{{ match | upper }} x{{ count }}"
                    check: '"cure"'
                """
            )
        ]
    )
    doc = read_document("a.md", b"A cure.\n", "markdown")
    assert [f.message for f in lint_document(doc, policy)] == ["CURE x1"]


def test_fingerprints_survive_moving_a_sentence_but_not_rewording_it(write_policy):
    from linter.results.fingerprints import fingerprints

    policy = load_policies(
        [write_policy("rules:\n  - {id: r, severity: error, message: m, check: '\"cure\"'}\n")]
    )

    def prints(text: str) -> list[str]:
        return fingerprints(lint_document(read_document("a.md", text.encode(), "markdown"), policy))

    original = prints("It is a cure.\n\nAnother cure here.\n")
    moved = prints("New intro.\n\nAnother cure here.\n\nIt is   a cure!\n")
    assert sorted(original) == sorted(moved)
    assert prints("It is a cure.\n\nA different cure here.\n")[1] not in original
    repeated = prints("A cure.\n\nA cure.\n")
    assert len(set(repeated)) == 2


def test_overlapping_matches_of_one_rule_are_one_finding(lint):
    check = 'find ("repair*" or "rebuild*") within 3 words before "damage*"'
    found = lint(check, "It helps repairing or rebuilding damaged nerves. Rebuilding damage.\n")
    assert [f[4] for f in found] == ["repairing or rebuilding damaged", "Rebuilding damage"]
