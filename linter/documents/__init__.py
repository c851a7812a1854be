"""Readers: copy files (plain text, Markdown, HTML, MDX, JSX/TSX, JS/TS, JSON) to positioned prose.

The rest of the linter sees only :class:`Document` and :class:`Block`; this is
the one place that chooses a reader for a file.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable

from linter.common.errors import PartialRead
from linter.documents.decode import decode
from linter.documents.model import Block, Document, line_starts
from linter.documents.reading import DEFAULT_OPTIONS, ReadOptions

__all__ = [
    "FORMATS",
    "Block",
    "Document",
    "ReadOptions",
    "format_for_path",
    "is_archive",
    "read_document",
    "read_source",
]

#: Format names, as given with ``fmt`` or chosen by file extension.
FORMATS = ("text", "markdown", "html", "mdx", "jsx", "tsx", "js", "ts", "json")
#: Formats whose copy sits among code: read with tree-sitter (linter.documents.script).
SCRIPT_FORMATS = frozenset({"jsx", "tsx", "js", "ts", "json"})

_EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".mdx": "mdx",
    ".jsx": "jsx",
    ".tsx": "tsx",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".ts": "ts",
    ".mts": "ts",
    ".cts": "ts",
    ".json": "json",
}


def format_for_path(path: str) -> str | None:
    """The format of a file by its extension, or None when it has no known one."""
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower())


def is_archive(path: str) -> bool:
    """Is this a web archive (``.warc``, ``.warc.gz``), whose HTML pages are linted one by one?

    Its pages are read by linter.documents.warc, each named by its URI.
    """
    return path.lower().endswith((".warc", ".warc.gz"))


def read_document(
    path: str, data: bytes, fmt: str | None = None, options: ReadOptions = DEFAULT_OPTIONS
) -> Document:
    """Decode and read a copy file.

    ``fmt`` overrides the extension (needed for stdin and unknown extensions);
    ``options`` say what is copy in code and data files. Raises
    :class:`linter.common.errors.ReadError` for undecodable data (its
    :class:`PartialRead` for source code that does not parse, carrying the
    document read as far as the parser recovered) and ValueError when no
    format can be chosen.
    """
    return read_source(path, decode(data, path), fmt, options)


def read_source(
    path: str, source: str, fmt: str | None = None, options: ReadOptions = DEFAULT_OPTIONS
) -> Document:
    """Read already-decoded text, such as an editor's buffer."""
    fmt = fmt or format_for_path(path)
    if fmt not in FORMATS:
        known = ", ".join(FORMATS)
        problem = f"unknown format {fmt!r}" if fmt else "cannot tell the format from the name"
        raise ValueError(f"{path}: {problem} (use one of {known})")
    try:
        if fmt in SCRIPT_FORMATS or not source.startswith(("---", "+++", "{")):
            # no front matter (its dozen expressions stay uncompiled)
            return Document(path, source, _read(fmt, source, 0, options), fmt)
        from linter.documents.frontmatter import parse_front_matter

        front = parse_front_matter(source, options.front_matter_keys)
        blocks = front.fields + _read(fmt, source, front.body_start, options)
        # A YAML or TOML fence that opens no front matter: the block is read as
        # copy, and the run says so (the invalid-front-matter rule).
        broken = not front.syntax and _FENCE.match(source) is not None
        return Document(
            path, source, blocks, fmt, front_matter=front.values, broken_front_matter=broken
        )
    except PartialRead as exc:
        exc.document = Document(path, source, exc.blocks, fmt)
        starts = line_starts(source)
        line = bisect_right(starts, exc.offset)
        exc.path, exc.line, exc.column = path, line, exc.offset - starts[line - 1] + 1
        raise


def _read(fmt: str, source: str, start: int, options: ReadOptions) -> list[Block]:
    if fmt in SCRIPT_FORMATS:
        from linter.documents.script import read_script

        return read_script(source, start, fmt, options)
    if fmt == "mdx":
        from linter.documents.mdx import read_mdx

        return read_mdx(source, start, options)
    return _reader(fmt)(source, start)


# A fence line followed by a ``key:`` (YAML) or ``key =`` (TOML) line: an attempt
# at front matter, not a stray rule line above prose.
_FENCE = re.compile(r"(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)[ \t]*[A-Za-z_][\w.-]*[ \t]*[:=]")
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
