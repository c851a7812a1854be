"""Inline suppressions: waivers written beside the copy, each with a reason.

Markdown and HTML use comments, plain text uses a ``#`` or ``//`` line::

    <!-- healthlint-disable-next-line hype-term -- quoting a journal title -->
    <!-- healthlint-disable cure-claim, hype-term -- patient's own words -->
    ...
    <!-- healthlint-enable cure-claim, hype-term -->
    # healthlint-disable-next-line hype-term -- quoting a journal title

and front matter may waive rules for the whole file::

    healthlint: {disable: [hype-term], reason: "a glossary of banned words"}

A compliance team needs to know who waived what and why, so a waiver must
name its rules (there is no "all") and give a reason after ``--``; one
without a reason waives nothing and is itself reported, as is one that
waives nothing (stale waivers would otherwise pile up) and one that names a
rule the policies do not have. Directives are read from the source text,
not from the readers' prose: comments are not copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator

from linter.common.plaindata import PlainData
from linter.common.wording import did_you_mean
from linter.documents.model import Document, line_starts
from linter.documents.text import DIRECTIVE_LINE
from linter.policy.meta_rules import MARKER, META_RULES
from linter.results.findings import Finding

Position = tuple[int, int]  # 1-based (line, column)
END = (1 << 30, 0)  # after any position in a file


VERBS = ("disable-next-line", "disable", "enable")
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_HTML_DIRECTIVE = re.compile(r"\s*(healthlint-[\w-]*)(.*)", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^\r\n]*)", re.M)
_REASON = re.compile(r"(?:^|\s)--")
_SEPARATORS = re.compile(r"[\s,]+")
_BLANK_OR_DIRECTIVE = re.compile(
    r"[ \t]*(?:(?:<!--\s*healthlint-.*?-->[ \t]*)*|(?:#+|//+)[ \t]*healthlint-.*)\Z", re.S
)


class Directive(PlainData):
    """One waiver (or ``enable``) as written, and what it covers."""

    __slots__ = (
        "verb",
        "rules",
        "reason",
        "start",
        "end",
        "text",
        "line",
        "until",
        "active",
        "used",
    )

    def __init__(
        self,
        verb: str,  # disable-next-line | disable | enable | front-matter
        rules: tuple[str, ...],
        reason: str,
        start: Position,
        end: Position,
        text: str,
        line: int = 0,  # disable-next-line: the line it waives
        until: dict[str, Position] | None = None,  # disable: rule -> range end
        active: tuple[str, ...] = (),  # rules it really waives (known, with a reason)
        used: set[str] | None = None,
    ) -> None:
        self.verb = verb
        self.rules = rules
        self.reason = reason
        self.start = start
        self.end = end
        self.text = text
        self.line = line
        self.until = {} if until is None else until
        self.active = active
        self.used = set() if used is None else used

    @property
    def name(self) -> str:
        """The directive as messages name it (front matter has its own form)."""
        return "front-matter healthlint.disable" if self.verb == "front-matter" else self.keyword

    @property
    def keyword(self) -> str:
        """The comment keyword, as the user writes it: ``healthlint-disable`` and so on."""
        return f"healthlint-{self.verb}"


class Outcome(PlainData):
    """What waivers did to one file's findings: kept, waived, and problems with the waivers."""

    __slots__ = ("findings", "suppressed", "problems")

    def __init__(
        self,
        findings: list[Finding],  # not waived
        suppressed: list[Finding],  # waived, with suppressed=True and the reason
        problems: list[Finding],  # findings about the waivers themselves
    ) -> None:
        self.findings = findings
        self.suppressed = suppressed
        self.problems = problems


