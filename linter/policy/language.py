"""Parsing and compiling one `check` expression of the rule language.

The grammar lives in ``grammars/policy.lark``. Patterns and conditions share
one expression syntax; this module gives each node its type (a pattern finds
text, a condition judges a match) and reports misuse at the offending token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NoReturn, cast

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from linter.common.resources import grammar_text
from linter.policy import model as m
from linter.policy.phrases import (
    LiteralError,
    alternation,
    lexicon_entry_regex,
    phrase_regex,
    regex_source,
    split_regex_literal,
    unquote_phrase,
)
from linter.policy.regexes import RegexTable
from linter.policy.statements import MIN_OPENING_WORDS, opening_regex, statement_words

# Raised with (message, offset into the expression).
Fail = Callable[[str, int], NoReturn]

_WORD_AT = re.compile(r"[A-Za-z_][\w-]*|\S")
_PATTERN_NODES = frozenset(
    {"phrase", "regex", "lexref", "link", "except_", "near", "statement", "altered_statement"}
)

_TERMINAL_WORDS = {
    "STRING": 'a "phrase"',
    "REGEX": "a /regex/",
    "LEXREF": "an @lexicon",
    "CONDREF": "a $condition",
    "INT": "a number",
    "SEVERITY": "a severity (error, warning, info)",
    "RULE_SCOPE": "a scope",
    "NAMED_SCOPE": "a scope",
    "UNIT": "words or sentences",
    "CONTEXT": "a context (question, reported, hypothetical, disclaimer, listed)",
    "DIRECTION": "of, before or after",
    "LPAR": "(",
    "RPAR": ")",
    "COLON": ":",
    "VBAR": "|",
    "$END": "the end of the check",
}


@cache
def _parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=True,
        start=["start", "expr"],  # a rule's check; a named condition's definition
    )


@dataclass(slots=True)
class CompiledCheck:
    """The parts of a rule that come from its `check` expression."""

    scope: str
    shape: m.RuleShape
    pattern: m.Pattern
    unless: tuple[m.Condition, ...]
    where: tuple[m.Condition, ...]
    downgrades: tuple[m.Downgrade, ...]
    requirement: m.Condition | None


def parse_check(text: str, fail: Fail, start: str = "start") -> Tree:
    """Parse a check expression (or, with ``start="expr"``, a condition) or call ``fail``."""
    try:
        return _parser().parse(text, start=start)
    except UnexpectedInput as exc:
        fail(_describe(exc, text), _offset(exc, text))


def _offset(exc: UnexpectedInput, text: str) -> int:
    if isinstance(exc, UnexpectedEOF) or getattr(exc, "pos_in_stream", None) is None:
        return len(text.rstrip())
    token = getattr(exc, "token", None)
    if isinstance(token, Token) and token.type == "$END":
        return len(text.rstrip())
    return int(exc.pos_in_stream or 0)


def _expected(names: set[str]) -> str:
    words = sorted({_TERMINAL_WORDS.get(n, n.lower()) for n in names if not n.startswith("__")})
    if not words:
        return ""
    if len(words) > 8:
        words = [*words[:8], "..."]
    return "; expected " + ", ".join(words)


def _describe(exc: UnexpectedInput, text: str) -> str:
    if isinstance(exc, UnexpectedCharacters):
        rest = text[exc.pos_in_stream :]
        if rest.startswith("'"):
            return 'unexpected \' in check (phrases use double quotes: "like this")'
        word = _WORD_AT.match(rest)
        found = word.group() if word else rest[:1]
        return f"unexpected {found!r} in check" + _expected(set(exc.allowed or ()))
    if isinstance(exc, UnexpectedToken):
        if exc.token.type == "$END":
            return "check ends too early" + _expected(exc.expected)
        return f"unexpected {exc.token.value!r} in check" + _expected(exc.expected)
    if isinstance(exc, UnexpectedEOF):
        return "check ends too early" + _expected(set(exc.expected))
    return "invalid check expression"


class CheckCompiler:
    """Compiles parse trees against a policy's lexicons and regex table."""

    def __init__(
        self,
        lexicons: dict[str, list[str]],
        regexes: RegexTable,
        conditions: dict[str, m.Condition] | None = None,
    ) -> None:
        self.lexicons = lexicons
        self.regexes = regexes
        #: The pack's named conditions (``$name``), compiled in the order it defines them.
        self.conditions: dict[str, m.Condition] = {} if conditions is None else conditions
        self._lexicon_leaves: dict[str, m.Leaf] = {}

    def compile_condition(self, text: str, fail: Fail) -> m.Condition:
        """Compile a named condition's definition (one condition, as after ``unless``)."""
        return self.condition(parse_check(text, fail, start="expr"), fail)

    def compile(self, text: str, fail: Fail) -> CompiledCheck:
        """Compile one rule's check expression; ``fail`` reports errors at their position."""
        tree = parse_check(text, fail)
        scope_node, body = tree.children
        scope = str(scope_node.children[0]) if scope_node is not None else "sentence"
        if scope == "block":
            scope = "paragraph"
        unless: list[m.Condition] = []
        where: list[m.Condition] = []
        downgrades: list[m.Downgrade] = []
        clauses = body.children[1:-1] if body.data == "require" else body.children[1:]
        for clause in clauses:
            if clause.data == "unless":
                unless.append(self.condition(clause.children[0], fail))
            elif clause.data == "where":
                where.append(self.condition(clause.children[0], fail))
            else:
                severity, expr = clause.children
                downgrades.append(m.Downgrade(str(severity), self.condition(expr, fail)))
        first = body.children[0]
        requirement = None
        if body.data == "require":
            if first.data == "has" and first.children[0] is None:
                first = first.children[1]  # "when has @x" reads well: same as "when @x"
            requirement = self.condition(body.children[-1], fail)
        return CompiledCheck(
            scope,
            "require" if requirement is not None else "forbid",
            self.pattern(first, fail),
            tuple(unless),
            tuple(where),
            tuple(downgrades),
            requirement,
        )

    # --- typing ------------------------------------------------------------

    @staticmethod
    def is_pattern(node: Tree | Token) -> bool:
        """Is this node pure text to find (not a condition)? A pattern there means ``has``."""
        if not isinstance(node, Tree):
            return False
        if node.data == "or_expr":
            return all(CheckCompiler.is_pattern(c) for c in node.children)
        return node.data in _PATTERN_NODES

    def pattern(self, node: Tree, fail: Fail) -> m.Pattern:
        """The pattern a parse-tree node stands for; a condition here is an error."""
        kind = node.data
        if kind == "phrase":
            return self._leaf(node, fail, phrase=True)
        if kind == "regex":
            return self._leaf(node, fail, phrase=False)
        if kind == "lexref":
            return self._lexicon(cast(Token, node.children[0]), fail)
        if kind == "link":
            return m.LinkText()
        if kind == "or_expr":
            items = [self.pattern(c, fail) for c in node.children]
            return _merge_any(items, self.regexes)
        if kind == "except_":
            base, excluded = node.children
            return m.Except(self.pattern(base, fail), self.pattern(excluded, fail))
        if kind in ("statement", "altered_statement"):
            return self._statement(node, fail, altered=kind == "altered_statement")
        if kind == "near":
            left, distance, unit, direction, right = node.children
            if str(unit).startswith("sentence"):
                fail(
                    "a pattern distance counts words (use a `within N sentences has` condition)",
                    cast(Token, unit).start_pos or 0,
                )
            return m.Near(
                self.pattern(cast(Tree, left), fail),
                self.pattern(cast(Tree, right), fail),
                int(str(distance)),
                str(direction),
            )
        fail(f"expected a pattern here, found a condition ({_describe_node(node)})", _start(node))

    def condition(self, node: Tree, fail: Fail) -> m.Condition:
        """The condition a parse-tree node stands for; a bare pattern means "the scope has it"."""
        if self.is_pattern(node):
            return m.Has(m.Scope("rule"), self.pattern(node, fail))
        kind = node.data
        if kind == "negated":
            return m.Negated()
        if kind == "quoted":
            return m.Quoted()
        if kind == "context":
            return m.Context(cast("m.ContextKind", str(node.children[0])))
        if kind == "bare_scope":
            word = str(node.children[0])
            if word == "heading":  # the match is in a heading
                return m.Context("heading")
            fail(
                f"`{word}` is a scope: write `{word} has PATTERN`",
                cast(Token, node.children[0]).start_pos or 0,
            )
        if kind == "condref":
            token = cast(Token, node.children[0])
            name = str(token)[1:]
            named = self.conditions.get(name)
            if named is None:
                known = ", ".join(f"${k}" for k in self.conditions) or "none defined"
                fail(f"unknown condition ${name} (known: {known})", token.start_pos or 0)
            return named
        if kind == "not_":
            return m.Not(self.condition(node.children[0], fail))
        if kind == "and_expr":
            return m.All(tuple(self.condition(c, fail) for c in node.children))
        if kind == "or_expr":
            return m.Any(tuple(self.condition(c, fail) for c in node.children))
        if kind == "has":
            scope_node, target = node.children
            if not self.is_pattern(target):
                fail("`has` takes a pattern (a phrase, /regex/, @lexicon or link)", _start(target))
            return m.Has(_scope(scope_node), self.pattern(target, fail))
        fail(f"unexpected {_describe_node(node)}", _start(node))

    # --- prescribed statements ---------------------------------------------

    def _statement(self, node: Tree, fail: Fail, *, altered: bool) -> m.Statement:
        """``statement "…"`` or ``statement @lexicon`` (each entry an accepted version)."""
        token = cast(Token, cast(Tree, node.children[0]).children[0])
        where = token.start_pos or 0
        if token.type == "STRING":
            texts = [unquote_phrase(str(token))]
        else:
            name = str(token)[1:]
            if name not in self.lexicons:
                known = ", ".join(f"@{k}" for k in sorted(self.lexicons)) or "none defined"
                fail(f"unknown lexicon @{name} (known: {known})", where)
            texts = self.lexicons[name]
        openings: list[str] = []
        for text in texts:
            stripped = text.strip()
            if len(stripped) > 2 and stripped[0] == "/" and stripped.endswith(("/", "/i")):
                fail("a statement is written out in words, not as a /regex/", where)
            if len(statement_words(text)) < MIN_OPENING_WORDS:
                fail(f"a statement needs at least {MIN_OPENING_WORDS} words: {text!r}", where)
            openings.append(opening_regex(text))
        anchor = m.Leaf(self.regexes.add(alternation(openings)))
        return m.Statement(tuple(t.strip() for t in texts), anchor, altered)

    # --- leaves ------------------------------------------------------------

    def _leaf(self, node: Tree, fail: Fail, *, phrase: bool) -> m.Leaf:
        token = cast(Token, node.children[0])
        try:
            if phrase:
                source = phrase_regex(unquote_phrase(str(token)))
            else:
                body, ignore_case = split_regex_literal(str(token))
                source = regex_source(body, ignore_case)
            return m.Leaf(self.regexes.add(source), str(token))
        except LiteralError as exc:
            fail(f"{exc} in {token}", token.start_pos or 0)

    def _lexicon(self, token: Token, fail: Fail) -> m.Leaf:
        name = str(token)[1:]
        if name in self._lexicon_leaves:
            return self._lexicon_leaves[name]
        entries = self.lexicons.get(name)
        if entries is None:
            qualified = "." in name  # list names of the kind asked for: own, or other packs'
            names = sorted(k for k in self.lexicons if ("." in k) == qualified)
            known = ", ".join(f"@{k}" for k in names) or "none defined"
            fail(f"unknown lexicon @{name} (known: {known})", token.start_pos or 0)
        try:
            source = alternation([lexicon_entry_regex(e) for e in entries])
            leaf = m.Leaf(self.regexes.add(source), f"@{name}")
        except LiteralError as exc:
            fail(f"lexicon @{name}: {exc}", token.start_pos or 0)
        self._lexicon_leaves[name] = leaf
        return leaf


