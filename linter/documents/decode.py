"""Bytes to text: the one place that knows about encodings.

Copy files are UTF-8 in practice; editors on Windows still write a UTF-8 BOM
or UTF-16 now and then. Anything else is reported, never guessed at, so a
finding's position always refers to the text the user sees.
Line endings are kept exactly as they are: positions are offsets into this
text, and :func:`linter.documents.model.line_starts` understands CRLF and CR.
"""

from __future__ import annotations

import codecs

from linter.common.errors import LossyDecode, ReadError
from linter.documents.model import line_starts

_UTF16 = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes, path: str) -> str:
    """Decode a copy file; the BOM, if any, is not part of the result.

    Raises :class:`ReadError` for binary data and invalid UTF-16, and
    :class:`LossyDecode` (which carries the text, bad bytes replaced) for
    invalid UTF-8. Byte numbers in messages are 0-based offsets into the
    file as stored.
    """
    for bom, encoding in _UTF16:
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            return _decode_utf16(data, path, len(bom), encoding)
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    nul = data.find(b"\x00", skip)
    if nul >= 0:
        raise ReadError(path=path, message=f"binary file (NUL byte at byte {nul})")
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[skip : skip + exc.start].decode("utf-8")
        starts = line_starts(before)
        line, column = len(starts), len(before) - starts[-1] + 1
        raise LossyDecode(
            f"invalid UTF-8 at byte {skip + exc.start}; linted with U+FFFD for invalid bytes",
            path,
            line,
            column,
            data[skip:].decode("utf-8", "replace"),
        ) from None


def _decode_utf16(data: bytes, path: str, skip: int, encoding: str) -> str:
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(path=path, message=f"invalid UTF-16 at byte {skip + exc.start}") from None
    nul = text.find("\x00")
    if nul >= 0:
        # Each character before the NUL is 2 bytes unless it is a surrogate pair.
        byte = skip + len(text[:nul].encode(encoding))
        raise ReadError(path=path, message=f"binary file (NUL byte at byte {byte})")
    return text
