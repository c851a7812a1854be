"""What the editor shows about a rule: its link and its hover text.

The first URL of the rule's references (``linter.policy.references``) becomes the
diagnostic's link, and each reference becomes a Markdown link in the hover.
"""

from __future__ import annotations

import re

from linter.policy.model import Rule
from linter.policy.references import Reference
from linter.results.findings import Finding

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _escape(text: str) -> str:
    """Policy prose is plain text: keep Markdown from reading it as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def reference_markdown(reference: str) -> str:
    """``Title — URL`` as a Markdown link; plain text when it has no URL."""
    ref = Reference.parse(reference)
    if ref.url is None:
        return _escape(reference)
    link = f"[{_escape(ref.title or ref.url)}]({ref.url})"
    return f"{link} {_escape(ref.rest)}" if ref.rest else link


def hover_markdown(finding: Finding, rule: Rule | None, suggestion: str = "") -> str:
    """The hover for one finding: what is wrong, why, where it is written, how to fix it."""
    title = rule.title if rule and rule.title else finding.rule
    parts = [
        f"**{_escape(title)}** · `{finding.rule}` · {finding.severity}",
        _escape(finding.message),
    ]
    if rule and rule.rationale:
        parts.append(_escape(rule.rationale.strip()))
    if finding.references:
        refs = "\n".join(f"- {reference_markdown(r)}" for r in finding.references)
        parts.append(f"**References**\n\n{refs}")
    if suggestion:
        parts.append(f"**Suggestion:** {_escape(suggestion)}")
    return "\n\n".join(parts)


def hover_plaintext(finding: Finding, rule: Rule | None, suggestion: str = "") -> str:
    """The same hover for clients that cannot show Markdown."""
    title = rule.title if rule and rule.title else finding.rule
    parts = [f"{title} [{finding.rule}] {finding.severity}", finding.message]
    if rule and rule.rationale:
        parts.append(rule.rationale.strip())
    if finding.references:
        parts.append("References:\n" + "\n".join(f"- {r}" for r in finding.references))
    if suggestion:
        parts.append(f"Suggestion: {suggestion}")
    return "\n\n".join(parts)
