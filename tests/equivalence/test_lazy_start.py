"""Work a one-file run no longer does up front is still done, the same, when needed.

The built-in message-file globs are compiled on their first match, not when
``linter.config.discovery`` is imported; policy-language errors are imported
only when a policy is compiled. Each gives what the eager way gave.
"""

from __future__ import annotations

import re

import pytest

from linter.config.discovery import DEFAULT_MESSAGE_GLOBS, MESSAGE_FILES
from linter.config.globs import compile_glob
from linter.policy.phrases import LiteralError
from linter.policy.regexes import check_regex

PATHS = ["messages/en.json", "app/locales/de/x.json", "a.json", "lang/en.md", "i18n/fr.json"]


def test_a_lazy_glob_matches_as_a_compiled_one():
    for pattern in (*MESSAGE_FILES, "*.md", "docs/**/*.md", "drafts/", "page-[!0-4].md"):
        lazy, eager = compile_glob(pattern, lazy=True), compile_glob(pattern)
        assert lazy == eager
        for path in PATHS:
            assert lazy.matches(path) is eager.matches(path)
            assert lazy.covers(path) is eager.covers(path)
    assert tuple(compile_glob(p) for p in MESSAGE_FILES) == DEFAULT_MESSAGE_GLOBS


def test_a_bad_glob_from_a_user_still_fails_as_it_is_read():
    with pytest.raises(re.error):
        compile_glob("[z-a]")


def test_an_expression_re2_refuses_is_still_a_literal_error():
    with pytest.raises(LiteralError, match="lookarounds and backreferences"):
        check_regex("(?<=a)b")
