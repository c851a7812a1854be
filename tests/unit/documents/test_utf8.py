"""Byte offsets from pyromark and RE2 become the right character offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.common.utf8 import CharOffsets

# ASCII, two-, three- and four-byte characters, as copy holds them.
_TEXT = st.text(st.sampled_from(["a", " ", "é", "’", "—", "日", "😀", "\n"]), max_size=40)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT)
def test_every_character_boundary_converts_to_its_character_offset(text):
    chars = CharOffsets(text)
    boundaries = [len(text[:i].encode("utf-8")) for i in range(len(text) + 1)]
    assert [chars(b) for b in boundaries] == list(range(len(text) + 1))
    # In any order: a condition asks about blocks out of order.
    assert [chars(b) for b in reversed(boundaries)] == list(reversed(range(len(text) + 1)))


def test_ascii_text_converts_by_identity():
    chars = CharOffsets("plain copy")
    assert chars.ascii
    assert chars(7) == 7


def test_offsets_after_curly_quotes_and_dashes():
    text = "“Cured” — he said"
    data = text.encode("utf-8")
    chars = CharOffsets(text, data)
    assert chars(data.index(b"he")) == text.index("he")
    assert chars(len(data)) == len(text)