def apply(
    doc: Document,
    findings: list[Finding],
    known: Collection[str],
    enabled: Callable[[str], bool] = lambda rule: True,
) -> Outcome:
    """Waive the findings the document's directives cover; report bad waivers.

    ``known`` are the rule ids of the active policies; ``enabled`` tells
    whether a rule reports in this file at all (a waiver for a rule that is
    turned off waives nothing, and the report says why).
    """
    if MARKER not in doc.source:
        return Outcome(findings, [], [])
    problems: list[Finding] = []
    directives = list(_front_matter(doc, problems))
    directives += _comments(doc)
    _pair_ranges(doc, directives, problems)
    for d in directives:
        _check(doc, d, known, problems)
    kept, waived = _waive(directives, findings)
    for d in directives:
        for rule in d.active:
            if rule not in d.used:
                problems.append(_unused(doc, d, rule, enabled(rule)))
    return Outcome(kept, waived, problems)


# --- reading directives ---------------------------------------------------------


def _comments(doc: Document) -> list[Directive]:
    out = []
    starts: list[int] = []
    for start, end, word, body in _raw_comments(doc):
        verb = word.removeprefix("healthlint-")
        rules, reason = _parse_body(body)
        text = " ".join(doc.source[start:end].split())
        d = Directive(verb, rules, reason, doc.position(start), doc.position(end), text)
        if verb == "disable-next-line":
            starts = starts or line_starts(doc.source)
            d.line = _next_copy_line(doc, end, starts)
        out.append(d)
    return out


