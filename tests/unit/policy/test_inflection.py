"""``~word`` matches every inflection of a word, from the table the project ships."""

from __future__ import annotations

import pytest
import re2

from linter.common.errors import PolicyError
from linter.policy.inflection import IRREGULAR_VERBS, derived, forms, inflections
from linter.policy.phrases import LiteralError, phrase_regex


def matches(phrase: str, text: str) -> bool:
    return re2.search(phrase_regex(phrase), text) is not None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("regrow", {"regrow", "regrows", "regrew", "regrown", "regrowing"}),
        ("heal", {"heal", "heals", "healed", "healing"}),
        ("rebuild", {"rebuild", "rebuilds", "rebuilt", "rebuilding"}),
        ("shrink", {"shrinks", "shrank", "shrunk", "shrunken", "shrinking"}),
        ("cure", {"cure", "cures", "cured", "curing"}),
        ("study", {"studies", "studied", "studying"}),
        ("stop", {"stops", "stopped", "stopping"}),
        ("diagnosis", {"diagnoses"}),
        ("outgrow", {"outgrew", "outgrown"}),
        ("undo", {"undid", "undone"}),
    ],
)
def test_inflections_include_regular_and_irregular_forms(word, expected):
    assert expected <= inflections(word)


def test_prefixed_verbs_inflect_as_their_stem():
    for prefix in ("re", "out", "over"):
        assert {prefix + "grew", prefix + "grown"} <= inflections(prefix + "grow")
    assert "rebuilt" in inflections("rebuild")


def test_the_shipped_table_is_consistent():
    for base, (past, participle) in IRREGULAR_VERBS.items():
        assert base.isalpha()
        assert base.islower()
        assert past
        assert participle
        assert all(form.isalpha() for form in (*past, *participle)), base


@pytest.mark.parametrize(
    ("word", "derived_form"),
    [
        ("reverse", "reversible"),
        ("reverse", "reversal"),
        ("regenerate", "regeneration"),
        ("regenerate", "regenerative"),
        ("cure", "curative"),
        ("cure", "curable"),
        ("heal", "healer"),
        ("improve", "improvement"),
    ],
)
def test_derived_forms(word, derived_form):
    assert derived_form in derived(word)
    assert derived_form in forms(word, derive=True)
    assert derived_form not in forms(word)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("~regrow", "Exosomes regrew her hair."),
        ("~regrow hair", "She has regrown hair."),
        ("~heal", "Her knee healed completely."),
        ("~heal the gut", "Our protocol heals the gut."),
        ("~reverse", "The damage can be reversed."),
        ("~reverse+", "Arthritis is reversible."),
        ("~rebuild cartilage", "PRP rebuilt cartilage in weeks."),
    ],
)
def test_a_tilde_phrase_matches_inflected_copy(phrase, text):
    assert matches(phrase, text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("~heal", "Our health clinic."),
        ("~reverse", "It is irreversible."),
        ("~reverse", "A reverse mortgage adviser."),  # the base form itself, as a noun
        ("~regrow", "Hair regrowth serum."),
    ],
)
def test_a_tilde_phrase_matches_whole_words_only(phrase, text):
    expected = phrase == "~reverse" and "reverse " in text
    assert matches(phrase, text) is expected


def test_a_tilde_needs_a_word_of_letters():
    with pytest.raises(LiteralError, match="~ takes one word"):
        phrase_regex("~ heal")
    with pytest.raises(LiteralError, match="~ takes one word"):
        phrase_regex("~he4l")


def test_a_policy_can_use_inflections(tmp_path):
    from linter.documents import read_source
    from linter.engine.analysis import lint_document
    from linter.policy import load_policies

    policy_file = tmp_path / "p.yaml"
    policy_file.write_text(
        "rules:\n  - id: regrowth\n    severity: error\n    message: m\n"
        '    check: find "~regrow her hair" unless negated\n',
        encoding="utf-8",
    )
    policy = load_policies([policy_file], use_cache=False)
    found = lint_document(read_source("p.md", "Exosomes regrew her hair.\n", "markdown"), policy)
    assert [f.match for f in found] == ["regrew her hair"]


def test_a_bad_tilde_in_a_policy_is_a_policy_error_at_its_place(tmp_path):
    from linter.policy import load_policies

    policy_file = tmp_path / "p.yaml"
    policy_file.write_text(
        'rules:\n  - id: r\n    severity: error\n    message: m\n    check: find "~he4l"\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError, match="~ takes one word") as caught:
        load_policies([policy_file], use_cache=False)
    assert caught.value.line == 5
