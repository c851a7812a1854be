"""Small helpers for what users read: suggestions for a misspelt name, paths as they like them."""

from __future__ import annotations

import os
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" for the closest of ``choices``, or "" when none is close."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def display_path(path: str) -> str:
    """A path as users like to read it: relative when it lies below the working folder."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel
