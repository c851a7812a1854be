"""Fast paths give what the general paths give: same blocks, positions and findings.

The Markdown reader handles a verbatim run of text, and a paragraph's start
and end, in its event loop without a method call, and a page of plain ASCII
without converting byte offsets; the matcher converts offsets in ASCII
blocks by subtraction. Each page is read by the reader and by a plain loop
that hands every event to the extractor's general methods; and as it is and
with one non-ASCII character added where it changes no copy (an HTML
comment), once after the copy and once before it.
"""

from __future__ import annotations

import pyromark
import pytest

from linter.documents import markdown, read_source
from linter.engine import analysis as engine
from linter.policy import load_policies
from tests.conftest import SEEDS, SHARED

CORPUS = SHARED / "corpus" / "fakehealth"

SYNTHETIC = """# Stem cell therapy: a *breakthrough*

Our clinic offers [stem cell](https://example.com/a) treatment. It cures MS
and repairs damaged cartilage.\\
Results are guaranteed: 90% of patients improve &amp; stay well.

- Completely safe, no side effects
- Starting at $2,500 per injection
  1. nested item with `code` and **bold** text

> "I walked again after one visit," says Ann, 64.

| Therapy | Price |
|---|---|
| PRP | from $500 |

![A patient walking again](walk.png)

```
This cures nothing: it is code.
```

Visit <https://example.com> or www.example.com today.<br>The most effective care.
"""


def pages() -> list[str]:
    """ASCII pages: the synthetic one, the seeds with plain quotes and dashes, corpus stories."""
    found = [SYNTHETIC]
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8").translate(_PLAIN)
        found.append(f"# Seed\n\n{text.encode('ascii', 'ignore').decode()}")
    if CORPUS.is_dir():
        corpus = sorted((CORPUS / "story").glob("*.md"))[::50]
        found += [p.read_text(encoding="utf-8") for p in corpus]
    return [p for p in found if p.isascii()]


_PLAIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def blocks(source: str) -> list[tuple]:
    doc = read_source("page.md", source, "markdown")
    return [(b.kind, b.level, b.text, b.pieces, b.links) for b in doc.blocks]


def general_blocks(source: str) -> list[tuple]:
    """Every event through the extractor's general methods, none handled inline."""
    extractor = markdown._Extractor(source, 0, source)
    for event, span in pyromark.events_with_range(source, options=markdown._OPTIONS):
        if isinstance(event, str):
            if event in ("SoftBreak", "HardBreak"):
                extractor.line_break(span)
            continue
        ((kind, value),) = event.items()
        if kind == "Text":
            extractor.text(value, span)
        elif kind == "Start":
            extractor.start(value)
        elif kind == "End":
            extractor.end(value)
        elif kind == "InlineHtml" and markdown._LINE_BREAK_TAG.match(value):
            extractor.line_break(span)
    extractor.flush()
    return [(b.kind, b.level, b.text, b.pieces, b.links) for b in extractor.blocks]


def findings(source: str) -> list[tuple]:
    doc = read_source("page.md", source, "markdown")
    return [
        (f.rule, f.line, f.column, f.end_line, f.end_column, f.match, f.message)
        for f in engine.lint_document(doc, load_policies())
    ]


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.splitlines()[0][:30])
def test_the_event_loop_reads_what_the_general_methods_read(page: str) -> None:
    for variant in (page, page + "\n\n<!-- é -->\n", "<!-- é -->\n" + page):
        assert blocks(variant) == general_blocks(variant)


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.splitlines()[0][:30])
def test_ascii_pages_read_and_lint_as_the_general_path_reads_them(page: str) -> None:
    after = page + "\n\n<!-- é -->\n"  # the same copy at the same offsets, not ASCII
    assert not after.isascii()
    assert blocks(after) == blocks(page)
    assert findings(after) == findings(page)


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.splitlines()[0][:30])
def test_a_non_ascii_character_before_the_copy_shifts_every_position_by_one(page: str) -> None:
    before = "<!-- é -->\n" + page  # one character, but two bytes, before all copy
    shift = len("<!-- é -->\n")

    def shifted(block: tuple) -> tuple:
        kind, level, text, pieces, links = block
        moved = [p._replace(source_start=p.source_start + shift) for p in pieces]
        return kind, level, text, moved, links

    assert blocks(before) == [shifted(b) for b in blocks(page)]
    assert findings(before) == [(r, ln + 1, *rest) for r, ln, *rest in _relined(findings(page))]


def _relined(rows: list[tuple]) -> list[tuple]:
    """Findings one line down (the comment takes a line), end lines too."""
    return [(r, ln, col, end_line + 1, *rest) for r, ln, col, end_line, *rest in rows]


def test_the_pages_exercise_the_rules() -> None:
    assert sum(len(findings(p)) for p in pages()) > 20
