"""``--format html``: one self-contained review page for the people who own the policies.

Medical, legal and regulatory reviewers judge a page by reading it with the
problems marked, so the page shows each file's copy as the reader extracted
it (headings, paragraphs, list items, front-matter fields, in order) with
every finding highlighted in place, numbered, and explained beside it:
message, rule title, rationale, references and suggestion. Waived findings
of an audit are struck through with their reason.

This module knows HTML only. The copy comes from a ``CopyReader`` the
caller passes in (linter.app.review reads the files named in the report and
locates each finding in the blocks), so formats never read documents.
Everything from copy and policies is escaped: Jinja2 autoescapes the page,
the highlighted copy is escaped piece by piece, links are made only from
http(s) URLs of policy references, and a Content-Security-Policy lets no
script run but the page's own filter, whose hash it names.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import pairwise

from linter.common.plaindata import PlainData
from linter.formats.records import TOOL, RuleInfo, marked, rules_used, summary
from linter.policy.references import Reference
from linter.results.findings import Finding
from linter.results.report import Report

SEVERITY_ORDER = ("error", "warning", "info")


class CopyBlock(PlainData):
    """One block of copy as the reader extracted it (see linter.documents.model.Block)."""

    __slots__ = ("kind", "text", "level", "name")

    def __init__(self, kind: str, text: str, level: int = 0, name: str | None = None) -> None:
        self.kind = kind
        self.text = text
        self.level = level
        self.name = name


class Span(PlainData):
    """Where a finding lies in the copy: a block's index and a range of its text."""

    __slots__ = ("block", "start", "end")

    def __init__(self, block: int, start: int, end: int) -> None:
        self.block = block
        self.start = start
        self.end = end


class FileCopy(PlainData):
    """A file's copy and, for each finding asked about, its span (None: not in the copy).

    ``problem`` is one line for the reader when the copy cannot be shown or
    no longer matches the report (missing, unreadable, changed since).
    """

    __slots__ = ("blocks", "spans", "problem")

    def __init__(
        self, blocks: list[CopyBlock], spans: list[Span | None], problem: str = ""
    ) -> None:
        self.blocks = blocks
        self.spans = spans
        self.problem = problem


#: (path, its findings in report order) -> the copy with one span per finding.
CopyReader = Callable[[str, Sequence[Finding]], FileCopy]


class HtmlFormat:
    """The ``html`` format: a Report in, the review page out."""

    def __init__(self, read_copy: CopyReader, origin: str = "") -> None:
        self.read_copy = read_copy
        self.origin = origin  # where the findings came from, when not this run

    def __call__(self, report: Report) -> str:
        """The page for ``report``: a formatter, as the other formats' render functions."""
        return render(report, self.read_copy, origin=self.origin)


def render(
    report: Report, read_copy: CopyReader, origin: str = "", now: datetime | None = None
) -> str:
    """The whole page as one string."""
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True)
    env.filters["references"] = _references
    page = _page(report, read_copy, origin, now or datetime.now().astimezone())
    script = _SCRIPT.strip()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    # The style sheet and script are this module's constants, not data: not escaped.
    return env.from_string(_template_text()).render(
        page=page, css=Markup(_CSS), script=Markup(script), script_hash=f"sha256-{digest}"
    )


def _template_text() -> str:
    """The page's Jinja2 template, shipped beside this module."""
    import os

    with open(os.path.join(os.path.dirname(__file__), _TEMPLATE_FILE), encoding="utf-8") as fh:
        return fh.read()


_TEMPLATE_FILE = "review.html.j2"


class _Note(PlainData):
    """A numbered finding as the page shows it."""

    __slots__ = ("number", "finding", "waived", "rule", "span", "explained_at")

    def __init__(
        self,
        number: int,
        finding: Finding,
        waived: bool,
        rule: RuleInfo,
        span: Span | None,
        explained_at: int | None = None,  # the note of its file that explains the rule
    ) -> None:
        self.number = number
        self.finding = finding
        self.waived = waived
        self.rule = rule
        self.span = span
        self.explained_at = explained_at


