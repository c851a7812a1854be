"""Web archives: `healthlint check crawl.warc.gz` lints every HTML response, named by its URI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from linter.api import Linter
from linter.common.errors import ReadError
from linter.documents.warc import decode_page

fastwarc = pytest.importorskip("fastwarc", reason="FastWARC (the warc extra) is not installed")

UTF8_PAGE = "<html><body>\n<h1>Knee clinic</h1>\n<p>Naïve cells. It cures MS.</p>\n</body></html>"
# "é" is one byte in Latin-1: a page decoded as UTF-8 would be lossy and its columns wrong.
LATIN1_PAGE = "<html><body>\n<p>Café clinic: our therapy cures MS.</p>\n</body></html>"
META_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    "</head><body>\n<p>Clinique René. It cures MS.</p></body></html>"
)
AFTER_PAGE = "<p>It cures MS.</p>"


def _response(uri: str, body: bytes, content_type: str) -> fastwarc.WarcRecord:
    record = fastwarc.WarcRecord()
    record.init_headers(fastwarc.WarcRecordType.response)
    record.headers["WARC-Target-URI"] = uri
    record.headers["Content-Type"] = "application/http; msgtype=response"
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    record.set_bytes_content(head.encode("ascii") + body)
    return record


def _member(record: fastwarc.WarcRecord) -> bytes:
    """One record as its own gzip member, as crawlers write them."""
    out = io.BytesIO()
    writer = fastwarc.GzipWriter(out)
    record.write(writer)
    writer.close()
    return out.getvalue()


def _records() -> list[fastwarc.WarcRecord]:
    return [
        _response("https://clinic.example/knee", UTF8_PAGE.encode(), "text/html; charset=utf-8"),
        _response(
            "https://clinic.example/cafe",
            LATIN1_PAGE.encode("latin-1"),
            'text/html; charset="ISO-8859-1"',
        ),
        _response("https://clinic.example/rene", META_PAGE.encode("latin-1"), "text/html"),
        _response(
            "https://clinic.example/data.json", b'{"claim": "It cures MS."}', "application/json"
        ),
        _response("https://clinic.example/cut", b"<p>It cures MS.</p>" * 40, "text/html"),
        _response("https://clinic.example/after", AFTER_PAGE.encode(), "text/html; charset=utf-8"),
    ]


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A gzip WARC whose fifth member (the /cut page) is cut short; it starts at ``CUT_AT``."""
    members = [_member(r) for r in _records()]
    members[4] = members[4][: len(members[4]) // 2]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(members))
    (tmp_path / "CUT_AT").write_text(str(sum(map(len, members[:4]))))
    return path


EXPECTED = [
    ("https://clinic.example/cafe", 2, 29, "cure-claim"),
    ("https://clinic.example/knee", 3, 20, "cure-claim"),
    ("https://clinic.example/rene", 2, 22, "cure-claim"),
    ("https://clinic.example/after", 1, 7, "cure-claim"),
]


def _check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linter", "check", "--select", "cure-claim", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def test_every_html_response_is_linted_by_uri_and_a_cut_member_is_one_error(
    crawl: Path,
) -> None:
    run = _check("--format", "json", crawl.name, cwd=crawl.parent)
    report = json.loads(run.stdout)
    found = [(f["path"], f["line"], f["column"], f["rule"]) for f in report["findings"]]
    assert sorted(found) == sorted(EXPECTED)
    # The JSON record and the cut member are not pages: nothing from /data.json or /cut.
    cut_at = (crawl.parent / "CUT_AT").read_text()
    (error,) = report["errors"]
    assert error["path"] == "crawl.warc.gz"
    # FastWARC's own words follow when it raised; a cut member may also just end its reading.
    assert error["message"].startswith(f"truncated or corrupt gzip member at byte {cut_at}")
    assert (error["line"], error["column"]) == (0, 0)
    assert run.stderr.count(": error: ") == 1
    assert run.returncode == 2  # an input that could not be wholly read


def test_a_member_cut_anywhere_is_one_error_and_the_pages_after_it_are_read(
    tmp_path: Path,
) -> None:
    """Cut deflate data that runs into the next member may raise, or may read as an
    end with no error at all; either way the rest of the archive is read."""
    from linter.documents.warc import pages

    members = [_member(r) for r in _records()]
    cut_at = sum(map(len, members[:4]))
    path = tmp_path / "crawl.warc.gz"
    for cut in range(1, len(members[4])):
        path.write_bytes(b"".join([*members[:4], members[4][:cut], members[5]]))
        read = list(pages(str(path)))
        uris = [p.uri for p in read if not isinstance(p, ReadError)]
        errors = [str(e) for e in read if isinstance(e, ReadError)]
        assert uris[-1] == "https://clinic.example/after", cut
        assert len(errors) == 1, (cut, errors)
        assert f"truncated or corrupt gzip member at byte {cut_at}" in errors[0], cut


