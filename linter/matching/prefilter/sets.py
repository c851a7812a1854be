"""The prefilter as RE2 sets: which of many expressions occur in a text."""

from __future__ import annotations

import re2

from linter.matching.expressions import anchored_to_text
from linter.policy.regexes import OPTIONS

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any


class SetPrefilter:
    """Which of many expressions occur in a text, a handful of them per pass.

    An ``re2.Set`` answers "which of these match anywhere?" in one pass, but
    its DFA grows with every expression added: one set of the bundled pack's
    58 trigger expressions outgrows RE2's state cache and crawls, a bigger
    cache costs memory and a slow start in every worker, and single
    expressions pay a pass each. Sets of at most ``chunk`` are the fastest,
    started cold or warm (measured on the corpus with the pack's 58: 0.31 s
    for sets of 10, 0.48 s for 17, 1.0 s for single expressions; see
    docs/performance.md).
    """

    def __init__(self, sources: tuple[str, ...], chunk: int = 10) -> None:
        self.sources = sources
        self._sets: list[tuple[Any, tuple[int, ...]]] = []  # a set, and its sources' positions
        usable = [i for i, s in enumerate(sources) if not anchored_to_text(s)]
        sets = -(-len(usable) // chunk)  # as few sets as chunk allows, evenly filled
        size = -(-len(usable) // sets) if sets else chunk
        for k in range(0, len(usable), size):
            part = tuple(usable[k : k + size])
            try:
                found = re2.Set.SearchSet(OPTIONS)
                for i in part:
                    found.Add(f"(?m){sources[i]}")
                found.Compile()
            except re2.error:  # too big for one set: those expressions are searched singly
                continue
            self._sets.append((found, part))
        #: Positions (in ``sources``) of the expressions the sets answer for.
        self.covered = frozenset(i for _, part in self._sets for i in part)

    def run(self, data: bytes) -> set[int]:
        """Positions of the covered expressions that match somewhere in ``data``."""
        present: set[int] = set()
        for found, part in self._sets:
            for i in found.Match(data) or ():
                present.add(part[i])
        return present
