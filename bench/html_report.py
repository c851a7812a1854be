"""The html review page for the FakeHealth corpus: how big it is and how long it takes.

The corpus (2,237 health press releases and news stories) lives outside the
repository, at ``../shared/corpus/fakehealth``; pass ``--corpus`` to read it
from elsewhere. The page must stay small enough for a browser to open
(the target is under 15 MB). ``--out`` keeps the page.

    python bench/html_report.py
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from linter.app.check import read_copy
from linter.config.settings import Options
from linter.formats.html import HtmlFormat
from linter.run.runner import run

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fakehealth"
LIMIT = 15 * 1024 * 1024


def main() -> None:
    """Lint the corpus, make its review page, print the times and the page's size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, help="keep the page here")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus} (pass --corpus)")
    started = time.perf_counter()
    report = run([str(args.corpus)], Options(isolated=True))
    linted = time.perf_counter()
    page = HtmlFormat(read_copy)(report)
    rendered = time.perf_counter()
    out = args.out or Path(tempfile.mkdtemp()) / "corpus.html"
    out.write_text(page, encoding="utf-8")
    size = out.stat().st_size
    shown = len({f.path for f in report.findings})
    print(f"files: {report.files}, with findings: {shown}, findings: {len(report.findings)}")
    print(f"lint: {linted - started:.2f} s, page: {rendered - linted:.2f} s")
    print(f"page: {size / 1e6:.2f} MB ({size / LIMIT:.0%} of the 15 MiB limit) at {out}")


if __name__ == "__main__":
    main()
