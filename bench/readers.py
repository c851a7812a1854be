"""Reader speed per MB: the JSX/TSX reader against the HTML reader, on the same page.

One page of clinic copy (headings, paragraphs with inline markup and
entities, an FAQ list, class names) is written twice, as HTML and as a
React component (TSX, with its FAQ as a ``.map()``-ed array of objects),
and each reader reads it repeatedly in this process; parsing time
included, tree-sitter's one-off import and set-up excluded. Prints MB/s of
source for each reader (median of rounds) and their ratio; the JSX/TSX
reader's target is to be at least as fast per MB as the HTML reader.

    python bench/readers.py
    python bench/readers.py --sections 400 --rounds 9
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.documents.html import read_html
from linter.documents.script import read_script

MIB = 1024 * 1024
SENTENCES = [
    "Our regenerative clinic offers platelet-rich plasma for knee pain &amp; stiffness.",
    "Results vary; most patients need two or three visits before they notice a change.",
    "Ask your doctor whether this treatment is right for you &mdash; it is not a cure.",
]


def html_page(sections: int) -> str:
    """The clinic page as HTML, with ``sections`` service sections."""
    parts = ["<html><head><title>Clinic</title></head><body><main class='page'>"]
    for i in range(sections):
        parts.append(f"<section class='card'><h2 class='title'>Service {i}</h2>")
        for s in SENTENCES:
            parts.append(f"<p class='lead'>{s.replace('knee', '<strong>knee</strong>')}</p>")
        parts.append("<ul>")
        for s in SENTENCES:
            parts.append(f"<li><h3>Question {i}?</h3><p>{s}</p></li>")
        parts.append("</ul></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def tsx_page(sections: int) -> str:
    """The same clinic page as a React component (TSX), its FAQ a mapped array."""
    parts = ['import Link from "next/link";', "const faq = ["]
    for i in range(sections):
        for s in SENTENCES:
            parts.append(f'  {{ question: "Question {i}?", answer: "{s}", slug: "q-{i}" }},')
    parts.append("];")
    parts.append("export default function Page() {\n  return (\n    <main className='page'>")
    for i in range(sections):
        parts.append(f"      <section className='card'><h2 className='title'>Service {i}</h2>")
        for s in SENTENCES:
            parts.append(
                f"        <p className='lead'>{s.replace('knee', '<strong>knee</strong>')}</p>"
            )
        parts.append("      </section>")
    parts.append("      <ul>{faq.map((f) => (<li key={f.slug}><h3>{f.question}</h3>")
    parts.append("        <p>{f.answer}</p></li>))}</ul>\n    </main>\n  );\n}")
    return "\n".join(parts)


def rate(read, source: str, rounds: int) -> float:
    """MB of source read per second by ``read``: the median of ``rounds`` timed reads."""
    size = len(source.encode("utf-8")) / MIB
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        read(source)
        times.append(time.perf_counter() - start)
    return size / statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Time both readers on the same page and print their MB/s and ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    html, tsx = html_page(args.sections), tsx_page(args.sections)
    read_script("const a = <p>warm</p>;\n", 0, "tsx")  # loads tree-sitter and the grammar
    html_rate = rate(read_html, html, args.rounds)
    tsx_rate = rate(lambda s: read_script(s, 0, "tsx"), tsx, args.rounds)
    print(f"html reader:    {len(html) / MIB:6.2f} MB  {html_rate:6.2f} MB/s")
    print(f"jsx/tsx reader: {len(tsx) / MIB:6.2f} MB  {tsx_rate:6.2f} MB/s")
    verdict = "met" if tsx_rate >= html_rate else "MISSED"
    print(f"jsx/tsx / html: {tsx_rate / html_rate:.2f}x per MB (target >= 1.00x: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
