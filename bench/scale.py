"""Crawl-scale figures: WARC throughput per core, and Dask against ``check -j``.

Pages are built from the FakeHealth corpus (``../shared/corpus/fakehealth``,
never copied in; ``--corpus`` reads it from elsewhere), each wrapped in
generated site chrome (navigation, footer, scripts, styles, a cookie
banner) as crawled clinic pages carry it.

    python bench/scale.py warc            # MB/s of gzipped WARC per core, core-hours per TB
    python bench/scale.py dask            # Dask LocalCluster (2 workers) vs check -j 2
    python bench/scale.py overhead        # per-task overhead of Dask against a page's lint

Figures are for the machine it runs on; docs/scale.md quotes a 2-core run.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fakehealth"
TB = 1e12


def corpus_texts(corpus: Path, limit: int) -> list[str]:
    """The corpus pages as text (the first ``limit`` of them)."""
    files = sorted(p for sub in ("release", "story") for p in (corpus / sub).glob("*.md"))
    if not files:
        sys.exit(f"no corpus at {corpus} (pass --corpus)")
    return [f.read_text(encoding="utf-8") for f in files[:limit]]


def chrome_page(i: int, text: str) -> str:
    """A corpus text as a clinic page with typical chrome (about 3x its text in markup)."""
    nav = "".join(
        f'<li class="menu-item"><a href="/section-{k}/" class="nav-link">Section {k}</a></li>'
        for k in range(30)
    )
    foot = "".join(f'<li><a href="/legal/{k}">Legal page {k}</a></li>' for k in range(25))
    body = "".join(
        f"<p>{html.escape(par.strip())}</p>\n" for par in text.split("\n\n") if par.strip()
    )
    script = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" * 8
    style = ".nav-link{color:#333;padding:4px 8px}.menu-item{display:inline-block}" * 10
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Clinic {i}</title>'
        f'<meta name="viewport" content="width=device-width"><style>{style}</style>'
        f"<script>{script}</script></head><body>"
        f'<header><nav class="main"><ul class="menu">{nav}</ul></nav></header>\n'
        f'<main><article class="post">{body}</article></main>\n'
        f'<footer><ul class="links">{foot}</ul><p>Copyright clinic {i}.</p></footer>'
        '<div class="cookie">We use cookies to improve your experience.</div>'
        "</body></html>"
    )


def write_warc(path: Path, pages: list[str]) -> None:
    """A gzipped WARC of HTML response records, one per page."""
    from fastwarc import GzipWriter, WarcRecord, WarcRecordType

    with open(path, "wb") as out:
        for i, page in enumerate(pages):
            body = page.encode("utf-8")
            head = (
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode("ascii")
            record = WarcRecord()
            record.init_headers(WarcRecordType.response)
            record.headers["WARC-Target-URI"] = f"https://clinic-{i % 97}.example/page/{i}"
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(head + body)
            member = io.BytesIO()
            writer = GzipWriter(member)
            record.write(writer)
            writer.close()
            out.write(member.getvalue())


def best_of(runs: int, action) -> float:
    """The fastest of ``runs`` timed calls of ``action``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_warc(args: argparse.Namespace) -> None:
    """Reading, the HTML reader and a full lint over a WARC file, per core."""
    from linter.api import Linter
    from linter.documents.html import read_html
    from linter.documents.warc import pages

    texts = corpus_texts(args.corpus, args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz"
        write_warc(path, [chrome_page(i, t) for i, t in enumerate(texts)])
        size = path.stat().st_size
        linter = Linter()
        linter.lint("warm up: it cures MS.", "a.html")
        decoded = [p.text for p in pages(str(path))]
        raw = sum(len(t.encode()) for t in decoded)
        read = best_of(args.runs, lambda: list(pages(str(path))))
        parse = best_of(args.runs, lambda: [read_html(t) for t in decoded])
        full = best_of(args.runs, lambda: sum(1 for _ in linter.lint_files([str(path)])))
        skim = best_of(
            args.runs, lambda: sum(1 for _ in linter.lint_files([str(path)], prefilter_raw=True))
        )
        kept = sum(1 for _ in pages(str(path), lambda b: _may_fire(linter, b)))
    mb = size / 1e6
    print(
        f"WARC: {len(texts)} pages, {mb:.1f} MB gzipped ({raw / 1e6:.1f} MB of HTML, "
        f"{raw / len(texts) / 1e3:.0f} KB a page)"
    )
    for name, seconds in (("read and decode (FastWARC)", read), ("HTML reader alone", parse)):
        print(f"  {name:<28} {mb / seconds:7.1f} MB/s  ({seconds / full:.0%} of a full lint)")
    for name, seconds in (("full lint", full), (f"--prefilter-raw ({kept} kept)", skim)):
        rate = mb / seconds
        hours = TB / (rate * 1e6) / 3600
        print(f"  {name:<28} {rate:7.2f} MB/s per core = {hours:6.0f} core-hours per TB")


def _may_fire(linter, body: bytes) -> bool:
    from linter.engine.triggers import may_fire

    return may_fire(linter.policy, body)


def bench_dask(args: argparse.Namespace) -> None:
    """Dask on a local cluster against `healthlint check -j 2`, end to end."""
    from linter import dask as on_dask
    from linter.api import Linter

    texts = corpus_texts(args.corpus, 100_000) * 4
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        paths = []
        for i, text in enumerate(texts):
            path = site / f"page-{i:05d}.md"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        env = {**os.environ, "HEALTHLINT_CACHE_DIR": str(Path(tmp) / "cache")}
        command = [sys.executable, "-m", "linter", "check", "-j", "2", "--format", "jsonl"]
        subprocess.run([*command, str(site)], capture_output=True, env=env)  # warm the cache
        start = time.perf_counter()
        subprocess.run([*command, str(site)], capture_output=True, env=env)
        cli = time.perf_counter() - start
        start = time.perf_counter()
        with on_dask.start_client("local", 2) as client:
            started = time.perf_counter()
            on_dask.lint_paths(client, paths, str(Path(tmp) / "out"), Linter())
            linted = time.perf_counter()
        end = time.perf_counter()
    print(f"{len(paths)} files (4x the corpus), 2 cores")
    print(f"  healthlint check -j 2:               {cli:6.2f} s")
    print(
        f"  Dask LocalCluster(2), end to end:    {end - start:6.2f} s = {(end - start) / cli:.2f}x"
        f"  (cluster start {started - start:.2f} s, lint {linted - started:.2f} s,"
        f" shutdown {end - linted:.2f} s)"
    )


def bench_overhead(args: argparse.Namespace) -> None:
    """What one page costs to lint, against what an empty Dask task costs."""
    from linter import dask as on_dask
    from linter.api import Linter

    linter = Linter()
    page = corpus_texts(args.corpus, 1)[0]
    per_page = best_of(5, lambda: [linter.lint(page, "a.md") for _ in range(200)]) / 200
    with on_dask.start_client("local", 2) as client:
        futures = client.map(lambda n: n, range(2000), pure=False)
        client.gather(futures)
        start = time.perf_counter()
        client.gather(client.map(lambda n: n + 1, range(2000), pure=False))
        per_task = (time.perf_counter() - start) / 2000 * 2  # two workers
    print(f"lint one {len(page) / 1e3:.1f} KB page: {per_page * 1e3:.2f} ms")
    print(f"Dask task (2 workers, empty): {per_task * 1e3:.2f} ms of a worker's time")
    print(f"  pages per task for overhead under 5%: {per_task / per_page / 0.05:.0f}")


def main() -> None:
    """Run the chosen measurement and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("warc", "dask", "overhead"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=1000, help="pages in the WARC")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    {"warc": bench_warc, "dask": bench_dask, "overhead": bench_overhead}[args.what](args)


if __name__ == "__main__":
    main()
