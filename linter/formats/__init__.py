"""Output formats. Each module turns a Report into text and knows only its syntax.

``formatter(spec)`` picks one by name; ``template:PATH`` compiles a user's
template at once, so a broken template stops the run before any linting.
``html`` shows the copy itself, which formats do not read: the caller passes
``read_copy`` (see linter.formats.html.CopyReader).
"""

from __future__ import annotations

from collections.abc import Callable

from linter.common.errors import FormatError
from linter.results.report import Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (3 ms)
if TYPE_CHECKING:
    from linter.formats.html import CopyReader

FORMATS = ("text", "json", "sarif", "github", "html")
TEMPLATE_PREFIX = "template:"


def formatter(spec: str, read_copy: CopyReader | None = None) -> Callable[[Report], str]:
    """The render function for a format name or ``template:PATH``; FormatError if unknown."""
    if spec.startswith(TEMPLATE_PREFIX):
        from linter.formats.template import load

        path = spec.removeprefix(TEMPLATE_PREFIX)
        if not path:
            raise FormatError("template: needs a path, e.g. template:report.md.j2")
        return load(path)
    if spec == "json":
        from linter.formats.json_format import render
    elif spec == "text":
        from linter.formats.text import render
    elif spec == "sarif":
        from linter.formats.sarif import render
    elif spec == "github":
        from linter.formats.github import render
    elif spec == "html":
        from linter.formats.html import HtmlFormat

        if read_copy is None:
            raise FormatError("the html format needs a way to read the copy")
        return HtmlFormat(read_copy)
    else:
        choices = ", ".join((*FORMATS, TEMPLATE_PREFIX + "PATH"))
        raise FormatError(f"unknown format {spec!r} (choose from {choices})")
    return render
