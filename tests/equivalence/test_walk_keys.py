"""The walk's cheap real paths and file checks equal the plain ones, links included.

``discover`` dedupes files by real path. The walk resolves each folder once
and joins a file's name to it, with one ``lstat`` per file, instead of
``os.path.realpath`` and ``os.stat`` for every file; this holds the two
together on a tree of folders, linked folders, linked files (inside and
outside the walk, and dangling) and a FIFO.
"""

from __future__ import annotations

import os

import pytest

from linter.config.discovery import CopyFiles, _irregular, _walk

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "site"
    for folder in ("a", "a/deep", "b"):
        (root / folder).mkdir(parents=True)
        for name in ("one.md", "two.html", "three.txt"):
            (root / folder / name).write_text("Copy.\n")
    (tmp_path / "outside.md").write_text("Outside.\n")
    os.symlink(root / "a", root / "b" / "to-a")  # a linked folder
    os.symlink(root / "a" / "one.md", root / "b" / "link-in.md")  # a linked file, inside
    os.symlink(tmp_path / "outside.md", root / "a" / "link-out.md")  # and outside
    os.symlink(tmp_path / "gone.md", root / "a" / "dangling.md")
    os.symlink("../a/deep", root / "b" / "relative-deep")  # a relative folder link
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "b" / "pipe.md")
    return root


def test_each_walked_key_is_the_real_path_and_each_error_the_plain_check(tree):
    walked = list(_walk(str(tree), CopyFiles()))
    assert len(walked) > 12
    for target, key in walked:
        assert key == os.path.realpath(target.path), target.path
        assert target.error == _irregular(target.path), target.path


def test_the_same_through_a_relative_root(tree, monkeypatch):
    monkeypatch.chdir(tree.parent)
    for target, key in _walk("site", CopyFiles()):
        assert key == os.path.realpath(target.path), target.path
        assert target.error == _irregular(target.path), target.path
