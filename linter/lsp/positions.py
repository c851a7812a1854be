"""Character offsets to LSP positions and back.

Findings count columns in characters (code points); LSP counts them in the
code units of the encoding agreed at ``initialize``: UTF-16 unless the client
offers UTF-8 or UTF-32. A character outside the Basic Multilingual Plane (an
emoji, a rare CJK ideograph) is one character but two UTF-16 units, so every
column after it on the same line shifts. Lines end at CRLF, CR or LF only, as
in the LSP specification and in the readers (``str.splitlines`` would also
break at U+2028, form feeds and NEL, which editors do not).
"""

from __future__ import annotations

from bisect import bisect_right

from linter.documents.model import line_starts

ENCODINGS = ("utf-16", "utf-8", "utf-32")


def units(text: str, encoding: str = "utf-16") -> int:
    """Length of ``text`` in code units of ``encoding``."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineIndex:
    """Positions in one text: ``(line, unit)`` pairs, both 0-based."""

    def __init__(self, source: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.source = source
        self.encoding = encoding
        self.starts = line_starts(source)

    def line_text(self, line: int) -> str:
        """The text of 0-based ``line``, without its line ending."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

    def line_of(self, offset: int) -> int:
        """The 0-based line holding character ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def line_end(self, line: int) -> int:
        """Offset just past the text of 0-based ``line``, before its line ending."""
        return self.starts[line] + len(self.line_text(line))

    def position(self, offset: int) -> tuple[int, int]:
        """The LSP position of character ``offset``."""
        offset = max(0, min(offset, len(self.source)))
        line = self.line_of(offset)
        start = self.starts[line]
        return line, units(self.source[start:offset], self.encoding)

    def position_of(self, line: int, column: int) -> tuple[int, int]:
        """The LSP position of a finding's 1-based ``line`` and character ``column``."""
        return self.position(self.offset_of(line, column))

    def offset_of(self, line: int, column: int) -> int:
        """Character offset of a 1-based ``line`` and character ``column``."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + column - 1, len(self.source))

    def offset(self, line: int, character: int) -> int:
        """Character offset of an LSP position; out-of-range values are clamped.

        A position inside a surrogate pair (or a UTF-8 sequence) rounds down to
        the character that holds it.
        """
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.source)
        text = self.line_text(line)
        start = self.starts[line]
        if self.encoding == "utf-32" or text.isascii():
            return start + max(0, min(character, len(text)))
        count = 0
        for index, ch in enumerate(text):
            count += units(ch, self.encoding)
            if count > character:
                return start + index
        return start + len(text)
