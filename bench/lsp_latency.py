"""Time from didChange to publishDiagnostics in `healthlint lsp`, over real stdio.

Starts `python -m linter lsp` as an editor would, opens a 10 KB Markdown page
built from the bundled sample copy, then sends many one-word edits (the
whole document each time, as the server asks for full sync) and waits for
the diagnostics of each new version. Whatever the server waits before
linting (a debounce) is inside the figure. Prints the median and p95.

    python bench/lsp_latency.py [--repeat 300] [--size 10240]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def page(size: int) -> str:
    """A Markdown page of about ``size`` bytes: headings over paragraphs of sample copy."""
    paragraphs = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        part = f"## Section {i // 4 + 1}" if i % 5 == 0 else paragraphs[i % len(paragraphs)]
        out.append(part)
        total += len(part.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)[:size].rsplit(" ", 1)[0] + ".\n"


async def run(repeat: int, size: int) -> None:
    """Start the server over stdio, time ``repeat`` edits after a warm-up, and print the figures."""
    client = LanguageClient("healthlint-bench", "1")
    received: dict[int, float] = {}
    waiting: dict[int, asyncio.Future] = {}
    counts: dict[int, int] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        now = time.perf_counter()
        if params.version is None:
            return
        received[params.version] = now
        counts[params.version] = len(params.diagnostics)
        future = waiting.pop(params.version, None)
        if future is not None and not future.done():
            future.set_result(now)

    cache = tempfile.mkdtemp(prefix="healthlint-bench-")
    env = {**os.environ, "HEALTHLINT_CACHE_DIR": cache, "PYTHONPATH": str(ROOT)}
    await client.start_io(sys.executable, "-m", "linter", "lsp", env=env)
    await client.initialize_async(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=ROOT.as_uri())
    )
    client.initialized(lsp.InitializedParams())

    text = page(size)
    uri = (ROOT / "bench-page.md").as_uri()
    loop = asyncio.get_running_loop()

    async def send(version: int, notify) -> float:
        waiting[version] = loop.create_future()
        start = time.perf_counter()
        notify()
        done = await asyncio.wait_for(waiting[version], 30)
        return (done - start) * 1000

    await send(
        1,
        lambda: client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        ),
    )
    timings = []
    warmup = 10
    for n in range(warmup + repeat):
        version = n + 2
        # Type a word at the end, then take it back: the text changes every time.
        edited = text + ("Amazing results.\n" if n % 2 == 0 else "")
        params = lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=edited)],
        )
        elapsed = await send(version, lambda p=params: client.text_document_did_change(p))
        if n >= warmup:
            timings.append(elapsed)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    timings.sort()
    p95 = statistics.quantiles(timings, n=20)[18]
    median = statistics.median(timings)
    print(f"document: {len(text.encode('utf-8'))} bytes of Markdown, {counts[1]} findings")
    print(f"didChange -> publishDiagnostics over stdio, {len(timings)} edits (no debounce):")
    print(
        f"  median {median:.1f} ms   p95 {p95:.1f} ms   min {timings[0]:.1f} ms   "
        f"max {timings[-1]:.1f} ms"
    )
    verdict = "meets" if median < TARGET_MS else "misses"
    print(f"  {verdict} the {TARGET_MS:.0f} ms target (median)")


def main() -> None:
    """Parse the command line and run the timing loop."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="timed edits (after 10 warm-up)")
    parser.add_argument("--size", type=int, default=10 * 1024, help="document size in bytes")
    args = parser.parse_args()
    asyncio.run(run(args.repeat, args.size))


if __name__ == "__main__":
    main()