def _page(report: Report, read_copy: CopyReader, origin: str, now: datetime) -> dict:
    rules = {r.id: r for r in rules_used(report)}
    by_path: dict[str, list[tuple[Finding, bool]]] = {}
    for finding, waived in marked(report):
        by_path.setdefault(finding.path, []).append((finding, waived))
    files, number = [], 0
    for path, items in by_path.items():
        copy = _copy(read_copy, path, [f for f, _ in items])
        notes = []
        for (finding, waived), span in zip(items, copy.spans, strict=True):
            number += 1
            rule = rules.get(finding.rule) or RuleInfo(finding.rule, finding.severity)
            notes.append(_Note(number, finding, waived, rule, span))
        files.append(_file(path, copy, notes, len(files) + 1))
    errors_by_path = {e.path: e for e in report.errors}
    for file in files:
        error = errors_by_path.pop(file["path"], None)
        if error is not None:
            file["problems"].insert(0, str(error))
    shown = set(by_path)
    clean = [p for p in report.fail_on if p not in shown and p not in errors_by_path]
    unnamed = max(report.files - len(shown) - len(errors_by_path) - len(clean), 0)
    return {
        "title": _title(report),
        "tool": TOOL,
        "date": now.strftime("%Y-%m-%d %H:%M %Z").strip(),
        "origin": origin,
        "summary": summary(report),
        "severities": SEVERITY_ORDER,
        "by_rule": _by_rule(report, rules),
        "packs": _packs(report),
        "listed_waived": len(report.suppressed),
        "files": files,
        "unread": list(errors_by_path.values()),
        "clean": sorted(clean),
        "unnamed_clean": unnamed,
    }


def _copy(read_copy: CopyReader, path: str, findings: list[Finding]) -> FileCopy:
    """The reader's copy; a reader that fails costs this file's copy, not the page."""
    try:
        copy = read_copy(path, findings)
    except Exception as exc:
        return FileCopy([], [None] * len(findings), f"the copy cannot be shown: {exc}")
    if len(copy.spans) != len(findings):
        return FileCopy(copy.blocks, [None] * len(findings), copy.problem)
    return copy


def _title(report: Report) -> str:
    n = report.files
    return f"healthlint review: {n} file{'s' if n != 1 else ''}"


def _file(path: str, copy: FileCopy, notes: list[_Note], index: int) -> dict:
    by_block: dict[int, list[_Note]] = {}
    loose = []
    explained: dict[str, int] = {}  # a rule's rationale and references once per file
    for note in notes:
        note.explained_at = explained.setdefault(note.finding.rule, note.number)
        if note.explained_at == note.number:
            note.explained_at = None
        span = note.span
        if span is None or not 0 <= span.block < len(copy.blocks) or span.start >= span.end:
            note.span = None
            loose.append(note)
        else:
            by_block.setdefault(span.block, []).append(note)
    rows = [
        {
            "block": block,
            "label": _label(block),
            "html": _marked(block.text, by_block.get(i, [])),
            "notes": by_block.get(i, []),
        }
        for i, block in enumerate(copy.blocks)
    ]
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for note in notes:
        if not note.waived:
            counts[note.finding.severity] = counts.get(note.finding.severity, 0) + 1
    waived = sum(1 for n in notes if n.waived)
    return {
        "path": path,
        "anchor": f"file-{index}",
        "problems": [copy.problem] if copy.problem else [],
        "rows": rows,
        "loose": loose,
        "counts": counts,
        "waived": waived,
    }


_KIND_LABELS = {
    "paragraph": "¶",
    "list_item": "•",
    "quote": "quote",
    "table_cell": "cell",
    "title": "title",
    "alt": "alt",
}


def _label(block: CopyBlock) -> str:
    """A short gutter label saying what the block was in the file."""
    if block.kind == "heading":
        return f"H{block.level}" if block.level else "heading"
    if block.kind in ("field", "meta"):
        return f"{block.name}:" if block.name else block.kind
    return _KIND_LABELS.get(block.kind, block.kind)


