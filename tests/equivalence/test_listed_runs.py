"""`listed` remembers the lead-in of each run of label-led paragraphs.

Walking back from every paragraph to the start of its run is quadratic on a
page of thousands of short paragraphs; the conditions keep one memo per
document instead. The answer must be the one a fresh walk gives, for every
block, in any order the blocks are asked about.
"""

from __future__ import annotations

import random

from linter.documents import read_source
from linter.engine import contexts
from linter.engine.structure import Structure

PARAGRAPHS = [
    "We help with:",
    "Conditions we treat:",
    "A note for new patients:",
    "Lupus flares. Injections ease them.",
    "Knee arthritis.",
    "Most patients have had surgery before.",
    "Dr. Lee has seen many who were told surgery was the only way.",
    "Back pain in runners. Rest helps.",
    "Why PRP?",
]


def _answers(blocks, structure, order, leads):
    found = {}
    for b in order:
        text = blocks[b].text
        if blocks[b].kind != "paragraph" or not text:
            continue
        _start, end = structure.sentence_at(b, 0)
        memo = {} if leads is None else leads
        found[b] = contexts.listed(blocks, b, 0, 0, end, structure.sentence_text, memo) is not None
    return found


def test_the_shared_memo_answers_as_a_fresh_walk_does():
    rng = random.Random(7)
    for _ in range(200):
        markdown = "\n\n".join(rng.choice(PARAGRAPHS) for _ in range(rng.randint(1, 25)))
        blocks = read_source("page.md", markdown + "\n", "markdown").blocks
        structure = Structure(blocks)
        order = list(range(len(blocks)))
        fresh = _answers(blocks, structure, order, None)
        rng.shuffle(order)
        assert _answers(blocks, structure, order, {}) == fresh
