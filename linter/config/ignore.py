"""``.gitignore`` and ``.ignore`` files, as a directory walk honours them.

A site's repository ignores its build output, caches and generated pages;
linting them would report each claim twice. The walk reads the
``.gitignore`` of every folder it enters, and those of the folders above
the walked one up to the repository's root, and applies them as git does:
patterns are relative to their file's folder, later and deeper patterns win,
``!`` re-includes. (Global excludes and ``.git/info/exclude`` are not read.)
"""

from __future__ import annotations

import os

from linter.config.globs import Glob, compile_glob

_MAX_BYTES = 1_000_000
#: Read in this order in every folder: later patterns win.
IGNORE_FILES = (".gitignore", ".ignore")


class GitIgnores:
    """The ignore rules that apply below one walked folder."""

    def __init__(self, root: str) -> None:
        self.rules: list[tuple[str, Glob, bool]] = []  # (folder, glob, negated), in order
        self.loaded: set[str] = set()
        top = os.path.abspath(root)
        chain = [top]
        current = top
        while not os.path.exists(os.path.join(current, ".git")):
            parent = os.path.dirname(current)
            if parent == current:
                chain = [top]  # not in a repository: only the walked tree's own files
                break
            current = parent
            chain.append(current)
        for folder in reversed(chain):
            self.enter(folder)

    def enter(self, folder: str) -> None:
        """Read ``folder/.gitignore`` and ``folder/.ignore`` (once) before anything in it is judged.

        ``.ignore`` is read second, so its patterns win: it is where a
        project ignores for tools what git still tracks.
        """
        folder = os.path.abspath(folder)
        if folder in self.loaded:
            return
        self.loaded.add(folder)
        for name in IGNORE_FILES:
            self._read(folder, name)

    def _read(self, folder: str, name: str) -> None:
        try:
            with open(os.path.join(folder, name), "rb") as fh:
                text = fh.read(_MAX_BYTES).decode("utf-8", "replace")
        except OSError:
            return
        for line in text.splitlines():
            pattern = line.rstrip(" \t")
            if not pattern or pattern.startswith("#"):
                continue
            negated = pattern.startswith("!")
            if negated:
                pattern = pattern[1:]
            pattern = pattern.removeprefix("\\")
            if pattern.strip("/"):
                self.rules.append((folder, compile_glob(pattern), negated))

    def ignored(self, path: str, *, folder: bool) -> bool:
        """Is this path ignored? The last matching pattern decides, as in git."""
        if not self.rules:
            return False
        path = os.path.abspath(path)
        verdict = False
        for base, glob, negated in self.rules:
            if glob.folders_only and not folder:
                continue
            rel = os.path.relpath(path, base)
            if rel.startswith(".."):
                continue
            if glob.matches(rel.replace(os.sep, "/")):
                verdict = not negated
        return verdict
