"""Glob semantics of configuration files (linter/config/globs.py): as in .gitignore."""

from __future__ import annotations

import pytest

from linter.config.globs import compile_glob


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.md", "a.md", True),
        ("*.md", "deep/er/a.md", True),  # no slash: a name at any depth
        ("*.md", "a.mdx", False),
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/x/a.md", False),  # * stays inside one folder
        ("docs/*.md", "site/docs/a.md", False),  # a slash anchors at the config's folder
        ("/a.md", "a.md", True),
        ("/a.md", "x/a.md", False),
        ("./a.md", "x/a.md", False),
        ("docs/**/*.md", "docs/a.md", True),  # ** is zero or more folders
        ("docs/**/*.md", "docs/x/y/a.md", True),
        ("**/*.md", "a.md", True),
        ("blog/**", "blog/2019/a.md", True),
        ("page-?.md", "page-1.md", True),
        ("page-?.md", "page-10.md", False),
        ("page-[0-4].md", "page-3.md", True),
        ("page-[!0-4].md", "page-3.md", False),
        ("page-[!0-4].md", "page-7.md", True),
        ("a+b(1).md", "a+b(1).md", True),  # regex characters are literal
    ],
)
def test_matches(pattern, path, matches):
    assert compile_glob(pattern).matches(path) is matches


@pytest.mark.parametrize(
    ("pattern", "path", "covers"),
    [
        ("drafts", "drafts/a.md", True),  # a folder covers what it holds
        ("drafts/", "x/drafts/a.md", True),
        ("drafts/", "drafts", False),  # a trailing slash: folders only, not a file
        ("drafts/", "drafts.md", False),
        ("blog/2019", "blog/2019/x/a.md", True),
        ("blog/2019", "old/blog/2019/a.md", False),
        ("*.old.md", "x/a.old.md", True),
    ],
)
def test_covers_paths_and_their_folders(pattern, path, covers):
    assert compile_glob(pattern).covers(path) is covers
