"""Position fidelity: every finding's line/column range slices the original file
to exactly the text it reports, whatever the markup, entities, line endings
or non-ASCII text around it."""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.documents import read_document
from linter.documents.model import line_starts, matching_form
from linter.engine.analysis import lint_document
from linter.policy import load_policies

POLICY = """
rules:
  - id: claim
    severity: error
    message: "{{ match }}"
    check: 'find "cure*" or "miracle" or "stem cell" or "halt* progression"'
"""
TARGETS = ["cures", "Cure", "miracle", "MIRACLE", "stem cell", "stem-cell", "halts progression"]
WORDS = [
    "the",
    "therapy",
    "é",
    "naïve",
    "😀",
    "中文",
    "Dr.",
    "patients",
    "“quoted”",
    "it’s",
    "5%",
    "$2,500",
]

word = st.sampled_from(WORDS)
target = st.sampled_from(TARGETS)


def _md_piece(text: str, style: int) -> str:
    return [text, f"**{text}**", f"_{text}_", f"[{text}](https://x.test/a_b)", text][style]


def _html_piece(text: str, style: int) -> str:
    escaped = html.escape(text, quote=False)
    return [
        escaped,
        f"<b>{escaped}</b>",
        f'<a href="/x">{escaped}</a>',
        f"<span>{escaped}</span> &amp;",
        escaped,
    ][style]


def _jsx_piece(text: str, style: int) -> str:
    escaped = html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")
    return [
        escaped,
        f"<strong>{escaped}</strong>",
        f'<a href="/x" className="cure-link">{escaped}</a>',
        f'{{"{text}"}}' if '"' not in text and "\\" not in text else escaped,
        f"<span>{escaped}</span> &amp;",
    ][style]


def _js_string(text: str) -> str:
    """A JS string literal of ``text``, with some characters escaped."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("é", "\\u00e9")
    return f'"{out}"'


@st.composite
def scripts(draw, fmt: str) -> tuple[str, str]:
    """A component (tsx), a message file (json) or an MDX page, and the copy in it."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    paragraphs = []
    copy = []
    for _ in range(draw(st.integers(1, 4))):
        words = [draw(st.one_of(word, target)) for _ in range(draw(st.integers(1, 8)))]
        copy.append(" ".join(words))
        if fmt == "tsx":
            pieces = [_jsx_piece(w, draw(st.integers(0, 4))) for w in words]
            body = " ".join(pieces) + "."
            paragraphs.append(f'    <p className="miracle">{eol}      {body}{eol}    </p>')
        elif fmt == "mdx":
            pieces = [
                f"<Mark>{w}</Mark>"
                if draw(st.booleans())
                else _md_piece(w, draw(st.integers(0, 4)))
                for w in words
            ]
            paragraphs.append(" ".join(pieces) + ".")
        else:
            key = draw(st.sampled_from(["answer", "title", "summary"]))
            paragraphs.append(f'  "{key}": {_js_string(" ".join(words) + ".")}')
    if fmt == "tsx":
        inner = eol.join(paragraphs)
        source = (
            f'import x from "./cure-miracle";{eol}export default function P() {{{eol}'
            f'  console.log("miracle cure");{eol}  return ({eol}  <main>{eol}{inner}{eol}'
            f"  </main>);{eol}}}{eol}"
        )
    elif fmt == "mdx":
        body = (eol * 2).join(paragraphs)
        source = f'import {{ Mark }} from "./miracle";{eol}{eol}{body}{eol}'
    else:
        source = "{" + eol + ("," + eol).join(paragraphs) + eol + "}" + eol
    return source, "\n".join(copy)


@st.composite
def documents(draw, fmt: str) -> str:
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        pieces = []
        for _ in range(draw(st.integers(1, 12))):
            text = draw(st.one_of(word, target))
            style = draw(st.integers(0, 4))
            if fmt == "markdown":
                text = _md_piece(text, style)
            elif fmt in ("html", "markdown-html"):
                text = _html_piece(text, style)
            pieces.append(text)
            pieces.append(eol if draw(st.integers(0, 5)) == 0 else " ")  # hard wraps
        body = "".join(pieces).strip(" \r\n") + "."
        if fmt == "html":
            body = f"<p>{body}</p>"
        elif fmt == "markdown-html":
            # Markdown with raw HTML: an HTML block, or HTML tags inline in a paragraph.
            if draw(st.booleans()):
                tag = draw(st.sampled_from(["p", "h2", "li"]))
                body = f'<div class="c">{eol}<{tag}>{body}</{tag}>{eol}</div>'
        elif fmt == "markdown" and draw(st.booleans()):
            body = draw(st.sampled_from(["# ", "- ", "> "])) + body
        paragraphs.append(body)
    return (eol * 2).join(paragraphs) + eol


def _yaml_value(text: str, style: int) -> str:
    """A YAML scalar of ``text``: plain, double-quoted with escapes, or single-quoted."""
    if style == 0:
        return text
    if style == 1:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("é", "\\u00e9")
        return f'"{escaped}"'
    return "'" + text.replace("'", "''") + "'"


def _toml_value(text: str, style: int) -> str:
    """A TOML string of ``text``: basic with escapes, literal, or multi-line basic."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("é", "\\u00e9")
    if style == 0 or "'" in text:
        return f'"{escaped}"'
    if style == 1:
        return f"'{text}'"
    return f'"""{escaped}"""'


def _json_value(text: str, style: int) -> str:
    """A JSON string of ``text``, some characters escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if style:
        escaped = escaped.replace("é", "\\u00e9").replace("😀", "\\ud83d\\ude00")
    return f'"{escaped}"'


