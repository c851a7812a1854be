"""A cache of compiled policies, so a one-file run skips YAML and Lark.

The key is a hash of the tool version, the grammar and every policy file's
path and bytes; any change compiles afresh. An entry holds the plain classes
of ``policy.model`` as nested lists and tuples of strings and numbers (data,
never code), written with ``marshal``: reading it back takes a third of the
time JSON with an object hook took, and spares a one-file run the ``json``
import (together 2 ms of about 48, measured). ``marshal``'s format belongs
to the Python version and fields are kept by position, so the entry's name
carries that version and a digest of the classes' fields (``ENTRY``) while
the key, which is also the policy's digest, does not. An entry that is not
what this version writes (other types, class numbers out of range, a policy
without rules, nesting too deep) is ignored and the policy compiled afresh;
``marshal`` never builds code from it that is run. A rule's examples are
kept as bytes of their own and decoded when first read (``StoredExamples``),
so examples that are not examples are refused then, with a TypeError.
"""

from __future__ import annotations

import marshal
import os
import sys

from linter import __version__
from linter.common.digest import sha256
from linter.common.plaindata import PlainData
from linter.common.resources import grammar_text
from linter.policy import model as m

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

_CLASSES = {
    cls.__name__: cls
    for cls in (
        m.Leaf,
        m.LinkText,
        m.AnyOf,
        m.Except,
        m.Near,
        m.Statement,
        m.Scope,
        m.Negated,
        m.Quoted,
        m.Context,
        m.Has,
        m.Not,
        m.All,
        m.Any,
        m.Downgrade,
        m.Example,
        m.Rule,
        m.Policy,
    )
}
_FORMAT = 7  # 2: examples carry severity and position; 3: and why; 4: statements;
# 5: leaves carry a label; 6: packs own their lexicons; 7: a rule's examples kept apart
#: Class -> its number in an entry (the order of _CLASSES; a new class goes last).
_NUMBERS: dict[type, int] = {cls: i for i, cls in enumerate(_CLASSES.values())}
_ORDER = tuple(_CLASSES.values())


def _layout(classes: tuple[type, ...]) -> str:
    """A digest of every class's fields, in order: entries hold fields by position."""
    slots = ((c.__name__, getattr(c, "__slots__", ())) for c in classes)
    fields = (f"{name}:{','.join(s for s in names if s[0] != '_')}" for name, names in slots)
    return sha256(";".join(fields).encode()).hexdigest()[:8]


#: Names the layout, so reordering or adding a field never reads an old entry.
_LAYOUT = _layout(_ORDER)
#: The cache entry's file name after its key: the interpreter and layout that can read it.
ENTRY = f"-py{sys.version_info[0]}.{sys.version_info[1]}-m{marshal.version}-{_LAYOUT}.policy"
_SCALARS = frozenset({str, int, float, bool, type(None)})


def cache_dir() -> str | None:
    """``$HEALTHLINT_CACHE_DIR``, else the user cache folder; None disables caching."""
    explicit = os.environ.get("HEALTHLINT_CACHE_DIR")
    if explicit is not None:
        return explicit or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "healthlint")


def cache_key(policy_files: list[tuple[str, bytes]]) -> str:
    """The cache entry's name: any change to the tool, the grammar or a policy file changes it."""
    digest = sha256()
    digest.update(f"{__version__}\0{_FORMAT}\0".encode())
    digest.update(grammar_text().encode())
    for path, data in policy_files:
        digest.update(b"\0" + path.encode() + b"\0")
        digest.update(sha256(data).digest())
    return digest.hexdigest()[:40]


