"""Policy references: free text, usually ``"Title — https://..."``.

One parser serves every place a reference is shown: SARIF help links and
rule help, user templates, and the editor's diagnostic links and hovers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from linter.common.plaindata import PlainData

# A URL ends before trailing punctuation that belongs to the sentence around it.
_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
_DASHES = " \t—–-:,;"


class Reference(PlainData):
    """A reference split into the text before its URL, the URL and what follows."""

    __slots__ = ("title", "url", "rest")

    def __init__(self, title: str, url: str | None, rest: str = "") -> None:
        self.title = title
        self.url = url
        self.rest = rest

    @classmethod
    def parse(cls, text: str) -> Reference:
        """Split free text at its first URL; text without one is all title."""
        found = _URL.search(text)
        if found is None:
            return cls(text.strip(), None)
        return cls(
            text[: found.start()].strip(_DASHES),
            found.group(),
            text[found.end() :].strip(),
        )

    @property
    def label(self) -> str:
        """What to call the link: its title and any trailing words, else the URL."""
        words = " ".join(part for part in (self.title, self.rest.strip(_DASHES)) if part)
        return words or self.url or ""


def first_url(references: Iterable[str]) -> str | None:
    """The URL of the first reference that has one: where a reader learns more."""
    for reference in references:
        url = Reference.parse(reference).url
        if url:
            return url
    return None
