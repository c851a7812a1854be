"""Reading policy YAML into compiled rules, with file:line:col for every error.

YAML is composed (never constructed), so no tag can build a Python object and
every value keeps its position. Aliases are followed with a budget, so an
alias bomb is refused before it expands.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import yaml

from linter.common.errors import PolicyError
from linter.policy import model as m
from linter.policy.language import CheckCompiler
from linter.policy.messages import check_template
from linter.policy.regexes import RegexTable

MAX_NODES = 200_000
MAX_POLICY_BYTES = 5_000_000

_TOP_KEYS = {"name", "version", "jurisdiction", "description", "lexicons", "rules", "sources"}
#: A lexicon read from a list file beside the policy: ``brands: {file: brands.txt}``.
_LIST_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$")
MAX_LIST_BYTES = 1_000_000
_RULE_KEYS = {
    "id",
    "title",
    "severity",
    "message",
    "check",
    "rationale",
    "references",
    "suggestion",
    "examples",
    "tags",
}
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LEXICON_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_EXAMPLE_FORMATS = {"markdown", "text", "html"}
_EXAMPLE_KEYS = {"text", "format", "severity", "why"}
#: A reference that cites a pack's bibliography (``sources:``) by key: "[ftc-2022]".
_CITATION = re.compile(r"^\[([A-Za-z0-9][A-Za-z0-9._-]*)\]$")
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}
_ALLOWED_TAGS = _PLAIN_TAGS | {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}

# The C loader is ten times faster; fall back where libyaml is missing.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _File:
    """A policy file's text, with helpers to raise errors at YAML positions."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = text.splitlines()
        self._starts = [0, *(mm.end() for mm in re.finditer(r"\r\n|\r|\n", text))]
        self.nodes_seen = 0

    def position(self, index: int) -> tuple[int, int]:
        i = bisect_right(self._starts, index) - 1
        return i + 1, index - self._starts[i] + 1

    def fail_at(self, index: int, message: str) -> NoReturn:
        line, col = self.position(index)
        src = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        raise PolicyError(message, self.path, line, col, src)

    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        self.fail_at(node.start_mark.index, message)

    def count(self, node: yaml.Node) -> None:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            self.fail(
                node, f"policy is too large or uses too many aliases (over {MAX_NODES} values)"
            )
        if node.tag not in _ALLOWED_TAGS:
            self.fail(node, f"YAML tag {node.tag!r} is not allowed in policies")


def load_policy_files(paths: Sequence[str] | Sequence[Path]) -> m.Policy:
    """Compile the policy files together: lexicons and rule ids are shared.

    A file is either a policy (``name``, ``lexicons``, ``rules``: a list of
    rules, or, in a pack folder's ``pack.yaml``, the list of rule ids in
    order; ``sources``: the bibliography rules cite as "[key]") or, in a pack
    folder, one rule (a mapping with ``id``) whose own ``lexicons`` only it
    can use.
    """
    files: list[tuple[_File, yaml.MappingNode]] = []
    for path in paths:
        files.append(_compose(str(path)))

    lexicons: dict[str, list[str]] = {}
    lexicon_origin: dict[str, str] = {}
    bibliography: dict[str, str] = {}
    names: list[str] = []
    order: list[tuple[_File, yaml.Node, str]] = []  # rule ids a pack lists, in its order
    rule_files: list[tuple[_File, yaml.MappingNode]] = []
    for f, root in files:
        items = _mapping(f, root, "policy")
        if any(key == "id" for key, _, _ in items):
            rule_files.append((f, root))
            continue
        for key, key_node, value in items:
            if key not in _TOP_KEYS:
                f.fail(
                    key_node,
                    f"unknown key {key!r} in policy (allowed: {', '.join(sorted(_TOP_KEYS))})",
                )
            if key == "name":
                names.append(_scalar(f, value, "name"))
            elif key == "sources":
                for cite, cite_node, entry in _mapping(f, value, "sources"):
                    text = _scalar(f, entry, f"source {cite!r}")
                    if bibliography.get(cite, text) != text:
                        f.fail(cite_node, f"source {cite!r} is already defined differently")
                    bibliography[cite] = text
            elif key == "rules" and _is_id_list(value):
                order.extend((f, item, _scalar(f, item, "rule id")) for item in value.value)
        for key, _key_node, value in items:
            if key == "lexicons":
                _add_lexicons(f, value, lexicons, lexicon_origin)

    regexes = RegexTable()
    compiler = CheckCompiler(lexicons, regexes)
    rules: list[m.Rule] = []
    seen: dict[str, str] = {}

    def add(f: _File, rule_node: yaml.Node, rule_compiler: CheckCompiler, skip: frozenset) -> None:
        f.count(rule_node)
        rule = _rule(f, rule_node, rule_compiler, bibliography, skip)
        if rule.id in seen:
            id_node = _get(f, rule_node, "id")
            f.fail(id_node, f"duplicate rule id {rule.id!r} (first defined at {seen[rule.id]})")
        seen[rule.id] = f"{f.path}:{rule.line}"
        rules.append(rule)

    for f, root in files:
        for key, _key_node, value in _mapping(f, root, "policy"):
            if key != "rules" or _is_id_list(value):
                continue
            if not isinstance(value, yaml.SequenceNode):
                f.fail(value, "`rules` must be a list")
            for rule_node in value.value:
                add(f, rule_node, compiler, frozenset())
    for f, root in rule_files:
        own: dict[str, list[str]] = {}
        for key, _key_node, value in _mapping(f, root, "rule"):
            if key == "lexicons":
                _add_lexicons(f, value, own, dict(lexicon_origin), shared=lexicons)
        rule_compiler = CheckCompiler({**lexicons, **own}, regexes) if own else compiler
        add(f, root, rule_compiler, frozenset({"lexicons"}))
    return m.Policy(
        name=", ".join(names) or ", ".join(Path(str(p)).stem for p in paths),
        rules=_in_listed_order(rules, order, rule_files),
        regexes=regexes.sources,
        sources=[str(p) for p in paths],
    )


