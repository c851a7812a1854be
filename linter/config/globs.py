"""Path globs as configuration files write them, relative to the config's folder.

The rules users know from .gitignore and most linters: ``*`` and ``?`` stay
inside one path component, ``**`` crosses folders, ``[abc]`` is a class; a
pattern without a slash matches a name at any depth (``*.draft.md``), one
with a slash is anchored at the config's folder (``blog/2019/**``), and a
trailing slash names folders only (``drafts/``).
"""

from __future__ import annotations

import re

from linter.common.plaindata import PlainData


class Glob(PlainData):
    """A glob as a regular expression; ``folders_only`` for patterns written with a trailing slash.

    A glob from a user is compiled at once, so a bad one fails as the
    configuration is read; the built-in ones (see ``compile_glob``) wait
    until first matched.
    """

    __slots__ = ("pattern", "source", "folders_only", "_regex")

    def __init__(self, pattern: str, source: str, folders_only: bool) -> None:
        self.pattern = pattern
        self.source = source  # Python ``re`` syntax, matched with re.S
        self.folders_only = folders_only
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled expression (compiled on first use)."""
        regex = self._regex
        if regex is None:
            regex = self._regex = re.compile(self.source, re.S)
        return regex

    def matches(self, relpath: str) -> bool:
        """Does the pattern match this path (not its parent folders)?"""
        return self.regex.match(relpath) is not None

    def covers(self, relpath: str) -> bool:
        """Does it match this path or one of the folders that hold it?"""
        parts = relpath.split("/")
        if not self.folders_only and self.matches(relpath):
            return True
        return any(self.matches("/".join(parts[:n])) for n in range(1, len(parts)))


def compile_glob(pattern: str, *, lazy: bool = False) -> Glob:
    """Compile a configuration glob once, so matching a walk's paths is one regex each.

    ``lazy`` (for built-in globs, known to compile) leaves compiling to the
    first match: a run of one Markdown file never matches the default
    message-file globs, and compiling them cost 0.4 ms of its start.
    """
    folders_only = pattern.endswith("/")
    body = pattern.rstrip("/")
    anchored = "/" in body
    body = body.removeprefix("./").lstrip("/")
    prefix = "" if anchored else "(?:.*/)?"
    glob = Glob(pattern, f"{prefix}{_translate(body)}\\Z", folders_only)
    if not lazy:
        glob.regex  # noqa: B018  (compiled now: a bad glob is an error here, not at the first path)
    return glob


def _translate(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) > 0:
            inner = pattern[i + 1 : close]
            negate = inner[0] in "!^"
            inner = re.escape(inner[1:] if negate else inner).replace("\\-", "-")
            out.append(f"[{'^' if negate else ''}{inner}]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


def covered(globs: tuple[Glob, ...], relpath: str) -> bool:
    """Does any glob cover this path or a folder that holds it? (The test for ``exclude``.)"""
    return any(g.covers(relpath) for g in globs)


def matched(globs: tuple[Glob, ...], relpath: str) -> bool:
    """Does any glob match this path itself? (The test for ``include`` and message files.)"""
    return any(g.matches(relpath) for g in globs)