def _marked(text: str, notes: list[_Note]) -> str:
    """The block's text, escaped, with a <mark> per finding; crossing spans are split.

    Marks nest where spans nest. At each boundary the open marks that no
    longer cover the next piece are closed and the missing ones opened, outer
    (earlier, longer) first; a finding's first piece carries its number.
    """
    from markupsafe import Markup, escape

    if not notes:
        return Markup(escape(text))
    spans = sorted(notes, key=lambda n: (n.span.start, -n.span.end, n.number))
    cuts = sorted({0, len(text), *(n.span.start for n in spans), *(n.span.end for n in spans)})
    opened: list[_Note] = []
    started: set[int] = set()
    out: list[str] = []
    for a, b in pairwise(cuts):
        want = [n for n in spans if n.span.start <= a and b <= n.span.end]
        keep = 0
        while keep < min(len(opened), len(want)) and opened[keep] is want[keep]:
            keep += 1
        out.append("</mark>" * (len(opened) - keep))
        del opened[keep:]
        for note in want[keep:]:
            out.append(_open_mark(note, first=note.number not in started))
            started.add(note.number)
            opened.append(note)
        out.append(str(escape(text[a:b])))
    out.append("</mark>" * len(opened))
    return Markup("".join(out))


def _open_mark(note: _Note, first: bool) -> str:
    from markupsafe import escape

    f = note.finding
    classes = f"hl sev-{escape(f.severity)}" + (" waived" if note.waived else "")
    title = escape(f"{note.number}. {f.severity} [{f.rule}] {f.message}")
    where = f' id="f{note.number}" data-n="{note.number}"' if first else ""
    return f'<mark class="{classes}" data-finding="{note.number}"{where} title="{title}">'


def _by_rule(report: Report, rules: dict[str, RuleInfo]) -> list[dict]:
    """Per rule, findings that count by severity, for the bar chart (most first)."""
    counts: dict[str, dict[str, int]] = {}
    for f in report.findings:
        per = counts.setdefault(f.rule, dict.fromkeys(SEVERITY_ORDER, 0))
        per[f.severity] = per.get(f.severity, 0) + 1
    top = max((sum(c.values()) for c in counts.values()), default=0)
    rows = []
    for rule_id, per in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        total, x, bars = sum(per.values()), 0.0, []
        for severity in SEVERITY_ORDER:
            width = 100.0 * per.get(severity, 0) / top if top else 0.0
            if width:
                bars.append({"severity": severity, "x": round(x, 2), "width": round(width, 2)})
            x += width
        info = rules.get(rule_id)
        rows.append(
            {"id": rule_id, "title": info.title if info else "", "total": total, "bars": bars}
        )
    return rows


def _packs(report: Report) -> list[dict]:
    if report.policy is None:
        return []
    from linter.policy.packs import packs

    found = packs(report.policy.sources)
    if not found:
        return [{"name": report.policy.name, "version": "", "source": ""}]
    return [{"name": p.name, "version": p.version, "source": p.source} for p in found]


def _references(references: Sequence[str]) -> list[Reference]:
    return [Reference.parse(r) for r in references]


_SCRIPT = """
(function () {
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  bar.hidden = false;
  var boxes = bar.querySelectorAll("input[data-hide]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (event) {
      var box = event.target;
      document.body.classList.toggle("hide-" + box.getAttribute("data-hide"), !box.checked);
    });
  }
})();
"""

