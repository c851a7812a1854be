"""Negation and quotation: the heuristics behind `negated` and `quoted`."""

from __future__ import annotations

import pytest

from linter.engine.negation import is_negated, is_quoted


def negated(sentence: str, target: str) -> bool:
    return is_negated(sentence, 0, sentence.index(target))


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("There is no known cure for MS.", "cure"),
        ("This therapy is not approved by the FDA.", "approved by the FDA"),
        ("Our therapy is not FDA approved.", "FDA approved"),
        ("Stem cells cannot repair nerve damage.", "repair"),
        ("PRP doesn't cure arthritis.", "cure"),
        ("No evidence shows it stops MS progression.", "stops MS progression"),
        ("It is never a cure.", "cure"),
        ("Treatment without FDA approval.", "FDA approval"),
        ("A non-FDA-approved procedure.", "FDA-approved"),
        ("This is a non FDA approved device.", "FDA approved"),
        ("It has not yet been approved by the FDA.", "approved by the FDA"),
        ("It has yet to be approved by the FDA.", "approved by the FDA"),
        ("Surgery failed to repair his knee.", "repair"),
        ("While far from a cure, it helps.", "cure"),
    ],
)
def test_a_negation_in_the_clause_before_the_match_negates_it(sentence, target):
    assert negated(sentence, target)


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("This therapy cures MS.", "cures"),
        ("While there is no known cure, our therapy cures MS.", "cures"),
        ("It is not cheap, but it cures MS.", "cures"),
        ("It is not cheap, yet it cures MS.", "cures"),
        ("Costly yet proven to cure MS.", "cure MS"),
        ("Stem cell therapy not only alleviates symptoms but cures MS.", "cures"),
        ("Patients no longer need surgery: we cure arthritis.", "cure"),
        (
            "This revolutionary treatment isn't just managing symptoms – it repairs damage.",
            "repairs",
        ),
        ("There is no doubt that stem cells cure MS.", "cure"),
        ("We have not seen a case that we could not help, and we cure MS.", "cure MS"),
        # "non" prefixes another word, not the match
        ("The procedure is non-invasive, painless, with no side effects.", "no side effects"),
        ("A non-surgical option that reverses arthritis.", "reverses"),
        ("Our non toxic formula cures eczema.", "cures"),
    ],
)
def test_a_negation_elsewhere_or_an_idiom_does_not(sentence, target):
    assert not negated(sentence, target)


def test_far_away_negation_does_not_reach_the_match():
    sentence = "No one at our clinic in the heart of the city doubts that stem cells cure MS."
    assert not negated(sentence, "cure MS")


def test_quoted_matches():
    s = 'See "Breakthroughs in MS Immunology" (2023) for more.'
    assert is_quoted(s, 0, s.index("Breakthroughs"), s.index("Breakthroughs") + 13)
    s = "See 'Breakthroughs in MS Immunology' (2023)."
    assert is_quoted(s, 0, s.index("Breakthroughs"), s.index("Breakthroughs") + 13)
    s = "It's a breakthrough that patients' lives change."
    assert not is_quoted(s, 0, s.index("breakthrough"), s.index("breakthrough") + 12)
