"""Placement on the page: is a pattern within the first N characters of the copy?

Some rules need a statement where a reader sees it before anything else: a
short-form advertisement (the TGA's is 300 characters), the part of a post
shown before "see more", the top of a page. The page's visible copy is read
in order (headings and paragraphs; front-matter and meta fields are not
shown on the page and do not count), one character standing between blocks.
"""

from __future__ import annotations

from linter.documents.model import Block
from linter.engine.patterns import PatternHits
from linter.policy import model as m


def in_opening(blocks: list[Block], patterns: PatternHits, pattern: m.Pattern, n: int) -> bool:
    """Does a hit of ``pattern`` start within the first ``n`` characters of the copy?"""
    offset = 0
    candidates = patterns.candidate_blocks(pattern)
    for b, block in enumerate(blocks):
        if offset >= n:
            return False
        if block.kind == "field":
            continue
        if candidates is None or b in candidates:
            limit = n - offset
            if any(hit.start < limit for hit in patterns.hits(pattern, b)):
                return True
        offset += len(block.text) + 1
    return False
