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
  image: /img/card.jpg
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
    assert "/img/card.jpg" not in fields(parse_front_matter(FRONT)).values()


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


# --- TOML and JSON front matter ------------------------------------------------------

TOML_FRONT = """+++
title = "Stem \\"cells\\" \\u00e9"
description = 'Literal, no escapes: \\n'
lead = \"\"\"
Line one \\
  joined.\"\"\"
draft = false
date = 2024-05-01 10:00:00Z
hero = { title = "Hero title", image = "/img/cure.jpg" }
seo.description = "A dotted key"
slug = "miracle-cure"  # not a copy key

[[faq]]
question = "Does it cure MS?"
answer = "No."

[[faq]]
"question" = 'Is it approved?'
answer = \"\"\"Not by the FDA.\"\"\"
+++
Body
"""


def test_toml_front_matter_between_plus_fences_is_read() -> None:
    front = parse_front_matter(TOML_FRONT)
    assert front.syntax == "toml"
    assert TOML_FRONT[front.body_start :] == "Body\n"
    assert fields(front) == {
        "title": 'Stem "cells" \u00e9',
        "description": "Literal, no escapes: \\n",
        "lead": "Line one joined.",
        "hero.title": "Hero title",
        "seo.description": "A dotted key",
        "faq[0].question": "Does it cure MS?",
        "faq[0].answer": "No.",
        "faq[1].question": "Is it approved?",
        "faq[1].answer": "Not by the FDA.",
    }


def test_toml_values_come_from_tomllib_with_their_types() -> None:
    values = parse_front_matter(TOML_FRONT).values
    assert values["draft"] is False
    assert values["slug"] == "miracle-cure"
    assert values["faq"] == [
        {"question": "Does it cure MS?", "answer": "No."},
        {"question": "Is it approved?", "answer": "Not by the FDA."},
    ]


def test_toml_field_text_maps_to_the_source_inside_the_delimiters() -> None:
    front = parse_front_matter(TOML_FRONT)
    got = spans(TOML_FRONT, front)
    assert got["title"] == 'Stem \\"cells\\" \\u00e9'
    assert got["lead"] == "Line one \\\n  joined."
    assert got["faq[1].question"] == "Is it approved?"
    assert got["faq[1].answer"] == "Not by the FDA."
    (title,) = [b for b in front.fields if b.name == "title"]
    accent = title.text.index("\u00e9")
    assert TOML_FRONT[slice(*title.source_span(accent, accent + 1))] == "\\u00e9"


JSON_FRONT = """{
  "title": "A \\"miracle\\" \\u00e9 \\ud83d\\ude00",
  "image": "/img/cure.jpg",
  "faq": [
    {"question": "Does it cure MS?", "answer": "No.\\nNot at all."},
    {"question": "Is it approved?"}
  ],
  "keyPoints": ["Point one", "Point two"],
  "weight": 3
}
Body
"""


def test_json_front_matter_is_an_object_whose_closing_brace_stands_alone() -> None:
    front = parse_front_matter(JSON_FRONT)
    assert front.syntax == "json"
    assert JSON_FRONT[front.body_start :] == "Body\n"
    assert fields(front) == {
        "title": 'A "miracle" \u00e9 \U0001f600',
        "faq[0].question": "Does it cure MS?",
        "faq[0].answer": "No. Not at all.",
        "faq[1].question": "Is it approved?",
        "keyPoints[0]": "Point one",
        "keyPoints[1]": "Point two",
    }
    assert front.values["weight"] == 3


def test_json_escapes_map_to_their_whole_sequence_a_surrogate_pair_as_one() -> None:
    front = parse_front_matter(JSON_FRONT)
    (title,) = [b for b in front.fields if b.name == "title"]
    emoji = title.text.index("\U0001f600")
    assert JSON_FRONT[slice(*title.source_span(emoji, emoji + 1))] == "\\ud83d\\ude00"
    assert spans(JSON_FRONT, front)["title"] == 'A \\"miracle\\" \\u00e9 \\ud83d\\ude00'


