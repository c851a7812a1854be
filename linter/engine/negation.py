"""Is a match negated or quoted? Small, explainable heuristics over one clause.

A match is negated when a negation word (no, not, never, without, cannot,
n't, ...) stands among the few words before it in the same clause: "there is
no known cure", "is not approved by the FDA", "cannot repair". Clauses end at
punctuation (, ; : dashes, brackets) and at contrastive words (but, however),
so "While there is no known cure, this therapy cures MS" still flags "cures".
Idioms that are not negations ("not only", "no longer", "no doubt") are
ignored; a few phrases negate too ("yet to", "failed to", "far from").
"""

from __future__ import annotations

import re

WINDOW_WORDS = 5
# Only this much text before a match can matter: keeps giant sentences linear.
_LOOKBACK_CHARS = 400
_QUOTE_LOOKBACK_CHARS = 4000

_NEGATORS = frozenset(
    {
        "no",
        "not",
        "never",
        "without",
        "cannot",
        "nor",
        "neither",
        "none",
        "nothing",
        "nobody",
        "non",
        "lack",
        "lacks",
        "lacking",
    }
)
_NOT_NEGATIONS = (
    re.compile(
        r"\b(?:not\s+only|not\s+just|not\s+merely|no\s+longer|no\s+doubt|no\s+wonder)\b", re.I
    ),
)
# "yet" is contrastive ("costly, yet it cures"), except in "not yet" and "yet to",
# where it belongs to the negation ("has not yet been approved").
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]\u2013\u2014]|\s-\s"
    r"|\b(?:but|however|although|though|whereas|(?<!not )(?<!n't )yet(?!\s+to\b))\b",
    re.I,
)
# Negations written as phrases: "has yet to be approved", "failed to repair".
_NEGATING_PHRASES = re.compile(r"\b(?:yet to|fail(?:s|ed|ure)? to|unable to|far from)\b", re.I)
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def clause_before(text: str, floor: int, start: int) -> str:
    """The text of the match's clause that precedes it (from ``floor`` on)."""
    prefix = text[max(floor, start - _LOOKBACK_CHARS) : start]
    cut = max((mm.end() for mm in _CLAUSE_BREAK.finditer(prefix)), default=0)
    return prefix[cut:]


def is_negated(text: str, floor: int, start: int) -> bool:
    """True when a negation governs the match beginning at ``start``."""
    clause = clause_before(text, floor, start)
    for pattern in _NOT_NEGATIONS:
        clause = pattern.sub(" ", clause)
    found = list(_WORD.finditer(clause))[-WINDOW_WORDS:]
    if any(w.group().lower() in _NEGATORS or w.group().lower().endswith("n't") for w in found):
        return True
    return bool(found) and _NEGATING_PHRASES.search(clause, found[0].start()) is not None


_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))'(?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?])'(?=[\s.,;:!?)\]]|$)")


def is_quoted(text: str, floor: int, start: int, end: int) -> bool:
    """True when the match sits inside quotation marks within its sentence."""
    floor = max(floor, start - _QUOTE_LOOKBACK_CHARS)
    before = text[floor:start]
    if before.count('"') % 2 == 1 and text.find('"', end, end + _QUOTE_LOOKBACK_CHARS) >= 0:
        return True
    lookahead = text[floor : start + 1]  # a quote right before the match opens it
    opens = len(_OPEN_SINGLE.findall(lookahead))
    closes = len(_CLOSE_SINGLE.findall(before))
    return opens > closes
