"""Plain-text reader: blocks from lines, with no markup to lean on.

Copy pasted into a ``.txt`` file comes in two shapes: one sentence or
paragraph per line (exported from a CMS), or prose hard-wrapped at a fixed
width. Each line is therefore its own block unless it is plainly the
continuation of the line above; list items and title-like lines are
recognised so that section and heading scopes work on plain text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.common.plaindata import PlainData
from linter.documents.model import Block, BlockBuilder

_SPLIT = re.compile(r"(\r\n|\r|\n)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# First characters of lines that may carry markup: bullets, "#", "**", rules.
_MARKUP_STARTS = frozenset("-*+•◦▪‣·–#=_~.0123456789")
_BULLET = re.compile(r"(?:[-*+•◦▪‣·–]|\d{1,3}[.)])[ \t\u00a0]+")
# A line of one repeated symbol ("---", "* * *", "====") separates, like a blank line.
_SEPARATOR = re.compile(r"[ \t]*([-=*_~+#.•·])(?:[ \t]*\1){2,}[ \t]*$")
_HASHES = re.compile(r"(#{1,6})(?:[ \t]+|$)")
#: A ``# healthlint-...`` or ``// healthlint-...`` line: a suppression directive,
#: never copy (linter.results.suppressions reads it from the source).
DIRECTIVE_LINE = re.compile(r"^[ \t]*(?:#+|//+)[ \t]*(healthlint-[\w-]*)([^\r\n]*)", re.M)
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_WRAPPERS = ("**", "__", "*", "_")
_CLOSERS = "\"')]»”’"
# Last characters (before closing quotes) of a line that ends a sentence or
# introduces a list: such a line is never wrapped.
_TERMINAL = frozenset(".!?:;…")
# A sentence boundary inside a line: a heading never contains one.
_INNER_BREAK = re.compile(r"[.!?][\"')\]”’]*\s+[\"'(“‘]*[A-Z]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A line ending in one of these, or in one of the words below, runs on.
_RUN_ON_CHARS = ",-–—(/&+"
_RUN_ON_WORDS = _words("a an and as at by for from in into of on or than that the to with")

HEADING_MAX = 80  # longest line that can still be a heading
WRAP_MIN = 60  # a line this long without final punctuation is a hard wrap


class _Line(PlainData):
    __slots__ = ("start", "end", "eol", "eol_len", "bullet", "hashes", "indented")

    def __init__(
        self,
        start: int,  # first character of the text (indentation and marker skipped)
        end: int,  # just past the last non-blank character
        eol: int,  # offset of the line ending
        eol_len: int,  # 0 at the end of the file, 2 for CRLF
        bullet: bool,  # a list-item line ("- ", "• ", "1. ", ...)
        hashes: int,  # level of a "## heading" line, else 0
        indented: bool,  # the line starts with white space
    ) -> None:
        self.start = start
        self.end = end
        self.eol = eol
        self.eol_len = eol_len
        self.bullet = bullet
        self.hashes = hashes
        self.indented = indented


def read_text(source: str, start: int = 0) -> list[Block]:
    """Blocks of the plain text in ``source[start:]`` (offsets into ``source``)."""
    blocks: list[Block] = []
    group: list[_Line] = []
    first = True
    for line in _lines(source, start):
        if line is not None and group and _continues(source, group[-1], line):
            group.append(line)
            continue
        if group:
            block = _build(source, group, first)
            if block is not None:
                blocks.append(block)
                first = False
        group = [line] if line is not None else []
    if group:
        block = _build(source, group, first)
        if block is not None:
            blocks.append(block)
    return blocks


def _lines(source: str, start: int) -> Iterator[_Line | None]:
    """Yield each non-blank line as a :class:`_Line`; None for a blank line."""
    body = source[start:] if start else source
    if "\r" in body:
        parts = _SPLIT.split(body)  # line, ending, line, ending, ..., line
        texts, endings = parts[::2], [len(e) for e in parts[1::2]]
    else:
        texts = body.split("\n")
        endings = [1] * (len(texts) - 1)
    endings.append(0)
    pos = start
    for text, eol_len in zip(texts, endings, strict=True):
        yield _parse_line(source, text, pos, eol_len)
        pos += len(text) + eol_len


def _parse_line(source: str, text: str, pos: int, eol_len: int) -> _Line | None:
    body = text.lstrip()
    if not body:
        return None
    start = pos + len(text) - len(body)
    end = pos + len(text.rstrip())
    eol = pos + len(text)
    indented = start > pos
    if body[0] in "#/" and DIRECTIVE_LINE.match(body):
        return None
    if body[0] not in _MARKUP_STARTS:  # plain prose: the common case
        return _Line(start, end, eol, eol_len, False, 0, indented)
    if _SEPARATOR.match(body):
        return None
    hashes = 0
    bullet = _BULLET.match(source, start, end)
    if bullet is not None:
        start = bullet.end()
    else:
        heading = _HASHES.match(source, start, end)
        if heading is not None:
            hashes = len(heading.group(1))
            start = heading.end()
            closing = _CLOSING_HASHES.search(source, start, end)
            if closing is not None:
                end = closing.start()
    start, end = _unwrap(source, start, end)
    if start >= end:
        return None
    return _Line(start, end, eol, eol_len, bullet is not None, hashes, indented)


def _unwrap(source: str, start: int, end: int) -> tuple[int, int]:
    """Drop emphasis markers around a whole line (``**Heading**``)."""
    for marker in _WRAPPERS:
        width = len(marker)
        if (
            end - start > 2 * width
            and source.startswith(marker, start)
            and source.startswith(marker, end - width)
            and not source[start + width].isspace()
            and source.find(marker, start + width, end - width) < 0
        ):
            return start + width, end - width
    return start, end


def _continues(source: str, prev: _Line, line: _Line) -> bool:
    """Is ``line`` a hard-wrapped continuation of ``prev``?"""
    if line.bullet or line.hashes or prev.hashes:
        return False
    before = source[prev.start : prev.end]
    if before.rstrip(_CLOSERS)[-1:] in _TERMINAL:
        return False
    first = source[line.start]
    if first.islower():
        return True
    if before[-1] in _RUN_ON_CHARS or before.rsplit(None, 1)[-1].lower() in _RUN_ON_WORDS:
        return True
    if first.isdigit():  # "... in\n2019 the study" runs on; "Our Results\n90% of" does not
        return not heading_like(before)
    after = source[line.start : line.end]
    if heading_like(after) and _title_case(after):
        return False  # a title after a long line, as in "Benefits of Stem Cell Therapy"
    if prev.bullet:
        # A wrapped list item goes on indented; a flush-left line is new copy.
        return line.indented and len(before) >= WRAP_MIN
    return not heading_like(before) and len(before) >= WRAP_MIN


def heading_like(text: str) -> bool:
    """Does a line of plain text read as a title rather than as prose?

    Titles are short, start with a capital or a digit, carry no final
    punctuation (a question mark is allowed) and hold no sentence break;
    a long title must be in title case to tell it from a wrapped line.
    """
    if len(text) > HEADING_MAX or not (text[0].isupper() or text[0].isdigit()):
        return False
    last = text.rstrip(_CLOSERS)[-1:] or text[-1]
    if last in ".,;:!…":
        return False
    if last == "?":
        return not _INNER_BREAK.search(text)
    return _title_case(text) or (len(text) < WRAP_MIN and not _INNER_BREAK.search(text))


def _title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    if not words:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised * 4 >= len(words) * 3


def _build(source: str, group: list[_Line], first: bool) -> Block | None:
    """One block from a run of lines; a lone title-like line is a heading."""
    head = group[0]
    if head.bullet:
        builder = BlockBuilder("list_item")
    elif head.hashes:
        builder = BlockBuilder("heading", level=head.hashes)
    elif len(group) == 1 and heading_like(source[head.start : head.end]):
        builder = BlockBuilder("heading", level=1 if first else 2)
    else:
        builder = BlockBuilder("paragraph")
    prev = None
    for line in group:
        if prev is not None:
            builder.add(" ", prev.eol, prev.eol_len)
        builder.add(source[line.start : line.end], line.start)
        prev = line
    return builder.build()
