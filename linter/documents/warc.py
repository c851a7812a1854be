"""Web archives (WARC, as crawlers such as Common Crawl write them): their HTML pages, decoded.

A WARC file is a sequence of records, usually each in its own gzip member;
the pages to lint are the HTTP responses whose body is HTML. Each page is
named by its target URI, and its body is decoded the way a browser would:
the charset the HTTP ``Content-Type`` declares, else the one a ``<meta>``
element declares near the top, else UTF-8 (and Windows-1252, the web's
default for undeclared Western pages, when the bytes are not UTF-8). A page
whose bytes do not fit its declared charset is read with U+FFFD in their
place: in a crawl that is the site's doing, not a reading failure.

Records are read with FastWARC (the optional ``warc`` extra). A record that
is cut short or corrupt becomes one ``ReadError`` and reading goes on at the
next record start found after it, so one bad record never costs the rest of
the file.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Callable, Iterator

from linter.common.errors import ReadError
from linter.common.plaindata import PlainData

#: Media types read as HTML pages; other records are skipped.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Where a ``<meta>`` charset is looked for, as browsers do (the HTML standard's prescan).
META_PRESCAN_BYTES = 1024
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = b"WARC/1."
#: Labels browsers read as Windows-1252 (the HTML standard's encoding table).
_WINDOWS_1252 = frozenset({"iso-8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"})


class Page(PlainData):
    """One HTML response of an archive: its target URI and its decoded body."""

    __slots__ = ("uri", "text")

    def __init__(self, uri: str, text: str) -> None:
        self.uri = uri
        self.text = text


def pages(path: str, wanted: Callable[[bytes], bool] | None = None) -> Iterator[Page | ReadError]:
    """Every HTML page of the archive at ``path``, in file order, and an error per bad record.

    ``wanted``, given a page's body as stored, may turn it down before it is
    decoded (see ``--prefilter-raw``). Raises nothing for bad content: an
    unreadable file or a missing FastWARC is one ReadError, a truncated or
    corrupt record another.
    """
    try:
        from fastwarc import ArchiveIterator, WarcRecordType

        response = WarcRecordType.response
    except ImportError:
        yield ReadError("reading WARC files needs FastWARC: pip install 'healthlint[warc]'", path)
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115  # closed below, after every restart
    except OSError as exc:
        yield ReadError(f"cannot read file: {exc.strerror or exc}", path)
        return
    with stream:
        compressed = stream.read(2) == _GZIP_MAGIC[:2]
        offset = 0  # where the current iterator started, in the file
        while offset is not None:
            stream.seek(offset)
            # Every record type, so that ``last`` is the last record of the file
            # when reading ends well; only responses can be pages.
            records = ArchiveIterator(stream, auto_decode="all")
            start = last = offset  # the record being read, and the last one read whole
            read_whole = False  # whether any record from ``offset`` was read whole
            try:
                for record in records:
                    start = offset + record.stream_pos
                    page = _page(record, wanted) if record.record_type == response else None
                    last, read_whole = start, True
                    if page is not None:
                        yield page
            except Exception as exc:  # FastWARC raises OSError or ValueError, with no position
                error = f": {exc}"
            else:
                # A cut gzip member can also end the iteration with no error at all
                # (its cut deflate data runs into the next member and reads as an
                # end): a record start past the last record read means records were lost.
                error = ""
                if _next_start(stream, last + 1, compressed) is None:
                    offset = None
                    continue
            if not compressed:  # a cut record runs into the next: resume at a header
                yield ReadError(f"corrupt record after byte {last}{error}", path)
                offset = _next_start(stream, last + 1, compressed)
                continue
            # The bad gzip member: the record being read, else the member after the
            # last one read whole (which may not even look like a member), else
            # the one this pass started at.
            if start > last:
                bad = start
            elif read_whole:
                # The member after the last one read whole; but a member whose trailer
                # was cut "ends" inside the next one, and is itself the bad member.
                end = _member_end(stream, last)
                after = _next_start(stream, last + 1, compressed)
                bad = last if end is None or (after is not None and end > after) else end
            else:
                bad = offset
            yield ReadError(f"truncated or corrupt gzip member at byte {bad}{error}", path)
            offset = _next_start(stream, bad + 1, compressed)


def _page(record, wanted: Callable[[bytes], bool] | None) -> Page | None:  # a WarcRecord
    """The record's page, or None when it is not an HTML response (or is not wanted)."""
    media = (record.http_content_type or "").strip().lower()
    if media not in HTML_TYPES:
        return None
    body = record.reader.read()
    if wanted is not None and not wanted(body):
        return None
    uri = record.headers.get("WARC-Target-URI") or record.record_id or "<no target URI>"
    return Page(uri.strip("<>"), decode_page(body, record.http_charset))


def decode_page(body: bytes, declared: str | None = None) -> str:
    """A page's text: by its byte order mark, its HTTP charset, its ``<meta>`` charset, or UTF-8."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, "replace")
    encoding = _codec(declared) or _codec(_meta_charset(body))
    if encoding is not None:
        return body.decode(encoding, "replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("windows-1252", "replace")


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body, 0, META_PRESCAN_BYTES)
    return found.group(1).decode("ascii") if found else None


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252:
        return "windows-1252"
    if label.startswith(("utf-16", "utf16")):
        return "utf-8"  # a byte stream said to be UTF-16 without a BOM: browsers read UTF-8
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _next_start(stream, after: int, compressed: bool) -> int | None:
    """The first offset at or after ``after`` where a whole record can begin; None if none.

    In a gzip WARC that is a gzip member whose data begins with a WARC
    header; in a plain one, a WARC version line at the start of a line.
    The rest of the file is searched a window at a time.
    """
    marker = _GZIP_MAGIC if compressed else _WARC_START
    base = max(after - 1, 0)  # from one byte before: is a version line at a line start?
    while True:
        stream.seek(base)
        window = stream.read(_SEARCH_WINDOW + _OVERLAP)
        last_window = len(window) < _SEARCH_WINDOW + _OVERLAP
        end = len(window) if last_window else _SEARCH_WINDOW
        at = window.find(marker, after - base, end + len(marker))
        while 0 <= at < end:
            if compressed:
                if _inflates_to_warc(window[at : at + _OVERLAP]):
                    return base + at
            elif base + at == 0 or window[at - 1 : at] == b"\n":
                return base + at
            at = window.find(marker, at + 1, end + len(marker))
        if last_window:
            return None
        after = base + _SEARCH_WINDOW
        base = after - 1


def _member_end(stream, start: int) -> int | None:
    """Where the whole gzip member at ``start`` ends; None if it does not."""
    inflater = zlib.decompressobj(31)
    stream.seek(start)
    try:
        while not inflater.eof:
            chunk = stream.read(1 << 16)
            if not chunk:
                return None
            inflater.decompress(chunk)  # the output is not needed, only where it ends
    except zlib.error:
        return None
    return stream.tell() - len(inflater.unused_data)


_OVERLAP = 4096  # bytes past a window's end, to check a candidate found near it
_SEARCH_WINDOW = 1 << 20


def _inflates_to_warc(head: bytes) -> bool:
    try:
        return zlib.decompressobj(31).decompress(head, 64).startswith(_WARC_START)
    except zlib.error:
        return False
