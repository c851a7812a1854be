"""JSX, TSX, JavaScript, TypeScript and JSON reader: the copy a site keeps in code.

tree-sitter parses the file (no Node.js, a C parser that recovers from
syntax errors) and this module walks the tree, taking as copy only:

- text between JSX elements, with its entities and ``{" "}``/``{"..."}``
  string expressions, one block per block-level element (``<p>``, ``<li>``,
  ``<h2>``, a component standing alone) so a sentence may span ``<strong>``;
- string values of copy props (``title=``, ``alt=``, ``question=``...);
- string values of copy keys in object literals (``question:``, ``answer:``,
  the Next.js ``metadata`` export...), each object heading its own section
  when it has a heading-like key; strings holding HTML, and template
  literals holding Markdown, are read by the nested reader;
- in message files (i18n JSON), every string value.

Imports, comments, class names, URLs, ``<script>`` content, JSON-LD objects
and strings passed to functions (``console.log``, ``t('hero.title')``, errors)
never reach a block. Every character of block text maps to its source
offset: tree-sitter reports UTF-8 byte offsets, converted to characters.
"""

from __future__ import annotations

import html
import re

from linter.common.errors import PartialRead
from linter.common.utf8 import CharOffsets
from linter.documents.html_markup import (
    BLOCK_TAGS,
    KINDS,
    META_NAMES,
    SKIP_TAGS,
    SPACES,
    BlockCollector,
)
from linter.documents.model import Block, BlockBuilder, leaves_page_site
from linter.documents.reading import DEFAULT_OPTIONS, HEADING_NAMES, ReadOptions

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from tree_sitter import Node

#: Formats this module reads, and the tree-sitter grammar for each.
GRAMMARS = {
    "jsx": "javascript",
    "js": "javascript",
    "json": "javascript",  # read as one JS expression: same strings, same escapes
    "ts": "typescript",
    "tsx": "tsx",
}
_ESCAPE_CHARS = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LOOKS_HTML = re.compile(r"<[A-Za-z][^<>]*>.*</[A-Za-z]|<[A-Za-z][^<>]*/>", re.S)
_LOOKS_MARKDOWN = re.compile(
    r"(?m)^[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d+\.[ \t])|\*\*\S|\[[^\]\n]+\]\("
)
_BARE_AMPERSAND = re.compile(rb"(?<=[ \t\n])&(?=[ \t\r\n])")
# Any "&" that starts no entity and is no "&&" or "&=": tried only when a
# file does not parse ("src='/Page&Contact.jpeg'" in a JSX attribute).
_LOOSE_AMPERSAND = re.compile(rb"(?<!&)&(?![&=]|[A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)")
_INDENTED = re.compile(r"(?m)^(?: {4}|\t)(?=\S)")
# Wrappers of a declarator's value: `[...] as const`, `satisfies string[]`, `(...)`.
_WRAPPERS = ("as_expression", "satisfies_expression", "parenthesized_expression")
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[,.!?;:]?")
# Items rendered as list items: the .map callback makes <li> elements.
_LIST_ITEM_TAG = re.compile(rb"<li[\s>]")
_MAPPED = re.compile(rb"([A-Za-z_$][\w$]*)\s*\??\.\s*map\s*\(")
_QUERIES: dict[str, object] = {}


def _is_prose(text: str) -> bool:
    """Is a string words a visitor reads, not class names, a route or an option?

    At least two words; more than half of them plain words (letters only:
    "items-center", "p-4" and "/about" are not); and capitalised, or three
    plain words at least ("Knee osteoarthritis", "hip, shoulder or ankle
    pain"; not "flex items-center", "sm md").
    """
    words = text.split()
    if len(words) < 2:
        return False
    plain = sum(1 for w in words if _PLAIN_WORD.fullmatch(w))
    return plain * 2 > len(words) and (text.lstrip()[:1].isupper() or plain >= 3)


def _unwrapped(node: Node | None) -> Node | None:
    """The value inside ``as const``, ``satisfies ...`` and parentheses."""
    while node is not None and node.type in _WRAPPERS:
        node = node.named_children[0] if node.named_children else None
    return node


