"""Which files a run lints: named files always, directories walked for copy.

A walk picks copy files by extension (Markdown, HTML, text, MDX, JSX, TSX)
and JSON message files by where they sit; ``.js``, ``.ts`` and other
``.json`` files are code and data, read only when named or included. It skips
hidden folders, dependency and build output folders, and what ``.gitignore``
and ``.ignore`` files ignore. A configuration may narrow or widen a walk (include/exclude
globs); callers pass its judgement in as ``select`` and the walk asks it
about every file and folder it meets.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator

from linter.common.plaindata import PlainData
from linter.config.globs import compile_glob, matched
from linter.config.ignore import GitIgnores
from linter.documents import format_for_path

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Protocol

    class Selector(Protocol):
        """What a walk asks about each file and folder it meets (a configuration's judgement)."""

        def wants(self, path: str, *, walked: bool) -> bool:
            """Is this file linted? ``walked``: found by a walk, not named."""

        def wants_folder(self, path: str) -> bool:
            """Does the walk enter this folder?"""


# Dependencies, caches and build output: copy there is generated from the sources.
SKIP_DIRS = frozenset(
    {"node_modules", "__pycache__", "venv", "site-packages", "dist", "build", "out"}
)
#: Formats a walk reads by extension; .js, .ts and .json only when included
#: (a repository has thousands of code files), message files aside.
WALKED_FORMATS = frozenset({"text", "markdown", "html", "mdx", "jsx", "tsx"})
#: Where next-intl, i18next, react-intl and vue-i18n keep messages, by default.
MESSAGE_FILES = (
    "**/messages/**/*.json",
    "**/locales/**/*.json",
    "**/locale/**/*.json",
    "**/lang/**/*.json",
    "**/i18n/**/*.json",
    "**/translations/**/*.json",
)
DEFAULT_MESSAGE_GLOBS = tuple(compile_glob(p, lazy=True) for p in MESSAGE_FILES)


class Target(PlainData):
    """A file to lint, or a path that could not be used (``error`` set)."""

    __slots__ = ("path", "explicit", "error")

    def __init__(self, path: str, explicit: bool = False, error: str = "") -> None:
        self.path = path
        self.explicit = explicit
        self.error = error


def is_copy_file(
    path: str,
    message_globs=DEFAULT_MESSAGE_GLOBS,
    relative: Callable[[str], str] | None = None,
) -> bool:
    """Does a walk read this file by default? ``relative(path)`` is what the message globs
    see; it is asked only for JSON files, so a walk of thousands of pages pays for none."""
    fmt = format_for_path(path)
    if fmt == "json":
        return matched(message_globs, (relative(path) if relative else path).replace(os.sep, "/"))
    return fmt in WALKED_FORMATS


class CopyFiles:
    """The default: every copy file by extension, every named file."""

    def wants(self, path: str, *, walked: bool) -> bool:
        """Every named file; a walked file only if it is copy."""
        return not walked or is_copy_file(path, relative=os.path.relpath)

    def wants_folder(self, path: str) -> bool:
        """Every folder a walk reaches (hidden and build folders are skipped before asking)."""
        return True


def _skip_dir(name: str) -> bool:
    return name.startswith(".") or name in SKIP_DIRS


def discover(
    paths: list[str], select: Selector | None = None, *, respect_ignores: bool = True
) -> Iterator[Target]:
    """Yield targets in a stable order: arguments in order, each walk sorted.

    A file named more than once (``site/legal site/legal/terms.html``) is
    linted once; every path is written one way (``blog/a.md``, never
    ``./blog/a.md``). A walk honours ``.gitignore`` and ``.ignore`` files
    unless ``respect_ignores`` is off, and reports what is not a regular
    file (a FIFO would block the run) instead of reading it.
    """
    select = select or CopyFiles()
    seen: set[str] = set()
    for path in paths:
        targets: Iterator[tuple[Target, str]]
        if os.path.isdir(path):
            targets = _walk(path, select, respect_ignores)
        elif not os.path.lexists(path):
            target = Target(os.path.normpath(path), explicit=True, error=_MISSING)
            targets = iter([(target, os.path.realpath(target.path))])
        elif select.wants(path, walked=False):
            target = Target(os.path.normpath(path), explicit=True)
            targets = iter([(target, os.path.realpath(target.path))])
        else:
            continue
        for target, key in targets:
            if key not in seen:
                seen.add(key)
                yield target


_MISSING = "no such file or directory"


def _walk(
    root: str, select: Selector, respect_ignores: bool = True
) -> Iterator[tuple[Target, str]]:
    """The copy files under ``root``, each with its real path (what ``discover`` dedupes by).

    A file that is not a symbolic link has the real path of its folder joined
    with its name, and one ``lstat`` says whether it is a regular file: a walk of
    thousands of pages resolves each folder once, not every file's every parent.
    """
    seen: set[tuple[int, int]] = set()
    ignores = GitIgnores(root) if respect_ignores else None
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        try:
            st = os.stat(dirpath)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop: visit each folder once
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        real_folder = os.path.realpath(dirpath)
        if ignores is not None:
            ignores.enter(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not _skip_dir(d)
            and not (ignores and ignores.ignored(os.path.join(dirpath, d), folder=True))
            and select.wants_folder(os.path.join(dirpath, d))
        )
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if (
                not name.startswith(".")
                and select.wants(path, walked=True)
                and not (ignores and ignores.ignored(path, folder=False))
            ):
                yield _walked(path, os.path.join(real_folder, name))


def _walked(path: str, real: str) -> tuple[Target, str]:
    """A walked file as a target, with its real path (``real``: if it is not a link)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:  # gone since the listing: as before, reading it says why
        return Target(os.path.normpath(path), error=_irregular(path)), os.path.realpath(path)
    if stat.S_ISLNK(mode):
        return Target(os.path.normpath(path), error=_irregular(path)), os.path.realpath(path)
    error = "" if stat.S_ISREG(mode) else "not a regular file"
    return Target(os.path.normpath(path), error=error), real


def _irregular(path: str) -> str:
    """Why a walked file cannot be read as a file ("" when it can): a FIFO, a socket, a device."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return ""  # a broken link: reading it says why
    return "" if stat.S_ISREG(mode) else "not a regular file"
