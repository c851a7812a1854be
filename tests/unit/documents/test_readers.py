"""Specification of the document readers (linter/documents/).

What is copy and what is not, per format, and the promise every reader keeps:
each character of block text maps back to the source characters it came from.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.common.errors import ReadError
from linter.documents import Block, Document, format_for_path, read_document, read_source
from linter.documents.html_reference import read_html_reference
from linter.documents.model import matching_form
from tests.conftest import ROOT

_BR = re.compile(r"<br\b", re.IGNORECASE)
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


# --- Helpers -------------------------------------------------------------------


_EXTENSION = {"text": "txt", "markdown": "md", "html": "html"}


def read(source: str, fmt: str) -> Document:
    """Read ``source`` as a file of format ``fmt`` and check its position map."""
    doc = read_source(f"copy.{_EXTENSION[fmt]}", source)
    assert_positions(doc)
    return doc


def texts(doc: Document, kind: str | None = None) -> list[str]:
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def all_text(doc: Document) -> str:
    return "\n".join(texts(doc))


def source_of(doc: Document, block: Block, start: int = 0, end: int | None = None) -> str:
    """The source text behind ``block.text[start:end]``."""
    end = len(block.text) if end is None else end
    first, last = block.source_span(start, end)
    return doc.source[first:last]


def _decodings(raw: str) -> set[str]:
    """What a source stretch that is not copied verbatim may stand for."""
    found = {html.unescape(raw), raw.replace("''", "'")}
    if raw.startswith("\\") and len(raw) > 1:
        found.add(raw[1:])  # a backslash escape
        if raw[1] in "xuU":
            found.add(chr(int(raw[2:], 16)))
    return {matching_form(text) for text in found}


def assert_positions(doc: Document) -> None:
    """Every character of every block maps to the source character it shows.

    Verbatim runs must equal their source (after folding curly quotes and
    the like); a run that stands for a longer stretch must be white space for
    white space (a line break, collapsed spaces) or a decoded entity/escape.
    """
    for block in doc.blocks:
        assert block.text.strip(), block
        expected_start = 0
        last_source = -1
        for piece in block.pieces:
            assert piece.text_start == expected_start
            expected_start += piece.text_len
            text = block.text[piece.text_start : piece.text_start + piece.text_len]
            raw = doc.source[piece.source_start : piece.source_start + piece.source_len]
            assert len(raw) == piece.source_len, (block, piece)
            assert piece.source_start >= last_source, (block, piece)
            last_source = piece.source_start
            if piece.text_len == piece.source_len:
                assert text == matching_form(raw), (text, raw)
            elif text.strip() or (raw.strip() not in ("", "\\") and not _BR.match(raw)):
                assert text in _decodings(raw), (text, raw)
        assert expected_start == len(block.text)
        for i in range(len(block.text)):  # the public mapping agrees
            start, end = block.source_span(i, i + 1)
            assert 0 <= start < end <= len(doc.source)


# --- Choosing a reader -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("a.txt", "text"),
        ("a.md", "markdown"),
        ("A.MARKDOWN", "markdown"),
        ("dir.v2/a.html", "html"),
        ("a.htm", "html"),
        ("a.rst", None),
        ("README", None),
    ],
)
def test_the_format_follows_the_file_extension(path: str, fmt: str | None) -> None:
    assert format_for_path(path) == fmt


def test_an_unknown_extension_needs_an_explicit_format() -> None:
    with pytest.raises(ValueError, match="format"):
        read_document("notes.rst", b"Text.")
    assert read_document("notes.rst", b"Text.", fmt="text").format == "text"
    with pytest.raises(ValueError, match="format"):
        read_document("notes.txt", b"Text.", fmt="docx")


def test_read_document_decodes_bytes_and_reports_undecodable_files() -> None:
    doc = read_document("a.md", "# Café\n".encode())
    assert texts(doc) == ["Café"]
    with pytest.raises(ReadError, match="invalid UTF-8"):
        read_document("a.md", b"ok \xff\xfe\xfd")


# --- Markdown: what is copy ------------------------------------------------------


def test_markdown_headings_are_copy_with_their_level() -> None:
    doc = read("# Title\n\n### Sub *section*\n\nSetext\n------\n", "markdown")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Title"),
        ("heading", 3, "Sub section"),
        ("heading", 2, "Setext"),
    ]


def test_markdown_paragraphs_are_copy_and_soft_breaks_become_spaces() -> None:
    doc = read("Stem cells\nrepair *damaged* tissue.\n\nSecond paragraph.\n", "markdown")
    assert kinds(doc) == [
        ("paragraph", "Stem cells repair damaged tissue."),
        ("paragraph", "Second paragraph."),
    ]
    block = doc.blocks[0]
    assert source_of(doc, block, 10, 11) == "\n"


def test_markdown_list_items_are_copy_without_their_markers() -> None:
    doc = read("- Tight item\n- Second\n\n1. Loose item\n\n2. Next\n   continued\n", "markdown")
    assert kinds(doc) == [
        ("list_item", "Tight item"),
        ("list_item", "Second"),
        ("list_item", "Loose item"),
        ("list_item", "Next continued"),
    ]
    assert source_of(doc, doc.blocks[3], 5, 14) == "continued"


def test_markdown_nested_list_items_are_separate_blocks() -> None:
    doc = read("- Parent item\n  - Child item\n- Sibling\n", "markdown")
    assert texts(doc, "list_item") == ["Parent item", "Child item", "Sibling"]


def test_markdown_block_quotes_are_copy_of_kind_quote() -> None:
    doc = read("> Results were\n> life-changing.\n", "markdown")
    assert kinds(doc) == [("quote", "Results were life-changing.")]
    assert source_of(doc, doc.blocks[0], 13, 27) == "life-changing."


def test_markdown_table_cells_are_copy() -> None:
    doc = read("| Treatment | Cost |\n|---|---|\n| HSCT | $20,000 |\n", "markdown")
    assert texts(doc, "table_cell") == ["Treatment", "Cost", "HSCT", "$20,000"]


def test_markdown_link_text_is_copy_and_the_target_is_not() -> None:
    doc = read('See [our study](https://example.com/cure-ms "Cure") today.\n', "markdown")
    (block,) = doc.blocks
    assert block.text == "See our study today."
    assert block.links == [(4, 13)]
    assert "example" not in all_text(doc)
    assert "Cure" not in all_text(doc)


def test_a_link_to_another_page_of_the_site_is_navigation_not_a_link() -> None:
    text = (
        "Read [the trial](https://example.org/t), [our cryotherapy page](/cryotherapy),"
        " [pricing](pricing.html), [a slot](book.html?slot=9:30), [note 3](#ref-3)"
        " or [call](tel:5550100).\n"
    )
    (block,) = read(text, "markdown").blocks
    assert [block.text[s:e] for s, e in block.links] == ["the trial", "note 3"]


@pytest.mark.parametrize("reader", ["html", "html-reference"])
def test_an_html_link_counts_only_when_it_leads_off_the_site(reader) -> None:
    page = (
        '<p>Read <a href="https://example.org/t">the trial</a>,'
        ' <a href="/cryotherapy">our page</a>, <a href=www.example.org>the review</a>,'
        ' <a href>nothing</a> or <a href="mailto:a@example.org">mail us</a>.</p>'
    )
    if reader == "html":
        (block,) = read(page, "html").blocks
    else:
        (block,) = read_html_reference(page)
    assert [block.text[s:e] for s, e in block.links] == ["the trial", "the review"]


def test_markdown_autolinks_are_not_copy() -> None:
    doc = read("Visit <https://cure.example> now.\n", "markdown")
    assert "cure" not in all_text(doc)


def test_markdown_image_alt_text_is_an_alt_block_after_its_paragraph() -> None:
    doc = read("Before ![Patient *walking* again](img/cure.png) after.\n", "markdown")
    assert kinds(doc) == [("paragraph", "Before  after."), ("alt", "Patient walking again")]
    assert "img" not in all_text(doc)


@pytest.mark.parametrize(
    "source",
    [
        "```\nCures MS forever\n```\n",
        "~~~python\nCures MS forever\n~~~\n",
        "    Cures MS forever\n",
        "Text `Cures MS forever` here.\n",
        "<!-- Cures MS forever -->\n",
        "<script>\nvar x = 'Cures MS forever';\n</script>\n",
        "Text <span title='x'>here</span> <!-- Cures MS forever --> now.\n",
        "[link]: https://cures-ms-forever.example\n",
    ],
    ids=[
        "fenced",
        "tilde-fenced",
        "indented",
        "inline-code",
        "html-comment",
        "html-script-block",
        "inline-html",
        "link-reference",
    ],
)
def test_markdown_code_and_raw_html_are_not_copy(source: str) -> None:
    doc = read(source, "markdown")
    assert "Cures" not in all_text(doc)
    assert "cures" not in all_text(doc)


def test_an_html_block_in_markdown_is_read_as_html_in_place() -> None:
    source = "Intro.\n\n<div>\n<h2>Our PRP</h2>\n<p>It &amp; cures MS.</p>\n</div>\n\nEnd.\n"
    doc = read(source, "markdown")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds == [
        ("paragraph", "Intro."),
        ("heading", "Our PRP"),
        ("paragraph", "It & cures MS."),
        ("paragraph", "End."),
    ]
    block = doc.blocks[2]
    start, end = block.source_span(block.text.index("cures"), block.text.index("cures") + 5)
    assert source[start:end] == "cures"


def test_markdown_entities_and_escapes_decode_and_map_to_their_whole_source() -> None:
    doc = read("Tom &amp; Jerry \\*not emphasis\\* &#8220;q&#x201D;\n", "markdown")
    (block,) = doc.blocks
    assert block.text == 'Tom & Jerry *not emphasis* "q"'
    assert source_of(doc, block, 4, 5) == "&amp;"
    assert source_of(doc, block, 27, 30) == "&#8220;q&#x201D;"


def test_markdown_hard_breaks_keep_the_block_together() -> None:
    doc = read("First line  \nsecond line\\\nthird<br>fourth<BR/>fifth.\n", "markdown")
    assert texts(doc) == ["First line second line third fourth fifth."]


def test_markdown_positions_are_characters_not_bytes() -> None:
    doc = read("Caf\u00e9 \U0001f600 **na\u00efve** claim.\n", "markdown")
    (block,) = doc.blocks
    i = block.text.index("claim")
    assert source_of(doc, block, i, i + 5) == "claim"
    assert doc.position(block.source_offset(i)) == (1, 18)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_markdown_with_crlf_or_cr_line_endings(newline: str) -> None:
    source = newline.join(["# Title", "", "- item one", "  wrapped", "", "Last para."]) + newline
    doc = read(source, "markdown")
    assert texts(doc) == ["Title", "item one wrapped", "Last para."]
    item = doc.blocks[1]
    assert source_of(doc, item, 8, 9) == newline
    assert doc.position(item.source_offset(9)) == (4, 3)


# --- Front matter --------------------------------------------------------------

FRONT = """---
title: "Stem Cells \\"Work\\""
description: >
  Halts MS
  progression.
