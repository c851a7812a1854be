"""Character offsets ↔ LSP positions in UTF-16, UTF-8 and UTF-32 code units."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.lsp.positions import LineIndex, units


def test_units_count_code_units_of_each_encoding():
    text = "a😀é"  # ASCII, a non-BMP emoji, a 2-byte Latin letter
    assert units(text, "utf-16") == 4
    assert units(text, "utf-8") == 1 + 4 + 2
    assert units(text, "utf-32") == 3


def test_a_column_after_an_emoji_shifts_by_one_utf16_unit_per_emoji():
    index = LineIndex("title\n🌟🧬 cures MS\n")
    assert index.position_of(2, 4) == (1, 5)  # "cures": character 4 (1-based), unit 5
    assert index.position_of(2, 9) == (1, 10)
    assert LineIndex("🌟🧬 cures", "utf-8").position_of(1, 4) == (0, 9)
    assert LineIndex("🌟🧬 cures", "utf-32").position_of(1, 4) == (0, 3)


def test_lines_end_at_crlf_cr_and_lf_only():
    index = LineIndex("a\r\nb\rc\nd\u2028e\x0cf\x85g")
    assert [index.line_text(i) for i in range(len(index.starts))] == [
        "a",
        "b",
        "c",
        "d\u2028e\x0cf\x85g",
    ]
    assert index.position(len(index.source)) == (3, 7)


def test_positions_past_the_line_are_clamped_to_its_end():
    index = LineIndex("ab\ncd\n")
    assert index.offset(0, 99) == 2  # end of "ab", never into the next line
    assert index.offset(9, 0) == len(index.source)
    assert index.offset(-1, 3) == 0


def test_a_position_inside_a_surrogate_pair_rounds_down_to_its_character():
    index = LineIndex("x😀y")
    assert index.offset(0, 1) == 1
    assert index.offset(0, 2) == 1  # the second half of the pair
    assert index.offset(0, 3) == 2


def test_unknown_encodings_are_refused():
    with pytest.raises(ValueError, match="utf-7"):
        LineIndex("", "utf-7")


_TEXT = st.text(alphabet=st.sampled_from(list("ab é\r\n\u2028😀𝒜")), max_size=40)


def _expected(source: str, offset: int, encoding: str) -> tuple[int, int]:
    """Independent oracle: split at LSP line breaks, then encode the line prefix."""
    before = source[:offset]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    line_start = breaks[-1].end() if breaks else 0
    prefix = before[line_start:]
    size = {"utf-16": 2, "utf-32": 4}.get(encoding, 1)
    codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, "utf-8")
    return len(breaks), len(prefix.encode(codec)) // size


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.sampled_from(["utf-16", "utf-8", "utf-32"]))
def test_positions_round_trip_against_an_independent_encoder(source: str, encoding: str):
    index = LineIndex(source, encoding)
    for offset in range(len(source) + 1):
        if 0 < offset < len(source) and source[offset - 1 : offset + 1] == "\r\n":
            continue  # inside a CRLF: not a position an editor can name
        position = index.position(offset)
        assert position == _expected(source, offset, encoding)
        assert index.offset(*position) == offset
