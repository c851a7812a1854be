"""Baselines: today's findings on record, so a gate can start with new ones only.

A site with hundreds of legacy pages cannot fix them all before turning the
gate on. ``healthlint baseline create`` records each current finding by
fingerprint (rule, path and normalised sentence: see linter.results.fingerprints), and
``check --baseline`` reports only findings whose fingerprint is not on record.
Moving a sentence keeps its fingerprint; rewording it makes it new.

Paths are recorded relative to the baseline file's folder, so the baseline
works whichever folder the command runs from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime

from linter import __version__
from linter.common.errors import ConfigError
from linter.common.wording import display_path
from linter.results.findings import Finding
from linter.results.fingerprints import fingerprints

FORMAT = 1


def _fingerprinted(findings: Iterable[Finding], baseline: str) -> list[tuple[str, Finding, str]]:
    """(fingerprint, finding, path as recorded) in source order, which numbers repeats."""
    folder = os.path.dirname(os.path.abspath(baseline))
    rows = sorted(
        ((_relative(f.path, folder), f) for f in findings),
        key=lambda row: (row[0], *row[1].sort_key()[1:]),
    )
    recorded = [f.replace(path=rel) for rel, f in rows]
    return [(fp, f, rel) for fp, (rel, f) in zip(fingerprints(recorded), rows, strict=True)]


def _relative(path: str, folder: str) -> str:
    return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")


def create(path: str, findings: Iterable[Finding]) -> int:
    """Write the baseline; returns how many findings it records."""
    entries = [
        {
            "fingerprint": fp,
            "rule": f.rule,
            "path": rel,
            "line": f.line,
            "match": f.match,
        }
        for fp, f, rel in _fingerprinted(findings, path)
    ]
    data = {
        "tool": {"name": "healthlint", "version": __version__},
        "format": FORMAT,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "findings": entries,
    }
    from linter.common.atomic import write_bytes_atomically

    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_bytes_atomically(path, text.encode("utf-8"), "baseline")  # missing folders made
    return len(entries)


def load(path: str) -> frozenset[str]:
    """The fingerprints a baseline records; ConfigError when it is missing or malformed."""
    shown = display_path(os.path.abspath(path))
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigError(f"cannot read baseline: {reason}", shown) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"baseline is not JSON: {exc.msg}", shown, exc.lineno, exc.colno
        ) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(
            "not a healthlint baseline: no `findings` list "
            "(create one with `healthlint baseline create FILE PATHS`)",
            shown,
        )
    out = set()
    for i, entry in enumerate(entries):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise ConfigError(f"not a healthlint baseline: findings[{i}] has no fingerprint", shown)
        out.add(fp)
    return frozenset(out)


def new_findings(
    findings: list[Finding], recorded: frozenset[str], path: str
) -> tuple[list[Finding], int]:
    """The findings not on record, in their order, and how many were on record."""
    old = {id(f) for fp, f, _ in _fingerprinted(findings, path) if fp in recorded}
    return [f for f in findings if id(f) not in old], len(old)