def _array_under(node: Node | None) -> Node | None:
    """The array literal a ``.map`` is called on: ``[...]``, ``([...])``,
    ``[...].filter(Boolean)``, ``[...].slice(0, 3)``; None for anything else."""
    while (node := _unwrapped(node)) is not None:
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            method = function.child_by_field_name("property") if function is not None else None
            if method is None or method.text not in (b"filter", b"slice"):
                return None
            node = function.child_by_field_name("object")
        else:
            return node if node.type == "array" else None
    return None


def _query(grammar: str):  # -> tree_sitter.Query
    """Variables and JSX elements, as one query per grammar (TypeScript has no JSX)."""
    query = _QUERIES.get(grammar)
    if query is None:
        import tree_sitter

        source = "[(identifier) (shorthand_property_identifier)] @name"
        if grammar != "typescript":
            source += " [(jsx_opening_element) (jsx_self_closing_element)] @jsx"
        query = _QUERIES[grammar] = tree_sitter.Query(_parser(grammar).language, source)
    return query


# Components whose content is never copy (Next.js' <Script>, syntax highlighters).
_SKIP_COMPONENTS = frozenset({"Script", "Code", "CodeBlock", "SyntaxHighlighter"})
# Elements deeper than this are not read (minified bundles nest thousands deep).
MAX_DEPTH = 300

_PARSERS: dict[str, object] = {}


def _parser(grammar: str):  # -> tree_sitter.Parser
    """One parser per grammar, made on first use: tree-sitter loads only here."""
    parser = _PARSERS.get(grammar)
    if parser is None:
        import tree_sitter

        if grammar == "javascript":
            import tree_sitter_javascript as module

            language = module.language()
        else:
            import tree_sitter_typescript as module

            language = module.language_tsx() if grammar == "tsx" else module.language_typescript()
        parser = _PARSERS[grammar] = tree_sitter.Parser(tree_sitter.Language(language))
    return parser


def read_script(
    source: str, start: int = 0, fmt: str = "tsx", options: ReadOptions = DEFAULT_OPTIONS
) -> list[Block]:
    """Blocks of the code in ``source[start:]`` (offsets into ``source``).

    Raises :class:`PartialRead` (carrying the blocks) when the file does not
    parse: what the parser recovered is still read.
    """
    body = source[start:] if start else source
    data = body.encode("utf-8")
    shift = 0
    if fmt == "json":  # a bare object would read as a JS block statement
        data, shift = b"(" + data + b"\n)", 1
    if b"&" in data:
        # The grammar takes every "&" in JSX text for an entity and fails on a
        # bare one ("Gurugram & Rishikesh"), which React renders as it is. A
        # "+" in its place (same length, and still an operator in code) parses;
        # text is always taken from the source, never from these bytes.
        data = _BARE_AMPERSAND.sub(b"+", data)
    parser = _parser(GRAMMARS[fmt])
    tree = parser.parse(data)
    if tree.root_node.has_error and b"&" in data:
        # The grammar also fails on an "&" that starts no entity inside a JSX
        # attribute string, which React keeps as it is; the same trick, wider.
        retried = _LOOSE_AMPERSAND.sub(b"+", data)
        second = parser.parse(retried)
        if not second.root_node.has_error:
            tree, data = second, retried
    walker = _Walker(
        source, start, body, data, shift, options, fmt == "json", GRAMMARS[fmt], tree.root_node
    )
    walker.visit(tree.root_node, 0)
    walker.flush()
    if tree.root_node.has_error:
        offset = walker.char(_first_error(tree.root_node))
        raise PartialRead(
            f"cannot parse this {fmt.upper()} here (syntax error)", walker.blocks, offset
        )
    return walker.blocks


def _first_error(node) -> int:
    """Byte offset of the innermost first ERROR or MISSING node: where parsing went wrong."""
    while True:
        for child in node.children:
            if child.has_error or child.is_missing or child.type == "ERROR":
                node = child
                break
        else:
            return node.start_byte


