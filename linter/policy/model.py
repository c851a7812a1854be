"""Compiled policies as plain data.

Nothing here imports Lark or YAML: a cached policy is rebuilt from plain data into
these classes, so a one-file run pays for neither. Patterns refer to regular
expressions by index into ``Policy.regexes``, so every distinct expression is
compiled (and later matched) once per block however many rules use it.
"""

from __future__ import annotations

from linter.common.plaindata import PlainData

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Literal

    #: How severe a finding is; ordered as SEVERITIES.
    Severity = Literal["info", "warning", "error"]
    #: forbid: every qualifying match is a finding; require: a trigger without its disclosure is.
    RuleShape = Literal["forbid", "require"]
    #: Whose claim a sentence is: the contexts the engine computes.
    ContextKind = Literal["question", "reported", "hypothetical", "heading", "disclaimer", "listed"]
    #: Where a condition looks (``rule`` means the rule's own scope).
    ScopeKind = Literal[
        "rule",
        "match",
        "sentence",
        "paragraph",
        "section",
        "document",
        "heading",
        "field",
        "words",
        "sentences",
        "next_sentence",
        "previous_sentence",
        "opening",
    ]

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """info < warning < error."""
    return SEVERITIES.index(severity)


# --- patterns: what text a rule looks for ---------------------------------


class Leaf(PlainData):
    """A regular expression (phrase, regex or lexicon) by index in the policy."""

    __slots__ = ("regex", "label")

    def __init__(self, regex: int, label: str = "") -> None:
        self.regex = regex
        self.label = label  # as the check wrote it ("@hedge", "cure*"), for `healthlint why`


class LinkText(PlainData):
    """Link text in the copy (Markdown/HTML links) and bare URLs."""

    __slots__ = ()


