"""``check --fix`` and ``--diff``: the safe fixes, written or shown.

The one safe fix is the language server's "Insert suggested disclosure":
a require rule's suggestion inserted at a paragraph boundary after the
trigger's block (``linter.lsp.edits.disclosure_fix``; one implementation
for both). A claim's words are never touched, so ``find`` findings are
only reported. Each file is rewritten once, atomically, in its own
encoding and line endings; a file that changed since it was linted, or
that is not cleanly UTF-8 or UTF-16, is left alone.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable

from linter.common.errors import ReadError
from linter.common.plaindata import PlainData
from linter.documents import format_for_path, read_source
from linter.documents.decode import decode
from linter.lsp.edits import Insertion, apply_insertions, disclosure_fix
from linter.lsp.positions import LineIndex
from linter.policy.model import Policy
from linter.results.findings import Finding

#: Formats whose disclosure goes in as a paragraph of the copy; code and data
#: files (JSX, TSX, JSON, scripts) hold copy inside code, where inserted text
#: would break the program.
FIXABLE_FORMATS = frozenset({"markdown", "text", "html"})

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class FileFix(PlainData):
    """One file's fix: its text before and after, and how to write it back."""

    __slots__ = ("path", "before", "after", "fixed", "bom", "encoding")

    def __init__(
        self, path: str, before: str, after: str, fixed: int, bom: bytes, encoding: str
    ) -> None:
        self.path = path
        self.before = before
        self.after = after
        self.fixed = fixed  # findings this fix answers
        self.bom = bom
        self.encoding = encoding

    def data(self) -> bytes:
        """The fixed file as stored: its BOM, if it had one, and its own encoding."""
        return self.bom + self.after.encode(self.encoding)


def plan_fixes(findings: Iterable[Finding], policy: Policy | None) -> list[FileFix]:
    """The fixes for a run's findings, one per file that has something to fix."""
    if policy is None:
        return []
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        rule = policy.rule(finding.rule)
        if rule is not None and rule.shape == "require" and rule.suggestion:
            by_path.setdefault(finding.path, []).append(finding)
    fixes = []
    for path, found in by_path.items():
        fix = _fix_file(path, found, policy)
        if fix is not None:
            fixes.append(fix)
    return fixes


def _fix_file(path: str, findings: list[Finding], policy: Policy) -> FileFix | None:
    fmt = format_for_path(path) or "text"
    if fmt not in FIXABLE_FORMATS or not os.path.isfile(path):
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        text = decode(data, path)
    except (OSError, ReadError):  # unreadable now, or lossy: leave it as it is
        return None
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
    doc = read_source(path, text, fmt)
    index = LineIndex(text)
    insertions: list[Insertion] = []
    fixed = 0
    for finding in findings:
        offset = index.offset_of(finding.line, finding.column)
        insertion = disclosure_fix(doc, offset, policy.rule(finding.rule), finding.match)
        if insertion is not None:
            insertions.append(insertion)
            fixed += 1
    after = apply_insertions(text, insertions)
    if after == text:
        return None
    return FileFix(path, text, after, fixed, bom, encoding)


def write_fixes(fixes: list[FileFix]) -> None:
    """Rewrite each fixed file, atomically."""
    from linter.common.atomic import write_bytes_atomically

    for fix in fixes:
        write_bytes_atomically(fix.path, fix.data(), "fixed file")


def unified_diff(fixes: list[FileFix]) -> str:
    """What the fixes change, as ``diff -u`` prints it (a/ and b/ prefixes, as git)."""
    import difflib

    out: list[str] = []
    for fix in fixes:
        name = fix.path.replace(os.sep, "/")
        lines = difflib.unified_diff(
            fix.before.splitlines(keepends=True),
            fix.after.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
        for line in lines:
            out.append(
                line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            )
    return "".join(out)