@pytest.mark.parametrize(
    "source",
    [
        '+++\ntitle = "never closed\n+++\nBody\n',
        "+++\ntitle = \n+++\nBody\n",
        "+++\ntitle = 'x'\n\nBody without a closing fence\n",
        '{\n  "title": "trailing comma",\n}\nBody\n',
        '{\n  "title": "never closed\n}\nBody\n',
        '{"title": "all on one line"}\nBody\n',
        '{\n  "title": "x"\n} trailing text\nBody\n',
        '[\n  "a list"\n]\nBody\n',
    ],
    ids=[
        "toml-unclosed-string",
        "toml-missing-value",
        "toml-unclosed-fence",
        "json-trailing-comma",
        "json-unclosed-string",
        "json-one-line",
        "json-text-after-brace",
        "json-not-an-object",
    ],
)
def test_broken_toml_or_json_front_matter_leaves_the_whole_file_as_body(source: str) -> None:
    assert parse_front_matter(source) == FrontMatter()


# --- Nested YAML, list items and configured paths --------------------------------------

NESTED = """---
title: Clinic
faq:
  - question: Does it cure MS?
    answer: >
      No treatment
      cures MS.
  - question: 'Is it ''approved''?'
    answer: "Not \\"yet\\"."
keyPoints: [Fast, "Safe"]
highlights:
  - First highlight
  - Second
    continued
hero:
  title: |
    Line one
    line two
  image: /img/miracle.jpg
gallery:
  - src: /img/not-copy.jpg
tags: [a, b]
---
"""


def test_each_list_item_of_copy_is_a_block_named_by_its_path() -> None:
    front = parse_front_matter(NESTED)
    assert [b.name for b in front.fields] == [
        "title",
        "faq[0].question",
        "faq[0].answer",
        "faq[1].question",
        "faq[1].answer",
        "keyPoints[0]",
        "keyPoints[1]",
        "highlights[0]",
        "highlights[1]",
        "hero.title",
    ]
    got = fields(front)
    assert got["faq[0].answer"] == "No treatment cures MS."
    assert got["faq[1].question"] == "Is it 'approved'?"
    assert got["faq[1].answer"] == 'Not "yet".'
    assert got["highlights[1]"] == "Second continued"
    assert got["hero.title"] == "Line one line two"


def test_nested_yaml_fields_map_to_the_source_without_their_quotes() -> None:
    got = spans(NESTED, parse_front_matter(NESTED))
    assert got["faq[0].answer"] == "No treatment\n      cures MS."
    assert got["faq[1].question"] == "Is it ''approved''?"
    assert got["faq[1].answer"] == 'Not \\"yet\\".'
    assert got["keyPoints[1]"] == "Safe"


def test_nested_values_are_kept_as_lists_and_mappings() -> None:
    values = parse_front_matter(NESTED).values
    assert values["hero"] == {"title": "Line one\nline two\n", "image": "/img/miracle.jpg"}
    assert values["keyPoints"] == ["Fast", "Safe"]
    assert values["tags"] == ["a", "b"]


def test_a_plain_name_is_a_top_level_key_and_a_path_is_exactly_that_path() -> None:
    source = "---\nquestion: Top\nfaq:\n  - question: Nested\n    title: Deep title\n---\n"
    assert fields(parse_front_matter(source, frozenset({"question"}))) == {"question": "Top"}
    assert fields(parse_front_matter(source, frozenset({"faq[].question"}))) == {
        "faq[0].question": "Nested"
    }
    assert fields(parse_front_matter(source, frozenset({"faq[]"}))) == {}  # mappings, no text


def test_a_call_to_action_block_is_copy_by_default() -> None:
    from linter.documents.reading import FRONT_MATTER_KEYS

    source = (
        "---\ntitle: Knees\ncta:\n  title: Looking for help?\n"
        "  description: A consultation can help.\n  image: /cta.webp\n---\nBody\n"
    )
    assert fields(parse_front_matter(source, FRONT_MATTER_KEYS)) == {
        "title": "Knees",
        "cta.title": "Looking for help?",
        "cta.description": "A consultation can help.",
    }


def test_a_pages_selling_points_are_copy_by_default() -> None:
    """Themes keep the pitch under its own names: a unique selling point, why to
    choose the practice, an overview, a practitioner's bio."""
    from linter.documents.reading import FRONT_MATTER_KEYS

    source = (
        "---\nusp: A physician-led evaluation for MS.\nwhyChoose: Affordable injections.\n"
        "team:\n  - name: Dr. Lee\n    bio: She treats knees with PRP.\n"
        "overview: PRP in one visit.\nimage: /hero.webp\nwhyImage: /why.webp\n"
        "about: /about-us/\n---\nBody\n"
    )
    assert fields(parse_front_matter(source, FRONT_MATTER_KEYS)) == {
        "usp": "A physician-led evaluation for MS.",
        "whyChoose": "Affordable injections.",
        "team[0].bio": "She treats knees with PRP.",
        "overview": "PRP in one visit.",
    }


