"""Which files a walk yields, and that each real file is yielded once however it is reached."""

from __future__ import annotations

import os

import pytest

from linter.config.discovery import discover, is_copy_file


def _paths(*args: str) -> list[str]:
    return [t.path for t in discover(list(args))]


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site" / "blog").mkdir(parents=True)
    (tmp_path / "site" / "blog" / "a.md").write_text("A.\n")
    (tmp_path / "site" / "blog" / "b.html").write_text("<p>B.</p>\n")
    (tmp_path / "site" / "data.json").write_text("{}\n")
    (tmp_path / "site" / "locales").mkdir()
    (tmp_path / "site" / "locales" / "en.json").write_text("{}\n")
    return tmp_path


def test_a_walk_yields_copy_and_message_files_in_sorted_order(site):
    assert _paths("site") == ["site/blog/a.md", "site/blog/b.html", "site/locales/en.json"]


def test_a_file_reached_through_a_linked_folder_is_yielded_once(site):
    if not hasattr(os, "symlink"):
        pytest.skip("no symbolic links on this system")
    os.symlink(site / "site" / "blog", site / "site" / "also-blog")
    found = _paths("site")
    assert found.count("site/also-blog/a.md") + found.count("site/blog/a.md") == 1


def test_a_linked_file_is_yielded_once_with_the_file_it_points_at(site):
    if not hasattr(os, "symlink"):
        pytest.skip("no symbolic links on this system")
    os.symlink(site / "site" / "blog" / "a.md", site / "site" / "blog" / "z.md")
    assert _paths("site") == ["site/blog/a.md", "site/blog/b.html", "site/locales/en.json"]


def test_a_linked_file_pointing_outside_the_walk_is_yielded_under_its_own_name(site):
    if not hasattr(os, "symlink"):
        pytest.skip("no symbolic links on this system")
    (site / "elsewhere.md").write_text("E.\n")
    os.symlink(site / "elsewhere.md", site / "site" / "blog" / "c.md")
    assert "site/blog/c.md" in _paths("site")


def test_a_named_file_and_the_same_file_walked_are_one(site):
    assert _paths("site/blog/a.md", "site") == [
        "site/blog/a.md",
        "site/blog/b.html",
        "site/locales/en.json",
    ]


def test_only_json_files_have_their_path_made_relative():
    asked: list[str] = []

    def relative(path: str) -> str:
        asked.append(path)
        return path

    assert is_copy_file("site/a.md", relative=relative)
    assert not is_copy_file("site/data.json", relative=relative)
    assert is_copy_file("site/locales/en.json", relative=relative)
    assert asked == ["site/data.json", "site/locales/en.json"]