summary: 'It''s proven'
excerpt: Plain excerpt # a comment
subtitle: Sub
featuredimage: /img/cure-ms.jpg
path: cure-ms-now
tags:
  - remission
---
Body text.
"""


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_front_matter_copy_keys_become_field_blocks_first(fmt: str) -> None:
    doc = read(FRONT, fmt)
    fields = [(b.name, b.text) for b in doc.blocks if b.kind == "field"]
    assert fields == [
        ("title", 'Stem Cells "Work"'),
        ("description", "Halts MS progression."),
        ("summary", "It's proven"),
        ("excerpt", "Plain excerpt"),
        ("subtitle", "Sub"),
    ]
    assert doc.blocks[: len(fields)] == [b for b in doc.blocks if b.kind == "field"]
    assert texts(doc)[-1] == "Body text."


def test_front_matter_other_keys_are_not_copy_but_are_kept() -> None:
    doc = read(FRONT, "markdown")
    assert "cure" not in all_text(doc)
    assert doc.front_matter["featuredimage"] == "/img/cure-ms.jpg"
    assert doc.front_matter["path"] == "cure-ms-now"
    assert doc.front_matter["tags"] == ["remission"]


def test_front_matter_is_not_parsed_as_markdown_body() -> None:
    doc = read("---\ntitle: T\n---\n# Heading\n", "markdown")
    assert kinds(doc) == [("field", "T"), ("heading", "Heading")]
    assert doc.position(doc.blocks[1].source_offset(0)) == (4, 3)


def test_unterminated_front_matter_is_body() -> None:
    doc = read("---\ntitle: Not closed\n\nBody.\n", "markdown")
    assert doc.front_matter == {}
    assert "Body." in texts(doc)


def test_a_rule_line_above_prose_is_not_front_matter() -> None:
    doc = read("---\nWelcome to our clinic. We offer: care\n---\nMore.\n", "text")
    assert doc.front_matter == {}
    assert "Welcome to our clinic. We offer: care" in texts(doc)


def test_seed_002_description_is_a_field_block() -> None:
    seed = next(p for p in SEEDS if p.name.startswith("002"))
    doc = read_document(str(seed), seed.read_bytes())
    description = next(b for b in doc.blocks if b.name == "description")
    assert description.kind == "field"
    assert description.text.startswith("Increasing evidence regarding")
    assert source_of(doc, description) == description.text
    assert doc.position(description.source_offset(0)) == (6, 14)
    assert "featuredimage" in doc.front_matter
    assert all(b.name != "featuredimage" for b in doc.blocks)


# --- HTML: what is copy -----------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<title>Stem Cell &amp; MS Clinic</title>
<meta name="description" content="We &quot;reverse&quot; MS">
<meta property="og:title" content='Walk again'>
<meta property="og:description" content="Proven results">
<meta name="keywords" content="hidden keywords">
<link rel="stylesheet" href="cure.css">
<style>p { color: red } /* cure */</style>
<script>var claim = "<p>cure</p>";</script>
</head>
<body class="cure">
<h1>Regenerative <em>Medicine</em></h1>
<p>Our therapy <a href="https://cure.example" title="cure">repairs nerves</a>
   for most patients.<br>New line.</p>
<ul><li>Less fatigue<li>More energy</ul>
<table><tr><th>Therapy</th><td>Price</td></tr></table>
<blockquote><p>I walked again.</p></blockquote>
<img src="cure.png" alt="Patient &amp; doctor">
<template><p>cure</p></template><noscript>cure</noscript>
<pre>cure</pre><p>Use <code>cure()</code> daily.</p>
<!-- cure -->
</body></html>
"""


