"""Where the quick fixes insert text: after the trigger's block, or above the finding's line."""

from __future__ import annotations

import pytest

from linter.documents import read_source
from linter.lsp.edits import Insertion, disclosure, suppression

NOTE = "This treatment has not been approved by the FDA."


def _apply(source: str, insertion: Insertion | None) -> str:
    assert insertion is not None
    return source[: insertion.offset] + insertion.text + source[insertion.offset :]


def _disclose(source: str, fmt: str, trigger: str, text: str = NOTE) -> str:
    doc = read_source(f"page.{fmt}", source, fmt)
    return _apply(source, disclosure(doc, source.index(trigger), text))


def _suppress(source: str, fmt: str, trigger: str, rule: str = "cure-claim") -> str:
    doc = read_source(f"page.{fmt}", source, fmt)
    return _apply(source, suppression(doc, source.index(trigger), rule))


# --- disclosure: Markdown ------------------------------------------------------


def test_markdown_disclosure_follows_the_whole_paragraph():
    source = "Our stem cell therapy\nis hard-wrapped here.\n\nNext paragraph.\n"
    assert _disclose(source, "markdown", "stem cell") == (
        "Our stem cell therapy\nis hard-wrapped here.\n\n" + NOTE + "\n\nNext paragraph.\n"
    )


def test_markdown_disclosure_goes_after_the_list_not_inside_it():
    source = "- stem cell shots\n- exosomes\n\nMore.\n"
    assert _disclose(source, "markdown", "stem cell") == (
        "- stem cell shots\n- exosomes\n\n" + NOTE + "\n\nMore.\n"
    )


def test_markdown_disclosure_at_the_end_of_a_file_and_with_crlf():
    assert _disclose("Stem cell therapy.", "markdown", "Stem") == ("Stem cell therapy.\n\n" + NOTE)
    assert _disclose("# Stem cells\r\n\r\nText.\r\n", "markdown", "Stem") == (
        "# Stem cells\r\n\r\n" + NOTE + "\r\n\r\nText.\r\n"
    )


def test_front_matter_trigger_gets_the_disclosure_at_the_top_of_the_body():
    source = "---\ntitle: Stem cell clinic\n---\n# Welcome\n"
    assert _disclose(source, "markdown", "Stem") == (
        "---\ntitle: Stem cell clinic\n---\n" + NOTE + "\n\n# Welcome\n"
    )


# --- disclosure: plain text ---------------------------------------------------------


def test_text_disclosure_keeps_the_files_paragraph_style():
    per_line = "Stem cell therapy for knees.\nCall us today.\n"
    assert _disclose(per_line, "text", "Stem") == (
        "Stem cell therapy for knees.\n" + NOTE + "\nCall us today.\n"
    )
    spaced = "Stem cell therapy for knees.\n\nCall us today.\n"
    assert _disclose(spaced, "text", "Stem") == (
        "Stem cell therapy for knees.\n\n" + NOTE + "\n\nCall us today.\n"
    )


# --- disclosure: HTML ---------------------------------------------------------------------


def test_html_disclosure_is_a_new_paragraph_after_the_element():
    source = "<body>\n  <p>Our <b>stem cell</b> therapy<br>works.</p>\n  <p>Next</p>\n</body>\n"
    assert _disclose(source, "html", "stem cell", "Not FDA-approved & <risky>.") == (
        "<body>\n  <p>Our <b>stem cell</b> therapy<br>works.</p>\n"
        "  <p>Not FDA-approved &amp; &lt;risky&gt;.</p>\n  <p>Next</p>\n</body>\n"
    )


@pytest.mark.parametrize(
    ("source", "closer"),
    [
        ("<ul>\n<li>stem cell shots</li>\n<li>more</li>\n</ul>\n<p>End</p>\n", "</ul>"),
        ("<table><tr><td>stem cell</td></tr>\n</table>\n", "</table>"),
        ("<blockquote><p>The stem cell shots fixed me!</p>\n</blockquote>\n", "</blockquote>"),
    ],
)
def test_html_disclosure_goes_after_the_list_table_or_quote(source: str, closer: str):
    result = _disclose(source, "html", "stem cell")
    assert result == source.replace(closer + "\n", closer + f"\n<p>{NOTE}</p>\n", 1)


def test_minified_html_gets_the_paragraph_right_after_the_closing_tag():
    source = "<p>stem cell shots</p><p>Next</p>"
    assert _disclose(source, "html", "stem") == (f"<p>stem cell shots</p><p>{NOTE}</p><p>Next</p>")


def test_html_head_trigger_goes_to_the_top_of_the_body_or_nowhere():
    page = "<html><head><title>Stem cell clinic</title></head>\n<body>\n<p>Hi</p></body></html>"
    assert _disclose(page, "html", "Stem") == page.replace("<body>\n", f"<body>\n<p>{NOTE}</p>\n")
    headless = "<title>Stem cell clinic</title>"
    doc = read_source("page.html", headless, "html")
    assert disclosure(doc, headless.index("Stem"), NOTE) is None


# --- suppression comments ---------------------------------------------------------------


def test_suppression_comment_in_each_syntax():
    assert _suppress("Intro.\n\nIt cures MS.\n", "markdown", "cures") == (
        "Intro.\n\n<!-- healthlint-disable-next-line cure-claim -- reason -->\nIt cures MS.\n"
    )
    assert _suppress("<p>It cures MS.</p>\n", "html", "cures") == (
        "<!-- healthlint-disable-next-line cure-claim -- reason -->\n<p>It cures MS.</p>\n"
    )
    assert _suppress("It cures MS.\r\n", "text", "cures") == (
        "# healthlint-disable-next-line cure-claim -- reason\r\nIt cures MS.\r\n"
    )


def test_suppression_keeps_the_lines_indentation():
    source = "- Item\n  - It cures MS.\n"
    assert _suppress(source, "markdown", "cures") == (
        "- Item\n  <!-- healthlint-disable-next-line cure-claim -- reason -->\n  - It cures MS.\n"
    )


def test_suppression_inside_front_matter_is_a_yaml_comment():
    source = "---\ntitle: It cures MS\n---\nBody.\n"
    assert _suppress(source, "markdown", "cures") == (
        "---\n# healthlint-disable-next-line cure-claim -- reason\ntitle: It cures MS\n---\nBody.\n"
    )
