"""Configuration files: ``.healthlint.yaml`` or ``[tool.healthlint]`` in ``pyproject.toml``.

A configuration governs the files below its folder: the nearest one upward
from a linted file wins (a ``pyproject.toml`` without a ``[tool.healthlint]``
table does not count). Paths and globs in it are relative to its folder.
Every mistake (an unknown key, a value of the wrong type, a rule id the
active policies do not define) is an error at ``file:line`` so a typo never
silently turns a rule off.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

from linter.common.errors import ConfigError
from linter.common.plaindata import PlainData
from linter.common.wording import did_you_mean, display_path
from linter.config.discovery import DEFAULT_MESSAGE_GLOBS, is_copy_file
from linter.config.filters import RuleFilter
from linter.config.globs import Glob, compile_glob, covered, matched
from linter.documents.copykeys import ENTRY
from linter.documents.reading import COPY_KEYS, COPY_PROPS, FRONT_MATTER_KEYS
from linter.policy.model import SEVERITIES

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any, NoReturn

YAML_NAMES = (".healthlint.yaml", ".healthlint.yml")
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1_000_000

_KEYS = (
    "policies",
    "select",
    "ignore",
    "severity",
    "include",
    "exclude",
    "force-exclude",
    "overrides",
    "fail-on",
    "copy-props",
    "copy-keys",
    "message-files",
    "shared-copy",
)
_OVERRIDE_KEYS = (
    "paths",
    "files",
    "policies",
    "select",
    "ignore",
    "severity",
    "copy-props",
    "copy-keys",
)
#: In a ``copy-props`` or ``copy-keys`` list: keep the defaults (or the
#: configuration's list, in an override) and add the other names.
EXTEND = "..."

Path = tuple[str | int, ...]  # where a value sits: ("overrides", 0, "select", 2)
Locator = Callable[[Path], tuple[int, int]]


class RuleRef(PlainData):
    """A rule id written in the configuration, kept to check it against the policies."""

    __slots__ = ("rule", "line", "column", "where")

    def __init__(
        self,
        rule: str,
        line: int,
        column: int,
        where: str,  # "select", "overrides[1].ignore", ...
    ) -> None:
        self.rule = rule
        self.line = line
        self.column = column
        self.where = where


class Override(PlainData):
    """One entry of ``overrides``: other rules or severities for the files its globs cover."""

    __slots__ = ("paths", "select", "ignore", "severity", "copy_props", "copy_keys", "policies")

    def __init__(
        self,
        paths: tuple[Glob, ...],
        select: tuple[str, ...] | None,
        ignore: tuple[str, ...],
        severity: dict[str, str],
        copy_props: tuple[str, ...] | None = None,  # None: as the configuration says
        copy_keys: tuple[str, ...] | None = None,
        policies: tuple[str, ...] | None = None,  # None: as the configuration says; EXTEND adds
    ) -> None:
        self.policies = policies
        self.paths = paths
        self.select = select
        self.ignore = ignore
        self.severity = severity
        self.copy_props = copy_props
        self.copy_keys = copy_keys


def extended(base: frozenset[str], listed: tuple[str, ...] | None) -> frozenset[str]:
    """A configured list of names: it replaces ``base``, or adds to it with ``...``."""
    if listed is None:
        return base
    names = frozenset(n.lower() for n in listed if n != EXTEND)
    return base | names if EXTEND in listed else names


class Config(PlainData):
    """One configuration file's settings; ``path`` is empty when no file applies."""

    __slots__ = (
        "path",
        "root",
        "policies",
        "select",
        "ignore",
        "severity",
        "include",
        "exclude",
        "force_exclude",
        "overrides",
        "fail_on",
        "rule_refs",
        "copy_props",
        "copy_keys",
        "message_files",
        "shared_copy",
    )

    def __init__(
        self,
        path: str = "",
        root: str = "",  # the folder paths and globs are relative to
        policies: tuple[str, ...] = (),
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        severity: dict[str, str] | None = None,
        include: tuple[Glob, ...] = (),
        exclude: tuple[Glob, ...] = (),
        force_exclude: bool = False,
        overrides: tuple[Override, ...] = (),
        fail_on: str | None = None,
        rule_refs: tuple[RuleRef, ...] = (),
        copy_props: tuple[str, ...] | None = None,  # None: the defaults
        copy_keys: tuple[str, ...] | None = None,
        message_files: tuple[Glob, ...] = DEFAULT_MESSAGE_GLOBS,
        shared_copy: tuple[str, ...] = (),  # absolute paths
    ) -> None:
        self.path = path
        self.root = root
        self.policies = policies
        self.select = select
        self.ignore = ignore
        self.severity = {} if severity is None else severity
        self.include = include
        self.exclude = exclude
        self.force_exclude = force_exclude
        self.overrides = overrides
        self.fail_on = fail_on
        self.rule_refs = rule_refs
        self.copy_props = copy_props
        self.copy_keys = copy_keys
        self.message_files = message_files
        self.shared_copy = shared_copy

    def relative(self, path: str) -> str:
        """``path`` relative to the config's folder, with forward slashes."""
        rel = os.path.relpath(os.path.abspath(path), self.root or os.getcwd())
        return rel.replace(os.sep, "/")

    def wants(self, path: str, *, walked: bool) -> bool:
        """Is this file linted? include/exclude apply to walks (and ``force-exclude``)."""
        # Paths are made relative only when a glob needs them: a walk of
        # thousands of files without include/exclude never pays for it.
        excluding = self.exclude and (walked or self.force_exclude)
        if excluding and covered(self.exclude, self.relative(path)):
            return False
        if not walked:
            return True
        if self.include:
            return matched(self.include, self.relative(path))
        return is_copy_file(path, self.message_files, self.relative)

    def is_message_file(self, path: str) -> bool:
        """Is this JSON file an i18n message file (every string value is copy)?"""
        return matched(self.message_files, self.relative(path))

    def wants_folder(self, path: str) -> bool:
        """A walk enters a folder unless ``exclude`` covers it, so excluded trees are never read."""
        return not self.exclude or not covered(self.exclude, self.relative(path))

    def overrides_for(self, path: str) -> tuple[int, ...]:
        """Indexes of the overrides whose globs cover ``path``."""
        if not self.overrides:
            return ()
        rel = self.relative(path)
        return tuple(i for i, o in enumerate(self.overrides) if covered(o.paths, rel))

    def copy_names(
        self, overrides: Iterable[int] = ()
    ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The copy props, data copy keys and front-matter copy keys for a file.

        ``copy-keys`` serves both data files and front matter, each with its
        own defaults: ``...`` keeps the defaults of each.
        """
        props = extended(COPY_PROPS, self.copy_props)
        keys = extended(COPY_KEYS, self.copy_keys)
        front = extended(FRONT_MATTER_KEYS, self.copy_keys)
        for i in overrides:
            o = self.overrides[i]
            props, keys = extended(props, o.copy_props), extended(keys, o.copy_keys)
            front = extended(front, o.copy_keys)
        return props, keys, front

    def policies_for(self, overrides: Iterable[int] = ()) -> tuple[str, ...]:
        """The policies for a file covered by the given overrides, in order.

        An override's ``policies`` replaces the list so far, or adds to it
        when it holds ``...`` (a ``us/ca/`` folder adding ``us-ca`` to
        ``us-health``). Each policy is named once, in the order first named.
        """
        chosen = self.policies
        for i in overrides:
            listed = self.overrides[i].policies
            if listed is None:
                continue
            added = tuple(p for p in listed if p != EXTEND)
            chosen = (*chosen, *added) if EXTEND in listed else added
        return tuple(dict.fromkeys(chosen))

    def policy_choices(self) -> list[tuple[str, ...]]:
        """Every policy list the file can choose: its own and each override's."""
        choices = [self.policies]
        choices += [self.policies_for([i]) for i, o in enumerate(self.overrides) if o.policies]
        return list(dict.fromkeys(choices))

    def rule_filter(self, overrides: Iterable[int] = ()) -> RuleFilter:
        """The rule choices for a file covered by the given overrides, in order."""
        rules = RuleFilter().then(self.select, self.ignore, self.severity)
        top = rules.ignore  # the top-level ignore holds for every file
        for i in overrides:
            o = self.overrides[i]
            if o.select is not None:  # later entries win: an earlier override's ignore is lifted
                lifted = (rules.ignore - frozenset(o.select)) | top
                rules = RuleFilter(rules.select, lifted, rules.severity)
            rules = rules.then(o.select, o.ignore, o.severity)
        return rules

    def check_rules(self, known: Iterable[str]) -> None:
        """Every rule id the file names must exist: a typo would disable nothing."""
        known = set(known)
        for ref in self.rule_refs:
            if ref.rule not in known:
                raise ConfigError(
                    f"unknown rule id {ref.rule!r} in {ref.where}{did_you_mean(ref.rule, known)}",
                    display_path(self.path),
                    ref.line,
                    ref.column,
                )


# --- finding and reading files ----------------------------------------------


def config_in(folder: str) -> str | None:
    """The configuration file in ``folder``, if any: a dedicated file beats pyproject."""
    for name in YAML_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    candidate = os.path.join(folder, PYPROJECT)
    if os.path.isfile(candidate) and _has_tool_table(candidate):
        return candidate
    return None


def _has_tool_table(path: str) -> bool:
    text = _read(path)
    return (
        "healthlint" in text and re.search(r"(?m)^\s*\[\[?\s*tool\.healthlint\b", text) is not None
    )


def _read(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            f"cannot read config: {exc.strerror or exc}", display_path(path)
        ) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"config is larger than {MAX_CONFIG_BYTES} bytes", display_path(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config is not UTF-8 (byte {exc.start})", display_path(path)) from None


def load_config(path: str) -> Config:
    """Read and check one configuration file (YAML, or a pyproject.toml)."""
    path = os.path.abspath(path)
    text = _read(path)
    shown = display_path(path)
    if os.path.basename(path) == PYPROJECT or path.endswith(".toml"):
        data, locate = _from_toml(text, shown)
    else:
        data, locate = _from_yaml(text, shown)
    return _Checker(shown, os.path.dirname(path), locate).config(data, path)


def _from_toml(text: str, shown: str) -> tuple[dict, Locator]:
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (text.count("\n") + 1, 0)
        raise ConfigError(f"invalid TOML: {message}", shown, line, col) from None
    table = doc.get("tool", {}).get("healthlint") if isinstance(doc.get("tool"), dict) else None
    if table is None:
        raise ConfigError("no [tool.healthlint] table", shown)
    if not isinstance(table, dict):
        raise ConfigError("tool.healthlint must be a table", shown, *_TomlLocator(text)(()))
    return table, _TomlLocator(text)


class _TomlLocator:
    """Lines of values in TOML text. tomllib keeps no positions, so this scans
    for each key (or list item) in order, inside the [tool.healthlint] tables:
    good enough to point a user at the line to fix."""

    _HEADER = re.compile(r"(?m)^[ \t]*\[\[?[ \t]*tool\.healthlint\b")

    def __init__(self, text: str) -> None:
        self.text = text
        m = self._HEADER.search(text)
        self.start = m.start() if m else 0

    def __call__(self, path: Path) -> tuple[int, int]:
        pos = self.start
        parents: list[str] = []
        for part in path:
            if isinstance(part, str):
                key = re.escape(part)
                dotted = re.escape(".".join(["tool", "healthlint", *parents, part]))
                header = rf"^[ \t]*\[\[?[ \t]*{dotted}[ \t]*\]"
                assignment = rf"(?:^|[{{,])[ \t]*(?:\"{key}\"|'{key}'|{key})[ \t]*="
                m = re.compile(f"(?m)(?:{header}|{assignment})").search(self.text, pos)
                parents.append(part)
            else:
                header = re.escape(".".join(["tool", "healthlint", *parents]))
                found = list(re.finditer(rf"(?m)^[ \t]*\[\[[ \t]*{header}[ \t]*\]\]", self.text))
                m = found[part] if part < len(found) else None
                if m is None:  # an inline array: the n-th item after its key
                    m = self._item(pos, part)
            if m is None:
                break
            pos = m.start() + (len(m.group()) - len(m.group().lstrip(" \t\n,{")))
        return self._position(pos)

    def _item(self, pos: int, index: int) -> re.Match[str] | None:
        items = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|\{").finditer(self.text, pos)
        for n, m in enumerate(items):
            if n == index:
                return m
        return None

    def _position(self, pos: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, pos) + 1
        return line, pos - (self.text.rfind("\n", 0, pos) + 1) + 1


def _from_yaml(text: str, shown: str) -> tuple[dict, Locator]:
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ConfigError(f"invalid YAML: {problem}", shown, line, col) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", shown) from None
    positions: dict[Path, tuple[int, int]] = {}
    if root is None:
        return {}, lambda path: positions.get(path, (1, 1))
    data = _plain(root, (), positions, shown, [MAX_CONFIG_VALUES])
    if not isinstance(data, dict):
        raise ConfigError("a configuration must be a mapping of keys", shown, 1, 1)
    return data, lambda path: positions.get(path, (1, 1))


MAX_CONFIG_VALUES = 100_000  # aliases count each time they are used
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
)


def _plain(node: Any, path: Path, positions: dict, shown: str, budget: list[int]) -> Any:
    """A composed YAML node as plain data; positions records where each value is.

    Composing never constructs objects; this walk refuses other tags and stops
    an alias bomb once it has visited ``MAX_CONFIG_VALUES`` values.
    """
    import yaml

    where = (node.start_mark.line + 1, node.start_mark.column + 1)
    budget[0] -= 1
    if budget[0] < 0:
        raise ConfigError("configuration is too large or uses too many aliases", shown, *where)
    if node.tag not in _PLAIN_TAGS:
        raise ConfigError(f"YAML tag {node.tag!r} is not allowed in configuration", shown, *where)
    positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                raise ConfigError("keys must be plain names", shown, *where)
            key = str(key_node.value)
            if key in out:
                where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                raise ConfigError(f"duplicate key {key!r}", shown, *where)
            positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _plain(value_node, (*path, key), positions, shown, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _plain(item, (*path, i), positions, shown, budget) for i, item in enumerate(node.value)
        ]
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in ("true", "yes", "on")
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return _Number(node.value)
    return str(node.value)


class _Number(str):
    """A YAML number, kept apart from strings so type errors can name it."""


# --- checking values ------------------------------------------------------------


class _Checker:
    def __init__(self, shown: str, root: str, locate: Locator) -> None:
        self.shown = shown
        self.root = root
        self.locate = locate
        self.refs: list[RuleRef] = []

    def fail(self, path: Path, message: str) -> NoReturn:
        raise ConfigError(message, self.shown, *self.locate(path))

    def config(self, data: dict, path: str) -> Config:
        for key in data:
            if key not in _KEYS:
                self.fail(
                    (key,),
                    f"unknown key {key!r}{did_you_mean(key, _KEYS)} (allowed: {', '.join(_KEYS)})",
                )
        overrides = data.get("overrides", [])
        if not isinstance(overrides, list):
            self.fail(("overrides",), "overrides must be a list of tables with `paths`")
        return Config(
            path=path,
            root=self.root,
            policies=self.policies(data, ("policies",)),
            select=self.rules(data, ("select",)) if "select" in data else None,
            ignore=self.rules(data, ("ignore",)),
            severity=self.severity(data, ("severity",)),
            include=self.globs(data, ("include",)),
            exclude=self.globs(data, ("exclude",)),
            force_exclude=self.flag(data, ("force-exclude",)),
            overrides=tuple(self.override(o, ("overrides", i)) for i, o in enumerate(overrides)),
            fail_on=self.level(data, ("fail-on",)) if "fail-on" in data else None,
            rule_refs=tuple(self.refs),
            copy_props=self.names(data, ("copy-props",)),
            copy_keys=self.key_paths(data, ("copy-keys",)),
            message_files=(
                self.globs(data, ("message-files",))
                if "message-files" in data
                else DEFAULT_MESSAGE_GLOBS
            ),
            shared_copy=self.shared(data, ("shared-copy",)),
        )

    def override(self, data: Any, path: Path) -> Override:
        if not isinstance(data, dict):
            self.fail(path, "each override must be a table with `paths` and rule choices")
        for key in data:
            if key not in _OVERRIDE_KEYS:
                self.fail(
                    (*path, key),
                    f"unknown key {key!r} in an override{did_you_mean(key, _OVERRIDE_KEYS)}"
                    f" (allowed: {', '.join(_OVERRIDE_KEYS)})",
                )
        if ("paths" in data) == ("files" in data):
            self.fail(path, "an override needs `paths` (or `files`): the globs it applies to")
        key = "paths" if "paths" in data else "files"
        globs = self.globs(data, (*path, key))
        if not globs:
            self.fail((*path, key), f"`{key}` of an override is empty")
        return Override(
            globs,
            self.rules(data, (*path, "select")) if "select" in data else None,
            self.rules(data, (*path, "ignore")),
            self.severity(data, (*path, "severity")),
            self.names(data, (*path, "copy-props")),
            self.key_paths(data, (*path, "copy-keys")),
            self.policies(data, (*path, "policies"), extend=True) if "policies" in data else None,
        )

    @staticmethod
    def _value(data: dict, path: Path) -> Any:
        return data.get(path[-1])

    def strings(self, data: dict, path: Path, what: str) -> tuple[str, ...]:
        value = self._value(data, path)
        if value is None:
            return ()
        if not isinstance(value, list) or any(
            not isinstance(v, str) or isinstance(v, _Number) for v in value
        ):
            self.fail(path, f"{_name(path)} must be a list of {what}")
        return tuple(value)

    def names(self, data: dict, path: Path) -> tuple[str, ...] | None:
        """Prop or key names; None when the key is absent (the defaults apply)."""
        if path[-1] not in data:
            return None
        return self.strings(data, path, f"names (with {EXTEND!r} to keep the defaults)")

    def key_paths(self, data: dict, path: Path) -> tuple[str, ...] | None:
        """Copy keys: names, or paths into front matter such as ``faq[].answer``."""
        names = self.names(data, path)
        for i, name in enumerate(names or ()):
            if name != EXTEND and not ENTRY.fullmatch(name):
                self.fail(
                    (*path, i),
                    f"copy key {name!r} is neither a name nor a path"
                    " (names joined by '.', '[]' for every item of a list: faq[].answer)",
                )
        return names

    def shared(self, data: dict, path: Path) -> tuple[str, ...]:
        out = []
        for i, name in enumerate(self.strings(data, path, "file paths")):
            full = os.path.normpath(os.path.join(self.root, name))
            if not os.path.isfile(full):
                self.fail(
                    (*path, i), f"shared copy file {name!r} not found (relative to this file)"
                )
            out.append(full)
        return tuple(out)

    def policies(self, data: dict, path: Path, *, extend: bool = False) -> tuple[str, ...]:
        """Policy files, pack folders (relative to this file) or bundled packs' names."""
        from linter.common.resources import bundled_pack_folder, bundled_packs, is_pack_name

        out = []
        what = "policy paths or pack names" + (f" (with {EXTEND!r} to add)" if extend else "")
        for i, name in enumerate(self.strings(data, path, what)):
            if extend and name == EXTEND:
                out.append(name)
                continue
            full = os.path.join(self.root, name)
            if os.path.exists(full):
                out.append(full)
            elif bundled_pack_folder(name) is not None:
                out.append(name)  # the bundled pack; resolved when the policy loads
            elif not is_pack_name(name):
                self.fail((*path, i), f"policy file {name!r} not found (relative to this file)")
            else:
                packs = bundled_packs()
                self.fail(
                    (*path, i),
                    f"policy {name!r} not found (relative to this file) and no bundled pack"
                    f" has that name{did_you_mean(name, packs)}"
                    f" (bundled packs: {', '.join(packs) or 'none'})",
                )
        return tuple(out)

    def rules(self, data: dict, path: Path) -> tuple[str, ...]:
        ids = self.strings(data, path, "rule ids")
        for i, rule in enumerate(ids):
            self.ref(rule, (*path, i))
        return ids

    def ref(self, rule: str, path: Path) -> None:
        line, col = self.locate(path)
        self.refs.append(RuleRef(rule, line, col, _name(path[:-1])))

    def severity(self, data: dict, path: Path) -> dict[str, str]:
        value = self._value(data, path)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(path, f"{_name(path)} must map rule ids to {' | '.join(SEVERITIES)}")
        for rule in value:
            self.ref(rule, (*path, rule))
            self.level(value, (*path, rule))
        return dict(value)

    def level(self, data: dict, path: Path) -> str:
        value = self._value(data, path)
        if value not in SEVERITIES or isinstance(value, _Number):
            allowed = " | ".join(reversed(SEVERITIES))
            self.fail(path, f"{_name(path)} must be one of {allowed}, not {value!r}")
        return value

    def globs(self, data: dict, path: Path) -> tuple[Glob, ...]:
        return tuple(compile_glob(p) for p in self.strings(data, path, "globs"))

    def flag(self, data: dict, path: Path) -> bool:
        value = self._value(data, path)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(path, f"{_name(path)} must be true or false")
        return value


def _name(path: Path) -> str:
    """("overrides", 1, "select") -> "overrides[1].select"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
