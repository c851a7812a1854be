"""Compiled policies as plain data.

Nothing here imports Lark or YAML: a cached policy is rebuilt from JSON into
these classes, so a one-file run pays for neither. Patterns refer to regular
expressions by index into ``Policy.regexes``, so every distinct expression is
compiled (and later matched) once per block however many rules use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """info < warning < error."""
    return SEVERITIES.index(severity)


# --- patterns: what text a rule looks for ---------------------------------


@dataclass(slots=True, frozen=True)
class Leaf:
    """A regular expression (phrase, regex or lexicon) by index in the policy."""

    regex: int


@dataclass(slots=True, frozen=True)
class LinkText:
    """Link text in the copy (Markdown/HTML links) and bare URLs."""


@dataclass(slots=True, frozen=True)
class AnyOf:
    items: tuple[Pattern, ...]


@dataclass(slots=True, frozen=True)
class Except:
    """Matches of ``base`` that overlap no match of ``excluded``."""

    base: Pattern
    excluded: Pattern


@dataclass(slots=True, frozen=True)
class Near:
    """``left`` with ``right`` at most ``distance`` words away.

    ``direction`` is "of" (either side), "before" (left comes first) or
    "after" (left comes last). The match spans both.
    """

    left: Pattern
    right: Pattern
    distance: int
    direction: str


Pattern = Leaf | LinkText | AnyOf | Except | Near


# --- conditions: what qualifies a match ------------------------------------


@dataclass(slots=True, frozen=True)
class Scope:
    """Where a condition looks, relative to the match being judged.

    kind: rule (the rule's own scope), sentence, paragraph, section, document,
    heading, field, match, next_sentence, previous_sentence, words, sentences.
    ``n`` is the distance for the last two.
    """

    kind: str
    n: int = 0


@dataclass(slots=True, frozen=True)
class Negated:
    """The match is governed by a negation in its clause."""


@dataclass(slots=True, frozen=True)
class Quoted:
    """The match stands inside quotation marks."""


@dataclass(slots=True, frozen=True)
class Has:
    scope: Scope
    pattern: Pattern


@dataclass(slots=True, frozen=True)
class Not:
    item: Condition


@dataclass(slots=True, frozen=True)
class All:
    items: tuple[Condition, ...]


@dataclass(slots=True, frozen=True)
class Any:
    items: tuple[Condition, ...]


Condition = Negated | Quoted | Has | Not | All | Any


# --- rules and policies -----------------------------------------------------


@dataclass(slots=True, frozen=True)
class Downgrade:
    severity: str
    condition: Condition


@dataclass(slots=True)
class Example:
    """A one-line document a rule must flag (``fire``) or leave alone.

    A firing example must produce the rule at ``severity`` (the rule's own
    severity when empty). ``line``/``column`` locate it in the policy file.
    """

    text: str
    fire: bool
    format: str = "markdown"
    severity: str = ""
    line: int = 0
    column: int = 0


@dataclass(slots=True)
class Rule:
    id: str
    severity: str
    shape: str  # "forbid" | "require"
    scope: str  # the rule's scope: sentence, paragraph, section, document, heading, field
    pattern: Pattern  # what is forbidden, or the trigger of a require rule
    message: str  # a Jinja2 template
    unless: tuple[Condition, ...] = ()
    where: tuple[Condition, ...] = ()
    downgrades: tuple[Downgrade, ...] = ()
    requirement: Condition | None = None
    title: str = ""
    rationale: str = ""
    references: tuple[str, ...] = ()
    suggestion: str = ""
    examples: tuple[Example, ...] = ()
    source: str = ""  # policy file that defined the rule
    line: int = 0  # line of the rule in that file
    check: str = ""  # the rule's expression as written


@dataclass(slots=True)
class Policy:
    """One or more policy files compiled together."""

    name: str
    rules: list[Rule]
    regexes: list[str] = field(default_factory=list)  # RE2 syntax
    sources: list[str] = field(default_factory=list)

    def rule(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None
