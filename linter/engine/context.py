"""What one run decided that the engine must know, passed down explicitly.

The runner builds one ``RunContext`` per run and hands it to every
``lint_document`` call (and to worker processes with their jobs); nothing
about a run is kept in module globals, so two runs in one process, or a
library caller and a test, never see each other's choices.
"""

from __future__ import annotations

from linter.common.plaindata import PlainData

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from linter.matching.prefilter import PrefilterMode


class RunContext(PlainData):
    """Run-wide switches for the engine."""

    __slots__ = ("prefilter", "prefilter_raw")

    def __init__(self, prefilter: PrefilterMode = "sets", prefilter_raw: bool = False) -> None:
        #: Where prefilters come from (see linter.matching.prefilter): RE2 sets
        #: by default (the library, the language server); for a command-line
        #: run a Hyperscan database kept in the cache, compiled only when the
        #: policy came out of a cache that lasts between runs.
        self.prefilter = prefilter
        #: Skip web archive pages whose raw bytes hold no trigger, unread
        #: (--prefilter-raw; a heuristic, see linter.engine.triggers.may_fire).
        self.prefilter_raw = prefilter_raw


#: A lint in a lasting process (the library, the language server): RE2 prefilter sets.
DEFAULT_CONTEXT = RunContext()