def _merge_any(items: list[m.Pattern], regexes: RegexTable) -> m.Pattern:
    """Alternatives that are all plain expressions become one expression."""
    flat: list[m.Pattern] = []
    for item in items:
        flat.extend(item.items if isinstance(item, m.AnyOf) else (item,))
    leaves = [i for i in flat if isinstance(i, m.Leaf)]
    if len(leaves) == len(flat):
        source = alternation([regexes.sources[i.regex] for i in leaves])
        return m.Leaf(regexes.add(source), " or ".join(i.label for i in leaves if i.label))
    return m.AnyOf(tuple(flat))


def _scope(node: Tree | None) -> m.Scope:
    if node is None:
        return m.Scope("rule")
    if node.data == "named_scope":
        name = str(node.children[0])
        return m.Scope(cast("m.ScopeKind", "paragraph" if name == "block" else name))
    if node.data == "next_sentence":
        return m.Scope("next_sentence")
    if node.data == "previous_sentence":
        return m.Scope("previous_sentence")
    if node.data == "first_characters":
        return m.Scope("opening", int(str(node.children[0])))
    count, unit = node.children
    return m.Scope("words" if str(unit).startswith("word") else "sentences", int(str(count)))


def _start(node: Tree | Token) -> int:
    if isinstance(node, Token):
        return node.start_pos or 0
    meta = getattr(node, "meta", None)
    return getattr(meta, "start_pos", 0) if meta is not None and not meta.empty else 0


def _describe_node(node: Tree) -> str:
    names = {
        "negated": "`negated`",
        "quoted": "`quoted`",
        "context": "a context",
        "condref": "a named $condition",
        "bare_scope": "a scope",
        "not_": "`not ...`",
        "and_expr": "`... and ...`",
        "or_expr": "an `or` of conditions",
        "has": "`has ...`",
    }
    return names.get(node.data, node.data)