# Copy themes keep as data: a price list (Hugo, Jekyll) is on the page, so rules
# about prices must see it; a CMS page builder (Forestry, CloudCannon) keeps a whole
# page's copy as a list of blocks, each with its content.
THEME_DATA = {
    "price list": (
        '+++\ntitle = "IV Drips"\n[[list_of_prices]]\nprice = "$659"\n'
        'service_name = "NAD+ drip"\n[[list_of_prices]]\nprice = "$1,200.00"\n+++\nBody\n',
        {
            "title": "IV Drips",
            "list_of_prices[0].price": "$659",
            "list_of_prices[1].price": "$1,200.00",
        },
    ),
    "page builder": (
        "---\ntitle: Services\nbuilder:\n  - type: content\n"
        "    content: We find the cause, not the symptom.\n  - type: image\n"
        "    src: /a.jpg\n---\n",
        {
            "title": "Services",
            "builder[0].content": "We find the cause, not the symptom.",
        },
    ),
}


@pytest.mark.parametrize("kind", THEME_DATA)
def test_copy_themes_keep_as_data_is_read_by_default(kind: str) -> None:
    from linter.documents.reading import FRONT_MATTER_KEYS

    source, expected = THEME_DATA[kind]
    assert fields(parse_front_matter(source, FRONT_MATTER_KEYS)) == expected


def test_faq_pairs_under_short_keys_are_copy_by_default() -> None:
    from linter.documents.reading import FRONT_MATTER_KEYS

    source = (
        "---\nfaqs:\n  - q: Is it covered?\n    a: Call us to book.\n    icon: help\n"
        "faq:\n  - q: How long?\n    a: An hour.\n---\nBody\n"
    )
    assert fields(parse_front_matter(source, FRONT_MATTER_KEYS)) == {
        "faqs[0].q": "Is it covered?",
        "faqs[0].a": "Call us to book.",
        "faq[0].q": "How long?",
        "faq[0].a": "An hour.",
    }


def test_a_page_without_nested_copy_never_imports_yaml() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from linter.documents.frontmatter import parse_front_matter\n"
        "f = parse_front_matter('---\\ntitle: T\\ntags:\\n  - a\\nsocial:\\n  x: y\\n---\\n')\n"
        "assert f.fields, f\n"
        "print('yaml' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_nested_yaml_that_pyyaml_rejects_keeps_the_flat_fields() -> None:
    source = "---\ntitle: Kept\nfaq:\n  - question: [unclosed\n---\nBody\n"
    front = parse_front_matter(source)
    assert fields(front) == {"title": "Kept"}
    assert source[front.body_start :] == "Body\n"


# --- A value's quotes are delimiters, never quotation ------------------------------------

MIRACLE = """
rules:
  - id: hype
    severity: warning
    message: hype
    check: 'find "miracle" unless quoted'
"""


@pytest.mark.parametrize(
    "page",
    [
        '---\ntitle: "A miracle therapy"\n---\nBody.\n',
        "---\ntitle: 'A miracle therapy'\n---\nBody.\n",
        '+++\ntitle = "A miracle therapy"\n+++\nBody.\n',
        "+++\ntitle = 'A miracle therapy'\n+++\nBody.\n",
        '{\n  "title": "A miracle therapy"\n}\nBody.\n',
        '---\nfaq:\n  - answer: "A miracle therapy"\n---\nBody.\n',
    ],
    ids=["yaml-double", "yaml-single", "toml-basic", "toml-literal", "json", "yaml-nested"],
)
def test_a_quoted_front_matter_value_is_not_quoted_copy(page: str, write_policy) -> None:
    from linter.documents import read_document
    from linter.engine.analysis import lint_document
    from linter.policy import load_policies

    policy = load_policies([write_policy(MIRACLE)])
    doc = read_document("page.md", page.encode(), "markdown")
    (field,) = [b for b in doc.blocks if b.kind == "field"]
    assert field.text == "A miracle therapy"
    found = lint_document(doc, policy)
    line = page[: page.index("miracle")].count("\n") + 1
    assert [(f.rule, f.line, f.match) for f in found] == [("hype", line, "miracle")]


# --- copy-keys in the configuration ------------------------------------------------------

