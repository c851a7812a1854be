"""UTF-8 byte offsets as character offsets.

pyromark and RE2 both work on UTF-8 and report byte offsets; findings need
character offsets. Offsets arrive in increasing order (a parse, a scan), so
each conversion decodes only the bytes since the previous one.
"""

from __future__ import annotations


class CharOffsets:
    """Converts byte offsets of ``text`` encoded as UTF-8 to character offsets."""

    __slots__ = ("ascii", "byte", "char", "data")

    def __init__(self, text: str, data: bytes | None = None) -> None:
        self.ascii = text.isascii()
        self.data = b"" if self.ascii else (data if data is not None else text.encode("utf-8"))
        self.byte = 0
        self.char = 0

    def __call__(self, byte: int) -> int:
        """The character offset of ``byte``; cheap when offsets arrive in order."""
        if self.ascii:
            return byte
        if byte < self.byte:  # a step back (a reader revisiting a node): count back
            self.char -= len(self.data[byte : self.byte].decode("utf-8"))
        else:
            self.char += len(self.data[self.byte : byte].decode("utf-8"))
        self.byte = byte
        return self.char