def _is_id_list(node: yaml.Node) -> bool:
    """A pack's ``rules:``: rule ids (one file each), not the rules themselves."""
    return isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    )


def _add_lexicons(
    f: _File,
    node: yaml.Node,
    into: dict[str, list[str]],
    origin: dict[str, str],
    shared: dict[str, list[str]] | None = None,
) -> None:
    """Read a ``lexicons:`` mapping; a name may be defined once (shared or not)."""
    for name, name_node, entries in _mapping(f, node, "lexicons"):
        if not _LEXICON_NAME.match(name):
            f.fail(name_node, f"invalid lexicon name {name!r}")
        if name in into or (shared is not None and name in shared):
            f.fail(name_node, f"lexicon {name!r} is already defined in {origin[name]}")
        if isinstance(entries, yaml.MappingNode):
            into[name] = _list_file(f, entries, name)
        else:
            into[name] = _string_list(f, entries, f"lexicon {name!r}", allow_empty=False)
        origin[name] = f.path


def _list_file(f: _File, node: yaml.MappingNode, name: str) -> list[str]:
    """A lexicon kept as a list file (``{file: pom-brands.txt}``) beside the policy file.

    Long lists of names (brands, scheduled substances, conditions) are data a
    reviewer updates from a regulator's list; one entry a line keeps them
    auditable and diffable. Blank lines and lines starting with ``#`` are
    skipped. The file must sit in the policy file's own folder.
    """
    items = _mapping(f, node, f"lexicon {name!r}")
    if [key for key, _, _ in items] != ["file"]:
        f.fail(node, f"lexicon {name!r} must be a list of entries or {{file: NAME.txt}}")
    value = items[0][2]
    file_name = _scalar(f, value, "file")
    if not _LIST_FILE.match(file_name):
        f.fail(value, f"list file {file_name!r} must be a NAME.txt in the policy's own folder")
    path = Path(f.path).parent / file_name
    try:
        data = path.read_bytes()
    except OSError as exc:
        f.fail(value, f"cannot read list file {file_name!r}: {exc.strerror or exc}")
    if len(data) > MAX_LIST_BYTES:
        f.fail(value, f"list file {file_name!r} is larger than {MAX_LIST_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        f.fail(value, f"list file {file_name!r} is not UTF-8 (byte {exc.start})")
    entries = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not entries:
        f.fail(value, f"list file {file_name!r} has no entries")
    f.nodes_seen += len(entries)
    return entries


def _in_listed_order(
    rules: list[m.Rule],
    order: list[tuple[_File, yaml.Node, str]],
    rule_files: list[tuple[_File, yaml.MappingNode]],
) -> list[m.Rule]:
    """Rules of a pack folder in the order its ``pack.yaml`` lists them.

    Every listed id must have its file and every rule file must be listed, so
    a rule cannot be dropped or added by a file going missing or astray.
    """
    if not order and not rule_files:
        return rules
    by_id = {r.id: r for r in rules}
    from_files = {r.id for r in rules if any(r.source == f.path for f, _ in rule_files)}
    listed: list[m.Rule] = []
    for f, node, rule_id in order:
        if rule_id not in from_files:
            f.fail(node, f"rule {rule_id!r} is listed but no rule file defines it")
        listed.append(by_id[rule_id])
    named = {rule_id for _, _, rule_id in order}
    for f, root in rule_files:
        rule_id = _scalar(f, _get(f, root, "id"), "id")
        if rule_id not in named:
            f.fail(root, f"rule {rule_id!r} is not listed in its pack's `rules`")
    return [r for r in rules if r.id not in from_files] + listed


def _compose(path: str) -> tuple[_File, yaml.MappingNode]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PolicyError(f"cannot read policy: {exc.strerror or exc}", path) from None
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyError(f"policy file is larger than {MAX_POLICY_BYTES} bytes", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"policy is not UTF-8 (byte {exc.start})", path) from None
    f = _File(path, text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None:
            f.fail_at(mark.index, f"invalid YAML: {problem}")
        raise PolicyError(f"invalid YAML: {problem}", path) from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"invalid YAML: {exc}", path) from None
    if root is None:
        raise PolicyError("policy file is empty", path, 1, 1)
    if not isinstance(root, yaml.MappingNode):
        f.fail(root, "a policy must be a mapping with `lexicons` and `rules`")
    return f, root


# --- node helpers -----------------------------------------------------------


def _mapping(f: _File, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    f.count(node)
    if not isinstance(node, yaml.MappingNode):
        f.fail(node, f"{what} must be a mapping")
    out = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = _scalar(f, key_node, "key")
        if key in seen:
            f.fail(key_node, f"duplicate key {key!r} in {what}")
        seen.add(key)
        out.append((key, key_node, value_node))
    return out


def _get(f: _File, node: yaml.Node, key: str) -> yaml.Node:
    for k, _kn, v in _mapping(f, node, "rule"):
        if k == key:
            return v
    f.fail(node, f"missing {key!r}")


def _scalar(f: _File, node: yaml.Node, what: str) -> str:
    f.count(node)
    if not isinstance(node, yaml.ScalarNode):
        f.fail(node, f"{what} must be a single value, not a list or mapping")
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    return str(node.value)


def _string_list(f: _File, node: yaml.Node, what: str, *, allow_empty: bool = True) -> list[str]:
    f.count(node)
    if isinstance(node, yaml.ScalarNode):
        return [_scalar(f, node, what)]
    if not isinstance(node, yaml.SequenceNode):
        f.fail(node, f"{what} must be a list of strings")
    values = [_scalar(f, item, f"each entry of {what}") for item in node.value]
    if not values and not allow_empty:
        f.fail(node, f"{what} is empty")
    return values


# --- rules ------------------------------------------------------------------


def _rule(
    f: _File,
    node: yaml.Node,
    compiler: CheckCompiler,
    bibliography: dict[str, str],
    skip: frozenset = frozenset(),  # keys read elsewhere (a rule file's own lexicons)
) -> m.Rule:
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, key_node, value in _mapping(f, node, "rule"):
        if key in skip:
            continue
        if key not in _RULE_KEYS:
            f.fail(
                key_node, f"unknown key {key!r} in rule (allowed: {', '.join(sorted(_RULE_KEYS))})"
            )
        fields[key] = (key_node, value)
    for required in ("id", "severity", "message", "check"):
        if required not in fields:
            f.fail(node, f"rule is missing {required!r}")

    rule_id = _scalar(f, fields["id"][1], "id")
    if not _RULE_ID.match(rule_id):
        f.fail(
            fields["id"][1], f"rule id {rule_id!r} must be lower-case letters, digits and hyphens"
        )
    severity = _scalar(f, fields["severity"][1], "severity")
    if severity not in m.SEVERITIES:
        f.fail(fields["severity"][1], f"unknown severity {severity!r} (use error, warning or info)")
    message_node = fields["message"][1]
    message = _scalar(f, message_node, "message")
    problem = check_template(message)
    if problem:
        f.fail(message_node, f"invalid message template: {problem}")

    check_node = fields["check"][1]
    check = _scalar(f, check_node, "check")
    locate = _value_locator(f, check_node, check)

    def fail(message: str, offset: int) -> NoReturn:
        f.fail_at(locate(offset), f"rule {rule_id}: {message}")

    compiled = compiler.compile(check, fail)

    def text(key: str) -> str:
        return _scalar(f, fields[key][1], key) if key in fields else ""

    references = (
        _references(f, fields["references"][1], bibliography) if "references" in fields else ()
    )
    examples = _examples(f, fields["examples"][1]) if "examples" in fields else ()
    return m.Rule(
        id=rule_id,
        severity=severity,
        shape=compiled.shape,
        scope=compiled.scope,
        pattern=compiled.pattern,
        message=message,
        unless=compiled.unless,
        where=compiled.where,
        downgrades=compiled.downgrades,
        requirement=compiled.requirement,
        title=text("title"),
        rationale=text("rationale"),
        references=references,
        suggestion=text("suggestion"),
        examples=examples,
        source=f.path,
        line=node.start_mark.line + 1,
        check=check,
    )


def _references(f: _File, node: yaml.Node, bibliography: dict[str, str]) -> tuple[str, ...]:
    """A rule's references, each "[key]" replaced by its entry in the pack's ``sources``."""
    out: list[str] = []
    f.count(node)
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        text = _scalar(f, item, "each entry of references")
        cited = _CITATION.match(text)
        if cited:
            if cited.group(1) not in bibliography:
                known = ", ".join(sorted(bibliography)) or "none defined"
                f.fail(item, f"unknown source {text} (sources: {known})")
            text = bibliography[cited.group(1)]
        out.append(text)
    return tuple(out)


def _examples(f: _File, node: yaml.Node) -> tuple[m.Example, ...]:
    out: list[m.Example] = []
    for key, key_node, value in _mapping(f, node, "examples"):
        if key not in ("fire", "pass"):
            f.fail(key_node, "examples take `fire` and `pass` lists")
        if not isinstance(value, yaml.SequenceNode):
            f.fail(value, f"examples.{key} must be a list")
        for item in value.value:
            f.count(item)
            line, column = item.start_mark.line + 1, item.start_mark.column + 1
            if isinstance(item, yaml.MappingNode):
                entry = {k: (_scalar(f, v, k), kn) for k, kn, v in _mapping(f, item, "example")}
                for name, (_value, name_node) in entry.items():
                    if name not in _EXAMPLE_KEYS:
                        f.fail(
                            name_node,
                            f"unknown key {name!r} in example (allowed: "
                            f"{', '.join(sorted(_EXAMPLE_KEYS))})",
                        )
                if "text" not in entry:
                    f.fail(item, "an example mapping needs `text`")
                fmt = entry.get("format", ("markdown", None))[0]
                if fmt not in _EXAMPLE_FORMATS:
                    f.fail(
                        entry["format"][1],
                        f"example format must be one of {sorted(_EXAMPLE_FORMATS)}",
                    )
                severity = entry.get("severity", ("", None))[0]
                if severity and severity not in m.SEVERITIES:
                    f.fail(
                        entry["severity"][1],
                        f"unknown severity {severity!r} (use error, warning or info)",
                    )
                if severity and key == "pass":
                    f.fail(entry["severity"][1], "only `fire` examples take a severity")
                why = entry.get("why", ("", None))[0]
                out.append(
                    m.Example(entry["text"][0], key == "fire", fmt, severity, line, column, why)
                )
            else:
                text = _scalar(f, item, "example")
                out.append(m.Example(text, key == "fire", line=line, column=column))
    return tuple(out)


def _value_locator(f: _File, node: yaml.Node, value: str):
    """Map an offset in a scalar's value to an offset in the policy file.

    Block scalars keep their lines; plain and quoted scalars may be folded, so
    the k-th non-space character of the value is aligned with the k-th
    non-space character of its source text.
    """
    start, end = node.start_mark.index, node.end_mark.index
    raw = f.text[start:end]
    skip = 0
    style = getattr(node, "style", None)  # scalars have one
    if style in ("|", ">"):
        newline = raw.find("\n")
        skip = newline + 1 if newline >= 0 else len(raw)
    elif style in ('"', "'"):
        skip = 1
    positions: list[int] = []
    j = skip
    for ch in value:
        if ch.isspace():
            positions.append(start + j)
            continue
        while j < len(raw) and raw[j].isspace():
            j += 1
        positions.append(start + min(j, max(len(raw) - 1, 0)))
        j += 1
    positions.append(start + min(j, len(raw)))

    def locate(offset: int) -> int:
        if not positions:
            return start
        return positions[max(0, min(offset, len(positions) - 1))]

    return locate