def test_html_visible_text_is_copy_with_block_kinds() -> None:
    doc = read(PAGE, "html")
    assert [(b.kind, b.level, b.text) for b in doc.blocks if b.kind not in ("meta", "title")] == [
        ("heading", 1, "Regenerative Medicine"),
        ("paragraph", 0, "Our therapy repairs nerves for most patients."),
        ("paragraph", 0, "New line."),
        ("list_item", 0, "Less fatigue"),
        ("list_item", 0, "More energy"),
        ("table_cell", 0, "Therapy"),
        ("table_cell", 0, "Price"),
        ("quote", 0, "I walked again."),
        ("alt", 0, "Patient & doctor"),
        ("paragraph", 0, "Use daily."),
    ]


def test_html_title_and_meta_descriptions_are_copy() -> None:
    doc = read(PAGE, "html")
    assert [(b.kind, b.name, b.text) for b in doc.blocks if b.kind in ("title", "meta")] == [
        ("title", None, "Stem Cell & MS Clinic"),
        ("meta", "description", 'We "reverse" MS'),
        ("meta", "og:title", "Walk again"),
        ("meta", "og:description", "Proven results"),
    ]
    meta = doc.blocks[1]
    assert source_of(doc, meta) == "We &quot;reverse&quot; MS"
    assert doc.position(meta.source_offset(0)) == (4, 35)