_CSS = """
:root { --err: #b3261e; --err-bg: #fde2e0; --warn: #8a5a00; --warn-bg: #fff0c2;
  --info: #1d5fa8; --info-bg: #dcebff; --muted: #5f6368; --rule: #d0d4d9; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  margin: 0 auto; padding: 1.5rem; max-width: 78rem; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0; overflow-wrap: anywhere; }
.meta, .muted { color: var(--muted); }
.summary { border: 1px solid var(--rule); border-radius: 8px; padding: 1rem 1.25rem;
  margin: 1rem 0 1.5rem; }
.summary h3 { font-size: 1rem; margin: 1rem 0 .35rem; }
.tally { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .5rem 0 0; padding: 0;
  list-style: none; }
.tally li b { font-size: 1.3rem; margin-right: .25rem; }
table.rules { border-collapse: collapse; width: 100%; }
table.rules td, table.rules th { padding: .2rem .5rem; text-align: left; vertical-align: middle;
  border-bottom: 1px solid #eef0f2; }
table.rules td.n { text-align: right; font-variant-numeric: tabular-nums; width: 4rem; }
table.rules td.chart { width: 40%; }
svg.bar { display: block; width: 100%; height: 14px; }
svg.bar .sev-error, .key .sev-error { fill: var(--err); }
svg.bar .sev-warning, .key .sev-warning { fill: var(--warn); }
svg.bar .sev-info, .key .sev-info { fill: var(--info); }
.sev { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .03em; padding: 0 .4rem; border-radius: 4px; }
.sev.sev-error { background: var(--err-bg); color: var(--err); }
.sev.sev-warning { background: var(--warn-bg); color: var(--warn); }
.sev.sev-info { background: var(--info-bg); color: var(--info); }
#filters { margin: 0 0 1rem; }
#filters label { margin-right: 1rem; }
section.file { border-top: 3px solid var(--rule); padding: 1rem 0 .5rem; margin-top: 1rem; }
.problem { background: #fff4e5; border-left: 4px solid var(--warn); padding: .35rem .75rem;
  margin: .5rem 0; }
.body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
  column-gap: 1.25rem; }
.t { grid-column: 1; margin: 0; padding: .3rem 0 .3rem 3.6rem; position: relative;
  white-space: pre-wrap; overflow-wrap: anywhere; border-top: 1px dashed #eef0f2; }
.t::before { content: attr(data-k); position: absolute; left: 0; width: 3.1rem;
  text-align: right; color: var(--muted); font-size: .75rem; padding-top: .2rem;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.t.loose { color: var(--muted); }
.k-heading { font-weight: 700; font-size: 1.08rem; }
.k-field, .k-meta, .k-title, .k-alt { font-style: italic; }
mark.hl { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.hl[data-n]::before { content: attr(data-n); font-size: .68rem; font-weight: 700;
  vertical-align: super; margin-right: 2px; color: #fff; border-radius: 3px; padding: 0 3px; }
mark.sev-error { background: var(--err-bg); border-bottom: 2px solid var(--err); }
mark.sev-error[data-n]::before { background: var(--err); }
mark.sev-warning { background: var(--warn-bg); border-bottom: 2px solid var(--warn); }
mark.sev-warning[data-n]::before { background: var(--warn); }
mark.sev-info { background: var(--info-bg); border-bottom: 2px solid var(--info); }
mark.sev-info[data-n]::before { background: var(--info); }
mark.waived { background: #eceff1; border-bottom: 2px dotted var(--muted);
  text-decoration: line-through; }
mark.waived[data-n]::before { background: var(--muted); }
.notes { grid-column: 2; margin: 0; padding: .3rem 0 0; list-style: none;
  border-top: 1px dashed #eef0f2; }
.note { border-left: 4px solid var(--rule); padding: .2rem .6rem; margin: 0 0 .5rem;
  font-size: .9rem; }
.note.sev-error { border-color: var(--err); }
.note.sev-warning { border-color: var(--warn); }
.note.sev-info { border-color: var(--info); }
.note p { margin: .15rem 0; }
.note .num { font-weight: 700; text-decoration: none; color: inherit; }
.note code { font-size: .8rem; }
.note.waived { border-color: var(--muted); }
.note.waived .msg { text-decoration: line-through; color: var(--muted); }
.reason { font-weight: 600; }
.note ul.refs { margin: .15rem 0; padding-left: 1.1rem; }
.where { color: var(--muted); font-size: .8rem; }
details.clean ul { columns: 2 22rem; font-size: .85rem; }
.hide-info .note.sev-info, .hide-warning .note.sev-warning, .hide-error .note.sev-error,
.hide-waived .note.waived { display: none; }
.hide-info mark.sev-info, .hide-warning mark.sev-warning, .hide-error mark.sev-error,
.hide-waived mark.waived { background: none; border: 0; text-decoration: none; }
.hide-info mark.sev-info::before, .hide-warning mark.sev-warning::before,
.hide-error mark.sev-error::before, .hide-waived mark.waived::before { display: none; }
@media (max-width: 760px) {
  .body { grid-template-columns: minmax(0, 1fr); }
  .notes { grid-column: 1; }
}
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  #filters { display: none; }
  .t, .note, .summary { break-inside: avoid; }
  section.file h2 { break-after: avoid; }
  .note ul.refs a[href]::after { content: " (" attr(href) ")"; font-size: .8em;
    overflow-wrap: anywhere; }
}
"""
