"""Where a quick fix inserts its text: a disclosure, or a suppression comment.

Both fixes only ever insert new lines or elements next to the copy; they
never touch the words of a claim. Offsets are character offsets into the
document's source; the server turns them into LSP positions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from linter.common.errors import PolicyError
from linter.documents.frontmatter import parse_front_matter
from linter.documents.model import Block, Document
from linter.lsp.positions import LineIndex
from linter.policy.messages import render
from linter.policy.model import Rule
from linter.results.suppressions import PLACEHOLDER_REASON

SUPPRESS_DIRECTIVE = "healthlint-disable-next-line"
REASON_PLACEHOLDER = PLACEHOLDER_REASON  # a waiver with it waives nothing until replaced

_LINE_END = re.compile(r"\r\n|\r|\n")
_INDENT = re.compile(r"[ \t]*")
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)
_BODY_CLOSE = re.compile(r"</body\s*>", re.I)
_HTML_BLOCK_CLOSER = re.compile(
    r"</(?:p|h[1-6]|div|section|article|header|footer|main|aside|address|figure|"
    r"figcaption|caption|details|summary|dd|dt|li|blockquote|table)\s*>",
    re.I,
)
# Items, cells and quotes: the new <p> goes after the whole list, table or
# quote (a disclosure inside a patient's quote would read as their words).
_HTML_CONTAINER_CLOSERS = {
    "list_item": re.compile(r"</(?:ul|ol|menu|dl)\s*>", re.I),
    "table_cell": re.compile(r"</table\s*>", re.I),
    "quote": re.compile(r"</blockquote\s*>", re.I),
}


@dataclass(slots=True, frozen=True)
class Insertion:
    """Text to insert at a character offset of the source."""

    offset: int
    text: str


def line_ending(source: str) -> str:
    """The document's own line ending (its first), LF when it has none."""
    found = _LINE_END.search(source)
    return found.group() if found else "\n"


def _span(block: Block) -> tuple[int, int]:
    return (
        min(p.source_start for p in block.pieces),
        max(p.source_start + p.source_len for p in block.pieces),
    )


def block_at(doc: Document, offset: int) -> Block | None:
    """The block whose source span holds ``offset``."""
    for block in doc.blocks:
        start, end = _span(block)
        if start <= offset < end:
            return block
    return None


def disclosure(doc: Document, offset: int, text: str) -> Insertion | None:
    """Insert ``text`` as a new paragraph after the block holding ``offset``.

    Markdown: after the paragraph (up to the next blank line), so the
    disclosure never joins the claim's paragraph or list. Plain text: on a
    line of its own after the block, behind a blank line when the block is
    followed by one (or ends the file). HTML: a new ``<p>`` after the element.
    Front-matter fields get it at the top of the body. None when there is no
    sensible place (a ``<title>`` of a page without ``<body>``).
    """
    block = block_at(doc, offset)
    kind, block_end = (block.kind, _span(block)[1]) if block else ("paragraph", offset)
    lines = LineIndex(doc.source)
    nl = line_ending(doc.source)
    if doc.format == "html":
        return _html_disclosure(doc.source, lines, kind, block_end, text, nl)
    if kind == "field":
        return Insertion(parse_front_matter(doc.source).body_start, text + nl + nl)
    line = lines.line_of(max(block_end - 1, 0))
    count = len(lines.starts)
    if doc.format == "markdown":
        while line + 1 < count and lines.line_text(line + 1).strip():
            line += 1
        return Insertion(lines.line_end(line), nl + nl + text)
    # Plain text: a short line may read as a heading block although its sentence
    # is hard-wrapped onto the next line; go on to where the sentence ends.
    while (
        line + 1 < count
        and lines.line_text(line + 1).strip()
        and not _SENTENCE_END.search(lines.line_text(line))
    ):
        line += 1
    blank_after = line + 1 >= count or not lines.line_text(line + 1).strip()
    return Insertion(lines.line_end(line), (nl + nl if blank_after else nl) + text)


