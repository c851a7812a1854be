"""Policy references: free text, usually ``"Title — https://..."``.

One parser serves every place a reference is shown: SARIF help links and
rule help, user templates, and the editor's diagnostic links and hovers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A URL ends before trailing punctuation that belongs to the sentence around it.
_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
_DASHES = " \t—–-:,;"


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference split into the text before its URL, the URL and what follows."""

    title: str
    url: str | None
    rest: str = ""

    @classmethod
    def parse(cls, text: str) -> Reference:
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