@st.composite
def front_matter_pages(draw, syntax: str) -> tuple[str, str]:
    """A Markdown page whose front matter (YAML, TOML or JSON) holds a title, a
    list of FAQ question/answer pairs and a list of key points; and its copy."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    copy: list[str] = []

    def value() -> str:
        words = [draw(st.one_of(word, target)) for _ in range(draw(st.integers(1, 6)))]
        text = " ".join(words) + "."
        copy.append(text)
        style = draw(st.integers(0, 2))
        return {"yaml": _yaml_value, "toml": _toml_value, "json": _json_value}[syntax](text, style)

    title = value()
    faq = [(value(), value()) for _ in range(draw(st.integers(0, 3)))]
    points = [value() for _ in range(draw(st.integers(0, 3)))]
    image = "/img/miracle-cure.jpg"  # not a copy key: never read
    if syntax == "yaml":
        lines = ["---", f"title: {title}", f"image: {image}"]
        if faq:
            lines.append("faq:")
            for q, a in faq:
                lines += [f"  - question: {q}", f"    answer: {a}"]
        if points:
            lines += ["keyPoints:", *(f"  - {p}" for p in points)]
        lines.append("---")
    elif syntax == "toml":
        lines = ["+++", f"title = {title}", f'image = "{image}"']
        if points:
            lines.append(f"keyPoints = [{eol}  " + f",{eol}  ".join(points) + f",{eol}]")
        for q, a in faq:
            lines += ["[[faq]]", f"question = {q}", f"answer = {a}"]
        lines.append("+++")
    else:
        items = [f'{{"question": {q}, "answer": {a}}}' for q, a in faq]
        lines = [
            "{",
            f'  "title": {title},',
            f'  "image": "{image}",',
            f'  "faq": [{", ".join(items)}],',
            f'  "keyPoints": [{", ".join(points)}]',
            "}",
        ]
    body = draw(documents("markdown"))
    return eol.join(lines) + eol + body, "\n".join([*copy, body])


def _slice(source: str, line: int, column: int, end_line: int, end_column: int) -> str:
    starts = line_starts(source)
    return source[starts[line - 1] + column - 1 : starts[end_line - 1] + end_column - 1]


def _normal(text: str) -> str:
    return " ".join(matching_form(html.unescape(text)).lower().replace("-", " ").split())


def _check(fmt: str, suffix: str, source: str, policy, copy: str | None = None) -> None:
    """``copy`` is the text that is copy, when the source holds code around it."""
    doc = read_document(f"page.{suffix}", source.encode("utf-8"), fmt)
    findings = lint_document(doc, policy)
    expected = sum(
        _normal(copy if copy is not None else source).count(t)
        for t in ("cure", "miracle", "stem cell", "halts progression")
    )
    assert len(findings) == expected
    for f in findings:
        sliced = _slice(source, f.line, f.column, f.end_line, f.end_column)
        assert " ".join(sliced.split()) == f.match
        assert _normal(f.match) in {"cures", "cure", "miracle", "stem cell", "halts progression"}


_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_settings
@given(source=documents("markdown"))
def test_markdown_positions_slice_to_the_match(source, write_policy):
    _check("markdown", "md", source, load_policies([write_policy(POLICY)]))


@_settings
@given(source=documents("markdown-html"))
def test_markdown_with_raw_html_positions_slice_to_the_match(source, write_policy):
    _check("markdown", "md", source, load_policies([write_policy(POLICY)]))


@_settings
@given(case=st.sampled_from(["yaml", "toml", "json"]).flatmap(front_matter_pages))
def test_front_matter_positions_slice_to_the_match(case, write_policy):
    source, copy = case
    _check("markdown", "md", source, load_policies([write_policy(POLICY)]), copy)


@_settings
@given(source=documents("html"))
def test_html_positions_slice_to_the_match(source, write_policy):
    _check("html", "html", source, load_policies([write_policy(POLICY)]))


@_settings
@given(source=documents("text"))
def test_text_positions_slice_to_the_match(source, write_policy):
    _check("text", "txt", source, load_policies([write_policy(POLICY)]))


@_settings
@given(case=scripts("tsx"))
def test_tsx_positions_slice_to_the_match(case, write_policy):
    source, copy = case
    _check("tsx", "tsx", source, load_policies([write_policy(POLICY)]), copy)


@_settings
@given(case=scripts("json"))
def test_message_file_positions_slice_to_the_match(case, write_policy):
    source, copy = case
    _check("json", "json", source, load_policies([write_policy(POLICY)]), copy)


@_settings
@given(case=scripts("mdx"))
def test_mdx_positions_slice_to_the_match(case, write_policy):
    source, copy = case
    _check("mdx", "mdx", source, load_policies([write_policy(POLICY)]), copy)


def test_entity_inside_a_match_still_points_into_the_source(write_policy):
    policy = load_policies([write_policy(POLICY)])
    source = "<p>A mir&#97;cle &amp; a cure.</p>\r\n"
    doc = read_document("a.html", source.encode(), "html")
    found = [(f.line, f.column, f.end_column, f.match) for f in lint_document(doc, policy)]
    assert found == [(1, 6, 17, "mir&#97;cle"), (1, 26, 30, "cure")]
