"""The negation heuristic's quick looks change no answer.

A clause without a comma is spared the searches for boundaries that need
one, an ASCII clause whose lower-cased words hold no negator is spared
the loop over its words, and a match with no negation cue (or, for
``hypothetical``, no supposition, aim or "could") anywhere before it in reach
is spared the clause map. Every word of seed and corpus sentences, and of
generated ones, is taken as a match and judged with the quick looks and
without them: the clause maps and the evidence must be the same, and the
evidence the same whether the map is made up front or only when asked for.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.documents import read_document
from linter.documents.sentences import split_sentences
from linter.engine import contexts, negation
from tests.conftest import SEEDS, SHARED

CORPUS = SHARED / "corpus" / "fakehealth"
_WORDS = re.compile(r"\S+")


def _evidence(found: negation.Evidence | None) -> tuple | None:
    return None if found is None else (found.reason, found.offset)


def judged(text: str, floor: int, ceiling: int) -> list[tuple]:
    """The clause map of a sentence and the evidence at each of its words, negation and
    supposition, from a map made up front and from one made only when asked for."""
    clauses = negation.ClauseMap(text, floor, ceiling)
    out: list[tuple] = [tuple(clauses.entries)]
    made: list[int] = []

    def on_demand() -> negation.ClauseMap:
        made.append(1)
        return negation.ClauseMap(text, floor, ceiling)

    for m in _WORDS.finditer(text, floor, ceiling):
        s, e = m.start(), m.end()
        found = _evidence(negation.negation(text, floor, s, e, ceiling, clauses))
        assert _evidence(negation.negation(text, floor, s, e, ceiling, on_demand)) == found
        supposed = _evidence(contexts.hypothetical(text, floor, s, ceiling, clauses))
        assert _evidence(contexts.hypothetical(text, floor, s, ceiling, on_demand)) == supposed
        out.append((s, found, supposed))
    return out


def both_ways(monkeypatch: pytest.MonkeyPatch, text: str, floor: int, ceiling: int) -> None:
    fast = judged(text, floor, ceiling)
    with monkeypatch.context() as patch:
        patch.setattr(negation, "_SHORTCUTS", False)
        assert judged(text, floor, ceiling) == fast, text[floor:ceiling]


def test_seed_and_corpus_sentences_are_judged_alike(monkeypatch):
    paths = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        paths += sorted((CORPUS / "story").glob("*.md"))[::40]
    sentences = 0
    for path in paths:
        for block in read_document(str(path), path.read_bytes()).blocks:
            for floor, ceiling in split_sentences(block.text):
                both_ways(monkeypatch, block.text, floor, ceiling)
                sentences += 1
    # The seeds alone hold a couple of hundred sentences; with the corpus beside
    # the repository, several hundred more.
    assert sentences > (500 if CORPUS.is_dir() else 150)


@pytest.mark.parametrize(
    "text",
    [
        # The negation before the match stops governing, and one after it counts.
        "Patients who did not respond were told a cure is not guaranteed.",
        "It did not help and the cure is not guaranteed.",
        "Not only does it cure MS, it is not experimental.",
        "No one can deny that it cures MS.",
        "Nobody said this \u017fo we cure it.",  # a long s, which RE2 folds to "s"
        "It isn't proven, and the cure has not been shown.",
        "Without surgery, no cure; with it, a cure.",
    ],
)
def test_sentences_that_turn_on_each_look_are_judged_alike(monkeypatch, text):
    both_ways(monkeypatch, text, 0, len(text))


_PIECES = st.sampled_from(
    [
        "not only",
        "No",
        "no longer",
        "never",
        "did not respond",
        "were",
        "cured",
        "can't",
        "isn't",
        "n't",
        "nothing but",
        "is not guaranteed",
        "yet to",
        "rather than",
        "and",
        "that",
        "evidence that",
        ",",
        ";",
        "which",
        "While",
        "cure",
        "MS",
        "caf\u00e9",
        "\u017fo",
        "NOT",
        "knot",
        "Nobody",
        "if",
        "would",
        "could",
        "hope to",
        "our goal is to",
        "trying to",
        "if approved",
        "denied",
        "\u017feldom",
        "Fails to",
    ]
)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=14))
def test_generated_sentences_are_judged_alike(pieces):
    text = " ".join(pieces) + "."
    with pytest.MonkeyPatch.context() as monkeypatch:
        both_ways(monkeypatch, text, 0, len(text))
