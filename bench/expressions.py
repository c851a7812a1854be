"""Each expression of a policy, scanned alone: which ones are slow, and how to set the prefilter.

A rule's lexicon compiles to one regular expression. RE2 runs it as a DFA
built on the fly; an expression whose DFA outgrows RE2's state cache (a
bounded repeat such as ``[^"]{0,300}`` is the usual cause, and alternations
of several bounded repeats) drops to a far slower mode, and one such
expression among the trigger expressions slows every page's prefilter
pass. This bench scans each expression of the policy alone over the same
text and prints the slowest, then times the trigger prefilter as RE2 sets
of several sizes and as a Hyperscan database (where installed).

    python bench/expressions.py
    python bench/expressions.py --corpus ../shared/corpus/fakehealth --mb 3 --top 15
    python bench/expressions.py --policy my-pack/
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter import api
from linter.engine.triggers import triggers
from linter.matching.expressions import scan
from linter.matching.prefilter.sets import SetPrefilter
from linter.policy.regexes import compiled

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fakehealth"
MB = 1_000_000
#: Below this an expression has most likely left RE2's DFA (see the docstring).
SLOW_MB_S = 50.0


def corpus_files(corpus: Path) -> list[Path]:
    """The corpus's Markdown files, or the bundled seeds when it is missing."""
    if corpus.is_dir():
        found = sorted(corpus.rglob("*.md"))
        if found:
            return found
    print(f"corpus {corpus} not found: using the bundled seeds", file=sys.stderr)
    return sorted((ROOT / "seeds").glob("*"))


def timed_scan(source: str, data: bytes) -> tuple[float, int]:
    """Seconds to find every match of ``source`` in ``data``, and how many there were."""
    regex = compiled(f"(?m){source}")._regexp
    start = time.perf_counter()
    found = sum(1 for _ in scan(regex, data))
    return time.perf_counter() - start, found


def timed_prefilter(prefilter: object, documents: list[bytes]) -> float:
    """Seconds for one prefilter pass over every document, after a short warm-up."""
    for data in documents[:50]:
        prefilter.run(data)  # type: ignore[attr-defined]
    start = time.perf_counter()
    for data in documents:
        prefilter.run(data)  # type: ignore[attr-defined]
    return time.perf_counter() - start


def main() -> int:
    """Print the slowest expressions and the prefilter's timings; 0 when done."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--policy", action="append", default=[], help="a pack (default: bundled)")
    parser.add_argument("--mb", type=float, default=3.0, help="MB of text each expression scans")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest to print")
    args = parser.parse_args()

    policy = api.load_policy(args.policy or None)
    files = corpus_files(args.corpus)
    documents = [path.read_bytes() for path in files]
    text = b"\n".join(documents)[: int(args.mb * MB)]
    size = len(text) / MB

    rows = sorted(((*timed_scan(source, text), source) for source in policy.regexes), reverse=True)
    total = sum(seconds for seconds, _, _ in rows)
    print(f"{len(rows)} expressions over {size:.1f} MB: {total:.2f} s in all")
    print(f"{'s':>6} {'MB/s':>8} {'matches':>8}  expression")
    for seconds, found, source in rows[: args.top]:
        flag = "  <- slow" if size / seconds < SLOW_MB_S else ""
        print(f"{seconds:6.3f} {size / seconds:8.1f} {found:8d}  {source[:90]}{flag}")

    sources = triggers(policy).sources
    print(f"\ntrigger prefilter: {len(sources)} expressions over {len(documents)} documents")
    for chunk in (1, 5, 10, 17, 25):
        seconds = timed_prefilter(SetPrefilter(sources, chunk), documents)
        print(f"  RE2 sets of {chunk:2d}: {seconds:.3f} s")
    from linter.matching.prefilter.database import database_prefilter

    database = database_prefilter(sources, compile_missing=True)
    if database is None:
        print("  Hyperscan database: not available here")
    else:
        print(f"  Hyperscan database: {timed_prefilter(database, documents):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
