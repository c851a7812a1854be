"""Specification of front-matter parsing (linter/documents/frontmatter.py)."""

from __future__ import annotations

import pytest

from linter.documents.frontmatter import FrontMatter, parse_front_matter


def fields(front: FrontMatter) -> dict[str, str]:
    return {block.name or "": block.text for block in front.fields}


def spans(source: str, front: FrontMatter) -> dict[str, str]:
    """Each field's whole text mapped back to its source stretch."""
    return {
        block.name or "": source[slice(*block.source_span(0, len(block.text)))]
        for block in front.fields
    }


# --- Where front matter is, and is not ------------------------------------------


def test_a_leading_dashes_block_is_front_matter_and_the_body_follows_it() -> None:
    source = "---\ntitle: Hello\n---\nBody\n"
    front = parse_front_matter(source)
    assert front.values == {"title": "Hello"}
    assert source[front.body_start :] == "Body\n"


@pytest.mark.parametrize(
    "source",
    [
        "Body only\n",
        "---\ntitle: Never closed\n\nBody\n",
        "---",
        "----\ntitle: x\n----\n",
        "\n---\ntitle: x\n---\n",
        "---\nWelcome to our clinic. We offer: care\n---\n",
        "---\n- a list\n---\n",
    ],
    ids=["none", "unclosed", "bare-dashes", "four-dashes", "not-first-line", "prose", "list"],
)
def test_what_is_not_front_matter(source: str) -> None:
    assert parse_front_matter(source) == FrontMatter()


def test_the_closing_line_may_be_dots_and_lines_may_have_trailing_spaces() -> None:
    source = "---  \ntitle: T\n...\t\nBody"
    front = parse_front_matter(source)
    assert fields(front) == {"title": "T"}
    assert source[front.body_start :] == "Body"


def test_empty_front_matter_is_still_front_matter() -> None:
    front = parse_front_matter("---\n---\nBody")
    assert front.values == {}
    assert front.body_start == 8


def test_front_matter_at_the_very_end_of_the_file() -> None:
    source = "---\ntitle: T\n---"
    assert parse_front_matter(source).body_start == len(source)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_front_matter(newline: str) -> None:
    source = newline.join(
        ["---", "title: Stem cells", "description: >", "  Two", "  lines", "---", "B"]
    )
    front = parse_front_matter(source)
    assert fields(front) == {"title": "Stem cells", "description": "Two lines"}
    assert spans(source, front)["description"] == f"Two{newline}  lines"
    assert source[front.body_start :] == "B"


# --- Which keys are copy -------------------------------------------------------------

FRONT = """---
templateKey: blog-post
title: Plain title
Description: 'Single ''quoted'''
summary: "Double \\"quoted\\" \\\\ \\u00e9"
excerpt: |
  Literal line one
  line two
subtitle: >-
  Folded
  text
featuredimage: /img/cure.jpg
path: cure-ms
social:
  title: Nested title no copy path names is skipped
tags:
- remission
- "halts MS"
categories: [one, "two"]
draft: false
empty:
---
"""


def test_copy_keys_become_field_blocks_in_order() -> None:
    front = parse_front_matter(FRONT)
    assert [(b.kind, b.name) for b in front.fields] == [
        ("field", "title"),
        ("field", "Description"),
        ("field", "summary"),
        ("field", "excerpt"),
        ("field", "subtitle"),
    ]
    assert fields(front) == {
        "title": "Plain title",
        "Description": "Single 'quoted'",
        "summary": 'Double "quoted" \\ \u00e9',
        "excerpt": "Literal line one line two",
        "subtitle": "Folded text",
    }


def test_every_top_level_key_is_kept_with_a_plain_value() -> None:
    values = parse_front_matter(FRONT).values
    assert values["templateKey"] == "blog-post"
    assert values["featuredimage"] == "/img/cure.jpg"
    assert values["excerpt"] == "Literal line one\nline two"
    assert values["tags"] == ["remission", "halts MS"]
    assert values["categories"] == ["one", "two"]
    assert values["draft"] == "false"
    assert values["social"] is None  # nested values no copy path reaches are not parsed
    assert values["empty"] is None
    assert "Nested title no copy path names is skipped" not in fields(parse_front_matter(FRONT)).values()


def test_field_text_maps_to_the_value_inside_the_quotes() -> None:
    front = parse_front_matter(FRONT)
    got = spans(FRONT, front)
    assert got["title"] == "Plain title"
    assert got["Description"] == "Single ''quoted''"
    assert got["summary"] == 'Double \\"quoted\\" \\\\ \\u00e9'


def test_each_escape_maps_to_its_own_source_characters() -> None:
    source = '---\ntitle: "say \\"hi\\""\n---\n'
    (block,) = parse_front_matter(source).fields
    assert block.text == 'say "hi"'
    quote = block.text.index('"')
    assert source[slice(*block.source_span(quote, quote + 1))] == '\\"'
    h = block.text.index("h")
    assert source[slice(*block.source_span(h, h + 2))] == "hi"


def test_plain_values_stop_at_a_comment_and_continue_on_indented_lines() -> None:
    source = "---\ndescription: Stem cells #1 choice\nsummary: Long text\n  goes on\n---\n"
    front = parse_front_matter(source)
    assert fields(front) == {"description": "Stem cells", "summary": "Long text goes on"}


def test_quoted_values_may_span_lines() -> None:
    source = '---\ntitle: "First line\n  second line"\nother: x\n---\n'
    front = parse_front_matter(source)
    assert fields(front) == {"title": "First line second line"}
    assert front.values["other"] == "x"


def test_an_unclosed_quote_is_read_as_plain_text() -> None:
    front = parse_front_matter('---\ntitle: "Unclosed\n---\n')
    assert fields(front) == {"title": '"Unclosed'}


def test_an_empty_copy_value_makes_no_block() -> None:
    front = parse_front_matter("---\ntitle: ''\ndescription:\n---\n")
    assert front.fields == []
    assert front.values == {"title": "", "description": None}