class AnyOf(PlainData):
    """A match of any one of ``items`` (patterns joined by ``or``)."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[Pattern, ...]) -> None:
        self.items = items


class Except(PlainData):
    """Matches of ``base`` that overlap no match of ``excluded``."""

    __slots__ = ("base", "excluded")

    def __init__(self, base: Pattern, excluded: Pattern) -> None:
        self.base = base
        self.excluded = excluded


class Near(PlainData):
    """``left`` with ``right`` at most ``distance`` words away.

    ``direction`` is "of" (either side), "before" (left comes first) or
    "after" (left comes last). The match spans both.
    """

    __slots__ = ("left", "right", "distance", "direction")

    def __init__(self, left: Pattern, right: Pattern, distance: int, direction: str) -> None:
        self.left = left
        self.right = right
        self.distance = distance
        self.direction = direction


class Statement(PlainData):
    """A prescribed statement: a notice whose exact words a law fixes.

    ``texts`` are its accepted versions, written out; ``anchor`` finds their
    openings (the first sentence). Words are compared after folding case,
    spacing, line breaks, quotes and punctuation, and may run on into the
    blocks that follow. A plain statement matches where a version stands
    whole; an ``altered`` one where an opening is followed by other words
    (or by nothing), with the groups ``expected`` and ``found``.
    """

    __slots__ = ("texts", "anchor", "altered")

    def __init__(self, texts: tuple[str, ...], anchor: Leaf, altered: bool = False) -> None:
        self.texts = texts
        self.anchor = anchor
        self.altered = altered


Pattern = Leaf | LinkText | AnyOf | Except | Near | Statement


# --- conditions: what qualifies a match ------------------------------------


class Scope(PlainData):
    """Where a condition looks, relative to the match being judged.

    kind: rule (the rule's own scope), sentence, paragraph, section, document,
    heading, field, match, next_sentence, previous_sentence, words, sentences,
    opening (the first ``n`` characters of the page's text). ``n`` is the
    distance for the last three.
    """

    __slots__ = ("kind", "n")

    def __init__(self, kind: ScopeKind, n: int = 0) -> None:
        self.kind = kind
        self.n = n


class Negated(PlainData):
    """The match is governed by a negation in its clause."""

    __slots__ = ()


class Quoted(PlainData):
    """The match stands inside a quotation or a quoted title (not scare quotes)."""

    __slots__ = ()


class Context(PlainData):
    """The match's sentence is not the writer's own claim: see linter.engine.contexts."""

    __slots__ = ("kind",)

    def __init__(self, kind: ContextKind) -> None:
        self.kind = kind


class Has(PlainData):
    """Does ``scope`` contain a match of ``pattern``?"""

    __slots__ = ("scope", "pattern")

    def __init__(self, scope: Scope, pattern: Pattern) -> None:
        self.scope = scope
        self.pattern = pattern


class Not(PlainData):
    """Holds when ``item`` does not."""

    __slots__ = ("item",)

    def __init__(self, item: Condition) -> None:
        self.item = item


class All(PlainData):
    """Holds when every one of ``items`` holds."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[Condition, ...]) -> None:
        self.items = items


class Any(PlainData):
    """Holds when at least one of ``items`` holds."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[Condition, ...]) -> None:
        self.items = items


Condition = Negated | Quoted | Context | Has | Not | All | Any


# --- rules and policies -----------------------------------------------------


class Downgrade(PlainData):
    """``downgrade to SEVERITY if COND``: a milder finding where ``condition`` holds."""

    __slots__ = ("severity", "condition")

    def __init__(self, severity: str, condition: Condition) -> None:
        self.severity = severity
        self.condition = condition


class Example(PlainData):
    """A one-line document a rule must flag (``fire``) or leave alone.

    A firing example must produce the rule at ``severity`` (the rule's own
    severity when empty). ``line``/``column`` locate it in the policy file.
    """

    __slots__ = ("text", "fire", "format", "severity", "line", "column", "why")

    def __init__(
        self,
        text: str,
        fire: bool,
        format: str = "markdown",
        severity: str = "",
        line: int = 0,
        column: int = 0,
        why: str = "",  # what the example shows, for readers of the pack and its docs
    ) -> None:
        self.text = text
        self.fire = fire
        self.format = format
        self.severity = severity
        self.line = line
        self.column = column
        self.why = why


class Rule(PlainData):
    """One compiled rule: its check, its message, and what explains it to the reader."""

    __slots__ = (
        "id",
        "severity",
        "shape",
        "scope",
        "pattern",
        "message",
        "unless",
        "where",
        "downgrades",
        "requirement",
        "title",
        "rationale",
        "references",
        "suggestion",
        "examples",
        "source",
        "line",
        "check",
    )

    def __init__(
        self,
        id: str,
        severity: str,
        shape: RuleShape,
        scope: str,  # the rule's scope: sentence, paragraph, section, document, heading, field
        pattern: Pattern,  # what is forbidden, or the trigger of a require rule
        message: str,  # a Jinja2 template
        unless: tuple[Condition, ...] = (),
        where: tuple[Condition, ...] = (),
        downgrades: tuple[Downgrade, ...] = (),
        requirement: Condition | None = None,
        title: str = "",
        rationale: str = "",
        references: tuple[str, ...] = (),
        suggestion: str = "",
        examples: tuple[Example, ...] = (),
        source: str = "",  # policy file that defined the rule
        line: int = 0,  # line of the rule in that file
        check: str = "",  # the rule's expression as written
    ) -> None:
        self.id = id
        self.severity = severity
        self.shape = shape
        self.scope = scope
        self.pattern = pattern
        self.message = message
        self.unless = unless
        self.where = where
        self.downgrades = downgrades
        self.requirement = requirement
        self.title = title
        self.rationale = rationale
        self.references = references
        self.suggestion = suggestion
        self.examples = examples
        self.source = source
        self.line = line
        self.check = check


class Policy(PlainData):
    """One or more policy files compiled together."""

    __slots__ = ("name", "rules", "regexes", "sources", "_digest", "_from_cache")

    def __init__(
        self,
        name: str,
        rules: list[Rule],
        regexes: list[str] | None = None,  # RE2 syntax
        sources: list[str] | None = None,
    ) -> None:
        self.name = name
        self.rules = rules
        self.regexes = [] if regexes is None else regexes
        self.sources = [] if sources is None else sources
        #: Content digest (see linter.policy.cache.digest_of); "" until asked.
        self._digest = ""
        #: Did this object come out of the policy cache (so the cache lasts between runs)?
        self._from_cache = False

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None: formatters look up rules named by findings."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None
