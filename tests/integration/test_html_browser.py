"""The html review page in a real browser: headless Chromium renders what the parser promised.

Chromium runs without network access, so it starts with every feature that
looks something up turned off and a fresh profile. CI (``.ci/run``) installs
it from the distribution's packages where it can; elsewhere these tests skip.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import html5lib
import pytest

from tests.conftest import FORMAT_POLICY, SEEDS, run_cli

NS = "{http://www.w3.org/1999/xhtml}"
CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (.ci/run installs the distribution's package where it can)",
)
QUIET = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(tmp_path: Path, *args: str) -> bytes:
    """Run headless Chromium with a fresh profile; its standard output."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    run = subprocess.run(
        [CHROMIUM, *QUIET, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    return run.stdout


def rendered(tmp_path: Path, page: Path):
    """The DOM after the page loaded and its script ran."""
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).decode("utf-8")
    return html5lib.parse(dom)


def text_of(element) -> str:
    return "".join(element.itertext())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def make_page(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    code, _, err = run_cli("check", "--no-config", "--format", "html", "-o", str(out), *args)
    assert code in (0, 1), err
    return out


def json_report(*args: str) -> dict:
    code, out, err = run_cli("check", "--no-config", "--format", "json", *args)
    assert code in (0, 1), err
    return json.loads(out)


def test_the_seeds_page_marks_every_finding_and_counts_them(tmp_path):
    page = make_page(tmp_path, "seeds.html", str(SEEDS))
    report = json_report(str(SEEDS))
    body = rendered(tmp_path, page).find(f"{NS}body")
    firsts = {int(m.get("data-n")): m for m in body.iter(f"{NS}mark") if m.get("data-n")}
    assert len(firsts) == len(report["findings"])
    for number, finding in enumerate(report["findings"], start=1):
        assert squeeze(text_of(firsts[number])) == finding["match"], number
    counts = {
        li.get("id").removeprefix("count-"): int(text_of(li.find(f"{NS}b")))
        for li in body.iter(f"{NS}li")
        if (li.get("id") or "").startswith("count-")
    }
    assert counts == {k: v for k, v in report["summary"].items() if k in counts}
    # The page's own script ran under its Content-Security-Policy: the filters show.
    (filters,) = [d for d in body.iter(f"{NS}div") if d.get("id") == "filters"]
    assert filters.get("hidden") is None


def test_hostile_copy_runs_no_script(tmp_path, write_policy):
    site = tmp_path / "site"
    site.mkdir()
    marker = "document.body.setAttribute('data-pwned', '1')"
    hostile = (
        f"It cures <script>{marker}</script> colds.\n\n"
        f'A miracle <img src=x onerror="{marker}"> </textarea><svg onload="{marker}">\n\n'
        f"[Cure](javascript:{marker}) and \"quotes' onfocus='{marker}' autofocus x='\n"
    )
    for name in ("page.md", "page.txt"):
        (site / name).write_text(hostile, encoding="utf-8")
    policy = write_policy(
        FORMAT_POLICY.replace("title: Hype", f'title: "Hype <script>{marker}</script>"')
    )
    page = make_page(tmp_path, "hostile.html", "--policy", str(policy), str(site))
    body = rendered(tmp_path, page).find(f"{NS}body")
    assert body.get("data-pwned") is None  # no script of the copy's ran
    (filters,) = [d for d in body.iter(f"{NS}div") if d.get("id") == "filters"]
    assert filters.get("hidden") is None  # while the page's own did
    assert f"<script>{marker}</script>" in text_of(body)


def test_suppression_reasons_show_in_an_audit(tmp_path, write_policy):
    policy = write_policy(FORMAT_POLICY)
    copy = tmp_path / "page.md"
    copy.write_text(
        "<!-- healthlint-disable-next-line hype -- the product's legal name -->\n"
        "The Miracle serum.\n",
        encoding="utf-8",
    )
    page = make_page(
        tmp_path, "audit.html", "--report-suppressed", "--policy", str(policy), str(copy)
    )
    body = rendered(tmp_path, page).find(f"{NS}body")
    (note,) = [li for li in body.iter(f"{NS}li") if "waived" in (li.get("class") or "")]
    assert "Suppressed: the product's legal name" in text_of(note)
    (mark,) = list(body.iter(f"{NS}mark"))
    assert "waived" in mark.get("class")
    assert text_of(mark) == "Miracle"


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat, header = 8, b"", None
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, chunk = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert (depth, interlace) == (8, 0)
    channels = {2: 3, 6: 4}[colour]
    raw, stride, rows, previous = (
        zlib.decompress(idat),
        width * channels,
        [],
        bytes(width * channels),
    )
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + guess) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def test_a_screenshot_of_the_seeds_page_is_not_blank(tmp_path):
    page = make_page(tmp_path, "seeds.html", str(SEEDS))
    shot = tmp_path / "seeds.png"
    chromium(tmp_path, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri())
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 1600)
    channels = len(rows[0]) // width
    colours, inked = set(), 0
    for row in rows[::4]:
        for x in range(0, len(row), channels * 4):
            pixel = row[x : x + 3]
            colours.add(pixel)
            inked += pixel != b"\xff\xff\xff"
    samples = (height // 4) * (width // 4)
    assert len(colours) > 50  # text, highlights of three severities, the bar chart
    assert inked / samples > 0.03


def test_the_page_prints_to_pdf(tmp_path):
    page = make_page(tmp_path, "seeds.html", str(SEEDS))
    pdf = tmp_path / "seeds.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") > 1  # several pages
