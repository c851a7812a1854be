"""Specification of decoding copy files (linter/documents/decode.py)."""

from __future__ import annotations

import codecs

import pytest

from linter.common.errors import LossyDecode, ReadError
from linter.documents.decode import decode


def test_utf8_text_is_returned_as_is() -> None:
    assert decode("Caf\u00e9 \U0001f600\n".encode(), "a.txt") == "Caf\u00e9 \U0001f600\n"


def test_an_empty_file_is_empty_text() -> None:
    assert decode(b"", "a.txt") == ""


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_are_kept_exactly(newline: str) -> None:
    text = f"one{newline}two{newline}"
    assert decode(text.encode(), "a.txt") == text


def test_the_utf8_bom_is_dropped() -> None:
    assert decode(codecs.BOM_UTF8 + b"Hello", "a.txt") == "Hello"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_decoded(encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + "Stem \u201ccells\u201d\r\n".encode(encoding)
    assert decode(data, "a.txt") == "Stem \u201ccells\u201d\r\n"


def test_a_nul_byte_means_a_binary_file() -> None:
    with pytest.raises(ReadError) as caught:
        decode(b"PNG\x00\x01", "logo.txt")
    assert caught.value.message == "binary file (NUL byte at byte 3)"
    assert caught.value.path == "logo.txt"
    assert str(caught.value) == "logo.txt: error: binary file (NUL byte at byte 3)"


def test_invalid_utf8_reports_the_byte_offset_and_position_in_the_file() -> None:
    with pytest.raises(LossyDecode, match=r"invalid UTF-8 at byte 4;") as info:
        decode(b"abc \xff", "a.txt")
    assert (info.value.line, info.value.column) == (1, 5)
    with pytest.raises(LossyDecode, match=r"invalid UTF-8 at byte 5;") as info:
        decode(codecs.BOM_UTF8 + b"ab\xc3", "a.txt")
    assert (info.value.line, info.value.column) == (1, 3)
    with pytest.raises(LossyDecode) as info:
        decode("ok\r\nna\u00efve\n".encode() + b"x\xe9y", "a.txt")
    assert (info.value.line, info.value.column) == (3, 2)


def test_latin1_is_not_guessed_but_keeps_its_columns() -> None:
    with pytest.raises(LossyDecode, match="invalid UTF-8") as info:
        decode("Caf\u00e9 cures MS".encode("latin-1"), "a.txt")
    # One replacement character per bad byte: "cures" stays at column 6.
    assert info.value.text == "Caf\ufffd cures MS"


def test_truncated_utf16_is_an_error() -> None:
    with pytest.raises(ReadError, match="invalid UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"a\x00b", "a.txt")


def test_a_nul_character_in_utf16_means_a_binary_file() -> None:
    with pytest.raises(ReadError, match=r"NUL byte at byte 4\)"):
        decode(codecs.BOM_UTF16_LE + "a\x00".encode("utf-16-le"), "a.txt")
