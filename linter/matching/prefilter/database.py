"""The prefilter as a Hyperscan database, compiled once and kept in the cache.

RE2's sets build their state tables lazily, as a process first meets
ordinary text, so every worker of a site-wide run spends tens of
milliseconds on it whatever the size of the site, and a one-page run some
14 ms. A Hyperscan database is compiled in full up front, loads in a few
milliseconds and scans at one speed from its first byte, but compiling one
for the bundled pack takes about 0.4 s, more than a run saves.
So a database is compiled only where it will be reused: once a policy has
come out of the cache (the cache evidently lasts from one run to the next),
and it is then stored beside it. Until then, or without Hyperscan, or with
caching off, the RE2 sets do the job.

The database must never rule out an expression that RE2 would match, so it
only takes expressions whose meaning is the same in both engines (see
``eligible``), compiled for UTF-8 with ASCII ``\\w``, ``\\b`` and ``\\d`` as in
RE2 (and the same case folding, the Kelvin sign and the long s included);
the others stay with an RE2 set.
"""

from __future__ import annotations

import os
import re
import sys

from linter.common.digest import sha256
from linter.matching.expressions import anchored_to_text
from linter.matching.prefilter.sets import SetPrefilter
from linter.policy import cache

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

# Constructs whose meaning may differ between the engines: any non-ASCII
# character (case folding beyond ASCII is not checked here), Unicode
# classes, a byte or a code point above ASCII, digits after a backslash
# (octal in one, a back-reference in the other) and the ungreedy flag. An
# expression using one stays with RE2.
_UNSAFE = re.compile(r"\\[pPC0-9]|\\x(?:\{|[89a-fA-F])|\(\?[a-zA-Z-]*U")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _caseless(ch: str) -> bool:
    """A character with no other case (£, €, ™): both engines match it only as itself."""
    return ch.lower() == ch == ch.upper() and ch.casefold() == ch


def eligible(source: str) -> bool:
    """Does ``source`` mean the same to Hyperscan as to RE2 (on multi-line UTF-8 text)?

    Non-ASCII characters are allowed only where case cannot change them
    (currency signs): the engines fold the case of other letters differently.
    """
    if anchored_to_text(source) or _UNSAFE.search(source) is not None:
        return False
    return all(_caseless(m.group()) for m in _NON_ASCII.finditer(source))


class DatabasePrefilter:
    """A prefilter whose eligible expressions are answered by a Hyperscan database."""

    def __init__(
        self,
        db: Any,
        positions: tuple[int, ...],  # the database's expression ids -> positions in the sources
        rest: SetPrefilter | None = None,  # an RE2 prefilter for the other expressions
        rest_positions: tuple[int, ...] = (),  # its positions -> positions in the sources
    ) -> None:
        self._db = db
        self._positions = positions
        self._rest = rest
        self._rest_positions = rest_positions
        found: set[int] = set()
        self._found = found

        def on_match(id_: int, start: int, end: int, flags: int, context: Any) -> None:
            found.add(id_)

        self._on_match = on_match
        self.covered = frozenset(positions)
        if rest is not None:
            self.covered |= {rest_positions[i] for i in rest.covered}

    def run(self, data: bytes) -> set[int]:
        """Positions of the covered expressions that match somewhere in ``data``."""
        found = self._found
        found.clear()
        self._db.scan(data, match_event_handler=self._on_match)
        present = {self._positions[i] for i in found}
        if self._rest is not None:
            present.update(self._rest_positions[i] for i in self._rest.run(data))
        return present


def database_prefilter(sources: tuple[str, ...], compile_missing: bool) -> DatabasePrefilter | None:
    """The database prefilter for ``sources``, loaded from the cache or compiled into it.

    None when it cannot be had this run: no Hyperscan, caching off, no
    expression eligible, or no database stored and ``compile_missing`` false
    (the run's policy was compiled afresh, so the cache may not last).
    """
    folder = cache.cache_dir()
    eligible_positions = tuple(i for i, s in enumerate(sources) if eligible(s))
    if folder is None or not eligible_positions:
        return None
    try:
        hs = hyperscan_extension()
    except (ImportError, OSError):  # no wheel for this platform, or a library that cannot load
        return None
    flags = hs.HS_FLAG_UTF8 | hs.HS_FLAG_MULTILINE | hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_ALLOWEMPTY
    digest = sha256(f"{hs.__version__}\0{flags}\0".encode())  # the library's version
    for i in eligible_positions:
        digest.update(sources[i].encode() + b"\0")
    path = os.path.join(folder, f"prefilter-{digest.hexdigest()[:40]}.hsdb")
    loaded = _load(hs, path, len(eligible_positions))
    if loaded is None:
        if not compile_missing or not os.access(folder, os.W_OK):
            return None  # compiling costs more than one run saves: only for a lasting cache
        loaded = _compile(hs, flags, [sources[i] for i in eligible_positions])
        if loaded is None:
            return None
        _store(hs, *loaded, path)
    db, kept = loaded
    db.scratch = hs.Scratch(db)
    positions = tuple(eligible_positions[k] for k in kept)
    in_database = set(positions)
    others = tuple(i for i in range(len(sources)) if i not in in_database)
    rest = SetPrefilter(tuple(sources[i] for i in others)) if others else None
    return DatabasePrefilter(db, positions, rest, others)


