"""Turning phrase literals and regex literals into RE2 expressions.

A phrase is what a compliance reviewer types: ``"halt* progression"``. It
matches case-insensitively, lets any run of spaces or hyphens stand between
words ("stem cell" = "stem-cell" = "stem  cell"), lets a hyphen also vanish
("ground-breaking" = "groundbreaking"), treats ``*`` at a word's end as any
ending ("cure*" = cure, cures, cured, curing), and makes an apostrophe
optional ("Parkinson's" = "Parkinsons"). Curly quotes were already folded to
straight ones in the copy, and are folded here too.

``~word`` matches every inflection of the word, irregular ones included
(``~regrow`` = regrow, regrows, regrew, regrown, regrowing), and ``~word+``
its derived forms too (``~reverse+`` adds reversible, reversal, ...): see
linter.policy.inflection.
"""

from __future__ import annotations

import re

from linter.documents.model import matching_form

_SPACE = r"[\s\-]+"
_HYPHEN = r"[\s\-]*"
_REGEX_FLAGS = re.compile(r"[^\\]/([A-Za-z]+)$")  # /body/flags: the flags
_TOKEN = re.compile(r"\s+|-+|\*|'|[^\s\-*']+")


class LiteralError(ValueError):
    """A phrase or regex literal that cannot be compiled; ``offset`` is within it."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


def phrase_regex(phrase: str) -> str:
    """The RE2 expression (case-insensitive group) for a phrase literal."""
    text = matching_form(phrase).strip()
    if not text or not text.strip("*-' "):
        raise LiteralError("empty phrase")
    parts: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.isspace():
            parts.append(_SPACE)
        elif tok[0] == "-":
            parts.append(_HYPHEN)
        elif tok == "*":
            parts.append(_inflect(parts))
        elif tok == "'":
            parts.append("'?")
        elif tok[0] == "~":
            parts.append(_all_forms(tok, m.start()))
        else:
            parts.append(re.escape(tok))
    body = "".join(parts)
    if _is_word_char(text.lstrip("~")[:1] or " "):
        body = r"\b" + body
    if _is_word_char(text[-1]) or (text[-1] == "+" and "~" in text):
        body += r"\b"
    return f"(?i:{body})"


def _all_forms(token: str, offset: int) -> str:
    """``~word`` or ``~word+``: an alternation of the word's forms."""
    derive = token.endswith("+")
    word = token[1:-1] if derive else token[1:]
    if not word.isalpha():
        raise LiteralError(f"~ takes one word of letters (~heal, ~reverse+), not {token!r}", offset)
    from linter.policy.inflection import forms  # only policies that use ~ need the table

    return _factored(forms(word, derive))


def _factored(words: list[str]) -> str:
    """An alternation of ``words`` with their common prefix taken out (shorter to compile)."""
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    rest = sorted({w[len(prefix) :] for w in words}, key=lambda r: (-len(r), r))
    optional = "" in rest
    tails = [re.escape(r) for r in rest if r]
    if not tails:
        return re.escape(prefix)
    group = "(?:" + "|".join(tails) + ")" + ("?" if optional else "")
    return re.escape(prefix) + group


def _inflect(parts: list[str]) -> str:
    """The ending for ``word*``; may rewrite the word before it.

    ``cure*`` must reach "curing" and "curative" but not "current", and
    ``remedy*`` must reach "remedies": a final e or y may change.
    """
    if parts and parts[-1][-1:] == "e" and parts[-1][-2:-1].isalpha():
        parts[-1] = parts[-1][:-1]
        return r"(?:e|ing|ative|ation|ed)\w*"
    if parts and parts[-1][-1:] == "y" and parts[-1][-2:-1].isalpha():
        parts[-1] = parts[-1][:-1]
        return r"(?:y|ie|i)\w*"
    return r"\w*"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def split_regex_literal(literal: str) -> tuple[str, bool]:
    """``/body/i`` -> (body, ignore_case); ``\\/`` inside the body means ``/``."""
    ignore_case = literal.endswith("/i")
    body = literal[1 : -2 if ignore_case else -1]
    return body.replace("\\/", "/"), ignore_case


def regex_source(body: str, ignore_case: bool) -> str:
    """Wrap a user regex so it can sit inside an alternation with its own flags."""
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def unquote_phrase(literal: str) -> str:
    """``"a \\"b\\""`` -> ``a "b"``."""
    return re.sub(r"\\(.)", r"\1", literal[1:-1])


def lexicon_entry_regex(entry: str) -> str:
    """A lexicon entry is a phrase, or a regex when written as ``/.../`` or ``/.../i``.

    Any other flag is an error: ``/.../im`` read as a phrase would never match.
    """
    stripped = entry.strip()
    if len(stripped) > 2 and stripped[0] == "/" and stripped.endswith(("/", "/i")):
        body, ignore_case = split_regex_literal(stripped)
        if body:
            return regex_source(body, ignore_case)
    flags = _REGEX_FLAGS.search(stripped) if stripped[:1] == "/" else None
    if flags is not None:
        raise LiteralError(
            f"unknown regex flags {flags.group(1)!r} in {stripped} (only /.../i is supported;"
            " ^ and $ already match at each block's start and end)"
        )
    return phrase_regex(entry)


def alternation(sources: list[str]) -> str:
    """One expression matching any of ``sources``; longer alternatives first."""
    unique = sorted(set(sources), key=lambda s: (-len(s), s))
    if len(unique) == 1:
        return unique[0]
    return "(?:" + "|".join(unique) + ")"
