"""Scanning a whole document at once finds exactly what scanning each block finds."""

from __future__ import annotations

import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.matching.expressions import expression
from linter.matching.prefilter import SetPrefilter
from linter.matching.text import DocumentText, Hit


def blockwise(source: str, texts: list[str]) -> dict[int, list[Hit]]:
    """The reference: the re2 module's own finditer on each block alone."""
    rx = re2.compile(source)
    names = tuple(rx.groupindex) if rx.groups else ()
    out = {}
    for b, text in enumerate(texts):
        hits = [
            Hit(b, m.start(), m.end(), tuple((n, m.group(n) or "") for n in names))
            for m in rx.finditer(text)
            if m.end() > m.start()
        ]
        if hits:
            out[b] = hits
    return out


def test_hits_come_back_to_their_blocks_with_block_offsets():
    texts = ["It cures MS.", "Nothing here.", "Cures, cures."]
    assert DocumentText(texts).hits(r"(?i:\bcures\b)") == {
        0: [Hit(0, 3, 8)],
        2: [Hit(2, 0, 5), Hit(2, 7, 12)],
    }


def test_line_anchors_still_mean_block_start_and_end():
    texts = ["cure one", "two cure", "cure"]
    assert DocumentText(texts).hits(r"^cure") == blockwise(r"^cure", texts)
    assert DocumentText(texts).hits(r"cure$") == blockwise(r"cure$", texts)
    assert DocumentText(texts).hits(r"cure$") == {1: [Hit(1, 4, 8)], 2: [Hit(2, 0, 4)]}


def test_text_anchors_are_scanned_block_by_block():
    texts = ["cure one", "cure two", "one cure"]
    for source in (r"\Acure", r"cure\z", r"\\Acure|\Acure"):
        assert DocumentText(texts).hits(source) == blockwise(source, texts)
    assert expression(r"\\A").anchored_to_text is False  # an escaped backslash, then "A"


def test_a_match_running_across_blocks_is_replaced_by_each_blocks_own():
    # "stem" ends one block and "cell" starts the next: joined, [\s-]+ bridges them,
    # and the bridge's greed must not hide the block's own later match.
    texts = ["about stem", "cell therapy and stem cell", "x"]
    source = r"(?i:\bstem[\s\-]+cell\b)|(?i:\babout\b)"
    assert DocumentText(texts).hits(source) == blockwise(source, texts)
    assert DocumentText(texts).hits(r"\w+\s+\w+") == blockwise(r"\w+\s+\w+", texts)
    # Joined, "c\nd" would swallow the start of the second block's own "d e".
    assert DocumentText(["a b c", "d e"]).hits(r"\w+\s+\w+") == {
        0: [Hit(0, 0, 3)],
        1: [Hit(1, 0, 3)],
    }


def test_offsets_count_characters_in_text_beyond_ascii():
    texts = ["Café — ça cure la fièvre.", "naïve cure", "日本 cure"]
    source = r"(?i:\bcure\b)|\bfi\w+"
    assert DocumentText(texts).hits(source) == blockwise(source, texts)
    doc = DocumentText(["plain cure", *texts, "cure again"])  # ASCII blocks around the others
    expected = blockwise(source, doc.texts)
    assert doc.hits(source) == expected
    assert [doc.block_hits(source, b) for b in range(5)] == [expected.get(b, []) for b in range(5)]


def test_named_groups_are_reported_with_each_hit():
    texts = ["from $4,000 only", "now €50"]
    source = r"from \$(?P<amount>[\d,]+)|(?P<euro>€\d+)"
    found = DocumentText(texts).hits(source)
    assert found == blockwise(source, texts)
    assert found[0][0].groups == (("amount", "4,000"), ("euro", ""))


def test_a_block_holding_a_newline_is_scanned_on_its_own():
    texts = ["cure\nnext line", "ends with cure"]
    assert DocumentText(texts).hits(r"cure$") == blockwise(r"cure$", texts)


def test_the_prefilter_says_which_expressions_occur():
    sources = (*(f"(?i:\\bword{i}\\b)" for i in range(25)), r"\Aword1")
    prefilter = SetPrefilter(sources)
    assert prefilter.covered == frozenset(range(25))  # \A anchors to the whole text: not covered
    assert prefilter.run(b"a WORD3 and word17\nword24") == {3, 17, 24}
    assert DocumentText(["a WORD3", "word24"]).prefilter(sources) == ({3, 24}, prefilter.covered)
    assert DocumentText(["a WORD3\nword24"]).prefilter(sources) is None  # cannot join


def test_may_match_is_false_only_when_nothing_can_match():
    doc = DocumentText(["a cure", "b"])
    assert doc.may_match(r"\bcure\b")
    assert not doc.may_match(r"\bremission\b")
    assert doc.hits(r"\bremission\b") == {}


_WORDS = st.sampled_from(
    ["cure", "Cure", "stem", "cell", "-", " ", "é", "MS", "\u00e9t\u00e9", "."]
)
_TEXTS = st.lists(
    st.lists(_WORDS, max_size=8).map("".join).filter(lambda t: t.strip()), min_size=1, max_size=5
)
_SOURCES = st.sampled_from(
    [
        r"(?i:\bcure\b)",
        r"(?i:\bstem[\s\-]+cell\w*)",
        r"\s+\w",
        r"^\w+",
        r"\w+$",
        r"\bMS\b|(?i:cure)",
        r"(?:x|)",
        r"[^.]+",
        r"(?P<w>\w)(?P<rest>\w*)",
    ]
)


@settings(max_examples=150, deadline=None)
@given(texts=_TEXTS, source=_SOURCES, look_first=st.booleans())
def test_joined_scan_equals_blockwise_scan(texts, source, look_first):
    doc = DocumentText(texts)
    if look_first:
        doc.may_match(source)  # the scan then starts from the first match found
    assert doc.hits(source) == blockwise(source, texts)


@settings(max_examples=150, deadline=None)
@given(texts=_TEXTS, source=_SOURCES, look_first=st.booleans())
def test_one_block_scanned_in_place_equals_that_block_alone(texts, source, look_first):
    """A condition scans one block within the joined text: ends, anchors and offsets as alone."""
    doc = DocumentText(texts)
    if look_first:
        doc.may_match(source)  # a known first match lets blocks before it be skipped
    expected = blockwise(source, texts)
    for b in range(len(texts)):
        assert doc.block_hits(source, b) == expected.get(b, [])


@settings(max_examples=150, deadline=None)
@given(texts=_TEXTS, source=_SOURCES)
def test_one_search_says_whether_a_full_scan_finds_a_hit(texts, source):
    """``occurs`` answers from the first match where it can: as the full scan would."""
    assert DocumentText(texts).occurs(source) == bool(blockwise(source, texts))


def test_a_first_match_across_blocks_is_no_answer():
    # Joined, "c\nd" is the first match and belongs to no block; neither block has one.
    assert not DocumentText(["a b c", "d"]).occurs(r"c\s+d")
    assert DocumentText(["a b c", "d", "c d"]).occurs(r"c\s+d")
    assert not DocumentText(["x", "y"]).occurs(r"(?:q|)")  # only empty matches
