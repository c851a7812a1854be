"""Which files a run lints: named files always, directories walked for copy."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

COPY_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".txt")
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


@dataclass(slots=True, frozen=True)
class Target:
    """A file to lint, or a path that could not be used (``error`` set)."""

    path: str
    explicit: bool = False
    error: str = ""


def _skip_dir(name: str) -> bool:
    return name.startswith(".") or name in SKIP_DIRS


def discover(paths: list[str]) -> Iterator[Target]:
    """Yield targets in a stable order: arguments in order, each walk sorted."""
    for path in paths:
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.lexists(path):
            yield Target(path, explicit=True)
        else:
            yield Target(path, explicit=True, error="no such file or directory")


def _walk(root: str) -> Iterator[Target]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        try:
            st = os.stat(dirpath)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop: visit each folder once
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not _skip_dir(d))
        for name in sorted(filenames):
            if name.lower().endswith(COPY_EXTENSIONS) and not name.startswith("."):
                yield Target(os.path.join(dirpath, name))
