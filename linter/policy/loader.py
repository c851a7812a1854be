"""Reading policy YAML into compiled rules, with file:line:col for every error.

YAML is composed (never constructed), so no tag can build a Python object and
every value keeps its position. Values reached again through aliases are
counted against a budget, so an alias bomb is refused before it expands;
an honest policy of any size up to MAX_POLICY_BYTES loads.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import yaml

from linter.common.errors import PolicyError
from linter.common.wording import did_you_mean
from linter.policy import model as m
from linter.policy.language import CheckCompiler, Fail
from linter.policy.messages import check_template
from linter.policy.regexes import RegexTable

#: Values a policy may reach a second time (through an alias): an alias bomb stops here.
MAX_ALIAS_VALUES = 100_000
MAX_POLICY_BYTES = 5_000_000

_TOP_KEYS = {
    "name",
    "version",
    "jurisdiction",
    "description",
    "lexicons",
    "conditions",
    "rules",
    "sources",
    "extend-lexicons",
    "override-rules",
}
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
        self.visited: set[int] = set()  # nodes read so far (the tree lives while loading)
        self.alias_values = 0

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
        """Budget the values reached through aliases (an honest file's size is bounded
        by MAX_POLICY_BYTES, and its nesting by the YAML parser's depth limit)."""
        if id(node) in self.visited:
            self.alias_values += 1
            if self.alias_values > MAX_ALIAS_VALUES:
                self.fail(
                    node,
                    f"policy uses too many aliases (over {MAX_ALIAS_VALUES} values "
                    "reached again through aliases)",
                )
        else:
            self.visited.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            self.fail(node, f"YAML tag {node.tag!r} is not allowed in policies")


class _Pack:
    """The files of one pack (a pack folder, or one policy file) and what they define.

    Lexicons and sources are the pack's own: two packs may both define
    ``remission``. Another pack's lexicon is reached by its qualified name,
    ``@pack-name.lexicon``.
    """

    def __init__(self, label: str) -> None:
        self.label = label  # a name when the pack gives none: folder or file stem
        self.name = ""
        self.name_node: tuple[_File, yaml.Node] | None = None
        self.files: list[tuple[_File, yaml.MappingNode]] = []
        self.lexicons: dict[str, list[str]] = {}
        self.origin: dict[str, str] = {}
        self.bibliography: dict[str, str] = {}
        self.order: list[tuple[_File, yaml.Node, str]] = []  # rule ids pack.yaml lists
        self.rule_files: list[tuple[_File, yaml.MappingNode]] = []
        self.extends: list[tuple[_File, yaml.Node, yaml.Node]] = []  # extend-lexicons
        #: ``conditions:``, as written: (file, name, its node, the definition's node)
        self.condition_nodes: list[tuple[_File, str, yaml.Node, yaml.Node]] = []
        self.adjusts: list[tuple[_File, yaml.Node]] = []  # override-rules

    @property
    def qualifier(self) -> str:
        return self.name or self.label


def _packs(paths: Sequence[str] | Sequence[Path]) -> list[_Pack]:
    """Group policy files into packs: a folder with a ``pack.yaml`` is one pack, any
    other file a pack of its own."""
    names = [str(p) for p in paths]
    folders = {
        os.path.dirname(p) for p in names if os.path.basename(p) in ("pack.yaml", "pack.yml")
    }
    packs: dict[str, _Pack] = {}
    for path in names:
        folder = os.path.dirname(path)
        key = folder if folder in folders else path
        if key not in packs:
            label = os.path.basename(folder) if folder in folders else Path(path).stem
            packs[key] = _Pack(label)
        packs[key].files.append(_compose(path))
    return list(packs.values())


def load_policy_files(paths: Sequence[str] | Sequence[Path]) -> m.Policy:
    """Compile policy files together; each pack's lexicons and sources are its own.

    A file is either a policy (``name``, ``lexicons``, ``rules``: a list of
    rules, or, in a pack folder's ``pack.yaml``, the list of rule ids in
    order; ``sources``: the bibliography rules cite as "[key]";
    ``extend-lexicons``: entries added to another pack's lexicons;
    ``override-rules``: another pack's rules' severity or wording changed by
    id) or, in a pack folder, one rule (a mapping with ``id``) whose own
    ``lexicons`` only it can use. Rule ids are shared by all packs.
    """
    packs = _packs(paths)
    for pack in packs:
        _read_pack(pack)
    qualified = _qualified_lexicons(packs)
    for pack in packs:
        for f, key_node, entries in pack.extends:
            _extend(f, key_node, entries, qualified)

    regexes = RegexTable()
    rules: list[m.Rule] = []
    seen: dict[str, str] = {}

    def add(
        f: _File, rule_node: yaml.Node, rule_compiler: CheckCompiler, pack: _Pack, skip: frozenset
    ) -> None:
        f.count(rule_node)
        rule = _rule(f, rule_node, rule_compiler, pack.bibliography, skip)
        if rule.id in seen:
            id_node = _get(f, rule_node, "id")
            f.fail(id_node, f"duplicate rule id {rule.id!r} (first defined at {seen[rule.id]})")
        seen[rule.id] = f"{f.path}:{rule.line}"
        rules.append(rule)

    ordered: list[m.Rule] = []
    for pack in packs:
        first = len(rules)
        compiler = CheckCompiler({**pack.lexicons, **qualified}, regexes)
        _compile_conditions(pack, compiler)
        for f, root in pack.files:
            if (f, root) in pack.rule_files:
                continue
            for key, _key_node, value in _mapping(f, root, "policy"):
                if key != "rules" or _is_id_list(value):
                    continue
                if not isinstance(value, yaml.SequenceNode):
                    f.fail(value, "`rules` must be a list")
                for rule_node in value.value:
                    add(f, rule_node, compiler, pack, frozenset())
        for f, root in pack.rule_files:
            own: dict[str, list[str]] = {}
            for key, _key_node, value in _mapping(f, root, "rule"):
                if key == "lexicons":
                    _add_lexicons(f, value, own, dict(pack.origin), shared=pack.lexicons)
            rule_compiler = (
                CheckCompiler({**pack.lexicons, **own, **qualified}, regexes, compiler.conditions)
                if own
                else compiler
            )
            add(f, root, rule_compiler, pack, frozenset({"lexicons"}))
        ordered.extend(_in_listed_order(rules[first:], pack.order, pack.rule_files))
    by_id = {r.id: r for r in ordered}
    for pack in packs:
        for f, node in pack.adjusts:
            _override_rules(f, node, by_id)
    return m.Policy(
        name=", ".join(p.name for p in packs if p.name)
        or ", ".join(Path(str(p)).stem for p in paths),
        rules=ordered,
        regexes=regexes.sources,
        sources=[str(p) for p in paths],
    )


def _read_pack(pack: _Pack) -> None:
    """A pack's name, lexicons, sources, rule order, extensions and overrides."""
    policy_files = []
    for f, root in pack.files:
        items = _mapping(f, root, "policy")
        if any(key == "id" for key, _, _ in items):
            pack.rule_files.append((f, root))
            continue
        policy_files.append((f, items))
        for key, key_node, value in items:
            if key not in _TOP_KEYS:
                f.fail(
                    key_node,
                    f"unknown key {key!r} in policy (allowed: {', '.join(sorted(_TOP_KEYS))})",
                )
            if key == "name":
                name = _scalar(f, value, "name")
                if pack.name and name != pack.name:
                    f.fail(value, f"the pack is already named {pack.name!r}")
                pack.name, pack.name_node = name, (f, value)
            elif key == "sources":
                for cite, cite_node, entry in _mapping(f, value, "sources"):
                    text = _scalar(f, entry, f"source {cite!r}")
                    if pack.bibliography.get(cite, text) != text:
                        f.fail(cite_node, f"source {cite!r} is already defined differently")
                    pack.bibliography[cite] = text
            elif key == "rules" and _is_id_list(value):
                pack.order.extend((f, item, _scalar(f, item, "rule id")) for item in value.value)
            elif key == "extend-lexicons":
                pack.extends.extend((f, kn, v) for _k, kn, v in _mapping(f, value, key))
            elif key == "conditions":
                for name, name_node, definition in _mapping(f, value, key):
                    if not _LEXICON_NAME.match(name):
                        f.fail(name_node, f"invalid condition name {name!r}")
                    if any(name == n for _, n, _, _ in pack.condition_nodes):
                        f.fail(name_node, f"condition ${name} is already defined")
                    pack.condition_nodes.append((f, name, name_node, definition))
            elif key == "override-rules":
                pack.adjusts.append((f, value))
    for f, items in policy_files:
        for key, _key_node, value in items:
            if key == "lexicons":
                _add_lexicons(f, value, pack.lexicons, pack.origin)


def _compile_conditions(pack: _Pack, compiler: CheckCompiler) -> None:
    """The pack's named conditions, each usable by the ones after it and by every rule.

    A definition is compiled where it stands, against the pack's shared
    lexicons: an error points into it. A name is known only after its
    definition, so no condition can refer to itself, directly or not.
    """
    for f, name, _name_node, definition in pack.condition_nodes:
        text = _scalar(f, definition, f"condition ${name}")
        fail = _failing_within(f, definition, text, f"condition ${name}")
        compiler.conditions[name] = compiler.compile_condition(text, fail)


def _qualified_lexicons(packs: list[_Pack]) -> dict[str, list[str]]:
    """Every pack's shared lexicons by qualified name, ``pack-name.lexicon``."""
    named: dict[str, _Pack] = {}
    for pack in packs:
        if pack.name_node is not None and pack.name in named:
            f, node = pack.name_node
            other = named[pack.name].files[0][0].path
            f.fail(node, f"a pack named {pack.name!r} is already loaded (from {other})")
        named.setdefault(pack.qualifier, pack)
    return {f"{q}.{lex}": entries for q, p in named.items() for lex, entries in p.lexicons.items()}


def _extend(
    f: _File, key_node: yaml.Node, entries: yaml.Node, qualified: dict[str, list[str]]
) -> None:
    """``extend-lexicons: {us-health.hedge: [...]}``: more entries for another pack's lexicon.

    The lexicon grows for every rule that uses it, the other pack's own
    rules included: that is what extending a shared vocabulary is for.
    """
    name = _scalar(f, key_node, "lexicon name").removeprefix("@")
    if "." not in name:
        f.fail(key_node, f"extend a lexicon by its qualified name, pack.lexicon (not {name!r})")
    if name not in qualified:
        f.fail(key_node, f"unknown lexicon @{name}{did_you_mean(name, qualified)}")
    qualified[name].extend(_string_list(f, entries, f"lexicon {name!r}", allow_empty=False))


_OVERRIDE_KEYS = {"severity", "message", "title", "suggestion"}


def _override_rules(f: _File, node: yaml.Node, by_id: dict[str, m.Rule]) -> None:
    """``override-rules: {cure-claim: {severity: warning}}``: a rule changed by id, not copied."""
    for rule_id, id_node, changes in _mapping(f, node, "override-rules"):
        rule = by_id.get(rule_id)
        if rule is None:
            f.fail(id_node, f"unknown rule id {rule_id!r}{did_you_mean(rule_id, by_id)}")
        for key, key_node, value in _mapping(f, changes, f"override of {rule_id}"):
            if key not in _OVERRIDE_KEYS:
                allowed = ", ".join(sorted(_OVERRIDE_KEYS))
                f.fail(key_node, f"an override changes only {allowed} (not {key!r})")
            text = _scalar(f, value, key)
            if key == "severity" and text not in m.SEVERITIES:
                f.fail(value, f"unknown severity {text!r} (use error, warning or info)")
            if key == "message" and (problem := check_template(text)):
                f.fail(value, f"invalid message template: {problem}")
            setattr(rule, key, text)


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
    compiled = compiler.compile(check, _failing_within(f, check_node, check, f"rule {rule_id}"))

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


def _failing_within(f: _File, node: yaml.Node, value: str, what: str) -> Fail:
    """A ``fail`` for the language compiler: an offset in ``value`` becomes a file position."""
    locate = _value_locator(f, node, value)

    def fail(message: str, offset: int) -> NoReturn:
        f.fail_at(locate(offset), f"{what}: {message}")

    return fail


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