def hyperscan_extension() -> Any:
    """Hyperscan's compiled module, without the package's Python layer around it.

    ``hyperscan/__init__.py`` imports ``typing`` (some 3 ms, against a
    one-file run's 50 ms budget) for type names; the database uses only
    what the extension itself defines (``Database``, ``Scratch``,
    ``loadb``, ``dumpb``, the flags, ``error`` and the library's
    ``__version__``). ImportError when the package or its extension is
    missing.
    """
    name = "hyperscan._hs_ext"
    if any(sys.modules.get(n, True) is None for n in ("hyperscan", name)):
        raise ImportError("Hyperscan is blocked")  # None in sys.modules: an import must fail
    module = sys.modules.get(name)
    if module is not None:
        return module
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec, PathFinder

    package = PathFinder.find_spec("hyperscan")
    for folder in (package and package.submodule_search_locations) or ():
        for suffix in EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_hs_ext" + suffix)
            if os.path.exists(path):
                loader = ExtensionFileLoader(name, path)
                spec = ModuleSpec(name, loader, origin=path)
                spec.has_location = True
                module = loader.create_module(spec)
                # what importlib.util.module_from_spec sets (importlib.util imports contextlib)
                module.__spec__, module.__loader__ = spec, loader
                module.__file__, module.__package__ = path, "hyperscan"
                loader.exec_module(module)
                sys.modules[name] = module  # the package, if imported later, finds it
                return module
    raise ImportError("no Hyperscan extension module")


def _load(hs: Any, path: str, eligible: int) -> tuple[Any, list[int]] | None:
    """The database stored at ``path``, with the indexes of the eligible expressions it holds."""
    try:
        with open(path, "rb") as fh:
            head = fh.readline()  # read apart: splitting the whole file copies 2 MB (1 ms)
            blob = fh.read()
            cache.mark_used(path, os.fstat(fh.fileno()).st_mtime)
        kept = [int(k) for k in head.rstrip(b"\n").split(b",")]
        if not all(0 <= k < eligible for k in kept):
            return None
        return hs.loadb(blob, mode=hs.HS_MODE_BLOCK), kept
    except (OSError, ValueError, hs.error):  # absent, damaged, or built for another machine
        return None


def _compile(hs: Any, flags: int, sources: list[str]) -> tuple[Any, list[int]] | None:
    """A database of ``sources`` but any Hyperscan rejects; with the indexes it holds."""
    kept = list(range(len(sources)))
    try:
        return _database(hs, flags, sources, kept), kept
    except hs.error:
        pass
    kept = [i for i in kept if _compiles(hs, flags, sources[i])]
    try:
        return (_database(hs, flags, sources, kept), kept) if kept else None
    except hs.error:
        return None


def _database(hs: Any, flags: int, sources: list[str], kept: list[int]) -> Any:
    db = hs.Database(mode=hs.HS_MODE_BLOCK)
    db.compile(
        expressions=[sources[i].encode() for i in kept],
        ids=list(range(len(kept))),
        elements=len(kept),
        flags=[flags] * len(kept),
    )
    return db


def _compiles(hs: Any, flags: int, source: str) -> bool:
    try:
        _database(hs, flags, [source], [0])
    except hs.error:
        return False
    return True


def _store(hs: Any, db: Any, kept: list[int], path: str) -> None:
    """Keep the database, headed by the indexes it holds; failing to only means compiling again."""
    data = ",".join(map(str, kept)).encode() + b"\n" + hs.dumpb(db)
    cache.write(os.path.basename(path), data)
