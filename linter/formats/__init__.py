"""Output formats. Each module turns a Report into text and knows only its syntax."""

from __future__ import annotations

from collections.abc import Callable

from ..runner import Report

FORMATS = ("text", "json")


def formatter(name: str) -> Callable[[Report], str]:
    if name == "json":
        from .json_format import render
    elif name == "text":
        from .text import render
    else:
        raise ValueError(f"unknown format {name!r}")
    return render