def test_html_scripts_styles_code_comments_and_other_attributes_are_not_copy() -> None:
    doc = read(PAGE, "html")
    assert "cure" not in all_text(doc).lower()
    assert "keywords" not in all_text(doc)


def test_html_link_text_is_a_link_span() -> None:
    doc = read(PAGE, "html")
    block = next(b for b in doc.blocks if b.text.startswith("Our therapy"))
    assert [block.text[s:e] for s, e in block.links] == ["repairs nerves"]


def test_html_white_space_collapses_to_one_space_mapped_to_the_run() -> None:
    doc = read("<p>one\n\n   two \t three</p>", "html")
    (block,) = doc.blocks
    assert block.text == "one two three"
    assert source_of(doc, block, 3, 4) == "\n\n   "


def test_html_entities_map_to_their_whole_source_stretch() -> None:
    doc = read("<p>A&nbsp;&mdash;&#x41;&#66;&copy B &unknown;</p>", "html")
    (block,) = doc.blocks
    assert block.text == "A \u2014AB\u00a9 B &unknown;"
    assert source_of(doc, block, 2, 3) == "&mdash;"
    assert source_of(doc, block, 5, 6) == "&copy"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_html_positions_hold_for_every_line_ending(newline: str) -> None:
    source = newline.join(["<html>", "<body>", "<p>First", "second &amp; third</p>", "</html>"])
    doc = read(source, "html")
    (block,) = doc.blocks
    assert block.text == "First second & third"
    i = block.text.index("third")
    assert doc.position(block.source_offset(i)) == (4, 14)


