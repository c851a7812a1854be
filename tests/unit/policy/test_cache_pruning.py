"""The cache folder stays bounded: the least recently used entries go, and only ours."""

from __future__ import annotations

import os
import time

from linter.policy import cache

KEY = "0123456789abcdef0123456789abcdef01234567"


def _file(folder, name: str, size: int, age_hours: float) -> str:
    path = os.path.join(folder, name)
    with open(path, "wb") as out:
        out.write(b"x" * size)
    when = time.time() - age_hours * 3600
    os.utime(path, (when, when))
    return path


def _entry_name(n: int) -> str:
    return f"{n:040x}{cache.ENTRY}"


def test_writing_past_the_limit_deletes_the_least_recently_used_entries(tmp_path):
    for n, age in enumerate([50, 40, 30, 20]):
        _file(tmp_path, _entry_name(n), 1000, age)
    cache.prune(str(tmp_path), keep=_entry_name(3), limit=2500)
    assert sorted(os.listdir(tmp_path)) == [_entry_name(2), _entry_name(3)]


def test_the_entry_just_written_stays_however_old_its_time(tmp_path):
    _file(tmp_path, _entry_name(0), 1000, 100)
    _file(tmp_path, _entry_name(1), 1000, 1)
    cache.prune(str(tmp_path), keep=_entry_name(0), limit=1500)
    assert os.listdir(tmp_path) == [_entry_name(0)]


def test_files_the_tool_did_not_write_are_never_deleted_or_counted(tmp_path):
    _file(tmp_path, "notes.txt", 10_000, 500)
    _file(tmp_path, "report.json", 10_000, 500)
    _file(tmp_path, ".tmp-editor-swap", 1000, 5)  # another program's temporary file
    _file(tmp_path, f"{KEY}.json", 1000, 20)  # 40 hex digits, but whose?
    _file(tmp_path, f"prefilter-{KEY}.hsdb", 1000, 10)
    _file(tmp_path, _entry_name(7), 1000, 30)
    cache.prune(str(tmp_path), limit=1500)
    assert sorted(os.listdir(tmp_path)) == sorted(
        [".tmp-editor-swap", f"{KEY}.json", "notes.txt", f"prefilter-{KEY}.hsdb", "report.json"]
    )


def test_a_temporary_file_is_left_while_another_run_may_be_writing_it(tmp_path):
    _file(tmp_path, ".tmp-healthlint-recent", 1000, 0.1)
    _file(tmp_path, ".tmp-healthlint-abandoned", 1000, 5)
    cache.prune(str(tmp_path), limit=0)
    assert os.listdir(tmp_path) == [".tmp-healthlint-recent"]


def test_a_folder_under_the_limit_is_left_alone(tmp_path):
    for n in range(3):
        _file(tmp_path, _entry_name(n), 100, n)
    cache.prune(str(tmp_path), limit=cache.MAX_BYTES)
    assert len(os.listdir(tmp_path)) == 3


def test_storing_an_entry_prunes_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "MAX_BYTES", 1500)
    _file(tmp_path, _entry_name(0), 1000, 10)
    cache.write(_entry_name(1), b"y" * 1000)
    assert os.listdir(tmp_path) == [_entry_name(1)]


def test_reading_an_old_entry_marks_it_used_so_pruning_keeps_it(tmp_path):
    path = _file(tmp_path, _entry_name(0), 10, 48)
    before = os.stat(path).st_mtime
    cache.mark_used(path, before)
    assert os.stat(path).st_mtime > before + 47 * 3600


def test_a_recently_used_entry_is_not_written_to_again(tmp_path):
    path = _file(tmp_path, _entry_name(0), 10, 0.25)
    before = os.stat(path).st_mtime
    cache.mark_used(path, before)
    assert os.stat(path).st_mtime == before
