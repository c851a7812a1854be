"""Clause and context expressions find in a sentence what the ``re2`` module finds.

``TextRegex`` calls RE2's compiled object on ASCII text directly instead
of going through the module's ``search`` and ``finditer``. Every expression
of the negation and context heuristics, and a few that match the empty
string, are searched both ways in sentences of the seeds and the corpus and
in generated text, with and without bounds, and must give the same matches
(every group's span and text).
"""

from __future__ import annotations

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.documents import read_document
from linter.documents.sentences import split_sentences
from linter.engine import contexts, negation
from linter.matching.expressions import TextRegex
from tests.conftest import SEEDS, SHARED

CORPUS = SHARED / "corpus" / "fakehealth"


def engine_expressions() -> list[TextRegex]:
    found = [
        value
        for module in (negation, contexts)
        for value in vars(module).values()
        if isinstance(value, TextRegex)
    ]
    assert len(found) >= 15  # every clause and context expression
    return found


EMPTY_MATCHING = [TextRegex(p) for p in (r"\b", r"(?:x|)", r"(?i)\s*", r"(a)?(b)?")]


def matches(found, groups: int) -> list[tuple]:
    """Each match as (start, end, text) of the whole match and of every group."""
    return [tuple((m.start(g), m.end(g), m.group(g)) for g in range(groups + 1)) for m in found]


def both(rx: TextRegex, text: str, pos: int | None, endpos: int | None) -> None:
    module, n = rx.module, rx.module.groups
    args = (text,) if pos is None else (text, pos, endpos)
    assert matches(rx.finditer(*args), n) == matches(module.finditer(*args), n)
    for method in ("search", "match"):
        mine, theirs = getattr(rx, method)(*args), getattr(module, method)(*args)
        assert matches([mine] if mine else [], n) == matches([theirs] if theirs else [], n)
    if pos is None:
        assert rx.sub(lambda m: "<" + m.group() + ">", text) == module.sub(
            lambda m: "<" + m.group() + ">", text
        )


def sentences() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        paths += sorted((CORPUS / "story").glob("*.md"))[::60]
    found = []
    for path in paths:
        for block in read_document(str(path), path.read_bytes()).blocks:
            found += [block.text[s:e] for s, e in split_sentences(block.text)]
    return found


def test_every_expression_finds_the_same_in_real_sentences():
    texts = sentences()
    assert any(not t.isascii() for t in texts)  # both paths are taken
    assert sum(t.isascii() for t in texts) > 200
    for rx in engine_expressions():
        for text in texts:
            both(rx, text, None, None)
            n = len(text)
            both(rx, text, n // 3, n - n // 4)


_PIECES = st.sampled_from(
    [
        "not ",
        "no ",
        "if ",
        "Is ",
        "claims to ",
        "but ",
        "that ",
        "evidence that ",
        ", and it ",
        "cure",
        " ",
        "; ",
        "\u2014",
        "é",
        "?",
        "n't ",
        "x",
        "ab",
        "yet to ",
        "hopes to ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(_PIECES, max_size=12),
    pos=st.integers(-3, 40),
    endpos=st.integers(-3, 60),
    which=st.integers(0, 1000),
)
def test_generated_text_and_bounds_find_the_same(pieces, pos, endpos, which):
    text = "".join(pieces)
    expressions = engine_expressions() + EMPTY_MATCHING
    rx = expressions[which % len(expressions)]
    both(rx, text, None, None)
    both(rx, text, pos, endpos)


@pytest.mark.parametrize("rx", EMPTY_MATCHING)
def test_empty_matches_step_as_the_module_steps(rx):
    for text in ("", "a", "ab ba", "x x", "é ab"):
        both(rx, text, None, None)
        both(rx, text, 1, 3)
    assert isinstance(rx.module, re2._Regexp)
