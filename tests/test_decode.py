"""Specification of decoding copy files (linter/documents/decode.py)."""

from __future__ import annotations

import codecs

import pytest

from linter.documents.decode import decode
from linter.errors import ReadError


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


def test_invalid_utf8_reports_the_byte_offset_in_the_file() -> None:
    with pytest.raises(ReadError, match=r"invalid UTF-8 at byte 4$"):
        decode(b"abc \xff", "a.txt")
    with pytest.raises(ReadError, match=r"invalid UTF-8 at byte 5$"):
        decode(codecs.BOM_UTF8 + b"ab\xc3", "a.txt")


def test_latin1_is_not_guessed() -> None:
    with pytest.raises(ReadError, match="invalid UTF-8"):
        decode("Caf\u00e9".encode("latin-1"), "a.txt")


def test_truncated_utf16_is_an_error() -> None:
    with pytest.raises(ReadError, match="invalid UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"a\x00b", "a.txt")


def test_a_nul_character_in_utf16_means_a_binary_file() -> None:
    with pytest.raises(ReadError, match=r"NUL byte at byte 4\)"):
        decode(codecs.BOM_UTF16_LE + "a\x00".encode("utf-16-le"), "a.txt")
