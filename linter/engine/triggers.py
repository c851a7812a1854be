"""Which rules can fire on a document, decided before any rule runs.

A rule fires only where its trigger (``find``/``when`` pattern) matches, and
a trigger cannot match unless certain expressions occur in the document: a
phrase must be there, a proximity pattern needs both sides, an ``except``
only ever removes matches. Most documents hold the trigger of two or three
rules of the bundled pack, so one prefilter pass over the document (see
``linter.matching.prefilter``) and a boolean test per rule spare the engine
the other rules entirely.

This is worked out once per policy content and kept for the policies in use
(a memo of a pure function, keyed by the policy's digest: copies of one
policy, such as the unpickled ones a distributed worker receives, share it).
"""

from __future__ import annotations

from collections.abc import Callable, Set

from linter.common.plaindata import PlainData
from linter.matching.prefilter import prefilter
from linter.policy import model as m
from linter.policy.cache import digest_of

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from linter.matching.prefilter import PrefilterMode

#: Given the indexes of the expressions present, can the trigger match?
Possible = Callable[[Set[int]], bool]


class Triggers(PlainData):
    """A policy's trigger expressions, and a test per rule of whether it can fire."""

    __slots__ = ("regexes", "possible", "sources")

    def __init__(
        self,
        regexes: tuple[int, ...],  # every expression a trigger needs, by index
        possible: tuple[Possible, ...],  # one test per rule, in the policy's order
        sources: tuple[str, ...] = (),  # the expressions of ``regexes``, for the prefilter
    ) -> None:
        self.regexes = regexes
        self.possible = possible
        self.sources = sources


_KEPT: dict[str, Triggers] = {}  # policy digest -> its triggers
_MAX_KEPT = 8
_worked_out = 0  # memo misses in this process


def times_worked_out() -> int:
    """How often this process has worked triggers out (once per policy content, if the memo holds).

    Observable so that a test, or a distributed worker's own check, can tell
    that many copies of one policy cost one compile.
    """
    return _worked_out


def triggers(policy: m.Policy) -> Triggers:
    """The trigger tests of a policy (worked out once per content, kept for a few policies)."""
    global _worked_out
    key = digest_of(policy)
    found = _KEPT.get(key)
    if found is None:
        _worked_out += 1
        leaves: set[int] = set()
        for rule in policy.rules:
            _leaves(rule.pattern, leaves)
        possible = tuple(_possible(rule.pattern) for rule in policy.rules)
        regexes = tuple(sorted(leaves))
        sources = tuple(policy.regexes[i] for i in regexes)
        if len(_KEPT) >= _MAX_KEPT:
            del _KEPT[next(iter(_KEPT))]
        found = _KEPT[key] = Triggers(regexes, possible, sources)
    return found


def may_fire(policy: m.Policy, data: bytes, mode: PrefilterMode = "sets") -> bool:
    """Could any rule fire on a document whose raw bytes (markup and all) are ``data``?

    A heuristic for sweeping crawls (``--prefilter-raw``): the prefilter reads
    the bytes as stored, so markup or an entity inside a phrase
    (``cures <b>MS</b>``) can hide a trigger that the document's text holds.
    False only when no rule's trigger can match the bytes.
    """
    tr = triggers(policy)
    if not tr.sources:
        return True
    answer = prefilter(tr.sources, mode)
    present = {tr.regexes[i] for i in answer.run(data)}
    present.update(tr.regexes[i] for i in range(len(tr.sources)) if i not in answer.covered)
    return any(possible(present) for possible in tr.possible)


def _leaves(pattern: m.Pattern, out: set[int]) -> None:
    """Expressions whose absence can rule a trigger out (not those an except removes)."""
    if isinstance(pattern, m.Leaf):
        out.add(pattern.regex)
    elif isinstance(pattern, m.AnyOf):
        for item in pattern.items:
            _leaves(item, out)
    elif isinstance(pattern, m.Except):
        _leaves(pattern.base, out)
    elif isinstance(pattern, m.Near):
        _leaves(pattern.left, out)
        _leaves(pattern.right, out)
    elif isinstance(pattern, m.Statement):
        _leaves(pattern.anchor, out)  # no statement without its opening


def _always(present: Set[int]) -> bool:
    return True


def _possible(pattern: m.Pattern) -> Possible:
    """A test that is False only when the pattern cannot match."""
    if isinstance(pattern, m.Leaf):
        regex = pattern.regex
        return lambda present: regex in present
    if isinstance(pattern, m.AnyOf):
        leaves = frozenset(i.regex for i in pattern.items if isinstance(i, m.Leaf))
        others = tuple(_possible(i) for i in pattern.items if not isinstance(i, m.Leaf))
        if not others:
            return lambda present: not leaves.isdisjoint(present)
        return lambda present: not leaves.isdisjoint(present) or any(t(present) for t in others)
    if isinstance(pattern, m.Except):
        return _possible(pattern.base)
    if isinstance(pattern, m.Near):
        left, right = _possible(pattern.left), _possible(pattern.right)
        return lambda present: left(present) and right(present)
    if isinstance(pattern, m.Statement):
        return _possible(pattern.anchor)
    return _always  # link text: no expression to look for
