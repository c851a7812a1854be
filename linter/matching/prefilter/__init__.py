"""Which of many expressions occur in a text, in one pass: one interface, two engines.

``SetPrefilter`` (RE2 sets, linter.matching.prefilter.sets) is always
available and starts fast; ``DatabasePrefilter`` (a Hyperscan database kept
in the policy cache, linter.matching.prefilter.database) scans at full speed
from its first byte but costs a compile. Both answer the same question the
same way: ``covered`` (the expressions they answer for) and ``run(data)``
(those of them present). The run chooses through ``PrefilterMode``.
"""

from __future__ import annotations

from functools import cache

from linter.matching.prefilter.sets import SetPrefilter

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Literal, Protocol

    #: "sets": RE2 sets; "stored-database": a Hyperscan database if the
    #: cache holds one, else sets; "database": stored, or compiled and stored.
    PrefilterMode = Literal["sets", "stored-database", "database"]

    class Prefilter(Protocol):
        covered: frozenset[int]

        def run(self, data: bytes) -> set[int]: ...


@cache
def prefilter(sources: tuple[str, ...], mode: PrefilterMode = "sets") -> Prefilter:
    """The prefilter for a tuple of expressions (built once per process and mode)."""
    if mode != "sets":
        from linter.matching.prefilter.database import database_prefilter

        found = database_prefilter(sources, compile_missing=mode == "database")
        if found is not None:
            return found
    return SetPrefilter(sources)


__all__ = ["SetPrefilter", "prefilter"]