#: A line that ends a sentence: terminal punctuation, perhaps behind closing quotes.
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*\s*$")


def suggested_text(rule: Rule | None, match: str) -> str:
    """The rule's suggestion with ``{{ match }}`` filled in; empty when it has none."""
    if rule is None or not rule.suggestion:
        return ""
    try:
        return render(rule.suggestion, {"match": match, "rule": rule.id}).strip()
    except PolicyError:
        return ""


def disclosure_fix(doc: Document, offset: int, rule: Rule | None, match: str) -> Insertion | None:
    """The quick fix for a require rule's finding at ``offset``: its suggestion, inserted.

    None for other rules, rules without a suggestion, and when there is no
    sensible place. The language server's code action and ``check --fix``
    both take their edit from here.
    """
    if rule is None or rule.shape != "require":
        return None
    text = suggested_text(rule, match)
    return disclosure(doc, offset, text) if text else None


def apply_insertions(source: str, insertions: list[Insertion]) -> str:
    """``source`` with every insertion made; the same text at the same place only once.

    Insertions at one offset keep their given order.
    """
    unique = list(dict.fromkeys((i.offset, i.text) for i in insertions))
    order = sorted(range(len(unique)), key=lambda k: unique[k][0])
    out: list[str] = []
    at = 0
    for k in order:
        offset, text = unique[k]
        out.append(source[at:offset])
        out.append(text)
        at = offset
    out.append(source[at:])
    return "".join(out)


def _html_disclosure(
    source: str, lines: LineIndex, kind: str, block_end: int, text: str, nl: str
) -> Insertion | None:
    paragraph = f"<p>{html.escape(text, quote=False)}</p>"
    if kind in ("title", "meta", "field"):  # in <head> or front matter: start the body
        body = _BODY_OPEN.search(source)
        return _after_tag(source, lines, body.end(), paragraph, nl) if body else None
    closer = None
    if kind in _HTML_CONTAINER_CLOSERS:
        closer = _HTML_CONTAINER_CLOSERS[kind].search(source, block_end)
    closer = closer or _HTML_BLOCK_CLOSER.search(source, block_end)
    if closer is not None:
        return _after_tag(source, lines, closer.end(), paragraph, nl)
    end_of_body = _BODY_CLOSE.search(source, block_end)
    if end_of_body is not None:
        return Insertion(end_of_body.start(), paragraph + nl)
    return Insertion(block_end, paragraph)


def _after_tag(source: str, lines: LineIndex, end: int, paragraph: str, nl: str) -> Insertion:
    """On a new line when the tag ends its line (same indentation), else right behind it."""
    line = lines.line_of(end) if end < len(source) else lines.line_of(max(end - 1, 0))
    if source[end : lines.line_end(line)].strip():
        return Insertion(end, paragraph)
    indent = _INDENT.match(lines.line_text(line)).group()
    return Insertion(lines.line_end(line), nl + indent + paragraph)


def suppression_comment(fmt: str, rule_id: str, in_front_matter: bool = False) -> str:
    """The disable-next-line comment for a rule, in the comment syntax of the file."""
    body = f"{SUPPRESS_DIRECTIVE} {rule_id} -- {REASON_PLACEHOLDER}"
    if fmt == "text" or in_front_matter:
        return f"# {body}"
    return f"<!-- {body} -->"


def suppression(doc: Document, offset: int, rule_id: str) -> Insertion:
    """A disable-next-line comment on its own line above the line holding ``offset``.

    It takes that line's indentation, so it stays inside a nested list item.
    Inside YAML or TOML front matter it is a ``#`` comment, which keeps the
    front matter valid.
    """
    lines = LineIndex(doc.source)
    line = lines.line_of(offset)
    indent = _INDENT.match(lines.line_text(line)).group()
    in_front = offset < parse_front_matter(doc.source).body_start
    comment = suppression_comment(doc.format, rule_id, in_front)
    return Insertion(lines.starts[line], indent + comment + line_ending(doc.source))