CONFIGURED = """---
title: The title
bullets:
  - First bullet
faq:
  - question: A question
    answer: An answer
cta:
  label: Book now
---
"""


def configured_fields(tmp_path, config: str, overrides: tuple[int, ...] = ()) -> list[str]:
    from linter.config.files import load_config

    path = tmp_path / ".healthlint.yaml"
    path.write_text(config, encoding="utf-8")
    _, _, front_keys = load_config(str(path)).copy_names(overrides)
    return [b.name or "" for b in parse_front_matter(CONFIGURED, front_keys).fields]


def test_configured_paths_with_the_ellipsis_add_to_the_front_matter_defaults(tmp_path) -> None:
    config = 'copy-keys: ["...", "bullets[]", "cta.label"]\n'
    assert configured_fields(tmp_path, config) == [
        "title",
        "bullets[0]",
        "faq[0].question",
        "faq[0].answer",
        "cta.label",
    ]


def test_configured_paths_without_the_ellipsis_replace_the_defaults(tmp_path) -> None:
    config = 'copy-keys: ["faq[].answer", "question"]\n'  # a plain name is top-level only
    assert configured_fields(tmp_path, config) == ["faq[0].answer"]


def test_an_override_adds_paths_for_its_files(tmp_path) -> None:
    config = 'overrides:\n  - paths: ["landing/**"]\n    copy-keys: ["...", "CTA.Label"]\n'
    assert configured_fields(tmp_path, config) == [
        "title",
        "faq[0].question",
        "faq[0].answer",
    ]
    assert configured_fields(tmp_path, config, (0,))[-1] == "cta.label"


@pytest.mark.parametrize("entry", ["faq[.answer", "faq..answer", "faq[0].answer", ".title"])
def test_a_copy_key_that_is_neither_a_name_nor_a_path_is_a_config_error(
    tmp_path, entry: str
) -> None:
    from linter.common.errors import ConfigError
    from linter.config.files import load_config

    path = tmp_path / ".healthlint.yaml"
    path.write_text(f'copy-keys: ["...", "{entry}"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="neither a name nor a path") as caught:
        load_config(str(path))
    assert (caught.value.line, caught.value.column) == (1, 20)  # the entry's opening quote


PARAGRAPHED_FAQ = """---
faq:
  - question: What is PRP?
    answer:
      - text: Platelets from your own blood.
      - text: It cures arthritis.
  - question: Is it safe?
    answer:
      - Most patients return to work the next day.
---
"""


def test_an_faq_answer_written_as_a_list_of_paragraphs_is_copy_by_default() -> None:
    """Themes write a long answer as a list of paragraphs, plain or as ``text:`` items."""
    front = parse_front_matter(PARAGRAPHED_FAQ)
    got = fields(front)
    assert got["faq[0].answer[1].text"] == "It cures arthritis."
    assert got["faq[1].answer[0]"] == "Most patients return to work the next day."
    assert spans(PARAGRAPHED_FAQ, front)["faq[0].answer[1].text"] == "It cures arthritis."


WILD = """---
title: Clinic
long_description: Our drip cures fatigue.
services:
  - name: PRP
    body_text: PRP regrows cartilage.
    icon: fa-knee
gallery:
  - src: /img/a.jpg
    caption: Before and after
tags: [knee, hip]
---
"""


def test_keys_named_for_copy_are_read_at_any_depth_by_default() -> None:
    """Themes name copy freely (long_description, body_text): a name ending in a word for
    copy is read wherever it sits; other keys (name, icon, src, tags) are not."""
    front = parse_front_matter(WILD)
    assert [b.name for b in front.fields] == [
        "title",
        "long_description",
        "services[0].body_text",
        "gallery[0].caption",
    ]
    assert spans(WILD, front)["services[0].body_text"] == "PRP regrows cartilage."


def test_a_wildcard_path_matches_any_characters_and_any_depth() -> None:
    front = parse_front_matter(WILD, frozenset({"*_text", "**.name"}))
    assert [b.name for b in front.fields] == ["services[0].name"]
    front = parse_front_matter(WILD, frozenset({"**.*_text", "long_*"}))
    assert [b.name for b in front.fields] == ["long_description", "services[0].body_text"]


def test_nested_values_without_a_copy_name_are_not_parsed() -> None:
    """``**`` paths lead into a nested value only when a key there could match."""
    front = parse_front_matter("---\ntitle: T\ntags:\n  - a\nsocial:\n  image: x.jpg\n---\n")
    assert front.values["social"] is None
