"""Which rules report, and how loudly, for one file.

The engine reports what every rule of the policy finds; this stage, run
between the engine and the formatter, applies what a configuration file and
the command line chose: severity overrides, then ``select``/``ignore``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from linter.common.plaindata import PlainData
from linter.results.findings import Finding


class RuleFilter(PlainData):
    """``select`` None means every rule; ``ignore`` always wins over ``select``."""

    __slots__ = ("select", "ignore", "severity")

    def __init__(
        self,
        select: frozenset[str] | None = None,
        ignore: frozenset[str] = frozenset(),
        severity: Mapping[str, str] | None = None,
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.severity = {} if severity is None else severity

    def enabled(self, rule: str) -> bool:
        """Does this rule report at all here?"""
        return rule not in self.ignore and (self.select is None or rule in self.select)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of enabled rules, each at its chosen severity."""
        out = []
        for f in findings:
            if not self.enabled(f.rule):
                continue
            level = self.severity.get(f.rule)
            out.append(f if level in (None, f.severity) else f.replace(severity=level))
        return out

    def then(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        severity: Mapping[str, str] | None = None,
    ) -> RuleFilter:
        """This filter refined by a later layer: its select replaces, ignores add up."""
        return RuleFilter(
            self.select if select is None else frozenset(select),
            self.ignore | frozenset(ignore),
            {**self.severity, **(severity or {})},
        )