def _raw_comments(doc: Document) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, ``healthlint-verb``, rest) of each directive comment."""
    source = doc.source
    if doc.format == "text":
        for m in DIRECTIVE_LINE.finditer(source):
            start = m.start() + len(m.group()) - len(m.group().lstrip(" \t"))
            yield start, m.start() + len(m.group().rstrip()), m.group(1), m.group(2)
        return
    code = _fenced_code(source) if doc.format == "markdown" else []
    for m in _HTML_COMMENT.finditer(source):
        d = _HTML_DIRECTIVE.match(m.group(1))
        if d is None or any(a <= m.start() < b for a, b in code):
            continue
        line_start = source.rfind("\n", 0, m.start()) + 1
        if doc.format == "markdown" and source.count("`", line_start, m.start()) % 2:
            continue  # inside a code span: an example, not a directive
        yield m.start(), m.end(), d.group(1), d.group(2)


def _fenced_code(source: str) -> list[tuple[int, int]]:
    """Offsets of Markdown fenced code blocks: directives shown as examples there."""
    ranges = []
    opened: tuple[int, str] | None = None
    for m in _FENCE.finditer(source):
        fence = m.group(1)
        if opened is None:
            opened = (m.start(), fence)
        elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]) and not m.group(2).strip():
            ranges.append((opened[0], m.end()))
            opened = None
    if opened is not None:
        ranges.append((opened[0], len(source)))
    return ranges


def _parse_body(body: str) -> tuple[tuple[str, ...], str]:
    """``RULE[, RULE] -- reason`` -> (rules, reason); the reason may be empty."""
    m = _REASON.search(body)
    rules_part, reason = (body[: m.start()], body[m.end() :]) if m else (body, "")
    rules = tuple(r for r in _SEPARATORS.split(rules_part) if r)
    return rules, " ".join(reason.split())


def _next_copy_line(doc: Document, end: int, starts: list[int]) -> int:
    """The line a disable-next-line waives: the next one that is neither blank
    nor only directives, so several waivers can stack above one line."""
    source = doc.source
    for n in range(doc.position(end)[0], len(starts)):  # n: 0-based index of the next line
        stop = starts[n + 1] if n + 1 < len(starts) else len(source)
        if not _BLANK_OR_DIRECTIVE.match(source[starts[n] : stop].rstrip("\r\n")):
            return n + 1
    return 0


def _front_matter(doc: Document, problems: list[Finding]) -> Iterator[Directive]:
    """``healthlint: {disable: [...], reason: ...}`` in front matter: the whole file."""
    if "healthlint" not in doc.front_matter:
        return
    from linter.documents.frontmatter import parse_front_matter

    front = parse_front_matter(doc.source)
    if front.syntax in ("toml", "json"):
        yield from _parsed_front_matter(doc, front.values["healthlint"], front.span, problems)
        return
    import yaml

    a, b = front.span
    try:
        root = yaml.compose(doc.source[a:b], Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        d = Directive("front-matter", (), "", doc.position(a), doc.position(b), "front matter")
        problems.append(_problem(doc, "invalid-suppression", d, f"front matter is not YAML: {exc}"))
        return
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if key.value != "healthlint":
            continue
        start, end = a + key.start_mark.index, a + value.end_mark.index
        text = " ".join(doc.source[start:end].split())
        d = Directive("front-matter", (), "", doc.position(start), doc.position(end), text)
        fields = {}
        if isinstance(value, yaml.MappingNode):
            fields = {k.value: v for k, v in value.value}
        unknown = set(fields) - {"disable", "reason"}
        if not fields or unknown:
            message = "front-matter healthlint must be {disable: [RULE, ...], reason: WHY}"
            problems.append(_problem(doc, "invalid-suppression", d, message))
            return
        rules = fields.get("disable")
        if isinstance(rules, yaml.SequenceNode):
            d.rules = tuple(str(item.value) for item in rules.value)
        elif isinstance(rules, yaml.ScalarNode) and rules.value:
            d.rules = tuple(r for r in _SEPARATORS.split(rules.value) if r)
        reason = fields.get("reason")
        if isinstance(reason, yaml.ScalarNode):
            d.reason = " ".join(str(reason.value).split())
        yield d


_FRONT_KEY = re.compile(r'^[ \t]*(?:\[healthlint\]|"?healthlint"?[ \t]*[=:])', re.M)


def _parsed_front_matter(
    doc: Document, value: object, span: tuple[int, int], problems: list[Finding]
) -> Iterator[Directive]:
    """The ``healthlint`` table of TOML or object of JSON front matter, as parsed."""
    a, b = span
    m = _FRONT_KEY.search(doc.source, a, b)
    start, end = (a, b) if m is None else (m.start(), m.end())
    text = " ".join(doc.source[start:end].split())
    d = Directive("front-matter", (), "", doc.position(start), doc.position(end), text)
    fields = value if isinstance(value, dict) else {}
    if not fields or set(fields) - {"disable", "reason"}:
        message = "front-matter healthlint must be {disable: [RULE, ...], reason: WHY}"
        problems.append(_problem(doc, "invalid-suppression", d, message))
        return
    rules = fields.get("disable")
    if isinstance(rules, list):
        d.rules = tuple(str(rule) for rule in rules)
    elif isinstance(rules, str):
        d.rules = tuple(r for r in _SEPARATORS.split(rules) if r)
    reason = fields.get("reason")
    if isinstance(reason, str):
        d.reason = " ".join(reason.split())
    yield d


# --- checking and applying --------------------------------------------------------


def _pair_ranges(doc: Document, directives: list[Directive], problems: list[Finding]) -> None:
    """Match each ``enable`` with the ``disable`` above it; unclosed ranges run to the end."""
    opened: dict[str, Directive] = {}
    for d in directives:
        if d.verb == "disable":
            for rule in d.rules:
                if rule in opened:
                    where = opened[rule].start[0]
                    message = f"{rule} is already disabled since line {where}"
                    problems.append(_problem(doc, "invalid-suppression", d, message))
                else:
                    opened[rule] = d
                    d.until[rule] = END
        elif d.verb == "enable":
            for rule in d.rules or tuple(opened):
                if rule in opened:
                    opened.pop(rule).until[rule] = d.start
                else:
                    message = f"healthlint-enable {rule} has no healthlint-disable {rule} above it"
                    problems.append(_problem(doc, "invalid-suppression", d, message))


def _check(doc: Document, d: Directive, known: Collection[str], problems: list[Finding]) -> None:
    """Report what is wrong with a waiver and set the rules it really waives."""
    if d.verb == "enable":
        return
    if d.verb not in (*VERBS, "front-matter"):
        message = (
            f"unknown directive {d.keyword} (use {', '.join('healthlint-' + v for v in VERBS)})"
        )
        problems.append(_problem(doc, "invalid-suppression", d, message))
        return
    if not d.rules:
        message = f"{d.name} names no rule: name each rule it waives (there is no 'all')"
        problems.append(_problem(doc, "invalid-suppression", d, message))
        return
    valid = []
    for rule in d.rules:
        if rule in META_RULES:
            message = f"{rule} cannot be waived inline: ignore it in the configuration instead"
        elif rule == "all":
            message = f"{d.name} all: name each rule it waives (there is no 'all')"
        elif rule not in known:
            message = f"unknown rule id {rule!r} in {d.name}{did_you_mean(rule, known)}"
        else:
            valid.append(rule)
            continue
        problems.append(_problem(doc, "invalid-suppression", d, message))
    if not d.reason or not real_reason(d.reason):
        said = "gives no reason" if not d.reason else f"gives no real reason ({d.reason!r})"
        message = (
            f"{d.name} {', '.join(d.rules)} {said}, so it waives nothing: "
            "add `-- <why this copy is acceptable>`"
        )
        problems.append(_problem(doc, "suppression-without-reason", d, message))
        return
    d.active = tuple(valid)


#: What the editor's quick fix writes for the author to replace, and its kin.
PLACEHOLDER_REASON = "reason"
_PLACEHOLDERS = frozenset(
    {PLACEHOLDER_REASON, "reasons", "why", "todo", "tbd", "fixme", "xxx", "n/a", "na", "none"}
)
#: A reason shorter than this says nothing an auditor can check ("ok", "x", "fine").
MIN_REASON_CHARS = 5


def real_reason(reason: str) -> bool:
    """Is this a reason an auditor can read, not a placeholder or a shrug?"""
    bare = reason.strip().strip("<>[]().:;!?-_ ").lower()
    return len(bare) >= MIN_REASON_CHARS and bare not in _PLACEHOLDERS and "why this" not in bare


def _waive(directives: list[Directive], findings: list[Finding]) -> tuple[list, list]:
    """Split findings into kept and waived; the most specific waiver takes each."""
    by_line: dict[tuple[int, str], Directive] = {}
    ranges: list[tuple[tuple[int, int], tuple[int, int], str, Directive]] = []
    whole_file: dict[str, Directive] = {}
    for d in directives:
        for rule in d.active:
            if d.verb == "disable-next-line":
                by_line.setdefault((d.line, rule), d)
            elif d.verb == "disable":
                ranges.append((d.end, d.until[rule], rule, d))
            else:
                whole_file.setdefault(rule, d)
    kept: list[Finding] = []
    waived: list[Finding] = []
    for f in findings:
        pos = (f.line, f.column)
        waiver = by_line.get((f.line, f.rule))
        if waiver is None:
            waiver = next((w for a, b, r, w in ranges if r == f.rule and a <= pos < b), None)
        if waiver is None:
            waiver = whole_file.get(f.rule)
        if waiver is None:
            kept.append(f)
            continue
        waiver.used.add(f.rule)
        waived.append(f.replace(suppressed=True, suppression_reason=waiver.reason))
    return kept, waived


def _unused(doc: Document, d: Directive, rule: str, enabled: bool) -> Finding:
    if d.verb == "disable-next-line":
        where = f"on line {d.line}" if d.line else "after it"
        message = f"{d.name} {rule}: no {rule} finding starts {where}; remove the waiver"
    elif d.verb == "disable":
        message = f"{d.name} {rule}: no {rule} finding in its range; remove the waiver"
    else:
        message = f"{d.name} {rule}: no {rule} finding in this file; remove the waiver"
    if not enabled:
        message += f" ({rule} is not enabled for this file)"
    return _problem(doc, "unused-suppression", d, message)


def _problem(doc: Document, rule: str, d: Directive, message: str) -> Finding:
    return Finding(
        path=doc.path,
        rule=rule,
        severity=META_RULES[rule].severity,
        message=message,
        line=d.start[0],
        column=d.start[1],
        end_line=d.end[0],
        end_column=d.end[1],
        match=d.text,
        sentence=d.text,
    )