def test_html_deeply_nested_or_unclosed_markup_does_not_crash() -> None:
    deep = "<div>" * 50_000 + "<p>Deep text" + "</span>" * 1000
    doc = read(deep, "html")
    assert texts(doc) == ["Deep text"]
    doc = read("<ul><li>One<li>Two<p>Three<td>Four <b>bold", "html")
    assert texts(doc) == ["One", "Two", "Three", "Four bold"]


def test_html_unclosed_script_hides_the_rest_but_does_not_crash() -> None:
    doc = read("<p>Visible</p><script>if (a < b) { x = '</p>' }", "html")
    assert texts(doc) == ["Visible"]


# --- Plain text ------------------------------------------------------------------


def test_text_each_line_is_a_block_when_lines_are_sentences() -> None:
    doc = read("Stem cells help.\nThey repair tissue.\n\nNew paragraph.\n", "text")
    assert texts(doc) == ["Stem cells help.", "They repair tissue.", "New paragraph."]


def test_text_hard_wrapped_lines_join_into_one_block() -> None:
    source = (
        "Our regenerative treatment has helped hundreds of patients with\n"
        "multiple sclerosis regain their mobility, and many of them report\n"
        "Remarkable improvements in energy within weeks.\n"
    )
    doc = read(source, "text")
    (block,) = doc.blocks
    assert block.kind == "paragraph"
    assert block.text.startswith("Our regenerative treatment has helped hundreds of patients")
    i = block.text.index(" multiple")
    assert source_of(doc, block, i, i + 1) == "\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Results have been\nremarkable for most.", ["Results have been remarkable for most."]),
        (
            "Costs are high, and\nInsurance rarely pays.",
            ["Costs are high, and Insurance rarely pays."],
        ),
        (
            "Patients treated in\n2019 report less pain.",
            ["Patients treated in 2019 report less pain."],
        ),
        ("Our Results\n90% of patients improved.", ["Our Results", "90% of patients improved."]),
        ("It works.\nrarely a lowercase start.", ["It works.", "rarely a lowercase start."]),
        (
            "- A list item that is long enough to be wrapped at sixty chars\n  And goes on",
            ["A list item that is long enough to be wrapped at sixty chars And goes on"],
        ),
        (
            "- A list item that is long enough to be wrapped at sixty chars\nFlush left.",
            ["A list item that is long enough to be wrapped at sixty chars", "Flush left."],
        ),
        (
            "Potentially differentiate into various cell types, including nerve cells\n"
            "Benefits of Stem Cell Therapy for MS Patients",
            [
                "Potentially differentiate into various cell types, including nerve cells",
                "Benefits of Stem Cell Therapy for MS Patients",
            ],
        ),
    ],
)
def test_text_when_a_line_break_is_a_hard_wrap(source: str, expected: list[str]) -> None:
    assert texts(read(source, "text")) == expected


def test_text_hard_wrap_space_maps_to_crlf() -> None:
    doc = read("This sentence is wrapped\r\nin the middle.\r\n", "text")
    (block,) = doc.blocks
    assert block.text == "This sentence is wrapped in the middle."
    assert source_of(doc, block, 24, 25) == "\r\n"


def test_text_list_items_exclude_their_markers() -> None:
    doc = read("Benefits include:\n- Less pain\n  • More energy\n3) Better sleep\n* Hope\n", "text")
    assert kinds(doc) == [
        ("paragraph", "Benefits include:"),
        ("list_item", "Less pain"),
        ("list_item", "More energy"),
        ("list_item", "Better sleep"),
        ("list_item", "Hope"),
    ]