class _Walker(BlockCollector):
    """Walks the syntax tree in source order, building blocks as HTML's reader does."""

    def __init__(
        self,
        source: str,
        base: int,
        body: str,
        data: bytes,
        shift: int,
        options: ReadOptions,
        json: bool,
        grammar: str,
        root: Node,  # the syntax tree, for identifier_uses
    ) -> None:
        self.source = source
        self.base = base
        self.data = data
        self.shift = shift
        self.chars = CharOffsets(body, data[shift:] if shift else data)
        self.props = frozenset(p.lower() for p in options.copy_props)
        self.keys = frozenset(k.lower() for k in options.copy_keys)
        self.messages = options.messages
        self.json = json
        self.blocks: list[Block] = []
        self.builder: BlockBuilder | None = None
        self.pending: list[Block] = []  # prop blocks of inline elements
        self.kinds: list[tuple[str, int]] = []  # (kind, level) of the open elements
        self.space: tuple[int, int] | None = None
        self.links = 0  # inside this many elements that link off the site
        self.metadata = 0  # inside the Next.js `metadata` export
        self.grammar = grammar
        self.root = root
        self.uses: tuple[dict[str, int], bool] | None = None  # see identifier_uses
        #: Name -> does its first ``.map`` callback make ``<li>`` elements?
        self.mapped_to_items: dict[str, bool] = {}

    # -- positions ------------------------------------------------------------

    def char(self, byte: int) -> int:
        """Source offset of a byte offset in the parsed data."""
        return self.base + self.chars(max(byte - self.shift, 0))

    def text_of(self, node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8")

    # -- blocks ---------------------------------------------------------------

    def target(self) -> BlockBuilder:
        if self.builder is None:
            kind, level = self.kinds[-1] if self.kinds else ("paragraph", 0)
            self.builder = BlockBuilder(kind, level=level)
            self.space = None
            if self.links:
                self.builder.start_link()
        elif self.space is not None:
            self.builder.add(" ", *self.space)
            self.space = None
        return self.builder

    # -- the walk ---------------------------------------------------------------

    def visit(self, node, depth: int) -> None:
        kind = node.type
        if kind in ("comment", "import_statement", "string", "template_string", "jsx_text"):
            return  # strings count only where a copy prop, key or JSX text puts them
        if depth > MAX_DEPTH:
            return
        if kind == "jsx_element" or kind == "jsx_self_closing_element":
            self.element(node, depth)
        elif kind == "pair":
            self.pair(node, depth)
        elif kind == "object" and _is_json_ld(self, node):
            return
        elif kind == "variable_declarator":
            name = node.child_by_field_name("name")
            meta = name is not None and self.text_of(name) == "metadata"
            rendered = None if meta or name is None else self.rendered_array(name, node)
            if rendered is not None:
                self.strings(rendered[0], depth, rendered[1], 0, None)
                return
            self.metadata += meta
            for child in node.named_children:
                self.visit(child, depth + 1)
            self.metadata -= meta
        elif kind == "call_expression" and self.mapped_literal(node, depth):
            return
        elif kind == "ERROR":  # recovered pieces: JSX text may sit here, outside any element
            for child in node.named_children:
                self.child(child, depth + 1)
            self.flush()
        elif kind == "array" and self.messages:
            self.strings(node, depth, "paragraph", 0, None)
        else:
            for child in node.named_children:
                self.visit(child, depth + 1)

    # -- JSX ------------------------------------------------------------------

    def element(self, node, depth: int) -> None:
        opening = node if node.type == "jsx_self_closing_element" else node.named_children[0]
        name_node = opening.child_by_field_name("name")
        tag = self.text_of(name_node) if name_node is not None else ""
        intrinsic = bool(tag) and tag[0].islower() and "." not in tag
        lowered = tag.lower()
        if (intrinsic and lowered in SKIP_TAGS) or tag in _SKIP_COMPONENTS:
            return
        if intrinsic:
            block = lowered in BLOCK_TAGS
        else:  # a component: a block of its own unless it sits inside running text
            block = bool(tag) and not _in_running_text(self, node)
        if block:
            self.flush()
        own = KINDS.get(lowered) if intrinsic else None
        if own is not None:
            self.kinds.append((own, int(lowered[1]) if own == "heading" else 0))
        elif self.kinds:
            self.kinds.append(self.kinds[-1])
        else:
            self.kinds.append(("paragraph", 0))
        href = self.attributes(opening, depth, block, lowered if intrinsic else "")
        if node.type == "jsx_element":
            # <a href> and link components (<Link href>) that lead off the site mark their text
            linked = href is not None and leaves_page_site(href)
            if linked:
                self.open_link()
            for child in node.named_children[1:]:
                self.child(child, depth + 1)
            if linked:
                self.close_link()
        self.kinds.pop()
        if block:
            self.flush()
        elif intrinsic and lowered == "br":
            self.defer_space(
                self.char(node.start_byte), self.char(node.end_byte) - self.char(node.start_byte)
            )

    def child(self, node, depth: int) -> None:
        kind = node.type
        if kind == "jsx_text":
            self.jsx_text(node)
        elif kind == "html_character_reference":
            start, end = self.char(node.start_byte), self.char(node.end_byte)
            self.target().add(html.unescape(self.source[start:end]), start, end - start)
        elif kind == "jsx_expression":
            inner = [c for c in node.named_children if c.type != "comment"]
            if len(inner) == 1 and inner[0].type in ("string", "template_string"):
                literal = inner[0]
                if not self.text_of(literal)[1:-1].strip(SPACES):  # {" "}: a space
                    start, end = self.char(node.start_byte), self.char(node.end_byte)
                    self.defer_space(start, end - start)
                else:
                    self.add_string(self.target(), literal)
            else:
                for c in inner:
                    self.visit(c, depth + 1)
        elif kind != "jsx_closing_element":
            self.visit(node, depth)

    def jsx_text(self, node) -> None:
        base = self.char(node.start_byte)
        text = self.source[base : self.char(node.end_byte)]
        if text.strip(SPACES):
            self.add_text(self.target, text, base)
        else:
            self.defer_space(base, len(text))

    def attributes(self, opening, depth: int, block: bool, tag: str) -> str | None:
        """Read the element's copy props; give its ``href`` when that is a string."""
        values: dict[str, object] = {}
        for attribute in opening.named_children:
            if attribute.type != "jsx_attribute" or not attribute.named_children:
                continue
            name = self.text_of(attribute.named_children[0]).lower()
            value = attribute.named_children[1] if attribute.named_child_count > 1 else None
            if value is None:
                continue
            if value.type == "jsx_expression":
                inner = [c for c in value.named_children if c.type != "comment"]
                literal = inner[0] if len(inner) == 1 else None
                if literal is None or literal.type not in ("string", "template_string"):
                    if name not in ("style", "classname"):
                        for c in inner:
                            self.visit(c, depth + 1)
                    continue
                value = literal
            if value.type not in ("string", "template_string"):
                self.visit(value, depth + 1)  # a JSX element passed as a prop
                continue
            values[name] = value
        if tag == "meta":
            named = values.get("name") or values.get("property")
            content = values.get("content")
            if named is not None and content is not None:
                key = self.string_value(named).strip().lower()
                if key in META_NAMES:
                    self.prop_block("meta", content, key, block)
            return None
        for name, value in values.items():
            if name in self.props:
                if name == "alt":
                    self.prop_block("alt", value, name, block)
                elif name in HEADING_NAMES:
                    self.prop_block("heading", value, name, block, level=2)
                else:
                    self.prop_block("paragraph", value, name, block)
        href = values.get("href")
        return None if href is None else self.string_value(href)

    def open_link(self) -> None:
        """Text from here is link text (in the open block, or the next one when none is open)."""
        self.links += 1
        if self.builder is not None:
            self.target().start_link()

    def close_link(self) -> None:
        self.links -= 1
        if self.builder is not None:
            self.builder.end_link()

    def prop_block(self, kind: str, value, name: str, block: bool, level: int = 0) -> None:
        builder = BlockBuilder(kind, level=level, name=name)
        self.add_string(builder, value)
        found = builder.build()
        if found is not None:
            (self.blocks if block else self.pending).append(found)

    # -- data -------------------------------------------------------------------

    def pair(self, node, depth: int) -> None:
        key_node = node.child_by_field_name("key")
        value = node.child_by_field_name("value")
        if key_node is None or value is None:
            return
        if key_node.type in ("string", "property_identifier", "identifier"):
            key = (
                self.string_value(key_node) if key_node.type == "string" else self.text_of(key_node)
            )
        else:
            key = ""
        lowered = key.lower()
        copy = self.messages or lowered in self.keys
        if not copy:
            self.visit(value, depth + 1)
            return
        if self.metadata and lowered == "title":
            kind, level, name = "title", 0, None
        elif self.metadata and lowered == "description":
            kind, level, name = "meta", 0, "description"
        elif lowered in HEADING_NAMES or (self.messages and _heading_like_key(lowered)):
            kind, level, name = "heading", 3, key
        else:
            kind, level, name = "paragraph", 0, key
        if value.type in ("string", "template_string"):
            self.flush()
            if kind == "paragraph" and self.nested(value):
                return
            builder = BlockBuilder(kind, level=level, name=name)
            self.add_string(builder, value)
            found = builder.build()
            if found is not None:
                self.blocks.append(found)
        elif value.type == "array":
            self.strings(value, depth, "list_item", 0, key)
        else:
            self.visit(value, depth + 1)

    def strings(self, array, depth: int, kind: str, level: int, name: str | None) -> None:
        """The strings of an array under a copy key (or in a message file) are copy."""
        for item in array.named_children:
            if item.type in ("string", "template_string"):
                self.flush()
                builder = BlockBuilder(kind, level=level, name=name)
                self.add_string(builder, item)
                found = builder.build()
                if found is not None:
                    self.blocks.append(found)
            else:
                self.visit(item, depth + 1)

    def rendered_array(self, name: Node, declarator: Node) -> tuple[Node, str] | None:
        """The array a declarator holds and its block kind, if it is prose a component renders.

        Sites keep bullet lists in a constant (``const conditions = ["Knee
        osteoarthritis", ...]``) and render it further down, with
        ``conditions.map`` or as a prop (``items={conditions}``); its strings
        are copy although no copy key names them. Read only in a file with
        JSX elements, for an array holding a string of words (see
        ``_is_prose``: not class names, routes or options) whose name the
        file uses again as a variable (comments, strings and other objects'
        properties do not count). JSX elements in the array are read as
        usual. Its items are list items, unless they are not mapped to
        ``<li>`` and one of them is a sentence (ends with ``.``, ``!`` or
        ``?``): then paragraphs.
        """
        value = _unwrapped(declarator.child_by_field_name("value"))
        if self.json or value is None or value.type != "array" or name.type != "identifier":
            return None
        items = self.prose_items(value)
        if items is None:
            return None
        used, jsx = self.identifier_uses()
        word = self.text_of(name)
        if not jsx or used.get(word, 0) < 2:  # the declaration is one use
            return None
        return value, self.item_kind(items, self.mapped_to_items.get(word, False))

    def mapped_literal(self, call: Node, depth: int) -> bool:
        """Read an array of prose mapped to elements where it stands, and the callback.

        ``{["No Surgery", "No Downtime"].map((tag) => <span>{tag}</span>)}``
        renders its strings as a rendered constant's would be (see
        ``rendered_array``); True when the call was read here.
        """
        function = call.child_by_field_name("function")
        if self.json or function is None or function.type != "member_expression":
            return False
        method = function.child_by_field_name("property")
        if method is None or self.text_of(method) != "map":
            return False
        array = _array_under(function.child_by_field_name("object"))
        if array is None:
            return False
        items = self.prose_items(array)
        if items is None:
            return False
        arguments = call.child_by_field_name("arguments")
        if arguments is None or not self.makes_elements(arguments):
            return False  # mapped to data, or by a function defined elsewhere
        callback = self.data[arguments.start_byte : arguments.end_byte]
        kind = self.item_kind(items, _LIST_ITEM_TAG.search(callback) is not None)
        self.strings(array, depth, kind, 0, None)
        self.visit(arguments, depth + 1)
        return True

    def prose_items(self, array: Node) -> list[Node] | None:
        """The string items of an array, if one of them is prose (see ``_is_prose``)."""
        items = [c for c in array.named_children if c.type in ("string", "template_string")]
        return items if any(_is_prose(self.string_value(c)) for c in items) else None

    def item_kind(self, items: list[Node], mapped_to_li: bool) -> str:
        """List items, unless not mapped to ``<li>`` and one is a sentence: then paragraphs."""
        if mapped_to_li or not any(
            self.string_value(c).rstrip().endswith((".", "!", "?")) for c in items
        ):
            return "list_item"
        return "paragraph"

    def makes_elements(self, node: Node) -> bool:
        """Does the syntax tree under ``node`` hold a JSX element?"""
        if self.grammar == "typescript":
            return False
        import tree_sitter

        return bool(tree_sitter.QueryCursor(_query(self.grammar)).captures(node).get("jsx"))

    def identifier_uses(self) -> tuple[dict[str, int], bool]:
        """How often each name occurs as a variable in the file, and whether it holds JSX.

        One tree-sitter query, made when the first prose array asks.
        """
        if self.uses is None:
            from collections import Counter

            import tree_sitter

            captures = tree_sitter.QueryCursor(_query(self.grammar)).captures(self.root)
            names = Counter(self.text_of(n) for n in captures.get("name", ()))
            self.uses = (names, bool(captures.get("jsx")))
            for found in _MAPPED.finditer(self.data):  # the first .map of each name decides
                name = found.group(1).decode("utf-8", "replace")
                if name not in self.mapped_to_items:
                    callback = (found.end(), found.end() + 400)
                    self.mapped_to_items[name] = bool(_LIST_ITEM_TAG.search(self.data, *callback))
        return self.uses

    def nested(self, node) -> bool:
        """Read a string holding HTML (or a template literal holding Markdown) as such.

        Only strings whose content is verbatim source (no escapes, no
        substitutions), so the nested reader's offsets are the file's.
        """
        parts = node.named_children
        if any(p.type != "string_fragment" for p in parts) or not parts:
            return False
        start, end = self.char(parts[0].start_byte), self.char(parts[-1].end_byte)
        content = self.source[start:end]
        if "<" in content and _LOOKS_HTML.search(content):
            from linter.documents.html import read_html

            self.blocks.extend(read_html(self.source[:end], start))
            return True
        if (
            node.type == "template_string"
            and "\n" in content
            and _LOOKS_MARKDOWN.search(content)
            and not _INDENTED.search(content)
        ):
            from linter.documents.markdown import read_markdown

            self.blocks.extend(read_markdown(self.source[:end], start))
            return True
        return False

    # -- strings ----------------------------------------------------------------

    def add_string(self, builder: BlockBuilder, node) -> None:
        """A string literal's decoded content, each escape mapped to its stretch."""
        for part in node.named_children:
            kind = part.type
            if kind == "template_substitution":
                continue
            start, end = self.char(part.start_byte), self.char(part.end_byte)
            raw = self.source[start:end]
            if kind == "string_fragment":
                builder.add(raw, start)
            elif kind == "escape_sequence":
                builder.add(_unescape(raw), start, end - start)
            elif kind == "html_character_reference":
                builder.add(html.unescape(raw), start, end - start)

    def string_value(self, node) -> str:
        """A string literal's decoded content (for names: keys, meta names)."""
        out = []
        for part in node.named_children:
            raw = self.text_of(part)
            if part.type == "string_fragment":
                out.append(raw)
            elif part.type == "escape_sequence":
                out.append(_unescape(raw))
            elif part.type == "html_character_reference":
                out.append(html.unescape(raw))
        return "".join(out)


def _unescape(raw: str) -> str:
    """A JS escape sequence (``\\n``, ``\\u00e9``, ``\\u{1F600}``, ``\\x41``) as text."""
    body = raw[1:]
    if not body:
        return ""
    first = body[0]
    try:
        if first == "u":
            digits = body[2:-1] if body.startswith("u{") else body[1:]
            return chr(int(digits, 16))
        if first == "x":
            return chr(int(body[1:], 16))
    except ValueError:
        return body
    if first in "\r\n\u2028\u2029":
        return ""  # a line continuation
    return _ESCAPE_CHARS.get(first, first)


def _heading_like_key(key: str) -> bool:
    return key.endswith(("title", "heading", "headline")) or key == "question"


def _is_json_ld(walker: _Walker, node) -> bool:
    """Structured data for search engines (``"@context"``/``"@type"``) is not copy."""
    for pair in node.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            if (
                key is not None
                and key.type == "string"
                and walker.data[key.start_byte + 1 : key.end_byte - 1] in (b"@context", b"@type")
            ):
                return True
    return False


def _in_running_text(walker: _Walker, node) -> bool:
    """Does a component sit inside a sentence (text right before or after it)?"""
    for sibling in (node.prev_named_sibling, node.next_named_sibling):
        if sibling is None:
            continue
        if sibling.type == "jsx_text" and walker.text_of(sibling).strip(SPACES):
            text = walker.text_of(sibling)
            # Text separated by a line break is its own line of markup, not the same sentence.
            touching = (
                not text[-1:].isspace()
                if sibling == node.prev_named_sibling
                else not text[:1].isspace()
            )
            if touching or "\n" not in text:
                return True
        elif sibling.type == "html_character_reference" or (
            sibling.type == "jsx_expression"
            and any(c.type in ("string", "template_string") for c in sibling.named_children)
        ):
            return True
    return False