def load(key: str) -> m.Policy | None:
    """The cached policy for ``key``, or None when it is missing or unreadable (compile afresh)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        path = os.path.join(folder, key + ENTRY)
        with open(path, "rb") as fh:
            policy = _decode(marshal.loads(fh.read()))
            mark_used(path, os.fstat(fh.fileno()).st_mtime)
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None  # not an entry this version wrote: compile afresh
    if not isinstance(policy, m.Policy):
        return None
    policy._digest = key
    policy._from_cache = True  # the cache lasts from one run to the next
    return policy


def digest_of(policy: m.Policy) -> str:
    """A digest of the policy's content: equal for equal policies, whatever the object.

    Compiled state (linter.engine.triggers) is kept per process under it, so
    unpickled copies of one policy (a worker's tasks each bring one) share it.
    A policy loaded from files carries its cache key; others are hashed once.
    """
    if not policy._digest:
        import json  # a cached policy carries its digest: only other policies are hashed

        data = json.dumps(_encode(policy), separators=(",", ":")).encode("utf-8")
        policy._digest = "content-" + sha256(data).hexdigest()[:40]
    return policy._digest


def store(key: str, policy: m.Policy) -> None:
    """Write atomically; a read-only or missing cache folder is not an error."""
    write(key + ENTRY, marshal.dumps(_entry(policy)))


def write(name: str, data: bytes) -> None:
    """Put ``data`` in the cache folder as ``name``, atomically; failing to is not an error.

    Then prune the folder to ``MAX_BYTES``: every edit of a policy makes new
    entries, and a policy author's cache would otherwise grow without end.
    """
    folder = cache_dir()
    if folder is None:
        return
    import tempfile  # only a run that builds something for the cache writes to it

    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=_TEMPORARY)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, os.path.join(folder, name))
    except OSError:
        return
    prune(folder, keep=name, limit=MAX_BYTES)


#: The cache folder's size beyond which the least recently used entries are deleted
#: (a bundled pack takes some 2.5 MB: its policy and its prefilter database).
MAX_BYTES = 64 * 1024 * 1024
_TEMPORARY = ".tmp-healthlint-"
#: What this tool writes, and so what it may delete: entries and prefilter
#: databases (and temporary files left by a run that died, by their prefix).
#: Entries of versions that wrote JSON are left alone: a 40-hex ``.json`` name
#: could as well be someone else's.
_OURS = r"[0-9a-f]{40}-py[^/]*\.policy|prefilter-[0-9a-f]{40}\.hsdb"
#: An entry used again after this long has its time refreshed, so pruning keeps it.
_FRESH_SECONDS = 3600.0


def prune(folder: str, keep: str = "", limit: int = MAX_BYTES) -> None:
    """Delete the least recently used of this tool's files until they fit in ``limit`` bytes.

    Only files this tool writes are counted or deleted (the folder may be one
    a user shares with other things); ``keep`` (just written) stays.
    Temporary files are deleted only when an hour old: another run may be
    writing one.
    """
    import re  # pruning follows a compile, which has imported it already
    import time

    ours = re.compile(_OURS)
    now = time.time()
    found: list[tuple[float, int, str]] = []  # what may go: (modified, size, name)
    total = 0  # bytes of this tool's files, the kept one included
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                temporary = name.startswith(_TEMPORARY)
                if not (temporary or ours.fullmatch(name)):
                    continue
                try:
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue  # deleted meanwhile, by another run's pruning
                total += stat.st_size
                if name == keep or (temporary and now - stat.st_mtime < _FRESH_SECONDS):
                    continue
                found.append((stat.st_mtime, stat.st_size, name))
    except OSError:
        return
    for _, size, name in sorted(found):
        if total <= limit:
            break
        try:
            os.remove(os.path.join(folder, name))
        except OSError:
            continue
        total -= size


def mark_used(path: str, modified: float) -> None:
    """Tell pruning that the entry at ``path`` (last modified at ``modified``) was just used."""
    import time

    if time.time() - modified > _FRESH_SECONDS:
        try:  # noqa: SIM105 (contextlib is not imported on a cached run's path)
            os.utime(path)
        except OSError:
            pass  # a read-only cache: no pruning of ours either


def _encode(value: Any) -> Any:
    if isinstance(value, PlainData):
        out = {"_": type(value).__name__}
        for name, field in value.as_dict().items():
            out[name] = _encode(field)
        return out
    if isinstance(value, (list, tuple, StoredExamples)):
        return [_encode(v) for v in value]
    return value


def _entry(value: Any) -> Any:
    """A cache entry: an object as a list of its class's number and its field values,
    in the order of its ``__init__`` parameters; a list or tuple as a tuple."""
    if isinstance(value, PlainData):
        entry = [_NUMBERS[type(value)], *[_entry(v) for v in value.as_dict().values()]]
        if type(value) is m.Rule:  # read only by tests and docs: kept apart, decoded when asked
            entry[_EXAMPLES_AT] = marshal.dumps(entry[_EXAMPLES_AT])
        return entry
    if isinstance(value, (list, tuple, StoredExamples)):
        return tuple([_entry(v) for v in value])
    return value


class StoredExamples:
    """A rule's examples as the cache holds them, decoded when first read.

    A check never reads them (``healthlint test``, ``explain`` and the rule
    pages do), and they are two thirds of a cached pack's objects: decoding
    them on demand takes about 1 ms off every cached run. Reads as the tuple
    it stands for (equal to it, hashed as it, pickled as it).
    """

    __slots__ = ("_blob", "_items")

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._items: tuple[m.Example, ...] | None = None

    def items(self) -> tuple[m.Example, ...]:
        """The examples (TypeError when the stored data is not a tuple of examples)."""
        if self._items is None:
            items = _decode(marshal.loads(self._blob))
            if type(items) is not tuple or not all(type(e) is m.Example for e in items):
                raise TypeError("a rule's examples are a tuple of examples")
            self._items = items
        return self._items

    def __iter__(self) -> Any:
        return iter(self.items())

    def __len__(self) -> int:
        return len(self.items())

    def __getitem__(self, index: Any) -> Any:
        return self.items()[index]

    def __bool__(self) -> bool:
        return bool(self.items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredExamples):
            other = other.items()
        return self.items() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.items())

    def __repr__(self) -> str:
        return repr(self.items())

    def __reduce__(self) -> tuple:
        return (tuple, (self.items(),))


#: Where a rule's examples stand in its entry (after the class number).
_EXAMPLES_AT = 1 + [f for f in m.Rule.__slots__ if f[0] != "_"].index("examples")


def _decode(value: Any) -> Any:
    """An entry back into the model's objects, tuples where it holds tuples.

    TypeError for anything but the lists, tuples and scalars ``_entry`` writes.
    """
    kind = type(value)
    if kind is list:
        number = value[0] if value else None
        if type(number) is not int or not 0 <= number < len(_ORDER):
            raise TypeError("not a class number")
        cls = _ORDER[number]
        # Most fields are scalars: checked here, not in a call each (15% of the decoding).
        scalars = _SCALARS
        stored = None
        if cls is m.Rule and len(value) > _EXAMPLES_AT and type(value[_EXAMPLES_AT]) is bytes:
            stored = StoredExamples(value[_EXAMPLES_AT])
            value = [*value[:_EXAMPLES_AT], (), *value[_EXAMPLES_AT + 1 :]]
        fields = [v if type(v) in scalars else _decode(v) for v in value[1:]]
        if stored is not None:
            fields[_EXAMPLES_AT - 1] = stored
        if cls is m.Policy:
            name, rules, regexes, sources = fields
            if type(name) is not str or type(rules) is not tuple:
                raise TypeError("a policy's name is a string and its rules a tuple")
            if not all(type(rule) is m.Rule for rule in rules):
                raise TypeError("a policy holds rules")
            if not all(type(r) is str for r in (*regexes, *sources)):
                raise TypeError("a policy's expressions are strings")
            return m.Policy(name, list(rules), list(regexes), list(sources))
        return cls(*fields)
    if kind is tuple:
        scalars = _SCALARS
        return tuple([v if type(v) in scalars else _decode(v) for v in value])
    if kind in _SCALARS:
        return value
    raise TypeError(f"not policy data: {kind.__name__}")