def test_text_title_lines_are_headings() -> None:
    source = (
        "Stem Cell Therapy: A Breakthrough in Multiple Sclerosis Treatment\n"
        "The first paragraph starts here.\n"
        "What is Multiple Sclerosis?\n"
        "MS is a disease.\n"
        "Understanding MS Symptoms and Diagnosis\n"
        "Symptoms vary.\n"
    )
    doc = read(source, "text")
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1),
        ("paragraph", 0),
        ("heading", 2),
        ("paragraph", 0),
        ("heading", 2),
        ("paragraph", 0),
    ]


@pytest.mark.parametrize(
    "line",
    ["Key takeaways:", "Results vary.", "no capital here", "Call now. We can help", "A" * 90],
)
def test_text_lines_that_are_not_headings(line: str) -> None:
    doc = read(f"Intro paragraph.\n{line}\nNext.\n", "text")
    assert doc.blocks[1].kind != "heading"


def test_text_markdown_style_headings_lose_their_markers() -> None:
    doc = read("Intro.\n\n## **Some Properties of Stem Cells**\n", "text")
    assert [(b.kind, b.level, b.text) for b in doc.blocks][1] == (
        "heading",
        2,
        "Some Properties of Stem Cells",
    )


def test_text_indentation_is_not_part_of_the_text() -> None:
    doc = read("   Indented sentence here.\n", "text")
    (block,) = doc.blocks
    assert block.text == "Indented sentence here."
    assert block.source_offset(0) == 3


def test_curly_quotes_and_no_break_spaces_fold_in_block_text_only() -> None:
    doc = read("\u201cCured\u201d in\u00a0weeks \u2018they\u2019 said.\n", "text")
    (block,) = doc.blocks
    assert block.text == "\"Cured\" in weeks 'they' said."
    assert source_of(doc, block, 0, 7) == "\u201cCured\u201d"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_text_with_crlf_or_cr_line_endings(newline: str) -> None:
    doc = read(newline.join(["Title Line", "", "First.", "Second one."]), "text")
    assert texts(doc) == ["Title Line", "First.", "Second one."]
    assert doc.position(doc.blocks[2].source_offset(0)) == (4, 1)


def test_utf8_bom_is_not_part_of_the_text_and_positions_ignore_it() -> None:
    doc = read_document("a.txt", b"\xef\xbb\xbfFirst line.\n")
    assert doc.source == "First line.\n"
    assert doc.blocks[0].source_offset(0) == 0
    assert doc.position(0) == (1, 1)


# --- The seeds -----------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_every_seed_maps_every_character_back_to_its_source(seed: Path) -> None:
    doc = read_document(str(seed), seed.read_bytes())
    assert doc.blocks
    assert_positions(doc)
    for fmt in ("markdown", "html"):
        assert_positions(read_document(str(seed), seed.read_bytes(), fmt=fmt))


def _seed(prefix: str) -> Document:
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return read_document(str(path), path.read_bytes())


def test_seed_001_headings_and_list_items() -> None:
    doc = _seed("001")
    headings = texts(doc, "heading")
    assert headings[0] == "Stem Cell Therapy: A Breakthrough in Multiple Sclerosis Treatment"
    assert doc.blocks[0].level == 1
    assert "What is Multiple Sclerosis?" in headings
    assert "Understanding MS Symptoms and Diagnosis" in headings
    assert "Benefits of Stem Cell Therapy for MS Patients" in headings
    assert "Severe fatigue" in texts(doc, "list_item")
    assert "Key Takeaways:" in texts(doc, "paragraph")


def test_seed_003_bullets_are_list_items() -> None:
    doc = _seed("003")
    assert texts(doc, "list_item")[:3] == ["Fatigue", "Tingling", "Pain"]
    assert texts(doc, "heading") == ["Stem Cell Therapy Multiple Sclerosis", "Leave a Reply"]


def test_seed_000_and_004_lines_are_paragraphs() -> None:
    for prefix in ("000", "004"):
        doc = _seed(prefix)
        assert {b.kind for b in doc.blocks} == {"paragraph"}


# --- Generated documents ---------------------------------------------------------

_WORDS = st.sampled_from(
    ["stem", "cells", "MS", "caf\u00e9", "na\u00efve", "\U0001f600", "\u201ccured\u201d", "x2"]
)
_NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


def _phrase(words: list[str]) -> str:
    return " ".join(words)


