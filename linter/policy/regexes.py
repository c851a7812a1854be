"""The table of distinct regular expressions a policy uses, and compiling them.

Every expression is RE2 syntax and runs on RE2, so matching time is linear in
the text whatever a policy author writes: no expression can hang a run.
"""

from __future__ import annotations

from functools import cache

import re2

OPTIONS = re2.Options()
OPTIONS.log_errors = False  # errors are reported as policy errors, not logged
# RE2's default budget (8 MiB) leaves its DFA too little room for a large
# alternation with counted repeats (a lexicon of citation forms): the search
# falls back to the NFA, four times slower on that lexicon. The DFA's states
# are built only as text needs them, so a larger budget costs memory only
# where it is used (1-3 MB more at the peak of a corpus run, measured).
OPTIONS.max_mem = 64 << 20


@cache
def compiled(source: str) -> re2._Regexp:
    """The compiled RE2 object for an expression (cached per process)."""
    return re2.compile(source, OPTIONS)


def check_regex(source: str) -> None:
    """Raise LiteralError when RE2 cannot compile ``source``."""
    from linter.policy.phrases import LiteralError  # compiling a policy only: runs skip it

    try:
        compiled(source)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise LiteralError(
            f"invalid regex ({detail}; lookarounds and backreferences are not supported)"
        ) from None


class RegexTable:
    """Deduplicated expression sources, each checked as it is added."""

    def __init__(self, sources: list[str] | None = None) -> None:
        self.sources: list[str] = list(sources or [])
        self._index = {s: i for i, s in enumerate(self.sources)}

    def add(self, source: str) -> int:
        """The index of ``source``, added once; LiteralError if RE2 cannot compile it."""
        if source in self._index:
            return self._index[source]
        check_regex(source)
        self._index[source] = len(self.sources)
        self.sources.append(source)
        return self._index[source]
