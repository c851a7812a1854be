"""Prescribed statements: notices whose words a law fixes, compared word by word.

A state statute that prescribes a notice ("THIS NOTICE MUST BE PROVIDED TO
YOU UNDER CALIFORNIA LAW. This health care practitioner performs …") is met
by those words, however the page wraps, capitalises, quotes or punctuates
them. So a statement is compared as a sequence of words: case, spacing, line
breaks, straight or curly quotes, dashes and punctuation between words are
ignored; every word, and the order of the words, counts.
"""

from __future__ import annotations

import re

from linter.documents.model import matching_form

#: A word: letters and digits, with inner apostrophes ("practitioner's").
WORD = re.compile(r"\w+(?:'\w+)*")
_SENTENCE_END = re.compile(r"[.:!?](?=\s|$)")
#: Fewest words an opening has: shorter ones would be found in ordinary copy.
MIN_OPENING_WORDS = 4


def statement_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as compared: case-folded, typographic quotes folded."""
    return tuple(w.casefold() for w in WORD.findall(matching_form(text)))


def opening(text: str) -> str:
    """The part of a statement that announces it: its first sentence, without the stop.

    A one-sentence statement opens with its first half (at least
    MIN_OPENING_WORDS words), so an altered ending can still be told from
    copy that never quotes the statement.
    """
    folded = matching_form(text).strip()
    end = _SENTENCE_END.search(folded)
    first = folded[: end.start()] if end else folded
    words = list(WORD.finditer(folded))
    first_words = WORD.findall(first)
    if len(first_words) < len(words) and len(first_words) >= MIN_OPENING_WORDS:
        return first
    keep = max(MIN_OPENING_WORDS, len(words) // 2)
    if keep >= len(words):
        return folded
    return folded[: words[keep - 1].end()]


def opening_regex(text: str) -> str:
    """An RE2 expression finding a statement's opening, with anything but words between words."""
    words = WORD.findall(opening(text))
    body = r"\W+".join(re.escape(w).replace("'", "'?") for w in words)
    return rf"(?i:\b{body}\b)"
