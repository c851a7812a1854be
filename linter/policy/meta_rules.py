"""The rules about waivers themselves, and the word every waiver starts with.

Kept apart from ``linter.results.suppressions`` so that configuration checks and a
run over files without a single waiver need not load the directive reader.
"""

from __future__ import annotations

from linter.common.plaindata import PlainData

#: Every directive starts with this word: a file without it has no waiver.
MARKER = "healthlint"


class MetaRule(PlainData):
    """A rule about the waivers themselves; configurable like any policy rule."""

    __slots__ = ("id", "severity", "title", "rationale")

    def __init__(self, id: str, severity: str, title: str, rationale: str) -> None:
        self.id = id
        self.severity = severity
        self.title = title
        self.rationale = rationale


META_RULES = {
    rule.id: rule
    for rule in (
        MetaRule(
            "suppression-without-reason",
            "warning",
            "A suppression gives no reason",
            "An audit needs to know why each finding was waived; a waiver without a "
            "reason waives nothing until one is added after `--`.",
        ),
        MetaRule(
            "unused-suppression",
            "warning",
            "A suppression waives nothing",
            "A waiver whose finding is gone (the copy was fixed or moved) would "
            "silently waive a future claim in the same place; remove it.",
        ),
        MetaRule(
            "invalid-front-matter",
            "warning",
            "Front matter that does not parse",
            "A page opens a front-matter block (--- or +++) that is never closed or "
            "is not valid YAML or TOML: its title and description are read as copy of "
            "the page, and any waiver in it is ignored. Fix the block so the site and "
            "the linter read it alike.",
        ),
        MetaRule(
            "invalid-suppression",
            "warning",
            "A suppression cannot be understood",
            "An unknown directive or rule id, a waiver that names no rule, or an "
            "enable without a disable: the waiver does not do what its author meant.",
        ),
    )
}