_md_inline = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=4).map(_phrase),
    st.lists(_WORDS, min_size=1, max_size=3).map(lambda w: f"*{_phrase(w)}*"),
    st.lists(_WORDS, min_size=1, max_size=3).map(lambda w: f"**{_phrase(w)}**"),
    st.lists(_WORDS, min_size=1, max_size=3).map(
        lambda w: f"[{_phrase(w)}](https://zzurl.example)"
    ),
    # "<b>bold</b>", not a bare "<b>": a line holding only an open tag starts a raw HTML
    # block, whose Markdown is literal text (see the test after this one).
    st.sampled_from(
        ["&amp;", "&copy;", "&#8220;", "&#x41;", "\\*", "\\_", "`zzcode`", "<b>bold</b>"]
    ),
)
_md_line = st.lists(_md_inline, min_size=1, max_size=6).map(" ".join)
_md_block = st.one_of(
    st.lists(_md_line, min_size=1, max_size=3).map(lambda lines: "\n".join(lines)),
    _md_line.map(lambda line: "## " + line),
    st.lists(_md_line, min_size=1, max_size=3).map(lambda ls: "\n".join("- " + x for x in ls)),
    st.lists(_md_line, min_size=1, max_size=3).map(lambda ls: "\n".join("> " + x for x in ls)),
    _md_line.map(lambda line: f"| {line} | b |\n|---|---|\n| c | {line} |"),
    st.just("```\nzzcode\n```"),
)


@settings(max_examples=80, deadline=None)
@given(blocks=st.lists(_md_block, min_size=1, max_size=5), newline=_NEWLINES)
def test_generated_markdown_maps_every_character(blocks: list[str], newline: str) -> None:
    source = "\n\n".join(blocks).replace("\n", newline)
    doc = read(source, "markdown")
    assert "zzcode" not in all_text(doc)
    assert "zzurl" not in all_text(doc)


def test_a_line_of_only_an_open_tag_starts_an_html_block_whose_markdown_is_literal() -> None:
    # CommonMark's HTML block of the seventh kind runs to the next blank line; a link
    # inside it is text, as a browser shows it.
    doc = read("<b>\n[stem](https://zzurl.example)", "markdown")
    assert all_text(doc) == "[stem](https://zzurl.example)"


_html_text = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=4).map(_phrase),
    st.sampled_from(["&amp;", "&nbsp;", "&#8220;", "&#x201D;", "&copy", "  \n  ", "\t"]),
)
_html_element = st.tuples(
    st.sampled_from(["p", "div", "li", "h2", "td", "span", "b", "a", "script", "code", "br"]),
    st.lists(_html_text, min_size=1, max_size=4).map("".join),
).map(lambda pair: f"<{pair[0]} title='zzattr'>{pair[1]}</{pair[0]}>")


@settings(max_examples=80, deadline=None)
@given(parts=st.lists(st.one_of(_html_element, _html_text), min_size=1, max_size=8))
def test_generated_html_maps_every_character(parts: list[str]) -> None:
    doc = read("".join(parts) + "<!-- zzcomment -->", "html")
    assert "zzattr" not in all_text(doc)
    assert "zzcomment" not in all_text(doc)


_text_line = st.lists(_WORDS, min_size=1, max_size=14).map(_phrase)


@settings(max_examples=80, deadline=None)
@given(
    lines=st.lists(
        st.tuples(st.sampled_from(["", "- ", "  ", "1. "]), _text_line, st.sampled_from(["", "."])),
        min_size=1,
        max_size=10,
    ),
    newline=_NEWLINES,
)
def test_generated_text_maps_every_character(
    lines: list[tuple[str, str, str]], newline: str
) -> None:
    read(newline.join(a + b + c for a, b, c in lines), "text")


@settings(max_examples=60, deadline=None)
@given(
    source=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
    fmt=st.sampled_from(["text", "markdown", "html"]),
)
def test_any_text_reads_without_error_and_maps_every_character(source: str, fmt: str) -> None:
    read(source, fmt)


# --- Speed -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_readers_are_fast_on_typical_copy(fmt: str) -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)[:10_000]
    read_source("x", source, fmt)  # warm up imports
    rounds = 30
    started = time.perf_counter()
    for _ in range(rounds):
        read_source("x", source, fmt)
    rate = rounds * len(source) / (time.perf_counter() - started)
    assert rate > 2_000_000  # characters per second, with a wide margin for slow CI
