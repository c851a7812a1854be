"""HTML reader: visible text, the title and the copy hidden in attributes."""

from __future__ import annotations

from linter.documents.html_reference import read_html_reference
from linter.documents.model import Block


def read_html(source: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Blocks of the HTML in ``source[start:end]`` (offsets into ``source``)."""
    return read_html_reference(source, start, end)