def test_text_output_names_each_finding_by_uri_line_and_column(crawl: Path) -> None:
    run = _check(crawl.name, cwd=crawl.parent)
    places = [line.split(": error: ")[0] for line in run.stdout.splitlines()]
    assert places == sorted(f"{uri}:{line}:{column}" for uri, line, column, _ in EXPECTED)


def test_findings_equal_the_decoded_pages_linted_one_by_one(crawl: Path) -> None:
    linter = Linter(select=["cure-claim"])
    from_archive = [r for r in linter.lint_files([str(crawl)]) if r.error is None]
    assert [r.name for r in from_archive] == [
        "https://clinic.example/knee",
        "https://clinic.example/cafe",
        "https://clinic.example/rene",
        "https://clinic.example/after",
    ]
    pages = [UTF8_PAGE, LATIN1_PAGE, META_PAGE, AFTER_PAGE]
    for result, page in zip(from_archive, pages, strict=True):
        assert result.findings == linter.lint(page, result.name, "html").findings


def test_an_uncompressed_archive_reads_alike(tmp_path: Path) -> None:
    out = io.BytesIO()
    for record in _records():
        record.write(out)
    (tmp_path / "crawl.warc").write_bytes(out.getvalue())
    run = _check("--format", "json", "crawl.warc", cwd=tmp_path)
    report = json.loads(run.stdout)
    found = sorted((f["path"], f["line"], f["column"]) for f in report["findings"])
    assert len(found) == len(EXPECTED) + 40  # the /cut page whole: 40 times "It cures MS."
    assert report["errors"] == []
    assert run.returncode == 1


@pytest.mark.parametrize(
    ("body", "declared", "text"),
    [
        ("café".encode("latin-1"), "ISO-8859-1", "café"),
        ("café".encode(), "utf-8", "café"),
        ("€".encode("cp1252"), "latin1", "€"),  # browsers read Latin-1 as Windows-1252
        (b'<meta charset="windows-1251">\xcc\xd1', None, '<meta charset="windows-1251">МС'),
        ("café".encode("latin-1"), None, "café"),  # not UTF-8, undeclared: Windows-1252
        ("café".encode(), "no-such-charset", "café"),  # an unknown label is no declaration
        (b"\xef\xbb\xbfcaf\xc3\xa9", "latin1", "café"),  # a byte order mark wins
    ],
)
def test_pages_decode_by_http_charset_then_meta_then_utf8(
    body: bytes, declared: str | None, text: str
) -> None:
    assert decode_page(body, declared) == text


def test_a_missing_file_is_one_error(tmp_path: Path) -> None:
    results = list(Linter().lint_files([str(tmp_path / "none.warc.gz")]))
    assert len(results) == 1
    assert results[0].error is not None
    assert "cannot read file" in results[0].error.message


def test_prefilter_raw_skips_pages_without_a_trigger_in_their_bytes(tmp_path: Path) -> None:
    pages = {
        "https://clinic.example/plain": b"<p>Opening hours: 9 to 5.</p>",
        "https://clinic.example/claim": b"<p>It cures MS.</p>",
        # The heuristic's documented blind spot: markup inside the word.
        "https://clinic.example/hidden": b"<p>It cu<b>res</b> all.</p>",
    }
    path = tmp_path / "sweep.warc.gz"
    path.write_bytes(b"".join(_member(_response(u, b, "text/html")) for u, b in pages.items()))
    linter = Linter(select=["cure-claim"])
    every = {r.name: len(r.findings) for r in linter.lint_files([str(path)])}
    assert every == {u: 0 if u.endswith("plain") else 1 for u in pages}
    skimmed = {r.name: len(r.findings) for r in linter.lint_files([str(path)], prefilter_raw=True)}
    assert skimmed == {"https://clinic.example/claim": 1}
    run = _check("--format", "json", "--prefilter-raw", path.name, cwd=tmp_path)
    assert [f["path"] for f in json.loads(run.stdout)["findings"]] == [
        "https://clinic.example/claim"
    ]
