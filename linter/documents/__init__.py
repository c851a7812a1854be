"""Readers: copy files (plain text, Markdown, HTML) to positioned prose.

The rest of the linter sees only :class:`Document` and :class:`Block`; this is
the one place that chooses a reader for a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from linter.documents.decode import decode
from linter.documents.model import Block, Document

__all__ = ["FORMATS", "Block", "Document", "format_for_path", "read_document", "read_source"]

#: Format names, as given with ``fmt`` or chosen by file extension.
FORMATS = ("text", "markdown", "html")

_EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def format_for_path(path: str) -> str | None:
    """The format of a file by its extension, or None when it has no known one."""
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower())


def read_document(path: str, data: bytes, fmt: str | None = None) -> Document:
    """Decode and read a copy file.

    ``fmt`` overrides the extension (needed for stdin and unknown extensions).
    Raises :class:`linter.common.errors.ReadError` for undecodable data and
    ValueError when no format can be chosen.
    """
    return read_source(path, decode(data, path), fmt)


def read_source(path: str, source: str, fmt: str | None = None) -> Document:
    """Read already-decoded text, such as an editor's buffer."""
    fmt = fmt or format_for_path(path)
    if fmt not in FORMATS:
        known = ", ".join(FORMATS)
        problem = f"unknown format {fmt!r}" if fmt else "cannot tell the format from the name"
        raise ValueError(f"{path}: {problem} (use one of {known})")
    if not source.startswith("---"):  # no front matter (its dozen expressions stay uncompiled)
        return Document(path, source, _reader(fmt)(source, 0), fmt)
    from linter.documents.frontmatter import parse_front_matter

    front = parse_front_matter(source)
    blocks = front.fields + _reader(fmt)(source, front.body_start)
    return Document(path, source, blocks, fmt, front_matter=front.values)


_READERS: dict[str, Callable[[str, int], list[Block]]] = {}  # format -> reader, once imported


def _reader(fmt: str) -> Callable[[str, int], list[Block]]:
    """Import readers on demand: a text-only run never loads pyromark."""
    found = _READERS.get(fmt)
    if found is not None:
        return found
    if fmt == "markdown":
        from linter.documents.markdown import read_markdown as found
    elif fmt == "html":
        from linter.documents.html import read_html as found
    else:
        from linter.documents.text import read_text as found
    _READERS[fmt] = found
    return found
