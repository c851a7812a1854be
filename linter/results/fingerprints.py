"""Stable identities for findings, shared by SARIF and the baseline.

A fingerprint is the rule, the path and the normalised sentence around the
match: moving a sentence to another line keeps its fingerprint, rewording it
makes a new one. Repeats of the same sentence are told apart by occurrence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from linter.common.digest import sha256
from linter.documents.model import matching_form
from linter.results.findings import Finding

_NON_WORD = re.compile(r"[^\w]+")


def normalise_sentence(sentence: str) -> str:
    """Lower-case words only: spacing, quotes and punctuation do not matter."""
    return _NON_WORD.sub(" ", matching_form(sentence).lower()).strip()


def fingerprint(finding: Finding, occurrence: int = 0) -> str:
    """A finding's stable identity: rule, path and normalised sentence, plus its occurrence."""
    key = "\0".join(
        (
            finding.rule,
            finding.path.replace("\\", "/"),
            normalise_sentence(finding.sentence or finding.match),
        )
    )
    if occurrence:
        key += f"\0{occurrence}"
    return sha256(key.encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """Fingerprints of findings in order; the n-th repeat of a sentence gets n."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for f in findings:
        key = (f.rule, f.path, normalise_sentence(f.sentence or f.match))
        out.append(fingerprint(f, seen[key]))
        seen[key] += 1
    return out
